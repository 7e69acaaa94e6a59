/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
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
#include "cli/diff.h"
#include "cli/heap.h"
#include "lsp/lsp.h"

enum command {
	CMD_BUILD,
	CMD_CHECK,
	CMD_SCHEMA,
	CMD_TREE,
	CMD_LINT,
	CMD_FORM,
	CMD_DIFF,
	CMD_EXPLAIN,
	CMD_VARIANTS
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
	const char	*template_after;	/* diff: the new version */
	const char	**data_files;
	size_t		 ndata;
	const char	**defines;
	size_t		 ndefines;
	const char	**includes;
	size_t		 nincludes;
	const char	**before_includes;	/* diff: --ancien-I */
	size_t		 nbefore_includes;
	const char	**after_includes;	/* diff: --nouveau-I */
	size_t		 nafter_includes;
	const char	**roots;	/* --racine */
	size_t		 nroots;
	const char	**warnings;	/* -WPREFIX: PREFIX */
	size_t		 nwarnings;
	const char	**limits;	/* --limite NOM=TAILLE */
	size_t		 nlimits;
	struct format_option *format_options;
	size_t		 nformat_options;
	const char	*format;
	const char	*output;	/* -o: a file, "-" the standard output */
	const char	*sortie;	/* --sortie: -o, or --lot's folder */
	const char	*diagnostics;
	const char	*batch;		/* --lot */
	const char	*batch_dir;	/* --sortie */
	const char	*name_field;	/* --nom */
	const char	*deps;		/* --deps */
	const char	*subjects;	/* --sujets */
	const char	*draft_norm;	/* --norme: JSON Schema draft */
	const char	*render_url;	/* --rendu: where the form posts */
	const char	*provenance;	/* --provenance FICHIER.json */
	const char	*article;	/* explique: the article asked about */
	const char	*color;		/* --couleur */
	const char	*report_format;	/* variantes --format */
	const char	*write_dir;	/* variantes --ecrire */
	size_t		 max;		/* variantes --max */
	bool		 full_matrix;	/* variantes --matrice */
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
"                 [-f FORMAT [--police NOM]]\n"
"        lgc build MODÈLE.lgc --lot CLIENTS.jsonl --sortie DOSSIER/ [--nom CHAMP]\n"
"                 [-j N] [-f FORMAT]\n"
"        lgc schema MODÈLE.lgc [--norme 2020-12|07]\n"
"        lgc formulaire MODÈLE.lgc [-o FORMULAIRE.html] [--rendu URL]\n"
"        lgc lint MODÈLE.lgc [--sujets LISTE] [-I DOSSIER]… [-Werror]\n"
"        lgc diff ANCIEN.lgc NOUVEAU.lgc [-d DONNÉES.json | --lot CLIENTS.jsonl]\n"
"                 [-I DOSSIER]… [--ancien-I DOSSIER]… [--nouveau-I DOSSIER]…\n"
"                 [-f texte|json]\n"
"        lgc variantes MODÈLE.lgc [--max N] [--format texte|json|html]\n"
"                 [--matrice] [--ecrire DOSSIER [-f FORMAT]] [-o RAPPORT]\n"
"                 [-I DOSSIER]…\n"
"        lgc tree MODÈLE.lgc\n"
"        lgc explique MODÈLE.lgc [-d DONNÉES.json] [-D nom=valeur]… ARTICLE\n"
"        lgc serve [DOSSIER…] [--port N] [--adresse A] [-I DOSSIER]… [--fils N]\n"
"        lgc lsp [-I DOSSIER]…\n"
"        lgc --help | --version | help COMMANDE | COMMANDE --help\n"
"\n"
"Compile un modèle de contrat .lgc et les données d'un client (JSON) en un\n"
"contrat fini.\n"
"\n"
"Commandes :\n"
"  build              écrit le contrat (sur la sortie standard sans -o)\n"
"  check              vérifie le modèle, et les données si elles sont données\n"
"  schema             écrit le schéma JSON des entrées (et, pour une\n"
"                     clause, de ses paramètres)\n"
"  formulaire         écrit le questionnaire des entrées : une page HTML\n"
"                     autonome qui produit les données JSON\n"
"  tree               affiche l'arbre syntaxique du modèle (mise au point)\n"
"  explique           dit pourquoi un article (« 7 », « 7.2 » ou une\n"
"                     étiquette) figure dans le contrat de ces données :\n"
"                     conditions, fichier et lignes, inclusions, valeurs\n"
"  lint               vérifie le modèle et sa rédaction (avertissements lint-…)\n"
"  diff               compare les contrats de deux versions d'un modèle (ou\n"
"                     de sa bibliothèque de clauses) : articles ajoutés,\n"
"                     supprimés, reformulés, renumérotés, mot à mot\n"
"  variantes          les contrats que le modèle peut produire : décisions,\n"
"                     matrice des articles, un témoin construit par variante,\n"
"                     branches impossibles (avertissements variantes-…)\n"
"  serve              sert les modèles des dossiers par HTTP (API JSON,\n"
"                     « lgc serve --help », docs/api.md)\n"
"  lsp                serveur LSP pour les éditeurs, sur l'entrée et la\n"
"                     sortie standard (« lgc lsp --help », docs/lsp.md)\n"
"\n", out);
	/* In two strings: C11 compilers need only take 4,095 bytes. */
	fputs(
"Options :\n"
"  -d, --donnees FICHIER  données du client, un objet JSON (répétable)\n"
"  -D nom=valeur          fixe ou remplace une entrée, lue selon son type ;\n"
"                         null retire une entrée optionnelle (répétable)\n"
"  -f, --format FORMAT    format de sortie (défaut : selon l'extension de -o,\n"
"                         sinon html)\n"
"  -o, --sortie FICHIER   fichier de sortie, écrit seulement en cas de succès\n"
"                         (« - » : la sortie standard, jamais un terminal\n"
"                         pour un PDF) ; le modèle ou des données « - » :\n"
"                         l'entrée standard\n"
"  -I DOSSIER             dossier de clauses à chercher (répétable ; aussi\n"
"                         la variable LGC_PATH, dossiers séparés par « : »)\n"
"  --ancien-I DOSSIER     diff : dossier de clauses de l'ancienne version\n"
"                         seulement, cherché avant ceux de -I (répétable)\n"
"  --nouveau-I DOSSIER    diff : de même pour la nouvelle version\n"
"  --racine DOSSIER       n'inclut ou n'importe que des fichiers de ce\n"
"                         dossier, « .. » et liens symboliques résolus\n"
"                         (répétable ; la bibliothèque de clauses reste\n"
"                         permise ; erreur inclusion-hors-racine)\n"
"  -Werror                traite les avertissements comme des erreurs\n"
"  -Wlint, -Wlint-CODE    ajoute les avertissements de rédaction (tous, ou un)\n"
"  -Wvariantes, -Wvariantes-CODE\n"
"                         check : construit chaque variante et signale les\n"
"                         branches impossibles (toutes, ou une sorte)\n"
"  --sujets LISTE         lint : sujets essentiels du contrat (parties, objet,\n"
"                         duree, prestations, remuneration, resultats,\n"
"                         confidentialite, donnees, resiliation, litiges,\n"
"                         signatures ; ou aucun)\n",
	    out);
	fputs(
"  --lot FICHIER          un contrat par enregistrement : fichier JSONL (un\n"
"                         objet par ligne) ou dossier de fichiers .json\n"
"  --sortie DOSSIER       dossier des contrats du lot (-o y est refusé)\n"
"  --nom CHAMP            nomme chaque contrat d'après ce champ, en\n"
"                         minuscules sans accents ; un nom déjà pris reçoit\n"
"                         -2, -3… et un avertissement (défaut : 0001… pour\n"
"                         un JSONL, le nom du fichier pour un dossier)\n"
"  -j N                   compile le lot en N processus parallèles (défaut :\n"
"                         un par cœur)\n"
"  --deps FICHIER         écrit les dépendances (règle Makefile) de la\n"
"                         sortie : modèle, clauses incluses, données\n"
"  --provenance FICHIER   écrit aussi, en JSON, d'où vient chaque bloc du\n"
"                         contrat : fichier et lignes, inclusions,\n"
"                         conditions, valeurs citées (docs/provenance.md) ;\n"
"                         en HTML, chaque bloc en porte la source\n"
"  --brouillon            rend le modèle sans données ou avec des données\n"
"                         partielles : valeurs manquantes et branches\n"
"                         indécidables apparaissent, surlignées\n"
"  --brouillon=tout       de même, et chaque branche de chaque condition,\n"
"                         même décidée par les données ou un défaut\n"
"  --guillemets-droits    garde les guillemets \"…\" tels quels (par défaut\n"
"                         ils deviennent « … »)\n"
"  --norme 2020-12|07     schema : version de JSON Schema écrite (défaut :\n"
"                         2020-12 ; 07 pour les outils qui ne lisent que\n"
"                         le brouillon 7)\n"
"  --rendu URL            formulaire : adresse où la page envoie les données\n"
"                         pour obtenir le contrat (POST URL?format=pdf|html)\n"
"  --max N                variantes : combinaisons essayées toutes au plus\n"
"                         (défaut 256) ; au-delà, chaque paire de décisions\n"
"  --ecrire DOSSIER       variantes : écrit le témoin (.json) et le contrat\n"
"                         de chaque variante (format de -f, défaut html)\n"
"  --matrice              variantes : le rapport texte complet, une colonne\n"
"                         par variante (par défaut : un résumé d'un écran)\n"
"  --limite NOM=TAILLE    relève ou abaisse une limite de ce que coûte un\n"
"                         contrat (répétable) : valeur (une valeur\n"
"                         calculée, défaut 16M), texte (le texte du\n"
"                         contrat, défaut 32M), noeuds (morceaux et tours,\n"
"                         défaut 1000000) ; K, M, G : ×1024\n",
	    out);
	fputs(
"  --format-diagnostics texte|json|gcc|sarif\n"
"                         texte : à la manière de GCC, en français, avec la\n"
"                         ligne citée (défaut) ; json : un objet JSON par\n"
"                         diagnostic ; gcc : exactement les lignes de GCC\n"
"                         (error, warning, note), pour les éditeurs ;\n"
"                         sarif : un journal SARIF 2.1.0 en fin d'exécution\n"
"  --couleur toujours|jamais|auto\n"
"                         diagnostics en couleur (défaut auto : si la sortie\n"
"                         d'erreur est un terminal et NO_COLOR absent)\n"
"  -h, --help             affiche cette aide\n"
"  -V, --version          affiche la version\n"
"\n"
"Formats et leurs options (signalées si données avec un autre format) :\n",
	    out);
	for (i = 0; (name = lgc_format_name(c, i)) != NULL; i++) {
		fprintf(out, "  %-8s %s, extension %s\n", name,
		    lgc_format_description(c, i), lgc_format_extension(c, i));
		for (j = 0; lgc_format_option(c, i, j, &word, &help) != NULL;
		    j++) {
			char flag[64];

			snprintf(flag, sizeof(flag), "--%s%s%s",
			    lgc_format_option(c, i, j, NULL, NULL),
			    word != NULL ? " " : "", word != NULL ? word : "");
			/* A long flag on a line of its own, its help
			 * below in the column of the others. */
			if (strlen(flag) >= 21)
				fprintf(out, "    %s\n    %-21s%s\n", flag, "",
				    help);
			else
				fprintf(out, "    %-21s%s\n", flag, help);
		}
	}
	fputs(
"\n"
"Variable SOURCE_DATE_EPOCH : date (en secondes depuis 1970) inscrite dans\n"
"le PDF et le DOCX ; sans elle, aucune date, pour des sorties reproductibles.\n"
"\n"
"Code de sortie : 0 succès (avertissements permis), 1 erreurs dans le modèle\n"
"ou les données, 2 erreur d'utilisation ou d'entrée-sortie ; lgc diff, comme\n"
"diff(1) : 0 aucun changement, 1 des changements, 2 une erreur.\n"
"Voir lgc(1) et la référence du langage dans docs/.\n", out);
}

