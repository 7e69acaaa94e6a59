/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The questionnaire: a page that asks a template's questions, one field
 * per input, and gives back the JSON data lgc reads.  The page is built
 * in the browser by a fixed script (formulaire.js, embedded at build
 * time) from a description of the inputs written here as JSON, and from
 * the inputs' conditions, compiled here to JavaScript so that the page
 * shows a conditional question exactly where lgc expects its answer.
 * Everything from the template reaches the page as JSON text made safe
 * for a <script> element, and the script puts it in the page as text,
 * never as markup. */
#include "form/form.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "schema/schema.h"
#include "form/runtime.h"

/* A soit used in a condition is compiled in place; its own soits too,
 * down to this depth (cycles are errors of the checker already). */
#define SOIT_DEPTH	32

struct form_ctx {
	const struct program *prog;
	struct ptrvec	 records;	/* record types described, by index */
	struct buf	 conditions;	/* JavaScript functions, one per line */
	size_t		 nconditions;
};

/* JSON text (from jansson) made safe inside <script>: '<', '>' and '&'
 * can only stand in its strings, where \u escapes mean the same, so no
 * "</script>" nor "<!--" survives; U+2028 and U+2029 too, for older
 * JavaScript parsers. */
static void
put_script_json(struct buf *b, const char *json)
{
	const unsigned char *p = (const unsigned char *)json;

	for (; *p != '\0'; p++) {
		if (*p == '<' || *p == '>' || *p == '&')
			buf_printf(b, "\\u%04x", *p);
		else if (p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0xa8 || p[2] == 0xa9)) {
			buf_printf(b, "\\u%04x", p[2] == 0xa8 ? 0x2028 : 0x2029);
			p += 2;
		} else
			buf_putc(b, (char)*p);
	}
}

/* A JavaScript string literal of S. */
static void
put_js_string(struct buf *b, const char *s)
{
	json_t *j = json_string(s);
	char *text = j != NULL ? json_dumps(j, JSON_ENCODE_ANY) : NULL;

	put_script_json(b, text != NULL ? text : "\"\"");
	free(text);
	json_decref(j);
}

static void
put_html(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_putc(b, *s); break;
		}
}

static const char *
kind_word(enum type_kind kind)
{
	switch (kind) {
	case T_ERROR: return "erreur";
	case T_TEXTE: return "texte";
	case T_ENTIER: return "entier";
	case T_DECIMAL: return "decimal";
	case T_MONTANT: return "montant";
	case T_POURCENTAGE: return "pourcentage";
	case T_DATE: return "date";
	case T_DUREE: return "duree";
	case T_BOOLEEN: return "booleen";
	case T_CHOIX: return "choix";
	case T_LISTE: return "liste";
	case T_RECORD: return "enregistrement";
	}
	return "erreur";
}

/* The words a choice value prints as. */
static void
choice_words(struct buf *b, const struct choice_value *v)
{
	const char *p;

	if (v->words != NULL) {
		buf_puts(b, v->words);
		return;
	}
	for (p = v->name; *p != '\0'; p++)
		buf_putc(b, *p == '_' ? ' ' : *p);
}

static void
set_printed(json_t *o, const char *key, void (*print)(struct buf *,
    const struct value *), const struct value *v)
{
	struct buf b;

	buf_init(&b);
	print(&b, v);
	json_object_set_new(o, key, json_string(buf_cstr(&b)));
	buf_free(&b);
}

static json_t *type_spec(struct form_ctx *cx, const struct type *t,
		    const struct constraint *c);

/* "entre A et B" as bounds the page compares with (written as the data
 * would be) and the words of lgc's message; "parmi" as the list the
 * page offers. */
static void
describe_constraint(json_t *s, const struct type *t, const struct constraint *c)
{
	json_t *set, *one;
	struct buf b;
	size_t i;

	if (c == NULL || c->kind == CSTR_NONE)
		return;
	buf_init(&b);
	constraint_describe(&b, c);
	json_object_set_new(s, "contrainte", json_string(buf_cstr(&b)));
	buf_free(&b);
	if (c->kind == CSTR_ENTRE) {
		json_object_set_new(s, "min", schema_value_json(c->lo));
		json_object_set_new(s, "max", schema_value_json(c->hi));
		return;
	}
	if (t->kind == T_CHOIX)
		return;
	set = json_array();
	for (i = 0; i < c->nset; i++) {
		one = json_object();
		json_object_set_new(one, "valeur",
		    schema_value_json(&c->set[i]));
		set_printed(one, "mots", value_print, &c->set[i]);
		json_array_append_new(set, one);
	}
	json_object_set_new(s, "parmi", set);
}

