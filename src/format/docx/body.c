/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "format/docx/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format/docx/xml.h"

/*
 * word/document.xml: the document model as Word's own structure.  The
 * headings take their numbers from numbering.xml through their styles,
 * so that Word renumbers when an article is inserted; a reference is a
 * REF field to the heading's bookmark, its text as lgc wrote it cached.
 * Where Word's counting would not give lgc's number (a heading with no
 * title, numbers lgc's rules made otherwise), that heading's number is
 * written out instead and references to it are plain internal links.
 */

#define NB_HYPHEN	"\xe2\x80\x91"

/* The text width of an A4 page with lgc's margins, in twentieths of a
 * point: 21 cm less twice 2.5 cm. */
#define TEXT_WIDTH	9072

struct writer {
	struct docx_body *body;
	struct buf	*out;
	int		 list_depth;	/* -1 outside lists */
};

static const char *
style(const struct writer *w, enum docx_role role)
{
	return w->body->styles->id[role];
}

static const char *
heading_style(const struct writer *w, int level)
{
	return style(w, level <= 1 ? ROLE_HEADING1 : level == 2 ?
	    ROLE_HEADING2 : ROLE_HEADING3);
}

/* Word's number for the next heading of LEVEL given the counts so far:
 * the same text as doc_heading_label. */
static void
word_label(struct buf *b, int counts[3], int level)
{
	int i;

	if (level < 1)
		level = 1;
	if (level > 3)
		level = 3;
	counts[level - 1]++;
	for (i = level; i < 3; i++)
		counts[i] = 0;
	if (level == 1) {
		buf_puts(b, "Article ");
		buf_putu(b, (unsigned long)counts[0]);
		return;
	}
	for (i = 0; i < level; i++) {
		if (i > 0)
			buf_putc(b, '.');
		buf_putu(b, (unsigned long)counts[i]);
	}
}

static void
collect_targets(struct docx_body *body, const struct doc *d)
{
	const struct doc_heading *h;
	struct buf label, word;
	int counts[3] = { 0, 0, 0 }, saved[3];
	size_t i, n = 0;

	for (i = 0; i < d->blocks.len; i++)
		if (d->blocks.v[i].kind == BLOCK_HEADING)
			n++;
	body->targets = xcalloc(n + 1, sizeof(*body->targets));
	buf_init(&label);
	buf_init(&word);
	for (i = 0; i < d->blocks.len; i++) {
		struct docx_target *t;

		if (d->blocks.v[i].kind != BLOCK_HEADING)
			continue;
		h = &d->blocks.v[i].u.heading;
		t = &body->targets[body->ntargets];
		t->anchor = h->anchor;
		t->bookmark = xasprintf("_Reflgc%zu", body->ntargets + 1);
		body->ntargets++;
		if (h->number == NULL)
			continue;
		buf_reset(&label);
		doc_heading_label(&label, h);
		t->label = xstrdup(buf_cstr(&label));
		memcpy(saved, counts, sizeof(saved));
		buf_reset(&word);
		word_label(&word, counts, h->level);
		/* Word's separator after "Article N" needs a title. */
		t->word_numbered = strcmp(buf_cstr(&word), t->label) == 0 &&
		    h->title.len > 0 && h->level >= 1 && h->level <= 3;
		if (!t->word_numbered)
			memcpy(counts, saved, sizeof(saved));
	}
	buf_free(&label);
	buf_free(&word);
}

static const struct docx_target *
find_target(const struct docx_body *body, const char *anchor)
{
	size_t i;

	for (i = 0; anchor != NULL && i < body->ntargets; i++)
		if (body->targets[i].anchor != NULL &&
		    strcmp(body->targets[i].anchor, anchor) == 0)
			return &body->targets[i];
	return NULL;
}

static void
run_props(struct buf *out, unsigned style, bool bold)
{
	if (style == 0 && !bold)
		return;
	buf_puts(out, "<w:rPr>");
	if ((style & STYLE_BOLD) || bold)
		buf_puts(out, "<w:b/><w:bCs/>");
	if (style & STYLE_ITALIC)
		buf_puts(out, "<w:i/><w:iCs/>");
	if (style & STYLE_DRAFT)
		buf_puts(out, "<w:highlight w:val=\"yellow\"/>");
	if (style & STYLE_SUPERSCRIPT)
		buf_puts(out, "<w:vertAlign w:val=\"superscript\"/>");
	buf_puts(out, "</w:rPr>");
}

