/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The outline of a checked template for editors (lgc_outline, used by
 * lgc lsp): read from the check stage's annotations, so that hover,
 * definition and references agree with what lgc check resolved. */
#include "api/outline.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/source.h"
#include "check/checker.h"
#include "check/presence.h"
#include "lang/functions.h"
#include "lang/numbering.h"

/* Nesting kept in "champs": a record of records of records is enough
 * for completion after a dot, and a recursive type stays finite. */
#define FIELD_DEPTH	4

/* A name that exists only where REQUIREMENT holds. */
struct conditional {
	size_t		 id;
	const struct expr *requirement;
};

/* A declared thing and its number in "symboles". */
struct key {
	const void	*ptr;
	size_t		 id;
};

struct outline {
	const struct program *prog;
	json_t		*symbols;
	json_t		*uses;
	json_t		*headings;
	json_t		*blocks;
	struct key	*keys;
	size_t		 nkeys, capkeys;
	/* Heading numbers, counted over the clauses too (as build.c
	 * numbers them), shown for the main file's headings only. */
	struct numbering numbering;
	int		 count[3];
	int		 depth;		/* conditional blocks around */
	/* The main file's {inclure} being walked: a clause's headings are
	 * shown there, the contract's outline being made of them. */
	const struct node *anchor;
	/* What the presence analysis knows at the point walked in the
	 * main file, and the names it decides on. */
	struct facts	*facts;
	struct conditional *conds;
	size_t		 nconds, capconds;
	json_t		*zones;
};

static json_t *
place(const struct loc *l)
{
	json_t *j = json_object();

	json_object_set_new(j, "fichier", json_string(l->src != NULL &&
	    l->src->path != NULL ? l->src->path : ""));
	json_object_set_new(j, "ligne", json_integer(l->line));
	json_object_set_new(j, "colonne", json_integer(l->col));
	json_object_set_new(j, "fin_ligne", json_integer(l->end_line));
	json_object_set_new(j, "fin_colonne", json_integer(l->end_col));
	return j;
}

static long
find_key(const struct outline *o, const void *ptr)
{
	size_t i;

	if (ptr == NULL)
		return -1;
	for (i = 0; i < o->nkeys; i++)
		if (o->keys[i].ptr == ptr)
			return (long)o->keys[i].id;
	return -1;
}

/* A new symbol of kind GENRE named NAME declared at L; PTR (when not
 * NULL) is what its uses point to. */
static json_t *
add_symbol(struct outline *o, const void *ptr, const char *genre,
    const char *name, const struct loc *l)
{
	json_t *s = json_object();
	size_t id = json_array_size(o->symbols);

	json_object_set_new(s, "id", json_integer((json_int_t)id));
	json_object_set_new(s, "genre", json_string(genre));
	json_object_set_new(s, "nom", json_string(name != NULL ? name : ""));
	json_object_set_new(s, "lieu", place(l));
	json_array_append_new(o->symbols, s);
	if (ptr != NULL) {
		o->keys = xreserve(o->keys, &o->capkeys, o->nkeys + 1,
		    sizeof(*o->keys));
		o->keys[o->nkeys].ptr = ptr;
		o->keys[o->nkeys++].id = id;
	}
	return s;
}

static void
add_use(struct outline *o, long id, const char *function,
    const struct loc *l)
{
	json_t *u;

	if ((id < 0 && function == NULL) || l->src == NULL || l->line <= 0)
		return;
	u = json_object();
	if (id >= 0)
		json_object_set_new(u, "symbole", json_integer(id));
	else
		json_object_set_new(u, "fonction", json_string(function));
	json_object_set_new(u, "lieu", place(l));
	json_array_append_new(o->uses, u);
}

static void
set_text(json_t *j, const char *key, struct buf *b)
{
	json_object_set_new(j, key, json_stringn(b->data != NULL ? b->data :
	    "", b->len));
	buf_reset(b);
}

