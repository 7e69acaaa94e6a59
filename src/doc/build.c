/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "doc/build.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "lang/numbering.h"

/*
 * The evaluated stream becomes a document in three steps: the stream is
 * cut into lines (each with its marker, indentation and inline tokens),
 * headings are numbered from those lines alone (so that references can
 * be resolved while paragraphs are built, forward ones included), then
 * the lines are folded into blocks and the anchors are assigned.
 */

/* Lines */

enum line_kind {
	LINE_TEXT,
	LINE_HEADING,
	LINE_BULLET,
	LINE_NUMBERED,
	LINE_SIGNATURES
};

struct line {
	enum line_kind	 kind;
	int		 indent;	/* line indent, or marker column */
	bool		 cont;		/* no ET_LINE: goes on with the open block */
	bool		 blank;		/* blank line(s) before it */
	const struct etok *marker;	/* ET_HEADING or ET_SIGNATURES */
	size_t		 first;		/* inline tokens [first, last) */
	size_t		 last;
};

struct lines {
	struct line	*v;
	size_t		 len;
};

static struct line *
lines_push(struct lines *ls, enum line_kind kind, bool cont, bool blank,
    size_t first)
{
	struct line *l;

	ls->v = xgrow(ls->v, ls->len, sizeof(*ls->v));
	l = &ls->v[ls->len++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->cont = cont;
	l->blank = blank;
	l->first = l->last = first;
	return l;
}

/* A line starting with a marker takes over a fresh ET_LINE; after
 * content, the marker starts a line of its own (defensive). */
static struct line *
marker_line(struct lines *ls, struct line *cur, enum line_kind kind,
    bool *blank, size_t i)
{
	if (cur != NULL && cur->kind == LINE_TEXT && !cur->cont &&
	    cur->first == cur->last) {
		cur->kind = kind;
		cur->first = cur->last = i + 1;
		return cur;
	}
	cur = lines_push(ls, kind, false, *blank, i + 1);
	*blank = false;
	return cur;
}

static void
split_lines(const struct stream *s, struct lines *ls)
{
	const struct etok *t;
	struct line *cur = NULL;
	bool blank = false;
	size_t i;

	for (i = 0; i < s->len; i++) {
		t = &s->v[i];
		switch (t->kind) {
		case ET_LINE:
			cur = lines_push(ls, LINE_TEXT, false, blank, i + 1);
			cur->indent = t->indent;
			blank = false;
			break;
		case ET_SOFTBREAK:
			cur = NULL;
			break;
		case ET_PARBREAK:
			cur = NULL;
			blank = true;
			break;
		case ET_HEADING:
			cur = marker_line(ls, cur, LINE_HEADING, &blank, i);
			cur->indent = 0;
			cur->marker = t;
			break;
		case ET_BULLET:
		case ET_NUMBERED:
			cur = marker_line(ls, cur, t->kind == ET_BULLET ?
			    LINE_BULLET : LINE_NUMBERED, &blank, i);
			cur->indent = t->indent;
			break;
		case ET_SIGNATURES:
			cur = lines_push(ls, LINE_SIGNATURES, false, true, i);
			cur->marker = t;
			cur = NULL;
			blank = true;
			break;
		case ET_TEXT:
		case ET_HARDBREAK:
		case ET_EMPH:
		case ET_REF:
			if (cur == NULL) {
				cur = lines_push(ls, LINE_TEXT, true, blank, i);
				blank = false;
			}
			cur->last = i + 1;
			break;
		}
	}
}

/* Numbering */

struct hinfo {
	const char	*label;		/* from the stream, or NULL */
	char		*number;	/* owned until moved into the doc */
	int		 level;
};

struct hinfos {
	struct hinfo	*v;
	size_t		 len;
	struct strmap	 by_label;	/* label → its first struct hinfo */
};

/* "3", "3.2", "3.2.1": COUNT up to LEVEL. */
static char *
heading_number(const int count[3], int level)
{
	struct buf b;
	int i;

	buf_init(&b);
	for (i = 0; i < level; i++) {
		if (i > 0)
			buf_putc(&b, '.');
		buf_putu(&b, (unsigned long)count[i]);
	}
	return buf_detach(&b);
}

static void
number_headings(const struct lines *ls, struct hinfos *hs)
{
	const struct etok *t;
	struct hinfo *h;
	struct numbering st = { NUMBERED_NO, NUMBERED_NO };
	int count[3] = { 0, 0, 0 };	/* the last number at each level */
	size_t i;
	int j;

	hs->v = NULL;
	hs->len = 0;
	memset(&hs->by_label, 0, sizeof(hs->by_label));
	for (i = 0; i < ls->len; i++)
		if (ls->v[i].kind == LINE_HEADING)
			hs->len++;
	if (hs->len == 0)
		return;
	hs->v = xcalloc(hs->len, sizeof(*hs->v));
	h = hs->v;
	for (i = 0; i < ls->len; i++) {
		if (ls->v[i].kind != LINE_HEADING)
			continue;
		t = ls->v[i].marker;
		h->label = t->label;
		if (h->label != NULL)
			strmap_put(&hs->by_label, h->label, h);
		h->level = numbering_level(t->level);
		if (numbering_step(&st, h->level, t->numbered) ==
		    NUMBERED_YES) {
			count[h->level - 1]++;
			for (j = h->level; j < 3; j++)
				count[j] = 0;
			h->number = heading_number(count, h->level);
		}
		h++;
	}
}

static const struct hinfo *
hinfo_find(const struct hinfos *hs, const char *label)
{
	return strmap_get(&hs->by_label, label);
}

/* Inline content: a paragraph is gathered as cells (one per code point,
 * blank, or break, each with its style and link) so that the whitespace
 * rules see through style-run boundaries. */

enum cell_kind {
	CELL_CHAR,
	CELL_BLANK,	/* space, tab, newline, soft break */
	CELL_NBSP,
	CELL_BREAK,
	CELL_SPACE	/* a normalised blank run */
};

/* What the cells of one piece of text share: a token of the stream, or
 * a label of a reference.  A cell names its span by index, so that the
 * cell itself is 24 bytes: a paragraph that a loop makes of millions
 * of characters once took 48 for each. */
struct span {
	const char	*link;		/* a label owned by the stream */
	struct value_origin *origin;	/* that value's (the stream's) */
	unsigned	 group;		/* 0: the author's text; else one
					 * value of the client's */
	bool		 escaped;	/* an escaped quote, or a draft's code:
					 * no typography */
};

struct cell {
	uint32_t	 cp;
	uint32_t	 span;		/* in para.spans */
	unsigned char	 kind;		/* enum cell_kind */
	unsigned char	 style;		/* enum run_style bits */
	/* A CELL_CHAR's bytes are its character's UTF-8 (cell_bytes),
	 * unless it stands for a byte that is no UTF-8: that byte, kept
	 * as it was, and CP is U+FFFD.  0 otherwise. */
	unsigned char	 byte;
};

struct para {
	bool		 open;
	bool		 straight_quotes;	/* keep "…" as typed */
	unsigned	 style;
	struct cell	*v;
	size_t		 len;
	size_t		 cap;		/* kept across paragraphs */
	unsigned	 groups;	/* client values in this paragraph */
	/* Span 0 is the author's plain text; the array is kept across
	 * paragraphs, as the cells are. */
	struct span	*spans;
	size_t		 nspans, spancap;
	uint32_t	 span;		/* of the cells being pushed */
	size_t		 tok_first;	/* the stream's tokens it was made */
	size_t		 tok_last;	/* of (doc_block) */
	/* What the cells hold (HAS_* bits, set by cells_text): the passes
	 * of para_finish that look for what is not there are skipped. */
	unsigned	 has;
	/* What the paragraph is made of, as para_append meets it: the
	 * pieces, replayed into cells by para_cells, and the key under
	 * which a memo keeps the paragraph's runs (memo.c).  A value of
	 * the client's is named by its class, the order in which the
	 * paragraph met it, so that another client's same paragraph has
	 * the same key; ORIGINS gives each class its value. */
	struct buf	 key;
	struct value_origin **origins;
	size_t		 norigins, origincap;
	bool		 unkept;	/* too many values to class */
};

#define HAS_QUOTE	1u	/* ' or " */
#define HAS_HYPHEN	2u	/* - */
#define HAS_DIGIT	4u	/* 0 to 9 */

/* The HAS_* bit of each ASCII character. */
static const unsigned char ascii_has[128] = {
	['\''] = HAS_QUOTE, ['"'] = HAS_QUOTE, ['-'] = HAS_HYPHEN,
	['0'] = HAS_DIGIT, ['1'] = HAS_DIGIT, ['2'] = HAS_DIGIT,
	['3'] = HAS_DIGIT, ['4'] = HAS_DIGIT, ['5'] = HAS_DIGIT,
	['6'] = HAS_DIGIT, ['7'] = HAS_DIGIT, ['8'] = HAS_DIGIT,
	['9'] = HAS_DIGIT,
};

/* The blanks of rule 3 (a no-break space is no blank). */
static const unsigned char ascii_blank[128] = {
	[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1,
};

/* The span for the cells pushed next: the last one again when it is
 * the same. */
static void
span_set(struct para *p, const char *link, struct value_origin *origin,
    unsigned group, bool escaped)
{
	struct span *sp;

	if (p->nspans == 0) {
		p->spans = xreserve(p->spans, &p->spancap, 0,
		    sizeof(*p->spans));
		memset(&p->spans[0], 0, sizeof(p->spans[0]));
		p->nspans = 1;
	}
	sp = &p->spans[p->nspans - 1];
	if (sp->link == link && sp->origin == origin && sp->group == group &&
	    sp->escaped == escaped) {
		p->span = (uint32_t)(p->nspans - 1);
		return;
	}
	if (link == NULL && origin == NULL && group == 0 && !escaped) {
		p->span = 0;
		return;
	}
	p->spans = xreserve(p->spans, &p->spancap, p->nspans,
	    sizeof(*p->spans));
	sp = &p->spans[p->nspans];
	sp->link = link;
	sp->origin = origin;
	sp->group = group;
	sp->escaped = escaped;
	p->span = (uint32_t)p->nspans++;
}

static const struct span *
span_of(const struct para *p, const struct cell *c)
{
	return &p->spans[c->span];
}

/* BYTE: see struct cell. */
static void
cell_push(struct para *p, enum cell_kind kind, uint32_t cp,
    unsigned char byte)
{
	struct cell *c;

	p->v = xreserve(p->v, &p->cap, p->len, sizeof(*p->v));
	c = &p->v[p->len++];
	c->kind = (unsigned char)kind;
	c->cp = cp;
	c->byte = byte;
	c->style = (unsigned char)p->style;
	c->span = p->span;
}

/* The bytes that cell C prints into OUT, and how many: none for what
 * is not a CELL_CHAR. */
static size_t
cell_bytes(const struct cell *c, char out[4])
{
	if (c->kind != CELL_CHAR)
		return 0;
	if (c->byte != 0) {
		out[0] = (char)c->byte;
		return 1;
	}
	return utf8_encode(c->cp, out);
}

static struct cell *
cell_append(struct cell *v, size_t *n, const struct cell *c)
{
	v = xgrow(v, *n, sizeof(*v));
	v[(*n)++] = *c;
	return v;
}

/* FIXED text is generated, not written: its spaces are final.  The
 * cells take the current span (span_set).  A byte gives at most one
 * cell, so the cells are reserved once for the whole text, and ASCII,
 * most of a contract, is taken without decoding. */
static void
cells_text(struct para *p, const char *s, size_t n, bool fixed)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k;
	uint32_t cp;
	struct cell *c;
	unsigned char kind, blank = fixed ? CELL_SPACE : CELL_BLANK;
	unsigned char style = (unsigned char)p->style;
	uint32_t span = p->span;
	unsigned has = p->has;

	/* No text, no cells: P->v may still be NULL, and NULL + 0 is
	 * undefined. */
	if (n == 0)
		return;
	/* One reallocation, to the double or to what the text needs: a
	 * text of millions of characters (a list of 256,000 numbers) is
	 * not copied through twenty doublings, and its cells stay on the
	 * heap rather than in a block mapped apart and faulted in a page
	 * at a time. */
	if (p->cap - p->len < n) {
		p->cap = p->cap * 2 > p->len + n ? p->cap * 2 : p->len + n;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	c = p->v + p->len;
	for (i = 0; i < n; i += k) {
		if (u[i] < 0x80) {
			/* Most of a contract: a character or a blank, by a
			 * table. */
			cp = u[i];
			has |= ascii_has[cp];
			if (ascii_blank[cp]) {
				c->kind = blank;
				c->cp = ' ';
			} else {
				c->kind = CELL_CHAR;
				c->cp = cp;
			}
			c->byte = 0;
			c->style = style;
			c->span = span;
			c++;
			k = 1;
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			/* Kept byte for byte: never a blank nor punctuation. */
			c->kind = CELL_CHAR;
			c->cp = 0xFFFD;
			c->byte = u[i];
			c->style = (unsigned char)p->style;
			c->span = p->span;
			c++;
			k = 1;
			continue;
		}
		kind = cp == 0xA0 ? CELL_NBSP : CELL_CHAR;
		c->kind = kind;
		c->cp = cp;
		c->byte = 0;
		c->style = style;
		c->span = span;
		c++;
	}
	p->has = has;
	p->len = (size_t)(c - p->v);
}

/* The pieces a paragraph is made of, in its key. */
enum piece_kind {
	PIECE_TEXT,	/* written text, or a value of the client's */
	PIECE_FIXED,	/* generated text (a reference), maybe a link */
	PIECE_BLANK,	/* the end of a line within the paragraph */
	PIECE_BREAK	/* a hard line break */
};

/* A paragraph holding more distinct values than this is typeset but
 * never kept: classing its values would take time in their square. */
#define CLASSES_MAX	64

static void
key_size(struct buf *k, size_t n)
{
	buf_put(k, (const char *)&n, sizeof(n));
}

static void
piece_head(struct para *p, enum piece_kind kind)
{
	char head[2];

	head[0] = (char)kind;
	head[1] = (char)p->style;
	buf_put(&p->key, head, sizeof(head));
}

/* The class of ORIGIN in the paragraph (see struct para), added when
 * new; SIZE_MAX for none. */
static size_t
origin_class_of(struct para *p, struct value_origin *origin)
{
	size_t i;

	if (origin == NULL)
		return SIZE_MAX;
	if (p->norigins < CLASSES_MAX) {
		for (i = 0; i < p->norigins; i++)
			if (p->origins[i] == origin)
				return i;
	} else
		p->unkept = true;
	p->origins = xreserve(p->origins, &p->origincap, p->norigins,
	    sizeof(*p->origins));
	p->origins[p->norigins] = origin;
	return p->norigins++;
}

/* BORROWED text is the template's own (stream.h), which outlives the
 * memo (lgc.c frees the memo before the program, and a compiler never
 * loads a second template): the key holds its address, not its bytes,
 * which spares copying, hashing and comparing the template's text for
 * every paragraph.  The same address is the same text; the same text
 * at another address is only another key (a paragraph typeset anew,
 * the same runs). */
static void
piece_text(struct para *p, struct value_origin *origin, bool verbatim,
    bool escaped, bool borrowed, const char *s, size_t n)
{
	char flags = (char)((verbatim ? 1 : 0) | (escaped ? 2 : 0) |
	    (borrowed ? 4 : 0));

	piece_head(p, PIECE_TEXT);
	buf_put(&p->key, &flags, 1);
	key_size(&p->key, origin_class_of(p, origin));
	key_size(&p->key, n);
	if (borrowed)
		buf_put(&p->key, (const char *)&s, sizeof(s));
	else
		buf_put(&p->key, s, n);
}

static void
piece_fixed(struct para *p, const char *s, const char *link)
{
	size_t n = strlen(s);

	piece_head(p, PIECE_FIXED);
	if (link == NULL)
		key_size(&p->key, SIZE_MAX);
	else {
		key_size(&p->key, strlen(link));
		buf_put(&p->key, link, strlen(link) + 1);
	}
	key_size(&p->key, n);
	buf_put(&p->key, s, n);
}

static void
piece_mark(struct para *p, enum piece_kind kind)
{
	piece_head(p, kind);
}

static size_t
key_get_size(const char **at)
{
	size_t n;

	memcpy(&n, *at, sizeof(n));
	*at += sizeof(n);
	return n;
}

/* The cells of the pieces recorded. */
static void
para_cells(struct para *p)
{
	const char *at = p->key.data + 1, *end = p->key.data + p->key.len;
	const char *link;
	size_t cls, n;
	unsigned flags;

	while (at < end) {
		enum piece_kind kind = (enum piece_kind)(unsigned char)at[0];

		p->style = (unsigned char)at[1];
		at += 2;
		switch (kind) {
		case PIECE_TEXT:
			flags = (unsigned char)*at++;
			cls = key_get_size(&at);
			n = key_get_size(&at);
			if (flags & 1)
				p->groups++;
			span_set(p, NULL, cls == SIZE_MAX ? NULL :
			    p->origins[cls], flags & 1 ? p->groups : 0,
			    (flags & 2) != 0);
			if (flags & 4) {
				const char *text;

				memcpy(&text, at, sizeof(text));
				cells_text(p, text, n, false);
				at += sizeof(text);
			} else {
				cells_text(p, at, n, false);
				at += n;
			}
			break;
		case PIECE_FIXED:
			n = key_get_size(&at);
			link = NULL;
			if (n != SIZE_MAX) {
				link = at;
				at += n + 1;
			}
			n = key_get_size(&at);
			span_set(p, link, NULL, 0, false);
			cells_text(p, at, n, true);
			at += n;
			break;
		case PIECE_BLANK:
			span_set(p, NULL, NULL, 0, false);
			cell_push(p, CELL_BLANK, ' ', 0);
			break;
		case PIECE_BREAK:
			span_set(p, NULL, NULL, 0, false);
			cell_push(p, CELL_BREAK, 0, 0);
			break;
		}
	}
}

/* A paragraph starts: its key with what else decides its runs. */
static void
para_open(struct para *p)
{
	char quotes = (char)p->straight_quotes;

	p->open = true;
	p->style = 0;
	p->key.len = 0;
	buf_put(&p->key, &quotes, 1);
}

static void
cells_str(struct para *p, const char *s, const char *link)
{
	piece_fixed(p, s, link);
}

/* "article 2", "articles 2, 5 et 7", "article 2.1"; bare: "2".  The
 * word and the number are held together, as in "n° 12". */
static void
cells_ref(struct para *p, const struct etok *t, const struct hinfos *hs)
{
	const struct hinfo *h;
	struct buf b;
	size_t i;

	if (t->nlabels == 0)
		return;
	buf_init(&b);
	if (t->nlabels == 1) {
		h = hinfo_find(hs, t->labels[0]);
		if (h == NULL || h->number == NULL)
			cells_str(p, t->bare ? "?" : "article" NBSP "?", NULL);
		else {
			buf_printf(&b, "%s%s", t->bare ? "" : "article" NBSP,
			    h->number);
			cells_str(p, buf_cstr(&b), h->label);
		}
		buf_free(&b);
		return;
	}
	if (!t->bare)
		cells_str(p, "articles" NBSP, NULL);
	for (i = 0; i < t->nlabels; i++) {
		if (i > 0)
			cells_str(p, i + 1 == t->nlabels ? " et " : ", ", NULL);
		h = hinfo_find(hs, t->labels[i]);
		if (h == NULL || h->number == NULL)
			cells_str(p, "?", NULL);
		else
			cells_str(p, h->number, h->label);
	}
	buf_free(&b);
}

static unsigned
emphasis_style(enum emphasis e)
{
	switch (e) {
	case EMPH_ITALIC:
		return STYLE_ITALIC;
	case EMPH_BOLD:
		return STYLE_BOLD;
	case EMPH_DRAFT:
		return STYLE_DRAFT;
	}
	return 0;
}

static void
para_append(struct para *p, struct stream *s, const struct line *l,
    const struct hinfos *hs)
{
	struct etok *t;
	size_t i;

	if (!p->open) {
		para_open(p);
		/* A line with a marker starts at its marker. */
		p->tok_first = l->marker != NULL || l->kind == LINE_BULLET ||
		    l->kind == LINE_NUMBERED ? l->first - 1 : l->first;
	} else
		piece_mark(p, PIECE_BLANK);
	p->tok_last = l->last;
	for (i = l->first; i < l->last; i++) {
		t = &s->v[i];
		switch (t->kind) {
		case ET_TEXT:
			if (t->text != NULL) {
				piece_text(p, t->origin, t->verbatim,
				    t->escaped, t->borrowed, t->text,
				    strlen(t->text));
				if (!t->borrowed)
					free(t->text);
				t->text = NULL;
			}
			break;
		case ET_EMPH:
			p->style ^= emphasis_style(t->emphasis);
			break;
		case ET_HARDBREAK:
			piece_mark(p, PIECE_BREAK);
			break;
		case ET_REF:
			cells_ref(p, t, hs);
			break;
		case ET_LINE:
		case ET_SOFTBREAK:
		case ET_PARBREAK:
		case ET_HEADING:
		case ET_BULLET:
		case ET_NUMBERED:
		case ET_SIGNATURES:
			break;
		}
	}
}

/* Whether C is one of the characters of SET (UTF-8).  SET is searched
 * for C's own bytes rather than decoded: in UTF-8 an ASCII byte is only
 * ever that character, and a whole encoded sequence found from a lead
 * byte starts at a character's boundary, so this is exact and needs no
 * decoding for every cell (this ran for most cells of every
 * paragraph). */
static bool
is_char(const struct cell *c, const char *set)
{
	char b[4];
	size_t n;
	const char *at;

	if (c == NULL || c->kind != CELL_CHAR || c->cp == 0)
		return false;
	if (c->cp < 0x80)
		return strchr(set, (int)c->cp) != NULL;
	n = utf8_encode(c->cp, b);
	for (at = strchr(set, b[0]); at != NULL; at = strchr(at + 1, b[0]))
		if (strncmp(at, b, n) == 0)
			return true;
	return false;
}

/* The characters that rule 3 looks at around a blank run, as switches
 * (they are tested for every blank of every paragraph): no space before
 * . , ) ] …, none after ( [, a no-break space before ; : ! ? % € ». */
static bool
hugs_before(const struct cell *c)
{
	if (c->kind != CELL_CHAR)
		return false;
	switch (c->cp) {
	case '.': case ',': case ')': case ']': case 0x2026:
		return true;
	default:
		return false;
	}
}

static bool
hugs_after(const struct cell *c)
{
	return c->kind == CELL_CHAR && (c->cp == '(' || c->cp == '[');
}

static bool
spaced_before(const struct cell *c)
{
	if (c->kind != CELL_CHAR)
		return false;
	switch (c->cp) {
	case ';': case ':': case '!': case '?': case '%': case 0x20AC:
	case 0xBB:
		return true;
	default:
		return false;
	}
}

/* Rule 3 of the language: a blank run becomes one space, or a no-break
 * space, or nothing, depending on its neighbours. */
static size_t
normalize(struct para *p)
{
	struct cell *prev, *next;
	size_t i, j, n = 0;
	bool nbsp;

	for (i = 0; i < p->len; i = j) {
		if (p->v[i].kind != CELL_BLANK && p->v[i].kind != CELL_NBSP) {
			/* Cells move only once a blank run has shrunk. */
			if (n != i)
				p->v[n] = p->v[i];
			n++;
			j = i + 1;
			continue;
		}
		nbsp = false;
		for (j = i; j < p->len && (p->v[j].kind == CELL_BLANK ||
		    p->v[j].kind == CELL_NBSP); j++)
			if (p->v[j].kind == CELL_NBSP && !nbsp) {
				nbsp = true;
				p->v[i] = p->v[j];
			}
		if (nbsp) {
			/* The author's (or a formatter's) no-break space. */
			p->v[n++] = p->v[i];
			continue;
		}
		prev = n > 0 ? &p->v[n - 1] : NULL;
		next = j < p->len ? &p->v[j] : NULL;
		if (prev == NULL || next == NULL || prev->kind == CELL_BREAK ||
		    next->kind == CELL_BREAK)
			continue;
		if (hugs_before(next) || hugs_after(prev))
			continue;
		p->v[n] = p->v[i];
		/* Not in code shown as written (a draft's « != »). */
		if (!span_of(p, &p->v[i])->escaped &&
		    (spaced_before(next) || (prev->kind == CELL_CHAR &&
		    prev->cp == 0xAB)))
			p->v[n].kind = CELL_NBSP;
		else
			p->v[n].kind = CELL_SPACE;
		n++;
	}
	return n;
}

/* French typography of the text (issue: "French legal formatting"):
 * straight apostrophes become ’, straight double quotes « … » with
 * no-break spaces inside, and the space between a number and its unit
 * or between groups of thousands a no-break space.  Runs before the
 * whitespace rules so that those place the no-break spaces. */
static void
replace_cp(struct cell *c, uint32_t cp)
{
	c->cp = cp;
	c->byte = 0;
}

static bool
opens_quote(const struct cell *prev)
{
	return prev == NULL || prev->kind == CELL_BLANK ||
	    prev->kind == CELL_NBSP || prev->kind == CELL_BREAK ||
	    prev->kind == CELL_SPACE || is_char(prev, "([{\xe2\x80\x94\xe2\x80\x93-/");
}

/* Whether the cell at I lies in an e-mail address or a URL (a run of
 * non-blank cells with an @ or "://"), whose apostrophes are not
 * typography. */
static bool
is_alnum_cell(const struct cell *c)
{
	return c->kind == CELL_CHAR && c->cp < 0x80 &&
	    ((c->cp >= 'a' && c->cp <= 'z') || (c->cp >= 'A' && c->cp <= 'Z') ||
	    (c->cp >= '0' && c->cp <= '9'));
}

static bool
in_address(const struct para *p, size_t i)
{
	size_t a = i, b = i, k;

	while (a > 0 && p->v[a - 1].kind == CELL_CHAR)
		a--;
	while (b + 1 < p->len && p->v[b + 1].kind == CELL_CHAR)
		b++;
	for (k = a + 1; k < b; k++) {
		if (p->v[k].cp == '@' && is_alnum_cell(&p->v[k - 1]) &&
		    is_alnum_cell(&p->v[k + 1]))
			return true;
		if (p->v[k].cp == ':' && k + 2 <= b && p->v[k + 1].cp == '/' &&
		    p->v[k + 2].cp == '/' && is_alnum_cell(&p->v[k - 1]))
			return true;
	}
	return false;
}

/*
 * Apostrophes become ’ (outside addresses), and straight double quotes
 * « … » with their no-break spaces.  The author's quotes pair among
 * themselves within the paragraph, a client value's only within that
 * value, and only when they all pair up: an odd one (27" for inches)
 * leaves them as typed, and a value's never closes or opens one of the
 * author's.
 */
static void
quotes_and_apostrophes(struct para *p)
{
	struct cell *v = NULL;
	size_t i, j, n = 0, quotes = 0;
	bool open = false, open_value = false, *balanced, *opened;

	/* A client value's quotes are typeset only when they read as
	 * pairs: each opening after a blank or an opening bracket, each
	 * closing an open one, none left open ("5" écran, AB"12" is not
	 * a quotation). */
	balanced = xcalloc(p->groups + 1, sizeof(*balanced));
	opened = xcalloc(p->groups + 1, sizeof(*opened));
	for (j = 0; j <= p->groups; j++)
		balanced[j] = true;
	for (i = 0; i < p->len; i++) {
		struct cell *c = &p->v[i];
		unsigned g;

		/* An escaped quote is left as typed and counted as no
		 * quote, so that it neither pairs nor is paired. */
		if ((c->cp != '\'' && c->cp != '"') || c->kind != CELL_CHAR ||
		    span_of(p, c)->escaped)
			continue;
		g = span_of(p, c)->group;
		if (c->cp == '\'' && !in_address(p, i)) {
			/* An apostrophe closes a letter ("l'article"); one that
			 * opens a word ('mot') is an opening quote, ‘, not ’. */
			const struct cell *before = i == 0 ? NULL : &p->v[i - 1];
			bool opening = opens_quote(before) && i + 1 < p->len &&
			    p->v[i + 1].kind == CELL_CHAR &&
			    p->v[i + 1].cp != '\'';

			replace_cp(c, opening ? 0x2018 : 0x2019);
		} else if (c->cp == '"') {
			/* The author's quotes (group 0) may hold a value:
			 * what they follow and precede can be of any group. */
			const struct cell *before = i == 0 ? NULL :
			    g == 0 || span_of(p, &p->v[i - 1])->group == g ?
			    &p->v[i - 1] :
			    NULL;
			bool next_char = i + 1 < p->len &&
			    (g == 0 || span_of(p, &p->v[i + 1])->group == g) &&
			    p->v[i + 1].kind == CELL_CHAR;

			quotes++;
			if (opened[g])
				opened[g] = false;
			else if (opens_quote(before) && next_char)
				opened[g] = true;
			else
				balanced[g] = false;
		}
	}
	for (j = 0; j <= p->groups; j++)
		if (opened[j])
			balanced[j] = false;
	free(opened);
	if (quotes == 0 || p->straight_quotes) {
		free(balanced);
		return;
	}
	/* Each guillemet brings its no-break space. */
	for (i = 0; i < p->len; i++) {
		struct cell c = p->v[i];
		const struct span *sp = span_of(p, &c);
		bool *state = sp->group == 0 ? &open : &open_value;

		if (i > 0 && sp->group != span_of(p, &p->v[i - 1])->group)
			open_value = false;
		if (c.kind != CELL_CHAR || sp->escaped || c.cp != '"' ||
		    !balanced[sp->group]) {
			v = cell_append(v, &n, &c);
			continue;
		}
		/* The first pass checked that these quotes pair up: they
		 * open and close in turn, whatever precedes them. */
		if (!*state) {
			replace_cp(&c, 0xAB);
			v = cell_append(v, &n, &c);
			c.kind = CELL_BLANK;
			c.cp = ' ';
			v = cell_append(v, &n, &c);
			*state = true;
		} else {
			struct cell blank = c;

			blank.kind = CELL_BLANK;
			blank.cp = ' ';
			v = cell_append(v, &n, &blank);
			replace_cp(&c, 0xBB);
			v = cell_append(v, &n, &c);
			*state = false;
		}
	}
	free(balanced);
	free(p->v);
	p->v = v;
	p->len = n;
	p->cap = n;	/* at least: cell_append grew V by xgrow */
}

static bool
is_digit_cell(const struct cell *c)
{
	return c != NULL && c->kind == CELL_CHAR && c->cp >= '0' && c->cp <= '9';
}

static bool
is_letter_cell(const struct cell *c)
{
	return c != NULL && c->kind == CELL_CHAR &&
	    ((c->cp >= 'a' && c->cp <= 'z') || (c->cp >= 'A' && c->cp <= 'Z') ||
	    (c->cp >= 0xC0 && c->cp <= 0x24F));
}

/* Whether the cells from I spell one of the unit words, then end. */
static bool
unit_word_at(const struct para *p, size_t i, size_t n)
{
	static const char *const units[] = {
		"jour", "jours", "semaine", "semaines", "mois", "an", "ans",
		"année", "années", "heure", "heures", "h", "minute", "minutes",
		"euro", "euros", "centime", "centimes", "km", "m", "kg", "Mo",
		"Go", "ko", "prospect", "prospects",
	};
	size_t u, k;

	for (u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		const char *w = units[u];
		size_t len = strlen(w), pos = 0;

		for (k = i; k < n && pos < len; k++) {
			const struct cell *c = &p->v[k];
			char b[4];
			size_t nb = cell_bytes(c, b);

			if (c->kind != CELL_CHAR || nb > len - pos ||
			    memcmp(b, w + pos, nb) != 0)
				break;
			pos += nb;
		}
		if (pos == len && (k == n || !is_letter_cell(&p->v[k])))
			return true;
	}
	return false;
}

/* Whether the cells before I spell an abbreviation that a number
 * follows without a line break: "n° 12", "art. 4", "L. 441-10". */
static bool
abbreviation_before(const struct para *p, size_t i)
{
	static const char *const abbreviations[] = {
		"n\xc2\xb0", "N\xc2\xb0", "art.", "Art.", "L.", "R.", "D.",
		"\xc2\xa7", "p.", "al.", "chap.",
	};
	size_t a, k;

	for (a = 0; a < sizeof(abbreviations) / sizeof(abbreviations[0]); a++) {
		const char *w = abbreviations[a];
		size_t len = strlen(w), pos = len;

		for (k = i; k > 0 && pos > 0; k--) {
			const struct cell *c = &p->v[k - 1];
			char b[4];
			size_t nb = cell_bytes(c, b);

			if (c->kind != CELL_CHAR || nb > pos ||
			    memcmp(b, w + pos - nb, nb) != 0)
				break;
			pos -= nb;
		}
		if (pos == 0 && (k == 0 || !is_letter_cell(&p->v[k - 1])))
			return true;
	}
	return false;
}

/* Whether the space at I separates two groups of thousands: one to
 * three digits before it (after a group space, or a non-digit that is
 * not a decimal comma), exactly three after ("1 500", "899 964 704",
 * "12 000,50").  Two numbers side by side that read so ("30 364") are
 * held together too: a no-break space there costs nothing. */
static bool
group_space(const struct para *p, size_t i, size_t n)
{
	size_t a = i, k;

	while (a > 0 && is_digit_cell(&p->v[a - 1]))
		a--;
	if (a == i || i - a > 3)
		return false;
	if (a > 0 && (is_char(&p->v[a - 1], ",.") ||
	    is_letter_cell(&p->v[a - 1])))
		return false;
	for (k = i + 1; k < n && k <= i + 3; k++)
		if (!is_digit_cell(&p->v[k]))
			return false;
	return k == i + 4 && (k == n || !is_digit_cell(&p->v[k]));
}

/* Whether the word from I holds a digit: "n° LM-2027" is held like
 * "n° 12". */
static bool
word_has_digit(const struct para *p, size_t i, size_t n)
{
	for (; i < n && p->v[i].kind == CELL_CHAR; i++)
		if (is_digit_cell(&p->v[i]))
			return true;
	return false;
}

/* "10 h 30": the minutes stay with the hour, as the hour with its
 * number. */
static bool
hour_before(const struct para *p, size_t i)
{
	return i >= 3 && is_char(&p->v[i - 1], "h") &&
	    p->v[i - 2].kind == CELL_NBSP && is_digit_cell(&p->v[i - 3]);
}

static bool
ends_abbreviation(const struct cell *c)
{
	/* A kept byte (no UTF-8) is compared byte for byte: looked at. */
	return c->kind == CELL_CHAR && (c->byte != 0 || c->cp == 0xB0 ||
	    c->cp == '.' || c->cp == 0xA7);
}

static void
number_spaces(struct para *p, size_t n)
{
	size_t i;

	for (i = 1; i + 1 < n; i++) {
		struct cell *c = &p->v[i];

		if (c->kind != CELL_SPACE)
			continue;
		/* Every abbreviation ends in °, . or §: only after one of
		 * them is the word after looked at. */
		if ((ends_abbreviation(&p->v[i - 1]) &&
		    word_has_digit(p, i + 1, n) && abbreviation_before(p, i)) ||
		    (is_digit_cell(&p->v[i + 1]) && (hour_before(p, i) ||
		    group_space(p, i, n)))) {
			c->kind = CELL_NBSP;
			continue;
		}
		if (is_digit_cell(&p->v[i - 1]) && unit_word_at(p, i + 1, n))
			c->kind = CELL_NBSP;
	}
}

/* The cells of the word around I: a run of characters [*A, *B). */
static void
word_around(const struct para *p, size_t i, size_t *a, size_t *b)
{
	*a = i;
	*b = i + 1;
	while (*a > 0 && p->v[*a - 1].kind == CELL_CHAR)
		(*a)--;
	while (*b < p->len && p->v[*b].kind == CELL_CHAR)
		(*b)++;
}

/* A reference with digits ("LM-2027-0042", "L. 441-10", "COVID-19")
 * is one word that no line may split: its inner hyphens become U+2011,
 * the non-breaking hyphen, which every backend prints as a hyphen that
 * ends no line.  Words without a digit ("ci-après") still break after
 * their hyphen, and addresses are left to the backends. */
static void
identifiers(struct para *p)
{
	size_t i, a, b, k;
	bool digit;

	for (i = 1; i + 1 < p->len; i++) {
		if (p->v[i].kind != CELL_CHAR || p->v[i].cp != '-' ||
		    span_of(p, &p->v[i])->escaped ||
		    (!is_alnum_cell(&p->v[i - 1]) &&
		    !is_letter_cell(&p->v[i - 1])) ||
		    (!is_alnum_cell(&p->v[i + 1]) &&
		    !is_letter_cell(&p->v[i + 1])))
			continue;
		word_around(p, i, &a, &b);
		digit = false;
		for (k = a; k < b && !digit; k++)
			digit = is_digit_cell(&p->v[k]);
		if (digit && !in_address(p, i))
			replace_cp(&p->v[i], 0x2011);
	}
}

/* Whether the characters [A, B) spell S. */
static bool
cells_spell(const struct para *p, size_t a, size_t b, const char *s)
{
	size_t k, pos = 0, len = strlen(s);

	for (k = a; k < b; k++) {
		char bytes[4];
		size_t nb = cell_bytes(&p->v[k], bytes);

		if (nb > len - pos || memcmp(bytes, s + pos, nb) != 0)
			return false;
		pos += nb;
	}
	return pos == len;
}

/*
 * French typography sets the letters of an ordinal in superscript:
 * 1er, 1re, 1ers, 1res after 1 alone; 2d, 2de, 2ds, 2des after 2 alone
 * (second, seconde); e and es after any other number (2e, 21e, 100es).
 * The number must start a word, the letters end it; the faulty forms
 * (2ème, 1ère, 3è) are left as typed, and so is what only looks like an
 * ordinal: in an address, or before "-3" (2e-3; but "1er-Mai" is one).
 */
static void
ordinals(struct para *p)
{
	static const char *const first[] = { "er", "re", "ers", "res" };
	static const char *const second[] = { "d", "de", "ds", "des" };
	size_t i, a, b, k;
	bool ok;

	for (i = 0; i < p->len; i = b > i ? b : i + 1) {
		/* Most cells are no digit: passed over at once. */
		while (i < p->len && p->v[i].cp - '0' > 9u)
			i++;
		if (i == p->len)
			break;
		b = i;
		if (!is_digit_cell(&p->v[i]) || (i > 0 &&
		    p->v[i - 1].kind == CELL_CHAR &&
		    !is_char(&p->v[i - 1], "([\"'\xc2\xab\xe2\x80\x98"
		    "\xe2\x80\x9c\xe2\x80\x94\xe2\x80\x93")))
			continue;
		for (a = i; a < p->len && is_digit_cell(&p->v[a]); a++)
			;
		for (b = a; b < p->len && is_letter_cell(&p->v[b]); b++)
			;
		if (b == a || (b < p->len && is_digit_cell(&p->v[b])) ||
		    (b + 1 < p->len && is_char(&p->v[b], "-+\xe2\x80\x91") &&
		    is_digit_cell(&p->v[b + 1])) || in_address(p, a))
			continue;
		ok = false;
		if (a - i == 1 && p->v[i].cp == '1')
			for (k = 0; k < 4 && !ok; k++)
				ok = cells_spell(p, a, b, first[k]);
		else if (a - i == 1 && p->v[i].cp == '2')
			for (k = 0; k < 4 && !ok; k++)
				ok = cells_spell(p, a, b, second[k]);
		if (!ok && !(a - i == 1 && p->v[i].cp == '1'))
			ok = cells_spell(p, a, b, "e") ||
			    cells_spell(p, a, b, "es");
		if (ok)
			for (k = a; k < b; k++)
				p->v[k].style |= STYLE_SUPERSCRIPT;
	}
}

static bool
same_link(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* The paragraph is done: ready for the next. */
static void
para_reset(struct para *p)
{
	p->open = false;
	p->style = 0;
	p->len = 0;
	p->groups = 0;
	p->nspans = 0;
	p->has = 0;
	p->key.len = 0;
	p->norigins = 0;
	p->unkept = false;
}

static void para_typeset(struct para *p, struct doc_runs *out);

/* Ends the paragraph: its normalised runs go to OUT (possibly none),
 * from MEMO when it has them (then kept there when it may). */
static void
para_finish(struct para *p, struct doc_runs *out, struct build_memo *memo)
{
	memset(out, 0, sizeof(*out));
	if (memo != NULL && !p->unkept &&
	    build_memo_get(memo, p->key.data, p->key.len, p->origins, out)) {
		para_reset(p);
		return;
	}
	para_cells(p);
	para_typeset(p, out);
	if (memo != NULL && !p->unkept)
		build_memo_put(memo, p->key.data, p->key.len, out, p->origins,
		    p->norigins);
	para_reset(p);
}

/* The runs of the paragraph's cells.  A client's value is a run of its
 * own, so that a backend can name it. */
static void
para_typeset(struct para *p, struct doc_runs *out)
{
	struct buf text;
	const struct cell *c;
	unsigned style = 0;
	const char *link = NULL;
	struct value_origin *origin = NULL;
	size_t i, n, start;
	uint32_t span = UINT32_MAX;
	char *out_p;

	/* Each of these passes acts only on a quote, a hyphen or a digit
	 * (the cells of a paragraph are all made by cells_text). */
	if (p->has & HAS_QUOTE)
		quotes_and_apostrophes(p);
	if (p->has & HAS_HYPHEN)
		identifiers(p);
	if (p->has & HAS_DIGIT)
		ordinals(p);
	n = normalize(p);
	if (p->has & HAS_DIGIT)
		number_spaces(p, n);
	start = 0;
	while (start < n && p->v[start].kind == CELL_BREAK)
		start++;
	while (n > start && p->v[n - 1].kind == CELL_BREAK)
		n--;
	/* The text is written straight into a buffer reserved once: a
	 * cell prints at most 4 bytes.  A run ends where the style, the
	 * link or the origin changes, which only a change of span or of
	 * style can bring. */
	buf_init(&text);
	buf_grow(&text, (n - start) * 4);
	out_p = text.data;
	for (i = start; i < n; i++) {
		c = &p->v[i];
		/* Most cells: an ASCII character of the run being written
		 * (a CELL_CHAR below U+0080 holds no kept byte).  Read into
		 * locals first: the bytes written may alias the cells. */
		{
			uint32_t cp = c->cp, cspan = c->span;
			unsigned char kind = c->kind, cstyle = c->style;

			if (kind == CELL_CHAR && cp < 0x80 && cspan == span &&
			    cstyle == style) {
				*out_p++ = (char)cp;
				continue;
			}
		}
		if (c->span != span || c->kind == CELL_BREAK ||
		    c->style != style) {
			const struct span *sp = span_of(p, c);

			text.len = (size_t)(out_p - text.data);
			if (text.len > 0 && (c->kind == CELL_BREAK ||
			    c->style != style || !same_link(sp->link, link) ||
			    sp->origin != origin)) {
				text.data[text.len] = '\0';
				doc_runs_push_value(out, text.data, text.len,
				    style, link, origin);
				out_p = text.data;
			}
			style = c->style;
			link = sp->link;
			origin = sp->origin;
			span = c->span;
		}
		switch ((enum cell_kind)c->kind) {
		case CELL_CHAR:
			if (c->cp < 0x80 && c->byte == 0)
				*out_p++ = (char)c->cp;
			else
				out_p += cell_bytes(c, out_p);
			break;
		case CELL_BLANK:
		case CELL_SPACE:
			*out_p++ = ' ';
			break;
		case CELL_NBSP:
			memcpy(out_p, NBSP, 2);
			out_p += 2;
			break;
		case CELL_BREAK:
			doc_runs_push(out, NULL, 0, c->style, NULL);
			break;
		}
	}
	text.len = (size_t)(out_p - text.data);
	if (text.len > 0) {
		text.data[text.len] = '\0';
		doc_runs_push_value(out, text.data, text.len, style, link,
		    origin);
	}
	buf_free(&text);
}

char *
typeset_line(char *text, bool straight_quotes)
{
	struct para p;
	struct doc_runs runs;
	struct buf b;
	size_t i;

	memset(&p, 0, sizeof(p));
	p.straight_quotes = straight_quotes;
	para_open(&p);
	piece_text(&p, NULL, false, false, false, text, strlen(text));
	free(text);
	para_finish(&p, &runs, NULL);
	buf_init(&b);
	for (i = 0; i < runs.len; i++)
		buf_puts(&b, runs.v[i].line_break ? " " : runs.v[i].text);
	doc_runs_free(&runs);
	free(p.v);
	free(p.spans);
	buf_free(&p.key);
	free(p.origins);
	return buf_detach(&b);
}

/* Blocks */

struct level {
	struct doc_list	*list;
	int		 col;
	bool		 ordered;
};

struct builder {
	struct stream *s;
	const struct hinfos *hs;
	struct doc	*doc;
	struct level	*stack;
	size_t		 depth;
	struct para	 para;
	struct build_memo *memo;	/* or NULL */
};

/* Where new blocks go: the current item of the innermost open list.
 * Pointers into the tree stay valid because only the innermost
 * container ever grows while deeper levels are open. */
static struct doc_blocks *
target(struct builder *b)
{
	struct doc_list *l;

	if (b->depth == 0)
		return &b->doc->blocks;
	l = b->stack[b->depth - 1].list;
	return &l->items[l->len - 1];
}

static uint32_t
tok_index(size_t i)
{
	return i < UINT32_MAX ? (uint32_t)i : UINT32_MAX;
}

static void
set_tokens(struct doc_block *blk, size_t first, size_t last)
{
	blk->tok_first = tok_index(first);
	blk->tok_last = tok_index(last);
}

static void
flush(struct builder *b)
{
	struct doc_runs runs;
	struct doc_block *blk;

	if (!b->para.open)
		return;
	para_finish(&b->para, &runs, b->memo);
	if (runs.len == 0) {
		doc_runs_free(&runs);
		return;
	}
	blk = doc_blocks_push(target(b), BLOCK_PARAGRAPH);
	blk->u.paragraph = runs;
	set_tokens(blk, b->para.tok_first, b->para.tok_last);
}

/* An item whose text all vanished ({si} false) takes no bullet and no
 * number: the next item reuses it, and a list left without any item
 * is no list, as an empty paragraph is no paragraph (rule 2). */
static void
add_item(struct builder *b)
{
	struct doc_list *l = b->stack[b->depth - 1].list;

	flush(b);
	if (l->len > 0 && l->items[l->len - 1].len == 0)
		return;
	l->items = xgrow(l->items, l->len, sizeof(*l->items));
	memset(&l->items[l->len], 0, sizeof(*l->items));
	l->len++;
}

/* Closes the innermost list; the caller has flushed the paragraph. */
static void
pop_level(struct builder *b)
{
	struct doc_list *l = b->stack[b->depth - 1].list;
	struct doc_blocks *parent;

	if (l->len > 0 && l->items[l->len - 1].len == 0) {
		free(l->items[l->len - 1].v);
		l->len--;
	}
	b->depth--;
	if (l->len > 0)
		return;
	/* The list is the parent's last block: nothing was added to the
	 * parent while the list was open. */
	parent = target(b);
	free(l->items);
	l->items = NULL;
	parent->len--;
}

static void
open_list(struct builder *b, const struct line *line, bool ordered)
{
	int col = line->indent;
	struct doc_block *blk;

	flush(b);
	blk = doc_blocks_push(target(b), BLOCK_LIST);
	set_tokens(blk, line->first - 1, line->last);
	blk->u.list.ordered = ordered;
	b->stack = xgrow(b->stack, b->depth, sizeof(*b->stack));
	b->stack[b->depth].list = &blk->u.list;
	b->stack[b->depth].col = col;
	b->stack[b->depth].ordered = ordered;
	b->depth++;
	add_item(b);
}

static void
close_lists(struct builder *b)
{
	flush(b);
	while (b->depth > 0)
		pop_level(b);
}

static void
do_marker(struct builder *b, const struct line *l, bool ordered)
{
	struct level *top;

	flush(b);
	while (b->depth > 0 && b->stack[b->depth - 1].col > l->indent)
		pop_level(b);
	top = b->depth > 0 ? &b->stack[b->depth - 1] : NULL;
	if (top != NULL && top->col == l->indent && top->ordered == ordered)
		add_item(b);
	else {
		/* Another kind of marker at the same column ends that list. */
		if (top != NULL && top->col == l->indent)
			pop_level(b);
		open_list(b, l, ordered);
	}
	para_append(&b->para, b->s, l, b->hs);
}

static void
do_text(struct builder *b, const struct line *l)
{
	if (!l->cont) {
		while (b->depth > 0 && b->stack[b->depth - 1].col >= l->indent) {
			flush(b);
			pop_level(b);
		}
	}
	if (l->blank)
		flush(b);
	para_append(&b->para, b->s, l, b->hs);
}

static void
do_heading(struct builder *b, const struct line *l)
{
	struct doc_block *blk;
	struct doc_runs title;

	close_lists(b);
	para_append(&b->para, b->s, l, b->hs);
	para_finish(&b->para, &title, b->memo);
	blk = doc_blocks_push(&b->doc->blocks, BLOCK_HEADING);
	blk->u.heading.level = l->marker->level < 1 ? 1 :
	    l->marker->level > 3 ? 3 : l->marker->level;
	blk->u.heading.title = title;
	set_tokens(blk, l->first - 1, l->last);
}

static char *
dup_or_empty(const char *s)
{
	return xstrdup(s != NULL ? s : "");
}

static void
do_signatures(struct builder *b, const struct line *l)
{
	const struct etok *t = l->marker;
	struct doc_block *blk;
	size_t i;

	close_lists(b);
	blk = doc_blocks_push(&b->doc->blocks, BLOCK_SIGNATURES);
	set_tokens(blk, l->first, l->first + 1);
	blk->u.signatures.len = t->nparties;
	blk->u.signatures.parties = xcalloc(t->nparties,
	    sizeof(*blk->u.signatures.parties));
	for (i = 0; i < t->nparties; i++) {
		bool sq = b->para.straight_quotes;

		blk->u.signatures.parties[i].name =
		    typeset_line(dup_or_empty(t->parties[i].name), sq);
		blk->u.signatures.parties[i].representant =
		    typeset_line(dup_or_empty(t->parties[i].representant), sq);
		blk->u.signatures.parties[i].qualite =
		    typeset_line(dup_or_empty(t->parties[i].qualite), sq);
		blk->u.signatures.parties[i].origin =
		    origin_ref(t->parties[i].origin);
	}
}

/* Anchors */

/* ASCII letters for Latin-1 letters U+00C0..U+00FF ('.' = none). */
static const char latin1_fold[] =
    "aaaaaa.ceeeeiiiidnooooo.ouuuuyts"
    "aaaaaa.ceeeeiiiidnooooo.ouuuuyty";

static void
slug_put(struct buf *b, const char *s, bool *dash)
{
	const char *fold;
	size_t i, k, n = strlen(s);
	uint32_t cp;
	char tmp[2] = { 0, 0 };

	for (i = 0; i < n; i += k) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			k = 1;
			cp = 0xFFFD;
		}
		fold = NULL;
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			tmp[0] = (char)cp;
			fold = tmp;
		} else if (cp >= 'A' && cp <= 'Z') {
			tmp[0] = (char)(cp - 'A' + 'a');
			fold = tmp;
		} else if (cp == 0xC6 || cp == 0xE6)
			fold = "ae";
		else if (cp == 0xDF)
			fold = "ss";
		else if (cp == 0x152 || cp == 0x153)
			fold = "oe";
		else if (cp >= 0xC0 && cp <= 0xFF &&
		    latin1_fold[cp - 0xC0] != '.') {
			tmp[0] = latin1_fold[cp - 0xC0];
			fold = tmp;
		}
		if (fold == NULL) {
			*dash = true;
			continue;
		}
		if (*dash && b->len > 0)
			buf_putc(b, '-');
		*dash = false;
		buf_puts(b, fold);
	}
}

