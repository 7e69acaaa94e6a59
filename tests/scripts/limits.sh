#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# What one contract may cost (docs/langage.md, § 18): the blow-ups of
# issue 14 (a text doubled by each « soit », two loops nested over a
# list of 2,000 items) stop at their limit, quickly and in bounded
# memory, with the diagnostic naming the limit, and nothing written (as
# do loops that print nothing but turn 27 million times); a
# contract of 500 pages passes the default limits; --limite is checked.
# Memory is bounded with « ulimit -v », under which the sanitizer build
# cannot start (its shadow memory reserves terabytes of address space):
# those runs use the release ./lgc, which make check builds first.
# Environment (set by tests/run.sh): LGC (sanitizer binary), TOP, TMP.
set -u

LGC=${LGC:-$TOP/build/san/lgc}
RELEASE=$TOP/lgc
TMP=${TMP:-$(mktemp -d)}
LGC_PATH=${LGC_PATH:-$TOP/stdlib}
LC_ALL=C.UTF-8
export LGC_PATH LC_ALL

d=$TMP/limits
rm -rf "$d"
mkdir -p "$d"
cd "$d" || exit 1

# Address space for the release runs: 1 GB, where the issue saw 3.7 GB
# and 4 GB spent before any message.
MEMORY_KB=1000000

ok() { echo "ok $1"; }
failed() {
	echo "ÉCHEC $1"
	echo "    $2"
	head -5 err 2> /dev/null | cut -c1-160 | sed 's/^/    | /'
}

# bounded DESC PATTERN ARGS…: the release lgc under the memory bound
# and 60 s must exit 1 with PATTERN in its diagnostics, and leave the
# output « out.html », written before it, as it was.
bounded() {
	desc=$1 pattern=$2
	shift 2
	echo "contrat précédent" > out.html
	start=$(date +%s)
	(ulimit -v "$MEMORY_KB" && exec timeout 60 "$RELEASE" "$@" \
	    -o out.html) > out 2> err
	rc=$?
	secs=$(($(date +%s) - start))
	if [ "$rc" -eq 124 ]; then
		failed "$desc" "plus de 60 s"
	elif grep -q 'mémoire épuisée' err; then
		failed "$desc" "mémoire épuisée sous ulimit -v $MEMORY_KB"
	elif [ "$rc" -ne 1 ]; then
		failed "$desc" "code de sortie $rc, attendu 1"
	elif ! grep -q "$pattern" err; then
		failed "$desc" "diagnostic « $pattern » absent"
	elif [ "$(cat out.html)" != "contrat précédent" ] || [ -s out ]; then
		failed "$desc" "une sortie a été écrite"
	else
		ok "$desc ($secs s)"
	fi
}

if [ ! -x "$RELEASE" ]; then
	echo "sauté limites en mémoire bornée ($RELEASE absent : make lgc)"
