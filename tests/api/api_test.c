/* Uses lgc as a library, through <lgc.h> alone, as an integrator would:
 * compile a template and render it without the command line. */
#include <stdbool.h>
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

/* An entier may hold more than a decimal can: a product of entiers,
 * divided or compared, overflows. */
static const char overflow_text[] =
    "modele \"Devis\"\n"
    "entree quantite : entier \"Quantité\"\n"
    "---\n"
    "La moitié du carré est {quantite * quantite / 2}.\n"
    "{si quantite * quantite = 5}Cinq.{fin}\n"
    "{si quantite * quantite > 5}Plus.{fin}\n";

static const char data_ok[] =
    "{\"client\": {\"nom\": \"Durand <SARL>\", \"adresse\": \"Lyon\"},"
    " \"honoraires\": \"1234.50\"}";

static bool
write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		perror(path);
		return false;
	}
	fputs(text, f);
	fclose(f);
	return true;
}

/* Whether what was written to F holds TEXT. */
static bool
holds(FILE *f, const char *text)
{
	char buf[8192];
	size_t n;

	fflush(f);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	return strstr(buf, text) != NULL;
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	char path[4096], overflow[4096];
	FILE *report;
	lgc_compiler *c;
	char *out = NULL;
	size_t len = 0;
	FILE *diagnostics = tmpfile();

	snprintf(path, sizeof(path), "%s/lettre.lgc", dir);
	snprintf(overflow, sizeof(overflow), "%s/depassement.lgc", dir);
	if (!write_text(path, template_text) ||
	    !write_text(overflow, overflow_text))
		return 2;

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

	/* Data that failed to load: neither rendered nor checked, and said
	 * so by the status, not only by the earlier call's. */
	c = lgc_new(diagnostics);
	lgc_load_template(c, path);
	expect(lgc_load_data_string(c, "client.json", "{", 1) == LGC_ERRORS,
	    "des données invalides sont une erreur");
	out = (char *)1;
	expect(lgc_render(c, "html", &out, &len) == LGC_ERRORS && out == NULL,
	    "après des données invalides, le rendu échoue, sans sortie");
	expect(lgc_check_data(c) == LGC_ERRORS,
	    "après des données invalides, la vérification échoue");
	lgc_free(c);

	/* A computation past the numbers' range is reported, never a
	 * success without output. */
	report = tmpfile();
	c = lgc_new(report);
	lgc_load_template(c, overflow);
	lgc_define(c, "quantite=10000000");
	out = (char *)1;
	expect(lgc_render(c, "html", &out, &len) == LGC_ERRORS && out == NULL,
	    "un dépassement de capacité est une erreur, sans sortie");
	expect(holds(report, "dépassement de capacité dans") &&
	    holds(report, "quantite * quantite / 2"),
	    "le dépassement est signalé");
	expect(holds(report, "quantite * quantite = 5") &&
	    holds(report, "quantite * quantite > 5") &&
	    !holds(report, "jours et mois"),
	    "une comparaison hors limites est un dépassement");
	lgc_free(c);
	fclose(report);

	/* An unknown format is a usage error. */
	c = lgc_new(diagnostics);
	lgc_load_template(c, path);
	expect(lgc_render(c, "docx", &out, &len) == LGC_FATAL,
	    "un format inconnu est une erreur d'utilisation");
	lgc_free(c);

	expect(strcmp(lgc_version(), LGC_VERSION_STRING) == 0, "la version");
	fclose(diagnostics);
	remove(path);
	remove(overflow);
	return failures != 0;
}
