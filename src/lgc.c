/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The public API (include/lgc.h): one compilation of one template. */
#include "lgc.h"
#include "api.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "base/diag.h"
#include "base/source.h"
#include "base/suggest.h"
#include "base/util.h"
#include "check/check.h"
#include "data/data.h"
#include "doc/build.h"
#include "eval/eval.h"
#include "eval/expr.h"
#include "format/format.h"
#include "lint/lint.h"
#include "schema/schema.h"
#include "form/form.h"
#include "api/compare.h"
#include "api/outline.h"
#include "api/provenance.h"

/* A file an option names (a LaTeX preamble) larger than this is surely
 * not the file meant. */
#define OPTION_FILE_MAX	(1024 * 1024)

/* Each call reports the status of what it did itself, so that a batch
 * can tell one record's failure from the next one's success. */
struct mark {
	int	errors;
	int	fatals;
};

/* A file read, by device and inode: an output must not be one, under
 * whatever name (a hard or symbolic link, another path). */
struct file_id {
	dev_t	 dev;
	ino_t	 ino;
	char	*path;		/* as the caller gave it */
};

/* An option of the formats, as lgc_set_option took it. */
struct setting {
	char	*name;
	bool	 on;		/* a flag's value */
	char	*text;		/* a string or a path; NULL for a flag */
};

/* A loaded, checked template, shared read-only by the compilers that
 * lgc_clone made from the one that loaded it: nothing after checking
 * writes into a program (eval, data, doc, the formats and the schema
 * take it const), and its files' text lives here, not in the
 * diagnostics of one compiler, for their excerpts.  The last compiler
 * freed frees it. */
struct shared {
	atomic_size_t	 refs;
	struct program	*prog;
	struct ptrvec	 sources;	/* struct source *, owned */
};

struct opened;

/* A contract's output past this is not a hint for the next. */
#define OUTPUT_HINT_MAX	(4u * 1024 * 1024)
#define STREAM_HINT_MAX	((size_t)1 << 16)

struct lgc_compiler {
	struct diags	*ds;
	FILE		*stream;	/* diagnostics, without a handler */
	lgc_diagnostic_handler handler;
	void		*handler_arg;
	struct ptrvec	 search;	/* char *, owned */
	struct ptrvec	 roots;		/* char *, owned, resolved */
	struct ptrvec	 root_names;	/* char *, owned, as given */
	struct shared	*shared;
	struct program	*prog;		/* shared->prog, or NULL */
	struct data	*data;
	const struct format_table *formats;
	char		*generator;
	long long	 created;	/* the "date-creation" option, or -1 */
	struct setting	*settings;
	size_t		 nsettings;
	bool		 draft;
	bool		 draft_all;	/* brouillon=tout */
	bool		 straight_quotes;
	bool		 provenance;	/* lgc_set_provenance */
	/* lgc_keep_backends: the state of a reusable backend kept after a
	 * successful rendering, for the next one with the same options. */
	bool		 keep_backends;
	struct opened	*kept;		/* or NULL */
	/* With keep_backends too: the paragraphs typeset, for the next
	 * documents (doc/build.h); NULL otherwise. */
	struct build_memo *memo;
	/* The length of the last contract rendered (at most
	 * OUTPUT_HINT_MAX): the next one's buffer is reserved at that
	 * size, not grown by doubling and copying, a batch's contracts
	 * being much alike. */
	size_t		 output_hint;
	/* The same for the evaluated stream, in tokens (at most
	 * STREAM_HINT_MAX). */
	size_t		 stream_hint;
	char		*provenance_json;	/* of the last lgc_render, or
						 * NULL */
	bool		 data_failed;	/* the current data was refused */
	size_t		 source_mark;	/* sources before the current data */
	bool		 lint_selected;	/* some lint-… codes enabled by name */
	enum schema_draft schema_draft;	/* the "norme" option */
	struct eval_limits limits;	/* the "limite-…" options */
	/* lgc variantes: told each branch taken (variantes/witnesses.c). */
	eval_trace_fn	 trace;
	void		*trace_arg;
	struct file_id	*data_ids;	/* the data files read since the last */
	size_t		 ndata_ids;	/* lgc_reset_data */
	/* --format-diagnostics sarif without a handler: the results kept
	 * for the one log written to the stream at the end, and whether a
	 * log is owed (an empty one says that nothing was found). */
	struct ptrvec	 sarif;		/* char *, owned: the results */
	struct ptrvec	 sarif_notes;	/* char *, owned: notifications */
	bool		 sarif_owed;
};

static void	drop_kept(lgc_compiler *c);

static void
place_of(lgc_place *p, const char *file, int line, int col, int end_line,
    int end_col)
{
	p->file = file;
	p->line = line;
	p->column = col;
	p->end_line = end_line;
	p->end_column = end_col;
}

/* The one sink of the compiler's diagnostics: the caller's handler, or
 * its stream. */
static void
deliver(const struct diag_out *o, void *arg)
{
	lgc_compiler *c = arg;
	lgc_diagnostic d;
	lgc_note *notes;
	size_t i;

	if (c->handler == NULL) {
		if (diags_format(c->ds) == DIAG_SARIF) {
			ptrvec_push(o->file != NULL ? &c->sarif :
			    &c->sarif_notes, xstrdup(o->printed));
			c->sarif_owed = true;
		} else
			diag_sink_stream(o, c->stream);
		return;
	}
	notes = xcalloc(o->nnotes + 1, sizeof(*notes));
	for (i = 0; i < o->nnotes; i++) {
		place_of(&notes[i].place, o->notes[i].file, o->notes[i].line,
		    o->notes[i].col, o->notes[i].end_line, o->notes[i].end_col);
		notes[i].text = o->notes[i].text;
	}
	memset(&d, 0, sizeof(d));
	switch (o->severity) {
	case SEV_NOTE:
		d.severity = LGC_SEVERITY_NOTE;
		break;
	case SEV_WARNING:
		d.severity = LGC_SEVERITY_WARNING;
		break;
	case SEV_ERROR:
		d.severity = LGC_SEVERITY_ERROR;
		break;
	case SEV_FATAL:
		d.severity = LGC_SEVERITY_FATAL;
		break;
	}
	d.code = o->code;
	place_of(&d.place, o->file, o->line, o->col, o->end_line, o->end_col);
	d.message = o->message;
	d.suggestion = o->suggestion;
	d.notes = notes;
	d.nnotes = o->nnotes;
	d.printed = o->printed;
	d.printed_len = o->printed_len;
	d.json_path = o->json_path;
	c->handler(&d, c->handler_arg);
	free(notes);
}

static void
forget_data_files(lgc_compiler *c)
{
	size_t i;

	for (i = 0; i < c->ndata_ids; i++)
		free(c->data_ids[i].path);
	free(c->data_ids);
	c->data_ids = NULL;
	c->ndata_ids = 0;
}

