/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "format/pdf/linebreak.h"

#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/util.h"

/*
 * Knuth and Plass, "Breaking paragraphs into lines" (1981), without
 * looseness: every legal breakpoint is tried against the active nodes,
 * and the best node per fitness class survives.  Parameters are TeX's
 * plain defaults.  Three passes: tolerance 200, then 1000, then any
 * line that is not overfull with the no-break spaces made breakable at
 * a high cost, which always succeeds since no box is wider than the
 * measure (longer words are cut into characters first).
 */

#define FIL		1e6	/* stretch of the paragraph's final glue */
#define LINE_PENALTY	10
#define ADJ_DEMERITS	10000
#define DOUBLE_HYPHEN	10000
#define EXHYPHEN_PENALTY 50
#define HYPHEN_PENALTY	50
#define CUT_PENALTY	100	/* inside a word wider than the line */
#define NBSP_LAST_RESORT 5000
#define MAX_RATIO	3.0	/* spaces stretched more leave the line short */
#define EPS		1e-6

/* A feasible breakpoint, Knuth and Plass's "active node" while lines
 * may still start from it. */
struct lb_breakpoint {
	size_t	 pos;		/* the break's item; SIZE_MAX: paragraph start */
	int	 fitness;
	double	 tw, ty, tz;	/* totals after the break */
	double	 demerits;
	size_t	 prev;		/* breakpoint index, SIZE_MAX for none */
	size_t	 next;		/* next active breakpoint, SIZE_MAX for none */
};

struct lb_breakpoints {
	struct lb_breakpoint	*v;
	size_t			 len;
};

static size_t
breakpoint_new(struct lb_breakpoints *bp)
{
	bp->v = xgrow(bp->v, bp->len, sizeof(*bp->v));
	memset(&bp->v[bp->len], 0, sizeof(bp->v[0]));
	return bp->len++;
}

static bool
is_legal_break(const struct lb_item *items, size_t i)
{
	switch (items[i].kind) {
	case LB_BOX:
		return false;
	case LB_GLUE:
		return i > 0 && items[i - 1].kind == LB_BOX;
	case LB_PENALTY:
		return items[i].penalty < LB_INF;
	}
	return false;
}

static double
badness(double r)
{
	double b;

	if (r == INFINITY)
		return 10000;
	b = 100 * fabs(r) * r * r;
	return b > 10000 ? 10000 : b;
}

static int
fitness_class(double r)
{
	if (r < -0.5)
		return 0;
	if (r <= 0.5)
		return 1;
	if (r <= 1)
		return 2;
	return 3;
}

