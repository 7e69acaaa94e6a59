/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The syntax tree of one .lgc file.  Every node carries its location.
 * The checker annotates expressions (type, symbol) in place. */
#ifndef LGC_AST_H
#define LGC_AST_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "lang/types.h"

struct symbol;
struct file_ast;

enum expr_kind {
	EX_LITERAL,	/* number, montant, %, durée, date, text, vrai/faux */
	EX_NAME,
	EX_FIELD,	/* obj.name */
	EX_CALL,	/* f(args), x | f args */
	EX_RECORD,	/* T { f = e, … } */
	EX_NEG,		/* -x */
	EX_NOT,		/* non x */
	EX_BINARY,
	EX_EXISTS,	/* x existe */
	EX_LIST		/* [a, b, c] */
};

/* What a call names when its argument is the variable of a {pour
 * chaque}: the item's place in the list rather than a function. */
enum loop_query {
	LOOP_NONE,
	LOOP_RANG,	/* rang(x): 1, 2, … */
	LOOP_PREMIER,	/* premier(x): the first item */
	LOOP_DERNIER	/* dernier(x): the last item */
};

enum binop {
	OP_ADD, OP_SUB, OP_MUL, OP_DIV,
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
	OP_AND, OP_OR
};

struct field_init {
	char		*name;
	struct loc	 loc;
	struct expr	*value;
};

struct expr {
	enum expr_kind	 kind;
	struct loc	 loc;
	int		 depth;		/* nesting, bounded by the parser */
	bool		 pooled;	/* in its file's pool: expr_free leaves
					 * the struct itself to the pool */
	union {
		struct value	 literal;	/* EX_LITERAL; kind T_ENTIER or
						 * T_DECIMAL for plain numbers */
		char		*name;		/* EX_NAME */
		struct {
			struct expr	*obj;
			char		*name;
			struct loc	 name_loc;
		} field;
		struct {
			char		*name;
			struct loc	 name_loc;
			struct expr	**args;
			size_t		 nargs;
			bool		 piped;
		} call;
		struct {
			char		*type_name;
			struct field_init *fields;
			size_t		 nfields;
		} record;
		struct expr	*operand;	/* EX_NEG, EX_NOT, EX_EXISTS */
		struct {
			enum binop	 op;
			struct expr	*lhs, *rhs;
		} binary;
		struct {
			struct expr	**items;
			size_t		 n;
		} list;			/* EX_LIST */
	} u;

	/* Set by the checker. */
	const struct type *type;
	const struct symbol *sym;	/* EX_NAME naming a symbol */
	int		 choice;	/* EX_NAME naming a choice value, else -1 */
	int		 field_index;	/* EX_FIELD */
	const struct function *fn;	/* EX_CALL */
	enum loop_query	 loop_query;	/* EX_CALL of rang, premier, dernier */
	const struct type *record_type;	/* EX_RECORD */
};

/* A string with {expr} parts (titre, exiger messages). */
struct tstring_part {
	char		*text;		/* literal text, or NULL */
	struct expr	*expr;		/* interpolated expression, or NULL */
};

struct tstring {
	struct tstring_part *parts;
	size_t		 len;
	struct loc	 loc;
};

enum type_expr_kind {
	TE_NAME,
	TE_CHOICE,
	TE_LIST
};

struct type_expr {
	enum type_expr_kind kind;
	struct loc	 loc;
	char		*name;			/* TE_NAME */
	struct choice_value *values;		/* TE_CHOICE */
	size_t		 nvalues;
	struct type_expr *elem;			/* TE_LIST */
};

/* A constraint as written: bounds are constant expressions. */
struct cstr_expr {
	enum constraint_kind kind;
	struct loc	 loc;
	struct expr	*lo, *hi;
	struct expr	**set;
	size_t		 nset;
};

struct field_decl {
	char		*name;
	struct loc	 loc;
	struct type_expr *type;
	struct cstr_expr *cstr;
	struct expr	*def;
	char		*label;
};