lgc_compiler *
lgc_new(FILE *diagnostics)
{
	lgc_compiler *c = xcalloc(1, sizeof(*c));

	c->stream = diagnostics != NULL ? diagnostics : stderr;
	c->ds = diags_new(deliver, c);
	c->formats = &format_builtin;
	c->generator = xasprintf("lgc %s", LGC_VERSION_STRING);
	c->created = -1;
	c->limits.value = LIMIT_VALUE_DEFAULT;
	c->limits.text = LIMIT_TEXT_DEFAULT;
	c->limits.nodes = LIMIT_NODES_DEFAULT;
	return c;
}

static void
release_shared(struct shared *sh)
{
	size_t i;

	if (sh == NULL || atomic_fetch_sub_explicit(&sh->refs, 1,
	    memory_order_acq_rel) != 1)
		return;
	program_free(sh->prog);
	for (i = 0; i < sh->sources.len; i++)
		source_free(sh->sources.items[i]);
	ptrvec_free(&sh->sources);
	free(sh);
}

static void
copy_strings(struct ptrvec *to, const struct ptrvec *from)
{
	size_t i;

	for (i = 0; i < from->len; i++)
		ptrvec_push(to, xstrdup(from->items[i]));
}

lgc_compiler *
lgc_clone(const lgc_compiler *c, FILE *diagnostics)
{
	lgc_compiler *k = lgc_new(diagnostics);
	size_t i;

	diags_copy_settings(k->ds, c->ds);
	copy_strings(&k->search, &c->search);
	copy_strings(&k->roots, &c->roots);
	copy_strings(&k->root_names, &c->root_names);
	k->formats = c->formats;
	free(k->generator);
	k->generator = xstrdup(c->generator);
	k->created = c->created;
	k->settings = xcalloc(c->nsettings + 1, sizeof(*k->settings));
	for (i = 0; i < c->nsettings; i++) {
		k->settings[i].name = xstrdup(c->settings[i].name);
		k->settings[i].on = c->settings[i].on;
		k->settings[i].text = c->settings[i].text != NULL ?
		    xstrdup(c->settings[i].text) : NULL;
	}
	k->nsettings = c->nsettings;
	k->draft = c->draft;
	k->draft_all = c->draft_all;
	k->straight_quotes = c->straight_quotes;
	k->provenance = c->provenance;
	k->lint_selected = c->lint_selected;
	k->schema_draft = c->schema_draft;
	k->limits = c->limits;
	if (c->shared != NULL) {
		atomic_fetch_add_explicit(&c->shared->refs, 1,
		    memory_order_relaxed);
		k->shared = c->shared;
		k->prog = c->shared->prog;
		k->data = data_new(k->prog, k->ds);
		k->source_mark = diags_source_mark(k->ds);
	}
	return k;
}

void
lgc_free(lgc_compiler *c)
{
	size_t i;

	if (c == NULL)
		return;
	drop_kept(c);
	build_memo_free(c->memo);
	data_free(c->data);
	diags_flush(c->ds);
	lgc_finish_diagnostics(c);
	ptrvec_free(&c->sarif);
	ptrvec_free(&c->sarif_notes);
	release_shared(c->shared);
	diags_free(c->ds);
	for (i = 0; i < c->search.len; i++)
		free(c->search.items[i]);
	ptrvec_free(&c->search);
	for (i = 0; i < c->roots.len; i++)
		free(c->roots.items[i]);
	ptrvec_free(&c->roots);
	for (i = 0; i < c->root_names.len; i++)
		free(c->root_names.items[i]);
	ptrvec_free(&c->root_names);
	free(c->generator);
	free(c->provenance_json);
	for (i = 0; i < c->nsettings; i++) {
		free(c->settings[i].name);
		free(c->settings[i].text);
	}
	free(c->settings);
	forget_data_files(c);
	free(c);
}

void
lgc_set_formats(lgc_compiler *c, const struct format_table *formats)
{
	c->formats = formats;
}

void
lgc_set_diagnostic_handler(lgc_compiler *c, lgc_diagnostic_handler fn,
    void *arg)
{
	diags_flush(c->ds);
	c->handler = fn;
	c->handler_arg = arg;
}

/* A usage error of the caller's, reported at once. */
static int
usage(lgc_compiler *c, const char *fmt, ...) LGC_PRINTF(2, 3);

static int
usage(lgc_compiler *c, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag(c->ds, F_USAGE, NULL, buf_cstr(&b));
	buf_free(&b);
	diags_flush(c->ds);
	return LGC_FATAL;
}

static int
report(lgc_compiler *c, const char *code, const char *file, const char *fmt,
    va_list ap)
{
	enum diag_code dc;
	struct buf b;
	int status = LGC_OK;

	if (!diag_code_by_name(code, &dc))
		return usage(c, "lgc_report : code de diagnostic « %s » "
		    "inconnu (voir docs/diagnostics.md)", code);
	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	diag_file(diag_message(c->ds, dc, NULL, buf_cstr(&b)), file);
	buf_free(&b);
	diags_flush(c->ds);
	switch (diag_code_severity(dc)) {
	case SEV_NOTE:
	case SEV_WARNING:
		break;
	case SEV_ERROR:
		status = LGC_ERRORS;
		break;
	case SEV_FATAL:
		status = LGC_FATAL;
		break;
	}
	return status;
}

int
lgc_report(lgc_compiler *c, const char *code, const char *fmt, ...)
{
	va_list ap;
	int status;

	va_start(ap, fmt);
	status = report(c, code, NULL, fmt, ap);
	va_end(ap);
	return status;
}

int
lgc_report_file(lgc_compiler *c, const char *code, const char *file,
    const char *fmt, ...)
{
	va_list ap;
	int status;

	va_start(ap, fmt);
	status = report(c, code, file, fmt, ap);
	va_end(ap);
	return status;
}

void
lgc_set_record(lgc_compiler *c, const char *file, int line)
{
	diags_flush(c->ds);
	diags_set_record(c->ds, file, line);
}

/* An on/off option's value: 1, oui, vrai (or none) and 0, non, faux. */
static int
flag_value(lgc_compiler *c, const char *name, const char *value, bool *out)
{
	if (value == NULL || strcmp(value, "1") == 0 ||
	    strcmp(value, "oui") == 0 || strcmp(value, "vrai") == 0) {
		*out = true;
		return LGC_OK;
	}
	if (strcmp(value, "0") == 0 || strcmp(value, "non") == 0 ||
	    strcmp(value, "faux") == 0) {
		*out = false;
		return LGC_OK;
	}
	return usage(c, "option « %s » : « %s » n'est ni oui ni non (1, oui, "
	    "vrai ; 0, non, faux)", name, value);
}

/* Seconds since 1970-01-01 UTC up to the end of year 9999, as
 * SOURCE_DATE_EPOCH gives them (reproducible-builds.org, whose rule
 * is that a malformed value is an error rather than ignored). */
static int
date_value(lgc_compiler *c, const char *value, long long *out)
{
	char *end = NULL;
	long long secs = -1;

	errno = 0;
	if (value != NULL)
		secs = strtoll(value, &end, 10);
	if (value == NULL || *value == '\0' || errno != 0 || *end != '\0' ||
	    secs < 0 || secs > 253402300799LL)	/* 9999-12-31T23:59:59Z */
		return usage(c, "date de création « %s » : un nombre de secondes "
		    "depuis le 1er janvier 1970 est attendu (comme "
		    "SOURCE_DATE_EPOCH), jusqu'à la fin de l'an 9999",
		    value != NULL ? value : "");
	*out = secs;
	return LGC_OK;
}

