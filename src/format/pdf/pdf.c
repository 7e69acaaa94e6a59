#include "format/backend.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>
#include <utf8proc.h>
/* Fonts are handed to libharu from memory through functions and
 * structures its 2.3 headers declare (load_font). */
#if HPDF_VERSION_ID < 20300 || HPDF_VERSION_ID >= 20400
#error "libharu 2.3 is needed: load_font uses its font definition functions"
#endif
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>

#include "base/diag.h"
#include "format/pdf/fonts.h"
#include "lang/french.h"
#include "format/pdf/linebreak.h"

/*
 * PDF backend through libharu.  Three stages, so that libharu only ever
 * draws what is final:
 *
 *  1. Layout: every block becomes lines (linebreak.c, measured with the
 *     font metrics through fonts.c) and the lines a vertical list of
 *     items, each with a height, the space above it, and whether a page
 *     may end after it (headings stay with what follows, paragraphs keep
 *     two lines on each side of a page break, signature blocks stay
 *     whole and with the end of the text).
 *  2. Pagination over that list; then the total page count is known for
 *     "Page X sur Y", and every character that will be drawn: glyph
 *     coverage is checked before anything is drawn.
 *  3. Drawing with libharu: only the faces drawn, each as a subset of
 *     the glyphs used (fonts.c) in the encodings its text needs (CP1252
 *     for French, see "Encodings"); pages, outline, links, then the
 *     file.  A justified line is one string per face with word spacing,
 *     not one string per word.
 *
 * libharu reports errors through a callback that only records them; every
 * call's status is checked and rendering stops cleanly at the first
 * error, nothing being written.
 */

/* Geometry, in points.  A4, 2.5 cm margins. */
#define PAGE_W		595.276
#define PAGE_H		841.890
#define MARGIN_X	70.866
#define MARGIN_TOP	70.866
#define MARGIN_BOTTOM	70.866
#define TEXT_W		(PAGE_W - 2 * MARGIN_X)
#define TEXT_H		(PAGE_H - MARGIN_TOP - MARGIN_BOTTOM)
#define HEADER_BASE	44.0	/* from the top of the page */
#define FOOTER_BASE	(PAGE_H - 40.0)

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

#define NONE		((size_t)-1)

struct pdf {
	struct diags	*ds;
	char		*family;
	char		*generator;
	long long	 created;	/* seconds since 1970 UTC, or -1 */
};

/* Text to draw: Y is the baseline, below the top of its item. */
struct piece {
	double		 x;
	double		 y;
	double		 width;
	double		 size;
	double		 char_space;
	float		 gray;
	unsigned	 face;
	unsigned	 enc;		/* its encoding, or MIXED (draw time) */
	bool		 draft;		/* highlighted (--brouillon) */
	const char	*text;
	size_t		 len;
	const char	*link;
};

struct rule {
	double		 x0, y0, x1, y1;
	double		 width;
	float		 gray;
};

struct item {
	double		 space_before;	/* dropped at the top of a page */
	double		 height;
	bool		 keep;		/* no page break after this item */
	size_t		 piece0, npieces;
	size_t		 rule0, nrules;
	const struct doc_heading *heading;	/* bookmark and link target */
	size_t		 page;
	double		 y;		/* top, from the top of the text area */
};

struct page {
	size_t		 first;		/* items */
	size_t		 count;
	size_t		 header;	/* piece, or NONE */
	size_t		 footer;	/* piece */
};

struct cpset {
	uint8_t		*bits;		/* the BMP, one bit per code point */
	uint32_t	*cps;		/* sorted, once collected */
	size_t		 len;
};

/*
 * Encodings.  A face's text goes through a single-byte encoding when it
 * can: small fonts (no 65 536-entry tables), word spacing applies, and
 * readers map codes to text through standard glyph names.  CP1252 takes
 * French; the other Windows code pages, chosen greedily, take names
 * from the rest of Europe (Łukasz, Kővári, Ştefan); what none covers
 * goes through libharu's UTF-8, whose ToUnicode map readers other than
 * poppler may not understand (libharu 2.3.0 writes the encoding's CMap
 * there).  Each encoding used is one libharu font over the same
 * embedded subset.
 */
#define MAX_ENCODINGS	8
#define MIXED		0xFF

static const char *const code_pages[] = {
	"CP1250", "CP1254", "CP1257", "CP1251", "CP1253", "CP1258"
};
#define NCODE_PAGES	(sizeof(code_pages) / sizeof(code_pages[0]))

struct encoding {
	HPDF_Font	 font;
	bool		 cp1252;
	bool		 utf8;
	const uint16_t	*uni;		/* single byte: code point of each byte */
};

struct face_fonts {
	struct encoding	 e[MAX_ENCODINGS];
	size_t		 n;
};

struct render {
	struct pdf	*pdf;
	struct diags	*ds;
	const struct doc *doc;
	struct fonts	*fonts;
	bool		 failed;

	struct piece	*pieces;
	size_t		 npieces;
	struct rule	*rules;
	size_t		 nrules;
	struct item	*items;
	size_t		 nitems;
	struct page	*pages;
	size_t		 npages;
	struct ptrvec	 strings;	/* generated text, owned */
	double		 pending;	/* space after the previous block */
	/* Width + 1 of the common characters per face, 0 when not known:
	 * the line breaker asks for every character it measures. */
#define WIDTH_CACHE	0x180
	int16_t		 width[FACE_COUNT][WIDTH_CACHE];
	struct cpset	 used[FACE_COUNT];
	struct {
		unsigned	 face;
		uint32_t	 cp;
	}		*missing;	/* reported already */
	size_t		 nmissing;

	HPDF_Doc	 hpdf;
	HPDF_STATUS	 hpdf_error;
	HPDF_STATUS	 hpdf_detail;
	struct face_fonts hfont[FACE_COUNT];
	uint16_t	 page_uni[NCODE_PAGES][256];	/* 0: not loaded */
	bool		 page_loaded[NCODE_PAGES];
	bool		 utf;		/* HPDF_UseUTFEncodings done */
	HPDF_Page	*hpages;
	HPDF_Destination *dests;	/* by item, for headings */
	struct buf	 scratch;
};

/* Layout: pieces, rules, items */

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

	r->pieces = xgrow(r->pieces, r->npieces, sizeof(*r->pieces));
	p = &r->pieces[r->npieces++];
	memset(p, 0, sizeof(*p));
	return p;
}

static struct rule *
rule_new(struct render *r)
{
	struct rule *l;

	r->rules = xgrow(r->rules, r->nrules, sizeof(*r->rules));
	l = &r->rules[r->nrules++];
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
	it->rule0 = r->nrules;
	return it;
}

/* Closes the item just filled: its pieces and rules are the ones made
 * since item_new. */
static void
item_close(struct render *r)
{
	struct item *it = &r->items[r->nitems - 1];

	it->npieces = r->npieces - it->piece0;
	it->nrules = r->nrules - it->rule0;
}

