/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#ifndef LGC_MEMO_H
#define LGC_MEMO_H

#include <stdbool.h>
#include <stddef.h>

#include "base/origin.h"
#include "doc/doc.h"

/* The paragraphs already typeset (memo.c), kept across the documents
 * a caller builds one after another (a batch): a paragraph made of
 * the same pieces again gets the same runs without its typography
 * being worked out again.  It holds at most MAX bytes.  Given to
 * build_document, or NULL to keep nothing. */
struct build_memo;

struct build_memo *build_memo_new(size_t max);
void		 build_memo_free(struct build_memo *m);
/* What M holds, in bytes (at most its MAX). */
size_t		 build_memo_bytes(const struct build_memo *m);
/* The runs kept under KEY into OUT, their values of the client's taken
 * by class from ORIGINS; false when there are none. */
bool		 build_memo_get(const struct build_memo *m, const char *key,
		    size_t len, struct value_origin *const *origins,
		    struct doc_runs *out);
/* Keeps RUNS under KEY; ORIGINS the values of the paragraph by class. */
void		 build_memo_put(struct build_memo *m, const char *key,
		    size_t len, const struct doc_runs *runs,
		    struct value_origin *const *origins, size_t norigins);

#endif