/* The options "limite-valeur", "limite-texte", "limite-noeuds": a
 * whole number, with K, M or G for 1024, 1024² or 1024³ (written as
 * bytes are, « 64M », « 64 Mo », « 64Mio », or a count, « 5M »). */
static int
limit_value(lgc_compiler *c, const char *name, const char *value)
{
	static const char *const units = "KMG";
	const char *u;
	char *end = NULL;
	unsigned long long n = 0;
	size_t *slot = NULL;
	int shift = 0;

	if (strcmp(name, "limite-valeur") == 0)
		slot = &c->limits.value;
	else if (strcmp(name, "limite-texte") == 0)
		slot = &c->limits.text;
	else if (strcmp(name, "limite-noeuds") == 0 ||
	    strcmp(name, "limite-nœuds") == 0)
		slot = &c->limits.nodes;
	else
		return usage(c, "limite « %s » inconnue : valeur, texte ou "
		    "noeuds", name + strlen("limite-"));
	errno = 0;
	if (value != NULL && *value >= '0' && *value <= '9')
		n = strtoull(value, &end, 10);
	if (end != NULL && *end == ' ')
		end++;
	if (end != NULL && *end != '\0' &&
	    (u = strchr(units, toupper((unsigned char)*end))) != NULL) {
		shift = 10 * (int)(u - units + 1);
		end++;
		if (*end == 'i')
			end++;
		if (*end == 'o' || *end == 'B')
			end++;
	} else if (end != NULL && (strcmp(end, "o") == 0 ||
	    strcmp(end, "octets") == 0))
		end += strlen(end);
	if (end == NULL || *end != '\0' || errno != 0 || n == 0 ||
	    n > (SIZE_MAX >> 2) >> shift)
		return usage(c, "limite « %s » : « %s » n'est pas un nombre "
		    "entier positif, suivi ou non de K, M ou G (« 64M »)",
		    name + strlen("limite-"), value != NULL ? value : "");
	*slot = (size_t)n << shift;
	return LGC_OK;
}

static struct setting *
setting(const lgc_compiler *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nsettings; i++)
		if (strcmp(c->settings[i].name, name) == 0)
			return &c->settings[i];
	return NULL;
}

static void
store_setting(lgc_compiler *c, const char *name, bool on, const char *text)
{
	struct setting *s = setting(c, name);

	if (s == NULL) {
		c->settings = xgrow(c->settings, c->nsettings,
		    sizeof(*c->settings));
		s = &c->settings[c->nsettings++];
		s->name = xstrdup(name);
	} else
		free(s->text);
	s->on = on;
	s->text = text != NULL ? xstrdup(text) : NULL;
}

/* The library's own options, then those the formats declare. */
int
lgc_set_option(lgc_compiler *c, const char *name, const char *value)
{
	const struct backend_option *o;
	bool on = true;

	if (strcmp(name, "brouillon") == 0) {
		c->draft_all = value != NULL && strcmp(value, "tout") == 0;
		if (c->draft_all) {
			c->draft = true;
			return LGC_OK;
		}
		return flag_value(c, name, value, &c->draft);
	}
	if (strcmp(name, "guillemets") == 0) {
		if (value != NULL && strcmp(value, "droits") == 0)
			c->straight_quotes = true;
		else if (value != NULL && (strcmp(value, "francais") == 0 ||
		    strcmp(value, "français") == 0))
			c->straight_quotes = false;
		else
			return usage(c, "option « guillemets » : « %s » n'est ni "
			    "droits ni français", value != NULL ? value : "");
		return LGC_OK;
	}
	if (strcmp(name, "date-creation") == 0)
		return date_value(c, value, &c->created);
	if (strcmp(name, "couleur") == 0) {
		bool color = false;

		if (flag_value(c, name, value, &color) != LGC_OK)
			return LGC_FATAL;
		diags_set_color(c->ds, color);
		return LGC_OK;
	}
	if (strcmp(name, "norme") == 0) {
		if (value != NULL && strcmp(value, "2020-12") == 0)
			c->schema_draft = SCHEMA_2020_12;
		else if (value != NULL && (strcmp(value, "07") == 0 ||
		    strcmp(value, "draft-07") == 0))
			c->schema_draft = SCHEMA_07;
		else
			return usage(c, "option « norme » : « %s » n'est ni "
			    "2020-12 ni 07", value != NULL ? value : "");
		return LGC_OK;
	}
	if (strncmp(name, "limite-", strlen("limite-")) == 0)
		return limit_value(c, name, value);
	if ((o = format_option(c->formats, name)) == NULL) {
		char *names = format_names(c->formats);

		usage(c, "option « %s » inconnue : ni brouillon, guillemets, "
		    "date-creation, couleur, norme, limite-valeur, limite-texte, "
		    "limite-noeuds, ni une option des formats (%s)", name,
		    names);
		free(names);
		return LGC_FATAL;
	}
	switch (o->kind) {
	case OPTION_FLAG:
		if (flag_value(c, name, value, &on) != LGC_OK)
			return LGC_FATAL;
		store_setting(c, name, on, NULL);
		break;
	case OPTION_TEXT:
	case OPTION_FILE:
		if (value == NULL)
			return usage(c, "option « %s » : une valeur est attendue",
			    name);
		store_setting(c, name, true, value);
		break;
	}
	return LGC_OK;
}

const char *
lgc_version(void)
{
	return LGC_VERSION_STRING;
}

const char *
lgc_strerror(int errnum)
{
	return fr_strerror(errnum);
}

/* The formats, from the compiler's table. */

static const struct backend *
row(const lgc_compiler *c, size_t i)
{
	return i < c->formats->len ? c->formats->rows[i] : NULL;
}

const char *
lgc_format_name(const lgc_compiler *c, size_t i)
{
	return row(c, i) != NULL ? row(c, i)->name : NULL;
}

const char *
lgc_format_extension(const lgc_compiler *c, size_t i)
{
	return row(c, i) != NULL ? row(c, i)->extensions[0] : NULL;
}

const char *
lgc_format_description(const lgc_compiler *c, size_t i)
{
	return row(c, i) != NULL ? row(c, i)->description : NULL;
}

const char *
lgc_format_for_path(const lgc_compiler *c, const char *path)
{
	const struct backend *be = format_by_path(c->formats, path);

	return be != NULL ? be->name : NULL;
}

const char *
lgc_format_option(const lgc_compiler *c, size_t i, size_t j,
    const char **value_word, const char **help)
{
	const struct backend_option *o;
	size_t k;

	if (row(c, i) == NULL || (o = row(c, i)->options) == NULL)
		return NULL;
	for (k = 0; k < j && o->name != NULL; k++)
		o++;
	if (o->name == NULL)
		return NULL;
	if (value_word != NULL)
		*value_word = o->arg;
	if (help != NULL)
		*help = o->help;
	return o->name;
}

void
lgc_add_search_path(lgc_compiler *c, const char *dir)
{
	ptrvec_push(&c->search, xstrdup(dir));
}

