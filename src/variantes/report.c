/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The report (lgc variantes): the matrix of decisions, articles and
 * clauses, one column per variant; the text that fits a screen (the
 * default), the whole matrix as text (--matrice), JSON and HTML. */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/source.h"
#include "base/util.h"
#include "check/program.h"
#include "lang/types.h"
#include "syntax/ast.h"
#include "variantes/variantes.h"

/* The matrix: one row per decision, article and clause, one column
 * per variant, as texte and html print it. */
struct row {
	char		*head;		/* NULL: a section title in CELLS[0] */
	char		**cells;	/* per variant */
	size_t		 indent;
};

struct table {
	struct row	*rows;
	size_t		 len;
	size_t		 ncols;
};

static struct row *
table_row(struct table *t, const char *head, size_t indent)
{
	struct row *r;

	t->rows = xgrow(t->rows, t->len, sizeof(*t->rows));
	r = &t->rows[t->len++];
	r->head = head != NULL ? xstrdup(head) : NULL;
	r->cells = xcalloc(t->ncols + 1, sizeof(char *));
	r->indent = indent;
	return r;
}

static void
table_free(struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->len; i++) {
		free(t->rows[i].head);
		for (j = 0; j < t->ncols; j++)
			free(t->rows[i].cells[j]);
		free(t->rows[i].cells);
	}
	free(t->rows);
}

static void
make_table(const struct vx *x, struct table *t)
{
	struct row *r;
	size_t i, k, v;
	struct buf b;

	memset(t, 0, sizeof(*t));
	t->ncols = x->nvs;
	buf_init(&b);
	if (x->ndecisions > 0) {
		r = table_row(t, NULL, 0);
		r->cells[0] = xstrdup("Décisions");
	}
	for (k = 0; k < x->ndecisions; k++) {
		const struct dim *d = &x->dims[x->decisions[k]];

		r = table_row(t, d->in->name, 1);
		for (v = 0; v < x->nvs; v++)
			r->cells[v] = xstrdup(d->shown[
			    x->ws[x->vs[v].witness].choice[k]]);
	}
	if (x->nrows > 0) {
		r = table_row(t, NULL, 0);
		r->cells[0] = xstrdup("Articles (✓ : figure, · : absent)");
	}
	for (i = 0; i < x->nrows; i++) {
		const struct heading_row *h = &x->rows[x->row_order[i]];
		size_t j;

		r = table_row(t, h->title, (size_t)h->level);
		for (v = 0; v < x->nvs; v++) {
			bool in = false;

			for (j = 0; j < x->vs[v].nheadings && !in; j++)
				in = x->vs[v].headings[j] == x->row_order[i];
			r->cells[v] = xstrdup(in ? "✓" : "·");
		}
	}
	k = 0;
	for (i = 0; i < x->npoints; i++) {
		const struct point *p = &x->points[i];
		const struct node *n = p->n;

		if (n->kind != N_INCLUDE)
			continue;
		if (k++ == 0) {
			r = table_row(t, NULL, 0);
			r->cells[0] = xstrdup("Clauses incluses");
		}
		buf_reset(&b);
		buf_printf(&b, "%s (%s:%d)", n->u.include.path,
		    n->loc.src != NULL ? n->loc.src->path : "?", n->loc.line);
		r = table_row(t, buf_cstr(&b), 1);
		for (v = 0; v < x->nvs; v++)
			r->cells[v] = xstrdup(include_taken(&x->vs[v], p) ?
			    "✓" : "·");
	}
	buf_free(&b);
}

/* Display width, in characters, cut at MAX. */
static size_t
width(const char *s, size_t max)
{
	size_t n = utf8_count(s, strlen(s));

	return n > max ? max : n;
}

/* S cut to MAX characters (an ellipsis ending it), padded to PAD. */
static void
put_cell(struct buf *b, const char *s, size_t max, size_t pad)
{
	size_t i = 0, n = 0, len = strlen(s);
	uint32_t cp;

	if (utf8_count(s, len) <= max) {
		buf_puts(b, s);
		n = utf8_count(s, len);
	} else {
		while (i < len && n + 1 < max) {
			size_t k = utf8_decode(s + i, len - i, &cp);

			if (k == 0)
				break;
			buf_put(b, s + i, k);
			i += k;
			n++;
		}
		buf_puts(b, "…");
		n++;
	}
	for (; n < pad; n++)
		buf_putc(b, ' ');
}

#define HEAD_MAX	44
#define CELL_MAX	12

