/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Heading numbers (details, rule 30): a "#" is numbered unless marked
 * {-}, a "##" only under a numbered "#", a "###" only under a numbered
 * "##".  The builder numbers the headings printed; the checker must
 * foresee the same over branches that the data may or may not print,
 * hence a third answer. */
#ifndef LGC_NUMBERING_H
#define LGC_NUMBERING_H

#include <stdbool.h>

enum numbered {
	NUMBERED_NO,
	NUMBERED_YES,
	NUMBERED_MAYBE		/* depends on the data */
};

/* Whether the current article and sub-article carry a number; all
 * zero (NUMBERED_NO) before the first heading. */
struct numbering {
	enum numbered	 article;	/* the last "#" */
	enum numbered	 sub;		/* the last "##" under it */
};

/* A heading's level as numbered: 1 for "#" to 3 for "###". */
int	numbering_level(int level);
/* Whether the next heading, of LEVEL, gets a number; WRITTEN is false
 * for {-}.  ST then accounts for that heading. */
enum numbered numbering_step(struct numbering *st, int level, bool written);
/* A or B, whichever the data makes happen. */
enum numbered numbered_merge(enum numbered a, enum numbered b);
struct numbering numbering_merge(struct numbering a, struct numbering b);

#endif
