/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "lang/french.h"

#include <stdio.h>
#include <string.h>

#define EURO_SIGN	"\xe2\x82\xac"

#define MIN_YEAR	1
#define MAX_YEAR	9999
/* date_to_days of 9999-12-31. */
#define MAX_DAYS	INT64_C(3652058)
#define DAYS_PER_400_YEARS	146097
#define DAYS_PER_100_YEARS	36524
#define DAYS_PER_4_YEARS	1461

/* Largest value the words functions accept: 999 999 999 999. */
#define MAX_WORDS	INT64_C(999999999999)

static const int days_in_month_common[12] = {
	31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
};

static const int days_before_month_common[12] = {
	0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334
};

static const char *const month_names[12] = {
	"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"
};

static const char *const weekday_names[7] = {
	"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"
};

/* Public holidays of metropolitan France on a fixed day (code du
 * travail, art. L3133-1). */
static const struct {
	int	month;
	int	day;
} fixed_holidays[] = {
	{ 1, 1 },	/* jour de l'an */
	{ 5, 1 },	/* fête du travail */
	{ 5, 8 },	/* victoire 1945 */
	{ 7, 14 },	/* fête nationale */
	{ 8, 15 },	/* Assomption */
	{ 11, 1 },	/* Toussaint */
	{ 11, 11 },	/* armistice 1918 */
	{ 12, 25 },	/* Noël */
};

/* The movable ones, in days after Easter Sunday: lundi de Pâques,
 * Ascension, lundi de Pentecôte. */
static const int easter_offsets[] = { 1, 39, 50 };

#define NFIXED_HOLIDAYS	(sizeof(fixed_holidays) / sizeof(fixed_holidays[0]))
#define NEASTER_HOLIDAYS (sizeof(easter_offsets) / sizeof(easter_offsets[0]))
#define HOLIDAYS_PER_YEAR (NFIXED_HOLIDAYS + NEASTER_HOLIDAYS)

/* Working days per week, Monday first: jours ouvrés end on Friday,
 * jours ouvrables on Saturday. */
#define OUVRES_PER_WEEK		5
#define OUVRABLES_PER_WEEK	6

static const struct {
	const char	*singular;
	const char	*plural;
} duree_words[] = {
	[DUREE_JOUR] = { "jour", "jours" },
	[DUREE_SEMAINE] = { "semaine", "semaines" },
	[DUREE_MOIS] = { "mois", "mois" },
	[DUREE_AN] = { "an", "ans" },
};

static const char *const small_number_words[20] = {
	"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept",
	"huit", "neuf", "dix", "onze", "douze", "treize", "quatorze",
	"quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"
};

/* Indexed by the tens digit; 70 and 90 are built on 60 and 80. */
static const char *const tens_words[10] = {
	NULL, NULL, "vingt", "trente", "quarante", "cinquante", "soixante",
	"soixante", "quatre-vingt", "quatre-vingt"
};

/* ---------------------------------------------------------------- */
/* Calendar                                                          */

static bool
is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month(int year, int month)
{
	if (month == 2 && is_leap_year(year))
		return 29;
	return days_in_month_common[month - 1];
}

bool
date_valid(int year, int month, int day)
{
	if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12)
		return false;
	return day >= 1 && day <= days_in_month(year, month);
}

static bool
read_digits(const char *s, size_t count, int *value)
{
	size_t i;

	*value = 0;
	for (i = 0; i < count; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*value = *value * 10 + (s[i] - '0');
	}
	return true;
}

bool
date_parse_iso(const char *s, size_t len, struct date *out)
{
	int year, month, day;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!read_digits(s, 4, &year) || !read_digits(s + 5, 2, &month) ||
	    !read_digits(s + 8, 2, &day))
		return false;
	if (!date_valid(year, month, day))
		return false;
	out->year = year;
	out->month = month;
	out->day = day;
	return true;
}

int64_t
date_to_days(struct date d)
{
	int64_t years_before = d.year - 1;
	int64_t days;

	/* Only the month indexes a table; other fields are the caller's
	 * business, but a bad month must not read out of bounds. */
	if (d.month < 1 || d.month > 12)
		return -1;
	days = years_before * 365 + years_before / 4 - years_before / 100 +
	    years_before / 400;
	days += days_before_month_common[d.month - 1];
	if (d.month > 2 && is_leap_year(d.year))
		days++;
	return days + d.day - 1;
}