static char *
heading_base_anchor(const struct doc_heading *h)
{
	struct buf b;
	char *anchor;
	size_t i;
	bool dash = false;

	buf_init(&b);
	if (h->number != NULL) {
		buf_puts(&b, "article-");
		for (i = 0; h->number[i] != '\0'; i++)
			buf_putc(&b, h->number[i] == '.' ? '-' : h->number[i]);
		return buf_detach(&b);
	}
	for (i = 0; i < h->title.len; i++)
		if (h->title.v[i].line_break)
			dash = true;
		else
			slug_put(&b, h->title.v[i].text, &dash);
	if (b.len == 0) {
		buf_free(&b);
		return xstrdup("titre");
	}
	anchor = xmalloc(b.len + sizeof("titre-"));
	memcpy(anchor, "titre-", 6);
	memcpy(anchor + 6, b.data, b.len);
	anchor[6 + b.len] = '\0';
	buf_free(&b);
	return anchor;
}

static void
assign_anchors(struct doc *d, struct hinfos *hs)
{
	struct uniq used;
	struct doc_heading *h;
	char *base;
	size_t i, k;

	memset(&used, 0, sizeof(used));
	/* One name a heading: the table is made once, not grown by
	 * rehashing. */
	strmap_reserve(&used.taken, hs->len);
	/* Labels first: references link to them verbatim. */
	for (i = 0, k = 0; i < d->blocks.len; i++) {
		if (d->blocks.v[i].kind != BLOCK_HEADING)
			continue;
		h = &d->blocks.v[i].u.heading;
		h->number = hs->v[k].number;
		hs->v[k].number = NULL;
		if (hs->v[k].label != NULL)
			h->anchor = uniq_name(&used, hs->v[k].label);
		k++;
	}
	for (i = 0; i < d->blocks.len; i++) {
		if (d->blocks.v[i].kind != BLOCK_HEADING)
			continue;
		h = &d->blocks.v[i].u.heading;
		if (h->anchor != NULL)
			continue;
		base = heading_base_anchor(h);
		h->anchor = uniq_name(&used, base);
		free(base);
	}
	uniq_free(&used);
}

