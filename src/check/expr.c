/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Expressions: names and their presence (rule 24), operators (rule
 * 22), calls, records, conditions; and the requirements of computed
 * values and conditional inputs, found by checking their expression. */
#include "check/checker.h"

#include <stdlib.h>
#include <string.h>

#include "base/source.h"
#include "base/suggest.h"
#include "lang/functions.h"

/* How many computed values or conditional inputs may depend on one
 * another in a chain: each level is a recursion of the checker. */
#define MAX_CHAIN	100

struct symbol *
scope_symbol(struct scope *sc, const char *name)
{
	return strmap_get(&sc->by_name, name);
}

struct symbol *
lookup_symbol(struct checker *ck, const char *name)
{
	size_t i;

	for (i = ck->loops.len; i-- > 0;) {
		struct symbol *s = ck->loops.items[i];

		if (strcmp(s->name, name) == 0)
			return s;
	}
	return scope_symbol(ck->scope, name);
}

static void
suggest_names(struct checker *ck, struct diagnostic *d, const char *name,
    const struct type *choice)
{
	struct suggester sg;
	size_t i;

	suggest_begin(&sg, name);
	for (i = 0; i < ck->loops.len; i++)
		suggest_consider(&sg, ((struct symbol *)ck->loops.items[i])->name);
	for (i = 0; i < ck->scope->symbols.len; i++)
		suggest_consider(&sg,
		    ((struct symbol *)ck->scope->symbols.items[i])->name);
	if (choice != NULL && choice->kind == T_CHOIX)
		for (i = 0; i < choice->nvalues; i++)
			suggest_consider(&sg, choice->values[i].name);
	diag_suggest(d, suggest_end(&sg));
}

/* What must hold for NAME (resolved to S) to be used. */
static const struct expr *
requirement_of(struct checker *ck, const struct symbol *s)
{
	switch (s->kind) {
	case SYM_INPUT:
		input_requirement(ck, s->input);
		return s->input->requirement;
	case SYM_SOIT:
		soit_requirement(ck, s->decl);
		return s->decl->requirement;
	case SYM_PARAM:
	case SYM_LOOP:
		return NULL;
	}
	return NULL;
}

/* A long condition is cut in messages: the location says the rest. */
static void
shorten(struct buf *b, size_t max)
{
	size_t n = max;

	if (b->len <= max)
		return;
	while (n > 0 && ((unsigned char)b->data[n] & 0xC0) == 0x80)
		n--;
	b->len = n;
	b->data[n] = '\0';
	buf_puts(b, "…");
}

static void
report_presence(struct checker *ck, struct expr *e, const struct expr *req,
    bool optional)
{
	struct buf cond;
	struct diagnostic *d;

	buf_init(&cond);
	if (optional)
		buf_printf(&cond, "« %s » existe", e->u.name);
	else
		expr_print(&cond, req);
	shorten(&cond, 160);
	if (ck->title && ck->header_word != NULL) {
		diag(ck->ds, E_LIEU_DATE_PRESENCE, &e->loc, ck->header_word,
		    e->u.name);
		buf_free(&cond);
		return;
	}
	if (ck->title) {
		diag(ck->ds, E_TITRE_PRESENCE, &e->loc, e->u.name);
		buf_free(&cond);
		return;
	}
	d = diag(ck->ds, E_PRESENCE, &e->loc, e->u.name, buf_cstr(&cond));
	if (optional)
		diag_hint(d, "utilisez-le à l'intérieur de « {si %s existe} »",
		    e->u.name);
	else
		diag_hint(d, "utilisez-le à l'intérieur de « {si %s} »",
		    buf_cstr(&cond));
	buf_free(&cond);
}

/* Presence (rule 24): the use of E is valid where its requirement is
 * true under K.  In collect mode, unmet requirements are gathered (the
 * existence condition of a soit, rule or input). */
static void
check_presence(struct checker *ck, struct expr *e, struct facts *k)
{
	const struct symbol *s = e->sym;
	const struct expr *req = requirement_of(ck, s);
	bool optional = s->kind == SYM_INPUT && s->input->optional;
	struct expr *exists = NULL;

	if (optional) {
		exists = expr_new(EX_EXISTS, &e->loc);
		exists->u.operand = expr_clone(e);
		exists->type = type_builtin(T_BOOLEEN);
		req = exists;
	}
	if (req != NULL && facts_eval(k, req) != KL_TRUE) {
		if (ck->collect != NULL && !ck->title)
			ptrvec_push(ck->collect, expr_clone(req));
		else
			report_presence(ck, e, req, optional);
	}
	expr_free(exists);
}

static void
mark_used(struct symbol *s)
{
	switch (s->kind) {
	case SYM_INPUT:
		s->input->used = true;
		if (s->decl != NULL)
			s->decl->used = true;
		break;
	case SYM_PARAM:
	case SYM_SOIT:
		s->decl->used = true;
		break;
	case SYM_LOOP:
		break;
	}
}

