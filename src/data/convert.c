/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Client JSON as typed values (convert.h): each declared type read from
 * the JSON that a client writes, with a diagnostic that says what was
 * expected, what was found and, when the fix is obvious, the fix. */
#include "data/convert.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/suggest.h"

#define ENTIER_MAX	INT64_C(9000000000000)
/* Longest piece of client text quoted in a message, in code points. */
#define SHOWN_MAX	40

static bool	convert(const struct at *a, const struct type *t,
		    json_t *j, struct value *out);
static bool	check_constraint(const struct at *a,
		    const struct constraint *c, const struct value *v);

/* ---------------------------------------------------------------- */
/* Small helpers                                                     */

/* Control characters, and the bidirectional marks, overrides and
 * isolates, tag characters and line separators with which a value shows
 * in the contract otherwise than it is stored ("\u202e0051" reads 1500):
 * refused in client text, as in templates. */
static bool
is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
	    utf8_is_deceptive(cp);
}

/* Keys that read unambiguously after a dot; others are bracketed. */
static bool
is_plain_key(const char *key)
{
	const unsigned char *p = (const unsigned char *)key;

	if (*p == '\0')
		return false;
	for (; *p != '\0'; p++)
		switch (*p) {
		case '.': case '[': case ']': case '"': case '\\': case 0x7F:
			return false;
		default:
			if (*p <= ' ')
				return false;
		}
	return true;
}

static void
path_truncate(struct buf *path, size_t len)
{
	path->len = len;
	if (path->data != NULL)
		path->data[len] = '\0';
}

/* The shortest text that reads back as the same double. */
static void
put_double(struct buf *b, double x)
{
	char text[64];
	int precision;

	for (precision = 1; precision <= 17; precision++) {
		snprintf(text, sizeof(text), "%.*g", precision, x);
		if (strtod(text, NULL) == x)
			break;
	}
	buf_puts(b, text);
}

/* Whether PATH is, or lies inside, a value set by -D. */
static bool
path_defined(const struct ptrvec *defines, const char *path)
{
	size_t i, n;

	for (i = 0; i < defines->len; i++) {
		const char *def = defines->items[i];

		n = strlen(def);
		if (strncmp(path, def, n) == 0 && (path[n] == '\0' ||
		    path[n] == '.' || path[n] == '['))
			return true;
	}
	return false;
}

/* ---------------------------------------------------------------- */
/* Reports                                                           */

static struct loc
at_loc(const struct at *a)
{
	return origin_loc(a->from, buf_cstr(a->path), a->steps, false);
}

/* « nb_prospects » (Nombre de prospects garantis) */
static char *
subject(const struct at *a)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "« %s »", buf_cstr(a->path));
	if (a->label != NULL && a->label[0] != '\0')
		buf_printf(&b, " (%s)", a->label);
	return buf_detach(&b);
}

/* Every error about a value ends with its hint, then its JSON path
 * (a field of its own in JSON diagnostics). */
static void
finish(const struct at *a, struct diagnostic *dg, const char *hint)
{
	if (hint != NULL)
		diag_hint(dg, "%s", hint);
	diag_json_path(dg, buf_cstr(a->path));
}

static void
describe_expected(struct buf *b, const struct type *t)
{
	size_t i;

	switch (t->kind) {
	case T_ERROR:
		buf_puts(b, "une valeur");
		break;
	case T_TEXTE:
		buf_puts(b, "un texte");
		break;
	case T_ENTIER:
		buf_puts(b, "un entier");
		break;
	case T_DECIMAL:
		buf_puts(b, "un nombre (ou texte \"12.5\")");
		break;
	case T_MONTANT:
		buf_puts(b, "un montant (nombre, ou texte \"1500.50\" ou "
		    "\"1500.50 €\")");
		break;
	case T_POURCENTAGE:
		buf_puts(b, "un pourcentage (nombre, 15 pour 15 %)");
		break;
	case T_DATE:
		buf_puts(b, "une date (texte \"2026-11-26\")");
		break;
	case T_DUREE:
		buf_puts(b, "une durée (texte \"3 mois\")");
		break;
	case T_BOOLEEN:
		buf_puts(b, "un booléen (true ou false)");
		break;
	case T_CHOIX:
		buf_puts(b, "un choix (texte ");
		for (i = 0; i < t->nvalues; i++)
			buf_printf(b, "%s\"%s\"", i == 0 ? "" :
			    i + 1 == t->nvalues ? " ou " : ", ",
			    t->values[i].name);
		buf_putc(b, ')');
		break;
	case T_LISTE:
		buf_puts(b, "une liste");
		break;
	case T_RECORD:
		buf_puts(b, "un objet");
		break;
	}
}

