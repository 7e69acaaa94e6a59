/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "base/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/source.h"

/* The descriptions of the codes, generated from docs/diagnostics.md in
 * the order of diagcodes.h (src/base/diagrules.py). */
struct diag_rule_doc {
	const char	*code;
	const char	*short_text;
	const char	*full_text;
	const char	*help;
};
#include "base/diagrules.h"

_Static_assert(sizeof(diag_rule_docs) / sizeof(diag_rule_docs[0]) ==
    DIAG__COUNT, "docs/diagnostics.md: one description per code");

#define MAX_ERRORS	100
#define MAX_SHOWN	200	/* diagnostics of any severity */

static const struct {
	enum severity	 severity;
	const char	*name;
	const char	*format;
} codes[DIAG__COUNT] = {
#define DIAG(id, sev, name, fmt) { sev, name, fmt },
#include "base/diagcodes.h"
#undef DIAG
};

struct note {
	struct loc	 loc;
	bool		 has_loc;
	bool		 loc_in_text;	/* the text form says it in TEXT */
	char		*text;
};

struct diagnostic {
	enum diag_code	 code;
	enum severity	 severity;	/* after -Werror */
	bool		 promoted;	/* a warning made an error by -Werror */
	struct loc	 loc;
	bool		 has_loc;
	char		*message;
	char		*suggestion;	/* NULL when none */
	char		*json_path;	/* NULL when none */
	struct note	*notes;
	size_t		 nnotes;
	char		*file;		/* without a place: the file concerned */
	int		 record;	/* the batch record's line, or 0 */
	bool		 in_record;	/* LOC is in the record's own text */
	char		*record_file;	/* the record's source name, or NULL */
};

struct diags {
	diag_sink	 sink;
	void		*sink_arg;
	bool		 werror;
	enum diag_format format;
	bool		 color;		/* text format in GCC's colours */
	bool		 enabled[DIAG__COUNT];
	struct ptrvec	 pending;	/* struct diagnostic * not yet printed */
	struct ptrvec	 seen;		/* "code|file|line|col|message" keys */
	struct ptrvec	 sources;	/* adopted struct source * */
	struct ptrvec	 includes;	/* struct loc * of the include sites */
	int		 count[SEV_FATAL + 1];
	int		 shown;
	bool		 overflowed;
	char		*record_file;	/* diags_set_record */
	int		 record_line;
};

/* Whether the code NAME is off unless asked for (-Wlint, -Wvariantes):
 * the drafting linter's, and the variants' (lgc variantes), which cost
 * building every variant of the template. */
static bool
opt_in(const char *name)
{
	return strncmp(name, "lint-", 5) == 0 ||
	    strncmp(name, "variantes-", 10) == 0;
}

struct diags *
diags_new(diag_sink sink, void *arg)
{
	struct diags *ds = xcalloc(1, sizeof(*ds));
	size_t i;

	ds->sink = sink;
	ds->sink_arg = arg;
	for (i = 0; i < DIAG__COUNT; i++)
		ds->enabled[i] = !opt_in(codes[i].name);
	return ds;
}

static void
diagnostic_free(struct diagnostic *d)
{
	size_t i;

	for (i = 0; i < d->nnotes; i++)
		free(d->notes[i].text);
	free(d->notes);
	free(d->json_path);
	free(d->record_file);
	free(d->message);
	free(d->suggestion);
	free(d->file);
	free(d);
}

void
diags_free(struct diags *ds)
{
	size_t i;

	if (ds == NULL)
		return;
	for (i = 0; i < ds->pending.len; i++)
		diagnostic_free(ds->pending.items[i]);
	ptrvec_free(&ds->pending);
	for (i = 0; i < ds->seen.len; i++)
		free(ds->seen.items[i]);
	ptrvec_free(&ds->seen);
	for (i = 0; i < ds->sources.len; i++)
		source_free(ds->sources.items[i]);
	ptrvec_free(&ds->sources);
	for (i = 0; i < ds->includes.len; i++)
		free(ds->includes.items[i]);
	ptrvec_free(&ds->includes);
	free(ds->record_file);
	free(ds);
}

void
diags_set_werror(struct diags *ds, bool werror)
{
	ds->werror = werror;
}

void
diags_set_format(struct diags *ds, enum diag_format format)
{
	ds->format = format;
}

enum diag_format
diags_format(const struct diags *ds)
{
	return ds->format;
}

void
diags_set_color(struct diags *ds, bool color)
{
	ds->color = color;
}

void
diags_enable(struct diags *ds, const char *prefix)
{
	size_t i, n = strlen(prefix);

	for (i = 0; i < DIAG__COUNT; i++)
		if (strncmp(codes[i].name, prefix, n) == 0)
			ds->enabled[i] = true;
}

