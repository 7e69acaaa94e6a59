/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * One PDF rendering, as the files of the PDF backend share it: the
 * page's geometry; the pieces of text, strokes and items the layout
 * makes and the pages it cuts them into (layout.c); the characters each
 * face draws and the encodings they go through (glyphs.c); libharu's
 * document (haru.c), drawn page by page (draw.c) and written out by the
 * backend itself (pdf.c).
 */
#ifndef LGC_PDF_RENDER_H
#define LGC_PDF_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "base/util.h"
#include "doc/doc.h"
#include "format/pdf/fonts.h"

/* Geometry, in points.  A4, 2.5 cm margins. */
#define PAGE_W		595.276
#define PAGE_H		841.890
#define MARGIN_X	70.866
#define MARGIN_TOP	70.866
#define MARGIN_BOTTOM	70.866
#define TEXT_W		(PAGE_W - 2 * MARGIN_X)
#define TEXT_H		(PAGE_H - MARGIN_TOP - MARGIN_BOTTOM)
#define HEADER_BASE	44.0	/* from the top of the page */
#define FOOTER_BASE	(PAGE_H - 40.0)

#define NONE		((size_t)-1)

/* The common characters, whose glyph, width and encoding struct render
 * keeps once looked up: Latin-1 and Latin Extended-A, and General
 * Punctuation (the apostrophe ’, dashes, …, the narrow no-break space
 * of French typography). */
#define CHAR_CACHE	0x200

/* A character's place in those caches, or NONE. */
static inline size_t
char_slot(uint32_t cp)
{
	if (cp < 0x180)
		return cp;
	if (cp >= 0x2000 && cp < 0x2080)
		return 0x180 + (cp - 0x2000);
	return NONE;
}

/* Text to draw: Y is the baseline, below the top of its item.  A
 * contract has thousands (one a word), made in one array that grows:
 * 72 bytes each, the small fields packed. */
struct piece {
	double		 x;
	double		 y;
	double		 width;
	double		 size;
	const char	*text;
	size_t		 len;
	const char	*link;
	float		 gray;
	uint32_t	 tag;		/* its structure element (tags.h) */
	uint8_t		 face;		/* enum font_face */
	uint8_t		 enc;		/* its encoding, or MIXED (draw time) */
	bool		 draft;		/* highlighted (--brouillon) */
};

/* A straight line: under the title, over a signature, under the
 * running header. */
struct stroke {
	double		 x0, y0, x1, y1;
	double		 width;
	float		 gray;
};

struct item {
	double		 space_before;	/* dropped at the top of a page */
	double		 height;
	bool		 keep;		/* no page break after this item */
	size_t		 piece0, npieces;
	size_t		 stroke0, nstrokes;
	const struct doc_heading *heading;	/* bookmark and link target */
	size_t		 page;
	double		 y;		/* top, from the top of the text area */
};

struct page {
	size_t		 first;		/* items */
	size_t		 count;
	size_t		 header;	/* piece, or NONE */
	size_t		 footer;	/* piece */
};

/* A party's place to sign, in the item of its signature block: the
 * space between the label over it and the rule under it (layout.c);
 * the party's signature field covers it (fields.c). */
struct sign_zone {
	size_t		 item;
	double		 x, y;		/* top left, in the item */
	double		 w, h;
	const struct doc_party *party;
	uint32_t	 cell;		/* its TD in the structure (tags.h) */
	size_t		 key;		/* where it lies in reading order */
};

/* The code points a face draws. */
struct cpset {
	uint8_t		*bits;		/* the BMP, one bit per code point */
	uint32_t	*cps;		/* sorted, once collected */
	size_t		 len;
};

/*
 * Encodings.  A face's text goes through a single-byte encoding when it
 * can: small fonts (no 65 536-entry tables), word spacing applies, and
 * readers map codes to text through standard glyph names.  CP1252 takes
 * French; the other Windows code pages, chosen greedily, take names
 * from the rest of Europe (Łukasz, Kővári, Ştefan); what none covers
 * goes through libharu's UTF-8, whose ToUnicode map readers other than
 * poppler may not understand (libharu 2.3.0 writes the encoding's CMap
 * there).  Each encoding used is one libharu font over the same
 * embedded subset.
 */
