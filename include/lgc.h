/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * lgc — compiler for French contract templates (.lgc).
 *
 * The library behind the lgc command: load a template (parsed and
 * checked), give it one client's data, render the contract.  Every call
 * that can fail returns an lgc status and reports why through the
 * diagnostics: GCC-style French text (or JSON lines, GCC's own lines, a
 * SARIF log: lgc_set_diagnostic_format) written to the
 * stream given to lgc_new(), or, with lgc_set_diagnostic_handler(),
 * each diagnostic handed whole to a function of the caller's.
 *
 *	lgc_compiler *c = lgc_new(stderr);
 *	char *html; size_t len;
 *	if (lgc_load_template(c, "contrat.lgc") == LGC_OK &&
 *	    lgc_load_data_file(c, "client.json") == LGC_OK &&
 *	    lgc_render(c, "html", &html, &len) == LGC_OK) {
 *		fwrite(html, 1, len, stdout);
 *		free(html);
 *	}
 *	lgc_free(c);
 *
 * Link with `pkg-config --cflags --libs lgc`.  Only the lgc_* names
 * below are exported.  A compiler is not shared between threads; two
 * compilers are independent, and lgc_clone() gives each thread its own
 * compiler over one template parsed and checked once.
 */
#ifndef LGC_H
#define LGC_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define LGC_API	__attribute__((visibility("default")))
#define LGC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define LGC_API
#define LGC_PRINTF(f, a)
#endif

#define LGC_VERSION_STRING	"0.1.0"

/* Statuses, also the command's exit codes. */
enum lgc_status {
	LGC_OK = 0,		/* success (warnings allowed) */
	LGC_ERRORS = 1,		/* errors in the template or the data */
	LGC_FATAL = 2		/* usage, I/O or resource errors */
};

typedef struct lgc_compiler lgc_compiler;

/* Diagnostics go to DIAGNOSTICS (NULL: stderr), each written whole. */
LGC_API lgc_compiler *lgc_new(FILE *diagnostics);
LGC_API void	 lgc_free(lgc_compiler *c);

/*
 * A new compiler with C's options and settings (diagnostic format,
 * -Werror, warnings, search path, roots, format options, limits) and
 * C's loaded template, without its data nor its diagnostic handler.
 * The template is not copied: its checked program is shared read-only,
 * with a reference count, by C and every clone, and freed with the
 * last of them.  The clone loads its own data and renders on its own:
 * C and its clones may be used at the same time from different threads
 * (each compiler by one thread at a time), and freed in any order.
 * lgc_clone(C) itself only reads C: any number of threads may clone
 * the same compiler at once while nobody else uses it.  A template
 * that failed to check stays failed in its clones (lgc_render returns
 * LGC_ERRORS), its diagnostics having gone to C.  This is how a server
 * serves one template to many requests: load and check it once, clone
 * it per request.
 */
LGC_API lgc_compiler *lgc_clone(const lgc_compiler *c, FILE *diagnostics);

/*
 * Diagnostics.  Every message of lgc, and those a program built on it
 * reports through lgc_report(), take one path: the handler when one is
 * set, the stream of lgc_new() otherwise.
 */
enum lgc_severity {
	LGC_SEVERITY_NOTE,
	LGC_SEVERITY_WARNING,
	LGC_SEVERITY_ERROR,	/* the template or the data: LGC_ERRORS */
	LGC_SEVERITY_FATAL	/* usage, I/O, resources: LGC_FATAL */
};

/* A place in a file: lines and columns from 1 (columns in characters),
 * 0 when the message concerns a whole file; FILE is NULL when it
 * concerns none (a usage error). */
typedef struct lgc_place {
	const char	*file;
	int		 line, column;
	int		 end_line, end_column;	/* last column, inclusive */
} lgc_place;

typedef struct lgc_note {
	lgc_place	 place;
	const char	*text;
} lgc_note;

