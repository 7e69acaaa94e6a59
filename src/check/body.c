/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The body: text, interpolations and headings, the branches of {si}
 * and {selon} (with the facts each one adds), loops, included clauses
 * and their arguments, {signatures}; the labels that headings pose,
 * with whether build.c will number them, and the references to them,
 * resolved once the whole document is seen. */
#include "check/checker.h"

#include <stdlib.h>
#include <string.h>

#include "base/source.h"
#include "base/suggest.h"

#define MAX_INCLUDE_DEPTH	16

struct pending_ref {
	const char	*name;
	struct loc	 loc;
	struct facts	*facts;
};

/* Two distinct types that read alike (a "facturation" declared here and
 * the clause library's): each description says where it was declared.
 * Returns whether they read alike. */
static bool
describe_apart(struct buf *a, const struct type *ta, struct buf *b,
    const struct type *tb)
{
	describe(a, ta);
	describe(b, tb);
	if (ta == tb || strcmp(buf_cstr(a), buf_cstr(b)) != 0 ||
	    ta->loc.src == NULL || tb->loc.src == NULL)
		return false;
	buf_printf(a, " déclaré en %s:%d", ta->loc.src->path, ta->loc.line);
	buf_printf(b, " déclaré en %s:%d", tb->loc.src->path, tb->loc.line);
	return true;
}

/* Folds together the contexts where a label is set while their union
 * is exact, until none folds: the branches of {si a}{sinon si b}{sinon}
 * end as one context, a label that exists whatever the data. */
static void
merge_label_contexts(struct label *l)
{
	bool merged = true;
	size_t i, j;

	while (merged) {
		struct facts *u;

		merged = false;
		for (i = 0; i < l->alternatives.len && !merged; i++) {
			u = facts_union(l->facts, l->alternatives.items[i]);
			if (u != NULL) {
				facts_free(l->facts);
				l->facts = u;
				facts_free(l->alternatives.items[i]);
				l->alternatives.items[i] = l->alternatives.items[
				    --l->alternatives.len];
				merged = true;
			}
			for (j = i + 1; j < l->alternatives.len && !merged; j++) {
				u = facts_union(l->alternatives.items[i],
				    l->alternatives.items[j]);
				if (u != NULL) {
					facts_free(l->alternatives.items[i]);
					l->alternatives.items[i] = u;
					facts_free(l->alternatives.items[j]);
					l->alternatives.items[j] =
					    l->alternatives.items[
					    --l->alternatives.len];
					merged = true;
				}
			}
		}
	}
}

static void
register_label(struct checker *ck, struct node *n, struct facts *k,
    enum numbered number)
{
	struct label *l;
	size_t j;

	/* Refused, but still known: its references get no second error. */
	if (ck->in_loop > 0)
		diag(ck->ds, E_LABEL_IN_LOOP, &n->u.heading.label_loc);
	if ((l = strmap_get(&ck->labels, n->u.heading.label)) != NULL) {
		bool exclusive;

		exclusive = facts_exclusive(l->facts, k);
		for (j = 0; j < l->alternatives.len && exclusive; j++)
			exclusive = facts_exclusive(l->alternatives.items[j], k);
		if (!exclusive || l->numbered != n->u.heading.numbered) {
			struct diagnostic *d = diag(ck->ds, E_DUP_LABEL,
			    &n->u.heading.label_loc, n->u.heading.label);

			diag_note(d, &l->loc, "déjà posée ici");
			return;
		}
		ptrvec_push(&l->alternatives, facts_copy(k));
		merge_label_contexts(l);
		l->number = numbered_merge(l->number, number);
		return;
	}
	l = xcalloc(1, sizeof(*l));
	l->name = n->u.heading.label;
	l->loc = n->u.heading.label_loc;
	l->numbered = n->u.heading.numbered;
	l->number = number;
	l->level = n->u.heading.level;
	l->facts = facts_copy(k);
	ptrvec_push(&ck->prog->labels, l);
	strmap_put(&ck->labels, l->name, l);
}