size_t
lb_total_fit(const struct lb_item *items, size_t n, double width,
    double tolerance, size_t **breaks)
{
	struct lb_breakpoints bps = { NULL, 0 };
	size_t active, a, prev_a, next_a, b, i, k, best, count;
	double sw = 0, sy = 0, sz = 0;
	double rho = tolerance < 0 ? INFINITY : cbrt(tolerance / 100);

	*breaks = NULL;
	if (n == 0)
		return 0;
	active = breakpoint_new(&bps);
	bps.v[active].pos = SIZE_MAX;
	bps.v[active].fitness = 1;
	bps.v[active].prev = SIZE_MAX;
	bps.v[active].next = SIZE_MAX;
	for (b = 0; b < n; b++) {
		const struct lb_item *it = &items[b];
		double best_d[4];
		size_t best_n[4];
		double min_d = INFINITY;
		int c;

		if (it->kind == LB_BOX) {
			sw += it->width;
			continue;
		}
		if (is_legal_break(items, b)) {
			for (c = 0; c < 4; c++) {
				best_d[c] = INFINITY;
				best_n[c] = SIZE_MAX;
			}
			prev_a = SIZE_MAX;
			for (a = active; a != SIZE_MAX; a = next_a) {
				struct lb_breakpoint *na = &bps.v[a];
				double L = sw - na->tw, Y = sy - na->ty,
				    Z = sz - na->tz, r, d, bad;
				bool forced = it->kind == LB_PENALTY &&
				    it->penalty <= -LB_INF;

				next_a = na->next;
				if (it->kind == LB_PENALTY)
					L += it->width;
				if (L < width - EPS)
					r = Y > 0 ? (width - L) / Y : INFINITY;
				else if (L > width + EPS)
					r = Z > 0 ? (width - L) / Z : -INFINITY;
				else
					r = 0;
				if (r >= -1 && r <= rho) {
					bad = badness(r);
					d = LINE_PENALTY + bad;
					d *= d;
					if (it->kind == LB_PENALTY &&
					    it->penalty > 0)
						d += (double)it->penalty *
						    it->penalty;
					else if (it->kind == LB_PENALTY &&
					    !forced)
						d -= (double)it->penalty *
						    it->penalty;
					if (it->kind == LB_PENALTY &&
					    it->flagged && na->pos != SIZE_MAX &&
					    items[na->pos].kind == LB_PENALTY &&
					    items[na->pos].flagged)
						d += DOUBLE_HYPHEN;
					c = fitness_class(r);
					if (abs(c - na->fitness) > 1)
						d += ADJ_DEMERITS;
					d += na->demerits;
					if (d < best_d[c]) {
						best_d[c] = d;
						best_n[c] = a;
					}
					if (d < min_d)
						min_d = d;
				}
				if (r < -1 || forced) {
					/* Deactivate: nothing after can
					 * start from this node. */
					if (prev_a == SIZE_MAX)
						active = next_a;
					else
						bps.v[prev_a].next = next_a;
				} else
					prev_a = a;
			}
			if (min_d < INFINITY) {
				double tw = sw, ty = sy, tz = sz;

				/* Totals after the break: what follows it
				 * up to the next box is discarded. */
				for (i = b; i < n; i++) {
					if (items[i].kind == LB_BOX)
						break;
					if (items[i].kind == LB_GLUE) {
						tw += items[i].width;
						ty += items[i].stretch;
						tz += items[i].shrink;
					} else if (items[i].penalty <=
					    -LB_INF && i > b)
						break;
				}
				for (c = 0; c < 4; c++) {
					if (best_n[c] == SIZE_MAX ||
					    best_d[c] > min_d + ADJ_DEMERITS)
						continue;
					k = breakpoint_new(&bps);
					bps.v[k].pos = b;
					bps.v[k].fitness = c;
					bps.v[k].tw = tw;
					bps.v[k].ty = ty;
					bps.v[k].tz = tz;
					bps.v[k].demerits = best_d[c];
					bps.v[k].prev = best_n[c];
					bps.v[k].next = active;
					active = k;
				}
			}
			if (active == SIZE_MAX) {
				free(bps.v);
				return 0;
			}
		}
		if (it->kind == LB_GLUE) {
			sw += it->width;
			sy += it->stretch;
			sz += it->shrink;
		}
	}
	best = SIZE_MAX;
	for (a = active; a != SIZE_MAX; a = bps.v[a].next)
		if (bps.v[a].pos == n - 1 && (best == SIZE_MAX ||
		    bps.v[a].demerits < bps.v[best].demerits))
			best = a;
	if (best == SIZE_MAX) {
		free(bps.v);
		return 0;
	}
	count = 0;
	for (a = best; bps.v[a].pos != SIZE_MAX; a = bps.v[a].prev)
		count++;
	*breaks = xreallocarray(NULL, count, sizeof(**breaks));
	k = count;
	for (a = best; bps.v[a].pos != SIZE_MAX; a = bps.v[a].prev)
		(*breaks)[--k] = bps.v[a].pos;
	free(bps.v);
	return count;
}

/* The first item of a line that starts after a break at POS. */
static size_t
line_start(const struct lb_item *items, size_t n, size_t pos)
{
	size_t i = pos;

	while (i < n && items[i].kind != LB_BOX &&
	    !(items[i].kind == LB_PENALTY && items[i].penalty <= -LB_INF))
		i++;
	return i;
}

size_t
lb_first_fit(const struct lb_item *items, size_t n, double width,
    size_t **breaks)
{
	size_t pos = 0, s, i, best, count = 0;
	double w, lw;

	*breaks = NULL;
	while (pos < n) {
		s = line_start(items, n, pos);
		best = SIZE_MAX;
		w = 0;
		for (i = s; i < n; i++) {
			if (is_legal_break(items, i)) {
				lw = w + (items[i].kind == LB_PENALTY ?
				    items[i].width : 0);
				if (lw <= width + EPS || best == SIZE_MAX)
					best = i;
				else
					break;
				if (items[i].kind == LB_PENALTY &&
				    items[i].penalty <= -LB_INF)
					break;
			}
			if (items[i].kind != LB_PENALTY)
				w += items[i].width;
			if (w > width + EPS && best != SIZE_MAX)
				break;
		}
		if (best == SIZE_MAX)
			best = n - 1;
		*breaks = xgrow(*breaks, count, sizeof(**breaks));
		(*breaks)[count++] = best;
		pos = best + 1;
	}
	return count;
}

