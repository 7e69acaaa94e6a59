/* JSON Schema (draft 2020-12) of a template's inputs, for form builders
 * and pipelines: what data.c accepts, said in the standard vocabulary. */
#include "schema/schema.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_DRAFT "https://json-schema.org/draft/2020-12/schema"

/* Patterns of the strings data.c accepts. */
#define PATTERN_DECIMAL	"^-?[0-9]+(\\.[0-9]{1,6})?$"
#define PATTERN_MONTANT	"^-?[0-9]+(\\.[0-9]{1,2})?$"
#define PATTERN_PERCENT	"^-?[0-9]+(\\.[0-9]{1,6})? ?%?$"
#define PATTERN_DATE	"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#define PATTERN_DUREE \
	"^[0-9]+[  ]?(jour|jours|semaine|semaines|mois|an|ans)$"

/* The record types being expanded, outermost first, and those met again
 * inside themselves: these are written once under "$defs" and referred
 * to, since a record may contain a list of its own type. */
struct schema_ctx {
	struct ptrvec	 open;
	struct ptrvec	 recursive;
};

static json_t *type_schema(struct schema_ctx *cx, const struct type *t,
		    const struct constraint *c, const struct value *def,
		    const char *title);

/* A constant as the JSON data would carry it. */
static json_t *
value_json(const struct value *v)
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
			item = value_json(&v->u.list.items[i]);
			json_array_append_new(j, item);
		}
		break;
	case T_RECORD:
		j = json_object();
		for (i = 0; i < v->u.record.len && v->type != NULL; i++)
			json_object_set_new(j, v->type->fields[i].name,
			    value_json(&v->u.record.fields[i]));
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

/* "entre A et B" and "parmi (…)" as minimum/maximum or enum. */
static void
add_constraint(json_t *s, const struct type *t, const struct constraint *c)
{
	json_t *set;
	size_t i;

	if (c == NULL)
		return;
	switch (c->kind) {
	case CSTR_NONE:
		break;
	case CSTR_ENTRE:
		if (t->kind == T_ENTIER || t->kind == T_DECIMAL) {
			json_object_set_new(s, "minimum", value_json(c->lo));
			json_object_set_new(s, "maximum", value_json(c->hi));
		} else {
			/* Montants, dates and durées are also strings: the
			 * bounds are documented, and checked by lgc. */
			struct buf b;

			buf_init(&b);
			constraint_describe(&b, c);
			set_string(s, "description", buf_cstr(&b));
			buf_free(&b);
		}
		break;
	case CSTR_PARMI:
		set = json_array();
		for (i = 0; i < c->nset; i++)
			json_array_append_new(set, value_json(&c->set[i]));
		json_object_set_new(s, "enum", set);
		break;
	}
}

static json_t *
number_or_string(const char *pattern)
{
	json_t *any = json_array(), *num = json_object(), *str = json_object();

	set_string(num, "type", "number");
	set_string(str, "type", "string");
	set_string(str, "pattern", pattern);
	json_array_append_new(any, num);
	json_array_append_new(any, str);
	return any;
}

/* S, or null: for what may be absent, since lgc reads a null value as
 * an absent one (rule 26). */
static json_t *
or_null(json_t *s)
{
	json_t *any = json_array(), *wrap = json_object(),
	    *null = json_object();

	set_string(null, "type", "null");
	json_array_append_new(any, s);
	json_array_append_new(any, null);
	json_object_set_new(wrap, "anyOf", any);
	return wrap;
}

