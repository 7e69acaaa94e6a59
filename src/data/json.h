/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The JSON text of a data file: jansson's errors worded in French, and
 * where each value of a text that jansson accepted lies in it, so that
 * a data error points at its line and column as a template error does.
 * jansson gives a position only for a syntax error, so the places come
 * from a second, small scan of the same text. */
#ifndef LGC_DATA_JSON_H
#define LGC_DATA_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "base/diag.h"
#include "base/util.h"

/* The French for a jansson error code; a generic message for a code
 * this version does not know. */
const char *json_error_french(int code);
/* ERR in French, with the piece of text it stopped at; *HINT is set to
 * a fix when one is likely, else NULL.  Never jansson's English. */
void	json_error_describe(struct buf *b, const json_error_t *err,
	    const char **hint);

/* One step from a value to one of its members: KEY (in NFC, as the
 * loaded data holds it) or, when KEY is NULL, the item INDEX. */
struct json_step {
	const char	*key;
	size_t		 index;
};

/* The steps from the root to a value, beside its printed JSON path. */
struct json_steps {
	struct json_step *v;
	size_t		 len, cap;
};

void	json_steps_push_key(struct json_steps *s, const char *key);
void	json_steps_push_index(struct json_steps *s, size_t index);
void	json_steps_pop(struct json_steps *s);
void	json_steps_free(struct json_steps *s);

struct json_places;

/* The places of the values of SRC's text, which must be JSON that
 * jansson accepted; nothing is scanned before the first lookup. */
struct json_places *json_places_new(const struct source *src);
void	json_places_free(struct json_places *p);

/*
 * The span of the value that the steps reach (of its key, when KEY is
 * set and the last step is a key), in SRC's lines and columns: columns
 * count characters (code points) from 1, as for templates.  When the
 * value is absent, the span of the nearest object or array that holds
 * the path, unless that is the root: then false.
 */
bool	json_places_find(struct json_places *p, const struct json_steps *s,
	    bool key, struct loc *out);
/* The bytes of SRC's text that give the root's member KEY (in NFC):
 * [*START, *END], END inclusive; false when KEY is not there. */
bool	json_places_member(struct json_places *p, const char *key,
	    size_t *start, size_t *end);

#endif