/* Building the items of a paragraph */

struct lb_ref {
	size_t	first;		/* pieces of a box, or a penalty's hyphen */
	size_t	count;
};

/* The characters whose width is kept: ASCII, Latin-1 and Latin
 * Extended-A (French letters, « », °, §), and U+2010..U+2027 (dashes,
 * curly quotes, the ellipsis). */
#define WCACHE_SLOTS	(0x180 + 0x18)
#define WCACHE_STYLES	8
#define WCACHE_NONE	SIZE_MAX

static size_t
wcache_slot(uint32_t cp)
{
	if (cp < 0x180)
		return cp;
	if (cp >= 0x2010 && cp < 0x2028)
		return 0x180 + (cp - 0x2010);
	return WCACHE_NONE;
}

/* Widths already measured (in points), by style and size, with one
 * measure function and context: every character is measured, and a
 * document is mostly Latin text in a few styles.  An entry all bits set
 * (a NaN) is not measured yet. */
struct lb_widths {
	lb_width_fn	 measure;
	void		*ctx;
	size_t		 used;		/* slots in use */
	size_t		 next;		/* the slot to reuse when all are */
	size_t		 last;		/* the slot last asked for */
	unsigned	 style[WCACHE_STYLES];
	double		 size[WCACHE_STYLES];
	double		 w[WCACHE_STYLES][WCACHE_SLOTS];
};

struct lb_widths *
lb_widths_new(void)
{
	struct lb_widths *w = xmalloc(sizeof(*w));

	w->measure = NULL;
	w->ctx = NULL;
	w->used = w->next = w->last = 0;
	return w;
}

void
lb_widths_free(struct lb_widths *w)
{
	free(w);
}

struct lb_builder {
	const struct lb_opts *o;
	int		 nbsp_penalty;
	struct lb_item	*items;
	struct lb_ref	*refs;		/* by item, in the items' block */
	size_t		 nitems;
	size_t		 icap;		/* room in items and refs */
	struct lb_piece	*pieces;	/* x from the start of the box */
	size_t		 npieces;
	size_t		 pcap;		/* room in pieces */
	bool		 in_box;
	bool		 started;	/* a box since the last forced break */
	bool		 hyphen;	/* the box ends with a hyphen after a letter */
	uint32_t	 prev_cp;
	/* The caller's widths (lb_opts.widths), or OWN's, which go
	 * with this paragraph.  Last: not cleared with the rest. */
	struct lb_widths *wc;
	struct lb_widths own;
};

/* The widths of STYLE at this size, made (or taken over) on first
 * use. */
static double *
wcache_of(struct lb_builder *b, unsigned style)
{
	struct lb_widths *c = b->wc;
	double size = b->o->size;
	size_t i;

	if (c->used > 0 && c->style[c->last] == style &&
	    c->size[c->last] == size)
		return c->w[c->last];
	for (i = 0; i < c->used; i++)
		if (c->style[i] == style && c->size[i] == size) {
			c->last = i;
			return c->w[i];
		}
	if (c->used < WCACHE_STYLES)
		i = c->used++;
	else {
		i = c->next;
		c->next = (c->next + 1) % WCACHE_STYLES;
	}
	c->style[i] = style;
	c->size[i] = size;
	c->last = i;
	memset(c->w[i], 0xFF, sizeof(c->w[i]));
	return c->w[i];
}

/* The measure function's width of CP in STYLE, in points: the same
 * double whether it comes from the cache or from a call. */
static double
measure_in(struct lb_builder *b, double *cache, unsigned style, uint32_t cp)
{
	size_t slot = wcache_slot(cp);
	double w;

	if (slot != WCACHE_NONE && !isnan(cache[slot]))
		return cache[slot];
	w = b->o->measure(b->o->ctx, style, cp) * b->o->size / 1000;
	if (slot != WCACHE_NONE)
		cache[slot] = w;
	return w;
}

