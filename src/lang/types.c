/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "lang/types.h"

#include <stdlib.h>
#include <string.h>

static const struct type builtins[] = {
	[T_ERROR] = { .kind = T_ERROR },
	[T_TEXTE] = { .kind = T_TEXTE },
	[T_ENTIER] = { .kind = T_ENTIER },
	[T_DECIMAL] = { .kind = T_DECIMAL },
	[T_MONTANT] = { .kind = T_MONTANT },
	[T_POURCENTAGE] = { .kind = T_POURCENTAGE },
	[T_DATE] = { .kind = T_DATE },
	[T_DUREE] = { .kind = T_DUREE },
	[T_BOOLEEN] = { .kind = T_BOOLEEN },
};

static struct value empty_text = { .kind = T_TEXTE, .u.text = (char *)"" };

static struct field partie_fields[] = {
	{ .name = (char *)"nom", .type = &builtins[T_TEXTE],
	    .label = (char *)"Nom ou raison sociale" },
	{ .name = (char *)"adresse", .type = &builtins[T_TEXTE],
	    .label = (char *)"Adresse" },
	{ .name = (char *)"representant", .type = &builtins[T_TEXTE],
	    .def = &empty_text, .label = (char *)"Représentant" },
	{ .name = (char *)"qualite", .type = &builtins[T_TEXTE],
	    .def = &empty_text, .label = (char *)"Qualité du représentant" },
	{ .name = (char *)"email", .type = &builtins[T_TEXTE],
	    .def = &empty_text, .label = (char *)"Adresse électronique" },
};

static const struct type partie = {
	.kind = T_RECORD,
	.name = (char *)"partie",
	.fields = partie_fields,
	.nfields = sizeof(partie_fields) / sizeof(partie_fields[0]),
	.resolved = true,
};

const struct type *
type_builtin(enum type_kind kind)
{
	if (kind > T_BOOLEEN)
		return &builtins[T_ERROR];
	return &builtins[kind];
}

const struct type *
type_partie(void)
{
	return &partie;
}

const struct type *
type_builtin_named(const char *name)
{
	static const struct {
		const char	*name;
		enum type_kind	 kind;
	} names[] = {
		{ "texte", T_TEXTE }, { "entier", T_ENTIER },
		{ "decimal", T_DECIMAL }, { "décimal", T_DECIMAL },
		{ "montant", T_MONTANT }, { "pourcentage", T_POURCENTAGE },
		{ "date", T_DATE }, { "duree", T_DUREE }, { "durée", T_DUREE },
		{ "booleen", T_BOOLEEN }, { "booléen", T_BOOLEEN },
	};
	size_t i;

	if (strcmp(name, "partie") == 0)
		return &partie;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].name, name) == 0)
			return &builtins[names[i].kind];
	return NULL;
}

void
type_name(struct buf *b, const struct type *t)
{
	size_t i;

	switch (t->kind) {
	case T_ERROR: buf_puts(b, "?"); break;
	case T_TEXTE: buf_puts(b, "texte"); break;
	case T_ENTIER: buf_puts(b, "entier"); break;
	case T_DECIMAL: buf_puts(b, "decimal"); break;
	case T_MONTANT: buf_puts(b, "montant"); break;
	case T_POURCENTAGE: buf_puts(b, "pourcentage"); break;
	case T_DATE: buf_puts(b, "date"); break;
	case T_DUREE: buf_puts(b, "duree"); break;
	case T_BOOLEEN: buf_puts(b, "booleen"); break;
	case T_CHOIX:
		if (t->name != NULL) {
			buf_puts(b, t->name);
			break;
		}
		buf_puts(b, "choix(");
		for (i = 0; i < t->nvalues; i++)
			buf_printf(b, "%s%s", i ? ", " : "", t->values[i].name);
		buf_putc(b, ')');
		break;
	case T_LISTE:
		buf_puts(b, "liste de ");
		type_name(b, t->elem);
		break;
	case T_RECORD:
		buf_puts(b, t->name);
		break;
	}
}

