/* lgc — the command line. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "lgc.h"
#include "format/format.h"
#include "cli/batch.h"
#include "base/util.h"

#ifndef LGC_STDLIB_DIR
#define LGC_STDLIB_DIR "/usr/local/share/lgc/stdlib"
#endif

enum command {
	CMD_BUILD,
	CMD_CHECK,
	CMD_SCHEMA,
	CMD_TREE,
	CMD_LINT
};

struct options {
	enum command	 command;
	const char	*template_path;
	struct ptrvec	 data_files;	/* const char * */
	struct ptrvec	 defines;	/* const char * */
	struct ptrvec	 includes;	/* const char * */
	const char	*format;
	const char	*output;
	const char	*diagnostics;
	const char	*preamble;
	const char	*font;
	const char	*batch;		/* --lot */
	const char	*batch_dir;	/* --sortie */
	const char	*name_field;	/* --nom */
	const char	*deps;		/* --deps */
	struct ptrvec	 warnings;	/* -WPREFIX: const char * PREFIX */
	const char	*subjects;	/* --sujets */
	int		 jobs;
	bool		 werror;
	bool		 fragment;
	bool		 draft;
	bool		 straight_quotes;
	bool		 json_usage;	/* --format-diagnostics json */
};

static void
usage(FILE *out)
{
	char *formats;

	fputs(
"usage : lgc build MODÈLE.lgc [-d DONNÉES.json] [-D nom=valeur]… [-f FORMAT]\n"
"                 [-o SORTIE] [-I DOSSIER]… [-Werror]\n"
"        lgc check MODÈLE.lgc [-d DONNÉES.json] [-D nom=valeur]… [-I DOSSIER]…\n"
"        lgc build MODÈLE.lgc --lot CLIENTS.jsonl --sortie DOSSIER/ [--nom CHAMP]\n"
"                 [-j N] [-f FORMAT]\n"
"        lgc schema MODÈLE.lgc\n"
"        lgc lint MODÈLE.lgc [--sujets LISTE] [-I DOSSIER]… [-Werror]\n"
"        lgc tree MODÈLE.lgc\n"
"        lgc --help | --version\n"
"\n"
"Compile un modèle de contrat .lgc et les données d'un client (JSON) en un\n"
"contrat fini.\n"
"\n"
"Commandes :\n"
"  build              écrit le contrat (sur la sortie standard sans -o)\n"
"  check              vérifie le modèle, et les données si elles sont données\n"
"  schema             écrit le schéma JSON (draft 2020-12) des entrées\n"
"  tree               affiche l'arbre syntaxique du modèle (mise au point)\n"
"  lint               vérifie le modèle et sa rédaction (avertissements lint-…)\n"
"\n"
"Options :\n"
"  -d, --donnees FICHIER  données du client, un objet JSON (répétable)\n"
"  -D nom=valeur          fixe ou remplace une entrée (répétable)\n"
"  -f, --format FORMAT    html, latex ou pdf (défaut : selon l'extension de -o)\n"
"  -o, --sortie FICHIER   fichier de sortie, écrit seulement en cas de succès\n"
"  -I DOSSIER             dossier de clauses à chercher (répétable ; aussi\n"
"                         la variable LGC_PATH, dossiers séparés par « : »)\n"
"  -Werror                traite les avertissements comme des erreurs\n"
"  -Wlint, -Wlint-CODE    ajoute les avertissements de rédaction (tous, ou un)\n"
"  --sujets LISTE         lint : sujets essentiels du contrat (parties, objet,\n"
"                         duree, prestations, remuneration, resultats,\n"
"                         confidentialite, donnees, resiliation, litiges,\n"
"                         signatures ; ou aucun)\n"
"  --lot FICHIER          un contrat par enregistrement : fichier JSONL (un\n"
"                         objet par ligne) ou dossier de fichiers .json\n"
"  --sortie DOSSIER       dossier des contrats du lot\n"
"  --nom CHAMP            nomme chaque contrat d'après ce champ (défaut :\n"
"                         le numéro de l'enregistrement)\n"
"  -j N                   compile le lot en N processus parallèles\n"
"  --deps FICHIER         écrit les dépendances (règle Makefile) de la\n"
"                         sortie : modèle, clauses incluses, données\n"
"  --brouillon            rend le modèle sans données ou avec des données\n"
"                         partielles : valeurs manquantes et branches\n"
"                         indécidables apparaissent, surlignées\n"
"  --guillemets-droits    garde les guillemets \"…\" tels quels (par défaut\n"
"                         ils deviennent « … »)\n"
"  --fragment             LaTeX : le corps seul, sans préambule\n"
"  --preambule FICHIER    LaTeX : remplace le préambule par FICHIER\n"
"  --police NOM           PDF : famille de polices (défaut : Liberation Serif)\n"
"  --format-diagnostics json   un objet JSON par diagnostic\n"
"  -h, --help             affiche cette aide\n"
"  -V, --version          affiche la version\n"
"\n"
"Code de sortie : 0 succès (avertissements permis), 1 erreurs dans le modèle\n"
"ou les données, 2 erreur d'utilisation ou d'entrée-sortie.\n"
"Voir lgc(1) et la référence du langage dans docs/.\n", out);
	formats = format_names(&format_builtin);
	fprintf(out, "Formats : %s.\n", formats);
	free(formats);
}

