/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* format/docx: the XML escaping every client string goes through, and
 * the zip written in memory. */
#include <stdlib.h>
#include <string.h>

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

static void
test_zip(struct unit *u)
{
	struct buf out, again;
	struct docx_zip *z;

	buf_init(&out);
	buf_init(&again);
	buf_puts(&out, "avant");
	z = docx_zip_open(&out);
	CHECK(u, docx_zip_add(z, "a.xml", "<a/>", 4));
	CHECK(u, docx_zip_add(z, "b/c.xml", "", 0));
	CHECK(u, docx_zip_close(z));
	/* Appended after what OUT held, a zip's signature first. */
	CHECK(u, out.len > 5 + 30 && memcmp(out.data, "avant", 5) == 0 &&
	    memcmp(out.data + 5, "PK\x03\x04", 4) == 0);
	CHECK(u, out.len > 22 &&
	    memcmp(out.data + out.len - 22, "PK\x05\x06", 4) == 0);
	z = docx_zip_open(&again);
	CHECK(u, docx_zip_add(z, "a.xml", "<a/>", 4));
	CHECK(u, docx_zip_add(z, "b/c.xml", "", 0));
	CHECK(u, docx_zip_close(z));
	CHECK(u, again.len == out.len - 5 &&
	    memcmp(again.data, out.data + 5, again.len) == 0);
	buf_free(&out);
	buf_free(&again);
}

void
test_docx(struct unit *u)
{
	test_escape(u);
	test_zip(u);
}