bool
date_from_days(int64_t days, struct date *out)
{
	int64_t cycles_400, centuries, cycles_4, years, rest;
	int year, month;

	if (days < 0 || days > MAX_DAYS)
		return false;
	cycles_400 = days / DAYS_PER_400_YEARS;
	rest = days % DAYS_PER_400_YEARS;
	/* The last day of a 400-year cycle (or of a 4-year one) would
	 * otherwise count as the start of a fifth century (or year). */
	centuries = rest / DAYS_PER_100_YEARS;
	if (centuries == 4)
		centuries = 3;
	rest -= centuries * DAYS_PER_100_YEARS;
	cycles_4 = rest / DAYS_PER_4_YEARS;
	rest %= DAYS_PER_4_YEARS;
	years = rest / 365;
	if (years == 4)
		years = 3;
	rest -= years * 365;

	year = (int)(cycles_400 * 400 + centuries * 100 + cycles_4 * 4 +
	    years + 1);
	for (month = 1; month < 12; month++) {
		int length = days_in_month(year, month);

		if (rest < length)
			break;
		rest -= length;
	}
	out->year = year;
	out->month = month;
	out->day = (int)rest + 1;
	return true;
}

bool
date_add_months(struct date d, int64_t months, struct date *out)
{
	const int64_t span = (int64_t)(MAX_YEAR - MIN_YEAR + 1) * 12;
	int64_t total;
	int year, month, last_day;

	if (!date_valid(d.year, d.month, d.day))
		return false;
	/* Rejecting huge counts first keeps the sum below in range. */
	if (months > span || months < -span)
		return false;
	total = (int64_t)d.year * 12 + (d.month - 1) + months;
	if (total < (int64_t)MIN_YEAR * 12 ||
	    total > (int64_t)MAX_YEAR * 12 + 11)
		return false;
	year = (int)(total / 12);
	month = (int)(total % 12) + 1;
	last_day = days_in_month(year, month);
	out->year = year;
	out->month = month;
	out->day = d.day < last_day ? d.day : last_day;
	return true;
}

bool
date_add_days(struct date d, int64_t days, struct date *out)
{
	if (!date_valid(d.year, d.month, d.day))
		return false;
	if (days > MAX_DAYS || days < -MAX_DAYS)
		return false;
	return date_from_days(date_to_days(d) + days, out);
}

