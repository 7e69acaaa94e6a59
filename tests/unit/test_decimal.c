/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include <math.h>

#include "lang/decimal.h"
#include "unit.h"

/* Parses S, which the caller knows to be valid. */
static dec_t
num(const char *s)
{
	dec_t d = { 0 };

	if (dec_parse(s, strlen(s), &d) != DEC_OK)
		printf("test_decimal: bad literal %s\n", s);
	return d;
}

static const char *
show(struct buf *b, dec_t d)
{
	buf_reset(b);
	dec_to_string(b, d);
	return buf_cstr(b);
}

static enum dec_status
parse_status(const char *s)
{
	dec_t d;

	return dec_parse(s, strlen(s), &d);
}

static const char *
parsed(struct buf *b, const char *s)
{
	dec_t d;

	if (dec_parse(s, strlen(s), &d) != DEC_OK)
		return "(error)";
	return show(b, d);
}

static const char *
from_double(struct buf *b, double x)
{
	dec_t d;

	if (dec_from_double(x, &d) != DEC_OK)
		return "(error)";
	return show(b, d);
}

static enum dec_status
from_double_status(double x)
{
	dec_t d;

	return dec_from_double(x, &d);
}

static void
test_parse(struct unit *u, struct buf *b)
{
	dec_t d;

	CHECK_STR(u, parsed(b, "0"), "0");
	CHECK_STR(u, parsed(b, "-0"), "0");
	CHECK_STR(u, parsed(b, "123"), "123");
	CHECK_STR(u, parsed(b, "-123.456789"), "-123.456789");
	CHECK_STR(u, parsed(b, "0.000001"), "0.000001");
	CHECK_STR(u, parsed(b, "007.50"), "7.5");
	CHECK_STR(u, parsed(b, "1.500000"), "1.5");
	CHECK_STR(u, parsed(b, "00000000000000000000000000001"), "1");
	CHECK_STR(u, parsed(b, "9223372036854.775807"),
	    "9223372036854.775807");
	CHECK_STR(u, parsed(b, "-9223372036854.775807"),
	    "-9223372036854.775807");
	CHECK(u, dec_parse("-9223372036854.775808", 21, &d) == DEC_OVERFLOW);
	CHECK(u, dec_units(num("12.5")) == INT64_C(12500000));
	CHECK(u, dec_units(num("-0.25")) == INT64_C(-250000));

	CHECK(u, dec_parse("12345", 2, &d) == DEC_OK && dec_units(d) == 12000000);
	CHECK(u, dec_parse("1.5x", 3, &d) == DEC_OK && dec_units(d) == 1500000);

	CHECK(u, parse_status("") == DEC_SYNTAX);
	CHECK(u, parse_status("-") == DEC_SYNTAX);
	CHECK(u, parse_status(".5") == DEC_SYNTAX);
	CHECK(u, parse_status("-.5") == DEC_SYNTAX);
	CHECK(u, parse_status("5.") == DEC_SYNTAX);
	CHECK(u, parse_status("+1") == DEC_SYNTAX);
	CHECK(u, parse_status("--1") == DEC_SYNTAX);
	CHECK(u, parse_status(" 1") == DEC_SYNTAX);
	CHECK(u, parse_status("1 ") == DEC_SYNTAX);
	CHECK(u, parse_status("1,5") == DEC_SYNTAX);
	CHECK(u, parse_status("1.2.3") == DEC_SYNTAX);
	CHECK(u, parse_status("1e5") == DEC_SYNTAX);
	CHECK(u, parse_status("12a") == DEC_SYNTAX);
	CHECK(u, parse_status("1 000") == DEC_SYNTAX);
	CHECK(u, parse_status("1.2345678") == DEC_PRECISION);
	CHECK(u, parse_status("0.0000001") == DEC_PRECISION);
	CHECK(u, parse_status("-1.0000000") == DEC_PRECISION);
	CHECK(u, parse_status("9223372036854.775808") == DEC_OVERFLOW);
	CHECK(u, parse_status("-9223372036854.775809") == DEC_OVERFLOW);
	CHECK(u, parse_status("9223372036855") == DEC_OVERFLOW);
	CHECK(u, parse_status("99999999999999999999999") == DEC_OVERFLOW);
}

