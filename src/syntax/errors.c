/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Syntax errors: what the grammar's tables reject, said in the terms
 * the author wrote (the token's text, the symbols that could come
 * instead), with a hint for the mistakes a reader of the design makes
 * and the French way of writing numbers (« 12,5 », « 1 500 »). */
#include <stdlib.h>
#include <string.h>

#include "syntax/errors.h"
#include "syntax/ast.h"
#include "syntax/state.h"
#include "base/diag.h"
#include "base/source.h"
#include "base/util.h"

/* Display name of a grammar symbol: « si », « nom », « fin de fichier ».
 * NAME is the grammar's, NULL for the end of the input. */
static void
symbol_display(struct buf *b, const char *name)
{
	size_t n;

	if (name == NULL) {
		buf_puts(b, "la fin du fichier");
		return;
	}
	n = strlen(name);
	if (n >= 2 && name[0] == '"' && strncmp(name + 1, "«", 2) == 0)
		buf_put(b, name + 1, n - 2);
	else if (n >= 2 && (name[0] == '"' || name[0] == '\'') &&
	    name[n - 1] == name[0])
		buf_printf(b, "« %.*s »", (int)(n - 2), name + 1);
	else if (strcmp(name, "error") == 0 || strcmp(name, "invalid token") == 0)
		buf_puts(b, "un symbole invalide");
	else
		buf_printf(b, "« %s »", name);
}

static bool
symbol_is(const char *symbol, const char *name)
{
	return symbol != NULL && strcmp(symbol, name) == 0;
}

static bool
symbol_expected(const char *const *expected, int nexpected,
    const char *name)
{
	int i;

	for (i = 0; i < nexpected; i++)
		if (symbol_is(expected[i], name))
			return true;
	return false;
}

static bool
src_char_at(const struct loc *l, int col_offset, char *out)
{
	const char *line;
	size_t len, i;
	int col = 1, want = l->col + col_offset;

	if (!source_line(l->src, l->line, &line, &len) || want < 1)
		return false;
	for (i = 0; i < len; i++) {
		if (((unsigned char)line[i] & 0xC0) == 0x80)
			continue;
		if (col == want) {
			*out = line[i];
			return true;
		}
		col++;
	}
	return false;
}

/* The source text of a one-line token at L, when short: what the author
 * wrote, rather than the kind of token ("« and »", not "« nom »"). */
static bool
token_text(const struct loc *l, struct buf *out)
{
	const char *line;
	size_t len, i, start = 0, end = 0;
	int col = 1;
	bool in = false;

	if (l->src == NULL || l->end_line != l->line || l->end_col < l->col ||
	    l->end_col - l->col > 30 ||
	    !source_line(l->src, l->line, &line, &len))
		return false;
	for (i = 0; i <= len; i++) {
		if (i < len && ((unsigned char)line[i] & 0xC0) == 0x80)
			continue;
		if (col == l->col) {
			start = i;
			in = true;
		}
		if (col == l->end_col + 1) {	/* end_col is inclusive */
			end = i;
			break;
		}
		col++;
	}
	if (!in || end <= start)
		return false;
	buf_put(out, line + start, end - start);
	return true;
}

/* Words of other languages a template author types by habit. */
static const char *
foreign_word_hint(const char *w)
{
	static const struct {
		const char *word, *hint;
	} words[] = {
		{ "and", "en lgc, « et »" }, { "or", "en lgc, « ou »" },
		{ "not", "en lgc, « non »" },
		{ "alors", "« {si condition} » n'a pas de « alors »" },
		{ "then", "« {si condition} » n'a pas de « alors »" },
		{ "if", "en lgc, « {si …} »" }, { "else", "en lgc, « {sinon} »" },
		{ "end", "en lgc, « {fin} »" }, { "endif", "en lgc, « {fin} »" },
		{ "sinon", "« {sinon} » s'écrit seul dans ses accolades, "
		    "« {sinon si …} » pour une autre condition" },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(w, words[i].word) == 0)
			return words[i].hint;
	return NULL;
}

/* What to write instead, for the mistakes a reader of the design makes:
 * the parser's tables only know that a token cannot come here. */
static const char *
syntax_hint(const char *token, const struct loc *l,
    const char *const *expected, int nexpected)
{
	static const char *const comparisons[] = {
		"'<'", "'>'", "'='", "<=", ">=", "!="
	};
	size_t i;
	char before;

	if (token == NULL)
		return NULL;
	if (symbol_is(token, "'='") && src_char_at(l, -1, &before) &&
	    before == '=')
		return "en lgc, l'égalité s'écrit « = », une seule fois";
	/* After a whole comparison, "et" could follow; another one cannot. */
	for (i = 0; i < sizeof(comparisons) / sizeof(comparisons[0]); i++)
		if (symbol_is(token, comparisons[i]) &&
		    symbol_expected(expected, nexpected, "et"))
			return "les comparaisons ne s'enchaînent pas : reliez-les "
			    "par « et », comme dans « 2 < n et n < 5 »";
	/* Inside the braces of a record type. */
	if ((symbol_is(token, "si") || symbol_is(token, "optionnel")) &&
	    symbol_expected(expected, nexpected, "« } » d'enregistrement"))
		return "un champ d'enregistrement ne prend ni « si » ni "
		    "« optionnel » : donnez-lui une valeur par défaut "
		    "(« email : texte = \"\" »)";
	return NULL;
}

