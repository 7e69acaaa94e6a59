/* lgc — the command line: arguments, environment, files and exit codes,
 * on top of the library (include/lgc.h and nothing else).  Every message
 * it prints, usage errors included, goes through the library's
 * diagnostics, so that --format-diagnostics json holds for all of them. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "lgc.h"
#include "cli/batch.h"

enum command {
	CMD_BUILD,
	CMD_CHECK,
	CMD_SCHEMA,
	CMD_TREE,
	CMD_LINT
};

/* A format's option given on the command line (--police NOM). */
struct format_option {
	const char	*name;
	const char	*value;		/* NULL for an on/off option */
};

/* The repeated options point into argv; each vector has room for argc. */
struct options {
	enum command	 command;
	const char	*template_path;
	const char	**data_files;
	size_t		 ndata;
	const char	**defines;
	size_t		 ndefines;
	const char	**includes;
	size_t		 nincludes;
	const char	**warnings;	/* -WPREFIX: PREFIX */
	size_t		 nwarnings;
	struct format_option *format_options;
	size_t		 nformat_options;
	const char	*format;
	const char	*output;
	const char	*diagnostics;
	const char	*batch;		/* --lot */
	const char	*batch_dir;	/* --sortie */
	const char	*name_field;	/* --nom */
	const char	*deps;		/* --deps */
	const char	*subjects;	/* --sujets */
	int		 jobs;
	bool		 werror;
	bool		 draft;
	bool		 draft_all;	/* --brouillon=tout */
	bool		 straight_quotes;
};

static void
usage(lgc_compiler *c, FILE *out)
{
	const char *name, *word, *help;
	size_t i, j;

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
"  -f, --format FORMAT    format de sortie (défaut : selon l'extension de -o,\n"
"                         sinon html)\n"
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
"  --brouillon=tout       de même, et chaque branche de chaque condition,\n"
"                         même décidée par les données ou un défaut\n"
"  --guillemets-droits    garde les guillemets \"…\" tels quels (par défaut\n"
"                         ils deviennent « … »)\n"
"  --format-diagnostics json   un objet JSON par diagnostic\n"
"  -h, --help             affiche cette aide\n"
"  -V, --version          affiche la version\n"
"\n"
"Formats et leurs options :\n", out);
	for (i = 0; (name = lgc_format_name(c, i)) != NULL; i++) {
		fprintf(out, "  %-8s %s, extension %s\n", name,
		    lgc_format_description(c, i), lgc_format_extension(c, i));
		for (j = 0; lgc_format_option(c, i, j, &word, &help) != NULL;
		    j++) {
			char flag[64];

			snprintf(flag, sizeof(flag), "--%s%s%s",
			    lgc_format_option(c, i, j, NULL, NULL),
			    word != NULL ? " " : "", word != NULL ? word : "");
			fprintf(out, "    %-21s%s\n", flag, help);
		}
	}
	fputs(
"\n"
"Variable SOURCE_DATE_EPOCH : date (en secondes depuis 1970) inscrite dans\n"
"le PDF ; sans elle, aucune date, pour des sorties reproductibles.\n"
"\n"
"Code de sortie : 0 succès (avertissements permis), 1 erreurs dans le modèle\n"
"ou les données, 2 erreur d'utilisation ou d'entrée-sortie.\n"
"Voir lgc(1) et la référence du langage dans docs/.\n", out);
}