static void
test_conversions(struct unit *u, struct buf *b)
{
	dec_t d;

	CHECK(u, dec_from_int(5, &d) == DEC_OK && dec_units(d) == 5000000);
	CHECK(u, dec_from_int(-7, &d) == DEC_OK && dec_units(d) == -7000000);
	CHECK(u, dec_from_int(INT64_C(9223372036854), &d) == DEC_OK);
	CHECK(u, dec_from_int(INT64_C(-9223372036854), &d) == DEC_OK);
	CHECK(u, dec_from_int(INT64_C(9223372036855), &d) == DEC_OVERFLOW);
	CHECK(u, dec_from_int(INT64_C(-9223372036855), &d) == DEC_OVERFLOW);
	CHECK(u, dec_from_int(INT64_MAX, &d) == DEC_OVERFLOW);
	CHECK(u, dec_from_int(INT64_MIN, &d) == DEC_OVERFLOW);

	CHECK(u, dec_from_double(0.1, &d) == DEC_OK && dec_units(d) == 100000);
	CHECK(u, dec_from_double(0.1, &d) == DEC_OK &&
	    dec_cmp(d, num("0.1")) == 0);
	CHECK_STR(u, from_double(b, 12.5), "12.5");
	CHECK_STR(u, from_double(b, -0.25), "-0.25");
	CHECK_STR(u, from_double(b, 0.0), "0");
	CHECK_STR(u, from_double(b, -0.0), "0");
	CHECK_STR(u, from_double(b, 3.0), "3");
	CHECK_STR(u, from_double(b, 1e-6), "0.000001");
	CHECK_STR(u, from_double(b, 1.5e-5), "0.000015");
	CHECK_STR(u, from_double(b, 0.05), "0.05");
	CHECK_STR(u, from_double(b, 100000.0), "100000");
	CHECK_STR(u, from_double(b, 1e12), "1000000000000");
	CHECK_STR(u, from_double(b, 123456.789), "123456.789");
	CHECK_STR(u, from_double(b, -1234567.125), "-1234567.125");
	CHECK_STR(u, from_double(b, 150000.0), "150000");
	CHECK_STR(u, from_double(b, 9223372036854.0), "9223372036854");
	CHECK(u, from_double_status(1e-7) == DEC_PRECISION);
	CHECK(u, from_double_status(1.0000001) == DEC_PRECISION);
	CHECK(u, from_double_status(1e-300) == DEC_PRECISION);
	/* 0.1 + 0.2 needs 17 significant digits to read back. */
	CHECK(u, from_double_status(0.1 + 0.2) == DEC_PRECISION);
	CHECK(u, from_double_status(1e20) == DEC_OVERFLOW);
	CHECK(u, from_double_status(-1e20) == DEC_OVERFLOW);
	CHECK(u, from_double_status(1e300) == DEC_OVERFLOW);
	CHECK(u, from_double_status(9223372036855.0) == DEC_OVERFLOW);
	CHECK(u, from_double_status(NAN) == DEC_SYNTAX);
	CHECK(u, from_double_status(INFINITY) == DEC_SYNTAX);
	CHECK(u, from_double_status(-INFINITY) == DEC_SYNTAX);
}

