# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The questionnaire (lgc formulaire, lgc_form): the page of every example
# and of the test templates of tests/formulaire/ is written, stable, valid
# HTML (tidy) whose script parses (node), and matches its expected text
# (tests/formulaire/NAME.page, the page without the fixed script of
# src/form/formulaire.js; UPDATE=1 rewrites them); then, in Chromium
# (puppeteer-core, tests/browser/formulaire.js), the examples are filled
# from their data and the JSON the page downloads is checked by ajv
# against `lgc schema` and by `lgc check`, and gives the very contract the
# example data gives; conditions, bounds, lists, the server's answers and
# the template's text as markup are tried there too; last, the page that
# lgc serve gives (GET /formulaire/NOM) is filled and its « PDF » button
# brings the contract back from that server.
# Environment: LGC (sanitizer build), TOP, TMP.  Prints "ok …", "ÉCHEC …"
# or "sauté … (raison)" per check.
set -u
export LGC_PATH="$TOP/stdlib"
w=$TMP/formulaire
rm -rf "$w"
mkdir -p "$w"
cases=$TOP/tests/formulaire

ok() { echo "ok formulaire : $1"; }
ko() {
	echo "ÉCHEC formulaire : $1"
	[ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/    /' "$2" | head -20
}
saute() { echo "sauté formulaire : $1 ($2)"; }

# The page without its fixed script: what the template decides.
strip_runtime() {
	sed '/^\/\/ SPDX-License-Identifier/,/^}$/d' "$1"
}

# ---- The command: each example's page, with and without a server.
for t in "$TOP"/examples/*/contrat.lgc; do
	n=$(basename "$(dirname "$t")")
	if "$LGC" formulaire "$t" -o "$w/$n.html" \
	    --rendu "/api/v1/modeles/$n/rendu" 2> "$w/err" &&
	    grep -q 'data-format="pdf"' "$w/$n.html" && [ ! -s "$w/err" ]; then
		ok "lgc formulaire $n -o $n.html --rendu …"
	else
		ko "lgc formulaire $n -o $n.html --rendu …" "$w/err"
	fi
done
n=prestation-freelance
"$LGC" formulaire "$TOP/examples/$n/contrat.lgc" > "$w/$n.stdout.html" 2> "$w/err"
if [ $? -eq 0 ] && grep -q '^<!DOCTYPE html>' "$w/$n.stdout.html" &&
    ! grep -q 'data-format=' "$w/$n.stdout.html"; then
	ok "sans -o, la page va sur la sortie standard ; sans --rendu, aucun bouton de contrat"
else
	ko "sans -o, la page va sur la sortie standard ; sans --rendu, aucun bouton de contrat" "$w/err"
fi
"$LGC" formulaire "$TOP/examples/$n/contrat.lgc" > "$w/$n.again.html" 2> /dev/null
if cmp -s "$w/$n.stdout.html" "$w/$n.again.html"; then
	ok "la page est la même d'une fois à l'autre"
else
	ko "la page change d'une fois à l'autre"
fi

# The address is the caller's, and escaped like the template's text.
"$LGC" formulaire "$TOP/examples/$n/contrat.lgc" \
    --rendu '/x?a="></script><script>alert(1)</script>' > "$w/url.html" 2> /dev/null
if [ "$(grep -c '</script>' "$w/url.html")" -eq 2 ] &&
    grep -q 'alert(1)\\u003c/script' "$w/url.html"; then
	ok "--rendu : l'adresse entre dans la page échappée"
else
	ko "--rendu : l'adresse n'est pas échappée"
fi

# ---- Usage and broken templates: nothing written, the usual codes.
"$LGC" build "$cases/conditions.lgc" --rendu /x > /dev/null 2> "$w/err"
if [ $? -eq 2 ] && grep -q "ne sert qu'à.*lgc formulaire" "$w/err"; then
	ok "--rendu hors de « lgc formulaire » : erreur d'utilisation"
else
	ko "--rendu hors de « lgc formulaire » : erreur d'utilisation" "$w/err"
fi
printf 'entree a : entier entre 1 et\n---\n{a}\n' > "$w/casse.lgc"
"$LGC" formulaire "$w/casse.lgc" -o "$w/casse.html" > /dev/null 2> "$w/err"
if [ $? -eq 1 ] && [ ! -e "$w/casse.html" ] && grep -q "erreur" "$w/err"; then
	ok "modèle en erreur : ses diagnostics, code 1, aucune page écrite"
else
	ko "modèle en erreur : ses diagnostics, code 1, aucune page écrite" "$w/err"
fi
"$LGC" formulaire "$cases/conditions.lgc" -o "$cases/conditions.lgc" 2> "$w/err"
if [ $? -eq 2 ] && grep -q "que cette compilation lit" "$w/err" &&
    head -1 "$cases/conditions.lgc" | grep -q '^//'; then
	ok "-o sur le modèle lui-même : refusé, le modèle intact"
else
	ko "-o sur le modèle lui-même : refusé, le modèle intact" "$w/err"
fi

# ---- The test templates: expected page, valid HTML, a script that parses.
if grep -qi '</script\|<!--' "$TOP/src/form/formulaire.js"; then
	ko "le script fixe de la page contient « </script » ou « <!-- »"
else
	ok "le script fixe de la page ne contient ni « </script » ni « <!-- »"
fi
for t in "$cases"/*.lgc; do
	n=$(basename "$t" .lgc)
	if ! "$LGC" formulaire "$t" -o "$w/$n.html" 2> "$w/err"; then
		ko "lgc formulaire $n" "$w/err"
		continue
	fi
	strip_runtime "$w/$n.html" > "$w/$n.page"
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$w/$n.page" "$cases/$n.page"
	fi
	if diff -u "$cases/$n.page" "$w/$n.page" > "$w/diff" 2>&1; then
		ok "$n : page attendue (tests/formulaire/$n.page)"
	else
		ko "$n : la page diffère de tests/formulaire/$n.page (UPDATE=1 la récrit)" "$w/diff"
	fi
done
for f in "$w"/*.html; do
	n=$(basename "$f" .html)
	if command -v tidy > /dev/null 2>&1; then
		if tidy -e -q "$f" > "$w/tidy" 2>&1; then
			ok "$n : HTML valide (tidy)"
		else
			ko "$n : HTML invalide (tidy)" "$w/tidy"
		fi
	fi
	if command -v node > /dev/null 2>&1; then
		# The inline script, compiled conditions included.
		awk '/^<script>$/ { on = 1; next } /^<\/script>$/ { on = 0 } on' \
		    "$f" > "$w/$n.js"
		if node --check "$w/$n.js" > "$w/node" 2>&1; then
			ok "$n : le script de la page se lit (node --check)"
		else
			ko "$n : le script de la page ne se lit pas" "$w/node"
		fi
	fi
done
command -v tidy > /dev/null 2>&1 || saute "validation HTML" "tidy absent"
command -v node > /dev/null 2>&1 || saute "script de la page" "node absent"

# ---- In the browser.
chromium=""
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" > /dev/null 2>&1; then chromium=$(command -v "$c"); break; fi
done
if [ -z "$chromium" ]; then
	saute "questionnaire dans le navigateur" "chromium absent : make deps"
	exit 0
fi
if ! command -v node > /dev/null 2>&1 ||
    [ ! -d "$TOP/tests/browser/node_modules/puppeteer-core" ]; then
	saute "questionnaire dans le navigateur" "node ou puppeteer-core absent : make deps"
	exit 0
fi
ex=$TOP/examples
gp=$ex/generation-prospects
pf=$ex/prestation-freelance
ac=$ex/accord-confidentialite
set -- \
    "generation-prospects:$w/generation-prospects.html:$gp/contrat.lgc:$gp/donnees/agence-commission.json:condition=garantie_resultats>nb_prospects,bornes=duree_mois>200,rendu=duree_mois" \
    "prestation-freelance:$w/prestation-freelance.html:$pf/contrat.lgc:$pf/donnees/developpeur-web.json:liste=livrables,bornes=delai_recette_jours>50" \
    "accord-confidentialite:$w/accord-confidentialite.html:$ac/contrat.lgc:$(ls "$ac"/donnees/*.json | head -1):condition=non_sollicitation>duree_non_sollicitation_mois" \
    "conditions:$w/conditions.html:$cases/conditions.lgc::etapes=$cases/conditions.etapes.json" \
    "xss:$w/xss.html:$cases/xss.lgc::xss"
timeout 240 node "$TOP/tests/browser/formulaire.js" "$chromium" "$LGC" "$w/out" "$@" \
    > "$w/browser" 2> "$w/browser.err"
status=$?
cat "$w/browser"
if [ "$status" -ne 0 ]; then
	ko "Chromium (code $status)" "$w/browser.err"
fi

# The questionnaire as lgc serve gives it (GET /formulaire/NOM), filled
# in Chromium, whose « PDF » button gets the contract from that server.
mkdir -p "$w/servi"
cp "$gp/contrat.lgc" "$w/servi/contrat.lgc"
"$LGC" serve "$w/servi" --port 0 2> "$w/serve.log" &
spid=$!
trap 'kill -9 $spid 2> /dev/null' EXIT INT TERM
port=
i=0
while [ $i -lt 200 ] && [ -z "$port" ]; do
	port=$(sed -n 's/^lgc serve : http:\/\/127.0.0.1:\([0-9]*\)\/ .*/\1/p' "$w/serve.log" 2> /dev/null)
	[ -z "$port" ] && sleep 0.05
	i=$((i + 1))
done
if [ -z "$port" ]; then
	ko "questionnaire servi : lgc serve ne démarre pas" "$w/serve.log"
else
	served="contrat:-:$gp/contrat.lgc:$gp/donnees/agence-commission.json:serveur,condition=garantie_resultats>nb_prospects"
	LGC_SERVE_URL=http://127.0.0.1:$port timeout 120 node \
	    "$TOP/tests/browser/formulaire.js" "$chromium" "$LGC" "$w/out" \
	    "$served" > "$w/served" 2> "$w/served.err"
	status=$?
	cat "$w/served"
	[ "$status" -eq 0 ] || ko "questionnaire servi : Chromium (code $status)" "$w/served.err"
	set -- "$@" "$served"
fi
kill -TERM $spid 2> /dev/null
wait $spid 2> /dev/null

# The page's JSON, against lgc: its schema (ajv), its check, its contract.
validator=$TOP/tests/schema/validate.js
for c in "$@"; do
	n=${c%%:*}
	rest=${c#*:}; rest=${rest#*:}
	t=${rest%%:*}
	rest=${rest#*:}
	d=${rest%%:*}
	[ -n "$d" ] || continue
	got=$w/out/$n/donnees.json
	if [ ! -f "$got" ]; then
		ko "$n : aucune donnée téléchargée"
		continue
	fi
	if [ -d "$TOP/tests/schema/node_modules/ajv" ]; then
		"$LGC" schema "$t" > "$w/$n.schema.json" 2> /dev/null
		if node "$validator" "$w/$n.schema.json" "$got" > "$w/ajv" 2>&1; then
			ok "$n : le JSON téléchargé valide le schéma de « lgc schema » (ajv)"
		else
			ko "$n : le JSON téléchargé ne valide pas le schéma (ajv)" "$w/ajv"
		fi
	else
		saute "$n : JSON téléchargé contre le schéma" "ajv absent : make deps"
	fi
	if "$LGC" check "$t" -d "$got" > /dev/null 2> "$w/err" && [ ! -s "$w/err" ]; then
		ok "$n : « lgc check -d » accepte le JSON téléchargé, sans avertissement"
	else
		ko "$n : « lgc check -d » refuse le JSON téléchargé" "$w/err"
	fi
	"$LGC" build "$t" -d "$got" -o "$w/$n.form.html" 2> /dev/null
	"$LGC" build "$t" -d "$d" -o "$w/$n.data.html" 2> /dev/null
	if [ -s "$w/$n.data.html" ] && cmp -s "$w/$n.form.html" "$w/$n.data.html"; then
		ok "$n : le contrat des données du questionnaire est celui des données de l'exemple"
	else
		diff "$w/$n.data.html" "$w/$n.form.html" > "$w/diff" 2>&1
		ko "$n : le contrat des données du questionnaire diffère" "$w/diff"
	fi
done
# The page as the script left it: still valid HTML.
if command -v tidy > /dev/null 2>&1; then
	for f in "$w"/out/*/dom.html; do
		[ -f "$f" ] || continue
		n=$(basename "$(dirname "$f")")
		# Debian's tidy predates the inputmode attribute (HTML 5.1),
		# which brings up the numeric keypad on phones.
		tidy -e -q "$f" 2>&1 |
		    grep -v 'proprietary attribute "inputmode"' > "$w/tidy"
		if [ ! -s "$w/tidy" ]; then
			ok "$n : la page construite par son script est du HTML valide (tidy)"
		else
			ko "$n : la page construite par son script est invalide (tidy)" "$w/tidy"
		fi
	done
fi
