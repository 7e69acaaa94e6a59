/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The provenance record (prov.h). */
#include "eval/prov.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
prov_init(struct prov *p)
{
	memset(p, 0, sizeof(*p));
	/* Grown by xgrow, which infers the room from the count. */
	p->scopes = xgrow(NULL, 0, sizeof(*p->scopes));
	memset(&p->scopes[0], 0, sizeof(p->scopes[0]));
	p->scopes[0].kind = PROV_ROOT;
	p->nscopes = 1;
}

static void
cond_free(struct prov_cond *c)
{
	size_t i;

	for (i = 0; i < c->ninputs; i++) {
		free(c->inputs[i].name);
		free(c->inputs[i].label);
		free(c->inputs[i].value);
	}
	free(c->inputs);
	free(c->word);
	free(c->expr);
	free(c->detail);
}

void
prov_free(struct prov *p)
{
	size_t i, j;

	for (i = 0; i < p->nscopes; i++) {
		struct prov_scope *s = &p->scopes[i];

		for (j = 0; j < s->nargs; j++) {
			free(s->args[j].name);
			free(s->args[j].expr);
			free(s->args[j].value);
		}
		free(s->args);
		for (j = 0; j < s->nconds; j++)
			cond_free(&s->conds[j]);
		free(s->conds);
		free(s->loop);
	}
	free(p->scopes);
	for (i = 0; i < p->nvalues; i++) {
		free(p->values[i].expr);
		free(p->values[i].value);
		free(p->values[i].path);
	}
	free(p->values);
	free(p->marks);
	memset(p, 0, sizeof(*p));
}

size_t
prov_enter(struct prov *p, enum prov_scope_kind kind, const struct loc *loc)
{
	struct prov_scope *s;
	size_t saved = p->scope;

	p->scopes = xgrow(p->scopes, p->nscopes, sizeof(*p->scopes));
	s = &p->scopes[p->nscopes];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->parent = p->scope;
	s->loc = *loc;
	p->scope = p->nscopes++;
	return saved;
}

void
prov_leave(struct prov *p, size_t saved)
{
	p->scope = saved;
}

struct prov_scope *
prov_current(struct prov *p)
{
	return &p->scopes[p->scope];
}

struct prov_cond *
prov_add_cond(struct prov *p, const char *word, const char *expr,
    enum prov_truth truth, const struct loc *loc)
{
	struct prov_scope *s = prov_current(p);
	struct prov_cond *c;

	s->conds = xgrow(s->conds, s->nconds, sizeof(*s->conds));
	c = &s->conds[s->nconds++];
	memset(c, 0, sizeof(*c));
	c->word = xstrdup(word);
	c->expr = xstrdup(expr);
	c->truth = truth;
	c->loc = *loc;
	return c;
}

void
prov_cond_input(struct prov_cond *c, const char *name, const char *label,
    const char *value, const struct source *data)
{
	struct prov_input *in;
	size_t i;

	for (i = 0; i < c->ninputs; i++)
		if (strcmp(c->inputs[i].name, name) == 0)
			return;
	c->inputs = xgrow(c->inputs, c->ninputs, sizeof(*c->inputs));
	in = &c->inputs[c->ninputs++];
	in->name = xstrdup(name);
	in->label = dup_or_null(label);
	in->value = dup_or_null(value);
	in->data = data;
}

void
prov_mark(struct prov *p, size_t tok, const struct loc *loc,
    const char *label)
{
	struct prov_mark *m;

	p->marks = xgrow(p->marks, p->nmarks, sizeof(*p->marks));
	m = &p->marks[p->nmarks++];
	m->tok = tok;
	m->scope = p->scope;
	m->src = loc->src;
	m->line = loc->line;
	m->label = label;
}

struct prov_value *
prov_add_value(struct prov *p, size_t tok, enum prov_value_kind kind,
    const char *expr, const char *value, const char *path,
    const struct source *data)
{
	struct prov_value *v;

	p->values = xgrow(p->values, p->nvalues, sizeof(*p->values));
	v = &p->values[p->nvalues++];
	v->tok = tok;
	v->kind = kind;
	v->expr = xstrdup(expr);
	v->value = xstrdup(value);
	v->path = dup_or_null(path);
	v->data = data;
	return v;
}

size_t
prov_mark_at(const struct prov *p, size_t tok)
{
	size_t lo = 0, hi = p->nmarks;

	/* The marks are in token order: the evaluator appends them as it
	 * appends tokens. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->marks[mid].tok <= tok)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? SIZE_MAX : lo - 1;
}
