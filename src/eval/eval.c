/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The evaluator (eval.h): the checked body, its conditions decided and
 * its values computed (expr.c), becomes the evaluated stream. */
#include "eval/eval.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/data.h"
#include "eval/expr.h"
#include "lang/french.h"

static void	eval_nodes(struct eval *ev, const struct nodes *ns);

/* exiger / recommander of one file instance, where they apply.  A
 * failed one names the inputs it reads, with their libellé, value and
 * JSON path, so that whoever fills the data knows what to change. */
static void
eval_rules(struct eval *ev, const struct file_ast *f)
{
	size_t i;

	for (i = 0; i < f->nrules; i++) {
		const struct rule *r = f->rules[i];
		struct buf msg;
		struct diagnostic *dg;

		/* Only a rule known to apply and known to fail is reported:
		 * a draft without the values it reads leaves it undecided. */
		if (r->requirement != NULL &&
		    eval_truth(ev, r->requirement) != TRUTH_TRUE)
			continue;
		if (eval_truth(ev, r->cond) != TRUTH_FALSE)
			continue;
		buf_init(&msg);
		eval_tstring(ev, r->message, &msg);
		dg = diag(ev->ds, r->warning ? W_RECOMMANDER : E_EXIGER,
		    &r->loc, buf_cstr(&msg));
		note_inputs(ev, dg, r->cond);
		if (!r->warning)
			ev->failed = true;
		buf_free(&msg);
	}
}

/* The first limit passed is reported where the body was being
 * evaluated, with each loop around it and the item it was at, and
 * stops the evaluation: nothing more is made of a contract that will
 * not be written. */
static void
over_limit(struct eval *ev, enum diag_code code, size_t limit, bool bytes)
{
	struct diagnostic *dg;
	struct buf b;
	size_t i;

	if (ev->stopped)
		return;
	ev->stopped = ev->failed = true;
	buf_init(&b);
	limit_print(&b, limit, bytes);
	dg = diag(ev->ds, code, ev->at, buf_cstr(&b));
	for (i = ev->nloops; i-- > 0 && dg != NULL;) {
		const struct binding *bd = &ev->loops[i];

		b.len = 0;
		if (bd->count == 0)
			buf_puts(&b, "répété par cette boucle");
		else {
			buf_puts(&b, "répété par cette boucle, ici à l'élément ");
			limit_print(&b, bd->index + 1, false);
			buf_puts(&b, " sur ");
			limit_print(&b, bd->count, false);
		}
		if (bd->path != NULL)
			buf_printf(&b, " ; chemin JSON : %s", bd->path);
		diag_note(dg, bd->loop, "%s", buf_cstr(&b));
	}
	buf_free(&b);
}

/* Whether LEN more bytes of text fit the limit « texte »; they are
 * counted. */
static bool
text_fits(struct eval *ev, size_t len)
{
	size_t max = ev->limits.text;

	if (max != 0 && (len > max || ev->text_bytes > max - len)) {
		over_limit(ev, E_LIMIT_TEXT, max, true);
		return false;
	}
	ev->text_bytes += len;
	return true;
}

/* Every token of the body is made here, counted against the limits.
 * Past a limit a token is still made (empty, for a text), so that the
 * caller may set its fields; the evaluation stops right after. */
static void
count_node(struct eval *ev)
{
	if (ev->limits.nodes != 0 &&
	    ev->pieces + ev->turns > ev->limits.nodes)
		over_limit(ev, E_LIMIT_NODES, ev->limits.nodes, false);
}

static struct etok *
push(struct eval *ev, enum etok_kind kind)
{
	struct etok *t = stream_push(ev->out, kind);

	ev->pieces++;
	count_node(ev);
	return t;
}

static struct etok *
push_text(struct eval *ev, const char *s, size_t len)
{
	struct etok *t;

	if (!text_fits(ev, len))
		len = 0;
	t = stream_text(ev->out, s, len);
	ev->pieces++;
	count_node(ev);
	return t;
}