/* A usage error, through the diagnostics like every other message. */
static int
usage_error(lgc_compiler *c, const char *fmt, const char *arg)
{
	char message[1024];

	snprintf(message, sizeof(message), fmt, arg);
	return lgc_report(c, "usage", "%s ; « lgc --help » décrit les "
	    "commandes et options", message);
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

/* Accented spellings of option names, which are ASCII. */
static const struct {
	const char	*written;
	const char	*name;
} spellings[] = {
	{ "préambule", "preambule" },
};

/* Whether ARG is "--NAME" or "--NAME=…"; *PREFIX is then its length. */
static bool
names_option(const char *arg, const char *name, size_t *prefix)
{
	size_t n = strlen(name);

	if (strncmp(arg, "--", 2) != 0 || strncmp(arg + 2, name, n) != 0 ||
	    (arg[2 + n] != '\0' && arg[2 + n] != '='))
		return false;
	*prefix = 2 + n;
	return true;
}

/* "--NAME[=VALUE]" naming an option of some format, from the table:
 * a new format's options need no code here.  The word for its value,
 * NULL for an on/off option, goes in *WORD. */
static const char *
format_option(lgc_compiler *c, const char *arg, const char **word,
    size_t *prefix)
{
	const char *name;
	size_t i, j, k;

	for (i = 0; lgc_format_name(c, i) != NULL; i++)
		for (j = 0; (name = lgc_format_option(c, i, j, word, NULL)) !=
		    NULL; j++) {
			if (names_option(arg, name, prefix))
				return name;
			for (k = 0; k < sizeof(spellings) / sizeof(spellings[0]);
			    k++)
				if (strcmp(spellings[k].name, name) == 0 &&
				    names_option(arg, spellings[k].written, prefix))
					return name;
		}
	return NULL;
}

static int
parse_command(lgc_compiler *c, const char *word, struct options *o)
{
	if (strcmp(word, "build") == 0)
		o->command = CMD_BUILD;
	else if (strcmp(word, "check") == 0)
		o->command = CMD_CHECK;
	else if (strcmp(word, "tree") == 0)
		o->command = CMD_TREE;
	else if (strcmp(word, "schema") == 0)
		o->command = CMD_SCHEMA;
	else if (strcmp(word, "lint") == 0)
		o->command = CMD_LINT;
	else
		return usage_error(c, "commande inconnue « %s » : build, check, "
		    "lint, schema ou tree", word);
	return LGC_OK;
}

/* The options that may come together only in some ways. */
static int
check_combinations(lgc_compiler *c, struct options *o)
{
	if (o->template_path == NULL)
		return usage_error(c, "%s", "aucun modèle .lgc donné");
	if (o->batch != NULL && o->command != CMD_BUILD)
		return usage_error(c, "%s", "--lot ne sert qu'à « lgc build » : "
		    "chaque contrat du lot est vérifié avant d'être écrit");
	if (o->batch != NULL) {
		if (o->batch_dir == NULL && o->output != NULL)
			o->batch_dir = o->output;
		if (o->batch_dir == NULL)
			return usage_error(c, "%s", "--lot demande un dossier de "
			    "sortie : --sortie DOSSIER/");
		o->output = NULL;
		if (o->deps != NULL)
			return usage_error(c, "%s", "--deps vaut pour un seul "
			    "contrat, pas pour un lot");
	}
	if (o->deps != NULL && (o->command != CMD_BUILD || o->output == NULL))
		return usage_error(c, "%s", "--deps demande « lgc build … -o "
		    "SORTIE »");
	if (o->command != CMD_BUILD && o->batch == NULL &&
	    (o->output != NULL || o->format != NULL))
		return usage_error(c, "%s", "-o et -f ne servent qu'à « lgc build »");
	return LGC_OK;
}

/* Options with a value; ARG is argv[*i]. */
static int
parse_valued(lgc_compiler *c, int argc, char **argv, int *i, struct options *o)
{
	const char *arg = argv[*i], *value, *word;
	size_t prefix;

#define VALUE(what)							\
	if ((value = option_value(argc, argv, i, arg, prefix)) == NULL)	\
		return usage_error(c, "%s attend " what, arg)
	if (matches(arg, "-d", "--donnees", &prefix) ||
	    matches(arg, NULL, "--data", &prefix)) {
		VALUE("un fichier JSON");
		o->data_files[o->ndata++] = value;
	} else if (matches(arg, "-D", NULL, &prefix)) {
		VALUE("nom=valeur");
		o->defines[o->ndefines++] = value;
	} else if (matches(arg, "-I", NULL, &prefix)) {
		VALUE("un dossier");
		o->includes[o->nincludes++] = value;
	} else if (matches(arg, "-f", "--format", &prefix)) {
		VALUE("un format");
		o->format = value;
	} else if (matches(arg, "-o", "--sortie", &prefix) ||
	    matches(arg, NULL, "--output", &prefix)) {
		VALUE("un fichier");
		o->output = value;
	} else if (matches(arg, NULL, "--lot", &prefix)) {
		VALUE("un fichier JSONL ou un dossier");
		o->batch = value;
	} else if (matches(arg, NULL, "--nom", &prefix)) {
		VALUE("un nom de champ");
		o->name_field = value;
	} else if (matches(arg, "-j", NULL, &prefix)) {
		char *end;
		long n;

		VALUE("un nombre");
		n = strtol(value, &end, 10);
		if (*end != '\0' || n < 1 || n > 256)
			return usage_error(c, "-j attend un nombre de 1 à 256, "
			    "pas « %s »", value);
		o->jobs = (int)n;
	} else if (matches(arg, NULL, "--deps", &prefix)) {
		VALUE("un fichier");
		o->deps = value;
	} else if (matches(arg, NULL, "--sujets", &prefix)) {
		VALUE("une liste de sujets");
		o->subjects = value;
	} else if (matches(arg, NULL, "--format-diagnostics", &prefix)) {
		VALUE("json ou texte");
		o->diagnostics = value;
	} else if ((value = format_option(c, arg, &word, &prefix)) != NULL) {
		struct format_option *fo =
		    &o->format_options[o->nformat_options++];

		fo->name = value;
		fo->value = NULL;
		if (word != NULL) {
			VALUE("une valeur");
			fo->value = value;
		} else if (arg[prefix] == '=')
			return usage_error(c, "%s ne prend pas de valeur", arg);
	} else
		return usage_error(c, "option inconnue « %s »", arg);
#undef VALUE
	return LGC_OK;
}

static int
parse_args(lgc_compiler *c, int argc, char **argv, struct options *o)
{
	int i, status;

	if ((status = parse_command(c, argv[1], o)) != LGC_OK)
		return status;
	for (i = 2; i < argc; i++) {
		const char *arg = argv[i];

		if (arg[0] != '-' || strcmp(arg, "-") == 0) {
			if (o->template_path != NULL)
				return usage_error(c, "un seul modèle à la fois "
				    "(« %s » en trop)", arg);
			o->template_path = arg;
		} else if (strcmp(arg, "-Werror") == 0)
			o->werror = true;
		else if (strncmp(arg, "-W", 2) == 0 && arg[2] != '\0')
			o->warnings[o->nwarnings++] = arg + 2;
		else if (strcmp(arg, "--brouillon") == 0)
			o->draft = true;
		else if (strcmp(arg, "--brouillon=tout") == 0)
			o->draft = o->draft_all = true;
		else if (strcmp(arg, "--guillemets-droits") == 0)
			o->straight_quotes = true;
		else if ((status = parse_valued(c, argc, argv, &i, o)) != LGC_OK)
			return status;
	}
	return check_combinations(c, o);
}

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* -I folders, then LGC_PATH, then the clause library next to the
 * executable (build tree or relocated install); the library adds the
 * installed one last. */
static void
add_search_paths(lgc_compiler *c, const struct options *o)
{
	const char *env = getenv("LGC_PATH");
	char exe[PATH_MAX], dir[PATH_MAX + 32], *slash, *copy, *part, *save;
	ssize_t n;
	size_t i;

	for (i = 0; i < o->nincludes; i++)
		lgc_add_search_path(c, o->includes[i]);
	if (env != NULL && (copy = strdup(env)) != NULL) {
		for (part = strtok_r(copy, ":", &save); part != NULL;
		    part = strtok_r(NULL, ":", &save))
			lgc_add_search_path(c, part);
		free(copy);
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return;
	*slash = '\0';
	snprintf(dir, sizeof(dir), "%s/stdlib", exe);
	if (is_dir(dir))
		lgc_add_search_path(c, dir);
	snprintf(dir, sizeof(dir), "%s/../share/lgc/stdlib", exe);
	if (is_dir(dir))
		lgc_add_search_path(c, dir);
}

/* Whether -WPREFIX names codes of the drafting linter ("lint…"). */
static bool
lint_warnings(const struct options *o)
{
	size_t i, n;

	for (i = 0; i < o->nwarnings; i++) {
		n = strlen(o->warnings[i]);
		if (strncmp(o->warnings[i], "lint-", n < 5 ? n : 5) == 0)
			return true;
	}
	return false;
}

static int
worst(int a, int b)
{
	return a > b ? a : b;
}

/* The format asked for, or the one the output's extension names. */
static const char *
pick_format(lgc_compiler *c, const struct options *o)
{
	const char *format = o->format, *name;
	char list[256] = "";
	size_t i;

	if (format == NULL && o->output != NULL && strcmp(o->output, "-") != 0) {
		format = lgc_format_for_path(c, o->output);
		if (format == NULL) {
			usage_error(c, "extension de « %s » inconnue : précisez "
			    "le format avec -f", o->output);
			return NULL;
		}
	}
	if (format == NULL)
		return "html";
	for (i = 0; (name = lgc_format_name(c, i)) != NULL; i++) {
		if (strcmp(name, format) == 0)
			return name;
		if (i > 0)
			strncat(list, ", ", sizeof(list) - strlen(list) - 1);
		strncat(list, name, sizeof(list) - strlen(list) - 1);
	}
	lgc_report(c, "usage", "format « %s » inconnu (formats : %s) ; "
	    "« lgc --help » décrit les commandes et options", format, list);
	return NULL;
}

/* Options into the compiler; LGC_OK or the status of what was refused. */
static int
configure(lgc_compiler *c, const struct options *o)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	size_t i;
	int status = LGC_OK;

	lgc_set_werror(c, o->werror);
	if (o->draft)
		status = worst(status, lgc_set_option(c, "brouillon",
		    o->draft_all ? "tout" : "1"));
	if (o->straight_quotes)
		status = worst(status, lgc_set_option(c, "guillemets", "droits"));
	for (i = 0; i < o->nformat_options; i++)
		status = worst(status, lgc_set_option(c,
		    o->format_options[i].name, o->format_options[i].value != NULL ?
		    o->format_options[i].value : "1"));
	/* Reproducible builds: the date a format records comes from here
	 * only, and a malformed one is an error (reproducible-builds.org);
	 * set but empty, it is as if unset. */
	if (epoch != NULL && *epoch != '\0')
		status = worst(status, lgc_set_option(c, "date-creation",
		    epoch));
	for (i = 0; i < o->nwarnings; i++)
		status = worst(status, lgc_enable_warnings(c, o->warnings[i]));
	return status;
}

static int
run_batch(lgc_compiler *c, const struct options *o, const char *format)
{
	struct batch_options bo;
	const char *name;
	char *dir = strdup(o->batch_dir);
	size_t i;
	int status;

	if (dir == NULL)
		return lgc_report(c, "entree-sortie", "%s", lgc_strerror(ENOMEM));
	while (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
		dir[strlen(dir) - 1] = '\0';
	memset(&bo, 0, sizeof(bo));
	bo.input = o->batch;
	bo.outdir = dir;
	bo.format = format;
	for (i = 0; (name = lgc_format_name(c, i)) != NULL; i++)
		if (strcmp(name, format) == 0)
			bo.extension = lgc_format_extension(c, i);
	bo.name_field = o->name_field;
	bo.defines = o->defines;
	bo.ndefines = o->ndefines;
	bo.jobs = o->jobs > 0 ? o->jobs : 1;
	bo.progress = isatty(2) && (o->diagnostics == NULL ||
	    strcmp(o->diagnostics, "json") != 0);
	status = batch_run(c, &bo);
	free(dir);
	return status;
}

/* build (one contract) and check, once the template is loaded. */
static int
run_contract(lgc_compiler *c, const struct options *o, const char *format,
    int status)
{
	char *out = NULL, *deps = NULL;
	size_t len = 0, dlen = 0;

	if (o->command == CMD_CHECK || o->command == CMD_LINT) {
		if (o->ndata > 0 || o->ndefines > 0)
			status = worst(status, lgc_check_data(c));
		return status;
	}
	if (status != LGC_OK)
		return status;
	status = lgc_render(c, format, &out, &len);
	/* The dependency file first: if it cannot be written, the contract
	 * is not either, and make does not take a failed target for an
	 * up-to-date one. */
	if (status == LGC_OK && o->deps != NULL) {
		status = lgc_dependencies(c, o->output, o->data_files, o->ndata,
		    &deps, &dlen);
		if (status == LGC_OK)
			status = lgc_write_output(c, o->deps, deps, dlen);
		free(deps);
	}
	if (status == LGC_OK)
		status = lgc_write_output(c, o->output, out, len);
	free(out);
	return status;
}

static int
run(lgc_compiler *c, const struct options *o)
{
	int status;
	size_t i, len = 0;
	char *out = NULL;
	const char *format;

	if ((format = pick_format(c, o)) == NULL)
		return LGC_FATAL;
	if ((status = configure(c, o)) != LGC_OK)
		return status;
	add_search_paths(c, o);
	status = lgc_load_template(c, o->template_path);
	/* A fatal error stops here: what follows would only add errors
	 * about a template that was never read. */
	if (status == LGC_FATAL)
		return status;
	if (o->command == CMD_SCHEMA || o->command == CMD_TREE) {
		if ((o->command == CMD_SCHEMA ? lgc_schema(c, &out, &len) :
		    lgc_dump_tree(c, &out, &len)) == LGC_OK)
			status = worst(status, lgc_write_output(c, NULL, out,
			    len));
		free(out);
		return status;
	}
	if (o->command == CMD_LINT || o->subjects != NULL || lint_warnings(o))
		status = worst(status, lgc_lint(c, o->subjects));
	for (i = 0; i < o->ndata && status != LGC_FATAL; i++)
		status = worst(status, lgc_load_data_file(c, o->data_files[i]));
	for (i = 0; i < o->ndefines && status != LGC_FATAL; i++)
		status = worst(status, lgc_define(c, o->defines[i]));
	if (o->batch != NULL)
		return status == LGC_OK ? run_batch(c, o, format) : status;
	return run_contract(c, o, format, status);
}

/* --format-diagnostics json applies to the errors of the arguments
 * themselves, so it is looked for first. */
static const char *
diagnostic_format(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--format-diagnostics=", 21) == 0)
			return argv[i] + 21;
		if (strcmp(argv[i], "--format-diagnostics") == 0 && i + 1 < argc)
			return argv[i + 1];
	}
	return NULL;
}

static int
main_with(lgc_compiler *c, int argc, char **argv)
{
	struct options o;
	size_t n = (size_t)argc;
	const char *diagnostics = diagnostic_format(argc, argv);
	int status, i;

	if (diagnostics != NULL &&
	    lgc_set_diagnostic_format(c, diagnostics) != LGC_OK)
		return LGC_FATAL;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "--aide") == 0) {
			usage(c, stdout);
			return fflush(stdout) == 0 ? LGC_OK : LGC_FATAL;
		}
		if (strcmp(argv[i], "-V") == 0 ||
		    strcmp(argv[i], "--version") == 0) {
			printf("lgc %s\n", lgc_version());
			return fflush(stdout) == 0 ? LGC_OK : LGC_FATAL;
		}
	}
	if (argc < 2) {
		usage(c, stderr);
		return LGC_FATAL;
	}
	memset(&o, 0, sizeof(o));
	o.data_files = calloc(n, sizeof(*o.data_files));
	o.defines = calloc(n, sizeof(*o.defines));
	o.includes = calloc(n, sizeof(*o.includes));
	o.warnings = calloc(n, sizeof(*o.warnings));
	o.format_options = calloc(n, sizeof(*o.format_options));
	if (o.data_files == NULL || o.defines == NULL || o.includes == NULL ||
	    o.warnings == NULL || o.format_options == NULL)
		status = lgc_report(c, "entree-sortie", "%s",
		    lgc_strerror(ENOMEM));
	else if ((status = parse_args(c, argc, argv, &o)) == LGC_OK)
		status = run(c, &o);
	free(o.data_files);
	free(o.defines);
	free(o.includes);
	free(o.warnings);
	free(o.format_options);
	return worst(status, lgc_status(c));
}

int
main(int argc, char **argv)
{
	lgc_compiler *c;
	int status;

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
	c = lgc_new(stderr);
	status = main_with(c, argc, argv);
	lgc_free(c);
	return status;
}
