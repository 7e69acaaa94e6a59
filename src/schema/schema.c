/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* JSON Schema (draft 2020-12, or draft-07 for the tools that need it) of
 * a template's inputs, for form builders and pipelines: what data.c
 * accepts, said in the standard vocabulary, and, for a clause, the
 * parameters its includer gives. */
#include "schema/schema.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_DRAFT_2020_12 "https://json-schema.org/draft/2020-12/schema"
#define SCHEMA_DRAFT_07	"http://json-schema.org/draft-07/schema#"

/* Patterns of the strings data.c accepts; a number's own pattern is
 * built from its bounds by number_pattern(). */
#define PATTERN_DATE	"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#define PATTERN_DUREE \
	"^[0-9]+[  ]?(jour|jours|semaine|semaines|mois|an|ans)$"
/* "15 %", "15 %" (no-break or narrow no-break space) or "15%". */
#define PERCENT_SUFFIX	"(?:[ \xc2\xa0\xe2\x80\xaf]?%)?"

/* The record types being expanded, outermost first, and those met again
 * inside themselves: these are written once under "$defs" (draft-07:
 * "definitions") and referred to, since a record may contain a list of
 * its own type. */
struct schema_ctx {
	enum schema_draft draft;
	struct ptrvec	 open;
	struct ptrvec	 recursive;
};

static json_t *type_schema(struct schema_ctx *cx, const struct type *t,
		    const struct constraint *c, const struct value *def,
		    const char *title, bool nullable);

json_t *
schema_value_json(const struct value *v)
{
	struct buf b;
	json_t *j = NULL, *item;
	size_t i;

	buf_init(&b);
	switch (v->kind) {
	case T_TEXTE:
		j = json_string(v->u.text);
		break;
	case T_ENTIER:
		j = json_integer(v->u.integer);
		break;
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
		/* Numbers, as data files usually write them; exact. */
		dec_to_string(&b, v->u.dec);
		j = json_loads(buf_cstr(&b), JSON_DECODE_ANY, NULL);
		if (j == NULL)
			j = json_string(buf_cstr(&b));
		break;
	case T_DATE:
		buf_printf(&b, "%04d-%02d-%02d", v->u.date.year, v->u.date.month,
		    v->u.date.day);
		j = json_string(buf_cstr(&b));
		break;
	case T_DUREE:
		value_print_literal(&b, v);
		j = json_string(buf_cstr(&b));
		break;
	case T_BOOLEEN:
		j = json_boolean(v->u.boolean);
		break;
	case T_CHOIX:
		j = json_string(v->type->values[v->u.choice].name);
		break;
	case T_LISTE:
		j = json_array();
		for (i = 0; i < v->u.list.len; i++) {
			item = schema_value_json(&v->u.list.items[i]);
			json_array_append_new(j, item);
		}
		break;
	case T_RECORD:
		j = json_object();
		for (i = 0; i < v->u.record.len && v->type != NULL; i++)
			json_object_set_new(j, v->type->fields[i].name,
			    schema_value_json(&v->u.record.fields[i]));
		break;
	case T_ERROR:
		j = json_null();
		break;
	}
	buf_free(&b);
	return j;
}

static void
set_string(json_t *o, const char *key, const char *value)
{
	json_object_set_new(o, key, json_string(value));
}

/* "type": NAME, or [NAME, "null"] for what may be absent, since lgc
 * reads a null value as an absent one (rule 26).  A nullable type
 * rather than an "anyOf" with a null branch: form builders show the
 * latter as a choice between two unnamed schemas. */
static void
set_type(json_t *s, const char *name, bool nullable)
{
	if (nullable)
		json_object_set_new(s, "type", json_pack("[ss]", name, "null"));
	else
		set_string(s, "type", name);
}

/* Digits of 9 or 0, to stand for the rest of a bound. */
static const char nines[] = "9999999999999999999";
static const char zeros[] = "0000000000000000000";

