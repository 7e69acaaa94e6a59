/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* linebreak.c: the PDF backend's line breaker, with made-up metrics. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "format/pdf/lbmemo.h"
#include "format/pdf/linebreak.h"
#include "base/util.h"

#define EPS	0.001

/* Every character 450 thousandths of an em wide, 600 in style 2 (bold),
 * the space 250: at size 10, 4.5 points a letter, 2.5 a space. */
static int
fake_width(void *ctx, unsigned style, uint32_t cp)
{
	(void)ctx;
	if (cp == ' ')
		return 250;
	return style == 2 ? 600 : 450;
}

static void
layout(struct lb_para *p, const struct lb_span *s, size_t n, double width,
    enum lb_align align)
{
	struct lb_opts o;

	o.size = 10;
	o.width = width;
	o.align = align;
	o.measure = fake_width;
	o.ctx = NULL;
	o.widths = NULL;
	lb_para_init(p);
	lb_layout(p, s, n, &o);
}

static struct lb_span
text_span(const char *t, unsigned style)
{
	struct lb_span s;

	s.text = t;
	s.len = strlen(t);
	s.style = style;
	s.link = NULL;
	return s;
}

/* The line's text, pieces separated by one space when apart. */
static char *
line_text(const struct lb_para *p, size_t line)
{
	const struct lb_line *l = &p->lines[line];
	const struct lb_piece *pc;
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < l->count; i++) {
		pc = &p->pieces[l->first + i];
		if (i > 0 && pc->x > p->pieces[l->first + i - 1].x +
		    p->pieces[l->first + i - 1].width + EPS)
			buf_putc(&b, ' ');
		buf_put(&b, pc->text, pc->len);
	}
	return buf_detach(&b);
}

static double
line_right(const struct lb_para *p, size_t line)
{
	const struct lb_line *l = &p->lines[line];
	const struct lb_piece *pc;

	if (l->count == 0)
		return 0;
	pc = &p->pieces[l->first + l->count - 1];
	return pc->x + pc->width;
}

static bool
no_overflow(const struct lb_para *p, double width)
{
	size_t i, k;

	for (i = 0; i < p->nlines; i++)
		for (k = 0; k < p->lines[i].count; k++) {
			const struct lb_piece *pc =
			    &p->pieces[p->lines[i].first + k];

			if (pc->x < -EPS || pc->x + pc->width > width + EPS)
				return false;
		}
	return true;
}

static const char prose[] =
    "Le Prestataire recherche, pour le compte du Client, des entreprises "
    "et des décideurs susceptibles de devenir clients de celui-ci. Il "
    "recueille leurs coordonnées professionnelles, en vérifie "
    "l’exactitude, apprécie leur conformité aux critères de "
    "qualification convenus et transmet au Client les fiches ainsi "
    "constituées.";

static void
test_justified(struct unit *u)
{
	struct lb_para p;
	struct lb_span s = text_span(prose, 0);
	struct buf all;
	size_t i;
	char *t;
	bool justified = true, order;

	layout(&p, &s, 1, 300, LB_JUSTIFY);
	CHECK(u, p.nlines > 3);
	CHECK(u, no_overflow(&p, 300));
	for (i = 0; i + 1 < p.nlines; i++)
		if (fabs(line_right(&p, i) - 300) > EPS)
			justified = false;
	CHECK(u, justified);
	/* The last line keeps natural spaces: ragged. */
	CHECK(u, line_right(&p, p.nlines - 1) < 300 - EPS);
	buf_init(&all);
	for (i = 0; i < p.nlines; i++) {
		t = line_text(&p, i);
		/* A line may end after the hyphen of "celui-ci". */
		if (i > 0 && all.data[all.len - 1] != '-')
			buf_putc(&all, ' ');
		buf_puts(&all, t);
		free(t);
	}
	order = strcmp(buf_cstr(&all), prose) == 0;
	CHECK(u, order);
	if (!order)
		printf("  texte : %s\n", buf_cstr(&all));
	buf_free(&all);
	lb_para_free(&p);
}

