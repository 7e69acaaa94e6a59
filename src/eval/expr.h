/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The evaluator's state and its values: expressions computed from the
 * client's inputs, each input resolved on first use.  The two go
 * together: an input exists only where its condition (`si`) holds, an
 * expression over other inputs, so that resolving an input evaluates
 * an expression, which may resolve other inputs in turn.  The body
 * evaluation (eval.c) reads values through here. */
#ifndef LGC_EXPR_H
#define LGC_EXPR_H

#include <stdbool.h>

#include "syntax/ast.h"
#include "check/program.h"
#include "base/diag.h"
#include "lang/types.h"

struct data;
struct stream;
struct input_slot;
struct prov;

/* Whether the output can print every character of TEXT; when not,
 * appends to WHY the characters it lacks and why, and to HINT how to
 * print them, both worded for a diagnostic (eval_set_text_check). */
typedef bool	(*eval_text_check)(void *ctx, const char *text,
		    struct buf *why, struct buf *hint);

/* Told, as the body is evaluated, each branch taken: for a {si} (N)
 * the index of the branch taken, or its number of branches when none
 * is; for a {selon} the index of the case taken, its number of cases
 * for {autre}, one more when nothing is; 0 for an {inclure}.  What a
 * draft cannot decide is not told.  lgc variantes tells the documents
 * of two data sets apart by it (eval_set_trace). */
typedef void	(*eval_trace_fn)(void *arg, const struct node *n,
		    size_t outcome);

/* One instance of a file: the main template, or a clause at one of its
 * include sites with its parameters bound. */
struct frame {
	const struct file_ast *file;
	/* For a clause: the {inclure} that made it and the frame it was
	 * in, whose argument expressions a draft's labels show. */
	const struct node *include;
	const struct frame *caller;
	struct value	*params;
	struct value	*soits;
	int		*soit_state;	/* 0 not yet, 1 computing, 2 done, 3 failed */
	struct value_origin **param_origins;	/* NULL: no JSON path */
};

/*
 * What one document may cost, so that a template that doubles a text
 * with each `soit`, or loops inside loops over a client's long list,
 * stops at a clear error long before it exhausts the memory: each is
 * checked as the value or the piece is made, not once it is there.
 * docs/langage.md (« Limites ») gives the defaults, generous for real
 * contracts: one of 500 pages uses less than a tenth of each.
 */
#define LIMIT_VALUE_DEFAULT	((size_t)16 << 20)	/* bytes */
#define LIMIT_TEXT_DEFAULT	((size_t)32 << 20)	/* bytes */
#define LIMIT_NODES_DEFAULT	((size_t)1000000)

struct eval_limits {
	/* One computed value (`soit`, an expression, a filter's result):
	 * the bytes of its texts, and 16 for each item of a list or
	 * field of a record. */
	size_t	value;
	/* The contract's text: the bytes of every piece of text and
	 * printed value, before HTML, LaTeX or PDF formatting. */
	size_t	text;
	/* The pieces of the evaluated contract: texts, printed values,
	 * lines, paragraph breaks, headings, list items, references; and
	 * each turn of a loop, so that loops which print nothing cannot
	 * spin for hours over a short list either. */
	size_t	nodes;
};

/* N as the limits' diagnostics show it: "16 Mio", "2 000 000". */
void	limit_print(struct buf *b, size_t n, bool bytes);

/* A loop variable in scope and the item it stands for, the INDEXth of
 * its list (for the JSON path of what it prints). */
struct binding {
	const struct symbol *sym;
	const struct value *value;
	size_t		 index;		/* of the item in its list */
	size_t		 count;		/* items in the list; 0: unknown */
	char		*path;		/* its JSON path, or NULL (owned) */
	const struct input *root;	/* the input its path starts at */
	const struct loc *loop;		/* the {pour chaque} */
};

#define ORIGIN_MEMO	32

