/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The grammar's actions (grammar/parser.y): the tree builders, which
 * report what the grammar lets through but the language does not (a
 * duplicate statement, a reserved word, a number out of range), and the
 * helpers that free the grammar's intermediate values (%destructor). */
#include <stdlib.h>
#include <string.h>

#include "syntax/actions.h"
#include "syntax/ast.h"
#include "syntax/keywords.h"
#include "syntax/state.h"
#include "base/suggest.h"
#include "base/util.h"
#include "lang/decimal.h"
#include "lang/french.h"

struct located_str {
	char		*s;
	struct loc	 loc;
};

void
p_set_body(struct parser *p, struct nodes *body)
{
	nodes_free(&p->file->body);
	p->file->body = *body;
	free(body);
}

void
p_model(struct parser *p, char *s, const struct loc *l)
{
	char *text = p_plain_string(p, s, l);

	if (p->file->model != NULL) {
		diag(p->ds, E_DUP_STATEMENT, l, "modele");
		free(text);
		return;
	}
	p->file->model = text;
	p->file->model_loc = *l;
}

void
p_title(struct parser *p, struct tstring *t, const struct loc *l)
{
	if (p->file->title != NULL) {
		diag(p->ds, E_DUP_STATEMENT, l, "titre");
		tstring_free(t);
		return;
	}
	p->file->title = t;
}

void
p_langue(struct parser *p, char *s, const struct loc *l)
{
	if (p->seen_langue)
		diag(p->ds, E_DUP_STATEMENT, l, "langue");
	else if (strcmp(s, "fr") != 0)
		diag(p->ds, E_LANGUE, l, s);
	p->seen_langue = true;
	free(s);
}

void
p_genre(struct parser *p, char *s, const struct loc *l)
{
	struct diagnostic *d;
	struct suggester sg;
	const char *best;

	if (p->file->genre_loc.line != 0)
		diag(p->ds, E_DUP_STATEMENT, l, "genre");
	else if (strcmp(s, "contrat") == 0)
		p->file->genre = GENRE_CONTRAT;
	else if (strcmp(s, "lettre") == 0)
		p->file->genre = GENRE_LETTRE;
	else {
		d = diag(p->ds, E_GENRE, l, s);
		suggest_begin(&sg, s);
		suggest_consider(&sg, "contrat");
		suggest_consider(&sg, "lettre");
		best = suggest_end(&sg);
		if (best != NULL)
			diag_suggest(d, best);
		else
			diag_hint(d, "un modèle est un « contrat » (le "
			    "défaut) ou une « lettre » : écrivez « genre "
			    "contrat » ou « genre lettre »");
	}
	if (p->file->genre_loc.line == 0)
		p->file->genre_loc = *l;	/* seen, even if unknown */
	free(s);
}

void
p_lieu(struct parser *p, struct tstring *t, const struct loc *l)
{
	if (p->file->place != NULL) {
		diag(p->ds, E_DUP_STATEMENT, l, "lieu");
		tstring_free(t);
		return;
	}
	p->file->place = t;
	p->file->place_loc = *l;
}

void
p_letter_date(struct parser *p, struct expr *e, const struct loc *l)
{
	if (p->file->date != NULL) {
		diag(p->ds, E_DUP_STATEMENT, l, "date");
		expr_free(e);
		return;
	}
	p->file->date = e;
}

void
p_mention(struct parser *p, char *s, const struct loc *l)
{
	char *text = p_plain_string(p, s, l);

	if (p->file->mention != NULL) {
		diag(p->ds, E_DUP_STATEMENT, l, "mention");
		free(text);
		return;
	}
	p->file->mention = text;
	p->file->mention_loc = *l;
}

void
p_import(struct parser *p, char *s, const struct loc *l)
{
	struct file_ast *f = p->file;

	f->imports = xgrow(f->imports, f->nimports, sizeof(*f->imports));
	f->imports[f->nimports].path = p_plain_string(p, s, l);
	f->imports[f->nimports].loc = *l;
	f->nimports++;
}

static void
push_decl(struct parser *p, struct decl *d)
{
	struct file_ast *f = p->file;

	f->decls = xgrow(f->decls, f->ndecls, sizeof(*f->decls));
	f->decls[f->ndecls++] = d;
}

