/* The drafting linter (lint.h).
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
 *   lint-preavis-court           a notice input that allows under 14 days
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
 * The essential subjects are looked for in the headings of the assembled
 * contract (main template and the clauses it includes), and signatures
 * as a {signatures} block.  A main file without "modele" is a clause,
 * whose subjects are not checked unless it declares them.
 */
#include "lint/lint.h"

#include <stdlib.h>
#include <string.h>

#include "syntax/parse.h"
#include "base/source.h"
#include "base/suggest.h"

#define MAX_INCLUDE_DEPTH	32
#define MAX_NUMBER_WORDS	24
#define NO_MATCH		((size_t)-1)
/* The shortest notice that does not look abrupt. */
#define MIN_NOTICE_DAYS		14

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

/* Wording rules.  A pattern is words separated by one space, matched
 * against folded prose at word boundaries; "a|b" is either word, and a
 * leading '?' makes a word optional. */
static const struct {
	enum lint_rule	 rule;
	const char	*pattern;
} phrases[] = {
	{ R_DISCRETION, "a sa|son|leur|la "
	    "?seule|seul|entiere|libre|pleine|absolue|totale|souveraine ?et "
	    "?seule|seul|entiere|libre|pleine|absolue|totale|souveraine "
	    "discretion" },
	{ R_DISCRETION, "a sa|son|leur seule|seul gre" },
	{ R_DISCRETION, "au seul gre" },
	{ R_VIOLATION, "violation|violations|manquement|manquements|"
	    "inexecution|inexecutions substantielle|substantielles|"
	    "substantiel|substantiels|materielle|materielles|materiel|"
	    "materiels" },
	{ R_PARTIE, "partie|parties aux presentes" },
	{ R_CONSENTEMENT, "consentement|accord|autorisation|agrement "
	    "ecrit|ecrite|expres|expresse ?et prealable" },
	{ R_CONSENTEMENT, "consentement|accord|autorisation|agrement "
	    "prealable ?et ecrit|ecrite|expres|expresse" },
	{ R_EN_VERTU, "en vertu des presentes" },
	{ R_EN_VERTU, "aux termes des presentes" },
	{ R_EN_VERTU, "au titre des presentes" },
	{ R_LEDIT, "ledit|ladite|lesdits|lesdites|dudit|desdits|desdites|"
	    "auxdits|auxdites" },
	{ R_SUSMENTIONNE, "susmentionne|susmentionnee|susmentionnes|"
	    "susmentionnees|susdit|susdite|susdits|susdites|susvise|"
	    "susvisee|susvises|susvisees" },
	{ R_ET_OU, "et/ou" },
	{ R_ET_OU, "et / ou" },
	{ R_ET_OU, "ou/et" },
};

/* The essential subjects of a contract, in the default order.  A
 * subject is treated when a heading contains one of its keywords at a
 * word start (case and accents ignored); signatures have no keyword and
 * need a {signatures} block. */
#define MAX_KEYWORDS	6

static const struct subject {
	const char	*name;
	const char	*what;		/* "le contrat ne traite pas WHAT" */
	const char	*keywords[MAX_KEYWORDS];
	const char	*risk;
} subjects[] = {
	{ "parties", "des parties et de leurs représentants",
	    { "parties", "soussignés", "entre les" },
	    "rien n'établit qui s'engage, ni qui a le pouvoir de signer pour "
	    "chaque partie" },
	{ "objet", "de son objet", { "objet" },
	    "l'étendue des engagements restera discutable" },
	{ "duree", "de sa durée ni de son entrée en vigueur",
	    { "durée", "entrée en vigueur", "prise d'effet" },
	    "on ne sait ni quand les obligations commencent ni quand elles "
	    "prennent fin" },
	{ "prestations", "des prestations",
	    { "prestations", "services", "mission" },
	    "ce que le prestataire doit fournir n'est pas décrit, donc "
	    "difficile à exiger" },
	{ "remuneration", "de la rémunération",
	    { "rémunération", "prix", "paiement", "honoraires", "facturation",
	    "conditions financières" },
	    "le prix, ses échéances et les modalités de paiement restent à "
	    "débattre" },
	{ "resultats", "des résultats ni de la garantie",
	    { "résultats", "garantie", "obligation de moyens" },
	    "rien ne dit si le prestataire promet un résultat ou seulement "
	    "ses efforts" },
	{ "confidentialite", "de la confidentialité", { "confidentialité" },
	    "les informations échangées ne sont protégées que par le droit "
	    "commun" },
	{ "donnees", "des données personnelles",
	    { "données personnelles", "protection des données", "RGPD" },
	    "un traitement de données personnelles pour le compte d'autrui "
	    "doit être encadré par contrat (article 28 du RGPD)" },
	{ "resiliation", "de la résiliation",
	    { "résiliation", "fin du contrat" },
	    "les conditions et le préavis pour mettre fin au contrat sont "
	    "laissés au droit commun" },
	{ "litiges", "des litiges ni de la loi applicable",
	    { "litiges", "différends", "loi applicable", "juridiction",
	    "règlement des" },
	    "la loi applicable et le tribunal compétent ne sont pas fixés" },
	{ "signatures", "des signatures", { NULL },
	    "rien n'indique où les parties signent ni qui signe pour elles" },
};

