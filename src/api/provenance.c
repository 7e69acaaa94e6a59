/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Provenance of a built document (provenance.h). */
#include "api/provenance.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/source.h"
#include "base/suggest.h"
#include "base/util.h"

/* One block of the document, flattened (a list's items are blocks of
 * their own), with what the record says of it. */
struct pblock {
	const struct doc_block *b;
	const char	*kind;		/* "titre", "paragraphe", "element",
					 * "signatures" */
	size_t		 heading;	/* the pblock of the heading it is
					 * under, or SIZE_MAX */
	size_t		 mark;		/* its first mark, or SIZE_MAX */
	const struct source *src;	/* where its first line is */
	int		 first_line, last_line;
};

struct pblocks {
	struct pblock	*v;
	size_t		 len;
};

static void
flatten(const struct prov *p, const struct doc_blocks *bs, int depth,
    size_t *heading, struct pblocks *out)
{
	struct pblock *pb;
	size_t i, j, k;

	for (i = 0; i < bs->len; i++) {
		const struct doc_block *b = &bs->v[i];
		const char *kind = "paragraphe";

		switch (b->kind) {
		case BLOCK_LIST:
			for (j = 0; j < b->u.list.len; j++)
				flatten(p, &b->u.list.items[j], depth + 1,
				    heading, out);
			continue;
		case BLOCK_HEADING:
			kind = "titre";
			*heading = out->len;
			break;
		case BLOCK_PARAGRAPH:
			kind = depth > 0 ? "element" : "paragraphe";
			break;
		case BLOCK_SIGNATURES:
			kind = "signatures";
			break;
		}
		out->v = xgrow(out->v, out->len, sizeof(*out->v));
		pb = &out->v[out->len++];
		memset(pb, 0, sizeof(*pb));
		pb->b = b;
		pb->kind = kind;
		pb->heading = *heading;
		pb->mark = SIZE_MAX;
		if (b->tok_first == b->tok_last)
			continue;	/* made by lgc: a letter's date */
		pb->mark = prov_mark_at(p, b->tok_first);
		if (pb->mark == SIZE_MAX)
			continue;
		pb->src = p->marks[pb->mark].src;
		pb->first_line = pb->last_line = p->marks[pb->mark].line;
		/* The lines it spans in that file. */
		for (k = pb->mark + 1; k < p->nmarks &&
		    p->marks[k].tok < b->tok_last; k++) {
			if (p->marks[k].src != pb->src)
				continue;
			if (p->marks[k].line < pb->first_line)
				pb->first_line = p->marks[k].line;
			if (p->marks[k].line > pb->last_line)
				pb->last_line = p->marks[k].line;
		}
	}
}

static void
pblocks_make(const struct prov *p, const struct doc *d, struct pblocks *out)
{
	size_t heading = SIZE_MAX;

	out->v = NULL;
	out->len = 0;
	flatten(p, &d->blocks, 0, &heading, out);
}

static const char *
src_path(const struct source *s)
{
	return s != NULL && s->path != NULL ? s->path : NULL;
}

/* The first values printed in tokens [first, last): the index of the
 * first at or after FIRST. */
static size_t
values_from(const struct prov *p, size_t first)
{
	size_t lo = 0, hi = p->nvalues;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->values[mid].tok < first)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The scopes from the root to S, outermost first, into *CHAIN (the
 * root left out); returns how many. */
static size_t
scope_chain(const struct prov *p, size_t s, size_t **chain)
{
	size_t n = 0, k, i;

	for (k = s; k != 0; k = p->scopes[k].parent)
		n++;
	*chain = xcalloc(n + 1, sizeof(**chain));
	for (k = s, i = n; k != 0; k = p->scopes[k].parent)
		(*chain)[--i] = k;
	return n;
}

/* A block's text, shortened, to recognise it. */
#define EXCERPT_BYTES	80

static void
excerpt_runs(struct buf *b, const struct doc_runs *rs)
{
	size_t i;

	for (i = 0; i < rs->len && b->len < EXCERPT_BYTES; i++)
		buf_puts(b, rs->v[i].line_break ? " " : rs->v[i].text);
}

