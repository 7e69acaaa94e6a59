/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * PDF/A (--pdfa): the PDF lgc writes made PDF/A-1b, ISO 19005-1 level B,
 * the archival form a law office keeps ("support durable").  Most of it
 * holds of lgc's PDF already: every font embedded, as a subset
 * (6.3.4, fonts.c), no transparency, no encryption, no JavaScript, no
 * action but links within the document (6.6); what this file adds, once
 * the pages are drawn:
 *
 *  - the output intent (6.2.2): an sRGB ICC profile, the one a Debian
 *    package installs (icc-profiles-free) or --profil-icc, since the
 *    pages use DeviceGray and DeviceRGB, which need one (6.2.3.3);
 *  - XMP metadata (6.7.2, 6.7.3): the document information (title,
 *    subject, creator tool, producer, dates at the same instant) as
 *    XMP, unfiltered, with the PDF/A identification (6.7.11);
 *  - the document ID in the trailer (6.1.3), from the document's own
 *    content, so that the same input still gives the same bytes;
 *  - every annotation printable (6.5.3): libharu's links carry no /F;
 *  - the PDF version 1.4, PDF/A-1's base.
 *
 * libharu 2.3.0 has HPDF_PDFA_SetPDFAConformance and
 * HPDF_PDFA_AppendOutputIntents, but they cannot be used as they are:
 * the first copies the information's strings into the XMP as raw
 * bytes (CP1252 or UTF-8, unescaped), fails on a date ending in Z and
 * draws its document ID from the clock; the second writes the profile
 * under the key "DestOutputProfile " (trailing space).  Both are
 * redone here through its object layer, which needs no patch.
 *
 * With a tagged PDF (R->tagged, set by the structure tree), the XMP
 * claims PDF/A-1a and PDF/UA-1 instead (6.8 asks for the structure;
 * PDF/UA's identification schema is declared as an extension schema,
 * 6.7.8).
 */
#include "format/pdf/pdfa.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_encrypt.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>

#include "base/diag.h"
#include "base/source.h"
#include "format/pdf/haru.h"
#include "format/pdf/render.h"

/* Where Debian's packages put an sRGB profile of ICC version 2, the
 * first found serving: icc-profiles-free (make deps installs it),
 * colord-data, Ghostscript's. */
static const char *const profile_paths[] = {
	"/usr/share/color/icc/sRGB.icc",
	"/usr/share/color/icc/colord/sRGB.icc",
	"/usr/share/color/icc/ghostscript/srgb.icc",
	NULL
};

#define PROFILE_MAX	(4u << 20)
#define PROFILE_NAME	"sRGB IEC61966-2.1"

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* Why the LEN bytes at P are no ICC profile PDF/A-1 takes as its
 * output intent, or NULL. */
static const char *
profile_fault(const unsigned char *p, size_t len)
{
	if (len < 132 || memcmp(p + 36, "acsp", 4) != 0)
		return "ce n'est pas un profil ICC";
	if (be32(p) != len)
		return "profil ICC tronqué ou mal formé (sa taille ne "
		    "correspond pas à son en-tête)";
	if (memcmp(p + 16, "RGB ", 4) != 0)
		return "profil ICC d'un autre espace que RVB (il faut un "
		    "profil sRGB)";
	/* PDF 1.4, PDF/A-1's base, reads profiles of version 2. */
	if (p[8] > 2)
		return "profil ICC de version 4 : PDF/A-1 n'accepte que la "
		    "version 2";
	return NULL;
}

bool
pdfa_profile(struct diags *ds, const char *data, size_t len,
    struct buf *profile)
{
	const char *fault;
	char *text = NULL, *msg;
	size_t i;

	buf_reset(profile);
	if (data != NULL) {
		if ((fault = profile_fault((const unsigned char *)data,
		    len)) != NULL) {
			msg = xasprintf("--profil-icc : %s", fault);
			diag(ds, F_PDFA_PROFILE, NULL, msg);
			free(msg);
			return false;
		}
		buf_put(profile, data, len);
		return true;
	}
	for (i = 0; profile_paths[i] != NULL; i++) {
		if ((text = read_file(profile_paths[i], PROFILE_MAX, &len)) ==
		    NULL)
			continue;
		if (profile_fault((unsigned char *)text, len) == NULL)
			break;
		free(text);
		text = NULL;
	}
	if (text == NULL) {
		diag(ds, F_PDFA_PROFILE, NULL, "aucun profil sRGB (ICC "
		    "version 2) installé, nécessaire à --pdfa : installez le "
		    "paquet icc-profiles-free (" "/usr/share/color/icc/sRGB.icc"
		    ") ou donnez-en un avec --profil-icc");
		return false;
	}
	buf_put(profile, text, len);
	free(text);
	return true;
}

