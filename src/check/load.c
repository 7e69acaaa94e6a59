/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The template loader: finding a file on the search path, reading and
 * parsing it (once, however many times it is included or imported),
 * with the warning for a forgotten "---" separator. */
#include "check/checker.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/path.h"
#include "base/source.h"
#include "syntax/parse.h"

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Links followed at most in one name, as the kernel does (ELOOP). */
#define MAX_LINKS	40

/*
 * Confinement (--racine).  What a template may learn of the machine is
 * what it could read anyway: whether a file outside the roots exists
 * must change nothing in the answer.  So the file system is consulted
 * only inside the roots and on the folders leading to them:
 *  - each place where a name could be (the including file's folder,
 *    then each search folder) is first judged as written, ".." folded
 *    without following links: outside every root, it is not looked at
 *    at all;
 *  - inside, the name is walked one component at a time, links
 *    followed, but a step out of the roots stops the walk (refused,
 *    whether or not anything is there, even a path that would come
 *    back in);
 *  - a file the walk found is opened, and the descriptor is judged
 *    again (fd_within): a link swapped between the walk and the open
 *    changes what was opened, not where the check looks;
 *  - found nowhere, a name is « hors racine » when its first place (the
 *    including file's folder, or the absolute path) is written outside
 *    the roots, « introuvable » otherwise, whatever the places outside
 *    hold: the installed clause library, a root, stays open to all.
 * A hard link in a root is a file of that root: whoever could make it
 * could as well copy the file there.
 */
struct roots {
	const char *const *real;	/* the roots, as realpath gave them */
	char	**named;		/* as given, made absolute, folded */
	size_t	  n;
};

static void
roots_init(struct roots *r, const struct program *prog)
{
	char cwd[PATH_MAX];
	size_t i;

	r->real = prog->roots;
	r->n = prog->nroots;
	r->named = xcalloc(r->n + 1, sizeof(*r->named));
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		snprintf(cwd, sizeof(cwd), "/");
	for (i = 0; i < r->n; i++)
		r->named[i] = path_lexical(cwd, prog->root_names[i]);
}

static void
roots_free(struct roots *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->named[i]);
	free(r->named);
}

/* PATH (absolute, folded) written inside a root, real or as named. */
static bool
written_inside(const struct roots *r, const char *path)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (path_within(path, r->real[i]) ||
		    path_within(path, r->named[i]))
			return true;
	return false;
}

/* PATH, a real path, inside a root: a root as named may hold ".."
 * after a link, and lead elsewhere than it reads. */
static bool
really_inside(const struct roots *r, const char *path)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (path_within(path, r->real[i]))
			return true;
	return false;
}

/* Whether the walk may look at PATH: a root, something in one, or a
 * folder on the way to one. */
static bool
may_look_at(const struct roots *r, const char *path)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (path_leads_to(r->real[i], path) ||
		    path_leads_to(path, r->real[i]) ||
		    path_leads_to(path, r->named[i]))
			return true;
	return false;
}

enum walk {
	WALK_FILE,		/* something is there, inside: in OUT */
	WALK_MISSING,		/* nothing there, inside */
	WALK_OUTSIDE		/* the name leads out of the roots */
};

/* Follows PATH (absolute) as the kernel would, without looking at
 * anything outside the roots (may_look_at).  OUT gets the real path;
 * LINK (PATH_MAX bytes) what PATH's last component points to when it
 * is itself a link, read inside the roots ("" otherwise). */
