/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The token wrapper: between the raw flex scanner and the parser. */
#include <stdlib.h>
#include <string.h>

#include "syntax/scan.h"
#include "syntax/keywords.h"
#include "syntax/lexer.h"
#include "syntax/state.h"
#include "syntax/tokens.h"
#include "base/suggest.h"
#include "base/util.h"

static bool
has_string_value(int kind)
{
	switch (kind) {
	case IDENT: case STRING: case NUM: case MONTANT: case POURCENT:
	case DATE: case TEXT: case LABEL:
		return true;
	default:
		return false;
	}
}

/* Frees the semantic value a raw token owns. */
static void
tok_free(struct tok *t)
{
	if (has_string_value(t->kind))
		free(t->val.str);
	else if (t->kind == DUREE)
		free(t->val.dur.digits);
	t->kind = 0;
}

static void
toks_push(struct toks *ts, const struct tok *t)
{
	if (ts->len == ts->cap)
		ts->v = xreserve(ts->v, &ts->cap, ts->len, sizeof(*ts->v));
	ts->v[ts->len++] = *t;
}

static struct tok
make_tok(int kind, const struct loc *loc)
{
	struct tok t;

	memset(&t, 0, sizeof(t));
	t.kind = kind;
	t.loc = *loc;
	return t;
}

/* The next raw token, from the look-ahead buffer first. */
static struct tok
next_raw(struct parser *p)
{
	struct tok t;

	if (p->ahead_head < p->ahead.len) {
		t = p->ahead.v[p->ahead_head++];
		if (p->ahead_head == p->ahead.len)
			p->ahead_head = p->ahead.len = 0;
		return t;
	}
	memset(&t, 0, sizeof(t));
	if (p->finished) {
		t.kind = 0;
		lex_eof_loc(&p->lx, &t.loc);
		return t;
	}
	t.kind = raw_lex(&t.val, &t.loc, p->scanner);
	if (t.kind == 0) {
		p->finished = true;
		lex_eof_loc(&p->lx, &t.loc);
	}
	return t;
}

static void
push_back(struct parser *p, const struct tok *t)
{
	toks_push(&p->ahead, t);
}

static void
enqueue(struct parser *p, const struct tok *t)
{
	toks_push(&p->queue, t);
}

/* Header (rule 15): a statement ends where the next non-blank line
 * starts in column 1; statement words are keywords only there. */
static void
report_statement(struct parser *p, const struct tok *t)
{
	struct diagnostic *d;
	struct suggester sg;
	const char *word = keyword_word(t->kind);
	char *shown;

	if (word == NULL)
		word = t->kind == IDENT ? t->val.str : "?";
	shown = xstrdup(word);
	d = diag(p->ds, E_STATEMENT, &t->loc, shown);
	suggest_begin(&sg, shown);
	suggest_statements(&sg);
	diag_suggest(d, suggest_end(&sg));
	free(shown);
}

/* Header (rule 15): a statement ends where the next non-blank line
 * starts in column 1; statement words are keywords only there.  An
 * unknown statement is reported and skipped whole, continuation lines
 * included, so that the next statements are still checked. */
