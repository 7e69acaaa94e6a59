/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The XML of the DOCX parts, written into a struct buf: text and
 * attribute values escaped, and the characters XML 1.0 cannot carry
 * left out, so that any client value gives a well-formed part. */
#ifndef LGC_FORMAT_DOCX_XML_H
#define LGC_FORMAT_DOCX_XML_H

#include <stddef.h>

#include "base/util.h"

/* LEN bytes of S as character data or as an attribute value between
 * double quotes: & < > " escaped, C0 controls other than tab, line
 * feed and carriage return, U+FFFE and U+FFFF dropped, and an invalid
 * UTF-8 sequence written as U+FFFD. */
void	xml_escape(struct buf *b, const char *s, size_t len);
/* The same for a NUL-terminated string; nothing for NULL. */
void	xml_escape_str(struct buf *b, const char *s);

#endif
