/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* lgc variantes (lgc_variantes): every variant of a template.
 *
 * The decisions are read from the conditions the template tests, its
 * clauses' included: each client input a condition reads, through the
 * parameters and computed values that carry it, becomes a decision
 * whose values are those that make a difference — the two of a
 * booléen, the values of a choix, « absent » for an optional input,
 * and for numbers, amounts, dates, durations and texts the constants
 * they are compared with and their neighbours, within the declared
 * bounds.  Each combination (or, past --max, enough of them to cover
 * every pair of decisions) gets a witness data set, the other inputs
 * their smallest valid value and their libellé as text; each witness
 * is built by the compiler's own pipeline, which tells every branch it
 * takes (eval_set_trace).  Two witnesses whose documents took the same
 * branches are the same variant.
 *
 * A branch no witness takes, or none skips, is reported only where
 * that is proven: its condition and those around it read the
 * decisions only as the witnesses cut them (an input compared with a
 * constant, a booléen, a choix, a presence), and every combination of
 * the decisions they read was tried (all of them, or the pairs when
 * they read at most two decisions).
 *
 * The sections, a file each, call one another one way only (no two
 * need each other: tests/scripts/layers.sh):
 *
 *   values.c      each decision's values
 *   conditions.c  what the conditions read: the decisions  → values
 *   combos.c      the witnesses' combinations              → values
 *   witnesses.c   building them; the variants              → combos
 *   dead.c        the unreachable branches                 → witnesses, combos
 *   articles.c    each article's condition                 → conditions,
 *                                                            combos, witnesses
 *   report.c      texte, --matrice, json, html             → articles, combos,
 *                                                            witnesses
 *   run.c         lgc_variantes, the whole                 → conditions, combos,
 *                                                            witnesses, dead,
 *                                                            report
 *
 * This header is private to src/variantes/: the state they share
 * (struct vx and what it holds) and the functions one of them calls in
 * another.  It only declares. */
#ifndef LGC_VARIANTES_VARIANTES_H
#define LGC_VARIANTES_VARIANTES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lgc.h"
#include "base/diag.h"
#include "base/util.h"
#include "check/program.h"
#include "lang/types.h"
#include "syntax/ast.h"

#define WITNESS_CAP	4096	/* witnesses built at most; a larger --max
				 * is taken as this */
#define INCLUDE_DEPTH	32	/* clauses within clauses walked */

/* One input the conditions read. */
struct dim {
	const struct input *in;
	struct value	*cuts;		/* constants compared with, owned */
	size_t		 ncuts;
	bool		 read;		/* read by some condition */
	bool		 presence;	/* "existe" tested on it */
	/* Its values in the witnesses: JSON (NULL: absent) and as shown. */
	json_t		**values;
	char		**shown;
	/* The same as values, to evaluate conditions on the witnesses
	 * (api: the report's conditions); has false: absent. */
	struct value	*vals;
	bool		*has;
	size_t		 n;
	size_t		 index;		/* among the decisions, or SIZE_MAX */
};

/* A set of inputs (by index) read by conditions, and whether the
 * witnesses decide those conditions exactly. */
struct reads {
	size_t		*v;
	size_t		 len;
	bool		 exact;
	bool		 param;		/* through a clause's parameter */
};

/* A point where the document may take one way or another: a {si}, a
 * {selon}, an {inclure}.  One per node, its clause's inclusions
 * merged. */
struct point {
	const struct node *n;
	size_t		 noutcomes;
	size_t		 base;		/* its first outcome's number */
	struct reads	 path;		/* the conditions around and its own */
	struct reads	*own;		/* per branch or case: its condition's */
	size_t		 nown;
	bool		 nested;	/* under conditions */
};

/* The binding of a clause's parameters: its {inclure}, and the one
 * around. */
struct site {
	const struct node *include;
	const struct site *up;
};

/* A witness and what building it gave. */
enum wstate {
	W_BUILT,
	W_REFUSED,	/* an exiger rejects the combination */
	W_FAILED
};

struct heading_row {
	char		*key;		/* level and title */
	char		*title;
	int		 level;
	bool		*in;		/* per variant */
};

struct witness {
	size_t		*choice;	/* per decision, a value index */
	char		*json;
	enum wstate	 state;
	char		*message;	/* REFUSED, FAILED: why */
	size_t		 variant;	/* BUILT: its variant */
};

struct variant {
	size_t		 witness;	/* the first that gave it */
	size_t		 count;		/* witnesses that gave it */
	bool		*outcomes;
	size_t		*headings;	/* rows, in document order */
	size_t		 nheadings;
};