static void
test_nbsp(struct unit *u)
{
	/* "article 2" must not be split, even if the line ends badly. */
	struct lb_para p;
	struct lb_span s = text_span("voir l’article\xc2\xa0" "2 et les "
	    "suivants du présent contrat", 0);
	size_t i, k;
	bool together = true;

	layout(&p, &s, 1, 80, LB_JUSTIFY);
	CHECK(u, no_overflow(&p, 80));
	for (i = 0; i < p.nlines; i++) {
		const struct lb_line *l = &p.lines[i];

		for (k = 0; k < l->count; k++) {
			const struct lb_piece *pc = &p.pieces[l->first + k];

			if (pc->len == strlen("l’article") &&
			    memcmp(pc->text, "l’article", pc->len) == 0 &&
			    (k + 1 == l->count ||
			    p.pieces[l->first + k + 1].text[0] != '2'))
				together = false;
		}
	}
	CHECK(u, together);
	lb_para_free(&p);
}

/* Whether some line of P reads WANT whole. */
static bool
some_line(const struct lb_para *p, const char *want)
{
	size_t i;
	bool found = false;

	for (i = 0; i < p->nlines && !found; i++) {
		char *t = line_text(p, i);

		found = strstr(t, want) != NULL;
		free(t);
	}
	return found;
}

/* Issue 13: a SIREN grouped by no-break spaces and a reference whose
 * hyphens are U+2011 (doc/build.c makes both) stay whole in a narrow
 * column, where the plain forms do break. */
static void
test_identifiers(struct unit *u)
{
	struct lb_para p;
	struct lb_span s = text_span("la société de SIREN 899\xc2\xa0"
	    "964\xc2\xa0" "704, dossier n\xc2\xb0\xc2\xa0"
	    "LM\xe2\x80\x91" "2027\xe2\x80\x91" "0042 du client", 0);
	double width;

	for (width = 70; width <= 120; width += 10) {
		layout(&p, &s, 1, width, LB_JUSTIFY);
		CHECK(u, no_overflow(&p, width));
		CHECK(u, some_line(&p, "899 964 704,"));
		CHECK(u, some_line(&p, "LM\xe2\x80\x91" "2027\xe2\x80\x91"
		    "0042"));
		lb_para_free(&p);
	}
	/* The control: ordinary spaces and hyphens do break there. */
	s = text_span("la société de SIREN 899 964 704, dossier "
	    "LM-ABCD-EFGH du client", 0);
	layout(&p, &s, 1, 50, LB_JUSTIFY);
	CHECK(u, !some_line(&p, "899 964 704,"));
	CHECK(u, !some_line(&p, "LM-ABCD-EFGH"));
	lb_para_free(&p);
}

static void
test_long_word(struct unit *u)
{
	struct lb_para p;
	struct lb_span s = text_span("IBAN FR7630006000011234567890189 "
	    "https://www.exemple.fr/conditions-generales-de-vente-2027.pdf "
	    "fin", 0);
	size_t i, chars = 0;

	layout(&p, &s, 1, 60, LB_JUSTIFY);
	CHECK(u, p.nlines >= 5);
	CHECK(u, no_overflow(&p, 60));
	for (i = 0; i < p.npieces; i++)
		chars += p.pieces[i].len;
	/* Every character is placed once (no hyphen added). */
	CHECK(u, chars == s.len - 3);
	lb_para_free(&p);

	/* A non-breaking group wider than the line breaks all the same. */
	s = text_span("a\xc2\xa0" "bb\xc2\xa0" "cc\xc2\xa0" "dd\xc2\xa0" "ee",
	    0);
	layout(&p, &s, 1, 30, LB_JUSTIFY);
	CHECK(u, p.nlines >= 2);
	CHECK(u, no_overflow(&p, 30));
	lb_para_free(&p);
}

static void
test_forced_break(struct unit *u)
{
	struct lb_para p;
	struct lb_span s[5];
	char *t;

	s[0] = text_span("LeadMotiv SAS", 0);
	s[1].text = NULL;
	s[1].len = 0;
	s[1].style = 0;
	s[1].link = NULL;
	s[2] = text_span("12 rue de la Paix", 0);
	s[3] = s[1];
	s[4] = text_span("75002 Paris", 0);
	layout(&p, s, 5, 300, LB_JUSTIFY);
	CHECK(u, p.nlines == 3);
	if (p.nlines == 3) {
		t = line_text(&p, 1);
		CHECK_STR(u, t, "12 rue de la Paix");
		free(t);
		/* Not stretched to the measure. */
		CHECK(u, line_right(&p, 0) < 100);
	}
	lb_para_free(&p);
}