static enum walk
walk(const struct roots *r, const char *path, struct buf *out, char *link)
{
	char target[PATH_MAX];
	struct buf rest;
	struct stat st;
	size_t pos = 0, start, mark;
	ssize_t n;
	int links = 0;
	enum walk result = WALK_FILE;

	link[0] = '\0';
	buf_reset(out);
	buf_puts(out, "");
	buf_init(&rest);
	buf_puts(&rest, path);
	for (;;) {
		while (rest.data[pos] == '/')
			pos++;
		if (rest.data[pos] == '\0')
			break;
		for (start = pos; rest.data[pos] != '\0' &&
		    rest.data[pos] != '/'; pos++)
			continue;
		if (pos - start == 1 && rest.data[start] == '.')
			continue;
		if (pos - start == 2 && rest.data[start] == '.' &&
		    rest.data[start + 1] == '.') {
			/* OUT holds no link: its ".." is the real parent. */
			while (out->len > 0 && out->data[--out->len] != '/')
				continue;
			out->data[out->len] = '\0';
			continue;
		}
		mark = out->len;
		buf_putc(out, '/');
		buf_put(out, rest.data + start, pos - start);
		if (!may_look_at(r, out->data)) {
			result = WALK_OUTSIDE;
			break;
		}
		if (lstat(out->data, &st) != 0) {
			result = WALK_MISSING;
			break;
		}
		if (!S_ISLNK(st.st_mode))
			continue;
		if (++links > MAX_LINKS || (n = readlink(out->data, target,
		    sizeof(target) - 1)) <= 0) {
			result = WALK_MISSING;
			break;
		}
		target[n] = '\0';
		if (links == 1 && rest.data[pos + strspn(rest.data + pos,
		    "/")] == '\0')
			memcpy(link, target, (size_t)n + 1);
		out->len = target[0] == '/' ? 0 : mark;
		out->data[out->len] = '\0';
		{
			char *then = xasprintf("%s/%s", target, rest.data + pos);

			buf_reset(&rest);
			buf_puts(&rest, then);
			free(then);
			pos = 0;
		}
	}
	buf_free(&rest);
	if (out->len == 0)
		buf_puts(out, "/");
	if (result == WALK_FILE && !really_inside(r, out->data))
		result = WALK_OUTSIDE;
	return result;
}

/* What became of one place where the file could be. */
enum lookup {
	PLACE_FOUND,		/* opened, or could not be: err */
	PLACE_MISSING,		/* not there (or, confined, not looked at) */
	PLACE_OUTSIDE		/* confined: leads out of the roots */
};

/* Opens the file an include names into OUT, with what fstat says of it
 * (kept for the reading: one fstat a file).  O_NONBLOCK: a FIFO waiting
 * for a writer would hang the compilation; it reads as empty instead.
 * It changes nothing for a regular file, so only the others have it
 * cleared for their reading. */
static void
open_source(const char *path, struct found *out)
{
	out->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	out->err = errno;
	out->stated = false;
	if (out->fd < 0)
		return;
	out->stated = fstat(out->fd, &out->st) == 0;
	/* Of the flags F_SETFL changes, O_NONBLOCK is the only one set:
	 * clearing them all clears it, without asking F_GETFL first. */
	if (!out->stated || !S_ISREG(out->st.st_mode))
		(void)fcntl(out->fd, F_SETFL, 0);
}

/* CANDIDATE without roots: the file is found when it exists, one that
 * cannot be read then reported as such (F_IO: permission refusée), not
 * as missing. */
static enum lookup
try_open(const char *candidate, struct found *out)
{
	struct stat st;

	open_source(candidate, out);
	/* ENOENT and ENOTDIR say that nothing is there: stat would fail
	 * the same way. */
	return out->fd >= 0 || (out->err != ENOENT && out->err != ENOTDIR &&
	    stat(candidate, &st) == 0) ? PLACE_FOUND : PLACE_MISSING;
}

/* CANDIDATE, written as WALKED (absolute), under roots.  *LOOKED is set
 * when it was inside them as written, and so looked for. */
static enum lookup
try_confined(const struct roots *r, const char *walked, struct found *out,
    bool *looked, char *link, bool *unverified)
{
	char *written = path_lexical("/", walked);
	char real[PATH_MAX];
	struct buf where;
	enum walk w;

	link[0] = '\0';
	*looked = written_inside(r, written);
	free(written);
	if (!*looked)
		return PLACE_MISSING;
	buf_init(&where);
	w = walk(r, walked, &where, link);
	if (w == WALK_FILE) {
		/* Pointing in when walked: not what refuses it. */
		link[0] = '\0';
		open_source(where.data, out);
		if (out->fd >= 0 && !fd_within(out->fd, r->real, r->n, real)) {
			*unverified = real[0] == '\0';
			close(out->fd);
			out->fd = -1;
			out->stated = false;
			w = WALK_OUTSIDE;
		}
	}
	buf_free(&where);
	return w == WALK_FILE ? PLACE_FOUND : w == WALK_MISSING ?
	    PLACE_MISSING : PLACE_OUTSIDE;
}

