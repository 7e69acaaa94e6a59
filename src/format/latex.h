/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The LaTeX backend (the folder latex/): its row is latex_backend,
 * listed in the table of formats; here what its tests use besides. */
#ifndef LGC_LATEX_H
#define LGC_LATEX_H

#include <stddef.h>

#include "base/util.h"

/* Escapes text so that LaTeX prints it literally in pdflatex, xelatex
 * and lualatex: special characters, ligatures, unknown code points. */
void	latex_escape(struct buf *b, const char *s, size_t len);

#endif
