/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * Layout in the PDF backend: every block of the document becomes lines
 * (linebreak.c, measured through glyphs.c) and the lines a vertical list
 * of items, each with a height, the space above it, and whether a page
 * may end after it (headings stay with what follows, paragraphs keep
 * two lines on each side of a page break, signature blocks stay whole
 * and with the end of the text); then the items are cut into pages, and
 * each page gets its running header and footer.
 */
#include "format/pdf/layout.h"

#include <stdlib.h>
#include <string.h>

#include "format/pdf/glyphs.h"
#include "format/pdf/lbmemo.h"
#include "format/pdf/linebreak.h"
#include "format/pdf/render.h"
#include "format/pdf/tags.h"

/* Type: sizes, leading and spacing, in points. */
#define BODY_SIZE	11.0
#define BODY_LEAD	14.6
#define PARA_SKIP	6.0
#define TITLE_SIZE	14.5
#define TITLE_LEAD	19.0
#define H1_SIZE		11.5
#define H1_LEAD		15.0
#define H1_BEFORE	15.0
#define H1_AFTER	5.0
#define H2_BEFORE	10.0
#define H2_AFTER	3.0
#define LIST_ITEM_SKIP	3.0
#define LIST_INDENT	14.0
#define LABEL_GAP	6.0
#define SIGN_BEFORE	30.0
#define SIGN_GAP	28.0	/* between the two columns */
#define SIGN_ZONE	50.0	/* room for the signature */
#define FURNITURE_SIZE	8.0
#define LETTER_SKIP	18.0	/* under a letter's place and date */


static const char *
keep_string(struct render *r, char *s)
{
	ptrvec_push(&r->strings, s);
	return s;
}

static struct piece *
piece_new(struct render *r)
{
	struct piece *p;

	r->pieces = xreserve(r->pieces, &r->pieces_cap, r->npieces,
	    sizeof(*r->pieces));
	p = &r->pieces[r->npieces++];
	memset(p, 0, sizeof(*p));
	p->tag = tags_current(r);
	return p;
}

static struct stroke *
stroke_new(struct render *r)
{
	struct stroke *l;

	r->strokes = xgrow(r->strokes, r->nstrokes, sizeof(*r->strokes));
	l = &r->strokes[r->nstrokes++];
	memset(l, 0, sizeof(*l));
	return l;
}

static struct item *
item_new(struct render *r, double height)
{
	struct item *it;

	r->items = xgrow(r->items, r->nitems, sizeof(*r->items));
	it = &r->items[r->nitems++];
	memset(it, 0, sizeof(*it));
	it->height = height;
	it->piece0 = r->npieces;
	it->stroke0 = r->nstrokes;
	return it;
}

/* Closes the item just filled: its pieces and strokes are the ones made
 * since item_new. */
static void
item_close(struct render *r)
{
	struct item *it = &r->items[r->nitems - 1];

	it->npieces = r->npieces - it->piece0;
	it->nstrokes = r->nstrokes - it->stroke0;
}

/* An ordinal's letters (STYLE_SUPERSCRIPT): smaller, and raised by a
 * fraction of the body size, as a word processor sets them. */
#define SUP_SCALE	0.65
#define SUP_RISE	0.35

/* Baseline of text of SIZE in a line LEAD high: half the extra leading
 * above, then the ascent of a serif face (about 0.8 em). */
static double
baseline(double size, double lead)
{
	return (lead - size) / 2 + 0.8 * size;
}

/* One item per line of P, X from the left margin; LABEL (a list's dash
 * or number, or NULL) at LABEL_X on the first line.  Returns the index
 * of the first item made. */
