/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Evaluation: the client's data and the checked template become the
 * evaluated stream (stream.h) and the title; the document builder
 * (doc/build.h) takes it from there. */
#ifndef LGC_EVAL_H
#define LGC_EVAL_H

#include <stdbool.h>

#include "check/program.h"
#include "eval/stream.h"

struct data;
struct eval;
struct eval_limits;
struct prov;

struct eval *eval_new(const struct program *prog, struct data *data,
	    struct diags *ds);
void	eval_free(struct eval *ev);
/* --brouillon: a missing input is absent, not an error; missing values
 * print as placeholders and undecidable conditions show every branch
 * under a label. */
void	eval_set_draft(struct eval *ev, bool draft);
/* In a draft, show every branch of every condition under its label,
 * those the data or the default values decide too (--brouillon=tout). */
void	eval_set_draft_all(struct eval *ev, bool all);
/* Keep straight "…" quotes instead of « … ». */
void	eval_set_straight_quotes(struct eval *ev, bool keep);
/* Room for TOKENS tokens reserved for the stream at once: the length
 * of the last contract's, in a batch. */
void	eval_set_stream_hint(struct eval *ev, size_t tokens);

/* Record in P (prov.h, initialised by the caller) where each piece of
 * the stream comes from; NULL (the default) records nothing. */
void	eval_set_provenance(struct eval *ev, struct prov *p);

/* What one document may cost (struct eval_limits, expr.h). */
void	eval_set_limits(struct eval *ev, const struct eval_limits *limits);

/* Resolves every input (its condition, then presence, type and
 * constraint) and warns about the data's unknown keys.  False when an
 * input failed; each failure was reported. */
bool	eval_inputs(struct eval *ev);
/* Checks every exiger/recommander and evaluates the body into OUT,
 * which the caller frees (stream_free) in any case.  False after
 * reporting errors. */
bool	eval_document(struct eval *ev, struct stream *out);
/* The title, evaluated but not typeset (the model's name when there is
 * none), and the model's name ("" when none); both set, and to be
 * freed, in any case.  False after reporting an error in the title or
 * before it. */
bool	eval_title(struct eval *ev, char **title, char **model);

/* The main file's letter layout, evaluated, not typeset.  Freed by
 * eval_letter_free in any case. */
struct eval_letter {
	bool		 letter;	/* genre lettre */
	bool		 has_place, has_date;
	struct letter_parts place;	/* lieu */
	struct letter_parts date;	/* date, « 3 février 2027 » */
	char		*mention;	/* the signers' handwritten mention,
					 * or NULL */
};
/* False after reporting an error in lieu or date. */
bool	eval_letter(struct eval *ev, struct eval_letter *out);
void	eval_letter_free(struct eval_letter *l);

#endif
