/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The evaluated body: a flat stream of tokens that survived evaluation.
 * The evaluator appends to it; build.c turns it into a struct doc
 * (paragraphs, lists, numbered articles), after evaluation, as the
 * language's rules require. */
#ifndef LGC_STREAM_H
#define LGC_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/origin.h"

enum etok_kind {
	ET_LINE,	/* a kept source line starts; indent in columns (tab = 4) */
	ET_TEXT,	/* prose or a printed value; never a marker */
	ET_SOFTBREAK,	/* end of a source line: a space inside a paragraph */
	ET_PARBREAK,	/* blank source line(s) */
	ET_HARDBREAK,	/* backslash at the end of a line */
	ET_HEADING,	/* at the start of a line: level, numbered, label */
	ET_BULLET,	/* "- " at the start of a line (after ET_LINE) */
	ET_NUMBERED,	/* "N. " at the start of a line (after ET_LINE) */
	ET_EMPH,	/* toggles one emphasis */
	ET_REF,		/* {ref a, b} or {numero a} */
	ET_SIGNATURES	/* a signature block, a block of its own */
};

enum emphasis {
	EMPH_ITALIC,	/* "*" */
	EMPH_BOLD,	/* "**" */
	EMPH_DRAFT	/* --brouillon: a placeholder or a branch label */
};

/* A party of a signature block, as the data gives it ("" when absent). */
struct stream_party {
	char	*name;
	char	*representant;
	char	*qualite;
	struct value_origin *origin;	/* the party's value (a reference) */
};

/* One member of the union per kind: a long document is millions of
 * tokens, and a token that held every kind's fields was 120 bytes
 * where this is 32 (no member of the union over 24 bytes: a heading
 * points at its label's place in the template, which outlives the
 * stream). */
struct etok {
	enum etok_kind	 kind;
	int		 indent;	/* ET_LINE; marker column for ET_BULLET/NUMBERED */
	union {
		struct {			/* ET_TEXT */
			char		*text;		/* owned, unless borrowed */
			struct value_origin *origin;	/* a value's (a reference), or NULL */
			bool		 borrowed;	/* TEXT is the template's own,
							 * which outlives the stream:
							 * not freed, never changed */
			bool		 verbatim;	/* client text, quotes kept */
			bool		 escaped;	/* an escaped \" or \' (rule 8),
							 * or a draft's code: no typography */
		};
		struct {			/* ET_HEADING */
			char		*label;		/* or NULL (owned) */
			const struct loc *label_loc;	/* where the label is
							 * (the template's) */
			int		 level;		/* 1..3 */
			bool		 numbered;	/* false for {-} */
		};
		enum emphasis	 emphasis;	/* ET_EMPH */
		struct {			/* ET_REF */
			char		**labels;	/* in written order (owned) */
			struct loc	*locs;		/* where each is cited (owned) */
			unsigned	 nlabels;	/* a line holds far fewer */
			bool		 bare;		/* {numero} prints "2" only */
		};
		struct {			/* ET_SIGNATURES */
			struct stream_party *parties;	/* owned */
			size_t		 nparties;
		};
	};
};

/* A piece of a letter's place or date (eval_letter): text, or in a
 * draft the placeholder of a value the data lacks. */
struct letter_part {
	char		*text;		/* owned */
	bool		 draft;
};

struct letter_parts {
	struct letter_part *v;
	size_t		 len;
};

struct stream {
	struct etok	*v;
	size_t		 len;
	bool		 straight_quotes;	/* keep "…" instead of « … » */
	size_t		 cap;		/* tokens V has room for */
};

/* A zeroed token of KIND at the end of S; valid until the next push. */

struct etok	*stream_push(struct stream *s, enum etok_kind kind);
/* Room for N tokens in all (a batch's evaluator reserves what the last
 * contract took, instead of growing the array by doubling). */
void		 stream_reserve(struct stream *s, size_t n);
/* An ET_TEXT token holding a copy of TEXT. */
struct etok	*stream_text(struct stream *s, const char *text, size_t len);
/* A text token pointing at TEXT, the template's, which outlives S:
 * most of a contract is the author's text, copied and freed for each
 * document once. */
struct etok	*stream_text_borrowed(struct stream *s, const char *text);
void		 stream_free(struct stream *s);

#endif
