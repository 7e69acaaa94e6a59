/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "lang/functions.h"

#include <stdlib.h>
#include <string.h>

#include "lang/french.h"

static const struct type *
text_type(void)
{
	return type_builtin(T_TEXTE);
}

static bool
printable(const struct type *t)
{
	switch (t->kind) {
	case T_RECORD:
		return false;
	case T_LISTE:
		return printable(t->elem);
	case T_ERROR: case T_TEXTE: case T_ENTIER: case T_DECIMAL:
	case T_MONTANT: case T_POURCENTAGE: case T_DATE: case T_DUREE:
	case T_BOOLEEN: case T_CHOIX:
		return true;
	}
	return false;
}

static const struct type *
expect_kinds(const struct type *t, struct buf *why, int *arg, int index,
    unsigned kinds)
{
	if (t->kind == T_ERROR || (kinds & (1u << t->kind)))
		return text_type();
	type_describe(why, t);
	*arg = index;
	return NULL;
}

#define K(kind)	(1u << (kind))

static const struct type *
check_en_lettres(const struct type *const *types, size_t n, struct buf *why,
    int *arg)
{
	(void)n;
	return expect_kinds(types[0], why, arg, 0,
	    K(T_ENTIER) | K(T_DECIMAL) | K(T_MONTANT));
}

static const struct type *
check_montant_or_entier(const struct type *const *types, size_t n,
    struct buf *why, int *arg)
{
	(void)n;
	return expect_kinds(types[0], why, arg, 0, K(T_ENTIER) | K(T_MONTANT));
}

static const struct type *
check_montant(const struct type *const *types, size_t n, struct buf *why,
    int *arg)
{
	(void)n;
	return expect_kinds(types[0], why, arg, 0, K(T_MONTANT));
}

static const struct type *
check_number(const struct type *const *types, size_t n, struct buf *why,
    int *arg)
{
	(void)n;
	return expect_kinds(types[0], why, arg, 0, K(T_ENTIER) | K(T_DECIMAL));
}

static const struct type *
check_entier(const struct type *const *types, size_t n, struct buf *why,
    int *arg)
{
	(void)n;
	return expect_kinds(types[0], why, arg, 0, K(T_ENTIER));
}

static const struct type *
check_date(const struct type *const *types, size_t n, struct buf *why,
    int *arg)
{
	(void)n;
	return expect_kinds(types[0], why, arg, 0, K(T_DATE));
}

/* date -> entier: annee, mois, jour. */
static const struct type *
check_date_part(const struct type *const *types, size_t n, struct buf *why,
    int *arg)
{
	(void)n;
	if (expect_kinds(types[0], why, arg, 0, K(T_DATE)) == NULL)
		return NULL;
	return type_builtin(T_ENTIER);
}

/* (date, entier) -> date: jours_ouvres, jours_ouvrables. */
static const struct type *
check_date_shift(const struct type *const *types, size_t n, struct buf *why,
    int *arg)
{
	(void)n;
	if (expect_kinds(types[0], why, arg, 0, K(T_DATE)) == NULL ||
	    expect_kinds(types[1], why, arg, 1, K(T_ENTIER)) == NULL)
		return NULL;
	return type_builtin(T_DATE);
}

static const struct type *
check_printable(const struct type *const *types, size_t n, struct buf *why,
    int *arg)
{
	(void)n;
	if (printable(types[0]))
		return text_type();
	type_describe(why, types[0]);
	*arg = 0;
	return NULL;
}

static const struct type *
check_list(const struct type *const *types, size_t n, struct buf *why,
    int *arg)
{
	(void)n;
	if (types[0]->kind == T_ERROR ||
	    (types[0]->kind == T_LISTE && printable(types[0])))
		return text_type();
	type_describe(why, types[0]);
	*arg = 0;
	return NULL;
}

static const struct type *
check_pluriel(const struct type *const *types, size_t n, struct buf *why,
    int *arg)
{
	size_t i;

	if (types[0]->kind != T_ERROR && types[0]->kind != T_ENTIER &&
	    types[0]->kind != T_DECIMAL) {
		type_describe(why, types[0]);
		*arg = 0;
		return NULL;
	}
	for (i = 1; i < n; i++)
		if (types[i]->kind != T_ERROR && types[i]->kind != T_TEXTE) {
			type_describe(why, types[i]);
			buf_puts(why, " comme forme du mot : les formes "
			    "s'écrivent entre guillemets, « \"an\" \"ans\" »");
			*arg = (int)i;
			return NULL;
		}
	return text_type();
}

static void
set_text(struct value *out, struct buf *b)
{
	memset(out, 0, sizeof(*out));
	out->kind = T_TEXTE;
	out->u.text = buf_detach(b);
}

