/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The served templates: found by walking the folders, loaded once, and
 * reloaded when a file they were made from changes.  A name is only ever
 * looked up among the names the walk found, never joined to a folder,
 * so that no name reaches outside the served folders. */
#include "server/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "server/util.h"

/* How deep the walk goes, and how many templates it keeps: a folder
 * tree larger than this is not a set of templates. */
#define WALK_MAX_DEPTH	16
#define CATALOG_MAX	10000
/* A template says so in its header, which comes first. */
#define HEADER_BYTES	65536

struct folder {
	char	*given;
	char	*resolved;	/* realpath */
};

struct catalog {
	pthread_mutex_t	 lock;
	struct folder	*folders;
	size_t		 nfolders;
	char		**search;
	size_t		 nsearch;
	char		**limits;
	size_t		 nlimits;
	struct template	**items;	/* sorted by name */
	size_t		 len;
	struct dirstamp	*dirs;		/* of the last walk */
	size_t		 ndirs;
};

/* Found by a walk: a name and its file. */
struct found {
	char	*name;
	char	*path;
};

/* A folder walked, as it was: a template created, renamed or deleted
 * in it changes its date. */
struct dirstamp {
	char		*path;
	long long	 mtime_ns;
	unsigned long long ino;
};

struct found_list {
	struct found	*v;
	size_t		 len;
	struct dirstamp	*dirs;
	size_t		 ndirs;
};

static void
template_free(struct template *t)
{
	size_t i;

	lgc_free(t->master);
	free(t->name);
	free(t->path);
	free(t->title);
	free(t->schema);
	free(t->form);
	free(t->diagnostics);
	free(t->diagnostics_text);
	free(t->file_base);
	for (i = 0; i < t->ndeps; i++)
		free(t->deps[i].path);
	free(t->deps);
	free(t);
}

void
template_release(struct template *t)
{
	if (t != NULL && atomic_fetch_sub_explicit(&t->refs, 1,
	    memory_order_acq_rel) == 1)
		template_free(t);
}

/* Whether PATH starts a template: a `modele` line in its header (a
 * clause has none; it stays includable and is not served). */
static bool
is_template(const char *path)
{
	char buf[HEADER_BYTES + 1];
	FILE *f = fopen(path, "rb");
	size_t n;
	const char *p;

	if (f == NULL)
		return false;
	n = fread(buf, 1, HEADER_BYTES, f);
	fclose(f);
	buf[n] = '\0';
	for (p = buf; p != NULL && *p != '\0'; p = strchr(p, '\n'),
	    p = p != NULL ? p + 1 : NULL) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "modele", 6) == 0 && (p[6] == ' ' ||
		    p[6] == '\t' || p[6] == '"'))
			return true;
		if (strncmp(p, "---", 3) == 0)
			return false;
	}
	return false;
}

static bool
inside(const char *resolved, const char *root)
{
	size_t n = strlen(root);

	return strncmp(resolved, root, n) == 0 &&
	    (resolved[n] == '/' || resolved[n] == '\0' ||
	    (n == 1 && root[0] == '/'));
}

static void
walk(const struct folder *f, const char *dir, const char *prefix,
    int depth, struct found_list *out)
{
	DIR *d;
	struct dirent *e;
	struct stat ds;

	if (depth > WALK_MAX_DEPTH || stat(dir, &ds) != 0 ||
	    (d = opendir(dir)) == NULL)
		return;
	/* Dated before reading: a change during the walk shows next time. */
	out->dirs = srv_realloc(out->dirs, (out->ndirs + 1) * sizeof(*out->dirs));
	out->dirs[out->ndirs].path = srv_strdup(dir);
	out->dirs[out->ndirs].mtime_ns = (long long)ds.st_mtim.tv_sec *
	    1000000000LL + ds.st_mtim.tv_nsec;
	out->dirs[out->ndirs++].ino = (unsigned long long)ds.st_ino;
	while ((e = readdir(d)) != NULL && out->len < CATALOG_MAX) {
		char *path, *name, resolved[PATH_MAX];
		struct stat st;
		size_t n = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		path = srv_printf("%s/%s", dir, e->d_name);
		name = srv_printf("%s%s%s", prefix, *prefix ? "/" : "",
		    e->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			/* A linked folder is not followed: no loop, and
			 * nothing from elsewhere. */
			walk(f, path, name, depth + 1, out);
		} else if (n > 4 && strcmp(e->d_name + n - 4, ".lgc") == 0 &&
		    stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    realpath(path, resolved) != NULL &&
		    inside(resolved, f->resolved) && is_template(path)) {
			name[strlen(name) - 4] = '\0';
			out->v = srv_realloc(out->v, (out->len + 1) *
			    sizeof(*out->v));
			out->v[out->len].name = name;
			out->v[out->len++].path = path;
			continue;
		}
		free(path);
		free(name);
	}
	closedir(d);
}

