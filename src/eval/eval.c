/* Evaluation: the checked body and the client's values become the
 * evaluated stream (stream.h), then the document (build.c). */
#include "eval/eval.h"

#include <stdlib.h>
#include <string.h>

#include "data/data.h"
#include "lang/functions.h"
#include "doc/build.h"

/* One instance of a file: the main template, or a clause at one of its
 * include sites with its parameters bound. */
struct frame {
	const struct file_ast *file;
	struct value	*params;
	struct value	*soits;
	int		*soit_state;	/* 0 not yet, 1 computing, 2 done, 3 failed */
};

struct binding {
	const struct symbol *sym;
	const struct value *value;
};

struct eval {
	const struct program *prog;
	struct data	*data;
	struct diags	*ds;
	struct frame	*frame;
	struct frame	*main;
	struct binding	*loops;
	size_t		 nloops, caploops;
	struct stream	*out;
	bool		 failed;
	bool		 draft;		/* --brouillon: unknown values allowed */
	bool		 straight_quotes;
};

/* In a draft, a value the data does not give is unknown: kind T_ERROR.
 * It propagates through operators and prints as a placeholder. */
static bool
unknown(const struct value *v)
{
	return v->kind == T_ERROR;
}

static bool
set_unknown(struct value *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = T_ERROR;
	return true;
}

static bool	eval_expr(struct eval *ev, const struct expr *e,
		    struct value *out);
static void	eval_nodes(struct eval *ev, const struct nodes *ns);

static struct frame *
frame_new(const struct file_ast *f)
{
	struct frame *fr = xcalloc(1, sizeof(*fr));

	fr->file = f;
	fr->params = xcalloc(f->nparams + 1, sizeof(struct value));
	fr->soits = xcalloc(f->nsoits + 1, sizeof(struct value));
	fr->soit_state = xcalloc(f->nsoits + 1, sizeof(int));
	return fr;
}

static void
frame_free(struct frame *fr)
{
	int i;

	if (fr == NULL)
		return;
	for (i = 0; i < fr->file->nparams; i++)
		value_free(&fr->params[i]);
	for (i = 0; i < fr->file->nsoits; i++)
		value_free(&fr->soits[i]);
	free(fr->params);
	free(fr->soits);
	free(fr->soit_state);
	free(fr);
}

/* Parameters of the main file take their defaults. */
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

struct eval *
eval_new(const struct program *prog, struct data *data, struct diags *ds)
{
	struct eval *ev = xcalloc(1, sizeof(*ev));

	ev->prog = prog;
	ev->data = data;
	ev->ds = ds;
	ev->main = frame_new(prog->main);
	bind_defaults(ev->main);
	ev->frame = ev->main;
	return ev;
}

void
eval_set_draft(struct eval *ev, bool draft)
{
	ev->draft = draft;
}

void
eval_set_straight_quotes(struct eval *ev, bool keep)
{
	ev->straight_quotes = keep;
}

void
eval_free(struct eval *ev)
{
	if (ev == NULL)
		return;
	frame_free(ev->main);
	free(ev->loops);
	free(ev);
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
	}
}

