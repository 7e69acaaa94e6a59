/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Requirements decided under presence facts: three-valued (Kleene)
 * evaluation first, then, where it is unknown, enumeration of the
 * values of the variables read; facts_eval, facts_entail and
 * facts_exclusive. */
#include "check/presence.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "check/facts.h"

static enum kleene
kl_not(enum kleene a)
{
	return a == KL_TRUE ? KL_FALSE : a == KL_FALSE ? KL_TRUE : KL_UNKNOWN;
}

/* Rule 24: three-valued evaluation of R under the value sets, presence,
 * atoms and remembered conditions of K. */
static enum kleene
kleene_eval(const struct facts *k, const struct expr *r)
{
	const struct expr *x;
	bool input = false;
	char *key;
	size_t i;
	int index;

	if (k->contradiction)
		return KL_TRUE;
	/* A condition remembered as written is known as a whole, even
	 * where it has too many variables to enumerate. */
	for (i = 0; i < k->nconds; i++)
		if (same_expr(k->conds[i].e, r))
			return k->conds[i].truth ? KL_TRUE : KL_FALSE;
	if (r->kind == EX_NOT)
		return kl_not(kleene_eval(k, r->u.operand));
	if (r->kind == EX_BINARY && r->u.binary.op == OP_AND) {
		enum kleene a = kleene_eval(k, r->u.binary.lhs);
		enum kleene b = kleene_eval(k, r->u.binary.rhs);

		if (a == KL_FALSE || b == KL_FALSE)
			return KL_FALSE;
		return a == KL_TRUE && b == KL_TRUE ? KL_TRUE : KL_UNKNOWN;
	}
	if (r->kind == EX_BINARY && r->u.binary.op == OP_OR) {
		enum kleene a = kleene_eval(k, r->u.binary.lhs);
		enum kleene b = kleene_eval(k, r->u.binary.rhs);

		if (a == KL_TRUE || b == KL_TRUE)
			return KL_TRUE;
		return a == KL_FALSE && b == KL_FALSE ? KL_FALSE : KL_UNKNOWN;
	}
	if (r->kind == EX_LITERAL && r->u.literal.kind == T_BOOLEEN)
		return r->u.literal.u.boolean ? KL_TRUE : KL_FALSE;
	if (r->kind == EX_EXISTS) {
		int p;

		key = key_of(r->u.operand, &input);
		if (key == NULL)
			return KL_UNKNOWN;
		p = presence_of(k, key);
		free(key);
		if (p >= 0)
			return p ? KL_TRUE : KL_FALSE;
		return always_present(r->u.operand) ? KL_TRUE : KL_UNKNOWN;
	}
	if (split_value_test(r, &x, &index)) {
		const struct value_fact *f;
		size_t count = 0;
		enum kleene result;

		key = key_of(x, &input);
		f = find_value(k, key);
		free(key);
		if (f == NULL || index < 0 || (size_t)index >= f->n)
			return KL_UNKNOWN;
		for (i = 0; i < f->n; i++)
			count += f->allowed[i];
		if (!f->allowed[index])
			result = KL_FALSE;
		else if (count == 1)
			result = KL_TRUE;
		else
			result = KL_UNKNOWN;
		return r->u.binary.op == OP_EQ ? result : kl_not(result);
	}
	if (universe(r) == 2 && (key = key_of(r, &input)) != NULL) {
		const struct value_fact *f = find_value(k, key);

		free(key);
		if (f == NULL)
			return KL_UNKNOWN;
		if (f->allowed[1] && !f->allowed[0])
			return KL_TRUE;
		if (f->allowed[0] && !f->allowed[1])
			return KL_FALSE;
		return KL_UNKNOWN;
	}
	for (i = 0; i < k->natoms; i++)
		if (expr_equal(k->atoms[i].e, r))
			return k->atoms[i].truth ? KL_TRUE : KL_FALSE;
	return KL_UNKNOWN;
}