static void
test_arithmetic(struct unit *u, struct buf *b)
{
	/* The range is symmetric: the smallest value is -max. */
	const dec_t max = dec_from_units(INT64_MAX);
	const dec_t min = dec_from_units(-INT64_MAX);
	const dec_t tiny = dec_from_units(1), minus_tiny = dec_from_units(-1);
	dec_t d;

	CHECK(u, dec_add(num("0.10"), num("0.20"), &d) == DEC_OK &&
	    dec_cmp(d, num("0.30")) == 0);
	CHECK(u, dec_add(num("0.1"), num("0.2"), &d) == DEC_OK &&
	    dec_units(d) == 300000);
	CHECK(u, dec_add(num("-1.5"), num("0.25"), &d) == DEC_OK &&
	    dec_units(d) == -1250000);
	CHECK(u, dec_add(max, tiny, &d) == DEC_OVERFLOW);
	CHECK(u, dec_add(min, minus_tiny, &d) == DEC_OVERFLOW);
	CHECK(u, dec_add(max, minus_tiny, &d) == DEC_OK);
	CHECK(u, dec_sub(num("0.3"), num("0.1"), &d) == DEC_OK &&
	    dec_units(d) == 200000);
	CHECK(u, dec_sub(min, tiny, &d) == DEC_OVERFLOW);
	CHECK(u, dec_sub(max, minus_tiny, &d) == DEC_OVERFLOW);
	CHECK(u, dec_sub(num("0"), min, &d) == DEC_OK &&
	    dec_cmp(d, max) == 0);
	CHECK(u, dec_sub(min, minus_tiny, &d) == DEC_OK);

	CHECK(u, dec_mul(num("1.5"), num("1.5"), &d) == DEC_OK &&
	    strcmp(show(b, d), "2.25") == 0);
	CHECK(u, dec_mul(num("1.1"), num("1.1"), &d) == DEC_OK &&
	    strcmp(show(b, d), "1.21") == 0);
	CHECK(u, dec_mul(num("150000"), num("0.15"), &d) == DEC_OK &&
	    strcmp(show(b, d), "22500") == 0);
	CHECK(u, dec_mul(num("-3"), num("0.333333"), &d) == DEC_OK &&
	    strcmp(show(b, d), "-0.999999") == 0);
	/* 0.0000005 rounds half away from zero, both signs. */
	CHECK(u, dec_mul(tiny, num("0.5"), &d) == DEC_OK && dec_units(d) == 1);
	CHECK(u, dec_mul(minus_tiny, num("0.5"), &d) == DEC_OK &&
	    dec_units(d) == -1);
	CHECK(u, dec_mul(tiny, num("-0.5"), &d) == DEC_OK && dec_units(d) == -1);
	CHECK(u, dec_mul(tiny, num("0.4"), &d) == DEC_OK && dec_units(d) == 0);
	CHECK(u, dec_mul(minus_tiny, num("0.4"), &d) == DEC_OK &&
	    dec_units(d) == 0);
	CHECK(u, dec_mul(num("1000000000000"), num("1000000000"), &d) ==
	    DEC_OVERFLOW);
	CHECK(u, dec_mul(max, num("-1"), &d) == DEC_OK &&
	    dec_units(d) == -INT64_MAX);
	CHECK(u, dec_mul(min, num("-1"), &d) == DEC_OK &&
	    dec_cmp(d, max) == 0);
	CHECK(u, dec_mul(min, num("1.000001"), &d) == DEC_OVERFLOW);
	CHECK(u, dec_mul(max, max, &d) == DEC_OVERFLOW);

	CHECK(u, dec_div(num("1"), num("3"), &d) == DEC_OK &&
	    strcmp(show(b, d), "0.333333") == 0);
	CHECK(u, dec_div(num("2"), num("3"), &d) == DEC_OK &&
	    strcmp(show(b, d), "0.666667") == 0);
	CHECK(u, dec_div(num("-2"), num("3"), &d) == DEC_OK &&
	    strcmp(show(b, d), "-0.666667") == 0);
	CHECK(u, dec_div(num("2"), num("-3"), &d) == DEC_OK &&
	    strcmp(show(b, d), "-0.666667") == 0);
	CHECK(u, dec_div(num("-2"), num("-3"), &d) == DEC_OK &&
	    strcmp(show(b, d), "0.666667") == 0);
	CHECK(u, dec_div(num("10"), num("4"), &d) == DEC_OK &&
	    strcmp(show(b, d), "2.5") == 0);
	CHECK(u, dec_div(num("1"), num("-8"), &d) == DEC_OK &&
	    strcmp(show(b, d), "-0.125") == 0);
	CHECK(u, dec_div(tiny, num("2"), &d) == DEC_OK && dec_units(d) == 1);
	CHECK(u, dec_div(minus_tiny, num("2"), &d) == DEC_OK &&
	    dec_units(d) == -1);
	CHECK(u, dec_div(tiny, num("3"), &d) == DEC_OK && dec_units(d) == 0);
	CHECK(u, dec_div(num("1"), num("0"), &d) == DEC_DIVZERO);
	CHECK(u, dec_div(num("0"), num("0"), &d) == DEC_DIVZERO);
	CHECK(u, dec_div(max, num("0.5"), &d) == DEC_OVERFLOW);
	CHECK(u, dec_div(min, num("0.999999"), &d) == DEC_OVERFLOW);
	CHECK(u, dec_div(max, tiny, &d) == DEC_OVERFLOW);
	CHECK(u, dec_div(max, max, &d) == DEC_OK && dec_units(d) == DEC_SCALE);

	/* Exact until printed: 2 / 3 * 3 is 2, a third thrice is 1. */
	CHECK(u, dec_div(num("2"), num("3"), &d) == DEC_OK &&
	    dec_mul(d, num("3"), &d) == DEC_OK && dec_cmp(d, num("2")) == 0 &&
	    dec_is_integer(d) && strcmp(show(b, d), "2") == 0);
	/* Two thirds and 0.333333 fall short of 1, and print as 1. */
	CHECK(u, dec_div(num("1"), num("3"), &d) == DEC_OK &&
	    dec_add(d, d, &d) == DEC_OK &&
	    dec_add(d, dec_from_units(333333), &d) == DEC_OK &&
	    strcmp(show(b, d), "1") == 0 && dec_cmp(d, num("1")) < 0);
	CHECK(u, dec_div(num("1"), num("7"), &d) == DEC_OK &&
	    dec_mul(d, num("7"), &d) == DEC_OK && dec_cmp(d, num("1")) == 0);
	/* 0.0000005 exactly prints half away from zero. */
	CHECK(u, dec_div(num("1"), num("2000000"), &d) == DEC_OK &&
	    strcmp(show(b, d), "0.000001") == 0);
	/* A denominator past 64 bits is an overflow, as a value is. */
	CHECK(u, dec_div(num("1"), num("999999937"), &d) == DEC_OK &&
	    dec_div(d, num("999999929"), &d) == DEC_OK &&
	    dec_div(d, num("999999893"), &d) == DEC_OVERFLOW);
}