/* What a handler receives; valid during the call only. */
typedef struct lgc_diagnostic {
	enum lgc_severity severity;	/* after -Werror */
	const char	*code;		/* stable name: docs/diagnostics.md */
	lgc_place	 place;
	const char	*message;	/* French, hints included */
	const char	*suggestion;	/* "vouliez-vous dire", or NULL */
	const lgc_note	*notes;
	size_t		 nnotes;
	/* The whole diagnostic as the chosen format prints it (text with
	 * the quoted line and the notes, or JSON), ending with '\n'. */
	const char	*printed;
	size_t		 printed_len;
	/* The JSON path of the data value in question (« client.nom »),
	 * also at the end of MESSAGE; NULL for other diagnostics. */
	const char	*json_path;
} lgc_diagnostic;

typedef void	(*lgc_diagnostic_handler)(const lgc_diagnostic *d,
		    void *arg);

/* FN receives every diagnostic from now on (NULL: the stream again). */
LGC_API void	 lgc_set_diagnostic_handler(lgc_compiler *c,
		    lgc_diagnostic_handler fn, void *arg);
/*
 * The format of the diagnostics (and of lgc_diagnostic.printed):
 *   "texte"  GCC-style in French (« erreur », « avertissement »), with
 *            the quoted line and a caret; the default.  In colour with
 *            the option "couleur" (lgc_set_option).
 *   "json"   one JSON object per diagnostic, one per line.
 *   "gcc"    exactly GCC's lines, which editors and CI read as GCC's:
 *            "file:line:col: error|warning|note: message" (English
 *            severity words, "fatal error" for usage and I/O errors;
 *            "file: error: …" for a whole file, "lgc: error: …" for no
 *            file), the message in French, one line per diagnostic and
 *            per note, no excerpt.
 *   "sarif"  SARIF 2.1.0: each diagnostic is one SARIF result (one JSON
 *            object on one line, for a handler), or, when it concerns
 *            no file (a usage error), a notification of the run
 *            (invocations[0].toolExecutionNotifications, its code in
 *            associatedRule); without a handler,
 *            the results are kept and written to the stream as ONE
 *            SARIF log by lgc_finish_diagnostics() or lgc_free(), with
 *            every diagnostic code as a rule.  Columns are counted in
 *            Unicode code points (run.columnKind "unicodeCodePoints").
 */
LGC_API int	 lgc_set_diagnostic_format(lgc_compiler *c,
		    const char *format);
/* With "sarif" and no handler: writes to the stream the log of what was
 * reported since the format was chosen or the last call (a log without
 * results when nothing was), then starts afresh.  Else only flushes. */
LGC_API void	 lgc_finish_diagnostics(lgc_compiler *c);
/* Forgets the SARIF results kept for the stream, and owes no log: a
 * process forked from the one that will write the log. */
LGC_API void	 lgc_drop_diagnostics(lgc_compiler *c);
/* Adds to C's SARIF log a result (or notification) another compiler
 * printed in the format "sarif" (the printed text of its diagnostic,
 * e.g. handed over by a worker process); LGC_FATAL, reported, if it is
 * not one JSON object on one line. */
LGC_API int	 lgc_add_sarif_result(lgc_compiler *c, const char *result,
		    size_t len);
/* Warnings count as errors. */
LGC_API void	 lgc_set_werror(lgc_compiler *c, int werror);
/* Enables the warnings whose name starts with PREFIX: "lint" for every
 * code of the drafting linter, "lint-et-ou" for one. */
LGC_API int	 lgc_enable_warnings(lgc_compiler *c, const char *prefix);
/* Reports a message of the calling program's own (a bad argument, a
 * file it cannot read, a summary) as lgc reports its own: CODE is a
 * stable name, such as "usage", "entree-sortie" or "lot", whose
 * severity applies.  Returns the status it implies. */
LGC_API int	 lgc_report(lgc_compiler *c, const char *code,
		    const char *fmt, ...) LGC_PRINTF(3, 4);
