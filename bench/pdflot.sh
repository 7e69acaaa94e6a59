#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The cost of a contract in a PDF batch of the lead-generation example
# (--lot -j 1), the figure the PDF work of issue 20 is measured by:
#   - instructions a contract (callgrind, which follows the batch's
#     forked worker): a batch of N records against a batch of 1, so that
#     what a batch does once is left out; and one `lgc build -o x.pdf`;
#   - hyperfine's median wall time a contract of a batch of M records.
# The instruction counts do not move with the machine's load; the times
# do (the load is printed).  Not a test.
#   N=50 M=200 sh bench/pdflot.sh [LGC]
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
LGC=${1:-$top/lgc}
case "$LGC" in /*) ;; *) LGC=$(pwd)/$LGC ;; esac
N=${N:-50}
M=${M:-200}
ex=$top/examples/generation-prospects
for t in valgrind hyperfine python3; do
	command -v "$t" > /dev/null || { echo "pdflot : $t manque (make deps)" >&2; exit 2; }
done
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT INT TERM
LC_ALL=C.UTF-8
LGC_PATH=$top/stdlib
export LC_ALL LGC_PATH

records() {
	python3 - "$1" "$ex/donnees" > "$2" <<'PY'
import json, os, sys
n, d = int(sys.argv[1]), sys.argv[2]
files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".json"))
recs = [json.load(open(f, encoding="utf-8")) for f in files]
for i in range(n):
    r = dict(recs[i % len(recs)])
    r["client"] = dict(r["client"], nom="N° %d %s" % (i + 1, r["client"]["nom"]))
    print(json.dumps(r, ensure_ascii=False))
PY
}

# Instructions of a command, its forked children included.
instructions() {
	rm -rf "$w/cg"
	mkdir "$w/cg"
	valgrind --tool=callgrind --trace-children=yes \
	    --callgrind-out-file="$w/cg/cg.%p" "$@" > /dev/null 2>&1
	cat "$w/cg"/cg.* | awk '/^totals:/ { s += $2 } END { printf "%.0f", s }'
}

records 1 "$w/1.jsonl"
records "$N" "$w/n.jsonl"
records "$M" "$w/m.jsonl"
one=$(instructions "$LGC" build "$ex/contrat.lgc" --lot "$w/1.jsonl" \
    --sortie "$w/o1/" -f pdf -j 1)
many=$(instructions "$LGC" build "$ex/contrat.lgc" --lot "$w/n.jsonl" \
    --sortie "$w/on/" -f pdf -j 1)
single=$(cd "$ex" && instructions "$LGC" build contrat.lgc \
    -d donnees/agence-commission.json -o "$w/x.pdf")
echo "lgc $("$LGC" --version | sed 's/^lgc //'), charge $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v a="$one" -v b="$many" -v n="$N" -v s="$single" 'BEGIN {
	printf "  lot PDF -j 1 : %.1f M instructions par contrat (%d contrats contre 1)\n", (b - a) / (n - 1) / 1e6, n
	printf "  un PDF (lgc build -o) : %.1f M instructions\n", s / 1e6
}'
hyperfine -N --warmup 2 --runs 10 --style none --export-json "$w/h.json" \
    "$LGC build $ex/contrat.lgc --lot $w/m.jsonl --sortie $w/om/ -f pdf -j 1" \
    > /dev/null 2>&1 || { echo "pdflot : hyperfine échoue" >&2; exit 1; }
python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("  lot de %s : médiane %.2f ms par contrat (hyperfine)" % (sys.argv[2], r["median"] * 1000 / int(sys.argv[2])))' "$w/h.json" "$M"