/* LEN bytes of S as the content of runs already opened: a tab, a line
 * feed and a non-breaking hyphen are elements of their own in Word. */
/* The bytes run_text looks at twice: a tab, a line feed, the lead byte
 * of U+2011. */
static const bool run_special[256] = {
	['\t'] = true, ['\n'] = true, [0xE2] = true,
};

static void
run_text(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, start = 0;
	bool open = false;

	while (i <= len) {
		const char *el = NULL;
		size_t k = 1;

		/* Only a tab, a line feed or the lead byte of U+2011 is
		 * looked at twice. */
		if (i < len && !run_special[(unsigned char)s[i]]) {
			i++;
			continue;
		}
		if (i == len)
			el = "";
		else if (s[i] == '\t')
			el = "<w:tab/>";
		else if (s[i] == '\n')
			el = "<w:br/>";
		else if (len - i >= 3 && memcmp(s + i, NB_HYPHEN, 3) == 0) {
			el = "<w:noBreakHyphen/>";
			k = 3;
		}
		if (el == NULL) {
			i++;
			continue;
		}
		if (i > start) {
			buf_puts(out, "<w:t xml:space=\"preserve\">");
			xml_escape(out, s + start, i - start);
			buf_puts(out, "</w:t>");
			open = true;
		}
		buf_puts(out, el);
		i += k;
		start = i;
	}
	(void)open;
}

static void
run(struct buf *out, const char *s, size_t len, unsigned style, bool bold)
{
	if (len == 0)
		return;
	buf_puts(out, "<w:r>");
	run_props(out, style, bold);
	run_text(out, s, len);
	buf_puts(out, "</w:r>");
}

static void
run_str(struct buf *out, const char *s, unsigned style, bool bold)
{
	if (s != NULL)
		run(out, s, strlen(s), style, bold);
}

