/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The drafting linter: wording that commits a party beyond what was
 * negotiated, archaic or ambiguous wording, numbers in words and digits
 * that disagree, essential subjects missing from a contract, and client
 * inputs that allow a risky value.  Every warning is a "lint-…" code,
 * disabled unless enabled (lgc lint, -Wlint), and can be silenced for
 * one line or one file by a comment directive (see lint.c). */
#ifndef LGC_LINT_H
#define LGC_LINT_H

#include "check/program.h"

/* Lints PROG, reporting through DS.  SUBJECTS, when not NULL, is the
 * list of essential subjects to look for ("parties, objet, …" or
 * "aucun"), overriding the template's "lgc-lint: sujets" directive; an
 * unknown subject is a usage error. */
void	lint_program(const struct program *prog, struct diags *ds,
	    const char *subjects);

#endif
