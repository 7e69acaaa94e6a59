/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The library's internal side, for lgc's own tests: what a program
 * using it through <lgc.h> cannot do. */
#ifndef LGC_API_H
#define LGC_API_H

#include "format/format.h"

struct lgc_compiler;

/* Renders with the formats of FORMATS instead of the built-in ones, and
 * takes their options (set it before them); FORMATS outlives C. */
void	lgc_set_formats(struct lgc_compiler *c,
	    const struct format_table *formats);

#endif
