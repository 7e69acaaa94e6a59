/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The live preview for template authors (GET /apercu/{nom}): the
 * contract with a data file found beside the template (or in draft
 * mode), its diagnostics with their excerpts when it fails, and a page
 * that reloads itself when a file of the served folders changes
 * (inotify, Server-Sent Events). */
#ifndef LGC_SERVER_PREVIEW_H
#define LGC_SERVER_PREVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include <microhttpd.h>

#include "server/catalog.h"

struct preview;

/* Watches DIRS and the folders under them. */
struct preview *preview_new(const char *const *dirs, size_t ndirs);
/* Ends every event stream (before the daemon stops), stops watching. */
void	preview_stop(struct preview *p);
void	preview_free(struct preview *p);

/* What a preview shows, from the query: the data file (a name found
 * beside the template, "" for the draft mode) and the format. */
struct preview_query {
	const char	*data;		/* NULL: the first file found */
	const char	*format;	/* "html" or "pdf" */
};

/* The page of template T: malloc'd HTML, *LEN bytes. */
char	*preview_page(const struct template *t, const struct preview_query *q,
	    size_t *len);
/* The document alone, for the page's frame: NULL when it cannot be
 * rendered (the page shows why). */
char	*preview_document(const struct template *t,
	    const struct preview_query *q, size_t *len);
/* The event stream of a page: "change" at each change. */
struct MHD_Response *preview_events(struct preview *p,
	    struct MHD_Connection *con);

#endif
