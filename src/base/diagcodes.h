/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Every diagnostic lgc can emit: identifier, severity, stable name (for
 * --format-diagnostics json, -W options and docs/diagnostics.md) and
 * French message.  Banded by severity.  Spaces before ; : ! ? » and
 * after « are turned into no-break spaces when printed. */

/* Notes: information, never a failure */
DIAG(N_TOO_MANY, SEV_NOTE, "trop-de-diagnostics",
    "trop de diagnostics ; les suivants ne sont pas affichés")
DIAG(N_BATCH, SEV_NOTE, "lot",
    "%s")

/* Warnings */
DIAG(W_NO_SEPARATOR, SEV_WARNING, "separateur-absent",
    "ce fichier n'a pas de ligne « --- » : tout y est texte du contrat, cette ligne comprise ; ajoutez « --- » après l'en-tête")
DIAG(W_HASH_NO_SPACE, SEV_WARNING, "titre-sans-espace",
    "« # » en début de ligne sans espace : la ligne reste du texte ; écrivez « # Titre » pour un article, ou « \\# » pour un dièse")
DIAG(W_UNUSED_INPUT, SEV_WARNING, "entree-inutilisee",
    "l'entrée « %s » n'est jamais utilisée")
DIAG(W_UNUSED_SOIT, SEV_WARNING, "valeur-inutilisee",
    "la valeur calculée « %s » n'est jamais utilisée")
DIAG(W_UNUSED_PARAM, SEV_WARNING, "parametre-inutilise",
    "le paramètre « %s » n'est jamais utilisé")
DIAG(W_UNREACHABLE, SEV_WARNING, "branche-inaccessible",
    "branche inaccessible : %s")
DIAG(W_ALWAYS_TRUE, SEV_WARNING, "toujours-vrai",
    "« %s existe » est toujours vrai : « %s » est toujours présent")
DIAG(W_CHOICE_SHADOWS, SEV_WARNING, "choix-homonyme",
    "« %s » désigne ici la valeur du choix, pas l'entrée du même nom")
DIAG(W_RECOMMANDER, SEV_WARNING, "recommandation",
    "%s")
DIAG(W_DATA_UNKNOWN_KEY, SEV_WARNING, "cle-inconnue",
    "clé inconnue « %s » ignorée")
DIAG(W_DATA_IGNORED, SEV_WARNING, "donnee-ignoree",
    "« %s » est fourni alors que sa condition n'est pas remplie (%s) : la valeur est ignorée")
/* Command line (lgc_report): the message is the caller's. */
DIAG(W_BATCH_NAME_TAKEN, SEV_WARNING, "lot-nom-en-double",
    "%s")
DIAG(W_OPTION_IGNORED, SEV_WARNING, "option-sans-effet",
    "%s")
DIAG(W_NO_SUCH_DIR, SEV_WARNING, "dossier-introuvable",
    "%s")
/* Variants (src/variantes/): disabled unless enabled by lgc variantes or
 * -Wvariantes. */
DIAG(W_VAR_BRANCH_IMPOSSIBLE, SEV_WARNING, "variantes-branche-impossible",
    "« %s » n'est vraie dans aucune variante : %s")
DIAG(W_VAR_BRANCH_ALWAYS, SEV_WARNING, "variantes-branche-toujours-prise",
    "« %s » est vraie dans toutes les variantes qui la lisent : %s")
DIAG(W_VAR_CASE_IMPOSSIBLE, SEV_WARNING, "variantes-cas-impossible",
    "ce « {cas} » ne se présente dans aucune variante : %s")
DIAG(W_VAR_OTHER_IMPOSSIBLE, SEV_WARNING, "variantes-autre-impossible",
    "« {autre} » n'est pris dans aucune variante : %s")
/* Drafting linter (lint.c): disabled unless enabled by lgc lint or -Wlint. */
DIAG(W_LINT_DISCRETION, SEV_WARNING, "lint-discretion",
    "« %s » donne à une partie un pouvoir sans limite ni contrôle : l'autre ne peut pas contester la décision, et un juge peut écarter la clause pour déséquilibre significatif ; précisez les critères et les limites de la décision")
