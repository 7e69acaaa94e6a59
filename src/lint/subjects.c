/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The essential subjects of a contract (parties, objet, durée…), their
 * names for the directive and --sujets, and one finding for each
 * subject the assembled contract leaves out, with the risk it leaves. */
#include "lint/internal.h"

#include <stdlib.h>
#include <string.h>

/* The essential subjects of a contract, in the default order.  A
 * subject is treated when a heading or a paragraph contains one of its
 * keywords at a word start (case and accents ignored): a one-page letter
 * has no headings; signatures have no keyword and need a {signatures}
 * block. */
#define MAX_KEYWORDS	6

static const struct subject {
	const char	*name;
	const char	*what;		/* "le contrat ne traite pas WHAT" */
	const char	*keywords[MAX_KEYWORDS];
	const char	*risk;
} subjects[] = {
	{ "parties", "des parties et de leurs représentants",
	    { "parties", "soussignés", "entre les" },
	    "rien n'établit qui s'engage, ni qui a le pouvoir de signer pour "
	    "chaque partie" },
	{ "objet", "de son objet", { "objet" },
	    "l'étendue des engagements restera discutable" },
	{ "duree", "de sa durée ni de son entrée en vigueur",
	    { "durée", "entrée en vigueur", "prise d'effet" },
	    "on ne sait ni quand les obligations commencent ni quand elles "
	    "prennent fin" },
	{ "prestations", "des prestations",
	    { "prestations", "services", "mission" },
	    "ce que le prestataire doit fournir n'est pas décrit, donc "
	    "difficile à exiger" },
	{ "remuneration", "de la rémunération",
	    { "rémunération", "prix", "paiement", "honoraires", "facturation",
	    "conditions financières" },
	    "le prix, ses échéances et les modalités de paiement restent à "
	    "débattre" },
	{ "resultats", "des résultats ni de la garantie",
	    { "résultats", "garantie", "obligation de moyens" },
	    "rien ne dit si le prestataire promet un résultat ou seulement "
	    "ses efforts" },
	{ "confidentialite", "de la confidentialité", { "confidentialité" },
	    "les informations échangées ne sont protégées que par le droit "
	    "commun" },
	{ "donnees", "des données personnelles",
	    { "données personnelles", "protection des données", "RGPD" },
	    "un traitement de données personnelles pour le compte d'autrui "
	    "doit être encadré par contrat (article 28 du RGPD)" },
	{ "resiliation", "de la résiliation",
	    { "résiliation", "fin du contrat" },
	    "les conditions et le préavis pour mettre fin au contrat sont "
	    "laissés au droit commun" },
	{ "litiges", "des litiges ni de la loi applicable",
	    { "litiges", "différends", "loi applicable", "juridiction",
	    "règlement des" },
	    "la loi applicable et le tribunal compétent ne sont pas fixés" },
	{ "signatures", "des signatures", { NULL },
	    "rien n'indique où les parties signent ni qui signe pour elles" },
};

#define NSUBJECTS	(sizeof(subjects) / sizeof(subjects[0]))

/* "« a », « b » ni « c »" */
static void
keyword_list(struct buf *b, const struct subject *s)
{
	size_t k, n = 0;

	while (n < MAX_KEYWORDS && s->keywords[n] != NULL)
		n++;
	for (k = 0; k < n; k++)
		buf_printf(b, "%s« %s »", k == 0 ? "" : k + 1 == n ? " ni " :
		    ", ", s->keywords[k]);
}

unsigned
all_subjects(void)
{
	return (1u << NSUBJECTS) - 1;
}

/* A letter (lettre de mission, d'engagement…) says what is asked, the
 * work, its price and how it is accepted; the parties are its sender and
 * addressee, and a contract's other clauses, if any, are in the general
 * terms it refers to. */
unsigned
letter_subjects(void)
{
	unsigned mask = 0;
	size_t i;

	for (i = 0; i < NSUBJECTS; i++)
		if (strcmp(subjects[i].name, "objet") == 0 ||
		    strcmp(subjects[i].name, "prestations") == 0 ||
		    strcmp(subjects[i].name, "remuneration") == 0 ||
		    strcmp(subjects[i].name, "signatures") == 0)
			mask |= 1u << i;
	return mask;
}

int
subject_named(const char *word)
{
	char *folded = fold(word);
	size_t i;
	int found = -1;

	for (i = 0; i < NSUBJECTS; i++)
		if (strcmp(folded, subjects[i].name) == 0)
			found = (int)i;
	free(folded);
	return found;
}

void
subject_names(struct buf *b)
{
	size_t i;

	for (i = 0; i < NSUBJECTS; i++)
		buf_printf(b, "%s%s", i > 0 ? ", " : "", subjects[i].name);
}

unsigned
heading_subjects(const char *title)
{
	char *folded = fold(title);
	unsigned treated = 0;
	size_t i, k;

	for (i = 0; i < NSUBJECTS; i++)
		for (k = 0; k < MAX_KEYWORDS && subjects[i].keywords[k]; k++) {
			char *kw = fold(subjects[i].keywords[k]);

			if (contains_word_start(folded, kw))
				treated |= 1u << i;
			free(kw);
		}
	free(folded);
	return treated;
}

void
find_missing_subjects(struct findings *fs, const struct source *src,
    unsigned wanted, unsigned treated, bool signatures, bool letter)
{
	struct loc loc;
	struct buf where, what;
	size_t i;
	bool found;

	memset(&loc, 0, sizeof(loc));
	loc.src = src;
	loc.line = loc.col = loc.end_line = loc.end_col = 1;
	buf_init(&where);
	buf_init(&what);
	for (i = 0; i < NSUBJECTS; i++) {
		if (!(wanted & (1u << i)))
			continue;
		buf_reset(&where);
		buf_reset(&what);
		buf_printf(&what, "%s ne traite pas %s",
		    letter ? "la lettre" : "le contrat", subjects[i].what);
		if (subjects[i].keywords[0] == NULL) {
			found = signatures;
			buf_puts(&where, "aucun bloc « {signatures …} »");
		} else {
			found = (treated & (1u << i)) != 0;
			buf_puts(&where, "aucun titre ni paragraphe ne "
			    "contient ");
			keyword_list(&where, &subjects[i]);
		}
		if (!found)
			add_finding(fs, R_SUJET, &loc, buf_cstr(&what),
			    buf_cstr(&where), subjects[i].risk);
	}
	buf_free(&where);
	buf_free(&what);
}
