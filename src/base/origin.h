/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Where a client's value printed in the contract came from: the
 * expression that prints it, its JSON path, the place of the {…} in
 * the template and of the data that gives it.  A backend that cannot
 * print the value (a character its fonts lack) names it with these.
 *
 * The evaluator makes one for each value it prints; the evaluated
 * stream's token and every run of the document that shows a piece of
 * the value share it by reference count, and its JSON path lives in
 * the same allocation: a list of a million items printed in a loop
 * once made six allocations per printed value here, copied again into
 * the document.  The expression and the data's place are found only
 * when a message asks for them (origin_expr, origin_data): most
 * contracts report nothing about their values.
 */
#ifndef LGC_ORIGIN_H
#define LGC_ORIGIN_H

#include <stddef.h>

#include "base/diag.h"
#include "base/util.h"

/* How an origin finds what it does not hold, only when a message asks
 * for it (most contracts report nothing about their values), one table
 * for all the origins an evaluator makes:
 * - EXPR(B, WHAT) writes the expression that prints the value, as the
 *   template writes it ("client.nom"), WHAT living as long as the
 *   document (the template's expression);
 * - DATA(FROM, KEY) gives where in the data file the value lies, which
 *   scans the file's text again (this was a sixth of the cost of a
 *   contract in a batch), while FROM, the data the value was read
 *   from, lives and is not changed: for a document, while it is
 *   rendered. */
struct origin_ops {
	void		(*expr)(struct buf *b, const void *what);
	struct loc	(*data)(const void *from, const void *key);
};

struct value_origin {
	const char	*path;		/* JSON path, or NULL */
	struct loc	 loc;		/* the {…} in the template */
	const struct origin_ops *ops;
	const void	*what;		/* the expression, for ops->expr */
	const void	*from;		/* for ops->data; NULL: no data */
	const void	*key;
	size_t		 refs;
};

/* A new origin (one reference) holding a copy of PATH (NULL when the
 * value has no JSON path); FROM NULL when no data gives it. */
struct value_origin *origin_new(const struct origin_ops *ops,
	    const void *what, const char *path, const struct loc *loc,
	    const void *from, const void *key);
/* O's expression, appended to B. */
void	origin_expr(const struct value_origin *o, struct buf *b);
/* Where the data that gives O lies (a zeroed loc when none is known). */
struct loc	origin_data(const struct value_origin *o);
/* O with one more reference; NULL stays NULL. */
struct value_origin *origin_ref(struct value_origin *o);
/* Drops one reference to O (NULL: nothing), freeing it with the last. */
void	origin_unref(struct value_origin *o);

#endif
