/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Uses lgc as a library, through <lgc.h> alone, as an integrator would:
 * compile a template and render it without the command line. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

static const char broken_text[] =
    "modele \"Brouillon\"\n"
    "entree garantie : booleen\n"
    "---\n"
    "{si garantie}\n"
    "Résultats garantis.\n";

/* Includes the template that main() writes, lettre.lgc. */
static const char include_text[] =
    "modele \"Contrat\"\n"
    "---\n"
    "{inclure \"lettre\"}\n";

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

/* What a handler saw: every diagnostic, by code and severity. */
struct seen {
	int	count;
	int	notes, warnings, errors, fatals;
	char	codes[2048];
	bool	printed_ok;	/* each came with its printed text */
	bool	place_ok;	/* a located one had its file and line */
	char	last_file[256];	/* the last diagnostic's place */
	int	last_line;
};

static void
collect(const lgc_diagnostic *d, void *arg)
{
	struct seen *s = arg;
	size_t n = strlen(s->codes);

	s->count++;
	switch (d->severity) {
	case LGC_SEVERITY_NOTE:
		s->notes++;
		break;
	case LGC_SEVERITY_WARNING:
		s->warnings++;
		break;
	case LGC_SEVERITY_ERROR:
		s->errors++;
		break;
	case LGC_SEVERITY_FATAL:
		s->fatals++;
		break;
	}
	snprintf(s->codes + n, sizeof(s->codes) - n, "%s ", d->code);
	if (d->printed == NULL || d->printed_len == 0 ||
	    d->printed[d->printed_len - 1] != '\n' || d->message == NULL)
		s->printed_ok = false;
	if (d->place.line > 0 && (d->place.file == NULL || d->place.column < 1))
		s->place_ok = false;
	snprintf(s->last_file, sizeof(s->last_file), "%s",
	    d->place.file != NULL ? d->place.file : "");
	s->last_line = d->place.line;
}

static bool
has_code(const struct seen *s, const char *code)
{
	char word[128];

	snprintf(word, sizeof(word), "%s ", code);
	return strstr(s->codes, word) != NULL;
}

/* What was written to F (a tmpfile), malloc'd; its length in *LEN. */
static char *
read_back(FILE *f, size_t *len)
{
	char *text;
	long n;

	fflush(f);
	n = ftell(f);
	text = calloc(1, n > 0 ? (size_t)n + 1 : 1);
	*len = 0;
	if (text != NULL && n > 0) {
		rewind(f);
		*len = fread(text, 1, (size_t)n, f);
		fseek(f, 0, SEEK_END);
	}
	return text;
}

/* The formats gcc and sarif through a stream: GCC's line, and one
 * SARIF log written at the end, a worker's result added to it. */
static void
test_diagnostic_formats(void)
{
	static const char bad[] = "modele \"x\"\n---\nBonjour {nom}.\n";
	static const char result[] = "{\"ruleId\":\"lot\",\"message\":"
	    "{\"text\":\"t\"}}\n";
	lgc_compiler *c;
	char *text;
	size_t len = 0;
	FILE *f;

	if ((f = tmpfile()) == NULL) {
		expect(0, "tmpfile");
		return;
	}
	c = lgc_new(f);
	expect(lgc_set_diagnostic_format(c, "gcc") == LGC_OK, "format gcc");
	lgc_load_template_string(c, "m.lgc", bad, strlen(bad));
	lgc_free(c);
	text = read_back(f, &len);
	expect(text != NULL && strncmp(text, "m.lgc:3:10: error: nom inconnu",
	    30) == 0 && strchr(text, '\n') == text + len - 1,
	    "format gcc : une ligne « m.lgc:3:10: error: … »");
	free(text);
	fclose(f);

	/* Forgotten results: a forked worker's, written by its parent. */
	if ((f = tmpfile()) == NULL)
		return;
	c = lgc_new(f);
	lgc_set_diagnostic_format(c, "sarif");
	lgc_report(c, "lot", "lot : %d contrats", 2);
	lgc_drop_diagnostics(c);
	lgc_free(c);
	text = read_back(f, &len);
	expect(len == 0, "sarif : lgc_drop_diagnostics n'écrit rien");
	free(text);
	fclose(f);

	if ((f = tmpfile()) == NULL)
		return;
	c = lgc_new(f);
	lgc_set_diagnostic_format(c, "sarif");
	lgc_load_template_string(c, "m.lgc", bad, strlen(bad));
	expect(lgc_add_sarif_result(c, result, strlen(result)) == LGC_OK,
	    "sarif : lgc_add_sarif_result prend un résultat");
	expect(lgc_add_sarif_result(c, "{\"a\":\n1}", 8) == LGC_FATAL,
	    "sarif : lgc_add_sarif_result refuse ce qui tient sur deux lignes");
	text = read_back(f, &len);
	expect(len == 0, "sarif : rien n'est écrit avant la fin");
	free(text);
	lgc_finish_diagnostics(c);
	lgc_free(c);
	text = read_back(f, &len);
	expect(text != NULL && strstr(text, "\"version\":\"2.1.0\"") != NULL &&
	    strstr(text, "\"ruleId\":\"nom-inconnu\"") != NULL &&
	    strstr(text, "\"ruleId\":\"lot\"") != NULL &&
	    strstr(text, "\"associatedRule\":{\"id\":\"usage\"") != NULL &&
	    strstr(strstr(text, "\"runs\"") + 1, "\"runs\"") == NULL,
	    "sarif : un seul journal, les résultats du modèle, ajouté et refusé");
	free(text);
	fclose(f);
}

