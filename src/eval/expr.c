/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Values (expr.h): the client's inputs resolved on first use, and the
 * expressions of the template computed from them. */
#include "eval/expr.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/data.h"
#include "eval/stream.h"
#include "lang/french.h"
#include "lang/functions.h"

enum input_state {
	INPUT_UNKNOWN,
	INPUT_VISITING,
	INPUT_PRESENT,
	INPUT_ABSENT,
	INPUT_FAILED
};

struct input_slot {
	enum input_state state;
	struct value	 value;		/* INPUT_PRESENT, unless DATA */
	const struct value *data;	/* the data's value (data_value), or
					 * NULL */
};

static bool
set_unknown(struct value *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = T_ERROR;
	return true;
}

/* Parameters take their defaults, before any argument is bound. */
static void
bind_defaults(struct frame *fr)
{
	size_t i;

	for (i = 0; i < fr->file->ndecls; i++) {
		const struct decl *d = fr->file->decls[i];

		if (d->kind == DECL_PARAMETRE && d->def_value != NULL)
			value_copy(&fr->params[d->index], d->def_value);
	}
}

/* The client inputs E reads, each once, in order of appearance: those
 * the values computed by "soit" read too, since a rule on an acompte is
 * a rule on the forfait it comes from.  SOITS holds the ones followed,
 * so that each is read once. */
static void
rule_inputs(const struct expr *e, struct ptrvec *seen, struct ptrvec *soits)
{
	size_t i;

	if (e == NULL)
		return;
	switch (e->kind) {
	case EX_LITERAL:
		return;
	case EX_NAME:
		if (e->sym != NULL && e->sym->kind == SYM_INPUT) {
			for (i = 0; i < seen->len; i++)
				if (seen->items[i] == e->sym->input)
					return;
			ptrvec_push(seen, (void *)e->sym->input);
		} else if (e->sym != NULL && e->sym->kind == SYM_SOIT) {
			for (i = 0; i < soits->len; i++)
				if (soits->items[i] == e->sym->decl)
					return;
			ptrvec_push(soits, e->sym->decl);
			rule_inputs(e->sym->decl->value, seen, soits);
		}
		return;
	case EX_FIELD:
		rule_inputs(e->u.field.obj, seen, soits);
		return;
	case EX_CALL:
		for (i = 0; i < e->u.call.nargs; i++)
			rule_inputs(e->u.call.args[i], seen, soits);
		return;
	case EX_RECORD:
		for (i = 0; i < e->u.record.nfields; i++)
			rule_inputs(e->u.record.fields[i].value, seen, soits);
		return;
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
		rule_inputs(e->u.operand, seen, soits);
		return;
	case EX_BINARY:
		rule_inputs(e->u.binary.lhs, seen, soits);
		rule_inputs(e->u.binary.rhs, seen, soits);
		return;
	case EX_LIST:
		for (i = 0; i < e->u.list.n; i++)
			rule_inputs(e->u.list.items[i], seen, soits);
		return;
	}
}

/* DG's note on input IN, located in the data that gives it: its name,
 * libellé, value (or absence) and JSON path. */
static void
note_input(struct eval *ev, struct diagnostic *dg, const struct input *in)
{
	const struct value *v = input_value(ev, in->index);
	struct loc l = data_input_loc(ev->data, in);
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "« %s »", in->name);
	if (in->label != NULL && in->label[0] != '\0')
		buf_printf(&b, " (%s)", in->label);
	if (v != NULL) {
		buf_puts(&b, " vaut ");
		value_print(&b, v);
	} else
		buf_puts(&b, " est absent");
	buf_printf(&b, " ; chemin JSON : %s", in->name);
	diag_note(dg, &l, "%s", buf_cstr(&b));
	buf_free(&b);
}

/* An error found while computing E (division by zero, overflow, days
 * against months) comes from the data: it names the inputs E reads, as a
 * failed exiger does. */
static void
expr_error(struct eval *ev, enum diag_code code, const struct expr *e)
{
	struct buf text;

	buf_init(&text);
	expr_print(&text, e);
	note_inputs(ev, diag(ev->ds, code, &e->loc, buf_cstr(&text)), e);
	buf_free(&text);
}

static void
set_bool(struct value *out, bool b)
{
	memset(out, 0, sizeof(*out));
	out->kind = T_BOOLEEN;
	out->u.boolean = b;
}

static bool
eval_soit(struct eval *ev, const struct decl *d, struct value *out)
{
	struct frame *fr = ev->frame;
	int i = d->index;

	if (fr->soit_state[i] == 2) {
		value_copy(out, &fr->soits[i]);
		return true;
	}
	if (fr->soit_state[i] != 0)
		return false;
	fr->soit_state[i] = 1;
	if (!eval_expr(ev, d->value, &fr->soits[i])) {
		fr->soit_state[i] = 3;
		return false;
	}
	fr->soit_state[i] = 2;
	value_copy(out, &fr->soits[i]);
	return true;
}

/* Unknown counts as false: a draft's undecidable input is absent, its
 * undecidable rule is not checked. */
static bool
eval_condition(struct eval *ev, const struct expr *e, bool *out)
{
	enum truth t = eval_truth(ev, e);

	*out = t == TRUTH_TRUE;
	return t != TRUTH_ERROR;
}