/* The index of record type T among those described, added if new: a
 * record refers to its type by index, so that a type holding a list of
 * itself is described once. */
static size_t
record_index(struct form_ctx *cx, const struct type *t)
{
	size_t i;

	for (i = 0; i < cx->records.len; i++)
		if (cx->records.items[i] == t)
			return i;
	ptrvec_push(&cx->records, (void *)t);
	return cx->records.len - 1;
}

static json_t *
type_spec(struct form_ctx *cx, const struct type *t, const struct constraint *c)
{
	json_t *s = json_object(), *list, *one;
	struct buf b;
	size_t i, k;

	json_object_set_new(s, "genre", json_string(kind_word(t->kind)));
	switch (t->kind) {
	case T_CHOIX:
		buf_init(&b);
		list = json_array();
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
			choice_words(&b, &t->values[i]);
			one = json_object();
			json_object_set_new(one, "nom",
			    json_string(t->values[i].name));
			json_object_set_new(one, "mots",
			    json_string(buf_cstr(&b)));
			json_array_append_new(list, one);
		}
		json_object_set_new(s, "valeurs", list);
		buf_free(&b);
		break;
	case T_LISTE:
		json_object_set_new(s, "element", type_spec(cx, t->elem, NULL));
		break;
	case T_RECORD:
		json_object_set_new(s, "indice",
		    json_integer((json_int_t)record_index(cx, t)));
		break;
	case T_ERROR:
	case T_TEXTE:
	case T_ENTIER:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DATE:
	case T_DUREE:
	case T_BOOLEEN:
		break;
	}
	describe_constraint(s, t, c);
	return s;
}

static json_t *
record_spec(struct form_ctx *cx, const struct type *t)
{
	json_t *s = json_object(), *fields = json_array(), *f;
	size_t i;

	if (t->name != NULL)
		json_object_set_new(s, "nom", json_string(t->name));
	for (i = 0; i < t->nfields; i++) {
		const struct field *fd = &t->fields[i];

		f = json_object();
		json_object_set_new(f, "nom", json_string(fd->name));
		if (fd->label != NULL)
			json_object_set_new(f, "libelle",
			    json_string(fd->label));
		json_object_set_new(f, "type", type_spec(cx, fd->type,
		    &fd->cstr));
		if (fd->def != NULL)
			json_object_set_new(f, "defaut",
			    schema_value_json(fd->def));
		json_object_set_new(f, "requis", json_boolean(fd->def == NULL));
		json_array_append_new(fields, f);
	}
	json_object_set_new(s, "champs", fields);
	return s;
}

static bool js_expr(struct form_ctx *cx, struct buf *b, const struct expr *e,
		    int depth);

/* The functions whose meaning the page knows (L.call in formulaire.js):
 * those a condition on the answers plausibly uses.  The printing
 * filters are not conditions' business. */
static const char *const page_functions[] = {
	"nombre", "somme", "annee", "mois", "jour"
};

static bool
js_call(struct form_ctx *cx, struct buf *b, const struct expr *e, int depth)
{
	size_t i;
	bool ok = true;

	if (e->fn == NULL || e->loop_query != LOOP_NONE)
		return false;
	for (i = 0; i < sizeof(page_functions) / sizeof(page_functions[0]); i++)
		if (strcmp(e->u.call.name, page_functions[i]) == 0)
			break;
	if (i == sizeof(page_functions) / sizeof(page_functions[0]))
		return false;
	buf_printf(b, "L.call(\"%s\", [", page_functions[i]);
	for (i = 0; i < e->u.call.nargs; i++) {
		if (i > 0)
			buf_puts(b, ", ");
		ok = js_expr(cx, b, e->u.call.args[i], depth) && ok;
	}
	buf_printf(b, "], \"%s\")", e->type != NULL ?
	    kind_word(e->type->kind) : "erreur");
	return ok;
}