void
p_entree(struct parser *p, char *name, const struct loc *l,
    struct type_expr *t, struct cstr_expr *c, struct expr *def,
    struct expr *cond, int optional, char *label,
    const struct loc *optional_loc)
{
	struct decl *d = xcalloc(1, sizeof(*d));

	d->kind = DECL_ENTREE;
	d->name = name;
	d->loc = *l;
	d->type = t;
	d->cstr = c;
	d->def = def;
	d->cond = cond;
	d->optional = optional != 0;
	d->label = label;
	if (d->optional && def != NULL)
		diag(p->ds, E_OPTIONAL_DEFAULT, optional_loc);
	if (d->optional && cond != NULL)
		diag(p->ds, E_SYNTAX, optional_loc,
		    "« si » et « optionnel » s'excluent : une entrée "
		    "conditionnelle est déjà absente quand sa condition "
		    "est fausse");
	push_decl(p, d);
}

void
p_parametre(struct parser *p, char *name, const struct loc *l,
    struct type_expr *t, struct cstr_expr *c, struct expr *def, char *label)
{
	struct decl *d = xcalloc(1, sizeof(*d));

	d->kind = DECL_PARAMETRE;
	d->name = name;
	d->loc = *l;
	d->type = t;
	d->cstr = c;
	d->def = def;
	d->label = label;
	push_decl(p, d);
}

void
p_soit(struct parser *p, char *name, const struct loc *l, struct expr *value)
{
	struct decl *d = xcalloc(1, sizeof(*d));

	d->kind = DECL_SOIT;
	d->name = name;
	d->loc = *l;
	d->value = value;
	push_decl(p, d);
}

void
p_rule(struct parser *p, bool warning, struct expr *cond,
    const struct loc *l, struct tstring *message)
{
	struct file_ast *f = p->file;
	struct rule *r = xcalloc(1, sizeof(*r));

	r->warning = warning;
	r->loc = *l;
	r->cond = cond;
	r->message = message;
	f->rules = xgrow(f->rules, f->nrules, sizeof(*f->rules));
	f->rules[f->nrules++] = r;
}

static struct field_decl *
fields_take(struct ptrvec *v, size_t *n)
{
	struct field_decl *out;
	size_t i;

	*n = v ? v->len : 0;
	out = xcalloc(*n ? *n : 1, sizeof(*out));
	for (i = 0; i < *n; i++) {
		out[i] = *(struct field_decl *)v->items[i];
		free(v->items[i]);
	}
	if (v != NULL) {
		ptrvec_free(v);
		free(v);
	}
	return out;
}

static void
push_type(struct parser *p, struct type_decl *td)
{
	struct file_ast *f = p->file;

	f->types = xgrow(f->types, f->ntypes, sizeof(*f->types));
	f->types[f->ntypes++] = td;
}

void
p_type_record(struct parser *p, char *name, const struct loc *l,
    char *parent, const struct loc *parent_loc, struct ptrvec *fields)
{
	struct type_decl *td = xcalloc(1, sizeof(*td));

	td->name = name;
	td->loc = *l;
	td->parent = parent;
	if (parent_loc != NULL)
		td->parent_loc = *parent_loc;
	td->is_record = true;
	td->fields = fields_take(fields, &td->nfields);
	push_type(p, td);
}

void
p_type_alias(struct parser *p, char *name, const struct loc *l,
    struct type_expr *t)
{
	struct type_decl *td = xcalloc(1, sizeof(*td));

	td->name = name;
	td->loc = *l;
	td->alias = t;
	push_type(p, td);
}

/* « fin » est réservé ; essayez date_fin */
void
p_reserved(struct parser *p, const char *word, const struct loc *l)
{
	static const struct {
		const char	*word;
		const char	*instead;
	} alternatives[] = {
		{ "fin", "date_fin" }, { "si", "condition" },
		{ "sinon", "autrement" }, { "selon", "critere" },
		{ "cas", "hypothese" }, { "autre", "autre_partie" },
		{ "dans", "lieu" }, { "inclure", "clause" },
		{ "avec", "option" }, { "signatures", "signataires" },
		{ "ref", "reference" }, { "numero", "numero_contrat" },
		{ "et", "etat" }, { "ou", "lieu" }, { "non", "refus" },
		{ "existe", "existant" }, { "vrai", "est_vrai" },
		{ "faux", "est_faux" }, { "entre", "intervalle" },
		{ "parmi", "choix_parmi" }, { "optionnel", "facultatif" },
	};
	const char *instead = "un autre nom";
	size_t i;

	for (i = 0; i < sizeof(alternatives) / sizeof(alternatives[0]); i++)
		if (strcmp(alternatives[i].word, word) == 0)
			instead = alternatives[i].instead;
	diag(p->ds, E_RESERVED, l, word, instead);
}

