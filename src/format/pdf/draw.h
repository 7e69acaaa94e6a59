/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Drawing a laid-out page with libharu (draw.c). */
#ifndef LGC_PDF_DRAW_H
#define LGC_PDF_DRAW_H

#include <stdbool.h>
#include <stddef.h>

struct render;

/* Draws page PN of R on its libharu page; false after reporting why
 * not. */
bool	draw_page(struct render *r, size_t pn);

#endif