static void
describe_found(struct buf *b, const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		buf_puts(b, "un objet");
		break;
	case JSON_ARRAY:
		buf_puts(b, "une liste");
		break;
	case JSON_STRING:
		buf_puts(b, "un texte « ");
		put_shown(b, json_string_value(j), json_string_length(j));
		buf_puts(b, " »");
		break;
	case JSON_INTEGER:
		buf_printf(b, "un nombre (%" JSON_INTEGER_FORMAT ")",
		    json_integer_value(j));
		break;
	case JSON_REAL:
		buf_puts(b, "un nombre (");
		put_double(b, json_real_value(j));
		buf_putc(b, ')');
		break;
	case JSON_TRUE:
		buf_puts(b, "un booléen (true)");
		break;
	case JSON_FALSE:
		buf_puts(b, "un booléen (false)");
		break;
	case JSON_NULL:
		buf_puts(b, "null");
		break;
	}
}

/* E_DATA_TYPE, with a hint when the fix is obvious. */
static void
err_type(const struct at *a, const struct type *t, const json_t *j)
{
	struct buf expected, found, hint;
	struct diagnostic *dg;
	struct loc l = at_loc(a);
	char *subj = subject(a);

	buf_init(&expected);
	buf_init(&found);
	buf_init(&hint);
	describe_expected(&expected, t);
	describe_found(&found, j);
	dg = diag(a->ds, E_DATA_TYPE, &l, subj, buf_cstr(&expected),
	    buf_cstr(&found));
	switch (t->kind) {
	case T_BOOLEEN:
		if (json_is_string(j))
			buf_puts(&hint, "écrivez true ou false, sans guillemets");
		break;
	case T_ENTIER:
		if (json_is_string(j) && parses_as_integer(json_string_value(j)))
			buf_printf(&hint, "écrivez le nombre sans guillemets : "
			    "%s", json_string_value(j));
		break;
	case T_TEXTE:
		if (json_is_number(j)) {
			buf_puts(&hint, "un texte s'écrit entre guillemets : \"");
			if (json_is_integer(j))
				buf_printf(&hint, "%" JSON_INTEGER_FORMAT,
				    json_integer_value(j));
			else
				put_double(&hint, json_real_value(j));
			buf_putc(&hint, '"');
		}
		break;
	case T_DATE:
		buf_puts(&hint, "écrivez par exemple \"2026-11-26\"");
		break;
	case T_DUREE:
		if (json_is_integer(j))
			buf_printf(&hint, "précisez l'unité : \"%"
			    JSON_INTEGER_FORMAT " mois\" ou \"%"
			    JSON_INTEGER_FORMAT " jours\"",
			    json_integer_value(j), json_integer_value(j));
		break;
	case T_ERROR:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_CHOIX:
	case T_LISTE:
	case T_RECORD:
		break;
	}
	finish(a, dg, hint.len > 0 ? buf_cstr(&hint) : NULL);
	buf_free(&expected);
	buf_free(&found);
	buf_free(&hint);
	free(subj);
}

/* E_DATA_VALUE: "« x » (libellé) : REASON ; HINT ; chemin JSON : x". */
static struct diagnostic *
err_value(const struct at *a, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static struct diagnostic *
err_value(const struct at *a, const char *hint, const char *fmt, ...)
{
	struct diagnostic *dg;
	struct loc l = at_loc(a);
	struct buf reason;
	va_list ap;
	char *subj = subject(a);

	buf_init(&reason);
	va_start(ap, fmt);
	buf_vprintf(&reason, fmt, ap);
	va_end(ap);
	dg = diag(a->ds, E_DATA_VALUE, &l, subj, buf_cstr(&reason));
	finish(a, dg, hint);
	buf_free(&reason);
	free(subj);
	return dg;
}

/* ---------------------------------------------------------------- */
/* Conversions                                                       */

static bool
convert_texte(const struct at *a, const json_t *j, struct value *out)
{
	const char *s = json_string_value(j);
	size_t len = json_string_length(j), i = 0, n;
	uint32_t cp;

	while (i < len) {
		/* Most client text: printable ASCII, no control to look
		 * for. */
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			/* jansson only hands out valid UTF-8. */
			n = 1;
			cp = 0xFFFD;
		}
		if (is_control(cp) && cp != '\t' && cp != '\n' && cp != '\r') {
			struct loc l = at_loc(a);
			char *subj = subject(a);
			struct diagnostic *dg;

			dg = diag(a->ds, E_DATA_CONTROL, &l, subj,
			    (unsigned)cp);
			/* A newline prints as a space in the contract, so
			 * a separator cannot mean more. */
			finish(a, dg, cp == 0x2028 || cp == 0x2029 ?
			    "séparateur de ligne ou de paragraphe : "
			    "remplacez-le par une espace" :
			    "retirez ce caractère invisible, souvent "
			    "copié depuis un autre logiciel");
			free(subj);
			return false;
		}
		i += n;
	}
	out->kind = T_TEXTE;
	out->u.text = xstrndup(s, len);
	return true;
}