#define NSUBJECTS	(sizeof(subjects) / sizeof(subjects[0]))
#define ALL_SUBJECTS	((1u << NSUBJECTS) - 1)

/* Folded text with, for each byte, the source offset it comes from. */
struct prose {
	char		*s;
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

struct findings {
	struct finding	*v;
	size_t		 len;
	size_t		 cap;
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
	size_t		 cap;
	bool		 has_subjects;	/* "lgc-lint: sujets" seen */
	unsigned	 subjects;
	bool		 linted;
};

struct lint {
	const struct program *prog;
	struct diags	*ds;
	struct ptrvec	 files;		/* struct lint_file *, owned */
	unsigned	 treated;	/* subjects found in headings */
	bool		 signatures;
	bool		 noted;		/* the subjects note was given */
	int		 depth;
};

static bool
word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static bool
letter_byte(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool
blank_byte(char c)
{
	return c == ' ' || c == '\t';
}

static void
prose_put(struct prose *p, char c, size_t origin)
{
	/* One space for any run of blanks, none at the start. */
	if (c == ' ' && (p->len == 0 || p->s[p->len - 1] == ' '))
		return;
	if (p->len + 1 >= p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->s = xrealloc(p->s, p->cap);
		p->origin = xreallocarray(p->origin, p->cap, sizeof(size_t));
	}
	p->s[p->len] = c;
	p->origin[p->len++] = origin;
	p->s[p->len] = '\0';
}

/* Appends code point CP, whose LEN bytes at source offset ORIGIN are
 * BYTES, folded. */
static void
prose_put_cp(struct prose *p, uint32_t cp, const char *bytes, size_t len,
    size_t origin)
{
	static const char latin1[64] =
	    "aaaaaaaceeeeiiii"	/* U+00C0 .. U+00CF */
	    "dnooooo*ouuuuyts"	/* U+00D0 .. U+00DF (× kept raw below) */
	    "aaaaaaaceeeeiiii"	/* U+00E0 .. U+00EF */
	    "dnooooo/ouuuuyty";	/* U+00F0 .. U+00FF (÷ kept raw below) */
	size_t i;

	if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F)
		prose_put(p, ' ', origin);
	else if (cp < 0x80)
		prose_put(p, cp >= 'A' && cp <= 'Z' ? (char)(cp + 32) :
		    (char)cp, origin);
	else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC)
		prose_put(p, '\'', origin);
	else if (cp == 0x2010 || cp == 0x2011)
		prose_put(p, '-', origin);
	else if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7)
		prose_put(p, latin1[cp - 0xC0], origin);
	else if (cp == 0x152 || cp == 0x153) {
		prose_put(p, 'o', origin);
		prose_put(p, 'e', origin);
	} else
		for (i = 0; i < len; i++)
			prose_put(p, bytes[i], origin);
}

/* Folds S (N bytes); origins are offsets in S. */
static void
prose_fold(struct prose *p, const char *s, size_t n)
{
	size_t i = 0, len;
	uint32_t cp;

	while (i < n) {
		if ((len = utf8_decode(s + i, n - i, &cp)) == 0) {
			len = 1;
			cp = (unsigned char)s[i];
		}
		prose_put_cp(p, cp, s + i, len, i);
		i += len;
	}
}

