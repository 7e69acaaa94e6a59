/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "format/html.h"

#include "format/backend.h"

#include <stdlib.h>
#include <string.h>

/*
 * HTML5 backend: one recursive walk over the document, one function per
 * block kind.  Every string that comes from the document goes through
 * html_escape, since names and texts are client data.
 */

struct html {
	bool	 fragment;
	char	*generator;
};

enum inline_tag {
	TAG_LINK,
	TAG_STRONG,
	TAG_EM,
	TAG_MARK,
	TAG_SUP
};

/* Open inline elements, outermost first, always in the order of
 * enum inline_tag so that adjacent runs share what they can. */
struct tags {
	enum inline_tag	 v[5];
	size_t		 len;
	const char	*href;
};

/*
 * The page's stylesheet, for the screen and for "Imprimer" in a browser.
 * Printed, each page says "Page X sur Y" at its foot, as lgc's PDF and
 * LaTeX do (margin boxes of @page, Chromium 131 and later).  The section
 * that holds the signatures is kept on one page when it fits, heading
 * included, and the block never starts a page alone.  The parties'
 * signature lines are level however many lines name each party: each
 * column is a flex column whose "Signature :" takes the spare height
 * above it.  Text is hyphenated in French (lang="fr"); numbers in
 * digit groups and references stay on one line, since the document
 * model joins them with no-break spaces and hyphens (doc/build.c).
 */
static const char page_css[] =
"body {\n"
"  margin: 0;\n"
"  color: #111;\n"
"  background: #fff;\n"
"  font-family: \"Linux Libertine\", \"Libertinus Serif\", Georgia, \"Times New Roman\", serif;\n"
"  font-size: 1.05rem;\n"
"  line-height: 1.55;\n"
"}\n"
"main.contrat {\n"
"  max-width: 42em;\n"
"  margin: 0 auto;\n"
"  padding: 2.5em 1.5em 4em;\n"
"}\n"
"h1 {\n"
"  margin: 0 0 1.5em;\n"
"  font-size: 1.6em;\n"
"  line-height: 1.25;\n"
"  text-align: center;\n"
"}\n"
"h2, h3, h4 {\n"
"  line-height: 1.3;\n"
"  break-after: avoid;\n"
"  page-break-after: avoid;\n"
"}\n"
"h2 { margin: 1.8em 0 0.6em; font-size: 1.2em; }\n"
"h3 { margin: 1.4em 0 0.5em; font-size: 1.05em; }\n"
"h4 { margin: 1.2em 0 0.4em; font-size: 1em; font-style: italic; }\n"
"mark.brouillon { background: #fff3a8; color: #5a4300; padding: 0 0.15em; }\n"
"p, li {\n"
"  text-align: justify;\n"
"  -webkit-hyphens: auto;\n"
"  hyphens: auto;\n"
"  hyphenate-limit-chars: 6 3 3;\n"
"  overflow-wrap: break-word;\n"
"}\n"
"p {\n"
"  margin: 0 0 0.8em;\n"
"  orphans: 3;\n"
"  widows: 3;\n"
"}\n"
"ul, ol { margin: 0 0 0.8em; padding-left: 1.8em; }\n"
"li > p { margin-bottom: 0.4em; }\n"
"a { color: inherit; }\n"
"section:has(> .signatures) {\n"
"  break-inside: avoid;\n"
"  page-break-inside: avoid;\n"
"}\n"
".signatures {\n"
"  display: flex;\n"
"  flex-wrap: wrap;\n"
"  gap: 2em;\n"
"  margin-top: 3em;\n"
"  break-before: avoid;\n"
"  page-break-before: avoid;\n"
"  break-inside: avoid;\n"
"  page-break-inside: avoid;\n"
"}\n"
".signature {\n"
"  flex: 1 1 15em;\n"
"  display: flex;\n"
"  flex-direction: column;\n"
"  break-inside: avoid;\n"
"  page-break-inside: avoid;\n"
"}\n"
".signature p { margin: 0 0 0.4em; text-align: left; }\n"
".signature .signer { margin-top: auto; padding-top: 0.6em; }\n"
".zone-signature {\n"
"  height: 5em;\n"
"  margin: 0.3em 0 0.8em;\n"
"  border-bottom: 1px solid #888;\n"
"}\n"
"@page {\n"
"  size: A4;\n"
"  margin: 2.5cm 2cm;\n"
"  @bottom-center {\n"
"    content: \"Page \" counter(page) \" sur \" counter(pages);\n"
"    font-family: \"Linux Libertine\", \"Libertinus Serif\", Georgia, \"Times New Roman\", serif;\n"
"    font-size: 9pt;\n"
"    color: #444;\n"
"  }\n"
"}\n"
"@media print {\n"
"  body { font-size: 11pt; }\n"
"  main.contrat { max-width: none; padding: 0; }\n"
"  a { color: inherit; text-decoration: none; }\n"
"  section.article { break-before: auto; }\n"
"}\n";

