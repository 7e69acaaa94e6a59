# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The examples of the documentation against lgc: every ```lgc block of
# docs/langage.md and docs/diagnostics.md checks (or gives the diagnostic
# its directive names), its data builds, and each line of its
# « sortie » block is in the contract (docs/verifier-exemples.py).  One
# "ok" per step of each example, so a doc that drifts from lgc fails.
set -u
if ! command -v python3 > /dev/null 2>&1; then
	echo "sauté exemples de la documentation (python3 absent)"
	exit 0
fi
cd "$TOP" || exit 1
LGC="$LGC" LGC_STDLIB="$TOP/stdlib" python3 docs/verifier-exemples.py \
    docs/langage.md docs/diagnostics.md -v > "$TMP/docs.out" 2>&1
status=$?
cat "$TMP/docs.out"
# A crash of the script itself fails too.
if [ "$status" -ne 0 ] && ! grep -q '^ÉCHEC' "$TMP/docs.out"; then
	echo "ÉCHEC exemples de la documentation (code $status)"
fi

# The alphabetical index of docs/diagnostics.md is drawn from its sections
# (docs/index-diagnostiques.py): a code added without it, or a link to a
# code with no section, fails.
if python3 docs/index-diagnostiques.py --verifier docs/diagnostics.md; then
	echo "ok index des codes de docs/diagnostics.md à jour"
else
	echo "ÉCHEC index des codes de docs/diagnostics.md (python3 docs/index-diagnostiques.py docs/diagnostics.md)"
fi
