/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* latex.c: latex_escape and the document it renders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "format/format.h"
#include "format/latex.h"
#include "base/diag.h"
#include "doc/doc.h"
#include "doc/build.h"
#include "base/util.h"

#define HOSTILE "<script>alert(\"x\")</script> & Cie"

static char *
escaped(const char *s, size_t len)
{
	struct buf b;

	buf_init(&b);
	latex_escape(&b, s, len);
	return buf_detach(&b);
}

#define CHECK_ESCAPE(u, in, want) do {					\
	char *got_ = escaped((in), strlen(in));				\
	unit_check_str((u), got_, (want), "latex_escape(" #in ")",	\
	    __FILE__, __LINE__);					\
	free(got_);							\
} while (0)

static void
test_escape_specials(struct unit *u)
{
	CHECK_ESCAPE(u, "", "");
	CHECK_ESCAPE(u, "abc XYZ 0123 .,;:!?()*+=/@", "abc XYZ 0123 .,;:!?()*+=/@");
	CHECK_ESCAPE(u, "\\", "\\textbackslash{}");
	CHECK_ESCAPE(u, "{", "\\{");
	CHECK_ESCAPE(u, "}", "\\}");
	CHECK_ESCAPE(u, "$", "\\$");
	CHECK_ESCAPE(u, "&", "\\&");
	CHECK_ESCAPE(u, "#", "\\#");
	CHECK_ESCAPE(u, "^", "\\textasciicircum{}");
	CHECK_ESCAPE(u, "_", "\\_");
	CHECK_ESCAPE(u, "~", "\\textasciitilde{}");
	CHECK_ESCAPE(u, "%", "\\%");
	CHECK_ESCAPE(u, "<", "\\textless{}");
	CHECK_ESCAPE(u, ">", "\\textgreater{}");
	CHECK_ESCAPE(u, "|", "\\textbar{}");
	CHECK_ESCAPE(u, "\"", "\\textquotedbl{}");
	CHECK_ESCAPE(u, "'", "\\textquotesingle{}");
	CHECK_ESCAPE(u, "`", "\\textasciigrave{}");
	CHECK_ESCAPE(u, "[x]", "{[}x{]}");
	/* Every ASCII punctuation character, in two words shorter than a
	 * token (LONG_WORD), which would get break points. */
	CHECK_ESCAPE(u, "!\"#$%&'()*+,-./:; <=>?@[\\]^_`{|}~",
	    "!\\textquotedbl{}\\#\\$\\%\\&\\textquotesingle{}()*+,-./:; "
	    "\\textless{}=\\textgreater{}?@{[}\\textbackslash{}{]}"
	    "\\textasciicircum{}\\_\\textasciigrave{}\\{\\textbar{}\\}"
	    "\\textasciitilde{}");
	/* A URL breaks after its punctuation, a long token anywhere. */
	CHECK_ESCAPE(u, "https://a.fr/b_c",
	    "https://\\allowbreak{}a.\\allowbreak{}fr/\\allowbreak{}b\\_"
	    "\\allowbreak{}c");
	CHECK_ESCAPE(u, "x@y.fr.", "x@\\allowbreak{}y.\\allowbreak{}fr.");
	CHECK_ESCAPE(u, "123456789012345678901234567890",
	    "1\\lgccoupure{}2\\lgccoupure{}3\\lgccoupure{}4\\lgccoupure{}5"
	    "\\lgccoupure{}6\\lgccoupure{}7\\lgccoupure{}8\\lgccoupure{}9"
	    "\\lgccoupure{}0\\lgccoupure{}1\\lgccoupure{}2\\lgccoupure{}3"
	    "\\lgccoupure{}4\\lgccoupure{}5\\lgccoupure{}6\\lgccoupure{}7"
	    "\\lgccoupure{}8\\lgccoupure{}9\\lgccoupure{}0\\lgccoupure{}1"
	    "\\lgccoupure{}2\\lgccoupure{}3\\lgccoupure{}4\\lgccoupure{}5"
	    "\\lgccoupure{}6\\lgccoupure{}7\\lgccoupure{}8\\lgccoupure{}9"
	    "\\lgccoupure{}0");
	CHECK_ESCAPE(u, "anticonstitutionnellement www",
	    "anticonstitutionnellement www");
	/* Only LEN bytes. */
	{
		char *s = escaped("a%b", 2);

		CHECK_STR(u, s, "a\\%");
		free(s);
	}
}

