/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "lang/french.h"
#include "unit.h"

#define EURO	NBSP "\xe2\x82\xac"

struct words_case {
	int64_t		 n;
	const char	*words;
};

/* Reference spellings, written out by hand rather than derived. */
static const struct words_case integer_words[] = {
	{ 0, "zéro" },
	{ 1, "un" },
	{ 2, "deux" },
	{ 3, "trois" },
	{ 4, "quatre" },
	{ 5, "cinq" },
	{ 6, "six" },
	{ 7, "sept" },
	{ 8, "huit" },
	{ 9, "neuf" },
	{ 10, "dix" },
	{ 11, "onze" },
	{ 12, "douze" },
	{ 13, "treize" },
	{ 14, "quatorze" },
	{ 15, "quinze" },
	{ 16, "seize" },
	{ 17, "dix-sept" },
	{ 18, "dix-huit" },
	{ 19, "dix-neuf" },
	{ 20, "vingt" },
	{ 21, "vingt et un" },
	{ 22, "vingt-deux" },
	{ 23, "vingt-trois" },
	{ 24, "vingt-quatre" },
	{ 25, "vingt-cinq" },
	{ 26, "vingt-six" },
	{ 27, "vingt-sept" },
	{ 28, "vingt-huit" },
	{ 29, "vingt-neuf" },
	{ 30, "trente" },
	{ 31, "trente et un" },
	{ 32, "trente-deux" },
	{ 33, "trente-trois" },
	{ 34, "trente-quatre" },
	{ 35, "trente-cinq" },
	{ 36, "trente-six" },
	{ 37, "trente-sept" },
	{ 38, "trente-huit" },
	{ 39, "trente-neuf" },
	{ 40, "quarante" },
	{ 41, "quarante et un" },
	{ 42, "quarante-deux" },
	{ 43, "quarante-trois" },
	{ 44, "quarante-quatre" },
	{ 45, "quarante-cinq" },
	{ 46, "quarante-six" },
	{ 47, "quarante-sept" },
	{ 48, "quarante-huit" },
	{ 49, "quarante-neuf" },
	{ 50, "cinquante" },
	{ 51, "cinquante et un" },
	{ 52, "cinquante-deux" },
	{ 53, "cinquante-trois" },
	{ 54, "cinquante-quatre" },
	{ 55, "cinquante-cinq" },
	{ 56, "cinquante-six" },
	{ 57, "cinquante-sept" },
	{ 58, "cinquante-huit" },
	{ 59, "cinquante-neuf" },
	{ 60, "soixante" },
	{ 61, "soixante et un" },
	{ 62, "soixante-deux" },
	{ 63, "soixante-trois" },
	{ 64, "soixante-quatre" },
	{ 65, "soixante-cinq" },
	{ 66, "soixante-six" },
	{ 67, "soixante-sept" },
	{ 68, "soixante-huit" },
	{ 69, "soixante-neuf" },
	{ 70, "soixante-dix" },
	{ 71, "soixante et onze" },
	{ 72, "soixante-douze" },
	{ 73, "soixante-treize" },
	{ 74, "soixante-quatorze" },
	{ 75, "soixante-quinze" },
	{ 76, "soixante-seize" },
	{ 77, "soixante-dix-sept" },
	{ 78, "soixante-dix-huit" },
	{ 79, "soixante-dix-neuf" },
	{ 80, "quatre-vingts" },
	{ 81, "quatre-vingt-un" },
	{ 82, "quatre-vingt-deux" },
	{ 83, "quatre-vingt-trois" },
	{ 84, "quatre-vingt-quatre" },
	{ 85, "quatre-vingt-cinq" },
	{ 86, "quatre-vingt-six" },
	{ 87, "quatre-vingt-sept" },
	{ 88, "quatre-vingt-huit" },
	{ 89, "quatre-vingt-neuf" },
	{ 90, "quatre-vingt-dix" },
	{ 91, "quatre-vingt-onze" },
	{ 92, "quatre-vingt-douze" },
	{ 93, "quatre-vingt-treize" },
	{ 94, "quatre-vingt-quatorze" },
	{ 95, "quatre-vingt-quinze" },
	{ 96, "quatre-vingt-seize" },
	{ 97, "quatre-vingt-dix-sept" },
	{ 98, "quatre-vingt-dix-huit" },
	{ 99, "quatre-vingt-dix-neuf" },
	{ 100, "cent" },
	{ 101, "cent un" },
	{ 102, "cent deux" },
	{ 110, "cent dix" },
	{ 111, "cent onze" },
	{ 117, "cent dix-sept" },
	{ 121, "cent vingt et un" },
	{ 171, "cent soixante et onze" },
	{ 180, "cent quatre-vingts" },
	{ 181, "cent quatre-vingt-un" },
	{ 199, "cent quatre-vingt-dix-neuf" },
	{ 200, "deux cents" },
	{ 201, "deux cent un" },
	{ 250, "deux cent cinquante" },
	{ 280, "deux cent quatre-vingts" },
	{ 300, "trois cents" },
	{ 371, "trois cent soixante et onze" },
	{ 400, "quatre cents" },
	{ 480, "quatre cent quatre-vingts" },
	{ 500, "cinq cents" },
	{ 600, "six cents" },
	{ 700, "sept cents" },
	{ 800, "huit cents" },
	{ 900, "neuf cents" },
	{ 999, "neuf cent quatre-vingt-dix-neuf" },
	{ 1000, "mille" },
	{ 1001, "mille un" },
	{ 1010, "mille dix" },
	{ 1021, "mille vingt et un" },
	{ 1080, "mille quatre-vingts" },
	{ 1100, "mille cent" },
	{ 1200, "mille deux cents" },
	{ 1234, "mille deux cent trente-quatre" },
	{ 1500, "mille cinq cents" },
	{ 1999, "mille neuf cent quatre-vingt-dix-neuf" },
	{ 2000, "deux mille" },
	{ 2001, "deux mille un" },
	{ 2026, "deux mille vingt-six" },
	{ 2500, "deux mille cinq cents" },
	{ 10000, "dix mille" },
	{ 11000, "onze mille" },
	{ 17000, "dix-sept mille" },
	{ 21000, "vingt et un mille" },
	{ 40000, "quarante mille" },
	{ 71000, "soixante et onze mille" },
	{ 80000, "quatre-vingt mille" },
	{ 80080, "quatre-vingt mille quatre-vingts" },
	{ 81000, "quatre-vingt-un mille" },
	{ 99999, "quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf" },
	{ 100000, "cent mille" },
	{ 101000, "cent un mille" },
	{ 150000, "cent cinquante mille" },
	{ 200000, "deux cent mille" },
	{ 200200, "deux cent mille deux cents" },
	{ 280000, "deux cent quatre-vingt mille" },
	{ 300001, "trois cent mille un" },
	{ 999999, "neuf cent quatre-vingt-dix-neuf mille neuf cent "
	    "quatre-vingt-dix-neuf" },
	{ 1000000, "un million" },
	{ 1000001, "un million un" },
	{ 1001000, "un million mille" },
	{ 1200000, "un million deux cent mille" },
	{ 2000000, "deux millions" },
	{ 2500000, "deux millions cinq cent mille" },
	{ 21000000, "vingt et un millions" },
	{ 80000000, "quatre-vingts millions" },
	{ 200000000, "deux cents millions" },
	{ 280000000, "deux cent quatre-vingts millions" },
	{ 999999999, "neuf cent quatre-vingt-dix-neuf millions neuf cent "
	    "quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf" },
	{ INT64_C(1000000000), "un milliard" },
	{ INT64_C(1000000001), "un milliard un" },
	{ INT64_C(1001001001), "un milliard un million mille un" },
	{ INT64_C(1500000000), "un milliard cinq cents millions" },
	{ INT64_C(2000000000), "deux milliards" },
	{ INT64_C(80000000000), "quatre-vingts milliards" },
	{ INT64_C(200000000000), "deux cents milliards" },
	{ INT64_C(999999999999), "neuf cent quatre-vingt-dix-neuf milliards "
	    "neuf cent quatre-vingt-dix-neuf millions neuf cent "
	    "quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf" },
	{ -1, "moins un" },
	{ -21, "moins vingt et un" },
	{ -80, "moins quatre-vingts" },
};

