/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* build.c and doc.c: from an evaluated token stream to the document. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "doc/doc.h"
#include "doc/build.h"
#include "base/util.h"

/*
 * Streams are written in a compact notation: text outside braces is an
 * ET_TEXT token; inside braces:
 *   {L} {L4}      ET_LINE (indent)        {S} {P} {H}  soft, par, hard break
 *   {-} {-2}      ET_BULLET (column)      {O} {O3}     ET_NUMBERED (column)
 *   {#} {##-=lab} ET_HEADING: level, '-' unnumbered, '=' label
 *   {*} {**}      ET_EMPH italic, bold
 *   {ref a,b}     ET_REF                  {numero a}   ET_REF, bare
 */
static void
push_ref(struct stream *s, const char *list, bool bare)
{
	struct etok *t = stream_push(s, ET_REF);
	const char *p = list, *comma;

	t->bare = bare;
	for (;;) {
		while (*p == ' ')
			p++;
		comma = strchr(p, ',');
		if (comma == NULL)
			comma = p + strlen(p);
		t->labels = xreallocarray(t->labels, t->nlabels + 1,
		    sizeof(*t->labels));
		t->labels[t->nlabels++] = xstrndup(p, (size_t)(comma - p));
		if (*comma == '\0')
			break;
		p = comma + 1;
	}
}

static void
push_tag(struct stream *s, const char *c)
{
	struct etok *t;
	const char *eq;
	int level = 0;

	if (c[0] == 'L')
		stream_push(s, ET_LINE)->indent = atoi(c + 1);
	else if (c[0] == '-')
		stream_push(s, ET_BULLET)->indent = atoi(c + 1);
	else if (c[0] == 'O')
		stream_push(s, ET_NUMBERED)->indent = atoi(c + 1);
	else if (strcmp(c, "S") == 0)
		stream_push(s, ET_SOFTBREAK);
	else if (strcmp(c, "P") == 0)
		stream_push(s, ET_PARBREAK);
	else if (strcmp(c, "H") == 0)
		stream_push(s, ET_HARDBREAK);
	else if (strcmp(c, "*") == 0)
		stream_push(s, ET_EMPH)->emphasis = EMPH_ITALIC;
	else if (strcmp(c, "**") == 0)
		stream_push(s, ET_EMPH)->emphasis = EMPH_BOLD;
	else if (strncmp(c, "ref ", 4) == 0)
		push_ref(s, c + 4, false);
	else if (strncmp(c, "numero ", 7) == 0)
		push_ref(s, c + 7, true);
	else if (c[0] == '#') {
		t = stream_push(s, ET_HEADING);
		while (c[level] == '#')
			level++;
		t->level = level;
		t->numbered = c[level] != '-';
		eq = strchr(c, '=');
		if (eq != NULL)
			t->label = xstrdup(eq + 1);
	} else
		fprintf(stderr, "feed: unknown tag {%s}\n", c);
}

static void
feed(struct stream *s, const char *spec)
{
	const char *p = spec, *q;
	char *tag;

	while (*p != '\0') {
		if (*p == '{') {
			q = strchr(p, '}');
			tag = xstrndup(p + 1, (size_t)(q - p - 1));
			push_tag(s, tag);
			free(tag);
			p = q + 1;
			continue;
		}
		q = strchr(p, '{');
		if (q == NULL)
			q = p + strlen(p);
		stream_text(s, p, (size_t)(q - p));
		p = q;
	}
}

static void
push_signatures(struct stream *s)
{
	struct etok *t = stream_push(s, ET_SIGNATURES);

	t->nparties = 2;
	t->parties = xcalloc(2, sizeof(*t->parties));
	t->parties[0].name = xstrdup("LeadMotiv");
	t->parties[0].representant = xstrdup("M. Julien Marchal");
	t->parties[0].qualite = xstrdup("Président");
	t->parties[1].name = xstrdup("Client SA");
	t->parties[1].representant = xstrdup("");
	t->parties[1].qualite = NULL;
}

/*
 * The document as a string: P(…) paragraph, H1[label#anchor](…) heading,
 * UL{item|item} / OL{…} lists (an item is its blocks in a row),
 * SIG{name/representant/qualite|…}.  Runs: plain text as is,
 * <b:…> <i:…> <bi:…> <s:…> <@anchor:…> styled (s: superscript) or
 * linked, <br> a line break; a no-break space prints as '~', a
 * non-breaking hyphen as '='.
 */
