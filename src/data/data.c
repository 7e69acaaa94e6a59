#include "data/data.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "syntax/ast.h"
#include "eval/eval.h"
#include "base/source.h"
#include "base/suggest.h"
#include "base/util.h"

#define DATA_MAX_BYTES	(16u * 1024 * 1024)
#define DATA_MAX_DEPTH	32
#define ENTIER_MAX	INT64_C(9000000000000)
/* Longest piece of client text quoted in a message, in code points. */
#define SHOWN_MAX	40
#define CMDLINE_NAME	"<ligne de commande>"

enum input_state {
	ST_UNKNOWN,
	ST_VISITING,
	ST_PRESENT,
	ST_ABSENT,
	ST_FAILED
};

struct slot {
	enum input_state state;
	struct value	 value;		/* ST_PRESENT */
};

struct data {
	const struct program *prog;
	struct diags	*ds;
	struct eval	*ev;
	json_t		*root;		/* the merged object, or NULL */
	struct slot	*slots;		/* parallel to prog->inputs */
	size_t		 nslots;
	/* Where each top-level key came from: key → index in sources. */
	json_t		*origins;
	struct ptrvec	 sources;	/* const struct source *, owned by ds */
	long		 last_file;	/* index in sources, or -1 */
	long		 cmdline;	/* index in sources, or -1 */
	struct ptrvec	 defines;	/* char *: JSON paths set by -D */
	int		 nerrors;	/* errors this module reported */
	bool		 broken;	/* a load failed: the data is unknown */
	bool		 draft;		/* --brouillon: missing is not an error */
};

/* A value being checked: what its diagnostics name and point at. */
struct at {
	struct data	*d;
	const char	*key;		/* top-level key, for the location */
	struct buf	*path;		/* JSON path: client.adresse, x[2] */
	const char	*label;		/* libellé, or NULL */
};

static bool	convert(const struct at *a, const struct type *t,
		    json_t *j, struct value *out);
static bool	check_constraint(const struct at *a,
		    const struct constraint *c, const struct value *v);

/* ---------------------------------------------------------------- */
/* Small helpers                                                     */

/* Control characters, and the bidirectional overrides and isolates with
 * which a value shows in the contract otherwise than it is stored
 * ("\u202e0051" reads 1500): refused in client text, as in templates. */
static bool
is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Client text as quoted in a message: control characters escaped,
 * long text cut, so that a hostile value cannot garble the terminal. */
static void
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

static char *
shown(const char *s)
{
	struct buf b;

	buf_init(&b);
	put_shown(&b, s, strlen(s));
	return buf_detach(&b);
}

/* Keys that read unambiguously after a dot; others are bracketed. */
static bool
is_plain_key(const char *key)
{
	const unsigned char *p = (const unsigned char *)key;

	if (*p == '\0')
		return false;
	for (; *p != '\0'; p++)
		if (*p <= ' ' || *p == 0x7F || strchr(".[]\"\\", *p) != NULL)
			return false;
	return true;
}

static void
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

static void
path_truncate(struct buf *path, size_t len)
{
	path->len = len;
	if (path->data != NULL)
		path->data[len] = '\0';
}

static const struct input *
find_input(const struct program *prog, const char *name)
{
	size_t i;

	for (i = 0; i < prog->inputs.len; i++) {
		const struct input *in = prog->inputs.items[i];

		if (strcmp(in->name, name) == 0)
			return in;
	}
	return NULL;
}

static const char *
suggest_input(const struct program *prog, const char *word)
{
	struct suggester s;
	size_t i;

	suggest_begin(&s, word);
	for (i = 0; i < prog->inputs.len; i++)
		suggest_consider(&s, ((const struct input *)
		    prog->inputs.items[i])->name);
	return suggest_end(&s);
}

static const char *
suggest_field(const struct type *t, const char *word)
{
	struct suggester s;
	size_t i;

	suggest_begin(&s, word);
	for (i = 0; i < t->nfields; i++)
		suggest_consider(&s, t->fields[i].name);
	return suggest_end(&s);
}

static bool
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

/* ---------------------------------------------------------------- */
/* Locations and reports                                             */

static long
add_source(struct data *d, struct source *s)
{
	diags_adopt_source(d->ds, s);
	ptrvec_push(&d->sources, s);
	return (long)d->sources.len - 1;
}

static long
cmdline_source(struct data *d)
{
	if (d->cmdline < 0)
		d->cmdline = add_source(d, source_named(CMDLINE_NAME));
	return d->cmdline;
}

