/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* data.c: client JSON and -D checked against hand-built declarations,
 * each input resolved by the evaluator (eval/expr.c); none has a
 * condition, and the main file is empty. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "data/data.h"
#include "data/json.h"
#include "eval/eval.h"
#include "eval/expr.h"
#include "base/diag.h"
#include "base/source.h"
#include "check/program.h"
#include "lang/types.h"
#include "base/util.h"

enum {
	I_NOM, I_NB, I_TAUX, I_PRIX, I_COMMISSION, I_DATE, I_DELAI,
	I_GARANTIE, I_FACTURATION, I_PREAVIS, I_CLIENT, I_OPTIONS,
	I_REMARQUE, I_ESSAI, NINPUTS
};

struct world {
	struct program	 prog;
	struct file_ast	 main;
	struct input	 in[NINPUTS];
	struct choice_value cvalues[3];
	struct type	 choix;
	struct type	 liste;
	struct value	 nb_lo, nb_hi, preavis_set[2], essai_lo, essai_hi;
	struct constraint nb_cstr, preavis_cstr, essai_cstr, none;
	struct value	 def_garantie, def_preavis;
};

/* One run: a fresh data object whose diagnostics go to memory. */
struct run {
	FILE		*f;
	char		*out;
	size_t		 outlen;
	struct diags	*ds;
	struct data	*d;
	struct eval	*ev;
	bool		 ok;
	char		*text;	/* out with no-break spaces as spaces */
};

static const struct {
	int		 input;
	const char	*json;
} base[] = {
	{ I_NOM, "\"Société Exemple\"" },
	{ I_NB, "150" },
	{ I_TAUX, "12.5" },
	{ I_PRIX, "1500.50" },
	{ I_COMMISSION, "15" },
	{ I_DATE, "\"2026-11-26\"" },
	{ I_DELAI, "\"3 mois\"" },
	{ I_FACTURATION, "\"horaire\"" },
	{ I_CLIENT, "{\"nom\": \"LeadMotiv\", \"adresse\": \"1 rue de Paris\"}" },
};

static void
add_input(struct world *w, int i, const char *name, const char *label,
    const struct type *t)
{
	struct input *in = &w->in[i];

	in->name = (char *)name;
	in->label = label;
	in->type = t;
	in->cstr = &w->none;
	in->index = (size_t)i;
}

static void
world_init(struct world *w)
{
	int i;

	memset(w, 0, sizeof(*w));
	w->prog.main = &w->main;
	w->cvalues[0].name = (char *)"commission";
	w->cvalues[1].name = (char *)"horaire";
	w->cvalues[2].name = (char *)"forfait";
	w->cvalues[2].words = (char *)"forfait mensuel";
	w->choix.kind = T_CHOIX;
	w->choix.values = w->cvalues;
	w->choix.nvalues = 3;
	w->liste.kind = T_LISTE;
	w->liste.elem = type_builtin(T_TEXTE);

	w->nb_lo.kind = w->nb_hi.kind = T_ENTIER;
	w->nb_lo.u.integer = 1;
	w->nb_hi.u.integer = 100000;
	w->nb_cstr.kind = CSTR_ENTRE;
	w->nb_cstr.lo = &w->nb_lo;
	w->nb_cstr.hi = &w->nb_hi;
	w->preavis_set[0].kind = w->preavis_set[1].kind = T_ENTIER;
	w->preavis_set[0].u.integer = 14;
	w->preavis_set[1].u.integer = 30;
	w->preavis_cstr.kind = CSTR_PARMI;
	w->preavis_cstr.set = w->preavis_set;
	w->preavis_cstr.nset = 2;
	w->essai_lo.kind = w->essai_hi.kind = T_DUREE;
	w->essai_lo.u.duree.count = 1;
	w->essai_lo.u.duree.unit = DUREE_MOIS;
	w->essai_hi.u.duree.count = 1;
	w->essai_hi.u.duree.unit = DUREE_AN;
	w->essai_cstr.kind = CSTR_ENTRE;
	w->essai_cstr.lo = &w->essai_lo;
	w->essai_cstr.hi = &w->essai_hi;
	w->def_garantie.kind = T_BOOLEEN;
	w->def_preavis.kind = T_ENTIER;
	w->def_preavis.u.integer = 30;

	add_input(w, I_NOM, "nom", "Nom du client", type_builtin(T_TEXTE));
	add_input(w, I_NB, "nb", "Nombre de prospects",
	    type_builtin(T_ENTIER));
	w->in[I_NB].cstr = &w->nb_cstr;
	add_input(w, I_TAUX, "taux", NULL, type_builtin(T_DECIMAL));
	add_input(w, I_PRIX, "prix", "Prix", type_builtin(T_MONTANT));
	add_input(w, I_COMMISSION, "commission", NULL,
	    type_builtin(T_POURCENTAGE));
	add_input(w, I_DATE, "date_effet", "Date d'entrée en vigueur",
	    type_builtin(T_DATE));
	add_input(w, I_DELAI, "delai", NULL, type_builtin(T_DUREE));
	add_input(w, I_GARANTIE, "garantie", NULL, type_builtin(T_BOOLEEN));
	w->in[I_GARANTIE].def = &w->def_garantie;
	add_input(w, I_FACTURATION, "facturation", NULL, &w->choix);
	add_input(w, I_PREAVIS, "preavis", NULL, type_builtin(T_ENTIER));
	w->in[I_PREAVIS].cstr = &w->preavis_cstr;
	w->in[I_PREAVIS].def = &w->def_preavis;
	add_input(w, I_CLIENT, "client", "Le client", type_partie());
	add_input(w, I_OPTIONS, "options", NULL, &w->liste);
	w->in[I_OPTIONS].optional = true;
	add_input(w, I_REMARQUE, "remarque", NULL, type_builtin(T_TEXTE));
	w->in[I_REMARQUE].optional = true;
	add_input(w, I_ESSAI, "essai", NULL, type_builtin(T_DUREE));
	w->in[I_ESSAI].cstr = &w->essai_cstr;
	w->in[I_ESSAI].optional = true;
	for (i = 0; i < NINPUTS; i++)
		ptrvec_push(&w->prog.inputs, &w->in[i]);
}

static void
world_free(struct world *w)
{
	ptrvec_free(&w->prog.inputs);
}

static void
run_begin(struct run *r, struct world *w)
{
	memset(r, 0, sizeof(*r));
	r->f = open_memstream(&r->out, &r->outlen);
	r->ds = diags_new(diag_sink_stream, r->f);
	r->d = data_new(&w->prog, r->ds);
	r->ev = eval_new(&w->prog, r->d, r->ds);
}

/* Flushes the diagnostics into r->text. */
static void
run_flush(struct run *r)
{
	struct buf b;
	size_t i;

	diags_flush(r->ds);
	fflush(r->f);
	buf_init(&b);
	for (i = 0; i < r->outlen; i++) {
		if (i + 1 < r->outlen && memcmp(r->out + i, NBSP, 2) == 0) {
			buf_putc(&b, ' ');
			i++;
		} else
			buf_putc(&b, r->out[i]);
	}
	free(r->text);
	r->text = buf_detach(&b);
}

static void
run_end(struct run *r)
{
	eval_free(r->ev);
	data_free(r->d);
	diags_free(r->ds);
	fclose(r->f);
	free(r->out);
	free(r->text);
}

