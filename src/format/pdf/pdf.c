/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * PDF backend through libharu.  This file drives a rendering, records
 * the document's metadata and outline and takes libharu's output; the
 * work is done in three stages, so that libharu only ever draws what is
 * final:
 *
 *  1. Layout (layout.c): every block becomes lines (linebreak.c,
 *     measured with the font metrics through fonts.c) and the lines a
 *     vertical list of items, each with a height, the space above it,
 *     and whether a page may end after it (headings stay with what
 *     follows, paragraphs keep two lines on each side of a page break,
 *     signature blocks stay whole and with the end of the text).
 *  2. Pagination over that list; then the total page count is known for
 *     "Page X sur Y", and every character that will be drawn: glyph
 *     coverage is checked before anything is drawn (glyphs.c).
 *  3. Drawing with libharu: only the faces drawn, each as a subset of
 *     the glyphs used (fonts.c) in the encodings its text needs (CP1252
 *     for French, see "Encodings" in render.h); pages (draw.c), outline,
 *     links, then the file.  A justified line is one string per face
 *     with word spacing, not one string per word.
 *
 * Unless --sans-balises, the PDF is tagged for screen readers (tags.c):
 * layout builds the structure tree in reading order, drawing marks the
 * text with it, and the tree is written before the file, then moved
 * into object streams (objstm.c).
 *
 * libharu reports errors through a callback that only records them
 * (haru.c); every call's status is checked and rendering stops cleanly
 * at the first error, nothing being written.
 */
#include "format/backend.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "base/diag.h"
#include "format/pdf/deflate.h"
#include "format/pdf/draw.h"
#include "format/pdf/fields.h"
#include "format/pdf/fonts.h"
#include "format/pdf/glyphs.h"
#include "format/pdf/haru.h"
#include "format/pdf/layout.h"
#include "format/pdf/lbmemo.h"
#include "format/pdf/objstm.h"
#include "format/pdf/pdfa.h"
#include "format/pdf/render.h"
#include "format/pdf/tags.h"

struct pdf {
	struct diags	*ds;
	struct fonts	*fonts;		/* opened by the first check, or NULL */
	char		*family;
	char		*generator;
	long long	 created;	/* seconds since 1970 UTC, or -1 */
	bool		 tagged;	/* not --sans-balises */
	bool		 fields;	/* signature fields (signatures-pdf) */
	bool		 pdfa;		/* PDF/A-1a, or 1b untagged (pdfa) */
	struct buf	 profile;	/* with pdfa: the sRGB ICC profile */
	struct deflater	*deflater;	/* made once, for a batch */
	/* From the second document on (a batch): the paragraphs broken
	 * into lines, for the next ones (lbmemo.c). */
	struct lb_memo	*lbmemo;
	unsigned long	 renders;
	/* The room for the pieces of the next document: a batch's are
	 * alike, and growing the array to 400 KB copied it over and over
	 * (a third of a million instructions a contract). */
	size_t		 pieces_hint;
};

/* What the memo of lines may hold: a contract's paragraphs many times
 * over, and flat over a batch. */
#define LB_MEMO_BYTES	(2u << 20)

/* Metadata strings go through the CP1252 encoder, which libharu turns
 * into UTF-16; a character outside CP1252 becomes "?". */
static const char *
encode_meta(struct render *r, const char *s, size_t len)
{
	size_t i, k;
	uint32_t cp;
	unsigned byte;

	buf_reset(&r->scratch);
	for (i = 0; i < len; i += k) {
		/* Printable ASCII, most of a title, is its own byte. */
		if (s[i] >= 0x20 && s[i] < 0x7F) {
			buf_putc(&r->scratch, s[i]);
			k = 1;
			continue;
		}
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			k = 1;
		if (cp == 0xA0 || cp == 0x202F || cp == '\n' || cp == '\t')
			cp = ' ';
		byte = cp1252_byte(cp);
		buf_putc(&r->scratch, (char)(byte != 0 ? byte : '?'));
	}
	return buf_cstr(&r->scratch);
}