static bool
out_of_range(struct buf *why)
{
	buf_puts(why, "nombre hors des limites de l'écriture en lettres "
	    "(0 à 999 999 999 999,99)");
	return false;
}

static bool
eval_en_lettres(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	struct buf b;
	bool ok = false;

	(void)n;
	buf_init(&b);
	switch (args[0].kind) {
	case T_ENTIER:
		ok = fr_lettres_entier(&b, args[0].u.integer);
		break;
	case T_DECIMAL:
		ok = fr_lettres_decimal(&b, args[0].u.dec);
		break;
	case T_MONTANT:
		ok = fr_lettres_montant(&b, args[0].u.dec);
		break;
	default:
		break;
	}
	if (!ok) {
		buf_free(&b);
		return out_of_range(why);
	}
	set_text(out, &b);
	return true;
}

/* "mille cinq cents euros (1 500,00 €)", the legal double form. */
static bool
eval_en_toutes_lettres(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	struct buf b;

	if (!eval_en_lettres(args, n, out, why))
		return false;
	buf_init(&b);
	buf_puts(&b, out->u.text);
	value_free(out);
	buf_puts(&b, " (");
	value_print(&b, &args[0]);
	buf_putc(&b, ')');
	set_text(out, &b);
	return true;
}

static bool
eval_sans_centimes(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	struct buf b;

	(void)n;
	(void)why;
	buf_init(&b);
	fr_montant_sans_centimes(&b, args[0].u.dec);
	set_text(out, &b);
	return true;
}

static bool
eval_brut(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	struct buf b;

	(void)n;
	(void)why;
	buf_init(&b);
	if (args[0].kind == T_ENTIER)
		buf_printf(&b, "%lld", (long long)args[0].u.integer);
	else {
		size_t i;

		dec_to_string(&b, args[0].u.dec);
		for (i = 0; i < b.len; i++)
			if (b.data[i] == '.')
				b.data[i] = ',';
	}
	set_text(out, &b);
	return true;
}

static bool
eval_case(const struct value *args, struct value *out, bool upper)
{
	struct buf printed, b;

	buf_init(&printed);
	buf_init(&b);
	value_print(&printed, &args[0]);
	if (upper)
		fr_upper(&b, buf_cstr(&printed));
	else
		fr_lower(&b, buf_cstr(&printed));
	buf_free(&printed);
	set_text(out, &b);
	return true;
}

static bool
eval_majuscules(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	(void)n;
	(void)why;
	return eval_case(args, out, true);
}

static bool
eval_minuscules(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	(void)n;
	(void)why;
	return eval_case(args, out, false);
}

static bool
eval_date_courte(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	struct buf b;

	(void)n;
	(void)why;
	buf_init(&b);
	fr_date_courte(&b, args[0].u.date);
	set_text(out, &b);
	return true;
}

static bool
eval_date_longue(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	struct buf b;

	(void)n;
	(void)why;
	buf_init(&b);
	fr_date_longue(&b, args[0].u.date);
	set_text(out, &b);
	return true;
}

static bool
eval_jour_semaine(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	struct buf b;

	(void)n;
	(void)why;
	buf_init(&b);
	fr_jour_semaine(&b, args[0].u.date);
	set_text(out, &b);
	return true;
}

static void
set_entier(struct value *out, int64_t n)
{
	memset(out, 0, sizeof(*out));
	out->kind = T_ENTIER;
	out->u.integer = n;
}

static bool
eval_annee(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	(void)n;
	(void)why;
	set_entier(out, args[0].u.date.year);
	return true;
}

static bool
eval_mois(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	(void)n;
	(void)why;
	set_entier(out, args[0].u.date.month);
	return true;
}

static bool
eval_jour(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	(void)n;
	(void)why;
	set_entier(out, args[0].u.date.day);
	return true;
}

static bool
eval_date_shift(const struct value *args, struct value *out,
    struct buf *why, bool (*shift)(struct date, int64_t, struct date *))
{
	struct date result;

	if (!shift(args[0].u.date, args[1].u.integer, &result)) {
		buf_puts(why, "date hors du calendrier (années 1 à 9999)");
		return false;
	}
	memset(out, 0, sizeof(*out));
	out->kind = T_DATE;
	out->u.date = result;
	return true;
}

static bool
eval_jours_ouvres(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	(void)n;
	return eval_date_shift(args, out, why, date_add_jours_ouvres);
}

static bool
eval_jours_ouvrables(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	(void)n;
	return eval_date_shift(args, out, why, date_add_jours_ouvrables);
}