static void
test_styles(struct unit *u)
{
	struct lb_para p;
	struct lb_span s[3];
	const void *link = "article-2";

	s[0] = text_span("une obligation de ", 0);
	s[1] = text_span("résultat", 2);
	s[2] = text_span(", voir l’article 2", 0);
	s[2].link = link;
	layout(&p, s, 3, 500, LB_JUSTIFY);
	CHECK(u, p.nlines == 1);
	/* "résultat," is one word in two pieces: bold, then regular. */
	CHECK(u, p.npieces == 8);
	if (p.npieces == 8) {
		CHECK(u, p.pieces[3].style == 2);
		CHECK(u, fabs(p.pieces[3].width - 8 * 6) < EPS);
		CHECK(u, p.pieces[4].len == 1 && p.pieces[4].text[0] == ',');
		CHECK(u, fabs(p.pieces[4].x - (p.pieces[3].x + 48)) < EPS);
		CHECK(u, p.pieces[4].link == link);
		CHECK(u, p.pieces[3].link == NULL);
	}
	lb_para_free(&p);
}

static void
test_hyphens(struct unit *u)
{
	struct lb_para p;
	struct lb_span s = text_span("aaaa porte-monnaie", 0);
	char *t;

	/* "aaaa porte-" is 10 characters and a space: 47.5 points. */
	layout(&p, &s, 1, 58, LB_LEFT);
	CHECK(u, p.nlines == 2);
	if (p.nlines == 2) {
		t = line_text(&p, 0);
		CHECK_STR(u, t, "aaaa porte-");
		free(t);
	}
	lb_para_free(&p);

	/* A soft hyphen breaks with a visible hyphen, else disappears. */
	s = text_span("aaaa exem\xc2\xad" "ple", 0);
	layout(&p, &s, 1, 50, LB_LEFT);
	CHECK(u, p.nlines == 2);
	if (p.nlines == 2) {
		t = line_text(&p, 0);
		CHECK_STR(u, t, "aaaa exem-");
		free(t);
	}
	lb_para_free(&p);
	layout(&p, &s, 1, 500, LB_LEFT);
	CHECK(u, p.nlines == 1);
	if (p.nlines == 1) {
		t = line_text(&p, 0);
		CHECK_STR(u, t, "aaaa exemple");
		free(t);
	}
	lb_para_free(&p);
}

static void
test_ragged_and_centered(struct unit *u)
{
	struct lb_para p;
	struct lb_span s = text_span("  un deux   trois quatre cinq  ", 0);
	char *t;

	layout(&p, &s, 1, 50, LB_LEFT);
	CHECK(u, p.nlines == 3);
	CHECK(u, no_overflow(&p, 50));
	if (p.nlines == 3) {
		t = line_text(&p, 0);
		CHECK_STR(u, t, "un deux");
		free(t);
		/* Natural spacing, from the left edge. */
		CHECK(u, fabs(p.pieces[0].x) < EPS);
		CHECK(u, fabs(p.pieces[1].x - 11.5) < EPS);
	}
	lb_para_free(&p);
	s = text_span("centre", 0);
	layout(&p, &s, 1, 100, LB_CENTER);
	CHECK(u, p.nlines == 1 && fabs(p.pieces[0].x - 36.5) < EPS);
	lb_para_free(&p);
	s = text_span("   ", 0);
	layout(&p, &s, 1, 100, LB_JUSTIFY);
	CHECK(u, p.nlines == 0);
	lb_para_free(&p);
}

static void
test_total_fit(struct unit *u)
{
	/* Three words of 4, spaces of 1 (stretch 1, shrink 0.5), width 9:
	 * "aaaa bbbb" then "cccc". */
	struct lb_item it[10];
	size_t *breaks = NULL, n, k = 0;
	int w;

	memset(it, 0, sizeof(it));
	for (w = 0; w < 3; w++) {
		it[k].kind = LB_BOX;
		it[k++].width = 4;
		if (w < 2) {
			it[k].kind = LB_GLUE;
			it[k].width = 1;
			it[k].stretch = 1;
			it[k++].shrink = 0.5;
		}
	}
	it[k].kind = LB_PENALTY;
	it[k++].penalty = LB_INF;
	it[k].kind = LB_GLUE;
	it[k++].stretch = 1e6;
	it[k].kind = LB_PENALTY;
	it[k++].penalty = -LB_INF;
	n = lb_total_fit(it, k, 9, 200, &breaks);
	CHECK(u, n == 2);
	if (n == 2) {
		CHECK(u, breaks[0] == 3);
		CHECK(u, breaks[1] == k - 1);
	}
	free(breaks);
	/* Too narrow for any word: no solution within tolerance. */
	n = lb_total_fit(it, k, 3, 200, &breaks);
	CHECK(u, n == 0 && breaks == NULL);
	n = lb_first_fit(it, k, 9, &breaks);
	CHECK(u, n == 2 && breaks[0] == 3);
	free(breaks);
}