static bool
load_str(struct run *r, const char *name, const char *text)
{
	return data_load_text(r->d, name, text, strlen(text));
}

static int
errors(const struct run *r)
{
	return diags_count(r->ds, SEV_ERROR) + diags_count(r->ds, SEV_FATAL);
}

static int
warnings(const struct run *r)
{
	return diags_count(r->ds, SEV_WARNING);
}

static bool
says(const struct run *r, const char *fragment)
{
	if (r->text != NULL && strstr(r->text, fragment) != NULL)
		return true;
	printf("  (messages : %s)\n", r->text ? r->text : "(rien)");
	return false;
}

/* The base document with input KEY's JSON replaced by JSON (NULL:
 * left out), plus EXTRA members; loaded and resolved. */
static void
run_doc(struct run *r, struct world *w, int key, const char *json,
    const char *extra)
{
	struct buf b;
	size_t i;
	bool first = true, done = false;

	buf_init(&b);
	buf_puts(&b, "{\n");
	for (i = 0; i < sizeof(base) / sizeof(base[0]); i++) {
		const char *v = base[i].json;

		if (base[i].input == key) {
			v = json;
			done = true;
		}
		if (v == NULL)
			continue;
		buf_printf(&b, "%s  \"%s\": %s", first ? "" : ",\n",
		    w->in[base[i].input].name, v);
		first = false;
	}
	if (!done && key >= 0 && json != NULL) {
		buf_printf(&b, ",\n  \"%s\": %s", w->in[key].name, json);
	}
	if (extra != NULL)
		buf_printf(&b, ",\n  %s", extra);
	buf_puts(&b, "\n}\n");
	run_begin(r, w);
	r->ok = data_load_text(r->d, "donnees.json", b.data, b.len);
	r->ok = eval_inputs(r->ev) && r->ok;
	run_flush(r);
	buf_free(&b);
}

/* Checks that input KEY given as JSON fails with a message containing
 * FRAGMENT, and only that input fails. */
static void
expect_error(struct unit *u, struct world *w, int key, const char *json,
    const char *fragment)
{
	struct run r;
	int i, failed = 0;

	run_doc(&r, w, key, json, NULL);
	if (!says(&r, fragment) || r.ok || !input_failed(r.ev, (size_t)key) ||
	    input_value(r.ev, (size_t)key) != NULL)
		printf("  (avec %s = %s)\n", w->in[key].name, json);
	CHECK(u, !r.ok);
	CHECK(u, strstr(r.text, fragment) != NULL);
	CHECK(u, input_failed(r.ev, (size_t)key));
	CHECK(u, input_value(r.ev, (size_t)key) == NULL);
	for (i = 0; i < NINPUTS; i++)
		if (input_failed(r.ev, (size_t)i))
			failed++;
	CHECK(u, failed == 1);
	CHECK(u, strstr(r.text, "chemin JSON") != NULL);
	run_end(&r);
}

/* Input KEY given as JSON is accepted; returns a copy of its value. */
static struct value
expect_ok(struct unit *u, struct world *w, int key, const char *json)
{
	struct value v;
	const struct value *got;
	struct run r;

	memset(&v, 0, sizeof(v));
	v.kind = T_ERROR;
	run_doc(&r, w, key, json, NULL);
	if (!r.ok)
		printf("  (refusé : %s = %s)\n%s", w->in[key].name, json,
		    r.text);
	CHECK(u, r.ok);
	CHECK(u, errors(&r) == 0 && warnings(&r) == 0);
	got = input_value(r.ev, (size_t)key);
	CHECK(u, got != NULL);
	if (got != NULL)
		value_copy(&v, got);
	run_end(&r);
	return v;
}

static void
check_base(struct unit *u, struct world *w)
{
	const struct value *v;
	struct run r;

	run_doc(&r, w, -1, NULL, NULL);
	CHECK(u, r.ok);
	CHECK(u, errors(&r) == 0 && warnings(&r) == 0);
	CHECK_STR(u, r.text, "");
	v = input_value(r.ev, I_NOM);
	CHECK(u, v != NULL && v->kind == T_TEXTE &&
	    strcmp(v->u.text, "Société Exemple") == 0);
	v = input_value(r.ev, I_NB);
	CHECK(u, v != NULL && v->kind == T_ENTIER && v->u.integer == 150);
	v = input_value(r.ev, I_TAUX);
	CHECK(u, v != NULL && v->kind == T_DECIMAL &&
	    dec_units(v->u.dec) == INT64_C(12500000));
	v = input_value(r.ev, I_PRIX);
	CHECK(u, v != NULL && v->kind == T_MONTANT &&
	    dec_units(v->u.dec) == INT64_C(1500500000));
	v = input_value(r.ev, I_COMMISSION);
	CHECK(u, v != NULL && v->kind == T_POURCENTAGE &&
	    dec_units(v->u.dec) == INT64_C(15000000));
	v = input_value(r.ev, I_DATE);
	CHECK(u, v != NULL && v->kind == T_DATE && v->u.date.year == 2026 &&
	    v->u.date.month == 11 && v->u.date.day == 26);
	v = input_value(r.ev, I_DELAI);
	CHECK(u, v != NULL && v->kind == T_DUREE && v->u.duree.count == 3 &&
	    v->u.duree.unit == DUREE_MOIS);
	/* Defaults. */
	v = input_value(r.ev, I_GARANTIE);
	CHECK(u, v != NULL && v->kind == T_BOOLEEN && !v->u.boolean);
	v = input_value(r.ev, I_PREAVIS);
	CHECK(u, v != NULL && v->kind == T_ENTIER && v->u.integer == 30);
	v = input_value(r.ev, I_FACTURATION);
	CHECK(u, v != NULL && v->kind == T_CHOIX && v->type == &w->choix &&
	    v->u.choice == 1);
	v = input_value(r.ev, I_CLIENT);
	CHECK(u, v != NULL && v->kind == T_RECORD && v->type == type_partie() &&
	    v->u.record.len == type_partie()->nfields);
	if (v != NULL && v->kind == T_RECORD) {
		CHECK_STR(u, v->u.record.fields[0].u.text, "LeadMotiv");
		CHECK_STR(u, v->u.record.fields[1].u.text, "1 rue de Paris");
		/* representant, qualite, email: their "" defaults */
		CHECK(u, v->u.record.fields[2].kind == T_TEXTE);
		CHECK_STR(u, v->u.record.fields[2].u.text, "");
	}
	/* Optional and absent: not a failure. */
	CHECK(u, input_value(r.ev, I_OPTIONS) == NULL);
	CHECK(u, !input_failed(r.ev, I_OPTIONS));
	CHECK(u, input_value(r.ev, I_REMARQUE) == NULL);
	CHECK(u, !input_failed(r.ev, I_REMARQUE));
	CHECK(u, input_value(r.ev, NINPUTS) == NULL);
	CHECK(u, !input_failed(r.ev, NINPUTS));
	/* Memoised: the same value twice. */
	CHECK(u, input_value(r.ev, I_NB) == input_value(r.ev, I_NB));
	run_end(&r);
}