/* A regular expression for the integers from LO to HI, two strings of
 * N digits with LO <= HI, by the first digit: the numbers sharing it,
 * then those between the two first digits, which take any digits after. */
static void
range_same_length(struct buf *b, const char *lo, const char *hi, size_t n)
{
	struct buf alt;
	bool lo_zeros, hi_nines;
	char from, to;
	int count = 0;

	if (n == 0)
		return;
	if (lo[0] == hi[0]) {
		buf_putc(b, lo[0]);
		range_same_length(b, lo + 1, hi + 1, n - 1);
		return;
	}
	buf_init(&alt);
	lo_zeros = strncmp(lo + 1, zeros, n - 1) == 0;
	hi_nines = strncmp(hi + 1, nines, n - 1) == 0;
	from = lo_zeros ? lo[0] : (char)(lo[0] + 1);
	to = hi_nines ? hi[0] : (char)(hi[0] - 1);
	if (!lo_zeros) {
		buf_putc(&alt, lo[0]);
		range_same_length(&alt, lo + 1, nines, n - 1);
		count++;
	}
	if (from <= to) {
		if (count++ > 0)
			buf_putc(&alt, '|');
		if (from == to)
			buf_putc(&alt, from);
		else
			buf_printf(&alt, "[%c-%c]", from, to);
		if (n > 2)
			buf_printf(&alt, "[0-9]{%zu}", n - 1);
		else if (n == 2)
			buf_puts(&alt, "[0-9]");
	}
	if (!hi_nines) {
		if (count++ > 0)
			buf_putc(&alt, '|');
		buf_putc(&alt, hi[0]);
		range_same_length(&alt, zeros, hi + 1, n - 1);
	}
	buf_printf(b, count > 1 ? "(?:%s)" : "%s", buf_cstr(&alt));
	buf_free(&alt);
}

/* The integers from LO to HI (0 <= LO <= HI), without leading zeros. */
static void
range_regex(struct buf *b, int64_t lo, int64_t hi)
{
	char los[24], his[24];
	struct buf alt;
	size_t len, hilen;
	int64_t from = lo, to, p;
	int count = 0;

	buf_init(&alt);
	snprintf(his, sizeof(his), "%" PRId64, hi);
	hilen = strlen(his);
	for (;;) {
		snprintf(los, sizeof(los), "%" PRId64, from);
		len = strlen(los);
		/* The largest number of LEN digits, or HI. */
		for (p = 1; len < hilen && (size_t)snprintf(NULL, 0, "%" PRId64,
		    p) <= len; p *= 10)
			;
		to = len < hilen ? p - 1 : hi;
		snprintf(his, sizeof(his), "%" PRId64, to);
		if (count++ > 0)
			buf_putc(&alt, '|');
		range_same_length(&alt, los, his, len);
		if (to == hi)
			break;
		from = to + 1;
	}
	buf_printf(b, count > 1 ? "(?:%s)" : "%s", buf_cstr(&alt));
	buf_free(&alt);
}

/* The pattern of a number written as a string, with at most FRAC
 * decimals: its sign follows the bounds, and integer bounds are exact
 * (what JSON Schema says of a number with minimum and maximum, it can
 * only say of a string by its digits). */
