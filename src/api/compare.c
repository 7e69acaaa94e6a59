/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Comparing two contracts (lgc diff).  What a lawyer reviewing a new
 * version of a template wants to know is which articles of a client's
 * contract change, so the comparison works on articles, not lines:
 * each document is cut into its articles (a level-1 heading and what
 * follows it), with the preamble and the signatures as units of their
 * own; the articles of the two versions are paired by label, then by
 * title, then by the words they share, so that an article inserted
 * leaves the following ones "renumbered" rather than "reworded"; each
 * pair is then aligned block by block and a changed block word by word
 * (Myers' O(ND) difference algorithm, bounded: past a number of edits
 * or of steps, the rest of a block is shown as removed and added
 * whole, so that no input makes it slow). */
#include "api/compare.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Myers' algorithm keeps one row per edit: at most this many edits
 * (rows of up to 2·D+1 positions, D² in all), and this many steps of
 * comparison, before giving up on a minimal difference. */
#define DIFF_MAX_EDITS	1000
#define DIFF_MAX_STEPS	(20L * 1000 * 1000)

/* Two articles sharing at least this part of their words (Dice's
 * coefficient, in percent) are taken for the same one reworded. */
#define SIMILAR_PERCENT	50
/* Pairing by content compares every unpaired article with every other:
 * at most this many words read in all, beyond which the unpaired ones
 * are reported as removed and added. */
#define SIMILAR_MAX_WORK (20L * 1000 * 1000)

/* A word, or a whole block, compared by hash then bytes. */
struct tok {
	const char	*s;
	size_t		 len;
	uint64_t	 h;
};

enum edit_op {
	EDIT_SAME,
	EDIT_REMOVED,
	EDIT_ADDED
};

struct edit {
	enum edit_op	 op;
	size_t		 a, b;	/* index in the old, the new sequence */
};

struct edits {
	struct edit	*v;
	size_t		 len, cap;
};

/* A block as compared: its words separated by single spaces, and what
 * shows it for a reader ("2.1 " before a sub-heading, "– " before a
 * list item), which does not count: a sub-article renumbered with its
 * article is not reworded. */
struct cblock {
	char		*text;
	char		*prefix;
	struct tok	 tok;
};

enum unit_kind {
	UNIT_PREAMBLE,		/* the title and what precedes article 1 */
	UNIT_ARTICLE,
	UNIT_SIGNATURES
};

struct unit {
	enum unit_kind	 kind;
	const char	*number;	/* the doc's; NULL when unnumbered */
	char		*title;		/* an article's, normalized */
	const char	*label;		/* the doc's anchor, when a label */
	struct cblock	*v;
	size_t		 len, cap;
	long		 match;		/* index on the other side, or -1 */
	bool		 done;
};

struct side {
	struct unit	*v;
	size_t		 len, cap;
};

/* One change of one article, for the summary: its kind and the title
 * that names it, and the number of contracts it touches. */
struct tally {
	char		*kind;		/* "reformulé" */
	char		*name;		/* "« Durée »", "Préambule" */
	char		*json_kind;	/* "reformule" */
	enum unit_kind	 unit;
	char		*title;		/* an article's, or "" */
	size_t		 count;
	size_t		 order;
};

struct comparison {
	enum compare_format format;
	size_t		 clients, changed, failed;
	struct ptrvec	 tallies;	/* struct tally *, owned */
	struct strmap	 by_key;	/* kind and name → struct tally * */
	struct ptrvec	 keys;		/* char *, owned: by_key's keys */
};

static uint64_t
hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static bool
tok_eq(const struct tok *x, const struct tok *y)
{
	return x->h == y->h && x->len == y->len &&
	    memcmp(x->s, y->s, x->len) == 0;
}

static void
edits_push(struct edits *e, enum edit_op op, size_t a, size_t b)
{
	e->v = xreserve(e->v, &e->cap, e->len + 1, sizeof(*e->v));
	e->v[e->len].op = op;
	e->v[e->len].a = a;
	e->v[e->len].b = b;
	e->len++;
}

/*
 * Myers' greedy algorithm ("An O(ND) Difference Algorithm and Its
 * Variations", 1986) on A[0..N) and B[0..M), which share no first nor
 * last element: the furthest point reached on each diagonal K = X − Y
 * after D edits, each round kept (D² positions) to walk the path back.
 * Appends the script to E (in order, indices offset by A0 and B0) and
 * returns true, or false, appending nothing, when the difference needs
 * more than DIFF_MAX_EDITS edits or DIFF_MAX_STEPS steps.
 */
static bool
myers(const struct tok *a, size_t n, const struct tok *b, size_t m,
    size_t a0, size_t b0, struct edits *e)
{
	size_t maxd = n + m < DIFF_MAX_EDITS ? n + m : DIFF_MAX_EDITS;
	ptrdiff_t *v, *trace, x, y, k, d, found = -1;
	long steps = 0;
	struct edits rev;
	size_t i;

	/* V[K] at index K + MAXD + 1; trace row D at D², 2·D+1 long. */
	v = xcalloc(2 * maxd + 3, sizeof(*v));
	trace = xmalloc((maxd + 1) * (maxd + 1) * sizeof(*trace));
#define V(k)	v[(k) + (ptrdiff_t)maxd + 1]
	for (d = 0; d <= (ptrdiff_t)maxd && found < 0; d++) {
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && V(k - 1) < V(k + 1)))
				x = V(k + 1);
			else
				x = V(k - 1) + 1;
			y = x - k;
			while (x < (ptrdiff_t)n && y < (ptrdiff_t)m &&
			    tok_eq(&a[x], &b[y])) {
				x++;
				y++;
				steps++;
			}
			V(k) = x;
			steps++;
			if (x >= (ptrdiff_t)n && y >= (ptrdiff_t)m) {
				found = d;
				break;
			}
		}
		memcpy(&trace[d * d], &V(-d), (size_t)(2 * d + 1) *
		    sizeof(*trace));
		if (steps > DIFF_MAX_STEPS)
			break;
	}
