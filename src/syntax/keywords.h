/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The reserved words of the language and the header's statement words,
 * as tokens of the grammar.  The flex scanner reads its words here, so
 * this module calls back into neither the scanner nor the parser. */
#ifndef LGC_SYNTAX_KEYWORDS_H
#define LGC_SYNTAX_KEYWORDS_H

struct suggester;

/* The keyword token for an identifier-shaped word, or 0. */
int	keyword_token(const char *word);
/* The statement token for a header statement's first word, or 0. */
int	statement_token(const char *word);
/* How a keyword token is shown (its accented spelling when it has
 * two), or NULL for any other token. */
const char *keyword_word(int token);
/* Offers every statement word to SG. */
void	suggest_statements(struct suggester *sg);

#endif
