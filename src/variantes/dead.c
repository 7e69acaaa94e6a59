/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Unreachable branches (lgc variantes): a {si} branch no built witness
 * takes or none skips, a {cas} or an {autre} none takes, reported as a
 * warning only where that is proven — the conditions around read the
 * decisions exactly and every combination of those they read was
 * built —, else listed as not seen, without proof. */
#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/source.h"
#include "base/util.h"
#include "check/program.h"
#include "lang/types.h"
#include "syntax/ast.h"
#include "variantes/variantes.h"

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

void
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