/* The same about FILE (one that cannot be read or written), which a
 * JSON diagnostic names in "fichier" and a handler in place.file. */
LGC_API int	 lgc_report_file(lgc_compiler *c, const char *code,
		    const char *file, const char *fmt, ...) LGC_PRINTF(4, 5);
/* Until called again with LINE 0, what is reported belongs to the
 * record at LINE of the batch file FILE (--lot): data loaded under the
 * name FILE is located in FILE's lines from LINE on, and JSON
 * diagnostics carry "enregistrement": LINE. */
LGC_API void	 lgc_set_record(lgc_compiler *c, const char *file, int line);

/*
 * Formats, from lgc's table of backends, in order; NULL past the last.
 */
LGC_API const char *lgc_format_name(const lgc_compiler *c, size_t i);
/* ".pdf" */
LGC_API const char *lgc_format_extension(const lgc_compiler *c, size_t i);
/* A line of French for --help. */
LGC_API const char *lgc_format_description(const lgc_compiler *c,
		    size_t i);
/* The name of the format whose extension ends PATH, or NULL. */
LGC_API const char *lgc_format_for_path(const lgc_compiler *c,
		    const char *path);
/* Option J of format I: its name, for lgc_set_option() (and the
 * command's --NAME), the word for its value (NULL for an on/off
 * option) and a line of French help. */
LGC_API const char *lgc_format_option(const lgc_compiler *c, size_t i,
		    size_t j, const char **value_word, const char **help);

/* Options by name (LGC_OK, or LGC_FATAL reported for an unknown name or
 * value):
 *   "brouillon"  "1": missing values become visible placeholders and a
 *                condition that cannot be decided shows every branch;
 *                "tout": every condition shows every branch, labelled,
 *                even one the data or a default value decides
 *   "guillemets" "droits": keep straight "…" quotes (default « … »)
 *   "couleur"    "1": the text format's diagnostics in GCC's colours
 *                (ANSI escapes: errors red, warnings magenta, notes
 *                cyan, the caret green, places bold); "0" (the default)
 *                none.  The library never looks at the terminal or the
 *                environment: the caller decides (lgc: --couleur,
 *                NO_COLOR, whether stderr is a terminal)
 *   "date-creation"  seconds since 1970-01-01 UTC, as SOURCE_DATE_EPOCH
 *                gives them: the creation date a PDF records (without
 *                it none, so that the same input gives the same bytes)
 *   "norme"      the JSON Schema draft of lgc_schema(): "2020-12" (the
 *                default) or "07"
 *   "limite-valeur", "limite-texte", "limite-noeuds"  what one document
 *                may cost: a computed value's bytes (default 16M), the
 *                contract's text in bytes (32M), its pieces and loop
 *                turns (1000000); a whole number, K, M or G multiplying
 *                by 1024, 1024², 1024³.
 *                Passing one fails lgc_render and lgc_check_data with
 *                LGC_ERRORS (limite-valeur, limite-texte, limite-noeuds)
 * and the options of the formats (lgc_format_option), each used by the
 * formats declaring it:
 *   "fragment"   "1": HTML or LaTeX body only, no page wrapper
 *   "preambule"  a file whose content replaces the LaTeX preamble (read
 *                at each rendering in LaTeX)
 *   "police"     the PDF font family (fontconfig name)
 *   "sans-balises" "1": the PDF untagged (no structure tree for screen
 *                readers)
 *   "signatures-pdf"  "0": no signature fields in the PDF (by default
 *                one unsigned signature field per signing party, over
 *                its place to sign, for e-signature tools)
 *   "pdfa"       "1": the PDF is PDF/A-1a and PDF/UA-1 (PDF/A-1b with
 *                "sans-balises"), for archiving (XMP metadata,
 *                sRGB output intent, document ID)
 *   "profil-icc" with "pdfa", an sRGB ICC profile (version 2) file, read
 *                when the PDF backend is opened; by default the one
 *                Debian's icc-profiles-free installs
 *                (/usr/share/color/icc/sRGB.icc): without one, rendering
 *                a PDF with "pdfa" fails (pdfa-profil-icc) */