/* The data gives IN although its condition does not hold. */
static void
report_ignored(struct eval *ev, const struct input *in)
{
	struct loc l = data_input_loc(ev->data, in);
	struct buf cond;

	buf_init(&cond);
	expr_print(&cond, in->requirement);
	diag(ev->ds, W_DATA_IGNORED, &l, in->name, buf_cstr(&cond));
	buf_free(&cond);
}

static enum input_state
resolve(struct eval *ev, const struct input *in, struct input_slot *slot)
{
	struct value *out = &slot->value;

	bool holds;

	if (data_broken(ev->data))
		return INPUT_FAILED;
	if (in->requirement != NULL) {
		if (!eval_condition(ev, in->requirement, &holds))
			return INPUT_FAILED;
		if (!holds) {
			if (data_gives(ev->data, in))
				report_ignored(ev, in);
			return INPUT_ABSENT;
		}
	}
	if (data_gives(ev->data, in))
		return (slot->data = data_value(ev->data, in)) != NULL ?
		    INPUT_PRESENT : INPUT_FAILED;
	if (in->def != NULL) {
		value_copy(out, in->def);
		return INPUT_PRESENT;
	}
	if (in->optional || ev->draft)
		return INPUT_ABSENT;
	data_report_missing(ev->data, in);
	return INPUT_FAILED;
}

static bool
eval_name(struct eval *ev, const struct expr *e, struct value *out)
{
	const struct symbol *s = e->sym;
	const struct value *v;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (s == NULL) {
		if (e->choice < 0 || e->type == NULL)
			return false;
		out->kind = e->type->kind;
		out->type = e->type;
		if (e->type->kind == T_BOOLEEN)
			out->u.boolean = e->choice == 1;
		else
			out->u.choice = (size_t)e->choice;
		return true;
	}
	switch (s->kind) {
	case SYM_INPUT:
		v = input_value(ev, s->input->index);
		if (v == NULL && ev->draft &&
		    !input_failed(ev, s->input->index))
			return set_unknown(out);
		if (v == NULL) {
			if (!input_failed(ev, s->input->index))
				diag(ev->ds, E_PRESENCE, &e->loc, e->u.name,
				    "ses conditions sont remplies");
			return false;
		}
		value_copy(out, v);
		return true;
	case SYM_PARAM:
		value_copy(out, &ev->frame->params[s->decl->index]);
		return true;
	case SYM_SOIT:
		return eval_soit(ev, s->decl, out);
	case SYM_LOOP:
		for (i = ev->nloops; i-- > 0;)
			if (ev->loops[i].sym == s) {
				value_copy(out, ev->loops[i].value);
				return true;
			}
		return false;
	}
	return false;
}

static bool
dec_result(struct eval *ev, const struct expr *e, enum dec_status st,
    enum type_kind kind, dec_t d, struct value *out)
{
	memset(out, 0, sizeof(*out));
	if (st == DEC_OK && kind == T_MONTANT)
		st = dec_round(d, 2, &d);
	if (st == DEC_DIVZERO) {
		expr_error(ev, E_DIV_ZERO, e);
		return false;
	}
	if (st != DEC_OK) {
		expr_error(ev, E_OVERFLOW, e);
		return false;
	}
	out->kind = kind;
	out->u.dec = d;
	return true;
}

static bool
date_result(struct eval *ev, const struct expr *e, bool ok, struct date d,
    struct value *out)
{
	memset(out, 0, sizeof(*out));
	if (!ok) {
		expr_error(ev, E_DATE_RANGE, e);
		return false;
	}
	out->kind = T_DATE;
	out->u.date = d;
	return true;
}

/* date ± durée: months clamp to the end of the month (rule 22). */
static bool
shift_date(struct eval *ev, const struct expr *e, struct date d,
    const struct value *dur, int sign, struct value *out)
{
	struct date r;
	int64_t n = duree_base_count(dur) * sign;
	bool ok;

	if (duree_unit_family(dur->u.duree.unit) == FAMILY_MONTHS)
		ok = date_add_months(d, n, &r);
	else
		ok = date_add_days(d, n, &r);
	return date_result(ev, e, ok, r, out);
}

static bool
add_durees(struct eval *ev, const struct expr *e, const struct value *a,
    const struct value *b, int sign, struct value *out)
{
	int64_t ca, cb, sum;

	memset(out, 0, sizeof(*out));
	if (duree_unit_family(a->u.duree.unit) !=
	    duree_unit_family(b->u.duree.unit)) {
		expr_error(ev, E_DUREE_FAMILY, e);
		return false;
	}
	out->kind = T_DUREE;
	if (a->u.duree.unit == b->u.duree.unit) {
		ca = a->u.duree.count;
		cb = b->u.duree.count;
		out->u.duree.unit = a->u.duree.unit;
	} else {
		ca = duree_base_count(a);
		cb = duree_base_count(b);
		out->u.duree.unit = duree_unit_family(a->u.duree.unit) ==
		    FAMILY_DAYS ? DUREE_JOUR : DUREE_MOIS;
	}
	if (__builtin_add_overflow(ca, sign * cb, &sum)) {
		expr_error(ev, E_OVERFLOW, e);
		return false;
	}
	out->u.duree.count = sum;
	return true;
}

