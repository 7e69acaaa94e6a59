/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The table of formats: the backends lgc renders with, and what is
 * looked up in it (a format by name or by an output path's extension,
 * the list of names, an option some format declares).  The library
 * uses the built-in table unless told otherwise (src/api.h). */
#ifndef LGC_FORMAT_H
#define LGC_FORMAT_H

#include <stddef.h>

#include "format/backend.h"

struct format_table {
	const struct backend *const *rows;
	size_t		 len;
};

/* html, latex, pdf. */
extern const struct format_table format_builtin;

const struct backend	*format_by_name(const struct format_table *t,
			    const char *name);
/* From an output path's extension; NULL when none matches. */
const struct backend	*format_by_path(const struct format_table *t,
			    const char *path);
/* "html, latex, pdf" for messages; malloc'd. */
char			*format_names(const struct format_table *t);
/* The first declaration of option NAME in the formats of T, or NULL. */
const struct backend_option *format_option(const struct format_table *t,
			    const char *name);

#endif
