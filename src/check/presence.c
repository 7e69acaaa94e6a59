/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Presence facts (details, rules 24-26): the store of what is known at
 * a point of the template (value sets, presence, atoms, remembered
 * conditions) and what a condition being true or false teaches it;
 * decide.c evaluates requirements under them. */
#include "check/presence.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "check/facts.h"
#include "check/program.h"

struct facts *
facts_new(void)
{
	return xcalloc(1, sizeof(struct facts));
}

/* The arrays grow through xgrow: the copy's have the room it implies,
 * and an empty one none (xgrow makes it), for every label and reference
 * keeps a copy, mostly of no facts at all. */
struct facts *
facts_copy(const struct facts *k)
{
	struct facts *c = facts_new();
	size_t i;

	c->contradiction = k->contradiction;
	c->nvalues = k->nvalues;
	c->values = k->nvalues == 0 ? NULL :
	    xcalloc(xgrow_capacity(k->nvalues), sizeof(*c->values));
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
	c->names = k->nnames == 0 ? NULL :
	    xcalloc(xgrow_capacity(k->nnames), sizeof(*c->names));
	for (i = 0; i < k->nnames; i++) {
		c->names[i] = k->names[i];
		c->names[i].key = xstrdup(k->names[i].key);
	}
	c->natoms = k->natoms;
	c->atoms = k->natoms == 0 ? NULL :
	    xcalloc(xgrow_capacity(k->natoms), sizeof(*c->atoms));
	if (k->natoms > 0)
		memcpy(c->atoms, k->atoms, k->natoms * sizeof(*c->atoms));
	c->nconds = k->nconds;
	c->conds = k->nconds == 0 ? NULL :
	    xcalloc(xgrow_capacity(k->nconds), sizeof(*c->conds));
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
/* TAG then N in hexadecimal: written by hand, as keys are made at
 * every condition the checker reads (xasprintf costs ten times as
 * much), and compared only for equality. */
static char *
tagged_number(char tag, uintmax_t n)
{
	char tmp[2 + sizeof(n) * 2], *out;
	size_t len = 0, i;

	do {
		tmp[len++] = "0123456789abcdef"[n & 0xF];
		n >>= 4;
	} while (n != 0);
	out = xmalloc(len + 2);
	out[0] = tag;
	for (i = 0; i < len; i++)
		out[1 + i] = tmp[len - 1 - i];
	out[len + 1] = '\0';
	return out;
}

char *
key_of(const struct expr *e, bool *input)
{
	char *obj, *key;
	size_t olen, nlen;

	if (e->kind == EX_NAME && e->sym != NULL) {
		if (e->sym->kind == SYM_INPUT) {
			*input = true;
			return tagged_number('i', e->sym->input->index);
		}
		*input = false;
		return tagged_number('s', (uintptr_t)e->sym);
	}
	if (e->kind == EX_FIELD) {
		obj = key_of(e->u.field.obj, input);
		if (obj == NULL)
			return NULL;
		olen = strlen(obj);
		nlen = strlen(e->u.field.name);
		key = xrealloc(obj, olen + nlen + 2);
		key[olen] = '.';
		memcpy(key + olen + 1, e->u.field.name, nlen + 1);
		return key;
	}
	return NULL;
}

/* Size of the value universe of a boolean or choice expression. */
size_t
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

const struct value_fact *
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

int
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
bool
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
	case EX_LIST:
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

bool
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
	case EX_LIST:
		for (i = 0; i < e->u.list.n; i++)
			if (!only_inputs(e->u.list.items[i]))
				return false;
		return true;
	}
	return false;
}

bool
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

/* Whether the symbol behind a name always exists. */
bool
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

/* Adds to K everything B asserts: K becomes their conjunction. */
void
facts_add(struct facts *k, const struct facts *b)
{
	size_t i;

	for (i = 0; i < b->nvalues; i++)
		restrict_values(k, b->values[i].key, b->values[i].n,
		    b->values[i].input, b->values[i].allowed);
	for (i = 0; i < b->nnames; i++)
		set_present(k, b->names[i].key, b->names[i].present,
		    b->names[i].input);
	for (i = 0; i < b->natoms; i++)
		assume_atom(k, b->atoms[i].e, b->atoms[i].truth);
	for (i = 0; i < b->nconds; i++)
		remember(k, b->conds[i].e, b->conds[i].truth);
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