static json_t *
record_schema(struct schema_ctx *cx, const struct type *t)
{
	json_t *s = json_object(), *props = json_object(), *req = json_array();
	size_t i;

	for (i = 0; i < cx->open.len; i++)
		if (cx->open.items[i] == t) {
			char *ref = xasprintf("#/$defs/%s", t->name);

			for (i = 0; i < cx->recursive.len; i++)
				if (cx->recursive.items[i] == t)
					break;
			if (i == cx->recursive.len)
				ptrvec_push(&cx->recursive, (void *)t);
			set_string(s, "$ref", ref);
			free(ref);
			json_decref(props);
			json_decref(req);
			return s;
		}
	ptrvec_push(&cx->open, (void *)t);
	set_string(s, "type", "object");
	for (i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];

		json_t *fs = type_schema(cx, f->type, &f->cstr, f->def,
		    f->label);

		json_object_set_new(props, f->name, f->def != NULL ?
		    or_null(fs) : fs);
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

static json_t *
type_schema(struct schema_ctx *cx, const struct type *t,
    const struct constraint *c, const struct value *def, const char *title)
{
	json_t *s = NULL, *values;
	size_t i;

	switch (t->kind) {
	case T_RECORD:
		s = record_schema(cx, t);
		break;
	case T_LISTE:
		s = json_object();
		set_string(s, "type", "array");
		json_object_set_new(s, "items", type_schema(cx, t->elem, NULL,
		    NULL, NULL));
		break;
	case T_CHOIX:
		s = json_object();
		set_string(s, "type", "string");
		values = json_array();
		for (i = 0; i < t->nvalues; i++)
			json_array_append_new(values,
			    json_string(t->values[i].name));
		json_object_set_new(s, "enum", values);
		break;
	case T_TEXTE:
		s = json_object();
		set_string(s, "type", "string");
		break;
	case T_ENTIER:
		s = json_object();
		set_string(s, "type", "integer");
		break;
	case T_DECIMAL:
		s = json_object();
		json_object_set_new(s, "anyOf", number_or_string(PATTERN_DECIMAL));
		break;
	case T_MONTANT:
		s = json_object();
		json_object_set_new(s, "anyOf", number_or_string(PATTERN_MONTANT));
		break;
	case T_POURCENTAGE:
		s = json_object();
		json_object_set_new(s, "anyOf", number_or_string(PATTERN_PERCENT));
		break;
	case T_DATE:
		s = json_object();
		set_string(s, "type", "string");
		set_string(s, "format", "date");
		set_string(s, "pattern", PATTERN_DATE);
		break;
	case T_DUREE:
		s = json_object();
		set_string(s, "type", "string");
		set_string(s, "pattern", PATTERN_DUREE);
		break;
	case T_BOOLEEN:
		s = json_object();
		set_string(s, "type", "boolean");
		break;
	case T_ERROR:
		s = json_object();
		break;
	}
	if (title != NULL)
		set_string(s, "title", title);
	add_constraint(s, t, c);
	if (def != NULL)
		json_object_set_new(s, "default", value_json(def));
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
		json_object_set_new(leaf, "const", value_json(&v->u.literal));
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

char *
schema_export(const struct program *prog)
{
	json_t *root = json_object(), *props = json_object(), *req = json_array();
	json_t *all = json_array(), *defs;
	struct schema_ctx cx;
	char *text, *out;
	size_t i;

	memset(&cx, 0, sizeof(cx));

	set_string(root, "$schema", SCHEMA_DRAFT);
	if (prog->main != NULL && prog->main->model != NULL)
		set_string(root, "title", prog->main->model);
	set_string(root, "type", "object");
	for (i = 0; i < prog->inputs.len; i++) {
		const struct input *in = prog->inputs.items[i];

		json_t *is = type_schema(&cx, in->type, in->cstr, in->def,
		    in->label);
		bool required = in->requirement == NULL && in->def == NULL &&
		    !in->optional;

		json_object_set_new(props, in->name, required ? is :
		    or_null(is));
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
	/* Writing a definition may meet further recursive types. */
	defs = json_object();
	for (i = 0; i < cx.recursive.len; i++) {
		const struct type *t = cx.recursive.items[i];
		json_t *whole;

		cx.open.len = 0;
		whole = record_schema(&cx, t);
		json_object_set_new(defs, t->name, whole);
	}
	if (json_object_size(defs) > 0)
		json_object_set_new(root, "$defs", defs);
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