LGC_API int	 lgc_set_option(lgc_compiler *c, const char *name,
		    const char *value);

/* Clause search path, after the including file's folder; the installed
 * clause library is always searched last. */
LGC_API void	 lgc_add_search_path(lgc_compiler *c, const char *dir);

/* Confines includes and imports to root folders: once a root is given,
 * a file that {inclure} or importer names must lie inside one of them,
 * or the template is refused (inclusion-hors-racine); the installed
 * clause library stays open.  The answer for a file outside the roots
 * is the same whether it exists or not, and nothing outside is looked
 * at: a place written outside the roots (absolute, "..",
 * /proc/self/root) is not tried; inside, the name is walked component
 * by component and a symbolic link or ".." leading out refuses it,
 * target present or not; the file is then opened and the descriptor
 * checked again (/proc/self/fd) and read, so that a link swapped
 * between the check and the open reads nothing from outside.  Found
 * nowhere, a name is inclusion-hors-racine when its first place (beside
 * the including file, or its absolute path) is outside the roots, else
 * inclusion-introuvable.  A hard link inside a root is a file of that
 * root.  Off by default for the command line (--racine); a server
 * compiling its clients' templates must call it for each of its
 * template folders before lgc_load_template, as lgc serve does for the
 * folders it serves and its clause folders.  Needs /proc (Linux):
 * without it every included file is refused.  DIR must exist: LGC_FATAL otherwise. */
LGC_API int	 lgc_add_root(lgc_compiler *c, const char *dir);

/* Parses and checks the template and the clauses it includes.  A
 * template in memory is named NAME in diagnostics; its clauses are
 * looked for beside NAME (when it has a folder) and on the path. */
LGC_API int	 lgc_load_template(lgc_compiler *c, const char *path);
LGC_API int	 lgc_load_template_string(lgc_compiler *c, const char *name,
		    const char *text, size_t len);

/* One client's data: a JSON object keyed by input names.  Several
 * loads merge, the last one winning per key. */
LGC_API int	 lgc_load_data_file(lgc_compiler *c, const char *path);
LGC_API int	 lgc_load_data_string(lgc_compiler *c, const char *name,
		    const char *json, size_t len);
/* "nom=valeur": sets or overrides one input. */
LGC_API int	 lgc_define(lgc_compiler *c, const char *assignment);
/* Forgets the data loaded so far, for the next record of a batch: the
 * template is parsed and checked once. */
LGC_API int	 lgc_reset_data(lgc_compiler *c);

/* Runs the drafting linter on the loaded template, reporting the lint-…
 * warnings enabled by lgc_enable_warnings (all of them if none was).
 * SUBJECTS, when not NULL, overrides the essential subjects a contract
 * must treat ("parties, objet, …", or "aucun"). */
LGC_API int	 lgc_lint(lgc_compiler *c, const char *subjects);
/* Checks the data against the template without rendering. */
LGC_API int	 lgc_check_data(lgc_compiler *c);
/* Renders the contract in FORMAT ("html"); *OUT is malloc'd (free it),
 * NUL-terminated, and left NULL on failure.  Both return LGC_ERRORS,
 * reporting nothing more, when the template or the data failed in an
 * earlier call. */
LGC_API int	 lgc_render(lgc_compiler *c, const char *format, char **out,
		    size_t *len);
/* Writes DATA to PATH (NULL or "-": standard output) through a
 * temporary file renamed over PATH, so that a failure never leaves a
 * half-written file nor touches an existing one; a symbolic link is
 * written through, a device or FIFO in place. */
LGC_API int	 lgc_write_output(lgc_compiler *c, const char *path,
		    const char *data, size_t len);
/* Refuses (LGC_FATAL, sortie-est-une-entree) an output PATH that is a
 * file this compilation read, the template, a clause or a data file,
 * under any name (same device and inode: a link, another path);
 * lgc_write_output checks it too, but a caller writing several files
 * checks them all before writing the first. */