/* The character drawn for CP in FACE: CP itself, or a look-alike that
 * means the same when the font lacks it (many fonts have no U+2011, the
 * non-breaking hyphen, whose not breaking is the line breaker's
 * business); 0 when the face can draw neither. */
static uint32_t
glyph_cp(struct render *r, enum font_face face, uint32_t cp)
{
	static const uint32_t alike[][2] = {
		{ 0x2010, '-' },	/* hyphen */
		{ 0x2011, '-' },	/* non-breaking hyphen */
		{ 0x2012, 0x2013 },	/* figure dash */
	};
	size_t i;

	if (cp > 0xFFFF)
		return 0;
	if (fonts_has_glyph(r->fonts, face, cp))
		return cp;
	for (i = 0; i < sizeof(alike) / sizeof(alike[0]); i++)
		if (alike[i][0] == cp && fonts_has_glyph(r->fonts, face,
		    alike[i][1]))
			return alike[i][1];
	return 0;
}

static int
measure(void *ctx, unsigned style, uint32_t cp)
{
	struct render *r = ctx;
	enum font_face face = (enum font_face)(style & 3);
	uint32_t g;
	int w;

	if (cp < WIDTH_CACHE && r->width[face][cp] > 0)
		return r->width[face][cp] - 1;
	if (!fonts_open(r->fonts, face)) {
		r->failed = true;
		return 500;
	}
	g = glyph_cp(r, face, cp);
	w = fonts_advance(r->fonts, face, g != 0 ? g : cp);
	/* A space the font lacks still separates words; a missing glyph
	 * is reported once the text to draw is known. */
	if (w == 0 && cp == ' ')
		w = 250;
	if (cp < WIDTH_CACHE && w < INT16_MAX)
		r->width[face][cp] = (int16_t)(w + 1);
	return w;
}