static bool
convert_entier(const struct at *a, const struct type *t, const json_t *j,
    struct value *out)
{
	json_int_t n;
	double x;

	if (json_is_integer(j))
		n = json_integer_value(j);
	else if (json_is_real(j)) {
		x = json_real_value(j);
		if (x != floor(x)) {
			struct buf b;

			buf_init(&b);
			put_double(&b, x);
			err_value(a, NULL, "%s n'est pas un nombre entier",
			    buf_cstr(&b));
			buf_free(&b);
			return false;
		}
		if (fabs(x) > (double)ENTIER_MAX) {
			struct buf b;

			buf_init(&b);
			put_double(&b, x);
			err_value(a, NULL, "%s dépasse la limite de "
			    "9 000 000 000 000", buf_cstr(&b));
			buf_free(&b);
			return false;
		}
		n = (json_int_t)x;
	} else {
		err_type(a, t, j);
		return false;
	}
	if (n > ENTIER_MAX || n < -ENTIER_MAX) {
		err_value(a, NULL, "%" JSON_INTEGER_FORMAT " dépasse la limite "
		    "de 9 000 000 000 000", n);
		return false;
	}
	out->kind = T_ENTIER;
	out->u.integer = (int64_t)n;
	return true;
}

/* A user's "1 500,50 €" as the JSON "1500.50" it should have been:
 * blanks, no-break spaces and the euro sign dropped, comma to point. */
static char *
number_fixed(const char *s, size_t len)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < len; i++) {
		if (s[i] == ' ')
			continue;
		if (i + 1 < len && memcmp(s + i, NBSP, 2) == 0) {
			i++;
			continue;
		}
		if (i + 2 < len && (memcmp(s + i, "\xe2\x80\xaf", 3) == 0 ||
		    memcmp(s + i, "\xe2\x82\xac", 3) == 0)) {
			i += 2;
			continue;
		}
		buf_putc(&b, s[i] == ',' ? '.' : s[i]);
	}
	return buf_detach(&b);
}

/* The digits of a number as put_double writes it, leading zeros and
 * the exponent left out. */
static int
significant_digits(const char *text)
{
	int n = 0;
	bool leading = true;

	for (; *text != '\0' && *text != 'e' && *text != 'E'; text++) {
		if (*text < '0' || *text > '9')
			continue;
		if (leading && *text == '0')
			continue;
		leading = false;
		n++;
	}
	return n;
}

static void
dec_status_error(const struct at *a, enum dec_status st, const char *text)
{
	switch (st) {
	case DEC_PRECISION:
		err_value(a, NULL, "%s a plus de 6 décimales", text);
		break;
	case DEC_OVERFLOW:
		/* The largest exact decimal: INT64_MAX units of 10^-6. */
		err_value(a, NULL, "%s est trop grand : la limite est "
		    "9 223 372 036 854", text);
		break;
	case DEC_OK:
	case DEC_DIVZERO:
	case DEC_SYNTAX:
		err_value(a, NULL, "%s n'est pas un nombre", text);
		break;
	}
}

/* LEN less the sign UNIT ending S[0..LEN) and the spaces before it
 * (ordinary, no-break or narrow no-break); LEN when S does not end so. */
static size_t
without_unit(const char *s, size_t len, const char *unit)
{
	size_t n = strlen(unit);

	if (len < n || memcmp(s + len - n, unit, n) != 0)
		return len;
	len -= n;
	for (;;) {
		if (len >= 1 && s[len - 1] == ' ')
			len--;
		else if (len >= 2 && memcmp(s + len - 2, NBSP, 2) == 0)
			len -= 2;
		else if (len >= 3 && memcmp(s + len - 3, "\xe2\x80\xaf", 3) == 0)
			len -= 3;
		else
			return len;
	}
}

/*
 * Decimal text: "12.5"; for a pourcentage also "15 %" and "15%", for a
 * montant "12.50 €" and "12.50€", as they are typed in a form.  What
 * could be read two ways stays refused, with the fix as a hint: a
 * decimal comma ("1,500" is 1.5 or 1 500), digit groups, a sign before
 * the number, another currency.
 */
