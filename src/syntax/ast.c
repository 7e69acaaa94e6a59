/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "syntax/ast.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/source.h"

/* A block of a pool; the next one is allocated when an object does not
 * fit in what is left of the current one. */
struct pool_block {
	struct pool_block *prev;
	max_align_t	 data[];
};

struct ast_pool {
	struct pool_block *last;
	char		*next;		/* free room in LAST */
	size_t		 left;
	size_t		 block;		/* the size of the next block */
};

/* Blocks double from the first size to the last, so that a small clause
 * takes little room and a long template few blocks; under 64 KB, whose
 * free makes glibc consolidate its whole heap. */
#define POOL_FIRST	8192
#define POOL_LAST	32768

struct ast_pool *
ast_pool_new(void)
{
	return xcalloc(1, sizeof(struct ast_pool));
}

void
ast_pool_free(struct ast_pool *pool)
{
	struct pool_block *b, *prev;

	if (pool == NULL)
		return;
	for (b = pool->last; b != NULL; b = prev) {
		prev = b->prev;
		free(b);
	}
	free(pool);
}

/* SIZE zeroed bytes from POOL, aligned as malloc's. */
static void *
pool_alloc(struct ast_pool *pool, size_t size)
{
	void *p;

	size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) *
	    sizeof(max_align_t);
	if (size > pool->left) {
		size_t room;
		struct pool_block *b;

		if (pool->block == 0)
			pool->block = POOL_FIRST;
		room = pool->block - sizeof(*b);
		if (room < size)
			room = size;
		b = xmalloc(sizeof(*b) + room);
		if (pool->block < POOL_LAST)
			pool->block *= 2;
		b->prev = pool->last;
		pool->last = b;
		pool->next = (char *)b->data;
		pool->left = room;
	}
	p = pool->next;
	pool->next += size;
	pool->left -= size;
	memset(p, 0, size);
	return p;
}

struct expr *
expr_new_in(struct ast_pool *pool, enum expr_kind kind,
    const struct loc *loc)
{
	struct expr *e = pool != NULL ? pool_alloc(pool, sizeof(*e)) :
	    xcalloc(1, sizeof(*e));

	e->pooled = pool != NULL;
	e->kind = kind;
	e->loc = *loc;
	e->depth = 1;
	e->choice = -1;
	e->field_index = -1;
	return e;
}

struct expr *
expr_new(enum expr_kind kind, const struct loc *loc)
{
	return expr_new_in(NULL, kind, loc);
}

void
expr_free(struct expr *e)
{
	size_t i;

	if (e == NULL)
		return;
	switch (e->kind) {
	case EX_LITERAL:
		value_free(&e->u.literal);
		break;
	case EX_NAME:
		free(e->u.name);
		break;
	case EX_FIELD:
		expr_free(e->u.field.obj);
		free(e->u.field.name);
		break;
	case EX_CALL:
		free(e->u.call.name);
		for (i = 0; i < e->u.call.nargs; i++)
			expr_free(e->u.call.args[i]);
		free(e->u.call.args);
		break;
	case EX_RECORD:
		free(e->u.record.type_name);
		for (i = 0; i < e->u.record.nfields; i++) {
			free(e->u.record.fields[i].name);
			expr_free(e->u.record.fields[i].value);
		}
		free(e->u.record.fields);
		break;
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
		expr_free(e->u.operand);
		break;
	case EX_BINARY:
		expr_free(e->u.binary.lhs);
		expr_free(e->u.binary.rhs);
		break;
	case EX_LIST:
		for (i = 0; i < e->u.list.n; i++)
			expr_free(e->u.list.items[i]);
		free(e->u.list.items);
		break;
	}
	if (!e->pooled)
		free(e);
}