struct dec_words_case {
	const char	*value;
	const char	*words;
};

static const struct dec_words_case montant_words[] = {
	{ "1234.5", "mille deux cent trente-quatre euros et cinquante "
	    "centimes" },
	{ "1", "un euro" },
	{ "0", "zéro euro" },
	{ "2000000", "deux millions d'euros" },
	{ "1000000", "un million d'euros" },
	{ "1500", "mille cinq cents euros" },
	{ "0.5", "cinquante centimes" },
	{ "0.01", "un centime" },
	{ "21", "vingt et un euros" },
	{ "1.01", "un euro et un centime" },
	{ "2", "deux euros" },
	{ "80", "quatre-vingts euros" },
	{ "200", "deux cents euros" },
	{ "1000", "mille euros" },
	{ "80000", "quatre-vingt mille euros" },
	{ "1001000", "un million mille euros" },
	{ "1000000000", "un milliard d'euros" },
	{ "3000000000", "trois milliards d'euros" },
	{ "2000000.5", "deux millions d'euros et cinquante centimes" },
	{ "80.80", "quatre-vingts euros et quatre-vingts centimes" },
	{ "21.21", "vingt et un euros et vingt et un centimes" },
	{ "0.99", "quatre-vingt-dix-neuf centimes" },
	{ "0.005", "un centime" },
	{ "0.004999", "zéro euro" },
	{ "1.999", "deux euros" },
	{ "1.995", "deux euros" },
	{ "1.994", "un euro et quatre-vingt-dix-neuf centimes" },
	{ "999999999999.99", "neuf cent quatre-vingt-dix-neuf milliards "
	    "neuf cent quatre-vingt-dix-neuf millions neuf cent "
	    "quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf "
	    "euros et quatre-vingt-dix-neuf centimes" },
};