/* The type's name, its choice values and its fields (DEPTH levels). */
static void
describe_type(json_t *j, const struct type *t, int depth)
{
	struct buf b;
	json_t *a;
	size_t i;

	if (t == NULL)
		return;
	buf_init(&b);
	type_name(&b, t);
	set_text(j, "type", &b);
	while (t->kind == T_LISTE && t->elem != NULL)
		t = t->elem;
	if (t->kind == T_CHOIX) {
		a = json_array();
		for (i = 0; i < t->nvalues; i++)
			json_array_append_new(a, json_string(t->values[i].name));
		json_object_set_new(j, "valeurs", a);
	}
	if (t->kind == T_RECORD && depth > 0) {
		a = json_array();
		for (i = 0; i < t->nfields; i++) {
			const struct field *f = &t->fields[i];
			json_t *fj = json_object();

			json_object_set_new(fj, "nom", json_string(f->name));
			describe_type(fj, f->type, depth - 1);
			if (f->label != NULL)
				json_object_set_new(fj, "libelle",
				    json_string(f->label));
			json_array_append_new(a, fj);
		}
		json_object_set_new(j, "champs", a);
	}
	buf_free(&b);
}

static void
describe_decl(json_t *s, const struct decl *d, const struct type *t,
    const struct constraint *cstr, const struct value *def,
    const struct expr *requirement, const char *label, bool optional)
{
	struct buf b;

	buf_init(&b);
	describe_type(s, t, FIELD_DEPTH);
	if (cstr != NULL && cstr->kind != CSTR_NONE) {
		constraint_describe(&b, cstr);
		set_text(s, "contrainte", &b);
	}
	if (def != NULL) {
		value_print_literal(&b, def);
		set_text(s, "defaut", &b);
	} else if (d != NULL && d->def != NULL) {
		expr_print(&b, d->def);
		set_text(s, "defaut", &b);
	}
	if (requirement != NULL) {
		expr_print(&b, requirement);
		set_text(s, "condition", &b);
	} else if (d != NULL && d->cond != NULL) {
		expr_print(&b, d->cond);
		set_text(s, "condition", &b);
	}
	if (label != NULL)
		json_object_set_new(s, "libelle", json_string(label));
	json_object_set_new(s, "optionnel", json_boolean(optional));
	buf_free(&b);
}

static void
walk_expr(struct outline *o, const struct expr *e)
{
	size_t i;

	if (e == NULL)
		return;
	switch (e->kind) {
	case EX_LITERAL:
		break;
	case EX_NAME:
		if (e->sym != NULL) {
			const void *ptr = NULL;

			switch (e->sym->kind) {
			case SYM_INPUT:
				ptr = e->sym->input;
				break;
			case SYM_PARAM:
			case SYM_SOIT:
				ptr = e->sym->decl;
				break;
			case SYM_LOOP:
				ptr = e->sym->loop;
				break;
			}
			add_use(o, find_key(o, ptr), NULL, &e->loc);
		}
		break;
	case EX_FIELD:
		walk_expr(o, e->u.field.obj);
		break;
	case EX_CALL:
		if (e->fn != NULL)
			add_use(o, -1, e->fn->name, &e->u.call.name_loc);
		for (i = 0; i < e->u.call.nargs; i++)
			walk_expr(o, e->u.call.args[i]);
		break;
	case EX_RECORD:
		for (i = 0; i < e->u.record.nfields; i++)
			walk_expr(o, e->u.record.fields[i].value);
		break;
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
		walk_expr(o, e->u.operand);
		break;
	case EX_BINARY:
		walk_expr(o, e->u.binary.lhs);
		walk_expr(o, e->u.binary.rhs);
		break;
	case EX_LIST:
		for (i = 0; i < e->u.list.n; i++)
			walk_expr(o, e->u.list.items[i]);
		break;
	}
}

static void
walk_tstring(struct outline *o, const struct tstring *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->len; i++)
		walk_expr(o, t->parts[i].expr);
}

/* The type named NAME, declared in some file. */
static long
type_symbol(const struct outline *o, const char *name)
{
	size_t i, j;

	for (i = 0; i < o->prog->files.len; i++) {
		const struct file_ast *f = o->prog->files.items[i];

		for (j = 0; j < f->ntypes; j++)
			if (strcmp(f->types[j]->name, name) == 0)
				return find_key(o, f->types[j]);
	}
	return -1;
}