DIAG(W_LINT_VIOLATION, SEV_WARNING, "lint-violation-substantielle",
    "« %s » sans définition : rien ne dit qui juge qu'un manquement est assez grave, ce qui nourrit les litiges sur la résiliation ; énumérez les manquements visés")
DIAG(W_LINT_PARTIE_PRESENTES, SEV_WARNING, "lint-partie-aux-presentes",
    "« %s » : formule archaïque, ambiguë quand plusieurs actes coexistent (contrat, avenants, annexes) ; écrivez « partie au présent contrat »")
DIAG(W_LINT_CONSENTEMENT, SEV_WARNING, "lint-consentement-prealable",
    "« %s » : l'autre partie peut bloquer chaque acte visé en tardant à répondre ; prévoyez un délai au-delà duquel l'accord est réputé donné, ou les cas qui en sont dispensés")
DIAG(W_LINT_EN_VERTU, SEV_WARNING, "lint-en-vertu-des-presentes",
    "« %s » : renvoi vague à tout le contrat, qui laisse chercher quelle obligation est visée ; citez l'article (« en application de l'article {ref x} »)")
DIAG(W_LINT_LEDIT, SEV_WARNING, "lint-ledit",
    "« %s » : archaïsme qui renvoie à un nom cité plus haut sans dire lequel quand plusieurs conviennent ; répétez le nom (« ce contrat », « ce délai »)")
DIAG(W_LINT_SUSMENTIONNE, SEV_WARNING, "lint-susmentionne",
    "« %s » : archaïsme qui oblige le lecteur à chercher plus haut ce qui est désigné ; nommez la chose ou citez l'article")
DIAG(W_LINT_ET_OU, SEV_WARNING, "lint-et-ou",
    "« %s » est ambigu : « A et/ou B » peut se lire « A et B » ou « A ou B », et chaque partie retiendra la lecture qui l'arrange ; écrivez « A, B ou les deux »")
DIAG(W_LINT_NOMBRE, SEV_WARNING, "lint-nombre-discordant",
    "« %s » : %s en lettres mais %s en chiffres ; en cas de litige, le juge devra choisir, et pour une somme d'argent la loi fait prévaloir les lettres (article 1376 du Code civil) ; corrigez l'un des deux")
DIAG(W_LINT_SUJET, SEV_WARNING, "lint-sujet-manquant",
    "%s (%s) : %s")
DIAG(W_LINT_PREAVIS, SEV_WARNING, "lint-preavis-court",
    "le préavis « %s » peut être de moins de 14 jours (%s) : un préavis trop court expose à une action pour rupture brutale de la relation commerciale (article L442-1 du Code de commerce) ; %s")
DIAG(W_LINT_GARANTIE, SEV_WARNING, "lint-garantie-sans-quantite",
    "la garantie « %s » n'est chiffrée par aucune entrée (aucune entrée numérique « si %s ») : une garantie sans quantité (volume, taux, délai) ne peut pas être vérifiée et nourrit les litiges ; déclarez l'entrée qui la chiffre")
DIAG(W_LINT_DIRECTIVE, SEV_WARNING, "lint-directive",
    "directive « lgc-lint » incomprise : %s")

/* Errors in a template */
DIAG(E_UTF8, SEV_ERROR, "utf8-invalide",
    "octet 0x%02X invalide : le fichier doit être en UTF-8")
DIAG(E_SOURCE_CONTROL, SEV_ERROR, "caractere-de-controle",
    "caractère de contrôle U+%s dans le modèle : invisible à l'écran, il s'imprimerait ou inverserait le sens du texte ; retirez-le")
DIAG(E_NUL, SEV_ERROR, "octet-nul",
    "octet nul dans le fichier : est-ce bien un modèle texte ?")
DIAG(E_FILE_TOO_BIG, SEV_ERROR, "fichier-trop-gros",
    "fichier trop volumineux (%s octets) : la limite est de %s octets")