static double
measure(struct lb_builder *b, unsigned style, uint32_t cp)
{
	size_t slot = wcache_slot(cp);
	double *cache;

	if (slot == WCACHE_NONE)
		return b->o->measure(b->o->ctx, style, cp) * b->o->size / 1000;
	cache = wcache_of(b, style);
	if (!isnan(cache[slot]))
		return cache[slot];
	return measure_in(b, cache, style, cp);
}

/* Room for CAP items and their refs, in one block: the refs after the
 * items. */
static void
items_room(struct lb_builder *b, size_t cap)
{
	struct lb_item *items = xreallocarray(b->items, cap,
	    sizeof(*b->items) + sizeof(*b->refs));
	struct lb_ref *refs = (struct lb_ref *)(void *)(items + cap);

	if (b->nitems > 0)
		memmove(refs, (struct lb_ref *)(void *)(items + b->icap),
		    b->nitems * sizeof(*refs));
	b->items = items;
	b->refs = refs;
	b->icap = cap;
}

static inline struct lb_item *
item_push(struct lb_builder *b, enum lb_kind kind)
{
	struct lb_item *it;

	if (b->nitems == b->icap)
		items_room(b, b->icap > 0 ? b->icap * 2 : GROW_FIRST);
	it = &b->items[b->nitems];
	*it = (struct lb_item){ .kind = kind };
	b->refs[b->nitems].first = b->npieces;
	b->refs[b->nitems].count = 0;
	b->nitems++;
	return it;
}

static inline struct lb_piece *
piece_push(struct lb_builder *b)
{
	struct lb_piece *p;

	if (b->npieces == b->pcap) {
		b->pcap = b->pcap > 0 ? b->pcap * 2 : GROW_FIRST;
		b->pieces = xreallocarray(b->pieces, b->pcap,
		    sizeof(*b->pieces));
	}
	p = &b->pieces[b->npieces++];
	*p = (struct lb_piece){ NULL, 0, 0, NULL, 0, 0 };
	b->refs[b->nitems - 1].count++;
	return p;
}

static void
penalty(struct lb_builder *b, double width, int value, bool flagged)
{
	struct lb_item *it = item_push(b, LB_PENALTY);

	it->width = width;
	it->penalty = value;
	it->flagged = flagged;
}

/* Replaces the box just closed, too wide for any line, by one box per
 * character with a costly break between each. */
static void
cut_box(struct lb_builder *b)
{
	size_t item = b->nitems - 1, first = b->refs[item].first;
	size_t count = b->refs[item].count, i, off, k;
	struct lb_piece *src, *p;
	struct lb_item *it;
	uint32_t cp;
	bool any = false;

	src = xreallocarray(NULL, count, sizeof(*src));
	memcpy(src, &b->pieces[first], count * sizeof(*src));
	b->nitems--;
	b->npieces = first;
	for (i = 0; i < count; i++)
		for (off = 0; off < src[i].len; off += k) {
			k = utf8_decode(src[i].text + off, src[i].len - off,
			    &cp);
			if (k == 0) {
				k = 1;
				cp = 0xFFFD;
			}
			if (any)
				penalty(b, 0, CUT_PENALTY, false);
			any = true;
			it = item_push(b, LB_BOX);
			it->width = measure(b, src[i].style, cp);
			p = piece_push(b);
			p->text = src[i].text + off;
			p->len = k;
			p->style = src[i].style;
			p->link = src[i].link;
			p->width = it->width;
		}
	free(src);
}

static void
end_box(struct lb_builder *b)
{
	if (!b->in_box)
		return;
	b->in_box = false;
	b->hyphen = false;
	if (b->items[b->nitems - 1].width > b->o->width + EPS)
		cut_box(b);
}

bool
lb_invisible(uint32_t cp)
{
	const utf8proc_property_t *p;

	if (cp < 0xAD)
		return false;
	p = utf8proc_get_property((utf8proc_int32_t)cp);
	return p->ignorable || p->category == UTF8PROC_CATEGORY_CF;
}

