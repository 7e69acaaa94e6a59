/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "base/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"

/* The first read; each next one asks for as much again as was read. */
#define READ_FIRST	8192

char *
read_fd(int fd, size_t max, size_t *len)
{
	return read_fd_stat(fd, NULL, max, len, NULL);
}

char *
read_fd_stat(int fd, const struct stat *known, size_t max, size_t *len,
    struct stat *stp)
{
	struct stat st;
	struct buf data;
	size_t want = READ_FIRST;
	bool sized = false;
	ssize_t got;

	*len = 0;
	if (stp != NULL)
		memset(stp, 0, sizeof(*stp));
	if (known != NULL)
		st = *known;
	if (known != NULL || fstat(fd, &st) == 0) {
		if (stp != NULL)
			*stp = st;
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			return NULL;
		}
		if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max) {
			*len = (size_t)st.st_size;
			errno = EFBIG;
			return NULL;
		}
		/* A regular file is read whole at once, into a buffer of
		 * its size with a byte to spare for the read that finds its
		 * end: neither copied nor grown. */
		if (S_ISREG(st.st_mode) && st.st_size > 0) {
			want = (size_t)st.st_size + 1;
			sized = true;
		}
	}
	/* Reading stops past MAX only after a whole read: a stream too
	 * big is then reported with the size read so far. */
	buf_init(&data);
	for (;;) {
		buf_grow(&data, want);
		got = read(fd, data.data + data.len, want);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int saved = errno;

			buf_free(&data);
			errno = saved;
			return NULL;
		}
		if (got == 0)
			break;
		data.len += (size_t)got;
		if (data.len > max)
			break;
		/* A regular file read to the size fstat gave is whole. */
		if (sized && data.len == (size_t)st.st_size)
			break;
		/* The next read asks for as much again as was read, or,
		 * for a regular file, for the room left first. */
		want = sized && data.cap - data.len > 1 ?
		    data.cap - data.len - 1 : data.len;
	}
	*len = data.len;
	if (data.len > max) {
		buf_free(&data);
		errno = EFBIG;
		return NULL;
	}
	data.data[data.len] = '\0';
	return data.data;
}

char *
read_file(const char *path, size_t max, size_t *len)
{
	char *text;
	int fd, saved;

	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	text = read_fd(fd, max, len);
	saved = errno;
	close(fd);
	errno = saved;
	return text;
}

static void
index_lines(struct source *s)
{
	size_t i;

	const char *nl;

	s->lines = xgrow(NULL, 0, sizeof(*s->lines));
	s->nlines = 0;
	s->lines[s->nlines++] = 0;
	for (i = 0; i < s->len; i = (size_t)(nl - s->text) + 1) {
		if ((nl = memchr(s->text + i, '\n', s->len - i)) == NULL ||
		    (size_t)(nl - s->text) + 1 >= s->len)
			break;
		s->lines = xgrow(s->lines, s->nlines, sizeof(*s->lines));
		s->lines[s->nlines++] = (size_t)(nl - s->text) + 1;
	}
}

/* Drops a BOM, turns CRLF and lone CR into LF, and makes sure the text
 * ends with a newline, so that every later stage sees one form.  OWNED,
 * when not NULL, is RAW itself, allocated by the caller and NUL-ended:
 * a text already in that form is kept rather than copied (else OWNED
 * is freed). */
static void
normalize(struct source *s, const char *raw, size_t len, char *owned)
{
	size_t i = 0, o = 0;

	if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	if (owned != NULL && i == 0 && len > 0 && raw[len - 1] == '\n' &&
	    memchr(raw, '\r', len) == NULL) {
		s->text = owned;
		s->len = len;
		return;
	}
	s->text = xmalloc(len - i + 2);
	/* Copied in one go up to the first CR, if any. */
	if (i < len) {
		const char *cr = memchr(raw + i, '\r', len - i);
		size_t plain = cr != NULL ? (size_t)(cr - (raw + i)) : len - i;

		memcpy(s->text, raw + i, plain);
		o = plain;
		i += plain;
	}
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
	free(owned);
}