/* What libharu's UTF-8 encoder writes for S (hpdf_encoder_utf.c,
 * hpdf_string.c), into B: the byte order mark and each character in
 * UTF-16BE, a character beyond the BMP as a space, a broken sequence
 * as what its bytes decode to, an unfinished one at the end dropped.
 * Its own state machine, step for step, so that the bytes are the
 * same for any S. */
static void
utf16_meta(struct buf *b, const char *s, size_t len)
{
	unsigned char u[4], byte;
	unsigned cur = 0, end = 0, val;
	size_t i;

	buf_reset(b);
	buf_putc(b, (char)0xFE);
	buf_putc(b, (char)0xFF);
	for (i = 0; i < len; i++) {
		byte = (unsigned char)s[i];
		if (cur == 0) {
			u[0] = byte;
			cur = 1;
			if (!(byte & 0x80)) {
				cur = 0;
				end = 0;
			} else {
				if ((byte & 0xf8) == 0xf0)
					end = 3;
				else if ((byte & 0xf0) == 0xe0)
					end = 2;
				else if ((byte & 0xe0) == 0xc0)
					end = 1;
				else
					cur = 0;	/* skipped */
				continue;
			}
		} else {
			u[cur] = byte;
			if (cur != end) {
				cur++;
				continue;
			}
			cur = 0;
		}
		switch (end) {
		case 3:
			val = ((u[0] & 0x7u) << 18) + ((unsigned)u[1] << 12) +
			    ((u[2] & 0x3fu) << 6) + (u[3] & 0x3fu);
			break;
		case 2:
			val = ((u[0] & 0xfu) << 12) + ((u[1] & 0x3fu) << 6) +
			    (u[2] & 0x3fu);
			break;
		case 1:
			val = ((u[0] & 0x1fu) << 6) + (u[1] & 0x3fu);
			break;
		default:
			val = u[0];
			break;
		}
		if (val > 0xFFFF)
			val = ' ';
		buf_putc(b, (char)(val >> 8));
		buf_putc(b, (char)(val & 0xFF));
	}
}

/* A title CP1252 cannot spell (Łukasz, Ştefan, or the no-break hyphen
 * of "LM‑2027"): libharu's UTF-8 encoder would write it as UTF-16
 * whole, but setting that encoder up costs 262 KB and a quarter of a
 * million instructions.  The entry is made as libharu makes it (the
 * Info dictionary comes into being at the same point), then its value
 * becomes the encoder's bytes as a binary string, which libharu writes
 * as the same "<FEFF…>".  A title too long for one binary string goes
 * through the encoder itself, limits and errors included. */
static bool
set_meta(struct render *r, HPDF_InfoType type, const char *key,
    const char *s)
{
	size_t i, k, len = strlen(s);
	uint32_t cp;
	bool cp1252 = true;
	HPDF_Binary bin;

	for (i = 0; i < len && cp1252; i += k) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		else if (cp >= 0x80 && cp != 0xA0 && cp != 0x202F &&
		    cp1252_byte(cp) == 0)
			cp1252 = false;
	}
	if (cp1252)
		return !haru_failed(r, HPDF_SetInfoAttr(r->hpdf, type,
		    encode_meta(r, s, len)));
	if (len <= (HPDF_LIMIT_MAX_STRING_LEN - 2) / 2) {
		if (haru_failed(r, HPDF_SetInfoAttr(r->hpdf, type, "")))
			return false;
		utf16_meta(&r->scratch, s, len);
		bin = HPDF_Binary_New(r->hpdf->mmgr,
		    (HPDF_BYTE *)r->scratch.data, (HPDF_UINT)r->scratch.len);
		return bin != NULL && !haru_failed(r, HPDF_OK) &&
		    !haru_failed(r, HPDF_Dict_Add(r->hpdf->info, key, bin));
	}
	if ((!r->utf && haru_failed(r, HPDF_UseUTFEncodings(r->hpdf))) ||
	    haru_failed(r, HPDF_SetCurrentEncoder(r->hpdf, "UTF-8")))
		return false;
	r->utf = true;
	return !haru_failed(r, HPDF_SetInfoAttr(r->hpdf, type, s)) &&
	    !haru_failed(r, HPDF_SetCurrentEncoder(r->hpdf, "CP1252"));
}

