/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Runs a fuzz target without libFuzzer: every file of the given folders
 * as is (the committed corpus and the past crashes, as regression
 * cases), then a fixed number of deterministic mutations of them (byte
 * flips, cuts, and insertions of the dictionary's tokens: the same
 * lgc.dict libFuzzer uses, or the built-in list below).  Prints "ok …"
 * lines for tests/run.sh; a crash or sanitizer report fails the test.
 *
 *   fuzz_smoke [-n MUTATIONS] [-x DICT] [-t NAME] FOLDER…
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const builtin_tokens[] = {
	"{si ", "{sinon}", "{fin}", "{selon ", "{cas ", "{autre}", "{",
	"}", "{{", "{--", "--}", "#", "## ", "- ", "1. ", "2. ", "**", "*",
	"\\", "\"", "{inclure \"x\"}", "entree x : entier\n", "---\n",
	"{ref ", "{#e}", "{-}", " | en_lettres", "{pour chaque x dans l}",
	"{signatures prestataire, client}", "\n\n", "\xc3", "\xa0", "",
	"{nb_prospects}", "{garantie_resultats}", " existe", " ou ", " et ",
};

struct tokens {
	char	**items;
	size_t	 len;
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

/* One entry of a libFuzzer dictionary: [name=]"text" with \\, \" and
 * \xNN escapes; NULL for a blank or comment line. */
static char *
dict_entry(const char *line, size_t *len)
{
	const char *p = strchr(line, '"');
	char *out, *o;

	if (line[0] == '#' || p == NULL)
		return NULL;
	o = out = malloc(strlen(p) + 1);
	if (out == NULL)
		abort();
	for (p++; *p != '\0' && *p != '"'; p++) {
		if (*p == '\\' && p[1] == 'x' && p[2] != '\0' && p[3] != '\0') {
			char hex[3] = { p[2], p[3], '\0' };

			*o++ = (char)strtol(hex, NULL, 16);
			p += 3;
		} else if (*p == '\\' && p[1] != '\0')
			*o++ = *++p;
		else
			*o++ = *p;
	}
	*len = (size_t)(o - out);
	*o = '\0';
	return out;
}

static void
load_tokens(struct tokens *t, const char *dict)
{
	char line[4096];
	size_t i, len;
	FILE *f;

	t->len = 0;
	if (dict == NULL) {
		t->items = malloc(sizeof(builtin_tokens));
		if (t->items == NULL)
			abort();
		for (i = 0; i < sizeof(builtin_tokens) /
		    sizeof(builtin_tokens[0]); i++)
			if ((t->items[t->len] = strdup(builtin_tokens[i])))
				t->len++;
		return;
	}
	if ((f = fopen(dict, "r")) == NULL) {
		printf("ÉCHEC fuzz : dictionnaire %s introuvable\n", dict);
		exit(1);
	}
	t->items = NULL;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *e = dict_entry(line, &len);

		if (e == NULL)
			continue;
		t->items = realloc(t->items, (t->len + 1) * sizeof(*t->items));
		if (t->items == NULL)
			abort();
		t->items[t->len++] = e;
	}
	fclose(f);
}

static size_t
mutate(const struct tokens *t, const char *in, size_t len, char *out,
    size_t cap)
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
			const char *tok;
			size_t tl;

			if (t->len == 0)
				break;
			tok = t->items[next_random() % t->len];
			tl = strlen(tok) ? strlen(tok) : 1;
			if (n + tl >= cap)
				break;
			memmove(out + at + tl, out + at, n - at);
			memcpy(out + at, tok, tl);
			n += tl;
			break;
		}
		}
	}
	return n;
}

struct inputs {
	char	**data;
	size_t	*lens;
	size_t	 len;
};

/* Every file of DIR (dot files skipped), sorted by name so that the
 * mutations are the same from one run to the next. */
static int
read_folder(struct inputs *in, const char *dir)
{
	struct dirent **names;
	int n, i;

	if ((n = scandir(dir, &names, NULL, alphasort)) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		char path[4096];
		size_t len;
		char *s;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (names[i]->d_name[0] != '.' &&
		    (s = read_all(path, &len)) != NULL) {
			in->data = realloc(in->data, (in->len + 1) *
			    sizeof(*in->data));
			in->lens = realloc(in->lens, (in->len + 1) *
			    sizeof(*in->lens));
			if (in->data == NULL || in->lens == NULL)
				abort();
			in->data[in->len] = s;
			in->lens[in->len++] = len;
		}
		free(names[i]);
	}
	free(names);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *dict = NULL, *name = "fuzz";
	long iterations = 200, it;
	struct inputs in = { NULL, NULL, 0 };
	struct tokens tokens;
	static char buf[1 << 16];
	size_t i;
	int a = 1;

	for (; a + 1 < argc && argv[a][0] == '-'; a += 2) {
		if (strcmp(argv[a], "-n") == 0)
			iterations = atol(argv[a + 1]);
		else if (strcmp(argv[a], "-x") == 0)
			dict = argv[a + 1];
		else if (strcmp(argv[a], "-t") == 0)
			name = argv[a + 1];
	}
	if (a == argc) {
		printf("ÉCHEC %s : aucun dossier de corpus donné\n", name);
		return 1;
	}
	for (; a < argc; a++)
		if (read_folder(&in, argv[a]) != 0) {
			printf("ÉCHEC %s : dossier %s introuvable\n", name,
			    argv[a]);
			return 1;
		}
	load_tokens(&tokens, dict);
	for (i = 0; i < in.len; i++)
		LLVMFuzzerTestOneInput((const uint8_t *)in.data[i], in.lens[i]);
	printf("ok %s : les %zu fichiers du corpus et des plantages passés\n",
	    name, in.len);
	for (it = 0; it < iterations && in.len > 0; it++) {
		i = next_random() % in.len;
		LLVMFuzzerTestOneInput((const uint8_t *)buf,
		    mutate(&tokens, in.data[i], in.lens[i], buf, sizeof(buf)));
	}
	printf("ok %s : %ld variantes mutées sans plantage\n", name,
	    iterations);
	for (i = 0; i < in.len; i++)
		free(in.data[i]);
	free(in.data);
	free(in.lens);
	for (i = 0; i < tokens.len; i++)
		free(tokens.items[i]);
	free(tokens.items);
	return 0;
}