static char
lower_ascii(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether TEXT ends with LABEL, letters compared without case and a
 * space of the label matching a no-break one ("l'article 4" and
 * "Article 4"); *AT is then where. */
static bool
ends_with_label(const char *text, const char *label, size_t *at)
{
	size_t n = strlen(text), m = strlen(label);
	char c;

	if (m == 0)
		return false;
	while (m > 0) {
		if (n == 0)
			return false;
		if (label[m - 1] == ' ' && n >= 2 &&
		    memcmp(text + n - 2, NBSP, 2) == 0)
			n -= 2;
		else if (lower_ascii(text[n - 1]) == lower_ascii(label[m - 1]))
			n--;
		else
			return false;
		m--;
	}
	/* A whole word: "10" does not end with "0". */
	if (n > 0) {
		c = text[n - 1];
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z'))
			return false;
	}
	*at = n;
	return true;
}

/* A reference: TEXT before the number as it is, then a REF field to
 * the heading's bookmark, Word's number in full (\w) as a link (\h),
 * lowercased when lgc wrote it so; its result is lgc's text. */
static void
reference(struct buf *out, const struct doc_run *r,
    const struct docx_target *t)
{
	size_t at;
	const char *shown;
	bool lower;

	if (!t->word_numbered || !ends_with_label(r->text, t->label, &at)) {
		buf_puts(out, "<w:hyperlink w:anchor=\"");
		xml_escape_str(out, t->bookmark);
		buf_puts(out, "\" w:history=\"1\">");
		run_str(out, r->text, r->style, false);
		buf_puts(out, "</w:hyperlink>");
		return;
	}
	run(out, r->text, at, r->style, false);
	shown = r->text + at;
	lower = shown[0] != t->label[0];
	buf_puts(out, "<w:r>");
	run_props(out, r->style, false);
	buf_puts(out, "<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>");
	run_props(out, r->style, false);
	buf_puts(out, "<w:instrText xml:space=\"preserve\"> REF ");
	xml_escape_str(out, t->bookmark);
	buf_puts(out, lower ? " \\w \\h \\* Lower " : " \\w \\h ");
	buf_puts(out, "</w:instrText></w:r><w:r>");
	run_props(out, r->style, false);
	buf_puts(out, "<w:fldChar w:fldCharType=\"separate\"/></w:r>");
	run_str(out, shown, r->style, false);
	buf_puts(out, "<w:r>");
	run_props(out, r->style, false);
	buf_puts(out, "<w:fldChar w:fldCharType=\"end\"/></w:r>");
}

static void
runs(struct writer *w, const struct doc_runs *rs, bool bold)
{
	const struct doc_run *r;
	const struct docx_target *t;
	size_t i;

	for (i = 0; i < rs->len; i++) {
		r = &rs->v[i];
		if (r->line_break) {
			buf_puts(w->out, "<w:r><w:br/></w:r>");
			continue;
		}
		if (r->link != NULL &&
		    (t = find_target(w->body, r->link)) != NULL) {
			reference(w->out, r, t);
			continue;
		}
		run_str(w->out, r->text, r->style, bold);
	}
}

/* A paragraph's properties: STYLE, then what goes with it. */
struct para {
	const char	*style;
	bool		 keep_next;
	int		 num_id;	/* 0: none */
	int		 ilvl;
	int		 indent;	/* left indent in twips, or 0 */
	bool		 right;
	bool		 no_number;	/* numbering of the style taken off */
};

static void
para_open(struct buf *out, const struct para *p)
{
	buf_puts(out, "<w:p><w:pPr>");
	buf_puts(out, "<w:pStyle w:val=\"");
	buf_puts(out, p->style);
	buf_puts(out, "\"/>");
	if (p->keep_next)
		buf_puts(out, "<w:keepNext/>");
	if (p->num_id > 0) {
		buf_puts(out, "<w:numPr><w:ilvl w:val=\"");
		buf_putu(out, (unsigned long)p->ilvl);
		buf_puts(out, "\"/><w:numId w:val=\"");
		buf_putu(out, (unsigned long)p->num_id);
		buf_puts(out, "\"/></w:numPr>");
	} else if (p->no_number)
		buf_puts(out, "<w:numPr><w:ilvl w:val=\"0\"/>"
		    "<w:numId w:val=\"0\"/></w:numPr>");
	if (p->indent > 0) {
		buf_puts(out, "<w:ind w:left=\"");
		buf_putu(out, (unsigned long)p->indent);
		buf_puts(out, "\"/>");
	}
	if (p->right)
		buf_puts(out, "<w:jc w:val=\"right\"/>");
	buf_puts(out, "</w:pPr>");
}

static void	blocks(struct writer *, const struct doc_blocks *);

static void
heading(struct writer *w, const struct doc_heading *h)
{
	const struct docx_target *t = NULL;
	struct para p = { heading_style(w, h->level), false, 0, 0, 0, false,
	    false };
	unsigned id;

	t = find_target(w->body, h->anchor);
	/* The number given on the paragraph itself, not only by its style:
	 * a firm's heading style may number otherwise, or not at all. */
	if (t != NULL && t->word_numbered) {
		p.num_id = NUM_HEADINGS;
		p.ilvl = h->level - 1;
	} else
		p.no_number = true;
	para_open(w->out, &p);
	id = w->body->next_bookmark_id++;
	if (t != NULL) {
		buf_puts(w->out, "<w:bookmarkStart w:id=\"");
		buf_putu(w->out, id);
		buf_puts(w->out, "\" w:name=\"");
		xml_escape_str(w->out, t->bookmark);
		buf_puts(w->out, "\"/>");
	}
	if (t != NULL && !t->word_numbered && t->label != NULL) {
		run_str(w->out, t->label, 0, false);
		if (h->title.len > 0)
			run_str(w->out, h->level == 1 ? NBSP "\xe2\x80\x93 " :
			    " ", 0, false);
	} else if (t != NULL && t->word_numbered && h->level == 1)
		run_str(w->out, "\xe2\x80\x93 ", 0, false);
	runs(w, &h->title, false);
	if (t != NULL) {
		buf_puts(w->out, "<w:bookmarkEnd w:id=\"");
		buf_putu(w->out, id);
		buf_puts(w->out, "\"/>");
	}
	buf_puts(w->out, "</w:p>");
}

static void
paragraph(struct writer *w, const struct doc_runs *rs, enum doc_align align,
    const struct para *in_list)
{
	struct para p = { style(w, ROLE_BODY), false, 0, 0, 0, false, false };

	if (in_list != NULL)
		p = *in_list;
	switch (align) {
	case ALIGN_JUSTIFY:
		break;
	case ALIGN_RIGHT:
		p.right = true;
		break;
	}
	para_open(w->out, &p);
	runs(w, rs, false);
	buf_puts(w->out, "</w:p>");
}

static void
list(struct writer *w, const struct doc_list *l)
{
	struct docx_body *b = w->body;
	const struct doc_blocks *item;
	struct para p = { style(w, ROLE_LIST), false, 0, 0, 0, false, false };
	size_t i, j;
	int num_id = NUM_BULLETS, depth = w->list_depth + 1;

	if (depth > 8)
		depth = 8;
	if (l->ordered) {
		b->ordered_levels = xreallocarray(b->ordered_levels,
		    b->nordered + 1, sizeof(*b->ordered_levels));
		b->ordered_levels[b->nordered] = depth;
		num_id = NUM_FIRST_ORDERED + (int)b->nordered++;
	}
	w->list_depth = depth;
	for (i = 0; i < l->len; i++) {
		item = &l->items[i];
		p.num_id = num_id;
		p.ilvl = depth;
		p.indent = 0;
		if (item->len == 0 || item->v[0].kind != BLOCK_PARAGRAPH) {
			/* The item's number on a paragraph of its own. */
			para_open(w->out, &p);
			buf_puts(w->out, "</w:p>");
			p.num_id = 0;
			p.indent = 720 * (depth + 1);
		}
		for (j = 0; j < item->len; j++) {
			const struct doc_block *blk = &item->v[j];

			switch (blk->kind) {
			case BLOCK_PARAGRAPH:
				paragraph(w, &blk->u.paragraph, blk->align,
				    &p);
				break;
			case BLOCK_HEADING:
			case BLOCK_LIST:
			case BLOCK_SIGNATURES:
				blocks(w, &(struct doc_blocks){
				    (struct doc_block *)blk, 1 });
				break;
			}
			p.num_id = 0;
			p.indent = 720 * (depth + 1);
		}
	}
	w->list_depth = depth - 1;
}

static void
cell_para(struct writer *w, const char *text, bool bold, bool keep)
{
	struct para p = { style(w, ROLE_SIGNATURE), keep, 0, 0, 0, false,
	    false };

	para_open(w->out, &p);
	run_str(w->out, text, 0, bold);
	buf_puts(w->out, "</w:p>");
}

/* One party's column: as the HTML's, name, representative, the line
 * over the signing space, the space, the date. */
static void
party(struct writer *w, const struct doc_party *pt,
    const struct doc_signatures *s, bool keep)
{
	struct buf text;

	buf_init(&text);
	cell_para(w, pt->name, true, true);
	if (pt->representant != NULL && pt->representant[0] != '\0') {
		buf_printf(&text, "représentée par %s", pt->representant);
		if (pt->qualite != NULL && pt->qualite[0] != '\0')
			buf_printf(&text, ", %s", pt->qualite);
		cell_para(w, buf_cstr(&text), false, true);
	}
	buf_reset(&text);
	doc_signature_label(&text, s);
	buf_puts(&text, NBSP ":");
	cell_para(w, buf_cstr(&text), false, true);
	buf_printf(w->out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>"
	    "<w:keepNext/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" "
	    "w:space=\"1\" w:color=\"888888\"/></w:pBdr>"
	    "<w:spacing w:before=\"1100\"/></w:pPr></w:p>",
	    style(w, ROLE_SIGNATURE));
	cell_para(w, "Date" NBSP ":", false, keep);
	buf_free(&text);
}

/* The parties two by two in a table whose rows do not split, every
 * paragraph kept with the next but the last: the block stays on one
 * page, as in the PDF. */
static void
signatures(struct writer *w, const struct doc_signatures *s)
{
	struct para made = { style(w, ROLE_BODY), true, 0, 0, 0, false,
	    false };
	size_t i, cols = s->len < 2 ? 1 : 2;
	int width = TEXT_WIDTH / (int)cols;

	if (s->made.len > 0) {
		para_open(w->out, &made);
		runs(w, &s->made, false);
		buf_puts(w->out, "</w:p>");
	}
	if (s->len == 0)
		return;
	buf_printf(w->out, "<w:tbl><w:tblPr><w:tblStyle "
	    "w:val=\"%s\"/><w:tblW w:w=\"%d\" w:type=\"dxa\"/>"
	    "<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0000\"/>"
	    "</w:tblPr><w:tblGrid>", style(w, ROLE_TABLE), width * (int)cols);
	for (i = 0; i < cols; i++)
		buf_printf(w->out, "<w:gridCol w:w=\"%d\"/>", width);
	buf_puts(w->out, "</w:tblGrid>");
	for (i = 0; i < s->len; i += cols) {
		size_t c;

		buf_puts(w->out, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
		for (c = 0; c < cols; c++) {
			buf_printf(w->out, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" "
			    "w:type=\"dxa\"/></w:tcPr>", width);
			if (i + c < s->len)
				party(w, &s->parties[i + c], s,
				    i + cols < s->len);
			else
				buf_printf(w->out, "<w:p><w:pPr><w:pStyle "
				    "w:val=\"%s\"/></w:pPr></w:p>",
				    style(w, ROLE_SIGNATURE));
			buf_puts(w->out, "</w:tc>");
		}
		buf_puts(w->out, "</w:tr>");
	}
	/* Word needs a paragraph between a table and what follows. */
	buf_printf(w->out, "</w:tbl><w:p><w:pPr><w:pStyle w:val=\"%s\"/>"
	    "</w:pPr></w:p>", style(w, ROLE_NORMAL));
}

static void
blocks(struct writer *w, const struct doc_blocks *bs)
{
	const struct doc_block *b;
	size_t i;

	for (i = 0; i < bs->len; i++) {
		b = &bs->v[i];
		switch (b->kind) {
		case BLOCK_HEADING:
			heading(w, &b->u.heading);
			break;
		case BLOCK_PARAGRAPH:
			paragraph(w, &b->u.paragraph, b->align, NULL);
			break;
		case BLOCK_LIST:
			list(w, &b->u.list);
			break;
		case BLOCK_SIGNATURES:
			signatures(w, &b->u.signatures);
			break;
		}
	}
}

void
docx_body_write(struct docx_body *body, const struct doc *d,
    const struct docx_styles *styles, struct buf *out)
{
	struct writer w = { body, out, -1 };
	bool header = d->title != NULL && d->title[0] != '\0' && !d->letter;

	memset(body, 0, sizeof(*body));
	body->doc = d;
	body->styles = styles;
	collect_targets(body, d);
	buf_puts(out, DOCX_XML_DECL "<w:document xmlns:w=\"" DOCX_NS_W
	    "\" xmlns:r=\"" DOCX_NS_R "\"><w:body>");
	if (header) {
		buf_printf(out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>"
		    "</w:pPr>", styles->id[ROLE_TITLE]);
		run_str(out, d->title, 0, false);
		buf_puts(out, "</w:p>");
	}
	blocks(&w, &d->blocks);
	/* A4, the margins of lgc's PDF (2.5 cm all round: 1417 twips).
	 * As in lgc's PDF, the running title from the second page on
	 * (titlePg: the first page has its own header, none, and the
	 * same footer). */
	buf_puts(out, "<w:sectPr>");
	if (header)
		buf_puts(out, "<w:headerReference w:type=\"default\" "
		    "r:id=\"rIdEntete\"/>");
	buf_puts(out, "<w:footerReference w:type=\"default\" "
	    "r:id=\"rIdPied\"/>");
	if (header)
		buf_puts(out, "<w:footerReference w:type=\"first\" "
		    "r:id=\"rIdPied\"/>");
	buf_puts(out, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
	    "<w:pgMar w:top=\"1417\" w:right=\"1417\" w:bottom=\"1417\" "
	    "w:left=\"1417\" w:header=\"708\" w:footer=\"708\" "
	    "w:gutter=\"0\"/>");
	if (header)
		buf_puts(out, "<w:titlePg/>");
	buf_puts(out, "</w:sectPr></w:body></w:document>");
}

void
docx_body_free(struct docx_body *body)
{
	size_t i;

	for (i = 0; i < body->ntargets; i++) {
		free(body->targets[i].bookmark);
		free(body->targets[i].label);
	}
	free(body->targets);
	free(body->ordered_levels);
}
