#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Diagnostics that golden cases cannot hold: usage and I/O errors, files
# too big to commit, paths that depend on the checkout.  Prints
# "ok DESCRIPTION" or "ÉCHEC DESCRIPTION" per check.
# Environment (set by tests/run.sh): LGC (sanitizer binary), TOP (repo
# root), TMP (scratch folder).
set -u

LGC=${LGC:-$TOP/build/san/lgc}
TMP=${TMP:-$(mktemp -d)}
LGC_PATH=${LGC_PATH:-$TOP/stdlib}
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=98}
LC_ALL=C.UTF-8
export LGC_PATH ASAN_OPTIONS UBSAN_OPTIONS LC_ALL

d=$TMP/diagnostics
rm -rf "$d"
mkdir -p "$d"
cd "$d" || exit 1

# run ARGS…: runs lgc (20 s at most); status in $rc, streams in out, err.
# Messages use no-break spaces before « : » and inside « » ; the checks
# below read a copy where they are plain spaces.
run() {
	timeout 20 "$LGC" "$@" > out 2> err.raw
	rc=$?
	sed 's/\xc2\xa0/ /g' err.raw > err
}

ok() { echo "ok $1"; }
ko() {
	echo "ÉCHEC $1"
	[ -n "${2:-}" ] && echo "    $2"
	sed 's/^/    | /' err | head -8
}

# expect DESC STATUS PATTERN: the last run exited with STATUS and its
# standard error holds PATTERN (a fixed string; "" for none).
expect() {
	if [ "$rc" -ne "$2" ]; then
		ko "$1" "code de sortie $rc, attendu $2"
	elif [ -n "$3" ] && ! grep -qF -- "$3" err; then
		ko "$1" "message attendu : $3"
	else
		ok "$1"
	fi
}

cat > contrat.lgc <<'EOF'
modele "Contrat de prestation"
entree duree_mois : entier entre 1 et 36 = 12 "Durée du contrat en mois"
---
# Durée

Le contrat est conclu pour une durée de {duree_mois} mois.
EOF

# ---------------------------------------------------------------- usage
run
expect "usage : sans argument, code 2 et aide sur l'erreur standard" 2 "usage : lgc build"

run --help
if [ "$rc" -eq 0 ] && grep -q "^usage : lgc build" out && [ ! -s err ]; then
	ok "usage : --help, code 0, aide sur la sortie standard"
else
	ko "usage : --help, code 0, aide sur la sortie standard" "code $rc"
fi

# Each command the usage names has its own line under « Commandes » (a
# description once ran into the next command's).
missing=""
for c in $(sed -n 's/^\(usage :\)\{0,1\} *lgc \([a-z][a-z]*\) .*/\2/p' out |
    sort -u); do
	grep -q "^  $c  " out || missing="$missing $c"
done
if [ -z "$missing" ] && grep -q '^  explique  ' out; then
	ok "usage : --help, une ligne par commande"
else
	ko "usage : --help, une ligne par commande" "sans ligne :$missing"
fi

run -h
if [ "$rc" -eq 0 ] && grep -q "^usage : lgc build" out; then
	ok "usage : -h, code 0"
else
	ko "usage : -h, code 0" "code $rc"
fi

run --version
if [ "$rc" -eq 0 ] && grep -q "^lgc [0-9][0-9.]*$" out && [ ! -s err ]; then
	ok "usage : --version, code 0, « lgc X.Y.Z »"
else
	ko "usage : --version, code 0, « lgc X.Y.Z »" "code $rc, sortie : $(head -1 out)"
fi

run -V
if [ "$rc" -eq 0 ] && grep -q "^lgc [0-9][0-9.]*$" out; then
	ok "usage : -V, code 0"
else
	ko "usage : -V, code 0" "code $rc"
fi

run compile contrat.lgc
expect "usage : commande inconnue" 2 "lgc: erreur: commande inconnue « compile » : build, check"
if grep -q "« lgc --help » décrit les commandes et options" err; then
	ok "usage : la note renvoie à lgc --help"
else
	ko "usage : la note renvoie à lgc --help"
