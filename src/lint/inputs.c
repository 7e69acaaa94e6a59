/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The client inputs that allow a risky value: a notice (« préavis »)
 * that may be under 14 days, and a guarantee whose extent no input
 * quantifies.  Read from the checked program's inputs, by name and
 * libellé, type and constraint. */
#include "lint/internal.h"

#include <stdlib.h>
#include <string.h>

/* The shortest notice that does not look abrupt. */
#define MIN_NOTICE_DAYS		14

/* The input's name and libellé, folded. */
static char *
input_words(const struct input *in)
{
	char *s = xasprintf("%s %s", in->name, in->label ? in->label : "");
	char *f = fold(s);

	free(s);
	return f;
}

/* Whether a notice bound V is under the minimum; an entier counts
 * DAYS_PER_UNIT days each (0: months). */
static bool
notice_below(const struct value *v, int days_per_unit)
{
	switch (v->kind) {
	case T_ENTIER:
		if (days_per_unit == 0)
			return v->u.integer < 1;
		return v->u.integer < (MIN_NOTICE_DAYS + days_per_unit - 1) /
		    days_per_unit;
	case T_DUREE:
		if (duree_unit_family(v->u.duree.unit) == FAMILY_MONTHS)
			return duree_base_count(v) < 1;
		return duree_base_count(v) < MIN_NOTICE_DAYS;
	case T_ERROR:
	case T_TEXTE:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DATE:
	case T_BOOLEEN:
	case T_CHOIX:
	case T_LISTE:
	case T_RECORD:
		return false;
	}
	return false;
}

static void
check_notice(const struct input *in, struct findings *fs)
{
	const struct constraint *c = in->cstr;
	enum type_kind kind = in->type != NULL ? in->type->kind : T_ERROR;
	char *words;
	int per_unit = 1;
	const char *example;
	struct buf why, fix;
	size_t i;
	bool short_notice = false;

	if (kind != T_ENTIER && kind != T_DUREE)
		return;
	words = input_words(in);
	if (strstr(words, "preavis") == NULL) {
		free(words);
		return;
	}
	/* An entier counts days unless its name says otherwise. */
	if (kind == T_ENTIER && strstr(words, "mois") != NULL)
		per_unit = 0;
	else if (kind == T_ENTIER && strstr(words, "semaine") != NULL)
		per_unit = 7;
	free(words);
	example = kind == T_DUREE ? "« entre 14 jours et 90 jours »" :
	    per_unit == 0 ? "« entre 1 et 6 »" :
	    per_unit == 7 ? "« entre 2 et 12 »" : "« entre 14 et 90 »";
	buf_init(&why);
	buf_init(&fix);
	buf_printf(&fix, "bornez l'entrée, par exemple %s", example);
	switch (c != NULL ? c->kind : CSTR_NONE) {
	case CSTR_NONE:
		short_notice = true;
		buf_puts(&why, "aucune borne");
		break;
	case CSTR_ENTRE:
		if (c->lo != NULL && notice_below(c->lo, per_unit)) {
			short_notice = true;
			buf_puts(&why, "la borne basse est ");
			value_print_literal(&why, c->lo);
		}
		break;
	case CSTR_PARMI:
		for (i = 0; i < c->nset && !short_notice; i++)
			if (notice_below(&c->set[i], per_unit)) {
				short_notice = true;
				buf_puts(&why, "« parmi » permet ");
				value_print_literal(&why, &c->set[i]);
				buf_reset(&fix);
				buf_puts(&fix, "retirez de « parmi » les valeurs "
				    "de moins de 14 jours");
			}
		break;
	}
	if (short_notice)
		add_finding(fs, R_PREAVIS, &in->decl->loc, in->name,
		    buf_cstr(&why), buf_cstr(&fix));
	buf_free(&why);
	buf_free(&fix);
}