static bool
eval_arith(struct eval *ev, const struct expr *e, const struct value *a,
    const struct value *b, struct value *out)
{
	enum binop op = e->u.binary.op;
	enum type_kind ka = a->kind, kb = b->kind;
	dec_t da, db, r, hundred = { 100, 1 };
	enum dec_status st;
	int64_t n;

	memset(out, 0, sizeof(*out));
	if (ka == T_ENTIER && kb == T_ENTIER && op != OP_DIV) {
		bool overflow = op == OP_ADD ?
		    __builtin_add_overflow(a->u.integer, b->u.integer, &n) :
		    op == OP_SUB ?
		    __builtin_sub_overflow(a->u.integer, b->u.integer, &n) :
		    __builtin_mul_overflow(a->u.integer, b->u.integer, &n);

		if (overflow) {
			expr_error(ev, E_OVERFLOW, e);
			return false;
		}
		out->kind = T_ENTIER;
		out->u.integer = n;
		return true;
	}
	if (ka == T_DATE && kb == T_DUREE)
		return shift_date(ev, e, a->u.date, b, op == OP_SUB ? -1 : 1,
		    out);
	if (ka == T_DUREE && kb == T_DATE)
		return shift_date(ev, e, b->u.date, a, 1, out);
	if (ka == T_DATE && kb == T_DATE) {
		out->kind = T_DUREE;
		out->u.duree.unit = DUREE_JOUR;
		out->u.duree.count = date_to_days(a->u.date) -
		    date_to_days(b->u.date);
		return true;
	}
	if (ka == T_DUREE && kb == T_DUREE)
		return add_durees(ev, e, a, b, op == OP_SUB ? -1 : 1, out);
	if (ka == T_DUREE || kb == T_DUREE) {
		const struct value *d = ka == T_DUREE ? a : b;
		const struct value *k = ka == T_DUREE ? b : a;

		out->kind = T_DUREE;
		out->u.duree.unit = d->u.duree.unit;
		if (__builtin_mul_overflow(d->u.duree.count, k->u.integer,
		    &out->u.duree.count)) {
			expr_error(ev, E_OVERFLOW, e);
			return false;
		}
		return true;
	}
	if (ka == T_TEXTE && kb == T_TEXTE) {
		out->kind = T_TEXTE;
		out->u.text = xasprintf("%s%s", a->u.text, b->u.text);
		return true;
	}
	/* An entier computed past what a decimal holds (a product of two
	 * entiers may be) meets a decimal or a division. */
	if (!value_to_dec(a, &da) || !value_to_dec(b, &db)) {
		expr_error(ev, E_OVERFLOW, e);
		return false;
	}
	/* 30 % multiplies by 0.30. */
	if (op == OP_MUL && ka == T_POURCENTAGE) {
		if ((st = dec_div(da, hundred, &da)) != DEC_OK)
			return dec_result(ev, e, st, T_DECIMAL, da, out);
	}
	if (op == OP_MUL && kb == T_POURCENTAGE) {
		if ((st = dec_div(db, hundred, &db)) != DEC_OK)
			return dec_result(ev, e, st, T_DECIMAL, db, out);
	}
	switch (op) {
	case OP_ADD:
		st = dec_add(da, db, &r);
		break;
	case OP_SUB:
		st = dec_sub(da, db, &r);
		break;
	case OP_MUL:
		st = dec_mul(da, db, &r);
		break;
	case OP_DIV:
		st = dec_div(da, db, &r);
		break;
	default:
		return false;
	}
	return dec_result(ev, e, st, e->type->kind, r, out);
}

/* C orders A and B (numbers, dates, durées); false after reporting
 * when they do not compare: days against months, or an entier computed
 * past what a decimal holds. */
static bool
compare_values(struct eval *ev, const struct expr *e, const struct value *a,
    const struct value *b, int *c)
{
	bool comparable;

	*c = value_compare(a, b, &comparable);
	if (!comparable)
		expr_error(ev, a->kind == T_DUREE ? E_DUREE_FAMILY : E_OVERFLOW,
		    e);
	return comparable;
}

