/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "doc/doc.h"

#include <stdlib.h>
#include <string.h>

static void
doc_block_free(struct doc_block *b)
{
	size_t i;

	switch (b->kind) {
	case BLOCK_HEADING:
		free(b->u.heading.number);
		free(b->u.heading.anchor);
		doc_runs_free(&b->u.heading.title);
		break;
	case BLOCK_PARAGRAPH:
		doc_runs_free(&b->u.paragraph);
		break;
	case BLOCK_LIST:
		for (i = 0; i < b->u.list.len; i++)
			doc_blocks_free(&b->u.list.items[i]);
		free(b->u.list.items);
		b->u.list.items = NULL;
		b->u.list.len = 0;
		break;
	case BLOCK_SIGNATURES:
		for (i = 0; i < b->u.signatures.len; i++) {
			free(b->u.signatures.parties[i].name);
			free(b->u.signatures.parties[i].representant);
			free(b->u.signatures.parties[i].qualite);
			origin_unref(b->u.signatures.parties[i].origin);
		}
		free(b->u.signatures.parties);
		doc_runs_free(&b->u.signatures.made);
		free(b->u.signatures.mention);
		b->u.signatures.mention = NULL;
		b->u.signatures.parties = NULL;
		b->u.signatures.len = 0;
		break;
	}
}

void
doc_free(struct doc *d)
{
	size_t i;

	for (i = 0; i < d->nsources; i++)
		free(d->sources[i]);
	free(d->sources);
	free(d->title);
	free(d->model);
	d->title = NULL;
	d->model = NULL;
	doc_blocks_free(&d->blocks);
}

void
doc_blocks_free(struct doc_blocks *bs)
{
	size_t i;

	for (i = 0; i < bs->len; i++)
		doc_block_free(&bs->v[i]);
	free(bs->v);
	bs->v = NULL;
	bs->len = 0;
}

/* The block is zeroed except for its kind.  The pointer is valid until
 * the next push onto the same array.  The array starts with one block
 * and doubles, as runs do (runs_grow): most items of a list hold one
 * paragraph, and xgrow's first 16 blocks were 768 bytes for each. */
struct doc_block *
doc_blocks_push(struct doc_blocks *bs, enum doc_block_kind kind)
{
	struct doc_block *b;

	if ((bs->len & (bs->len - 1)) == 0)	/* 0 or a power of two */
		bs->v = xreallocarray(bs->v, bs->len ? bs->len * 2 : 1,
		    sizeof(*bs->v));
	b = &bs->v[bs->len++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

static bool
same_link(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Room for one more run.  Most titles and paragraphs have one or two,
 * so the array starts with one and doubles: xgrow's first 16 were 640
 * bytes for every heading and paragraph, the most of a long document's
 * memory. */
static void
runs_grow(struct doc_runs *rs)
{
	if ((rs->len & (rs->len - 1)) == 0)	/* 0 or a power of two */
		rs->v = xreallocarray(rs->v, rs->len ? rs->len * 2 : 1,
		    sizeof(*rs->v));
}

/* RS's texts and links in allocations of their own, and its array
 * too, so that they may grow. */
static void
unpack(struct doc_runs *rs)
{
	struct doc_run *v;
	size_t i, cap;

	if (rs->len == 0 || !rs->v[0].packed)
		return;
	for (cap = 1; cap < rs->len; cap *= 2)
		;
	v = xreallocarray(NULL, cap, sizeof(*v));
	for (i = 0; i < rs->len; i++) {
		v[i] = rs->v[i];
		v[i].packed = false;
		v[i].text = xstrdup(rs->v[i].text);
		if (rs->v[i].link != NULL)
			v[i].link = xstrdup(rs->v[i].link);
	}
	free(rs->v);
	rs->v = v;
}

/* TEXT == NULL pushes a forced line break.  Empty text pushes nothing. */
void
doc_runs_push(struct doc_runs *rs, const char *text, size_t len,
    unsigned style, const char *link)
{
	struct doc_run *r;
	size_t old;

	if (text != NULL && len == 0)
		return;
	unpack(rs);
	if (text != NULL && rs->len > 0) {
		r = &rs->v[rs->len - 1];
		if (!r->line_break && r->origin == NULL &&
		    r->style == style && same_link(r->link, link)) {
			old = strlen(r->text);
			r->text = xrealloc(r->text, old + len + 1);
			memcpy(r->text + old, text, len);
			r->text[old + len] = '\0';
			return;
		}
	}
	runs_grow(rs);
	r = &rs->v[rs->len++];
	r->style = style;
	if (text == NULL) {
		r->text = xstrdup("");
		r->link = NULL;
		r->line_break = true;
	} else {
		r->text = xstrndup(text, len);
		r->link = link != NULL ? xstrdup(link) : NULL;
		r->line_break = false;
	}
	r->origin = NULL;
	r->packed = false;
}

void
doc_runs_push_value(struct doc_runs *rs, const char *text, size_t len,
    unsigned style, const char *link, struct value_origin *origin)
{
	struct doc_run *r;

	if (origin == NULL || len == 0) {
		doc_runs_push(rs, text, len, style, link);
		return;
	}
	unpack(rs);
	runs_grow(rs);
	r = &rs->v[rs->len++];
	r->style = style;
	r->text = xstrndup(text, len);
	r->link = link != NULL ? xstrdup(link) : NULL;
	r->line_break = false;
	r->packed = false;
	r->origin = origin_ref(origin);
}

void
doc_runs_free(struct doc_runs *rs)
{
	size_t i;

	for (i = 0; i < rs->len; i++) {
		if (!rs->v[i].packed) {
			free(rs->v[i].text);
			free(rs->v[i].link);
		}
		origin_unref(rs->v[i].origin);
	}
	free(rs->v);
	rs->v = NULL;
	rs->len = 0;
}

void
doc_heading_label(struct buf *b, const struct doc_heading *h)
{
	if (h->number == NULL)
		return;
	if (h->level == 1) {
		buf_puts(b, "Article ");
		buf_puts(b, h->number);
	} else
		buf_puts(b, h->number);
}

void
doc_signature_label(struct buf *b, const struct doc_signatures *s)
{
	buf_puts(b, "Signature");
	if (s->mention != NULL)
		buf_printf(b, ", précédée de la mention «" NBSP "%s"
		    NBSP "»", s->mention);
}

bool
doc_letter_layout(const struct doc_blocks *bs)
{
	const struct doc_block *b;
	size_t i, j;

	for (i = 0; i < bs->len; i++) {
		b = &bs->v[i];
		switch (b->kind) {
		case BLOCK_HEADING:
			break;
		case BLOCK_PARAGRAPH:
			if (b->align != ALIGN_JUSTIFY)
				return true;
			break;
		case BLOCK_LIST:
			for (j = 0; j < b->u.list.len; j++)
				if (doc_letter_layout(&b->u.list.items[j]))
					return true;
			break;
		case BLOCK_SIGNATURES:
			if (b->u.signatures.made.len > 0 ||
			    b->u.signatures.mention != NULL)
				return true;
			break;
		}
	}
	return false;
}
