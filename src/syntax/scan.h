/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The token wrapper between the flex scanner (grammar/lexer.l) and the
 * bison parser (grammar/parser.y).  It applies the line rules the
 * grammar cannot express: standalone control lines (rule 2), header
 * statement ends (rule 15), statement words, two-word keywords, list
 * markers and the stack of open constructs (unclosed, stray and too
 * deeply nested tags). */
#ifndef LGC_SYNTAX_SCAN_H
#define LGC_SYNTAX_SCAN_H

#include <stddef.h>

#include "syntax/lexer.h"
#include "syntax/state.h"
#include "syntax/tokens.h"
#include "base/diag.h"
#include "base/source.h"

/* Sets P up to read LEN bytes of TEXT, a part of SRC starting at START
 * (NULL: at its beginning), as START_KIND says; scan_end() frees what
 * it holds. */
void	scan_begin(struct parser *p, const struct source *src,
	    struct diags *ds, const char *text, size_t len,
	    const struct loc *start, enum lex_start start_kind);
void	scan_end(struct parser *p);
/* The parser's next token. */
int	lgc_yylex(LGC_YYSTYPE *lval, struct loc *lloc, struct parser *p);

#endif