static void
header_fill(struct parser *p)
{
	struct tok t = next_raw(p);

	for (;;) {
		while (t.kind == NEWLINE) {
			struct tok next;

			if (p->stmt_empty && !p->skip_stmt) {
				t = next_raw(p);
				continue;
			}
			next = next_raw(p);
			while (next.kind == NEWLINE)
				next = next_raw(p);
			if (next.kind == SEP || next.kind == 0 ||
			    next.loc.col == 1) {
				if (p->skip_stmt) {
					p->skip_stmt = false;
					t = next;
					continue;
				}
				struct tok eol = make_tok(EOL, &t.loc);

				enqueue(p, &eol);
				p->stmt_empty = true;
				push_back(p, &next);
				return;
			}
			t = next;
		}
		if (t.kind == SEP || t.kind == 0) {
			p->skip_stmt = false;
			if (!p->stmt_empty) {
				struct tok eol = make_tok(EOL, &t.loc);

				enqueue(p, &eol);
			}
			p->stmt_empty = true;
			if (t.kind == SEP)
				p->in_header = false;
			enqueue(p, &t);
			return;
		}
		if (p->skip_stmt) {
			tok_free(&t);
			t = next_raw(p);
			continue;
		}
		break;
	}
	if (p->stmt_empty) {
		int kw = t.kind == IDENT ? statement_token(t.val.str) : 0;

		if (t.loc.col != 1 && !p->any_stmt)
			diag(p->ds, E_INDENTED_STATEMENT, &t.loc);
		p->any_stmt = true;
		if (kw != 0) {
			tok_free(&t);
			t.kind = kw;
			p->stmt_word = kw;
			free(p->stmt_name);
			p->stmt_name = NULL;
		} else {
			report_statement(p, &t);
			tok_free(&t);
			p->skip_stmt = true;
			/* Nothing reaches the parser for this statement. */
			return;
		}
	}
	if (t.kind == IDENT && strcmp(t.val.str, "liste") == 0) {
		struct tok next = next_raw(p);

		if (next.kind == IDENT && strcmp(next.val.str, "de") == 0) {
			t.loc.end_line = next.loc.end_line;
			t.loc.end_col = next.loc.end_col;
			tok_free(&t);
			tok_free(&next);
			t.kind = KW_LISTE_DE;
		} else
			push_back(p, &next);
	}
	/* The name a declaration introduces, for recovery after errors. */
	if (p->stmt_name == NULL && t.kind == IDENT &&
	    (p->stmt_word == KW_ENTREE || p->stmt_word == KW_SOIT ||
	    p->stmt_word == KW_PARAMETRE || p->stmt_word == KW_TYPE))
		p->stmt_name = xstrdup(t.val.str);
	p->stmt_empty = false;
	enqueue(p, &t);
}

/* Maps "{" + keyword to the tag-head token the grammar expects. */
static int
tag_head(struct parser *p, struct tok *open, struct toks *line, size_t *i)
{
	struct tok *kw;
	int head = 0;

	if (*i >= line->len)
		return 0;
	kw = &line->v[*i];
	switch (kw->kind) {
	case KW_SI: head = T_SI; break;
	case KW_FIN: head = T_FIN; break;
	case KW_SELON: head = T_SELON; break;
	case KW_CAS: head = T_CAS; break;
	case KW_AUTRE: head = T_AUTRE; break;
	case KW_INCLURE: head = T_INCLURE; break;
	case KW_SIGNATURES: head = T_SIGNATURES; break;
	case KW_REF: head = T_REF; break;
	case KW_NUMERO: head = T_NUMERO; break;
	case KW_SINON:
		head = T_SINON;
		if (*i + 1 < line->len && line->v[*i + 1].kind == KW_SI) {
			(*i)++;
			head = T_SINON_SI;
		}
		break;
	case IDENT:
		if (strcmp(kw->val.str, "pour") == 0 && *i + 1 < line->len &&
		    line->v[*i + 1].kind == IDENT &&
		    strcmp(line->v[*i + 1].val.str, "chaque") == 0) {
			tok_free(kw);
			(*i)++;
			kw = &line->v[*i];
			head = T_POUR;
		}
		break;
	default:
		break;
	}
	(void)p;
	if (head == 0)
		return 0;
	open->loc.end_line = line->v[*i].loc.end_line;
	open->loc.end_col = line->v[*i].loc.end_col;
	tok_free(&line->v[*i]);
	(*i)++;
	return head;
}

static bool
is_control_head(int kind)
{
	switch (kind) {
	case T_SI: case T_SINON_SI: case T_SINON: case T_FIN: case T_SELON:
	case T_CAS: case T_AUTRE: case T_POUR:
		return true;
	default:
		return false;
	}
}

static bool
is_blank_text(const struct tok *t)
{
	const char *s;

	if (t->kind != TEXT)
		return false;
	for (s = t->val.str; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t')
			continue;
		if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
			s++;
			continue;
		}
		return false;
	}
	return true;
}

static const char *
construct_word(int kind)
{
	switch (kind) {
	case T_SI: return "si";
	case T_SINON_SI: return "sinon si";
	case T_SINON: return "sinon";
	case T_FIN: return "fin";
	case T_SELON: return "selon";
	case T_CAS: return "cas";
	case T_AUTRE: return "autre";
	case T_POUR: return "pour chaque";
	case T_INCLURE: return "inclure";
	case T_SIGNATURES: return "signatures";
	default: return "?";
	}
}