static const struct dec_words_case decimal_words[] = {
	{ "12.5", "douze virgule cinq" },
	{ "0.05", "zéro virgule zéro cinq" },
	{ "3", "trois" },
	{ "1.25", "un virgule vingt-cinq" },
	{ "0.8", "zéro virgule huit" },
	{ "0.80", "zéro virgule huit" },
	{ "1.080", "un virgule zéro huit" },
	{ "100.1", "cent virgule un" },
	{ "0.000001", "zéro virgule zéro zéro zéro zéro zéro un" },
	{ "3.14159", "trois virgule quatorze mille cent cinquante-neuf" },
	{ "0.21", "zéro virgule vingt et un" },
	{ "2.80", "deux virgule huit" },
	{ "2.080", "deux virgule zéro huit" },
	{ "0.123456", "zéro virgule cent vingt-trois mille quatre cent "
	    "cinquante-six" },
	{ "-2.5", "moins deux virgule cinq" },
	{ "999999999999.999999", "neuf cent quatre-vingt-dix-neuf milliards "
	    "neuf cent quatre-vingt-dix-neuf millions neuf cent "
	    "quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf "
	    "virgule neuf cent quatre-vingt-dix-neuf mille neuf cent "
	    "quatre-vingt-dix-neuf" },
};

static dec_t
num(const char *s)
{
	dec_t d = { 0 };

	if (dec_parse(s, strlen(s), &d) != DEC_OK)
		printf("test_french: bad literal %s\n", s);
	return d;
}

static struct date
day(int year, int month, int day_of_month)
{
	struct date d = { year, month, day_of_month };

	return d;
}

static bool
same_date(struct date a, int year, int month, int day_of_month)
{
	return a.year == year && a.month == month && a.day == day_of_month;
}

/* Each formatter below resets B and returns its text. */

static const char *
integer(struct buf *b, int64_t n)
{
	buf_reset(b);
	fr_integer(b, n);
	return buf_cstr(b);
}

static const char *
decimal(struct buf *b, const char *s)
{
	buf_reset(b);
	fr_decimal(b, num(s));
	return buf_cstr(b);
}

static const char *
montant(struct buf *b, const char *s)
{
	buf_reset(b);
	fr_montant(b, num(s));
	return buf_cstr(b);
}

static const char *
montant_sans_centimes(struct buf *b, const char *s)
{
	buf_reset(b);
	fr_montant_sans_centimes(b, num(s));
	return buf_cstr(b);
}

static const char *
pourcentage(struct buf *b, const char *s)
{
	buf_reset(b);
	fr_pourcentage(b, num(s));
	return buf_cstr(b);
}