/* The diagnostic handler, the caller's own reports, a template from
 * memory, the formats' table, and the writer of outputs. */
static void
test_library(const char *dir)
{
	struct seen s;
	lgc_compiler *c;
	char *out = NULL, *name, target[4096];
	const char *word = NULL, *help = NULL;
	size_t len = 0, i;
	bool found;
	FILE *f;

	memset(&s, 0, sizeof(s));
	s.printed_ok = s.place_ok = true;
	c = lgc_new(NULL);
	lgc_set_diagnostic_handler(c, collect, &s);
	expect(lgc_set_option(c, "teinte", "rouge") == LGC_FATAL &&
	    s.fatals == 1 && has_code(&s, "usage"),
	    "une option inconnue est signalée au gestionnaire (usage)");
	expect(lgc_set_diagnostic_format(c, "xml") == LGC_FATAL &&
	    s.fatals == 2, "un format de diagnostics inconnu est signalé");
	expect(lgc_report(c, "entree-sortie", "%s : %s", "sortie.pdf",
	    lgc_strerror(2)) == LGC_FATAL && has_code(&s, "entree-sortie"),
	    "lgc_report passe par le même chemin");
	expect(lgc_report(c, "lot", "lot : %d contrats", 3) == LGC_OK &&
	    s.notes == 1, "une note rapportée ne fait pas échouer");
	expect(lgc_load_template_string(c, "memoire/lettre.lgc",
	    template_text, strlen(template_text)) == LGC_OK,
	    "un modèle chargé depuis la mémoire");
	expect(lgc_form(c, "/api/v1/modeles/lettre/rendu", &out, &len) ==
	    LGC_OK && out != NULL && len == strlen(out) &&
	    strstr(out, "<h1>Lettre de mission</h1>") != NULL &&
	    strstr(out, "\"/api/v1/modeles/lettre/rendu\"") != NULL &&
	    strstr(out, "data-format=\"pdf\"") != NULL &&
	    strstr(out, "\"libelle\": \"Honoraires\"") != NULL,
	    "lgc_form : le questionnaire, avec l'adresse du rendu");
	free(out);
	out = NULL;
	expect(lgc_form(c, NULL, &out, &len) == LGC_OK && out != NULL &&
	    strstr(out, "data-format=") == NULL,
	    "lgc_form sans adresse : pas de bouton de contrat");
	free(out);
	out = NULL;
	expect(lgc_outline(c, &out, &len) == LGC_OK && out != NULL &&
	    len == strlen(out) &&
	    strstr(out, "\"texte\":\"Mission\"") != NULL &&
	    strstr(out, "\"numero\":\"1\"") != NULL &&
	    strstr(out, "\"nom\":\"honoraires\"") != NULL &&
	    strstr(out, "\"libelle\":\"Honoraires\"") != NULL &&
	    strstr(out, "\"fonction\":\"en_lettres\"") != NULL &&
	    strstr(out, "\"echec\":false") != NULL,
	    "lgc_outline : titres numérotés, entrées, usages des fonctions");
	free(out);
	out = NULL;
	expect(lgc_load_template_string(c, "autre.lgc", template_text,
	    strlen(template_text)) == LGC_FATAL,
	    "un second modèle dans le même compilateur est refusé");
	expect(lgc_load_data_file(c, "absent.json") == LGC_FATAL &&
	    has_code(&s, "entree-sortie"),
	    "un fichier de données absent est une erreur d'entrée-sortie");
	expect(strcmp(s.last_file, "absent.json") == 0,
	    "une erreur d'entrée-sortie a pour place son fichier");
	expect(lgc_report_file(c, "entree-sortie", "sortie.pdf",
	    "%s (écriture) : %s", "sortie.pdf", lgc_strerror(2)) == LGC_FATAL &&
	    strcmp(s.last_file, "sortie.pdf") == 0,
	    "lgc_report_file nomme le fichier en cause");
	lgc_reset_data(c);
	/* A batch record: its JSON is located in the lines of its file. */
	lgc_set_record(c, "lot.jsonl", 7);
	expect(lgc_load_data_string(c, "lot.jsonl", "{\"honoraires\": x}",
	    16) == LGC_ERRORS && strcmp(s.last_file, "lot.jsonl") == 0 &&
	    s.last_line == 7, "un enregistrement de lot est situé à sa ligne");
	lgc_set_record(c, NULL, 0);
	lgc_reset_data(c);
	expect(lgc_load_data_string(c, "client.json", data_ok,
	    strlen(data_ok)) == LGC_OK, "les données, après lgc_reset_data");
	expect(lgc_render(c, "latex", &out, &len) == LGC_OK && out != NULL &&
	    strstr(out, "Durand <SARL>") == NULL,
	    "le rendu LaTeX du modèle en mémoire");
	snprintf(target, sizeof(target), "%s/sortie.tex", dir);
	expect(lgc_write_output(c, target, out, len) == LGC_OK &&
	    (f = fopen(target, "r")) != NULL && fclose(f) == 0,
	    "lgc_write_output écrit le fichier");
	remove(target);
	snprintf(target, sizeof(target), "%s/absent/sortie.tex", dir);
	i = (size_t)s.fatals;
	expect(lgc_write_output(c, target, out, len) == LGC_FATAL &&
	    (size_t)s.fatals == i + 1,
	    "une sortie impossible à écrire est signalée au gestionnaire");
	free(out);
	expect(s.printed_ok && s.place_ok,
	    "chaque diagnostic vient avec son texte et sa place");
	lgc_free(c);

	/* A template from memory with a syntax error: located in it. */
	memset(&s, 0, sizeof(s));
	s.printed_ok = s.place_ok = true;
	c = lgc_new(NULL);
	lgc_set_diagnostic_handler(c, collect, &s);
	expect(lgc_load_template_string(c, "brouillon.lgc", broken_text,
	    strlen(broken_text)) == LGC_ERRORS && s.errors > 0 &&
	    has_code(&s, "bloc-non-ferme") && s.place_ok,
	    "une erreur d'un modèle en mémoire a sa ligne et sa colonne");
	out = NULL;
	expect(lgc_form(c, NULL, &out, &len) == LGC_ERRORS && out == NULL,
	    "lgc_form d'un modèle en erreur : LGC_ERRORS, aucune page");
	expect(lgc_outline(c, &out, &len) == LGC_OK && out != NULL &&
	    strstr(out, "\"echec\":true") != NULL,
	    "lgc_outline d'un modèle en erreur : ce qui a pu être lu");
	free(out);
	out = NULL;
	lgc_free(c);

	c = lgc_new(NULL);
	lgc_set_diagnostic_handler(c, collect, &s);
	found = false;
	for (i = 0; lgc_format_name(c, i) != NULL; i++)
		if (strcmp(lgc_format_name(c, i), "pdf") == 0)
			found = strcmp(lgc_format_extension(c, i), ".pdf") == 0 &&
			    lgc_format_description(c, i) != NULL &&
			    lgc_format_option(c, i, 0, &word, &help) != NULL &&
			    help != NULL;
	expect(found && i >= 3, "la table des formats, leurs options");
	expect(lgc_format_for_path(c, "contrat.HTML") != NULL &&
	    strcmp(lgc_format_for_path(c, "contrat.HTML"), "html") == 0 &&
	    lgc_format_for_path(c, "contrat.odt") == NULL,
	    "le format d'après l'extension");
	lgc_free(c);

	/* Includes confined to root folders (lgc_add_root). */
	snprintf(target, sizeof(target), "%s/contrat.lgc", dir);
	c = lgc_new(NULL);
	lgc_set_diagnostic_handler(c, collect, &s);
	expect(lgc_add_root(c, "/dev") == LGC_OK &&
	    lgc_load_template_string(c, target, include_text,
	    strlen(include_text)) == LGC_ERRORS &&
	    has_code(&s, "inclusion-hors-racine"),
	    "une clause hors des dossiers racines est refusée");
	lgc_free(c);
	c = lgc_new(NULL);
	lgc_set_diagnostic_handler(c, collect, &s);
	expect(lgc_add_root(c, dir) == LGC_OK &&
	    lgc_load_template_string(c, target, include_text,
	    strlen(include_text)) == LGC_OK,
	    "une clause dans un dossier racine est incluse");
	i = (size_t)s.fatals;
	expect(lgc_add_root(c, "absent/dossier") == LGC_FATAL &&
	    (size_t)s.fatals == i + 1, "un dossier racine absent est refusé");
	lgc_free(c);

	name = lgc_file_name("Société Générale / Île-de-France");
	expect(strcmp(name, "societe-generale-ile-de-france") == 0,
	    "un nom de fichier sûr");
	free(name);
	name = lgc_file_name("../..");
	expect(strcmp(name, "") == 0, "jamais un chemin");
	free(name);
}

