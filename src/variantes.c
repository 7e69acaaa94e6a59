/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* lgc variantes (lgc_variantes): every variant of a template.
 *
 * The decisions are read from the conditions the template tests, its
 * clauses' included: each client input a condition reads, through the
 * parameters and computed values that carry it, becomes a decision
 * whose values are those that make a difference — the two of a
 * booléen, the values of a choix, « absent » for an optional input,
 * and for numbers, amounts, dates, durations and texts the constants
 * they are compared with and their neighbours, within the declared
 * bounds.  Each combination (or, past --max, enough of them to cover
 * every pair of decisions) gets a witness data set, the other inputs
 * their smallest valid value and their libellé as text; each witness
 * is built by the compiler's own pipeline, which tells every branch it
 * takes (eval_set_trace).  Two witnesses whose documents took the same
 * branches are the same variant.
 *
 * A branch no witness takes, or none skips, is reported only where
 * that is proven: its condition and those around it read the
 * decisions only as the witnesses cut them (an input compared with a
 * constant, a booléen, a choix, a presence), and every combination of
 * the decisions they read was tried (all of them, or the pairs when
 * they read at most two decisions). */
#include "lgc.h"
#include "api.h"

#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/diag.h"
#include "base/source.h"
#include "base/util.h"
#include "check/program.h"
#include "doc/doc.h"
#include "eval/expr.h"
#include "lang/decimal.h"
#include "lang/french.h"
#include "lang/types.h"
#include "schema/schema.h"
#include "syntax/ast.h"

#define DEFAULT_MAX	256	/* combinations tried all at most */
#define WITNESS_CAP	4096	/* witnesses built at most; a larger --max
				 * is taken as this */
#define INCLUDE_DEPTH	32	/* clauses within clauses walked */
#define SAMPLE_DEPTH	6	/* records within records filled */

/* One input the conditions read. */
struct dim {
	const struct input *in;
	struct value	*cuts;		/* constants compared with, owned */
	size_t		 ncuts;
	bool		 read;		/* read by some condition */
	bool		 presence;	/* "existe" tested on it */
	/* Its values in the witnesses: JSON (NULL: absent) and as shown. */
	json_t		**values;
	char		**shown;
	/* The same as values, to evaluate conditions on the witnesses
	 * (api: the report's conditions); has false: absent. */
	struct value	*vals;
	bool		*has;
	size_t		 n;
	size_t		 index;		/* among the decisions, or SIZE_MAX */
};

/* A set of inputs (by index) read by conditions, and whether the
 * witnesses decide those conditions exactly. */
struct reads {
	size_t		*v;
	size_t		 len;
	bool		 exact;
	bool		 param;		/* through a clause's parameter */
};

/* A point where the document may take one way or another: a {si}, a
 * {selon}, an {inclure}.  One per node, its clause's inclusions
 * merged. */
struct point {
	const struct node *n;
	size_t		 noutcomes;
	size_t		 base;		/* its first outcome's number */
	struct reads	 path;		/* the conditions around and its own */
	struct reads	*own;		/* per branch or case: its condition's */
	size_t		 nown;
	bool		 nested;	/* under conditions */
};

/* The binding of a clause's parameters: its {inclure}, and the one
 * around. */
struct site {
	const struct node *include;
	const struct site *up;
};

/* A witness and what building it gave. */
enum wstate {
	W_BUILT,
	W_REFUSED,	/* an exiger rejects the combination */
	W_FAILED
};

struct heading_row {
	char		*key;		/* level and title */
	char		*title;
	int		 level;
	bool		*in;		/* per variant */
};

struct witness {
	size_t		*choice;	/* per decision, a value index */
	char		*json;
	enum wstate	 state;
	char		*message;	/* REFUSED, FAILED: why */
	size_t		 variant;	/* BUILT: its variant */
};

struct variant {
	size_t		 witness;	/* the first that gave it */
	size_t		 count;		/* witnesses that gave it */
	bool		*outcomes;
	size_t		*headings;	/* rows, in document order */
	size_t		 nheadings;
};

struct vx {
	lgc_compiler	*c;
	const struct program *prog;
	struct diags	*ds;
	struct dim	*dims;		/* per input */
	size_t		*decisions;	/* input indexes of the decisions */
	size_t		 ndecisions;
	struct point	*points;
	size_t		 npoints;
	const struct node **order;	/* points' nodes sorted, for lookup */
	size_t		 noutcomes;
	/* The witnesses. */
	struct witness	*ws;
	size_t		 nws;
	uint64_t	 space;		/* combinations, saturated */
	bool		 exhaustive;	/* every combination tried */
	bool		 pairwise;	/* every pair of decision values */
	bool		 capped;	/* WITNESS_CAP stopped the covering */
	size_t		 max;
	/* Building. */
	bool		*taken;		/* outcomes of the witness built */
	bool		*seen;		/* outcomes of any witness */
	struct ptrvec	 errors;	/* char *: the witness's errors */
	bool		 refused;	/* an exiger among them */
	struct variant	*vs;
	size_t		 nvs;
	struct strmap	 by_sig;	/* signature → variant index + 1 */
	struct ptrvec	 sigs;		/* char *, owned keys */
	struct heading_row *rows;
	size_t		 nrows;
	size_t		*row_order;	/* rows in document order */
	size_t		 failed;
	size_t		 nrefused;
	struct ptrvec	 findings;	/* char *: unreachable branches */
	struct ptrvec	 unproven;	/* char *: unseen, not proven */
	struct reads	 rules;		/* what the exiger read */
	size_t		 open_pairs;	/* pairs no built witness holds */
};

/* ------------------------------------------------------------------ */
/* Reading the conditions                                             */

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
static const struct expr *
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

/* ------------------------------------------------------------------ */
/* Values                                                             */

/* The constant C moved by DELTA of T's smallest step (1, a day, a unit
 * of C's duration), as a value of T; false when it cannot be. */
static bool
step(const struct type *t, const struct value *c, int delta, struct value *out)
{
	dec_t d, one;

	memset(out, 0, sizeof(*out));
	switch (t->kind) {
	case T_ENTIER:
		out->kind = T_ENTIER;
		if (c->kind == T_ENTIER)
			out->u.integer = c->u.integer + delta;
		else if (c->kind == T_DECIMAL)
			out->u.integer = dec_trunc(c->u.dec) + delta;
		else
			return false;
		return true;
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
		if (!value_to_dec(c, &d) || dec_from_int(delta, &one) !=
		    DEC_OK || dec_add(d, one, &out->u.dec) != DEC_OK)
			return false;
		out->kind = t->kind;
		return true;
	case T_DATE:
		if (c->kind != T_DATE || !date_add_days(c->u.date, delta,
		    &out->u.date))
			return false;
		out->kind = T_DATE;
		return true;
	case T_DUREE:
		if (c->kind != T_DUREE || c->u.duree.count + delta < 0)
			return false;
		out->kind = T_DUREE;
		out->u.duree.count = c->u.duree.count + delta;
		out->u.duree.unit = c->u.duree.unit;
		return true;
	case T_TEXTE:
		if (c->kind != T_TEXTE || delta != 0)
			return false;
		value_copy(out, c);
		return true;
	case T_ERROR:
	case T_BOOLEEN:
	case T_CHOIX:
	case T_LISTE:
	case T_RECORD:
		return false;
	}
	return false;
}

static bool
allowed(const struct constraint *c, const struct value *v)
{
	struct buf why;
	bool ok;

	buf_init(&why);
	ok = constraint_holds(c, v, &why);
	buf_free(&why);
	return ok;
}

/* The smallest valid value of T under C (a libellé LABEL for a text),
 * as JSON. */
static json_t *sample(const struct type *t, const struct constraint *c,
		    const char *label, int depth);

static json_t *
sample_scalar(const struct type *t, const struct constraint *c,
    const char *label)
{
	struct value v, one;
	json_t *j;

	if (c != NULL && c->kind == CSTR_PARMI && c->nset > 0)
		return schema_value_json(&c->set[0]);
	if (c != NULL && c->kind == CSTR_ENTRE && c->lo != NULL)
		return schema_value_json(c->lo);
	memset(&one, 0, sizeof(one));
	switch (t->kind) {
	case T_TEXTE:
		return json_string(label != NULL && *label != '\0' ? label :
		    "texte");
	case T_ENTIER:
		one.kind = T_ENTIER;
		one.u.integer = 1;
		break;
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
		one.kind = t->kind;
		(void)dec_from_int(1, &one.u.dec);
		break;
	case T_DATE:
		one.kind = T_DATE;
		one.u.date.year = 2026;
		one.u.date.month = 1;
		one.u.date.day = 1;
		break;
	case T_DUREE:
		one.kind = T_DUREE;
		one.u.duree.count = 1;
		one.u.duree.unit = DUREE_MOIS;
		break;
	case T_BOOLEEN:
		return json_false();
	case T_CHOIX:
		return json_string(t->nvalues > 0 ? t->values[0].name : "");
	case T_ERROR:
	case T_LISTE:
	case T_RECORD:
		return json_null();
	}
	/* Above a maximum below 1: the maximum. */
	if (c != NULL && c->kind == CSTR_ENTRE && c->hi != NULL &&
	    !allowed(c, &one))
		return schema_value_json(c->hi);
	v = one;
	j = schema_value_json(&v);
	return j;
}

static json_t *
sample(const struct type *t, const struct constraint *c, const char *label,
    int depth)
{
	json_t *o;
	size_t i;

	switch (t->kind) {
	case T_LISTE:
		o = json_array();
		if (depth < SAMPLE_DEPTH && t->elem != NULL)
			json_array_append_new(o, sample(t->elem, NULL, label,
			    depth + 1));
		return o;
	case T_RECORD:
		o = json_object();
		for (i = 0; i < t->nfields && depth < SAMPLE_DEPTH; i++) {
			const struct field *f = &t->fields[i];

			if (f->def != NULL)
				continue;
			json_object_set_new(o, f->name, sample(f->type,
			    &f->cstr, f->label != NULL ? f->label : f->name,
			    depth + 1));
		}
		return o;
	case T_ERROR:
	case T_TEXTE:
	case T_ENTIER:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DATE:
	case T_DUREE:
	case T_BOOLEEN:
	case T_CHOIX:
		return sample_scalar(t, c, label);
	}
	return json_null();
}

/* A value of D's decision: J its JSON (NULL: absent), V the same as a
 * value (NULL: absent), SHOWN as the report prints it. */
static void
dim_push(struct dim *d, json_t *j, const struct value *v, const char *shown)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if ((j == NULL) == (d->values[i] == NULL) &&
		    (j == NULL || json_equal(j, d->values[i]))) {
			json_decref(j);
			return;
		}
	d->values = xgrow(d->values, d->n, sizeof(*d->values));
	d->shown = xgrow(d->shown, d->n, sizeof(*d->shown));
	d->vals = xgrow(d->vals, d->n, sizeof(*d->vals));
	d->has = xgrow(d->has, d->n, sizeof(*d->has));
	d->values[d->n] = j;
	d->shown[d->n] = xstrdup(shown);
	memset(&d->vals[d->n], 0, sizeof(d->vals[d->n]));
	d->has[d->n] = v != NULL;
	if (v != NULL)
		value_copy(&d->vals[d->n], v);
	d->n++;
}

/* A booléen, a choice of T or a text as a value. */
static struct value *
simple_value(struct value *v, enum type_kind kind, const struct type *t)
{
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->type = t;
	return v;
}

static void
dim_push_value(struct dim *d, const struct value *v)
{
	struct buf b;

	buf_init(&b);
	/* A text compared with "" is told empty or filled. */
	if (v->kind == T_TEXTE && *v->u.text == '\0')
		buf_puts(&b, "vide");
	else if (v->kind == T_TEXTE)
		buf_printf(&b, "« %s »", v->u.text);
	else
		value_print_literal(&b, v);
	dim_push(d, schema_value_json(v), v, buf_cstr(&b));
	buf_free(&b);
}

static int
cmp_values(const void *a, const void *b)
{
	bool comparable;

	return value_compare(a, b, &comparable);
}

/* Between two cuts of a décimal, montant or pourcentage closer than
 * 2 apart, the neighbours at 1 miss the values strictly between them:
 * their midpoint stands for those. */
static void
add_midpoints(const struct dim *d, struct value **cand, size_t *ncand)
{
	const struct type *t = d->in->type;
	struct value *cuts;
	size_t i;
	dec_t a, b, sum, two, mid;

	if (t->kind != T_DECIMAL && t->kind != T_MONTANT &&
	    t->kind != T_POURCENTAGE)
		return;
	if (d->ncuts < 2)
		return;
	cuts = xcalloc(d->ncuts, sizeof(*cuts));
	memcpy(cuts, d->cuts, d->ncuts * sizeof(*cuts));
	qsort(cuts, d->ncuts, sizeof(*cuts), cmp_values);
	for (i = 0; i + 1 < d->ncuts; i++) {
		struct value v;

		if (!value_to_dec(&cuts[i], &a) ||
		    !value_to_dec(&cuts[i + 1], &b) ||
		    dec_sub(b, a, &sum) != DEC_OK ||
		    dec_from_int(2, &two) != DEC_OK ||
		    dec_cmp(sum, two) > 0 ||
		    dec_add(a, b, &sum) != DEC_OK ||
		    dec_from_int(2, &two) != DEC_OK ||
		    dec_div(sum, two, &mid) != DEC_OK)
			continue;
		memset(&v, 0, sizeof(v));
		v.kind = t->kind;
		v.u.dec = mid;
		if (!allowed(d->in->cstr, &v))
			continue;
		*cand = xgrow(*cand, *ncand, sizeof(**cand));
		(*cand)[(*ncand)++] = v;
	}
	free(cuts);
}

/* Whether C sets no lower bound. */
static bool
unbounded_below(const struct constraint *c)
{
	return c == NULL || c->kind != CSTR_ENTRE || c->lo == NULL;
}

/* A montant below 0 €: a sum of money in a contract is written
 * without a sign (design: `NUM €` literals are unsigned), so a witness
 * never takes one unless the declaration allows it by its bounds. */
static bool
negative_amount(const struct value *v)
{
	dec_t zero;

	return v->kind == T_MONTANT && dec_from_int(0, &zero) == DEC_OK &&
	    dec_cmp(v->u.dec, zero) < 0;
}

