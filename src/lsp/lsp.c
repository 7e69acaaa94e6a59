/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* lgc lsp: the Language Server Protocol 3.17 over stdio (docs/lsp.md).
 * Each open document is checked whole at every change, as lgc check
 * checks it, through lgc.h; what hover, definition, references, rename,
 * symbols and completion need comes from lgc_outline(), the check
 * stage's own reading of the template.  A half-typed document only
 * makes diagnostics: every request gets a well-formed answer. */
#include "lsp/lsp.h"

#include <dirent.h>
#include <jansson.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lgc.h"

/* A message larger than this is refused (read and dropped): no editor
 * sends a contract template of 64 MB. */
#define MESSAGE_MAX	(64u << 20)

/* JSON-RPC and LSP error codes. */
#define RPC_PARSE_ERROR		(-32700)
#define RPC_INVALID_REQUEST	(-32600)
#define RPC_METHOD_NOT_FOUND	(-32601)
#define RPC_INVALID_PARAMS	(-32602)
#define RPC_NOT_INITIALIZED	(-32002)

struct document {
	char	*uri;
	char	*path;		/* the file the URI names: lgc's name for it */
	char	*text;
	size_t	 len;
	size_t	*lines;		/* byte offset of each line start */
	size_t	 nlines;
	json_t	*version;
	json_t	*outline;	/* lgc_outline's, or NULL */
};

struct server {
	FILE	*in, *out;
	struct document **docs;
	size_t	 ndocs;
	bool	 initialized;
	bool	 shutdown;
	bool	 utf8;		/* positionEncoding utf-8, else utf-16 */
	const char **search;	/* -I folders */
	size_t	 nsearch;
	lsp_search_fn add_search;	/* the program's rule for the rest */
	/* initializationOptions.donnees: a data file for every document,
	 * false (none), or unset (the convention of docs/lsp.md). */
	char	*data;
	bool	 no_data;
};

/* A position in a document: an LSP line and a byte offset in TEXT. */

static void
index_lines(struct document *d)
{
	size_t i, n = 1;

	for (i = 0; i < d->len; i++)
		n += d->text[i] == '\n';
	free(d->lines);
	d->lines = malloc(n * sizeof(*d->lines));
	if (d->lines == NULL)
		abort();
	d->nlines = 0;
	d->lines[d->nlines++] = 0;
	for (i = 0; i < d->len; i++)
		if (d->text[i] == '\n')
			d->lines[d->nlines++] = i + 1;
}

/* The length of the UTF-8 sequence starting with byte C (1 for a stray
 * byte, so that a walk always advances). */
static size_t
seq_len(unsigned char c, size_t avail)
{
	size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 :
	    c >= 0xC0 ? 2 : 1;

	return n > avail ? avail : n;
}

/* What one character of N bytes counts in the negotiated encoding. */
static size_t
units(const struct server *s, size_t n)
{
	if (s->utf8)
		return n;
	return n == 4 ? 2 : 1;
}

/* lgc's LINE and COLUMN (from 1, in characters) as an LSP position. */
static json_t *
position(const struct server *s, const struct document *d, int line,
    int column)
{
	size_t at, end, ch = 0;
	int k;

	if (line < 1)
		line = 1, column = 1;
	if (d == NULL || (size_t)line > d->nlines)
		return json_pack("{s:i, s:i}", "line", line - 1, "character",
		    column > 0 ? column - 1 : 0);
	at = d->lines[line - 1];
	end = (size_t)line < d->nlines ? d->lines[line] - 1 : d->len;
	for (k = 1; k < column && at < end; k++) {
		size_t n = seq_len((unsigned char)d->text[at], end - at);

		ch += units(s, n);
		at += n;
	}
	return json_pack("{s:i, s:I}", "line", line - 1, "character",
	    (json_int_t)ch);
}

/* A place of lgc (its end column inclusive) as an LSP range (end
 * exclusive); a place without a line is the start of the file. */
static json_t *
range(const struct server *s, const struct document *d, int line, int col,
    int end_line, int end_col)
{
	if (line <= 0)
		return json_pack("{s:o, s:o}", "start", position(s, d, 1, 1),
		    "end", position(s, d, 1, 1));
	if (col <= 0)
		col = 1;
	if (end_line < line || (end_line == line && end_col < col))
		end_line = line, end_col = col;
	return json_pack("{s:o, s:o}", "start", position(s, d, line, col),
	    "end", position(s, d, end_line, end_col + 1));
}

/* The byte offset of an LSP position, clamped to the document. */
static size_t
offset_of(const struct server *s, const struct document *d, json_t *pos)
{
	json_int_t line = json_integer_value(json_object_get(pos, "line"));
	json_int_t ch = json_integer_value(json_object_get(pos,
	    "character"));
	size_t at, end, u = 0;

	if (line < 0)
		return 0;
	if ((size_t)line >= d->nlines)
		return d->len;
	at = d->lines[line];
	end = (size_t)line + 1 < d->nlines ? d->lines[line + 1] - 1 : d->len;
	while (at < end && ch > 0 && (json_int_t)u < ch) {
		size_t n = seq_len((unsigned char)d->text[at], end - at);

		u += units(s, n);
		at += n;
	}
	return at;
}

/* The 1-based line and character column of byte offset AT. */
static void
lgc_position(const struct document *d, size_t at, int *line, int *col)
{
	size_t lo = 0, hi = d->nlines, i;
	int c = 1;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (d->lines[mid] <= at)
			lo = mid;
		else
			hi = mid;
	}
	for (i = d->lines[lo]; i < at && i < d->len;
	    i += seq_len((unsigned char)d->text[i], d->len - i))
		c++;
	*line = (int)lo + 1;
	*col = c;
}

/* URIs: file:///a/b%20c.lgc ↔ /a/b c.lgc. */

static int
hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static char *
uri_to_path(const char *uri)
{
	const char *p = uri;
	char *out, *o;

	if (strncmp(p, "file://", 7) == 0) {
		p += 7;
		/* file://host/path: the host is dropped (localhost). */
		while (*p != '\0' && *p != '/')
			p++;
	}
	out = o = malloc(strlen(p) + 1);
	if (out == NULL)
		abort();
	for (; *p != '\0'; p++) {
		if (*p == '%' && hex(p[1]) >= 0 && hex(p[2]) >= 0 &&
		    (hex(p[1]) | hex(p[2])) != 0) {
			*o++ = (char)(hex(p[1]) * 16 + hex(p[2]));
			p += 2;
		} else
			*o++ = *p;
	}
	*o = '\0';
	if (out[0] == '\0') {
		free(out);
		out = strdup("sans-nom.lgc");
	}
	return out;
}

static json_t *
path_to_uri(const char *path)
{
	static const char keep[] = "-._~/";
	size_t n = strlen(path), i;
	char *out = malloc(n * 3 + 8), *o;
	json_t *j;

	if (out == NULL)
		abort();
	o = out + sprintf(out, "file://");
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr(keep, c) != NULL)
			*o++ = (char)c;
		else
			o += sprintf(o, "%%%02X", c);
	}
	*o = '\0';
	j = json_string(out);
	free(out);
	return j;
}

/* French typography for the server's own words (hover, fixes, errors;
 * lgc's diagnostics already have it): the space before : ; ! ? and »,
 * and after «, is a no-break space.  malloc'd. */