/* EXPR as a JavaScript expression over the page's helpers (L, in
 * formulaire.js): every value is the one the data would carry, or
 * undefined while unknown (an unanswered question), and the logic is
 * Kleene's, so that an unknown condition hides its question.  False
 * for a form the page cannot evaluate (a function call). */
static bool
js_expr(struct form_ctx *cx, struct buf *b, const struct expr *e, int depth)
{
	const struct expr *l, *r;
	bool ok;

	if (depth > SOIT_DEPTH)
		return false;
	switch (e->kind) {
	case EX_LITERAL:
		switch (e->u.literal.kind) {
		case T_TEXTE:
			put_js_string(b, e->u.literal.u.text);
			return true;
		case T_ENTIER:
			buf_printf(b, "(%" PRId64 ")", e->u.literal.u.integer);
			return true;
		case T_DECIMAL:
		case T_MONTANT:
		case T_POURCENTAGE:
			buf_putc(b, '(');
			dec_to_string(b, e->u.literal.u.dec);
			buf_putc(b, ')');
			return true;
		case T_DATE:
			buf_printf(b, "\"%04d-%02d-%02d\"",
			    e->u.literal.u.date.year, e->u.literal.u.date.month,
			    e->u.literal.u.date.day);
			return true;
		case T_DUREE: {
			struct buf lit;

			buf_init(&lit);
			value_print_literal(&lit, &e->u.literal);
			buf_puts(b, "L.duree(");
			put_js_string(b, buf_cstr(&lit));
			buf_putc(b, ')');
			buf_free(&lit);
			return true;
		}
		case T_BOOLEEN:
			buf_puts(b, e->u.literal.u.boolean ? "true" : "false");
			return true;
		case T_CHOIX:
			if (e->u.literal.type == NULL ||
			    e->u.literal.u.choice >= e->u.literal.type->nvalues)
				return false;
			put_js_string(b, e->u.literal.type->values[
			    e->u.literal.u.choice].name);
			return true;
		case T_ERROR:
		case T_LISTE:
		case T_RECORD:
			return false;
		}
		return false;
	case EX_NAME:
		if (e->choice >= 0 && e->type != NULL) {
			if (e->type->kind == T_CHOIX &&
			    (size_t)e->choice < e->type->nvalues) {
				put_js_string(b, e->type->values[e->choice].name);
				return true;
			}
			if (e->type->kind == T_BOOLEEN) {
				buf_puts(b, e->choice == 1 ? "true" : "false");
				return true;
			}
			return false;
		}
		if (e->sym == NULL)
			return false;
		switch (e->sym->kind) {
		case SYM_INPUT:
			buf_puts(b, "L.v(");
			put_js_string(b, e->u.name);
			buf_putc(b, ')');
			return true;
		case SYM_SOIT:
			if (e->sym->decl == NULL || e->sym->decl->value == NULL)
				return false;
			buf_putc(b, '(');
			ok = js_expr(cx, b, e->sym->decl->value, depth + 1);
			buf_putc(b, ')');
			return ok;
		case SYM_PARAM:
		case SYM_LOOP:
			return false;
		}
		return false;
	case EX_FIELD:
		buf_puts(b, "L.f(");
		ok = js_expr(cx, b, e->u.field.obj, depth);
		buf_puts(b, ", ");
		put_js_string(b, e->u.field.name);
		buf_putc(b, ')');
		return ok;
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
		buf_puts(b, e->kind == EX_NEG ? "L.neg(" : e->kind == EX_NOT ?
		    "L.not(" : "L.def(");
		ok = js_expr(cx, b, e->u.operand, depth);
		buf_putc(b, ')');
		return ok;
	case EX_BINARY:
		break;
	case EX_CALL:
		return js_call(cx, b, e, depth);
	case EX_RECORD:
	case EX_LIST:
		return false;
	}
	l = e->u.binary.lhs;
	r = e->u.binary.rhs;
	switch (e->u.binary.op) {
	case OP_AND:
	case OP_OR:
		buf_puts(b, e->u.binary.op == OP_AND ? "L.and(" : "L.or(");
		ok = js_expr(cx, b, l, depth);
		buf_puts(b, ", () => ");
		ok = js_expr(cx, b, r, depth) && ok;
		buf_putc(b, ')');
		return ok;
	case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
		buf_printf(b, "L.cmp(\"%s\", ", binop_text(e->u.binary.op));
		ok = js_expr(cx, b, l, depth);
		buf_puts(b, ", ");
		ok = js_expr(cx, b, r, depth) && ok;
		buf_putc(b, ')');
		return ok;
	case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV:
		if (l->type == NULL || r->type == NULL || e->type == NULL)
			return false;
		buf_printf(b, "L.arith(\"%s\", ", binop_text(e->u.binary.op));
		ok = js_expr(cx, b, l, depth);
		buf_printf(b, ", \"%s\", ", kind_word(l->type->kind));
		ok = js_expr(cx, b, r, depth) && ok;
		buf_printf(b, ", \"%s\", \"%s\")", kind_word(r->type->kind),
		    kind_word(e->type->kind));
		return ok;
	}
	return false;
}

