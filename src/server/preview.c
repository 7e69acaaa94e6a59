/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The live preview.  A thread reads inotify's events for every folder
 * served and counts the changes; each page holds an event stream
 * (Server-Sent Events) whose connection sleeps, suspended in
 * libmicrohttpd, until a change or a heartbeat wakes it, so that an open
 * page costs no thread.  The page reloads itself at each change, and
 * renders again, the catalog having checked the template anew. */
#include "server/preview.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/util.h"

/* A heartbeat keeps proxies from closing a quiet stream and finds the
 * pages that were closed (a suspended connection sees nothing). */
#define HEARTBEAT_SECONDS	15
#define WATCH_MAX_DEPTH		16
/* A folder holding more data files than this is not a template's. */
#define DATA_MAX_FILES		200

struct stream {
	struct preview	*p;
	struct MHD_Connection *con;
	unsigned long	 changes;	/* the count it told its page */
	unsigned long	 beats;
	bool		 opened;
	bool		 suspended;
	struct stream	*next;
};

struct preview {
	pthread_mutex_t	 lock;
	pthread_t	 thread;
	bool		 running;
	int		 fd;		/* inotify */
	int		 wake[2];	/* a pipe: stop the thread */
	char		**dirs;
	size_t		 ndirs;
	unsigned long	 changes;
	unsigned long	 beats;
	bool		 stopping;
	struct stream	*streams;
};

/* ---- Watching ---- */

static void
watch_tree(struct preview *p, const char *dir, int depth)
{
	DIR *d;
	struct dirent *e;

	if (depth > WATCH_MAX_DEPTH)
		return;
	(void)inotify_add_watch(p->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO |
	    IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB | IN_ONLYDIR);
	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *path;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		path = srv_printf("%s/%s", dir, e->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			watch_tree(p, path, depth + 1);
		free(path);
	}
	closedir(d);
}

/* Wakes every suspended stream (under the lock). */
static void
wake_streams(struct preview *p)
{
	struct stream *s;

	for (s = p->streams; s != NULL; s = s->next)
		if (s->suspended) {
			s->suspended = false;
			MHD_resume_connection(s->con);
		}
}

