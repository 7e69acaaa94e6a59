/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Client data: JSON in (jansson), read against the template's
 * declarations.  What an input is worth once its condition is known is
 * the evaluator's to decide (eval/expr.c): this module converts and
 * checks what the data gives, and reports what it lacks. */
#ifndef LGC_DATA_H
#define LGC_DATA_H

#include <stdbool.h>

#include "check/program.h"

struct data;

/* DS receives every diagnostic about the data. */
struct data *data_new(const struct program *prog, struct diags *ds);
/* D as data_new made it, its arrays kept: a batch's worker loads each
 * record into the same data. */
void	data_reset(struct data *d);
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

/* Whether a load failed: nothing the data gives is then known. */
bool	data_broken(const struct data *d);
/* Whether the data gives input IN a value (its key holds no null). */
bool	data_gives(const struct data *d, const struct input *in);
/*
 * What the data gives for IN (see data_gives) as a value of its type
 * that meets its constraint; NULL after reporting every problem, each
 * with its JSON path.  The value is the data's, valid until the data
 * changes (a load, a -D, data_free).  It is converted once: the JSON it
 * was read from is then dropped, so that a client's list of a million
 * items is not held twice, and read again from its file's text if a -D
 * later changes a part of it.  A conversion that said something (a
 * warning) is made again at each call, to say it again.
 */
const struct value *data_value(struct data *d, const struct input *in);
/* E_DATA_MISSING: IN is required and the data does not give it. */
void	data_report_missing(struct data *d, const struct input *in);
/* Where the data gives, or would give, IN: its file or the command
 * line. */
struct loc data_input_loc(const struct data *d, const struct input *in);
/* W_DATA_UNKNOWN_KEY for each top-level key that names no input. */
void	data_warn_unknown_keys(struct data *d);

#endif
