/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Line breaking for the PDF backend, independent of any PDF library:
 * styled UTF-8 spans become boxes, glue and penalties measured through
 * a callback, broken into lines by Knuth and Plass's total-fit method
 * (justified text) or first fit (ragged text), and placed. */
#ifndef LGC_LINEBREAK_H
#define LGC_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LB_INF	10000		/* a penalty that forbids, or forces (-) */

enum lb_kind {
	LB_BOX,
	LB_GLUE,
	LB_PENALTY
};

struct lb_item {
	enum lb_kind	 kind;
	double		 width;
	double		 stretch;	/* glue */
	double		 shrink;	/* glue */
	int		 penalty;	/* penalty: -LB_INF .. LB_INF */
	bool		 flagged;	/* penalty: a hyphen break */
};

/* Total fit: the breakpoints (indices of the glue or penalty items that
 * end each line; the last one is the final forced penalty) minimising
 * the sum of the lines' demerits, with no line whose badness exceeds
 * TOLERANCE (negative: any line not overfull is acceptable).  *BREAKS
 * is malloc'd; returns their number, or 0 when no set of lines fits.
 * ITEMS must end with a forced break. */
size_t	lb_total_fit(const struct lb_item *items, size_t n, double width,
	    double tolerance, size_t **breaks);
/* First fit: each line takes as much as fits at natural width. */
size_t	lb_first_fit(const struct lb_item *items, size_t n, double width,
	    size_t **breaks);

/* A run of text in one style.  TEXT == NULL is a forced line break. */
struct lb_span {
	const char	*text;
	size_t		 len;
	unsigned	 style;
	const void	*link;
};

/* Advance width of CP in STYLE, in thousandths of an em. */
/* Whether CP is drawn as nothing: a format character (zero-width
 * joiner, direction marks) or a default-ignorable one.  The line breaker
 * leaves them out of its pieces; the soft hyphen and the zero-width
 * space, break points, it handles itself. */
bool	lb_invisible(uint32_t cp);

typedef int	(*lb_width_fn)(void *ctx, unsigned style, uint32_t cp);

/* Placed text: part of one span, drawn from X (points, from the left of
 * the line) over WIDTH. */
struct lb_piece {
	const char	*text;
	size_t		 len;
	unsigned	 style;
	const void	*link;
	double		 x;
	double		 width;
};

struct lb_line {
	size_t		 first;		/* its pieces in lb_para.pieces */
	size_t		 count;
	double		 width;		/* left of the first piece to right of the last */
};

struct lb_para {
	struct lb_piece	*pieces;
	size_t		 npieces;
	struct lb_line	*lines;
	size_t		 nlines;
};

enum lb_align {
	LB_JUSTIFY,	/* last line and lines before a forced break ragged */
	LB_LEFT,
	LB_CENTER,
	LB_RIGHT	/* ragged left: a letter's place and date */
};

/* Widths measured for lb_layout, kept by its caller from one paragraph
 * to the next (the measure function must give the same widths for the
 * same context all along); a change of function or context starts
 * afresh. */
struct lb_widths;

struct lb_widths *lb_widths_new(void);
void	lb_widths_free(struct lb_widths *w);

struct lb_opts {
	double		 size;		/* font size in points */
	double		 width;		/* line width in points */
	enum lb_align	 align;
	lb_width_fn	 measure;
	void		*ctx;
	struct lb_widths *widths;	/* or NULL: measured for each call */
};

void	lb_para_init(struct lb_para *p);
void	lb_para_free(struct lb_para *p);
/* Lays out the spans as lines appended to P.  Spaces, tabs and newlines
 * are breakable glue that stretches; U+00A0, U+202F and U+2007 glue of
 * fixed width that does not break (unless a line could not be filled
 * otherwise); U+00AD a hidden
 * hyphenation point and U+200B a hidden break point; a break may follow
 * a hyphen between letters; a word wider than the line is cut between
 * characters.  No line is wider than the measure. */
void	lb_layout(struct lb_para *p, const struct lb_span *spans, size_t n,
	    const struct lb_opts *o);

#endif
