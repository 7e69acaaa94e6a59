/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The syntax stage: a .lgc file read into its syntax tree (syntax/ast.h). */
#ifndef LGC_SYNTAX_PARSE_H
#define LGC_SYNTAX_PARSE_H

#include "syntax/ast.h"
#include "base/diag.h"
#include "base/source.h"

/* The line of the header/body separator: the first line that is exactly
 * "---" outside a body comment (details, rule 7), or 0 when the file is
 * all body. */
int	separator_line(const struct source *src);

/* Parses SRC into a new file_ast (never NULL; parse_failed is set
 * after errors, which are reported through DS). */
struct file_ast *parse_file(struct source *src, struct diags *ds);

#endif