/* The text of a string where no interpolation is allowed: RAW itself,
 * its escapes undone in place (the text only ever shortens). */
char *
p_plain_string(struct parser *p, char *raw, const struct loc *l)
{
	size_t i, o;
	bool reported = false;

	/* Most strings hold neither escape nor brace: left as they are. */
	i = o = strcspn(raw, "\\{}");
	for (; raw[i] != '\0'; i++) {
		if (raw[i] == '\\' && raw[i + 1] != '\0' &&
		    strchr("\"\\{}", raw[i + 1]) != NULL) {
			raw[o++] = raw[++i];
			continue;
		}
		if ((raw[i] == '{' || raw[i] == '}') && !reported) {
			struct loc at = *l;
			struct diagnostic *d;

			/* Columns count the string as written: the I bytes
			 * read are the O kept and the I - O backslashes
			 * dropped, one column each. */
			at.col += (int)utf8_count(raw, o) + (int)(i - o) + 1;
			at.end_line = at.line;
			at.end_col = at.col;
			d = diag(p->ds, E_STRING_INTERP, &at);
			/* A string inside a titre's or a message's {…} is an
			 * argument, not the message: it does not interpolate
			 * (details, rule 14), which the message alone would
			 * leave puzzling there. */
			if (p->in_tstring)
				diag_hint(d, "dans une balise « {…} », une "
				    "chaîne n'est qu'une valeur et n'interpole "
				    "pas : sortez-en l'expression");
			reported = true;
		}
		raw[o++] = raw[i];
	}
	raw[o] = '\0';
	return raw;
}

struct type_expr *
p_type_name(char *name, const struct loc *l)
{
	struct type_expr *t = xcalloc(1, sizeof(*t));

	t->kind = TE_NAME;
	t->loc = *l;
	t->name = name;
	return t;
}

struct type_expr *
p_type_choice(struct parser *p, char *kw, const struct loc *l,
    struct ptrvec *choices)
{
	struct type_expr *t = xcalloc(1, sizeof(*t));
	size_t i;

	if (strcmp(kw, "choix") != 0) {
		struct diagnostic *d = diag(p->ds, E_UNKNOWN_TYPE, l, kw);

		diag_hint(d, "un type à valeurs s'écrit « choix(a, b, …) »");
	}
	free(kw);
	t->kind = TE_CHOICE;
	t->loc = *l;
	t->nvalues = choices->len;
	t->values = xcalloc(choices->len ? choices->len : 1, sizeof(*t->values));
	for (i = 0; i < choices->len; i++) {
		t->values[i] = *(struct choice_value *)choices->items[i];
		free(choices->items[i]);
	}
	ptrvec_free(choices);
	free(choices);
	/* "non" was let through for choix(oui, non), which the checker
	 * reports as such; anywhere else it is a reserved word. */
	for (i = 0; i < t->nvalues; i++)
		if (strcmp(t->values[i].name, "non") == 0 && !(t->nvalues == 2 &&
		    (strcmp(t->values[0].name, "oui") == 0 ||
		    strcmp(t->values[1].name, "oui") == 0)))
			p_reserved(p, "non", &t->values[i].loc);
	return t;
}

struct type_expr *
p_type_list(struct type_expr *elem, const struct loc *l)
{
	struct type_expr *t = xcalloc(1, sizeof(*t));

	t->kind = TE_LIST;
	t->loc = *l;
	t->elem = elem;
	return t;
}

struct ptrvec *
p_choice(struct ptrvec *v, char *name, const struct loc *l, char *words)
{
	struct choice_value *c = xcalloc(1, sizeof(*c));

	if (v == NULL)
		v = xcalloc(1, sizeof(*v));
	c->name = name;
	c->loc = *l;
	c->words = words;
	ptrvec_push(v, c);
	return v;
}

struct cstr_expr *
p_cstr_entre(struct expr *lo, struct expr *hi, const struct loc *l)
{
	struct cstr_expr *c = xcalloc(1, sizeof(*c));

	c->kind = CSTR_ENTRE;
	c->loc = *l;
	c->lo = lo;
	c->hi = hi;
	return c;
}

struct cstr_expr *
p_cstr_parmi(struct ptrvec *set, const struct loc *l)
{
	struct cstr_expr *c = xcalloc(1, sizeof(*c));

	c->kind = CSTR_PARMI;
	c->loc = *l;
	c->nset = set->len;
	c->set = (struct expr **)set->items;
	free(set);
	return c;
}

