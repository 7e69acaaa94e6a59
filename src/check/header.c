/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* A file's header: its declarations become the names it sees, its
 * inputs merge with those of the same name in other files, then the
 * conditions of inputs, the computed values, the rules and the title. */
#include "check/checker.h"

#include <stdlib.h>
#include <string.h>

/* The letter layout's lieu and date: like the title, printed whatever
 * the data, so only from always-present values. */
static void
check_letter(struct checker *ck, struct file_ast *f)
{
	const struct type *t;
	struct facts *k = facts_new();
	struct buf b;
	size_t j;

	ck->title = true;
	ck->header_word = "lieu";
	for (j = 0; f->place != NULL && j < f->place->len; j++)
		if (f->place->parts[j].expr != NULL) {
			check_expr(ck, f->place->parts[j].expr, k, NULL);
			check_printable(ck, f->place->parts[j].expr);
		}
	ck->header_word = "date";
	if (f->date != NULL) {
		t = check_expr(ck, f->date, k, NULL);
		if (!is_error(t) && t->kind != T_DATE) {
			buf_init(&b);
			diag(ck->ds, E_DATE_TYPE, &f->date->loc,
			    describe(&b, t));
			buf_free(&b);
		}
	}
	ck->header_word = NULL;
	ck->title = false;
	facts_free(k);
}

static struct symbol *
new_symbol(struct checker *ck, enum symbol_kind kind, const char *name)
{
	struct symbol *s = xcalloc(1, sizeof(*s));

	s->kind = kind;
	s->name = name;
	ptrvec_push(&ck->prog->symbols, s);
	return s;
}

static const char *
input_difference(const struct input *in, const struct decl *d)
{
	bool same_cstr;
	size_t i;

	if (!type_equal(in->type, d->ty) && !is_error(in->type) &&
	    !is_error(d->ty))
		return "un autre type";
	same_cstr = in->cstr->kind == d->cstr_value.kind;
	if (same_cstr && in->cstr->kind == CSTR_ENTRE)
		same_cstr = in->cstr->lo && d->cstr_value.lo &&
		    value_equal(in->cstr->lo, d->cstr_value.lo) &&
		    value_equal(in->cstr->hi, d->cstr_value.hi);
	if (same_cstr && in->cstr->kind == CSTR_PARMI) {
		same_cstr = in->cstr->nset == d->cstr_value.nset;
		for (i = 0; same_cstr && i < in->cstr->nset; i++)
			same_cstr = value_equal(&in->cstr->set[i],
			    &d->cstr_value.set[i]);
	}
	if (!same_cstr)
		return "une autre contrainte";
	if ((in->def == NULL) != (d->def_value == NULL) ||
	    (in->def != NULL && !value_equal(in->def, d->def_value)))
		return "une autre valeur par défaut";
	if (in->optional != d->optional ||
	    !expr_equal(in->decl->cond, d->cond))
		return "une autre condition";
	return NULL;
}

static void
merge_input(struct checker *ck, struct scope *sc, struct decl *d,
    struct symbol *s)
{
	struct input *in = strmap_get(&ck->inputs, d->name);
	const char *difference;

	if (in == NULL) {
		in = xcalloc(1, sizeof(*in));
		in->name = xstrdup(d->name);
		in->decl = d;
		in->file = sc->file;
		in->label = d->label;
		in->type = d->ty;
		in->cstr = &d->cstr_value;
		in->def = d->def_value;
		in->optional = d->optional;
		in->index = ck->prog->inputs.len;
		ptrvec_push(&ck->prog->inputs, in);
		strmap_put(&ck->inputs, in->name, in);
	} else if ((difference = input_difference(in, d)) != NULL) {
		struct diagnostic *diagnostic = diag(ck->ds, E_INPUT_CONFLICT,
		    &d->loc, d->name, difference);

		diag_note(diagnostic, &in->decl->loc, "autre déclaration");
	} else if (in->label == NULL)
		in->label = d->label;
	d->input = in;
	s->input = in;
	s->type = in->type;
}

