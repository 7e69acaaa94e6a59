/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Escaping for LaTeX: every string of the document, client data, comes
 * out as text that prints literally in the chosen engines, with the
 * break points of lgc's PDF in URLs and long tokens, and what Latin
 * Modern lacks in the fonts printable.c found. */
#include "format/latex.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "format/latex/render.h"

/* Combining accents after an ASCII letter (decomposed input, as macOS
 * writes it) become the LaTeX accent commands, which every engine and
 * encoding knows. */
static const struct {
	uint32_t	 cp;
	const char	*command;
} accents[] = {
	{ 0x0300, "\\`" }, { 0x0301, "\\'" }, { 0x0302, "\\^" },
	{ 0x0303, "\\~" }, { 0x0304, "\\=" }, { 0x0306, "\\u" },
	{ 0x0307, "\\." }, { 0x0308, "\\\"" }, { 0x030A, "\\r" },
	{ 0x030B, "\\H" }, { 0x030C, "\\v" }, { 0x0323, "\\d" },
	{ 0x0327, "\\c" }, { 0x0328, "\\k" }, { 0x0331, "\\b" },
};

/* At most this many accents on one letter; more is not text. */
#define MAX_ACCENTS 4

static const char *
accent_command(uint32_t cp)
{
	size_t i;

	for (i = 0; i < sizeof(accents) / sizeof(accents[0]); i++)
		if (accents[i].cp == cp)
			return accents[i].command;
	return NULL;
}

/* The character a code point is typeset as, for ligature checks. */
static uint32_t
typeset_as(uint32_t cp)
{
	switch (cp) {
	case 0x2010:
		return '-';
	case 0x2012:
		return 0x2013;
	default:
		return cp;
	}
}

/* Pairs that the T1 fonts or the engines' TeX ligatures ("tlig") would
 * merge: -- ,, << >> ‘‘ ’’ !‘ ?‘ –-.  Data must print as written. */
static bool
forms_ligature(uint32_t a, uint32_t b)
{
	a = typeset_as(a);
	b = typeset_as(b);
	if (a == b)
		return a == '-' || a == ',' || a == '<' || a == '>' ||
		    a == 0x2018 || a == 0x2019;
	return (b == 0x2018 && (a == '!' || a == '?')) ||
	    (a == 0x2013 && b == '-');
}

/* Returns false when CP is dropped (nothing written). */
static bool
escape_cp(struct buf *b, uint32_t cp, const char *raw, size_t rawlen,
    bool in_font)
{
	const char *rep = NULL;

	if (cp < 0x80) {
		switch (cp) {
		case '\\':
			rep = "\\textbackslash{}";
			break;
		case '{':
			rep = "\\{";
			break;
		case '}':
			rep = "\\}";
			break;
		case '$':
			rep = "\\$";
			break;
		case '&':
			rep = "\\&";
			break;
		case '#':
			rep = "\\#";
			break;
		case '%':
			rep = "\\%";
			break;
		case '_':
			rep = "\\_";
			break;
		case '^':
			rep = "\\textasciicircum{}";
			break;
		case '~':
			rep = "\\textasciitilde{}";
			break;
		case '<':
			rep = "\\textless{}";
			break;
		case '>':
			rep = "\\textgreater{}";
			break;
		case '|':
			rep = "\\textbar{}";
			break;
		case '"':
			rep = "\\textquotedbl{}";
			break;
		case '\'':
			rep = "\\textquotesingle{}";
			break;
		case '`':
			rep = "\\textasciigrave{}";
			break;
		case '[':
			/* Never an optional argument of what precedes. */
			rep = "{[}";
			break;
		case ']':
			rep = "{]}";
			break;
		case '\t':
		case '\n':
		case '\v':
		case '\f':
		case '\r':
			/* A blank line would end the paragraph. */
			rep = " ";
			break;
		default:
			if (is_dropped(cp))
				return false;
			buf_putc(b, (char)cp);
			return true;
		}
		buf_puts(b, rep);
		return true;
	}
	switch (cp) {
	case 0x85:
		rep = " ";
		break;
	case 0xA0:
	case 0x2007:
		rep = "~";
		break;
	case 0xAD:
		rep = "\\-";
		break;
	case 0x2000:
	case 0x2001:
	case 0x2002:
	case 0x2003:
	case 0x2004:
	case 0x2005:
	case 0x2006:
	case 0x2008:
	case 0x205F:
	case 0x3000:
		rep = " ";
		break;
	case 0x2009:
	case 0x200A:
	case 0x202F:
		rep = "\\,";
		break;
	case 0x200B:
		rep = "\\hspace{0pt}";
		break;
	case 0x2010:
		rep = "-";
		break;
	case 0x2011:
		rep = "\\mbox{-}";
		break;
	case 0x2012:
		rep = "\\textendash{}";
		break;
	case 0x2015:
		rep = "\\textemdash{}";
		break;
	case 0x2212:
		rep = "\\textminus{}";
		break;
	default:
		break;
	}
	if (rep != NULL) {
		buf_puts(b, rep);
		return true;
	}
	if (is_dropped(cp))
		return false;
	if (is_verbatim(cp) || in_font) {
		buf_put(b, raw, rawlen);
		return true;
	}
	buf_printf(b, "\\lgcchar{%04X}{", (unsigned)cp);
	/* LuaTeX reads a U+FFFD in its input as an encoding error, even
	 * in an argument that is never printed. */
	if (cp != 0xFFFD)
		buf_put(b, raw, rawlen);
	buf_putc(b, '}');
	return true;
}

