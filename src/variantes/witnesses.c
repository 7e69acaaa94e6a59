/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Building the witnesses (lgc variantes): each witness's data built by
 * a clone of the compiler through the normal pipeline (api_build), the
 * evaluator telling each branch it takes; the variants as distinct sets
 * of branches taken, with the headings of their documents; the
 * combinations an exiger refused tried again, and the pairs of values
 * no built witness holds. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lgc.h"
#include "api.h"
#include "base/util.h"
#include "doc/doc.h"
#include "variantes/variantes.h"

static int
cmp_nodes(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const struct node *const *)a;
	uintptr_t y = (uintptr_t)*(const struct node *const *)b;

	return x < y ? -1 : x > y;
}

static struct point *
find_point(const struct vx *x, const struct node *n)
{
	size_t lo = 0, hi = x->npoints;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (x->order[mid] == n) {
			/* order holds the nodes; the point is found by its
			 * node among the points, kept in the same order. */
			return &x->points[mid];
		}
		if ((uintptr_t)x->order[mid] < (uintptr_t)n)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int
cmp_points(const void *a, const void *b)
{
	const struct point *p = a, *q = b;

	return cmp_nodes(&p->n, &q->n);
}

/* Sorts the points by node and numbers their outcomes. */
void
index_points(struct vx *x)
{
	size_t i;

	if (x->npoints > 1)
		qsort(x->points, x->npoints, sizeof(*x->points), cmp_points);
	x->order = xcalloc(x->npoints + 1, sizeof(*x->order));
	x->noutcomes = 0;
	for (i = 0; i < x->npoints; i++) {
		x->order[i] = x->points[i].n;
		x->points[i].base = x->noutcomes;
		x->noutcomes += x->points[i].noutcomes;
	}
	x->taken = xcalloc(x->noutcomes + 1, sizeof(bool));
	x->seen = xcalloc(x->noutcomes + 1, sizeof(bool));
}

static void
on_branch(void *arg, const struct node *n, size_t outcome)
{
	struct vx *x = arg;
	struct point *p = find_point(x, n);

	if (p != NULL && outcome < p->noutcomes)
		x->taken[p->base + outcome] = true;
}

/* The witness compiler's diagnostics: its errors are kept. */
static void
on_diagnostic(const lgc_diagnostic *d, void *arg)
{
	struct vx *x = arg;
	struct buf b;

	if (d->severity != LGC_SEVERITY_ERROR &&
	    d->severity != LGC_SEVERITY_FATAL)
		return;
	if (strcmp(d->code, "exigence") == 0)
		x->refused = true;
	buf_init(&b);
	if (d->place.file != NULL && d->place.line > 0)
		buf_printf(&b, "%s:%d:%d : ", d->place.file, d->place.line,
		    d->place.column);
	else if (d->place.file != NULL)
		buf_printf(&b, "%s : ", d->place.file);
	buf_printf(&b, "%s [%s]", d->message, d->code);
	ptrvec_push(&x->errors, buf_detach(&b));
}

static void
runs_text(struct buf *b, const struct doc_runs *rs)
{
	size_t i;

	for (i = 0; i < rs->len; i++)
		if (!rs->v[i].line_break)
			buf_puts(b, rs->v[i].text);
}

/* The row of the heading of LEVEL and TITLE, made after row AFTER
 * (SIZE_MAX: first) when new, so that the rows keep the documents'
 * order. */
static size_t
heading_row(struct vx *x, int level, const char *title, size_t after)
{
	struct heading_row *r;
	char *key = xasprintf("%d|%s", level, title);
	size_t i, at;

	for (i = 0; i < x->nrows; i++)
		if (strcmp(x->rows[x->row_order[i]].key, key) == 0) {
			free(key);
			return x->row_order[i];
		}
	x->rows = xgrow(x->rows, x->nrows, sizeof(*x->rows));
	x->row_order = xgrow(x->row_order, x->nrows, sizeof(*x->row_order));
	r = &x->rows[x->nrows];
	r->key = key;
	r->title = xstrdup(title);
	r->level = level;
	r->in = NULL;
	at = 0;
	if (after != SIZE_MAX)
		for (i = 0; i < x->nrows; i++)
			if (x->row_order[i] == after)
				at = i + 1;
	memmove(&x->row_order[at + 1], &x->row_order[at],
	    (x->nrows - at) * sizeof(*x->row_order));
	x->row_order[at] = x->nrows;
	return x->nrows++;
}

static void
record_headings(struct vx *x, struct variant *v, const struct doc *d)
{
	size_t i, prev = SIZE_MAX;
	struct buf b;

	buf_init(&b);
	for (i = 0; i < d->blocks.len; i++) {
		const struct doc_block *bl = &d->blocks.v[i];

		if (bl->kind != BLOCK_HEADING)
			continue;
		buf_reset(&b);
		runs_text(&b, &bl->u.heading.title);
		prev = heading_row(x, bl->u.heading.level, buf_cstr(&b), prev);
		v->headings = xgrow(v->headings, v->nheadings,
		    sizeof(*v->headings));
		v->headings[v->nheadings++] = prev;
	}
	buf_free(&b);
}

static char *
signature(const struct vx *x)
{
	char *s = xcalloc(x->noutcomes + 1, 1);
	size_t i;

	for (i = 0; i < x->noutcomes; i++)
		s[i] = x->taken[i] ? '1' : '0';
	return s;
}

const char *
extension_of(lgc_compiler *c, const char *format)
{
	const char *name;
	size_t i;

	for (i = 0; (name = lgc_format_name(c, i)) != NULL; i++)
		if (strcmp(name, format) == 0)
			return lgc_format_extension(c, i);
	return NULL;
}

/* Writes the witness data and document of variant V (the data loaded
 * in W) into DIR, named after its decisions. */
static void
write_variant(struct vx *x, lgc_compiler *w, const lgc_variantes_options *o,
    size_t v)
{
	const struct witness *wi = &x->ws[x->vs[v].witness];
	const char *format = o->write_format != NULL ? o->write_format :
	    "html";
	const char *ext = extension_of(x->c, format);
	struct buf b;
	char *name, *path, *out = NULL;
	size_t len = 0;

	if (ext == NULL)
		return;		/* refused before the first witness */
	buf_init(&b);
	describe_witness(&b, x, wi, "-", "_");
	name = lgc_file_name(buf_cstr(&b));
	if (strlen(name) > 150)
		name[150] = '\0';
	buf_reset(&b);
	buf_printf(&b, "%s/v%02zu%s%s", o->write_dir, v + 1,
	    *name != '\0' ? "-" : "", name);
	path = xasprintf("%s.json", buf_cstr(&b));
	(void)lgc_write_output(x->c, path, wi->json, strlen(wi->json));
	free(path);
	if (lgc_render(w, format, &out, &len) == LGC_OK) {
		path = xasprintf("%s%s", buf_cstr(&b), ext);
		(void)lgc_write_output(x->c, path, out, len);
		free(path);
	}
	free(out);
	free(name);
	buf_free(&b);
}

static void
clear_errors(struct vx *x)
{
	ptrvec_clear(&x->errors);
	x->refused = false;
}

static char *
join_errors(const struct vx *x)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < x->errors.len; i++) {
		if (i > 0)
			buf_puts(&b, " ; ");
		buf_puts(&b, x->errors.items[i]);
	}
	if (x->errors.len == 0)
		buf_puts(&b, "échec sans message");
	return buf_detach(&b);
}

