/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The values of each decision (lgc variantes): those its conditions
 * tell apart — the two of a booléen, a choix's, « absent » for an
 * optional input, for numbers, amounts, dates, durations and texts the
 * constants they are compared with and their neighbours, within the
 * declared bounds —, and the smallest valid value of any input, which
 * the witnesses give the inputs that are no decision. */
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "check/program.h"
#include "lang/decimal.h"
#include "lang/french.h"
#include "lang/types.h"
#include "schema/schema.h"
#include "variantes/variantes.h"

#define SAMPLE_DEPTH	6	/* records within records filled */

/* The constant C moved by DELTA of T's smallest step (1, a day, a unit
 * of C's duration), as a value of T; false when it cannot be. */
static bool
step(const struct type *t, const struct value *c, int delta, struct value *out)
{
	dec_t d, one;

	memset(out, 0, sizeof(*out));
	switch (t->kind) {
	case T_ENTIER:
		out->kind = T_ENTIER;
		if (c->kind == T_ENTIER)
			out->u.integer = c->u.integer + delta;
		else if (c->kind == T_DECIMAL)
			out->u.integer = dec_trunc(c->u.dec) + delta;
		else
			return false;
		return true;
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
		if (!value_to_dec(c, &d) || dec_from_int(delta, &one) !=
		    DEC_OK || dec_add(d, one, &out->u.dec) != DEC_OK)
			return false;
		out->kind = t->kind;
		return true;
	case T_DATE:
		if (c->kind != T_DATE || !date_add_days(c->u.date, delta,
		    &out->u.date))
			return false;
		out->kind = T_DATE;
		return true;
	case T_DUREE:
		if (c->kind != T_DUREE || c->u.duree.count + delta < 0)
			return false;
		out->kind = T_DUREE;
		out->u.duree.count = c->u.duree.count + delta;
		out->u.duree.unit = c->u.duree.unit;
		return true;
	case T_TEXTE:
		if (c->kind != T_TEXTE || delta != 0)
			return false;
		value_copy(out, c);
		return true;
	case T_ERROR:
	case T_BOOLEEN:
	case T_CHOIX:
	case T_LISTE:
	case T_RECORD:
		return false;
	}
	return false;
}

static bool
allowed(const struct constraint *c, const struct value *v)
{
	struct buf why;
	bool ok;

	buf_init(&why);
	ok = constraint_holds(c, v, &why);
	buf_free(&why);
	return ok;
}

static json_t *
sample_scalar(const struct type *t, const struct constraint *c,
    const char *label)
{
	struct value v, one;
	json_t *j;

	if (c != NULL && c->kind == CSTR_PARMI && c->nset > 0)
		return schema_value_json(&c->set[0]);
	if (c != NULL && c->kind == CSTR_ENTRE && c->lo != NULL)
		return schema_value_json(c->lo);
	memset(&one, 0, sizeof(one));
	switch (t->kind) {
	case T_TEXTE:
		return json_string(label != NULL && *label != '\0' ? label :
		    "texte");
	case T_ENTIER:
		one.kind = T_ENTIER;
		one.u.integer = 1;
		break;
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
		one.kind = t->kind;
		(void)dec_from_int(1, &one.u.dec);
		break;
	case T_DATE:
		one.kind = T_DATE;
		one.u.date.year = 2026;
		one.u.date.month = 1;
		one.u.date.day = 1;
		break;
	case T_DUREE:
		one.kind = T_DUREE;
		one.u.duree.count = 1;
		one.u.duree.unit = DUREE_MOIS;
		break;
	case T_BOOLEEN:
		return json_false();
	case T_CHOIX:
		return json_string(t->nvalues > 0 ? t->values[0].name : "");
	case T_ERROR:
	case T_LISTE:
	case T_RECORD:
		return json_null();
	}
	/* Above a maximum below 1: the maximum. */
	if (c != NULL && c->kind == CSTR_ENTRE && c->hi != NULL &&
	    !allowed(c, &one))
		return schema_value_json(c->hi);
	v = one;
	j = schema_value_json(&v);
	return j;
}