/* An ASCII letter followed by combining accents: \'{e}, \^{\'{e}}.
 * Returns the bytes consumed after the letter, 0 when no accent. */
static size_t
escape_accented(struct buf *b, char letter, const char *s, size_t len)
{
	const char *cmd[MAX_ACCENTS];
	size_t n = 0, used = 0, k, i;
	uint32_t cp;

	while (n < MAX_ACCENTS && used < len) {
		k = utf8_decode(s + used, len - used, &cp);
		if (k == 0 || (cmd[n] = accent_command(cp)) == NULL)
			break;
		n++;
		used += k;
	}
	if (n == 0)
		return 0;
	for (i = n; i > 0; i--)
		buf_printf(b, "%s{", cmd[i - 1]);
	buf_putc(b, letter);
	for (i = 0; i < n; i++)
		buf_putc(b, '}');
	return used;
}

static bool
is_ascii_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* Where a word ends: TeX breaks lines there already. */
static bool
is_word_end(uint32_t cp)
{
	return cp <= 0x20 || cp == 0x85 || cp == 0xA0 ||
	    (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
	    cp == 0x205F || cp == 0x3000;
}

/* What follows these in a URL or a long token may start a new line,
 * as \url breaks them; never between two of them ("//"). */
static bool
is_break_after(uint32_t cp)
{
	return cp == '/' || cp == '.' || cp == '-' || cp == '_' ||
	    cp == '?' || cp == '&' || cp == '=' || cp == '#' || cp == '@' ||
	    cp == ':' || cp == ',' || cp == ';' || cp == '+' || cp == '%' ||
	    cp == '~' || cp == '|';
}

/* Longer words are tokens, never French (« anticonstitutionnellement »
 * has 25 letters): TeX's hyphenation has nothing to say about them. */
#define LONG_WORD	30
#define URL_PART	12

enum word_kind {
	WORD_PLAIN,	/* TeX's own hyphenation */
	WORD_URL,	/* breaks after / . - _ and the like, and inside
			 * a part longer than URL_PART */
	WORD_TOKEN	/* those, and between any two characters */
};

/* The word starting at S: a URL or an e-mail address, a token longer
 * than LONG_WORD code points (an IBAN without spaces, a key), or
 * ordinary text. */
static enum word_kind
word_kind(const char *s, size_t len)
{
	size_t i = 0, k, n = 0, end;
	uint32_t cp;
	bool at = false, dot = false;

	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		else if (is_word_end(cp))
			break;
		at |= cp == '@';
		dot |= at && cp == '.';
		i += k;
		n++;
	}
	end = i;
	for (i = 0; i + 3 <= end; i++)
		if (memcmp(s + i, "://", 3) == 0)
			return WORD_URL;
	/* An e-mail address: a letter or digit first, a dot after '@'. */
	if ((end >= 4 && memcmp(s, "www.", 4) == 0) ||
	    (at && dot && end > 0 && isalnum((unsigned char)s[0])))
		return WORD_URL;
	return n >= LONG_WORD ? WORD_TOKEN : WORD_PLAIN;
}

/* Whether a neutral character at S (a space, punctuation or digits
 * between two words of a script) stays in the open group F: the next
 * letter goes in F too. */
static bool
continues_group(struct esc *e, const char *s, size_t len, int f)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			return false;
		if (is_foreign(cp))
			return e->unicode && font_for(e, cp) == f;
		if (cp >= 0x80 || isalpha((int)cp))
			return false;
		i += k;
	}
	return false;
}

static void
group_close(struct esc *e, struct buf *b)
{
	if (e->open < 0)
		return;
	buf_puts(b, e->families[e->open].script != SCRIPT_NONE ? "}}" : "}");
	e->open = -1;
}

static void
group_open(struct esc *e, struct buf *b, int f)
{
	size_t i = (size_t)f;

	if (e->open == f)
		return;
	group_close(e, b);
	buf_puts(b, e->families[i].script != SCRIPT_NONE ?
	    "\\lgcrtl{\\lgcpolice{" : "\\lgcpolice{");
	put_family_id(b, i);
	buf_puts(b, "}{");
	e->open = f;
}