/* The files of a dependency rule, unescaped ("\ ", "\#", "$$"): the
 * rule's empty targets, one a line. */
static void
read_deps(struct template *t, const char *rule)
{
	const char *line = strchr(rule, '\n');

	while (line != NULL && *++line != '\0') {
		const char *end = strchr(line, '\n');
		size_t n = end != NULL ? (size_t)(end - line) : strlen(line);
		char *path = srv_alloc(n + 1), *w = path;
		size_t i;

		for (i = 0; i + 1 < n; i++) {
			if (line[i] == '\\' && (line[i + 1] == ' ' ||
			    line[i + 1] == '#'))
				i++;
			else if (line[i] == '$' && line[i + 1] == '$')
				i++;
			*w++ = line[i];
		}
		*w = '\0';
		if (n > 0 && line[n - 1] == ':' && *path != '\0') {
			t->deps = srv_realloc(t->deps, (t->ndeps + 1) *
			    sizeof(*t->deps));
			memset(&t->deps[t->ndeps], 0, sizeof(*t->deps));
			t->deps[t->ndeps++].path = path;
		} else
			free(path);
		line = end;
	}
}

static void
stamp(struct dep *d)
{
	struct stat st;

	if (stat(d->path, &st) != 0) {
		d->mtime_ns = -1;
		d->size = -1;
		d->ino = 0;
		return;
	}
	d->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL +
	    st.st_mtim.tv_nsec;
	d->size = (long long)st.st_size;
	d->ino = (unsigned long long)st.st_ino;
}

static bool
changed(const struct template *t)
{
	size_t i;

	for (i = 0; i < t->ndeps; i++) {
		struct dep now = t->deps[i];

		stamp(&now);
		if (now.mtime_ns != t->deps[i].mtime_ns ||
		    now.size != t->deps[i].size || now.ino != t->deps[i].ino)
			return true;
	}
	return false;
}

static void
configure(const struct catalog *cat, lgc_compiler *c)
{
	size_t i;

	lgc_set_diagnostic_format(c, "json");
	for (i = 0; i < cat->nfolders; i++)
		lgc_add_root(c, cat->folders[i].given);
	for (i = 0; i < cat->nsearch; i++) {
		lgc_add_search_path(c, cat->search[i]);
		lgc_add_root(c, cat->search[i]);
	}
	for (i = 0; i < cat->nlimits; i++) {
		char *eq = strchr(cat->limits[i], '='), *name;

		if (eq == NULL)
			continue;
		name = srv_printf("limite-%.*s", (int)(eq - cat->limits[i]),
		    cat->limits[i]);
		lgc_set_option(c, name, eq + 1);
		free(name);
	}
}

/* The diagnostics of a template that failed, as GCC-style text with the
 * quoted lines, for the preview (checked once more, in text). */
static char *
diagnostics_text(const struct catalog *cat, const char *path)
{
	lgc_compiler *c = lgc_new(NULL);
	struct sbuf b = { NULL, 0, 0 };

	lgc_set_diagnostic_handler(c, collect_diagnostic_text, &b);
	configure(cat, c);
	lgc_set_diagnostic_format(c, "texte");
	(void)lgc_load_template(c, path);
	lgc_free(c);
	return b.data;
}

/* The questionnaire of T, made once per version of the template: its
 * buttons post to the template's rendu route, the name percent-encoded
 * but for its folder separators. */
static char *
questionnaire(const struct template *t)
{
	static const char hex[] = "0123456789ABCDEF";
	struct sbuf url = { NULL, 0, 0 };
	const unsigned char *p;
	char *out = NULL;
	size_t len = 0;

	sbuf_puts(&url, "/api/v1/modeles/");
	for (p = (const unsigned char *)t->name; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			sbuf_add(&url, (const char *)p, 1);
		else {
			char esc[3] = { '%', hex[*p >> 4], hex[*p & 15] };

			sbuf_add(&url, esc, 3);
		}
	}
	sbuf_puts(&url, "/rendu");
	if (lgc_form(t->master, url.data, &out, &len) != LGC_OK) {
		free(out);
		out = NULL;
	}
	free(url.data);
	return out;
}

