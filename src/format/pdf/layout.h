/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Layout in the PDF backend (layout.c): the document as items of
 * pieces of text and strokes, cut into pages. */
#ifndef LGC_PDF_LAYOUT_H
#define LGC_PDF_LAYOUT_H

struct render;

/* Lays out R->doc into R's items and pages; R->failed when a face
 * could not be measured. */
void	layout_document(struct render *r);

#endif
