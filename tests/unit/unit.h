/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* A very small unit-test harness: every CHECK counts as one test. */
#ifndef LGC_UNIT_H
#define LGC_UNIT_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct unit {
	int		 passed;
	int		 failed;
	const char	*group;
};

void	unit_check(struct unit *u, bool ok, const char *what,
	    const char *file, int line);
void	unit_check_str(struct unit *u, const char *got, const char *want,
	    const char *what, const char *file, int line);

#define CHECK(u, cond) unit_check((u), (cond), #cond, __FILE__, __LINE__)
#define CHECK_STR(u, got, want) \
	unit_check_str((u), (got), (want), #got, __FILE__, __LINE__)

/* One entry point per tested module, listed in main.c. */
void	test_util(struct unit *u);
void	test_path(struct unit *u);
void	test_decimal(struct unit *u);
void	test_french(struct unit *u);
void	test_build(struct unit *u);
void	test_html(struct unit *u);
void	test_linebreak(struct unit *u);
void	test_pdf(struct unit *u);
void	test_data(struct unit *u);
void	test_calendar(struct unit *u);
void	test_lint(struct unit *u);
void	test_latex(struct unit *u);
void	test_format(struct unit *u);
void	test_docx(struct unit *u);
void	test_compare(struct unit *u);
void	test_syntax(struct unit *u);

#endif