static const char *
long_date(struct buf *b, int year, int month, int day_of_month)
{
	buf_reset(b);
	fr_date(b, day(year, month, day_of_month));
	return buf_cstr(b);
}

static const char *
short_date(struct buf *b, int year, int month, int day_of_month)
{
	buf_reset(b);
	fr_date_courte(b, day(year, month, day_of_month));
	return buf_cstr(b);
}

static const char *
duree(struct buf *b, int64_t count, enum duree_unit unit)
{
	buf_reset(b);
	fr_duree(b, count, unit);
	return buf_cstr(b);
}

static const char *
upper(struct buf *b, const char *s)
{
	buf_reset(b);
	fr_upper(b, s);
	return buf_cstr(b);
}

static const char *
lower(struct buf *b, const char *s)
{
	buf_reset(b);
	fr_lower(b, s);
	return buf_cstr(b);
}

static void
test_integer_words(struct unit *u, struct buf *b)
{
	size_t i;

	for (i = 0; i < sizeof(integer_words) / sizeof(integer_words[0]);
	    i++) {
		buf_reset(b);
		CHECK(u, fr_lettres_entier(b, integer_words[i].n));
		CHECK_STR(u, buf_cstr(b), integer_words[i].words);
	}

	/* Out of range: false, and nothing written. */
	buf_reset(b);
	buf_puts(b, "avant");
	CHECK(u, !fr_lettres_entier(b, INT64_C(1000000000000)));
	CHECK(u, !fr_lettres_entier(b, INT64_C(-1000000000000)));
	CHECK(u, !fr_lettres_entier(b, INT64_MAX));
	CHECK(u, !fr_lettres_entier(b, INT64_MIN));
	CHECK_STR(u, buf_cstr(b), "avant");

	/* Appends rather than replaces. */
	buf_reset(b);
	buf_puts(b, "soit ");
	CHECK(u, fr_lettres_entier(b, 71));
	CHECK_STR(u, buf_cstr(b), "soit soixante et onze");
}

static void
test_dec_words(struct unit *u, struct buf *b)
{
	size_t i;

	for (i = 0; i < sizeof(montant_words) / sizeof(montant_words[0]);
	    i++) {
		buf_reset(b);
		CHECK(u, fr_lettres_montant(b, num(montant_words[i].value)));
		CHECK_STR(u, buf_cstr(b), montant_words[i].words);
	}
	for (i = 0; i < sizeof(decimal_words) / sizeof(decimal_words[0]);
	    i++) {
		buf_reset(b);
		CHECK(u, fr_lettres_decimal(b, num(decimal_words[i].value)));
		CHECK_STR(u, buf_cstr(b), decimal_words[i].words);
	}

	buf_reset(b);
	CHECK(u, !fr_lettres_montant(b, num("-1")));
	CHECK(u, !fr_lettres_montant(b, num("-0.01")));
	CHECK(u, !fr_lettres_montant(b, num("999999999999.995")));
	CHECK(u, !fr_lettres_montant(b, num("1000000000000")));
	CHECK(u, !fr_lettres_decimal(b, num("1000000000000")));
	CHECK(u, !fr_lettres_decimal(b, num("-1000000000000.5")));
	CHECK_STR(u, buf_cstr(b), "");
}

