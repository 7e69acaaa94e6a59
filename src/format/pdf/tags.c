/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * The tagged PDF (PDF 1.7, 14.7 and 14.8): what a screen reader reads
 * instead of guessing from the glyphs' positions.  Three moments:
 *
 *  1. Layout (layout.c) opens and closes elements in reading order as it
 *     lays the document out — Document; H1 the title, H2 to H4 the
 *     headings by level; P; L, LI, Lbl, LBody; Link; Table, TR, TD for
 *     the signatures — and each piece of text takes the element open
 *     when it is made.  An element's place among its siblings is the
 *     index of the first piece made after it opened: pieces are made in
 *     reading order.
 *  2. Drawing (draw.c) wraps the text in marked-content sequences,
 *     "/P <</MCID n>> BDC … EMC", one per run of pieces of one element
 *     on a page (a paragraph's lines, unless a link cuts them), and the
 *     running header, page number, rules and highlights in /Artifact,
 *     which readers skip.  libharu has no call for these operators: they
 *     go straight into the page's content stream, as its own operators
 *     do.
 *  3. Writing, once every page is drawn: one dictionary per element,
 *     its kids sorted by that place (child elements, MCIDs — as MCR
 *     dictionaries on another page than the element's /Pg —, the OBJR
 *     of a link annotation), the parent tree (a number tree: each page's
 *     MCIDs, then each annotation, to its element), /StructParents on
 *     the pages, /StructParent on the annotations, /MarkInfo and
 *     /StructTreeRoot in the catalog (the catalog's /Lang is haru.c's).
 *
 * libharu's arrays hold at most HPDF_LIMIT_MAX_ARRAY items: an element
 * with more kids than TAG_MAX_KIDS (a list of a hundred thousand items)
 * gets them through Div elements of TAG_MAX_KIDS each, and a parent
 * tree of more than TAG_MAX_NUMS keys becomes a tree of leaves.
 */
#include "format/pdf/tags.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_pages.h>

#include "format/pdf/haru.h"
#include "format/pdf/objstm.h"
#include "format/pdf/render.h"

#define TAG_NONE	(UINT32_MAX - 2)
#define TAG_MAX_KIDS	2048
#define TAG_MAX_NUMS	1024	/* keys in one node of the parent tree */

static const char *const tag_names[] = {
	[TAG_DOCUMENT] = "Document",
	[TAG_H1] = "H1",
	[TAG_H2] = "H2",
	[TAG_H3] = "H3",
	[TAG_H4] = "H4",
	[TAG_P] = "P",
	[TAG_L] = "L",
	[TAG_LI] = "LI",
	[TAG_LBL] = "Lbl",
	[TAG_LBODY] = "LBody",
	[TAG_LINK] = "Link",
	[TAG_TABLE] = "Table",
	[TAG_TR] = "TR",
	[TAG_TD] = "TD",
	[TAG_FORM] = "Form",
	[TAG_DIV] = "Div",
};

struct elem {
	enum tag_type	 type;
	uint32_t	 parent;	/* TAG_NONE: the Document */
	HPDF_Dict	 dict;		/* from tags_write on */
	HPDF_Dict	 holder;	/* its parent's dictionary, or a Div's */
};

enum kid_kind {
	KID_ELEM,
	KID_MCID,
	KID_OBJR
};

struct kid {
	uint32_t	 parent;
	enum kid_kind	 kind;
	uint32_t	 value;		/* element, or MCID */
	uint32_t	 page;		/* MCID, OBJR */
	size_t		 key;		/* the first piece: reading order */
	size_t		 seq;		/* made before, at an equal key */
	HPDF_Annotation	 annot;		/* OBJR */
	HPDF_Dict	 holder;	/* from tags_write on */
};

struct tags {
	struct elem	*elems;
	size_t		 nelems;
	struct kid	*kids;
	size_t		 nkids;
	/* Layout. */
	uint32_t	 cur;
	uint32_t	 label;
	uint32_t	 link;
	const char	*link_target;
	size_t		 link_piece;
	/* Drawing. */
	uint32_t	*mcids;		/* by page, how many */
	size_t		 page;
	uint32_t	 open;
	size_t		 nannots;
	size_t		 tabs_page;	/* the last page given /Tabs, + 1 */
	/* Writing: the objects of the tree, for object streams. */
	uint32_t	*ids;
	size_t		 nids;
};

static uint32_t
elem_new(struct tags *t, enum tag_type type, uint32_t parent, size_t key)
{
	struct elem *e;
	struct kid *k;

	t->elems = xgrow(t->elems, t->nelems, sizeof(*t->elems));
	e = &t->elems[t->nelems];
	memset(e, 0, sizeof(*e));
	e->type = type;
	e->parent = parent;
	if (parent != TAG_NONE) {
		t->kids = xgrow(t->kids, t->nkids, sizeof(*t->kids));
		k = &t->kids[t->nkids];
		memset(k, 0, sizeof(*k));
		k->parent = parent;
		k->kind = KID_ELEM;
		k->value = (uint32_t)t->nelems;
		k->key = key;
		k->seq = t->nkids++;
	}
	return (uint32_t)t->nelems++;
}

struct tags *
tags_new(void)
{
	struct tags *t = xcalloc(1, sizeof(*t));

	elem_new(t, TAG_DOCUMENT, TAG_NONE, 0);
	t->cur = 0;
	t->label = TAG_NONE;
	t->link = TAG_NONE;
	t->open = TAG_NONE;
	return t;
}

void
tags_free(struct tags *t)
{
	if (t == NULL)
		return;
	free(t->elems);
	free(t->kids);
	free(t->mcids);
	free(t->ids);
	free(t);
}

uint32_t
tags_current(const struct render *r)
{
	return r->tags != NULL ? r->tags->cur : 0;
}

void
tags_open(struct render *r, enum tag_type type)
{
	struct tags *t = r->tags;

	if (t == NULL)
		return;
	t->cur = elem_new(t, type, t->cur, r->npieces);
	t->link = TAG_NONE;
}

void
tags_close(struct render *r)
{
	struct tags *t = r->tags;

	if (t == NULL || t->elems[t->cur].parent == TAG_NONE)
		return;
	t->cur = t->elems[t->cur].parent;
	t->link = TAG_NONE;
}

void
tags_set_label(struct render *r)
{
	struct tags *t = r->tags;

	if (t != NULL)
		t->label = elem_new(t, TAG_LBL, t->cur, r->npieces);
}

uint32_t
tags_label(struct render *r)
{
	struct tags *t = r->tags;
	uint32_t l;

	if (t == NULL)
		return 0;
	l = t->label != TAG_NONE ? t->label : t->cur;
	t->label = TAG_NONE;
	return l;
}

/* Called for the piece just made, the last of R->pieces. */
uint32_t
tags_link(struct render *r, const char *target)
{
	struct tags *t = r->tags;
	size_t piece = r->npieces - 1;

	if (t == NULL)
		return 0;
	if (t->link == TAG_NONE || t->link_piece + 1 != piece ||
	    t->elems[t->link].parent != t->cur ||
	    strcmp(t->link_target, target) != 0) {
		t->link = elem_new(t, TAG_LINK, t->cur, piece);
		t->link_target = target;
	}
	t->link_piece = piece;
	return t->link;
}

static bool
write_op(struct render *r, HPDF_Page page, const char *op)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;

	return !haru_failed(r, HPDF_Stream_WriteStr(attr->stream, op));
}

