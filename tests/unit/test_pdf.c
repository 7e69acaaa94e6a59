/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* fonts.c and pdf.c with the default family (fonts-liberation2). */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "format/format.h"
#include "base/diag.h"
#include "doc/doc.h"
#include "format/pdf/fonts.h"
#include "base/util.h"

static unsigned
be16(const char *p)
{
	return (unsigned)((unsigned char)p[0] << 8 | (unsigned char)p[1]);
}

static unsigned long
be32(const char *p)
{
	return (unsigned long)be16(p) << 16 | be16(p + 2);
}

/* The table TAG of a TrueType file in B, or NULL. */
static const char *
table(const struct buf *b, const char *tag, size_t *len)
{
	unsigned n, i;

	if (b->len < 12)
		return NULL;
	n = be16(b->data + 4);
	for (i = 0; i < n && 12 + 16 * (i + 1) <= b->len; i++) {
		const char *rec = b->data + 12 + 16 * i;

		if (memcmp(rec, tag, 4) == 0 && be32(rec + 8) +
		    be32(rec + 12) <= b->len) {
			*len = be32(rec + 12);
			return b->data + be32(rec + 8);
		}
	}
	return NULL;
}

static void
test_fonts(struct unit *u, FILE *devnull)
{
	struct diags *ds = diags_new(diag_sink_stream, devnull);
	struct fonts *f = fonts_new(NULL, ds);
	static const uint32_t cps[] = { 'L', 'e', ' ', 0xE9, 0x153, 0x20AC };
	struct buf b;
	const char *t;
	size_t len = 0;
	int a;

	CHECK_STR(u, fonts_family(f), "Liberation Serif");
	CHECK(u, fonts_open(f, FACE_REGULAR));
	CHECK(u, fonts_open(f, FACE_BOLD_ITALIC));
	/* é œ € ’ « and the no-break space: full French coverage. */
	CHECK(u, fonts_has_glyph(f, FACE_REGULAR, 0xE9));
	CHECK(u, fonts_has_glyph(f, FACE_REGULAR, 0x153));
	CHECK(u, fonts_has_glyph(f, FACE_REGULAR, 0x152));
	CHECK(u, fonts_has_glyph(f, FACE_REGULAR, 0x20AC));
	CHECK(u, fonts_has_glyph(f, FACE_REGULAR, 0x2019));
	CHECK(u, fonts_has_glyph(f, FACE_BOLD_ITALIC, 0xAB));
	CHECK(u, fonts_has_glyph(f, FACE_REGULAR, 0xA0));
	CHECK(u, !fonts_has_glyph(f, FACE_REGULAR, 0x6F22));
	CHECK(u, !fonts_has_glyph(f, FACE_REGULAR, 0x1F600));
	/* Times metrics: a space of 250 thousandths, "a" of 443. */
	CHECK(u, fonts_advance(f, FACE_REGULAR, ' ') == 250);
	a = fonts_advance(f, FACE_REGULAR, 'a');
	CHECK(u, a > 400 && a < 460);
	CHECK(u, fonts_advance(f, FACE_REGULAR, 0x6F22) == 0);

	/* A subset: a TrueType file of a handful of glyphs. */
	buf_init(&b);
	CHECK(u, fonts_subset(f, FACE_REGULAR, cps, sizeof(cps) /
	    sizeof(cps[0]), &b));
	CHECK(u, b.len > 12 && be32(b.data) == 0x00010000UL);
	t = table(&b, "maxp", &len);
	/* .notdef, the six characters, H and x, and the accents of
	 * composite glyphs. */
	CHECK(u, t != NULL && len >= 6 && be16(t + 4) >= 9 &&
	    be16(t + 4) < 20);
	CHECK(u, table(&b, "glyf", &len) != NULL && len > 0 && len < 8000);
	CHECK(u, table(&b, "cmap", &len) != NULL);
	CHECK(u, table(&b, "post", &len) != NULL && len == 32);
	CHECK(u, b.len < 12000);
	buf_free(&b);
	fonts_free(f);
	CHECK(u, diags_count(ds, SEV_FATAL) == 0);

	f = fonts_new("Police Qui N'Existe Pas", ds);
	CHECK(u, !fonts_open(f, FACE_REGULAR));
	CHECK(u, !fonts_open(f, FACE_REGULAR));	/* reported once */
	CHECK(u, diags_count(ds, SEV_FATAL) == 1);
	fonts_free(f);
	diags_free(ds);
}