int
lgc_add_root(lgc_compiler *c, const char *dir)
{
	char resolved[PATH_MAX];
	struct stat st;

	/* Resolved now, as the files will be: a root named through a
	 * symbolic link or with ".." still contains its own files. */
	if (realpath(dir, resolved) == NULL || stat(resolved, &st) != 0)
		return usage(c, "--racine %s : %s", dir,
		    lgc_strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return usage(c, "--racine %s : ce n'est pas un dossier", dir);
	ptrvec_push(&c->roots, xstrdup(resolved));
	ptrvec_push(&c->root_names, xstrdup(dir));
	return LGC_OK;
}

void
lgc_set_werror(lgc_compiler *c, int werror)
{
	diags_set_werror(c->ds, werror != 0);
}

int
lgc_set_diagnostic_format(lgc_compiler *c, const char *format)
{
	/* What was reported in the former format is delivered in it. */
	diags_flush(c->ds);
	if (strcmp(format, "json") == 0)
		diags_set_format(c->ds, DIAG_JSON);
	else if (strcmp(format, "texte") == 0 || strcmp(format, "text") == 0)
		diags_set_format(c->ds, DIAG_TEXT);
	else if (strcmp(format, "gcc") == 0)
		diags_set_format(c->ds, DIAG_GCC);
	else if (strcmp(format, "sarif") == 0) {
		diags_set_format(c->ds, DIAG_SARIF);
		c->sarif_owed = true;
	} else
		return usage(c, "format de diagnostics « %s » inconnu : texte, "
		    "json, gcc ou sarif", format);
	return LGC_OK;
}

static void
drop_sarif(lgc_compiler *c)
{
	ptrvec_clear(&c->sarif);
	ptrvec_clear(&c->sarif_notes);
	c->sarif_owed = false;
}

void
lgc_finish_diagnostics(lgc_compiler *c)
{
	struct diag_sarif_items items;
	struct buf b;

	diags_flush(c->ds);
	/* With a handler, the caller had every diagnostic: a log only for
	 * what was kept before it was set. */
	if (!c->sarif_owed || (c->handler != NULL && c->sarif.len == 0 &&
	    c->sarif_notes.len == 0))
		return;
	items.results = (const char *const *)c->sarif.items;
	items.nresults = c->sarif.len;
	items.notifications = (const char *const *)c->sarif_notes.items;
	items.nnotifications = c->sarif_notes.len;
	items.successful = diags_count(c->ds, SEV_FATAL) == 0;
	buf_init(&b);
	diag_sarif_log(&b, LGC_VERSION_STRING, &items);
	fwrite(b.data, 1, b.len, c->stream);
	fflush(c->stream);
	buf_free(&b);
	drop_sarif(c);
}

void
lgc_drop_diagnostics(lgc_compiler *c)
{
	diags_flush(c->ds);
	drop_sarif(c);
}

int
lgc_add_sarif_result(lgc_compiler *c, const char *result, size_t len)
{
	json_t *j;
	bool object, notification;

	/* One line, as printed: its final line break is not part of it. */
	if (len > 0 && result[len - 1] == '\n')
		len--;
	j = json_loadb(result, len, 0, NULL);
	object = json_is_object(j);
	/* A notification names its rule in associatedRule, a result in
	 * ruleId (print_sarif). */
	notification = object && json_object_get(j, "ruleId") == NULL;
	json_decref(j);
	if (!object || memchr(result, '\n', len) != NULL)
		return usage(c, "lgc_add_sarif_result : ce n'est pas un "
		    "résultat SARIF sur une ligne");
	ptrvec_push(notification ? &c->sarif_notes : &c->sarif,
	    xstrndup(result, len));
	c->sarif_owed = true;
	return LGC_OK;
}

int
lgc_status(const lgc_compiler *c)
{
	return diags_exit_status(c->ds);
}


static struct mark
begin(const lgc_compiler *c)
{
	struct mark m;

	m.errors = diags_count(c->ds, SEV_ERROR);
	m.fatals = diags_count(c->ds, SEV_FATAL);
	return m;
}

static bool
failed_since(const lgc_compiler *c, struct mark m)
{
	return diags_count(c->ds, SEV_ERROR) > m.errors ||
	    diags_count(c->ds, SEV_FATAL) > m.fatals;
}

static int
finish(lgc_compiler *c, struct mark m)
{
	diags_flush(c->ds);
	if (diags_count(c->ds, SEV_FATAL) > m.fatals)
		return LGC_FATAL;
	if (diags_count(c->ds, SEV_ERROR) > m.errors)
		return LGC_ERRORS;
	return LGC_OK;
}

/* The template at PATH, or TEXT named PATH. */
static int
load_template(lgc_compiler *c, const char *path, const char *text,
    size_t len)
{
	struct mark m = begin(c);
	struct stat st;
	size_t before;

	if (c->prog != NULL)
		return usage(c, "un modèle est déjà chargé : un compilateur "
		    "compile un seul modèle (lgc_new en crée un autre)");
	/* The installed clause library comes last, after the caller's. */
	if (stat(LGC_STDLIB_DIR, &st) == 0 && S_ISDIR(st.st_mode)) {
		lgc_add_search_path(c, LGC_STDLIB_DIR);
		/* lgc's own clauses stay open to a confined template. */
		if (c->roots.len > 0)
			(void)lgc_add_root(c, LGC_STDLIB_DIR);
	}
	before = diags_source_mark(c->ds);
	c->prog = check_program(path, text, len,
	    (const char *const *)c->search.items, c->search.len,
	    (const char *const *)c->roots.items,
	    (const char *const *)c->root_names.items, c->roots.len, c->ds);
	/* Only checking reads these: the program outlives this compiler's
	 * diagnostics and paths once shared (lgc_clone). */
	c->prog->ds = NULL;
	c->prog->search = NULL;
	c->prog->nsearch = 0;
	c->prog->roots = NULL;
	c->prog->root_names = NULL;
	c->prog->nroots = 0;
	c->shared = xcalloc(1, sizeof(*c->shared));
	atomic_init(&c->shared->refs, 1);
	c->shared->prog = c->prog;
	diags_take_sources(c->ds, before, &c->shared->sources);
	c->data = data_new(c->prog, c->ds);
	c->source_mark = diags_source_mark(c->ds);
	return finish(c, m);
}

int
lgc_load_template(lgc_compiler *c, const char *path)
{
	return load_template(c, path, NULL, 0);
}

int
lgc_load_template_string(lgc_compiler *c, const char *name,
    const char *text, size_t len)
{
	if (name == NULL || text == NULL)
		return usage(c, "lgc_load_template_string : un nom et un texte "
		    "sont attendus");
	return load_template(c, name, text, len);
}

/* A refused piece of data refuses the whole of it, until the next
 * lgc_reset_data: no contract is made from part of a client's data. */
static int
data_finish(lgc_compiler *c, struct mark m)
{
	int status = finish(c, m);

	if (status != LGC_OK)
		c->data_failed = true;
	return status;
}

static bool
ready(lgc_compiler *c)
{
	if (c->prog != NULL && c->data != NULL)
		return true;
	diag(c->ds, F_USAGE, NULL, "aucun modèle chargé");
	return false;
}

int
lgc_load_data_file(lgc_compiler *c, const char *path)
{
	struct mark m = begin(c);
	struct stat st;

	if (ready(c)) {
		if (stat(path, &st) == 0) {
			c->data_ids = xreallocarray(c->data_ids, c->ndata_ids + 1,
			    sizeof(*c->data_ids));
			c->data_ids[c->ndata_ids].dev = st.st_dev;
			c->data_ids[c->ndata_ids].ino = st.st_ino;
			c->data_ids[c->ndata_ids++].path = xstrdup(path);
		}
		data_load_file(c->data, path);
	}
	return data_finish(c, m);
}

int
lgc_load_data_string(lgc_compiler *c, const char *name, const char *json,
    size_t len)
{
	struct mark m = begin(c);

	if (ready(c))
		data_load_text(c->data, name, json, len);
	return data_finish(c, m);
}

int
lgc_define(lgc_compiler *c, const char *assignment)
{
	struct mark m = begin(c);

	if (ready(c))
		data_define(c->data, assignment);
	return data_finish(c, m);
}

int
lgc_enable_warnings(lgc_compiler *c, const char *prefix)
{
	size_t n = strlen(prefix);
	int code;
	bool found = false;

	for (code = 0; code < DIAG__COUNT; code++) {
		const char *name = diag_code_name(code);

		if (diag_code_severity(code) != SEV_WARNING ||
		    strncmp(name, prefix, n) != 0)
			continue;
		found = true;
		if (strncmp(name, "lint-", 5) == 0)
			c->lint_selected = true;
	}
	if (!found)
		return usage(c, "avertissement inconnu « %s » : aucun code "
		    "d'avertissement ne commence ainsi (par exemple « lint » ou "
		    "« lint-et-ou », voir docs/diagnostics.md)", prefix);
	diags_enable(c->ds, prefix);
	return LGC_OK;
}

int
lgc_lint(lgc_compiler *c, const char *subjects)
{
	struct mark m = begin(c);

	if (!ready(c))
		return finish(c, m);
	if (!c->lint_selected)
		diags_enable(c->ds, "lint");
	lint_program(c->prog, c->ds, subjects);
	return finish(c, m);
}

/* The template or the data failed, as an earlier call reported: there
 * is nothing to evaluate. */
static bool
refused(const lgc_compiler *c)
{
	return c->prog->failed || c->data_failed;
}

/* A stage that fails says why; one that did not is a bug of lgc, told
 * as such rather than passing for a success without output. */
static void
check_reported(lgc_compiler *c, struct mark m, const char *stage)
{
	if (!failed_since(c, m))
		diag(c->ds, F_INTERNAL, NULL, stage);
}

/* Resolves the inputs, evaluates the template and builds the document
 * into D (zeroed by the caller).  False after reporting errors. */
static bool
evaluate(lgc_compiler *c, struct doc *d, const struct backend *be,
    void *state, struct prov *prov)
{
	struct mark m = begin(c);
	struct eval *ev = eval_new(c->prog, c->data, c->ds);
	struct stream s;
	struct eval_letter letter;
	char *title;
	bool ok = false;

	eval_set_provenance(ev, prov);
	eval_set_draft(ev, c->draft);
	eval_set_draft_all(ev, c->draft_all);
	eval_set_straight_quotes(ev, c->straight_quotes);
	eval_set_stream_hint(ev, c->stream_hint);
	eval_set_limits(ev, &c->limits);
	if (be != NULL && be->printable != NULL)
		eval_set_text_check(ev, be->printable, state);
	if (c->trace != NULL)
		eval_set_trace(ev, c->trace, c->trace_arg);
	if (eval_inputs(ev) && !failed_since(c, m)) {
		if (eval_document(ev, &s)) {
			c->stream_hint = s.len <= STREAM_HINT_MAX ? s.len : 0;
			build_document(&s, d, c->memo);
			ok = build_check_refs(&s, d, c->ds);
			ok = eval_title(ev, &title, &d->model) && ok;
			d->title = typeset_line(title, c->straight_quotes);
			ok = eval_letter(ev, &letter) && ok;
			build_letter(d, letter.letter, letter.has_place ?
			    &letter.place : NULL, letter.has_date ?
			    &letter.date : NULL, letter.mention,
			    c->straight_quotes);
			eval_letter_free(&letter);
		}
		stream_free(&s);
	}
	eval_free(ev);
	return ok;
}

int
lgc_check_data(lgc_compiler *c)
{
	struct mark m = begin(c);
	struct doc d;

	if (!ready(c))
		return finish(c, m);
	if (refused(c)) {
		diags_flush(c->ds);
		return LGC_ERRORS;
	}
	/* The rules (exiger) and every value are checked by evaluating
	 * the document, which is then dropped. */
	memset(&d, 0, sizeof(d));
	if (!evaluate(c, &d, NULL, NULL, NULL))
		check_reported(c, m, "l'évaluation");
	doc_free(&d);
	return finish(c, m);
}

/* The value of option O for a rendering into *V, its text malloc'd: a
 * file's content is read now, at each rendering, as the backend is
 * about to use it.  False when O is not set or its file is not needed,
 * or after reporting a file that cannot be read (*FAILED). */
static bool
option_value(lgc_compiler *c, const struct backend_option *o,
    struct option_value *v, bool *failed)
{
	const struct setting *s = setting(c, o->name), *unless;
	char *text, *msg;
	size_t len;
	int err;

	if (s == NULL)
		return false;
	v->name = o->name;
	v->on = s->on;
	switch (o->kind) {
	case OPTION_FLAG:
		return true;
	case OPTION_TEXT:
		v->text = xstrdup(s->text);
		v->len = strlen(s->text);
		return true;
	case OPTION_FILE:
		break;
	}
	if (o->unless != NULL && (unless = setting(c, o->unless)) != NULL &&
	    unless->on)
		return false;
	if ((text = read_file(s->text, OPTION_FILE_MAX, &len)) != NULL) {
		v->text = text;
		v->len = len;
		return true;
	}
	err = errno;
	msg = xasprintf("%s trop volumineux (plus d'un Mio)", o->what);
	diag(c->ds, F_IO, NULL, s->text, err == EFBIG ? msg :
	    fr_strerror(err));
	free(msg);
	*failed = true;
	return false;
}

/* A backend's state with its options as set (struct opened). */
struct opened {
	const struct backend *be;
	void		*state;		/* NULL after a refused option */
	struct option_value *values;
	size_t		 nvalues;
	long long	 created;	/* the render_opts it was made with */
	const char	*generator;
};

/* The options of BE as set, into O; false after reporting a file that
 * cannot be read. */
static bool
open_options(lgc_compiler *c, const struct backend *be, struct opened *o)
{
	const struct backend_option *opt;
	size_t n = 0, i;
	bool failed = false;

	for (opt = be->options; opt != NULL && opt->name != NULL; opt++)
		n++;
	o->be = be;
	o->state = NULL;
	o->values = xcalloc(n + 1, sizeof(*o->values));
	o->nvalues = 0;
	o->created = c->created;
	o->generator = c->generator;
	for (i = 0; i < n && !failed; i++)
		if (option_value(c, &be->options[i], &o->values[o->nvalues],
		    &failed))
			++o->nvalues;
	return !failed;
}

static void
start_backend(lgc_compiler *c, struct opened *o)
{
	struct render_opts ro;

	memset(&ro, 0, sizeof(ro));
	ro.generator = o->generator;
	ro.created = o->created;
	ro.values = o->values;
	ro.nvalues = o->nvalues;
	o->state = o->be->new(&ro, c->ds);
}

static void
close_backend(struct opened *o)
{
	size_t i;

	if (o->state != NULL)
		o->be->free(o->state);
	for (i = 0; i < o->nvalues; i++)
		free((char *)o->values[i].text);
	free(o->values);
}

/* Whether A and B were opened with the same options, files' contents
 * included. */
static bool
same_options(const struct opened *a, const struct opened *b)
{
	size_t i;

	if (a->be != b->be || a->created != b->created ||
	    strcmp(a->generator, b->generator) != 0 ||
	    a->nvalues != b->nvalues)
		return false;
	for (i = 0; i < a->nvalues; i++)
		if (strcmp(a->values[i].name, b->values[i].name) != 0 ||
		    a->values[i].on != b->values[i].on ||
		    (a->values[i].text == NULL) != (b->values[i].text == NULL) ||
		    (a->values[i].text != NULL && (a->values[i].len !=
		    b->values[i].len || memcmp(a->values[i].text,
		    b->values[i].text, a->values[i].len) != 0)))
			return false;
	return true;
}

static void
drop_kept(lgc_compiler *c)
{
	if (c->kept == NULL)
		return;
	close_backend(c->kept);
	free(c->kept);
	c->kept = NULL;
}

/* BE's state for a rendering, into O: the kept one when its options
 * are still those set (lgc_keep_backends), else a new one. */
static void
open_backend(lgc_compiler *c, const struct backend *be, struct opened *o)
{
	if (!open_options(c, be, o))
		return;
	if (c->kept != NULL && same_options(c->kept, o)) {
		close_backend(o);
		*o = *c->kept;
		free(c->kept);
		c->kept = NULL;
		return;
	}
	drop_kept(c);
	start_backend(c, o);
}

/* After a rendering: O's state kept for the next when it may be, and
 * the rendering succeeded (a failure may leave a state that would not
 * report it again, as fonts tried once), else closed. */
static void
release_backend(lgc_compiler *c, struct opened *o, bool ok)
{
	if (ok && c->keep_backends && o->be->reusable && o->state != NULL) {
		drop_kept(c);
		c->kept = xmalloc(sizeof(*c->kept));
		*c->kept = *o;
		return;
	}
	close_backend(o);
}

/* What the paragraph memo may hold: a contract's own paragraphs a few
 * times over, and a peak of memory that stays flat over a batch. */
#define PARAGRAPH_MEMO_BYTES	(1u << 20)

void
lgc_keep_backends(lgc_compiler *c, int on)
{
	c->keep_backends = on != 0;
	if (c->keep_backends && c->memo == NULL)
		c->memo = build_memo_new(PARAGRAPH_MEMO_BYTES);
	if (!c->keep_backends) {
		drop_kept(c);
		build_memo_free(c->memo);
		c->memo = NULL;
	}
}

int
lgc_render(lgc_compiler *c, const char *format, char **out, size_t *len)
{
	struct mark m = begin(c);
	const struct backend *be = format_by_name(c->formats, format);
	const char *stage = "l'évaluation";
	struct opened o;
	struct doc d;
	struct buf b;
	struct prov prov;
	bool ok = false;

	*out = NULL;
	if (len != NULL)
		*len = 0;
	if (be == NULL) {
		char *names = format_names(c->formats);
		char *msg = xasprintf("format « %s » inconnu (formats : %s)",
		    format, names);

		diag(c->ds, F_USAGE, NULL, msg);
		free(msg);
		free(names);
		return finish(c, m);
	}
	if (!ready(c))
		return finish(c, m);
	if (refused(c)) {
		diags_flush(c->ds);
		return LGC_ERRORS;
	}
	memset(&d, 0, sizeof(d));
	buf_init(&b);
	if (c->output_hint > 0)
		buf_grow(&b, c->output_hint);
	free(c->provenance_json);
	c->provenance_json = NULL;
	memset(&prov, 0, sizeof(prov));
	if (c->provenance)
		prov_init(&prov);
	/* The backend first: it checks the values as they are printed. */
	open_backend(c, be, &o);
	if (o.state != NULL && evaluate(c, &d, be, o.state, c->provenance ?
	    &prov : NULL) && !failed_since(c, m)) {
		stage = "le rendu";
		/* In HTML, each block shows where it comes from. */
		if (c->provenance && strcmp(be->name, "html") == 0)
			provenance_annotate(&prov, &d);
		ok = be->render(o.state, &d, &b) && !failed_since(c, m);
		if (ok && c->provenance)
			c->provenance_json = provenance_json(&prov, &d,
			    c->prog->main->src->path);
	}
	if (c->provenance)
		prov_free(&prov);
	release_backend(c, &o, ok);
	doc_free(&d);
	if (ok) {
		c->output_hint = b.len <= OUTPUT_HINT_MAX ? b.len : 0;
		if (len != NULL)
			*len = b.len;
		*out = buf_detach(&b);
	} else {
		buf_free(&b);
		check_reported(c, m, stage);
	}
	return finish(c, m);
}

void
lgc_set_provenance(lgc_compiler *c, int on)
{
	c->provenance = on != 0;
}

int
lgc_provenance(lgc_compiler *c, char **out, size_t *len)
{
	*out = NULL;
	if (len != NULL)
		*len = 0;
	if (c->provenance_json == NULL)
		return LGC_FATAL;
	*out = xstrdup(c->provenance_json);
	if (len != NULL)
		*len = strlen(*out);
	return LGC_OK;
}

int
lgc_explain(lgc_compiler *c, const char *article, char **out, size_t *len)
{
	struct mark m = begin(c);
	struct prov prov;
	struct doc d;
	struct buf b;

	*out = NULL;
	if (len != NULL)
		*len = 0;
	if (!ready(c))
		return finish(c, m);
	if (refused(c)) {
		diags_flush(c->ds);
		return LGC_ERRORS;
	}
	memset(&d, 0, sizeof(d));
	prov_init(&prov);
	buf_init(&b);
	/* Evaluated as lgc_check_data does: the document, not a format. */
	if (!evaluate(c, &d, NULL, NULL, &prov))
		check_reported(c, m, "l'évaluation");
	else if (!failed_since(c, m) &&
	    provenance_explain(&b, &prov, &d, article, c->ds)) {
		if (len != NULL)
			*len = b.len;
		*out = buf_detach(&b);
	}
	buf_free(&b);
	prov_free(&prov);
	doc_free(&d);
	return finish(c, m);
}

/* A comparison of two versions (lgc diff): api/compare.c compares the
 * documents this file builds. */
struct lgc_comparison {
	struct comparison *cmp;
};

lgc_comparison *
lgc_comparison_new(lgc_compiler *c, const char *format)
{
	lgc_comparison *k;
	enum compare_format f;

	if (format != NULL && strcmp(format, "texte") == 0)
		f = COMPARE_TEXT;
	else if (format != NULL && strcmp(format, "couleur") == 0)
		f = COMPARE_COLOR;
	else if (format != NULL && strcmp(format, "json") == 0)
		f = COMPARE_JSON;
	else {
		usage(c, "format de comparaison « %s » inconnu : texte, "
		    "couleur ou json", format != NULL ? format : "");
		return NULL;
	}
	k = xcalloc(1, sizeof(*k));
	k->cmp = comparison_new(f);
	return k;
}

void
lgc_comparison_free(lgc_comparison *cmp)
{
	if (cmp == NULL)
		return;
	comparison_free(cmp->cmp);
	free(cmp);
}

/* C's contract with its data into D (zeroed); its status. */
static int
build_for_comparison(lgc_compiler *c, struct doc *d)
{
	struct mark m = begin(c);

	if (!ready(c))
		return finish(c, m);
	if (refused(c)) {
		diags_flush(c->ds);
		return LGC_ERRORS;
	}
	if (!evaluate(c, d, NULL, NULL, NULL))
		check_reported(c, m, "l'évaluation");
	return finish(c, m);
}

int
lgc_compare(lgc_comparison *cmp, lgc_compiler *before, lgc_compiler *after,
    const char *client, char **out, size_t *len, size_t *changes)
{
	struct doc old, new;
	struct buf b;
	int status, after_status;

	*out = NULL;
	if (len != NULL)
		*len = 0;
	if (changes != NULL)
		*changes = 0;
	memset(&old, 0, sizeof(old));
	memset(&new, 0, sizeof(new));
	/* Both, so that each version's errors are told. */
	status = build_for_comparison(before, &old);
	after_status = build_for_comparison(after, &new);
	if (after_status > status)
		status = after_status;
	if (status == LGC_OK) {
		size_t n;

		buf_init(&b);
		buf_puts(&b, "");
		n = comparison_add(cmp->cmp, &old, &new, client, &b);
		if (changes != NULL)
			*changes = n;
		if (len != NULL)
			*len = b.len;
		*out = buf_detach(&b);
	} else
		comparison_failed(cmp->cmp);
	doc_free(&old);
	doc_free(&new);
	return status;
}

void
lgc_comparison_failed(lgc_comparison *cmp)
{
	comparison_failed(cmp->cmp);
}

int
lgc_comparison_summary(lgc_comparison *cmp, char **out, size_t *len)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "");
	comparison_summary(cmp->cmp, &b);
	if (len != NULL)
		*len = b.len;
	*out = buf_detach(&b);
	return LGC_OK;
}