bool
expr_equal_by(const struct expr *a, const struct expr *b, expr_leaf_eq leaf)
{
	size_t i;

	if (a == NULL || b == NULL)
		return a == b;
	if (a->kind != b->kind || (leaf != NULL && !leaf(a, b)))
		return false;
	switch (a->kind) {
	case EX_LITERAL:
		return a->u.literal.kind == b->u.literal.kind &&
		    value_equal(&a->u.literal, &b->u.literal);
	case EX_NAME:
		return strcmp(a->u.name, b->u.name) == 0;
	case EX_FIELD:
		return strcmp(a->u.field.name, b->u.field.name) == 0 &&
		    expr_equal_by(a->u.field.obj, b->u.field.obj, leaf);
	case EX_CALL:
		if (strcmp(a->u.call.name, b->u.call.name) != 0 ||
		    a->u.call.nargs != b->u.call.nargs)
			return false;
		for (i = 0; i < a->u.call.nargs; i++)
			if (!expr_equal_by(a->u.call.args[i],
			    b->u.call.args[i], leaf))
				return false;
		return true;
	case EX_RECORD:
		if (strcmp(a->u.record.type_name, b->u.record.type_name) != 0 ||
		    a->u.record.nfields != b->u.record.nfields)
			return false;
		for (i = 0; i < a->u.record.nfields; i++)
			if (strcmp(a->u.record.fields[i].name,
			    b->u.record.fields[i].name) != 0 ||
			    !expr_equal_by(a->u.record.fields[i].value,
			    b->u.record.fields[i].value, leaf))
				return false;
		return true;
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
		return expr_equal_by(a->u.operand, b->u.operand, leaf);
	case EX_BINARY:
		return a->u.binary.op == b->u.binary.op &&
		    expr_equal_by(a->u.binary.lhs, b->u.binary.lhs, leaf) &&
		    expr_equal_by(a->u.binary.rhs, b->u.binary.rhs, leaf);
	case EX_LIST:
		if (a->u.list.n != b->u.list.n)
			return false;
		for (i = 0; i < a->u.list.n; i++)
			if (!expr_equal_by(a->u.list.items[i],
			    b->u.list.items[i], leaf))
				return false;
		return true;
	}
	return false;
}

bool
expr_equal(const struct expr *a, const struct expr *b)
{
	return expr_equal_by(a, b, NULL);
}

const char *
binop_text(enum binop op)
{
	switch (op) {
	case OP_ADD: return "+";
	case OP_SUB: return "-";
	case OP_MUL: return "*";
	case OP_DIV: return "/";
	case OP_EQ: return "=";
	case OP_NE: return "!=";
	case OP_LT: return "<";
	case OP_LE: return "<=";
	case OP_GT: return ">";
	case OP_GE: return ">=";
	case OP_AND: return "et";
	case OP_OR: return "ou";
	}
	return "?";
}

static int
binop_precedence(enum binop op)
{
	switch (op) {
	case OP_OR: return 1;
	case OP_AND: return 2;
	case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
		return 4;
	case OP_ADD: case OP_SUB: return 5;
	case OP_MUL: case OP_DIV: return 6;
	}
	return 0;
}

static int
expr_precedence(const struct expr *e)
{
	switch (e->kind) {
	case EX_BINARY:
		return binop_precedence(e->u.binary.op);
	case EX_NOT:
		return 3;
	case EX_EXISTS:
		return 4;
	case EX_NEG:
		return 7;
	case EX_CALL:
		return e->u.call.piped ? 0 : 8;
	case EX_LITERAL:
	case EX_NAME:
	case EX_FIELD:
	case EX_RECORD:
	case EX_LIST:
		return 8;
	}
	return 8;
}

static void	print(struct buf *b, const struct expr *e, expr_subst_fn subst,
		    const void *ctx);

static void
print_sub(struct buf *b, const struct expr *e, int min, expr_subst_fn subst,
    const void *ctx)
{
	if (expr_precedence(e) < min) {
		buf_putc(b, '(');
		print(b, e, subst, ctx);
		buf_putc(b, ')');
	} else
		print(b, e, subst, ctx);
}

void
expr_print(struct buf *b, const struct expr *e)
{
	print(b, e, NULL, NULL);
}

void
expr_print_subst(struct buf *b, const struct expr *e, expr_subst_fn subst,
    const void *ctx)
{
	const struct expr *r;

	/* A whole expression substituted needs no parentheses. */
	while (e->kind == EX_NAME && (r = subst(e, &ctx)) != NULL)
		e = r;
	print(b, e, subst, ctx);
}