static void
check_texte(struct unit *u, struct world *w)
{
	struct value v;

	v = expect_ok(u, w, I_NOM, "\"ligne 1\\nligne 2\\tfin\\r\"");
	CHECK(u, v.kind == T_TEXTE && strcmp(v.u.text,
	    "ligne 1\nligne 2\tfin\r") == 0);
	value_free(&v);
	v = expect_ok(u, w, I_NOM, "\"\"");
	CHECK(u, v.kind == T_TEXTE && v.u.text[0] == '\0');
	value_free(&v);
	expect_error(u, w, I_NOM, "12", "« nom » (Nom du client) : il faut "
	    "un texte, pas un nombre (12)");
	expect_error(u, w, I_NOM, "12", "entre guillemets : \"12\"");
	expect_error(u, w, I_NOM, "true", "pas un booléen (true)");
	expect_error(u, w, I_NOM, "[\"a\"]", "pas une liste");
	expect_error(u, w, I_NOM, "\"a\\u0007b\"", "caractère de contrôle "
	    "U+0007 interdit");
	expect_error(u, w, I_NOM, "\"a\\u001bb\"", "U+001B");
	expect_error(u, w, I_NOM, "\"del\\u007f\"", "U+007F");
	expect_error(u, w, I_NOM, "\"c1\\u0085\"", "U+0085");
	expect_error(u, w, I_NOM, "\"c1\\u009f\"", "U+009F");
}

static void
check_entier(struct unit *u, struct world *w)
{
	struct value v;

	v = expect_ok(u, w, I_NB, "3.0");
	CHECK(u, v.kind == T_ENTIER && v.u.integer == 3);
	v = expect_ok(u, w, I_NB, "100000");
	CHECK(u, v.u.integer == 100000);
	expect_error(u, w, I_NB, "\"abc\"", "« nb » (Nombre de prospects) : "
	    "il faut un entier, pas un texte « abc »");
	expect_error(u, w, I_NB, "\"12\"", "écrivez le nombre sans "
	    "guillemets : 12");
	expect_error(u, w, I_NB, "3.5", "3.5 n'est pas un nombre entier");
	expect_error(u, w, I_NB, "9000000000001", "dépasse la limite");
	expect_error(u, w, I_NB, "-9000000000001", "dépasse la limite");
	expect_error(u, w, I_NB, "1e15", "dépasse la limite");
	expect_error(u, w, I_NB, "null", "« nb » (Nombre de prospects) "
	    "manquant");
	/* entre 1 et 100000 */
	expect_error(u, w, I_NB, "0", "0 n'est pas entre 1 et 100 000");
	expect_error(u, w, I_NB, "100001", "100 001 n'est pas entre 1 et "
	    "100 000");
	/* parmi (14, 30) */
	v = expect_ok(u, w, I_PREAVIS, "14");
	CHECK(u, v.u.integer == 14);
	expect_error(u, w, I_PREAVIS, "15", "« preavis » : 15 n'est pas "
	    "parmi (14, 30)");
}

static void
check_decimal(struct unit *u, struct world *w)
{
	struct value v;

	/* Exact: 0.1 is one tenth, whether a number or a string. */
	v = expect_ok(u, w, I_TAUX, "0.1");
	CHECK(u, v.kind == T_DECIMAL && dec_units(v.u.dec) == INT64_C(100000));
	v = expect_ok(u, w, I_TAUX, "\"0.1\"");
	CHECK(u, dec_units(v.u.dec) == INT64_C(100000));
	v = expect_ok(u, w, I_TAUX, "-7");
	CHECK(u, dec_units(v.u.dec) == INT64_C(-7000000));
	v = expect_ok(u, w, I_TAUX, "\"123456789.123456\"");
	CHECK(u, dec_units(v.u.dec) == INT64_C(123456789123456));
	v = expect_ok(u, w, I_TAUX, "1.5e2");
	CHECK(u, dec_units(v.u.dec) == INT64_C(150000000));
	expect_error(u, w, I_TAUX, "\"12,5\"", "écrivez « 12.5 »");
	expect_error(u, w, I_TAUX, "\"abc\"", "il faut un nombre (ou texte "
	    "\"12.5\"), pas un texte « abc »");
	expect_error(u, w, I_TAUX, "true", "pas un booléen (true)");
	expect_error(u, w, I_TAUX, "0.1234567", "0.1234567 a plus de 6 "
	    "décimales");
	expect_error(u, w, I_TAUX, "\"0.1234567\"", "plus de 6 décimales");
	expect_error(u, w, I_TAUX, "\"99999999999999999\"", "trop grand");

	v = expect_ok(u, w, I_PRIX, "0.1");
	CHECK(u, v.kind == T_MONTANT && dec_units(v.u.dec) == INT64_C(100000));
	v = expect_ok(u, w, I_PRIX, "\"1500.50\"");
	CHECK(u, dec_units(v.u.dec) == INT64_C(1500500000));
	v = expect_ok(u, w, I_PRIX, "40000");
	CHECK(u, dec_units(v.u.dec) == INT64_C(40000000000));
	expect_error(u, w, I_PRIX, "1500.555", "un montant a au plus deux "
	    "décimales (reçu : 1500.555)");
	expect_error(u, w, I_PRIX, "\"1500.555\"",
	    "arrondissez au centime, par exemple à 1500.56");
	expect_error(u, w, I_PRIX, "\"1 500,50 €\"", "écrivez « 1500.50 »");
	expect_error(u, w, I_PRIX, "{}", "il faut un montant (nombre, ou "
	    "texte \"1500.50\" ou \"1500.50 €\"), pas un objet");
	/* A trailing euro sign, as a form writes it; not before, not
	 * another currency, not a comma that reads two ways. */
	v = expect_ok(u, w, I_PRIX, "\"1500.50 €\"");
	CHECK(u, dec_units(v.u.dec) == INT64_C(1500500000));
	v = expect_ok(u, w, I_PRIX, "\"12€\"");
	CHECK(u, dec_units(v.u.dec) == INT64_C(12000000));
	v = expect_ok(u, w, I_PRIX, "\"12.5\xc2\xa0€\"");
	CHECK(u, dec_units(v.u.dec) == INT64_C(12500000));
	v = expect_ok(u, w, I_PRIX, "\"12.5\xe2\x80\xaf€\"");
	CHECK(u, dec_units(v.u.dec) == INT64_C(12500000));
	expect_error(u, w, I_PRIX, "\"€12\"", "écrivez « 12 » (ou avec "
	    "« € » à la fin)");
	expect_error(u, w, I_PRIX, "\"12 € \"", "n'est pas un nombre valide");
	expect_error(u, w, I_PRIX, "\"12 EUR\"", "pas un texte « 12 EUR »");
	expect_error(u, w, I_PRIX, "\"1,500 €\"", "« 1,500 € » peut se lire "
	    "de deux façons ; écrivez « 1.500 » ou « 1500 »");
	expect_error(u, w, I_PRIX, "\"12 %\"", "pas un texte « 12 % »");
	expect_error(u, w, I_COMMISSION, "\"12 €\"", "« 12 € » n'est pas un "
	    "nombre valide");

	v = expect_ok(u, w, I_COMMISSION, "\"15 %\"");
	CHECK(u, v.kind == T_POURCENTAGE && dec_units(v.u.dec) == INT64_C(15000000));
	v = expect_ok(u, w, I_COMMISSION, "\"15%\"");
	CHECK(u, dec_units(v.u.dec) == INT64_C(15000000));
	v = expect_ok(u, w, I_COMMISSION, "\"12.5\xc2\xa0%\"");
	CHECK(u, dec_units(v.u.dec) == INT64_C(12500000));
	v = expect_ok(u, w, I_COMMISSION, "2.5");
	CHECK(u, dec_units(v.u.dec) == INT64_C(2500000));
	expect_error(u, w, I_COMMISSION, "\"12,5 %\"", "écrivez « 12.5 »");
	expect_error(u, w, I_COMMISSION, "\"%\"", "un pourcentage");
	expect_error(u, w, I_COMMISSION, "false", "pas un booléen "
	    "(false)");
}

