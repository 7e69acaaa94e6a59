# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# lgc diff: one contract compiled with two versions of its clause library
# (tests/diff/ancien and tests/diff/nouveau: an article reworded and
# retitled, one reworded under a condition, one inserted that renumbers
# the next ones, one retitled under the same label, one removed),
# compared for one client and for a batch, in text and JSON, against
# the expected reports; identical versions, errors, usage, and a
# paragraph too long for a minimal word diff.
# Prints "ok …" or "ÉCHEC …".
set -u
export LGC_PATH="$TOP/stdlib"
d="$TOP/tests/diff"
w="$TMP/diff"
rm -rf "$w"
mkdir -p "$w"

ok() { echo "ok $1"; }
ko() { echo "ÉCHEC $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -20; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else ko "$2" "${3:-}"; fi; }

# Run from the fixtures' folder, so that the reports name
# « clients.jsonl:4 » wherever the tree lies.
cd "$d" || exit 1
versions="contrat.lgc contrat.lgc --ancien-I ancien --nouveau-I nouveau"

# shellcheck disable=SC2086
"$LGC" diff $versions -d client.json > "$w/out" 2> "$w/err"
rc=$?
diff -u attendu-client.txt "$w/out" > "$w/delta"
same=$?
[ $same -eq 0 ] && [ $rc -eq 1 ] && [ ! -s "$w/err" ]
check $? "diff : un client, articles reformulés, ajouté, renumérotés, supprimé (code 1)" "$w/delta"

# shellcheck disable=SC2086
"$LGC" diff $versions --lot clients.jsonl > "$w/out" 2> "$w/err"
rc=$?
diff -u attendu-lot.txt "$w/out" > "$w/delta"
same=$?
[ $same -eq 0 ] && [ $rc -eq 1 ] && [ ! -s "$w/err" ]
check $? "diff : --lot, chaque client puis le résumé (la garantie : 2 contrats sur 4)" "$w/delta"

# shellcheck disable=SC2086
"$LGC" diff $versions --lot clients.jsonl -f json > "$w/out" 2> "$w/err"
rc=$?
diff -u attendu-lot.jsonl "$w/out" > "$w/delta"
same=$?
[ $same -eq 0 ] && [ $rc -eq 1 ] && [ ! -s "$w/err" ] &&
    python3 -c 'import json, sys
for line in open(sys.argv[1]): json.loads(line)' "$w/out"
check $? "diff : --lot -f json, un objet par client puis le résumé" "$w/delta"

# --nom: each client named by a field of its record.
# shellcheck disable=SC2086
"$LGC" diff $versions --lot clients.jsonl --nom client > "$w/out" 2> "$w/err"
rc=$?
[ $rc -eq 1 ] && [ "$(grep -c '^== ' "$w/out")" -eq 4 ] &&
    grep -qx '== Durand et fils (clients.jsonl:4)' "$w/out"
check $? "diff : --lot --nom client, chaque client nommé par son champ" "$w/out"

# The same library on both sides: nothing to say, code 0.
"$LGC" diff contrat.lgc contrat.lgc -I ancien -d client.json > "$w/out" 2> "$w/err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$w/out" ] && [ ! -s "$w/err" ]
check $? "diff : versions identiques, rien d'écrit, code 0 (code $rc)" "$w/out"

"$LGC" diff contrat.lgc contrat.lgc -I nouveau --lot clients.jsonl > "$w/out" 2> "$w/err"
rc=$?
printf 'Résumé\302\240: 4 contrats comparés, 0 modifié, 4 identiques\n' > "$w/want"
[ $rc -eq 0 ] && cmp -s "$w/want" "$w/out" && [ ! -s "$w/err" ]
check $? "diff : --lot de versions identiques, le résumé seul, code 0" "$w/out"

# -I for both, --nouveau-I first for its side: the new library's
# clause is found before the old one's.
"$LGC" diff contrat.lgc contrat.lgc -I ancien --nouveau-I nouveau -d client.json > "$w/out" 2> "$w/err"
rc=$?
cmp -s attendu-client.txt "$w/out" && [ $rc -eq 1 ]
check $? "diff : --nouveau-I passe avant -I pour la nouvelle version" "$w/err"

# In colour: the same report, words removed in red, added in green.
# shellcheck disable=SC2086
"$LGC" diff $versions -d client.json --couleur toujours > "$w/out" 2> "$w/err"
grep -q "$(printf '\033\\[31m\\[-trimestre.-\\]\033\\[m')" "$w/out" &&
    grep -q "$(printf '\033\\[32m{+qualifiés+}\033\\[m')" "$w/out"
check $? "diff : --couleur toujours, retraits en rouge, ajouts en vert" "$w/out"