bool
tags_page(struct render *r, size_t pn)
{
	struct tags *t = r->tags;

	if (t == NULL)
		return true;
	if (t->mcids == NULL)
		t->mcids = xcalloc(r->npages + 1, sizeof(*t->mcids));
	t->page = pn;
	t->open = TAG_NONE;
	return true;
}

bool
tags_end(struct render *r, HPDF_Page page)
{
	struct tags *t = r->tags;

	if (t == NULL || t->open == TAG_NONE)
		return true;
	t->open = TAG_NONE;
	return write_op(r, page, "EMC\012");
}

bool
tags_mark(struct render *r, HPDF_Page page, uint32_t tag, size_t key)
{
	struct tags *t = r->tags;
	struct kid *k;
	const char *name;
	char op[64], digits[16], *p;
	size_t n;
	unsigned v;

	if (t == NULL || tag == t->open)
		return true;
	if (!tags_end(r, page))
		return false;
	t->open = tag;
	if (tag == TAG_DECOR)
		return write_op(r, page, "/Artifact BMC\012");
	if (tag == TAG_PAGINATION)
		return write_op(r, page,
		    "/Artifact <</Type /Pagination>> BDC\012");
	t->kids = xgrow(t->kids, t->nkids, sizeof(*t->kids));
	k = &t->kids[t->nkids];
	memset(k, 0, sizeof(*k));
	k->parent = tag;
	k->kind = KID_MCID;
	k->value = t->mcids[t->page]++;
	k->page = (uint32_t)t->page;
	k->key = key;
	k->seq = t->nkids++;
	/* "/%s <</MCID %u>> BDC\n", without snprintf: once a string
	 * drawn in a tagged PDF. */
	name = tag_names[t->elems[tag].type];
	p = op;
	*p++ = '/';
	n = strlen(name);
	memcpy(p, name, n);
	p += n;
	memcpy(p, " <</MCID ", 9);
	p += 9;
	n = 0;
	v = (unsigned)k->value;
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n > 0)
		*p++ = digits[--n];
	memcpy(p, ">> BDC\012", 8);
	return write_op(r, page, op);
}