fi

run build contrat.lgc --bavard
expect "usage : option inconnue" 2 "lgc: erreur: option inconnue « --bavard »"

run build
expect "usage : aucun modèle" 2 "lgc: erreur: aucun modèle .lgc donné"

run build contrat.lgc autre.lgc
expect "usage : deux modèles" 2 "un seul modèle à la fois (« autre.lgc » en trop)"

run build contrat.lgc -d
expect "usage : -d sans valeur" 2 "-d attend un fichier JSON"

run build contrat.lgc -o
expect "usage : -o sans valeur" 2 "-o attend un fichier"

run build contrat.lgc -f odt
expect "usage : format inconnu" 2 "format « odt » inconnu"

run build contrat.lgc -o contrat.odt
expect "usage : extension de -o inconnue" 2 "extension de « contrat.odt » inconnue : précisez le format avec -f"
[ -e contrat.odt ] && ko "usage : rien n'est écrit après une erreur d'utilisation"

run check contrat.lgc -o contrat.html
expect "usage : -o avec check" 2 "-o ne sert qu'à « lgc build »"

run build contrat.lgc --format-diagnostics xml
expect "usage : format de diagnostics inconnu" 2 "format de diagnostics « xml » inconnu : texte, json, gcc ou sarif"

# With --format-diagnostics json every diagnostic is a JSON object, usage
# errors included (code "usage").
run build --format-diagnostics json contrat.lgc -f odt
if [ "$rc" -eq 2 ] && grep -q '"code":"usage"' err; then
	ok "usage : en JSON avec --format-diagnostics json"
else
	ko "usage : en JSON avec --format-diagnostics json" "code $rc ; attendu un objet JSON de code « usage »"
fi

# ------------------------------------------------------ entree-sortie (F_IO)
run build absent.lgc
expect "entree-sortie : modèle introuvable, code 2" 2 "lgc: erreur: absent.lgc : "

run check contrat.lgc -d absent.json
expect "entree-sortie : données introuvables, code 2" 2 "lgc: erreur: absent.json : "

mkdir -p dossier.lgc
run check dossier.lgc
expect "entree-sortie : le modèle est un dossier, code 2" 2 "lgc: erreur: dossier.lgc : "

run build contrat.lgc -o absent/sortie.html
expect "entree-sortie : dossier de sortie inexistant, code 2" 2 "absent/sortie.html : "

run build --format-diagnostics json absent.lgc
if [ "$rc" -eq 2 ] && grep -q '"gravite":"fatale","code":"entree-sortie"' err; then
	ok "entree-sortie : code stable en JSON"
else
	ko "entree-sortie : code stable en JSON" "code $rc"
fi

# --------------------------------------------- fichier-trop-gros (E_FILE_TOO_BIG)
{
	echo 'modele "Contrat de prestation"'
	echo '---'
	awk 'BEGIN { for (i = 0; i < 70000; i++)
	    print "Le Prestataire exécute les prestations avec soin et diligence." }'
} > gros.lgc
run check gros.lgc
expect "fichier-trop-gros : modèle de plus de 4 Mio" 1 "gros.lgc: erreur: fichier trop volumineux ("
run check --format-diagnostics json gros.lgc
if grep -q '"code":"fichier-trop-gros"' err; then ok "fichier-trop-gros : code stable"
else ko "fichier-trop-gros : code stable"; fi
# With data, nothing is evaluated from a template that was never read
# (this crashed once).
echo '{}' > vide.json
run check gros.lgc -d vide.json
expect "fichier-trop-gros : avec des données, l'erreur seule, code 1" 1 "gros.lgc: erreur: fichier trop volumineux ("