static void
para(struct doc *d, const char *text, unsigned style, const char *link)
{
	struct doc_block *b = doc_blocks_push(&d->blocks, BLOCK_PARAGRAPH);

	doc_runs_push(&b->u.paragraph, "Le ", 3, 0, NULL);
	doc_runs_push(&b->u.paragraph, text, strlen(text), style, link);
	doc_runs_push(&b->u.paragraph, " s\xe2\x80\x99" "applique.", 12, 0,
	    NULL);
}

static void
sample(struct doc *d, const char *word)
{
	struct doc_block *b;
	struct doc_party *p;

	memset(d, 0, sizeof(*d));
	d->title = xstrdup("Contrat d\xe2\x80\x99" "essai");
	d->model = xstrdup("Essai");
	b = doc_blocks_push(&d->blocks, BLOCK_HEADING);
	b->u.heading.level = 1;
	b->u.heading.number = xstrdup("1");
	b->u.heading.anchor = xstrdup("objet");
	doc_runs_push(&b->u.heading.title, "Objet", 5, 0, NULL);
	para(d, word, STYLE_BOLD, "objet");
	b = doc_blocks_push(&d->blocks, BLOCK_SIGNATURES);
	b->u.signatures.len = 2;
	b->u.signatures.parties = xcalloc(2, sizeof(*p));
	p = &b->u.signatures.parties[0];
	p->name = xstrdup("LeadMotiv SAS");
	p->representant = xstrdup("M. Julien Marchal");
	p->qualite = xstrdup("Pr\xc3\xa9sident");
	p = &b->u.signatures.parties[1];
	p->name = xstrdup("Soci\xc3\xa9t\xc3\xa9 Martin");
	p->representant = xstrdup("");
	p->qualite = xstrdup("");
}

/* CREATED: seconds since 1970, or -1 for no date. */
static bool
render(const struct doc *d, struct diags *ds, long long created,
    struct buf *out)
{
	const struct backend *pdf = format_by_name(&format_builtin, "pdf");
	struct render_opts o;
	void *state;
	bool ok;

	memset(&o, 0, sizeof(o));
	o.generator = "lgc test";
	o.created = created;
	state = pdf->new(&o, ds);
	ok = pdf->render(state, d, out);
	pdf->free(state);
	return ok;
}

static bool
contains(const struct buf *b, const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, s, n) == 0)
			return true;
	return false;
}

static void
test_render(struct unit *u, FILE *devnull)
{
	struct diags *ds = diags_new(diag_sink_stream, devnull);
	struct doc d;
	struct buf a, b;

	sample(&d, "pr\xc3\xa9sent contrat \xc2\xab" "\xc2\xa0" "cadre"
	    "\xc2\xa0\xc2\xbb");
	buf_init(&a);
	buf_init(&b);
	CHECK(u, render(&d, ds, -1, &a));
	CHECK(u, a.len > 1000 && memcmp(a.data, "%PDF-1.", 7) == 0);
	CHECK(u, contains(&a, "%%EOF"));
	CHECK(u, contains(&a, "/FontFile2"));
	CHECK(u, contains(&a, "/Outlines"));
	CHECK(u, contains(&a, "/Link"));
	CHECK(u, contains(&a, "/FlateDecode"));
	/* No date unless given one, and the same bytes twice. */
	CHECK(u, !contains(&a, "/CreationDate"));
	CHECK(u, render(&d, ds, -1, &b));
	CHECK(u, a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	buf_reset(&b);
	CHECK(u, render(&d, ds, 1700000000, &b));
	CHECK(u, contains(&b, "/CreationDate (D:20231114221320Z"));
	CHECK(u, contains(&b, "/ModDate (D:20231114221320Z"));
	CHECK(u, diags_count(ds, SEV_FATAL) == 0);
	doc_free(&d);

	/* A character the font lacks: an error, no output. */
	sample(&d, "\xe6\xbc\xa2");
	buf_reset(&b);
	CHECK(u, !render(&d, ds, -1, &b));
	CHECK(u, diags_count(ds, SEV_ERROR) == 1);
	CHECK(u, diags_count(ds, SEV_FATAL) == 0);
	doc_free(&d);
	buf_free(&a);
	buf_free(&b);
	diags_free(ds);
}

void
test_pdf(struct unit *u)
{
	FILE *devnull = fopen("/dev/null", "w");

	if (devnull == NULL) {
		CHECK(u, devnull != NULL);
		return;
	}
	test_fonts(u, devnull);
	test_render(u, devnull);
	fclose(devnull);
}