/* The matrix as text: a line naming the columns, then each section's
 * title on a line of its own and its rows, the cells aligned. */
static void
print_table(struct buf *b, const struct table *t)
{
	size_t *cw = xcalloc(t->ncols + 1, sizeof(size_t));
	size_t hw = 0, i, j, w;
	char name[32];

	for (j = 0; j < t->ncols; j++) {
		snprintf(name, sizeof(name), "V%zu", j + 1);
		cw[j] = strlen(name);
	}
	for (i = 0; i < t->len; i++) {
		const struct row *r = &t->rows[i];

		if (r->head == NULL)
			continue;
		w = 2 * r->indent + width(r->head, HEAD_MAX);
		hw = w > hw ? w : hw;
		for (j = 0; j < t->ncols; j++)
			if ((w = width(r->cells[j], CELL_MAX)) > cw[j])
				cw[j] = w;
	}
	for (w = 0; w < hw; w++)
		buf_putc(b, ' ');
	for (j = 0; j < t->ncols; j++) {
		snprintf(name, sizeof(name), "V%zu", j + 1);
		buf_puts(b, "  ");
		put_cell(b, name, CELL_MAX, j + 1 < t->ncols ? cw[j] : 0);
	}
	buf_putc(b, '\n');
	for (i = 0; i < t->len; i++) {
		const struct row *r = &t->rows[i];

		if (r->head == NULL) {
			buf_printf(b, "%s\n", r->cells[0]);
			continue;
		}
		for (w = 0; w < r->indent; w++)
			buf_puts(b, "  ");
		put_cell(b, r->head, HEAD_MAX, hw - 2 * r->indent);
		for (j = 0; j < t->ncols; j++) {
			buf_puts(b, "  ");
			put_cell(b, r->cells[j], CELL_MAX, cw[j]);
		}
		/* No blanks at the end of a line. */
		while (b->len > 0 && b->data[b->len - 1] == ' ')
			b->len--;
		buf_putc(b, '\n');
	}
	free(cw);
}

static void
group_digits(struct buf *b, uint64_t n)
{
	char digits[32];
	size_t len, i;

	snprintf(digits, sizeof(digits), "%llu", (unsigned long long)n);
	len = strlen(digits);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_puts(b, "\u00a0");
		buf_putc(b, digits[i]);
	}
}

static void
print_space(struct buf *b, const struct vx *x)
{
	if (x->space == UINT64_MAX)
		buf_puts(b, "plus de 10^19");
	else
		group_digits(b, x->space);
}

/* How the witnesses were chosen, in a sentence. */
static void
print_coverage(struct buf *b, const struct vx *x)
{
	if (x->exhaustive)
		buf_printf(b, "%zu témoin%s, un par combinaison", x->nws,
		    x->nws > 1 ? "s" : "");
	else {
		buf_printf(b, "%zu témoins couvrant chaque paire de valeurs "
		    "de deux décisions (", x->nws);
		print_space(b, x);
		buf_printf(b, " combinaisons, au-delà de --max %zu)", x->max);
		if (x->capped)
			buf_printf(b, " ; couverture incomplète : arrêtée à "
			    "%d témoins", WITNESS_CAP);
		if (x->open_pairs > 0)
			buf_printf(b, " ; %zu paire%s de valeurs sans témoin "
			    "construit (refusées par une exigence)",
			    x->open_pairs, x->open_pairs > 1 ? "s" : "");
	}
}

#define SCREEN	100	/* columns of the summary report */

/* TEXT wrapped at SCREEN columns at its spaces (not its no-break
 * ones), the first line after FIRST columns already on it, the others
 * indented by INDENT. */
static void
wrap(struct buf *b, const char *text, size_t first, size_t indent)
{
	size_t col = first, i, wl, n;
	const char *p = text, *sp;
	bool start = true;

	while (*p != '\0') {
		sp = strchr(p, ' ');
		wl = sp != NULL ? (size_t)(sp - p) : strlen(p);
		n = utf8_count(p, wl);
		if (!start && col + 1 + n > SCREEN) {
			buf_putc(b, '\n');
			for (i = 0; i < indent; i++)
				buf_putc(b, ' ');
			col = indent;
		} else if (!start) {
			buf_putc(b, ' ');
			col++;
		}
		buf_put(b, p, wl);
		col += n;
		start = false;
		p += wl;
		while (*p == ' ')
			p++;
	}
	buf_putc(b, '\n');
}