static void	dump_blocks(struct buf *, const struct doc_blocks *);

static void
dump_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (strncmp(s, NBSP, 2) == 0) {
			buf_putc(b, '~');
			s++;
		} else if (strncmp(s, "\xe2\x80\x91", 3) == 0) {
			buf_putc(b, '=');
			s += 2;
		} else
			buf_putc(b, *s);
	}
}

static void
dump_runs(struct buf *b, const struct doc_runs *rs)
{
	const struct doc_run *r;
	size_t i;

	for (i = 0; i < rs->len; i++) {
		r = &rs->v[i];
		if (r->line_break) {
			buf_puts(b, "<br>");
			continue;
		}
		if (r->style == 0 && r->link == NULL) {
			dump_text(b, r->text);
			continue;
		}
		buf_putc(b, '<');
		if (r->style & STYLE_BOLD)
			buf_putc(b, 'b');
		if (r->style & STYLE_ITALIC)
			buf_putc(b, 'i');
		if (r->style & STYLE_SUPERSCRIPT)
			buf_putc(b, 's');
		if (r->link != NULL)
			buf_printf(b, "@%s", r->link);
		buf_putc(b, ':');
		dump_text(b, r->text);
		buf_putc(b, '>');
	}
}

static void
dump_block(struct buf *b, const struct doc_block *blk)
{
	const struct doc_party *p;
	size_t i;

	switch (blk->kind) {
	case BLOCK_HEADING:
		buf_printf(b, "H%d[", blk->u.heading.level);
		doc_heading_label(b, &blk->u.heading);
		buf_printf(b, "#%s](", blk->u.heading.anchor);
		dump_runs(b, &blk->u.heading.title);
		buf_putc(b, ')');
		break;
	case BLOCK_PARAGRAPH:
		buf_puts(b, "P(");
		dump_runs(b, &blk->u.paragraph);
		buf_putc(b, ')');
		break;
	case BLOCK_LIST:
		buf_puts(b, blk->u.list.ordered ? "OL{" : "UL{");
		for (i = 0; i < blk->u.list.len; i++) {
			if (i > 0)
				buf_putc(b, '|');
			dump_blocks(b, &blk->u.list.items[i]);
		}
		buf_putc(b, '}');
		break;
	case BLOCK_SIGNATURES:
		buf_puts(b, "SIG{");
		for (i = 0; i < blk->u.signatures.len; i++) {
			p = &blk->u.signatures.parties[i];
			buf_printf(b, "%s%s/%s/%s", i > 0 ? "|" : "", p->name,
			    p->representant, p->qualite);
		}
		buf_putc(b, '}');
		break;
	}
}

static void
dump_blocks(struct buf *b, const struct doc_blocks *bs)
{
	size_t i;

	for (i = 0; i < bs->len; i++)
		dump_block(b, &bs->v[i]);
}

static char *
build_with(const char *spec, struct build_memo *memo)
{
	struct stream s = { NULL, 0, false, 0 };
	struct doc d;
	struct buf b;

	feed(&s, spec);
	build_document(&s, &d, memo);
	buf_init(&b);
	dump_blocks(&b, &d.blocks);
	doc_free(&d);
	stream_free(&s);
	return buf_detach(&b);
}

/* Builds the document of SPEC and returns its dump (static storage is
 * avoided: the caller frees).  It is built four times, once alone and
 * three times with a memo of paragraphs (the first meets them, the
 * second keeps them, the third finds them): a dump that differs is
 * returned marked, so that the case fails. */
static char *
build(const char *spec)
{
	struct build_memo *memo = build_memo_new(1u << 16);
	char *alone = build_with(spec, NULL);
	char *met = build_with(spec, memo);
	char *kept = build_with(spec, memo);
	char *found = build_with(spec, memo);
	char *marked;

	build_memo_free(memo);
	if (strcmp(alone, met) == 0 && strcmp(alone, kept) == 0 &&
	    strcmp(alone, found) == 0) {
		free(met);
		free(kept);
		free(found);
		return alone;
	}
	marked = xasprintf("memo: %s | %s | %s | %s", alone, met, kept,
	    found);
	free(alone);
	free(met);
	free(kept);
	free(found);
	return marked;
}

#define CHECK_BUILD(u, spec, want) do {					\
	char *got_ = build(spec);					\
	unit_check_str((u), got_, (want), (spec), __FILE__, __LINE__);	\
	free(got_);							\
} while (0)

