/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The PDF's streams compressed with libdeflate rather than by libharu
 * through zlib (deflate.c). */
#ifndef LGC_PDF_DEFLATE_H
#define LGC_PDF_DEFLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

struct render;
struct deflater;

/* A compressor for the streams of a backend's documents, kept across a
 * batch with the font files it compressed last; and its end. */
struct deflater	*deflater_new(void);
void		 deflater_free(struct deflater *d);

/* OUT: the LEN bytes of DATA in the zlib format of /FlateDecode. */
bool		 pdf_deflate(struct render *r, const void *data, size_t len,
		    struct buf *out);

/* Before libharu writes R->hpdf: every stream it would deflate, page
 * contents and embedded fonts among them, compressed here and written
 * by libharu as it is, under the same /Filter [ /FlateDecode ].  False
 * after reporting why not. */
bool		 deflate_streams(struct render *r);

#endif