static char *
excerpt(const struct doc_block *blk)
{
	struct buf b;
	size_t i, cut;

	buf_init(&b);
	switch (blk->kind) {
	case BLOCK_HEADING:
		excerpt_runs(&b, &blk->u.heading.title);
		break;
	case BLOCK_PARAGRAPH:
		excerpt_runs(&b, &blk->u.paragraph);
		break;
	case BLOCK_LIST:
		break;
	case BLOCK_SIGNATURES:
		for (i = 0; i < blk->u.signatures.len; i++) {
			if (i > 0)
				buf_puts(&b, ", ");
			buf_puts(&b, blk->u.signatures.parties[i].name);
		}
		break;
	}
	if (b.len > EXCERPT_BYTES) {
		/* Cut between two characters, never inside one. */
		cut = EXCERPT_BYTES;
		while (cut > 0 && ((unsigned char)b.data[cut] & 0xC0) == 0x80)
			cut--;
		b.len = cut;
		b.data[cut] = '\0';
		buf_puts(&b, "…");
	}
	return buf_detach(&b);
}

/* JSON */

/* A JSON string, or null for NULL; a text that is no UTF-8 (a client's
 * value kept byte for byte) is replaced rather than dropped. */
static json_t *
jstr(const char *s)
{
	json_t *j;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) == NULL)
		j = json_string("\xef\xbf\xbd");
	return j;
}

static json_t *
jplace(const struct source *src, int line)
{
	json_t *j = json_object();

	json_object_set_new(j, "fichier", jstr(src_path(src)));
	json_object_set_new(j, "ligne", json_integer(line));
	return j;
}

static json_t *
jtruth(enum prov_truth t)
{
	switch (t) {
	case PROV_FALSE:
		return json_false();
	case PROV_TRUE:
		return json_true();
	case PROV_UNKNOWN:
		break;
	}
	return json_null();
}

static json_t *
jcond(const struct prov_cond *c)
{
	json_t *j = json_object(), *ins = json_array();
	size_t i;

	json_object_set_new(j, "mot", jstr(c->word));
	json_object_set_new(j, "expression", jstr(c->expr));
	if (c->detail != NULL)
		json_object_set_new(j, "cas", jstr(c->detail));
	json_object_set_new(j, "remplie", jtruth(c->truth));
	json_object_set_new(j, "fichier", jstr(src_path(c->loc.src)));
	json_object_set_new(j, "ligne", json_integer(c->loc.line));
	for (i = 0; i < c->ninputs; i++) {
		const struct prov_input *in = &c->inputs[i];
		json_t *o = json_object();

		json_object_set_new(o, "nom", jstr(in->name));
		json_object_set_new(o, "libelle", jstr(in->label));
		json_object_set_new(o, "valeur", jstr(in->value));
		json_object_set_new(o, "fichier", jstr(src_path(in->data)));
		json_object_set_new(o, "chemin", jstr(in->name));
		json_array_append_new(ins, o);
	}
	json_object_set_new(j, "entrees", ins);
	return j;
}

static const char *
value_kind_name(enum prov_value_kind k)
{
	switch (k) {
	case PROV_INPUT:
		return "entree";
	case PROV_PARAM:
		return "parametre";
	case PROV_COMPUTED:
		return "calcul";
	case PROV_ITEM:
		return "element";
	case PROV_LITERAL:
		return "texte";
	}
	return "calcul";
}

