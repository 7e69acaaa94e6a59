#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# make bench: lgc variantes on the lead-generation example, the whole
# process (decisions, every witness built through the pipeline, the
# report), against issue 18's target of under 1 s.  Also the same with
# every variant's contract written in HTML (--ecrire).  Not a test:
# timings depend on the machine and its load.
#   N=10 sh bench/variantes.sh
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
LGC=${LGC:-$top/lgc}
BENCH=${BENCH:-$top/build/bench/pdfbench}
N=${N:-10}
t=$top/examples/generation-prospects/contrat.lgc
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

"$LGC" variantes "$t" -I "$top/stdlib" > "$tmp/rapport.txt" 2> "$tmp/err" ||
    { echo "bench : lgc variantes échoue" >&2; cat "$tmp/err" >&2; exit 1; }
witnesses=$(sed -n 's/^Témoins : \([0-9]*\) .*/\1/p' "$tmp/rapport.txt")
variants=$(sed -n 's/^Variantes distinctes : //p' "$tmp/rapport.txt")
"$BENCH" run 2 "$LGC" variantes "$t" -I "$top/stdlib" -o "$tmp/w.txt" > /dev/null
set -- $("$BENCH" run "$N" "$LGC" variantes "$t" -I "$top/stdlib" \
    -o "$tmp/r%d.txt")
med=$1 min=$2 rss=$3 cpu=$4
set -- $("$BENCH" run 3 "$LGC" variantes "$t" -I "$top/stdlib" \
    -o "$tmp/e%d.txt" --ecrire "$tmp/ecrits" -f html)
emed=$1

echo "lgc variantes — examples/generation-prospects ($witnesses témoins, $variants variantes)"
printf '  commande complète : %s ms (médiane de %s), %s ms au mieux ; processeur : %s ms ; RSS : %s Ko\n' \
    "$med" "$N" "$min" "$cpu" "$rss"
printf '  avec --ecrire (chaque contrat en HTML) : %s ms (médiane de 3)\n' "$emed"
if awk -v a="$med" 'BEGIN { exit !(a < 1000) }'; then v=atteint; else v="NON ATTEINT"; fi
echo "  objectif < 1 s : $v"
