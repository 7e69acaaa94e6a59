# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The clause library and the examples: every file checks and lints clean
# (no warning at all), and every example builds with each of its data
# files without a warning.
set -u
export LGC_PATH="$TOP/stdlib"
for f in "$TOP"/stdlib/*.lgc; do
	n=${f#"$TOP"/}
	"$LGC" check -Werror "$f" > /dev/null 2> "$TMP/lib.err"
	if [ $? -eq 0 ]; then echo "ok bibliothèque : $n se vérifie sans avertissement"
	else echo "ÉCHEC bibliothèque : $n"; sed 's/^/    /' "$TMP/lib.err" | head -10; fi
	"$LGC" lint -Werror "$f" > /dev/null 2> "$TMP/lib.err"
	if [ $? -eq 0 ]; then echo "ok bibliothèque : $n passe le linter"
	else echo "ÉCHEC bibliothèque : $n (lint)"; sed 's/^/    /' "$TMP/lib.err" | head -10; fi
done
for t in "$TOP"/examples/*/contrat.lgc; do
	n=${t#"$TOP"/}
	"$LGC" lint -Werror "$t" > /dev/null 2> "$TMP/lib.err"
	if [ $? -eq 0 ]; then echo "ok exemple : $n passe le linter"
	else echo "ÉCHEC exemple : $n (lint)"; sed 's/^/    /' "$TMP/lib.err" | head -10; fi
	for d in "$(dirname "$t")"/donnees/*.json; do
		"$LGC" check -Werror "$t" -d "$d" > /dev/null 2> "$TMP/lib.err"
		if [ $? -eq 0 ]; then echo "ok exemple : $n avec $(basename "$d")"
		else echo "ÉCHEC exemple : $n avec $(basename "$d")"; sed 's/^/    /' "$TMP/lib.err" | head -10; fi
	done
done
# A clause that introduces a list ("les critères suivants :") refuses an
# empty one: the contract would end a sentence on a colon.
ex="$TOP/examples/generation-prospects"
sed 's/"criteres_qualification": \[/"criteres_qualification": [], "ancien": [/' \
    "$ex/donnees/agence-commission.json" > "$TMP/liste-vide.json"
(cd "$ex" && "$LGC" check contrat.lgc -d "$TMP/liste-vide.json") \
    > /dev/null 2> "$TMP/lib.err"
if [ $? -eq 1 ] && grep -q 'critère de qualification' "$TMP/lib.err"; then
	echo "ok bibliothèque : une liste vide de critères est refusée"
else
	echo "ÉCHEC bibliothèque : une liste vide de critères est refusée"
	sed 's/^/    /' "$TMP/lib.err" | head -10
fi
# A price per qualified lead needs the price.
printf 'importer "types"\n---\n{inclure "remuneration" avec mode = par_prospect}\n' \
    > "$TMP/sans-prix.lgc"
"$LGC" build "$TMP/sans-prix.lgc" > /dev/null 2> "$TMP/lib.err"
if [ $? -eq 1 ] && grep -q "au prospect qualifié suppose le prix" "$TMP/lib.err"; then
	echo "ok bibliothèque : une rémunération au prospect qualifié sans prix est refusée"
else
	echo "ÉCHEC bibliothèque : une rémunération au prospect qualifié sans prix est refusée"
	sed 's/^/    /' "$TMP/lib.err" | head -10
fi
# The catalogue docs/stdlib.md is what docs/generer-stdlib.py makes of the
# clause files today (make docs/stdlib.md rewrites it).
if command -v python3 > /dev/null 2>&1; then
	python3 "$TOP/docs/generer-stdlib.py" "$LGC" "$TOP/stdlib" \
	    > "$TMP/stdlib.md" 2> "$TMP/lib.err" &&
	    diff -u "$TOP/docs/stdlib.md" "$TMP/stdlib.md" >> "$TMP/lib.err" 2>&1
	if [ $? -eq 0 ]; then
		echo "ok bibliothèque : docs/stdlib.md est à jour (make docs/stdlib.md)"
	else
		echo "ÉCHEC bibliothèque : docs/stdlib.md n'est pas à jour : make docs/stdlib.md"
		sed 's/^/    /' "$TMP/lib.err" | head -20
	fi
	grep -q '^| `prix_prospect` | `montant` |' "$TOP/docs/stdlib.md"
	if [ $? -eq 0 ]; then
		echo "ok bibliothèque : le catalogue donne les paramètres (prix_prospect)"
	else
		echo "ÉCHEC bibliothèque : le catalogue donne les paramètres (prix_prospect)"
	fi
else
	echo "sauté bibliothèque : docs/stdlib.md (python3 absent)"
fi