static double
text_width(struct render *r, unsigned face, double size, const char *s,
    size_t len)
{
	size_t i, k;
	uint32_t cp;
	double w = 0;

	for (i = 0; i < len; i += k) {
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			k = 1;
			cp = 0xFFFD;
		}
		w += measure(r, face, cp);
	}
	return w * size / 1000;
}

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
			pc->face = lp->style & 3;
			pc->draft = (lp->style & STYLE_DRAFT) != 0;
			pc->text = lp->text;
			pc->len = lp->len;
			pc->link = lp->link;
		}
		if (i == 0 && label != NULL) {
			pc = piece_new(r);
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

static void
layout_spans(struct render *r, struct lb_para *p, const struct lb_span *s,
    size_t n, double size, double width, enum lb_align align)
{
	struct lb_opts o;

	o.size = size;
	o.width = width;
	o.align = align;
	o.measure = measure;
	o.ctx = r;
	lb_layout(p, s, n, &o);
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
		    (STYLE_ITALIC | STYLE_BOLD | STYLE_DRAFT);
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
	struct buf up;
	struct rule *l;
	size_t first, i;

	if (r->doc->title == NULL || r->doc->title[0] == '\0')
		return;
	buf_init(&up);
	fr_upper(&up, r->doc->title);
	s.text = keep_string(r, buf_detach(&up));
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
	first = add_lines(r, &p, TEXT_W * 0.075, TITLE_SIZE, TITLE_LEAD, NULL,
	    0);
	lb_para_free(&p);
	for (i = first; i < r->nitems; i++)
		r->items[i].keep = true;
	/* A short rule under the title. */
	item_new(r, 22);
	l = rule_new(r);
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
	first = add_lines(r, &p, x, size, lead, NULL, 0);
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
    double width, const char *label, double label_x)
{
	struct lb_para p;
	struct lb_span *s;
	size_t n, first;

	s = runs_spans(rs, 0, &n, 0);
	lb_para_init(&p);
	layout_spans(r, &p, s, n, BODY_SIZE, width, LB_JUSTIFY);
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
	for (i = 0; i < l->len; i++) {
		item = &l->items[i];
		label = labels[i];
		first = r->nitems;
		w = text_width(r, FACE_REGULAR, BODY_SIZE, label,
		    strlen(label));
		if (item->len > 0 && item->v[0].kind == BLOCK_PARAGRAPH) {
			/* Numbers aligned on the right, dashes on the left. */
			layout_paragraph(r, &item->v[0].u.paragraph, text_x,
			    right - text_x, label, l->ordered ?
			    text_x - LABEL_GAP - w : x);
			block_space(r, first, i == 0 ? PARA_SKIP :
			    LIST_ITEM_SKIP, PARA_SKIP);
			if (item->len > 1 && item->v[1].kind == BLOCK_LIST &&
			    ends_with_colon(&item->v[0].u.paragraph))
				r->items[r->nitems - 1].keep = true;
			if (item->len > 1) {
				struct doc_blocks rest;

				rest.v = item->v + 1;
				rest.len = item->len - 1;
				rest.cap = rest.len;
				layout_blocks(r, &rest, text_x,
				    right - text_x, depth + 1);
			}
		} else {
			layout_paragraph(r, &(struct doc_runs){ NULL, 0, 0 },
			    text_x, right - text_x, label, l->ordered ?
			    text_x - LABEL_GAP - w : x);
			block_space(r, first, i == 0 ? PARA_SKIP :
			    LIST_ITEM_SKIP, LIST_ITEM_SKIP);
			layout_blocks(r, item, text_x, right - text_x,
			    depth + 1);
		}
		r->pending = LIST_ITEM_SKIP;
	}
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
layout_party(struct render *r, const struct doc_party *party, double x,
    double width, double head_h)
{
	struct lb_para p;
	struct lb_span s[1];
	const struct lb_line *ln;
	const struct lb_piece *lp;
	struct piece *pc;
	struct rule *l;
	size_t i, j, sign;
	double y = 0;

	lb_para_init(&p);
	layout_party_head(r, &p, party, width);
	s[0] = span("Signature" NBSP ":", FACE_REGULAR);
	layout_spans(r, &p, s, 1, BODY_SIZE, width, LB_LEFT);
	sign = p.nlines - 1;
	s[0] = span("Date" NBSP ":", FACE_REGULAR);
	layout_spans(r, &p, s, 1, BODY_SIZE, width, LB_LEFT);
	for (i = 0; i < p.nlines; i++) {
		ln = &p.lines[i];
		if (i == sign)
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
			y += SIGN_ZONE;
			l = rule_new(r);
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
	size_t i, k, first = r->nitems;
	struct item *it;
	struct lb_para p;

	if (sg->len == 0)
		return;
	/* The end of the text goes with the signatures. */
	if (r->nitems > 0)
		r->items[r->nitems - 1].keep = true;
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
		hmax = layout_party(r, &sg->parties[i], 0, colw, head);
		if (i + 1 < sg->len) {
			h = layout_party(r, &sg->parties[i + 1],
			    colw + SIGN_GAP, colw, head);
			if (h > hmax)
				hmax = h;
		}
		it = &r->items[r->nitems - 1];
		it->height = hmax;
		it->keep = true;
		it->space_before = i == 0 ? 0 : 18;
		item_close(r);
	}
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
			layout_paragraph(r, &b->u.paragraph, x, width, NULL, 0);
			block_space(r, first, PARA_SKIP, PARA_SKIP);
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
	double w, cs = 0.9;
	size_t header = NONE;

	if (title == NULL || title[0] == '\0')
		title = r->doc->model;
	if (title != NULL && title[0] != '\0' && r->npages > 1) {
		buf_init(&up);
		fr_upper(&up, title);
		len = up.len;
		/* Too long: shortened at a space, with an ellipsis. */
		while (len > 0 && (w = text_width(r, FACE_REGULAR,
		    FURNITURE_SIZE, up.data, len) + cs *
		    (double)utf8_count(up.data, len)) > TEXT_W) {
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
			pc->text = text;
			pc->len = len;
			pc->size = FURNITURE_SIZE;
			pc->char_space = cs;
			pc->gray = 0.35f;
			pc->face = FACE_REGULAR;
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

/* Characters: coverage and encodings */

/* CP1252's 0x80–0x9F; 0 where undefined. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

/* The CP1252 byte for CP, or 0. */
static unsigned
cp1252_byte(uint32_t cp)
{
	unsigned i;

	if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xFF))
		return cp;
	for (i = 0; i < 32; i++)
		if (cp1252_high[i] == cp)
			return 0x80 + i;
	return 0;
}

static bool
check_utf8(struct render *r, const char *s, size_t len)
{
	size_t i, k;
	uint32_t cp;

	for (i = 0; i < len; i += k) {
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			diag(r->ds, F_TEXT_UTF8, NULL,
			    (unsigned)(unsigned char)s[i]);
			r->failed = true;
			return false;
		}
	}
	return true;
}

static bool
check_runs(struct render *r, const struct doc_runs *rs)
{
	size_t i;

	for (i = 0; i < rs->len; i++)
		if (!check_utf8(r, rs->v[i].text, strlen(rs->v[i].text)))
			return false;
	return true;
}

static bool
check_blocks(struct render *r, const struct doc_blocks *bs)
{
	const struct doc_block *b;
	const struct doc_party *p;
	size_t i, k;

	for (i = 0; i < bs->len; i++) {
		b = &bs->v[i];
		switch (b->kind) {
		case BLOCK_HEADING:
			if (!check_runs(r, &b->u.heading.title))
				return false;
			break;
		case BLOCK_PARAGRAPH:
			if (!check_runs(r, &b->u.paragraph))
				return false;
			break;
		case BLOCK_LIST:
			for (k = 0; k < b->u.list.len; k++)
				if (!check_blocks(r, &b->u.list.items[k]))
					return false;
			break;
		case BLOCK_SIGNATURES:
			for (k = 0; k < b->u.signatures.len; k++) {
				p = &b->u.signatures.parties[k];
				if (!check_utf8(r, p->name, strlen(p->name)) ||
				    !check_utf8(r, p->representant,
				    strlen(p->representant)) ||
				    !check_utf8(r, p->qualite,
				    strlen(p->qualite)))
					return false;
			}
			break;
		}
	}
	return true;
}

/* Whether a missing CP of FACE was reported already; records it. */
static bool
reported(struct render *r, unsigned face, uint32_t cp)
{
	size_t i;

	for (i = 0; i < r->nmissing; i++)
		if (r->missing[i].face == face && r->missing[i].cp == cp)
			return true;
	r->missing = xgrow(r->missing, r->nmissing, sizeof(*r->missing));
	r->missing[r->nmissing].face = face;
	r->missing[r->nmissing].cp = cp;
	r->nmissing++;
	return false;
}

/* The document model has no source positions: say where the text is
 * in the contract instead, the words around it and its page. */
static void
note_piece_context(struct render *r, struct diagnostic *dg, size_t piece)
{
	size_t i, k, lo, hi;
	struct buf b;

	for (i = 0; i < r->nitems; i++) {
		const struct item *it = &r->items[i];

		if (piece < it->piece0 || piece >= it->piece0 + it->npieces)
			continue;
		lo = piece >= it->piece0 + 4 ? piece - 4 : it->piece0;
		hi = piece + 5 < it->piece0 + it->npieces ? piece + 5 :
		    it->piece0 + it->npieces;
		buf_init(&b);
		for (k = lo; k < hi; k++) {
			if (k > lo)
				buf_putc(&b, ' ');
			buf_put(&b, r->pieces[k].text, r->pieces[k].len);
		}
		diag_note(dg, NULL, "dans « %s%s%s », page %zu du contrat",
		    lo > it->piece0 ? "…" : "", buf_cstr(&b),
		    hi < it->piece0 + it->npieces ? "…" : "", it->page + 1);
		buf_free(&b);
		return;
	}
}

/* Called for every character drawn: below U+0300 there are none. */
static bool
is_combining(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x300)
		return false;
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME;
}

/* The character before byte K of a piece, for the message ("q"). */
static const char *
base_before(const struct piece *pc, size_t k, char shown[8])
{
	size_t start = k;

	if (k == 0)
		return "?";
	start--;
	while (start > 0 && ((unsigned char)pc->text[start] & 0xC0) == 0x80)
		start--;
	if (k - start >= 8)
		return "?";
	memcpy(shown, pc->text + start, k - start);
	shown[k - start] = '\0';
	return shown;
}

/* Records the code points of every piece per face, reporting each one
 * a face cannot draw (once), then decides each face's encoding. */
static bool
collect_chars(struct render *r)
{
	const struct piece *pc;
	struct cpset *set;
	struct diagnostic *dg;
	size_t i, k, n;
	uint32_t cp, g;
	char shown[8], base[8];

	for (i = 0; i < r->npieces; i++) {
		pc = &r->pieces[i];
		set = &r->used[pc->face];
		for (k = 0; k < pc->len; k += n) {
			n = utf8_decode(pc->text + k, pc->len - k, &cp);
			if (n == 0)
				return false;
			if (set->bits == NULL)
				set->bits = xcalloc(0x10000 / 8, 1);
			g = glyph_cp(r, (enum font_face)pc->face, cp);
			/* What NFC left combining has no letter of its own:
			 * drawn apart, it would vanish or float (q̃). */
			if (is_combining(cp)) {
				if (!reported(r, pc->face, cp)) {
					dg = diag(r->ds, E_GLYPH_COMBINING, NULL,
					    (unsigned)cp, base_before(pc, k, base));
					note_piece_context(r, dg, i);
					r->failed = true;
				}
				continue;
			}
			if (g != 0 &&
			    (set->bits[g >> 3] & (1u << (g & 7))) != 0)
				continue;
			if (g != 0)
				set->bits[g >> 3] |= (uint8_t)(1u << (g & 7));
			else if (!reported(r, pc->face, cp)) {
				memcpy(shown, pc->text + k, n);
				shown[n] = '\0';
				if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
					strcpy(shown, "?");
				dg = diag(r->ds, E_GLYPH_MISSING, NULL, shown,
				    (unsigned)cp, fonts_family(r->fonts),
				    fonts_face_label((enum font_face)pc->face));
				note_piece_context(r, dg, i);
				r->failed = true;
			}
		}
	}
	if (r->failed)
		return false;
	for (i = 0; i < FACE_COUNT; i++) {
		set = &r->used[i];
		if (set->bits == NULL)
			continue;
		/* Words of a line are drawn as one string with spaces. */
		if (fonts_has_glyph(r->fonts, (enum font_face)i, ' '))
			set->bits[' ' >> 3] |= 1u << (' ' & 7);
		for (cp = 0; cp <= 0xFFFF; cp++)
			if ((cp & 7) == 0 && set->bits[cp >> 3] == 0)
				cp += 7;
			else if (set->bits[cp >> 3] & (1u << (cp & 7))) {
				set->cps = xgrow(set->cps, set->len,
				    sizeof(*set->cps));
				set->cps[set->len++] = cp;
			}
	}
	return true;
}

/* Drawing with libharu */

static void
hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	struct render *r = user_data;

	/* The first error explains; later ones follow from it. */
	if (r->hpdf_error == 0) {
		r->hpdf_error = error_no;
		r->hpdf_detail = detail_no;
	}
}

