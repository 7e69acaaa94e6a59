#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Batch benchmark (make bench): 1,000 records of the lead-generation
# example to PDF and to HTML with --lot -j 2, and peak memory for 1,000
# against 10,000 records.  Targets: PDF batch under 10 s, HTML batch
# under 1 s on a 2-core machine; peak RSS for 10,000 within 10 % of that
# for 1,000.  Prints the figures; a timing is never a test failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
lgc="$top/lgc"
ex="$top/tests/golden/exemple"
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
export LGC_PATH="$top/stdlib"

# N records cycling through the example's data files, each with its own
# client name so that every contract differs.
records() {
	n=$1 out=$2 i=0
	: > "$out"
	while [ "$i" -lt "$n" ]; do
		for v in "$ex"/exemple--*.json; do
			[ "$i" -lt "$n" ] || break
			tr -d '\n' < "$v" | sed "s/\"client\": {\"nom\": \"/\"client\": {\"nom\": \"N°$i /" >> "$out"
			echo >> "$out"
			i=$((i + 1))
		done
	done
}

# Runs the batch; prints "SECONDS PEAK_KB".
measure() {
	format=$1 file=$2 dir=$3
	rm -rf "$dir"
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%e %M" -o "$w/time" \
		    "$lgc" build "$ex/exemple.lgc" --lot "$file" --sortie "$dir/" \
		    -f "$format" -j 2 2> "$w/err" > /dev/null
		cat "$w/time"
	else
		start=$(date +%s.%N)
		"$lgc" build "$ex/exemple.lgc" --lot "$file" --sortie "$dir/" \
		    -f "$format" -j 2 2> "$w/err" > /dev/null
		end=$(date +%s.%N)
		echo "$(echo "$end - $start" | bc 2>/dev/null || echo '?') ?"
	fi
}

records 1000 "$w/1000.jsonl"
records 10000 "$w/10000.jsonl"
echo "Lot : 1 000 contrats de l'exemple, -j 2"
set -- $(measure html "$w/1000.jsonl" "$w/html")
echo "  HTML : $1 s (cible < 1 s), mémoire max $2 Ko, $(ls "$w/html" | wc -l) fichiers"
if "$lgc" --help 2>&1 | grep -q pdf; then
	set -- $(measure pdf "$w/1000.jsonl" "$w/pdf")
	echo "  PDF  : $1 s (cible < 10 s), mémoire max $2 Ko, $(ls "$w/pdf" | wc -l) fichiers"
	pdf1000=$2
else
	echo "  PDF  : format pdf absent de ce binaire"
fi
set -- $(measure html "$w/1000.jsonl" "$w/m1")
m1=$2
set -- $(measure html "$w/10000.jsonl" "$w/m2")
m2=$2 t2=$1
echo "Mémoire (HTML) : 1 000 contrats $m1 Ko, 10 000 contrats $m2 Ko ($t2 s)"
if [ "$m1" != "?" ] && [ "$m2" != "?" ]; then
	echo "  écart : $(( (m2 - m1) * 100 / m1 )) % (cible : moins de 10 %)"
fi