static void
test_doc_model(struct unit *u)
{
	struct doc_runs rs = { NULL, 0 };
	struct doc_heading h;
	struct buf b;

	doc_runs_push(&rs, "le ", 3, 0, NULL);
	doc_runs_push(&rs, "Client", 6, 0, NULL);
	CHECK(u, rs.len == 1);
	CHECK_STR(u, rs.v[0].text, "le Client");
	doc_runs_push(&rs, " paie", 5, STYLE_BOLD, NULL);
	doc_runs_push(&rs, "article 2", 9, 0, "a");
	doc_runs_push(&rs, "", 0, 0, "a");
	doc_runs_push(&rs, " bis", 4, 0, "a");
	CHECK(u, rs.len == 3);
	CHECK_STR(u, rs.v[2].text, "article 2 bis");
	CHECK_STR(u, rs.v[2].link, "a");
	doc_runs_push(&rs, NULL, 0, 0, NULL);
	doc_runs_push(&rs, NULL, 0, 0, NULL);
	doc_runs_push(&rs, "x", 1, 0, NULL);
	doc_runs_push(&rs, "y", 1, 0, NULL);
	CHECK(u, rs.len == 6 && rs.v[3].line_break && rs.v[4].line_break);
	CHECK(u, rs.v[3].text != NULL && rs.v[3].text[0] == '\0');
	CHECK_STR(u, rs.v[5].text, "xy");
	doc_runs_free(&rs);
	CHECK(u, rs.len == 0 && rs.v == NULL);

	buf_init(&b);
	memset(&h, 0, sizeof(h));
	h.level = 1;
	doc_heading_label(&b, &h);
	CHECK_STR(u, buf_cstr(&b), "");
	h.number = "3";
	doc_heading_label(&b, &h);
	CHECK_STR(u, buf_cstr(&b), "Article 3");
	buf_reset(&b);
	h.level = 2;
	h.number = "3.2";
	doc_heading_label(&b, &h);
	CHECK_STR(u, buf_cstr(&b), "3.2");
	buf_reset(&b);
	h.level = 3;
	h.number = "3.2.1";
	doc_heading_label(&b, &h);
	CHECK_STR(u, buf_cstr(&b), "3.2.1");
	buf_free(&b);
}

static void
test_stream(struct unit *u)
{
	struct stream s = { NULL, 0, false, 0 };
	struct etok *t;
	struct doc d;
	int i;

	for (i = 0; i < 100; i++)
		stream_push(&s, ET_LINE)->indent = i;
	stream_text(&s, "abc", 2);
	t = &s.v[s.len - 1];
	CHECK(u, s.len == 101 && s.v[99].indent == 99);
	CHECK(u, t->kind == ET_TEXT && t->origin == NULL && !t->verbatim &&
	    !t->escaped);
	CHECK_STR(u, t->text, "ab");
	/* A token of each kind starts zeroed. */
	t = stream_push(&s, ET_HEADING);
	CHECK(u, t->label == NULL && t->level == 0 && !t->numbered);
	t = stream_push(&s, ET_REF);
	CHECK(u, t->labels == NULL && t->locs == NULL && t->nlabels == 0 &&
	    !t->bare);
	t = stream_push(&s, ET_SIGNATURES);
	CHECK(u, t->parties == NULL && t->nparties == 0);
	CHECK(u, stream_push(&s, ET_EMPH)->emphasis == EMPH_ITALIC);
	CHECK(u, sizeof(struct etok) <= 48);
	stream_free(&s);
	CHECK(u, s.len == 0 && s.v == NULL);

	build_document(&s, &d, NULL);
	CHECK(u, d.blocks.len == 0 && d.title == NULL && d.model == NULL);
	doc_free(&d);
}

static void
test_paragraphs(struct unit *u)
{
	CHECK_BUILD(u, "{L}Le Client{S}{L}paie.{S}", "P(Le Client paie.)");
	CHECK_BUILD(u, "{P}{L}a{S}{P}{P}{L}b{S}{L}c{P}{S}{P}", "P(a)P(b c)");
	CHECK_BUILD(u, "{L}a{P}{L}b{P}{L}c", "P(a)P(b)P(c)");
	/* A tag spanning lines: text after a soft break with no ET_LINE. */
	CHECK_BUILD(u, "{L}a{S}b{S}{L}c", "P(a b c)");
	/* An empty kept line makes no empty paragraph. */
	CHECK_BUILD(u, "{L}{S}{L}   {P}{L}x", "P(x)");
	/* Text never makes markers. */
	CHECK_BUILD(u, "{L}- pas une liste{S}{L}# ni un titre *ni* 1. ceci",
	    "P(- pas une liste # ni un titre *ni* 1. ceci)");
	CHECK_BUILD(u, "{L}12 rue des Lilas {H}{S}{L}  75001 Paris{H}{S}",
	    "P(12 rue des Lilas<br>75001 Paris)");
	CHECK_BUILD(u, "{L}{H}a {H} {H}b", "P(a<br><br>b)");
}