void
check_header(struct checker *ck, struct scope *sc)
{
	struct file_ast *f = sc->file;
	struct scope *saved = ck->scope;
	size_t i, j;

	if (sc->header_done)
		return;
	sc->header_done = true;
	ck->scope = sc;
	check_types(ck, sc);
	for (i = 0; i < f->ndecls; i++) {
		struct decl *d = f->decls[i];
		struct symbol *s, *first;
		enum symbol_kind kind;

		if ((first = scope_symbol(sc, d->name)) != NULL) {
			struct diagnostic *dd = diag(ck->ds, E_DUP_NAME, &d->loc,
			    d->name);

			diag_note(dd, &first->decl->loc, "première déclaration");
			continue;
		}
		kind = d->kind == DECL_ENTREE ? SYM_INPUT :
		    d->kind == DECL_PARAMETRE ? SYM_PARAM : SYM_SOIT;
		s = new_symbol(ck, kind, d->name);
		s->decl = d;
		ptrvec_push(&sc->symbols, s);
		strmap_put(&sc->by_name, s->name, s);
		if (d->kind == DECL_SOIT) {
			d->index = f->nsoits++;
			continue;
		}
		if (d->kind == DECL_PARAMETRE)
			d->index = f->nparams++;
		d->ty = resolve_type(ck, sc, d->type);
		s->type = d->ty;
		resolve_constraint(ck, sc, d->cstr, d->ty, &d->cstr_value);
		if (d->def != NULL) {
			d->def_value = xcalloc(1, sizeof(*d->def_value));
			if (const_value(ck, sc, d->def, d->ty, d->def_value)) {
				struct buf why;

				buf_init(&why);
				if (!constraint_holds(&d->cstr_value,
				    d->def_value, &why))
					diag(ck->ds, E_DEFAULT_CONSTRAINT,
					    &d->def->loc, buf_cstr(&why));
				buf_free(&why);
			} else {
				free(d->def_value);
				d->def_value = NULL;
			}
		}
		if (d->kind == DECL_ENTREE)
			merge_input(ck, sc, d, s);
	}
	for (i = 0; i < f->ndecls; i++) {
		struct decl *d = f->decls[i];

		if (d->kind == DECL_ENTREE && d->input != NULL &&
		    d->input->decl == d)
			input_requirement(ck, d->input);
		else if (d->kind == DECL_ENTREE && d->input != NULL &&
		    d->cond != NULL) {
			/* A merged declaration: its condition is checked
			 * too, so that its names are resolved. */
			struct expr *r = collect_requirements(ck, d->cond, true);

			expr_free(r);
		}
	}
	for (i = 0; i < f->ndecls; i++)
		if (f->decls[i]->kind == DECL_SOIT && f->decls[i]->visiting == 0)
			soit_requirement(ck, f->decls[i]);
	for (i = 0; i < f->nrules; i++) {
		struct rule *r = f->rules[i];
		struct facts *k = facts_new();

		/* The rule is checked where its condition can be evaluated;
		 * its message is printed where, moreover, the condition is
		 * false: the message's values must exist there. */
		r->requirement = collect_requirements(ck, r->cond, true);
		if (r->requirement != NULL)
			facts_assume(k, r->requirement, true);
		facts_assume(k, r->cond, false);
		for (j = 0; j < r->message->len; j++)
			if (r->message->parts[j].expr != NULL) {
				check_expr(ck, r->message->parts[j].expr, k, NULL);
				check_printable(ck, r->message->parts[j].expr);
			}
		facts_free(k);
	}
	if (f->title != NULL) {
		struct facts *k = facts_new();

		ck->title = true;
		for (j = 0; j < f->title->len; j++)
			if (f->title->parts[j].expr != NULL) {
				check_expr(ck, f->title->parts[j].expr, k, NULL);
				check_printable(ck, f->title->parts[j].expr);
			}
		ck->title = false;
		facts_free(k);
	}
	check_letter(ck, f);
	ck->scope = saved;
}