static void *
hpdf_alloc(HPDF_UINT size)
{
	return xmalloc(size);
}

static void
hpdf_free(void *p)
{
	free(p);
}

/* Whether libharu failed; reports it once. */
static bool
hpdf_failed(struct render *r, HPDF_STATUS status)
{
	const char *what;

	if (status == HPDF_OK && r->hpdf_error == 0)
		return false;
	if (r->failed)
		return true;
	r->failed = true;
	if (r->hpdf_error == 0)
		r->hpdf_error = status;
	switch (r->hpdf_error) {
	case HPDF_FAILD_TO_ALLOC_MEM:
		what = "mémoire épuisée";
		break;
	case HPDF_FILE_IO_ERROR:
	case HPDF_FILE_OPEN_ERROR:
		what = "lecture d'une police impossible";
		break;
	case HPDF_TTF_CANNOT_EMBEDDING_FONT:
		what = "la licence de la police interdit de l'incorporer";
		break;
	case HPDF_TTF_INVALID_CMAP:
	case HPDF_TTF_INVALID_FOMAT:
	case HPDF_TTF_MISSING_TABLE:
	case HPDF_INVALID_FONTDEF_DATA:
		what = "police TrueType refusée";
		break;
	default:
		what = NULL;
		break;
	}
	if (what != NULL)
		diag(r->ds, F_RENDER, NULL, what);
	else {
		char *msg = xasprintf("libharu : erreur 0x%04X (détail %u) "
		    "en écrivant le PDF", (unsigned)r->hpdf_error,
		    (unsigned)r->hpdf_detail);

		diag(r->ds, F_RENDER, NULL, msg);
		free(msg);
	}
	return true;
}

/*
 * libharu's public API reads a TrueType font from a path only, through
 * stdio with a seek per table and per glyph: some 350 system calls for
 * two small subsets, a millisecond and more on a virtual machine.  Its
 * font definition functions, exported and declared in the installed
 * headers of this version, read from a memory stream instead; this is
 * what HPDF_LoadTTFontFromFile does after opening the file, with a
 * subset tag of our own (six capitals, one per face loaded).
 */
static const char *
load_font(struct render *r, const struct buf *data, size_t nth)
{
	HPDF_Stream stream;
	HPDF_FontDef def;
	char tag[7];

	/* These internal functions record errors without calling the
	 * handler: a NULL comes with the error in HPDF_GetError. */
	stream = HPDF_MemStream_New(r->hpdf->mmgr, (HPDF_UINT)data->len);
	if (stream == NULL) {
		hpdf_failed(r, HPDF_GetError(r->hpdf) != HPDF_OK ?
		    HPDF_GetError(r->hpdf) : HPDF_FAILD_TO_ALLOC_MEM);
		return NULL;
	}
	if (hpdf_failed(r, HPDF_Stream_Write(stream,
	    (const HPDF_BYTE *)data->data, (HPDF_UINT)data->len))) {
		HPDF_Stream_Free(stream);
		return NULL;
	}
	/* Takes the stream, also when it fails. */
	def = HPDF_TTFontDef_Load(r->hpdf->mmgr, stream, HPDF_TRUE);
	if (def == NULL) {
		hpdf_failed(r, HPDF_GetError(r->hpdf) != HPDF_OK ?
		    HPDF_GetError(r->hpdf) : HPDF_INVALID_FONTDEF_DATA);
		return NULL;
	}
	/* Frees the definition when it fails. */
	if (hpdf_failed(r, HPDF_Doc_RegisterFontDef(r->hpdf, def)))
		return NULL;
	snprintf(tag, sizeof(tag), "LGCAA%c", (char)('A' + nth % 26));
	HPDF_TTFontDef_SetTagName(def, tag);
	return hpdf_failed(r, HPDF_OK) ? NULL : def->base_font;
}

/* The code point of each byte of a libharu code page. */
static const uint16_t *
code_page(struct render *r, size_t k)
{
	HPDF_Encoder enc;
	unsigned b;

	if (!r->page_loaded[k]) {
		r->page_loaded[k] = true;
		enc = HPDF_GetEncoder(r->hpdf, code_pages[k]);
		if (enc == NULL || hpdf_failed(r, HPDF_OK))
			return NULL;
		for (b = 0x20; b < 0x100; b++)
			r->page_uni[k][b] = HPDF_Encoder_GetUnicode(enc,
			    (HPDF_UINT16)b);
		r->page_uni[k][0x7F] = 0;
	}
	return r->failed ? NULL : r->page_uni[k];
}

static unsigned
byte_in(const uint16_t *uni, uint32_t cp)
{
	unsigned b;

	for (b = 0x20; b < 0x100; b++)
		if (uni[b] == cp)
			return b;
	return 0;
}

/* Which of FACE's encodings draws CP (already a glyph's code point),
 * and as which byte; NONE when none does. */
static size_t
char_encoding(const struct render *r, unsigned face, uint32_t cp,
    unsigned *byte)
{
	const struct face_fonts *ff = &r->hfont[face];
	size_t k;

	for (k = 0; k < ff->n; k++) {
		if (ff->e[k].utf8)
			return k;
		if (ff->e[k].cp1252)
			*byte = cp1252_byte(cp);
		else
			*byte = byte_in(ff->e[k].uni, cp);
		if (*byte != 0)
			return k;
	}
	return NONE;
}

static bool
add_encoding(struct render *r, unsigned face, const char *font,
    const char *name, const uint16_t *uni)
{
	struct face_fonts *ff = &r->hfont[face];
	struct encoding *e = &ff->e[ff->n];

	e->font = HPDF_GetFont(r->hpdf, font, name);
	if (e->font == NULL || hpdf_failed(r, HPDF_OK))
		return false;
	e->cp1252 = strcmp(name, "CP1252") == 0;
	e->utf8 = strcmp(name, "UTF-8") == 0;
	e->uni = uni;
	ff->n++;
	return true;
}

/* The encodings for the code points CPS of a face: CP1252 for what it
 * has, then the code page covering most of the rest while one covers
 * any, then UTF-8 for what is left. */