/* "Article 3 – Objet" for the bookmark. */
static void
outline_title(struct buf *b, const struct doc_heading *h)
{
	size_t i;

	doc_heading_label(b, h);
	if (b->len > 0 && h->title.len > 0)
		buf_puts(b, h->level == 1 ? " \xe2\x80\x93 " : " ");
	for (i = 0; i < h->title.len; i++)
		buf_puts(b, h->title.v[i].line_break ? " " :
		    h->title.v[i].text);
}

static bool
make_outline(struct render *r)
{
	HPDF_Outline stack[3], parent, o;
	int levels[3];
	HPDF_Encoder enc;
	struct buf title;
	const struct doc_heading *h;
	size_t i;
	int level, depth = 0;

	enc = HPDF_GetEncoder(r->hpdf, "CP1252");
	if (enc == NULL || haru_failed(r, HPDF_OK))
		return false;
	buf_init(&title);
	for (i = 0; i < r->nitems; i++) {
		if ((h = r->items[i].heading) == NULL)
			continue;
		level = h->level < 1 ? 1 : h->level > 3 ? 3 : h->level;
		/* Under the nearest heading of a higher level. */
		while (depth > 0 && levels[depth - 1] >= level)
			depth--;
		parent = depth > 0 ? stack[depth - 1] : NULL;
		buf_reset(&title);
		outline_title(&title, h);
		o = HPDF_CreateOutline(r->hpdf, parent, encode_meta(r,
		    title.data != NULL ? title.data : "", title.len), enc);
		if (o == NULL || haru_failed(r, HPDF_OK) ||
		    haru_failed(r, HPDF_Outline_SetOpened(o, HPDF_TRUE)) ||
		    haru_failed(r, HPDF_Outline_SetDestination(o,
		    r->dests[i]))) {
			buf_free(&title);
			return false;
		}
		levels[depth] = level;
		stack[depth++] = o;
	}
	buf_free(&title);
	return true;
}

static bool
set_info(struct render *r)
{
	const char *title = r->doc->title;
	HPDF_Date date;
	struct tm tm;
	time_t t;

	if (title == NULL || title[0] == '\0')
		title = r->doc->model;
	if (title == NULL || title[0] == '\0')
		title = "Contrat";
	if (haru_failed(r, HPDF_SetCurrentEncoder(r->hpdf, "CP1252")) ||
	    !set_meta(r, HPDF_INFO_TITLE, "Title", title))
		return false;
	if (r->doc->model != NULL && r->doc->model[0] != '\0' &&
	    !set_meta(r, HPDF_INFO_SUBJECT, "Subject",
	    r->doc->model))
		return false;
	if (haru_failed(r, HPDF_SetCurrentEncoder(r->hpdf, "CP1252")))
		return false;
	if (haru_failed(r, HPDF_SetInfoAttr(r->hpdf, HPDF_INFO_CREATOR,
	    encode_meta(r, r->pdf->generator, strlen(r->pdf->generator)))))
		return false;
	/* Reproducible: no date unless one is given. */
	if (r->pdf->created < 0)
		return true;
	t = (time_t)r->pdf->created;
	if (gmtime_r(&t, &tm) == NULL)
		return true;
	memset(&date, 0, sizeof(date));
	date.year = tm.tm_year + 1900;
	date.month = tm.tm_mon + 1;
	date.day = tm.tm_mday;
	date.hour = tm.tm_hour;
	date.minutes = tm.tm_min;
	date.seconds = tm.tm_sec;
	date.ind = 'Z';
	return !haru_failed(r, HPDF_SetInfoDateAttr(r->hpdf,
	    HPDF_INFO_CREATION_DATE, date)) &&
	    !haru_failed(r, HPDF_SetInfoDateAttr(r->hpdf,
	    HPDF_INFO_MOD_DATE, date));
}

