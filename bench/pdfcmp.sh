#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Two lgc binaries, before and after a change meant to alter nothing in
# the PDFs but their compression: every PDF golden case (tests/golden,
# with its data and arguments as tests/run.sh takes them), the three
# examples with each data file (also --pdfa and --sans-balises), a
# batch (--lot) of the lead-generation example, each built by both.
# Each pair must give
#   - the same text once decompressed in place, every object under its
#     own number, only the lengths and offsets masked (bench/pdfnorm.py);
#   - the same qpdf --qdf --object-streams=disable
#     --stream-data=uncompress --normalize-content=n output (with
#     --deterministic-id: a file without /ID gets a random one);
#   - the same first page through pdftoppm.
# Prints "ok …" or "ÉCHEC …" per PDF and a last line with the counts;
# exits 1 on any difference.
#   sh bench/pdfcmp.sh AVANT APRES
set -u

if [ $# -ne 2 ]; then
	echo "usage : sh bench/pdfcmp.sh LGC_AVANT LGC_APRES" >&2
	exit 2
fi
top=$(cd "$(dirname "$0")/.." && pwd)
before=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
after=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
for t in qpdf pdftoppm python3; do
	command -v "$t" > /dev/null || { echo "pdfcmp : $t manque" >&2; exit 2; }
done
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT INT TERM
LC_ALL=C.UTF-8
LGC_PATH=$top/stdlib
export LC_ALL LGC_PATH
ok=0
bad=0

# same A.pdf B.pdf WHAT: the three comparisons.
same() {
	why=
	python3 "$top/bench/pdfnorm.py" "$1" > "$w/a.norm" &&
	    python3 "$top/bench/pdfnorm.py" "$2" > "$w/b.norm" ||
	    why="pdfnorm.py échoue"
	[ -z "$why" ] && ! cmp -s "$w/a.norm" "$w/b.norm" &&
	    why="objets différents une fois décompressés"
	for f in a b; do
		[ -n "$why" ] && break
		[ "$f" = a ] && p=$1 || p=$2
		qpdf --qdf --object-streams=disable --stream-data=uncompress \
		    --normalize-content=n --deterministic-id "$p" "$w/$f.qdf" 2> "$w/qerr"
		[ $? -le 3 ] || why="qpdf refuse $p"
		pdftoppm -f 1 -l 1 -r 60 "$p" > "$w/$f.ppm" 2> /dev/null ||
		    why="pdftoppm refuse $p"
	done
	[ -z "$why" ] && ! cmp -s "$w/a.qdf" "$w/b.qdf" &&
	    why="qpdf --qdf différent"
	[ -z "$why" ] && ! cmp -s "$w/a.ppm" "$w/b.ppm" &&
	    why="page 1 différente (pdftoppm)"
	if [ -z "$why" ]; then
		ok=$((ok + 1))
		echo "ok pdfcmp : $3 ($(wc -c < "$1") → $(wc -c < "$2") octets)"
	else
		bad=$((bad + 1))
		echo "ÉCHEC pdfcmp : $3 : $why"
		[ -f "$w/a.norm" ] && [ -f "$w/b.norm" ] &&
		    diff -a "$w/a.norm" "$w/b.norm" | head -8 | sed 's/^/    /'
	fi
}

# build DIR WHAT ARGS…: the PDF by both binaries in DIR, then same.
build() {
	bdir=$1 what=$2
	shift 2
	rm -f "$w/a.pdf" "$w/b.pdf"
	(cd "$bdir" && "$before" "$@" -o "$w/a.pdf") > /dev/null 2> "$w/a.err"
	s1=$?
	(cd "$bdir" && "$after" "$@" -o "$w/b.pdf") > /dev/null 2> "$w/b.err"
	s2=$?
	if [ "$s1" -ne "$s2" ] || ! cmp -s "$w/a.err" "$w/b.err"; then
		bad=$((bad + 1))
		echo "ÉCHEC pdfcmp : $what : codes $s1 et $s2 ou diagnostics différents"
	elif [ -f "$w/a.pdf" ] && [ -f "$w/b.pdf" ]; then
		same "$w/a.pdf" "$w/b.pdf" "$what"
	else
		bad=$((bad + 1))
		echo "ÉCHEC pdfcmp : $what : aucun PDF (code $s1)"
		sed 's/^/    /' "$w/a.err" | head -5
	fi
}

# The golden cases with a PDF expectation (NAME.txt or NAME--V.txt).
for f in $(find "$top/tests/golden" -name '*.lgc' | sort); do
	dir=$(dirname "$f")
	name=$(basename "$f" .lgc)
	# As tests/run.sh: NAME, and NAME--V for each NAME--V.json.
	for base in "$dir/$name" "$dir/$name"--*.json; do
		base=${base%.json}
		[ -f "$base.txt" ] || continue
		args=build
		if [ -f "$base.args" ]; then args=$(cat "$base.args")
		elif [ -f "$dir/$name.args" ]; then args=$(cat "$dir/$name.args"); fi
		case "$args" in build*) ;; *) continue ;; esac
		data=
		[ -f "$base.json" ] && data="-d $(basename "$base").json"
		# shellcheck disable=SC2086
		build "$dir" "${base#"$top"/}" $args "$name.lgc" $data -f pdf
	done
done | sort -u > "$w/golden.out"
# The loop ran in a subshell (the pipe): its counts from its lines.
cat "$w/golden.out"
ok=$(grep -c '^ok ' "$w/golden.out")
bad=$(grep -c '^ÉCHEC ' "$w/golden.out")

for t in "$top"/examples/*/contrat.lgc; do
	ex=$(dirname "$t")
	for d in "$ex"/donnees/*.json; do
		rel="${ex#"$top"/}/donnees/$(basename "$d")"
		build "$ex" "$rel" build contrat.lgc -d "donnees/$(basename "$d")"
		build "$ex" "$rel --pdfa" build contrat.lgc \
		    -d "donnees/$(basename "$d")" --pdfa
		build "$ex" "$rel --sans-balises" build contrat.lgc \
		    -d "donnees/$(basename "$d")" --sans-balises
	done
done

# A batch: the compressor and the fonts kept from one record to the next.
ex=$top/examples/generation-prospects
python3 - "$ex/donnees" > "$w/lot.jsonl" <<'EOF'
import json, os, sys
d = sys.argv[1]
files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".json"))
recs = [json.load(open(f, encoding="utf-8")) for f in files]
for i in range(8):
    r = dict(recs[i % len(recs)])
    r["client"] = dict(r["client"], nom="N° %d %s" % (i + 1, r["client"]["nom"]))
    print(json.dumps(r, ensure_ascii=False))
EOF
(cd "$ex" && "$before" build contrat.lgc --lot "$w/lot.jsonl" --sortie "$w/la/" \
    -f pdf -j 1) 2> /dev/null
(cd "$ex" && "$after" build contrat.lgc --lot "$w/lot.jsonl" --sortie "$w/lb/" \
    -f pdf -j 1) 2> /dev/null
n=0
for a in "$w"/la/*.pdf; do
	[ -f "$a" ] || continue
	n=$((n + 1))
	same "$a" "$w/lb/$(basename "$a")" "lot, $(basename "$a")"
done
if [ "$n" -ne 8 ]; then
	bad=$((bad + 1))
	echo "ÉCHEC pdfcmp : lot de 8 : $n PDF écrits"
fi
echo "pdfcmp : $ok identiques, $bad différents"
[ "$bad" -eq 0 ]