DIAG(E_LINE_TOO_LONG, SEV_ERROR, "ligne-trop-longue",
    "ligne trop longue (%s octets) : la limite est de %s octets ; coupez-la, un retour à la ligne vaut une espace")
DIAG(E_NESTING, SEV_ERROR, "imbrication-trop-profonde",
    "imbrication trop profonde : plus de %d niveaux de %s")
DIAG(E_CHAR, SEV_ERROR, "caractere-inattendu",
    "caractère inattendu « %s » dans le code")
DIAG(E_STRING_UNTERMINATED, SEV_ERROR, "chaine-non-terminee",
    "chaîne non terminée : ajoutez le guillemet fermant « \" » sur la même ligne")
DIAG(E_STRING_INTERP, SEV_ERROR, "interpolation-interdite",
    "accolade dans une chaîne : l'interpolation n'est permise que dans « titre » et les messages de « exiger » et « recommander » ; écrivez « \\{ » pour une accolade")
DIAG(E_NUM_COMMA, SEV_ERROR, "nombre-virgule",
    "dans le code, les décimales s'écrivent avec un point : écrivez « %s »")
DIAG(E_NUM_SPACE, SEV_ERROR, "nombre-espace",
    "dans le code, un nombre s'écrit sans espace : écrivez « %s »")
DIAG(E_DATE_SLASH, SEV_ERROR, "date-format",
    "dans le code, une date s'écrit AAAA-MM-JJ : écrivez « %s »")
DIAG(E_DATE_INVALID, SEV_ERROR, "date-invalide",
    "date invalide « %s »")
DIAG(E_NUMBER_RANGE, SEV_ERROR, "nombre-invalide",
    "nombre « %s » invalide : %s")
DIAG(E_BODY_SEPARATOR, SEV_ERROR, "separateur-dans-corps",
    "ligne « --- » dans le corps : le séparateur ne s'écrit qu'une fois, après l'en-tête ; écrivez « \\--- » pour un trait")
DIAG(E_HEADING_LEVEL, SEV_ERROR, "niveau-de-titre",
    "« %s » : un titre a au plus trois niveaux (#, ## et ###)")
DIAG(E_UNMATCHED_RBRACE, SEV_ERROR, "accolade-isolee",
    "« } » sans « { » ouvrante ; écrivez « \\} » pour une accolade")
DIAG(E_DOUBLE_BRACE, SEV_ERROR, "double-accolade",
    "« {{ » : une seule paire d'accolades suffit, écrivez « {x} »")
DIAG(E_TAG_UNCLOSED, SEV_ERROR, "balise-non-fermee",
    "balise ouverte par « { » jamais fermée ; ajoutez « } »")
DIAG(E_TAG_BLANK_LINE, SEV_ERROR, "balise-ligne-vide",
    "ligne vide dans une balise « { … } » : fermez la balise avec « } » avant la ligne vide")
DIAG(E_COMMENT_UNCLOSED, SEV_ERROR, "commentaire-non-ferme",
    "commentaire « {-- » jamais fermé ; ajoutez « --} »")
DIAG(E_EMPH_UNMATCHED, SEV_ERROR, "emphase-non-fermee",
    "« %s » %s une mise en %s jamais %s dans ce paragraphe ; écrivez « \\* » pour un astérisque")
DIAG(E_SYNTAX, SEV_ERROR, "syntaxe",
    "%s")
DIAG(E_INDENTED_STATEMENT, SEV_ERROR, "instruction-indentee",
    "une instruction d'en-tête commence en colonne 1 : seule une ligne de suite est indentée")
DIAG(E_RESERVED, SEV_ERROR, "mot-reserve",
    "« %s » est réservé ; essayez %s")
DIAG(E_STATEMENT, SEV_ERROR, "instruction-inconnue",
    "« %s » n'est pas une instruction d'en-tête (modele, titre, langue, entree, parametre, soit, exiger, recommander, importer, type)")
DIAG(E_CONSTRUCT_UNCLOSED, SEV_ERROR, "bloc-non-ferme",
    "« {%s} » n'est jamais fermé ; ajoutez « {fin} »")