static void
check_date_duree(struct unit *u, struct world *w)
{
	struct value v;

	v = expect_ok(u, w, I_DATE, "\"2024-02-29\"");
	CHECK(u, v.kind == T_DATE && v.u.date.year == 2024 &&
	    v.u.date.month == 2 && v.u.date.day == 29);
	expect_error(u, w, I_DATE, "\"26/11/2026\"", "écrivez "
	    "\"2026-11-26\"");
	expect_error(u, w, I_DATE, "\"1/2/2026\"", "écrivez \"2026-02-01\"");
	expect_error(u, w, I_DATE, "\"2026-02-30\"", "la date « 2026-02-30 » "
	    "n'existe pas");
	expect_error(u, w, I_DATE, "\"demain\"", "par exemple "
	    "\"2026-11-26\"");
	expect_error(u, w, I_DATE, "20261126", "« date_effet » (Date "
	    "d'entrée en vigueur) : il faut une date (texte \"2026-11-26\"), "
	    "pas un nombre (20261126)");

	v = expect_ok(u, w, I_DELAI, "\"30 jours\"");
	CHECK(u, v.kind == T_DUREE && v.u.duree.count == 30 &&
	    v.u.duree.unit == DUREE_JOUR);
	v = expect_ok(u, w, I_DELAI, "\"1 jour\"");
	CHECK(u, v.u.duree.count == 1 && v.u.duree.unit == DUREE_JOUR);
	v = expect_ok(u, w, I_DELAI, "\"2 semaines\"");
	CHECK(u, v.u.duree.count == 2 && v.u.duree.unit == DUREE_SEMAINE);
	v = expect_ok(u, w, I_DELAI, "\"1 an\"");
	CHECK(u, v.u.duree.count == 1 && v.u.duree.unit == DUREE_AN);
	v = expect_ok(u, w, I_DELAI, "\"0 ans\"");
	CHECK(u, v.u.duree.count == 0 && v.u.duree.unit == DUREE_AN);
	v = expect_ok(u, w, I_DELAI, "\"6mois\"");
	CHECK(u, v.u.duree.count == 6 && v.u.duree.unit == DUREE_MOIS);
	v = expect_ok(u, w, I_DELAI, "\" 12  mois \"");
	CHECK(u, v.u.duree.count == 12 && v.u.duree.unit == DUREE_MOIS);
	expect_error(u, w, I_DELAI, "\"3 années\"", "écrivez \"3 ans\"");
	expect_error(u, w, I_DELAI, "\"3 moi\"", "écrivez \"3 mois\"");
	expect_error(u, w, I_DELAI, "\"3 heures\"", "unité de durée inconnue");
	expect_error(u, w, I_DELAI, "\"trois mois\"", "n'est pas une durée");
	expect_error(u, w, I_DELAI, "\"1.5 mois\"", "n'est pas une durée");
	expect_error(u, w, I_DELAI, "\"-1 mois\"", "n'est pas négative");
	expect_error(u, w, I_DELAI, "\"3 mois 2 jours\"", "n'est pas une "
	    "durée");
	expect_error(u, w, I_DELAI, "3", "précisez l'unité : \"3 mois\"");

	/* entre 1 mois et 1 an: days do not compare with months. */
	v = expect_ok(u, w, I_ESSAI, "\"1 an\"");
	CHECK(u, v.u.duree.unit == DUREE_AN);
	v = expect_ok(u, w, I_ESSAI, "\"12 mois\"");
	CHECK(u, v.u.duree.count == 12 && v.u.duree.unit == DUREE_MOIS);
	expect_error(u, w, I_ESSAI, "\"13 mois\"", "13 mois n'est pas entre "
	    "1 mois et 1 an");
	expect_error(u, w, I_ESSAI, "\"0 mois\"", "0 mois n'est pas entre "
	    "1 mois et 1 an");
	expect_error(u, w, I_ESSAI, "\"30 jours\"", "exprimez la durée");
}

static void
check_booleen_choix(struct unit *u, struct world *w)
{
	struct value v;

	v = expect_ok(u, w, I_GARANTIE, "true");
	CHECK(u, v.kind == T_BOOLEEN && v.u.boolean);
	v = expect_ok(u, w, I_GARANTIE, "null");
	CHECK(u, v.kind == T_BOOLEEN && !v.u.boolean);
	expect_error(u, w, I_GARANTIE, "\"oui\"", "il faut un booléen (true "
	    "ou false), pas un texte « oui » ; écrivez true ou "
	    "false, sans guillemets");
	expect_error(u, w, I_GARANTIE, "1", "pas un nombre (1)");

	v = expect_ok(u, w, I_FACTURATION, "\"forfait\"");
	CHECK(u, v.kind == T_CHOIX && v.type == &w->choix && v.u.choice == 2);
	expect_error(u, w, I_FACTURATION, "\"horaires\"", "« facturation » : "
	    "« horaires » n'est pas une valeur possible (commission, horaire, "
	    "forfait)");
	expect_error(u, w, I_FACTURATION, "\"horaires\"", "vouliez-vous dire "
	    "« horaire » ?");
	expect_error(u, w, I_FACTURATION, "\"Forfait mensuel\"", "vouliez-vous "
	    "dire « forfait » ?");
	expect_error(u, w, I_FACTURATION, "2", "il faut un choix (texte "
	    "\"commission\", \"horaire\" ou \"forfait\")");
}

