#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# make check-valgrind: every example with each of its client files in
# every format (html, latex, pdf, docx), check, lint, schema, tree and
# formulaire, and a batch of them in two forked workers, under valgrind
# with the dynamic build (build/dyn/lgc: no sanitizer, glibc's
# allocator).  Any memory error or definitely (or indirectly) lost block
# fails, in the parent as in each child.  The server too (lgc-serve).
# Prints "ok …" or "ÉCHEC …" per run, then
# "N passed, N failed"; exits 1 on a failure, and when valgrind is
# missing (make deps installs it): a check that cannot run is not passed.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
LGC=${LGC:-$top/build/dyn/lgc}
LGC_PATH=$top/stdlib
LC_ALL=C.UTF-8
SOURCE_DATE_EPOCH=0
export LGC_PATH LC_ALL SOURCE_DATE_EPOCH

if ! command -v valgrind > /dev/null 2>&1; then
	echo "ÉCHEC valgrind absent (make deps l'installe)"
	exit 1
fi
[ -x "$LGC" ] || { echo "ÉCHEC $LGC introuvable (make build/dyn/lgc)"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0
failed=0

# vg DESC ARGS…: lgc under valgrind; its exit status must be 0 (or
# $VG_RC: lgc diff's 1), and valgrind's (97) means an error or a leak in
# some process.
vg() {
	desc=$1
	shift
	valgrind -q --trace-children=yes --child-silent-after-fork=no \
	    --leak-check=full --show-leak-kinds=definite,indirect \
	    --errors-for-leak-kinds=definite,indirect --error-exitcode=97 \
	    --log-file="$tmp/vg.%p" "$LGC" "$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ "$rc" -eq "${VG_RC:-0}" ] && ! cat "$tmp"/vg.* 2> /dev/null | grep -q .; then
		passed=$((passed + 1))
		echo "ok $desc"
	else
		failed=$((failed + 1))
		echo "ÉCHEC $desc (code $rc)"
		cat "$tmp"/vg.* "$tmp/err" 2> /dev/null | head -40 | sed 's/^/    /'
	fi
	rm -f "$tmp"/vg.*
}

for t in "$top"/examples/*/contrat.lgc; do
	ex=$(basename "$(dirname "$t")")
	vg "$ex : check" check "$t"
	vg "$ex : lint" lint "$t" --sujets aucun
	vg "$ex : schema" schema "$t"
	vg "$ex : tree" tree "$t"
	vg "$ex : formulaire" formulaire "$t" --rendu /api/v1/modeles/x/rendu
	for d in "$(dirname "$t")"/donnees/*.json; do
		dn=$(basename "$d" .json)
		vg "$ex/$dn : check -f pdf" check "$t" -d "$d" -f pdf
		for f in html latex pdf docx; do
			vg "$ex/$dn : build -f $f" build "$t" -d "$d" -f $f \
			    -o "$tmp/contrat.$f"
		done
	done
	# Forked workers free what they allocate, as the parent does.
	vg "$ex : --lot -j 2 -f pdf" build "$t" --lot "$(dirname "$t")/donnees" \
	    --sortie "$tmp/lot" -j 2 -f pdf
	rm -rf "$tmp/lot"
done

# lgc diff: two versions of a clause library over a batch, in text and
# JSON (code 1: the contracts change).
for f in texte json; do
	VG_RC=1 vg "diff --lot -f $f" diff "$top/tests/diff/contrat.lgc" \
	    "$top/tests/diff/contrat.lgc" --ancien-I "$top/tests/diff/ancien" \
	    --nouveau-I "$top/tests/diff/nouveau" \
	    --lot "$top/tests/diff/clients.jsonl" -f $f
done

# The server (lgc-serve, dynamic like build/dyn/lgc): every format, a
# 400, a batch, the preview and its event stream, metrics, then SIGTERM.
serve=$top/lgc-serve
if [ -x "$serve" ]; then
	valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
	    --errors-for-leak-kinds=definite,indirect --error-exitcode=97 \
	    --log-file="$tmp/vg.serve" "$serve" "$top/examples" --port 0 \
	    --fils 2 2> "$tmp/serve.log" &
	pid=$!
	port=
	i=0
	while [ $i -lt 300 ] && [ -z "$port" ]; do
		port=$(sed -n 's/^lgc serve : http:\/\/127.0.0.1:\([0-9]*\)\/ .*/\1/p' "$tmp/serve.log" 2> /dev/null)
		[ -z "$port" ] && sleep 0.1
		i=$((i + 1))
	done
	u=http://127.0.0.1:$port/api/v1/modeles/accord-confidentialite/contrat
	d=$top/examples/accord-confidentialite/donnees/startup-industriel.json
	codes=
	for f in html pdf latex; do
		codes="$codes $(curl -s -o /dev/null -w '%{http_code}' \
		    -H 'Content-Type: application/json' --data-binary @"$d" "$u/rendu?format=$f")"
	done
	codes="$codes $(curl -s -o /dev/null -w '%{http_code}' \
	    -H 'Content-Type: application/json' --data-binary '{"x":' "$u/rendu")"
	codes="$codes $(tr -d '\n' < "$d" |
	    curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/x-ndjson' \
	    --data-binary @- "http://127.0.0.1:$port/api/v1/lot?modele=accord-confidentialite/contrat")"
	codes="$codes $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/apercu/accord-confidentialite/contrat")"
	codes="$codes $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metriques")"
	curl -sN "http://127.0.0.1:$port/apercu/accord-confidentialite/contrat/evenements" > /dev/null 2>&1 &
	sse=$!
	sleep 0.5
	kill -TERM $pid
	wait $pid
	rc=$?
	wait $sse 2> /dev/null
	if [ $rc -eq 0 ] && [ "$codes" = " 200 200 200 400 200 200 200" ]; then
		passed=$((passed + 1))
		echo "ok lgc-serve : rendus, erreurs, lot, aperçu, arrêt"
	else
		failed=$((failed + 1))
		echo "ÉCHEC lgc-serve (code $rc, statuts$codes)"
		cat "$tmp/vg.serve" 2> /dev/null | head -40 | sed 's/^/    /'
	fi
else
	failed=$((failed + 1))
	echo "ÉCHEC $serve introuvable (make lgc-serve)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