DIAG(E_STRAY_TAG, SEV_ERROR, "balise-orpheline",
    "« {%s} » sans %s ouvert")
DIAG(E_ELSE_AFTER_ELSE, SEV_ERROR, "sinon-apres-sinon",
    "« {%s} » après « {sinon} » : « {sinon} » est la dernière branche ; pour une nouvelle condition, ouvrez « {si …} » et fermez-le par « {fin} »")
DIAG(E_FIN_MISMATCH, SEV_ERROR, "fin-discordante",
    "« {fin %s} » ferme « {%s} »")
DIAG(E_BLOCK_NOT_ALONE, SEV_ERROR, "bloc-pas-seul",
    "« {%s} » doit être seul sur sa ligne")
DIAG(E_LABEL_PLACE, SEV_ERROR, "etiquette-mal-placee",
    "« %s » n'est permis qu'à la fin d'une ligne de titre")
DIAG(E_LABEL_INVALID, SEV_ERROR, "etiquette-invalide",
    "étiquette invalide « %s » : une étiquette s'écrit comme un nom (lettres, chiffres et _) ; écrivez « %s »")
DIAG(E_LABEL_TWICE, SEV_ERROR, "marque-en-double",
    "« %s » deux fois sur le même titre")
DIAG(E_SELON_CONTENT, SEV_ERROR, "selon-contenu",
    "seuls des blancs et des commentaires peuvent séparer « {selon} » du premier « {cas} »")
DIAG(E_DUP_NAME, SEV_ERROR, "nom-en-double",
    "« %s » est déjà déclaré dans ce fichier")
DIAG(E_DUP_STATEMENT, SEV_ERROR, "instruction-en-double",
    "« %s » est déjà donné dans ce fichier")
DIAG(E_LANGUE, SEV_ERROR, "langue-inconnue",
    "langue « %s » inconnue : seule « fr » existe")
DIAG(E_GENRE, SEV_ERROR, "genre-inconnu",
    "genre « %s » inconnu")
DIAG(E_OPTIONAL_DEFAULT, SEV_ERROR, "optionnel-avec-defaut",
    "une entrée « optionnel » n'a pas de valeur par défaut : retirez « = … » ou « optionnel »")
DIAG(E_DEFAULT_NOT_CONST, SEV_ERROR, "defaut-non-constant",
    "une constante est attendue ici : nombre, montant, texte, date, durée, valeur de choix ou enregistrement")
DIAG(E_DEFAULT_CONSTRAINT, SEV_ERROR, "defaut-hors-contrainte",
    "la valeur par défaut ne respecte pas la contrainte : %s")
DIAG(E_CONSTRAINT_TYPE, SEV_ERROR, "contrainte-type",
    "« %s » ne s'applique pas à %s")
DIAG(E_CONSTRAINT_BOUNDS, SEV_ERROR, "bornes-inversees",
    "bornes inversées : la première borne doit être inférieure à la seconde")
DIAG(E_CYCLE, SEV_ERROR, "dependance-circulaire",
    "dépendance circulaire : %s")
DIAG(E_UNKNOWN_TYPE, SEV_ERROR, "type-inconnu",
    "type inconnu « %s »")
DIAG(E_CHOICE_BOOL, SEV_ERROR, "choix-oui-non",
    "« choix(oui, non) » : utilisez le type « booleen », affiché oui ou non")
DIAG(E_CHOICE_DUP, SEV_ERROR, "valeur-en-double",
    "valeur « %s » en double dans ce choix")
DIAG(E_FIELD_DUP, SEV_ERROR, "champ-en-double",
    "champ « %s » en double")
DIAG(E_FIELD_REDECLARED, SEV_ERROR, "champ-herite",
    "le champ « %s » est hérité de « %s » : il ne peut pas être redéclaré")
DIAG(E_NOT_RECORD_TYPE, SEV_ERROR, "type-non-enregistrement",
    "« %s » n'est pas un type enregistrement")
DIAG(E_TITRE_PRESENCE, SEV_ERROR, "titre-conditionnel",
    "le titre ne peut utiliser que des valeurs toujours présentes : « %s » ne l'est pas")
