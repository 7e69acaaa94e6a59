/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The word diff of lgc diff (api/compare.c): exact on small cases,
 * minimal and faithful on random ones (checked against the longest
 * common subsequence computed the slow way), and quick on a paragraph
 * too different for a minimal answer. */
#include <stdlib.h>
#include <time.h>

#include "unit.h"
#include "api/compare.h"

static char *
words_diff(const char *a, const char *b)
{
	struct buf out;

	buf_init(&out);
	buf_puts(&out, "");
	compare_words(a, b, &out);
	return buf_detach(&out);
}

/* Rebuilds the two texts from a diff; counts the words changed. */
static void
undo(const char *d, struct buf *old, struct buf *new, size_t *changed)
{
	const char *p = d;

	*changed = 0;
	while (*p != '\0') {
		int mode = 0;	/* 0 both, 1 old only, 2 new only */
		const char *end;

		if (*p == ' ') {
			p++;
			continue;
		}
		if (strncmp(p, "[-", 2) == 0) {
			mode = 1;
			p += 2;
			end = strstr(p, "-]");
		} else if (strncmp(p, "{+", 2) == 0) {
			mode = 2;
			p += 2;
			end = strstr(p, "+}");
		} else {
			end = p;
			while (*end != '\0' && *end != ' ' && *end != '[' &&
			    *end != '{')
				end++;
		}
		if (end == NULL)
			return;
		if (mode != 2) {
			if (old->len > 0)
				buf_putc(old, ' ');
			buf_put(old, p, (size_t)(end - p));
		}
		if (mode != 1) {
			if (new->len > 0)
				buf_putc(new, ' ');
			buf_put(new, p, (size_t)(end - p));
		}
		if (mode != 0) {
			const char *q;

			(*changed)++;
			for (q = p; q < end; q++)
				*changed += *q == ' ';
		}
		p = end + (mode != 0 ? 2 : 0);
	}
}

static size_t
lcs(const char *a, size_t n, const char *b, size_t m)
{
	size_t *t = calloc((n + 1) * (m + 1), sizeof(*t)), i, j, r;

	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++)
			t[i * (m + 1) + j] = a[i - 1] == b[j - 1] ?
			    t[(i - 1) * (m + 1) + j - 1] + 1 :
			    t[(i - 1) * (m + 1) + j] > t[i * (m + 1) + j - 1] ?
			    t[(i - 1) * (m + 1) + j] : t[i * (m + 1) + j - 1];
	r = t[n * (m + 1) + m];
	free(t);
	return r;
}

/* N random words among "a", "b", "c", as letters and as text. */
static void
random_words(unsigned *seed, size_t n, char *letters, struct buf *text)
{
	size_t i;

	buf_reset(text);
	buf_puts(text, "");
	for (i = 0; i < n; i++) {
		*seed = *seed * 1103515245u + 12345u;
		letters[i] = (char)('a' + (*seed >> 16) % 3);
		if (i > 0)
			buf_putc(text, ' ');
		buf_putc(text, letters[i]);
	}
}

void
test_compare(struct unit *u)
{
	char *d, la[40], lb[40];
	struct buf a, b, old, new, big1, big2;
	unsigned seed = 7;
	size_t n, m, changed, i, bad = 0;
	clock_t t0;

	d = words_diff("le prix est de dix euros", "le prix est de douze euros");
	CHECK_STR(u, d, "le prix est de [-dix-]{+douze+} euros");
	free(d);
	d = words_diff("un deux", "un  deux\n");
	CHECK_STR(u, d, "un deux");
	free(d);
	d = words_diff("", "tout neuf");
	CHECK_STR(u, d, "{+tout neuf+}");
	free(d);
	d = words_diff("a b c", "");
	CHECK_STR(u, d, "[-a b c-]");
	free(d);
	d = words_diff("garantit des prospects chaque trimestre.",
	    "garantit des prospects qualifiés chaque mois.");
	CHECK_STR(u, d, "garantit des prospects {+qualifiés+} chaque "
	    "[-trimestre.-]{+mois.+}");
	free(d);

	/* Random pairs: the diff gives back both texts and changes no more
	 * words than the longest common subsequence leaves. */
	buf_init(&a);
	buf_init(&b);
	buf_init(&old);
	buf_init(&new);
	for (i = 0; i < 2000; i++) {
		n = i % 37;
		m = (i * 7) % 31;
		random_words(&seed, n, la, &a);
		random_words(&seed, m, lb, &b);
		d = words_diff(buf_cstr(&a), buf_cstr(&b));
		buf_reset(&old);
		buf_reset(&new);
		buf_puts(&old, "");
		buf_puts(&new, "");
		undo(d, &old, &new, &changed);
		if (strcmp(buf_cstr(&old), buf_cstr(&a)) != 0 ||
		    strcmp(buf_cstr(&new), buf_cstr(&b)) != 0 ||
		    changed != n + m - 2 * lcs(la, n, lb, m))
			bad++;
		free(d);
	}
	CHECK(u, bad == 0);

	/* Two paragraphs of 200,000 words, every other one different: far
	 * past the bound on edits, shown as removed and added whole, at
	 * once, and still faithful. */
	buf_init(&big1);
	buf_init(&big2);
	for (i = 0; i < 200000; i++) {
		buf_printf(&big1, "%smot%zu", i > 0 ? " " : "", i);
		buf_printf(&big2, "%smot%zu", i > 0 ? " " : "",
		    i % 2 == 0 ? i : i + 1000000);
	}
	t0 = clock();
	d = words_diff(buf_cstr(&big1), buf_cstr(&big2));
	CHECK(u, (double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
	buf_reset(&old);
	buf_reset(&new);
	undo(d, &old, &new, &changed);
	CHECK(u, strcmp(buf_cstr(&old), buf_cstr(&big1)) == 0);
	CHECK(u, strcmp(buf_cstr(&new), buf_cstr(&big2)) == 0);
	free(d);
	buf_free(&big1);
	buf_free(&big2);
	buf_free(&a);
	buf_free(&b);
	buf_free(&old);
	buf_free(&new);
}
