# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The fuzz targets (tests/fuzz/) under the deterministic driver, with
# the sanitizer build: each replays its committed corpus and every past
# crash (tests/fuzz/crashes/TARGET/), then a few hundred mutations.  And
# the dictionary must be what tests/fuzz/dict.sh writes from the
# sources, so that it names every filter, function, keyword and type.
fuzz=$TOP/tests/fuzz
for t in render:300 data:100 surface:400; do
	target=${t%:*}
	n=${t#*:}
	bin="$TOP/build/san/fuzz_smoke_$target"
	if [ ! -x "$bin" ]; then
		echo "ÉCHEC fuzz $target : $bin introuvable"
		continue
	fi
	dict=$fuzz/lgc.dict
	[ "$target" = data ] && dict=$fuzz/json.dict
	"$bin" -t "fuzz $target" -n "$n" -x "$dict" "$fuzz/corpus/$target" \
	    "$fuzz/crashes/$target" > "$TMP/fuzz.out" 2> "$TMP/fuzz.err"
	status=$?
	cat "$TMP/fuzz.out"
	if [ $status -ne 0 ]; then
		echo "ÉCHEC fuzz $target : arrêt anormal (code $status)"
		sed 's/^/    /' "$TMP/fuzz.err" | head -30
	fi
done

if sh "$fuzz/dict.sh" > "$TMP/dict" 2> "$TMP/dict.err" &&
    cmp -s "$TMP/dict" "$fuzz/lgc.dict"; then
	echo "ok fuzz : lgc.dict couvre les filtres, fonctions, mots-clés et types des sources"
else
	echo "ÉCHEC fuzz : tests/fuzz/lgc.dict n'est plus ce qu'écrit tests/fuzz/dict.sh (make tests/fuzz/lgc.dict)"
	cat "$TMP/dict.err"
	diff "$fuzz/lgc.dict" "$TMP/dict" | head -10 | sed 's/^/    /'
fi