static void
test_figures(struct unit *u, struct buf *b)
{
	CHECK_STR(u, integer(b, 0), "0");
	CHECK_STR(u, integer(b, 12), "12");
	CHECK_STR(u, integer(b, 999), "999");
	CHECK_STR(u, integer(b, 1000), "1" NBSP "000");
	CHECK_STR(u, integer(b, -1234), "-1" NBSP "234");
	CHECK_STR(u, integer(b, 12345), "12" NBSP "345");
	CHECK_STR(u, integer(b, 150000), "150" NBSP "000");
	CHECK_STR(u, integer(b, 1000000), "1" NBSP "000" NBSP "000");
	CHECK_STR(u, integer(b, INT64_MAX), "9" NBSP "223" NBSP "372" NBSP
	    "036" NBSP "854" NBSP "775" NBSP "807");
	CHECK_STR(u, integer(b, INT64_MIN), "-9" NBSP "223" NBSP "372" NBSP
	    "036" NBSP "854" NBSP "775" NBSP "808");

	CHECK_STR(u, decimal(b, "12.5"), "12,5");
	CHECK_STR(u, decimal(b, "1234.5"), "1" NBSP "234,5");
	CHECK_STR(u, decimal(b, "3"), "3");
	CHECK_STR(u, decimal(b, "3.000"), "3");
	CHECK_STR(u, decimal(b, "-0.25"), "-0,25");
	CHECK_STR(u, decimal(b, "0"), "0");
	CHECK_STR(u, decimal(b, "0.000001"), "0,000001");
	CHECK_STR(u, decimal(b, "1234567.891"), "1" NBSP "234" NBSP "567,891");

	CHECK_STR(u, montant(b, "1234.5"), "1" NBSP "234,50" EURO);
	CHECK_STR(u, montant(b, "0"), "0,00" EURO);
	CHECK_STR(u, montant(b, "40000"), "40" NBSP "000,00" EURO);
	CHECK_STR(u, montant(b, "-1234.56"), "-1" NBSP "234,56" EURO);
	CHECK_STR(u, montant(b, "0.005"), "0,01" EURO);
	CHECK_STR(u, montant(b, "-0.005"), "-0,01" EURO);
	CHECK_STR(u, montant(b, "0.004999"), "0,00" EURO);
	CHECK_STR(u, montant(b, "-0.004999"), "0,00" EURO);
	CHECK_STR(u, montant(b, "0.125"), "0,13" EURO);
	CHECK_STR(u, montant(b, "1.999"), "2,00" EURO);
	CHECK_STR(u, montant(b, "999.995"), "1" NBSP "000,00" EURO);

	CHECK_STR(u, montant_sans_centimes(b, "40000"), "40" NBSP "000" EURO);
	CHECK_STR(u, montant_sans_centimes(b, "40000.5"),
	    "40" NBSP "000,50" EURO);
	CHECK_STR(u, montant_sans_centimes(b, "0.01"), "0,01" EURO);
	CHECK_STR(u, montant_sans_centimes(b, "0"), "0" EURO);
	CHECK_STR(u, montant_sans_centimes(b, "-15"), "-15" EURO);
	CHECK_STR(u, montant_sans_centimes(b, "1234.567"),
	    "1" NBSP "234,57" EURO);

	CHECK_STR(u, pourcentage(b, "15"), "15" NBSP "%");
	CHECK_STR(u, pourcentage(b, "12.5"), "12,5" NBSP "%");
	CHECK_STR(u, pourcentage(b, "0.75"), "0,75" NBSP "%");
	CHECK_STR(u, pourcentage(b, "1000"), "1" NBSP "000" NBSP "%");
	CHECK_STR(u, pourcentage(b, "-2"), "-2" NBSP "%");
}

static void
test_date_text(struct unit *u, struct buf *b)
{
	static const char *const months[12] = {
		"janvier", "février", "mars", "avril", "mai", "juin",
		"juillet", "août", "septembre", "octobre", "novembre",
		"décembre"
	};
	char want[64];
	int month;

	CHECK_STR(u, long_date(b, 2026, 12, 1), "1er décembre 2026");
	CHECK_STR(u, long_date(b, 2026, 11, 26), "26 novembre 2026");
	CHECK_STR(u, long_date(b, 2026, 8, 15), "15 août 2026");
	CHECK_STR(u, long_date(b, 2026, 2, 1), "1er février 2026");
	CHECK_STR(u, long_date(b, 2024, 2, 29), "29 février 2024");
	CHECK_STR(u, long_date(b, 2027, 1, 2), "2 janvier 2027");
	CHECK_STR(u, long_date(b, 1, 1, 1), "1er janvier 1");
	for (month = 1; month <= 12; month++) {
		snprintf(want, sizeof(want), "10 %s 2030", months[month - 1]);
		CHECK_STR(u, long_date(b, 2030, month, 10), want);
	}

	CHECK_STR(u, short_date(b, 2026, 12, 1), "01/12/2026");
	CHECK_STR(u, short_date(b, 2026, 11, 26), "26/11/2026");
	CHECK_STR(u, short_date(b, 5, 1, 9), "09/01/0005");

	CHECK_STR(u, duree(b, 1, DUREE_JOUR), "1" NBSP "jour");
	CHECK_STR(u, duree(b, 0, DUREE_JOUR), "0" NBSP "jour");
	CHECK_STR(u, duree(b, 14, DUREE_JOUR), "14" NBSP "jours");
	CHECK_STR(u, duree(b, 1, DUREE_SEMAINE), "1" NBSP "semaine");
	CHECK_STR(u, duree(b, 2, DUREE_SEMAINE), "2" NBSP "semaines");
	CHECK_STR(u, duree(b, 1, DUREE_MOIS), "1" NBSP "mois");
	CHECK_STR(u, duree(b, 3, DUREE_MOIS), "3" NBSP "mois");
	CHECK_STR(u, duree(b, 1, DUREE_AN), "1" NBSP "an");
	CHECK_STR(u, duree(b, 2, DUREE_AN), "2" NBSP "ans");
	CHECK_STR(u, duree(b, 0, DUREE_AN), "0" NBSP "an");
	CHECK_STR(u, duree(b, -1, DUREE_JOUR), "-1" NBSP "jour");
	CHECK_STR(u, duree(b, -2, DUREE_JOUR), "-2" NBSP "jours");
	CHECK_STR(u, duree(b, 1000, DUREE_JOUR), "1" NBSP "000" NBSP "jours");
}

