# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The library as an integrator gets it: installed by make install with
# its header and pkg-config file, a shared library with a soname that
# exports the functions of lgc.h and nothing else, an archive likewise,
# and the API test program built the way a C program would build
# against them (pkg-config --cflags --libs lgc), then run.
# Environment: TOP, TMP.
set -u

prefix=$TMP/liblgc
dir=$TMP/liblgc-test
rm -rf "$prefix" "$dir"
mkdir -p "$dir"
if ! make -s -C "$TOP" install PREFIX="$prefix" > "$dir/install.log" 2>&1; then
	echo "ÉCHEC bibliothèque : make install"
	sed 's/^/    /' "$dir/install.log" | head -10
	exit 0
fi
lib=$prefix/lib
for f in include/lgc.h lib/liblgc.a lib/liblgc.so lib/pkgconfig/lgc.pc; do
	if [ -e "$prefix/$f" ]; then echo "ok bibliothèque : $f installé"
	else echo "ÉCHEC bibliothèque : $f manque"; fi
done

# The soname, and the links a package manager expects.
soname=$(objdump -p "$lib/liblgc.so" 2> /dev/null | awk '/SONAME/ { print $2 }')
if [ "$soname" = "liblgc.so.0" ] && [ -f "$lib/$soname" ] &&
    [ "$(readlink "$lib/liblgc.so")" = "$soname" ]; then
	echo "ok bibliothèque : soname liblgc.so.0, liens liblgc.so → liblgc.so.0 → liblgc.so.0.x"
else
	echo "ÉCHEC bibliothèque : soname « $soname » ou liens symboliques"
fi

# Exported names: exactly the functions lgc.h declares (LGC_API).
sed -n 's/^LGC_API[^(]*[ *]\(lgc_[a-z_]*\)(.*/\1/p' "$prefix/include/lgc.h" |
    sort > "$dir/declared"
nm -D --defined-only "$lib/liblgc.so" | awk '$2 == "T" { print $3 }' |
    sort > "$dir/exported"
nm -D --defined-only "$lib/liblgc.so" | awk '{ print $3 }' |
    grep -v '^lgc_' > "$dir/other"
if [ -s "$dir/declared" ] && cmp -s "$dir/declared" "$dir/exported" &&
    [ ! -s "$dir/other" ]; then
	echo "ok bibliothèque : nm -D, liblgc.so n'exporte que les $(wc -l < "$dir/declared") fonctions lgc_* de lgc.h"
else
	echo "ÉCHEC bibliothèque : nm -D, symboles exportés autres que ceux de lgc.h"
	diff "$dir/declared" "$dir/exported" | sed 's/^/    /' | head -10
	sed 's/^/    autre : /' "$dir/other" | head -10
fi
nm -g --defined-only "$lib/liblgc.a" 2> /dev/null | awk 'NF == 3 { print $3 }' |
    sort > "$dir/archive"
if cmp -s "$dir/declared" "$dir/archive"; then
	echo "ok bibliothèque : nm, liblgc.a ne définit que les fonctions lgc_* de lgc.h (ni yyparse ni xmalloc)"
else
	echo "ÉCHEC bibliothèque : nm, liblgc.a définit d'autres symboles globaux"
	diff "$dir/declared" "$dir/archive" | sed 's/^/    /' | head -10
fi

# The API test, compiled against the installed library through
# pkg-config, shared then static; each run must pass all its checks.
if ! command -v pkg-config > /dev/null 2>&1; then
	echo "sauté bibliothèque : compilation par pkg-config (pkg-config absent)"
	exit 0
fi
export PKG_CONFIG_PATH="$lib/pkgconfig"
run_api() {
	what=$1 exe=$2
	mkdir -p "$dir/$what"
	(cd "$dir/$what" && env -u LGC_PATH LD_LIBRARY_PATH="$lib" "$exe" .) \
	    > "$dir/$what.out" 2>&1
	status=$?
	n=$(grep -c '^ok ' "$dir/$what.out")
	if [ $status -eq 0 ] && [ "$n" -gt 0 ] && ! grep -q '^ÉCHEC' "$dir/$what.out"; then
		echo "ok bibliothèque : le programme de test de l'API, $what, réussit ses $n vérifications"
	else
		echo "ÉCHEC bibliothèque : le programme de test de l'API, $what (code $status)"
		grep -v '^ok ' "$dir/$what.out" | sed 's/^/    /' | head -10
	fi
}
# shellcheck disable=SC2046
if cc -std=c11 -Wall -Wextra -pedantic -o "$dir/api_shared" \
    "$TOP/tests/api/api_test.c" $(pkg-config --cflags --libs lgc) \
    > "$dir/cc.log" 2>&1; then
	if LD_LIBRARY_PATH="$lib" ldd "$dir/api_shared" | grep -q "$lib/liblgc.so.0"; then
		echo "ok bibliothèque : compilé avec pkg-config --cflags --libs lgc, lié à la bibliothèque installée"
	else
		echo "ÉCHEC bibliothèque : le programme n'est pas lié à $lib/liblgc.so.0"
	fi
	run_api "lié à liblgc.so" "$dir/api_shared"
else
	echo "ÉCHEC bibliothèque : compilation avec pkg-config --cflags --libs lgc"
	sed 's/^/    /' "$dir/cc.log" | head -10
fi
# shellcheck disable=SC2046
if cc -std=c11 -Wall -Wextra -pedantic -o "$dir/api_static" \
    "$TOP/tests/api/api_test.c" $(pkg-config --cflags lgc) "$lib/liblgc.a" \
    $(pkg-config --static --libs lgc | sed 's/-llgc//') \
    > "$dir/cc.log" 2>&1; then
	run_api "lié à liblgc.a" "$dir/api_static"
else
	echo "ÉCHEC bibliothèque : compilation avec liblgc.a et pkg-config --static"
	sed 's/^/    /' "$dir/cc.log" | head -10
fi