static size_t
add_lines(struct render *r, const struct lb_para *p, double x, double size,
    double lead, const char *label, double label_x)
{
	const struct lb_line *l;
	const struct lb_piece *lp;
	struct piece *pc;
	size_t i, j, first = r->nitems;

	for (i = 0; i < p->nlines || (i == 0 && label != NULL); i++) {
		item_new(r, lead);
		for (j = 0; i < p->nlines && j < p->lines[i].count; j++) {
			l = &p->lines[i];
			lp = &p->pieces[l->first + j];
			pc = piece_new(r);
			pc->x = x + lp->x;
			pc->y = baseline(size, lead);
			pc->width = lp->width;
			pc->size = size;
			if (lp->style & STYLE_SUPERSCRIPT) {
				pc->y -= size * SUP_RISE;
				pc->size = size * SUP_SCALE;
			}
			pc->face = lp->style & 3;
			pc->draft = (lp->style & STYLE_DRAFT) != 0;
			pc->text = lp->text;
			pc->len = lp->len;
			pc->link = lp->link;
			if (pc->link != NULL)
				pc->tag = tags_link(r, pc->link);
		}
		if (i == 0 && label != NULL) {
			pc = piece_new(r);
			pc->tag = tags_label(r);
			pc->x = label_x;
			pc->y = baseline(size, lead);
			pc->size = size;
			pc->face = FACE_REGULAR;
			pc->text = label;
			pc->len = strlen(label);
			pc->width = text_width(r, FACE_REGULAR, size, label,
			    pc->len);
		}
		item_close(r);
	}
	return first;
}

static int
span_width(void *ctx, unsigned style, uint32_t cp)
{
	if (style & STYLE_SUPERSCRIPT)
		return (int)(char_width(ctx, style & ~(unsigned)STYLE_SUPERSCRIPT,
		    cp) * SUP_SCALE + 0.5);
	return char_width(ctx, style, cp);
}

static void
layout_spans(struct render *r, struct lb_para *p, const struct lb_span *s,
    size_t n, double size, double width, enum lb_align align)
{
	struct lb_opts o;

	o.size = size;
	o.width = width;
	o.align = align;
	o.measure = span_width;
	o.ctx = r;
	o.widths = r->lbwidths;
	lb_memo_layout(r->lbmemo, p, s, n, &o);
}

/* Spans from document runs, with extra style bits OR'ed in. */
static struct lb_span *
runs_spans(const struct doc_runs *rs, unsigned extra, size_t *n,
    size_t reserve)
{
	struct lb_span *s = xcalloc(rs->len + reserve + 1, sizeof(*s));
	size_t i;

	*n = reserve;
	for (i = 0; i < rs->len; i++) {
		const struct doc_run *run = &rs->v[i];

		if (run->line_break) {
			s[*n].text = NULL;
		} else {
			s[*n].text = run->text;
			s[*n].len = strlen(run->text);
		}
		s[*n].style = (run->style | extra) &
		    (STYLE_ITALIC | STYLE_BOLD | STYLE_DRAFT | STYLE_SUPERSCRIPT);
		s[*n].link = run->link;
		(*n)++;
	}
	return s;
}

/* The first item of a block gets the larger of the space the previous
 * block leaves after it and the space this one wants before it. */
static void
block_space(struct render *r, size_t first, double before, double after)
{
	if (first < r->nitems)
		r->items[first].space_before = r->pending > before ?
		    r->pending : before;
	r->pending = after;
}

/* No page break leaving fewer than two lines of a paragraph on either
 * side: a paragraph of two or three lines stays whole. */
static void
keep_widows_orphans(struct render *r, size_t first, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		r->items[first + i].keep = i + 1 < 2 || n - (i + 1) < 2;
}

