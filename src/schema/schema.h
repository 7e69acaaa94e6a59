/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Export of a template's inputs as a JSON Schema. */
#ifndef LGC_SCHEMA_H
#define LGC_SCHEMA_H

#include <jansson.h>

#include "check/program.h"

enum schema_draft {
	SCHEMA_2020_12,
	SCHEMA_07		/* for tools that know no later draft */
};

/* The schema as indented JSON text, malloc'd.  The parameters of a
 * clause go under the definitions' "parametres". */
char	*schema_export(const struct program *prog, enum schema_draft draft);

/* A constant as the JSON data would carry it (the questionnaire's
 * defaults and bounds too). */
json_t	*schema_value_json(const struct value *v);

#endif