LGC_API int	 lgc_check_output(lgc_compiler *c, const char *path);
/* Whether a file this compilation read may have the inode number INO,
 * on whatever device: 0 only when none has.  For a caller that lists a
 * folder of outputs (readdir(3) gives each entry's inode) rather than
 * asking stat(2) for each: an output it says 0 of is no input and needs
 * no lgc_check_output. */
LGC_API int	 lgc_may_read_inode(const lgc_compiler *c,
		    unsigned long long ino);

/* The parsed template as an indented tree (debugging, tests). */
LGC_API int	 lgc_dump_tree(lgc_compiler *c, char **out, size_t *len);
/* The JSON Schema (draft 2020-12, or 07 with the option "norme") of
 * the template's inputs; for a clause, its parameters too, under the
 * definitions' "parametres". */
LGC_API int	 lgc_schema(lgc_compiler *c, char **out, size_t *len);
/* What an editor needs of the loaded template (lgc lsp), as one JSON
 * object, given even when the template failed to check (what could be
 * read of it; "echec": true).  Places are objects {"fichier", "ligne",
 * "colonne", "fin_ligne", "fin_colonne"} as in lgc_place.  Keys:
 *   "titres"       the contract's headings in order, the main file's
 *                  and its clauses': "niveau" (1 to 3), "texte",
 *                  "numero" ("2.1", absent when unnumbered),
 *                  "conditionnel" (under a condition, or a number
 *                  depending on the data), "etiquette", "lieu" (in the
 *                  main file: for a clause's heading, its {inclure}),
 *                  "clause" (a clause's heading: its own place)
 *   "blocs"        its {si}, {selon} and {pour chaque} blocks: "genre"
 *                  ("si", "selon", "pour"), "lieu" from the opening tag
 *                  to the last line of their content
 *   "symboles"     every name declared in the template and its clauses:
 *                  "id" (its index), "genre" ("entree", "parametre",
 *                  "soit", "boucle", "type", "etiquette", "clause"),
 *                  "nom", "lieu" (of the declaration; of the path for a
 *                  clause), and when known "type", "valeurs" (a choix),
 *                  "titre" (a label's heading: "5. Recette"),
 *                  "champs" (a record: "nom", "type", "libelle",
 *                  nested), "contrainte", "defaut", "condition" (where
 *                  it exists), "libelle", "optionnel", "cible" (a
 *                  clause's file), "parametres" (a clause's)
 *   "occurrences"  every use of a name: "symbole" (an id) or
 *                  "fonction" (a filter or function's name), "lieu"
 *   "fonctions"    the filters and functions: "nom", "min", "max"
 *                  (their arguments, the piped one included),
 *                  "signature" ("date → texte"), "doc" (a line of
 *                  French with an example)
 *   "dossiers"     the clause folders searched, in order
 * *OUT is malloc'd, NUL-terminated. */
LGC_API int	 lgc_outline(lgc_compiler *c, char **out, size_t *len);

/* With lgc_keep_backends(c, 1), a format whose state may serve several
 * documents (the PDF: its fonts found, read and measured once) keeps it
 * from one successful lgc_render to the next while its options are
 * unchanged, and the paragraphs typeset are kept (at most 1 MB) for the
 * next documents, whatever their format: a batch of contracts (lgc
 * build --lot) does that work once.  The bytes written are the same.
 * Off by default; turning it off frees what was kept. */
LGC_API void	 lgc_keep_backends(lgc_compiler *c, int on);

/* Provenance (docs/provenance.md).  With lgc_set_provenance(c, 1),
 * each lgc_render also records where each block of the contract comes
 * from: its template or clause file and lines, the chain of {inclure}
 * with their arguments, the conditions that held (and those that did
 * not, for a {sinon}), the values it prints with their JSON paths.
 * lgc_provenance gives that record of the last successful lgc_render
 * as JSON (*OUT malloc'd, NUL-terminated, *LEN its length if LEN is
 * not NULL); after a failed or no rendering, LGC_FATAL with *OUT NULL
 * and nothing reported.  Off by default: rendering then costs and
 * prints exactly what it did without it. */
