/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Diagnostics: one function reports them all, GCC-style.  Codes are an
 * enum banded by severity (diagcodes.h), each with a stable name and a
 * French message; the exit status is the worst severity seen. */
#ifndef LGC_DIAG_H
#define LGC_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "base/util.h"

struct source;

/* A span in a source file.  Lines and columns are 1-based, columns in
 * code points; line 0 means "the whole file" (e.g. data errors). */
struct loc {
	const struct source *src;
	int	line;
	int	col;
	int	end_line;
	int	end_col;	/* last column, inclusive */
};

enum severity {
	SEV_NOTE,
	SEV_WARNING,
	SEV_ERROR,	/* template or data: exit 1 */
	SEV_FATAL	/* usage, I/O, resources: exit 2 */
};

enum diag_code {
#define DIAG(id, sev, name, fmt) id,
#include "base/diagcodes.h"
#undef DIAG
	DIAG__COUNT
};

enum diag_format {
	DIAG_TEXT,	/* GCC-style in French, with excerpts */
	DIAG_JSON,	/* one JSON object per line */
	DIAG_GCC,	/* exactly GCC's "f:l:c: error: m", one line each */
	DIAG_SARIF	/* one SARIF result per diagnostic (diag_sarif_log) */
};

struct diagnostic;
struct diags;

/* A diagnostic as it leaves lgc, handed whole to one function (the
 * sink), so that a library user, and the command line through it,
 * receives every message by the same path. */
struct diag_out_note {
	const char	*file;		/* NULL when the note has no place */
	int		 line, col, end_line, end_col;
	const char	*text;
};

struct diag_out {
	enum severity	 severity;	/* after -Werror */
	const char	*code;		/* stable name (diagcodes.h) */
	const char	*file;		/* NULL when it concerns no file */
	int		 line, col;	/* 0 when not in a line */
	int		 end_line, end_col;
	const char	*message;	/* French typography applied */
	const char	*suggestion;	/* "vouliez-vous dire", or NULL */
	const char	*json_path;	/* the data value's, or NULL */
	const struct diag_out_note *notes;
	size_t		 nnotes;
	/* The diagnostic as the chosen format prints it: GCC-style text
	 * with the quoted line and notes, one JSON object per line, GCC's
	 * own lines, or one SARIF result object on a line. */
	const char	*printed;
	size_t		 printed_len;
};

typedef void	(*diag_sink)(const struct diag_out *d, void *arg);

/* A sink that writes each diagnostic, whole, to the FILE * ARG. */
void	diag_sink_stream(const struct diag_out *d, void *arg);

struct diags *diags_new(diag_sink sink, void *arg);
void	diags_free(struct diags *ds);
void	diags_set_werror(struct diags *ds, bool werror);
void	diags_set_format(struct diags *ds, enum diag_format format);
enum diag_format diags_format(const struct diags *ds);
/* The text format in GCC's colours (ANSI escapes): the caller decides
 * whether the stream is a terminal. */
void	diags_set_color(struct diags *ds, bool color);

/* What a SARIF log holds, each item as DIAG_SARIF printed it: the
 * results (diagnostics with a file) and the notifications of the run
 * (those without); SUCCESSFUL: no fatal error stopped the run. */
struct diag_sarif_items {
	const char *const *results;
	size_t		 nresults;
	const char *const *notifications;
	size_t		 nnotifications;
	bool		 successful;
};

/* A whole SARIF 2.1.0 log of one run of lgc VERSION: every code as a
 * rule (its description from docs/diagnostics.md), the invocation with
 * its notifications, then the results. */
void	diag_sarif_log(struct buf *b, const char *version,
	    const struct diag_sarif_items *items);
/* Enables the warnings whose stable name starts with PREFIX. */
void	diags_enable(struct diags *ds, const char *prefix);

/* The code whose stable name is NAME; false when there is none. */
bool	diag_code_by_name(const char *name, enum diag_code *code);

/* Reports a diagnostic; the message is the code's format applied to the
 * arguments.  Returns it so that a hint or notes can be attached, or
 * NULL when it was suppressed (duplicate, disabled or over the limit). */
struct diagnostic *diag(struct diags *ds, enum diag_code code,
	    const struct loc *loc, ...);
/* The same with MESSAGE as the whole message, whatever the code's
 * format: a program built on lgc reporting an error of its own. */
struct diagnostic *diag_message(struct diags *ds, enum diag_code code,
	    const struct loc *loc, const char *message);
/* FILE is the file a diagnostic without a place concerns (one that
 * cannot be read or written): named in JSON and to handlers. */
void	diag_file(struct diagnostic *d, const char *file);
/* "vouliez-vous dire « x » ?" — appended to the message. */
void	diag_suggest(struct diagnostic *d, const char *candidate);
/* The JSON path of the data value that D is about: the text form ends
 * the message with « ; chemin JSON : PATH », the JSON form gives it its
 * own field. */
void	diag_json_path(struct diagnostic *d, const char *path);
/* A free-form hint, appended to the message after " ; ". */
void	diag_hint(struct diagnostic *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A "note:" line with its own location (NULL loc: same as the error). */
void	diag_note(struct diagnostic *d, const struct loc *loc,
	    const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Sources adopted after MARK are freed (after printing what refers to
 * them): a batch's memory stays flat however many records it reads. */
size_t	diags_source_mark(const struct diags *ds);
void	diags_release_sources(struct diags *ds, size_t mark);

/* Hands the sources adopted from MARK on over to INTO, which then owns
 * them: a checked template's files, kept alive by whoever shares it
 * while this set of diagnostics is freed. */
void	diags_take_sources(struct diags *ds, size_t mark, struct ptrvec *into);
/* The format, -Werror and the warnings enabled, as FROM has them. */
void	diags_copy_settings(struct diags *to, const struct diags *from);

/* Forgets which diagnostics were already reported: the next batch
 * record may repeat one. */
void	diags_forget(struct diags *ds);

/* Diagnostics raised inside an included clause get a note per site. */
void	diags_push_include(struct diags *ds, const struct loc *site);
void	diags_pop_include(struct diags *ds);

/* Until called again with LINE 0, diagnostics belong to the batch
 * record at LINE of FILE: positions in a source named FILE (the
 * record's text, one line) count from LINE, and JSON diagnostics carry
 * "enregistrement": LINE. */
void	diags_set_record(struct diags *ds, const char *file, int line);
/* DS frees S with itself: sources live as long as their diagnostics. */
void	diags_adopt_source(struct diags *ds, struct source *s);

/* Hands what was reported since the last flush to the sink. */
void	diags_flush(struct diags *ds);
int	diags_count(const struct diags *ds, enum severity sev);
/* 0 no error (warnings allowed unless -Werror), 1 template or data
 * errors, 2 usage, I/O or resource errors. */
int	diags_exit_status(const struct diags *ds);
bool	diags_failed(const struct diags *ds);

const char *diag_code_name(enum diag_code code);
enum severity diag_code_severity(enum diag_code code);

#endif
