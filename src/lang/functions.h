/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Filters and functions callable in expressions: `{x | en_lettres}` is
 * `en_lettres(x)`.  Each has a type check (used by check/expr.c) and an
 * evaluation (used by eval.c). */
#ifndef LGC_FUNCTIONS_H
#define LGC_FUNCTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/types.h"
#include "base/util.h"

struct function {
	const char	*name;
	size_t		 min_args;	/* the piped subject included */
	size_t		 max_args;
	/* The result type for these argument types, or NULL after writing
	 * the reason into WHY (ARG is then the index of the bad argument,
	 * or -1 for a count problem). */
	const struct type *(*check)(const struct type *const *types, size_t n,
	    struct buf *why, int *arg);
	/* Computes the result; false after writing the reason into WHY. */
	bool		 (*compute)(const struct value *args, size_t n,
	    struct value *out, struct buf *why);
	/* For editors (lgc_outline, hover): what it takes and gives, and
	 * a line of French on what it does, with an example. */
	const char	*signature;
	const char	*doc;
};

const struct function *function_find(const char *name);
size_t	function_count(void);
const struct function *function_at(size_t i);

#endif