static void
test_whitespace(struct unit *u)
{
	CHECK_BUILD(u, "{L}  a   b\t c \n d  ", "P(a b c d)");
	CHECK_BUILD(u, "{L}a , b . c ) d ] e \xe2\x80\xa6 f",
	    "P(a, b. c) d] e\xe2\x80\xa6 f)");
	CHECK_BUILD(u, "{L}( x ) [ y ]", "P((x) [y])");
	CHECK_BUILD(u, "{L}a ; b : c ! d ? e",
	    "P(a~; b~: c~! d~? e)");
	CHECK_BUILD(u, "{L}15 % et 1500 \xe2\x82\xac",
	    "P(15~% et 1500~\xe2\x82\xac)");
	CHECK_BUILD(u, "{L}\xc2\xab le Client \xc2\xbb",
	    "P(\xc2\xab~le Client~\xc2\xbb)");
	/* Nothing is inserted where the author wrote no space. */
	CHECK_BUILD(u, "{L}a:b;c!\xc2\xab" "d\xc2\xbb(e)",
	    "P(a:b;c!\xc2\xab" "d\xc2\xbb(e))");
	/* No-break spaces already there are kept, and win over blanks. */
	CHECK_BUILD(u, "{L}1" NBSP "500" NBSP "\xe2\x82\xac et a " NBSP " b",
	    "P(1~500~\xe2\x82\xac et a~b)");
	/* Across lines and across style runs. */
	CHECK_BUILD(u, "{L}le Client{S}{L}: oui", "P(le Client~: oui)");
	CHECK_BUILD(u, "{L}le {**}Client{**} : ({*} x {*})",
	    "P(le <b:Client>~: (<i:x>))");
	CHECK_BUILD(u, "{L}fin{S}{L}.", "P(fin.)");
}

static void
test_emphasis(struct unit *u)
{
	struct stream s = { NULL, 0, false, 0 };
	struct doc d;

	feed(&s, "{L}le {**}Client{**} paie");
	build_document(&s, &d, NULL);
	CHECK(u, d.blocks.len == 1 && d.blocks.v[0].u.paragraph.len == 3);
	CHECK_STR(u, d.blocks.v[0].u.paragraph.v[0].text, "le ");
	CHECK_STR(u, d.blocks.v[0].u.paragraph.v[1].text, "Client");
	CHECK(u, d.blocks.v[0].u.paragraph.v[1].style == STYLE_BOLD);
	doc_free(&d);
	stream_free(&s);

	CHECK_BUILD(u, "{L}{*}a{S}{L}b{*} c", "P(<i:a b> c)");
	CHECK_BUILD(u, "{L}{**}a {*}b{*}{**} c", "P(<b:a ><bi:b> c)");
	CHECK_BUILD(u, "{L}{**}a {**}b", "P(<b:a >b)");
	CHECK_BUILD(u, "{L}{**}a{P}{L}b", "P(<b:a>)P(b)");
	CHECK_BUILD(u, "{L}x {*}  y  {*} z", "P(x <i:y >z)");
}