# ------------------------------------------- ligne-trop-longue (E_LINE_TOO_LONG)
{
	echo 'modele "Contrat de prestation"'
	echo '---'
	awk 'BEGIN { s = "Le Prestataire"; for (i = 0; i < 8000; i++) s = s " exécute"; print s "." }'
} > longue.lgc
run check longue.lgc
expect "ligne-trop-longue : ligne de plus de 64 Kio" 1 "longue.lgc:3:1: erreur: ligne trop longue ("
run check --format-diagnostics json longue.lgc
if grep -q '"code":"ligne-trop-longue"' err; then ok "ligne-trop-longue : code stable"
else ko "ligne-trop-longue : code stable"; fi
# The excerpt of a 64 Kio line should not flood the terminal.
if [ "$(wc -c < err)" -lt 4096 ]; then ok "ligne-trop-longue : extrait de ligne raccourci"
else ko "ligne-trop-longue : extrait de ligne raccourci" "$(wc -c < err) octets de diagnostic"; fi

# ------------------------------- donnees-trop-volumineuses (F_DATA_TOO_BIG)
awk 'BEGIN { printf "{\"duree_mois\": 12, \"notes\": ["
    for (i = 0; i < 600000; i++) printf "%s\"Note de négociation numéro %d\"", (i ? ", " : ""), i
    print "]}" }' > gros.json
run check contrat.lgc -d gros.json
expect "donnees-trop-volumineuses : données de plus de 16 Mio, code 2" 2 "gros.json: erreur: fichier de données trop volumineux ("
run check --format-diagnostics json contrat.lgc -d gros.json
if grep -q '"code":"donnees-trop-volumineuses"' err; then ok "donnees-trop-volumineuses : code stable"
else ko "donnees-trop-volumineuses : code stable"; fi

# --------------------------------- inclusion-introuvable (E_INCLUDE_NOT_FOUND)
# Its note lists the search path, which holds the checkout's stdlib folder.
cat > inclusion.lgc <<'EOF'
modele "Contrat de prestation"
---
# Objet

Le présent contrat a pour objet la réalisation d'un audit.

{inclure "clauses/confidentialte"}
EOF
run check inclusion.lgc
expect "inclusion-introuvable : clause absente" 1 "inclusion.lgc:7:10: erreur: fichier « clauses/confidentialte » introuvable"
if grep -qF "note: cherché dans ., $LGC_PATH" err; then
	ok "inclusion-introuvable : la note donne les dossiers cherchés"
else
	ko "inclusion-introuvable : la note donne les dossiers cherchés"
fi
run check -I "$d/dossier.lgc" inclusion.lgc
if grep -qF "note: cherché dans ., $d/dossier.lgc, $LGC_PATH" err; then
	ok "inclusion-introuvable : -I avant LGC_PATH dans la note"
else
	ko "inclusion-introuvable : -I avant LGC_PATH dans la note"
fi
run check --format-diagnostics json inclusion.lgc
if grep -q '"code":"inclusion-introuvable"' err; then ok "inclusion-introuvable : code stable"
else ko "inclusion-introuvable : code stable"; fi

# ------------------------------------------------ -Werror and exit statuses
printf '{"duree_mois": 12, "remise": 5}\n' > inconnue.json
run check contrat.lgc -d inconnue.json
expect "avertissement seul : code 0" 0 "inconnue.json:1:20: avertissement: clé inconnue « remise » ignorée"
run build contrat.lgc -d inconnue.json -Werror -o werror.html
expect "-Werror : un avertissement fait échouer la construction" 1 "[-Werror=cle-inconnue]"
[ -e werror.html ] && ko "-Werror : rien n'est écrit" || ok "-Werror : rien n'est écrit"

# ---------------------------------------------------------- rendu (F_RENDER)
# The LaTeX backend refuses a replacement preamble holding a NUL byte.
if "$LGC" build contrat.lgc -f latex > /dev/null 2>&1; then
	printf '\\documentclass{article}\000\n' > preambule.tex
	run build --format-diagnostics json contrat.lgc -f latex --preambule preambule.tex
	if [ "$rc" -eq 2 ] && grep -q '"gravite":"fatale","code":"rendu"' err; then
		ok "rendu : préambule LaTeX contenant un octet nul, code 2"
	else
		ko "rendu : préambule LaTeX contenant un octet nul, code 2" "code $rc"
	fi
else
	echo "sauté rendu (F_RENDER) : pas de rendu LaTeX dans ce lgc"
fi