static char *
french(const char *s)
{
	size_t n = strlen(s), i, o = 0;
	char *out = malloc(n * 2 + 1);

	if (out == NULL)
		abort();
	for (i = 0; i < n; i++) {
		const char *next = s + i + 1;
		bool mark = s[i] == ' ' && ((strchr(";:!?", *next) != NULL &&
		    *next != '\0' && (next[1] == ' ' || next[1] == '\0' ||
		    next[1] == '\n')) || strncmp(next, "\xc2\xbb", 2) == 0 ||
		    (o >= 2 && memcmp(out + o - 2, "\xc2\xab", 2) == 0));

		if (mark) {
			memcpy(out + o, "\xc2\xa0", 2);
			o += 2;
		} else
			out[o++] = s[i];
	}
	out[o] = '\0';
	return out;
}

static json_t *
french_string(const char *s)
{
	char *f = french(s);
	json_t *j = json_string(f);

	free(f);
	return j;
}

/* Messages. */

static void
send(struct server *s, json_t *msg)
{
	char *text = json_dumps(msg, JSON_COMPACT);

	json_decref(msg);
	if (text == NULL)
		return;
	fprintf(s->out, "Content-Length: %zu\r\n\r\n%s", strlen(text), text);
	fflush(s->out);
	free(text);
}

static void
reply(struct server *s, json_t *id, json_t *result)
{
	send(s, json_pack("{s:s, s:O, s:o}", "jsonrpc", "2.0", "id",
	    id != NULL ? id : json_null(), "result",
	    result != NULL ? result : json_null()));
}

static void
reply_error(struct server *s, json_t *id, int code, const char *message)
{
	send(s, json_pack("{s:s, s:O, s:{s:i, s:o}}", "jsonrpc", "2.0", "id",
	    id != NULL ? id : json_null(), "error", "code", code, "message",
	    french_string(message)));
}

static void
notify(struct server *s, const char *method, json_t *params)
{
	send(s, json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method",
	    method, "params", params));
}

/* Reads one message's body (malloc'd) into *BODY; false at the end of
 * the input.  A message without a usable Content-Length, or too big,
 * gives an empty body (answered as a parse error). */
static bool
read_message(struct server *s, char **body, size_t *len)
{
	char line[1024];
	long long length = -1;
	bool any = false;

	*body = NULL;
	*len = 0;
	for (;;) {
		size_t n;

		if (fgets(line, sizeof(line), s->in) == NULL)
			return false;
		n = strlen(line);
		/* The rest of an overlong header line is dropped. */
		if (n > 0 && line[n - 1] != '\n') {
			int c;

			while ((c = fgetc(s->in)) != EOF && c != '\n')
				;
		}
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0) {
			if (any)
				break;
			continue;
		}
		any = true;
		if (strncasecmp(line, "Content-Length:", 15) == 0) {
			char *end;

			length = strtoll(line + 15, &end, 10);
			if (end == line + 15)
				length = -1;
		}
	}
	if (length < 0)
		return true;
	if ((unsigned long long)length > MESSAGE_MAX) {
		long long i;

		for (i = 0; i < length && fgetc(s->in) != EOF; i++)
			;
		return true;
	}
	*body = malloc((size_t)length + 1);
	if (*body == NULL)
		abort();
	*len = fread(*body, 1, (size_t)length, s->in);
	(*body)[*len] = '\0';
	return *len == (size_t)length;
}

/* Documents. */

static struct document *
find_document(struct server *s, json_t *params)
{
	const char *uri = json_string_value(json_object_get(
	    json_object_get(params, "textDocument"), "uri"));
	size_t i;

	if (uri == NULL)
		return NULL;
	for (i = 0; i < s->ndocs; i++)
		if (strcmp(s->docs[i]->uri, uri) == 0)
			return s->docs[i];
	return NULL;
}

static void
free_document(struct document *d)
{
	free(d->uri);
	free(d->path);
	free(d->text);
	free(d->lines);
	json_decref(d->version);
	json_decref(d->outline);
	free(d);
}

/* What the diagnostics handler gathers for one document. */
struct gather {
	struct server	*s;
	struct document	*d;
	json_t		*list;
};

/* The document that FILE names, when it is open. */
static const struct document *
document_of(const struct server *s, const char *file)
{
	size_t i;

	for (i = 0; file != NULL && i < s->ndocs; i++)
		if (strcmp(s->docs[i]->path, file) == 0)
			return s->docs[i];
	return NULL;
}

static json_t *
location(const struct server *s, const char *file, int line, int col,
    int end_line, int end_col)
{
	return json_pack("{s:o, s:o}", "uri", path_to_uri(file), "range",
	    range(s, document_of(s, file), line, col, end_line, end_col));
}

static void
on_diagnostic(const lgc_diagnostic *dg, void *arg)
{
	struct gather *g = arg;
	const lgc_place *p = &dg->place;
	bool here = p->file != NULL && strcmp(p->file, g->d->path) == 0;
	json_t *j, *related = json_array(), *data = json_object();
	size_t i;
	int severity = 1;
	char *message = NULL;

	switch (dg->severity) {
	case LGC_SEVERITY_NOTE:
		severity = 3;
		break;
	case LGC_SEVERITY_WARNING:
		severity = 2;
		break;
	case LGC_SEVERITY_ERROR:
	case LGC_SEVERITY_FATAL:
		severity = 1;
		break;
	}
	for (i = 0; i < dg->nnotes; i++) {
		const lgc_place *np = &dg->notes[i].place;

		json_array_append_new(related, json_pack("{s:o, s:s}",
		    "location", location(g->s, np->file != NULL ? np->file :
		    g->d->path, np->line, np->column, np->end_line,
		    np->end_column), "message", dg->notes[i].text));
	}
	/* A message about another file (a clause, the data) is shown at
	 * the top of this one, its place given as related. */
	if (!here && p->file != NULL) {
		json_array_insert_new(related, 0, json_pack("{s:o, s:s}",
		    "location", location(g->s, p->file, p->line, p->column,
		    p->end_line, p->end_column), "message", dg->message));
		size_t n = strlen(p->file) + strlen(dg->message) + 64;

		message = malloc(n);
		if (message == NULL)
			abort();
		if (p->line > 0)
			snprintf(message, n, "%s:%d:%d\xc2\xa0: %s", p->file,
			    p->line, p->column, dg->message);
		else
			snprintf(message, n, "%s\xc2\xa0: %s", p->file,
			    dg->message);
	}
	if (dg->suggestion != NULL)
		json_object_set_new(data, "suggestion",
		    json_string(dg->suggestion));
	j = json_pack("{s:o, s:i, s:s, s:s, s:s}", "range",
	    here ? range(g->s, g->d, p->line, p->column, p->end_line,
	    p->end_column) : range(g->s, g->d, 0, 0, 0, 0), "severity",
	    severity, "code", dg->code != NULL ? dg->code : "", "source", "lgc",
	    "message", message != NULL ? message : dg->message);
	free(message);
	if (j == NULL) {
		json_decref(related);
		json_decref(data);
		return;
	}
	if (json_array_size(related) > 0)
		json_object_set_new(j, "relatedInformation", related);
	else
		json_decref(related);
	if (json_object_size(data) > 0)
		json_object_set_new(j, "data", data);
	else
		json_decref(data);
	json_array_append_new(g->list, j);
}

static bool
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The data file checked with PATH (docs/lsp.md): NAME.json beside
 * NAME.lgc, else the first of donnees/ (*.json) beside it by name; NULL
 * for none.  malloc'd. */