/* Usage errors honour --format-diagnostics json too, so that a tool
 * driving lgc reads every failure the same way. */
static int
usage_error(const struct options *o, const char *fmt, const char *arg)
{
	char *message = xasprintf(fmt, arg);
	const char *p;

	if (o->json_usage) {
		fputs("{\"fichier\":\"\",\"gravite\":\"fatale\",\"code\":"
		    "\"usage\",\"message\":\"", stderr);
		for (p = message; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				fputc('\\', stderr);
			if ((unsigned char)*p < 0x20)
				fprintf(stderr, "\\u%04x", (unsigned char)*p);
			else
				fputc(*p, stderr);
		}
		fputs("\"}\n", stderr);
	} else {
		fprintf(stderr, "lgc: erreur: %s\n", message);
		fputs("lgc: note: « lgc --help » décrit les commandes et "
		    "options\n", stderr);
	}
	free(message);
	return LGC_FATAL;
}

/* The value of an option: "-o X", "-oX", "--sortie X" or "--sortie=X". */
static const char *
option_value(int argc, char **argv, int *i, const char *arg, size_t prefix)
{
	if (arg[prefix] == '=')
		return arg + prefix + 1;
	if (arg[prefix] != '\0' && arg[1] != '-')
		return arg + prefix;
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static bool
matches(const char *arg, const char *shortopt, const char *longopt,
    size_t *prefix)
{
	size_t n;

	if (shortopt != NULL && strncmp(arg, shortopt, 2) == 0) {
		*prefix = 2;
		return true;
	}
	if (longopt != NULL) {
		n = strlen(longopt);
		if (strncmp(arg, longopt, n) == 0 &&
		    (arg[n] == '\0' || arg[n] == '=')) {
			*prefix = n;
			return true;
		}
	}
	return false;
}

static int
parse_args(int argc, char **argv, struct options *o)
{
	int i;
	size_t prefix;
	const char *value;

	if (argc < 2) {
		usage(stderr);
		return LGC_FATAL;
	}
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0 ||
		    strcmp(arg, "--aide") == 0) {
			usage(stdout);
			exit(0);
		}
		if (strcmp(arg, "-V") == 0 || strcmp(arg, "--version") == 0) {
			printf("lgc %s\n", lgc_version());
			exit(0);
		}
	}
	if (strcmp(argv[1], "build") == 0)
		o->command = CMD_BUILD;
	else if (strcmp(argv[1], "check") == 0)
		o->command = CMD_CHECK;
	else if (strcmp(argv[1], "tree") == 0)
		o->command = CMD_TREE;
	else if (strcmp(argv[1], "schema") == 0)
		o->command = CMD_SCHEMA;
	else if (strcmp(argv[1], "lint") == 0)
		o->command = CMD_LINT;
	else
		return usage_error(o, "commande inconnue « %s » : build, check, "
		    "lint, schema ou tree", argv[1]);
	for (i = 2; i < argc; i++) {
		const char *arg = argv[i];

		if (arg[0] != '-' || strcmp(arg, "-") == 0) {
			if (o->template_path != NULL)
				return usage_error(o, "un seul modèle à la fois "
				    "(« %s » en trop)", arg);
			o->template_path = arg;
			continue;
		}
		if (strcmp(arg, "-Werror") == 0) {
			o->werror = true;
			continue;
		}
		if (strncmp(arg, "-W", 2) == 0 && arg[2] != '\0') {
			ptrvec_push(&o->warnings, (void *)(arg + 2));
			continue;
		}
		if (strcmp(arg, "--fragment") == 0) {
			o->fragment = true;
			continue;
		}
		if (strcmp(arg, "--brouillon") == 0) {
			o->draft = true;
			continue;
		}
		if (strcmp(arg, "--guillemets-droits") == 0) {
			o->straight_quotes = true;
			continue;
		}
		if (matches(arg, "-d", "--donnees", &prefix) ||
		    matches(arg, NULL, "--data", &prefix)) {
			if ((value = option_value(argc, argv, &i, arg, prefix)) == NULL)
				return usage_error(o, "%s attend un fichier JSON", arg);
			ptrvec_push(&o->data_files, (void *)value);
		} else if (matches(arg, "-D", NULL, &prefix)) {
			if ((value = option_value(argc, argv, &i, arg, prefix)) == NULL)
				return usage_error(o, "%s attend nom=valeur", arg);
			ptrvec_push(&o->defines, (void *)value);
		} else if (matches(arg, "-I", NULL, &prefix)) {
			if ((value = option_value(argc, argv, &i, arg, prefix)) == NULL)
				return usage_error(o, "%s attend un dossier", arg);
			ptrvec_push(&o->includes, (void *)value);
		} else if (matches(arg, "-f", "--format", &prefix)) {
			if ((value = option_value(argc, argv, &i, arg, prefix)) == NULL)
				return usage_error(o, "%s attend un format", arg);
			o->format = value;
		} else if (matches(arg, "-o", "--sortie", &prefix) ||
		    matches(arg, NULL, "--output", &prefix)) {
			if ((value = option_value(argc, argv, &i, arg, prefix)) == NULL)
				return usage_error(o, "%s attend un fichier", arg);
			o->output = value;
		} else if (matches(arg, NULL, "--preambule", &prefix) ||
		    matches(arg, NULL, "--préambule", &prefix)) {
			if ((value = option_value(argc, argv, &i, arg, prefix)) == NULL)
				return usage_error(o, "%s attend un fichier", arg);
			o->preamble = value;
		} else if (matches(arg, NULL, "--lot", &prefix)) {
			if ((value = option_value(argc, argv, &i, arg, prefix)) == NULL)
				return usage_error(o, "%s attend un fichier JSONL ou "
				    "un dossier", arg);
			o->batch = value;
		} else if (matches(arg, NULL, "--nom", &prefix)) {
			if ((value = option_value(argc, argv, &i, arg, prefix)) == NULL)
				return usage_error(o, "%s attend un nom de champ", arg);
			o->name_field = value;
		} else if (matches(arg, "-j", NULL, &prefix)) {
			char *end;
			long n;

			if ((value = option_value(argc, argv, &i, arg, prefix)) == NULL)
				return usage_error(o, "%s attend un nombre", arg);
			n = strtol(value, &end, 10);
			if (*end != '\0' || n < 1 || n > 256)
				return usage_error(o, "-j attend un nombre de 1 à "
				    "256, pas « %s »", value);
			o->jobs = (int)n;
		} else if (matches(arg, NULL, "--deps", &prefix)) {
			if ((value = option_value(argc, argv, &i, arg, prefix)) == NULL)
				return usage_error(o, "%s attend un fichier", arg);
			o->deps = value;
		} else if (matches(arg, NULL, "--sujets", &prefix)) {
			if ((value = option_value(argc, argv, &i, arg, prefix)) == NULL)
				return usage_error(o, "%s attend une liste de sujets", arg);
			o->subjects = value;
		} else if (matches(arg, NULL, "--police", &prefix)) {
			if ((value = option_value(argc, argv, &i, arg, prefix)) == NULL)
				return usage_error(o, "%s attend un nom de police", arg);
			o->font = value;
		} else if (matches(arg, NULL, "--format-diagnostics", &prefix)) {
			if ((value = option_value(argc, argv, &i, arg, prefix)) == NULL)
				return usage_error(o, "%s attend json ou texte", arg);
			o->diagnostics = value;
		} else
			return usage_error(o, "option inconnue « %s »", arg);
	}
	if (o->template_path == NULL)
		return usage_error(o, "%s", "aucun modèle .lgc donné");
	if (o->batch != NULL && o->command != CMD_BUILD)
		return usage_error(o, "%s", "--lot ne sert qu'à « lgc build » : "
		    "chaque contrat du lot est vérifié avant d'être écrit");
	if (o->batch != NULL) {
		if (o->batch_dir == NULL && o->output != NULL)
			o->batch_dir = o->output;
		if (o->batch_dir == NULL)
			return usage_error(o, "%s", "--lot demande un dossier de "
			    "sortie : --sortie DOSSIER/");
		o->output = NULL;
		if (o->deps != NULL)
			return usage_error(o, "%s", "--deps vaut pour un seul "
			    "contrat, pas pour un lot");
	}
	if (o->deps != NULL && (o->command != CMD_BUILD || o->output == NULL))
		return usage_error(o, "%s", "--deps demande « lgc build … -o "
		    "SORTIE »");
	if (o->command != CMD_BUILD && o->batch == NULL &&
	    (o->output != NULL || o->format != NULL))
		return usage_error(o, "%s", "-o et -f ne servent qu'à « lgc build »");
	return LGC_OK;
}

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* -I folders, then LGC_PATH, then the stdlib next to the executable
 * (build tree or relocated install), then the configured one. */
