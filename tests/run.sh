#!/bin/sh
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
#   NAME.args   "build|check|tree [options]" (default: build -f html)
#   NAME.html   expected standard output of build
#   NAME.tree   expected standard output of tree
#   NAME.err    expected standard error (else it must be empty)
#   NAME.status expected exit status (else 1 if NAME.err has an error, 0)
#   NAME--VARIANT.json with NAME--VARIANT.{html,err,status}: one more case
#   of the same template with other data.
run_golden() {
	case_lgc=$1
	dir=$(dirname "$case_lgc")
	name=$(basename "$case_lgc" .lgc)
	base="$dir/${2:-$name}"
	rel=${base#"$top"/}
	[ -f "$base.html" ] || [ -f "$base.err" ] || [ -f "$base.status" ] ||
	    [ -f "$base.tree" ] || return 0
	args="build -f html"
	[ -f "$base.args" ] && args=$(cat "$base.args")
	[ -f "$base.args" ] || [ ! -f "$dir/$name.args" ] ||
	    args=$(cat "$dir/$name.args")
	data=""
	[ -f "$base.json" ] && data="-d $(basename "$base").json"
	# shellcheck disable=SC2086
	(cd "$dir" && "$LGC" $args "$name.lgc" $data) \
	    > "$tmp/out" 2> "$tmp/err"
	status=$?
	if [ "$update" -eq 1 ]; then
		case "$args" in
		tree*) cp "$tmp/out" "$base.tree" ;;
		build*) if [ -s "$tmp/out" ] || [ -f "$base.html" ]; then
				cp "$tmp/out" "$base.html"; fi ;;
		esac
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$base.err"
		else rm -f "$base.err"; fi
	fi
	want_status=0
	if [ -f "$base.status" ]; then
		want_status=$(cat "$base.status")
	elif [ -f "$base.err" ] && grep -q ': erreur:' "$base.err"; then
		want_status=1
	fi
	ok=1
	: > "$tmp/why"
	if [ "$status" -ne "$want_status" ]; then
		echo "code de sortie $status, attendu $want_status" >> "$tmp/why"
		ok=0
	fi
	for kind in html tree; do
		if [ -f "$base.$kind" ]; then
			if ! diff -u "$base.$kind" "$tmp/out" >> "$tmp/why"; then ok=0; fi
		fi
	done
	if [ ! -f "$base.html" ] && [ ! -f "$base.tree" ] && [ -s "$tmp/out" ] &&
	    [ "$status" -ne 0 ]; then
		echo "sortie écrite malgré l'échec" >> "$tmp/why"
		ok=0
	fi
	if [ -f "$base.err" ]; then
		if ! diff -u "$base.err" "$tmp/err" >> "$tmp/why"; then ok=0; fi
	elif [ -s "$tmp/err" ]; then
		echo "diagnostics inattendus :" >> "$tmp/why"
		cat "$tmp/err" >> "$tmp/why"
		ok=0
	fi
	if [ "$ok" -eq 1 ]; then pass; else fail "$rel" "$tmp/why"; fi
	# Every HTML page must be valid HTML5.
	if [ -f "$base.html" ] && [ -s "$base.html" ]; then
		if command -v tidy > /dev/null 2>&1; then
			if tidy -e -q "$base.html" > "$tmp/tidy" 2>&1; then pass
			else fail "$rel.html : HTML invalide (tidy)" "$tmp/tidy"; fi
		else
			skip "$rel.html : validation HTML" "tidy absent"
		fi
	fi
}

for f in $(find "$top/tests/golden" -name '*.lgc' | sort); do
	run_golden "$f"
	for v in "${f%.lgc}"--*.json; do
		[ -f "$v" ] || continue
		run_golden "$f" "$(basename "$v" .json)"
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