struct vx {
	lgc_compiler	*c;
	const struct program *prog;
	struct diags	*ds;
	struct dim	*dims;		/* per input */
	size_t		*decisions;	/* input indexes of the decisions */
	size_t		 ndecisions;
	struct point	*points;
	size_t		 npoints;
	const struct node **order;	/* points' nodes sorted, for lookup */
	size_t		 noutcomes;
	/* The witnesses. */
	struct witness	*ws;
	size_t		 nws;
	uint64_t	 space;		/* combinations, saturated */
	bool		 exhaustive;	/* every combination tried */
	bool		 pairwise;	/* every pair of decision values */
	bool		 capped;	/* WITNESS_CAP stopped the covering */
	size_t		 max;
	/* Building. */
	bool		*taken;		/* outcomes of the witness built */
	bool		*seen;		/* outcomes of any witness */
	struct ptrvec	 errors;	/* char *: the witness's errors */
	bool		 refused;	/* an exiger among them */
	struct variant	*vs;
	size_t		 nvs;
	struct strmap	 by_sig;	/* signature → variant index + 1 */
	struct ptrvec	 sigs;		/* char *, owned keys */
	struct heading_row *rows;
	size_t		 nrows;
	size_t		*row_order;	/* rows in document order */
	size_t		 failed;
	size_t		 nrefused;
	struct ptrvec	 findings;	/* char *: unreachable branches */
	struct ptrvec	 unproven;	/* char *: unseen, not proven */
	struct reads	 rules;		/* what the exiger read */
	size_t		 open_pairs;	/* pairs no built witness holds */
};

/* The conditions of the articles and clauses (articles.c), which the
 * report prints; the atoms and occurrences are articles.c's own. */
struct atom;
struct occ;

/* An article or clause that does not figure in every variant, and the
 * condition under which it does. */
struct cond_row {
	char		*label;
	int		 level;		/* 0: a clause */
	bool		 always;
	bool		 never;
	char		*cond;		/* NULL for ALWAYS */
	bool		 observed;	/* read off the witnesses */
};

struct conds {
	struct occ	*occs;
	size_t		 nocc;
	struct ptrvec	 sites;		/* struct site *, owned */
	struct atom	*stack;		/* the atoms around, while walking */
	size_t		 nstack;
	bool		 in_loop;
	struct cond_row	*rows;		/* headings in row order, then
					 * the {inclure} points */
	size_t		 nrows;
	/* The rows' keys (normalized "level|title") to find a heading's. */
	char		**keys;
	size_t		 nkeys;
};

/* values.c */

/* The smallest valid value of T under C (a libellé LABEL for a text),
 * as JSON: combos.c gives it the inputs that are no decision. */
json_t	*sample(const struct type *t, const struct constraint *c,
	    const char *label, int depth);
/* The values of D's decision, once its conditions are read
 * (conditions.c). */
void	dim_values(struct dim *d);

/* conditions.c */

/* The argument bound to parameter D at the inclusion FR, or NULL:
 * articles.c reads a clause's parameters as the conditions are read. */
const struct expr *argument(const struct site *fr, const struct decl *d);
/* The points, the decisions and their values, read from the template,
 * its clauses and its rules: the first step of run.c. */
void	find_decisions(struct vx *x);

/* combos.c */

/* How many values decision K has: every section that walks the
 * combinations counts them. */
size_t	dsize(const struct vx *x, size_t k);
/* A witness of CHOICE (a value per decision), to build: witnesses.c
 * adds those it tries again. */
void	add_witness(struct vx *x, const size_t *choice);
/* Every combination; a covering of every pair (run.c chooses). */
void	enumerate_all(struct vx *x);
void	enumerate_pairs(struct vx *x);
/* W's data, which witnesses.c loads and builds. */
char	*witness_json(const struct vx *x, const struct witness *w);
/* W's decisions, each NAME EQ VALUE, joined by SEP: a written
 * variant's name (witnesses.c), the report, a failure (run.c). */
void	describe_witness(struct buf *b, const struct vx *x,
	    const struct witness *w, const char *eq, const char *sep);

/* witnesses.c */

/* Sorts the points by node and numbers their outcomes, before any
 * witness is built (run.c). */
void	index_points(struct vx *x);
/* The file extension of FORMAT, or NULL when C has no such format:
 * run.c refuses an unknown --ecrire format before any witness. */
const char *extension_of(lgc_compiler *c, const char *format);
/* Whether some built witness gives decision A its value VA and B its
 * value VB (A == B: VA only): dead.c's proof. */
bool	pair_built(const struct vx *x, size_t a, size_t va, size_t b,
	    size_t vb);
/* Builds every witness and the variants, the refused ones tried
 * again (run.c). */
void	run_witnesses(struct vx *x, const lgc_variantes_options *o);
/* Whether variant V takes the {inclure} of P: the matrix's clauses
 * (report.c) and their conditions (articles.c). */
bool	include_taken(const struct variant *v, const struct point *p);

/* dead.c */

/* The unreachable branches, warned of or listed unproven, once the
 * witnesses are built (run.c). */
void	check_points(struct vx *x);

/* articles.c */

/* The condition of each heading row and {inclure} point that does not
 * figure in every variant: the one-screen report and the JSON
 * (report.c).  conds_free frees K. */
void	make_conds(const struct vx *x, struct conds *k);
void	conds_free(struct conds *k);

/* report.c */

/* The report into B, in the format run.c was asked for: the one that
 * fits a screen, the whole matrix as text (--matrice), JSON, HTML. */
void	report_resume(struct buf *b, const struct vx *x);
void	report_texte(struct buf *b, const struct vx *x);
void	report_json(struct buf *b, const struct vx *x);
void	report_html(struct buf *b, const struct vx *x);

#endif