#define NB	"\u00a0"	/* before : ; ! ? */

static const char *
plural(size_t n)
{
	return n > 1 ? "s" : "";
}

/* M, "dossier/f.lgc:93:1 : texte [exigence]", as "f.lgc:93" NB ":
 * texte": the file's name is enough beside the template. */
static void
short_message(struct buf *b, const char *m)
{
	const char *sep = strstr(m, " : "), *slash, *colon, *end;
	size_t len = strlen(m);

	if (len > 11 && strcmp(m + len - 11, " [exigence]") == 0)
		len -= 11;
	if (sep == NULL || (size_t)(sep - m) > len) {
		buf_put(b, m, len);
		return;
	}
	for (slash = sep; slash > m && slash[-1] != '/'; slash--)
		;
	for (colon = sep; colon > slash && colon[-1] != ':'; colon--)
		;
	/* Without the column: "f.lgc:93". */
	end = colon > slash && colon - 1 > slash ? colon - 1 : sep;
	buf_put(b, slash, (size_t)(end - slash));
	buf_puts(b, NB ": ");
	buf_put(b, sep + 3, len - (size_t)(sep + 3 - m));
}

/* The refused witnesses, one line per exiger's message: how many, the
 * message, and the decisions the exigers read that all of them share. */
static void
print_refused(struct buf *b, const struct vx *x)
{
	bool *done = xcalloc(x->nws + 1, sizeof(bool));
	struct buf t;
	size_t i, j, k, r, n, shared;

	buf_init(&t);
	for (i = 0; i < x->nws; i++) {
		if (x->ws[i].state != W_REFUSED || done[i])
			continue;
		for (j = i, n = 0; j < x->nws; j++)
			if (x->ws[j].state == W_REFUSED && !done[j] &&
			    strcmp(x->ws[j].message, x->ws[i].message) == 0) {
				done[j] = true;
				n++;
			}
		buf_reset(&t);
		buf_printf(&t, "%zu" NB "× ", n);
		short_message(&t, x->ws[i].message);
		buf_puts(b, "  ");
		wrap(b, buf_cstr(&t), 2, 6);
		buf_reset(&t);
		for (k = 0, shared = 0; k < x->ndecisions; k++) {
			const struct dim *d = &x->dims[x->decisions[k]];
			bool read = false, same = true;

			for (r = 0; r < x->rules.len; r++)
				read = read || x->rules.v[r] == x->decisions[k];
			for (j = i; j < x->nws && read && same; j++)
				if (x->ws[j].state == W_REFUSED &&
				    strcmp(x->ws[j].message, x->ws[i].message) ==
				    0)
					same = x->ws[j].choice[k] ==
					    x->ws[i].choice[k];
			if (!read || !same)
				continue;
			buf_printf(&t, "%s%s = %s", shared++ > 0 ? ", " : "",
			    d->in->name, d->shown[x->ws[i].choice[k]]);
		}
		if (shared > 0) {
			char *s = xasprintf("%s%s", n > 1 ? "toutes avec " :
			    "avec ", buf_cstr(&t));

			buf_puts(b, "      ");
			wrap(b, s, 6, 6);
			free(s);
		}
	}
	buf_free(&t);
	free(done);
}

/* The decisions on a few lines, after how many combinations they make
 * and how the witnesses cover them: their names, by number of values. */
static void
print_decision_names(struct buf *b, const struct vx *x)
{
	struct buf t;
	size_t k, n, most = 0, count;

	buf_init(&t);
	if (x->ndecisions == 0) {
		buf_puts(b, "Aucune décision" NB ": le modèle ne teste aucune "
		    "donnée du client.\n");
		buf_free(&t);
		return;
	}
	buf_printf(&t, "%zu décision%s, ", x->ndecisions,
	    plural(x->ndecisions));
	print_space(&t, x);
	buf_printf(&t, " combinaison%s", x->space > 1 ? "s" : "");
	if (x->exhaustive)
		buf_puts(&t, ", chacune essayée par un témoin");
	else {
		buf_printf(&t, "" NB "; au-delà de --max %zu, %zu témoins "
		    "couvrent chaque paire de valeurs de deux décisions",
		    x->max, x->nws);
		if (x->capped)
			buf_printf(&t, " (couverture incomplète" NB ": arrêtée "
			    "à %d témoins)", WITNESS_CAP);
		if (x->open_pairs > 0)
			buf_printf(&t, "" NB "; %zu paire%s de valeurs sans "
			    "témoin construit (refusée%s par une exigence)",
			    x->open_pairs, plural(x->open_pairs),
			    plural(x->open_pairs));
	}
	buf_puts(&t, "" NB ":");
	wrap(b, buf_cstr(&t), 0, 2);
	for (k = 0; k < x->ndecisions; k++)
		most = dsize(x, k) > most ? dsize(x, k) : most;
	for (n = 2; n <= most; n++) {
		buf_reset(&t);
		for (k = 0, count = 0; k < x->ndecisions; k++)
			if (dsize(x, k) == n)
				buf_printf(&t, "%s%s", count++ > 0 ? ", " : "",
				    x->dims[x->decisions[k]].in->name);
		if (count == 0)
			continue;
		buf_printf(b, "  à %zu valeurs" NB ": ", n);
		wrap(b, buf_cstr(&t), 16 + (n >= 10), 4);
	}
	buf_free(&t);
}