static json_t *
jblock(const struct prov *p, const struct pblocks *pbs, size_t i)
{
	const struct pblock *pb = &pbs->v[i];
	const struct doc_block *b = pb->b;
	json_t *j = json_object(), *incs = json_array(), *conds = json_array(),
	    *loops = json_array(), *vals = json_array(), *src;
	size_t *chain = NULL, n, k, c;
	char *text = excerpt(b);

	json_object_set_new(j, "indice", json_integer((json_int_t)i));
	json_object_set_new(j, "type", json_string(pb->kind));
	if (b->kind == BLOCK_HEADING) {
		const struct doc_heading *h = &b->u.heading;

		json_object_set_new(j, "niveau", json_integer(h->level));
		json_object_set_new(j, "numero", jstr(h->number));
		json_object_set_new(j, "etiquette", jstr(pb->mark != SIZE_MAX ?
		    p->marks[pb->mark].label : NULL));
		json_object_set_new(j, "ancre", jstr(h->anchor));
	} else
		json_object_set_new(j, "titre", pb->heading == SIZE_MAX ?
		    json_null() : json_integer((json_int_t)pb->heading));
	json_object_set_new(j, "texte", jstr(text));
	free(text);
	if (pb->mark == SIZE_MAX) {
		json_object_set_new(j, "source", json_null());
		n = 0;
	} else {
		src = json_object();
		json_object_set_new(src, "fichier", jstr(src_path(pb->src)));
		json_object_set_new(src, "debut", json_integer(pb->first_line));
		json_object_set_new(src, "fin", json_integer(pb->last_line));
		json_object_set_new(j, "source", src);
		n = scope_chain(p, p->marks[pb->mark].scope, &chain);
	}
	for (k = 0; k < n; k++) {
		const struct prov_scope *s = &p->scopes[chain[k]];
		json_t *o, *args;

		switch (s->kind) {
		case PROV_ROOT:
			break;
		case PROV_INCLUDE:
			o = jplace(s->loc.src, s->loc.line);
			json_object_set_new(o, "clause", jstr(src_path(s->file)));
			args = json_array();
			for (c = 0; c < s->nargs; c++) {
				json_t *a = json_object();

				json_object_set_new(a, "nom", jstr(s->args[c].name));
				json_object_set_new(a, "expression",
				    jstr(s->args[c].expr));
				json_object_set_new(a, "valeur",
				    jstr(s->args[c].value));
				json_array_append_new(args, a);
			}
			json_object_set_new(o, "parametres", args);
			json_array_append_new(incs, o);
			break;
		case PROV_BRANCH:
		case PROV_CASE:
			for (c = 0; c < s->nconds; c++)
				json_array_append_new(conds, jcond(&s->conds[c]));
			break;
		case PROV_LOOP:
			o = jplace(s->loc.src, s->loc.line);
			json_object_set_new(o, "tour", jstr(s->loop));
			json_array_append_new(loops, o);
			break;
		}
	}
	free(chain);
	json_object_set_new(j, "inclusions", incs);
	json_object_set_new(j, "conditions", conds);
	json_object_set_new(j, "boucles", loops);
	if (b->tok_first != b->tok_last)
		for (k = values_from(p, b->tok_first); k < p->nvalues &&
		    p->values[k].tok < b->tok_last; k++) {
			const struct prov_value *v = &p->values[k];
			json_t *o = json_object();

			json_object_set_new(o, "expression", jstr(v->expr));
			json_object_set_new(o, "valeur", jstr(v->value));
			json_object_set_new(o, "nature",
			    json_string(value_kind_name(v->kind)));
			json_object_set_new(o, "fichier", jstr(src_path(v->data)));
			json_object_set_new(o, "chemin", jstr(v->path));
			json_array_append_new(vals, o);
		}
	json_object_set_new(j, "valeurs", vals);
	return j;
}

char *
provenance_json(const struct prov *p, const struct doc *d,
    const char *template_path)
{
	struct pblocks pbs;
	json_t *root = json_object(), *blocks = json_array();
	char *text, *out;
	size_t i;

	pblocks_make(p, d, &pbs);
	json_object_set_new(root, "format", json_string("lgc-provenance"));
	json_object_set_new(root, "version", json_integer(1));
	json_object_set_new(root, "modele", jstr(template_path));
	for (i = 0; i < pbs.len; i++)
		json_array_append_new(blocks, jblock(p, &pbs, i));
	json_object_set_new(root, "blocs", blocks);
	free(pbs.v);
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (text == NULL)
		text = xstrdup("{}");
	out = xasprintf("%s\n", text);
	free(text);
	return out;
}

/* The HTML page's annotations */

/* « stdlib/resultats.lgc:33-78 ; si garantie_resultats ; inclus par
 * contrat.lgc:146 »: where block PB comes from, in one line. */
