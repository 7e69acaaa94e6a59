/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Source files: read once, checked for encoding, kept for the lifetime
 * of a compilation so that diagnostics can quote their lines. */
#ifndef LGC_SOURCE_H
#define LGC_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

/* Limits that keep a hostile input from exhausting the machine. */
#define SOURCE_MAX_BYTES	(4u * 1024 * 1024)
#define SOURCE_MAX_LINE		(64u * 1024)
/* Content faults reported at most: one bad byte usually means a binary
 * file, whose every line would be one. */
#define SOURCE_MAX_FAULTS	5

struct source {
	char	*path;		/* as shown in diagnostics */
	char	*text;		/* UTF-8, LF line ends, no BOM, ends with '\n' */
	size_t	 len;
	size_t	*lines;		/* byte offset of each line start */
	size_t	 nlines;
	bool	 has_text;	/* false for a data file's pseudo-source */
	/* The file it was read from (source_read), so that an output can
	 * be told apart from it without looking the path up again. */
	bool	 has_id;
	dev_t	 dev;
	ino_t	 ino;
};

/* Why source_read refuses a file.  This module reports nothing: its
 * caller words each fault as a diagnostic. */
enum source_fault_kind {
	SOURCE_UNREADABLE,	/* cannot be read: ERR */
	SOURCE_TOO_BIG,		/* SIZE bytes, over SOURCE_MAX_BYTES */
	SOURCE_LONG_LINE,	/* a line of SIZE bytes, over SOURCE_MAX_LINE */
	SOURCE_NUL,		/* a NUL byte */
	SOURCE_BAD_BYTE,	/* BYTE starts no UTF-8 sequence */
	SOURCE_CONTROL		/* CP, an invisible control character */
};

struct source_fault {
	enum source_fault_kind kind;
	int	 line;		/* 1-based; 0 for the whole file */
	int	 col;		/* in code points */
	size_t	 size;
	unsigned char byte;
	uint32_t cp;
	int	 err;		/* an errno value */
};

struct source_faults {
	struct source_fault v[SOURCE_MAX_FAULTS];
	size_t	 len;
};

/* Reads and checks the file open on FD (left open), KNOWN what fstat(2)
 * said of it (NULL: asked here; a file opened and looked at is not asked
 * about again); DISPLAY is its name in diagnostics.  Returns NULL when the file cannot be read or is
 * too big, FAULTS holding that one fault.  Else returns the source,
 * which the caller owns, and FAULTS lists what is wrong with its
 * content, in the order found: a source with faults serves only to
 * quote them.  The caller opens the file, so that what it checked of
 * the descriptor (where the file lies) is what is read. */
struct source *source_read(int fd, const struct stat *known,
	    const char *display, struct source_faults *faults);
/* FAULTS set to the one fault of a file that could not be opened or
 * read: ERR (an errno value; EFBIG: SIZE bytes, too big). */
void	source_unreadable(struct source_faults *faults, int err,
	    size_t size);
/* The same for a file's text already in memory (a template given as a
 * string): refused with SOURCE_TOO_BIG over SOURCE_MAX_BYTES. */
struct source *source_check(const char *display, const char *text,
	    size_t len, struct source_faults *faults);
/* A source for text that is already in memory (strings, command line).
 * The text is copied; it must be valid UTF-8. */
struct source *source_from_text(const char *display, const char *text,
	    size_t len);
/* A named source without text: diagnostics print only its name. */
struct source *source_named(const char *display);
void	source_free(struct source *s);

/* The text of line N (1-based) without its '\n'. */
bool	source_line(const struct source *s, int line, const char **start,
	    size_t *len);

/* Reads a whole file (at most MAX bytes), by name or already open on FD
 * (left open).  Returns NULL and sets errno on failure; errno EFBIG
 * when larger than MAX (*len holds the size). */
char	*read_file(const char *path, size_t max, size_t *len);
char	*read_fd(int fd, size_t max, size_t *len);
/* read_fd, given KNOWN what fstat(2) said of FD (NULL: asked here), and
 * with what it said in *ST unless ST is NULL (st_ino 0 and st_dev 0 when
 * it failed). */
char	*read_fd_stat(int fd, const struct stat *known, size_t max,
	    size_t *len, struct stat *st);

#endif
