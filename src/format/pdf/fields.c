/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * Signature fields: one unsigned signature field (/FT /Sig) per signing
 * party, over the space the layout left for its signature (struct
 * sign_zone, layout.c), listed in the document's AcroForm, so that an
 * e-signature service or a reader signs in place instead of stamping
 * a signature somewhere on the page.
 *
 * libharu 2.3.0 has no form fields: each is written through its object
 * layer (hpdf_objects.h) as one dictionary that is both the field and
 * its widget annotation (PDF 1.7, 12.5.6.19 and 12.7.4.5).  The widget
 * draws nothing: no /MK (no border, no background) and, as its normal
 * appearance, an empty form XObject, which PDF/A asks of a widget and
 * which keeps the page as it was; it is printable (/F 4) and names its
 * page (/P).  No /SigFlags: they say that the document holds
 * signatures, which it does once signed, by the signing tool.
 *
 * A field is named after the party: the last key of the JSON path of
 * the party's value ("signature-prestataire" for the data's
 * prestataire), else its name, folded to ASCII ("signature-societe-
 * dupont"), else its rank; a name already taken gets -2, -3…
 */
#include "format/pdf/fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include "base/suggest.h"
#include "format/pdf/haru.h"
#include "format/pdf/render.h"
#include "format/pdf/tags.h"

/* Appends to B the ASCII letters and digits of TEXT, folded, lower
 * case, anything else becoming a single '-' between them. */
static void
fold_name(struct buf *b, const char *text)
{
	char *f = fold_word(text);
	size_t i, start = b->len;
	bool dash = false;

	for (i = 0; f[i] != '\0'; i++) {
		char c = f[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && b->len > start)
				buf_putc(b, '-');
			buf_putc(b, c);
			dash = false;
		} else
			dash = true;
	}
	free(f);
}

/* The last key of a JSON path: "prestataire" of "prestataire",
 * "client" of "parties.client", "parties" of "parties[1]"; its length
 * in *LEN, 0 when there is none. */
static const char *
last_key(const char *path, size_t *len)
{
	const char *p = strrchr(path, '.'), *end;

	p = p != NULL ? p + 1 : path;
	end = strchr(p, '[');
	*len = end != NULL ? (size_t)(end - p) : strlen(p);
	return p;
}

/* The field's name for zone K into B, unique among those before. */
static void
field_name(struct render *r, size_t k, const struct ptrvec *names,
    struct buf *b)
{
	const struct doc_party *party = r->zones[k].party;
	const char *key = NULL;
	size_t len = 0, base, n, i;
	char *s;

	buf_reset(b);
	buf_puts(b, "signature-");
	base = b->len;
	if (party->origin != NULL && party->origin->path != NULL &&
	    (key = last_key(party->origin->path, &len), len > 0)) {
		s = xstrndup(key, len);
		fold_name(b, s);
		free(s);
	}
	if (b->len == base && party->name != NULL)
		fold_name(b, party->name);
	if (b->len == base)
		buf_printf(b, "%zu", k + 1);
	/* Unique: the names before are this function's own. */
	base = b->len;
	for (n = 2;; n++) {
		for (i = 0; i < names->len; i++)
			if (strcmp(names->items[i], buf_cstr(b)) == 0)
				break;
		if (i == names->len)
			break;
		b->len = base;
		buf_printf(b, "-%zu", n);
	}
}

/* PAGE's /Annots, made when it has none yet. */
static HPDF_Array
page_annots(struct render *r, HPDF_Page page)
{
	HPDF_Array a = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);

	if (a != NULL)
		return a;
	a = HPDF_Array_New(r->hpdf->mmgr);
	if (!haru_made(r, a) ||
	    haru_failed(r, HPDF_Dict_Add(page, "Annots", a)))
		return NULL;
	return a;
}

/* The empty appearance of a W x H field: a form XObject that draws
 * nothing. */
static HPDF_Dict
empty_appearance(struct render *r, double w, double h)
{
	HPDF_Dict x = HPDF_DictStream_New(r->hpdf->mmgr, r->hpdf->xref);
	HPDF_Array box;

	if (!haru_made(r, x))
		return NULL;
	box = HPDF_Array_New(r->hpdf->mmgr);
	if (!haru_made(r, box) ||
	    haru_failed(r, HPDF_Dict_Add(x, "BBox", box)) ||
	    haru_failed(r, HPDF_Array_AddReal(box, 0)) ||
	    haru_failed(r, HPDF_Array_AddReal(box, 0)) ||
	    haru_failed(r, HPDF_Array_AddReal(box, (HPDF_REAL)w)) ||
	    haru_failed(r, HPDF_Array_AddReal(box, (HPDF_REAL)h)) ||
	    haru_failed(r, HPDF_Dict_AddName(x, "Type", "XObject")) ||
	    haru_failed(r, HPDF_Dict_AddName(x, "Subtype", "Form")))
		return NULL;
	return x;
}