void
diags_set_record(struct diags *ds, const char *file, int line)
{
	free(ds->record_file);
	ds->record_file = file != NULL && line > 0 ? xstrdup(file) : NULL;
	ds->record_line = ds->record_file != NULL ? line : 0;
}

void
diags_adopt_source(struct diags *ds, struct source *s)
{
	ptrvec_push(&ds->sources, s);
}

const char *
diag_code_name(enum diag_code code)
{
	return codes[code].name;
}

enum severity
diag_code_severity(enum diag_code code)
{
	return codes[code].severity;
}

bool
diag_code_by_name(const char *name, enum diag_code *code)
{
	size_t i;

	for (i = 0; i < DIAG__COUNT; i++)
		if (strcmp(codes[i].name, name) == 0) {
			*code = (enum diag_code)i;
			return true;
		}
	return false;
}

/* French typography for messages: the space before ; : ! ? » and after
 * « is a no-break space. */
static char *
french_spaces(const char *s)
{
	struct buf b;
	size_t i, n = strlen(s);

	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (s[i] == ' ') {
			const char *next = s + i + 1;
			bool before = strchr(";:!?", *next) != NULL && *next != '\0';
			bool guillemet_close = strncmp(next, "\xc2\xbb", 2) == 0;
			bool after_open = b.len >= 2 &&
			    memcmp(b.data + b.len - 2, "\xc2\xab", 2) == 0;

			/* "x:" inside a location or URL has no space, so only
			 * a space followed by the mark and then a blank or the
			 * end counts. */
			if (before && next[1] != ' ' && next[1] != '\0')
				before = false;
			if (before || guillemet_close || after_open) {
				buf_puts(&b, NBSP);
				continue;
			}
		}
		buf_putc(&b, s[i]);
	}
	return buf_detach(&b);
}

static bool
already_seen(struct diags *ds, enum diag_code code, const struct loc *loc,
    const char *message)
{
	char *key;
	size_t i;

	key = xasprintf("%d|%s|%d|%d|%s", (int)code,
	    loc && loc->src ? loc->src->path : "", loc ? loc->line : 0,
	    loc ? loc->col : 0, message);
	for (i = 0; i < ds->seen.len; i++)
		if (strcmp(ds->seen.items[i], key) == 0) {
			free(key);
			return true;
		}
	ptrvec_push(&ds->seen, key);
	return false;
}

/* Past the limits nothing more is printed or remembered, but the exit
 * status still counts it. */
static bool
over_limits(struct diags *ds, enum diag_code code)
{
	enum severity sev = codes[code].severity;

	if (ds->shown < MAX_SHOWN && (sev < SEV_ERROR ||
	    ds->count[SEV_ERROR] + ds->count[SEV_FATAL] < MAX_ERRORS))
		return false;
	if (sev == SEV_WARNING && ds->werror)
		sev = SEV_ERROR;
	ds->count[sev]++;
	ds->overflowed = true;
	return true;
}

/* Takes MESSAGE. */
static struct diagnostic *
report(struct diags *ds, enum diag_code code, const struct loc *loc,
    char *message)
{
	struct diagnostic *d;
	enum severity sev = codes[code].severity;
	size_t i;

	if (already_seen(ds, code, loc, message)) {
		free(message);
		return NULL;
	}
	if (sev == SEV_WARNING && ds->werror)
		sev = SEV_ERROR;
	ds->count[sev]++;
	ds->shown++;
	d = xcalloc(1, sizeof(*d));
	d->code = code;
	d->severity = sev;
	d->promoted = sev != codes[code].severity;
	d->message = message;
	if (loc != NULL && loc->src != NULL) {
		d->loc = *loc;
		d->has_loc = true;
	}
	d->record = ds->record_line;
	if (ds->record_file != NULL)
		d->record_file = xstrdup(ds->record_file);
	d->in_record = d->has_loc && ds->record_file != NULL &&
	    strcmp(d->loc.src->path, ds->record_file) == 0;
	for (i = ds->includes.len; i-- > 0;) {
		const struct loc *site = ds->includes.items[i];

		/* The text form keeps « inclus depuis f:l:c » on one line,
		 * as compilers print it; JSON has the place in its fields. */
		diag_note(d, site, "inclus depuis %s:%d:%d",
		    site->src->path, site->line, site->col);
		d->notes[d->nnotes - 1].loc_in_text = true;
	}
	ptrvec_push(&ds->pending, d);
	return d;
}

struct diagnostic *
diag(struct diags *ds, enum diag_code code, const struct loc *loc, ...)
{
	struct diagnostic *d;
	struct buf b;
	va_list ap;

	if (!ds->enabled[code] || over_limits(ds, code))
		return NULL;
	buf_init(&b);
	va_start(ap, loc);
	buf_vprintf(&b, codes[code].format, ap);
	va_end(ap);
	d = report(ds, code, loc, buf_detach(&b));
	/* An I/O error's first argument is the file it concerns: JSON
	 * diagnostics name it in "fichier", as they do a located one. */
	if (d != NULL && code == F_IO && !d->has_loc) {
		va_start(ap, loc);
		d->file = xstrdup(va_arg(ap, const char *));
		va_end(ap);
	}
	return d;
}