static void
print(struct buf *b, const struct expr *e, expr_subst_fn subst,
    const void *ctx)
{
	const struct expr *r;
	const void *rctx = ctx;
	size_t i;

	/* A name stands for another expression, itself printed in its
	 * own context, whole: parenthesized unless it is a primary. */
	if (e->kind == EX_NAME && subst != NULL &&
	    (r = subst(e, &rctx)) != NULL) {
		print_sub(b, r, 8, subst, rctx);
		return;
	}
	switch (e->kind) {
	case EX_LITERAL:
		value_print_literal(b, &e->u.literal);
		break;
	case EX_NAME:
		buf_puts(b, e->u.name);
		break;
	case EX_FIELD:
		print_sub(b, e->u.field.obj, 8, subst, ctx);
		buf_putc(b, '.');
		buf_puts(b, e->u.field.name);
		break;
	case EX_CALL:
		if (e->u.call.piped) {
			print_sub(b, e->u.call.args[0], 1, subst, ctx);
			buf_puts(b, " | ");
			buf_puts(b, e->u.call.name);
			for (i = 1; i < e->u.call.nargs; i++) {
				buf_putc(b, ' ');
				print_sub(b, e->u.call.args[i], 8, subst, ctx);
			}
			break;
		}
		buf_puts(b, e->u.call.name);
		buf_putc(b, '(');
		for (i = 0; i < e->u.call.nargs; i++) {
			if (i > 0)
				buf_puts(b, ", ");
			print(b, e->u.call.args[i], subst, ctx);
		}
		buf_putc(b, ')');
		break;
	case EX_RECORD:
		buf_printf(b, "%s { ", e->u.record.type_name);
		for (i = 0; i < e->u.record.nfields; i++) {
			if (i > 0)
				buf_puts(b, ", ");
			buf_printf(b, "%s = ", e->u.record.fields[i].name);
			print(b, e->u.record.fields[i].value, subst, ctx);
		}
		buf_puts(b, " }");
		break;
	case EX_NEG:
		buf_putc(b, '-');
		print_sub(b, e->u.operand, 7, subst, ctx);
		break;
	case EX_NOT:
		buf_puts(b, "non ");
		print_sub(b, e->u.operand, 3, subst, ctx);
		break;
	case EX_EXISTS:
		print_sub(b, e->u.operand, 5, subst, ctx);
		buf_puts(b, " existe");
		break;
	case EX_BINARY: {
		int prec = binop_precedence(e->u.binary.op);

		print_sub(b, e->u.binary.lhs, prec, subst, ctx);
		buf_putc(b, ' ');
		buf_puts(b, binop_text(e->u.binary.op));
		buf_putc(b, ' ');
		print_sub(b, e->u.binary.rhs, prec + 1, subst, ctx);
		break;
	}
	case EX_LIST:
		buf_putc(b, '[');
		for (i = 0; i < e->u.list.n; i++) {
			if (i > 0)
				buf_puts(b, ", ");
			expr_print(b, e->u.list.items[i]);
		}
		buf_putc(b, ']');
		break;
	}
}

struct node *
node_new(struct ast_pool *pool, enum node_kind kind, const struct loc *loc)
{
	struct node *n = pool != NULL ? pool_alloc(pool, sizeof(*n)) :
	    xcalloc(1, sizeof(*n));

	n->pooled = pool != NULL;
	n->kind = kind;
	n->loc = *loc;
	return n;
}

void
nodes_push(struct nodes *ns, struct node *n)
{
	ns->v = xgrow(ns->v, ns->len, sizeof(*ns->v));
	ns->v[ns->len++] = n;
}

void
nodes_free(struct nodes *ns)
{
	size_t i;

	if (ns == NULL)
		return;
	for (i = 0; i < ns->len; i++)
		node_free(ns->v[i]);
	free(ns->v);
	ns->v = NULL;
	ns->len = 0;
}

