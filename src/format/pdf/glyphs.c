/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * Characters in the PDF backend: what each face draws for a code point
 * (glyph_cp) and how wide (char_width, text_width); the checks made
 * before anything is drawn (valid UTF-8, a glyph for every character,
 * no combining mark left alone); and the encodings of each face's text
 * (CP1252, other Windows code pages, UTF-8, see render.h), chosen once
 * the characters are known, with the fonts handed to libharu for them.
 */
#include "format/pdf/glyphs.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/diag.h"
#include "format/pdf/haru.h"
#include "format/pdf/linebreak.h"
#include "format/pdf/render.h"

static bool	is_combining(uint32_t cp);

static const char *const code_pages[NCODE_PAGES] = {
	"CP1250", "CP1254", "CP1257", "CP1251", "CP1253", "CP1258"
};

/* CP1252's 0x80–0x9F; 0 where undefined. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

/* The character drawn for CP in FACE: CP itself, or a look-alike that
 * means the same when the font lacks it (many fonts have no U+2011, the
 * non-breaking hyphen, whose not breaking is the line breaker's
 * business); 0 when the face can draw neither. */
static uint32_t
font_glyph_cp(struct fonts *f, enum font_face face, uint32_t cp)
{
	static const uint32_t alike[][2] = {
		{ 0x2010, '-' },	/* hyphen */
		{ 0x2011, '-' },	/* non-breaking hyphen */
		{ 0x2012, 0x2013 },	/* figure dash */
	};
	size_t i;

	if (cp > 0xFFFF)
		return 0;
	/* The non-breaking hyphen of a reference ("LM-2027-0042") is drawn
	 * as the hyphen even when the font has it: the same shape, it stays
	 * in CP1252, and a copied reference reads with a plain hyphen. */
	if (cp == 0x2011 && fonts_has_glyph(f, face, '-'))
		return '-';
	if (fonts_has_glyph(f, face, cp))
		return cp;
	for (i = 0; i < sizeof(alike) / sizeof(alike[0]); i++)
		if (alike[i][0] == cp && fonts_has_glyph(f, face,
		    alike[i][1]))
			return alike[i][1];
	return 0;
}

uint32_t
glyph_cp(struct render *r, enum font_face face, uint32_t cp)
{
	size_t s = char_slot(cp);
	uint32_t g;

	if (s != NONE && r->glyph[face][s] != 0)
		return r->glyph[face][s] - 1;
	g = font_glyph_cp(r->fonts, face, cp);
	/* Only once the face is open: before, it has no glyph at all. */
	if (s != NONE && fonts_ready(r->fonts, face))
		r->glyph[face][s] = g + 1;
	return g;
}

/* The character at S (LEN bytes left, LEN > 0) into *CP; its length,
 * 0 for a byte that starts no character.  An ASCII byte, most of a
 * French text, without a call: every character drawn goes through
 * here three times (collect_chars, load_fonts, encode). */
