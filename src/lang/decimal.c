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

static enum dec_status
from_wide(dec_wide w, dec_t *out)
{
	if (w > INT64_MAX || w < INT64_MIN)
		return DEC_OVERFLOW;
	out->units = (int64_t)w;
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
	if (negative)
		out->units = magnitude == (uint64_t)INT64_MAX + 1 ?
		    INT64_MIN : -(int64_t)magnitude;
	else
		out->units = (int64_t)magnitude;
	return DEC_OK;
}

enum dec_status
dec_from_int(int64_t n, dec_t *out)
{
	return from_wide((dec_wide)n * DEC_SCALE, out);
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
	return from_wide((dec_wide)a.units + b.units, out);
}

enum dec_status
dec_sub(dec_t a, dec_t b, dec_t *out)
{
	return from_wide((dec_wide)a.units - b.units, out);
}

enum dec_status
dec_mul(dec_t a, dec_t b, dec_t *out)
{
	dec_wide product = (dec_wide)a.units * b.units;

	return from_wide(divide_rounded(product, DEC_SCALE), out);
}

enum dec_status
dec_div(dec_t a, dec_t b, dec_t *out)
{
	if (b.units == 0)
		return DEC_DIVZERO;
	return from_wide(divide_rounded((dec_wide)a.units * DEC_SCALE,
	    b.units), out);
}

enum dec_status
dec_round(dec_t a, int digits, dec_t *out)
{
	int64_t step;

	if (digits < 0 || digits > DEC_FRAC_DIGITS)
		return DEC_PRECISION;
	step = powers_of_ten[DEC_FRAC_DIGITS - digits];
	return from_wide(divide_rounded(a.units, step) * step, out);
}

int
dec_cmp(dec_t a, dec_t b)
{
	return (a.units > b.units) - (a.units < b.units);
}

bool
dec_is_integer(dec_t a)
{
	return a.units % DEC_SCALE == 0;
}

bool
dec_is_zero(dec_t a)
{
	return a.units == 0;
}

int64_t
dec_trunc(dec_t a)
{
	return a.units / DEC_SCALE;
}

void
dec_to_string(struct buf *b, dec_t a)
{
	/* Unsigned so that INT64_MIN has a magnitude too. */
	uint64_t magnitude = a.units < 0 ? -(uint64_t)a.units :
	    (uint64_t)a.units;
	uint64_t frac = magnitude % (uint64_t)DEC_SCALE;
	int frac_digits = DEC_FRAC_DIGITS;

	if (a.units < 0)
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
