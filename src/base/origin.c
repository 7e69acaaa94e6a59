/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* A printed value's origin, shared by reference count (origin.h). */
#include "base/origin.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

struct value_origin *
origin_new(const struct origin_text *expr, const char *path,
    const struct loc *loc, const struct origin_place *data)
{
	size_t plen = path != NULL ? strlen(path) + 1 : 0;
	struct value_origin *o;

	o = xmalloc(sizeof(*o) + plen);
	o->path = NULL;
	if (path != NULL) {
		memcpy(o + 1, path, plen);
		o->path = (const char *)(o + 1);
	}
	o->expr = *expr;
	o->loc = *loc;
	if (data != NULL)
		o->data = *data;
	else
		memset(&o->data, 0, sizeof(o->data));
	o->refs = 1;
	return o;
}

void
origin_expr(const struct value_origin *o, struct buf *b)
{
	o->expr.print(b, o->expr.what);
}

struct loc
origin_data(const struct value_origin *o)
{
	struct loc none = { NULL, 0, 0, 0, 0 };

	return o->data.find != NULL ? o->data.find(o->data.from,
	    o->data.key) : none;
}

struct value_origin *
origin_ref(struct value_origin *o)
{
	if (o != NULL)
		o->refs++;
	return o;
}

void
origin_unref(struct value_origin *o)
{
	if (o != NULL && --o->refs == 0)
		free(o);
}
