/* Uses lgc as a library, through <lgc.h> alone, as an integrator would:
 * compile a template and render it without the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lgc.h"

static int failures;

static void
expect(int ok, const char *what)
{
	printf("%s api : %s\n", ok ? "ok" : "ÉCHEC", what);
	if (!ok)
		failures++;
}

static const char template_text[] =
    "modele \"Lettre de mission\"\n"
    "entree client : partie \"Le client\"\n"
    "entree honoraires : montant entre 0 € et 100000 € \"Honoraires\"\n"
    "---\n"
    "# Mission\n"
    "\n"
    "{client.nom} confie la mission pour {honoraires} "
    "({honoraires | en_lettres}).\n";

static const char data_ok[] =
    "{\"client\": {\"nom\": \"Durand <SARL>\", \"adresse\": \"Lyon\"},"
    " \"honoraires\": \"1234.50\"}";

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	char path[4096];
	FILE *f;
	lgc_compiler *c;
	char *out = NULL;
	size_t len = 0;
	FILE *diagnostics = tmpfile();

	snprintf(path, sizeof(path), "%s/lettre.lgc", dir);
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		return 2;
	}
	fputs(template_text, f);
	fclose(f);

	c = lgc_new(diagnostics);
	expect(lgc_load_template(c, path) == LGC_OK, "le modèle se charge");
	expect(lgc_load_data_string(c, "client.json", data_ok,
	    strlen(data_ok)) == LGC_OK, "les données se chargent");
	expect(lgc_render(c, "html", &out, &len) == LGC_OK && out != NULL,
	    "le rendu HTML réussit");
	expect(out != NULL && strstr(out, "<!DOCTYPE html>") == out,
	    "une page HTML complète");
	expect(out != NULL && strstr(out, "Durand &lt;SARL&gt;") != NULL,
	    "les données sont échappées");
	expect(out != NULL && strstr(out, "1\xc2\xa0" "234,50\xc2\xa0€") != NULL,
	    "le montant au format français");
	expect(out != NULL && strstr(out, "mille deux cent trente-quatre euros "
	    "et cinquante centimes") != NULL, "le montant en lettres");
	expect(out != NULL && len == strlen(out), "la longueur rendue");
	free(out);
	lgc_free(c);

	/* Bad data: an error status, no output. */
	c = lgc_new(diagnostics);
	lgc_load_template(c, path);
	lgc_define(c, "honoraires=-5");
	out = (char *)1;
	expect(lgc_render(c, "html", &out, &len) == LGC_ERRORS && out == NULL,
	    "une donnée hors bornes est une erreur, sans sortie");
	lgc_free(c);

	/* An unknown format is a usage error. */
	c = lgc_new(diagnostics);
	lgc_load_template(c, path);
	expect(lgc_render(c, "docx", &out, &len) == LGC_FATAL,
	    "un format inconnu est une erreur d'utilisation");
	lgc_free(c);

	expect(strcmp(lgc_version(), LGC_VERSION_STRING) == 0, "la version");
	fclose(diagnostics);
	remove(path);
	return failures != 0;
}
