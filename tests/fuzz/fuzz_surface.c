/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * Whole-surface fuzz target: everything lgc.h offers on a template —
 * check, lint, schema (both drafts), tree, dependencies, and rendering
 * in every format, plain, in draft mode ("1" and "tout"), as a fragment,
 * with straight quotes — chosen by the input's first bytes.
 *
 * Input: byte 0 picks the operation; byte 1 holds flags: bits 0-1 where
 * the rest goes (0, 3: a whole template; 1: the body under the header of
 * tests/fuzz/data/tout.lgc, which declares an input of every type;
 * 2: an expression printed under that header, `{…}`, which reaches every
 * filter and function with typed arguments), bit 2 no data (what draft
 * mode is for), bit 3 straight quotes, bit 4 fragment, bit 5 JSON
 * diagnostics, bit 6 warnings as errors.  The data, when given, is
 * tests/fuzz/data/tout.json.
 *
 *   make fuzz-surface             libFuzzer (clang)
 *   build/san/fuzz_smoke_surface  the deterministic driver (make check)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lgc.h"

#ifndef FUZZ_TOP
#define FUZZ_TOP "."
#endif

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The header and data of the typed template, read once. */
static struct {
	char	*header;	/* up to and with "---\n" */
	size_t	 header_len;
	char	*json;
	size_t	 json_len;
} fixed;

static void
free_fixed(void)
{
	free(fixed.header);
	free(fixed.json);
}

static char *
slurp(const char *rel, size_t *len)
{
	char path[4096];
	FILE *f;
	char *s;
	long n;

	snprintf(path, sizeof(path), "%s/%s", FUZZ_TOP, rel);
	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (s = malloc((size_t)n + 1)) == NULL ||
	    fread(s, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "fuzz_surface: %s illisible\n", path);
		abort();
	}
	fclose(f);
	s[n] = '\0';
	*len = (size_t)n;
	return s;
}

static void
load_fixed(void)
{
	char *end;

	if (fixed.header != NULL)
		return;
	fixed.header = slurp("tests/fuzz/data/tout.lgc", &fixed.header_len);
	fixed.json = slurp("tests/fuzz/data/tout.json", &fixed.json_len);
	if ((end = strstr(fixed.header, "\n---\n")) == NULL)
		abort();
	fixed.header_len = (size_t)(end - fixed.header) + 5;
	fixed.header[fixed.header_len] = '\0';
	atexit(free_fixed);
}

enum op {
	OP_CHECK, OP_LINT, OP_LINT_SUBJECTS, OP_SCHEMA, OP_SCHEMA_07,
	OP_TREE, OP_DEPS, OP_FORM, OP_OUTLINE, OP_RENDER	/* then 3 per format */
};

static const char *const drafts[] = { "0", "1", "tout" };

static void
run(lgc_compiler *c, unsigned op, size_t nformats)
{
	static const char *const data_files[] = { "client.json", "b c$.json" };
	char *out = NULL;
	size_t len = 0;

	switch (op % (OP_RENDER + 3 * nformats)) {
	case OP_CHECK:
		lgc_check_data(c);
		return;
	case OP_LINT:
		lgc_enable_warnings(c, "lint");
		lgc_lint(c, NULL);
		return;
	case OP_LINT_SUBJECTS:
		lgc_lint(c, "parties, objet, prix, duree, resiliation");
		return;
	case OP_SCHEMA_07:
		lgc_set_option(c, "norme", "07");
		/* FALLTHROUGH */
	case OP_SCHEMA:
		lgc_schema(c, &out, &len);
		break;
	case OP_TREE:
		lgc_dump_tree(c, &out, &len);
		break;
	case OP_FORM:
		lgc_form(c, "/api/v1/modeles/x/rendu", &out, &len);
		break;
	case OP_OUTLINE:
		lgc_outline(c, &out, &len);
		break;
	case OP_DEPS:
		lgc_dependencies(c, "sortie/contrat.html", data_files, 2, &out,
		    &len);
		break;
	default:
		op = op % (OP_RENDER + 3 * nformats) - OP_RENDER;
		lgc_set_option(c, "brouillon", drafts[op % 3]);
		lgc_render(c, lgc_format_name(c, op / 3), &out, &len);
		break;
	}
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *null;
	lgc_compiler *c;
	char *text;
	size_t len, nformats = 0;
	unsigned op, flags;

	load_fixed();
	if (size < 2)
		return 0;
	op = data[0];
	flags = data[1];
	data += 2;
	size -= 2;
	text = malloc(fixed.header_len + size + 3);
	if (text == NULL || (null = fopen("/dev/null", "w")) == NULL) {
		free(text);
		return 0;
	}
	len = 0;
	if ((flags & 3) == 1 || (flags & 3) == 2) {
		memcpy(text, fixed.header, fixed.header_len);
		len = fixed.header_len;
	}
	if ((flags & 3) == 2)
		text[len++] = '{';
	memcpy(text + len, data, size);
	len += size;
	if ((flags & 3) == 2) {
		text[len++] = '}';
		text[len++] = '\n';
	}
	c = lgc_new(null);
	lgc_add_search_path(c, FUZZ_TOP "/stdlib");
	if (flags & 8)
		lgc_set_option(c, "guillemets", "droits");
	if (flags & 16)
		lgc_set_option(c, "fragment", "1");
	if (flags & 32)
		lgc_set_diagnostic_format(c, "json");
	if (flags & 64)
		lgc_set_werror(c, 1);
	lgc_set_option(c, "date-creation", "1767225600");
	while (lgc_format_name(c, nformats) != NULL)
		nformats++;
	lgc_load_template_string(c, "fuzz.lgc", text, len);
	if (!(flags & 4))
		lgc_load_data_string(c, "client.json", fixed.json,
		    fixed.json_len);
	run(c, op, nformats);
	lgc_free(c);
	fclose(null);
	free(text);
	return 0;
}
