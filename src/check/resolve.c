/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Declared types and constants: type names looked up and resolved
 * (records and their parents, choices, aliases, imported types), the
 * constraints entre/parmi, and constant values (defaults, bounds, parmi
 * sets, cas values), which must be literals of the type. */
#include "check/checker.h"

#include <stdlib.h>
#include <string.h>

#include "base/suggest.h"

static struct type *
new_type(struct checker *ck, enum type_kind kind, const struct loc *loc)
{
	struct type *t = xcalloc(1, sizeof(*t));

	t->kind = kind;
	if (loc != NULL)
		t->loc = *loc;
	ptrvec_push(&ck->prog->types, t);
	return t;
}

/* "liste de ELEM", for a list written in the template or a field read
 * from every item of a list. */
const struct type *
list_type(struct checker *ck, const struct type *elem, const struct loc *loc)
{
	struct type *t = new_type(ck, T_LISTE, loc);

	t->elem = elem;
	return t;
}

const char *
describe(struct buf *b, const struct type *t)
{
	buf_reset(b);
	type_describe(b, t);
	return buf_cstr(b);
}

bool
is_error(const struct type *t)
{
	return t == NULL || t->kind == T_ERROR;
}

const struct type *
error_type(void)
{
	return type_builtin(T_ERROR);
}

static struct named_type *
find_named_type(struct scope *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->types.len; i++) {
		struct named_type *nt = sc->types.items[i];

		if (strcmp(nt->name, name) == 0)
			return nt;
	}
	return NULL;
}

static void resolve_type_decl(struct checker *ck, struct scope *sc,
		    struct named_type *nt);

const struct type *
lookup_type(struct checker *ck, struct scope *sc, const char *name,
    const struct loc *loc)
{
	const struct type *t = type_builtin_named(name);
	struct named_type *nt;
	struct diagnostic *d;
	struct suggester sg;
	size_t i;
	static const char *const builtin_names[] = {
		"texte", "entier", "decimal", "montant", "pourcentage", "date",
		"duree", "booleen", "partie",
	};

	if (t != NULL)
		return t;
	if ((nt = find_named_type(sc, name)) != NULL) {
		resolve_type_decl(ck, sc, nt);
		return nt->type != NULL ? nt->type : error_type();
	}
	/* A type whose declaration had a syntax error: reported there. */
	for (i = 0; i < sc->file->nbroken; i++)
		if (strcmp(sc->file->broken[i], name) == 0)
			return error_type();
	d = diag(ck->ds, E_UNKNOWN_TYPE, loc, name);
	suggest_begin(&sg, name);
	for (i = 0; i < sizeof(builtin_names) / sizeof(builtin_names[0]); i++)
		suggest_consider(&sg, builtin_names[i]);
	for (i = 0; i < sc->types.len; i++)
		suggest_consider(&sg, ((struct named_type *)sc->types.items[i])->name);
	diag_suggest(d, suggest_end(&sg));
	return error_type();
}

const struct type *
resolve_type(struct checker *ck, struct scope *sc, const struct type_expr *te)
{
	struct type *t;
	size_t i, j;

	switch (te->kind) {
	case TE_NAME:
		return lookup_type(ck, sc, te->name, &te->loc);
	case TE_LIST:
		t = new_type(ck, T_LISTE, &te->loc);
		t->elem = resolve_type(ck, sc, te->elem);
		return t;
	case TE_CHOICE:
		if (te->nvalues == 2 &&
		    ((strcmp(te->values[0].name, "oui") == 0 &&
		    strcmp(te->values[1].name, "non") == 0) ||
		    (strcmp(te->values[0].name, "non") == 0 &&
		    strcmp(te->values[1].name, "oui") == 0))) {
			diag(ck->ds, E_CHOICE_BOOL, &te->loc);
			return error_type();
		}
		t = new_type(ck, T_CHOIX, &te->loc);
		t->nvalues = te->nvalues;
		t->values = xcalloc(te->nvalues ? te->nvalues : 1,
		    sizeof(*t->values));
		for (i = 0; i < te->nvalues; i++) {
			t->values[i].name = xstrdup(te->values[i].name);
			t->values[i].words = te->values[i].words ?
			    xstrdup(te->values[i].words) : NULL;
			t->values[i].loc = te->values[i].loc;
			for (j = 0; j < i; j++)
				if (strcmp(te->values[j].name,
				    te->values[i].name) == 0)
					diag(ck->ds, E_CHOICE_DUP,
					    &te->values[i].loc,
					    te->values[i].name);
		}
		return t;
	}
	return error_type();
}