struct ptrvec *
p_field(struct ptrvec *v, char *name, const struct loc *l,
    struct type_expr *t, struct cstr_expr *c, struct expr *def, char *label)
{
	struct field_decl *f = xcalloc(1, sizeof(*f));

	if (v == NULL)
		v = xcalloc(1, sizeof(*v));
	f->name = name;
	f->loc = *l;
	f->type = t;
	f->cstr = c;
	f->def = def;
	f->label = label;
	ptrvec_push(v, f);
	return v;
}

static int
max_depth(const struct expr *a, const struct expr *b)
{
	int da = a ? a->depth : 0, db = b ? b->depth : 0;

	return da > db ? da : db;
}

/* Keeps every later recursive pass within a bounded stack: past the
 * limit the expression is reported once and replaced by a placeholder
 * that later stages skip, so that no pass recurses down a chain of a
 * hundred thousand operators. */
static struct expr *
bounded(struct parser *p, struct expr *e)
{
	struct expr *stub;

	if (e->depth <= MAX_EXPR_DEPTH)
		return e;
	if (!p->too_deep)
		diag(p->ds, E_NESTING, &e->loc, MAX_EXPR_DEPTH,
		    "sous-expressions");
	p->too_deep = true;
	stub = expr_new_in(p->pool, EX_LITERAL, &e->loc);
	stub->u.literal.kind = T_ERROR;
	expr_free(e);
	return stub;
}

static struct expr **
take_exprs(struct ptrvec *args, size_t *n, int *depth)
{
	struct expr **v;
	size_t i;

	*n = args ? args->len : 0;
	*depth = 0;
	v = (struct expr **)(args ? args->items : NULL);
	for (i = 0; i < *n; i++)
		if (v[i]->depth > *depth)
			*depth = v[i]->depth;
	free(args);
	return v;
}

struct expr *
p_pipe(struct parser *p, struct expr *subject, char *fn,
    const struct loc *fn_loc, struct ptrvec *args, const struct loc *l)
{
	struct expr *e = expr_new_in(p->pool, EX_CALL, l);
	size_t i, n = args->len;
	int depth = subject->depth;

	e->u.call.name = fn;
	e->u.call.name_loc = *fn_loc;
	e->u.call.piped = true;
	e->u.call.nargs = n + 1;
	e->u.call.args = xcalloc(n + 1, sizeof(*e->u.call.args));
	e->u.call.args[0] = subject;
	for (i = 0; i < n; i++) {
		e->u.call.args[i + 1] = args->items[i];
		if (e->u.call.args[i + 1]->depth > depth)
			depth = e->u.call.args[i + 1]->depth;
	}
	ptrvec_free(args);
	free(args);
	e->depth = depth + 1;
	return bounded(p, e);
}

struct expr *
p_binary(struct parser *p, enum binop op, struct expr *a, struct expr *b,
    const struct loc *l)
{
	struct expr *e = expr_new_in(p->pool, EX_BINARY, l);

	e->u.binary.op = op;
	e->u.binary.lhs = a;
	e->u.binary.rhs = b;
	e->depth = max_depth(a, b) + 1;
	return bounded(p, e);
}

struct expr *
p_unary(struct parser *p, enum expr_kind kind, struct expr *a,
    const struct loc *l)
{
	struct expr *e = expr_new_in(p->pool, kind, l);

	e->u.operand = a;
	e->depth = a->depth + 1;
	return bounded(p, e);
}

/* « {d | jours_ouvres -3} »: a bare argument may be a negative literal,
 * its sign against it, as in the call form « jours_ouvres(d, -3) ».
 * A detached sign (« f 3 - 2 ») reads as a subtraction to the eye but
 * would be two arguments: refused, with the call form that says it. */
struct expr *
p_negative_arg(struct parser *p, struct expr *lit, const struct loc *minus)
{
	struct loc l = *minus;

	l.end_line = lit->loc.end_line;
	l.end_col = lit->loc.end_col;
	if (minus->end_line != lit->loc.line ||
	    minus->end_col + 1 != lit->loc.col)
		diag(p->ds, E_SYNTAX, minus, "« - » séparé de son nombre : "
		    "un argument négatif s'écrit collé (« | jours_ouvres -3 »)"
		    " ; pour un calcul, écrivez l'appel entre parenthèses "
		    "(« jours_ouvres(d, 3 - 2) »)");
	return p_unary(p, EX_NEG, lit, &l);
}