static void
check_record_list(struct unit *u, struct world *w)
{
	struct value v;
	struct run r;

	v = expect_ok(u, w, I_CLIENT, "{\"nom\": \"A\", \"adresse\": \"B\", "
	    "\"representant\": \"M. Marchal\", \"email\": null}");
	CHECK(u, v.kind == T_RECORD && v.u.record.len == 5);
	if (v.kind == T_RECORD && v.u.record.len == 5) {
		CHECK_STR(u, v.u.record.fields[2].u.text, "M. Marchal");
		CHECK_STR(u, v.u.record.fields[4].u.text, "");
	}
	value_free(&v);
	expect_error(u, w, I_CLIENT, "{\"nom\": \"A\"}", "« client.adresse » "
	    "(Adresse) manquant : ajoutez la clé \"adresse\" à l'objet");
	expect_error(u, w, I_CLIENT, "{\"nom\": \"A\"}", "chemin JSON : "
	    "client.adresse");
	expect_error(u, w, I_CLIENT, "\"LeadMotiv\"", "« client » (Le client) "
	    ": il faut un objet, pas un texte « LeadMotiv »");
	expect_error(u, w, I_CLIENT, "{\"nom\": 5, \"adresse\": \"B\"}",
	    "« client.nom » (Nom ou raison sociale) : il faut un texte");
	expect_error(u, w, I_CLIENT, "{\"nom\": \"a\\u0002\", \"adresse\": "
	    "\"B\"}", "U+0002");

	/* A misspelt field: missing, and the stray key is pointed out. */
	run_doc(&r, w, I_CLIENT, "{\"nom\": \"A\", \"adrese\": \"B\"}", NULL);
	CHECK(u, !r.ok && errors(&r) == 1 && warnings(&r) == 1);
	CHECK(u, says(&r, "la clé « adrese » est-elle une faute de frappe"));
	CHECK(u, says(&r, "clé inconnue « client.adrese » ignorée ; "
	    "vouliez-vous dire « adresse » ?"));
	run_end(&r);

	/* Both fields missing: two errors in one run. */
	run_doc(&r, w, I_CLIENT, "{}", NULL);
	CHECK(u, errors(&r) == 2);
	CHECK(u, says(&r, "« client.nom »") && says(&r, "« client.adresse »"));
	run_end(&r);

	v = expect_ok(u, w, I_OPTIONS, "[\"a\", \"b\"]");
	CHECK(u, v.kind == T_LISTE && v.type == &w->liste &&
	    v.u.list.len == 2);
	if (v.kind == T_LISTE && v.u.list.len == 2)
		CHECK_STR(u, v.u.list.items[1].u.text, "b");
	value_free(&v);
	v = expect_ok(u, w, I_OPTIONS, "[]");
	CHECK(u, v.kind == T_LISTE && v.u.list.len == 0);
	value_free(&v);
	expect_error(u, w, I_OPTIONS, "[\"a\", 3]", "« options[1] » : il faut "
	    "un texte, pas un nombre (3)");
	expect_error(u, w, I_OPTIONS, "[\"a\", 3]", "chemin JSON : "
	    "options[1]");
	expect_error(u, w, I_OPTIONS, "\"a\"", "il faut une liste");

	/* Both bad items are reported. */
	run_doc(&r, w, I_OPTIONS, "[1, \"ok\", 2]", NULL);
	CHECK(u, errors(&r) == 2);
	CHECK(u, says(&r, "options[0]") && says(&r, "options[2]"));
	run_end(&r);
}

static void
check_presence(struct unit *u, struct world *w)
{
	struct run r;

	run_doc(&r, w, I_DATE, NULL, NULL);
	CHECK(u, !r.ok && errors(&r) == 1);
	CHECK(u, says(&r, "donnees.json: erreur: « date_effet » (Date "
	    "d'entrée en vigueur) manquant : ajoutez la clé \"date_effet\" "
	    "aux données ; valeur attendue : une date (texte \"2026-11-26\")"));
	CHECK(u, input_failed(r.ev, I_DATE));
	run_end(&r);

	/* A misspelt key: the missing input and the unknown key both
	 * point at each other. */
	run_doc(&r, w, I_DATE, NULL, "\"date_efet\": \"2026-01-01\"");
	CHECK(u, errors(&r) == 1 && warnings(&r) == 1);
	CHECK(u, says(&r, "la clé « date_efet » est-elle une faute de "
	    "frappe ?"));
	CHECK(u, says(&r, "donnees.json:10:3: avertissement: clé inconnue "
	    "« date_efet » ignorée ; vouliez-vous dire « date_effet » ?"));
	run_end(&r);

	/* Unknown keys are warnings only. */
	run_doc(&r, w, -1, NULL, "\"factruation\": 1, \"zzz\": null");
	CHECK(u, r.ok);
	CHECK(u, errors(&r) == 0 && warnings(&r) == 2);
	CHECK(u, says(&r, "clé inconnue « factruation » ignorée ; "
	    "vouliez-vous dire « facturation » ?"));
	CHECK(u, says(&r, "clé inconnue « zzz » ignorée\n"));
	run_end(&r);

	/* An optional input given as null is absent. */
	run_doc(&r, w, I_REMARQUE, "null", NULL);
	CHECK(u, r.ok && input_value(r.ev, I_REMARQUE) == NULL &&
	    !input_failed(r.ev, I_REMARQUE));
	run_end(&r);

	/* Every error of a document in one run. */
	run_doc(&r, w, I_NB, "\"x\"", "\"taux\": \"y\"");
	CHECK(u, errors(&r) >= 1);
	run_end(&r);
	run_begin(&r, w);
	CHECK(u, load_str(&r, "a.json", "{\"nb\": \"x\", \"taux\": true, "
	    "\"prix\": 1.001}"));
	CHECK(u, !eval_inputs(r.ev));
	run_flush(&r);
	/* nb, taux, prix wrong; nom, commission, date_effet, delai,
	 * facturation, client missing. */
	CHECK(u, errors(&r) == 9);
	run_end(&r);

	/* No data at all: the message says how to give it. */
	run_begin(&r, w);
	CHECK(u, !eval_inputs(r.ev));
	run_flush(&r);
	CHECK(u, says(&r, "lgc: erreur: « nom » (Nom du client) manquant : "
	    "donnez-le dans un fichier de données (-d) ou par -D nom=…"));
	run_end(&r);
}