void
resolve_constraint(struct checker *ck, struct scope *sc,
    const struct cstr_expr *ce, const struct type *t, struct constraint *out)
{
	struct buf b;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (ce == NULL || is_error(t))
		return;
	out->loc = ce->loc;
	buf_init(&b);
	if (ce->kind == CSTR_ENTRE) {
		bool ordered = t->kind == T_ENTIER || t->kind == T_DECIMAL ||
		    t->kind == T_MONTANT || t->kind == T_DATE ||
		    t->kind == T_DUREE || t->kind == T_POURCENTAGE;

		if (!ordered) {
			diag(ck->ds, E_CONSTRAINT_TYPE, &ce->loc, "entre",
			    describe(&b, t));
			buf_free(&b);
			return;
		}
		out->lo = xcalloc(1, sizeof(*out->lo));
		out->hi = xcalloc(1, sizeof(*out->hi));
		if (const_value(ck, sc, ce->lo, t, out->lo) &&
		    const_value(ck, sc, ce->hi, t, out->hi)) {
			bool comparable;

			if (value_compare(out->lo, out->hi, &comparable) > 0 &&
			    comparable)
				diag(ck->ds, E_CONSTRAINT_BOUNDS, &ce->loc);
			else if (!comparable) {
				struct buf text;

				buf_init(&text);
				buf_puts(&text, "entre ");
				value_print_literal(&text, out->lo);
				buf_puts(&text, " et ");
				value_print_literal(&text, out->hi);
				diag_hint(diag(ck->ds, E_DUREE_FAMILY, &ce->loc,
				    buf_cstr(&text)), "un mois compte de 28 à 31 "
				    "jours : exprimez les deux bornes dans la même "
				    "unité, jours et semaines ou mois et ans");
				buf_free(&text);
			}
			out->kind = CSTR_ENTRE;
		} else {
			value_free(out->lo);
			value_free(out->hi);
			free(out->lo);
			free(out->hi);
			out->lo = out->hi = NULL;
		}
	} else if (ce->kind == CSTR_PARMI) {
		if (t->kind == T_RECORD || t->kind == T_LISTE ||
		    t->kind == T_BOOLEEN) {
			diag(ck->ds, E_CONSTRAINT_TYPE, &ce->loc, "parmi",
			    describe(&b, t));
			buf_free(&b);
			return;
		}
		out->set = xcalloc(ce->nset ? ce->nset : 1, sizeof(*out->set));
		for (i = 0; i < ce->nset; i++)
			if (const_value(ck, sc, ce->set[i], t,
			    &out->set[out->nset]))
				out->nset++;
		out->kind = CSTR_PARMI;
	}
	buf_free(&b);
}

static bool
has_field(const struct type *t, const char *name)
{
	return type_field_index(t, name) >= 0;
}

static void
resolve_record(struct checker *ck, struct scope *sc, struct named_type *nt,
    struct type *t)
{
	struct type_decl *td = nt->decl;
	const struct type *parent = NULL;
	size_t i, j, n = 0;