#define MAX_ENCODINGS	8
#define MIXED		0xFF

/* How many Windows code pages besides CP1252 serve (glyphs.c). */
#define NCODE_PAGES	6

struct encoding {
	HPDF_Font	 font;
	bool		 cp1252;
	bool		 utf8;
	const uint16_t	*uni;		/* single byte: code point of each byte */
};

struct face_fonts {
	struct encoding	 e[MAX_ENCODINGS];
	size_t		 n;
};

/* The backend's settings (pdf.c). */
struct pdf;
struct tags;
struct deflater;
struct lb_memo;

struct render {
	struct pdf	*pdf;
	struct diags	*ds;
	const struct doc *doc;
	struct fonts	*fonts;
	bool		 failed;

	struct piece	*pieces;
	size_t		 npieces;
	size_t		 pieces_cap;	/* their room (xreserve) */
	struct stroke	*strokes;
	size_t		 nstrokes;
	struct item	*items;
	size_t		 nitems;
	struct page	*pages;
	size_t		 npages;
	struct ptrvec	 strings;	/* generated text, owned */
	struct sign_zone *zones;	/* one per signing party, in order */
	size_t		 nzones;
	double		 pending;	/* space after the previous block */
	/* Per face, by char_slot, 0 when not known yet: the width + 1 of
	 * a character (the line breaker asks for every character it
	 * measures), the code point + 1 of the glyph drawn for it
	 * (glyph_cp: every character is looked up when measured,
	 * collected, sorted into an encoding and encoded), and which
	 * encoding and byte draw a glyph (glyph_encoding, glyphs.c). */
	int16_t		 width[FACE_COUNT][CHAR_CACHE];
	uint32_t	 glyph[FACE_COUNT][CHAR_CACHE];
	uint16_t	 enc_of[FACE_COUNT][CHAR_CACHE];
	/* Per face, by byte of the text, the byte an ASCII character is
	 * encoded as once known (encode, glyphs.c), 0 until then and for
	 * every byte from 0x80: most of what is drawn. */
	uint8_t		 ascii[FACE_COUNT][0x100];
	/* Per face, the advance + 1 of the space, 0 until asked (draw.c). */
	int		 space_adv[FACE_COUNT];
	struct cpset	 used[FACE_COUNT];
	struct {
		unsigned	 face;
		uint32_t	 cp;
	}		*missing;	/* reported already */
	size_t		 nmissing;

	HPDF_Doc	 hpdf;
	HPDF_STATUS	 hpdf_error;
	HPDF_STATUS	 hpdf_detail;
	struct face_fonts hfont[FACE_COUNT];
	uint16_t	 page_uni[NCODE_PAGES][256];	/* 0: not loaded */
	bool		 page_loaded[NCODE_PAGES];
	bool		 utf;		/* HPDF_UseUTFEncodings done */
	HPDF_Page	*hpages;
	HPDF_Destination *dests;	/* by item, for headings */
	/* Set once the structure tree is written (tagged PDF): --pdfa
	 * then claims PDF/A-1a and PDF/UA-1 rather than PDF/A-1b. */
	bool		 tagged;
	/* The tree's objects go into object streams (PDF 1.5), which
	 * PDF/A-1 forbids: false with --pdfa. */
	bool		 pack;
	struct buf	 scratch;
	struct buf	 ops;		/* page operators (haru_text_out) */
	/* The backend's compressor, kept across a batch (deflate.c). */
	struct deflater	*deflater;
	struct lb_memo	*lbmemo;	/* the backend's, or NULL */
	/* The line breaker's widths, kept from one paragraph to the
	 * next of the document (linebreak.h). */
	struct lb_widths *lbwidths;
	struct tags	*tags;		/* the structure tree, or NULL when
					 * untagged (tags.c) */
};

/* The y of PDF's coordinates, from the bottom of the page. */
static inline double
pdf_y(double y_from_top)
{
	return PAGE_H - y_from_top;
}

#endif