/* One thread's work on a shared template: its own clone, its own data,
 * every format, several times. */
struct clone_job {
	const lgc_compiler *master;
	const char	*format;
	char		 name[32];
	char		*first;		/* the first rendering, kept */
	size_t		 first_len;
	bool		 ok;
};

static void *
clone_work(void *arg)
{
	struct clone_job *j = arg;
	char data[256];
	int round;

	j->ok = true;
	snprintf(data, sizeof(data), "{\"client\": {\"nom\": \"%s\", "
	    "\"adresse\": \"Lyon\"}, \"honoraires\": 1500}", j->name);
	for (round = 0; round < 5; round++) {
		lgc_compiler *k = lgc_clone(j->master, NULL);
		char *out = NULL;
		size_t len = 0;

		if (lgc_load_data_string(k, "client.json", data,
		    strlen(data)) != LGC_OK ||
		    lgc_render(k, j->format, &out, &len) != LGC_OK ||
		    (strstr(out, j->name) == NULL && strcmp(j->format, "pdf") != 0))
			j->ok = false;
		else if (j->first == NULL) {
			j->first = out;
			j->first_len = len;
			out = NULL;
		} else if (len != j->first_len || memcmp(out, j->first, len) != 0)
			j->ok = false;
		free(out);
		lgc_free(k);
	}
	return NULL;
}

