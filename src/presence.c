#include "presence.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "program.h"
#include "util.h"

struct value_fact {
	char	*key;
	size_t	 n;		/* size of the value universe */
	bool	*allowed;
	bool	 input;	/* keyed on a client input */
};

struct atom_fact {
	const struct expr *e;
	bool	 truth;
};

struct name_fact {
	char	*key;
	bool	 present;
	bool	 input;
};

struct facts {
	struct value_fact *values;
	size_t		 nvalues;
	struct name_fact *names;
	size_t		 nnames;
	struct atom_fact *atoms;
	size_t		 natoms;
	bool		 contradiction;
};

struct facts *
facts_new(void)
{
	return xcalloc(1, sizeof(struct facts));
}

struct facts *
facts_copy(const struct facts *k)
{
	struct facts *c = facts_new();
	size_t i;

	c->contradiction = k->contradiction;
	c->nvalues = k->nvalues;
	c->values = xcalloc(k->nvalues ? k->nvalues : 1, sizeof(*c->values));
	for (i = 0; i < k->nvalues; i++) {
		c->values[i] = k->values[i];
		c->values[i].key = xstrdup(k->values[i].key);
		c->values[i].allowed = xcalloc(k->values[i].n ? k->values[i].n : 1,
		    sizeof(bool));
		if (k->values[i].n > 0)
			memcpy(c->values[i].allowed, k->values[i].allowed,
			    k->values[i].n * sizeof(bool));
	}
	c->nnames = k->nnames;
	c->names = xcalloc(k->nnames ? k->nnames : 1, sizeof(*c->names));
	for (i = 0; i < k->nnames; i++) {
		c->names[i] = k->names[i];
		c->names[i].key = xstrdup(k->names[i].key);
	}
	c->natoms = k->natoms;
	c->atoms = xcalloc(k->natoms ? k->natoms : 1, sizeof(*c->atoms));
	if (k->natoms > 0)
		memcpy(c->atoms, k->atoms, k->natoms * sizeof(*c->atoms));
	return c;
}

void
facts_free(struct facts *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->nvalues; i++) {
		free(k->values[i].key);
		free(k->values[i].allowed);
	}
	free(k->values);
	for (i = 0; i < k->nnames; i++)
		free(k->names[i].key);
	free(k->names);
	free(k->atoms);
	free(k);
}

/* The key of a name or field path: client inputs by their global index
 * (the same in every file), other symbols by identity.  NULL when E is
 * not a name or field. */
static char *
key_of(const struct expr *e, bool *input)
{
	char *obj, *key;

	if (e->kind == EX_NAME && e->sym != NULL) {
		if (e->sym->kind == SYM_INPUT) {
			*input = true;
			return xasprintf("i%zu", e->sym->input->index);
		}
		*input = false;
		return xasprintf("s%p", (const void *)e->sym);
	}
	if (e->kind == EX_FIELD) {
		obj = key_of(e->u.field.obj, input);
		if (obj == NULL)
			return NULL;
		key = xasprintf("%s.%s", obj, e->u.field.name);
		free(obj);
		return key;
	}
	return NULL;
}

/* Size of the value universe of a boolean or choice expression. */
static size_t
universe(const struct expr *e)
{
	if (e->type == NULL)
		return 0;
	if (e->type->kind == T_BOOLEEN)
		return 2;
	if (e->type->kind == T_CHOIX)
		return e->type->nvalues;
	return 0;
}

/* The constant index of V against a subject of type T: choice values
 * by index, faux 0 and vrai 1. */
static int
constant_index(const struct expr *v)
{
	if (v->kind == EX_NAME && v->choice >= 0)
		return v->choice;
	if (v->kind == EX_LITERAL && v->u.literal.kind == T_BOOLEEN)
		return v->u.literal.u.boolean ? 1 : 0;
	return -1;
}