static char *
number_pattern(const struct type *t, const struct constraint *c)
{
	int frac = t->kind == T_MONTANT ? 2 : DEC_FRAC_DIGITS;
	const char *suffix = t->kind == T_POURCENTAGE ? PERCENT_SUFFIX : "";
	struct buf b;
	int64_t lo, hi;
	char *out;

	buf_init(&b);
	if (c != NULL && c->kind == CSTR_ENTRE && dec_cmp(c->lo->u.dec,
	    (dec_t){ 0 }) >= 0) {
		lo = dec_trunc(c->lo->u.dec);
		hi = dec_trunc(c->hi->u.dec);
		if (dec_is_integer(c->lo->u.dec) &&
		    dec_is_integer(c->hi->u.dec) && lo <= hi) {
			/* [lo, hi[ with any decimals, then hi itself. */
			buf_puts(&b, "^0*(?:");
			if (lo < hi) {
				range_regex(&b, lo, hi - 1);
				buf_printf(&b, "(?:\\.[0-9]{1,%d})?|", frac);
			}
			buf_printf(&b, "%" PRId64 "(?:\\.0{1,%d})?)%s$", hi,
			    frac, suffix);
		} else
			buf_printf(&b, "^[0-9]+(?:\\.[0-9]{1,%d})?%s$", frac,
			    suffix);
	} else
		buf_printf(&b, "^-?[0-9]+(?:\\.[0-9]{1,%d})?%s$", frac, suffix);
	out = xstrdup(buf_cstr(&b));
	buf_free(&b);
	return out;
}

/* "entre A et B" as minimum and maximum where JSON Schema can say it,
 * in prose otherwise; "parmi (…)" as an enum (choices take it in
 * type_schema, with their labels). */
static void
add_constraint(json_t *s, const struct type *t, const struct constraint *c,
    bool nullable)
{
	json_t *set;
	size_t i;

	if (c == NULL)
		return;
	switch (c->kind) {
	case CSTR_NONE:
		break;
	case CSTR_ENTRE:
		if (t->kind == T_ENTIER || t->kind == T_DECIMAL ||
		    t->kind == T_MONTANT || t->kind == T_POURCENTAGE) {
			json_object_set_new(s, "minimum", schema_value_json(c->lo));
			json_object_set_new(s, "maximum", schema_value_json(c->hi));
		} else {
			/* Dates and durées are strings: the bounds are
			 * documented, and checked by lgc. */
			struct buf b;

			buf_init(&b);
			constraint_describe(&b, c);
			set_string(s, "description", buf_cstr(&b));
			buf_free(&b);
		}
		break;
	case CSTR_PARMI:
		if (t->kind == T_CHOIX)
			break;
		set = json_array();
		for (i = 0; i < c->nset; i++)
			json_array_append_new(set, schema_value_json(&c->set[i]));
		if (nullable)
			json_array_append_new(set, json_null());
		json_object_set_new(s, "enum", set);
		break;
	}
}

/* A number, or the same written as a string ("1500.50", "15 %"). */
static json_t *
number_schema(const struct type *t, const struct constraint *c,
    bool nullable)
{
	json_t *s = json_object(), *types;
	char *pattern = number_pattern(t, c);

	types = json_pack("[ss]", "number", "string");
	if (nullable)
		json_array_append_new(types, json_string("null"));
	json_object_set_new(s, "type", types);
	set_string(s, "pattern", pattern);
	free(pattern);
	return s;
}

/* The values of a choice as constants with their printed words for
 * titles, the convention of form builders (react-jsonschema-form
 * shows a list of them as a drop-down list of titles); those of
 * "parmi (…)" only.  When the input may be absent, null is one more
 * entry, titled with what then applies. */
