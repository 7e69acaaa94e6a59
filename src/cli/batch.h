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
};

/* Compiles every record with the loaded template; a bad record is
 * reported and skipped.  Prints a summary; returns the worst status. */
int	batch_run(lgc_compiler *c, const struct batch_options *o);

#endif