/* The values of D's decision: those its conditions tell apart. */
static void
dim_values(struct dim *d)
{
	const struct input *in = d->in;
	const struct type *t = in->type;
	const struct constraint *c = in->cstr;
	struct value *cand = NULL;
	size_t ncand = 0, i;
	int delta;
	json_t *j;
	struct buf b;
	struct value sv;

	buf_init(&b);
	switch (t->kind) {
	case T_BOOLEEN:
		simple_value(&sv, T_BOOLEEN, NULL)->u.boolean = false;
		dim_push(d, json_false(), &sv, "faux");
		sv.u.boolean = true;
		dim_push(d, json_true(), &sv, "vrai");
		break;
	case T_CHOIX:
		for (i = 0; i < t->nvalues; i++) {
			struct value v;

			memset(&v, 0, sizeof(v));
			v.kind = T_CHOIX;
			v.type = t;
			v.u.choice = i;
			if (c->kind == CSTR_PARMI && !allowed(c, &v))
				continue;
			dim_push(d, json_string(t->values[i].name), &v,
			    t->values[i].name);
		}
		break;
	case T_TEXTE:
		/* The libellé as sample text: shown as « rempli », the
		 * witness's data holding the text itself. */
		j = sample(t, c, in->label != NULL ? in->label : in->name, 0);
		simple_value(&sv, T_TEXTE, NULL)->u.text = (char *)(
		    json_is_string(j) ? json_string_value(j) : "");
		dim_push(d, j, &sv, "rempli");
		for (i = 0; i < d->ncuts; i++)
			if (allowed(c, &d->cuts[i]))
				dim_push_value(d, &d->cuts[i]);
		break;
	case T_ENTIER:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DATE:
	case T_DUREE:
		if (d->ncuts == 0)
			break;
		if (c->kind == CSTR_PARMI) {
			for (i = 0; i < c->nset; i++)
				dim_push_value(d, &c->set[i]);
			break;
		}
		if (c->kind == CSTR_ENTRE && c->lo != NULL) {
			cand = xgrow(cand, ncand, sizeof(*cand));
			value_copy(&cand[ncand++], c->lo);
		}
		for (i = 0; i < d->ncuts; i++)
			for (delta = -1; delta <= 1; delta++) {
				struct value v;

				if (!step(t, &d->cuts[i], delta, &v))
					continue;
				if (!allowed(c, &v) || (unbounded_below(c) &&
				    negative_amount(&v))) {
					value_free(&v);
					continue;
				}
				cand = xgrow(cand, ncand, sizeof(*cand));
				cand[ncand++] = v;
			}
		add_midpoints(d, &cand, &ncand);
		if (ncand > 1)
			qsort(cand, ncand, sizeof(*cand), cmp_values);
		for (i = 0; i < ncand; i++) {
			dim_push_value(d, &cand[i]);
			value_free(&cand[i]);
		}
		free(cand);
		break;
	case T_ERROR:
	case T_LISTE:
	case T_RECORD:
		break;
	}
	/* Absent, when it may be and the template tells it apart. */
	if (in->optional && in->def == NULL && d->n > 0)
		dim_push(d, NULL, NULL, "absent");
	else if (in->optional && in->def == NULL && d->presence) {
		/* Present, its value unknown to the conditions' reader:
		 * only its presence is tested. */
		dim_push(d, sample(t, c, in->label != NULL ? in->label :
		    in->name, 0), NULL, "présent");
		dim_push(d, NULL, NULL, "absent");
	}
	buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* The combinations                                                   */

static size_t
dsize(const struct vx *x, size_t k)
{
	return x->dims[x->decisions[k]].n;
}

static void
add_witness(struct vx *x, const size_t *choice)
{
	struct witness *w;

	x->ws = xgrow(x->ws, x->nws, sizeof(*x->ws));
	w = &x->ws[x->nws++];
	memset(w, 0, sizeof(*w));
	w->choice = xcalloc(x->ndecisions + 1, sizeof(size_t));
	if (x->ndecisions > 0)
		memcpy(w->choice, choice, x->ndecisions * sizeof(size_t));
}

/* Every combination, in mixed radix. */
static void
enumerate_all(struct vx *x)
{
	size_t *choice = xcalloc(x->ndecisions + 1, sizeof(size_t)), k;

	for (;;) {
		add_witness(x, choice);
		for (k = 0; k < x->ndecisions; k++) {
			if (++choice[k] < dsize(x, k))
				break;
			choice[k] = 0;
		}
		if (k == x->ndecisions || x->nws >= WITNESS_CAP)
			break;
	}
	free(choice);
}

/* The pairs of values of decisions A < B not yet covered. */
struct pairs {
	bool	**open;		/* [a * n + b] → values' pair */
	size_t	  n;
	size_t	  left;
};

static bool *
pair_slot(struct pairs *p, size_t a, size_t b)
{
	return p->open[a * p->n + b];
}

/* A covering of every pair of decision values, greedily: each new
 * witness starts from a pair not yet covered and gives every other
 * decision the value that covers most new pairs with those chosen. */
static void
enumerate_pairs(struct vx *x)
{
	size_t n = x->ndecisions, a, b, va, vb, k, v;
	size_t *choice = xcalloc(n + 1, sizeof(size_t));
	bool *fixed = xcalloc(n + 1, sizeof(bool));
	struct pairs p;

	p.n = n;
	p.left = 0;
	p.open = xcalloc(n * n + 1, sizeof(bool *));
	for (a = 0; a < n; a++)
		for (b = a + 1; b < n; b++) {
			p.open[a * n + b] = xcalloc(dsize(x, a) * dsize(x, b),
			    sizeof(bool));
			for (k = 0; k < dsize(x, a) * dsize(x, b); k++)
				p.open[a * n + b][k] = true;
			p.left += dsize(x, a) * dsize(x, b);
		}
	while (p.left > 0 && x->nws < WITNESS_CAP) {
		bool found = false;

		memset(fixed, 0, n * sizeof(bool));
		for (a = 0; a < n && !found; a++)
			for (b = a + 1; b < n && !found; b++)
				for (k = 0; k < dsize(x, a) * dsize(x, b) &&
				    !found; k++)
					if (pair_slot(&p, a, b)[k]) {
						choice[a] = k / dsize(x, b);
						choice[b] = k % dsize(x, b);
						fixed[a] = fixed[b] = true;
						found = true;
					}
		for (k = 0; k < n; k++) {
			size_t best = 0, gain, most = 0;

			if (fixed[k])
				continue;
			for (v = 0; v < dsize(x, k); v++) {
				gain = 0;
				for (a = 0; a < n; a++) {
					if (!fixed[a] || a == k)
						continue;
					if (a < k)
						gain += pair_slot(&p, a, k)[
						    choice[a] * dsize(x, k) + v];
					else
						gain += pair_slot(&p, k, a)[
						    v * dsize(x, a) + choice[a]];
				}
				if (gain > most) {
					most = gain;
					best = v;
				}
			}
			choice[k] = best;
			fixed[k] = true;
		}
		for (a = 0; a < n; a++)
			for (b = a + 1; b < n; b++) {
				va = choice[a];
				vb = choice[b];
				if (pair_slot(&p, a, b)[va * dsize(x, b) + vb]) {
					pair_slot(&p, a, b)[va * dsize(x, b) +
					    vb] = false;
					p.left--;
				}
			}
		add_witness(x, choice);
	}
	x->capped = p.left > 0;
	for (k = 0; k < n * n; k++)
		free(p.open[k]);
	free(p.open);
	free(fixed);
	free(choice);
}

/* The witness's data: the decisions' values over the other inputs'
 * smallest ones (an input with a default keeps it). */
static char *
witness_json(const struct vx *x, const struct witness *w)
{
	json_t *o = json_object();
	size_t i, k;
	char *text, *out;

	for (i = 0; i < x->prog->inputs.len; i++) {
		const struct input *in = x->prog->inputs.items[i];
		const struct dim *d = &x->dims[i];

		if (d->index != SIZE_MAX) {
			json_t *v = d->values[w->choice[d->index]];

			if (v != NULL)
				json_object_set(o, in->name, v);
			continue;
		}
		if (in->def != NULL || in->optional)
			continue;
		json_object_set_new(o, in->name, sample(in->type, in->cstr,
		    in->label != NULL ? in->label : in->name, 0));
	}
	(void)k;
	text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_ENSURE_ASCII);
	json_decref(o);
	out = xstrdup(text != NULL ? text : "{}");
	free(text);
	return out;
}

/* "a = vrai, mode = forfait": the decisions of W. */
static void
describe_witness(struct buf *b, const struct vx *x, const struct witness *w,
    const char *eq, const char *sep)
{
	size_t k;

	for (k = 0; k < x->ndecisions; k++) {
		const struct dim *d = &x->dims[x->decisions[k]];

		if (k > 0)
			buf_puts(b, sep);
		buf_printf(b, "%s%s%s", d->in->name, eq,
		    d->shown[w->choice[k]]);
	}
	if (x->ndecisions == 0)
		buf_puts(b, "aucune décision");
}

/* ------------------------------------------------------------------ */
/* Building the witnesses                                             */

static int
cmp_nodes(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const struct node *const *)a;
	uintptr_t y = (uintptr_t)*(const struct node *const *)b;

	return x < y ? -1 : x > y;
}

static struct point *
find_point(const struct vx *x, const struct node *n)
{
	size_t lo = 0, hi = x->npoints;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (x->order[mid] == n) {
			/* order holds the nodes; the point is found by its
			 * node among the points, kept in the same order. */
			return &x->points[mid];
		}
		if ((uintptr_t)x->order[mid] < (uintptr_t)n)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int
cmp_points(const void *a, const void *b)
{
	const struct point *p = a, *q = b;

	return cmp_nodes(&p->n, &q->n);
}

/* Sorts the points by node and numbers their outcomes. */
static void
index_points(struct vx *x)
{
	size_t i;

	if (x->npoints > 1)
		qsort(x->points, x->npoints, sizeof(*x->points), cmp_points);
	x->order = xcalloc(x->npoints + 1, sizeof(*x->order));
	x->noutcomes = 0;
	for (i = 0; i < x->npoints; i++) {
		x->order[i] = x->points[i].n;
		x->points[i].base = x->noutcomes;
		x->noutcomes += x->points[i].noutcomes;
	}
	x->taken = xcalloc(x->noutcomes + 1, sizeof(bool));
	x->seen = xcalloc(x->noutcomes + 1, sizeof(bool));
}

static void
on_branch(void *arg, const struct node *n, size_t outcome)
{
	struct vx *x = arg;
	struct point *p = find_point(x, n);

	if (p != NULL && outcome < p->noutcomes)
		x->taken[p->base + outcome] = true;
}

/* The witness compiler's diagnostics: its errors are kept. */
static void
on_diagnostic(const lgc_diagnostic *d, void *arg)
{
	struct vx *x = arg;
	struct buf b;

	if (d->severity != LGC_SEVERITY_ERROR &&
	    d->severity != LGC_SEVERITY_FATAL)
		return;
	if (strcmp(d->code, "exigence") == 0)
		x->refused = true;
	buf_init(&b);
	if (d->place.file != NULL && d->place.line > 0)
		buf_printf(&b, "%s:%d:%d : ", d->place.file, d->place.line,
		    d->place.column);
	else if (d->place.file != NULL)
		buf_printf(&b, "%s : ", d->place.file);
	buf_printf(&b, "%s [%s]", d->message, d->code);
	ptrvec_push(&x->errors, buf_detach(&b));
}

static void
runs_text(struct buf *b, const struct doc_runs *rs)
{
	size_t i;

	for (i = 0; i < rs->len; i++)
		if (!rs->v[i].line_break)
			buf_puts(b, rs->v[i].text);
}

/* The row of the heading of LEVEL and TITLE, made after row AFTER
 * (SIZE_MAX: first) when new, so that the rows keep the documents'
 * order. */
static size_t
heading_row(struct vx *x, int level, const char *title, size_t after)
{
	struct heading_row *r;
	char *key = xasprintf("%d|%s", level, title);
	size_t i, at;

	for (i = 0; i < x->nrows; i++)
		if (strcmp(x->rows[x->row_order[i]].key, key) == 0) {
			free(key);
			return x->row_order[i];
		}
	x->rows = xgrow(x->rows, x->nrows, sizeof(*x->rows));
	x->row_order = xgrow(x->row_order, x->nrows, sizeof(*x->row_order));
	r = &x->rows[x->nrows];
	r->key = key;
	r->title = xstrdup(title);
	r->level = level;
	r->in = NULL;
	at = 0;
	if (after != SIZE_MAX)
		for (i = 0; i < x->nrows; i++)
			if (x->row_order[i] == after)
				at = i + 1;
	memmove(&x->row_order[at + 1], &x->row_order[at],
	    (x->nrows - at) * sizeof(*x->row_order));
	x->row_order[at] = x->nrows;
	return x->nrows++;
}

static void
record_headings(struct vx *x, struct variant *v, const struct doc *d)
{
	size_t i, prev = SIZE_MAX;
	struct buf b;

	buf_init(&b);
	for (i = 0; i < d->blocks.len; i++) {
		const struct doc_block *bl = &d->blocks.v[i];

		if (bl->kind != BLOCK_HEADING)
			continue;
		buf_reset(&b);
		runs_text(&b, &bl->u.heading.title);
		prev = heading_row(x, bl->u.heading.level, buf_cstr(&b), prev);
		v->headings = xgrow(v->headings, v->nheadings,
		    sizeof(*v->headings));
		v->headings[v->nheadings++] = prev;
	}
	buf_free(&b);
}

static char *
signature(const struct vx *x)
{
	char *s = xcalloc(x->noutcomes + 1, 1);
	size_t i;

	for (i = 0; i < x->noutcomes; i++)
		s[i] = x->taken[i] ? '1' : '0';
	return s;
}

static const char *
extension_of(lgc_compiler *c, const char *format)
{
	const char *name;
	size_t i;

	for (i = 0; (name = lgc_format_name(c, i)) != NULL; i++)
		if (strcmp(name, format) == 0)
			return lgc_format_extension(c, i);
	return NULL;
}

/* Writes the witness data and document of variant V (the data loaded
 * in W) into DIR, named after its decisions. */
static void
write_variant(struct vx *x, lgc_compiler *w, const lgc_variantes_options *o,
    size_t v)
{
	const struct witness *wi = &x->ws[x->vs[v].witness];
	const char *format = o->write_format != NULL ? o->write_format :
	    "html";
	const char *ext = extension_of(x->c, format);
	struct buf b;
	char *name, *path, *out = NULL;
	size_t len = 0;

	if (ext == NULL)
		return;		/* refused before the first witness */
	buf_init(&b);
	describe_witness(&b, x, wi, "-", "_");
	name = lgc_file_name(buf_cstr(&b));
	if (strlen(name) > 150)
		name[150] = '\0';
	buf_reset(&b);
	buf_printf(&b, "%s/v%02zu%s%s", o->write_dir, v + 1,
	    *name != '\0' ? "-" : "", name);
	path = xasprintf("%s.json", buf_cstr(&b));
	(void)lgc_write_output(x->c, path, wi->json, strlen(wi->json));
	free(path);
	if (lgc_render(w, format, &out, &len) == LGC_OK) {
		path = xasprintf("%s%s", buf_cstr(&b), ext);
		(void)lgc_write_output(x->c, path, out, len);
		free(path);
	}
	free(out);
	free(name);
	buf_free(&b);
}

static void
clear_errors(struct vx *x)
{
	size_t i;

	for (i = 0; i < x->errors.len; i++)
		free(x->errors.items[i]);
	x->errors.len = 0;
	x->refused = false;
}

static char *
join_errors(const struct vx *x)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < x->errors.len; i++) {
		if (i > 0)
			buf_puts(&b, " ; ");
		buf_puts(&b, x->errors.items[i]);
	}
	if (x->errors.len == 0)
		buf_puts(&b, "échec sans message");
	return buf_detach(&b);
}