/* A zero-width joiner or a direction mark takes no width and leaves no
 * character in the pieces: nothing to draw, so no blank box. */
static void
test_invisible(struct unit *u)
{
	struct lb_para p;
	struct lb_span s = text_span("Ana\xe2\x80\x8d\xc3\xafs\xe2\x80\x8e", 0);
	size_t i;
	bool clean = true;
	double w = 0;

	CHECK(u, lb_invisible(0x200D) && lb_invisible(0x200E) &&
	    lb_invisible(0xFEFF) && lb_invisible(0x2060));
	CHECK(u, !lb_invisible('a') && !lb_invisible(0xEF) &&
	    !lb_invisible(0x738B) && !lb_invisible(' '));
	layout(&p, &s, 1, 300, LB_LEFT);
	for (i = 0; i < p.npieces; i++) {
		clean = clean && memchr(p.pieces[i].text, 0xe2,
		    p.pieces[i].len) == NULL;
		w += p.pieces[i].width;
	}
	CHECK(u, p.nlines == 1 && clean);
	CHECK(u, fabs(w - 5 * 4.5) < EPS);
	lb_para_free(&p);
}

/* Whether A and B hold the same lines and pieces, B's texts and links
 * being at the same places in SB as A's in SA. */
static bool
same_lines(const struct lb_para *a, const struct lb_span *sa,
    const struct lb_para *b, const struct lb_span *sb, size_t n)
{
	size_t i, j;

	if (a->nlines != b->nlines || a->npieces != b->npieces)
		return false;
	for (i = 0; i < a->nlines; i++)
		if (a->lines[i].first != b->lines[i].first ||
		    a->lines[i].count != b->lines[i].count ||
		    a->lines[i].width != b->lines[i].width)
			return false;
	for (i = 0; i < a->npieces; i++) {
		const struct lb_piece *x = &a->pieces[i], *y = &b->pieces[i];
		bool placed = false;

		if (x->len != y->len || x->style != y->style || x->x != y->x ||
		    x->width != y->width || memcmp(x->text, y->text, x->len) != 0)
			return false;
		for (j = 0; j < n; j++) {
			if (x->link == sa[j].link && y->link != sb[j].link)
				return false;
			if (sa[j].text != NULL &&
			    (uintptr_t)x->text >= (uintptr_t)sa[j].text &&
			    (uintptr_t)x->text < (uintptr_t)sa[j].text +
			    sa[j].len)
				placed = (uintptr_t)y->text ==
				    (uintptr_t)sb[j].text +
				    ((uintptr_t)x->text - (uintptr_t)sa[j].text);
		}
		/* A hyphen a break added is no span's. */
		if (!placed && x->len != 1)
			return false;
	}
	return true;
}

/* The memo of lines (lbmemo.c): the same spans, in another document's
 * memory, get the lines lb_layout gives them, their pieces pointing
 * into that document's spans and links; other options, other lines;
 * and the memo is emptied between documents once over its bytes. */