/* A note for each client input E reads: libellé, value, JSON path. */
static void
note_inputs(struct eval *ev, struct diagnostic *dg, const struct expr *e)
{
	struct ptrvec inputs, soits;
	size_t k;

	memset(&inputs, 0, sizeof(inputs));
	memset(&soits, 0, sizeof(soits));
	rule_inputs(e, &inputs, &soits);
	for (k = 0; k < inputs.len; k++)
		data_note_input(ev->data, dg, ((const struct input *)
		    inputs.items[k])->index);
	ptrvec_free(&inputs);
	ptrvec_free(&soits);
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
	ev->failed = true;
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
		v = data_value(ev->data, s->input->index);
		if (v == NULL && ev->draft &&
		    !data_failed(ev->data, s->input->index))
			return set_unknown(out);
		if (v == NULL) {
			if (!data_failed(ev->data, s->input->index))
				diag(ev->ds, E_PRESENCE, &e->loc, e->u.name,
				    "ses conditions sont remplies");
			ev->failed = true;
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
	dec_t da, db, r, hundred = { 100 * DEC_SCALE };
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
	if (!value_to_dec(a, &da) || !value_to_dec(b, &db))
		return false;
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

static bool
eval_binary(struct eval *ev, const struct expr *e, struct value *out)
{
	enum binop op = e->u.binary.op;
	struct value a, b;
	bool ok, comparable;
	int c;

	if (op == OP_AND || op == OP_OR) {
		if (!eval_expr(ev, e->u.binary.lhs, &a))
			return false;
		if (!unknown(&a) && a.u.boolean == (op == OP_OR)) {
			set_bool(out, a.u.boolean);
			return true;
		}
		if (!eval_expr(ev, e->u.binary.rhs, out))
			return false;
		/* Kleene: unknown unless the right side decides. */
		if (unknown(&a) && !unknown(out) &&
		    out->u.boolean != (op == OP_OR))
			set_unknown(out);
		return true;
	}
	if (!eval_expr(ev, e->u.binary.lhs, &a))
		return false;
	if (!eval_expr(ev, e->u.binary.rhs, &b)) {
		value_free(&a);
		return false;
	}
	if (unknown(&a) || unknown(&b)) {
		value_free(&a);
		value_free(&b);
		return set_unknown(out);
	}
	switch (op) {
	case OP_EQ:
	case OP_NE:
		if (a.kind == T_DUREE && b.kind == T_DUREE &&
		    duree_unit_family(a.u.duree.unit) !=
		    duree_unit_family(b.u.duree.unit)) {
			expr_error(ev, E_DUREE_FAMILY, e);
			ok = false;
			break;
		}
		c = (a.kind == T_TEXTE || a.kind == T_BOOLEEN ||
		    a.kind == T_CHOIX || a.kind == T_ERROR) ?
		    !value_equal(&a, &b) : value_compare(&a, &b, &comparable);
		set_bool(out, op == OP_EQ ? c == 0 : c != 0);
		ok = true;
		break;
	case OP_LT: case OP_LE: case OP_GT: case OP_GE:
		c = value_compare(&a, &b, &comparable);
		if (!comparable) {
			expr_error(ev, E_DUREE_FAMILY, e);
			ok = false;
			break;
		}
		set_bool(out, op == OP_LT ? c < 0 : op == OP_LE ? c <= 0 :
		    op == OP_GT ? c > 0 : c >= 0);
		ok = true;
		break;
	case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV:
		ok = eval_arith(ev, e, &a, &b, out);
		break;
	case OP_AND: case OP_OR:
	default:
		ok = false;
		break;
	}
	value_free(&a);
	value_free(&b);
	return ok;
}

static bool
eval_call(struct eval *ev, const struct expr *e, struct value *out)
{
	struct value *args;
	size_t i, n = e->u.call.nargs;
	bool ok = true;
	struct buf why;

	memset(out, 0, sizeof(*out));
	if (e->fn == NULL)
		return false;
	args = xcalloc(n + 1, sizeof(*args));
	for (i = 0; i < n && ok; i++)
		ok = eval_expr(ev, e->u.call.args[i], &args[i]);
	for (i = 0; i < n && ok; i++)
		if (unknown(&args[i])) {
			for (i = 0; i < n; i++)
				value_free(&args[i]);
			free(args);
			return set_unknown(out);
		}
	if (ok) {
		buf_init(&why);
		ok = e->fn->eval(args, n, out, &why);
		if (!ok) {
			struct buf text;

			buf_init(&text);
			expr_print(&text, e);
			diag(ev->ds, E_DATA_VALUE, &e->loc, buf_cstr(&text),
			    buf_cstr(&why));
			buf_free(&text);
			ev->failed = true;
		}
		buf_free(&why);
	}
	for (i = 0; i < n; i++)
		value_free(&args[i]);
	free(args);
	return ok;
}

/* A value computed from the data against the constraint of what it
 * fills (WHAT « NAME », declared at DECL): the checker sees literals,
 * this the values of the data.  The error names the inputs E reads, as
 * a failed exiger does. */
static bool
check_declared(struct eval *ev, const struct constraint *c, const char *what,
    const char *name, const struct loc *decl, const struct expr *e,
    const struct value *v)
{
	struct buf why;
	bool holds;

	if (c->kind == CSTR_NONE || unknown(v))
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
		present = data_value(ev->data, s->input->index) != NULL;
		if (!present && ev->draft)
			return set_unknown(out);
	} else if (s != NULL && s->kind == SYM_SOIT &&
	    s->decl->requirement != NULL) {
		struct value v;

		if (!eval_expr(ev, s->decl->requirement, &v))
			return false;
		if (unknown(&v))
			return set_unknown(out);
		present = v.u.boolean;
	}
	set_bool(out, present);
	return true;
}

static bool
eval_expr(struct eval *ev, const struct expr *e, struct value *out)
{
	struct value v;

	memset(out, 0, sizeof(*out));
	switch (e->kind) {
	case EX_LITERAL:
		value_copy(out, &e->u.literal);
		return true;
	case EX_NAME:
		return eval_name(ev, e, out);
	case EX_FIELD:
		if (!eval_expr(ev, e->u.field.obj, &v))
			return false;
		if (unknown(&v))
			return set_unknown(out);
		if (v.kind != T_RECORD || e->field_index < 0 ||
		    (size_t)e->field_index >= v.u.record.len) {
			value_free(&v);
			return false;
		}
		value_copy(out, &v.u.record.fields[e->field_index]);
		value_free(&v);
		return true;
	case EX_CALL:
		return eval_call(ev, e, out);
	case EX_RECORD:
		return eval_record(ev, e, out);
	case EX_NEG:
		if (!eval_expr(ev, e->u.operand, out))
			return false;
		if (unknown(out))
			return true;
		if (out->kind == T_ENTIER)
			out->u.integer = -out->u.integer;
		else if (out->kind == T_DUREE)
			out->u.duree.count = -out->u.duree.count;
		else
			out->u.dec.units = -out->u.dec.units;
		return true;
	case EX_NOT:
		if (!eval_expr(ev, e->u.operand, out))
			return false;
		if (!unknown(out))
			out->u.boolean = !out->u.boolean;
		return true;
	case EX_EXISTS:
		return eval_exists(ev, e, out);
	case EX_BINARY:
		return eval_binary(ev, e, out);
	}
	return false;
}

enum truth {
	TRUTH_FALSE,
	TRUTH_TRUE,
	TRUTH_UNKNOWN,	/* a draft without the values to decide */
	TRUTH_ERROR
};

static enum truth
condition3(struct eval *ev, const struct expr *e)
{
	struct value v;
	enum truth t;

	if (!eval_expr(ev, e, &v))
		return TRUTH_ERROR;
	t = unknown(&v) ? TRUTH_UNKNOWN : v.kind == T_BOOLEEN &&
	    v.u.boolean ? TRUTH_TRUE : TRUTH_FALSE;
	value_free(&v);
	return t;
}

/* Unknown counts as false: a draft's undecidable input is absent, its
 * undecidable rule is not checked. */
bool
eval_condition(struct eval *ev, const struct expr *e, bool *out)
{
	enum truth t = condition3(ev, e);

	*out = t == TRUTH_TRUE;
	return t != TRUTH_ERROR;
}

static bool
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
		if (unknown(&v)) {
			buf_putc(b, '[');
			expr_print(b, t->parts[i].expr);
			buf_putc(b, ']');
		}
		value_print(b, &v);
		value_free(&v);
	}
	return ok;
}