/* Exact decision by enumeration.  When the Kleene evaluation is unknown
 * (typically under a disjunction, whose value sets keep only what both
 * sides share), a goal is decided over the finite variables it and the
 * remembered conditions read: each booléen or choice name or field
 * (ranging over its possible values in K), each `x existe`, and each
 * other atom as a free boolean (fixed when K knows it).  The goal holds
 * when it is true in every assignment that satisfies the conditions
 * taken into account.  Leaving a condition out, or treating related
 * atoms as independent, only adds assignments: the answer may be less
 * precise, never wrong.  The number of assignments is capped. */

#define ENUM_CAP 4096	/* assignments enumerated at most */

/* A formula compiled over the variables of a space. */
enum lop {
	L_FALSE,
	L_TRUE,
	L_IS,		/* variable VAR has value VALUE */
	L_NOT,
	L_AND,
	L_OR
};

struct lnode {
	enum lop op;
	size_t	 a, b;		/* operands, node indexes */
	size_t	 var;
	size_t	 value;
};

struct var {
	char	*key;		/* value or presence key; NULL for an atom */
	const struct expr *atom;
	size_t	 n;		/* size of the universe */
	bool	*allowed;	/* the values possible under K */
	size_t	 count;		/* how many are */
};

struct formula {
	size_t	 root;
	size_t	*vars;		/* the variables read, once each */
	size_t	 nvars;
	bool	 usable;	/* compiled without a type mismatch */
};

struct space {
	const struct facts *k;
	struct var *vars;
	size_t	 nvars;
	struct lnode *nodes;
	size_t	 nnodes;
	struct formula *conds;	/* K's remembered conditions, in order */
	size_t	 nconds;
	bool	 failed;	/* the formula being compiled is unusable */
};

/* What an enumeration saw. */
struct verdict {
	bool	 world;		/* some assignment satisfies the conditions */
	bool	 yes;		/* the goal held in one of them */
	bool	 no;		/* the goal failed in one of them */
};

static size_t
add_node(struct space *s, enum lop op, size_t a, size_t b)
{
	struct lnode *n;

	s->nodes = xgrow(s->nodes, s->nnodes, sizeof(*s->nodes));
	n = &s->nodes[s->nnodes];
	n->op = op;
	n->a = a;
	n->b = b;
	n->var = 0;
	n->value = 0;
	return s->nnodes++;
}

static size_t
add_is(struct space *s, size_t var, size_t value)
{
	size_t i = add_node(s, L_IS, 0, 0);

	s->nodes[i].var = var;
	s->nodes[i].value = value;
	return i;
}

/* Keeps only the values of V marked in KEEP. */
static void
restrict_var(struct var *v, const bool *keep)
{
	size_t i;

	v->count = 0;
	for (i = 0; i < v->n; i++) {
		v->allowed[i] = v->allowed[i] && keep[i];
		v->count += v->allowed[i];
	}
}

/* Fixes V (a boolean) to TRUTH. */
static void
fix_var(struct var *v, bool truth)
{
	bool keep[2];

	keep[0] = !truth;
	keep[1] = truth;
	restrict_var(v, keep);
}

static size_t
new_var(struct space *s, char *key, const struct expr *atom, size_t n)
{
	struct var *v;
	size_t i;

	s->vars = xgrow(s->vars, s->nvars, sizeof(*s->vars));
	v = &s->vars[s->nvars];
	v->key = key;
	v->atom = atom;
	v->n = n;
	v->allowed = xcalloc(n, sizeof(bool));
	for (i = 0; i < n; i++)
		v->allowed[i] = true;
	v->count = n;
	return s->nvars++;
}

/* The variable of the values of KEY (universe N), ranging over what K
 * allows.  A formula reading it with another universe is unusable: its
 * value indexes would not mean the same. */
static size_t
value_var(struct space *s, const char *key, size_t n)
{
	const struct value_fact *f;
	size_t i;

	for (i = 0; i < s->nvars; i++)
		if (s->vars[i].key != NULL && strcmp(s->vars[i].key, key) == 0) {
			if (s->vars[i].n != n)
				s->failed = true;
			return i;
		}
	i = new_var(s, xstrdup(key), NULL, n);
	/* Sets of another size are not about the same values: ignoring
	 * them only leaves more values possible. */
	if ((f = find_value(s->k, key)) != NULL && f->n == n)
		restrict_var(&s->vars[i], f->allowed);
	return i;
}

