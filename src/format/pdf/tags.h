/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The tagged PDF (tags.c): the structure tree a screen reader reads,
 * built from the document as it is laid out, marked in the pages'
 * content as they are drawn, written out before the file. */
#ifndef LGC_PDF_TAGS_H
#define LGC_PDF_TAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "base/util.h"

struct render;

/* Standard structure types (PDF 1.7, 14.8.4), no role map needed. */
enum tag_type {
	TAG_DOCUMENT,
	TAG_H1,		/* the contract's title */
	TAG_H2,		/* an article */
	TAG_H3,		/* a sub-article */
	TAG_H4,		/* a section */
	TAG_P,
	TAG_L,
	TAG_LI,
	TAG_LBL,
	TAG_LBODY,
	TAG_LINK,
	TAG_TABLE,	/* the signature block */
	TAG_TR,
	TAG_TD,
	TAG_FORM,	/* a signature field, in its party's cell */
	TAG_DIV		/* groups the children of a very long element */
};

/* What a piece of text or a drawing belongs to, besides an element:
 * the running header and the page number, and the lines and highlights
 * (/Artifact, which a screen reader skips). */
#define TAG_PAGINATION	UINT32_MAX
#define TAG_DECOR	(UINT32_MAX - 1)

struct tags;

/* A structure tree with its Document element, or NULL when the PDF is
 * not tagged (--sans-balises): every call below then does nothing. */
struct tags	*tags_new(void);
void		 tags_free(struct tags *t);

/* Layout (layout.c), in reading order: the element the next pieces
 * belong to. */
uint32_t	 tags_current(const struct render *r);
void		 tags_open(struct render *r, enum tag_type type);
void		 tags_close(struct render *r);
/* A list item's label: a Lbl element in the open LI, which the label's
 * piece, made later with the item's first line, takes from
 * tags_label. */
void		 tags_set_label(struct render *r);
uint32_t	 tags_label(struct render *r);
/* The element of a piece of a reference to TARGET: a Link in the open
 * element, the same for the pieces of one reference. */
uint32_t	 tags_link(struct render *r, const char *target);

/* Drawing (draw.c): page PN begins; what follows is drawn for TAG (an
 * element, TAG_PAGINATION or TAG_DECOR) from piece KEY on, inside a
 * marked-content sequence opened only when TAG changes; tags_end closes
 * the one open (before BT and ET). */
bool		 tags_page(struct render *r, size_t pn);
bool		 tags_mark(struct render *r, HPDF_Page page, uint32_t tag,
		    size_t key);
bool		 tags_end(struct render *r, HPDF_Page page);
/* The link annotation A, drawn for the pieces of TAG from piece KEY on:
 * an OBJR in its Link element, and the link's text as its /Contents. */
bool		 tags_annot(struct render *r, HPDF_Page page, uint32_t tag,
		    size_t key, HPDF_Annotation a);

/* The signature field's widget A, on page PN, for the party whose cell
 * is the element CELL, where piece KEY would be: a Form element in CELL
 * holding its OBJR, and DESCRIPTION (UTF-8) as the field's /TU, which a
 * screen reader says of it (PDF/UA-1, 7.18.4).  After every page is
 * drawn, before tags_write. */
bool		 tags_widget(struct render *r, size_t pn, uint32_t cell,
		    size_t key, HPDF_Annotation a, const char *description);

/* The structure tree, its parent tree and the catalog's entries
 * (/StructTreeRoot, /MarkInfo); the viewer preferences (the title
 * shown, the outline open) whether tagged or not.  After every page is
 * drawn. */
bool		 tags_write(struct render *r);
/* Whether the file libharu writes goes through tags_pack. */
bool		 tags_packed(const struct render *r);
/* The file libharu wrote, PDF (LEN bytes, its objects at OFFSETS, see
 * objstm_offsets), appended to OUT with the tree's objects compressed
 * into object streams (objstm.c).  Needs no more of libharu. */
bool		 tags_pack(struct render *r, const char *pdf, size_t len,
		    const size_t *offsets, size_t count, struct buf *out);

#endif
