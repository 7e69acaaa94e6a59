/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "server/util.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
out_of_memory(void)
{
	static const char msg[] = "lgc serve : mémoire épuisée\n";

	/* write(2): stdio may need the memory that is missing. */
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(2);
	_exit(2);
}

void *
srv_alloc(size_t n)
{
	void *p = calloc(1, n != 0 ? n : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
srv_realloc(void *p, size_t n)
{
	void *q = realloc(p, n != 0 ? n : 1);

	if (q == NULL)
		out_of_memory();
	return q;
}

char *
srv_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = srv_alloc(n);

	memcpy(p, s, n);
	return p;
}

static char *
vprint(const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *p;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		out_of_memory();
	p = srv_alloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
srv_printf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = vprint(fmt, ap);
	va_end(ap);
	return p;
}

void
sbuf_add(struct sbuf *b, const char *data, size_t len)
{
	if (b->len + len + 1 > b->cap) {
		size_t cap = b->cap != 0 ? b->cap : 256;

		while (cap < b->len + len + 1)
			cap *= 2;
		b->data = srv_realloc(b->data, cap);
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
sbuf_puts(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

void
sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = vprint(fmt, ap);
	va_end(ap);
	sbuf_puts(b, p);
	free(p);
}

void
collect_diagnostic_json(const lgc_diagnostic *d, void *arg)
{
	json_t *list = arg, *one;

	one = json_loadb(d->printed, d->printed_len, 0, NULL);
	if (one == NULL)
		one = json_pack("{s:s, s:s}", "code", d->code, "message",
		    d->message);
	json_array_append_new(list, one);
}

void
collect_diagnostic_text(const lgc_diagnostic *d, void *arg)
{
	struct sbuf *b = arg;

	sbuf_add(b, d->printed, d->printed_len);
}