static struct value_fact *
value_fact(struct facts *k, const char *key, size_t n, bool input)
{
	size_t i;
	struct value_fact *f;

	for (i = 0; i < k->nvalues; i++)
		if (strcmp(k->values[i].key, key) == 0)
			return &k->values[i];
	k->values = xgrow(k->values, k->nvalues, sizeof(*k->values));
	f = &k->values[k->nvalues++];
	f->key = xstrdup(key);
	f->n = n;
	f->input = input;
	f->allowed = xcalloc(n ? n : 1, sizeof(bool));
	for (i = 0; i < n; i++)
		f->allowed[i] = true;
	return f;
}

static const struct value_fact *
find_value(const struct facts *k, const char *key)
{
	size_t i;

	for (i = 0; i < k->nvalues; i++)
		if (strcmp(k->values[i].key, key) == 0)
			return &k->values[i];
	return NULL;
}

static void
set_present(struct facts *k, const char *key, bool present, bool input)
{
	size_t i;

	for (i = 0; i < k->nnames; i++)
		if (strcmp(k->names[i].key, key) == 0) {
			if (k->names[i].present != present)
				k->contradiction = true;
			return;
		}
	k->names = xgrow(k->names, k->nnames, sizeof(*k->names));
	k->names[k->nnames].key = xstrdup(key);
	k->names[k->nnames].present = present;
	k->names[k->nnames].input = input;
	k->nnames++;
}

static int
presence_of(const struct facts *k, const char *key)
{
	size_t i;

	for (i = 0; i < k->nnames; i++)
		if (strcmp(k->names[i].key, key) == 0)
			return k->names[i].present ? 1 : 0;
	return -1;
}

/* Restricts KEY to the values marked in KEEP. */
static void
restrict_values(struct facts *k, const char *key, size_t n, bool input,
    const bool *keep)
{
	struct value_fact *f = value_fact(k, key, n, input);
	size_t i;
	bool any = false;

	for (i = 0; i < n && i < f->n; i++) {
		f->allowed[i] = f->allowed[i] && keep[i];
		any = any || f->allowed[i];
	}
	if (!any)
		k->contradiction = true;
}

/* A name known present also tells that its own requirement holds. */
static void
assume_requirement(struct facts *k, const struct expr *name)
{
	const struct expr *req = NULL;

	if (name->kind != EX_NAME || name->sym == NULL)
		return;
	if (name->sym->kind == SYM_INPUT)
		req = name->sym->input->requirement;
	else if (name->sym->kind == SYM_SOIT)
		req = name->sym->decl->requirement;
	if (req != NULL)
		facts_assume(k, req, true);
}

static bool always_present(const struct expr *e);

void
facts_assume_present(struct facts *k, const struct expr *name)
{
	bool input = false;
	char *key;
	bool known;

	/* Knowing that an always-present name is present teaches nothing,
	 * and would make contexts differ for no reason. */
	if (always_present(name))
		return;
	if ((key = key_of(name, &input)) == NULL)
		return;
	known = presence_of(k, key) == 1;
	set_present(k, key, true, input);
	free(key);
	if (name->kind == EX_FIELD)
		facts_assume_present(k, name->u.field.obj);
	else if (!known)
		assume_requirement(k, name);
}

bool
facts_is_value_test(const struct expr *e)
{
	const struct expr *x, *v;
	bool input;
	char *key;

	if (e->kind != EX_BINARY ||
	    (e->u.binary.op != OP_EQ && e->u.binary.op != OP_NE))
		return false;
	x = e->u.binary.lhs;
	v = e->u.binary.rhs;
	if (constant_index(x) >= 0 && universe(v) > 0) {
		const struct expr *t = x;

		x = v;
		v = t;
	}
	if (universe(x) == 0 || constant_index(v) < 0)
		return false;
	key = key_of(x, &input);
	free(key);
	return key != NULL;
}