static bool
decimal_text(const struct at *a, const struct type *t, const json_t *j,
    dec_t *out)
{
	const char *s = json_string_value(j);
	size_t len = json_string_length(j);
	enum dec_status st;
	char *quoted, *fixed;
	dec_t dummy;

	if (t->kind == T_POURCENTAGE)
		len = without_unit(s, len, "%");
	else if (t->kind == T_MONTANT)
		len = without_unit(s, len, "\xe2\x82\xac");
	st = dec_parse(s, len, out);
	if (st == DEC_OK)
		return true;
	quoted = shown(s);
	if (st != DEC_SYNTAX) {
		dec_status_error(a, st, quoted);
		free(quoted);
		return false;
	}
	fixed = number_fixed(s, len);
	if (fixed[0] != '\0' && dec_parse(fixed, strlen(fixed), &dummy) ==
	    DEC_OK) {
		const char *dot = strchr(fixed, '.');
		char *hint;

		/* "1,500" is 1.5 in French and 1500 in English: both are
		 * offered, neither is chosen. */
		if (memchr(s, ',', len) != NULL && dot != NULL &&
		    strlen(dot + 1) == 3 && strchr(dot + 1, '.') == NULL) {
			char *whole = xstrdup(fixed);

			memmove(whole + (dot - fixed), whole + (dot - fixed) + 1,
			    strlen(dot));
			hint = xasprintf("écrivez « %s » ou « %s », selon ce "
			    "que vous vouliez dire", fixed, whole);
			err_value(a, hint, "« %s » peut se lire de deux façons",
			    quoted);
			free(whole);
		} else {
			hint = xasprintf("écrivez « %s »%s : point décimal, "
			    "chiffres sans espace", fixed,
			    t->kind == T_MONTANT ? " (ou avec « € » à la fin)" :
			    t->kind == T_POURCENTAGE ? " (ou avec « % » à la "
			    "fin)" : "");
			err_value(a, hint, "« %s » n'est pas un nombre valide",
			    quoted);
		}
		free(hint);
	} else
		err_type(a, t, j);
	free(fixed);
	free(quoted);
	return false;
}

/* Decimal, montant, pourcentage: a JSON number or a decimal string,
 * read exactly (never through binary floating point arithmetic). */
static bool
convert_decimal(const struct at *a, const struct type *t, const json_t *j,
    struct value *out)
{
	enum dec_status st;
	struct buf b;
	dec_t v, rounded;

	buf_init(&b);
	switch (json_typeof(j)) {
	case JSON_INTEGER:
		st = dec_from_int((int64_t)json_integer_value(j), &v);
		if (st != DEC_OK) {
			buf_printf(&b, "%" JSON_INTEGER_FORMAT,
			    json_integer_value(j));
			dec_status_error(a, st, buf_cstr(&b));
			buf_free(&b);
			return false;
		}
		break;
	case JSON_REAL:
		st = dec_from_double(json_real_value(j), &v);
		if (st != DEC_OK)
			put_double(&b, json_real_value(j));
		/* Read exactly, but with more than 6 decimals: said as for
		 * a string; past 15 digits, the number itself is unsure. */
		if (st == DEC_PRECISION && significant_digits(buf_cstr(&b)) <= 15) {
			dec_status_error(a, st, buf_cstr(&b));
			buf_free(&b);
			return false;
		}
		if (st == DEC_PRECISION) {
			/* A JSON number is read as binary floating point:
			 * past 15 digits, what was written is lost, and the
			 * value shown is only the nearest one. */
			err_value(a, "un nombre JSON de plus de 15 chiffres "
			    "n'est pas lu exactement ; écrivez-le entre "
			    "guillemets (\"1234567890.123456\"), il le sera",
			    "le nombre environ égal à %s ne peut pas être lu "
			    "exactement", buf_cstr(&b));
			buf_free(&b);
			return false;
		}
		if (st != DEC_OK) {
			dec_status_error(a, st, buf_cstr(&b));
			buf_free(&b);
			return false;
		}
		break;
	case JSON_STRING:
		if (!decimal_text(a, t, j, &v))
			return false;
		break;
	case JSON_OBJECT:
	case JSON_ARRAY:
	case JSON_TRUE:
	case JSON_FALSE:
	case JSON_NULL:
		err_type(a, t, j);
		return false;
	}
	if (t->kind == T_MONTANT && dec_units(v) % 10000 != 0) {
		char *hint;

		buf_reset(&b);
		dec_to_string(&b, v);
		/* A fraction of a cent would round to nothing: the hint
		 * must not turn a fee into a free service. */
		if (dec_round(v, 2, &rounded) == DEC_OK &&
		    dec_is_zero(rounded))
			hint = xstrdup("le plus petit montant non nul est 0.01 "
			    "(un centime)");
		else if (dec_round(v, 2, &rounded) == DEC_OK) {
			struct buf r;

			buf_init(&r);
			dec_to_string(&r, rounded);
			hint = xasprintf("arrondissez au centime, par exemple à %s",
			    buf_cstr(&r));
			buf_free(&r);
		} else
			hint = NULL;
		err_value(a, hint, "un montant a au plus deux décimales "
		    "(reçu : %s)", buf_cstr(&b));
		free(hint);
		buf_free(&b);
		return false;
	}
	buf_free(&b);
	out->kind = t->kind;
	out->u.dec = v;
	return true;
}

