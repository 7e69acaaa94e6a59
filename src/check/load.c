/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The template loader: finding a file on the search path, reading and
 * parsing it (once, however many times it is included or imported),
 * with the warning for a forgotten "---" separator. */
#include "check/checker.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
is_file(const char *path)
{
	struct stat st;

	/* Found when it exists: one that cannot be read is then reported
	 * as such (F_IO: permission refusée), not as missing. */
	return stat(path, &st) == 0;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Relative to the including file, then each search folder; ".lgc" may
 * be left out.  Returns a malloc'd path or NULL. */
char *
find_file(struct checker *ck, const char *dir, const char *name)
{
	const char *const *search = ck->prog->search;
	size_t i, n = ck->prog->nsearch;
	char *with_ext = ends_with(name, ".lgc") ? xstrdup(name) :
	    xasprintf("%s.lgc", name);
	char *found = NULL;

	/* Only .lgc files, however the path is written: an absolute path
	 * must not open /etc/passwd as a clause. */
	if (name[0] == '/') {
		if (is_file(with_ext))
			found = with_ext;
		else
			free(with_ext);
		return found;
	}
	for (i = 0; i <= n && found == NULL; i++) {
		const char *base = i == 0 ? dir : search[i - 1];
		char *candidate = xasprintf("%s/%s", base, with_ext);

		if (is_file(candidate))
			found = candidate;
		else
			free(candidate);
	}
	free(with_ext);
	return found;
}

/* Where find_file looked for NAME from DIR: the note of a file not
 * found. */
void
describe_search(struct checker *ck, const char *dir, const char *name,
    struct buf *out)
{
	size_t i;

	if (name[0] == '/')
		buf_printf(out, "un chemin absolu désigne un fichier .lgc : "
		    "%s%s", name, ends_with(name, ".lgc") ? "" : ".lgc");
	else {
		buf_printf(out, "cherché dans %s", dir);
		for (i = 0; i < ck->prog->nsearch; i++)
			buf_printf(out, ", %s", ck->prog->search[i]);
	}
}

/*
 * Whether PATH, found for the include or import of NAME at AT, lies in
 * one of the root folders once "..", absolute paths and symbolic links
 * are resolved: a server that compiles its clients' templates must not
 * let one read another's clauses nor any .lgc file of the machine.
 * Without roots, everything is allowed.  Reported when refused.
 */
bool
within_roots(struct checker *ck, const char *path, const char *name,
    const struct loc *at)
{
	char resolved[PATH_MAX], target[PATH_MAX];
	struct diagnostic *dg;
	struct buf roots;
	struct stat st;
	size_t i, n;
	ssize_t len;

	if (ck->prog->nroots == 0)
		return true;
	for (i = 0; realpath(path, resolved) != NULL &&
	    i < ck->prog->nroots; i++) {
		const char *root = ck->prog->roots[i];

		n = strlen(root);
		if (n > 0 && root[n - 1] == '/')
			n--;
		if (strncmp(resolved, root, n) == 0 && resolved[n] == '/')
			return true;
	}
	/* Named as the user wrote them, not resolved: the message is the
	 * same on every machine, and a server does not show its tree. */
	buf_init(&roots);
	for (i = 0; i < ck->prog->nroots; i++)
		buf_printf(&roots, "%s« %s »", i > 0 ? ", " : "",
		    ck->prog->root_names[i]);
	dg = diag(ck->ds, E_INCLUDE_OUTSIDE, at, name, display_name(path),
	    buf_cstr(&roots));
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (len = readlink(path, target, sizeof(target) - 1)) > 0) {
		target[len] = '\0';
		diag_note(dg, NULL, "%s est un lien symbolique vers %s",
		    display_name(path), target);
	}
	buf_free(&roots);
	return false;
}

struct scope *
scope_of(struct checker *ck, const struct file_ast *f)
{
	size_t i;

	for (i = 0; i < ck->prog->scopes.len; i++) {
		struct scope *sc = ck->prog->scopes.items[i];

		if (sc->file == f)
			return sc;
	}
	return NULL;
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

/* Source faults (source_load finds them, the checker words them). */
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
 * PATH (RESOLVED on disk): its faults reported, or parsed and added to
 * the program. */
static struct file_ast *
take_source(struct checker *ck, const char *path, const char *resolved,
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
	f->path = xstrdup(resolved);
	ptrvec_push(&ck->prog->files, f);
	sc = xcalloc(1, sizeof(*sc));
	sc->file = f;
	sc->dir = dir_of(path);
	ptrvec_push(&ck->prog->scopes, sc);
	return f;
}

/* Loads and parses a file once; the same file included twice is one
 * file_ast.  DISPLAY is how diagnostics name it. */
struct file_ast *
load_file(struct checker *ck, const char *path, const char *display)
{
	char resolved[PATH_MAX];
	struct source *src;
	struct source_faults faults;
	size_t i;

	if (realpath(path, resolved) == NULL)
		snprintf(resolved, sizeof(resolved), "%s", path);
	for (i = 0; i < ck->prog->files.len; i++) {
		struct file_ast *f = ck->prog->files.items[i];

		if (strcmp(f->path, resolved) == 0)
			return f;
	}
	src = source_load(path, display, &faults);
	return take_source(ck, path, resolved, display, src, &faults);
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
