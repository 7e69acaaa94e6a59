/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* lgc lsp: a Language Server Protocol 3.17 server over the standard
 * input and output, built on lgc.h only (docs/lsp.md). */
#ifndef LGC_LSP_H
#define LGC_LSP_H

#include <stdio.h>

#include "lgc.h"

/* Gives a compiler the folders where clauses are found, the -I ones
 * (INCLUDES) first: the program's own rule (lgc check's), so that the
 * server finds what lgc check finds. */
typedef void	(*lsp_search_fn)(lgc_compiler *c, const char *const *includes,
		    size_t nincludes);

/* Serves one editor on IN and OUT until it says exit or closes IN;
 * ARGV are the arguments after "lsp".  Returns the exit status. */
int	lsp_main(int argc, char **argv, FILE *in, FILE *out,
	    lsp_search_fn search);

#endif
