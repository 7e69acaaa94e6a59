#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Function coverage reached by the fuzz targets' corpora, with clang's
# source-based coverage (make fuzz-coverage builds build/cov/TARGET):
#   sh tests/fuzz/coverage.sh [TARGET=FOLDER …]
# Without arguments, every target with its committed corpus and past
# crashes.  Prints, per file of src/eval, src/lang/functions.c (the
# filters and functions) and src/lang/french.c (the French formatting),
# the functions reached, then those never reached.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cov=$top/build/cov
for tool in llvm-profdata llvm-cov; do
	command -v $tool > /dev/null 2>&1 ||
	    { echo "sauté couverture ($tool absent : make deps l'installe)"; exit 0; }
done
[ $# -gt 0 ] || set -- render="$top/tests/fuzz/corpus/render" \
    data="$top/tests/fuzz/corpus/data" surface="$top/tests/fuzz/corpus/surface"
rm -f "$cov"/*.profraw
bins=""
for arg in "$@"; do
	t=${arg%%=*}
	dir=${arg#*=}
	LLVM_PROFILE_FILE="$cov/$t-%p.profraw" "$cov/$t" -t "$t" -n 0 "$dir" \
	    "$top/tests/fuzz/crashes/$t" > /dev/null 2>&1 ||
	    echo "attention : $t s'est arrêté sur $dir"
	case " $bins " in *" $cov/$t "*) ;; *) bins="$bins $cov/$t" ;; esac
done
llvm-profdata merge -sparse "$cov"/*.profraw -o "$cov/fuzz.profdata" || exit 1
set -- $bins
first=$1
shift
objs=""
for b in "$@"; do objs="$objs -object $b"; done
cd "$top" || exit 1
# shellcheck disable=SC2086
llvm-cov report "$first" $objs -instr-profile="$cov/fuzz.profdata" \
    src/eval/*.c src/lang/functions.c src/lang/french.c |
    awk '$1 ~ /\.c$/ || $1 == "TOTAL" {
	printf "%-20s fonctions atteintes %d/%d (%s)\n", $1, $5 - $6, $5, $7 }'
echo "fonctions jamais atteintes :"
# shellcheck disable=SC2086
llvm-cov report "$first" $objs -instr-profile="$cov/fuzz.profdata" \
    -show-functions src/eval/*.c src/lang/functions.c src/lang/french.c |
    awk 'NF >= 10 && $2 ~ /^[0-9]+$/ && $2 == $3 && $2 > 0 { print $1 }' |
    sort -u | tr '\n' ' '
echo