static void
test_headings(struct unit *u)
{
	CHECK_BUILD(u,
	    "{L}{#}Objet{S}{L}{#}Prix{P}{L}{#-}Annexe{S}{L}{##}Sous{S}"
	    "{L}{#}Fin{S}{L}{##}A{S}{L}{##}B{S}{L}{###}C{S}{L}{###}D{S}",
	    "H1[Article 1#article-1](Objet)H1[Article 2#article-2](Prix)"
	    "H1[#titre-annexe](Annexe)H2[#titre-sous](Sous)"
	    "H1[Article 3#article-3](Fin)H2[3.1#article-3-1](A)"
	    "H2[3.2#article-3-2](B)H3[3.2.1#article-3-2-1](C)"
	    "H3[3.2.2#article-3-2-2](D)");
	CHECK_BUILD(u, "{L}{##}Intro{S}{L}{###}Detail{S}{L}{#}Un{S}{L}{###}X",
	    "H2[#titre-intro](Intro)H3[#titre-detail](Detail)"
	    "H1[Article 1#article-1](Un)H3[#titre-x](X)");
	CHECK_BUILD(u, "{L}{#}A{S}{L}{##}a{S}{L}{##-}b{S}{L}{###}c{S}"
	    "{L}{##}d{S}{L}{###}e",
	    "H1[Article 1#article-1](A)H2[1.1#article-1-1](a)"
	    "H2[#titre-b](b)H3[#titre-c](c)H2[1.2#article-1-2](d)"
	    "H3[1.2.1#article-1-2-1](e)");
	CHECK_BUILD(u, "{L}{#}  Objet   du {**}contrat{**}  {S}{L}suite",
	    "H1[Article 1#article-1](Objet du <b:contrat>)P(suite)");
	CHECK_BUILD(u, "{L}texte{S}{L}{#}T{S}{L}- x",
	    "P(texte)H1[Article 1#article-1](T)P(- x)");
	CHECK_BUILD(u, "{L}{-}item{S}{L}{#}T{S}{L}  suite",
	    "UL{P(item)}H1[Article 1#article-1](T)P(suite)");
}

static void
test_anchors(struct unit *u)
{
	CHECK_BUILD(u, "{L}{#=resultats}R\xc3\xa9sultats{S}{L}{##=prix}Prix",
	    "H1[Article 1#resultats](R\xc3\xa9sultats)H2[1.1#prix](Prix)");
	CHECK_BUILD(u,
	    "{L}{#-}Pr\xc3\xa9" "ambule{S}{L}{#-}ENTRE LES SOUSSIGN\xc3\x89S{S}"
	    "{L}{#-}Pr\xc3\xa9" "ambule{S}{L}{#-}PR\xc3\x89" "AMBULE{S}"
	    "{L}{#-}\xc5\x92uvre & droits d\xe2\x80\x99" "auteur !{S}{L}{#-}",
	    "H1[#titre-preambule](Pr\xc3\xa9" "ambule)"
	    "H1[#titre-entre-les-soussignes](ENTRE LES SOUSSIGN\xc3\x89S)"
	    "H1[#titre-preambule-2](Pr\xc3\xa9" "ambule)"
	    "H1[#titre-preambule-3](PR\xc3\x89" "AMBULE)"
	    "H1[#titre-oeuvre-droits-d-auteur]"
	    "(\xc5\x92uvre & droits d\xe2\x80\x99" "auteur~!)"
	    "H1[#titre]()");
	/* Generated anchors never collide with a label. */
	CHECK_BUILD(u, "{L}{#=article-2}A{S}{L}{#}B",
	    "H1[Article 1#article-2](A)H1[Article 2#article-2-2](B)");
	CHECK_BUILD(u, "{L}{#-=annexe}Annexe",
	    "H1[#annexe](Annexe)");
}

#define REF_HEADS \
	"{L}{#=a}A{S}{L}{#=b}B{S}{L}{##=b1}B1{S}{L}{###=b11}B11{S}" \
	"{L}{#}C{S}{L}{#}D{S}{L}{#=e}E{S}{L}{#-=u}U{S}"
#define REF_DUMP \
	"H1[Article 1#a](A)H1[Article 2#b](B)H2[2.1#b1](B1)" \
	"H3[2.1.1#b11](B11)H1[Article 3#article-3](C)" \
	"H1[Article 4#article-4](D)H1[Article 5#e](E)H1[#u](U)"

static void
test_refs(struct unit *u)
{
	/* Forward reference, and the space before '.' goes. */
	CHECK_BUILD(u, "{L}voir l'{ref b} .{P}" REF_HEADS,
	    "P(voir l’<@b:article~2>.)" REF_DUMP);
	CHECK_BUILD(u, REF_HEADS "{L}{ref e, a, b}{S}{L}{ref a,e}",
	    REF_DUMP "P(articles~<@e:5>, <@a:1> et <@b:2> "
	    "articles~<@a:1> et <@e:5>)");
	CHECK_BUILD(u, REF_HEADS
	    "{L}{numero b}, {ref b1}, {ref b11}, {numero b1}",
	    REF_DUMP "P(<@b:2>, <@b1:article~2.1>, <@b11:article~2.1.1>, "
	    "<@b1:2.1>)");
	/* Unknown labels and unnumbered targets print a question mark. */
	CHECK_BUILD(u, REF_HEADS
	    "{L}{ref zz} ; {ref u} ; {ref a, zz} ; {numero zz}",
	    REF_DUMP "P(article~?~; article~?~; articles~<@a:1> et ?~;~?)");
	CHECK_BUILD(u, "{L}{#=x}Voir {ref y}{S}{L}{#=y}Y",
	    "H1[Article 1#x](Voir <@y:article~2>)H1[Article 2#y](Y)");
}

