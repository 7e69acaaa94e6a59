/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Reading the conditions (lgc variantes): what each {si}, {selon} and
 * {inclure} point of the template and its clauses reads — the client
 * inputs, through a clause's parameters bound to its {inclure}'s
 * arguments and through computed values —, whether the witnesses decide
 * it exactly, and the constants each input is compared with, at which
 * the witnesses cut it (values.c).  The exigers are read the same way,
 * so that a combination one refuses is tried.  The decisions are the
 * inputs so read whose values the template tells apart. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "check/program.h"
#include "lang/types.h"
#include "syntax/ast.h"
#include "variantes/variantes.h"

static void
reads_add(struct reads *r, size_t input)
{
	size_t i;

	for (i = 0; i < r->len; i++)
		if (r->v[i] == input)
			return;
	r->v = xgrow(r->v, r->len, sizeof(*r->v));
	r->v[r->len++] = input;
}

static void
reads_merge(struct reads *into, const struct reads *from)
{
	size_t i;

	for (i = 0; i < from->len; i++)
		reads_add(into, from->v[i]);
	into->exact = into->exact && from->exact;
	into->param = into->param || from->param;
}

static void
reads_copy(struct reads *into, const struct reads *from)
{
	into->v = NULL;
	into->len = 0;
	into->exact = true;
	into->param = false;
	reads_merge(into, from);
}

static void	read_expr(struct vx *x, const struct expr *e,
		    const struct site *fr, struct reads *r, int depth);

/* The argument bound to parameter D at the inclusion FR, or NULL. */
const struct expr *
argument(const struct site *fr, const struct decl *d)
{
	size_t i;

	if (fr == NULL || fr->include == NULL)
		return NULL;
	for (i = 0; i < fr->include->u.include.nargs; i++)
		if (fr->include->u.include.args[i].param == d)
			return fr->include->u.include.args[i].value;
	return NULL;
}

/* The client input E stands for (through parameters), or NULL; *OUTER
 * the frame of the expression found. */
static const struct input *
input_of(const struct expr *e, const struct site *fr, int depth)
{
	const struct expr *a;

	if (e == NULL || depth > INCLUDE_DEPTH || e->kind != EX_NAME ||
	    e->sym == NULL)
		return NULL;
	switch (e->sym->kind) {
	case SYM_INPUT:
		return e->sym->input;
	case SYM_PARAM:
		if ((a = argument(fr, e->sym->decl)) == NULL)
			return NULL;
		return input_of(a, fr->up, depth + 1);
	case SYM_SOIT:
	case SYM_LOOP:
		return NULL;
	}
	return NULL;
}

/* Whether E is the same in every witness: a constant, or a parameter
 * given one (or left to its default). */
static bool
fixed(const struct expr *e, const struct site *fr, int depth)
{
	const struct expr *a;

	if (e == NULL || depth > INCLUDE_DEPTH)
		return false;
	if (e->kind == EX_LITERAL)
		return true;
	if (e->kind != EX_NAME)
		return false;
	if (e->sym == NULL)
		return e->choice >= 0;
	if (e->sym->kind != SYM_PARAM)
		return false;
	if ((a = argument(fr, e->sym->decl)) != NULL)
		return fixed(a, fr->up, depth + 1);
	return e->sym->decl != NULL && e->sym->decl->def != NULL &&
	    fixed(e->sym->decl->def, NULL, depth + 1);
}

/* Whether E is a constant the witnesses can cut at: a literal. */
static const struct value *
constant_of(const struct expr *e)
{
	if (e != NULL && e->kind == EX_LITERAL)
		return &e->u.literal;
	return NULL;
}

static bool
cut_fits(const struct type *t, const struct value *v)
{
	switch (t->kind) {
	case T_ENTIER:
	case T_DECIMAL:
		return v->kind == T_ENTIER || v->kind == T_DECIMAL;
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DATE:
	case T_DUREE:
	case T_TEXTE:
		return v->kind == t->kind;
	case T_ERROR:
	case T_BOOLEEN:
	case T_CHOIX:
	case T_LISTE:
	case T_RECORD:
		return false;
	}
	return false;
}

static void
add_cut(struct vx *x, const struct input *in, const struct value *v)
{
	struct dim *d = &x->dims[in->index];
	size_t i;
	bool comparable;

	if (!cut_fits(in->type, v))
		return;
	for (i = 0; i < d->ncuts; i++)
		if (d->cuts[i].kind == v->kind && (v->kind == T_TEXTE ?
		    strcmp(d->cuts[i].u.text, v->u.text) == 0 :
		    value_compare(&d->cuts[i], v, &comparable) == 0 &&
		    comparable))
			return;
	d->cuts = xgrow(d->cuts, d->ncuts, sizeof(*d->cuts));
	value_copy(&d->cuts[d->ncuts++], v);
}