/* Checks a control tag against the open constructs; false when the tag
 * is out of place and must be dropped.  QUALIFIER is the token after
 * {fin, if any. */
static bool
track_construct(struct parser *p, const struct tok *head,
    const struct tok *qualifier)
{
	struct open_construct *top = p->nstack > 0 ? &p->stack[p->nstack - 1] :
	    NULL;

	switch (head->kind) {
	case T_SI:
	case T_SELON:
	case T_POUR:
		if (p->nstack == MAX_NESTING) {
			diag(p->ds, E_NESTING, &head->loc, MAX_NESTING,
			    "« {si} », « {selon} » ou « {pour chaque} »");
			p->aborted = true;
			return false;
		}
		p->stack[p->nstack].kind = head->kind;
		p->stack[p->nstack].loc = head->loc;
		p->stack[p->nstack].seen_else = false;
		p->nstack++;
		return true;
	case T_SINON_SI:
		if (top == NULL || top->kind != T_SI) {
			diag(p->ds, E_STRAY_TAG, &head->loc, "sinon si",
			    "« {si …} »");
			return false;
		}
		if (top->seen_else) {
			diag(p->ds, E_ELSE_AFTER_ELSE, &head->loc, "sinon si");
			return false;
		}
		return true;
	case T_SINON:
		if (top == NULL || top->kind == T_SELON) {
			diag(p->ds, E_STRAY_TAG, &head->loc, "sinon",
			    "« {si …} » ni « {pour chaque …} »");
			return false;
		}
		if (top->seen_else) {
			diag(p->ds, E_ELSE_AFTER_ELSE, &head->loc, "sinon");
			return false;
		}
		top->seen_else = true;
		return true;
	case T_CAS:
	case T_AUTRE:
		if (top == NULL || top->kind != T_SELON) {
			diag(p->ds, E_STRAY_TAG, &head->loc,
			    construct_word(head->kind), "« {selon …} »");
			return false;
		}
		if (top->seen_else) {
			struct diagnostic *d = diag(p->ds, E_SYNTAX, &head->loc,
			    head->kind == T_CAS ?
			    "« {cas} » après « {autre} » : « {autre} » est la "
			    "dernière branche d'un « {selon} »" :
			    "« {autre} » deux fois dans le même « {selon} »");
			(void)d;
			return false;
		}
		if (head->kind == T_AUTRE)
			top->seen_else = true;
		return true;
	case T_FIN:
		if (top == NULL) {
			diag(p->ds, E_STRAY_TAG, &head->loc, "fin",
			    "« {si} », « {selon} » ni « {pour chaque} »");
			return false;
		}
		if (qualifier != NULL) {
			int want = 0;

			if (qualifier->kind == KW_SI)
				want = T_SI;
			else if (qualifier->kind == KW_SELON)
				want = T_SELON;
			else if (qualifier->kind == IDENT &&
			    strcmp(qualifier->val.str, "pour") == 0)
				want = T_POUR;
			if (want == 0 && qualifier->kind != TAG_CLOSE)
				diag(p->ds, E_SYNTAX, &qualifier->loc,
				    "après « fin », seuls « si », « selon » ou "
				    "« pour » peuvent préciser ce qui est fermé");
			else if (want != 0 && want != top->kind) {
				struct diagnostic *d = diag(p->ds,
				    E_FIN_MISMATCH, &head->loc,
				    want == T_POUR ? "pour" :
				    construct_word(want),
				    construct_word(top->kind));
				diag_note(d, &top->loc, "« {%s} » ouvert ici",
				    construct_word(top->kind));
			}
		}
		p->nstack--;
		return true;
	default:
		return true;
	}
}

/* Injects {fin} for every construct still open at the end of the file,
 * after reporting each at its opening tag. */