static bool
is_operator(const char *s, size_t len)
{
	static const char *const ops[] = { "=", "!=", "<", ">", "<=", ">=",
	    "non" };
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(*ops); i++)
		if (strlen(ops[i]) == len && strncmp(s, ops[i], len) == 0)
			return true;
	return false;
}

/* Appends condition C, the spaces around its comparisons (and after a
 * "non") as \x02, which wrap() does not break at: a line breaks at "et"
 * or "ou", never inside "moyen_paiement = carte". */
static void
glue_comparisons(struct buf *b, const char *c)
{
	const char *p = c, *sp;
	size_t len;
	bool first = true, prev_op = false, op;

	while (*p != '\0') {
		sp = strchr(p, ' ');
		len = sp != NULL ? (size_t)(sp - p) : strlen(p);
		op = is_operator(p, len);
		if (!first)
			buf_putc(b, op || prev_op ? '\x02' : ' ');
		buf_put(b, p, len);
		prev_op = op;
		first = false;
		p += len;
		while (*p == ' ')
			p++;
	}
}

/* The report that fits a screen: the count of contracts and what was
 * proven, the decisions by name, the refused combinations by message,
 * every failure and unreachable branch, and each article or clause that
 * does not figure in every contract with the condition under which it
 * does. */
void
report_resume(struct buf *b, const struct vx *x)
{
	struct conds k;
	struct buf t;
	size_t i, nbuilt = 0, nh = 0, nc = 0, lw = 0, w, col, shown = 0, at;

	buf_init(&t);
	buf_printf(b, "Variantes de « %s »\n\n", x->prog->main->src != NULL ?
	    x->prog->main->src->path : x->prog->main->path);
	for (i = 0; i < x->nws; i++)
		nbuilt += x->ws[i].state == W_BUILT;
	if (x->nvs == 0)
		buf_puts(&t, "Ce modèle ne produit aucun contrat" NB ";");
	else if (x->nvs == 1)
		buf_puts(&t, "Ce modèle produit un seul contrat, de structure "
		    "fixe" NB ";");
	else
		/* Past --max only the witnesses' variants are known: the
		 * combinations not tried may give more. */
		buf_printf(&t, "Ce modèle produit %s%zu contrats de structure "
		    "différente" NB ";", x->exhaustive ? "" : "au moins ",
		    x->nvs);
	buf_printf(&t, " %zu témoin%s construit%s", nbuilt, plural(nbuilt),
	    plural(nbuilt));
	if (x->failed == 0)
		buf_puts(&t, nbuilt > 1 ? ", tous sans erreur" :
		    " sans erreur");
	else
		buf_printf(&t, ", %zu en échec (ci-dessous)", x->failed);
	buf_puts(&t, NB ";");
	if (x->nrefused > 0)
		buf_printf(&t, " %zu combinaison%s refusée%s par une "
		    "exigence" NB ";", x->nrefused, plural(x->nrefused),
		    plural(x->nrefused));
	if (x->failed > 0)
		buf_puts(&t, " branches non examinées, des témoins étant en "
		    "échec.");
	else if (x->findings.len == 0)
		buf_puts(&t, " aucune branche impossible ni toujours prise.");
	else
		buf_printf(&t, " %zu branche%s impossible%s ou toujours "
		    "prise%s (ci-dessous).", x->findings.len,
		    plural(x->findings.len), plural(x->findings.len),
		    plural(x->findings.len));
	wrap(b, buf_cstr(&t), 0, 0);
	buf_putc(b, '\n');
	print_decision_names(b, x);
	if (x->nrefused > 0) {
		buf_printf(b, "\nCombinaison%s refusée%s par une exigence" NB
		    ": %zu\n", plural(x->nrefused), plural(x->nrefused),
		    x->nrefused);
		print_refused(b, x);
	}
	if (x->failed > 0) {
		buf_printf(b, "\nTémoin%s en échec" NB ": %zu\n",
		    plural(x->failed), x->failed);
		for (i = 0; i < x->nws; i++)
			if (x->ws[i].state == W_FAILED) {
				buf_reset(&t);
				buf_printf(&t, "témoin %zu (", i + 1);
				describe_witness(&t, x, &x->ws[i], " = ", ", ");
				buf_printf(&t, ")" NB ": %s", x->ws[i].message);
				buf_puts(b, "  ");
				wrap(b, buf_cstr(&t), 2, 4);
			}
	}
	if (x->findings.len > 0 || x->unproven.len > 0 ||
	    x->prog->main->nparams > 0) {
		buf_puts(b, "\nBranches" NB ":\n");
		if (x->prog->main->nparams > 0) {
			buf_puts(b, "  ");
			wrap(b, "ce fichier est une clause" NB ": les branches "
			    "qui lisent ses paramètres dépendent du modèle qui "
			    "l'inclut et sont examinées avec lui (lgc variantes "
			    "MODÈLE)", 2, 4);
		}
		for (i = 0; i < x->findings.len; i++) {
			buf_puts(b, "  ");
			wrap(b, x->findings.items[i], 2, 4);
		}
		if (x->unproven.len > 0)
			buf_printf(b, "  non vues par les témoins, sans preuve "
			    "qu'elles soient impossibles (%zu)" NB ":\n",
			    x->unproven.len);
		for (i = 0; i < x->unproven.len; i++) {
			buf_puts(b, "    ");
			wrap(b, x->unproven.items[i], 4, 6);
		}
	}
	make_conds(x, &k);
	for (i = 0; i < k.nrows; i++) {
		const struct cond_row *cr = &k.rows[i];

		if (cr->always) {
			nh += cr->level > 0;
			nc += cr->level == 0;
			continue;
		}
		if (cr->never)
			continue;
		w = utf8_count(cr->label, strlen(cr->label));
		lw = w > lw ? w : lw;
		shown++;
	}
	lw = lw > 52 ? 52 : lw;
	if (shown > 0)
		buf_puts(b, "\nArticles et clauses selon le cas, avec la "
		    "condition sous laquelle chacun figure" NB ":\n");
	for (i = 0; i < k.nrows; i++) {
		const struct cond_row *cr = &k.rows[i];

		if (cr->always || cr->never)
			continue;
		buf_puts(b, "  ");
		put_cell(b, cr->label, lw, lw);
		buf_puts(b, "  ");
		col = 2 + lw + 2;
		buf_reset(&t);
		if (cr->observed)
			buf_puts(&t, "d’après les témoins" NB ": ");
		glue_comparisons(&t, cr->cond);
		at = b->len;
		wrap(b, buf_cstr(&t), col, col + 2);
		for (; at < b->len; at++)
			if (b->data[at] == '\x02')
				b->data[at] = ' ';
	}
	buf_putc(b, '\n');
	if (nh > 0)
		buf_printf(b, "%zu article%s", nh, plural(nh));
	if (nh > 0 && nc > 0)
		buf_puts(b, " et ");
	if (nc > 0)
		buf_printf(b, "%zu clause%s", nc, plural(nc));
	if (nh + nc == 0)
		buf_puts(b, "Aucun article ni aucune clause ne figure");
	else
		buf_puts(b, nh + nc > 1 ? " figurent" : " figure");
	buf_puts(b, " dans tous les contrats (matrice complète" NB
	    ": --matrice).\n");
	conds_free(&k);
	buf_free(&t);
}