struct expr *
p_field_access(struct parser *p, struct expr *obj, char *name,
    const struct loc *name_loc, const struct loc *l)
{
	struct expr *e = expr_new_in(p->pool, EX_FIELD, l);

	e->u.field.obj = obj;
	e->u.field.name = name;
	e->u.field.name_loc = *name_loc;
	e->depth = obj->depth + 1;
	return bounded(p, e);
}

struct expr *
p_name(struct parser *p, char *name, const struct loc *l)
{
	struct expr *e = expr_new_in(p->pool, EX_NAME, l);

	e->u.name = name;
	e->depth = 1;
	return e;
}

struct expr *
p_call(struct parser *p, char *name, const struct loc *name_loc,
    struct ptrvec *args, const struct loc *l)
{
	struct expr *e = expr_new_in(p->pool, EX_CALL, l);
	int depth;

	e->u.call.name = name;
	e->u.call.name_loc = *name_loc;
	e->u.call.args = take_exprs(args, &e->u.call.nargs, &depth);
	e->depth = depth + 1;
	return bounded(p, e);
}

struct expr *
p_record(struct parser *p, char *type, struct ptrvec *fields,
    const struct loc *l)
{
	struct expr *e = expr_new_in(p->pool, EX_RECORD, l);
	size_t i;
	int depth = 0;

	e->u.record.type_name = type;
	e->u.record.nfields = fields->len;
	e->u.record.fields = xcalloc(fields->len ? fields->len : 1,
	    sizeof(*e->u.record.fields));
	for (i = 0; i < fields->len; i++) {
		struct field_init *fi = fields->items[i];

		e->u.record.fields[i] = *fi;
		if (fi->value->depth > depth)
			depth = fi->value->depth;
		free(fi);
	}
	ptrvec_free(fields);
	free(fields);
	e->depth = depth + 1;
	return bounded(p, e);
}

struct expr *
p_list(struct parser *p, struct ptrvec *items, const struct loc *l)
{
	struct expr *e = expr_new_in(p->pool, EX_LIST, l);
	int depth;

	e->u.list.items = take_exprs(items, &e->u.list.n, &depth);
	e->depth = depth + 1;
	return bounded(p, e);
}

static struct expr *
literal(struct parser *p, const struct loc *l, enum type_kind kind)
{
	struct expr *e = expr_new_in(p->pool, EX_LITERAL, l);

	e->u.literal.kind = kind;
	e->depth = 1;
	return e;
}

static void
number_error(struct parser *p, const struct loc *l, const char *text,
    enum dec_status st)
{
	const char *why;

	switch (st) {
	case DEC_OVERFLOW:
		why = "trop grand";
		break;
	case DEC_PRECISION:
		why = "au plus six décimales";
		break;
	case DEC_OK:
	case DEC_DIVZERO:
	case DEC_SYNTAX:
	default:
		why = "mal formé";
		break;
	}
	diag(p->ds, E_NUMBER_RANGE, l, text, why);
}

struct expr *
p_number(struct parser *p, char *digits, const struct loc *l)
{
	struct expr *e;
	dec_t d;
	enum dec_status st = dec_parse(digits, strlen(digits), &d);

	if (st != DEC_OK) {
		number_error(p, l, digits, st);
		d = dec_from_units(0);
	}
	if (strchr(digits, '.') == NULL) {
		e = literal(p, l, T_ENTIER);
		e->u.literal.u.integer = dec_trunc(d);
	} else {
		e = literal(p, l, T_DECIMAL);
		e->u.literal.u.dec = d;
	}
	free(digits);
	return e;
}

struct expr *
p_montant(struct parser *p, char *digits, const struct loc *l,
    enum type_kind kind)
{
	struct expr *e = literal(p, l, kind);
	dec_t d;
	enum dec_status st = dec_parse(digits, strlen(digits), &d);

	if (st != DEC_OK) {
		number_error(p, l, digits, st);
		d = dec_from_units(0);
	}
	if (kind == T_MONTANT && dec_round(d, 2, &d) != DEC_OK)
		d = dec_from_units(0);
	e->u.literal.u.dec = d;
	free(digits);
	return e;
}

struct expr *
p_duree(struct parser *p, char *digits, int unit, const struct loc *l)
{
	struct expr *e = literal(p, l, T_DUREE);
	dec_t d;
	enum dec_status st = dec_parse(digits, strlen(digits), &d);

	if (st != DEC_OK || dec_trunc(d) > 1000000) {
		number_error(p, l, digits, st != DEC_OK ? st : DEC_OVERFLOW);
		d = dec_from_units(0);
	}
	e->u.literal.u.duree.count = dec_trunc(d);
	e->u.literal.u.duree.unit = (enum duree_unit)unit;
	free(digits);
	return e;
}

