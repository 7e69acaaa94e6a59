/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "base/suggest.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* Latin-1 and Latin Extended-A letters folded to their base letter. */
static char
fold_cp(uint32_t cp)
{
	static const char latin1[64] =
	    "aaaaaaaceeeeiiii"	/* U+00C0 .. U+00CF */
	    "dnooooo*ouuuuyts"	/* U+00D0 .. U+00DF */
	    "aaaaaaaceeeeiiii"	/* U+00E0 .. U+00EF */
	    "dnooooo/ouuuuyty";	/* U+00F0 .. U+00FF */

	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? (char)(cp + 32) : (char)cp;
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0];
	if (cp == 0x152 || cp == 0x153)
		return 'o';	/* œ: "oe", first letter is enough here */
	return '?';
}

char *
fold_word(const char *s)
{
	struct buf b;
	size_t n = strlen(s), i = 0;

	buf_init(&b);
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);

		if (len == 0) {
			i++;
			continue;
		}
		if (cp == 0x152 || cp == 0x153)
			buf_puts(&b, "oe");
		else
			buf_putc(&b, fold_cp(cp));
		i += len;
	}
	return buf_detach(&b);
}

/* Optimal string alignment distance (adjacent transpositions count 1). */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, result;
	size_t *prev2, *prev, *cur, *tmp;

	prev2 = xcalloc(lb + 1, sizeof(size_t));
	prev = xcalloc(lb + 1, sizeof(size_t));
	cur = xcalloc(lb + 1, sizeof(size_t));
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = prev[j] + 1;

			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (prev[j - 1] + cost < best)
				best = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
		tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	result = prev[lb];
	free(prev2);
	free(prev);
	free(cur);
	return result;
}

void
suggest_begin(struct suggester *s, const char *word)
{
	s->word = word;
	s->best = NULL;
	s->best_distance = (size_t)-1;
	s->folded = fold_word(word);
}

void
suggest_consider(struct suggester *s, const char *candidate)
{
	char *folded;
	size_t d, len, limit;

	if (candidate == NULL || strcmp(candidate, s->word) == 0)
		return;
	folded = fold_word(candidate);
	len = strlen(s->folded);
	/* Long words tolerate more typos; very short ones only one. */
	limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
	d = distance(s->folded, folded);
	free(folded);
	if (d <= limit && d < s->best_distance) {
		s->best = candidate;
		s->best_distance = d;
	}
}

const char *
suggest_end(struct suggester *s)
{
	free(s->folded);
	s->folded = NULL;
	return s->best;
}
