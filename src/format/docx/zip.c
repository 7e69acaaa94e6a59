/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "format/docx/zip.h"

#include <limits.h>
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
	bool		 failed;
};

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
docx_zip_open(struct buf *out)
{
	struct docx_zip *z = xcalloc(1, sizeof(*z));
	zlib_filefunc64_def io;

	z->file.out = out;
	z->file.start = out->len;
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

	if (z->failed)
		return false;
	/* 1980-01-01 00:00, the first date a zip can hold: no clock in the
	 * output (the document's own date is in docProps/core.xml). */
	memset(&info, 0, sizeof(info));
	info.tmz_date.tm_year = 1980;
	info.tmz_date.tm_mday = 1;
	if (len > UINT_MAX || zipOpenNewFileInZip64(z->zf, name, &info, NULL,
	    0, NULL, 0, NULL, Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0) != ZIP_OK)
		z->failed = true;
	else if (zipWriteInFileInZip(z->zf, data, (unsigned)len) != ZIP_OK) {
		zipCloseFileInZip(z->zf);
		z->failed = true;
	} else if (zipCloseFileInZip(z->zf) != ZIP_OK)
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
