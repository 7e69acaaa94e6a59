# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The drafting linter's command line: what golden cases cannot express
# (usage errors, which commands run it).  Prints "ok …" or "ÉCHEC …".
set -u
export LGC_PATH="$TOP/stdlib"
w="$TMP/lint"
rm -rf "$w"
mkdir -p "$w"

ok() { echo "ok $1"; }
ko() { echo "ÉCHEC $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -20; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else ko "$2" "${3:-}"; fi; }

cat > "$w/t.lgc" <<'LGC'
entree inutile : texte = "x"
---
Ledit contrat et/ou ses annexes.
LGC

"$LGC" check -Wbidule "$w/t.lgc" > "$w/out" 2> "$w/err"
[ $? -eq 2 ] && grep -q "avertissement inconnu.*bidule" "$w/err"
check $? "lint : -W inconnu, erreur d'utilisation (code 2)" "$w/err"

"$LGC" lint --sujets parties,tarifs "$w/t.lgc" > "$w/out" 2> "$w/err"
[ $? -eq 2 ] && grep -q "tarifs.*n.est pas un sujet" "$w/err"
check $? "lint : --sujets inconnu, erreur d'utilisation (code 2)" "$w/err"

# A -W that names no lint code does not run the linter.
"$LGC" check -Wentree-inutilisee "$w/t.lgc" > "$w/out" 2> "$w/err"
[ $? -eq 0 ] && grep -q "entree\|entrée" "$w/err" && ! grep -q "ledit\|et/ou" "$w/err"
check $? "lint : -Wentree-inutilisee ne lance pas le linter" "$w/err"

# -Wlint works with build too, and the contract is still written.
"$LGC" build -Wlint-ledit "$w/t.lgc" -o "$w/t.html" > "$w/out" 2> "$w/err"
[ $? -eq 0 ] && [ -s "$w/t.html" ] && grep -q "lint-ledit\|Ledit" "$w/err" &&
    ! grep -q "et/ou » est ambigu" "$w/err"
check $? "lint : build -Wlint-ledit avertit et écrit le contrat" "$w/err"

# lint checks the data too when given, like check.
echo '{"inutile": 3}' > "$w/d.json"
"$LGC" lint "$w/t.lgc" -d "$w/d.json" > "$w/out" 2> "$w/err"
[ $? -eq 1 ] && grep -q "lint-ledit\|Ledit" "$w/err"
check $? "lint : des données invalides donnent le code 1" "$w/err"