/* Help for one command: lgc build --help, lgc help build. */
static const struct {
	const char	*name;
	const char	*text;
} command_help[] = {
	{ "build",
"usage : lgc build MODÈLE.lgc [-d DONNÉES.json]… [-D nom=valeur]… [-f FORMAT]\n"
"                 [-o SORTIE] [-I DOSSIER]… [--racine DOSSIER]…\n"
"                 [--brouillon] [--deps FICHIER] [--provenance FICHIER]\n"
"                 [options du format] [-Werror]\n"
"        lgc build MODÈLE.lgc --lot CLIENTS.jsonl --sortie DOSSIER/\n"
"                 [--nom CHAMP] [-j N] [-f FORMAT] [-D nom=valeur]…\n"
"\n"
"Écrit le contrat : le modèle, vérifié, avec les données du client.\n"
"« - » lit le modèle ou un fichier de données sur l'entrée standard (l'un\n"
"des deux seulement) ; sans -o, ou avec « -o - », le contrat va sur la\n"
"sortie standard, sauf un PDF vers un terminal (refusé : redirigez).\n"
"\n"
"  -d, --donnees FICHIER  données du client, un objet JSON (répétable)\n"
"  -D nom=valeur          fixe une entrée, lue selon son type ; null retire\n"
"                         une entrée optionnelle (répétable)\n"
"  -f, --format FORMAT    html, latex ou pdf (défaut : selon l'extension de\n"
"                         -o, sinon html)\n"
"  -o, --sortie FICHIER   fichier de sortie, écrit seulement en cas de succès\n"
"  -I DOSSIER             dossier de clauses (répétable) ; un dossier\n"
"                         absent est signalé (dossier-introuvable)\n"
"  --racine DOSSIER       n'inclut que des fichiers de ce dossier (répétable)\n"
"  --lot FICHIER          un contrat par enregistrement : fichier JSONL ou\n"
"                         dossier de fichiers .json ; -o y est refusé\n"
"  --sortie DOSSIER       avec --lot : dossier des contrats\n"
"  --nom CHAMP            avec --lot : nomme chaque contrat d'après ce champ,\n"
"                         en minuscules sans accents ni espaces (« Société\n"
"                         Dupont » : societe-dupont) ; un nom déjà pris\n"
"                         reçoit -2, -3… avec un avertissement\n"
"                         (lot-nom-en-double). Sans --nom : 0001, 0002…\n"
"                         pour un JSONL, le nom de chaque fichier pour un\n"
"                         dossier\n"
"  -j N                   N processus (défaut : un par cœur)\n"
"  --deps FICHIER         règle Makefile des dépendances de la sortie\n"
"  --provenance FICHIER   d'où vient chaque bloc, en JSON\n"
"                         (docs/provenance.md), écrit seulement en cas de\n"
"                         succès ; en HTML, chaque bloc en porte la source\n"
"  --brouillon            rend le modèle avec des données partielles\n"
"  --guillemets-droits    garde les guillemets \"…\" tels quels\n"
"  --limite NOM=TAILLE    limite valeur, texte ou noeuds (répétable ;\n"
"                         « lgc --help » donne les défauts)\n"
"  Une option d'un autre format que celui choisi est signalée\n"
"  (option-sans-effet) ; « lgc --help » liste les options des formats.\n" },
	{ "check",
"usage : lgc check MODÈLE.lgc [-d DONNÉES.json]… [-D nom=valeur]… [-I DOSSIER]…\n"
"                 [-Werror] [-Wlint]\n"
"\n"
"Vérifie le modèle et les clauses qu'il inclut, puis, si elles sont\n"
"données, les données du client, sans rien écrire. « - » lit le modèle\n"
"ou les données sur l'entrée standard.\n"
"\n"
"  -d, --donnees FICHIER  données du client (répétable)\n"
"  -D nom=valeur          fixe une entrée ; null retire une entrée optionnelle\n"
"  -I DOSSIER             dossier de clauses (répétable)\n"
"  --racine DOSSIER       n'inclut que des fichiers de ce dossier (répétable)\n"
"  -Werror                traite les avertissements comme des erreurs\n"
"  -Wlint, -Wlint-CODE    ajoute les avertissements de rédaction\n"
"  -Wvariantes            construit chaque variante (lgc variantes) et\n"
"                         signale les branches impossibles\n"
"  --limite NOM=TAILLE    limite valeur, texte ou noeuds (répétable)\n" },
	{ "schema",
"usage : lgc schema MODÈLE.lgc [-I DOSSIER]…\n"
"\n"
"Écrit sur la sortie standard le schéma JSON (draft 2020-12) des entrées\n"
"du modèle : ce qu'un fichier de données doit contenir.\n" },
	{ "formulaire",
"usage : lgc formulaire MODÈLE.lgc [-o FORMULAIRE.html] [--rendu URL]\n"
"                 [-I DOSSIER]… [--racine DOSSIER]…\n"
"\n"
"Écrit le questionnaire des entrées du modèle : une page HTML autonome\n"
"(sans rien à télécharger, utilisable hors ligne) qui pose chaque question\n"
"avec son libellé, n'affiche une entrée conditionnelle que lorsque sa\n"
"condition est remplie, vérifie les réponses à la saisie et télécharge\n"
"les données JSON que lgc lit. Sans -o, sur la sortie standard.\n"
"\n"
"  -o, --sortie FICHIER   fichier de la page, écrit seulement en cas de succès\n"
"  --rendu URL            adresse où la page envoie les données pour obtenir\n"
"                         le contrat : POST URL?format=pdf ou html (boutons\n"
"                         « Obtenir le contrat ») ; un refus 422 montre les\n"
"                         diagnostics du serveur à côté de leurs champs\n"
"  -I DOSSIER             dossier de clauses (répétable)\n" },
	{ "lint",
"usage : lgc lint MODÈLE.lgc [--sujets LISTE] [-I DOSSIER]… [-Werror]\n"
"\n"
"Vérifie le modèle et sa rédaction (avertissements lint-…).\n"
"\n"
"  --sujets LISTE         sujets essentiels du contrat (parties, objet,\n"
"                         duree, prestations, remuneration, resultats,\n"
"                         confidentialite, donnees, resiliation, litiges,\n"
"                         signatures ; ou aucun)\n"
"  -Wlint-CODE            un seul avertissement de rédaction\n" },
	{ "diff",
"usage : lgc diff ANCIEN.lgc NOUVEAU.lgc [-d DONNÉES.json]… [-D nom=valeur]…\n"
"                 [-I DOSSIER]… [--ancien-I DOSSIER]… [--nouveau-I DOSSIER]…\n"
"                 [-f texte|json] [--brouillon]\n"
"        lgc diff ANCIEN.lgc NOUVEAU.lgc --lot CLIENTS.jsonl [--nom CHAMP]\n"
"                 [-f texte|json]\n"
"\n"
"Compare les contrats que deux versions d'un modèle, ou de sa bibliothèque\n"
"de clauses, produisent pour un client : chaque article ajouté, supprimé,\n"
"reformulé (ses blocs changés, les mots retirés [-…-] et ajoutés {+…+})\n"
"ou renuméroté. Les articles se correspondent par étiquette, puis par\n"
"titre, puis par leur contenu : un article inséré renumérote les suivants\n"
"sans les dire reformulés. Avec --lot, chaque client, puis un résumé : le\n"
"nombre de contrats que touche chaque changement.\n"
"Code de sortie : 0 aucun changement, 1 des changements, 2 une erreur\n"
"(modèle ou données refusés, fichier illisible).\n"
"\n"
"  -d, --donnees FICHIER  données du client, données aux deux versions\n"
"                         (répétable)\n"
"  -D nom=valeur          fixe une entrée dans les deux versions (répétable)\n"
"  --lot FICHIER          un client par enregistrement : fichier JSONL ou\n"
"                         dossier de fichiers .json\n"
"  --nom CHAMP            avec --lot : nomme chaque client d'après ce champ\n"
"                         (« == Durand (clients.jsonl:4) »)\n"
"  -I DOSSIER             dossier de clauses des deux versions (répétable)\n"
"  --ancien-I DOSSIER     dossier de clauses de l'ancienne version seulement,\n"
"                         cherché avant ceux de -I (répétable)\n"
"  --nouveau-I DOSSIER    dossier de clauses de la nouvelle version seulement,\n"
"                         cherché avant ceux de -I (répétable)\n"
"  -f, --format FORMAT    texte (défaut ; en couleur sur un terminal, selon\n"
"                         --couleur) ou json (un objet par client, par\n"
"                         ligne, puis le résumé)\n"
"  --racine DOSSIER       n'inclut que des fichiers de ce dossier (répétable)\n"
"  --brouillon            compare les modèles sans données ou avec des\n"
"                         données partielles\n"
"  --guillemets-droits    garde les guillemets \"…\" tels quels\n"
"  --limite NOM=TAILLE    limite valeur, texte ou noeuds (répétable)\n" },
	{ "variantes",
"usage : lgc variantes MODÈLE.lgc [--max N] [--format texte|json|html]\n"
"                 [--matrice] [--ecrire DOSSIER [-f FORMAT]] [-o RAPPORT]\n"
"                 [-I DOSSIER]…\n"
"\n"
"Les contrats que le modèle peut produire. Les décisions sont lues dans\n"
"les conditions du modèle et de ses clauses : booléens, choix, présence\n"
"des entrées optionnelles, nombres, montants, durées, dates et textes\n"
"coupés aux constantes auxquelles ils sont comparés, dans leurs bornes.\n"
"Chaque combinaison reçoit un témoin (les plus petites valeurs valides,\n"
"les libellés pour texte), construit comme un contrat ; les témoins qui\n"
"donnent le même document forment une variante. Le rapport texte tient\n"
"en un écran : leur nombre, les décisions, les combinaisons refusées\n"
"par un « exiger », les témoins en échec (erreur variante-en-echec),\n"
"les branches jamais prises ou jamais évitées (avertissements\n"
"variantes-…) et chaque article ou clause qui ne figure pas dans tous\n"
"les contrats avec la condition sous laquelle il figure, vérifiée sur\n"
"chaque témoin. Code de sortie 1 si un témoin échoue.\n"
"\n"
"  --max N                combinaisons essayées toutes au plus (défaut\n"
"                         256) ; au-delà, assez de témoins pour couvrir\n"
"                         chaque paire de valeurs de deux décisions\n"
"  --format FORMAT        rapport texte (défaut), json ou html (une page,\n"
"                         une colonne par variante)\n"
"  --matrice              rapport texte complet : chaque décision, chaque\n"
"                         témoin refusé, la matrice des articles et des\n"
"                         clauses par variante, chaque variante\n"
"  -o, --sortie FICHIER   fichier du rapport (défaut : sortie standard)\n"
"  --ecrire DOSSIER       écrit le témoin (.json) et le contrat de chaque\n"
"                         variante, nommés d'après ses décisions\n"
"  -f FORMAT              format des contrats écrits (html, pdf…)\n"
"  -I DOSSIER             dossier de clauses (répétable)\n" },
	{ "tree",
"usage : lgc tree MODÈLE.lgc [-I DOSSIER]…\n"
"\n"
"Affiche l'arbre syntaxique du modèle et de ses clauses (mise au point).\n" },
	{ "explique",
"usage : lgc explique MODÈLE.lgc [-d DONNÉES.json]… [-D nom=valeur]…\n"
"                 [-I DOSSIER]… ARTICLE\n"
"\n"
"Dit en une phrase pourquoi l'article ARTICLE figure dans le contrat que le\n"
"modèle fait de ces données : les conditions qui l'y ont mis (et celles\n"
"qui ont écarté ses alternatives), le fichier et les lignes d'où il vient,\n"
"l'inclusion qui l'a amené, les valeurs qu'il cite. ARTICLE est un numéro\n"
"(« 7 », « 7.2 », « article 7 ») ou l'étiquette d'un titre ; un article\n"
"inconnu est signalé (article-inconnu) avec le plus proche.\n"
"\n"
"  -d, --donnees FICHIER  données du client (répétable)\n"
"  -D nom=valeur          fixe une entrée ; null retire une entrée optionnelle\n"
"  -I DOSSIER             dossier de clauses (répétable)\n"
"  --racine DOSSIER       n'inclut que des fichiers de ce dossier (répétable)\n"
"  --brouillon            avec des données partielles\n" },
};