LGC_API void	 lgc_set_provenance(lgc_compiler *c, int on);
LGC_API int	 lgc_provenance(lgc_compiler *c, char **out, size_t *len);
/* Why ARTICLE — a number (« 7 », « 7.2 », « article 7 ») or a label
 * of a heading — is in the contract the template makes of the data
 * loaded, in one paragraph of French ending with a newline: the
 * conditions that brought it, the file and lines it comes from, the
 * {inclure} that brought it, the values it cites.  An ARTICLE that no
 * heading has is reported (article-inconnu, with the closest one as
 * suggestion): LGC_ERRORS, *OUT NULL. */
LGC_API int	 lgc_explain(lgc_compiler *c, const char *article, char **out,
		    size_t *len);
/* The questionnaire of the template's inputs: one self-contained HTML
 * page (its style and script inline, nothing fetched, French) that asks
 * each input's question (its libellé) with a field fit for its type,
 * shows a conditional input only where its condition holds (the
 * template's own conditions, evaluated in the page), checks the answers
 * as they are typed, and downloads the JSON data lgc reads.  RENDER_URL,
 * when not NULL, is the address the page posts that JSON to
 * (« POST RENDER_URL?format=pdf » or « html », Content-Type
 * application/json) for the contract, e.g. a server's
 * "/api/v1/modeles/NOM/rendu"; a 422 answer carrying the diagnostics as
 * JSON (an array of the objects of --format-diagnostics json, or an
 * object with such an array under "diagnostics") is shown beside the
 * fields their "chemin" names.  The page depends on the template only:
 * a server may write it once per template and serve it as is. */
LGC_API int	 lgc_form(lgc_compiler *c, const char *render_url, char **out,
		    size_t *len);
/*
 * The variants of the loaded template (lgc variantes): the decisions
 * its conditions test (booléens, choix, the presence of optional inputs,
 * and numbers, amounts, durations, dates and texts cut at the constants
 * they are compared with, within their declared bounds), a witness data
 * set for each combination (every one when there are at most MAX, else
 * enough to cover every pair of decisions), each witness built as a
 * client's contract is, and the distinct documents they give.  Reports
 * as warnings (variantes-…, docs/diagnostics.md) the branches no
 * witness takes or none skips where that is proven, and as errors
 * (variante-en-echec) the witnesses that do not build.  FORMAT "texte",
 * "json" (everything) or "html" (a page, one column per variant)
 * for *OUT (malloc'd, NUL-terminated): "texte" is a summary that fits
 * a screen (the count, the decisions by name, the refusals by message,
 * every failure and unreachable branch, and each article or clause that
 * does not figure in every variant with the condition under which it
 * does, in the template's terms and checked on every witness), or with
 * FULL_MATRIX the whole matrix, one column per variant.  With OUT,
 * every variantes-…
 * warning is enabled; with OUT NULL there is no report, and only the
 * warnings enabled by lgc_enable_warnings("variantes…") are given, as
 * lgc check -Wvariantes does.
 * WRITE_DIR, when not NULL, receives for each variant its witness's
 * data (.json) and document in WRITE_FORMAT, named after its decisions.
 */
typedef struct lgc_variantes_options {
	size_t		 max;		/* 0: the default, 256 */
	const char	*format;	/* "texte" (NULL), "json", "html" */
	const char	*write_dir;	/* or NULL */
	const char	*write_format;	/* "pdf", "html"…; NULL: "html" */
	int		 full_matrix;	/* "texte": every variant's column */
} lgc_variantes_options;

LGC_API int	 lgc_variantes(lgc_compiler *c,
		    const lgc_variantes_options *o, char **out, size_t *len);

