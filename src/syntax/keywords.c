/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The reserved words of the language and the header's statement words. */
#include <string.h>

#include "syntax/keywords.h"
#include "syntax/tokens.h"
#include "base/suggest.h"

static const struct {
	const char	*word;
	int		 token;
} keywords[] = {
	{ "si", KW_SI }, { "sinon", KW_SINON }, { "fin", KW_FIN },
	{ "selon", KW_SELON }, { "cas", KW_CAS }, { "autre", KW_AUTRE },
	{ "dans", KW_DANS }, { "inclure", KW_INCLURE }, { "avec", KW_AVEC },
	{ "signatures", KW_SIGNATURES }, { "ref", KW_REF },
	{ "numero", KW_NUMERO }, { "numéro", KW_NUMERO },
	{ "et", KW_ET }, { "ou", KW_OU }, { "non", KW_NON },
	{ "existe", KW_EXISTE }, { "vrai", KW_VRAI }, { "faux", KW_FAUX },
	{ "entre", KW_ENTRE }, { "parmi", KW_PARMI },
	{ "optionnel", KW_OPTIONNEL },
};

/* Header statement words: keywords only as a statement's first word. */
static const struct {
	const char	*word;
	int		 token;
} statements[] = {
	{ "modele", KW_MODELE }, { "modèle", KW_MODELE },
	{ "titre", KW_TITRE }, { "langue", KW_LANGUE },
	{ "entree", KW_ENTREE }, { "entrée", KW_ENTREE },
	{ "parametre", KW_PARAMETRE }, { "paramètre", KW_PARAMETRE },
	{ "soit", KW_SOIT }, { "exiger", KW_EXIGER },
	{ "recommander", KW_RECOMMANDER }, { "importer", KW_IMPORTER },
	{ "type", KW_TYPE }, { "genre", KW_GENRE }, { "lieu", KW_LIEU },
	{ "date", KW_DATE }, { "mention", KW_MENTION },
};

/* The table above, by first byte: the scanner asks for every word it
 * reads, and most are no keyword (tests/unit/test_syntax.c checks that
 * both agree). */
int
keyword_token(const char *word)
{
#define KW(w, tok)	if (strcmp(word + 1, (w) + 1) == 0) return tok
	switch (word[0]) {
	case 'a':
		KW("autre", KW_AUTRE);
		KW("avec", KW_AVEC);
		break;
	case 'c':
		KW("cas", KW_CAS);
		break;
	case 'd':
		KW("dans", KW_DANS);
		break;
	case 'e':
		KW("et", KW_ET);
		KW("existe", KW_EXISTE);
		KW("entre", KW_ENTRE);
		break;
	case 'f':
		KW("fin", KW_FIN);
		KW("faux", KW_FAUX);
		break;
	case 'i':
		KW("inclure", KW_INCLURE);
		break;
	case 'n':
		KW("non", KW_NON);
		KW("numero", KW_NUMERO);
		KW("numéro", KW_NUMERO);
		break;
	case 'o':
		KW("ou", KW_OU);
		KW("optionnel", KW_OPTIONNEL);
		break;
	case 'p':
		KW("parmi", KW_PARMI);
		break;
	case 'r':
		KW("ref", KW_REF);
		break;
	case 's':
		KW("si", KW_SI);
		KW("sinon", KW_SINON);
		KW("selon", KW_SELON);
		KW("signatures", KW_SIGNATURES);
		break;
	case 'v':
		KW("vrai", KW_VRAI);
		break;
	default:
		break;
	}
#undef KW
	return 0;
}

int
statement_token(const char *word)
{
	size_t i;

	/* The first byte first, as most words of a statement's start are
	 * no statement word but its arguments. */
	for (i = 0; i < sizeof(statements) / sizeof(statements[0]); i++)
		if (statements[i].word[0] == word[0] &&
		    strcmp(statements[i].word, word) == 0)
			return statements[i].token;
	return 0;
}

const char *
keyword_word(int token)
{
	size_t i = sizeof(keywords) / sizeof(keywords[0]);

	/* The last one listed: the accented spelling comes second. */
	while (i-- > 0)
		if (keywords[i].token == token)
			return keywords[i].word;
	return NULL;
}

void
suggest_statements(struct suggester *sg)
{
	size_t i;

	for (i = 0; i < sizeof(statements) / sizeof(statements[0]); i++)
		suggest_consider(sg, statements[i].word);
}