/* Builds the witnesses from FROM on, each by a compiler of its own
 * (cloned from C: the template is checked once), whose diagnostics
 * are its own. */
static void
build_witnesses(struct vx *x, const lgc_variantes_options *o, size_t from)
{
	size_t i, j;
	char name[64];
	lgc_compiler *w;

	for (i = from; i < x->nws; i++) {
		struct witness *wi = &x->ws[i];
		struct doc d;
		bool ok;
		char *sig;
		void *found;

		wi->json = witness_json(x, wi);
		clear_errors(x);
		memset(x->taken, 0, x->noutcomes * sizeof(bool));
		w = api_witness_compiler(x->c);
		lgc_set_diagnostic_handler(w, on_diagnostic, x);
		snprintf(name, sizeof(name), "témoin-%zu.json", i + 1);
		ok = lgc_load_data_string(w, name, wi->json,
		    strlen(wi->json)) == LGC_OK;
		memset(&d, 0, sizeof(d));
		if (ok)
			ok = api_build(w, on_branch, x, &d);
		ok = ok && x->errors.len == 0;
		if (!ok) {
			wi->state = x->refused ? W_REFUSED : W_FAILED;
			wi->message = join_errors(x);
			if (x->refused)
				x->nrefused++;
			else
				x->failed++;
			doc_free(&d);
			lgc_free(w);
			continue;
		}
		wi->state = W_BUILT;
		for (j = 0; j < x->noutcomes; j++)
			x->seen[j] = x->seen[j] || x->taken[j];
		sig = signature(x);
		if ((found = strmap_get(&x->by_sig, sig)) != NULL) {
			wi->variant = (size_t)((uintptr_t)found - 1);
			x->vs[wi->variant].count++;
			free(sig);
		} else {
			struct variant *v;

			x->vs = xgrow(x->vs, x->nvs, sizeof(*x->vs));
			v = &x->vs[x->nvs];
			memset(v, 0, sizeof(*v));
			v->witness = i;
			v->count = 1;
			v->outcomes = xcalloc(x->noutcomes + 1, sizeof(bool));
			memcpy(v->outcomes, x->taken, x->noutcomes *
			    sizeof(bool));
			record_headings(x, v, &d);
			wi->variant = x->nvs++;
			ptrvec_push(&x->sigs, sig);
			strmap_put(&x->by_sig, sig,
			    (void *)(uintptr_t)(wi->variant + 1));
			if (o->write_dir != NULL)
				write_variant(x, w, o, wi->variant);
		}
		doc_free(&d);
		lgc_free(w);
	}
	clear_errors(x);
}