static bool
eval_liste(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	struct buf b;

	(void)n;
	(void)why;
	buf_init(&b);
	value_print(&b, &args[0]);
	set_text(out, &b);
	return true;
}

/* "1 prospect qualifié", "40 prospects qualifiés": singular when |n| < 2. */
static bool
eval_pluriel(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	struct buf b;
	bool singular;
	const char *words;

	(void)why;
	buf_init(&b);
	value_print(&b, &args[0]);
	if (args[0].kind == T_ENTIER)
		singular = args[0].u.integer > -2 && args[0].u.integer < 2;
	else {
		dec_t two = { 2, 1 }, minus_two = { -2, 1 };

		singular = dec_cmp(args[0].u.dec, two) < 0 &&
		    dec_cmp(args[0].u.dec, minus_two) > 0;
	}
	words = n < 2 ? "" : singular || n < 3 ? args[1].u.text :
	    args[2].u.text;
	if (n == 2 && !singular) {
		/* One word given: the regular plural adds an "s". */
		buf_puts(&b, NBSP);
		buf_puts(&b, words);
		buf_putc(&b, 's');
	} else if (*words != '\0') {
		buf_puts(&b, NBSP);
		buf_puts(&b, words);
	}
	set_text(out, &b);
	return true;
}

/* "1er", "2e", "21e"; feminine "1re", "2e".  A rank counts from 1:
 * "-5e" or "0e" would print a rank no contract has. */
static bool
put_ordinal(const struct value *args, struct value *out, struct buf *why,
    bool feminine)
{
	struct buf b;
	int64_t rank = args[0].u.integer;

	if (rank < 1) {
		buf_printf(why, "pas d'ordinal pour %lld, un rang se compte "
		    "à partir de 1", (long long)rank);
		return false;
	}
	buf_init(&b);
	fr_ordinal(&b, rank, feminine);
	set_text(out, &b);
	return true;
}

static bool
eval_ordinal(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	(void)n;
	return put_ordinal(args, out, why, false);
}

static bool
eval_ordinal_feminin(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	(void)n;
	return put_ordinal(args, out, why, true);
}

static const struct type *
check_count(const struct type *const *types, size_t n, struct buf *why,
    int *arg)
{
	(void)n;
	if (types[0]->kind == T_ERROR || types[0]->kind == T_LISTE)
		return type_builtin(T_ENTIER);
	type_describe(why, types[0]);
	*arg = 0;
	return NULL;
}

/* The number of items of a list: {si nombre(options) > 0}. */
static bool
eval_count(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	(void)n;
	(void)why;
	memset(out, 0, sizeof(*out));
	out->kind = T_ENTIER;
	out->u.integer = (int64_t)args[0].u.list.len;
	return true;
}

/* somme(prix), {prestations.prix | somme}: the total of a list of
 * numbers or montants, of its own type. */
static const struct type *
check_sum(const struct type *const *types, size_t n, struct buf *why,
    int *arg)
{
	const struct type *t = types[0];

	(void)n;
	if (t->kind == T_ERROR)
		return t;
	if (t->kind == T_LISTE && (t->elem->kind == T_ERROR ||
	    t->elem->kind == T_ENTIER || t->elem->kind == T_DECIMAL ||
	    t->elem->kind == T_MONTANT))
		return t->elem;
	type_describe(why, t);
	if (t->kind == T_LISTE)
		buf_puts(why, " : la somme se fait sur une liste d'entiers, "
		    "de décimaux ou de montants");
	*arg = 0;
	return NULL;
}

/* Montants are added as the operator + adds them (each to the cent,
 * which they already are); an empty list totals 0. */
static bool
eval_sum(const struct value *args, size_t n, struct value *out,
    struct buf *why)
{
	const struct value *list = &args[0];
	enum type_kind kind = list->type != NULL && list->type->elem != NULL ?
	    list->type->elem->kind : T_ENTIER;
	int64_t total = 0;
	dec_t sum = dec_from_units(0);
	size_t i;

	(void)n;
	memset(out, 0, sizeof(*out));
	for (i = 0; i < list->u.list.len; i++) {
		const struct value *v = &list->u.list.items[i];

		if (kind == T_ENTIER) {
			if (__builtin_add_overflow(total, v->u.integer, &total))
				goto overflow;
		} else if (dec_add(sum, v->u.dec, &sum) != DEC_OK)
			goto overflow;
	}
	out->kind = kind;
	if (kind == T_ENTIER)
		out->u.integer = total;
	else
		out->u.dec = sum;
	return true;
overflow:
	buf_printf(why, "le total dépasse le plus grand nombre que lgc "
	    "calcule exactement (au %zue élément)", i + 1);
	return false;
}

