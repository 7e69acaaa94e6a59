/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The representation of presence facts, shared by presence.c (the
 * store and what a condition teaches) and decide.c (evaluation and
 * entailment), and by no one else. */
#ifndef LGC_FACTS_H
#define LGC_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "syntax/ast.h"

struct value_fact {
	char	*key;
	size_t	 n;		/* size of the value universe */
	bool	*allowed;
	bool	 input;	/* keyed on a client input */
};

struct atom_fact {
	const struct expr *e;
	bool	 truth;
};

struct name_fact {
	char	*key;
	bool	 present;
	bool	 input;
};

/* A condition known to hold (TRUTH true) or not, kept as written: for a
 * disjunction the value sets keep only what both sides share, and
 * facts_eval decides what they leave unknown by enumerating the values
 * of the condition's variables (enumerate_eval). */
struct cond_fact {
	const struct expr *e;
	bool	 truth;
};

struct facts {
	struct value_fact *values;
	size_t		 nvalues;
	struct name_fact *names;
	size_t		 nnames;
	struct atom_fact *atoms;
	size_t		 natoms;
	struct cond_fact *conds;
	size_t		 nconds;
	bool		 contradiction;
};

/* The key of a name or field path (*INPUT: a client input's), or NULL. */
char	*key_of(const struct expr *e, bool *input);
/* How many values a booléen or choice expression may take, else 0. */
size_t	 universe(const struct expr *e);
const struct value_fact *find_value(const struct facts *k, const char *key);
/* 1 present, 0 absent, -1 unknown. */
int	 presence_of(const struct facts *k, const char *key);
bool	 split_value_test(const struct expr *e, const struct expr **xp,
	    int *index);
bool	 same_expr(const struct expr *a, const struct expr *b);
/* Whether K remembers C as TRUTH. */
bool	 has_cond(const struct facts *k, const struct expr *c, bool truth);
bool	 always_present(const struct expr *e);
void	 facts_add(struct facts *k, const struct facts *b);

#endif