static const struct type *
check_name(struct checker *ck, struct expr *e, struct facts *k,
    const struct type *expect, bool presence)
{
	struct symbol *s;
	struct diagnostic *d;
	struct input *elsewhere;

	if (expect != NULL && (expect->kind == T_CHOIX)) {
		int index = type_choice_index(expect, e->u.name);

		if (index >= 0) {
			if (lookup_symbol(ck, e->u.name) != NULL)
				diag(ck->ds, W_CHOICE_SHADOWS, &e->loc,
				    e->u.name);
			e->choice = index;
			return e->type = expect;
		}
	}
	s = lookup_symbol(ck, e->u.name);
	if (s == NULL) {
		size_t i;

		for (i = 0; i < ck->scope->file->nbroken; i++)
			if (strcmp(ck->scope->file->broken[i], e->u.name) == 0)
				return e->type = error_type();
		d = diag(ck->ds, E_UNKNOWN_NAME, &e->loc, e->u.name);
		elsewhere = program_input(ck->prog, e->u.name);
		if (elsewhere != NULL && elsewhere->file != ck->scope->file)
			diag_hint(d, "« %s » est une entrée de %s : un fichier "
			    "ne voit que son propre en-tête, déclarez-la aussi "
			    "ici", e->u.name, elsewhere->file->src->path);
		else
			suggest_names(ck, d, e->u.name, expect);
		return e->type = error_type();
	}
	if (ck->inputs_only && s->kind != SYM_INPUT) {
		diag(ck->ds, E_INPUT_COND_PARAM, &e->loc, e->u.name,
		    s->kind == SYM_PARAM ? "un paramètre" :
		    s->kind == SYM_SOIT ? "une valeur calculée" :
		    "une variable de boucle");
		return e->type = error_type();
	}
	e->sym = s;
	mark_used(s);
	if (s->kind == SYM_INPUT && s->input->depth > ck->cond_depth)
		ck->cond_depth = s->input->depth;
	if (s->kind == SYM_SOIT) {
		soit_requirement(ck, s->decl);
		s->type = s->decl->ty;
		if (s->decl->depth > ck->cond_depth)
			ck->cond_depth = s->decl->depth;
	}
	if (presence)
		check_presence(ck, e, k);
	return e->type = s->type != NULL ? s->type : error_type();
}

/* Operators (details, rule 22) */

static bool
numeric_plain(const struct type *t)
{
	return t->kind == T_ENTIER || t->kind == T_DECIMAL;
}

/* The family a constraint fixes: "entre 1 mois et 12 mois" is counted
 * in months whatever the data says, so comparing it with days can be
 * refused before any data is read. */
static int
constraint_family(const struct constraint *c)
{
	int f = -1, g;
	size_t i;

	if (c == NULL)
		return -1;
	switch (c->kind) {
	case CSTR_NONE:
		return -1;
	case CSTR_ENTRE:
		if (c->lo == NULL || c->hi == NULL ||
		    c->lo->kind != T_DUREE || c->hi->kind != T_DUREE)
			return -1;
		f = (int)duree_unit_family(c->lo->u.duree.unit);
		g = (int)duree_unit_family(c->hi->u.duree.unit);
		return f == g ? f : -1;
	case CSTR_PARMI:
		for (i = 0; i < c->nset; i++) {
			if (c->set[i].kind != T_DUREE)
				return -1;
			g = (int)duree_unit_family(c->set[i].u.duree.unit);
			if (f >= 0 && g != f)
				return -1;
			f = g;
		}
		return f;
	}
	return -1;
}

static int
duree_family_of(const struct expr *e)
{
	int a, b;

	if (e->kind == EX_LITERAL && e->u.literal.kind == T_DUREE)
		return (int)duree_unit_family(e->u.literal.u.duree.unit);
	if (e->kind == EX_NAME && e->sym != NULL && e->sym->kind == SYM_INPUT)
		return constraint_family(e->sym->input->cstr);
	if (e->kind == EX_NAME && e->sym != NULL && e->sym->kind == SYM_PARAM)
		return constraint_family(&e->sym->decl->cstr_value);
	if (e->kind == EX_BINARY && (e->u.binary.op == OP_ADD ||
	    e->u.binary.op == OP_SUB)) {
		a = duree_family_of(e->u.binary.lhs);
		b = duree_family_of(e->u.binary.rhs);
		return a == b ? a : -1;
	}
	if (e->kind == EX_NEG)
		return duree_family_of(e->u.operand);
	return -1;
}

