/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The ground every lint rule stands on: prose folded for matching (case
 * and accents ignored, any run of blanks as one space, ’ as '), each
 * byte with the source offset it comes from; source positions, and the
 * prose as written, for messages; findings, collected per file. */
#include "lint/internal.h"

#include <stdlib.h>
#include <string.h>

bool
word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool
letter_byte(char c)
{
	return c >= 'a' && c <= 'z';
}

bool
blank_byte(char c)
{
	return c == ' ' || c == '\t';
}

void
prose_put(struct prose *p, char c, size_t origin)
{
	/* One space for any run of blanks, none at the start. */
	if (c == ' ' && (p->len == 0 || p->s[p->len - 1] == ' '))
		return;
	/* S holds a NUL after the LEN bytes. */
	p->s = xreserve(p->s, &p->cap, p->len + 1, 1);
	p->origin = xgrow(p->origin, p->len, sizeof(*p->origin));
	p->s[p->len] = c;
	p->origin[p->len++] = origin;
	p->s[p->len] = '\0';
}

/* Appends code point CP, whose LEN bytes at source offset ORIGIN are
 * BYTES, folded. */
void
prose_put_cp(struct prose *p, uint32_t cp, const char *bytes, size_t len,
    size_t origin)
{
	static const char latin1[64] =
	    "aaaaaaaceeeeiiii"	/* U+00C0 .. U+00CF */
	    "dnooooo*ouuuuyts"	/* U+00D0 .. U+00DF (× kept raw below) */
	    "aaaaaaaceeeeiiii"	/* U+00E0 .. U+00EF */
	    "dnooooo/ouuuuyty";	/* U+00F0 .. U+00FF (÷ kept raw below) */
	size_t i;

	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F)
		prose_put(p, ' ', origin);
	else if (cp < 0x80)
		prose_put(p, cp >= 'A' && cp <= 'Z' ? (char)(cp + 32) :
		    (char)cp, origin);
	else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC)
		prose_put(p, '\'', origin);
	else if (cp == 0x2010 || cp == 0x2011)
		prose_put(p, '-', origin);
	else if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7)
		prose_put(p, latin1[cp - 0xC0], origin);
	else if (cp == 0x152 || cp == 0x153) {
		prose_put(p, 'o', origin);
		prose_put(p, 'e', origin);
	} else
		for (i = 0; i < len; i++)
			prose_put(p, bytes[i], origin);
}

/* Folds S (N bytes); origins are offsets in S. */
void
prose_fold(struct prose *p, const char *s, size_t n)
{
	size_t i = 0, len;
	uint32_t cp;

	while (i < n) {
		if ((len = utf8_decode(s + i, n - i, &cp)) == 0) {
			len = 1;
			cp = (unsigned char)s[i];
		}
		prose_put_cp(p, cp, s + i, len, i);
		i += len;
	}
}

void
prose_free(struct prose *p)
{
	free(p->s);
	free(p->origin);
	memset(p, 0, sizeof(*p));
}

/* Whether folded WORD occurs in folded TEXT at a word start. */
bool
contains_word_start(const char *text, const char *word)
{
	const char *at = text;
	size_t n = strlen(word);

	if (n == 0)
		return false;
	while ((at = strstr(at, word)) != NULL) {
		if (at == text || !word_byte(at[-1]))
			return true;
		at++;
	}
	return false;
}

/* S folded, as a string (freed by the caller). */
char *
fold(const char *s)
{
	struct prose p;
	char *out;

	memset(&p, 0, sizeof(p));
	prose_fold(&p, s, strlen(s));
	out = xstrdup(p.s != NULL ? p.s : "");
	prose_free(&p);
	return out;
}

/* Source positions. */

void
offset_pos(const struct source *src, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = src->nlines;

	if (src->nlines == 0) {
		*line = *col = 1;
		return;
	}
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (src->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (int)lo + 1;
	*col = (int)utf8_count(src->text + src->lines[lo],
	    off - src->lines[lo]) + 1;
}

/* The span from offset START to the character at offset LAST. */
struct loc
span_loc(const struct source *src, size_t start, size_t last)
{
	struct loc loc;

	memset(&loc, 0, sizeof(loc));
	loc.src = src;
	offset_pos(src, start, &loc.line, &loc.col);
	offset_pos(src, last, &loc.end_line, &loc.end_col);
	return loc;
}

/* The prose P->s[FROM..TO) as written in SRC (case and accents kept,
 * emphasis marks and comments left out, blanks as one space), for
 * messages. */
char *
as_written(const struct source *src, const struct prose *p, size_t from,
    size_t to)
{
	struct buf b;
	uint32_t cp;
	size_t k, off, len;

	buf_init(&b);
	for (k = from; k < to; k++) {
		if (p->s[k] == ' ') {
			buf_putc(&b, ' ');
			continue;
		}
		if (k > from && p->origin[k] == p->origin[k - 1])
			continue;	/* "œ" folds to two bytes */
		off = p->origin[k];
		if ((len = utf8_decode(src->text + off, src->len - off, &cp)) == 0)
			len = 1;
		buf_put(&b, src->text + off, len);
	}
	return buf_detach(&b);
}

/* Findings: collected per file; lint.c sorts them and filters them by
 * the directives. */

struct finding *
add_finding(struct findings *fs, enum lint_rule rule, const struct loc *loc,
    const char *a, const char *b, const char *c)
{
	struct finding *fd;

	fs->v = xgrow(fs->v, fs->len, sizeof(*fs->v));
	fd = &fs->v[fs->len];
	memset(fd, 0, sizeof(*fd));
	fd->rule = rule;
	fd->loc = *loc;
	fd->seq = fs->len++;
	fd->arg[0] = xstrdup(a != NULL ? a : "");
	fd->arg[1] = xstrdup(b != NULL ? b : "");
	fd->arg[2] = xstrdup(c != NULL ? c : "");
	return fd;
}