# ------------------------------------------- notes: trop-de-diagnostics
# 150 unknown names: the first 100 errors are shown, then one note.
{
	printf 'modele "Trop"\n---\n'
	i=0
	while [ $i -lt 150 ]; do printf 'Nom {inconnu_%d}.\n\n' $i; i=$((i + 1)); done
} > trop.lgc
run check trop.lgc
expect "trop-de-diagnostics : 100 erreurs, puis la note, code 1" 1 "lgc: note: trop de diagnostics ; les suivants ne sont pas affichés"
n=$(grep -c ': erreur: ' err)
[ "$n" -eq 100 ] && ok "trop-de-diagnostics : exactement 100 erreurs affichées" ||
    ko "trop-de-diagnostics : exactement 100 erreurs affichées" "$n affichées"
run check --format-diagnostics json trop.lgc
if [ "$rc" -eq 1 ] && tail -1 err | grep -q '"gravite":"note","code":"trop-de-diagnostics"'; then
	ok "trop-de-diagnostics : la note en JSON aussi"
else
	ko "trop-de-diagnostics : la note en JSON aussi" "code $rc"
fi

# ------------------- JSON for every message: I/O and usage errors included
# Each line of standard error must be one JSON object (node checks them
# all when it is here; otherwise each line must at least be braced).
all_json() {
	if command -v node > /dev/null 2>&1; then
		node -e '
const t = require("fs").readFileSync(process.argv[1], "utf8");
const lines = t.split("\n").filter((l) => l !== "");
if (lines.length === 0) throw new Error("aucun diagnostic");
for (const l of lines) { const o = JSON.parse(l); if (!o.code || !o.gravite) throw new Error(l); }
' err.raw 2>> err
	else
		[ -s err.raw ] && ! grep -qv '^{.*}$' err.raw
	fi
}
mkdir -p ro && touch ro/fichier
run build --format-diagnostics json contrat.lgc -o ro/fichier/x.html
if [ "$rc" -eq 2 ] && all_json && grep -q '"code":"entree-sortie"' err; then
	ok "json : sortie impossible à écrire, un objet JSON (entree-sortie)"
else
	ko "json : sortie impossible à écrire, un objet JSON (entree-sortie)" "code $rc"
fi
run check --format-diagnostics=json contrat.lgc -d absent.json
if [ "$rc" -eq 2 ] && all_json && grep -q '"code":"entree-sortie"' err; then
	ok "json : données introuvables, un objet JSON (entree-sortie)"
else
	ko "json : données introuvables, un objet JSON (entree-sortie)" "code $rc"
fi
run build --format-diagnostics json contrat.lgc --bavard
if [ "$rc" -eq 2 ] && all_json && grep -q '"code":"usage"' err; then
	ok "json : option inconnue, un objet JSON (usage)"
else
	ko "json : option inconnue, un objet JSON (usage)" "code $rc"
fi
printf '{"duree_mois": 12}\n{"duree_mois": 99}\n' > lot.jsonl
run build --format-diagnostics json contrat.lgc --lot lot.jsonl --sortie lot
if [ "$rc" -eq 1 ] && all_json && grep -q '"gravite":"note","code":"lot"' err &&
    grep -q '"code":"donnee-hors-bornes"' err; then
	ok "json : un lot, ses erreurs et son bilan en objets JSON"
else
	ko "json : un lot, ses erreurs et son bilan en objets JSON" "code $rc"
fi

# ------------------------------------------------ issue 13: command line
# The command comes first: an option in its place is an unknown option.
run --bavard
expect "une option avant la commande : option inconnue" 2 "option inconnue « --bavard »"
# Help for each command, two ways.
for c in build check formulaire schema lint tree; do
	run "$c" --help
	if [ "$rc" -eq 0 ] && grep -q "^usage : lgc $c" out; then
		ok "aide : lgc $c --help"
	else
		ko "aide : lgc $c --help" "code $rc"
	fi
	run help "$c"
	if [ "$rc" -eq 0 ] && grep -q "^usage : lgc $c" out; then
		ok "aide : lgc help $c"
	else
		ko "aide : lgc help $c" "code $rc"
	fi
