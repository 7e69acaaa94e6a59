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

/* What xml_escape does with an ASCII byte: 0 copies it, 1 replaces it
 * (markup), 2 drops it (a control character XML cannot hold). */
static const unsigned char xml_ascii[128] = {
	[0x00] = 2, [0x01] = 2, [0x02] = 2, [0x03] = 2, [0x04] = 2,
	[0x05] = 2, [0x06] = 2, [0x07] = 2, [0x08] = 2, [0x0B] = 2,
	[0x0C] = 2, [0x0E] = 2, [0x0F] = 2, [0x10] = 2, [0x11] = 2,
	[0x12] = 2, [0x13] = 2, [0x14] = 2, [0x15] = 2, [0x16] = 2,
	[0x17] = 2, [0x18] = 2, [0x19] = 2, [0x1A] = 2, [0x1B] = 2,
	[0x1C] = 2, [0x1D] = 2, [0x1E] = 2, [0x1F] = 2,
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1,
};

void
xml_escape(struct buf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;
	size_t i = 0, start = 0, k;
	const char *rep;

	while (i < len) {
		/* Plain ASCII, most of a contract, is copied as one stretch. */
		if (u[i] < 0x80 && xml_ascii[u[i]] == 0) {
			i++;
			continue;
		}
		/* And so are the two-byte characters of French (é, à, the
		 * no-break space), valid without decoding them. */
		if (u[i] >= 0xC2 && u[i] <= 0xDF && i + 1 < len &&
		    (u[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
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
