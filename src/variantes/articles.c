/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The condition of each article and clause (lgc variantes), for the
 * one-screen report and the JSON: for each heading and {inclure} not in
 * every variant, the {si}/{selon} around it (and those in a heading's
 * own line that write its title), walked with each clause's parameters
 * bound to its {inclure}'s arguments (collect); those the witnesses all
 * decide alike folded away, printed in the template's names, the
 * innermost first and then with those around until it holds on every
 * built witness exactly where the heading is (try_depth, a three-valued
 * reading of the conditions over the witnesses' values); else the
 * decision values observed. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/source.h"
#include "base/util.h"
#include "check/program.h"
#include "lang/types.h"
#include "syntax/ast.h"
#include "variantes/variantes.h"

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

void
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
void
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
