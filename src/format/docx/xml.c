/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "format/docx/xml.h"

#include <stdint.h>
#include <string.h>

/*
 * Own writer rather than libxml2's xmlTextWriter: lgc writes its parts
 * from fixed markup and escapes only the document's strings, and the
 * static libxml2 pulls ICU's tens of megabytes into ./lgc.  Its proof
 * is tests/unit/test_docx.c (hostile strings) and tests/scripts/docx.sh
 * (every part of every case through xmllint).
 */

static bool
xml_char(uint32_t cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	return cp != 0xFFFE && cp != 0xFFFF;
}

void
xml_escape(struct buf *b, const char *s, size_t len)
{
	uint32_t cp;
	size_t i = 0, start = 0, k;
	const char *rep;

	while (i < len) {
		rep = NULL;
		k = 1;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		default:
			if ((k = utf8_decode(s + i, len - i, &cp)) == 0) {
				k = 1;
				rep = "\xef\xbf\xbd";
			} else if (!xml_char(cp))
				rep = "";
			break;
		}
		if (rep != NULL) {
			buf_put(b, s + start, i - start);
			buf_puts(b, rep);
			start = i + k;
		}
		i += k;
	}
	buf_put(b, s + start, len - start);
}

void
xml_escape_str(struct buf *b, const char *s)
{
	if (s != NULL)
		xml_escape(b, s, strlen(s));
}