static void
read_input(struct vx *x, const struct input *in, struct reads *r,
    int depth)
{
	size_t before = r->len;

	x->dims[in->index].read = true;
	reads_add(r, in->index);
	/* A conditional input exists where its condition holds: what it
	 * reads is read too.  Walked once per condition. */
	if (in->requirement != NULL && r->len > before && depth < 8)
		read_expr(x, in->requirement, NULL, r, depth + 1);
}

static bool
is_comparison(enum binop op)
{
	switch (op) {
	case OP_EQ:
	case OP_NE:
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
		return true;
	case OP_ADD:
	case OP_SUB:
	case OP_MUL:
	case OP_DIV:
	case OP_AND:
	case OP_OR:
		return false;
	}
	return false;
}

/* Adds to R what condition (or part) E reads, clearing R->exact where
 * the witnesses do not decide it exactly. */
static void
read_expr(struct vx *x, const struct expr *e, const struct site *fr,
    struct reads *r, int depth)
{
	const struct input *in;
	const struct expr *a;
	size_t i;

	if (e == NULL)
		return;
	if (depth > INCLUDE_DEPTH) {
		r->exact = false;
		return;
	}
	switch (e->kind) {
	case EX_LITERAL:
		return;
	case EX_NAME:
		if (e->sym == NULL)
			return;		/* a choice value */
		switch (e->sym->kind) {
		case SYM_INPUT:
			read_input(x, e->sym->input, r, depth);
			return;
		case SYM_PARAM:
			r->param = true;
			if ((a = argument(fr, e->sym->decl)) != NULL)
				read_expr(x, a, fr->up, r, depth + 1);
			else if (e->sym->decl != NULL &&
			    e->sym->decl->def != NULL)
				read_expr(x, e->sym->decl->def, NULL, r,
				    depth + 1);
			else
				r->exact = false;
			return;
		case SYM_SOIT:
			/* A computed value: what it reads matters, but the
			 * witnesses are not cut at its constants. */
			r->exact = false;
			if (e->sym->decl != NULL)
				read_expr(x, e->sym->decl->value, fr, r,
				    depth + 1);
			return;
		case SYM_LOOP:
			r->exact = false;
			return;
		}
		return;
	case EX_EXISTS:
		if ((in = input_of(e->u.operand, fr, 0)) != NULL) {
			x->dims[in->index].presence = true;
			read_input(x, in, r, depth);
			return;
		}
		r->exact = false;
		read_expr(x, e->u.operand, fr, r, depth + 1);
		return;
	case EX_NOT:
		read_expr(x, e->u.operand, fr, r, depth + 1);
		return;
	case EX_BINARY:
		if (e->u.binary.op == OP_AND || e->u.binary.op == OP_OR) {
			read_expr(x, e->u.binary.lhs, fr, r, depth + 1);
			read_expr(x, e->u.binary.rhs, fr, r, depth + 1);
			return;
		}
		if (is_comparison(e->u.binary.op)) {
			const struct expr *l = e->u.binary.lhs;
			const struct expr *rh = e->u.binary.rhs;
			const struct value *k;

			/* input OP constant, either way round. */
			if ((in = input_of(l, fr, 0)) == NULL) {
				const struct expr *t = l;

				l = rh;
				rh = t;
				in = input_of(l, fr, 0);
			}
			if (in != NULL && (rh->kind == EX_NAME &&
			    rh->sym == NULL && rh->choice >= 0)) {
				read_input(x, in, r, depth);
				return;
			}
			if (in != NULL && (k = constant_of(rh)) != NULL &&
			    (k->kind == T_BOOLEEN || cut_fits(in->type, k))) {
				if (k->kind != T_BOOLEEN)
					add_cut(x, in, k);
				read_input(x, in, r, depth);
				return;
			}
			/* Both sides fixed: the same in every witness. */
			if (fixed(l, fr, 0) && fixed(rh, fr, 0)) {
				read_expr(x, l, fr, r, depth + 1);
				read_expr(x, rh, fr, r, depth + 1);
				return;
			}
		}
		r->exact = false;
		read_expr(x, e->u.binary.lhs, fr, r, depth + 1);
		read_expr(x, e->u.binary.rhs, fr, r, depth + 1);
		return;
	case EX_FIELD:
		r->exact = false;
		read_expr(x, e->u.field.obj, fr, r, depth + 1);
		return;
	case EX_CALL:
		r->exact = false;
		for (i = 0; i < e->u.call.nargs; i++)
			read_expr(x, e->u.call.args[i], fr, r, depth + 1);
		return;
	case EX_RECORD:
		r->exact = false;
		for (i = 0; i < e->u.record.nfields; i++)
			read_expr(x, e->u.record.fields[i].value, fr, r,
			    depth + 1);
		return;
	case EX_LIST:
		r->exact = false;
		for (i = 0; i < e->u.list.n; i++)
			read_expr(x, e->u.list.items[i], fr, r, depth + 1);
		return;
	case EX_NEG:
		r->exact = false;
		read_expr(x, e->u.operand, fr, r, depth + 1);
		return;
	}
}