static bool
command_usage(const char *command, FILE *out)
{
	size_t i;

	for (i = 0; i < sizeof(command_help) / sizeof(command_help[0]); i++)
		if (strcmp(command_help[i].name, command) == 0) {
			fputs(command_help[i].text, out);
			fputs("\nCommun : --format-diagnostics texte|json|gcc|sarif, "
			    "--couleur toujours|jamais|auto, -h (cette aide) ; "
			    "voir aussi lgc --help et lgc(1).\n", out);
			return true;
		}
	return false;
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
	{ "modèle-docx", "modele-docx" },
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
	else if (strcmp(word, "formulaire") == 0)
		o->command = CMD_FORM;
	else if (strcmp(word, "diff") == 0)
		o->command = CMD_DIFF;
	else if (strcmp(word, "explique") == 0)
		o->command = CMD_EXPLAIN;
	else if (strcmp(word, "variantes") == 0)
		o->command = CMD_VARIANTS;
	else if (word[0] == '-' && word[1] != '\0')
		return usage_error(c, "option inconnue « %s » : une commande "
		    "vient d'abord (build, check, diff, explique, formulaire, "
		    "lint, schema, tree, variantes, serve ou lsp), puis ses "
		    "options", word);
	else
		return usage_error(c, "commande inconnue « %s » : build, "
		    "check, diff, explique, formulaire, lint, schema, tree, "
		    "variantes, serve ou lsp", word);
	return LGC_OK;
}