/* Only in a page that uses it, so that a contract's page stays as it
 * was: a letter's place and date flush right, « Fait à … » above the
 * signatures. */
static const char letter_css[] =
"p.droite {\n"
"  text-align: right;\n"
"  -webkit-hyphens: manual;\n"
"  hyphens: manual;\n"
"  margin-bottom: 2em;\n"
"}\n"
"p.fait {\n"
"  margin: 2.5em 0 0;\n"
"  text-align: left;\n"
"  break-after: avoid;\n"
"  page-break-after: avoid;\n"
"}\n"
"p.fait + .signatures { margin-top: 1.5em; }\n";

/* The characters html_escape replaces: the text between them is copied
 * whole, most of a contract. */
static const unsigned char html_special[256] = {
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
};

/* The entity of C, one of html_special. */
static void
put_entity(struct buf *b, char c)
{
	switch (c) {
	case '&':
		buf_put(b, "&amp;", 5);
		break;
	case '<':
		buf_put(b, "&lt;", 4);
		break;
	case '>':
		buf_put(b, "&gt;", 4);
		break;
	case '"':
		buf_put(b, "&quot;", 6);
		break;
	default:
		buf_put(b, "&#39;", 5);
		break;
	}
}

void
html_escape(struct buf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start;

	while (i < len) {
		for (start = i; i < len && !html_special[u[i]]; i++)
			;
		buf_put(b, s + start, i - start);
		if (i == len)
			break;
		put_entity(b, s[i++]);
	}
}

/* html_escape for a whole string: its plain stretches are found by
 * strcspn, which the C library runs many bytes at a time. */
static void
escape_cstr(struct buf *b, const char *s)
{
	size_t n;

	for (;;) {
		n = strcspn(s, "&<>\"'");
		buf_put(b, s, n);
		if (s[n] == '\0')
			return;
		put_entity(b, s[n]);
		s += n + 1;
	}
}

static void
escape_str(struct buf *b, const char *s)
{
	if (s != NULL)
		html_escape(b, s, strlen(s));
}

#define NB_HYPHEN	"\xe2\x80\x91"

/* The first U+2011 in [S, END), or NULL: its lead byte is looked for
 * by memchr, which the C library runs many bytes at a time, and most
 * texts hold none, or only the ’ that shares it. */
static const char *
find_nb_hyphen(const char *s, const char *end)
{
	const char *p = s;

	while ((p = memchr(p, 0xE2, (size_t)(end - p))) != NULL) {
		if (end - p >= 3 && p[1] == '\x80' && p[2] == '\x91')
			return p;
		p++;
	}
	return NULL;
}

/* Text of the contract.  A word holding U+2011 (a reference such as
 * "LM-2027-0042", see doc/build.c) is printed with plain hyphens in a
 * span that no line may break: the fonts of the page need not have the
 * non-breaking hyphen, and a copied reference stays plain text. */
static void
escape_text(struct buf *b, const char *s)
{
	const char *end, *hy, *w, *we, *at;

	if (s == NULL)
		return;
	end = s + strlen(s);
	/* Most text holds no such word: escaped in one go (a space is
	 * escaped as itself).  Else the words, cut at spaces, that hold
	 * one are spanned, and the text between them escaped whole. */
	while ((hy = find_nb_hyphen(s, end)) != NULL) {
		for (w = hy; w > s && w[-1] != ' '; w--)
			;
		for (we = hy; we < end && *we != ' '; we++)
			;
		html_escape(b, s, (size_t)(w - s));
		buf_puts(b, "<span style=\"white-space: nowrap\">");
		for (at = w; hy != NULL; hy = find_nb_hyphen(at, we)) {
			html_escape(b, at, (size_t)(hy - at));
			buf_putc(b, '-');
			at = hy + 3;
		}
		html_escape(b, at, (size_t)(we - at));
		buf_puts(b, "</span>");
		s = we;
	}
	escape_cstr(b, s);
}