int
date_cmp(struct date a, struct date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

int
date_weekday(struct date d)
{
	int64_t days = date_to_days(d);

	/* 0001-01-01 of the proleptic Gregorian calendar is a Monday. */
	return days < 0 ? -1 : (int)(days % 7);
}

/* Anonymous Gregorian algorithm (Meeus/Jones/Butcher): exact for every
 * year of the Gregorian calendar, with no table. */
struct date
date_easter(int year)
{
	int a = year % 19, b = year / 100, c = year % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int n = h + l - 7 * m + 114;
	struct date easter;

	easter.year = year;
	easter.month = n / 31;
	easter.day = n % 31 + 1;
	return easter;
}

/* The holidays of one year as day numbers (date_to_days), each once:
 * Ascension falls on 1er or 8 mai in some years, and counting that day
 * twice would lose a working day. */
struct year_holidays {
	int64_t	day[HOLIDAYS_PER_YEAR];
	size_t	len;
};

static void
add_holiday(struct year_holidays *h, int64_t day)
{
	size_t i;

	for (i = 0; i < h->len; i++)
		if (h->day[i] == day)
			return;
	h->day[h->len++] = day;
}

static void
year_holidays(int year, struct year_holidays *h)
{
	int64_t easter = date_to_days(date_easter(year));
	size_t i;

	h->len = 0;
	for (i = 0; i < NFIXED_HOLIDAYS; i++) {
		struct date d = { year, fixed_holidays[i].month,
		    fixed_holidays[i].day };

		add_holiday(h, date_to_days(d));
	}
	for (i = 0; i < NEASTER_HOLIDAYS; i++)
		add_holiday(h, easter + easter_offsets[i]);
}

static bool
is_holiday(const struct year_holidays *h, int64_t day)
{
	size_t i;

	for (i = 0; i < h->len; i++)
		if (h->day[i] == day)
			return true;
	return false;
}

bool
date_is_holiday_fr(struct date d)
{
	struct year_holidays h;

	if (!date_valid(d.year, d.month, d.day))
		return false;
	year_holidays(d.year, &h);
	return is_holiday(&h, date_to_days(d));
}

/* Day numbers start on a Monday, so DAY % 7 is the weekday. */
static bool
is_working_weekday(int64_t day, int per_week)
{
	return day % 7 < per_week;
}

/* Working weekdays among day numbers 0 .. DAY - 1, holidays ignored. */
static int64_t
working_weekdays_before(int64_t day, int per_week)
{
	int64_t rest = day % 7;

	return day / 7 * per_week + (rest < per_week ? rest : per_week);
}

/* Working days in FIRST .. LAST (inclusive), H holding the holidays of
 * every year the range touches. */
static int64_t
working_days_in(int64_t first, int64_t last, const struct year_holidays *h,
    int per_week)
{
	int64_t count = working_weekdays_before(last + 1, per_week) -
	    working_weekdays_before(first, per_week);
	size_t i;

	for (i = 0; i < h->len; i++)
		if (h->day[i] >= first && h->day[i] <= last &&
		    is_working_weekday(h->day[i], per_week))
			count--;
	return count;
}

/* Whole years are skipped by counting their working days, then whole
 * weeks within the last year, so that the cost grows with the number of
 * years crossed rather than with N. */
static bool
add_working_days(struct date d, int64_t n, int per_week, struct date *out)
{
	int64_t cur, left;
	int step;

	if (!date_valid(d.year, d.month, d.day))
		return false;
	/* A working day takes at least one calendar day; this also keeps
	 * the negation below away from INT64_MIN. */
	if (n > MAX_DAYS || n < -MAX_DAYS)
		return false;
	cur = date_to_days(d);
	step = n < 0 ? -1 : 1;
	left = n < 0 ? -n : n;
	while (left > 0) {
		struct year_holidays h;
		struct date next, bound;
		int64_t first, last, count;

		/* The year the walk enters now; none past the calendar. */
		if (!date_from_days(cur + step, &next))
			return false;
		year_holidays(next.year, &h);
		bound.year = next.year;
		bound.month = step > 0 ? 12 : 1;
		bound.day = step > 0 ? 31 : 1;
		first = step > 0 ? cur + 1 : date_to_days(bound);
		last = step > 0 ? date_to_days(bound) : cur - 1;
		count = working_days_in(first, last, &h, per_week);
		if (count < left) {
			left -= count;
			cur = step > 0 ? last : first;
			continue;
		}
		/* The result is in this year.  A week reaching into the next
		 * (or previous) year holds the result, so it is never
		 * skipped, and H covers every week that is. */
		for (;;) {
			first = step > 0 ? cur + 1 : cur - 7;
			last = step > 0 ? cur + 7 : cur - 1;
			count = working_days_in(first, last, &h, per_week);
			if (count >= left)
				break;
			left -= count;
			cur += 7 * step;
		}
		while (left > 0) {
			cur += step;
			if (is_working_weekday(cur, per_week) &&
			    !is_holiday(&h, cur))
				left--;
		}
	}
	return date_from_days(cur, out);
}

bool
date_add_jours_ouvres(struct date d, int64_t n, struct date *out)
{
	return add_working_days(d, n, OUVRES_PER_WEEK, out);
}

bool
date_add_jours_ouvrables(struct date d, int64_t n, struct date *out)
{
	return add_working_days(d, n, OUVRABLES_PER_WEEK, out);
}

/* ---------------------------------------------------------------- */
/* Figures                                                           */

static uint64_t
magnitude_of(int64_t n)
{
	/* Unsigned negation so that INT64_MIN has a magnitude too. */
	return n < 0 ? -(uint64_t)n : (uint64_t)n;
}

/* N in decimal, at least WIDTH digits (zeros before): what
 * "%0*llu" prints, without vsnprintf, which this ran for every number
 * of every contract. */
static void
put_digits(struct buf *b, uint64_t n, int width)
{
	char digits[24];
	int len = 0;

	do
		digits[sizeof(digits) - 1 - len++] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	while (len < width && len < (int)sizeof(digits))
		digits[sizeof(digits) - 1 - len++] = '0';
	buf_put(b, digits + sizeof(digits) - len, (size_t)len);
}

/* N as "%d" prints it. */
static void
put_int(struct buf *b, int n)
{
	if (n < 0)
		buf_putc(b, '-');
	put_digits(b, n < 0 ? (uint64_t)-(int64_t)n : (uint64_t)n, 1);
}

static void
put_grouped(struct buf *b, uint64_t n)
{
	char digits[24];
	int len = 0, i;

	do
		digits[len++] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	/* Most significant first. */
	for (i = 0; i < len / 2; i++) {
		char c = digits[i];

		digits[i] = digits[len - 1 - i];
		digits[len - 1 - i] = c;
	}
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_puts(b, NBSP);
		buf_putc(b, digits[i]);
	}
}

