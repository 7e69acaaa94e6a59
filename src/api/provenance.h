/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Provenance of a built document (lgc build --provenance, lgc
 * explique): the evaluator's record (eval/prov.h) joined to the blocks
 * of the document by their tokens.  docs/provenance.md gives the JSON
 * format. */
#ifndef LGC_API_PROVENANCE_H
#define LGC_API_PROVENANCE_H

#include <stdbool.h>

#include "base/diag.h"
#include "doc/doc.h"
#include "eval/prov.h"

/* The JSON text (malloc'd, ending with a newline) of the provenance of
 * each block of D; TEMPLATE is the main file's path. */
char	*provenance_json(const struct prov *p, const struct doc *d,
	    const char *template_path);

/* Sets D's sources (doc.h): each block's file and lines, conditions
 * and {inclure}, in a line, for the HTML page to show. */
void	provenance_annotate(const struct prov *p, struct doc *d);

/* Why the article ARTICLE (a number « 7 », « 7.2 », « article 7 », or
 * a label) is in D, in French, into OUT (one paragraph and a newline).
 * False when no heading matches, after reporting it (E_UNKNOWN_ARTICLE,
 * with the closest number or label as suggestion). */
bool	provenance_explain(struct buf *out, const struct prov *p,
	    const struct doc *d, const char *article, struct diags *ds);

#endif