/* Text where no element may go (<title>): the hyphens of a reference
 * are plain, as a browser's tab or bookmark would copy them. */
static void
escape_plain(struct buf *b, const char *s)
{
	const char *hy;

	while ((hy = strstr(s, NB_HYPHEN)) != NULL) {
		html_escape(b, s, (size_t)(hy - s));
		buf_putc(b, '-');
		s = hy + 3;
	}
	html_escape(b, s, strlen(s));
}

/* Two spaces a level, put in pieces of up to 32 levels. */
static void
indent(struct buf *out, int depth)
{
	static const char spaces[] = "                                "
	    "                                ";
	size_t n = depth > 0 ? (size_t)depth * 2 : 0, k;

	for (; n > 0; n -= k) {
		k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		buf_put(out, spaces, k);
	}
}

static void
tag_open(struct buf *out, enum inline_tag t, const char *href)
{
	switch (t) {
	case TAG_LINK:
		buf_puts(out, "<a href=\"#");
		escape_str(out, href);
		buf_puts(out, "\">");
		break;
	case TAG_STRONG:
		buf_puts(out, "<strong>");
		break;
	case TAG_EM:
		buf_puts(out, "<em>");
		break;
	case TAG_MARK:
		buf_puts(out, "<mark class=\"brouillon\">");
		break;
	case TAG_SUP:
		buf_puts(out, "<sup>");
		break;
	}
}

static void
tag_close(struct buf *out, enum inline_tag t)
{
	switch (t) {
	case TAG_LINK:
		buf_puts(out, "</a>");
		break;
	case TAG_STRONG:
		buf_puts(out, "</strong>");
		break;
	case TAG_EM:
		buf_puts(out, "</em>");
		break;
	case TAG_MARK:
		buf_puts(out, "</mark>");
		break;
	case TAG_SUP:
		buf_puts(out, "</sup>");
		break;
	}
}

static void
render_runs(struct buf *out, const struct doc_runs *rs)
{
	const struct doc_run *r;
	struct tags open = { { TAG_LINK, TAG_LINK, TAG_LINK, TAG_LINK,
	    TAG_LINK }, 0, NULL };
	struct tags want;
	size_t i, k;

	for (i = 0; i < rs->len; i++) {
		r = &rs->v[i];
		if (r->line_break) {
			buf_puts(out, "<br>");
			continue;
		}
		want.len = 0;
		want.href = r->link;
		if (r->link != NULL)
			want.v[want.len++] = TAG_LINK;
		if (r->style & STYLE_BOLD)
			want.v[want.len++] = TAG_STRONG;
		if (r->style & STYLE_ITALIC)
			want.v[want.len++] = TAG_EM;
		if (r->style & STYLE_DRAFT)
			want.v[want.len++] = TAG_MARK;
		if (r->style & STYLE_SUPERSCRIPT)
			want.v[want.len++] = TAG_SUP;
		for (k = 0; k < open.len && k < want.len; k++)
			if (open.v[k] != want.v[k] || (open.v[k] == TAG_LINK &&
			    strcmp(open.href, want.href) != 0))
				break;
		while (open.len > k)
			tag_close(out, open.v[--open.len]);
		for (; k < want.len; k++)
			tag_open(out, want.v[k], want.href);
		open = want;
		escape_text(out, r->text);
	}
	while (open.len > 0)
		tag_close(out, open.v[--open.len]);
}

/* --provenance: the blocks' sources (doc.h), taken in document order
 * as the blocks are written; none without the option. */
struct sources {
	char *const	*v;
	size_t		 len;
	size_t		 next;
};

/* The next block's source as a data-source attribute, which the
 * page's button shows on hover. */