/* Text from the document: E says for which engines (NULL: all three,
 * unprintable code points as \lgcchar, as latex_escape does). */
void
escape_text(struct esc *e, struct buf *b, const char *s, size_t len)
{
	size_t i = 0, k, more;
	uint32_t cp, prev = 0, wprev = 0;
	enum word_kind word = WORD_PLAIN;
	size_t part = 0;	/* characters since the last break */
	int f;
	bool in_font;

	while (i < len) {
		k = utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			/* Never raw: not UTF-8, the engines would stop. */
			k = 1;
			cp = 0xFFFD;
		}
		if (is_word_end(cp))
			wprev = 0;
		else if (wprev == 0) {
			word = word_kind(s + i, len - i);
			wprev = cp;
			part = 1;
		} else {
			/* Break points of lgc's PDF (linebreak.c): after
			 * punctuation in a URL, anywhere in a long token at
			 * a cost; the line is never broken with a hyphen
			 * that is not in the text. */
			if (word != WORD_PLAIN && is_break_after(wprev) &&
			    !is_break_after(cp)) {
				buf_puts(b, "\\allowbreak{}");
				part = 0;
			} else if (word == WORD_TOKEN ||
			    (word == WORD_URL && part >= URL_PART)) {
				buf_puts(b, "\\lgccoupure{}");
				part = 0;
			}
			wprev = cp;
			part++;
		}
		in_font = false;
		if (e != NULL && cp == 0xFFFD) {
			/* An encoding error to LuaTeX; a hole in any case. */
			group_close(e, b);
			note_bad(e, cp);
		} else if (e != NULL && is_foreign(cp)) {
			if ((f = group_for(e, cp)) >= 0) {
				group_open(e, b, f);
				in_font = true;
			} else {
				group_close(e, b);
				in_font = f == -1;
			}
		} else if (e != NULL && e->open >= 0 &&
		    !continues_group(e, s + i, len - i, e->open))
			group_close(e, b);
		if (prev != 0 && forms_ligature(prev, cp))
			buf_puts(b, "\\/");
		if (is_ascii_letter(cp) &&
		    (more = escape_accented(b, s[i], s + i + 1,
		    len - i - 1)) > 0) {
			prev = cp;
			i += 1 + more;
			continue;
		}
		if (escape_cp(b, cp, s + i, k, in_font))
			prev = cp;
		i += k;
	}
	if (e != NULL)
		group_close(e, b);
}

void
latex_escape(struct buf *b, const char *s, size_t len)
{
	escape_text(NULL, b, s, len);
}

void
escape_str(struct esc *e, struct buf *b, const char *s)
{
	if (s != NULL)
		escape_text(e, b, s, strlen(s));
}

/*
 * The body as source lines of at most TEX_LINE_MAX bytes: pdflatex reads
 * a line whole into its buffer (buf_size, 200,000 bytes in TeX Live)
 * and stops on a longer one, which a long client text makes of a
 * paragraph.  A line is cut at a space, as an end of line is one to
 * TeX; a run without spaces (a pasted token) at a "%" that ends the
 * line, which adds nothing.  Never inside a control word nor after a
 * lone backslash, nor inside a UTF-8 sequence, nor before a space
 * (skipped at the start of a line), nor after a "%" already there.
 */
#define TEX_LINE_MAX	4096

void
put_tex_lines(struct buf *out, const char *s, size_t len)
{
	size_t pos = 0, end, j, space, cut;
	bool escaped, word, comment;
	unsigned char c;

	while (pos < len) {
		end = pos;
		while (end < len && s[end] != '\n')
			end++;
		while (end - pos > TEX_LINE_MAX) {
			space = cut = 0;
			escaped = word = comment = false;
			for (j = pos; j < pos + TEX_LINE_MAX; j++) {
				c = (unsigned char)s[j];
				if ((comment = c == '%' && !escaped))
					break;
				if (j > pos && !escaped && c == ' ' &&
				    s[j + 1] != ' ')
					space = j;
				else if (j > pos && !escaped && c != ' ' &&
				    (c & 0xC0) != 0x80 && s[j - 1] != ' ' &&
				    !(word && is_ascii_letter(c)))
					cut = j;
				if (escaped) {
					escaped = false;
					word = is_ascii_letter(c);
				} else if (!(word && is_ascii_letter(c))) {
					word = false;
					escaped = c == '\\';
				}
			}
			if (space > 0) {
				buf_put(out, s + pos, space - pos);
				buf_putc(out, '\n');
				pos = space + 1;
			} else if (cut > 0) {
				buf_put(out, s + pos, cut - pos);
				buf_puts(out, "%\n");
				pos = cut;
			}
			if (comment || (space == 0 && cut == 0))
				break;
		}
		buf_put(out, s + pos, end - pos);
		if (end < len)
			buf_putc(out, '\n');
		pos = end + 1;
	}
}