static char *
data_file(const struct server *s, const char *path)
{
	size_t n = strlen(path), count = 0, cap = 0, i;
	char *p, *dir, *slash, **names = NULL, *found = NULL;
	struct dirent *e;
	DIR *dh;

	if (s->no_data)
		return NULL;
	if (s->data != NULL)
		return strdup(s->data);
	/* An unsaved buffer (untitled:…) sits in no folder. */
	if (path[0] != '/')
		return NULL;
	if (n > 4 && strcmp(path + n - 4, ".lgc") == 0) {
		p = malloc(n + 2);
		if (p == NULL)
			abort();
		memcpy(p, path, n - 4);
		strcpy(p + n - 4, ".json");
		if (is_file(p))
			return p;
		free(p);
	}
	dir = malloc(n + 16);
	if (dir == NULL)
		abort();
	strcpy(dir, path);
	slash = strrchr(dir, '/');
	strcpy(slash != NULL ? slash + 1 : dir, "donnees");
	if ((dh = opendir(dir)) != NULL) {
		while ((e = readdir(dh)) != NULL) {
			size_t k = strlen(e->d_name);

			if (k > 5 && e->d_name[0] != '.' &&
			    strcmp(e->d_name + k - 5, ".json") == 0) {
				if (count == cap) {
					cap = cap ? cap * 2 : 8;
					names = realloc(names,
					    cap * sizeof(*names));
					if (names == NULL)
						abort();
				}
				names[count++] = strdup(e->d_name);
			}
		}
		closedir(dh);
	}
	if (count > 0) {
		qsort(names, count, sizeof(*names), compare_names);
		found = malloc(strlen(dir) + strlen(names[0]) + 2);
		if (found == NULL)
			abort();
		sprintf(found, "%s/%s", dir, names[0]);
	}
	for (i = 0; i < count; i++)
		free(names[i]);
	free(names);
	free(dir);
	return found;
}

/* Checks D as lgc check does, publishes its diagnostics and keeps its
 * outline. */
static void
analyse(struct server *s, struct document *d)
{
	struct gather g = { s, d, json_array() };
	lgc_compiler *c = lgc_new(stderr);
	char *outline = NULL, *data;
	size_t len = 0;
	json_t *params;

	lgc_set_diagnostic_handler(c, on_diagnostic, &g);
	s->add_search(c, s->search, s->nsearch);
	if (lgc_load_template_string(c, d->path, d->text, d->len) == LGC_OK &&
	    (data = data_file(s, d->path)) != NULL) {
		if (lgc_load_data_file(c, data) == LGC_OK)
			(void)lgc_check_data(c);
		free(data);
	}
	if (lgc_outline(c, &outline, &len) == LGC_OK && outline != NULL) {
		json_t *o = json_loadb(outline, len, 0, NULL);

		/* A half-typed document keeps the last outline that read
		 * something: completion goes on while typing. */
		if (o != NULL && (d->outline == NULL ||
		    json_array_size(json_object_get(o, "symboles")) > 0 ||
		    !json_is_true(json_object_get(o, "echec")))) {
			json_decref(d->outline);
			d->outline = o;
		} else
			json_decref(o);
	}
	free(outline);
	lgc_free(c);
	params = json_pack("{s:o, s:o}", "uri", json_string(d->uri),
	    "diagnostics", g.list);
	if (d->version != NULL && json_is_integer(d->version))
		json_object_set(params, "version", d->version);
	notify(s, "textDocument/publishDiagnostics", params);
}

static void
set_text(struct document *d, const char *text, size_t len)
{
	free(d->text);
	d->text = malloc(len + 1);
	if (d->text == NULL)
		abort();
	memcpy(d->text, text, len);
	d->text[len] = '\0';
	d->len = len;
	index_lines(d);
}

static void
did_open(struct server *s, json_t *params)
{
	json_t *td = json_object_get(params, "textDocument");
	const char *uri = json_string_value(json_object_get(td, "uri"));
	json_t *text = json_object_get(td, "text");
	struct document *d;

	if (uri == NULL || !json_is_string(text))
		return;
	if ((d = find_document(s, params)) == NULL) {
		struct document **v = realloc(s->docs, (s->ndocs + 1) *
		    sizeof(*v));

		if (v == NULL || (d = calloc(1, sizeof(*d))) == NULL)
			abort();
		s->docs = v;
		s->docs[s->ndocs++] = d;
		d->uri = strdup(uri);
		d->path = uri_to_path(uri);
	}
	json_decref(d->version);
	d->version = json_incref(json_object_get(td, "version"));
	set_text(d, json_string_value(text), json_string_length(text));
	analyse(s, d);
}

static void
did_change(struct server *s, json_t *params)
{
	struct document *d = find_document(s, params);
	json_t *changes = json_object_get(params, "contentChanges"), *ch;
	size_t i;

	if (d == NULL || !json_is_array(changes))
		return;
	json_array_foreach(changes, i, ch) {
		json_t *text = json_object_get(ch, "text");
		json_t *r = json_object_get(ch, "range");

		if (!json_is_string(text))
			continue;
		if (json_is_object(r)) {
			/* An incremental change, though full sync is
			 * asked for: applied all the same. */
			size_t a = offset_of(s, d, json_object_get(r, "start"));
			size_t b = offset_of(s, d, json_object_get(r, "end"));
			size_t tl = json_string_length(text), n;
			char *t;

			if (b < a)
				b = a;
			n = d->len - (b - a) + tl;
			t = malloc(n + 1);
			if (t == NULL)
				abort();
			memcpy(t, d->text, a);
			memcpy(t + a, json_string_value(text), tl);
			memcpy(t + a + tl, d->text + b, d->len - b);
			set_text(d, t, n);
			free(t);
		} else
			set_text(d, json_string_value(text),
			    json_string_length(text));
	}
	json_decref(d->version);
	d->version = json_incref(json_object_get(json_object_get(params,
	    "textDocument"), "version"));
	analyse(s, d);
}

static void
did_close(struct server *s, json_t *params)
{
	struct document *d = find_document(s, params);
	size_t i;

	if (d == NULL)
		return;
	notify(s, "textDocument/publishDiagnostics", json_pack("{s:s, s:[]}",
	    "uri", d->uri, "diagnostics"));
	for (i = 0; i < s->ndocs; i++)
		if (s->docs[i] == d) {
			memmove(&s->docs[i], &s->docs[i + 1],
			    (s->ndocs - i - 1) * sizeof(*s->docs));
			s->ndocs--;
			break;
		}
	free_document(d);
}

/* A file saved may be a clause or a data file of the other documents,
 * which lgc reads from the disk: they are checked again. */
static void
did_save(struct server *s, json_t *params)
{
	struct document *saved = find_document(s, params);
	size_t i;

	for (i = 0; i < s->ndocs; i++)
		if (s->docs[i] != saved)
			analyse(s, s->docs[i]);
}

/* The outline's places. */

static int
place_int(json_t *place, const char *key)
{
	return (int)json_integer_value(json_object_get(place, key));
}

static json_t *
place_range(const struct server *s, json_t *place)
{
	return range(s, document_of(s, json_string_value(json_object_get(
	    place, "fichier"))), place_int(place, "ligne"),
	    place_int(place, "colonne"), place_int(place, "fin_ligne"),
	    place_int(place, "fin_colonne"));
}

static json_t *
place_location(const struct server *s, json_t *place)
{
	const char *file = json_string_value(json_object_get(place,
	    "fichier"));

	return json_pack("{s:o, s:o}", "uri", path_to_uri(file != NULL ?
	    file : ""), "range", place_range(s, place));
}

/* Whether PLACE, in D, holds the position LINE:COL (the column just
 * after its end counts: the cursor after a word is on it); *SIZE is
 * how many characters it spans, to prefer the narrowest. */
static bool
place_holds(const struct document *d, json_t *place, int line, int col,
    long *size)
{
	const char *file = json_string_value(json_object_get(place,
	    "fichier"));
	int l = place_int(place, "ligne"), c = place_int(place, "colonne");
	int el = place_int(place, "fin_ligne"), ec = place_int(place,
	    "fin_colonne");

	if (file == NULL || strcmp(file, d->path) != 0 || l <= 0)
		return false;
	if (el < l || (el == l && ec < c))
		el = l, ec = c;
	if (line < l || line > el || (line == l && col < c) ||
	    (line == el && col > ec + 1))
		return false;
	*size = (long)(el - l) * 10000 + (ec - c);
	return true;
}