int
lgc_dump_tree(lgc_compiler *c, char **out, size_t *len)
{
	struct mark m = begin(c);
	struct buf b;
	size_t i;

	*out = NULL;
	if (!ready(c))
		return finish(c, m);
	buf_init(&b);
	for (i = 0; i < c->prog->files.len; i++) {
		struct file_ast *f = c->prog->files.items[i];

		buf_printf(&b, "== %s\n", f->src->path);
		file_ast_dump(&b, f);
	}
	if (len != NULL)
		*len = b.len;
	*out = buf_detach(&b);
	return finish(c, m);
}

int
lgc_reset_data(lgc_compiler *c)
{
	struct mark m = begin(c);

	if (!ready(c))
		return finish(c, m);
	if (c->data != NULL)
		data_reset(c->data);
	forget_data_files(c);
	diags_release_sources(c->ds, c->source_mark);
	if (c->data == NULL)
		c->data = data_new(c->prog, c->ds);
	diags_forget(c->ds);
	c->data_failed = false;
	return finish(c, m);
}

int
lgc_schema(lgc_compiler *c, char **out, size_t *len)
{
	struct mark m = begin(c);

	*out = NULL;
	if (!ready(c))
		return finish(c, m);
	if (c->prog->failed) {
		diags_flush(c->ds);
		return LGC_ERRORS;
	}
	*out = schema_export(c->prog, c->schema_draft);
	if (len != NULL)
		*len = strlen(*out);
	return finish(c, m);
}

