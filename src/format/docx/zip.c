/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "format/docx/zip.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>
#include <zlib.h>
#include <minizip/unzip.h>
#include <minizip/zip.h>

/*
 * minizip (zlib's contrib, Debian's libminizip-dev) rather than libzip:
 * Debian ships libminizip.a and no libzip.a, and ./lgc is linked
 * without shared libraries (Makefile, STATIC).  minizip writes through
 * the file functions given to it: here they write into the output
 * buffer, which it seeks back into to fill each local header.
 */

struct memfile {
	struct buf	*out;
	size_t		 start;		/* OUT's length before the archive */
	size_t		 pos;		/* from START */
};

struct docx_zip {
	struct memfile	 file;
	zipFile		 zf;
	struct docx_deflater *deflater;
	bool		 failed;
};

/*
 * The entries are deflated here, by libdeflate, not by minizip, which
 * would set up a zlib stream (a quarter of a megabyte, cleared) for
 * each of the eleven parts and deflate them at zlib's default level:
 * for the lead-generation contract that was 7.2 M of a batch's 12.7 M
 * instructions a contract, its 74 KB document deflated by zlib's
 * deflate_slow.  libdeflate at the same level (6) makes that document
 * 14,360 bytes rather than zlib's 14,440, in 3.8 M instructions (the
 * archives of all the golden cases and examples are 0.5 % larger, their
 * short parts a few bytes more).  The compressor is allocated once per backend, so
 * once per batch, which keeps the deflated parts that come out the same
 * (styles, settings, the footer…) in every contract.  The entries are
 * then written raw through minizip, which frames them.
 */
#define DEFLATE_LEVEL	6

/* A part deflated: its bytes, kept to be compared whole. */
struct deflated {
	char		*data;
	size_t		 len;
	struct buf	 z;
	uint32_t	 crc;
	/* Text by zlib's rule (see is_text): minizip says so in the entry's
	 * internal attributes. */
	bool		 text;
};

/* A few parts of a contract are the same in every one: these many are
 * kept, the oldest replaced; a part longer than DEFLATED_MAX (the
 * document) is not. */
#define DEFLATED_KEPT	16
#define DEFLATED_MAX	(64u * 1024)

struct docx_deflater {
	struct libdeflate_compressor *c;
	struct deflated	 kept[DEFLATED_KEPT];
	size_t		 next;		/* the slot replaced next */
	struct buf	 z;		/* a part not kept */
};

struct docx_deflater *
docx_deflater_new(void)
{
	return xcalloc(1, sizeof(struct docx_deflater));
}

void
docx_deflater_free(struct docx_deflater *d)
{
	size_t i;

	if (d == NULL)
		return;
	libdeflate_free_compressor(d->c);
	for (i = 0; i < DEFLATED_KEPT; i++) {
		free(d->kept[i].data);
		buf_free(&d->kept[i].z);
	}
	buf_free(&d->z);
	free(d);
}

/*
 * Whether LEN bytes of DATA are text as zlib decides it for minizip's
 * internal attribute (its detect_data_type): no byte of the "black
 * list" (0–6, 14–25, 28–31), and at least one of tab, line feed,
 * carriage return or 32–255.  zlib looks at its first block only; the
 * whole part is looked at here, which differs only for a part text in
 * its first block and binary later, which lgc does not write.
 */
static bool
is_text(const char *data, size_t len)
{
	/* Bit N set: byte N is of the black list. */
	const uint32_t black = 0xf3ffc07fu;
	const uint64_t ones = 0x0101010101010101u;
	uint64_t w;
	bool text = false;
	size_t i = 0, j;
	unsigned char c;

	while (i < len) {
		/* Eight bytes at a time while none is under 32 (the test of
		 * "Bit Twiddling Hacks": a byte under N sets its high bit
		 * in (w - N·ones) & ~w), as in XML nearly everywhere. */
		if (len - i >= 8) {
			memcpy(&w, data + i, 8);
			if (((w - 32 * ones) & ~w & 128 * ones) == 0) {
				text = true;
				i += 8;
				continue;
			}
		}
		for (j = 0; j < 8 && i < len; j++, i++) {
			c = (unsigned char)data[i];
			if (c >= 32 || c == 9 || c == 10 || c == 13)
				text = true;
			else if (black & (1u << c))
				return false;
		}
	}
	return text;
}

