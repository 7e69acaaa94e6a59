/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* lgc diff ancien.lgc nouveau.lgc [-d client.json | --lot clients.jsonl]:
 * the comparison itself is the library's (lgc_compare); this loads the
 * two versions, feeds them each client's data and writes the report. */
#include "cli/diff.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/batch.h"

/* The diagnostics of one client, both versions': a message the new
 * version repeats word for word (the same data refused by both, a
 * template file the two share) is told once. */
struct told {
	lgc_compiler	*log;		/* SARIF: the log they join, or NULL */
	char		**v;
	size_t		 len, cap;
};

static void
told_clear(struct told *t)
{
	size_t i;

	for (i = 0; i < t->len; i++)
		free(t->v[i]);
	t->len = 0;
}

static void
tell(const lgc_diagnostic *d, void *arg)
{
	struct told *t = arg;
	char *copy, **bigger;
	size_t i;

	for (i = 0; i < t->len; i++)
		if (strcmp(t->v[i], d->printed) == 0)
			return;
	if (t->len == t->cap) {
		size_t cap = t->cap == 0 ? 16 : 2 * t->cap;

		if ((bigger = realloc(t->v, cap * sizeof(*bigger))) != NULL) {
			t->v = bigger;
			t->cap = cap;
		}
	}
	if (t->len < t->cap && (copy = strdup(d->printed)) != NULL)
		t->v[t->len++] = copy;
	if (t->log != NULL)
		lgc_add_sarif_result(t->log, d->printed, d->printed_len);
	else {
		fwrite(d->printed, 1, d->printed_len, stderr);
		fflush(stderr);
	}
}

/* Data into both compilers: into AFTER only once BEFORE took it, so
 * that data wrong for both versions (malformed JSON) is told once. */
static int
load_file(lgc_compiler *before, lgc_compiler *after, const char *path)
{
	int status = lgc_load_data_file(before, path);

	return status == LGC_OK ? lgc_load_data_file(after, path) : status;
}

static int
define(lgc_compiler *before, lgc_compiler *after, const char *assignment)
{
	int status = lgc_define(before, assignment);

	return status == LGC_OK ? lgc_define(after, assignment) : status;
}

static int
load_record(lgc_compiler *before, lgc_compiler *after,
    const struct batch_record *rec)
{
	int status;

	if (rec->text == NULL)
		return load_file(before, after, rec->display);
	status = lgc_load_data_string(before, rec->display, rec->text,
	    rec->len);
	return status == LGC_OK ? lgc_load_data_string(after, rec->display,
	    rec->text, rec->len) : status;
}

static int
defines(lgc_compiler *before, lgc_compiler *after,
    const struct diff_options *o)
{
	size_t i;
	int status = LGC_OK;

	for (i = 0; i < o->ndefines && status == LGC_OK; i++)
		status = define(before, after, o->defines[i]);
	return status;
}

/* Writes OUT to the standard output; false after reporting. */
static bool
put(lgc_compiler *c, const char *out, size_t len)
{
	if (len == 0)
		return true;
	if (fwrite(out, 1, len, stdout) == len && fflush(stdout) == 0)
		return true;
	lgc_report_file(c, "entree-sortie", "-", "écriture sur la sortie "
	    "standard : %s", lgc_strerror(errno));
	return false;
}

static int
compare_one(lgc_compiler *before, lgc_compiler *after,
    const struct diff_options *o, lgc_comparison *cmp)
{
	char *out = NULL;
	size_t len = 0, changes = 0, i;
	int status = LGC_OK;

	for (i = 0; i < o->ndata && status == LGC_OK; i++)
		status = load_file(before, after, o->data_files[i]);
	if (status == LGC_OK)
		status = defines(before, after, o);
	if (status == LGC_OK)
		status = lgc_compare(cmp, before, after, NULL, &out, &len,
		    &changes);
	if (status == LGC_OK && !put(before, out, len))
		status = LGC_FATAL;
	free(out);
	if (status != LGC_OK)
		return LGC_FATAL;
	return changes > 0 ? 1 : 0;
}

/* How the report names a record: « clients.jsonl:4 », or with --nom
 * « Durand et fils (clients.jsonl:4) » when the record has that field
 * (a text or a whole number). */
