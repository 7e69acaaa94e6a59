/* Evaluation: client values + checked template → the evaluated stream,
 * then the document.  Also evaluates conditions for data.c. */
#ifndef LGC_EVAL_H
#define LGC_EVAL_H

#include <stdbool.h>

#include "syntax/ast.h"
#include "check/program.h"
#include "eval/stream.h"
#include "lang/types.h"

struct data;
struct doc;
struct eval;

struct eval *eval_new(const struct program *prog, struct data *data,
	    struct diags *ds);
void	eval_free(struct eval *ev);
/* --brouillon: missing values print as placeholders and undecidable
 * conditions show every branch under a label. */
void	eval_set_draft(struct eval *ev, bool draft);
/* Keep straight "…" quotes instead of « … ». */
void	eval_set_straight_quotes(struct eval *ev, bool keep);

/* Evaluates a boolean expression of the main file or of an input's
 * declaring file (inputs and literals only: requirements and input
 * conditions).  False when it could not be evaluated; an error was
 * then reported, or an input it reads failed validation. */
bool	eval_condition(struct eval *ev, const struct expr *e, bool *out);

/* Checks every exiger/recommander and evaluates the body into OUT.
 * False after reporting errors. */
bool	eval_document(struct eval *ev, struct doc *out);

#endif