static json_t *
choice_schema(const struct type *t, const struct constraint *c,
    const struct value *def, bool nullable)
{
	json_t *s = json_object(), *list = json_array(), *one;
	struct buf b;
	size_t i, k;

	buf_init(&b);
	set_type(s, "string", nullable);
	for (i = 0; i < t->nvalues; i++) {
		if (c != NULL && c->kind == CSTR_PARMI) {
			for (k = 0; k < c->nset; k++)
				if (c->set[k].kind == T_CHOIX &&
				    c->set[k].u.choice == i)
					break;
			if (k == c->nset)
				continue;
		}
		buf_reset(&b);
		if (t->values[i].words != NULL)
			buf_puts(&b, t->values[i].words);
		else
			for (k = 0; t->values[i].name[k] != '\0'; k++)
				buf_putc(&b, t->values[i].name[k] == '_' ? ' ' :
				    t->values[i].name[k]);
		one = json_object();
		set_string(one, "const", t->values[i].name);
		set_string(one, "title", buf_cstr(&b));
		json_array_append_new(list, one);
	}
	if (nullable) {
		buf_reset(&b);
		if (def != NULL && def->kind == T_CHOIX) {
			const struct choice_value *v = &t->values[def->u.choice];

			buf_printf(&b, "(par défaut : %s)", v->words != NULL ?
			    v->words : v->name);
		} else
			buf_puts(&b, "(non précisé)");
		one = json_object();
		json_object_set_new(one, "const", json_null());
		set_string(one, "title", buf_cstr(&b));
		json_array_append_new(list, one);
	}
	json_object_set_new(s, "oneOf", list);
	buf_free(&b);
	return s;
}

static const char *
defs_key(const struct schema_ctx *cx)
{
	return cx->draft == SCHEMA_07 ? "definitions" : "$defs";
}

static json_t *
record_schema(struct schema_ctx *cx, const struct type *t, bool nullable)
{
	json_t *s = json_object(), *props = json_object(), *req = json_array();
	size_t i;

	for (i = 0; i < cx->open.len; i++)
		if (cx->open.items[i] == t) {
			char *ref = xasprintf("#/%s/%s", defs_key(cx), t->name);

			for (i = 0; i < cx->recursive.len; i++)
				if (cx->recursive.items[i] == t)
					break;
			if (i == cx->recursive.len)
				ptrvec_push(&cx->recursive, (void *)t);
			set_string(s, "$ref", ref);
			free(ref);
			json_decref(props);
			json_decref(req);
			if (nullable) {
				json_t *any = json_pack("[o{ss}]", s, "type",
				    "null");

				return json_pack("{so}", "anyOf", any);
			}
			return s;
		}
	ptrvec_push(&cx->open, (void *)t);
	set_type(s, "object", nullable);
	for (i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];

		json_object_set_new(props, f->name, type_schema(cx, f->type,
		    &f->cstr, f->def, f->label, f->def != NULL));
		if (f->def == NULL)
			json_array_append_new(req, json_string(f->name));
	}
	cx->open.len--;
	json_object_set_new(s, "properties", props);
	if (json_array_size(req) > 0)
		json_object_set_new(s, "required", req);
	else
		json_decref(req);
	return s;
}

/* The schema of one value of type T; NULLABLE when it may be absent
 * (null). */
static json_t *
type_schema(struct schema_ctx *cx, const struct type *t,
    const struct constraint *c, const struct value *def, const char *title,
    bool nullable)
{
	json_t *s = NULL;

	switch (t->kind) {
	case T_RECORD:
		s = record_schema(cx, t, nullable);
		break;
	case T_LISTE:
		s = json_object();
		set_type(s, "array", nullable);
		json_object_set_new(s, "items", type_schema(cx, t->elem, NULL,
		    NULL, NULL, false));
		break;
	case T_CHOIX:
		s = choice_schema(t, c, def, nullable);
		break;
	case T_TEXTE:
		s = json_object();
		set_type(s, "string", nullable);
		break;
	case T_ENTIER:
		s = json_object();
		set_type(s, "integer", nullable);
		break;
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
		s = number_schema(t, c, nullable);
		break;
	case T_DATE:
		s = json_object();
		set_type(s, "string", nullable);
		set_string(s, "format", "date");
		set_string(s, "pattern", PATTERN_DATE);
		break;
	case T_DUREE:
		s = json_object();
		set_type(s, "string", nullable);
		set_string(s, "pattern", PATTERN_DUREE);
		break;
	case T_BOOLEEN:
		s = json_object();
		set_type(s, "boolean", nullable);
		break;
	case T_ERROR:
		s = json_object();
		break;
	}
	if (title != NULL)
		set_string(s, "title", title);
	add_constraint(s, t, c, nullable);
	if (def != NULL)
		json_object_set_new(s, "default", schema_value_json(def));
	return s;
}

