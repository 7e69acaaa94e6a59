#include "check/presence.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check/program.h"
#include "base/util.h"

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

/* A condition known to hold (TRUTH true) or not, kept as written: for a
 * disjunction the value sets keep only what both sides share, and
 * facts_eval decides what they leave unknown by enumerating the values
 * of the condition's variables (enumerate_eval). */
struct cond_fact {
	const struct expr *e;
	bool	 truth;
};

struct facts {
	struct value_fact *values;
	size_t		 nvalues;
	struct name_fact *names;
	size_t		 nnames;
	struct atom_fact *atoms;
	size_t		 natoms;
	struct cond_fact *conds;
	size_t		 nconds;
	bool		 contradiction;
};

/* Arrays grown by xgrow are taken to hold the next power of two of
 * their length: a copy must allocate as much, or the next append would
 * write past its end. */
static size_t
capacity(size_t n)
{
	size_t c = 1;

	while (c < n)
		c *= 2;
	return c;
}

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
	c->values = xcalloc(capacity(k->nvalues), sizeof(*c->values));
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
	c->names = xcalloc(capacity(k->nnames), sizeof(*c->names));
	for (i = 0; i < k->nnames; i++) {
		c->names[i] = k->names[i];
		c->names[i].key = xstrdup(k->names[i].key);
	}
	c->natoms = k->natoms;
	c->atoms = xcalloc(capacity(k->natoms), sizeof(*c->atoms));
	if (k->natoms > 0)
		memcpy(c->atoms, k->atoms, k->natoms * sizeof(*c->atoms));
	c->nconds = k->nconds;
	c->conds = xcalloc(capacity(k->nconds), sizeof(*c->conds));
	if (k->nconds > 0)
		memcpy(c->conds, k->conds, k->nconds * sizeof(*c->conds));
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
	free(k->conds);
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

/* Whether E is "x = v" or "x != v" (either way round) with X a name or
 * field of a booléen or choice and V one of its constants; if so, sets
 * *X and *INDEX, V's index. */
static bool
split_value_test(const struct expr *e, const struct expr **xp, int *index)
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
	if ((key = key_of(x, &input)) == NULL)
		return false;
	free(key);
	*xp = x;
	*index = constant_index(v);
	return true;
}

bool
facts_is_value_test(const struct expr *e)
{
	const struct expr *x;
	int index;

	return split_value_test(e, &x, &index);
}

/* Structural equality that moreover requires each name to denote the
 * same thing.  AST equality alone would take a clause parameter for the
 * client input of the same name once a remembered condition crosses
 * into a clause (facts_for_clause); being stricter only makes two equal
 * conditions count as different ones, which loses precision, never
 * soundness. */
static bool
same_meaning(const struct expr *a, const struct expr *b)
{
	switch (a->kind) {
	case EX_NAME:
		if (a->choice != b->choice)
			return false;
		if (a->sym == NULL || b->sym == NULL)
			/* Choice constants; an unresolved name equals nothing. */
			return a->sym == b->sym && a->choice >= 0;
		if (a->sym->kind == SYM_INPUT && b->sym->kind == SYM_INPUT)
			/* Each file has its own symbol for a shared input. */
			return a->sym->input == b->sym->input;
		return a->sym == b->sym;
	case EX_CALL:
		return a->fn == b->fn;
	case EX_RECORD:
		return a->record_type == b->record_type;
	case EX_LITERAL:
	case EX_FIELD:
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
	case EX_BINARY:
		return true;
	}
	return false;
}

static bool
same_expr(const struct expr *a, const struct expr *b)
{
	return expr_equal_by(a, b, same_meaning);
}

/* Whether every name in E is a client input or a choice constant: what
 * stays meaningful inside a clause, whose other names are its own. */
static bool
only_inputs(const struct expr *e)
{
	size_t i;

	switch (e->kind) {
	case EX_LITERAL:
		return true;
	case EX_NAME:
		if (e->sym == NULL)
			return e->choice >= 0;
		return e->sym->kind == SYM_INPUT;
	case EX_FIELD:
		return only_inputs(e->u.field.obj);
	case EX_CALL:
		for (i = 0; i < e->u.call.nargs; i++)
			if (!only_inputs(e->u.call.args[i]))
				return false;
		return true;
	case EX_RECORD:
		for (i = 0; i < e->u.record.nfields; i++)
			if (!only_inputs(e->u.record.fields[i].value))
				return false;
		return true;
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
		return only_inputs(e->u.operand);
	case EX_BINARY:
		return only_inputs(e->u.binary.lhs) &&
		    only_inputs(e->u.binary.rhs);
	}
	return false;
}

