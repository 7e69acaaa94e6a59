#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Runs one libFuzzer target of build/fuzzer for a set time and reports.
#   sh tests/fuzz/run.sh TARGET SECONDS   (0: until stopped)
#   sh tests/fuzz/run.sh --merge TARGET   minimise (-merge=1) the committed
#                                         corpus with the new inputs into it
#   sh tests/fuzz/run.sh --probe CC       exit 0 when CC links libFuzzer
# One process (the machine may be shared); new inputs go to
# build/fuzzer/corpus-TARGET, never to the committed corpus (make
# fuzz-merge puts a minimised union there); a crash is written to
# build/fuzzer/crashes-TARGET/ and fails the run.
set -u
if [ "${1:-}" = --probe ]; then
	command -v "${2:-clang}" > /dev/null 2>&1 || exit 1
	printf '%s\n' '#include <stdint.h>' '#include <stddef.h>' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
	    '{ (void)d; (void)n; return 0; }' |
	    "${2:-clang}" -fsanitize=fuzzer -x c - -o /dev/null > /dev/null 2>&1
	exit
fi
top=$(cd "$(dirname "$0")/../.." && pwd)
fuzz=$top/tests/fuzz
if [ "${1:-}" = --merge ]; then
	target=$2
	bin=$top/build/fuzzer/$target
	merged=$top/build/fuzzer/merged-$target
	rm -rf "$merged"
	mkdir -p "$merged" "$top/build/fuzzer/corpus-$target"
	# Edges only (-use_counters=0), not their hit counts: a third of
	# the inputs, which make check replays in seconds.
	"$bin" -merge=1 -use_counters=0 -max_len=8192 -timeout=10 \
	    -rss_limit_mb=2048 \
	    "$merged" "$fuzz/corpus/$target" "$top/build/fuzzer/corpus-$target" \
	    > "$top/build/fuzzer/merge-$target.log" 2>&1 || {
		echo "ÉCHEC fusion $target (build/fuzzer/merge-$target.log)"
		exit 1
	}
	git -C "$top" rm -q -r -f --ignore-unmatch "tests/fuzz/corpus/$target"
	mkdir -p "$fuzz/corpus/$target"
	cp "$merged"/* "$fuzz/corpus/$target/"
	echo "corpus $target : $(ls "$fuzz/corpus/$target" | wc -l) fichiers," \
	    "$(du -sh "$fuzz/corpus/$target" | cut -f1)"
	exit 0
fi
target=$1
seconds=${2:-300}
bin=$top/build/fuzzer/$target
[ -x "$bin" ] || { echo "ÉCHEC fuzz $target : $bin introuvable (make $bin)"; exit 1; }
case $target in
data) dict=$fuzz/json.dict ;;
*) dict=$fuzz/lgc.dict ;;
esac
new=$top/build/fuzzer/corpus-$target
crashes=$top/build/fuzzer/crashes-$target
mkdir -p "$new" "$crashes" "$fuzz/crashes/$target"
log=$top/build/fuzzer/$target.log
echo "fuzz $target : ${seconds} s, journal $log"
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
"$bin" -max_total_time="$seconds" -max_len=8192 -timeout=10 \
    -rss_limit_mb=2048 -dict="$dict" -print_final_stats=1 \
    -artifact_prefix="$crashes/" "$new" "$fuzz/corpus/$target" \
    "$fuzz/crashes/$target" > "$log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
added=$(sed -n 's/^stat::new_units_added: *//p' "$log")
cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
if [ "$status" -eq 0 ]; then
	echo "ok fuzz $target : ${runs:-?} exécutions, ${speed:-?}/s," \
	    "${cov:-cov: ?} arêtes, ${added:-0} entrées nouvelles, aucun plantage"
	exit 0
fi
echo "ÉCHEC fuzz $target : arrêt (code $status) après ${runs:-?} exécutions"
grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|artifact_prefix|Test unit written)' \
    "$log" | head -10 | sed 's/^/    /'
echo "    copiez l'entrée dans tests/fuzz/crashes/$target/ (cas de régression)"
exit 1