static inline size_t
next_cp(const char *s, size_t len, uint32_t *cp)
{
	if ((unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	return utf8_decode(s, len, cp);
}

/* glyph_cp, its cached answer without a call. */
static inline uint32_t
glyph_of(struct render *r, unsigned face, uint32_t cp)
{
	size_t s = char_slot(cp);

	if (s != NONE && r->glyph[face][s] != 0)
		return r->glyph[face][s] - 1;
	return glyph_cp(r, (enum font_face)face, cp);
}

/* At most this many characters are named in one message. */
#define MISSING_SHOWN	8

void
glyphs_missing_message(const uint32_t *cps, size_t n, const char *family,
    const char *face, struct buf *why, struct buf *hint)
{
	size_t i;

	buf_puts(why, n > 1 ? "les caractères " : "le caractère ");
	for (i = 0; i < n && i < MISSING_SHOWN; i++) {
		if (i > 0)
			buf_puts(why, i + 1 == n ? " et " : ", ");
		buf_puts(why, "« ");
		buf_put_utf8(why, cps[i] < 0x20 || (cps[i] >= 0x7F &&
		    cps[i] < 0xA0) ? '?' : cps[i]);
		buf_printf(why, " » (U+%04X)", (unsigned)cps[i]);
	}
	if (n > MISSING_SHOWN)
		buf_printf(why, " et %zu autres", n - MISSING_SHOWN);
	buf_printf(why, " %s pas dans la police « %s » (%s) : %s",
	    n > 1 ? "n'existent" : "n'existe", family, face, n > 1 ?
	    "ils s'imprimeraient comme des carrés blancs" :
	    "il s'imprimerait comme un carré blanc");
	buf_printf(hint, "choisissez une police qui %s contient avec "
	    "--police, par exemple l'une de celles que nomme « fc-list "
	    "':charset=", n > 1 ? "les" : "le");
	for (i = 0; i < n && i < MISSING_SHOWN; i++)
		buf_printf(hint, "%s%x", i > 0 ? " " : "", (unsigned)cps[i]);
	buf_printf(hint, ":fontformat=TrueType' family », ou remplacez-%s "
	    "dans le modèle ou les données", n > 1 ? "les" : "le");
}

/* Adds CP to the N of CPS, unless there. */
static void
add_cp(uint32_t **cps, size_t *n, uint32_t cp)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*cps)[i] == cp)
			return;
	*cps = xgrow(*cps, *n, sizeof(**cps));
	(*cps)[(*n)++] = cp;
}

bool
glyphs_printable(struct fonts *f, const char *text, struct buf *why,
    struct buf *hint)
{
	size_t i, k, len = strlen(text), n = 0;
	uint32_t cp, *cps = NULL;

	if (!fonts_open(f, FACE_REGULAR))
		return true;	/* reported; nothing is rendered */
	for (i = 0; i < len; i += k) {
		/* ASCII, most of a value: drawn as itself when the font has
		 * it (font_glyph_cp), and neither invisible nor combining. */
		if ((unsigned char)text[i] < 0x80) {
			k = 1;
			cp = (unsigned char)text[i];
			if (cp > ' ' && !fonts_has_glyph(f, FACE_REGULAR, cp))
				add_cp(&cps, &n, cp);
			continue;
		}
		if ((k = utf8_decode(text + i, len - i, &cp)) == 0) {
			k = 1;
			continue;
		}
		/* What the line breaker makes glue, breaks or nothing,
		 * and combining marks, which the layout reports. */
		if (cp < 0x20 || cp == ' ' || cp == 0xA0 || cp == 0x202F ||
		    (cp >= 0x2000 && cp <= 0x200B) || cp == 0xAD ||
		    lb_invisible(cp) || is_combining(cp))
			continue;
		if (font_glyph_cp(f, FACE_REGULAR, cp) == 0)
			add_cp(&cps, &n, cp);
	}
	if (n > 0)
		glyphs_missing_message(cps, n, fonts_family(f),
		    fonts_face_label(FACE_REGULAR), why, hint);
	free(cps);
	return n == 0;
}

int
char_width(void *ctx, unsigned style, uint32_t cp)
{
	struct render *r = ctx;
	enum font_face face = (enum font_face)(style & 3);
	size_t s = char_slot(cp);
	uint32_t g;
	int w;

	if (s != NONE && r->width[face][s] > 0)
		return r->width[face][s] - 1;
	if (!fonts_open(r->fonts, face)) {
		r->failed = true;
		return 500;
	}
	g = glyph_cp(r, face, cp);
	w = fonts_advance(r->fonts, face, g != 0 ? g : cp);
	/* A space the font lacks still separates words; a missing glyph
	 * is reported once the text to draw is known. */
	if (w == 0 && cp == ' ')
		w = 250;
	if (s != NONE && w < INT16_MAX)
		r->width[face][s] = (int16_t)(w + 1);
	return w;
}