/* exiger / recommander of one file instance, where they apply.  A
 * failed one names the inputs it reads, with their libellé, value and
 * JSON path, so that whoever fills the data knows what to change. */
static void
eval_rules(struct eval *ev, const struct file_ast *f)
{
	size_t i;

	for (i = 0; i < f->nrules; i++) {
		const struct rule *r = f->rules[i];
		struct buf msg;
		struct diagnostic *dg;

		/* Only a rule known to apply and known to fail is reported:
		 * a draft without the values it reads leaves it undecided. */
		if (r->requirement != NULL &&
		    condition3(ev, r->requirement) != TRUTH_TRUE)
			continue;
		if (condition3(ev, r->cond) != TRUTH_FALSE)
			continue;
		buf_init(&msg);
		eval_tstring(ev, r->message, &msg);
		dg = diag(ev->ds, r->warning ? W_RECOMMANDER : E_EXIGER,
		    &r->loc, buf_cstr(&msg));
		note_inputs(ev, dg, r->cond);
		if (!r->warning)
			ev->failed = true;
		buf_free(&msg);
	}
}

static void
emit_text(struct eval *ev, const char *s)
{
	stream_text(ev->out, s, strlen(s));
}

static void
emit_marked(struct eval *ev, const char *s)
{
	stream_push(ev->out, ET_EMPH)->emphasis = EMPH_DRAFT;
	emit_text(ev, s);
	stream_push(ev->out, ET_EMPH)->emphasis = EMPH_DRAFT;
}