/* A fault of KIND at byte OFF of S, added to FAULTS. */
static struct source_fault *
fault_at(struct source_faults *faults, enum source_fault_kind kind,
    const struct source *s, size_t off)
{
	struct source_fault *f = &faults->v[faults->len++];
	size_t lo = 0, hi = s->nlines;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (s->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->line = (int)lo + 1;
	f->col = (int)utf8_count(s->text + s->lines[lo],
	    off - s->lines[lo]) + 1;
	return f;
}

/* Characters nobody sees on screen that would still print, or turn the
 * text around: control characters (a tab excepted), the bidirectional
 * marks, overrides and isolates, the tag characters and the line and
 * paragraph separators (an editor may break the line there, the scanner
 * does not), with which a line reads one way in an editor and another in
 * the contract.  Client data refuses the same characters. */
static bool
invisible_control(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F ||
	    (cp >= 0x80 && cp < 0xA0) || utf8_is_deceptive(cp);
}

#define ONES	UINT64_C(0x0101010101010101)

/* A word with the high bit set in each byte of W that is not printable
 * ASCII (high bit set, under 0x20, or 0x7F).  Only its lowest byte so
 * marked is sure to be one (a borrow marks bytes above): the first in
 * memory on a little-endian machine, elsewhere the word's bytes are
 * then read one at a time. */
static uint64_t
unprintable_bytes(uint64_t w)
{
	uint64_t x = w ^ (ONES * 0x7F);

	return ((w | ((w - ONES * 0x20) & ~w) | ((x - ONES) & ~x)) &
	    (ONES * 0x80));
}

/* Finds invalid UTF-8, NUL bytes (the first ends the search) and
 * overlong lines.  True when a code point may not be in NFC (see
 * utf8_nfc_inert), so that only such a text is composed. */
static bool
check_content(const struct source *s, struct source_faults *faults)
{
	size_t i = 0, line_start = 0;
	uint32_t cp;
	bool inert = true;

	while (i < s->len && faults->len < SOURCE_MAX_FAULTS) {
		unsigned char c;
		size_t n;

		/* Printable ASCII, most of a template, is never a fault:
		 * skipped eight bytes at a time, up to the first byte that
		 * is not (a newline among them). */
		if (s->len - i >= 8) {
			uint64_t w, m;

			memcpy(&w, s->text + i, 8);
			if ((m = unprintable_bytes(w)) == 0) {
				i += 8;
				continue;
			}
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* The first byte in memory is the word's lowest. */
			i += (size_t)__builtin_ctzll(m) / 8;
#endif
		}
		c = (unsigned char)s->text[i];
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		if (c == '\n') {
			if (i - line_start > SOURCE_MAX_LINE)
				fault_at(faults, SOURCE_LONG_LINE, s,
				    line_start)->size = i - line_start;
			line_start = ++i;
			continue;
		}
		if (c == '\0') {
			fault_at(faults, SOURCE_NUL, s, i);
			return !inert;
		}
		/* Two bytes from U+00A0 to U+02FF, the accented letters of
		 * French among them: none is a control character nor
		 * deceptive, all are in NFC (utf8_nfc_inert), so no need to
		 * decode them. */
		if (c >= 0xC2 && c <= 0xCB && i + 1 < s->len &&
		    ((unsigned char)s->text[i + 1] & 0xC0) == 0x80 &&
		    (c != 0xC2 || (unsigned char)s->text[i + 1] >= 0xA0)) {
			i += 2;
			continue;
		}
		n = utf8_decode(s->text + i, s->len - i, &cp);
		if (n == 0) {
			fault_at(faults, SOURCE_BAD_BYTE, s, i)->byte = c;
			i++;
			continue;
		}
		if (invisible_control(cp))
			fault_at(faults, SOURCE_CONTROL, s, i)->cp = cp;
		if (!utf8_nfc_inert(cp))
			inert = false;
		i += n;
	}
	return !inert;
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

/* The fault that refuses a whole file. */
static void
refuse(struct source_faults *faults, enum source_fault_kind kind, int err,
    size_t size)
{
	struct source_fault *f = &faults->v[faults->len++];

	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->err = err;
	f->size = size;
}

/* SOURCE_CHECK of TEXT, which is OWNED (see normalize) unless that is
 * NULL. */
static struct source *
check_text(const char *display, const char *text, size_t len, char *owned,
    struct source_faults *faults)
{
	struct source *s;

	faults->len = 0;
	if (len > SOURCE_MAX_BYTES) {
		free(owned);
		refuse(faults, SOURCE_TOO_BIG, 0, len);
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(display);
	s->has_text = true;
	normalize(s, text, len, owned);
	index_lines(s);
	if (check_content(s, faults) && faults->len == 0)
		compose(s);
	return s;
}

struct source *
source_check(const char *display, const char *text, size_t len,
    struct source_faults *faults)
{
	return check_text(display, text, len, NULL, faults);
}

struct source *
source_read(int fd, const struct stat *known, const char *display,
    struct source_faults *faults)
{
	struct source *s;
	struct stat st;
	char *raw;
	size_t len;

	faults->len = 0;
	raw = read_fd_stat(fd, known, SOURCE_MAX_BYTES, &len, &st);
	if (raw == NULL) {
		source_unreadable(faults, errno, len);
		return NULL;
	}
	if ((s = check_text(display, raw, len, raw, faults)) != NULL &&
	    (st.st_dev != 0 || st.st_ino != 0)) {
		s->has_id = true;
		s->dev = st.st_dev;
		s->ino = st.st_ino;
	}
	return s;
}

void
source_unreadable(struct source_faults *faults, int err, size_t size)
{
	faults->len = 0;
	if (err == EFBIG)
		refuse(faults, SOURCE_TOO_BIG, 0, size);
	else
		refuse(faults, SOURCE_UNREADABLE, err, 0);
}

struct source *
source_from_text(const char *display, const char *text, size_t len)
{
	struct source *s = xcalloc(1, sizeof(*s));

	s->path = xstrdup(display);
	s->has_text = true;
	normalize(s, text, len, NULL);
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
	/* A line ends just before the next one starts (index_lines). */
	if ((size_t)line < s->nlines)
		to = s->lines[line] - 1;
	else {
		const char *nl = memchr(s->text + from, '\n', s->len - from);

		to = nl != NULL ? (size_t)(nl - s->text) : s->len;
	}
	*start = s->text + from;
	*len = to - from;
	return true;
}
