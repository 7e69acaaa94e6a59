#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The whole test suite: unit tests, golden cases, robustness and API
# tests, all against the sanitizer build.  Ends with one line
# "N passed, N failed[, N skipped]".
#   sh tests/run.sh            run everything
#   sh tests/run.sh --update   rewrite the expected files of golden cases
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
LGC=${LGC:-$top/build/san/lgc}
UNIT=${UNIT:-$top/build/san/unit}
API=${API:-$top/build/san/api_test}
update=0
[ "${1:-}" = "--update" ] && update=1

passed=0
failed=0
skipped=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# ASan reports go to stderr and fail the run; leaks too.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=98}
export ASAN_OPTIONS UBSAN_OPTIONS
LC_ALL=C.UTF-8
export LC_ALL
LGC_PATH=$top/stdlib
export LGC_PATH

pass() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	echo "ÉCHEC $1"
	[ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -40
}
skip() { skipped=$((skipped + 1)); echo "sauté $1 ($2)"; }

# Unit tests: the binary prints "unit: N passed, M failed".
if [ -x "$UNIT" ]; then
	"$UNIT" > "$tmp/unit.out" 2>&1
	status=$?
	grep -v '^unit:' "$tmp/unit.out" | head -60
	line=$(grep '^unit:' "$tmp/unit.out")
	if [ -z "$line" ]; then
		fail "tests unitaires (aucun résumé, code $status)" "$tmp/unit.out"
	else
		n=$(echo "$line" | sed 's/unit: \([0-9]*\) passed, \([0-9]*\) failed/\1/')
		m=$(echo "$line" | sed 's/unit: \([0-9]*\) passed, \([0-9]*\) failed/\2/')
		passed=$((passed + n))
		failed=$((failed + m))
		if [ "$status" -ne 0 ] && [ "$m" -eq 0 ]; then
			fail "tests unitaires (code $status)" "$tmp/unit.out"
		fi
	fi
else
	fail "tests unitaires : $UNIT introuvable"
fi

# Golden cases: NAME.lgc with at least one expectation beside it.
#   NAME.json   data (-d), optional
#   NAME.args   "build|check|tree [options]" (default: build)
#   NAME.html   expected HTML (build -f html)
#   NAME.tex    expected LaTeX (build -f latex)
#   NAME.txt    expected text of the PDF (build -f pdf, then pdftotext)
#   NAME.tree   expected output of tree
#   NAME.out    expected standard output of another command (variantes)
#   NAME.err    expected standard error (else it must be empty)
#   NAME.status expected exit status (else 1 if NAME.err has an error, 0)
#   NAME--VARIANT.json with NAME--VARIANT.{html,tex,txt,err,status}: one
#   more case of the same template with other data.

# Runs lgc for one case; output in $tmp/out, diagnostics in $tmp/err.
run_case() {
	# shellcheck disable=SC2086
	(cd "$dir" && "$LGC" $1 "$name.lgc" $data $2) > "$tmp/out" 2> "$tmp/err"
	status=$?
}

compare_status_err() {
	want_status=0
	if [ -f "$base.status" ]; then
		want_status=$(cat "$base.status")
	elif [ -f "$base.err" ] && grep -q ': erreur:' "$base.err"; then
		want_status=1
	fi
	if [ "$status" -ne "$want_status" ]; then
		echo "code de sortie $status, attendu $want_status" >> "$tmp/why"
		ok=0
	fi
	if [ -f "$base.err" ]; then
		if ! diff -u "$base.err" "$tmp/err" >> "$tmp/why"; then ok=0; fi
	elif [ -s "$tmp/err" ]; then
		echo "diagnostics inattendus :" >> "$tmp/why"
		cat "$tmp/err" >> "$tmp/why"
		ok=0
	fi
}

# Checks the output of one format against its expectation file.
check_format() {
	format=$1 ext=$2
	[ -f "$base.$ext" ] || return 0
	ok=1
	: > "$tmp/why"
	case "$format" in
	pdf)
		if ! command -v pdftotext > /dev/null 2>&1; then
			skip "$rel.$ext" "pdftotext absent"; return 0
		fi
		run_case "$args -f pdf" "-o $tmp/out.pdf"
		if [ "$status" -eq 0 ]; then
			pdftotext -layout "$tmp/out.pdf" "$tmp/out" 2>> "$tmp/why" || ok=0
		fi ;;
	*)
		run_case "$args -f $format" "" ;;
	esac
	if [ "$update" -eq 1 ]; then
		cp "$tmp/out" "$base.$ext"
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$base.err"
		else rm -f "$base.err"; fi
	fi
	compare_status_err
	if ! diff -u "$base.$ext" "$tmp/out" >> "$tmp/why"; then ok=0; fi
	if [ "$ok" -eq 1 ]; then pass; else fail "$rel.$ext" "$tmp/why"; fi
	case "$format" in
	html)
		[ -s "$base.html" ] || return 0
		if command -v tidy > /dev/null 2>&1; then
			if tidy -e -q "$base.html" > "$tmp/tidy" 2>&1; then pass
			else fail "$rel.html : HTML invalide (tidy)" "$tmp/tidy"; fi
		else
			skip "$rel.html : validation HTML" "tidy absent"
		fi ;;
	latex)
		# Sourced with $base, $rel, $tmp, $dir, $name, $data, $args set;
		# it calls pass, fail or skip.
		[ -s "$base.tex" ] || return 0
		hook="$top/tests/hooks/latex-compile.sh"
		[ -f "$hook" ] && . "$hook" ;;
	pdf)
		# Same, with the PDF in $tmp/out.pdf.
		[ -s "$tmp/out.pdf" ] || return 0
		hook="$top/tests/hooks/pdf-check.sh"
		[ -f "$hook" ] && . "$hook" ;;
	esac
}