static void
close_open_constructs(struct parser *p, const struct loc *at)
{
	while (p->nstack > 0) {
		struct open_construct *c = &p->stack[--p->nstack];
		struct tok fin = make_tok(T_FIN, at);
		struct tok close = make_tok(TAG_CLOSE, at);

		if (!p->aborted)
			diag(p->ds, E_CONSTRUCT_UNCLOSED, &c->loc,
			    construct_word(c->kind));
		enqueue(p, &fin);
		enqueue(p, &close);
	}
}

static void
finish_body(struct parser *p, const struct tok *eof)
{
	close_open_constructs(p, &eof->loc);
	enqueue(p, eof);
}

/* Skips the tokens of one tag, from its head to its TAG_CLOSE; returns
 * the index after it. */
static size_t
skip_tag(const struct toks *line, size_t i)
{
	for (i++; i < line->len; i++)
		if (line->v[i].kind == TAG_CLOSE)
			return i + 1;
	return i;
}

static void
drop_tag(struct toks *line, size_t i)
{
	size_t end = skip_tag(line, i), k;

	for (k = i; k < end; k++)
		tok_free(&line->v[k]);
	for (k = i; k < end; k++)
		line->v[k].kind = COMMENT;	/* dropped when emitted */
}

/* Follows the lists of the literal source line by line, with the rules
 * build.c applies to the evaluated text (rule 10): a marker closes the
 * deeper lists, continues a list at its column or opens one; a
 * non-marker line closes the lists it is not deeper than, all of them
 * when it is not indented.  "N. " with N != 1 where no numbered list is
 * open at its column becomes prose (rule 9: "2026. Les parties…"). */
static void
track_lists(struct parser *p, struct tok *first, int indent)
{
	struct open_list *top;
	int col;
	bool ordered;

	if (first->kind == HEADING) {
		p->nlists = 0;
		return;
	}
	if (first->kind == NUMBERED || first->kind == BULLET) {
		col = first->kind == NUMBERED ? first->val.marker.col :
		    first->val.num;
		ordered = first->kind == NUMBERED;
		while (p->nlists > 0 && p->lists[p->nlists - 1].col > col)
			p->nlists--;
		top = p->nlists > 0 ? &p->lists[p->nlists - 1] : NULL;
		if (ordered && first->val.marker.n != 1 &&
		    (top == NULL || top->col != col || !top->ordered)) {
			long n = first->val.marker.n;

			first->kind = TEXT;
			first->val.str = xasprintf("%ld. ", n);
		} else {
			if (top == NULL || top->col != col) {
				p->lists = xgrow(p->lists, p->nlists,
				    sizeof(*p->lists));
				top = &p->lists[p->nlists++];
				top->col = col;
			}
			top->ordered = ordered;
			return;
		}
	}
	if (indent == 0)
		p->nlists = 0;
	while (p->nlists > 0 && p->lists[p->nlists - 1].col >= indent)
		p->nlists--;
}

/* Reads one body source line and queues what the parser must see of it
 * (rules 2 and 9 of the language details). */
