/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The syntax stage's entry points: a file parsed into its syntax tree,
 * then the passes that need the whole tree (heading marks, emphasis
 * pairs); and the line that separates the header from the body. */
#include <stdlib.h>
#include <string.h>

#include "syntax/parse.h"
#include "syntax/ast.h"
#include "syntax/scan.h"
#include "syntax/state.h"
#include "syntax/tokens.h"
#include "base/diag.h"
#include "base/source.h"
#include "base/util.h"

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
	/* On the stack when the list is short, as most branches are. */
	struct node *open_here[32], **open = open_here;
	int items_here[32], *items = items_here;
	size_t nopen = 0, i, j, nitems = 0;
	bool heading_line = false;

	/* The columns of the open list markers, as build.c folds lines
	 * into lists: a list item starts a paragraph, and so does a
	 * non-marker line that is not deeper than the item it follows
	 * (it ends that list, details rule 10). */
	if (ns->len + 1 > sizeof(open_here) / sizeof(open_here[0])) {
		items = xcalloc(ns->len + 1, sizeof(*items));
		open = xcalloc(ns->len + 1, sizeof(*open));
	}
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
	if (open != open_here) {
		free(open);
		free(items);
	}
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
		/* Each "{--" opens, each "--}" closes, left to right: only
		 * the first character of the one awaited is searched for. */
		for (k = 0; k + 2 < len;) {
			const char *at = memchr(line + k, in_comment ? '-' : '{',
			    len - 2 - k);

			if (at == NULL)
				break;
			k = (size_t)(at - line);
			if (memcmp(line + k, in_comment ? "--}" : "{--", 3) == 0) {
				in_comment = !in_comment;
				k += 3;
			} else
				k++;
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

struct file_ast *
parse_file(struct source *src, struct diags *ds)
{
	struct parser p;
	int errors = diags_count(ds, SEV_ERROR);
	bool has_header = separator_line(src) > 0;

	scan_begin(&p, src, ds, src->text, src->len, NULL,
	    has_header ? LEX_START_HEADER : LEX_START_BODY);
	p.file = xcalloc(1, sizeof(*p.file));
	p.file->pool = p.pool = ast_pool_new();
	p.file->src = src;
	p.file->has_header = has_header;
	if (lgc_yyparse(&p) != 0 || diags_count(ds, SEV_ERROR) > errors)
		p.file->parse_failed = true;
	fold_heading_marks(&p, &p.file->body);
	match_emphasis(&p, &p.file->body);
	scan_end(&p);
	return p.file;
}
