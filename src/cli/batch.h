/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Batch compilation: --lot clients.jsonl (or a folder of .json). */
#ifndef LGC_BATCH_H
#define LGC_BATCH_H

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lgc.h"

struct batch_options {
	const char	*input;		/* JSONL file or folder of JSON files */
	const char	*outdir;	/* created if missing */
	const char	*format;	/* backend name */
	const char	*extension;	/* ".pdf" */
	const char	*name_field;	/* --nom: file names from this field */
	const char *const *defines;	/* -D applied to every record */
	size_t		 ndefines;
	int		 jobs;		/* -j */
	bool		 progress;	/* a bar on stderr (a terminal) */
	bool		 json;		/* --format-diagnostics json */
	bool		 sarif;		/* --format-diagnostics sarif */
};

/* Compiles every record with the loaded template; a bad record is
 * reported and skipped, a worker that dies is reported with the records
 * it left.  Prints a summary; returns the worst status.  In a forked
 * worker it returns LGC_OK once the worker's share is done: the caller
 * then frees what it holds and exits, as after a whole run. */
int	batch_run(lgc_compiler *c, const struct batch_options *o);

/* Where records come from: the lines of a JSONL file, or the sorted
 * .json files of a folder. */
struct batch_reader {
	const char	*input;
	FILE		*jsonl;
	char		*line;
	size_t		 cap;
	size_t		 lineno;
	struct dirent	**files;	/* folder mode */
	int		 nfiles;
	int		 next;
};

struct batch_record {
	size_t	 lineno;	/* JSONL line, or 0 */
	char	*display;	/* the JSONL file's path, or the record file's */
	char	*text;		/* the JSONL line; NULL for a file */
	size_t	 len;
};

/* Opens the records of INPUT (a JSONL file or a folder); false, errno
 * set, when it cannot be read. */
bool	batch_reader_open(struct batch_reader *r, const char *input);
void	batch_reader_close(struct batch_reader *r);
/* The next record into REC (its previous content freed); false at the
 * end.  A folder's record is its file's path: the library reads it. */
bool	batch_reader_next(struct batch_reader *r, struct batch_record *rec);
void	batch_record_clear(struct batch_record *rec);
/* "clients.jsonl:12", or a folder's record file; malloc'd. */
char	*batch_record_where(const struct batch_record *rec);

#endif