static void
add_char(struct lb_builder *b, const struct lb_span *s, size_t off, size_t k,
    uint32_t cp)
{
	struct lb_item *box;
	struct lb_piece *p;
	double w = measure(b, s->style, cp);
	bool letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && cp < 0x2000);

	if (b->in_box && b->hyphen && letter) {
		/* "ci-après" may break after the hyphen. */
		end_box(b);
		penalty(b, 0, EXHYPHEN_PENALTY, true);
	}
	if (!b->in_box) {
		item_push(b, LB_BOX);
		b->in_box = true;
		b->started = true;
	}
	box = &b->items[b->nitems - 1];
	p = b->refs[b->nitems - 1].count > 0 ? &b->pieces[b->npieces - 1] :
	    NULL;
	if (p == NULL || p->text + p->len != s->text + off ||
	    p->style != s->style || p->link != s->link) {
		p = piece_push(b);
		p->text = s->text + off;
		p->style = s->style;
		p->link = s->link;
		p->x = box->width;
	}
	p->len += k;
	p->width += w;
	box->width += w;
	b->hyphen = cp == '-' && (b->prev_cp == '-' ? false :
	    ((b->prev_cp >= 'a' && b->prev_cp <= 'z') ||
	    (b->prev_cp >= 'A' && b->prev_cp <= 'Z') ||
	    (b->prev_cp >= 0xC0 && b->prev_cp < 0x2000)));
}

/* Whether CP, once in a box, only lengthens it: a visible character
 * with a cached width that is neither glue, nor a break point, nor the
 * hyphen after which a word may break. */
static bool
word_char(uint32_t cp)
{
	if (cp < 0x80)
		return cp > ' ' && cp < 0x7F && cp != '-';
	if (cp < 0x180)
		return cp > 0xA0 && cp != 0xAD;
	return cp >= 0x2010 && cp < 0x2028;
}

/* word_char for ASCII: '!'..'~' but '-'. */
static const unsigned char ascii_word[128] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x00 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* 0x10 */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1,	/* 0x20 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x30 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x40 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x50 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x60 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0	/* 0x70 */
};

/* The length of the word character at OFF in S (*CP), or 0 when it is
 * something else. */
static size_t
word_char_at(const struct lb_span *s, size_t off, uint32_t *cp)
{
	size_t k;

	if ((unsigned char)s->text[off] < 0x80) {
		*cp = (unsigned char)s->text[off];
		k = 1;
	} else if ((k = utf8_decode(s->text + off, s->len - off, cp)) == 0)
		return 0;
	return word_char(*cp) ? k : 0;
}

/* After add_char has put a word character of S ending at OFF in the
 * open box: the word characters that follow, added to the same piece
 * as add_char would, one width after the other (the same sums), and
 * the words after single spaces, with the glue and box that add_glue
 * and add_char would make.  Returns the bytes taken; *LAST is the last
 * character taken. */
static size_t
word_run(struct lb_builder *b, const struct lb_span *s, size_t off,
    uint32_t *last)
{
	struct lb_item *box = &b->items[b->nitems - 1], *glue;
	struct lb_piece *p = &b->pieces[b->npieces - 1];
	double *cache = wcache_of(b, s->style), w, space;
	double pw = p->width, bw = box->width;
	const char *t = s->text;
	size_t start = off, n = s->len, len = p->len, k, off0;
	uint32_t cp, lastcp = *last;
	unsigned char c;

	for (;;) {
		off0 = off;
		while (off < n) {
			c = (unsigned char)t[off];
			if (c < 0x80) {
				if (!ascii_word[c])
					break;
				w = cache[c];
				if (isnan(w))
					w = measure_in(b, cache, s->style, c);
				pw += w;
				bw += w;
				off++;
				continue;
			}
			if ((k = utf8_decode(t + off, n - off, &cp)) == 0 ||
			    !word_char(cp))
				break;
			w = cache[wcache_slot(cp)];
			if (isnan(w))
				w = measure_in(b, cache, s->style, cp);
			pw += w;
			bw += w;
			lastcp = cp;
			off += k;
		}
		/* The last character taken: an ASCII one is its byte. */
		if (off > off0 && (unsigned char)t[off - 1] < 0x80)
			lastcp = (unsigned char)t[off - 1];
		*last = lastcp;
		len += off - off0;
		p->len = len;
		p->width = pw;
		box->width = bw;
		/* A space then a word: end_box (unless this box is to be
		 * cut), add_glue, and add_char's new box and piece, which
		 * the loop above fills. */
		if (off + 1 >= n || t[off] != ' ' ||
		    bw > b->o->width + EPS ||
		    word_char_at(s, off + 1, &cp) == 0)
			break;
		space = cache[' '];
		if (isnan(space))
			space = measure_in(b, cache, s->style, ' ');
		/* The box stays open (b->in_box) and b->hyphen false: no
		 * '-' is a word character. */
		glue = item_push(b, LB_GLUE);
		glue->width = space;
		glue->stretch = space / 2;
		glue->shrink = space / 3;
		box = item_push(b, LB_BOX);
		p = piece_push(b);
		p->text = t + off + 1;
		p->style = s->style;
		p->link = s->link;
		/* p->x, the box's width so far, is 0 like the rest. */
		pw = bw = 0;
		len = 0;
		off++;
	}
	return off - start;
}

