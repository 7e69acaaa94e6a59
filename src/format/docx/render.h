/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Inside the DOCX backend: the body (body.c) and the other parts
 * (parts.c), put in a zip by docx.c. */
#ifndef LGC_FORMAT_DOCX_RENDER_H
#define LGC_FORMAT_DOCX_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"
#include "doc/doc.h"

/* The numbering instances (w:num) every document has; an ordered list
 * adds one of its own after them, so that it starts again at 1. */
enum {
	NUM_HEADINGS = 1,	/* Article 1, 1.1, 1.1.1 */
	NUM_BULLETS = 2,
	NUM_FIRST_ORDERED = 3
};

/* The styles the document uses, by what they are for. */
enum docx_role {
	ROLE_NORMAL,
	ROLE_TITLE,
	ROLE_HEADING1,
	ROLE_HEADING2,
	ROLE_HEADING3,
	ROLE_BODY,
	ROLE_LIST,
	ROLE_SIGNATURE,
	ROLE_HEADER,
	ROLE_FOOTER,
	ROLE_TABLE,
	ROLE_NO_LIST,
	DOCX_ROLES
};

/* The style id of each role: lgc's own ("Titre1"), or the one the
 * firm's template (--modele-docx) gives the style of that name. */
struct docx_styles {
	char		*id[DOCX_ROLES];
	bool		 in_model[DOCX_ROLES];
	const char	*model;		/* the template's styles.xml, or NULL */
	size_t		 model_len;
};

/* MODEL: the styles.xml of a template, or NULL for lgc's styles. */
void	docx_styles_init(struct docx_styles *s, const char *model,
	    size_t model_len);
void	docx_styles_free(struct docx_styles *s);

/* A heading, as a reference reaches it: its bookmark, and whether Word
 * numbers it (then a reference to it is a REF field) or its number is
 * written out. */
struct docx_target {
	const char	*anchor;
	char		*bookmark;	/* "_Reflgc3" */
	char		*label;		/* "Article 3", "3.2"; NULL */
	bool		 word_numbered;
};

struct docx_body {
	const struct doc *doc;
	const struct docx_styles *styles;
	struct docx_target *targets;	/* one per heading, in order */
	size_t		 ntargets;
	unsigned	 next_bookmark_id;
	/* Ordered lists met: each one is w:num NUM_FIRST_ORDERED + i,
	 * restarting level levels[i]. */
	int		*ordered_levels;
	size_t		 nordered;
};

/* word/document.xml; fills the numbering instances B needs. */
void	docx_body_write(struct docx_body *body, const struct doc *d,
	    const struct docx_styles *styles, struct buf *out);
void	docx_body_free(struct docx_body *body);

/* The document properties of a DOCX. */
struct docx_meta {
	const char	*title;		/* NULL: none */
	const char	*subject;	/* NULL: none */
	const char	*generator;
	long long	 created;	/* seconds since 1970 UTC, or -1 */
};

void	docx_content_types(struct buf *out, bool header);
void	docx_package_rels(struct buf *out);
void	docx_document_rels(struct buf *out, bool header);
void	docx_styles(struct buf *out, const struct docx_styles *s);
void	docx_numbering(struct buf *out, const struct docx_body *body);
void	docx_settings(struct buf *out);
void	docx_header(struct buf *out, const char *title,
	    const struct docx_styles *s);
void	docx_footer(struct buf *out, const struct docx_styles *s);
void	docx_core(struct buf *out, const struct docx_meta *m);
void	docx_app(struct buf *out, const struct docx_meta *m);

#define DOCX_XML_DECL \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define DOCX_NS_W \
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_R \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#endif
