/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* "Vouliez-vous dire …": the closest candidate to a misspelt word,
 * comparing with case and accents folded (durée_mois ~ duree_mois). */
#ifndef LGC_SUGGEST_H
#define LGC_SUGGEST_H

#include <stddef.h>

struct suggester {
	const char	*word;
	const char	*best;
	size_t		 best_distance;
	char		*folded;	/* word, folded */
};

void	suggest_begin(struct suggester *s, const char *word);
void	suggest_consider(struct suggester *s, const char *candidate);
/* The best candidate close enough to be a likely typo, or NULL. */
const char *suggest_end(struct suggester *s);

/* Lowercase ASCII, accents removed (for comparisons and slugs). */
char	*fold_word(const char *s);

#endif