static void
layout_title(struct render *r)
{
	struct lb_para p;
	struct lb_span s;
	struct stroke *l;
	size_t first, i;

	if (r->doc->title == NULL || r->doc->title[0] == '\0' ||
	    r->doc->letter)
		return;
	/* In the author's case, as HTML and LaTeX print it: capitals would
	 * change the client's names too (« EBAY » for eBay). */
	s.text = r->doc->title;
	s.len = strlen(s.text);
	s.style = FACE_BOLD;
	s.link = NULL;
	lb_para_init(&p);
	layout_spans(r, &p, &s, 1, TITLE_SIZE, TEXT_W * 0.85, LB_CENTER);
	if (p.nlines > 1) {
		/* Balanced lines: the narrowest measure that needs no more
		 * lines, rather than a last word alone. */
		size_t want = p.nlines;
		double lo = TEXT_W * 0.3, hi = TEXT_W * 0.85, mid;

		while (hi - lo > 2) {
			mid = (lo + hi) / 2;
			lb_para_free(&p);
			layout_spans(r, &p, &s, 1, TITLE_SIZE, mid, LB_CENTER);
			if (p.nlines > want)
				lo = mid;
			else
				hi = mid;
		}
		lb_para_free(&p);
		layout_spans(r, &p, &s, 1, TITLE_SIZE, hi, LB_CENTER);
		for (i = 0; i < p.npieces; i++)
			p.pieces[i].x += (TEXT_W * 0.85 - hi) / 2;
	}
	tags_open(r, TAG_H1);
	first = add_lines(r, &p, TEXT_W * 0.075, TITLE_SIZE, TITLE_LEAD, NULL,
	    0);
	tags_close(r);
	lb_para_free(&p);
	for (i = first; i < r->nitems; i++)
		r->items[i].keep = true;
	/* A short rule under the title. */
	item_new(r, 22);
	l = stroke_new(r);
	l->x0 = TEXT_W / 2 - 30;
	l->x1 = TEXT_W / 2 + 30;
	l->y0 = l->y1 = 9;
	l->width = 0.6;
	item_close(r);
	r->pending = 4;
}

static void
layout_heading(struct render *r, const struct doc_heading *h, double x,
    double width)
{
	struct lb_para p;
	struct lb_span *s;
	struct buf label;
	size_t n, first, i;
	unsigned extra;
	double size, lead, before, after;

	switch (h->level) {
	case 1:
		extra = STYLE_BOLD;
		size = H1_SIZE;
		lead = H1_LEAD;
		before = H1_BEFORE;
		after = H1_AFTER;
		break;
	case 2:
		extra = STYLE_BOLD;
		size = BODY_SIZE;
		lead = BODY_LEAD;
		before = H2_BEFORE;
		after = H2_AFTER;
		break;
	default:
		extra = STYLE_ITALIC;
		size = BODY_SIZE;
		lead = BODY_LEAD;
		before = H2_BEFORE;
		after = H2_AFTER;
		break;
	}
	buf_init(&label);
	doc_heading_label(&label, h);
	if (label.len > 0 && h->title.len > 0)
		buf_puts(&label, h->level == 1 ? NBSP "\xe2\x80\x93 " : " ");
	s = runs_spans(&h->title, extra, &n, label.len > 0 ? 1 : 0);
	if (label.len > 0) {
		s[0].text = keep_string(r, buf_detach(&label));
		s[0].len = strlen(s[0].text);
		s[0].style = extra;
	}
	buf_free(&label);
	lb_para_init(&p);
	layout_spans(r, &p, s, n, size, width, LB_LEFT);
	tags_open(r, h->level <= 1 ? TAG_H2 : h->level == 2 ? TAG_H3 :
	    TAG_H4);
	first = add_lines(r, &p, x, size, lead, NULL, 0);
	tags_close(r);
	lb_para_free(&p);
	free(s);
	if (first == r->nitems) {
		/* An empty heading still marks its place. */
		item_new(r, lead);
		item_close(r);
	}
	for (i = first; i < r->nitems; i++)
		r->items[i].keep = true;
	r->items[first].heading = h;
	block_space(r, first, before, after);
}