done
run help facturer
expect "aide : lgc help d'une commande inconnue" 2 "aucune commande de ce nom"

# Standard input and output: « - ».
"$LGC" build - -o - < contrat.lgc > out 2> err
[ $? -eq 0 ] && grep -q "12.*mois" out && ok "entrée standard : le modèle « - »" ||
    ko "entrée standard : le modèle « - »"
echo '{"duree_mois": 7}' | "$LGC" build contrat.lgc -d - > out 2> err
[ $? -eq 0 ] && grep -q "7.*mois" out && ok "entrée standard : les données « -d - »" ||
    ko "entrée standard : les données « -d - »"
echo '{"duree_mois": 99}' | "$LGC" check contrat.lgc -d - > out 2> err.raw
rc=$?
sed 's/\xc2\xa0/ /g' err.raw > err
[ $rc -eq 1 ] && grep -q "^<entrée standard>:1:16: erreur" err &&
    ok "entrée standard : nommée dans les diagnostics" ||
    ko "entrée standard : nommée dans les diagnostics"
run build contrat.lgc --lot - --sortie lot-tube
expect "entrée standard : pas pour --lot, lu deux fois" 2 "pas un tube"
run build - -d -
expect "entrée standard : pas pour le modèle et les données à la fois" 2 "ne peut servir qu'une fois"

# A PDF is not written to a terminal (script(1) gives lgc one).
if command -v script > /dev/null 2>&1 &&
    script -qec true /dev/null > /dev/null 2>&1; then
	script -qec "'$LGC' build contrat.lgc -f pdf; echo rc=\$?" /dev/null \
	    > tty.out 2>&1
	if grep -q "rc=2" tty.out && grep -q "binaire" tty.out &&
	    ! grep -q "%PDF" tty.out; then
		ok "terminal : un PDF n'y est pas écrit"
	else
		ko "terminal : un PDF n'y est pas écrit" "$(head -3 tty.out)"
	fi
	script -qec "'$LGC' build contrat.lgc -f html | head -1; echo rc=\$?" \
	    /dev/null > tty.out 2>&1
	grep -q "<!DOCTYPE html>" tty.out && ok "terminal : le HTML y est écrit" ||
	    ko "terminal : le HTML y est écrit" "$(head -3 tty.out)"
	# Progress bar on a terminal: erased before each diagnostic.
	: > barre.jsonl
	i=0
	while [ $i -lt 60 ]; do
		if [ $i -eq 30 ]; then echo '{"duree_mois": 99}' >> barre.jsonl
		else echo '{"duree_mois": 12}' >> barre.jsonl; fi
		i=$((i + 1))
	done
	script -qec "'$LGC' build contrat.lgc --lot barre.jsonl --sortie barre -j 1 --couleur=jamais" \
	    /dev/null > tty.out 2>&1
	if grep -q "$(printf '\r\033\\[K')barre.jsonl:31:16: erreur" tty.out &&
	    grep -q '31/60' tty.out; then
		ok "lot : la barre de progression est effacée avant un diagnostic"
	else
		ko "lot : la barre de progression est effacée avant un diagnostic" \
		    "$(od -c tty.out | head -5)"
	fi
else
	echo "sauté terminal : script(1) absent"
fi
"$LGC" build contrat.lgc -f pdf > sortie.pdf 2> err
[ $? -eq 0 ] && head -c 5 sortie.pdf | grep -q "%PDF" &&
    ok "terminal : un PDF redirigé est écrit" || ko "terminal : un PDF redirigé est écrit"

# -j defaults to the cores online.
run build --help
grep -q "^  -j N .*défaut : un par cœur" out && ok "aide : -j vaut par défaut un par cœur" ||
    ko "aide : -j vaut par défaut un par cœur"

# --lot: -o is one file, --sortie the folder.
printf '{"duree_mois": 12}\n{"duree_mois": 6}\n' > deux.jsonl
run build contrat.lgc --lot deux.jsonl --sortie lot-o -o x.pdf
if [ "$rc" -eq 2 ] && grep -qF -- "-o nomme un seul fichier" err &&
    [ ! -e x.pdf ] && [ ! -e lot-o ]; then
	ok "lot : -o avec --lot est une erreur d'utilisation"