/* How many of the inputs read the standard input ("-"). */
static int
stdin_uses(const struct options *o)
{
	size_t i;
	int n = strcmp(o->template_path, "-") == 0;

	for (i = 0; i < o->ndata; i++)
		n += strcmp(o->data_files[i], "-") == 0;
	return n;
}

/* lgc diff's options: two templates, read from files, the report on
 * the standard output. */
static int
check_diff(lgc_compiler *c, struct options *o)
{
	size_t i;

	if (o->template_after == NULL)
		return usage_error(c, "lgc diff compare deux modèles : il manque "
		    "le nouveau après « %s »", o->template_path);
	if (strcmp(o->template_path, "-") == 0 ||
	    strcmp(o->template_after, "-") == 0)
		return usage_error(c, "%s", "lgc diff lit ses deux modèles dans "
		    "des fichiers, pas sur l'entrée standard (« - »)");
	for (i = 0; i < o->ndata; i++)
		if (strcmp(o->data_files[i], "-") == 0)
			return usage_error(c, "%s", "lgc diff lit les données dans "
			    "des fichiers, pas sur l'entrée standard (« - »)");
	if (o->batch != NULL && o->ndata > 0)
		return usage_error(c, "%s", "lgc diff : -d ou --lot, pas les deux "
		    "(les données d'un client, ou celles de chaque client)");
	if (o->output != NULL || o->sortie != NULL || o->deps != NULL)
		return usage_error(c, "%s", "lgc diff écrit sur la sortie "
		    "standard : redirigez-la plutôt que -o, --sortie ou --deps");
	if (o->format != NULL && strcmp(o->format, "texte") != 0 &&
	    strcmp(o->format, "json") != 0)
		return usage_error(c, "lgc diff -f %s : texte ou json",
		    o->format);
	if (o->draft_norm != NULL || o->render_url != NULL ||
	    o->subjects != NULL)
		return usage_error(c, "%s", "lgc diff ne prend ni --norme, ni "
		    "--rendu, ni --sujets");
	if (o->jobs > 0)
		return usage_error(c, "%s", "lgc diff compare les clients un à "
		    "un : -j ne sert qu'à « lgc build --lot »");
	if (o->name_field != NULL && o->batch == NULL)
		return usage_error(c, "%s", "lgc diff : --nom nomme les clients "
		    "d'un lot (--lot)");
	if (o->nformat_options > 0)
		return usage_error(c, "--%s : une option de format ne sert pas à "
		    "« lgc diff »", o->format_options[0].name);
	return LGC_OK;
}

