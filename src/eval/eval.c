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
#include "eval/prov.h"
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

/* The template's text S (ending at S[LEN]), which outlives the
 * stream: borrowed, not copied (stream_text_borrowed). */
static struct etok *
push_text_borrowed(struct eval *ev, const char *s, size_t len)
{
	struct etok *t;

	if (!text_fits(ev, len))
		t = stream_text(ev->out, s, 0);
	else
		t = stream_text_borrowed(ev->out, s);
	ev->pieces++;
	count_node(ev);
	return t;
}

/* BORROW: S is the template's text, ending at S[LEN]. */
static void
push_plain_text(struct eval *ev, const char *s, size_t len, bool borrow)
{
	struct stream *out = ev->out;
	struct etok *last = out->len > 0 ? &out->v[out->len - 1] : NULL;
	size_t old;

	if (last == NULL || last->kind != ET_TEXT || last->verbatim ||
	    last->escaped || last->origin != NULL || last->text == NULL ||
	    (old = strlen(last->text)) + len > PLAIN_MERGE) {
		if (borrow)
			push_text_borrowed(ev, s, len);
		else
			push_text(ev, s, len);
		return;
	}
	if (!text_fits(ev, len))
		len = 0;
	if (last->borrowed) {
		char *own = xmalloc(old + len + 1);

		memcpy(own, last->text, old);
		last->text = own;
		last->borrowed = false;
	} else
		last->text = xrealloc(last->text, old + len + 1);
	memcpy(last->text + old, s, len);
	last->text[old + len] = '\0';
	ev->pieces++;
	count_node(ev);
}

