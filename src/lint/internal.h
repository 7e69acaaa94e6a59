/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* What the linter's files share, private to src/lint: the rules, the
 * folded prose they read, the findings they produce, and each file's
 * entry.  lint.c drives the others; its header lint.h, the stage's
 * public entry, is included by no other file here, so that none of
 * them depends back on lint.c. */
#ifndef LGC_LINT_INTERNAL_H
#define LGC_LINT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check/program.h"
#include "base/source.h"

enum lint_rule {
	R_DISCRETION,
	R_VIOLATION,
	R_PARTIE,
	R_CONSENTEMENT,
	R_EN_VERTU,
	R_LEDIT,
	R_SUSMENTIONNE,
	R_ET_OU,
	R_NOMBRE,
	R_SUJET,
	R_PREAVIS,
	R_GARANTIE,
	R_DIRECTIVE,
	R__COUNT
};

/* Folded text with, for each byte, the source offset it comes from. */
struct prose {
	char		*s;		/* LEN bytes and a NUL, in CAP */
	size_t		*origin;
	size_t		 len;
	size_t		 cap;
};

struct finding {
	enum lint_rule	 rule;
	struct loc	 loc;
	size_t		 seq;		/* keeps the sort stable */
	char		*arg[3];
	char		*suggestion;	/* NULL when none */
};

/* A file's findings, reported (sorted, filtered) by lint.c. */
struct findings {
	struct finding	*v;
	size_t		 len;
};

/* prose.c: folded prose, source positions, findings. */
bool	word_byte(char c);
bool	letter_byte(char c);
bool	blank_byte(char c);
void	prose_put(struct prose *p, char c, size_t origin);
void	prose_put_cp(struct prose *p, uint32_t cp, const char *bytes,
	    size_t len, size_t origin);
void	prose_fold(struct prose *p, const char *s, size_t n);
void	prose_free(struct prose *p);
char	*fold(const char *s);
bool	contains_word_start(const char *text, const char *word);
void	offset_pos(const struct source *src, size_t off, int *line,
	    int *col);
struct loc span_loc(const struct source *src, size_t start, size_t last);
char	*as_written(const struct source *src, const struct prose *p,
	    size_t from, size_t to);
struct finding *add_finding(struct findings *fs, enum lint_rule rule,
	    const struct loc *loc, const char *a, const char *b,
	    const char *c);

/* wording.c: the wording rules over a file's prose. */
void	find_phrases(const struct source *src, const struct prose *p,
	    struct findings *fs);

/* numbers.c: numbers in words and digits that disagree (the words
 * themselves are read by lint_number_words, numbers.h). */
void	find_numbers(const struct source *src, const struct prose *p,
	    struct findings *fs);
/* A notice of under 14 days typed in the text (« préavis de 7 jours »). */
void	find_short_notices(const struct source *src, const struct prose *p,
	    struct findings *fs);

/* inputs.c: the inputs declared in F that allow a risky value. */
void	find_risky_inputs(const struct program *prog, const struct file_ast *f,
	    struct findings *fs);

/* subjects.c: the essential subjects, as bits of a mask. */
unsigned all_subjects(void);
/* The subjects of a letter: objet, prestations, rémunération, signatures. */
unsigned letter_subjects(void);
/* The subject named WORD (case and accents ignored), or -1. */
int	subject_named(const char *word);
/* "parties, objet, …" */
void	subject_names(struct buf *b);
/* The subjects whose keywords a heading or a paragraph contains. */
unsigned heading_subjects(const char *title);
/* A finding at the top of SRC for each subject of WANTED the contract
 * (or the LETTER) does not treat: TREATED by its headings and
 * paragraphs, SIGNATURES by a block. */
void	find_missing_subjects(struct findings *fs, const struct source *src,
	    unsigned wanted, unsigned treated, bool signatures, bool letter);

#endif