/*
 * Plain text — the author's, a number's, a date's: no client text, no
 * origin, typography applied — goes on the stream's last token when it
 * is plain too, up to PLAIN_MERGE bytes (so that the copying stays
 * bounded): a loop's turn makes one token of « : » and the amount it
 * prints, not two.  The limit « noeuds » counts the pieces as before.
 */
#define PLAIN_MERGE	256

static void
push_plain(struct eval *ev, const char *s, size_t len)
{
	struct stream *out = ev->out;
	struct etok *last = out->len > 0 ? &out->v[out->len - 1] : NULL;
	size_t old;

	if (last == NULL || last->kind != ET_TEXT || last->verbatim ||
	    last->escaped || last->origin != NULL || last->text == NULL ||
	    (old = strlen(last->text)) + len > PLAIN_MERGE) {
		push_text(ev, s, len);
		return;
	}
	if (!text_fits(ev, len))
		len = 0;
	last->text = xrealloc(last->text, old + len + 1);
	memcpy(last->text + old, s, len);
	last->text[old + len] = '\0';
	ev->pieces++;
	count_node(ev);
}

static void
emit_text(struct eval *ev, const char *s)
{
	push_text(ev, s, strlen(s));
}

/* A draft's label or placeholder is code: shown as written, out of
 * the reach of French typography (« != "" » keeps its quotes). */
static void
emit_marked(struct eval *ev, const char *s)
{
	push(ev, ET_EMPH)->emphasis = EMPH_DRAFT;
	emit_text(ev, s);
	ev->out->v[ev->out->len - 1].verbatim = true;
	ev->out->v[ev->out->len - 1].escaped = true;
	push(ev, ET_EMPH)->emphasis = EMPH_DRAFT;
}

/* In a clause, a parametre given by the {inclure} stands for the
 * caller's expression: a reviewer reads « prestataire.nom », not the
 * clause's own « p.nom » twice. */
static const struct expr *
caller_expr(const struct expr *name, const void **ctx)
{
	const struct frame *fr = *ctx;
	const struct node *n;
	size_t i;

	if (fr == NULL || fr->include == NULL || name->sym == NULL ||
	    name->sym->kind != SYM_PARAM)
		return NULL;
	n = fr->include;
	for (i = 0; i < n->u.include.nargs; i++)
		if (n->u.include.args[i].param == name->sym->decl) {
			*ctx = fr->caller;
			return n->u.include.args[i].value;
		}
	return NULL;
}

static void
print_code(const struct eval *ev, struct buf *b, const struct expr *e)
{
	expr_print_subst(b, e, caller_expr, ev->frame);
}

/* A draft's label before a branch shown for want of data: a paragraph
 * of its own for a block construct, inline text otherwise. */
static bool
is_block_body(const struct nodes *ns)
{
	return ns->len > 0 && (ns->v[0]->kind == N_LINE ||
	    ns->v[0]->kind == N_PARBREAK || ns->v[0]->kind == N_INCLUDE ||
	    ns->v[0]->kind == N_SIGNATURES || ns->v[0]->kind == N_IF ||
	    ns->v[0]->kind == N_SELON || ns->v[0]->kind == N_LOOP);
}

static void
emit_label(struct eval *ev, const char *word, const struct expr *cond,
    bool block)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "[%s", word);
	if (cond != NULL) {
		buf_putc(&b, ' ');
		print_code(ev, &b, cond);
	}
	buf_putc(&b, ']');
	if (block) {
		push(ev, ET_PARBREAK);
		push(ev, ET_LINE);
	}
	emit_marked(ev, buf_cstr(&b));
	if (block)
		push(ev, ET_PARBREAK);
	buf_free(&b);
}

