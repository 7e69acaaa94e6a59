/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The raw flex scanner of grammar/lexer.l, as the token wrapper (scan.c)
 * drives it: one scanner per parse, whose extra is the parser. */
#ifndef LGC_SYNTAX_LEXER_H
#define LGC_SYNTAX_LEXER_H

#include <stddef.h>

#include "syntax/state.h"
#include "syntax/tokens.h"

/* The scanner's first start condition: what the text is. */
enum lex_start {
	LEX_START_HEADER,	/* a file with a header */
	LEX_START_BODY,		/* a file that is all body */
	LEX_START_TSTRING	/* the inside of a string with {expr} parts */
};

/* Opens P's scanner on P->lx.text, P->lx.text_len bytes. */
void	lex_open(struct parser *p, enum lex_start start);
void	lex_close(struct parser *p);
/* The next raw token (0 at the end), its value in *VAL. */
int	raw_lex(LGC_YYSTYPE *val, struct loc *loc, void *scanner);
/* Where a token at the end of the input is: past the final newline,
 * at the end of the last line, so that a diagnostic there can quote it. */
void	lex_eof_loc(const struct lexer *lx, struct loc *loc);

#endif