static bool
choose_encodings(struct render *r, unsigned face, const char *font,
    const uint32_t *cps, size_t n)
{
	uint32_t *rest = xcalloc(n + 1, sizeof(*rest));
	size_t nrest = 0, i, k, best, count, best_count;
	bool used[NCODE_PAGES], latin = false, ok = true;
	const uint16_t *uni;

	memset(used, 0, sizeof(used));
	for (i = 0; i < n; i++) {
		if (cps[i] == ' ')
			continue;	/* every encoding has it */
		if (cp1252_byte(cps[i]) != 0)
			latin = true;
		else
			rest[nrest++] = cps[i];
	}
	if (latin || nrest == 0)
		ok = add_encoding(r, face, font, "CP1252", NULL);
	while (ok && nrest > 0 && r->hfont[face].n < MAX_ENCODINGS - 1) {
		best = NONE;
		best_count = 0;
		for (k = 0; k < NCODE_PAGES && ok; k++) {
			if (used[k])
				continue;
			if ((uni = code_page(r, k)) == NULL) {
				ok = false;
				break;
			}
			for (i = count = 0; i < nrest; i++)
				count += byte_in(uni, rest[i]) != 0;
			if (count > best_count) {
				best = k;
				best_count = count;
			}
		}
		if (!ok || best == NONE)
			break;
		used[best] = true;
		ok = add_encoding(r, face, font, code_pages[best],
		    r->page_uni[best]);
		for (i = k = 0; i < nrest; i++)
			if (byte_in(r->page_uni[best], rest[i]) == 0)
				rest[k++] = rest[i];
		nrest = k;
	}
	if (ok && nrest > 0) {
		/* Only when needed: libharu builds 65 536-entry tables. */
		if (!r->utf && hpdf_failed(r, HPDF_UseUTFEncodings(r->hpdf)))
			ok = false;
		r->utf = true;
		if (ok)
			ok = add_encoding(r, face, font, "UTF-8", NULL);
	}
	free(rest);
	return ok;
}

/* Loads the faces drawn, and only those, then notes each piece's
 * encoding (MIXED when its characters need several). */
static bool
load_fonts(struct render *r)
{
	struct buf sub;
	const char *name;
	struct piece *pc;
	size_t i, k, n, e, first;
	uint32_t cp;
	unsigned byte;

	buf_init(&sub);
	for (i = 0; i < FACE_COUNT && !r->failed; i++) {
		if (r->used[i].len == 0)
			continue;
		buf_reset(&sub);
		if (!fonts_subset(r->fonts, (enum font_face)i, r->used[i].cps,
		    r->used[i].len, &sub)) {
			r->failed = true;
			break;
		}
		if ((name = load_font(r, &sub, i)) == NULL ||
		    !choose_encodings(r, (unsigned)i, name, r->used[i].cps,
		    r->used[i].len)) {
			if (!r->failed) {
				diag(r->ds, F_RENDER, NULL, "libharu refuse "
				    "une police");
				r->failed = true;
			}
			break;
		}
	}
	buf_free(&sub);
	for (i = 0; i < r->npieces && !r->failed; i++) {
		pc = &r->pieces[i];
		pc->enc = MIXED;
		for (k = 0, first = NONE; k < pc->len; k += n) {
			n = utf8_decode(pc->text + k, pc->len - k, &cp);
			if (n == 0)
				n = 1;
			e = char_encoding(r, pc->face, glyph_cp(r,
			    (enum font_face)pc->face, cp), &byte);
			if (first == NONE)
				first = e;
			else if (e != first)
				break;
		}
		if (k >= pc->len && first != NONE)
			pc->enc = (unsigned)first;
	}
	return !r->failed;
}

/* Appends text as encoding E of FACE wants it. */
static void
encode(struct render *r, unsigned face, size_t e, const char *s, size_t len,
    struct buf *b)
{
	size_t i, k;
	uint32_t cp;
	unsigned byte = 0;

	for (i = 0; i < len; i += k) {
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1;
		cp = glyph_cp(r, (enum font_face)face, cp);
		if (r->hfont[face].e[e].utf8)
			buf_put_utf8(b, cp);
		else {
			char_encoding(r, face, cp, &byte);
			buf_putc(b, (char)byte);
		}
	}
}

/* Metadata strings go through the CP1252 encoder, which libharu turns
 * into UTF-16; a character outside CP1252 becomes "?". */
static const char *
encode_meta(struct render *r, const char *s, size_t len)
{
	size_t i, k;
	uint32_t cp;
	unsigned byte;

	buf_reset(&r->scratch);
	for (i = 0; i < len; i += k) {
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1;
		if (cp == 0xA0 || cp == 0x202F || cp == '\n' || cp == '\t')
			cp = ' ';
		byte = cp1252_byte(cp);
		buf_putc(&r->scratch, (char)(byte != 0 ? byte : '?'));
	}
	return buf_cstr(&r->scratch);
}

/* A title CP1252 cannot spell (Łukasz, Ştefan) goes through libharu's
 * UTF-8 encoder instead, which writes it as UTF-16 whole; only then,
 * for that encoder costs milliseconds to set up. */
static bool
set_meta(struct render *r, HPDF_InfoType type, const char *s)
{
	size_t i, k, len = strlen(s);
	uint32_t cp;
	bool cp1252 = true;

	for (i = 0; i < len && cp1252; i += k) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		else if (cp >= 0x80 && cp != 0xA0 && cp != 0x202F &&
		    cp1252_byte(cp) == 0)
			cp1252 = false;
	}
	if (cp1252)
		return !hpdf_failed(r, HPDF_SetInfoAttr(r->hpdf, type,
		    encode_meta(r, s, len)));
	if ((!r->utf && hpdf_failed(r, HPDF_UseUTFEncodings(r->hpdf))) ||
	    hpdf_failed(r, HPDF_SetCurrentEncoder(r->hpdf, "UTF-8")))
		return false;
	r->utf = true;
	return !hpdf_failed(r, HPDF_SetInfoAttr(r->hpdf, type, s)) &&
	    !hpdf_failed(r, HPDF_SetCurrentEncoder(r->hpdf, "CP1252"));
}

static double
pdf_y(double y_from_top)
{
	return PAGE_H - y_from_top;
}

/* The graphics state of the page's text, to set only what changes. */
struct pen {
	HPDF_Font	 font;
	double		 size;
	double		 char_space;
	double		 word_space;
	float		 gray;
};

/* Whether piece B can follow piece A in one string, the gap between
 * them drawn as a space widened by the word spacing *TW (the same for
 * every gap of the string).  Only single-byte encodings apply word
 * spacing, and only to the space. */