struct expr *
p_date(struct parser *p, char *text, const struct loc *l)
{
	struct expr *e = literal(p, l, T_DATE);
	struct date d = { 2000, 1, 1 };

	long part[3] = { 0, 0, 0 };
	const char *s = text;
	int i, digits;
	bool ok = true;

	/* The literal is [0-9]+-[0-9]+-[0-9]+: 2027-3-1 is 1 March 2027. */
	for (i = 0; i < 3 && ok; i++) {
		for (digits = 0; *s >= '0' && *s <= '9'; s++, digits++)
			if (digits < 9)
				part[i] = part[i] * 10 + (*s - '0');
		ok = digits > 0 && digits <= 9 && *s == (i < 2 ? '-' : '\0');
		if (i < 2)
			s++;
	}
	if (ok && date_valid((int)part[0], (int)part[1], (int)part[2])) {
		int y = (int)part[0], m = (int)part[1], day = (int)part[2];

		d.year = y;
		d.month = m;
		d.day = day;
	} else {
		diag(p->ds, E_DATE_INVALID, l, text);
		d.year = 2000;
		d.month = d.day = 1;
	}
	e->u.literal.u.date = d;
	free(text);
	return e;
}

struct expr *
p_text(struct parser *p, char *raw, const struct loc *l)
{
	struct expr *e = literal(p, l, T_TEXTE);

	e->u.literal.u.text = p_plain_string(p, raw, l);
	return e;
}

struct expr *
p_bool(struct parser *p, bool b, const struct loc *l)
{
	struct expr *e = literal(p, l, T_BOOLEEN);

	e->u.literal.u.boolean = b;
	return e;
}

struct ptrvec *
p_exprs(struct ptrvec *v, struct expr *e)
{
	if (v == NULL)
		v = xcalloc(1, sizeof(*v));
	ptrvec_push(v, e);
	return v;
}

struct ptrvec *
p_finit(struct ptrvec *v, char *name, const struct loc *l, struct expr *e)
{
	struct field_init *fi = xcalloc(1, sizeof(*fi));

	if (v == NULL)
		v = xcalloc(1, sizeof(*v));
	fi->name = name;
	fi->loc = *l;
	fi->value = e;
	ptrvec_push(v, fi);
	return v;
}

struct node *
p_text_node(struct parser *p, char *text, const struct loc *l)
{
	struct node *n = node_new(p->pool, N_TEXT, l);

	if (text[0] == TEXT_ESCAPED[0]) {
		n->escaped = true;
		memmove(text, text + 1, strlen(text));
	}
	n->u.text = text;
	return n;
}

struct node *
p_indent_node(struct parser *p, enum node_kind kind, int indent,
    const struct loc *l)
{
	struct node *n = node_new(p->pool, kind, l);

	n->u.indent = indent;
	return n;
}

struct node *
p_heading(struct parser *p, int level, const struct loc *l)
{
	struct node *n = node_new(p->pool, N_HEADING, l);

	n->u.heading.level = level;
	n->u.heading.numbered = true;
	return n;
}

struct node *
p_emph(struct parser *p, int len, bool can_open, bool can_close,
    const struct loc *l)
{
	struct node *n = node_new(p->pool, N_EMPH, l);

	n->u.emph.strong = len == 2;
	n->u.emph.can_open = can_open;
	n->u.emph.can_close = can_close;
	return n;
}

struct node *
p_label_node(struct parser *p, char *name, const struct loc *l)
{
	struct node *n = node_new(p->pool, N_LABEL, l);

	/* A label is a name (details, rule 6), which a reserved word is
	 * not: reported here, at the word inside "{#…}", and not first at
	 * a {ref} to it.  The label is kept, so that such a {ref} reports
	 * the reserved word too rather than « étiquette inconnue ». */
	if (keyword_token(name) != 0) {
		struct loc word = *l;

		word.col += 2;
		if (word.end_line == word.line && word.end_col > word.col)
			word.end_col--;
		p_reserved(p, name, &word);
	}
	n->u.text = name;
	return n;
}

struct node *
p_interp(struct parser *p, struct expr *e, const struct loc *l)
{
	struct node *n = node_new(p->pool, N_INTERP, l);

	n->u.expr = e;
	return n;
}

