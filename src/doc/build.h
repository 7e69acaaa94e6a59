/* The document builder: the evaluated stream becomes the document model,
 * with the French typography applied and the headings numbered. */
#ifndef LGC_BUILD_H
#define LGC_BUILD_H

#include <stdbool.h>

#include "doc/doc.h"
#include "eval/stream.h"

/* Builds the document from the stream (which stays owned by the caller).
 * Never fails on a stream the evaluator produced: a reference to a label
 * that did not survive prints "article ?" (the checker prevents it). */
void		 build_document(const struct stream *s, struct doc *out);
/* One line of text (a title, a party's name) through the same French
 * typography and whitespace rules as the body; takes TEXT. */
char		*typeset_line(char *text, bool straight_quotes);

#endif
