# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# make install PREFIX=…: the binary, the clause library and the man page,
# and an installed lgc finds its library with no -I nor LGC_PATH.
set -u
prefix="$TMP/install"
rm -rf "$prefix"
if make -s -C "$TOP" install PREFIX="$prefix" > "$TMP/install.log" 2>&1; then
	echo "ok installation : make install PREFIX=…"
else
	echo "ÉCHEC installation : make install"
	sed 's/^/    /' "$TMP/install.log" | head -10
	exit 0
fi
for f in bin/lgc share/man/man1/lgc.1 share/man/man5/lgc.5 \
    share/doc/lgc/LICENSE share/doc/lgc/LICENSE.stdlib \
    share/lgc/stdlib/confidentialite.lgc \
    share/lgc/stdlib/paiement.lgc \
    share/bash-completion/completions/lgc share/zsh/site-functions/_lgc; do
	if [ -f "$prefix/$f" ]; then echo "ok installation : $f"
	else echo "ÉCHEC installation : $f manque"; fi
done
ex="$TOP/tests/golden/exemple"
(cd "$ex" && env -u LGC_PATH "$prefix/bin/lgc" build exemple.lgc \
    -d exemple--horaire.json) > "$TMP/install.html" 2> /dev/null
if [ $? -eq 0 ] && grep -q "Confidentialité" "$TMP/install.html"; then
	echo "ok installation : lgc installé trouve la bibliothèque de clauses"
else
	echo "ÉCHEC installation : lgc installé ne trouve pas la bibliothèque"
fi
# Confined (--racine), the installed clause library stays open, from a
# template inside a root as from one outside.
mkdir -p "$TMP/install-racine/racine"
printf 'modele "Contrat"\n---\n# Objet\n\n{inclure "confidentialite"}\n' \
    > "$TMP/install-racine/racine/t.lgc"
cp "$TMP/install-racine/racine/t.lgc" "$TMP/install-racine/t.lgc"
for t in racine/t.lgc t.lgc; do
	(cd "$TMP/install-racine" && env -u LGC_PATH "$prefix/bin/lgc" build \
	    --racine racine "$t") > "$TMP/install.html" 2> "$TMP/install.err"
	if [ $? -eq 0 ] && grep -q "Confidentialité" "$TMP/install.html"; then
		echo "ok installation : avec --racine, la bibliothèque reste permise ($t)"
	else
		echo "ÉCHEC installation : avec --racine, la bibliothèque reste permise ($t)"
		sed 's/^/    /' "$TMP/install.err" | head -10
	fi
done
if "$prefix/bin/lgc" serve --help 2> /dev/null | grep -q "^usage : lgc serve" &&
    [ -x "$prefix/libexec/lgc/lgc-serve" ]; then
	echo "ok installation : lgc serve lance lgc-serve installé dans libexec/lgc"
else
	echo "ÉCHEC installation : lgc serve ne trouve pas libexec/lgc/lgc-serve"
fi
if "$prefix/bin/lgc" --version | grep -q "^lgc [0-9]"; then
	echo "ok installation : lgc --version"
else
	echo "ÉCHEC installation : lgc --version"
fi
if command -v man > /dev/null 2>&1; then
	if MANWIDTH=80 man -l "$prefix/share/man/man1/lgc.1" 2> "$TMP/man.err" |
	    grep -q "lgc"; then
		echo "ok installation : la page de manuel s'affiche"
	else
		echo "ÉCHEC installation : page de manuel"
	fi
else
	echo "sauté installation : page de manuel (man absent)"
fi
# whatis reads the NOM line without groff: it must come out in French,
# accents included, for both pages (lexgrog is man-db's reader).
if command -v lexgrog > /dev/null 2>&1; then
	for page in man1/lgc.1 man5/lgc.5; do
		lexgrog "$prefix/share/man/$page" > "$TMP/whatis" 2>&1
		if grep -q "lgc - .*modèles de contrats" "$TMP/whatis" &&
		    ! grep -q '\[' "$TMP/whatis"; then
			echo "ok installation : whatis $page"
		else
			echo "ÉCHEC installation : whatis $page"
			sed 's/^/    /' "$TMP/whatis"
		fi
	done
else
	echo "sauté installation : whatis (lexgrog absent)"
fi
if command -v man > /dev/null 2>&1; then
	MANWIDTH=80 man -l "$prefix/share/man/man5/lgc.5" 2> /dev/null \
	    > "$TMP/man5"
	if grep -q "^LGC(5)" "$TMP/man5" && grep -q "Types et valeurs" \
	    "$TMP/man5" && grep -q "en_lettres" "$TMP/man5"; then
		echo "ok installation : lgc(5), la référence du langage"
	else
		echo "ÉCHEC installation : lgc(5)"
		head -5 "$TMP/man5" | sed 's/^/    /'
	fi
fi

# A packager's CPPFLAGS and LDFLAGS reach every compilation and every
# link (dry run: make prints the commands it would run).
make -s -n -B -C "$TOP" all build/san/lgc CPPFLAGS=-DLGC_PACKAGER_CPP \
    LDFLAGS=-Wl,--build-id=sha1 > "$TMP/flags" 2>&1
# (cc -r, the archive's partial link, is not a link that LDFLAGS is for.)
sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$TMP/flags" |
    grep -E '^(cc|gcc|clang|[^ ]*-gcc) ' | grep -v ' -r ' \
    > "$TMP/cc" || true
compiles=$(grep -c ' -c ' "$TMP/cc")
links=$(grep -v ' -c ' "$TMP/cc" | grep -c ' -o ')
bad_c=$(grep ' -c ' "$TMP/cc" | grep -vc 'LGC_PACKAGER_CPP')
bad_l=$(grep -v ' -c ' "$TMP/cc" | grep ' -o ' | grep -vc 'build-id=sha1')
if [ "$compiles" -gt 10 ] && [ "$links" -ge 3 ] && [ "$bad_c" -eq 0 ] &&
    [ "$bad_l" -eq 0 ]; then
	echo "ok installation : CPPFLAGS et LDFLAGS ($compiles compilations, $links éditions de liens)"
else
	echo "ÉCHEC installation : CPPFLAGS ou LDFLAGS ignorés ($bad_c compilations, $bad_l éditions de liens sur $compiles et $links)"
	grep -v ' -c ' "$TMP/cc" | grep ' -o ' | grep -v 'build-id=sha1' | head -3 | sed 's/^/    /'
fi

# Every source file of the compiler names its licence (REUSE style); the
# clauses and examples are CC0 as a whole (stdlib/LICENSE).
missing=$(cd "$TOP" && for f in Makefile .ci/run grammar/* include/*.h \
    src/*.c src/*/*.[ch] src/*/*.js src/*/*/*.[ch] tests/*.sh tests/*/*.c \
    tests/*/*.h tests/scripts/*.sh tests/browser/*.js tests/schema/*.js \
    docs/*.py bench/*.c bench/*.sh docs/lgc.1 editors/vim/*/*.vim \
    editors/shell/* editors/emacs/*.el editors/vscode/*.js \
    editors/vscode/test/*.js tests/scripts/*.el tests/scripts/*.zsh; do
	[ -f "$f" ] || continue
	head -3 "$f" | grep -q 'SPDX-License-Identifier: Apache-2.0' ||
	    echo "$f"
done)
if [ -z "$missing" ] && [ -f "$TOP/LICENSE" ] && [ -f "$TOP/stdlib/LICENSE" ]; then
	echo "ok licence : LICENSE, stdlib/LICENSE et une ligne SPDX par fichier source"
else
	echo "ÉCHEC licence : sans ligne SPDX :" $missing
fi