/* A draft's label before a branch shown for want of data: a paragraph
 * of its own for a block construct, inline text otherwise. */
static bool
is_block_body(const struct nodes *ns)
{
	return ns->len > 0 && (ns->v[0]->kind == N_LINE ||
	    ns->v[0]->kind == N_PARBREAK || ns->v[0]->kind == N_INCLUDE ||
	    ns->v[0]->kind == N_SIGNATURES || ns->v[0]->kind == N_IF ||
	    ns->v[0]->kind == N_SELON || ns->v[0]->kind == N_LOOP);
}

static void
emit_label(struct eval *ev, const char *word, const struct expr *cond,
    bool block)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "[%s", word);
	if (cond != NULL) {
		buf_putc(&b, ' ');
		expr_print(&b, cond);
	}
	buf_putc(&b, ']');
	if (block) {
		stream_push(ev->out, ET_PARBREAK);
		stream_push(ev->out, ET_LINE);
	}
	emit_marked(ev, buf_cstr(&b));
	if (block)
		stream_push(ev->out, ET_PARBREAK);
	buf_free(&b);
}

static void
eval_interp(struct eval *ev, const struct expr *e)
{
	struct value v;
	struct buf b;

	if (!eval_expr(ev, e, &v)) {
		ev->failed = true;
		return;
	}
	buf_init(&b);
	if (unknown(&v)) {
		buf_putc(&b, '[');
		expr_print(&b, e);
		buf_putc(&b, ']');
		emit_marked(ev, buf_cstr(&b));
		buf_free(&b);
		return;
	}
	value_print(&b, &v);
	emit_text(ev, buf_cstr(&b));
	/* Text that comes from the client (a texte, or the texts of a
	 * record or list) is printed as given: its straight quotes and
	 * apostrophes may be inches or part of an address.  Numbers,
	 * dates and choice labels are lgc's or the author's text. */
	ev->out->v[ev->out->len - 1].verbatim = v.kind == T_TEXTE ||
	    v.kind == T_RECORD || v.kind == T_LISTE;
	buf_free(&b);
	value_free(&v);
}

/* In a draft, once a condition cannot be decided every remaining
 * branch is shown, each under a label saying its condition. */
static void
eval_if(struct eval *ev, const struct node *n)
{
	size_t i;
	bool undecided = false, block = false;

	for (i = 0; i < n->u.cond.len; i++) {
		const struct branch *b = &n->u.cond.branches[i];
		enum truth t = TRUTH_TRUE;

		if (b->cond != NULL && (t = condition3(ev, b->cond)) ==
		    TRUTH_ERROR) {
			ev->failed = true;
			return;
		}
		if (t == TRUTH_FALSE)
			continue;
		if (t == TRUTH_UNKNOWN || undecided) {
			if (!undecided)
				block = is_block_body(&b->body);
			emit_label(ev, i == 0 ? "si" : b->cond != NULL ?
			    "sinon si" : "sinon", b->cond, block);
			undecided = undecided || t == TRUTH_UNKNOWN;
		}
		eval_nodes(ev, &b->body);
		if (t == TRUTH_TRUE)
			break;
	}
	if (undecided)
		emit_label(ev, "fin", NULL, block);
}