void
build_document(struct stream *s, struct doc *out, struct build_memo *memo)
{
	struct lines ls = { NULL, 0 };
	struct hinfos hs;
	struct builder b;
	const struct line *l;
	size_t i;

	memset(out, 0, sizeof(*out));
	split_lines(s, &ls);
	number_headings(&ls, &hs);
	memset(&b, 0, sizeof(b));
	b.s = s;
	b.hs = &hs;
	b.doc = out;
	b.memo = memo;
	b.para.straight_quotes = s->straight_quotes;
	for (i = 0; i < ls.len; i++) {
		l = &ls.v[i];
		switch (l->kind) {
		case LINE_TEXT:
			do_text(&b, l);
			break;
		case LINE_BULLET:
			do_marker(&b, l, false);
			break;
		case LINE_NUMBERED:
			do_marker(&b, l, true);
			break;
		case LINE_HEADING:
			do_heading(&b, l);
			break;
		case LINE_SIGNATURES:
			do_signatures(&b, l);
			break;
		}
	}
	close_lists(&b);
	assign_anchors(out, &hs);
	for (i = 0; i < hs.len; i++)
		free(hs.v[i].number);
	free(hs.v);
	strmap_free(&hs.by_label);
	free(b.stack);
	free(b.para.v);
	free(b.para.spans);
	buf_free(&b.para.key);
	free(b.para.origins);
	free(ls.v);
}