/* The decisions of W that the exigers read ("" when they read none),
 * or those where W differs from BASE (when not NULL): what a reader
 * needs of a long list. */
static void
describe_some(struct buf *b, const struct vx *x, const struct witness *w,
    const struct witness *base)
{
	size_t k, i, n = 0;

	for (k = 0; k < x->ndecisions; k++) {
		const struct dim *d = &x->dims[x->decisions[k]];
		bool show = false;

		if (base != NULL)
			show = base->choice[k] != w->choice[k];
		else
			for (i = 0; i < x->rules.len && !show; i++)
				show = x->rules.v[i] == x->decisions[k];
		if (!show)
			continue;
		buf_printf(b, "%s%s = %s", n++ > 0 ? ", " : "", d->in->name,
		    d->shown[w->choice[k]]);
	}
	if (n == 0)
		buf_puts(b, base != NULL ? "comme V1" : "aucune décision lue "
		    "par les exigences");
}

void
report_texte(struct buf *b, const struct vx *x)
{
	struct table t;
	size_t i, k;

	buf_printf(b, "Variantes de « %s »\n\n", x->prog->main->src != NULL ?
	    x->prog->main->src->path : x->prog->main->path);
	buf_printf(b, "Décisions : %zu (", x->ndecisions);
	print_space(b, x);
	buf_printf(b, " combinaison%s)\n", x->space > 1 ? "s" : "");
	for (k = 0; k < x->ndecisions; k++) {
		const struct dim *d = &x->dims[x->decisions[k]];
		struct buf tn;

		buf_init(&tn);
		type_name(&tn, d->in->type);
		buf_printf(b, "  %s (%s) :", d->in->name, buf_cstr(&tn));
		for (i = 0; i < d->n; i++)
			buf_printf(b, "%s %s", i > 0 ? "," : "", d->shown[i]);
		buf_putc(b, '\n');
		buf_free(&tn);
	}
	buf_puts(b, "Témoins : ");
	print_coverage(b, x);
	buf_puts(b, "\n");
	buf_printf(b, "Variantes distinctes : %s%zu\n", x->exhaustive ? "" :
	    "au moins ", x->nvs);
	buf_printf(b, "Combinaisons refusées par une exigence : %zu\n",
	    x->nrefused);
	/* A refused witness by the decisions the exigers read. */
	for (i = 0; i < x->nws; i++)
		if (x->ws[i].state == W_REFUSED) {
			buf_printf(b, "  témoin %zu (", i + 1);
			describe_some(b, x, &x->ws[i], NULL);
			buf_printf(b, ") : %s\n", x->ws[i].message);
		}
	buf_printf(b, "Témoins en échec : %zu\n", x->failed);
	for (i = 0; i < x->nws; i++)
		if (x->ws[i].state == W_FAILED) {
			buf_printf(b, "  témoin %zu (", i + 1);
			describe_witness(b, x, &x->ws[i], " = ", ", ");
			buf_printf(b, ") : %s\n", x->ws[i].message);
		}
	if (x->nvs > 0) {
		buf_putc(b, '\n');
		make_table(x, &t);
		print_table(b, &t);
		table_free(&t);
	}
	buf_puts(b, "\nVariantes :\n");
	for (i = 0; i < x->nvs; i++) {
		buf_printf(b, "  V%zu (%zu témoin%s, n° %zu) : ", i + 1,
		    x->vs[i].count, x->vs[i].count > 1 ? "s" : "",
		    x->vs[i].witness + 1);
		if (i == 0)
			describe_witness(b, x, &x->ws[x->vs[i].witness],
			    " = ", ", ");
		else {
			buf_puts(b, "V1, sauf ");
			describe_some(b, x, &x->ws[x->vs[i].witness],
			    &x->ws[x->vs[0].witness]);
		}
		buf_putc(b, '\n');
	}
	buf_puts(b, "\nBranches :\n");
	if (x->prog->main->nparams > 0)
		buf_puts(b, "  ce fichier est une clause : les branches qui lisent "
		    "ses paramètres dépendent du modèle qui l'inclut et sont "
		    "examinées avec lui (lgc variantes MODÈLE)\n");
	if (x->failed > 0)
		buf_puts(b, "  non examinées : des témoins sont en échec\n");
	else if (x->findings.len == 0)
		buf_puts(b, "  aucune branche impossible ni toujours prise\n");
	for (i = 0; i < x->findings.len; i++)
		buf_printf(b, "  %s\n", (const char *)x->findings.items[i]);
	if (x->unproven.len > 0) {
		buf_printf(b, "  non vues par les témoins, sans preuve "
		    "qu'elles soient impossibles (%zu) :\n", x->unproven.len);
		for (i = 0; i < x->unproven.len; i++)
			buf_printf(b, "    %s\n",
			    (const char *)x->unproven.items[i]);
	}
}