/* The options that may come together only in some ways. */
static int
check_combinations(lgc_compiler *c, struct options *o)
{
	if (o->template_path == NULL)
		return usage_error(c, "%s", o->command == CMD_DIFF ?
		    "lgc diff compare deux modèles : ANCIEN.lgc NOUVEAU.lgc" :
		    "aucun modèle .lgc donné");
	if (o->command == CMD_EXPLAIN && o->article == NULL)
		return usage_error(c, "%s", "lgc explique demande l'article : "
		    "son numéro (« 7 », « 7.2 ») ou son étiquette");
	if (o->provenance != NULL && (o->command != CMD_BUILD ||
	    o->batch != NULL))
		return usage_error(c, "%s", "--provenance vaut pour « lgc "
		    "build » d'un seul contrat, pas pour un lot");
	if (o->command == CMD_DIFF)
		return check_diff(c, o);
	if (o->nbefore_includes > 0 || o->nafter_includes > 0)
		return usage_error(c, "%s", "--ancien-I et --nouveau-I ne "
		    "servent qu'à « lgc diff »");
	if (o->batch != NULL && o->command != CMD_BUILD)
		return usage_error(c, "%s", "--lot ne sert qu'à « lgc build » : "
		    "chaque contrat du lot est vérifié avant d'être écrit");
	if (o->batch != NULL) {
		/* -o names one file: with a batch it would be taken for the
		 * folder (a folder « x.pdf » full of .html). */
		if (o->output != NULL)
			return usage_error(c, "-o %s : -o nomme un seul fichier ; "
			    "avec --lot, donnez le dossier des contrats avec "
			    "--sortie DOSSIER/ et le format avec -f", o->output);
		o->batch_dir = o->sortie;
		if (o->batch_dir == NULL)
			return usage_error(c, "%s", "--lot demande un dossier de "
			    "sortie : --sortie DOSSIER/");
		if (o->deps != NULL)
			return usage_error(c, "%s", "--deps vaut pour un seul "
			    "contrat, pas pour un lot");
	} else if (o->sortie != NULL) {
		if (o->output != NULL && strcmp(o->output, o->sortie) != 0)
			return usage_error(c, "-o %s et --sortie : deux fichiers de "
			    "sortie pour un seul contrat", o->output);
		o->output = o->sortie;
	}
	if (stdin_uses(o) > 1)
		return usage_error(c, "%s", "l'entrée standard (« - ») ne peut "
		    "servir qu'une fois : au modèle ou à un fichier de données");
	if (o->deps != NULL && (o->command != CMD_BUILD || o->output == NULL))
		return usage_error(c, "%s", "--deps demande « lgc build … -o "
		    "SORTIE »");
	if (o->draft_norm != NULL && o->command != CMD_SCHEMA)
		return usage_error(c, "%s", "--norme ne sert qu'à « lgc schema »");
	if (o->render_url != NULL && o->command != CMD_FORM)
		return usage_error(c, "%s", "--rendu ne sert qu'à « lgc "
		    "formulaire »");
	if ((o->max != 0 || o->write_dir != NULL || o->report_format != NULL ||
	    o->full_matrix) && o->command != CMD_VARIANTS)
		return usage_error(c, "%s", "--max, --ecrire, --matrice et "
		    "--format (du rapport) ne servent qu'à « lgc variantes »");
	if (o->full_matrix && o->report_format != NULL &&
	    strcmp(o->report_format, "texte") != 0)
		return usage_error(c, "%s", "--matrice vaut pour le rapport "
		    "texte ; json et html donnent toujours la matrice complète");
	if (o->command == CMD_VARIANTS && o->format != NULL &&
	    o->write_dir == NULL)
		return usage_error(c, "%s", "-f donne le format des contrats "
		    "écrits par --ecrire ; le rapport prend --format texte, json "
		    "ou html");
	if (o->command != CMD_BUILD && o->batch == NULL &&
	    ((o->output != NULL && o->command != CMD_FORM &&
	    o->command != CMD_VARIANTS) ||
	    (o->format != NULL &&
	    o->command != CMD_CHECK && o->command != CMD_VARIANTS)))
		return usage_error(c, "%s", o->output != NULL ?
		    "-o ne sert qu'à « lgc build » et « lgc formulaire »" :
		    "-f ne sert qu'à « lgc build » et « lgc check »");
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
	} else if (matches(arg, NULL, "--ancien-I", &prefix)) {
		VALUE("un dossier");
		o->before_includes[o->nbefore_includes++] = value;
	} else if (matches(arg, NULL, "--nouveau-I", &prefix)) {
		VALUE("un dossier");
		o->after_includes[o->nafter_includes++] = value;
	} else if (matches(arg, "-I", NULL, &prefix)) {
		VALUE("un dossier");
		o->includes[o->nincludes++] = value;
	} else if (matches(arg, NULL, "--racine", &prefix)) {
		VALUE("un dossier");
		o->roots[o->nroots++] = value;
	} else if (matches(arg, "-f", "--format", &prefix)) {
		VALUE("un format");
		/* lgc variantes: --format for the report, -f for the
		 * contracts --ecrire writes. */
		if (o->command == CMD_VARIANTS && arg[1] == '-')
			o->report_format = value;
		else
			o->format = value;
	} else if (matches(arg, NULL, "--max", &prefix)) {
		char *end;
		long long n;

		VALUE("un nombre");
		errno = 0;
		n = strtoll(value, &end, 10);
		if (*end != '\0' || end == value || n < 1 || errno != 0 ||
		    n > 1000000)
			return usage_error(c, "--max attend un nombre de 1 à "
			    "1000000, pas « %s »", value);
		o->max = (size_t)n;
	} else if (matches(arg, NULL, "--ecrire", &prefix) ||
	    matches(arg, NULL, "--écrire", &prefix)) {
		VALUE("un dossier");
		o->write_dir = value;
	} else if (matches(arg, "-o", NULL, &prefix) ||
	    matches(arg, NULL, "--output", &prefix)) {
		VALUE("un fichier");
		o->output = value;
	} else if (matches(arg, NULL, "--sortie", &prefix)) {
		VALUE("un fichier (un dossier avec --lot)");
		o->sortie = value;
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
	} else if (matches(arg, NULL, "--provenance", &prefix)) {
		VALUE("un fichier JSON");
		o->provenance = value;
	} else if (matches(arg, NULL, "--sujets", &prefix)) {
		VALUE("une liste de sujets");
		o->subjects = value;
	} else if (matches(arg, NULL, "--norme", &prefix)) {
		VALUE("2020-12 ou 07");
		o->draft_norm = value;
	} else if (matches(arg, NULL, "--rendu", &prefix)) {
		VALUE("une adresse (URL)");
		o->render_url = value;
	} else if (matches(arg, NULL, "--limite", &prefix)) {
		VALUE("nom=taille (valeur, texte ou noeuds)");
		o->limits[o->nlimits++] = value;
	} else if (matches(arg, NULL, "--format-diagnostics", &prefix)) {
		VALUE("texte, json, gcc ou sarif");
		o->diagnostics = value;
	} else if (matches(arg, NULL, "--couleur", &prefix)) {
		/* Applied before the arguments were read (color()). */
		VALUE("toujours, jamais ou auto");
		o->color = value;
	} else if ((value = format_option(c, arg, &word, &prefix)) != NULL) {
		struct format_option *fo =
		    &o->format_options[o->nformat_options++];

		fo->name = value;
		fo->value = NULL;
		if (word != NULL) {
			VALUE("une valeur");
			fo->value = value;
		} else if (arg[prefix] == '=')
			/* An on/off option: --signatures-pdf=non turns off
			 * what is on by default (lgc_set_option checks the
			 * word). */
			fo->value = arg + prefix + 1;
	} else
		return usage_error(c, "option inconnue « %s »", arg);
#undef VALUE
	return LGC_OK;
}

