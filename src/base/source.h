/* Source files: read once, checked for encoding, kept for the lifetime
 * of a compilation so that diagnostics can quote their lines. */
#ifndef LGC_SOURCE_H
#define LGC_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

struct diags;

/* Limits that keep a hostile input from exhausting the machine. */
#define SOURCE_MAX_BYTES	(4u * 1024 * 1024)
#define SOURCE_MAX_LINE		(64u * 1024)

struct source {
	char	*path;		/* as shown in diagnostics */
	char	*text;		/* UTF-8, LF line ends, no BOM, ends with '\n' */
	size_t	 len;
	size_t	*lines;		/* byte offset of each line start */
	size_t	 nlines;
	bool	 has_text;	/* false for a data file's pseudo-source */
};

/* Reads and checks PATH.  The source belongs to DS from then on (the
 * diagnostics quote it), so callers never free it.  Reports problems
 * through DS and returns NULL:
 * F_IO (exit 2) when the file cannot be read, errors for bad content.
 * DISPLAY is the name used in diagnostics (NULL: PATH). */
struct source *source_load(struct diags *ds, const char *path,
	    const char *display);
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

/* Reads a whole file (at most MAX bytes).  Returns NULL and sets errno
 * on failure; errno EFBIG when larger than MAX (*len holds the size). */
char	*read_file(const char *path, size_t max, size_t *len);

#endif
