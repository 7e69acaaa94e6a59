# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# lgc lsp, driven over pipes by tests/lsp/client.py:
#  - each tests/lsp/NAME.session against NAME.expected (UPDATE=1
#    rewrites it): initialize, open, change, hover, completion,
#    definition, references, rename, symbols, folding, quick fixes,
#    shutdown, on the example templates;
#  - the protocol's errors (a request before initialize, unreadable
#    JSON, an unknown method, exit without shutdown);
#  - robustness: the examples typed line by line, every request asked
#    at each prefix, under the sanitizer build; and one example typed
#    character by character (5,000 prefixes) with the optimised ./lgc,
#    the sanitizer's 15 ms a prefix making that 100 s.  LONG=1 (make
#    check-long) types every example character by character under the
#    sanitizer.
# Environment: LGC, TOP, TMP (tests/run.sh), UPDATE, LONG.
set -u

client=$TOP/tests/lsp/client.py
if ! command -v python3 > /dev/null 2>&1; then
	echo "sauté lsp (python3 absent)"
	exit 0
fi

if "$LGC" lsp --help > "$TMP/lsp-help" 2>&1 &&
    grep -q '^usage : lgc lsp' "$TMP/lsp-help"; then
	echo "ok lsp : lgc lsp --help"
else
	echo "ÉCHEC lsp : lgc lsp --help"
	sed 's/^/    /' "$TMP/lsp-help"
fi

for session in "$TOP"/tests/lsp/*.session; do
	name=$(basename "$session" .session)
	expected=${session%.session}.expected
	python3 "$client" session "$LGC" "$TOP" "$session" > "$TMP/lsp.out" \
	    2> "$TMP/lsp.err"
	status=$?
	if [ "${UPDATE:-0}" = 1 ] && [ "$status" -eq 0 ]; then
		cp "$TMP/lsp.out" "$expected"
	fi
	if [ "$status" -ne 0 ] || [ -s "$TMP/lsp.err" ]; then
		echo "ÉCHEC lsp : session $name (code $status)"
		cat "$TMP/lsp.out" "$TMP/lsp.err" | tail -30 | sed 's/^/    /'
	elif ! diff -u "$expected" "$TMP/lsp.out" > "$TMP/lsp.diff" 2>&1; then
		echo "ÉCHEC lsp : session $name : réponses différentes de $name.expected"
		head -60 "$TMP/lsp.diff" | sed 's/^/    /'
	else
		echo "ok lsp : session $name ($(grep -c '^> ' "$expected") échanges)"
	fi
done

if python3 "$client" protocol "$LGC" > "$TMP/lsp.out" 2> "$TMP/lsp.err" &&
    [ ! -s "$TMP/lsp.err" ]; then
	echo "ok lsp : erreurs du protocole"
else
	echo "ÉCHEC lsp : erreurs du protocole"
	cat "$TMP/lsp.out" "$TMP/lsp.err" | tail -30 | sed 's/^/    /'
fi

# prefixes LGC FILE [--lines]: every request at every prefix.
prefixes() {
	bin=$1 file=$2 how=$3
	shift 3
	if n=$(python3 "$client" prefixes "$bin" "$TOP/$file" "$@" \
	    2> "$TMP/lsp.err") && [ ! -s "$TMP/lsp.err" ]; then
		echo "ok lsp : $file tapé $how, $n, chacun bien répondu"
	else
		echo "ÉCHEC lsp : $file tapé $how : $n"
		tail -30 "$TMP/lsp.err" | sed 's/^/    /'
	fi
}

for f in "$TOP"/examples/*/contrat.lgc; do
	f=${f#"$TOP"/}
	if [ "${LONG:-0}" = 1 ]; then
		prefixes "$LGC" "$f" "caractère par caractère (assainisseur)"
	else
		prefixes "$LGC" "$f" "ligne par ligne (assainisseur)" --lines
	fi
done
if [ "${LONG:-0}" != 1 ]; then
	fast=$TOP/lgc
	[ -x "$fast" ] || fast=$LGC
	prefixes "$fast" examples/accord-confidentialite/contrat.lgc \
	    "caractère par caractère" --utf8
fi