DIAG(E_LIEU_DATE_PRESENCE, SEV_ERROR, "lieu-date-conditionnel",
    "« %s » ne peut utiliser que des valeurs toujours présentes : « %s » ne l'est pas")
DIAG(E_DATE_TYPE, SEV_ERROR, "date-non-date",
    "« date » attend une date, pas %s")
DIAG(E_UNKNOWN_NAME, SEV_ERROR, "nom-inconnu",
    "nom inconnu « %s »")
DIAG(E_UNKNOWN_FIELD, SEV_ERROR, "champ-inconnu",
    "%s n'a pas de champ « %s »")
DIAG(E_UNKNOWN_LABEL, SEV_ERROR, "etiquette-inconnue",
    "étiquette inconnue « %s »")
DIAG(E_UNKNOWN_FUNCTION, SEV_ERROR, "fonction-inconnue",
    "fonction inconnue « %s »")
DIAG(E_UNKNOWN_CHOICE, SEV_ERROR, "valeur-inconnue",
    "« %s » n'est pas une valeur de %s")
DIAG(E_TYPE, SEV_ERROR, "type-incompatible",
    "%s")
DIAG(E_COND_NOT_BOOL, SEV_ERROR, "condition-non-booleenne",
    "une condition doit être un booléen, pas %s")
DIAG(E_COMPARE, SEV_ERROR, "comparaison-impossible",
    "comparaison impossible entre %s et %s")
DIAG(E_PRINT_RECORD, SEV_ERROR, "affichage-enregistrement",
    "un enregistrement (%s) ne s'affiche pas tel quel : affichez un de ses champs, par exemple « %s.%s »")
DIAG(E_ARITH, SEV_ERROR, "operation-impossible",
    "« %s » impossible entre %s et %s")
DIAG(E_DUREE_FAMILY, SEV_ERROR, "durees-incompatibles",
    "jours et mois ne se mélangent pas : %s")
DIAG(E_FUNCTION_ARGS, SEV_ERROR, "arguments",
    "« %s » : %s")
DIAG(E_FUNCTION_TYPE, SEV_ERROR, "fonction-type",
    "« %s » ne s'applique pas à %s")
DIAG(E_FUNCTION_VALUE, SEV_ERROR, "fonction-valeur",
    "%s : %s")
DIAG(E_EXISTS_NOT_NAME, SEV_ERROR, "existe-sur-expression",
    "« existe » s'applique à un nom d'entrée ou de valeur calculée")
DIAG(E_FIELD_MISSING, SEV_ERROR, "champ-manquant",
    "champ « %s » manquant pour le type %s")
DIAG(E_NOT_LIST, SEV_ERROR, "non-liste",
    "« pour chaque » parcourt une liste, pas %s")
DIAG(E_LIST_EMPTY, SEV_ERROR, "liste-vide-sans-type",
    "« [] » : rien ne dit ici de quoi cette liste vide serait faite")
DIAG(E_LIST_MIXED, SEV_ERROR, "liste-heterogene",
    "les éléments d'une liste sont d'un même type : celui-ci est %s, le premier %s")
DIAG(E_LOOP_QUERY, SEV_ERROR, "rang-hors-boucle",
    "« %s » s'applique à la variable d'une boucle « {pour chaque} »")
DIAG(E_SHADOW, SEV_ERROR, "masquage",
    "« %s » masque un nom existant : choisissez un autre nom de variable")
DIAG(E_LABEL_IN_LOOP, SEV_ERROR, "etiquette-dans-boucle",
    "une étiquette ne peut pas être posée dans « {pour chaque} » : elle serait répétée")
DIAG(E_SELON_INCOMPLETE, SEV_ERROR, "selon-incomplet",
    "« {selon} » ne traite pas %s ; ajoutez « {cas …} » ou « {autre} »")
DIAG(E_SELON_AUTRE, SEV_ERROR, "selon-autre-requis",
    "« {selon} » sur %s doit avoir une branche « {autre} »")