static json_t *
decisions_json(const struct vx *x, const struct witness *w)
{
	json_t *o = json_object();
	size_t k;

	for (k = 0; k < x->ndecisions; k++) {
		const struct dim *d = &x->dims[x->decisions[k]];

		json_object_set_new(o, d->in->name,
		    json_string(d->shown[w->choice[k]]));
	}
	return o;
}

static const char *
state_name(enum wstate s)
{
	switch (s) {
	case W_BUILT:
		return "construit";
	case W_REFUSED:
		return "refuse";
	case W_FAILED:
		return "echec";
	}
	return "echec";
}

void
report_json(struct buf *b, const struct vx *x)
{
	json_t *o = json_object(), *a, *e, *vals;
	struct table t;
	struct conds k;
	size_t i, n, j, c;
	char *text;

	json_object_set_new(o, "modele", json_string(x->prog->main->src !=
	    NULL ? x->prog->main->src->path : x->prog->main->path));
	a = json_array();
	for (n = 0; n < x->ndecisions; n++) {
		const struct dim *d = &x->dims[x->decisions[n]];
		struct buf tn;

		buf_init(&tn);
		type_name(&tn, d->in->type);
		e = json_object();
		json_object_set_new(e, "nom", json_string(d->in->name));
		json_object_set_new(e, "type", json_string(buf_cstr(&tn)));
		vals = json_array();
		for (i = 0; i < d->n; i++)
			json_array_append_new(vals, json_string(d->shown[i]));
		json_object_set_new(e, "valeurs", vals);
		json_array_append_new(a, e);
		buf_free(&tn);
	}
	json_object_set_new(o, "decisions", a);
	json_object_set_new(o, "combinaisons", x->space == UINT64_MAX ?
	    json_null() : json_integer((json_int_t)x->space));
	json_object_set_new(o, "couverture", json_string(x->exhaustive ?
	    "toutes" : "paires"));
	json_object_set_new(o, "couverture_complete", json_boolean(!x->capped));
	json_object_set_new(o, "paires_sans_temoin",
	    json_integer((json_int_t)x->open_pairs));
	json_object_set_new(o, "variantes", json_integer((json_int_t)x->nvs));
	json_object_set_new(o, "refusees", json_integer((json_int_t)x->nrefused));
	json_object_set_new(o, "echecs", json_integer((json_int_t)x->failed));
	a = json_array();
	for (i = 0; i < x->nws; i++) {
		const struct witness *w = &x->ws[i];
		json_t *data = json_loads(w->json, 0, NULL);

		e = json_object();
		json_object_set_new(e, "numero", json_integer((json_int_t)i + 1));
		json_object_set_new(e, "decisions", decisions_json(x, w));
		json_object_set_new(e, "donnees", data != NULL ? data :
		    json_null());
		json_object_set_new(e, "etat", json_string(state_name(w->state)));
		if (w->state == W_BUILT)
			json_object_set_new(e, "variante",
			    json_integer((json_int_t)w->variant + 1));
		else
			json_object_set_new(e, "message",
			    json_string(w->message));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "temoins", a);
	make_table(x, &t);
	make_conds(x, &k);
	a = json_array();
	for (i = 0, c = 0; i < t.len; i++) {
		const struct row *r = &t.rows[i];
		const struct cond_row *cr;

		if (r->head == NULL || (i > 0 && x->ndecisions > 0 &&
		    i <= x->ndecisions))
			continue;
		/* The articles, then the clauses, as make_conds has them. */
		cr = c < k.nrows ? &k.rows[c++] : NULL;
		e = json_object();
		json_object_set_new(e, "texte", json_string(r->head));
		json_object_set_new(e, "niveau", json_integer((json_int_t)
		    r->indent));
		if (cr != NULL)
			json_object_set_new(e, "genre", json_string(
			    cr->level > 0 ? "article" : "clause"));
		if (cr != NULL && cr->cond != NULL) {
			json_object_set_new(e, "condition",
			    json_string(cr->cond));
			json_object_set_new(e, "condition_observee",
			    json_boolean(cr->observed));
		} else if (cr != NULL && cr->always)
			json_object_set_new(e, "condition", json_string(
			    "toujours"));
		vals = json_array();
		for (j = 0; j < t.ncols; j++)
			if (strcmp(r->cells[j], "✓") == 0)
				json_array_append_new(vals,
				    json_integer((json_int_t)j + 1));
		json_object_set_new(e, "variantes", vals);
		json_array_append_new(a, e);
	}
	table_free(&t);
	conds_free(&k);
	json_object_set_new(o, "matrice", a);
	a = json_array();
	for (i = 0; i < x->findings.len; i++)
		json_array_append_new(a, json_string(x->findings.items[i]));
	json_object_set_new(o, "branches", a);
	a = json_array();
	for (i = 0; i < x->unproven.len; i++)
		json_array_append_new(a, json_string(x->unproven.items[i]));
	json_object_set_new(o, "non_prouvees", a);
	text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	buf_puts(b, text != NULL ? text : "{}");
	buf_putc(b, '\n');
	free(text);
	json_decref(o);
}