static void
test_memo(struct unit *u)
{
	static const char link_a[] = "a", link_b[] = "b";
	struct lb_memo *m = lb_memo_new(4096);
	struct lb_span s1[3], s2[3];
	struct lb_para direct, kept, found, other;
	struct lb_opts o;
	char *t1, *t2, *u1, *u2, *line;
	size_t i;

	t1 = xstrdup("Le Prestataire recherche, pour le compte du Client, "
	    "des entreprises et des d\xc3\xa9" "cideurs susceptibles "
	    "de devenir clients de celui\xc2\xad" "ci, et les qualifie.");
	t2 = xstrdup(t1);
	u1 = xstrdup("Voir l\xe2\x80\x99" "article 4.");
	u2 = xstrdup(u1);
	s1[0] = text_span(t1, 0);
	memset(&s1[1], 0, sizeof(s1[1]));	/* a forced break */
	s1[2] = text_span(u1, 2);
	s1[2].link = link_a;
	memcpy(s2, s1, sizeof(s1));
	s2[0].text = t2;
	s2[2].text = u2;
	s2[2].link = link_b;
	o.size = 10;
	o.width = 120;
	o.align = LB_JUSTIFY;
	o.measure = fake_width;
	o.ctx = NULL;
	o.widths = NULL;
	lb_para_init(&direct);
	lb_para_init(&kept);
	lb_para_init(&found);
	lb_layout(&direct, s1, 3, &o);
	/* Met first, kept the second time, found the third. */
	lb_para_init(&other);
	lb_memo_layout(m, &other, s1, 3, &o);
	CHECK(u, lb_memo_bytes(m) == 0);
	CHECK(u, same_lines(&direct, s1, &other, s1, 3));
	lb_para_free(&other);
	lb_memo_layout(m, &kept, s1, 3, &o);
	CHECK(u, lb_memo_bytes(m) > 0);
	lb_memo_layout(m, &found, s2, 3, &o);
	CHECK(u, direct.nlines > 2);
	CHECK(u, same_lines(&direct, s1, &kept, s1, 3));
	CHECK(u, same_lines(&direct, s1, &found, s2, 3));
	line = line_text(&found, 0);
	CHECK(u, strncmp(line, "Le Prestataire", 14) == 0);
	free(line);
	/* Another measure is another key. */
	o.width = 90;
	lb_para_init(&other);
	lb_memo_layout(m, &other, s2, 3, &o);
	CHECK(u, other.nlines > direct.nlines);
	lb_para_free(&direct);
	lb_para_free(&kept);
	lb_para_free(&found);
	lb_para_free(&other);
	/* Bounded: many paragraphs of their own, a document each. */
	for (i = 0; i < 200; i++) {
		char *t = xasprintf("Paragraphe %zu du contrat, qui se distingue "
		    "des autres.", i);
		struct lb_span one = text_span(t, 0);

		lb_memo_next(m);
		lb_para_init(&other);
		lb_memo_layout(m, &other, &one, 1, &o);
		lb_memo_layout(m, &other, &one, 1, &o);
		lb_para_free(&other);
		free(t);
		CHECK(u, lb_memo_bytes(m) <= 4096 + 16384);
	}
	lb_memo_free(m);
	free(t1);
	free(t2);
	free(u1);
	free(u2);
}

/* A letter as wide as the int at CTX says, the space 250. */
static int
ctx_width(void *ctx, unsigned style, uint32_t cp)
{
	(void)style;
	return cp == ' ' ? 250 : *(const int *)ctx;
}

/* Widths kept from one paragraph to the next (lb_opts.widths) give the
 * lines measured afresh give, and are forgotten when the context or the
 * size changes. */
static void
test_widths(struct unit *u)
{
	static const double sizes[] = { 10, 10, 12, 10 };
	int narrow = 450, wide = 700;
	int *ctxs[] = { &narrow, &narrow, &narrow, &wide };
	struct lb_widths *w = lb_widths_new();
	struct lb_span s = text_span(prose, 0);
	struct lb_para fresh, kept;
	struct lb_opts o;
	size_t k;

	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		o.size = sizes[k];
		o.width = 300;
		o.align = LB_JUSTIFY;
		o.measure = ctx_width;
		o.ctx = ctxs[k];
		o.widths = NULL;
		lb_para_init(&fresh);
		lb_layout(&fresh, &s, 1, &o);
		o.widths = w;
		lb_para_init(&kept);
		lb_layout(&kept, &s, 1, &o);
		CHECK(u, fresh.nlines > 1);
		CHECK(u, same_lines(&fresh, &s, &kept, &s, 1));
		lb_para_free(&fresh);
		lb_para_free(&kept);
	}
	lb_widths_free(w);
}

void
test_linebreak(struct unit *u)
{
	test_invisible(u);
	test_justified(u);
	test_nbsp(u);
	test_identifiers(u);
	test_long_word(u);
	test_forced_break(u);
	test_styles(u);
	test_hyphens(u);
	test_ragged_and_centered(u);
	test_total_fit(u);
	test_memo(u);
	test_widths(u);
}