static void
eval_interp(struct eval *ev, const struct expr *e)
{
	struct value tmp;
	const struct value *v;
	struct buf b;

	if (!eval_borrow(ev, e, &tmp, &v))
		return;
	buf_init(&b);
	if (unknown_value(v)) {
		buf_putc(&b, '[');
		print_code(ev, &b, e);
		buf_putc(&b, ']');
		emit_marked(ev, buf_cstr(&b));
		buf_free(&b);
		value_free(&tmp);
		return;
	}
	value_print(&b, v);
	eval_check_printable(ev, e, NULL, buf_cstr(&b));
	/* Text that comes from the client (a texte, or the texts of a
	 * record or list) is printed as given: its straight quotes and
	 * apostrophes may be inches or part of an address.  Numbers,
	 * dates and choice labels are lgc's or the author's text. */
	if (v->kind == T_TEXTE || v->kind == T_RECORD ||
	    v->kind == T_LISTE) {
		emit_text(ev, buf_cstr(&b));
		ev->out->v[ev->out->len - 1].verbatim = true;
		ev->out->v[ev->out->len - 1].origin = expr_origin(ev, e);
	} else
		push_plain(ev, buf_cstr(&b), b.len);
	buf_free(&b);
	value_free(&tmp);
}

/* In a draft, once a condition cannot be decided every remaining
 * branch is shown, each under a label saying its condition. */
static void
trace(struct eval *ev, const struct node *n, size_t outcome)
{
	if (ev->trace != NULL)
		ev->trace(ev->trace_arg, n, outcome);
}

static void
eval_if(struct eval *ev, const struct node *n)
{
	size_t i, taken = n->u.cond.len;
	bool undecided = false, block = false;

	for (i = 0; i < n->u.cond.len; i++) {
		const struct branch *b = &n->u.cond.branches[i];
		enum truth t = TRUTH_TRUE;

		if (b->cond != NULL && (t = eval_truth(ev, b->cond)) ==
		    TRUTH_ERROR)
			return;
		/* The reviewer of the whole template sees each branch,
		 * decided or not, and the final {sinon} too. */
		if (ev->draft && ev->draft_all)
			t = TRUTH_UNKNOWN;
		if (t == TRUTH_FALSE)
			continue;
		if (t == TRUTH_UNKNOWN || undecided) {
			if (!undecided)
				block = is_block_body(&b->body);
			emit_label(ev, i == 0 ? "si" : b->cond != NULL ?
			    "sinon si" : "sinon", b->cond, block);
			undecided = undecided || t == TRUTH_UNKNOWN;
		}
		if (t == TRUTH_TRUE && !undecided)
			taken = i;
		eval_nodes(ev, &b->body);
		if (t == TRUTH_TRUE)
			break;
	}
	if (undecided)
		emit_label(ev, "fin", NULL, block);
	else
		trace(ev, n, taken);
}

static bool
case_matches(struct eval *ev, const struct selon_case *c,
    const struct value *subject)
{
	size_t i;

	for (i = 0; i < c->nvalues; i++) {
		struct value v;
		bool same;

		if (subject->kind == T_CHOIX && c->indexes != NULL &&
		    c->indexes[i] >= 0) {
			if ((size_t)c->indexes[i] == subject->u.choice)
				return true;
			continue;
		}
		if (subject->kind == T_BOOLEEN && c->indexes != NULL &&
		    c->indexes[i] >= 0) {
			if ((c->indexes[i] == 1) == subject->u.boolean)
				return true;
			continue;
		}
		if (!eval_expr(ev, c->values[i], &v))
			continue;
		same = value_equal(subject, &v);
		value_free(&v);
		if (same)
			return true;
	}
	return false;
}