static void
walk_type_expr(struct outline *o, const struct type_expr *t)
{
	if (t == NULL)
		return;
	switch (t->kind) {
	case TE_NAME:
		add_use(o, type_symbol(o, t->name), NULL, &t->loc);
		break;
	case TE_CHOICE:
		break;
	case TE_LIST:
		walk_type_expr(o, t->elem);
		break;
	}
}

static long
label_symbol(const struct outline *o, const char *name)
{
	size_t i;

	for (i = 0; i < o->prog->labels.len; i++) {
		const struct label *l = o->prog->labels.items[i];

		if (strcmp(l->name, name) == 0)
			return find_key(o, l);
	}
	return -1;
}

static void walk_nodes(struct outline *o, const struct nodes *ns,
    bool main);
static long label_symbol(const struct outline *o, const char *name);

static void
conditional(struct outline *o, json_t *s, const struct expr *requirement)
{
	if (requirement == NULL)
		return;
	o->conds = xreserve(o->conds, &o->capconds, o->nconds + 1,
	    sizeof(*o->conds));
	o->conds[o->nconds].id = (size_t)json_integer_value(json_object_get(s,
	    "id"));
	o->conds[o->nconds++].requirement = requirement;
}

/* The ids of the conditional names that K proves present. */
static json_t *
present(const struct outline *o, const struct facts *k)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < o->nconds; i++)
		if (facts_eval(k, o->conds[i].requirement) == KL_TRUE)
			json_array_append_new(a, json_integer((json_int_t)
			    o->conds[i].id));
	return a;
}

static int last_line(const struct nodes *ns, int line);

/* A branch of the main file, from its tag L to the end of BODY, where
 * K holds. */
static void
add_zone(struct outline *o, const struct loc *l, const struct nodes *body,
    const struct facts *k)
{
	struct loc z = *l;

	z.end_line = last_line(body, l->line);
	json_array_append_new(o->zones, json_pack("{s:o, s:o}", "lieu",
	    place(&z), "presentes", present(o, k)));
}

/* Walks BODY (of the main file) with K as what is known there. */
static void
walk_branch(struct outline *o, const struct loc *l, const struct nodes *body,
    struct facts *k)
{
	struct facts *outer = o->facts;

	add_zone(o, l, body, k);
	o->facts = k;
	walk_nodes(o, body, true);
	o->facts = outer;
}

/* The last line any node of NS reaches in its own file. */
static int
last_line(const struct nodes *ns, int line)
{
	size_t i, j;

	for (i = 0; i < ns->len; i++) {
		const struct node *n = ns->v[i];

		if (n->loc.end_line > line)
			line = n->loc.end_line;
		if (n->loc.line > line)
			line = n->loc.line;
		switch (n->kind) {
		case N_IF:
			for (j = 0; j < n->u.cond.len; j++)
				line = last_line(&n->u.cond.branches[j].body,
				    line);
			break;
		case N_SELON:
			for (j = 0; j < n->u.selon.ncases; j++)
				line = last_line(&n->u.selon.cases[j].body,
				    line);
			if (n->u.selon.other != NULL)
				line = last_line(n->u.selon.other, line);
			break;
		case N_LOOP:
			line = last_line(&n->u.loop.body, line);
			if (n->u.loop.empty != NULL)
				line = last_line(n->u.loop.empty, line);
			break;
		case N_TEXT: case N_LINE: case N_SOFTBREAK: case N_PARBREAK:
		case N_HARDBREAK: case N_HEADING: case N_BULLET:
		case N_NUMBERED: case N_EMPH: case N_LABEL: case N_UNNUMBERED:
		case N_INTERP: case N_REF: case N_INCLUDE: case N_SIGNATURES:
			break;
		}
	}
	return line;
}

static void
add_block(struct outline *o, const char *genre, const struct node *n)
{
	json_t *b = json_object();
	struct loc l = n->loc;

	l.end_line = last_line(&(struct nodes){ (struct node **)&n, 1 },
	    n->loc.line);
	json_object_set_new(b, "genre", json_string(genre));
	json_object_set_new(b, "lieu", place(&l));
	json_array_append_new(o->blocks, b);
}

/* The words of a heading, from node I of NS to the end of its line;
 * the branches of a {si} in it joined by " / ". */
