/* The evaluated body: a flat stream of tokens that survived evaluation.
 * The evaluator appends to it; build.c turns it into a struct doc
 * (paragraphs, lists, numbered articles), after evaluation, as the
 * language's rules require. */
#ifndef LGC_STREAM_H
#define LGC_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "doc/doc.h"

enum etok_kind {
	ET_LINE,	/* a kept source line starts; indent in columns (tab = 4) */
	ET_TEXT,	/* prose or a printed value; never a marker */
	ET_SOFTBREAK,	/* end of a source line: a space inside a paragraph */
	ET_PARBREAK,	/* blank source line(s) */
	ET_HARDBREAK,	/* backslash at the end of a line */
	ET_HEADING,	/* at the start of a line: level, numbered, label */
	ET_BULLET,	/* "- " at the start of a line (after ET_LINE) */
	ET_NUMBERED,	/* "N. " at the start of a line (after ET_LINE) */
	ET_EMPH,	/* toggles STYLE_ITALIC or STYLE_BOLD */
	ET_REF,		/* {ref a, b} or {numero a} */
	ET_SIGNATURES	/* a signature block, a block of its own */
};

struct etok {
	enum etok_kind	 kind;
	int		 indent;	/* ET_LINE; marker column for ET_BULLET/NUMBERED */
	char		*text;		/* ET_TEXT (owned) */
	bool		 verbatim;	/* ET_TEXT: client text, quotes kept */
	bool		 escaped;	/* ET_TEXT: an escaped \" or \' (rule 8) */
	int		 level;		/* ET_HEADING: 1..3 */
	bool		 numbered;	/* ET_HEADING: false for {-} */
	char		*label;		/* ET_HEADING: label or NULL (owned) */
	struct loc	 label_loc;	/* ET_HEADING: where the label is */
	unsigned	 style;		/* ET_EMPH: STYLE_ITALIC or STYLE_BOLD */
	bool		 bare;		/* ET_REF: {numero} prints "2" only */
	char		**labels;	/* ET_REF: labels in written order (owned) */
	struct loc	*locs;		/* ET_REF: where each label is cited (owned) */
	size_t		 nlabels;
	struct doc_party *parties;	/* ET_SIGNATURES (owned) */
	size_t		 nparties;
};

struct stream {
	struct etok	*v;
	size_t		 len;
	size_t		 cap;
	bool		 straight_quotes;	/* keep "…" instead of « … » */
};

struct etok	*stream_push(struct stream *s, enum etok_kind kind);
void		 stream_text(struct stream *s, const char *text, size_t len);
void		 stream_free(struct stream *s);

/* Builds the document from the stream (which stays owned by the caller).
 * Never fails on a stream the evaluator produced: a reference to a label
 * that did not survive prints "article ?" (the checker prevents it). */
void		 build_document(const struct stream *s, struct doc *out);
/* One line of text (a title, a party's name) through the same French
 * typography and whitespace rules as the body; takes TEXT. */
char		*typeset_line(char *text, bool straight_quotes);

#endif
