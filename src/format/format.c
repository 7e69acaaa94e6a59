/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "format/format.h"

#include <string.h>
#include <strings.h>

/*
 * Every built-in format, in the order of messages: one line per
 * backend file, which defines NAME_backend.  A new format is a new file
 * and a new line here.
 */
#define FORMATS(X)	\
	X(html)		\
	X(latex)	\
	X(pdf)		\
	X(docx)

#define DECLARE(name)	extern const struct backend name##_backend;
FORMATS(DECLARE)
#undef DECLARE

#define ROW(name)	&name##_backend,
static const struct backend *const builtin_rows[] = { FORMATS(ROW) };
#undef ROW

const struct format_table format_builtin = {
	builtin_rows, sizeof(builtin_rows) / sizeof(builtin_rows[0])
};

const struct backend *
format_by_name(const struct format_table *t, const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < t->len; i++)
		if (strcmp(t->rows[i]->name, name) == 0)
			return t->rows[i];
	return NULL;
}

const struct backend *
format_by_path(const struct format_table *t, const char *path)
{
	const char *dot, *slash;
	const char *const *ext;
	size_t i;

	if (path == NULL)
		return NULL;
	dot = strrchr(path, '.');
	slash = strrchr(path, '/');
	if (dot == NULL || (slash != NULL && dot < slash))
		return NULL;
	for (i = 0; i < t->len; i++)
		for (ext = t->rows[i]->extensions; *ext != NULL; ext++)
			if (strcasecmp(*ext, dot) == 0)
				return t->rows[i];
	return NULL;
}

char *
format_names(const struct format_table *t)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < t->len; i++) {
		if (i > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, t->rows[i]->name);
	}
	return buf_detach(&b);
}

const struct backend_option *
format_option(const struct format_table *t, const char *name)
{
	const struct backend_option *o;
	size_t i;

	for (i = 0; i < t->len; i++)
		for (o = t->rows[i]->options; o != NULL && o->name != NULL;
		    o++)
			if (strcmp(o->name, name) == 0)
				return o;
	return NULL;
}