static void
heading_words(struct buf *b, const struct nodes *ns, size_t i)
{
	size_t j;

	for (; i < ns->len; i++) {
		const struct node *t = ns->v[i];

		if (t->kind == N_TEXT && t->u.text != NULL)
			buf_puts(b, t->u.text);
		else if (t->kind == N_INTERP && t->u.expr != NULL) {
			buf_putc(b, '{');
			expr_print(b, t->u.expr);
			buf_putc(b, '}');
		} else if (t->kind == N_IF) {
			for (j = 0; j < t->u.cond.len; j++) {
				if (j > 0)
					buf_puts(b, " / ");
				heading_words(b, &t->u.cond.branches[j].body, 0);
			}
		} else if (t->kind != N_EMPH)
			break;
	}
}

/* The heading N at index I of NS: its number and its words. */
static void
heading(struct outline *o, const struct nodes *ns, size_t i, bool main)
{
	const struct node *n = ns->v[i];
	int level = numbering_level(n->u.heading.level);
	enum numbered num = numbering_step(&o->numbering, level,
	    n->u.heading.numbered);
	struct buf b;
	json_t *h;
	int k;

	if (num != NUMBERED_NO) {
		o->count[level - 1]++;
		for (k = level; k < 3; k++)
			o->count[k] = 0;
	}
	if (!main && o->anchor == NULL)
		return;
	buf_init(&b);
	heading_words(&b, ns, i + 1);
	/* The words as read: spaces around and between them collapsed. */
	{
		size_t r = 0, w = 0;
		bool space = true;

		for (r = 0; r < b.len; r++) {
			if (b.data[r] == ' ' || b.data[r] == '\t' ||
			    b.data[r] == '\n') {
				space = true;
				continue;
			}
			if (space && w > 0)
				b.data[w++] = ' ';
			space = false;
			b.data[w++] = b.data[r];
		}
		b.len = w;
	}
	h = json_object();
	json_object_set_new(h, "niveau", json_integer(level));
	if (num != NUMBERED_NO) {
		char number[64];

		if (level == 1)
			snprintf(number, sizeof(number), "%d", o->count[0]);
		else if (level == 2)
			snprintf(number, sizeof(number), "%d.%d", o->count[0],
			    o->count[1]);
		else
			snprintf(number, sizeof(number), "%d.%d.%d",
			    o->count[0], o->count[1], o->count[2]);
		json_object_set_new(h, "numero", json_string(number));
	}
	/* Its number, or whether it has one, may depend on the data. */
	json_object_set_new(h, "conditionnel", json_boolean(o->depth > 0 ||
	    num == NUMBERED_MAYBE));
	set_text(h, "texte", &b);
	if (n->u.heading.label != NULL) {
		long id = label_symbol(o, n->u.heading.label);
		json_t *sym = id >= 0 ? json_array_get(o->symbols, (size_t)id) :
		    NULL;

		json_object_set_new(h, "etiquette",
		    json_string(n->u.heading.label));
		/* What {ref x} prints, for a hover on it. */
		if (sym != NULL)
			json_object_set_new(sym, "titre", json_sprintf("%s%s%s",
			    json_string_value(json_object_get(h, "numero")) ?
			    json_string_value(json_object_get(h, "numero")) :
			    "", json_object_get(h, "numero") ? ". " : "",
			    json_string_value(json_object_get(h, "texte"))));
	}
	if (main)
		json_object_set_new(h, "lieu", place(&n->loc));
	else {
		json_object_set_new(h, "lieu", place(&o->anchor->loc));
		json_object_set_new(h, "clause", place(&n->loc));
	}
	json_array_append_new(o->headings, h);
	buf_free(&b);
}

/* The numbering where a branch starts and where one ends: each branch
 * of a {si} or {selon} numbers from the same state (one of them is
 * printed), the state after it being the furthest they reach. */
struct counters {
	struct numbering numbering;
	int		 count[3];
	bool		 any;
};

static void
branch_start(struct outline *o, const struct counters *entry)
{
	o->numbering = entry->numbering;
	memcpy(o->count, entry->count, sizeof(o->count));
}

