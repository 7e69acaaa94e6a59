/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Runs the fuzz target without libFuzzer: every corpus file as is, then
 * a fixed number of deterministic mutations of them (byte flips, cuts,
 * and insertions of the language's own tokens).  Prints "ok …" lines for
 * tests/run.sh; a crash or sanitizer report fails the test. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const tokens[] = {
	"{si ", "{sinon}", "{fin}", "{selon ", "{cas ", "{autre}", "{",
	"}", "{{", "{--", "--}", "#", "## ", "- ", "1. ", "2. ", "**", "*",
	"\\", "\"", "{inclure \"x\"}", "entree x : entier\n", "---\n",
	"{ref ", "{#e}", "{-}", " | en_lettres", "{pour chaque x dans l}",
	"{signatures prestataire, client}", "\n\n", "\xc3", "\xa0", "\0",
	"{nb_prospects}", "{garantie_resultats}", " existe", " ou ", " et ",
};

static uint64_t state = 0x9e3779b97f4a7c15u;

static uint64_t
next_random(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static char *
read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)n + 1)) &&
	    fread(data, 1, (size_t)n, f) == (size_t)n)
		*len = (size_t)n;
	else {
		free(data);
		data = NULL;
	}
	fclose(f);
	return data;
}

static size_t
mutate(const char *in, size_t len, char *out, size_t cap)
{
	size_t n = len < cap ? len : cap, k, rounds = 1 + next_random() % 8;

	memcpy(out, in, n);
	for (k = 0; k < rounds && n > 0; k++) {
		size_t at = next_random() % n;

		switch (next_random() % 4) {
		case 0:
			out[at] = (char)(next_random() & 0xff);
			break;
		case 1:
			n = at;
			break;
		default: {
			const char *t = tokens[next_random() %
			    (sizeof(tokens) / sizeof(tokens[0]))];
			size_t tl = strlen(t) ? strlen(t) : 1;

			if (n + tl >= cap)
				break;
			memmove(out + at + tl, out + at, n - at);
			memcpy(out + at, t, tl);
			n += tl;
			break;
		}
		}
	}
	return n;
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/fuzz/corpus";
	long iterations = argc > 2 ? atol(argv[2]) : 200;
	char *inputs[64];
	size_t lens[64], ninputs = 0, i;
	struct dirent *e;
	DIR *d = opendir(dir);
	static char buf[1 << 16];
	long it;

	if (d == NULL) {
		printf("ÉCHEC fuzz : corpus %s introuvable\n", dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL && ninputs < 64) {
		char path[4096];

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if ((inputs[ninputs] = read_all(path, &lens[ninputs])) != NULL)
			ninputs++;
	}
	closedir(d);
	for (i = 0; i < ninputs; i++)
		LLVMFuzzerTestOneInput((const uint8_t *)inputs[i], lens[i]);
	printf("ok fuzz : les %zu fichiers du corpus\n", ninputs);
	for (it = 0; it < iterations && ninputs > 0; it++) {
		i = next_random() % ninputs;
		LLVMFuzzerTestOneInput((const uint8_t *)buf,
		    mutate(inputs[i], lens[i], buf, sizeof(buf)));
	}
	printf("ok fuzz : %ld variantes mutées sans plantage\n", iterations);
	for (i = 0; i < ninputs; i++)
		free(inputs[i]);
	return 0;
}