/* Whether ARG names a template file (or the standard input). */
static bool
is_template_name(const char *arg)
{
	size_t n = strlen(arg);

	return strcmp(arg, "-") == 0 ||
	    (n > 4 && strcmp(arg + n - 4, ".lgc") == 0);
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
			/* explique: the template and the article, in either
			 * order; the template is the one named .lgc. */
			if (o->command == CMD_EXPLAIN && o->template_path != NULL &&
			    o->article == NULL) {
				if (is_template_name(arg) &&
				    !is_template_name(o->template_path)) {
					o->article = o->template_path;
					o->template_path = arg;
				} else
					o->article = arg;
				continue;
			}
			if (o->command == CMD_EXPLAIN && o->article != NULL)
				return usage_error(c, "lgc explique : un seul "
				    "article à la fois (« %s » en trop)", arg);
			if (o->command == CMD_DIFF && o->template_path != NULL &&
			    o->template_after == NULL) {
				o->template_after = arg;
				continue;
			}
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
		else if (strcmp(arg, "--matrice") == 0)
			o->full_matrix = true;
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

/* -I folders (INCLUDES), then LGC_PATH, then the clause library next
 * to the executable (build tree or relocated install), also roots when
 * CONFINED; the library adds the installed one last. */
static void
search_paths(lgc_compiler *c, const char *const *includes, size_t nincludes,
    bool confined)
{
	const char *env = getenv("LGC_PATH");
	char exe[PATH_MAX], dir[PATH_MAX + 32], *slash, *copy, *part, *save;
	ssize_t n;
	size_t i;

	for (i = 0; i < nincludes; i++)
		lgc_add_search_path(c, includes[i]);
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
	/* lgc's own clauses stay open to a confined template. */
	snprintf(dir, sizeof(dir), "%s/stdlib", exe);
	if (is_dir(dir)) {
		lgc_add_search_path(c, dir);
		if (confined)
			(void)lgc_add_root(c, dir);
	}
	snprintf(dir, sizeof(dir), "%s/../share/lgc/stdlib", exe);
	if (is_dir(dir)) {
		lgc_add_search_path(c, dir);
		if (confined)
			(void)lgc_add_root(c, dir);
	}
}

static void
add_search_paths(lgc_compiler *c, const struct options *o)
{
	search_paths(c, o->includes, o->nincludes, o->nroots > 0);
}

/* The language server finds clauses as lgc check does. */
static void
lsp_search_paths(lgc_compiler *c, const char *const *includes, size_t n)
{
	search_paths(c, includes, n, false);
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
	if (o->draft_norm != NULL)
		status = worst(status, lgc_set_option(c, "norme",
		    o->draft_norm));
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
	for (i = 0; i < o->nlimits; i++) {
		const char *eq = strchr(o->limits[i], '=');
		char name[64];

		if (eq == NULL || (size_t)(eq - o->limits[i]) >= sizeof(name) -
		    sizeof("limite-"))
			status = worst(status, usage_error(c, "--limite %s : "
			    "écrivez nom=taille, par exemple « --limite "
			    "valeur=64M » (valeur, texte ou noeuds)",
			    o->limits[i]));
		else {
			snprintf(name, sizeof(name), "limite-%.*s",
			    (int)(eq - o->limits[i]), o->limits[i]);
			status = worst(status, lgc_set_option(c, name, eq + 1));
		}
	}
	return status;
}

/* Template or data read from the standard input ("-") are named so in
 * diagnostics. */
#define STDIN_NAME	"<entrée standard>"

/* The whole standard input, malloc'd, or NULL after reporting. */
static char *
read_stdin(lgc_compiler *c, size_t *len)
{
	char *text = NULL, *bigger;
	size_t cap = 0, n;

	*len = 0;
	do {
		if (*len == cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			if ((bigger = realloc(text, cap + 1)) == NULL) {
				free(text);
				lgc_report_file(c, "entree-sortie", "-", "%s",
				    lgc_strerror(ENOMEM));
				return NULL;
			}
			text = bigger;
		}
		n = fread(text + *len, 1, cap - *len, stdin);
		*len += n;
	} while (n > 0);
	if (ferror(stdin)) {
		lgc_report_file(c, "entree-sortie", "-", "lecture de l'entrée "
		    "standard : %s", lgc_strerror(errno));
		free(text);
		return NULL;
	}
	text[*len] = '\0';
	return text;
}

static int
load_template(lgc_compiler *c, const char *path)
{
	char *text;
	size_t len;
	int status;

	if (strcmp(path, "-") != 0)
		return lgc_load_template(c, path);
	if ((text = read_stdin(c, &len)) == NULL)
		return LGC_FATAL;
	status = lgc_load_template_string(c, STDIN_NAME, text, len);
	free(text);
	return status;
}

static int
load_data(lgc_compiler *c, const char *path)
{
	char *text;
	size_t len;
	int status;

	if (strcmp(path, "-") != 0)
		return lgc_load_data_file(c, path);
	if ((text = read_stdin(c, &len)) == NULL)
		return LGC_FATAL;
	status = lgc_load_data_string(c, STDIN_NAME, text, len);
	free(text);
	return status;
}

/* Whether OUT is UTF-8 text without NUL: what a terminal can show. */
static bool
is_text(const char *out, size_t len)
{
	const unsigned char *p = (const unsigned char *)out;
	size_t i = 0, k, n;

	while (i < len) {
		if (p[i] == 0)
			return false;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] >= 0xc2 && p[i] < 0xe0)
			n = 1;
		else if (p[i] >= 0xe0 && p[i] < 0xf0)
			n = 2;
		else if (p[i] >= 0xf0 && p[i] < 0xf5)
			n = 3;
		else
			return false;
		if (n >= len - i)
			return false;
		for (k = 1; k <= n; k++)
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
		i += n + 1;
	}
	return true;
}

/* Format options the chosen format does not declare, and -I folders
 * that do not exist, would be ignored in silence: say so. */
static void
warn_ignored(lgc_compiler *c, const struct options *o, const char *format)
{
	const char *name;
	size_t i, j, k;
	bool applies;

	for (k = 0; k < o->nincludes; k++)
		if (!is_dir(o->includes[k]))
			lgc_report_file(c, "dossier-introuvable", o->includes[k],
			    "-I %s : dossier introuvable ; aucune clause n'y "
			    "sera cherchée", o->includes[k]);
	if (o->command != CMD_BUILD)
		return;
	for (k = 0; k < o->nformat_options; k++) {
		char formats[256] = "";

		applies = false;
		for (i = 0; lgc_format_name(c, i) != NULL; i++)
			for (j = 0; (name = lgc_format_option(c, i, j, NULL,
			    NULL)) != NULL; j++) {
				if (strcmp(name, o->format_options[k].name) != 0)
					continue;
				if (strcmp(lgc_format_name(c, i), format) == 0)
					applies = true;
				if (formats[0] != '\0')
					strncat(formats, ", ", sizeof(formats) -
					    strlen(formats) - 1);
				strncat(formats, lgc_format_name(c, i),
				    sizeof(formats) - strlen(formats) - 1);
			}
		if (!applies)
			lgc_report(c, "option-sans-effet", "--%s ne sert qu'au "
			    "format %s : sans effet sur le format %s",
			    o->format_options[k].name, formats, format);
	}
}

/* -j by default: one process per core online, as make -j would want. */
static int
default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
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
	bo.jobs = o->jobs > 0 ? o->jobs : default_jobs();
	bo.json = o->diagnostics != NULL && strcmp(o->diagnostics, "json") == 0;
	bo.sarif = o->diagnostics != NULL &&
	    strcmp(o->diagnostics, "sarif") == 0;
	/* The bar is for a person reading the text format. */
	bo.progress = isatty(STDERR_FILENO) && (o->diagnostics == NULL ||
	    strcmp(o->diagnostics, "texte") == 0 ||
	    strcmp(o->diagnostics, "text") == 0);
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
		/* With a format, the contract is rendered and dropped: what
		 * only the format can find (a character the PDF's font
		 * lacks) is found by check as by build. */
		if ((o->ndata > 0 || o->ndefines > 0) && o->format != NULL &&
		    status == LGC_OK) {
			status = lgc_render(c, format, &out, &len);
			free(out);
		} else if (o->ndata > 0 || o->ndefines > 0)
			status = worst(status, lgc_check_data(c));
		return status;
	}
	if (status != LGC_OK)
		return status;
	/* Both outputs checked before either is written: -o or --deps
	 * naming the template, a clause or the data would destroy it. */
	status = worst(worst(lgc_check_output(c, o->output),
	    lgc_check_output(c, o->deps)), lgc_check_output(c, o->provenance));
	if (status != LGC_OK)
		return status;
	if (o->provenance != NULL)
		lgc_set_provenance(c, 1);
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
	/* The provenance too, before the contract, for the same reason. */
	if (status == LGC_OK && o->provenance != NULL) {
		char *prov = NULL;
		size_t plen = 0;

		status = lgc_provenance(c, &prov, &plen);
		if (status == LGC_OK)
			status = lgc_write_output(c, o->provenance, prov, plen);
		free(prov);
	}
	/* As gzip does: binary output (a PDF) would only garble a
	 * terminal. */
	if (status == LGC_OK && (o->output == NULL ||
	    strcmp(o->output, "-") == 0) && isatty(STDOUT_FILENO) &&
	    !is_text(out, len))
		status = lgc_report(c, "usage", "le format %s est binaire : il "
		    "n'est pas écrit sur le terminal ; redirigez la sortie "
		    "(> contrat.%s) ou donnez un fichier avec -o", format,
		    format);
	if (status == LGC_OK)
		status = lgc_write_output(c, o->output, out, len);
	free(out);
	return status;
}