/* Refused: NAME at AT leads to PATH, out of the roots; PATH is a link
 * to LINK (or ""). */
static void
report_outside(struct checker *ck, const char *path, const char *name,
    const struct loc *at, const char *link, bool unverified)
{
	struct diagnostic *dg;
	struct buf roots;
	size_t i;

	/* Named as the user wrote them, not resolved: the message is the
	 * same on every machine, and a server does not show its tree. */
	buf_init(&roots);
	for (i = 0; i < ck->prog->nroots; i++)
		buf_printf(&roots, "%s« %s »", i > 0 ? ", " : "",
		    ck->prog->root_names[i]);
	dg = diag(ck->ds, E_INCLUDE_OUTSIDE, at, name, display_name(path),
	    buf_cstr(&roots));
	buf_free(&roots);
	/* A link inside a root says where it points, whether or not its
	 * target exists: the walk read it, and read nothing outside. */
	if (link[0] != '\0')
		diag_note(dg, NULL, "%s est un lien symbolique vers %s",
		    display_name(path), link);
	if (unverified)
		diag_note(dg, NULL, "l'emplacement du fichier ouvert ne peut "
		    "pas être vérifié (/proc/self/fd est inaccessible)");
}

/* Not found: NAME at AT, with the folders SEARCHED and, confined, the
 * NSKIPPED ones SKIPPED (outside the roots) in notes. */
static void
report_include_not_found(struct checker *ck, const char *name,
    const struct loc *at, const struct buf *searched,
    const struct buf *skipped, size_t nskipped)
{
	struct diagnostic *d = diag(ck->ds, E_INCLUDE_NOT_FOUND, at, name);

	if (name[0] == '/')
		diag_note(d, NULL, "un chemin absolu désigne un fichier .lgc : "
		    "%s%s", name, ends_with(name, ".lgc") ? "" : ".lgc");
	else
		diag_note(d, NULL, "cherché dans %s", buf_cstr(searched));
	if (nskipped > 0)
		diag_note(d, NULL, "pas consulté%s, hors des dossiers "
		    "racines : %s", nskipped > 1 ? "s" : "", buf_cstr(skipped));
}

/*
 * The file {inclure} or importer names NAME at AT, from the folder DIR:
 * relative to DIR, then each search folder; ".lgc" may be left out, and
 * only .lgc files are found, however the path is written (an absolute
 * path must not open /etc/passwd as a clause).  Returned open, for
 * load_found; a file not found or refused is reported, and the path is
 * then NULL.
 */
/* A, B and C end to end, allocated: the paths tried for every include
 * are built so rather than through xasprintf's format. */
static char *
concat3(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *out = xmalloc(la + lb + lc + 1);

	memcpy(out, a, la);
	memcpy(out + la, b, lb);
	memcpy(out + la + lb, c, lc + 1);
	return out;
}

/* The found_files key of NAME looked for from DIR: DIR's length in
 * decimal, ":", DIR and NAME, which no other pair gives. */
static char *
found_key(const char *dir, const char *name)
{
	char digits[24], *out;
	size_t n = 0, ld = strlen(dir), ln = strlen(name), v = ld;

	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	out = xmalloc(n + 1 + ld + ln + 1);
	for (v = 0; v < n; v++)
		out[v] = digits[n - 1 - v];
	out[n] = ':';
	memcpy(out + n + 1, dir, ld);
	memcpy(out + n + 1 + ld, name, ln + 1);
	return out;
}