struct type_decl {
	char		*name;
	struct loc	 loc;
	char		*parent;		/* "partie avec {…}", or NULL */
	struct loc	 parent_loc;
	struct field_decl *fields;		/* record (with or without parent) */
	size_t		 nfields;
	bool		 is_record;
	struct type_expr *alias;		/* type t = choix(…) */
	const struct type *type;		/* set by the checker */
};

enum decl_kind {
	DECL_ENTREE,
	DECL_PARAMETRE,
	DECL_SOIT
};

struct decl {
	enum decl_kind	 kind;
	char		*name;
	struct loc	 loc;			/* the name */
	struct type_expr *type;			/* entree, parametre */
	struct cstr_expr *cstr;
	struct expr	*def;
	struct expr	*cond;			/* entree … si C */
	bool		 optional;
	char		*label;
	struct expr	*value;			/* soit */

	/* Set by the checker. */
	const struct type *ty;
	struct constraint cstr_value;
	struct value	*def_value;
	struct input	*input;			/* DECL_ENTREE: the merged input */
	struct expr	*requirement;		/* soit: where it exists (NULL: always) */
	int		 index;			/* among the file's params or soits */
	bool		 used;
	int		 visiting;		/* cycle detection */
	int		 depth;			/* soit: length of its chain */
};

struct rule {
	bool		 warning;		/* recommander */
	struct loc	 loc;
	struct expr	*cond;
	struct tstring	*message;
	struct expr	*requirement;		/* set by the checker */
};

struct import {
	char		*path;
	struct loc	 loc;
};

enum node_kind {
	N_TEXT,
	N_LINE,		/* a kept source line starts */
	N_SOFTBREAK,
	N_PARBREAK,
	N_HARDBREAK,
	N_HEADING,
	N_BULLET,
	N_NUMBERED,
	N_EMPH,
	N_LABEL,	/* {#x}: folded into its heading after parsing */
	N_UNNUMBERED,	/* {-}: likewise */
	N_INTERP,
	N_REF,
	N_IF,
	N_SELON,
	N_LOOP,
	N_INCLUDE,
	N_SIGNATURES
};

struct node;

struct nodes {
	struct node	**v;
	size_t		 len;
};

struct branch {
	struct expr	*cond;		/* NULL for {sinon} */
	struct loc	 loc;
	struct nodes	 body;
};

struct selon_case {
	struct expr	**values;
	size_t		 nvalues;
	struct loc	 loc;
	struct nodes	 body;
	int		*indexes;	/* checker: choice indexes of values */
};

struct include_arg {
	char		*name;
	struct loc	 loc;
	struct expr	*value;
	struct decl	*param;		/* checker */
};

struct node {
	enum node_kind	 kind;
	struct loc	 loc;
	bool		 pooled;	/* as struct expr's */
	/* N_TEXT: an escaped quote or apostrophe (\" or \', rule 8), which
	 * prints as typed, out of reach of the French typography. */
	bool		 escaped;
	union {
		char		*text;		/* N_TEXT, N_LABEL */
		int		 indent;	/* N_LINE; N_BULLET/N_NUMBERED column */
		struct {
			int		 level;
			bool		 numbered;
			char		*label;
			struct loc	 label_loc;
		} heading;
		struct {
			bool		 strong; /* "**" bold, else "*" italic */
			bool		 can_open, can_close, open;
		} emph;
		struct expr	*expr;		/* N_INTERP */
		struct {
			char		**labels;
			struct loc	*locs;
			size_t		 len;
			bool		 bare;	/* {numero x} */
		} ref;
		struct {
			struct branch	*branches;	/* si, sinon si…, sinon */
			size_t		 len;
		} cond;
		struct {
			struct expr	*subject;
			struct selon_case *cases;
			size_t		 ncases;
			struct nodes	*other;		/* {autre}, or NULL */
			struct loc	 other_loc;
		} selon;
		struct {
			char		*var;
			struct loc	 var_loc;
			struct expr	*list;
			struct nodes	 body;
			struct nodes	*empty;		/* {sinon}, or NULL */
			struct symbol	*sym;		/* checker */
		} loop;
		struct {
			char		*path;
			struct loc	 path_loc;
			struct include_arg *args;
			size_t		 nargs;
			struct file_ast *file;		/* checker */
		} include;
		struct {
			struct expr	**parties;
			size_t		 len;
		} signatures;
	} u;
};

