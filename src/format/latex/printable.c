/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* What the TeX engines can print: the code points all three print
 * with their default fonts, the fonts fontconfig finds for the others
 * (--moteur xelatex or lualatex), and the one error per value that
 * holds a character none can print. */
#include <stdint.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

#include "base/diag.h"
#include "format/latex/render.h"

/*
 * Code points written as UTF-8: declared by LaTeX's utf8 input encoding
 * for T1/TS1 under pdflatex, and present in Latin Modern for xelatex
 * and lualatex (checked in regular, bold and italic).  Sorted ranges.
 */
static const struct {
	uint32_t	lo, hi;
} verbatim_ranges[] = {
	{ 0x00A1, 0x00AC }, { 0x00AE, 0x0125 }, { 0x0128, 0x0137 },
	{ 0x0139, 0x013E }, { 0x0141, 0x0148 }, { 0x014A, 0x0165 },
	{ 0x0168, 0x017E }, { 0x0192, 0x0192 }, { 0x01CD, 0x01D4 },
	{ 0x01E6, 0x01E7 }, { 0x01EA, 0x01EB }, { 0x01F0, 0x01F0 },
	{ 0x01F4, 0x01F5 }, { 0x0218, 0x021B }, { 0x0237, 0x0237 },
	{ 0x02C6, 0x02C7 }, { 0x02D8, 0x02D9 }, { 0x02DB, 0x02DD },
	{ 0x1E0D, 0x1E0D }, { 0x1E25, 0x1E25 }, { 0x1E37, 0x1E37 },
	{ 0x1E43, 0x1E43 }, { 0x1E45, 0x1E45 }, { 0x1E47, 0x1E47 },
	{ 0x1E5B, 0x1E5B }, { 0x1E63, 0x1E63 }, { 0x1E6D, 0x1E6D },
	{ 0x1EF2, 0x1EF3 }, { 0x2013, 0x2014 }, { 0x2016, 0x2016 },
	{ 0x2018, 0x201A }, { 0x201C, 0x201E }, { 0x2020, 0x2022 },
	{ 0x2026, 0x2026 }, { 0x2030, 0x2031 }, { 0x2039, 0x203B },
	{ 0x203D, 0x203D }, { 0x2044, 0x2044 }, { 0x2052, 0x2052 },
	{ 0x20A1, 0x20A1 }, { 0x20A4, 0x20A4 }, { 0x20A6, 0x20A6 },
	{ 0x20A9, 0x20A9 }, { 0x20AB, 0x20AC }, { 0x20B1, 0x20B1 },
	{ 0x2103, 0x2103 }, { 0x2116, 0x2117 }, { 0x211E, 0x211E },
	{ 0x2120, 0x2120 }, { 0x2122, 0x2122 }, { 0x2126, 0x2127 },
	{ 0x212E, 0x212E }, { 0x2190, 0x2193 }, { 0x2329, 0x232A },
	{ 0x2422, 0x2423 }, { 0x25E6, 0x25E6 }, { 0x266A, 0x266A },
	{ 0xFB00, 0xFB04 },
};

bool
is_verbatim(uint32_t cp)
{
	size_t lo = 0, hi = sizeof(verbatim_ranges) / sizeof(verbatim_ranges[0]);
	size_t mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp < verbatim_ranges[mid].lo)
			hi = mid;
		else if (cp > verbatim_ranges[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* Invisible characters: direction marks, joiners, variation selectors,
 * controls.  HTML does not show them either. */
bool
is_dropped(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
	    (cp >= 0x200C && cp <= 0x200F) ||
	    (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2060 && cp <= 0x2064) ||
	    (cp >= 0x2066 && cp <= 0x206F) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
	    (cp >= 0xE0000 && cp <= 0xE0FFF);
}

/* fontspec reads a family name in braces: nothing in it may be TeX. */
static bool
is_font_name(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == ' ' || *s == '-'))
			return false;
	return true;
}

/* A family's letters: A … Z, then BA, BB … */
void
put_family_id(struct buf *b, size_t i)
{
	if (i >= 26)
		put_family_id(b, i / 26);
	buf_putc(b, (char)('A' + i % 26));
}

/* Code points escape_cp writes some other way than as themselves. */
static bool
is_mapped(uint32_t cp)
{
	return cp < 0x80 || cp == 0x85 || cp == 0xA0 || cp == 0xAD ||
	    (cp >= 0x2000 && cp <= 0x2012) || cp == 0x2015 ||
	    cp == 0x202F || cp == 0x205F || cp == 0x2212 || cp == 0x3000;
}

/* Beyond what the three engines print with their default fonts. */
bool
is_foreign(uint32_t cp)
{
	return !is_mapped(cp) && !is_dropped(cp) && !is_verbatim(cp);
}

/* Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
 * presentation forms): their words are set right to left. */
static int
rtl_script(uint32_t cp)
{
	if ((cp >= 0x0590 && cp <= 0x05FF) || (cp >= 0xFB1D && cp <= 0xFB4F))
		return SCRIPT_HEBREW;
	if ((cp >= 0x0600 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
	    (cp >= 0xFE70 && cp <= 0xFEFF))
		return SCRIPT_ARABIC;
	return SCRIPT_NONE;
}

/* The family, found through fontconfig, that prints CP: -1 for the main
 * font (Latin Modern, as fontspec loads it), else an index into
 * E->families (added on first use), or -2 when no installed font has
 * it. */
int
font_for(struct esc *e, uint32_t cp)
{
	FcPattern *p, *m;
	FcCharSet *cs, *have;
	FcResult res;
	FcChar8 *name;
	int script = rtl_script(cp), found = -2;
	size_t i;

	if (e->fc == NULL && !e->fc_failed) {
		if ((e->fc = FcInitLoadConfigAndFonts()) == NULL)
			e->fc_failed = true;
	}
	if (e->fc == NULL)
		return -2;
	if (e->main == NULL && !e->main_failed) {
		p = FcNameParse((const FcChar8 *)LATEX_MAIN_FONT);
		m = p != NULL && FcConfigSubstitute(e->fc, p, FcMatchPattern) ?
		    (FcDefaultSubstitute(p), FcFontMatch(e->fc, p, &res)) : NULL;
		if (m != NULL && FcPatternGetString(m, FC_FAMILY, 0, &name) ==
		    FcResultMatch && strcmp((char *)name, LATEX_MAIN_FONT) == 0 &&
		    FcPatternGetCharSet(m, FC_CHARSET, 0, &have) == FcResultMatch)
			e->main = FcCharSetCopy(have);
		else
			e->main_failed = true;
		if (m != NULL)
			FcPatternDestroy(m);
		if (p != NULL)
			FcPatternDestroy(p);
	}
	if (script == SCRIPT_NONE && e->main != NULL &&
	    FcCharSetHasChar(e->main, cp))
		return -1;
	for (i = 0; i < e->ncache; i++)
		if (e->cache[i].cp == cp)
			return e->cache[i].family;
	p = FcPatternCreate();
	cs = FcCharSetCreate();
	if (p == NULL || cs == NULL || !FcCharSetAddChar(cs, cp) ||
	    !FcPatternAddCharSet(p, FC_CHARSET, cs) ||
	    !FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)"serif") ||
	    !FcConfigSubstitute(e->fc, p, FcMatchPattern))
		m = NULL;
	else {
		FcDefaultSubstitute(p);
		m = FcFontMatch(e->fc, p, &res);
	}
	if (m != NULL && FcPatternGetCharSet(m, FC_CHARSET, 0, &have) ==
	    FcResultMatch && FcCharSetHasChar(have, cp) &&
	    FcPatternGetString(m, FC_FAMILY, 0, &name) == FcResultMatch &&
	    is_font_name((const char *)name)) {
		for (i = 0; i < e->nfamilies; i++)
			if (e->families[i].script == script &&
			    strcmp(e->families[i].name, (char *)name) == 0)
				break;
		if (i == e->nfamilies) {
			e->families = xgrow(e->families, e->nfamilies,
			    sizeof(*e->families));
			e->families[i].name = xstrdup((const char *)name);
			e->families[i].script = script;
			e->nfamilies++;
		}
		found = (int)i;
	}
	e->cache = xgrow(e->cache, e->ncache, sizeof(*e->cache));
	e->cache[e->ncache].cp = cp;
	e->cache[e->ncache++].family = found;
	if (m != NULL)
		FcPatternDestroy(m);
	if (cs != NULL)
		FcCharSetDestroy(cs);
	if (p != NULL)
		FcPatternDestroy(p);
	return found;
}

/* CP could not be printed: kept for the value's error, once each. */
void
note_bad(struct esc *e, uint32_t cp)
{
	size_t i;

	for (i = 0; i < e->nbad; i++)
		if (e->bad[i] == cp)
			return;
	if (e->nbad < MAX_BAD)
		e->bad[e->nbad++] = cp;
	else
		e->more_bad = true;
}

/* The font group (index into E->families, or -1) that CP goes in, for
 * a foreign code point; -2 when it cannot be printed. */
int
group_for(struct esc *e, uint32_t cp)
{
	int f;

	if (!e->unicode) {
		note_bad(e, cp);
		return -2;
	}
	if ((f = font_for(e, cp)) == -2)
		note_bad(e, cp);
	return f;
}