static void
check_if(struct checker *ck, struct node *n, struct facts *k)
{
	struct facts *rest = facts_copy(k);
	struct numbering entry = ck->numbering, after = entry;
	size_t i;

	for (i = 0; i < n->u.cond.len; i++) {
		struct branch *b = &n->u.cond.branches[i];
		struct facts *kb = facts_copy(rest);

		if (b->cond != NULL) {
			check_condition(ck, b->cond, rest);
			facts_assume(kb, b->cond, true);
			facts_assume(rest, b->cond, false);
		}
		if (facts_contradiction(kb) && !facts_contradiction(k)) {
			struct buf text;

			buf_init(&text);
			if (b->cond != NULL) {
				buf_puts(&text, "« ");
				expr_print(&text, b->cond);
				buf_puts(&text, " » ne peut pas être vrai ici");
			} else
				buf_puts(&text, "les conditions précédentes "
				    "couvrent tous les cas, « {sinon} » n'est "
				    "jamais pris");
			diag(ck->ds, W_UNREACHABLE, b->cond ? &b->cond->loc :
			    &b->loc, buf_cstr(&text));
			buf_free(&text);
		}
		ck->numbering = entry;
		check_nodes(ck, &b->body, kb);
		after = i == 0 ? ck->numbering :
		    numbering_merge(after, ck->numbering);
		facts_free(kb);
	}
	/* Without {sinon}, nothing of it may be printed. */
	if (n->u.cond.len == 0 ||
	    n->u.cond.branches[n->u.cond.len - 1].cond != NULL)
		after = numbering_merge(after, entry);
	ck->numbering = after;
	facts_free(rest);
}

/* Whether every value of case C is one "parmi" leaves out. */
static bool
case_excluded(const struct selon_case *c, const bool *excluded)
{
	size_t j;
	bool any = false;

	for (j = 0; j < c->nvalues; j++) {
		if (c->indexes[j] < 0)
			return false;
		if (!excluded[c->indexes[j]])
			return false;
		any = true;
	}
	return any;
}

static int64_t
gcd64(int64_t a, int64_t b)
{
	while (b != 0) {
		int64_t r = a % b;

		a = b;
		b = r;
	}
	return a;
}

/* A key equal for two case values exactly when value_equal holds, so
 * that a {selon} of thousands of cases finds its duplicates in a hash
 * table rather than by comparing each case with every one before.
 * False for the kinds a case cannot have (choix and booléen are
 * counted by index, lists and records refused). */
