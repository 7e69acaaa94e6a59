/* Exact decimal numbers: a value is units / 10^6, never binary floating
 * point.  Montants, pourcentages and decimals all use this type. */
#ifndef LGC_DECIMAL_H
#define LGC_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

#define DEC_FRAC_DIGITS	6
#define DEC_SCALE	INT64_C(1000000)

typedef struct {
	int64_t	units;		/* value * 10^6 */
} dec_t;

enum dec_status {
	DEC_OK = 0,
	DEC_OVERFLOW,		/* result does not fit */
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
/* Product and quotient rounded half away from zero to 6 digits. */
enum dec_status	dec_mul(dec_t a, dec_t b, dec_t *out);
enum dec_status	dec_div(dec_t a, dec_t b, dec_t *out);
/* Rounds half away from zero to DIGITS fractional digits (0..6). */
enum dec_status	dec_round(dec_t a, int digits, dec_t *out);

int	dec_cmp(dec_t a, dec_t b);
bool	dec_is_integer(dec_t a);
bool	dec_is_zero(dec_t a);
/* Integer part, truncated toward zero. */
int64_t	dec_trunc(dec_t a);

/* Plain "[-]123.45" with trailing fractional zeros removed (for JSON,
 * -T tree and tests). */
void	dec_to_string(struct buf *b, dec_t a);

#endif