static bool
eval_binary(struct eval *ev, const struct expr *e, struct value *out)
{
	enum binop op = e->u.binary.op;
	struct value ta, tb;
	const struct value *a, *b;
	bool ok;
	int c;

	if (op == OP_AND || op == OP_OR) {
		if (!eval_expr(ev, e->u.binary.lhs, &ta))
			return false;
		if (!unknown_value(&ta) && ta.u.boolean == (op == OP_OR)) {
			set_bool(out, ta.u.boolean);
			return true;
		}
		if (!eval_expr(ev, e->u.binary.rhs, out))
			return false;
		/* Kleene: unknown unless the right side decides. */
		if (unknown_value(&ta) && !unknown_value(out) &&
		    out->u.boolean != (op == OP_OR))
			set_unknown(out);
		return true;
	}
	/* The operands are only read: an input's, a loop variable's or a
	 * field's value is compared where it lies, not copied. */
	if (!eval_borrow(ev, e->u.binary.lhs, &ta, &a))
		return false;
	if (!eval_borrow(ev, e->u.binary.rhs, &tb, &b)) {
		value_free(&ta);
		return false;
	}
	if (unknown_value(a) || unknown_value(b)) {
		value_free(&ta);
		value_free(&tb);
		return set_unknown(out);
	}
	switch (op) {
	case OP_EQ:
	case OP_NE:
		if (a->kind == T_DUREE && b->kind == T_DUREE &&
		    duree_unit_family(a->u.duree.unit) !=
		    duree_unit_family(b->u.duree.unit)) {
			expr_error(ev, E_DUREE_FAMILY, e);
			ok = false;
			break;
		}
		if (a->kind == T_TEXTE || a->kind == T_BOOLEEN ||
		    a->kind == T_CHOIX || a->kind == T_ERROR)
			c = !value_equal(a, b);
		else if (!compare_values(ev, e, a, b, &c)) {
			ok = false;
			break;
		}
		set_bool(out, op == OP_EQ ? c == 0 : c != 0);
		ok = true;
		break;
	case OP_LT: case OP_LE: case OP_GT: case OP_GE:
		if (!compare_values(ev, e, a, b, &c)) {
			ok = false;
			break;
		}
		set_bool(out, op == OP_LT ? c < 0 : op == OP_LE ? c <= 0 :
		    op == OP_GT ? c > 0 : c >= 0);
		ok = true;
		break;
	case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV:
		ok = eval_arith(ev, e, a, b, out);
		break;
	case OP_AND: case OP_OR:
	default:
		ok = false;
		break;
	}
	value_free(&ta);
	value_free(&tb);
	return ok;
}

/* rang(x), premier(x), dernier(x) of the innermost loop binding x. */
static bool
eval_loop_query(struct eval *ev, const struct expr *e, struct value *out)
{
	const struct symbol *s = e->u.call.args[0]->sym;
	size_t i;

	for (i = ev->nloops; i-- > 0;) {
		const struct binding *b = &ev->loops[i];

		if (b->sym != s)
			continue;
		if (b->count == 0)
			return set_unknown(out);
		if (e->loop_query == LOOP_RANG) {
			out->kind = T_ENTIER;
			out->u.integer = (int64_t)b->index + 1;
		} else
			set_bool(out, e->loop_query == LOOP_PREMIER ?
			    b->index == 0 : b->index + 1 == b->count);
		return true;
	}
	return false;
}

static bool
eval_call(struct eval *ev, const struct expr *e, struct value *out)
{
	struct value *args;
	size_t i, n = e->u.call.nargs;
	bool ok = true;
	struct buf why;

	memset(out, 0, sizeof(*out));
	if (e->loop_query != LOOP_NONE)
		return eval_loop_query(ev, e, out);
	if (e->fn == NULL)
		return false;
	args = xcalloc(n + 1, sizeof(*args));
	for (i = 0; i < n && ok; i++)
		ok = eval_expr(ev, e->u.call.args[i], &args[i]);
	for (i = 0; i < n && ok; i++)
		if (unknown_value(&args[i])) {
			for (i = 0; i < n; i++)
				value_free(&args[i]);
			free(args);
			return set_unknown(out);
		}
	if (ok) {
		buf_init(&why);
		ok = e->fn->compute(args, n, out, &why);
		/* The value came from the data: the error names the inputs
		 * it was computed from, as a division by zero does. */
		if (!ok) {
			struct buf text;

			buf_init(&text);
			expr_print(&text, e);
			note_inputs(ev, diag(ev->ds, E_DATA_VALUE, &e->loc,
			    buf_cstr(&text), buf_cstr(&why)), e);
			buf_free(&text);
		}
		buf_free(&why);
	}
	for (i = 0; i < n; i++)
		value_free(&args[i]);
	free(args);
	return ok;
}
static bool
eval_record(struct eval *ev, const struct expr *e, struct value *out)
{
	const struct type *t = e->record_type;
	size_t i, j;

	memset(out, 0, sizeof(*out));
	if (t == NULL)
		return false;
	out->kind = T_RECORD;
	out->type = t;
	out->u.record.len = t->nfields;
	out->u.record.fields = xcalloc(t->nfields + 1, sizeof(struct value));
	for (i = 0; i < t->nfields; i++) {
		for (j = 0; j < e->u.record.nfields; j++)
			if (strcmp(e->u.record.fields[j].name,
			    t->fields[i].name) == 0)
				break;
		if (j < e->u.record.nfields) {
			if (!eval_expr(ev, e->u.record.fields[j].value,
			    &out->u.record.fields[i]) ||
			    !check_declared(ev, &t->fields[i].cstr, "champ",
			    t->fields[i].name, &t->fields[i].loc,
			    e->u.record.fields[j].value,
			    &out->u.record.fields[i])) {
				value_free(out);
				return false;
			}
		} else if (t->fields[i].def != NULL)
			value_copy(&out->u.record.fields[i], t->fields[i].def);
	}
	return true;
}

