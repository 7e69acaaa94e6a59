/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * LaTeX backend: the same walk over the document as the HTML one, one
 * function per block kind.  The output is meant to be kept and edited
 * by an agency, so the body only uses a handful of \lgc... commands
 * (headings, cross-references, signatures) that are defined with
 * \providecommand: a host document or a --preambule file may define
 * them first to change the layout.
 *
 * Every string from the document goes through latex_escape, since
 * names and texts are client data: nothing in them can become a TeX
 * command.  The .tex compiles with pdflatex (texlive-latex-base,
 * texlive-lang-french, lmodern), xelatex and lualatex.
 *
 * Characters: pdflatex stops with "Unicode character not set up" on
 * any code point its input encodings do not declare, and xelatex and
 * lualatex silently drop those the font lacks.  So latex_escape writes
 * as is only the code points checked to work in all three engines with
 * the default fonts (printable.c), maps spaces, dashes and invisible
 * characters to their LaTeX forms, and writes every other code point
 * as \lgcchar{HEX}{c}.  lgc decides at build time what the engines
 * will print: by default (--moteur pdflatex) the .tex is for all three
 * engines and any other code point is an error, once per value, with
 * the value's JSON path (the document's runs carry their origin); with
 * --moteur xelatex or lualatex, fontspec is loaded and each code point
 * Latin Modern lacks is set in a font fontconfig finds (\lgcpolice),
 * right-to-left scripts in \lgcrtl; what no installed font has is an
 * error.  A contract never comes out with codes in place of a name.
 * \lgcchar's own fallback, [U+HEX], is for hand-edited files.
 */
#include "format/latex.h"

#include <stdlib.h>
#include <string.h>

#include "format/backend.h"
#include "format/latex/render.h"

static void	render_blocks(struct lctx *, const struct doc_blocks *);

/* A \label name from a document anchor: letters, digits and '-' kept,
 * any other byte as .XX, so that distinct anchors stay distinct and
 * nothing in a name is special to TeX or babel. */
static void
put_label(struct buf *b, const char *anchor)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char c;

	buf_puts(b, "lgc-");
	for (; anchor != NULL && *anchor != '\0'; anchor++) {
		c = (unsigned char)*anchor;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-')
			buf_putc(b, (char)c);
		else {
			buf_putc(b, '.');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 0xF]);
		}
	}
}

static const struct doc_heading *
find_heading(const struct doc_blocks *bs, const char *anchor)
{
	const struct doc_heading *h;
	size_t i, j;

	for (i = 0; i < bs->len; i++) {
		switch (bs->v[i].kind) {
		case BLOCK_HEADING:
			h = &bs->v[i].u.heading;
			if (h->anchor != NULL && strcmp(h->anchor, anchor) == 0)
				return h;
			break;
		case BLOCK_LIST:
			for (j = 0; j < bs->v[i].u.list.len; j++)
				if ((h = find_heading(&bs->v[i].u.list.items[j],
				    anchor)) != NULL)
					return h;
			break;
		case BLOCK_PARAGRAPH:
		case BLOCK_SIGNATURES:
			break;
		}
	}
	return NULL;
}

/* A reference: its number comes from \ref, so that it follows the
 * heading's \lgcancre; the rest of the text is written as is. */
static void
render_link(struct lctx *c, const struct doc_run *r)
{
	const struct doc_heading *h = find_heading(&c->doc->blocks, r->link);
	size_t tlen = strlen(r->text), nlen;

	if (h == NULL || h->number == NULL ||
	    (nlen = strlen(h->number)) > tlen ||
	    strcmp(r->text + tlen - nlen, h->number) != 0) {
		/* Not a heading's number: keep the text, drop the link. */
		escape_str(c->esc, c->out, r->text);
		return;
	}
	buf_puts(c->out, "\\lgcrenvoi{");
	put_label(c->out, h->anchor);
	buf_puts(c->out, "}{");
	escape_text(c->esc, c->out, r->text, tlen - nlen);
	buf_puts(c->out, "}");
}

static void
style_open(struct buf *out, enum inline_style s)
{
	switch (s) {
	case INLINE_BOLD:
		buf_puts(out, "\\textbf{");
		break;
	case INLINE_ITALIC:
		buf_puts(out, "\\textit{");
		break;
	case INLINE_DRAFT:
		buf_puts(out, "\\lgcbrouillon{");
		break;
	case INLINE_SUP:
		buf_puts(out, "\\textsuperscript{");
		break;
	}
}

/* Runs share their open \textbf and \textit groups, outermost first,
 * as the HTML backend shares its elements. */