static void
eval_selon(struct eval *ev, const struct node *n)
{
	struct value subject;
	size_t i;

	if (!eval_expr(ev, n->u.selon.subject, &subject))
		return;
	if (unknown_value(&subject) || (ev->draft && ev->draft_all)) {
		bool block = n->u.selon.ncases > 0 ?
		    is_block_body(&n->u.selon.cases[0].body) : true;

		emit_label(ev, "selon", n->u.selon.subject, block);
		for (i = 0; i < n->u.selon.ncases; i++) {
			const struct selon_case *c = &n->u.selon.cases[i];
			struct buf w;
			size_t k;

			buf_init(&w);
			buf_puts(&w, "cas ");
			for (k = 0; k < c->nvalues; k++) {
				if (k > 0)
					buf_puts(&w, ", ");
				expr_print(&w, c->values[k]);
			}
			emit_label(ev, buf_cstr(&w), NULL, block);
			buf_free(&w);
			eval_nodes(ev, &c->body);
		}
		if (n->u.selon.other != NULL) {
			emit_label(ev, "autre", NULL, block);
			eval_nodes(ev, n->u.selon.other);
		}
		emit_label(ev, "fin", NULL, block);
		return;
	}
	for (i = 0; i < n->u.selon.ncases; i++)
		if (case_matches(ev, &n->u.selon.cases[i], &subject)) {
			trace(ev, n, i);
			eval_nodes(ev, &n->u.selon.cases[i].body);
			value_free(&subject);
			return;
		}
	trace(ev, n, n->u.selon.ncases + (n->u.selon.other == NULL));
	if (n->u.selon.other != NULL)
		eval_nodes(ev, n->u.selon.other);
	value_free(&subject);
}

/* Item I of the list of LOOP (SIZE_MAX: the whole list, unknown in a
 * draft), with its JSON path when the list has one (O, the list's
 * origin, found once for every item). */
static void
push_binding(struct eval *ev, const struct node *loop,
    const struct value_origin *o, const struct value *value, size_t i,
    size_t count)
{
	struct binding *bd;

	ev->loops = xgrow(ev->loops, ev->nloops, sizeof(*ev->loops));
	bd = &ev->loops[ev->nloops++];
	bd->sym = loop->u.loop.sym;
	bd->value = value;
	bd->index = i == SIZE_MAX ? 0 : i;
	bd->count = count;
	bd->path = NULL;
	bd->data = o->data;
	bd->loop = &loop->loc;
	if (o->path != NULL && i != SIZE_MAX) {
		struct buf b;

		buf_init(&b);
		buf_printf(&b, "%s[%zu]", o->path, i);
		bd->path = buf_detach(&b);
	}
}

static void
pop_binding(struct eval *ev)
{
	free(ev->loops[--ev->nloops].path);
}

static void
eval_loop(struct eval *ev, const struct node *n)
{
	struct value_origin *o;
	struct value tmp;
	const struct value *list;
	size_t i;

	/* The list is read in place when it is an input's, a loop
	 * variable's…: the items the loop binds stay where they are. */
	if (!eval_borrow(ev, n->u.loop.list, &tmp, &list))
		return;
	o = expr_origin(ev, n->u.loop.list);
	if (unknown_value(list)) {
		bool block = is_block_body(&n->u.loop.body);
		struct buf w;

		buf_init(&w);
		buf_printf(&w, "pour chaque %s dans", n->u.loop.var);
		emit_label(ev, buf_cstr(&w), n->u.loop.list, block);
		buf_free(&w);
		push_binding(ev, n, o, list, SIZE_MAX, 0);
		eval_nodes(ev, &n->u.loop.body);
		pop_binding(ev);
		emit_label(ev, "fin", NULL, block);
	} else if (list->kind != T_LISTE || list->u.list.len == 0) {
		if (n->u.loop.empty != NULL)
			eval_nodes(ev, n->u.loop.empty);
	} else
		for (i = 0; i < list->u.list.len && !ev->stopped; i++) {
			push_binding(ev, n, o, &list->u.list.items[i], i,
			    list->u.list.len);
			ev->turns++;
			ev->at = &n->loc;
			count_node(ev);
			eval_nodes(ev, &n->u.loop.body);
			pop_binding(ev);
		}
	origin_unref(o);
	value_free(&tmp);
}