/* The name or field an atom tests, as a property path; NULL when the
 * condition cannot be said in JSON Schema. */
static bool
atom_path(const struct expr *e, struct ptrvec *path)
{
	if (e->kind == EX_NAME && e->sym != NULL) {
		ptrvec_push(path, e->u.name);
		return true;
	}
	if (e->kind == EX_FIELD && atom_path(e->u.field.obj, path)) {
		ptrvec_push(path, e->u.field.name);
		return true;
	}
	return false;
}

/* {"properties": {a: {"properties": {b: LEAF}, "required": [b]}},
 *  "required": [a]} for the path a.b. */
static json_t *
nest(const struct ptrvec *path, size_t i, json_t *leaf)
{
	json_t *s = json_object(), *props = json_object(), *req = json_array();
	const char *key = path->items[i];

	json_object_set_new(props, key, i + 1 == path->len ? leaf :
	    nest(path, i + 1, leaf));
	json_object_set_new(s, "properties", props);
	json_array_append_new(req, json_string(key));
	json_object_set_new(s, "required", req);
	return s;
}

static json_t *
const_leaf(const struct expr *v, const struct type *t)
{
	json_t *leaf = json_object();

	if (v->kind == EX_NAME && v->choice >= 0 && t->kind == T_CHOIX)
		json_object_set_new(leaf, "const",
		    json_string(t->values[v->choice].name));
	else if (v->kind == EX_LITERAL)
		json_object_set_new(leaf, "const", schema_value_json(&v->u.literal));
	else if (v->kind == EX_NAME && v->choice >= 0 && t->kind == T_BOOLEEN)
		json_object_set_new(leaf, "const", json_boolean(v->choice == 1));
	else {
		json_decref(leaf);
		return NULL;
	}
	return leaf;
}

/* A missing input with a default takes that default: when the default
 * satisfies the atom, an absent key satisfies it too. */
static json_t *
atom_schema(const struct program *prog, const struct ptrvec *path,
    json_t *leaf, bool default_holds)
{
	json_t *s = nest(path, 0, leaf), *any, *absent;

	if (path->len != 1 || !default_holds)
		return s;
	absent = json_pack("{s:{s:[s]}}", "not", "required",
	    (const char *)path->items[0]);
	any = json_array();
	json_array_append_new(any, s);
	json_array_append_new(any, absent);
	(void)prog;
	return json_pack("{s:o}", "anyOf", any);
}

static const struct value *
default_of(const struct program *prog, const struct ptrvec *path)
{
	const struct input *in;

	if (path->len != 1)
		return NULL;
	in = program_input(prog, path->items[0]);
	return in != NULL ? in->def : NULL;
}

/* A condition as a schema that data satisfy when it holds; NULL when it
 * is beyond JSON Schema (arithmetic, comparisons of numbers…). */
