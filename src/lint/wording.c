/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The wording rules: phrases that commit a party beyond what was
 * negotiated (« à sa seule discrétion », « consentement écrit
 * préalable »…), archaic or ambiguous wording (« ledit », « et/ou »…),
 * and the matcher that finds them in a file's folded prose. */
#include "lint/internal.h"

#include <stdlib.h>
#include <string.h>

#define NO_MATCH		((size_t)-1)

/* A pattern is words separated by one space, matched against folded
 * prose at word boundaries; "a|b" is either word, and a leading '?'
 * makes a word optional. */
static const struct {
	enum lint_rule	 rule;
	const char	*pattern;
} phrases[] = {
	{ R_DISCRETION, "a sa|son|leur|la "
	    "?seule|seul|entiere|libre|pleine|absolue|totale|souveraine ?et "
	    "?seule|seul|entiere|libre|pleine|absolue|totale|souveraine "
	    "discretion" },
	{ R_DISCRETION, "a sa|son|leur seule|seul gre" },
	{ R_DISCRETION, "au seul gre" },
	{ R_VIOLATION, "violation|violations|manquement|manquements|"
	    "inexecution|inexecutions substantielle|substantielles|"
	    "substantiel|substantiels|materielle|materielles|materiel|"
	    "materiels" },
	{ R_PARTIE, "partie|parties aux presentes" },
	{ R_CONSENTEMENT, "consentement|accord|autorisation|agrement "
	    "ecrit|ecrite|expres|expresse ?et prealable" },
	{ R_CONSENTEMENT, "consentement|accord|autorisation|agrement "
	    "prealable ?et ecrit|ecrite|expres|expresse" },
	{ R_EN_VERTU, "en vertu des presentes" },
	{ R_EN_VERTU, "aux termes des presentes" },
	{ R_EN_VERTU, "au titre des presentes" },
	{ R_LEDIT, "ledit|ladite|lesdits|lesdites|dudit|desdits|desdites|"
	    "auxdits|auxdites" },
	{ R_SUSMENTIONNE, "susmentionne|susmentionnee|susmentionnes|"
	    "susmentionnees|susdit|susdite|susdits|susdites|susvise|"
	    "susvisee|susvises|susvisees" },
	{ R_ET_OU, "et/ou" },
	{ R_ET_OU, "et / ou" },
	{ R_ET_OU, "ou/et" },
};

/* The end of PAT matched at S[POS], or NO_MATCH. */
static size_t
match_pattern(const char *s, size_t len, size_t pos, const char *pat)
{
	const char *tok_end = strchr(pat, ' '), *rest, *alt;
	bool optional = *pat == '?';

	if (tok_end == NULL)
		tok_end = pat + strlen(pat);
	rest = *tok_end == ' ' ? tok_end + 1 : tok_end;
	for (alt = optional ? pat + 1 : pat; alt < tok_end;) {
		const char *bar = memchr(alt, '|', (size_t)(tok_end - alt));
		size_t n = (size_t)((bar != NULL ? bar : tok_end) - alt);
		size_t next = pos + n, r;

		if (next <= len && memcmp(s + pos, alt, n) == 0 &&
		    (!word_byte(alt[n - 1]) || next == len ||
		    !word_byte(s[next]))) {
			if (*rest == '\0')
				return next;
			if (next < len && s[next] == ' ' &&
			    (r = match_pattern(s, len, next + 1, rest)) !=
			    NO_MATCH)
				return r;
		}
		alt = bar != NULL ? bar + 1 : tok_end;
	}
	if (optional && *rest != '\0')
		return match_pattern(s, len, pos, rest);
	return NO_MATCH;
}

void
find_phrases(const struct source *src, const struct prose *p,
    struct findings *fs)
{
	size_t i = 0, k, end;

	while (i < p->len) {
		bool matched = false;

		if (word_byte(p->s[i]) && (i == 0 || !word_byte(p->s[i - 1]))) {
			for (k = 0; k < sizeof(phrases) / sizeof(phrases[0]);
			    k++) {
				end = match_pattern(p->s, p->len, i,
				    phrases[k].pattern);
				if (end != NO_MATCH) {
					struct loc loc = span_loc(src,
					    p->origin[i], p->origin[end - 1]);
					char *text = as_written(src, p, i,
					    end);

					add_finding(fs, phrases[k].rule, &loc,
					    text, NULL, NULL);
					free(text);
					i = end;
					matched = true;
					break;
				}
			}
		}
		if (!matched)
			i++;
	}
}
