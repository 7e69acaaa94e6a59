/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * Object streams (PDF 1.5, 7.5.7) for the tagged PDF's structure tree.
 * Each structure element is a small dictionary of its own — some forty
 * bytes, and as many again for "12 0 obj … endobj" and its line in the
 * cross-reference table —, and a contract has hundreds: written as
 * libharu writes objects, they would weigh a third of the file.  In
 * object streams they are compressed together, to a few bytes each,
 * which needs a cross-reference stream (7.5.8) in place of the table.
 * libharu 2.3.0 writes neither, so its file is rewritten here: every
 * other object copied as it is, the chosen ones moved into streams of
 * at most OBJSTM_MAX objects, the trailer's entries carried into the
 * cross-reference stream's dictionary.  Where each object lies comes
 * from libharu's own cross-reference entries, filled as it wrote them.
 */
#include "format/pdf/objstm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>

#include "base/diag.h"
#include "format/pdf/deflate.h"
#include "format/pdf/render.h"

#define OBJSTM_MAX	4096	/* objects per stream: its index in 2 bytes */

/* One object of the file: [start, end) from "N 0 obj" to after
 * "endobj\n", and the body between. */
struct span {
	size_t	 start, end;
	size_t	 body, body_end;
};

/* V in decimal at S (room for 20 digits); the digits' count.  Called
 * for every object of the file: snprintf's cost was a contract's
 * 0.9 M instructions. */
static size_t
decimal(char *s, size_t v)
{
	char tmp[24];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	for (i = 0; i < n; i++)
		s[i] = tmp[n - 1 - i];
	return n;
}

static void
put_be(struct buf *b, size_t v, int width)
{
	while (width-- > 0)
		buf_putc(b, (char)((v >> (8 * width)) & 0xFF));
}

/* Appends a stream object NUM with DICT's entries and DATA deflated. */
static bool
put_stream(struct render *r, struct buf *out, size_t num, const char *dict,
    const struct buf *data, struct buf *z)
{
	if (!pdf_deflate(r, data->data, data->len, z))
		return false;
	buf_printf(out, "%zu 0 obj\012<<\012%s/Filter /FlateDecode\012"
	    "/Length %zu\012>>\012stream\012", num, dict, z->len);
	buf_put(out, z->data, z->len);
	buf_puts(out, "\012endstream\012endobj\012");
	return true;
}

size_t *
objstm_offsets(struct render *r, size_t *count)
{
	HPDF_Xref xref = r->hpdf->xref;
	size_t *offsets, i;

	*count = xref->entries->count;
	if (*count < 2 || xref->prev != NULL || r->hpdf->encrypt_on)
		return NULL;
	offsets = xcalloc(*count + 1, sizeof(*offsets));
	for (i = 1; i < *count; i++)
		offsets[i] = HPDF_Xref_GetEntry(xref, (HPDF_UINT)i)->byte_offset;
	offsets[*count] = xref->addr;
	return offsets;
}

bool
objstm_pack(struct render *r, const char *pdf, size_t len,
    const size_t *offsets, size_t count, const uint32_t *ids, size_t nids,
    struct buf *out)
{
	size_t i, k, n, first, nstreams, num, xref_off, trailer, trailer_end;
	struct span *spans;
	size_t *where;		/* new offset, or stream number */
	size_t *index;		/* in its stream, or NONE */
	uint32_t *packed;	/* the packed ids in order */
	size_t *stream_off;	/* each object stream's offset */
	struct buf head, body, dict, z;
	size_t base = out->len;	/* where the file starts in OUT */
	const char *t, *e;
	char tmp[32];
	bool ok = false;

	spans = xcalloc(count, sizeof(*spans));
	where = xcalloc(count, sizeof(*where));
	index = xcalloc(count, sizeof(*index));
	packed = xcalloc(nids + 1, sizeof(*packed));
	stream_off = xcalloc(nids / OBJSTM_MAX + 2, sizeof(*stream_off));
	buf_init(&head);
	buf_init(&body);
	buf_init(&dict);
	buf_init(&z);
	/* Each object from its offset to the next one's (objects are
	 * written in order), the last to the table. */
	for (i = 1; i < count; i++) {
		spans[i].start = offsets[i];
		spans[i].end = offsets[i + 1];
		k = decimal(tmp, i);
		memcpy(tmp + k, " 0 obj\012", 7);
		k += 7;
		spans[i].body = spans[i].start + k;
		spans[i].body_end = spans[i].end - strlen("\012endobj\012");
		if (spans[i].end > len || spans[i].body > spans[i].body_end ||
		    memcmp(pdf + spans[i].start, tmp, k) != 0 ||
		    memcmp(pdf + spans[i].body_end, "\012endobj\012", 8) != 0)
			goto out;
		index[i] = NONE;
	}
	/* The trailer's entries but /Size, for the stream's dictionary. */
	if (offsets[count] > len)
		goto out;
	t = pdf + offsets[count];
	if ((t = strstr(t, "trailer\012<<\012")) == NULL ||
	    (e = strstr(t, "\012>>\012startxref")) == NULL)
		goto out;
	trailer = (size_t)(t - pdf) + strlen("trailer\012<<\012");
	trailer_end = (size_t)(e - pdf) + 1;
	for (i = trailer; i < trailer_end; i = k + 1) {
		for (k = i; k < trailer_end && pdf[k] != '\012'; k++)
			;
		if (k - i < 6 || memcmp(pdf + i, "/Size ", 6) != 0)
			buf_put(&dict, pdf + i, k + 1 - i);
	}