static void
test_lists(struct unit *u)
{
	struct stream s = { NULL, 0, false, 0 };
	struct doc d;

	CHECK_BUILD(u, "{L}{-}a{S}{L}{-}b{S}", "UL{P(a)|P(b)}");
	feed(&s, "{L}{O}a{S}{L}{O}b{S}{L}{O}c");
	build_document(&s, &d, NULL);
	CHECK(u, d.blocks.len == 1 && d.blocks.v[0].kind == BLOCK_LIST &&
	    d.blocks.v[0].u.list.ordered && d.blocks.v[0].u.list.len == 3);
	doc_free(&d);
	stream_free(&s);
	CHECK_BUILD(u, "{L}Intro :{S}{L}{-}a", "P(Intro~:)UL{P(a)}");
	CHECK_BUILD(u, "{L}{-}a{S}{L2}suite{S}{L4}et fin{S}{L}{-}b",
	    "UL{P(a suite et fin)|P(b)}");
	CHECK_BUILD(u, "{L}{-}a{P}{L2}second{S}{L2}x{P}{L}{-}b",
	    "UL{P(a)P(second x)|P(b)}");
	CHECK_BUILD(u, "{L}{-}a{P}{P}{L}{-}b{P}{L}{-}c",
	    "UL{P(a)|P(b)|P(c)}");
	CHECK_BUILD(u, "{L}{-}a{S}{L2}{-2}a1{S}{L2}{-2}a2{S}{L}{-}b",
	    "UL{P(a)UL{P(a1)|P(a2)}|P(b)}");
	CHECK_BUILD(u, "{L}{O}a{S}{L3}{-3}x{S}{L6}{O6}y{S}{L6}{O6}z{S}"
	    "{L3}{-3}w{S}{L}{O}b",
	    "OL{P(a)UL{P(x)OL{P(y)|P(z)}|P(w)}|P(b)}");
	CHECK_BUILD(u, "{L}{-}a{S}{L2}{-2}b{S}{L4}{-4}c{S}{L}{-}d",
	    "UL{P(a)UL{P(b)UL{P(c)}}|P(d)}");
	CHECK_BUILD(u, "{L}{-}a{S}{L2}{-2}b{S}{L2}suite de a",
	    "UL{P(a)UL{P(b)}P(suite de a)}");
	CHECK_BUILD(u, "{L}{-}a{S}{L}fin", "UL{P(a)}P(fin)");
	CHECK_BUILD(u, "{L}{-}a{P}{L}fin{S}{L}  suite",
	    "UL{P(a)}P(fin suite)");
	CHECK_BUILD(u, "{L}{-}a{S}{L}{O}b{S}{L}{-}c", "UL{P(a)}OL{P(b)}UL{P(c)}");
	CHECK_BUILD(u, "{L}{-}le {**}Client{**}  ;{S}{L2}{*}b{*} ,",
	    "UL{P(le <b:Client>~; <i:b>,)}");
	/* Indentation outside lists means nothing. */
	CHECK_BUILD(u, "{L4}a{S}{L}b", "P(a b)");
}

static void
test_signatures(struct unit *u)
{
	struct stream s = { NULL, 0, false, 0 };
	struct doc d;
	struct buf b;

	feed(&s, "{L}Fait \xc3\xa0 Paris.{S}");
	push_signatures(&s);
	feed(&s, "{L}Annexe{S}{L}{-}a{S}");
	push_signatures(&s);
	feed(&s, "{L2}suite");
	build_document(&s, &d, NULL);
	buf_init(&b);
	dump_blocks(&b, &d.blocks);
	CHECK_STR(u, buf_cstr(&b), "P(Fait \xc3\xa0 Paris.)"
	    "SIG{LeadMotiv/M. Julien Marchal/Pr\xc3\xa9sident|Client SA//}"
	    "P(Annexe)UL{P(a)}"
	    "SIG{LeadMotiv/M. Julien Marchal/Pr\xc3\xa9sident|Client SA//}"
	    "P(suite)");
	buf_free(&b);
	doc_free(&d);
	stream_free(&s);
}