/* The field of zone K, added to FIELDS and to its page's annotations. */
static bool
add_field(struct render *r, size_t k, HPDF_Array fields,
    struct ptrvec *names, struct buf *name)
{
	const struct sign_zone *z = &r->zones[k];
	const struct item *it = &r->items[z->item];
	HPDF_Page page = r->hpages[it->page];
	HPDF_Dict f, ap, n;
	HPDF_Array rect, annots;
	HPDF_String t;
	double top = MARGIN_TOP + it->y + z->y;

	field_name(r, k, names, name);
	ptrvec_push(names, xstrdup(buf_cstr(name)));
	f = HPDF_Dict_New(r->hpdf->mmgr);
	if (!haru_made(r, f) || haru_failed(r, HPDF_Xref_Add(r->hpdf->xref, f)))
		return false;
	rect = HPDF_Array_New(r->hpdf->mmgr);
	if (!haru_made(r, rect) ||
	    haru_failed(r, HPDF_Dict_Add(f, "Rect", rect)))
		return false;
	if (haru_failed(r, HPDF_Array_AddReal(rect, (HPDF_REAL)(MARGIN_X +
	    z->x))) ||
	    haru_failed(r, HPDF_Array_AddReal(rect, (HPDF_REAL)pdf_y(top +
	    z->h))) ||
	    haru_failed(r, HPDF_Array_AddReal(rect, (HPDF_REAL)(MARGIN_X +
	    z->x + z->w))) ||
	    haru_failed(r, HPDF_Array_AddReal(rect, (HPDF_REAL)pdf_y(top))))
		return false;
	t = HPDF_String_New(r->hpdf->mmgr, buf_cstr(name), NULL);
	if (!haru_made(r, t) || haru_failed(r, HPDF_Dict_Add(f, "T", t)) ||
	    haru_failed(r, HPDF_Dict_AddName(f, "Type", "Annot")) ||
	    haru_failed(r, HPDF_Dict_AddName(f, "Subtype", "Widget")) ||
	    haru_failed(r, HPDF_Dict_AddName(f, "FT", "Sig")) ||
	    /* Print (bit 3): printed as shown, as PDF/A wants. */
	    haru_failed(r, HPDF_Dict_AddNumber(f, "F", 4)) ||
	    haru_failed(r, HPDF_Dict_Add(f, "P", page)))
		return false;
	if ((n = empty_appearance(r, z->w, z->h)) == NULL)
		return false;
	ap = HPDF_Dict_New(r->hpdf->mmgr);
	if (!haru_made(r, ap) || haru_failed(r, HPDF_Dict_Add(f, "AP", ap)) ||
	    haru_failed(r, HPDF_Dict_Add(ap, "N", n)))
		return false;
	if ((annots = page_annots(r, page)) == NULL)
		return false;
	/* What a screen reader says of the field: whose signature. */
	buf_reset(name);
	buf_printf(name, "Signature de %s", z->party->name != NULL &&
	    z->party->name[0] != '\0' ? z->party->name : "la partie");
	if (!tags_widget(r, it->page, z->cell, z->key, f, buf_cstr(name)))
		return false;
	return !haru_failed(r, HPDF_Array_Add(annots, f)) &&
	    !haru_failed(r, HPDF_Array_Add(fields, f));
}

bool
fields_write(struct render *r)
{
	HPDF_Dict form;
	HPDF_Array fields;
	struct ptrvec names;
	struct buf name;
	size_t k;
	bool ok = true;

	if (r->nzones == 0)
		return true;
	form = HPDF_Dict_New(r->hpdf->mmgr);
	if (!haru_made(r, form) ||
	    haru_failed(r, HPDF_Xref_Add(r->hpdf->xref, form)) ||
	    haru_failed(r, HPDF_Dict_Add(r->hpdf->catalog, "AcroForm",
	    form)))
		return false;
	fields = HPDF_Array_New(r->hpdf->mmgr);
	if (!haru_made(r, fields) ||
	    haru_failed(r, HPDF_Dict_Add(form, "Fields", fields)))
		return false;
	memset(&names, 0, sizeof(names));
	buf_init(&name);
	for (k = 0; k < r->nzones && ok; k++)
		ok = add_field(r, k, fields, &names, &name);
	buf_free(&name);
	for (k = 0; k < names.len; k++)
		free(names.items[k]);
	ptrvec_free(&names);
	return ok;
}