/* Builds the witnesses from FROM on, each by a compiler of its own
 * (cloned from C: the template is checked once), whose diagnostics
 * are its own. */
static void
build_witnesses(struct vx *x, const lgc_variantes_options *o, size_t from)
{
	size_t i, j;
	char name[64];
	lgc_compiler *w;

	for (i = from; i < x->nws; i++) {
		struct witness *wi = &x->ws[i];
		struct doc d;
		bool ok;
		char *sig;
		void *found;

		wi->json = witness_json(x, wi);
		clear_errors(x);
		memset(x->taken, 0, x->noutcomes * sizeof(bool));
		w = api_witness_compiler(x->c);
		lgc_set_diagnostic_handler(w, on_diagnostic, x);
		snprintf(name, sizeof(name), "témoin-%zu.json", i + 1);
		ok = lgc_load_data_string(w, name, wi->json,
		    strlen(wi->json)) == LGC_OK;
		memset(&d, 0, sizeof(d));
		if (ok)
			ok = api_build(w, on_branch, x, &d);
		ok = ok && x->errors.len == 0;
		if (!ok) {
			wi->state = x->refused ? W_REFUSED : W_FAILED;
			wi->message = join_errors(x);
			if (x->refused)
				x->nrefused++;
			else
				x->failed++;
			doc_free(&d);
			lgc_free(w);
			continue;
		}
		wi->state = W_BUILT;
		for (j = 0; j < x->noutcomes; j++)
			x->seen[j] = x->seen[j] || x->taken[j];
		sig = signature(x);
		if ((found = strmap_get(&x->by_sig, sig)) != NULL) {
			wi->variant = (size_t)((uintptr_t)found - 1);
			x->vs[wi->variant].count++;
			free(sig);
		} else {
			struct variant *v;

			x->vs = xgrow(x->vs, x->nvs, sizeof(*x->vs));
			v = &x->vs[x->nvs];
			memset(v, 0, sizeof(*v));
			v->witness = i;
			v->count = 1;
			v->outcomes = xcalloc(x->noutcomes + 1, sizeof(bool));
			memcpy(v->outcomes, x->taken, x->noutcomes *
			    sizeof(bool));
			record_headings(x, v, &d);
			wi->variant = x->nvs++;
			ptrvec_push(&x->sigs, sig);
			strmap_put(&x->by_sig, sig,
			    (void *)(uintptr_t)(wi->variant + 1));
			if (o->write_dir != NULL)
				write_variant(x, w, o, wi->variant);
		}
		doc_free(&d);
		lgc_free(w);
	}
	clear_errors(x);
}

/* Whether some built witness gives decision A its value VA and B its
 * value VB (A == B: VA only). */
static bool
pair_built(const struct vx *x, size_t a, size_t va, size_t b, size_t vb)
{
	size_t i;

	for (i = 0; i < x->nws; i++)
		if (x->ws[i].state == W_BUILT && x->ws[i].choice[a] == va &&
		    x->ws[i].choice[b] == vb)
			return true;
	return false;
}

/* A witness an exiger refused leaves the pairs of values it holds
 * uncovered, though the exiger may read only a few of its decisions:
 * its decisions are tried again with those the exigers read taken from
 * a witness that built. */
static void
repair_refused(struct vx *x, const lgc_variantes_options *o, size_t n)
{
	size_t *choice = xcalloc(x->ndecisions + 1, sizeof(size_t));
	size_t i, j, k, tries, from;

	for (i = 0; i < n; i++) {
		if (x->ws[i].state != W_REFUSED)
			continue;
		for (j = 0, tries = 0; j < n && tries < 4 &&
		    x->nws < WITNESS_CAP; j++) {
			if (x->ws[j].state != W_BUILT)
				continue;
			memcpy(choice, x->ws[i].choice, x->ndecisions *
			    sizeof(size_t));
			for (k = 0; k < x->rules.len; k++)
				if (x->dims[x->rules.v[k]].index != SIZE_MAX)
					choice[x->dims[x->rules.v[k]].index] =
					    x->ws[j].choice[x->dims[
					    x->rules.v[k]].index];
			from = x->nws;
			add_witness(x, choice);
			build_witnesses(x, o, from);
			tries++;
			if (x->ws[from].state == W_BUILT)
				break;
		}
	}
	free(choice);
}

/* A pair still covered by no witness that built is tried over the
 * decisions of a few witnesses that did, within a budget: a pair an
 * exiger forbids is never covered, and the branches that read it stay
 * unproven. */
static void
repair_pairs(struct vx *x, const lgc_variantes_options *o, size_t budget)
{
	size_t a, b, va, vb, i, from, tries, spent = 0;
	size_t *choice = xcalloc(x->ndecisions + 1, sizeof(size_t));

	for (a = 0; a < x->ndecisions; a++)
		for (b = a + 1; b < x->ndecisions; b++)
			for (va = 0; va < dsize(x, a); va++)
				for (vb = 0; vb < dsize(x, b); vb++) {
					if (pair_built(x, a, va, b, vb))
						continue;
					for (i = 0, tries = 0; i < x->nws &&
					    tries < 4 && spent < budget &&
					    x->nws < WITNESS_CAP &&
					    !pair_built(x, a, va, b, vb); i++) {
						if (x->ws[i].state != W_BUILT)
							continue;
						memcpy(choice, x->ws[i].choice,
						    x->ndecisions *
						    sizeof(size_t));
						choice[a] = va;
						choice[b] = vb;
						from = x->nws;
						add_witness(x, choice);
						build_witnesses(x, o, from);
						tries++;
						spent++;
					}
				}
	free(choice);
}

/* The pairs of decision values no witness that built holds. */
static size_t
open_pairs(const struct vx *x)
{
	size_t a, b, va, vb, n = 0;

	if (!x->pairwise)
		return 0;
	for (a = 0; a < x->ndecisions; a++)
		for (b = a + 1; b < x->ndecisions; b++)
			for (va = 0; va < dsize(x, a); va++)
				for (vb = 0; vb < dsize(x, b); vb++)
					n += !pair_built(x, a, va, b, vb);
	return n;
}

static void
run_witnesses(struct vx *x, const lgc_variantes_options *o)
{
	size_t n;

	build_witnesses(x, o, 0);
	n = x->nws;
	if (x->pairwise && x->failed == 0 && x->nrefused > 0) {
		repair_refused(x, o, n);
		repair_pairs(x, o, 2 * n + 32);
	}
	x->open_pairs = open_pairs(x);
	ptrvec_free(&x->errors);
}

/* ------------------------------------------------------------------ */
/* Unreachable branches                                               */

/* Whether every combination of the decisions R reads was tried. */
static bool
proven(const struct vx *x, const struct reads *r)
{
	size_t i, n = 0, k[2] = { 0, 0 }, va, vb;

	if (!r->exact || x->failed > 0 || x->capped)
		return false;
	if (x->exhaustive)
		return true;

	for (i = 0; i < r->len; i++)
		if (x->dims[r->v[i]].index != SIZE_MAX) {
			if (n < 2)
				k[n] = x->dims[r->v[i]].index;
			n++;
		}
	if (!x->pairwise || n > 2)
		return false;
	if (n == 1)
		k[1] = k[0];
	/* Every combination of its decisions in a witness that built. */
	for (va = 0; n > 0 && va < dsize(x, k[0]); va++)
		for (vb = 0; vb < dsize(x, k[1]); vb++)
			if ((n == 2 || va == vb) &&
			    !pair_built(x, k[0], va, k[1], vb))
				return false;
	return true;
}

/* Why: the declarations of what condition R reads. */
static void
reason(struct buf *b, const struct vx *x, const struct reads *r,
    bool nested)
{
	size_t i;
	struct buf t;

	buf_init(&t);
	if (r->len == 0)
		buf_puts(b, "elle ne dépend d'aucune donnée du client");
	for (i = 0; i < r->len; i++) {
		const struct input *in = x->prog->inputs.items[r->v[i]];

		buf_reset(&t);
		type_name(&t, in->type);
		buf_printf(b, "%s« %s » : %s", i == 0 ? "" : i + 1 == r->len ?
		    " et " : ", ", in->name, buf_cstr(&t));
		if (in->cstr->kind != CSTR_NONE) {
			buf_reset(&t);
			constraint_describe(&t, in->cstr);
			buf_printf(b, " %s", buf_cstr(&t));
		}
		if (in->optional)
			buf_puts(b, " optionnel");
		if (in->requirement != NULL) {
			buf_puts(b, " si ");
			expr_print(b, in->requirement);
		}
	}
	if (nested)
		buf_puts(b, ", compte tenu des conditions qui l'entourent");
	buf_free(&t);
}

static void
declared_notes(struct diagnostic *d, const struct vx *x,
    const struct reads *r)
{
	size_t i;

	for (i = 0; i < r->len && d != NULL; i++) {
		const struct input *in = x->prog->inputs.items[r->v[i]];

		if (in->decl != NULL)
			diag_note(d, &in->decl->loc, "« %s » est déclarée ici",
			    in->name);
	}
}

static void
finding(struct vx *x, enum diag_code code, const struct loc *loc,
    const char *what, const struct reads *r, bool nested)
{
	struct diagnostic *d;
	struct buf why, line;

	buf_init(&why);
	buf_init(&line);
	reason(&why, x, r, nested);
	if (what != NULL)
		d = diag(x->ds, code, loc, what, buf_cstr(&why));
	else
		d = diag(x->ds, code, loc, buf_cstr(&why));
	declared_notes(d, x, r);
	buf_printf(&line, "%s:%d:%d : %s", loc->src != NULL ?
	    loc->src->path : "?", loc->line, loc->col,
	    diag_code_name(code));
	if (what != NULL)
		buf_printf(&line, " « %s »", what);
	buf_printf(&line, " (%s)", buf_cstr(&why));
	ptrvec_push(&x->findings, buf_detach(&line));
	buf_free(&why);
}

static void
unproven(struct vx *x, const struct loc *loc, const char *what)
{
	ptrvec_push(&x->unproven, xasprintf("%s:%d:%d : %s",
	    loc->src != NULL ? loc->src->path : "?", loc->line,
	    loc->col, what));
}

static bool
any_seen(const struct vx *x, const struct point *p, size_t from)
{
	size_t i;

	for (i = from; i < p->noutcomes; i++)
		if (x->seen[p->base + i])
			return true;
	return false;
}

/* Whether condition R reads a clause's parameters: what the includer
 * passes decides the branch for this contract (a constant, an input
 * whose values it restricts), the others serving other includers.
 * Such a branch is neither a fault of the clause nor of the template;
 * a clause compiled alone has its defaults, and its includers decide. */
static bool
fixed_by_includer(const struct vx *x, const struct point *p,
    const struct reads *r)
{
	(void)x;
	(void)p;
	return r->param;
}

static void
check_if_point(struct vx *x, const struct point *p)
{
	const struct node *n = p->n;
	size_t i;
	struct buf c;

	buf_init(&c);
	for (i = 0; i < n->u.cond.len; i++) {
		const struct branch *b = &n->u.cond.branches[i];

		if (!any_seen(x, p, i) || b->cond == NULL ||
		    fixed_by_includer(x, p, &p->own[i]))
			break;
		buf_reset(&c);
		expr_print(&c, b->cond);
		if (!x->seen[p->base + i]) {
			if (proven(x, &p->path))
				finding(x, W_VAR_BRANCH_IMPOSSIBLE,
				    &b->cond->loc, buf_cstr(&c), &p->own[i],
				    p->nested);
			else
				unproven(x, &b->cond->loc, buf_cstr(&c));
			continue;
		}
		if (!any_seen(x, p, i + 1)) {
			if (proven(x, &p->path))
				finding(x, W_VAR_BRANCH_ALWAYS, &b->cond->loc,
				    buf_cstr(&c), &p->own[i], p->nested);
			else
				unproven(x, &b->cond->loc, buf_cstr(&c));
			break;
		}
	}
	buf_free(&c);
}

static void
check_selon_point(struct vx *x, const struct point *p)
{
	const struct node *n = p->n;
	size_t i, k;
	struct buf c;

	if (fixed_by_includer(x, p, &p->own[0]))
		return;
	buf_init(&c);
	for (i = 0; i < n->u.selon.ncases; i++) {
		const struct selon_case *sc = &n->u.selon.cases[i];

		if (x->seen[p->base + i])
			continue;
		buf_reset(&c);
		buf_puts(&c, "{cas ");
		for (k = 0; k < sc->nvalues; k++) {
			if (k > 0)
				buf_puts(&c, ", ");
			expr_print(&c, sc->values[k]);
		}
		buf_puts(&c, "}");
		if (proven(x, &p->path))
			finding(x, W_VAR_CASE_IMPOSSIBLE, &sc->loc, NULL,
			    &p->own[i], p->nested);
		else
			unproven(x, &sc->loc, buf_cstr(&c));
	}
	if (n->u.selon.other != NULL && !x->seen[p->base +
	    n->u.selon.ncases]) {
		if (proven(x, &p->path))
			finding(x, W_VAR_OTHER_IMPOSSIBLE, &n->u.selon.other_loc,
			    NULL, &p->own[n->u.selon.ncases], p->nested);
		else
			unproven(x, &n->u.selon.other_loc, "{autre}");
	}
	buf_free(&c);
}

static void
check_points(struct vx *x)
{
	size_t i;

	for (i = 0; i < x->npoints; i++) {
		const struct point *p = &x->points[i];

		/* A point no witness reaches is told at the one above. */
		if (!any_seen(x, p, 0))
			continue;
		switch (p->n->kind) {
		case N_IF:
			check_if_point(x, p);
			break;
		case N_SELON:
			check_selon_point(x, p);
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
		case N_LOOP:
		case N_INCLUDE:
		case N_SIGNATURES:
			break;
		}
	}
}

/* ------------------------------------------------------------------ */
/* The report                                                         */

/* The matrix: one row per decision, article and clause, one column
 * per variant, as texte and html print it. */
struct row {
	char		*head;		/* NULL: a section title in CELLS[0] */
	char		**cells;	/* per variant */
	size_t		 indent;
};

struct table {
	struct row	*rows;
	size_t		 len;
	size_t		 ncols;
};

static struct row *
table_row(struct table *t, const char *head, size_t indent)
{
	struct row *r;

	t->rows = xgrow(t->rows, t->len, sizeof(*t->rows));
	r = &t->rows[t->len++];
	r->head = head != NULL ? xstrdup(head) : NULL;
	r->cells = xcalloc(t->ncols + 1, sizeof(char *));
	r->indent = indent;
	return r;
}