/* The output intent: sRGB, from PROFILE (6.2.2). */
static bool
add_output_intent(struct render *r, const struct buf *profile)
{
	HPDF_MMgr mm = r->hpdf->mmgr;
	HPDF_Dict icc, intent;
	HPDF_Array intents;
	HPDF_String s;
	static const char *const keys[] = { "OutputConditionIdentifier",
	    "Info" };
	size_t i;

	icc = HPDF_DictStream_New(mm, r->hpdf->xref);
	if (!haru_made(r, icc) ||
	    haru_failed(r, HPDF_Dict_AddNumber(icc, "N", 3)) ||
	    haru_failed(r, HPDF_Stream_Write(icc->stream,
	    (const HPDF_BYTE *)profile->data, (HPDF_UINT)profile->len)))
		return false;
	icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	intent = HPDF_Dict_New(mm);
	if (!haru_made(r, intent) ||
	    haru_failed(r, HPDF_Xref_Add(r->hpdf->xref, intent)) ||
	    haru_failed(r, HPDF_Dict_AddName(intent, "Type", "OutputIntent")) ||
	    haru_failed(r, HPDF_Dict_AddName(intent, "S", "GTS_PDFA1")) ||
	    haru_failed(r, HPDF_Dict_Add(intent, "DestOutputProfile", icc)))
		return false;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		s = HPDF_String_New(mm, PROFILE_NAME, NULL);
		if (!haru_made(r, s) ||
		    haru_failed(r, HPDF_Dict_Add(intent, keys[i], s)))
			return false;
	}
	intents = HPDF_Array_New(mm);
	return haru_made(r, intents) &&
	    !haru_failed(r, HPDF_Dict_Add(r->hpdf->catalog, "OutputIntents",
	    intents)) &&
	    !haru_failed(r, HPDF_Array_Add(intents, intent));
}

/* Appends code point CP to B as XML text. */
static void
xml_char(struct buf *b, uint32_t cp)
{
	char u[4];

	switch (cp) {
	case '&':
		buf_puts(b, "&amp;");
		return;
	case '<':
		buf_puts(b, "&lt;");
		return;
	case '>':
		buf_puts(b, "&gt;");
		return;
	case '"':
		buf_puts(b, "&quot;");
		return;
	case '\t':
	case '\n':
	case '\r':
		buf_printf(b, "&#%u;", (unsigned)cp);
		return;
	default:
		break;
	}
	/* No other control character exists in XML 1.0. */
	if (cp < 0x20 || (cp >= 0xD800 && cp < 0xE000) || cp == 0xFFFE ||
	    cp == 0xFFFF)
		cp = 0xFFFD;
	buf_put(b, u, utf8_encode(cp, u));
}

/* The value of the information entry KEY, of any class, or NULL
 * (HPDF_Dict_GetItem records an error when the class is not the one
 * asked). */
static HPDF_Obj_Header *
info_entry(struct render *r, const char *key)
{
	HPDF_Dict info = r->hpdf->info;
	HPDF_DictElement e;
	HPDF_UINT i;

	for (i = 0; info != NULL && i < info->list->count; i++) {
		e = HPDF_List_ItemAt(info->list, i);
		if (strcmp(e->key, key) == 0)
			return e->value;
	}
	return NULL;
}

/*
 * Appends to B, as XML text, the string information entry KEY holds as
 * a reader decodes it: libharu writes a string with an encoder as
 * UTF-16BE, each byte or pair of bytes through the encoder's Unicode
 * mapping (HPDF_String_Write, whose loop this follows), and one
 * without, as its bytes (ASCII here: the producer, the dates); a
 * binary string is the UTF-16BE itself, after its byte order mark
 * (pdf.c writes a title outside CP1252 so, as the UTF-8 encoder
 * would).  Returns false when the entry is absent.
 */
