/*
 * lgc — compiler for French contract templates (.lgc).
 *
 * The library behind the lgc command: load a template (parsed and
 * checked), give it one client's data, render the contract.  Every call
 * that can fail returns an lgc status; diagnostics are printed, GCC-style
 * and in French, to the stream given to lgc_new().
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
 */
#ifndef LGC_H
#define LGC_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LGC_VERSION_STRING	"0.1.0"

/* Statuses, also the command's exit codes. */
enum lgc_status {
	LGC_OK = 0,		/* success (warnings allowed) */
	LGC_ERRORS = 1,		/* errors in the template or the data */
	LGC_FATAL = 2		/* usage, I/O or resource errors */
};

typedef struct lgc_compiler lgc_compiler;

/* Diagnostics go to DIAGNOSTICS (NULL: stderr). */
lgc_compiler	*lgc_new(FILE *diagnostics);
void		 lgc_free(lgc_compiler *c);

/* Clause search path, after the including file's folder; the installed
 * stdlib is always searched last. */
void		 lgc_add_search_path(lgc_compiler *c, const char *dir);
/* Warnings count as errors. */
void		 lgc_set_werror(lgc_compiler *c, int werror);
/* "json": one JSON object per diagnostic, one per line. */
int		 lgc_set_diagnostic_format(lgc_compiler *c, const char *format);

/* Options by name (0 on success, LGC_FATAL for an unknown name or value):
 *   "brouillon"  "1": missing values become visible placeholders and a
 *                condition that cannot be decided shows every branch
 *   "guillemets" "droits": keep straight "…" quotes (default « … »)
 *   "date-creation"  seconds since 1970-01-01 UTC, as SOURCE_DATE_EPOCH
 *                gives them: the creation date a PDF records (without
 *                it none, so that the same input gives the same bytes)
 * and the options of the formats, each used by those declaring it:
 *   "fragment"   "1": LaTeX/HTML body only, no page wrapper
 *   "preambule"  a file whose content replaces the LaTeX preamble (read
 *                at each rendering in LaTeX)
 *   "police"     the PDF font family (fontconfig name) */
int		 lgc_set_option(lgc_compiler *c, const char *name,
		    const char *value);

/* Parses and checks the template and the clauses it includes. */
int		 lgc_load_template(lgc_compiler *c, const char *path);
/* One client's data: a JSON object keyed by input names.  Several
 * loads merge, the last one winning per key. */
int		 lgc_load_data_file(lgc_compiler *c, const char *path);
int		 lgc_load_data_string(lgc_compiler *c, const char *name,
		    const char *json, size_t len);
/* "nom=valeur": sets or overrides one input. */
int		 lgc_define(lgc_compiler *c, const char *assignment);

/* Enables the warnings whose name starts with PREFIX: "lint" for every
 * code of the drafting linter, "lint-et-ou" for one.  LGC_FATAL when no
 * warning has such a name. */
int		 lgc_enable_warnings(lgc_compiler *c, const char *prefix);
/* Runs the drafting linter on the loaded template, reporting the lint-…
 * warnings enabled by lgc_enable_warnings (all of them if none was).
 * SUBJECTS, when not NULL, overrides the essential subjects a contract
 * must treat ("parties, objet, …", or "aucun"). */
int		 lgc_lint(lgc_compiler *c, const char *subjects);

/* Checks the data against the template without rendering. */
int		 lgc_check_data(lgc_compiler *c);
/* Renders the contract in FORMAT ("html"); *OUT is malloc'd (free it),
 * NUL-terminated, and left NULL on failure.  Both return LGC_ERRORS,
 * reporting nothing more, when the template or the data failed in an
 * earlier call. */
int		 lgc_render(lgc_compiler *c, const char *format, char **out,
		    size_t *len);
/* Renders the parsed template as an indented tree (debugging, tests). */
int		 lgc_dump_tree(lgc_compiler *c, char **out, size_t *len);

/* Each call returns the status of what it did itself (LGC_OK when it
 * reported no error), lgc_status() the worst of the whole session. */

/* Forgets the data loaded so far, for the next record of a batch: the
 * template is parsed and checked once. */
int		 lgc_reset_data(lgc_compiler *c);
/* The JSON Schema (draft 2020-12) of the template's inputs; *OUT is
 * malloc'd. */
int		 lgc_schema(lgc_compiler *c, char **out, size_t *len);
/* A Makefile rule "TARGET: template clauses… data…" plus an empty rule
 * per file, so that make or ninja rebuild exactly what changed. */
int		 lgc_dependencies(lgc_compiler *c, const char *target,
		    const char *const *data_files, size_t ndata, char **out,
		    size_t *len);

/* The worst status so far. */
int		 lgc_status(const lgc_compiler *c);
const char	*lgc_version(void);

#ifdef __cplusplus
}
#endif

#endif