struct found
find_file(struct checker *ck, const char *dir, const char *name,
    const struct loc *at)
{
	const char *const *search = ck->prog->search;
	size_t i, n = name[0] == '/' ? 0 : ck->prog->nsearch, nskipped = 0;
	char *with_ext = ends_with(name, ".lgc") ? xstrdup(name) :
	    concat3(name, ".lgc", "");
	bool confined = ck->prog->nroots > 0, looked, first_outside = false;
	bool unverified = false;
	enum lookup place = PLACE_MISSING;
	char real[PATH_MAX], link[PATH_MAX] = "";
	struct buf searched, skipped;
	struct roots roots = { NULL, NULL, 0 };
	struct found out;
	char *outside = NULL;

	memset(&out, 0, sizeof(out));
	out.fd = -1;
	if (!confined) {
		out.key = found_key(dir, name);
		if ((out.known = strmap_get(&ck->found_files, out.key)) !=
		    NULL) {
			free(with_ext);
			out.path = xstrdup(out.known->path);
			return out;
		}
	}
	buf_init(&searched);
	buf_init(&skipped);
	if (confined)
		roots_init(&roots, ck->prog);
	for (i = 0; i <= n && place == PLACE_MISSING; i++) {
		const char *base = i == 0 ? dir : search[i - 1];
		char *candidate = name[0] == '/' ? xstrdup(with_ext) :
		    concat3(base, "/", with_ext);
		char *walked;

		if (!confined) {
			place = try_open(candidate, &out);
			looked = true;
		} else {
			/* From the folder's real path: the walk starts
			 * where the kernel would.  A folder that does not
			 * exist holds nothing. */
			walked = name[0] == '/' ? xstrdup(with_ext) :
			    realpath(base, real) != NULL ?
			    concat3(real, "/", with_ext) : NULL;
			looked = true;
			place = walked == NULL ? PLACE_MISSING :
			    try_confined(&roots, walked, &out, &looked, link,
			    &unverified);
			free(walked);
		}
		first_outside = first_outside || (i == 0 && !looked);
		if (name[0] != '/' && looked) {
			buf_puts(&searched, searched.len > 0 ? ", " : "");
			buf_puts(&searched, base);
		} else if (name[0] != '/') {
			buf_puts(&skipped, nskipped++ > 0 ? ", " : "");
			buf_puts(&skipped, base);
		}
		if (place == PLACE_FOUND)
			out.path = candidate;
		else if (place == PLACE_OUTSIDE || (i == 0 && !looked)) {
			free(outside);
			outside = candidate;
		} else
			free(candidate);
	}
	/* Found nowhere, what the name means (the place beside the
	 * including file, or the absolute path) is what is refused. */
	if (place == PLACE_OUTSIDE || (place == PLACE_MISSING && first_outside))
		report_outside(ck, outside, name, at, link, unverified);
	else if (place == PLACE_MISSING)
		report_include_not_found(ck, name, at, &searched, &skipped, nskipped);
	if (out.path == NULL) {
		free(out.key);
		out.key = NULL;
	}
	free(outside);
	free(with_ext);
	buf_free(&searched);
	buf_free(&skipped);
	if (confined)
		roots_free(&roots);
	return out;
}

struct scope *
scope_of(struct checker *ck, const struct file_ast *f)
{
	struct scope *sc = strmap_get(&ck->scopes_by_key, f->key);

	return sc != NULL && sc->file == f ? sc : NULL;
}

/*
 * Without a "---" line the whole file is body (rule 7), so a forgotten
 * separator prints the header into the contract without any error.  A
 * file whose first line reads like a header statement (a declaration,
 * modele "…", or a // comment, which only the header knows) gets a
 * warning.
 */