static void
put_utf16(struct buf *b, uint32_t cp)
{
	if (cp >= 0x10000) {
		cp -= 0x10000;
		put_utf16(b, 0xD800 + (cp >> 10));
		cp = 0xDC00 + (cp & 0x3FF);
	}
	buf_putc(b, (char)(cp >> 8));
	buf_putc(b, (char)(cp & 0xFF));
}

/* The link's text as its annotation's /Contents, which a screen reader
 * says of the link (PDF/UA-1, 7.18.5): the pieces of its element on
 * its line, from piece KEY, in UTF-16BE. */
static bool
annot_contents(struct render *r, HPDF_Annotation a, uint32_t tag, size_t key)
{
	const struct piece *pc;
	struct buf b;
	HPDF_Binary s;
	size_t k, i, n;
	uint32_t cp;

	buf_init(&b);
	put_utf16(&b, 0xFEFF);
	for (k = key; k < r->npieces && r->pieces[k].tag == tag &&
	    r->pieces[k].y == r->pieces[key].y && b.len < 2000; k++) {
		pc = &r->pieces[k];
		if (k > key)
			put_utf16(&b, ' ');
		for (i = 0; i < pc->len; i += n) {
			if ((n = utf8_decode(pc->text + i, pc->len - i,
			    &cp)) == 0) {
				n = 1;
				cp = 0xFFFD;
			}
			put_utf16(&b, cp == 0xA0 || cp == 0x202F ? ' ' : cp);
		}
	}
	s = HPDF_Binary_New(r->hpdf->mmgr, (HPDF_BYTE *)b.data,
	    (HPDF_UINT)b.len);
	buf_free(&b);
	if (s == NULL)
		return !haru_failed(r, HPDF_GetError(r->hpdf) != HPDF_OK ?
		    HPDF_GetError(r->hpdf) : HPDF_FAILD_TO_ALLOC_MEM);
	return !haru_failed(r, HPDF_Dict_Add(a, "Contents", s));
}

