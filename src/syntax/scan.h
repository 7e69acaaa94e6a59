/* The scanner's shared state and the token wrapper between the flex
 * scanner (grammar/lexer.l) and the bison parser (grammar/parser.y).
 * The wrapper applies the line rules the grammar cannot express:
 * standalone control lines (rule 2), header statement ends (rule 15),
 * statement words, two-word keywords, list markers and the stack of
 * open constructs (unclosed, stray and too deeply nested tags). */
#ifndef LGC_SCAN_H
#define LGC_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "syntax/ast.h"
#include "base/diag.h"
#include "base/source.h"

#define MAX_NESTING	64	/* open {si}/{selon}/{pour chaque} */
#define MAX_EXPR_DEPTH	200	/* nested operators in one expression */
#define MAX_PARSE_STACK	2000	/* bison stack: deep right recursion */

/* What flex needs between tokens. */
struct lexer {
	const struct source *src;
	struct diags	*ds;
	size_t		 off;		/* byte offset of the next character */
	size_t		 tok_off;	/* byte offset of the current token */
	bool		 in_tstring;	/* scanning the inside of a string */
	int		 line, col;
	int		 depth;		/* braces inside a tag */
	int		 parens;	/* parentheses and braces in the header */
	int		 indent;	/* of the current body line */
	bool		 double_brace;	/* tag opened by "{{" */
	bool		 swallow_rbrace;
	struct loc	 tag_start;
	struct loc	 comment_start;
	size_t		 text_len;	/* length of the scanned text */
	const char	*text;		/* the scanned text */
};

enum lex_start {
	LEX_START_HEADER,
	LEX_START_BODY,
	LEX_START_TSTRING
};

/* Defined in the generated scanner: selects the first start condition. */
void	lex_begin(void *scanner, enum lex_start start);
/* The keyword token for an identifier-shaped word, or 0. */
int	keyword_token(const char *word);

/* The line of the header/body separator: the first line that is exactly
 * "---" outside a body comment (details, rule 7), or 0 when the file is
 * all body. */
int	separator_line(const struct source *src);

/* Parses SRC into a new file_ast (never NULL; parse_failed is set
 * after errors, which are reported through DS). */
struct file_ast *parse_file(struct source *src, struct diags *ds);

/* Parses the inside of a string with {expr} parts.  LOC is where the
 * string's text starts; RAW is as written, escapes included. */
struct tstring *parse_tstring(const struct source *src, struct diags *ds,
	    const char *raw, size_t len, const struct loc *loc);

#endif
