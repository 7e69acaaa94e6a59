/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include <stddef.h>

#include "unit.h"
#include "syntax/keywords.h"
#include "syntax/tokens.h"

/* keyword_token dispatches on the first byte by hand: it must know every
 * word of the table keyword_word reads, and nothing else. */
static void
test_keywords(struct unit *u)
{
	static const char *const others[] = {
		"", "s", "sin", "sinonx", "Si", "numer", "numérox", "montant",
		"entree", "liste", "de", "pour", "chaque", "e", "optionnelle",
	};
	size_t i;
	int tok, n = 0;

	for (tok = KW_SI; tok <= KW_OPTIONNEL; tok++) {
		const char *word = keyword_word(tok);

		CHECK(u, word != NULL);
		if (word == NULL)
			continue;
		CHECK(u, keyword_token(word) == tok);
		n++;
	}
	CHECK(u, n == 21);
	CHECK(u, keyword_token("numero") == KW_NUMERO);
	CHECK(u, keyword_token("numéro") == KW_NUMERO);
	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		CHECK(u, keyword_token(others[i]) == 0);
}

void
test_syntax(struct unit *u)
{
	test_keywords(u);
}