	for (i = n = 0; i < nids; i++)
		if (ids[i] > 0 && ids[i] < count && index[ids[i]] == NONE) {
			index[ids[i]] = 0;
			packed[n++] = ids[i];
		}
	nstreams = (n + OBJSTM_MAX - 1) / OBJSTM_MAX;
	buf_put(out, pdf, spans[1].start);
	for (i = 1; i < count; i++)
		if (index[i] == NONE) {
			where[i] = out->len - base;
			buf_put(out, pdf + spans[i].start, spans[i].end -
			    spans[i].start);
		}
	/* The streams, numbered after libharu's objects. */
	for (k = 0; k < nstreams; k++) {
		size_t from = k * OBJSTM_MAX, to = from + OBJSTM_MAX > n ? n :
		    from + OBJSTM_MAX, off = 0;
		size_t *starts = xcalloc(to - from + 1, sizeof(*starts));
		struct buf sd;

		num = count + k;
		buf_reset(&head);
		buf_reset(&body);
		for (i = from; i < to; i++) {
			struct span *s = &spans[packed[i]];

			starts[i - from] = off;
			buf_put(&body, pdf + s->body, s->body_end - s->body);
			buf_putc(&body, '\012');
			off = body.len;
			where[packed[i]] = num;
			index[packed[i]] = i - from;
		}
		for (i = from; i < to; i++) {
			buf_grow(&head, 48);
			head.len += decimal(head.data + head.len, packed[i]);
			head.data[head.len++] = ' ';
			head.len += decimal(head.data + head.len,
			    starts[i - from]);
			head.data[head.len++] = ' ';
			head.data[head.len] = '\0';
		}
		free(starts);
		head.data[head.len - 1] = '\012';
		first = head.len;
		buf_put(&head, body.data, body.len);
		buf_init(&sd);
		buf_printf(&sd, "/Type /ObjStm\012/N %zu\012/First %zu\012",
		    to - from, first);
		stream_off[k] = out->len - base;
		ok = put_stream(r, out, num, buf_cstr(&sd), &head, &z);
		buf_free(&sd);
		if (!ok)
			goto out;
		ok = false;
	}
	/* The cross-reference stream: W [1 4 2]. */
	num = count + nstreams;
	xref_off = out->len - base;
	if (xref_off > 0xFFFFFFFFu)
		goto out;
	buf_reset(&body);
	for (i = 0; i < count; i++) {
		if (i == 0) {
			buf_putc(&body, 0);
			put_be(&body, 0, 4);
			put_be(&body, 0xFFFF, 2);
		} else if (index[i] == NONE) {
			buf_putc(&body, 1);
			put_be(&body, where[i], 4);
			put_be(&body, 0, 2);
		} else {
			buf_putc(&body, 2);
			put_be(&body, where[i], 4);
			put_be(&body, index[i], 2);
		}
	}
	for (k = 0; k < nstreams; k++) {
		buf_putc(&body, 1);
		put_be(&body, stream_off[k], 4);
		put_be(&body, 0, 2);
	}
	buf_putc(&body, 1);
	put_be(&body, xref_off, 4);
	put_be(&body, 0, 2);
	buf_reset(&head);
	buf_printf(&head, "/Type /XRef\012/Size %zu\012/W [ 1 4 2 ]\012",
	    num + 1);
	buf_put(&head, dict.data, dict.len);
	if (!put_stream(r, out, num, buf_cstr(&head), &body, &z))
		goto out;
	buf_printf(out, "startxref\012%zu\012%%%%EOF\012", xref_off);
	ok = true;
out:
	free(spans);
	free(where);
	free(index);
	free(packed);
	free(stream_off);
	buf_free(&head);
	buf_free(&body);
	buf_free(&dict);
	buf_free(&z);
	if (!ok) {
		diag(r->ds, F_RENDER, NULL, "PDF balisé : réécriture en flux "
		    "d'objets impossible");
		r->failed = true;
	}
	return ok;
}
