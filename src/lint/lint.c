/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The drafting linter (lint.h).  This file walks the program's files
 * and templates, reads the comment directives and reports the findings;
 * the rules are in wording.c, numbers.c, inputs.c and subjects.c, over
 * the folded prose of prose.c.
 *
 * Codes, all warnings, disabled unless enabled (lgc lint, -Wlint):
 *
 *   lint-discretion              « à sa seule discrétion », « à son seul gré »…
 *   lint-violation-substantielle « violation substantielle », « manquement
 *                                substantiel », « violation matérielle »…
 *   lint-partie-aux-presentes    « partie(s) aux présentes »
 *   lint-consentement-prealable  « consentement écrit préalable », « accord
 *                                préalable et écrit »…
 *   lint-en-vertu-des-presentes  « en vertu / aux termes / au titre des
 *                                présentes »
 *   lint-ledit                   « ledit », « ladite », « lesdits », « dudit »…
 *   lint-susmentionne            « susmentionné », « susdit », « susvisé »…
 *   lint-et-ou                   « et/ou »
 *   lint-nombre-discordant       « quatorze (15) jours »
 *   lint-sujet-manquant          an essential subject with no article
 *   lint-preavis-court           a notice under 14 days, typed in the text
 *                                or allowed by an input
 *   lint-garantie-sans-quantite  a guarantee input that no input quantifies
 *   lint-directive               a "lgc-lint:" comment that makes no sense
 *
 * The wording rules read the prose of every file of the program (body
 * text outside tags and comments), folded: case and accents ignored, any
 * run of blanks (no-break spaces included) as one space, ’ as '.
 *
 * Directives live in comments, which the scanner drops, so they are read
 * from the raw text:
 *
 *   {-- lgc-lint: ignorer CODE… --}          this line; alone on its
 *                                            line, the next one too
 *   {-- lgc-lint: ignorer-fichier CODE… --}  the whole file
 *   // lgc-lint: ignorer CODE…               header: alone on its line,
 *                                            the whole file; after a
 *                                            statement, that line
 *   // lgc-lint: ignorer-fichier CODE…       the whole file
 *   lgc-lint: sujets SUJET…                  (either comment, main
 *                                            template) the essential
 *                                            subjects, or « aucun »
 *
 * CODE is a code's name, with or without "lint-", or "tout".  A warning
 * spanning several lines is silenced by its first line.
 *
 * The essential subjects are looked for in the headings and paragraphs
 * of the assembled contract (main template and the clauses it includes),
 * and signatures as a {signatures} block.  A main file without "modele"
 * is a clause, whose subjects are not checked unless it declares them; a
 * template that says « genre lettre » is a letter, with a letter's
 * subjects, and so is, without « genre », a modele named « Lettre … ».
 */
#include "lint/lint.h"

#include <stdlib.h>
#include <string.h>

#include "syntax/parse.h"
#include "base/source.h"
#include "base/suggest.h"
#include "lint/internal.h"

#define MAX_INCLUDE_DEPTH	32

#define ALL_RULES	((1u << R__COUNT) - 1)

static const enum diag_code rule_code[R__COUNT] = {
	[R_DISCRETION] = W_LINT_DISCRETION,
	[R_VIOLATION] = W_LINT_VIOLATION,
	[R_PARTIE] = W_LINT_PARTIE_PRESENTES,
	[R_CONSENTEMENT] = W_LINT_CONSENTEMENT,
	[R_EN_VERTU] = W_LINT_EN_VERTU,
	[R_LEDIT] = W_LINT_LEDIT,
	[R_SUSMENTIONNE] = W_LINT_SUSMENTIONNE,
	[R_ET_OU] = W_LINT_ET_OU,
	[R_NOMBRE] = W_LINT_NOMBRE,
	[R_SUJET] = W_LINT_SUJET,
	[R_PREAVIS] = W_LINT_PREAVIS,
	[R_GARANTIE] = W_LINT_GARANTIE,
	[R_DIRECTIVE] = W_LINT_DIRECTIVE,
};

