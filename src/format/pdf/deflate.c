/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * The PDF's streams compressed with libdeflate.  libharu deflates every
 * stream of a document through zlib at its default level (6), a fresh
 * z_stream each time: in a batch of contracts that was a quarter of the
 * instructions of a PDF (some 13 M of 53 M for 105 KB of page contents,
 * font subsets and structure tree, bench/pdfcmp.sh).  libdeflate at its
 * level 1 compresses the same bytes in a third of zlib's level 1 time
 * and a seventh of its level 6, to 4 % more than zlib 6 (44.6 KB
 * against 42.9 KB for the lead-generation contract); the compressor is
 * allocated once per backend, so once per batch.
 *
 * libharu's object layer is used as it stands (its Debian build and
 * the one compiled here write the same bytes, tests/scripts/static.sh):
 * before the document is written, each stream dictionary libharu would
 * deflate gets its data compressed here in place, its filter cleared so
 * that libharu copies the bytes as they are, and a write function that
 * writes the very entry libharu would have written for the filter,
 * "/Filter [ /FlateDecode ]", last in the dictionary as libharu adds it
 * at its first writing.  Only the compressed bytes and their /Length
 * change (tests/scripts/pdfcmp.sh compares the files decompressed).
 *
 * The font subsets are made by libharu as it writes a font
 * (CreateDescriptor in its BeforeWrite): their dictionaries are made
 * first here, by the same function in the order libharu would call it,
 * so that the same objects get the same numbers; written later, the
 * font finds its descriptor made and only refers to it again.  A
 * composite (UTF-8) font resets the filters of its maps as it is
 * written, and may share its descriptor with a single-byte font: with
 * one in the document, the fonts are left to libharu's zlib.
 */
#include "format/pdf/deflate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

#include "base/diag.h"
#include "format/pdf/haru.h"
#include "format/pdf/render.h"

/* libdeflate's fastest level: see above for the trade. */
#define DEFLATE_LEVEL	1

/*
 * The fonts of a batch's contracts are mostly the same: the same
 * template, the same faces, data that seldom adds a letter.  libharu
 * makes a font's file as it writes the document (its TrueType
 * CreateDescriptor: a subset again, of the glyphs it measured, out of
 * the subset lgc gave it, read a few bytes at a time), then deflates
 * it: 1.4 M and 0.8 M instructions a contract.  The last FONT_CACHE
 * font files are kept compressed, with what libharu made them from:
 * lgc's subset, the glyphs it flagged, the font's name and tag; a font
 * of a later contract with all of them equal gets its descriptor made
 * here, entry for entry as CreateDescriptor makes it, over the kept
 * bytes (compared: some 20 KB of memcmp).
 */
#define FONT_CACHE	12

struct font_file {
	struct buf	 raw;		/* lgc's subset */
	struct buf	 flags;		/* libharu's glyph_tbl.flgs */
	char		 name[HPDF_LIMIT_MAX_NAME_LEN + 1];
	char		 tag[HPDF_TTF_FONT_TAG_LEN];	/* not a C string */
	HPDF_UINT	 length1;
	struct buf	 z;		/* the font file, compressed */
};

struct deflater {
	struct libdeflate_compressor *c;
	struct font_file files[FONT_CACHE];
	size_t		 nfiles;
	size_t		 next;		/* the one to replace */
};

struct deflater *
deflater_new(void)
{
	struct deflater *d = xcalloc(1, sizeof(*d));

	d->c = libdeflate_alloc_compressor(DEFLATE_LEVEL);
	return d;
}

void
deflater_free(struct deflater *d)
{
	size_t i;

	if (d == NULL)
		return;
	libdeflate_free_compressor(d->c);
	for (i = 0; i < d->nfiles; i++) {
		buf_free(&d->files[i].raw);
		buf_free(&d->files[i].flags);
		buf_free(&d->files[i].z);
	}
	free(d);
}

bool
pdf_deflate(struct render *r, const void *data, size_t len, struct buf *out)
{
	size_t bound, n;

	if (r->deflater->c == NULL) {
		diag(r->ds, F_RENDER, NULL, "mémoire épuisée");
		r->failed = true;
		return false;
	}
	bound = libdeflate_zlib_compress_bound(r->deflater->c, len);
	buf_reset(out);
	buf_grow(out, bound + 1);
	n = libdeflate_zlib_compress(r->deflater->c, len > 0 ? data : "", len,
	    out->data, bound);
	/* Cannot happen with the bound's room; said rather than hidden. */
	if (n == 0) {
		diag(r->ds, F_RENDER, NULL, "compression d'un flux PDF "
		    "impossible");
		r->failed = true;
		return false;
	}
	out->len = n;
	return true;
}

/* What libharu's HPDF_Dict_Write writes for a filter of FlateDecode
 * alone: the entry it adds to the dictionary at its first writing, so
 * after every other entry, and which it writes before the write
 * function. */
static HPDF_STATUS
write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
	(void)dict;
	return HPDF_Stream_WriteStr(stream, "/Filter [ /FlateDecode ]\012");
}