bool
build_check_refs(const struct stream *s, const struct doc *d,
    struct diags *ds)
{
	struct strmap by_anchor, by_label;
	size_t i, j;
	bool ok = true, built = false;

	memset(&by_anchor, 0, sizeof(by_anchor));
	memset(&by_label, 0, sizeof(by_label));
	for (i = 0; i < s->len; i++) {
		const struct etok *t = &s->v[i];
		struct diagnostic *dg;
		const struct etok *posed;

		if (t->kind != ET_REF)
			continue;
		/* Built at the first reference: most documents have none. */
		if (!built) {
			for (j = 0; j < d->blocks.len; j++)
				if (d->blocks.v[j].kind == BLOCK_HEADING)
					strmap_put(&by_anchor,
					    d->blocks.v[j].u.heading.anchor,
					    (void *)&d->blocks.v[j].u.heading);
			for (j = 0; j < s->len; j++)
				if (s->v[j].kind == ET_HEADING &&
				    s->v[j].label != NULL)
					strmap_put(&by_label, s->v[j].label,
					    (void *)&s->v[j]);
			built = true;
		}
		for (j = 0; j < t->nlabels; j++) {
			const struct doc_heading *h = strmap_get(&by_anchor,
			    t->labels[j]);

			if (h != NULL && h->number != NULL)
				continue;
			dg = diag(ds, E_REF_UNNUMBERED, t->locs != NULL ?
			    &t->locs[j] : NULL, t->labels[j]);
			if ((posed = strmap_get(&by_label, t->labels[j])) != NULL)
				diag_note(dg, posed->label_loc,
				    "titre posé ici ; à cette place du "
				    "document, il n'est pas numéroté");
			ok = false;
		}
	}
	strmap_free(&by_anchor);
	strmap_free(&by_label);
	return ok;
}