/* The symbol or function at POS: the narrowest declaration or use
 * there.  *SYMBOL is a symbol of the outline or NULL, *FUNCTION a
 * function's name or NULL. */
static bool
thing_at(const struct server *s, const struct document *d, json_t *pos,
    json_t **symbol, const char **function, json_t **where)
{
	json_t *syms, *uses, *v;
	size_t i, at;
	long best = -1, size;
	int line, col;

	*symbol = NULL;
	*function = NULL;
	*where = NULL;
	if (d->outline == NULL || !json_is_object(pos))
		return false;
	at = offset_of(s, d, pos);
	lgc_position(d, at, &line, &col);
	syms = json_object_get(d->outline, "symboles");
	uses = json_object_get(d->outline, "occurrences");
	json_array_foreach(syms, i, v) {
		if (place_holds(d, json_object_get(v, "lieu"), line, col,
		    &size) && (best < 0 || size < best)) {
			best = size;
			*symbol = v;
			*function = NULL;
			*where = json_object_get(v, "lieu");
		}
	}
	json_array_foreach(uses, i, v) {
		if (place_holds(d, json_object_get(v, "lieu"), line, col,
		    &size) && (best < 0 || size < best)) {
			json_t *id = json_object_get(v, "symbole");

			best = size;
			*symbol = id != NULL ? json_array_get(syms,
			    (size_t)json_integer_value(id)) : NULL;
			*function = json_string_value(json_object_get(v,
			    "fonction"));
			*where = json_object_get(v, "lieu");
		}
	}
	return *symbol != NULL || *function != NULL;
}

static void
add_line(json_t *parts, const char *label, json_t *value)
{
	const char *text = json_string_value(value);

	if (text != NULL && *text != '\0')
		json_array_append_new(parts, json_sprintf("%s : %s", label,
		    text));
}

static const char *
genre_word(const char *genre)
{
	static const struct {
		const char *genre, *word;
	} words[] = {
		{ "entree", "entrée" }, { "parametre", "paramètre" },
		{ "soit", "soit" }, { "boucle", "variable de boucle" },
		{ "type", "type" }, { "etiquette", "étiquette" },
		{ "clause", "clause" },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i].genre, genre) == 0)
			return words[i].word;
	return genre;
}

/* The Markdown of a hover on SYM. */
static char *
describe_symbol(json_t *sym)
{
	const char *genre = json_string_value(json_object_get(sym, "genre"));
	json_t *parts = json_array(), *v, *list;
	size_t i;
	char *text;

	json_array_append_new(parts, json_sprintf("**%s** `%s`",
	    genre_word(genre != NULL ? genre : ""),
	    json_string_value(json_object_get(sym, "nom"))));
	add_line(parts, "libellé", json_object_get(sym, "libelle"));
	add_line(parts, "article", json_object_get(sym, "titre"));
	add_line(parts, "type", json_object_get(sym, "type"));
	add_line(parts, "contrainte", json_object_get(sym, "contrainte"));
	add_line(parts, "valeur par défaut", json_object_get(sym, "defaut"));
	add_line(parts, "présente si", json_object_get(sym, "condition"));
	if (json_is_true(json_object_get(sym, "optionnel")))
		json_array_append_new(parts, json_string("optionnelle"));
	if ((list = json_object_get(sym, "valeurs")) != NULL) {
		json_t *words = json_array();

		json_array_foreach(list, i, v)
			json_array_append_new(words, json_sprintf("`%s`",
			    json_string_value(v)));
		{
			size_t k, n = 0;
			char *joined;

			json_array_foreach(words, k, v)
				n += json_string_length(v) + 2;
			joined = calloc(1, n + 1);
			if (joined == NULL)
				abort();
			json_array_foreach(words, k, v) {
				if (k > 0)
					strcat(joined, ", ");
				strcat(joined, json_string_value(v));
			}
			json_array_append_new(parts, json_sprintf(
			    "valeurs : %s", joined));
			free(joined);
		}
		json_decref(words);
	}
	if ((list = json_object_get(sym, "champs")) != NULL)
		json_array_foreach(list, i, v)
			json_array_append_new(parts, json_sprintf("- `%s` : %s",
			    json_string_value(json_object_get(v, "nom")),
			    json_string_value(json_object_get(v, "type")) ?
			    json_string_value(json_object_get(v, "type")) : ""));
	if ((list = json_object_get(sym, "parametres")) != NULL) {
		add_line(parts, "fichier", json_object_get(sym, "cible"));
		json_array_foreach(list, i, v) {
			const char *type = json_string_value(json_object_get(v,
			    "type"));
			const char *label = json_string_value(json_object_get(v,
			    "libelle"));
			const char *def = json_string_value(json_object_get(v,
			    "defaut"));

			json_array_append_new(parts, json_sprintf(
			    "- paramètre `%s` : %s%s%s%s%s%s",
			    json_string_value(json_object_get(v, "nom")),
			    type != NULL ? type : "?",
			    def != NULL ? " = " : "", def != NULL ? def : "",
			    label != NULL ? " — « " : "",
			    label != NULL ? label : "",
			    label != NULL ? " »" : ""));
		}
	}
	{
		size_t n = 0;

		json_array_foreach(parts, i, v)
			n += json_string_length(v) + 2;
		text = calloc(1, n + 1);
		if (text == NULL)
			abort();
		json_array_foreach(parts, i, v) {
			if (i > 0)
				strcat(text, "\n\n");
			strcat(text, json_string_value(v));
		}
	}
	json_decref(parts);
	return text;
}

static json_t *
function_named(const struct document *d, const char *name)
{
	json_t *v;
	size_t i;

	json_array_foreach(json_object_get(d->outline, "fonctions"), i, v)
		if (strcmp(json_string_value(json_object_get(v, "nom")),
		    name) == 0)
			return v;
	return NULL;
}

static char *
describe_function(const struct document *d, const char *name)
{
	json_t *f = function_named(d, name);
	const char *sig = json_string_value(json_object_get(f, "signature"));
	const char *doc = json_string_value(json_object_get(f, "doc"));
	json_t *text = json_sprintf("**fonction** `%s`%s%s\n\n%s", name,
	    sig != NULL ? " : " : "", sig != NULL ? sig : "",
	    doc != NULL ? doc : "");
	char *out = strdup(text != NULL ? json_string_value(text) : name);

	json_decref(text);
	if (out == NULL)
		abort();
	return out;
}

static json_t *
hover(struct server *s, json_t *params)
{
	struct document *d = find_document(s, params);
	json_t *sym, *where;
	const char *fn;
	char *text;
	json_t *result;

	if (d == NULL || !thing_at(s, d, json_object_get(params, "position"),
	    &sym, &fn, &where))
		return json_null();
	text = sym != NULL ? describe_symbol(sym) : describe_function(d, fn);
	result = json_pack("{s:{s:s, s:o}, s:o}", "contents", "kind",
	    "markdown", "value", french_string(text), "range",
	    place_range(s, where));
	free(text);
	return result;
}

static json_t *
definition(struct server *s, json_t *params)
{
	struct document *d = find_document(s, params);
	json_t *sym, *where;
	const char *fn, *target;

	if (d == NULL || !thing_at(s, d, json_object_get(params, "position"),
	    &sym, &fn, &where) || sym == NULL)
		return json_null();
	target = json_string_value(json_object_get(sym, "cible"));
	if (target != NULL)
		return json_pack("{s:o, s:o}", "uri", path_to_uri(target),
		    "range", range(s, document_of(s, target), 1, 1, 1, 0));
	return place_location(s, json_object_get(sym, "lieu"));
}