static void
add_glue(struct lb_builder *b, unsigned style, uint32_t cp)
{
	struct lb_item *it;
	double space = measure(b, style, ' '), w;
	bool breakable = cp != 0xA0 && cp != 0x202F && cp != 0x2007;

	end_box(b);
	if (!b->started)
		return;
	if (b->nitems > 0 && b->items[b->nitems - 1].kind == LB_GLUE)
		return;
	switch (cp) {
	case 0x202F:		/* narrow no-break space */
	case 0x2009:		/* thin space */
		w = space * 0.6;
		break;
	case 0x2007:		/* figure space */
		w = measure(b, style, '0');
		break;
	default:
		w = space;
		break;
	}
	if (!breakable)
		penalty(b, 0, b->nbsp_penalty, false);
	it = item_push(b, LB_GLUE);
	it->width = w;
	/* No-break spaces keep their width, as in word processors: the
	 * groups of "48 750,50 €" or "article 2" do not spread. */
	if (!breakable || cp == 0x2009)
		return;
	it->stretch = space / 2;
	it->shrink = space / 3;
}

static void
trim_glue(struct lb_builder *b)
{
	while (b->nitems > 0 && (b->items[b->nitems - 1].kind == LB_GLUE ||
	    (b->items[b->nitems - 1].kind == LB_PENALTY &&
	    b->items[b->nitems - 1].penalty > -LB_INF))) {
		b->npieces = b->refs[b->nitems - 1].first;
		b->nitems--;
	}
}

static void
forced_break(struct lb_builder *b)
{
	struct lb_item *it;

	end_box(b);
	trim_glue(b);
	penalty(b, 0, LB_INF, false);
	it = item_push(b, LB_GLUE);
	it->stretch = FIL;
	penalty(b, 0, -LB_INF, false);
	b->started = false;
}

static void
build(struct lb_builder *b, const struct lb_span *spans, size_t n)
{
	const struct lb_span *s;
	struct lb_piece *p;
	size_t i, off, k, len = 0;
	uint32_t cp;

	/* Room for a paragraph's usual share of items (a word and a space
	 * about every six bytes) and pieces at once. */
	for (i = 0; i < n; i++)
		len += spans[i].len;
	items_room(b, len / 3 + GROW_FIRST);
	b->pcap = len / 6 + GROW_FIRST;
	b->pieces = xreallocarray(NULL, b->pcap, sizeof(*b->pieces));
	for (i = 0; i < n; i++) {
		s = &spans[i];
		if (s->text == NULL) {
			forced_break(b);
			continue;
		}
		for (off = 0; off < s->len; off += k) {
			if ((unsigned char)s->text[off] < 0x80) {
				cp = (unsigned char)s->text[off];
				k = 1;
			} else if ((k = utf8_decode(s->text + off,
			    s->len - off, &cp)) == 0) {
				k = 1;
				cp = 0xFFFD;
			}
			switch (cp) {
			case ' ': case '\t': case '\n': case '\r':
			case 0xA0: case 0x202F: case 0x2007: case 0x2009:
			case 0x2002: case 0x2003: case 0x2004: case 0x2005:
			case 0x2006: case 0x2008: case 0x200A:
				add_glue(b, s->style, cp);
				break;
			case 0xAD:
				end_box(b);
				penalty(b, measure(b, s->style, '-'),
				    HYPHEN_PENALTY, true);
				p = piece_push(b);
				p->text = "-";
				p->len = 1;
				p->style = s->style;
				p->link = s->link;
				p->width = b->items[b->nitems - 1].width;
				break;
			case 0x200B:
				end_box(b);
				if (b->started)
					penalty(b, 0, 0, false);
				break;
			default:
				/* A zero-width joiner, a direction mark: no
				 * glyph to draw, and no box in its place. */
				if (lb_invisible(cp))
					break;
				add_char(b, s, off, k, cp);
				/* The rest of the word at once. */
				if (word_char(cp))
					k += word_run(b, s, off + k, &cp);
				break;
			}
			b->prev_cp = cp;
		}
	}
	if (b->nitems == 0)
		return;
	forced_break(b);
}