static void
render_runs(struct lctx *c, const struct doc_runs *rs)
{
	const struct doc_run *r;
	enum inline_style open[4] = { INLINE_BOLD, INLINE_BOLD, INLINE_BOLD,
	    INLINE_BOLD };
	enum inline_style want[4] = { INLINE_BOLD, INLINE_BOLD, INLINE_BOLD,
	    INLINE_BOLD };
	size_t nopen = 0, nwant, i, k;
	bool started = false;

	for (i = 0; i < rs->len; i++) {
		r = &rs->v[i];
		if (r->line_break) {
			/* \newline needs a line to end. */
			buf_puts(c->out, started ? "\\newline " :
			    "\\leavevmode\\newline ");
			started = true;
			continue;
		}
		nwant = 0;
		if (r->style & STYLE_BOLD)
			want[nwant++] = INLINE_BOLD;
		if (r->style & STYLE_ITALIC)
			want[nwant++] = INLINE_ITALIC;
		if (r->style & STYLE_DRAFT)
			want[nwant++] = INLINE_DRAFT;
		if (r->style & STYLE_SUPERSCRIPT)
			want[nwant++] = INLINE_SUP;
		for (k = 0; k < nopen && k < nwant; k++)
			if (open[k] != want[k])
				break;
		for (; nopen > k; nopen--)
			buf_putc(c->out, '}');
		for (; k < nwant; k++)
			style_open(c->out, want[k]);
		memcpy(open, want, sizeof(want));
		nopen = nwant;
		if (r->link != NULL)
			render_link(c, r);
		else
			escape_str(c->esc, c->out, r->text);
		report_bad(c->l, r->origin, "le texte", r->text);
		started = true;
	}
	for (; nopen > 0; nopen--)
		buf_putc(c->out, '}');
}

static void
render_paragraph(struct lctx *c, const struct doc_runs *rs)
{
	if (rs->len == 0)
		return;
	render_runs(c, rs);
	buf_puts(c->out, "\n\n");
}

/* A bookmark's text: the heading's label and title as plain text, with
 * the separator lgc's PDF puts between them. */
static void
put_bookmark(struct esc *e, struct buf *b, const struct buf *label,
    const struct doc_runs *title, bool article)
{
	size_t i;
	bool any = false;

	for (i = 0; i < title->len; i++)
		if (!title->v[i].line_break && title->v[i].text[0] != '\0')
			any = true;
	escape_text(e, b, label->data, label->len);
	if (label->len > 0 && any)
		buf_puts(b, article ? " \\textendash{} " : " ");
	for (i = 0; i < title->len; i++)
		if (title->v[i].line_break)
			buf_putc(b, ' ');
		else
			escape_str(e, b, title->v[i].text);
}

static void
render_heading(struct lctx *c, const struct doc_heading *h)
{
	struct buf label;

	buf_init(&label);
	doc_heading_label(&label, h);
	/* The outline of lgc's own PDF: "Article 1 – Objet", "3.2 Détail". */
	buf_printf(c->out, "\\lgcsignet{%d}{", h->level <= 1 ? 1 :
	    h->level == 2 ? 2 : 3);
	put_bookmark(c->esc, c->out, &label, &h->title, h->level <= 1);
	/* Reported with the title itself. */
	c->esc->nbad = 0;
	c->esc->more_bad = false;
	buf_puts(c->out, "}{");
	put_label(c->out, h->anchor);
	buf_puts(c->out, "}\n");
	buf_puts(c->out, h->level <= 1 ? "\\lgcarticle{" :
	    h->level == 2 ? "\\lgcsousarticle{" : "\\lgcsoussousarticle{");
	escape_text(c->esc, c->out, label.data, label.len);
	buf_puts(c->out, "}{");
	escape_str(c->esc, c->out, h->number);
	buf_puts(c->out, "}{");
	put_label(c->out, h->anchor);
	buf_puts(c->out, "}{");
	render_runs(c, &h->title);
	buf_puts(c->out, "}\n\n");
	buf_free(&label);
}

/* An item's blocks: a first paragraph on the \item line, the others
 * after it as paragraphs of the item. */
static void
render_item(struct lctx *c, const struct doc_blocks *item)
{
	size_t first = 0;

	if (item->len > 0 && item->v[0].kind == BLOCK_PARAGRAPH &&
	    item->v[0].u.paragraph.len > 0) {
		render_runs(c, &item->v[0].u.paragraph);
		first = 1;
	}
	buf_puts(c->out, "\n");
	if (first < item->len) {
		struct doc_blocks rest;

		buf_puts(c->out, "\n");
		rest = *item;
		rest.v += first;
		rest.len -= first;
		render_blocks(c, &rest);
	}
}

/*
 * LaTeX nests itemize and enumerate four deep each, and lists six deep
 * in all; deeper lists would stop the compile ("Too deeply nested"),
 * so their items become paragraphs with the marker written out.
 */