static bool
eval_exists(struct eval *ev, const struct expr *e, struct value *out)
{
	const struct expr *x = e->u.operand;
	const struct symbol *s = x->sym;
	bool present = true;

	if (s != NULL && s->kind == SYM_INPUT) {
		present = input_value(ev, s->input->index) != NULL;
		if (!present && ev->draft)
			return set_unknown(out);
	} else if (s != NULL && s->kind == SYM_SOIT &&
	    s->decl->requirement != NULL) {
		struct value v;

		if (!eval_expr(ev, s->decl->requirement, &v))
			return false;
		if (unknown_value(&v))
			return set_unknown(out);
		present = v.u.boolean;
	}
	set_bool(out, present);
	return true;
}

/* [a, b, c], each item converted to the list's item type (an entier
 * among décimaux). */
static bool
eval_list(struct eval *ev, const struct expr *e, struct value *out)
{
	const struct type *elem = e->type != NULL ? e->type->elem : NULL;
	struct value *items;
	size_t i, n = e->u.list.n;

	if (elem == NULL)
		return false;
	items = xcalloc(n ? n : 1, sizeof(*items));
	for (i = 0; i < n; i++) {
		struct value *v = &items[i];

		if (!eval_expr(ev, e->u.list.items[i], v) ||
		    unknown_value(v)) {
			bool unknown = unknown_value(v);
			size_t j;

			for (j = 0; j <= i; j++)
				value_free(&items[j]);
			free(items);
			return unknown ? set_unknown(out) : false;
		}
		if (elem->kind == T_DECIMAL && v->kind == T_ENTIER) {
			dec_t d;

			if (dec_from_int(v->u.integer, &d) != DEC_OK) {
				expr_error(ev, E_OVERFLOW, e->u.list.items[i]);
				for (i++; i-- > 0;)
					value_free(&items[i]);
				free(items);
				return false;
			}
			v->kind = T_DECIMAL;
			v->u.dec = d;
		}
	}
	out->kind = T_LISTE;
	out->type = e->type;
	out->u.list.items = items;
	out->u.list.len = n;
	return true;
}

/* The value that E names where the evaluator keeps it, when E is an
 * input, a clause parameter, a computed `soit`, a loop variable or a
 * field of one of these, or the value a literal holds in the template;
 * else NULL (E is then computed).  Reading it
 * in place spares a copy: a loop over a list of a million records, or
 * each `p.nom` in it, once copied the whole list or record. */
static const struct value *
stored_value(struct eval *ev, const struct expr *e)
{
	const struct symbol *s;
	const struct value *v;
	size_t i, f;

	switch (e->kind) {
	case EX_NAME:
		if ((s = e->sym) == NULL)
			return NULL;
		switch (s->kind) {
		case SYM_INPUT:
			return input_value(ev, s->input->index);
		case SYM_PARAM:
			return &ev->frame->params[s->decl->index];
		case SYM_SOIT:
			return ev->frame->soit_state[s->decl->index] == 2 ?
			    &ev->frame->soits[s->decl->index] : NULL;
		case SYM_LOOP:
			for (i = ev->nloops; i-- > 0;)
				if (ev->loops[i].sym == s)
					return ev->loops[i].value;
			return NULL;
		}
		return NULL;
	case EX_FIELD:
		if (e->field_index < 0 ||
		    (v = stored_value(ev, e->u.field.obj)) == NULL)
			return NULL;
		f = (size_t)e->field_index;
		return v->kind == T_RECORD && f < v->u.record.len ?
		    &v->u.record.fields[f] : NULL;
	case EX_LITERAL:
		/* A condition's « = "Paris" » compared, not copied. */
		return &e->u.literal;
	case EX_CALL:
	case EX_RECORD:
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
	case EX_BINARY:
	case EX_LIST:
		return NULL;
	}
	return NULL;
}

bool
eval_borrow(struct eval *ev, const struct expr *e, struct value *tmp,
    const struct value **out)
{
	memset(tmp, 0, sizeof(*tmp));
	if ((*out = stored_value(ev, e)) != NULL)
		return true;
	*out = tmp;
	return eval_expr(ev, e, tmp);
}

/* obj.champ; over a list of records, the list of that field of each. */
static bool
eval_field(struct eval *ev, const struct expr *e, struct value *out)
{
	struct value tmp;
	const struct value *v;
	size_t i, f = (size_t)e->field_index;

	if (!eval_borrow(ev, e->u.field.obj, &tmp, &v))
		return false;
	if (unknown_value(v)) {
		value_free(&tmp);
		return set_unknown(out);
	}
	if (e->field_index < 0) {
		value_free(&tmp);
		return false;
	}
	if (v->kind == T_LISTE) {
		out->kind = T_LISTE;
		out->type = e->type;
		out->u.list.len = v->u.list.len;
		out->u.list.items = xcalloc(v->u.list.len ? v->u.list.len : 1,
		    sizeof(struct value));
		for (i = 0; i < v->u.list.len; i++) {
			const struct value *r = &v->u.list.items[i];

			if (r->kind == T_RECORD && f < r->u.record.len)
				value_copy(&out->u.list.items[i],
				    &r->u.record.fields[f]);
		}
		value_free(&tmp);
		return true;
	}
	if (v->kind != T_RECORD || f >= v->u.record.len) {
		value_free(&tmp);
		return false;
	}
	value_copy(out, &v->u.record.fields[f]);
	value_free(&tmp);
	return true;
}

