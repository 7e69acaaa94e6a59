/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "format/docx/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "format/docx/xml.h"

/*
 * The parts of a DOCX around the body, as Word writes them for a
 * document drafted in French: the styles carry Word's built-in names
 * ("heading 1"), which a French Word shows as « Titre 1 », and the
 * style ids a French Word gives them ("Titre1"), so that the firm's
 * own habits (Ctrl+Alt+1, the navigation pane, a table of contents)
 * work on them; every style says French (fr-FR) for the proofing
 * tools.
 */

#define CT_MAIN "application/vnd.openxmlformats-officedocument.wordprocessingml"
#define REL_DOC "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

void
docx_content_types(struct buf *out, bool header)
{
	buf_puts(out, DOCX_XML_DECL "<Types xmlns=\"http://schemas."
	    "openxmlformats.org/package/2006/content-types\">"
	    "<Default Extension=\"rels\" ContentType=\"application/"
	    "vnd.openxmlformats-package.relationships+xml\"/>"
	    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	    "<Override PartName=\"/word/document.xml\" ContentType=\""
	    CT_MAIN ".document.main+xml\"/>"
	    "<Override PartName=\"/word/styles.xml\" ContentType=\""
	    CT_MAIN ".styles+xml\"/>"
	    "<Override PartName=\"/word/numbering.xml\" ContentType=\""
	    CT_MAIN ".numbering+xml\"/>"
	    "<Override PartName=\"/word/settings.xml\" ContentType=\""
	    CT_MAIN ".settings+xml\"/>");
	if (header)
		buf_puts(out, "<Override PartName=\"/word/header1.xml\" "
		    "ContentType=\"" CT_MAIN ".header+xml\"/>");
	buf_puts(out, "<Override PartName=\"/word/footer1.xml\" "
	    "ContentType=\"" CT_MAIN ".footer+xml\"/>"
	    "<Override PartName=\"/docProps/core.xml\" ContentType=\""
	    "application/vnd.openxmlformats-package.core-properties+xml\"/>"
	    "<Override PartName=\"/docProps/app.xml\" ContentType=\""
	    "application/vnd.openxmlformats-officedocument."
	    "extended-properties+xml\"/></Types>");
}

void
docx_package_rels(struct buf *out)
{
	buf_puts(out, DOCX_XML_DECL "<Relationships xmlns=\"http://schemas."
	    "openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rId1\" Type=\"" REL_DOC "/officeDocument\" "
	    "Target=\"word/document.xml\"/>"
	    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats."
	    "org/package/2006/relationships/metadata/core-properties\" "
	    "Target=\"docProps/core.xml\"/>"
	    "<Relationship Id=\"rId3\" Type=\"" REL_DOC
	    "/extended-properties\" Target=\"docProps/app.xml\"/>"
	    "</Relationships>");
}

void
docx_document_rels(struct buf *out, bool header)
{
	buf_puts(out, DOCX_XML_DECL "<Relationships xmlns=\"http://schemas."
	    "openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rIdStyles\" Type=\"" REL_DOC "/styles\" "
	    "Target=\"styles.xml\"/>"
	    "<Relationship Id=\"rIdNumerotation\" Type=\"" REL_DOC
	    "/numbering\" Target=\"numbering.xml\"/>"
	    "<Relationship Id=\"rIdParametres\" Type=\"" REL_DOC
	    "/settings\" Target=\"settings.xml\"/>");
	if (header)
		buf_puts(out, "<Relationship Id=\"rIdEntete\" Type=\""
		    REL_DOC "/header\" Target=\"header1.xml\"/>");
	buf_puts(out, "<Relationship Id=\"rIdPied\" Type=\"" REL_DOC
	    "/footer\" Target=\"footer1.xml\"/></Relationships>");
}

#define LANG_FR	"<w:lang w:val=\"fr-FR\"/>"

/* lgc's styles: id, Word's built-in name, type, the role it is based
 * on and the one that follows it, pPr and rPr contents. */