static struct template *
load(const struct catalog *cat, const char *name, const char *path)
{
	struct template *t = srv_alloc(sizeof(*t));
	json_t *diags = json_array(), *schema;
	char *out = NULL;
	size_t len = 0;
	int status;

	atomic_init(&t->refs, 1);
	t->name = srv_strdup(name);
	t->path = srv_strdup(path);
	t->master = lgc_new(NULL);
	lgc_set_diagnostic_handler(t->master, collect_diagnostic_json, diags);
	configure(cat, t->master);
	/* Dated before reading: a change made while loading shows as one
	 * at the next request. */
	t->deps = srv_alloc(sizeof(*t->deps));
	t->deps[0].path = srv_strdup(path);
	t->ndeps = 1;
	stamp(&t->deps[0]);
	status = lgc_load_template(t->master, path);
	t->failed = status != LGC_OK;
	if (lgc_dependencies(t->master, "modele", NULL, 0, &out, &len) ==
	    LGC_OK && out != NULL) {
		size_t i, first = t->ndeps;

		read_deps(t, out);
		/* The template itself is listed again: keep its first stamp. */
		for (i = first; i < t->ndeps; i++) {
			char *dep_path = t->deps[i].path;

			if (strcmp(dep_path, path) == 0) {
				t->deps[i] = t->deps[0];
				t->deps[i].path = dep_path;
			} else
				stamp(&t->deps[i]);
		}
	}
	free(out);
	out = NULL;
	if (!t->failed && lgc_schema(t->master, &out, &len) == LGC_OK) {
		t->schema = out;
		schema = json_loadb(out, len, 0, NULL);
		if (schema != NULL && json_is_string(json_object_get(schema,
		    "title")))
			t->title = srv_strdup(json_string_value(
			    json_object_get(schema, "title")));
		json_decref(schema);
	} else
		free(out);
	t->failed = t->failed || t->schema == NULL;
	if (!t->failed)
		t->form = questionnaire(t);
	lgc_set_diagnostic_handler(t->master, NULL, NULL);
	t->diagnostics = json_dumps(diags, JSON_COMPACT);
	if (t->diagnostics == NULL)
		t->diagnostics = srv_strdup("[]");
	json_decref(diags);
	if (t->failed)
		t->diagnostics_text = diagnostics_text(cat, path);
	t->file_base = lgc_file_name(t->title != NULL ? t->title : name);
	if (*t->file_base == '\0') {
		free(t->file_base);
		t->file_base = srv_strdup("contrat");
	}
	return t;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp((*(struct template *const *)a)->name,
	    (*(struct template *const *)b)->name);
}

static void
free_dirs(struct dirstamp *dirs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(dirs[i].path);
	free(dirs);
}

static void
found_free(struct found_list *l)
{
	size_t i;

	for (i = 0; i < l->len; i++) {
		free(l->v[i].name);
		free(l->v[i].path);
	}
	free(l->v);
	free_dirs(l->dirs, l->ndirs);
}

/* Whether a folder walked has changed since (under the lock): only then
 * can a name not found have appeared, and a walk, which reads the head
 * of every .lgc file, is needed. */
static bool
folders_changed(const struct catalog *cat)
{
	size_t i;

	if (cat->dirs == NULL)
		return true;
	for (i = 0; i < cat->ndirs; i++) {
		struct stat st;

		if (stat(cat->dirs[i].path, &st) != 0 ||
		    (unsigned long long)st.st_ino != cat->dirs[i].ino ||
		    (long long)st.st_mtim.tv_sec * 1000000000LL +
		    st.st_mtim.tv_nsec != cat->dirs[i].mtime_ns)
			return true;
	}
	return false;
}

/* The folders walked again: new templates loaded, vanished ones
 * dropped.  Under the lock. */
static void
rescan(struct catalog *cat)
{
	struct found_list l = { NULL, 0, NULL, 0 };
	struct template **kept;
	size_t i, j, n = 0;

	for (i = 0; i < cat->nfolders; i++)
		walk(&cat->folders[i], cat->folders[i].given, "", 0, &l);
	kept = srv_alloc((l.len + 1) * sizeof(*kept));
	for (i = 0; i < l.len; i++) {
		struct template *t = NULL;

		/* The first folder that has a name wins. */
		for (j = 0; j < n; j++)
			if (strcmp(kept[j]->name, l.v[i].name) == 0)
				break;
		if (j < n)
			continue;
		for (j = 0; j < cat->len; j++)
			if (cat->items[j] != NULL &&
			    strcmp(cat->items[j]->name, l.v[i].name) == 0 &&
			    strcmp(cat->items[j]->path, l.v[i].path) == 0) {
				t = cat->items[j];
				cat->items[j] = NULL;
				break;
			}
		kept[n++] = t != NULL ? t : load(cat, l.v[i].name, l.v[i].path);
	}
	for (j = 0; j < cat->len; j++)
		template_release(cat->items[j]);
	free(cat->items);
	qsort(kept, n, sizeof(*kept), by_name);
	cat->items = kept;
	cat->len = n;
	free_dirs(cat->dirs, cat->ndirs);
	cat->dirs = l.dirs;
	cat->ndirs = l.ndirs;
	l.dirs = NULL;
	l.ndirs = 0;
	found_free(&l);
}