#undef V
	if (found < 0) {
		free(v);
		free(trace);
		return false;
	}
	/* Back from (N, M): each round's snake, then the edit before it. */
	memset(&rev, 0, sizeof(rev));
	x = (ptrdiff_t)n;
	y = (ptrdiff_t)m;
	for (d = found; d > 0; d--) {
		const ptrdiff_t *prev = &trace[(d - 1) * (d - 1)];
		ptrdiff_t pk, px, py, xm;

#define P(k)	prev[(k) + d - 1]
		k = x - y;
		if (k == -d || (k != d && P(k - 1) < P(k + 1)))
			pk = k + 1;
		else
			pk = k - 1;
		px = P(pk);
		py = px - pk;
#undef P
		/* The snake of round D ends at (X, Y); it starts after the
		 * edit from (PX, PY): down (an addition) or right. */
		xm = pk == k + 1 ? px : px + 1;
		while (x > xm) {
			x--;
			y--;
			edits_push(&rev, EDIT_SAME, (size_t)x, (size_t)y);
		}
		if (pk == k + 1)
			edits_push(&rev, EDIT_ADDED, (size_t)px, (size_t)py);
		else
			edits_push(&rev, EDIT_REMOVED, (size_t)px, (size_t)py);
		x = px;
		y = py;
	}
	while (x > 0 && y > 0) {
		x--;
		y--;
		edits_push(&rev, EDIT_SAME, (size_t)x, (size_t)y);
	}
	for (i = rev.len; i-- > 0;)
		edits_push(e, rev.v[i].op, rev.v[i].a + a0, rev.v[i].b + b0);
	free(rev.v);
	free(v);
	free(trace);
	return true;
}

/* The edit script from A to B: the common ends, then Myers' script of
 * the middle, or all of it removed and added when that costs too
 * much. */
static void
diff_toks(const struct tok *a, size_t n, const struct tok *b, size_t m,
    struct edits *e)
{
	size_t pre = 0, suf = 0, i;

	while (pre < n && pre < m && tok_eq(&a[pre], &b[pre]))
		pre++;
	while (suf < n - pre && suf < m - pre &&
	    tok_eq(&a[n - 1 - suf], &b[m - 1 - suf]))
		suf++;
	for (i = 0; i < pre; i++)
		edits_push(e, EDIT_SAME, i, i);
	if (!myers(a + pre, n - pre - suf, b + pre, m - pre - suf, pre, pre,
	    e)) {
		for (i = pre; i < n - suf; i++)
			edits_push(e, EDIT_REMOVED, i, pre);
		for (i = pre; i < m - suf; i++)
			edits_push(e, EDIT_ADDED, n - suf, i);
	}
	for (i = 0; i < suf; i++)
		edits_push(e, EDIT_SAME, n - suf + i, m - suf + i);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The words of TEXT, split at ASCII white space: a no-break space
 * keeps « 10 000 € » or « prix : » one word, as a reader sees it. */
static struct tok *
words(const char *text, size_t *n)
{
	struct tok *v = NULL;
	size_t cap = 0, i = 0, start;

	*n = 0;
	for (;;) {
		while (text[i] != '\0' && is_space(text[i]))
			i++;
		if (text[i] == '\0')
			break;
		start = i;
		while (text[i] != '\0' && !is_space(text[i]))
			i++;
		v = xreserve(v, &cap, *n + 1, sizeof(*v));
		v[*n].s = text + start;
		v[*n].len = i - start;
		v[*n].h = hash(text + start, i - start);
		(*n)++;
	}
	return v;
}

/* Runs as one line of words separated by single spaces. */
static void
runs_text(struct buf *b, const struct doc_runs *rs)
{
	size_t i;

	for (i = 0; i < rs->len; i++)
		buf_puts(b, rs->v[i].line_break ? " " : rs->v[i].text);
}

/* S with each control character (C0, DEL, C1) as U+FFFD: the report
 * goes to a terminal, where one would be obeyed.  The data refuses
 * them, but a file name (a --lot folder's record) does not. */
static void
put_safe(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, start = 0;

	for (i = 0; i < len; i++) {
		size_t n = 0;

		if (p[i] < 0x20 || p[i] == 0x7f)
			n = 1;
		else if (p[i] == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 &&
		    p[i + 1] <= 0x9f)
			n = 2;
		if (n == 0)
			continue;
		buf_put(b, s + start, i - start);
		buf_puts(b, "\xef\xbf\xbd");
		i += n - 1;
		start = i + 1;
	}
	buf_put(b, s + start, len - start);
}

/* TEXT's words separated by single spaces, made safe to print. */
static char *
normalize(const char *text)
{
	struct buf b;
	struct tok *w;
	size_t n, i;

	w = words(text, &n);
	buf_init(&b);
	buf_puts(&b, "");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(&b, ' ');
		put_safe(&b, w[i].s, w[i].len);
	}
	free(w);
	return buf_detach(&b);
}