static void
branch_end(const struct outline *o, struct counters *out)
{
	if (!out->any || memcmp(o->count, out->count, sizeof(o->count)) > 0)
		memcpy(out->count, o->count, sizeof(o->count));
	out->numbering = out->any ? numbering_merge(out->numbering,
	    o->numbering) : o->numbering;
	out->any = true;
}

static void
branches_done(struct outline *o, const struct counters *entry,
    struct counters *out, bool exhaustive)
{
	if (!exhaustive) {
		branch_start(o, entry);
		branch_end(o, out);
	}
	o->numbering = out->numbering;
	memcpy(o->count, out->count, sizeof(o->count));
}

static void
walk_node(struct outline *o, const struct nodes *ns, size_t i, bool main)
{
	const struct node *n = ns->v[i];
	size_t j, k;

	switch (n->kind) {
	case N_TEXT: case N_LINE: case N_SOFTBREAK: case N_PARBREAK:
	case N_HARDBREAK: case N_BULLET: case N_NUMBERED: case N_EMPH:
	case N_LABEL: case N_UNNUMBERED:
		break;
	case N_HEADING:
		heading(o, ns, i, main);
		break;
	case N_INTERP:
		walk_expr(o, n->u.expr);
		break;
	case N_REF:
		for (j = 0; j < n->u.ref.len; j++)
			add_use(o, label_symbol(o, n->u.ref.labels[j]), NULL,
			    &n->u.ref.locs[j]);
		break;
	case N_IF:
		if (main)
			add_block(o, "si", n);
		o->depth++;
		{
			struct facts *rest = main ? facts_copy(o->facts) : NULL;
			struct counters entry = { o->numbering, { o->count[0],
			    o->count[1], o->count[2] }, true }, out;

			memset(&out, 0, sizeof(out));
			for (j = 0; j < n->u.cond.len; j++) {
				const struct branch *b = &n->u.cond.branches[j];

				branch_start(o, &entry);
				walk_expr(o, b->cond);
				if (!main) {
					walk_nodes(o, &b->body, false);
					branch_end(o, &out);
					continue;
				}
				struct facts *kb = facts_copy(rest);

				if (b->cond != NULL) {
					facts_assume(kb, b->cond, true);
					facts_assume(rest, b->cond, false);
				}
				walk_branch(o, &b->loc, &b->body, kb);
				facts_free(kb);
				branch_end(o, &out);
			}
			branches_done(o, &entry, &out, n->u.cond.len > 0 &&
			    n->u.cond.branches[n->u.cond.len - 1].cond == NULL);
			if (rest != NULL)
				facts_free(rest);
		}
		o->depth--;
		break;
	case N_SELON:
		if (main)
			add_block(o, "selon", n);
		walk_expr(o, n->u.selon.subject);
		o->depth++;
		{
			struct counters entry = { o->numbering, { o->count[0],
			    o->count[1], o->count[2] }, true }, out;

			memset(&out, 0, sizeof(out));
			for (j = 0; j < n->u.selon.ncases; j++) {
				const struct selon_case *c =
				    &n->u.selon.cases[j];

				branch_start(o, &entry);
				for (k = 0; k < c->nvalues; k++)
					walk_expr(o, c->values[k]);
				if (!main) {
					walk_nodes(o, &c->body, false);
					branch_end(o, &out);
					continue;
				}
				struct facts *kc = facts_copy(o->facts);

				if (c->indexes != NULL)
					facts_assume_values(kc,
					    n->u.selon.subject, c->indexes,
					    c->nvalues, true);
				walk_branch(o, &c->loc, &c->body, kc);
				facts_free(kc);
				branch_end(o, &out);
			}
			if (n->u.selon.other != NULL) {
				branch_start(o, &entry);
				walk_nodes(o, n->u.selon.other, main);
				branch_end(o, &out);
			}
			branches_done(o, &entry, &out,
			    n->u.selon.other != NULL);
		}
		o->depth--;
		break;
	case N_LOOP:
		if (main)
			add_block(o, "pour", n);
		walk_expr(o, n->u.loop.list);
		{
			json_t *s = add_symbol(o, n, "boucle", n->u.loop.var,
			    &n->u.loop.var_loc);

			if (n->u.loop.sym != NULL)
				describe_type(s, n->u.loop.sym->type,
				    FIELD_DEPTH);
		}
		o->depth++;
		walk_nodes(o, &n->u.loop.body, main);
		if (n->u.loop.empty != NULL)
			walk_nodes(o, n->u.loop.empty, main);
		o->depth--;
		break;
	case N_INCLUDE:
		{
			const struct file_ast *f = n->u.include.file;
			json_t *s = add_symbol(o, NULL, "clause",
			    n->u.include.path, &n->u.include.path_loc);
			json_t *params = json_array();

			if (f != NULL && f->path != NULL) {
				/* The file on disk, wherever the path
				 * it was opened by leads. */
				char *real = realpath(f->path, NULL);

				json_object_set_new(s, "cible",
				    json_string(real != NULL ? real : f->path));
				free(real);
			}
			for (j = 0; f != NULL && j < f->ndecls; j++) {
				const struct decl *d = f->decls[j];
				json_t *p;

				if (d->kind != DECL_PARAMETRE)
					continue;
				p = json_object();
				json_object_set_new(p, "nom",
				    json_string(d->name));
				describe_decl(p, d, d->ty, &d->cstr_value,
				    d->def_value, NULL, d->label, d->optional);
				json_array_append_new(params, p);
			}
			json_object_set_new(s, "parametres", params);
			add_use(o, (long)json_integer_value(json_object_get(s,
			    "id")), NULL, &n->u.include.path_loc);
			for (j = 0; j < n->u.include.nargs; j++) {
				const struct include_arg *a =
				    &n->u.include.args[j];

				add_use(o, find_key(o, a->param), NULL, &a->loc);
				walk_expr(o, a->value);
			}
			/* The clause's headings are numbered in the
			 * contract: count them, outside the outline. */
			if (f != NULL && !f->checking) {
				const struct node *outer = o->anchor;

				if (main)
					o->anchor = n;
				walk_nodes(o, &f->body, false);
				o->anchor = outer;
			}
		}
		break;
	case N_SIGNATURES:
		for (j = 0; j < n->u.signatures.len; j++)
			walk_expr(o, n->u.signatures.parties[j]);
		break;
	}
}

