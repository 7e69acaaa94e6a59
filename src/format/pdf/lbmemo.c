/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * Most paragraphs of a contract are the same in every contract of a
 * batch (doc/memo.c gives them the same runs), and breaking them into
 * lines was a quarter of making each PDF.  lb_layout's lines depend on
 * nothing but the spans (their texts, styles, and which of them share a
 * link or follow one another in memory, for pieces merge on that) and
 * the options, the widths coming from the fonts the backend keeps
 * across the batch: the lines of spans laid out before are kept under
 * all of that, compared whole, with each piece as a place in a span
 * (or, for the hyphen a break adds, its bytes), so that they can point
 * into another document's spans.
 *
 * Spans are kept the second time they are laid out, never the first
 * (sighted_again): a paragraph only one contract holds takes no room.
 * The pieces found here may point into the memo (a hyphen), so the
 * memo is emptied only between documents (lb_memo_next), once over its
 * bytes: a batch's memory stays flat.
 */
#include "format/pdf/lbmemo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* Paragraphs of more spans are laid out each time: the key compares
 * every span with those before it. */
#define SPANS_MAX	64
#define NONE		SIZE_MAX

struct kept_piece {
	size_t		 span;		/* NONE: its bytes in the literals */
	size_t		 off;		/* in the span, or in the literals */
	size_t		 len;
	size_t		 link;		/* the span whose link it has, or NONE */
	unsigned	 style;
	double		 x;
	double		 width;
};

struct kept_line {
	size_t		 first;		/* from the paragraph's first piece */
	size_t		 count;
	double		 width;
};

struct entry {
	char		*key;		/* then the literals: one block */
	size_t		 key_len;
	struct kept_piece *pieces;
	size_t		 npieces;
	struct kept_line *lines;
	size_t		 nlines;
};

struct lb_memo {
	struct keytab	 table;		/* key → struct entry */
	size_t		 bytes;		/* of the entries */
	size_t		 max;
	struct buf	 key;		/* of the spans being laid out */
	struct sightings seen;		/* the keys met once */
};

struct lb_memo *
lb_memo_new(size_t max)
{
	struct lb_memo *m = xcalloc(1, sizeof(*m));

	m->max = max;
	buf_init(&m->key);
	return m;
}

static void
entry_free(void *value)
{
	struct entry *e = value;

	free(e->key);
	free(e->pieces);
	free(e->lines);
	free(e);
}

static void
clear(struct lb_memo *m)
{
	keytab_clear(&m->table, entry_free);
	m->bytes = 0;
}

void
lb_memo_free(struct lb_memo *m)
{
	if (m == NULL)
		return;
	clear(m);
	buf_free(&m->key);
	free(m);
}

void
lb_memo_next(struct lb_memo *m)
{
	if (m != NULL && lb_memo_bytes(m) > m->max)
		clear(m);
}

size_t
lb_memo_bytes(const struct lb_memo *m)
{
	return m->bytes + keytab_bytes(&m->table, 0);
}

/* The first span before I with the same link as I, or NONE. */
static size_t
link_class(const struct lb_span *s, size_t i)
{
	size_t j;

	if (s[i].link == NULL)
		return NONE;
	for (j = 0; j < i; j++)
		if (s[j].link == s[i].link)
			return j;
	return i;
}

/* The span before I whose text ends where I's starts, or NONE: a piece
 * may run on from the one into the other. */
static size_t
follows(const struct lb_span *s, size_t i)
{
	uintptr_t start = (uintptr_t)s[i].text;
	size_t j;

	if (s[i].text == NULL)
		return NONE;
	for (j = 0; j < i; j++)
		if (s[j].text != NULL &&
		    (uintptr_t)s[j].text + s[j].len == start)
			return j;
	return NONE;
}

static void
make_key(struct buf *k, const struct lb_span *s, size_t n,
    const struct lb_opts *o)
{
	size_t i, v;
	int align = (int)o->align;

	buf_reset(k);
	buf_put(k, (const char *)&o->size, sizeof(o->size));
	buf_put(k, (const char *)&o->width, sizeof(o->width));
	buf_put(k, (const char *)&align, sizeof(align));
	buf_put(k, (const char *)&o->measure, sizeof(o->measure));
	buf_put(k, (const char *)&n, sizeof(n));
	for (i = 0; i < n; i++) {
		v = s[i].text == NULL ? NONE : s[i].len;
		buf_put(k, (const char *)&v, sizeof(v));
		buf_put(k, (const char *)&s[i].style, sizeof(s[i].style));
		v = link_class(s, i);
		buf_put(k, (const char *)&v, sizeof(v));
		v = follows(s, i);
		buf_put(k, (const char *)&v, sizeof(v));
		if (s[i].text != NULL)
			buf_put(k, (const char *)s[i].text, s[i].len);
	}
}