/* Unlike the other outputs, given for a template that failed to check
 * too: an editor shows what could be read of a half-typed one. */
int
lgc_outline(lgc_compiler *c, char **out, size_t *len)
{
	struct mark m = begin(c);
	size_t n = 0;

	*out = NULL;
	if (!ready(c))
		return finish(c, m);
	*out = outline_json(c->prog, (const char *const *)c->search.items,
	    c->search.len, &n);
	if (len != NULL)
		*len = n;
	return finish(c, m);
}

const struct program *
api_program(const lgc_compiler *c)
{
	return c->prog;
}

struct diags *
api_diags(lgc_compiler *c)
{
	return c->ds;
}

lgc_compiler *
api_witness_compiler(const lgc_compiler *c)
{
	lgc_compiler *w = lgc_clone(c, NULL);

	/* A witness is built as a client's contract is: whole, with
	 * nothing left to a draft's placeholders. */
	w->draft = false;
	w->draft_all = false;
	diags_set_werror(w->ds, false);
	return w;
}

bool
api_build(lgc_compiler *c, eval_trace_fn fn, void *arg, struct doc *d)
{
	struct mark m = begin(c);
	bool ok;

	memset(d, 0, sizeof(*d));
	if (c->prog == NULL || refused(c)) {
		diags_flush(c->ds);
		return false;
	}
	c->trace = fn;
	c->trace_arg = arg;
	ok = evaluate(c, d, NULL, NULL, NULL);
	c->trace = NULL;
	c->trace_arg = NULL;
	if (!ok)
		check_reported(c, m, "l'évaluation");
	diags_flush(c->ds);
	return ok && !failed_since(c, m);
}

