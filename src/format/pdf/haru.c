/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * libharu under the PDF backend's rules: its memory through lgc's
 * allocator; its errors recorded by a callback that only records them,
 * every call's status checked and the first error reported once; and
 * the fonts handed to it from memory.
 */
#include "format/pdf/haru.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
/* Fonts are handed to libharu from memory through functions and
 * structures its 2.3 headers declare (haru_load_font). */
#if HPDF_VERSION_ID < 20300 || HPDF_VERSION_ID >= 20400
#error "libharu 2.3 is needed: haru_load_font uses its internals"
#endif
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>

#include "base/diag.h"
#include "format/pdf/render.h"

static void
hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	struct render *r = user_data;

	/* The first error explains; later ones follow from it. */
	if (r->hpdf_error == 0) {
		r->hpdf_error = error_no;
		r->hpdf_detail = detail_no;
	}
}

static void *
hpdf_alloc(HPDF_UINT size)
{
	return xmalloc(size);
}

static void
hpdf_free(void *p)
{
	free(p);
}

/*
 * libharu's memory pool: its objects handed out from blocks of this
 * size, all freed with the document, rather than a malloc and a free
 * each (2.6 M of the 42 M instructions of one PDF of the lead-generation
 * example; the memory libharu frees as it goes is kept until the end:
 * some 30 more page faults).  Only where libharu aligns what it hands
 * out: the libharu ./lgc compiles does (libharu.patch), Debian's packs
 * the pool byte after byte, which the document made tells at once (two
 * bytes asked for, 8 apart or not); it is then made again without.
 */
#define HARU_POOL	(64u << 10)

static bool
pool_aligned(HPDF_Doc pdf)
{
	uintptr_t a = (uintptr_t)HPDF_GetMem(pdf->mmgr, 1);
	uintptr_t b = (uintptr_t)HPDF_GetMem(pdf->mmgr, 1);

	return a != 0 && b != 0 && a % 8 == 0 && b % 8 == 0;
}

bool
haru_start(struct render *r)
{
	r->hpdf = HPDF_NewEx(hpdf_error, hpdf_alloc, hpdf_free, HARU_POOL, r);
	if (r->hpdf != NULL && !pool_aligned(r->hpdf)) {
		HPDF_Free(r->hpdf);
		r->hpdf = HPDF_NewEx(hpdf_error, hpdf_alloc, hpdf_free, 0, r);
	}
	if (r->hpdf == NULL) {
		diag(r->ds, F_RENDER, NULL, "libharu n'a pas pu démarrer");
		return false;
	}
	return true;
}

/* Whether libharu failed; reports it once. */
bool
haru_failed(struct render *r, HPDF_STATUS status)
{
	const char *what;

	if (status == HPDF_OK && r->hpdf_error == 0)
		return false;
	if (r->failed)
		return true;
	r->failed = true;
	if (r->hpdf_error == 0)
		r->hpdf_error = status;
	switch (r->hpdf_error) {
	case HPDF_FAILD_TO_ALLOC_MEM:
		what = "mémoire épuisée";
		break;
	case HPDF_FILE_IO_ERROR:
	case HPDF_FILE_OPEN_ERROR:
		what = "lecture d'une police impossible";
		break;
	case HPDF_TTF_CANNOT_EMBEDDING_FONT:
		what = "la licence de la police interdit de l'incorporer";
		break;
	case HPDF_TTF_INVALID_CMAP:
	case HPDF_TTF_INVALID_FOMAT:
	case HPDF_TTF_MISSING_TABLE:
	case HPDF_INVALID_FONTDEF_DATA:
		what = "police TrueType refusée";
		break;
	default:
		what = NULL;
		break;
	}
	if (what != NULL)
		diag(r->ds, F_RENDER, NULL, what);
	else {
		char *msg = xasprintf("libharu : erreur 0x%04X (détail %u) "
		    "en écrivant le PDF", (unsigned)r->hpdf_error,
		    (unsigned)r->hpdf_detail);

		diag(r->ds, F_RENDER, NULL, msg);
		free(msg);
	}
	return true;
}

/* Whether OBJ, made by libharu's object layer, is there; else reports
 * why: those functions record their error without calling the handler,
 * and return NULL. */
bool
haru_made(struct render *r, const void *obj)
{
	if (obj != NULL)
		return !haru_failed(r, HPDF_OK);
	haru_failed(r, HPDF_GetError(r->hpdf) != HPDF_OK ?
	    HPDF_GetError(r->hpdf) : HPDF_FAILD_TO_ALLOC_MEM);
	return false;
}

