/* Output backends.  Each lives in a file of its own, sees only the
 * document model, and exposes the same three calls, picked from one
 * table (backend.c). */
#ifndef LGC_BACKEND_H
#define LGC_BACKEND_H

#include <stdbool.h>

#include "doc/doc.h"
#include "base/util.h"

struct diags;

struct render_opts {
	bool		 fragment;	/* body only, no page wrapper */
	const char	*preamble;	/* LaTeX: file replacing the preamble */
	const char	*font;		/* PDF: font family */
	const char	*generator;	/* "lgc 0.1.0" */
};

struct backend {
	const char	*name;		/* "html" */
	const char	*extension;	/* ".html" */
	void		*(*new)(const struct render_opts *opts, struct diags *ds);
	/* Appends the whole output to OUT; false after reporting an error. */
	bool		 (*render)(void *state, const struct doc *d, struct buf *out);
	void		 (*free)(void *state);
};

const struct backend *backend_by_name(const char *name);
/* From an output path's extension; NULL when none matches. */
const struct backend *backend_by_path(const char *path);
/* "html, latex, pdf" for messages. */
const char *backend_names(void);

void	*html_new(const struct render_opts *opts, struct diags *ds);
bool	 html_render(void *state, const struct doc *d, struct buf *out);
void	 html_free(void *state);

/* Escapes text for HTML element content and attribute values. */
void	 html_escape(struct buf *b, const char *s, size_t len);

void	*latex_new(const struct render_opts *opts, struct diags *ds);
bool	 latex_render(void *state, const struct doc *d, struct buf *out);
void	 latex_free(void *state);

/* Escapes text so that LaTeX prints it literally in pdflatex, xelatex
 * and lualatex: special characters, ligatures, unknown code points. */
void	 latex_escape(struct buf *b, const char *s, size_t len);

/* PDF through libharu (pdf.c); opts->font names the font family. */
void	*pdf_new(const struct render_opts *opts, struct diags *ds);
bool	 pdf_render(void *state, const struct doc *d, struct buf *out);
void	 pdf_free(void *state);

#endif
