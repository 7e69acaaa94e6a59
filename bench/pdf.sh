#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# make bench: speed, size and memory of the PDF backend on the design
# example (tests/golden/exemple), side by side with one pdflatex pass over
# lgc's own LaTeX output of the same contract.  Prints the figures and
# whether each target of the PDF issue is met:
#   under 10 ms wall time per PDF (the whole lgc process), at least 30
#   times faster than pdflatex, under 100 KB, under 20 MB of memory.
# Not a test: timings depend on the machine and its load.
#   N=50 sh bench/pdf.sh
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
LGC=${LGC:-$top/lgc}
BENCH=${BENCH:-$top/build/bench/pdfbench}
N=${N:-50}
NTEX=${NTEX:-5}
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

verdict() { if [ "$1" -eq 1 ]; then echo "atteint"; else echo "NON ATTEINT"; fi; }
# awk does the arithmetic: the shell has no decimals.
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

echo "lgc $("$LGC" --version | sed 's/^lgc //') — PDF du contrat d'exemple ($data), $(nproc 2>/dev/null || echo ?) processeurs, charge $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo ?)"

# How ./lgc was linked (STATIC in the Makefile) weighs on its start-up.
libs=$(ldd "$LGC" 2> /dev/null | grep -c '=>')
if [ "$libs" -eq 0 ]; then echo "  lgc lié statiquement (libharu compilé depuis ses sources Debian)"
else echo "  lgc lié à $libs bibliothèques partagées"; fi

"$LGC" build exemple.lgc -d "$data" -I "$top/stdlib" -o "$tmp/exemple.pdf" \
    2> /dev/null || { echo "bench : la compilation en PDF échoue" >&2; exit 1; }
size=$(wc -c < "$tmp/exemple.pdf")
pages=$(pdfinfo "$tmp/exemple.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')

# Warm-up, then N runs of the whole command, each writing a PDF of its
# own as a pipeline does (pdfbench turns %d into the run's number); then
# N runs replacing the same file, which on ext4 costs a flush of the new
# data at the rename, a cost of the file system rather than of lgc.
mkdir -p "$tmp/runs"
"$BENCH" run 3 "$LGC" build exemple.lgc -d "$data" -I "$top/stdlib" \
    -o "$tmp/w.pdf" > /dev/null
set -- $("$BENCH" run "$N" "$LGC" build exemple.lgc -d "$data" \
    -I "$top/stdlib" -o "$tmp/runs/c%d.pdf")
pdf_med=$1 pdf_min=$2 rss=$3 pdf_cpu=$4
set -- $("$BENCH" run "$N" "$LGC" build exemple.lgc -d "$data" \
    -I "$top/stdlib" -o "$tmp/bench.pdf")
same_med=$1
set -- $("$BENCH" run "$N" "$LGC" build exemple.lgc -d "$data" \
    -I "$top/stdlib" -o "$tmp/runs/c%d.html")
html_med=$1 html_cpu=$4
set -- $("$BENCH" api exemple.lgc "$data" "$top/stdlib" "$N")
api_med=$1 api_min=$2
# What starting any process costs here, to read the figures above, and
# what starting lgc costs on top of it (lgc --version: the program and
# its libraries loaded, nothing compiled).
set -- $("$BENCH" run "$N" /bin/true)
true_med=$1 true_cpu=$4
set -- $("$BENCH" run "$N" "$LGC" --version)
start_med=$1 start_min=$2

printf '  PDF, commande lgc complète : %s ms (médiane de %s), %s ms au mieux ; processeur : %s ms\n' \
    "$pdf_med" "$N" "$pdf_min" "$pdf_cpu"
printf '  la même, en remplaçant un PDF existant : %s ms (médiane)\n' "$same_med"
printf '  PDF par l'"'"'API, dans un processus : %s ms (médiane), %s ms au mieux\n' \
    "$api_med" "$api_min"
printf '  pour comparaison, HTML : %s ms (processeur %s ms) ; /bin/true : %s ms (processeur %s ms)\n' \
    "$html_med" "$html_cpu" "$true_med" "$true_cpu"
printf '  démarrage de lgc (lgc --version) : %s ms (médiane), %s ms au mieux\n' \
    "$start_med" "$start_min"
printf '  taille : %s octets (%s Ko), %s pages\n' "$size" \
    "$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1024 }')" "${pages:-?}"
printf '  mémoire maximale (RSS) : %s Ko (%s Mo)\n' "$rss" \
    "$(awk -v s="$rss" 'BEGIN { printf "%.1f", s / 1024 }')"

ok_time=0; lt "$pdf_med" 10 && ok_time=1
ok_size=0; [ "$size" -lt 102400 ] && ok_size=1
ok_rss=0; [ "$rss" -lt 20480 ] && ok_rss=1
echo "  objectif < 10 ms : $(verdict $ok_time) ; < 100 Ko : $(verdict $ok_size) ; < 20 Mo : $(verdict $ok_rss)"

# pdflatex over lgc's LaTeX output of the same contract.
if ! command -v pdflatex > /dev/null 2>&1; then
	echo "  pdflatex : sauté (TeX n'est pas installé)"
	exit 0
fi
mkdir -p "$tmp/tex"
if ! "$LGC" build exemple.lgc -d "$data" -I "$top/stdlib" -f latex \
    -o "$tmp/tex/exemple.tex" 2> /dev/null; then
	echo "  pdflatex : sauté (la sortie LaTeX, lgc build -f latex, n'est pas disponible)"
	exit 0
fi
cd "$tmp/tex" || exit 2
if ! pdflatex -interaction=batchmode -halt-on-error exemple.tex \
    > /dev/null 2>&1; then
	echo "  pdflatex : sauté (pdflatex échoue sur la sortie LaTeX de lgc)"
	exit 0
fi
set -- $("$BENCH" run "$NTEX" pdflatex -interaction=batchmode \
    -halt-on-error exemple.tex)
tex_med=$1
ratio=$(awk -v t="$tex_med" -v p="$pdf_med" 'BEGIN { printf "%.0f", t / p }')
printf '  pdflatex, une passe sur la sortie LaTeX de lgc : %s ms (médiane de %s)\n' \
    "$tex_med" "$NTEX"
ok_ratio=0; [ "$ratio" -ge 30 ] && ok_ratio=1
echo "  lgc est $ratio fois plus rapide ; objectif ≥ 30× : $(verdict $ok_ratio)"