static char *
block_source(const struct prov *p, const struct pblock *pb)
{
	struct buf b;
	size_t *chain = NULL, n, k, c;
	const struct prov_scope *inc = NULL;

	buf_init(&b);
	if (pb->mark == SIZE_MAX)
		return buf_detach(&b);
	buf_printf(&b, "%s:%d", src_path(pb->src) != NULL ?
	    src_path(pb->src) : "?", pb->first_line);
	if (pb->last_line != pb->first_line)
		buf_printf(&b, "-%d", pb->last_line);
	n = scope_chain(p, p->marks[pb->mark].scope, &chain);
	for (k = 0; k < n; k++) {
		const struct prov_scope *s = &p->scopes[chain[k]];

		switch (s->kind) {
		case PROV_ROOT:
			break;
		case PROV_INCLUDE:
			inc = s;
			break;
		case PROV_BRANCH:
		case PROV_CASE:
			for (c = 0; c < s->nconds; c++) {
				const struct prov_cond *pc = &s->conds[c];

				if (pc->detail != NULL)
					buf_printf(&b, " ; selon %s : %s", pc->expr,
					    pc->detail);
				else
					buf_printf(&b, " ; %s %s%s%s", pc->word,
					    pc->truth == PROV_FALSE ? "non (" : "",
					    pc->expr,
					    pc->truth == PROV_FALSE ? ")" : "");
			}
			break;
		case PROV_LOOP:
			buf_printf(&b, " ; pour chaque %s", s->loop);
			break;
		}
	}
	if (inc != NULL)
		buf_printf(&b, " ; inclus par %s:%d", src_path(inc->loc.src) !=
		    NULL ? src_path(inc->loc.src) : "?", inc->loc.line);
	free(chain);
	return buf_detach(&b);
}

void
provenance_annotate(const struct prov *p, struct doc *d)
{
	struct pblocks pbs;
	size_t i;

	pblocks_make(p, d, &pbs);
	d->sources = xcalloc(pbs.len + 1, sizeof(*d->sources));
	for (i = 0; i < pbs.len; i++)
		d->sources[i] = block_source(p, &pbs.v[i]);
	d->nsources = pbs.len;
	free(pbs.v);
}

/* lgc explique */

/* Whether S starts with the lowercase ASCII word W, in any case. */
static bool
starts_with_word(const char *s, const char *w)
{
	for (; *w != '\0'; s++, w++)
		if (*s != *w && !(*s >= 'A' && *s <= 'Z' && *s - 'A' + 'a' == *w))
			return false;
	return true;
}

/* « article 7 », « Art. 7 », « 7 »: the number alone. */
static const char *
strip_article(const char *s)
{
	static const char *const words[] = { "article ", "art. ", "art " };
	size_t i;

	while (*s == ' ')
		s++;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (starts_with_word(s, words[i]))
			return s + strlen(words[i]);
	return s;
}

/* The answer's spaces before ; : ! ? and » and after « become no-break
 * spaces, as the diagnostics' do (base/diag.c): its values and
 * expressions are quoted among French prose. */
static void
french_spaces(struct buf *out, const char *s)
{
	size_t i, n = strlen(s);

	for (i = 0; i < n; i++) {
		if (s[i] == ' ') {
			const char *next = s + i + 1;
			bool before = *next != '\0' && strchr(";:!?", *next) !=
			    NULL && (next[1] == ' ' || next[1] == '\0' ||
			    next[1] == '\n');
			bool closing = strncmp(next, "\xc2\xbb", 2) == 0;
			bool opening = i >= 2 &&
			    memcmp(s + i - 2, "\xc2\xab", 2) == 0;

			if (before || closing || opening) {
				buf_puts(out, NBSP);
				continue;
			}
		}
		buf_putc(out, s[i]);
	}
}

/* The pblock of the heading ARTICLE names, or SIZE_MAX. */
static size_t
find_heading(const struct prov *p, const struct pblocks *pbs,
    const char *article)
{
	const char *num = strip_article(article);
	size_t i;

	for (i = 0; i < pbs->len; i++) {
		const struct doc_block *b = pbs->v[i].b;
		const char *label;

		if (b->kind != BLOCK_HEADING)
			continue;
		if (b->u.heading.number != NULL &&
		    strcmp(b->u.heading.number, num) == 0)
			return i;
		label = pbs->v[i].mark != SIZE_MAX ?
		    p->marks[pbs->v[i].mark].label : NULL;
		if (label != NULL && strcmp(label, article) == 0)
			return i;
	}
	return SIZE_MAX;
}

