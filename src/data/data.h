/* Client data: JSON in (jansson), checked against the template's
 * declarations, one value per input. */
#ifndef LGC_DATA_H
#define LGC_DATA_H

#include <stdbool.h>

#include "check/program.h"

struct data;
struct eval;

/* DS receives every diagnostic about the data. */
struct data *data_new(const struct program *prog, struct diags *ds);
void	data_free(struct data *d);

/* Reads a JSON object from PATH (F_IO when unreadable, errors for bad
 * JSON, a non-object root or too deep nesting). */
bool	data_load_file(struct data *d, const char *path);
/* Same from text in memory; NAME is shown in diagnostics. */
bool	data_load_text(struct data *d, const char *name, const char *text,
	    size_t len);
/* -D nom=valeur: sets or overrides one input (or input.champ…), the
 * value read according to the declared type. */
bool	data_define(struct data *d, const char *assignment);

/* Called once before any lookup: the evaluator used for conditions. */
void	data_set_eval(struct data *d, struct eval *ev);
/* Checks every input (presence, type, constraint) and warns about
 * unknown keys.  False when any error was reported. */
bool	data_resolve_all(struct data *d);
/* The value of input INDEX, or NULL when absent (or invalid: the error
 * has been reported).  Resolves it on first use. */
const struct value *data_value(struct data *d, size_t index);
/* --brouillon: a missing input is absent, not an error. */
void	data_set_draft(struct data *d, bool draft);
/* Whether input INDEX failed validation (as opposed to being absent). */
bool	data_failed(struct data *d, size_t index);
struct diagnostic;
/* Adds to DG a note on input INDEX, located in the data that gives it:
 * its name, libellé, value (or absence) and JSON path. */
void	data_note_input(struct data *d, struct diagnostic *dg, size_t index);

#endif