static void
walk_nodes(struct outline *o, const struct nodes *ns, bool main)
{
	size_t i;

	for (i = 0; i < ns->len; i++)
		walk_node(o, ns, i, main);
}

/* The declarations of every file, before any use is read. */
static void
declare(struct outline *o)
{
	const struct program *p = o->prog;
	size_t i, j;

	for (i = 0; i < p->inputs.len; i++) {
		const struct input *in = p->inputs.items[i];
		json_t *s;

		if (in->decl == NULL)
			continue;
		s = add_symbol(o, in, "entree", in->name, &in->decl->loc);
		describe_decl(s, in->decl, in->type, in->cstr, in->def,
		    in->requirement, in->label, in->optional);
		conditional(o, s, in->requirement);
	}
	for (i = 0; i < p->files.len; i++) {
		const struct file_ast *f = p->files.items[i];

		for (j = 0; j < f->ntypes; j++) {
			const struct type_decl *td = f->types[j];
			json_t *s = add_symbol(o, td, "type", td->name,
			    &td->loc);

			if (td->type != NULL)
				describe_type(s, td->type, FIELD_DEPTH);
		}
		for (j = 0; j < f->ndecls; j++) {
			const struct decl *d = f->decls[j];
			json_t *s;

			switch (d->kind) {
			case DECL_ENTREE:
				continue;
			case DECL_PARAMETRE:
				s = add_symbol(o, d, "parametre", d->name,
				    &d->loc);
				describe_decl(s, d, d->ty, &d->cstr_value,
				    d->def_value, NULL, d->label, d->optional);
				break;
			case DECL_SOIT:
				s = add_symbol(o, d, "soit", d->name, &d->loc);
				describe_decl(s, d, d->ty, NULL, NULL,
				    d->requirement, d->label, false);
				conditional(o, s, d->requirement);
				break;
			}
		}
	}
	for (i = 0; i < p->labels.len; i++) {
		const struct label *l = p->labels.items[i];

		struct loc at = l->loc;
		int n = (int)utf8_count(l->name, strlen(l->name));

		/* The place of "{#name}": the name's own, which a rename
		 * replaces. */
		if (at.line == at.end_line && at.end_col - at.col + 1 == n + 3) {
			at.col += 2;
			at.end_col--;
		}
		add_symbol(o, l, "etiquette", l->name, &at);
	}
}