static void
table_free(struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->len; i++) {
		free(t->rows[i].head);
		for (j = 0; j < t->ncols; j++)
			free(t->rows[i].cells[j]);
		free(t->rows[i].cells);
	}
	free(t->rows);
}

static bool
include_taken(const struct variant *v, const struct point *p)
{
	return v->outcomes[p->base];
}

static void
make_table(const struct vx *x, struct table *t)
{
	struct row *r;
	size_t i, k, v;
	struct buf b;

	memset(t, 0, sizeof(*t));
	t->ncols = x->nvs;
	buf_init(&b);
	if (x->ndecisions > 0) {
		r = table_row(t, NULL, 0);
		r->cells[0] = xstrdup("Décisions");
	}
	for (k = 0; k < x->ndecisions; k++) {
		const struct dim *d = &x->dims[x->decisions[k]];

		r = table_row(t, d->in->name, 1);
		for (v = 0; v < x->nvs; v++)
			r->cells[v] = xstrdup(d->shown[
			    x->ws[x->vs[v].witness].choice[k]]);
	}
	if (x->nrows > 0) {
		r = table_row(t, NULL, 0);
		r->cells[0] = xstrdup("Articles (✓ : figure, · : absent)");
	}
	for (i = 0; i < x->nrows; i++) {
		const struct heading_row *h = &x->rows[x->row_order[i]];
		size_t j;

		r = table_row(t, h->title, (size_t)h->level);
		for (v = 0; v < x->nvs; v++) {
			bool in = false;

			for (j = 0; j < x->vs[v].nheadings && !in; j++)
				in = x->vs[v].headings[j] == x->row_order[i];
			r->cells[v] = xstrdup(in ? "✓" : "·");
		}
	}
	k = 0;
	for (i = 0; i < x->npoints; i++) {
		const struct point *p = &x->points[i];
		const struct node *n = p->n;

		if (n->kind != N_INCLUDE)
			continue;
		if (k++ == 0) {
			r = table_row(t, NULL, 0);
			r->cells[0] = xstrdup("Clauses incluses");
		}
		buf_reset(&b);
		buf_printf(&b, "%s (%s:%d)", n->u.include.path,
		    n->loc.src != NULL ? n->loc.src->path : "?", n->loc.line);
		r = table_row(t, buf_cstr(&b), 1);
		for (v = 0; v < x->nvs; v++)
			r->cells[v] = xstrdup(include_taken(&x->vs[v], p) ?
			    "✓" : "·");
	}
	buf_free(&b);
}

/* Display width, in characters, cut at MAX. */
static size_t
width(const char *s, size_t max)
{
	size_t n = utf8_count(s, strlen(s));

	return n > max ? max : n;
}

/* S cut to MAX characters (an ellipsis ending it), padded to PAD. */
static void
put_cell(struct buf *b, const char *s, size_t max, size_t pad)
{
	size_t i = 0, n = 0, len = strlen(s);
	uint32_t cp;

	if (utf8_count(s, len) <= max) {
		buf_puts(b, s);
		n = utf8_count(s, len);
	} else {
		while (i < len && n + 1 < max) {
			size_t k = utf8_decode(s + i, len - i, &cp);

			if (k == 0)
				break;
			buf_put(b, s + i, k);
			i += k;
			n++;
		}
		buf_puts(b, "…");
		n++;
	}
	for (; n < pad; n++)
		buf_putc(b, ' ');
}

#define HEAD_MAX	44
#define CELL_MAX	12

/* The matrix as text: a line naming the columns, then each section's
 * title on a line of its own and its rows, the cells aligned. */
static void
print_table(struct buf *b, const struct table *t)
{
	size_t *cw = xcalloc(t->ncols + 1, sizeof(size_t));
	size_t hw = 0, i, j, w;
	char name[32];

	for (j = 0; j < t->ncols; j++) {
		snprintf(name, sizeof(name), "V%zu", j + 1);
		cw[j] = strlen(name);
	}
	for (i = 0; i < t->len; i++) {
		const struct row *r = &t->rows[i];

		if (r->head == NULL)
			continue;
		w = 2 * r->indent + width(r->head, HEAD_MAX);
		hw = w > hw ? w : hw;
		for (j = 0; j < t->ncols; j++)
			if ((w = width(r->cells[j], CELL_MAX)) > cw[j])
				cw[j] = w;
	}
	for (w = 0; w < hw; w++)
		buf_putc(b, ' ');
	for (j = 0; j < t->ncols; j++) {
		snprintf(name, sizeof(name), "V%zu", j + 1);
		buf_puts(b, "  ");
		put_cell(b, name, CELL_MAX, j + 1 < t->ncols ? cw[j] : 0);
	}
	buf_putc(b, '\n');
	for (i = 0; i < t->len; i++) {
		const struct row *r = &t->rows[i];

		if (r->head == NULL) {
			buf_printf(b, "%s\n", r->cells[0]);
			continue;
		}
		for (w = 0; w < r->indent; w++)
			buf_puts(b, "  ");
		put_cell(b, r->head, HEAD_MAX, hw - 2 * r->indent);
		for (j = 0; j < t->ncols; j++) {
			buf_puts(b, "  ");
			put_cell(b, r->cells[j], CELL_MAX, cw[j]);
		}
		/* No blanks at the end of a line. */
		while (b->len > 0 && b->data[b->len - 1] == ' ')
			b->len--;
		buf_putc(b, '\n');
	}
	free(cw);
}

static void
group_digits(struct buf *b, uint64_t n)
{
	char digits[32];
	size_t len, i;

	snprintf(digits, sizeof(digits), "%llu", (unsigned long long)n);
	len = strlen(digits);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_puts(b, "\u00a0");
		buf_putc(b, digits[i]);
	}
}

static void
print_space(struct buf *b, const struct vx *x)
{
	if (x->space == UINT64_MAX)
		buf_puts(b, "plus de 10^19");
	else
		group_digits(b, x->space);
}

/* How the witnesses were chosen, in a sentence. */
static void
print_coverage(struct buf *b, const struct vx *x)
{
	if (x->exhaustive)
		buf_printf(b, "%zu témoin%s, un par combinaison", x->nws,
		    x->nws > 1 ? "s" : "");
	else {
		buf_printf(b, "%zu témoins couvrant chaque paire de valeurs "
		    "de deux décisions (", x->nws);
		print_space(b, x);
		buf_printf(b, " combinaisons, au-delà de --max %zu)", x->max);
		if (x->capped)
			buf_printf(b, " ; couverture incomplète : arrêtée à "
			    "%d témoins", WITNESS_CAP);
		if (x->open_pairs > 0)
			buf_printf(b, " ; %zu paire%s de valeurs sans témoin "
			    "construit (refusées par une exigence)",
			    x->open_pairs, x->open_pairs > 1 ? "s" : "");
	}
}

/* ------------------------------------------------------------------ */
/* The condition of each article and clause                           */

/* A piece of the condition under which a place of the template is
 * reached: a {si} branch's condition (NEG: one before it, not taken),
 * or a {selon}'s case (KASE SIZE_MAX: its {autre}), read at SITE. */
enum atom_kind {
	A_COND,
	A_CASE
};

struct atom {
	enum atom_kind	 kind;
	const struct expr *e;		/* A_COND */
	bool		 neg;
	const struct node *selon;	/* A_CASE */
	size_t		 kase;
	const struct site *site;
};

/* A place where a heading (one way of writing its title) or an
 * {inclure} is reached, and the conditions around it, outermost
 * first. */
struct occ {
	size_t		 row;		/* heading row, or SIZE_MAX */
	const struct node *include;	/* or the {inclure} */
	struct atom	*atoms;
	size_t		 natoms;
	bool		 inexact;	/* in a loop: per item */
};

/* An article or clause that does not figure in every variant, and the
 * condition under which it does. */
struct cond_row {
	char		*label;
	int		 level;		/* 0: a clause */
	bool		 always;
	bool		 never;
	char		*cond;		/* NULL for ALWAYS */
	bool		 observed;	/* read off the witnesses */
};

struct conds {
	struct occ	*occs;
	size_t		 nocc;
	struct ptrvec	 sites;		/* struct site *, owned */
	struct atom	*stack;		/* the atoms around, while walking */
	size_t		 nstack;
	bool		 in_loop;
	struct cond_row	*rows;		/* headings in row order, then
					 * the {inclure} points */
	size_t		 nrows;
	/* The rows' keys (normalized "level|title") to find a heading's. */
	char		**keys;
	size_t		 nkeys;
};

enum tv {
	TV_FALSE,
	TV_TRUE,
	TV_UNKNOWN
};

/* A value as the conditions compare it: a choice by its name. */
struct cv {
	bool		 known;
	bool		 absent;
	const struct value *v;		/* or NULL for a choice */
	const char	*choice;
};

static enum tv	eval_cond(const struct vx *x, const struct expr *e,
		    const struct site *s, const struct witness *w, int depth);

static void
eval_value(const struct vx *x, const struct expr *e, const struct site *s,
    const struct witness *w, int depth, struct cv *out)
{
	const struct expr *a;
	const struct dim *d;
	size_t k;

	memset(out, 0, sizeof(*out));
	if (e == NULL || depth > INCLUDE_DEPTH)
		return;
	switch (e->kind) {
	case EX_LITERAL:
		out->known = true;
		out->v = &e->u.literal;
		return;
	case EX_NAME:
		if (e->sym == NULL) {
			if (e->choice >= 0) {
				out->known = true;
				out->choice = e->u.name;
			}
			return;
		}
		switch (e->sym->kind) {
		case SYM_INPUT:
			d = &x->dims[e->sym->input->index];
			if (w == NULL || d->index == SIZE_MAX)
				return;
			if (d->in->requirement != NULL)
				switch (eval_cond(x, d->in->requirement, NULL, w,
				    depth + 1)) {
				case TV_FALSE:
					out->known = out->absent = true;
					return;
				case TV_TRUE:
					break;
				case TV_UNKNOWN:
					return;
				}
			k = w->choice[d->index];
			if (d->values[k] == NULL) {
				out->known = out->absent = true;
				return;
			}
			if (!d->has[k])
				return;
			out->known = true;
			if (d->vals[k].kind == T_CHOIX && d->vals[k].type != NULL &&
			    d->vals[k].u.choice < d->vals[k].type->nvalues)
				out->choice = d->vals[k].type->values[
				    d->vals[k].u.choice].name;
			else
				out->v = &d->vals[k];
			return;
		case SYM_PARAM:
			if ((a = argument(s, e->sym->decl)) != NULL)
				eval_value(x, a, s->up, w, depth + 1, out);
			else if (e->sym->decl != NULL &&
			    e->sym->decl->def != NULL)
				eval_value(x, e->sym->decl->def, NULL, w,
				    depth + 1, out);
			return;
		case SYM_SOIT:
		case SYM_LOOP:
			return;
		}
		return;
	case EX_FIELD:
	case EX_CALL:
	case EX_RECORD:
	case EX_LIST:
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
	case EX_BINARY:
		return;
	}
}

static enum tv
tv_of(bool b)
{
	return b ? TV_TRUE : TV_FALSE;
}

/* Whether A and B are equal (TV_UNKNOWN: cannot tell). */
static enum tv
cv_equal(const struct cv *a, const struct cv *b)
{
	if (!a->known || !b->known || a->absent || b->absent)
		return TV_UNKNOWN;
	if (a->choice != NULL || b->choice != NULL)
		return a->choice != NULL && b->choice != NULL ?
		    tv_of(strcmp(a->choice, b->choice) == 0) : TV_UNKNOWN;
	if (a->v->kind == T_TEXTE || b->v->kind == T_TEXTE)
		return a->v->kind == b->v->kind ?
		    tv_of(strcmp(a->v->u.text, b->v->u.text) == 0) :
		    TV_UNKNOWN;
	if (a->v->kind == T_BOOLEEN || b->v->kind == T_BOOLEEN)
		return a->v->kind == b->v->kind ?
		    tv_of(a->v->u.boolean == b->v->u.boolean) : TV_UNKNOWN;
	{
		bool comparable = false;
		int c = value_compare(a->v, b->v, &comparable);

		return comparable ? tv_of(c == 0) : TV_UNKNOWN;
	}
}

static enum tv
tv_not(enum tv t)
{
	return t == TV_UNKNOWN ? t : t == TV_TRUE ? TV_FALSE : TV_TRUE;
}

/* Condition E at site S for witness W (NULL: what holds in every
 * witness), as the evaluator decides it; TV_UNKNOWN where this reader
 * cannot tell, which makes a condition shown on it unproven. */
static enum tv
eval_cond(const struct vx *x, const struct expr *e, const struct site *s,
    const struct witness *w, int depth)
{
	struct cv a, b;
	enum tv l, r;
	const struct expr *arg;
	bool comparable = false;
	int c;

	if (e == NULL || depth > INCLUDE_DEPTH)
		return TV_UNKNOWN;
	switch (e->kind) {
	case EX_LITERAL:
		return e->u.literal.kind == T_BOOLEEN ?
		    tv_of(e->u.literal.u.boolean) : TV_UNKNOWN;
	case EX_NAME:
		if (e->sym != NULL && e->sym->kind == SYM_PARAM) {
			if ((arg = argument(s, e->sym->decl)) != NULL)
				return eval_cond(x, arg, s->up, w, depth + 1);
			if (e->sym->decl != NULL && e->sym->decl->def != NULL)
				return eval_cond(x, e->sym->decl->def, NULL, w,
				    depth + 1);
			return TV_UNKNOWN;
		}
		eval_value(x, e, s, w, depth + 1, &a);
		if (!a.known || a.absent || a.v == NULL ||
		    a.v->kind != T_BOOLEEN)
			return TV_UNKNOWN;
		return tv_of(a.v->u.boolean);
	case EX_NOT:
		return tv_not(eval_cond(x, e->u.operand, s, w, depth + 1));
	case EX_EXISTS:
		eval_value(x, e->u.operand, s, w, depth + 1, &a);
		if (!a.known)
			return TV_UNKNOWN;
		return tv_of(!a.absent);
	case EX_BINARY:
		switch (e->u.binary.op) {
		case OP_AND:
			l = eval_cond(x, e->u.binary.lhs, s, w, depth + 1);
			if (l == TV_FALSE)
				return l;
			r = eval_cond(x, e->u.binary.rhs, s, w, depth + 1);
			if (r == TV_FALSE)
				return r;
			return l == TV_TRUE && r == TV_TRUE ? TV_TRUE :
			    TV_UNKNOWN;
		case OP_OR:
			l = eval_cond(x, e->u.binary.lhs, s, w, depth + 1);
			if (l == TV_TRUE)
				return l;
			r = eval_cond(x, e->u.binary.rhs, s, w, depth + 1);
			if (r == TV_TRUE)
				return r;
			return l == TV_FALSE && r == TV_FALSE ? TV_FALSE :
			    TV_UNKNOWN;
		case OP_EQ:
		case OP_NE:
			eval_value(x, e->u.binary.lhs, s, w, depth + 1, &a);
			eval_value(x, e->u.binary.rhs, s, w, depth + 1, &b);
			l = cv_equal(&a, &b);
			return e->u.binary.op == OP_EQ ? l : tv_not(l);
		case OP_LT:
		case OP_LE:
		case OP_GT:
		case OP_GE:
			eval_value(x, e->u.binary.lhs, s, w, depth + 1, &a);
			eval_value(x, e->u.binary.rhs, s, w, depth + 1, &b);
			if (!a.known || !b.known || a.absent || b.absent ||
			    a.v == NULL || b.v == NULL ||
			    a.v->kind == T_TEXTE || b.v->kind == T_TEXTE ||
			    a.v->kind == T_BOOLEEN || b.v->kind == T_BOOLEEN)
				return TV_UNKNOWN;
			c = value_compare(a.v, b.v, &comparable);
			if (!comparable)
				return TV_UNKNOWN;
			return tv_of(e->u.binary.op == OP_LT ? c < 0 :
			    e->u.binary.op == OP_LE ? c <= 0 :
			    e->u.binary.op == OP_GT ? c > 0 : c >= 0);
		case OP_ADD:
		case OP_SUB:
		case OP_MUL:
		case OP_DIV:
			return TV_UNKNOWN;
		}
		return TV_UNKNOWN;
	case EX_FIELD:
	case EX_CALL:
	case EX_RECORD:
	case EX_LIST:
	case EX_NEG:
		return TV_UNKNOWN;
	}
	return TV_UNKNOWN;
}