else
	# The 27 lines of the issue: 8 bytes doubled 23 times would be
	# 64 MiB; the limit « valeur » (16 MiB) stops it at t22.
	{
		echo 'modele "Doublement"'
		echo 'soit t0 = "abcdefgh"'
		i=1
		while [ "$i" -le 23 ]; do
			echo "soit t$i = t$((i - 1)) + t$((i - 1))"
			i=$((i + 1))
		done
		echo '---'
		echo '{t23}'
	} > doublement.lgc
	bounded "un texte doublé par chaque soit s'arrête à la limite valeur" \
	    'doublement.lgc:24:12: erreur: «.t21 + t21.».*(limite ..valeur..)' \
	    build doublement.lgc

	# Two loops over 2,000 items: 4 million repetitions, stopped at the
	# millionth piece, with each loop's item and JSON path.
	awk 'BEGIN { printf "{\"l\": ["
		for (i = 0; i < 2000; i++)
			printf "%s\"élément %d\"", i ? ", " : "", i
		print "]}" }' > l2000.json
	printf '%s\n' 'modele "Boucles"' 'entree l : liste de texte' '---' \
	    '# Annexe' '' '{pour chaque a dans l}' '{pour chaque b dans l}' \
	    '{a} et {b} ;' '{fin}' '{fin}' > boucles.lgc
	bounded "deux boucles imbriquées sur 2 000 éléments s'arrêtent à la limite noeuds" \
	    '(limite ..noeuds..)' build boucles.lgc -d l2000.json
	if grep -q 'boucles.lgc:6:1: note: répété par cette boucle, ici à l.élément .* sur 2.000.*chemin JSON.*l\[' err &&
	    grep -q 'boucles.lgc:7:1: note: répété par cette boucle' err; then
		ok "limite noeuds : chaque boucle, son élément et son chemin JSON"
	else
		failed "limite noeuds : chaque boucle, son élément et son chemin JSON" \
		    "notes absentes"
	fi

	# Three loops over 300 items that print nothing: 27 million turns
	# without a piece of text, stopped by the same limit.
	awk 'BEGIN { printf "{\"l\": ["
		for (i = 0; i < 300; i++)
			printf "%s\"%d\"", i ? ", " : "", i
		print "]}" }' > l300.json
	printf '%s\n' 'modele "Boucles"' 'entree l : liste de texte' '---' \
	    '{pour chaque a dans l}' '{pour chaque b dans l}' \
	    '{pour chaque c dans l}' '{si a = "x"}' 'x' '{fin}' '{fin}' '{fin}' \
	    '{fin}' > tours.lgc
	bounded "trois boucles sur 300 éléments qui n'impriment rien s'arrêtent à la limite noeuds" \
	    'tours.lgc:6:1: erreur: .*(limite ..noeuds..)' build tours.lgc -d l300.json

	# A value just under the limit « valeur » (16 MiB) printed three
	# times passes the limit « texte » (32 MiB) at the third.
	{
		echo 'modele "Texte"'
		echo 'soit t0 = "abcdefgh"'
		i=1
		while [ "$i" -le 21 ]; do
			echo "soit t$i = t$((i - 1)) + t$((i - 1))"
			i=$((i + 1))
		done
		echo '---'
		printf '{t21}\n\n{t21}\n\n{t21}\n'
	} > texte.lgc
	bounded "un texte de 48 Mio s'arrête à la limite texte" \
	    'texte.lgc:29:1: erreur: .*(limite ..texte..)' build texte.lgc

	# A contract of 500 pages (articles of four paragraphs, renvois,
	# emphasis, values and an annex list) passes the default limits.
	awk 'BEGIN {
		n = split("le la les du de des un une prestataire client " \
		    "contrat obligation paiement délai résiliation article " \
		    "partie présent service fourniture livraison garantie " \
		    "montant facture mois jours conformément dispositions " \
		    "accord écrit notification préalable exécution mission", w)
		srand(1)
		print "modele \"Contrat-cadre\""
		print "entree client : partie \"Le client\""
		print "entree prestataire : partie \"Le prestataire\""
		print "entree montant : montant"
		print "entree date_effet : date"
		print "entree sites : liste de texte"
		print "---"
		for (a = 1; a <= 540; a++) {
			printf "# Article numéro %d {#art%d}\n\n", a, a
			for (p = 0; p < 4; p++) {
				for (l = 0; l < 6; l++) {
					s = "Le"
					for (k = 0; k < 16; k++)
						s = s " " w[int(rand() * n) + 1]
					s = s "."
					if (l == 1)
						s = s " {client.nom} s’engage envers " \
						    "{prestataire.nom} pour {montant} " \
						    "dès le {date_effet}."
					if (l == 3 && a > 1)
						s = s " *Voir l’{ref art" a - 1 "}.*"
					print s
				}
				print ""
			}
			if (a % 10 == 0) {
				print "## Liste des sites\n"
				print "{pour chaque s dans sites}"
				print "- {s} : site couvert par le présent contrat."
				print "{fin}\n"
			}
		}
		print "{signatures prestataire, client}"
	}' > c500.lgc
	awk 'BEGIN { printf "{\"client\": {\"nom\": \"Cabinet Leroy\", " \
		"\"adresse\": \"Bordeaux\"}, \"prestataire\": {\"nom\": " \
		"\"LeadMotiv SAS\", \"adresse\": \"Paris\"}, \"montant\": 1500, " \
		"\"date_effet\": \"2026-11-26\", \"sites\": ["
		for (i = 0; i < 40; i++)
			printf "%s\"Site numéro %d, zone industrielle\"", i ? ", " : "", i
		print "]}" }' > c500.json
	(ulimit -v "$MEMORY_KB" && exec timeout 60 "$RELEASE" build c500.lgc \
	    -d c500.json -o c500.pdf) > out 2> err
	rc=$?
	if [ "$rc" -ne 0 ]; then
		failed "un contrat de 500 pages passe les limites par défaut" \
		    "code de sortie $rc"
	elif ! command -v pdfinfo > /dev/null 2>&1; then
		ok "un contrat de 500 pages passe les limites par défaut (pages non comptées : pdfinfo absent)"
	else
		pages=$(pdfinfo c500.pdf 2> /dev/null | awk '/^Pages:/ { print $2 }')
		if [ "${pages:-0}" -ge 500 ]; then
			ok "un contrat de $pages pages passe les limites par défaut"
		else
			failed "un contrat de 500 pages passe les limites par défaut" \
			    "${pages:-?} pages seulement : le contrat généré est trop court"
		fi
	fi
	# … and uses less than a tenth of each: the defaults say so.
	if (ulimit -v "$MEMORY_KB" && exec timeout 60 "$RELEASE" check c500.lgc \
	    -d c500.json --limite noeuds=100000 --limite texte=3200K) > out 2> err; then
		ok "un contrat de 500 pages tient dans un dixième des limites"
	else
		failed "un contrat de 500 pages tient dans un dixième des limites" \
		    "refusé avec --limite noeuds=100000 --limite texte=3200K"
	fi
fi

# --limite itself, with the sanitizer build: a wrong name or size is a
# usage error (2); the suffixes K, M, G are read.
printf 'modele "Essai"\n---\n# Objet\n\nUn contrat.\n' > essai.lgc
for bad in "foo=1" "valeur=0" "valeur=douze" "valeur" "noeuds=3X" \
    "texte=99999999999G"; do
	"$LGC" build essai.lgc --limite "$bad" > out 2> err
	rc=$?
	if [ "$rc" -eq 2 ] && grep -q 'erreur' err && [ ! -s out ]; then
		ok "--limite $bad refusé (usage)"
	else
		failed "--limite $bad refusé (usage)" "code de sortie $rc, attendu 2"
	fi
done
for good in "valeur=64M" "texte=1Mo" "noeuds=2000" "valeur=512Kio" \
    "texte=1G"; do
	if "$LGC" build essai.lgc --limite "$good" > out 2> err &&
	    grep -q 'Un contrat' out; then
		ok "--limite $good accepté"
	else
		failed "--limite $good accepté" "refusé"
	fi
done
# A limit too low for the contract: its diagnostic, exit 1, nothing out.
"$LGC" build essai.lgc --limite noeuds=3 > out 2> err
rc=$?
if [ "$rc" -eq 1 ] && grep -q '(limite ..noeuds..)' err && [ ! -s out ]; then
	ok "--limite noeuds=3 : erreur, rien d'écrit"
else
	failed "--limite noeuds=3 : erreur, rien d'écrit" "code de sortie $rc"
fi
