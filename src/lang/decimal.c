/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "lang/decimal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Products of two int64 values need 127 bits; __extension__ keeps
 * -pedantic quiet about the GCC type. */
__extension__ typedef __int128 dec_wide;

/* Enough for "%.17g" of any double ("-1.2345678901234567e-308"). */
#define DOUBLE_TEXT_MAX	64

/* The longest plain text plain_from_g lets through: sign, 19 integer
 * digits, point and 6 fractional digits. */
#define PLAIN_TEXT_MAX	32

static const int64_t powers_of_ten[] = {
	INT64_C(1),
	INT64_C(10),
	INT64_C(100),
	INT64_C(1000),
	INT64_C(10000),
	INT64_C(100000),
	INT64_C(1000000),
};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static dec_wide
wide_abs(dec_wide w)
{
	return w < 0 ? -w : w;
}

static dec_wide
gcd(dec_wide a, dec_wide b)
{
	a = wide_abs(a);
	b = wide_abs(b);
	while (b != 0) {
		dec_wide t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* N / D (D != 0) in lowest terms, if it fits: both parts in an int64,
 * and the value times 10^6 too. */
static enum dec_status
make(dec_wide n, dec_wide d, dec_t *out)
{
	dec_wide g, q, r;

	if (d < 0) {
		n = -n;
		d = -d;
	}
	g = gcd(n, d);
	if (g > 1) {
		n /= g;
		d /= g;
	}
	if (n == 0)
		d = 1;
	if (d > INT64_MAX || wide_abs(n) > INT64_MAX)
		return DEC_OVERFLOW;
	/* dec_units must fit, rounding included. */
	q = wide_abs(n) * DEC_SCALE / d;
	r = wide_abs(n) * DEC_SCALE % d;
	if (q > INT64_MAX || (q == INT64_MAX && 2 * r >= d))
		return DEC_OVERFLOW;
	out->num = (int64_t)n;
	out->den = (int64_t)d;
	return DEC_OK;
}

/* Quotient of N by D (D != 0), rounded half away from zero. */
static dec_wide
divide_rounded(dec_wide n, dec_wide d)
{
	dec_wide q = n / d;
	dec_wide r = n % d;
	dec_wide abs_r = r < 0 ? -r : r;
	dec_wide abs_d = d < 0 ? -d : d;

	if (2 * abs_r >= abs_d)
		q += ((n < 0) != (d < 0)) ? -1 : 1;
	return q;
}

enum dec_status
dec_parse(const char *s, size_t len, dec_t *out)
{
	size_t i = 0, int_start, int_len, frac_start = 0, frac_len = 0;
	bool negative = false;
	uint64_t magnitude = 0, limit;
	size_t k;

	if (len > 0 && s[0] == '-') {
		negative = true;
		i++;
	}
	int_start = i;
	while (i < len && is_digit(s[i]))
		i++;
	int_len = i - int_start;
	if (int_len == 0)
		return DEC_SYNTAX;
	if (i < len && s[i] == '.') {
		i++;
		frac_start = i;
		while (i < len && is_digit(s[i]))
			i++;
		frac_len = i - frac_start;
		if (frac_len == 0)
			return DEC_SYNTAX;
	}
	if (i != len)
		return DEC_SYNTAX;
	if (frac_len > DEC_FRAC_DIGITS)
		return DEC_PRECISION;

	/* The magnitude of INT64_MIN is one more than INT64_MAX. */
	limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (k = 0; k < int_len + DEC_FRAC_DIGITS; k++) {
		unsigned digit = 0;

		if (k < int_len)
			digit = (unsigned)(s[int_start + k] - '0');
		else if (k - int_len < frac_len)
			digit = (unsigned)(s[frac_start + k - int_len] - '0');
		if (magnitude > (limit - digit) / 10)
			return DEC_OVERFLOW;
		magnitude = magnitude * 10 + digit;
	}
	/* INT64_MIN units is one more than make() keeps. */
	return make(negative ? -(dec_wide)magnitude : (dec_wide)magnitude,
	    DEC_SCALE, out);
}

enum dec_status
dec_from_int(int64_t n, dec_t *out)
{
	return make(n, 1, out);
}

/* Rewrites printf's "%g" text (maybe with an exponent) as plain
 * "[-]DIGITS[.DIGITS]", the only form dec_parse accepts. */
static enum dec_status
plain_from_g(const char *g, char plain[PLAIN_TEXT_MAX])
{
	char digits[DOUBLE_TEXT_MAX];
	size_t ndigits = 0, int_digits = 0, i = 0, out = 0;
	long exponent = 0, point, first, last, pos;
	bool negative = false, seen_point = false;

	if (g[i] == '-') {
		negative = true;
		i++;
	}
	for (; g[i] != '\0' && g[i] != 'e' && g[i] != 'E'; i++) {
		if (g[i] == '.') {
			seen_point = true;
			continue;
		}
		if (!is_digit(g[i]) || ndigits + 1 >= sizeof(digits))
			return DEC_SYNTAX;
		digits[ndigits++] = g[i];
		if (!seen_point)
			int_digits++;
	}
	if (g[i] != '\0') {
		char *end;

		exponent = strtol(g + i + 1, &end, 10);
		if (*end != '\0')
			return DEC_SYNTAX;
	}
	if (ndigits == 0)
		return DEC_SYNTAX;

	/* The decimal point falls after the first POINT entries of
	 * DIGITS (POINT may be negative or past the end); only
	 * DIGITS[first..last] are significant. */
	first = 0;
	while ((size_t)first < ndigits && digits[first] == '0')
		first++;
	if ((size_t)first == ndigits) {
		strcpy(plain, "0");
		return DEC_OK;
	}
	last = (long)ndigits - 1;
	while (digits[last] == '0')
		last--;
	point = (long)int_digits + exponent;
	if (last + 1 - point > DEC_FRAC_DIGITS)
		return DEC_PRECISION;
	if (point > 19)
		return DEC_OVERFLOW;

	if (negative)
		plain[out++] = '-';
	if (point <= first) {
		plain[out++] = '0';
	} else {
		for (pos = first; pos < point; pos++)
			plain[out++] = pos <= last ? digits[pos] : '0';
	}
	if (last >= point) {
		plain[out++] = '.';
		for (pos = point; pos <= last; pos++)
			plain[out++] = pos >= first ? digits[pos] : '0';
	}
	plain[out] = '\0';
	return DEC_OK;
}

enum dec_status
dec_from_double(double d, dec_t *out)
{
	char text[DOUBLE_TEXT_MAX], plain[PLAIN_TEXT_MAX];
	enum dec_status status;
	int precision;

	if (isnan(d) || isinf(d))
		return DEC_SYNTAX;
	for (precision = 1; precision <= 17; precision++) {
		snprintf(text, sizeof(text), "%.*g", precision, d);
		if (strtod(text, NULL) == d)
			break;
	}
	if (precision > 15)
		return DEC_PRECISION;
	status = plain_from_g(text, plain);
	if (status != DEC_OK)
		return status;
	return dec_parse(plain, strlen(plain), out);
}

enum dec_status
dec_add(dec_t a, dec_t b, dec_t *out)
{
	return make((dec_wide)a.num * b.den + (dec_wide)b.num * a.den,
	    (dec_wide)a.den * b.den, out);
}

enum dec_status
dec_sub(dec_t a, dec_t b, dec_t *out)
{
	return make((dec_wide)a.num * b.den - (dec_wide)b.num * a.den,
	    (dec_wide)a.den * b.den, out);
}

/* The cross-reduction keeps the parts small: a product of fractions in
 * lowest terms only overflows when its own parts do. */
enum dec_status
dec_mul(dec_t a, dec_t b, dec_t *out)
{
	dec_wide g1 = gcd(a.num, b.den), g2 = gcd(b.num, a.den);

	if (g1 == 0)
		g1 = 1;
	if (g2 == 0)
		g2 = 1;
	return make((dec_wide)(a.num / g1) * (b.num / g2),
	    (dec_wide)(a.den / g2) * (b.den / g1), out);
}

enum dec_status
dec_div(dec_t a, dec_t b, dec_t *out)
{
	dec_t inverse;

	if (b.num == 0)
		return DEC_DIVZERO;
	inverse.num = b.num < 0 ? -b.den : b.den;
	inverse.den = b.num < 0 ? -b.num : b.num;
	return dec_mul(a, inverse, out);
}

enum dec_status
dec_round(dec_t a, int digits, dec_t *out)
{
	int64_t step;

	if (digits < 0 || digits > DEC_FRAC_DIGITS)
		return DEC_PRECISION;
	step = powers_of_ten[digits];
	return make(divide_rounded((dec_wide)a.num * step, a.den), step, out);
}

dec_t
dec_neg(dec_t a)
{
	/* make() keeps |num| <= INT64_MAX, so -num exists. */
	a.num = -a.num;
	return a;
}

int64_t
dec_units(dec_t a)
{
	/* make() keeps this within an int64. */
	return (int64_t)divide_rounded((dec_wide)a.num * DEC_SCALE, a.den);
}

dec_t
dec_from_units(int64_t units)
{
	dec_t d = { 0, 1 };

	/* Only INT64_MIN is out of make()'s range: one unit less. */
	if (make(units == INT64_MIN ? units + 1 : units, DEC_SCALE, &d) !=
	    DEC_OK)
		d.num = 0;
	return d;
}

int
dec_cmp(dec_t a, dec_t b)
{
	dec_wide l = (dec_wide)a.num * b.den, r = (dec_wide)b.num * a.den;

	return (l > r) - (l < r);
}

bool
dec_is_integer(dec_t a)
{
	return a.den == 1;
}

bool
dec_is_zero(dec_t a)
{
	return a.num == 0;
}

int64_t
dec_trunc(dec_t a)
{
	return a.num / a.den;
}

void
dec_to_string(struct buf *b, dec_t a)
{
	int64_t units = dec_units(a);
	/* Unsigned so that INT64_MIN has a magnitude too. */
	uint64_t magnitude = units < 0 ? -(uint64_t)units :
	    (uint64_t)units;
	uint64_t frac = magnitude % (uint64_t)DEC_SCALE;
	int frac_digits = DEC_FRAC_DIGITS;

	if (units < 0)
		buf_putc(b, '-');
	buf_printf(b, "%llu",
	    (unsigned long long)(magnitude / (uint64_t)DEC_SCALE));
	if (frac == 0)
		return;
	while (frac % 10 == 0) {
		frac /= 10;
		frac_digits--;
	}
	buf_printf(b, ".%0*llu", frac_digits, (unsigned long long)frac);
}