static const struct type *
arith_type(enum binop op, const struct type *a, const struct type *b)
{
	enum type_kind ka = a->kind, kb = b->kind;

	switch (op) {
	case OP_ADD:
	case OP_SUB:
		if (ka == T_ENTIER && kb == T_ENTIER)
			return type_builtin(T_ENTIER);
		if (numeric_plain(a) && numeric_plain(b))
			return type_builtin(T_DECIMAL);
		if (ka == kb && (ka == T_MONTANT || ka == T_POURCENTAGE ||
		    ka == T_DUREE))
			return a;
		if (op == OP_ADD && ka == T_TEXTE && kb == T_TEXTE)
			return a;
		if (ka == T_DATE && kb == T_DUREE)
			return a;
		if (op == OP_ADD && ka == T_DUREE && kb == T_DATE)
			return b;
		if (op == OP_SUB && ka == T_DATE && kb == T_DATE)
			return type_builtin(T_DUREE);
		return NULL;
	case OP_MUL:
		if (ka == T_ENTIER && kb == T_ENTIER)
			return type_builtin(T_ENTIER);
		if (numeric_plain(a) && numeric_plain(b))
			return type_builtin(T_DECIMAL);
		if ((ka == T_MONTANT && (numeric_plain(b) ||
		    kb == T_POURCENTAGE)) || (kb == T_MONTANT &&
		    (numeric_plain(a) || ka == T_POURCENTAGE)))
			return type_builtin(T_MONTANT);
		if ((numeric_plain(a) && kb == T_POURCENTAGE) ||
		    (ka == T_POURCENTAGE && numeric_plain(b)))
			return type_builtin(T_DECIMAL);
		if ((ka == T_DUREE && kb == T_ENTIER) ||
		    (ka == T_ENTIER && kb == T_DUREE))
			return type_builtin(T_DUREE);
		return NULL;
	case OP_DIV:
		if (numeric_plain(a) && numeric_plain(b))
			return type_builtin(T_DECIMAL);
		if (ka == T_MONTANT && numeric_plain(b))
			return type_builtin(T_MONTANT);
		if (ka == T_MONTANT && kb == T_MONTANT)
			return type_builtin(T_DECIMAL);
		return NULL;
	case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT:
	case OP_GE: case OP_AND: case OP_OR:
		return NULL;
	}
	return NULL;
}

static bool
comparable_types(const struct type *a, const struct type *b)
{
	if (numeric_plain(a) && numeric_plain(b))
		return true;
	if (a->kind != b->kind)
		return false;
	/* Each inline choix(…) is its own type (rule 18); a named one is
	 * one type wherever it is used. */
	if (a->kind == T_CHOIX)
		return a == b || (a->name != NULL && b->name != NULL &&
		    strcmp(a->name, b->name) == 0 && type_equal(a, b));
	return a->kind != T_RECORD && a->kind != T_LISTE;
}

/* Whether E is a bare name that is no symbol: maybe a choice value that
 * the other side of "=" will give a type to. */
static bool
unresolved_name(struct checker *ck, const struct expr *e)
{
	return e->kind == EX_NAME && lookup_symbol(ck, e->u.name) == NULL;
}

static const struct type *
check_comparison(struct checker *ck, struct expr *e, struct facts *k)
{
	struct expr *lhs = e->u.binary.lhs, *rhs = e->u.binary.rhs;
	const struct type *lt, *rt;
	struct buf a, b;
	enum binop op = e->u.binary.op;

	if (unresolved_name(ck, lhs) && !unresolved_name(ck, rhs)) {
		rt = check_expr(ck, rhs, k, NULL);
		lt = check_expr(ck, lhs, k, rt);
	} else {
		lt = check_expr(ck, lhs, k, NULL);
		rt = check_expr(ck, rhs, k, lt);
	}
	e->type = type_builtin(T_BOOLEEN);
	if (is_error(lt) || is_error(rt))
		return e->type;
	buf_init(&a);
	buf_init(&b);
	if (lt->kind == T_RECORD || rt->kind == T_RECORD) {
		diag_hint(diag(ck->ds, E_COMPARE, &e->loc, describe(&a, lt),
		    describe(&b, rt)), "des enregistrements ne se comparent "
		    "pas : comparez un de leurs champs");
	} else if (!comparable_types(lt, rt)) {
		struct diagnostic *dg = diag(ck->ds, E_COMPARE, &e->loc,
		    describe(&a, lt), describe(&b, rt));

		/* Two choices with the same values read alike, yet each
		 * choix(…) written in place is a type of its own. */
		if (lt->kind == T_CHOIX && rt->kind == T_CHOIX)
			diag_hint(dg, "chaque « choix(…) » écrit dans une "
			    "déclaration est un type à part : déclarez-le "
			    "une fois (« type NOM = choix(…) ») et "
			    "donnez ce type aux deux côtés");
	} else if (op != OP_EQ && op != OP_NE && !type_is_ordered(lt)) {
		char *msg = xasprintf("« %s » compare des nombres, montants, "
		    "dates ou durées, pas %s", binop_text(op), describe(&a, lt));

		diag(ck->ds, E_TYPE, &e->loc, msg);
		free(msg);
	} else if (lt->kind == T_DUREE && rt->kind == T_DUREE &&
	    duree_family_of(lhs) >= 0 && duree_family_of(rhs) >= 0 &&
	    duree_family_of(lhs) != duree_family_of(rhs)) {
		struct buf text;

		buf_init(&text);
		expr_print(&text, e);
		diag(ck->ds, E_DUREE_FAMILY, &e->loc, buf_cstr(&text));
		buf_free(&text);
	}
	buf_free(&a);
	buf_free(&b);
	return e->type;
}