static struct unit *
side_push(struct side *s, enum unit_kind kind)
{
	struct unit *u;

	s->v = xreserve(s->v, &s->cap, s->len + 1, sizeof(*s->v));
	u = &s->v[s->len++];
	memset(u, 0, sizeof(*u));
	u->kind = kind;
	u->match = -1;
	return u;
}

static struct unit *
current(struct side *s)
{
	return s->len > 0 ? &s->v[s->len - 1] : side_push(s, UNIT_PREAMBLE);
}

static void
unit_add(struct unit *u, const char *prefix, const char *text)
{
	struct cblock *c;

	u->v = xreserve(u->v, &u->cap, u->len + 1, sizeof(*u->v));
	c = &u->v[u->len++];
	c->text = normalize(text);
	c->prefix = xstrdup(prefix);
	c->tok.s = c->text;
	c->tok.len = strlen(c->text);
	c->tok.h = hash(c->text, c->tok.len);
}

static void
unit_add_runs(struct unit *u, const char *prefix, const struct doc_runs *rs)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "");
	runs_text(&b, rs);
	unit_add(u, prefix, buf_cstr(&b));
	buf_free(&b);
}

/* Build.c's anchors for headings without a label ("article-3",
 * "titre-…"), which name a place, not an article: only a label the
 * author gave follows an article from one version to the next. */
static bool
made_anchor(const char *a)
{
	size_t i;

	if (strncmp(a, "titre", 5) == 0)
		return true;
	if (strncmp(a, "article-", 8) != 0)
		return false;
	for (i = 8; a[i] != '\0'; i++)
		if ((a[i] < '0' || a[i] > '9') && a[i] != '-')
			return false;
	return true;
}

static void split_blocks(struct side *s, const struct doc_blocks *bs,
    int depth);

static void
split_list(struct side *s, const struct doc_list *l, int depth)
{
	size_t i, j;

	for (i = 0; i < l->len; i++) {
		const struct doc_blocks *item = &l->items[i];

		for (j = 0; j < item->len; j++) {
			const struct doc_block *b = &item->v[j];

			if (b->kind == BLOCK_PARAGRAPH) {
				struct buf p;

				buf_init(&p);
				buf_printf(&p, "%*s%s", 2 * depth, "",
				    j == 0 ? "– " : "  ");
				unit_add_runs(current(s), buf_cstr(&p),
				    &b->u.paragraph);
				buf_free(&p);
			} else {
				struct doc_blocks one;

				one.v = (struct doc_block *)b;
				one.len = 1;
				split_blocks(s, &one, depth + 1);
			}
		}
	}
}

static void
split_signatures(struct side *s, const struct doc_signatures *sg)
{
	struct unit *u = side_push(s, UNIT_SIGNATURES);
	struct buf b;
	size_t i;

	if (sg->made.len > 0)
		unit_add_runs(u, "", &sg->made);
	buf_init(&b);
	for (i = 0; i < sg->len; i++) {
		const struct doc_party *p = &sg->parties[i];

		buf_reset(&b);
		buf_printf(&b, "%s", p->name);
		if (p->representant[0] != '\0')
			buf_printf(&b, ", %s", p->representant);
		if (p->qualite[0] != '\0')
			buf_printf(&b, ", %s", p->qualite);
		unit_add(u, "Signataire\u00a0: ", buf_cstr(&b));
	}
	if (sg->mention != NULL)
		unit_add(u, "Mention\u00a0: ", sg->mention);
	buf_free(&b);
}

static void
split_blocks(struct side *s, const struct doc_blocks *bs, int depth)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < bs->len; i++) {
		const struct doc_block *blk = &bs->v[i];
		const struct doc_heading *h;
		struct unit *u;

		switch (blk->kind) {
		case BLOCK_HEADING:
			h = &blk->u.heading;
			buf_reset(&b);
			buf_puts(&b, "");
			runs_text(&b, &h->title);
			if (h->level == 1) {
				u = side_push(s, UNIT_ARTICLE);
				u->number = h->number;
				u->title = normalize(buf_cstr(&b));
				u->label = h->anchor != NULL &&
				    !made_anchor(h->anchor) ? h->anchor : NULL;
				unit_add(u, "Titre\u00a0: ", buf_cstr(&b));
			} else {
				char *prefix = xasprintf("%s%s",
				    h->number != NULL ? h->number : "",
				    h->number != NULL ? " " : "");

				unit_add(current(s), prefix, buf_cstr(&b));
				free(prefix);
			}
			break;
		case BLOCK_PARAGRAPH:
			unit_add_runs(current(s), "", &blk->u.paragraph);
			break;
		case BLOCK_LIST:
			split_list(s, &blk->u.list, depth);
			break;
		case BLOCK_SIGNATURES:
			split_signatures(s, &blk->u.signatures);
			break;
		}
	}
	buf_free(&b);
}

static void
split_doc(struct side *s, const struct doc *d)
{
	memset(s, 0, sizeof(*s));
	if (d->title != NULL && d->title[0] != '\0')
		unit_add(side_push(s, UNIT_PREAMBLE), "Titre du contrat\u00a0: ",
		    d->title);
	split_blocks(s, &d->blocks, 0);
}