static bool
joins(struct render *r, const struct piece *a, const struct piece *b,
    bool first_gap, double *tw)
{
	double gap, space;

	if (a->face != b->face || a->size != b->size || a->gray != b->gray ||
	    a->y != b->y || a->char_space != 0 || b->char_space != 0 ||
	    a->enc == MIXED || a->enc != b->enc ||
	    r->hfont[a->face].e[a->enc].utf8)
		return false;
	gap = b->x - (a->x + a->width);
	space = fonts_advance(r->fonts, (enum font_face)a->face, ' ') *
	    a->size / 1000;
	if (space <= 0 || gap < space * 0.2)
		return false;
	if (first_gap) {
		*tw = gap - space;
		return true;
	}
	return fabs(gap - space - *tw) < 0.002;
}

/* Sets what the next text needs of the pen. */
static HPDF_STATUS
pen_set(HPDF_Page page, struct pen *pen, HPDF_Font font,
    const struct piece *pc, double tw)
{
	HPDF_STATUS st = HPDF_OK;

	if (font != pen->font || pc->size != pen->size) {
		st = HPDF_Page_SetFontAndSize(page, font, (HPDF_REAL)pc->size);
		pen->font = font;
		pen->size = pc->size;
	}
	if (st == HPDF_OK && pc->gray != pen->gray) {
		st = HPDF_Page_SetGrayFill(page, pc->gray);
		pen->gray = pc->gray;
	}
	if (st == HPDF_OK && pc->char_space != pen->char_space) {
		st = HPDF_Page_SetCharSpace(page, (HPDF_REAL)pc->char_space);
		pen->char_space = pc->char_space;
	}
	if (st == HPDF_OK && fabs(tw - pen->word_space) > 0.0005) {
		st = HPDF_Page_SetWordSpace(page, (HPDF_REAL)tw);
		pen->word_space = tw;
	}
	return st;
}

/* Draws the N pieces from PC as one string: a line of justified text
 * is one string per face, not one per word, which keeps the content
 * small and the spaces in the text for copy and search.  A piece whose
 * characters need several encodings is drawn one run per encoding. */
static bool
draw_string(struct render *r, HPDF_Page page, const struct piece *pc,
    size_t n, double tw, double top, struct pen *pen)
{
	HPDF_STATUS st = HPDF_OK;
	size_t i, len, start, e, e0 = NONE;
	uint32_t cp;
	unsigned byte;
	double x = pc->x, w = 0;

	if (pc->enc != MIXED) {
		buf_reset(&r->scratch);
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_putc(&r->scratch, ' ');
			encode(r, pc->face, pc->enc, pc[i].text, pc[i].len,
			    &r->scratch);
		}
		st = pen_set(page, pen, r->hfont[pc->face].e[pc->enc].font,
		    pc, tw);
		if (st == HPDF_OK)
			st = HPDF_Page_TextOut(page, (HPDF_REAL)(MARGIN_X +
			    pc->x), (HPDF_REAL)pdf_y(top + pc->y),
			    buf_cstr(&r->scratch));
		return !hpdf_failed(r, st);
	}
	for (i = start = 0; i <= pc->len && st == HPDF_OK; i += len) {
		e = NONE;
		len = 1;
		if (i < pc->len) {
			len = utf8_decode(pc->text + i, pc->len - i, &cp);
			if (len == 0) {
				len = 1;
				cp = 0xFFFD;
			}
			cp = glyph_cp(r, (enum font_face)pc->face, cp);
			e = char_encoding(r, pc->face, cp, &byte);
		}
		if (i > start && (e != e0 || i == pc->len)) {
			buf_reset(&r->scratch);
			encode(r, pc->face, e0, pc->text + start, i - start,
			    &r->scratch);
			st = pen_set(page, pen, r->hfont[pc->face].e[e0].font,
			    pc, 0);
			if (st == HPDF_OK)
				st = HPDF_Page_TextOut(page, (HPDF_REAL)(
				    MARGIN_X + x), (HPDF_REAL)pdf_y(top + pc->y),
				    buf_cstr(&r->scratch));
			x += w;
			w = 0;
			start = i;
		}
		if (i < pc->len) {
			e0 = e;
			w += fonts_advance(r->fonts, (enum font_face)pc->face,
			    cp) * pc->size / 1000 + pc->char_space;
		}
	}
	return !hpdf_failed(r, st);
}

static bool
draw_pieces(struct render *r, HPDF_Page page, const struct piece *pc,
    size_t n, double top, struct pen *pen)
{
	size_t i, j;
	double tw = 0;

	for (i = 0; i < n; i = j) {
		tw = 0;
		for (j = i + 1; j < n && joins(r, &pc[j - 1], &pc[j], j == i + 1,
		    &tw); j++)
			;
		if (j == i + 1)
			tw = 0;
		if (pc[i].len > 0 && !draw_string(r, page, &pc[i], j - i, tw,
		    top, pen))
			return false;
	}
	return true;
}

static size_t
find_anchor(const struct render *r, const char *anchor)
{
	size_t i;

	for (i = 0; i < r->nitems; i++)
		if (r->items[i].heading != NULL &&
		    r->items[i].heading->anchor != NULL &&
		    strcmp(r->items[i].heading->anchor, anchor) == 0)
			return i;
	return NONE;
}

/* The highlight of draft text (lgc build --brouillon), as in HTML: one
 * box per run of draft pieces on a line, spaces included. */
static bool
draw_drafts(struct render *r, HPDF_Page page, const struct item *it,
    double top)
{
	const struct piece *pc, *last;
	HPDF_STATUS st = HPDF_OK;
	size_t i, j;

	for (i = 0; i < it->npieces && st == HPDF_OK; i = j) {
		pc = &r->pieces[it->piece0 + i];
		j = i + 1;
		if (!pc->draft)
			continue;
		while (j < it->npieces && r->pieces[it->piece0 + j].draft &&
		    r->pieces[it->piece0 + j].y == pc->y)
			j++;
		last = &r->pieces[it->piece0 + j - 1];
		st = HPDF_Page_SetRGBFill(page, 1.0f, 0.953f, 0.659f);
		if (st == HPDF_OK)
			st = HPDF_Page_Rectangle(page, (HPDF_REAL)(MARGIN_X +
			    pc->x - 1.5), (HPDF_REAL)pdf_y(top + pc->y +
			    0.25 * pc->size), (HPDF_REAL)(last->x +
			    last->width - pc->x + 3), (HPDF_REAL)(1.1 *
			    pc->size));
		if (st == HPDF_OK)
			st = HPDF_Page_Fill(page);
		/* Text is drawn in the fill colour: back to black. */
		if (st == HPDF_OK)
			st = HPDF_Page_SetGrayFill(page, 0);
	}
	return !hpdf_failed(r, st);
}

