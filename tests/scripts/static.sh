# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The release ./lgc against the test build.  ./lgc is linked, where the
# machine allows, with libharu compiled here from Debian's source and
# with the static archives of the other libraries (STATIC in the
# Makefile); the test build is linked with the shared libraries, Debian's
# libhpdf.so among them.  Both must write the same PDF, byte for byte,
# for every example contract and every client file of the design example.
# Environment: LGC (sanitizer build), TOP, TMP.
set -u

release=$TOP/lgc
dir=$TMP/static
mkdir -p "$dir"
if [ ! -x "$release" ]; then
	echo "sauté statique : comparaison avec ./lgc (./lgc absent)"
	exit 0
fi
if ldd "$release" 2> /dev/null | grep -q libhpdf; then
	how="libhpdf.so"
else
	how="libharu compilé ici"
fi

# compare DIR TEMPLATE DATA: one PDF from each binary, then cmp.
compare() {
	rel=${1#"$TOP"/}/$2
	(cd "$1" && "$LGC" build "$2" -d "$3" -o "$dir/test.pdf") \
	    > /dev/null 2> "$dir/test.err"
	s1=$?
	(cd "$1" && "$release" build "$2" -d "$3" -o "$dir/release.pdf") \
	    > /dev/null 2> "$dir/release.err"
	s2=$?
	if [ "$s1" -ne 0 ] || [ "$s2" -ne 0 ]; then
		echo "ÉCHEC statique : $rel -d $3 (codes de sortie $s1 et $s2)"
		sed 's/^/    /' "$dir/test.err" "$dir/release.err" | head -10
	elif cmp "$dir/test.pdf" "$dir/release.pdf" > "$dir/cmp" 2>&1 &&
	    cmp "$dir/test.err" "$dir/release.err" >> "$dir/cmp" 2>&1; then
		echo "ok statique : $rel -d $3, mêmes octets ($how)"
	else
		echo "ÉCHEC statique : $rel -d $3, ./lgc ($how) diffère de la construction de test"
		sed 's/^/    /' "$dir/cmp"
	fi
}

for t in "$TOP"/examples/*/contrat.lgc; do
	for d in "$(dirname "$t")"/donnees/*.json; do
		compare "$(dirname "$t")" contrat.lgc "donnees/$(basename "$d")"
	done
done
for d in "$TOP"/tests/golden/exemple/exemple--*.json; do
	compare "$TOP/tests/golden/exemple" exemple.lgc "$(basename "$d")"
done