static void
side_free(struct side *s)
{
	size_t i, j;

	for (i = 0; i < s->len; i++) {
		for (j = 0; j < s->v[i].len; j++) {
			free(s->v[i].v[j].text);
			free(s->v[i].v[j].prefix);
		}
		free(s->v[i].v);
		free(s->v[i].title);
	}
	free(s->v);
}

static void
pair(struct side *o, size_t i, struct side *n, size_t j)
{
	o->v[i].match = (long)j;
	n->v[j].match = (long)i;
}

/* The sorted hashes of a unit's words, for Dice's coefficient. */
static uint64_t *
bag(const struct unit *u, size_t *n)
{
	uint64_t *v = NULL;
	size_t cap = 0, i, k, nw;

	*n = 0;
	for (i = 0; i < u->len; i++) {
		struct tok *w = words(u->v[i].text, &nw);

		for (k = 0; k < nw; k++) {
			v = xreserve(v, &cap, *n + 1, sizeof(*v));
			v[(*n)++] = w[k].h;
		}
		free(w);
	}
	return v;
}

static int
by_hash(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

struct candidate {
	size_t	 i, j;
	long	 score;		/* per ten thousand */
};

static int
by_score(const void *x, const void *y)
{
	const struct candidate *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

/* The articles left unpaired, paired by the words they share, the most
 * alike first. */
static void
pair_by_content(struct side *o, struct side *n)
{
	uint64_t **ob, **nb;
	size_t *on, *nn, i, j, ncand = 0, capcand = 0, total = 0, left = 0;
	struct candidate *cand = NULL;

	for (i = 0; i < o->len; i++)
		left += o->v[i].kind == UNIT_ARTICLE && o->v[i].match < 0;
	if (left == 0)
		return;
	ob = xcalloc(o->len, sizeof(*ob));
	on = xcalloc(o->len, sizeof(*on));
	nb = xcalloc(n->len, sizeof(*nb));
	nn = xcalloc(n->len, sizeof(*nn));
	for (i = 0; i < o->len; i++)
		if (o->v[i].kind == UNIT_ARTICLE && o->v[i].match < 0) {
			ob[i] = bag(&o->v[i], &on[i]);
			qsort(ob[i], on[i], sizeof(*ob[i]), by_hash);
		}
	for (j = 0; j < n->len; j++)
		if (n->v[j].kind == UNIT_ARTICLE && n->v[j].match < 0) {
			nb[j] = bag(&n->v[j], &nn[j]);
			qsort(nb[j], nn[j], sizeof(*nb[j]), by_hash);
		}
	for (i = 0; i < o->len; i++)
		for (j = 0; j < n->len && ob[i] != NULL; j++) {
			size_t p = 0, q = 0, common = 0;
			long score;

			if (nb[j] == NULL || on[i] + nn[j] == 0)
				continue;
			total += on[i] + nn[j];
			if (total > (size_t)SIMILAR_MAX_WORK)
				goto done;
			while (p < on[i] && q < nn[j]) {
				if (ob[i][p] == nb[j][q]) {
					common++;
					p++;
					q++;
				} else if (ob[i][p] < nb[j][q])
					p++;
				else
					q++;
			}
			score = (long)(20000 * common / (on[i] + nn[j]));
			if (score < SIMILAR_PERCENT * 100)
				continue;
			cand = xreserve(cand, &capcand, ncand + 1,
			    sizeof(*cand));
			cand[ncand].i = i;
			cand[ncand].j = j;
			cand[ncand].score = score;
			ncand++;
		}
	if (ncand > 0)
		qsort(cand, ncand, sizeof(*cand), by_score);
	for (i = 0; i < ncand; i++)
		if (o->v[cand[i].i].match < 0 && n->v[cand[i].j].match < 0)
			pair(o, cand[i].i, n, cand[i].j);
done:
	for (i = 0; i < o->len; i++)
		free(ob[i]);
	for (j = 0; j < n->len; j++)
		free(nb[j]);
	free(ob);
	free(on);
	free(nb);
	free(nn);
	free(cand);
}

static void
match_units(struct side *o, struct side *n)
{
	size_t i, j;

	/* The preamble and the signatures with their like, in order. */
	for (j = 0; j < n->len; j++) {
		if (n->v[j].kind == UNIT_ARTICLE)
			continue;
		for (i = 0; i < o->len; i++)
			if (o->v[i].kind == n->v[j].kind && o->v[i].match < 0) {
				pair(o, i, n, j);
				break;
			}
	}
	/* An article by its label, then by its title. */
	for (j = 0; j < n->len; j++) {
		if (n->v[j].kind != UNIT_ARTICLE || n->v[j].label == NULL)
			continue;
		for (i = 0; i < o->len; i++)
			if (o->v[i].match < 0 && o->v[i].label != NULL &&
			    strcmp(o->v[i].label, n->v[j].label) == 0) {
				pair(o, i, n, j);
				break;
			}
	}
	for (j = 0; j < n->len; j++) {
		if (n->v[j].kind != UNIT_ARTICLE || n->v[j].match >= 0 ||
		    n->v[j].title[0] == '\0')
			continue;
		for (i = 0; i < o->len; i++)
			if (o->v[i].kind == UNIT_ARTICLE && o->v[i].match < 0 &&
			    strcmp(o->v[i].title, n->v[j].title) == 0 &&
			    (o->v[i].label == NULL || n->v[j].label == NULL)) {
				pair(o, i, n, j);
				break;
			}
	}
	pair_by_content(o, n);
}

/* ------------------------------------------------------------------ */
/* Reporting */

enum change_kind {
	CHANGE_ADDED,
	CHANGE_REMOVED,
	CHANGE_REWORDED,
	CHANGE_RENUMBERED
};

static const char *
change_word(enum change_kind k)
{
	switch (k) {
	case CHANGE_ADDED:
		return "ajouté";
	case CHANGE_REMOVED:
		return "supprimé";
	case CHANGE_REWORDED:
		return "reformulé";
	case CHANGE_RENUMBERED:
		return "renuméroté";
	}
	return "";
}

static const char *
change_json(enum change_kind k)
{
	switch (k) {
	case CHANGE_ADDED:
		return "ajoute";
	case CHANGE_REMOVED:
		return "supprime";
	case CHANGE_REWORDED:
		return "reformule";
	case CHANGE_RENUMBERED:
		return "renumerote";
	}
	return "";
}

static const char *
kind_json(enum unit_kind k)
{
	switch (k) {
	case UNIT_PREAMBLE:
		return "preambule";
	case UNIT_ARTICLE:
		return "article";
	case UNIT_SIGNATURES:
		return "signatures";
	}
	return "";
}

/* How the summary names an article whatever its number, which may
 * differ from one client to the next: « Durée », or « Article 3 »
 * without a title. */
static char *
unit_name(const struct unit *u)
{
	switch (u->kind) {
	case UNIT_PREAMBLE:
		return xstrdup("Préambule");
	case UNIT_SIGNATURES:
		return xstrdup("Signatures");
	case UNIT_ARTICLE:
		break;
	}
	if (u->title[0] != '\0')
		return xasprintf("«\u00a0%s\u00a0»", u->title);
	return xasprintf("Article %s", u->number != NULL ? u->number : "");
}

static void
tally(struct comparison *cmp, enum change_kind kind, const struct unit *u)
{
	char *name = unit_name(u);
	char *key = xasprintf("%s\n%s", change_json(kind), name);
	struct tally *t = strmap_get(&cmp->by_key, key);

	if (t != NULL) {
		t->count++;
		free(key);
		free(name);
		return;
	}
	t = xcalloc(1, sizeof(*t));
	t->kind = xstrdup(change_word(kind));
	t->json_kind = xstrdup(change_json(kind));
	t->name = name;
	t->unit = u->kind;
	t->title = xstrdup(u->kind == UNIT_ARTICLE ? u->title : "");
	t->count = 1;
	t->order = cmp->tallies.len;
	ptrvec_push(&cmp->tallies, t);
	ptrvec_push(&cmp->keys, key);
	strmap_put(&cmp->by_key, key, t);
}

/* "Article 3 « Durée »", "Article 3 → 4 « Durée »", "« Annexe »". */
static void
text_heading(struct buf *b, const struct unit *o, const struct unit *n)
{
	const struct unit *u = n != NULL ? n : o;

	switch (u->kind) {
	case UNIT_PREAMBLE:
		buf_puts(b, "Préambule");
		return;
	case UNIT_SIGNATURES:
		buf_puts(b, "Signatures");
		return;
	case UNIT_ARTICLE:
		break;
	}
	if (o != NULL && n != NULL && o->number != NULL && n->number != NULL &&
	    strcmp(o->number, n->number) != 0)
		buf_printf(b, "Article %s → %s", o->number, n->number);
	else if (u->number != NULL)
		buf_printf(b, "Article %s", u->number);
	else if (o != NULL && o->number != NULL)
		buf_printf(b, "Article %s", o->number);
	if (u->number != NULL && u->title[0] != '\0')
		buf_putc(b, ' ');
	if (u->title[0] != '\0')
		buf_printf(b, "«\u00a0%s\u00a0»", u->title);
}

#define RED	"\033[31m"
#define GREEN	"\033[32m"
#define BOLD	"\033[1m"
#define RESET	"\033[m"

static void
put_removed(struct buf *b, const char *s, size_t len, bool color)
{
	buf_puts(b, color ? RED "[-" : "[-");
	buf_put(b, s, len);
	buf_puts(b, color ? "-]" RESET : "-]");
}

static void
put_added(struct buf *b, const char *s, size_t len, bool color)
{
	buf_puts(b, color ? GREEN "{+" : "{+");
	buf_put(b, s, len);
	buf_puts(b, color ? "+}" RESET : "+}");
}

/* The words from A[I] to A[J) as they were written (one space
 * between). */
static void
span(const struct tok *a, size_t i, size_t j, const char **s, size_t *len)
{
	*s = a[i].s;
	*len = (size_t)(a[j - 1].s + a[j - 1].len - a[i].s);
}

/* A list of pieces of a word diff: [kind, text], for JSON. */
static void
word_pieces(const char *old, const char *new, struct buf *text,
    json_t *pieces, bool color)
{
	struct tok *a, *b;
	size_t na, nb, i = 0, k, start;
	struct edits e;
	const char *s;
	size_t len;
	bool first = true;

	a = words(old, &na);
	b = words(new, &nb);
	memset(&e, 0, sizeof(e));
	diff_toks(a, na, b, nb, &e);
	while (i < e.len) {
		enum edit_op op = e.v[i].op;

		if (!first && text != NULL && op == EDIT_SAME)
			buf_putc(text, ' ');
		if (op == EDIT_SAME) {
			for (start = i; i < e.len && e.v[i].op == EDIT_SAME; i++)
				;
			span(a, e.v[start].a, e.v[i - 1].a + 1, &s, &len);
			if (text != NULL)
				buf_put(text, s, len);
			if (pieces != NULL)
				json_array_append_new(pieces, json_pack("{s:s,s:s%}",
				    "genre", "egal", "texte", s, len));
			first = false;
			continue;
		}
		/* A change: the removed words, then the added ones. */
		if (!first && text != NULL)
			buf_putc(text, ' ');
		for (start = i; i < e.len && e.v[i].op != EDIT_SAME; i++)
			;
		for (k = start; k < i; k++)
			if (e.v[k].op == EDIT_REMOVED)
				break;
		if (k < i) {
			size_t lo = e.v[k].a, hi = lo;

			for (; k < i; k++)
				if (e.v[k].op == EDIT_REMOVED)
					hi = e.v[k].a + 1;
			span(a, lo, hi, &s, &len);
			if (text != NULL)
				put_removed(text, s, len, color);
			if (pieces != NULL)
				json_array_append_new(pieces, json_pack("{s:s,s:s%}",
				    "genre", "retire", "texte", s, len));
		}
		for (k = start; k < i; k++)
			if (e.v[k].op == EDIT_ADDED)
				break;
		if (k < i) {
			size_t lo = e.v[k].b, hi = lo;

			for (; k < i; k++)
				if (e.v[k].op == EDIT_ADDED)
					hi = e.v[k].b + 1;
			span(b, lo, hi, &s, &len);
			if (text != NULL)
				put_added(text, s, len, color);
			if (pieces != NULL)
				json_array_append_new(pieces, json_pack("{s:s,s:s%}",
				    "genre", "ajoute", "texte", s, len));
		}
		first = false;
	}
	free(e.v);
	free(a);
	free(b);
}

void
compare_words(const char *old, const char *new, struct buf *out)
{
	word_pieces(old, new, out, NULL, false);
}

static json_t *
unit_json(const struct unit *u)
{
	json_t *j = json_pack("{s:s}", "genre", kind_json(u->kind));

	if (u->number != NULL)
		json_object_set_new(j, "numero", json_string(u->number));
	if (u->kind == UNIT_ARTICLE)
		json_object_set_new(j, "titre", json_string(u->title));
	if (u->label != NULL)
		json_object_set_new(j, "etiquette", json_string(u->label));
	return j;
}

/* One block shown whole, removed or added. */
static void
whole_block(struct buf *text, json_t *blocks, const struct cblock *c,
    bool added, bool color)
{
	if (text != NULL) {
		buf_puts(text, "  ");
		buf_puts(text, c->prefix);
		if (added)
			put_added(text, c->text, strlen(c->text), color);
		else
			put_removed(text, c->text, strlen(c->text), color);
		buf_putc(text, '\n');
	}
	if (blocks != NULL)
		json_array_append_new(blocks, json_pack("{s:s,s:s}", "genre",
		    added ? "ajoute" : "retire", "texte", c->text));
}

static void
changed_block(struct buf *text, json_t *blocks, const struct cblock *o,
    const struct cblock *n, bool color)
{
	json_t *pieces = blocks != NULL ? json_array() : NULL;

	if (text != NULL) {
		buf_puts(text, "  ");
		buf_puts(text, n->prefix);
	}
	word_pieces(o->text, n->text, text, pieces, color);
	if (text != NULL)
		buf_putc(text, '\n');
	if (blocks != NULL)
		json_array_append_new(blocks, json_pack("{s:s,s:s,s:s,s:o}",
		    "genre", "modifie", "ancien", o->text, "nouveau", n->text,
		    "mots", pieces));
}

/* Two blocks sharing at least this part of their words are shown as
 * one block reworded, word by word; less alike, as one removed and
 * another added.  Pairing within a run of changed blocks compares each
 * removed block with each added one: at most this many pairs, beyond
 * which they are paired in order. */
#define BLOCK_SIMILAR_PERCENT	40
#define GAP_MAX_PAIRS	10000

/* Dice's coefficient of two blocks' words, in percent. */
static long
block_similarity(const struct cblock *x, const struct cblock *y)
{
	struct tok *a, *b;
	uint64_t *ha, *hb;
	size_t na, nb, i, j, common = 0;

	a = words(x->text, &na);
	b = words(y->text, &nb);
	if (na + nb == 0) {
		free(a);
		free(b);
		return 100;
	}
	ha = xcalloc(na + 1, sizeof(*ha));
	hb = xcalloc(nb + 1, sizeof(*hb));
	for (i = 0; i < na; i++)
		ha[i] = a[i].h;
	for (j = 0; j < nb; j++)
		hb[j] = b[j].h;
	qsort(ha, na, sizeof(*ha), by_hash);
	qsort(hb, nb, sizeof(*hb), by_hash);
	for (i = j = 0; i < na && j < nb;)
		if (ha[i] == hb[j]) {
			common++;
			i++;
			j++;
		} else if (ha[i] < hb[j])
			i++;
		else
			j++;
	free(a);
	free(b);
	free(ha);
	free(hb);
	return (long)(200 * common / (na + nb));
}

/* A run of removed blocks REM facing a run of added ones ADD, in
 * order: each removed block goes with the most alike added block after
 * the last one taken, if alike enough (an article's title always with
 * its title), and is shown word by word; the others whole, where they
 * stand. */
static void
gap(struct buf *text, json_t *blocks, const struct unit *o,
    const struct unit *n, const size_t *rem, size_t nr, const size_t *add,
    size_t na, bool color)
{
	size_t ri = 0, ai = 0, k, j, best;
	long score, top;
	bool bounded = nr * na <= GAP_MAX_PAIRS;

	for (k = 0; k < nr && ai < na; k++) {
		best = na;
		top = -1;
		if (!bounded) {
			best = ai;
			top = 100;
		}
		for (j = ai; j < na && bounded; j++) {
			score = rem[k] == 0 && add[j] == 0 &&
			    o->kind == UNIT_ARTICLE ? 100 :
			    block_similarity(&o->v[rem[k]], &n->v[add[j]]);
			if (score > top) {
				top = score;
				best = j;
			}
		}
		if (best == na || top < BLOCK_SIMILAR_PERCENT)
			continue;
		for (; ri < k; ri++)
			whole_block(text, blocks, &o->v[rem[ri]], false, color);
		for (; ai < best; ai++)
			whole_block(text, blocks, &n->v[add[ai]], true, color);
		changed_block(text, blocks, &o->v[rem[k]], &n->v[add[best]],
		    color);
		ri = k + 1;
		ai = best + 1;
	}
	for (; ri < nr; ri++)
		whole_block(text, blocks, &o->v[rem[ri]], false, color);
	for (; ai < na; ai++)
		whole_block(text, blocks, &n->v[add[ai]], true, color);
}

/* The blocks of two paired units aligned (Myers again, a block a
 * token), and each run of changed blocks shown by gap(). */
static void
blocks_diff(struct buf *text, json_t *blocks, const struct unit *o,
    const struct unit *n, bool color)
{
	struct tok *a = xcalloc(o->len + 1, sizeof(*a));
	struct tok *b = xcalloc(n->len + 1, sizeof(*b));
	struct edits e;
	size_t i, nr, na;
	size_t *rem, *add;

	for (i = 0; i < o->len; i++)
		a[i] = o->v[i].tok;
	for (i = 0; i < n->len; i++)
		b[i] = n->v[i].tok;
	memset(&e, 0, sizeof(e));
	diff_toks(a, o->len, b, n->len, &e);
	rem = xcalloc(e.len + 1, sizeof(*rem));
	add = xcalloc(e.len + 1, sizeof(*add));
	for (i = 0; i < e.len;) {
		if (e.v[i].op == EDIT_SAME) {
			i++;
			continue;
		}
		nr = na = 0;
		for (; i < e.len && e.v[i].op != EDIT_SAME; i++)
			if (e.v[i].op == EDIT_REMOVED)
				rem[nr++] = e.v[i].a;
			else
				add[na++] = e.v[i].b;
		gap(text, blocks, o, n, rem, nr, add, na, color);
	}
	free(rem);
	free(add);
	free(e.v);
	free(a);
	free(b);
}

static bool
same_blocks(const struct unit *o, const struct unit *n)
{
	size_t i;

	if (o->len != n->len)
		return false;
	for (i = 0; i < o->len; i++)
		if (!tok_eq(&o->v[i].tok, &n->v[i].tok))
			return false;
	return true;
}

static bool
same_number(const struct unit *o, const struct unit *n)
{
	if (o->number == NULL || n->number == NULL)
		return o->number == n->number;
	return strcmp(o->number, n->number) == 0;
}

/* One article's change: its line, its blocks.  O or N is NULL for an
 * article added or removed. */
static void
report(struct comparison *cmp, struct buf *text, json_t *changes,
    const struct unit *o, const struct unit *n)
{
	bool color = cmp->format == COMPARE_COLOR;
	bool renumbered = o != NULL && n != NULL && !same_number(o, n);
	bool reworded = o == NULL || n == NULL || !same_blocks(o, n);
	json_t *j = NULL, *blocks = NULL;
	enum change_kind kind;
	size_t i;

	kind = o == NULL ? CHANGE_ADDED : n == NULL ? CHANGE_REMOVED :
	    reworded ? CHANGE_REWORDED : CHANGE_RENUMBERED;
	if (changes != NULL) {
		j = json_pack("{s:s}", "genre", change_json(kind));
		if (o != NULL && n != NULL)
			json_object_set_new(j, "renumerote",
			    json_boolean(renumbered));
		if (o != NULL)
			json_object_set_new(j, "ancien", unit_json(o));
		if (n != NULL)
			json_object_set_new(j, "nouveau", unit_json(n));
		if (reworded) {
			blocks = json_array();
			json_object_set_new(j, "blocs", blocks);
		}
		json_array_append_new(changes, j);
	}
	if (text != NULL) {
		if (color)
			buf_puts(text, BOLD);
		text_heading(text, o, n);
		buf_printf(text, " %s", change_word(kind));
		if (kind == CHANGE_REWORDED && renumbered)
			buf_printf(text, " et %s", change_word(CHANGE_RENUMBERED));
		if (reworded)
			buf_puts(text, "\u00a0:");
		if (color)
			buf_puts(text, RESET);
		buf_putc(text, '\n');
	}
	if (o == NULL || n == NULL) {
		const struct unit *u = o != NULL ? o : n;

		for (i = 0; i < u->len; i++)
			whole_block(text, blocks, &u->v[i], o == NULL, color);
	} else if (reworded)
		blocks_diff(text, blocks, o, n, color);
	tally(cmp, kind, n != NULL ? n : o);
	if (kind == CHANGE_REWORDED && renumbered)
		tally(cmp, CHANGE_RENUMBERED, n);
}

static bool
changes(const struct unit *o, const struct unit *n)
{
	return o == NULL || n == NULL || !same_number(o, n) ||
	    !same_blocks(o, n);
}

struct comparison *
comparison_new(enum compare_format format)
{
	struct comparison *cmp = xcalloc(1, sizeof(*cmp));

	cmp->format = format;
	return cmp;
}

void
comparison_free(struct comparison *cmp)
{
	size_t i;

	if (cmp == NULL)
		return;
	for (i = 0; i < cmp->tallies.len; i++) {
		struct tally *t = cmp->tallies.items[i];

		free(t->kind);
		free(t->json_kind);
		free(t->name);
		free(t->title);
		free(t);
	}
	ptrvec_free(&cmp->tallies);
	for (i = 0; i < cmp->keys.len; i++)
		free(cmp->keys.items[i]);
	ptrvec_free(&cmp->keys);
	strmap_free(&cmp->by_key);
	free(cmp);
}

size_t
comparison_add(struct comparison *cmp, const struct doc *old,
    const struct doc *new, const char *client, struct buf *out)
{
	struct side o, n;
	struct buf text;
	json_t *list = NULL;
	size_t i = 0, j = 0, count = 0;
	bool json = cmp->format == COMPARE_JSON;

	split_doc(&o, old);
	split_doc(&n, new);
	match_units(&o, &n);
	buf_init(&text);
	if (json)
		list = json_array();
	/* In the new order, each removed article where it stood. */
	for (;;) {
		const struct unit *ou = NULL, *nu = NULL;

		while (i < o.len && o.v[i].done)
			i++;
		if (i < o.len && o.v[i].match < 0) {
			ou = &o.v[i];
			o.v[i].done = true;
		} else if (j < n.len) {
			nu = &n.v[j++];
			if (nu->match >= 0) {
				ou = &o.v[nu->match];
				o.v[nu->match].done = true;
			}
		} else
			break;
		if (!changes(ou, nu))
			continue;
		count++;
		report(cmp, json ? NULL : &text, list, ou, nu);
	}
	cmp->clients++;
	cmp->changed += count > 0;
	if (json) {
		json_t *obj = json_object();
		char *s;

		json_object_set_new(obj, "client", client != NULL ?
		    json_string(client) : json_null());
		json_object_set_new(obj, "modifications", list);
		s = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
		buf_puts(out, s);
		buf_putc(out, '\n');
		free(s);
		json_decref(obj);
	} else if (count > 0) {
		if (client != NULL) {
			buf_printf(out, "%s== ", cmp->format == COMPARE_COLOR ?
			    BOLD : "");
			put_safe(out, client, strlen(client));
			buf_printf(out, "%s\n", cmp->format == COMPARE_COLOR ?
			    RESET : "");
		}
		buf_put(out, text.data, text.len);
	}
	buf_free(&text);
	side_free(&o);
	side_free(&n);
	return count;
}

void
comparison_failed(struct comparison *cmp)
{
	cmp->failed++;
}

static int
by_count(const void *x, const void *y)
{
	const struct tally *a = *(struct tally *const *)x;
	const struct tally *b = *(struct tally *const *)y;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n > 1 ? many : one;
}

void
comparison_summary(const struct comparison *cmp, struct buf *out)
{
	struct tally **v = xcalloc(cmp->tallies.len + 1, sizeof(*v));
	size_t i, same = cmp->clients - cmp->changed;

	for (i = 0; i < cmp->tallies.len; i++)
		v[i] = cmp->tallies.items[i];
	qsort(v, cmp->tallies.len, sizeof(*v), by_count);
	if (cmp->format == COMPARE_JSON) {
		json_t *list = json_array(), *obj;
		char *s;

		for (i = 0; i < cmp->tallies.len; i++)
			json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:I}",
			    "genre", v[i]->json_kind, "partie",
			    kind_json(v[i]->unit), "titre", v[i]->title,
			    "contrats", (json_int_t)v[i]->count));
		obj = json_pack("{s:{s:I,s:I,s:I,s:I,s:o}}", "resume",
		    "contrats", (json_int_t)(cmp->clients + cmp->failed),
		    "modifies", (json_int_t)cmp->changed,
		    "identiques", (json_int_t)same,
		    "en_echec", (json_int_t)cmp->failed,
		    "modifications", list);
		s = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
		buf_puts(out, s);
		buf_putc(out, '\n');
		free(s);
		json_decref(obj);
		free(v);
		return;
	}
	buf_printf(out, "Résumé\u00a0: %zu %s, %zu %s, %zu %s",
	    cmp->clients + cmp->failed,
	    plural(cmp->clients + cmp->failed, "contrat comparé",
	    "contrats comparés"),
	    cmp->changed, plural(cmp->changed, "modifié", "modifiés"),
	    same, plural(same, "identique", "identiques"));
	if (cmp->failed > 0)
		buf_printf(out, ", %zu en échec", cmp->failed);
	buf_puts(out, "\n");
	for (i = 0; i < cmp->tallies.len; i++)
		buf_printf(out, "  %zu %s\u00a0: %s %s\n", v[i]->count,
		    plural(v[i]->count, "contrat", "contrats"), v[i]->name,
		    v[i]->kind);
	free(v);
}