static void
body_fill(struct parser *p)
{
	/* Kept across lines, with its room (scan_end frees it). */
	struct toks *line = &p->line;
	struct tok t, end;
	size_t i, o;
	bool standalone = true, has_block = false, has_other = false;
	int indent;

	if (p->aborted) {
		struct loc at;

		lex_eof_loc(&p->lx, &at);
		t = make_tok(0, &at);
		p->finished = true;
		finish_body(p, &t);
		return;
	}
	t = next_raw(p);
	if (t.kind == BLANKLINE) {
		t.kind = PARBREAK;
		enqueue(p, &t);
		return;
	}
	if (t.kind == 0) {
		finish_body(p, &t);
		return;
	}
	indent = p->lx.indent;
	line->len = 0;
	while (t.kind != NEWLINE && t.kind != 0) {
		toks_push(line, &t);
		t = next_raw(p);
	}
	end = t;

	/* Tag heads become single tokens, in place: a token written at O
	 * replaces one already read (tag_head reads from I on). */
	for (i = 0, o = 0; i < line->len;) {
		struct tok cur = line->v[i++];

		if (cur.kind == TAG_OPEN) {
			int head = tag_head(p, &cur, line, &i);

			if (head != 0)
				cur.kind = head;
		}
		line->v[o++] = cur;
	}
	line->len = o;

	/* Classify the line and track the open constructs. */
	for (i = 0; i < line->len;) {
		struct tok *cur = &line->v[i];

		if (cur->kind == COMMENT || is_blank_text(cur)) {
			i++;
			continue;
		}
		if (is_control_head(cur->kind)) {
			const struct tok *qualifier = NULL;
			/* Found before the tag may be dropped: dropping turns
			 * its closing brace into a comment too, and searching
			 * for it afterwards would skip the rest of the line
			 * (a later {fin} there would go untracked). */
			size_t next = skip_tag(line, i);

			if (cur->kind == T_FIN && i + 1 < line->len &&
			    line->v[i + 1].kind != TAG_CLOSE)
				qualifier = &line->v[i + 1];
			if (!track_construct(p, cur, qualifier)) {
				drop_tag(line, i);
				if (p->aborted)
					break;
			}
			i = next;
			continue;
		}
		if (cur->kind == T_INCLURE || cur->kind == T_SIGNATURES) {
			if (has_block)
				has_other = true;
			has_block = true;
			i = skip_tag(line, i);
			continue;
		}
		standalone = false;
		has_other = true;
		i++;
	}
	if (has_block && has_other) {
		for (i = 0; i < line->len; i++)
			if (line->v[i].kind == T_INCLURE ||
			    line->v[i].kind == T_SIGNATURES) {
				diag(p->ds, E_BLOCK_NOT_ALONE, &line->v[i].loc,
				    construct_word(line->v[i].kind));
				break;
			}
	}
	if (has_block)
		standalone = true;

	if (!standalone && line->len > 0)
		track_lists(p, &line->v[0], indent);

	if (!standalone) {
		struct tok lt = make_tok(LINE, line->len > 0 ? &line->v[0].loc :
		    &end.loc);

		lt.val.num = indent;
		enqueue(p, &lt);
	}
	for (i = 0; i < line->len; i++) {
		if (line->v[i].kind == COMMENT)
			continue;
		if (standalone && is_blank_text(&line->v[i])) {
			tok_free(&line->v[i]);
			continue;
		}
		enqueue(p, &line->v[i]);
	}
	if (end.kind == 0) {
		finish_body(p, &end);
		return;
	}
	if (!standalone) {
		end.kind = SOFTNL;
		enqueue(p, &end);
	}
	if (p->aborted) {
		struct tok eof = make_tok(0, &end.loc);

		p->finished = true;
		finish_body(p, &eof);
	}
}

void
scan_begin(struct parser *p, const struct source *src, struct diags *ds,
    const char *text, size_t len, const struct loc *start,
    enum lex_start start_kind)
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
	p->in_header = start_kind == LEX_START_HEADER;
	p->in_tstring = p->lx.in_tstring = start_kind == LEX_START_TSTRING;
	p->start_token = p->in_tstring ? START_TSTRING : START_FILE;
	lex_open(p, start_kind);
}

void
scan_end(struct parser *p)
{
	size_t i;

	for (i = p->qhead; i < p->queue.len; i++)
		tok_free(&p->queue.v[i]);
	free(p->queue.v);
	for (i = p->ahead_head; i < p->ahead.len; i++)
		tok_free(&p->ahead.v[i]);
	free(p->ahead.v);
	free(p->line.v);
	free(p->stmt_name);
	free(p->lists);
	lex_close(p);
}

int
lgc_yylex(LGC_YYSTYPE *lval, struct loc *lloc, struct parser *p)
{
	struct tok t;

	if (p->start_token != 0) {
		int start = p->start_token;

		p->start_token = 0;
		lloc->src = p->src;
		lloc->line = lloc->end_line = 1;
		lloc->col = lloc->end_col = 1;
		return start;
	}
	while (p->qhead == p->queue.len) {
		p->qhead = p->queue.len = 0;
		if (p->in_tstring) {
			t = next_raw(p);
			enqueue(p, &t);
		} else if (p->in_header)
			header_fill(p);
		else
			body_fill(p);
	}
	*lval = p->queue.v[p->qhead].val;
	*lloc = p->queue.v[p->qhead].loc;
	return p->queue.v[p->qhead++].kind;
}