struct diagnostic *
diag_message(struct diags *ds, enum diag_code code, const struct loc *loc,
    const char *message)
{
	if (!ds->enabled[code] || over_limits(ds, code))
		return NULL;
	return report(ds, code, loc, xstrdup(message));
}

void
diag_file(struct diagnostic *d, const char *file)
{
	if (d == NULL || file == NULL || d->has_loc)
		return;
	free(d->file);
	d->file = xstrdup(file);
}

void
diag_suggest(struct diagnostic *d, const char *candidate)
{
	if (d == NULL || candidate == NULL)
		return;
	free(d->suggestion);
	d->suggestion = xstrdup(candidate);
}

void
diag_json_path(struct diagnostic *d, const char *path)
{
	if (d == NULL)
		return;
	free(d->json_path);
	d->json_path = xstrdup(path);
}

void
diag_hint(struct diagnostic *d, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	if (d == NULL)
		return;
	buf_init(&b);
	buf_puts(&b, d->message);
	buf_puts(&b, " ; ");
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(d->message);
	d->message = buf_detach(&b);
}

void
diag_note(struct diagnostic *d, const struct loc *loc, const char *fmt, ...)
{
	struct note *n;
	struct buf b;
	va_list ap;

	if (d == NULL)
		return;
	d->notes = xgrow(d->notes, d->nnotes, sizeof(*d->notes));
	n = &d->notes[d->nnotes++];
	memset(n, 0, sizeof(*n));
	if (loc != NULL && loc->src != NULL) {
		n->loc = *loc;
		n->has_loc = true;
	}
	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	n->text = buf_detach(&b);
}

size_t
diags_source_mark(const struct diags *ds)
{
	return ds->sources.len;
}

void
diags_release_sources(struct diags *ds, size_t mark)
{
	diags_flush(ds);
	while (ds->sources.len > mark)
		source_free(ds->sources.items[--ds->sources.len]);
}

void
diags_take_sources(struct diags *ds, size_t mark, struct ptrvec *into)
{
	size_t i;

	diags_flush(ds);
	for (i = mark; i < ds->sources.len; i++)
		ptrvec_push(into, ds->sources.items[i]);
	if (ds->sources.len > mark)
		ds->sources.len = mark;
}

void
diags_copy_settings(struct diags *to, const struct diags *from)
{
	to->werror = from->werror;
	to->format = from->format;
	to->color = from->color;
	memcpy(to->enabled, from->enabled, sizeof(to->enabled));
}

void
diags_forget(struct diags *ds)
{
	ptrvec_clear(&ds->seen);
}

void
diags_push_include(struct diags *ds, const struct loc *site)
{
	struct loc *copy = xmalloc(sizeof(*copy));

	*copy = *site;
	ptrvec_push(&ds->includes, copy);
}

void
diags_pop_include(struct diags *ds)
{
	if (ds->includes.len > 0)
		free(ds->includes.items[--ds->includes.len]);
}

static const char *
severity_word(enum severity sev)
{
	switch (sev) {
	case SEV_NOTE:
		return "note";
	case SEV_WARNING:
		return "avertissement";
	case SEV_ERROR:
	case SEV_FATAL:
		return "erreur";
	}
	return "erreur";
}

/* GCC's colours (its GCC_COLORS defaults), each run opened by SGR and
 * closed by SGR_END; the \033[K erases to the end of the line in the
 * run's colours as GCC does, so that a line wrapped by the terminal
 * keeps no stray background. */
#define SGR_LOCUS	"\033[01m\033[K"
#define SGR_ERROR	"\033[01;31m\033[K"
#define SGR_WARNING	"\033[01;35m\033[K"
#define SGR_NOTE	"\033[01;36m\033[K"
#define SGR_CARET	"\033[01;32m\033[K"
#define SGR_END		"\033[m\033[K"

static const char *
severity_color(enum severity sev)
{
	switch (sev) {
	case SEV_NOTE:
		return SGR_NOTE;
	case SEV_WARNING:
		return SGR_WARNING;
	case SEV_ERROR:
	case SEV_FATAL:
		return SGR_ERROR;
	}
	return SGR_ERROR;
}

/* "erreur:" (or the severity given), in its colour when COLOR. */
static void
put_severity(struct buf *b, const char *word, enum severity sev, bool color)
{
	if (color)
		buf_printf(b, "%s%s:%s ", severity_color(sev), word, SGR_END);
	else
		buf_printf(b, "%s: ", word);
}

