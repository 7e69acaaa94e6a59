/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Comparing the contracts two versions of a template make for the same
 * client (lgc diff, lgc_compare): the documents are cut into articles,
 * the articles of one version matched with the other's (by label, then
 * title, then content), and each pair compared block by block, word by
 * word.  A comparison also counts, over many clients (--lot), how many
 * contracts each change touches. */
#ifndef LGC_COMPARE_H
#define LGC_COMPARE_H

#include <stddef.h>

#include "base/util.h"
#include "doc/doc.h"

enum compare_format {
	COMPARE_TEXT,		/* [-removed-]{+added+} */
	COMPARE_COLOR,		/* the same in red and green (ANSI) */
	COMPARE_JSON		/* one JSON object per client, one line */
};

struct comparison;

struct comparison *comparison_new(enum compare_format format);
void	comparison_free(struct comparison *cmp);
/* Appends to OUT what changes from OLD to NEW for CLIENT (NULL: the
 * only one, not named), counts it in the summary, and returns the
 * number of articles that change. */
size_t	comparison_add(struct comparison *cmp, const struct doc *old,
	    const struct doc *new, const char *client, struct buf *out);
/* A client whose contract one of the versions could not build. */
void	comparison_failed(struct comparison *cmp);
/* The summary over the clients compared so far. */
void	comparison_summary(const struct comparison *cmp, struct buf *out);

/* The word diff alone (tests): OLD and NEW as [-…-]{+…+}. */
void	compare_words(const char *old, const char *new, struct buf *out);

#endif