void
node_free(struct node *n)
{
	size_t i, k;

	if (n == NULL)
		return;
	switch (n->kind) {
	case N_TEXT:
	case N_LABEL:
		free(n->u.text);
		break;
	case N_LINE:
	case N_SOFTBREAK:
	case N_PARBREAK:
	case N_HARDBREAK:
	case N_BULLET:
	case N_NUMBERED:
	case N_EMPH:
	case N_UNNUMBERED:
		break;
	case N_HEADING:
		free(n->u.heading.label);
		break;
	case N_INTERP:
		expr_free(n->u.expr);
		break;
	case N_REF:
		for (i = 0; i < n->u.ref.len; i++)
			free(n->u.ref.labels[i]);
		free(n->u.ref.labels);
		free(n->u.ref.locs);
		break;
	case N_IF:
		for (i = 0; i < n->u.cond.len; i++) {
			expr_free(n->u.cond.branches[i].cond);
			nodes_free(&n->u.cond.branches[i].body);
		}
		free(n->u.cond.branches);
		break;
	case N_SELON:
		expr_free(n->u.selon.subject);
		for (i = 0; i < n->u.selon.ncases; i++) {
			struct selon_case *c = &n->u.selon.cases[i];

			for (k = 0; k < c->nvalues; k++)
				expr_free(c->values[k]);
			free(c->values);
			free(c->indexes);
			nodes_free(&c->body);
		}
		free(n->u.selon.cases);
		nodes_free(n->u.selon.other);
		free(n->u.selon.other);
		break;
	case N_LOOP:
		free(n->u.loop.var);
		expr_free(n->u.loop.list);
		nodes_free(&n->u.loop.body);
		nodes_free(n->u.loop.empty);
		free(n->u.loop.empty);
		free(n->u.loop.sym);
		break;
	case N_INCLUDE:
		free(n->u.include.path);
		for (i = 0; i < n->u.include.nargs; i++) {
			free(n->u.include.args[i].name);
			expr_free(n->u.include.args[i].value);
		}
		free(n->u.include.args);
		break;
	case N_SIGNATURES:
		for (i = 0; i < n->u.signatures.len; i++)
			expr_free(n->u.signatures.parties[i]);
		free(n->u.signatures.parties);
		break;
	}
	if (!n->pooled)
		free(n);
}

void
tstring_free(struct tstring *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->len; i++) {
		free(t->parts[i].text);
		expr_free(t->parts[i].expr);
	}
	free(t->parts);
	free(t);
}

void
type_expr_free(struct type_expr *t)
{
	size_t i;

	if (t == NULL)
		return;
	free(t->name);
	for (i = 0; i < t->nvalues; i++) {
		free(t->values[i].name);
		free(t->values[i].words);
	}
	free(t->values);
	type_expr_free(t->elem);
	free(t);
}

void
cstr_expr_free(struct cstr_expr *c)
{
	size_t i;

	if (c == NULL)
		return;
	expr_free(c->lo);
	expr_free(c->hi);
	for (i = 0; i < c->nset; i++)
		expr_free(c->set[i]);
	free(c->set);
	free(c);
}

void
decl_free(struct decl *d)
{
	if (d == NULL)
		return;
	free(d->name);
	type_expr_free(d->type);
	cstr_expr_free(d->cstr);
	expr_free(d->def);
	expr_free(d->cond);
	free(d->label);
	expr_free(d->value);
	constraint_free(&d->cstr_value);
	if (d->def_value != NULL) {
		value_free(d->def_value);
		free(d->def_value);
	}
	expr_free(d->requirement);
	free(d);
}

static void
field_decl_free(struct field_decl *f)
{
	free(f->name);
	type_expr_free(f->type);
	cstr_expr_free(f->cstr);
	expr_free(f->def);
	free(f->label);
}

