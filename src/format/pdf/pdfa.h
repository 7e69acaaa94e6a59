/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* PDF/A (pdfa.c): the archival form of the PDF, --pdfa. */
#ifndef LGC_PDF_PDFA_H
#define LGC_PDF_PDFA_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

struct diags;
struct render;

/* The sRGB profile of the output intent: ICC (LEN bytes at DATA) given
 * by --profil-icc, or NULL for the one a Debian package installs; read
 * and checked into *PROFILE, or false after reporting why not
 * (pdfa-profil-icc). */
bool	pdfa_profile(struct diags *ds, const char *data, size_t len,
	    struct buf *profile);
/* Makes R's document, drawn, PDF/A-1b (PDF/A-1a and PDF/UA-1 when
 * R->tagged) with the sRGB ICC profile PROFILE: XMP metadata matching
 * the document information, the output intent, a document ID, every
 * annotation printable.  False after reporting why not. */
bool	pdfa_write(struct render *r, const struct buf *profile);

#endif