/* Every place of SYM: its declaration (when DECLARATION) and its
 * uses. */
static json_t *
places_of(const struct document *d, json_t *sym, bool declaration)
{
	json_t *out = json_array(), *v;
	json_int_t id = json_integer_value(json_object_get(sym, "id"));
	size_t i;

	if (declaration && json_object_get(sym, "cible") == NULL)
		json_array_append(out, json_object_get(sym, "lieu"));
	json_array_foreach(json_object_get(d->outline, "occurrences"), i, v) {
		json_t *ref = json_object_get(v, "symbole");

		if (ref != NULL && json_integer_value(ref) == id)
			json_array_append(out, json_object_get(v, "lieu"));
	}
	return out;
}

static json_t *
references(struct server *s, json_t *params)
{
	struct document *d = find_document(s, params);
	json_t *sym, *where, *places, *out, *v;
	const char *fn;
	size_t i;
	bool decl = json_is_true(json_object_get(json_object_get(params,
	    "context"), "includeDeclaration"));

	if (d == NULL || !thing_at(s, d, json_object_get(params, "position"),
	    &sym, &fn, &where) || sym == NULL)
		return json_null();
	places = places_of(d, sym, decl);
	out = json_array();
	json_array_foreach(places, i, v)
		json_array_append_new(out, place_location(s, v));
	json_decref(places);
	return out;
}

/* A name lgc reads as one: a letter or '_' (accented letters too),
 * then letters, digits and '_'. */
static bool
valid_name(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;

	if (name == NULL || *p == '\0' || (*p >= '0' && *p <= '9'))
		return false;
	for (; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p >= 0x80))
			return false;
	return true;
}

static json_t *
rename_symbol(struct server *s, json_t *params, json_t *id, bool *answered)
{
	struct document *d = find_document(s, params);
	json_t *sym, *where, *places, *changes, *v;
	const char *fn, *genre, *name = json_string_value(json_object_get(
	    params, "newName"));
	size_t i;

	*answered = false;
	if (d == NULL || !thing_at(s, d, json_object_get(params, "position"),
	    &sym, &fn, &where) || sym == NULL)
		return json_null();
	genre = json_string_value(json_object_get(sym, "genre"));
	if (genre == NULL || strcmp(genre, "clause") == 0) {
		reply_error(s, id, RPC_INVALID_PARAMS, "seuls une entrée, un "
		    "paramètre, un « soit », une variable de boucle, un type ou "
		    "une étiquette se renomment");
		*answered = true;
		return NULL;
	}
	if (!valid_name(name)) {
		reply_error(s, id, RPC_INVALID_PARAMS, "nouveau nom invalide : "
		    "une lettre ou « _ », puis des lettres, chiffres ou « _ »");
		*answered = true;
		return NULL;
	}
	places = places_of(d, sym, true);
	changes = json_object();
	json_array_foreach(places, i, v) {
		const char *file = json_string_value(json_object_get(v,
		    "fichier"));
		json_t *uri, *edits;

		if (file == NULL)
			continue;
		uri = path_to_uri(file);
		edits = json_object_get(changes, json_string_value(uri));
		if (edits == NULL) {
			edits = json_array();
			json_object_set_new(changes, json_string_value(uri),
			    edits);
		}
		json_array_append_new(edits, json_pack("{s:o, s:s}", "range",
		    place_range(s, v), "newText", name));
		json_decref(uri);
	}
	json_decref(places);
	return json_pack("{s:o}", "changes", changes);
}

/* The outline: headings as symbols, nested by level. */
static json_t *
document_symbols(struct server *s, json_t *params)
{
	struct document *d = find_document(s, params);
	json_t *out = json_array(), *stack[4] = { out, NULL, NULL, NULL };
	json_t *titles, *h;
	size_t i, n;

	if (d == NULL || d->outline == NULL)
		return out;
	titles = json_object_get(d->outline, "titres");
	n = json_array_size(titles);
	for (i = 0; i < n; i++) {
		json_t *place = json_object_get((h = json_array_get(titles, i)),
		    "lieu"), *sym;
		int level = (int)json_integer_value(json_object_get(h,
		    "niveau"));
		int line = place_int(place, "ligne"), end = (int)d->nlines;
		size_t k;
		const char *number = json_string_value(json_object_get(h,
		    "numero"));
		const char *text = json_string_value(json_object_get(h,
		    "texte"));
		const char *label = json_string_value(json_object_get(h,
		    "etiquette"));
		char *name;
		json_t *sel = place_range(s, place);

		if (level < 1 || level > 3)
			level = 1;
		/* The section runs to the next heading of its level or
		 * above. */
		for (k = i + 1; k < n; k++) {
			json_t *next = json_array_get(titles, k);

			if (json_integer_value(json_object_get(next, "niveau")) <=
			    level) {
				end = place_int(json_object_get(next, "lieu"),
				    "ligne") - 1;
				break;
			}
		}
		if (end < place_int(place, "fin_ligne"))
			end = place_int(place, "fin_ligne");
		if (end < line)
			end = line;
		name = malloc(strlen(text != NULL ? text : "") + 64);
		if (name == NULL)
			abort();
		if (text == NULL || *text == '\0')
			text = "(sans titre)";
		if (number != NULL)
			sprintf(name, "%s. %s", number, text);
		else
			sprintf(name, "%s", text);
		sym = json_pack("{s:s, s:i, s:o, s:o, s:[]}", "name", name,
		    "kind", level == 1 ? 2 : 3, "range", json_pack("{s:o, s:o}",
		    "start", position(s, d, line, 1), "end", position(s, d,
		    end, INT_MAX)), "selectionRange", sel, "children");
		free(name);
		if (sym == NULL)
			continue;
		if (label != NULL || json_is_true(json_object_get(h,
		    "conditionnel")))
			json_object_set_new(sym, "detail", json_sprintf("%s%s%s",
			    label != NULL ? "#" : "", label != NULL ? label : "",
			    json_is_true(json_object_get(h, "conditionnel")) ?
			    (label != NULL ? " (conditionnel)" : "conditionnel") :
			    ""));
		/* Under the nearest heading of a lower level. */
		for (k = (size_t)level - 1; k > 0 && stack[k] == NULL; k--)
			;
		json_array_append(k == 0 ? out : json_object_get(stack[k],
		    "children"), sym);
		stack[level] = sym;
		for (k = (size_t)level + 1; k < 4; k++)
			stack[k] = NULL;
		json_decref(sym);
	}
	return out;
}

static json_t *
folding_ranges(struct server *s, json_t *params)
{
	struct document *d = find_document(s, params);
	json_t *out = json_array(), *b;
	size_t i;

	(void)s;
	if (d == NULL || d->outline == NULL)
		return out;
	json_array_foreach(json_object_get(d->outline, "blocs"), i, b) {
		json_t *place = json_object_get(b, "lieu");
		int l = place_int(place, "ligne"), e = place_int(place,
		    "fin_ligne");

		if (l > 0 && e > l)
			json_array_append_new(out, json_pack("{s:i, s:i, s:s}",
			    "startLine", l - 1, "endLine", e - 1, "kind",
			    "region"));
	}
	return out;
}

/* Quick fixes: the suggestion of a misspelt name, and the number or
 * date written as lgc's message says (« écrivez « 12.5 » »). */