	if (td->parent != NULL) {
		parent = lookup_type(ck, sc, td->parent, &td->parent_loc);
		if (!is_error(parent) && parent->kind != T_RECORD) {
			diag(ck->ds, E_NOT_RECORD_TYPE, &td->parent_loc,
			    td->parent);
			parent = NULL;
		} else if (is_error(parent))
			parent = NULL;
		else if (!parent->resolved) {
			/* Still being built: the parent extends this type. */
			char *msg = strcmp(td->parent, nt->name) == 0 ?
			    xasprintf("« %s » hérite de lui-même", nt->name) :
			    xasprintf("« %s » hérite de lui-même, par « %s »",
			    nt->name, td->parent);

			diag(ck->ds, E_CYCLE, &td->parent_loc, msg);
			free(msg);
			parent = NULL;
		}
	}
	t->parent = parent;
	t->fields = xcalloc((parent ? parent->nfields : 0) + td->nfields + 1,
	    sizeof(*t->fields));
	if (parent != NULL)
		for (i = 0; i < parent->nfields; i++)
			t->fields[n++] = parent->fields[i];
	for (i = 0; i < td->nfields; i++) {
		struct field_decl *fd = &td->fields[i];
		struct field *f;

		if (parent != NULL && has_field(parent, fd->name)) {
			diag(ck->ds, E_FIELD_REDECLARED, &fd->loc, fd->name,
			    parent->name);
			continue;
		}
		for (j = 0; j < i; j++)
			if (strcmp(td->fields[j].name, fd->name) == 0)
				break;
		if (j < i) {
			diag(ck->ds, E_FIELD_DUP, &fd->loc, fd->name);
			continue;
		}
		f = &t->fields[n++];
		memset(f, 0, sizeof(*f));
		f->name = xstrdup(fd->name);
		f->label = fd->label ? xstrdup(fd->label) : NULL;
		f->loc = fd->loc;
		f->owner = t;
		f->type = resolve_type(ck, sc, fd->type);
		resolve_constraint(ck, sc, fd->cstr, f->type, &f->cstr);
		if (fd->def != NULL) {
			struct buf why;

			f->def = xcalloc(1, sizeof(*f->def));
			if (!const_value(ck, sc, fd->def, f->type, f->def)) {
				free(f->def);
				f->def = NULL;
				continue;
			}
			buf_init(&why);
			if (!constraint_holds(&f->cstr, f->def, &why))
				diag(ck->ds, E_DEFAULT_CONSTRAINT, &fd->def->loc,
				    buf_cstr(&why));
			buf_free(&why);
		}
	}
	t->nfields = n;
	t->resolved = true;
}

static void
resolve_type_decl(struct checker *ck, struct scope *sc, struct named_type *nt)
{
	struct type *t;

	if (nt->state == 2 || nt->decl == NULL)
		return;
	if (nt->state == 1) {
		/* A record may refer to itself through its fields; the type
		 * object exists already.  An alias or parent cycle does not. */
		if (nt->type == NULL) {
			diag(ck->ds, E_CYCLE, &nt->decl->loc,
			    "le type se définit par lui-même");
			nt->type = error_type();
		}
		return;
	}
	nt->state = 1;
	if (nt->decl->is_record) {
		t = new_type(ck, T_RECORD, &nt->decl->loc);
		t->name = xstrdup(nt->name);
		nt->type = t;
		resolve_record(ck, sc, nt, t);
	} else {
		const struct type *alias = resolve_type(ck, sc, nt->decl->alias);

		if (alias->kind == T_CHOIX && alias->name == NULL)
			((struct type *)alias)->name = xstrdup(nt->name);
		nt->type = alias;
	}
	nt->decl->type = nt->type;
	nt->state = 2;
}

/* Whether a value of FROM must hold a value of TARGET: through required
 * record fields (a list may be empty, a default ends the chain). */
static const struct field *
must_contain(const struct type *from, const struct type *target,
    struct ptrvec *seen)
{
	size_t i;

	for (i = 0; i < seen->len; i++)
		if (seen->items[i] == from)
			return NULL;
	ptrvec_push(seen, (void *)from);
	for (i = 0; i < from->nfields; i++) {
		const struct field *f = &from->fields[i];

		if (f->def != NULL || f->type->kind != T_RECORD)
			continue;
		if (f->type == target || must_contain(f->type, target, seen))
			return f;
	}
	return NULL;
}

/* A record that must contain itself has no finite value: no data could
 * ever fill it (rule 16, a dependency cycle). */