static const struct type *
check_boolean_operand(struct checker *ck, struct expr *e, const char *op)
{
	struct buf b;
	char *msg;

	if (is_error(e->type) || e->type->kind == T_BOOLEEN)
		return e->type;
	buf_init(&b);
	type_describe(&b, e->type);
	msg = xasprintf("« %s » relie des conditions (booléens), pas %s",
	    op, buf_cstr(&b));
	diag(ck->ds, E_TYPE, &e->loc, msg);
	free(msg);
	buf_free(&b);
	return error_type();
}

static const struct type *
check_binary(struct checker *ck, struct expr *e, struct facts *k)
{
	enum binop op = e->u.binary.op;
	const struct type *lt, *rt, *result;
	struct facts *k2;
	struct buf a, b;

	switch (op) {
	case OP_AND:
	case OP_OR:
		check_expr(ck, e->u.binary.lhs, k, NULL);
		k2 = facts_copy(k);
		facts_assume(k2, e->u.binary.lhs, op == OP_AND);
		check_expr(ck, e->u.binary.rhs, k2, NULL);
		facts_free(k2);
		check_boolean_operand(ck, e->u.binary.lhs, binop_text(op));
		check_boolean_operand(ck, e->u.binary.rhs, binop_text(op));
		return e->type = type_builtin(T_BOOLEEN);
	case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
		return check_comparison(ck, e, k);
	case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV:
		break;
	}
	lt = check_expr(ck, e->u.binary.lhs, k, NULL);
	rt = check_expr(ck, e->u.binary.rhs, k, NULL);
	if (is_error(lt) || is_error(rt))
		return e->type = error_type();
	result = arith_type(op, lt, rt);
	if (result == NULL) {
		struct diagnostic *d;

		buf_init(&a);
		buf_init(&b);
		d = diag(ck->ds, E_ARITH, &e->loc, binop_text(op), describe(&a, lt),
		    describe(&b, rt));
		if ((lt->kind == T_MONTANT && numeric_plain(rt)) ||
		    (rt->kind == T_MONTANT && numeric_plain(lt))) {
			/* The number as written, with its euro sign. */
			const struct expr *plain = lt->kind == T_MONTANT ?
			    e->u.binary.rhs : e->u.binary.lhs;
			struct buf num;

			buf_init(&num);
			if (plain->kind == EX_LITERAL) {
				expr_print(&num, plain);
				diag_hint(d, "écrivez le nombre comme un montant : "
				    "« %s € »", buf_cstr(&num));
			} else
				diag_hint(d, "multipliez le nombre par « 1 € » "
				    "pour en faire un montant");
			buf_free(&num);
		}
		buf_free(&a);
		buf_free(&b);
		return e->type = error_type();
	}
	if (lt->kind == T_DUREE && rt->kind == T_DUREE) {
		int fa = duree_family_of(e->u.binary.lhs);
		int fb = duree_family_of(e->u.binary.rhs);

		if (fa >= 0 && fb >= 0 && fa != fb) {
			struct buf text;

			buf_init(&text);
			expr_print(&text, e);
			diag(ck->ds, E_DUREE_FAMILY, &e->loc, buf_cstr(&text));
			buf_free(&text);
		}
	}
	return e->type = result;
}

/* rang(x), premier(x), dernier(x): the place of the current item of the
 * {pour chaque} whose variable is x.  They are no functions of a value,
 * since a list may hold one value twice. */
static enum loop_query
loop_query_named(const char *name)
{
	if (strcmp(name, "rang") == 0)
		return LOOP_RANG;
	if (strcmp(name, "premier") == 0)
		return LOOP_PREMIER;
	if (strcmp(name, "dernier") == 0)
		return LOOP_DERNIER;
	return LOOP_NONE;
}

static const struct type *
check_loop_query(struct checker *ck, struct expr *e, enum loop_query q,
    struct facts *k)
{
	struct expr *x = e->u.call.nargs == 1 ? e->u.call.args[0] : NULL;
	const struct symbol *s = NULL;
	struct diagnostic *d;
	size_t i;

	if (x != NULL && x->kind == EX_NAME)
		s = lookup_symbol(ck, x->u.name);
	if (s != NULL && s->kind == SYM_LOOP) {
		check_expr(ck, x, k, NULL);
		e->loop_query = q;
		return e->type = type_builtin(q == LOOP_RANG ? T_ENTIER :
		    T_BOOLEEN);
	}
	for (i = 0; i < e->u.call.nargs; i++)
		if (is_error(check_expr(ck, e->u.call.args[i], k, NULL)) &&
		    e->u.call.nargs == 1)
			/* An unknown name was reported as such. */
			return e->type = error_type();
	d = diag(ck->ds, E_LOOP_QUERY, x != NULL ? &x->loc :
	    &e->u.call.name_loc, e->u.call.name);
	if (ck->loops.len > 0)
		diag_hint(d, "écrivez « %s(%s) »", e->u.call.name,
		    ((struct symbol *)ck->loops.items[ck->loops.len - 1])->name);
	else
		diag_hint(d, "par exemple « {%s(x)} » entre « {pour chaque x "
		    "dans liste} » et « {fin} »", e->u.call.name);
	return e->type = error_type();
}

