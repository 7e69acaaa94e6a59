# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# --racine: includes and imports confined to root folders, what golden
# cases cannot express (symbolic links made here, absolute paths of the
# test machine, a root named through a link, usage errors), and that a
# file outside the roots gets the same answer whether or not it exists.
# (That the check judges the descriptor opened, not a name, is the unit
# test path/descriptor: a swap between open and check is made there.)
# Prints "ok …" or "ÉCHEC …".
set -u
export LGC_PATH="$TOP/stdlib"
w="$TMP/roots"
rm -rf "$w"
mkdir -p "$w/racine/clauses" "$w/dehors"

ok() { echo "ok $1"; }
ko() { echo "ÉCHEC $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -20; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else ko "$2" "${3:-}"; fi; }

printf 'Clause permise.\n' > "$w/racine/clauses/permise.lgc"
mkdir -p "$w/recherche"
printf 'Clause de recherche.\n' > "$w/recherche/secret.lgc"
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

# Existence: every pair names a file that exists outside (secret) and
# one that does not (absent), the same way; the answers must be the
# same text but for that word, and both refusals.
ln -s ../../dehors/secret.lgc "$w/racine/clauses/lien-secret.lgc"
ln -s ../../dehors/absent.lgc "$w/racine/clauses/lien-absent.lgc"
ln -s lien-secret.lgc "$w/racine/clauses/chaine-secret.lgc"
ln -s lien-absent.lgc "$w/racine/clauses/chaine-absent.lgc"
# answer NAME [OPTIONS…]: the diagnostics of {inclure "NAME"}, in $w/err.
answer() {
	inc=$1
	shift
	main "$inc"
	"$LGC" build --racine "$w/racine" "$@" "$w/racine/t.lgc" \
	    > "$w/out" 2> "$w/err"
}
# same SECRET ABSENT CODE DESCRIPTION [OPTIONS…]
same() {
	secret=$1 absent=$2 code=$3 what=$4
	shift 4
	answer "$secret" "$@"
	s1=$?
	sed 's/secret/absent/g' "$w/err" > "$w/err.secret"
	answer "$absent" "$@"
	s2=$?
	if [ $s1 -eq 1 ] && [ $s2 -eq 1 ] && grep -q "$code" "$w/err" &&
	    cmp -s "$w/err.secret" "$w/err" && ! grep -q "secrète" "$w/out"
	then
		ok "racine : $what, le même diagnostic qu'il existe ou non"
	else
		ko "racine : $what, le même diagnostic qu'il existe ou non"
		diff "$w/err.secret" "$w/err" | sed 's/^/    /' | head -20
	fi
}
# Diagnostics in text form name the code only in JSON: the message says.
out="est hors des dossiers racines"
same "$w/dehors/secret" "$w/dehors/absent" "$out" \
    "un chemin absolu hors de la racine"
same ../dehors/secret ../dehors/absent "$out" "« .. » qui sort de la racine"
same vers-dehors/secret vers-dehors/absent "$out" \
    "un dossier lien symbolique qui sort de la racine"
same vers-dehors/../dehors/secret vers-dehors/../dehors/absent "$out" \
    "« .. » après un dossier lien symbolique"
same clauses/chaine-secret clauses/chaine-absent "$out" \
    "une chaîne de liens symboliques qui sort de la racine"
same "/proc/self/root$w/dehors/secret" "/proc/self/root$w/dehors/absent" \
    "$out" "un chemin par /proc/self/root"
same secret absent "introuvable" \
    "un dossier de recherche (-I) hors des racines n'est pas consulté" \
    -I "$w/recherche"
grep -q "pas consultés, hors des dossiers racines.*$w/recherche, " "$w/err"
check $? "racine : la note nomme le dossier de recherche non consulté" "$w/err"

# A link whose target is missing says where it points, as one whose
# target exists.
answer clauses/lien-absent
[ $? -eq 1 ] && grep -q "$out" "$w/err" &&
    grep -q "lien symbolique vers ../../dehors/absent.lgc" "$w/err"
check $? "racine : un lien vers un fichier absent hors de la racine est refusé" \
    "$w/err"

# Written outside, refused as written, even when it leads back in.
answer "/proc/self/root$w/racine/clauses/permise"
[ $? -eq 1 ] && grep -q "$out" "$w/err"
check $? "racine : /proc/self/root vers la racine est refusé tel qu'écrit" \
    "$w/err"

# Links that stay inside are followed; one to a file missing inside is
# not found, not « hors racine ».
ln -s permise.lgc "$w/racine/clauses/alias.lgc"
ln -s inexistante.lgc "$w/racine/clauses/pendant.lgc"
answer clauses/alias
[ $? -eq 0 ] && grep -q "Clause permise" "$w/out"
check $? "racine : un lien symbolique qui reste dans la racine est suivi" \
    "$w/err"
answer clauses/pendant
[ $? -eq 1 ] && grep -q "introuvable" "$w/err" && ! grep -q "$out" "$w/err"
check $? "racine : un lien vers un fichier absent de la racine est introuvable" \
    "$w/err"
answer clauses/absente
[ $? -eq 1 ] && grep -q "introuvable" "$w/err" &&
    grep -q "cherché dans $w/racine" "$w/err"
check $? "racine : un fichier absent de la racine est introuvable" "$w/err"

# A hard link in the root is a file of the root (whoever made it could
# have copied the file); one outside to a file of the root is outside.
if ln "$w/dehors/secret.lgc" "$w/racine/dur.lgc" 2> /dev/null &&
    ln "$w/racine/clauses/permise.lgc" "$w/dehors/dur.lgc" 2> /dev/null; then
	answer dur
	[ $? -eq 0 ] && grep -q "Clause secrète" "$w/out"
	check $? "racine : un lien physique dans la racine en est un fichier" \
	    "$w/err"
	answer "$w/dehors/dur"
	[ $? -eq 1 ] && grep -q "$out" "$w/err"
	check $? "racine : un lien physique hors de la racine est refusé" \
	    "$w/err"
else
	echo "sauté racine : liens physiques (ln refusé dans $TMP)"
fi

# Imports go the same way.
for f in secret absent; do
	printf 'modele "Contrat"\nimporter "clauses/lien-%s"\n---\nTexte.\n' \
	    $f > "$w/racine/t.lgc"
	"$LGC" build --racine "$w/racine" "$w/racine/t.lgc" > "$w/out" \
	    2> "$w/err"
	echo "$?" >> "$w/err"
	sed 's/secret/absent/g' "$w/err" > "$w/err.$f"
done
grep -q "$out" "$w/err" && cmp -s "$w/err.secret" "$w/err.absent" &&
    [ "$(tail -1 "$w/err")" = 1 ]
check $? "racine : importer, le même diagnostic qu'il existe ou non" "$w/err"

# A FIFO does not stall the compilation waiting for a writer (timeout
# only guards against a hang; it measures nothing).
if mkfifo "$w/racine/tube.lgc" 2> /dev/null; then
	main tube
	timeout 60 "$LGC" build --racine "$w/racine" "$w/racine/t.lgc" \
	    > "$w/out" 2> "$w/err"
	check $? "racine : un tube nommé inclus ne bloque pas" "$w/err"
else
	echo "sauté racine : tube nommé (mkfifo refusé dans $TMP)"
fi