void
fr_integer(struct buf *b, int64_t n)
{
	if (n < 0)
		buf_putc(b, '-');
	put_grouped(b, magnitude_of(n));
}

void
fr_decimal(struct buf *b, dec_t d)
{
	int64_t units = dec_units(d);
	uint64_t magnitude = magnitude_of(units);
	uint64_t frac = magnitude % (uint64_t)DEC_SCALE;
	int frac_digits = DEC_FRAC_DIGITS;

	if (units < 0)
		buf_putc(b, '-');
	put_grouped(b, magnitude / (uint64_t)DEC_SCALE);
	if (frac == 0)
		return;
	while (frac % 10 == 0) {
		frac /= 10;
		frac_digits--;
	}
	buf_putc(b, ',');
	put_digits(b, frac, frac_digits);
}

/* Magnitude in cents, rounded half away from zero; cannot overflow
 * since |units| <= 2^63. */
static uint64_t
cents_of(dec_t d)
{
	return (magnitude_of(dec_units(d)) + 5000) / 10000;
}

static void
put_montant(struct buf *b, dec_t d, bool drop_zero_cents)
{
	uint64_t cents = cents_of(d);

	/* No "-0,00 €" for a tiny negative amount. */
	if (d.num < 0 && cents != 0)
		buf_putc(b, '-');
	put_grouped(b, cents / 100);
	if (!drop_zero_cents || cents % 100 != 0) {
		buf_putc(b, ',');
		put_digits(b, cents % 100, 2);
	}
	buf_puts(b, NBSP EURO_SIGN);
}

void
fr_montant(struct buf *b, dec_t d)
{
	put_montant(b, d, false);
}

void
fr_montant_sans_centimes(struct buf *b, dec_t d)
{
	put_montant(b, d, true);
}

void
fr_pourcentage(struct buf *b, dec_t d)
{
	fr_decimal(b, d);
	buf_puts(b, NBSP "%");
}

void
fr_date(struct buf *b, struct date d)
{
	if (d.month < 1 || d.month > 12) {
		fr_date_courte(b, d);
		return;
	}
	if (d.day == 1)
		fr_ordinal(b, 1, false);
	else
		put_int(b, d.day);
	buf_putc(b, ' ');
	buf_puts(b, month_names[d.month - 1]);
	buf_putc(b, ' ');
	put_int(b, d.year);
}

void
fr_ordinal(struct buf *b, int64_t n, bool feminine)
{
	fr_integer(b, n);
	buf_puts(b, n != 1 ? "e" : feminine ? "re" : "er");
}

void
fr_date_courte(struct buf *b, struct date d)
{
	buf_printf(b, "%02d/%02d/%04d", d.day, d.month, d.year);
}

void
fr_jour_semaine(struct buf *b, struct date d)
{
	int weekday = date_weekday(d);

	if (weekday >= 0)
		buf_puts(b, weekday_names[weekday]);
}

void
fr_date_longue(struct buf *b, struct date d)
{
	int weekday = date_weekday(d);

	if (weekday >= 0) {
		buf_puts(b, weekday_names[weekday]);
		buf_putc(b, ' ');
	}
	fr_date(b, d);
}