static json_t *
condition_schema(const struct expr *e, const struct program *prog)
{
	struct ptrvec path = { NULL, 0, 0 };
	json_t *s = NULL, *a, *b, *list, *leaf;
	const struct expr *x, *v;

	switch (e->kind) {
	case EX_NOT:
		if ((a = condition_schema(e->u.operand, prog)) == NULL)
			return NULL;
		s = json_object();
		json_object_set_new(s, "not", a);
		return s;
	case EX_EXISTS:
		if (atom_path(e->u.operand, &path)) {
			leaf = json_object();
			json_object_set_new(leaf, "not", json_pack("{s:s}",
			    "type", "null"));
			s = nest(&path, 0, leaf);
		}
		ptrvec_free(&path);
		return s;
	case EX_NAME:
	case EX_FIELD:
		if (e->type != NULL && e->type->kind == T_BOOLEEN &&
		    atom_path(e, &path)) {
			const struct value *d = default_of(prog, &path);

			s = atom_schema(prog, &path, json_pack("{s:b}", "const",
			    1), d != NULL && d->u.boolean);
		}
		ptrvec_free(&path);
		return s;
	case EX_BINARY:
		break;
	case EX_LITERAL:
	case EX_CALL:
	case EX_RECORD:
	case EX_LIST:
	case EX_NEG:
		return NULL;
	}
	switch (e->u.binary.op) {
	case OP_AND:
	case OP_OR:
		a = condition_schema(e->u.binary.lhs, prog);
		b = condition_schema(e->u.binary.rhs, prog);
		if (a == NULL || b == NULL) {
			json_decref(a);
			json_decref(b);
			return NULL;
		}
		list = json_array();
		json_array_append_new(list, a);
		json_array_append_new(list, b);
		s = json_object();
		json_object_set_new(s, e->u.binary.op == OP_AND ? "allOf" :
		    "anyOf", list);
		return s;
	case OP_EQ:
	case OP_NE:
		x = e->u.binary.lhs;
		v = e->u.binary.rhs;
		if (!atom_path(x, &path)) {
			ptrvec_free(&path);
			x = e->u.binary.rhs;
			v = e->u.binary.lhs;
			if (!atom_path(x, &path)) {
				ptrvec_free(&path);
				return NULL;
			}
		}
		leaf = x->type != NULL ? const_leaf(v, x->type) : NULL;
		if (leaf != NULL) {
			const struct value *d = default_of(prog, &path);
			bool holds = false;

			if (d != NULL && d->kind == T_CHOIX && v->choice >= 0)
				holds = (int)d->u.choice == v->choice;
			else if (d != NULL && v->kind == EX_LITERAL)
				holds = value_equal(d, &v->u.literal);
			if (e->u.binary.op == OP_NE) {
				json_t *n = json_object();

				json_object_set_new(n, "not", leaf);
				leaf = n;
				holds = d != NULL && !holds;
			}
			s = atom_schema(prog, &path, leaf, holds);
		}
		ptrvec_free(&path);
		return s;
	case OP_LT: case OP_LE: case OP_GT: case OP_GE:
	case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV:
		return NULL;
	}
	return NULL;
}

/* The declaration as the template writes it after the name ("montant
 * entre 1 € et 10000 € = 500 €"), in "$comment": JSON Schema's types
 * say a number where lgc says a montant, and a catalogue of clauses or
 * a reader of the schema wants lgc's words. */
static void
add_declaration(json_t *s, const struct type *t, const struct constraint *c,
    const struct value *def, bool optional)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_puts(&b, "lgc : ");
	type_name(&b, t);
	if (c != NULL && c->kind == CSTR_ENTRE) {
		buf_puts(&b, " entre ");
		value_print_literal(&b, c->lo);
		buf_puts(&b, " et ");
		value_print_literal(&b, c->hi);
	} else if (c != NULL && c->kind == CSTR_PARMI) {
		buf_puts(&b, " parmi (");
		for (i = 0; i < c->nset; i++) {
			if (i > 0)
				buf_puts(&b, ", ");
			value_print_literal(&b, &c->set[i]);
		}
		buf_putc(&b, ')');
	}
	if (optional)
		buf_puts(&b, " optionnel");
	if (def != NULL && t->kind != T_RECORD && t->kind != T_LISTE) {
		buf_puts(&b, " = ");
		value_print_literal(&b, def);
	}
	set_string(s, "$comment", buf_cstr(&b));
	buf_free(&b);
}

/* A clause's parameters, which the including file gives with
 * « {inclure … avec nom = valeur} »: an object schema under the name
 * "parametres" of the definitions, NULL when the file has none.  They
 * are not data, so they stay out of "properties"; form builders and the
 * catalogue of the clause library (docs/stdlib.md) read them there. */