static bool
header_like(const char *s, size_t len)
{
	static const char *const quoted[] = { "modele", "titre", "importer" };
	static const char *const named[] = {
		"entree", "parametre", "soit", "type", "exiger", "recommander",
		"langue"
	};
	size_t i, n, k;

	if (len >= 2 && s[0] == '/' && s[1] == '/')
		return true;
	for (i = 0; i < sizeof(quoted) / sizeof(quoted[0]); i++) {
		n = strlen(quoted[i]);
		for (k = n; k < len && s[k] == ' '; k++)
			continue;
		if (len > n && strncmp(s, quoted[i], n) == 0 && s[n] == ' ' &&
		    k < len && s[k] == '"')
			return true;
	}
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		n = strlen(named[i]);
		if (len <= n || strncmp(s, named[i], n) != 0 || s[n] != ' ')
			continue;
		/* "entree nom : type", "soit x = …": a name, then : or =. */
		for (k = n; k < len && s[k] == ' '; k++)
			continue;
		while (k < len && s[k] != ' ' && s[k] != ':' && s[k] != '=')
			k++;
		while (k < len && s[k] == ' ')
			k++;
		if (k < len && (s[k] == ':' || s[k] == '=' ||
		    strcmp(named[i], "exiger") == 0 ||
		    strcmp(named[i], "recommander") == 0))
			return true;
	}
	return false;
}

static void
warn_missing_separator(struct checker *ck, const struct source *src)
{
	const char *line;
	size_t len, n;
	int i;
	struct loc l;

	for (i = 1; i <= (int)src->nlines; i++) {
		if (!source_line(src, i, &line, &len))
			return;
		for (n = 0; n < len && (line[n] == ' ' || line[n] == '\t'); n++)
			continue;
		if (n == len)
			continue;
		if (n > 0 || !header_like(line, len))
			return;
		for (n = 0; n < len && line[n] != ' '; n++)
			continue;
		memset(&l, 0, sizeof(l));
		l.src = src;
		l.line = l.end_line = i;
		l.col = 1;
		l.end_col = (int)utf8_count(line, n);
		diag(ck->ds, W_NO_SEPARATOR, &l);
		return;
	}
}

/* Source faults (source_read finds them, the checker words them). */
static void
report_fault(struct checker *ck, const char *path, const struct source *src,
    const struct source_fault *f)
{
	struct loc l = { src, f->line, f->col, f->line, f->col };
	struct diagnostic *dg;
	char n1[32], n2[32];

	switch (f->kind) {
	case SOURCE_UNREADABLE:
		diag(ck->ds, F_IO, NULL, path, fr_strerror(f->err));
		break;
	case SOURCE_TOO_BIG:
		snprintf(n1, sizeof(n1), "%zu", f->size);
		snprintf(n2, sizeof(n2), "%u", SOURCE_MAX_BYTES);
		diag(ck->ds, E_FILE_TOO_BIG, &l, n1, n2);
		break;
	case SOURCE_LONG_LINE:
		snprintf(n1, sizeof(n1), "%zu", f->size);
		snprintf(n2, sizeof(n2), "%u", SOURCE_MAX_LINE);
		diag(ck->ds, E_LINE_TOO_LONG, &l, n1, n2);
		break;
	case SOURCE_NUL:
		diag(ck->ds, E_NUL, &l);
		break;
	case SOURCE_BAD_BYTE:
		diag(ck->ds, E_UTF8, &l, (unsigned)f->byte);
		break;
	case SOURCE_CONTROL:
		snprintf(n1, sizeof(n1), "%04X", (unsigned)f->cp);
		dg = diag(ck->ds, E_SOURCE_CONTROL, &l, n1);
		/* Some editors show a line break there; lgc never did. */
		if (f->cp == 0x2028 || f->cp == 0x2029)
			diag_hint(dg, "séparateur de ligne ou de paragraphe : "
			    "pour un retour à "
			    "la ligne dans le paragraphe, terminez la ligne "
			    "par « \\ »");
		break;
	}
}

/* A source just read (or NULL, refused with FAULTS), as the file at
 * PATH (KEY: file_key()): its faults reported, or parsed and added to
 * the program. */
