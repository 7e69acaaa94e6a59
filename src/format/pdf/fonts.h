/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Fonts for the PDF backend: a family found through fontconfig, its
 * four faces read on first use, advance widths as the PDF will record
 * them, glyph coverage, and TrueType subsets small enough to embed and
 * compress quickly. */
#ifndef LGC_FONTS_H
#define LGC_FONTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

struct diags;

/* Indexed by the document's style bits: STYLE_ITALIC 1, STYLE_BOLD 2. */
enum font_face {
	FACE_REGULAR,
	FACE_ITALIC,
	FACE_BOLD,
	FACE_BOLD_ITALIC
};
#define FACE_COUNT	4

/* The default family: four faces, full French coverage, metric
 * compatible with Times (Debian: fonts-liberation2). */
#define FONTS_DEFAULT_FAMILY	"Liberation Serif"

struct fonts;

struct fonts	*fonts_new(const char *family, struct diags *ds);
void		 fonts_free(struct fonts *f);
const char	*fonts_family(const struct fonts *f);
/* "romain", "gras", "italique", "gras italique": for messages. */
const char	*fonts_face_label(enum font_face face);

/* Finds and opens FACE unless done already; false after reporting why
 * (not found, no such style in the family, not a TrueType font). */
bool		 fonts_open(struct fonts *f, enum font_face face);
/* Whether FACE is open (fonts_open succeeded). */
bool		 fonts_ready(const struct fonts *f, enum font_face face);
/* Whether the opened FACE has a glyph for CP. */
bool		 fonts_has_glyph(struct fonts *f, enum font_face face,
		    uint32_t cp);
/* Advance width of CP in thousandths of an em, truncated the way the
 * PDF's width arrays are, so that measured and drawn text agree; 0 when
 * the face has no glyph. */
int		 fonts_advance(struct fonts *f, enum font_face face, uint32_t cp);
/* A TrueType file holding the glyphs of the N code points in CPS (and
 * the glyphs they are built from), renumbered, with a cmap for exactly
 * those code points.  False after reporting a damaged font. */
bool		 fonts_subset(struct fonts *f, enum font_face face,
		    const uint32_t *cps, size_t n, struct buf *out);

#endif