json_t *
sample(const struct type *t, const struct constraint *c, const char *label,
    int depth)
{
	json_t *o;
	size_t i;

	switch (t->kind) {
	case T_LISTE:
		o = json_array();
		if (depth < SAMPLE_DEPTH && t->elem != NULL)
			json_array_append_new(o, sample(t->elem, NULL, label,
			    depth + 1));
		return o;
	case T_RECORD:
		o = json_object();
		for (i = 0; i < t->nfields && depth < SAMPLE_DEPTH; i++) {
			const struct field *f = &t->fields[i];

			if (f->def != NULL)
				continue;
			json_object_set_new(o, f->name, sample(f->type,
			    &f->cstr, f->label != NULL ? f->label : f->name,
			    depth + 1));
		}
		return o;
	case T_ERROR:
	case T_TEXTE:
	case T_ENTIER:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DATE:
	case T_DUREE:
	case T_BOOLEEN:
	case T_CHOIX:
		return sample_scalar(t, c, label);
	}
	return json_null();
}

/* A value of D's decision: J its JSON (NULL: absent), V the same as a
 * value (NULL: absent), SHOWN as the report prints it. */
static void
dim_push(struct dim *d, json_t *j, const struct value *v, const char *shown)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if ((j == NULL) == (d->values[i] == NULL) &&
		    (j == NULL || json_equal(j, d->values[i]))) {
			json_decref(j);
			return;
		}
	d->values = xgrow(d->values, d->n, sizeof(*d->values));
	d->shown = xgrow(d->shown, d->n, sizeof(*d->shown));
	d->vals = xgrow(d->vals, d->n, sizeof(*d->vals));
	d->has = xgrow(d->has, d->n, sizeof(*d->has));
	d->values[d->n] = j;
	d->shown[d->n] = xstrdup(shown);
	memset(&d->vals[d->n], 0, sizeof(d->vals[d->n]));
	d->has[d->n] = v != NULL;
	if (v != NULL)
		value_copy(&d->vals[d->n], v);
	d->n++;
}

/* A booléen, a choice of T or a text as a value. */
static struct value *
simple_value(struct value *v, enum type_kind kind, const struct type *t)
{
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->type = t;
	return v;
}

static void
dim_push_value(struct dim *d, const struct value *v)
{
	struct buf b;

	buf_init(&b);
	/* A text compared with "" is told empty or filled. */
	if (v->kind == T_TEXTE && *v->u.text == '\0')
		buf_puts(&b, "vide");
	else if (v->kind == T_TEXTE)
		buf_printf(&b, "« %s »", v->u.text);
	else
		value_print_literal(&b, v);
	dim_push(d, schema_value_json(v), v, buf_cstr(&b));
	buf_free(&b);
}

static int
cmp_values(const void *a, const void *b)
{
	bool comparable;

	return value_compare(a, b, &comparable);
}

/* Between two cuts of a décimal, montant or pourcentage closer than
 * 2 apart, the neighbours at 1 miss the values strictly between them:
 * their midpoint stands for those. */
static void
add_midpoints(const struct dim *d, struct value **cand, size_t *ncand)
{
	const struct type *t = d->in->type;
	struct value *cuts;
	size_t i;
	dec_t a, b, sum, two, mid;

	if (t->kind != T_DECIMAL && t->kind != T_MONTANT &&
	    t->kind != T_POURCENTAGE)
		return;
	if (d->ncuts < 2)
		return;
	cuts = xcalloc(d->ncuts, sizeof(*cuts));
	memcpy(cuts, d->cuts, d->ncuts * sizeof(*cuts));
	qsort(cuts, d->ncuts, sizeof(*cuts), cmp_values);
	for (i = 0; i + 1 < d->ncuts; i++) {
		struct value v;

		if (!value_to_dec(&cuts[i], &a) ||
		    !value_to_dec(&cuts[i + 1], &b) ||
		    dec_sub(b, a, &sum) != DEC_OK ||
		    dec_from_int(2, &two) != DEC_OK ||
		    dec_cmp(sum, two) > 0 ||
		    dec_add(a, b, &sum) != DEC_OK ||
		    dec_from_int(2, &two) != DEC_OK ||
		    dec_div(sum, two, &mid) != DEC_OK)
			continue;
		memset(&v, 0, sizeof(v));
		v.kind = t->kind;
		v.u.dec = mid;
		if (!allowed(d->in->cstr, &v))
			continue;
		*cand = xgrow(*cand, *ncand, sizeof(**cand));
		(*cand)[(*ncand)++] = v;
	}
	free(cuts);
}

