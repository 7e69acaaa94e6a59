/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Numbers written both in words and in digits, « quatorze (15) jours »,
 * that disagree: a parser of French number words below one thousand
 * billion (« quatre-vingt-dix », « mille cinq cents », « soixante et
 * onze », the Belgian and Swiss tens, « douze virgule cinq »), one of
 * the digits in parentheses (groups of three, decimals, % or €), and
 * the check that the words before a parenthesis say its number. */
#include "lint/numbers.h"
#include "lint/internal.h"

#include <stdlib.h>
#include <string.h>

#include "lang/french.h"

#define MAX_NUMBER_WORDS	24

enum word_kind {
	WK_NONE,
	WK_UNIT,	/* zéro .. neuf */
	WK_TEEN,	/* dix .. seize */
	WK_TENS,	/* vingt .. soixante, and the Belgian and Swiss tens */
	WK_CENT,
	WK_SCALE,	/* mille, million, milliard */
	WK_ET,
	WK_VIRGULE
};

struct number_word {
	const char	*s;	/* folded */
	size_t		 n;
};

static const struct {
	const char	*word;
	enum word_kind	 kind;
	int64_t		 value;
} vocabulary[] = {
	{ "zero", WK_UNIT, 0 }, { "un", WK_UNIT, 1 }, { "une", WK_UNIT, 1 },
	{ "deux", WK_UNIT, 2 }, { "trois", WK_UNIT, 3 },
	{ "quatre", WK_UNIT, 4 }, { "cinq", WK_UNIT, 5 },
	{ "six", WK_UNIT, 6 }, { "sept", WK_UNIT, 7 }, { "huit", WK_UNIT, 8 },
	{ "neuf", WK_UNIT, 9 },
	{ "dix", WK_TEEN, 10 }, { "onze", WK_TEEN, 11 },
	{ "douze", WK_TEEN, 12 }, { "treize", WK_TEEN, 13 },
	{ "quatorze", WK_TEEN, 14 }, { "quinze", WK_TEEN, 15 },
	{ "seize", WK_TEEN, 16 },
	{ "vingt", WK_TENS, 20 }, { "vingts", WK_TENS, 20 },
	{ "trente", WK_TENS, 30 }, { "quarante", WK_TENS, 40 },
	{ "cinquante", WK_TENS, 50 }, { "soixante", WK_TENS, 60 },
	{ "septante", WK_TENS, 70 }, { "huitante", WK_TENS, 80 },
	{ "octante", WK_TENS, 80 }, { "nonante", WK_TENS, 90 },
	{ "cent", WK_CENT, 100 }, { "cents", WK_CENT, 100 },
	{ "mille", WK_SCALE, 1000 },
	{ "million", WK_SCALE, 1000000 }, { "millions", WK_SCALE, 1000000 },
	{ "milliard", WK_SCALE, 1000000000 },
	{ "milliards", WK_SCALE, 1000000000 },
	{ "et", WK_ET, 0 }, { "virgule", WK_VIRGULE, 0 },
};

static enum word_kind
word_kind(const struct number_word *w, int64_t *value)
{
	size_t i;

	for (i = 0; i < sizeof(vocabulary) / sizeof(vocabulary[0]); i++)
		if (strlen(vocabulary[i].word) == w->n &&
		    memcmp(vocabulary[i].word, w->s, w->n) == 0) {
			*value = vocabulary[i].value;
			return vocabulary[i].kind;
		}
	*value = 0;
	return WK_NONE;
}

static bool
word_is(const struct number_word *w, const char *s)
{
	return strlen(s) == w->n && memcmp(s, w->s, w->n) == 0;
}

/* 1 .. 99: "sept", "dix-sept", "vingt et un", "soixante-dix",
 * "quatre-vingt-douze", "nonante". */
static bool
parse_below_100(const struct number_word *w, size_t n, int64_t *out)
{
	size_t i = 0;
	int64_t tens = 0, rest = 0, v, v2;
	enum word_kind k;

	if (n == 0)
		return false;
	if (n >= 2 && word_is(&w[0], "quatre") &&
	    (word_is(&w[1], "vingt") || word_is(&w[1], "vingts"))) {
		tens = 80;
		i = 2;
	} else if (word_kind(&w[0], &v) == WK_TENS) {
		tens = v;
		i = 1;
	}
	if (tens > 0 && i < n && word_kind(&w[i], &v) == WK_ET) {
		/* "vingt et un", "soixante et onze" */
		if (i + 2 != n || (!word_is(&w[i + 1], "un") &&
		    !word_is(&w[i + 1], "une") && !word_is(&w[i + 1], "onze")))
			return false;
		i++;
	}
	if (n - i == 1) {
		k = word_kind(&w[i], &v);
		if ((k != WK_UNIT && k != WK_TEEN) || v == 0)
			return false;
		rest = v;
	} else if (n - i == 2) {
		/* dix-sept, dix-huit, dix-neuf */
		if (!word_is(&w[i], "dix") ||
		    word_kind(&w[i + 1], &v2) != WK_UNIT || v2 < 7)
			return false;
		rest = 10 + v2;
	} else if (n - i != 0)
		return false;
	if (tens == 0 && rest == 0)
		return false;
	/* Only soixante and quatre-vingt take a teen. */
	if (rest >= 10 && tens != 0 && tens != 60 && tens != 80)
		return false;
	*out = tens + rest;
	return true;
}