/* The signatures and lines are French text for editors (lgc_outline):
 * docs/langage.md §9 says the same at length. */
static const struct function functions[] = {
	{ "annee", 1, 1, check_date_part, eval_annee, "date → entier",
	    "l’année d’une date : `{date_effet | annee | brut}` → 2026" },
	{ "brut", 1, 1, check_number, eval_brut, "entier, décimal → texte",
	    "le nombre sans espace des milliers : `{2026 | brut}` → 2026" },
	{ "date_courte", 1, 1, check_date, eval_date_courte, "date → texte",
	    "la date en chiffres : `{date_effet | date_courte}` → 26/11/2026" },
	{ "date_longue", 1, 1, check_date, eval_date_longue, "date → texte",
	    "la date avec son jour : `{date_effet | date_longue}` → jeudi 26 "
	    "novembre 2026" },
	{ "en_lettres", 1, 1, check_en_lettres, eval_en_lettres,
	    "entier, décimal, montant → texte",
	    "le nombre en lettres : `{1500 € | en_lettres}` → mille cinq cents "
	    "euros" },
	{ "en_toutes_lettres", 1, 1, check_montant_or_entier,
	    eval_en_toutes_lettres, "montant, entier → texte",
	    "en lettres, puis en chiffres : `{1500 € | en_toutes_lettres}` → "
	    "mille cinq cents euros (1 500,00 €)" },
	{ "jour", 1, 1, check_date_part, eval_jour, "date → entier",
	    "le jour du mois d’une date : `{date_effet | jour}` → 26" },
	{ "jour_semaine", 1, 1, check_date, eval_jour_semaine, "date → texte",
	    "le jour de la semaine : `{date_effet | jour_semaine}` → jeudi" },
	{ "jours_ouvrables", 2, 2, check_date_shift, eval_jours_ouvrables,
	    "date, entier → date", "la date tant de jours ouvrables plus tard : "
	    "`{date_effet | jours_ouvrables 5}`" },
	{ "jours_ouvres", 2, 2, check_date_shift, eval_jours_ouvres,
	    "date, entier → date", "la date tant de jours ouvrés plus tard : "
	    "`{date_effet | jours_ouvres 5}`" },
	{ "liste", 1, 1, check_list, eval_liste, "liste → texte",
	    "les éléments joints à la française : `{villes | liste}` → Paris, "
	    "Lyon et Lille" },
	{ "majuscules", 1, 1, check_printable, eval_majuscules,
	    "valeur imprimable → texte", "en majuscules : "
	    "`{date_effet | majuscules}` → 26 NOVEMBRE 2026" },
	{ "minuscules", 1, 1, check_printable, eval_minuscules,
	    "valeur imprimable → texte", "en minuscules : "
	    "`{\"ÉCOLE\" | minuscules}` → école" },
	{ "mois", 1, 1, check_date_part, eval_mois, "date → entier",
	    "le mois d’une date, de 1 à 12 : `{date_effet | mois}` → 11" },
	{ "nombre", 1, 1, check_count, eval_count, "liste → entier",
	    "le nombre d’éléments d’une liste : `{si nombre(options) > 0}`" },
	{ "ordinal", 1, 1, check_entier, eval_ordinal, "entier → texte",
	    "l’ordinal abrégé : `{rang | ordinal}` → 1er, 2e, 21e" },
	{ "ordinal_feminin", 1, 1, check_entier, eval_ordinal_feminin,
	    "entier → texte", "l’ordinal féminin abrégé : "
	    "`{rang | ordinal_feminin}` → 1re, 2e, 21e" },
	{ "pluriel", 2, 3, check_pluriel, eval_pluriel,
	    "entier ou décimal, texte[, texte] → texte",
	    "le nombre et le mot accordé : `{n | pluriel \"prospect qualifié\" "
	    "\"prospects qualifiés\"}` → 40 prospects qualifiés" },
	{ "sans_centimes", 1, 1, check_montant, eval_sans_centimes,
	    "montant → texte", "le montant sans centimes : "
	    "`{40000 € | sans_centimes}` → 40 000 €" },
	{ "somme", 1, 1, check_sum, eval_sum,
	    "liste de nombres ou de montants → nombre ou montant",
	    "la somme des éléments d’une liste : `{somme(prix)}`" },
};

const struct function *
function_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(functions) / sizeof(functions[0]); i++)
		if (strcmp(functions[i].name, name) == 0)
			return &functions[i];
	return NULL;
}

size_t
function_count(void)
{
	return sizeof(functions) / sizeof(functions[0]);
}

const struct function *
function_at(size_t i)
{
	return &functions[i];
}
