#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Hostile inputs: each must end with a diagnostic and exit status 1 or 2
# (or succeed, for a big valid one), never a crash (sanitizer report, status 98 or more, signal) nor a hang
# (20 s at most).  Big inputs are generated here, in $TMP, never
# committed.  Prints "ok DESCRIPTION" or "ÉCHEC DESCRIPTION" per check.
# Environment (set by tests/run.sh): LGC (sanitizer binary), TOP, TMP.
set -u

LGC=${LGC:-$TOP/build/san/lgc}
TMP=${TMP:-$(mktemp -d)}
LGC_PATH=${LGC_PATH:-$TOP/stdlib}
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=98}
LC_ALL=C.UTF-8
export LGC_PATH ASAN_OPTIONS UBSAN_OPTIONS LC_ALL

d=$TMP/robustness
rm -rf "$d"
mkdir -p "$d"
cd "$d" || exit 1

# check DESC WANT ARGS…: runs lgc; WANT is the exit status expected, or
# several as "1|2".  A failed run must print at least one « erreur »;
# no run may print a sanitizer report.
check() {
	desc=$1 want=$2
	shift 2
	timeout 20 "$LGC" "$@" > out 2> err
	rc=$?
	why=""
	if [ "$rc" -eq 124 ]; then
		why="plus de 20 s (boucle infinie ou temps quadratique ?)"
	elif [ "$rc" -ge 98 ]; then
		why="code de sortie $rc (plantage ou rapport des sanitizers)"
	elif grep -q 'Sanitizer\|runtime error:' err; then
		why="rapport des sanitizers"
	elif ! printf '%s\n' "$want" | tr '|' '\n' | grep -qx "$rc"; then
		why="code de sortie $rc, attendu $want"
	elif [ "$rc" -ne 0 ] && ! grep -q 'erreur' err; then
		why="aucun diagnostic d'erreur"
	fi
	if [ -z "$why" ]; then
		echo "ok $desc"
	else
		echo "ÉCHEC $desc"
		echo "    $why"
		grep -m 3 'ERROR\|erreur\|runtime error\|#[0-2] ' err | cut -c1-160 |
		    sed 's/^/    | /'
	fi
}

# ------------------------------------------------------------- encoding
printf 'modele "Contrat de prestation"\n---\n# Objet\n\nLe pr\351sent contrat a pour objet la r\351alisation d\047un audit.\n' > latin1.lgc
check "UTF-8 invalide (modèle en Latin-1)" 1 check latin1.lgc

printf 'modele "Contrat de prestation"\n---\n# Objet\n\nLe contrat\000 a pour objet un audit.\n\000\000\000\n' > nul.lgc
check "octets nuls dans le modèle" 1 check nul.lgc

printf '{"duree_mois": 12, "objet": "audit\377"}\n' > latin1.json
printf 'entree duree_mois : entier\nentree objet : texte\n---\n{objet}, {duree_mois} mois.\n' > donnees.lgc
check "UTF-8 invalide dans les données JSON" 1 build donnees.lgc -d latin1.json

# ---------------------------------------------------------------- sizes
{
	echo 'modele "Contrat de prestation"'
	echo '---'
	awk 'BEGIN { for (i = 0; i < 140000; i++)
	    print "Le Prestataire exécute les prestations avec soin et diligence." }'
} > gros.lgc
check "modèle de 10 Mo" 1 build gros.lgc

{
	echo 'modele "Contrat de prestation"'
	echo '---'
	awk 'BEGIN { s = "x"; while (length(s) < 1048576) s = s s; print "Texte " s }'
} > ligne.lgc
check "ligne de 1 Mo" 1 build ligne.lgc

# Big but valid: a list of 20,000 items once took 34 s here (each item
# grew the list by one, and the sanitizer's realloc always copies).
{
	echo 'modele "Contrat de prestation"'
	echo '---'
	echo '# Annexe'
	echo
	awk 'BEGIN { for (i = 1; i <= 20000; i++)
	    printf "%d. Prospect qualifié numéro %d.\n", i, i }'
} > liste.lgc
check "liste numérotée de 20 000 éléments (valide)" 0 build liste.lgc -o liste.html

# --------------------------------------------------------------- nesting
awk 'BEGIN { print "entree g : booleen"; print "---"
    for (i = 0; i < 10000; i++) print "{si g}"
    print "Texte."
    for (i = 0; i < 10000; i++) print "{fin}" }' > si.lgc