static json_t *
code_actions(struct server *s, json_t *params)
{
	struct document *d = find_document(s, params);
	json_t *out = json_array(), *dg;
	size_t i;

	if (d == NULL)
		return out;
	json_array_foreach(json_object_get(json_object_get(params, "context"),
	    "diagnostics"), i, dg) {
		const char *code = json_string_value(json_object_get(dg, "code"));
		const char *message = json_string_value(json_object_get(dg,
		    "message"));
		const char *sugg = json_string_value(json_object_get(
		    json_object_get(dg, "data"), "suggestion"));
		json_t *r = json_object_get(dg, "range"), *edit_range = NULL;
		char *fix = NULL;

		if (code == NULL || !json_is_object(r))
			continue;
		if (sugg != NULL) {
			fix = strdup(sugg);
			edit_range = json_incref(r);
		} else if (message != NULL && (strcmp(code, "nombre-virgule") ==
		    0 || strcmp(code, "nombre-espace") == 0 ||
		    strcmp(code, "date-format") == 0)) {
			const char *open = strstr(message, "écrivez «");
			const char *close;
			size_t a, b;

			if (open == NULL || (close = strstr(open, "»")) == NULL)
				continue;
			/* Inside « », spaces or no-break spaces. */
			open += strlen("écrivez «");
			while (*open == ' ' || strncmp(open, "\xc2\xa0", 2) == 0)
				open += *open == ' ' ? 1 : 2;
			while (close > open && (close[-1] == ' ' ||
			    (close - open >= 2 && strncmp(close - 2, "\xc2\xa0",
			    2) == 0)))
				close -= close[-1] == ' ' ? 1 : 2;
			if (close <= open)
				continue;
			fix = strndup(open, (size_t)(close - open));
			/* The whole number or date around the mark. */
			a = offset_of(s, d, json_object_get(r, "start"));
			b = a;
			while (a > 0 && (strchr("0123456789,./",
			    d->text[a - 1]) != NULL || (d->text[a - 1] == ' ' &&
			    a > 1 && d->text[a - 2] >= '0' &&
			    d->text[a - 2] <= '9')))
				a--;
			while (b < d->len && (strchr("0123456789,./",
			    d->text[b]) != NULL || (d->text[b] == ' ' &&
			    b + 1 < d->len && d->text[b + 1] >= '0' &&
			    d->text[b + 1] <= '9')))
				b++;
			{
				int l1, c1, l2, c2;

				lgc_position(d, a, &l1, &c1);
				lgc_position(d, b, &l2, &c2);
				edit_range = json_pack("{s:o, s:o}", "start",
				    position(s, d, l1, c1), "end",
				    position(s, d, l2, c2));
			}
		}
		if (fix == NULL || edit_range == NULL) {
			free(fix);
			json_decref(edit_range);
			continue;
		}
		json_array_append_new(out, json_pack("{s:o, s:s, s:[O], s:b, "
		    "s:{s:{s:[{s:o, s:s}]}}}", "title", json_sprintf(
		    "Remplacer par «\xc2\xa0%s\xc2\xa0»", fix), "kind", "quickfix",
		    "diagnostics", dg, "isPreferred", 1, "edit", "changes",
		    d->uri, "range", edit_range, "newText", fix));
		free(fix);
	}
	return out;
}

/* Completion. */

static bool
name_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

static void
item(json_t *items, const char *label, int kind, const char *detail,
    const char *doc)
{
	json_t *it;

	if (label == NULL || *label == '\0')
		return;
	it = json_pack("{s:s, s:i}", "label", label, "kind", kind);
	if (it == NULL)
		return;
	if (detail != NULL)
		json_object_set_new(it, "detail", json_string(detail));
	if (doc != NULL)
		json_object_set_new(it, "documentation", json_string(doc));
	json_array_append_new(items, it);
}

/* The symbol named NAME that the main file can read. */
static json_t *
symbol_named(const struct document *d, const char *name, size_t len)
{
	json_t *v;
	size_t i;

	json_array_foreach(json_object_get(d->outline, "symboles"), i, v) {
		const char *g = json_string_value(json_object_get(v, "genre"));
		const char *n = json_string_value(json_object_get(v, "nom"));

		if (g == NULL || n == NULL || strlen(n) != len ||
		    memcmp(n, name, len) != 0)
			continue;
		if (strcmp(g, "entree") == 0 || strcmp(g, "soit") == 0 ||
		    strcmp(g, "parametre") == 0 || strcmp(g, "boucle") == 0)
			return v;
	}
	return NULL;
}

/* The ids of the conditional names present at LINE:COL: those of the
 * innermost branch of the main file there (the check stage's presence
 * analysis, lgc_outline's "zones"), else those of the body's top. */
static json_t *
present_at(const struct document *d, int line, int col)
{
	json_t *best = json_object_get(d->outline, "presentes"), *z;
	int bl = 0, bc = 0;
	size_t i;

	json_array_foreach(json_object_get(d->outline, "zones"), i, z) {
		json_t *p = json_object_get(z, "lieu");
		int l = place_int(p, "ligne"), c = place_int(p, "colonne");
		int e = place_int(p, "fin_ligne");

		if ((l < line || (l == line && c <= col)) && e >= line &&
		    (l > bl || (l == bl && c >= bc))) {
			best = json_object_get(z, "presentes");
			bl = l;
			bc = c;
		}
	}
	return best;
}

static bool
listed(json_t *ids, json_t *id)
{
	json_t *v;
	size_t i;

	json_array_foreach(ids, i, v)
		if (json_integer_value(v) == json_integer_value(id))
			return true;
	return false;
}

/* The names the main file reads at LINE:COL: its inputs, soit,
 * parameters and the loop variables declared above, a conditional
 * input or soit only where the presence analysis proves it present. */
static void
complete_names(const struct document *d, json_t *items, int line, int col,
    bool in_header)
{
	json_t *v, *present = present_at(d, line, col);
	size_t i;

	json_array_foreach(json_object_get(d->outline, "symboles"), i, v) {
		const char *g = json_string_value(json_object_get(v, "genre"));
		json_t *place = json_object_get(v, "lieu");
		const char *file = json_string_value(json_object_get(place,
		    "fichier"));
		bool mine = file != NULL && strcmp(file, d->path) == 0;
		int kind;

		if (g == NULL)
			continue;
		if (!in_header && json_object_get(v, "condition") != NULL &&
		    !listed(present, json_object_get(v, "id")))
			continue;
		if (strcmp(g, "entree") == 0)
			kind = 6;
		else if ((strcmp(g, "soit") == 0 ||
		    strcmp(g, "parametre") == 0) && mine)
			kind = 6;
		else if (strcmp(g, "boucle") == 0 && mine &&
		    place_int(place, "ligne") <= line)
			kind = 6;
		else
			continue;
		item(items, json_string_value(json_object_get(v, "nom")), kind,
		    json_string_value(json_object_get(v, "type")),
		    json_string_value(json_object_get(v, "libelle")));
	}
}

static void
complete_words(json_t *items, const char *const *words, int kind)
{
	for (; *words != NULL; words++)
		item(items, *words, kind, NULL, NULL);
}

/* The .lgc files of the template's folder and of the clause folders,
 * without their extension. */
static bool
has_label(json_t *items, const char *label)
{
	json_t *v;
	size_t i;

	json_array_foreach(items, i, v)
		if (strcmp(json_string_value(json_object_get(v, "label")),
		    label) == 0)
			return true;
	return false;
}