/* The value of a literal argument, "-5" included; false for anything
 * else. */
static bool
literal_arg(const struct expr *a, struct value *v)
{
	bool negate = a->kind == EX_NEG;

	if (negate)
		a = a->u.operand;
	if (a->kind != EX_LITERAL)
		return false;
	value_copy(v, &a->u.literal);
	if (!negate)
		return true;
	switch (v->kind) {
	case T_ENTIER:
		v->u.integer = -v->u.integer;
		return true;
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
		v->u.dec = dec_neg(v->u.dec);
		return true;
	case T_ERROR: case T_TEXTE: case T_DATE: case T_DUREE:
	case T_BOOLEEN: case T_CHOIX: case T_LISTE: case T_RECORD:
		break;
	}
	value_free(v);
	return false;
}

/* A filter of constants is computed now, so that a value it refuses
 * ({-5 | ordinal}, {-5 € | en_lettres}) is the template's error, found
 * by "lgc check", rather than a failure of every build. */
static void
check_call_constants(struct checker *ck, struct expr *e)
{
	size_t i, n = e->u.call.nargs;
	struct value *args = xcalloc(n + 1, sizeof(*args)), result;
	struct buf why, text;
	bool constant = true;

	for (i = 0; i < n && constant; i++)
		constant = literal_arg(e->u.call.args[i], &args[i]);
	if (constant) {
		buf_init(&why);
		memset(&result, 0, sizeof(result));
		if (!e->fn->compute(args, n, &result, &why)) {
			buf_init(&text);
			expr_print(&text, e);
			diag(ck->ds, E_FUNCTION_VALUE, &e->loc, buf_cstr(&text),
			    buf_cstr(&why));
			buf_free(&text);
		} else
			value_free(&result);
		buf_free(&why);
	}
	for (i = 0; i < n; i++)
		value_free(&args[i]);
	free(args);
}

static const struct type *
check_call(struct checker *ck, struct expr *e, struct facts *k)
{
	const struct function *fn = function_find(e->u.call.name);
	const struct type **types;
	const struct type *result;
	struct buf why;
	size_t i;
	int arg = -1;
	enum loop_query q = loop_query_named(e->u.call.name);

	if (q != LOOP_NONE)
		return check_loop_query(ck, e, q, k);
	types = xcalloc(e->u.call.nargs + 1, sizeof(*types));
	for (i = 0; i < e->u.call.nargs; i++)
		types[i] = check_expr(ck, e->u.call.args[i], k, NULL);
	if (fn == NULL) {
		struct suggester sg;
		struct diagnostic *d = diag(ck->ds, E_UNKNOWN_FUNCTION,
		    &e->u.call.name_loc, e->u.call.name);

		suggest_begin(&sg, e->u.call.name);
		for (i = 0; i < function_count(); i++)
			suggest_consider(&sg, function_at(i)->name);
		diag_suggest(d, suggest_end(&sg));
		free(types);
		return e->type = error_type();
	}
	e->fn = fn;
	if (e->u.call.nargs < fn->min_args || e->u.call.nargs > fn->max_args) {
		/* After "x | f", the author counts what follows the name;
		 * the piped value is the first argument. */
		size_t shift = e->u.call.piped ? 1 : 0;
		size_t lo = fn->min_args - shift, hi = fn->max_args - shift;
		size_t given = e->u.call.nargs - shift;
		const char *after = shift ? " après le nom du filtre" : "";
		char *msg, *got = given == 0 ? xstrdup("aucun donné") :
		    xasprintf("%zu donné%s", given, given > 1 ? "s" : "");

		if (hi == 0)
			msg = xasprintf("aucun argument attendu%s, %s", after,
			    got);
		else if (lo == hi)
			msg = xasprintf("%zu argument%s attendu%s%s, %s", lo,
			    lo > 1 ? "s" : "", lo > 1 ? "s" : "", after, got);
		else
			msg = xasprintf("de %zu à %zu arguments attendus%s, %s",
			    lo, hi, after, got);
		free(got);
		diag(ck->ds, E_FUNCTION_ARGS, &e->u.call.name_loc, fn->name, msg);
		free(msg);
		free(types);
		return e->type = error_type();
	}
	buf_init(&why);
	result = fn->check(types, e->u.call.nargs, &why, &arg);
	if (result == NULL) {
		const struct loc *at = arg >= 0 ?
		    &e->u.call.args[arg]->loc : &e->u.call.name_loc;

		diag(ck->ds, E_FUNCTION_TYPE, at, fn->name, buf_cstr(&why));
		result = error_type();
	} else
		check_call_constants(ck, e);
	buf_free(&why);
	free(types);
	return e->type = result;
}