/* LEN bytes of DATA deflated into OUT (emptied first); *TEXT whether
 * they are text. */
static bool
deflate_into(struct docx_deflater *d, const char *data, size_t len,
    struct buf *out, bool *text)
{
	size_t bound;

	if (d->c == NULL &&
	    (d->c = libdeflate_alloc_compressor(DEFLATE_LEVEL)) == NULL)
		return false;
	bound = libdeflate_deflate_compress_bound(d->c, len);
	buf_reset(out);
	buf_grow(out, bound);
	out->len = libdeflate_deflate_compress(d->c, data, len, out->data,
	    bound);
	if (out->len == 0)
		return false;
	*text = is_text(data, len);
	return true;
}

/* DATA deflated: a part kept when the same bytes were deflated before,
 * else deflated now (and kept when short). */
static const struct deflated *
deflated(struct docx_deflater *d, const char *data, size_t len,
    struct deflated *scratch)
{
	struct deflated *k;
	size_t i;

	for (i = 0; i < DEFLATED_KEPT; i++) {
		k = &d->kept[i];
		if (k->data != NULL && k->len == len &&
		    memcmp(k->data, data, len) == 0)
			return k;
	}
	if (len > DEFLATED_MAX) {
		if (!deflate_into(d, data, len, &d->z, &scratch->text))
			return NULL;
		scratch->z = d->z;
		scratch->crc = libdeflate_crc32(0, data, len);
		return scratch;
	}
	k = &d->kept[d->next];
	free(k->data);
	k->data = NULL;
	if (!deflate_into(d, data, len, &k->z, &k->text))
		return NULL;
	k->data = xmalloc(len + 1);
	memcpy(k->data, data, len);
	k->len = len;
	k->crc = libdeflate_crc32(0, data, len);
	d->next = (d->next + 1) % DEFLATED_KEPT;
	return k;
}

static voidpf ZCALLBACK
mem_open(voidpf opaque, const void *name, int mode)
{
	(void)name;
	(void)mode;
	return opaque;
}

static uLong ZCALLBACK
mem_read(voidpf opaque, voidpf stream, void *data, uLong size)
{
	struct memfile *f = stream;
	size_t have = f->out->len - f->start;

	(void)opaque;
	if (f->pos >= have)
		return 0;
	if (size > have - f->pos)
		size = (uLong)(have - f->pos);
	memcpy(data, f->out->data + f->start + f->pos, size);
	f->pos += size;
	return size;
}

static uLong ZCALLBACK
mem_write(voidpf opaque, voidpf stream, const void *data, uLong size)
{
	struct memfile *f = stream;
	size_t end = f->start + f->pos + size;

	(void)opaque;
	if (end > f->out->len) {
		buf_grow(f->out, end - f->out->len);
		f->out->len = end;
	}
	memcpy(f->out->data + f->start + f->pos, data, size);
	f->pos += size;
	return size;
}

static ZPOS64_T ZCALLBACK
mem_tell(voidpf opaque, voidpf stream)
{
	const struct memfile *f = stream;

	(void)opaque;
	return f->pos;
}

static long ZCALLBACK
mem_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
	struct memfile *f = stream;
	size_t have = f->out->len - f->start, base;

	(void)opaque;
	switch (origin) {
	case ZLIB_FILEFUNC_SEEK_SET:
		base = 0;
		break;
	case ZLIB_FILEFUNC_SEEK_CUR:
		base = f->pos;
		break;
	case ZLIB_FILEFUNC_SEEK_END:
		base = have;
		break;
	default:
		return -1;
	}
	if (offset > have - base)
		return -1;
	f->pos = base + (size_t)offset;
	return 0;
}

static int ZCALLBACK
mem_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