static enum tv
eval_atom(const struct vx *x, const struct atom *a, const struct witness *w)
{
	const struct node *n = a->selon;
	struct cv subject, v;
	size_t i, j;
	bool unknown = false;

	if (a->kind == A_COND) {
		enum tv t = eval_cond(x, a->e, a->site, w, 0);

		return a->neg ? tv_not(t) : t;
	}
	eval_value(x, n->u.selon.subject, a->site, w, 0, &subject);
	for (i = 0; i < n->u.selon.ncases; i++)
		for (j = 0; j < n->u.selon.cases[i].nvalues; j++) {
			eval_value(x, n->u.selon.cases[i].values[j], a->site,
			    w, 0, &v);
			switch (cv_equal(&subject, &v)) {
			case TV_TRUE:
				return tv_of(i == a->kase);
			case TV_FALSE:
				break;
			case TV_UNKNOWN:
				unknown = true;
				break;
			}
		}
	if (unknown)
		return TV_UNKNOWN;
	return tv_of(a->kase == SIZE_MAX);
}

/* A parametre given by the {inclure} prints as the caller's
 * expression: the template's own names. */
static const struct expr *
site_expr(const struct expr *name, const void **ctx)
{
	const struct site *s = *ctx;
	const struct expr *a;

	if (s == NULL || name->sym == NULL || name->sym->kind != SYM_PARAM ||
	    (a = argument(s, name->sym->decl)) == NULL)
		return NULL;
	*ctx = s->up;
	return a;
}

static const char *
negated_op(enum binop op)
{
	switch (op) {
	case OP_EQ: return "!=";
	case OP_NE: return "=";
	case OP_LT: return ">=";
	case OP_LE: return ">";
	case OP_GT: return "<=";
	case OP_GE: return "<";
	case OP_ADD:
	case OP_SUB:
	case OP_MUL:
	case OP_DIV:
	case OP_AND:
	case OP_OR:
		return NULL;
	}
	return NULL;
}

/* Whether the text of a condition needs parentheses inside "et". */
static bool
has_or(const char *s)
{
	return strstr(s, " ou ") != NULL;
}

/* The atom as lgc source text, in the template's names. */
static void
print_atom(struct buf *b, const struct atom *a)
{
	const struct node *n = a->selon;
	const struct expr *e = a->e;
	struct buf s;
	size_t i, j, k, nterms = 0;

	if (a->kind == A_COND) {
		if (!a->neg) {
			expr_print_subst(b, e, site_expr, a->site);
			return;
		}
		if (e->kind == EX_NOT) {
			expr_print_subst(b, e->u.operand, site_expr, a->site);
			return;
		}
		if (e->kind == EX_BINARY && negated_op(e->u.binary.op) != NULL) {
			expr_print_subst(b, e->u.binary.lhs, site_expr, a->site);
			buf_printf(b, " %s ", negated_op(e->u.binary.op));
			expr_print_subst(b, e->u.binary.rhs, site_expr, a->site);
			return;
		}
		buf_puts(b, "non ");
		if (e->kind == EX_BINARY || e->kind == EX_EXISTS)
			buf_putc(b, '(');
		expr_print_subst(b, e, site_expr, a->site);
		if (e->kind == EX_BINARY || e->kind == EX_EXISTS)
			buf_putc(b, ')');
		return;
	}
	buf_init(&s);
	expr_print_subst(&s, n->u.selon.subject, site_expr, a->site);
	if (a->kase != SIZE_MAX) {
		const struct selon_case *sc = &n->u.selon.cases[a->kase];

		for (j = 0; j < sc->nvalues; j++) {
			buf_printf(b, "%s%s = ", j > 0 ? " ou " : "",
			    buf_cstr(&s));
			expr_print_subst(b, sc->values[j], site_expr, a->site);
		}
		buf_free(&s);
		return;
	}
	/* {autre}: over a choix, the values left, whichever way is
	 * shorter; else "!=" each case's. */
	{
		const struct type *t = n->u.selon.subject->type;
		size_t ncase = 0;

		for (i = 0; i < n->u.selon.ncases; i++)
			ncase += n->u.selon.cases[i].nvalues;
		if (t != NULL && t->kind == T_CHOIX && t->nvalues > ncase &&
		    t->nvalues - ncase < ncase) {
			for (k = 0; k < t->nvalues; k++) {
				bool named = false;

				for (i = 0; i < n->u.selon.ncases; i++)
					for (j = 0; j < n->u.selon.cases[i].nvalues;
					    j++)
						if (n->u.selon.cases[i].indexes !=
						    NULL && n->u.selon.cases[i].
						    indexes[j] == (int)k)
							named = true;
				if (named)
					continue;
				buf_printf(b, "%s%s = %s", nterms++ > 0 ?
				    " ou " : "", buf_cstr(&s),
				    t->values[k].name);
			}
			buf_free(&s);
			return;
		}
	}
	for (i = 0; i < n->u.selon.ncases; i++)
		for (j = 0; j < n->u.selon.cases[i].nvalues; j++) {
			buf_printf(b, "%s%s != ", nterms++ > 0 ? " et " : "",
			    buf_cstr(&s));
			expr_print_subst(b, n->u.selon.cases[i].values[j],
			    site_expr, a->site);
		}
	buf_free(&s);
}

/* A title as compared: blanks dropped, quotes and apostrophes of
 * either typography alike. */
static char *
title_key(int level, const char *title)
{
	struct buf b;
	const char *p;

	buf_init(&b);
	buf_printf(&b, "%d|", level);
	for (p = title; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n')
			continue;
		if (strncmp(p, "\u00a0", 2) == 0 || strncmp(p, "\u2019", 3) ==
		    0 || strncmp(p, "\u202f", 3) == 0 || strncmp(p, "\u2018",
		    3) == 0 || strncmp(p, "\u201c", 3) == 0 || strncmp(p,
		    "\u201d", 3) == 0) {
			if (strncmp(p, "\u2019", 3) == 0 ||
			    strncmp(p, "\u2018", 3) == 0)
				buf_putc(&b, '\'');
			else if (strncmp(p, "\u00a0", 2) != 0 &&
			    strncmp(p, "\u202f", 3) != 0)
				buf_putc(&b, '"');
			p += strncmp(p, "\u00a0", 2) == 0 ? 1 : 2;
			continue;
		}
		if (strncmp(p, "\u00ab", 2) == 0 || strncmp(p, "\u00bb", 2) ==
		    0) {
			buf_putc(&b, '"');
			p++;
			continue;
		}
		buf_putc(&b, *p);
	}
	return buf_detach(&b);
}

static void
occ_add(const struct vx *x, struct conds *k, size_t row, const struct node *inc)
{
	struct occ *o;

	(void)x;
	k->occs = xgrow(k->occs, k->nocc, sizeof(*k->occs));
	o = &k->occs[k->nocc++];
	memset(o, 0, sizeof(*o));
	o->row = row;
	o->include = inc;
	o->inexact = k->in_loop;
	o->natoms = k->nstack;
	o->atoms = xcalloc(k->nstack + 1, sizeof(*o->atoms));
	if (k->nstack > 0)
		memcpy(o->atoms, k->stack, k->nstack * sizeof(*o->atoms));
}

static void
push_atom(struct conds *k, enum atom_kind kind, const struct expr *e,
    bool neg, const struct node *selon, size_t kase, const struct site *s)
{
	struct atom *a;

	k->stack = xgrow(k->stack, k->nstack, sizeof(*k->stack));
	a = &k->stack[k->nstack++];
	a->kind = kind;
	a->e = e;
	a->neg = neg;
	a->selon = selon;
	a->kase = kase;
	a->site = s;
}

/* The rest of a heading's line: segments of node lists, innermost
 * first. */
struct seg {
	const struct nodes *ns;
	size_t		 i;
	const struct seg *next;
};

#define TITLE_WAYS	64	/* ways of writing one title, at most */

/* Each way the heading's title at S may be written, with the branches
 * of the {si} and {selon} in it that write it so. */
static void
title_ways(const struct vx *x, struct conds *k, const struct seg *s,
    struct buf *title, int level, const struct site *site, size_t *budget)
{
	size_t len, mark = k->nstack, j, c, m;

	for (; s != NULL; s = s->next)
		for (j = s->i; j < s->ns->len; j++) {
			const struct node *t = s->ns->v[j];
			struct seg rest = { s->ns, j + 1, s->next }, in;

			/* What is written before a branch, each way keeps. */
			len = title->len;
			switch (t->kind) {
			case N_TEXT:
				if (t->u.text != NULL)
					buf_puts(title, t->u.text);
				continue;
			case N_EMPH:
				continue;
			case N_INTERP:
				/* Printed from the data: no title known. */
				buf_puts(title, "\x01");
				continue;
			case N_IF:
				for (c = 0; c <= t->u.cond.len && *budget > 0;
				    c++) {
					if (c == t->u.cond.len && t->u.cond.len >
					    0 && t->u.cond.branches[c - 1].cond ==
					    NULL)
						break;
					for (m = 0; m < c && m < t->u.cond.len;
					    m++)
						push_atom(k, A_COND, t->u.cond.
						    branches[m].cond, true, NULL,
						    0, site);
					if (c < t->u.cond.len) {
						if (t->u.cond.branches[c].cond !=
						    NULL)
							push_atom(k, A_COND,
							    t->u.cond.branches[c].
							    cond, false, NULL, 0,
							    site);
						in.ns = &t->u.cond.branches[c].
						    body;
						in.i = 0;
						in.next = &rest;
						title_ways(x, k, &in, title, level,
						    site, budget);
					} else
						title_ways(x, k, &rest, title,
						    level, site, budget);
					k->nstack = mark;
					title->len = len;
					title->data[len] = '\0';
				}
				return;
			case N_SELON:
				for (c = 0; c <= t->u.selon.ncases &&
				    *budget > 0; c++) {
					push_atom(k, A_CASE, NULL, false, t,
					    c < t->u.selon.ncases ? c : SIZE_MAX,
					    site);
					in.ns = c < t->u.selon.ncases ?
					    &t->u.selon.cases[c].body :
					    t->u.selon.other;
					in.i = 0;
					in.next = &rest;
					title_ways(x, k, in.ns != NULL ? &in :
					    &rest, title, level, site, budget);
					k->nstack = mark;
					title->len = len;
					title->data[len] = '\0';
				}
				return;
			case N_LINE:
			case N_SOFTBREAK:
			case N_PARBREAK:
			case N_HARDBREAK:
			case N_HEADING:
			case N_BULLET:
			case N_NUMBERED:
			case N_LABEL:
			case N_UNNUMBERED:
			case N_REF:
			case N_LOOP:
			case N_INCLUDE:
			case N_SIGNATURES:
				goto done;
			}
		}
done:
	if (*budget == 0)
		return;
	(*budget)--;
	if (strchr(buf_cstr(title), '\x01') == NULL) {
		char *key = title_key(level, buf_cstr(title));
		size_t r;

		for (r = 0; r < x->nrows; r++)
			if (strcmp(k->keys[r], key) == 0)
				occ_add(x, k, r, NULL);
		free(key);
	}
}