static void
source_attr(struct buf *out, struct sources *src)
{
	if (src->v == NULL)
		return;
	if (src->next < src->len && src->v[src->next][0] != '\0') {
		buf_puts(out, " data-source=\"");
		escape_str(out, src->v[src->next]);
		buf_putc(out, '"');
	}
	src->next++;
}

/* The page's button that shows each block's source on hover, its
 * style and script in the page: nothing is fetched, nothing printed. */
static const char provenance_css[] =
"#lgc-provenance {\n"
"  position: fixed; top: 0.5rem; right: 0.5rem; z-index: 20;\n"
"  font: 0.8rem sans-serif; padding: 0.2em 0.6em;\n"
"}\n"
"body.lgc-provenance [data-source]:hover {\n"
"  position: relative; outline: 1px dashed #8a6d00;\n"
"}\n"
"body.lgc-provenance [data-source]:hover::after {\n"
"  content: attr(data-source); position: absolute; left: 0; top: 100%;\n"
"  z-index: 10; max-width: 40em; padding: 0.2em 0.4em;\n"
"  font: normal 0.75rem/1.3 monospace; text-align: left;\n"
"  color: #222; background: #fff8d6; border: 1px solid #8a6d00;\n"
"}\n"
"@media print { #lgc-provenance { display: none; } }\n";

static const char provenance_button[] =
"<button id=\"lgc-provenance\" type=\"button\" aria-pressed=\"false\" "
"title=\"Montrer d\xe2\x80\x99o\xc3\xb9 vient chaque bloc au survol\">"
"Provenance</button>\n"
"<script>\n"
"document.getElementById(\"lgc-provenance\").addEventListener(\"click\",\n"
"  function () {\n"
"    var on = document.body.classList.toggle(\"lgc-provenance\");\n"
"    this.setAttribute(\"aria-pressed\", on ? \"true\" : \"false\");\n"
"  });\n"
"</script>\n";

static void	render_blocks(struct buf *, const struct doc_blocks *, int,
		    struct sources *);

static void
render_paragraph(struct buf *out, const struct doc_runs *rs,
    enum doc_align align, int depth, struct sources *src)
{
	indent(out, depth);
	switch (align) {
	case ALIGN_JUSTIFY:
		buf_puts(out, "<p");
		break;
	case ALIGN_RIGHT:
		buf_puts(out, "<p class=\"droite\"");
		break;
	}
	source_attr(out, src);
	buf_putc(out, '>');
	render_runs(out, rs);
	buf_puts(out, "</p>\n");
}

/* B back to its first LEN bytes (B holds more). */
static void
cut_to(struct buf *b, size_t len)
{
	b->len = len;
	b->data[len] = '\0';
}

static void
render_heading(struct buf *out, const struct doc_heading *h, int depth,
    struct sources *src)
{
	int n = h->level < 1 ? 2 : h->level > 3 ? 4 : h->level + 1;
	size_t span, at, i;

	indent(out, depth);
	buf_puts(out, "<h");
	buf_putc(out, (char)('0' + n));
	source_attr(out, src);
	buf_putc(out, '>');
	/* The label is written in place after its span's tag, which goes
	 * again when there is no label; escaped only if it needs it (a
	 * number is digits and dots). */
	span = out->len;
	buf_puts(out, "<span class=\"numero\">");
	at = out->len;
	doc_heading_label(out, h);
	if (out->len == at)
		cut_to(out, span);
	else {
		for (i = at; i < out->len &&
		    !html_special[(unsigned char)out->data[i]]; i++)
			;
		if (i < out->len) {
			char *label = xstrndup(out->data + at, out->len - at);
			size_t len = out->len - at;

			cut_to(out, at);
			html_escape(out, label, len);
			free(label);
		}
		buf_puts(out, "</span>");
		if (h->title.len > 0)
			buf_puts(out, h->level == 1 ? NBSP "\xe2\x80\x93 " : " ");
	}
	render_runs(out, &h->title);
	buf_puts(out, "</h");
	buf_putc(out, (char)('0' + n));
	buf_puts(out, ">\n");
}

static void
render_list(struct buf *out, const struct doc_list *l, int depth,
    struct sources *src)
{
	const struct doc_blocks *item;
	const char *tag = l->ordered ? "ol" : "ul";
	size_t i;

