/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <utf8proc.h>

static void
out_of_memory(void)
{
	fputs("lgc: erreur fatale : mémoire épuisée\n", stderr);
	exit(2);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

/* Up to this size, xcalloc takes its block from malloc: glibc's calloc
 * never draws on the per-thread cache of freed blocks that malloc tries
 * first, and the parser and the checker ask for thousands of small
 * zeroed structures between frees of the same sizes. */
#define XCALLOC_SMALL	1024

void *
xcalloc(size_t count, size_t size)
{
	void *p;

	if (count == 0)
		count = 1;
	if (size == 0)
		size = 1;
	if (size <= XCALLOC_SMALL && count <= XCALLOC_SMALL / size) {
		/* Called through a volatile pointer, memset is not seen
		 * to follow malloc: GCC would make the pair calloc again. */
		void *(*volatile zero)(void *, int, size_t) = memset;

		p = xmalloc(count * size);
		return zero(p, 0, count * size);
	}
	p = calloc(count, size);
	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xreallocarray(void *ptr, size_t count, size_t size)
{
	if (size != 0 && count > SIZE_MAX / size)
		out_of_memory();
	return xrealloc(ptr, count * size);
}

void *
xgrow_more(void *ptr, size_t count, size_t size)
{
	return xreallocarray(ptr, count ? count * 2 : GROW_FIRST, size);
}

size_t
xgrow_capacity(size_t count)
{
	size_t c = GROW_FIRST;

	while (c < count)
		c *= 2;
	return c;
}

void *
xreserve(void *ptr, size_t *cap, size_t count, size_t size)
{
	if (count < *cap)
		return ptr;
	*cap = *cap > 0 ? *cap * 2 : 16;
	return xreallocarray(ptr, *cap, size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b);
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need, cap;

	if (extra > SIZE_MAX - b->len - 1)
		out_of_memory();
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void
buf_putu(struct buf *b, unsigned long v)
{
	char digits[3 * sizeof(v)];
	size_t n = sizeof(digits);

	do
		digits[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	buf_put(b, digits + n, sizeof(digits) - n);
}

void
buf_put_utf8(struct buf *b, uint32_t cp)
{
	char tmp[4];

	buf_put(b, tmp, utf8_encode(cp, tmp));
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
buf_detach(struct buf *b)
{
	char *p = b->data;

	if (p == NULL)
		p = xstrdup("");
	buf_init(b);
	return p;
}

const char *
buf_cstr(const struct buf *b)
{
	return b->data != NULL ? b->data : "";
}

void
ptrvec_push(struct ptrvec *v, void *item)
{
	if (v->len == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->items = xreallocarray(v->items, v->cap, sizeof(*v->items));
	}
	v->items[v->len++] = item;
}

void
ptrvec_free(struct ptrvec *v)
{
	free(v->items);
	v->items = NULL;
	v->len = v->cap = 0;
}

void
ptrvec_clear(struct ptrvec *v)
{
	size_t i;

	for (i = 0; i < v->len; i++)
		free(v->items[i]);
	v->len = 0;
}

size_t
utf8_decode(const char *str, size_t avail, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t n, i;

	if (avail == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (avail < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return 0;
	*cp = c;
	return n;
}

/* Characters, each byte that is not part of a valid sequence counting
 * as one: columns in diagnostics about invalid bytes then point at each
 * byte. */
size_t
utf8_count(const char *s, size_t len)
{
	size_t i = 0, n = 0, k;
	uint32_t cp;

	while (i < len) {
		/* Eight ASCII bytes at a time: eight characters. */
		if (len - i >= 8) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if ((w & UINT64_C(0x8080808080808080)) == 0) {
				i += 8;
				n += 8;
				continue;
			}
		}
		if ((unsigned char)s[i] < 0x80)
			k = 1;
		else if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		i += k;
		n++;
	}
	return n;
}

bool
utf8_is_deceptive(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	    cp == 0x2028 || cp == 0x2029 ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	    (cp >= 0xE0000 && cp <= 0xE007F);
}

/* Text below U+0300 (Latin letters, precomposed accents included), the
 * common punctuation and currency signs (U+2002-U+20CF: ’ « » … €) and
 * the arrows and mathematical operators (U+2190-U+22FF: − ≤ →, none
 * with a singleton decomposition nor the second of a composed pair)
 * is already in NFC and cannot combine with what follows unless a
 * combining mark follows, which lies outside both ranges.  Most French
 * text passes this test, and utf8proc's tables are never touched. */
bool
utf8_nfc_inert(uint32_t cp)
{
	return cp < 0x300 || (cp >= 0x2002 && cp <= 0x20CF) ||
	    (cp >= 0x2190 && cp <= 0x22FF);
}

static bool
nfc_certain(const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
			return true;	/* not UTF-8: left as it is */
		if (!utf8_nfc_inert(cp))
			return false;
		i += n;
	}
	return true;
}

char *
utf8_nfc(const char *s, size_t len, size_t *out_len)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n;

	if (nfc_certain(s, len))
		return NULL;
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n == UTF8PROC_ERROR_NOMEM)
		out_of_memory();
	if (n < 0)
		return NULL;
	if ((size_t)n == len && memcmp(out, s, len) == 0) {
		free(out);
		return NULL;
	}
	if (out_len != NULL)
		*out_len = (size_t)n;
	return (char *)out;
}

/* LEN bytes of DATA written to FD by write(2) itself, in one call as a
 * rule: an output is whole in memory.  Returns 0 or the errno. */
static int
write_all(int fd, const char *data, size_t len)
{
	size_t off;
	ssize_t n;

	for (off = 0; off < len; off += (size_t)n)
		if ((n = write(fd, data + off, len - off)) < 0) {
			if (errno != EINTR)
				return errno;
			n = 0;
		} else if (n == 0)
			return EIO;
	return 0;
}

/* A device, a FIFO or a socket is written in place: replacing it would
 * destroy it (-o /dev/null as root) and nothing there can be atomic. */
static int
write_in_place(const char *path, const char *data, size_t len, int flags)
{
	int fd, saved;

	if ((fd = open(path, O_WRONLY | O_CLOEXEC | flags, 0666)) < 0)
		return errno;
	saved = write_all(fd, data, len);
	if (close(fd) != 0 && saved == 0)
		saved = errno;
	return saved;
}

/* Creates a new file PATH.XXXXXX (six letters or digits) with MODE, as
 * mkstemp(3) does but for the mode: a new output is made with 0666 and
 * the kernel applies the umask, so that neither umask(2) nor fchmod(2)
 * is called for it (three system calls a contract of a batch).  The
 * letters come from the clock, read at each attempt, and from addresses
 * (the stack's differs from one process to the next); O_EXCL makes any
 * name taken by another file only cost a new attempt.  *TMP is set to
 * the name (malloc'd) whether or not the file was made. */
static int
create_beside(const char *path, mode_t mode, char **tmp)
{
	static const char letters[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	size_t n = strlen(path), i;
	struct timespec ts;
	uint64_t bits;
	unsigned attempt;
	int fd = -1;

	*tmp = xmalloc(n + 8);
	memcpy(*tmp, path, n);
	(*tmp)[n] = '.';
	(*tmp)[n + 7] = '\0';
	for (attempt = 0; attempt < 100; attempt++) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		bits = ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) ^
		    ((uint64_t)(uintptr_t)&ts << 16) ^
		    ((uint64_t)attempt << 56) ^ (uint64_t)(uintptr_t)*tmp;
		bits = (bits ^ (bits >> 31)) * 0x9E3779B97F4A7C15u;
		bits ^= bits >> 29;
		for (i = 0; i < 6; i++, bits /= 62)
			(*tmp)[n + 1 + i] = letters[bits % 62];
		fd = open(*tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return fd;
}

int
write_file_atomic(const char *path, const struct stat *lst,
    const char *data, size_t len, enum write_step *step)
{
	struct stat st;
	char *target = NULL, *tmp;
	int fd, saved;
	bool existed = lst != NULL;

	*step = WRITE_IN_PLACE;
	if (existed)
		st = *lst;
	/* Through a symbolic link, the file it names is the output; a link
	 * to nothing yet is followed as open(2) follows it.  Anything else
	 * lstat(2) found is what stat(2) would find. */
	if (existed && S_ISLNK(st.st_mode)) {
		if ((target = realpath(path, NULL)) == NULL)
			return write_in_place(path, data, len,
			    O_CREAT | O_TRUNC);
		path = target;
		existed = stat(path, &st) == 0;
	}
	/* Said before any temporary file is made: rename(2) would refuse
	 * it only after the whole output was written. */
	if (existed && S_ISDIR(st.st_mode)) {
		free(target);
		return EISDIR;
	}
	if (existed && !S_ISREG(st.st_mode)) {
		saved = write_in_place(path, data, len, 0);
		free(target);
		return saved;
	}
	*step = WRITE_TEMPORARY;
	/* A replacing file is private until it has the mode of the file it
	 * replaces, which the umask must not cut. */
	if ((fd = create_beside(path, existed ? 0600 : 0666, &tmp)) < 0) {
		saved = errno;
		free(tmp);
		free(target);
		return saved;
	}
	*step = WRITE_DATA;
	if ((saved = write_all(fd, data, len)) != 0) {
		close(fd);
		unlink(tmp);
		free(tmp);
		free(target);
		return saved;
	}
	if (existed)
		(void)fchmod(fd, st.st_mode & 07777);
	saved = close(fd) != 0 ? errno : 0;
	if (saved == 0) {
		*step = WRITE_RENAME;
		if (rename(tmp, path) != 0)
			saved = errno;
	}
	if (saved != 0)
		unlink(tmp);
	free(tmp);
	free(target);
	return saved;
}

uint64_t
mem_hash(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x243F6A8885A308D3u ^ len, w;

	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0x9E3779B97F4A7C15u;
		h ^= h >> 29;
	}
	for (w = 0; len > 0; len--)
		w = (w << 8) | p[len - 1];
	h = (h ^ w) * 0x9E3779B97F4A7C15u;
	h ^= h >> 32;
	return h;
}

void *
keytab_get(const struct keytab *t, const char *key, size_t len,
    uint64_t hash)
{
	const struct keytab_slot *s;
	size_t i;

	if (t->cap == 0)
		return NULL;
	for (i = (size_t)hash & (t->cap - 1); (s = &t->slots[i])->key != NULL;
	    i = (i + 1) & (t->cap - 1))
		if (s->hash == hash && s->len == len &&
		    memcmp(s->key, key, len) == 0)
			return s->value;
	return NULL;
}

#define KEYTAB_FIRST	256

static void
keytab_insert(struct keytab *t, const struct keytab_slot *from)
{
	size_t i;

	for (i = (size_t)from->hash & (t->cap - 1); t->slots[i].key != NULL;
	    i = (i + 1) & (t->cap - 1))
		;
	t->slots[i] = *from;
}

void
keytab_put(struct keytab *t, const char *key, size_t len, uint64_t hash,
    void *value)
{
	struct keytab_slot slot, *old = t->slots;
	size_t i, n = t->cap;

	if ((t->count + 1) * 2 > t->cap) {
		t->cap = n == 0 ? KEYTAB_FIRST : n * 2;
		t->slots = xcalloc(t->cap, sizeof(*t->slots));
		for (i = 0; i < n; i++)
			if (old[i].key != NULL)
				keytab_insert(t, &old[i]);
		free(old);
	}
	slot.hash = hash;
	slot.key = key;
	slot.len = len;
	slot.value = value;
	keytab_insert(t, &slot);
	t->count++;
}

void
keytab_clear(struct keytab *t, void (*free_value)(void *))
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		if (t->slots[i].key != NULL)
			free_value(t->slots[i].value);
	free(t->slots);
	t->slots = NULL;
	t->cap = t->count = 0;
}

bool
sighted_again(struct sightings *s, uint64_t hash)
{
	/* Two slots for each hash: with one, two keys met in turn that
	 * share a slot (two paragraphs of every contract) pushed each
	 * other out and were never kept. */
	uint64_t *a = &s->hash[hash % SIGHTINGS];
	uint64_t *b = &s->hash[(hash / SIGHTINGS) % SIGHTINGS];

	if (*a == hash || *b == hash)
		return true;
	if (*a == 0)
		*a = hash;
	else if (*b == 0)
		*b = hash;
	else
		*(hash & (1u << 31) ? b : a) = hash;
	return false;
}

size_t
keytab_bytes(const struct keytab *t, size_t more)
{
	size_t cap = t->cap;

	if ((t->count + more) * 2 > cap)
		cap = cap == 0 ? KEYTAB_FIRST : cap * 2;
	return cap * sizeof(*t->slots);
}

static size_t
strhash(const char *s)
{
	size_t h = 14695981039346656037u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	for (i = strhash(key) & (m->cap - 1); m->keys[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return m->values[i];
	return NULL;
}

/* M with CAP slots, a power of two above its keys. */
static void
strmap_resize(struct strmap *m, size_t cap)
{
	struct strmap bigger;
	size_t i;

	bigger.cap = cap;
	bigger.len = 0;
	bigger.keys = xcalloc(bigger.cap, sizeof(*bigger.keys));
	bigger.values = xcalloc(bigger.cap, sizeof(*bigger.values));
	for (i = 0; i < m->cap; i++)
		if (m->keys[i] != NULL)
			strmap_put(&bigger, m->keys[i], m->values[i]);
	free(m->keys);
	free(m->values);
	*m = bigger;
}

static void
strmap_grow(struct strmap *m)
{
	strmap_resize(m, m->cap ? m->cap * 2 : 16);
}

void *
strmap_put(struct strmap *m, const char *key, void *value)
{
	size_t i;

	if ((m->len + 1) * 2 > m->cap)
		strmap_grow(m);
	for (i = strhash(key) & (m->cap - 1); m->keys[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return m->values[i];
	m->keys[i] = key;
	m->values[i] = value;
	m->len++;
	return value;
}

void
strmap_reserve(struct strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 16;

	while ((n + 1) * 2 > cap)
		cap *= 2;
	if (cap > m->cap)
		strmap_resize(m, cap);
}

void
strmap_free(struct strmap *m)
{
	free(m->keys);
	free(m->values);
	memset(m, 0, sizeof(*m));
}

struct uniq_next {
	long	 suffix;
	char	 base[];
};

void
uniq_add(struct uniq *u, const char *name)
{
	strmap_put(&u->taken, name, (void *)name);
}

bool
uniq_has(const struct uniq *u, const char *name)
{
	return strmap_get(&u->taken, name) != NULL;
}

char *
uniq_name(struct uniq *u, const char *base)
{
	struct uniq_next *next;
	char *name;
	size_t len;

	if (!uniq_has(u, base)) {
		name = xstrdup(base);
		uniq_add(u, name);
		return name;
	}
	if ((next = strmap_get(&u->next, base)) == NULL) {
		len = strlen(base);
		next = xmalloc(sizeof(*next) + len + 1);
		memcpy(next->base, base, len + 1);
		next->suffix = 2;
		strmap_put(&u->next, next->base, next);
	}
	for (;; next->suffix++) {
		name = xasprintf("%s-%ld", base, next->suffix);
		if (!uniq_has(u, name))
			break;
		free(name);
	}
	next->suffix++;
	uniq_add(u, name);
	return name;
}

void
uniq_free(struct uniq *u)
{
	size_t i;

	for (i = 0; i < u->next.cap; i++)
		if (u->next.keys[i] != NULL)
			free(u->next.values[i]);
	strmap_free(&u->next);
	strmap_free(&u->taken);
}

const char *
fr_strerror(int err)
{
	switch (err) {
	case ENOENT:
		return "fichier ou dossier introuvable";
	case EACCES:
	case EPERM:
		return "permission refusée";
	case EISDIR:
		return "c'est un dossier, pas un fichier";
	case ENOTDIR:
		return "un élément du chemin n'est pas un dossier";
	case ENOSPC:
		return "plus de place sur le disque";
	case EROFS:
		return "système de fichiers en lecture seule";
	case EEXIST:
		return "le fichier existe déjà";
	case ENAMETOOLONG:
		return "nom de fichier trop long";
	case EMFILE:
	case ENFILE:
		return "trop de fichiers ouverts";
	case EFBIG:
		return "fichier trop volumineux";
	case EIO:
		return "erreur d'entrée-sortie";
	case ELOOP:
		return "trop de liens symboliques";
	case EXDEV:
		return "le fichier temporaire et la sortie sont sur deux systèmes "
		    "de fichiers";
	case EPIPE:
		return "tube fermé par le lecteur";
	case ENOMEM:
		return "mémoire insuffisante";
	case EBUSY:
		return "ressource occupée (un point de montage ?)";
	case ETXTBSY:
		return "fichier exécutable en cours d'utilisation";
	default:
		return strerror(err);
	}
}
