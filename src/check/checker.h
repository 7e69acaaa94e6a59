/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The checker's state, shared by the files of the check stage and by
 * no one else: the scopes of the files, the labels, and the functions
 * one file of the checker calls in another.  Order of the files, each
 * calling only the ones before it: load.c (finding and reading files),
 * resolve.c (types and constants), expr.c (expressions and the
 * requirements of names), header.c, body.c, check.c (the entry). */
#ifndef LGC_CHECKER_H
#define LGC_CHECKER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "base/diag.h"
#include "base/util.h"
#include "check/presence.h"
#include "check/program.h"
#include "lang/numbering.h"
#include "lang/types.h"
#include "syntax/ast.h"

struct named_type {
	const char	*name;
	const struct type *type;
	struct type_decl *decl;		/* NULL for imported types */
	int		 state;		/* 0 new, 1 resolving, 2 done */
};

/* What one file sees: its header names and its types. */
struct scope {
	struct file_ast	*file;
	char		*dir;
	struct ptrvec	 symbols;	/* struct symbol *, header names */
	struct strmap	 by_name;	/* name → struct symbol * */
	struct ptrvec	 types;		/* struct named_type *, owned */
	bool		 types_done;
	bool		 header_done;
	bool		 importing;
};

/* A label may be posed in several mutually exclusive branches (a clause
 * included under {si} and under {sinon}): it then exists where any of
 * its contexts holds. */
struct label {
	const char	*name;
	struct loc	 loc;
	bool		 numbered;	/* as written: no {-} */
	int		 level;		/* 1 "#" … 3 "###" */
	enum numbered	 number;	/* whether it gets a number */
	struct facts	*facts;		/* where it exists, when exact */
	struct ptrvec	 alternatives;	/* struct facts *, other contexts */
};

struct checker {
	struct program	*prog;
	struct diags	*ds;
	struct scope	*scope;
	struct ptrvec	 loops;		/* struct symbol *, innermost last */
	struct ptrvec	*collect;	/* collect unmet requirements here */
	bool		 title;		/* titre: always-present names only */
	const char	*header_word;	/* with title: "lieu" or "date", else
					 * NULL for the titre */
	bool		 inputs_only;	/* an input's condition */
	int		 in_loop;
	struct ptrvec	 include_stack;	/* struct file_ast * being checked */
	struct ptrvec	 refs;		/* struct pending_ref * */
	struct strmap	 labels;	/* name → struct label * of prog */
	/* prog->inputs by name, for merging each file's entrées: every
	 * clause of the library declares its own. */
	struct strmap	 inputs;	/* → struct input * of prog */
	/* The files read and their scopes, by file_ast.key (device and
	 * inode: each file is read once, whatever path led to it):
	 * thousands of clauses are looked up without a scan each. */
	struct strmap	 files_by_key;	/* → struct file_ast * of prog */
	struct strmap	 scopes_by_key;	/* → struct scope * of prog */
	/* The file an include or import already led to, by the folder it
	 * was looked for from and the name written (without roots): the
	 * same name from the same folder finds the same file, and the
	 * library's clauses name the same few files over and over, each
	 * lookup an open, an fstat and a close.  Keys owned by
	 * found_keys. */
	struct strmap	 found_files;	/* → struct file_ast * of prog */
	struct ptrvec	 found_keys;	/* char * */
	enum diag_code	 nonconst;	/* reported for a non-constant */
	int		 chain;		/* soits and input conditions being resolved */
	int		 cond_depth;	/* deepest input read by a condition */
	bool		 chain_reported;
	/* Whether the current article and sub-article carry a number,
	 * as build.c will number them (rule 30).  Branches that disagree
	 * make it depend on the data. */
	struct numbering numbering;
};

/* load.c */
/* A file that {inclure} or importer names, as find_file found it. */
struct found {
	char	*path;		/* as found, owned; NULL: reported */
	int	 fd;		/* open for reading, or -1: ERR says why */
	int	 err;
	bool	 stated;	/* ST is what fstat said of FD */
	struct stat st;
	char	*key;		/* owned: its found_files key, or NULL */
	struct file_ast	*known;	/* found before: loaded, FD -1 */
};

struct found find_file(struct checker *ck, const char *dir,
	    const char *name, const struct loc *at);
/* Parses the found file (its descriptor, once read, is closed). */
struct file_ast *load_found(struct checker *ck, struct found *found);
void	 found_files_free(struct checker *ck);
struct file_ast *load_text(struct checker *ck, const char *name,
	    const char *text, size_t len);
/* The main template, by its path. */
struct file_ast *load_file(struct checker *ck, const char *path,
	    const char *display);
const char *display_name(const char *path);
struct scope *scope_of(struct checker *ck, const struct file_ast *f);

/* resolve.c */
const struct type *list_type(struct checker *ck, const struct type *elem,
	    const struct loc *loc);
const char *describe(struct buf *b, const struct type *t);
bool	 is_error(const struct type *t);
const struct type *error_type(void);
const struct type *lookup_type(struct checker *ck, struct scope *sc,
	    const char *name, const struct loc *loc);
const struct type *resolve_type(struct checker *ck, struct scope *sc,
	    const struct type_expr *te);
void	 resolve_constraint(struct checker *ck, struct scope *sc,
	    const struct cstr_expr *ce, const struct type *t,
	    struct constraint *out);
void	 check_types(struct checker *ck, struct scope *sc);
void	 report_unknown_field(struct checker *ck, const struct type *rt,
	    const char *name, const struct loc *loc);
void	 check_literal_constraint(struct checker *ck,
	    const struct constraint *c, const char *what, const char *name,
	    const struct loc *decl, const struct value *v,
	    const struct loc *at);
bool	 const_value(struct checker *ck, struct scope *sc, struct expr *e,
	    const struct type *t, struct value *out);

/* expr.c */
struct symbol *scope_symbol(struct scope *sc, const char *name);
struct symbol *lookup_symbol(struct checker *ck, const char *name);
const struct type *check_expr(struct checker *ck, struct expr *e,
	    struct facts *k, const struct type *expect);
void	 check_condition(struct checker *ck, struct expr *e,
	    struct facts *k);
void	 check_printable(struct checker *ck, struct expr *e);
struct expr *collect_requirements(struct checker *ck, struct expr *e,
	    bool condition);
void	 soit_requirement(struct checker *ck, struct decl *d);
void	 input_requirement(struct checker *ck, struct input *in);

/* header.c */
void	 check_header(struct checker *ck, struct scope *sc);

/* body.c */
void	 check_nodes(struct checker *ck, struct nodes *ns, struct facts *k);
void	 resolve_refs(struct checker *ck);

#endif
