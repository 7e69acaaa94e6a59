/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Memory, growable buffers and small string helpers shared by every stage. */
#ifndef LGC_UTIL_H
#define LGC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

/* Out-of-memory is fatal here and nowhere else. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
void *xreallocarray(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);
/* PTR holding COUNT items, made ready for one more: room for 16 items
 * first, then doubled at each power of two, so appending N items costs
 * O(N) and a short list one allocation.  The capacity is implied by
 * COUNT (xgrow_capacity): for an array that only grows. */
#define GROW_FIRST	16
void *xgrow_more(void *ptr, size_t count, size_t size);
/* Inline: it is called for every item appended (a cell, a line
 * breaker's box), and reallocates only at powers of two. */
static inline void *
xgrow(void *ptr, size_t count, size_t size)
{
	if (count != 0 && (count < GROW_FIRST || (count & (count - 1)) != 0))
		return ptr;
	return xgrow_more(ptr, count, size);
}
/* The room xgrow has made for COUNT items: what a copy of such an array
 * must allocate for xgrow to go on appending to it. */
size_t xgrow_capacity(size_t count);
/* The same for an array that is emptied and refilled (a line's tokens,
 * a paragraph's characters), whose room *CAP is kept across uses. */
void *xreserve(void *ptr, size_t *cap, size_t count, size_t size);
char *xstrndup(const char *s, size_t len);
char *xasprintf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Growable byte buffer, always NUL-terminated once anything was written. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	buf_init(struct buf *b);
void	buf_free(struct buf *b);
void	buf_reset(struct buf *b);
void	buf_grow(struct buf *b, size_t extra);
/* Inline, like xgrow: the writers of every output append through these,
 * a few bytes at a time, and only the growth is a call. */