/* The input's condition as a function of the page, its index in *INDEX;
 * false when it cannot be compiled. */
static bool
add_condition(struct form_ctx *cx, const struct expr *e, size_t *index)
{
	struct buf js;
	bool ok;

	buf_init(&js);
	ok = js_expr(cx, &js, e, 0);
	if (ok) {
		buf_printf(&cx->conditions, "\t(L) => %s,\n", buf_cstr(&js));
		*index = cx->nconditions++;
	}
	buf_free(&js);
	return ok;
}

static json_t *
input_spec(struct form_ctx *cx, const struct input *in)
{
	json_t *s = json_object();
	struct buf b;
	size_t index;

	json_object_set_new(s, "nom", json_string(in->name));
	if (in->label != NULL)
		json_object_set_new(s, "libelle", json_string(in->label));
	json_object_set_new(s, "type", type_spec(cx, in->type, in->cstr));
	if (in->def != NULL)
		json_object_set_new(s, "defaut", schema_value_json(in->def));
	json_object_set_new(s, "requis", json_boolean(in->def == NULL &&
	    !in->optional));
	if (in->optional)
		json_object_set_new(s, "optionnel", json_true());
	if (in->requirement != NULL) {
		buf_init(&b);
		expr_print(&b, in->requirement);
		json_object_set_new(s, "condition_texte",
		    json_string(buf_cstr(&b)));
		buf_free(&b);
		if (add_condition(cx, in->requirement, &index))
			json_object_set_new(s, "condition",
			    json_integer((json_int_t)index));
	}
	return s;
}

static const char style[] =
"body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;"
"background:#f6f6f4;color:#1b1b1b}\n"
"main{max-width:46rem;margin:0 auto;padding:1rem 1.25rem 3rem}\n"
"h1{font-size:1.6rem;line-height:1.25}\n"
".champ{margin:0 0 1.1rem}\n"
".champ>label,.question{display:block;font-weight:600;margin-bottom:.25rem}\n"
".case>label{font-weight:600;margin-left:.4rem}\n"
".aide{display:block;color:#555;font-size:.9rem;margin-bottom:.25rem}\n"
"input[type=text],input[type=date],select{font:inherit;padding:.35rem .5rem;"
"border:1px solid #767676;border-radius:4px;background:#fff;max-width:100%}\n"
"input[type=text]{width:28rem}\n"
"input.nombre{width:12rem}\n"
"input[type=checkbox]{width:1.2rem;height:1.2rem;vertical-align:middle}\n"
".unite{margin-left:.4rem}\n"
"[aria-invalid=true]{border:2px solid #b00020!important}\n"
".erreur{color:#b00020;font-weight:600;margin:.25rem 0 0}\n"
"fieldset{border:1px solid #bbb;border-radius:6px;margin:0 0 1.1rem;"
"padding:.5rem 1rem;background:#fff}\n"
"legend{font-weight:700;padding:0 .3rem}\n"
"ol.lignes{padding-left:1.4rem}\n"
"ol.lignes>li{margin-bottom:.6rem}\n"
"button{font:inherit;padding:.4rem .9rem;border-radius:4px;"
"border:1px solid #1d4e89;background:#1d4e89;color:#fff;cursor:pointer}\n"
"button.secondaire{background:#fff;color:#1d4e89}\n"
":focus-visible{outline:3px solid #f0a500;outline-offset:2px}\n"
".note{background:#fff4d6;border-left:4px solid #f0a500;padding:.3rem .6rem;"
"font-size:.9rem}\n"
".resume{border:2px solid #b00020;background:#fff;padding:.5rem 1rem;"
"margin-bottom:1rem}\n"
".resume h2{font-size:1.1rem;margin:.2rem 0}\n"
".actions{display:flex;flex-wrap:wrap;gap:.6rem;margin-top:1.5rem}\n"
"[hidden]{display:none!important}\n";