/* Whether the report of lgc diff, on the standard output, is in
 * colour: --couleur, else a terminal without NO_COLOR (as color() does
 * for the diagnostics on the standard error). */
static bool
report_in_color(const struct options *o)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");

	if (o->color != NULL && strcmp(o->color, "toujours") == 0)
		return true;
	if (o->color != NULL && strcmp(o->color, "jamais") == 0)
		return false;
	return isatty(STDOUT_FILENO) && (no_color == NULL ||
	    *no_color == '\0') && (term == NULL || strcmp(term, "dumb") != 0);
}

/* -I folders missing are said, as for the other commands. */
static void
warn_missing(lgc_compiler *c, const char *option, const char *const *dirs,
    size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (!is_dir(dirs[k]))
			lgc_report_file(c, "dossier-introuvable", dirs[k],
			    "%s %s : dossier introuvable ; aucune clause n'y "
			    "sera cherchée", option, dirs[k]);
}

/* One version's clause folders: its own (--ancien-I or --nouveau-I)
 * first, then the common ones (-I), LGC_PATH and the library. */
static void
side_paths(lgc_compiler *c, const struct options *o, const char **own,
    size_t nown)
{
	const char **all = calloc(nown + o->nincludes + 1, sizeof(*all));
	size_t i;

	if (all == NULL) {
		lgc_report(c, "entree-sortie", "%s", lgc_strerror(ENOMEM));
		return;
	}
	for (i = 0; i < nown; i++)
		all[i] = own[i];
	for (i = 0; i < o->nincludes; i++)
		all[nown + i] = o->includes[i];
	search_paths(c, all, nown + o->nincludes, o->nroots > 0);
	free(all);
}

/* lgc diff: C compiles the old version, a clone of it (same options,
 * same diagnostics) the new one. */
static int
run_diff(lgc_compiler *c, const struct options *o)
{
	struct diff_options d;
	lgc_compiler *after;
	size_t i;
	int status;

	if ((status = configure(c, o)) != LGC_OK)
		return LGC_FATAL;
	for (i = 0; i < o->nroots; i++)
		if (lgc_add_root(c, o->roots[i]) != LGC_OK)
			return LGC_FATAL;
	warn_missing(c, "-I", o->includes, o->nincludes);
	warn_missing(c, "--ancien-I", o->before_includes, o->nbefore_includes);
	warn_missing(c, "--nouveau-I", o->after_includes, o->nafter_includes);
	after = lgc_clone(c, NULL);
	side_paths(c, o, o->before_includes, o->nbefore_includes);
	side_paths(after, o, o->after_includes, o->nafter_includes);
	memset(&d, 0, sizeof(d));
	d.before = o->template_path;
	d.after = o->template_after;
	d.data_files = o->data_files;
	d.ndata = o->ndata;
	d.defines = o->defines;
	d.ndefines = o->ndefines;
	d.batch = o->batch;
	d.name_field = o->name_field;
	d.sarif = o->diagnostics != NULL && strcmp(o->diagnostics, "sarif") == 0;
	d.format = o->format != NULL ? o->format : report_in_color(o) ?
	    "couleur" : "texte";
	status = diff_run(c, after, &d);
	if (lgc_status(after) != LGC_OK || lgc_status(c) != LGC_OK)
		status = LGC_FATAL;
	lgc_free(after);
	return status;
}

/* Whether -WPREFIX names codes of lgc variantes ("variantes…"). */
static bool
variant_warnings(const struct options *o)
{
	size_t i, n;

	for (i = 0; i < o->nwarnings; i++) {
		n = strlen(o->warnings[i]);
		if (n >= 3 && strncmp(o->warnings[i], "variantes-",
		    n < 10 ? n : 10) == 0)
			return true;
	}
	return false;
}

static int
run_variants(lgc_compiler *c, const struct options *o, const char *format)
{
	lgc_variantes_options vo;
	char *out = NULL;
	size_t len = 0;
	int status;

	memset(&vo, 0, sizeof(vo));
	vo.max = o->max;
	vo.format = o->report_format;
	vo.write_dir = o->write_dir;
	vo.write_format = format;
	vo.full_matrix = o->full_matrix;
	if ((status = lgc_check_output(c, o->output)) != LGC_OK)
		return status;
	status = lgc_variantes(c, &vo, &out, &len);
	if (out != NULL && status != LGC_FATAL)
		status = worst(status, lgc_write_output(c, o->output, out, len));
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

	if (o->command == CMD_DIFF)
		return run_diff(c, o);
	/* The questionnaire is HTML whatever -o is named; the variants'
	 * -o is their report, -f the contracts they write. */
	if (o->command == CMD_FORM)
		format = "html";
	else if (o->command == CMD_VARIANTS) {
		struct options contracts = *o;

		contracts.output = NULL;
		if ((format = pick_format(c, &contracts)) == NULL)
			return LGC_FATAL;
	}
	else if ((format = pick_format(c, o)) == NULL)
		return LGC_FATAL;
	if ((status = configure(c, o)) != LGC_OK)
		return status;
	for (i = 0; i < o->nroots; i++)
		if ((status = lgc_add_root(c, o->roots[i])) != LGC_OK)
			return status;
	add_search_paths(c, o);
	warn_ignored(c, o, format);
	status = load_template(c, o->template_path);
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
	if (o->command == CMD_FORM) {
		if ((status = lgc_check_output(c, o->output)) != LGC_OK)
			return status;
		if (lgc_form(c, o->render_url, &out, &len) == LGC_OK)
			status = worst(status, lgc_write_output(c, o->output,
			    out, len));
		else
			status = worst(status, LGC_ERRORS);
		free(out);
		return status;
	}
	if (o->command == CMD_VARIANTS)
		return worst(status, run_variants(c, o, format));
	if (o->command == CMD_LINT || o->subjects != NULL || lint_warnings(o))
		status = worst(status, lgc_lint(c, o->subjects));
	/* -Wvariantes: the variants' warnings and failures, no report. */
	if (variant_warnings(o) && status != LGC_FATAL)
		status = worst(status, lgc_variantes(c, NULL, NULL, NULL));
	for (i = 0; i < o->ndata && status != LGC_FATAL; i++)
		status = worst(status, load_data(c, o->data_files[i]));
	for (i = 0; i < o->ndefines && status != LGC_FATAL; i++)
		status = worst(status, lgc_define(c, o->defines[i]));
	if (o->batch != NULL)
		return status == LGC_OK ? run_batch(c, o, format) : status;
	if (o->command == CMD_EXPLAIN) {
		if (status != LGC_OK)
			return status;
		status = lgc_explain(c, o->article, &out, &len);
		if (status == LGC_OK)
			status = lgc_write_output(c, NULL, out, len);
		free(out);
		return status;
	}
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

/* --couleur=toujours|jamais|auto (auto by default): the text format's
 * diagnostics in colour when stderr is a terminal, unless NO_COLOR is
 * set (https://no-color.org) or TERM is "dumb", as GCC does; looked for
 * first, like --format-diagnostics, so that the errors of the arguments
 * are coloured too.  The library is told, and looks at nothing itself. */
static int
color(lgc_compiler *c, int argc, char **argv)
{
	const char *when = "auto", *no_color, *term;
	int i;

	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--couleur=", 10) == 0)
			when = argv[i] + 10;
		else if (strcmp(argv[i], "--couleur") == 0 && i + 1 < argc)
			when = argv[++i];
	}
	if (strcmp(when, "toujours") == 0)
		return lgc_set_option(c, "couleur", "1");
	if (strcmp(when, "jamais") == 0)
		return LGC_OK;
	if (strcmp(when, "auto") != 0)
		return usage_error(c, "--couleur « %s » : toujours, jamais ou "
		    "auto", when);
	no_color = getenv("NO_COLOR");
	term = getenv("TERM");
	if (isatty(STDERR_FILENO) && (no_color == NULL || *no_color == '\0') &&
	    (term == NULL || strcmp(term, "dumb") != 0))
		return lgc_set_option(c, "couleur", "1");
	return LGC_OK;
}