static bool
all_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return len > 0;
}

static bool
convert_date(const struct at *a, const struct type *t, const json_t *j,
    struct value *out)
{
	const char *s;
	size_t len;
	char *quoted;
	int dd, mm, yyyy;
	char tail;

	if (!json_is_string(j)) {
		err_type(a, t, j);
		return false;
	}
	s = json_string_value(j);
	len = json_string_length(j);
	if (date_parse_iso(s, len, &out->u.date)) {
		out->kind = T_DATE;
		return true;
	}
	quoted = shown(s);
	if (len == 10 && s[4] == '-' && s[7] == '-' && all_digits(s, 4) &&
	    all_digits(s + 5, 2) && all_digits(s + 8, 2))
		err_value(a, NULL, "la date « %s » n'existe pas", quoted);
	else if (sscanf(s, "%2d/%2d/%4d%c", &dd, &mm, &yyyy, &tail) == 3 &&
	    date_valid(yyyy, mm, dd)) {
		char *hint = xasprintf("écrivez \"%04d-%02d-%02d\"", yyyy, mm,
		    dd);

		err_value(a, hint, "« %s » : une date s'écrit AAAA-MM-JJ",
		    quoted);
		free(hint);
	} else
		err_value(a, "par exemple \"2026-11-26\"", "« %s » n'est pas "
		    "une date AAAA-MM-JJ", quoted);
	free(quoted);
	return false;
}

static bool
is_blank_at(const char *s, size_t len, size_t i, size_t *n)
{
	if (s[i] == ' ' || s[i] == '\t') {
		*n = 1;
		return true;
	}
	if (i + 1 < len && memcmp(s + i, NBSP, 2) == 0) {
		*n = 2;
		return true;
	}
	if (i + 2 < len && memcmp(s + i, "\xe2\x80\xaf", 3) == 0) {
		*n = 3;
		return true;
	}
	return false;
}

static bool
convert_duree(const struct at *a, const struct type *t, const json_t *j,
    struct value *out)
{
	static const struct {
		const char	*word;
		enum duree_unit	 unit;
	} units[] = {
		{ "jour", DUREE_JOUR }, { "jours", DUREE_JOUR },
		{ "semaine", DUREE_SEMAINE }, { "semaines", DUREE_SEMAINE },
		{ "mois", DUREE_MOIS }, { "an", DUREE_AN }, { "ans", DUREE_AN },
	};
	static const char syntax_hint[] = "écrivez un nombre entier suivi de "
	    "jour(s), semaine(s), mois ou an(s), par exemple \"3 mois\"";
	const char *s;
	size_t len, i = 0, n, start, k;
	int64_t count = 0;
	char *quoted, *word;
	struct suggester sg;
	const char *best;