static void
unknown_article(const struct prov *p, const struct pblocks *pbs,
    const char *article, struct diags *ds)
{
	struct suggester sg;
	struct diagnostic *dg;
	const char *best;
	size_t i;

	suggest_begin(&sg, strip_article(article));
	for (i = 0; i < pbs->len; i++) {
		const struct doc_block *b = pbs->v[i].b;

		if (b->kind != BLOCK_HEADING)
			continue;
		if (b->u.heading.number != NULL)
			suggest_consider(&sg, b->u.heading.number);
		if (pbs->v[i].mark != SIZE_MAX &&
		    p->marks[pbs->v[i].mark].label != NULL)
			suggest_consider(&sg, p->marks[pbs->v[i].mark].label);
	}
	best = suggest_end(&sg);
	dg = diag(ds, E_UNKNOWN_ARTICLE, NULL, article);
	if (best != NULL)
		diag_suggest(dg, best);
}

static void	put_short(struct buf *b, const char *v);

/* "a, b et c" */
static void
put_sep(struct buf *b, size_t i, size_t n)
{
	if (i == 0)
		return;
	buf_puts(b, i + 1 == n ? " et " : ", ");
}

/* What the inputs of C were: "garantie = vrai, volume = 200". */
static void
put_inputs(struct buf *b, const struct prov_cond *c)
{
	const struct source *file = NULL;
	bool one_file = true;
	size_t i;

	for (i = 0; i < c->ninputs; i++) {
		const struct prov_input *in = &c->inputs[i];

		put_sep(b, i, c->ninputs);
		if (in->value != NULL) {
			buf_printf(b, "%s = ", in->name);
			put_short(b, in->value);
		}
		else
			buf_printf(b, "%s est absent", in->name);
		if (i == 0)
			file = in->data;
		else if (in->data != file)
			one_file = false;
	}
	if (one_file && src_path(file) != NULL)
		buf_printf(b, " (%s)", src_path(file));
}

/* Whether C's expression is one of its inputs, named: « garantie ». */
static bool
names_its_input(const struct prov_cond *c)
{
	return c->ninputs == 1 && strcmp(c->expr, c->inputs[0].name) == 0 &&
	    c->inputs[0].value != NULL;
}

static void
put_cond(struct buf *b, const struct prov_cond *c)
{
	if (c->truth == PROV_UNKNOWN) {
		buf_printf(b, "« %s » n'est pas décidé (données partielles)",
		    c->expr);
		return;
	}
	if (strcmp(c->word, "selon") == 0) {
		if (names_its_input(c)) {
			put_inputs(b, c);
			return;
		}
		if (c->detail != NULL && strcmp(c->detail, "autre") == 0)
			buf_printf(b, "« %s » ne relève d'aucun cas nommé",
			    c->expr);
		else
			buf_printf(b, "« %s » relève du %s", c->expr,
			    c->detail != NULL ? c->detail : "cas");
		if (c->ninputs > 0) {
			buf_puts(b, ", où ");
			put_inputs(b, c);
		}
		return;
	}
	if (names_its_input(c)) {
		put_inputs(b, c);
		return;
	}
	buf_printf(b, "« %s » est %s", c->expr, c->truth == PROV_TRUE ?
	    "vrai" : "faux");
	if (c->ninputs > 0) {
		buf_puts(b, ", où ");
		put_inputs(b, c);
	}
}

/* Whether C says something of the client's data: a condition that
 * reads no input (a clause's {si p} where the template gives p = faux)
 * is the template's own choice, not a reason to tell a client. */
static bool
cond_told(const struct prov_cond *c)
{
	return c->ninputs > 0;
}

/* The told conditions of the scopes from the root to S, in order. */
static size_t
count_conds(const struct prov *p, const size_t *chain, size_t n)
{
	size_t k, c, count = 0;

	for (k = 0; k < n; k++)
		if (p->scopes[chain[k]].kind == PROV_BRANCH ||
		    p->scopes[chain[k]].kind == PROV_CASE)
			for (c = 0; c < p->scopes[chain[k]].nconds; c++)
				count += cond_told(&p->scopes[chain[k]].conds[c]);
	return count;
}

static void
put_reasons(struct buf *b, const struct prov *p, const size_t *chain,
    size_t n)
{
	size_t k, c, i = 0, total = count_conds(p, chain, n);

	if (total == 0) {
		buf_puts(b, " figure toujours" NBSP ": aucune condition ne "
		    "le soumet");
		return;
	}
	buf_puts(b, " figure parce que ");
	for (k = 0; k < n; k++) {
		const struct prov_scope *s = &p->scopes[chain[k]];

		if (s->kind != PROV_BRANCH && s->kind != PROV_CASE)
			continue;
		for (c = 0; c < s->nconds; c++) {
			if (!cond_told(&s->conds[c]))
				continue;
			put_sep(b, i++, total);
			put_cond(b, &s->conds[c]);
		}
	}
}