void
file_ast_free(struct file_ast *f)
{
	size_t i, k;

	if (f == NULL)
		return;
	for (i = 0; i < f->nbroken; i++)
		free(f->broken[i]);
	free(f->broken);
	free(f->path);
	free(f->key);
	free(f->model);
	tstring_free(f->title);
	tstring_free(f->place);
	expr_free(f->date);
	free(f->mention);
	for (i = 0; i < f->nimports; i++)
		free(f->imports[i].path);
	free(f->imports);
	for (i = 0; i < f->ntypes; i++) {
		struct type_decl *td = f->types[i];

		free(td->name);
		free(td->parent);
		for (k = 0; k < td->nfields; k++)
			field_decl_free(&td->fields[k]);
		free(td->fields);
		type_expr_free(td->alias);
		free(td);
	}
	free(f->types);
	for (i = 0; i < f->ndecls; i++)
		decl_free(f->decls[i]);
	free(f->decls);
	for (i = 0; i < f->nrules; i++) {
		expr_free(f->rules[i]->cond);
		tstring_free(f->rules[i]->message);
		expr_free(f->rules[i]->requirement);
		free(f->rules[i]);
	}
	free(f->rules);
	nodes_free(&f->body);
	/* Last: every node and expression freed above lives in it. */
	ast_pool_free(f->pool);
	free(f);
}

static void
indent_to(struct buf *b, int depth)
{
	int i;

	for (i = 0; i < depth; i++)
		buf_puts(b, "  ");
}

static void dump_nodes(struct buf *b, const struct nodes *ns, int depth);

static void
dump_expr_line(struct buf *b, const char *what, const struct expr *e,
    int depth)
{
	indent_to(b, depth);
	buf_printf(b, "%s", what);
	if (e != NULL) {
		buf_putc(b, ' ');
		expr_print(b, e);
	}
	buf_putc(b, '\n');
}

static void
dump_node(struct buf *b, const struct node *n, int depth)
{
	size_t i, k;

	indent_to(b, depth);
	buf_printf(b, "%d:%d ", n->loc.line, n->loc.col);
	switch (n->kind) {
	case N_TEXT:
		/* Shown as the source wrote it. */
		if (n->escaped)
			buf_printf(b, "texte «\\%s»\n", n->u.text);
		else
			buf_printf(b, "texte «%s»\n", n->u.text);
		break;
	case N_LINE:
		buf_printf(b, "ligne %d\n", n->u.indent);
		break;
	case N_SOFTBREAK:
		buf_puts(b, "saut\n");
		break;
	case N_PARBREAK:
		buf_puts(b, "paragraphe\n");
		break;
	case N_HARDBREAK:
		buf_puts(b, "retour-force\n");
		break;
	case N_HEADING:
		buf_printf(b, "titre %d%s%s%s\n", n->u.heading.level,
		    n->u.heading.numbered ? "" : " non-numerote",
		    n->u.heading.label ? " #" : "",
		    n->u.heading.label ? n->u.heading.label : "");
		break;
	case N_BULLET:
		buf_printf(b, "puce %d\n", n->u.indent);
		break;
	case N_NUMBERED:
		buf_printf(b, "numero %d\n", n->u.indent);
		break;
	case N_EMPH:
		buf_printf(b, "%s %s\n", n->u.emph.strong ?
		    "gras" : "italique", n->u.emph.open ? "ouvre" : "ferme");
		break;
	case N_LABEL:
		buf_printf(b, "etiquette %s\n", n->u.text);
		break;
	case N_UNNUMBERED:
		buf_puts(b, "non-numerote\n");
		break;
	case N_INTERP:
		buf_puts(b, "valeur ");
		expr_print(b, n->u.expr);
		buf_putc(b, '\n');
		break;
	case N_REF:
		buf_puts(b, n->u.ref.bare ? "numero" : "ref");
		for (i = 0; i < n->u.ref.len; i++)
			buf_printf(b, " %s", n->u.ref.labels[i]);
		buf_putc(b, '\n');
		break;
	case N_IF:
		buf_puts(b, "si\n");
		for (i = 0; i < n->u.cond.len; i++) {
			dump_expr_line(b, i == 0 ? "condition" :
			    n->u.cond.branches[i].cond ? "sinon si" : "sinon",
			    n->u.cond.branches[i].cond, depth + 1);
			dump_nodes(b, &n->u.cond.branches[i].body, depth + 2);
		}
		break;
	case N_SELON:
		buf_puts(b, "selon ");
		expr_print(b, n->u.selon.subject);
		buf_putc(b, '\n');
		for (i = 0; i < n->u.selon.ncases; i++) {
			const struct selon_case *c = &n->u.selon.cases[i];

			indent_to(b, depth + 1);
			buf_puts(b, "cas");
			for (k = 0; k < c->nvalues; k++) {
				buf_putc(b, ' ');
				expr_print(b, c->values[k]);
			}
			buf_putc(b, '\n');
			dump_nodes(b, &c->body, depth + 2);
		}
		if (n->u.selon.other != NULL) {
			indent_to(b, depth + 1);
			buf_puts(b, "autre\n");
			dump_nodes(b, n->u.selon.other, depth + 2);
		}
		break;
	case N_LOOP:
		buf_printf(b, "pour chaque %s dans ", n->u.loop.var);
		expr_print(b, n->u.loop.list);
		buf_putc(b, '\n');
		dump_nodes(b, &n->u.loop.body, depth + 1);
		if (n->u.loop.empty != NULL) {
			indent_to(b, depth + 1);
			buf_puts(b, "sinon\n");
			dump_nodes(b, n->u.loop.empty, depth + 2);
		}
		break;
	case N_INCLUDE:
		buf_printf(b, "inclure \"%s\"", n->u.include.path);
		for (i = 0; i < n->u.include.nargs; i++) {
			buf_printf(b, "%s %s = ", i == 0 ? " avec" : ",",
			    n->u.include.args[i].name);
			expr_print(b, n->u.include.args[i].value);
		}
		buf_putc(b, '\n');
		break;
	case N_SIGNATURES:
		buf_puts(b, "signatures");
		for (i = 0; i < n->u.signatures.len; i++) {
			buf_puts(b, i == 0 ? " " : ", ");
			expr_print(b, n->u.signatures.parties[i]);
		}
		buf_putc(b, '\n');
		break;
	}
}

