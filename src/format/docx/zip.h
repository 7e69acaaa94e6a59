/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The zip container of a DOCX, built in memory with minizip: entries
 * in the order they are added, each deflated, with one fixed date, so
 * that the same document gives the same bytes. */
#ifndef LGC_FORMAT_DOCX_ZIP_H
#define LGC_FORMAT_DOCX_ZIP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

struct docx_zip;

/* What deflates the entries (zip.c): a stream and the short parts it
 * deflated, which a backend keeps from one document to the next. */
struct docx_deflater;

struct docx_deflater *docx_deflater_new(void);
void	docx_deflater_free(struct docx_deflater *d);

/* A zip archive appended to OUT when closed, its entries deflated by
 * DEFLATER (owned by the caller). */
struct docx_zip	*docx_zip_open(struct buf *out, struct docx_deflater *deflater);
/* Adds entry NAME holding LEN bytes of DATA; false when minizip fails. */
bool	docx_zip_add(struct docx_zip *z, const char *name, const char *data,
	    size_t len);
/* Writes the central directory and frees Z; false when minizip fails,
 * and then OUT is as it was before docx_zip_open. */
bool	docx_zip_close(struct docx_zip *z);

/* Entry NAME of the zip archive of LEN bytes at DATA, into OUT; false
 * when DATA is no zip, has no such entry, the entry is corrupt or
 * longer than MAX bytes. */
bool	docx_zip_read(const char *data, size_t len, const char *name,
	    size_t max, struct buf *out);

#endif