static const struct type *
check_record(struct checker *ck, struct expr *e, struct facts *k)
{
	const struct type *rt = lookup_type(ck, ck->scope,
	    e->u.record.type_name, &e->loc);
	size_t i, j;

	if (!is_error(rt) && rt->kind != T_RECORD) {
		diag(ck->ds, E_NOT_RECORD_TYPE, &e->loc, e->u.record.type_name);
		rt = error_type();
	}
	for (i = 0; i < e->u.record.nfields; i++) {
		struct field_init *fi = &e->u.record.fields[i];
		int index = is_error(rt) ? -1 : type_field_index(rt, fi->name);
		const struct type *want = index >= 0 ?
		    rt->fields[index].type : NULL;
		const struct type *got = check_expr(ck, fi->value, k, want);

		for (j = 0; j < i; j++)
			if (strcmp(e->u.record.fields[j].name, fi->name) == 0)
				diag(ck->ds, E_FIELD_DUP, &fi->loc, fi->name);
		if (is_error(rt))
			continue;
		if (index < 0) {
			report_unknown_field(ck, rt, fi->name, &fi->loc);
			continue;
		}
		if (!type_accepts(want, got)) {
			struct buf a, b;
			char *msg;

			buf_init(&a);
			buf_init(&b);
			msg = xasprintf("le champ « %s » attend %s, pas %s",
			    fi->name, describe(&a, want), describe(&b, got));
			diag(ck->ds, E_TYPE, &fi->value->loc, msg);
			free(msg);
			buf_free(&a);
			buf_free(&b);
		} else if (fi->value->kind == EX_LITERAL)
			check_literal_constraint(ck, &rt->fields[index].cstr,
			    "champ", fi->name, &rt->fields[index].loc,
			    &fi->value->u.literal, &fi->value->loc);
	}
	if (is_error(rt))
		return e->type = error_type();
	for (i = 0; i < rt->nfields; i++) {
		for (j = 0; j < e->u.record.nfields; j++)
			if (strcmp(e->u.record.fields[j].name,
			    rt->fields[i].name) == 0)
				break;
		if (j == e->u.record.nfields && rt->fields[i].def == NULL)
			diag(ck->ds, E_FIELD_MISSING, &e->loc, rt->fields[i].name,
			    rt->name);
	}
	e->record_type = rt;
	return e->type = rt;
}

/* [a, b, c]: its items have one type, the one EXPECT asks for when the
 * context gives it (a default, a field, an argument), else the first
 * item's; entiers among décimaux count as décimaux. */
static const struct type *
check_list_literal(struct checker *ck, struct expr *e, struct facts *k,
    const struct type *expect)
{
	const struct type *want = expect != NULL && !is_error(expect) &&
	    expect->kind == T_LISTE ? expect->elem : NULL;
	const struct type *elem = want, *t;
	struct buf a, b;
	bool failed = false;
	size_t i;

	if (e->u.list.n == 0) {
		if (expect != NULL && !is_error(expect) &&
		    expect->kind == T_LISTE)
			return e->type = expect;
		diag_hint(diag(ck->ds, E_LIST_EMPTY, &e->loc),
		    "une liste écrite dans le modèle a au moins un élément ; "
		    "pour une liste qui peut être vide, déclarez une entrée "
		    "« liste de … » ou testez « nombre(liste) > 0 »");
		return e->type = error_type();
	}
	buf_init(&a);
	buf_init(&b);
	for (i = 0; i < e->u.list.n; i++) {
		struct expr *item = e->u.list.items[i];

		t = check_expr(ck, item, k, want);
		if (is_error(t)) {
			failed = true;
			continue;
		}
		if (elem == NULL) {
			elem = t;
			continue;
		}
		if (want == NULL && elem->kind == T_ENTIER &&
		    t->kind == T_DECIMAL)
			elem = t;
		else if (type_accepts(elem, t) || (elem->kind == T_DECIMAL &&
		    t->kind == T_ENTIER))
			continue;
		else {
			diag(ck->ds, E_LIST_MIXED, &item->loc, describe(&a, t),
			    describe(&b, elem));
			failed = true;
		}
	}
	buf_free(&a);
	buf_free(&b);
	if (failed || elem == NULL)
		return e->type = error_type();
	if (expect != NULL && !is_error(expect) && expect->kind == T_LISTE &&
	    expect->elem == elem)
		return e->type = expect;
	return e->type = list_type(ck, elem, &e->loc);
}

/* obj.champ; over a list of records, the field of each item, in order
 * (prestations.prix is the list of the prices). */