static void
dump_nodes(struct buf *b, const struct nodes *ns, int depth)
{
	size_t i;

	for (i = 0; i < ns->len; i++)
		dump_node(b, ns->v[i], depth);
}

static void
dump_type_expr(struct buf *b, const struct type_expr *t)
{
	size_t i;

	switch (t->kind) {
	case TE_NAME:
		buf_puts(b, t->name);
		break;
	case TE_CHOICE:
		buf_puts(b, "choix(");
		for (i = 0; i < t->nvalues; i++) {
			if (i > 0)
				buf_puts(b, ", ");
			buf_puts(b, t->values[i].name);
			if (t->values[i].words != NULL)
				buf_printf(b, " \"%s\"", t->values[i].words);
		}
		buf_putc(b, ')');
		break;
	case TE_LIST:
		buf_puts(b, "liste de ");
		dump_type_expr(b, t->elem);
		break;
	}
}

static void
dump_tstring(struct buf *b, const struct tstring *t)
{
	size_t i;

	for (i = 0; i < t->len; i++)
		if (t->parts[i].text != NULL)
			buf_puts(b, t->parts[i].text);
		else {
			buf_putc(b, '{');
			expr_print(b, t->parts[i].expr);
			buf_putc(b, '}');
		}
}

void
file_ast_dump(struct buf *b, const struct file_ast *f)
{
	size_t i;

	if (f->model != NULL)
		buf_printf(b, "modele \"%s\"\n", f->model);
	if (f->genre != GENRE_UNSET)
		buf_printf(b, "genre %s\n", f->genre == GENRE_LETTRE ?
		    "lettre" : "contrat");
	if (f->place != NULL) {
		buf_puts(b, "lieu \"");
		dump_tstring(b, f->place);
		buf_puts(b, "\"\n");
	}
	if (f->date != NULL) {
		buf_puts(b, "date ");
		expr_print(b, f->date);
		buf_putc(b, '\n');
	}
	if (f->mention != NULL)
		buf_printf(b, "mention \"%s\"\n", f->mention);
	for (i = 0; i < f->nimports; i++)
		buf_printf(b, "importer \"%s\"\n", f->imports[i].path);
	for (i = 0; i < f->ntypes; i++)
		buf_printf(b, "type %s\n", f->types[i]->name);
	for (i = 0; i < f->ndecls; i++) {
		const struct decl *d = f->decls[i];

		buf_printf(b, "%d:%d %s %s", d->loc.line, d->loc.col,
		    d->kind == DECL_ENTREE ? "entree" :
		    d->kind == DECL_PARAMETRE ? "parametre" : "soit", d->name);
		if (d->type != NULL) {
			buf_puts(b, " : ");
			dump_type_expr(b, d->type);
		}
		if (d->def != NULL) {
			buf_puts(b, " = ");
			expr_print(b, d->def);
		}
		if (d->cond != NULL) {
			buf_puts(b, " si ");
			expr_print(b, d->cond);
		}
		if (d->optional)
			buf_puts(b, " optionnel");
		if (d->value != NULL) {
			buf_puts(b, " = ");
			expr_print(b, d->value);
		}
		buf_putc(b, '\n');
	}
	for (i = 0; i < f->nrules; i++) {
		buf_puts(b, f->rules[i]->warning ? "recommander " : "exiger ");
		expr_print(b, f->rules[i]->cond);
		buf_putc(b, '\n');
	}
	buf_puts(b, "---\n");
	dump_nodes(b, &f->body, 0);
}