/* lgc_clone: one template checked once, rendered by many threads at
 * once (make check-tsan runs this under ThreadSanitizer too). */
static void
test_clone(const char *path, const char *dir)
{
	static const char *const formats[] = { "html", "latex", "pdf", "pdf" };
	static const char client0[] = "{\"client\": {\"nom\": \"Client0\", "
	    "\"adresse\": \"Lyon\"}, \"honoraires\": 1500}";
	struct clone_job jobs[4];
	pthread_t threads[4];
	lgc_compiler *master = lgc_new(NULL), *k, *late;
	char *out = NULL, *alone = NULL, broken[4096];
	size_t len = 0, alone_len = 0, i;
	bool all = true, same = true;
	FILE *report;

	lgc_set_option(master, "brouillon", "1");
	expect(lgc_load_template(master, path) == LGC_OK,
	    "clone : le modèle maître se charge");
	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < 4; i++) {
		jobs[i].master = master;
		jobs[i].format = formats[i];
		snprintf(jobs[i].name, sizeof(jobs[i].name), "Client%zu", i);
		if (pthread_create(&threads[i], NULL, clone_work, &jobs[i]) != 0)
			jobs[i].master = NULL;
	}
	for (i = 0; i < 4; i++) {
		if (jobs[i].master != NULL)
			pthread_join(threads[i], NULL);
		all = all && jobs[i].master != NULL && jobs[i].ok;
	}
	expect(all, "clone : quatre fils rendent le même modèle en même temps, "
	    "chacun ses données, HTML, LaTeX et PDF, à l'identique à chaque tour");
	/* The same bytes as a compiler of its own. */
	k = lgc_new(NULL);
	lgc_set_option(k, "brouillon", "1");
	lgc_load_template(k, path);
	lgc_load_data_string(k, "client.json", client0, strlen(client0));
	lgc_render(k, "html", &alone, &alone_len);
	same = alone != NULL && jobs[0].first != NULL &&
	    alone_len == jobs[0].first_len &&
	    memcmp(alone, jobs[0].first, alone_len) == 0;
	expect(same, "clone : le même document qu'un compilateur à lui");
	free(alone);
	lgc_free(k);
	for (i = 0; i < 4; i++)
		free(jobs[i].first);

	/* The options follow (brouillon): missing data shows. */
	k = lgc_clone(master, NULL);
	late = lgc_clone(master, NULL);
	lgc_free(master);
	expect(lgc_render(k, "html", &out, &len) == LGC_OK && out != NULL &&
	    strstr(out, "honoraires") != NULL,
	    "clone : les options du maître suivent, et le maître libéré, le "
	    "clone rend encore");
	free(out);
	lgc_free(k);
	lgc_free(late);

	/* A broken template stays broken in its clones, which say nothing
	 * more. */
	snprintf(broken, sizeof(broken), "%s/casse.lgc", dir);
	write_text(broken, broken_text);
	report = tmpfile();
	master = lgc_new(report);
	expect(lgc_load_template(master, broken) == LGC_ERRORS,
	    "clone : un modèle erroné se charge en erreur");
	k = lgc_clone(master, report);
	out = (char *)1;
	expect(lgc_render(k, "html", &out, &len) == LGC_ERRORS && out == NULL,
	    "clone : le clone d'un modèle erroné refuse le rendu");
	lgc_free(k);
	lgc_free(master);
	fclose(report);
	remove(broken);
}