/* Link areas: one per run of pieces with the same target in an item. */
static bool
draw_links(struct render *r, HPDF_Page page, const struct item *it,
    double top)
{
	const struct piece *pc;
	HPDF_Annotation a;
	HPDF_Rect rect;
	size_t i, j, target;

	for (i = 0; i < it->npieces; i = j) {
		pc = &r->pieces[it->piece0 + i];
		j = i + 1;
		if (pc->link == NULL)
			continue;
		rect.left = (HPDF_REAL)(MARGIN_X + pc->x);
		rect.right = (HPDF_REAL)(MARGIN_X + pc->x + pc->width);
		while (j < it->npieces && r->pieces[it->piece0 + j].link !=
		    NULL && strcmp(r->pieces[it->piece0 + j].link,
		    pc->link) == 0 && r->pieces[it->piece0 + j].y == pc->y) {
			const struct piece *q = &r->pieces[it->piece0 + j];

			rect.right = (HPDF_REAL)(MARGIN_X + q->x + q->width);
			j++;
		}
		target = find_anchor(r, pc->link);
		if (target == NONE || r->dests[target] == NULL)
			continue;
		rect.bottom = (HPDF_REAL)pdf_y(top + pc->y + 0.25 * pc->size);
		rect.top = (HPDF_REAL)pdf_y(top + pc->y - 0.85 * pc->size);
		a = HPDF_Page_CreateLinkAnnot(page, rect, r->dests[target]);
		if (a == NULL || hpdf_failed(r, HPDF_OK) ||
		    hpdf_failed(r, HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0)))
			return false;
	}
	return true;
}

static bool
draw_rules(struct render *r, HPDF_Page page, const struct rule *l, size_t n,
    double top)
{
	HPDF_STATUS st = HPDF_OK;
	size_t i;

	for (i = 0; i < n && st == HPDF_OK; i++) {
		st = HPDF_Page_SetLineWidth(page, (HPDF_REAL)l[i].width);
		if (st == HPDF_OK)
			st = HPDF_Page_SetGrayStroke(page, l[i].gray);
		if (st == HPDF_OK)
			st = HPDF_Page_MoveTo(page, (HPDF_REAL)(MARGIN_X +
			    l[i].x0), (HPDF_REAL)pdf_y(top + l[i].y0));
		if (st == HPDF_OK)
			st = HPDF_Page_LineTo(page, (HPDF_REAL)(MARGIN_X +
			    l[i].x1), (HPDF_REAL)pdf_y(top + l[i].y1));
		if (st == HPDF_OK)
			st = HPDF_Page_Stroke(page);
	}
	return !hpdf_failed(r, st);
}

static bool
draw_page(struct render *r, size_t pn)
{
	const struct page *pg = &r->pages[pn];
	HPDF_Page page = r->hpages[pn];
	struct pen pen;
	const struct item *it;
	struct rule header_rule;
	size_t i;

	memset(&pen, 0, sizeof(pen));

	for (i = pg->first; i < pg->first + pg->count; i++) {
		it = &r->items[i];
		if (it->nrules > 0 && !draw_rules(r, page,
		    &r->rules[it->rule0], it->nrules, MARGIN_TOP + it->y))
			return false;
	}
	if (pg->header != NONE) {
		header_rule.x0 = 0;
		header_rule.x1 = TEXT_W;
		header_rule.y0 = header_rule.y1 = HEADER_BASE + 6;
		header_rule.width = 0.4;
		header_rule.gray = 0.55f;
		if (!draw_rules(r, page, &header_rule, 1, 0))
			return false;
	}
	for (i = pg->first; i < pg->first + pg->count; i++)
		if (!draw_drafts(r, page, &r->items[i], MARGIN_TOP +
		    r->items[i].y))
			return false;
	if (hpdf_failed(r, HPDF_Page_BeginText(page)))
		return false;
	for (i = pg->first; i < pg->first + pg->count; i++) {
		it = &r->items[i];
		if (!draw_pieces(r, page, &r->pieces[it->piece0], it->npieces,
		    MARGIN_TOP + it->y, &pen))
			return false;
	}
	if (pg->header != NONE && !draw_pieces(r, page,
	    &r->pieces[pg->header], 1, 0, &pen))
		return false;
	if (!draw_pieces(r, page, &r->pieces[pg->footer], 1, 0, &pen))
		return false;
	if (hpdf_failed(r, HPDF_Page_EndText(page)))
		return false;
	for (i = pg->first; i < pg->first + pg->count; i++)
		if (!draw_links(r, page, &r->items[i], MARGIN_TOP +
		    r->items[i].y))
			return false;
	return true;
}

/* "Article 3 – Objet" for the bookmark. */
static void
outline_title(struct buf *b, const struct doc_heading *h)
{
	size_t i;

	doc_heading_label(b, h);
	if (b->len > 0 && h->title.len > 0)
		buf_puts(b, h->level == 1 ? " \xe2\x80\x93 " : " ");
	for (i = 0; i < h->title.len; i++)
		buf_puts(b, h->title.v[i].line_break ? " " :
		    h->title.v[i].text);
}

static bool
make_outline(struct render *r)
{
	HPDF_Outline stack[3], parent, o;
	int levels[3];
	HPDF_Encoder enc;
	struct buf title;
	const struct doc_heading *h;
	size_t i;
	int level, depth = 0;

	enc = HPDF_GetEncoder(r->hpdf, "CP1252");
	if (enc == NULL || hpdf_failed(r, HPDF_OK))
		return false;
	buf_init(&title);
	for (i = 0; i < r->nitems; i++) {
		if ((h = r->items[i].heading) == NULL)
			continue;
		level = h->level < 1 ? 1 : h->level > 3 ? 3 : h->level;
		/* Under the nearest heading of a higher level. */
		while (depth > 0 && levels[depth - 1] >= level)
			depth--;
		parent = depth > 0 ? stack[depth - 1] : NULL;
		buf_reset(&title);
		outline_title(&title, h);
		o = HPDF_CreateOutline(r->hpdf, parent, encode_meta(r,
		    title.data != NULL ? title.data : "", title.len), enc);
		if (o == NULL || hpdf_failed(r, HPDF_OK) ||
		    hpdf_failed(r, HPDF_Outline_SetOpened(o, HPDF_TRUE)) ||
		    hpdf_failed(r, HPDF_Outline_SetDestination(o,
		    r->dests[i]))) {
			buf_free(&title);
			return false;
		}
		levels[depth] = level;
		stack[depth++] = o;
	}
	buf_free(&title);
	return true;
}

static bool
set_info(struct render *r)
{
	const char *title = r->doc->title;
	HPDF_Date date;
	struct tm tm;
	time_t t;

	if (title == NULL || title[0] == '\0')
		title = r->doc->model;
	if (title == NULL || title[0] == '\0')
		title = "Contrat";
	if (hpdf_failed(r, HPDF_SetCurrentEncoder(r->hpdf, "CP1252")) ||
	    !set_meta(r, HPDF_INFO_TITLE, title))
		return false;
	if (r->doc->model != NULL && r->doc->model[0] != '\0' &&
	    !set_meta(r, HPDF_INFO_SUBJECT, r->doc->model))
		return false;
	if (hpdf_failed(r, HPDF_SetCurrentEncoder(r->hpdf, "CP1252")))
		return false;
	if (hpdf_failed(r, HPDF_SetInfoAttr(r->hpdf, HPDF_INFO_CREATOR,
	    encode_meta(r, r->pdf->generator, strlen(r->pdf->generator)))))
		return false;
	/* Reproducible: no date unless one is given. */
	if (r->pdf->created < 0)
		return true;
	t = (time_t)r->pdf->created;
	if (gmtime_r(&t, &tm) == NULL)
		return true;
	memset(&date, 0, sizeof(date));
	date.year = tm.tm_year + 1900;
	date.month = tm.tm_mon + 1;
	date.day = tm.tm_mday;
	date.hour = tm.tm_hour;
	date.minutes = tm.tm_min;
	date.seconds = tm.tm_sec;
	date.ind = 'Z';
	return !hpdf_failed(r, HPDF_SetInfoDateAttr(r->hpdf,
	    HPDF_INFO_CREATION_DATE, date)) &&
	    !hpdf_failed(r, HPDF_SetInfoDateAttr(r->hpdf,
	    HPDF_INFO_MOD_DATE, date));
}