static void
check_syntax(struct unit *u, struct world *w)
{
	static const char bad[] = "{\n  \"nom\": \"x\",\n  \"nb\": ,\n}\n";
	char deep[1024], deeper[8000];
	struct run r;
	size_t i, n;

	run_begin(&r, w);
	CHECK(u, !data_load_text(r.d, "donnees.json", bad, strlen(bad)));
	CHECK(u, !eval_inputs(r.ev));
	run_flush(&r);
	CHECK(u, errors(&r) == 1);
	CHECK(u, says(&r, "donnees.json:3:9: erreur: JSON invalide : "
	    "symbole inattendu près de « , »"));
	CHECK(u, says(&r, "\n 3 |   \"nb\": ,\n   |         ^\n"));
	run_end(&r);

	run_begin(&r, w);
	CHECK(u, !load_str(&r, "d.json", "{\"nom\": \"x\",}"));
	run_flush(&r);
	CHECK(u, says(&r, "d.json:1:13: erreur: JSON invalide"));
	CHECK(u, says(&r, "une virgule en trop"));
	run_end(&r);

	run_begin(&r, w);
	CHECK(u, !load_str(&r, "d.json", "{'nom': 1}"));
	run_flush(&r);
	CHECK(u, says(&r, "guillemets droits"));
	run_end(&r);

	run_begin(&r, w);
	CHECK(u, !load_str(&r, "d.json", "{\"a\": 1, \"a\": 2}"));
	run_flush(&r);
	CHECK(u, says(&r, "clé en double"));
	run_end(&r);

	run_begin(&r, w);
	CHECK(u, !data_load_text(r.d, "d.json", "", 0));
	run_flush(&r);
	CHECK(u, says(&r, "d.json:1:1: erreur: JSON invalide"));
	run_end(&r);

	run_begin(&r, w);
	CHECK(u, !load_str(&r, "d.json", "[1, 2]"));
	run_flush(&r);
	CHECK(u, says(&r, "d.json: erreur: les données doivent être un objet "
	    "JSON { \"nom\": valeur, … }, pas un tableau"));
	run_end(&r);

	run_begin(&r, w);
	CHECK(u, !load_str(&r, "d.json", "\"x\""));
	CHECK(u, !load_str(&r, "e.json", "12.5"));
	CHECK(u, !load_str(&r, "f.json", "null"));
	CHECK(u, !load_str(&r, "g.json", "true"));
	run_flush(&r);
	CHECK(u, says(&r, "pas un texte") && says(&r, "pas un nombre") &&
	    says(&r, "pas null") && says(&r, "pas un booléen"));
	run_end(&r);

	/* A byte order mark is skipped. */
	run_begin(&r, w);
	CHECK(u, load_str(&r, "d.json", "\xEF\xBB\xBF{}"));
	run_end(&r);

	/* 200 levels: refused before any recursion over them. */
	n = 0;
	n += (size_t)snprintf(deep, sizeof(deep), "{\"nom\": ");
	for (i = 0; i < 200; i++)
		deep[n++] = '[';
	for (i = 0; i < 200; i++)
		deep[n++] = ']';
	deep[n++] = '}';
	deep[n] = '\0';
	run_begin(&r, w);
	CHECK(u, !data_load_text(r.d, "d.json", deep, n));
	CHECK(u, !eval_inputs(r.ev));
	run_flush(&r);
	CHECK(u, errors(&r) == 1);
	CHECK(u, says(&r, "d.json: erreur: données imbriquées sur plus de 32 "
	    "niveaux"));
	run_end(&r);

	/* Beyond jansson's own limit: the same error. */
	n = 0;
	for (i = 0; i < 3000; i++)
		deeper[n++] = '[';
	deeper[n] = '\0';
	run_begin(&r, w);
	CHECK(u, !data_load_text(r.d, "d.json", deeper, n));
	run_flush(&r);
	CHECK(u, says(&r, "plus de 32 niveaux"));
	run_end(&r);

	/* 32 levels (the root is the first) are fine. */
	n = (size_t)snprintf(deep, sizeof(deep), "{\"x\": ");
	for (i = 0; i < 31; i++)
		deep[n++] = '[';
	for (i = 0; i < 31; i++)
		deep[n++] = ']';
	deep[n++] = '}';
	deep[n] = '\0';
	run_begin(&r, w);
	CHECK(u, data_load_text(r.d, "d.json", deep, n));
	run_end(&r);
}

static void
check_files(struct unit *u, struct world *w)
{
	char path[] = "/tmp/lgc-test-data-XXXXXX";
	const struct value *v;
	struct run r;
	FILE *f;
	int fd;

	run_begin(&r, w);
	CHECK(u, !data_load_file(r.d, "/nonexistent/donnees.json"));
	run_flush(&r);
	CHECK(u, diags_exit_status(r.ds) == 2);
	CHECK(u, says(&r, "/nonexistent/donnees.json : fichier ou dossier "
	    "introuvable"));
	run_end(&r);

	fd = mkstemp(path);
	CHECK(u, fd >= 0);
	if (fd < 0)
		return;
	f = fdopen(fd, "w");
	fputs("{\"nom\": \"Fichier\", \"nb\": 7,\n \"nb\": 8}\n", f);
	fclose(f);
	run_begin(&r, w);
	CHECK(u, !data_load_file(r.d, path));
	run_flush(&r);
	CHECK(u, says(&r, ":2:5: erreur: JSON invalide : clé en double"));
	run_end(&r);

	f = fopen(path, "w");
	fputs("{\"nom\": \"Fichier\", \"nb\": 7, \"taux\": 1}", f);
	fclose(f);
	run_begin(&r, w);
	CHECK(u, data_load_file(r.d, path));
	/* A second document: last one wins per key. */
	CHECK(u, load_str(&r, "b.json", "{\"nb\": 8, \"prix\": 1, "
	    "\"commission\": 1, \"date_effet\": \"2026-01-01\", \"delai\": "
	    "\"1 an\", \"facturation\": \"forfait\", \"client\": {\"nom\": "
	    "\"c\", \"adresse\": \"d\"}, \"intrus\": 1}"));
	CHECK(u, eval_inputs(r.ev));
	run_flush(&r);
	v = input_value(r.ev, I_NB);
	CHECK(u, v != NULL && v->u.integer == 8);
	v = input_value(r.ev, I_NOM);
	CHECK(u, v != NULL && strcmp(v->u.text, "Fichier") == 0);
	CHECK(u, errors(&r) == 0 && warnings(&r) == 1);
	CHECK(u, says(&r, "b.json:1:150: avertissement: clé inconnue "
	    "« intrus »"));
	run_end(&r);
	unlink(path);
}

/* The base document, then -D ASSIGNMENT. */
static void
run_define(struct run *r, struct world *w, const char *assignment)
{
	static const char doc[] = "{\"nom\": \"X\", \"nb\": 1, \"taux\": 1, "
	    "\"prix\": 1, \"commission\": 1, \"date_effet\": \"2026-01-01\", "
	    "\"delai\": \"1 an\", \"facturation\": \"forfait\", \"client\": "
	    "{\"nom\": \"c\", \"adresse\": \"d\"}}";

	run_begin(r, w);
	r->ok = data_load_text(r->d, "d.json", doc, strlen(doc));
	r->ok = data_define(r->d, assignment) && r->ok;
	r->ok = eval_inputs(r->ev) && r->ok;
	run_flush(r);
}

static void
define_ok(struct unit *u, struct world *w, const char *assignment, int key,
    struct value *out)
{
	const struct value *v;
	struct run r;

	run_define(&r, w, assignment);
	if (!r.ok)
		printf("  (-D %s refusé)\n%s", assignment, r.text);
	CHECK(u, r.ok);
	CHECK(u, errors(&r) == 0 && warnings(&r) == 0);
	v = input_value(r.ev, (size_t)key);
	CHECK(u, v != NULL);
	memset(out, 0, sizeof(*out));
	out->kind = T_ERROR;
	if (v != NULL)
		value_copy(out, v);
	run_end(&r);
}

static void
define_error(struct unit *u, struct world *w, const char *assignment,
    const char *fragment)
{
	struct run r;

	run_define(&r, w, assignment);
	CHECK(u, !r.ok);
	CHECK(u, errors(&r) >= 1);
	if (!says(&r, fragment))
		printf("  (avec -D %s)\n", assignment);
	CHECK(u, strstr(r.text, fragment) != NULL);
	run_end(&r);
}