static void
render_list(struct lctx *c, const struct doc_list *l)
{
	const char *env = l->ordered ? "enumerate" : "itemize";
	int *open = l->ordered ? &c->enumerate : &c->itemize;
	size_t i;

	if (l->len == 0)
		return;
	if (*open >= 4 || c->itemize + c->enumerate >= 6) {
		for (i = 0; i < l->len; i++) {
			if (l->ordered)
				buf_printf(c->out, "\\par\\noindent %zu.~",
				    i + 1);
			else
				buf_puts(c->out,
				    "\\par\\noindent\\textendash~");
			render_item(c, &l->items[i]);
		}
		buf_puts(c->out, "\\par\n\n");
		return;
	}
	(*open)++;
	buf_printf(c->out, "\\begin{%s}\n", env);
	for (i = 0; i < l->len; i++) {
		buf_puts(c->out, "\\item ");
		render_item(c, &l->items[i]);
	}
	buf_printf(c->out, "\\end{%s}\n\n", env);
	(*open)--;
}

static void
render_party(struct lctx *c, const struct doc_party *p,
    const struct doc_signatures *s)
{
	struct buf label;

	buf_puts(c->out, s->mention != NULL ? "\\lgcpartiemention{" :
	    "\\lgcpartie{");
	escape_str(c->esc, c->out, p->name);
	report_field(c->l, p->origin, "nom", p->name);
	buf_puts(c->out, "}{");
	if (p->representant != NULL && p->representant[0] != '\0') {
		buf_puts(c->out, "repr\xc3\xa9sent\xc3\xa9" "e par ");
		escape_str(c->esc, c->out, p->representant);
		report_field(c->l, p->origin, "representant", p->representant);
		if (p->qualite != NULL && p->qualite[0] != '\0') {
			buf_puts(c->out, ", ");
			escape_str(c->esc, c->out, p->qualite);
			report_field(c->l, p->origin, "qualite", p->qualite);
		}
	}
	buf_puts(c->out, "}");
	if (s->mention != NULL) {
		buf_init(&label);
		doc_signature_label(&label, s);
		buf_puts(c->out, "{");
		escape_str(c->esc, c->out, buf_cstr(&label));
		report_bad(c->l, NULL, "la mention", buf_cstr(&label));
		buf_puts(c->out, "}");
		buf_free(&label);
	}
}

/* Two parties a row, the whole block in one unbreakable box. */
static void
render_signatures(struct lctx *c, const struct doc_signatures *s)
{
	size_t i;

	if (s->len == 0)
		return;
	buf_puts(c->out, "\\lgcsignatures{%\n");
	if (s->made.len > 0) {
		buf_puts(c->out, "\\lgcfait{");
		render_runs(c, &s->made);
		buf_puts(c->out, "}\n");
	}
	for (i = 0; i < s->len; i++) {
		if (i > 0 && i % 2 == 0)
			buf_puts(c->out, "\\bigskip\n");
		render_party(c, &s->parties[i], s);
		buf_puts(c->out, i % 2 == 0 && i + 1 < s->len ? "\\hfill\n" :
		    "\\par\n");
	}
	buf_puts(c->out, "}\n\n");
}

static void
render_block(struct lctx *c, const struct doc_block *b)
{
	switch (b->kind) {
	case BLOCK_HEADING:
		render_heading(c, &b->u.heading);
		break;
	case BLOCK_PARAGRAPH:
		switch (b->align) {
		case ALIGN_JUSTIFY:
			render_paragraph(c, &b->u.paragraph);
			break;
		case ALIGN_RIGHT:
			buf_puts(c->out, "\\lgcdroite{");
			render_runs(c, &b->u.paragraph);
			buf_puts(c->out, "}\n\n");
			break;
		}
		break;
	case BLOCK_LIST:
		render_list(c, &b->u.list);
		break;
	case BLOCK_SIGNATURES:
		render_signatures(c, &b->u.signatures);
		break;
	}
}

static void
render_blocks(struct lctx *c, const struct doc_blocks *bs)
{
	size_t i;

	for (i = 0; i < bs->len; i++)
		render_block(c, &bs->v[i]);
}

static void
render_body(struct lctx *c)
{
	if (c->doc->title != NULL && c->doc->title[0] != '\0' &&
	    !c->doc->letter) {
		buf_puts(c->out, "\\lgctitre{");
		escape_str(c->esc, c->out, c->doc->title);
		report_bad(c->l, NULL, "le titre", c->doc->title);
		buf_puts(c->out, "}\n\n");
	}
	render_blocks(c, &c->doc->blocks);
}