/* French typography: apostrophes, quotes, numbers and units. */
static void
test_typography(struct unit *u)
{
	char *line;

	CHECK_BUILD(u, "{L}l'autre partie", "P(l\xe2\x80\x99" "autre partie)");
	CHECK_BUILD(u, "{L}dit \"oui\".",
	    "P(dit \xc2\xab~oui~\xc2\xbb.)");
	CHECK_BUILD(u, "{L}(\"a\") et \"b\"",
	    "P((\xc2\xab~a~\xc2\xbb) et \xc2\xab~b"
	    "~\xc2\xbb)");
	CHECK_BUILD(u, "{L}un préavis de 30 jours", "P(un préavis de 30"
	    "~jours)");
	CHECK_BUILD(u, "{L}1500 euros", "P(1500~euros)");
	/* Two values side by side that read as one number stay on one
	 * line: nothing is lost by it. */
	CHECK_BUILD(u, "{L}30 364 jours", "P(30~364~jours)");
	/* Issue 13: every space between groups of thousands. */
	CHECK_BUILD(u, "{L}1 500 € pour 12 000 contacts",
	    "P(1~500~€ pour 12~000 contacts)");
	CHECK_BUILD(u, "{L}SIREN 899 964 704, 1 234 567,50 et 0,5 100",
	    "P(SIREN 899~964~704, 1~234~567,50 et 0,5 100)");
	CHECK_BUILD(u, "{L}en 2026 100 fois, 12 1000, A12 345",
	    "P(en 2026 100 fois, 12 1000, A12 345)");
	CHECK_BUILD(u, "{L}à 10 h 30 ou h 30", "P(à 10~h~30 ou h 30)");
	/* A word with a digit keeps its hyphens on one line. */
	CHECK_BUILD(u, "{L}n\xc2\xb0 LM-2027-0042, L. 441-10, ci-après, -5, a-",
	    "P(n\xc2\xb0~LM=2027=0042, L.~441=10, ci-après, -5, a-)");
	CHECK_BUILD(u, "{L}https://x.fr/a-1 et jean-2@x.fr",
	    "P(https://x.fr/a-1 et jean-2@x.fr)");
	/* Ordinals: superscript letters, faulty forms left alone. */
	CHECK_BUILD(u, "{L}le 1er, la 1re, les 1res, la 2de, le 21e, 2es",
	    "P(le 1<s:er>, la 1<s:re>, les 1<s:res>, la 2<s:de>, le 21<s:e>, "
	    "2<s:es>)");
	CHECK_BUILD(u, "{L}2ème, 1e, 12de, A2e, 2e-3, 3ea, (2e)",
	    "P(2ème, 1e, 12de, A2e, 2e=3, 3ea, (2<s:e>))");
	CHECK_BUILD(u, "{L}le {**}2e{**} alinéa", "P(le <b:2><bs:e> alinéa)");
	CHECK_BUILD(u, "{L}rue du 1er-Mai", "P(rue du 1<s:er>=Mai)");
	/* Single quotes: opening ‘, closing and apostrophe ’. */
	CHECK_BUILD(u, "{L}le 'mot' et l'article ('x')",
	    "P(le \xe2\x80\x98mot\xe2\x80\x99 et l\xe2\x80\x99"
	    "article (\xe2\x80\x98x\xe2\x80\x99))");
	CHECK_BUILD(u, "{L}Contrat n\xc2\xb0 12 et art. 4",
	    "P(Contrat n\xc2\xb0~12 et art.~4)");
	CHECK_BUILD(u, "{L}le 15 mars et 3 anniversaires",
	    "P(le 15 mars et 3 anniversaires)");
	CHECK_BUILD(u, "{L}article 12 3456", "P(article 12 3456)");
	line = typeset_line(xstrdup("L'Atelier \"Dupont\""), false);
	CHECK_STR(u, line, "L\xe2\x80\x99" "Atelier \xc2\xab" NBSP "Dupont"
	    NBSP "\xc2\xbb");
	free(line);
	line = typeset_line(xstrdup("  dit \"oui\"  "), true);
	CHECK_STR(u, line, "dit \"oui\"");
	free(line);
}

/* A value of the client's: a verbatim text with its origin. */
static void
push_value(struct stream *s, const char *text, struct value_origin *o)
{
	struct etok *t = stream_text(s, text, strlen(text));

	t->verbatim = true;
	t->origin = origin_ref(o);
}