static void
check_define(struct unit *u, struct world *w)
{
	struct value v;
	struct run r;

	define_ok(u, w, "nom=Durand & fils", I_NOM, &v);
	CHECK(u, v.kind == T_TEXTE && strcmp(v.u.text, "Durand & fils") == 0);
	value_free(&v);
	define_ok(u, w, "nom=", I_NOM, &v);
	CHECK(u, v.kind == T_TEXTE && v.u.text[0] == '\0');
	value_free(&v);
	define_ok(u, w, "nb=42", I_NB, &v);
	CHECK(u, v.kind == T_ENTIER && v.u.integer == 42);
	define_ok(u, w, "taux=0.1", I_TAUX, &v);
	CHECK(u, v.kind == T_DECIMAL && dec_units(v.u.dec) == INT64_C(100000));
	define_ok(u, w, "prix=1500.50", I_PRIX, &v);
	CHECK(u, v.kind == T_MONTANT && dec_units(v.u.dec) == INT64_C(1500500000));
	define_ok(u, w, "commission=15 %", I_COMMISSION, &v);
	CHECK(u, v.kind == T_POURCENTAGE && dec_units(v.u.dec) == INT64_C(15000000));
	define_ok(u, w, "date_effet=2026-01-15", I_DATE, &v);
	CHECK(u, v.kind == T_DATE && v.u.date.month == 1 &&
	    v.u.date.day == 15);
	define_ok(u, w, "delai=30 jours", I_DELAI, &v);
	CHECK(u, v.kind == T_DUREE && v.u.duree.count == 30 &&
	    v.u.duree.unit == DUREE_JOUR);
	define_ok(u, w, "garantie=oui", I_GARANTIE, &v);
	CHECK(u, v.kind == T_BOOLEEN && v.u.boolean);
	define_ok(u, w, "garantie=Vrai", I_GARANTIE, &v);
	CHECK(u, v.u.boolean);
	define_ok(u, w, "garantie=true", I_GARANTIE, &v);
	CHECK(u, v.u.boolean);
	define_ok(u, w, "garantie=1", I_GARANTIE, &v);
	CHECK(u, v.u.boolean);
	define_ok(u, w, "garantie=NON", I_GARANTIE, &v);
	CHECK(u, v.kind == T_BOOLEEN && !v.u.boolean);
	define_ok(u, w, "garantie=0", I_GARANTIE, &v);
	CHECK(u, !v.u.boolean);
	define_ok(u, w, "facturation=horaire", I_FACTURATION, &v);
	CHECK(u, v.kind == T_CHOIX && v.u.choice == 1);
	define_ok(u, w, "preavis=14", I_PREAVIS, &v);
	CHECK(u, v.u.integer == 14);

	/* A dotted path changes one field, keeping the file's others. */
	define_ok(u, w, "client.nom=Nouveau nom", I_CLIENT, &v);
	CHECK(u, v.kind == T_RECORD && v.u.record.len == 5);
	if (v.kind == T_RECORD && v.u.record.len == 5) {
		CHECK_STR(u, v.u.record.fields[0].u.text, "Nouveau nom");
		CHECK_STR(u, v.u.record.fields[1].u.text, "d");
	}
	value_free(&v);
	define_ok(u, w, "client.representant=M. Marchal", I_CLIENT, &v);
	if (v.kind == T_RECORD && v.u.record.len == 5)
		CHECK_STR(u, v.u.record.fields[2].u.text, "M. Marchal");
	value_free(&v);
	define_ok(u, w, "client={\"nom\": \"A\", \"adresse\": \"B\"}",
	    I_CLIENT, &v);
	if (v.kind == T_RECORD && v.u.record.len == 5)
		CHECK_STR(u, v.u.record.fields[1].u.text, "B");
	value_free(&v);
	define_ok(u, w, "options=[\"x\", \"y\"]", I_OPTIONS, &v);
	CHECK(u, v.kind == T_LISTE && v.u.list.len == 2);
	value_free(&v);
	define_ok(u, w, "essai=2 mois", I_ESSAI, &v);
	CHECK(u, v.kind == T_DUREE && v.u.duree.count == 2);
	define_ok(u, w, "delai=1 semaine", I_DELAI, &v);
	CHECK(u, v.u.duree.count == 1 && v.u.duree.unit == DUREE_SEMAINE);
	define_ok(u, w, "client.email=", I_CLIENT, &v);
	if (v.kind == T_RECORD && v.u.record.len == 5)
		CHECK_STR(u, v.u.record.fields[4].u.text, "");
	value_free(&v);

	/* Errors found by validation point at the command line. */
	define_error(u, w, "nb=abc", "<ligne de commande>: erreur: « nb » "
	    "(Nombre de prospects) : il faut un entier, pas un texte "
	    "« abc »");
	define_error(u, w, "nb=0", "<ligne de commande>: erreur: « nb » "
	    "(Nombre de prospects) : 0 n'est pas entre 1 et 100 000");
	define_error(u, w, "nb=99999999999999999999", "il faut un entier");
	define_error(u, w, "preavis=15", "15 n'est pas parmi (14, 30)");
	define_error(u, w, "taux=12,5", "écrivez « 12.5 »");
	define_error(u, w, "prix=1500.555", "un montant a au plus deux "
	    "décimales");
	define_error(u, w, "commission=beaucoup", "un pourcentage");
	define_error(u, w, "date_effet=26/11/2026", "écrivez \"2026-11-26\"");
	define_error(u, w, "delai=trois jours", "n'est pas une durée");
	define_error(u, w, "facturation=forfaits", "vouliez-vous dire "
	    "« forfait » ?");
	define_error(u, w, "essai=30 jours", "exprimez la durée");
	define_error(u, w, "client={\"nom\": \"A\"}", "<ligne de commande>: "
	    "erreur: « client.adresse » (Adresse) manquant");

	/* Errors in the option itself. */
	define_error(u, w, "garantie=peut-être", "<ligne de commande>: "
	    "erreur: « -D garantie=peut-être » : « peut-être » n'est pas un "
	    "booléen : écrivez vrai ou faux");
	define_error(u, w, "nbb=3", "« -D nbb=3 » : « nbb » n'est pas une "
	    "entrée du modèle ; vouliez-vous dire « nb » ?");
	define_error(u, w, "sans_egal", "« -D sans_egal » : il manque « = »");
	define_error(u, w, "=1", "nom vide");
	define_error(u, w, "client..nom=1", "nom vide");
	define_error(u, w, "client.=1", "nom vide");
	define_error(u, w, "client.nmo=1", "le type partie n'a pas de champ "
	    "« nmo » ; vouliez-vous dire « nom » ?");
	define_error(u, w, "nom.x=1", "« nom » est un texte : il n'a "
	    "pas de champs");
	define_error(u, w, "options=[x", "JSON invalide");
	define_error(u, w, "client=\"abc\"", "il faut un objet, pas un texte "
	    "« abc »");
	define_error(u, w, "options=[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]"
	    "]]]]]]]]]]]]]]]]]]]]]]", "plus de 32 niveaux");
	define_error(u, w, "nom=\xff", "UTF-8");

	/* "nom=a=b": the first '=' separates. */
	define_ok(u, w, "nom=a=b", I_NOM, &v);
	CHECK(u, v.kind == T_TEXTE && strcmp(v.u.text, "a=b") == 0);
	value_free(&v);

	/* A field under a value that is not an object replaces it. */
	run_begin(&r, w);
	CHECK(u, load_str(&r, "d.json", "{\"client\": \"texte\"}"));
	CHECK(u, data_define(r.d, "client.nom=X"));
	CHECK(u, data_define(r.d, "client.adresse=Y"));
	CHECK(u, !eval_inputs(r.ev));
	CHECK(u, input_value(r.ev, I_CLIENT) != NULL);
	run_end(&r);

	/* -D alone, no data file. */
	run_begin(&r, w);
	CHECK(u, data_define(r.d, "nb=5"));
	CHECK(u, input_value(r.ev, I_NB) != NULL &&
	    input_value(r.ev, I_NB)->u.integer == 5);
	run_end(&r);

	/* A later file overrides a -D of the same key (callers apply -D
	 * last), and its errors then point at the file. */
	run_begin(&r, w);
	CHECK(u, data_define(r.d, "nb=5"));
	CHECK(u, load_str(&r, "d.json", "{\"nb\": 0}"));
	CHECK(u, input_value(r.ev, I_NB) == NULL);
	run_flush(&r);
	CHECK(u, says(&r, "d.json:1:8: erreur: « nb »"));
	run_end(&r);
}

