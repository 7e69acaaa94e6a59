/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * The interface of an output format: all a backend sees of lgc besides
 * the document model.  A backend is one file that defines one struct
 * backend (its row), listed once in the table of formats (format.c).
 * It renders into memory and does no input or output of its own: the
 * library (src/lgc.c) checks its options, reads the files they name and
 * hands everything over in struct render_opts.
 */
#ifndef LGC_BACKEND_H
#define LGC_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "base/util.h"
#include "doc/doc.h"

struct diags;

enum option_kind {
	OPTION_FLAG,	/* on or off, no argument on the command line */
	OPTION_TEXT,	/* a string, handed over as given */
	OPTION_FILE	/* a path: the library reads the file and hands
			 * over its content */
};

/* An option of a format, set by lgc_set_option(NAME, value) and on the
 * command line by --NAME. */
struct backend_option {
	const char	 *name;		/* "preambule" */
	enum option_kind  kind;
	const char	 *arg;		/* "FICHIER" for --help; NULL: a flag */
	const char	 *help;		/* the French line of --help */
	/* OPTION_FILE: what the file holds, for messages ("préambule"),
	 * and a flag of the same format with which the file would serve
	 * nothing, so that it is not read then (or NULL). */
	const char	 *what;
	const char	 *unless;
};

/* The value of an option set for the format being rendered. */
struct option_value {
	const char	*name;
	bool		 on;		/* OPTION_FLAG */
	const char	*text;		/* OPTION_TEXT; OPTION_FILE: the
					 * file's content, NUL-terminated */
	size_t		 len;		/* of text */
};

struct render_opts {
	const char	*generator;	/* "lgc 0.1.0" */
	/* Seconds since 1970-01-01 UTC of the creation date a format may
	 * record, or -1 for none: the same input, the same bytes. */
	long long	 created;
	const struct option_value *values;	/* the options set, by name */
	size_t		 nvalues;
};

struct backend {
	const char	*name;		/* "latex": -f, lgc_render() */
	const char	*description;	/* French, a few words */
	/* Extensions of output paths that pick this format, the format's
	 * own first; NULL-terminated. */
	const char *const *extensions;
	/* NULL, or ended by an option whose name is NULL. */
	const struct backend_option *options;
	/* NULL after reporting an option value the format refuses. */
	void		*(*new)(const struct render_opts *opts, struct diags *ds);
	/* Appends the whole output to OUT; false after reporting an error. */
	bool		 (*render)(void *state, const struct doc *d,
			    struct buf *out);
	/* NULL, or whether the format can print every character of TEXT,
	 * a value about to be printed (the PDF: its font has a glyph for
	 * each); when not, appends to WHY the characters it lacks and to
	 * HINT how to print them, worded for a diagnostic.  Asked before
	 * rendering, so that the error names the value and its input. */
	bool		 (*printable)(void *state, const char *text,
			    struct buf *why, struct buf *hint);
	void		 (*free)(void *state);
	/* Whether one state may render document after document (a batch,
	 * lgc_keep_backends): what it keeps from one to the next (the
	 * PDF's fonts, found, read and measured once) does not depend on
	 * the document, and each rendering writes the bytes a new state
	 * would. */
	bool		 reusable;
};

/* The value set for option NAME, or NULL. */
static inline const struct option_value *
render_option(const struct render_opts *opts, const char *name)
{
	size_t i;

	for (i = 0; opts != NULL && i < opts->nvalues; i++)
		if (strcmp(opts->values[i].name, name) == 0)
			return &opts->values[i];
	return NULL;
}

/* Whether flag NAME is set and on. */
static inline bool
render_flag(const struct render_opts *opts, const char *name)
{
	const struct option_value *v = render_option(opts, name);

	return v != NULL && v->on;
}

#endif