double
text_width(struct render *r, unsigned face, double size, const char *s,
    size_t len)
{
	size_t i, k;
	uint32_t cp;
	double w = 0;

	for (i = 0; i < len; i += k) {
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			k = 1;
			cp = 0xFFFD;
		}
		w += char_width(r, face, cp);
	}
	return w * size / 1000;
}

/* The CP1252 byte for CP, or 0. */
unsigned
cp1252_byte(uint32_t cp)
{
	unsigned i;

	if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xFF))
		return cp;
	for (i = 0; i < 32; i++)
		if (cp1252_high[i] == cp)
			return 0x80 + i;
	return 0;
}

static bool
check_utf8(struct render *r, const char *s, size_t len)
{
	size_t i, k;
	uint32_t cp;
	uint64_t word;

	for (i = 0; i < len; i += k) {
		/* Eight ASCII bytes at a time: most of the text. */
		if (len - i >= 8) {
			memcpy(&word, s + i, sizeof(word));
			if ((word & 0x8080808080808080u) == 0) {
				k = 8;
				continue;
			}
		}
		k = next_cp(s + i, len - i, &cp);
		if (k == 0) {
			diag(r->ds, F_TEXT_UTF8, NULL,
			    (unsigned)(unsigned char)s[i]);
			r->failed = true;
			return false;
		}
	}
	return true;
}

static bool
check_runs(struct render *r, const struct doc_runs *rs)
{
	size_t i;

	for (i = 0; i < rs->len; i++)
		if (!check_utf8(r, rs->v[i].text, strlen(rs->v[i].text)))
			return false;
	return true;
}

static bool
check_blocks(struct render *r, const struct doc_blocks *bs)
{
	const struct doc_block *b;
	const struct doc_party *p;
	size_t i, k;

	for (i = 0; i < bs->len; i++) {
		b = &bs->v[i];
		switch (b->kind) {
		case BLOCK_HEADING:
			if (!check_runs(r, &b->u.heading.title))
				return false;
			break;
		case BLOCK_PARAGRAPH:
			if (!check_runs(r, &b->u.paragraph))
				return false;
			break;
		case BLOCK_LIST:
			for (k = 0; k < b->u.list.len; k++)
				if (!check_blocks(r, &b->u.list.items[k]))
					return false;
			break;
		case BLOCK_SIGNATURES:
			for (k = 0; k < b->u.signatures.len; k++) {
				p = &b->u.signatures.parties[k];
				if (!check_utf8(r, p->name, strlen(p->name)) ||
				    !check_utf8(r, p->representant,
				    strlen(p->representant)) ||
				    !check_utf8(r, p->qualite,
				    strlen(p->qualite)))
					return false;
			}
			break;
		}
	}
	return true;
}

bool
check_document(struct render *r)
{
	const struct doc *d = r->doc;

	return (d->title == NULL || check_utf8(r, d->title,
	    strlen(d->title))) && (d->model == NULL || check_utf8(r,
	    d->model, strlen(d->model))) && check_blocks(r, &d->blocks);
}

/* Whether a missing CP of FACE was reported already; records it. */
static bool
reported(struct render *r, unsigned face, uint32_t cp)
{
	size_t i;

	for (i = 0; i < r->nmissing; i++)
		if (r->missing[i].face == face && r->missing[i].cp == cp)
			return true;
	r->missing = xgrow(r->missing, r->nmissing, sizeof(*r->missing));
	r->missing[r->nmissing].face = face;
	r->missing[r->nmissing].cp = cp;
	r->nmissing++;
	return false;
}

/* The document model has no source positions: say where the text is
 * in the contract instead, the words around it and its page. */
