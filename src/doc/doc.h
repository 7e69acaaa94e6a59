/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The document model: what every backend renders.  It knows nothing of
 * the template language — only numbered headings, paragraphs of styled
 * runs, lists and signature blocks. */
#ifndef LGC_DOC_H
#define LGC_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/origin.h"
#include "base/util.h"

enum run_style {
	STYLE_ITALIC	= 1 << 0,
	STYLE_BOLD	= 1 << 1,
	/* --brouillon: a missing value's placeholder or a branch label,
	 * shown highlighted so that a reviewer sees it. */
	STYLE_DRAFT	= 1 << 2,
	/* The letters of an ordinal (1er, 2e): raised and smaller where
	 * the format can, plain text elsewhere. */
	STYLE_SUPERSCRIPT = 1 << 3
};

/* A piece of text in one style.  A run with line_break set is a forced
 * line break and has empty text.  A run with a link points to the
 * anchor of a heading in the same document. */
struct doc_run {
	char		*text;
	char		*link;		/* anchor id, or NULL */
	struct value_origin *origin;	/* one value of the data (a
					 * reference), or NULL */
	unsigned	 style;		/* enum run_style bits */
	bool		 line_break;	/* last: 32 bytes, not 40 */
	/* TEXT and LINK lie in the allocation of the runs' array, after
	 * the runs, as a memo's paragraph gives them (doc/memo.c): one
	 * allocation instead of one a text.  Either every run of an array
	 * is packed or none; doc_runs_push gives them allocations of their
	 * own before it adds one. */
	bool		 packed;
};

struct doc_runs {
	struct doc_run	*v;
	size_t		 len;
};

enum doc_block_kind {
	BLOCK_HEADING,
	BLOCK_PARAGRAPH,
	BLOCK_LIST,
	BLOCK_SIGNATURES
};

struct doc_block;

struct doc_blocks {
	struct doc_block *v;
	size_t		 len;
};

struct doc_party {
	char	*name;
	char	*representant;	/* "" when not given */
	char	*qualite;	/* "" when not given */
	struct value_origin *origin;	/* the party's value (a
					 * reference), or NULL */
};

struct doc_heading {
	int		 level;		/* 1 article, 2 sub-article, 3 section */
	char		*number;	/* "3", "3.2", "3.2.1"; NULL when unnumbered */
	char		*anchor;	/* unique id in the document */
	struct doc_runs	 title;
};

struct doc_list {
	bool		 ordered;
	size_t		 len;
	struct doc_blocks *items;	/* each item: paragraphs and nested lists */
};

struct doc_signatures {
	size_t		 len;
	struct doc_party *parties;
	struct doc_runs	 made;		/* « Fait à Paris, le … » above, or
					 * empty */
	char		*mention;	/* « Bon pour accord » each signer
					 * writes by hand, or NULL */
};

/* How a paragraph's lines sit in the measure: justified, as the body,
 * or flush right, as a letter's place and date. */
enum doc_align {
	ALIGN_JUSTIFY,
	ALIGN_RIGHT
};

struct doc_block {
	enum doc_block_kind kind;
	enum doc_align	 align;		/* BLOCK_PARAGRAPH */
	/* The tokens of the evaluated stream the block was made of,
	 * [tok_first, tok_last) (equal: none, as the letter's place and
	 * date), for its provenance (eval/prov.h); saturated at
	 * UINT32_MAX, far beyond the limit on pieces. */
	uint32_t	 tok_first, tok_last;
	union {
		struct doc_heading	heading;
		struct doc_runs		paragraph;
		struct doc_list		list;
		struct doc_signatures	signatures;
	} u;
};

struct doc {
	char		*title;		/* printed title, or metadata only */
	bool		 letter;	/* a letter: the title is not printed,
					 * nor a running header */
	char		*model;		/* the template's `modele` name */
	struct doc_blocks blocks;
	/* --provenance in HTML: where each block comes from, in document
	 * order (a list's blocks in place of the list), for the page to
	 * show; NULL otherwise (owned, set by the library's provenance). */
	char		**sources;
	size_t		 nsources;
};

void	doc_free(struct doc *d);
void	doc_blocks_free(struct doc_blocks *bs);
struct doc_block *doc_blocks_push(struct doc_blocks *bs,
	    enum doc_block_kind kind);
void	doc_runs_push(struct doc_runs *rs, const char *text, size_t len,
	    unsigned style, const char *link);
/* The same for a client's value: never merged with its neighbours.
 * The run takes a reference to ORIGIN (base/origin.h). */
void	doc_runs_push_value(struct doc_runs *rs, const char *text,
	    size_t len, unsigned style, const char *link,
	    struct value_origin *origin);
void	doc_runs_free(struct doc_runs *rs);

/* "Article 3" for a numbered level-1 heading, "3.2" below; NULL when
 * unnumbered.  Every backend prints headings through this. */
void	doc_heading_label(struct buf *b, const struct doc_heading *h);

/* "Signature", or "Signature, précédée de la mention « Lu et
 * approuvé »": the line over a party's signing space, which every
 * backend follows with its " :". */
void	doc_signature_label(struct buf *b, const struct doc_signatures *s);
/* Whether BS uses the letter layout (a paragraph flush right, a block
 * of signatures with « Fait à … » or a mention): the HTML and LaTeX
 * backends then add its styles, and only then, so that a contract's
 * output stays as it was. */
bool	doc_letter_layout(const struct doc_blocks *bs);

#endif
