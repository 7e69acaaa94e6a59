/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The document builder: the evaluated stream becomes the document model,
 * with the French typography applied and the headings numbered. */
#ifndef LGC_BUILD_H
#define LGC_BUILD_H

#include <stdbool.h>

#include "doc/doc.h"
#include "doc/memo.h"
#include "eval/stream.h"

struct diags;

/* Builds the document from the stream (which stays owned by the caller),
 * with MEMO's paragraphs when it is not NULL (it gets this document's).
 * Never fails on a stream the evaluator produced: a reference to a label
 * that did not survive prints "article ?" (the checker prevents it).
 * The text of each ET_TEXT token is freed (and set to NULL) once read,
 * so that the stream's texts and the document's are never both whole;
 * what build_check_refs reads stays. */
void		 build_document(struct stream *s, struct doc *out,
		    struct build_memo *memo);
/* A heading's number depends on its position once the conditions are
 * decided (a "##" before any "#" is unnumbered): reports each reference
 * of S to a heading that ended up without a number in D, built from S
 * (E_REF_UNNUMBERED, with a note on the heading); false when there is
 * one. */
bool		 build_check_refs(const struct stream *s, const struct doc *d,
		    struct diags *ds);
/* One line of text (a title, a party's name) through the same French
 * typography and whitespace rules as the body; takes TEXT. */
char		*typeset_line(char *text, bool straight_quotes);
/* The letter layout on D, built: LETTER drops the printed title and
 * opens the letter with PLACE and DATE flush right; every signature
 * block gets « Fait à PLACE, le DATE » (either may be NULL) and the
 * signers' MENTION (NULL for none). */
void		 build_letter(struct doc *d, bool letter,
		    const struct letter_parts *place,
		    const struct letter_parts *date, const char *mention,
		    bool straight_quotes);

#endif