/* The uses in every file's header: types, defaults, conditions. */
static void
walk_header(struct outline *o, const struct file_ast *f)
{
	size_t i, j;

	walk_tstring(o, f->title);
	walk_tstring(o, f->place);
	walk_expr(o, f->date);
	for (i = 0; i < f->ntypes; i++) {
		const struct type_decl *td = f->types[i];

		for (j = 0; j < td->nfields; j++) {
			walk_type_expr(o, td->fields[j].type);
			walk_expr(o, td->fields[j].def);
		}
		walk_type_expr(o, td->alias);
	}
	for (i = 0; i < f->ndecls; i++) {
		const struct decl *d = f->decls[i];

		/* Another file's declaration of an input is one of its
		 * names too: a rename changes them all. */
		if (d->kind == DECL_ENTREE && d->input != NULL &&
		    d->input->decl != d)
			add_use(o, find_key(o, d->input), NULL, &d->loc);
		walk_type_expr(o, d->type);
		if (d->cstr != NULL) {
			walk_expr(o, d->cstr->lo);
			walk_expr(o, d->cstr->hi);
			for (j = 0; j < d->cstr->nset; j++)
				walk_expr(o, d->cstr->set[j]);
		}
		walk_expr(o, d->def);
		walk_expr(o, d->cond);
		walk_expr(o, d->value);
	}
	for (i = 0; i < f->nrules; i++) {
		walk_expr(o, f->rules[i]->cond);
		walk_tstring(o, f->rules[i]->message);
	}
}

char *
outline_json(const struct program *prog, const char *const *search,
    size_t nsearch, size_t *len)
{
	struct outline o;
	json_t *root = json_object(), *a;
	char *text, *out;
	size_t i;

	memset(&o, 0, sizeof(o));
	o.prog = prog;
	o.symbols = json_array();
	o.uses = json_array();
	o.headings = json_array();
	o.blocks = json_array();
	o.zones = json_array();
	o.facts = facts_new();
	json_object_set_new(root, "fichier", json_string(prog->main != NULL &&
	    prog->main->src != NULL ? prog->main->src->path : ""));
	json_object_set_new(root, "echec", json_boolean(prog->failed));
	declare(&o);
	for (i = 0; i < prog->files.len; i++)
		walk_header(&o, prog->files.items[i]);
	/* The main file's body, its clauses walked from their {inclure}. */
	if (prog->main != NULL)
		walk_nodes(&o, &prog->main->body, true);
	json_object_set_new(root, "titres", o.headings);
	json_object_set_new(root, "blocs", o.blocks);
	json_object_set_new(root, "zones", o.zones);
	json_object_set_new(root, "presentes", present(&o, o.facts));
	json_object_set_new(root, "symboles", o.symbols);
	json_object_set_new(root, "occurrences", o.uses);
	a = json_array();
	for (i = 0; i < function_count(); i++) {
		const struct function *fn = function_at(i);
		json_t *f = json_object();

		json_object_set_new(f, "nom", json_string(fn->name));
		json_object_set_new(f, "min", json_integer((json_int_t)
		    fn->min_args));
		json_object_set_new(f, "max", json_integer((json_int_t)
		    fn->max_args));
		if (fn->signature != NULL)
			json_object_set_new(f, "signature",
			    json_string(fn->signature));
		if (fn->doc != NULL)
			json_object_set_new(f, "doc", json_string(fn->doc));
		json_array_append_new(a, f);
	}
	json_object_set_new(root, "fonctions", a);
	a = json_array();
	for (i = 0; i < nsearch; i++)
		json_array_append_new(a, json_string(search[i]));
	json_object_set_new(root, "dossiers", a);
	text = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	free(o.keys);
	free(o.conds);
	facts_free(o.facts);
	/* jansson's allocation, handed out as the library's own. */
	if (text == NULL)
		text = xstrdup("{}");
	*len = strlen(text);
	out = xstrndup(text, *len);
	free(text);
	return out;
}