	if (!json_is_string(j)) {
		err_type(a, t, j);
		return false;
	}
	s = json_string_value(j);
	len = json_string_length(j);
	quoted = shown(s);
	while (i < len && is_blank_at(s, len, i, &n))
		i += n;
	if (i < len && s[i] == '-') {
		err_value(a, NULL, "« %s » : une durée n'est pas négative",
		    quoted);
		free(quoted);
		return false;
	}
	start = i;
	while (i < len && s[i] >= '0' && s[i] <= '9') {
		if (count > (ENTIER_MAX - (s[i] - '0')) / 10) {
			err_value(a, NULL, "« %s » : durée trop longue", quoted);
			free(quoted);
			return false;
		}
		count = count * 10 + (s[i] - '0');
		i++;
	}
	if (i == start || (i < len && (s[i] == '.' || s[i] == ','))) {
		err_value(a, syntax_hint, "« %s » n'est pas une durée", quoted);
		free(quoted);
		return false;
	}
	while (i < len && is_blank_at(s, len, i, &n))
		i += n;
	start = i;
	while (i < len && !is_blank_at(s, len, i, &n))
		i++;
	k = i;
	while (i < len && is_blank_at(s, len, i, &n))
		i += n;
	if (i != len) {
		err_value(a, syntax_hint, "« %s » n'est pas une durée", quoted);
		free(quoted);
		return false;
	}
	word = xstrndup(s + start, k - start);
	for (n = 0; n < sizeof(units) / sizeof(units[0]); n++)
		if (strcmp(word, units[n].word) == 0) {
			out->kind = T_DUREE;
			out->u.duree.count = count;
			out->u.duree.unit = units[n].unit;
			free(word);
			free(quoted);
			return true;
		}
	suggest_begin(&sg, word);
	for (n = 0; n < sizeof(units) / sizeof(units[0]); n++)
		suggest_consider(&sg, units[n].word);
	best = suggest_end(&sg);
	if (strncmp(word, "ann", 3) == 0 || strncmp(word, "Ann", 3) == 0)
		best = count < 2 ? "an" : "ans";
	if (best != NULL) {
		char *hint = xasprintf("écrivez \"%lld %s\"", (long long)count,
		    best);

		err_value(a, hint, "« %s » : unité de durée inconnue", quoted);
		free(hint);
	} else
		err_value(a, syntax_hint, "« %s » : unité de durée inconnue",
		    quoted);
	free(word);
	free(quoted);
	return false;
}

static bool
convert_choix(const struct at *a, const struct type *t, const json_t *j,
    struct value *out)
{
	struct suggester sg;
	struct diagnostic *dg;
	struct buf allowed;
	struct loc l;
	const char *s, *best = NULL;
	char *subj, *quoted;
	size_t i;
	int index;

	if (!json_is_string(j)) {
		err_type(a, t, j);
		return false;
	}
	s = json_string_value(j);
	index = type_choice_index(t, s);
	if (index >= 0) {
		out->kind = T_CHOIX;
		out->type = t;
		out->u.choice = (size_t)index;
		return true;
	}
	buf_init(&allowed);
	suggest_begin(&sg, s);
	for (i = 0; i < t->nvalues; i++) {
		buf_printf(&allowed, "%s%s", i > 0 ? ", " : "",
		    t->values[i].name);
		suggest_consider(&sg, t->values[i].name);
	}
	best = suggest_end(&sg);
	/* Someone who copied the printed words means that value. */
	for (i = 0; i < t->nvalues && best == NULL; i++) {
		char *w = t->values[i].words != NULL ?
		    fold_word(t->values[i].words) : NULL;
		char *f = fold_word(s);

		if (w != NULL && strcmp(w, f) == 0)
			best = t->values[i].name;
		free(w);
		free(f);
	}
	l = at_loc(a);
	subj = subject(a);
	quoted = shown(s);
	dg = diag(a->ds, E_DATA_CHOICE, &l, subj, quoted,
	    buf_cstr(&allowed));
	diag_suggest(dg, best);
	finish(a, dg, NULL);
	free(quoted);
	free(subj);
	buf_free(&allowed);
	return false;
}

static bool
convert_liste(const struct at *a, const struct type *t, json_t *j,
    struct value *out)
{
	struct at item = *a;
	size_t i, len, mark = a->path->len;
	bool ok = true;

	if (!json_is_array(j)) {
		err_type(a, t, j);
		return false;
	}
	len = json_array_size(j);
	out->kind = T_LISTE;
	out->type = t;
	out->u.list.items = xcalloc(len ? len : 1, sizeof(struct value));
	out->u.list.len = 0;
	for (i = 0; i < len; i++) {
		buf_putc(a->path, '[');
		buf_putu(a->path, (unsigned long)i);
		buf_putc(a->path, ']');
		json_steps_push_index(a->steps, i);
		if (convert(&item, t->elem, json_array_get(j, i),
		    &out->u.list.items[out->u.list.len]))
			out->u.list.len++;
		else
			ok = false;
		json_steps_pop(a->steps);
		path_truncate(a->path, mark);
	}
	if (!ok)
		value_free(out);
	return ok;
}

/* The keys of OBJ that are not fields of T, closest to NAME. */
static const char *
suggest_stray_key(json_t *obj, const struct type *t, const char *name)
{
	struct suggester sg;
	const char *key;
	json_t *value;

	suggest_begin(&sg, name);
	json_object_foreach(obj, key, value) {
		if (type_field_index(t, key) < 0 && !json_is_null(value))
			suggest_consider(&sg, key);
	}
	return suggest_end(&sg);
}

