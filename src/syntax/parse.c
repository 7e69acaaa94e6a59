/* Grammar actions and the parser's entry points. */
#include <stdlib.h>
#include <string.h>

#include "syntax/parse.h"
#define YY_DECL int raw_lex(YYSTYPE *yylval_param, YYLTYPE *yylloc_param, \
    void *yyscanner)
#include "lexer.h"

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
p_title(struct parser *p, char *s, const struct loc *l)
{
	struct loc inner = *l;
	struct tstring *t;

	inner.col++;
	t = parse_tstring(p->src, p->ds, s, strlen(s), &inner);
	t->loc = *l;
	free(s);
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
    const struct loc *l, char *msg, const struct loc *msg_loc)
{
	struct file_ast *f = p->file;
	struct rule *r = xcalloc(1, sizeof(*r));
	struct loc inner = *msg_loc;

	inner.col++;
	r->warning = warning;
	r->loc = *l;
	r->cond = cond;
	r->message = parse_tstring(p->src, p->ds, msg, strlen(msg), &inner);
	r->message->loc = *msg_loc;
	free(msg);
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

/* The text of a string where no interpolation is allowed. */
char *
p_plain_string(struct parser *p, char *raw, const struct loc *l)
{
	struct buf b;
	size_t i, n = strlen(raw);
	bool reported = false;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (raw[i] == '\\' && i + 1 < n &&
		    strchr("\"\\{}", raw[i + 1]) != NULL) {
			buf_putc(&b, raw[++i]);
			continue;
		}
		if ((raw[i] == '{' || raw[i] == '}') && !reported) {
			struct loc at = *l;
			struct diagnostic *d;

			at.col += (int)utf8_count(raw, i) + 1;
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
		buf_putc(&b, raw[i]);
	}
	free(raw);
	return buf_detach(&b);
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
	stub = expr_new(EX_LITERAL, &e->loc);
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
	struct expr *e = expr_new(EX_CALL, l);
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
	struct expr *e = expr_new(EX_BINARY, l);

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
	struct expr *e = expr_new(kind, l);

	e->u.operand = a;
	e->depth = a->depth + 1;
	return bounded(p, e);
}

struct expr *
p_field_access(struct parser *p, struct expr *obj, char *name,
    const struct loc *name_loc, const struct loc *l)
{
	struct expr *e = expr_new(EX_FIELD, l);

	e->u.field.obj = obj;
	e->u.field.name = name;
	e->u.field.name_loc = *name_loc;
	e->depth = obj->depth + 1;
	return bounded(p, e);
}

struct expr *
p_name(char *name, const struct loc *l)
{
	struct expr *e = expr_new(EX_NAME, l);

	e->u.name = name;
	e->depth = 1;
	return e;
}

struct expr *
p_call(struct parser *p, char *name, const struct loc *name_loc,
    struct ptrvec *args, const struct loc *l)
{
	struct expr *e = expr_new(EX_CALL, l);
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
	struct expr *e = expr_new(EX_RECORD, l);
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

static struct expr *
literal(const struct loc *l, enum type_kind kind)
{
	struct expr *e = expr_new(EX_LITERAL, l);

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
		d.units = 0;
	}
	if (strchr(digits, '.') == NULL) {
		e = literal(l, T_ENTIER);
		e->u.literal.u.integer = dec_trunc(d);
	} else {
		e = literal(l, T_DECIMAL);
		e->u.literal.u.dec = d;
	}
	free(digits);
	return e;
}

struct expr *
p_montant(struct parser *p, char *digits, const struct loc *l,
    enum type_kind kind)
{
	struct expr *e = literal(l, kind);
	dec_t d;
	enum dec_status st = dec_parse(digits, strlen(digits), &d);

	if (st != DEC_OK) {
		number_error(p, l, digits, st);
		d.units = 0;
	}
	if (kind == T_MONTANT && dec_round(d, 2, &d) != DEC_OK)
		d.units = 0;
	e->u.literal.u.dec = d;
	free(digits);
	return e;
}

struct expr *
p_duree(struct parser *p, char *digits, int unit, const struct loc *l)
{
	struct expr *e = literal(l, T_DUREE);
	dec_t d;
	enum dec_status st = dec_parse(digits, strlen(digits), &d);

	if (st != DEC_OK || dec_trunc(d) > 1000000) {
		number_error(p, l, digits, st != DEC_OK ? st : DEC_OVERFLOW);
		d.units = 0;
	}
	e->u.literal.u.duree.count = dec_trunc(d);
	e->u.literal.u.duree.unit = (enum duree_unit)unit;
	free(digits);
	return e;
}

struct expr *
p_date(struct parser *p, char *text, const struct loc *l)
{
	struct expr *e = literal(l, T_DATE);
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
	struct expr *e = literal(l, T_TEXTE);

	e->u.literal.u.text = p_plain_string(p, raw, l);
	return e;
}

struct expr *
p_bool(bool b, const struct loc *l)
{
	struct expr *e = literal(l, T_BOOLEEN);

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
p_text_node(char *text, const struct loc *l)
{
	struct node *n = node_new(N_TEXT, l);

	if (text[0] == TEXT_ESCAPED[0]) {
		n->escaped = true;
		memmove(text, text + 1, strlen(text));
	}
	n->u.text = text;
	return n;
}

struct node *
p_indent_node(enum node_kind kind, int indent, const struct loc *l)
{
	struct node *n = node_new(kind, l);

	n->u.indent = indent;
	return n;
}

struct node *
p_heading(int level, const struct loc *l)
{
	struct node *n = node_new(N_HEADING, l);

	n->u.heading.level = level;
	n->u.heading.numbered = true;
	return n;
}

struct node *
p_emph(int len, bool can_open, bool can_close, const struct loc *l)
{
	struct node *n = node_new(N_EMPH, l);

	n->u.emph.strong = len == 2;
	n->u.emph.can_open = can_open;
	n->u.emph.can_close = can_close;
	return n;
}

struct node *
p_label_node(struct parser *p, char *name, const struct loc *l)
{
	struct node *n = node_new(N_LABEL, l);

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
p_interp(struct expr *e, const struct loc *l)
{
	struct node *n = node_new(N_INTERP, l);

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
p_ref(struct ptrvec *labels, bool bare, const struct loc *l)
{
	struct node *n = node_new(N_REF, l);
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
	struct node *n = node_new(N_IF, l);
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
	struct node *n = node_new(N_SELON, l);
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
	struct node *n = node_new(N_LOOP, l);

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
	struct node *n = node_new(N_INCLUDE, l);
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
p_signatures(struct ptrvec *parties, const struct loc *l)
{
	struct node *n = node_new(N_SIGNATURES, l);
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

/* Display name of a grammar symbol: « si », « nom », « fin de fichier ». */
static void
symbol_display(struct buf *b, int symbol)
{
	const char *name = parser_symbol_name(symbol);
	size_t n = strlen(name);

	if (symbol == 0) {
		buf_puts(b, "la fin du fichier");
		return;
	}
	if (n >= 2 && name[0] == '"' && strncmp(name + 1, "«", 2) == 0)
		buf_put(b, name + 1, n - 2);
	else if (n >= 2 && (name[0] == '"' || name[0] == '\'') &&
	    name[n - 1] == name[0])
		buf_printf(b, "« %.*s »", (int)(n - 2), name + 1);
	else if (strcmp(name, "error") == 0 || strcmp(name, "invalid token") == 0)
		buf_puts(b, "un symbole invalide");
	else
		buf_printf(b, "« %s »", name);
}

static bool
src_char_at(const struct loc *l, int col_offset, char *out)
{
	const char *line;
	size_t len, i;
	int col = 1, want = l->col + col_offset;

	if (!source_line(l->src, l->line, &line, &len) || want < 1)
		return false;
	for (i = 0; i < len; i++) {
		if (((unsigned char)line[i] & 0xC0) == 0x80)
			continue;
		if (col == want) {
			*out = line[i];
			return true;
		}
		col++;
	}
	return false;
}

static bool	number_written_in_french(struct parser *p,
		    const struct loc *l);

/* The source text of a one-line token at L, when short: what the author
 * wrote, rather than the kind of token ("« and »", not "« nom »"). */
static bool
token_text(const struct loc *l, struct buf *out)
{
	const char *line;
	size_t len, i, start = 0, end = 0;
	int col = 1;
	bool in = false;

	if (l->src == NULL || l->end_line != l->line || l->end_col < l->col ||
	    l->end_col - l->col > 30 ||
	    !source_line(l->src, l->line, &line, &len))
		return false;
	for (i = 0; i <= len; i++) {
		if (i < len && ((unsigned char)line[i] & 0xC0) == 0x80)
			continue;
		if (col == l->col) {
			start = i;
			in = true;
		}
		if (col == l->end_col + 1) {	/* end_col is inclusive */
			end = i;
			break;
		}
		col++;
	}
	if (!in || end <= start)
		return false;
	buf_put(out, line + start, end - start);
	return true;
}

/* Words of other languages a template author types by habit. */
static const char *
foreign_word_hint(const char *w)
{
	static const struct {
		const char *word, *hint;
	} words[] = {
		{ "and", "en lgc, « et »" }, { "or", "en lgc, « ou »" },
		{ "not", "en lgc, « non »" },
		{ "alors", "« {si condition} » n'a pas de « alors »" },
		{ "then", "« {si condition} » n'a pas de « alors »" },
		{ "if", "en lgc, « {si …} »" }, { "else", "en lgc, « {sinon} »" },
		{ "end", "en lgc, « {fin} »" }, { "endif", "en lgc, « {fin} »" },
		{ "sinon", "« {sinon} » s'écrit seul dans ses accolades, "
		    "« {sinon si …} » pour une autre condition" },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(w, words[i].word) == 0)
			return words[i].hint;
	return NULL;
}

static bool
symbol_is(int symbol, const char *name)
{
	return strcmp(parser_symbol_name(symbol), name) == 0;
}

static bool
symbol_expected(const int *expected, int nexpected, const char *name)
{
	int i;

	for (i = 0; i < nexpected; i++)
		if (symbol_is(expected[i], name))
			return true;
	return false;
}

/* What to write instead, for the mistakes a reader of the design makes:
 * the parser's tables only know that a token cannot come here. */
static const char *
syntax_hint(int token, const struct loc *l, const int *expected,
    int nexpected)
{
	static const char *const comparisons[] = {
		"'<'", "'>'", "'='", "<=", ">=", "!="
	};
	size_t i;
	char before;

	if (token == 0)
		return NULL;
	if (symbol_is(token, "'='") && src_char_at(l, -1, &before) &&
	    before == '=')
		return "en lgc, l'égalité s'écrit « = », une seule fois";
	/* After a whole comparison, "et" could follow; another one cannot. */
	for (i = 0; i < sizeof(comparisons) / sizeof(comparisons[0]); i++)
		if (symbol_is(token, comparisons[i]) &&
		    symbol_expected(expected, nexpected, "et"))
			return "les comparaisons ne s'enchaînent pas : reliez-les "
			    "par « et », comme dans « 2 < n et n < 5 »";
	/* Inside the braces of a record type. */
	if ((symbol_is(token, "si") || symbol_is(token, "optionnel")) &&
	    symbol_expected(expected, nexpected, "« } » d'enregistrement"))
		return "un champ d'enregistrement ne prend ni « si » ni "
		    "« optionnel » : donnez-lui une valeur par défaut "
		    "(« email : texte = \"\" »)";
	return NULL;
}

void
p_syntax_error(struct parser *p, const struct loc *l, int token,
    const int *expected, int nexpected)
{
	struct buf msg, written;
	const char *hint, *foreign = NULL;
	int i;

	if (p->in_header && p->stmt_name != NULL && p->file != NULL) {
		struct file_ast *f = p->file;

		f->broken = xgrow(f->broken, f->nbroken, sizeof(*f->broken));
		f->broken[f->nbroken++] = p->stmt_name;
		p->stmt_name = NULL;
	}
	if (number_written_in_french(p, l))
		return;
	buf_init(&msg);
	buf_init(&written);
	buf_puts(&msg, "erreur de syntaxe : ");
	if (token == 0)
		buf_puts(&msg, "fin du fichier inattendue");
	else if ((symbol_is(token, "nom") || symbol_is(token, "nombre") ||
	    symbol_is(token, "$undefined") || symbol_is(token, "invalid token")) &&
	    token_text(l, &written)) {
		buf_printf(&msg, "« %s » inattendu", buf_cstr(&written));
		foreign = foreign_word_hint(buf_cstr(&written));
	} else {
		symbol_display(&msg, token);
		buf_puts(&msg, " inattendu");
	}
	if (nexpected > 0 && nexpected <= 5) {
		buf_puts(&msg, " ; attendu : ");
		for (i = 0; i < nexpected; i++) {
			if (i > 0)
				buf_puts(&msg, i == nexpected - 1 ? " ou " : ", ");
			symbol_display(&msg, expected[i]);
		}
	}
	hint = foreign != NULL ? foreign :
	    syntax_hint(token, l, expected, nexpected);
	buf_free(&written);
	if (hint != NULL)
		diag_hint(diag(p->ds, E_SYNTAX, l, buf_cstr(&msg)), "%s", hint);
	else
		diag(p->ds, E_SYNTAX, l, buf_cstr(&msg));
	buf_free(&msg);
}

/* The digits of the source line around column COL (1-based), as they
 * run left from COL - 1 and right from COL + 1. */
static void
digits_around(const struct loc *l, int left_end, int right_start,
    struct buf *left, struct buf *right)
{
	int c;
	char ch;

	for (c = left_end; src_char_at(l, c - l->col, &ch) && ch >= '0' &&
	    ch <= '9'; c--)
		;
	for (c++; c <= left_end; c++)
		if (src_char_at(l, c - l->col, &ch))
			buf_putc(left, ch);
	for (c = right_start; src_char_at(l, c - l->col, &ch) && ch >= '0' &&
	    ch <= '9'; c++)
		buf_putc(right, ch);
}

/* " €" or " %" when the number at column COL is followed by one. */
static const char *
unit_after(const struct loc *l, int col)
{
	char ch;
	int c = col;

	while (src_char_at(l, c - l->col, &ch) && ch == ' ')
		c++;
	if (src_char_at(l, c - l->col, &ch) && ch == '%')
		return " %";
	/* The euro sign's first byte. */
	if (src_char_at(l, c - l->col, &ch) && (unsigned char)ch == 0xE2)
		return " €";
	return "";
}

/* "12,5" and "1 500" in code: the French way to write numbers, which the
 * code does not use; reported with the literal to write instead. */
static bool
number_written_in_french(struct parser *p, const struct loc *l)
{
	char before, after, next;
	struct buf left, right;
	char *fixed;

	if (!src_char_at(l, -1, &before) || !src_char_at(l, 0, &after))
		return false;
	buf_init(&left);
	buf_init(&right);
	if (before >= '0' && before <= '9' && after == ',' &&
	    src_char_at(l, 1, &next) && next >= '0' && next <= '9') {
		digits_around(l, l->col - 1, l->col + 1, &left, &right);
		fixed = xasprintf("%s.%s%s", buf_cstr(&left), buf_cstr(&right),
		    unit_after(l, l->col + 1 + (int)right.len));
		diag(p->ds, E_NUM_COMMA, l, fixed);
	} else if (before == ' ' && src_char_at(l, -2, &next) && next >= '0' &&
	    next <= '9' && after >= '0' && after <= '9') {
		digits_around(l, l->col - 2, l->col, &left, &right);
		fixed = xasprintf("%s%s%s", buf_cstr(&left), buf_cstr(&right),
		    unit_after(l, l->col + (int)right.len));
		diag(p->ds, E_NUM_SPACE, l, fixed);
	} else {
		buf_free(&left);
		buf_free(&right);
		return false;
	}
	free(fixed);
	buf_free(&left);
	buf_free(&right);
	return true;
}

void
yyerror(YYLTYPE *lloc, struct parser *p, const char *msg)
{
	/* Only "memory exhausted" reaches here (parse.error custom). */
	(void)msg;
	diag(p->ds, E_NESTING, lloc, MAX_PARSE_STACK, "constructions");
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

/* {#x} and {-} belong to the heading on their line, at its end
 * (details, rule 30); they are folded into the heading node. */
static void
fold_heading_marks(struct parser *p, struct nodes *ns)
{
	struct node *heading = NULL;
	size_t i, o = 0;

	for (i = 0; i < ns->len; i++) {
		struct node *n = ns->v[i];
		size_t j;
		bool trailing = true;

		switch (n->kind) {
		case N_HEADING:
			heading = n;
			break;
		case N_SOFTBREAK:
		case N_PARBREAK:
		case N_LINE:
			heading = NULL;
			break;
		case N_LABEL:
		case N_UNNUMBERED:
			for (j = i + 1; j < ns->len && trailing; j++) {
				enum node_kind k = ns->v[j]->kind;

				if (k == N_SOFTBREAK || k == N_PARBREAK ||
				    k == N_LINE)
					break;
				trailing = k == N_LABEL || k == N_UNNUMBERED ||
				    (k == N_TEXT &&
				    strspn(ns->v[j]->u.text, " \t") ==
				    strlen(ns->v[j]->u.text));
			}
			if (heading == NULL || !trailing)
				diag(p->ds, E_LABEL_PLACE, &n->loc,
				    n->kind == N_LABEL ? "{#étiquette}" : "{-}");
			else if (n->kind == N_LABEL) {
				if (heading->u.heading.label != NULL)
					diag(p->ds, E_LABEL_TWICE, &n->loc,
					    "{#étiquette}");
				else {
					heading->u.heading.label = n->u.text;
					heading->u.heading.label_loc = n->loc;
					n->u.text = NULL;
				}
			} else {
				if (!heading->u.heading.numbered)
					diag(p->ds, E_LABEL_TWICE, &n->loc, "{-}");
				heading->u.heading.numbered = false;
			}
			node_free(n);
			continue;
		case N_IF:
			for (j = 0; j < n->u.cond.len; j++)
				fold_heading_marks(p, &n->u.cond.branches[j].body);
			break;
		case N_SELON:
			for (j = 0; j < n->u.selon.ncases; j++)
				fold_heading_marks(p, &n->u.selon.cases[j].body);
			if (n->u.selon.other != NULL)
				fold_heading_marks(p, n->u.selon.other);
			break;
		case N_LOOP:
			fold_heading_marks(p, &n->u.loop.body);
			if (n->u.loop.empty != NULL)
				fold_heading_marks(p, n->u.loop.empty);
			break;
		case N_TEXT: case N_HARDBREAK: case N_BULLET: case N_NUMBERED:
		case N_EMPH: case N_INTERP: case N_REF: case N_INCLUDE:
		case N_SIGNATURES:
			break;
		}
		ns->v[o++] = n;
	}
	ns->len = o;
}

static bool
contains_parbreak(const struct nodes *ns)
{
	size_t i, j;

	for (i = 0; i < ns->len; i++) {
		const struct node *n = ns->v[i];

		switch (n->kind) {
		case N_PARBREAK:
		case N_HEADING:
		case N_INCLUDE:
		case N_SIGNATURES:
		case N_BULLET:		/* a list item is a paragraph of its own */
		case N_NUMBERED:
			return true;
		case N_IF:
			for (j = 0; j < n->u.cond.len; j++)
				if (contains_parbreak(&n->u.cond.branches[j].body))
					return true;
			break;
		case N_SELON:
			for (j = 0; j < n->u.selon.ncases; j++)
				if (contains_parbreak(&n->u.selon.cases[j].body))
					return true;
			if (n->u.selon.other && contains_parbreak(n->u.selon.other))
				return true;
			break;
		case N_LOOP:
			if (contains_parbreak(&n->u.loop.body) ||
			    (n->u.loop.empty && contains_parbreak(n->u.loop.empty)))
				return true;
			break;
		case N_TEXT: case N_LINE: case N_SOFTBREAK: case N_HARDBREAK:
		case N_EMPH: case N_LABEL: case N_UNNUMBERED: case N_INTERP:
		case N_REF:
			break;
		}
	}
	return false;
}

static void match_emphasis(struct parser *p, struct nodes *ns);

/* An emphasis marker left unmatched: reported, then kept as text. */
static void
unmatched_emphasis(struct parser *p, struct node *n)
{
	bool bold = n->u.emph.strong;
	/* A marker that can only close ("fermé*") says so. */
	bool closes = n->u.emph.can_close && !n->u.emph.can_open;

	diag(p->ds, E_EMPH_UNMATCHED, &n->loc, bold ? "**" : "*",
	    closes ? "ferme" : "ouvre", bold ? "gras" : "italique",
	    closes ? "ouverte" : "fermée");
	n->kind = N_TEXT;
	n->u.text = xstrdup(bold ? "**" : "*");
}

/* Pairs emphasis markers within one paragraph of one tag branch
 * (details, rule 11). */
static void
match_emphasis(struct parser *p, struct nodes *ns)
{
	struct node **open = NULL;
	size_t nopen = 0, i, j, nitems = 0;
	bool heading_line = false;
	int *items;

	/* The columns of the open list markers, as build.c folds lines
	 * into lists: a list item starts a paragraph, and so does a
	 * non-marker line that is not deeper than the item it follows
	 * (it ends that list, details rule 10). */
	items = xcalloc(ns->len + 1, sizeof(*items));
	open = xcalloc(ns->len + 1, sizeof(*open));
	for (i = 0; i < ns->len; i++) {
		struct node *n = ns->v[i];
		bool boundary = false;

		switch (n->kind) {
		case N_PARBREAK:
			boundary = true;
			break;
		case N_INCLUDE:
		case N_SIGNATURES:
		case N_HEADING:
			boundary = true;
			nitems = 0;
			break;
		case N_BULLET:
		case N_NUMBERED:
			boundary = true;
			while (nitems > 0 && items[nitems - 1] > n->u.indent)
				nitems--;
			if (nitems == 0 || items[nitems - 1] != n->u.indent)
				items[nitems++] = n->u.indent;
			break;
		case N_LINE:
			if (i + 1 < ns->len && (ns->v[i + 1]->kind == N_BULLET ||
			    ns->v[i + 1]->kind == N_NUMBERED))
				break;
			while (nitems > 0 && items[nitems - 1] >= n->u.indent) {
				nitems--;
				boundary = true;
			}
			break;
		case N_SOFTBREAK:
			boundary = heading_line;
			break;
		case N_EMPH:
			for (j = nopen; j-- > 0;)
				if (open[j]->u.emph.strong == n->u.emph.strong)
					break;
			if (n->u.emph.can_close && j != (size_t)-1) {
				size_t k;

				for (k = j + 1; k < nopen; k++)
					unmatched_emphasis(p, open[k]);
				open[j]->u.emph.open = true;
				n->u.emph.open = false;
				nopen = j;
			} else if (n->u.emph.can_open)
				open[nopen++] = n;
			else
				unmatched_emphasis(p, n);
			break;
		case N_IF:
			for (j = 0; j < n->u.cond.len; j++)
				match_emphasis(p, &n->u.cond.branches[j].body);
			break;
		case N_SELON:
			for (j = 0; j < n->u.selon.ncases; j++)
				match_emphasis(p, &n->u.selon.cases[j].body);
			if (n->u.selon.other != NULL)
				match_emphasis(p, n->u.selon.other);
			break;
		case N_LOOP:
			match_emphasis(p, &n->u.loop.body);
			if (n->u.loop.empty != NULL)
				match_emphasis(p, n->u.loop.empty);
			break;
		case N_TEXT: case N_HARDBREAK: case N_LABEL: case N_UNNUMBERED:
		case N_INTERP: case N_REF:
			break;
		}
		if (nopen > 0 && (n->kind == N_IF || n->kind == N_SELON ||
		    n->kind == N_LOOP)) {
			bool breaks = false;

			if (n->kind == N_IF)
				for (j = 0; j < n->u.cond.len && !breaks; j++)
					breaks = contains_parbreak(
					    &n->u.cond.branches[j].body);
			else if (n->kind == N_SELON) {
				for (j = 0; j < n->u.selon.ncases && !breaks; j++)
					breaks = contains_parbreak(
					    &n->u.selon.cases[j].body);
				if (n->u.selon.other != NULL && !breaks)
					breaks = contains_parbreak(n->u.selon.other);
			} else
				breaks = contains_parbreak(&n->u.loop.body);
			boundary = breaks;
		}
		if (boundary) {
			for (j = 0; j < nopen; j++)
				unmatched_emphasis(p, open[j]);
			nopen = 0;
		}
		if (n->kind == N_HEADING)
			heading_line = true;
		else if (n->kind == N_SOFTBREAK || n->kind == N_PARBREAK ||
		    n->kind == N_LINE)
			heading_line = n->kind == N_LINE ? heading_line : false;
	}
	for (j = 0; j < nopen; j++)
		unmatched_emphasis(p, open[j]);
	free(open);
	free(items);
}

/* The first line that is exactly "---" (trailing blanks allowed) ends
 * the header; a file without one is all body (details, rule 7). */
int
separator_line(const struct source *src)
{
	size_t i;
	bool in_comment = false;

	for (i = 0; i < src->nlines; i++) {
		const char *line;
		size_t len, k;

		if (!source_line(src, (int)i + 1, &line, &len))
			continue;
		/* A body comment {-- … --} hides a "---" line; a header
		 * comment line cannot open one. */
		k = 0;
		while (k < len && (line[k] == ' ' || line[k] == '\t'))
			k++;
		if (!in_comment && k + 1 < len && line[k] == '/' &&
		    line[k + 1] == '/')
			continue;
		for (k = 0; k + 2 < len; k++) {
			if (!in_comment && memcmp(line + k, "{--", 3) == 0) {
				in_comment = true;
				k += 2;
			} else if (in_comment && memcmp(line + k, "--}", 3) == 0) {
				in_comment = false;
				k += 2;
			}
		}
		if (in_comment || len < 3 || memcmp(line, "---", 3) != 0)
			continue;
		for (k = 3; k < len; k++)
			if (line[k] != ' ' && line[k] != '\t')
				break;
		if (k == len)
			return (int)i + 1;
	}
	return 0;
}

static void
parser_init(struct parser *p, const struct source *src, struct diags *ds,
    const char *text, size_t len, const struct loc *start)
{
	memset(p, 0, sizeof(*p));
	p->ds = ds;
	p->src = src;
	p->lx.src = src;
	p->lx.ds = ds;
	p->lx.line = start ? start->line : 1;
	p->lx.col = start ? start->col : 1;
	p->lx.text = text;
	p->lx.text_len = len;
	p->stmt_empty = true;
	yylex_init_extra(p, &p->scanner);
}

static void
parser_finish(struct parser *p)
{
	size_t i;

	for (i = p->qhead; i < p->queue.len; i++)
		tok_free(&p->queue.v[i]);
	free(p->queue.v);
	for (i = p->ahead_head; i < p->ahead.len; i++)
		tok_free(&p->ahead.v[i]);
	free(p->ahead.v);
	free(p->stmt_name);
	free(p->lists);
	yylex_destroy(p->scanner);
}

struct file_ast *
parse_file(struct source *src, struct diags *ds)
{
	struct parser p;
	YY_BUFFER_STATE buffer;
	int errors = diags_count(ds, SEV_ERROR);

	parser_init(&p, src, ds, src->text, src->len, NULL);
	p.file = xcalloc(1, sizeof(*p.file));
	p.file->src = src;
	p.file->has_header = separator_line(src) > 0;
	p.in_header = p.file->has_header;
	lex_begin(p.scanner, p.in_header ? LEX_START_HEADER : LEX_START_BODY);
	p.start_token = START_FILE;
	buffer = yy_scan_bytes(src->text, (int)src->len, p.scanner);
	if (yyparse(&p) != 0 || diags_count(ds, SEV_ERROR) > errors)
		p.file->parse_failed = true;
	fold_heading_marks(&p, &p.file->body);
	match_emphasis(&p, &p.file->body);
	yy_delete_buffer(buffer, p.scanner);
	parser_finish(&p);
	return p.file;
}

struct tstring *
parse_tstring(const struct source *src, struct diags *ds, const char *raw,
    size_t len, const struct loc *loc)
{
	struct parser p;
	YY_BUFFER_STATE buffer;

	parser_init(&p, src, ds, raw, len, loc);
	p.in_tstring = true;
	p.lx.in_tstring = true;
	p.tstring = xcalloc(1, sizeof(*p.tstring));
	p.tstring->loc = *loc;
	lex_begin(p.scanner, LEX_START_TSTRING);
	p.start_token = START_TSTRING;
	buffer = yy_scan_bytes(raw, (int)len, p.scanner);
	yyparse(&p);
	yy_delete_buffer(buffer, p.scanner);
	parser_finish(&p);
	return p.tstring;
}
