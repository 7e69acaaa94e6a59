/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The templates a server serves: every template (a .lgc file with a
 * `modele` line) under its folders, each loaded and checked once and
 * shared by the requests through lgc_clone, checked again when its file
 * or one of its clauses changes. */
#ifndef LGC_SERVER_CATALOG_H
#define LGC_SERVER_CATALOG_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "lgc.h"

/* How every template's compiler is set up before loading. */
struct catalog_setup {
	const char	*const *folders;	/* the served folders */
	size_t		 nfolders;
	const char	*const *search;		/* -I, LGC_PATH */
	size_t		 nsearch;
	const char	*const *limits;		/* "valeur=16M" (--limite) */
	size_t		 nlimits;
};

/* One template as loaded; immutable once published, freed with its last
 * reference (a request still rendering an old version keeps it). */
struct template {
	atomic_size_t	 refs;
	char		*name;		/* relative path without .lgc */
	char		*path;
	lgc_compiler	*master;	/* loaded, cloned per request */
	bool		 failed;
	char		*title;		/* NULL when none */
	char		*schema;	/* JSON; NULL when failed */
	char		*form;		/* the questionnaire page (lgc_form),
					 * posting to this template's rendu
					 * route; NULL when failed */
	char		*diagnostics;	/* JSON array of the check's */
	char		*diagnostics_text;	/* the same as GCC-style text,
						 * with excerpts; NULL when none */
	char		*file_base;	/* lgc_file_name of the title */
	/* The files it was made from (template and clauses), with what
	 * stat said, to see a change. */
	struct dep {
		char	*path;
		long long mtime_ns;
		long long size;
		unsigned long long ino;
	}		*deps;
	size_t		 ndeps;
};

struct catalog;

/* NULL after reporting through C (a folder that is not one). */
struct catalog *catalog_new(lgc_compiler *c, const struct catalog_setup *s);
void	catalog_free(struct catalog *cat);

/* The template NAME, up to date, with a reference (template_release), or
 * NULL when no served folder has it. */
struct template *catalog_get(struct catalog *cat, const char *name);
void	template_release(struct template *t);

/* Every template, up to date, sorted by name, each with a reference;
 * *N of them, the array malloc'd. */
struct template **catalog_list(struct catalog *cat, size_t *n);

#endif