/* The data of the memory stream S, contiguous in R->scratch. */
static void
stream_data(struct render *r, HPDF_Stream s)
{
	HPDF_MemStreamAttr attr = s->attr;
	HPDF_UINT i, n;
	size_t left = s->size;

	buf_reset(&r->scratch);
	buf_grow(&r->scratch, left + 1);
	for (i = 0; i < attr->buf->count && left > 0; i++) {
		n = left < attr->buf_siz ? (HPDF_UINT)left : attr->buf_siz;
		buf_put(&r->scratch, HPDF_List_ItemAt(attr->buf, i), n);
		left -= n;
	}
}

static bool
is_font(HPDF_Dict d)
{
	return (d->header.obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT &&
	    (d->header.obj_class & ~HPDF_OCLASS_ANY) == HPDF_OSUBCLASS_FONT;
}

/* Whether D has an entry KEY (HPDF_Dict_GetItem records an error when
 * the entry is of another class than asked). */
static bool
has_key(HPDF_Dict d, const char *key)
{
	HPDF_UINT i;
	HPDF_DictElement e;

	for (i = 0; i < d->list->count; i++) {
		e = HPDF_List_ItemAt(d->list, i);
		if (strcmp(e->key, key) == 0)
			return true;
	}
	return false;
}

/* D's stream replaced by Z, its deflated data, for libharu to copy as
 * it is under the filter entry it would have written. */
static bool
put_deflated(struct render *r, HPDF_Dict d, const struct buf *z)
{
	HPDF_MemStream_FreeData(d->stream);
	d->filter = HPDF_STREAM_FILTER_NONE;
	d->write_fn = write_flate_filter;
	return !haru_failed(r, HPDF_Stream_Write(d->stream,
	    (const HPDF_BYTE *)z->data, (HPDF_UINT)z->len));
}

/* The kept font file made from what R->scratch holds (lgc's subset)
 * for the font definition DA, or NULL. */
static struct font_file *
kept_font(struct render *r, HPDF_TTFontDefAttr da)
{
	struct deflater *dz = r->deflater;
	struct font_file *f;
	size_t i;

	for (i = 0; i < dz->nfiles; i++) {
		f = &dz->files[i];
		if (f->raw.len == r->scratch.len && f->flags.len ==
		    da->num_glyphs && strcmp(f->name, da->base_font) == 0 &&
		    memcmp(f->tag, da->tag_name, sizeof(f->tag)) == 0 &&
		    memcmp(f->raw.data, r->scratch.data, f->raw.len) == 0 &&
		    (f->flags.len == 0 || memcmp(f->flags.data,
		    da->glyph_tbl.flgs, f->flags.len) == 0))
			return f;
	}
	return NULL;
}

/* libharu's CreateDescriptor for the single-byte TrueType FONT, its
 * font file compressed: kept from an earlier contract, or made by
 * libharu and then kept. */
static bool
font_descriptor(struct render *r, HPDF_Font font)
{
	HPDF_FontAttr fa = font->attr;
	HPDF_FontDef def = fa->fontdef;
	HPDF_TTFontDefAttr da = def->attr;
	struct deflater *dz = r->deflater;
	struct font_file *f;
	HPDF_Dict desc, data;
	HPDF_STATUS ret = 0;

	if (def->descriptor != NULL || !da->embedding || da->stream == NULL ||
	    da->stream->type != HPDF_STREAM_MEMORY ||
	    font->filter != HPDF_STREAM_FILTER_FLATE_DECODE)
		return !haru_failed(r, font->before_write_fn(font));
	stream_data(r, da->stream);
	if ((f = kept_font(r, da)) == NULL) {
		if (dz->nfiles < FONT_CACHE)
			f = &dz->files[dz->nfiles++];
		else {
			f = &dz->files[dz->next];
			dz->next = (dz->next + 1) % FONT_CACHE;
		}
		buf_reset(&f->raw);
		buf_put(&f->raw, r->scratch.data, r->scratch.len);
		buf_reset(&f->flags);
		buf_put(&f->flags, (const char *)da->glyph_tbl.flgs,
		    da->num_glyphs);
		snprintf(f->name, sizeof(f->name), "%s", da->base_font);
		memcpy(f->tag, da->tag_name, sizeof(f->tag));
		buf_reset(&f->z);
		f->length1 = 0;
		if (haru_failed(r, font->before_write_fn(font)) ||
		    (data = HPDF_Dict_GetItem(def->descriptor, "FontFile2",
		    HPDF_OCLASS_DICT)) == NULL || data->stream == NULL) {
			/* Not to be found again. */
			buf_reset(&f->raw);
			f->flags.len = (size_t)-1;
			return !haru_failed(r, HPDF_OK);
		}
		stream_data(r, data->stream);
		if (!pdf_deflate(r, r->scratch.data, r->scratch.len, &f->z)) {
			f->flags.len = (size_t)-1;
			return false;
		}
		f->length1 = da->length1;
		return put_deflated(r, data, &f->z);
	}
	/* What CreateDescriptor makes, in its order. */
	desc = HPDF_Dict_New(font->mmgr);
	if (!haru_made(r, desc))
		return false;
	ret += HPDF_Xref_Add(fa->xref, desc);
	ret += HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	ret += HPDF_Dict_AddNumber(desc, "Ascent", def->ascent);
	ret += HPDF_Dict_AddNumber(desc, "Descent", def->descent);
	ret += HPDF_Dict_AddNumber(desc, "CapHeight", def->cap_height);
	ret += HPDF_Dict_AddNumber(desc, "Flags", def->flags);
	ret += HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(font->mmgr,
	    def->font_bbox));
	ret += HPDF_Dict_AddName(desc, "FontName", da->base_font);
	ret += HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle);
	ret += HPDF_Dict_AddNumber(desc, "StemV", def->stemv);
	ret += HPDF_Dict_AddNumber(desc, "XHeight", def->x_height);
	if (da->char_set)
		ret += HPDF_Dict_AddName(desc, "CharSet", da->char_set);
	if (ret != HPDF_OK)
		return !haru_failed(r, HPDF_GetError(r->hpdf) != HPDF_OK ?
		    HPDF_GetError(r->hpdf) : HPDF_FAILD_TO_ALLOC_MEM);
	data = HPDF_DictStream_New(font->mmgr, fa->xref);
	if (!haru_made(r, data))
		return false;
	da->length1 = f->length1;
	ret += HPDF_Dict_Add(desc, "FontFile2", data);
	ret += HPDF_Dict_AddNumber(data, "Length1", da->length1);
	ret += HPDF_Dict_AddNumber(data, "Length2", 0);
	ret += HPDF_Dict_AddNumber(data, "Length3", 0);
	if (ret != HPDF_OK || !put_deflated(r, data, &f->z))
		return !haru_failed(r, HPDF_GetError(r->hpdf) != HPDF_OK ?
		    HPDF_GetError(r->hpdf) : HPDF_FAILD_TO_ALLOC_MEM);
	def->descriptor = desc;
	return !haru_failed(r, HPDF_Dict_Add(font, "FontDescriptor", desc));
}

