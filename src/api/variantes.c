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

static void
dim_push(struct dim *d, json_t *j, const char *shown)
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
	d->values[d->n] = j;
	d->shown[d->n] = xstrdup(shown);
	d->n++;
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
	dim_push(d, schema_value_json(v), buf_cstr(&b));
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

	buf_init(&b);
	switch (t->kind) {
	case T_BOOLEEN:
		dim_push(d, json_false(), "faux");
		dim_push(d, json_true(), "vrai");
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
			dim_push(d, json_string(t->values[i].name),
			    t->values[i].name);
		}
		break;
	case T_TEXTE:
		/* The libellé as sample text: shown as « rempli », the
		 * witness's data holding the text itself. */
		j = sample(t, c, in->label != NULL ? in->label : in->name, 0);
		dim_push(d, j, "rempli");
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
				if (!allowed(c, &v)) {
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
		dim_push(d, NULL, "absent");
	else if (in->optional && in->def == NULL && d->presence) {
		dim_push(d, sample(t, c, in->label != NULL ? in->label :
		    in->name, 0), "présent");
		dim_push(d, NULL, "absent");
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
	buf_printf(b, "Variantes distinctes : %zu\n", x->nvs);
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
	size_t i, k, j;
	char *text;

	json_object_set_new(o, "modele", json_string(x->prog->main->src !=
	    NULL ? x->prog->main->src->path : x->prog->main->path));
	a = json_array();
	for (k = 0; k < x->ndecisions; k++) {
		const struct dim *d = &x->dims[x->decisions[k]];
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
	a = json_array();
	for (i = 0; i < t.len; i++) {
		const struct row *r = &t.rows[i];

		if (r->head == NULL || (i > 0 && x->ndecisions > 0 &&
		    i <= x->ndecisions))
			continue;
		e = json_object();
		json_object_set_new(e, "texte", json_string(r->head));
		json_object_set_new(e, "niveau", json_integer((json_int_t)
		    r->indent));
		vals = json_array();
		for (j = 0; j < t.ncols; j++)
			if (strcmp(r->cells[j], "✓") == 0)
				json_array_append_new(vals,
				    json_integer((json_int_t)j + 1));
		json_object_set_new(e, "variantes", vals);
		json_array_append_new(a, e);
	}
	table_free(&t);
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
		}
		free(d->values);
		free(d->shown);
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
		else
			print_texte(&b, &x);
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