static void
test_escape_hostile(struct unit *u)
{
	CHECK_ESCAPE(u, "\\input{/etc/passwd}",
	    "\\textbackslash{}input\\{/etc/passwd\\}");
	CHECK_ESCAPE(u, "\\write18{touch /tmp/pwned}",
	    "\\textbackslash{}write18\\{touch /tmp/pwned\\}");
	CHECK_ESCAPE(u, "\\catcode`\\{=12",
	    "\\textbackslash{}catcode\\textasciigrave{}\\textbackslash{}\\{=12");
	CHECK_ESCAPE(u, "^^5c^^5cinput",
	    "\\textasciicircum{}\\textasciicircum{}5c"
	    "\\textasciicircum{}\\textasciicircum{}5cinput");
	CHECK_ESCAPE(u, "\\end{document}",
	    "\\textbackslash{}end\\{document\\}");
	CHECK_ESCAPE(u, "$$x$$ #1 ##", "\\$\\$x\\$\\$ \\#1 \\#\\#");
	CHECK_ESCAPE(u, "\\\\", "\\textbackslash{}\\textbackslash{}");
	CHECK_ESCAPE(u, HOSTILE, "\\textless{}script\\textgreater{}alert("
	    "\\textquotedbl{}x\\textquotedbl{})\\textless{}/script"
	    "\\textgreater{} \\& Cie");
	/* A blank line would end the paragraph; controls are invisible. */
	CHECK_ESCAPE(u, "a\n\nb\tc\rd", "a  b c d");
	CHECK_ESCAPE(u, "a\x01\x1b\x7f" "b", "ab");
	CHECK_ESCAPE(u, "a\xc2\x85" "b", "a b");
}

static void
test_escape_ligatures(struct unit *u)
{
	CHECK_ESCAPE(u, "a-b", "a-b");
	CHECK_ESCAPE(u, "1--2", "1-\\/-2");
	CHECK_ESCAPE(u, "---", "-\\/-\\/-");
	CHECK_ESCAPE(u, ",,x", ",\\/,x");
	CHECK_ESCAPE(u, "<<x>>", "\\textless{}\\/\\textless{}x"
	    "\\textgreater{}\\/\\textgreater{}");
	CHECK_ESCAPE(u, "``x''", "\\textasciigrave{}\\textasciigrave{}x"
	    "\\textquotesingle{}\\textquotesingle{}");
	CHECK_ESCAPE(u, "\xe2\x80\x99\xe2\x80\x99",
	    "\xe2\x80\x99\\/\xe2\x80\x99");
	CHECK_ESCAPE(u, "\xe2\x80\x98\xe2\x80\x98",
	    "\xe2\x80\x98\\/\xe2\x80\x98");
	CHECK_ESCAPE(u, "!\xe2\x80\x98?\xe2\x80\x98",
	    "!\\/\xe2\x80\x98?\\/\xe2\x80\x98");
	CHECK_ESCAPE(u, "\xe2\x80\x93-", "\xe2\x80\x93\\/-");
	/* U+2010 is typeset as '-': still no en dash. */
	CHECK_ESCAPE(u, "-\xe2\x80\x90", "-\\/-");
	/* A dropped control does not glue a ligature back. */
	CHECK_ESCAPE(u, "-\x01-", "-\\/-");
}