/* The point of N, made on first sight. */
static struct point *
point_of(struct vx *x, const struct node *n, size_t noutcomes, size_t nown)
{
	struct point *p;
	size_t i;

	for (i = 0; i < x->npoints; i++)
		if (x->points[i].n == n)
			return &x->points[i];
	x->points = xgrow(x->points, x->npoints, sizeof(*x->points));
	p = &x->points[x->npoints++];
	memset(p, 0, sizeof(*p));
	p->n = n;
	p->noutcomes = noutcomes;
	p->path.exact = true;
	p->own = xcalloc(nown + 1, sizeof(*p->own));
	p->nown = nown;
	for (i = 0; i < nown; i++)
		p->own[i].exact = true;
	return p;
}

static void walk_nodes(struct vx *x, const struct nodes *ns,
		    const struct site *fr, const struct reads *path,
		    int depth);

static void
walk_if(struct vx *x, const struct node *n, const struct site *fr,
    const struct reads *path, int depth)
{
	size_t len = n->u.cond.len, i;
	struct point *p = point_of(x, n, len + 1, len);
	struct reads acc, own;
	size_t pi = (size_t)(p - x->points);

	p->nested = p->nested || path->len > 0;
	reads_copy(&acc, path);
	for (i = 0; i < len; i++) {
		const struct branch *b = &n->u.cond.branches[i];

		own.v = NULL;
		own.len = 0;
		own.exact = true;
		own.param = false;
		read_expr(x, b->cond, fr, &own, 0);
		p = &x->points[pi];
		reads_merge(&p->own[i], &own);
		reads_merge(&acc, &own);
		free(own.v);
		walk_nodes(x, &b->body, fr, &acc, depth);
	}
	p = &x->points[pi];
	reads_merge(&p->path, &acc);
	free(acc.v);
}

static void
walk_selon(struct vx *x, const struct node *n, const struct site *fr,
    const struct reads *path, int depth)
{
	size_t nc = n->u.selon.ncases, i, j;
	struct point *p = point_of(x, n, nc + 2, nc + 1);
	struct reads acc, own = { NULL, 0, true, false };
	const struct input *in = input_of(n->u.selon.subject, fr, 0);
	size_t pi = (size_t)(p - x->points);

	p->nested = p->nested || path->len > 0;
	read_expr(x, n->u.selon.subject, fr, &own, 0);
	/* Over a text or a number, the cases are the constants. */
	if (in != NULL)
		for (i = 0; i < nc; i++)
			for (j = 0; j < n->u.selon.cases[i].nvalues; j++) {
				const struct value *k = constant_of(
				    n->u.selon.cases[i].values[j]);

				if (k != NULL)
					add_cut(x, in, k);
				else if (n->u.selon.cases[i].indexes == NULL ||
				    n->u.selon.cases[i].indexes[j] < 0)
					own.exact = false;
			}
	else
		own.exact = false;
	p = &x->points[pi];
	for (i = 0; i <= nc; i++)
		reads_merge(&p->own[i], &own);
	reads_copy(&acc, path);
	reads_merge(&acc, &own);
	reads_merge(&p->path, &acc);
	free(own.v);
	for (i = 0; i < nc; i++)
		walk_nodes(x, &n->u.selon.cases[i].body, fr, &acc, depth);
	if (n->u.selon.other != NULL)
		walk_nodes(x, n->u.selon.other, fr, &acc, depth);
	free(acc.v);
}

static void
walk_node(struct vx *x, const struct node *n, const struct site *fr,
    const struct reads *path, int depth)
{
	struct reads acc;
	struct site inner;
	struct point *p;
	size_t i;

	switch (n->kind) {
	case N_IF:
		walk_if(x, n, fr, path, depth);
		return;
	case N_SELON:
		walk_selon(x, n, fr, path, depth);
		return;
	case N_LOOP:
		/* Inside a loop, conditions may read its items, which the
		 * witnesses do not vary. */
		reads_copy(&acc, path);
		read_expr(x, n->u.loop.list, fr, &acc, 0);
		acc.exact = false;
		walk_nodes(x, &n->u.loop.body, fr, &acc, depth);
		if (n->u.loop.empty != NULL)
			walk_nodes(x, n->u.loop.empty, fr, &acc, depth);
		free(acc.v);
		return;
	case N_INCLUDE:
		p = point_of(x, n, 1, 0);
		reads_merge(&p->path, path);
		if (n->u.include.file == NULL || depth >= INCLUDE_DEPTH)
			return;
		inner.include = n;
		inner.up = fr;
		reads_copy(&acc, path);
		for (i = 0; i < n->u.include.nargs; i++)
			if (n->u.include.args[i].param == NULL)
				acc.exact = false;
		walk_nodes(x, &n->u.include.file->body, &inner, &acc,
		    depth + 1);
		free(acc.v);
		return;
	case N_TEXT:
	case N_LINE:
	case N_SOFTBREAK:
	case N_PARBREAK:
	case N_HARDBREAK:
	case N_HEADING:
	case N_BULLET:
	case N_NUMBERED:
	case N_EMPH:
	case N_LABEL:
	case N_UNNUMBERED:
	case N_INTERP:
	case N_REF:
	case N_SIGNATURES:
		return;
	}
}