static int ZCALLBACK
mem_error(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

struct docx_zip *
docx_zip_open(struct buf *out, struct docx_deflater *deflater)
{
	struct docx_zip *z = xcalloc(1, sizeof(*z));
	zlib_filefunc64_def io;

	z->file.out = out;
	z->file.start = out->len;
	z->deflater = deflater;
	memset(&io, 0, sizeof(io));
	io.zopen64_file = mem_open;
	io.zread_file = mem_read;
	io.zwrite_file = mem_write;
	io.ztell64_file = mem_tell;
	io.zseek64_file = mem_seek;
	io.zclose_file = mem_close;
	io.zerror_file = mem_error;
	io.opaque = &z->file;
	z->zf = zipOpen2_64("docx", APPEND_STATUS_CREATE, NULL, &io);
	z->failed = z->zf == NULL;
	return z;
}

bool
docx_zip_add(struct docx_zip *z, const char *name, const char *data,
    size_t len)
{
	zip_fileinfo info;
	struct deflated scratch;
	const struct deflated *dz;

	if (z->failed)
		return false;
	/* 1980-01-01 00:00, the first date a zip can hold: no clock in the
	 * output (the document's own date is in docProps/core.xml). */
	memset(&info, 0, sizeof(info));
	info.tmz_date.tm_year = 1980;
	info.tmz_date.tm_mday = 1;
	if (len > UINT_MAX / 2 ||
	    (dz = deflated(z->deflater, data, len, &scratch)) == NULL ||
	    dz->z.len > UINT_MAX) {
		z->failed = true;
		return false;
	}
	/* What minizip's own deflating sets. */
	info.internal_fa = dz->text ? Z_TEXT : 0;
	if (zipOpenNewFileInZip2_64(z->zf, name, &info, NULL, 0, NULL, 0,
	    NULL, Z_DEFLATED, Z_DEFAULT_COMPRESSION, 1, 0) != ZIP_OK)
		z->failed = true;
	else if (zipWriteInFileInZip(z->zf, dz->z.data != NULL ? dz->z.data :
	    "", (unsigned)dz->z.len) != ZIP_OK) {
		zipCloseFileInZipRaw64(z->zf, len, dz->crc);
		z->failed = true;
	} else if (zipCloseFileInZipRaw64(z->zf, len, dz->crc) != ZIP_OK)
		z->failed = true;
	return !z->failed;
}

bool
docx_zip_close(struct docx_zip *z)
{
	bool ok;

	if (z->zf != NULL && zipClose(z->zf, NULL) != ZIP_OK)
		z->failed = true;
	ok = !z->failed;
	if (!ok)
		z->file.out->len = z->file.start;
	free(z);
	return ok;
}

bool
docx_zip_read(const char *data, size_t len, const char *name, size_t max,
    struct buf *out)
{
	/* Read only: minizip writes nothing through these functions. */
	struct buf view = { (char *)data, len, len };
	struct memfile file = { &view, 0, 0 };
	zlib_filefunc64_def io;
	unzFile uf;
	char chunk[8192];
	size_t start = out->len;
	int n = 0;
	bool ok;

	memset(&io, 0, sizeof(io));
	io.zopen64_file = mem_open;
	io.zread_file = mem_read;
	io.zwrite_file = mem_write;
	io.ztell64_file = mem_tell;
	io.zseek64_file = mem_seek;
	io.zclose_file = mem_close;
	io.zerror_file = mem_error;
	io.opaque = &file;
	if ((uf = unzOpen2_64("modele", &io)) == NULL)
		return false;
	ok = unzLocateFile(uf, name, 1) == UNZ_OK &&
	    unzOpenCurrentFile(uf) == UNZ_OK;
	if (ok) {
		/* Whatever size the entry claims: a zip bomb stops at MAX. */
		while ((n = unzReadCurrentFile(uf, chunk, sizeof(chunk))) > 0 &&
		    out->len - start + (size_t)n <= max)
			buf_put(out, chunk, (size_t)n);
		ok = n == 0 && unzCloseCurrentFile(uf) == UNZ_OK;
		if (n != 0)
			unzCloseCurrentFile(uf);
	}
	unzClose(uf);
	if (!ok)
		out->len = start;
	return ok;
}
