#include "base/source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/diag.h"
#include "base/util.h"

char *
read_file(const char *path, size_t max, size_t *len)
{
	FILE *f;
	struct stat st;
	char *data;
	size_t cap, n, got;

	*len = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		errno = EISDIR;
		return NULL;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    (uintmax_t)st.st_size > max) {
		*len = (size_t)st.st_size;
		fclose(f);
		errno = EFBIG;
		return NULL;
	}
	cap = 8192;
	n = 0;
	data = xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap > max) {
				*len = n;
				free(data);
				fclose(f);
				errno = EFBIG;
				return NULL;
			}
			cap *= 2;
			data = xrealloc(data, cap + 1);
		}
		got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		int saved = errno ? errno : EIO;

		free(data);
		fclose(f);
		errno = saved;
		return NULL;
	}
	fclose(f);
	if (n > max) {
		*len = n;
		free(data);
		errno = EFBIG;
		return NULL;
	}
	data[n] = '\0';
	*len = n;
	return data;
}

static void
index_lines(struct source *s)
{
	size_t i, cap = 64;

	s->lines = xreallocarray(NULL, cap, sizeof(*s->lines));
	s->nlines = 0;
	s->lines[s->nlines++] = 0;
	for (i = 0; i < s->len; i++) {
		if (s->text[i] != '\n' || i + 1 >= s->len)
			continue;
		if (s->nlines == cap) {
			cap *= 2;
			s->lines = xreallocarray(s->lines, cap, sizeof(*s->lines));
		}
		s->lines[s->nlines++] = i + 1;
	}
}

/* Drops a BOM, turns CRLF and lone CR into LF, and makes sure the text
 * ends with a newline, so that every later stage sees one form. */
static void
normalize(struct source *s, const char *raw, size_t len)
{
	size_t i = 0, o = 0;

	if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	s->text = xmalloc(len - i + 2);
	for (; i < len; i++) {
		if (raw[i] == '\r') {
			s->text[o++] = '\n';
			if (i + 1 < len && raw[i + 1] == '\n')
				i++;
		} else
			s->text[o++] = raw[i];
	}
	if (o == 0 || s->text[o - 1] != '\n')
		s->text[o++] = '\n';
	s->text[o] = '\0';
	s->len = o;
}

static struct loc
loc_at(const struct source *s, size_t off)
{
	struct loc l;
	size_t lo = 0, hi = s->nlines;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (s->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	l.src = s;
	l.line = (int)lo + 1;
	l.col = (int)utf8_count(s->text + s->lines[lo], off - s->lines[lo]) + 1;
	l.end_line = l.line;
	l.end_col = l.col;
	return l;
}

/* Characters nobody sees on screen that would still print, or turn the
 * text around: control characters (a tab excepted) and the bidirectional
 * overrides and isolates, with which a line reads one way in an editor
 * and another in the contract.  Client data refuses the same controls. */
static bool
invisible_control(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F ||
	    (cp >= 0x80 && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/* Reports invalid UTF-8, NUL bytes and overlong lines; at most a few of
 * each, since one bad byte usually means a binary file. */
static bool
check_content(struct diags *ds, const struct source *s)
{
	size_t i = 0, line_start = 0;
	int bad = 0;
	uint32_t cp;
	char n1[32], n2[32];

	while (i < s->len && bad < 5) {
		unsigned char c = (unsigned char)s->text[i];
		size_t n;
		struct loc l;

		if (c == '\n') {
			if (i - line_start > SOURCE_MAX_LINE) {
				l = loc_at(s, line_start);
				snprintf(n1, sizeof(n1), "%zu", i - line_start);
				snprintf(n2, sizeof(n2), "%u", SOURCE_MAX_LINE);
				diag(ds, E_LINE_TOO_LONG, &l, n1, n2);
				bad++;
			}
			line_start = ++i;
			continue;
		}
		if (c == '\0') {
			l = loc_at(s, i);
			diag(ds, E_NUL, &l);
			return false;
		}
		n = utf8_decode(s->text + i, s->len - i, &cp);
		if (n == 0) {
			l = loc_at(s, i);
			diag(ds, E_UTF8, &l, (unsigned)c);
			bad++;
			i++;
			continue;
		}
		if (invisible_control(cp)) {
			char code[8];

			l = loc_at(s, i);
			snprintf(code, sizeof(code), "%04X", (unsigned)cp);
			diag(ds, E_SOURCE_CONTROL, &l, code);
			bad++;
		}
		i += n;
	}
	return bad == 0;
}

/* Accents typed as a letter and a combining mark (macOS does so) become
 * the precomposed letters, so that « durée » is one name however it was
 * typed and the PDF fonts find their glyphs.  Positions are then counted
 * in the composed text. */
static void
compose(struct source *s)
{
	size_t len;
	char *nfc = utf8_nfc(s->text, s->len, &len);

	if (nfc == NULL)
		return;
	free(s->text);
	free(s->lines);
	s->text = nfc;
	s->len = len;
	index_lines(s);
}

struct source *
source_load(struct diags *ds, const char *path, const char *display)
{
	struct source *s;
	char *raw;
	size_t len;

	raw = read_file(path, SOURCE_MAX_BYTES, &len);
	if (raw == NULL) {
		struct source *named = source_named(display ? display : path);
		struct loc l = { named, 0, 0, 0, 0 };

		diags_adopt_source(ds, named);
		if (errno == EFBIG) {
			char n1[32], n2[32];

			snprintf(n1, sizeof(n1), "%zu", len);
			snprintf(n2, sizeof(n2), "%u", SOURCE_MAX_BYTES);
			diag(ds, E_FILE_TOO_BIG, &l, n1, n2);
		} else
			diag(ds, F_IO, NULL, path, fr_strerror(errno));
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(display ? display : path);
	s->has_text = true;
	normalize(s, raw, len);
	free(raw);
	index_lines(s);
	diags_adopt_source(ds, s);
	if (!check_content(ds, s))
		return NULL;
	compose(s);
	return s;
}

struct source *
source_from_text(const char *display, const char *text, size_t len)
{
	struct source *s = xcalloc(1, sizeof(*s));

	s->path = xstrdup(display);
	s->has_text = true;
	normalize(s, text, len);
	index_lines(s);
	return s;
}

struct source *
source_named(const char *display)
{
	struct source *s = xcalloc(1, sizeof(*s));

	s->path = xstrdup(display);
	s->text = xstrdup("");
	return s;
}

void
source_free(struct source *s)
{
	if (s == NULL)
		return;
	free(s->path);
	free(s->text);
	free(s->lines);
	free(s);
}

bool
source_line(const struct source *s, int line, const char **start,
    size_t *len)
{
	size_t from, to;

	if (s == NULL || !s->has_text || line < 1 || (size_t)line > s->nlines)
		return false;
	from = s->lines[line - 1];
	to = from;
	while (to < s->len && s->text[to] != '\n')
		to++;
	*start = s->text + from;
	*len = to - from;
	return true;
}