/* Adds facts of a single atom. */
static void
assume_atom(struct facts *k, const struct expr *c, bool truth)
{
	bool input = false;
	char *key;
	size_t i;

	if (c->kind == EX_EXISTS) {
		key = key_of(c->u.operand, &input);
		if (key != NULL) {
			free(key);
			if (truth)
				facts_assume_present(k, c->u.operand);
			else {
				key = key_of(c->u.operand, &input);
				set_present(k, key, false, input);
				free(key);
			}
			return;
		}
	}
	if (facts_is_value_test(c)) {
		const struct expr *x = c->u.binary.lhs, *v = c->u.binary.rhs;
		bool eq = c->u.binary.op == OP_EQ;
		bool *keep;
		size_t n;
		int index;

		if (constant_index(x) >= 0 && universe(v) > 0) {
			const struct expr *t = x;

			x = v;
			v = t;
		}
		n = universe(x);
		index = constant_index(v);
		key = key_of(x, &input);
		keep = xcalloc(n, sizeof(bool));
		for (i = 0; i < n; i++)
			keep[i] = ((int)i == index) == (eq == truth);
		restrict_values(k, key, n, input, keep);
		free(keep);
		free(key);
		facts_assume_present(k, x);
		return;
	}
	if (universe(c) == 2 && (key = key_of(c, &input)) != NULL) {
		bool keep[2];

		keep[0] = !truth;
		keep[1] = truth;
		restrict_values(k, key, 2, input, keep);
		free(key);
		facts_assume_present(k, c);
		return;
	}
	for (i = 0; i < k->natoms; i++)
		if (expr_equal(k->atoms[i].e, c)) {
			if (k->atoms[i].truth != truth)
				k->contradiction = true;
			return;
		}
	k->atoms = xgrow(k->atoms, k->natoms, sizeof(*k->atoms));
	k->atoms[k->natoms].e = c;
	k->atoms[k->natoms].truth = truth;
	k->natoms++;
}

/* K becomes what holds on both A's and B's side: the union of each
 * name's values, presence and atoms known on both. */
static void
join(struct facts *k, const struct facts *a, const struct facts *b)
{
	size_t i, j;

	if (a->contradiction) {
		struct facts *c = facts_copy(b);

		/* K already is included in B; take B. */
		for (i = 0; i < c->nvalues; i++)
			restrict_values(k, c->values[i].key, c->values[i].n,
			    c->values[i].input, c->values[i].allowed);
		for (i = 0; i < c->nnames; i++)
			set_present(k, c->names[i].key, c->names[i].present,
			    c->names[i].input);
		for (i = 0; i < b->natoms; i++)
			assume_atom(k, b->atoms[i].e, b->atoms[i].truth);
		facts_free(c);
		return;
	}
	if (b->contradiction) {
		join(k, b, a);
		return;
	}
	for (i = 0; i < a->nvalues; i++) {
		const struct value_fact *fb = find_value(b, a->values[i].key);
		bool *keep;

		if (fb == NULL || fb->n != a->values[i].n)
			continue;
		keep = xcalloc(fb->n ? fb->n : 1, sizeof(bool));
		for (j = 0; j < fb->n; j++)
			keep[j] = a->values[i].allowed[j] || fb->allowed[j];
		restrict_values(k, a->values[i].key, fb->n, a->values[i].input,
		    keep);
		free(keep);
	}
	for (i = 0; i < a->nnames; i++)
		if (presence_of(b, a->names[i].key) == (a->names[i].present ? 1 : 0))
			set_present(k, a->names[i].key, a->names[i].present,
			    a->names[i].input);
	for (i = 0; i < a->natoms; i++)
		for (j = 0; j < b->natoms; j++)
			if (a->atoms[i].truth == b->atoms[j].truth &&
			    expr_equal(a->atoms[i].e, b->atoms[j].e)) {
				assume_atom(k, a->atoms[i].e, a->atoms[i].truth);
				break;
			}
}

