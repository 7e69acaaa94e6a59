/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * One LaTeX rendering, as the files of the LaTeX backend share it: the
 * escaper's state (escape.c), what the engines cannot print and its
 * errors (printable.c), the preamble and the lgc commands (preamble.c),
 * and the body's walk with the backend's row (latex.c).
 */
#ifndef LGC_LATEX_RENDER_H
#define LGC_LATEX_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <fontconfig/fontconfig.h>

#include "base/diag.h"
#include "base/util.h"
#include "doc/doc.h"

/* The main font of xelatex and lualatex with fontspec, whose coverage
 * decides which characters need another font. */
#define LATEX_MAIN_FONT	"Latin Modern Roman"

/* Characters listed in one error; more are counted. */
#define MAX_BAD		8

enum script {
	SCRIPT_NONE,
	SCRIPT_ARABIC,
	SCRIPT_HEBREW
};

/* A font for what Latin Modern lacks: \lgcpolice{A}, \lgcpolice{B}… */
struct family {
	char		*name;
	int		 script;	/* enum script: a right-to-left one */
};

/* The family fontconfig chose for a code point (-2: none). */
struct chosen {
	uint32_t	 cp;
	int		 family;
};

/* How text is escaped for the chosen engines, and what it could not
 * print. */
struct esc {
	bool		 unicode;	/* --moteur xelatex or lualatex */
	FcConfig	*fc;		/* on first need */
	bool		 fc_failed;
	FcCharSet	*main;		/* Latin Modern's characters */
	bool		 main_failed;
	struct family	*families;
	size_t		 nfamilies;
	struct chosen	*cache;
	size_t		 ncache;
	int		 open;		/* the font group open, or -1 */
	uint32_t	 bad[MAX_BAD];	/* of the value being escaped */
	size_t		 nbad;
	bool		 more_bad;
};

struct latex {
	bool	 fragment;
	char	*preamble;	/* --preambule contents, or NULL */
	char	*generator;
	struct esc esc;
	struct diags *ds;
	struct ptrvec reported;	/* values already reported (their path) */
	bool	 failed;
};

/* What the body walk needs besides the output. */
struct lctx {
	struct buf		*out;
	struct latex		*l;
	struct esc		*esc;
	const struct doc	*doc;
	int			 itemize;	/* open itemize environments */
	int			 enumerate;	/* open enumerate environments */
};

enum inline_style {
	INLINE_BOLD,
	INLINE_ITALIC,
	INLINE_DRAFT,
	INLINE_SUP
};

/* escape.c */
void	escape_text(struct esc *e, struct buf *b, const char *s, size_t len);
void	escape_str(struct esc *e, struct buf *b, const char *s);
void	put_tex_lines(struct buf *out, const char *s, size_t len);

/* printable.c */
bool	is_verbatim(uint32_t cp);
bool	is_dropped(uint32_t cp);
bool	is_foreign(uint32_t cp);
int	font_for(struct esc *e, uint32_t cp);
void	note_bad(struct esc *e, uint32_t cp);
int	group_for(struct esc *e, uint32_t cp);
void	put_family_id(struct buf *b, size_t i);
void	report_bad(struct latex *l, const struct value_origin *o,
	    const char *what, const char *text);
void	report_field(struct latex *l, const struct value_origin *o,
	    const char *field, const char *text);

/* preamble.c */
extern const char lgc_commands[];
extern const char letter_commands[];
void	render_comment(const struct latex *l, struct buf *out);
void	render_custom_preamble(struct latex *l, const struct doc *d,
	    struct buf *out);
void	render_preamble(struct latex *l, const struct doc *d,
	    struct buf *out);
void	render_fonts(const struct latex *l, struct buf *out);

#endif