/* The value in a message: one line, cut after VALUE_SHOWN characters. */
#define VALUE_SHOWN	60

static void
put_shown(struct buf *b, const char *s)
{
	size_t len = strlen(s), i = 0, k, n = 0;
	uint32_t cp;

	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		if (n++ == VALUE_SHOWN) {
			buf_puts(b, "\xe2\x80\xa6");
			return;
		}
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			buf_putc(b, ' ');
		else
			buf_put(b, s + i, k);
		i += k;
	}
}

/*
 * The characters of TEXT that the chosen engines cannot print (in
 * l->esc.bad) make one error for the value, located where the template
 * prints it, with a note on the data that gives it (its JSON path); a
 * value printed again is not reported again.  WHAT says what TEXT is
 * when it is not a client's value ("le titre"); FIELD, when not NULL,
 * is the field of O's value that TEXT is (a party's "nom").
 */
static void
report_value(struct latex *l, const struct value_origin *o, const char *field,
    const char *what, const char *text)
{
	struct esc *e = &l->esc;
	struct diagnostic *dg;
	struct buf chars, shown, expr, path;
	const char *key;
	size_t i;

	if (e->nbad == 0)
		return;
	/* The value's expression and JSON path, a party's field's with
	 * the field after them. */
	buf_init(&expr);
	buf_init(&path);
	if (o != NULL) {
		origin_expr(o, &expr);
		if (field != NULL)
			buf_printf(&expr, ".%s", field);
		if (o->path != NULL) {
			buf_puts(&path, o->path);
			if (field != NULL)
				buf_printf(&path, ".%s", field);
		}
	}
	key = o != NULL ? (o->path != NULL ? buf_cstr(&path) :
	    buf_cstr(&expr)) : text;
	for (i = 0; i < l->reported.len; i++)
		if (strcmp(l->reported.items[i], key) == 0)
			break;
	l->failed = true;
	if (i < l->reported.len) {
		e->nbad = 0;
		e->more_bad = false;
		buf_free(&expr);
		buf_free(&path);
		return;
	}
	ptrvec_push(&l->reported, xstrdup(key));
	buf_init(&chars);
	buf_init(&shown);
	buf_puts(&chars, e->nbad > 1 ? "les caract\xc3\xa8res " :
	    "le caract\xc3\xa8re ");
	for (i = 0; i < e->nbad; i++) {
		if (i > 0)
			buf_puts(&chars, ", ");
		buf_puts(&chars, "\xc2\xab ");
		buf_put_utf8(&chars, e->bad[i]);
		buf_printf(&chars, " \xc2\xbb (U+%04X)",
		    (unsigned)e->bad[i]);
	}
	if (e->more_bad)
		buf_puts(&chars, ", entre autres,");
	put_shown(&shown, text);
	if (o != NULL)
		what = "la valeur";
	dg = diag(l->ds, E_LATEX_CHAR, o != NULL ? &o->loc : NULL, what,
	    buf_cstr(&shown), buf_cstr(&chars), e->unicode ?
	    "aucune police install\xc3\xa9" "e ne contient" :
	    "pdflatex ne sait pas imprimer");
	if (dg != NULL && o != NULL) {
		struct loc data = origin_data(o);

		if (o->path != NULL)
			diag_note(dg, &data, "valeur de \xc2\xab %s"
			    " \xc2\xbb ; chemin JSON : %s", buf_cstr(&expr),
			    buf_cstr(&path));
		else
			diag_note(dg, NULL, "valeur de \xc2\xab %s"
			    " \xc2\xbb", buf_cstr(&expr));
	}
	if (dg != NULL)
		diag_hint(dg, "%s", e->unicode ? "installez une police qui "
		    "les contient (fontconfig la trouvera) ou remplacez-les "
		    "dans les donn\xc3\xa9" "es" : "produisez le LaTeX avec "
		    "--moteur xelatex ou --moteur lualatex, qui les impriment "
		    "avec les polices install\xc3\xa9" "es, ou remplacez-les "
		    "dans les donn\xc3\xa9" "es");
	buf_free(&chars);
	buf_free(&shown);
	buf_free(&expr);
	buf_free(&path);
	e->nbad = 0;
	e->more_bad = false;
}

void
report_bad(struct latex *l, const struct value_origin *o, const char *what,
    const char *text)
{
	report_value(l, o, NULL, what, text);
}

/* A field of a party's value: its own expression and JSON path. */
void
report_field(struct latex *l, const struct value_origin *o, const char *field,
    const char *text)
{
	if (l->esc.nbad == 0)
		return;
	if (o == NULL)
		report_value(l, NULL, NULL, "le bloc de signatures", text);
	else
		report_value(l, o, field, NULL, text);
}