static void
note_piece_context(struct render *r, struct diagnostic *dg, size_t piece)
{
	size_t i, k, lo, hi;
	struct buf b;

	for (i = 0; i < r->nitems; i++) {
		const struct item *it = &r->items[i];

		if (piece < it->piece0 || piece >= it->piece0 + it->npieces)
			continue;
		lo = piece >= it->piece0 + 4 ? piece - 4 : it->piece0;
		hi = piece + 5 < it->piece0 + it->npieces ? piece + 5 :
		    it->piece0 + it->npieces;
		buf_init(&b);
		for (k = lo; k < hi; k++) {
			/* Two runs of one word (a value and its full stop)
			 * touch: no space between them. */
			if (k > lo && (r->pieces[k].y != r->pieces[k - 1].y ||
			    r->pieces[k].x > r->pieces[k - 1].x +
			    r->pieces[k - 1].width + 0.01))
				buf_putc(&b, ' ');
			buf_put(&b, r->pieces[k].text, r->pieces[k].len);
		}
		diag_note(dg, NULL, "dans « %s%s%s », page %zu du contrat",
		    lo > it->piece0 ? "…" : "", buf_cstr(&b),
		    hi < it->piece0 + it->npieces ? "…" : "", it->page + 1);
		buf_free(&b);
		return;
	}
}

/* Called for every character drawn: below U+0300 there are none. */
static bool
is_combining(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x300)
		return false;
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME;
}

/* The character before byte K of a piece, for the message ("q"). */
static const char *
base_before(const struct piece *pc, size_t k, char shown[8])
{
	size_t start = k;

	if (k == 0)
		return "?";
	start--;
	while (start > 0 && ((unsigned char)pc->text[start] & 0xC0) == 0x80)
		start--;
	if (k - start >= 8)
		return "?";
	memcpy(shown, pc->text + start, k - start);
	shown[k - start] = '\0';
	return shown;
}

/* One error for the characters of FACE missing in the text of a block
 * (the N of CPS), where PIECE is. */
static void
report_missing(struct render *r, unsigned face, const uint32_t *cps,
    size_t n, size_t piece)
{
	struct diagnostic *dg;
	struct buf why, hint;

	buf_init(&why);
	buf_init(&hint);
	glyphs_missing_message(cps, n, fonts_family(r->fonts),
	    fonts_face_label((enum font_face)face), &why, &hint);
	dg = diag(r->ds, E_GLYPH_MISSING, NULL, buf_cstr(&why));
	note_piece_context(r, dg, piece);
	diag_note(dg, NULL, "%s", buf_cstr(&hint));
	buf_free(&why);
	buf_free(&hint);
	r->failed = true;
}

/* The item holding PIECE, from item *AT on; NONE for the running
 * header and footer, which no item holds. */
static size_t
item_of(const struct render *r, size_t piece, size_t *at)
{
	while (*at < r->nitems && piece >= r->items[*at].piece0 +
	    r->items[*at].npieces)
		(*at)++;
	return *at < r->nitems && piece >= r->items[*at].piece0 ? *at :
	    NONE;
}

/* Records the code points of every piece per face, then decides each
 * face's encoding.  What a face cannot draw is reported once per block
 * of text (a paragraph, a heading) and face, all its characters in one
 * error: the values of the data were checked as they were printed
 * (glyphs_printable), so what is left is the template's own text. */