static void
put_lines(struct buf *b, int first, int last)
{
	if (first == last)
		buf_printf(b, "ligne %d", first);
	else
		buf_printf(b, "lignes %d à %d", first, last);
}

/* Where the article comes from: its heading's file and the lines of
 * the article's blocks there, the {inclure} that brought it, then the
 * other files its blocks come from. */
static void
put_origin(struct buf *b, const struct prov *p, const struct pblocks *pbs,
    size_t h, size_t end, const size_t *chain, size_t n)
{
	const struct source *seen[16];
	size_t nseen = 0, i, j, k;
	bool first_inc = true;

	for (i = h; i < end; i++) {
		const struct source *src = pbs->v[i].src;
		int lo = INT32_MAX, hi = 0;

		if (src == NULL)
			continue;
		for (j = 0; j < nseen && seen[j] != src; j++)
			;
		if (j < nseen || nseen == sizeof(seen) / sizeof(seen[0]))
			continue;
		seen[nseen++] = src;
		for (j = i; j < end; j++)
			if (pbs->v[j].src == src) {
				if (pbs->v[j].first_line < lo)
					lo = pbs->v[j].first_line;
				if (pbs->v[j].last_line > hi)
					hi = pbs->v[j].last_line;
			}
		buf_printf(b, nseen == 1 ? " ; il vient de %s, " :
		    ", et de %s, ", src_path(src));
		put_lines(b, lo, hi);
		if (nseen > 1)
			continue;
		for (k = n; k-- > 0;) {
			const struct prov_scope *s = &p->scopes[chain[k]];

			if (s->kind != PROV_INCLUDE)
				continue;
			buf_printf(b, first_inc ? ", inclus par %s:%d" :
			    ", lui-même inclus par %s:%d",
			    src_path(s->loc.src), s->loc.line);
			first_inc = false;
		}
	}
}

/* A value cited in the answer, at most this many bytes of it. */
#define CITED_BYTES	60

static void
put_short(struct buf *b, const char *v)
{
	size_t n = strlen(v), cut;

	if (n <= CITED_BYTES) {
		buf_puts(b, v);
		return;
	}
	cut = CITED_BYTES;
	while (cut > 0 && ((unsigned char)v[cut] & 0xC0) == 0x80)
		cut--;
	buf_put(b, v, cut);
	buf_puts(b, "…");
}

/* Past this many, the values are counted, not listed. */
#define CITED_MAX	12

static void
put_values(struct buf *b, const struct prov *p, const struct pblocks *pbs,
    size_t h, size_t end)
{
	const struct prov_value **cited = NULL;
	size_t ncited = 0, i, k, j;

	for (i = h; i < end; i++) {
		const struct doc_block *blk = pbs->v[i].b;

		if (blk->tok_first == blk->tok_last)
			continue;
		for (k = values_from(p, blk->tok_first); k < p->nvalues &&
		    p->values[k].tok < blk->tok_last; k++) {
			/* The template's own text, given to a clause, is
			 * no value of the client's. */
			if (p->values[k].kind == PROV_LITERAL)
				continue;
			for (j = 0; j < ncited; j++)
				if (strcmp(cited[j]->expr, p->values[k].expr) ==
				    0)
					break;
			if (j < ncited)
				continue;
			cited = xgrow(cited, ncited, sizeof(*cited));
			cited[ncited++] = &p->values[k];
		}
	}
	if (ncited == 0)
		buf_puts(b, " ; il ne cite aucune valeur");
	else {
		size_t shown = ncited > CITED_MAX ? CITED_MAX : ncited;

		buf_puts(b, " ; il cite ");
		for (i = 0; i < shown; i++) {
			if (ncited > shown)
				buf_puts(b, i > 0 ? ", " : "");
			else
				put_sep(b, i, shown);
			const char *pipe = strstr(cited[i]->expr, " | ");

			/* The name, not its filters: « nb = 200 prospects ». */
			buf_put(b, cited[i]->expr, pipe != NULL ?
			    (size_t)(pipe - cited[i]->expr) :
			    strlen(cited[i]->expr));
			buf_puts(b, " = ");
			put_short(b, cited[i]->value);
		}
		if (ncited > shown)
			buf_printf(b, " et %zu autres", ncited - shown);
	}
	free(cited);
}

