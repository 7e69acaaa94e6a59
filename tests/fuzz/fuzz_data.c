/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * Data-side fuzz target: the templates are fixed (the examples, a
 * template using every type and filter, and a few golden cases), loaded
 * and checked once; the input is one client's JSON.  A pipeline fed by
 * a CRM hands lgc whatever a record holds: it must report diagnostics,
 * never crash, leak or hang.
 *
 * Input: byte 0 picks the template, byte 1 the format and the draft
 * mode (none, "1", "tout"); the rest is the JSON.
 *
 *   make fuzz-data               libFuzzer (clang)
 *   build/san/fuzz_smoke_data    the same entry point under the
 *                                deterministic driver (make check)
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

static const char *const templates[] = {
	"tests/fuzz/data/tout.lgc",
	"examples/generation-prospects/contrat.lgc",
	"examples/prestation-freelance/contrat.lgc",
	"examples/accord-confidentialite/contrat.lgc",
	"tests/golden/langage/pour-chaque.lgc",
	"tests/golden/langage/selon.lgc",
	"tests/golden/langage/enregistrements.lgc",
	"tests/golden/langage/optionnel-existe.lgc",
	"tests/golden/langage/listes-valeurs.lgc",
	"tests/golden/langage/titres-renvois.lgc",
};
#define NTEMPLATES	(sizeof(templates) / sizeof(templates[0]))

static const char *const drafts[] = { "0", "1", "tout" };

/* The compilers, each with its template checked once: what a batch does
 * (lgc_reset_data between records).  Reachable until exit, so neither
 * libFuzzer's nor the smoke driver's leak check counts them. */
static struct {
	lgc_compiler	*c;
	FILE		*null;
	size_t		 nformats;
} loaded[NTEMPLATES];

static void
free_all(void)
{
	size_t i;

	for (i = 0; i < NTEMPLATES; i++)
		if (loaded[i].c != NULL) {
			lgc_free(loaded[i].c);
			fclose(loaded[i].null);
		}
}

static lgc_compiler *
compiler(size_t i, size_t *nformats)
{
	char path[4096];

	if (loaded[i].c == NULL) {
		if (i == 0 && atexit(free_all) != 0)
			abort();
		if ((loaded[i].null = fopen("/dev/null", "w")) == NULL)
			abort();
		loaded[i].c = lgc_new(loaded[i].null);
		lgc_add_search_path(loaded[i].c, FUZZ_TOP "/stdlib");
		snprintf(path, sizeof(path), "%s/%s", FUZZ_TOP, templates[i]);
		/* A template that no longer loads would make every input a
		 * no-op: stop loudly instead of fuzzing nothing. */
		if (lgc_load_template(loaded[i].c, path) != LGC_OK) {
			fprintf(stderr, "fuzz_data: %s ne se charge pas\n",
			    path);
			abort();
		}
		while (lgc_format_name(loaded[i].c, loaded[i].nformats))
			loaded[i].nformats++;
	}
	*nformats = loaded[i].nformats;
	return loaded[i].c;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lgc_compiler *c;
	size_t nformats, i;
	char *out = NULL;
	size_t len = 0;
	unsigned variant;

	/* Every template loaded from the first input on, so that memory
	 * held by them is not counted against one input. */
	for (i = NTEMPLATES; i-- > 0;)
		c = compiler(i, &nformats);
	if (size < 2)
		return 0;
	c = compiler(data[0] % NTEMPLATES, &nformats);
	variant = data[1];
	lgc_reset_data(c);
	lgc_set_option(c, "brouillon", drafts[(variant / nformats) % 3]);
	if (lgc_load_data_string(c, "client.json", (const char *)data + 2,
	    size - 2) == LGC_OK) {
		lgc_render(c, lgc_format_name(c, variant % nformats), &out,
		    &len);
		free(out);
	}
	return 0;
}