static void
test_date_parse(struct unit *u)
{
	struct date d = { 0, 0, 0 };

	CHECK(u, date_parse_iso("2026-11-26", 10, &d) &&
	    same_date(d, 2026, 11, 26));
	CHECK(u, date_parse_iso("2024-02-29", 10, &d) &&
	    same_date(d, 2024, 2, 29));
	CHECK(u, date_parse_iso("2000-02-29", 10, &d));
	CHECK(u, date_parse_iso("9999-12-31", 10, &d) &&
	    same_date(d, 9999, 12, 31));
	CHECK(u, date_parse_iso("0001-01-01", 10, &d) &&
	    same_date(d, 1, 1, 1));
	CHECK(u, date_parse_iso("2026-11-26x", 10, &d));
	CHECK(u, !date_parse_iso("2026-11-26x", 11, &d));
	CHECK(u, !date_parse_iso("2026-02-30", 10, &d));
	CHECK(u, !date_parse_iso("2023-02-29", 10, &d));
	CHECK(u, !date_parse_iso("1900-02-29", 10, &d));
	CHECK(u, !date_parse_iso("2026-04-31", 10, &d));
	CHECK(u, !date_parse_iso("2026-13-01", 10, &d));
	CHECK(u, !date_parse_iso("2026-00-10", 10, &d));
	CHECK(u, !date_parse_iso("2026-01-00", 10, &d));
	CHECK(u, !date_parse_iso("0000-01-01", 10, &d));
	CHECK(u, !date_parse_iso("26-11-26", 8, &d));
	CHECK(u, !date_parse_iso("2026-1-26", 9, &d));
	CHECK(u, !date_parse_iso("2026-11-6", 9, &d));
	CHECK(u, !date_parse_iso("02026-11-26", 11, &d));
	CHECK(u, !date_parse_iso("2026/11/26", 10, &d));
	CHECK(u, !date_parse_iso("abcd-ef-gh", 10, &d));
	CHECK(u, !date_parse_iso("", 0, &d));
	/* Failed parses leave the output alone. */
	CHECK(u, same_date(d, 2026, 11, 26));

	CHECK(u, date_valid(2024, 2, 29));
	CHECK(u, !date_valid(2100, 2, 29));
	CHECK(u, !date_valid(10000, 1, 1));
	CHECK(u, !date_valid(0, 12, 31));
	CHECK(u, !date_valid(2026, 6, 31));
}

