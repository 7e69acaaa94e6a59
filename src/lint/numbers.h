/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* French numbers written in words, read back as numbers: what the
 * linter compares with the digits in parentheses after them. */
#ifndef LGC_LINT_NUMBERS_H
#define LGC_LINT_NUMBERS_H

#include <stdbool.h>
#include <stdint.h>

/* The value of French number words ("quatre-vingt-dix", "mille cinq
 * cents", "soixante et onze"), case and accents ignored.  False when
 * the words do not form a number below one thousand billion. */
bool	lint_number_words(const char *words, int64_t *value);

#endif