/* E's lines appended to P, their pieces pointing into SPANS. */
static void
append(const struct entry *e, struct lb_para *p, const struct lb_span *s)
{
	const char *literals = e->key + e->key_len;
	size_t i, first = p->npieces;

	/* The room for all of them at once, as xgrow would have made it
	 * (its capacities, for xgrow to go on): not a reallocation at
	 * each power of two. */
	if (e->npieces > 0 && (p->npieces == 0 || p->npieces + e->npieces >
	    xgrow_capacity(p->npieces)))
		p->pieces = xreallocarray(p->pieces,
		    xgrow_capacity(p->npieces + e->npieces), sizeof(*p->pieces));
	if (e->nlines > 0 && (p->nlines == 0 || p->nlines + e->nlines >
	    xgrow_capacity(p->nlines)))
		p->lines = xreallocarray(p->lines,
		    xgrow_capacity(p->nlines + e->nlines), sizeof(*p->lines));
	for (i = 0; i < e->npieces; i++) {
		const struct kept_piece *k = &e->pieces[i];
		struct lb_piece *pc;

		pc = &p->pieces[p->npieces++];
		pc->text = k->span == NONE ? literals + k->off :
		    s[k->span].text + k->off;
		pc->len = k->len;
		pc->style = k->style;
		pc->link = k->link == NONE ? NULL : s[k->link].link;
		pc->x = k->x;
		pc->width = k->width;
	}
	for (i = 0; i < e->nlines; i++) {
		struct lb_line *l;

		l = &p->lines[p->nlines++];
		l->first = first + e->lines[i].first;
		l->count = e->lines[i].count;
		l->width = e->lines[i].width;
	}
}

/* Where piece PC lies: *SPAN and *OFF, or NONE when in no span (the
 * hyphen of a break); its link's span in *LINK; false when the link is
 * none of the spans'. */
static bool
locate(const struct lb_piece *pc, const struct lb_span *s, size_t n,
    size_t *span, size_t *off, size_t *link)
{
	uintptr_t at = (uintptr_t)pc->text;
	size_t j;

	*span = NONE;
	for (j = 0; j < n && *span == NONE; j++)
		if (s[j].text != NULL && at >= (uintptr_t)s[j].text &&
		    at < (uintptr_t)s[j].text + s[j].len) {
			*span = j;
			*off = (size_t)(at - (uintptr_t)s[j].text);
		}
	*link = NONE;
	if (pc->link == NULL)
		return true;
	for (j = 0; j < n; j++)
		if (s[j].link == pc->link) {
			*link = j;
			return true;
		}
	return false;
}

/* Keeps the lines P got from FIRST_LINE on (pieces from FIRST_PIECE),
 * laid out from S under the key in M. */
static void
keep(struct lb_memo *m, uint64_t hash, const struct lb_para *p,
    size_t first_piece, size_t first_line, const struct lb_span *s,
    size_t n)
{
	struct entry *e = xmalloc(sizeof(*e));
	struct buf literals;
	size_t i, span, off, link;

	e->npieces = p->npieces - first_piece;
	e->nlines = p->nlines - first_line;
	e->pieces = e->npieces > 0 ? xcalloc(e->npieces, sizeof(*e->pieces)) :
	    NULL;
	e->lines = e->nlines > 0 ? xcalloc(e->nlines, sizeof(*e->lines)) :
	    NULL;
	buf_init(&literals);
	for (i = 0; i < e->npieces; i++) {
		const struct lb_piece *pc = &p->pieces[first_piece + i];
		struct kept_piece *k = &e->pieces[i];

		if (!locate(pc, s, n, &span, &off, &link)) {
			e->key = NULL;
			entry_free(e);
			buf_free(&literals);
			return;
		}
		if (span == NONE) {
			off = literals.len;
			buf_put(&literals, pc->text, pc->len);
		}
		k->span = span;
		k->off = off;
		k->len = pc->len;
		k->link = link;
		k->style = pc->style;
		k->x = pc->x;
		k->width = pc->width;
	}
	for (i = 0; i < e->nlines; i++) {
		e->lines[i].first = p->lines[first_line + i].first - first_piece;
		e->lines[i].count = p->lines[first_line + i].count;
		e->lines[i].width = p->lines[first_line + i].width;
	}
	e->key_len = m->key.len;
	e->key = xmalloc(m->key.len + literals.len + 1);
	memcpy(e->key, m->key.data, m->key.len);
	if (literals.len > 0)
		memcpy(e->key + m->key.len, literals.data, literals.len);
	m->bytes += sizeof(*e) + e->key_len + literals.len +
	    e->npieces * sizeof(*e->pieces) + e->nlines * sizeof(*e->lines);
	buf_free(&literals);
	keytab_put(&m->table, e->key, e->key_len, hash, e);
}

void
lb_memo_layout(struct lb_memo *m, struct lb_para *p,
    const struct lb_span *spans, size_t n, const struct lb_opts *o)
{
	const struct entry *e;
	size_t first_piece = p->npieces, first_line = p->nlines;
	uint64_t hash;

	if (m == NULL || n > SPANS_MAX) {
		lb_layout(p, spans, n, o);
		return;
	}
	make_key(&m->key, spans, n, o);
	hash = mem_hash(m->key.data, m->key.len);
	if ((e = keytab_get(&m->table, m->key.data, m->key.len, hash)) !=
	    NULL) {
		append(e, p, spans);
		return;
	}
	lb_layout(p, spans, n, o);
	if (sighted_again(&m->seen, hash))
		keep(m, hash, p, first_piece, first_line, spans, n);
}