static void
complete_clauses(const struct document *d, json_t *items)
{
	json_t *dirs = json_array(), *v;
	char *dir = strdup(d->path), *slash;
	const char *own = strrchr(d->path, '/') != NULL ?
	    strrchr(d->path, '/') + 1 : d->path;
	size_t i;

	if (dir == NULL)
		abort();
	slash = strrchr(dir, '/');
	if (slash != NULL) {
		*slash = '\0';
		json_array_append_new(dirs, json_string(dir));
	} else
		json_array_append_new(dirs, json_string("."));
	free(dir);
	json_array_foreach(json_object_get(d->outline, "dossiers"), i, v)
		json_array_append(dirs, v);
	json_array_foreach(dirs, i, v) {
		const char *dname = json_string_value(v);
		DIR *dh = dname != NULL ? opendir(dname) : NULL;
		struct dirent *e;

		if (dh == NULL)
			continue;
		while ((e = readdir(dh)) != NULL) {
			size_t k = strlen(e->d_name);
			char *name;

			if (k <= 4 || e->d_name[0] == '.' ||
			    strcmp(e->d_name + k - 4, ".lgc") != 0)
				continue;
			name = strndup(e->d_name, k - 4);
			/* The first folder holding a name is the one lgc
			 * takes; the template does not include itself. */
			if (name != NULL && !has_label(items, name) &&
			    strcmp(e->d_name, own) != 0)
				item(items, name, 17, dname, NULL);
			free(name);
		}
		closedir(dh);
	}
	json_decref(dirs);
}

/* The chain "a.b.c" ending at END in TEXT (from START): its symbol's
 * description, followed field by field. */
static json_t *
chain_type(const struct document *d, const char *text, size_t start,
    size_t end)
{
	size_t a = end, b;
	json_t *t;

	while (a > start && (name_byte((unsigned char)text[a - 1]) ||
	    text[a - 1] == '.'))
		a--;
	b = a;
	while (b < end && text[b] != '.')
		b++;
	if ((t = symbol_named(d, text + a, b - a)) == NULL)
		return NULL;
	while (b < end && t != NULL) {
		size_t c = ++b;
		json_t *f, *found = NULL;
		size_t i;

		while (b < end && text[b] != '.')
			b++;
		json_array_foreach(json_object_get(t, "champs"), i, f) {
			const char *n = json_string_value(json_object_get(f,
			    "nom"));

			if (n != NULL && strlen(n) == b - c &&
			    memcmp(n, text + c, b - c) == 0)
				found = f;
		}
		t = found;
	}
	return t;
}

static json_t *
completion(struct server *s, json_t *params)
{
	static const char *const tags[] = { "si", "sinon", "sinon si", "fin",
	    "selon", "cas", "autre", "pour chaque", "inclure", "ref",
	    "numero", "signatures", "-", NULL };
	static const char *const header[] = { "modele", "titre", "langue",
	    "entree", "parametre", "soit", "exiger", "recommander", "importer",
	    "type", "genre", "lieu", "date", "mention", NULL };
	static const char *const types[] = { "texte", "entier", "decimal",
	    "montant", "pourcentage", "date", "duree", "booleen", "partie",
	    "choix", "liste", NULL };
	static const char *const operators[] = { "et", "ou", "non", "existe",
	    "vrai", "faux", "dans", NULL };
	struct document *d = find_document(s, params);
	json_t *items = json_array(), *v, *t;
	size_t at, ls, i, end, k;
	int line, col;
	const char *text;
	bool in_header = false, in_tag = false;
	size_t tag = 0;

	if (d == NULL || d->outline == NULL)
		return json_pack("{s:b, s:o}", "isIncomplete", 0, "items",
		    items);
	at = offset_of(s, d, json_object_get(params, "position"));
	lgc_position(d, at, &line, &col);
	text = d->text;
	ls = d->lines[line - 1];
	/* The header ends at the first line "---". */
	in_header = true;
	for (k = 0; k + 1 < (size_t)line && k < d->nlines; k++) {
		size_t b = d->lines[k], e = k + 1 < d->nlines ?
		    d->lines[k + 1] - 1 : d->len;

		while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\r'))
			e--;
		if (e - b == 3 && memcmp(text + b, "---", 3) == 0) {
			in_header = false;
			break;
		}
	}
	for (i = ls; i < at; i++) {
		if (text[i] == '{') {
			in_tag = true;
			tag = i + 1;
		} else if (text[i] == '}')
			in_tag = false;
	}
	/* The word being typed, and what comes before it. */
	end = at;
	while (end > ls && name_byte((unsigned char)text[end - 1]))
		end--;
	if (in_tag || in_header) {
		size_t from = in_tag ? tag : ls, b = end;
		const char *inc;
		char *head = strndup(text + from, at - from);

		if (head == NULL)
			abort();
		while (b > from && text[b - 1] == ' ')
			b--;
		inc = strstr(head, "inclure \"");
		if (in_tag && inc != NULL && strchr(inc + 9, '"') == NULL)
			complete_clauses(d, items);
		else if (in_tag && (strncmp(head, "ref ", 4) == 0 ||
		    strncmp(head, "numero ", 7) == 0 ||
		    strncmp(head, "numéro ", 8) == 0)) {
			/* {ref x}: the labels, with their article. */
			json_array_foreach(json_object_get(d->outline,
			    "symboles"), i, v)
				if (strcmp(json_string_value(json_object_get(v,
				    "genre")), "etiquette") == 0)
					item(items, json_string_value(
					    json_object_get(v, "nom")), 18,
					    json_string_value(json_object_get(v,
					    "titre")), NULL);
		}
		else if (b > from && text[b - 1] == '.' && b == end) {
			t = chain_type(d, text, from, b - 1);
			json_array_foreach(json_object_get(t, "champs"), i, v)
				item(items, json_string_value(json_object_get(v,
				    "nom")), 5, json_string_value(
				    json_object_get(v, "type")),
				    json_string_value(json_object_get(v,
				    "libelle")));
		} else if (b > from && text[b - 1] == '|') {
			json_array_foreach(json_object_get(d->outline,
			    "fonctions"), i, v)
				item(items, json_string_value(json_object_get(v,
				    "nom")), 3, json_string_value(
				    json_object_get(v, "signature")),
				    json_string_value(json_object_get(v,
				    "doc")));
		} else if (b > from && text[b - 1] == '=' &&
		    !(in_header && b - 1 > from && text[b - 2] != '!' &&
		    text[b - 2] != '<' && text[b - 2] != '>' &&
		    memchr(text + from, ':', b - from) != NULL &&
		    strstr(head, " si ") == NULL)) {
			size_t e = b - 1;

			while (e > from && strchr("!<> ", text[e - 1]) != NULL)
				e--;
			t = chain_type(d, text, from, e);
			if (t != NULL && json_is_string(json_object_get(t,
			    "type")) && strcmp(json_string_value(
			    json_object_get(t, "type")), "booleen") == 0) {
				item(items, "vrai", 20, "booleen", NULL);
				item(items, "faux", 20, "booleen", NULL);
			} else if (t != NULL &&
			    json_object_get(t, "valeurs") != NULL)
				json_array_foreach(json_object_get(t, "valeurs"),
				    i, v)
					item(items, json_string_value(v), 20,
					    json_string_value(json_object_get(t,
					    "type")), NULL);
			else
				complete_names(d, items, line, col, in_header);
		} else if (in_header && (b == from || (b > from &&
		    text[b - 1] == '\n'))) {
			complete_words(items, header, 14);
		} else if (in_header && b > from && text[b - 1] == ':') {
			complete_words(items, types, 25);
			json_array_foreach(json_object_get(d->outline,
			    "symboles"), i, v)
				if (strcmp(json_string_value(json_object_get(v,
				    "genre")), "type") == 0)
					item(items, json_string_value(
					    json_object_get(v, "nom")), 22,
					    NULL, NULL);
		} else if (in_tag && b == from) {
			complete_words(items, tags, 14);
			complete_names(d, items, line, col, in_header);
		} else {
			complete_names(d, items, line, col, in_header);
			complete_words(items, operators, 14);
		}
		free(head);
	}
	return json_pack("{s:b, s:o}", "isIncomplete", 0, "items", items);
}