static bool
expr_mentions(const struct expr *e, const char *name)
{
	size_t i;

	if (e == NULL)
		return false;
	switch (e->kind) {
	case EX_LITERAL:
		return false;
	case EX_NAME:
		return strcmp(e->u.name, name) == 0;
	case EX_FIELD:
		return expr_mentions(e->u.field.obj, name);
	case EX_CALL:
		for (i = 0; i < e->u.call.nargs; i++)
			if (expr_mentions(e->u.call.args[i], name))
				return true;
		return false;
	case EX_RECORD:
		for (i = 0; i < e->u.record.nfields; i++)
			if (expr_mentions(e->u.record.fields[i].value, name))
				return true;
		return false;
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
		return expr_mentions(e->u.operand, name);
	case EX_BINARY:
		return expr_mentions(e->u.binary.lhs, name) ||
		    expr_mentions(e->u.binary.rhs, name);
	case EX_LIST:
		for (i = 0; i < e->u.list.n; i++)
			if (expr_mentions(e->u.list.items[i], name))
				return true;
		return false;
	}
	return false;
}

/* A quantity: a number, an amount, a rate or a duration. */
static bool
is_quantity(const struct type *t)
{
	if (t == NULL)
		return false;
	switch (t->kind) {
	case T_ENTIER:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DUREE:
		return true;
	case T_ERROR:
	case T_TEXTE:
	case T_DATE:
	case T_BOOLEEN:
	case T_CHOIX:
	case T_LISTE:
	case T_RECORD:
		return false;
	}
	return false;
}

/* Whether a numeric input exists only "si" a condition naming NAME. */
static bool
quantified(const struct program *prog, const char *name)
{
	size_t i, k;

	for (i = 0; i < prog->files.len; i++) {
		const struct file_ast *f = prog->files.items[i];

		for (k = 0; k < f->ndecls; k++) {
			const struct decl *d = f->decls[k];

			if (d->kind == DECL_ENTREE && is_quantity(d->ty) &&
			    expr_mentions(d->cond, name))
				return true;
		}
	}
	return false;
}

/* Whether an input that E names is quantified. */
static bool
names_quantified(const struct program *prog, const struct expr *e)
{
	size_t i;

	if (e == NULL)
		return false;
	switch (e->kind) {
	case EX_LITERAL:
		return false;
	case EX_NAME:
		return quantified(prog, e->u.name);
	case EX_FIELD:
		return names_quantified(prog, e->u.field.obj);
	case EX_CALL:
		for (i = 0; i < e->u.call.nargs; i++)
			if (names_quantified(prog, e->u.call.args[i]))
				return true;
		return false;
	case EX_RECORD:
		for (i = 0; i < e->u.record.nfields; i++)
			if (names_quantified(prog,
			    e->u.record.fields[i].value))
				return true;
		return false;
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
		return names_quantified(prog, e->u.operand);
	case EX_BINARY:
		return names_quantified(prog, e->u.binary.lhs) ||
		    names_quantified(prog, e->u.binary.rhs);
	case EX_LIST:
		for (i = 0; i < e->u.list.n; i++)
			if (names_quantified(prog, e->u.list.items[i]))
				return true;
		return false;
	}
	return false;
}

/* A guarantee is quantified by a numeric input that exists only under
 * it, or, for an option of a guarantee ("si garantie_resultats"), under
 * the guarantee it refines. */
static void
check_guarantee(const struct program *prog, const struct input *in,
    struct findings *fs)
{
	char *words;
	bool named;

	if (in->type == NULL || in->type->kind != T_BOOLEEN)
		return;
	words = input_words(in);
	named = strstr(words, "garanti") != NULL;
	free(words);
	if (!named || quantified(prog, in->name) ||
	    names_quantified(prog, in->decl->cond))
		return;
	add_finding(fs, R_GARANTIE, &in->decl->loc, in->name, in->name, NULL);
}

void
find_risky_inputs(const struct program *prog, const struct file_ast *f,
    struct findings *fs)
{
	size_t i;

	/* Types and constraints are only trustworthy in a checked program. */
	if (prog->failed)
		return;
	for (i = 0; i < prog->inputs.len; i++) {
		const struct input *in = prog->inputs.items[i];

		if (in->file != f || in->decl == NULL)
			continue;
		check_notice(in, fs);
		check_guarantee(prog, in, fs);
	}
}