static bool
case_matches(struct eval *ev, const struct selon_case *c,
    const struct value *subject)
{
	size_t i;

	for (i = 0; i < c->nvalues; i++) {
		struct value v;
		bool same;

		if (subject->kind == T_CHOIX && c->indexes != NULL &&
		    c->indexes[i] >= 0) {
			if ((size_t)c->indexes[i] == subject->u.choice)
				return true;
			continue;
		}
		if (subject->kind == T_BOOLEEN && c->indexes != NULL &&
		    c->indexes[i] >= 0) {
			if ((c->indexes[i] == 1) == subject->u.boolean)
				return true;
			continue;
		}
		if (!eval_expr(ev, c->values[i], &v))
			continue;
		same = value_equal(subject, &v);
		value_free(&v);
		if (same)
			return true;
	}
	return false;
}

static void
eval_selon(struct eval *ev, const struct node *n)
{
	struct value subject;
	size_t i;

	if (!eval_expr(ev, n->u.selon.subject, &subject)) {
		ev->failed = true;
		return;
	}
	if (unknown(&subject)) {
		bool block = n->u.selon.ncases > 0 ?
		    is_block_body(&n->u.selon.cases[0].body) : true;

		emit_label(ev, "selon", n->u.selon.subject, block);
		for (i = 0; i < n->u.selon.ncases; i++) {
			const struct selon_case *c = &n->u.selon.cases[i];
			struct buf w;
			size_t k;

			buf_init(&w);
			buf_puts(&w, "cas ");
			for (k = 0; k < c->nvalues; k++) {
				if (k > 0)
					buf_puts(&w, ", ");
				expr_print(&w, c->values[k]);
			}
			emit_label(ev, buf_cstr(&w), NULL, block);
			buf_free(&w);
			eval_nodes(ev, &c->body);
		}
		if (n->u.selon.other != NULL) {
			emit_label(ev, "autre", NULL, block);
			eval_nodes(ev, n->u.selon.other);
		}
		emit_label(ev, "fin", NULL, block);
		return;
	}
	for (i = 0; i < n->u.selon.ncases; i++)
		if (case_matches(ev, &n->u.selon.cases[i], &subject)) {
			eval_nodes(ev, &n->u.selon.cases[i].body);
			value_free(&subject);
			return;
		}
	if (n->u.selon.other != NULL)
		eval_nodes(ev, n->u.selon.other);
	value_free(&subject);
}

static void
push_binding(struct eval *ev, const struct symbol *sym,
    const struct value *value)
{
	if (ev->nloops == ev->caploops) {
		ev->caploops = ev->caploops ? ev->caploops * 2 : 8;
		ev->loops = xreallocarray(ev->loops, ev->caploops,
		    sizeof(*ev->loops));
	}
	ev->loops[ev->nloops].sym = sym;
	ev->loops[ev->nloops].value = value;
	ev->nloops++;
}

static void
eval_loop(struct eval *ev, const struct node *n)
{
	struct value list;
	size_t i;

	if (!eval_expr(ev, n->u.loop.list, &list)) {
		ev->failed = true;
		return;
	}
	if (unknown(&list)) {
		bool block = is_block_body(&n->u.loop.body);
		struct buf w;

		buf_init(&w);
		buf_printf(&w, "pour chaque %s dans", n->u.loop.var);
		emit_label(ev, buf_cstr(&w), n->u.loop.list, block);
		buf_free(&w);
		push_binding(ev, n->u.loop.sym, &list);
		eval_nodes(ev, &n->u.loop.body);
		ev->nloops--;
		emit_label(ev, "fin", NULL, block);
		return;
	}
	if (list.kind != T_LISTE || list.u.list.len == 0) {
		if (n->u.loop.empty != NULL)
			eval_nodes(ev, n->u.loop.empty);
		value_free(&list);
		return;
	}
	for (i = 0; i < list.u.list.len; i++) {
		push_binding(ev, n->u.loop.sym, &list.u.list.items[i]);
		eval_nodes(ev, &n->u.loop.body);
		ev->nloops--;
	}
	value_free(&list);
}