static void
check_finite(struct checker *ck, const struct type *t)
{
	struct ptrvec seen;
	const struct field *f;

	if (t == NULL || t->kind != T_RECORD)
		return;
	memset(&seen, 0, sizeof(seen));
	if ((f = must_contain(t, t, &seen)) != NULL) {
		char *msg = xasprintf("« %s » contient, par son champ « %s », "
		    "un « %s » à son tour : aucune donnée ne peut le remplir",
		    t->name, f->name, t->name);

		diag_hint(diag(ck->ds, E_CYCLE, &f->loc, msg),
		    "une liste peut rester vide : écrivez « %s : liste de "
		    "%s »", f->name, f->type->name);
		free(msg);
	}
	ptrvec_free(&seen);
}

static void
import_types(struct checker *ck, struct scope *sc)
{
	struct file_ast *f = sc->file;
	size_t i, k;

	for (i = 0; i < f->nimports; i++) {
		struct found found = find_file(ck, sc->dir, f->imports[i].path,
		    &f->imports[i].loc);
		struct file_ast *imported;
		struct scope *isc;

		if (found.path == NULL)
			continue;
		imported = load_found(ck, &found);
		if (imported == NULL || (isc = scope_of(ck, imported)) == NULL)
			continue;
		if (isc->importing)
			continue;
		check_types(ck, isc);
		for (k = 0; k < imported->ntypes; k++) {
			struct type_decl *td = imported->types[k];
			struct named_type *nt;

			if (td->type == NULL || find_named_type(sc, td->name))
				continue;
			nt = xcalloc(1, sizeof(*nt));
			nt->name = td->name;
			nt->type = td->type;
			nt->state = 2;
			ptrvec_push(&sc->types, nt);
		}
	}
}

void
check_types(struct checker *ck, struct scope *sc)
{
	struct file_ast *f = sc->file;
	size_t i, j;

	if (sc->types_done)
		return;
	sc->types_done = true;
	sc->importing = true;
	for (i = 0; i < f->ntypes; i++) {
		struct named_type *nt;

		for (j = 0; j < i; j++)
			if (strcmp(f->types[j]->name, f->types[i]->name) == 0)
				break;
		if (j < i || type_builtin_named(f->types[i]->name) != NULL) {
			struct diagnostic *d = diag(ck->ds, E_DUP_NAME,
			    &f->types[i]->loc, f->types[i]->name);

			if (j < i)
				diag_note(d, &f->types[j]->loc,
				    "première déclaration");
			continue;
		}
		nt = xcalloc(1, sizeof(*nt));
		nt->name = f->types[i]->name;
		nt->decl = f->types[i];
		ptrvec_push(&sc->types, nt);
	}
	import_types(ck, sc);
	for (i = 0; i < sc->types.len; i++)
		resolve_type_decl(ck, sc, sc->types.items[i]);
	for (i = 0; i < f->ntypes; i++)
		check_finite(ck, f->types[i]->type);
	sc->importing = false;
}

/* Constants: defaults, bounds, parmi, cas. */

/* « le type partie n'a pas de champ « adrese » » with a suggestion. */
void
report_unknown_field(struct checker *ck, const struct type *rt,
    const char *name, const struct loc *loc)
{
	struct suggester sg;
	struct diagnostic *d;
	struct buf owner;
	size_t j;

	buf_init(&owner);
	if (rt->kind == T_RECORD)
		buf_printf(&owner, "le type %s", rt->name);
	else
		type_describe(&owner, rt);
	d = diag(ck->ds, E_UNKNOWN_FIELD, loc, buf_cstr(&owner), name);
	buf_free(&owner);
	suggest_begin(&sg, name);
	for (j = 0; j < rt->nfields; j++)
		suggest_consider(&sg, rt->fields[j].name);
	diag_suggest(d, suggest_end(&sg));
}

/* The constraint of what a literal of the template fills (WHAT « NAME »,
 * declared at DECL): checked here rather than left for every client's
 * build. */