static void
layout_paragraph(struct render *r, const struct doc_runs *rs, double x,
    double width, const char *label, double label_x, enum doc_align align)
{
	struct lb_para p;
	struct lb_span *s;
	size_t n, first;
	enum lb_align how = LB_JUSTIFY;

	switch (align) {
	case ALIGN_JUSTIFY:
		break;
	case ALIGN_RIGHT:
		how = LB_RIGHT;
		break;
	}
	s = runs_spans(rs, 0, &n, 0);
	lb_para_init(&p);
	layout_spans(r, &p, s, n, BODY_SIZE, width, how);
	free(s);
	first = add_lines(r, &p, x, BODY_SIZE, BODY_LEAD, label, label_x);
	lb_para_free(&p);
	keep_widows_orphans(r, first, r->nitems - first);
}

/* Ends with a colon: introduces what follows (typically a list). */
static bool
ends_with_colon(const struct doc_runs *rs)
{
	const char *t;
	size_t len;

	if (rs->len == 0 || rs->v[rs->len - 1].line_break)
		return false;
	t = rs->v[rs->len - 1].text;
	len = strlen(t);
	while (len > 0 && t[len - 1] == ' ')
		len--;
	return len > 0 && t[len - 1] == ':';
}

static void	layout_blocks(struct render *, const struct doc_blocks *,
		    double, double, int);

static void
layout_list(struct render *r, const struct doc_list *l, double x,
    double width, int depth)
{
	const struct doc_blocks *item;
	const char *label, **labels;
	double label_w = 0, w, text_x, right;
	size_t i, first;

	/* The widest label sets the hanging indent. */
	labels = xcalloc(l->len + 1, sizeof(*labels));
	for (i = 0; i < l->len; i++) {
		if (l->ordered)
			labels[i] = keep_string(r, xasprintf("%zu.", i + 1));
		else
			labels[i] = depth % 2 == 0 ? "\xe2\x80\x93" :
			    "\xe2\x80\xa2";
		w = text_width(r, FACE_REGULAR, BODY_SIZE, labels[i],
		    strlen(labels[i]));
		if (w > label_w)
			label_w = w;
	}
	if (label_w < 8)
		label_w = 8;
	right = x + width;
	x += depth == 0 ? LIST_INDENT : 0;
	text_x = x + label_w + LABEL_GAP;
	tags_open(r, TAG_L);
	for (i = 0; i < l->len; i++) {
		item = &l->items[i];
		label = labels[i];
		first = r->nitems;
		tags_open(r, TAG_LI);
		tags_set_label(r);
		tags_open(r, TAG_LBODY);
		w = text_width(r, FACE_REGULAR, BODY_SIZE, label,
		    strlen(label));
		if (item->len > 0 && item->v[0].kind == BLOCK_PARAGRAPH) {
			/* Numbers aligned on the right, dashes on the left. */
			layout_paragraph(r, &item->v[0].u.paragraph, text_x,
			    right - text_x, label, l->ordered ?
			    text_x - LABEL_GAP - w : x, ALIGN_JUSTIFY);
			block_space(r, first, i == 0 ? PARA_SKIP :
			    LIST_ITEM_SKIP, PARA_SKIP);
			if (item->len > 1 && item->v[1].kind == BLOCK_LIST &&
			    ends_with_colon(&item->v[0].u.paragraph))
				r->items[r->nitems - 1].keep = true;
			if (item->len > 1) {
				struct doc_blocks rest;

				rest.v = item->v + 1;
				rest.len = item->len - 1;
				layout_blocks(r, &rest, text_x,
				    right - text_x, depth + 1);
			}
		} else {
			layout_paragraph(r, &(struct doc_runs){ NULL, 0 },
			    text_x, right - text_x, label, l->ordered ?
			    text_x - LABEL_GAP - w : x, ALIGN_JUSTIFY);
			block_space(r, first, i == 0 ? PARA_SKIP :
			    LIST_ITEM_SKIP, LIST_ITEM_SKIP);
			layout_blocks(r, item, text_x, right - text_x,
			    depth + 1);
		}
		tags_close(r);	/* LBody */
		tags_close(r);	/* LI */
		r->pending = LIST_ITEM_SKIP;
	}
	tags_close(r);	/* L */
	free(labels);
	r->pending = PARA_SKIP;
}