static void
eval_include(struct eval *ev, const struct node *n)
{
	const struct file_ast *f = n->u.include.file;
	struct frame *fr, *saved = ev->frame;
	size_t i;

	if (f == NULL)
		return;
	trace(ev, n, 0);
	fr = frame_new(f);
	fr->include = n;
	fr->caller = ev->frame;
	for (i = 0; i < n->u.include.nargs; i++) {
		const struct include_arg *a = &n->u.include.args[i];

		if (a->param == NULL)
			continue;
		value_free(&fr->params[a->param->index]);
		origin_unref(fr->param_origins[a->param->index]);
		fr->param_origins[a->param->index] = expr_origin(ev, a->value);
		if (eval_expr(ev, a->value, &fr->params[a->param->index]))
			check_declared(ev, &a->param->cstr_value, "paramètre",
			    a->param->name, &a->param->loc, a->value,
			    &fr->params[a->param->index]);
	}
	push(ev, ET_PARBREAK);
	ev->frame = fr;
	/* What fails inside the clause (an exiger, a division by zero)
	 * says from where it was included, as the checker's errors do. */
	diags_push_include(ev->ds, &n->loc);
	eval_rules(ev, f);
	eval_nodes(ev, &f->body);
	diags_pop_include(ev->ds);
	ev->frame = saved;
	push(ev, ET_PARBREAK);
	frame_free(fr);
}

static char *
field_text(const struct value *party, const char *name)
{
	int i = party->type ? type_field_index(party->type, name) : -1;

	if (i < 0 || (size_t)i >= party->u.record.len ||
	    party->u.record.fields[i].kind != T_TEXTE)
		return xstrdup("");
	return xstrdup(party->u.record.fields[i].u.text);
}

static void
eval_signatures(struct eval *ev, const struct node *n)
{
	struct etok *t;
	struct stream_party *parties;
	size_t i, len = n->u.signatures.len;

	parties = xcalloc(len + 1, sizeof(*parties));
	for (i = 0; i < len; i++) {
		struct value v;

		if (!eval_expr(ev, n->u.signatures.parties[i], &v)) {
			parties[i].name = xstrdup("");
			parties[i].representant = xstrdup("");
			parties[i].qualite = xstrdup("");
			continue;
		}
		if (unknown_value(&v)) {
			struct buf w;

			buf_init(&w);
			buf_putc(&w, '[');
			print_code(ev, &w, n->u.signatures.parties[i]);
			buf_putc(&w, ']');
			parties[i].name = buf_detach(&w);
			parties[i].representant = xstrdup("");
			parties[i].qualite = xstrdup("");
			continue;
		}
		parties[i].name = field_text(&v, "nom");
		parties[i].representant = field_text(&v, "representant");
		parties[i].qualite = field_text(&v, "qualite");
		eval_check_printable(ev, n->u.signatures.parties[i], "nom",
		    parties[i].name);
		eval_check_printable(ev, n->u.signatures.parties[i], "representant",
		    parties[i].representant);
		eval_check_printable(ev, n->u.signatures.parties[i], "qualite",
		    parties[i].qualite);
		parties[i].origin = expr_origin(ev,
		    n->u.signatures.parties[i]);
		text_fits(ev, strlen(parties[i].name) +
		    strlen(parties[i].representant) +
		    strlen(parties[i].qualite));
		value_free(&v);
	}
	t = push(ev, ET_SIGNATURES);
	t->parties = parties;
	t->nparties = len;
}