void
check_literal_constraint(struct checker *ck, const struct constraint *c,
    const char *what, const char *name, const struct loc *decl,
    const struct value *v, const struct loc *at)
{
	struct buf why;

	if (c->kind == CSTR_NONE)
		return;
	buf_init(&why);
	if (!constraint_holds(c, v, &why)) {
		char *msg = xasprintf("%s « %s » : %s", what, name,
		    buf_cstr(&why));

		diag_note(diag(ck->ds, E_TYPE, at, msg), decl,
		    "%s déclaré ici", what);
		free(msg);
	}
	buf_free(&why);
}

static bool
const_record(struct checker *ck, struct scope *sc, struct expr *e,
    const struct type *t, struct value *out)
{
	const struct type *rt = lookup_type(ck, sc, e->u.record.type_name,
	    &e->loc);
	struct buf b;
	size_t i, j;
	bool ok = true;

	if (is_error(rt))
		return false;
	buf_init(&b);
	if (rt->kind != T_RECORD) {
		diag(ck->ds, E_NOT_RECORD_TYPE, &e->loc, e->u.record.type_name);
		buf_free(&b);
		return false;
	}
	if (t != NULL && !type_accepts(t, rt)) {
		struct buf want;

		buf_init(&want);
		type_describe(&want, t);
		char *msg = xasprintf("il faut %s, pas %s", buf_cstr(&want),
		    describe(&b, rt));

		diag(ck->ds, E_TYPE, &e->loc, msg);
		free(msg);
		buf_free(&want);
		buf_free(&b);
		return false;
	}
	memset(out, 0, sizeof(*out));
	out->kind = T_RECORD;
	out->type = rt;
	out->u.record.len = rt->nfields;
	out->u.record.fields = xcalloc(rt->nfields ? rt->nfields : 1,
	    sizeof(struct value));
	for (i = 0; i < e->u.record.nfields; i++) {
		struct field_init *fi = &e->u.record.fields[i];
		int index = type_field_index(rt, fi->name);

		for (j = 0; j < i; j++)
			if (strcmp(e->u.record.fields[j].name, fi->name) == 0)
				break;
		if (j < i) {
			diag(ck->ds, E_FIELD_DUP, &fi->loc, fi->name);
			ok = false;
			continue;
		}
		if (index < 0) {
			report_unknown_field(ck, rt, fi->name, &fi->loc);
			ok = false;
			continue;
		}
		if (!const_value(ck, sc, fi->value, rt->fields[index].type,
		    &out->u.record.fields[index]))
			ok = false;
		else
			check_literal_constraint(ck, &rt->fields[index].cstr,
			    "champ", fi->name, &rt->fields[index].loc,
			    &out->u.record.fields[index], &fi->value->loc);
	}
	for (i = 0; i < rt->nfields; i++) {
		if (out->u.record.fields[i].kind != T_ERROR)
			continue;
		for (j = 0; j < e->u.record.nfields; j++)
			if (strcmp(e->u.record.fields[j].name,
			    rt->fields[i].name) == 0)
				break;
		if (j < e->u.record.nfields)
			continue;
		if (rt->fields[i].def != NULL)
			value_copy(&out->u.record.fields[i], rt->fields[i].def);
		else {
			diag(ck->ds, E_FIELD_MISSING, &e->loc,
			    rt->fields[i].name, rt->name);
			ok = false;
		}
	}
	buf_free(&b);
	if (!ok) {
		value_free(out);
		memset(out, 0, sizeof(*out));
	}
	return ok;
}

/* [a, b, c] where a list of type T is expected, each item a constant. */
static bool
const_list(struct checker *ck, struct scope *sc, struct expr *e,
    const struct type *t, struct value *out)
{
	size_t i, n = e->u.list.n;
	bool ok = true;

	if (t->kind != T_LISTE) {
		struct buf want;
		char *msg;

		buf_init(&want);
		type_describe(&want, t);
		msg = xasprintf("il faut %s, pas une liste", buf_cstr(&want));
		diag(ck->ds, E_TYPE, &e->loc, msg);
		free(msg);
		buf_free(&want);
		return false;
	}
	e->type = t;
	out->kind = T_LISTE;
	out->type = t;
	out->u.list.len = n;
	out->u.list.items = xcalloc(n ? n : 1, sizeof(struct value));
	for (i = 0; i < n; i++)
		if (!const_value(ck, sc, e->u.list.items[i], t->elem,
		    &out->u.list.items[i]))
			ok = false;
	if (!ok) {
		value_free(out);
		memset(out, 0, sizeof(*out));
	}
	return ok;
}

