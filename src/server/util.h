/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The server's allocation: as the library's, out of memory is fatal (a
 * server that cannot allocate a few bytes cannot answer either). */
#ifndef LGC_SERVER_UTIL_H
#define LGC_SERVER_UTIL_H

#include <stddef.h>

#include "lgc.h"

void	*srv_alloc(size_t n);		/* zeroed */
void	*srv_realloc(void *p, size_t n);
char	*srv_strdup(const char *s);
char	*srv_printf(const char *fmt, ...) LGC_PRINTF(1, 2);

/* A growing byte string. */
struct sbuf {
	char	*data;		/* NUL-terminated when not NULL */
	size_t	 len, cap;
};

void	sbuf_add(struct sbuf *b, const char *data, size_t len);
void	sbuf_puts(struct sbuf *b, const char *s);
void	sbuf_printf(struct sbuf *b, const char *fmt, ...) LGC_PRINTF(2, 3);

/* Diagnostic handlers (lgc_set_diagnostic_handler) that keep what the
 * compiler printed: appended as a JSON object to ARG, a jansson array,
 * when the compiler prints JSON; appended to ARG, a struct sbuf, as
 * text. */
void	collect_diagnostic_json(const lgc_diagnostic *d, void *arg);
void	collect_diagnostic_text(const lgc_diagnostic *d, void *arg);

#endif