else
	ko "lot : -o avec --lot est une erreur d'utilisation" "code $rc"
fi
run build contrat.lgc --sortie un.html -o deux.html
expect "-o et --sortie différents : erreur d'utilisation" 2 "deux fichiers de sortie"
# A record's JSON error is located in the JSONL file itself.
printf '{"duree_mois": 12}\n\n{"duree_mois": x}\n' > mauvais.jsonl
run build contrat.lgc --lot mauvais.jsonl --sortie lot-m -j 1
expect "lot : une erreur JSON située ligne:colonne du JSONL" 1 "mauvais.jsonl:3:16: erreur"
if grep -q "mauvais.jsonl:3:1:" err; then
	ko "lot : plus de « fichier:ligne:1:colonne »"
else
	ok "lot : plus de « fichier:ligne:1:colonne »"
fi
grep -qF " 3 | {" err && ok "lot : l'extrait porte le numéro de ligne du JSONL" ||
    ko "lot : l'extrait porte le numéro de ligne du JSONL"
run build --format-diagnostics json contrat.lgc --lot mauvais.jsonl --sortie lot-m -j 1
if grep -q '"fichier":"mauvais.jsonl","ligne":3,"colonne":16,.*"enregistrement":3' err &&
    grep -q '"lot":{"dossier":"lot-m","enregistrements":2,"ecrits":1,"en_erreur":1,"echecs":\[{"fichier":"mauvais.jsonl","enregistrement":3}\]}' err &&
    all_json; then
	ok "json : enregistrement à part, bilan du lot en objet JSON"
else
	ko "json : enregistrement à part, bilan du lot en objet JSON"
fi
# A folder of JSON files: each contract named after its file.
mkdir -p clients
echo '{"duree_mois": 12}' > clients/martin.json
echo '{"duree_mois": 6}' > clients/leroy.json
run build contrat.lgc --lot clients --sortie lot-d
if [ "$rc" -eq 0 ] && [ -f lot-d/martin.html ] && [ -f lot-d/leroy.html ]; then
	ok "lot : un dossier, chaque contrat au nom de son fichier"
else
	ko "lot : un dossier, chaque contrat au nom de son fichier" "$(ls lot-d)"
fi
# --nom: the same name twice is said, and kept apart.
printf '{"duree_mois": 12, "ref": "Société Dupont"}\n{"duree_mois": 6, "ref": "SOCIÉTÉ  DUPONT"}\n' > noms.jsonl
run build contrat.lgc --lot noms.jsonl --sortie lot-n --nom ref
if grep -q "avertissement: noms.jsonl:2 : le nom « societe-dupont »" err &&
    [ -f lot-n/societe-dupont.html ] && [ -f lot-n/societe-dupont-2.html ]; then
	ok "lot : --nom en double averti (lot-nom-en-double)"
else
	ko "lot : --nom en double averti (lot-nom-en-double)"
fi

# Options that do nothing for the format, folders that do not exist.
run build contrat.lgc -f pdf --fragment -o frag.pdf
expect "--fragment avec pdf : option-sans-effet" 0 "--fragment ne sert qu'au format html, latex : sans effet sur le format pdf"
run check contrat.lgc -I nulle-part
expect "-I absent : dossier-introuvable" 0 "-I nulle-part : dossier introuvable"

# A fatal I/O error names its file in JSON.
run build --format-diagnostics json contrat.lgc -d absent.json
if grep -q '"fichier":"absent.json","gravite":"fatale","code":"entree-sortie"' err; then
	ok "json : une erreur d'entrée-sortie nomme son fichier"
else
	ko "json : une erreur d'entrée-sortie nomme son fichier"
fi

# importer of a missing file lists where it was looked for, as {inclure}.
printf 'importer "types-absents"\n---\nTexte.\n' > importe.lgc
run check importe.lgc -I clients
expect "importer introuvable : les dossiers cherchés" 1 "note: cherché dans ., clients"
