#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# make bench: the DOCX of the design example (tests/golden/exemple), the
# whole lgc process, against issue 16's target of under 10 ms.  Not a
# test: timings depend on the machine and its load.
#   N=50 sh bench/docx.sh
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
LGC=${LGC:-$top/lgc}
BENCH=${BENCH:-$top/build/bench/pdfbench}
N=${N:-50}
ex=$top/tests/golden/exemple
data=exemple--forfait.json
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
cd "$ex" || exit 2

"$LGC" build exemple.lgc -d "$data" -I "$top/stdlib" -o "$tmp/exemple.docx" \
    2> /dev/null || { echo "bench : la compilation en DOCX échoue" >&2; exit 1; }
size=$(wc -c < "$tmp/exemple.docx")
mkdir -p "$tmp/runs"
"$BENCH" run 3 "$LGC" build exemple.lgc -d "$data" -I "$top/stdlib" \
    -o "$tmp/w.docx" > /dev/null
set -- $("$BENCH" run "$N" "$LGC" build exemple.lgc -d "$data" \
    -I "$top/stdlib" -o "$tmp/runs/c%d.docx")
med=$1 min=$2 rss=$3 cpu=$4

echo "lgc — DOCX du contrat d'exemple ($data)"
printf '  DOCX, commande lgc complète : %s ms (médiane de %s), %s ms au mieux ; processeur : %s ms\n' \
    "$med" "$N" "$min" "$cpu"
printf '  taille : %s octets (%s Ko) ; mémoire maximale (RSS) : %s Ko\n' \
    "$size" "$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1024 }')" "$rss"
if awk -v a="$med" 'BEGIN { exit !(a < 10) }'; then v=atteint; else v="NON ATTEINT"; fi
echo "  objectif < 10 ms : $v"