/* The variable "KEY is present" (value 1), fixed when K knows it. */
static size_t
presence_var(struct space *s, const char *key)
{
	char *pkey = xasprintf("!%s", key);
	size_t i;
	int p;

	for (i = 0; i < s->nvars; i++)
		if (s->vars[i].key != NULL && strcmp(s->vars[i].key, pkey) == 0) {
			free(pkey);
			return i;
		}
	i = new_var(s, pkey, NULL, 2);
	if ((p = presence_of(s->k, key)) >= 0)
		fix_var(&s->vars[i], p == 1);
	return i;
}

/* The variable of an opaque atom, one per atom up to same_expr. */
static size_t
atom_var(struct space *s, const struct expr *e)
{
	size_t i, j;

	for (i = 0; i < s->nvars; i++)
		if (s->vars[i].key == NULL && same_expr(s->vars[i].atom, e))
			return i;
	i = new_var(s, NULL, e, 2);
	for (j = 0; j < s->k->natoms; j++)
		if (same_expr(s->k->atoms[j].e, e)) {
			fix_var(&s->vars[i], s->k->atoms[j].truth);
			break;
		}
	return i;
}

static size_t
compile_atom(struct space *s, const struct expr *e)
{
	return add_is(s, atom_var(s, e), 1);
}

/* Compiles condition E, read as in kleene_eval. */
static size_t
compile(struct space *s, const struct expr *e)
{
	const struct expr *x;
	bool input = false;
	char *key;
	size_t a, b, var;
	int index;

	switch (e->kind) {
	case EX_NOT:
		a = compile(s, e->u.operand);
		return add_node(s, L_NOT, a, 0);
	case EX_BINARY:
		if (e->u.binary.op == OP_AND || e->u.binary.op == OP_OR) {
			a = compile(s, e->u.binary.lhs);
			b = compile(s, e->u.binary.rhs);
			return add_node(s, e->u.binary.op == OP_AND ? L_AND :
			    L_OR, a, b);
		}
		if (split_value_test(e, &x, &index)) {
			key = key_of(x, &input);
			var = value_var(s, key, universe(x));
			free(key);
			if ((size_t)index >= s->vars[var].n) {
				s->failed = true;
				return add_node(s, L_FALSE, 0, 0);
			}
			a = add_is(s, var, (size_t)index);
			return e->u.binary.op == OP_EQ ? a :
			    add_node(s, L_NOT, a, 0);
		}
		return compile_atom(s, e);
	case EX_LITERAL:
		if (e->u.literal.kind == T_BOOLEEN)
			return add_node(s, e->u.literal.u.boolean ? L_TRUE :
			    L_FALSE, 0, 0);
		return compile_atom(s, e);
	case EX_NAME:
	case EX_FIELD:
		if (e->type != NULL && e->type->kind == T_BOOLEEN &&
		    (key = key_of(e, &input)) != NULL) {
			var = value_var(s, key, 2);
			free(key);
			return add_is(s, var, 1);
		}
		return compile_atom(s, e);
	case EX_EXISTS:
		if ((key = key_of(e->u.operand, &input)) != NULL) {
			var = presence_var(s, key);
			free(key);
			if (always_present(e->u.operand))
				fix_var(&s->vars[var], true);
			return add_is(s, var, 1);
		}
		return compile_atom(s, e);
	case EX_CALL:
	case EX_RECORD:
	case EX_LIST:
	case EX_NEG:
		return compile_atom(s, e);
	}
	return compile_atom(s, e);
}

/* Adds to F the variables read under node I. */
static void
gather_vars(const struct space *s, struct formula *f, size_t i)
{
	const struct lnode *n = &s->nodes[i];
	size_t j;

	switch (n->op) {
	case L_FALSE:
	case L_TRUE:
		return;
	case L_IS:
		for (j = 0; j < f->nvars; j++)
			if (f->vars[j] == n->var)
				return;
		f->vars = xgrow(f->vars, f->nvars, sizeof(*f->vars));
		f->vars[f->nvars++] = n->var;
		return;
	case L_NOT:
		gather_vars(s, f, n->a);
		return;
	case L_AND:
	case L_OR:
		gather_vars(s, f, n->a);
		gather_vars(s, f, n->b);
		return;
	}
}

