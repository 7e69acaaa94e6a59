/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Signature fields in the PDF (fields.c). */
#ifndef LGC_PDF_FIELDS_H
#define LGC_PDF_FIELDS_H

#include <stdbool.h>

struct render;

/* One unsigned signature field per signing party over its place to
 * sign (R->zones), in the AcroForm of R's document, once its pages
 * exist; false after reporting why not. */
bool	fields_write(struct render *r);

#endif