static bool
case_key(struct buf *key, const struct value *v)
{
	dec_t d;
	int64_t g, num, den;

	buf_reset(key);
	switch (v->kind) {
	case T_TEXTE:
		buf_printf(key, "t%s", v->u.text);
		return true;
	case T_ENTIER:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
		if (!value_to_dec(v, &d) || d.den == 0)
			return false;
		/* entier and décimal compare equal to each other, montant
		 * and pourcentage only to their own kind. */
		num = d.num;
		den = d.den;
		g = gcd64(num < 0 ? -num : num, den < 0 ? -den : den);
		if (g > 1) {
			num /= g;
			den /= g;
		}
		if (den < 0) {
			num = -num;
			den = -den;
		}
		buf_printf(key, "%c%lld/%lld", v->kind == T_MONTANT ? 'm' :
		    v->kind == T_POURCENTAGE ? 'p' : 'n', (long long)num,
		    (long long)den);
		return true;
	case T_DATE:
		buf_printf(key, "d%d-%d-%d", v->u.date.year, v->u.date.month,
		    v->u.date.day);
		return true;
	case T_DUREE:
		buf_printf(key, "u%d:%lld", (int)duree_unit_family(
		    v->u.duree.unit), (long long)duree_base_count(v));
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

static void
check_selon(struct checker *ck, struct node *n, struct facts *k)
{
	struct expr *subject = n->u.selon.subject;
	const struct type *t = check_expr(ck, subject, k, NULL);
	bool enumerable = !is_error(t) && (t->kind == T_CHOIX ||
	    t->kind == T_BOOLEEN);
	size_t nvalues = t->kind == T_CHOIX ? t->nvalues :
	    t->kind == T_BOOLEEN ? 2 : 0;
	bool *covered = xcalloc(nvalues + 1, sizeof(bool));
	bool *excluded = xcalloc(nvalues + 1, sizeof(bool));
	struct numbering entry = ck->numbering, after = entry;
	int *all = NULL;
	size_t nall = 0, i, j;
	struct buf b;

	struct ptrvec seen = { NULL, 0, 0 };	/* struct value *, non-choice */
	struct ptrvec keys = { NULL, 0, 0 };	/* char *, owned */
	struct strmap seen_by_key = { NULL, NULL, 0, 0 };
	struct buf key;

	buf_init(&b);
	buf_init(&key);
	/* An input restricted by "parmi" can only take those values. */
	if (t->kind == T_CHOIX && subject->kind == EX_NAME &&
	    subject->sym != NULL && subject->sym->kind == SYM_INPUT &&
	    subject->sym->input->cstr->kind == CSTR_PARMI) {
		const struct constraint *c = subject->sym->input->cstr;

		for (i = 0; i < t->nvalues; i++) {
			bool allowed = false;

			for (j = 0; j < c->nset; j++)
				allowed = allowed || (c->set[j].kind == T_CHOIX &&
				    c->set[j].u.choice == i);
			excluded[i] = !allowed;
		}
	}
	if (!is_error(t) && (t->kind == T_RECORD || t->kind == T_LISTE))
		diag(ck->ds, E_TYPE, &subject->loc, "« {selon} » porte sur une "
		    "valeur simple (choix, booléen, nombre, texte…), pas sur un "
		    "enregistrement ou une liste");
	for (i = 0; i < n->u.selon.ncases; i++) {
		struct selon_case *c = &n->u.selon.cases[i];
		struct facts *kc;

		free(c->indexes);
		c->indexes = xcalloc(c->nvalues + 1, sizeof(int));
		for (j = 0; j < c->nvalues; j++) {
			struct value v;
			int index = -1;

			c->indexes[j] = -1;
			if (is_error(t))
				continue;
			ck->nonconst = E_CASE_CONST;
			if (!const_value(ck, ck->scope, c->values[j], t, &v)) {
				ck->nonconst = E_DEFAULT_NOT_CONST;
				continue;
			}
			ck->nonconst = E_DEFAULT_NOT_CONST;
			if (t->kind == T_CHOIX)
				index = (int)v.u.choice;
			else if (t->kind == T_BOOLEEN)
				index = v.u.boolean ? 1 : 0;
			if (index < 0) {
				struct value *keep;
				size_t k;
				bool dup = false;

				if (case_key(&key, &v)) {
					const struct value *same =
					    strmap_get(&seen_by_key,
					    buf_cstr(&key));

					dup = same != NULL &&
					    value_equal(same, &v);
				} else {
					for (k = 0; k < seen.len && !dup; k++)
						dup = value_equal(seen.items[k],
						    &v);
				}
				if (dup) {
					buf_reset(&b);
					expr_print(&b, c->values[j]);
					diag(ck->ds, E_CASE_DUP, &c->values[j]->loc,
					    buf_cstr(&b));
					value_free(&v);
				} else {
					keep = xmalloc(sizeof(*keep));
					*keep = v;
					ptrvec_push(&seen, keep);
					if (case_key(&key, keep)) {
						char *owned =
						    xstrdup(buf_cstr(&key));

						ptrvec_push(&keys, owned);
						strmap_put(&seen_by_key, owned,
						    keep);
					}
				}
				continue;
			}
			value_free(&v);
			c->indexes[j] = index;
			if (covered[index]) {
				buf_reset(&b);
				expr_print(&b, c->values[j]);
				diag(ck->ds, E_CASE_DUP, &c->values[j]->loc,
				    buf_cstr(&b));
				continue;
			}
			covered[index] = true;
			all = xgrow(all, nall, sizeof(int));
			all[nall++] = index;
		}
		kc = facts_copy(k);
		if (enumerable)
			facts_assume_values(kc, subject, c->indexes, c->nvalues,
			    true);
		if (facts_contradiction(kc) && !facts_contradiction(k))
			diag(ck->ds, W_UNREACHABLE, &c->loc,
			    "ce « {cas} » ne peut pas se présenter ici");
		else if (case_excluded(c, excluded))
			diag(ck->ds, W_UNREACHABLE, &c->loc, "« parmi » exclut "
			    "les valeurs de ce « {cas} », qui n'est jamais pris");
		ck->numbering = entry;
		check_nodes(ck, &c->body, kc);
		after = i == 0 ? ck->numbering :
		    numbering_merge(after, ck->numbering);
		facts_free(kc);
	}
	ck->numbering = entry;
	if (n->u.selon.other != NULL) {
		struct facts *ko = facts_copy(k);

		if (enumerable)
			facts_assume_values(ko, subject, all, nall, false);
		/* Over a booléen, {autre} is required (rule 28), never idle. */
		if (t->kind != T_BOOLEEN && facts_contradiction(ko) &&
		    !facts_contradiction(k))
			diag(ck->ds, W_UNREACHABLE, &n->u.selon.other_loc,
			    "tous les cas possibles sont traités, « {autre} » "
			    "n'est jamais pris");
		check_nodes(ck, n->u.selon.other, ko);
		facts_free(ko);
		after = n->u.selon.ncases == 0 ? ck->numbering :
		    numbering_merge(after, ck->numbering);
	} else if (enumerable && t->kind == T_CHOIX) {
		struct buf missing;
		size_t count = 0;

		buf_init(&missing);
		for (i = 0; i < nvalues; i++) {
			if (covered[i] || excluded[i])
				continue;
			if (count++ > 0)
				buf_puts(&missing, ", ");
			buf_printf(&missing, "« %s »", t->kind == T_CHOIX ?
			    t->values[i].name : i == 1 ? "vrai" : "faux");
		}
		if (count > 0)
			diag(ck->ds, E_SELON_INCOMPLETE, &n->loc,
			    buf_cstr(&missing));
		buf_free(&missing);
	} else if (!is_error(t)) {
		diag(ck->ds, E_SELON_AUTRE, &n->loc, describe(&b, t));
	}
	for (i = 0; i < seen.len; i++) {
		value_free(seen.items[i]);
		free(seen.items[i]);
	}
	ptrvec_free(&seen);
	for (i = 0; i < keys.len; i++)
		free(keys.items[i]);
	ptrvec_free(&keys);
	strmap_free(&seen_by_key);
	buf_free(&key);
	free(all);
	free(covered);
	free(excluded);
	/* Without {autre}, no case may be printed (or none covers the
	 * value): the state before stays possible. */
	ck->numbering = n->u.selon.other == NULL ?
	    numbering_merge(after, entry) : after;
	buf_free(&b);
}

static void
check_loop(struct checker *ck, struct node *n, struct facts *k)
{
	const struct type *t = check_expr(ck, n->u.loop.list, k, NULL);
	struct numbering entry = ck->numbering, after;
	struct symbol *s;
	struct buf b;

	if (lookup_symbol(ck, n->u.loop.var) != NULL)
		diag(ck->ds, E_SHADOW, &n->u.loop.var_loc, n->u.loop.var);
	if (!is_error(t) && t->kind != T_LISTE) {
		buf_init(&b);
		diag(ck->ds, E_NOT_LIST, &n->u.loop.list->loc, describe(&b, t));
		buf_free(&b);
		t = error_type();
	}
	s = xcalloc(1, sizeof(*s));
	s->kind = SYM_LOOP;
	s->name = n->u.loop.var;
	s->loop = n;
	s->type = is_error(t) ? error_type() : t->elem;
	free(n->u.loop.sym);
	n->u.loop.sym = s;
	ptrvec_push(&ck->loops, s);
	ck->in_loop++;
	check_nodes(ck, &n->u.loop.body, k);
	ck->in_loop--;
	ck->loops.len--;
	/* The body prints once or more, or {sinon} for an empty list. */
	after = ck->numbering;
	ck->numbering = entry;
	if (n->u.loop.empty != NULL)
		check_nodes(ck, n->u.loop.empty, k);
	ck->numbering = numbering_merge(after, ck->numbering);
}

static bool
file_in_stack(struct checker *ck, const struct file_ast *f)
{
	size_t i;

	for (i = 0; i < ck->include_stack.len; i++)
		if (ck->include_stack.items[i] == f)
			return true;
	return false;
}

static void
report_cycle(struct checker *ck, struct node *n, const struct file_ast *f)
{
	struct buf chain;
	size_t i;
	bool on = false;

	buf_init(&chain);
	for (i = 0; i < ck->include_stack.len; i++) {
		const struct file_ast *g = ck->include_stack.items[i];

		if (g == f)
			on = true;
		if (on)
			buf_printf(&chain, "%s → ", g->src->path);
	}
	buf_puts(&chain, f->src->path);
	diag(ck->ds, E_INCLUDE_CYCLE, &n->u.include.path_loc, buf_cstr(&chain));
	buf_free(&chain);
}

static void
check_include_args(struct checker *ck, struct node *n, struct scope *sc,
    struct facts *k)
{
	struct file_ast *f = sc->file;
	size_t i, j;
	struct buf a, b;

	buf_init(&a);
	buf_init(&b);
	for (i = 0; i < n->u.include.nargs; i++) {
		struct include_arg *arg = &n->u.include.args[i];
		struct symbol *s = scope_symbol(sc, arg->name);
		const struct type *t;

		for (j = 0; j < i; j++)
			if (strcmp(n->u.include.args[j].name, arg->name) == 0)
				diag(ck->ds, E_PARAM_DUP, &arg->loc, arg->name);
		if (s == NULL || s->kind != SYM_PARAM) {
			struct suggester sg;
			struct diagnostic *d = diag(ck->ds, E_PARAM_UNKNOWN,
			    &arg->loc, arg->name, n->u.include.path);

			suggest_begin(&sg, arg->name);
			for (j = 0; j < f->ndecls; j++)
				if (f->decls[j]->kind == DECL_PARAMETRE)
					suggest_consider(&sg, f->decls[j]->name);
			diag_suggest(d, suggest_end(&sg));
			check_expr(ck, arg->value, k, NULL);
			continue;
		}
		arg->param = s->decl;
		t = check_expr(ck, arg->value, k, s->type);
		if (!type_accepts(s->type, t)) {
			bool alike = describe_apart(&a, s->type, &b, t);
			char *msg = xasprintf("le paramètre « %s » attend %s, "
			    "pas %s", arg->name, buf_cstr(&a), buf_cstr(&b));
			struct diagnostic *dg = diag(ck->ds, E_TYPE,
			    &arg->value->loc, msg);

			if (alike)
				diag_hint(dg, "deux types du même nom restent "
				    "distincts : importez celui de la clause "
				    "(« importer »), ne le déclarez pas à nouveau");
			diag_note(dg, &s->decl->loc, "paramètre déclaré ici");
			free(msg);
		} else if (arg->value->kind == EX_LITERAL)
			check_literal_constraint(ck, &s->decl->cstr_value,
			    "paramètre", arg->name, &s->decl->loc,
			    &arg->value->u.literal, &arg->value->loc);

	}
	for (j = 0; j < f->ndecls; j++) {
		struct decl *d = f->decls[j];

		if (d->kind != DECL_PARAMETRE || d->def != NULL)
			continue;
		for (i = 0; i < n->u.include.nargs; i++)
			if (strcmp(n->u.include.args[i].name, d->name) == 0)
				break;
		if (i == n->u.include.nargs) {
			char *hint = xasprintf("ajoutez « avec %s = … » à "
			    "l'inclusion", d->name);

			diag_note(diag(ck->ds, E_PARAM_MISSING, &n->loc, d->name,
			    hint), &d->loc, "paramètre déclaré ici");
			free(hint);
		}
	}
	buf_free(&a);
	buf_free(&b);
}

static void
check_include(struct checker *ck, struct node *n, struct facts *k)
{
	struct found found;
	struct file_ast *f;
	struct scope *sc, *saved = ck->scope;
	struct ptrvec saved_loops = ck->loops;
	struct facts *kc;

	if (ck->include_stack.len > MAX_INCLUDE_DEPTH) {
		diag(ck->ds, E_INCLUDE_DEPTH, &n->u.include.path_loc,
		    MAX_INCLUDE_DEPTH);
		return;
	}
	found = find_file(ck, ck->scope->dir, n->u.include.path,
	    &n->u.include.path_loc);
	if (found.path == NULL) {
		size_t i;

		for (i = 0; i < n->u.include.nargs; i++)
			check_expr(ck, n->u.include.args[i].value, k, NULL);
		return;
	}
	diags_push_include(ck->ds, &n->loc);
	f = load_found(ck, &found);
	if (f == NULL || (sc = scope_of(ck, f)) == NULL) {
		diags_pop_include(ck->ds);
		return;
	}
	if (file_in_stack(ck, f)) {
		diags_pop_include(ck->ds);
		report_cycle(ck, n, f);
		return;
	}
	n->u.include.file = f;
	check_header(ck, sc);
	diags_pop_include(ck->ds);
	check_include_args(ck, n, sc, k);

	diags_push_include(ck->ds, &n->loc);
	ptrvec_push(&ck->include_stack, f);
	kc = facts_for_clause(k);
	ck->scope = sc;
	memset(&ck->loops, 0, sizeof(ck->loops));
	check_nodes(ck, &f->body, kc);
	ptrvec_free(&ck->loops);
	ck->loops = saved_loops;
	ck->scope = saved;
	facts_free(kc);
	ck->include_stack.len--;
	diags_pop_include(ck->ds);
}

static void
check_signatures(struct checker *ck, struct node *n, struct facts *k)
{
	size_t i;
	struct buf b;

	buf_init(&b);
	for (i = 0; i < n->u.signatures.len; i++) {
		struct expr *e = n->u.signatures.parties[i];
		const struct type *t = check_expr(ck, e, k, NULL);

		if (!type_accepts(type_partie(), t)) {
			char *msg = xasprintf("« {signatures} » attend des "
			    "parties (type partie), pas %s", describe(&b, t));

			diag(ck->ds, E_TYPE, &e->loc, msg);
			free(msg);
		}
	}
	buf_free(&b);
}

static void
check_ref(struct checker *ck, struct node *n, struct facts *k)
{
	size_t i;

	if (n->u.ref.bare && n->u.ref.len > 1)
		diag(ck->ds, E_SYNTAX, &n->loc, "« {numero} » prend une seule "
		    "étiquette ; pour plusieurs articles, écrivez « {ref a, b} »");
	for (i = 0; i < n->u.ref.len; i++) {
		struct pending_ref *r = xcalloc(1, sizeof(*r));

		r->name = n->u.ref.labels[i];
		r->loc = n->u.ref.locs[i];
		r->facts = facts_copy(k);
		ptrvec_push(&ck->refs, r);
	}
}

static void
check_node(struct checker *ck, struct node *n, struct facts *k)
{
	switch (n->kind) {
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
		break;
	case N_HEADING: {
		enum numbered number = numbering_step(&ck->numbering,
		    n->u.heading.level, n->u.heading.numbered);

		if (n->u.heading.label != NULL)
			register_label(ck, n, k, number);
		break;
	}
	case N_INTERP:
		check_expr(ck, n->u.expr, k, NULL);
		check_printable(ck, n->u.expr);
		break;
	case N_REF:
		check_ref(ck, n, k);
		break;
	case N_IF:
		check_if(ck, n, k);
		break;
	case N_SELON:
		check_selon(ck, n, k);
		break;
	case N_LOOP:
		check_loop(ck, n, k);
		break;
	case N_INCLUDE:
		check_include(ck, n, k);
		break;
	case N_SIGNATURES:
		check_signatures(ck, n, k);
		break;
	}
}

void
check_nodes(struct checker *ck, struct nodes *ns, struct facts *k)
{
	size_t i;

	for (i = 0; i < ns->len; i++)
		check_node(ck, ns->v[i], k);
}

static bool
label_present(const struct facts *k, const struct label *l)
{
	size_t i;

	if (facts_entail(k, l->facts))
		return true;
	for (i = 0; i < l->alternatives.len; i++)
		if (facts_entail(k, l->alternatives.items[i]))
			return true;
	return false;
}

void
resolve_refs(struct checker *ck)
{
	size_t i, j;

	for (i = 0; i < ck->refs.len; i++) {
		struct pending_ref *r = ck->refs.items[i];
		struct label *l = strmap_get(&ck->labels, r->name);

		if (l == NULL) {
			struct suggester sg;
			struct diagnostic *d = diag(ck->ds, E_UNKNOWN_LABEL,
			    &r->loc, r->name);

			/* Not for an error past the limit, which is not shown:
			 * N unknown names against N labels would be quadratic. */
			if (d != NULL) {
				suggest_begin(&sg, r->name);
				for (j = 0; j < ck->prog->labels.len; j++)
					suggest_consider(&sg, ((struct label *)
					    ck->prog->labels.items[j])->name);
				diag_suggest(d, suggest_end(&sg));
			}
		} else if (!l->numbered) {
			diag_note(diag(ck->ds, E_REF_UNNUMBERED, &r->loc,
			    r->name), &l->loc, "titre non numéroté ici");
		} else if (l->number != NUMBERED_YES) {
			const char *why = l->level >= 3 ?
			    "un « ### » ne l'est que sous un « ## » numéroté" :
			    "un « ## » ne l'est que sous un « # » numéroté";

			diag_note(diag(ck->ds, E_REF_UNNUMBERED, &r->loc,
			    r->name), &l->loc, "titre posé ici ; à cette place "
			    "du document, il %s : %s", l->number == NUMBERED_NO ?
			    "n'est pas numéroté" : "n'est numéroté que selon les "
			    "données", why);
		} else if (!label_present(r->facts, l)) {
			diag_note(diag(ck->ds, E_LABEL_PRESENCE, &r->loc,
			    r->name), &l->loc, "article posé ici");
		}
		facts_free(r->facts);
		free(r);
	}
	ptrvec_free(&ck->refs);
	strmap_free(&ck->labels);
}
