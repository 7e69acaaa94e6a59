/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* A checked template: the main file, every clause it includes, and the
 * client inputs merged across them.  Built by the check stage, read by
 * data.c and eval.c. */
#ifndef LGC_PROGRAM_H
#define LGC_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>

#include "syntax/ast.h"
#include "base/diag.h"
#include "lang/types.h"
#include "base/util.h"

/* One client input, merged by name over every file that declares it. */
struct input {
	char		*name;
	const struct decl *decl;	/* the first declaration checked */
	const struct file_ast *file;	/* the file of that declaration */
	const char	*label;		/* libellé: the includer's wins; may be NULL */
	const struct type *type;
	const struct constraint *cstr;	/* &decl->cstr_value */
	const struct value *def;	/* default, or NULL */
	bool		 optional;
	/* Where the input exists: NULL when always (required or with a
	 * default); else a boolean expression over other inputs, to be
	 * evaluated with short-circuit `et` (its operands are ordered so
	 * that no absent input is read). */
	struct expr	*requirement;
	size_t		 index;		/* in program.inputs */
	bool		 used;
	int		 visiting;
	int		 depth;		/* length of its chain of conditions */
};

enum symbol_kind {
	SYM_INPUT,
	SYM_PARAM,
	SYM_SOIT,
	SYM_LOOP
};

struct symbol {
	enum symbol_kind kind;
	const char	*name;
	struct decl	*decl;		/* input (this file's), param, soit */
	struct input	*input;		/* SYM_INPUT */
	const struct node *loop;	/* SYM_LOOP */
	const struct type *type;
};

struct program {
	struct diags	*ds;
	struct file_ast	*main;
	struct ptrvec	 files;		/* struct file_ast *, owned */
	struct ptrvec	 inputs;	/* struct input *, owned, declaration order */
	struct ptrvec	 types;		/* struct type *, owned */
	struct ptrvec	 symbols;	/* struct symbol *, owned */
	struct ptrvec	 scopes;	/* per-file name tables (checker.h) */
	struct ptrvec	 labels;	/* struct label * (checker.h) */
	const char	*const *search;	/* -I folders, LGC_PATH, stdlib */
	size_t		 nsearch;
	const char	*const *roots;	/* resolved; none: not confined */
	const char	*const *root_names;	/* as the user gave them */
	size_t		 nroots;
	bool		 failed;	/* errors in the template */
};

/* The input named NAME, or NULL. */
struct input *program_input(const struct program *prog, const char *name);

#endif