/* Evaluates a constant expression of type T into OUT. */
bool
const_value(struct checker *ck, struct scope *sc, struct expr *e,
    const struct type *t, struct value *out)
{
	struct buf b, want;
	bool negate = false;
	const struct expr *lit = e;

	memset(out, 0, sizeof(*out));
	if (is_error(t))
		return false;
	if (e->kind == EX_RECORD)
		return const_record(ck, sc, e, t, out);
	if (e->kind == EX_LIST)
		return const_list(ck, sc, e, t, out);
	if (e->kind == EX_NAME && t->kind == T_CHOIX) {
		int index = type_choice_index(t, e->u.name);

		if (index < 0) {
			struct suggester sg;
			struct diagnostic *d;
			size_t i;

			buf_init(&b);
			type_name(&b, t);
			d = diag(ck->ds, E_UNKNOWN_CHOICE, &e->loc, e->u.name,
			    buf_cstr(&b));
			buf_free(&b);
			suggest_begin(&sg, e->u.name);
			for (i = 0; i < t->nvalues; i++)
				suggest_consider(&sg, t->values[i].name);
			diag_suggest(d, suggest_end(&sg));
			return false;
		}
		e->choice = index;
		e->type = t;
		out->kind = T_CHOIX;
		out->type = t;
		out->u.choice = (size_t)index;
		return true;
	}
	if (e->kind == EX_NEG && e->u.operand->kind == EX_LITERAL) {
		negate = true;
		lit = e->u.operand;
	}
	if (lit->kind != EX_LITERAL) {
		diag(ck->ds, ck->nonconst, &e->loc);
		return false;
	}
	value_copy(out, &lit->u.literal);
	/* A whole number is a decimal where one is expected. */
	if (t->kind == T_DECIMAL && out->kind == T_ENTIER) {
		dec_t d;

		dec_from_int(out->u.integer, &d);
		out->kind = T_DECIMAL;
		out->u.dec = d;
	}
	if (out->kind != t->kind) {
		buf_init(&b);
		buf_init(&want);
		type_describe(&want, t);
		type_describe(&b, type_builtin(out->kind));
		if (t->kind == T_MONTANT && (out->kind == T_ENTIER ||
		    out->kind == T_DECIMAL))
			diag_hint(diag(ck->ds, E_TYPE, &e->loc,
			    "montant attendu, nombre trouvé"),
			    "écrivez un montant avec son unité : « 1500 € »");
		else if (t->kind == T_POURCENTAGE && (out->kind == T_ENTIER ||
		    out->kind == T_DECIMAL))
			diag_hint(diag(ck->ds, E_TYPE, &e->loc,
			    "pourcentage attendu, nombre trouvé"),
			    "écrivez « 15 %% »");
		else {
			char *msg = xasprintf("il faut %s, pas %s",
			    buf_cstr(&want), buf_cstr(&b));

			diag(ck->ds, E_TYPE, &e->loc, msg);
			free(msg);
		}
		buf_free(&b);
		buf_free(&want);
		value_free(out);
		memset(out, 0, sizeof(*out));
		return false;
	}
	if (negate) {
		switch (out->kind) {
		case T_ENTIER:
			out->u.integer = -out->u.integer;
			break;
		case T_DECIMAL:
		case T_MONTANT:
		case T_POURCENTAGE:
			out->u.dec = dec_neg(out->u.dec);
			break;
		default:
			diag(ck->ds, E_DEFAULT_NOT_CONST, &e->loc);
			value_free(out);
			return false;
		}
	}
	return true;
}