	indent(out, depth);
	buf_putc(out, '<');
	buf_puts(out, tag);
	buf_puts(out, ">\n");
	for (i = 0; i < l->len; i++) {
		item = &l->items[i];
		indent(out, depth + 1);
		if (item->len == 0) {
			buf_puts(out, "<li></li>\n");
			continue;
		}
		if (item->len == 1 && item->v[0].kind == BLOCK_PARAGRAPH) {
			buf_puts(out, "<li");
			source_attr(out, src);
			buf_putc(out, '>');
			render_runs(out, &item->v[0].u.paragraph);
			buf_puts(out, "</li>\n");
			continue;
		}
		buf_puts(out, "<li>\n");
		render_blocks(out, item, depth + 2, src);
		indent(out, depth + 1);
		buf_puts(out, "</li>\n");
	}
	indent(out, depth);
	buf_puts(out, "</");
	buf_puts(out, tag);
	buf_puts(out, ">\n");
}

static void
render_party(struct buf *out, const struct doc_party *p,
    const struct doc_signatures *s, int depth)
{
	struct buf label;

	indent(out, depth);
	buf_puts(out, "<div class=\"signature\">\n");
	indent(out, depth + 1);
	buf_puts(out, "<p class=\"partie\"><strong>");
	escape_text(out, p->name);
	buf_puts(out, "</strong></p>\n");
	if (p->representant != NULL && p->representant[0] != '\0') {
		indent(out, depth + 1);
		buf_puts(out, "<p class=\"representant\">représentée par ");
		escape_text(out, p->representant);
		if (p->qualite != NULL && p->qualite[0] != '\0') {
			buf_puts(out, ", ");
			escape_text(out, p->qualite);
		}
		buf_puts(out, "</p>\n");
	}
	indent(out, depth + 1);
	buf_init(&label);
	doc_signature_label(&label, s);
	buf_puts(out, "<p class=\"mention signer\">");
	escape_text(out, buf_cstr(&label));
	buf_puts(out, NBSP ":</p>\n");
	buf_free(&label);
	indent(out, depth + 1);
	buf_puts(out, "<div class=\"zone-signature\"></div>\n");
	indent(out, depth + 1);
	buf_puts(out, "<p class=\"mention\">Date" NBSP ":</p>\n");
	indent(out, depth);
	buf_puts(out, "</div>\n");
}

static void
render_signatures(struct buf *out, const struct doc_signatures *s, int depth,
    struct sources *src)
{
	size_t i;

	if (s->made.len > 0) {
		indent(out, depth);
		buf_puts(out, "<p class=\"fait\">");
		render_runs(out, &s->made);
		buf_puts(out, "</p>\n");
	}
	indent(out, depth);
	buf_puts(out, "<div class=\"signatures\"");
	source_attr(out, src);
	buf_puts(out, ">\n");
	for (i = 0; i < s->len; i++)
		render_party(out, &s->parties[i], s, depth + 1);
	indent(out, depth);
	buf_puts(out, "</div>\n");
}

static void
render_block(struct buf *out, const struct doc_block *b, int depth,
    struct sources *src)
{
	switch (b->kind) {
	case BLOCK_HEADING:
		render_heading(out, &b->u.heading, depth, src);
		break;
	case BLOCK_PARAGRAPH:
		render_paragraph(out, &b->u.paragraph, b->align, depth, src);
		break;
	case BLOCK_LIST:
		render_list(out, &b->u.list, depth, src);
		break;
	case BLOCK_SIGNATURES:
		render_signatures(out, &b->u.signatures, depth, src);
		break;
	}
}

static void
render_blocks(struct buf *out, const struct doc_blocks *bs, int depth,
    struct sources *src)
{
	size_t i;

	for (i = 0; i < bs->len; i++)
		render_block(out, &bs->v[i], depth, src);
}

static const char *
section_class(const struct doc_heading *h)
{
	switch (h->level) {
	case 1:
		return h->number != NULL ? "article" : "article non-numerote";
	case 2:
		return h->number != NULL ? "sous-article" :
		    "sous-article non-numerote";
	default:
		return h->number != NULL ? "sous-sous-article" :
		    "sous-sous-article non-numerote";
	}
}