static void
add_search_paths(lgc_compiler *c, const struct options *o)
{
	const char *env = getenv("LGC_PATH");
	char exe[PATH_MAX], *slash, *dir;
	ssize_t n;
	size_t i;

	for (i = 0; i < o->includes.len; i++)
		lgc_add_search_path(c, o->includes.items[i]);
	if (env != NULL && *env != '\0') {
		char *copy = xstrdup(env), *save = NULL, *part;

		for (part = strtok_r(copy, ":", &save); part != NULL;
		    part = strtok_r(NULL, ":", &save))
			lgc_add_search_path(c, part);
		free(copy);
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			dir = xasprintf("%s/stdlib", exe);
			if (is_dir(dir))
				lgc_add_search_path(c, dir);
			free(dir);
			dir = xasprintf("%s/../share/lgc/stdlib", exe);
			if (is_dir(dir))
				lgc_add_search_path(c, dir);
			free(dir);
		}
	}
	if (is_dir(LGC_STDLIB_DIR))
		lgc_add_search_path(c, LGC_STDLIB_DIR);
}

/* Standard output, or PATH through util.c's atomic writer. */
static int
write_output(const char *path, const char *data, size_t len)
{
	int err;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			fprintf(stderr, "lgc: erreur: écriture sur la sortie "
			    "standard : %s\n", fr_strerror(errno));
			return LGC_FATAL;
		}
		return LGC_OK;
	}
	if ((err = write_file_atomic(path, data, len)) != 0) {
		fprintf(stderr, "lgc: erreur: %s : %s\n", path, fr_strerror(err));
		return LGC_FATAL;
	}
	return LGC_OK;
}