static bool
info_text(struct render *r, const char *key, struct buf *b)
{
	HPDF_Obj_Header *h = info_entry(r, key);
	HPDF_String s = (HPDF_String)h;
	HPDF_Binary bin = (HPDF_Binary)h;
	HPDF_ParseText_Rec state;
	HPDF_ByteType type;
	uint32_t cp, lo;
	uint16_t *units;
	size_t i, n = 0;

	if (h == NULL || ((h->obj_class & HPDF_OCLASS_ANY) !=
	    HPDF_OCLASS_STRING && (h->obj_class & HPDF_OCLASS_ANY) !=
	    HPDF_OCLASS_BINARY))
		return false;
	if ((h->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_BINARY) {
		units = xcalloc(bin->len / 2 + 1, sizeof(*units));
		for (i = 2; i + 1 < bin->len; i += 2)
			units[n++] = (uint16_t)(bin->value[i] << 8 |
			    bin->value[i + 1]);
	} else if (s->encoder == NULL) {
		/* PDFDocEncoding: Latin-1 but for 0x80-0x9F, which libharu
		 * never writes here. */
		for (i = 0; i < s->len; i++)
			xml_char(b, s->value[i] < 0x80 || s->value[i] >= 0xA0 ?
			    s->value[i] : 0xFFFD);
		return true;
	} else {
		units = xcalloc(s->len + 1, sizeof(*units));
		HPDF_Encoder_SetParseText(s->encoder, &state, s->value,
		    s->len);
		for (i = 0; i < s->len; i++) {
			type = HPDF_Encoder_ByteType(s->encoder, &state);
			if (type == HPDF_BYTE_TYPE_TRIAL)
				continue;
			if (type == HPDF_BYTE_TYPE_LEAD && i + 1 < s->len)
				units[n++] = HPDF_Encoder_ToUnicode(s->encoder,
				    (HPDF_UINT16)(s->value[i] * 256u +
				    s->value[i + 1]));
			else
				units[n++] = HPDF_Encoder_ToUnicode(s->encoder,
				    s->value[i]);
		}
	}
	for (i = 0; i < n; i++) {
		cp = units[i];
		if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < n &&
		    (lo = units[i + 1]) >= 0xDC00 && lo < 0xE000) {
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			i++;
		}
		xml_char(b, cp);
	}
	free(units);
	return true;
}

/* An information date, "D:YYYYMMDDHHmmSS" then "Z" or "+HH'mm'", as
 * XMP writes it (ISO 8601, "YYYY-MM-DDTHH:mm:SS" then "Z" or
 * "+HH:mm"): the same instant.  False when KEY is absent. */
static bool
info_date(struct render *r, const char *key, struct buf *b)
{
	HPDF_String s = r->hpdf->info == NULL ? NULL :
	    HPDF_Dict_GetItem(r->hpdf->info, key, HPDF_OCLASS_STRING);
	const char *d;
	size_t i;

	if (s == NULL || s->len < 16 || memcmp(s->value, "D:", 2) != 0)
		return false;
	d = (const char *)s->value + 2;
	for (i = 0; i < 14; i++)
		if (d[i] < '0' || d[i] > '9')
			return false;
	buf_printf(b, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s", d, d + 4, d + 6,
	    d + 8, d + 10, d + 12);
	if (s->len >= 23 && (d[14] == '+' || d[14] == '-'))
		buf_printf(b, "%c%.2s:%.2s", d[14], d + 15, d + 18);
	else
		buf_putc(b, 'Z');
	return true;
}

/* One XMP property from an information entry, when it is present. */
static void
xmp_text(struct render *r, struct buf *x, const char *key,
    const char *open, const char *close)
{
	size_t at = x->len;

	buf_puts(x, open);
	if (!info_text(r, key, x)) {
		x->len = at;
		return;
	}
	buf_puts(x, close);
}

static void
xmp_date(struct render *r, struct buf *x, const char *key,
    const char *prop)
{
	size_t at = x->len;

	buf_printf(x, "<%s>", prop);
	if (!info_date(r, key, x)) {
		x->len = at;
		return;
	}
	buf_printf(x, "</%s>\n", prop);
}

/* PDF/UA's identification, which XMP's 2004 schemas lack: PDF/A-1
 * accepts it declared as an extension schema (6.7.8). */