/* Data errors point at the value in the file, line and column (in
 * characters), through strings with escapes and UTF-8, nested objects
 * and lists; an unknown key points at the key, written with escapes. */
static void
check_places(struct unit *u, struct world *w)
{
	struct run r;

	run_begin(&r, w);
	CHECK(u, load_str(&r, "d.json",
	    "{\n"
	    "  \"nom\": \"Soci\\u00e9t\\u00e9 \\\"X\\\" — été\",\n"
	    "  \"nb\": 150, \"taux\": 12.5, \"prix\": \"1500.50 €\", \"commission\": \"15 %\",\n"
	    "  \"date_effet\": \"2026-11-26\", \"delai\": \"3 mois\", \"facturation\": \"horaire\",\n"
	    "  \"client\": {\"nom\": \"LeadMotiv\", \"adresse\": 42},\n"
	    "  \"options\": [\"a\", \"b\\u00e9\\\\\\\"\", \"été\", 7, \"z\"],\n"
	    "  \"d\\u00e9j\\u00e0\": [1, {\"x\": [2]}]\n"
	    "}\n"));
	CHECK(u, !eval_inputs(r.ev));
	data_warn_unknown_keys(r.d);
	run_flush(&r);
	CHECK(u, errors(&r) == 2 && warnings(&r) == 1);
	CHECK(u, says(&r, "d.json:5:45: erreur: « client.adresse » "));
	CHECK(u, says(&r, " 5 |   \"client\": {\"nom\": \"LeadMotiv\", "
	    "\"adresse\": 42},\n   |                                     "
	    "        ^~\n"));
	CHECK(u, says(&r, "d.json:6:42: erreur: « options[3] » "));
	CHECK(u, says(&r, "d.json:7:3: avertissement: clé inconnue "
	    "« déjà »"));
	CHECK(u, says(&r, "^~~~~~~~~~~~~~~~\n"));
	CHECK(u, input_value(r.ev, I_PRIX) != NULL &&
	    dec_units(input_value(r.ev, I_PRIX)->u.dec) ==
	    INT64_C(1500500000));
	run_end(&r);

	/* A key given only by -D, or a whole file key: no line. */
	run_begin(&r, w);
	CHECK(u, data_define(r.d, "nb=0"));
	CHECK(u, !eval_inputs(r.ev));
	run_flush(&r);
	CHECK(u, says(&r, "<ligne de commande>: erreur: « nb »"));
	run_end(&r);
}

/* A client file on one line, longer than the marks json.c counts
 * columns from, with characters of 2 and 4 bytes across them: each
 * item's column is the one a count from the start of the line gives,
 * looked up in any order. */
static void
check_long_line_places(struct unit *u)
{
	struct json_places *p;
	struct json_steps st = { NULL, 0, 0 };
	struct source *src;
	struct buf b;
	struct loc l;
	size_t i, at[3000];
	bool ok = true;

	buf_init(&b);
	buf_puts(&b, "{\n\"xs\": [");
	for (i = 0; i < 3000; i++) {
		if (i > 0)
			buf_puts(&b, ", ");
		at[i] = b.len;
		buf_printf(&b, "\"%s%zu\"", i % 3 == 0 ? "\xc3\xa9" :
		    i % 3 == 1 ? "\xf0\x9f\x93\x9c" : "x", i);
	}
	buf_puts(&b, "]}\n");
	src = source_from_text("d.json", b.data, b.len);
	p = json_places_new(src);
	json_steps_push_key(&st, "xs");
	json_steps_push_index(&st, 0);
	for (i = 0; i < 3000 && ok; i++) {
		size_t k = (i * 1237) % 3000;

		st.v[1].index = k;
		ok = json_places_find(p, &st, false, &l) && l.line == 2 &&
		    l.col == (int)utf8_count(b.data + 2, at[k] - 2) + 1 &&
		    l.end_line == 2 && l.end_col == l.col + (int)utf8_count(
		    b.data + at[k], strchr(b.data + at[k] + 1, '"') -
		    (b.data + at[k]));
	}
	CHECK(u, ok);
	json_steps_free(&st);
	json_places_free(p);
	source_free(src);
	buf_free(&b);
}

/* Every error code of jansson has its French, unknown ones a generic
 * French message; jansson's English never shows. */
static void
check_json_errors(struct unit *u)
{
	static const char *const english[] = {
		"NUL byte in object key not supported",
		"wrong arguments",
		"unable to open x: No such file",
		"Out of memory",
		"something jansson may say one day",
	};
	json_error_t err;
	const char *hint;
	struct buf b;
	int code;
	size_t i;

	buf_init(&b);
	for (code = json_error_unknown; code <= json_error_index_out_of_range;
	    code++) {
		const char *fr = json_error_french(code);

		CHECK(u, fr != NULL && fr[0] != '\0');
		for (i = 0; i < sizeof(english) / sizeof(english[0]); i++) {
			memset(&err, 0, sizeof(err));
			snprintf(err.text, sizeof(err.text), "%s", english[i]);
			err.text[JSON_ERROR_TEXT_LENGTH - 1] = (char)code;
			buf_reset(&b);
			json_error_describe(&b, &err, &hint);
			CHECK(u, strstr(buf_cstr(&b), "not") == NULL);
			CHECK(u, strstr(buf_cstr(&b), "jansson") == NULL);
			CHECK(u, strstr(buf_cstr(&b), "wrong") == NULL);
			CHECK(u, strstr(buf_cstr(&b), "open") == NULL);
			CHECK(u, strstr(buf_cstr(&b), "emory") == NULL);
			CHECK(u, b.len > 0);
		}
	}
	CHECK_STR(u, json_error_french(json_error_null_byte_in_key),
	    "caractère nul \\u0000 interdit dans une clé");
	CHECK_STR(u, json_error_french(json_error_duplicate_key),
	    "clé en double");
	CHECK_STR(u, json_error_french(250), "erreur de syntaxe");
	/* The token it stopped at is the client's text, kept. */
	memset(&err, 0, sizeof(err));
	snprintf(err.text, sizeof(err.text), "invalid token near 'vrai'");
	err.text[JSON_ERROR_TEXT_LENGTH - 1] = (char)json_error_invalid_syntax;
	buf_reset(&b);
	json_error_describe(&b, &err, &hint);
	CHECK_STR(u, buf_cstr(&b), "mot inconnu près de « vrai »");
	CHECK(u, hint != NULL);
	buf_free(&b);
}

void
test_data(struct unit *u)
{
	struct world w;

	world_init(&w);
	check_base(u, &w);
	check_texte(u, &w);
	check_entier(u, &w);
	check_decimal(u, &w);
	check_date_duree(u, &w);
	check_booleen_choix(u, &w);
	check_record_list(u, &w);
	check_presence(u, &w);
	check_syntax(u, &w);
	check_files(u, &w);
	check_define(u, &w);
	check_places(u, &w);
	check_long_line_places(u);
	check_json_errors(u);
	world_free(&w);
}