static void
walk_nodes(struct vx *x, const struct nodes *ns, const struct site *fr,
    const struct reads *path, int depth)
{
	size_t i;

	for (i = 0; i < ns->len; i++)
		walk_node(x, ns->v[i], fr, path, depth);
}

/* The rules (exiger, recommander) of F and of the clauses it includes:
 * their constants cut the witnesses too, so that a combination an
 * exiger refuses is tried. */
static void
walk_rules(struct vx *x, const struct file_ast *f, const struct site *fr,
    const struct nodes *ns, int depth)
{
	struct reads r = { NULL, 0, true, false };
	struct site inner;
	size_t i, j;

	if (f != NULL)
		for (i = 0; i < f->nrules; i++) {
			read_expr(x, f->rules[i]->cond, fr, &r, 0);
			if (!f->rules[i]->warning)
				reads_merge(&x->rules, &r);
			r.len = 0;
		}
	for (i = 0; i < ns->len && depth < INCLUDE_DEPTH; i++) {
		const struct node *n = ns->v[i];

		switch (n->kind) {
		case N_INCLUDE:
			if (n->u.include.file == NULL)
				break;
			inner.include = n;
			inner.up = fr;
			walk_rules(x, n->u.include.file, &inner,
			    &n->u.include.file->body, depth + 1);
			break;
		case N_IF:
			for (j = 0; j < n->u.cond.len; j++)
				walk_rules(x, NULL, fr,
				    &n->u.cond.branches[j].body, depth + 1);
			break;
		case N_SELON:
			for (j = 0; j < n->u.selon.ncases; j++)
				walk_rules(x, NULL, fr,
				    &n->u.selon.cases[j].body, depth + 1);
			if (n->u.selon.other != NULL)
				walk_rules(x, NULL, fr, n->u.selon.other,
				    depth + 1);
			break;
		case N_LOOP:
			walk_rules(x, NULL, fr, &n->u.loop.body, depth + 1);
			break;
		case N_TEXT:
		case N_LINE:
		case N_SOFTBREAK:
		case N_PARBREAK:
		case N_HARDBREAK:
		case N_HEADING:
		case N_BULLET:
		case N_NUMBERED:
		case N_EMPH:
		case N_LABEL:
		case N_UNNUMBERED:
		case N_INTERP:
		case N_REF:
		case N_SIGNATURES:
			break;
		}
	}
	free(r.v);
}

/* The decisions: the inputs read by a condition whose values the
 * template tells apart, in declaration order. */
void
find_decisions(struct vx *x)
{
	const struct program *prog = x->prog;
	struct reads none = { NULL, 0, true, false };
	size_t i;

	x->dims = xcalloc(prog->inputs.len + 1, sizeof(*x->dims));
	for (i = 0; i < prog->inputs.len; i++) {
		x->dims[i].in = prog->inputs.items[i];
		x->dims[i].index = SIZE_MAX;
	}
	walk_nodes(x, &prog->main->body, NULL, &none, 0);
	walk_rules(x, prog->main, NULL, &prog->main->body, 0);
	/* The conditions of conditional inputs are tested too. */
	for (i = 0; i < prog->inputs.len; i++) {
		const struct input *in = prog->inputs.items[i];

		if (in->requirement != NULL) {
			read_expr(x, in->requirement, NULL, &none, 0);
			none.len = 0;
		}
	}
	free(none.v);
	x->space = 1;
	for (i = 0; i < prog->inputs.len; i++) {
		struct dim *d = &x->dims[i];

		if (!d->read)
			continue;
		dim_values(d);
		if (d->n < 2)
			continue;
		d->index = x->ndecisions;
		x->decisions = xgrow(x->decisions, x->ndecisions,
		    sizeof(*x->decisions));
		x->decisions[x->ndecisions++] = i;
		x->space = x->space > UINT64_MAX / d->n ? UINT64_MAX :
		    x->space * d->n;
	}
}
