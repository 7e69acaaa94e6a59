/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* lgc serve: the templates of some folders over HTTP (docs/api.md). */
#ifndef LGC_SERVER_SERVER_H
#define LGC_SERVER_SERVER_H

#include "lgc.h"

/* Runs `lgc serve ARGV…` (ARGV[0] is "serve") until SIGTERM or SIGINT;
 * C reports usage and start-up errors.  Returns the exit status. */
int	serve_main(lgc_compiler *c, int argc, char **argv);

/* The help of `lgc serve --help`. */
extern const char serve_help[];

#endif