static void
push_plain(struct eval *ev, const char *s, size_t len)
{
	push_plain_text(ev, s, len, false);
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

/* Provenance (prov.h): recorded only when ev->prov is set. */

/* Each input that E reads, in frame FR, into C: through a clause's
 * parameters to the caller's expression, and through a `soit` to what
 * it is computed from. */
static void
prov_inputs(struct eval *ev, struct prov_cond *c, const struct expr *e,
    const struct frame *fr, int depth)
{
	const struct symbol *s;
	size_t i;

	/* A parameter's argument may name another parameter, one clause
	 * up: bounded as the nesting of clauses is. */
	if (e == NULL || depth > 64)
		return;
	switch (e->kind) {
	case EX_LITERAL:
		return;
	case EX_NAME:
		if ((s = e->sym) == NULL)
			return;
		switch (s->kind) {
		case SYM_INPUT: {
			const struct value *v = input_value(ev,
			    s->input->index);
			struct loc l = data_input_loc(ev->data, s->input);
			struct buf b;

			buf_init(&b);
			if (v != NULL && !unknown_value(v))
				value_print_literal(&b, v);
			prov_cond_input(c, s->input->name, s->input->label,
			    v != NULL && !unknown_value(v) ? buf_cstr(&b) :
			    NULL, l.src);
			buf_free(&b);
			return;
		}
		case SYM_PARAM:
			if (fr == NULL || fr->include == NULL)
				return;
			for (i = 0; i < fr->include->u.include.nargs; i++)
				if (fr->include->u.include.args[i].param ==
				    s->decl)
					prov_inputs(ev, c, fr->include->
					    u.include.args[i].value, fr->caller,
					    depth + 1);
			return;
		case SYM_SOIT:
			prov_inputs(ev, c, s->decl->value, fr, depth + 1);
			return;
		case SYM_LOOP:
			return;
		}
		return;
	case EX_FIELD:
		prov_inputs(ev, c, e->u.field.obj, fr, depth);
		return;
	case EX_CALL:
		for (i = 0; i < e->u.call.nargs; i++)
			prov_inputs(ev, c, e->u.call.args[i], fr, depth);
		return;
	case EX_RECORD:
		for (i = 0; i < e->u.record.nfields; i++)
			prov_inputs(ev, c, e->u.record.fields[i].value, fr,
			    depth);
		return;
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
		prov_inputs(ev, c, e->u.operand, fr, depth);
		return;
	case EX_BINARY:
		prov_inputs(ev, c, e->u.binary.lhs, fr, depth);
		prov_inputs(ev, c, e->u.binary.rhs, fr, depth);
		return;
	case EX_LIST:
		for (i = 0; i < e->u.list.n; i++)
			prov_inputs(ev, c, e->u.list.items[i], fr, depth);
		return;
	}
}

/* A condition E (WORD "si", "sinon si", "selon") of the current scope,
 * with DETAIL (a {selon}'s case) and the inputs it reads. */
static void
prov_condition(struct eval *ev, const char *word, const struct expr *e,
    const char *detail, enum truth t)
{
	struct prov_cond *c;
	struct buf b;

	buf_init(&b);
	print_code(ev, &b, e);
	c = prov_add_cond(ev->prov, word, buf_cstr(&b), t == TRUTH_TRUE ?
	    PROV_TRUE : t == TRUTH_FALSE ? PROV_FALSE : PROV_UNKNOWN, &e->loc);
	if (detail != NULL)
		c->detail = xstrdup(detail);
	buf_free(&b);
	prov_inputs(ev, c, e, ev->frame, 0);
}

/* What the parameter E stands for: the caller's argument, followed up
 * through the clauses that include one another from frame FR (as
 * print_code shows it); E itself when it is no parameter given by its
 * {inclure}. */
static const struct expr *
prov_resolve(const struct expr *e, const struct frame *fr)
{
	size_t i;
	int depth;

	/* Bounded as the nesting of clauses is. */
	for (depth = 0; depth < 64; depth++) {
		if (e->kind != EX_NAME || e->sym == NULL ||
		    e->sym->kind != SYM_PARAM || fr == NULL ||
		    fr->include == NULL)
			return e;
		for (i = 0; i < fr->include->u.include.nargs; i++)
			if (fr->include->u.include.args[i].param ==
			    e->sym->decl)
				break;
		if (i == fr->include->u.include.nargs)
			return e;	/* its default */
		e = fr->include->u.include.args[i].value;
		fr = fr->caller;
	}
	return e;
}

/* What kind of value E names, in the caller's terms: an input, a
 * parameter (left to its default), a loop's item, a computed one, or
 * the template's own text given to a clause. */
static enum prov_value_kind
prov_kind(const struct eval *ev, const struct expr *e)
{
	const struct expr *base = e;

	while (base->kind == EX_FIELD)
		base = base->u.field.obj;
	base = prov_resolve(base, ev->frame);
	if (base->kind == EX_LITERAL)
		return e->kind == EX_NAME ? PROV_LITERAL : PROV_COMPUTED;
	while (base->kind == EX_FIELD)
		base = base->u.field.obj;
	if (base->kind != EX_NAME || base->sym == NULL)
		return PROV_COMPUTED;
	switch (base->sym->kind) {
	case SYM_INPUT:
		return PROV_INPUT;
	case SYM_PARAM:
		return PROV_PARAM;
	case SYM_SOIT:
		return PROV_COMPUTED;
	case SYM_LOOP:
		return PROV_ITEM;
	}
	return PROV_COMPUTED;
}

/* The value printed by E as TEXT, in the stream's last token. */
static void
prov_printed(struct eval *ev, const struct expr *e, const char *text)
{
	struct buf code, path;
	struct loc data = { NULL, 0, 0, 0, 0 };
	bool has_path;

	buf_init(&code);
	buf_init(&path);
	print_code(ev, &code, e);
	has_path = expr_json_path(ev, e, &path, &data);
	prov_add_value(ev->prov, ev->out->len > 0 ? ev->out->len - 1 : 0,
	    prov_kind(ev, e), buf_cstr(&code), text, has_path ? buf_cstr(&path) :
	    NULL, has_path ? data.src : NULL);
	buf_free(&code);
	buf_free(&path);
}

static void
eval_interp(struct eval *ev, const struct expr *e)
{
	struct value tmp;
	const struct value *v;
	/* Printed into a buffer kept for the whole evaluation: nothing
	 * below prints a value through eval_interp again. */
	struct buf *b = &ev->interp;

	if (!eval_borrow(ev, e, &tmp, &v))
		return;
	buf_reset(b);
	if (unknown_value(v)) {
		buf_putc(b, '[');
		print_code(ev, b, e);
		buf_putc(b, ']');
		emit_marked(ev, buf_cstr(b));
		value_free(&tmp);
		return;
	}
	value_print(b, v);
	eval_check_printable(ev, e, NULL, buf_cstr(b));
	/* Text that comes from the client (a texte, or the texts of a
	 * record or list) is printed as given: its straight quotes and
	 * apostrophes may be inches or part of an address.  Numbers,
	 * dates and choice labels are lgc's or the author's text. */
	if (v->kind == T_TEXTE || v->kind == T_RECORD ||
	    v->kind == T_LISTE) {
		emit_text(ev, buf_cstr(b));
		ev->out->v[ev->out->len - 1].verbatim = true;
		ev->out->v[ev->out->len - 1].origin = expr_origin(ev, e);
	} else
		push_plain(ev, buf_cstr(b), b->len);
	if (ev->prov != NULL)
		prov_printed(ev, e, buf_cstr(b));
	value_free(&tmp);
}

/* Branch I of the {si} N is taken, its condition giving T: the
 * earlier ones were false (or undecided, in a draft). */
static size_t
prov_if_branch(struct eval *ev, const struct node *n, size_t i, enum truth t)
{
	size_t saved, k;

	saved = prov_enter(ev->prov, PROV_BRANCH, &n->u.cond.branches[i].loc);
	for (k = 0; k <= i; k++) {
		const struct branch *b = &n->u.cond.branches[k];

		if (b->cond != NULL)
			prov_condition(ev, k == 0 ? "si" : "sinon si", b->cond,
			    NULL, k == i ? t : t == TRUTH_UNKNOWN ?
			    TRUTH_UNKNOWN : TRUTH_FALSE);
	}
	return saved;
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
		if (ev->prov != NULL) {
			size_t saved = prov_if_branch(ev, n, i, t);

			eval_nodes(ev, &b->body);
			prov_leave(ev->prov, saved);
		} else
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

/* BODY of the {selon} N, in a scope of its own saying WHICH case
 * (« cas commission », « autre ») gave it, when provenance is
 * recorded; LOC is the case's. */
static void
prov_selon_body(struct eval *ev, const struct node *n, const struct loc *loc,
    const char *which, enum truth t, const struct nodes *body)
{
	size_t saved;

	if (ev->prov == NULL) {
		eval_nodes(ev, body);
		return;
	}
	saved = prov_enter(ev->prov, PROV_CASE, loc);
	prov_condition(ev, "selon", n->u.selon.subject, which, t);
	eval_nodes(ev, body);
	prov_leave(ev->prov, saved);
}

static void
prov_selon_case(struct eval *ev, const struct node *n, size_t i)
{
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
	prov_selon_body(ev, n, &c->loc, buf_cstr(&w), TRUTH_TRUE, &c->body);
	buf_free(&w);
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
			prov_selon_body(ev, n, &c->loc, buf_cstr(&w),
			    TRUTH_UNKNOWN, &c->body);
			buf_free(&w);
		}
		if (n->u.selon.other != NULL) {
			emit_label(ev, "autre", NULL, block);
			prov_selon_body(ev, n, &n->loc, "autre", TRUTH_UNKNOWN,
			    n->u.selon.other);
		}
		emit_label(ev, "fin", NULL, block);
		return;
	}
	for (i = 0; i < n->u.selon.ncases; i++)
		if (case_matches(ev, &n->u.selon.cases[i], &subject)) {
			trace(ev, n, i);
			if (ev->prov != NULL)
				prov_selon_case(ev, n, i);
			else
				eval_nodes(ev, &n->u.selon.cases[i].body);
			value_free(&subject);
			return;
		}
	trace(ev, n, n->u.selon.ncases + (n->u.selon.other == NULL));
	if (n->u.selon.other != NULL)
		prov_selon_body(ev, n, &n->loc, "autre", TRUTH_TRUE,
		    n->u.selon.other);
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
	bd->root = o->key;
	bd->loop = &loop->loc;
	if (o->path != NULL && i != SIZE_MAX) {
		struct buf b;

		buf_init(&b);
		buf_puts(&b, o->path);
		buf_putc(&b, '[');
		buf_putu(&b, (unsigned long)i);
		buf_putc(&b, ']');
		bd->path = buf_detach(&b);
	}
}