char *
form_page(const struct program *prog, const char *render_url)
{
	struct form_ctx cx;
	struct buf page;
	json_t *spec = json_object(), *inputs = json_array(), *records;
	const char *title = prog->main != NULL && prog->main->model != NULL ?
	    prog->main->model : "Questionnaire";
	char *text;
	size_t i;

	memset(&cx, 0, sizeof(cx));
	cx.prog = prog;
	buf_init(&cx.conditions);
	buf_init(&page);
	for (i = 0; i < prog->inputs.len; i++)
		json_array_append_new(inputs, input_spec(&cx,
		    prog->inputs.items[i]));
	/* Describing a record may meet further record types. */
	records = json_array();
	for (i = 0; i < cx.records.len; i++)
		json_array_append_new(records, record_spec(&cx,
		    cx.records.items[i]));
	json_object_set_new(spec, "titre", json_string(title));
	json_object_set_new(spec, "rendu", render_url != NULL ?
	    json_string(render_url) : json_null());
	json_object_set_new(spec, "entrees", inputs);
	json_object_set_new(spec, "enregistrements", records);

	buf_puts(&page, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<title>Questionnaire\xc2\xa0: ");
	put_html(&page, title);
	buf_printf(&page, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<main>\n<h1>", style);
	put_html(&page, title);
	buf_puts(&page, "</h1>\n"
	    "<p>Répondez aux questions ci-dessous. Certaines n'apparaissent "
	    "que selon vos réponses précédentes. Les réponses sont vérifiées "
	    "au fur et à mesure\xc2\xa0; rien n'est envoyé sans que vous le "
	    "demandiez.</p>\n"
	    "<noscript><p class=\"note\">Ce questionnaire a besoin de "
	    "JavaScript pour afficher ses questions.</p></noscript>\n"
	    "<div id=\"resume\" class=\"resume\" tabindex=\"-1\" hidden>"
	    "</div>\n"
	    "<form id=\"formulaire\" novalidate>\n"
	    "<div id=\"questions\"></div>\n"
	    "<div class=\"actions\">\n"
	    "<button type=\"button\" id=\"telecharger\" class=\"secondaire\">"
	    "Télécharger les données (JSON)</button>\n");
	if (render_url != NULL)
		buf_puts(&page, "<button type=\"button\" data-format=\"pdf\">"
		    "Obtenir le contrat (PDF)</button>\n"
		    "<button type=\"button\" data-format=\"html\">"
		    "Obtenir le contrat (HTML)</button>\n");
	buf_puts(&page, "</div>\n"
	    "<div id=\"etat\" role=\"status\" aria-live=\"polite\"></div>\n"
	    "</form>\n</main>\n"
	    "<script type=\"application/json\" id=\"lgc-modele\">");
	text = json_dumps(spec, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	put_script_json(&page, text != NULL ? text : "{}");
	free(text);
	buf_puts(&page, "</script>\n<script>\n");
	buf_puts(&page, (const char *)form_runtime);
	buf_printf(&page, "lgcFormulaire([\n%s]);\n</script>\n</body>\n"
	    "</html>\n", buf_cstr(&cx.conditions));
	json_decref(spec);
	buf_free(&cx.conditions);
	ptrvec_free(&cx.records);
	return buf_detach(&page);
}