static void
eval_include(struct eval *ev, const struct node *n)
{
	const struct file_ast *f = n->u.include.file;
	struct frame *fr, *saved = ev->frame;
	size_t i;

	if (f == NULL)
		return;
	fr = frame_new(f);
	bind_defaults(fr);
	for (i = 0; i < n->u.include.nargs; i++) {
		const struct include_arg *a = &n->u.include.args[i];

		if (a->param == NULL)
			continue;
		value_free(&fr->params[a->param->index]);
		if (!eval_expr(ev, a->value, &fr->params[a->param->index]))
			ev->failed = true;
		else
			check_declared(ev, &a->param->cstr_value, "paramètre",
			    a->param->name, &a->param->loc, a->value,
			    &fr->params[a->param->index]);
	}
	stream_push(ev->out, ET_PARBREAK);
	ev->frame = fr;
	/* What fails inside the clause (an exiger, a division by zero)
	 * says from where it was included, as the checker's errors do. */
	diags_push_include(ev->ds, &n->loc);
	eval_rules(ev, f);
	eval_nodes(ev, &f->body);
	diags_pop_include(ev->ds);
	ev->frame = saved;
	stream_push(ev->out, ET_PARBREAK);
	frame_free(fr);
}

static char *
field_text(const struct value *party, const char *name)
{
	int i = party->type ? type_field_index(party->type, name) : -1;

	if (i < 0 || (size_t)i >= party->u.record.len ||
	    party->u.record.fields[i].kind != T_TEXTE)
		return xstrdup("");
	return xstrdup(party->u.record.fields[i].u.text);
}

static void
eval_signatures(struct eval *ev, const struct node *n)
{
	struct etok *t;
	struct stream_party *parties;
	size_t i, len = n->u.signatures.len;

	parties = xcalloc(len + 1, sizeof(*parties));
	for (i = 0; i < len; i++) {
		struct value v;

		if (!eval_expr(ev, n->u.signatures.parties[i], &v)) {
			ev->failed = true;
			parties[i].name = xstrdup("");
			parties[i].representant = xstrdup("");
			parties[i].qualite = xstrdup("");
			continue;
		}
		if (unknown(&v)) {
			struct buf w;

			buf_init(&w);
			buf_putc(&w, '[');
			expr_print(&w, n->u.signatures.parties[i]);
			buf_putc(&w, ']');
			parties[i].name = buf_detach(&w);
			parties[i].representant = xstrdup("");
			parties[i].qualite = xstrdup("");
			continue;
		}
		parties[i].name = field_text(&v, "nom");
		parties[i].representant = field_text(&v, "representant");
		parties[i].qualite = field_text(&v, "qualite");
		value_free(&v);
	}
	t = stream_push(ev->out, ET_SIGNATURES);
	t->parties = parties;
	t->nparties = len;
}

static void
eval_node(struct eval *ev, const struct node *n)
{
	struct etok *t;
	size_t i;

	switch (n->kind) {
	case N_TEXT:
		stream_text(ev->out, n->u.text, strlen(n->u.text))->escaped =
		    n->escaped;
		break;
	case N_LINE:
		stream_push(ev->out, ET_LINE)->indent = n->u.indent;
		break;
	case N_SOFTBREAK:
		stream_push(ev->out, ET_SOFTBREAK);
		break;
	case N_PARBREAK:
		stream_push(ev->out, ET_PARBREAK);
		break;
	case N_HARDBREAK:
		stream_push(ev->out, ET_HARDBREAK);
		break;
	case N_HEADING:
		t = stream_push(ev->out, ET_HEADING);
		t->level = n->u.heading.level;
		t->numbered = n->u.heading.numbered;
		t->label = n->u.heading.label ? xstrdup(n->u.heading.label) :
		    NULL;
		t->label_loc = n->u.heading.label_loc;
		break;
	case N_BULLET:
		stream_push(ev->out, ET_BULLET)->indent = n->u.indent;
		break;
	case N_NUMBERED:
		stream_push(ev->out, ET_NUMBERED)->indent = n->u.indent;
		break;
	case N_EMPH:
		stream_push(ev->out, ET_EMPH)->emphasis = n->u.emph.strong ?
		    EMPH_BOLD : EMPH_ITALIC;
		break;
	case N_LABEL:
	case N_UNNUMBERED:
		break;
	case N_INTERP:
		eval_interp(ev, n->u.expr);
		break;
	case N_REF:
		t = stream_push(ev->out, ET_REF);
		t->bare = n->u.ref.bare;
		t->nlabels = n->u.ref.len;
		t->labels = xcalloc(n->u.ref.len + 1, sizeof(char *));
		t->locs = xcalloc(n->u.ref.len + 1, sizeof(struct loc));
		for (i = 0; i < n->u.ref.len; i++) {
			t->labels[i] = xstrdup(n->u.ref.labels[i]);
			t->locs[i] = n->u.ref.locs[i];
		}
		break;
	case N_IF:
		eval_if(ev, n);
		break;
	case N_SELON:
		eval_selon(ev, n);
		break;
	case N_LOOP:
		eval_loop(ev, n);
		break;
	case N_INCLUDE:
		eval_include(ev, n);
		break;
	case N_SIGNATURES:
		eval_signatures(ev, n);
		break;
	}
}

