/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include <stdlib.h>

#include "lang/french.h"
#include "lint/numbers.h"
#include "unit.h"

struct number_case {
	const char	*words;
	int64_t		 n;
};

/* Spellings a drafter may use besides the ones lgc prints: capitals,
 * the 1990 reform's hyphens, Belgian and Swiss tens, no accents. */
static const struct number_case valid[] = {
	{ "Quatorze", 14 },
	{ "trente", 30 },
	{ "soixante et onze", 71 },
	{ "soixante-et-onze", 71 },
	{ "quatre-vingt-dix", 90 },
	{ "quatre vingt dix neuf", 99 },
	{ "quatre-vingts", 80 },
	{ "deux-cent-trente-et-un", 231 },
	{ "mille cinq cents", 1500 },
	{ "mille cinq cent", 1500 },
	{ "Zero", 0 },
	{ "zéro", 0 },
	{ "septante-cinq", 75 },
	{ "nonante", 90 },
	{ "un million deux cent mille", 1200000 },
	{ "deux milliards trois", 2000000003 },
	{ "cent mille", 100000 },
	{ "une", 1 },
};

/* Not a number: what precedes a parenthesis is often an ordinary word. */
static const char *const invalid[] = {
	"",
	"deux deux",
	"vingt douze",
	"et un",
	"vingt et",
	"mille mille",
	"million",
	"cent cent",
	"un cent",
	"dix dix",
	"soixante zéro",
	"trente jours",
	"virgule",
	"trois quatre-vingts un deux",
};

void
test_lint(struct unit *u)
{
	struct buf b;
	int64_t n, v;
	size_t i;
	int mismatches = 0;

	/* Every number lgc writes in words reads back. */
	buf_init(&b);
	for (n = 0; n <= 20000; n++) {
		buf_reset(&b);
		if (!fr_lettres_entier(&b, n) ||
		    !lint_number_words(buf_cstr(&b), &v) || v != n) {
			if (mismatches++ < 5)
				CHECK_STR(u, buf_cstr(&b), "(relu)");
		}
	}
	for (n = 20000; n < 999999999999; n = n * 7 + 12345) {
		buf_reset(&b);
		if (!fr_lettres_entier(&b, n) ||
		    !lint_number_words(buf_cstr(&b), &v) || v != n) {
			if (mismatches++ < 10)
				CHECK_STR(u, buf_cstr(&b), "(relu)");
		}
	}
	buf_free(&b);
	CHECK(u, mismatches == 0);
	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		v = -1;
		CHECK(u, lint_number_words(valid[i].words, &v) &&
		    v == valid[i].n);
	}
	for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
		CHECK(u, !lint_number_words(invalid[i], &v));
}
