/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * Fuzz target (cmark style): any bytes as a template, compiled with
 * fixed data and rendered by every backend.  Whatever the input, lgc must
 * report diagnostics, never crash, leak or hang.
 *
 * Built two ways:
 *   make fuzz            libFuzzer (clang -fsanitize=fuzzer), runs forever
 *   build/san/fuzz_smoke the same entry point fed by a deterministic
 *                        mutator, run by make check under ASan/UBSan
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lgc.h"

#ifndef FUZZ_TOP
#define FUZZ_TOP "."
#endif

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char client_json[] =
    "{\"prestataire\": {\"nom\": \"A & <B>\", \"adresse\": \"x\"},"
    " \"client\": {\"nom\": \"C\", \"adresse\": \"y\"},"
    " \"date_effet\": \"2026-12-01\", \"garantie_resultats\": true,"
    " \"nb_prospects\": 12, \"facturation\": \"forfait\","
    " \"forfait_mensuel\": \"1500.50\", \"n\": 3, \"t\": \"texte\","
    " \"b\": false, \"l\": [\"a\", \"b\"]}";

static const char *const formats[] = { "html", "latex", "pdf", "docx" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/lgc-fuzz-XXXXXX";
	FILE *null = fopen("/dev/null", "w");
	lgc_compiler *c;
	size_t i;
	int fd;

	if (null == NULL || (fd = mkstemp(path)) < 0) {
		if (null != NULL)
			fclose(null);
		return 0;
	}
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		fclose(null);
		return 0;
	}
	close(fd);
	c = lgc_new(null);
	lgc_add_search_path(c, getenv("LGC_PATH") != NULL ?
	    getenv("LGC_PATH") : FUZZ_TOP "/stdlib");
	if (lgc_load_template(c, path) == LGC_OK) {
		lgc_load_data_string(c, "client.json", client_json,
		    strlen(client_json));
		for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
			char *out = NULL;
			size_t len = 0;

			lgc_render(c, formats[i], &out, &len);
			free(out);
		}
		lgc_set_option(c, "brouillon", "1");
		{
			char *out = NULL;
			size_t len = 0;

			lgc_render(c, "html", &out, &len);
			free(out);
		}
	}
	lgc_free(c);
	unlink(path);
	fclose(null);
	return 0;
}