/* With its article, as messages use it: "une date", "un montant". */
void
type_describe(struct buf *b, const struct type *t)
{
	size_t i;

	switch (t->kind) {
	case T_ERROR: buf_puts(b, "une valeur"); break;
	case T_TEXTE: buf_puts(b, "un texte"); break;
	case T_ENTIER: buf_puts(b, "un entier"); break;
	case T_DECIMAL: buf_puts(b, "un décimal"); break;
	case T_MONTANT: buf_puts(b, "un montant"); break;
	case T_POURCENTAGE: buf_puts(b, "un pourcentage"); break;
	case T_DATE: buf_puts(b, "une date"); break;
	case T_DUREE: buf_puts(b, "une durée"); break;
	case T_BOOLEEN: buf_puts(b, "un booléen"); break;
	case T_CHOIX:
		buf_puts(b, "un choix");
		if (t->name != NULL)
			buf_printf(b, " « %s »", t->name);
		buf_puts(b, " (");
		for (i = 0; i < t->nvalues; i++)
			buf_printf(b, "%s%s", i ? ", " : "", t->values[i].name);
		buf_putc(b, ')');
		break;
	case T_LISTE:
		buf_puts(b, "une liste de ");
		type_name(b, t->elem);
		break;
	case T_RECORD:
		buf_printf(b, "un enregistrement « %s »", t->name);
		break;
	}
}

bool
type_equal(const struct type *a, const struct type *b)
{
	size_t i;

	if (a == b)
		return true;
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case T_CHOIX:
		if (a->nvalues != b->nvalues)
			return false;
		for (i = 0; i < a->nvalues; i++) {
			const char *wa = a->values[i].words;
			const char *wb = b->values[i].words;

			if (strcmp(a->values[i].name, b->values[i].name) != 0)
				return false;
			if ((wa == NULL) != (wb == NULL) ||
			    (wa != NULL && strcmp(wa, wb) != 0))
				return false;
		}
		return true;
	case T_LISTE:
		return type_equal(a->elem, b->elem);
	case T_RECORD:
		return false;
	default:
		return true;
	}
}

bool
type_accepts(const struct type *expected, const struct type *actual)
{
	const struct type *t;

	if (expected->kind == T_ERROR || actual->kind == T_ERROR)
		return true;
	if (expected->kind == T_RECORD && actual->kind == T_RECORD) {
		for (t = actual; t != NULL; t = t->parent)
			if (t == expected)
				return true;
		return false;
	}
	if (expected->kind == T_LISTE && actual->kind == T_LISTE)
		return type_accepts(expected->elem, actual->elem);
	return type_equal(expected, actual);
}

bool
type_is_numeric(const struct type *t)
{
	return t->kind == T_ENTIER || t->kind == T_DECIMAL ||
	    t->kind == T_MONTANT || t->kind == T_POURCENTAGE;
}

bool
type_is_ordered(const struct type *t)
{
	return type_is_numeric(t) || t->kind == T_DATE || t->kind == T_DUREE;
}

int
type_choice_index(const struct type *t, const char *name)
{
	size_t i;

	if (t->kind != T_CHOIX)
		return -1;
	for (i = 0; i < t->nvalues; i++)
		if (strcmp(t->values[i].name, name) == 0)
			return (int)i;
	return -1;
}

