/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Characters in the PDF backend (glyphs.c): what each face draws and
 * how wide, the checks before drawing, the encodings of each face. */
#ifndef LGC_PDF_GLYPHS_H
#define LGC_PDF_GLYPHS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"
#include "format/pdf/fonts.h"

struct render;

/* The code point drawn for CP in FACE: CP, or a look-alike the face
 * has (a hyphen for U+2011); 0 when it has neither. */
uint32_t	 glyph_cp(struct render *r, enum font_face face, uint32_t cp);
/* Whether the regular face of F draws every character of TEXT, a value
 * about to be printed (backend.h's printable); when not, the message
 * and the hint, as glyphs_missing_message words them. */
bool		 glyphs_printable(struct fonts *f, const char *text,
		    struct buf *why, struct buf *hint);
/* The error for the N characters CPS that FACE of FAMILY lacks, into
 * WHY, and how to print them (--police), into HINT. */
void		 glyphs_missing_message(const uint32_t *cps, size_t n,
		    const char *family, const char *face, struct buf *why,
		    struct buf *hint);
/* The line breaker's measure (lb_width_fn): the advance of CP in face
 * STYLE & 3, in thousandths of an em; R, given as CTX, is marked failed
 * when the face cannot be opened. */
int		 char_width(void *ctx, unsigned style, uint32_t cp);
/* The width of LEN bytes of S in FACE at SIZE points. */
double		 text_width(struct render *r, unsigned face, double size,
		    const char *s, size_t len);
/* The CP1252 byte for CP, or 0. */
unsigned	 cp1252_byte(uint32_t cp);
/* Whether every text of the document is valid UTF-8; false after
 * reporting the first byte that is not. */
bool		 check_document(struct render *r);
/* Records the characters of every piece per face, reporting each one a
 * face cannot draw; false when some cannot be. */
bool		 collect_chars(struct render *r);
/* Loads the faces drawn, each in the encodings its characters need,
 * and notes each piece's encoding; false after reporting a failure. */
bool		 load_fonts(struct render *r);
/* Which of FACE's encodings draws CP (a glyph's code point), as which
 * *BYTE; NONE when none does. */
size_t		 char_encoding(const struct render *r, unsigned face,
		    uint32_t cp, unsigned *byte);
/* char_encoding once load_fonts has chosen the encodings. */
size_t		 glyph_encoding(struct render *r, unsigned face, uint32_t cp,
		    unsigned *byte);
/* Appends LEN bytes of S as encoding E of FACE writes them. */
void		 encode(struct render *r, unsigned face, size_t e,
		    const char *s, size_t len, struct buf *b);

#endif