/* libharu writes the file through this, straight into lgc's buffer B:
 * its memory stream would hold it a second time, in 4 KB pieces read
 * back one at a time (HPDF_Stream_Write counts the bytes, which give
 * the cross-reference offsets, for any kind of stream). */
static HPDF_STATUS
append_to(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT size)
{
	struct buf *b = stream->attr;

	buf_put(b, (const char *)ptr, size);
	return HPDF_OK;
}

/* What layout made for drawing, once the pages are drawn: released
 * before the structure tree, the compressed streams and the file are
 * made, which then take its memory rather than new pages (a contract's
 * pieces alone are 400 KB).  The items stay for the fields and the
 * tree. */
static void
release_drawn(struct render *r)
{
	free(r->pieces);
	r->pieces = NULL;
	r->npieces = 0;
	r->pieces_cap = 0;
	free(r->strokes);
	r->strokes = NULL;
	r->nstrokes = 0;
	ptrvec_clear(&r->strings);
	lb_widths_free(r->lbwidths);
	r->lbwidths = NULL;
	buf_free(&r->ops);
}

/* The laid-out document through libharu, its bytes appended to OUT. */
static bool
write_document(struct render *r, struct buf *out)
{
	size_t i, start, count, *offsets;
	const struct item *it;
	struct buf file, *to;
	bool ok;

	if (!haru_start(r) ||
	    haru_failed(r, HPDF_SetCompressionMode(r->hpdf, HPDF_COMP_ALL)) ||
	    !haru_set_language(r, "fr-FR") || !set_info(r) || !load_fonts(r))
		return false;
	r->hpages = xcalloc(r->npages, sizeof(*r->hpages));
	for (i = 0; i < r->npages; i++) {
		r->hpages[i] = HPDF_AddPage(r->hpdf);
		if (r->hpages[i] == NULL || haru_failed(r, HPDF_OK) ||
		    haru_failed(r, HPDF_Page_SetWidth(r->hpages[i],
		    (HPDF_REAL)PAGE_W)) ||
		    haru_failed(r, HPDF_Page_SetHeight(r->hpages[i],
		    (HPDF_REAL)PAGE_H)))
			return false;
	}
	/* Destinations first: a link may point to a later page. */
	r->dests = xcalloc(r->nitems + 1, sizeof(*r->dests));
	for (i = 0; i < r->nitems; i++) {
		it = &r->items[i];
		if (it->heading == NULL)
			continue;
		r->dests[i] = HPDF_Page_CreateDestination(r->hpages[it->page]);
		/* libharu 2.3.0 refuses XYZ with a null zoom ("keep the
		 * reader's"): the page's width then, from the heading. */
		if (r->dests[i] == NULL || haru_failed(r, HPDF_OK) ||
		    haru_failed(r, HPDF_Destination_SetFitH(r->dests[i],
		    (HPDF_REAL)pdf_y(MARGIN_TOP + it->y - 4))))
			return false;
	}
	if (!make_outline(r))
		return false;
	for (i = 0; i < r->npages; i++)
		if (!draw_page(r, i))
			return false;
	/* Signature fields, the structure tree (which tags their widgets),
	 * then PDF/A over everything drawn. */
	/* --pdfa's document ID is a digest of the pieces' text. */
	if (!r->pdf->pdfa)
		release_drawn(r);
	if ((r->pdf->fields && !fields_write(r)) || !tags_write(r) ||
	    (r->pdf->pdfa && !pdfa_write(r, &r->pdf->profile)))
		return false;
	release_drawn(r);
	free(r->items);
	r->items = NULL;
	r->nitems = 0;
	/* The compressor is made only now, once for a batch: its 200 KB
	 * of tables take what layout released. */
	if (r->pdf->deflater == NULL)
		r->pdf->deflater = deflater_new();
	r->deflater = r->pdf->deflater;
	if (!deflate_streams(r))
		return false;
	/* Written into FILE when tags_pack rewrites it into OUT. */
	buf_init(&file);
	to = tags_packed(r) ? &file : out;
	start = to->len;
	r->hpdf->stream = HPDF_CallbackWriter_New(r->hpdf->mmgr, append_to,
	    to);
	ok = haru_made(r, r->hpdf->stream) &&
	    !haru_failed(r, HPDF_SaveToStream(r->hpdf));
	if (ok && to == &file) {
		/* libharu is done with once it has said where its objects
		 * are: its document freed, the packed file's buffers take
		 * its memory rather than new pages. */
		offsets = objstm_offsets(r, &count);
		HPDF_Free(r->hpdf);
		r->hpdf = NULL;
		ok = offsets != NULL && tags_pack(r, file.data, file.len,
		    offsets, count, out);
		free(offsets);
	}
	if (!ok)
		to->len = start;
	buf_free(&file);
	return ok;
}