void
facts_assume(struct facts *k, const struct expr *c, bool truth)
{
	if (c == NULL)
		return;
	if (c->kind == EX_NOT) {
		facts_assume(k, c->u.operand, !truth);
		return;
	}
	if (c->kind == EX_BINARY && (c->u.binary.op == OP_AND ||
	    c->u.binary.op == OP_OR)) {
		bool conjunction = (c->u.binary.op == OP_AND) == truth;

		if (conjunction) {
			facts_assume(k, c->u.binary.lhs, truth);
			facts_assume(k, c->u.binary.rhs, truth);
		} else {
			struct facts *a = facts_copy(k), *b = facts_copy(k);

			facts_assume(a, c->u.binary.lhs, truth);
			facts_assume(b, c->u.binary.rhs, truth);
			if (a->contradiction && b->contradiction)
				k->contradiction = true;
			else
				join(k, a, b);
			facts_free(a);
			facts_free(b);
		}
		return;
	}
	assume_atom(k, c, truth);
}

void
facts_assume_values(struct facts *k, const struct expr *subject,
    const int *indexes, size_t n, bool in)
{
	bool input = false;
	char *key = key_of(subject, &input);
	size_t size = universe(subject), i;
	bool *keep;

	if (key == NULL || size == 0) {
		free(key);
		return;
	}
	keep = xcalloc(size, sizeof(bool));
	for (i = 0; i < size; i++)
		keep[i] = !in;
	for (i = 0; i < n; i++)
		if (indexes[i] >= 0 && (size_t)indexes[i] < size)
			keep[indexes[i]] = in;
	restrict_values(k, key, size, input, keep);
	free(keep);
	free(key);
	facts_assume_present(k, subject);
}

bool
facts_contradiction(const struct facts *k)
{
	return k->contradiction;
}

static enum kleene
kl_not(enum kleene a)
{
	return a == KL_TRUE ? KL_FALSE : a == KL_FALSE ? KL_TRUE : KL_UNKNOWN;
}

/* Whether the symbol behind a name always exists. */
static bool
always_present(const struct expr *e)
{
	if (e->kind == EX_FIELD)
		return always_present(e->u.field.obj);
	if (e->kind != EX_NAME || e->sym == NULL)
		return false;
	switch (e->sym->kind) {
	case SYM_INPUT:
		return e->sym->input->requirement == NULL &&
		    !e->sym->input->optional;
	case SYM_SOIT:
		return e->sym->decl->requirement == NULL;
	case SYM_PARAM:
	case SYM_LOOP:
		return true;
	}
	return false;
}

