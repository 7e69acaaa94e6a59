/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Presence facts (details, rules 24-26): what is known to hold at a
 * point of the template — the possible values of boolean and choice
 * names, the names known present, and other conditions by structure —
 * and three-valued evaluation of a requirement under them. */
#ifndef LGC_PRESENCE_H
#define LGC_PRESENCE_H

#include <stdbool.h>

#include "syntax/ast.h"

enum kleene {
	KL_FALSE,
	KL_UNKNOWN,
	KL_TRUE
};

struct facts;

struct facts *facts_new(void);
struct facts *facts_copy(const struct facts *k);
void	facts_free(struct facts *k);

/* Adds what C being TRUTH teaches (De Morgan for `non`, union of the
 * two sides' values for `ou`). */
void	facts_assume(struct facts *k, const struct expr *c, bool truth);
/* {cas v…} (IN) and {autre} (!IN) of a selon over SUBJECT. */
void	facts_assume_values(struct facts *k, const struct expr *subject,
	    const int *indexes, size_t n, bool in);
/* A name or field known present (it was just used validly). */
void	facts_assume_present(struct facts *k, const struct expr *name);

/* A set of values became empty: the point is unreachable. */
bool	facts_contradiction(const struct facts *k);
enum kleene facts_eval(const struct facts *k, const struct expr *r);
/* Whether everything L asserts follows from K. */
bool	facts_entail(const struct facts *k, const struct facts *l);
/* Whether A and B can never hold together. */
bool	facts_exclusive(const struct facts *a, const struct facts *b);
/* A or B, when exactly representable as facts (same assertions but the
 * values of one name); NULL otherwise. */
struct facts *facts_union(const struct facts *a, const struct facts *b);
/* Keeps only facts about client inputs: what a clause may rely on. */
struct facts *facts_for_clause(const struct facts *k);
/* Whether E is a condition on a name that facts can hold ("x = v"
 * with x a name or field and v a constant of its choice or booléen). */
bool	facts_is_value_test(const struct expr *e);

#endif