/*
 * The quoted line and a caret under the span, GCC-style.  The line is
 * shown as the terminal should see it: a byte that is not UTF-8, a
 * control character (a tab excepted) or a character that hides how the
 * text reads (utf8_is_deceptive) is
 * written <XX>, so that a broken file cannot garble the screen, and a line wider than EXCERPT_WIDTH
 * (a whole paragraph typed on one line) is cut to a window around the
 * column, with « … » where it was cut.  Columns count characters, an
 * invalid byte counting as one, as the scanner counts them.
 */
#define EXCERPT_WIDTH	160

struct excerpt_unit {
	const char	*s;
	size_t		 len;
	int		 width;		/* 1, or 4 for <XX> */
};

static size_t
excerpt_unit_at(const char *line, size_t len, size_t i,
    struct excerpt_unit *u)
{
	uint32_t cp;
	size_t n = utf8_decode(line + i, len - i, &cp);

	u->s = line + i;
	if (n == 0 || (cp < 0x20 && cp != '\t') || cp == 0x7F ||
	    (cp >= 0x80 && cp < 0xA0) || utf8_is_deceptive(cp)) {
		u->len = n == 0 ? 1 : n;
		u->width = 4 * (int)u->len;
	} else {
		u->len = n;
		u->width = 1;
	}
	return u->len;
}

static void
excerpt_put_unit(struct buf *b, const struct excerpt_unit *u)
{
	size_t k;

	if (u->width == 1) {
		buf_put(b, u->s, u->len);
		return;
	}
	for (k = 0; k < u->len; k++)
		buf_printf(b, "<%02X>", (unsigned char)u->s[k]);
}

/* The line quoted as SHOWN, its number in the file a person would
 * open (a batch record's line); 0: LOC's own. */
static void
print_excerpt(struct buf *b, const struct loc *loc, int shown_line,
    bool color)
{
	const char *line;
	size_t len, i, next;
	int col, width, shown, first_col, total = 0;
	struct excerpt_unit u;
	char number[16];

	if (loc->line < 1 || !source_line(loc->src, loc->line, &line, &len))
		return;
	for (i = 0; i < len; total += u.width)
		i += excerpt_unit_at(line, len, i, &u);
	/* The window starts a third of its width before the caret. */
	first_col = 1;
	if (total > EXCERPT_WIDTH && loc->col > EXCERPT_WIDTH / 3)
		first_col = loc->col - EXCERPT_WIDTH / 3;

	width = snprintf(number, sizeof(number), "%d",
	    shown_line > 0 ? shown_line : loc->line);
	buf_printf(b, " %s | ", number);
	if (first_col > 1)
		buf_puts(b, "…");
	shown = 0;
	for (i = 0, col = 1; i < len; i = next, col++) {
		next = i + excerpt_unit_at(line, len, i, &u);
		if (col < first_col)
			continue;
		if (shown + u.width > EXCERPT_WIDTH) {
			buf_puts(b, "…");
			break;
		}
		excerpt_put_unit(b, &u);
		shown += u.width;
	}
	buf_printf(b, "\n %*s | ", width, "");
	if (first_col > 1)
		buf_putc(b, ' ');
	shown = 0;
	for (i = 0, col = 1; i < len && col < loc->col; i = next, col++) {
		next = i + excerpt_unit_at(line, len, i, &u);
		if (col < first_col)
			continue;
		shown += u.width;
		while (u.width-- > 0)
			buf_putc(b, *u.s == '\t' ? '\t' : ' ');
	}
	if (color)
		buf_puts(b, SGR_CARET);
	buf_putc(b, '^');
	if (loc->end_line == loc->line && loc->end_col > loc->col) {
		int k;

		for (k = loc->col; k < loc->end_col &&
		    shown + 1 + (k - loc->col) < EXCERPT_WIDTH; k++)
			buf_putc(b, '~');
	}
	if (color)
		buf_puts(b, SGR_END);
	buf_putc(b, '\n');
}

/* The line of the batch file where a diagnostic in a record's text
 * is: the record's, its own lines counted from there. */
static int
record_line(const struct diagnostic *d)
{
	return d->loc.line > 0 ? d->record + d->loc.line - 1 : d->record;
}

/* LINE of a note's place L as the batch file numbers it, when L is in
 * the record's text (a note on the data that the record gave). */
static int
note_line(const struct diagnostic *d, const struct loc *l, int line)
{
	if (d->record_file != NULL && line > 0 && l->src != NULL &&
	    strcmp(l->src->path, d->record_file) == 0)
		return d->record + line - 1;
	return line;
}

