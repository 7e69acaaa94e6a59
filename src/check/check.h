/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Static checking: names, types, presence, labels, includes.  Produces
 * the program that data.c and eval.c work on. */
#ifndef LGC_CHECK_H
#define LGC_CHECK_H

#include "check/program.h"

/* Loads PATH (or takes TEXT, of LEN bytes, as the file named PATH) and
 * every file it includes or imports, and checks them.  Never NULL;
 * prog->failed tells whether errors were reported.  SEARCH is the
 * clause search path after the including file's folder.  ROOTS, when
 * there are any, are the folders (each resolved by realpath; as the user
 * named them in ROOT_NAMES) outside which no file may be included or
 * imported. */
struct program *check_program(const char *path, const char *text,
	    size_t len, const char *const *search, size_t nsearch,
	    const char *const *roots, const char *const *root_names,
	    size_t nroots, struct diags *ds);
void	program_free(struct program *prog);

#endif