static struct lb_span
span(const char *text, unsigned face)
{
	struct lb_span sp;

	sp.text = text;
	sp.len = text != NULL ? strlen(text) : 0;
	sp.style = face;
	sp.link = NULL;
	return sp;
}

/* The party's name and who signs for it, as lines of P. */
static void
layout_party_head(struct render *r, struct lb_para *p,
    const struct doc_party *party, double width)
{
	struct lb_span s[3];
	size_t n = 0;

	s[0] = span(party->name, FACE_BOLD);
	layout_spans(r, p, s, 1, BODY_SIZE, width, LB_LEFT);
	if (party->representant != NULL && party->representant[0] != '\0') {
		s[n++] = span("représentée par ", FACE_REGULAR);
		s[n++] = span(party->representant, FACE_REGULAR);
		if (party->qualite != NULL && party->qualite[0] != '\0')
			s[n++] = span(keep_string(r, xasprintf(", %s",
			    party->qualite)), FACE_REGULAR);
		layout_spans(r, p, s, n, BODY_SIZE, width, LB_LEFT);
	}
}

/* One column of a signature block, at X in its item: the party, who
 * signs for it, then from HEAD_H down a zone to sign over a rule and
 * the date, so that both columns sign on the same line.  Returns the
 * height used. */
static double
layout_party(struct render *r, const struct doc_party *party,
    const char *sign_label, double x, double width, double head_h)
{
	struct lb_para p;
	struct lb_span s[1];
	const struct lb_line *ln;
	const struct lb_piece *lp;
	struct piece *pc;
	struct stroke *l;
	size_t i, j, label, sign;
	double y = 0;

	lb_para_init(&p);
	layout_party_head(r, &p, party, width);
	label = p.nlines;
	s[0] = span(sign_label, FACE_REGULAR);
	layout_spans(r, &p, s, 1, BODY_SIZE, width, LB_LEFT);
	/* The zone is under the label's last line (a mention may wrap). */
	sign = p.nlines - 1;
	s[0] = span("Date" NBSP ":", FACE_REGULAR);
	layout_spans(r, &p, s, 1, BODY_SIZE, width, LB_LEFT);
	for (i = 0; i < p.nlines; i++) {
		ln = &p.lines[i];
		if (i == label)
			y = head_h + 8;
		for (j = 0; j < ln->count; j++) {
			lp = &p.pieces[ln->first + j];
			pc = piece_new(r);
			pc->x = x + lp->x;
			pc->y = y + baseline(BODY_SIZE, BODY_LEAD);
			pc->width = lp->width;
			pc->size = BODY_SIZE;
			pc->face = lp->style & 3;
			pc->text = lp->text;
			pc->len = lp->len;
		}
		y += BODY_LEAD;
		if (i == sign) {
			/* Where the party signs: its signature field. */
			r->zones = xgrow(r->zones, r->nzones,
			    sizeof(*r->zones));
			r->zones[r->nzones++] = (struct sign_zone){
				.item = r->nitems - 1, .x = x, .y = y,
				.w = width, .h = SIGN_ZONE, .party = party,
				.cell = tags_current(r), .key = r->npieces };
			y += SIGN_ZONE;
			l = stroke_new(r);
			l->x0 = x;
			l->x1 = x + width;
			l->y0 = l->y1 = y;
			l->width = 0.5;
			l->gray = 0.45f;
			y += 5;
		}
	}
	lb_para_free(&p);
	return y;
}

