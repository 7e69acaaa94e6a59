/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * The paragraphs already typeset, kept across the documents of a batch.
 * Most of a contract is the template's own text, the same from one
 * client to the next, and the French typography of a paragraph (quotes,
 * no-break spaces, ordinals, identifiers) was most of the work of
 * building each document.  A paragraph is kept under everything that
 * decides its runs, recorded by the builder as it is made (build.c,
 * para_key): its texts (the template's own by their address, which
 * stays the same text for as long as the memo lives: build.c,
 * piece_text), styles, links and which of its pieces share a value of
 * the client's.  The key is compared whole, never trusted to its hash,
 * so a paragraph found is the paragraph that would be made.
 *
 * The runs kept name their value by its class in the key (the first,
 * second… distinct value of the paragraph): the same paragraph for
 * another client gets that client's values.  A paragraph is kept the
 * second time it is made, never the first (sighted_again): one that a
 * single contract holds, its client's name in it, takes no room.  The
 * memo holds at most MAX bytes: when full it is emptied, so that a
 * batch of any length keeps a flat peak of memory, and the template's
 * paragraphs come back at the next documents.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc/memo.h"

/* A run kept: its text and link in the entry's strings. */
struct memo_run {
	uint32_t	 text;		/* offset */
	uint32_t	 link;		/* offset, or NO_LINK */
	uint32_t	 origin;	/* class, or NO_ORIGIN */
	unsigned char	 style;
	bool		 line_break;
};

#define NO_LINK		UINT32_MAX
#define NO_ORIGIN	UINT32_MAX

struct memo_entry {
	char		*key;		/* then the strings: one block */
	size_t		 key_len;
	size_t		 strings_len;
	struct memo_run	*runs;
	size_t		 nruns;
};

struct build_memo {
	struct keytab	 table;		/* key → struct memo_entry */
	size_t		 bytes;		/* of the entries */
	size_t		 max;
	struct sightings seen;		/* the keys met once */
};

/* A paragraph's key longer than this is not kept: a loop's list of
 * thousands of values is made once and would crowd out the rest. */
#define MEMO_KEY_MAX	(32u * 1024)

struct build_memo *
build_memo_new(size_t max)
{
	struct build_memo *m = xcalloc(1, sizeof(*m));

	m->max = max;
	return m;
}

static void
entry_free(void *value)
{
	struct memo_entry *e = value;

	free(e->key);
	free(e->runs);
	free(e);
}

static void
memo_clear(struct build_memo *m)
{
	keytab_clear(&m->table, entry_free);
	m->bytes = 0;
}

void
build_memo_free(struct build_memo *m)
{
	if (m == NULL)
		return;
	memo_clear(m);
	free(m);
}

size_t
build_memo_bytes(const struct build_memo *m)
{
	return m->bytes + keytab_bytes(&m->table, 0);
}

bool
build_memo_get(const struct build_memo *m, const char *key, size_t len,
    struct value_origin *const *origins, struct doc_runs *out)
{
	const struct memo_entry *e;
	char *strings;
	size_t i;

	if (len > MEMO_KEY_MAX)
		return false;
	e = keytab_get(&m->table, key, len, mem_hash(key, len));
	if (e == NULL)
		return false;
	out->len = e->nruns;
	out->v = NULL;
	if (e->nruns == 0)
		return true;
	/* The runs and, after them, a copy of the entry's strings, which
	 * the runs point into: one allocation (doc_run.packed). */
	out->v = xmalloc(e->nruns * sizeof(*out->v) + e->strings_len);
	strings = (char *)(out->v + e->nruns);
	memcpy(strings, e->key + e->key_len, e->strings_len);
	for (i = 0; i < e->nruns; i++) {
		const struct memo_run *r = &e->runs[i];
		struct doc_run *d = &out->v[i];

		d->text = strings + r->text;
		d->link = r->link == NO_LINK ? NULL : strings + r->link;
		d->origin = r->origin == NO_ORIGIN ? NULL :
		    origin_ref(origins[r->origin]);
		d->style = r->style;
		d->line_break = r->line_break;
		d->packed = true;
	}
	return true;
}

/* The class of ORIGIN among ORIGINS, or NO_ORIGIN when it is none of
 * them (then the paragraph cannot be kept). */
static uint32_t
origin_class(struct value_origin *origin, struct value_origin *const *origins,
    size_t norigins)
{
	size_t i;

	for (i = 0; i < norigins; i++)
		if (origins[i] == origin)
			return (uint32_t)i;
	return NO_ORIGIN;
}

void
build_memo_put(struct build_memo *m, const char *key, size_t len,
    const struct doc_runs *runs, struct value_origin *const *origins,
    size_t norigins)
{
	struct memo_entry *e;
	uint64_t hash;
	size_t i, strings = 0, size;
	char *at;

	if (len > MEMO_KEY_MAX)
		return;
	hash = mem_hash(key, len);
	if (keytab_get(&m->table, key, len, hash) != NULL ||
	    !sighted_again(&m->seen, hash))
		return;
	for (i = 0; i < runs->len; i++) {
		strings += strlen(runs->v[i].text) + 1;
		if (runs->v[i].link != NULL)
			strings += strlen(runs->v[i].link) + 1;
		if (runs->v[i].origin != NULL &&
		    origin_class(runs->v[i].origin, origins, norigins) ==
		    NO_ORIGIN)
			return;
	}
	size = sizeof(*e) + len + strings + runs->len * sizeof(struct memo_run);
	if (size > UINT32_MAX / 2)
		return;
	/* Full: emptied, and what could never fit is not kept. */
	if (m->bytes + size + keytab_bytes(&m->table, 1) > m->max)
		memo_clear(m);
	if (size + keytab_bytes(&m->table, 1) > m->max)
		return;
	e = xmalloc(sizeof(*e));
	e->key = xmalloc(len + strings);
	memcpy(e->key, key, len);
	e->key_len = len;
	e->strings_len = strings;
	e->nruns = runs->len;
	e->runs = runs->len > 0 ? xcalloc(runs->len, sizeof(*e->runs)) : NULL;
	at = e->key + len;
	for (i = 0; i < runs->len; i++) {
		const struct doc_run *d = &runs->v[i];
		struct memo_run *r = &e->runs[i];
		size_t n = strlen(d->text);

		r->text = (uint32_t)(at - (e->key + len));
		memcpy(at, d->text, n + 1);
		at += n + 1;
		r->link = NO_LINK;
		if (d->link != NULL) {
			n = strlen(d->link);
			r->link = (uint32_t)(at - (e->key + len));
			memcpy(at, d->link, n + 1);
			at += n + 1;
		}
		r->origin = d->origin == NULL ? NO_ORIGIN :
		    origin_class(d->origin, origins, norigins);
		r->style = (unsigned char)d->style;
		r->line_break = d->line_break;
	}
	keytab_put(&m->table, e->key, len, hash, e);
	m->bytes += size;
}