/* Lines silenced by a directive. */
struct silence {
	int		 line;
	unsigned	 rules;
};

struct lint_file {
	const struct file_ast *f;
	unsigned	 file_rules;	/* silenced in the whole file */
	struct silence	*lines;
	size_t		 nlines;
	bool		 has_subjects;	/* "lgc-lint: sujets" seen */
	unsigned	 subjects;
	bool		 linted;
};

struct lint {
	const struct program *prog;
	struct diags	*ds;
	struct ptrvec	 files;		/* struct lint_file *, owned */
	unsigned	 treated;	/* subjects found in headings and text */
	bool		 signatures;
	bool		 noted;		/* the subjects note was given */
	int		 depth;
};

/* Findings: sorted, filtered by the directives, reported. */

static int
finding_cmp(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;

	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static bool
silenced(const struct lint_file *lf, enum lint_rule rule, int line)
{
	size_t i;

	if (lf->file_rules & (1u << rule))
		return true;
	for (i = 0; i < lf->nlines; i++)
		if (lf->lines[i].line == line &&
		    (lf->lines[i].rules & (1u << rule)))
			return true;
	return false;
}

static void
silence_line(struct lint_file *lf, int line, unsigned rules)
{
	lf->lines = xgrow(lf->lines, lf->nlines, sizeof(*lf->lines));
	lf->lines[lf->nlines].line = line;
	lf->lines[lf->nlines++].rules = rules;
}

static void
report(struct lint *lt, const struct lint_file *lf, struct findings *fs)
{
	size_t i, k;

	if (fs->len > 1)
		qsort(fs->v, fs->len, sizeof(*fs->v), finding_cmp);
	for (i = 0; i < fs->len; i++) {
		struct finding *fd = &fs->v[i];
		struct diagnostic *d;

		if (!silenced(lf, fd->rule, fd->loc.line)) {
			d = diag(lt->ds, rule_code[fd->rule], &fd->loc,
			    fd->arg[0], fd->arg[1], fd->arg[2]);
			diag_suggest(d, fd->suggestion);
			if (d != NULL && fd->rule == R_SUJET && !lt->noted) {
				diag_note(d, NULL, "la liste des sujets se "
				    "règle dans l'en-tête du modèle, par "
				    "« // lgc-lint: sujets parties, objet, … », "
				    "ou par l'option --sujets");
				lt->noted = true;
			}
		}
		for (k = 0; k < 3; k++)
			free(fd->arg[k]);
		free(fd->suggestion);
	}
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

/* Directives. */

static int
rule_named(const char *word)
{
	int r;

	for (r = 0; r < R__COUNT; r++) {
		const char *name = diag_code_name(rule_code[r]);

		if (strcmp(word, name) == 0 || strcmp(word, name + 5) == 0)
			return r;
	}
	return -1;
}

static bool
span_is(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && memcmp(s, word, n) == 0;
}

static bool
directive_sep(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ',';
}

static void
directive_error(struct findings *fs, const struct source *src, size_t start,
    size_t end, const char *message, const char *suggestion)
{
	struct loc loc = span_loc(src, start, end > start ? end - 1 : start);
	struct finding *fd = add_finding(fs, R_DIRECTIVE, &loc, message, NULL,
	    NULL);

	if (suggestion != NULL)
		fd->suggestion = xstrdup(suggestion);
}

/* The comment content at offsets START..END of LF's source, on lines
 * FIRST..LAST, ALONE when nothing else is on those lines, HEADER for a
 * "//" comment. */
static void
directive(struct lint_file *lf, struct findings *fs, size_t start,
    size_t end, int first, int last, bool alone, bool header)
{
	const struct source *src = lf->f->src;
	const char *t = src->text;
	size_t p = start, word, cmd_start, cmd_len;
	unsigned rules = 0, subj = 0;
	bool any = false, file_wide, subjects_cmd;
	char *msg;
	int line;

	while (p < end && (blank_byte(t[p]) || t[p] == '\n'))
		p++;
	if (end - p < 8 || memcmp(t + p, "lgc-lint", 8) != 0 ||
	    (p + 8 < end && (word_byte(t[p + 8]) || t[p + 8] == '-')))
		return;
	word = p;
	p += 8;
	while (p < end && blank_byte(t[p]))
		p++;
	if (p >= end || t[p] != ':') {
		directive_error(fs, src, word, word + 8, "il manque « : » "
		    "après « lgc-lint »", NULL);
		return;
	}
	p++;
	while (p < end && directive_sep(t[p]))
		p++;
	cmd_start = p;
	while (p < end && !directive_sep(t[p]))
		p++;
	cmd_len = p - cmd_start;
	subjects_cmd = span_is(t + cmd_start, cmd_len, "sujets");
	if (!span_is(t + cmd_start, cmd_len, "ignorer") &&
	    !span_is(t + cmd_start, cmd_len, "ignorer-fichier") &&
	    !subjects_cmd) {
		msg = xasprintf("« %.*s » : les directives sont « ignorer », "
		    "« ignorer-fichier » et « sujets »", (int)cmd_len,
		    t + cmd_start);
		directive_error(fs, src, cmd_start, cmd_start + cmd_len, msg,
		    NULL);
		free(msg);
		return;
	}
	file_wide = span_is(t + cmd_start, cmd_len, "ignorer-fichier") ||
	    (header && alone);
	for (;;) {
		size_t arg;
		char *w;
		int r;

		while (p < end && directive_sep(t[p]))
			p++;
		if (p >= end)
			break;
		arg = p;
		while (p < end && !directive_sep(t[p]))
			p++;
		w = xstrndup(t + arg, p - arg);
		any = true;
		if (subjects_cmd) {
			if (strcmp(w, "aucun") == 0)
				;
			else if ((r = subject_named(w)) >= 0)
				subj |= 1u << r;
			else {
				struct buf b;

				buf_init(&b);
				buf_printf(&b, "« %s » n'est pas un sujet (", w);
				subject_names(&b);
				buf_puts(&b, ", ou aucun)");
				directive_error(fs, src, arg, p, buf_cstr(&b),
				    NULL);
				buf_free(&b);
			}
		} else if (strcmp(w, "tout") == 0)
			rules = ALL_RULES;
		else if ((r = rule_named(w)) >= 0)
			rules |= 1u << r;
		else {
			struct suggester sg;
			int k;

			suggest_begin(&sg, w);
			for (k = 0; k < R__COUNT; k++)
				suggest_consider(&sg,
				    diag_code_name(rule_code[k]));
			msg = xasprintf("« %s » n'est pas un code du linter "
			    "(lint-…, ou tout)", w);
			directive_error(fs, src, arg, p, msg, suggest_end(&sg));
			free(msg);
		}
		free(w);
	}
	if (!any) {
		directive_error(fs, src, cmd_start, cmd_start + cmd_len,
		    subjects_cmd ? "« sujets » attend une liste de sujets, ou "
		    "aucun" : "la directive attend un code (lint-…) ou tout",
		    NULL);
		return;
	}
	if (subjects_cmd) {
		lf->has_subjects = true;
		lf->subjects |= subj;
	} else if (file_wide)
		lf->file_rules |= rules;
	else {
		for (line = first; line <= last; line++)
			silence_line(lf, line, rules);
		if (alone && !header)
			silence_line(lf, last + 1, rules);
	}
}

/* Scanning a file: header comments, then the body's prose. */

static void
header_comments(struct lint_file *lf, struct findings *fs, int nlines)
{
	const struct source *src = lf->f->src;
	int ln;

	for (ln = 1; ln <= nlines; ln++) {
		const char *line;
		size_t len, k;
		bool alone = true;

		if (!source_line(src, ln, &line, &len))
			continue;
		for (k = 0; k < len; k++) {
			if (line[k] == '"') {
				/* A string may hold "//". */
				for (k++; k < len && line[k] != '"'; k++)
					if (line[k] == '\\')
						k++;
				alone = false;
				continue;
			}
			if (line[k] == '/' && k + 1 < len && line[k + 1] == '/') {
				size_t off = (size_t)(line - src->text);

				directive(lf, fs, off + k + 2, off + len, ln, ln,
				    alone, true);
				break;
			}
			if (!blank_byte(line[k]))
				alone = false;
		}
	}
}

/* The end of the tag opening at T[I], as the scanner sees it: braces
 * nest, strings hide braces, a blank line ends it. */
static size_t
skip_tag(const char *t, size_t n, size_t i)
{
	int depth = 0;

	for (; i < n; i++) {
		if (t[i] == '{')
			depth++;
		else if (t[i] == '}') {
			if (--depth == 0)
				return i + 1;
		} else if (t[i] == '"') {
			for (i++; i < n && t[i] != '"' && t[i] != '\n'; i++)
				if (t[i] == '\\' && i + 1 < n && t[i + 1] != '\n')
					i++;
			if (i < n && t[i] == '\n')
				i--;
		} else if (t[i] == '\n') {
			size_t k = i + 1;

			while (k < n && blank_byte(t[k]))
				k++;
			if (k >= n || t[k] == '\n')
				return i;
		}
	}
	return n;
}

static bool
escapable(char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	    (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* Whether T[FROM..TO) holds only blanks. */
static bool
only_blanks(const char *t, size_t from, size_t to)
{
	for (; from < to; from++)
		if (!blank_byte(t[from]))
			return false;
	return true;
}

static void
body_comment(struct lint_file *lf, struct findings *fs, size_t open,
    size_t close)
{
	const struct source *src = lf->f->src;
	int first, last, col;
	size_t line_start, line_end;
	bool alone;

	offset_pos(src, open, &first, &col);
	offset_pos(src, close, &last, &col);
	line_start = src->lines[first - 1];
	line_end = close + 3;
	while (line_end < src->len && src->text[line_end] != '\n')
		line_end++;
	alone = only_blanks(src->text, line_start, open) &&
	    only_blanks(src->text, close + 3, line_end);
	directive(lf, fs, open + 3, close, first, last, alone, false);
}

static void
scan_file(struct lint_file *lf, struct prose *p, struct findings *fs)
{
	const struct source *src = lf->f->src;
	const char *t = src->text;
	size_t n = src->len, i = 0, len;
	int sep = lf->f->has_header ? separator_line(src) : 0;
	uint32_t cp;

	if (sep > 0) {
		header_comments(lf, fs, sep - 1);
		i = (size_t)sep < src->nlines ? src->lines[sep] : n;
	}
	while (i < n) {
		if (t[i] == '{' && i + 2 < n && t[i + 1] == '-' &&
		    t[i + 2] == '-') {
			size_t j = i + 3;

			while (j + 2 < n && memcmp(t + j, "--}", 3) != 0)
				j++;
			if (j + 2 >= n)
				break;	/* unclosed: the parser said so */
			body_comment(lf, fs, i, j);
			i = j + 3;
		} else if (t[i] == '{') {
			/* A tag breaks any phrase it sits in. */
			prose_put(p, '\x01', i);
			i = skip_tag(t, n, i);
		} else if (t[i] == '\\' && i + 1 < n && t[i + 1] == '\n') {
			prose_put(p, ' ', i);
			i++;
		} else if (t[i] == '\\' && i + 1 < n && escapable(t[i + 1])) {
			prose_put_cp(p, (unsigned char)t[i + 1], t + i + 1, 1,
			    i + 1);
			i += 2;
		} else if (t[i] == '*') {
			i++;	/* emphasis marks do not break a phrase */
		} else {
			if ((len = utf8_decode(t + i, n - i, &cp)) == 0) {
				len = 1;
				cp = (unsigned char)t[i];
			}
			prose_put_cp(p, cp, t + i, len, i);
			i += len;
		}
	}
}

/* Files. */

static struct lint_file *
lint_file_of(struct lint *lt, const struct file_ast *f)
{
	struct lint_file *lf;
	size_t i;

	for (i = 0; i < lt->files.len; i++) {
		lf = lt->files.items[i];
		if (lf->f == f)
			return lf;
	}
	lf = xcalloc(1, sizeof(*lf));
	lf->f = f;
	ptrvec_push(&lt->files, lf);
	return lf;
}

static void
lint_file(struct lint *lt, struct lint_file *lf)
{
	struct findings fs;
	struct prose p;

	lf->linted = true;
	if (lf->f->src == NULL || !lf->f->src->has_text)
		return;
	memset(&fs, 0, sizeof(fs));
	memset(&p, 0, sizeof(p));
	scan_file(lf, &p, &fs);
	find_phrases(lf->f->src, &p, &fs);
	find_numbers(lf->f->src, &p, &fs);
	find_short_notices(lf->f->src, &p, &fs);
	prose_free(&p);
	find_risky_inputs(lt->prog, lf->f, &fs);
	report(lt, lf, &fs);
}

/* The assembled contract: the main template and the clauses it
 * includes, walked for the headings and the {signatures} block that
 * subjects.c looks at, each clause linted where first included. */

/* The heading or the run of text gathered in TITLE ends: its keywords
 * treat their subjects.  Text is read a paragraph (or a block) at a
 * time, so that a keyword of several words may span lines. */
static void
end_title(struct lint *lt, struct buf *title, bool *in_title)
{
	*in_title = false;
	if (title->len == 0)
		return;
	lt->treated |= heading_subjects(buf_cstr(title));
	buf_reset(title);
}

static void walk(struct lint *lt, const struct nodes *ns);

static void
walk_include(struct lint *lt, const struct node *n)
{
	const struct file_ast *f = n->u.include.file;
	struct lint_file *lf;

	if (f == NULL || lt->depth >= MAX_INCLUDE_DEPTH)
		return;
	/* Warnings in a clause say where it is included from. */
	diags_push_include(lt->ds, &n->loc);
	lf = lint_file_of(lt, f);
	if (!lf->linted)
		lint_file(lt, lf);
	lt->depth++;
	walk(lt, &f->body);
	lt->depth--;
	diags_pop_include(lt->ds);
}

static void
walk(struct lint *lt, const struct nodes *ns)
{
	struct buf title;
	bool in_title = false;
	size_t i, k;

	buf_init(&title);
	for (i = 0; i < ns->len; i++) {
		const struct node *n = ns->v[i];

		switch (n->kind) {
		case N_TEXT:
			buf_puts(&title, n->u.text);
			break;
		case N_INTERP:
		case N_REF:
		case N_SOFTBREAK:
			buf_putc(&title, ' ');
			break;
		case N_EMPH:
		case N_LABEL:
		case N_UNNUMBERED:
			break;
		case N_HEADING:
			end_title(lt, &title, &in_title);
			in_title = true;
			break;
		case N_LINE:
			if (in_title)
				end_title(lt, &title, &in_title);
			break;
		case N_PARBREAK:
		case N_HARDBREAK:
		case N_BULLET:
		case N_NUMBERED:
			end_title(lt, &title, &in_title);
			break;
		case N_IF:
			end_title(lt, &title, &in_title);
			for (k = 0; k < n->u.cond.len; k++)
				walk(lt, &n->u.cond.branches[k].body);
			break;
		case N_SELON:
			end_title(lt, &title, &in_title);
			for (k = 0; k < n->u.selon.ncases; k++)
				walk(lt, &n->u.selon.cases[k].body);
			if (n->u.selon.other != NULL)
				walk(lt, n->u.selon.other);
			break;
		case N_LOOP:
			end_title(lt, &title, &in_title);
			walk(lt, &n->u.loop.body);
			if (n->u.loop.empty != NULL)
				walk(lt, n->u.loop.empty);
			break;
		case N_INCLUDE:
			end_title(lt, &title, &in_title);
			walk_include(lt, n);
			break;
		case N_SIGNATURES:
			end_title(lt, &title, &in_title);
			lt->signatures = true;
			break;
		}
	}
	end_title(lt, &title, &in_title);
	buf_free(&title);
}

/* Parses a --sujets list into *MASK; false (reported) when a name is
 * unknown. */
static bool
parse_subject_option(struct lint *lt, const char *list, unsigned *mask)
{
	const char *p = list;
	bool ok = true;

	*mask = 0;
	while (*p != '\0') {
		size_t n;
		char *w;
		int r;

		while (*p != '\0' && directive_sep(*p))
			p++;
		if (*p == '\0')
			break;
		n = 0;
		while (p[n] != '\0' && !directive_sep(p[n]))
			n++;
		w = xstrndup(p, n);
		p += n;
		if ((r = subject_named(w)) >= 0)
			*mask |= 1u << r;
		else if (strcmp(w, "aucun") != 0) {
			struct buf b;

			buf_init(&b);
			buf_printf(&b, "--sujets : « %s » n'est pas un sujet (",
			    w);
			subject_names(&b);
			buf_puts(&b, ", ou aucun)");
			diag(lt->ds, F_USAGE, NULL, buf_cstr(&b));
			buf_free(&b);
			ok = false;
		}
		free(w);
	}
	return ok;
}

/* A template that says « genre lettre » is checked for a letter's
 * subjects; without « genre », so is one whose modele names a letter,
 * « Lettre de mission », « Lettre d'engagement » (the templates written
 * before « genre » existed). */
static bool
is_letter(const struct file_ast *f)
{
	char *folded;
	bool letter;

	switch (f->genre) {
	case GENRE_LETTRE:
		return true;
	case GENRE_CONTRAT:
		return false;
	case GENRE_UNSET:
		break;
	}
	if (f->model == NULL)
		return false;
	folded = fold(f->model);
	letter = strncmp(folded, "lettre", 6) == 0 &&
	    !word_byte(folded[6]);
	free(folded);
	return letter;
}

void
lint_program(const struct program *prog, struct diags *ds,
    const char *subjects_option)
{
	struct lint lt;
	struct lint_file *main_lf = NULL;
	unsigned option_mask = 0, wanted = 0;
	size_t i;

	memset(&lt, 0, sizeof(lt));
	lt.prog = prog;
	lt.ds = ds;
	if (subjects_option != NULL &&
	    !parse_subject_option(&lt, subjects_option, &option_mask))
		return;
	if (prog->main != NULL) {
		main_lf = lint_file_of(&lt, prog->main);
		lint_file(&lt, main_lf);
		walk(&lt, &prog->main->body);
	}
	for (i = 0; i < prog->files.len; i++) {
		struct lint_file *lf = lint_file_of(&lt, prog->files.items[i]);

		if (!lf->linted)
			lint_file(&lt, lf);
	}
	if (main_lf != NULL && !prog->failed) {
		struct findings fs;
		bool letter = is_letter(prog->main);

		if (subjects_option != NULL)
			wanted = option_mask;
		else if (main_lf->has_subjects)
			wanted = main_lf->subjects;
		else if (letter)
			wanted = letter_subjects();
		else if (prog->main->model != NULL ||
		    prog->main->genre == GENRE_CONTRAT)
			wanted = all_subjects();
		memset(&fs, 0, sizeof(fs));
		find_missing_subjects(&fs, main_lf->f->src, wanted, lt.treated,
		    lt.signatures, letter);
		report(&lt, main_lf, &fs);
	}
	for (i = 0; i < lt.files.len; i++) {
		struct lint_file *lf = lt.files.items[i];

		free(lf->lines);
		free(lf);
	}
	ptrvec_free(&lt.files);
}