enum kleene
facts_eval(const struct facts *k, const struct expr *r)
{
	bool input = false;
	char *key;
	size_t i;

	if (k->contradiction)
		return KL_TRUE;
	if (r->kind == EX_NOT)
		return kl_not(facts_eval(k, r->u.operand));
	if (r->kind == EX_BINARY && r->u.binary.op == OP_AND) {
		enum kleene a = facts_eval(k, r->u.binary.lhs);
		enum kleene b = facts_eval(k, r->u.binary.rhs);

		if (a == KL_FALSE || b == KL_FALSE)
			return KL_FALSE;
		return a == KL_TRUE && b == KL_TRUE ? KL_TRUE : KL_UNKNOWN;
	}
	if (r->kind == EX_BINARY && r->u.binary.op == OP_OR) {
		enum kleene a = facts_eval(k, r->u.binary.lhs);
		enum kleene b = facts_eval(k, r->u.binary.rhs);

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
	if (facts_is_value_test(r)) {
		const struct expr *x = r->u.binary.lhs, *v = r->u.binary.rhs;
		const struct value_fact *f;
		int index;
		size_t count = 0;
		enum kleene result;

		if (constant_index(x) >= 0 && universe(v) > 0) {
			const struct expr *t = x;

			x = v;
			v = t;
		}
		index = constant_index(v);
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

bool
facts_entail(const struct facts *k, const struct facts *l)
{
	size_t i, j;

	if (k->contradiction)
		return true;
	if (l->contradiction)
		return false;
	for (i = 0; i < l->nvalues; i++) {
		const struct value_fact *f = find_value(k, l->values[i].key);

		for (j = 0; j < l->values[i].n; j++) {
			bool possible = f == NULL ? true : f->allowed[j];

			if (possible && !l->values[i].allowed[j])
				return false;
		}
	}
	for (i = 0; i < l->nnames; i++)
		if (presence_of(k, l->names[i].key) !=
		    (l->names[i].present ? 1 : 0))
			return false;
	for (i = 0; i < l->natoms; i++) {
		bool found = false;

		for (j = 0; j < k->natoms && !found; j++)
			found = k->atoms[j].truth == l->atoms[i].truth &&
			    expr_equal(k->atoms[j].e, l->atoms[i].e);
		if (!found)
			return false;
	}
	return true;
}

struct facts *
facts_for_clause(const struct facts *k)
{
	struct facts *c = facts_new();
	size_t i;

	c->contradiction = k->contradiction;
	for (i = 0; i < k->nvalues; i++)
		if (k->values[i].input)
			restrict_values(c, k->values[i].key, k->values[i].n, true,
			    k->values[i].allowed);
	for (i = 0; i < k->nnames; i++)
		if (k->names[i].input)
			set_present(c, k->names[i].key, k->names[i].present, true);
	return c;
}

/* Whether A and B cannot both hold: their conjunction is contradictory. */
bool
facts_exclusive(const struct facts *a, const struct facts *b)
{
	struct facts *both = facts_copy(a);
	bool exclusive;
	size_t i;

	for (i = 0; i < b->nvalues; i++)
		restrict_values(both, b->values[i].key, b->values[i].n,
		    b->values[i].input, b->values[i].allowed);
	for (i = 0; i < b->nnames; i++)
		set_present(both, b->names[i].key, b->names[i].present,
		    b->names[i].input);
	for (i = 0; i < b->natoms; i++)
		assume_atom(both, b->atoms[i].e, b->atoms[i].truth);
	exclusive = both->contradiction || b->contradiction;
	facts_free(both);
	return exclusive;
}

/* A ∨ B as facts, when that is exactly representable: both assert the
 * same things but the values of one name.  NULL otherwise. */
struct facts *
facts_union(const struct facts *a, const struct facts *b)
{
	struct facts *u;
	const struct value_fact *differ = NULL;
	size_t i, j;

	if (a->nvalues != b->nvalues || a->nnames != b->nnames ||
	    a->natoms != b->natoms || a->contradiction || b->contradiction)
		return NULL;
	for (i = 0; i < a->nvalues; i++) {
		const struct value_fact *fb = find_value(b, a->values[i].key);

		if (fb == NULL || fb->n != a->values[i].n)
			return NULL;
		for (j = 0; j < fb->n; j++)
			if (fb->allowed[j] != a->values[i].allowed[j])
				break;
		if (j == fb->n)
			continue;
		if (differ != NULL)
			return NULL;
		differ = &a->values[i];
	}
	for (i = 0; i < a->nnames; i++)
		if (presence_of(b, a->names[i].key) !=
		    (a->names[i].present ? 1 : 0))
			return NULL;
	for (i = 0; i < a->natoms; i++) {
		bool found = false;

		for (j = 0; j < b->natoms && !found; j++)
			found = a->atoms[i].truth == b->atoms[j].truth &&
			    expr_equal(a->atoms[i].e, b->atoms[j].e);
		if (!found)
			return NULL;
	}
	u = facts_copy(a);
	if (differ != NULL) {
		const struct value_fact *fb = find_value(b, differ->key);

		for (i = 0; i < u->nvalues; i++)
			if (strcmp(u->values[i].key, differ->key) == 0)
				for (j = 0; j < u->values[i].n; j++)
					u->values[i].allowed[j] =
					    u->values[i].allowed[j] ||
					    fb->allowed[j];
	}
	return u;
}