static void
html_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&#39;");
			break;
		default:
			buf_putc(b, *s);
		}
}

void
report_html(struct buf *b, const struct vx *x)
{
	struct table t;
	size_t i, j;
	const char *path = x->prog->main->src != NULL ?
	    x->prog->main->src->path : x->prog->main->path;

	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>Variantes de ");
	html_text(b, path);
	buf_puts(b, "</title>\n<style>\n"
	    "body{font-family:sans-serif;margin:2em}\n"
	    "table{border-collapse:collapse}\n"
	    "th,td{border:1px solid #ccc;padding:.2em .5em;text-align:center}\n"
	    "th.l,td.l{text-align:left}\n"
	    "tr.s th{background:#eee;text-align:left}\n"
	    "td.o{color:#070}td.n{color:#bbb}\n"
	    "</style>\n</head>\n<body>\n<h1>Variantes de ");
	html_text(b, path);
	buf_printf(b, "</h1>\n<p>%zu variante%s distincte%s ; ", x->nvs,
	    x->nvs > 1 ? "s" : "", x->nvs > 1 ? "s" : "");
	{
		struct buf c;

		buf_init(&c);
		print_coverage(&c, x);
		html_text(b, buf_cstr(&c));
		buf_free(&c);
	}
	buf_printf(b, " ; %zu refusée%s par une exigence ; %zu en échec.</p>\n",
	    x->nrefused, x->nrefused > 1 ? "s" : "", x->failed);
	make_table(x, &t);
	buf_puts(b, "<table>\n<thead><tr><th class=\"l\"></th>");
	for (j = 0; j < t.ncols; j++)
		buf_printf(b, "<th>V%zu</th>", j + 1);
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < t.len; i++) {
		const struct row *r = &t.rows[i];

		if (r->head == NULL) {
			buf_printf(b, "<tr class=\"s\"><th colspan=\"%zu\">",
			    t.ncols + 1);
			html_text(b, r->cells[0]);
			buf_puts(b, "</th></tr>\n");
			continue;
		}
		buf_printf(b, "<tr><td class=\"l\" style=\"padding-left:%zuem\">",
		    r->indent);
		html_text(b, r->head);
		buf_puts(b, "</td>");
		for (j = 0; j < t.ncols; j++) {
			const char *c = r->cells[j];

			buf_printf(b, "<td%s>", strcmp(c, "✓") == 0 ?
			    " class=\"o\"" : strcmp(c, "·") == 0 ?
			    " class=\"n\"" : "");
			html_text(b, c);
			buf_puts(b, "</td>");
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
	table_free(&t);
	if (x->nrefused + x->failed > 0) {
		buf_puts(b, "<h2>Témoins refusés ou en échec</h2>\n<ul>\n");
		for (i = 0; i < x->nws; i++) {
			struct buf c;

			if (x->ws[i].state == W_BUILT)
				continue;
			buf_init(&c);
			buf_printf(&c, "témoin %zu (", i + 1);
			describe_witness(&c, x, &x->ws[i], " = ", ", ");
			buf_printf(&c, ") %s : %s", x->ws[i].state == W_REFUSED ?
			    "refusé par une exigence" : "en échec",
			    x->ws[i].message);
			buf_puts(b, "<li>");
			html_text(b, buf_cstr(&c));
			buf_puts(b, "</li>\n");
			buf_free(&c);
		}
		buf_puts(b, "</ul>\n");
	}
	buf_puts(b, "<h2>Branches</h2>\n<ul>\n");
	if (x->findings.len == 0 && x->failed == 0)
		buf_puts(b, "<li>aucune branche impossible ni toujours "
		    "prise</li>\n");
	for (i = 0; i < x->findings.len; i++) {
		buf_puts(b, "<li>");
		html_text(b, x->findings.items[i]);
		buf_puts(b, "</li>\n");
	}
	for (i = 0; i < x->unproven.len; i++) {
		buf_puts(b, "<li>non vue, sans preuve : ");
		html_text(b, x->unproven.items[i]);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n</body>\n</html>\n");
}
