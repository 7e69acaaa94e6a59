/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "lang/numbering.h"

int
numbering_level(int level)
{
	return level < 1 ? 1 : level > 3 ? 3 : level;
}

enum numbered
numbering_step(struct numbering *st, int level, bool written)
{
	enum numbered got;

	level = numbering_level(level);
	if (level == 1) {
		got = written ? NUMBERED_YES : NUMBERED_NO;
		st->article = got;
		st->sub = NUMBERED_NO;
	} else if (level == 2) {
		got = written ? st->article : NUMBERED_NO;
		st->sub = got;
	} else
		got = written ? st->sub : NUMBERED_NO;
	return got;
}

enum numbered
numbered_merge(enum numbered a, enum numbered b)
{
	return a == b ? a : NUMBERED_MAYBE;
}

struct numbering
numbering_merge(struct numbering a, struct numbering b)
{
	a.article = numbered_merge(a.article, b.article);
	a.sub = numbered_merge(a.sub, b.sub);
	return a;
}
