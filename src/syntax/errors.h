/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Syntax errors, as the grammar (grammar/parser.y) reports them. */
#ifndef LGC_SYNTAX_ERRORS_H
#define LGC_SYNTAX_ERRORS_H

#include "syntax/state.h"

/* Reports a syntax error at L.  TOKEN is the grammar's name of the
 * unexpected symbol and EXPECTED those of the NEXPECTED symbols that
 * could come instead; NULL stands for the end of the input. */
void	p_syntax_error(struct parser *p, const struct loc *l,
	    const char *token, const char *const *expected, int nexpected);
/* What bison reports besides syntax errors: only its stack running out. */
void	lgc_yyerror(struct loc *lloc, struct parser *p, const char *msg);

#endif
