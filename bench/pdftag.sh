#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# make bench: what the tagged PDF (the structure tree for screen readers,
# on by default) costs, against the same PDF built --sans-balises, on
# the design example and every example contract with each of its data
# files: size, and time of the whole lgc command (its processor time,
# user and system, median: what a loaded machine inflates least) and of
# a rendering through the API in one process (its processor time too:
# there starting the process does not hide the cost).  On a loaded
# machine these times wander by tens of percent from one run to the
# next; so, where valgrind is installed, the instructions one rendering
# executes are counted too (callgrind, the API run twice and once, the
# difference), which do not.  Target of issue 19: under 20 % more time
# and size.
# Not a test: timings depend on the machine and its load.
#   N=30 sh bench/pdftag.sh
# shellcheck disable=SC2046 # the figures of pdfbench, split on purpose
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
LGC=${LGC:-$top/lgc}
BENCH=${BENCH:-$top/build/bench/pdfbench}
N=${N:-30}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C.UTF-8
export LC_ALL

for f in "$LGC" "$BENCH"; do
	if [ ! -x "$f" ]; then
		echo "bench : $f introuvable (make lgc $BENCH)" >&2
		exit 2
	fi
done

pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f", (a - b) * 100 / b }'; }

echo "PDF balisé (par défaut) contre --sans-balises, $N compilations de chaque, charge $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo ?)"
printf '  %-46s %9s %9s %7s   %-24s %-24s\n' contrat "octets" "balisé" "écart" \
    "commande, processeur (ms)" "API, processeur (ms)"
{
	echo "exemple|$top/tests/golden/exemple|exemple.lgc|exemple--forfait.json"
	for t in "$top"/examples/*/contrat.lgc; do
		d=$(dirname "$t")
		for j in "$d"/donnees/*.json; do
			echo "$(basename "$d")--$(basename "$j" .json)|$d|contrat.lgc|donnees/$(basename "$j")"
		done
	done
} > "$tmp/cases"
: > "$tmp/sums"
while IFS='|' read -r name d lgc data; do
	cd "$d" || exit 2
	if ! "$LGC" build "$lgc" -d "$data" -I "$top/stdlib" -o "$tmp/t.pdf" \
	    2> /dev/null || ! "$LGC" build "$lgc" -d "$data" -I "$top/stdlib" \
	    --sans-balises -o "$tmp/u.pdf" 2> /dev/null; then
		echo "bench : $name ne se compile pas" >&2
		exit 1
	fi
	ts=$(wc -c < "$tmp/t.pdf")
	us=$(wc -c < "$tmp/u.pdf")
	# Alternated, so that a change of load weighs on both alike.
	"$BENCH" run 3 "$LGC" build "$lgc" -d "$data" -I "$top/stdlib" \
	    -o "$tmp/w.pdf" > /dev/null
	set -- $("$BENCH" run "$N" "$LGC" build "$lgc" -d "$data" \
	    -I "$top/stdlib" --sans-balises -o "$tmp/u%d.pdf")
	uc=$4
	set -- $("$BENCH" run "$N" "$LGC" build "$lgc" -d "$data" \
	    -I "$top/stdlib" -o "$tmp/t%d.pdf")
	tc=$4
	set -- $("$BENCH" api "$lgc" "$data" "$top/stdlib" "$N" sans-balises=1)
	ua=$4
	set -- $("$BENCH" api "$lgc" "$data" "$top/stdlib" "$N")
	ta=$4
	rm -f "$tmp"/u[0-9]*.pdf "$tmp"/t[0-9]*.pdf
	printf '  %-46s %9s %9s %6s%%   %6s → %6s %6s%%   %6s → %6s %6s%%\n' \
	    "$name" "$us" "$ts" "$(pct "$ts" "$us")" "$uc" "$tc" \
	    "$(pct "$tc" "$uc")" "$ua" "$ta" "$(pct "$ta" "$ua")"
	echo "$us $ts $uc $tc $ua $ta" >> "$tmp/sums"
done < "$tmp/cases"
awk '
{ us += $1; ts += $2; uc += $3; tc += $4; ua += $5; ta += $6 }
END {
	s = (ts - us) * 100 / us; c = (tc - uc) * 100 / uc
	a = (ta - ua) * 100 / ua
	printf "  ensemble : taille %+.1f %%, commande %+.1f %%, API %+.1f %%\n", s, c, a
	printf "  objectif < 20 %% de taille : %s ; < 20 %% de temps (commande) : %s ; (API) : %s\n",
	    s < 20 ? "atteint" : "NON ATTEINT", c < 20 ? "atteint" : "NON ATTEINT",
	    a < 20 ? "atteint" : "NON ATTEINT"
}' "$tmp/sums"

# Instructions of one rendering, tagged and not, on the design example
# and the longest example.
if ! command -v valgrind > /dev/null 2>&1; then
	echo "  instructions : sauté (valgrind absent)"
	exit 0
fi
instr() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BENCH" api \
	    "$@" 2>&1 | sed -n 's/.*Collected : //p'
}
for c in "exemple|$top/tests/golden/exemple|exemple.lgc|exemple--forfait.json" \
    "generation-prospects--agence-commission|$top/examples/generation-prospects|contrat.lgc|donnees/agence-commission.json"; do
	name=${c%%|*}; rest=${c#*|}
	d=${rest%%|*}; rest=${rest#*|}
	lgc=${rest%%|*}; data=${rest#*|}
	cd "$d" || exit 2
	t1=$(instr "$lgc" "$data" "$top/stdlib" 1)
	t2=$(instr "$lgc" "$data" "$top/stdlib" 2)
	u1=$(instr "$lgc" "$data" "$top/stdlib" 1 sans-balises=1)
	u2=$(instr "$lgc" "$data" "$top/stdlib" 2 sans-balises=1)
	awk -v name="$name" -v t=$((t2 - t1)) -v u=$((u2 - u1)) 'BEGIN {
		printf "  instructions d'"'"'un rendu, %s : %.1f M → %.1f M, %+.1f %% (objectif < 20 %% : %s)\n",
		    name, u / 1e6, t / 1e6, (t - u) * 100 / u,
		    (t - u) * 100 / u < 20 ? "atteint" : "NON ATTEINT" }'
done