static void
prose_free(struct prose *p)
{
	free(p->s);
	free(p->origin);
	memset(p, 0, sizeof(*p));
}

/* Whether folded WORD occurs in folded TEXT at a word start. */
static bool
contains_word_start(const char *text, const char *word)
{
	const char *at = text;
	size_t n = strlen(word);

	if (n == 0)
		return false;
	while ((at = strstr(at, word)) != NULL) {
		if (at == text || !word_byte(at[-1]))
			return true;
		at++;
	}
	return false;
}

/* S folded, as a string (freed by the caller). */
static char *
fold(const char *s)
{
	struct prose p;
	char *out;

	memset(&p, 0, sizeof(p));
	prose_fold(&p, s, strlen(s));
	out = xstrdup(p.s != NULL ? p.s : "");
	prose_free(&p);
	return out;
}

/* Source positions. */

static void
offset_pos(const struct source *src, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = src->nlines;

	if (src->nlines == 0) {
		*line = *col = 1;
		return;
	}
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (src->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (int)lo + 1;
	*col = (int)utf8_count(src->text + src->lines[lo],
	    off - src->lines[lo]) + 1;
}

/* The span from offset START to the character at offset LAST. */
static struct loc
span_loc(const struct source *src, size_t start, size_t last)
{
	struct loc loc;

	memset(&loc, 0, sizeof(loc));
	loc.src = src;
	offset_pos(src, start, &loc.line, &loc.col);
	offset_pos(src, last, &loc.end_line, &loc.end_col);
	return loc;
}

/* The prose P->s[FROM..TO) as written in SRC (case and accents kept,
 * emphasis marks and comments left out, blanks as one space), for
 * messages. */
static char *
as_written(const struct source *src, const struct prose *p, size_t from,
    size_t to)
{
	struct buf b;
	uint32_t cp;
	size_t k, off, len;

	buf_init(&b);
	for (k = from; k < to; k++) {
		if (p->s[k] == ' ') {
			buf_putc(&b, ' ');
			continue;
		}
		if (k > from && p->origin[k] == p->origin[k - 1])
			continue;	/* "œ" folds to two bytes */
		off = p->origin[k];
		if ((len = utf8_decode(src->text + off, src->len - off, &cp)) == 0)
			len = 1;
		buf_put(&b, src->text + off, len);
	}
	return buf_detach(&b);
}

/* Findings: collected per file, sorted, filtered by the directives. */

static struct finding *
add_finding(struct findings *fs, enum lint_rule rule, const struct loc *loc,
    const char *a, const char *b, const char *c)
{
	struct finding *fd;

	if (fs->len == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 16;
		fs->v = xreallocarray(fs->v, fs->cap, sizeof(*fs->v));
	}
	fd = &fs->v[fs->len];
	memset(fd, 0, sizeof(*fd));
	fd->rule = rule;
	fd->loc = *loc;
	fd->seq = fs->len++;
	fd->arg[0] = xstrdup(a != NULL ? a : "");
	fd->arg[1] = xstrdup(b != NULL ? b : "");
	fd->arg[2] = xstrdup(c != NULL ? c : "");
	return fd;
}

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
	if (lf->nlines == lf->cap) {
		lf->cap = lf->cap ? lf->cap * 2 : 8;
		lf->lines = xreallocarray(lf->lines, lf->cap,
		    sizeof(*lf->lines));
	}
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

static int
subject_named(const char *word)
{
	char *folded = fold(word);
	size_t i;
	int found = -1;

	for (i = 0; i < NSUBJECTS; i++)
		if (strcmp(folded, subjects[i].name) == 0)
			found = (int)i;
	free(folded);
	return found;
}

static void
subject_names(struct buf *b)
{
	size_t i;

	for (i = 0; i < NSUBJECTS; i++)
		buf_printf(b, "%s%s", i > 0 ? ", " : "", subjects[i].name);
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

/* Wording rules. */

/* The end of PAT matched at S[POS], or NO_MATCH. */
static size_t
match_pattern(const char *s, size_t len, size_t pos, const char *pat)
{
	const char *tok_end = strchr(pat, ' '), *rest, *alt;
	bool optional = *pat == '?';

	if (tok_end == NULL)
		tok_end = pat + strlen(pat);
	rest = *tok_end == ' ' ? tok_end + 1 : tok_end;
	for (alt = optional ? pat + 1 : pat; alt < tok_end;) {
		const char *bar = memchr(alt, '|', (size_t)(tok_end - alt));
		size_t n = (size_t)((bar != NULL ? bar : tok_end) - alt);
		size_t next = pos + n, r;

		if (next <= len && memcmp(s + pos, alt, n) == 0 &&
		    (!word_byte(alt[n - 1]) || next == len ||
		    !word_byte(s[next]))) {
			if (*rest == '\0')
				return next;
			if (next < len && s[next] == ' ' &&
			    (r = match_pattern(s, len, next + 1, rest)) !=
			    NO_MATCH)
				return r;
		}
		alt = bar != NULL ? bar + 1 : tok_end;
	}
	if (optional && *rest != '\0')
		return match_pattern(s, len, pos, rest);
	return NO_MATCH;
}

static void
find_phrases(const struct source *src, const struct prose *p,
    struct findings *fs)
{
	size_t i = 0, k, end;

	while (i < p->len) {
		bool matched = false;

		if (word_byte(p->s[i]) && (i == 0 || !word_byte(p->s[i - 1]))) {
			for (k = 0; k < sizeof(phrases) / sizeof(phrases[0]);
			    k++) {
				end = match_pattern(p->s, p->len, i,
				    phrases[k].pattern);
				if (end != NO_MATCH) {
					struct loc loc = span_loc(src,
					    p->origin[i], p->origin[end - 1]);
					char *text = as_written(src, p, i,
					    end);

					add_finding(fs, phrases[k].rule, &loc,
					    text, NULL, NULL);
					free(text);
					i = end;
					matched = true;
					break;
				}
			}
		}
		if (!matched)
			i++;
	}
}

/* Numbers in words. */

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

static void
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

/* Input rules. */

/* The input's name and libellé, folded. */
static char *
input_words(const struct input *in)
{
	char *s = xasprintf("%s %s", in->name, in->label ? in->label : "");
	char *f = fold(s);

	free(s);
	return f;
}

/* Whether a notice bound V is under the minimum; an entier counts
 * DAYS_PER_UNIT days each (0: months). */
static bool
notice_below(const struct value *v, int days_per_unit)
{
	switch (v->kind) {
	case T_ENTIER:
		if (days_per_unit == 0)
			return v->u.integer < 1;
		return v->u.integer < (MIN_NOTICE_DAYS + days_per_unit - 1) /
		    days_per_unit;
	case T_DUREE:
		if (duree_unit_family(v->u.duree.unit) == FAMILY_MONTHS)
			return duree_base_count(v) < 1;
		return duree_base_count(v) < MIN_NOTICE_DAYS;
	case T_ERROR:
	case T_TEXTE:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DATE:
	case T_BOOLEEN:
	case T_CHOIX:
	case T_LISTE:
	case T_RECORD:
		return false;
	}
	return false;
}

static void
check_notice(const struct input *in, struct findings *fs)
{
	const struct constraint *c = in->cstr;
	enum type_kind kind = in->type != NULL ? in->type->kind : T_ERROR;
	char *words;
	int per_unit = 1;
	const char *example;
	struct buf why, fix;
	size_t i;
	bool short_notice = false;

	if (kind != T_ENTIER && kind != T_DUREE)
		return;
	words = input_words(in);
	if (strstr(words, "preavis") == NULL) {
		free(words);
		return;
	}
	/* An entier counts days unless its name says otherwise. */
	if (kind == T_ENTIER && strstr(words, "mois") != NULL)
		per_unit = 0;
	else if (kind == T_ENTIER && strstr(words, "semaine") != NULL)
		per_unit = 7;
	free(words);
	example = kind == T_DUREE ? "« entre 14 jours et 90 jours »" :
	    per_unit == 0 ? "« entre 1 et 6 »" :
	    per_unit == 7 ? "« entre 2 et 12 »" : "« entre 14 et 90 »";
	buf_init(&why);
	buf_init(&fix);
	buf_printf(&fix, "bornez l'entrée, par exemple %s", example);
	switch (c != NULL ? c->kind : CSTR_NONE) {
	case CSTR_NONE:
		short_notice = true;
		buf_puts(&why, "aucune borne");
		break;
	case CSTR_ENTRE:
		if (c->lo != NULL && notice_below(c->lo, per_unit)) {
			short_notice = true;
			buf_puts(&why, "la borne basse est ");
			value_print_literal(&why, c->lo);
		}
		break;
	case CSTR_PARMI:
		for (i = 0; i < c->nset && !short_notice; i++)
			if (notice_below(&c->set[i], per_unit)) {
				short_notice = true;
				buf_puts(&why, "« parmi » permet ");
				value_print_literal(&why, &c->set[i]);
				buf_reset(&fix);
				buf_puts(&fix, "retirez de « parmi » les valeurs "
				    "de moins de 14 jours");
			}
		break;
	}
	if (short_notice)
		add_finding(fs, R_PREAVIS, &in->decl->loc, in->name,
		    buf_cstr(&why), buf_cstr(&fix));
	buf_free(&why);
	buf_free(&fix);
}

static bool
expr_mentions(const struct expr *e, const char *name)
{
	size_t i;

	if (e == NULL)
		return false;
	switch (e->kind) {
	case EX_LITERAL:
		return false;
	case EX_NAME:
		return strcmp(e->u.name, name) == 0;
	case EX_FIELD:
		return expr_mentions(e->u.field.obj, name);
	case EX_CALL:
		for (i = 0; i < e->u.call.nargs; i++)
			if (expr_mentions(e->u.call.args[i], name))
				return true;
		return false;
	case EX_RECORD:
		for (i = 0; i < e->u.record.nfields; i++)
			if (expr_mentions(e->u.record.fields[i].value, name))
				return true;
		return false;
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
		return expr_mentions(e->u.operand, name);
	case EX_BINARY:
		return expr_mentions(e->u.binary.lhs, name) ||
		    expr_mentions(e->u.binary.rhs, name);
	}
	return false;
}

/* A quantity: a number, an amount, a rate or a duration. */
static bool
is_quantity(const struct type *t)
{
	if (t == NULL)
		return false;
	switch (t->kind) {
	case T_ENTIER:
	case T_DECIMAL:
	case T_MONTANT:
	case T_POURCENTAGE:
	case T_DUREE:
		return true;
	case T_ERROR:
	case T_TEXTE:
	case T_DATE:
	case T_BOOLEEN:
	case T_CHOIX:
	case T_LISTE:
	case T_RECORD:
		return false;
	}
	return false;
}

/* Whether a numeric input exists only "si" a condition naming NAME. */
static bool
quantified(const struct program *prog, const char *name)
{
	size_t i, k;

	for (i = 0; i < prog->files.len; i++) {
		const struct file_ast *f = prog->files.items[i];

		for (k = 0; k < f->ndecls; k++) {
			const struct decl *d = f->decls[k];

			if (d->kind == DECL_ENTREE && is_quantity(d->ty) &&
			    expr_mentions(d->cond, name))
				return true;
		}
	}
	return false;
}

/* Whether an input that E names is quantified. */
static bool
names_quantified(const struct program *prog, const struct expr *e)
{
	size_t i;

	if (e == NULL)
		return false;
	switch (e->kind) {
	case EX_LITERAL:
		return false;
	case EX_NAME:
		return quantified(prog, e->u.name);
	case EX_FIELD:
		return names_quantified(prog, e->u.field.obj);
	case EX_CALL:
		for (i = 0; i < e->u.call.nargs; i++)
			if (names_quantified(prog, e->u.call.args[i]))
				return true;
		return false;
	case EX_RECORD:
		for (i = 0; i < e->u.record.nfields; i++)
			if (names_quantified(prog,
			    e->u.record.fields[i].value))
				return true;
		return false;
	case EX_NEG:
	case EX_NOT:
	case EX_EXISTS:
		return names_quantified(prog, e->u.operand);
	case EX_BINARY:
		return names_quantified(prog, e->u.binary.lhs) ||
		    names_quantified(prog, e->u.binary.rhs);
	}
	return false;
}

/* A guarantee is quantified by a numeric input that exists only under
 * it, or, for an option of a guarantee ("si garantie_resultats"), under
 * the guarantee it refines. */
static void
check_guarantee(const struct program *prog, const struct input *in,
    struct findings *fs)
{
	char *words;
	bool named;

	if (in->type == NULL || in->type->kind != T_BOOLEEN)
		return;
	words = input_words(in);
	named = strstr(words, "garanti") != NULL;
	free(words);
	if (!named || quantified(prog, in->name) ||
	    names_quantified(prog, in->decl->cond))
		return;
	add_finding(fs, R_GARANTIE, &in->decl->loc, in->name, in->name, NULL);
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
	size_t i;

	lf->linted = true;
	if (lf->f->src == NULL || !lf->f->src->has_text)
		return;
	memset(&fs, 0, sizeof(fs));
	memset(&p, 0, sizeof(p));
	scan_file(lf, &p, &fs);
	find_phrases(lf->f->src, &p, &fs);
	find_numbers(lf->f->src, &p, &fs);
	prose_free(&p);
	/* Types and constraints are only trustworthy in a checked program. */
	if (!lt->prog->failed)
		for (i = 0; i < lt->prog->inputs.len; i++) {
			const struct input *in = lt->prog->inputs.items[i];

			if (in->file != lf->f || in->decl == NULL)
				continue;
			check_notice(in, &fs);
			check_guarantee(lt->prog, in, &fs);
		}
	report(lt, lf, &fs);
}

/* Subjects: the headings of the assembled contract. */

static void
end_title(struct lint *lt, struct buf *title, bool *in_title)
{
	char *folded;
	size_t i, k;

	if (!*in_title)
		return;
	*in_title = false;
	folded = fold(buf_cstr(title));
	buf_reset(title);
	for (i = 0; i < NSUBJECTS; i++)
		for (k = 0; k < MAX_KEYWORDS && subjects[i].keywords[k]; k++) {
			char *kw = fold(subjects[i].keywords[k]);

			if (contains_word_start(folded, kw))
				lt->treated |= 1u << i;
			free(kw);
		}
	free(folded);
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
			if (in_title)
				buf_puts(&title, n->u.text);
			break;
		case N_INTERP:
		case N_REF:
			if (in_title)
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
		case N_SOFTBREAK:
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

/* "« a », « b » ni « c »" */
static void
keyword_list(struct buf *b, const struct subject *s)
{
	size_t k, n = 0;

	while (n < MAX_KEYWORDS && s->keywords[n] != NULL)
		n++;
	for (k = 0; k < n; k++)
		buf_printf(b, "%s« %s »", k == 0 ? "" : k + 1 == n ? " ni " :
		    ", ", s->keywords[k]);
}

static void
check_subjects(struct lint *lt, struct lint_file *main_lf, unsigned wanted)
{
	const struct file_ast *f = main_lf->f;
	struct findings fs;
	struct loc loc;
	struct buf where;
	size_t i;
	bool treated;

	memset(&fs, 0, sizeof(fs));
	memset(&loc, 0, sizeof(loc));
	loc.src = f->src;
	loc.line = loc.col = loc.end_line = loc.end_col = 1;
	buf_init(&where);
	for (i = 0; i < NSUBJECTS; i++) {
		if (!(wanted & (1u << i)))
			continue;
		buf_reset(&where);
		if (subjects[i].keywords[0] == NULL) {
			treated = lt->signatures;
			buf_puts(&where, "aucun bloc « {signatures …} »");
		} else {
			treated = (lt->treated & (1u << i)) != 0;
			buf_puts(&where, "aucun titre ne contient ");
			keyword_list(&where, &subjects[i]);
		}
		if (!treated)
			add_finding(&fs, R_SUJET, &loc, subjects[i].what,
			    buf_cstr(&where), subjects[i].risk);
	}
	buf_free(&where);
	report(lt, main_lf, &fs);
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
		if (subjects_option != NULL)
			wanted = option_mask;
		else if (main_lf->has_subjects)
			wanted = main_lf->subjects;
		else if (prog->main->model != NULL)
			wanted = ALL_SUBJECTS;
		check_subjects(&lt, main_lf, wanted);
	}
	for (i = 0; i < lt.files.len; i++) {
		struct lint_file *lf = lt.files.items[i];

		free(lf->lines);
		free(lf);
	}
	ptrvec_free(&lt.files);
}