enum genre {
	GENRE_UNSET,	/* no genre: a contract, unless the linter guesses */
	GENRE_CONTRAT,
	GENRE_LETTRE
};

/* Where the parser takes a file's nodes and expressions: one allocation
 * per block rather than one per object, all freed with the file. */
struct ast_pool;

struct file_ast {
	struct ast_pool	*pool;		/* its nodes and expressions */
	struct source	*src;
	char		*path;		/* the path it was opened by */
	/* What tells it from every other file of the program: its device
	 * and inode when it was read from disk, else its path. */
	char		*key;
	char		*model;		/* modele */
	struct loc	 model_loc;
	struct tstring	*title;		/* titre */
	/* The letter layout (genre, lieu, date, mention). */
	enum genre	 genre;
	struct loc	 genre_loc;
	struct tstring	*place;		/* lieu, or NULL */
	struct loc	 place_loc;
	struct expr	*date;		/* date, or NULL */
	char		*mention;	/* mention, or NULL ("" for none) */
	struct loc	 mention_loc;
	struct import	*imports;
	size_t		 nimports;
	struct type_decl **types;
	size_t		 ntypes;
	struct decl	**decls;
	size_t		 ndecls;
	struct rule	**rules;
	size_t		 nrules;
	struct nodes	 body;
	bool		 has_header;
	bool		 parse_failed;
	/* Names whose declaration had a syntax error: their uses are not
	 * reported again as unknown. */
	char		**broken;
	size_t		 nbroken;
	/* Checker state. */
	int		 nparams, nsoits;
	bool		 header_checked;
	bool		 checking;	/* include-cycle detection */
};

struct ast_pool *ast_pool_new(void);
/* Frees the pool's blocks, and so whatever was taken from it. */
void	ast_pool_free(struct ast_pool *pool);

/* A new expression, zeroed but for its kind and location, from POOL
 * (NULL: on its own, as every expression outside the parser). */
struct expr *expr_new_in(struct ast_pool *pool, enum expr_kind kind,
	    const struct loc *loc);
struct expr *expr_new(enum expr_kind kind, const struct loc *loc);
void	expr_free(struct expr *e);
/* A deep copy, checker annotations included. */
struct expr *expr_clone(const struct expr *e);
/* "A et B", taking both (either may be NULL: the other is returned). */
struct expr *expr_conjunction(struct expr *a, struct expr *b);
/* Structural equality, for presence facts on opaque conditions. */
bool	expr_equal(const struct expr *a, const struct expr *b);
/* The same walk, LEAF (when not NULL) also deciding for every pair of
 * nodes of the same kind, e.g. that names denote the same symbol. */
typedef bool (*expr_leaf_eq)(const struct expr *, const struct expr *);
bool	expr_equal_by(const struct expr *a, const struct expr *b,
	    expr_leaf_eq leaf);
/* "+", "<=", "et"…: the operator as written. */
const char *binop_text(enum binop op);
/* The expression as written, for messages. */
void	expr_print(struct buf *b, const struct expr *e);
/* The expression another name stands for, and in *CTX the context to
 * print it in; NULL to print the name itself. */
typedef const struct expr *(*expr_subst_fn)(const struct expr *name,
		    const void **ctx);
/* As expr_print, each name first offered to SUBST. */
void	expr_print_subst(struct buf *b, const struct expr *e,
	    expr_subst_fn subst, const void *ctx);

struct node *node_new(struct ast_pool *pool, enum node_kind kind,
	    const struct loc *loc);
void	node_free(struct node *n);
void	nodes_push(struct nodes *ns, struct node *n);
void	nodes_free(struct nodes *ns);

void	tstring_free(struct tstring *t);
void	type_expr_free(struct type_expr *t);
void	cstr_expr_free(struct cstr_expr *c);
void	decl_free(struct decl *d);
void	file_ast_free(struct file_ast *f);

/* -T tree: an indented dump for tests and debugging. */
void	file_ast_dump(struct buf *b, const struct file_ast *f);

#endif