bool
tags_annot(struct render *r, HPDF_Page page, uint32_t tag, size_t key,
    HPDF_Annotation a)
{
	struct tags *t = r->tags;
	struct kid *k;

	if (t == NULL)
		return true;
	/* Tab order follows the structure (PDF/UA-1, 7.18.3). */
	if (t->tabs_page != t->page + 1) {
		t->tabs_page = t->page + 1;
		if (haru_failed(r, HPDF_Dict_AddName(page, "Tabs", "S")))
			return false;
	}
	if (haru_failed(r, HPDF_Dict_AddNumber(a, "StructParent",
	    (HPDF_INT32)(r->npages + t->nannots))) ||
	    !annot_contents(r, a, tag, key))
		return false;
	t->kids = xgrow(t->kids, t->nkids, sizeof(*t->kids));
	k = &t->kids[t->nkids];
	memset(k, 0, sizeof(*k));
	k->parent = tag;
	k->kind = KID_OBJR;
	k->value = (uint32_t)t->nannots++;
	k->page = (uint32_t)t->page;
	k->key = key;
	k->seq = t->nkids++;
	k->annot = a;
	return true;
}

bool
tags_widget(struct render *r, size_t pn, uint32_t cell, size_t key,
    HPDF_Annotation a, const char *description)
{
	struct tags *t = r->tags;
	struct kid *k;
	struct buf b;
	HPDF_Binary tu;
	uint32_t form, cp;
	size_t i, n;

	if (t == NULL)
		return true;
	buf_init(&b);
	put_utf16(&b, 0xFEFF);
	for (i = 0; description[i] != '\0'; i += n) {
		if ((n = utf8_decode(description + i, strlen(description + i),
		    &cp)) == 0) {
			n = 1;
			cp = 0xFFFD;
		}
		put_utf16(&b, cp == 0xA0 || cp == 0x202F ? ' ' : cp);
	}
	tu = HPDF_Binary_New(r->hpdf->mmgr, (HPDF_BYTE *)b.data,
	    (HPDF_UINT)b.len);
	buf_free(&b);
	if (tu == NULL)
		return !haru_failed(r, HPDF_GetError(r->hpdf) != HPDF_OK ?
		    HPDF_GetError(r->hpdf) : HPDF_FAILD_TO_ALLOC_MEM);
	if (haru_failed(r, HPDF_Dict_Add(a, "TU", tu)))
		return false;
	/* Tab order follows the structure (PDF/UA-1, 7.18.3); a page's
	 * /Tabs set twice is one key replaced. */
	if (haru_failed(r, HPDF_Dict_AddName(r->hpages[pn], "Tabs", "S")) ||
	    haru_failed(r, HPDF_Dict_AddNumber(a, "StructParent",
	    (HPDF_INT32)(r->npages + t->nannots))))
		return false;
	form = elem_new(t, TAG_FORM, cell, key);
	t->kids = xgrow(t->kids, t->nkids, sizeof(*t->kids));
	k = &t->kids[t->nkids];
	memset(k, 0, sizeof(*k));
	k->parent = form;
	k->kind = KID_OBJR;
	k->value = (uint32_t)t->nannots++;
	k->page = (uint32_t)pn;
	k->key = key;
	k->seq = t->nkids++;
	k->annot = a;
	return true;
}