check "10 000 {si} imbriqués" 1 build si.lgc -D g=vrai

awk 'BEGIN { print "entree g : booleen"; print "---"
    for (i = 0; i < 10000; i++) printf "{si g}"
    printf "Texte."
    for (i = 0; i < 10000; i++) printf "{fin}"
    print "" }' > si-ligne.lgc
check "10 000 {si} imbriqués sur une ligne" 1 build si-ligne.lgc -D g=vrai

# One term a line: a tag may span lines, so only the expression depth
# limits it, not the line length.
awk 'BEGIN { print "---"; print "{1"; for (i = 0; i < 100000; i++) print "+ 1"; print "}" }' > somme.lgc
check "expression de 100 000 termes (un par ligne)" 1 build somme.lgc

awk 'BEGIN { printf "---\n{1"; for (i = 0; i < 100000; i++) printf " + 1"; print "}" }' > somme-ligne.lgc
check "expression de 100 000 termes (sur une ligne)" 1 build somme-ligne.lgc

awk 'BEGIN { printf "---\n{"; for (i = 0; i < 10000; i++) printf "("
    printf "1"; for (i = 0; i < 10000; i++) printf ")"; print "}" }' > parentheses.lgc
check "10 000 parenthèses imbriquées" 1 build parentheses.lgc

awk 'BEGIN { print "entree client : partie"; print "---"; print "{client"
    for (i = 0; i < 100000; i++) print ".nom"; print "}" }' > champs.lgc
check "100 000 accès de champ enchaînés" 1 check champs.lgc

awk 'BEGIN { print "entree nom : texte"; print "---"; print "{nom"
    for (i = 0; i < 100000; i++) print "| majuscules"; print "}" }' > filtres.lgc
check "100 000 filtres enchaînés" 1 check filtres.lgc

awk 'BEGIN { print "entree g : booleen"; print "---"; print "{si g"
    for (i = 0; i < 100000; i++) print "et g"; print "}Texte.{fin}" }' > et.lgc
check "condition de 100 000 « et »" 1 check et.lgc

awk 'BEGIN { print "entree g : booleen"; print "---"; print "{si"
    for (i = 0; i < 100000; i++) print "non"; print "g}Texte.{fin}" }' > non.lgc
check "100 000 « non » imbriqués" 1 check non.lgc

awk 'BEGIN { print "entree x0 : entier"
    for (i = 1; i <= 20000; i++) printf "soit x%d = x%d + 1\n", i, i - 1
    print "---"; print "{x20000}" }' > soit.lgc
# Either computed (20 001) or refused by a depth limit.
check "chaîne de 20 000 valeurs calculées" "0|1" build soit.lgc -D x0=1

awk 'BEGIN { print "entree c0 : booleen"
    for (i = 1; i <= 2000; i++) printf "entree c%d : booleen si c%d\n", i, i - 1
    print "---"; print "{si c2000 existe}Texte.{fin}"; print "{c2000}" }' > conditions.lgc
check "chaîne de 2 000 entrées conditionnelles" 1 check conditions.lgc

# ------------------------------------------------------------- inclusion
printf 'modele "Contrat de prestation"\n---\n# Objet\n\n{inclure "soi"}\n' > soi.lgc
check "inclusion de soi-même" 1 check soi.lgc

printf -- '---\n{inclure "b"}\n' > a.lgc
printf -- '---\n{inclure "a"}\n' > b.lgc
check "inclusion circulaire entre deux clauses" 1 check a.lgc

# ------------------------------------------------------------------ data
printf 'entree duree_mois : entier\n---\nDurée : {duree_mois} mois.\n' > contrat.lgc
printf '[{"duree_mois": 12}]\n' > tableau.json
check "données JSON : un tableau" 1 build contrat.lgc -d tableau.json

awk 'BEGIN { printf "{\"duree_mois\": 12, \"annexe\": "
    for (i = 0; i < 200; i++) printf "{\"a\": "
    printf "1"; for (i = 0; i < 200; i++) printf "}"; print "}" }' > profond.json
check "données JSON sur 200 niveaux" 1 build contrat.lgc -d profond.json

awk 'BEGIN { for (i = 0; i < 200; i++) printf "["
    for (i = 0; i < 200; i++) printf "]"; print "" }' > profond-tableau.json
check "données JSON : 200 tableaux imbriqués" 1 build contrat.lgc -d profond-tableau.json

printf '{"duree_mois": 12,}\n' > virgule.json
check "données JSON invalides (virgule en trop)" 1 build contrat.lgc -d virgule.json

