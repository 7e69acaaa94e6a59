/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The state of one parse, shared inside the syntax stage by the flex
 * scanner (grammar/lexer.l), the token wrapper (scan.c), the grammar
 * (grammar/parser.y), its actions (actions.c) and its error messages
 * (errors.c).  Nothing outside src/syntax includes it. */
#ifndef LGC_SYNTAX_STATE_H
#define LGC_SYNTAX_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "syntax/ast.h"
#include "syntax/tokens.h"
#include "base/diag.h"
#include "base/source.h"

#define MAX_NESTING	64	/* open {si}/{selon}/{pour chaque} */
#define MAX_EXPR_DEPTH	200	/* nested operators in one expression */
#define MAX_PARSE_STACK	2000	/* bison stack: deep right recursion */

/* Prefix the scanner gives the text of an escaped quote or apostrophe
 * (\" or \', rule 8), for p_text_node to set node.escaped: a byte that
 * never occurs in valid UTF-8 cannot be mistaken for written text. */
#define TEXT_ESCAPED	"\xff"

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

struct tok {
	int		 kind;
	LGC_YYSTYPE	 val;
	struct loc	 loc;
};

struct toks {
	struct tok	*v;
	size_t		 len;
	size_t		 cap;		/* kept across lines (xreserve) */
};

struct open_construct {
	int		 kind;		/* T_SI, T_SELON, T_POUR */
	struct loc	 loc;
	bool		 seen_else;	/* {sinon} (si, pour) or {autre} (selon) */
};

/* The string being scanned (grammar/lexer.l): its end is found when its
 * opening quote is read, then its text is consumed up to there. */
struct raw_string {
	struct loc	 start;		/* the opening quote */
	size_t		 from;		/* byte offset of the opening quote */
	size_t		 end;		/* byte offset just past the string */
	bool		 closed;	/* ends with its closing quote */
	int		 state;		/* the start condition to go back to */
	int		 budget_line;	/* the line the budget is for */
	size_t		 budget;	/* left for nested readings there */
};

struct parser {
	struct lexer	 lx;		/* the scanner's state (its extra is
					 * the parser) */
	struct raw_string rawstr;
	struct loc	 tag_eof;	/* the "}" made up for an open tag */
	bool		 tag_eof_set;
	void		*scanner;
	char		*lexbuf;	/* the copy of lx.text it scans */
	struct diags	*ds;
	const struct source *src;
	struct file_ast	*file;		/* LEX_START_HEADER/BODY result */
	struct ast_pool	*pool;		/* the file's, for nodes and expressions */
	struct tstring	*tstring;	/* LEX_START_TSTRING result */
	int		 start_token;	/* sent first, then 0 */
	bool		 in_header;
	bool		 in_tstring;

	struct toks	 queue;		/* ready for the parser */
	size_t		 qhead;
	struct toks	 ahead;		/* raw tokens read ahead */
	size_t		 ahead_head;
	struct toks	 line;		/* the body line being read */

	bool		 stmt_empty;	/* header: nothing since the last EOL */
	bool		 skip_stmt;	/* header: an unknown statement */
	int		 stmt_word;	/* header: the statement's keyword */
	char		*stmt_name;	/* header: the name it declares */
	bool		 seen_langue;
	bool		 too_deep;	/* an expression hit MAX_EXPR_DEPTH */
	struct loc	 other_loc;	/* the last {autre} reduced */
	bool		 any_stmt;
	/* The lists open in the literal source, as build.c will nest them:
	 * "N. " with N != 1 is a marker only at the column of an open
	 * numbered list (rule 9). */
	struct open_list {
		int	 col;
		bool	 ordered;
	}		*lists;
	size_t		 nlists;
	struct open_construct stack[MAX_NESTING];
	int		 nstack;
	bool		 aborted;	/* stop reading: a limit was hit */
	bool		 finished;
};

#endif