/* 1 .. 999: "cent", "deux cents", "trois cent douze". */
static bool
parse_below_1000(const struct number_word *w, size_t n, int64_t *out)
{
	size_t c;
	int64_t mult = 1, rest = 0, v;

	for (c = 0; c < n; c++)
		if (word_kind(&w[c], &v) == WK_CENT)
			break;
	if (c == n)
		return parse_below_100(w, n, out);
	if (c == 1) {
		if (word_kind(&w[0], &mult) != WK_UNIT || mult < 2)
			return false;
	} else if (c > 1)
		return false;
	if (c + 1 < n && !parse_below_100(w + c + 1, n - c - 1, &rest))
		return false;
	*out = mult * 100 + rest;
	return true;
}

/* 0 .. 999 999 999 999: groups before milliard, million, mille. */
static bool
parse_integer(const struct number_word *w, size_t n, int64_t *out)
{
	size_t i, start = 0;
	int64_t total = 0, last_scale = INT64_MAX, scale, mult;

	if (n == 1 && word_is(&w[0], "zero")) {
		*out = 0;
		return true;
	}
	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		if (word_kind(&w[i], &scale) != WK_SCALE)
			continue;
		if (scale >= last_scale)
			return false;
		if (i == start) {
			if (scale != 1000)
				return false;	/* "un million" */
			mult = 1;
		} else if (!parse_below_1000(w + start, i - start, &mult))
			return false;
		total += mult * scale;
		last_scale = scale;
		start = i + 1;
	}
	if (start < n) {
		if (!parse_below_1000(w + start, n - start, &mult))
			return false;
		total += mult;
	}
	*out = total;
	return true;
}

/* An integer, or "douze virgule cinq", "zéro virgule zéro cinq": FRAC
 * gets the decimals' digits without trailing zeros. */
static bool
parse_number(const struct number_word *w, size_t n, int64_t *out,
    struct buf *frac)
{
	size_t i, comma = n, zeros = 0;
	int64_t v;

	for (i = 0; i < n; i++)
		if (word_kind(&w[i], &v) == WK_VIRGULE)
			comma = i;
	if (!parse_integer(w, comma, out))
		return false;
	if (comma == n)
		return true;
	i = comma + 1;
	while (i < n && word_is(&w[i], "zero")) {
		zeros++;
		i++;
	}
	if (i == n && zeros == 0)
		return false;
	v = 0;
	if (i < n && !parse_integer(w + i, n - i, &v))
		return false;
	while (zeros-- > 0)
		buf_putc(frac, '0');
	if (v > 0)
		buf_printf(frac, "%lld", (long long)v);
	while (frac->len > 0 && frac->data[frac->len - 1] == '0')
		frac->data[--frac->len] = '\0';
	return true;
}

/* "(15)", "(1 500)", "(12,5 %)", "(1.500 €)" at S[POS] (after the
 * parenthesis); the offset of ')' goes to *CLOSE. */
static bool
parse_digits(const char *s, size_t len, size_t pos, int64_t *out,
    struct buf *frac, size_t *close)
{
	size_t j = pos, ndigits = 0, save;
	int64_t v = 0;

#define DIGIT(k) ((k) < len && s[k] >= '0' && s[k] <= '9')
	if (j < len && s[j] == ' ')
		j++;
	if (!DIGIT(j))
		return false;
	while (DIGIT(j)) {
		if (++ndigits > 15)
			return false;
		v = v * 10 + (s[j++] - '0');
	}
	/* Groups of three, after a space or a dot. */
	while (j < len && (s[j] == ' ' || s[j] == '.') &&
	    DIGIT(j + 1) && DIGIT(j + 2) && DIGIT(j + 3) && !DIGIT(j + 4)) {
		if ((ndigits += 3) > 15)
			return false;
		v = v * 1000 + (s[j + 1] - '0') * 100 + (s[j + 2] - '0') * 10 +
		    (s[j + 3] - '0');
		j += 4;
	}
	if (j < len && s[j] == ',' && DIGIT(j + 1)) {
		for (j++; DIGIT(j); j++)
			if (frac->len < 9)
				buf_putc(frac, s[j]);
		while (frac->len > 0 && frac->data[frac->len - 1] == '0')
			frac->data[--frac->len] = '\0';
	}
#undef DIGIT
	save = j;
	if (j < len && s[j] == ' ')
		j++;
	if (j < len && s[j] == '%')
		j++;
	else if (j + 2 < len && memcmp(s + j, "\xe2\x82\xac", 3) == 0)
		j += 3;
	else if (j + 5 <= len && memcmp(s + j, "euros", 5) == 0)
		j += 5;
	else if (j + 4 <= len && memcmp(s + j, "euro", 4) == 0)
		j += 4;
	else
		j = save;
	if (j < len && s[j] == ' ')
		j++;
	if (j >= len || s[j] != ')')
		return false;
	*out = v;
	*close = j;
	return true;
}

