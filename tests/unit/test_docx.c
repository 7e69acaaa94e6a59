/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* format/docx: the XML escaping every client string goes through, and
 * the zip written in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>
#include <minizip/unzip.h>
#include <minizip/zip.h>

#include "unit.h"
#include "base/util.h"
#include "format/docx/xml.h"
#include "format/docx/zip.h"

static char *
escaped(const char *s, size_t len)
{
	struct buf b;

	buf_init(&b);
	xml_escape(&b, s, len);
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

#define CHECK_XML(u, in, want) do {					\
	char *got_ = escaped((in), sizeof(in) - 1);			\
	unit_check_str((u), got_, (want), "xml_escape(" #in ")",	\
	    __FILE__, __LINE__);					\
	free(got_);							\
} while (0)

static void
test_escape(struct unit *u)
{
	CHECK_XML(u, "&", "&amp;");
	CHECK_XML(u, "<w:t>", "&lt;w:t&gt;");
	CHECK_XML(u, "\"x\" 'y'", "&quot;x&quot; 'y'");
	CHECK_XML(u, "]]>", "]]&gt;");
	/* Characters XML 1.0 has no room for are left out, even as
	 * references; tab, line feed and carriage return stay. */
	CHECK_XML(u, "a\x01" "b\x1f" "c\x0b", "abc");
	CHECK_XML(u, "a\tb\nc\rd", "a\tb\nc\rd");
	CHECK_XML(u, "a\0b", "ab");
	CHECK_XML(u, "x\xef\xbf\xbey\xef\xbf\xbfz", "xyz");
	/* Invalid UTF-8: one U+FFFD a byte, never a raw byte. */
	CHECK_XML(u, "a\xff" "b", "a\xef\xbf\xbd" "b");
	CHECK_XML(u, "\xc3", "\xef\xbf\xbd");
	CHECK_XML(u, "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	/* What is valid passes unchanged: accents, no-break spaces, €. */
	CHECK_XML(u, "Société « Ré » 20\xc2\xa0" "000\xc2\xa0\xe2\x82\xac",
	    "Société « Ré » 20\xc2\xa0" "000\xc2\xa0\xe2\x82\xac");
	CHECK_XML(u, "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
}

/* The archive minizip writes itself, deflating each entry (what
 * docx_zip_add did before it deflated them): into OUT, through a file. */
static bool
minizip_archive(struct buf *out, const char *const *names,
    const char *const *datas, const size_t *lens, size_t n)
{
	char path[] = "/tmp/lgc-unit-zip-XXXXXX";
	zip_fileinfo info;
	zipFile zf;
	FILE *f;
	char chunk[4096];
	size_t i, got;
	int fd = mkstemp(path);
	bool ok = fd >= 0;

	if (fd >= 0)
		close(fd);
	zf = ok ? zipOpen64(path, APPEND_STATUS_CREATE) : NULL;
	ok = zf != NULL;
	memset(&info, 0, sizeof(info));
	info.tmz_date.tm_year = 1980;
	info.tmz_date.tm_mday = 1;
	for (i = 0; ok && i < n; i++)
		ok = zipOpenNewFileInZip64(zf, names[i], &info, NULL, 0, NULL,
		    0, NULL, Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0) == ZIP_OK &&
		    zipWriteInFileInZip(zf, datas[i], (unsigned)lens[i]) ==
		    ZIP_OK && zipCloseFileInZip(zf) == ZIP_OK;
	if (zf != NULL && zipClose(zf, NULL) != ZIP_OK)
		ok = false;
	if (ok && (f = fopen(path, "rb")) != NULL) {
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_put(out, chunk, got);
		fclose(f);
	} else
		ok = false;
	unlink(path);
	return ok;
}

/* The archive of the same entries through docx_zip with DEFLATER. */
static bool
lgc_archive(struct buf *out, struct docx_deflater *deflater,
    const char *const *names, const char *const *datas, const size_t *lens,
    size_t n)
{
	struct docx_zip *z = docx_zip_open(out, deflater);
	size_t i;
	bool ok = true;

	for (i = 0; i < n; i++)
		ok = docx_zip_add(z, names[i], datas[i], lens[i]) && ok;
	return docx_zip_close(z) && ok;
}

/* What an unzipper reads of the archive ZIP: each entry in order, its
 * name, method, CRC, size, attributes and date, then its bytes, read by
 * minizip's unzip, which checks each CRC.  The compressed bytes are left
 * out: two deflaters may choose them differently. */
static bool
entries(const struct buf *zip, struct buf *listing)
{
	char path[] = "/tmp/lgc-unit-unzip-XXXXXX";
	char name[256], chunk[4096];
	unz_file_info64 info;
	unzFile uf;
	FILE *f;
	int fd = mkstemp(path), n, status;
	bool ok = fd >= 0;

	if (fd >= 0)
		close(fd);
	if (ok && (f = fopen(path, "wb")) != NULL) {
		ok = fwrite(zip->data, 1, zip->len, f) == zip->len;
		ok = fclose(f) == 0 && ok;
	} else
		ok = false;
	uf = ok ? unzOpen64(path) : NULL;
	ok = uf != NULL;
	for (status = ok ? unzGoToFirstFile(uf) : UNZ_END_OF_LIST_OF_FILE;
	    ok && status == UNZ_OK; status = unzGoToNextFile(uf)) {
		ok = unzGetCurrentFileInfo64(uf, &info, name, sizeof(name),
		    NULL, 0, NULL, 0) == UNZ_OK &&
		    unzOpenCurrentFile(uf) == UNZ_OK;
		if (!ok)
			break;
		buf_printf(listing, "%s %d %lx %llu %lx %lx %lx\n", name,
		    (int)info.compression_method, (unsigned long)info.crc,
		    (unsigned long long)info.uncompressed_size,
		    (unsigned long)info.internal_fa,
		    (unsigned long)info.external_fa,
		    (unsigned long)info.dosDate);
		while ((n = unzReadCurrentFile(uf, chunk, sizeof(chunk))) > 0)
			buf_put(listing, chunk, (size_t)n);
		ok = unzCloseCurrentFile(uf) == UNZ_OK && n == 0;
	}
	if (status != UNZ_END_OF_LIST_OF_FILE)
		ok = false;
	if (uf != NULL)
		unzClose(uf);
	unlink(path);
	return ok;
}

static bool
same_entries(const struct buf *a, const struct buf *b)
{
	struct buf la, lb;
	bool same;

	buf_init(&la);
	buf_init(&lb);
	same = entries(a, &la) && entries(b, &lb) && la.len == lb.len &&
	    memcmp(la.data, lb.data, la.len) == 0;
	buf_free(&la);
	buf_free(&lb);
	return same;
}

static void
test_zip(struct unit *u)
{
	struct buf out, again, big, mini, kept;
	struct docx_deflater *d = docx_deflater_new();
	struct docx_deflater *fresh = docx_deflater_new();
	const char *names[] = { "a.xml", "b/c.xml", "word/document.xml",
	    "d.xml", "e.bin", "f.bin" };
	const char *datas[6];
	size_t lens[6], i;
	unsigned seed = 1;

	buf_init(&out);
	buf_init(&again);
	buf_init(&big);
	buf_init(&mini);
	buf_init(&kept);
	buf_puts(&out, "avant");
	/* A part longer than what the deflater keeps, of words drawn at
	 * random, that deflate cannot make too short. */
	for (i = 0; big.len < 100000; i++) {
		static const char *const words[] = { "le ", "Client ",
		    "paie ", "« ", "» ", "30 ", "jours ", "\xc3\xa9t\xc3\xa9 ",
		    "prospects ", "qualifi\xc3\xa9s ", "\n" };

		seed = seed * 1103515245u + 12345u;
		buf_puts(&big, words[(seed >> 16) % 11]);
	}
	datas[0] = "<a/>";
	lens[0] = 4;
	datas[1] = "";
	lens[1] = 0;
	datas[2] = big.data;
	lens[2] = big.len;
	datas[3] = "<a/>";
	lens[3] = 4;
	/* Binary by zlib's rule: a byte of its black list. */
	datas[4] = "PK\x01\x02 \x03";
	lens[4] = 6;
	/* And one found binary past its first sixteen bytes. */
	datas[5] = "<w:t>un texte assez long</w:t>\x01<w:t>suite</w:t>";
	lens[5] = strlen(datas[5]);
	CHECK(u, lgc_archive(&out, d, names, datas, lens, 6));
	/* Appended after what OUT held, a zip's signature first. */
	CHECK(u, out.len > 5 + 30 && memcmp(out.data, "avant", 5) == 0 &&
	    memcmp(out.data + 5, "PK\x03\x04", 4) == 0);
	CHECK(u, out.len > 22 &&
	    memcmp(out.data + out.len - 22, "PK\x05\x06", 4) == 0);
	/* What minizip writes deflating each entry itself, read back: the
	 * same entries, attributes and bytes; only the deflated bytes may
	 * differ.  With a new deflater and with one that kept the parts,
	 * the very same archive. */
	CHECK(u, minizip_archive(&mini, names, datas, lens, 6));
	CHECK(u, lgc_archive(&again, fresh, names, datas, lens, 6));
	CHECK(u, again.len == out.len - 5 &&
	    memcmp(again.data, out.data + 5, again.len) == 0);
	CHECK(u, same_entries(&mini, &again));
	CHECK(u, lgc_archive(&kept, d, names, datas, lens, 6));
	CHECK(u, kept.len == again.len &&
	    memcmp(kept.data, again.data, kept.len) == 0);
	docx_deflater_free(d);
	docx_deflater_free(fresh);
	buf_free(&out);
	buf_free(&again);
	buf_free(&big);
	buf_free(&mini);
	buf_free(&kept);
}

void
test_docx(struct unit *u)
{
	test_escape(u);
	test_zip(u);
}