/* Makes the font descriptors and subsets of the single-byte TrueType
 * fonts as libharu would, in the order it would, unless a font of
 * another kind is in the document; then puts in *KEEP the streams whose
 * filter libharu sets again as it writes them (a composite font's
 * maps), for it to deflate. */
static bool
make_font_files(struct render *r, struct ptrvec *keep)
{
	HPDF_Xref xref = r->hpdf->xref;
	HPDF_UINT i, count = xref->entries->count;
	HPDF_Dict d;
	HPDF_FontAttr fa;
	bool simple = true;

	for (i = 1; i < count; i++) {
		d = HPDF_Xref_GetEntry(xref, i)->obj;
		if (!is_font(d))
			continue;
		fa = d->attr;
		if (fa == NULL || fa->type != HPDF_FONT_TRUETYPE ||
		    d->before_write_fn == NULL)
			simple = false;
		if (fa != NULL && fa->type != HPDF_FONT_TRUETYPE) {
			ptrvec_push(keep, fa->map_stream);
			ptrvec_push(keep, fa->cmap_stream);
		}
	}
	for (i = 1; i < count && simple; i++) {
		d = HPDF_Xref_GetEntry(xref, i)->obj;
		if (is_font(d) && !font_descriptor(r, d))
			return false;
	}
	return true;
}

static bool
kept(const struct ptrvec *keep, const void *d)
{
	size_t i;

	for (i = 0; i < keep->len; i++)
		if (keep->items[i] == d)
			return true;
	return false;
}

bool
deflate_streams(struct render *r)
{
	HPDF_Xref xref = r->hpdf->xref;
	HPDF_UINT i;
	HPDF_Dict d;
	struct buf z;
	struct ptrvec keep = { NULL, 0, 0 };
	bool ok = true;

	if (r->hpdf->encrypt_on || xref->prev != NULL)
		return true;
	if (!make_font_files(r, &keep)) {
		ptrvec_free(&keep);
		return false;
	}
	buf_init(&z);
	for (i = 1; i < xref->entries->count && ok; i++) {
		d = HPDF_Xref_GetEntry(xref, i)->obj;
		if ((d->header.obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT ||
		    d->stream == NULL || d->filter !=
		    HPDF_STREAM_FILTER_FLATE_DECODE || d->write_fn != NULL ||
		    d->filterParams != NULL ||
		    d->stream->type != HPDF_STREAM_MEMORY ||
		    d->stream->size == 0 || has_key(d, "Filter") ||
		    kept(&keep, d))
			continue;
		stream_data(r, d->stream);
		ok = pdf_deflate(r, r->scratch.data, r->scratch.len, &z) &&
		    put_deflated(r, d, &z);
	}
	buf_free(&z);
	ptrvec_free(&keep);
	return ok;
}