bool
collect_chars(struct render *r)
{
	const struct piece *pc;
	struct cpset *set;
	struct diagnostic *dg;
	size_t i, k, n, w, s, at = 0, item, group = NONE, first = 0, nlack = 0;
	uint64_t word, done[FACE_COUNT][CHAR_CACHE / 64], *seen;
	uint8_t done_ascii[FACE_COUNT][0x100], *ascii;
	const unsigned char *text;
	size_t len;
	unsigned lack_face = 0;
	uint32_t cp, g, *lack = NULL;
	char base[8];

	/* A common character seen in a face has nothing more to do there:
	 * its glyph is collected, or it is reported.  ASCII by byte (from
	 * 0x80, never set), the others by char_slot. */
	memset(done, 0, sizeof(done));
	memset(done_ascii, 0, sizeof(done_ascii));
	for (i = 0; i < r->npieces; i++) {
		pc = &r->pieces[i];
		set = &r->used[pc->face];
		item = item_of(r, i, &at);
		if (nlack > 0 && (item != group || item == NONE ||
		    pc->face != lack_face)) {
			report_missing(r, lack_face, lack, nlack, first);
			nlack = 0;
		}
		group = item;
		if (pc->len > 0 && set->bits == NULL)
			set->bits = xcalloc(0x10000 / 8, 1);
		seen = done[pc->face];
		ascii = done_ascii[pc->face];
		text = (const unsigned char *)pc->text;
		len = pc->len;
		for (k = 0; k < len; k += n) {
			/* ASCII seen already: most of the text. */
			while (k < len && ascii[text[k]] != 0)
				k++;
			if (k == len)
				break;
			n = next_cp(pc->text + k, len - k, &cp);
			if (n == 0)
				return false;
			if (cp < 0x80)
				ascii[cp] = 1;
			else if ((s = char_slot(cp)) != NONE) {
				if (seen[s / 64] >> (s % 64) & 1)
					continue;
				seen[s / 64] |= (uint64_t)1 << s % 64;
			}
			if (cp >= 0xAD && lb_invisible(cp))
				continue;
			g = glyph_of(r, pc->face, cp);
			/* What NFC left combining has no letter of its own:
			 * drawn apart, it would vanish or float (q̃). */
			if (is_combining(cp)) {
				if (!reported(r, pc->face, cp)) {
					dg = diag(r->ds, E_GLYPH_COMBINING, NULL,
					    (unsigned)cp, base_before(pc, k, base));
					note_piece_context(r, dg, i);
					r->failed = true;
				}
				continue;
			}
			if (g != 0 &&
			    (set->bits[g >> 3] & (1u << (g & 7))) != 0)
				continue;
			if (g != 0)
				set->bits[g >> 3] |= (uint8_t)(1u << (g & 7));
			else if (!reported(r, pc->face, cp)) {
				if (nlack == 0) {
					first = i;
					lack_face = pc->face;
				}
				add_cp(&lack, &nlack, cp);
			}
		}
	}
	if (nlack > 0)
		report_missing(r, lack_face, lack, nlack, first);
	free(lack);
	if (r->failed)
		return false;
	for (i = 0; i < FACE_COUNT; i++) {
		set = &r->used[i];
		if (set->bits == NULL)
			continue;
		/* Words of a line are drawn as one string with spaces. */
		if (fonts_has_glyph(r->fonts, (enum font_face)i, ' '))
			set->bits[' ' >> 3] |= 1u << (' ' & 7);
		/* In order, 64 code points at a time: most of the BMP is
		 * not used. */
		for (w = 0; w < 0x10000 / 8; w += 8) {
			memcpy(&word, set->bits + w, sizeof(word));
			if (word == 0)
				continue;
			for (cp = (uint32_t)w * 8; cp < (uint32_t)w * 8 + 64;
			    cp++)
				if (set->bits[cp >> 3] & (1u << (cp & 7))) {
					set->cps = xgrow(set->cps, set->len,
					    sizeof(*set->cps));
					set->cps[set->len++] = cp;
				}
		}
	}
	return true;
}

/* The code point of each byte of a libharu code page. */
static const uint16_t *
code_page(struct render *r, size_t k)
{
	HPDF_Encoder enc;
	unsigned b;

	if (!r->page_loaded[k]) {
		r->page_loaded[k] = true;
		enc = HPDF_GetEncoder(r->hpdf, code_pages[k]);
		if (enc == NULL || haru_failed(r, HPDF_OK))
			return NULL;
		for (b = 0x20; b < 0x100; b++)
			r->page_uni[k][b] = HPDF_Encoder_GetUnicode(enc,
			    (HPDF_UINT16)b);
		r->page_uni[k][0x7F] = 0;
	}
	return r->failed ? NULL : r->page_uni[k];
}