static void *
watch(void *arg)
{
	struct preview *p = arg;
	char events[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	struct pollfd fds[2];
	int n;

	fds[0].fd = p->fd;
	fds[0].events = POLLIN;
	fds[1].fd = p->wake[0];
	fds[1].events = POLLIN;
	for (;;) {
		n = poll(fds, 2, HEARTBEAT_SECONDS * 1000);
		if (n < 0 && errno != EINTR)
			break;
		if (fds[1].revents != 0)
			break;
		pthread_mutex_lock(&p->lock);
		if (n > 0 && (fds[0].revents & POLLIN)) {
			ssize_t len = read(p->fd, events, sizeof(events));
			char *at;

			for (at = events; len > 0 && at < events + len;
			    at += sizeof(struct inotify_event) +
			    ((struct inotify_event *)(void *)at)->len) {
				const struct inotify_event *ev = (void *)at;

				/* A new folder is watched too. */
				if ((ev->mask & IN_ISDIR) && (ev->mask &
				    (IN_CREATE | IN_MOVED_TO)) && ev->len > 0)
					p->changes++;
			}
			p->changes++;
		} else if (n == 0)
			p->beats++;
		wake_streams(p);
		pthread_mutex_unlock(&p->lock);
	}
	return NULL;
}

struct preview *
preview_new(const char *const *dirs, size_t ndirs)
{
	struct preview *p = srv_alloc(sizeof(*p));
	size_t i;

	pthread_mutex_init(&p->lock, NULL);
	p->dirs = srv_alloc((ndirs + 1) * sizeof(*p->dirs));
	for (i = 0; i < ndirs; i++)
		p->dirs[i] = srv_strdup(dirs[i]);
	p->ndirs = ndirs;
	p->fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (p->fd < 0 || pipe(p->wake) != 0) {
		/* No inotify: the pages still work, without reloading. */
		if (p->fd >= 0)
			close(p->fd);
		p->fd = -1;
		return p;
	}
	for (i = 0; i < ndirs; i++)
		watch_tree(p, dirs[i], 0);
	p->running = pthread_create(&p->thread, NULL, watch, p) == 0;
	return p;
}

void
preview_stop(struct preview *p)
{
	pthread_mutex_lock(&p->lock);
	p->stopping = true;
	wake_streams(p);
	pthread_mutex_unlock(&p->lock);
	if (p->running) {
		if (write(p->wake[1], "x", 1) < 0)
			pthread_cancel(p->thread);
		pthread_join(p->thread, NULL);
		p->running = false;
	}
}

void
preview_free(struct preview *p)
{
	size_t i;

	if (p == NULL)
		return;
	preview_stop(p);
	if (p->fd >= 0) {
		close(p->fd);
		close(p->wake[0]);
		close(p->wake[1]);
	}
	for (i = 0; i < p->ndirs; i++)
		free(p->dirs[i]);
	free(p->dirs);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

/* ---- The event stream ---- */

static ssize_t
read_events(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *s = cls;
	struct preview *p = s->p;
	int n = 0;

	(void)pos;
	pthread_mutex_lock(&p->lock);
	if (!s->opened) {
		s->opened = true;
		n = snprintf(buf, max, "retry: 1000\n: apercu\n\n");
	} else if (p->stopping)
		n = -1;
	else if (s->changes != p->changes) {
		s->changes = p->changes;
		s->beats = p->beats;
		n = snprintf(buf, max, "event: change\ndata: %lu\n\n",
		    s->changes);
	} else if (s->beats != p->beats) {
		s->beats = p->beats;
		n = snprintf(buf, max, ": battement\n\n");
	} else {
		s->suspended = true;
		MHD_suspend_connection(s->con);
	}
	pthread_mutex_unlock(&p->lock);
	if (n < 0)
		return MHD_CONTENT_READER_END_OF_STREAM;
	return n;
}

static void
free_stream(void *cls)
{
	struct stream *s = cls, **at;
	struct preview *p = s->p;

	pthread_mutex_lock(&p->lock);
	for (at = &p->streams; *at != NULL; at = &(*at)->next)
		if (*at == s) {
			*at = s->next;
			break;
		}
	pthread_mutex_unlock(&p->lock);
	free(s);
}

struct MHD_Response *
preview_events(struct preview *p, struct MHD_Connection *con)
{
	struct stream *s = srv_alloc(sizeof(*s));
	struct MHD_Response *r;

	s->p = p;
	s->con = con;
	pthread_mutex_lock(&p->lock);
	s->changes = p->changes;
	s->beats = p->beats;
	s->next = p->streams;
	p->streams = s;
	pthread_mutex_unlock(&p->lock);
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024,
	    read_events, s, free_stream);
	if (r == NULL) {
		free_stream(s);
		return NULL;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
	    "text/event-stream; charset=utf-8");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	return r;
}

/* ---- The page ---- */

static void
html_escape(struct sbuf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': sbuf_puts(b, "&amp;"); break;
		case '<': sbuf_puts(b, "&lt;"); break;
		case '>': sbuf_puts(b, "&gt;"); break;
		case '"': sbuf_puts(b, "&quot;"); break;
		case '\'': sbuf_puts(b, "&#39;"); break;
		default: sbuf_add(b, s, 1); break;
		}
}

/* A path for a URL: everything but unreserved characters and '/'
 * percent-encoded. */
static void
url_escape(struct sbuf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~/", ch) != NULL)
			sbuf_add(b, s, 1);
		else
			sbuf_printf(b, "%%%02X", ch);
	}
}

static int
by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The data files beside T's file: SUB/NAME.json for SUB "" and
 * "donnees", by name relative to the template's folder. */