run_golden() {
	case_lgc=$1
	dir=$(dirname "$case_lgc")
	name=$(basename "$case_lgc" .lgc)
	base="$dir/${2:-$name}"
	rel=${base#"$top"/}
	[ -f "$base.html" ] || [ -f "$base.tex" ] || [ -f "$base.txt" ] ||
	    [ -f "$base.err" ] || [ -f "$base.status" ] ||
	    [ -f "$base.tree" ] || [ -f "$base.out" ] || return 0
	args="build"
	if [ -f "$base.args" ]; then args=$(cat "$base.args")
	elif [ -f "$dir/$name.args" ]; then args=$(cat "$dir/$name.args"); fi
	data=""
	[ -f "$base.json" ] && data="-d $(basename "$base").json"
	case "$args" in
	build*)
		if [ -f "$base.html" ] || [ -f "$base.tex" ] || [ -f "$base.txt" ]; then
			check_format html html
			check_format latex tex
			check_format pdf txt
			return 0
		fi ;;
	esac
	# A check, a tree, or a build that must fail: diagnostics only.
	ok=1
	: > "$tmp/why"
	run_case "$args" ""
	if [ "$update" -eq 1 ]; then
		case "$args" in tree*) cp "$tmp/out" "$base.tree" ;; esac
		[ -f "$base.out" ] && cp "$tmp/out" "$base.out"
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$base.err"
		else rm -f "$base.err"; fi
	fi
	compare_status_err
	if [ -f "$base.tree" ]; then
		if ! diff -u "$base.tree" "$tmp/out" >> "$tmp/why"; then ok=0; fi
	elif [ -f "$base.out" ]; then
		if ! diff -u "$base.out" "$tmp/out" >> "$tmp/why"; then ok=0; fi
	elif [ -s "$tmp/out" ]; then
		echo "sortie inattendue :" >> "$tmp/why"
		head -5 "$tmp/out" >> "$tmp/why"
		ok=0
	fi
	if [ "$ok" -eq 1 ]; then pass; else fail "$rel" "$tmp/why"; fi
}

for f in $(find "$top/tests/golden" -name '*.lgc' | sort); do
	run_golden "$f"
	for v in "${f%.lgc}"--*.json; do
		[ -f "$v" ] || continue
		run_golden "$f" "$(basename "$v" .json)"
	done
done

# The example contracts (examples/NAME/contrat.lgc with each of its
# donnees/DATA.json) against tests/golden/exemples/NAME--DATA.{html,tex,txt}.
for t in "$top"/examples/*/contrat.lgc; do
	[ -f "$t" ] || continue
	dir=$(dirname "$t")
	name=contrat
	for d in "$dir"/donnees/*.json; do
		[ -f "$d" ] || continue
		base="$top/tests/golden/exemples/$(basename "$dir")--$(basename "$d" .json)"
		rel=${base#"$top"/}
		data="-d donnees/$(basename "$d")"
		args="build"
		[ -f "$base.html" ] || [ -f "$base.tex" ] || [ -f "$base.txt" ] || {
			fail "$rel : aucun résultat attendu pour cet exemple"
			continue
		}
		check_format html html
		check_format latex tex
		check_format pdf txt
	done
done

# Scripted tests: each prints "ok DESCRIPTION" or "ÉCHEC DESCRIPTION".
for script in "$top"/tests/scripts/*.sh; do
	[ -f "$script" ] || continue
	LGC="$LGC" TOP="$top" TMP="$tmp" API="$API" sh "$script" > "$tmp/script.out" 2>&1
	while IFS= read -r line; do
		case "$line" in
		"ok "*) pass ;;
		"ÉCHEC "*) fail "${line#ÉCHEC }" ;;
		"sauté "*) skipped=$((skipped + 1)); echo "$line" ;;
		*) echo "    $line" ;;
		esac
	done < "$tmp/script.out"
done

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
