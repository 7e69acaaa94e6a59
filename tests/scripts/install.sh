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
for f in bin/lgc share/man/man1/lgc.1 share/lgc/stdlib/confidentialite.lgc \
    share/lgc/stdlib/paiement.lgc; do
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