struct eval {
	const struct program *prog;
	struct data	*data;
	struct diags	*ds;
	struct frame	*frame;		/* the file instance being evaluated */
	struct frame	*main;
	struct binding	*loops;		/* innermost last */
	size_t		 nloops;
	struct input_slot *inputs;	/* parallel to prog->inputs */
	struct stream	*out;		/* the body's stream (eval.c) */
	bool		 failed;	/* an error was reported */
	bool		 draft;		/* --brouillon: unknown values allowed */
	eval_text_check	 text_check;	/* or NULL */
	void		*text_check_ctx;
	struct ptrvec	 unprintable;	/* texts reported, owned */
	bool		 draft_all;	/* --brouillon=tout: every branch shown */
	eval_trace_fn	 trace;		/* told each branch taken, or NULL */
	void		*trace_arg;
	bool		 straight_quotes;
	size_t		 stream_hint;	/* eval_set_stream_hint */
	struct eval_limits limits;	/* eval.h */
	size_t		 text_bytes;	/* of the stream so far */
	size_t		 turns;		/* of every loop so far */
	size_t		 pieces;	/* pushed on the stream so far, merged
					 * or not (eval.c, push_plain) */
	const struct loc *at;		/* the body node being evaluated */
	bool		 stopped;	/* a limit was passed: stop at once */
	/* The last origin made for each of a few expressions: a value
	 * printed again with the same JSON path (the {x} of an outer loop,
	 * in every turn of an inner one) shares it (expr_origin). */
	struct {
		const struct expr *e;
		struct value_origin *o;		/* a reference */
	}		 origins[ORIGIN_MEMO];
	/* expr_origin's JSON path, printed into a buffer kept for the
	 * whole evaluation. */
	struct buf	 origin_path;
	struct buf	 interp;	/* eval_interp's printed value */
	struct prov	*prov;		/* --provenance: recorded, or NULL */
};

enum truth {
	TRUTH_FALSE,
	TRUTH_TRUE,
	TRUTH_UNKNOWN,	/* a draft without the values to decide */
	TRUTH_ERROR
};

/* A frame for file F, its parameters bound to their defaults. */
struct frame	*frame_new(const struct file_ast *f);
void		 frame_free(struct frame *fr);

struct input_slot *inputs_new(size_t n);
void		 inputs_free(struct input_slot *slots, size_t n);
/* The value of input INDEX, or NULL when absent (or invalid: the error
 * has been reported).  Resolves it on first use: its condition first,
 * then what the data gives, its default, or its absence. */
const struct value *input_value(struct eval *ev, size_t index);
/* Whether input INDEX failed (as opposed to being absent). */
bool		 input_failed(const struct eval *ev, size_t index);

/* In a draft, a value the data does not give is unknown: it propagates
 * through operators and prints as a placeholder. */
bool		 unknown_value(const struct value *v);
/* False when E could not be evaluated; an error was then reported, or
 * an input it reads failed validation. */
bool		 eval_expr(struct eval *ev, const struct expr *e,
		    struct value *out);
/* E's value, read in place when E names a value the evaluator keeps
 * (an input, a parameter, a computed `soit`, a loop variable, a field
 * of one): *OUT then points to it, valid as long as what it names, and
 * TMP is left zeroed; else E is computed into TMP and *OUT is TMP.
 * The caller frees TMP in any case.  False as eval_expr. */
bool		 eval_borrow(struct eval *ev, const struct expr *e,
		    struct value *tmp, const struct value **out);
enum truth	 eval_truth(struct eval *ev, const struct expr *e);
/* Appends the text of T, its interpolations evaluated. */
bool		 eval_tstring(struct eval *ev, const struct tstring *t,
		    struct buf *b);
/* Where the value of E comes from when E is an input, a loop variable
 * or a field of one (its JSON path); else with a NULL path.  For a
 * backend's errors about the printed value. */
struct value_origin *expr_origin(struct eval *ev, const struct expr *e);
/* The same JSON path into B and data file into DATA, without touching
 * the memo of expr_origin (provenance must not change what a build
 * shares); false when E has none. */
bool		 expr_json_path(struct eval *ev, const struct expr *e,
		    struct buf *b, struct loc *data);
/* A note for each client input E reads: libellé, value, JSON path. */
void		 note_inputs(struct eval *ev, struct diagnostic *dg,
		    const struct expr *e);
/* Each text printed from a value goes through CHECK with CTX before
 * it is printed: the PDF's font may lack some of its characters, which
 * are then reported with the input the value came from. */
void		 eval_set_text_check(struct eval *ev, eval_text_check check,
		    void *ctx);
/* FN, with ARG, is told each branch taken (eval_trace_fn). */
void		 eval_set_trace(struct eval *ev, eval_trace_fn fn, void *arg);
/* The text T that E prints (its field FIELD, unless NULL), checked
 * against what the output can print: false after reporting the
 * characters it cannot, once per text, with the input and JSON path it
 * came from. */
bool		 eval_check_printable(struct eval *ev, const struct expr *e,
		    const char *field, const char *t);
/* V, computed by E, against the constraint C of what it fills (WHAT
 * « NAME », declared at DECL); false after reporting. */
bool		 check_declared(struct eval *ev, const struct constraint *c,
		    const char *what, const char *name, const struct loc *decl,
		    const struct expr *e, const struct value *v);

#endif
