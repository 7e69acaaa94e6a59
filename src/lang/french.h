/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* French formatting of values and calendar arithmetic.  Every backend
 * prints values through these functions, so a rule lives here once. */
#ifndef LGC_FRENCH_H
#define LGC_FRENCH_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/decimal.h"
#include "base/util.h"

/* Calendar date in the proleptic Gregorian calendar, years 1..9999. */
struct date {
	int	year;
	int	month;		/* 1..12 */
	int	day;		/* 1..31 */
};

bool	date_valid(int year, int month, int day);
/* Parses exactly "YYYY-MM-DD" (1 to 4 digit year accepted by the
 * language's literal "[0-9]+-[0-9]+-[0-9]+"; validated). */
bool	date_parse_iso(const char *s, size_t len, struct date *out);
int64_t	date_to_days(struct date d);		/* days since 0001-01-01 */
bool	date_from_days(int64_t days, struct date *out);
/* Adds months, clamping the day to the end of the target month
 * (31 janvier + 1 mois = 28 or 29 février).  False when out of range. */
bool	date_add_months(struct date d, int64_t months, struct date *out);
bool	date_add_days(struct date d, int64_t days, struct date *out);
int	date_cmp(struct date a, struct date b);
int	date_weekday(struct date d);		/* 0 = lundi … 6 = dimanche */

/* Easter Sunday of YEAR (Gregorian computus); YEAR in 1..9999. */
struct date date_easter(int year);
/* Public holidays of metropolitan France: 1er janvier, lundi de Pâques,
 * 1er mai, 8 mai, Ascension, lundi de Pentecôte, 14 juillet, 15 août,
 * 1er novembre, 11 novembre, 25 décembre.  False for an invalid date. */
bool	date_is_holiday_fr(struct date d);
/* The N-th working day strictly after D (before it when N < 0); D itself
 * when N is 0.  "Jours ouvrés" are lundi to vendredi, "jours ouvrables"
 * lundi to samedi, holidays excluded from both.  False for an invalid D
 * or when the result would leave years 1..9999. */
bool	date_add_jours_ouvres(struct date d, int64_t n, struct date *out);
bool	date_add_jours_ouvrables(struct date d, int64_t n, struct date *out);

/* Every formatter appends to B.  Groups of thousands are separated by
 * U+00A0 (no-break space); the unit is preceded by U+00A0 too. */
void	fr_integer(struct buf *b, int64_t n);			/* 150 000 */
void	fr_decimal(struct buf *b, dec_t d);			/* 12,5 ; no trailing zeros */
void	fr_montant(struct buf *b, dec_t d);			/* 1 234,50 € */
void	fr_montant_sans_centimes(struct buf *b, dec_t d);	/* 40 000 € ; keeps ,50 */
void	fr_pourcentage(struct buf *b, dec_t d);			/* 15 % ; 12,5 % */
void	fr_date(struct buf *b, struct date d);			/* 1er décembre 2026 */
void	fr_date_courte(struct buf *b, struct date d);		/* 01/12/2026 */
void	fr_jour_semaine(struct buf *b, struct date d);		/* jeudi */
void	fr_date_longue(struct buf *b, struct date d);		/* jeudi 1er octobre 2026 */
/* "1er", "2e", "21e"; FEMININE: "1re", "2e".  N >= 1; the letters are
 * set in superscript by doc/build.c, which knows these forms. */
void	fr_ordinal(struct buf *b, int64_t n, bool feminine);

enum duree_unit {
	DUREE_JOUR,
	DUREE_SEMAINE,
	DUREE_MOIS,
	DUREE_AN
};
/* "1 jour", "14 jours", "1 semaine", "3 mois", "1 an", "2 ans". */
void	fr_duree(struct buf *b, int64_t count, enum duree_unit unit);

/* Numbers in words, traditional French rules ("vingt et un",
 * "quatre-vingts", "deux cents", "mille", "un million").  Each returns
 * false, writing nothing, outside 0 .. 999 999 999 999(,99). */
bool	fr_lettres_entier(struct buf *b, int64_t n);
/* "douze virgule cinq", "zéro virgule zéro cinq" */
bool	fr_lettres_decimal(struct buf *b, dec_t d);
/* "mille deux cent trente-quatre euros et cinquante centimes",
 * "un euro", "zéro euro", "deux millions d'euros", "cinquante centimes" */
bool	fr_lettres_montant(struct buf *b, dec_t d);

/* Upper/lower case of UTF-8 text, French letters included. */
void	fr_upper(struct buf *b, const char *s);
void	fr_lower(struct buf *b, const char *s);

#endif