/* Each part typeset on its own (a draft's placeholder is kept apart),
 * its spaces at either end kept: typeset_line trims them. */
static void
push_parts(struct doc_runs *rs, const struct letter_parts *ps, bool sq)
{
	const char *t;
	char *text;
	size_t i, len;

	for (i = 0; i < ps->len; i++) {
		t = ps->v[i].text;
		len = strlen(t);
		if (len > 0 && t[0] == ' ')
			doc_runs_push(rs, " ", 1, 0, NULL);
		text = ps->v[i].draft ? xstrdup(t) :
		    typeset_line(xstrdup(t), sq);
		doc_runs_push(rs, text, strlen(text),
		    ps->v[i].draft ? STYLE_DRAFT : 0, NULL);
		free(text);
		if (len > 1 && t[len - 1] == ' ')
			doc_runs_push(rs, " ", 1, 0, NULL);
	}
}

/* « Paris, le 3 février 2027 » after LEAD: « Fait à » (« Fait le »
 * without a place) or nothing (« Le » without a place). */
static void
place_date(struct doc_runs *rs, bool made, const struct letter_parts *place,
    const struct letter_parts *date, bool sq)
{
	if (place != NULL) {
		if (made)
			doc_runs_push(rs, "Fait à ", strlen("Fait à "), 0,
			    NULL);
		push_parts(rs, place, sq);
		if (date != NULL)
			doc_runs_push(rs, ", le ", 5, 0, NULL);
	} else if (date != NULL)
		doc_runs_push(rs, made ? "Fait le " : "Le ",
		    made ? 8 : 3, 0, NULL);
	if (date != NULL)
		push_parts(rs, date, sq);
}