static bool
compute(struct eval *ev, const struct expr *e, struct value *out)
{
	memset(out, 0, sizeof(*out));
	switch (e->kind) {
	case EX_LITERAL:
		value_copy(out, &e->u.literal);
		return true;
	case EX_NAME:
		return eval_name(ev, e, out);
	case EX_FIELD:
		return eval_field(ev, e, out);
	case EX_CALL:
		return eval_call(ev, e, out);
	case EX_RECORD:
		return eval_record(ev, e, out);
	case EX_NEG:
		if (!eval_expr(ev, e->u.operand, out))
			return false;
		if (unknown_value(out))
			return true;
		if (out->kind == T_ENTIER)
			out->u.integer = -out->u.integer;
		else if (out->kind == T_DUREE)
			out->u.duree.count = -out->u.duree.count;
		else
			out->u.dec = dec_neg(out->u.dec);
		return true;
	case EX_NOT:
		if (!eval_expr(ev, e->u.operand, out))
			return false;
		if (!unknown_value(out))
			out->u.boolean = !out->u.boolean;
		return true;
	case EX_EXISTS:
		return eval_exists(ev, e, out);
	case EX_BINARY:
		return eval_binary(ev, e, out);
	case EX_LIST:
		return eval_list(ev, e, out);
	}
	return false;
}

/* ---------------------------------------------------------------- */
/* Interface                                                         */

static size_t
round_up(size_t n, size_t align)
{
	return (n + align - 1) / align * align;
}

struct frame *
frame_new(const struct file_ast *f)
{
	size_t np = (size_t)f->nparams + 1, ns = (size_t)f->nsoits + 1;
	size_t params, soits, origins, states, size;
	struct frame *fr;
	char *at;

	/* One allocation for the frame and its arrays (each {inclure} of
	 * each contract makes one), each array at its type's alignment. */
	params = round_up(sizeof(*fr), _Alignof(struct value));
	soits = params + np * sizeof(struct value);
	origins = round_up(soits + ns * sizeof(struct value),
	    _Alignof(struct value_origin *));
	states = round_up(origins + np * sizeof(struct value_origin *),
	    _Alignof(int));
	size = states + ns * sizeof(int);
	at = xcalloc(1, size);
	fr = (struct frame *)at;
	fr->file = f;
	fr->params = (struct value *)(at + params);
	fr->soits = (struct value *)(at + soits);
	fr->param_origins = (struct value_origin **)(at + origins);
	fr->soit_state = (int *)(at + states);
	bind_defaults(fr);
	return fr;
}

void
frame_free(struct frame *fr)
{
	int i;

	if (fr == NULL)
		return;
	for (i = 0; i < fr->file->nparams; i++) {
		value_free(&fr->params[i]);
		origin_unref(fr->param_origins[i]);
	}
	for (i = 0; i < fr->file->nsoits; i++)
		value_free(&fr->soits[i]);
	free(fr);	/* its arrays with it (frame_new) */
}


struct input_slot *
inputs_new(size_t n)
{
	return xcalloc(n + 1, sizeof(struct input_slot));
}

void
inputs_free(struct input_slot *slots, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (slots[i].state == INPUT_PRESENT && slots[i].data == NULL)
			value_free(&slots[i].value);
	free(slots);
}

const struct value *
input_value(struct eval *ev, size_t index)
{
	struct input_slot *s;

	if (index >= ev->prog->inputs.len)
		return NULL;
	s = &ev->inputs[index];
	switch (s->state) {
	case INPUT_UNKNOWN:
		s->state = INPUT_VISITING;
		s->state = resolve(ev, ev->prog->inputs.items[index], s);
		break;
	case INPUT_VISITING:
		/* A cycle: the checker reports every one; fail safe. */
		return NULL;
	case INPUT_PRESENT:
	case INPUT_ABSENT:
	case INPUT_FAILED:
		break;
	}
	if (s->state != INPUT_PRESENT)
		return NULL;
	return s->data != NULL ? s->data : &s->value;
}

bool
input_failed(const struct eval *ev, size_t index)
{
	if (index >= ev->prog->inputs.len)
		return false;
	return ev->inputs[index].state == INPUT_FAILED ||
	    ev->inputs[index].state == INPUT_VISITING;
}

bool
unknown_value(const struct value *v)
{
	return v->kind == T_ERROR;
}

void
limit_print(struct buf *b, size_t n, bool bytes)
{
	if (bytes && n >= ((size_t)1 << 20) && n % ((size_t)1 << 20) == 0)
		buf_printf(b, "%zu" NBSP "Mio", n >> 20);
	else if (bytes && n >= 1024 && n % 1024 == 0)
		buf_printf(b, "%zu" NBSP "Kio", n >> 10);
	else {
		fr_integer(b, n > INT64_MAX ? INT64_MAX : (int64_t)n);
		if (bytes)
			buf_puts(b, n == 1 ? NBSP "octet" : NBSP "octets");
	}
}

/* The size of V as the limit « valeur » counts it, or MAX + 1 as soon
 * as it is over MAX. */
