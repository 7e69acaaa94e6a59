/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The library's internal side, for lgc's own tests: what a program
 * using it through <lgc.h> cannot do. */
#ifndef LGC_API_H
#define LGC_API_H

#include <stdbool.h>

#include "check/program.h"
#include "doc/doc.h"
#include "eval/expr.h"
#include "format/format.h"

struct lgc_compiler;

/* Renders with the formats of FORMATS instead of the built-in ones, and
 * takes their options (set it before them); FORMATS outlives C. */
void	lgc_set_formats(struct lgc_compiler *c,
	    const struct format_table *formats);

/* For lgc variantes (src/variantes/), which builds witnesses as
 * contracts are built. */
const struct program *api_program(const struct lgc_compiler *c);
struct diags *api_diags(struct lgc_compiler *c);
/* A clone of C that builds a witness as a client's contract: no
 * draft, no -Werror.  lgc_free it. */
struct lgc_compiler *api_witness_compiler(const struct lgc_compiler *c);
/* Evaluates the data loaded in C into D (doc_free it in any case),
 * telling FN each branch taken; false after reporting errors. */
bool	api_build(struct lgc_compiler *c, eval_trace_fn fn, void *arg,
	    struct doc *d);

#endif
