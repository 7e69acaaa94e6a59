/* Export of a template's inputs as a JSON Schema (draft 2020-12). */
#ifndef LGC_SCHEMA_H
#define LGC_SCHEMA_H

#include "check/program.h"

/* The schema as indented JSON text, malloc'd. */
char	*schema_export(const struct program *prog);

#endif