# Errors: code 2, the usual diagnostics, nothing on the standard output.
printf 'modele "Cassé"\n---\n{si}\n' > "$w/casse.lgc"
"$LGC" diff contrat.lgc "$w/casse.lgc" -I ancien -d client.json > "$w/out" 2> "$w/err"
rc=$?
[ $rc -eq 2 ] && [ ! -s "$w/out" ] && grep -q "casse.lgc:3:.*erreur" "$w/err"
check $? "diff : un modèle cassé, son diagnostic, code 2 (code $rc)" "$w/err"

# Data that both versions refuse is told once.
printf '{"client": 3}\n' > "$w/mauvais.json"
# shellcheck disable=SC2086
"$LGC" diff $versions -d "$w/mauvais.json" > "$w/out" 2> "$w/err"
rc=$?
[ $rc -eq 2 ] && [ ! -s "$w/out" ] && [ "$(grep -c 'erreur' "$w/err")" -eq 1 ]
check $? "diff : des données refusées par les deux versions, dites une fois, code 2" "$w/err"

# A record only the new version refuses (its bound is lower): said by
# it, counted in the summary, the others still compared.
sed 's/entre 1 et 36 = 12/entre 1 et 24 = 12/' contrat.lgc > "$w/borne.lgc"
cp ancien/conditions.lgc "$w/conditions.lgc"
printf '{"client": "A"}\n{"client": "B", "mois": 30}\n' > "$w/lot.jsonl"
"$LGC" diff contrat.lgc "$w/borne.lgc" -I ancien --lot "$w/lot.jsonl" > "$w/out" 2> "$w/err"
rc=$?
[ $rc -eq 2 ] && grep -q "borne.lgc.*erreur\|lot.jsonl:2.*erreur" "$w/err" &&
    [ "$(grep -c 'erreur' "$w/err")" -eq 1 ] &&
    grep -q "2 contrats comparés, 0 modifié, 1 identique, 1 en échec" "$w/out"
check $? "diff : --lot, un client refusé par la nouvelle version seule (code $rc)" "$w/err"

# A folder of records, one named with a terminal escape: the name is
# shown, the escape not obeyed (U+FFFD in its place).
mkdir -p "$w/dossier"
cp client.json "$w/dossier/$(printf 'a\033[2Jb').json"
# shellcheck disable=SC2086
"$LGC" diff $versions --lot "$w/dossier" > "$w/out" 2> "$w/err"
rc=$?
[ $rc -eq 1 ] && grep -q "^== .*/dossier/a$(printf '\357\277\275')\\[2Jb.json$" "$w/out" &&
    ! grep -q "$(printf '\033')" "$w/out"
check $? "diff : --lot d'un dossier, un nom de fichier à séquence d'échappement neutralisé (code $rc)" "$w/out"

# Usage.
"$LGC" diff contrat.lgc > "$w/out" 2> "$w/err"
rc=$?
[ $rc -eq 2 ] && grep -q "deux modèles" "$w/err"
check $? "diff : un seul modèle, erreur d'utilisation (code $rc)" "$w/err"
# shellcheck disable=SC2086
"$LGC" diff $versions -d client.json -f html > "$w/out" 2> "$w/err"
rc=$?
[ $rc -eq 2 ] && grep -q "texte ou json" "$w/err"
check $? "diff : -f html refusé (code $rc)" "$w/err"
"$LGC" help diff > "$w/out" 2> "$w/err" && grep -q -- "--nouveau-I" "$w/out"
check $? "diff : lgc help diff décrit --ancien-I et --nouveau-I" "$w/err"

# A paragraph of 100,000 words, every other one changed: far too many
# edits for a minimal word diff, shown removed and added whole, quickly.
python3 - "$w" <<'EOF'
import sys
w = sys.argv[1]
for name, step in (("long1", 0), ("long2", 1)):
    # Lines of ten words: a line break in a paragraph is a space.
    words = "".join("mot%d%s" % (i + step * (i % 2) * 1000000,
                                 "\n" if i % 10 == 9 else " ")
                    for i in range(100000))
    with open("%s/%s.lgc" % (w, name), "w") as f:
        f.write('modele "Long"\n---\n# Article\n\n%s\n' % words)
EOF
start=$(date +%s)
timeout 60 "$LGC" diff "$w/long1.lgc" "$w/long2.lgc" > "$w/out" 2> "$w/err"
rc=$?
end=$(date +%s)
[ $rc -eq 1 ] && [ $((end - start)) -lt 20 ] && grep -q '^  mot0 \[-mot1 mot2 ' "$w/out" &&
    grep -q '{+mot1000001 mot2 ' "$w/out"
check $? "diff : un paragraphe de 100 000 mots tout changé, borné ($((end - start)) s, code $rc)" "$w/err"