static char *
client_name(const struct batch_record *rec, const char *field)
{
	char *where = batch_record_where(rec), *name;
	json_t *root, *v;
	char number[32];
	const char *value = NULL;
	size_t n;

	if (field == NULL || where == NULL)
		return where;
	root = rec->text != NULL ? json_loadb(rec->text, rec->len, 0, NULL) :
	    json_load_file(rec->display, 0, NULL);
	v = json_object_get(root, field);
	if (json_is_string(v))
		value = json_string_value(v);
	else if (json_is_integer(v)) {
		snprintf(number, sizeof(number), "%lld",
		    (long long)json_integer_value(v));
		value = number;
	}
	if (value == NULL || *value == '\0') {
		json_decref(root);
		return where;
	}
	n = strlen(value) + strlen(where) + 4;
	if ((name = malloc(n)) != NULL)
		snprintf(name, n, "%s (%s)", value, where);
	json_decref(root);
	if (name == NULL)
		return where;
	free(where);
	return name;
}

static int
compare_batch(lgc_compiler *before, lgc_compiler *after,
    const struct diff_options *o, lgc_comparison *cmp, struct told *told)
{
	struct batch_reader r;
	struct batch_record rec;
	char *out, *client;
	size_t len, changes;
	bool failed = false, changed = false;
	int status, line, stop = 0;

	if (!batch_reader_open(&r, o->batch)) {
		lgc_report_file(before, "entree-sortie", o->batch, "--lot "
		    "%s : %s", o->batch, lgc_strerror(errno));
		return LGC_FATAL;
	}
	memset(&rec, 0, sizeof(rec));
	while (batch_reader_next(&r, &rec)) {
		line = rec.lineno > INT_MAX ? INT_MAX : (int)rec.lineno;
		told_clear(told);
		lgc_reset_data(before);
		lgc_reset_data(after);
		lgc_set_record(before, rec.display, line);
		lgc_set_record(after, rec.display, line);
		client = client_name(&rec, o->name_field);
		out = NULL;
		len = changes = 0;
		status = load_record(before, after, &rec);
		if (status == LGC_OK)
			status = defines(before, after, o);
		if (status == LGC_OK)
			status = lgc_compare(cmp, before, after, client, &out,
			    &len, &changes);
		else
			lgc_comparison_failed(cmp);
		/* Stdout closed or full: the rest would be lost too. */
		if (status == LGC_OK && !put(before, out, len))
			status = stop = LGC_FATAL;
		failed |= status != LGC_OK;
		changed |= changes > 0;
		free(out);
		free(client);
		lgc_set_record(before, NULL, 0);
		lgc_set_record(after, NULL, 0);
		if (stop)
			break;
	}
	batch_record_clear(&rec);
	batch_reader_close(&r);
	out = NULL;
	len = 0;
	lgc_comparison_summary(cmp, &out, &len);
	/* The summary after the reports, apart from them. */
	if (!stop && changed && strcmp(o->format, "json") != 0 &&
	    !put(before, "\n", 1))
		stop = LGC_FATAL;
	if (!stop && !put(before, out, len))
		failed = true;
	free(out);
	return failed || stop ? LGC_FATAL : changed ? 1 : 0;
}

int
diff_run(lgc_compiler *before, lgc_compiler *after,
    const struct diff_options *o)
{
	lgc_comparison *cmp;
	struct told told;
	int status, s2;

	memset(&told, 0, sizeof(told));
	told.log = o->sarif ? before : NULL;
	lgc_set_diagnostic_handler(before, tell, &told);
	lgc_set_diagnostic_handler(after, tell, &told);

	/* Both loaded, each version's errors told, before giving up. */
	status = lgc_load_template(before, o->before);
	s2 = lgc_load_template(after, o->after);
	if (status != LGC_OK || s2 != LGC_OK)
		status = LGC_FATAL;
	else if ((cmp = lgc_comparison_new(before, o->format)) == NULL)
		status = LGC_FATAL;
	else {
		status = o->batch != NULL ? compare_batch(before, after, o,
		    cmp, &told) : compare_one(before, after, o, cmp);
		lgc_comparison_free(cmp);
	}
	lgc_set_diagnostic_handler(before, NULL, NULL);
	lgc_set_diagnostic_handler(after, NULL, NULL);
	told_clear(&told);
	free(told.v);
	return status;
}