static void
render_free(struct render *r)
{
	size_t i;

	if (r->hpdf != NULL)
		HPDF_Free(r->hpdf);
	for (i = 0; i < r->strings.len; i++)
		free(r->strings.items[i]);
	ptrvec_free(&r->strings);
	for (i = 0; i < FACE_COUNT; i++) {
		free(r->used[i].bits);
		free(r->used[i].cps);
	}
	free(r->missing);
	free(r->pieces);
	free(r->strokes);
	free(r->items);
	free(r->pages);
	free(r->hpages);
	free(r->dests);
	tags_free(r->tags);
	lb_widths_free(r->lbwidths);
	free(r->zones);
	buf_free(&r->scratch);
	buf_free(&r->ops);
}

static void	pdf_free(void *state);

static void *
pdf_new(const struct render_opts *opts, struct diags *ds)
{
	struct pdf *p = xcalloc(1, sizeof(*p));
	const struct option_value *font = render_option(opts, "police");
	const struct option_value *icc = render_option(opts, "profil-icc");
	const struct option_value *sig;

	p->ds = ds;
	p->family = xstrdup(font != NULL && font->text[0] != '\0' ?
	    font->text : FONTS_DEFAULT_FAMILY);
	p->generator = xstrdup(opts != NULL && opts->generator != NULL ?
	    opts->generator : "lgc");
	p->created = opts != NULL ? opts->created : -1;
	p->tagged = !render_flag(opts, "sans-balises");
	/* Signature fields unless turned off (docs: lgc(1), README). */
	sig = render_option(opts, "signatures-pdf");
	p->fields = sig == NULL || sig->on;
	buf_init(&p->profile);
	p->pdfa = render_flag(opts, "pdfa");
	if (p->pdfa && !pdfa_profile(ds, icc != NULL ?
	    icc->text : NULL, icc != NULL ? icc->len : 0, &p->profile)) {
		pdf_free(p);
		return NULL;
	}
	return p;
}