struct expr *
expr_clone(const struct expr *e)
{
	struct expr *c;
	size_t i;

	if (e == NULL)
		return NULL;
	c = xmalloc(sizeof(*c));
	*c = *e;
	c->pooled = false;
	switch (e->kind) {
	case EX_LITERAL:
		value_copy(&c->u.literal, &e->u.literal);
		break;
	case EX_NAME:
		c->u.name = xstrdup(e->u.name);
		break;
	case EX_FIELD:
		c->u.field.obj = expr_clone(e->u.field.obj);
		c->u.field.name = xstrdup(e->u.field.name);
		break;
	case EX_CALL:
		c->u.call.name = xstrdup(e->u.call.name);
		c->u.call.args = xcalloc(e->u.call.nargs ? e->u.call.nargs : 1,
		    sizeof(*c->u.call.args));
		for (i = 0; i < e->u.call.nargs; i++)
			c->u.call.args[i] = expr_clone(e->u.call.args[i]);
		break;
	case EX_RECORD:
		c->u.record.type_name = xstrdup(e->u.record.type_name);
		c->u.record.fields = xcalloc(e->u.record.nfields ?
		    e->u.record.nfields : 1, sizeof(*c->u.record.fields));
		for (i = 0; i < e->u.record.nfields; i++) {
			c->u.record.fields[i].name =
			    xstrdup(e->u.record.fields[i].name);
			c->u.record.fields[i].loc = e->u.record.fields[i].loc;
			c->u.record.fields[i].value =
			    expr_clone(e->u.record.fields[i].value);
		}
		break;
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
		c->u.operand = expr_clone(e->u.operand);
		break;
	case EX_BINARY:
		c->u.binary.lhs = expr_clone(e->u.binary.lhs);
		c->u.binary.rhs = expr_clone(e->u.binary.rhs);
		break;
	case EX_LIST:
		c->u.list.items = xcalloc(e->u.list.n ? e->u.list.n : 1,
		    sizeof(*c->u.list.items));
		for (i = 0; i < e->u.list.n; i++)
			c->u.list.items[i] = expr_clone(e->u.list.items[i]);
		break;
	}
	return c;
}

struct expr *
expr_conjunction(struct expr *a, struct expr *b)
{
	struct expr *e;

	if (a == NULL)
		return b;
	if (b == NULL)
		return a;
	e = expr_new(EX_BINARY, &a->loc);
	e->u.binary.op = OP_AND;
	e->u.binary.lhs = a;
	e->u.binary.rhs = b;
	e->type = type_builtin(T_BOOLEEN);
	e->depth = (a->depth > b->depth ? a->depth : b->depth) + 1;
	return e;
}