static inline void
buf_put(struct buf *b, const char *data, size_t len)
{
	if (len >= b->cap - b->len)
		buf_grow(b, len);
	if (len > 0)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

static inline void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

static inline void
buf_putc(struct buf *b, char c)
{
	if (b->cap - b->len < 2)
		buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}
/* V in decimal: what buf_printf's "%lu" gives, without its cost, in
 * output written for every heading of every document. */
void	buf_putu(struct buf *b, unsigned long v);
void	buf_put_utf8(struct buf *b, uint32_t cp);
/* CP (a scalar value) in UTF-8 into OUT: 1 to 4 bytes, how many. */
size_t	utf8_encode(uint32_t cp, char out[4]);
void	buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void	buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Hands the contents to the caller (never NULL) and empties the buffer. */
char	*buf_detach(struct buf *b);
/* The contents as a C string ("" when empty). */
const char *buf_cstr(const struct buf *b);

/* Generic growable array of pointers. */
struct ptrvec {
	void	**items;
	size_t	  len;
	size_t	  cap;
};

void	ptrvec_push(struct ptrvec *v, void *item);
void	ptrvec_free(struct ptrvec *v);
/* Frees each item with free(3) and empties V, keeping its room for the
 * next use. */
void	ptrvec_clear(struct ptrvec *v);

/* A map from strings (not copied: they must outlive the map) to
 * pointers, for name tables that may hold thousands of entries. */
struct strmap {
	const char	**keys;
	void		**values;
	size_t		 len;
	size_t		 cap;		/* a power of two, or 0 */
};

/* A 64-bit hash of LEN bytes, for tables that compare their keys. */
uint64_t mem_hash(const void *data, size_t len);

/* A table of byte strings compared whole, found by their mem_hash: the
 * memos a batch keeps (doc/memo.c, format/pdf/lbmemo.c).  Keys and
 * values are the caller's; a key stays where it is while in the table.
 * A zeroed struct is an empty table. */
struct keytab_slot {
	uint64_t	 hash;
	const char	*key;		/* NULL: a free slot */
	size_t		 len;
	void		*value;
};

struct keytab {
	struct keytab_slot *slots;	/* open addressing, a power of 2 */
	size_t		 cap;
	size_t		 count;
};

/* The value of the LEN bytes of KEY, whose mem_hash is HASH, or NULL. */
void	*keytab_get(const struct keytab *t, const char *key, size_t len,
	    uint64_t hash);
/* Adds KEY (not in T) with VALUE. */
void	 keytab_put(struct keytab *t, const char *key, size_t len,
	    uint64_t hash, void *value);
/* Empties T, giving each value to FREE_VALUE. */
void	 keytab_clear(struct keytab *t, void (*free_value)(void *));
/* The bytes T's slots take once it holds MORE entries more. */
size_t	 keytab_bytes(const struct keytab *t, size_t more);

/* The hashes of keys met once, in one of two slots: a memo keeps a key only when
 * it meets it again, so that what one document alone holds (a client's
 * name in a paragraph) never takes the room, and a batch's memory stays
 * what the repeated text needs.  Zeroed: nothing met. */
#define SIGHTINGS	4096

struct sightings {
	uint64_t	 hash[SIGHTINGS];
};

/* Whether HASH was met before (still in one of its two slots); it is
 * noted. */
bool	 sighted_again(struct sightings *s, uint64_t hash);
void	*strmap_get(const struct strmap *m, const char *key);
/* Keeps the first value put for a key; returns the one in the map. */
void	*strmap_put(struct strmap *m, const char *key, void *value);
/* Room for N keys in all, so that putting them never rehashes. */
void	 strmap_reserve(struct strmap *m, size_t n);
void	 strmap_free(struct strmap *m);

/* Names made unique the way a person numbers copies: BASE, else BASE-2,
 * BASE-3…, the smallest suffix no name of the set has.  Each base keeps
 * the next suffix to try (names are only ever added, so the ones below
 * it stay taken): N equal names cost O(N), not a scan of the set per
 * try.  Zeroed, it is an empty set. */
struct uniq {
	struct strmap	 taken;		/* name → name (the caller's) */
	struct strmap	 next;		/* base → struct uniq_next * (owned) */
};

/* Adds NAME, the caller's, which must outlive the set. */
void	 uniq_add(struct uniq *u, const char *name);
bool	 uniq_has(const struct uniq *u, const char *name);
/* BASE or BASE-N as above, added to the set; the caller owns it (and
 * keeps it while the set lives). */
char	*uniq_name(struct uniq *u, const char *base);
void	 uniq_free(struct uniq *u);

/* The step of write_file_atomic that failed, for the message to name
 * the system call that did (creating a file in /proc, a rename). */
enum write_step {
	WRITE_IN_PLACE,		/* opening or writing PATH itself */
	WRITE_TEMPORARY,	/* creating PATH.XXXXXX beside it */
	WRITE_DATA,		/* writing the temporary file */
	WRITE_RENAME		/* renaming it over PATH */
};

/* Writes DATA to PATH through a temporary file in the same folder renamed
 * over PATH, so that a failure never leaves a half-written file nor
 * touches an existing one; the new file keeps the old one's mode.  A
 * symbolic link is written through (its target is replaced); a device,
 * FIFO or socket is written in place; a folder is refused (EISDIR).  LST
 * is what lstat(2) said of PATH a moment before, or NULL when it found
 * nothing: the caller looks once, to check the output against the inputs
 * too.  Returns 0 or an errno value, *STEP saying which step failed. */
int	write_file_atomic(const char *path, const struct stat *lst,
	    const char *data, size_t len, enum write_step *step);

/* UTF-8 helpers.  utf8_decode returns the length of the sequence at s
 * (1..4) and stores the code point, or 0 for an invalid sequence. */
size_t	utf8_decode(const char *s, size_t avail, uint32_t *cp);
size_t	utf8_count(const char *s, size_t len);
/* The text in Unicode normalization form C (a letter and its combining
 * accent, as macOS writes them, become the one precomposed character),
 * or NULL when the text is already in NFC or is not UTF-8.  The result
 * is NUL-terminated and owned by the caller. */
char	*utf8_nfc(const char *s, size_t len, size_t *out_len);
/* Whether a text whose code points are all below U+0080 or pass this
 * test is in NFC, utf8_nfc() then having nothing to do: true for most
 * French text (see util.c). */
bool	utf8_nfc_inert(uint32_t cp);
/* Whether CP is an invisible format character that changes how text
 * reads (direction marks, overrides and isolates, tag characters) or
 * where its lines end (U+2028, U+2029): templates and client text refuse
 * them alike. */
bool	utf8_is_deceptive(uint32_t cp);

/* strerror in the French of every other message: the reasons a user
 * meets (missing file, permissions, full disk…); others as the C
 * library words them. */
const char *fr_strerror(int err);

#define NBSP "\xc2\xa0"

#endif