/*
 * libharu's public API reads a TrueType font from a path only, through
 * stdio with a seek per table and per glyph: some 350 system calls for
 * two small subsets, a millisecond and more on a virtual machine.  Its
 * font definition functions, exported and declared in the installed
 * headers of this version, read from a memory stream instead; this is
 * what HPDF_LoadTTFontFromFile does after opening the file, with a
 * subset tag of our own (six capitals, one per face loaded).
 */
const char *
haru_load_font(struct render *r, const struct buf *data, size_t nth)
{
	HPDF_Stream stream;
	HPDF_FontDef def;
	char tag[7];

	/* These internal functions record errors without calling the
	 * handler: a NULL comes with the error in HPDF_GetError. */
	stream = HPDF_MemStream_New(r->hpdf->mmgr, (HPDF_UINT)data->len);
	if (stream == NULL) {
		haru_failed(r, HPDF_GetError(r->hpdf) != HPDF_OK ?
		    HPDF_GetError(r->hpdf) : HPDF_FAILD_TO_ALLOC_MEM);
		return NULL;
	}
	if (haru_failed(r, HPDF_Stream_Write(stream,
	    (const HPDF_BYTE *)data->data, (HPDF_UINT)data->len))) {
		HPDF_Stream_Free(stream);
		return NULL;
	}
	/* Takes the stream, also when it fails. */
	def = HPDF_TTFontDef_Load(r->hpdf->mmgr, stream, HPDF_TRUE);
	if (def == NULL) {
		haru_failed(r, HPDF_GetError(r->hpdf) != HPDF_OK ?
		    HPDF_GetError(r->hpdf) : HPDF_INVALID_FONTDEF_DATA);
		return NULL;
	}
	/* Frees the definition when it fails. */
	if (haru_failed(r, HPDF_Doc_RegisterFontDef(r->hpdf, def)))
		return NULL;
	snprintf(tag, sizeof(tag), "LGCAA%c", (char)('A' + nth % 26));
	HPDF_TTFontDef_SetTagName(def, tag);
	return haru_failed(r, HPDF_OK) ? NULL : def->base_font;
}

bool
haru_set_language(struct render *r, const char *lang)
{
	HPDF_String s = HPDF_String_New(r->hpdf->mmgr, lang, NULL);

	/* HPDF_Dict_Add frees S when it fails. */
	if (s == NULL)
		return !haru_failed(r, HPDF_GetError(r->hpdf) != HPDF_OK ?
		    HPDF_GetError(r->hpdf) : HPDF_FAILD_TO_ALLOC_MEM);
	return !haru_failed(r, HPDF_Dict_Add(r->hpdf->catalog, "Lang", s));
}

/*
 * libharu 2.3.0 gives its UTF-8 fonts, as ToUnicode, the CMap of the
 * encoding (a begincidrange from codes to CIDs), which is no ToUnicode
 * map at all: poppler warns and readers guess the text.  Its stream is
 * emptied and refilled here, so that no unused object is left in the
 * file; a single-byte font, which has none, gets a new one.
 */
bool
haru_set_to_unicode(struct render *r, HPDF_Font font, const char *cmap,
    size_t len)
{
	HPDF_Dict s;

	s = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	if (s != NULL && s->stream != NULL)
		HPDF_MemStream_FreeData(s->stream);
	else {
		if ((s = HPDF_DictStream_New(r->hpdf->mmgr,
		    r->hpdf->xref)) == NULL)
			return !haru_failed(r, HPDF_GetError(r->hpdf) !=
			    HPDF_OK ? HPDF_GetError(r->hpdf) :
			    HPDF_FAILD_TO_ALLOC_MEM);
		if (haru_failed(r, HPDF_Dict_Add(font, "ToUnicode", s)))
			return false;
	}
	s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	return !haru_failed(r, HPDF_Stream_Write(s->stream,
	    (const HPDF_BYTE *)cmap, (HPDF_UINT)len));
}