static void
test_date_arithmetic(struct unit *u)
{
	struct date d = { 0, 0, 0 };
	int64_t days, bad_roundtrips = 0;
	int year;

	CHECK(u, date_to_days(day(1, 1, 1)) == 0);
	CHECK(u, date_to_days(day(1, 12, 31)) == 364);
	CHECK(u, date_to_days(day(2, 1, 1)) == 365);
	CHECK(u, date_to_days(day(1970, 1, 1)) == 719162);
	CHECK(u, date_to_days(day(2000, 1, 1)) == 730119);
	CHECK(u, date_to_days(day(2026, 11, 26)) == 739945);
	CHECK(u, date_to_days(day(9999, 12, 31)) == 3652058);
	CHECK(u, date_from_days(739945, &d) && same_date(d, 2026, 11, 26));
	CHECK(u, !date_from_days(-1, &d));
	CHECK(u, !date_from_days(3652059, &d));

	/* Every day of the range goes there and back. */
	for (days = 0; days <= 3652058; days++) {
		if (!date_from_days(days, &d) ||
		    !date_valid(d.year, d.month, d.day) ||
		    date_to_days(d) != days)
			bad_roundtrips++;
	}
	CHECK(u, bad_roundtrips == 0);

	CHECK(u, date_add_months(day(2027, 1, 31), 1, &d) &&
	    same_date(d, 2027, 2, 28));
	CHECK(u, date_add_months(day(2028, 1, 31), 1, &d) &&
	    same_date(d, 2028, 2, 29));
	for (year = 2024; year <= 2032; year++) {
		int february = year % 4 == 0 ? 29 : 28;

		CHECK(u, date_add_months(day(year, 1, 31), 1, &d) &&
		    same_date(d, year, 2, february));
		CHECK(u, date_add_months(day(year, 3, 31), -1, &d) &&
		    same_date(d, year, 2, february));
		CHECK(u, date_add_months(day(year - 1, 12, 30), 2, &d) &&
		    same_date(d, year, 2, february));
	}
	CHECK(u, date_add_months(day(2024, 2, 29), 12, &d) &&
	    same_date(d, 2025, 2, 28));
	CHECK(u, date_add_months(day(2024, 2, 29), 48, &d) &&
	    same_date(d, 2028, 2, 29));
	CHECK(u, date_add_months(day(2026, 1, 15), -1, &d) &&
	    same_date(d, 2025, 12, 15));
	CHECK(u, date_add_months(day(2026, 5, 31), 1, &d) &&
	    same_date(d, 2026, 6, 30));
	CHECK(u, date_add_months(day(2026, 11, 26), 14, &d) &&
	    same_date(d, 2028, 1, 26));
	CHECK(u, date_add_months(day(2026, 8, 31), 6, &d) &&
	    same_date(d, 2027, 2, 28));
	CHECK(u, date_add_months(day(2031, 12, 31), 2, &d) &&
	    same_date(d, 2032, 2, 29));
	CHECK(u, date_add_months(day(2026, 11, 26), -24, &d) &&
	    same_date(d, 2024, 11, 26));
	CHECK(u, date_add_months(day(2026, 11, 26), 0, &d) &&
	    same_date(d, 2026, 11, 26));
	CHECK(u, date_add_months(day(1, 12, 1), -11, &d) &&
	    same_date(d, 1, 1, 1));
	CHECK(u, !date_add_months(day(9999, 12, 1), 1, &d));
	CHECK(u, !date_add_months(day(1, 1, 1), -1, &d));
	CHECK(u, !date_add_months(day(2026, 1, 1), INT64_MAX, &d));
	CHECK(u, !date_add_months(day(2026, 1, 1), INT64_MIN, &d));
	CHECK(u, !date_add_months(day(2026, 2, 30), 1, &d));

	CHECK(u, date_add_days(day(2026, 11, 26), 14, &d) &&
	    same_date(d, 2026, 12, 10));
	CHECK(u, date_add_days(day(2024, 2, 28), 1, &d) &&
	    same_date(d, 2024, 2, 29));
	CHECK(u, date_add_days(day(2023, 2, 28), 1, &d) &&
	    same_date(d, 2023, 3, 1));
	CHECK(u, date_add_days(day(2026, 12, 31), 1, &d) &&
	    same_date(d, 2027, 1, 1));
	CHECK(u, date_add_days(day(2026, 1, 1), -1, &d) &&
	    same_date(d, 2025, 12, 31));
	CHECK(u, date_add_days(day(2024, 1, 1), 365, &d) &&
	    same_date(d, 2024, 12, 31));
	CHECK(u, date_add_days(day(9999, 12, 31), -3652058, &d) &&
	    same_date(d, 1, 1, 1));
	CHECK(u, !date_add_days(day(9999, 12, 31), 1, &d));
	CHECK(u, !date_add_days(day(1, 1, 1), -1, &d));
	CHECK(u, !date_add_days(day(2026, 1, 1), INT64_MAX, &d));
	CHECK(u, !date_add_days(day(2026, 1, 1), INT64_MIN, &d));

	CHECK(u, date_cmp(day(2026, 11, 26), day(2026, 11, 26)) == 0);
	CHECK(u, date_cmp(day(2026, 11, 26), day(2026, 12, 1)) < 0);
	CHECK(u, date_cmp(day(2027, 1, 1), day(2026, 12, 31)) > 0);
	CHECK(u, date_cmp(day(2026, 11, 25), day(2026, 11, 26)) < 0);

	CHECK(u, date_weekday(day(2026, 11, 26)) == 3);
	CHECK(u, date_weekday(day(1, 1, 1)) == 0);
	CHECK(u, date_weekday(day(2000, 1, 1)) == 5);
	CHECK(u, date_weekday(day(1970, 1, 1)) == 3);
	CHECK(u, date_weekday(day(2024, 2, 29)) == 3);
	CHECK(u, date_weekday(day(1789, 7, 14)) == 1);
	CHECK(u, date_weekday(day(2026, 12, 25)) == 4);
	CHECK(u, date_weekday(day(1969, 7, 20)) == 6);
	CHECK(u, date_weekday(day(9999, 12, 31)) == 4);
	CHECK(u, date_to_days(day(2026, 13, 1)) == -1);
	CHECK(u, date_weekday(day(2026, 0, 1)) == -1);
}