/* What the help and the version wrote to the standard output: a full
 * disk or a closed pipe must not pass for success (exit 0, nothing
 * said), as GNU's close_stdout says. */
static int
flush_stdout(lgc_compiler *c)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return LGC_OK;
	return lgc_report_file(c, "entree-sortie", "-", "écriture sur la "
	    "sortie standard : %s", lgc_strerror(errno ? errno : EIO));
}

/* `lgc serve …` runs lgc-serve (src/server), beside this program or
 * installed in LGC_LIBEXEC_DIR: the server is a program of its own,
 * linked with shared libraries, so that this one needs none (Makefile,
 * STATIC).  Returns only on failure. */
static int
run_server(lgc_compiler *c, int argc, char **argv)
{
	char self[PATH_MAX], path[PATH_MAX + 32];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char **args = calloc((size_t)argc + 1, sizeof(*args));
	int i;

	if (args == NULL)
		return lgc_report(c, "entree-sortie", "%s", lgc_strerror(ENOMEM));
	args[0] = (char *)"lgc-serve";
	for (i = 2; i < argc; i++)
		args[i - 1] = argv[i];
	fflush(NULL);
	if (n > 0) {
		char *slash;

		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(path, sizeof(path), "%s/lgc-serve", self);
			execv(path, args);
			/* Installed: PREFIX/bin/lgc, PREFIX/libexec/lgc/. */
			snprintf(path, sizeof(path), "%s/../libexec/lgc/lgc-serve",
			    self);
			execv(path, args);
		}
	}
	execv(LGC_LIBEXEC_DIR "/lgc-serve", args);
	free(args);
	return lgc_report(c, "entree-sortie", "lgc serve : le programme "
	    "lgc-serve est introuvable (ni à côté de lgc ni dans %s) : %s",
	    LGC_LIBEXEC_DIR, lgc_strerror(errno));
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
	if (color(c, argc, argv) != LGC_OK)
		return LGC_FATAL;
	if (argc >= 2 && strcmp(argv[1], "serve") == 0)
		return run_server(c, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "lsp") == 0)
		return lsp_main(argc - 2, argv + 2, stdin, stdout,
		    lsp_search_paths);
	if (argc == 3 && (strcmp(argv[1], "help") == 0 ||
	    strcmp(argv[1], "aide") == 0) && strcmp(argv[2], "lsp") == 0) {
		char *help[] = { (char *)"--help", NULL };

		return lsp_main(1, help, stdin, stdout, lsp_search_paths);
	}
	if (argc == 3 && (strcmp(argv[1], "help") == 0 ||
	    strcmp(argv[1], "aide") == 0) && strcmp(argv[2], "serve") == 0) {
		char *help[] = { argv[0], argv[2], (char *)"--help", NULL };

		return run_server(c, 3, help);
	}
	if (argc >= 2 && (strcmp(argv[1], "help") == 0 ||
	    strcmp(argv[1], "aide") == 0)) {
		if (argc == 2)
			usage(c, stdout);
		else if (!command_usage(argv[2], stdout))
			return usage_error(c, "« lgc help %s » : aucune commande "
			    "de ce nom (build, check, diff, explique, formulaire, lint, "
			    "schema, tree, variantes, serve ou lsp)", argv[2]);
		return flush_stdout(c);
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "--aide") == 0) {
			if (i == 1 || !command_usage(argv[1], stdout))
				usage(c, stdout);
			return flush_stdout(c);
		}
		if (strcmp(argv[i], "-V") == 0 ||
		    strcmp(argv[i], "--version") == 0) {
			printf("lgc %s\n", lgc_version());
			return flush_stdout(c);
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
	o.roots = calloc(n, sizeof(*o.roots));
	o.before_includes = calloc(n, sizeof(*o.before_includes));
	o.after_includes = calloc(n, sizeof(*o.after_includes));
	o.warnings = calloc(n, sizeof(*o.warnings));
	o.limits = calloc(n, sizeof(*o.limits));
	o.format_options = calloc(n, sizeof(*o.format_options));
	if (o.data_files == NULL || o.defines == NULL || o.includes == NULL ||
	    o.roots == NULL || o.before_includes == NULL ||
	    o.after_includes == NULL || o.warnings == NULL || o.limits == NULL ||
	    o.format_options == NULL)
		status = lgc_report(c, "entree-sortie", "%s",
		    lgc_strerror(ENOMEM));
	else if ((status = parse_args(c, argc, argv, &o)) == LGC_OK)
		status = run(c, &o);
	free(o.data_files);
	free(o.defines);
	free(o.includes);
	free(o.roots);
	free(o.before_includes);
	free(o.after_includes);
	free(o.warnings);
	free(o.limits);
	free(o.format_options);
	return worst(status, lgc_status(c));
}

int
main(int argc, char **argv)
{
	lgc_compiler *c;
	void *heap_pad;
	int status;

#ifdef __GLIBC__
	/* A run is short and frees as it goes.  By default glibc hands
	 * freed memory back to the system and maps big blocks afresh
	 * (zlib's 256 KB for each PDF stream), so that the same pages
	 * fault again, and it grows the heap 128 KB at a time, a system
	 * call each.  Page faults and system calls are what a virtual
	 * machine makes dear: keeping the heap and growing it by 256 MB
	 * of address space (pages are only backed when touched) saves a
	 * tenth of the time of a PDF (bench/pdf.sh), and gives heap.c
	 * room to put the heap on huge pages: a large contract's data
	 * then takes a fault per 2 MB, not per 4 KB (tests/scripts/
	 * pathological.py: 8,000 articles in 169 ms instead of 659). */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
	mallopt(M_TOP_PAD, 256 << 20);
#endif
	heap_pad = heap_place_on_huge_pages();
	c = lgc_new(stderr);
	status = main_with(c, argc, argv);
	/* Whatever wrote to the standard output, its last buffer too. */
	if (status == LGC_OK)
		status = flush_stdout(c);
	/* Before the compiler: freeing a block this large makes glibc
	 * merge every small block freed before it, fewer now than once
	 * the whole template is freed (0.17 M instructions of a check). */
	free(heap_pad);
	lgc_free(c);
	return status;
}
