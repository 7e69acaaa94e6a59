/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "format/backend.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "format/docx/render.h"
#include "format/docx/zip.h"

/*
 * DOCX backend (Office Open XML, ECMA-376): every part written here
 * from the document model (body.c, parts.c), no template copied, and
 * put in a zip in a fixed order (zip.c).
 */

struct docx {
	struct diags	*ds;
	char		*generator;
	long long	 created;
	struct buf	 model;		/* the template's styles.xml */
	bool		 has_model;
	/* Kept from one document to the next (a batch): its stream and
	 * the parts that are the same in every contract. */
	struct docx_deflater *deflater;
};

/* The largest styles.xml taken from a template: Word's own are about
 * 40 KB, a firm's with many styles a few hundred. */
#define MODEL_STYLES_MAX	(8 * 1024 * 1024)

static void *
docx_new(const struct render_opts *opts, struct diags *ds)
{
	struct docx *x = xcalloc(1, sizeof(*x));
	const struct option_value *model;

	x->ds = ds;
	x->generator = xstrdup(opts != NULL && opts->generator != NULL ?
	    opts->generator : "lgc");
	x->created = opts != NULL ? opts->created : -1;
	x->deflater = docx_deflater_new();
	buf_init(&x->model);
	if ((model = render_option(opts, "modele-docx")) != NULL &&
	    model->text != NULL) {
		if (!docx_zip_read(model->text, model->len, "word/styles.xml",
		    MODEL_STYLES_MAX, &x->model)) {
			if (ds != NULL)
				diag(ds, F_RENDER, NULL, "--modele-docx : "
				    "ce n'est pas un document ni un mod\xc3\xa8le "
				    "Word lisible (.docx, .dotx) dont tirer "
				    "word/styles.xml");
			buf_free(&x->model);
			docx_deflater_free(x->deflater);
			free(x->generator);
			free(x);
			return NULL;
		}
		x->has_model = true;
	}
	return x;
}

static bool
add(struct docx_zip *z, const char *name, struct buf *part)
{
	bool ok = docx_zip_add(z, name, part->data != NULL ? part->data : "",
	    part->len);

	buf_reset(part);
	return ok;
}

static bool
docx_render(void *state, const struct doc *d, struct buf *out)
{
	const struct docx *x = state;
	struct docx_body body;
	struct docx_styles styles;
	struct docx_meta meta;
	struct buf document, part;
	struct docx_zip *z;
	bool header = d->title != NULL && d->title[0] != '\0' && !d->letter;
	bool ok = true;

	meta.title = d->title != NULL && d->title[0] != '\0' ? d->title :
	    d->model != NULL && d->model[0] != '\0' ? d->model : NULL;
	meta.subject = d->model != NULL && d->model[0] != '\0' ? d->model :
	    NULL;
	meta.generator = x->generator;
	meta.created = x->created;
	buf_init(&document);
	buf_init(&part);
	docx_styles_init(&styles, x->has_model ? x->model.data : NULL,
	    x->model.len);
	docx_body_write(&body, d, &styles, &document);
	z = docx_zip_open(out, x->deflater);
	docx_content_types(&part, header);
	ok = ok && add(z, "[Content_Types].xml", &part);
	docx_package_rels(&part);
	ok = ok && add(z, "_rels/.rels", &part);
	docx_core(&part, &meta);
	ok = ok && add(z, "docProps/core.xml", &part);
	docx_app(&part, &meta);
	ok = ok && add(z, "docProps/app.xml", &part);
	ok = ok && add(z, "word/document.xml", &document);
	docx_document_rels(&part, header);
	ok = ok && add(z, "word/_rels/document.xml.rels", &part);
	docx_styles(&part, &styles);
	ok = ok && add(z, "word/styles.xml", &part);
	docx_numbering(&part, &body);
	ok = ok && add(z, "word/numbering.xml", &part);
	docx_settings(&part);
	ok = ok && add(z, "word/settings.xml", &part);
	if (header) {
		docx_header(&part, d->title, &styles);
		ok = ok && add(z, "word/header1.xml", &part);
	}
	docx_footer(&part, &styles);
	ok = ok && add(z, "word/footer1.xml", &part);
	ok = docx_zip_close(z) && ok;
	if (!ok)
		diag(x->ds, F_RENDER, NULL,
		    "minizip n'a pas pu écrire l'archive du DOCX");
	docx_body_free(&body);
	docx_styles_free(&styles);
	buf_free(&document);
	buf_free(&part);
	return ok;
}

static void
docx_free(void *state)
{
	struct docx *x = state;

	if (x == NULL)
		return;
	free(x->generator);
	buf_free(&x->model);
	docx_deflater_free(x->deflater);
	free(x);
}

static const char *const docx_extensions[] = { ".docx", NULL };

static const struct backend_option docx_options[] = {
	{ .name = "modele-docx", .kind = OPTION_FILE, .arg = "FICHIER",
	  .help = "DOCX : styles tir\xc3\xa9s du mod\xc3\xa8le Word FICHIER "
	  "(.dotx ou .docx du cabinet)",
	  .what = "mod\xc3\xa8le Word" },
	{ .name = NULL }
};

const struct backend docx_backend = {
	.name = "docx",
	.description = "document Word (Office Open XML)",
	.extensions = docx_extensions,
	.options = docx_options,
	.new = docx_new,
	.render = docx_render,
	.free = docx_free,
	/* Its state: the options, a template's styles and the deflater,
	 * whose kept parts are compared whole. */
	.reusable = true,
};