static void
eval_nodes(struct eval *ev, const struct nodes *ns)
{
	size_t i;

	for (i = 0; i < ns->len; i++)
		eval_node(ev, ns->v[i]);
}

/* A heading's number depends on its position once the conditions are
 * decided (a "##" before any "#" is unnumbered): a reference to one that
 * ended up without a number would print "article ?". */
static void
check_refs(struct eval *ev, const struct stream *s, const struct doc *d)
{
	size_t i, j, k;

	for (i = 0; i < s->len; i++) {
		const struct etok *t = &s->v[i];
		struct diagnostic *dg;

		if (t->kind != ET_REF)
			continue;
		for (j = 0; j < t->nlabels; j++) {
			const struct doc_heading *h = NULL;

			for (k = 0; k < d->blocks.len && h == NULL; k++)
				if (d->blocks.v[k].kind == BLOCK_HEADING &&
				    strcmp(d->blocks.v[k].u.heading.anchor,
				    t->labels[j]) == 0)
					h = &d->blocks.v[k].u.heading;
			if (h != NULL && h->number != NULL)
				continue;
			dg = diag(ev->ds, E_REF_UNNUMBERED, t->locs != NULL ?
			    &t->locs[j] : NULL, t->labels[j]);
			for (k = 0; k < s->len; k++)
				if (s->v[k].kind == ET_HEADING &&
				    s->v[k].label != NULL &&
				    strcmp(s->v[k].label, t->labels[j]) == 0) {
					diag_note(dg, &s->v[k].label_loc,
					    "titre posé ici ; à cette place du "
					    "document, il n'est pas numéroté");
					break;
				}
			ev->failed = true;
		}
	}
}

bool
eval_document(struct eval *ev, struct doc *out)
{
	struct stream s = { NULL, 0, 0, false };
	const struct file_ast *f = ev->prog->main;
	struct buf title;
	size_t i;

	s.straight_quotes = ev->straight_quotes;
	for (i = 0; i < f->ndecls; i++)
		if (f->decls[i]->kind == DECL_PARAMETRE &&
		    f->decls[i]->def_value == NULL) {
			diag(ev->ds, E_PARAM_MISSING, &f->decls[i]->loc,
			    f->decls[i]->name, "ce fichier est une clause : "
			    "incluez-le avec « {inclure … avec "
			    "paramètre = …} », le modèle principal ne reçoit "
			    "pas de paramètres");
			ev->failed = true;
		}
	if (ev->failed)
		return false;
	ev->out = &s;
	ev->frame = ev->main;
	eval_rules(ev, f);
	eval_nodes(ev, &f->body);
	ev->out = NULL;
	if (ev->failed) {
		stream_free(&s);
		return false;
	}
	build_document(&s, out);
	check_refs(ev, &s, out);
	stream_free(&s);
	buf_init(&title);
	if (f->title != NULL)
		eval_tstring(ev, f->title, &title);
	else if (f->model != NULL)
		buf_puts(&title, f->model);
	out->title = typeset_line(buf_detach(&title), s.straight_quotes);
	out->model = xstrdup(f->model != NULL ? f->model : "");
	return !ev->failed;
}
