/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Batch compilation: --lot clients.jsonl (or a folder of .json). */
#ifndef LGC_BATCH_H
#define LGC_BATCH_H

#include <stdbool.h>
#include <stddef.h>

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

#endif