static void
pop_binding(struct eval *ev)
{
	free(ev->loops[--ev->nloops].path);
}

/* The body of LOOP for its item I of COUNT (SIZE_MAX: unknown), in a
 * scope of its own when provenance is recorded. */
static void
prov_loop_body(struct eval *ev, const struct node *loop, size_t i,
    size_t count)
{
	struct prov_scope *sc;
	struct buf w;
	size_t saved;

	if (ev->prov == NULL) {
		eval_nodes(ev, &loop->u.loop.body);
		return;
	}
	saved = prov_enter(ev->prov, PROV_LOOP, &loop->loc);
	sc = prov_current(ev->prov);
	buf_init(&w);
	buf_printf(&w, "%s dans ", loop->u.loop.var);
	print_code(ev, &w, loop->u.loop.list);
	if (i != SIZE_MAX)
		buf_printf(&w, ", élément %zu sur %zu", i + 1, count);
	sc->loop = buf_detach(&w);
	eval_nodes(ev, &loop->u.loop.body);
	prov_leave(ev->prov, saved);
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
		prov_loop_body(ev, n, SIZE_MAX, 0);
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
			prov_loop_body(ev, n, i, list->u.list.len);
			pop_binding(ev);
		}
	origin_unref(o);
	value_free(&tmp);
}