static size_t
value_size(const struct value *v, size_t max)
{
	const struct value *items = NULL;
	size_t size = 0, n = 0, i;

	switch (v->kind) {
	case T_TEXTE:
		return strlen(v->u.text);
	case T_LISTE:
		items = v->u.list.items;
		n = v->u.list.len;
		break;
	case T_RECORD:
		items = v->u.record.fields;
		n = v->u.record.len;
		break;
	case T_ERROR:
	case T_ENTIER:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DATE:
	case T_DUREE:
	case T_BOOLEEN:
	case T_CHOIX:
		return 0;
	}
	for (i = 0; i < n && size <= max; i++)
		size += 16 + value_size(&items[i], max);
	return size <= max ? size : max + 1;
}

/* Only these make a value bigger than what they read: a text added to
 * another, a list or a record written in the template, a filter. */
static bool
makes_value(const struct expr *e)
{
	switch (e->kind) {
	case EX_BINARY:
	case EX_LIST:
	case EX_RECORD:
	case EX_CALL:
		return true;
	case EX_LITERAL:
	case EX_NAME:
	case EX_FIELD:
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
		return false;
	}
	return false;
}

/* Whatever fails fails the document: each cause reports itself, and the
 * flag makes sure that none goes unnoticed. */
bool
eval_expr(struct eval *ev, const struct expr *e, struct value *out)
{
	size_t max = ev->limits.value;
	struct buf text, size;

	if (compute(ev, e, out)) {
		if (max == 0 || !makes_value(e) ||
		    value_size(out, max) <= max)
			return true;
		/* Reported where it is computed; the values it read are not
		 * quoted, as other errors of computation do: they may be
		 * as big. */
		buf_init(&text);
		buf_init(&size);
		expr_print(&text, e);
		limit_print(&size, max, true);
		diag(ev->ds, E_LIMIT_VALUE, &e->loc, buf_cstr(&text),
		    buf_cstr(&size));
		buf_free(&text);
		buf_free(&size);
		value_free(out);
		memset(out, 0, sizeof(*out));
	}
	ev->failed = true;
	return false;
}

enum truth
eval_truth(struct eval *ev, const struct expr *e)
{
	struct value tmp;
	const struct value *v;
	enum truth t;

	if (!eval_borrow(ev, e, &tmp, &v))
		return TRUTH_ERROR;
	t = unknown_value(v) ? TRUTH_UNKNOWN : v->kind == T_BOOLEEN &&
	    v->u.boolean ? TRUTH_TRUE : TRUTH_FALSE;
	value_free(&tmp);
	return t;
}


bool
eval_tstring(struct eval *ev, const struct tstring *t, struct buf *b)
{
	size_t i;
	bool ok = true;

	for (i = 0; t != NULL && i < t->len; i++) {
		struct value v;

		if (t->parts[i].text != NULL) {
			buf_puts(b, t->parts[i].text);
			continue;
		}
		if (!eval_expr(ev, t->parts[i].expr, &v)) {
			ok = false;
			continue;
		}
		if (unknown_value(&v)) {
			buf_putc(b, '[');
			expr_print(b, t->parts[i].expr);
			buf_putc(b, ']');
		} else {
			size_t at = b->len;

			value_print(b, &v);
			if (!eval_check_printable(ev, t->parts[i].expr, NULL, b->data +
			    at))
				ok = false;
		}
		value_free(&v);
	}
	return ok;
}

/* E's JSON path into B, and in *ROOT the input the path starts at;
 * false when E is not an input, a clause parameter bound to one, a loop
 * variable, a field of one or a filter of one.  Where the data gives
 * *ROOT (data_input_loc) is found only when something asks. */
static bool
json_path(struct eval *ev, const struct expr *e, struct buf *b,
    const struct input **root)
{
	const struct symbol *s;
	size_t i;

	switch (e->kind) {
	case EX_NAME:
		if ((s = e->sym) == NULL)
			return false;
		if (s->kind == SYM_INPUT) {
			buf_puts(b, s->input->name);
			*root = s->input;
			return true;
		}
		if (s->kind == SYM_PARAM) {
			const struct value_origin *po =
			    ev->frame->param_origins[s->decl->index];

			if (po == NULL || po->path == NULL)
				return false;
			buf_puts(b, po->path);
			*root = po->key;
			return true;
		}
		if (s->kind != SYM_LOOP)
			return false;
		for (i = ev->nloops; i-- > 0;)
			if (ev->loops[i].sym == s) {
				if (ev->loops[i].path == NULL)
					return false;
				buf_puts(b, ev->loops[i].path);
				*root = ev->loops[i].root;
				return true;
			}
		return false;
	case EX_FIELD:
		if (!json_path(ev, e->u.field.obj, b, root))
			return false;
		buf_putc(b, '.');
		buf_puts(b, e->u.field.name);
		return true;
	case EX_CALL:
		/* A filtered value prints the value it filters. */
		return e->u.call.nargs > 0 && e->loop_query == LOOP_NONE &&
		    json_path(ev, e->u.call.args[0], b, root);
	case EX_LITERAL:
	case EX_RECORD:
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
	case EX_BINARY:
	case EX_LIST:
		return false;
	}
	return false;
}

