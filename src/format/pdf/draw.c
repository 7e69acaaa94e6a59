/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * Drawing a laid-out page with libharu: strokes, the highlight of draft
 * text, the text itself (a justified line is one string per face with
 * word spacing, not one string per word), then the link areas.
 */
#include "format/pdf/draw.h"

#include <math.h>
#include <string.h>

#include "format/pdf/glyphs.h"
#include "format/pdf/haru.h"
#include "format/pdf/render.h"
#include "format/pdf/tags.h"

/* The graphics state of the page's text, to set only what changes. */
struct pen {
	HPDF_Font	 font;
	double		 size;
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

	if (a->tag != b->tag ||
	    a->face != b->face || a->size != b->size || a->gray != b->gray ||
	    a->y != b->y || a->enc == MIXED || a->enc != b->enc ||
	    r->hfont[a->face].e[a->enc].utf8)
		return false;
	gap = b->x - (a->x + a->width);
	/* Asked for every two pieces: kept per face. */
	if (r->space_adv[a->face] == 0)
		r->space_adv[a->face] = fonts_advance(r->fonts,
		    (enum font_face)a->face, ' ') + 1;
	space = (r->space_adv[a->face] - 1) * a->size / 1000;
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
		st = haru_set_font_and_size(page, font, (HPDF_REAL)pc->size);
		pen->font = font;
		pen->size = pc->size;
	}
	if (st == HPDF_OK && pc->gray != pen->gray) {
		st = HPDF_Page_SetGrayFill(page, pc->gray);
		pen->gray = pc->gray;
	}
	if (st == HPDF_OK && fabs(tw - pen->word_space) > 0.0005) {
		st = haru_set_word_space(page, (HPDF_REAL)tw);
		pen->word_space = tw;
	}
	return st;
}

/* Draws the N pieces from PC as one string: a line of justified text
 * is one string per face, not one per word, which keeps the content
 * small and the spaces in the text for copy and search.  A piece whose
 * characters need several encodings is drawn one run per encoding.
 * SPACE: a space drawn after the string (tagged PDF, see
 * word_space_after). */
static bool
draw_string(struct render *r, HPDF_Page page, const struct piece *pc,
    size_t n, double tw, double top, struct pen *pen, bool space)
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
		if (space && !r->hfont[pc->face].e[pc->enc].utf8)
			buf_putc(&r->scratch, ' ');
		st = pen_set(page, pen, r->hfont[pc->face].e[pc->enc].font,
		    pc, tw);
		if (st == HPDF_OK)
			st = haru_text_out(r, page, (HPDF_REAL)(MARGIN_X +
			    pc->x), (HPDF_REAL)pdf_y(top + pc->y),
			    buf_cstr(&r->scratch));
		return !haru_failed(r, st);
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
			e = glyph_encoding(r, pc->face, cp, &byte);
		}
		if (i > start && (e != e0 || i == pc->len)) {
			buf_reset(&r->scratch);
			encode(r, pc->face, e0, pc->text + start, i - start,
			    &r->scratch);
			st = pen_set(page, pen, r->hfont[pc->face].e[e0].font,
			    pc, 0);
			if (st == HPDF_OK)
				st = haru_text_out(r, page, (HPDF_REAL)(
				    MARGIN_X + x), (HPDF_REAL)pdf_y(top + pc->y),
				    buf_cstr(&r->scratch));
			x += w;
			w = 0;
			start = i;
		}
		if (i < pc->len) {
			e0 = e;
			w += fonts_advance(r->fonts, (enum font_face)pc->face,
			    cp) * pc->size / 1000;
		}
	}
	return !haru_failed(r, st);
}

/*
 * Tagged PDF: the text of a structure element is what its strings
 * hold, and readers of the structure (pdfinfo -struct-text, screen
 * readers) do not guess spaces from the gaps between strings as
 * pdftotext does.  So a string followed by a gap on its line, or ending
 * a line (unless on a hyphen), gets a real space, invisible at its end:
 * the next string is placed from the line's start, not from it.  The
 * next piece of an item is on the same line when its baseline is within
 * a size of the string's (a superscript's is raised) and it starts at
 * or after the end of the string (a list's label, made after its line,
 * does not).
 */
static bool
word_space_after(const struct render *r, const struct piece *pc, size_t j,
    size_t n)
{
	const struct piece *a = &pc[j - 1], *b = &pc[j];

	if (r->tags == NULL || a->tag >= TAG_DECOR || a->len == 0)
		return false;
	if (j < n && fabs(b->y - a->y) < a->size &&
	    b->x >= a->x + a->width - 0.01)
		return b->x - (a->x + a->width) > 0.15 * a->size;
	return a->text[a->len - 1] != '-';
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
		if (pc[i].len > 0 && (!tags_mark(r, page, pc[i].tag,
		    (size_t)(&pc[i] - r->pieces)) ||
		    !draw_string(r, page, &pc[i], j - i, tw, top, pen,
		    word_space_after(r, pc, j, n))))
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
		if (!tags_mark(r, page, TAG_DECOR, 0))
			return false;
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
	return !haru_failed(r, st);
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
		if (a == NULL || haru_failed(r, HPDF_OK) ||
		    haru_failed(r, HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0)) ||
		    !tags_annot(r, page, pc->tag, (size_t)(pc - r->pieces), a))
			return false;
	}
	return true;
}

static bool
draw_strokes(struct render *r, HPDF_Page page, const struct stroke *l, size_t n,
    double top)
{
	HPDF_STATUS st = HPDF_OK;
	size_t i;

	if (!tags_mark(r, page, TAG_DECOR, 0))
		return false;
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
	return !haru_failed(r, st);
}

bool
draw_page(struct render *r, size_t pn)
{
	const struct page *pg = &r->pages[pn];
	HPDF_Page page = r->hpages[pn];
	struct pen pen;
	const struct item *it;
	struct stroke header_stroke;
	size_t i;

	memset(&pen, 0, sizeof(pen));
	if (!tags_page(r, pn))
		return false;

	for (i = pg->first; i < pg->first + pg->count; i++) {
		it = &r->items[i];
		if (it->nstrokes > 0 && !draw_strokes(r, page,
		    &r->strokes[it->stroke0], it->nstrokes, MARGIN_TOP + it->y))
			return false;
	}
	if (pg->header != NONE) {
		header_stroke.x0 = 0;
		header_stroke.x1 = TEXT_W;
		header_stroke.y0 = header_stroke.y1 = HEADER_BASE + 6;
		header_stroke.width = 0.4;
		header_stroke.gray = 0.55f;
		if (!draw_strokes(r, page, &header_stroke, 1, 0))
			return false;
	}
	for (i = pg->first; i < pg->first + pg->count; i++)
		if (!draw_drafts(r, page, &r->items[i], MARGIN_TOP +
		    r->items[i].y))
			return false;
	if (!tags_end(r, page) ||
	    haru_failed(r, HPDF_Page_BeginText(page)))
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
	if (!tags_end(r, page) || haru_failed(r, HPDF_Page_EndText(page)))
		return false;
	for (i = pg->first; i < pg->first + pg->count; i++)
		if (!draw_links(r, page, &r->items[i], MARGIN_TOP +
		    r->items[i].y))
			return false;
	return true;
}