static void
eval_node(struct eval *ev, const struct node *n)
{
	struct etok *t;
	size_t i;

	ev->at = &n->loc;
	switch (n->kind) {
	case N_TEXT:
		if (n->escaped)
			push_text(ev, n->u.text, strlen(n->u.text))->escaped =
			    true;
		else
			push_plain(ev, n->u.text, strlen(n->u.text));
		break;
	case N_LINE:
		push(ev, ET_LINE)->indent = n->u.indent;
		break;
	case N_SOFTBREAK:
		push(ev, ET_SOFTBREAK);
		break;
	case N_PARBREAK:
		push(ev, ET_PARBREAK);
		break;
	case N_HARDBREAK:
		push(ev, ET_HARDBREAK);
		break;
	case N_HEADING:
		t = push(ev, ET_HEADING);
		t->level = n->u.heading.level;
		t->numbered = n->u.heading.numbered;
		t->label = n->u.heading.label ? xstrdup(n->u.heading.label) :
		    NULL;
		t->label_loc = &n->u.heading.label_loc;
		break;
	case N_BULLET:
		push(ev, ET_BULLET)->indent = n->u.indent;
		break;
	case N_NUMBERED:
		push(ev, ET_NUMBERED)->indent = n->u.indent;
		break;
	case N_EMPH:
		push(ev, ET_EMPH)->emphasis = n->u.emph.strong ?
		    EMPH_BOLD : EMPH_ITALIC;
		break;
	case N_LABEL:
	case N_UNNUMBERED:
		break;
	case N_INTERP:
		eval_interp(ev, n->u.expr);
		break;
	case N_REF:
		t = push(ev, ET_REF);
		t->bare = n->u.ref.bare;
		t->nlabels = (unsigned)n->u.ref.len;
		t->labels = xcalloc(n->u.ref.len + 1, sizeof(char *));
		t->locs = xcalloc(n->u.ref.len + 1, sizeof(struct loc));
		for (i = 0; i < n->u.ref.len; i++) {
			t->labels[i] = xstrdup(n->u.ref.labels[i]);
			t->locs[i] = n->u.ref.locs[i];
		}
		break;
	case N_IF:
		eval_if(ev, n);
		break;
	case N_SELON:
		eval_selon(ev, n);
		break;
	case N_LOOP:
		eval_loop(ev, n);
		break;
	case N_INCLUDE:
		eval_include(ev, n);
		break;
	case N_SIGNATURES:
		eval_signatures(ev, n);
		break;
	}
}

static void
eval_nodes(struct eval *ev, const struct nodes *ns)
{
	size_t i;

	for (i = 0; i < ns->len && !ev->stopped; i++)
		eval_node(ev, ns->v[i]);
}

/* ---------------------------------------------------------------- */
/* Interface                                                         */

struct eval *
eval_new(const struct program *prog, struct data *data, struct diags *ds)
{
	struct eval *ev = xcalloc(1, sizeof(*ev));

	ev->prog = prog;
	ev->data = data;
	ev->ds = ds;
	ev->main = frame_new(prog->main);
	ev->frame = ev->main;
	ev->inputs = inputs_new(prog->inputs.len);
	ev->limits.value = LIMIT_VALUE_DEFAULT;
	ev->limits.text = LIMIT_TEXT_DEFAULT;
	ev->limits.nodes = LIMIT_NODES_DEFAULT;
	return ev;
}

void
eval_set_limits(struct eval *ev, const struct eval_limits *limits)
{
	ev->limits = *limits;
}

void
eval_set_draft(struct eval *ev, bool draft)
{
	ev->draft = draft;
}

void
eval_set_draft_all(struct eval *ev, bool all)
{
	ev->draft_all = all;
}

void
eval_set_trace(struct eval *ev, eval_trace_fn fn, void *arg)
{
	ev->trace = fn;
	ev->trace_arg = arg;
}

void
eval_set_straight_quotes(struct eval *ev, bool keep)
{
	ev->straight_quotes = keep;
}

void
eval_free(struct eval *ev)
{
	size_t i;

	if (ev == NULL)
		return;
	frame_free(ev->main);
	inputs_free(ev->inputs, ev->prog->inputs.len);
	free(ev->loops);
	for (i = 0; i < ORIGIN_MEMO; i++)
		origin_unref(ev->origins[i].o);
	for (i = 0; i < ev->unprintable.len; i++)
		free(ev->unprintable.items[i]);
	ptrvec_free(&ev->unprintable);
	free(ev);
}