printf '{"duree_mois": 12' > tronque.json
check "données JSON tronquées" 1 build contrat.lgc -d tronque.json

: > vide.json
check "données JSON vides" 1 build contrat.lgc -d vide.json

printf '{"duree_mois": 1e400}\n' > nombre.json
check "données JSON : nombre hors de toute limite" 1 build contrat.lgc -d nombre.json

check "-D avec 5 000 crochets imbriqués" 1 build contrat.lgc \
    -D "duree_mois=$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "["; for (i = 0; i < 5000; i++) printf "]" }')"

# ----------------------------------------- output untouched after failure
printf '<p>Version précédente du contrat.</p>\n' > existant.html
touch -t 202001010000 existant.html
before=$(cksum < existant.html; stat -c %Y existant.html)
check "construction ratée avec -o vers un fichier existant" 1 \
    build contrat.lgc -d virgule.json -o existant.html
after=$(cksum < existant.html; stat -c %Y existant.html)
if [ "$before" = "$after" ]; then
	echo "ok fichier existant intact après un échec (contenu et date)"
else
	echo "ÉCHEC fichier existant intact après un échec (contenu et date)"
fi
leftover=$(ls | grep -c '^existant\.html\..') || true
if [ "$leftover" -eq 0 ]; then
	echo "ok aucun fichier temporaire laissé après un échec"
else
	echo "ÉCHEC aucun fichier temporaire laissé après un échec"
fi

# ---------------------------------------- what -o names is not replaced
# A link is written through, a FIFO (as /dev/null would be) in place, and
# a replaced file keeps its mode.
printf 'modele "Contrat"\n---\nTexte du contrat.\n' > simple.lgc
printf 'ancien\n' > cible.html
ln -sf cible.html lien.html
check "-o vers un lien symbolique" 0 build simple.lgc -o lien.html
if [ -L lien.html ] && grep -q 'Texte du contrat' cible.html; then
	echo "ok -o vers un lien : le lien reste, sa cible est écrite"
else
	echo "ÉCHEC -o vers un lien : le lien reste, sa cible est écrite"
fi
chmod 600 cible.html
"$LGC" build simple.lgc -o cible.html > /dev/null 2>&1
if [ "$(stat -c %a cible.html)" = 600 ]; then
	echo "ok -o remplace un fichier en gardant ses droits (600)"
else
	echo "ÉCHEC -o remplace un fichier en gardant ses droits (600)"
fi
rm -f tube.html tube.out
if mkfifo tube.html 2> /dev/null; then
	timeout 20 cat tube.html > tube.out &
	reader=$!
	check "-o vers un tube nommé" 0 build simple.lgc -f html -o tube.html
	wait "$reader"
	if [ -p tube.html ] && grep -q 'Texte du contrat' tube.out; then
		echo "ok -o vers un tube nommé : écrit dans le tube, qui reste"
	else
		echo "ÉCHEC -o vers un tube nommé : écrit dans le tube, qui reste"
	fi
fi

# --------------------------------------------------------- random bytes
# Deterministic: awk's generator with fixed seeds.
for seed in 1 7 42 1234 2026; do
	LC_ALL=C awk -v seed="$seed" 'BEGIN { srand(seed)
	    for (i = 0; i < 65536; i++) printf "%c", int(rand() * 255) + 1 }' > aleatoire.lgc
	check "octets aléatoires (graine $seed)" 1 build aleatoire.lgc
done

# Random printable code and prose: goes past the encoding checks into the
# scanner and the parser.
for seed in 3 5 8 13 21; do
	LC_ALL=C awk -v seed="$seed" 'BEGIN { srand(seed)
	    n = split("{ } { } {si {sinon} {fin} {selon {cas {autre} {pour chaque x dans} {inclure {signatures {ref {numero {#a} {-} {-- --} # ## - 1. * ** \\\\ --- ( ) | + - * / = < > et ou non existe \" , . : 12 3,5 € % mois entree soit exiger type avec x y", w, " ")
	    print "entree x : entier"; print "entree y : texte"; print "---"
	    for (i = 0; i < 20000; i++) {
	        printf "%s", w[int(rand() * n) + 1]
	        r = rand(); printf "%s", r < 0.1 ? "\n" : r < 0.6 ? " " : "" } }' > jetons.lgc
	check "jetons aléatoires (graine $seed)" "1|2" build jetons.lgc -D x=1 -D y=a
done