static void *
latex_new(const struct render_opts *opts, struct diags *ds)
{
	const struct option_value *preamble = render_option(opts, "preambule");
	const struct option_value *engine = render_option(opts, "moteur");
	bool fragment = render_flag(opts, "fragment");
	bool unicode = false;
	struct latex *l;

	if (engine != NULL && engine->text != NULL) {
		if (strcmp(engine->text, "xelatex") == 0 ||
		    strcmp(engine->text, "lualatex") == 0)
			unicode = true;
		else if (strcmp(engine->text, "pdflatex") != 0) {
			if (ds != NULL)
				diag(ds, F_USAGE, NULL, "--moteur : "
				    "\xc2\xab pdflatex \xc2\xbb, \xc2\xab xelatex "
				    "\xc2\xbb ou \xc2\xab lualatex \xc2\xbb attendu");
			return NULL;
		}
	}

	/* A fragment has no preamble to replace. */
	if (preamble != NULL && !fragment &&
	    memchr(preamble->text, '\0', preamble->len) != NULL) {
		if (ds != NULL)
			diag(ds, F_RENDER, NULL, "le pr\xc3\xa9"
			    "ambule contient un octet nul");
		return NULL;
	}
	l = xcalloc(1, sizeof(*l));
	l->fragment = fragment;
	l->ds = ds;
	l->esc.unicode = unicode;
	l->esc.open = -1;
	l->generator = xstrdup(opts != NULL && opts->generator != NULL ?
	    opts->generator : "lgc");
	if (preamble != NULL && !fragment)
		l->preamble = xstrdup(preamble->text);
	return l;
}

/* The body first: it finds the fonts that the preamble declares.  A
 * character that cannot be printed fails the render, after every value
 * holding one was reported. */
static bool
latex_render(void *state, const struct doc *d, struct buf *out)
{
	struct latex *l = state;
	struct lctx c;
	struct buf body;

	buf_init(&body);
	memset(&c, 0, sizeof(c));
	c.out = &body;
	c.doc = d;
	c.l = l;
	c.esc = &l->esc;
	render_body(&c);
	render_comment(l, out);
	if (l->fragment) {
		buf_puts(out, lgc_commands);
		if (doc_letter_layout(&d->blocks))
			buf_puts(out, letter_commands);
		if (l->esc.unicode)
			render_fonts(l, out);
		buf_putc(out, '\n');
	} else {
		if (l->preamble != NULL)
			render_custom_preamble(l, d, out);
		else
			render_preamble(l, d, out);
		/* The title in the preamble was reported in the body. */
		l->esc.nbad = 0;
		if (l->esc.unicode)
			render_fonts(l, out);
		buf_puts(out, lgc_commands);
		if (doc_letter_layout(&d->blocks))
			buf_puts(out, letter_commands);
		buf_puts(out, "\n\\begin{document}\n\n");
	}
	put_tex_lines(out, body.data != NULL ? body.data : "", body.len);
	buf_free(&body);
	/* Read back by "Page X sur Y". */
	if (!l->fragment)
		buf_puts(out, "\\label{lgc-derniere-page}\n\\end{document}\n");
	return !l->failed;
}

static void
latex_free(void *state)
{
	struct latex *l = state;
	size_t i;

	if (l == NULL)
		return;
	free(l->preamble);
	free(l->generator);
	for (i = 0; i < l->esc.nfamilies; i++)
		free(l->esc.families[i].name);
	free(l->esc.families);
	free(l->esc.cache);
	if (l->esc.main != NULL)
		FcCharSetDestroy(l->esc.main);
	if (l->esc.fc != NULL)
		FcConfigDestroy(l->esc.fc);
	for (i = 0; i < l->reported.len; i++)
		free(l->reported.items[i]);
	ptrvec_free(&l->reported);
	free(l);
}

static const char *const latex_extensions[] = { ".tex", NULL };

static const struct backend_option latex_options[] = {
	{ .name = "fragment", .kind = OPTION_FLAG,
	  .help = "LaTeX : le corps seul, sans pr\xc3\xa9" "ambule" },
	{ .name = "preambule", .kind = OPTION_FILE, .arg = "FICHIER",
	  .help = "LaTeX : remplace le pr\xc3\xa9" "ambule par FICHIER",
	  .what = "pr\xc3\xa9" "ambule", .unless = "fragment" },
	{ .name = "moteur", .kind = OPTION_TEXT, .arg = "MOTEUR",
	  .help = "LaTeX : pdflatex (d\xc3\xa9" "faut, les trois moteurs), "
	  "xelatex ou lualatex (toute \xc3\xa9" "criture)" },
	{ .name = NULL }
};

const struct backend latex_backend = {
	.name = "latex",
	.description = "source LaTeX (pdflatex, xelatex ou lualatex)",
	.extensions = latex_extensions,
	.options = latex_options,
	.new = latex_new,
	.render = latex_render,
	.free = latex_free,
};