/* Enters the scope of the {inclure} N, its arguments as written in
 * the caller; returns the scope to go back to. */
static size_t
prov_include(struct eval *ev, const struct node *n)
{
	struct prov_scope *sc;
	size_t saved, i;

	saved = prov_enter(ev->prov, PROV_INCLUDE, &n->loc);
	sc = prov_current(ev->prov);
	sc->file = n->u.include.file->src;
	sc->args = xcalloc(n->u.include.nargs + 1, sizeof(*sc->args));
	for (i = 0; i < n->u.include.nargs; i++) {
		struct buf b;

		buf_init(&b);
		print_code(ev, &b, n->u.include.args[i].value);
		sc->args[i].name = xstrdup(n->u.include.args[i].name);
		sc->args[i].expr = buf_detach(&b);
	}
	sc->nargs = n->u.include.nargs;
	return saved;
}

/* The values the arguments took in FR, then back to scope SAVED. */
static void
prov_include_done(struct eval *ev, const struct frame *fr, size_t saved)
{
	struct prov_scope *sc = prov_current(ev->prov);
	const struct node *n = fr->include;
	size_t i;

	for (i = 0; i < n->u.include.nargs && i < sc->nargs; i++) {
		const struct decl *p = n->u.include.args[i].param;
		struct buf b;

		if (p == NULL || unknown_value(&fr->params[p->index]))
			continue;
		buf_init(&b);
		value_print_literal(&b, &fr->params[p->index]);
		sc->args[i].value = buf_detach(&b);
	}
	prov_leave(ev->prov, saved);
}

static void
eval_include(struct eval *ev, const struct node *n)
{
	const struct file_ast *f = n->u.include.file;
	struct frame *fr, *saved = ev->frame;
	size_t i, scope = 0;

	if (f == NULL)
		return;
	trace(ev, n, 0);
	if (ev->prov != NULL)
		scope = prov_include(ev, n);
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
	if (ev->prov != NULL)
		prov_include_done(ev, fr, scope);
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
	/* Where each line, heading and signature block starts: the
	 * document's blocks begin there. */
	if (ev->prov != NULL && (n->kind == N_LINE || n->kind == N_HEADING ||
	    n->kind == N_SIGNATURES))
		prov_mark(ev->prov, ev->out->len, &n->loc,
		    n->kind == N_HEADING ? n->u.heading.label : NULL);
	switch (n->kind) {
	case N_TEXT:
		if (n->escaped)
			push_text_borrowed(ev, n->u.text,
			    strlen(n->u.text))->escaped = true;
		else
			push_plain_text(ev, n->u.text, strlen(n->u.text),
			    true);
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
eval_set_provenance(struct eval *ev, struct prov *p)
{
	ev->prov = p;
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
eval_set_stream_hint(struct eval *ev, size_t tokens)
{
	ev->stream_hint = tokens;
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
	buf_free(&ev->interp);
	buf_free(&ev->origin_path);
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
	if (ev->stream_hint > 0)
		stream_reserve(out, ev->stream_hint);
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