static bool
pdf_render(void *state, const struct doc *d, struct buf *out)
{
	/* On the heap: its caches make it some 20 KB, as many pages of
	 * stack to fault in by each process, where the heap's pages are
	 * there already. */
	struct render *r = xcalloc(1, sizeof(*r));
	bool ok = false;
	int fatal;	/* errors and fatal errors before rendering */

	r->pdf = state;
	r->ds = r->pdf->ds;
	fatal = diags_count(r->ds, SEV_FATAL) + diags_count(r->ds, SEV_ERROR);
	r->doc = d;
	if (r->pdf->fonts == NULL)
		r->pdf->fonts = fonts_new(r->pdf->family, r->ds);
	r->fonts = r->pdf->fonts;
	if (r->pdf->renders++ > 0 && r->pdf->lbmemo == NULL)
		r->pdf->lbmemo = lb_memo_new(LB_MEMO_BYTES);
	lb_memo_next(r->pdf->lbmemo);
	r->lbmemo = r->pdf->lbmemo;
	r->lbwidths = lb_widths_new();
	buf_init(&r->scratch);
	buf_init(&r->ops);
	if (r->pdf->tagged)
		r->tags = tags_new();
	r->pack = !r->pdf->pdfa;
	if (check_document(r) && fonts_open(r->fonts, FACE_REGULAR)) {
		if (r->pdf->pieces_hint > 0) {
			r->pieces_cap = r->pdf->pieces_hint;
			r->pieces = xreallocarray(NULL, r->pieces_cap,
			    sizeof(*r->pieces));
		}
		layout_document(r);
		r->pdf->pieces_hint = r->npieces + r->npieces / 4;
		if (!r->failed && collect_chars(r))
			ok = write_document(r, out);
	}
	render_free(r);
	/* A failure always says why, so that nothing is written silently. */
	if (!ok && diags_count(r->ds, SEV_FATAL) +
	    diags_count(r->ds, SEV_ERROR) == fatal)
		diag(r->ds, F_RENDER, NULL, "libharu n'a pas pu produire le PDF");
	free(r);
	return ok;
}

static void
pdf_free(void *state)
{
	struct pdf *p = state;

	if (p == NULL)
		return;
	fonts_free(p->fonts);
	deflater_free(p->deflater);
	lb_memo_free(p->lbmemo);
	buf_free(&p->profile);
	free(p->family);
	free(p->generator);
	free(p);
}

/* The values of the data, checked against the font as they are
 * printed, so that an error names the value and its input. */
static bool
pdf_printable(void *state, const char *text, struct buf *why,
    struct buf *hint)
{
	struct pdf *p = state;

	if (p->fonts == NULL)
		p->fonts = fonts_new(p->family, p->ds);
	return glyphs_printable(p->fonts, text, why, hint);
}

static const char *const pdf_extensions[] = { ".pdf", NULL };

static const struct backend_option pdf_options[] = {
	{ .name = "police", .kind = OPTION_TEXT, .arg = "NOM",
	  .help = "PDF : famille de polices (défaut : " FONTS_DEFAULT_FAMILY
	  ")" },
	{ .name = "sans-balises", .kind = OPTION_FLAG,
	  .help = "PDF : sans la structure balisée que lisent les lecteurs "
	  "d'écran" },
	{ .name = "signatures-pdf", .kind = OPTION_FLAG,
	  .help = "PDF : un champ de signature par partie, là où elle "
	  "signe (par défaut ; --signatures-pdf=non : aucun)" },
	{ .name = "pdfa", .kind = OPTION_FLAG,
	  .help = "PDF : PDF/A-1a et PDF/UA-1 (PDF/A-1b avec "
	  "--sans-balises), pour l'archivage" },
	{ .name = "profil-icc", .kind = OPTION_FILE, .arg = "FICHIER",
	  .help = "PDF : profil ICC sRGB (version 2) de --pdfa (défaut : "
	  "celui du paquet icc-profiles-free)",
	  .what = "profil ICC" },
	{ .name = NULL }
};

const struct backend pdf_backend = {
	.name = "pdf",
	.description = "PDF A4, polices incorporées",
	.extensions = pdf_extensions,
	.options = pdf_options,
	.new = pdf_new,
	.render = pdf_render,
	.printable = pdf_printable,
	.free = pdf_free,
	.reusable = true,
};