static unsigned
byte_in(const uint16_t *uni, uint32_t cp)
{
	unsigned b;

	for (b = 0x20; b < 0x100; b++)
		if (uni[b] == cp)
			return b;
	return 0;
}

/* Which of FACE's encodings draws CP (already a glyph's code point),
 * and as which byte; NONE when none does. */
size_t
char_encoding(const struct render *r, unsigned face, uint32_t cp,
    unsigned *byte)
{
	const struct face_fonts *ff = &r->hfont[face];
	size_t k;

	for (k = 0; k < ff->n; k++) {
		if (ff->e[k].utf8)
			return k;
		if (ff->e[k].cp1252)
			*byte = cp1252_byte(cp);
		else
			*byte = byte_in(ff->e[k].uni, cp);
		if (*byte != 0)
			return k;
	}
	return NONE;
}

/* The encodings are chosen once (load_fonts), and every character of
 * every piece is then sorted into one and encoded: the answers for
 * the common characters are kept, as char_encoding gives them,
 * including leaving *BYTE alone when it does (a UTF-8 encoding). */
#define ENC_KNOWN	0x8000
#define ENC_BYTE	0x4000	/* *BYTE set */
#define ENC_NONE	0xF

static inline size_t
encoding_of(struct render *r, unsigned face, uint32_t g, unsigned *byte)
{
	size_t s = char_slot(g), e;
	unsigned v, b;

	if (s != NONE && (v = r->enc_of[face][s]) != 0) {
		if (v & ENC_BYTE)
			*byte = v & 0xFF;
		e = v >> 8 & 0xF;
		return e == ENC_NONE ? NONE : e;
	}
	b = 0x100;	/* none of char_encoding's answers */
	e = char_encoding(r, face, g, &b);
	if (b != 0x100)
		*byte = b;
	if (s != NONE)
		r->enc_of[face][s] = (uint16_t)(ENC_KNOWN | (b != 0x100 ?
		    ENC_BYTE | b : 0) | (e == NONE ? ENC_NONE : e) << 8);
	return e;
}

size_t
glyph_encoding(struct render *r, unsigned face, uint32_t g, unsigned *byte)
{
	return encoding_of(r, face, g, byte);
}

static bool
add_encoding(struct render *r, unsigned face, const char *font,
    const char *name, const uint16_t *uni)
{
	struct face_fonts *ff = &r->hfont[face];
	struct encoding *e = &ff->e[ff->n];

	e->font = HPDF_GetFont(r->hpdf, font, name);
	if (e->font == NULL || haru_failed(r, HPDF_OK))
		return false;
	e->cp1252 = strcmp(name, "CP1252") == 0;
	e->utf8 = strcmp(name, "UTF-8") == 0;
	e->uni = uni;
	ff->n++;
	return true;
}

/* The encodings for the code points CPS of a face: CP1252 for what it
 * has, then the code page covering most of the rest while one covers
 * any, then UTF-8 for what is left. */