static void
format_number(struct buf *b, int64_t v, const struct buf *frac)
{
	fr_integer(b, v);
	if (frac->len > 0)
		buf_printf(b, ",%s", buf_cstr(frac));
}

/* The word of folded S ending at END (exclusive), or false. */
static bool
word_before(const char *s, size_t end, struct number_word *w)
{
	size_t start = end;

	while (start > 0 && letter_byte(s[start - 1]))
		start--;
	if (start == end || (start > 0 && word_byte(s[start - 1])))
		return false;
	w->s = s + start;
	w->n = end - start;
	return true;
}

/* The number words just before the '(' at S[PAREN], in order, in W; the
 * count is returned.  "mille euros (1 000 €)", "deux millions d'euros"
 * and "cinquante pour cent (50 %)" keep their number. */
static size_t
words_before(const char *s, size_t paren, struct number_word *w)
{
	struct number_word rev[MAX_NUMBER_WORDS], cur;
	size_t end = paren, n = 0, i;
	int64_t v;
	bool percent = false;

	if (end > 0 && s[end - 1] == ' ')
		end--;
	if (word_before(s, end, &cur) &&
	    (word_is(&cur, "euros") || word_is(&cur, "euro"))) {
		end = (size_t)(cur.s - s);
		if (end >= 2 && s[end - 1] == '\'' && s[end - 2] == 'd' &&
		    (end == 2 || !word_byte(s[end - 3])))
			end -= 2;
		if (end > 0 && s[end - 1] == ' ')
			end--;
	}
	while (n < MAX_NUMBER_WORDS && word_before(s, end, &cur)) {
		if (word_kind(&cur, &v) == WK_NONE) {
			if (percent || n != 1 || !word_is(&cur, "pour") ||
			    !word_is(&rev[0], "cent"))
				break;
			percent = true;
			n = 0;
		} else
			rev[n++] = cur;
		end = (size_t)(cur.s - s);
		if (end >= 2 && (s[end - 1] == ' ' || s[end - 1] == '-') &&
		    letter_byte(s[end - 2]))
			end--;
		else
			break;
	}
	for (i = 0; i < n; i++)
		w[i] = rev[n - 1 - i];
	return n;
}

void
find_numbers(const struct source *src, const struct prose *p,
    struct findings *fs)
{
	struct number_word w[MAX_NUMBER_WORDS];
	struct buf frac_digits, frac_words, a, b;
	size_t i, k, n, close;
	int64_t digits, words = 0;

	buf_init(&frac_digits);
	buf_init(&frac_words);
	for (i = 0; i < p->len; i++) {
		if (p->s[i] != '(')
			continue;
		buf_reset(&frac_digits);
		if (!parse_digits(p->s, p->len, i + 1, &digits, &frac_digits,
		    &close))
			continue;
		n = words_before(p->s, i, w);
		/* The longest run of words that is a number. */
		for (k = 0; k < n; k++) {
			buf_reset(&frac_words);
			if (parse_number(w + k, n - k, &words, &frac_words))
				break;
		}
		if (k == n || (words == digits &&
		    strcmp(buf_cstr(&frac_words), buf_cstr(&frac_digits)) == 0))
			continue;
		{
			size_t first = (size_t)(w[k].s - p->s);
			struct loc loc = span_loc(src, p->origin[first],
			    p->origin[close]);
			char *text = as_written(src, p, first, close + 1);

			buf_init(&a);
			buf_init(&b);
			format_number(&a, words, &frac_words);
			format_number(&b, digits, &frac_digits);
			add_finding(fs, R_NOMBRE, &loc, text, buf_cstr(&a),
			    buf_cstr(&b));
			buf_free(&a);
			buf_free(&b);
			free(text);
		}
	}
	buf_free(&frac_digits);
	buf_free(&frac_words);
}