/* "file:line:col:" in bold when COLOR, then a space. */
static void
put_locus(struct buf *b, const char *file, int line, int col, bool color)
{
	if (color)
		buf_puts(b, SGR_LOCUS);
	if (file == NULL)
		buf_puts(b, "lgc:");
	else if (line < 1)
		buf_printf(b, "%s:", file);
	else if (col < 1)
		buf_printf(b, "%s:%d:", file, line);
	else
		buf_printf(b, "%s:%d:%d:", file, line, col);
	if (color)
		buf_puts(b, SGR_END);
	buf_putc(b, ' ');
}

static void
print_location(struct buf *b, const struct loc *loc, bool has_loc,
    bool color)
{
	if (!has_loc)
		put_locus(b, NULL, 0, 0, color);
	else
		put_locus(b, loc->src->path, loc->line, loc->col, color);
}

/* The message as the text form prints it: its JSON path last. */
static char *
full_message(const struct diagnostic *d)
{
	char *whole, *typo;

	if (d->json_path == NULL)
		return french_spaces(d->message);
	whole = xasprintf("%s ; chemin JSON : %s", d->message, d->json_path);
	typo = french_spaces(whole);
	free(whole);
	return typo;
}

static char *line_message(const struct diagnostic *d);

static void
print_text(struct buf *b, const struct diagnostic *d, bool color)
{
	char *message;
	size_t i;

	if (d->in_record) {
		/* A record's text is one line of its batch file: positions
		 * are in that file's lines. */
		if (d->loc.line > 0)
			put_locus(b, d->loc.src->path, record_line(d),
			    d->loc.col, color);
		else
			put_locus(b, d->loc.src->path, d->record, 0, color);
	} else
		print_location(b, &d->loc, d->has_loc, color);
	put_severity(b, severity_word(d->severity), d->severity, color);
	message = line_message(d);
	buf_puts(b, message);
	free(message);
	buf_putc(b, '\n');
	if (d->has_loc)
		print_excerpt(b, &d->loc, d->in_record ? record_line(d) : 0,
		    color);
	for (i = 0; i < d->nnotes; i++) {
		const struct note *n = &d->notes[i];
		char *text = french_spaces(n->text);

		if (n->has_loc && !n->loc_in_text) {
			int line = note_line(d, &n->loc, n->loc.line);

			put_locus(b, n->loc.src->path, line, n->loc.col, color);
			put_severity(b, "note", SEV_NOTE, color);
			buf_printf(b, "%s\n", text);
			print_excerpt(b, &n->loc, line, color);
		} else {
			put_severity(b, "note", SEV_NOTE, color);
			buf_printf(b, "%s\n", text);
		}
		free(text);
	}
}

static void
json_string(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c < 0x20)
			buf_printf(b, "\\u%04x", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}

static const char *
severity_json(enum severity sev)
{
	switch (sev) {
	case SEV_NOTE:
		return "note";
	case SEV_WARNING:
		return "avertissement";
	case SEV_ERROR:
		return "erreur";
	case SEV_FATAL:
		return "fatale";
	}
	return "erreur";
}

/* A note as JSON: its place, when it has one, as a diagnostic's. */
static void
print_json_note(struct buf *b, const struct diagnostic *d,
    const struct note *n)
{
	char *text = french_spaces(n->text);

	buf_putc(b, '{');
	if (n->has_loc) {
		buf_puts(b, "\"fichier\":");
		json_string(b, n->loc.src->path);
		if (n->loc.line > 0)
			buf_printf(b, ",\"ligne\":%d,\"colonne\":%d,"
			    "\"fin_ligne\":%d,\"fin_colonne\":%d,",
			    note_line(d, &n->loc, n->loc.line), n->loc.col,
			    note_line(d, &n->loc, n->loc.end_line),
			    n->loc.end_col);
		else
			buf_putc(b, ',');
	}
	buf_puts(b, "\"message\":");
	json_string(b, text);
	buf_putc(b, '}');
	free(text);
}

static void
print_json(struct buf *b, const struct diagnostic *d)
{
	char *message = french_spaces(d->message);
	size_t i;

	buf_puts(b, "{\"fichier\":");
	json_string(b, d->has_loc ? d->loc.src->path :
	    d->file != NULL ? d->file : "");
	if (d->in_record && d->loc.line > 0)
		buf_printf(b, ",\"ligne\":%d,\"colonne\":%d,"
		    "\"fin_ligne\":%d,\"fin_colonne\":%d", record_line(d),
		    d->loc.col, d->record + d->loc.end_line - 1, d->loc.end_col);
	else if (d->has_loc && d->loc.line > 0)
		buf_printf(b, ",\"ligne\":%d,\"colonne\":%d,"
		    "\"fin_ligne\":%d,\"fin_colonne\":%d", d->loc.line,
		    d->loc.col, d->loc.end_line, d->loc.end_col);
	/* The batch record being compiled, its line in the batch file,
	 * whatever file the diagnostic is about. */
	if (d->record > 0)
		buf_printf(b, ",\"enregistrement\":%d", d->record);
	buf_printf(b, ",\"gravite\":\"%s\",\"code\":\"%s\",\"message\":",
	    severity_json(d->severity), codes[d->code].name);
	json_string(b, message);
	free(message);
	if (d->suggestion != NULL) {
		buf_puts(b, ",\"suggestion\":");
		json_string(b, d->suggestion);
	}
	if (d->json_path != NULL) {
		buf_puts(b, ",\"chemin\":");
		json_string(b, d->json_path);
	}
	if (d->nnotes > 0) {
		buf_puts(b, ",\"notes\":[");
		for (i = 0; i < d->nnotes; i++) {
			if (i > 0)
				buf_putc(b, ',');
			print_json_note(b, d, &d->notes[i]);
		}
		buf_putc(b, ']');
	}
	buf_puts(b, "}\n");
}