static bool
choose_encodings(struct render *r, unsigned face, const char *font,
    const uint32_t *cps, size_t n)
{
	uint32_t *rest = xcalloc(n + 1, sizeof(*rest));
	size_t nrest = 0, i, k, best, count, best_count;
	bool used[NCODE_PAGES], latin = false, ok = true;
	const uint16_t *uni;

	memset(used, 0, sizeof(used));
	for (i = 0; i < n; i++) {
		if (cps[i] == ' ')
			continue;	/* every encoding has it */
		if (cp1252_byte(cps[i]) != 0)
			latin = true;
		else
			rest[nrest++] = cps[i];
	}
	if (latin || nrest == 0)
		ok = add_encoding(r, face, font, "CP1252", NULL);
	while (ok && nrest > 0 && r->hfont[face].n < MAX_ENCODINGS - 1) {
		best = NONE;
		best_count = 0;
		for (k = 0; k < NCODE_PAGES && ok; k++) {
			if (used[k])
				continue;
			if ((uni = code_page(r, k)) == NULL) {
				ok = false;
				break;
			}
			for (i = count = 0; i < nrest; i++)
				count += byte_in(uni, rest[i]) != 0;
			if (count > best_count) {
				best = k;
				best_count = count;
			}
		}
		if (!ok || best == NONE)
			break;
		used[best] = true;
		ok = add_encoding(r, face, font, code_pages[best],
		    r->page_uni[best]);
		for (i = k = 0; i < nrest; i++)
			if (byte_in(r->page_uni[best], rest[i]) == 0)
				rest[k++] = rest[i];
		nrest = k;
	}
	if (ok && nrest > 0) {
		/* Only when needed: libharu builds 65 536-entry tables. */
		if (!r->utf && haru_failed(r, HPDF_UseUTFEncodings(r->hpdf)))
			ok = false;
		r->utf = true;
		if (ok)
			ok = add_encoding(r, face, font, "UTF-8", NULL);
	}
	free(rest);
	return ok;
}

/*
 * The ToUnicode map of encoding E of FACE: each code its characters
 * are drawn with, to the character.  CP1252 needs none, its glyph names
 * being the standard ones; the other code pages do (poppler reads the
 * Greek "mu" as the micro sign), and the UTF-8 font replaces libharu's,
 * which is not one (see haru_set_to_unicode).
 */
static bool
write_to_unicode(struct render *r, unsigned face, size_t e)
{
	const struct cpset *set = &r->used[face];
	const struct encoding *enc = &r->hfont[face].e[e];
	struct buf cmap, entries;
	size_t i, n = 0, block = 0;
	unsigned byte = 0;
	bool ok;

	buf_init(&cmap);
	buf_init(&entries);
	for (i = 0; i < set->len; i++) {
		/* A space is drawn in whatever encoding its line is. */
		if (set->cps[i] == ' ')
			byte = ' ';
		else if (char_encoding(r, face, set->cps[i], &byte) != e)
			continue;
		/* At most 100 entries a block, says the CMap format. */
		if (block == 100) {
			buf_printf(&cmap, "%zu beginbfchar\n%sendbfchar\n", block,
			    buf_cstr(&entries));
			buf_reset(&entries);
			block = 0;
		}
		if (enc->utf8)
			buf_printf(&entries, "<%04X> <%04X>\n",
			    (unsigned)set->cps[i], (unsigned)set->cps[i]);
		else
			buf_printf(&entries, "<%02X> <%04X>\n", byte,
			    (unsigned)set->cps[i]);
		block++;
		n++;
	}
	if (block > 0)
		buf_printf(&cmap, "%zu beginbfchar\n%sendbfchar\n", block,
		    buf_cstr(&entries));
	buf_reset(&entries);
	buf_printf(&entries, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) "
	    "/Ordering (UCS) /Supplement 0 >> def\n/CMapName "
	    "/Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n%s\nendcodespacerange\n%s"
	    "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n", enc->utf8 ? "<0000> <FFFF>" : "<00> <FF>",
	    buf_cstr(&cmap));
	ok = n == 0 || haru_set_to_unicode(r, enc->font, entries.data,
	    entries.len);
	buf_free(&cmap);
	buf_free(&entries);
	return ok;
}

/* Loads the faces drawn, and only those, then notes each piece's
 * encoding (MIXED when its characters need several). */