/* Whether some built witness gives decision A its value VA and B its
 * value VB (A == B: VA only). */
bool
pair_built(const struct vx *x, size_t a, size_t va, size_t b, size_t vb)
{
	size_t i;

	for (i = 0; i < x->nws; i++)
		if (x->ws[i].state == W_BUILT && x->ws[i].choice[a] == va &&
		    x->ws[i].choice[b] == vb)
			return true;
	return false;
}

bool
include_taken(const struct variant *v, const struct point *p)
{
	return v->outcomes[p->base];
}

/* A witness an exiger refused leaves the pairs of values it holds
 * uncovered, though the exiger may read only a few of its decisions:
 * its decisions are tried again with those the exigers read taken from
 * a witness that built. */
static void
repair_refused(struct vx *x, const lgc_variantes_options *o, size_t n)
{
	size_t *choice = xcalloc(x->ndecisions + 1, sizeof(size_t));
	size_t i, j, k, tries, from;

	for (i = 0; i < n; i++) {
		if (x->ws[i].state != W_REFUSED)
			continue;
		for (j = 0, tries = 0; j < n && tries < 4 &&
		    x->nws < WITNESS_CAP; j++) {
			if (x->ws[j].state != W_BUILT)
				continue;
			memcpy(choice, x->ws[i].choice, x->ndecisions *
			    sizeof(size_t));
			for (k = 0; k < x->rules.len; k++)
				if (x->dims[x->rules.v[k]].index != SIZE_MAX)
					choice[x->dims[x->rules.v[k]].index] =
					    x->ws[j].choice[x->dims[
					    x->rules.v[k]].index];
			from = x->nws;
			add_witness(x, choice);
			build_witnesses(x, o, from);
			tries++;
			if (x->ws[from].state == W_BUILT)
				break;
		}
	}
	free(choice);
}

/* A pair still covered by no witness that built is tried over the
 * decisions of a few witnesses that did, within a budget: a pair an
 * exiger forbids is never covered, and the branches that read it stay
 * unproven. */
static void
repair_pairs(struct vx *x, const lgc_variantes_options *o, size_t budget)
{
	size_t a, b, va, vb, i, from, tries, spent = 0;
	size_t *choice = xcalloc(x->ndecisions + 1, sizeof(size_t));

	for (a = 0; a < x->ndecisions; a++)
		for (b = a + 1; b < x->ndecisions; b++)
			for (va = 0; va < dsize(x, a); va++)
				for (vb = 0; vb < dsize(x, b); vb++) {
					if (pair_built(x, a, va, b, vb))
						continue;
					for (i = 0, tries = 0; i < x->nws &&
					    tries < 4 && spent < budget &&
					    x->nws < WITNESS_CAP &&
					    !pair_built(x, a, va, b, vb); i++) {
						if (x->ws[i].state != W_BUILT)
							continue;
						memcpy(choice, x->ws[i].choice,
						    x->ndecisions *
						    sizeof(size_t));
						choice[a] = va;
						choice[b] = vb;
						from = x->nws;
						add_witness(x, choice);
						build_witnesses(x, o, from);
						tries++;
						spent++;
					}
				}
	free(choice);
}

/* The pairs of decision values no witness that built holds. */
static size_t
open_pairs(const struct vx *x)
{
	size_t a, b, va, vb, n = 0;

	if (!x->pairwise)
		return 0;
	for (a = 0; a < x->ndecisions; a++)
		for (b = a + 1; b < x->ndecisions; b++)
			for (va = 0; va < dsize(x, a); va++)
				for (vb = 0; vb < dsize(x, b); vb++)
					n += !pair_built(x, a, va, b, vb);
	return n;
}

void
run_witnesses(struct vx *x, const lgc_variantes_options *o)
{
	size_t n;

	build_witnesses(x, o, 0);
	n = x->nws;
	if (x->pairwise && x->failed == 0 && x->nrefused > 0) {
		repair_refused(x, o, n);
		repair_pairs(x, o, 2 * n + 32);
	}
	x->open_pairs = open_pairs(x);
	ptrvec_free(&x->errors);
}