bool
eval_inputs(struct eval *ev)
{
	size_t i;
	bool ok = true;

	for (i = 0; i < ev->prog->inputs.len; i++) {
		input_value(ev, i);
		if (input_failed(ev, i))
			ok = false;
	}
	data_warn_unknown_keys(ev->data);
	return ok;
}

bool
eval_document(struct eval *ev, struct stream *out)
{
	const struct file_ast *f = ev->prog->main;

	memset(out, 0, sizeof(*out));
	out->straight_quotes = ev->straight_quotes;
	if (ev->failed)
		return false;
	ev->out = out;
	ev->frame = ev->main;
	eval_rules(ev, f);
	eval_nodes(ev, &f->body);
	ev->out = NULL;
	return !ev->failed;
}

bool
eval_title(struct eval *ev, char **title, char **model)
{
	const struct file_ast *f = ev->prog->main;
	struct buf b;

	buf_init(&b);
	ev->frame = ev->main;
	if (f->title != NULL)
		eval_tstring(ev, f->title, &b);
	else if (f->model != NULL)
		buf_puts(&b, f->model);
	*title = buf_detach(&b);
	*model = xstrdup(f->model != NULL ? f->model : "");
	return !ev->failed;
}

static void
part_push(struct letter_parts *ps, char *text, bool draft)
{
	ps->v = xgrow(ps->v, ps->len, sizeof(*ps->v));
	ps->v[ps->len].text = text;
	ps->v[ps->len].draft = draft;
	ps->len++;
}

/* E's value as printed, or in a draft its placeholder, shown as the
 * body shows one. */
static bool
letter_value(struct eval *ev, const struct expr *e, bool date,
    struct letter_parts *out)
{
	struct value v;
	struct buf b;
	bool ok = true;

	if (!eval_expr(ev, e, &v))
		return false;
	buf_init(&b);
	if (unknown_value(&v)) {
		buf_putc(&b, '[');
		expr_print(&b, e);
		buf_putc(&b, ']');
		part_push(out, buf_detach(&b), true);
		value_free(&v);
		return true;
	}
	if (date && v.kind == T_DATE)
		fr_date(&b, v.u.date);
	else
		value_print(&b, &v);
	ok = eval_check_printable(ev, e, NULL, buf_cstr(&b));
	part_push(out, buf_detach(&b), false);
	value_free(&v);
	return ok;
}

bool
eval_letter(struct eval *ev, struct eval_letter *out)
{
	const struct file_ast *f = ev->prog->main;
	size_t i;
	bool ok = true;

	memset(out, 0, sizeof(*out));
	out->letter = f->genre == GENRE_LETTRE;
	ev->frame = ev->main;
	if (f->place != NULL) {
		out->has_place = true;
		for (i = 0; i < f->place->len; i++)
			if (f->place->parts[i].text != NULL)
				part_push(&out->place,
				    xstrdup(f->place->parts[i].text), false);
			else if (!letter_value(ev, f->place->parts[i].expr,
			    false, &out->place))
				ok = false;
	}
	if (f->date != NULL) {
		out->has_date = true;
		if (!letter_value(ev, f->date, true, &out->date))
			ok = false;
	}
	/* A letter is accepted « Bon pour accord »; a contract's parties
	 * sign it without a mention unless the template asks for one. */
	if (f->mention != NULL)
		out->mention = f->mention[0] != '\0' ? xstrdup(f->mention) :
		    NULL;
	else if (out->letter)
		out->mention = xstrdup("Bon pour accord");
	return ok && !ev->failed;
}

static void
parts_free(struct letter_parts *ps)
{
	size_t i;

	for (i = 0; i < ps->len; i++)
		free(ps->v[i].text);
	free(ps->v);
}

void
eval_letter_free(struct eval_letter *l)
{
	parts_free(&l->place);
	parts_free(&l->date);
	free(l->mention);
	memset(l, 0, sizeof(*l));
}
