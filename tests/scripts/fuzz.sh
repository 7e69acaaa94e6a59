# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The fuzz target under a deterministic mutator (see tests/fuzz/).
fuzz="$TOP/build/san/fuzz_smoke"
if [ ! -x "$fuzz" ]; then
	echo "ÉCHEC fuzz : $fuzz introuvable"
	exit 0
fi
"$fuzz" "$TOP/tests/fuzz/corpus" 2000 > "$TMP/fuzz.out" 2> "$TMP/fuzz.err"
status=$?
cat "$TMP/fuzz.out"
if [ $status -ne 0 ]; then
	echo "ÉCHEC fuzz : arrêt anormal (code $status)"
	sed 's/^/    /' "$TMP/fuzz.err" | head -30
fi
