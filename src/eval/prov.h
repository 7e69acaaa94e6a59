/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * Provenance (lgc build --provenance, lgc explique): what the evaluator
 * saw while it made each piece of the stream.  Recorded only when asked
 * (eval_set_provenance), so that a plain build neither pays for it nor
 * changes: the stream itself is untouched.
 *
 * Three tables, tied to the stream by token index:
 *   - scopes, a tree: each {inclure} entered, each branch of a {si} or
 *     case of a {selon} taken, each turn of a loop, with what decided
 *     it (the conditions that held, those that did not, and the inputs
 *     they read, with their values);
 *   - marks: at each line, heading and signature block, the token index
 *     where it starts, its place in the template and its scope;
 *   - values: each {…} printed, with its expression, its value and,
 *     when the data gives it, the data file and JSON path.
 * The document builder sets on each block the range of tokens it was
 * made of (struct doc_block); api/provenance.c joins the two.
 */
#ifndef LGC_PROV_H
#define LGC_PROV_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

enum prov_scope_kind {
	PROV_ROOT,	/* the main template */
	PROV_INCLUDE,	/* an {inclure} */
	PROV_BRANCH,	/* a branch of {si} taken */
	PROV_CASE,	/* a case of {selon} taken, or its {autre} */
	PROV_LOOP	/* one turn of {pour chaque} */
};

enum prov_truth {
	PROV_FALSE,
	PROV_TRUE,
	PROV_UNKNOWN	/* a draft without the values to decide */
};

/* An input a condition reads, as the data gave it. */
struct prov_input {
	char		*name;
	char		*label;		/* libellé, or NULL */
	char		*value;		/* printed; NULL when absent */
	const struct source *data;	/* the data file, or NULL (default) */
};

/* One condition of a {si} (or the subject of a {selon}) and what it
 * gave. */
struct prov_cond {
	char		*word;		/* "si", "sinon si", "selon" */
	char		*expr;		/* as written, the caller's names */
	char		*detail;	/* {selon}: "= commission"; or NULL */
	enum prov_truth	 truth;
	struct loc	 loc;
	struct prov_input *inputs;
	size_t		 ninputs;
};

/* An argument of an {inclure}. */
struct prov_arg {
	char		*name;
	char		*expr;
	char		*value;		/* printed, or NULL */
};

struct prov_scope {
	enum prov_scope_kind kind;
	size_t		 parent;	/* index; the root is its own */
	struct loc	 loc;		/* the construct in its file */
	const struct source *file;	/* PROV_INCLUDE: the clause */
	struct prov_arg	*args;		/* PROV_INCLUDE */
	size_t		 nargs;
	/* PROV_BRANCH, PROV_CASE: the earlier conditions that were false,
	 * then the one that held (none for a {sinon} or an {autre}). */
	struct prov_cond *conds;
	size_t		 nconds;
	char		*loop;		/* PROV_LOOP: "x dans liste, 2 sur 3" */
};

struct prov_mark {
	size_t		 tok;		/* first token at this place */
	size_t		 scope;
	const struct source *src;
	int		 line;
	const char	*label;		/* a heading's label (the AST's), or
					 * NULL */
};

enum prov_value_kind {
	PROV_INPUT,	/* an input of the data (or its default) */
	PROV_PARAM,	/* a clause parameter */
	PROV_COMPUTED,	/* a `soit` or an expression */
	PROV_ITEM,	/* a loop variable, or a field of one */
	PROV_LITERAL	/* the template's own text, through a parameter */
};

struct prov_value {
	size_t		 tok;
	enum prov_value_kind kind;
	char		*expr;		/* as written, the caller's names */
	char		*value;		/* as printed */
	char		*path;		/* JSON path, or NULL */
	const struct source *data;	/* the data file, or NULL */
};

struct prov {
	struct prov_scope *scopes;
	size_t		 nscopes;
	struct prov_mark *marks;
	size_t		 nmarks;
	struct prov_value *values;
	size_t		 nvalues;
	size_t		 scope;		/* the current one, while recording */
};

/* An empty record with its root scope. */
void	prov_init(struct prov *p);
void	prov_free(struct prov *p);
/* A new scope under the current one, made current; returns the one it
 * replaces, for prov_leave. */
size_t	prov_enter(struct prov *p, enum prov_scope_kind kind,
	    const struct loc *loc);
void	prov_leave(struct prov *p, size_t saved);
struct prov_scope *prov_current(struct prov *p);
/* Appends to the current scope a condition; its inputs are added by
 * the caller (prov_cond_input). */
struct prov_cond *prov_add_cond(struct prov *p, const char *word,
	    const char *expr, enum prov_truth truth, const struct loc *loc);
void	prov_cond_input(struct prov_cond *c, const char *name,
	    const char *label, const char *value, const struct source *data);
void	prov_mark(struct prov *p, size_t tok, const struct loc *loc,
	    const char *label);
struct prov_value *prov_add_value(struct prov *p, size_t tok,
	    enum prov_value_kind kind, const char *expr, const char *value,
	    const char *path, const struct source *data);

/* The index of the last mark at or before token TOK, or SIZE_MAX. */
size_t	prov_mark_at(const struct prov *p, size_t tok);

#endif