static char **
data_files(const struct template *t, size_t *n)
{
	static const char *const subs[] = { "", "donnees" };
	char *dir = srv_strdup(t->path), *slash = strrchr(dir, '/');
	char **names = srv_alloc((DATA_MAX_FILES + 1) * sizeof(*names));
	size_t i;

	*n = 0;
	if (slash != NULL)
		*slash = '\0';
	else
		strcpy(dir, ".");
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		char *path = srv_printf("%s%s%s", dir, *subs[i] ? "/" : "",
		    subs[i]);
		DIR *d = opendir(path);
		struct dirent *e;

		while (d != NULL && (e = readdir(d)) != NULL &&
		    *n < DATA_MAX_FILES) {
			size_t len = strlen(e->d_name);

			if (e->d_name[0] != '.' && len > 5 &&
			    strcmp(e->d_name + len - 5, ".json") == 0)
				names[(*n)++] = srv_printf("%s%s%s", subs[i],
				    *subs[i] ? "/" : "", e->d_name);
		}
		if (d != NULL)
			closedir(d);
		free(path);
	}
	free(dir);
	qsort(names, *n, sizeof(*names), by_string);
	return names;
}

static void
free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The data file the query names among those found (never a path of the
 * client's), the first one when it names none, NULL for the draft mode
 * or an unknown name; by its name beside the template, malloc'd. */
static char *
chosen_name(const struct template *t, const struct preview_query *q)
{
	size_t n, i;
	char **names = data_files(t, &n), *name = NULL;

	for (i = 0; i < n; i++)
		if (q->data == NULL || strcmp(q->data, names[i]) == 0) {
			name = srv_strdup(names[i]);
			break;
		}
	free_names(names, n);
	return name;
}

/* The path of data file NAME beside T. */
static char *
data_path(const struct template *t, const char *name)
{
	const char *slash = strrchr(t->path, '/');

	if (slash == NULL)
		return srv_strdup(name);
	return srv_printf("%.*s/%s", (int)(slash - t->path), t->path, name);
}

/* Renders T as Q asks; the document, or NULL with the diagnostics (text
 * with excerpts) in DIAGS. */
static char *
render(const struct template *t, const struct preview_query *q,
    size_t *len, struct sbuf *diags)
{
	lgc_compiler *k;
	char *name, *data, *out = NULL;
	int status = LGC_OK;

	if (t->failed) {
		sbuf_puts(diags, t->diagnostics_text != NULL ?
		    t->diagnostics_text : "le modèle a des erreurs\n");
		return NULL;
	}
	k = lgc_clone(t->master, NULL);
	lgc_set_diagnostic_format(k, "texte");
	lgc_set_diagnostic_handler(k, collect_diagnostic_text, diags);
	name = chosen_name(t, q);
	data = name != NULL ? data_path(t, name) : NULL;
	free(name);
	if (data == NULL)
		lgc_set_option(k, "brouillon", "1");
	else
		status = lgc_load_data_file(k, data);
	if (status == LGC_OK)
		status = lgc_render(k, q->format, &out, len);
	free(data);
	lgc_free(k);
	if (status != LGC_OK) {
		free(out);
		return NULL;
	}
	return out;
}

char *
preview_document(const struct template *t, const struct preview_query *q,
    size_t *len)
{
	struct sbuf diags = { NULL, 0, 0 };
	char *out = render(t, q, len, &diags);

	free(diags.data);
	return out;
}

static const char page_style[] =
"body{margin:0;font:15px/1.4 system-ui,sans-serif;display:flex;"
"flex-direction:column;height:100vh}"
"header{display:flex;gap:1em;align-items:center;flex-wrap:wrap;"
"padding:.5em 1em;background:#f3f3f3;border-bottom:1px solid #ccc}"
"h1{font-size:1em;margin:0}"
"iframe{flex:1;border:0;width:100%}"
"#diagnostics{margin:1em;padding:1em;border:2px solid #b00;"
"background:#fff6f6}"
"#diagnostics pre{white-space:pre-wrap;font:13px/1.35 monospace}";

char *
preview_page(const struct template *t, const struct preview_query *q,
    size_t *len)
{
	struct sbuf page = { NULL, 0, 0 }, diags = { NULL, 0, 0 }, base = {
	    NULL, 0, 0 }, query = { NULL, 0, 0 };
	size_t n, i, doc_len = 0;
	char **names = data_files(t, &n), *doc, *chosen = chosen_name(t, q);
	bool pdf = strcmp(q->format, "pdf") == 0, ok;
	const char *title = t->title != NULL ? t->title : t->name;

	/* The HTML is rendered to know whether it fails; the frame then
	 * asks for it (or for the PDF) again. */
	doc = render(t, q, &doc_len, &diags);
	ok = doc != NULL;
	free(doc);
	sbuf_puts(&base, "/apercu/");
	url_escape(&base, t->name);
	sbuf_puts(&query, "?donnees=");
	if (chosen != NULL)
		url_escape(&query, chosen);
	sbuf_printf(&query, "&format=%s", pdf ? "pdf" : "html");
	sbuf_puts(&page, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>Aperçu — ");
	html_escape(&page, title);
	sbuf_printf(&page, "</title>\n<style>%s</style>\n</head>\n<body>\n"
	    "<header>\n<h1>Aperçu : ", page_style);
	html_escape(&page, title);
	sbuf_puts(&page, "</h1>\n<form method=\"get\" id=\"choix\">\n"
	    "<label for=\"donnees\">Données</label>\n"
	    "<select id=\"donnees\" name=\"donnees\">\n");
	for (i = 0; i < n; i++) {
		bool selected = chosen != NULL && strcmp(chosen, names[i]) == 0;

		sbuf_puts(&page, "<option value=\"");
		html_escape(&page, names[i]);
		sbuf_printf(&page, "\"%s>", selected ? " selected" : "");
		html_escape(&page, names[i]);
		sbuf_puts(&page, "</option>\n");
	}
	sbuf_printf(&page, "<option value=\"\"%s>brouillon (sans données)"
	    "</option>\n</select>\n"
	    "<label><input type=\"checkbox\" id=\"pdf\" name=\"format\" "
	    "value=\"pdf\"%s> PDF</label>\n"
	    "<noscript><button>Afficher</button></noscript>\n</form>\n"
	    "<span id=\"etat\" role=\"status\"></span>\n</header>\n",
	    chosen == NULL ? " selected" : "", pdf ? " checked" : "");
	if (!ok) {
		sbuf_puts(&page, "<section id=\"diagnostics\" role=\"alert\">\n"
		    "<h2>Le contrat ne peut pas être rendu</h2>\n<pre>");
		html_escape(&page, diags.data != NULL ? diags.data : "");
		sbuf_puts(&page, "</pre>\n</section>\n");
	} else {
		sbuf_puts(&page, "<iframe id=\"document\" title=\"Le contrat\" "
		    "src=\"");
		html_escape(&page, base.data);
		sbuf_puts(&page, "/document");
		html_escape(&page, query.data);
		sbuf_puts(&page, "\"></iframe>\n");
	}
	sbuf_puts(&page, "<script>\n"
	    "(function () {\n"
	    "  var form = document.getElementById('choix');\n"
	    "  form.addEventListener('change', function () {\n"
	    "    form.submit();\n"
	    "  });\n"
	    "  var events = new EventSource('");
	/* In a script: a JSON-like string of only safe characters. */
	sbuf_puts(&page, base.data);
	sbuf_puts(&page, "/evenements');\n"
	    "  events.addEventListener('change', function () {\n"
	    "    document.getElementById('etat').textContent = "
	    "'Rechargement…';\n"
	    "    location.reload();\n"
	    "  });\n"
	    "})();\n"
	    "</script>\n</body>\n</html>\n");
	free_names(names, n);
	free(chosen);
	free(diags.data);
	free(base.data);
	free(query.data);
	*len = page.len;
	return page.data;
}
