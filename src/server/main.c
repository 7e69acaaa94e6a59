/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* lgc-serve, the program that `lgc serve` runs: a program of its own so
 * that ./lgc stays linked without shared libraries (Makefile, STATIC),
 * which libmicrohttpd and libzip cannot be, Debian shipping no static
 * libzip and libmicrohttpd's archive needing GnuTLS and p11-kit's.  For
 * a server that starts once, shared libraries cost nothing. */
#include <stdio.h>
#include <string.h>

#include "lgc.h"
#include "server/server.h"

int
main(int argc, char **argv)
{
	lgc_compiler *c = lgc_new(stderr);
	int status, i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "--aide") == 0) {
			fputs(serve_help, stdout);
			lgc_free(c);
			return fflush(stdout) == 0 ? 0 : 2;
		}
		if (strcmp(argv[i], "--format-diagnostics") == 0 && i + 1 < argc &&
		    lgc_set_diagnostic_format(c, argv[i + 1]) != LGC_OK) {
			lgc_free(c);
			return 2;
		}
	}
	status = serve_main(c, argc, argv);
	lgc_free(c);
	return status;
}