static void
layout_signatures(struct render *r, const struct doc_signatures *sg)
{
	double colw = (TEXT_W - SIGN_GAP) / 2, h, hmax, head;
	size_t i, k, n, first = r->nitems;
	struct item *it;
	struct lb_para p;
	struct lb_span *made;
	struct buf label;
	const char *sign_label;

	if (sg->len == 0)
		return;
	/* The end of the text goes with the signatures. */
	if (r->nitems > 0)
		r->items[r->nitems - 1].keep = true;
	buf_init(&label);
	doc_signature_label(&label, sg);
	buf_puts(&label, NBSP ":");
	sign_label = keep_string(r, buf_detach(&label));
	if (sg->made.len > 0) {
		/* « Fait à …, le … », kept with the signatures. */
		made = runs_spans(&sg->made, 0, &n, 0);
		lb_para_init(&p);
		layout_spans(r, &p, made, n, BODY_SIZE, TEXT_W, LB_LEFT);
		free(made);
		tags_open(r, TAG_P);
		add_lines(r, &p, 0, BODY_SIZE, BODY_LEAD, NULL, 0);
		tags_close(r);
		lb_para_free(&p);
		for (k = first; k < r->nitems; k++)
			r->items[k].keep = true;
		if (r->nitems > first)
			r->items[r->nitems - 1].keep = true;
	}
	/* A table of one row per two parties, a cell per party. */
	tags_open(r, TAG_TABLE);
	for (i = 0; i < sg->len; i += 2) {
		/* The taller head of the two sets where both sign. */
		head = 0;
		for (k = i; k < i + 2 && k < sg->len; k++) {
			lb_para_init(&p);
			layout_party_head(r, &p, &sg->parties[k], colw);
			if (p.nlines * BODY_LEAD > head)
				head = p.nlines * BODY_LEAD;
			lb_para_free(&p);
		}
		item_new(r, 0);
		tags_open(r, TAG_TR);
		tags_open(r, TAG_TD);
		hmax = layout_party(r, &sg->parties[i], sign_label, 0, colw,
		    head);
		tags_close(r);
		if (i + 1 < sg->len) {
			tags_open(r, TAG_TD);
			h = layout_party(r, &sg->parties[i + 1], sign_label,
			    colw + SIGN_GAP, colw, head);
			tags_close(r);
			if (h > hmax)
				hmax = h;
		}
		tags_close(r);	/* TR */
		it = &r->items[r->nitems - 1];
		it->height = hmax;
		it->keep = true;
		it->space_before = i == 0 ? (sg->made.len > 0 ? 10 : 0) : 18;
		item_close(r);
	}
	tags_close(r);	/* Table */
	r->items[r->nitems - 1].keep = false;
	block_space(r, first, SIGN_BEFORE, PARA_SKIP);
}

static void
layout_blocks(struct render *r, const struct doc_blocks *bs, double x,
    double width, int depth)
{
	const struct doc_block *b;
	size_t i, first;

	for (i = 0; i < bs->len; i++) {
		b = &bs->v[i];
		switch (b->kind) {
		case BLOCK_HEADING:
			layout_heading(r, &b->u.heading, x, width);
			break;
		case BLOCK_PARAGRAPH:
			first = r->nitems;
			tags_open(r, TAG_P);
			layout_paragraph(r, &b->u.paragraph, x, width, NULL, 0,
			    b->align);
			tags_close(r);
			/* A letter's place and date stand apart from what
			 * follows. */
			block_space(r, first, PARA_SKIP, b->align ==
			    ALIGN_RIGHT ? LETTER_SKIP : PARA_SKIP);
			if (r->nitems > first && i + 1 < bs->len &&
			    bs->v[i + 1].kind == BLOCK_LIST &&
			    ends_with_colon(&b->u.paragraph))
				r->items[r->nitems - 1].keep = true;
			break;
		case BLOCK_LIST:
			layout_list(r, &b->u.list, x, width, depth);
			break;
		case BLOCK_SIGNATURES:
			layout_signatures(r, &b->u.signatures);
			break;
		}
	}
}