/* The digits of the source line around column COL (1-based), as they
 * run left from COL - 1 and right from COL + 1. */
static void
digits_around(const struct loc *l, int left_end, int right_start,
    struct buf *left, struct buf *right)
{
	int c;
	char ch;

	for (c = left_end; src_char_at(l, c - l->col, &ch) && ch >= '0' &&
	    ch <= '9'; c--)
		;
	for (c++; c <= left_end; c++)
		if (src_char_at(l, c - l->col, &ch))
			buf_putc(left, ch);
	for (c = right_start; src_char_at(l, c - l->col, &ch) && ch >= '0' &&
	    ch <= '9'; c++)
		buf_putc(right, ch);
}

/* " €" or " %" when the number at column COL is followed by one. */
static const char *
unit_after(const struct loc *l, int col)
{
	char ch;
	int c = col;

	while (src_char_at(l, c - l->col, &ch) && ch == ' ')
		c++;
	if (src_char_at(l, c - l->col, &ch) && ch == '%')
		return " %";
	/* The euro sign's first byte. */
	if (src_char_at(l, c - l->col, &ch) && (unsigned char)ch == 0xE2)
		return " €";
	return "";
}

/* "12,5" and "1 500" in code: the French way to write numbers, which the
 * code does not use; reported with the literal to write instead. */
static bool
number_written_in_french(struct parser *p, const struct loc *l)
{
	char before, after, next;
	struct buf left, right;
	char *fixed;

	if (!src_char_at(l, -1, &before) || !src_char_at(l, 0, &after))
		return false;
	buf_init(&left);
	buf_init(&right);
	if (before >= '0' && before <= '9' && after == ',' &&
	    src_char_at(l, 1, &next) && next >= '0' && next <= '9') {
		digits_around(l, l->col - 1, l->col + 1, &left, &right);
		fixed = xasprintf("%s.%s%s", buf_cstr(&left), buf_cstr(&right),
		    unit_after(l, l->col + 1 + (int)right.len));
		diag(p->ds, E_NUM_COMMA, l, fixed);
	} else if (before == ' ' && src_char_at(l, -2, &next) && next >= '0' &&
	    next <= '9' && after >= '0' && after <= '9') {
		digits_around(l, l->col - 2, l->col, &left, &right);
		/* Only a group of three is a thousands space: in
		 * « entre 1 36 » a word is missing, not a space too many. */
		if (right.len != 3 || left.len > 3) {
			buf_free(&left);
			buf_free(&right);
			return false;
		}
		fixed = xasprintf("%s%s%s", buf_cstr(&left), buf_cstr(&right),
		    unit_after(l, l->col + (int)right.len));
		diag(p->ds, E_NUM_SPACE, l, fixed);
	} else {
		buf_free(&left);
		buf_free(&right);
		return false;
	}
	free(fixed);
	buf_free(&left);
	buf_free(&right);
	return true;
}

void
p_syntax_error(struct parser *p, const struct loc *l, const char *token,
    const char *const *expected, int nexpected)
{
	struct buf msg, written;
	const char *hint, *foreign = NULL;
	int i;

	if (p->in_header && p->stmt_name != NULL && p->file != NULL) {
		struct file_ast *f = p->file;

		f->broken = xgrow(f->broken, f->nbroken, sizeof(*f->broken));
		f->broken[f->nbroken++] = p->stmt_name;
		p->stmt_name = NULL;
	}
	if (number_written_in_french(p, l))
		return;
	buf_init(&msg);
	buf_init(&written);
	buf_puts(&msg, "erreur de syntaxe : ");
	if (token == NULL)
		buf_puts(&msg, "fin du fichier inattendue");
	else if ((symbol_is(token, "nom") || symbol_is(token, "nombre") ||
	    symbol_is(token, "$undefined") || symbol_is(token, "invalid token")) &&
	    token_text(l, &written)) {
		buf_printf(&msg, "« %s » inattendu", buf_cstr(&written));
		foreign = foreign_word_hint(buf_cstr(&written));
	} else {
		symbol_display(&msg, token);
		buf_puts(&msg, " inattendu");
	}
	if (nexpected > 0 && nexpected <= 5) {
		buf_puts(&msg, " ; attendu : ");
		for (i = 0; i < nexpected; i++) {
			if (i > 0)
				buf_puts(&msg, i == nexpected - 1 ? " ou " : ", ");
			symbol_display(&msg, expected[i]);
		}
	}
	hint = foreign != NULL ? foreign :
	    syntax_hint(token, l, expected, nexpected);
	buf_free(&written);
	if (hint != NULL)
		diag_hint(diag(p->ds, E_SYNTAX, l, buf_cstr(&msg)), "%s", hint);
	else
		diag(p->ds, E_SYNTAX, l, buf_cstr(&msg));
	buf_free(&msg);
}

void
lgc_yyerror(struct loc *lloc, struct parser *p, const char *msg)
{
	/* Only "memory exhausted" reaches here (parse.error custom). */
	(void)msg;
	diag(p->ds, E_NESTING, lloc, MAX_PARSE_STACK, "constructions");
}
