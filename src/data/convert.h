/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Client JSON as typed values: one JSON value converted to the type it
 * is declared with and checked against its constraint, every problem
 * reported with the value's JSON path and the file (or command line)
 * that gave it.  Also how messages quote client text and JSON paths,
 * which the loading of the data (data.c) shares. */
#ifndef LGC_CONVERT_H
#define LGC_CONVERT_H

#include <stdbool.h>

#include <jansson.h>

#include "syntax/ast.h"
#include "base/diag.h"
#include "data/json.h"
#include "lang/types.h"
#include "base/util.h"

/* Where the values under one top-level key come from: the file that
 * gave the key, and the command line for the paths that -D set. */
struct origin {
	const struct source *file;	/* NULL when nothing gave it */
	struct json_places *places;	/* where FILE's values lie, or NULL */
	const struct source *cmdline;	/* NULL when no -D was given */
	const struct ptrvec *defines;	/* char *: the JSON paths -D set */
};

/* A value being converted: where its diagnostics go, what they name
 * and where they point. */
struct at {
	struct diags	*ds;
	const struct origin *from;
	struct buf	*path;		/* JSON path: client.adresse, x[2] */
	struct json_steps *steps;	/* the same path, to find its place */
	const char	*label;		/* libellé, or NULL */
};

/* J (not null) as a value of type T that meets constraint C (NULL for
 * none); false after reporting every problem. */
bool	convert_value(const struct at *a, const struct type *t, json_t *j,
	    const struct constraint *c, struct value *out);

/* E_DATA_MISSING: the value at A's path is required and not given.  HOW
 * ends the message (« : ajoutez la clé … »); the hint says what type T
 * expects, under which REQUIREMENT (or NULL) the value is required, and
 * which stray key TYPO (or NULL) may be the value misspelt. */
void	report_missing(const struct at *a, const struct type *t,
	    const char *how, const struct expr *requirement, const char *typo);
/* Why a required key given as null is missing, as HOW above. */
char	*null_key(const char *key);

/* The file or the command line that gave the value at PATH (NULL: the
 * key itself, not one of its paths), and where in the file STEPS (the
 * same path) lead: to the value, or to its key when KEY is set. */
struct loc origin_loc(const struct origin *o, const char *path,
	    const struct json_steps *steps, bool key);

/* Client text as a message quotes it: control characters escaped, long
 * text cut, so that a hostile value cannot garble the terminal. */
void	put_shown(struct buf *b, const char *s, size_t len);
char	*shown(const char *s);
/* Appends KEY to a JSON path: after a dot, or bracketed and quoted. */
void	path_push_key(struct buf *path, const char *key);
bool	parses_as_integer(const char *s);
/* The field of record type T closest to WORD, or NULL. */
const char *suggest_field(const struct type *t, const char *word);

#endif