static void
builder_free(struct lb_builder *b)
{
	free(b->items);		/* and the refs */
	free(b->pieces);
}

/* Placing the lines */

/* Room made by place_lines for every piece. */
static struct lb_piece *
out_piece(struct lb_para *p)
{
	return &p->pieces[p->npieces++];
}

/* Makes room for COUNT more elements of SIZE in *V holding LEN, as
 * xgrow would have (its capacities), so that xgrow can go on. */
static void *
reserve(void *v, size_t len, size_t count, size_t size)
{
	if (count == 0 || (len > 0 &&
	    len + count <= xgrow_capacity(len)))
		return v;
	return xreallocarray(v, xgrow_capacity(len + count), size);
}

/* Appends SRC at X, merged with the previous piece of the line when it
 * continues the same text (the characters of a cut word). */
static inline void
place(struct lb_para *p, size_t line_first, const struct lb_piece *src,
    double x)
{
	struct lb_piece *last = p->npieces > line_first ?
	    &p->pieces[p->npieces - 1] : NULL;

	if (last != NULL && last->text + last->len == src->text &&
	    last->style == src->style && last->link == src->link &&
	    fabs(last->x + last->width - x) < EPS) {
		last->len += src->len;
		last->width += src->width;
		return;
	}
	last = out_piece(p);
	*last = *src;
	last->x = x;
}

/* Places the lines ending at BREAKS, appended to P.  With CHECK, a
 * line overfull even at its spaces' full shrink places nothing and
 * returns false (another pass is due). */
static bool
place_lines(struct lb_para *p, const struct lb_builder *b, const size_t *breaks,
    size_t nbreaks, bool check)
{
	size_t npieces0 = p->npieces, nlines0 = p->nlines, count;
	const struct lb_piece *src;
	const struct lb_item *items = b->items;
	const struct lb_opts *o = b->o;
	struct lb_line *line;
	size_t start = 0, s, i, j, k, bk;
	double L, Y, Z, r, x, shift;
	bool ragged;

	/* A line's pieces are the builder's, some merged. */
	p->pieces = reserve(p->pieces, p->npieces, b->npieces,
	    sizeof(*p->pieces));
	p->lines = reserve(p->lines, p->nlines, nbreaks, sizeof(*p->lines));
	for (k = 0; k < nbreaks; k++) {
		bk = breaks[k];
		s = line_start(items, b->nitems, start);
		L = Y = Z = 0;
		for (i = s; i < bk; i++)
			if (items[i].kind == LB_BOX)
				L += items[i].width;
			else if (items[i].kind == LB_GLUE && items[i].stretch <
			    FIL) {
				L += items[i].width;
				Y += items[i].stretch;
				Z += items[i].shrink;
			}
		if (items[bk].kind == LB_PENALTY)
			L += items[bk].width;
		if (check && L - Z > o->width + EPS) {
			p->npieces = npieces0;
			p->nlines = nlines0;
			return false;
		}
		ragged = o->align != LB_JUSTIFY ||
		    (items[bk].kind == LB_PENALTY &&
		    items[bk].penalty <= -LB_INF);
		r = 0;
		if (L > o->width + EPS && Z > 0)
			r = (o->width - L) / Z;
		else if (!ragged && L < o->width - EPS && Y > 0)
			r = (o->width - L) / Y;
		if (r < -1)
			r = -1;
		if (r > MAX_RATIO)
			r = MAX_RATIO;
		line = &p->lines[p->nlines++];
		line->first = p->npieces;
		x = 0;
		for (i = s; i < bk; i++) {
			switch (items[i].kind) {
			case LB_BOX:
				src = &b->pieces[b->refs[i].first];
				count = b->refs[i].count;
				for (j = 0; j < count; j++)
					place(p, line->first, &src[j],
					    x + src[j].x);
				x += items[i].width;
				break;
			case LB_GLUE:
				if (items[i].stretch >= FIL)
					break;
				x += items[i].width + (r >= 0 ?
				    r * items[i].stretch : r * items[i].shrink);
				break;
			case LB_PENALTY:
				break;
			}
		}
		if (items[bk].kind == LB_PENALTY && b->refs[bk].count > 0) {
			place(p, line->first, &b->pieces[b->refs[bk].first], x);
			x += items[bk].width;
		}
		line->count = p->npieces - line->first;
		line->width = x;
		shift = 0;
		if (o->align == LB_CENTER && x < o->width)
			shift = (o->width - x) / 2;
		else if (o->align == LB_RIGHT && x < o->width)
			shift = o->width - x;
		/* Adding 0 would change nothing: no x is -0, a sum from
		 * +0 of widths and spaces. */
		if (shift != 0)
			for (j = line->first; j < p->npieces; j++)
				p->pieces[j].x += shift;
		start = bk + 1;
	}
	return true;
}