static int
kid_cmp(const void *pa, const void *pb)
{
	const struct kid *a = pa, *b = pb;

	if (a->parent != b->parent)
		return a->parent < b->parent ? -1 : 1;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* A new indirect dictionary, or NULL after reporting why not. */
static HPDF_Dict
new_indirect(struct render *r)
{
	HPDF_Dict d = HPDF_Dict_New(r->hpdf->mmgr);

	if (d == NULL) {
		haru_failed(r, HPDF_GetError(r->hpdf) != HPDF_OK ?
		    HPDF_GetError(r->hpdf) : HPDF_FAILD_TO_ALLOC_MEM);
		return NULL;
	}
	/* Frees D when it fails. */
	if (haru_failed(r, HPDF_Xref_Add(r->hpdf->xref, d)))
		return NULL;
	if (r->tags != NULL) {
		r->tags->ids = xgrow(r->tags->ids, r->tags->nids,
		    sizeof(*r->tags->ids));
		r->tags->ids[r->tags->nids++] = d->header.obj_id & 0x00FFFFFF;
	}
	return d;
}

static HPDF_Array
new_array(struct render *r)
{
	HPDF_Array a = HPDF_Array_New(r->hpdf->mmgr);

	if (a == NULL)
		haru_failed(r, HPDF_GetError(r->hpdf) != HPDF_OK ?
		    HPDF_GetError(r->hpdf) : HPDF_FAILD_TO_ALLOC_MEM);
	return a;
}

static HPDF_Dict
new_direct(struct render *r)
{
	HPDF_Dict d = HPDF_Dict_New(r->hpdf->mmgr);

	if (d == NULL)
		haru_failed(r, HPDF_GetError(r->hpdf) != HPDF_OK ?
		    HPDF_GetError(r->hpdf) : HPDF_FAILD_TO_ALLOC_MEM);
	return d;
}

/* One kid as an item of K, in an element whose /Pg is page PG (or
 * NONE). */
static void *
kid_object(struct render *r, const struct kid *k, size_t pg)
{
	HPDF_Dict d;

	switch (k->kind) {
	case KID_ELEM:
		return r->tags->elems[k->value].dict;
	case KID_MCID:
		if (k->page == pg)
			return HPDF_Number_New(r->hpdf->mmgr,
			    (HPDF_INT32)k->value);
		if ((d = new_direct(r)) == NULL ||
		    haru_failed(r, HPDF_Dict_AddName(d, "Type", "MCR")) ||
		    haru_failed(r, HPDF_Dict_Add(d, "Pg", r->hpages[k->page])) ||
		    haru_failed(r, HPDF_Dict_AddNumber(d, "MCID",
		    (HPDF_INT32)k->value)))
			return NULL;
		return d;
	case KID_OBJR:
		if ((d = new_direct(r)) == NULL ||
		    haru_failed(r, HPDF_Dict_AddName(d, "Type", "OBJR")) ||
		    haru_failed(r, HPDF_Dict_Add(d, "Obj", k->annot)) ||
		    haru_failed(r, HPDF_Dict_Add(d, "Pg", r->hpages[k->page])))
			return NULL;
		return d;
	}
	return NULL;
}

/* /K (and /Pg) of HOLDER: kids [A, B), which it holds from now on. */
static bool
write_kids(struct render *r, HPDF_Dict holder, struct kid *kids, size_t a,
    size_t b)
{
	HPDF_Array arr;
	void *o;
	size_t i, pg = NONE;

	for (i = a; i < b && pg == NONE; i++)
		if (kids[i].kind == KID_MCID)
			pg = kids[i].page;
	if (pg != NONE && haru_failed(r, HPDF_Dict_Add(holder, "Pg",
	    r->hpages[pg])))
		return false;
	for (i = a; i < b; i++) {
		kids[i].holder = holder;
		if (kids[i].kind == KID_ELEM)
			r->tags->elems[kids[i].value].holder = holder;
	}
	if (b == a)
		return true;
	if (b == a + 1) {
		if ((o = kid_object(r, &kids[a], pg)) == NULL)
			return !haru_failed(r, HPDF_FAILD_TO_ALLOC_MEM);
		return !haru_failed(r, HPDF_Dict_Add(holder, "K", o));
	}
	if ((arr = new_array(r)) == NULL ||
	    haru_failed(r, HPDF_Dict_Add(holder, "K", arr)))
		return false;
	for (i = a; i < b; i++) {
		if ((o = kid_object(r, &kids[i], pg)) == NULL)
			return !haru_failed(r, HPDF_FAILD_TO_ALLOC_MEM);
		if (haru_failed(r, HPDF_Array_Add(arr, o)))
			return false;
	}
	return true;
}

/* Element E's kids [A, B): in E itself, or through Divs of
 * TAG_MAX_KIDS kids each when there are more. */
static bool
write_element_kids(struct render *r, HPDF_Dict e, struct kid *kids,
    size_t a, size_t b)
{
	HPDF_Array divs;
	HPDF_Dict div;
	size_t i, end;

	if (b - a <= TAG_MAX_KIDS)
		return write_kids(r, e, kids, a, b);
	if ((divs = new_array(r)) == NULL ||
	    haru_failed(r, HPDF_Dict_Add(e, "K", divs)))
		return false;
	for (i = a; i < b; i = end) {
		end = b - i > TAG_MAX_KIDS ? i + TAG_MAX_KIDS : b;
		if ((div = new_indirect(r)) == NULL ||
		    haru_failed(r, HPDF_Dict_AddName(div, "S",
		    tag_names[TAG_DIV])) ||
		    haru_failed(r, HPDF_Dict_Add(div, "P", e)) ||
		    haru_failed(r, HPDF_Array_Add(divs, div)) ||
		    !write_kids(r, div, kids, i, end))
			return false;
	}
	return true;
}

/* The parent tree: KEYS[i] to VALUES[i], N pairs, in ascending keys. */
static bool
write_parent_tree(struct render *r, HPDF_Dict root, const size_t *keys,
    void **values, size_t n)
{
	HPDF_Dict tree, leaf;
	HPDF_Array nums, kids = NULL, limits;
	size_t i, end, j;

	if ((tree = new_indirect(r)) == NULL ||
	    haru_failed(r, HPDF_Dict_Add(root, "ParentTree", tree)))
		return false;
	if (n > TAG_MAX_NUMS && ((kids = new_array(r)) == NULL ||
	    haru_failed(r, HPDF_Dict_Add(tree, "Kids", kids))))
		return false;
	for (i = 0; i < n || (i == 0 && n == 0); i = end) {
		end = n - i > TAG_MAX_NUMS ? i + TAG_MAX_NUMS : n;
		leaf = tree;
		if (kids != NULL) {
			if ((leaf = new_indirect(r)) == NULL ||
			    haru_failed(r, HPDF_Array_Add(kids, leaf)) ||
			    (limits = new_array(r)) == NULL ||
			    haru_failed(r, HPDF_Dict_Add(leaf, "Limits",
			    limits)) ||
			    haru_failed(r, HPDF_Array_AddNumber(limits,
			    (HPDF_INT32)keys[i])) ||
			    haru_failed(r, HPDF_Array_AddNumber(limits,
			    (HPDF_INT32)keys[end - 1])))
				return false;
		}
		if ((nums = new_array(r)) == NULL ||
		    haru_failed(r, HPDF_Dict_Add(leaf, "Nums", nums)))
			return false;
		for (j = i; j < end; j++)
			if (haru_failed(r, HPDF_Array_AddNumber(nums,
			    (HPDF_INT32)keys[j])) ||
			    haru_failed(r, HPDF_Array_Add(nums, values[j])))
				return false;
		if (n == 0)
			break;
	}
	return true;
}

/* Each page's MCIDs to the element (or Div) holding them, then each
 * annotation to its Link. */
static bool
write_parents(struct render *r, HPDF_Dict root, struct kid *kids,
    size_t nkids)
{
	struct tags *t = r->tags;
	size_t *first, *keys, i, n = 0, p;
	HPDF_Dict *by_mcid;
	void **values;
	HPDF_Array arr;
	bool ok = false;

	first = xcalloc(r->npages + 1, sizeof(*first));
	for (p = 0; p < r->npages; p++)
		first[p + 1] = first[p] + t->mcids[p];
	by_mcid = xcalloc(first[r->npages] + 1, sizeof(*by_mcid));
	keys = xcalloc(r->npages + t->nannots + 1, sizeof(*keys));
	values = xcalloc(r->npages + t->nannots + 1, sizeof(*values));
	for (i = 0; i < nkids; i++)
		if (kids[i].kind == KID_MCID)
			by_mcid[first[kids[i].page] + kids[i].value] =
			    kids[i].holder;
	for (p = 0; p < r->npages; p++) {
		if (t->mcids[p] == 0)
			continue;
		if ((arr = new_array(r)) == NULL)
			goto out;
		keys[n] = p;
		values[n++] = arr;
		for (i = first[p]; i < first[p + 1]; i++)
			if (haru_failed(r, HPDF_Array_Add(arr, by_mcid[i])))
				goto out;
		if (haru_failed(r, HPDF_Dict_AddNumber(r->hpages[p],
		    "StructParents", (HPDF_INT32)p)))
			goto out;
	}
	for (i = 0; i < nkids; i++)
		if (kids[i].kind == KID_OBJR) {
			keys[n + kids[i].value] = r->npages + kids[i].value;
			values[n + kids[i].value] = kids[i].holder;
		}
	ok = write_parent_tree(r, root, keys, values, n + t->nannots) &&
	    !haru_failed(r, HPDF_Dict_AddNumber(root, "ParentTreeNextKey",
	    (HPDF_INT32)(r->npages + t->nannots)));
out:
	free(first);
	free(by_mcid);
	free(keys);
	free(values);
	return ok;
}

static bool
write_tree(struct render *r)
{
	struct tags *t = r->tags;
	HPDF_Dict root, mark;
	size_t i, j;

	if ((root = new_indirect(r)) == NULL ||
	    haru_failed(r, HPDF_Dict_AddName(root, "Type", "StructTreeRoot")))
		return false;
	for (i = 0; i < t->nelems; i++)
		if ((t->elems[i].dict = new_indirect(r)) == NULL)
			return false;
	t->elems[0].holder = root;
	/* An empty contract has none (and no array). */
	if (t->nkids > 0)
		qsort(t->kids, t->nkids, sizeof(*t->kids), kid_cmp);
	for (i = 0; i < t->nkids; i = j) {
		for (j = i + 1; j < t->nkids && t->kids[j].parent ==
		    t->kids[i].parent; j++)
			;
		if (!write_element_kids(r, t->elems[t->kids[i].parent].dict,
		    t->kids, i, j))
			return false;
	}
	for (i = 0; i < t->nelems; i++)
		if (haru_failed(r, HPDF_Dict_AddName(t->elems[i].dict, "S",
		    tag_names[t->elems[i].type])) ||
		    haru_failed(r, HPDF_Dict_Add(t->elems[i].dict, "P",
		    t->elems[i].holder)))
			return false;
	if (haru_failed(r, HPDF_Dict_Add(root, "K", t->elems[0].dict)) ||
	    !write_parents(r, root, t->kids, t->nkids) ||
	    haru_failed(r, HPDF_Dict_Add(r->hpdf->catalog, "StructTreeRoot",
	    root)) || (mark = new_direct(r)) == NULL ||
	    haru_failed(r, HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE)) ||
	    haru_failed(r, HPDF_Dict_Add(r->hpdf->catalog, "MarkInfo", mark)))
		return false;
	return true;
}