static struct file_ast *
take_source(struct checker *ck, const char *path, const char *key,
    const char *display, struct source *src,
    const struct source_faults *faults)
{
	struct file_ast *f;
	struct scope *sc;
	size_t i;

	/* The diagnostics quote the source, and live as long as it. */
	if (src == NULL)
		src = source_named(display);
	diags_adopt_source(ck->ds, src);
	for (i = 0; i < faults->len; i++)
		report_fault(ck, path, src, &faults->v[i]);
	if (faults->len > 0)
		return NULL;
	f = parse_file(src, ck->ds);
	if (!f->has_header)
		warn_missing_separator(ck, src);
	f->path = xstrdup(path);
	f->key = xstrdup(key);
	ptrvec_push(&ck->prog->files, f);
	strmap_put(&ck->files_by_key, f->key, f);
	sc = xcalloc(1, sizeof(*sc));
	sc->file = f;
	sc->dir = dir_of(path);
	ptrvec_push(&ck->prog->scopes, sc);
	strmap_put(&ck->scopes_by_key, f->key, sc);
	return f;
}

/* What tells the file at PATH, open with ST what fstat said of it (or
 * NULL), from the others, into KEY: its device and inode, which no
 * link, "..", or second name hides (and which fstat gives without
 * walking a path, as readlink of /proc/self/fd would); else its real
 * path, else PATH.  A path starts with no control character, so neither
 * kind takes the other for it. */
static void
file_key(const struct stat *st, const char *path, char *key, size_t size)
{
	if (st != NULL)
		snprintf(key, size, "\001%ju:%ju", (uintmax_t)st->st_dev,
		    (uintmax_t)st->st_ino);
	else if (realpath(path, key) == NULL || strlen(key) >= size)
		snprintf(key, size, "%s", path);
}

/* Parses the file at PATH, open on FD (-1: it could not be, ERR says
 * why) with ST what fstat said of it (NULL: not asked yet), once: the
 * same file included twice is one file_ast.  DISPLAY is how diagnostics
 * name it.  FD is read, never PATH again: what was checked of the
 * descriptor is what is read.  Closes FD. */
static struct file_ast *
load_fd(struct checker *ck, const char *path, const char *display, int fd,
    int err, const struct stat *st)
{
	char key[PATH_MAX];
	struct source *src = NULL;
	struct source_faults faults;
	struct file_ast *f;
	struct stat own;

	if (st == NULL && fd >= 0 && fstat(fd, &own) == 0)
		st = &own;
	file_key(st, path, key, sizeof(key));
	if ((f = strmap_get(&ck->files_by_key, key)) != NULL) {
		if (fd >= 0)
			close(fd);
		return f;
	}
	if (fd < 0)
		source_unreadable(&faults, err, 0);
	else {
		src = source_read(fd, st, display, &faults);
		close(fd);
	}
	return take_source(ck, path, key, display, src, &faults);
}

struct file_ast *
load_file(struct checker *ck, const char *path, const char *display)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	return load_fd(ck, path, display, fd, errno, NULL);
}

struct file_ast *
load_found(struct checker *ck, struct found *found)
{
	struct file_ast *f = found->known != NULL ? found->known :
	    load_fd(ck, found->path, display_name(found->path), found->fd,
	    found->err, found->stated ? &found->st : NULL);

	/* Only a file loaded is remembered: one that could not be read is
	 * reported again at each include, as before. */
	if (found->key != NULL && found->known == NULL && f != NULL) {
		strmap_put(&ck->found_files, found->key, f);
		ptrvec_push(&ck->found_keys, found->key);
	} else
		free(found->key);
	found->key = NULL;
	found->known = NULL;
	free(found->path);
	found->path = NULL;
	found->fd = -1;
	return f;
}

/* The main template given as TEXT, named NAME: its clauses are found
 * beside NAME, as if it were a file there. */
struct file_ast *
load_text(struct checker *ck, const char *name, const char *text,
    size_t len)
{
	struct source_faults faults;
	struct source *src = source_check(name, text, len, &faults);

	return take_source(ck, name, name, name, src, &faults);
}

/* How a found file is named in diagnostics: as found, without "./". */
const char *
display_name(const char *path)
{
	return strncmp(path, "./", 2) == 0 ? path + 2 : path;
}

void
found_files_free(struct checker *ck)
{
	size_t i;

	for (i = 0; i < ck->found_keys.len; i++)
		free(ck->found_keys.items[i]);
	ptrvec_free(&ck->found_keys);
	strmap_free(&ck->found_files);
}