int
type_field_index(const struct type *t, const char *name)
{
	size_t i;

	if (t->kind != T_RECORD)
		return -1;
	for (i = 0; i < t->nfields; i++)
		if (strcmp(t->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

void
type_free(struct type *t)
{
	size_t i;

	if (t == NULL)
		return;
	free(t->name);
	for (i = 0; i < t->nvalues; i++) {
		free(t->values[i].name);
		free(t->values[i].words);
	}
	free(t->values);
	for (i = 0; i < t->nfields; i++) {
		/* Inherited fields are copies that share the parent's
		 * strings; only the type's own fields are freed. */
		if (t->fields[i].owner != t)
			continue;
		free(t->fields[i].name);
		free(t->fields[i].label);
		constraint_free(&t->fields[i].cstr);
		if (t->fields[i].def != NULL) {
			value_free(t->fields[i].def);
			free(t->fields[i].def);
		}
	}
	free(t->fields);
	free(t);
}

enum duree_family
duree_unit_family(enum duree_unit unit)
{
	switch (unit) {
	case DUREE_JOUR:
	case DUREE_SEMAINE:
		return FAMILY_DAYS;
	case DUREE_MOIS:
	case DUREE_AN:
		return FAMILY_MONTHS;
	}
	return FAMILY_DAYS;
}

int64_t
duree_base_count(const struct value *v)
{
	switch (v->u.duree.unit) {
	case DUREE_SEMAINE:
		return v->u.duree.count * 7;
	case DUREE_AN:
		return v->u.duree.count * 12;
	case DUREE_JOUR:
	case DUREE_MOIS:
		return v->u.duree.count;
	}
	return v->u.duree.count;
}

void
value_free(struct value *v)
{
	size_t i;

	if (v == NULL)
		return;
	switch (v->kind) {
	case T_TEXTE:
		free(v->u.text);
		v->u.text = NULL;
		break;
	case T_LISTE:
		for (i = 0; i < v->u.list.len; i++)
			value_free(&v->u.list.items[i]);
		free(v->u.list.items);
		v->u.list.items = NULL;
		v->u.list.len = 0;
		break;
	case T_RECORD:
		for (i = 0; i < v->u.record.len; i++)
			value_free(&v->u.record.fields[i]);
		free(v->u.record.fields);
		v->u.record.fields = NULL;
		v->u.record.len = 0;
		break;
	case T_ERROR:
	case T_ENTIER:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DATE:
	case T_DUREE:
	case T_BOOLEEN:
	case T_CHOIX:
		break;
	}
}

void
value_copy(struct value *dst, const struct value *src)
{
	size_t i;

	*dst = *src;
	switch (src->kind) {
	case T_TEXTE:
		dst->u.text = xstrdup(src->u.text);
		break;
	case T_LISTE:
		dst->u.list.items = xcalloc(src->u.list.len ? src->u.list.len : 1,
		    sizeof(struct value));
		for (i = 0; i < src->u.list.len; i++)
			value_copy(&dst->u.list.items[i], &src->u.list.items[i]);
		break;
	case T_RECORD:
		dst->u.record.fields = xcalloc(src->u.record.len ?
		    src->u.record.len : 1, sizeof(struct value));
		for (i = 0; i < src->u.record.len; i++)
			value_copy(&dst->u.record.fields[i],
			    &src->u.record.fields[i]);
		break;
	case T_ERROR:
	case T_ENTIER:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DATE:
	case T_DUREE:
	case T_BOOLEEN:
	case T_CHOIX:
		break;
	}
}

bool
value_to_dec(const struct value *v, dec_t *out)
{
	switch (v->kind) {
	case T_ENTIER:
		return dec_from_int(v->u.integer, out) == DEC_OK;
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
		*out = v->u.dec;
		return true;
	default:
		return false;
	}
}

int
value_compare(const struct value *a, const struct value *b, bool *comparable)
{
	dec_t da, db;
	int64_t ca, cb;

	*comparable = true;
	if (a->kind == T_DATE && b->kind == T_DATE)
		return date_cmp(a->u.date, b->u.date);
	if (a->kind == T_DUREE && b->kind == T_DUREE) {
		if (duree_unit_family(a->u.duree.unit) !=
		    duree_unit_family(b->u.duree.unit)) {
			*comparable = false;
			return 0;
		}
		ca = duree_base_count(a);
		cb = duree_base_count(b);
		return ca < cb ? -1 : ca > cb;
	}
	if (value_to_dec(a, &da) && value_to_dec(b, &db))
		return dec_cmp(da, db);
	*comparable = false;
	return 0;
}

bool
value_equal(const struct value *a, const struct value *b)
{
	bool comparable;
	size_t i;
	int c;

	switch (a->kind) {
	case T_TEXTE:
		return b->kind == T_TEXTE && strcmp(a->u.text, b->u.text) == 0;
	case T_BOOLEEN:
		return b->kind == T_BOOLEEN && a->u.boolean == b->u.boolean;
	case T_CHOIX:
		return b->kind == T_CHOIX && a->u.choice == b->u.choice &&
		    strcmp(a->type->values[a->u.choice].name,
		    b->type->values[b->u.choice].name) == 0;
	case T_LISTE:
		if (b->kind != T_LISTE || a->u.list.len != b->u.list.len)
			return false;
		for (i = 0; i < a->u.list.len; i++)
			if (!value_equal(&a->u.list.items[i], &b->u.list.items[i]))
				return false;
		return true;
	case T_RECORD:
		if (b->kind != T_RECORD || a->u.record.len != b->u.record.len)
			return false;
		for (i = 0; i < a->u.record.len; i++)
			if (!value_equal(&a->u.record.fields[i],
			    &b->u.record.fields[i]))
				return false;
		return true;
	case T_ERROR:
		return b->kind == T_ERROR;
	case T_ENTIER:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DATE:
	case T_DUREE:
		c = value_compare(a, b, &comparable);
		return comparable && c == 0 && (a->kind == b->kind ||
		    (type_is_numeric(type_builtin(a->kind)) &&
		    type_is_numeric(type_builtin(b->kind)) &&
		    a->kind != T_MONTANT && b->kind != T_MONTANT &&
		    a->kind != T_POURCENTAGE && b->kind != T_POURCENTAGE));
	}
	return false;
}

static void
choice_words(struct buf *b, const struct type *t, size_t i)
{
	const char *s;

	if (t->values[i].words != NULL) {
		buf_puts(b, t->values[i].words);
		return;
	}
	for (s = t->values[i].name; *s != '\0'; s++)
		buf_putc(b, *s == '_' ? ' ' : *s);
}

void
value_print(struct buf *b, const struct value *v)
{
	size_t i;

	switch (v->kind) {
	case T_TEXTE:
		buf_puts(b, v->u.text);
		break;
	case T_ENTIER:
		fr_integer(b, v->u.integer);
		break;
	case T_DECIMAL:
		fr_decimal(b, v->u.dec);
		break;
	case T_MONTANT:
		fr_montant(b, v->u.dec);
		break;
	case T_POURCENTAGE:
		fr_pourcentage(b, v->u.dec);
		break;
	case T_DATE:
		fr_date(b, v->u.date);
		break;
	case T_DUREE:
		fr_duree(b, v->u.duree.count, v->u.duree.unit);
		break;
	case T_BOOLEEN:
		buf_puts(b, v->u.boolean ? "oui" : "non");
		break;
	case T_CHOIX:
		choice_words(b, v->type, v->u.choice);
		break;
	case T_LISTE:
		for (i = 0; i < v->u.list.len; i++) {
			if (i > 0)
				buf_puts(b, i + 1 == v->u.list.len ? " et " : ", ");
			value_print(b, &v->u.list.items[i]);
		}
		break;
	case T_RECORD:
		if (v->u.record.len > 0)
			value_print(b, &v->u.record.fields[0]);
		break;
	case T_ERROR:
		break;
	}
}

void
value_print_literal(struct buf *b, const struct value *v)
{
	static const char *units[] = {
		[DUREE_JOUR] = "jours", [DUREE_SEMAINE] = "semaines",
		[DUREE_MOIS] = "mois", [DUREE_AN] = "ans",
	};
	size_t i;

	switch (v->kind) {
	case T_TEXTE:
		buf_putc(b, '"');
		buf_puts(b, v->u.text);
		buf_putc(b, '"');
		break;
	case T_ENTIER:
		buf_printf(b, "%lld", (long long)v->u.integer);
		break;
	case T_DECIMAL:
		dec_to_string(b, v->u.dec);
		break;
	case T_MONTANT:
		dec_to_string(b, v->u.dec);
		buf_puts(b, " €");
		break;
	case T_POURCENTAGE:
		dec_to_string(b, v->u.dec);
		buf_puts(b, " %");
		break;
	case T_DATE:
		buf_printf(b, "%04d-%02d-%02d", v->u.date.year, v->u.date.month,
		    v->u.date.day);
		break;
	case T_DUREE:
		buf_printf(b, "%lld %s", (long long)v->u.duree.count,
		    v->u.duree.count < 2 && v->u.duree.unit == DUREE_JOUR ?
		    "jour" : v->u.duree.count < 2 &&
		    v->u.duree.unit == DUREE_SEMAINE ? "semaine" :
		    v->u.duree.count < 2 && v->u.duree.unit == DUREE_AN ? "an" :
		    units[v->u.duree.unit]);
		break;
	case T_BOOLEEN:
		buf_puts(b, v->u.boolean ? "vrai" : "faux");
		break;
	case T_CHOIX:
		buf_puts(b, v->type->values[v->u.choice].name);
		break;
	case T_LISTE:
		buf_putc(b, '[');
		for (i = 0; i < v->u.list.len; i++) {
			if (i > 0)
				buf_puts(b, ", ");
			value_print_literal(b, &v->u.list.items[i]);
		}
		buf_putc(b, ']');
		break;
	case T_RECORD:
		buf_printf(b, "%s { … }", v->type ? v->type->name : "?");
		break;
	case T_ERROR:
		buf_puts(b, "?");
		break;
	}
}

void
constraint_describe(struct buf *b, const struct constraint *c)
{
	size_t i;

	switch (c->kind) {
	case CSTR_NONE:
		break;
	case CSTR_ENTRE:
		buf_puts(b, "entre ");
		value_print(b, c->lo);
		buf_puts(b, " et ");
		value_print(b, c->hi);
		break;
	case CSTR_PARMI:
		buf_puts(b, "parmi (");
		for (i = 0; i < c->nset; i++) {
			if (i > 0)
				buf_puts(b, ", ");
			/* A choice as the data writes it: its identifier. */
			if (c->set[i].kind == T_CHOIX)
				value_print_literal(b, &c->set[i]);
			else
				value_print(b, &c->set[i]);
		}
		buf_putc(b, ')');
		break;
	}
}

bool
constraint_holds(const struct constraint *c, const struct value *v,
    struct buf *why)
{
	bool comparable = true;
	size_t i;

	switch (c->kind) {
	case CSTR_NONE:
		return true;
	case CSTR_ENTRE:
		if (value_compare(v, c->lo, &comparable) < 0 ||
		    value_compare(v, c->hi, &comparable) > 0 || !comparable) {
			if (why != NULL) {
				value_print(why, v);
				buf_puts(why, " n'est pas ");
				constraint_describe(why, c);
			}
			return false;
		}
		return true;
	case CSTR_PARMI:
		for (i = 0; i < c->nset; i++)
			if (value_equal(v, &c->set[i]))
				return true;
		if (why != NULL) {
			if (v->kind == T_CHOIX)
				value_print_literal(why, v);
			else
				value_print(why, v);
			buf_puts(why, " n'est pas ");
			constraint_describe(why, c);
		}
		return false;
	}
	return true;
}

void
constraint_free(struct constraint *c)
{
	size_t i;

	if (c->lo != NULL) {
		value_free(c->lo);
		free(c->lo);
	}
	if (c->hi != NULL) {
		value_free(c->hi);
		free(c->hi);
	}
	for (i = 0; i < c->nset; i++)
		value_free(&c->set[i]);
	free(c->set);
	memset(c, 0, sizeof(*c));
}