/* Top level: each heading opens a section that lasts until a heading
 * of the same or a higher level. */
static void
render_body(struct buf *out, const struct doc *d, int depth)
{
	const struct doc_block *b;
	const struct doc_heading *h;
	struct sources src = { d->sources, d->nsources, 0 };
	int open[3];
	size_t i, n = 0;

	for (i = 0; i < d->blocks.len; i++) {
		b = &d->blocks.v[i];
		if (b->kind != BLOCK_HEADING) {
			render_block(out, b, depth + (int)n, &src);
			continue;
		}
		h = &b->u.heading;
		while (n > 0 && (open[n - 1] >= h->level ||
		    n == sizeof(open) / sizeof(open[0]))) {
			n--;
			indent(out, depth + (int)n);
			buf_puts(out, "</section>\n");
		}
		indent(out, depth + (int)n);
		buf_puts(out, "<section class=\"");
		buf_puts(out, section_class(h));
		buf_puts(out, "\" id=\"");
		escape_str(out, h->anchor);
		buf_puts(out, "\">\n");
		open[n++] = h->level;
		render_heading(out, h, depth + (int)n, &src);
	}
	while (n > 0) {
		n--;
		indent(out, depth + (int)n);
		buf_puts(out, "</section>\n");
	}
}

/* A fragment says its language itself: the page that takes it in may be
 * in another one, and the browser hyphenates by the language. */
static void
render_main(struct buf *out, const struct doc *d, int depth, bool fragment)
{
	indent(out, depth);
	buf_puts(out, fragment ? "<main class=\"contrat\" lang=\"fr\">\n" :
	    "<main class=\"contrat\">\n");
	if (d->title != NULL && d->title[0] != '\0' && !d->letter) {
		indent(out, depth + 1);
		buf_puts(out, "<h1>");
		escape_text(out, d->title);
		buf_puts(out, "</h1>\n");
	}
	render_body(out, d, depth + 1);
	indent(out, depth);
	buf_puts(out, "</main>\n");
}

static void *
html_new(const struct render_opts *opts, struct diags *ds)
{
	struct html *h = xcalloc(1, sizeof(*h));

	(void)ds;
	h->fragment = render_flag(opts, "fragment");
	h->generator = xstrdup(opts != NULL && opts->generator != NULL ?
	    opts->generator : "lgc");
	return h;
}

static bool
html_render(void *state, const struct doc *d, struct buf *out)
{
	const struct html *h = state;
	const char *title;

	if (h->fragment) {
		render_main(out, d, 0, true);
		return true;
	}
	title = d->title;
	if (title == NULL || title[0] == '\0')
		title = d->model;
	if (title == NULL || title[0] == '\0')
		title = "Contrat";
	buf_puts(out, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n");
	buf_puts(out, "<meta charset=\"utf-8\">\n");
	buf_puts(out, "<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n");
	buf_puts(out, "<meta name=\"generator\" content=\"");
	escape_str(out, h->generator);
	buf_puts(out, "\">\n<title>");
	escape_plain(out, title);
	buf_puts(out, "</title>\n<style>\n");
	buf_puts(out, page_css);
	if (doc_letter_layout(&d->blocks))
		buf_puts(out, letter_css);
	if (d->sources != NULL)
		buf_puts(out, provenance_css);
	buf_puts(out, "</style>\n</head>\n<body>\n");
	if (d->sources != NULL)
		buf_puts(out, provenance_button);
	render_main(out, d, 0, false);
	buf_puts(out, "</body>\n</html>\n");
	return true;
}

static void
html_free(void *state)
{
	struct html *h = state;

	if (h == NULL)
		return;
	free(h->generator);
	free(h);
}

static const char *const html_extensions[] = { ".html", ".htm", NULL };

static const struct backend_option html_options[] = {
	{ .name = "fragment", .kind = OPTION_FLAG,
	  .help = "HTML : l'élément <main> seul, à insérer dans une page" },
	{ .name = NULL }
};

const struct backend html_backend = {
	.name = "html",
	.description = "page web autonome (HTML5)",
	.extensions = html_extensions,
	.options = html_options,
	.new = html_new,
	.render = html_render,
	.free = html_free,
};
