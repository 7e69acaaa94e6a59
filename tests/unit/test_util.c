/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "base/util.h"

static void
test_buffers(struct unit *u)
{
	struct buf b;
	char *text;
	int i;

	buf_init(&b);
	CHECK_STR(u, buf_cstr(&b), "");
	CHECK(u, b.len == 0);
	buf_puts(&b, "contrat");
	buf_putc(&b, ' ');
	buf_put(&b, "de bail", 2);
	buf_printf(&b, " %d/%s", 42, "x");
	CHECK_STR(u, buf_cstr(&b), "contrat de 42/x");
	CHECK(u, b.len == strlen("contrat de 42/x"));

	buf_reset(&b);
	CHECK_STR(u, buf_cstr(&b), "");
	CHECK(u, b.len == 0);

	/* Growth well past the first allocation keeps every byte. */
	for (i = 0; i < 1000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	CHECK(u, b.len == 1000);
	CHECK(u, b.data[999] == (char)('a' + 999 % 26) && b.data[1000] == '\0');

	text = buf_detach(&b);
	CHECK(u, strlen(text) == 1000);
	CHECK(u, b.data == NULL && b.len == 0);
	free(text);

	text = buf_detach(&b);
	CHECK_STR(u, text, "");
	free(text);

	/* buf_putu prints what "%lu" prints. */
	buf_putu(&b, 0);
	buf_putc(&b, ' ');
	buf_putu(&b, 1500);
	buf_putc(&b, ' ');
	buf_putu(&b, ULONG_MAX);
	text = xasprintf("0 1500 %lu", ULONG_MAX);
	CHECK_STR(u, buf_cstr(&b), text);
	free(text);
	buf_reset(&b);
	/* mem_hash reads every byte, the last ones of a tail too. */
	CHECK(u, mem_hash("abcdefghij", 10) == mem_hash("abcdefghij", 10));
	CHECK(u, mem_hash("abcdefghij", 10) != mem_hash("abcdefghik", 10));
	CHECK(u, mem_hash("abcdefghij", 10) != mem_hash("bbcdefghij", 10));
	CHECK(u, mem_hash("abc", 3) != mem_hash("abc", 2));
	CHECK(u, mem_hash("", 0) != mem_hash("\0", 1));

	text = xasprintf("%s-%03d", "art", 7);
	CHECK_STR(u, text, "art-007");
	free(text);
	text = xstrndup("abcdef", 3);
	CHECK_STR(u, text, "abc");
	free(text);
	buf_free(&b);
}

static void
test_utf8(struct unit *u)
{
	struct buf b;
	uint32_t cp = 0;

	buf_init(&b);
	buf_put_utf8(&b, 'A');
	buf_put_utf8(&b, 0xE9);
	buf_put_utf8(&b, 0x20AC);
	buf_put_utf8(&b, 0x1F600);
	CHECK_STR(u, buf_cstr(&b), "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	CHECK(u, utf8_count(b.data, b.len) == 4);
	buf_free(&b);

	CHECK(u, utf8_decode("\xc3\xa9", 2, &cp) == 2 && cp == 0xE9);
	CHECK(u, utf8_decode("\xe2\x82\xac", 3, &cp) == 3 && cp == 0x20AC);
	CHECK(u, utf8_decode("\xf0\x9f\x98\x80", 4, &cp) == 4 &&
	    cp == 0x1F600);
	CHECK(u, utf8_decode("z", 1, &cp) == 1 && cp == 'z');
	CHECK(u, utf8_decode("\xc3\xa9", 1, &cp) == 0);
	CHECK(u, utf8_decode("\xc0\x80", 2, &cp) == 0);
	CHECK(u, utf8_decode("\xe0\x80\xaf", 3, &cp) == 0);
	CHECK(u, utf8_decode("\xed\xa0\x80", 3, &cp) == 0);
	CHECK(u, utf8_decode("\xf4\x90\x80\x80", 4, &cp) == 0);
	CHECK(u, utf8_decode("\x80", 1, &cp) == 0);
	CHECK(u, utf8_decode("\xc3(", 2, &cp) == 0);
	CHECK(u, utf8_decode("", 0, &cp) == 0);
	CHECK(u, utf8_count("\xc2\xa0\xe2\x82\xac", 5) == 2);
}

/* utf8_nfc on S: the composed text, or "" for NULL (already NFC). */
static const char *
nfc(char *out, size_t size, const char *s)
{
	size_t len = 0;
	char *r = utf8_nfc(s, strlen(s), &len);

	snprintf(out, size, "%s", r != NULL ? r : "");
	if (r != NULL && len != strlen(r))
		snprintf(out, size, "longueur fausse");
	free(r);
	return out;
}

static void
test_nfc(struct unit *u)
{
	char out[64];

	/* A letter and its combining accent become one character. */
	CHECK_STR(u, nfc(out, sizeof(out), "Rene\xcc\x81"), "Ren\xc3\xa9");
	CHECK_STR(u, nfc(out, sizeof(out), "cre\xcc\x81" "e\xcc\x81"),
	    "cr\xc3\xa9\xc3\xa9");
	CHECK_STR(u, nfc(out, sizeof(out), "Zoe\xcc\x88 c\xcc\xa7" "a"),
	    "Zo\xc3\xab \xc3\xa7" "a");
	/* Singletons: EN QUAD is EN SPACE in NFC. */
	CHECK_STR(u, nfc(out, sizeof(out), "a\xe2\x80\x80" "b"),
	    "a\xe2\x80\x82" "b");
	/* No precomposed form: the mark stays, after its letter. */
	CHECK_STR(u, nfc(out, sizeof(out), "q\xcc\x83"), "");
	/* Already NFC, plain ASCII, French punctuation, or not UTF-8:
	 * nothing to do. */
	CHECK_STR(u, nfc(out, sizeof(out), "Ren\xc3\xa9" "e"), "");
	CHECK_STR(u, nfc(out, sizeof(out), "contrat"), "");
	CHECK_STR(u, nfc(out, sizeof(out),
	    "\xc2\xab\xc2\xa0l\xe2\x80\x99\xc3\xa9t\xc3\xa9\xc2\xa0\xc2\xbb \xe2\x82\xac"), "");
	CHECK_STR(u, nfc(out, sizeof(out), "e\xff\xcc\x81"), "");
	CHECK_STR(u, nfc(out, sizeof(out), ""), "");
}

/* xgrow for arrays that only grow, xreserve for arrays emptied and
 * refilled, whose room must survive the emptying. */
static void
test_growth(struct unit *u)
{
	int *v = NULL, *before;
	size_t n, cap = 0, round;
	bool kept = true, ok = true;

	for (n = 0; n < 1000; n++) {
		v = xgrow(v, n, sizeof(*v));
		v[n] = (int)n;
	}
	for (n = 0; n < 1000; n++)
		ok = ok && v[n] == (int)n;
	CHECK(u, ok);
	free(v);

	v = NULL;
	for (n = 0; n < 100; n++) {
		v = xreserve(v, &cap, n, sizeof(*v));
		v[n] = (int)n;
	}
	CHECK(u, cap >= 100);
	before = v;
	for (round = 0; round < 10; round++)
		for (n = 0; n < 100; n++) {
			v = xreserve(v, &cap, n, sizeof(*v));
			kept = kept && v == before;
			v[n] = (int)(n + round);
		}
	CHECK(u, kept && v[99] == 99 + 9);
	free(v);
}

static void
test_strmap(struct unit *u)
{
	struct strmap m;
	char *keys[3000];
	int vals[3000];
	size_t i;
	bool ok = true;

	memset(&m, 0, sizeof(m));
	CHECK(u, strmap_get(&m, "absent") == NULL);
	/* Enough keys to grow the table several times. */
	for (i = 0; i < 3000; i++) {
		keys[i] = xasprintf("article-%zu", i);
		vals[i] = (int)i;
		ok = ok && strmap_put(&m, keys[i], &vals[i]) == &vals[i];
	}
	CHECK(u, ok);
	CHECK(u, m.len == 3000);
	for (i = 0; i < 3000 && ok; i++)
		ok = strmap_get(&m, keys[i]) == &vals[i];
	CHECK(u, ok);
	/* The first value put stays. */
	CHECK(u, strmap_put(&m, "article-7", &vals[0]) == &vals[7]);
	CHECK(u, strmap_get(&m, "article-7") == &vals[7]);
	CHECK(u, strmap_get(&m, "article-3000") == NULL);
	CHECK(u, strmap_get(&m, "") == NULL);
	CHECK(u, m.len == 3000);
	strmap_free(&m);
	CHECK(u, m.len == 0 && m.cap == 0 && strmap_get(&m, "article-1") == NULL);
	for (i = 0; i < 3000; i++)
		free(keys[i]);
}

/* The names uniq gives are the ones a scan of every name, trying -2,
 * -3… from 2 each time, would give. */
static void
test_uniq(struct unit *u)
{
	struct uniq q;
	struct ptrvec own = { NULL, 0, 0 };
	char *n;
	size_t i;
	bool ok = true;

	memset(&q, 0, sizeof(q));
	uniq_add(&q, "titre-a-3");
	CHECK(u, uniq_has(&q, "titre-a-3") && !uniq_has(&q, "titre-a"));
	n = uniq_name(&q, "titre-a");
	CHECK_STR(u, n, "titre-a");
	ptrvec_push(&own, n);
	n = uniq_name(&q, "titre-a");
	CHECK_STR(u, n, "titre-a-2");
	ptrvec_push(&own, n);
	n = uniq_name(&q, "titre-a");
	CHECK_STR(u, n, "titre-a-4");		/* -3 was taken */
	ptrvec_push(&own, n);
	/* A base that is itself a suffixed name. */
	n = uniq_name(&q, "titre-a-2");
	CHECK_STR(u, n, "titre-a-2-2");
	ptrvec_push(&own, n);
	n = uniq_name(&q, "titre-a");
	CHECK_STR(u, n, "titre-a-5");
	ptrvec_push(&own, n);
	/* A name added after a base's counter moved past it. */
	uniq_add(&q, "titre-a-6");
	n = uniq_name(&q, "titre-a");
	CHECK_STR(u, n, "titre-a-7");
	ptrvec_push(&own, n);
	for (i = 0; i < 5000; i++) {
		n = uniq_name(&q, "annexe");
		ptrvec_push(&own, n);
	}
	n = own.items[own.len - 1];
	CHECK_STR(u, n, "annexe-5000");
	for (i = 0; i < own.len && ok; i++)
		ok = uniq_has(&q, own.items[i]);
	CHECK(u, ok);
	CHECK(u, q.taken.len == own.len + 2);
	uniq_free(&q);
	for (i = 0; i < own.len; i++)
		free(own.items[i]);
	ptrvec_free(&own);
}

void
test_util(struct unit *u)
{
	test_strmap(u);
	test_uniq(u);
	test_buffers(u);
	test_growth(u);
	test_utf8(u);
	test_nfc(u);
}