static const struct type *
check_field(struct checker *ck, struct expr *e, struct facts *k)
{
	const struct type *t = check_expr(ck, e->u.field.obj, k, NULL);
	const struct type *rt = t;

	if (is_error(t))
		return e->type = error_type();
	if (t->kind == T_LISTE && !is_error(t->elem) &&
	    t->elem->kind == T_RECORD)
		rt = t->elem;
	e->field_index = type_field_index(rt, e->u.field.name);
	if (e->field_index < 0) {
		report_unknown_field(ck, rt, e->u.field.name,
		    &e->u.field.name_loc);
		return e->type = error_type();
	}
	if (rt != t)
		return e->type = list_type(ck,
		    rt->fields[e->field_index].type, &e->loc);
	return e->type = rt->fields[e->field_index].type;
}

static const struct type *
check_exists(struct checker *ck, struct expr *e, struct facts *k)
{
	struct expr *x = e->u.operand;
	const struct type *t;

	e->type = type_builtin(T_BOOLEEN);
	if (x->kind != EX_NAME) {
		diag(ck->ds, E_EXISTS_NOT_NAME, &x->loc);
		check_expr(ck, x, k, NULL);
		return e->type;
	}
	t = check_name(ck, x, k, NULL, false);
	if (is_error(t) || x->sym == NULL)
		return e->type;
	if (x->sym->kind != SYM_INPUT && x->sym->kind != SYM_SOIT) {
		diag(ck->ds, E_EXISTS_NOT_NAME, &x->loc);
		return e->type;
	}
	if (requirement_of(ck, x->sym) == NULL &&
	    !(x->sym->kind == SYM_INPUT && x->sym->input->optional))
		diag(ck->ds, W_ALWAYS_TRUE, &e->loc, x->u.name, x->u.name);
	return e->type;
}

const struct type *
check_expr(struct checker *ck, struct expr *e, struct facts *k,
    const struct type *expect)
{
	const struct type *t;
	struct buf b;

	switch (e->kind) {
	case EX_LITERAL:
		return e->type = type_builtin(e->u.literal.kind);
	case EX_NAME:
		return check_name(ck, e, k, expect, true);
	case EX_FIELD:
		return check_field(ck, e, k);
	case EX_CALL:
		return check_call(ck, e, k);
	case EX_RECORD:
		return check_record(ck, e, k);
	case EX_NEG:
		t = check_expr(ck, e->u.operand, k, NULL);
		if (!is_error(t) && !type_is_numeric(t) && t->kind != T_DUREE) {
			char *msg;

			buf_init(&b);
			msg = xasprintf("« - » s'applique à un nombre, pas à %s",
			    describe(&b, t));
			diag(ck->ds, E_TYPE, &e->loc, msg);
			free(msg);
			buf_free(&b);
			return e->type = error_type();
		}
		return e->type = t;
	case EX_NOT:
		check_expr(ck, e->u.operand, k, NULL);
		check_boolean_operand(ck, e->u.operand, "non");
		return e->type = type_builtin(T_BOOLEEN);
	case EX_EXISTS:
		return check_exists(ck, e, k);
	case EX_BINARY:
		return check_binary(ck, e, k);
	case EX_LIST:
		return check_list_literal(ck, e, k, expect);
	}
	return e->type = error_type();
}

/* A condition: a booléen (rule: "a condition is a booléen"). */
void
check_condition(struct checker *ck, struct expr *e, struct facts *k)
{
	const struct type *t = check_expr(ck, e, k, NULL);
	struct buf b;

	if (is_error(t) || t->kind == T_BOOLEEN)
		return;
	buf_init(&b);
	diag(ck->ds, E_COND_NOT_BOOL, &e->loc, describe(&b, t));
	buf_free(&b);
}

/* Checks E in collect mode and returns the conjunction of the unmet
 * requirements of its names: where E can be evaluated. */
struct expr *
collect_requirements(struct checker *ck, struct expr *e, bool condition)
{
	struct ptrvec *saved = ck->collect, collected = { NULL, 0, 0 };
	struct facts *k = facts_new();
	struct expr *req = NULL;
	size_t i;

	ck->collect = &collected;
	if (condition)
		check_condition(ck, e, k);
	else
		check_expr(ck, e, k, NULL);
	ck->collect = saved;
	facts_free(k);
	for (i = 0; i < collected.len; i++) {
		struct expr *r = collected.items[i];
		bool seen = false;
		size_t j;

		for (j = 0; j < i && !seen; j++)
			seen = expr_equal(collected.items[j], r);
		if (seen || (req != NULL && expr_equal(req, r)))
			expr_free(r);
		else
			req = expr_conjunction(req, r);
	}
	ptrvec_free(&collected);
	return req;
}