/*
 * HPDF_Page_TextOut for a single-byte TrueType font, its bytes and its
 * effects the same, at a fraction of its cost: libharu writes the
 * operators through several small stream writes (clearing a 512-byte
 * buffer for each Td), measures the text with a function call per byte
 * and copies it a byte at a time; drawing was a sixth of a contract's
 * instructions.  Here the position is computed as HPDF_Page_TextOut
 * computes it (TextPos_AbsToRel, then HPDF_Page_MoveTextPos, in the
 * same float arithmetic), the width as HPDF_Page_TextWidth does, from
 * the font's widths, which libharu fills, with the glyph marked used
 * for the subset, at a code's first use (its CharWidth): it decides
 * whether the text is shown at all (not when its width is 0) and moves
 * the text position.  The operators, "x y Td" and the text escaped as
 * HPDF_Stream_WriteEscapeText escapes it with " Tj", go to the page's
 * stream in one write.  Any other font, or a text past libharu's
 * string limit, goes through HPDF_Page_TextOut itself.
 */
/* What HPDF_Page_ShowText sees of each byte: 1, HPDF_NEEDS_ESCAPE (the
 * controls, # % ( ) / < > [ \ ] { } and every byte from DEL on); 2,
 * HPDF_IS_WHITE_SPACE (NUL, tab, LF, FF, CR, space). */
static const uint8_t byte_class[256] = {
	3, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 1, 3, 3, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	2, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

HPDF_STATUS
haru_text_out(struct render *r, HPDF_Page page, HPDF_REAL xpos,
    HPDF_REAL ypos, const char *text)
{
	HPDF_STATUS ret = HPDF_Page_CheckState(page, HPDF_GMODE_TEXT_OBJECT);
	HPDF_PageAttr attr;
	HPDF_FontAttr fa;
	HPDF_TransMatrix tm;
	HPDF_TextWidth tw = { 0, 0, 0, 0 };
	HPDF_REAL x, y, w = 0;
	HPDF_BYTE b = 0, c, *used;
	HPDF_INT16 *widths;
	size_t i, len;
	char num[HPDF_TMP_BUF_SIZ], *p, *q;
	struct buf *o = &r->ops;

	if (ret != HPDF_OK)
		return ret;
	attr = (HPDF_PageAttr)page->attr;
	len = strlen(text);
	if (attr->gstate->font == NULL || len > 4096 ||
	    (fa = (HPDF_FontAttr)attr->gstate->font->attr) == NULL ||
	    fa->type != HPDF_FONT_TRUETYPE || fa->widths == NULL ||
	    fa->used == NULL || fa->encoder == NULL)
		return HPDF_Page_TextOut(page, xpos, ypos, text);

	/* TextPos_AbsToRel. */
	tm = attr->text_matrix;
	if (tm.a == 0) {
		x = (ypos - tm.y - (xpos - tm.x) * tm.d / tm.c) / tm.b;
		y = (xpos - tm.x) / tm.c;
	} else {
		y = (ypos - tm.y - (xpos - tm.x) * tm.b / tm.a) /
		    (tm.d - tm.c * tm.b / tm.a);
		x = (xpos - tm.x - y * tm.c) / tm.a;
	}
	/* HPDF_Page_MoveTextPos. */
	buf_reset(o);
	p = HPDF_FToA(num, x, num + sizeof(num) - 1);
	*p++ = ' ';
	p = HPDF_FToA(p, y, num + sizeof(num) - 1);
	buf_put(o, num, (size_t)(p - num));
	buf_puts(o, " Td\012");
	attr->text_matrix.x += x * attr->text_matrix.a + y *
	    attr->text_matrix.c;
	attr->text_matrix.y += y * attr->text_matrix.d + x *
	    attr->text_matrix.b;
	attr->text_pos.x = attr->text_matrix.x;
	attr->text_pos.y = attr->text_matrix.y;

	/* HPDF_Page_ShowText: its width (HPDF_Page_TextWidth, the
	 * TrueType font's TextWidth and CharWidth), then the text, written
	 * in the same pass and dropped when the width is 0. */
	buf_grow(o, 4 * len + 8);
	q = o->data + o->len;
	*q++ = '(';
	used = fa->used;
	widths = fa->widths;
	for (i = 0; i < len; i++) {
		b = (HPDF_BYTE)text[i];
		if (used[b] == 0) {
			used[b] = 1;
			widths[b] = HPDF_TTFontDef_GetCharWidth(fa->fontdef,
			    HPDF_Encoder_ToUnicode(fa->encoder, b));
		}
		tw.width += widths[b];
		c = byte_class[b];
		tw.numspace += c >> 1;
		if ((c & 1) != 0) {
			*q++ = '\\';
			*q++ = (char)('0' + (b >> 6));
			*q++ = (char)('0' + ((b & 0x38) >> 3));
			*q++ = (char)('0' + (b & 0x07));
		} else
			*q++ = (char)b;
	}
	tw.numchars = (HPDF_UINT)len;
	if (len > 0) {
		w += attr->gstate->word_space * tw.numspace;
		w += tw.width * attr->gstate->font_size / 1000;
		w += attr->gstate->char_space * tw.numchars;
	}
	if (w != 0) {
		memcpy(q, ") Tj\012", 5);
		o->len = (size_t)(q + 5 - o->data);
	}
	o->data[o->len] = '\0';
	ret = HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)o->data,
	    (HPDF_UINT)o->len);
	if (ret != HPDF_OK || w == 0)
		return ret;
	if (attr->gstate->writing_mode == HPDF_WMODE_HORIZONTAL) {
		attr->text_pos.x += w * attr->text_matrix.a;
		attr->text_pos.y += w * attr->text_matrix.b;
	} else {
		attr->text_pos.x -= w * attr->text_matrix.b;
		attr->text_pos.y -= w * attr->text_matrix.a;
	}
	return HPDF_OK;
}

