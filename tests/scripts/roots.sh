# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# --racine: includes and imports confined to root folders, what golden
# cases cannot express (symbolic links made here, absolute paths of the
# test machine, a root named through a link, usage errors).  Prints
# "ok …" or "ÉCHEC …".
set -u
export LGC_PATH="$TOP/stdlib"
w="$TMP/roots"
rm -rf "$w"
mkdir -p "$w/racine/clauses" "$w/dehors"

ok() { echo "ok $1"; }
ko() { echo "ÉCHEC $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -20; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else ko "$2" "${3:-}"; fi; }

printf 'Clause permise.\n' > "$w/racine/clauses/permise.lgc"
printf 'Clause secrète.\n' > "$w/dehors/secret.lgc"
ln -s ../../dehors/secret.lgc "$w/racine/clauses/lien.lgc"
ln -s ../dehors "$w/racine/vers-dehors"
ln -s racine "$w/alias"
main() {
	printf 'modele "Contrat"\n---\n# Objet\n\n{inclure "%s"}\n' "$1" > "$w/racine/t.lgc"
}

main clauses/permise
"$LGC" build --racine "$w/racine" "$w/racine/t.lgc" > "$w/out" 2> "$w/err"
[ $? -eq 0 ] && grep -q "Clause permise" "$w/out" && [ ! -s "$w/err" ]
check $? "racine : une clause du dossier racine est incluse" "$w/err"

main clauses/lien
"$LGC" build --racine "$w/racine" "$w/racine/t.lgc" > "$w/out" 2> "$w/err"
[ $? -eq 1 ] && [ ! -s "$w/out" ] && grep -q "inclusion-hors-racine\|hors des dossiers racines" "$w/err" &&
    grep -q "lien symbolique vers ../../dehors/secret.lgc" "$w/err"
check $? "racine : un lien symbolique qui sort de la racine est refusé" "$w/err"

main vers-dehors/secret
"$LGC" build --racine "$w/racine" "$w/racine/t.lgc" > "$w/out" 2> "$w/err"
[ $? -eq 1 ] && grep -q "hors des dossiers racines" "$w/err"
check $? "racine : un dossier lien symbolique qui sort de la racine est refusé" "$w/err"

main "$w/dehors/secret"
"$LGC" build --racine "$w/racine" "$w/racine/t.lgc" > "$w/out" 2> "$w/err"
[ $? -eq 1 ] && grep -q "hors des dossiers racines" "$w/err" && ! grep -q "secrète" "$w/out"
check $? "racine : un chemin absolu hors de la racine est refusé" "$w/err"

main "$w/racine/../racine/clauses/permise"
"$LGC" build --racine "$w/alias" "$w/racine/t.lgc" > "$w/out" 2> "$w/err"
[ $? -eq 0 ] && grep -q "Clause permise" "$w/out"
check $? "racine : chemin absolu avec « .. » dans la racine, racine nommée par un lien" "$w/err"

main "$w/dehors/secret"
"$LGC" build --racine "$w/racine" --racine "$w/dehors" "$w/racine/t.lgc" > "$w/out" 2> "$w/err"
[ $? -eq 0 ] && grep -q "Clause secrète" "$w/out"
check $? "racine : --racine est répétable" "$w/err"

main clauses/lien
"$LGC" build "$w/racine/t.lgc" > "$w/out" 2> "$w/err"
[ $? -eq 0 ] && grep -q "Clause secrète" "$w/out"
check $? "racine : sans --racine, rien n'est confiné" "$w/err"

"$LGC" build --racine "$w/nulle-part" "$w/racine/t.lgc" > "$w/out" 2> "$w/err"
[ $? -eq 2 ] && grep -q "nulle-part" "$w/err" && [ ! -s "$w/out" ]
check $? "racine : un dossier racine introuvable est une erreur d'utilisation (code 2)" "$w/err"