static void
collect(const struct vx *x, struct conds *k, const struct nodes *ns,
    const struct site *site, int depth)
{
	size_t i, c, m, mark = k->nstack;
	bool loop;
	struct buf title;

	for (i = 0; i < ns->len; i++) {
		const struct node *n = ns->v[i];

		switch (n->kind) {
		case N_HEADING: {
			struct seg s = { ns, i + 1, NULL };
			size_t budget = TITLE_WAYS;

			buf_init(&title);
			title_ways(x, k, &s, &title, n->u.heading.level, site,
			    &budget);
			buf_free(&title);
			break;
		}
		case N_IF:
			for (c = 0; c < n->u.cond.len; c++) {
				for (m = 0; m < c; m++)
					push_atom(k, A_COND, n->u.cond.
					    branches[m].cond, true, NULL, 0,
					    site);
				if (n->u.cond.branches[c].cond != NULL)
					push_atom(k, A_COND, n->u.cond.
					    branches[c].cond, false, NULL, 0,
					    site);
				collect(x, k, &n->u.cond.branches[c].body, site,
				    depth);
				k->nstack = mark;
			}
			break;
		case N_SELON:
			for (c = 0; c < n->u.selon.ncases; c++) {
				push_atom(k, A_CASE, NULL, false, n, c, site);
				collect(x, k, &n->u.selon.cases[c].body, site,
				    depth);
				k->nstack = mark;
			}
			if (n->u.selon.other != NULL) {
				push_atom(k, A_CASE, NULL, false, n, SIZE_MAX,
				    site);
				collect(x, k, n->u.selon.other, site, depth);
				k->nstack = mark;
			}
			break;
		case N_LOOP:
			loop = k->in_loop;
			k->in_loop = true;
			collect(x, k, &n->u.loop.body, site, depth);
			if (n->u.loop.empty != NULL)
				collect(x, k, n->u.loop.empty, site, depth);
			k->in_loop = loop;
			break;
		case N_INCLUDE:
			occ_add(x, k, SIZE_MAX, n);
			if (n->u.include.file != NULL &&
			    depth < INCLUDE_DEPTH) {
				struct site *s = xcalloc(1, sizeof(*s));

				s->include = n;
				s->up = site;
				ptrvec_push(&k->sites, s);
				collect(x, k, &n->u.include.file->body, s,
				    depth + 1);
			}
			break;
		case N_TEXT:
		case N_LINE:
		case N_SOFTBREAK:
		case N_PARBREAK:
		case N_HARDBREAK:
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
}

/* Whether heading row R figures in variant V. */
static bool
row_in(const struct vx *x, size_t r, size_t v)
{
	size_t j;

	for (j = 0; j < x->vs[v].nheadings; j++)
		if (x->vs[v].headings[j] == r)
			return true;
	return false;
}

/* The occurrences of a row: OCC[i] for each i with MATCH; its
 * presence in each built witness in PRESENT (by witness). */
struct subject {
	const struct occ **occ;
	size_t		 n;
	const bool	*present;	/* per witness */
};

/* The disjunction, over the occurrences, of the last DEPTH atoms of
 * each that the witnesses do not all decide alike: as text into B
 * (NULL: not shown) and whether it holds exactly where the row is
 * present. */
static bool
try_depth(const struct vx *x, const struct subject *sj, size_t depth,
    struct buf *b, bool *deeper)
{
	struct ptrvec texts;
	struct buf one, t;
	size_t i, j, a, used;
	bool exact = true;

	memset(&texts, 0, sizeof(texts));
	buf_init(&one);
	buf_init(&t);
	*deeper = false;
	/* The text, each disjunct once. */
	for (i = 0; i < sj->n; i++) {
		const struct occ *o = sj->occ[i];
		size_t keep[INCLUDE_DEPTH * 4 + 8], nkeep = 0;
		bool impossible = false;

		for (a = 0; a < o->natoms; a++)
			switch (eval_atom(x, &o->atoms[a], NULL)) {
			case TV_TRUE:
				break;
			case TV_FALSE:
				impossible = true;
				break;
			case TV_UNKNOWN:
				if (nkeep < sizeof(keep) / sizeof(*keep))
					keep[nkeep++] = a;
				break;
			}
		if (impossible)
			continue;
		buf_reset(&one);
		used = nkeep < depth ? nkeep : depth;
		if (nkeep > depth)
			*deeper = true;
		for (j = nkeep - used; j < nkeep; j++) {
			buf_reset(&t);
			print_atom(&t, &o->atoms[keep[j]]);
			if (j > nkeep - used)
				buf_puts(&one, " et ");
			if (used > 1 && has_or(buf_cstr(&t)))
				buf_printf(&one, "(%s)", buf_cstr(&t));
			else
				buf_puts(&one, buf_cstr(&t));
		}
		if (used == 0)
			buf_puts(&one, "toujours");
		for (j = 0; j < texts.len; j++)
			if (strcmp(texts.items[j], buf_cstr(&one)) == 0)
				break;
		if (j == texts.len)
			ptrvec_push(&texts, xstrdup(buf_cstr(&one)));
	}
	if (texts.len == 0)
		exact = false;
	for (j = 0; j < texts.len; j++) {
		const char *s = texts.items[j];
		bool paren = texts.len > 1 && (strstr(s, " et ") != NULL ||
		    has_or(s));

		if (j > 0)
			buf_puts(b, " ou ");
		buf_printf(b, paren ? "(%s)" : "%s", s);
	}
	/* Checked on every built witness. */
	for (i = 0; i < x->nws && exact; i++) {
		const struct witness *w = &x->ws[i];
		enum tv any = TV_FALSE;

		if (w->state != W_BUILT)
			continue;
		for (j = 0; j < sj->n && any != TV_TRUE; j++) {
			const struct occ *o = sj->occ[j];
			enum tv all = TV_TRUE;
			size_t keep[INCLUDE_DEPTH * 4 + 8], nkeep = 0, from;

			for (a = 0; a < o->natoms; a++) {
				enum tv st = eval_atom(x, &o->atoms[a], NULL);

				if (st == TV_FALSE)
					all = TV_FALSE;
				else if (st == TV_UNKNOWN && nkeep <
				    sizeof(keep) / sizeof(*keep))
					keep[nkeep++] = a;
			}
			if (all == TV_FALSE)
				continue;
			from = nkeep > depth ? nkeep - depth : 0;
			for (a = from; a < nkeep && all != TV_FALSE; a++) {
				enum tv v = eval_atom(x, &o->atoms[keep[a]], w);

				if (v == TV_FALSE)
					all = TV_FALSE;
				else if (v == TV_UNKNOWN)
					all = TV_UNKNOWN;
			}
			if (all == TV_TRUE)
				any = TV_TRUE;
			else if (all == TV_UNKNOWN)
				any = TV_UNKNOWN;
		}
		if (any == TV_UNKNOWN || (any == TV_TRUE) != sj->present[i])
			exact = false;
	}
	for (j = 0; j < texts.len; j++)
		free(texts.items[j]);
	ptrvec_free(&texts);
	buf_free(&one);
	buf_free(&t);
	return exact;
}

/* Failing the template's conditions: the decisions' values under which
 * the row figures, read off the witnesses, when one decision or two
 * tell it. */
static bool
observed(const struct vx *x, const bool *present, struct buf *b)
{
	size_t k, k2, i, v, v2, n, m, nt;
	int *seen;

	for (k = 0; k < x->ndecisions; k++) {
		n = dsize(x, k);
		seen = xcalloc(n + 1, sizeof(int));	/* 1 in, 2 out, 3 both */
		for (i = 0; i < x->nws; i++)
			if (x->ws[i].state == W_BUILT)
				seen[x->ws[i].choice[k]] |= present[i] ? 1 : 2;
		for (v = 0, m = 0, nt = 0; v < n; v++) {
			m += seen[v] == 3;
			nt += seen[v] == 1;
		}
		if (m == 0 && nt > 0 && nt < n) {
			const struct dim *d = &x->dims[x->decisions[k]];
			bool pos = nt * 2 <= n;
			size_t terms = 0;

			for (v = 0; v < n; v++)
				if (seen[v] != 0 && (seen[v] == 1) == pos)
					buf_printf(b, "%s%s %s %s", terms++ > 0 ?
					    pos ? " ou " : " et " : "",
					    d->in->name, pos ? "=" : "!=",
					    d->shown[v]);
			free(seen);
			return true;
		}
		free(seen);
	}
	for (k = 0; k < x->ndecisions; k++)
		for (k2 = k + 1; k2 < x->ndecisions; k2++) {
			size_t n2 = dsize(x, k2), terms = 0;
			bool mixed = false;

			n = dsize(x, k);
			seen = xcalloc(n * n2 + 1, sizeof(int));
			for (i = 0; i < x->nws; i++)
				if (x->ws[i].state == W_BUILT)
					seen[x->ws[i].choice[k] * n2 +
					    x->ws[i].choice[k2]] |=
					    present[i] ? 1 : 2;
			for (v = 0; v < n * n2; v++)
				mixed = mixed || seen[v] == 3;
			if (mixed) {
				free(seen);
				continue;
			}
			for (v = 0; v < n; v++)
				for (v2 = 0; v2 < n2; v2++)
					if (seen[v * n2 + v2] == 1)
						buf_printf(b, "%s(%s = %s et %s = %s)",
						    terms++ > 0 ? " ou " : "",
						    x->dims[x->decisions[k]].in->name,
						    x->dims[x->decisions[k]].shown[v],
						    x->dims[x->decisions[k2]].in->name,
						    x->dims[x->decisions[k2]].shown[v2]);
			free(seen);
			return true;
		}
	return false;
}

/* The condition of the row whose occurrences are SJ: the template's
 * own, the innermost first, then with those around, as long as it
 * does not hold exactly where the row figures; else as observed. */
static void
row_condition(const struct vx *x, const struct subject *sj,
    struct cond_row *cr)
{
	struct buf b;
	size_t depth, i;
	bool deeper = true, inexact = false;

	buf_init(&b);
	for (i = 0; i < sj->n; i++)
		inexact = inexact || sj->occ[i]->inexact;
	for (depth = 1; sj->n > 0 && !inexact && deeper && depth < 64;
	    depth++) {
		buf_reset(&b);
		if (try_depth(x, sj, depth, &b, &deeper)) {
			cr->cond = buf_detach(&b);
			return;
		}
	}
	buf_reset(&b);
	cr->observed = true;
	if (!observed(x, sj->present, &b)) {
		size_t nv = 0, v;

		for (v = 0; v < x->nvs; v++)
			nv += sj->present[x->vs[v].witness];
		buf_reset(&b);
		buf_printf(&b, "dans %zu variante%s sur %zu (--matrice)", nv,
		    nv > 1 ? "s" : "", x->nvs);
	}
	cr->cond = buf_detach(&b);
}

static void
conds_free(struct conds *k)
{
	size_t i;

	for (i = 0; i < k->nocc; i++)
		free(k->occs[i].atoms);
	free(k->occs);
	for (i = 0; i < k->sites.len; i++)
		free(k->sites.items[i]);
	ptrvec_free(&k->sites);
	free(k->stack);
	for (i = 0; i < k->nrows; i++) {
		free(k->rows[i].label);
		free(k->rows[i].cond);
	}
	free(k->rows);
	for (i = 0; i < k->nkeys; i++)
		free(k->keys[i]);
	free(k->keys);
}

/* The condition of each heading row and {inclure} point that does not
 * figure in every variant. */
static void
make_conds(const struct vx *x, struct conds *k)
{
	bool *present = xcalloc(x->nws + 1, sizeof(bool));
	const struct occ **occ;
	struct subject sj;
	struct cond_row *cr;
	struct buf b;
	size_t i, j, v, nin;

	memset(k, 0, sizeof(*k));
	memset(&k->sites, 0, sizeof(k->sites));
	k->nkeys = x->nrows;
	k->keys = xcalloc(x->nrows + 1, sizeof(char *));
	for (i = 0; i < x->nrows; i++)
		k->keys[i] = title_key(x->rows[i].level, x->rows[i].title);
	collect(x, k, &x->prog->main->body, NULL, 0);
	occ = xcalloc(k->nocc + 1, sizeof(*occ));
	k->rows = xcalloc(x->nrows + x->npoints + 1, sizeof(*k->rows));
	buf_init(&b);
	for (i = 0; i < x->nrows + x->npoints; i++) {
		const struct point *p = i >= x->nrows ?
		    &x->points[i - x->nrows] : NULL;
		size_t r = i < x->nrows ? x->row_order[i] : SIZE_MAX;

		if (p != NULL && p->n->kind != N_INCLUDE)
			continue;
		cr = &k->rows[k->nrows++];
		if (p == NULL) {
			cr->label = xstrdup(x->rows[r].title);
			cr->level = x->rows[r].level;
		} else {
			const char *path = p->n->loc.src != NULL ?
			    p->n->loc.src->path : "?";
			const char *base = strrchr(path, '/');

			buf_reset(&b);
			buf_printf(&b, "clause « %s » (%s:%d)",
			    p->n->u.include.path, base != NULL ? base + 1 :
			    path, p->n->loc.line);
			cr->label = xstrdup(buf_cstr(&b));
		}
		for (v = 0, nin = 0; v < x->nvs; v++)
			nin += p == NULL ? row_in(x, r, v) :
			    include_taken(&x->vs[v], p);
		cr->always = nin == x->nvs;
		cr->never = nin == 0;
		if (cr->always || cr->never)
			continue;
		for (j = 0; j < x->nws; j++)
			present[j] = x->ws[j].state == W_BUILT && (p == NULL ?
			    row_in(x, r, x->ws[j].variant) :
			    include_taken(&x->vs[x->ws[j].variant], p));
		sj.n = 0;
		for (j = 0; j < k->nocc; j++)
			if (p == NULL ? k->occs[j].row == r :
			    k->occs[j].include == p->n)
				occ[sj.n++] = &k->occs[j];
		sj.occ = occ;
		sj.present = present;
		row_condition(x, &sj, cr);
	}
	buf_free(&b);
	free(occ);
	free(present);
}

#define SCREEN	100	/* columns of the summary report */

/* TEXT wrapped at SCREEN columns at its spaces (not its no-break
 * ones), the first line after FIRST columns already on it, the others
 * indented by INDENT. */
static void
wrap(struct buf *b, const char *text, size_t first, size_t indent)
{
	size_t col = first, i, wl, n;
	const char *p = text, *sp;
	bool start = true;

	while (*p != '\0') {
		sp = strchr(p, ' ');
		wl = sp != NULL ? (size_t)(sp - p) : strlen(p);
		n = utf8_count(p, wl);
		if (!start && col + 1 + n > SCREEN) {
			buf_putc(b, '\n');
			for (i = 0; i < indent; i++)
				buf_putc(b, ' ');
			col = indent;
		} else if (!start) {
			buf_putc(b, ' ');
			col++;
		}
		buf_put(b, p, wl);
		col += n;
		start = false;
		p += wl;
		while (*p == ' ')
			p++;
	}
	buf_putc(b, '\n');
}

#define NB	"\u00a0"	/* before : ; ! ? */

static const char *
plural(size_t n)
{
	return n > 1 ? "s" : "";
}

/* M, "dossier/f.lgc:93:1 : texte [exigence]", as "f.lgc:93" NB ":
 * texte": the file's name is enough beside the template. */
static void
short_message(struct buf *b, const char *m)
{
	const char *sep = strstr(m, " : "), *slash, *colon, *end;
	size_t len = strlen(m);

	if (len > 11 && strcmp(m + len - 11, " [exigence]") == 0)
		len -= 11;
	if (sep == NULL || (size_t)(sep - m) > len) {
		buf_put(b, m, len);
		return;
	}
	for (slash = sep; slash > m && slash[-1] != '/'; slash--)
		;
	for (colon = sep; colon > slash && colon[-1] != ':'; colon--)
		;
	/* Without the column: "f.lgc:93". */
	end = colon > slash && colon - 1 > slash ? colon - 1 : sep;
	buf_put(b, slash, (size_t)(end - slash));
	buf_puts(b, NB ": ");
	buf_put(b, sep + 3, len - (size_t)(sep + 3 - m));
}

/* The refused witnesses, one line per exiger's message: how many, the
 * message, and the decisions the exigers read that all of them share. */
static void
print_refused(struct buf *b, const struct vx *x)
{
	bool *done = xcalloc(x->nws + 1, sizeof(bool));
	struct buf t;
	size_t i, j, k, r, n, shared;

	buf_init(&t);
	for (i = 0; i < x->nws; i++) {
		if (x->ws[i].state != W_REFUSED || done[i])
			continue;
		for (j = i, n = 0; j < x->nws; j++)
			if (x->ws[j].state == W_REFUSED && !done[j] &&
			    strcmp(x->ws[j].message, x->ws[i].message) == 0) {
				done[j] = true;
				n++;
			}
		buf_reset(&t);
		buf_printf(&t, "%zu" NB "× ", n);
		short_message(&t, x->ws[i].message);
		buf_puts(b, "  ");
		wrap(b, buf_cstr(&t), 2, 6);
		buf_reset(&t);
		for (k = 0, shared = 0; k < x->ndecisions; k++) {
			const struct dim *d = &x->dims[x->decisions[k]];
			bool read = false, same = true;

			for (r = 0; r < x->rules.len; r++)
				read = read || x->rules.v[r] == x->decisions[k];
			for (j = i; j < x->nws && read && same; j++)
				if (x->ws[j].state == W_REFUSED &&
				    strcmp(x->ws[j].message, x->ws[i].message) ==
				    0)
					same = x->ws[j].choice[k] ==
					    x->ws[i].choice[k];
			if (!read || !same)
				continue;
			buf_printf(&t, "%s%s = %s", shared++ > 0 ? ", " : "",
			    d->in->name, d->shown[x->ws[i].choice[k]]);
		}
		if (shared > 0) {
			char *s = xasprintf("%s%s", n > 1 ? "toutes avec " :
			    "avec ", buf_cstr(&t));

			buf_puts(b, "      ");
			wrap(b, s, 6, 6);
			free(s);
		}
	}
	buf_free(&t);
	free(done);
}

/* The decisions on a few lines, after how many combinations they make
 * and how the witnesses cover them: their names, by number of values. */
static void
print_decision_names(struct buf *b, const struct vx *x)
{
	struct buf t;
	size_t k, n, most = 0, count;

	buf_init(&t);
	if (x->ndecisions == 0) {
		buf_puts(b, "Aucune décision" NB ": le modèle ne teste aucune "
		    "donnée du client.\n");
		buf_free(&t);
		return;
	}
	buf_printf(&t, "%zu décision%s, ", x->ndecisions,
	    plural(x->ndecisions));
	print_space(&t, x);
	buf_printf(&t, " combinaison%s", x->space > 1 ? "s" : "");
	if (x->exhaustive)
		buf_puts(&t, ", chacune essayée par un témoin");
	else {
		buf_printf(&t, "" NB "; au-delà de --max %zu, %zu témoins "
		    "couvrent chaque paire de valeurs de deux décisions",
		    x->max, x->nws);
		if (x->capped)
			buf_printf(&t, " (couverture incomplète" NB ": arrêtée "
			    "à %d témoins)", WITNESS_CAP);
		if (x->open_pairs > 0)
			buf_printf(&t, "" NB "; %zu paire%s de valeurs sans "
			    "témoin construit (refusée%s par une exigence)",
			    x->open_pairs, plural(x->open_pairs),
			    plural(x->open_pairs));
	}
	buf_puts(&t, "" NB ":");
	wrap(b, buf_cstr(&t), 0, 2);
	for (k = 0; k < x->ndecisions; k++)
		most = dsize(x, k) > most ? dsize(x, k) : most;
	for (n = 2; n <= most; n++) {
		buf_reset(&t);
		for (k = 0, count = 0; k < x->ndecisions; k++)
			if (dsize(x, k) == n)
				buf_printf(&t, "%s%s", count++ > 0 ? ", " : "",
				    x->dims[x->decisions[k]].in->name);
		if (count == 0)
			continue;
		buf_printf(b, "  à %zu valeurs" NB ": ", n);
		wrap(b, buf_cstr(&t), 16 + (n >= 10), 4);
	}
	buf_free(&t);
}

static bool
is_operator(const char *s, size_t len)
{
	static const char *const ops[] = { "=", "!=", "<", ">", "<=", ">=",
	    "non" };
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(*ops); i++)
		if (strlen(ops[i]) == len && strncmp(s, ops[i], len) == 0)
			return true;
	return false;
}

/* Appends condition C, the spaces around its comparisons (and after a
 * "non") as \x02, which wrap() does not break at: a line breaks at "et"
 * or "ou", never inside "moyen_paiement = carte". */
static void
glue_comparisons(struct buf *b, const char *c)
{
	const char *p = c, *sp;
	size_t len;
	bool first = true, prev_op = false, op;

	while (*p != '\0') {
		sp = strchr(p, ' ');
		len = sp != NULL ? (size_t)(sp - p) : strlen(p);
		op = is_operator(p, len);
		if (!first)
			buf_putc(b, op || prev_op ? '\x02' : ' ');
		buf_put(b, p, len);
		prev_op = op;
		first = false;
		p += len;
		while (*p == ' ')
			p++;
	}
}

/* The report that fits a screen: the count of contracts and what was
 * proven, the decisions by name, the refused combinations by message,
 * every failure and unreachable branch, and each article or clause that
 * does not figure in every contract with the condition under which it
 * does. */
static void
print_resume(struct buf *b, const struct vx *x)
{
	struct conds k;
	struct buf t;
	size_t i, nbuilt = 0, nh = 0, nc = 0, lw = 0, w, col, shown = 0, at;

	buf_init(&t);
	buf_printf(b, "Variantes de « %s »\n\n", x->prog->main->src != NULL ?
	    x->prog->main->src->path : x->prog->main->path);
	for (i = 0; i < x->nws; i++)
		nbuilt += x->ws[i].state == W_BUILT;
	if (x->nvs == 0)
		buf_puts(&t, "Ce modèle ne produit aucun contrat" NB ";");
	else if (x->nvs == 1)
		buf_puts(&t, "Ce modèle produit un seul contrat, de structure "
		    "fixe" NB ";");
	else
		/* Past --max only the witnesses' variants are known: the
		 * combinations not tried may give more. */
		buf_printf(&t, "Ce modèle produit %s%zu contrats de structure "
		    "différente" NB ";", x->exhaustive ? "" : "au moins ",
		    x->nvs);
	buf_printf(&t, " %zu témoin%s construit%s", nbuilt, plural(nbuilt),
	    plural(nbuilt));
	if (x->failed == 0)
		buf_puts(&t, nbuilt > 1 ? ", tous sans erreur" :
		    " sans erreur");
	else
		buf_printf(&t, ", %zu en échec (ci-dessous)", x->failed);
	buf_puts(&t, NB ";");
	if (x->nrefused > 0)
		buf_printf(&t, " %zu combinaison%s refusée%s par une "
		    "exigence" NB ";", x->nrefused, plural(x->nrefused),
		    plural(x->nrefused));
	if (x->failed > 0)
		buf_puts(&t, " branches non examinées, des témoins étant en "
		    "échec.");
	else if (x->findings.len == 0)
		buf_puts(&t, " aucune branche impossible ni toujours prise.");
	else
		buf_printf(&t, " %zu branche%s impossible%s ou toujours "
		    "prise%s (ci-dessous).", x->findings.len,
		    plural(x->findings.len), plural(x->findings.len),
		    plural(x->findings.len));
	wrap(b, buf_cstr(&t), 0, 0);
	buf_putc(b, '\n');
	print_decision_names(b, x);
	if (x->nrefused > 0) {
		buf_printf(b, "\nCombinaison%s refusée%s par une exigence" NB
		    ": %zu\n", plural(x->nrefused), plural(x->nrefused),
		    x->nrefused);
		print_refused(b, x);
	}
	if (x->failed > 0) {
		buf_printf(b, "\nTémoin%s en échec" NB ": %zu\n",
		    plural(x->failed), x->failed);
		for (i = 0; i < x->nws; i++)
			if (x->ws[i].state == W_FAILED) {
				buf_reset(&t);
				buf_printf(&t, "témoin %zu (", i + 1);
				describe_witness(&t, x, &x->ws[i], " = ", ", ");
				buf_printf(&t, ")" NB ": %s", x->ws[i].message);
				buf_puts(b, "  ");
				wrap(b, buf_cstr(&t), 2, 4);
			}
	}
	if (x->findings.len > 0 || x->unproven.len > 0 ||
	    x->prog->main->nparams > 0) {
		buf_puts(b, "\nBranches" NB ":\n");
		if (x->prog->main->nparams > 0) {
			buf_puts(b, "  ");
			wrap(b, "ce fichier est une clause" NB ": les branches "
			    "qui lisent ses paramètres dépendent du modèle qui "
			    "l'inclut et sont examinées avec lui (lgc variantes "
			    "MODÈLE)", 2, 4);
		}
		for (i = 0; i < x->findings.len; i++) {
			buf_puts(b, "  ");
			wrap(b, x->findings.items[i], 2, 4);
		}
		if (x->unproven.len > 0)
			buf_printf(b, "  non vues par les témoins, sans preuve "
			    "qu'elles soient impossibles (%zu)" NB ":\n",
			    x->unproven.len);
		for (i = 0; i < x->unproven.len; i++) {
			buf_puts(b, "    ");
			wrap(b, x->unproven.items[i], 4, 6);
		}
	}
	make_conds(x, &k);
	for (i = 0; i < k.nrows; i++) {
		const struct cond_row *cr = &k.rows[i];

		if (cr->always) {
			nh += cr->level > 0;
			nc += cr->level == 0;
			continue;
		}
		if (cr->never)
			continue;
		w = utf8_count(cr->label, strlen(cr->label));
		lw = w > lw ? w : lw;
		shown++;
	}
	lw = lw > 52 ? 52 : lw;
	if (shown > 0)
		buf_puts(b, "\nArticles et clauses selon le cas, avec la "
		    "condition sous laquelle chacun figure" NB ":\n");
	for (i = 0; i < k.nrows; i++) {
		const struct cond_row *cr = &k.rows[i];

		if (cr->always || cr->never)
			continue;
		buf_puts(b, "  ");
		put_cell(b, cr->label, lw, lw);
		buf_puts(b, "  ");
		col = 2 + lw + 2;
		buf_reset(&t);
		if (cr->observed)
			buf_puts(&t, "d’après les témoins" NB ": ");
		glue_comparisons(&t, cr->cond);
		at = b->len;
		wrap(b, buf_cstr(&t), col, col + 2);
		for (; at < b->len; at++)
			if (b->data[at] == '\x02')
				b->data[at] = ' ';
	}
	buf_putc(b, '\n');
	if (nh > 0)
		buf_printf(b, "%zu article%s", nh, plural(nh));
	if (nh > 0 && nc > 0)
		buf_puts(b, " et ");
	if (nc > 0)
		buf_printf(b, "%zu clause%s", nc, plural(nc));
	if (nh + nc == 0)
		buf_puts(b, "Aucun article ni aucune clause ne figure");
	else
		buf_puts(b, nh + nc > 1 ? " figurent" : " figure");
	buf_puts(b, " dans tous les contrats (matrice complète" NB
	    ": --matrice).\n");
	conds_free(&k);
	buf_free(&t);
}

/* The decisions of W that the exigers read ("" when they read none),
 * or those where W differs from BASE (when not NULL): what a reader
 * needs of a long list. */
static void
describe_some(struct buf *b, const struct vx *x, const struct witness *w,
    const struct witness *base)
{
	size_t k, i, n = 0;

	for (k = 0; k < x->ndecisions; k++) {
		const struct dim *d = &x->dims[x->decisions[k]];
		bool show = false;

		if (base != NULL)
			show = base->choice[k] != w->choice[k];
		else
			for (i = 0; i < x->rules.len && !show; i++)
				show = x->rules.v[i] == x->decisions[k];
		if (!show)
			continue;
		buf_printf(b, "%s%s = %s", n++ > 0 ? ", " : "", d->in->name,
		    d->shown[w->choice[k]]);
	}
	if (n == 0)
		buf_puts(b, base != NULL ? "comme V1" : "aucune décision lue "
		    "par les exigences");
}

static void
print_texte(struct buf *b, const struct vx *x)
{
	struct table t;
	size_t i, k;

	buf_printf(b, "Variantes de « %s »\n\n", x->prog->main->src != NULL ?
	    x->prog->main->src->path : x->prog->main->path);
	buf_printf(b, "Décisions : %zu (", x->ndecisions);
	print_space(b, x);
	buf_printf(b, " combinaison%s)\n", x->space > 1 ? "s" : "");
	for (k = 0; k < x->ndecisions; k++) {
		const struct dim *d = &x->dims[x->decisions[k]];
		struct buf tn;

		buf_init(&tn);
		type_name(&tn, d->in->type);
		buf_printf(b, "  %s (%s) :", d->in->name, buf_cstr(&tn));
		for (i = 0; i < d->n; i++)
			buf_printf(b, "%s %s", i > 0 ? "," : "", d->shown[i]);
		buf_putc(b, '\n');
		buf_free(&tn);
	}
	buf_puts(b, "Témoins : ");
	print_coverage(b, x);
	buf_puts(b, "\n");
	buf_printf(b, "Variantes distinctes : %s%zu\n", x->exhaustive ? "" :
	    "au moins ", x->nvs);
	buf_printf(b, "Combinaisons refusées par une exigence : %zu\n",
	    x->nrefused);
	/* A refused witness by the decisions the exigers read. */
	for (i = 0; i < x->nws; i++)
		if (x->ws[i].state == W_REFUSED) {
			buf_printf(b, "  témoin %zu (", i + 1);
			describe_some(b, x, &x->ws[i], NULL);
			buf_printf(b, ") : %s\n", x->ws[i].message);
		}
	buf_printf(b, "Témoins en échec : %zu\n", x->failed);
	for (i = 0; i < x->nws; i++)
		if (x->ws[i].state == W_FAILED) {
			buf_printf(b, "  témoin %zu (", i + 1);
			describe_witness(b, x, &x->ws[i], " = ", ", ");
			buf_printf(b, ") : %s\n", x->ws[i].message);
		}
	if (x->nvs > 0) {
		buf_putc(b, '\n');
		make_table(x, &t);
		print_table(b, &t);
		table_free(&t);
	}
	buf_puts(b, "\nVariantes :\n");
	for (i = 0; i < x->nvs; i++) {
		buf_printf(b, "  V%zu (%zu témoin%s, n° %zu) : ", i + 1,
		    x->vs[i].count, x->vs[i].count > 1 ? "s" : "",
		    x->vs[i].witness + 1);
		if (i == 0)
			describe_witness(b, x, &x->ws[x->vs[i].witness],
			    " = ", ", ");
		else {
			buf_puts(b, "V1, sauf ");
			describe_some(b, x, &x->ws[x->vs[i].witness],
			    &x->ws[x->vs[0].witness]);
		}
		buf_putc(b, '\n');
	}
	buf_puts(b, "\nBranches :\n");
	if (x->prog->main->nparams > 0)
		buf_puts(b, "  ce fichier est une clause : les branches qui lisent "
		    "ses paramètres dépendent du modèle qui l'inclut et sont "
		    "examinées avec lui (lgc variantes MODÈLE)\n");
	if (x->failed > 0)
		buf_puts(b, "  non examinées : des témoins sont en échec\n");
	else if (x->findings.len == 0)
		buf_puts(b, "  aucune branche impossible ni toujours prise\n");
	for (i = 0; i < x->findings.len; i++)
		buf_printf(b, "  %s\n", (const char *)x->findings.items[i]);
	if (x->unproven.len > 0) {
		buf_printf(b, "  non vues par les témoins, sans preuve "
		    "qu'elles soient impossibles (%zu) :\n", x->unproven.len);
		for (i = 0; i < x->unproven.len; i++)
			buf_printf(b, "    %s\n",
			    (const char *)x->unproven.items[i]);
	}
}

static json_t *
decisions_json(const struct vx *x, const struct witness *w)
{
	json_t *o = json_object();
	size_t k;

	for (k = 0; k < x->ndecisions; k++) {
		const struct dim *d = &x->dims[x->decisions[k]];

		json_object_set_new(o, d->in->name,
		    json_string(d->shown[w->choice[k]]));
	}
	return o;
}

static const char *
state_name(enum wstate s)
{
	switch (s) {
	case W_BUILT:
		return "construit";
	case W_REFUSED:
		return "refuse";
	case W_FAILED:
		return "echec";
	}
	return "echec";
}

static void
print_json(struct buf *b, const struct vx *x)
{
	json_t *o = json_object(), *a, *e, *vals;
	struct table t;
	struct conds k;
	size_t i, n, j, c;
	char *text;

	json_object_set_new(o, "modele", json_string(x->prog->main->src !=
	    NULL ? x->prog->main->src->path : x->prog->main->path));
	a = json_array();
	for (n = 0; n < x->ndecisions; n++) {
		const struct dim *d = &x->dims[x->decisions[n]];
		struct buf tn;

		buf_init(&tn);
		type_name(&tn, d->in->type);
		e = json_object();
		json_object_set_new(e, "nom", json_string(d->in->name));
		json_object_set_new(e, "type", json_string(buf_cstr(&tn)));
		vals = json_array();
		for (i = 0; i < d->n; i++)
			json_array_append_new(vals, json_string(d->shown[i]));
		json_object_set_new(e, "valeurs", vals);
		json_array_append_new(a, e);
		buf_free(&tn);
	}
	json_object_set_new(o, "decisions", a);
	json_object_set_new(o, "combinaisons", x->space == UINT64_MAX ?
	    json_null() : json_integer((json_int_t)x->space));
	json_object_set_new(o, "couverture", json_string(x->exhaustive ?
	    "toutes" : "paires"));
	json_object_set_new(o, "couverture_complete", json_boolean(!x->capped));
	json_object_set_new(o, "paires_sans_temoin",
	    json_integer((json_int_t)x->open_pairs));
	json_object_set_new(o, "variantes", json_integer((json_int_t)x->nvs));
	json_object_set_new(o, "refusees", json_integer((json_int_t)x->nrefused));
	json_object_set_new(o, "echecs", json_integer((json_int_t)x->failed));
	a = json_array();
	for (i = 0; i < x->nws; i++) {
		const struct witness *w = &x->ws[i];
		json_t *data = json_loads(w->json, 0, NULL);

		e = json_object();
		json_object_set_new(e, "numero", json_integer((json_int_t)i + 1));
		json_object_set_new(e, "decisions", decisions_json(x, w));
		json_object_set_new(e, "donnees", data != NULL ? data :
		    json_null());
		json_object_set_new(e, "etat", json_string(state_name(w->state)));
		if (w->state == W_BUILT)
			json_object_set_new(e, "variante",
			    json_integer((json_int_t)w->variant + 1));
		else
			json_object_set_new(e, "message",
			    json_string(w->message));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "temoins", a);
	make_table(x, &t);
	make_conds(x, &k);
	a = json_array();
	for (i = 0, c = 0; i < t.len; i++) {
		const struct row *r = &t.rows[i];
		const struct cond_row *cr;

		if (r->head == NULL || (i > 0 && x->ndecisions > 0 &&
		    i <= x->ndecisions))
			continue;
		/* The articles, then the clauses, as make_conds has them. */
		cr = c < k.nrows ? &k.rows[c++] : NULL;
		e = json_object();
		json_object_set_new(e, "texte", json_string(r->head));
		json_object_set_new(e, "niveau", json_integer((json_int_t)
		    r->indent));
		if (cr != NULL)
			json_object_set_new(e, "genre", json_string(
			    cr->level > 0 ? "article" : "clause"));
		if (cr != NULL && cr->cond != NULL) {
			json_object_set_new(e, "condition",
			    json_string(cr->cond));
			json_object_set_new(e, "condition_observee",
			    json_boolean(cr->observed));
		} else if (cr != NULL && cr->always)
			json_object_set_new(e, "condition", json_string(
			    "toujours"));
		vals = json_array();
		for (j = 0; j < t.ncols; j++)
			if (strcmp(r->cells[j], "✓") == 0)
				json_array_append_new(vals,
				    json_integer((json_int_t)j + 1));
		json_object_set_new(e, "variantes", vals);
		json_array_append_new(a, e);
	}
	table_free(&t);
	conds_free(&k);
	json_object_set_new(o, "matrice", a);
	a = json_array();
	for (i = 0; i < x->findings.len; i++)
		json_array_append_new(a, json_string(x->findings.items[i]));
	json_object_set_new(o, "branches", a);
	a = json_array();
	for (i = 0; i < x->unproven.len; i++)
		json_array_append_new(a, json_string(x->unproven.items[i]));
	json_object_set_new(o, "non_prouvees", a);
	text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	buf_puts(b, text != NULL ? text : "{}");
	buf_putc(b, '\n');
	free(text);
	json_decref(o);
}

static void
html_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&#39;");
			break;
		default:
			buf_putc(b, *s);
		}
}