static json_t *
parameters_schema(struct schema_ctx *cx, const struct file_ast *f)
{
	json_t *s, *props = json_object(), *req = json_array();
	size_t i;

	for (i = 0; i < f->ndecls; i++) {
		const struct decl *d = f->decls[i];

		if (d->kind != DECL_PARAMETRE || d->ty == NULL)
			continue;
		json_t *ps = type_schema(cx, d->ty, &d->cstr_value,
		    d->def_value, d->label, false);

		add_declaration(ps, d->ty, &d->cstr_value, d->def_value, false);
		json_object_set_new(props, d->name, ps);
		if (d->def_value == NULL)
			json_array_append_new(req, json_string(d->name));
	}
	if (json_object_size(props) == 0) {
		json_decref(props);
		json_decref(req);
		return NULL;
	}
	s = json_object();
	set_string(s, "title", "Paramètres de la clause (inclure … avec)");
	set_string(s, "type", "object");
	json_object_set_new(s, "properties", props);
	if (json_array_size(req) > 0)
		json_object_set_new(s, "required", req);
	else
		json_decref(req);
	json_object_set_new(s, "additionalProperties", json_false());
	return s;
}

char *
schema_export(const struct program *prog, enum schema_draft draft)
{
	json_t *root = json_object(), *props = json_object(), *req = json_array();
	json_t *all = json_array(), *defs = json_object(), *params = NULL;
	struct schema_ctx cx;
	char *text, *out;
	size_t i;

	memset(&cx, 0, sizeof(cx));
	cx.draft = draft;
	set_string(root, "$schema", draft == SCHEMA_07 ? SCHEMA_DRAFT_07 :
	    SCHEMA_DRAFT_2020_12);
	if (prog->main != NULL && prog->main->model != NULL)
		set_string(root, "title", prog->main->model);
	set_string(root, "type", "object");
	for (i = 0; i < prog->inputs.len; i++) {
		const struct input *in = prog->inputs.items[i];
		bool required = in->requirement == NULL && in->def == NULL &&
		    !in->optional;

		json_t *is = type_schema(&cx, in->type, in->cstr, in->def,
		    in->label, !required);

		add_declaration(is, in->type, in->cstr, in->def, in->optional);
		json_object_set_new(props, in->name, is);
		if (required)
			json_array_append_new(req, json_string(in->name));
	}
	json_object_set_new(root, "properties", props);
	json_object_set_new(root, "required", req);
	/* "entree x … si C": required where C holds. */
	for (i = 0; i < prog->inputs.len; i++) {
		const struct input *in = prog->inputs.items[i];
		json_t *cond, *rule, *then;

		if (in->requirement == NULL || in->def != NULL)
			continue;
		cond = condition_schema(in->requirement, prog);
		if (cond == NULL)
			continue;
		rule = json_object();
		json_object_set_new(rule, "if", cond);
		then = json_object();
		json_object_set_new(then, "required",
		    json_pack("[s]", in->name));
		json_object_set_new(rule, "then", then);
		json_array_append_new(all, rule);
	}
	if (json_array_size(all) > 0)
		json_object_set_new(root, "allOf", all);
	else
		json_decref(all);
	if (prog->main != NULL)
		params = parameters_schema(&cx, prog->main);
	/* Writing a definition may meet further recursive types. */
	for (i = 0; i < cx.recursive.len; i++) {
		const struct type *t = cx.recursive.items[i];

		cx.open.len = 0;
		json_object_set_new(defs, t->name, record_schema(&cx, t,
		    false));
	}
	if (params != NULL)
		json_object_set_new(defs, "parametres", params);
	if (json_object_size(defs) > 0)
		json_object_set_new(root, defs_key(&cx), defs);
	else
		json_decref(defs);
	ptrvec_free(&cx.open);
	ptrvec_free(&cx.recursive);
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	out = xasprintf("%s\n", text != NULL ? text : "{}");
	free(text);
	return out;
}
