/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The combinations (lgc variantes): the witnesses, each a choice of a
 * value per decision — every combination, or past --max a greedy
 * covering of every pair of decision values —, a witness's data as
 * JSON and its decisions as text. */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "check/program.h"
#include "variantes/variantes.h"

size_t
dsize(const struct vx *x, size_t k)
{
	return x->dims[x->decisions[k]].n;
}

void
add_witness(struct vx *x, const size_t *choice)
{
	struct witness *w;

	x->ws = xgrow(x->ws, x->nws, sizeof(*x->ws));
	w = &x->ws[x->nws++];
	memset(w, 0, sizeof(*w));
	w->choice = xcalloc(x->ndecisions + 1, sizeof(size_t));
	if (x->ndecisions > 0)
		memcpy(w->choice, choice, x->ndecisions * sizeof(size_t));
}

/* Every combination, in mixed radix. */
void
enumerate_all(struct vx *x)
{
	size_t *choice = xcalloc(x->ndecisions + 1, sizeof(size_t)), k;

	for (;;) {
		add_witness(x, choice);
		for (k = 0; k < x->ndecisions; k++) {
			if (++choice[k] < dsize(x, k))
				break;
			choice[k] = 0;
		}
		if (k == x->ndecisions || x->nws >= WITNESS_CAP)
			break;
	}
	free(choice);
}

/* The pairs of values of decisions A < B not yet covered. */
struct pairs {
	bool	**open;		/* [a * n + b] → values' pair */
	size_t	  n;
	size_t	  left;
};

static bool *
pair_slot(struct pairs *p, size_t a, size_t b)
{
	return p->open[a * p->n + b];
}

/* A covering of every pair of decision values, greedily: each new
 * witness starts from a pair not yet covered and gives every other
 * decision the value that covers most new pairs with those chosen. */
void
enumerate_pairs(struct vx *x)
{
	size_t n = x->ndecisions, a, b, va, vb, k, v;
	size_t *choice = xcalloc(n + 1, sizeof(size_t));
	bool *fixed = xcalloc(n + 1, sizeof(bool));
	struct pairs p;

	p.n = n;
	p.left = 0;
	p.open = xcalloc(n * n + 1, sizeof(bool *));
	for (a = 0; a < n; a++)
		for (b = a + 1; b < n; b++) {
			p.open[a * n + b] = xcalloc(dsize(x, a) * dsize(x, b),
			    sizeof(bool));
			for (k = 0; k < dsize(x, a) * dsize(x, b); k++)
				p.open[a * n + b][k] = true;
			p.left += dsize(x, a) * dsize(x, b);
		}
	while (p.left > 0 && x->nws < WITNESS_CAP) {
		bool found = false;

		memset(fixed, 0, n * sizeof(bool));
		for (a = 0; a < n && !found; a++)
			for (b = a + 1; b < n && !found; b++)
				for (k = 0; k < dsize(x, a) * dsize(x, b) &&
				    !found; k++)
					if (pair_slot(&p, a, b)[k]) {
						choice[a] = k / dsize(x, b);
						choice[b] = k % dsize(x, b);
						fixed[a] = fixed[b] = true;
						found = true;
					}
		for (k = 0; k < n; k++) {
			size_t best = 0, gain, most = 0;

			if (fixed[k])
				continue;
			for (v = 0; v < dsize(x, k); v++) {
				gain = 0;
				for (a = 0; a < n; a++) {
					if (!fixed[a] || a == k)
						continue;
					if (a < k)
						gain += pair_slot(&p, a, k)[
						    choice[a] * dsize(x, k) + v];
					else
						gain += pair_slot(&p, k, a)[
						    v * dsize(x, a) + choice[a]];
				}
				if (gain > most) {
					most = gain;
					best = v;
				}
			}
			choice[k] = best;
			fixed[k] = true;
		}
		for (a = 0; a < n; a++)
			for (b = a + 1; b < n; b++) {
				va = choice[a];
				vb = choice[b];
				if (pair_slot(&p, a, b)[va * dsize(x, b) + vb]) {
					pair_slot(&p, a, b)[va * dsize(x, b) +
					    vb] = false;
					p.left--;
				}
			}
		add_witness(x, choice);
	}
	x->capped = p.left > 0;
	for (k = 0; k < n * n; k++)
		free(p.open[k]);
	free(p.open);
	free(fixed);
	free(choice);
}

/* The witness's data: the decisions' values over the other inputs'
 * smallest ones (an input with a default keeps it). */
char *
witness_json(const struct vx *x, const struct witness *w)
{
	json_t *o = json_object();
	size_t i, k;
	char *text, *out;

	for (i = 0; i < x->prog->inputs.len; i++) {
		const struct input *in = x->prog->inputs.items[i];
		const struct dim *d = &x->dims[i];

		if (d->index != SIZE_MAX) {
			json_t *v = d->values[w->choice[d->index]];

			if (v != NULL)
				json_object_set(o, in->name, v);
			continue;
		}
		if (in->def != NULL || in->optional)
			continue;
		json_object_set_new(o, in->name, sample(in->type, in->cstr,
		    in->label != NULL ? in->label : in->name, 0));
	}
	(void)k;
	text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_ENSURE_ASCII);
	json_decref(o);
	out = xstrdup(text != NULL ? text : "{}");
	free(text);
	return out;
}

/* "a = vrai, mode = forfait": the decisions of W. */
void
describe_witness(struct buf *b, const struct vx *x, const struct witness *w,
    const char *eq, const char *sep)
{
	size_t k;

	for (k = 0; k < x->ndecisions; k++) {
		const struct dim *d = &x->dims[x->decisions[k]];

		if (k > 0)
			buf_puts(b, sep);
		buf_printf(b, "%s%s%s", d->in->name, eq,
		    d->shown[w->choice[k]]);
	}
	if (x->ndecisions == 0)
		buf_puts(b, "aucune décision");
}