/* One paragraph "Entre A et B." where A and B are values. */
static void
two_values(struct doc *d, struct build_memo *memo, const char *a,
    struct value_origin *oa, const char *b, struct value_origin *ob)
{
	struct stream s = { NULL, 0, false, 0 };

	stream_push(&s, ET_LINE);
	stream_text(&s, "Entre ", 6);
	push_value(&s, a, oa);
	stream_text(&s, " et ", 4);
	push_value(&s, b, ob);
	stream_text(&s, ".", 1);
	build_document(&s, d, memo);
	stream_free(&s);
}

static void
print_text(struct buf *b, const void *text)
{
	buf_puts(b, text);
}

static const struct origin_ops text_ops = { print_text, NULL };

static struct value_origin *
origin(const char *expr)
{
	struct loc none = { NULL, 0, 0, 0, 0 };

	return origin_new(&text_ops, expr, expr, &none, NULL, NULL);
}

/*
 * The memo of paragraphs (doc/memo.c): a paragraph found there gets the
 * values of the document being built, not those of the one that kept
 * it; which pieces share a value is part of what is kept (a run of a
 * value is never merged with another value's); a memo stays within its
 * bytes.
 */
static void
test_memo(struct unit *u)
{
	struct build_memo *memo = build_memo_new(1u << 16);
	struct value_origin *a1 = origin("a"), *b1 = origin("b");
	struct value_origin *a2 = origin("a"), *b2 = origin("b");
	struct doc d0, d1, d2, d3, d4;
	const struct doc_runs *r1, *r2, *r3, *r4;
	char *text;
	size_t i;

	/* Met, then kept, then found. */
	two_values(&d0, memo, "Dupont", a1, "Durand", b1);
	doc_free(&d0);
	two_values(&d0, memo, "x", a1, ",y", a1);
	doc_free(&d0);
	two_values(&d0, memo, "x", a2, ",y", b2);
	doc_free(&d0);
	two_values(&d1, memo, "Dupont", a1, "Durand", b1);
	two_values(&d2, memo, "Dupont", a2, "Durand", b2);
	r1 = &d1.blocks.v[0].u.paragraph;
	r2 = &d2.blocks.v[0].u.paragraph;
	CHECK(u, r1->len == 5 && r2->len == 5);
	CHECK(u, r1->v[1].origin == a1 && r1->v[3].origin == b1);
	CHECK(u, r2->v[1].origin == a2 && r2->v[3].origin == b2);
	CHECK_STR(u, r2->v[3].text, "Durand");
	/* One value twice, its pieces side by side once the blank between
	 * them is gone ("x" then " " then "."…): that paragraph's key is
	 * not that of two values alike. */
	two_values(&d3, memo, "x", a1, ",y", a1);
	two_values(&d4, memo, "x", a2, ",y", b2);
	r3 = &d3.blocks.v[0].u.paragraph;
	r4 = &d4.blocks.v[0].u.paragraph;
	CHECK(u, r3->len == r4->len);
	for (i = 0; i < r4->len; i++)
		CHECK(u, r4->v[i].origin == NULL || r4->v[i].origin == a2 ||
		    r4->v[i].origin == b2);
	CHECK(u, r4->v[3].origin == b2 && r3->v[3].origin == a1);
	doc_free(&d1);
	doc_free(&d2);
	doc_free(&d3);
	doc_free(&d4);
	build_memo_free(memo);
	/* A thousand paragraphs of their own, each made twice, in a memo
	 * of 16 KB: it is emptied when full, never more; made once, a
	 * paragraph is not kept. */
	memo = build_memo_new(16384);
	free(build_with("{L}Un paragraphe d’un seul contrat.", memo));
	CHECK(u, build_memo_bytes(memo) == 0);
	for (i = 0; i < 1000; i++) {
		text = xasprintf("{L}Paragraphe numéro %zu du contrat.", i);
		free(build_with(text, memo));
		free(build_with(text, memo));
		free(text);
		CHECK(u, build_memo_bytes(memo) <= 16384);
	}
	CHECK(u, build_memo_bytes(memo) > 0);
	build_memo_free(memo);
	origin_unref(a1);
	origin_unref(b1);
	origin_unref(a2);
	origin_unref(b2);
}

void
test_build(struct unit *u)
{
	test_typography(u);
	test_doc_model(u);
	test_stream(u);
	test_paragraphs(u);
	test_whitespace(u);
	test_emphasis(u);
	test_headings(u);
	test_anchors(u);
	test_refs(u);
	test_lists(u);
	test_signatures(u);
	test_memo(u);
}