/* lgc_compare: two versions of a template, one compiler each. */
static lgc_compiler *
version(FILE *quiet, const char *text)
{
	lgc_compiler *c = lgc_new(quiet);

	lgc_load_template_string(c, "v.lgc", text, strlen(text));
	return c;
}

static void
test_compare(void)
{
	static const char before_text[] =
	    "modele \"C\"\n---\n# Objet\n\nLe prix est de dix euros.\n\n"
	    "# Durée\n\nUn an.\n";
	static const char after_text[] =
	    "modele \"C\"\n---\n# Objet\n\nLe prix est de douze euros.\n\n"
	    "# Garantie\n\nAucune.\n\n# Durée\n\nUn an.\n";
	FILE *quiet = tmpfile();
	lgc_compiler *before = version(quiet, before_text);
	lgc_compiler *after = version(quiet, after_text);
	lgc_compiler *same = version(quiet, before_text);
	lgc_comparison *cmp, *json;
	char *out = NULL;
	size_t len = 0, changes = 0;

	expect(lgc_comparison_new(before, "html") == NULL,
	    "comparaison : un format inconnu est refusé");
	cmp = lgc_comparison_new(before, "texte");
	expect(cmp != NULL && lgc_compare(cmp, before, after, NULL, &out, &len,
	    &changes) == LGC_OK && changes == 3 && out != NULL &&
	    len == strlen(out), "comparaison : trois articles changent");
	expect(out != NULL && strstr(out, "Le prix est de [-dix-]{+douze+} "
	    "euros.") != NULL, "comparaison : les mots changés");
	expect(out != NULL && strstr(out, "Article 2 «\xc2\xa0" "Garantie\xc2\xa0» "
	    "ajouté") != NULL && strstr(out, "Article 2 → 3 «\xc2\xa0" "Durée"
	    "\xc2\xa0» renuméroté\n") != NULL, "comparaison : un article inséré renumérote le suivant");
	free(out);
	expect(lgc_compare(cmp, before, same, "client", &out, &len,
	    &changes) == LGC_OK && changes == 0 && out != NULL && *out == '\0',
	    "comparaison : deux versions identiques, rien à dire");
	free(out);
	lgc_comparison_free(cmp);

	json = lgc_comparison_new(before, "json");
	expect(json != NULL && lgc_compare(json, before, after, "c1", &out,
	    &len, &changes) == LGC_OK && out != NULL &&
	    strstr(out, "{\"client\":\"c1\",\"modifications\":[") == out &&
	    strstr(out, "\"genre\":\"renumerote\"") != NULL,
	    "comparaison : un objet JSON par client");
	free(out);
	lgc_comparison_failed(json);
	expect(lgc_comparison_summary(json, &out, &len) == LGC_OK &&
	    out != NULL && strstr(out, "\"contrats\":2,\"modifies\":1,"
	    "\"identiques\":0,\"en_echec\":1") != NULL,
	    "comparaison : le résumé compte les clients");
	free(out);
	lgc_comparison_free(json);
	lgc_free(before);
	lgc_free(after);
	lgc_free(same);
	fclose(quiet);
}