DIAG(E_CASE_DUP, SEV_ERROR, "cas-en-double",
    "la valeur « %s » figure déjà dans un autre « {cas} »")
DIAG(E_CASE_CONST, SEV_ERROR, "cas-non-constant",
    "« {cas} » prend des constantes")
DIAG(E_PRESENCE, SEV_ERROR, "presence",
    "« %s » n'existe que si %s")
DIAG(E_LABEL_PRESENCE, SEV_ERROR, "etiquette-presence",
    "l'article « %s » n'existe pas toujours là où il est cité : placez le renvoi sous la même condition que l'article")
DIAG(E_DUP_LABEL, SEV_ERROR, "etiquette-en-double",
    "étiquette « %s » déjà posée")
DIAG(E_REF_UNNUMBERED, SEV_ERROR, "renvoi-non-numerote",
    "« %s » désigne un titre non numéroté : un renvoi vise un article numéroté")
DIAG(E_UNKNOWN_ARTICLE, SEV_ERROR, "article-inconnu",
    "« %s » ne désigne aucun titre de ce contrat : donnez son numéro (« 7 », « 7.2 ») ou son étiquette")
DIAG(E_INCLUDE_NOT_FOUND, SEV_ERROR, "inclusion-introuvable",
    "fichier « %s » introuvable")
DIAG(E_INCLUDE_CYCLE, SEV_ERROR, "inclusion-circulaire",
    "inclusion circulaire : %s")
DIAG(E_INCLUDE_DEPTH, SEV_ERROR, "inclusion-trop-profonde",
    "plus de %d inclusions imbriquées")
DIAG(E_INCLUDE_OUTSIDE, SEV_ERROR, "inclusion-hors-racine",
    "« %s » (%s) est hors des dossiers racines : %s ; seuls leurs fichiers peuvent être inclus ou importés (--racine)")
DIAG(E_PARAM_UNKNOWN, SEV_ERROR, "parametre-inconnu",
    "« %s » n'est pas un paramètre de « %s »")
DIAG(E_PARAM_MISSING, SEV_ERROR, "parametre-manquant",
    "paramètre « %s » manquant : %s")
DIAG(E_PARAM_DUP, SEV_ERROR, "parametre-en-double",
    "paramètre « %s » donné deux fois")
DIAG(E_INPUT_CONFLICT, SEV_ERROR, "entree-incompatible",
    "l'entrée « %s » est déjà déclarée ailleurs avec %s : une entrée partagée doit être déclarée à l'identique")
DIAG(E_INPUT_COND_PARAM, SEV_ERROR, "condition-entree",
    "la condition d'une entrée ne porte que sur d'autres entrées : « %s » est %s")

/* Errors in the data */
DIAG(E_DATA_JSON, SEV_ERROR, "json-invalide",
    "JSON invalide : %s")
DIAG(E_DATA_NOT_OBJECT, SEV_ERROR, "donnees-non-objet",
    "les données doivent être un objet JSON { \"nom\": valeur, … }, pas %s")
DIAG(E_DATA_TOO_DEEP, SEV_ERROR, "donnees-trop-imbriquees",
    "données imbriquées sur plus de %d niveaux")
DIAG(E_DATA_MISSING, SEV_ERROR, "donnee-manquante",
    "%s manquant%s")
DIAG(E_DATA_TYPE, SEV_ERROR, "donnee-type",
    "%s : il faut %s, pas %s")
DIAG(E_DATA_VALUE, SEV_ERROR, "donnee-invalide",
    "%s : %s")
DIAG(E_DATA_RANGE, SEV_ERROR, "donnee-hors-bornes",
    "%s : %s n'est pas entre %s et %s")
DIAG(E_DATA_PARMI, SEV_ERROR, "donnee-hors-liste",
    "%s : %s n'est pas parmi %s")
DIAG(E_DATA_CHOICE, SEV_ERROR, "donnee-choix-inconnu",
    "%s : « %s » n'est pas une valeur possible (%s)")
DIAG(E_DATA_CONTROL, SEV_ERROR, "donnee-caractere-controle",
    "%s : caractère de contrôle U+%04X interdit dans un texte")
