/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "unit.h"

void
unit_check(struct unit *u, bool ok, const char *what, const char *file,
    int line)
{
	if (ok) {
		u->passed++;
		return;
	}
	u->failed++;
	printf("ÉCHEC %s:%d [%s] %s\n", file, line, u->group, what);
}

void
unit_check_str(struct unit *u, const char *got, const char *want,
    const char *what, const char *file, int line)
{
	if (got != NULL && want != NULL && strcmp(got, want) == 0) {
		u->passed++;
		return;
	}
	u->failed++;
	printf("ÉCHEC %s:%d [%s] %s\n  obtenu : «%s»\n  attendu : «%s»\n",
	    file, line, u->group, what, got ? got : "(null)",
	    want ? want : "(null)");
}

static const struct {
	const char	*name;
	void		(*run)(struct unit *);
} groups[] = {
	{ "util", test_util },
	{ "path", test_path },
	{ "decimal", test_decimal },
	{ "french", test_french },
	{ "build", test_build },
	{ "html", test_html },
	{ "linebreak", test_linebreak },
	{ "pdf", test_pdf },
	{ "data", test_data },
	{ "calendar", test_calendar },
	{ "lint", test_lint },
	{ "latex", test_latex },
	{ "format", test_format },
	{ "docx", test_docx },
	{ "compare", test_compare },
	{ "syntax", test_syntax },
};

int
main(void)
{
	struct unit u = { 0, 0, NULL };
	size_t i;

	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		u.group = groups[i].name;
		groups[i].run(&u);
	}
	printf("unit: %d passed, %d failed\n", u.passed, u.failed);
	return u.failed != 0;
}
