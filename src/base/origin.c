/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* A printed value's origin, shared by reference count (origin.h). */
#include "base/origin.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

struct value_origin *
origin_new(const char *expr, const char *path, const struct loc *loc,
    const struct origin_place *data)
{
	size_t elen = strlen(expr), plen = path != NULL ? strlen(path) : 0;
	struct value_origin *o;
	char *s;

	o = xmalloc(sizeof(*o) + elen + 1 + (path != NULL ? plen + 1 : 0));
	s = (char *)(o + 1);
	memcpy(s, expr, elen + 1);
	o->expr = s;
	o->path = NULL;
	if (path != NULL) {
		memcpy(s + elen + 1, path, plen + 1);
		o->path = s + elen + 1;
	}
	o->loc = *loc;
	if (data != NULL)
		o->data = *data;
	else
		memset(&o->data, 0, sizeof(o->data));
	o->refs = 1;
	return o;
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