static bool
convert_record(const struct at *a, const struct type *t, json_t *j,
    struct value *out)
{
	size_t i, mark = a->path->len;
	const char *key;
	json_t *value;
	bool ok = true;

	if (!json_is_object(j)) {
		err_type(a, t, j);
		return false;
	}
	out->kind = T_RECORD;
	out->type = t;
	out->u.record.fields = xcalloc(t->nfields ? t->nfields : 1,
	    sizeof(struct value));
	out->u.record.len = t->nfields;
	for (i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];
		struct at field = { a->ds, a->from, a->path, a->steps,
		    f->label };
		json_t *fj = json_object_get(j, f->name);

		path_push_key(a->path, f->name);
		json_steps_push_key(a->steps, f->name);
		if (fj != NULL && !json_is_null(fj)) {
			if (!convert(&field, f->type, fj,
			    &out->u.record.fields[i]))
				ok = false;
			else if (!check_constraint(&field, &f->cstr,
			    &out->u.record.fields[i]))
				ok = false;
		} else if (f->def != NULL)
			value_copy(&out->u.record.fields[i], f->def);
		else {
			char *how = json_is_null(json_object_get(j, f->name)) ?
			    null_key(f->name) : xasprintf(" : ajoutez la clé "
			    "\"%s\" à l'objet", f->name);

			report_missing(&field, f->type, how, NULL,
			    suggest_stray_key(j, t, f->name));
			free(how);
			ok = false;
		}
		json_steps_pop(a->steps);
		path_truncate(a->path, mark);
	}
	json_object_foreach(j, key, value) {
		struct diagnostic *dg;
		struct loc l;

		if (type_field_index(t, key) >= 0)
			continue;
		path_push_key(a->path, key);
		json_steps_push_key(a->steps, key);
		l = origin_loc(a->from, buf_cstr(a->path), a->steps, true);
		dg = diag(a->ds, W_DATA_UNKNOWN_KEY, &l, buf_cstr(a->path));
		diag_suggest(dg, suggest_field(t, key));
		json_steps_pop(a->steps);
		path_truncate(a->path, mark);
	}
	if (!ok)
		value_free(out);
	return ok;
}

/* J (not null) as a value of type T; every problem is reported. */
static bool
convert(const struct at *a, const struct type *t, json_t *j,
    struct value *out)
{
	memset(out, 0, sizeof(*out));
	switch (t->kind) {
	case T_ERROR:
		/* The template is wrong already: nothing to check against. */
		out->kind = T_ERROR;
		return true;
	case T_TEXTE:
		if (!json_is_string(j)) {
			err_type(a, t, j);
			return false;
		}
		return convert_texte(a, j, out);
	case T_ENTIER:
		return convert_entier(a, t, j, out);
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
		return convert_decimal(a, t, j, out);
	case T_DATE:
		return convert_date(a, t, j, out);
	case T_DUREE:
		return convert_duree(a, t, j, out);
	case T_BOOLEEN:
		if (!json_is_boolean(j)) {
			err_type(a, t, j);
			return false;
		}
		out->kind = T_BOOLEEN;
		out->u.boolean = json_is_true(j);
		return true;
	case T_CHOIX:
		return convert_choix(a, t, j, out);
	case T_LISTE:
		return convert_liste(a, t, j, out);
	case T_RECORD:
		return convert_record(a, t, j, out);
	}
	return false;
}

static void
print_set(struct buf *b, const struct constraint *c)
{
	size_t i;

	buf_putc(b, '(');
	for (i = 0; i < c->nset; i++) {
		if (i > 0)
			buf_puts(b, ", ");
		value_print(b, &c->set[i]);
	}
	buf_putc(b, ')');
}