bool
tags_write(struct render *r)
{
	HPDF_Dict prefs;
	size_t i;

	/* The window shows the title, not the file's name (PDF/UA-1,
	 * 7.1); the outline opens with the document when there is one. */
	if ((prefs = new_direct(r)) == NULL ||
	    haru_failed(r, HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle",
	    HPDF_TRUE)) ||
	    haru_failed(r, HPDF_Dict_Add(r->hpdf->catalog,
	    "ViewerPreferences", prefs)))
		return false;
	for (i = 0; i < r->nitems; i++)
		if (r->items[i].heading != NULL) {
			if (haru_failed(r, HPDF_SetPageMode(r->hpdf,
			    HPDF_PAGE_MODE_USE_OUTLINE)))
				return false;
			break;
		}
	/* /Lang and DisplayDocTitle are PDF 1.4; libharu announces 1.3.
	 * The tagged file's object streams are PDF 1.5. */
	if (r->hpdf->pdf_version < HPDF_VER_14)
		r->hpdf->pdf_version = HPDF_VER_14;
	if (r->tags == NULL)
		return true;
	if (r->pack && r->hpdf->pdf_version < HPDF_VER_15)
		r->hpdf->pdf_version = HPDF_VER_15;
	if (!write_tree(r))
		return false;
	r->tagged = true;
	return true;
}

bool
tags_packed(const struct render *r)
{
	return r->tags != NULL && r->pack;
}

bool
tags_pack(struct render *r, const char *pdf, size_t len,
    const size_t *offsets, size_t count, struct buf *out)
{
	return objstm_pack(r, pdf, len, offsets, count, r->tags->ids,
	    r->tags->nids, out);
}