static void
test_rounding(struct unit *u, struct buf *b)
{
	const dec_t max = dec_from_units(INT64_MAX);
	const dec_t min = dec_from_units(-INT64_MAX);
	dec_t d;

	CHECK(u, dec_round(num("2.5"), 0, &d) == DEC_OK &&
	    strcmp(show(b, d), "3") == 0);
	CHECK(u, dec_round(num("-2.5"), 0, &d) == DEC_OK &&
	    strcmp(show(b, d), "-3") == 0);
	CHECK(u, dec_round(num("2.499999"), 0, &d) == DEC_OK &&
	    strcmp(show(b, d), "2") == 0);
	CHECK(u, dec_round(num("-2.499999"), 0, &d) == DEC_OK &&
	    strcmp(show(b, d), "-2") == 0);
	CHECK(u, dec_round(num("0.5"), 0, &d) == DEC_OK &&
	    strcmp(show(b, d), "1") == 0);
	CHECK(u, dec_round(num("-0.5"), 0, &d) == DEC_OK &&
	    strcmp(show(b, d), "-1") == 0);
	CHECK(u, dec_round(num("1.005"), 2, &d) == DEC_OK &&
	    strcmp(show(b, d), "1.01") == 0);
	CHECK(u, dec_round(num("-1.005"), 2, &d) == DEC_OK &&
	    strcmp(show(b, d), "-1.01") == 0);
	CHECK(u, dec_round(num("1.004999"), 2, &d) == DEC_OK &&
	    strcmp(show(b, d), "1") == 0);
	CHECK(u, dec_round(num("0.125"), 2, &d) == DEC_OK &&
	    strcmp(show(b, d), "0.13") == 0);
	CHECK(u, dec_round(num("-0.125"), 2, &d) == DEC_OK &&
	    strcmp(show(b, d), "-0.13") == 0);
	CHECK(u, dec_round(num("9.99995"), 4, &d) == DEC_OK &&
	    strcmp(show(b, d), "10") == 0);
	CHECK(u, dec_round(num("1.234567"), 6, &d) == DEC_OK &&
	    strcmp(show(b, d), "1.234567") == 0);
	CHECK(u, dec_round(num("1.234567"), 5, &d) == DEC_OK &&
	    strcmp(show(b, d), "1.23457") == 0);
	CHECK(u, dec_round(num("1"), 7, &d) == DEC_PRECISION);
	CHECK(u, dec_round(num("1"), -1, &d) == DEC_PRECISION);
	CHECK(u, dec_round(max, 0, &d) == DEC_OVERFLOW);
	CHECK(u, dec_round(min, 0, &d) == DEC_OVERFLOW);
	CHECK(u, dec_round(max, 6, &d) == DEC_OK && dec_units(d) == INT64_MAX);
}

static void
test_queries(struct unit *u, struct buf *b)
{
	const dec_t min = dec_from_units(-INT64_MAX);

	CHECK(u, dec_cmp(num("1.5"), num("1.25")) > 0);
	CHECK(u, dec_cmp(num("-1.5"), num("1.25")) < 0);
	CHECK(u, dec_cmp(num("2"), num("2.000")) == 0);
	CHECK(u, dec_is_integer(num("40000")));
	CHECK(u, dec_is_integer(num("-3")));
	CHECK(u, !dec_is_integer(num("0.5")));
	CHECK(u, !dec_is_integer(num("-1.000001")));
	CHECK(u, dec_is_zero(num("-0.000")));
	CHECK(u, !dec_is_zero(num("0.000001")));
	CHECK(u, dec_trunc(num("2.7")) == 2);
	CHECK(u, dec_trunc(num("-2.7")) == -2);
	CHECK(u, dec_trunc(num("-0.7")) == 0);
	CHECK(u, dec_trunc(num("150000")) == 150000);

	CHECK_STR(u, show(b, num("-0.5")), "-0.5");
	CHECK_STR(u, show(b, num("100")), "100");
	CHECK_STR(u, show(b, num("-100.010")), "-100.01");
	CHECK_STR(u, show(b, min), "-9223372036854.775807");
	buf_reset(b);
	buf_puts(b, "x=");
	dec_to_string(b, num("1.2"));
	CHECK_STR(u, buf_cstr(b), "x=1.2");
}

void
test_decimal(struct unit *u)
{
	struct buf b;

	buf_init(&b);
	test_parse(u, &b);
	test_conversions(u, &b);
	test_arithmetic(u, &b);
	test_rounding(u, &b);
	test_queries(u, &b);
	buf_free(&b);
}