/* The origins' way to what they do not hold (base/origin.h): the
 * program, which holds the expression, outlives the document, and the
 * data, the evaluator's, stays as it is while the document it made is
 * rendered. */
static void
print_expr(struct buf *b, const void *e)
{
	expr_print(b, e);
}

static struct loc
input_place(const void *data, const void *input)
{
	return data_input_loc(data, input);
}

static const struct origin_ops eval_origin_ops = { print_expr, input_place };

struct value_origin *
expr_origin(struct eval *ev, const struct expr *e)
{
	struct value_origin *o;
	struct buf *path = &ev->origin_path;
	const struct input *root = NULL;
	bool has_path;

	size_t slot = ((uintptr_t)e / sizeof(*e)) % ORIGIN_MEMO;

	buf_reset(path);
	has_path = json_path(ev, e, path, &root);
	o = ev->origins[slot].o;
	if (ev->origins[slot].e == e && (has_path ? o->path != NULL &&
	    strcmp(o->path, buf_cstr(path)) == 0 &&
	    o->key == root : o->path == NULL))
		return origin_ref(o);
	o = origin_new(&eval_origin_ops, e, has_path ? buf_cstr(path) : NULL,
	    &e->loc, has_path ? ev->data : NULL, has_path ? root : NULL);
	origin_unref(ev->origins[slot].o);
	ev->origins[slot].e = e;
	ev->origins[slot].o = origin_ref(o);
	return o;
}

bool
expr_json_path(struct eval *ev, const struct expr *e, struct buf *b,
    struct loc *data)
{
	const struct input *root;

	if (!json_path(ev, e, b, &root))
		return false;
	*data = data_input_loc(ev->data, root);
	return true;
}

void
note_inputs(struct eval *ev, struct diagnostic *dg, const struct expr *e)
{
	struct ptrvec inputs, soits;
	size_t k;

	memset(&inputs, 0, sizeof(inputs));
	memset(&soits, 0, sizeof(soits));
	rule_inputs(e, &inputs, &soits);
	for (k = 0; k < inputs.len; k++)
		note_input(ev, dg, inputs.items[k]);
	ptrvec_free(&inputs);
	ptrvec_free(&soits);
}

void
eval_set_text_check(struct eval *ev, eval_text_check check, void *ctx)
{
	ev->text_check = check;
	ev->text_check_ctx = ctx;
}

/* The characters of a value cited in a note, at most. */
#define SHOWN_CHARS	60

bool
eval_check_printable(struct eval *ev, const struct expr *e, const char *field,
    const char *t)
{
	struct diagnostic *dg;
	struct buf why, hint, path;
	const struct input *root;
	struct loc l;
	size_t i, shown, n;
	bool ok;

	if (ev->text_check == NULL)
		return true;
	for (i = 0; i < ev->unprintable.len; i++)
		if (strcmp(ev->unprintable.items[i], t) == 0)
			return false;
	buf_init(&why);
	buf_init(&hint);
	buf_init(&path);
	if (!(ok = ev->text_check(ev->text_check_ctx, t, &why, &hint))) {
		ptrvec_push(&ev->unprintable, xstrdup(t));
		/* A long text is cited by its start: the path finds it. */
		for (shown = 0, n = 0; t[shown] != '\0' && n < SHOWN_CHARS;
		    n++)
			for (shown++; ((unsigned char)t[shown] & 0xC0) == 0x80;
			    shown++)
				;
		dg = diag(ev->ds, E_GLYPH_MISSING, &e->loc, buf_cstr(&why));
		if (json_path(ev, e, &path, &root)) {
			l = data_input_loc(ev->data, root);
			if (field != NULL)
				buf_printf(&path, ".%s", field);
			diag_note(dg, &l, "la valeur « %.*s%s » vient des "
			    "données ; chemin JSON : %s", (int)shown, t,
			    t[shown] != '\0' ? "…" : "", buf_cstr(&path));
		} else
			note_inputs(ev, dg, e);
		if (hint.len > 0)
			diag_note(dg, NULL, "%s", buf_cstr(&hint));
		ev->failed = true;
	}
	buf_free(&why);
	buf_free(&hint);
	buf_free(&path);
	return ok;
}

/* A value computed from the data against the constraint of what it
 * fills (WHAT « NAME », declared at DECL): the checker sees literals,
 * this the values of the data.  The error names the inputs E reads, as
 * a failed exiger does. */
bool
check_declared(struct eval *ev, const struct constraint *c, const char *what,
    const char *name, const struct loc *decl, const struct expr *e,
    const struct value *v)
{
	struct buf why;
	bool holds;

	if (c->kind == CSTR_NONE || unknown_value(v))
		return true;
	buf_init(&why);
	holds = constraint_holds(c, v, &why);
	if (!holds) {
		char *msg = xasprintf("%s « %s » : %s", what, name,
		    buf_cstr(&why));
		struct diagnostic *dg = diag(ev->ds, E_TYPE, &e->loc, msg);

		diag_note(dg, decl, "%s déclaré ici", what);
		note_inputs(ev, dg, e);
		ev->failed = true;
		free(msg);
	}
	buf_free(&why);
	return holds;
}