static const struct {
	const char	*id;
	const char	*name;
	const char	*type;
	int		 based;		/* a role, or -1 */
	int		 next;		/* a role, or -1 */
	const char	*ppr;
	const char	*rpr;
} builtin[DOCX_ROLES] = {
	[ROLE_NORMAL] = { "Normal", "Normal", "paragraph", -1, -1,
	    "<w:widowControl/>", "" },
	[ROLE_TITLE] = { "Titre", "Title", "paragraph", ROLE_NORMAL,
	    ROLE_BODY, "<w:keepNext/><w:spacing w:before=\"0\" "
	    "w:after=\"480\"/><w:jc w:val=\"center\"/>",
	    "<w:b/><w:bCs/><w:sz w:val=\"34\"/><w:szCs w:val=\"34\"/>" },
	[ROLE_HEADING1] = { "Titre1", "heading 1", "paragraph", ROLE_NORMAL,
	    ROLE_BODY, "<w:keepNext/><w:keepLines/><w:numPr>"
	    "<w:numId w:val=\"1\"/></w:numPr><w:spacing w:before=\"400\" "
	    "w:after=\"140\"/><w:outlineLvl w:val=\"0\"/>",
	    "<w:b/><w:bCs/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>" },
	[ROLE_HEADING2] = { "Titre2", "heading 2", "paragraph", ROLE_NORMAL,
	    ROLE_BODY, "<w:keepNext/><w:keepLines/><w:numPr>"
	    "<w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr>"
	    "<w:spacing w:before=\"300\" w:after=\"120\"/>"
	    "<w:outlineLvl w:val=\"1\"/>",
	    "<w:b/><w:bCs/><w:sz w:val=\"23\"/><w:szCs w:val=\"23\"/>" },
	[ROLE_HEADING3] = { "Titre3", "heading 3", "paragraph", ROLE_NORMAL,
	    ROLE_BODY, "<w:keepNext/><w:keepLines/><w:numPr>"
	    "<w:ilvl w:val=\"2\"/><w:numId w:val=\"1\"/></w:numPr>"
	    "<w:spacing w:before=\"240\" w:after=\"100\"/>"
	    "<w:outlineLvl w:val=\"2\"/>", "<w:b/><w:bCs/><w:i/><w:iCs/>" },
	[ROLE_BODY] = { "Corpsdetexte", "Body Text", "paragraph",
	    ROLE_NORMAL, -1, "<w:spacing w:after=\"160\"/>"
	    "<w:jc w:val=\"both\"/>", "" },
	[ROLE_LIST] = { "Paragraphedeliste", "List Paragraph", "paragraph",
	    ROLE_BODY, -1, "<w:spacing w:after=\"80\"/>"
	    "<w:ind w:left=\"720\"/>", "" },
	[ROLE_SIGNATURE] = { "Signature", "Signature", "paragraph",
	    ROLE_NORMAL, -1, "<w:keepNext/><w:spacing w:after=\"80\"/>"
	    "<w:jc w:val=\"left\"/>", "" },
	[ROLE_HEADER] = { "En-tte", "header", "paragraph", ROLE_NORMAL, -1,
	    "<w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>",
	    "<w:color w:val=\"444444\"/><w:sz w:val=\"18\"/>"
	    "<w:szCs w:val=\"18\"/>" },
	[ROLE_FOOTER] = { "Pieddepage", "footer", "paragraph", ROLE_NORMAL,
	    -1, "<w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>",
	    "<w:color w:val=\"444444\"/><w:sz w:val=\"18\"/>"
	    "<w:szCs w:val=\"18\"/>" },
	[ROLE_TABLE] = { "TableauNormal", "Normal Table", "table", -1, -1,
	    "", "" },
	[ROLE_NO_LIST] = { "Aucuneliste", "No List", "numbering", -1, -1,
	    "", "" },
};

/* The value of attribute ATTR (with its '="') in the tag from S to END,
 * or NULL; *LEN its length. */