static json_t *
capabilities(struct server *s, json_t *params)
{
	json_t *encodings = json_object_get(json_object_get(json_object_get(
	    params, "capabilities"), "general"), "positionEncodings"), *v;
	json_t *opts = json_object_get(params, "initializationOptions");
	json_t *data = json_object_get(opts, "donnees");
	size_t i;

	s->utf8 = false;
	json_array_foreach(encodings, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), "utf-8") ==
		    0)
			s->utf8 = true;
	if (json_is_false(data))
		s->no_data = true;
	else if (json_is_string(data)) {
		free(s->data);
		s->data = strdup(json_string_value(data));
	}
	return json_pack("{s:{s:s, s:{s:b, s:i, s:b}, s:b, s:{s:[s,s,s,s,s,s]}, "
	    "s:b, s:b, s:b, s:b, s:b, s:{s:[s]}}, s:{s:s, s:s}}",
	    "capabilities",
	    "positionEncoding", s->utf8 ? "utf-8" : "utf-16",
	    "textDocumentSync", "openClose", 1, "change", 1, "save", 1,
	    "hoverProvider", 1,
	    "completionProvider", "triggerCharacters", "{", ".", "|", "\"",
	    "=", ":",
	    "definitionProvider", 1,
	    "referencesProvider", 1,
	    "renameProvider", 1,
	    "documentSymbolProvider", 1,
	    "foldingRangeProvider", 1,
	    "codeActionProvider", "codeActionKinds", "quickfix",
	    "serverInfo", "name", "lgc", "version", lgc_version());
}

/* One message; false once the editor said exit. */
static bool
handle(struct server *s, json_t *msg, int *status)
{
	const char *method = json_string_value(json_object_get(msg, "method"));
	json_t *id = json_object_get(msg, "id");
	json_t *params = json_object_get(msg, "params");
	json_t *result = NULL;
	bool answered = false;

	if (!json_is_object(msg) || method == NULL) {
		/* A response to nothing we asked, or garbage. */
		if (id != NULL && json_object_get(msg, "result") == NULL &&
		    json_object_get(msg, "error") == NULL)
			reply_error(s, id, RPC_INVALID_REQUEST,
			    "requête invalide : « method » manque");
		return true;
	}
	if (strcmp(method, "exit") == 0) {
		*status = s->shutdown ? 0 : 1;
		return false;
	}
	if (s->shutdown) {
		if (id != NULL)
			reply_error(s, id, RPC_INVALID_REQUEST, "le serveur "
			    "s'arrête : seul « exit » est attendu");
		return true;
	}
	if (!s->initialized && strcmp(method, "initialize") != 0) {
		if (id != NULL)
			reply_error(s, id, RPC_NOT_INITIALIZED,
			    "le serveur attend « initialize »");
		return true;
	}
	if (strcmp(method, "initialize") == 0) {
		s->initialized = true;
		result = capabilities(s, params);
	} else if (strcmp(method, "initialized") == 0)
		return true;
	else if (strcmp(method, "shutdown") == 0) {
		s->shutdown = true;
		result = json_null();
	} else if (strcmp(method, "textDocument/didOpen") == 0)
		did_open(s, params);
	else if (strcmp(method, "textDocument/didChange") == 0)
		did_change(s, params);
	else if (strcmp(method, "textDocument/didClose") == 0)
		did_close(s, params);
	else if (strcmp(method, "textDocument/didSave") == 0)
		did_save(s, params);
	else if (strcmp(method, "textDocument/hover") == 0)
		result = hover(s, params);
	else if (strcmp(method, "textDocument/definition") == 0)
		result = definition(s, params);
	else if (strcmp(method, "textDocument/references") == 0)
		result = references(s, params);
	else if (strcmp(method, "textDocument/rename") == 0) {
		result = rename_symbol(s, params, id, &answered);
		if (answered)
			return true;
	} else if (strcmp(method, "textDocument/documentSymbol") == 0)
		result = document_symbols(s, params);
	else if (strcmp(method, "textDocument/foldingRange") == 0)
		result = folding_ranges(s, params);
	else if (strcmp(method, "textDocument/codeAction") == 0)
		result = code_actions(s, params);
	else if (strcmp(method, "textDocument/completion") == 0)
		result = completion(s, params);
	else if (id != NULL) {
		reply_error(s, id, RPC_METHOD_NOT_FOUND, "méthode inconnue");
		return true;
	}
	if (id != NULL)
		reply(s, id, result);
	else
		json_decref(result);
	return true;
}

static void
help(FILE *out)
{
	fputs(
"usage : lgc lsp [-I DOSSIER]…\n"
"\n"
"Serveur du protocole LSP 3.17 pour les modèles .lgc, sur l'entrée et la\n"
"sortie standard : un éditeur le démarre et lui parle en JSON-RPC. Il\n"
"vérifie chaque document ouvert à chaque modification (les diagnostics\n"
"de lgc check, avec les données NOM.json à côté de NOM.lgc, sinon le\n"
"premier donnees/*.json du dossier du modèle), et répond au survol, à la\n"
"complétion, à la définition, aux références, au renommage, au plan des\n"
"articles, aux blocs repliables et aux corrections rapides (docs/lsp.md).\n"
"\n"
"  -I DOSSIER             dossier de clauses (répétable ; aussi LGC_PATH)\n",
	    out);
}

int
lsp_main(int argc, char **argv, FILE *in, FILE *out, lsp_search_fn search)
{
	struct server s;
	int status = 1, i;
	char *body;
	size_t len;

	memset(&s, 0, sizeof(s));
	s.in = in;
	s.out = out;
	s.add_search = search;
	s.search = calloc((size_t)argc + 1, sizeof(*s.search));
	if (s.search == NULL)
		abort();
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "--aide") == 0) {
			help(stdout);
			free(s.search);
			return fflush(stdout) == 0 ? 0 : 2;
		} else if (strcmp(argv[i], "-I") == 0 && i + 1 < argc)
			s.search[s.nsearch++] = argv[++i];
		else if (strncmp(argv[i], "-I", 2) == 0 && argv[i][2] != '\0')
			s.search[s.nsearch++] = argv[i] + 2;
		else if (strcmp(argv[i], "--stdio") == 0 ||
		    strncmp(argv[i], "--clientProcessId=", 18) == 0)
			continue;	/* what VS Code's client may add */
		else if (strcmp(argv[i], "--clientProcessId") == 0 &&
		    i + 1 < argc)
			i++;
		else {
			char *m = french("lgc lsp : argument inconnu « ");

			fprintf(stderr, "%s%s", m, argv[i]);
			free(m);
			m = french(" » ; « lgc lsp --help » décrit les options\n");
			fputs(m, stderr);
			free(m);
			free(s.search);
			return 2;
		}
	}
	for (;;) {
		json_t *msg;
		json_error_t err;
		bool more = read_message(&s, &body, &len);

		if (body == NULL && !more)
			break;
		msg = body != NULL ? json_loadb(body, len, 0, &err) : NULL;
		free(body);
		if (msg == NULL)
			reply_error(&s, NULL, RPC_PARSE_ERROR, "message JSON "
			    "illisible");
		else {
			bool go_on = handle(&s, msg, &status);

			json_decref(msg);
			if (!go_on)
				break;
		}
		if (!more)
			break;
	}
	for (i = 0; (size_t)i < s.ndocs; i++)
		free_document(s.docs[i]);
	free(s.docs);
	free(s.search);
	free(s.data);
	return status;
}