bool
load_fonts(struct render *r)
{
	struct buf sub;
	const char *name;
	struct piece *pc;
	size_t i, k, n, e, first;
	uint32_t cp;
	unsigned byte;
	bool single[FACE_COUNT];

	buf_init(&sub);
	for (i = 0; i < FACE_COUNT && !r->failed; i++) {
		if (r->used[i].len == 0)
			continue;
		buf_reset(&sub);
		if (!fonts_subset(r->fonts, (enum font_face)i, r->used[i].cps,
		    r->used[i].len, &sub)) {
			r->failed = true;
			break;
		}
		if ((name = haru_load_font(r, &sub, i)) == NULL ||
		    !choose_encodings(r, (unsigned)i, name, r->used[i].cps,
		    r->used[i].len)) {
			if (!r->failed) {
				diag(r->ds, F_RENDER, NULL, "libharu refuse "
				    "une police");
				r->failed = true;
			}
			break;
		}
		for (e = 0; e < r->hfont[i].n && !r->failed; e++)
			if (!r->hfont[i].e[e].cp1252 &&
			    !write_to_unicode(r, (unsigned)i, e))
				r->failed = true;
	}
	buf_free(&sub);
	/* A face whose glyphs all go through its one encoding: a piece of
	 * it is in that encoding once it has a visible character (every
	 * glyph drawn is among those collected), found without going
	 * through all its text. */
	for (i = 0; i < FACE_COUNT && !r->failed; i++) {
		single[i] = r->hfont[i].n == 1;
		for (k = 0; k < r->used[i].len && single[i]; k++)
			if (encoding_of(r, (unsigned)i, r->used[i].cps[k],
			    &byte) != 0)
				single[i] = false;
	}
	for (i = 0; i < r->npieces && !r->failed; i++) {
		pc = &r->pieces[i];
		pc->enc = MIXED;
		if (single[pc->face]) {
			for (k = 0; k < pc->len; k += n) {
				n = next_cp(pc->text + k, pc->len - k, &cp);
				if (n == 0)
					n = 1;
				if (cp < 0xAD || !lb_invisible(cp)) {
					pc->enc = 0;
					break;
				}
			}
			continue;
		}
		for (k = 0, first = NONE; k < pc->len; k += n) {
			n = next_cp(pc->text + k, pc->len - k, &cp);
			if (n == 0)
				n = 1;
			if (cp >= 0xAD && lb_invisible(cp))
				continue;
			e = encoding_of(r, pc->face, glyph_of(r, pc->face, cp),
			    &byte);
			if (first == NONE)
				first = e;
			else if (e != first)
				break;
		}
		if (k >= pc->len && first != NONE)
			pc->enc = (uint8_t)first;
	}
	return !r->failed;
}

/* Appends text as encoding E of FACE wants it. */
void
encode(struct render *r, unsigned face, size_t e, const char *s, size_t len,
    struct buf *b)
{
	size_t i, k;
	uint32_t cp;
	unsigned byte = 0, known;
	const uint8_t *ascii;
	char *q;

	if (r->hfont[face].e[e].utf8) {
		for (i = 0; i < len; i += k) {
			k = next_cp(s + i, len - i, &cp);
			if (k == 0)
				k = 1;
			if (cp >= 0xAD && lb_invisible(cp))
				continue;
			buf_put_utf8(b, glyph_of(r, face, cp));
		}
		return;
	}
	/* A byte at most per character, written in place: this runs for
	 * every character drawn.  An ASCII character whose byte is known
	 * (R->ascii) is a look-up; the others go through encoding_of. */
	if (len >= b->cap - b->len)
		buf_grow(b, len);
	q = b->data + b->len;
	ascii = r->ascii[face];
	for (i = 0; i < len; i += k) {
		while (i < len && (byte = ascii[(unsigned char)s[i]]) != 0) {
			*q++ = (char)byte;
			i++;
		}
		if (i == len)
			break;
		k = next_cp(s + i, len - i, &cp);
		if (k == 0)
			k = 1;
		if (cp >= 0xAD && lb_invisible(cp))
			continue;
		/* No byte from encoding_of leaves the last one. */
		known = 0x100;
		encoding_of(r, face, glyph_of(r, face, cp), &known);
		if (known != 0x100) {
			byte = known;
			if (cp < 0x80)
				r->ascii[face][cp] = (uint8_t)byte;
		}
		*q++ = (char)byte;
	}
	b->len = (size_t)(q - b->data);
	b->data[b->len] = '\0';
}