/* Makes F of node ROOT, compiled with S->failed cleared before. */
static void
formula_of(struct space *s, struct formula *f, size_t root)
{
	f->root = root;
	f->vars = NULL;
	f->nvars = 0;
	f->usable = !s->failed;
	gather_vars(s, f, root);
	s->failed = false;
}

static void
formula_cond(struct space *s, struct formula *f, const struct expr *e,
    bool truth)
{
	size_t root;

	s->failed = false;
	root = compile(s, e);
	if (!truth)
		root = add_node(s, L_NOT, root, 0);
	formula_of(s, f, root);
}

/* Opens a space over K, its remembered conditions compiled. */
static void
space_open(struct space *s, const struct facts *k)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->k = k;
	s->nconds = k->nconds;
	s->conds = xcalloc(k->nconds ? k->nconds : 1, sizeof(*s->conds));
	for (i = 0; i < k->nconds; i++)
		formula_cond(s, &s->conds[i], k->conds[i].e, k->conds[i].truth);
}

static void
space_close(struct space *s)
{
	size_t i;

	for (i = 0; i < s->nvars; i++) {
		free(s->vars[i].key);
		free(s->vars[i].allowed);
	}
	free(s->vars);
	free(s->nodes);
	for (i = 0; i < s->nconds; i++)
		free(s->conds[i].vars);
	free(s->conds);
}

static bool
holds(const struct space *s, const size_t *value, size_t i)
{
	const struct lnode *n = &s->nodes[i];

	switch (n->op) {
	case L_FALSE:
		return false;
	case L_TRUE:
		return true;
	case L_IS:
		return value[n->var] == n->value;
	case L_NOT:
		return !holds(s, value, n->a);
	case L_AND:
		return holds(s, value, n->a) && holds(s, value, n->b);
	case L_OR:
		return holds(s, value, n->a) || holds(s, value, n->b);
	}
	return false;
}

/* The number of assignments once F's variables join those marked in
 * IN (PRODUCT so far), or ENUM_CAP + 1 beyond the cap. */
static size_t
product_with(const struct space *s, const struct formula *f, const bool *in,
    size_t product)
{
	size_t i;

	for (i = 0; i < f->nvars; i++) {
		const struct var *v = &s->vars[f->vars[i]];

		if (in[f->vars[i]] || v->count < 2)
			continue;
		if (product > ENUM_CAP / v->count)
			return ENUM_CAP + 1;
		product *= v->count;
	}
	return product;
}

/* Whether F reads a variable marked in IN that may take several
 * values, or reads none that may (a constant: cheap, and when false,
 * it shows the point unreachable). */
static bool
touches(const struct space *s, const struct formula *f, const bool *in)
{
	size_t i;
	bool free_var = false;

	for (i = 0; i < f->nvars; i++) {
		if (s->vars[f->vars[i]].count < 2)
			continue;
		if (in[f->vars[i]])
			return true;
		free_var = true;
	}
	return !free_var;
}

static void
mark_vars(const struct formula *f, bool *in)
{
	size_t i;

	for (i = 0; i < f->nvars; i++)
		in[f->vars[i]] = true;
}

/* The first value of V at or after FROM, or V->n. */
static size_t
next_value(const struct var *v, size_t from)
{
	while (from < v->n && !v->allowed[from])
		from++;
	return from;
}

/* Enumerates the assignments of the variables of GOAL (when not NULL)
 * and of the conditions marked in CHOSEN, adding to CHOSEN each other
 * condition that shares a variable with them while the count stays
 * within the cap (conditions on other variables cannot change the
 * goal).  False, with nothing enumerated, beyond the cap. */
static bool
decide(const struct space *s, const struct formula *goal, bool *chosen,
    struct verdict *out)
{
	bool *in = xcalloc(s->nvars ? s->nvars : 1, sizeof(bool));
	size_t *value, *vary, nvary = 0, product = 1, i, j;
	bool grew, ok = true;