static struct template **
find(struct catalog *cat, const char *name)
{
	size_t lo = 0, hi = cat->len;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int cmp = strcmp(cat->items[mid]->name, name);

		if (cmp == 0)
			return &cat->items[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* *SLOT brought up to date: reloaded when a file changed, or dropped
 * (false) when the template is gone or no longer one.  Under the lock. */
static bool
refresh(struct catalog *cat, struct template **slot)
{
	struct template *t = *slot;
	struct stat st;

	if (!changed(t))
		return true;
	if (stat(t->path, &st) != 0 || !is_template(t->path))
		return false;
	*slot = load(cat, t->name, t->path);
	template_release(t);
	return true;
}

struct template *
catalog_get(struct catalog *cat, const char *name)
{
	struct template **slot, *t = NULL;

	pthread_mutex_lock(&cat->lock);
	slot = find(cat, name);
	/* Gone, or no longer a template: the walk drops it. */
	if ((slot != NULL && !refresh(cat, slot)) ||
	    (slot == NULL && folders_changed(cat))) {
		rescan(cat);
		slot = find(cat, name);
	}
	if (slot != NULL) {
		t = *slot;
		atomic_fetch_add_explicit(&t->refs, 1, memory_order_relaxed);
	}
	pthread_mutex_unlock(&cat->lock);
	return t;
}

struct template **
catalog_list(struct catalog *cat, size_t *n)
{
	struct template **all;
	size_t i;
	bool gone = false;

	pthread_mutex_lock(&cat->lock);
	for (i = 0; i < cat->len; i++)
		if (!refresh(cat, &cat->items[i]))
			gone = true;
	/* Gone, or no longer templates: the walk drops them. */
	if (gone || folders_changed(cat))
		rescan(cat);
	all = srv_alloc((cat->len + 1) * sizeof(*all));
	for (i = 0; i < cat->len; i++) {
		all[i] = cat->items[i];
		atomic_fetch_add_explicit(&all[i]->refs, 1,
		    memory_order_relaxed);
	}
	*n = cat->len;
	pthread_mutex_unlock(&cat->lock);
	return all;
}

static char **
copy_list(const char *const *v, size_t n)
{
	char **out = srv_alloc((n + 1) * sizeof(*out));
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = srv_strdup(v[i]);
	return out;
}

static void
free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

struct catalog *
catalog_new(lgc_compiler *c, const struct catalog_setup *s)
{
	struct catalog *cat = srv_alloc(sizeof(*cat));
	bool ok = true;
	size_t i;

	pthread_mutex_init(&cat->lock, NULL);
	cat->folders = srv_alloc((s->nfolders + 1) * sizeof(*cat->folders));
	for (i = 0; i < s->nfolders; i++) {
		char resolved[PATH_MAX];
		struct stat st;

		if (realpath(s->folders[i], resolved) == NULL ||
		    stat(resolved, &st) != 0 || !S_ISDIR(st.st_mode)) {
			lgc_report_file(c, "entree-sortie", s->folders[i],
			    "dossier de modèles introuvable : %s",
			    lgc_strerror(errno != 0 ? errno : ENOTDIR));
			ok = false;
			continue;
		}
		cat->folders[cat->nfolders].given = srv_strdup(s->folders[i]);
		cat->folders[cat->nfolders++].resolved = srv_strdup(resolved);
	}
	cat->search = copy_list(s->search, s->nsearch);
	cat->nsearch = s->nsearch;
	cat->limits = copy_list(s->limits, s->nlimits);
	cat->nlimits = s->nlimits;
	if (!ok) {
		catalog_free(cat);
		return NULL;
	}
	rescan(cat);
	return cat;
}

void
catalog_free(struct catalog *cat)
{
	size_t i;

	if (cat == NULL)
		return;
	for (i = 0; i < cat->len; i++)
		template_release(cat->items[i]);
	free(cat->items);
	free_dirs(cat->dirs, cat->ndirs);
	for (i = 0; i < cat->nfolders; i++) {
		free(cat->folders[i].given);
		free(cat->folders[i].resolved);
	}
	free(cat->folders);
	free_list(cat->search, cat->nsearch);
	free_list(cat->limits, cat->nlimits);
	pthread_mutex_destroy(&cat->lock);
	free(cat);
}