static void
print_html(struct buf *b, const struct vx *x)
{
	struct table t;
	size_t i, j;
	const char *path = x->prog->main->src != NULL ?
	    x->prog->main->src->path : x->prog->main->path;

	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>Variantes de ");
	html_text(b, path);
	buf_puts(b, "</title>\n<style>\n"
	    "body{font-family:sans-serif;margin:2em}\n"
	    "table{border-collapse:collapse}\n"
	    "th,td{border:1px solid #ccc;padding:.2em .5em;text-align:center}\n"
	    "th.l,td.l{text-align:left}\n"
	    "tr.s th{background:#eee;text-align:left}\n"
	    "td.o{color:#070}td.n{color:#bbb}\n"
	    "</style>\n</head>\n<body>\n<h1>Variantes de ");
	html_text(b, path);
	buf_printf(b, "</h1>\n<p>%zu variante%s distincte%s ; ", x->nvs,
	    x->nvs > 1 ? "s" : "", x->nvs > 1 ? "s" : "");
	{
		struct buf c;

		buf_init(&c);
		print_coverage(&c, x);
		html_text(b, buf_cstr(&c));
		buf_free(&c);
	}
	buf_printf(b, " ; %zu refusée%s par une exigence ; %zu en échec.</p>\n",
	    x->nrefused, x->nrefused > 1 ? "s" : "", x->failed);
	make_table(x, &t);
	buf_puts(b, "<table>\n<thead><tr><th class=\"l\"></th>");
	for (j = 0; j < t.ncols; j++)
		buf_printf(b, "<th>V%zu</th>", j + 1);
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < t.len; i++) {
		const struct row *r = &t.rows[i];

		if (r->head == NULL) {
			buf_printf(b, "<tr class=\"s\"><th colspan=\"%zu\">",
			    t.ncols + 1);
			html_text(b, r->cells[0]);
			buf_puts(b, "</th></tr>\n");
			continue;
		}
		buf_printf(b, "<tr><td class=\"l\" style=\"padding-left:%zuem\">",
		    r->indent);
		html_text(b, r->head);
		buf_puts(b, "</td>");
		for (j = 0; j < t.ncols; j++) {
			const char *c = r->cells[j];

			buf_printf(b, "<td%s>", strcmp(c, "✓") == 0 ?
			    " class=\"o\"" : strcmp(c, "·") == 0 ?
			    " class=\"n\"" : "");
			html_text(b, c);
			buf_puts(b, "</td>");
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
	table_free(&t);
	if (x->nrefused + x->failed > 0) {
		buf_puts(b, "<h2>Témoins refusés ou en échec</h2>\n<ul>\n");
		for (i = 0; i < x->nws; i++) {
			struct buf c;

			if (x->ws[i].state == W_BUILT)
				continue;
			buf_init(&c);
			buf_printf(&c, "témoin %zu (", i + 1);
			describe_witness(&c, x, &x->ws[i], " = ", ", ");
			buf_printf(&c, ") %s : %s", x->ws[i].state == W_REFUSED ?
			    "refusé par une exigence" : "en échec",
			    x->ws[i].message);
			buf_puts(b, "<li>");
			html_text(b, buf_cstr(&c));
			buf_puts(b, "</li>\n");
			buf_free(&c);
		}
		buf_puts(b, "</ul>\n");
	}
	buf_puts(b, "<h2>Branches</h2>\n<ul>\n");
	if (x->findings.len == 0 && x->failed == 0)
		buf_puts(b, "<li>aucune branche impossible ni toujours "
		    "prise</li>\n");
	for (i = 0; i < x->findings.len; i++) {
		buf_puts(b, "<li>");
		html_text(b, x->findings.items[i]);
		buf_puts(b, "</li>\n");
	}
	for (i = 0; i < x->unproven.len; i++) {
		buf_puts(b, "<li>non vue, sans preuve : ");
		html_text(b, x->unproven.items[i]);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n</body>\n</html>\n");
}

/* ------------------------------------------------------------------ */
/* The whole                                                          */

static void
vx_free(struct vx *x)
{
	size_t i, j;

	for (i = 0; x->dims != NULL && i < x->prog->inputs.len; i++) {
		struct dim *d = &x->dims[i];

		for (j = 0; j < d->ncuts; j++)
			value_free(&d->cuts[j]);
		free(d->cuts);
		for (j = 0; j < d->n; j++) {
			json_decref(d->values[j]);
			free(d->shown[j]);
			if (d->has[j])
				value_free(&d->vals[j]);
		}
		free(d->values);
		free(d->shown);
		free(d->vals);
		free(d->has);
	}
	free(x->dims);
	free(x->decisions);
	for (i = 0; i < x->npoints; i++) {
		free(x->points[i].path.v);
		for (j = 0; j < x->points[i].nown; j++)
			free(x->points[i].own[j].v);
		free(x->points[i].own);
	}
	free(x->points);
	free(x->order);
	for (i = 0; i < x->nws; i++) {
		free(x->ws[i].choice);
		free(x->ws[i].json);
		free(x->ws[i].message);
	}
	free(x->ws);
	free(x->taken);
	free(x->seen);
	for (i = 0; i < x->nvs; i++) {
		free(x->vs[i].outcomes);
		free(x->vs[i].headings);
	}
	free(x->vs);
	strmap_free(&x->by_sig);
	for (i = 0; i < x->sigs.len; i++)
		free(x->sigs.items[i]);
	ptrvec_free(&x->sigs);
	for (i = 0; i < x->nrows; i++) {
		free(x->rows[i].key);
		free(x->rows[i].title);
	}
	free(x->rows);
	free(x->row_order);
	for (i = 0; i < x->findings.len; i++)
		free(x->findings.items[i]);
	ptrvec_free(&x->findings);
	for (i = 0; i < x->unproven.len; i++)
		free(x->unproven.items[i]);
	ptrvec_free(&x->unproven);
	free(x->rules.v);
}

/* The decisions: the inputs read by a condition whose values the
 * template tells apart, in declaration order. */
static void
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

static void
variants_run(lgc_compiler *c, const lgc_variantes_options *o, char **out,
    size_t *len)
{
	struct vx x;
	struct buf b;
	const char *format = o != NULL && o->format != NULL ? o->format :
	    "texte";
	lgc_variantes_options defaults;
	size_t i;

	if (o == NULL) {
		memset(&defaults, 0, sizeof(defaults));
		o = &defaults;
	}
	memset(&x, 0, sizeof(x));
	x.c = c;
	x.prog = api_program(c);
	x.ds = api_diags(c);
	x.max = o->max == 0 ? DEFAULT_MAX : o->max > WITNESS_CAP ?
	    WITNESS_CAP : o->max;
	find_decisions(&x);
	index_points(&x);
	x.exhaustive = x.space <= x.max;
	if (x.exhaustive)
		enumerate_all(&x);
	else if (x.ndecisions == 1) {
		/* One decision of more values than --max: each value is
		 * its own pair. */
		enumerate_all(&x);
		x.exhaustive = x.nws == x.space;
		x.pairwise = true;
		x.capped = x.nws < x.space;
	} else {
		enumerate_pairs(&x);
		x.pairwise = true;
	}
	x.capped = x.capped || (x.exhaustive && x.nws < x.space);
	if (o->write_dir != NULL && mkdir(o->write_dir, 0777) != 0 &&
	    errno != EEXIST)
		lgc_report_file(c, "entree-sortie", o->write_dir,
		    "impossible de créer le dossier : %s", lgc_strerror(errno));
	else
		run_witnesses(&x, o);
	check_points(&x);
	for (i = 0; i < x.nws; i++)
		if (x.ws[i].state == W_FAILED) {
			struct loc whole;
			struct buf w;

			buf_init(&w);
			buf_printf(&w, "le témoin %zu (", i + 1);
			describe_witness(&w, &x, &x.ws[i], " = ", ", ");
			buf_printf(&w, ") ne se construit pas : %s",
			    x.ws[i].message);
			/* About the whole template: line 0. */
			memset(&whole, 0, sizeof(whole));
			whole.src = x.prog->main->src;
			diag(x.ds, E_VARIANT_FAILS, whole.src != NULL ? &whole :
			    NULL, buf_cstr(&w));
			buf_free(&w);
		}
	if (out != NULL) {
		buf_init(&b);
		if (strcmp(format, "json") == 0)
			print_json(&b, &x);
		else if (strcmp(format, "html") == 0)
			print_html(&b, &x);
		else if (o->full_matrix)
			print_texte(&b, &x);
		else
			print_resume(&b, &x);
		if (len != NULL)
			*len = b.len;
		*out = buf_detach(&b);
	}
	vx_free(&x);
}

int
lgc_variantes(lgc_compiler *c, const lgc_variantes_options *o, char **out,
    size_t *len)
{
	const struct program *prog = api_program(c);
	struct diags *ds = api_diags(c);
	int errors = diags_count(ds, SEV_ERROR);
	int fatals = diags_count(ds, SEV_FATAL);
	const char *format = o != NULL ? o->format : NULL;

	if (out != NULL)
		*out = NULL;
	if (len != NULL)
		*len = 0;
	if (prog == NULL)
		return lgc_report(c, "usage", "aucun modèle chargé");
	if (format != NULL && strcmp(format, "texte") != 0 &&
	    strcmp(format, "json") != 0 && strcmp(format, "html") != 0)
		return lgc_report(c, "usage", "format « %s » inconnu pour les "
		    "variantes (texte, json ou html)", format);
	if (o != NULL && o->write_dir != NULL && o->write_format != NULL &&
	    extension_of(c, o->write_format) == NULL)
		return lgc_report(c, "usage", "format « %s » inconnu pour "
		    "--ecrire", o->write_format);
	if (prog->failed) {
		diags_flush(ds);
		return LGC_ERRORS;
	}
	/* The command enables every warning of its own; lgc check
	 * -Wvariantes-… (OUT NULL) those it names. */
	if (out != NULL)
		diags_enable(ds, "variantes");
	variants_run(c, o, out, len);
	diags_flush(ds);
	if (diags_count(ds, SEV_FATAL) > fatals)
		return LGC_FATAL;
	return diags_count(ds, SEV_ERROR) > errors ? LGC_ERRORS : LGC_OK;
}
