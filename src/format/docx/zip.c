/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "format/docx/zip.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
 * The entries are deflated here, not by minizip, which would set up a
 * deflate stream (a quarter of a megabyte, cleared) for each of the
 * eleven parts: one stream is reset between entries, and kept by the
 * backend from one document to the next, with the parts it deflated,
 * for the parts that come out the same (styles, settings, the footer…)
 * in every contract of a batch.  The stream's parameters are minizip's
 * (zip.c: the default level, raw deflate, memory level 8, the default
 * strategy) and the entries are written raw, so that the archive is
 * byte for byte the one minizip would write.
 */
#define DEFLATE_MEM_LEVEL	8

/* A part deflated: its bytes, kept to be compared whole. */
struct deflated {
	char		*data;
	size_t		 len;
	struct buf	 z;
	uLong		 crc;
	/* zlib found it text: minizip says so in the entry's internal
	 * attributes. */
	bool		 text;
};

/* A few parts of a contract are the same in every one: these many are
 * kept, the oldest replaced; a part longer than DEFLATED_MAX (the
 * document) is not. */
#define DEFLATED_KEPT	16
#define DEFLATED_MAX	(64u * 1024)

struct docx_deflater {
	z_stream	 s;
	bool		 ready;
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
	if (d->ready)
		deflateEnd(&d->s);
	for (i = 0; i < DEFLATED_KEPT; i++) {
		free(d->kept[i].data);
		buf_free(&d->kept[i].z);
	}
	buf_free(&d->z);
	free(d);
}

/* LEN bytes of DATA deflated into OUT (emptied first); *TEXT whether
 * zlib took them for text. */
static bool
deflate_into(struct docx_deflater *d, const char *data, size_t len,
    struct buf *out, bool *text)
{
	uLong bound;
	int status;

	if (!d->ready) {
		memset(&d->s, 0, sizeof(d->s));
		if (deflateInit2(&d->s, Z_DEFAULT_COMPRESSION, Z_DEFLATED,
		    -MAX_WBITS, DEFLATE_MEM_LEVEL, Z_DEFAULT_STRATEGY) != Z_OK)
			return false;
		d->ready = true;
	} else if (deflateReset(&d->s) != Z_OK)
		return false;
	bound = deflateBound(&d->s, (uLong)len);
	buf_reset(out);
	buf_grow(out, bound);
	d->s.next_in = (Bytef *)(uintptr_t)data;
	d->s.avail_in = (uInt)len;
	d->s.next_out = (Bytef *)out->data;
	d->s.avail_out = (uInt)bound;
	status = deflate(&d->s, Z_FINISH);
	if (status != Z_STREAM_END)
		return false;
	out->len = bound - d->s.avail_out;
	*text = d->s.data_type == Z_TEXT;
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
		scratch->crc = crc32(0, (const Bytef *)data, (uInt)len);
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
	k->crc = crc32(0, (const Bytef *)data, (uInt)len);
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
