#include "format/backend.h"

#include <string.h>
#include <strings.h>

static const struct backend backends[] = {
	{ "html", ".html", html_new, html_render, html_free },
	{ "latex", ".tex", latex_new, latex_render, latex_free },
	{ "pdf", ".pdf", pdf_new, pdf_render, pdf_free },
};

/* Kept in step with the table above. */
static const char backend_list[] = "html, latex, pdf";

/* Extensions beyond each backend's own. */
static const struct {
	const char	*extension;
	const char	*name;
} aliases[] = {
	{ ".htm", "html" },
};

const struct backend *
backend_by_name(const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (strcmp(backends[i].name, name) == 0)
			return &backends[i];
	return NULL;
}

const struct backend *
backend_by_path(const char *path)
{
	const char *dot, *slash;
	size_t i;

	if (path == NULL)
		return NULL;
	dot = strrchr(path, '.');
	slash = strrchr(path, '/');
	if (dot == NULL || (slash != NULL && dot < slash))
		return NULL;
	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (strcasecmp(backends[i].extension, dot) == 0)
			return &backends[i];
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcasecmp(aliases[i].extension, dot) == 0)
			return backend_by_name(aliases[i].name);
	return NULL;
}

const char *
backend_names(void)
{
	return backend_list;
}