/* Whether -WPREFIX names codes of the drafting linter ("lint…"). */
static bool
lint_warnings(const struct options *o)
{
	size_t i, n;

	for (i = 0; i < o->warnings.len; i++) {
		n = strlen(o->warnings.items[i]);
		if (strncmp(o->warnings.items[i], "lint-", n < 5 ? n : 5) == 0)
			return true;
	}
	return false;
}

static int
worst(int a, int b)
{
	return a > b ? a : b;
}

static int
run(const struct options *o)
{
	lgc_compiler *c = lgc_new(stderr);
	int status;
	size_t i, len = 0;
	char *out = NULL;
	const char *format = o->format, *epoch;

	if (o->diagnostics != NULL &&
	    lgc_set_diagnostic_format(c, o->diagnostics) != LGC_OK) {
		lgc_free(c);
		return usage_error(o, "format de diagnostics « %s » inconnu : json "
		    "ou texte", o->diagnostics);
	}
	if (format == NULL && o->output != NULL && strcmp(o->output, "-") != 0) {
		const struct backend *be = format_by_path(&format_builtin,
		    o->output);

		if (be == NULL) {
			lgc_free(c);
			return usage_error(o, "extension de « %s » inconnue : "
			    "précisez le format avec -f", o->output);
		}
		format = be->name;
	}
	if (format == NULL)
		format = "html";
	if (format_by_name(&format_builtin, format) == NULL) {
		lgc_free(c);
		return usage_error(o, "format « %s » inconnu", format);
	}
	lgc_set_werror(c, o->werror);
	if (o->fragment)
		lgc_set_option(c, "fragment", "1");
	if (o->draft)
		lgc_set_option(c, "brouillon", "1");
	if (o->straight_quotes)
		lgc_set_option(c, "guillemets", "droits");
	if (o->preamble != NULL)
		lgc_set_option(c, "preambule", o->preamble);
	if (o->font != NULL)
		lgc_set_option(c, "police", o->font);
	/* Reproducible builds: a PDF records a date only when given one,
	 * and an invalid one is ignored. */
	if ((epoch = getenv("SOURCE_DATE_EPOCH")) != NULL)
		lgc_set_option(c, "date-creation", epoch);
	for (i = 0; i < o->warnings.len; i++)
		if (lgc_enable_warnings(c, o->warnings.items[i]) != LGC_OK) {
			lgc_free(c);
			return usage_error(o, "avertissement inconnu « -W%s » "
			    "(par exemple -Wlint)", o->warnings.items[i]);
		}
	add_search_paths(c, o);
	status = lgc_load_template(c, o->template_path);
	/* A fatal error stops here: what follows would only add errors
	 * about a template that was never read. */
	if (status == LGC_FATAL) {
		lgc_free(c);
		return status;
	}
	if (o->command == CMD_SCHEMA) {
		if (lgc_schema(c, &out, &len) == LGC_OK && out != NULL)
			status = worst(status, write_output(NULL, out, len));
		free(out);
		status = worst(status, lgc_status(c));
		lgc_free(c);
		return status;
	}
	if (o->command == CMD_TREE) {
		if (lgc_dump_tree(c, &out, &len) == LGC_OK || out != NULL)
			status = worst(status, write_output(NULL, out, len));
		free(out);
		status = worst(status, lgc_status(c));
		lgc_free(c);
		return status;
	}
	if (o->command == CMD_LINT || o->subjects != NULL || lint_warnings(o))
		status = worst(status, lgc_lint(c, o->subjects));
	for (i = 0; i < o->data_files.len && status != LGC_FATAL; i++)
		status = worst(status, lgc_load_data_file(c,
		    o->data_files.items[i]));
	for (i = 0; i < o->defines.len && status != LGC_FATAL; i++)
		status = worst(status, lgc_define(c, o->defines.items[i]));
	if (o->command == CMD_BUILD && o->batch != NULL && status == LGC_OK) {
		struct batch_options bo;
		const struct backend *be = format_by_name(&format_builtin,
		    format);
		char *dir = xstrdup(o->batch_dir);

		while (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
			dir[strlen(dir) - 1] = '\0';
		memset(&bo, 0, sizeof(bo));
		bo.input = o->batch;
		bo.outdir = dir;
		bo.format = format;
		bo.extension = be->extensions[0];
		bo.name_field = o->name_field;
		bo.defines = (const char *const *)o->defines.items;
		bo.ndefines = o->defines.len;
		bo.jobs = o->jobs > 0 ? o->jobs : 1;
		bo.progress = isatty(2);
		status = batch_run(c, &bo);
		free(dir);
		lgc_free(c);
		return status;
	}
	if (o->command == CMD_CHECK || o->command == CMD_LINT) {
		if (o->data_files.len > 0 || o->defines.len > 0)
			status = worst(status, lgc_check_data(c));
	} else if (status == LGC_OK) {
		status = lgc_render(c, format, &out, &len);
		/* The dependency file first: if it cannot be written, the
		 * contract is not either, and make does not take a failed
		 * target for an up-to-date one. */
		if (status == LGC_OK && o->deps != NULL) {
			char *deps = NULL;
			size_t dlen = 0;

			status = lgc_dependencies(c, o->output,
			    (const char *const *)o->data_files.items,
			    o->data_files.len, &deps, &dlen);
			if (status == LGC_OK && deps != NULL)
				status = write_output(o->deps, deps, dlen);
			free(deps);
		}
		if (status == LGC_OK && out != NULL)
			status = write_output(o->output, out, len);
		free(out);
	}
	status = worst(status, lgc_status(c));
	lgc_free(c);
	return status;
}

int
main(int argc, char **argv)
{
	struct options o;
	int status, i;

#ifdef __GLIBC__
	/* A run is short and frees as it goes.  By default glibc hands
	 * freed memory back to the system and maps big blocks afresh
	 * (zlib's 256 KB for each PDF stream), so that the same pages
	 * fault again, and it grows the heap 128 KB at a time, a system
	 * call each.  Page faults and system calls are what a virtual
	 * machine makes dear: keeping the heap and growing it by 4 MB of
	 * address space (pages are only backed when touched) saves a
	 * tenth of the time of a PDF (bench/pdf.sh). */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 4 << 20);
#endif
	memset(&o, 0, sizeof(o));
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--format-diagnostics=json") == 0 ||
		    (strcmp(argv[i], "--format-diagnostics") == 0 &&
		    i + 1 < argc && strcmp(argv[i + 1], "json") == 0))
			o.json_usage = true;
	status = parse_args(argc, argv, &o);
	if (status == LGC_OK)
		status = run(&o);
	ptrvec_free(&o.data_files);
	ptrvec_free(&o.defines);
	ptrvec_free(&o.includes);
	ptrvec_free(&o.warnings);
	return status;
}