/* Days in one UNIT word of a notice (« jours », « semaine », « mois »),
 * or 0 when the word is no unit of time. */
static int
notice_unit_days(const struct number_word *w)
{
	if (word_is(w, "jour") || word_is(w, "jours"))
		return 1;
	if (word_is(w, "semaine") || word_is(w, "semaines"))
		return 7;
	if (word_is(w, "mois"))
		return 30;
	return 0;
}

#define NOTICE_WINDOW	10	/* words read after « préavis » */

/* A notice typed in the text, « un préavis de sept jours », « préavis
 * d'une semaine », « préavis de 7 (sept) jours »: the number nearest the
 * unit of time in the words after « préavis », in digits or in words,
 * under 14 days.  Notices given by an input are inputs.c's. */
void
find_short_notices(const struct source *src, const struct prose *p,
    struct findings *fs)
{
	struct number_word w[NOTICE_WINDOW];
	size_t start[NOTICE_WINDOW], i, j, k, n;
	int64_t value, count;
	int days;

	for (i = 0; i + 7 <= p->len; i++) {
		if (memcmp(p->s + i, "preavis", 7) != 0 ||
		    (i > 0 && word_byte(p->s[i - 1])) ||
		    (i + 7 < p->len && word_byte(p->s[i + 7])))
			continue;
		/* The next words, up to the end of the sentence. */
		n = 0;
		for (j = i + 7; j < p->len && n < NOTICE_WINDOW;) {
			char c = p->s[j];

			if (c == '.' || c == ';' || c == ':' || c == '!' ||
			    c == '?')
				break;
			if (!word_byte(c)) {
				j++;
				continue;
			}
			start[n] = j;
			w[n].s = p->s + j;
			while (j < p->len && word_byte(p->s[j]))
				j++;
			w[n].n = (size_t)(p->s + j - w[n].s);
			n++;
		}
		for (k = 0; k < n && notice_unit_days(&w[k]) == 0; k++)
			continue;
		if (k == 0 || k == n)
			continue;
		days = notice_unit_days(&w[k]);
		/* Digits just before the unit, « (15) » included. */
		if (w[k - 1].s[0] >= '0' && w[k - 1].s[0] <= '9') {
			count = 0;
			for (j = 0; j < w[k - 1].n && count < 100000; j++) {
				if (w[k - 1].s[j] < '0' || w[k - 1].s[j] > '9')
					break;
				count = count * 10 + (w[k - 1].s[j] - '0');
			}
			if (j < w[k - 1].n)
				continue;
			j = k - 1;
			/* « dix (10) jours » is quoted from « dix ». */
			if (j > 0 && start[j] > 0 && p->s[start[j] - 1] == '(') {
				size_t first;

				for (first = 0; first < j; first++)
					if (parse_integer(w + first, j - first,
					    &value))
						break;
				if (first < j)
					j = first;
			}
		} else {
			/* The longest run of number words before the unit. */
			for (j = 0; j < k; j++)
				if (parse_integer(w + j, k - j, &value))
					break;
			if (j == k)
				continue;
			count = value;
		}
		if (count <= 0 || count * days >= 14)
			continue;
		{
			size_t last = start[k] + w[k].n - 1;
			struct loc loc = span_loc(src, p->origin[start[j]],
			    p->origin[last]);
			char *text = as_written(src, p, start[j], last + 1);

			add_finding(fs, R_PREAVIS, &loc, text,
			    "écrit tel quel dans le texte",
			    "écrivez au moins 14 jours, ou faites du préavis "
			    "une entrée bornée, par exemple « entree preavis : "
			    "duree entre 14 jours et 90 jours »");
			free(text);
		}
	}
}

bool
lint_number_words(const char *words, int64_t *value)
{
	struct prose p;
	struct number_word w[MAX_NUMBER_WORDS];
	size_t n = 0, i = 0, start;
	int64_t v;
	bool ok = true;

	memset(&p, 0, sizeof(p));
	prose_fold(&p, words, strlen(words));
	while (ok && i < p.len) {
		if (p.s[i] == ' ' || p.s[i] == '-') {
			i++;
			continue;
		}
		start = i;
		while (i < p.len && letter_byte(p.s[i]))
			i++;
		if (i == start || n == MAX_NUMBER_WORDS)
			ok = false;
		else {
			w[n].s = p.s + start;
			w[n].n = i - start;
			ok = word_kind(&w[n++], &v) != WK_NONE;
		}
	}
	ok = ok && parse_integer(w, n, value);
	prose_free(&p);
	return ok;
}