void
lb_para_init(struct lb_para *p)
{
	memset(p, 0, sizeof(*p));
}

void
lb_para_free(struct lb_para *p)
{
	free(p->pieces);
	free(p->lines);
	memset(p, 0, sizeof(*p));
}

/* The items of the last pass, from those of the first: the no-break
 * spaces' penalties (a forced break's is followed by the paragraph's
 * final glue) become merely costly. */
static void
allow_nbsp_breaks(struct lb_builder *b)
{
	size_t i;

	for (i = 0; i + 1 < b->nitems; i++)
		if (b->items[i].kind == LB_PENALTY &&
		    b->items[i].penalty == LB_INF &&
		    b->items[i + 1].kind == LB_GLUE &&
		    b->items[i + 1].stretch < FIL)
			b->items[i].penalty = NBSP_LAST_RESORT;
	b->nbsp_penalty = NBSP_LAST_RESORT;
}

void
lb_layout(struct lb_para *p, const struct lb_span *spans, size_t n,
    const struct lb_opts *o)
{
	struct lb_builder b;
	size_t *breaks = NULL, nbreaks = 0;
	int pass;

	/* Not the width caches: a few kilobytes, cleared when a style is
	 * first measured. */
	memset(&b, 0, offsetof(struct lb_builder, own));
	b.o = o;
	if (o->widths != NULL) {
		b.wc = o->widths;
		if (b.wc->measure != o->measure || b.wc->ctx != o->ctx)
			b.wc->used = b.wc->next = b.wc->last = 0;
	} else {
		b.wc = &b.own;
		b.own.used = b.own.next = b.own.last = 0;
	}
	b.wc->measure = o->measure;
	b.wc->ctx = o->ctx;
	b.nbsp_penalty = LB_INF;
	build(&b, spans, n);
	if (b.nitems == 0) {
		builder_free(&b);
		return;
	}
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			allow_nbsp_breaks(&b);
		if (o->align == LB_JUSTIFY) {
			if (pass == 0)
				nbreaks = lb_total_fit(b.items, b.nitems,
				    o->width, 200, &breaks);
			if (pass == 0 && nbreaks == 0)
				nbreaks = lb_total_fit(b.items, b.nitems,
				    o->width, 1000, &breaks);
			if (nbreaks == 0)
				nbreaks = lb_total_fit(b.items, b.nitems,
				    o->width, -1, &breaks);
		} else
			nbreaks = lb_first_fit(b.items, b.nitems, o->width,
			    &breaks);
		if (nbreaks > 0 && place_lines(p, &b, breaks, nbreaks, true))
			goto done;
		free(breaks);
		breaks = NULL;
		nbreaks = 0;
	}
	/* Cannot happen: every box fits a line. */
	nbreaks = lb_first_fit(b.items, b.nitems, o->width, &breaks);
	place_lines(p, &b, breaks, nbreaks, false);
done:
	free(breaks);
	builder_free(&b);
}