int
lgc_form(lgc_compiler *c, const char *render_url, char **out, size_t *len)
{
	struct mark m = begin(c);

	*out = NULL;
	if (!ready(c))
		return finish(c, m);
	if (c->prog->failed) {
		diags_flush(c->ds);
		return LGC_ERRORS;
	}
	*out = form_page(c->prog, render_url);
	if (len != NULL)
		*len = strlen(*out);
	return finish(c, m);
}

/* A path as make reads it: spaces and '#' escaped, '$' doubled. */
static void
make_escape(struct buf *b, const char *path)
{
	for (; *path != '\0'; path++) {
		if (*path == ' ' || *path == '#')
			buf_putc(b, '\\');
		if (*path == '$')
			buf_putc(b, '$');
		buf_putc(b, *path);
	}
}

int
lgc_dependencies(lgc_compiler *c, const char *target,
    const char *const *data_files, size_t ndata, char **out, size_t *len)
{
	struct mark m = begin(c);
	struct buf b;
	size_t i;

	*out = NULL;
	if (!ready(c))
		return finish(c, m);
	buf_init(&b);
	make_escape(&b, target);
	buf_putc(&b, ':');
	for (i = 0; i < c->prog->files.len; i++) {
		const struct file_ast *f = c->prog->files.items[i];

		buf_puts(&b, " \\\n  ");
		make_escape(&b, f->src->path);
	}
	for (i = 0; i < ndata; i++) {
		buf_puts(&b, " \\\n  ");
		make_escape(&b, data_files[i]);
	}
	buf_putc(&b, '\n');
	/* An empty rule per prerequisite, as -MP does: a deleted clause
	 * must not break the next make run. */
	for (i = 0; i < c->prog->files.len; i++) {
		const struct file_ast *f = c->prog->files.items[i];

		buf_putc(&b, '\n');
		make_escape(&b, f->src->path);
		buf_puts(&b, ":\n");
	}
	if (len != NULL)
		*len = b.len;
	*out = buf_detach(&b);
	return finish(c, m);
}