/* A Makefile rule "TARGET: template clauses… data…" plus an empty rule
 * per file, so that make or ninja rebuild exactly what changed. */
LGC_API int	 lgc_dependencies(lgc_compiler *c, const char *target,
		    const char *const *data_files, size_t ndata, char **out,
		    size_t *len);

/*
 * Comparing two versions of a template (lgc diff): which articles of a
 * client's contract an update of the template or of its clause library
 * changes.  BEFORE and AFTER are two compilers, each with its version
 * loaded (and its own clause folders) and the same client's data;
 * lgc_compare builds both contracts, cuts them into articles (the
 * preamble, each level-1 heading with what follows it, the signatures),
 * pairs the articles of the two versions by label, then by title, then
 * by the words they share (half of them at least), so that an article
 * inserted leaves the next ones renumbered, not reworded, and reports
 * each article added, removed, reworded (its blocks that changed, word
 * by word) or renumbered.  A comparison collects, over the clients
 * compared with it, how many contracts each change touches.
 *
 * FORMAT, for the report and the summary:
 *   "texte"    a line per article changed (« Article 3 → 4 « Durée »
 *              renuméroté », « Article 5 « Garantie » reformulé : »),
 *              then each block changed with its words removed [-…-] and
 *              added {+…+}, as git diff --word-diff does
 *   "couleur"  the same, the removed words in red, the added in green
 *              (ANSI escapes)
 *   "json"     one JSON object per client, on one line: "client",
 *              "modifications" (each: "genre" ajoute, supprime,
 *              reformule or renumerote, "renumerote" for a pair,
 *              "ancien" and "nouveau" {"genre", "numero", "titre",
 *              "etiquette"}, and "blocs": {"genre" modifie, "ancien",
 *              "nouveau", "mots": [{"genre" egal, retire or ajoute,
 *              "texte"}]} or {"genre" ajoute or retire, "texte"})
 * NULL when FORMAT is unknown, reported through C (LGC_FATAL).
 */
typedef struct lgc_comparison lgc_comparison;

LGC_API lgc_comparison *lgc_comparison_new(lgc_compiler *c,
		    const char *format);
LGC_API void	 lgc_comparison_free(lgc_comparison *cmp);
/* Builds BEFORE's and AFTER's contracts and writes into *OUT (malloc'd,
 * NUL-terminated; "" in text when nothing changes) what changes for
 * CLIENT (a name shown before the report, « == CLIENT »; NULL for none),
 * and into *CHANGES the number of articles that change.  Either
 * contract failing to build is reported by its compiler, counted in
 * the summary, and returned (LGC_ERRORS or LGC_FATAL, *OUT NULL). */
LGC_API int	 lgc_compare(lgc_comparison *cmp, lgc_compiler *before,
		    lgc_compiler *after, const char *client, char **out,
		    size_t *len, size_t *changes);
/* Counts in the summary a client whose data one of the versions
 * refused, lgc_compare not being called for it. */
LGC_API void	 lgc_comparison_failed(lgc_comparison *cmp);
/* How many clients were compared, changed, failed, and for each change
 * (an article and what happens to it, named by its title, whatever
 * its number) the number of contracts it touches, most first. */
LGC_API int	 lgc_comparison_summary(lgc_comparison *cmp, char **out,
		    size_t *len);

/* Each call returns the status of what it did itself (LGC_OK when it
 * reported no error), lgc_status() the worst of the whole session. */
LGC_API int	 lgc_status(const lgc_compiler *c);

/* A client's value (UTF-8) as a file name safe anywhere: lowercase
 * ASCII letters with accents dropped, digits, '_' and '.', any other
 * run a single '-'; never a path nor a hidden file; "" when nothing is
 * left.  malloc'd. */
LGC_API char	*lgc_file_name(const char *text);
LGC_API const char *lgc_version(void);
/* The reason for a system error, in French. */
LGC_API const char *lgc_strerror(int errnum);

#ifdef __cplusplus
}
#endif

#endif
