/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* libharu under the PDF backend's rules (haru.c): lgc's allocator, its
 * errors reported once, fonts from memory. */
#ifndef LGC_PDF_HARU_H
#define LGC_PDF_HARU_H

#include <stdbool.h>
#include <stddef.h>

#include <hpdf.h>

#include "base/util.h"

struct render;

/* A new document in R->hpdf; false after reporting why not. */
bool		 haru_start(struct render *r);
/* Whether libharu failed, by STATUS or through its error callback;
 * reports the first error once. */
bool		 haru_failed(struct render *r, HPDF_STATUS status);
/* Whether OBJ, which an object layer function returned, is not NULL;
 * reports libharu's error when it is. */
bool		 haru_made(struct render *r, const void *obj);
/* Hands libharu the TrueType subset DATA, the NTH loaded; its font
 * name, or NULL after reporting why not. */
const char	*haru_load_font(struct render *r, const struct buf *data,
		    size_t nth);
/* The document's language in the catalog (/Lang, "fr-FR"). */
bool		 haru_set_language(struct render *r, const char *lang);
/* FONT's ToUnicode map: the CMap LEN bytes of CMAP, in place of what
 * libharu wrote, if anything. */
bool		 haru_set_to_unicode(struct render *r, HPDF_Font font,
		    const char *cmap, size_t len);
/* HPDF_Page_TextOut(PAGE, X, Y, TEXT), the same bytes and effects,
 * written at once for a single-byte TrueType font. */
HPDF_STATUS	 haru_text_out(struct render *r, HPDF_Page page, HPDF_REAL x,
		    HPDF_REAL y, const char *text);
/* HPDF_Page_SetWordSpace(PAGE, VALUE), the same bytes and effects,
 * written at once. */
HPDF_STATUS	 haru_set_word_space(HPDF_Page page, HPDF_REAL value);
/* HPDF_Page_SetFontAndSize(PAGE, FONT, SIZE), the same bytes and
 * effects, written at once. */
HPDF_STATUS	 haru_set_font_and_size(HPDF_Page page, HPDF_Font font,
		    HPDF_REAL size);

#endif