static const char *
attr_in(const char *s, const char *end, const char *attr, size_t *len)
{
	size_t n = strlen(attr);
	const char *v, *q;

	for (; s + n <= end; s++) {
		if (memcmp(s, attr, n) != 0 || (s[-1] != ' ' && s[-1] != '\t' &&
		    s[-1] != '\n' && s[-1] != '\r'))
			continue;
		v = s + n;
		for (q = v; q < end && *q != '"'; q++)
			;
		if (q >= end)
			return NULL;
		*len = (size_t)(q - v);
		return v;
	}
	return NULL;
}

/* An id that needs no escaping, whatever the template: letters, digits,
 * '-', '_' and UTF-8 (French ids have accents). */
static bool
plain_id(const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)id[i];

		if (!(c >= 0x80 || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_'))
			return false;
	}
	return true;
}

static bool
same_name(const char *a, size_t alen, const char *b)
{
	size_t i;

	if (alen != strlen(b))
		return false;
	for (i = 0; i < alen; i++) {
		char x = a[i], y = b[i];

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return true;
}

/* Whether the template defines a style of id ID. */
static bool
model_has_id(const struct docx_styles *s, const char *id)
{
	struct buf pat;
	bool found = false;
	const char *p, *end = s->model + s->model_len;
	size_t n;

	buf_init(&pat);
	buf_printf(&pat, "w:styleId=\"%s\"", id);
	n = pat.len;
	for (p = s->model; p + n <= end && !found; p++)
		found = memcmp(p, pat.data, n) == 0;
	buf_free(&pat);
	return found;
}

/*
 * A template's styles are read by name, the way Word matches styles
 * between documents: "heading 1" whatever its id ("Titre1" in French,
 * "Heading1" in English).  A role the template lacks keeps lgc's
 * style, under an id the template does not use.
 */
void
docx_styles_init(struct docx_styles *s, const char *model, size_t len)
{
	const char *p, *end, *tag_end, *close, *id, *name, *next;
	size_t id_len, name_len;
	int r;

	memset(s, 0, sizeof(*s));
	s->model = model;
	s->model_len = model != NULL ? len : 0;
	/* NULL + 0 is undefined: no model, no loop. */
	end = model != NULL ? model + len : NULL;
	for (p = model; p != NULL && p + 9 < end; p = next) {
		next = p + 1;
		if (memcmp(p, "<w:style", 8) != 0 || (p[8] != ' ' &&
		    p[8] != '\n' && p[8] != '\r' && p[8] != '\t'))
			continue;
		for (tag_end = p; tag_end < end && *tag_end != '>'; tag_end++)
			;
		for (close = tag_end; close + 10 <= end &&
		    memcmp(close, "</w:style>", 10) != 0; close++)
			;
		if (tag_end >= end || close + 10 > end)
			break;
		next = close;
		id = attr_in(p, tag_end, "w:styleId=\"", &id_len);
		name = NULL;
		for (const char *q = tag_end; q + 8 < close; q++)
			if (memcmp(q, "<w:name ", 8) == 0) {
				const char *qe = q;

				while (qe < close && *qe != '>')
					qe++;
				name = attr_in(q, qe, "w:val=\"", &name_len);
				break;
			}
		if (id == NULL || name == NULL || id_len == 0 ||
		    id_len > 200 || !plain_id(id, id_len))
			continue;
		for (r = 0; r < DOCX_ROLES; r++)
			if (s->id[r] == NULL && same_name(name, name_len,
			    builtin[r].name)) {
				s->id[r] = xstrndup(id, id_len);
				s->in_model[r] = true;
			}
	}
	for (r = 0; r < DOCX_ROLES; r++) {
		if (s->id[r] != NULL)
			continue;
		if (model != NULL && model_has_id(s, builtin[r].id))
			s->id[r] = xasprintf("lgc%s", builtin[r].id);
		else
			s->id[r] = xstrdup(builtin[r].id);
	}
}

void
docx_styles_free(struct docx_styles *s)
{
	int r;

	for (r = 0; r < DOCX_ROLES; r++)
		free(s->id[r]);
}

static void
style_def(struct buf *out, const struct docx_styles *s, int r)
{
	bool para = strcmp(builtin[r].type, "paragraph") == 0;

	buf_puts(out, "<w:style w:type=\"");
	buf_puts(out, builtin[r].type);
	buf_putc(out, '"');
	if (r == ROLE_NORMAL || r == ROLE_TABLE || r == ROLE_NO_LIST)
		buf_puts(out, " w:default=\"1\"");
	buf_puts(out, " w:styleId=\"");
	xml_escape_str(out, s->id[r]);
	buf_puts(out, "\"><w:name w:val=\"");
	buf_puts(out, builtin[r].name);
	buf_puts(out, "\"/>");
	if (builtin[r].based >= 0) {
		buf_puts(out, "<w:basedOn w:val=\"");
		xml_escape_str(out, s->id[builtin[r].based]);
		buf_puts(out, "\"/>");
	}
	if (builtin[r].next >= 0) {
		buf_puts(out, "<w:next w:val=\"");
		xml_escape_str(out, s->id[builtin[r].next]);
		buf_puts(out, "\"/>");
	}
	if (para)
		buf_puts(out, "<w:qFormat/>");
	else
		buf_puts(out, "<w:uiPriority w:val=\"99\"/><w:semiHidden/>"
		    "<w:unhideWhenUsed/>");
	if (builtin[r].ppr[0] != '\0') {
		buf_puts(out, "<w:pPr>");
		buf_puts(out, builtin[r].ppr);
		buf_puts(out, "</w:pPr>");
	}
	if (r != ROLE_NO_LIST) {
		buf_puts(out, "<w:rPr>");
		buf_puts(out, builtin[r].rpr);
		buf_puts(out, LANG_FR "</w:rPr>");
	}
	if (r == ROLE_TABLE)
		buf_puts(out, "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
		    "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
		    "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" "
		    "w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
		    "</w:tblCellMar></w:tblPr>");
	buf_puts(out, "</w:style>");
}

/* The last "</w:styles>" of the template, or NULL. */
static const char *
model_end(const struct docx_styles *s)
{
	size_t i;

	if (s->model_len < 11)
		return NULL;
	for (i = s->model_len - 11 + 1; i-- > 0;)
		if (memcmp(s->model + i, "</w:styles>", 11) == 0)
			return s->model + i;
	return NULL;
}

void
docx_styles(struct buf *out, const struct docx_styles *s)
{
	const char *end = s->model != NULL ? model_end(s) : NULL;
	int r;

	if (end != NULL) {
		/* The firm's styles as they are, lgc's for what they lack. */
		buf_put(out, s->model, (size_t)(end - s->model));
		for (r = 0; r < DOCX_ROLES; r++)
			if (!s->in_model[r])
				style_def(out, s, r);
		buf_puts(out, "</w:styles>");
		return;
	}
	buf_puts(out, DOCX_XML_DECL "<w:styles xmlns:w=\"" DOCX_NS_W "\">"
	    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts "
	    "w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
	    "w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
	    "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"
	    "<w:lang w:val=\"fr-FR\" w:eastAsia=\"fr-FR\" w:bidi=\"ar-SA\"/>"
	    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
	    "<w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/>"
	    "</w:pPr></w:pPrDefault></w:docDefaults>");
	for (r = 0; r < DOCX_ROLES; r++)
		style_def(out, s, r);
	buf_puts(out, "</w:styles>");
}

static void
level(struct buf *out, int ilvl, const char *fmt, const char *text,
    const char *style, const char *suffix, int left, int hanging)
{
	buf_puts(out, "<w:lvl w:ilvl=\"");
	buf_putu(out, (unsigned long)ilvl);
	buf_puts(out, "\"><w:start w:val=\"1\"/><w:numFmt w:val=\"");
	buf_puts(out, fmt);
	buf_puts(out, "\"/>");
	if (style != NULL) {
		buf_puts(out, "<w:pStyle w:val=\"");
		xml_escape_str(out, style);
		buf_puts(out, "\"/>");
	}
	if (suffix != NULL) {
		buf_puts(out, "<w:suff w:val=\"");
		buf_puts(out, suffix);
		buf_puts(out, "\"/>");
	}
	buf_puts(out, "<w:lvlText w:val=\"");
	xml_escape_str(out, text);
	buf_puts(out, "\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"");
	buf_putu(out, (unsigned long)left);
	buf_puts(out, "\" w:hanging=\"");
	buf_putu(out, (unsigned long)hanging);
	buf_puts(out, "\"/></w:pPr></w:lvl>");
}

void
docx_numbering(struct buf *out, const struct docx_body *body)
{
	static const char *const bullets[3] = {
		"\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa"
	};
	const struct docx_styles *st = body->styles;
	char text[64];
	size_t i;
	int k, j;

	buf_puts(out, DOCX_XML_DECL "<w:numbering xmlns:w=\"" DOCX_NS_W
	    "\">");
	/* The articles: "Article 1", "1.1", "1.1.1", each level linked to
	 * its heading style, so that a heading inserted in Word is numbered
	 * and the following ones renumbered.  The dash after "Article 1"
	 * is the heading's text, not the number's: a reference (REF \w)
	 * prints the number's whole text.  A space follows the number, so
	 * that a heading inserted in Word reads "Article 4 Garanties". */
	buf_puts(out, "<w:abstractNum w:abstractNumId=\"0\">"
	    "<w:multiLevelType w:val=\"multilevel\"/>");
	level(out, 0, "decimal", "Article %1", st->id[ROLE_HEADING1],
	    "space", 0, 0);
	level(out, 1, "decimal", "%1.%2", st->id[ROLE_HEADING2], "space", 0,
	    0);
	level(out, 2, "decimal", "%1.%2.%3", st->id[ROLE_HEADING3], "space",
	    0, 0);
	buf_puts(out, "</w:abstractNum>");
	buf_puts(out, "<w:abstractNum w:abstractNumId=\"1\">"
	    "<w:multiLevelType w:val=\"hybridMultilevel\"/>");
	for (k = 0; k < 9; k++)
		level(out, k, "bullet", bullets[k % 3], NULL, NULL,
		    720 * (k + 1), 360);
	buf_puts(out, "</w:abstractNum>");
	buf_puts(out, "<w:abstractNum w:abstractNumId=\"2\">"
	    "<w:multiLevelType w:val=\"hybridMultilevel\"/>");
	for (k = 0; k < 9; k++) {
		snprintf(text, sizeof(text), "%%%d.", k + 1);
		level(out, k, "decimal", text, NULL, NULL, 720 * (k + 1), 360);
	}
	buf_puts(out, "</w:abstractNum>");
	buf_printf(out, "<w:num w:numId=\"%d\"><w:abstractNumId w:val=\"0\"/>"
	    "</w:num><w:num w:numId=\"%d\"><w:abstractNumId w:val=\"1\"/>"
	    "</w:num>", NUM_HEADINGS, NUM_BULLETS);
	/* Each ordered list numbered from 1, at its own level. */
	for (i = 0; i < body->nordered; i++) {
		buf_printf(out, "<w:num w:numId=\"%d\"><w:abstractNumId "
		    "w:val=\"2\"/>", NUM_FIRST_ORDERED + (int)i);
		for (j = 0; j < 9; j++) {
			buf_puts(out, "<w:lvlOverride w:ilvl=\"");
			buf_putu(out, (unsigned long)j);
			buf_puts(out, "\"><w:startOverride w:val=\"1\"/>"
			    "</w:lvlOverride>");
		}
		buf_puts(out, "</w:num>");
	}
	buf_puts(out, "</w:numbering>");
}

void
docx_settings(struct buf *out)
{
	buf_puts(out, DOCX_XML_DECL "<w:settings xmlns:w=\"" DOCX_NS_W "\">"
	    "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"708\"/>"
	    "<w:autoHyphenation/><w:hyphenationZone w:val=\"425\"/>"
	    "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
	    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
	    "w:uri=\"http://schemas.microsoft.com/office/word\" "
	    "w:val=\"15\"/></w:compat>"
	    "<w:themeFontLang w:val=\"fr-FR\"/>"
	    "<w:decimalSymbol w:val=\",\"/><w:listSeparator w:val=\";\"/>"
	    "</w:settings>");
}

void
docx_header(struct buf *out, const char *title, const struct docx_styles *s)
{
	buf_puts(out, DOCX_XML_DECL "<w:hdr xmlns:w=\"" DOCX_NS_W "\" "
	    "xmlns:r=\"" DOCX_NS_R "\"><w:p><w:pPr><w:pStyle w:val=\"");
	xml_escape_str(out, s->id[ROLE_HEADER]);
	buf_puts(out, "\"/></w:pPr><w:r><w:t xml:space=\"preserve\">");
	xml_escape_str(out, title);
	buf_puts(out, "</w:t></w:r></w:p></w:hdr>");
}

/* « Page X sur Y », both numbers fields that Word and LibreOffice
 * compute as they lay the pages out. */
void
docx_footer(struct buf *out, const struct docx_styles *s)
{
	buf_puts(out, DOCX_XML_DECL "<w:ftr xmlns:w=\"" DOCX_NS_W "\" "
	    "xmlns:r=\"" DOCX_NS_R "\"><w:p><w:pPr><w:pStyle w:val=\"");
	xml_escape_str(out, s->id[ROLE_FOOTER]);
	buf_puts(out, "\"/></w:pPr>"
	    "<w:r><w:t xml:space=\"preserve\">Page </w:t></w:r>"
	    "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r>"
	    "</w:fldSimple>"
	    "<w:r><w:t xml:space=\"preserve\"> sur </w:t></w:r>"
	    "<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r>"
	    "</w:fldSimple></w:p></w:ftr>");
}

static void
w3cdtf(struct buf *out, const char *element, long long created)
{
	struct tm tm;
	time_t t = (time_t)created;

	if (created < 0 || gmtime_r(&t, &tm) == NULL)
		return;
	buf_printf(out, "<%s xsi:type=\"dcterms:W3CDTF\">"
	    "%04d-%02d-%02dT%02d:%02d:%02dZ</%s>", element,
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, element);
}

void
docx_core(struct buf *out, const struct docx_meta *m)
{
	buf_puts(out, DOCX_XML_DECL "<cp:coreProperties xmlns:cp=\""
	    "http://schemas.openxmlformats.org/package/2006/metadata/"
	    "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	    "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
	    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
	if (m->title != NULL) {
		buf_puts(out, "<dc:title>");
		xml_escape_str(out, m->title);
		buf_puts(out, "</dc:title>");
	}
	if (m->subject != NULL) {
		buf_puts(out, "<dc:subject>");
		xml_escape_str(out, m->subject);
		buf_puts(out, "</dc:subject>");
	}
	buf_puts(out, "<dc:creator>");
	xml_escape_str(out, m->generator);
	buf_puts(out, "</dc:creator><cp:lastModifiedBy>");
	xml_escape_str(out, m->generator);
	buf_puts(out, "</cp:lastModifiedBy><dc:language>fr-FR</dc:language>");
	/* Reproducible: no date unless one is given, as in the PDF. */
	w3cdtf(out, "dcterms:created", m->created);
	w3cdtf(out, "dcterms:modified", m->created);
	buf_puts(out, "</cp:coreProperties>");
}

void
docx_app(struct buf *out, const struct docx_meta *m)
{
	buf_puts(out, DOCX_XML_DECL "<Properties xmlns=\"http://schemas."
	    "openxmlformats.org/officeDocument/2006/extended-properties\">"
	    "<Application>");
	xml_escape_str(out, m->generator);
	buf_puts(out, "</Application></Properties>");
}
