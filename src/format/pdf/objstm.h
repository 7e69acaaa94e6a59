/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Object streams for the tagged PDF's structure tree (objstm.c). */
#ifndef LGC_PDF_OBJSTM_H
#define LGC_PDF_OBJSTM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

struct render;

/* Where libharu wrote the objects of R->hpdf, from its cross-reference
 * entries: *COUNT of them, object I at [I] (from 1), the table at
 * [*COUNT]; NULL when the file cannot be packed (encrypted, or an
 * update).  Taken before libharu's document is freed. */
size_t	*objstm_offsets(struct render *r, size_t *count);
/* Appends to OUT the LEN bytes of PDF, as libharu just wrote it with
 * the objects at OFFSETS (objstm_offsets), with the objects
 * IDS[0..NIDS) (dictionaries without streams) moved into compressed
 * object streams and the cross-reference table replaced by a
 * cross-reference stream (PDF 1.5).  False after reporting why not. */
bool	objstm_pack(struct render *r, const char *pdf, size_t len,
	    const size_t *offsets, size_t count, const uint32_t *ids,
	    size_t nids, struct buf *out);

#endif