static bool
check_constraint(const struct at *a, const struct constraint *c,
    const struct value *v)
{
	struct buf why, got, lo, hi;
	struct diagnostic *dg;
	struct loc l;
	bool comparable_lo = true, comparable_hi = true;
	char *subj;

	if (c == NULL)
		return true;
	buf_init(&why);
	if (constraint_holds(c, v, &why)) {
		buf_free(&why);
		return true;
	}
	buf_init(&got);
	buf_init(&lo);
	buf_init(&hi);
	l = at_loc(a);
	subj = subject(a);
	value_print(&got, v);
	switch (c->kind) {
	case CSTR_NONE:
		/* constraint_holds accepts everything: not reached. */
		dg = diag(a->ds, E_DATA_VALUE, &l, subj, buf_cstr(&why));
		finish(a, dg, NULL);
		break;
	case CSTR_ENTRE:
		value_compare(v, c->lo, &comparable_lo);
		value_compare(v, c->hi, &comparable_hi);
		if (!comparable_lo || !comparable_hi) {
			/* Jours and mois do not compare: 1 mois is 28 to 31
			 * days. */
			dg = diag(a->ds, E_DATA_VALUE, &l, subj,
			    buf_cstr(&why));
			finish(a, dg, "exprimez la durée dans l'unité des "
			    "bornes (jours et semaines, ou mois et ans)");
			break;
		}
		value_print(&lo, c->lo);
		value_print(&hi, c->hi);
		dg = diag(a->ds, E_DATA_RANGE, &l, subj, buf_cstr(&got),
		    buf_cstr(&lo), buf_cstr(&hi));
		finish(a, dg, NULL);
		break;
	case CSTR_PARMI:
		print_set(&lo, c);
		dg = diag(a->ds, E_DATA_PARMI, &l, subj, buf_cstr(&got),
		    buf_cstr(&lo));
		finish(a, dg, NULL);
		break;
	}
	free(subj);
	buf_free(&why);
	buf_free(&got);
	buf_free(&lo);
	buf_free(&hi);
	return false;
}

/* ---------------------------------------------------------------- */
/* Interface                                                         */

bool
convert_value(const struct at *a, const struct type *t, json_t *j,
    const struct constraint *c, struct value *out)
{
	if (!convert(a, t, j, out))
		return false;
	if (check_constraint(a, c, out))
		return true;
	value_free(out);
	return false;
}

void
report_missing(const struct at *a, const struct type *t, const char *how,
    const struct expr *requirement, const char *typo)
{
	struct loc l = at_loc(a);
	struct diagnostic *dg;
	struct buf hint;
	char *subj = subject(a);

	buf_init(&hint);
	buf_puts(&hint, "valeur attendue : ");
	describe_expected(&hint, t);
	if (requirement != NULL) {
		buf_puts(&hint, " ; requis quand « ");
		expr_print(&hint, requirement);
		buf_puts(&hint, " »");
	}
	if (typo != NULL)
		buf_printf(&hint, " ; la clé « %s » est-elle une faute de "
		    "frappe ?", typo);
	dg = diag(a->ds, E_DATA_MISSING, &l, subj, how);
	finish(a, dg, buf_cstr(&hint));
	buf_free(&hint);
	free(subj);
}

/* Why a required key given as null is missing (rule 26). */
char *
null_key(const char *key)
{
	return xasprintf(" : la clé \"%s\" vaut null, qui veut dire absent ; "
	    "donnez-lui une valeur", key);
}


struct loc
origin_loc(const struct origin *o, const char *path,
    const struct json_steps *steps, bool key)
{
	struct loc l = { NULL, 0, 0, 0, 0 };

	l.src = o->file;
	if (path != NULL && o->cmdline != NULL &&
	    path_defined(o->defines, path))
		l.src = o->cmdline;
	else if (steps != NULL && !json_places_find(o->places, steps, key,
	    &l))
		l.src = o->file;
	return l;
}

/* Client text as quoted in a message: control characters escaped,
 * long text cut, so that a hostile value cannot garble the terminal. */
void
put_shown(struct buf *b, const char *s, size_t len)
{
	size_t i = 0, count = 0;
	uint32_t cp;

	while (i < len) {
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (count == SHOWN_MAX) {
			buf_puts(b, "…");
			return;
		}
		if (n == 0) {
			buf_printf(b, "\\x%02X", (unsigned char)s[i]);
			n = 1;
		} else if (is_control(cp))
			buf_printf(b, "\\u%04X", (unsigned)cp);
		else
			buf_put(b, s + i, n);
		i += n;
		count++;
	}
}

char *
shown(const char *s)
{
	struct buf b;

	buf_init(&b);
	put_shown(&b, s, strlen(s));
	return buf_detach(&b);
}

void
path_push_key(struct buf *path, const char *key)
{
	size_t n = strlen(key);

	if (is_plain_key(key)) {
		if (path->len > 0)
			buf_putc(path, '.');
		buf_puts(path, key);
		return;
	}
	buf_puts(path, "[\"");
	put_shown(path, key, n);
	buf_puts(path, "\"]");
}

const char *
suggest_field(const struct type *t, const char *word)
{
	struct suggester s;
	size_t i;

	suggest_begin(&s, word);
	for (i = 0; i < t->nfields; i++)
		suggest_consider(&s, t->fields[i].name);
	return suggest_end(&s);
}

bool
parses_as_integer(const char *s)
{
	long long n;
	char *end;

	if (*s == '-')
		s++;
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	n = strtoll(s, &end, 10);
	(void)n;
	return *end == '\0' && errno == 0;
}