/* Whether the LEN bytes at OUT hold the text S (a PDF holds NULs). */
static bool
pdf_holds(const char *out, size_t len, const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; out != NULL && i + n <= len; i++)
		if (memcmp(out + i, s, n) == 0)
			return true;
	return false;
}

/* The PDF's options through lgc_set_option, as lgc serve would set
 * them: signature fields by default and "signatures-pdf" "0" for none;
 * "pdfa" for PDF/A-1b, and a "profil-icc" that is no profile refused. */
static void
test_pdf_options(const char *dir)
{
	static const char tpl[] =
	    "modele \"Mandat\"\n"
	    "entree mandant : partie \"Le mandant\"\n"
	    "---\n"
	    "# Objet\n\nLe mandat.\n\n{signatures mandant}\n";
	static const char data[] =
	    "{\"mandant\": {\"nom\": \"Durand\", \"adresse\": \"Paris\"}}";
	lgc_compiler *c = lgc_new(NULL);
	struct seen s;
	char *out = NULL, icc[4096];
	size_t len = 0;
	FILE *f;

	memset(&s, 0, sizeof(s));
	lgc_set_diagnostic_handler(c, collect, &s);
	expect(lgc_load_template_string(c, "memoire/mandat.lgc", tpl,
	    strlen(tpl)) == LGC_OK && lgc_load_data_string(c, "mandat.json",
	    data, strlen(data)) == LGC_OK, "un modèle signé, pour le PDF");
	expect(lgc_render(c, "pdf", &out, &len) == LGC_OK &&
	    pdf_holds(out, len, "/FT /Sig") &&
	    pdf_holds(out, len, "(signature-mandant)") &&
	    !pdf_holds(out, len, "GTS_PDFA1"),
	    "PDF : un champ de signature par défaut, pas de PDF/A");
	/* The state kept from one rendering to the next: the same bytes
	 * again, and options changed in between are those applied. */
	lgc_keep_backends(c, 1);
	{
		char *first = out, *again = NULL;
		size_t first_len = len, again_len = 0;

		out = NULL;
		expect(lgc_render(c, "pdf", &out, &len) == LGC_OK &&
		    lgc_render(c, "pdf", &again, &again_len) == LGC_OK &&
		    len == first_len && again_len == first_len &&
		    memcmp(out, first, len) == 0 &&
		    memcmp(again, first, len) == 0,
		    "PDF : lgc_keep_backends, les mêmes octets qu'un état neuf");
		free(first);
		free(again);
	}
	free(out);
	out = NULL;
	/* Tagged by default, the PDF/A claimed is PDF/A-1a (pdfa.c). */
	expect(lgc_set_option(c, "signatures-pdf", "0") == LGC_OK &&
	    lgc_set_option(c, "pdfa", "1") == LGC_OK &&
	    lgc_render(c, "pdf", &out, &len) == LGC_OK &&
	    !pdf_holds(out, len, "/AcroForm") && pdf_holds(out, len, "/GTS_PDFA1") &&
	    pdf_holds(out, len, "<pdfaid:conformance>A</pdfaid:conformance>") &&
	    pdf_holds(out, len, "<pdfuaid:part>1</pdfuaid:part>") &&
	    pdf_holds(out, len, "%PDF-1.4") && !pdf_holds(out, len, "/ObjStm"),
	    "PDF : signatures-pdf 0 et pdfa 1 par lgc_set_option : PDF/A-1a "
	    "et PDF/UA-1, balisé, sans flux d'objets");
	free(out);
	out = NULL;
	expect(lgc_set_option(c, "sans-balises", "1") == LGC_OK &&
	    lgc_render(c, "pdf", &out, &len) == LGC_OK &&
	    pdf_holds(out, len, "<pdfaid:conformance>B</pdfaid:conformance>") &&
	    !pdf_holds(out, len, "pdfuaid"),
	    "PDF : pdfa sans balises : PDF/A-1b seulement");
	free(out);
	out = NULL;
	snprintf(icc, sizeof(icc), "%s/pas-un-profil.icc", dir);
	if ((f = fopen(icc, "w")) != NULL) {
		fputs("pas un profil ICC\n", f);
		fclose(f);
	}
	expect(lgc_set_option(c, "profil-icc", icc) == LGC_OK &&
	    lgc_render(c, "pdf", &out, &len) == LGC_FATAL && out == NULL &&
	    has_code(&s, "pdfa-profil-icc"),
	    "PDF : un profil-icc qui n'est pas un profil ICC est refusé");
	remove(icc);
	lgc_keep_backends(c, 0);
	lgc_free(c);
}