/* Whether F is the file OUT describes.  A file read is known by what it
 * was read from, without a path lookup: a batch checks each output
 * against all of its clauses.  A template given as text has only its
 * name. */
static bool
is_file(const struct file_ast *f, const struct stat *out)
{
	struct stat in;

	if (f->src != NULL && f->src->has_id)
		return f->src->dev == out->st_dev && f->src->ino == out->st_ino;
	return stat(f->path, &in) == 0 && in.st_dev == out->st_dev &&
	    in.st_ino == out->st_ino;
}

/* Which input the file OUT describes is (same device and inode), or
 * NULL: "le modèle « x.lgc »".  malloc'd. */
static char *
input_is(lgc_compiler *c, const struct stat *out)
{
	size_t i;

	if (!S_ISREG(out->st_mode))
		return NULL;
	for (i = 0; c->prog != NULL && i < c->prog->files.len; i++) {
		const struct file_ast *f = c->prog->files.items[i];

		if (is_file(f, out))
			return xasprintf("%s « %s »", i == 0 ? "le modèle" :
			    "la clause", f->src->path);
	}
	for (i = 0; i < c->ndata_ids; i++)
		if (c->data_ids[i].dev == out->st_dev &&
		    c->data_ids[i].ino == out->st_ino)
			return xasprintf("le fichier de données « %s »",
			    c->data_ids[i].path);
	return NULL;
}

/* Which input PATH is, or NULL (input_is). */
static char *
input_named(lgc_compiler *c, const char *path)
{
	struct stat out;

	return stat(path, &out) == 0 ? input_is(c, &out) : NULL;
}

/* F_OUTPUT_IS_INPUT when INPUT (malloc'd, freed here) is not NULL. */
static void
refuse_output(lgc_compiler *c, const char *path, char *input)
{
	char *message;

	if (input == NULL)
		return;
	message = xasprintf("la sortie « %s » est %s, que cette compilation "
	    "lit : l'écrire le détruirait ; choisissez un autre fichier de "
	    "sortie", path, input);
	diag(c->ds, F_OUTPUT_IS_INPUT, NULL, message);
	free(message);
	free(input);
}

int
lgc_check_output(lgc_compiler *c, const char *path)
{
	struct mark m = begin(c);

	if (path != NULL && strcmp(path, "-") != 0)
		refuse_output(c, path, input_named(c, path));
	return finish(c, m);
}

int
lgc_may_read_inode(const lgc_compiler *c, unsigned long long ino)
{
	size_t i;

	/* A file known only by its path (is_file) may be anything. */
	for (i = 0; c->prog != NULL && i < c->prog->files.len; i++) {
		const struct file_ast *f = c->prog->files.items[i];

		if (f->src == NULL || !f->src->has_id ||
		    (unsigned long long)f->src->ino == ino)
			return 1;
	}
	for (i = 0; i < c->ndata_ids; i++)
		if ((unsigned long long)c->data_ids[i].ino == ino)
			return 1;
	return 0;
}

static void
io_fault(lgc_compiler *c, const char *path, char *reason)
{
	diag(c->ds, F_IO, NULL, path, reason);
	free(reason);
}

/* Why the output could not be written, naming the step that failed:
 * "-o /proc/version" fails creating /proc/version.XXXXXX, not on the
 * file itself. */
static void
report_write_fault(lgc_compiler *c, const char *path, int err,
    enum write_step step)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	struct stat st;

	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	switch (step) {
	case WRITE_IN_PLACE:
		diag(c->ds, F_IO, NULL, path, fr_strerror(err));
		break;
	case WRITE_TEMPORARY:
		/* open(O_CREAT) says ENOENT in a folder that exists but
		 * makes no files (/proc, /sys). */
		io_fault(c, path, xasprintf("création du "
		    "fichier temporaire « %s.XXXXXX » impossible (%s) : lgc "
		    "écrit la sortie à côté d'elle puis la renomme, et le "
		    "dossier « %s » doit pouvoir recevoir un nouveau fichier",
		    path, err == ENOENT && stat(dir, &st) == 0 &&
		    S_ISDIR(st.st_mode) ? "ce dossier n'accepte pas de nouveau "
		    "fichier" : fr_strerror(err), dir));
		break;
	case WRITE_DATA:
		io_fault(c, path, xasprintf("écriture du "
		    "fichier temporaire dans « %s » : %s ; la sortie n'a pas été "
		    "touchée", dir, fr_strerror(err)));
		break;
	case WRITE_RENAME:
		io_fault(c, path, xasprintf("le fichier "
		    "temporaire, écrit, ne peut remplacer la sortie (rename) : "
		    "%s ; la sortie n'a pas été touchée", fr_strerror(err)));
		break;
	}
	free(dir);
}

int
lgc_write_output(lgc_compiler *c, const char *path, const char *data,
    size_t len)
{
	struct mark m = begin(c);
	enum write_step step;
	int err;

	if (path == NULL || strcmp(path, "-") == 0) {
		errno = 0;
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			diag_file(diag(c->ds, F_IO, NULL,
			    "écriture sur la sortie standard",
			    fr_strerror(errno ? errno : EIO)), "-");
	} else {
		/* One lookup, for the check against the inputs and for the
		 * writing: nothing there (a new output, most of a batch's)
		 * is no input; a file that is not a link is what stat(2)
		 * would find. */
		struct stat lst;
		bool exists = lstat(path, &lst) == 0;

		if (exists)
			refuse_output(c, path, S_ISLNK(lst.st_mode) ?
			    input_named(c, path) : input_is(c, &lst));
		if (!failed_since(c, m) && (err =
		    write_file_atomic(path, exists ? &lst : NULL, data, len,
		    &step)) != 0)
			report_write_fault(c, path, err, step);
	}
	return finish(c, m);
}

char *
lgc_file_name(const char *text)
{
	char *folded = fold_word(text), *p;
	struct buf b;
	bool dash = false;

	buf_init(&b);
	for (p = folded; *p != '\0'; p++) {
		char ch = *p;
		bool keep = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    ch == '_' || ch == '.';

		if (keep && !(ch == '.' && b.len == 0)) {
			buf_putc(&b, ch);
			dash = false;
		} else if (!dash && b.len > 0) {
			buf_putc(&b, '-');
			dash = true;
		}
	}
	while (b.len > 0 && (b.data[b.len - 1] == '-' ||
	    b.data[b.len - 1] == '.'))
		b.data[--b.len] = '\0';
	free(folded);
	return buf_detach(&b);
}