static const char pdfua_extension[] =
"<rdf:Description rdf:about=\"\""
" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
" xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
"<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
"<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
"<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
"<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
"<pdfaProperty:name>part</pdfaProperty:name>\n"
"<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
"<pdfaProperty:category>internal</pdfaProperty:category>\n"
"<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n"
"</rdf:li></rdf:Seq></pdfaSchema:property>\n"
"</rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
"</rdf:Description>\n"
"<rdf:Description rdf:about=\"\""
" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
"<pdfuaid:part>1</pdfuaid:part>\n"
"</rdf:Description>\n";

/* The XMP packet, each property the same as its information entry
 * (6.7.3): Title dc:title, Author dc:creator, Subject dc:description,
 * Keywords pdf:Keywords, Creator xmp:CreatorTool, Producer
 * pdf:Producer, CreationDate xmp:CreateDate, ModDate xmp:ModifyDate. */
static void
make_xmp(struct render *r, struct buf *x)
{
	buf_puts(x, "<?xpacket begin=\"\xef\xbb\xbf\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "<rdf:Description rdf:about=\"\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "<dc:format>application/pdf</dc:format>\n");
	xmp_text(r, x, "Title", "<dc:title><rdf:Alt><rdf:li "
	    "xml:lang=\"x-default\">", "</rdf:li></rdf:Alt></dc:title>\n");
	xmp_text(r, x, "Author", "<dc:creator><rdf:Seq><rdf:li>",
	    "</rdf:li></rdf:Seq></dc:creator>\n");
	xmp_text(r, x, "Subject", "<dc:description><rdf:Alt><rdf:li "
	    "xml:lang=\"x-default\">",
	    "</rdf:li></rdf:Alt></dc:description>\n");
	buf_puts(x, "</rdf:Description>\n"
	    "<rdf:Description rdf:about=\"\" "
	    "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
	xmp_text(r, x, "Creator", "<xmp:CreatorTool>",
	    "</xmp:CreatorTool>\n");
	xmp_date(r, x, "CreationDate", "xmp:CreateDate");
	xmp_date(r, x, "ModDate", "xmp:ModifyDate");
	buf_puts(x, "</rdf:Description>\n"
	    "<rdf:Description rdf:about=\"\" "
	    "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
	xmp_text(r, x, "Producer", "<pdf:Producer>", "</pdf:Producer>\n");
	xmp_text(r, x, "Keywords", "<pdf:Keywords>", "</pdf:Keywords>\n");
	buf_puts(x, "</rdf:Description>\n"
	    "<rdf:Description rdf:about=\"\" "
	    "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
	    "<pdfaid:part>1</pdfaid:part>\n");
	buf_printf(x, "<pdfaid:conformance>%s</pdfaid:conformance>\n"
	    "</rdf:Description>\n", r->tagged ? "A" : "B");
	if (r->tagged)
		buf_puts(x, pdfua_extension);
	buf_puts(x, "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
}

/* The XMP metadata stream of the catalog, unfiltered (6.7.2). */
static bool
add_metadata(struct render *r, const struct buf *xmp)
{
	HPDF_Dict m = HPDF_DictStream_New(r->hpdf->mmgr, r->hpdf->xref);

	if (!haru_made(r, m))
		return false;
	m->filter = HPDF_STREAM_FILTER_NONE;
	return !haru_failed(r, HPDF_Dict_AddName(m, "Type", "Metadata")) &&
	    !haru_failed(r, HPDF_Dict_AddName(m, "Subtype", "XML")) &&
	    !haru_failed(r, HPDF_Stream_Write(m->stream,
	    (const HPDF_BYTE *)xmp->data, (HPDF_UINT)xmp->len)) &&
	    !haru_failed(r, HPDF_Dict_Add(r->hpdf->catalog, "Metadata", m));
}

/* The trailer's /ID (6.1.3): two equal MD5 digests of the metadata and
 * the text of every page, so that the same input gives the same bytes
 * and two documents differ. */
static bool
add_id(struct render *r, const struct buf *xmp)
{
	HPDF_MD5_CTX md5;
	HPDF_BYTE id[HPDF_MD5_KEY_LEN];
	HPDF_Array a;
	HPDF_Binary b;
	size_t i, k;
	char pages[32];

	HPDF_MD5Init(&md5);
	HPDF_MD5Update(&md5, (const HPDF_BYTE *)xmp->data,
	    (HPDF_UINT32)xmp->len);
	snprintf(pages, sizeof(pages), "%zu", r->npages);
	HPDF_MD5Update(&md5, (const HPDF_BYTE *)pages,
	    (HPDF_UINT32)strlen(pages));
	for (i = 0; i < r->npieces; i++)
		if (r->pieces[i].text != NULL && r->pieces[i].len > 0)
			HPDF_MD5Update(&md5,
			    (const HPDF_BYTE *)r->pieces[i].text,
			    (HPDF_UINT32)r->pieces[i].len);
	HPDF_MD5Final(id, &md5);
	a = HPDF_Array_New(r->hpdf->mmgr);
	if (!haru_made(r, a) ||
	    haru_failed(r, HPDF_Dict_Add(r->hpdf->trailer, "ID", a)))
		return false;
	for (k = 0; k < 2; k++) {
		b = HPDF_Binary_New(r->hpdf->mmgr, id, HPDF_MD5_KEY_LEN);
		if (!haru_made(r, b) || haru_failed(r, HPDF_Array_Add(a, b)))
			return false;
	}
	return true;
}

/* Every annotation printable, none hidden (6.5.3): the links libharu
 * makes have no /F; the signature fields have /F 4 already. */
static bool
print_annotations(struct render *r)
{
	HPDF_Array annots;
	HPDF_Dict a;
	size_t i, k;

	for (i = 0; i < r->npages; i++) {
		annots = HPDF_Dict_GetItem(r->hpages[i], "Annots",
		    HPDF_OCLASS_ARRAY);
		for (k = 0; annots != NULL && k < HPDF_Array_Items(annots);
		    k++) {
			a = HPDF_Array_GetItem(annots, (HPDF_UINT)k,
			    HPDF_OCLASS_DICT);
			if (a == NULL)
				return haru_made(r, a);
			if (HPDF_Dict_GetItem(a, "F", HPDF_OCLASS_NUMBER) ==
			    NULL && haru_failed(r, HPDF_Dict_AddNumber(a, "F",
			    4)))
				return false;
		}
	}
	return true;
}

/*
 * A single-byte encoding is written as WinAnsiEncoding with the codes
 * where it differs (/Differences), each by its glyph name; libharu
 * names a code the code page leaves undefined /.notdef (code 127 of
 * CP1252, 0x81 of CP1250…), a name outside the Adobe Glyph List, which
 * 6.3.7 (as corrected in 2011) does not allow in a non-symbolic
 * TrueType font's encoding.  No text uses such a code (it stands for no
 * character), so it is dropped from the differences; CP1252 is then
 * /WinAnsiEncoding alone.
 */
static void
no_notdef(struct render *r)
{
	HPDF_FontAttr fa;
	HPDF_BasicEncoderAttr a;
	size_t face, k, i;
	bool left;

	for (face = 0; face < FACE_COUNT; face++)
		for (k = 0; k < r->hfont[face].n; k++) {
			if (r->hfont[face].e[k].font == NULL ||
			    (fa = r->hfont[face].e[k].font->attr) == NULL ||
			    fa->encoder == NULL || fa->encoder->type !=
			    HPDF_ENCODER_TYPE_SINGLE_BYTE ||
			    (a = fa->encoder->attr) == NULL ||
			    !a->has_differences)
				continue;
			left = false;
			for (i = 0; i < 256; i++) {
				if (a->differences[i] != 0 && strcmp(
				    HPDF_UnicodeToGryphName(a->unicode_map[i]),
				    ".notdef") == 0)
					a->differences[i] = 0;
				left = left || a->differences[i] != 0;
			}
			a->has_differences = left;
		}
}

bool
pdfa_write(struct render *r, const struct buf *profile)
{
	struct buf xmp;
	bool ok;

	if (r->hpdf->pdf_version < HPDF_VER_14)
		r->hpdf->pdf_version = HPDF_VER_14;
	if (!add_output_intent(r, profile) || !print_annotations(r))
		return false;
	no_notdef(r);
	buf_init(&xmp);
	make_xmp(r, &xmp);
	ok = add_metadata(r, &xmp) && add_id(r, &xmp);
	buf_free(&xmp);
	return ok;
}