static void
test_case(struct unit *u, struct buf *b)
{
	CHECK_STR(u, upper(b, "élève"), "ÉLÈVE");
	CHECK_STR(u, upper(b, "œuvre"), "ŒUVRE");
	CHECK_STR(u, upper(b, "ça"), "ÇA");
	CHECK_STR(u, upper(b, "l'haÿ-les-roses"), "L'HAŸ-LES-ROSES");
	CHECK_STR(u, upper(b, "àâäæçéèêëîïôöùûüÿœ"), "ÀÂÄÆÇÉÈÊËÎÏÔÖÙÛÜŸŒ");
	CHECK_STR(u, upper(b, "łńšžı"), "ŁŃŠŽI");
	CHECK_STR(u, upper(b, "1" NBSP "000 € × ß ¿"), "1" NBSP "000 € × ß ¿");
	CHECK_STR(u, upper(b, "a\xff" "b"), "A\xff" "B");
	CHECK_STR(u, upper(b, ""), "");
	/* Ordinal abbreviations keep their small letters. */
	CHECK_STR(u, upper(b, "le 1er janvier"), "LE 1er JANVIER");
	CHECK_STR(u, upper(b, "la 1re et les 2es"), "LA 1re ET LES 2es");
	CHECK_STR(u, upper(b, "3e, 4ème, 2nd, 2nde, 1ers"),
	    "3e, 4ème, 2nd, 2nde, 1ers");
	CHECK_STR(u, upper(b, "1er."), "1er.");
	CHECK_STR(u, upper(b, "1erement 2eme 3ea"), "1EREMENT 2EME 3EA");
	CHECK_STR(u, upper(b, "1e\xc3\xa9"), "1E\xc3\x89");
	CHECK_STR(u, upper(b, "75008 paris"), "75008 PARIS");
	CHECK_STR(u, upper(b, "9"), "9");
	CHECK_STR(u, lower(b, "ÉLÈVE"), "élève");
	CHECK_STR(u, lower(b, "ŒUVRE"), "œuvre");
	CHECK_STR(u, lower(b, "ÀÂÄÆÇÉÈÊËÎÏÔÖÙÛÜŸŒ"), "àâäæçéèêëîïôöùûüÿœ");
	CHECK_STR(u, lower(b, "ŁŃŠŽİ"), "łńšži");
	CHECK_STR(u, lower(b, "Article 12 ÷ Ω"), "article 12 ÷ Ω");
	CHECK_STR(u, lower(b, "\xc3" "A"), "\xc3" "a");
}

void
test_french(struct unit *u)
{
	struct buf b;

	buf_init(&b);
	test_integer_words(u, &b);
	test_dec_words(u, &b);
	test_figures(u, &b);
	test_date_text(u, &b);
	test_date_parse(u);
	test_date_arithmetic(u);
	test_case(u, &b);
	buf_free(&b);
}
