/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The questionnaire of a template's inputs: one HTML page for the
 * people who fill a contract's data. */
#ifndef LGC_FORM_H
#define LGC_FORM_H

#include "check/program.h"

/* The page, malloc'd: self-contained HTML with its style and script.
 * RENDER_URL, when not NULL, is where the page posts the data it
 * collects (« ?format=pdf » or « html » appended) to get the contract
 * back. */
char	*form_page(const struct program *prog, const char *render_url);

#endif