bool
p_made_up_close(const struct parser *p, const struct loc *l)
{
	return p->tag_eof_set && l->src == p->tag_eof.src &&
	    l->line == p->tag_eof.line && l->col == p->tag_eof.col;
}

void
p_empty_tag(struct parser *p, const struct loc *l, const struct loc *close)
{
	/* "{" at the end of the input is no empty tag: it was reported as
	 * a tag never closed. */
	if (p_made_up_close(p, close))
		return;
	diag(p->ds, E_SYNTAX, l, "balise vide « {} » ; écrivez « \\{\\} » "
	    "pour des accolades");
}

struct node *
p_ref(struct parser *p, struct ptrvec *labels, bool bare,
    const struct loc *l)
{
	struct node *n = node_new(p->pool, N_REF, l);
	size_t i;

	n->u.ref.len = labels->len;
	n->u.ref.labels = xcalloc(labels->len, sizeof(char *));
	n->u.ref.locs = xcalloc(labels->len, sizeof(struct loc));
	for (i = 0; i < labels->len; i++) {
		struct located_str *ls = labels->items[i];

		n->u.ref.labels[i] = ls->s;
		n->u.ref.locs[i] = ls->loc;
		free(ls);
	}
	n->u.ref.bare = bare;
	ptrvec_free(labels);
	free(labels);
	return n;
}

struct ptrvec *
p_labels(struct ptrvec *v, char *name, const struct loc *l)
{
	struct located_str *ls = xcalloc(1, sizeof(*ls));

	if (v == NULL)
		v = xcalloc(1, sizeof(*v));
	ls->s = name;
	ls->loc = *l;
	ptrvec_push(v, ls);
	return v;
}

struct ptrvec *
p_branch(struct ptrvec *v, struct expr *cond, const struct loc *l,
    struct nodes *body)
{
	struct branch *b = xcalloc(1, sizeof(*b));

	b->cond = cond;
	b->loc = *l;
	b->body = *body;
	free(body);
	ptrvec_push(v, b);
	return v;
}

struct node *
p_if(struct parser *p, struct expr *cond, const struct loc *l,
    struct nodes *body, struct ptrvec *elifs, struct ptrvec *other)
{
	struct node *n = node_new(p->pool, N_IF, l);
	size_t i, k = 0;

	(void)p;
	n->u.cond.len = 1 + elifs->len + (other != NULL ? other->len : 0);
	n->u.cond.branches = xcalloc(n->u.cond.len, sizeof(struct branch));
	n->u.cond.branches[k].cond = cond;
	n->u.cond.branches[k].loc = *l;
	n->u.cond.branches[k++].body = *body;
	free(body);
	for (i = 0; i < elifs->len; i++) {
		struct branch *b = elifs->items[i];

		n->u.cond.branches[k++] = *b;
		free(b);
	}
	ptrvec_free(elifs);
	free(elifs);
	/* {sinon}: a branch without a condition, located at its tag. */
	for (i = 0; other != NULL && i < other->len; i++) {
		struct branch *b = other->items[i];

		n->u.cond.branches[k++] = *b;
		free(b);
	}
	if (other != NULL) {
		ptrvec_free(other);
		free(other);
	}
	/* A condition lost to a syntax error keeps the branch, unchecked. */
	return n;
}

struct node *
p_selon(struct parser *p, struct expr *subject, const struct loc *l,
    struct ptrvec *cases, struct nodes *other)
{
	struct node *n = node_new(p->pool, N_SELON, l);
	size_t i;

	n->u.selon.subject = subject;
	n->u.selon.ncases = cases->len;
	n->u.selon.cases = xcalloc(cases->len ? cases->len : 1,
	    sizeof(struct selon_case));
	for (i = 0; i < cases->len; i++) {
		struct selon_case *c = cases->items[i];

		n->u.selon.cases[i] = *c;
		free(c);
	}
	ptrvec_free(cases);
	free(cases);
	n->u.selon.other = other;
	if (other != NULL)
		n->u.selon.other_loc = p->other_loc;
	return n;
}

void
p_selon_filler(struct parser *p, char *text, const struct loc *l)
{
	const char *s;

	for (s = text; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t') {
			diag(p->ds, E_SELON_CONTENT, l);
			break;
		}
	free(text);
}

struct ptrvec *
p_case(struct ptrvec *v, struct ptrvec *values, const struct loc *l,
    struct nodes *body)
{
	struct selon_case *c = xcalloc(1, sizeof(*c));
	int depth;