static struct loc
source_loc(const struct data *d, long index)
{
	struct loc l = { NULL, 0, 0, 0, 0 };

	if (index >= 0)
		l.src = d->sources.items[index];
	return l;
}

/* Whether PATH is, or lies inside, a value set by -D. */
static bool
path_defined(const struct data *d, const char *path)
{
	size_t i, n;

	for (i = 0; i < d->defines.len; i++) {
		const char *def = d->defines.items[i];

		n = strlen(def);
		if (strncmp(path, def, n) == 0 && (path[n] == '\0' ||
		    path[n] == '.' || path[n] == '['))
			return true;
	}
	return false;
}

/* The file (or command line) that supplied the value at PATH under
 * the top-level KEY; for a missing key, the last data file. */
static struct loc
data_loc(const struct data *d, const char *key, const char *path)
{
	json_t *origin;

	if (path != NULL && d->cmdline >= 0 && path_defined(d, path))
		return source_loc(d, d->cmdline);
	origin = key != NULL ? json_object_get(d->origins, key) : NULL;
	if (origin != NULL)
		return source_loc(d, (long)json_integer_value(origin));
	return source_loc(d, d->last_file >= 0 ? d->last_file : d->cmdline);
}

static struct loc
at_loc(const struct at *a)
{
	return data_loc(a->d, a->key, buf_cstr(a->path));
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

void
data_note_input(struct data *d, struct diagnostic *dg, size_t index)
{
	const struct input *in = d->prog->inputs.items[index];
	const struct value *v = data_value(d, index);
	struct loc l = data_loc(d, in->name, in->name);
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "« %s »", in->name);
	if (in->label != NULL && in->label[0] != '\0')
		buf_printf(&b, " (%s)", in->label);
	if (v != NULL) {
		buf_puts(&b, " vaut ");
		value_print(&b, v);
	} else
		buf_puts(&b, " est absent");
	buf_printf(&b, " ; chemin JSON : %s", in->name);
	diag_note(dg, &l, "%s", buf_cstr(&b));
	buf_free(&b);
}

