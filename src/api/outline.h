/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* What an editor needs of a checked template (lgc_outline): its
 * headings with their numbers, its blocks, every name it declares with
 * what is known of it, and every place a name is used, as JSON. */
#ifndef LGC_OUTLINE_H
#define LGC_OUTLINE_H

#include <stddef.h>

#include "check/program.h"

/* The JSON text (malloc'd, NUL-terminated) of PROG's outline; SEARCH
 * are the clause folders, in order. */
char	*outline_json(const struct program *prog, const char *const *search,
	    size_t nsearch, size_t *len);

#endif