	c->values = take_exprs(values, &c->nvalues, &depth);
	c->loc = *l;
	c->body = *body;
	free(body);
	ptrvec_push(v, c);
	return v;
}

struct node *
p_loop(struct parser *p, char *var, const struct loc *var_loc,
    struct expr *list, struct nodes *body, struct nodes *empty,
    const struct loc *l)
{
	struct node *n = node_new(p->pool, N_LOOP, l);

	(void)p;
	n->u.loop.var = var;
	n->u.loop.var_loc = *var_loc;
	n->u.loop.list = list;
	n->u.loop.body = *body;
	free(body);
	n->u.loop.empty = empty;
	return n;
}

struct node *
p_include(struct parser *p, char *path, const struct loc *path_loc,
    struct ptrvec *args, const struct loc *l)
{
	struct node *n = node_new(p->pool, N_INCLUDE, l);
	size_t i;

	n->u.include.path = p_plain_string(p, path, path_loc);
	n->u.include.path_loc = *path_loc;
	if (args != NULL) {
		n->u.include.nargs = args->len;
		n->u.include.args = xcalloc(args->len, sizeof(struct include_arg));
		for (i = 0; i < args->len; i++) {
			struct include_arg *a = args->items[i];

			n->u.include.args[i] = *a;
			free(a);
		}
		ptrvec_free(args);
		free(args);
	}
	return n;
}

struct node *
p_signatures(struct parser *p, struct ptrvec *parties,
    const struct loc *l)
{
	struct node *n = node_new(p->pool, N_SIGNATURES, l);
	int depth;

	n->u.signatures.parties = take_exprs(parties, &n->u.signatures.len,
	    &depth);
	return n;
}

struct ptrvec *
p_arg(struct ptrvec *v, char *name, const struct loc *l, struct expr *e)
{
	struct include_arg *a = xcalloc(1, sizeof(*a));

	if (v == NULL)
		v = xcalloc(1, sizeof(*v));
	a->name = name;
	a->loc = *l;
	a->value = e;
	ptrvec_push(v, a);
	return v;
}

static struct tstring_part *
tstring_push(struct tstring *t)
{
	t->parts = xgrow(t->parts, t->len, sizeof(*t->parts));
	memset(&t->parts[t->len], 0, sizeof(t->parts[t->len]));
	return &t->parts[t->len++];
}

void
p_tstring_text(struct parser *p, char *text)
{
	tstring_push(p->tstring)->text = text;
}

void
p_tstring_expr(struct parser *p, struct expr *e)
{
	tstring_push(p->tstring)->expr = e;
}

void
exprs_free(struct ptrvec *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->len; i++)
		expr_free(v->items[i]);
	ptrvec_free(v);
	free(v);
}

void
strs_free(struct ptrvec *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->len; i++) {
		struct located_str *ls = v->items[i];

		free(ls->s);
		free(ls);
	}
	ptrvec_free(v);
	free(v);
}

void
branches_free(struct ptrvec *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->len; i++) {
		struct branch *b = v->items[i];

		expr_free(b->cond);
		nodes_free(&b->body);
		free(b);
	}
	ptrvec_free(v);
	free(v);
}

void
cases_free(struct ptrvec *v)
{
	size_t i, k;

	if (v == NULL)
		return;
	for (i = 0; i < v->len; i++) {
		struct selon_case *c = v->items[i];

		for (k = 0; k < c->nvalues; k++)
			expr_free(c->values[k]);
		free(c->values);
		nodes_free(&c->body);
		free(c);
	}
	ptrvec_free(v);
	free(v);
}

void
fields_free(struct ptrvec *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->len; i++) {
		struct field_decl *f = v->items[i];

		free(f->name);
		type_expr_free(f->type);
		cstr_expr_free(f->cstr);
		expr_free(f->def);
		free(f->label);
		free(f);
	}
	ptrvec_free(v);
	free(v);
}

void
finits_free(struct ptrvec *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->len; i++) {
		struct field_init *fi = v->items[i];

		free(fi->name);
		expr_free(fi->value);
		free(fi);
	}
	ptrvec_free(v);
	free(v);
}

void
args_free(struct ptrvec *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->len; i++) {
		struct include_arg *a = v->items[i];

		free(a->name);
		expr_free(a->value);
		free(a);
	}
	ptrvec_free(v);
	free(v);
}

void
choices_free(struct ptrvec *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->len; i++) {
		struct choice_value *c = v->items[i];

		free(c->name);
		free(c->words);
		free(c);
	}
	ptrvec_free(v);
	free(v);
}
