/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The paragraphs already broken into lines, kept by the PDF backend
 * from one contract of a batch to the next (lbmemo.c). */
#ifndef LGC_LBMEMO_H
#define LGC_LBMEMO_H

#include <stddef.h>

#include "format/pdf/linebreak.h"

struct lb_memo;

/* A memo holding at most about MAX bytes. */
struct lb_memo	*lb_memo_new(size_t max);
void		 lb_memo_free(struct lb_memo *m);
/* A new document: the memo is emptied if it went over its bytes (never
 * during a document, whose pieces may point into it). */
void		 lb_memo_next(struct lb_memo *m);
/* lb_layout(P, SPANS, N, O), the lines taken from M when it laid out
 * the same spans with the same options before; M NULL: lb_layout. */
void		 lb_memo_layout(struct lb_memo *m, struct lb_para *p,
		    const struct lb_span *spans, size_t n,
		    const struct lb_opts *o);
/* What M holds, in bytes. */
size_t		 lb_memo_bytes(const struct lb_memo *m);

#endif