/* Whether C sets no lower bound. */
static bool
unbounded_below(const struct constraint *c)
{
	return c == NULL || c->kind != CSTR_ENTRE || c->lo == NULL;
}

/* A montant below 0 €: a sum of money in a contract is written
 * without a sign (design: `NUM €` literals are unsigned), so a witness
 * never takes one unless the declaration allows it by its bounds. */
static bool
negative_amount(const struct value *v)
{
	dec_t zero;

	return v->kind == T_MONTANT && dec_from_int(0, &zero) == DEC_OK &&
	    dec_cmp(v->u.dec, zero) < 0;
}

/* The values of D's decision: those its conditions tell apart. */
void
dim_values(struct dim *d)
{
	const struct input *in = d->in;
	const struct type *t = in->type;
	const struct constraint *c = in->cstr;
	struct value *cand = NULL;
	size_t ncand = 0, i;
	int delta;
	json_t *j;
	struct buf b;
	struct value sv;

	buf_init(&b);
	switch (t->kind) {
	case T_BOOLEEN:
		simple_value(&sv, T_BOOLEEN, NULL)->u.boolean = false;
		dim_push(d, json_false(), &sv, "faux");
		sv.u.boolean = true;
		dim_push(d, json_true(), &sv, "vrai");
		break;
	case T_CHOIX:
		for (i = 0; i < t->nvalues; i++) {
			struct value v;

			memset(&v, 0, sizeof(v));
			v.kind = T_CHOIX;
			v.type = t;
			v.u.choice = i;
			if (c->kind == CSTR_PARMI && !allowed(c, &v))
				continue;
			dim_push(d, json_string(t->values[i].name), &v,
			    t->values[i].name);
		}
		break;
	case T_TEXTE:
		/* The libellé as sample text: shown as « rempli », the
		 * witness's data holding the text itself. */
		j = sample(t, c, in->label != NULL ? in->label : in->name, 0);
		simple_value(&sv, T_TEXTE, NULL)->u.text = (char *)(
		    json_is_string(j) ? json_string_value(j) : "");
		dim_push(d, j, &sv, "rempli");
		for (i = 0; i < d->ncuts; i++)
			if (allowed(c, &d->cuts[i]))
				dim_push_value(d, &d->cuts[i]);
		break;
	case T_ENTIER:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DATE:
	case T_DUREE:
		if (d->ncuts == 0)
			break;
		if (c->kind == CSTR_PARMI) {
			for (i = 0; i < c->nset; i++)
				dim_push_value(d, &c->set[i]);
			break;
		}
		if (c->kind == CSTR_ENTRE && c->lo != NULL) {
			cand = xgrow(cand, ncand, sizeof(*cand));
			value_copy(&cand[ncand++], c->lo);
		}
		for (i = 0; i < d->ncuts; i++)
			for (delta = -1; delta <= 1; delta++) {
				struct value v;

				if (!step(t, &d->cuts[i], delta, &v))
					continue;
				if (!allowed(c, &v) || (unbounded_below(c) &&
				    negative_amount(&v))) {
					value_free(&v);
					continue;
				}
				cand = xgrow(cand, ncand, sizeof(*cand));
				cand[ncand++] = v;
			}
		add_midpoints(d, &cand, &ncand);
		if (ncand > 1)
			qsort(cand, ncand, sizeof(*cand), cmp_values);
		for (i = 0; i < ncand; i++) {
			dim_push_value(d, &cand[i]);
			value_free(&cand[i]);
		}
		free(cand);
		break;
	case T_ERROR:
	case T_LISTE:
	case T_RECORD:
		break;
	}
	/* Absent, when it may be and the template tells it apart. */
	if (in->optional && in->def == NULL && d->n > 0)
		dim_push(d, NULL, NULL, "absent");
	else if (in->optional && in->def == NULL && d->presence) {
		/* Present, its value unknown to the conditions' reader:
		 * only its presence is tested. */
		dim_push(d, sample(t, c, in->label != NULL ? in->label :
		    in->name, 0), NULL, "présent");
		dim_push(d, NULL, NULL, "absent");
	}
	buf_free(&b);
}