void
soit_requirement(struct checker *ck, struct decl *d)
{
	struct scope *saved_scope = ck->scope;
	struct ptrvec saved_loops = ck->loops;
	bool saved_title = ck->title, saved_inputs = ck->inputs_only;
	int saved_depth;

	if (d->visiting == 2)
		return;
	if (d->visiting == 1) {
		char *msg = xasprintf("la valeur « %s » dépend d'elle-même",
		    d->name);

		diag(ck->ds, E_CYCLE, &d->loc, msg);
		free(msg);
		d->ty = error_type();
		return;
	}
	if (ck->chain >= MAX_CHAIN) {
		if (!ck->chain_reported)
			diag(ck->ds, E_NESTING, &d->loc, MAX_CHAIN,
			    "valeurs calculées ou d'entrées conditionnelles "
			    "qui dépendent les unes des autres");
		ck->chain_reported = true;
		d->ty = error_type();
		return;
	}
	ck->chain++;
	d->visiting = 1;
	/* A soit is checked in its own file, outside any loop. */
	memset(&ck->loops, 0, sizeof(ck->loops));
	ck->title = false;
	ck->inputs_only = false;
	saved_depth = ck->cond_depth;
	ck->cond_depth = 0;
	d->requirement = collect_requirements(ck, d->value, false);
	d->ty = d->value->type != NULL ? d->value->type : error_type();
	/* Evaluating a soit evaluates the soits it reads, recursively. */
	d->depth = ck->cond_depth + 1;
	ck->cond_depth = saved_depth;
	if (d->depth > MAX_CHAIN) {
		if (!ck->chain_reported)
			diag(ck->ds, E_NESTING, &d->loc, MAX_CHAIN,
			    "valeurs calculées ou d'entrées conditionnelles "
			    "qui dépendent les unes des autres");
		ck->chain_reported = true;
		d->ty = error_type();
	}
	ptrvec_free(&ck->loops);
	ck->loops = saved_loops;
	ck->scope = saved_scope;
	ck->title = saved_title;
	ck->inputs_only = saved_inputs;
	d->visiting = 2;
	ck->chain--;
}

void
input_requirement(struct checker *ck, struct input *in)
{
	struct decl *d = (struct decl *)in->decl;
	struct scope *saved_scope = ck->scope, *sc;
	struct ptrvec saved_loops = ck->loops;
	bool saved_inputs = ck->inputs_only, saved_title = ck->title;
	struct expr *collected;
	int errors;

	if (in->visiting == 2 || d->cond == NULL) {
		in->visiting = 2;
		return;
	}
	if (in->visiting == 1) {
		char *msg = xasprintf("la condition de l'entrée « %s » dépend "
		    "d'elle-même", in->name);

		diag(ck->ds, E_CYCLE, &d->loc, msg);
		free(msg);
		return;
	}
	if (ck->chain >= MAX_CHAIN) {
		if (!ck->chain_reported)
			diag(ck->ds, E_NESTING, &d->loc, MAX_CHAIN,
			    "valeurs calculées ou d'entrées conditionnelles "
			    "qui dépendent les unes des autres");
		ck->chain_reported = true;
		return;
	}
	ck->chain++;
	in->visiting = 1;
	sc = scope_of(ck, in->file);
	if (sc != NULL)
		ck->scope = sc;
	memset(&ck->loops, 0, sizeof(ck->loops));
	ck->inputs_only = true;
	ck->title = false;
	ck->cond_depth = 0;
	errors = diags_count(ck->ds, SEV_ERROR);
	collected = collect_requirements(ck, d->cond, true);
	in->depth = ck->cond_depth + 1;
	if (in->depth > MAX_CHAIN) {
		/* A chain this long would make every requirement huge. */
		if (!ck->chain_reported)
			diag(ck->ds, E_NESTING, &d->loc, MAX_CHAIN,
			    "valeurs calculées ou d'entrées conditionnelles "
			    "qui dépendent les unes des autres");
		ck->chain_reported = true;
		expr_free(collected);
		ck->scope = saved_scope;
		ptrvec_free(&ck->loops);
		ck->loops = saved_loops;
		ck->inputs_only = saved_inputs;
		ck->title = saved_title;
		in->visiting = 2;
		ck->chain--;
		return;
	}
	/* The names the condition reads are checked first at run time.  A
	 * condition in error would only cause more errors at each use. */
	if (diags_count(ck->ds, SEV_ERROR) > errors)
		expr_free(collected);
	else
		in->requirement = expr_conjunction(collected,
		    expr_clone(d->cond));
	ck->scope = saved_scope;
	ptrvec_free(&ck->loops);
	ck->loops = saved_loops;
	ck->inputs_only = saved_inputs;
	ck->title = saved_title;
	in->visiting = 2;
	ck->chain--;
}

void
check_printable(struct checker *ck, struct expr *e)
{
	const struct type *t = e->type;
	struct buf b;

	if (is_error(t))
		return;
	if (t->kind == T_LISTE && t->elem->kind == T_RECORD)
		t = t->elem;
	if (t->kind != T_RECORD)
		return;
	buf_init(&b);
	expr_print(&b, e);
	diag(ck->ds, E_PRINT_RECORD, &e->loc, t->name, buf_cstr(&b),
	    t->nfields > 0 ? t->fields[0].name : "nom");
	buf_free(&b);
}
