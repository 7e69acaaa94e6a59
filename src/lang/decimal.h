/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Exact numbers: a value is a fraction num / den in lowest terms, never
 * binary floating point, so that 2 / 3 * 3 is 2.  Montants,
 * pourcentages and decimals all use this type.  A value is rounded
 * only when it is printed (dec_units: to 6 fractional digits, half away
 * from zero) or when the language says so (a montant, to the cent). */
#ifndef LGC_DECIMAL_H
#define LGC_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

#define DEC_FRAC_DIGITS	6
#define DEC_SCALE	INT64_C(1000000)

/* den > 0; |num / den| * 10^6 fits an int64, as the fixed-point values
 * before it did, so the limits the user reads have not moved. */
typedef struct {
	int64_t	num;
	int64_t	den;
} dec_t;

enum dec_status {
	DEC_OK = 0,
	DEC_OVERFLOW,		/* result (or its denominator) does not fit */
	DEC_DIVZERO,
	DEC_SYNTAX,		/* not a decimal number */
	DEC_PRECISION		/* more than 6 fractional digits */
};

/* Parses "[-]DIGITS[.DIGITS]" (no blanks, no exponent, no grouping). */
enum dec_status	dec_parse(const char *s, size_t len, dec_t *out);
enum dec_status	dec_from_int(int64_t n, dec_t *out);
/* The shortest decimal string that reads back as the same double is
 * taken literally; DEC_PRECISION when that needs over 15 significant
 * digits (the JSON writer's digits can no longer be known). */
enum dec_status	dec_from_double(double d, dec_t *out);

enum dec_status	dec_add(dec_t a, dec_t b, dec_t *out);
enum dec_status	dec_sub(dec_t a, dec_t b, dec_t *out);
/* Exact product and quotient. */
enum dec_status	dec_mul(dec_t a, dec_t b, dec_t *out);
enum dec_status	dec_div(dec_t a, dec_t b, dec_t *out);
/* Rounds half away from zero to DIGITS fractional digits (0..6). */
enum dec_status	dec_round(dec_t a, int digits, dec_t *out);

dec_t	dec_neg(dec_t a);
/* The value times 10^6, rounded half away from zero: what prints. */
int64_t	dec_units(dec_t a);
/* The exact value of UNITS / 10^6. */
dec_t	dec_from_units(int64_t units);

int	dec_cmp(dec_t a, dec_t b);
bool	dec_is_integer(dec_t a);
bool	dec_is_zero(dec_t a);
/* Integer part, truncated toward zero. */
int64_t	dec_trunc(dec_t a);

/* Plain "[-]123.45", rounded as dec_units, with trailing fractional
 * zeros removed (for JSON, -T tree and tests). */
void	dec_to_string(struct buf *b, dec_t a);

#endif