static bool
has_cond(const struct facts *k, const struct expr *c, bool truth)
{
	size_t i;

	for (i = 0; i < k->nconds; i++)
		if (k->conds[i].truth == truth && same_expr(k->conds[i].e, c))
			return true;
	return false;
}

/* Remembers that C is TRUTH, once. */
static void
remember(struct facts *k, const struct expr *c, bool truth)
{
	if (has_cond(k, c, truth))
		return;
	k->conds = xgrow(k->conds, k->nconds, sizeof(*k->conds));
	k->conds[k->nconds].e = c;
	k->conds[k->nconds].truth = truth;
	k->nconds++;
}

/* Adds facts of a single atom. */
static void
assume_atom(struct facts *k, const struct expr *c, bool truth)
{
	const struct expr *x;
	bool input = false;
	char *key;
	size_t i;
	int index;

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
	if (split_value_test(c, &x, &index)) {
		bool eq = c->u.binary.op == OP_EQ;
		bool *keep;
		size_t n;

		n = universe(x);
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
 * name's values, presence, atoms and conditions known on both. */
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
		for (i = 0; i < b->nconds; i++)
			remember(k, b->conds[i].e, b->conds[i].truth);
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
	for (i = 0; i < a->nconds; i++)
		if (has_cond(b, a->conds[i].e, a->conds[i].truth))
			remember(k, a->conds[i].e, a->conds[i].truth);
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
			/* When one side is impossible, join took the other
			 * whole; else the value sets lost what is not common
			 * to both sides, and the condition keeps it. */
			if (!a->contradiction && !b->contradiction)
				remember(k, c, truth);
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
	/* Comparisons of inputs (n > 3) hold inside the clause too: a label
	 * the clause sets exists only under them. */
	for (i = 0; i < k->natoms; i++)
		if (only_inputs(k->atoms[i].e))
			assume_atom(c, k->atoms[i].e, k->atoms[i].truth);
	/* Forgetting a condition only makes the clause's context weaker. */
	for (i = 0; i < k->nconds; i++)
		if (only_inputs(k->conds[i].e))
			remember(c, k->conds[i].e, k->conds[i].truth);
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
	for (i = 0; i < b->nconds; i++)
		remember(both, b->conds[i].e, b->conds[i].truth);
	exclusive = both->contradiction || b->contradiction ||
	    unsatisfiable(both);
	facts_free(both);
	return exclusive;
}

/* A ∨ B as facts, when that is exactly representable: both assert the
 * same things but the values of one name, or but one comparison that
 * one asserts and the other denies.  NULL otherwise.  The result
 * is a goal for facts_entail (a label's existence), so it must not be
 * weaker than A ∨ B: both must remember the same conditions, as keeping
 * only the common ones would let a reference rely on less than the
 * label needs. */
struct facts *
facts_union(const struct facts *a, const struct facts *b)
{
	struct facts *u;
	const struct value_fact *differ = NULL;
	size_t i, j, flipped = SIZE_MAX;

	if (a->nvalues != b->nvalues || a->nnames != b->nnames ||
	    a->natoms != b->natoms || a->nconds != b->nconds ||
	    a->contradiction || b->contradiction)
		return NULL;
	/* Conditions are remembered once each: same count and inclusion
	 * make the same set. */
	for (i = 0; i < a->nconds; i++)
		if (!has_cond(b, a->conds[i].e, a->conds[i].truth))
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
		bool found = false, opposite = false;

		for (j = 0; j < b->natoms && !found && !opposite; j++)
			if (expr_equal(a->atoms[i].e, b->atoms[j].e)) {
				found = a->atoms[i].truth == b->atoms[j].truth;
				opposite = !found;
			}
		if (found)
			continue;
		/* (X et c) ou (X et non c) is X: a {si c} and its {sinon}. */
		if (!opposite || flipped != SIZE_MAX)
			return NULL;
		flipped = i;
	}
	if (flipped != SIZE_MAX && differ != NULL)
		return NULL;
	u = facts_copy(a);
	if (flipped != SIZE_MAX) {
		memmove(&u->atoms[flipped], &u->atoms[flipped + 1],
		    (u->natoms - flipped - 1) * sizeof(*u->atoms));
		u->natoms--;
	}
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