/* Past this many, the conditions of parts of an article are counted,
 * not listed. */
#define PARTS_MAX	6

/* The conditions that only parts of the article depend on (a
 * paragraph under {si}, a {selon}'s case): the scopes of the marks of
 * its blocks [H, END) that are not its heading's, CHAIN (N of them). */
static void
put_parts(struct buf *b, const struct prov *p, const struct pblocks *pbs,
    size_t h, size_t end, const size_t *chain, size_t n)
{
	const struct prov_cond **conds = NULL;
	size_t *done = NULL, ndone = 0, nconds = 0, i, k, s, j, c;
	size_t first = pbs->v[h].b->tok_first, last = first;

	for (i = h; i < end; i++)
		if (pbs->v[i].b->tok_last > last)
			last = pbs->v[i].b->tok_last;
	for (k = pbs->v[h].mark; k != SIZE_MAX && k < p->nmarks &&
	    p->marks[k].tok < last; k++)
		for (s = p->marks[k].scope; s != 0; s = p->scopes[s].parent) {
			for (j = 0; j < n && chain[j] != s; j++)
				;
			if (j < n)
				break;	/* the heading's own, and above */
			for (j = 0; j < ndone && done[j] != s; j++)
				;
			if (j < ndone)
				continue;
			done = xgrow(done, ndone, sizeof(*done));
			done[ndone++] = s;
			for (c = 0; c < p->scopes[s].nconds; c++) {
				if (!cond_told(&p->scopes[s].conds[c]))
					continue;
				conds = xgrow(conds, nconds, sizeof(*conds));
				conds[nconds++] = &p->scopes[s].conds[c];
			}
		}
	if (nconds > 0) {
		size_t shown = nconds > PARTS_MAX ? PARTS_MAX : nconds;

		buf_puts(b, " ; une partie de son texte dépend de ce que ");
		for (i = 0; i < shown; i++) {
			put_sep(b, i, nconds > shown ? shown + 1 : shown);
			put_cond(b, conds[i]);
		}
		if (nconds > shown)
			buf_printf(b, " et de %zu autres conditions",
			    nconds - shown);
	}
	free(conds);
	free(done);
}

/* The loops its heading is repeated in. */
static void
put_loops(struct buf *b, const struct prov *p, const size_t *chain, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (p->scopes[chain[k]].kind == PROV_LOOP)
			buf_printf(b, " ; il est répété pour chaque %s",
			    p->scopes[chain[k]].loop);
}

bool
provenance_explain(struct buf *out, const struct prov *p,
    const struct doc *d, const char *article, struct diags *ds)
{
	struct pblocks pbs;
	const struct doc_heading *hd;
	struct buf b;
	size_t h, end, n = 0, *chain = NULL;
	char *title;

	pblocks_make(p, d, &pbs);
	if ((h = find_heading(p, &pbs, article)) == SIZE_MAX) {
		unknown_article(p, &pbs, article, ds);
		free(pbs.v);
		return false;
	}
	hd = &pbs.v[h].b->u.heading;
	/* The article runs to the next heading of its level or above. */
	for (end = h + 1; end < pbs.len; end++)
		if (pbs.v[end].b->kind == BLOCK_HEADING &&
		    pbs.v[end].b->u.heading.level <= hd->level)
			break;
	if (pbs.v[h].mark != SIZE_MAX)
		n = scope_chain(p, p->marks[pbs.v[h].mark].scope, &chain);
	buf_init(&b);
	title = excerpt(pbs.v[h].b);
	if (hd->number != NULL)
		buf_printf(&b, "L'article %s (%s)", hd->number, title);
	else
		buf_printf(&b, "Le titre « %s »", title);
	free(title);
	put_reasons(&b, p, chain, n);
	put_loops(&b, p, chain, n);
	put_parts(&b, p, &pbs, h, end, chain, n);
	put_origin(&b, p, &pbs, h, end, chain, n);
	put_values(&b, p, &pbs, h, end);
	buf_puts(&b, ".\n");
	french_spaces(out, buf_cstr(&b));
	buf_free(&b);
	free(chain);
	free(pbs.v);
	return true;
}