void
fr_duree(struct buf *b, int64_t count, enum duree_unit unit)
{
	bool singular = count > -2 && count < 2;

	fr_integer(b, count);
	if ((size_t)unit >= sizeof(duree_words) / sizeof(duree_words[0]))
		return;
	buf_puts(b, NBSP);
	buf_puts(b, singular ? duree_words[unit].singular :
	    duree_words[unit].plural);
}

/* ---------------------------------------------------------------- */
/* Numbers in words                                                  */

/* 1..99.  FINAL says nothing follows but maybe a noun (million,
 * milliard, euros), the only place "quatre-vingts" keeps its s. */
static void
words_below_100(struct buf *b, int n, bool final)
{
	int tens = n / 10, units = n % 10;

	if (n < 20) {
		buf_puts(b, small_number_words[n]);
		return;
	}
	buf_puts(b, tens_words[tens]);
	if (tens == 7 || tens == 9) {
		/* soixante-dix … quatre-vingt-dix-neuf count on from 10. */
		if (tens == 7 && units == 1)
			buf_puts(b, " et ");
		else
			buf_putc(b, '-');
		buf_puts(b, small_number_words[10 + units]);
		return;
	}
	if (units == 0) {
		if (tens == 8 && final)
			buf_putc(b, 's');
		return;
	}
	if (units == 1 && tens != 8)
		buf_puts(b, " et ");
	else
		buf_putc(b, '-');
	buf_puts(b, small_number_words[units]);
}

/* 1..999, same meaning of FINAL for "cents". */
static void
words_below_1000(struct buf *b, int n, bool final)
{
	int hundreds = n / 100, rest = n % 100;

	if (hundreds > 0) {
		if (hundreds > 1) {
			buf_puts(b, small_number_words[hundreds]);
			buf_putc(b, ' ');
		}
		buf_puts(b, "cent");
		if (rest == 0) {
			if (hundreds > 1 && final)
				buf_putc(b, 's');
			return;
		}
		buf_putc(b, ' ');
	}
	words_below_100(b, rest, final);
}

static void
put_separator(struct buf *b, bool *started)
{
	if (*started)
		buf_putc(b, ' ');
	*started = true;
}

/* 0..MAX_WORDS. */
static void
words_of(struct buf *b, uint64_t n)
{
	int milliards = (int)(n / 1000000000);
	int millions = (int)(n / 1000000 % 1000);
	int thousands = (int)(n / 1000 % 1000);
	int rest = (int)(n % 1000);
	bool started = false;

	if (n == 0) {
		buf_puts(b, small_number_words[0]);
		return;
	}
	/* Million and milliard are nouns: they take an s and let
	 * "vingts"/"cents" keep theirs; mille is invariable and does not. */
	if (milliards > 0) {
		put_separator(b, &started);
		words_below_1000(b, milliards, true);
		buf_puts(b, milliards > 1 ? " milliards" : " milliard");
	}
	if (millions > 0) {
		put_separator(b, &started);
		words_below_1000(b, millions, true);
		buf_puts(b, millions > 1 ? " millions" : " million");
	}
	if (thousands > 0) {
		put_separator(b, &started);
		if (thousands > 1) {
			words_below_1000(b, thousands, false);
			buf_putc(b, ' ');
		}
		buf_puts(b, "mille");
	}
	if (rest > 0) {
		put_separator(b, &started);
		words_below_1000(b, rest, true);
	}
}

bool
fr_lettres_entier(struct buf *b, int64_t n)
{
	if (n > MAX_WORDS || n < -MAX_WORDS)
		return false;
	if (n < 0)
		buf_puts(b, "moins ");
	words_of(b, magnitude_of(n));
	return true;
}

bool
fr_lettres_decimal(struct buf *b, dec_t d)
{
	int64_t units = dec_units(d);
	uint64_t magnitude = magnitude_of(units);
	uint64_t integer = magnitude / (uint64_t)DEC_SCALE;
	uint64_t decimals = magnitude % (uint64_t)DEC_SCALE;
	uint64_t place;

	if (integer > (uint64_t)MAX_WORDS)
		return false;
	if (units < 0)
		buf_puts(b, "moins ");
	words_of(b, integer);
	if (decimals == 0)
		return true;
	buf_puts(b, " virgule");
	/* The decimals are read as a number, but their leading zeros
	 * are said: 0,05 is "zéro virgule zéro cinq". */
	for (place = (uint64_t)DEC_SCALE / 10; decimals < place; place /= 10) {
		buf_putc(b, ' ');
		buf_puts(b, small_number_words[0]);
	}
	while (decimals % 10 == 0)
		decimals /= 10;
	buf_putc(b, ' ');
	words_of(b, decimals);
	return true;
}