/* Pagination: items fill a page while they fit; a page ends after the
 * last item that allows it, or, when none does, where the page is full.
 * The last page is made after the last item: an empty document is one
 * blank page. */
static void
paginate(struct render *r)
{
	size_t k, first = 0, last_break = NONE, end;
	double y = 0, sb;

	r->npages = 0;
	for (k = 0; k <= r->nitems; k++) {
		if (k < r->nitems) {
			struct item *it = &r->items[k];

			sb = k == first ? 0 : it->space_before;
			if (k == first || y + sb + it->height <= TEXT_H + 0.01) {
				it->y = y + sb;
				it->page = r->npages;
				y += sb + it->height;
				if (!it->keep)
					last_break = k;
				continue;
			}
			end = last_break != NONE ? last_break : k - 1;
		} else
			end = k - 1;
		r->pages = xgrow(r->pages, r->npages, sizeof(*r->pages));
		r->pages[r->npages].first = first;
		r->pages[r->npages].count = end + 1 - first;
		r->pages[r->npages].header = NONE;
		r->pages[r->npages].footer = NONE;
		r->npages++;
		if (k == r->nitems)
			break;
		first = end + 1;
		k = end;
		y = 0;
		last_break = NONE;
	}
}

/* Running header (from the second page) and footer. */
static void
layout_furniture(struct render *r)
{
	const char *title = r->doc->title;
	struct buf up;
	struct piece *pc;
	const char *text;
	size_t i, len, cut;
	double w;
	size_t header = NONE;

	if (title == NULL || title[0] == '\0')
		title = r->doc->model;
	/* A letter has no running header: it is signed as it is. */
	if (title != NULL && title[0] != '\0' && r->npages > 1 &&
	    !r->doc->letter) {
		/* Small italics in the author's case, as in LaTeX. */
		buf_init(&up);
		buf_puts(&up, title);
		len = up.len;
		/* Too long: shortened at a space, with an ellipsis. */
		while (len > 0 && (w = text_width(r, FACE_ITALIC,
		    FURNITURE_SIZE, up.data, len)) > TEXT_W) {
			for (cut = len; cut > 0 && up.data[cut - 1] != ' ';
			    cut--)
				;
			while (cut > 0 && up.data[cut - 1] == ' ')
				cut--;
			up.len = cut;
			if (cut > 0)
				buf_puts(&up, NBSP "\xe2\x80\xa6");
			len = up.len;
		}
		text = keep_string(r, buf_detach(&up));
		if (len > 0) {
			pc = piece_new(r);
			pc->tag = TAG_PAGINATION;
			pc->text = text;
			pc->len = len;
			pc->size = FURNITURE_SIZE;
			pc->gray = 0.35f;
			pc->face = FACE_ITALIC;
			pc->width = w;
			pc->x = (TEXT_W - w) / 2;
			pc->y = HEADER_BASE;
			header = r->npieces - 1;
		}
	}
	for (i = 0; i < r->npages; i++) {
		text = keep_string(r, xasprintf("Page %zu sur %zu", i + 1,
		    r->npages));
		pc = piece_new(r);
		pc->tag = TAG_PAGINATION;
		pc->text = text;
		pc->len = strlen(text);
		pc->size = FURNITURE_SIZE + 0.5;
		pc->gray = 0.25f;
		pc->face = FACE_REGULAR;
		pc->width = text_width(r, FACE_REGULAR, pc->size, text,
		    pc->len);
		pc->x = (TEXT_W - pc->width) / 2;
		pc->y = FOOTER_BASE;
		r->pages[i].footer = r->npieces - 1;
		if (i > 0)
			r->pages[i].header = header;
	}
}

void
layout_document(struct render *r)
{
	layout_title(r);
	layout_blocks(r, &r->doc->blocks, 0, TEXT_W, 0);
	paginate(r);
	layout_furniture(r);
}
