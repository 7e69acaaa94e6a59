/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The HTML backend (html.c): its row is html_backend, listed in the
 * table of formats; here what its tests use besides. */
#ifndef LGC_HTML_H
#define LGC_HTML_H

#include <stddef.h>

#include "base/util.h"

/* Escapes text for HTML element content and attribute values. */
void	html_escape(struct buf *b, const char *s, size_t len);

#endif
