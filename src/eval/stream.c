/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The evaluated stream (stream.h): tokens appended by the evaluator,
 * read by the document builder. */
#include "eval/stream.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

struct etok *
stream_push(struct stream *s, enum etok_kind kind)
{
	struct etok *t;

	if (s->len == s->cap)
		s->v = xreserve(s->v, &s->cap, s->len, sizeof(*s->v));
	t = &s->v[s->len++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	return t;
}

void
stream_reserve(struct stream *s, size_t n)
{
	if (n > s->cap) {
		s->v = xreallocarray(s->v, n, sizeof(*s->v));
		s->cap = n;
	}
}

struct etok *
stream_text(struct stream *s, const char *text, size_t len)
{
	struct etok *t = stream_push(s, ET_TEXT);

	t->text = xstrndup(text, len);
	return t;
}

struct etok *
stream_text_borrowed(struct stream *s, const char *text)
{
	struct etok *t = stream_push(s, ET_TEXT);

	t->text = (char *)text;	/* never written nor freed: borrowed */
	t->borrowed = true;
	return t;
}

void
stream_free(struct stream *s)
{
	struct etok *t;
	size_t i, j;

	for (i = 0; i < s->len; i++) {
		t = &s->v[i];
		switch (t->kind) {
		case ET_TEXT:
			if (!t->borrowed)
				free(t->text);
			origin_unref(t->origin);
			break;
		case ET_HEADING:
			free(t->label);
			break;
		case ET_REF:
			for (j = 0; j < t->nlabels; j++)
				free(t->labels[j]);
			free(t->labels);
			free(t->locs);
			break;
		case ET_SIGNATURES:
			for (j = 0; j < t->nparties; j++) {
				free(t->parties[j].name);
				free(t->parties[j].representant);
				free(t->parties[j].qualite);
				origin_unref(t->parties[j].origin);
			}
			free(t->parties);
			break;
		case ET_LINE:
		case ET_SOFTBREAK:
		case ET_PARBREAK:
		case ET_HARDBREAK:
		case ET_BULLET:
		case ET_NUMBERED:
		case ET_EMPH:
			break;
		}
	}
	free(s->v);
	s->v = NULL;
	s->len = 0;
	s->cap = 0;
}
