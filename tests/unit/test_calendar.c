/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Calendar functions: Easter, French public holidays, jours ouvrés and
 * ouvrables, long dates, and the template functions built on them.
 * Every expected value below was computed outside lgc (Python's datetime
 * stepping day by day over a holiday list typed by hand, cross-checked
 * with dateutil's Easter) and written in. */
#include <stdlib.h>

#include "lang/french.h"
#include "lang/functions.h"
#include "lang/types.h"
#include "unit.h"

#define NO_DATE	{ 0, 0, 0 }	/* the result leaves the calendar */
#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))

static const struct date easter_dates[] = {
	{ 2024, 3, 31 }, { 2025, 4, 20 }, { 2026, 4, 5 }, { 2027, 3, 28 },
	{ 2028, 4, 16 }, { 2029, 4, 1 }, { 2030, 4, 21 }, { 2031, 4, 13 },
	{ 2032, 3, 28 },
	/* Far years, the extremes of 22 mars and 25 avril among them. */
	{ 1, 4, 1 }, { 1583, 4, 10 }, { 1818, 3, 22 }, { 1943, 4, 25 },
	{ 2000, 4, 23 }, { 2008, 3, 23 }, { 2038, 4, 25 }, { 2285, 3, 22 },
	{ 9999, 3, 28 },
};

/* Month and day of the eleven holidays, in calendar order: 1er janvier,
 * lundi de Pâques, 1er mai, 8 mai, Ascension, lundi de Pentecôte,
 * 14 juillet, 15 août, 1er novembre, 11 novembre, 25 décembre. */
static const struct {
	int	year;
	int	md[11][2];
} holidays[] = {
	{ 2024, { { 1, 1 }, { 4, 1 }, { 5, 1 }, { 5, 8 }, { 5, 9 }, { 5, 20 },
	    { 7, 14 }, { 8, 15 }, { 11, 1 }, { 11, 11 }, { 12, 25 } } },
	{ 2025, { { 1, 1 }, { 4, 21 }, { 5, 1 }, { 5, 8 }, { 5, 29 }, { 6, 9 },
	    { 7, 14 }, { 8, 15 }, { 11, 1 }, { 11, 11 }, { 12, 25 } } },
	{ 2026, { { 1, 1 }, { 4, 6 }, { 5, 1 }, { 5, 8 }, { 5, 14 }, { 5, 25 },
	    { 7, 14 }, { 8, 15 }, { 11, 1 }, { 11, 11 }, { 12, 25 } } },
	{ 2027, { { 1, 1 }, { 3, 29 }, { 5, 1 }, { 5, 6 }, { 5, 8 }, { 5, 17 },
	    { 7, 14 }, { 8, 15 }, { 11, 1 }, { 11, 11 }, { 12, 25 } } },
	{ 2028, { { 1, 1 }, { 4, 17 }, { 5, 1 }, { 5, 8 }, { 5, 25 }, { 6, 5 },
	    { 7, 14 }, { 8, 15 }, { 11, 1 }, { 11, 11 }, { 12, 25 } } },
	{ 2029, { { 1, 1 }, { 4, 2 }, { 5, 1 }, { 5, 8 }, { 5, 10 }, { 5, 21 },
	    { 7, 14 }, { 8, 15 }, { 11, 1 }, { 11, 11 }, { 12, 25 } } },
	{ 2030, { { 1, 1 }, { 4, 22 }, { 5, 1 }, { 5, 8 }, { 5, 30 }, { 6, 10 },
	    { 7, 14 }, { 8, 15 }, { 11, 1 }, { 11, 11 }, { 12, 25 } } },
	{ 2031, { { 1, 1 }, { 4, 14 }, { 5, 1 }, { 5, 8 }, { 5, 22 }, { 6, 2 },
	    { 7, 14 }, { 8, 15 }, { 11, 1 }, { 11, 11 }, { 12, 25 } } },
	{ 2032, { { 1, 1 }, { 3, 29 }, { 5, 1 }, { 5, 6 }, { 5, 8 }, { 5, 17 },
	    { 7, 14 }, { 8, 15 }, { 11, 1 }, { 11, 11 }, { 12, 25 } } },
};

/* Days people take for holidays but that are not, in metropolitan
 * France, and neighbours of the movable ones. */
static const struct date not_holidays[] = {
	{ 2026, 4, 3 },		/* Vendredi saint: Alsace-Moselle only */
	{ 2026, 4, 5 },		/* Pâques itself, a Sunday */
	{ 2026, 4, 7 },
	{ 2026, 5, 2 },
	{ 2026, 5, 9 },
	{ 2026, 5, 13 },
	{ 2026, 5, 15 },	/* the "pont" of Ascension */
	{ 2026, 5, 24 },	/* Pentecôte itself, a Sunday */
	{ 2026, 5, 26 },
	{ 2026, 7, 13 },
	{ 2026, 8, 16 },
	{ 2026, 11, 2 },
	{ 2026, 12, 24 },
	{ 2026, 12, 26 },	/* Saint-Étienne: Alsace-Moselle only */
	{ 2026, 12, 31 },
	{ 2027, 1, 2 },
	{ 2027, 3, 28 },
	{ 2027, 3, 30 },
	{ 2027, 5, 7 },
	{ 2032, 5, 16 },
	{ 2026, 2, 29 },	/* invalid dates are no holidays */
	{ 2026, 13, 1 },
	{ 0, 1, 1 },
};

struct working_case {
	struct date	from;
	int64_t		n;
	struct date	ouvres;
	struct date	ouvrables;
};

static const struct working_case working_cases[] = {
	/* n = 0: the date itself, even on a week-end or a holiday. */
	{ { 2026, 3, 10 }, 0, { 2026, 3, 10 }, { 2026, 3, 10 } },
	{ { 2026, 3, 14 }, 0, { 2026, 3, 14 }, { 2026, 3, 14 } },
	{ { 2026, 3, 15 }, 0, { 2026, 3, 15 }, { 2026, 3, 15 } },
	{ { 2026, 12, 25 }, 0, { 2026, 12, 25 }, { 2026, 12, 25 } },
	/* Easter week-ends: Good Friday is worked, Easter Monday is not. */
	{ { 2026, 4, 2 }, 1, { 2026, 4, 3 }, { 2026, 4, 3 } },
	{ { 2026, 4, 2 }, 2, { 2026, 4, 7 }, { 2026, 4, 4 } },
	{ { 2026, 4, 2 }, 3, { 2026, 4, 8 }, { 2026, 4, 7 } },
	{ { 2026, 4, 3 }, 1, { 2026, 4, 7 }, { 2026, 4, 4 } },
	{ { 2026, 4, 4 }, 1, { 2026, 4, 7 }, { 2026, 4, 7 } },
	{ { 2026, 4, 5 }, 1, { 2026, 4, 7 }, { 2026, 4, 7 } },
	{ { 2024, 3, 28 }, 1, { 2024, 3, 29 }, { 2024, 3, 29 } },
	{ { 2024, 3, 28 }, 2, { 2024, 4, 2 }, { 2024, 3, 30 } },
	{ { 2024, 3, 29 }, 1, { 2024, 4, 2 }, { 2024, 3, 30 } },
	{ { 2027, 3, 26 }, 1, { 2027, 3, 30 }, { 2027, 3, 27 } },
	{ { 2027, 3, 26 }, -1, { 2027, 3, 25 }, { 2027, 3, 25 } },
	{ { 2027, 3, 30 }, -1, { 2027, 3, 26 }, { 2027, 3, 27 } },
	{ { 2028, 4, 13 }, 3, { 2028, 4, 19 }, { 2028, 4, 18 } },
	{ { 2029, 3, 30 }, 1, { 2029, 4, 3 }, { 2029, 3, 31 } },
	{ { 2030, 4, 19 }, 1, { 2030, 4, 23 }, { 2030, 4, 20 } },
	{ { 2031, 4, 11 }, 1, { 2031, 4, 15 }, { 2031, 4, 12 } },
	{ { 2032, 3, 26 }, 1, { 2032, 3, 30 }, { 2032, 3, 27 } },
	{ { 2025, 4, 18 }, 1, { 2025, 4, 22 }, { 2025, 4, 19 } },
	/* May: 1er mai, 8 mai, Ascension (a Thursday), lundi de Pentecôte. */
	{ { 2024, 4, 30 }, 1, { 2024, 5, 2 }, { 2024, 5, 2 } },
	{ { 2024, 4, 30 }, 5, { 2024, 5, 10 }, { 2024, 5, 7 } },
	{ { 2024, 4, 30 }, 10, { 2024, 5, 17 }, { 2024, 5, 15 } },
	{ { 2024, 5, 7 }, 1, { 2024, 5, 10 }, { 2024, 5, 10 } },
	{ { 2024, 5, 7 }, 2, { 2024, 5, 13 }, { 2024, 5, 11 } },
	{ { 2024, 5, 17 }, 1, { 2024, 5, 21 }, { 2024, 5, 18 } },
	{ { 2025, 4, 30 }, 10, { 2025, 5, 16 }, { 2025, 5, 14 } },
	{ { 2025, 5, 28 }, 1, { 2025, 5, 30 }, { 2025, 5, 30 } },
	{ { 2025, 6, 6 }, 1, { 2025, 6, 10 }, { 2025, 6, 7 } },
	{ { 2026, 5, 7 }, 1, { 2026, 5, 11 }, { 2026, 5, 9 } },
	{ { 2026, 5, 13 }, 1, { 2026, 5, 15 }, { 2026, 5, 15 } },
	{ { 2026, 5, 22 }, 1, { 2026, 5, 26 }, { 2026, 5, 23 } },
	{ { 2027, 5, 5 }, 1, { 2027, 5, 7 }, { 2027, 5, 7 } },
	{ { 2027, 5, 7 }, 1, { 2027, 5, 10 }, { 2027, 5, 10 } },
	{ { 2027, 5, 14 }, 1, { 2027, 5, 18 }, { 2027, 5, 15 } },
	{ { 2028, 5, 24 }, 1, { 2028, 5, 26 }, { 2028, 5, 26 } },
	{ { 2028, 6, 2 }, 1, { 2028, 6, 6 }, { 2028, 6, 3 } },
	{ { 2029, 5, 9 }, 1, { 2029, 5, 11 }, { 2029, 5, 11 } },
	{ { 2030, 5, 29 }, 1, { 2030, 5, 31 }, { 2030, 5, 31 } },
	{ { 2031, 5, 21 }, 1, { 2031, 5, 23 }, { 2031, 5, 23 } },
	{ { 2031, 5, 30 }, 1, { 2031, 6, 3 }, { 2031, 5, 31 } },
	{ { 2032, 4, 30 }, 1, { 2032, 5, 3 }, { 2032, 5, 3 } },
	{ { 2032, 5, 5 }, 1, { 2032, 5, 7 }, { 2032, 5, 7 } },
	/* 14 juillet, 15 août, Toussaint, 11 novembre. */
	{ { 2024, 7, 12 }, 1, { 2024, 7, 15 }, { 2024, 7, 13 } },
	{ { 2025, 8, 14 }, 1, { 2025, 8, 18 }, { 2025, 8, 16 } },
	{ { 2026, 7, 13 }, 1, { 2026, 7, 15 }, { 2026, 7, 15 } },
	{ { 2026, 8, 14 }, 1, { 2026, 8, 17 }, { 2026, 8, 17 } },
	{ { 2026, 10, 30 }, 1, { 2026, 11, 2 }, { 2026, 10, 31 } },
	{ { 2026, 11, 10 }, 1, { 2026, 11, 12 }, { 2026, 11, 12 } },
	{ { 2027, 11, 10 }, 1, { 2027, 11, 12 }, { 2027, 11, 12 } },
	{ { 2028, 8, 14 }, 1, { 2028, 8, 16 }, { 2028, 8, 16 } },
	{ { 2029, 7, 13 }, 1, { 2029, 7, 16 }, { 2029, 7, 16 } },
	{ { 2030, 11, 8 }, 1, { 2030, 11, 12 }, { 2030, 11, 9 } },
	/* Christmas, New Year and year ends. */
	{ { 2024, 12, 24 }, 1, { 2024, 12, 26 }, { 2024, 12, 26 } },
	{ { 2024, 12, 24 }, 5, { 2025, 1, 2 }, { 2024, 12, 31 } },
	{ { 2025, 12, 24 }, 1, { 2025, 12, 26 }, { 2025, 12, 26 } },
	{ { 2025, 12, 24 }, 3, { 2025, 12, 30 }, { 2025, 12, 29 } },
	{ { 2025, 12, 31 }, 1, { 2026, 1, 2 }, { 2026, 1, 2 } },
	{ { 2026, 12, 24 }, 1, { 2026, 12, 28 }, { 2026, 12, 26 } },
	{ { 2026, 12, 31 }, 1, { 2027, 1, 4 }, { 2027, 1, 2 } },
	{ { 2027, 12, 24 }, 1, { 2027, 12, 27 }, { 2027, 12, 27 } },
	{ { 2027, 12, 31 }, 1, { 2028, 1, 3 }, { 2028, 1, 3 } },
	{ { 2028, 12, 29 }, 1, { 2029, 1, 2 }, { 2028, 12, 30 } },
	{ { 2029, 12, 31 }, 1, { 2030, 1, 2 }, { 2030, 1, 2 } },
	{ { 2030, 12, 24 }, 2, { 2030, 12, 27 }, { 2030, 12, 27 } },
	{ { 2031, 12, 31 }, 1, { 2032, 1, 2 }, { 2032, 1, 2 } },
	{ { 2032, 12, 24 }, 1, { 2032, 12, 27 }, { 2032, 12, 27 } },
	/* Counting backwards. */
	{ { 2026, 1, 5 }, -1, { 2026, 1, 2 }, { 2026, 1, 3 } },
	{ { 2026, 1, 5 }, -3, { 2025, 12, 30 }, { 2025, 12, 31 } },
	{ { 2026, 1, 2 }, -1, { 2025, 12, 31 }, { 2025, 12, 31 } },
	{ { 2025, 1, 2 }, -2, { 2024, 12, 30 }, { 2024, 12, 30 } },
	{ { 2026, 4, 7 }, -1, { 2026, 4, 3 }, { 2026, 4, 4 } },
	{ { 2026, 4, 7 }, -2, { 2026, 4, 2 }, { 2026, 4, 3 } },
	{ { 2026, 5, 26 }, -1, { 2026, 5, 22 }, { 2026, 5, 23 } },
	{ { 2026, 12, 28 }, -1, { 2026, 12, 24 }, { 2026, 12, 26 } },
	{ { 2028, 1, 3 }, -1, { 2027, 12, 31 }, { 2027, 12, 31 } },
	{ { 2029, 5, 11 }, -3, { 2029, 5, 4 }, { 2029, 5, 5 } },
	{ { 2030, 1, 1 }, -1, { 2029, 12, 31 }, { 2029, 12, 31 } },
	{ { 2032, 1, 5 }, -10, { 2031, 12, 18 }, { 2031, 12, 22 } },
	{ { 2026, 9, 15 }, -20, { 2026, 8, 18 }, { 2026, 8, 22 } },
	{ { 2027, 3, 1 }, -60, { 2026, 12, 3 }, { 2026, 12, 18 } },
	/* Longer spans, 29 février. */
	{ { 2024, 1, 1 }, 20, { 2024, 1, 29 }, { 2024, 1, 24 } },
	{ { 2024, 1, 1 }, 250, { 2024, 12, 27 }, { 2024, 10, 25 } },
	{ { 2025, 6, 15 }, 100, { 2025, 11, 4 }, { 2025, 10, 11 } },
	{ { 2026, 2, 27 }, 365, { 2027, 8, 11 }, { 2027, 5, 15 } },
	{ { 2024, 1, 2 }, 2000, { 2031, 12, 11 }, { 2030, 8, 9 } },
	{ { 2032, 12, 31 }, -2000, { 2025, 1, 24 }, { 2026, 5, 27 } },
	{ { 2028, 2, 28 }, 1, { 2028, 2, 29 }, { 2028, 2, 29 } },
	{ { 2028, 2, 28 }, 2, { 2028, 3, 1 }, { 2028, 3, 1 } },
	{ { 2029, 9, 1 }, -250, { 2028, 9, 5 }, { 2028, 11, 2 } },
	/* 2008: Ascension on 1er mai, one day off only.  2013: Ascension
	 * on 9 mai, the day after 8 mai. */
	{ { 2008, 4, 30 }, 1, { 2008, 5, 2 }, { 2008, 5, 2 } },
	{ { 2008, 4, 30 }, 2, { 2008, 5, 5 }, { 2008, 5, 3 } },
	{ { 2008, 4, 30 }, -1, { 2008, 4, 29 }, { 2008, 4, 29 } },
	{ { 2013, 5, 7 }, 1, { 2013, 5, 10 }, { 2013, 5, 10 } },
	{ { 2013, 5, 7 }, 2, { 2013, 5, 13 }, { 2013, 5, 11 } },
	/* Large counts, over centuries of holidays. */
	{ { 2026, 1, 1 }, 100000, { 2422, 6, 23 }, { 2355, 10, 3 } },
	{ { 2026, 1, 1 }, -100000, { 1629, 7, 10 }, { 1696, 4, 3 } },
	/* Century years. */
	{ { 1999, 12, 31 }, 1, { 2000, 1, 3 }, { 2000, 1, 3 } },
	{ { 2000, 2, 28 }, 1, { 2000, 2, 29 }, { 2000, 2, 29 } },
	/* Edges of the calendar (0001-01-01 is a holiday, and a Monday). */
	{ { 9999, 12, 30 }, 1, { 9999, 12, 31 }, { 9999, 12, 31 } },
	{ { 9999, 12, 30 }, 2, NO_DATE, NO_DATE },
	{ { 9999, 12, 24 }, 5, { 9999, 12, 31 }, { 9999, 12, 31 } },
	{ { 9999, 12, 31 }, 1, NO_DATE, NO_DATE },
	{ { 1, 1, 1 }, -1, NO_DATE, NO_DATE },
	{ { 1, 1, 2 }, -1, NO_DATE, NO_DATE },
	{ { 1, 1, 3 }, -1, { 1, 1, 2 }, { 1, 1, 2 } },
	{ { 9999, 12, 17 }, -10000, { 9960, 4, 25 }, { 9966, 12, 26 } },
	{ { 1, 1, 2 }, 10000, { 40, 8, 22 }, { 33, 12, 23 } },
};

static const struct {
	struct date	d;
	const char	*weekday;
	const char	*longue;
} long_dates[] = {
	{ { 2026, 11, 26 }, "jeudi", "jeudi 26 novembre 2026" },
	{ { 2027, 3, 1 }, "lundi", "lundi 1er mars 2027" },
	{ { 2024, 2, 29 }, "jeudi", "jeudi 29 février 2024" },
	{ { 2026, 10, 1 }, "jeudi", "jeudi 1er octobre 2026" },
	{ { 2025, 12, 25 }, "jeudi", "jeudi 25 décembre 2025" },
	{ { 2030, 7, 14 }, "dimanche", "dimanche 14 juillet 2030" },
	{ { 2032, 1, 1 }, "jeudi", "jeudi 1er janvier 2032" },
	{ { 2026, 8, 15 }, "samedi", "samedi 15 août 2026" },
	{ { 2026, 4, 1 }, "mercredi", "mercredi 1er avril 2026" },
	{ { 2026, 6, 30 }, "mardi", "mardi 30 juin 2026" },
	{ { 2026, 9, 4 }, "vendredi", "vendredi 4 septembre 2026" },
	{ { 1, 1, 1 }, "lundi", "lundi 1er janvier 1" },
	{ { 9999, 12, 31 }, "vendredi", "vendredi 31 décembre 9999" },
};

static bool
same_date(struct date a, struct date b)
{
	return a.year == b.year && a.month == b.month && a.day == b.day;
}

static struct date
make_date(int year, int month, int day)
{
	struct date d;

	d.year = year;
	d.month = month;
	d.day = day;
	return d;
}

static void
test_easter(struct unit *u)
{
	size_t i;

	for (i = 0; i < NELEMS(easter_dates); i++)
		CHECK(u, same_date(date_easter(easter_dates[i].year),
		    easter_dates[i]));
}

static int
holidays_in_year(int year)
{
	struct date d = make_date(year, 1, 1);
	int count = 0;

	while (d.year == year) {
		count += date_is_holiday_fr(d);
		if (!date_add_days(d, 1, &d))
			break;
	}
	return count;
}

static void
test_holidays(struct unit *u)
{
	size_t i, j;

	for (i = 0; i < NELEMS(holidays); i++) {
		for (j = 0; j < 11; j++)
			CHECK(u, date_is_holiday_fr(make_date(holidays[i].year,
			    holidays[i].md[j][0], holidays[i].md[j][1])));
		/* And no other day of the year. */
		CHECK(u, holidays_in_year(holidays[i].year) == 11);
	}
	for (i = 0; i < NELEMS(not_holidays); i++)
		CHECK(u, !date_is_holiday_fr(not_holidays[i]));
	/* 2008: Ascension on 1er mai makes ten holidays, not eleven. */
	CHECK(u, date_is_holiday_fr(make_date(2008, 5, 1)));
	CHECK(u, date_is_holiday_fr(make_date(2008, 5, 12)));
	CHECK(u, !date_is_holiday_fr(make_date(2008, 5, 29)));
	CHECK(u, holidays_in_year(2008) == 10);
	/* The last year of the calendar has its holidays too. */
	CHECK(u, holidays_in_year(9999) == 11);
	CHECK(u, holidays_in_year(1) == 11);
}

static void
test_weekdays(struct unit *u)
{
	static const char *const names[7] = {
		"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
		"dimanche"
	};
	struct buf b;
	size_t i;

	buf_init(&b);
	/* 2026-03-09 is a Monday. */
	for (i = 0; i < 7; i++) {
		b.len = 0;
		fr_jour_semaine(&b, make_date(2026, 3, 9 + (int)i));
		CHECK_STR(u, buf_cstr(&b), names[i]);
	}
	for (i = 0; i < NELEMS(long_dates); i++) {
		b.len = 0;
		fr_jour_semaine(&b, long_dates[i].d);
		CHECK_STR(u, buf_cstr(&b), long_dates[i].weekday);
		b.len = 0;
		fr_date_longue(&b, long_dates[i].d);
		CHECK_STR(u, buf_cstr(&b), long_dates[i].longue);
	}
	buf_free(&b);
}

static void
check_working(struct unit *u, bool ok, struct date got, struct date want)
{
	if (want.year == 0)
		CHECK(u, !ok);
	else
		CHECK(u, ok && same_date(got, want));
}

static void
test_working_table(struct unit *u)
{
	size_t i;

	for (i = 0; i < NELEMS(working_cases); i++) {
		const struct working_case *c = &working_cases[i];
		struct date got = { 0, 0, 0 };
		bool ok;

		ok = date_add_jours_ouvres(c->from, c->n, &got);
		check_working(u, ok, got, c->ouvres);
		ok = date_add_jours_ouvrables(c->from, c->n, &got);
		check_working(u, ok, got, c->ouvrables);
	}
}

/* The definition applied one day at a time, to check the skipping of
 * whole years and weeks against it. */
static bool
step_working(struct date d, int64_t n, int per_week, struct date *out)
{
	int step = n < 0 ? -1 : 1;

	while (n != 0) {
		if (!date_add_days(d, step, &d))
			return false;
		if (date_weekday(d) < per_week && !date_is_holiday_fr(d))
			n -= step;
	}
	*out = d;
	return true;
}

static void
test_working_stepping(struct unit *u)
{
	static const int64_t counts[] = { 1, 4, 5, 6, 7, 11, 23, 64, 300 };
	struct date d = make_date(2023, 12, 20);
	int mismatches = 0, tried = 0;
	size_t i;

	/* Every start day of 2024–2032, forwards and backwards. */
	while (d.year <= 2032) {
		for (i = 0; i < NELEMS(counts); i++) {
			int64_t n = (d.day % 2 ? 1 : -1) * counts[i];
			struct date fast, slow;

			tried++;
			if (!date_add_jours_ouvres(d, n, &fast) ||
			    !step_working(d, n, 5, &slow) ||
			    !same_date(fast, slow))
				mismatches++;
			if (!date_add_jours_ouvrables(d, n, &fast) ||
			    !step_working(d, n, 6, &slow) ||
			    !same_date(fast, slow))
				mismatches++;
		}
		if (!date_add_days(d, d.month == 12 ? 1 : 5, &d))
			break;
	}
	CHECK(u, tried > 1000);
	CHECK(u, mismatches == 0);
}

static void
test_working_limits(struct unit *u)
{
	struct date d = make_date(2026, 3, 10), got;

	CHECK(u, !date_add_jours_ouvres(d, INT64_MAX, &got));
	CHECK(u, !date_add_jours_ouvres(d, INT64_MIN, &got));
	CHECK(u, !date_add_jours_ouvrables(d, INT64_MAX, &got));
	CHECK(u, !date_add_jours_ouvrables(d, INT64_MIN, &got));
	CHECK(u, !date_add_jours_ouvres(d, 3000000, &got));
	CHECK(u, !date_add_jours_ouvres(make_date(2026, 2, 29), 0, &got));
	CHECK(u, !date_add_jours_ouvrables(make_date(2026, 4, 31), 1, &got));
	/* n and -n are inverse from a working day. */
	CHECK(u, date_add_jours_ouvres(d, 5000, &got) &&
	    date_add_jours_ouvres(got, -5000, &got) && same_date(got, d));
	CHECK(u, date_add_jours_ouvrables(d, 5000, &got) &&
	    date_add_jours_ouvrables(got, -5000, &got) && same_date(got, d));
}

/* Calls NAME through the function table on ARGS. */
static bool
call(const char *name, const struct value *args, size_t n,
    struct value *out, struct buf *why)
{
	const struct function *fn = function_find(name);

	memset(out, 0, sizeof(*out));
	return fn != NULL && fn->compute(args, n, out, why);
}

static struct value
date_value(int year, int month, int day)
{
	struct value v;

	memset(&v, 0, sizeof(v));
	v.kind = T_DATE;
	v.u.date = make_date(year, month, day);
	return v;
}

static struct value
entier_value(int64_t n)
{
	struct value v;

	memset(&v, 0, sizeof(v));
	v.kind = T_ENTIER;
	v.u.integer = n;
	return v;
}

static void
test_function_types(struct unit *u)
{
	static const char *const names[] = {
		"annee", "date_longue", "jour", "jour_semaine",
		"jours_ouvrables", "jours_ouvres", "mois"
	};
	const struct type *date = type_builtin(T_DATE);
	const struct type *entier = type_builtin(T_ENTIER);
	const struct type *texte = type_builtin(T_TEXTE);
	const struct type *err = type_builtin(T_ERROR);
	const struct type *types[2];
	const struct function *fn;
	struct buf why;
	size_t i;
	int arg;

	for (i = 0; i < NELEMS(names); i++)
		CHECK(u, function_find(names[i]) != NULL);
	/* The table stays sorted. */
	for (i = 1; i < function_count(); i++)
		CHECK(u, strcmp(function_at(i - 1)->name,
		    function_at(i)->name) < 0);

	buf_init(&why);
	fn = function_find("jours_ouvres");
	CHECK(u, fn->min_args == 2 && fn->max_args == 2);
	types[0] = date;
	types[1] = entier;
	CHECK(u, fn->check(types, 2, &why, &arg) == date);
	types[1] = texte;
	arg = -1;
	CHECK(u, fn->check(types, 2, &why, &arg) == NULL && arg == 1);
	CHECK_STR(u, buf_cstr(&why), "un texte");
	why.len = 0;
	types[0] = entier;
	types[1] = entier;
	arg = -1;
	CHECK(u, fn->check(types, 2, &why, &arg) == NULL && arg == 0);
	CHECK_STR(u, buf_cstr(&why), "un entier");
	why.len = 0;
	/* An argument already in error is not reported twice. */
	types[0] = err;
	CHECK(u, fn->check(types, 2, &why, &arg) == date);

	fn = function_find("jours_ouvrables");
	types[0] = date;
	types[1] = entier;
	CHECK(u, fn->check(types, 2, &why, &arg) == date);

	types[0] = date;
	CHECK(u, function_find("annee")->check(types, 1, &why, &arg) ==
	    entier);
	CHECK(u, function_find("mois")->check(types, 1, &why, &arg) == entier);
	CHECK(u, function_find("jour")->check(types, 1, &why, &arg) == entier);
	CHECK(u, function_find("jour_semaine")->check(types, 1, &why, &arg) ==
	    texte);
	CHECK(u, function_find("date_longue")->check(types, 1, &why, &arg) ==
	    texte);
	types[0] = texte;
	arg = -1;
	CHECK(u, function_find("mois")->check(types, 1, &why, &arg) == NULL &&
	    arg == 0);
	CHECK_STR(u, buf_cstr(&why), "un texte");
	buf_free(&why);
}

static void
test_function_eval(struct unit *u)
{
	struct value args[2], out;
	struct buf why;

	buf_init(&why);
	args[0] = date_value(2026, 4, 2);
	args[1] = entier_value(2);
	CHECK(u, call("jours_ouvres", args, 2, &out, &why) &&
	    out.kind == T_DATE && same_date(out.u.date, make_date(2026, 4, 7)));
	CHECK(u, call("jours_ouvrables", args, 2, &out, &why) &&
	    out.kind == T_DATE && same_date(out.u.date, make_date(2026, 4, 4)));
	args[0] = date_value(2025, 12, 24);
	args[1] = entier_value(10);
	CHECK(u, call("jours_ouvres", args, 2, &out, &why) &&
	    same_date(out.u.date, make_date(2026, 1, 9)));
	CHECK(u, call("jours_ouvrables", args, 2, &out, &why) &&
	    same_date(out.u.date, make_date(2026, 1, 7)));
	args[1] = entier_value(-10);
	CHECK(u, call("jours_ouvres", args, 2, &out, &why) &&
	    same_date(out.u.date, make_date(2025, 12, 10)));

	CHECK(u, why.len == 0);
	args[0] = date_value(9999, 12, 31);
	args[1] = entier_value(1);
	CHECK(u, !call("jours_ouvres", args, 2, &out, &why));
	CHECK_STR(u, buf_cstr(&why), "date hors du calendrier "
	    "(années 1 à 9999)");
	why.len = 0;
	args[1] = entier_value(INT64_MIN);
	CHECK(u, !call("jours_ouvrables", args, 2, &out, &why));
	CHECK(u, why.len > 0);

	args[0] = date_value(2027, 3, 1);
	CHECK(u, call("annee", args, 1, &out, &why) &&
	    out.kind == T_ENTIER && out.u.integer == 2027);
	CHECK(u, call("mois", args, 1, &out, &why) &&
	    out.kind == T_ENTIER && out.u.integer == 3);
	CHECK(u, call("jour", args, 1, &out, &why) &&
	    out.kind == T_ENTIER && out.u.integer == 1);
	CHECK(u, call("jour_semaine", args, 1, &out, &why) &&
	    out.kind == T_TEXTE);
	CHECK_STR(u, out.u.text, "lundi");
	value_free(&out);
	CHECK(u, call("date_longue", args, 1, &out, &why) &&
	    out.kind == T_TEXTE);
	CHECK_STR(u, out.u.text, "lundi 1er mars 2027");
	value_free(&out);
	args[0] = date_value(2026, 11, 26);
	CHECK(u, call("date_longue", args, 1, &out, &why));
	CHECK_STR(u, out.u.text, "jeudi 26 novembre 2026");
	value_free(&out);
	buf_free(&why);
}

void
test_calendar(struct unit *u)
{
	test_easter(u);
	test_holidays(u);
	test_weekdays(u);
	test_working_table(u);
	test_working_stepping(u);
	test_working_limits(u);
	test_function_types(u);
	test_function_eval(u);
}