bool
fr_lettres_montant(struct buf *b, dec_t d)
{
	uint64_t cents, euros;
	int cent_part;

	if (d.num < 0)
		return false;
	cents = cents_of(d);
	euros = cents / 100;
	cent_part = (int)(cents % 100);
	if (euros > (uint64_t)MAX_WORDS)
		return false;

	if (euros > 0 || cent_part == 0) {
		words_of(b, euros);
		if (euros >= 1000000 && euros % 1000000 == 0)
			buf_puts(b, " d'euros");
		else
			buf_puts(b, euros > 1 ? " euros" : " euro");
		if (cent_part == 0)
			return true;
		buf_puts(b, " et ");
	}
	words_of(b, (uint64_t)cent_part);
	buf_puts(b, cent_part > 1 ? " centimes" : " centime");
	return true;
}

/* ---------------------------------------------------------------- */
/* Case                                                              */

static uint32_t
to_upper(uint32_t cp)
{
	if (cp >= 'a' && cp <= 'z')
		return cp - ('a' - 'A');
	if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)
		return cp - 0x20;
	if (cp == 0xFF)
		return 0x178;
	if (cp == 0x131)
		return 'I';
	if (cp == 0x17F)
		return 'S';
	/* Latin Extended-A pairs: upper case first, except in the
	 * two odd-aligned runs 0139..0148 and 0179..017E. */
	if ((cp >= 0x100 && cp <= 0x137 && cp != 0x130) ||
	    (cp >= 0x14A && cp <= 0x177))
		return cp & ~(uint32_t)1;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return (cp & 1) ? cp : cp - 1;
	return cp;
}

static uint32_t
to_lower(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + ('a' - 'A');
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 0x20;
	if (cp == 0x178)
		return 0xFF;
	if (cp == 0x130)
		return 'i';
	if ((cp >= 0x100 && cp <= 0x137 && cp != 0x131) ||
	    (cp >= 0x14A && cp <= 0x177))
		return cp | 1;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return (cp & 1) ? cp + 1 : cp;
	return cp;
}

static void
map_case_n(struct buf *b, const char *s, size_t len,
    uint32_t (*map)(uint32_t))
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (n == 0) {
			/* Not UTF-8: the byte goes through untouched. */
			buf_putc(b, s[i]);
			i++;
			continue;
		}
		buf_put_utf8(b, map(cp));
		i += n;
	}
}

static void
map_upper_span(struct buf *b, const char *s, size_t len)
{
	map_case_n(b, s, len, to_upper);
}

static bool
letter_at(const char *s)
{
	uint32_t cp;

	if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
		return true;
	if (utf8_decode(s, strlen(s), &cp) < 2)
		return false;
	return cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7;
}

/* The letters of an ordinal abbreviation right after a number, which
 * stay in lower case in capitals: « LE 1er JANVIER », « LA 2e ANNÉE ». */
static size_t
ordinal_suffix(const char *s)
{
	static const char *const suffixes[] = {
		"er", "re", "ère", "ers", "res", "ères", "e", "es", "ème",
		"èmes", "nd", "nde", "nds", "ndes"
	};
	size_t i, n;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		n = strlen(suffixes[i]);
		if (strncmp(s, suffixes[i], n) == 0 && !letter_at(s + n))
			return n;
	}
	return 0;
}

void
fr_upper(struct buf *b, const char *s)
{
	size_t start = 0, i, n;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9' ||
		    (n = ordinal_suffix(s + i + 1)) == 0)
			continue;
		map_upper_span(b, s + start, i + 1 - start);
		buf_put(b, s + i + 1, n);
		i += n;
		start = i + 1;
	}
	map_upper_span(b, s + start, strlen(s + start));
}

void
fr_lower(struct buf *b, const char *s)
{
	map_case_n(b, s, strlen(s), to_lower);
}
