/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* lgc diff: what changes in a client's contract, or in a batch of
 * clients' contracts, from one version of a template (or of its clause
 * library) to the next. */
#ifndef LGC_CLI_DIFF_H
#define LGC_CLI_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "lgc.h"

struct diff_options {
	const char	*before;	/* the old template */
	const char	*after;		/* the new one */
	const char *const *data_files;	/* -d, loaded into both */
	size_t		 ndata;
	const char *const *defines;	/* -D, set in both */
	size_t		 ndefines;
	const char	*batch;		/* --lot, or NULL */
	const char	*name_field;	/* --nom: a record's field naming it */
	const char	*format;	/* texte, couleur or json */
	bool		 sarif;		/* --format-diagnostics sarif */
};

/* Loads each version into its compiler (BEFORE, AFTER: configured, with
 * their clause folders), then compares the contracts of the client or
 * of every record of the batch, writing the report on the standard
 * output, and for a batch the summary.  Returns as diff(1) does: 0 when
 * no contract changes, 1 when some do, 2 (LGC_FATAL) after an error
 * (a template or data refused, a file that cannot be read), reported
 * by the compiler concerned. */
int	diff_run(lgc_compiler *before, lgc_compiler *after,
	    const struct diff_options *o);

#endif