/*
 * HPDF_Page_SetWordSpace, the same bytes and effects, its number and
 * operator written at once (a justified line sets it): libharu writes
 * the number through HPDF_Stream_WriteReal (its digits by HPDF_FToA up
 * to the same end), then " Tw", each through the stream.  A value out
 * of libharu's range goes to HPDF_Page_SetWordSpace for its error.
 */
HPDF_STATUS
haru_set_word_space(HPDF_Page page, HPDF_REAL value)
{
	HPDF_STATUS ret = HPDF_Page_CheckState(page,
	    HPDF_GMODE_PAGE_DESCRIPTION | HPDF_GMODE_TEXT_OBJECT);
	HPDF_PageAttr attr;
	char num[HPDF_REAL_LEN + 1 + 4], *p;

	if (ret != HPDF_OK)
		return ret;
	if (value < HPDF_MIN_WORDSPACE || value > HPDF_MAX_WORDSPACE)
		return HPDF_Page_SetWordSpace(page, value);
	attr = (HPDF_PageAttr)page->attr;
	p = HPDF_FToA(num, value, num + HPDF_REAL_LEN);
	memcpy(p, " Tw\012", 4);
	if (HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)num,
	    (HPDF_UINT)(p + 4 - num)) != HPDF_OK)
		return HPDF_CheckError(page->error);
	attr->gstate->word_space = value;
	return ret;
}

/*
 * HPDF_Page_SetFontAndSize, the same bytes and effects, written at once
 * (a change of face or size in a line sets it): libharu writes the
 * font's name in the page's resources through HPDF_Stream_WriteEscapeName,
 * then clears a 512-byte buffer for " size Tf".  Anything it would
 * refuse, or a name it would escape, goes to HPDF_Page_SetFontAndSize.
 */
HPDF_STATUS
haru_set_font_and_size(HPDF_Page page, HPDF_Font font, HPDF_REAL size)
{
	HPDF_STATUS ret = HPDF_Page_CheckState(page,
	    HPDF_GMODE_PAGE_DESCRIPTION | HPDF_GMODE_TEXT_OBJECT);
	HPDF_PageAttr attr;
	const char *name;
	char op[HPDF_LIMIT_MAX_NAME_LEN + HPDF_REAL_LEN + 16], *p;
	size_t i, len;

	if (ret != HPDF_OK)
		return ret;
	if (!HPDF_Font_Validate(font) || size <= 0 ||
	    size > HPDF_MAX_FONTSIZE || page->mmgr != font->mmgr ||
	    (name = HPDF_Page_GetLocalFontName(page, font)) == NULL ||
	    (len = strlen(name)) > HPDF_LIMIT_MAX_NAME_LEN)
		return HPDF_Page_SetFontAndSize(page, font, size);
	for (i = 0; i < len; i++)
		if (byte_class[(unsigned char)name[i]] & 1)
			return HPDF_Page_SetFontAndSize(page, font, size);
	attr = (HPDF_PageAttr)page->attr;
	op[0] = '/';
	memcpy(op + 1, name, len);
	p = op + 1 + len;
	*p++ = ' ';
	p = HPDF_FToA(p, size, op + sizeof(op) - 1);
	memcpy(p, " Tf\012", 4);
	if (HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)op,
	    (HPDF_UINT)(p + 4 - op)) != HPDF_OK)
		return HPDF_CheckError(page->error);
	attr->gstate->font = font;
	attr->gstate->font_size = size;
	attr->gstate->writing_mode =
	    ((HPDF_FontAttr)font->attr)->writing_mode;
	return ret;
}