DIAG(E_VARIANT_FAILS, SEV_ERROR, "variante-en-echec",
    "%s")
DIAG(E_EXIGER, SEV_ERROR, "exigence",
    "%s")
DIAG(E_DIV_ZERO, SEV_ERROR, "division-par-zero",
    "division par zéro dans « %s »")
DIAG(E_OVERFLOW, SEV_ERROR, "depassement",
    "dépassement de capacité dans « %s »")
DIAG(E_DATE_RANGE, SEV_ERROR, "date-hors-limites",
    "date hors du calendrier (an 1 à 9999) dans « %s »")
DIAG(E_DEFINE, SEV_ERROR, "option-D",
    "« -D %s » : %s")

/* What one document may cost (struct eval_limits, eval/expr.h) */
DIAG(E_LIMIT_VALUE, SEV_ERROR, "limite-valeur",
    "« %s » donnerait une valeur de plus de %s (limite « valeur ») : un calcul qui double un texte à chaque « soit » en est la cause habituelle ; si le contrat en a vraiment besoin, relevez la limite avec « --limite valeur=TAILLE »")
DIAG(E_LIMIT_TEXT, SEV_ERROR, "limite-texte",
    "le texte du contrat dépasserait %s (limite « texte ») ; si le contrat en a vraiment besoin, relevez la limite avec « --limite texte=TAILLE »")
DIAG(E_LIMIT_NODES, SEV_ERROR, "limite-noeuds",
    "le contrat dépasserait %s morceaux de texte, lignes, titres et tours de boucle (limite « noeuds ») ; si le contrat en a vraiment besoin, relevez la limite avec « --limite noeuds=N »")

/* Content a backend cannot render (the model or the data, against the
 * chosen font) */
DIAG(E_GLYPH_MISSING, SEV_ERROR, "glyphe-absent",
    "%s")

DIAG(E_LATEX_CHAR, SEV_ERROR, "glyphe-absent-latex",
    "%s « %s » contient %s que %s")

DIAG(E_GLYPH_COMBINING, SEV_ERROR, "marque-combinante",
    "la marque combinante U+%04X, après « %s », n'a pas de forme précomposée : le PDF ne sait pas la placer sur sa lettre")

/* Usage, I/O and resources */
DIAG(F_USAGE, SEV_FATAL, "usage",
    "%s")
DIAG(F_IO, SEV_FATAL, "entree-sortie",
    "%s : %s")
DIAG(F_OUTPUT_IS_INPUT, SEV_FATAL, "sortie-est-une-entree",
    "%s")
/* Command line (lgc_report): the message is the caller's. */
DIAG(F_BATCH_WORKER, SEV_FATAL, "lot-processus-arrete",
    "%s")
DIAG(F_DATA_TOO_BIG, SEV_FATAL, "donnees-trop-volumineuses",
    "fichier de données trop volumineux (%s octets) : la limite est de %s octets")
DIAG(F_RENDER, SEV_FATAL, "rendu",
    "%s")
DIAG(F_FONT_NOT_FOUND, SEV_FATAL, "police-introuvable",
    "police « %s » introuvable : aucune police de cette famille n'est installée")
DIAG(F_FONT_STYLE, SEV_FATAL, "police-style-absent",
    "la police « %s » n'a pas de style %s, nécessaire au document")
DIAG(F_PDFA_PROFILE, SEV_FATAL, "pdfa-profil-icc",
    "%s")
DIAG(F_FONT_INVALID, SEV_FATAL, "police-invalide",
    "police « %s » (%s) : %s")
DIAG(F_TEXT_UTF8, SEV_FATAL, "texte-utf8-invalide",
    "le document contient un texte UTF-8 invalide (octet 0x%02X) : le PDF ne peut pas l'afficher")
DIAG(F_INTERNAL, SEV_FATAL, "erreur-interne",
    "erreur interne de lgc : %s a échoué sans message d'erreur ; signalez ce défaut, avec le modèle et les données qui le provoquent")
