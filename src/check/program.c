/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Lookups in a checked program, for the stages that read it. */
#include "check/program.h"

#include <string.h>

struct input *
program_input(const struct program *prog, const char *name)
{
	size_t i;

	for (i = 0; i < prog->inputs.len; i++) {
		struct input *in = prog->inputs.items[i];

		if (strcmp(in->name, name) == 0)
			return in;
	}
	return NULL;
}
