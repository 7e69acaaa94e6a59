/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* A printed value's origin, shared by reference count (origin.h). */
#include "base/origin.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

struct value_origin *
origin_new(const struct origin_ops *ops, const void *what, const char *path,
    const struct loc *loc, const void *from, const void *key)
{
	size_t plen = path != NULL ? strlen(path) + 1 : 0;
	struct value_origin *o;

	o = xmalloc(sizeof(*o) + plen);
	o->path = NULL;
	if (path != NULL) {
		memcpy(o + 1, path, plen);
		o->path = (const char *)(o + 1);
	}
	o->loc = *loc;
	o->ops = ops;
	o->what = what;
	o->from = from;
	o->key = key;
	o->refs = 1;
	return o;
}

void
origin_expr(const struct value_origin *o, struct buf *b)
{
	o->ops->expr(b, o->what);
}

struct loc
origin_data(const struct value_origin *o)
{
	struct loc none = { NULL, 0, 0, 0, 0 };

	return o->from != NULL ? o->ops->data(o->from, o->key) : none;
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