static void
test_escape_unicode(struct unit *u)
{
	/* French typography comes through as UTF-8. */
	CHECK_ESCAPE(u, "\xc2\xab d\xc3\xa9j\xc3\xa0 \xc2\xbb \xc5\x93\xc5\x92"
	    " \xe2\x82\xac \xe2\x80\x99 \xe2\x80\xa6 \xe2\x80\x93 \xe2\x80\x94 "
	    "\xc3\xa7\xc3\x87 \xc3\xbf \xc5\x82 \xc8\x99",
	    "\xc2\xab d\xc3\xa9j\xc3\xa0 \xc2\xbb \xc5\x93\xc5\x92"
	    " \xe2\x82\xac \xe2\x80\x99 \xe2\x80\xa6 \xe2\x80\x93 \xe2\x80\x94 "
	    "\xc3\xa7\xc3\x87 \xc3\xbf \xc5\x82 \xc8\x99");
	/* Spaces and signs pdflatex does not know. */
	CHECK_ESCAPE(u, "1" NBSP "500", "1~500");
	CHECK_ESCAPE(u, "a\xe2\x80\xaf;", "a\\,;");
	CHECK_ESCAPE(u, "a\xe2\x80\x89" "b", "a\\,b");
	CHECK_ESCAPE(u, "\xe2\x88\x92" "3", "\\textminus{}3");
	CHECK_ESCAPE(u, "a\xe2\x80\x91" "b", "a\\mbox{-}b");
	CHECK_ESCAPE(u, "a\xe2\x80\x8b" "b", "a\\hspace{0pt}b");
	CHECK_ESCAPE(u, "a\xc2\xad" "b", "a\\-b");
	CHECK_ESCAPE(u, "\xef\xbb\xbf" "a\xe2\x80\x8d\xe2\x80\x8e" "b", "ab");
	CHECK_ESCAPE(u, "a\xe2\x80\x83" "b", "a b");
	/* What no engine can be trusted with goes through \lgcchar. */
	CHECK_ESCAPE(u, "\xe4\xb8\xad", "\\lgcchar{4E2D}{\xe4\xb8\xad}");
	CHECK_ESCAPE(u, "\xf0\x9f\x98\x80", "\\lgcchar{1F600}{\xf0\x9f\x98\x80}");
	CHECK_ESCAPE(u, "\xce\xb1", "\\lgcchar{03B1}{\xce\xb1}");
	CHECK_ESCAPE(u, "\xef\xbf\xbd", "\\lgcchar{FFFD}{}");
	CHECK_ESCAPE(u, "a\xff" "b", "a\\lgcchar{FFFD}{}b");
	CHECK_ESCAPE(u, "\xef\xbf\xbe", "\\lgcchar{FFFE}{\xef\xbf\xbe}");
	/* Decomposed accents on ASCII letters. */
	CHECK_ESCAPE(u, "e\xcc\x81t\xc3\xa9", "\\'{e}t\xc3\xa9");
	CHECK_ESCAPE(u, "e\xcc\x81\xcc\x82", "\\^{\\'{e}}");
	CHECK_ESCAPE(u, "c\xcc\xa7" "a", "\\c{c}a");
	CHECK_ESCAPE(u, "\xcc\x81", "\\lgcchar{0301}{\xcc\x81}");
	CHECK_ESCAPE(u, "\xc3\xa9\xcc\x81",
	    "\xc3\xa9\\lgcchar{0301}{\xcc\x81}");
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

/* The HTML test's contract: every block kind. */
static void
sample(struct doc *d)
{
	struct stream s;
	struct etok *t;

	memset(&s, 0, sizeof(s));
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
render_with(const struct doc *d, bool fragment, const char *preamble)
{
	struct option_value values[2] = {
		{ "fragment", true, NULL, 0 },
		{ "preambule", false, preamble, preamble != NULL ?
		    strlen(preamble) : 0 }
	};
	struct render_opts opts;
	const struct backend *be = format_by_name(&format_builtin, "latex");
	struct buf out;
	void *st;

	memset(&opts, 0, sizeof(opts));
	opts.values = fragment ? values : values + 1;
	opts.nvalues = (fragment ? 1 : 0) + (preamble != NULL ? 1 : 0);
	opts.generator = "lgc 0.1.0";
	buf_init(&out);
	st = be->new(&opts, NULL);
	if (st == NULL || !be->render(st, d, &out))
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
#define END_DOCUMENT "\\label{lgc-derniere-page}\n\\end{document}\n"

#define LACKS(u, hay, needle) \
	unit_check((u), strstr((hay), (needle)) == NULL, "lacks: " needle, \
	    __FILE__, __LINE__)

static void
test_document(struct unit *u)
{
	struct doc d;
	char *tex, *again;

	sample(&d);
	tex = render_with(&d, false, NULL);
	CHECK(u, strncmp(tex, "% Contrat produit par lgc 0.1.0.", 32) == 0);
	HAS(u, tex, "\n\\documentclass[a4paper,11pt]{article}\n");
	HAS(u, tex, "\\usepackage[T1]{fontenc}");
	HAS(u, tex, "\\usepackage{lmodern}");
	HAS(u, tex, "\\usepackage[french]{babel}");
	HAS(u, tex, "\\DeclareUnicodeCharacter{202F}{\\,}");
	HAS(u, tex, "\\usepackage{fancyhdr}");
	HAS(u, tex, "Page~\\thepage{} sur~\\pageref{lgc-derniere-page}");
	HAS(u, tex, "\\usepackage[unicode]{hyperref}");
	HAS(u, tex, "\\newcommand\\lgctitrecourant{Contrat \\textquotedbl{}"
	    "test\\textquotedbl{} \\& Cie}\n");
	HAS(u, tex, "pdftitle={\\lgctitrecourant}");
	HAS(u, tex, "pdfcreator={lgc 0.1.0}");
	/* Without hyperref (xelatex lacking pzdr): UTF-16 metadata. */
	HAS(u, tex, "pdf:docinfo<</Title<FEFF0043006F006E00740072006100740020"
	    "002200740065007300740022002000260020004300690065>");
	HAS(u, tex, "\\providecommand\\lgcarticle[4]");
	HAS(u, tex, "\\begin{document}\n\n\\lgctitre{Contrat \\textquotedbl{}"
	    "test\\textquotedbl{} \\& Cie}\n\nEntre les parties "
	    "ci-dessous.\n\n\\lgcsignet{1}{Article 1 \\textendash{} Objet}"
	    "{lgc-article-1}\n\\lgcarticle{Article 1}{1}{lgc-article-1}{Objet}"
	    "\n\n");
	HAS(u, tex, "Le \\textbf{Client \\textit{final}} paie~; voir "
	    "l\xe2\x80\x99\\lgcrenvoi{lgc-resultats}{article~}. 12 rue X"
	    "\\newline 75001 Paris\n\n");
	HAS(u, tex, "\\lgcsousarticle{1.1}{1.1}{lgc-article-1-1}{Dur\xc3\xa9"
	    "e}\n\n\\begin{itemize}\n\\item un\n\\item deux\n\n"
	    "second paragraphe\n\n\\begin{enumerate}\n\\item imbriqu\xc3\xa9\n"
	    "\\end{enumerate}\n\n\\end{itemize}\n\n");
	HAS(u, tex, "\\lgcsoussousarticle{1.1.1}{1.1.1}{lgc-article-1-1-1}"
	    "{D\xc3\xa9tail}\n\n\\lgcsignet{1}{Article 2 \\textendash{} "
	    "R\xc3\xa9sultats}{lgc-resultats}\n"
	    "\\lgcarticle{Article 2}{2}{lgc-resultats}"
	    "{R\xc3\xa9sultats}\n\n");
	HAS(u, tex, "\\lgcarticle{}{}{lgc-titre-annexe-1}{Annexe "
	    "\\textless{}1\\textgreater{}}\n\n");
	HAS(u, tex, "\\lgcsignatures{%\n\\lgcpartie{\\textless{}script"
	    "\\textgreater{}alert(\xc2\xab~x~\xc2\xbb)"
	    "\\textless{}/script\\textgreater{} \\& Cie}{repr\xc3\xa9sent"
	    "\xc3\xa9" "e par M. Julien Marchal, Pr\xc3\xa9sident}\\hfill\n"
	    "\\lgcpartie{Client SA}{repr\xc3\xa9sent\xc3\xa9" "e par Mme "
	    "Durand}\\par\n\\bigskip\n\\lgcpartie{Tiers}{}\\par\n}\n\n");
	LACKS(u, tex, "<script");
	CHECK(u, count(tex, "\\begin{") == count(tex, "\\end{"));
	CHECK(u, count(tex, "\\begin{document}") == 1);
	CHECK(u, strlen(tex) > strlen(END_DOCUMENT) &&
	    strcmp(tex + strlen(tex) - strlen(END_DOCUMENT), END_DOCUMENT) == 0);
	/* Deterministic. */
	again = render_with(&d, false, NULL);
	CHECK_STR(u, again, tex);
	free(again);
	free(tex);

	tex = render_with(&d, true, NULL);
	CHECK(u, strncmp(tex, "% Contrat produit par lgc 0.1.0 : corps seul",
	    44) == 0);
	LACKS(u, tex, "\\documentclass");
	LACKS(u, tex, "\n\\usepackage");
	LACKS(u, tex, "\\begin{document}");
	LACKS(u, tex, "\\end{document}");
	LACKS(u, tex, "lgc-derniere-page");
	HAS(u, tex, "\\providecommand\\lgcchar[2]");
	HAS(u, tex, "\\makeatother\n\n\\lgctitre{Contrat");
	HAS(u, tex, "\\lgcarticle{Article 1}{1}{lgc-article-1}{Objet}");
	free(tex);
	doc_free(&d);
}

/* The preamble's content, as the library read it from its file. */
static void
test_preamble(struct unit *u)
{
	static const char nul[] = "\\documentclass{article}\0\n";
	struct option_value value = { "preambule", false, nul, sizeof(nul) - 1 };
	const struct backend *be = format_by_name(&format_builtin, "latex");
	struct render_opts opts;
	struct diags *ds;
	struct doc d;
	FILE *devnull;
	char *tex;

	sample(&d);
	tex = render_with(&d, false,
	    "\\documentclass{report}\n\\usepackage[T1]{fontenc}");
	HAS(u, tex, "\n\\providecommand\\lgctitrecourant{Contrat "
	    "\\textquotedbl{}test\\textquotedbl{} \\& Cie}\n"
	    "\\documentclass{report}\n\\usepackage[T1]{fontenc}\n% Commandes");
	LACKS(u, tex, "\\documentclass[a4paper");
	LACKS(u, tex, "fancyhdr");
	HAS(u, tex, "\\begin{document}");
	HAS(u, tex, "\\providecommand\\lgcpartie[2]");
	free(tex);
	/* A fragment ignores it. */
	tex = render_with(&d, true, "\\documentclass{report}");
	LACKS(u, tex, "report");
	free(tex);
	doc_free(&d);

	/* A NUL byte would cut it short in TeX: refused, reported. */
	devnull = fopen("/dev/null", "w");
	ds = diags_new(diag_sink_stream, devnull);
	memset(&opts, 0, sizeof(opts));
	opts.values = &value;
	opts.nvalues = 1;
	CHECK(u, be->new(&opts, ds) == NULL);
	CHECK(u, diags_exit_status(ds) == 2);
	diags_free(ds);
	fclose(devnull);
}

static void
test_blocks(struct unit *u)
{
	struct doc d;
	struct doc_block *b;
	struct doc_blocks *items;
	char *tex;
	int i;

	/* Runs: shared groups, a leading break, links to nowhere. */
	memset(&d, 0, sizeof(d));
	b = doc_blocks_push(&d.blocks, BLOCK_PARAGRAPH);
	doc_runs_push(&b->u.paragraph, NULL, 0, 0, NULL);
	doc_runs_push(&b->u.paragraph, "a", 1, STYLE_ITALIC, NULL);
	doc_runs_push(&b->u.paragraph, "b", 1, STYLE_ITALIC | STYLE_BOLD, NULL);
	doc_runs_push(&b->u.paragraph, "c", 1, STYLE_BOLD, "x\"y");
	doc_runs_push(&b->u.paragraph, "'", 1, 0, NULL);
	b = doc_blocks_push(&d.blocks, BLOCK_HEADING);
	b->u.heading.level = 2;
	b->u.heading.anchor = xstrdup("\xc3\xa9t\xc3\xa9:x y.z");
	doc_runs_push(&b->u.heading.title, "T", 1, 0, NULL);
	tex = render_with(&d, true, NULL);
	HAS(u, tex, "\\leavevmode\\newline \\textit{a}\\textbf{\\textit{b}c}"
	    "\\textquotesingle{}\n\n");
	HAS(u, tex, "\\lgcsousarticle{}{}{lgc-.c3.a9t.c3.a9.3ax.20y.2ez}"
	    "{T}\n\n");
	free(tex);
	doc_free(&d);

	/* Lists deeper than LaTeX allows become paragraphs. */
	memset(&d, 0, sizeof(d));
	items = &d.blocks;
	for (i = 0; i < 7; i++) {
		b = doc_blocks_push(items, BLOCK_LIST);
		b->u.list.ordered = i % 3 == 2;
		b->u.list.len = 1;
		b->u.list.items = xcalloc(1, sizeof(*b->u.list.items));
		items = &b->u.list.items[0];
		b = doc_blocks_push(items, BLOCK_PARAGRAPH);
		doc_runs_push(&b->u.paragraph, "niveau", 6, 0, NULL);
	}
	tex = render_with(&d, true, NULL);
	CHECK(u, count(tex, "\\begin{itemize}") == 4);
	CHECK(u, count(tex, "\\begin{enumerate}") == 2);
	CHECK(u, count(tex, "\\begin{") == count(tex, "\\end{"));
	HAS(u, tex, "\\par\\noindent\\textendash~niveau\n");
	CHECK(u, count(tex, "niveau") == 7);
	free(tex);
	doc_free(&d);

	/* Empty lists and signature blocks leave nothing behind. */
	memset(&d, 0, sizeof(d));
	doc_blocks_push(&d.blocks, BLOCK_LIST);
	doc_blocks_push(&d.blocks, BLOCK_SIGNATURES);
	tex = render_with(&d, true, NULL);
	LACKS(u, tex, "\\begin{itemize}");
	LACKS(u, tex, "\\lgcsignatures{");
	free(tex);
	doc_free(&d);
}

void
test_latex(struct unit *u)
{
	test_escape_specials(u);
	test_escape_hostile(u);
	test_escape_ligatures(u);
	test_escape_unicode(u);
	test_document(u);
	test_preamble(u);
	test_blocks(u);
}