/* lgc_variantes through <lgc.h>: the report in each format, the
 * diagnostics through the handler, a bad format refused. */
static void
test_variantes(void)
{
	static const char text[] =
	    "entree garantie : booleen \"Garantie ?\"\n"
	    "entree duree : entier entre 1 et 12 \"Durée\"\n"
	    "---\n"
	    "# Objet\n"
	    "{si garantie}\n"
	    "## Garantie\n"
	    "{fin}\n"
	    "{si duree > 24}Jamais.{fin}\n";
	lgc_variantes_options o;
	struct seen s;
	lgc_compiler *c;
	char *out = NULL;
	size_t len = 0;

	memset(&s, 0, sizeof(s));
	s.printed_ok = s.place_ok = true;
	c = lgc_new(NULL);
	lgc_set_diagnostic_handler(c, collect, &s);
	expect(lgc_load_template_string(c, "memoire/variantes.lgc", text,
	    strlen(text)) == LGC_OK, "lgc_variantes : le modèle se charge");
	memset(&o, 0, sizeof(o));
	o.format = "json";
	expect(lgc_variantes(c, &o, &out, &len) == LGC_OK && out != NULL &&
	    len == strlen(out) && strstr(out, "\"variantes\": 2") != NULL &&
	    has_code(&s, "variantes-branche-impossible"),
	    "lgc_variantes : 2 variantes en JSON, la branche impossible "
	    "signalée au gestionnaire");
	free(out);
	out = NULL;
	o.format = "html";
	expect(lgc_variantes(c, &o, &out, &len) == LGC_OK && out != NULL &&
	    strstr(out, "<th>V1</th><th>V2</th>") != NULL,
	    "lgc_variantes : la page HTML, une colonne par variante");
	free(out);
	out = NULL;
	o.format = "csv";
	expect(lgc_variantes(c, &o, &out, &len) == LGC_FATAL && out == NULL &&
	    has_code(&s, "usage"), "lgc_variantes : un format inconnu refusé");
	expect(lgc_variantes(c, NULL, NULL, NULL) == LGC_OK,
	    "lgc_variantes : sans options ni rapport, les diagnostics seuls");
	lgc_free(c);
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
	{
		/* What --lot asks of the files its output folder lists. */
		struct stat read_st, other_st;

		expect(stat(path, &read_st) == 0 && lgc_may_read_inode(c,
		    (unsigned long long)read_st.st_ino) == 1,
		    "lgc_may_read_inode : l'inode du modèle lu");
		expect(stat(overflow, &other_st) == 0 && lgc_may_read_inode(c,
		    (unsigned long long)other_st.st_ino) == 0,
		    "lgc_may_read_inode : l'inode d'un fichier non lu");
	}
	expect(lgc_provenance(c, &out, &len) == LGC_FATAL && out == NULL,
	    "lgc_provenance sans lgc_set_provenance : rien");
	lgc_set_provenance(c, 1);
	expect(lgc_render(c, "html", &out, &len) == LGC_OK && out != NULL &&
	    strstr(out, "data-source=\"") != NULL &&
	    strstr(out, "id=\"lgc-provenance\"") != NULL,
	    "le rendu HTML avec provenance : chaque bloc porte sa source");
	free(out);
	expect(lgc_provenance(c, &out, &len) == LGC_OK && out != NULL &&
	    len == strlen(out) &&
	    strstr(out, "\"format\": \"lgc-provenance\"") != NULL &&
	    strstr(out, "\"chemin\": \"honoraires\"") != NULL,
	    "lgc_provenance : le JSON du dernier rendu, chemins JSON compris");
	free(out);
	lgc_set_provenance(c, 0);
	{
		/* Another compiler: an unknown article is an error. */
		FILE *quiet = tmpfile();
		lgc_compiler *k = lgc_new(quiet);

		expect(lgc_load_template(k, path) == LGC_OK &&
		    lgc_load_data_string(k, "client.json", data_ok,
		    strlen(data_ok)) == LGC_OK &&
		    lgc_explain(k, "1", &out, &len) == LGC_OK && out != NULL &&
		    strncmp(out, "L'article 1 (Mission) figure toujours",
		    37) == 0 && len == strlen(out),
		    "lgc_explain : pourquoi l'article 1 figure");
		free(out);
		expect(lgc_explain(k, "5", &out, &len) == LGC_ERRORS &&
		    out == NULL, "lgc_explain d'un article inconnu : une erreur");
		lgc_free(k);
		if (quiet != NULL)
			fclose(quiet);
	}
	/* The data's JSON is dropped once converted (data/data.h): a
	 * second rendering reads the converted values, a -D under an input
	 * reads the rest of it again from the text, another file replaces
	 * it. */
	expect(lgc_render(c, "html", &out, &len) == LGC_OK && out != NULL &&
	    strstr(out, "Durand &lt;SARL&gt;") != NULL,
	    "un second rendu reprend les mêmes données");
	free(out);
	expect(lgc_define(c, "client.nom=Martin") == LGC_OK &&
	    lgc_render(c, "html", &out, &len) == LGC_OK && out != NULL &&
	    strstr(out, "Martin confie") != NULL,
	    "-D client.nom après un rendu : le reste du client est relu");
	free(out);
	expect(lgc_load_data_string(c, "autre.json",
	    "{\"honoraires\": \"99.00\"}", 23) == LGC_OK &&
	    lgc_render(c, "html", &out, &len) == LGC_OK && out != NULL &&
	    strstr(out, "99,00") != NULL && strstr(out, "Martin") != NULL,
	    "un autre fichier de données après un rendu le remplace");
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

	/* What a document may cost: a limit set lower than the contract
	 * needs is an error, without output; a wrong limit, a usage
	 * error. */
	report = tmpfile();
	c = lgc_new(report);
	lgc_load_template(c, path);
	lgc_load_data_string(c, "client.json", data_ok, strlen(data_ok));
	expect(lgc_set_option(c, "limite-noeuds", "3") == LGC_OK &&
	    lgc_set_option(c, "limite-valeur", "64M") == LGC_OK &&
	    lgc_set_option(c, "limite-texte", "1G") == LGC_OK,
	    "les limites se règlent");
	expect(lgc_set_option(c, "limite-valeur", "0") == LGC_FATAL &&
	    lgc_set_option(c, "limite-pages", "10") == LGC_FATAL,
	    "une limite inconnue ou nulle est une erreur d'utilisation");
	out = (char *)1;
	expect(lgc_render(c, "html", &out, &len) == LGC_ERRORS && out == NULL,
	    "une limite franchie est une erreur, sans sortie");
	expect(holds(report, "morceaux de texte") &&
	    holds(report, "--limite noeuds=N"), "la limite franchie est nommée");
	lgc_free(c);
	fclose(report);

	/* An unknown format is a usage error. */
	c = lgc_new(diagnostics);
	lgc_load_template(c, path);
	expect(lgc_render(c, "odt", &out, &len) == LGC_FATAL,
	    "un format inconnu est une erreur d'utilisation");
	lgc_free(c);

	test_library(dir);
	test_pdf_options(dir);
	test_diagnostic_formats();
	test_variantes();
	test_clone(path, dir);
	test_compare();
	expect(strcmp(lgc_version(), LGC_VERSION_STRING) == 0, "la version");
	fclose(diagnostics);
	remove(path);
	remove(overflow);
	return failures != 0;
}