static bool
draw(struct render *r, struct buf *out)
{
	size_t i;
	HPDF_UINT32 size, n;
	HPDF_STATUS st;
	const struct item *it;

	r->hpdf = HPDF_NewEx(hpdf_error, hpdf_alloc, hpdf_free, 0, r);
	if (r->hpdf == NULL) {
		diag(r->ds, F_RENDER, NULL, "libharu n'a pas pu démarrer");
		return false;
	}
	if (hpdf_failed(r, HPDF_SetCompressionMode(r->hpdf, HPDF_COMP_ALL)) ||
	    !set_info(r) || !load_fonts(r))
		return false;
	r->hpages = xcalloc(r->npages, sizeof(*r->hpages));
	for (i = 0; i < r->npages; i++) {
		r->hpages[i] = HPDF_AddPage(r->hpdf);
		if (r->hpages[i] == NULL || hpdf_failed(r, HPDF_OK) ||
		    hpdf_failed(r, HPDF_Page_SetWidth(r->hpages[i],
		    (HPDF_REAL)PAGE_W)) ||
		    hpdf_failed(r, HPDF_Page_SetHeight(r->hpages[i],
		    (HPDF_REAL)PAGE_H)))
			return false;
	}
	/* Destinations first: a link may point to a later page. */
	r->dests = xcalloc(r->nitems + 1, sizeof(*r->dests));
	for (i = 0; i < r->nitems; i++) {
		it = &r->items[i];
		if (it->heading == NULL)
			continue;
		r->dests[i] = HPDF_Page_CreateDestination(r->hpages[it->page]);
		/* libharu 2.3.0 refuses XYZ with a null zoom ("keep the
		 * reader's"): the page's width then, from the heading. */
		if (r->dests[i] == NULL || hpdf_failed(r, HPDF_OK) ||
		    hpdf_failed(r, HPDF_Destination_SetFitH(r->dests[i],
		    (HPDF_REAL)pdf_y(MARGIN_TOP + it->y - 4))))
			return false;
	}
	if (!make_outline(r))
		return false;
	for (i = 0; i < r->npages; i++)
		if (!draw_page(r, i))
			return false;
	if (hpdf_failed(r, HPDF_SaveToStream(r->hpdf)))
		return false;

	size = HPDF_GetStreamSize(r->hpdf);
	buf_grow(out, size + 1);
	n = size;
	st = HPDF_ReadFromStream(r->hpdf, (HPDF_BYTE *)out->data + out->len,
	    &n);
	/* Reading to the very end reports the end of the stream. */
	if (st == HPDF_STREAM_EOF && n == size && r->hpdf_error ==
	    HPDF_STREAM_EOF) {
		st = HPDF_OK;
		r->hpdf_error = 0;
		HPDF_ResetError(r->hpdf);
	}
	if (hpdf_failed(r, st))
		return false;
	if (n != size) {
		diag(r->ds, F_RENDER, NULL, "PDF incomplet");
		r->failed = true;
		return false;
	}
	out->len += n;
	out->data[out->len] = '\0';
	return true;
}

static void
render_free(struct render *r)
{
	size_t i;

	if (r->hpdf != NULL)
		HPDF_Free(r->hpdf);
	fonts_free(r->fonts);
	for (i = 0; i < r->strings.len; i++)
		free(r->strings.items[i]);
	ptrvec_free(&r->strings);
	for (i = 0; i < FACE_COUNT; i++) {
		free(r->used[i].bits);
		free(r->used[i].cps);
	}
	free(r->missing);
	free(r->pieces);
	free(r->rules);
	free(r->items);
	free(r->pages);
	free(r->hpages);
	free(r->dests);
	buf_free(&r->scratch);
}

static void *
pdf_new(const struct render_opts *opts, struct diags *ds)
{
	struct pdf *p = xcalloc(1, sizeof(*p));
	const struct option_value *font = render_option(opts, "police");

	p->ds = ds;
	p->family = xstrdup(font != NULL && font->text[0] != '\0' ?
	    font->text : FONTS_DEFAULT_FAMILY);
	p->generator = xstrdup(opts != NULL && opts->generator != NULL ?
	    opts->generator : "lgc");
	p->created = opts != NULL ? opts->created : -1;
	return p;
}

static bool
pdf_render(void *state, const struct doc *d, struct buf *out)
{
	struct render r;
	bool ok = false;
	int fatal;	/* errors and fatal errors before rendering */

	memset(&r, 0, sizeof(r));
	r.pdf = state;
	r.ds = r.pdf->ds;
	fatal = diags_count(r.ds, SEV_FATAL) + diags_count(r.ds, SEV_ERROR);
	r.doc = d;
	r.fonts = fonts_new(r.pdf->family, r.ds);
	buf_init(&r.scratch);
	if ((d->title == NULL || check_utf8(&r, d->title, strlen(d->title))) &&
	    (d->model == NULL || check_utf8(&r, d->model, strlen(d->model))) &&
	    check_blocks(&r, &d->blocks) && fonts_open(r.fonts, FACE_REGULAR)) {
		layout_title(&r);
		layout_blocks(&r, &d->blocks, 0, TEXT_W, 0);
		paginate(&r);
		layout_furniture(&r);
		if (!r.failed && collect_chars(&r))
			ok = draw(&r, out);
	}
	render_free(&r);
	/* A failure always says why, so that nothing is written silently. */
	if (!ok && diags_count(r.ds, SEV_FATAL) +
	    diags_count(r.ds, SEV_ERROR) == fatal)
		diag(r.ds, F_RENDER, NULL, "libharu n'a pas pu produire le PDF");
	return ok;
}

static void
pdf_free(void *state)
{
	struct pdf *p = state;

	if (p == NULL)
		return;
	free(p->family);
	free(p->generator);
	free(p);
}

static const char *const pdf_extensions[] = { ".pdf", NULL };

static const struct backend_option pdf_options[] = {
	{ .name = "police", .kind = OPTION_TEXT, .arg = "NOM",
	  .help = "PDF : famille de polices (défaut : " FONTS_DEFAULT_FAMILY
	  ")" },
	{ .name = NULL }
};

const struct backend pdf_backend = {
	.name = "pdf",
	.description = "PDF A4, polices incorporées",
	.extensions = pdf_extensions,
	.options = pdf_options,
	.new = pdf_new,
	.render = pdf_render,
	.free = pdf_free,
};
