/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* html.c: html_escape and the page it renders. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "format/format.h"
#include "format/html.h"
#include "doc/doc.h"
#include "doc/build.h"
#include "base/util.h"

#define HOSTILE "<script>alert(\"x\")</script> & Cie"

static char *
escaped(const char *s, size_t len)
{
	struct buf b;

	buf_init(&b);
	html_escape(&b, s, len);
	return buf_detach(&b);
}

#define CHECK_ESCAPE(u, in, want) do {					\
	char *got_ = escaped((in), strlen(in));				\
	unit_check_str((u), got_, (want), "html_escape(" #in ")",	\
	    __FILE__, __LINE__);					\
	free(got_);							\
} while (0)

static void
test_escape(struct unit *u)
{
	char *s;

	CHECK_ESCAPE(u, "&", "&amp;");
	CHECK_ESCAPE(u, "<", "&lt;");
	CHECK_ESCAPE(u, ">", "&gt;");
	CHECK_ESCAPE(u, "\"", "&quot;");
	CHECK_ESCAPE(u, "'", "&#39;");
	CHECK_ESCAPE(u, "", "");
	CHECK_ESCAPE(u, "a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	CHECK_ESCAPE(u, "&amp;", "&amp;amp;");
	CHECK_ESCAPE(u, "\xc2\xab d\xc3\xa9j\xc3\xa0 \xc2\xbb" NBSP
	    "\xe2\x82\xac \xe2\x80\x93 \xf0\x9f\x93\x9c",
	    "\xc2\xab d\xc3\xa9j\xc3\xa0 \xc2\xbb" NBSP
	    "\xe2\x82\xac \xe2\x80\x93 \xf0\x9f\x93\x9c");
	CHECK_ESCAPE(u, HOSTILE,
	    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Cie");
	s = escaped("a<b>c", 2);
	CHECK_STR(u, s, "a&lt;");
	free(s);
}

static void
push_party(struct etok *t, const char *name, const char *rep,
    const char *qual)
{
	struct stream_party *p;

	t->parties = xreallocarray(t->parties, t->nparties + 1,
	    sizeof(*t->parties));
	p = &t->parties[t->nparties++];
	p->name = xstrdup(name);
	p->representant = xstrdup(rep);
	p->qualite = xstrdup(qual);
	p->origin = NULL;
}

static void
line(struct stream *s, int indent)
{
	stream_push(s, ET_LINE)->indent = indent;
}

static void
text(struct stream *s, const char *t)
{
	stream_text(s, t, strlen(t));
}

static void
heading(struct stream *s, int level, bool numbered, const char *label,
    const char *title)
{
	struct etok *t;

	line(s, 0);
	t = stream_push(s, ET_HEADING);
	t->level = level;
	t->numbered = numbered;
	t->label = label != NULL ? xstrdup(label) : NULL;
	text(s, title);
	stream_push(s, ET_SOFTBREAK);
}

static void
emph(struct stream *s, enum emphasis e)
{
	stream_push(s, ET_EMPH)->emphasis = e;
}

/* A small contract touching every block kind. */
static void
sample(struct doc *d)
{
	struct stream s = { NULL, 0, false, 0 };
	struct etok *t;

	line(&s, 0);
	text(&s, "Entre les parties ci-dessous.");
	stream_push(&s, ET_PARBREAK);
	heading(&s, 1, true, NULL, "Objet");
	line(&s, 0);
	text(&s, "Le ");
	emph(&s, EMPH_BOLD);
	text(&s, "Client ");
	emph(&s, EMPH_ITALIC);
	text(&s, "final");
	emph(&s, EMPH_ITALIC);
	emph(&s, EMPH_BOLD);
	text(&s, " paie ; voir l'");
	t = stream_push(&s, ET_REF);
	t->nlabels = 1;
	t->labels = xcalloc(1, sizeof(*t->labels));
	t->labels[0] = xstrdup("resultats");
	text(&s, ".");
	stream_push(&s, ET_SOFTBREAK);
	line(&s, 0);
	text(&s, "12 rue X");
	stream_push(&s, ET_HARDBREAK);
	stream_push(&s, ET_SOFTBREAK);
	line(&s, 0);
	text(&s, "75001 Paris");
	stream_push(&s, ET_PARBREAK);
	heading(&s, 2, true, NULL, "Dur\xc3\xa9" "e");
	line(&s, 0);
	stream_push(&s, ET_BULLET);
	text(&s, "un");
	stream_push(&s, ET_SOFTBREAK);
	line(&s, 0);
	stream_push(&s, ET_BULLET);
	text(&s, "deux");
	stream_push(&s, ET_PARBREAK);
	line(&s, 2);
	text(&s, "second paragraphe");
	stream_push(&s, ET_SOFTBREAK);
	line(&s, 2);
	stream_push(&s, ET_NUMBERED)->indent = 2;
	text(&s, "imbriqu\xc3\xa9");
	stream_push(&s, ET_PARBREAK);
	heading(&s, 3, true, NULL, "D\xc3\xa9tail");
	heading(&s, 1, true, "resultats", "R\xc3\xa9sultats");
	heading(&s, 1, false, NULL, "Annexe <1>");
	t = stream_push(&s, ET_SIGNATURES);
	push_party(t, HOSTILE, "M. Julien Marchal", "Pr\xc3\xa9sident");
	push_party(t, "Client SA", "Mme Durand", "");
	push_party(t, "Tiers", "", "G\xc3\xa9rant");
	build_document(&s, d, NULL);
	stream_free(&s);
	d->title = xstrdup("Contrat \"test\" & Cie");
	d->model = xstrdup("Contrat");
}

static char *
render(const struct doc *d, bool fragment)
{
	struct option_value flag = { "fragment", true, NULL, 0 };
	struct render_opts opts;
	const struct backend *be = format_by_name(&format_builtin, "html");
	struct buf out;
	void *st;

	memset(&opts, 0, sizeof(opts));
	opts.values = &flag;
	opts.nvalues = fragment;
	opts.generator = "lgc 0.1.0";
	buf_init(&out);
	st = be->new(&opts, NULL);
	if (!be->render(st, d, &out))
		buf_puts(&out, "RENDER FAILED");
	be->free(st);
	return buf_detach(&out);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

#define HAS(u, hay, needle) \
	unit_check((u), strstr((hay), (needle)) != NULL, "contains: " needle, \
	    __FILE__, __LINE__)

static void
test_page(struct unit *u)
{
	struct doc d;
	char *html;

	sample(&d);
	html = render(&d, false);
	CHECK(u, strncmp(html, "<!DOCTYPE html>\n<html lang=\"fr\">\n", 33) == 0);
	HAS(u, html, "<meta charset=\"utf-8\">");
	HAS(u, html, "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">");
	HAS(u, html, "<meta name=\"generator\" content=\"lgc 0.1.0\">");
	HAS(u, html, "<title>Contrat &quot;test&quot; &amp; Cie</title>");
	HAS(u, html, "@page");
	HAS(u, html, "@media print");
	HAS(u, html, "break-inside: avoid");
	HAS(u, html, "content: \"Page \" counter(page) \" sur \" "
	    "counter(pages);");
	HAS(u, html, "section:has(> .signatures) {\n  break-inside: avoid;");
	HAS(u, html, "<main class=\"contrat\">\n"
	    "  <h1>Contrat &quot;test&quot; &amp; Cie</h1>\n"
	    "  <p>Entre les parties ci-dessous.</p>\n"
	    "  <section class=\"article\" id=\"article-1\">\n"
	    "    <h2><span class=\"numero\">Article 1</span>" NBSP
	    "\xe2\x80\x93 Objet</h2>\n");
	HAS(u, html, "<p>Le <strong>Client <em>final</em></strong> paie"
	    NBSP "; voir l’<a href=\"#resultats\">article" NBSP "2</a>."
	    " 12 rue X<br>75001 Paris</p>");
	HAS(u, html, "    <section class=\"sous-article\" id=\"article-1-1\">\n"
	    "      <h3><span class=\"numero\">1.1</span> Dur\xc3\xa9" "e</h3>\n"
	    "      <ul>\n"
	    "        <li>un</li>\n"
	    "        <li>\n"
	    "          <p>deux</p>\n"
	    "          <p>second paragraphe</p>\n"
	    "          <ol>\n"
	    "            <li>imbriqu\xc3\xa9</li>\n"
	    "          </ol>\n"
	    "        </li>\n"
	    "      </ul>\n");
	HAS(u, html, "      <section class=\"sous-sous-article\" "
	    "id=\"article-1-1-1\">\n"
	    "        <h4><span class=\"numero\">1.1.1</span> D\xc3\xa9tail</h4>\n"
	    "      </section>\n"
	    "    </section>\n"
	    "  </section>\n"
	    "  <section class=\"article\" id=\"resultats\">\n");
	HAS(u, html, "<section class=\"article non-numerote\" "
	    "id=\"titre-annexe-1\">\n    <h2>Annexe &lt;1&gt;</h2>\n");
	HAS(u, html, "<div class=\"signatures\">\n      <div class=\"signature\">\n"
	    "        <p class=\"partie\"><strong>&lt;script&gt;alert(\xc2\xab"
	    NBSP "x" NBSP "\xc2\xbb)&lt;/script&gt; &amp; Cie</strong></p>\n"
	    "        <p class=\"representant\">repr\xc3\xa9sent\xc3\xa9" "e par "
	    "M. Julien Marchal, Pr\xc3\xa9sident</p>\n"
	    "        <p class=\"mention signer\">Signature" NBSP ":</p>\n"
	    "        <div class=\"zone-signature\"></div>\n"
	    "        <p class=\"mention\">Date" NBSP ":</p>\n"
	    "      </div>\n");
	HAS(u, html, "repr\xc3\xa9sent\xc3\xa9" "e par Mme Durand</p>");
	HAS(u, html, "<strong>Tiers</strong></p>\n"
	    "        <p class=\"mention signer\">Signature");
	CHECK(u, strstr(html, "<script") == NULL);
	CHECK(u, count(html, "<section") == count(html, "</section>"));
	CHECK(u, count(html, "<section") == 5);
	CHECK(u, count(html, "<div") == count(html, "</div>"));
	HAS(u, html, "  </section>\n</main>\n</body>\n</html>\n");
	free(html);

	html = render(&d, true);
	CHECK(u, strncmp(html, "<main class=\"contrat\" lang=\"fr\">\n",
	    33) == 0);
	CHECK(u, strstr(html, "<!DOCTYPE") == NULL &&
	    strstr(html, "<head>") == NULL && strstr(html, "<style>") == NULL);
	CHECK(u, strcmp(html + strlen(html) - 8, "</main>\n") == 0);
	free(html);
	doc_free(&d);
}

static void
test_runs(struct unit *u)
{
	struct doc d;
	struct doc_block *b;
	char *html;

	memset(&d, 0, sizeof(d));
	b = doc_blocks_push(&d.blocks, BLOCK_PARAGRAPH);
	doc_runs_push(&b->u.paragraph, "a", 1, STYLE_ITALIC, NULL);
	doc_runs_push(&b->u.paragraph, "b", 1, STYLE_ITALIC | STYLE_BOLD, NULL);
	doc_runs_push(&b->u.paragraph, "c", 1, STYLE_BOLD, "x\"y");
	doc_runs_push(&b->u.paragraph, "d", 1, STYLE_BOLD, "z");
	doc_runs_push(&b->u.paragraph, NULL, 0, 0, NULL);
	doc_runs_push(&b->u.paragraph, "e", 1, STYLE_BOLD, "z");
	doc_runs_push(&b->u.paragraph, "'", 1, 0, NULL);
	html = render(&d, true);
	HAS(u, html, "<p><em>a</em><strong><em>b</em></strong>"
	    "<a href=\"#x&quot;y\"><strong>c</strong></a>"
	    "<a href=\"#z\"><strong>d<br>e</strong></a>&#39;</p>");
	CHECK(u, strstr(html, "<h1>") == NULL);
	free(html);
	doc_free(&d);
}

void
test_html(struct unit *u)
{
	test_escape(u);
	test_page(u);
	test_runs(u);
}
