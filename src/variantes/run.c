/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* lgc_variantes, the whole: the decisions found (conditions.c,
 * values.c), the witnesses chosen (combos.c) and built (witnesses.c),
 * the branches none takes (dead.c), the report (report.c). */
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lgc.h"
#include "api.h"
#include "base/diag.h"
#include "base/util.h"
#include "check/program.h"
#include "lang/types.h"
#include "variantes/variantes.h"

#define DEFAULT_MAX	256	/* combinations tried all at most */

static void
vx_free(struct vx *x)
{
	size_t i, j;

	for (i = 0; x->dims != NULL && i < x->prog->inputs.len; i++) {
		struct dim *d = &x->dims[i];

		for (j = 0; j < d->ncuts; j++)
			value_free(&d->cuts[j]);
		free(d->cuts);
		for (j = 0; j < d->n; j++) {
			json_decref(d->values[j]);
			free(d->shown[j]);
			if (d->has[j])
				value_free(&d->vals[j]);
		}
		free(d->values);
		free(d->shown);
		free(d->vals);
		free(d->has);
	}
	free(x->dims);
	free(x->decisions);
	for (i = 0; i < x->npoints; i++) {
		free(x->points[i].path.v);
		for (j = 0; j < x->points[i].nown; j++)
			free(x->points[i].own[j].v);
		free(x->points[i].own);
	}
	free(x->points);
	free(x->order);
	for (i = 0; i < x->nws; i++) {
		free(x->ws[i].choice);
		free(x->ws[i].json);
		free(x->ws[i].message);
	}
	free(x->ws);
	free(x->taken);
	free(x->seen);
	for (i = 0; i < x->nvs; i++) {
		free(x->vs[i].outcomes);
		free(x->vs[i].headings);
	}
	free(x->vs);
	strmap_free(&x->by_sig);
	for (i = 0; i < x->sigs.len; i++)
		free(x->sigs.items[i]);
	ptrvec_free(&x->sigs);
	for (i = 0; i < x->nrows; i++) {
		free(x->rows[i].key);
		free(x->rows[i].title);
	}
	free(x->rows);
	free(x->row_order);
	for (i = 0; i < x->findings.len; i++)
		free(x->findings.items[i]);
	ptrvec_free(&x->findings);
	for (i = 0; i < x->unproven.len; i++)
		free(x->unproven.items[i]);
	ptrvec_free(&x->unproven);
	free(x->rules.v);
}

static void
variants_run(lgc_compiler *c, const lgc_variantes_options *o, char **out,
    size_t *len)
{
	struct vx x;
	struct buf b;
	const char *format = o != NULL && o->format != NULL ? o->format :
	    "texte";
	lgc_variantes_options defaults;
	size_t i;

	if (o == NULL) {
		memset(&defaults, 0, sizeof(defaults));
		o = &defaults;
	}
	memset(&x, 0, sizeof(x));
	x.c = c;
	x.prog = api_program(c);
	x.ds = api_diags(c);
	x.max = o->max == 0 ? DEFAULT_MAX : o->max > WITNESS_CAP ?
	    WITNESS_CAP : o->max;
	find_decisions(&x);
	index_points(&x);
	x.exhaustive = x.space <= x.max;
	if (x.exhaustive)
		enumerate_all(&x);
	else if (x.ndecisions == 1) {
		/* One decision of more values than --max: each value is
		 * its own pair. */
		enumerate_all(&x);
		x.exhaustive = x.nws == x.space;
		x.pairwise = true;
		x.capped = x.nws < x.space;
	} else {
		enumerate_pairs(&x);
		x.pairwise = true;
	}
	x.capped = x.capped || (x.exhaustive && x.nws < x.space);
	if (o->write_dir != NULL && mkdir(o->write_dir, 0777) != 0 &&
	    errno != EEXIST)
		lgc_report_file(c, "entree-sortie", o->write_dir,
		    "impossible de créer le dossier : %s", lgc_strerror(errno));
	else
		run_witnesses(&x, o);
	check_points(&x);
	for (i = 0; i < x.nws; i++)
		if (x.ws[i].state == W_FAILED) {
			struct loc whole;
			struct buf w;

			buf_init(&w);
			buf_printf(&w, "le témoin %zu (", i + 1);
			describe_witness(&w, &x, &x.ws[i], " = ", ", ");
			buf_printf(&w, ") ne se construit pas : %s",
			    x.ws[i].message);
			/* About the whole template: line 0. */
			memset(&whole, 0, sizeof(whole));
			whole.src = x.prog->main->src;
			diag(x.ds, E_VARIANT_FAILS, whole.src != NULL ? &whole :
			    NULL, buf_cstr(&w));
			buf_free(&w);
		}
	if (out != NULL) {
		buf_init(&b);
		if (strcmp(format, "json") == 0)
			report_json(&b, &x);
		else if (strcmp(format, "html") == 0)
			report_html(&b, &x);
		else if (o->full_matrix)
			report_texte(&b, &x);
		else
			report_resume(&b, &x);
		if (len != NULL)
			*len = b.len;
		*out = buf_detach(&b);
	}
	vx_free(&x);
}

int
lgc_variantes(lgc_compiler *c, const lgc_variantes_options *o, char **out,
    size_t *len)
{
	const struct program *prog = api_program(c);
	struct diags *ds = api_diags(c);
	int errors = diags_count(ds, SEV_ERROR);
	int fatals = diags_count(ds, SEV_FATAL);
	const char *format = o != NULL ? o->format : NULL;

	if (out != NULL)
		*out = NULL;
	if (len != NULL)
		*len = 0;
	if (prog == NULL)
		return lgc_report(c, "usage", "aucun modèle chargé");
	if (format != NULL && strcmp(format, "texte") != 0 &&
	    strcmp(format, "json") != 0 && strcmp(format, "html") != 0)
		return lgc_report(c, "usage", "format « %s » inconnu pour les "
		    "variantes (texte, json ou html)", format);
	if (o != NULL && o->write_dir != NULL && o->write_format != NULL &&
	    extension_of(c, o->write_format) == NULL)
		return lgc_report(c, "usage", "format « %s » inconnu pour "
		    "--ecrire", o->write_format);
	if (prog->failed) {
		diags_flush(ds);
		return LGC_ERRORS;
	}
	/* The command enables every warning of its own; lgc check
	 * -Wvariantes-… (OUT NULL) those it names. */
	if (out != NULL)
		diags_enable(ds, "variantes");
	variants_run(c, o, out, len);
	diags_flush(ds);
	if (diags_count(ds, SEV_FATAL) > fatals)
		return LGC_FATAL;
	return diags_count(ds, SEV_ERROR) > errors ? LGC_ERRORS : LGC_OK;
}