static void
set_place(const struct loc *loc, bool has_loc, const char **file, int *line,
    int *col, int *end_line, int *end_col)
{
	*file = has_loc ? loc->src->path : NULL;
	*line = has_loc ? loc->line : 0;
	*col = has_loc ? loc->col : 0;
	*end_line = has_loc ? loc->end_line : 0;
	*end_col = has_loc ? loc->end_col : 0;
}

/* The message as the text form's first line has it: JSON path,
 * suggestion and -Werror's code included. */
static char *
line_message(const struct diagnostic *d)
{
	struct buf b;
	char *message = full_message(d);

	buf_init(&b);
	buf_puts(&b, message);
	free(message);
	if (d->suggestion != NULL) {
		char *hint = xasprintf(" ; vouliez-vous dire « %s » ?",
		    d->suggestion);
		char *typo = french_spaces(hint);

		buf_puts(&b, typo);
		free(typo);
		free(hint);
	}
	if (d->promoted)
		buf_printf(&b, " [-Werror=%s]", codes[d->code].name);
	return buf_detach(&b);
}

/* S on one line: a line break in a name or a message would start a
 * line that tools read as a diagnostic of its own. */
static void
put_one_line(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		buf_putc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* GCC's prefix: "file:line:col: ", "file: " for a whole file, and the
 * program's name, "lgc: ", for what concerns no file (as "gcc: error:
 * …" for a missing file). */
static void
put_gcc_place(struct buf *b, const char *file, int line, int col)
{
	if (file == NULL) {
		buf_puts(b, "lgc: ");
		return;
	}
	put_one_line(b, file);
	if (line > 0 && col > 0)
		buf_printf(b, ":%d:%d", line, col);
	else if (line > 0)
		buf_printf(b, ":%d", line);
	buf_puts(b, ": ");
}

static const char *
severity_gcc(enum severity sev)
{
	switch (sev) {
	case SEV_NOTE:
		return "note";
	case SEV_WARNING:
		return "warning";
	case SEV_ERROR:
		return "error";
	case SEV_FATAL:
		return "fatal error";
	}
	return "error";
}

/*
 * Exactly GCC's lines, which editors and CI read without being taught
 * lgc: "file:line:col: error: message", English severity words, the
 * message in French, no excerpt; each note on its own line at its own
 * place (at the diagnostic's when it has none), as GCC's "note:".
 */
static void
print_gcc(struct buf *b, const struct diagnostic *d, const struct diag_out *o)
{
	char *message = line_message(d);
	size_t i;

	put_gcc_place(b, o->file, o->line, o->col);
	buf_printf(b, "%s: ", severity_gcc(d->severity));
	put_one_line(b, message);
	buf_putc(b, '\n');
	free(message);
	for (i = 0; i < o->nnotes; i++) {
		const struct diag_out_note *n = &o->notes[i];
		char *text = french_spaces(n->text);

		if (n->file != NULL)
			put_gcc_place(b, n->file, n->line, n->col);
		else
			put_gcc_place(b, o->file, o->line, o->col);
		buf_puts(b, "note: ");
		put_one_line(b, text);
		buf_putc(b, '\n');
		free(text);
	}
}

/* A file name as a SARIF URI reference: percent-encoded but for the
 * unreserved characters and '/', an absolute path as a file: URI. */
static void
put_uri(struct buf *b, const char *path)
{
	const unsigned char *s = (const unsigned char *)path;

	buf_putc(b, '"');
	if (*s == '/')
		buf_puts(b, "file://");
	for (; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~/", *s) != NULL)
			buf_putc(b, (char)*s);
		else
			buf_printf(b, "%%%02X", *s);
	}
	buf_putc(b, '"');
}

static const char *
severity_sarif(enum severity sev)
{
	switch (sev) {
	case SEV_NOTE:
		return "note";
	case SEV_WARNING:
		return "warning";
	case SEV_ERROR:
	case SEV_FATAL:
		return "error";
	}
	return "error";
}

/* A SARIF physicalLocation: the file, and the region when the place is
 * a line.  SARIF's columns count as the run's columnKind says
 * (unicodeCodePoints: lgc's characters); its endColumn is the column
 * after the last character. */
static void
put_sarif_place(struct buf *b, const char *file, int line, int col,
    int end_line, int end_col)
{
	buf_puts(b, "\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
	put_uri(b, file);
	buf_putc(b, '}');
	if (line > 0) {
		buf_printf(b, ",\"region\":{\"startLine\":%d", line);
		if (col > 0)
			buf_printf(b, ",\"startColumn\":%d", col);
		if (end_line >= line) {
			buf_printf(b, ",\"endLine\":%d", end_line);
			if (col > 0 && end_col > 0 &&
			    (end_line > line || end_col >= col))
				buf_printf(b, ",\"endColumn\":%d", end_col + 1);
		}
		buf_putc(b, '}');
	}
	buf_putc(b, '}');
}

/* One SARIF result on one line: the rule (the stable code), its level,
 * the message, its place and the notes as related locations.  What
 * concerns no file (a usage error, a batch's summary) is not a result,
 * which is about a place in the code, but a notification of the tool's
 * run (SARIF's toolExecutionNotifications), tied to its rule. */
static void
print_sarif(struct buf *b, const struct diagnostic *d,
    const struct diag_out *o)
{
	char *message = line_message(d);
	size_t i;

	if (o->file == NULL) {
		buf_printf(b, "{\"level\":\"%s\",\"message\":{\"text\":",
		    severity_sarif(d->severity));
		json_string(b, message);
		free(message);
		buf_printf(b, "},\"associatedRule\":{\"id\":\"%s\","
		    "\"index\":%d}}\n", codes[d->code].name, (int)d->code);
		return;
	}
	buf_printf(b, "{\"ruleId\":\"%s\",\"ruleIndex\":%d,\"level\":\"%s\","
	    "\"message\":{\"text\":", codes[d->code].name, (int)d->code,
	    severity_sarif(d->severity));
	json_string(b, message);
	free(message);
	buf_putc(b, '}');
	if (o->file != NULL) {
		buf_puts(b, ",\"locations\":[{");
		put_sarif_place(b, o->file, o->line, o->col, o->end_line,
		    o->end_col);
		buf_puts(b, "}]");
	}
	if (o->nnotes > 0) {
		buf_puts(b, ",\"relatedLocations\":[");
		for (i = 0; i < o->nnotes; i++) {
			const struct diag_out_note *n = &o->notes[i];
			char *text = french_spaces(n->text);

			buf_printf(b, "%s{\"id\":%zu,", i > 0 ? "," : "", i);
			if (n->file != NULL) {
				put_sarif_place(b, n->file, n->line, n->col,
				    n->end_line, n->end_col);
				buf_putc(b, ',');
			}
			buf_puts(b, "\"message\":{\"text\":");
			json_string(b, text);
			buf_puts(b, "}}");
			free(text);
		}
		buf_putc(b, ']');
	}
	if (d->record > 0 || d->suggestion != NULL || d->json_path != NULL) {
		const char *sep = "";

		buf_puts(b, ",\"properties\":{");
		if (d->record > 0) {
			buf_printf(b, "\"enregistrement\":%d", d->record);
			sep = ",";
		}
		if (d->suggestion != NULL) {
			buf_printf(b, "%s\"suggestion\":", sep);
			json_string(b, d->suggestion);
			sep = ",";
		}
		if (d->json_path != NULL) {
			buf_printf(b, "%s\"chemin\":", sep);
			json_string(b, d->json_path);
		}
		buf_putc(b, '}');
	}
	buf_puts(b, "}\n");
}

/* ITEMS[0..N), each printed on its line, as the elements of an array. */
static void
put_lines(struct buf *b, const char *const *items, size_t n)
{
	size_t i, len;

	for (i = 0; i < n; i++) {
		/* Each as printed, without its line break. */
		len = strlen(items[i]);
		while (len > 0 && items[i][len - 1] == '\n')
			len--;
		buf_puts(b, i > 0 ? ",\n" : "\n");
		buf_put(b, items[i], len);
	}
}

void
diag_sarif_log(struct buf *b, const char *version,
    const struct diag_sarif_items *items)
{
	size_t i;

	buf_puts(b, "{\"$schema\":\"https://docs.oasis-open.org/sarif/sarif/"
	    "v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json\",\n"
	    "\"version\":\"2.1.0\",\n\"runs\":[{\"tool\":{\"driver\":{"
	    "\"name\":\"lgc\",\"version\":");
	json_string(b, version);
	buf_puts(b, ",\"semanticVersion\":");
	json_string(b, version);
	buf_puts(b, ",\"language\":\"fr\",\"rules\":[\n");
	for (i = 0; i < DIAG__COUNT; i++) {
		const struct diag_rule_doc *r = &diag_rule_docs[i];

		buf_puts(b, "{\"id\":");
		json_string(b, codes[i].name);
		buf_puts(b, ",\"shortDescription\":{\"text\":");
		json_string(b, r->short_text);
		buf_puts(b, "},\"fullDescription\":{\"text\":");
		json_string(b, r->full_text);
		buf_puts(b, "},\"help\":{\"text\":");
		json_string(b, r->help);
		/* The drafting linter's codes, and lgc variantes', are off
		 * unless asked for. */
		buf_printf(b, "},\"defaultConfiguration\":{\"level\":\"%s\","
		    "\"enabled\":%s}}%s\n", severity_sarif(codes[i].severity),
		    opt_in(codes[i].name) ? "false" : "true",
		    i + 1 < DIAG__COUNT ? "," : "");
	}
	buf_printf(b, "]}},\n\"invocations\":[{\"executionSuccessful\":%s,"
	    "\"toolExecutionNotifications\":[", items->successful ? "true" :
	    "false");
	put_lines(b, items->notifications, items->nnotifications);
	buf_puts(b, "]}],\n\"columnKind\":\"unicodeCodePoints\",\n"
	    "\"results\":[");
	put_lines(b, items->results, items->nresults);
	buf_puts(b, "]}]}\n");
}

/* Hands D, printed in the chosen format, to the sink. */
static void
emit(struct diags *ds, const struct diagnostic *d, struct buf *printed)
{
	struct diag_out out;
	struct diag_out_note *notes;
	char *message = full_message(d);
	size_t i;

	notes = xcalloc(d->nnotes + 1, sizeof(*notes));
	for (i = 0; i < d->nnotes; i++) {
		set_place(&d->notes[i].loc, d->notes[i].has_loc, &notes[i].file,
		    &notes[i].line, &notes[i].col, &notes[i].end_line,
		    &notes[i].end_col);
		notes[i].line = note_line(d, &d->notes[i].loc, notes[i].line);
		notes[i].end_line = note_line(d, &d->notes[i].loc,
		    notes[i].end_line);
		notes[i].text = d->notes[i].text;
	}
	memset(&out, 0, sizeof(out));
	out.severity = d->severity;
	out.code = codes[d->code].name;
	set_place(&d->loc, d->has_loc, &out.file, &out.line, &out.col,
	    &out.end_line, &out.end_col);
	if (d->in_record) {
		out.line = record_line(d);
		out.end_line = d->loc.line > 0 ? d->record + d->loc.end_line - 1 :
		    out.line;
	} else if (!d->has_loc && d->file != NULL)
		out.file = d->file;
	out.message = message;
	out.suggestion = d->suggestion;
	out.json_path = d->json_path;
	out.notes = notes;
	out.nnotes = d->nnotes;
	buf_reset(printed);
	switch (ds->format) {
	case DIAG_TEXT:
		print_text(printed, d, ds->color);
		break;
	case DIAG_JSON:
		print_json(printed, d);
		break;
	case DIAG_GCC:
		print_gcc(printed, d, &out);
		break;
	case DIAG_SARIF:
		print_sarif(printed, d, &out);
		break;
	}
	out.printed = buf_cstr(printed);
	out.printed_len = printed->len;
	ds->sink(&out, ds->sink_arg);
	free(notes);
	free(message);
}

void
diags_flush(struct diags *ds)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < ds->pending.len; i++) {
		emit(ds, ds->pending.items[i], &b);
		diagnostic_free(ds->pending.items[i]);
	}
	ds->pending.len = 0;
	if (ds->overflowed) {
		struct diagnostic d;

		memset(&d, 0, sizeof(d));
		d.code = N_TOO_MANY;
		d.severity = codes[N_TOO_MANY].severity;
		d.message = (char *)codes[N_TOO_MANY].format;
		emit(ds, &d, &b);
		ds->overflowed = false;
	}
	buf_free(&b);
}

/* Each diagnostic is written whole in one call: stderr is unbuffered,
 * and diagnostics from parallel workers must not interleave. */
void
diag_sink_stream(const struct diag_out *d, void *arg)
{
	FILE *f = arg;

	fwrite(d->printed, 1, d->printed_len, f);
	fflush(f);
}

int
diags_count(const struct diags *ds, enum severity sev)
{
	return ds->count[sev];
}

bool
diags_failed(const struct diags *ds)
{
	return ds->count[SEV_ERROR] > 0 || ds->count[SEV_FATAL] > 0;
}

int
diags_exit_status(const struct diags *ds)
{
	if (ds->count[SEV_FATAL] > 0)
		return 2;
	if (ds->count[SEV_ERROR] > 0)
		return 1;
	return 0;
}