/* Every error about a value ends with its hint, then its JSON path. */
static void
finish(const struct at *a, struct diagnostic *dg, const char *hint)
{
	a->d->nerrors++;
	if (hint != NULL)
		diag_hint(dg, "%s", hint);
	diag_hint(dg, "chemin JSON : %s", buf_cstr(a->path));
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
		buf_puts(b, "un montant (nombre ou texte \"1500.50\")");
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
	dg = diag(a->d->ds, E_DATA_TYPE, &l, subj, buf_cstr(&expected),
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
	dg = diag(a->d->ds, E_DATA_VALUE, &l, subj, buf_cstr(&reason));
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

			dg = diag(a->d->ds, E_DATA_CONTROL, &l, subj,
			    (unsigned)cp);
			finish(a, dg, "retirez ce caractère invisible, souvent "
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

/* Why a required key given as null is missing (rule 26). */
static char *
null_key(const char *key)
{
	return xasprintf(" : la clé \"%s\" vaut null, qui veut dire absent ; "
	    "donnez-lui une valeur", key);
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
		err_value(a, NULL, "%s est trop grand", text);
		break;
	case DEC_OK:
	case DEC_DIVZERO:
	case DEC_SYNTAX:
		err_value(a, NULL, "%s n'est pas un nombre", text);
		break;
	}
}

/* Decimal text: "12.5"; for a pourcentage also "15 %" and "15%". */
static bool
decimal_text(const struct at *a, const struct type *t, const json_t *j,
    dec_t *out)
{
	const char *s = json_string_value(j);
	size_t len = json_string_length(j);
	enum dec_status st;
	char *quoted, *fixed;
	dec_t dummy;

	if (t->kind == T_POURCENTAGE && len > 0 && s[len - 1] == '%') {
		len--;
		for (;;) {
			if (len >= 1 && s[len - 1] == ' ')
				len--;
			else if (len >= 2 && memcmp(s + len - 2, NBSP, 2) == 0)
				len -= 2;
			else if (len >= 3 &&
			    memcmp(s + len - 3, "\xe2\x80\xaf", 3) == 0)
				len -= 3;
			else
				break;
		}
	}
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
		char *hint = xasprintf("écrivez « %s » : point décimal, sans "
		    "espace ni symbole", fixed);

		err_value(a, hint, "« %s » n'est pas un nombre valide", quoted);
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
	if (t->kind == T_MONTANT && v.units % 10000 != 0) {
		char *hint;

		buf_reset(&b);
		dec_to_string(&b, v);
		if (dec_round(v, 2, &rounded) == DEC_OK) {
			struct buf r;

			buf_init(&r);
			dec_to_string(&r, rounded);
			hint = xasprintf("arrondissez, par exemple à %s",
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
	dg = diag(a->d->ds, E_DATA_CHOICE, &l, subj, quoted,
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
		buf_printf(a->path, "[%zu]", i);
		if (convert(&item, t->elem, json_array_get(j, i),
		    &out->u.list.items[out->u.list.len]))
			out->u.list.len++;
		else
			ok = false;
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
		struct at field = { a->d, a->key, a->path, f->label };
		json_t *fj = json_object_get(j, f->name);

		path_push_key(a->path, f->name);
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
			struct loc l = at_loc(&field);
			char *subj = subject(&field);
			char *how = json_is_null(json_object_get(j, f->name)) ?
			    null_key(f->name) : xasprintf(" : ajoutez la clé "
			    "\"%s\" à l'objet", f->name);
			const char *typo = suggest_stray_key(j, t, f->name);
			struct diagnostic *dg;
			struct buf hint;

			buf_init(&hint);
			buf_puts(&hint, "valeur attendue : ");
			describe_expected(&hint, f->type);
			if (typo != NULL)
				buf_printf(&hint, " ; la clé « %s » est-elle "
				    "une faute de frappe ?", typo);
			dg = diag(a->d->ds, E_DATA_MISSING, &l, subj, how);
			finish(&field, dg, buf_cstr(&hint));
			buf_free(&hint);
			free(how);
			free(subj);
			ok = false;
		}
		path_truncate(a->path, mark);
	}
	json_object_foreach(j, key, value) {
		struct diagnostic *dg;
		struct loc l;

		if (type_field_index(t, key) >= 0)
			continue;
		path_push_key(a->path, key);
		l = at_loc(a);
		dg = diag(a->d->ds, W_DATA_UNKNOWN_KEY, &l, buf_cstr(a->path));
		diag_suggest(dg, suggest_field(t, key));
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
		dg = diag(a->d->ds, E_DATA_VALUE, &l, subj, buf_cstr(&why));
		finish(a, dg, NULL);
		break;
	case CSTR_ENTRE:
		value_compare(v, c->lo, &comparable_lo);
		value_compare(v, c->hi, &comparable_hi);
		if (!comparable_lo || !comparable_hi) {
			/* Jours and mois do not compare: 1 mois is 28 to 31
			 * days. */
			dg = diag(a->d->ds, E_DATA_VALUE, &l, subj,
			    buf_cstr(&why));
			finish(a, dg, "exprimez la durée dans l'unité des "
			    "bornes (jours et semaines, ou mois et ans)");
			break;
		}
		value_print(&lo, c->lo);
		value_print(&hi, c->hi);
		dg = diag(a->d->ds, E_DATA_RANGE, &l, subj, buf_cstr(&got),
		    buf_cstr(&lo), buf_cstr(&hi));
		finish(a, dg, NULL);
		break;
	case CSTR_PARMI:
		print_set(&lo, c);
		dg = diag(a->d->ds, E_DATA_PARMI, &l, subj, buf_cstr(&got),
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
/* Loading                                                           */

static const char *
json_kind_name(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		return "un objet";
	case JSON_ARRAY:
		return "un tableau";
	case JSON_STRING:
		return "un texte";
	case JSON_INTEGER:
	case JSON_REAL:
		return "un nombre";
	case JSON_TRUE:
	case JSON_FALSE:
		return "un booléen";
	case JSON_NULL:
		return "null";
	}
	return "null";
}

/* Whether no container under J (itself at DEPTH) is nested deeper than
 * DATA_MAX_DEPTH; the recursion stops there, so it is bounded. */
static bool
depth_ok(json_t *j, int depth)
{
	const char *key;
	json_t *value;
	size_t i;

	if (!json_is_object(j) && !json_is_array(j))
		return true;
	if (depth > DATA_MAX_DEPTH)
		return false;
	if (json_is_array(j)) {
		json_array_foreach(j, i, value)
			if (!depth_ok(value, depth + 1))
				return false;
		return true;
	}
	json_object_foreach(j, key, value)
		if (!depth_ok(value, depth + 1))
			return false;
	return true;
}

/* jansson's English message in French, with the token it stopped at. */
static void
json_error_text(struct buf *b, const json_error_t *err, const char **hint)
{
	static const struct {
		const char	*en;
		const char	*fr;
	} messages[] = {
		{ "string or '}' expected", "clé entre guillemets ou « } » "
		    "attendue" },
		{ "':' expected", "« : » attendu après la clé" },
		{ "'}' expected", "« } » ou « , » attendu" },
		{ "']' expected", "« ] » ou « , » attendu" },
		{ "'[' or '{' expected", "« { » attendu" },
		{ "end of file expected", "fin du fichier attendue après "
		    "l'objet" },
		{ "unexpected newline", "retour à la ligne dans un texte "
		    "(écrivez \\n)" },
		{ "unexpected token", "symbole inattendu" },
		{ "invalid token", "mot inconnu" },
		{ "invalid escape", "échappement invalide dans un texte" },
		{ "invalid Unicode", "code Unicode invalide" },
		{ "duplicate object key", "clé en double" },
		{ "too big integer", "nombre entier trop grand" },
		{ "real number overflow", "nombre trop grand" },
		{ "\\u0000 is not allowed", "caractère nul \\u0000 interdit" },
		{ "control character", "caractère de contrôle dans un texte" },
		{ "unable to decode byte", "octet invalide : le fichier doit "
		    "être en UTF-8" },
		{ "premature end of input", "fin du fichier inattendue" },
		{ "maximum parsing depth reached", "imbrication trop "
		    "profonde" },
	};
	const char *near = strstr(err->text, " near ");
	size_t i, n = near != NULL ? (size_t)(near - err->text) :
	    strlen(err->text);
	bool known = false;

	*hint = NULL;
	for (i = 0; i < sizeof(messages) / sizeof(messages[0]); i++)
		if (strncmp(err->text, messages[i].en,
		    strlen(messages[i].en)) == 0) {
			buf_puts(b, messages[i].fr);
			known = true;
			break;
		}
	if (!known)
		put_shown(b, err->text, n);
	if (near == NULL)
		return;
	near += strlen(" near ");
	if (strcmp(near, "end of file") == 0) {
		buf_puts(b, " avant la fin du fichier");
		return;
	}
	if (near[0] == '\'' && strlen(near) >= 2) {
		n = strlen(near) - 2;
		near++;
	} else
		n = strlen(near);
	buf_puts(b, " près de « ");
	put_shown(b, near, n);
	buf_puts(b, " »");
	if (n == 1 && (near[0] == '}' || near[0] == ']'))
		*hint = "une virgule en trop avant la fermeture ?";
	else if (n >= 1 && (near[0] == '\'' ||
	    strncmp(near, "\xe2\x80\x9c", 3) == 0 ||
	    strncmp(near, "\xe2\x80\x9d", 3) == 0 ||
	    strncmp(near, "\xc2\xab", 2) == 0))
		*hint = "les clés et les textes s'écrivent entre guillemets "
		    "droits \"…\"";
	else if (strncmp(err->text, "invalid token", 13) == 0)
		*hint = "les mots JSON sont true, false et null ; un texte "
		    "s'écrit entre guillemets \"…\"";
}

/*
 * Client texts and keys in NFC (see utf8_nfc): a name typed with
 * combining accents must print with its accents in every format, and a
 * key « durée_mois » match the declaration however it was typed.
 * Returns the message for the first key that two keys became (to be
 * freed), or NULL.
 */
static char *
compose_json(json_t *j)
{
	const char *key;
	json_t *value;
	struct ptrvec renamed;		/* old key, then its NFC, in pairs */
	char *nfc, *clash = NULL;
	size_t i, len;

	switch (json_typeof(j)) {
	case JSON_STRING:
		nfc = utf8_nfc(json_string_value(j), json_string_length(j),
		    &len);
		if (nfc != NULL)
			json_string_setn(j, nfc, len);
		free(nfc);
		return NULL;
	case JSON_ARRAY:
		for (i = 0; i < json_array_size(j) && clash == NULL; i++)
			clash = compose_json(json_array_get(j, i));
		return clash;
	case JSON_OBJECT:
		break;
	case JSON_INTEGER:
	case JSON_REAL:
	case JSON_TRUE:
	case JSON_FALSE:
	case JSON_NULL:
		return NULL;
	}
	memset(&renamed, 0, sizeof(renamed));
	json_object_foreach(j, key, value) {
		if (clash == NULL)
			clash = compose_json(value);
		if ((nfc = utf8_nfc(key, strlen(key), NULL)) != NULL) {
			ptrvec_push(&renamed, xstrdup(key));
			ptrvec_push(&renamed, nfc);
		}
	}
	for (i = 0; i + 1 < renamed.len; i += 2) {
		const char *old = renamed.items[i];

		nfc = renamed.items[i + 1];
		value = json_incref(json_object_get(j, old));
		json_object_del(j, old);
		if (json_object_get(j, nfc) != NULL) {
			json_decref(value);
			if (clash == NULL)
				clash = xasprintf("la clé « %s » figure deux "
				    "fois, l'une écrite avec des accents "
				    "décomposés", nfc);
		} else
			json_object_set_new(j, nfc, value);
		free(renamed.items[i]);
		free(nfc);
	}
	ptrvec_free(&renamed);
	return clash;
}

/* Keys of OBJ now come from source INDEX; -D paths under them are
 * overridden. */
static void
merge_root(struct data *d, json_t *obj, long index)
{
	const char *key;
	json_t *value;
	size_t i, k;

	json_object_foreach(obj, key, value) {
		json_object_set_new(d->origins, key, json_integer(index));
		for (i = k = 0; i < d->defines.len; i++) {
			char *def = d->defines.items[i];
			size_t n = strlen(key);

			if (strncmp(def, key, n) == 0 && (def[n] == '\0' ||
			    def[n] == '.' || def[n] == '[')) {
				free(def);
				continue;
			}
			d->defines.items[k++] = def;
		}
		d->defines.len = k;
	}
	if (d->root == NULL)
		d->root = json_incref(obj);
	else
		json_object_update(d->root, obj);
}

/* Only a syntax error needs the text: the caret shows the bad line. */
static void
report_syntax(struct data *d, const char *name, const char *text,
    size_t len, const json_error_t *err)
{
	struct source *src = source_from_text(name, text, len);
	struct loc at = { src, 0, 0, 0, 0 };
	struct diagnostic *dg;
	const char *hint;
	struct buf msg;

	diags_adopt_source(d->ds, src);
	if (err->line >= 1) {
		at.line = at.end_line = err->line;
		at.col = at.end_col = err->column >= 1 ? err->column : 1;
	}
	buf_init(&msg);
	json_error_text(&msg, err, &hint);
	dg = diag(d->ds, E_DATA_JSON, &at, buf_cstr(&msg));
	if (hint != NULL)
		diag_hint(dg, "%s", hint);
	buf_free(&msg);
}

static bool
load(struct data *d, const char *name, const char *text, size_t len)
{
	struct source *named;
	struct loc l;
	json_error_t err;
	json_t *j;
	long index;
	char *clash;

	named = source_named(name);
	index = add_source(d, named);
	l = source_loc(d, index);
	if (len > DATA_MAX_BYTES) {
		char n1[32], n2[32];

		snprintf(n1, sizeof(n1), "%zu", len);
		snprintf(n2, sizeof(n2), "%u", DATA_MAX_BYTES);
		diag(d->ds, F_DATA_TOO_BIG, &l, n1, n2);
		d->nerrors++;
		d->broken = true;
		return false;
	}
	/* A byte order mark is what some editors on Windows write. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	j = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
	    &err);
	if (j == NULL) {
		d->nerrors++;
		d->broken = true;
		if (json_error_code(&err) == json_error_stack_overflow)
			diag(d->ds, E_DATA_TOO_DEEP, &l, DATA_MAX_DEPTH);
		else
			report_syntax(d, name, text, len, &err);
		return false;
	}
	if (!json_is_object(j)) {
		diag(d->ds, E_DATA_NOT_OBJECT, &l, json_kind_name(j));
		d->nerrors++;
		d->broken = true;
		json_decref(j);
		return false;
	}
	if (!depth_ok(j, 1)) {
		diag(d->ds, E_DATA_TOO_DEEP, &l, DATA_MAX_DEPTH);
		d->nerrors++;
		d->broken = true;
		json_decref(j);
		return false;
	}
	if ((clash = compose_json(j)) != NULL) {
		diag(d->ds, E_DATA_JSON, &l, clash);
		free(clash);
		d->nerrors++;
		d->broken = true;
		json_decref(j);
		return false;
	}
	d->last_file = index;
	merge_root(d, j, index);
	json_decref(j);
	return true;
}

struct data *
data_new(const struct program *prog, struct diags *ds)
{
	struct data *d = xcalloc(1, sizeof(*d));

	d->prog = prog;
	d->ds = ds;
	d->nslots = prog->inputs.len;
	d->slots = xcalloc(d->nslots ? d->nslots : 1, sizeof(*d->slots));
	d->origins = json_object();
	d->last_file = -1;
	d->cmdline = -1;
	return d;
}

void
data_free(struct data *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nslots; i++)
		if (d->slots[i].state == ST_PRESENT)
			value_free(&d->slots[i].value);
	free(d->slots);
	json_decref(d->root);
	json_decref(d->origins);
	ptrvec_free(&d->sources);
	for (i = 0; i < d->defines.len; i++)
		free(d->defines.items[i]);
	ptrvec_free(&d->defines);
	free(d);
}

bool
data_load_file(struct data *d, const char *path)
{
	char *text;
	size_t len;
	bool ok;

	text = read_file(path, DATA_MAX_BYTES, &len);
	if (text == NULL) {
		if (errno == EFBIG) {
			struct loc l = source_loc(d, add_source(d,
			    source_named(path)));
			char n1[32], n2[32];

			snprintf(n1, sizeof(n1), "%zu", len);
			snprintf(n2, sizeof(n2), "%u", DATA_MAX_BYTES);
			diag(d->ds, F_DATA_TOO_BIG, &l, n1, n2);
		} else
			diag(d->ds, F_IO, NULL, path, fr_strerror(errno));
		d->nerrors++;
		d->broken = true;
		return false;
	}
	ok = load(d, path, text, len);
	free(text);
	return ok;
}

bool
data_load_text(struct data *d, const char *name, const char *text,
    size_t len)
{
	return load(d, name, text, len);
}

/* ---------------------------------------------------------------- */
/* -D nom=valeur                                                     */

/* TEXT as the JSON the data file would hold for type T, or NULL with
 * *WHY set (to be freed). */
static json_t *
define_json(const struct type *t, const char *text, int depth, char **why)
{
	static const char *const yes[] = { "vrai", "oui", "true", "1" };
	static const char *const no[] = { "faux", "non", "false", "0" };
	json_error_t err;
	json_t *j = NULL;
	char *folded;
	size_t i;

	*why = NULL;
	switch (t->kind) {
	case T_ENTIER:
		if (parses_as_integer(text))
			return json_integer(strtoll(text, NULL, 10));
		/* Kept as text: validation then says what is wrong. */
		break;
	case T_BOOLEEN:
		folded = fold_word(text);
		for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
			if (strcmp(folded, yes[i]) == 0)
				j = json_true();
			else if (strcmp(folded, no[i]) == 0)
				j = json_false();
		}
		free(folded);
		if (j == NULL) {
			char *quoted = shown(text);

			*why = xasprintf("« %s » n'est pas un booléen : écrivez "
			    "vrai ou faux", quoted);
			free(quoted);
		}
		return j;
	case T_LISTE:
	case T_RECORD:
		j = json_loads(text, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
		    &err);
		if (j == NULL) {
			struct buf b;
			const char *hint;

			buf_init(&b);
			buf_puts(&b, "JSON invalide : ");
			json_error_text(&b, &err, &hint);
			buf_printf(&b, " (colonne %d) ; %s", err.column,
			    t->kind == T_LISTE ? "une liste s'écrit "
			    "'[\"a\", \"b\"]'" : "un enregistrement s'écrit "
			    "'{\"champ\": valeur, …}'");
			*why = buf_detach(&b);
			return NULL;
		}
		if (!depth_ok(j, depth)) {
			*why = xasprintf("données imbriquées sur plus de %d "
			    "niveaux", DATA_MAX_DEPTH);
			json_decref(j);
			return NULL;
		}
		if ((*why = compose_json(j)) != NULL) {
			json_decref(j);
			return NULL;
		}
		return j;
	case T_ERROR:
	case T_TEXTE:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DATE:
	case T_DUREE:
	case T_CHOIX:
		break;
	}
	j = json_string(text);
	if (j == NULL)
		*why = xstrdup("la valeur n'est pas en UTF-8");
	else
		free(compose_json(j));
	return j;
}

static bool
define_error(struct data *d, const char *assignment, const char *why,
    const char *suggestion)
{
	struct loc l = source_loc(d, cmdline_source(d));
	struct diagnostic *dg;
	char *quoted = shown(assignment);

	dg = diag(d->ds, E_DEFINE, &l, quoted, why);
	diag_suggest(dg, suggestion);
	d->nerrors++;
	free(quoted);
	return false;
}

/* "-D" written wrong is a usage error (exit 2), as any bad option is;
 * a well-formed one with a wrong value is the data's (exit 1). */
static bool
define_usage(struct data *d, const char *assignment, const char *why)
{
	struct loc l = source_loc(d, cmdline_source(d));
	char *quoted = shown(assignment);
	char *msg = xasprintf("« -D %s » : %s", quoted, why);

	diag(d->ds, F_USAGE, &l, msg);
	d->nerrors++;
	free(msg);
	free(quoted);
	return false;
}

bool
data_define(struct data *d, const char *assignment)
{
	const char *eq = strchr(assignment, '=');
	const struct input *in;
	const struct type *t;
	struct ptrvec segs = { NULL, 0, 0 };
	struct buf path;
	char *name, *p, *why = NULL;
	json_t *j, *obj, *child;
	bool ok = false;
	size_t i;
	int index;

	if (eq == NULL)
		return define_usage(d, assignment, "il manque « = » : écrivez "
		    "-D nom=valeur");
	name = xstrndup(assignment, (size_t)(eq - assignment));
	for (p = name;; p++) {
		char *dot = strchr(p, '.');

		ptrvec_push(&segs, p);
		if (dot == NULL)
			break;
		*dot = '\0';
		p = dot;
	}
	buf_init(&path);
	for (i = 0; i < segs.len; i++)
		if (((char *)segs.items[i])[0] == '\0') {
			define_usage(d, assignment, "nom vide : écrivez "
			    "-D nom=valeur ou -D nom.champ=valeur");
			goto out;
		}
	in = find_input(d->prog, segs.items[0]);
	if (in == NULL) {
		char *quoted = shown(segs.items[0]);

		why = xasprintf("« %s » n'est pas une entrée du modèle",
		    quoted);
		free(quoted);
		define_error(d, assignment, why, suggest_input(d->prog,
		    segs.items[0]));
		goto out;
	}
	t = in->type;
	path_push_key(&path, in->name);
	for (i = 1; i < segs.len; i++) {
		const char *seg = segs.items[i];
		struct buf tn;

		buf_init(&tn);
		type_describe(&tn, t);
		if (t->kind != T_RECORD) {
			why = xasprintf("« %s » est %s : il n'a pas de "
			    "champs", buf_cstr(&path), buf_cstr(&tn));
			buf_free(&tn);
			define_error(d, assignment, why, NULL);
			goto out;
		}
		index = type_field_index(t, seg);
		if (index < 0) {
			char *quoted = shown(seg);

			why = xasprintf("le type %s n'a pas de champ « %s »",
			    t->name, quoted);
			free(quoted);
			buf_free(&tn);
			define_error(d, assignment, why, suggest_field(t, seg));
			goto out;
		}
		buf_free(&tn);
		path_push_key(&path, seg);
		t = t->fields[index].type;
	}
	j = define_json(t, eq + 1, (int)segs.len + 1, &why);
	if (j == NULL) {
		define_error(d, assignment, why, NULL);
		goto out;
	}
	if (d->root == NULL)
		d->root = json_object();
	if (json_object_get(d->origins, in->name) == NULL ||
	    segs.len == 1)
		json_object_set_new(d->origins, in->name,
		    json_integer(cmdline_source(d)));
	/* The command line wins: an intermediate value that is not an
	 * object is replaced. */
	obj = d->root;
	for (i = 0; i + 1 < segs.len; i++) {
		child = json_object_get(obj, segs.items[i]);
		if (!json_is_object(child)) {
			child = json_object();
			json_object_set_new(obj, segs.items[i], child);
		}
		obj = child;
	}
	json_object_set_new(obj, segs.items[segs.len - 1], j);
	ptrvec_push(&d->defines, buf_detach(&path));
	ok = true;
out:
	buf_free(&path);
	free(why);
	free(name);
	ptrvec_free(&segs);
	return ok;
}

/* ---------------------------------------------------------------- */
/* Resolution                                                        */

void
data_set_eval(struct data *d, struct eval *ev)
{
	d->ev = ev;
}

/* Root keys that are not inputs, closest to NAME (a likely typo). */
static const char *
suggest_stray_root_key(const struct data *d, const char *name)
{
	struct suggester sg;
	const char *key;
	json_t *value;

	suggest_begin(&sg, name);
	json_object_foreach(d->root, key, value) {
		if (find_input(d->prog, key) == NULL && !json_is_null(value))
			suggest_consider(&sg, key);
	}
	return suggest_end(&sg);
}

static void
report_missing(struct data *d, const struct at *a, const struct input *in)
{
	struct loc l = at_loc(a);
	struct diagnostic *dg;
	struct buf hint;
	const char *typo = NULL;
	char *subj = subject(a), *how;

	buf_init(&hint);
	if (d->root != NULL)
		typo = suggest_stray_root_key(d, in->name);
	if (d->root != NULL && json_is_null(json_object_get(d->root,
	    in->name)))
		how = null_key(in->name);
	else if (d->last_file >= 0)
		how = xasprintf(" : ajoutez la clé \"%s\" aux données",
		    in->name);
	else
		how = xasprintf(" : donnez-le dans un fichier de données (-d) "
		    "ou par -D %s=…", in->name);
	buf_puts(&hint, "valeur attendue : ");
	describe_expected(&hint, in->type);
	if (in->requirement != NULL) {
		buf_puts(&hint, " ; requis quand « ");
		expr_print(&hint, in->requirement);
		buf_puts(&hint, " »");
	}
	if (typo != NULL)
		buf_printf(&hint, " ; la clé « %s » est-elle une faute de "
		    "frappe ?", typo);
	dg = diag(d->ds, E_DATA_MISSING, &l, subj, how);
	finish(a, dg, buf_cstr(&hint));
	buf_free(&hint);
	free(how);
	free(subj);
}

static enum input_state
resolve(struct data *d, const struct input *in, struct value *out)
{
	struct buf path;
	struct at a = { d, in->name, &path, in->label };
	json_t *j;
	bool given, holds = false;
	enum input_state state;

	if (d->broken)
		return ST_FAILED;
	j = d->root != NULL ? json_object_get(d->root, in->name) : NULL;
	given = j != NULL && !json_is_null(j);
	buf_init(&path);
	path_push_key(&path, in->name);
	if (in->requirement != NULL) {
		if (d->ev == NULL || !eval_condition(d->ev, in->requirement,
		    &holds)) {
			buf_free(&path);
			return ST_FAILED;
		}
		if (!holds) {
			if (given) {
				struct loc l = at_loc(&a);
				struct buf cond;

				buf_init(&cond);
				expr_print(&cond, in->requirement);
				diag(d->ds, W_DATA_IGNORED, &l, in->name,
				    buf_cstr(&cond));
				buf_free(&cond);
			}
			buf_free(&path);
			return ST_ABSENT;
		}
	}
	if (!given) {
		if (in->def != NULL) {
			value_copy(out, in->def);
			state = ST_PRESENT;
		} else if (in->optional || d->draft)
			state = ST_ABSENT;
		else {
			report_missing(d, &a, in);
			state = ST_FAILED;
		}
		buf_free(&path);
		return state;
	}
	state = ST_FAILED;
	if (convert(&a, in->type, j, out)) {
		if (check_constraint(&a, in->cstr, out))
			state = ST_PRESENT;
		else
			value_free(out);
	}
	buf_free(&path);
	return state;
}

const struct value *
data_value(struct data *d, size_t index)
{
	struct slot *s;

	if (index >= d->nslots)
		return NULL;
	s = &d->slots[index];
	switch (s->state) {
	case ST_UNKNOWN:
		s->state = ST_VISITING;
		s->state = resolve(d, d->prog->inputs.items[index], &s->value);
		break;
	case ST_VISITING:
		/* A cycle: a checked program has none; fail safe. */
		return NULL;
	case ST_PRESENT:
	case ST_ABSENT:
	case ST_FAILED:
		break;
	}
	return s->state == ST_PRESENT ? &s->value : NULL;
}

void
data_set_draft(struct data *d, bool draft)
{
	d->draft = draft;
}

bool
data_failed(struct data *d, size_t index)
{
	if (index >= d->nslots)
		return false;
	return d->slots[index].state == ST_FAILED ||
	    d->slots[index].state == ST_VISITING;
}

bool
data_resolve_all(struct data *d)
{
	const char *key;
	json_t *value;
	size_t i;
	bool ok = true;

	for (i = 0; i < d->nslots; i++) {
		data_value(d, i);
		if (data_failed(d, i))
			ok = false;
	}
	if (d->root != NULL && !d->broken) {
		json_object_foreach(d->root, key, value) {
			struct diagnostic *dg;
			struct loc l;
			char *quoted;

			if (find_input(d->prog, key) != NULL)
				continue;
			l = data_loc(d, key, NULL);
			quoted = shown(key);
			dg = diag(d->ds, W_DATA_UNKNOWN_KEY, &l, quoted);
			diag_suggest(dg, suggest_input(d->prog, key));
			free(quoted);
		}
	}
	return ok && d->nerrors == 0;
}
