#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Client data from JSONTestSuite (tests/jsontestsuite/README.md): every
# invalid file refused with a French diagnostic, every valid object
# accepted (but for the refusals tests/jsontestsuite/README.md lists),
# nothing crashes.  One line per case: "ok …" or "ÉCHEC …".
# Environment (set by tests/run.sh): LGC (sanitizer binary), TOP, TMP.
set -u

LGC=${LGC:-$TOP/build/san/lgc}
TMP=${TMP:-$(mktemp -d)}
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=98}
LC_ALL=C.UTF-8
export ASAN_OPTIONS UBSAN_OPTIONS LC_ALL

d=$TMP/jsontestsuite
rm -rf "$d"
mkdir -p "$d"
printf 'modele "Données"\nentree hors_des_cas : texte optionnel\n---\n{si hors_des_cas existe}{hors_des_cas}{fin}\n' \
    > "$d/t.lgc"

# Words of jansson's own messages: none may reach the user.
english='expected\|unexpected\|invalid\|not supported\|end of file\|too big'
english="$english"'\|control character\|premature\|unable\|overflow\|string'

for f in "$TOP"/tests/jsontestsuite/test_parsing/*.json; do
	name=${f##*/}
	timeout 20 "$LGC" build "$d/t.lgc" -d "$f" -f html \
	    > "$d/out" 2> "$d/err"
	rc=$?
	why=""
	if [ "$rc" -eq 124 ]; then
		why="plus de 20 s"
	elif [ "$rc" -ge 2 ]; then
		why="code de sortie $rc (plantage, rapport des sanitizers ou erreur d'usage)"
	elif grep -a -q 'Sanitizer\|runtime error:' "$d/err"; then
		why="rapport des sanitizers"
	elif grep -a -o 'erreur: .*' "$d/err" | sed 's/«[^»]*»//g' |
	    grep -q -i -w "$english"; then
		why="message en anglais"
	else
		case $name in
		n_*)
			if [ "$rc" -ne 1 ]; then
				why="JSON invalide accepté"
			elif ! grep -a -q 'erreur' "$d/err"; then
				why="refusé sans diagnostic d'erreur"
			fi ;;
		y_*)
			if [ "$rc" -ne 0 ] &&
			    ! grep -a -q 'doivent être un objet\|niveaux\|clé en double\|caractère nul' "$d/err"; then
				why="JSON valide refusé"
			fi ;;
		esac
	fi
	if [ -z "$why" ]; then
		echo "ok JSONTestSuite $name"
	else
		echo "ÉCHEC JSONTestSuite $name"
		echo "    $why"
		grep -a -m 2 'erreur\|ERROR\|runtime error' "$d/err" | cut -c1-160 |
		    sed 's/^/    | /'
	fi
done