	memset(out, 0, sizeof(*out));
	if (goal != NULL) {
		product = product_with(s, goal, in, product);
		mark_vars(goal, in);
	}
	for (i = 0; i < s->nconds && product <= ENUM_CAP; i++)
		if (chosen[i]) {
			product = product_with(s, &s->conds[i], in, product);
			mark_vars(&s->conds[i], in);
		}
	if (product > ENUM_CAP) {
		free(in);
		return false;
	}
	do {
		grew = false;
		for (i = 0; i < s->nconds; i++) {
			size_t p;

			if (chosen[i] || !s->conds[i].usable ||
			    !touches(s, &s->conds[i], in))
				continue;
			if ((p = product_with(s, &s->conds[i], in, product)) >
			    ENUM_CAP)
				continue;
			product = p;
			mark_vars(&s->conds[i], in);
			chosen[i] = grew = true;
		}
	} while (grew);

	value = xcalloc(s->nvars ? s->nvars : 1, sizeof(size_t));
	vary = xcalloc(s->nvars ? s->nvars : 1, sizeof(size_t));
	for (i = 0; i < s->nvars; i++) {
		if (!in[i])
			continue;
		value[i] = next_value(&s->vars[i], 0);
		if (value[i] == s->vars[i].n)
			ok = false;	/* no value possible: no world */
		if (s->vars[i].count >= 2)
			vary[nvary++] = i;
	}
	while (ok) {
		bool world = true;

		for (i = 0; i < s->nconds && world; i++)
			if (chosen[i])
				world = holds(s, value, s->conds[i].root);
		if (world) {
			out->world = true;
			if (goal == NULL)
				break;
			if (holds(s, value, goal->root))
				out->yes = true;
			else
				out->no = true;
			if (out->yes && out->no)
				break;
		}
		/* The next assignment, in mixed radix. */
		for (j = 0; j < nvary; j++) {
			const struct var *v = &s->vars[vary[j]];
			size_t next = next_value(v, value[vary[j]] + 1);

			if (next < v->n) {
				value[vary[j]] = next;
				break;
			}
			value[vary[j]] = next_value(v, 0);
		}
		if (j == nvary)
			break;
	}
	free(value);
	free(vary);
	free(in);
	return true;
}

/* GOAL under the conditions of S: true when it holds in every world,
 * false in none, else (or beyond the cap) unknown.  With no world at
 * all the point is unreachable, and anything holds there. */
static enum kleene
decide_goal(const struct space *s, const struct formula *goal)
{
	bool *chosen;
	struct verdict v;
	bool done;

	if (!goal->usable)
		return KL_UNKNOWN;
	chosen = xcalloc(s->nconds ? s->nconds : 1, sizeof(bool));
	done = decide(s, goal, chosen, &v);
	free(chosen);
	if (!done)
		return KL_UNKNOWN;
	if (!v.no)
		return KL_TRUE;
	return v.yes ? KL_UNKNOWN : KL_FALSE;
}

static enum kleene
enumerate_eval(const struct facts *k, const struct expr *r)
{
	struct space s;
	struct formula goal;
	enum kleene result;

	space_open(&s, k);
	formula_cond(&s, &goal, r, true);
	result = decide_goal(&s, &goal);
	free(goal.vars);
	space_close(&s);
	return result;
}

/* Whether no assignment satisfies the remembered conditions of K: each
 * group of conditions linked by their variables is tried on its own. */
static bool
unsatisfiable(const struct facts *k)
{
	struct space s;
	bool *covered, *chosen, none = false;
	size_t i, j;

	if (k->nconds == 0)
		return false;
	space_open(&s, k);
	covered = xcalloc(s.nconds, sizeof(bool));
	chosen = xcalloc(s.nconds, sizeof(bool));
	for (i = 0; i < s.nconds && !none; i++) {
		struct verdict v;

		if (covered[i] || !s.conds[i].usable)
			continue;
		memset(chosen, 0, s.nconds * sizeof(bool));
		chosen[i] = true;
		if (!decide(&s, NULL, chosen, &v))
			continue;
		none = !v.world;
		for (j = 0; j < s.nconds; j++)
			covered[j] = covered[j] || chosen[j];
	}
	free(chosen);
	free(covered);
	space_close(&s);
	return none;
}

enum kleene
facts_eval(const struct facts *k, const struct expr *r)
{
	enum kleene fast = kleene_eval(k, r);

	if (fast != KL_UNKNOWN)
		return fast;
	return enumerate_eval(k, r);
}