static void
letter_signatures(struct doc_blocks *bs, const struct letter_parts *place,
    const struct letter_parts *date, const char *mention, bool sq)
{
	struct doc_block *b;
	size_t i, j;

	for (i = 0; i < bs->len; i++) {
		b = &bs->v[i];
		switch (b->kind) {
		case BLOCK_HEADING:
		case BLOCK_PARAGRAPH:
			break;
		case BLOCK_LIST:
			for (j = 0; j < b->u.list.len; j++)
				letter_signatures(&b->u.list.items[j], place,
				    date, mention, sq);
			break;
		case BLOCK_SIGNATURES:
			place_date(&b->u.signatures.made, true, place, date,
			    sq);
			if (mention != NULL)
				b->u.signatures.mention = xstrdup(mention);
			break;
		}
	}
}

void
build_letter(struct doc *d, bool letter, const struct letter_parts *place,
    const struct letter_parts *date, const char *mention,
    bool straight_quotes)
{
	struct doc_block *b;

	d->letter = letter;
	letter_signatures(&d->blocks, place, date, mention, straight_quotes);
	if (!letter || (place == NULL && date == NULL))
		return;
	/* The letter opens with its place and date, above what the
	 * template writes (the addresses, the subject). */
	doc_blocks_push(&d->blocks, BLOCK_PARAGRAPH);
	memmove(d->blocks.v + 1, d->blocks.v,
	    (d->blocks.len - 1) * sizeof(*d->blocks.v));
	b = &d->blocks.v[0];
	memset(b, 0, sizeof(*b));
	b->kind = BLOCK_PARAGRAPH;
	b->align = ALIGN_RIGHT;
	place_date(&b->u.paragraph, false, place, date, straight_quotes);
}