/* Whether the goal compiled at ROOT (S->failed telling whether it is
 * usable) holds in every world of S. */
static bool
space_proves(struct space *s, size_t root)
{
	struct formula f;
	enum kleene r;

	formula_of(s, &f, root);
	r = decide_goal(s, &f);
	free(f.vars);
	return r == KL_TRUE;
}

/* Whether K implies that KEY (universe N) takes one of the values in
 * ALLOWED. */
static bool
space_proves_values(struct space *s, const char *key, size_t n,
    const bool *allowed)
{
	size_t var, root, j;

	s->failed = false;
	var = value_var(s, key, n);
	root = add_node(s, L_FALSE, 0, 0);
	for (j = 0; j < n && !s->failed; j++)
		if (allowed[j])
			root = add_node(s, L_OR, root, add_is(s, var, j));
	return space_proves(s, root);
}

/* Whether K implies that KEY's presence is PRESENT. */
static bool
space_proves_presence(struct space *s, const char *key, bool present)
{
	size_t var;

	s->failed = false;
	var = presence_var(s, key);
	return space_proves(s, add_is(s, var, present ? 1 : 0));
}

/* Whether K implies that E is TRUTH: as facts_eval, Kleene first. */
static bool
space_proves_cond(struct space *s, const struct expr *e, bool truth)
{
	struct formula f;
	enum kleene r = kleene_eval(s->k, e);

	if (r != KL_UNKNOWN)
		return r == (truth ? KL_TRUE : KL_FALSE);
	formula_cond(s, &f, e, truth);
	r = decide_goal(s, &f);
	free(f.vars);
	return r == KL_TRUE;
}

/* Each assertion of L is first looked for among K's own; one not found
 * there is decided by enumeration under K's conditions. */
bool
facts_entail(const struct facts *k, const struct facts *l)
{
	struct space s;
	bool open = false, entailed = true;
	size_t i, j;

	if (k->contradiction)
		return true;
	if (l->contradiction)
		return false;
	for (i = 0; i < l->nvalues && entailed; i++) {
		const struct value_fact *lv = &l->values[i];
		const struct value_fact *f = find_value(k, lv->key);
		bool included = true;

		for (j = 0; j < lv->n; j++) {
			bool possible = f == NULL || f->n != lv->n ?
			    true : f->allowed[j];

			if (possible && !lv->allowed[j])
				included = false;
		}
		if (included)
			continue;
		if (!open)
			space_open(&s, k);
		open = true;
		entailed = space_proves_values(&s, lv->key, lv->n, lv->allowed);
	}
	for (i = 0; i < l->nnames && entailed; i++) {
		if (presence_of(k, l->names[i].key) ==
		    (l->names[i].present ? 1 : 0))
			continue;
		if (!open)
			space_open(&s, k);
		open = true;
		entailed = space_proves_presence(&s, l->names[i].key,
		    l->names[i].present);
	}
	for (i = 0; i < l->natoms && entailed; i++) {
		bool found = false;

		for (j = 0; j < k->natoms && !found; j++)
			found = k->atoms[j].truth == l->atoms[i].truth &&
			    expr_equal(k->atoms[j].e, l->atoms[i].e);
		if (found)
			continue;
		if (!open)
			space_open(&s, k);
		open = true;
		entailed = space_proves_cond(&s, l->atoms[i].e,
		    l->atoms[i].truth);
	}
	for (i = 0; i < l->nconds && entailed; i++) {
		if (has_cond(k, l->conds[i].e, l->conds[i].truth))
			continue;
		if (!open)
			space_open(&s, k);
		open = true;
		entailed = space_proves_cond(&s, l->conds[i].e,
		    l->conds[i].truth);
	}
	if (open)
		space_close(&s);
	return entailed;
}

/* Whether A and B cannot both hold: their conjunction is contradictory. */
bool
facts_exclusive(const struct facts *a, const struct facts *b)
{
	struct facts *both = facts_copy(a);
	bool exclusive;

	facts_add(both, b);
	exclusive = both->contradiction || b->contradiction ||
	    unsatisfiable(both);
	facts_free(both);
	return exclusive;
}
