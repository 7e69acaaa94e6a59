# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Provenance (docs/provenance.md): lgc build --provenance and lgc
# explique.  The answers of explique for tests/provenance/contrat.lgc
# against tests/provenance/attendu/ (an article from a clause, one from
# a {sinon}, a label, a sub-article, one with a conditional part, an
# unknown one); the JSON of the example contract checked for a few
# articles against the lines of its clauses, its conditions and values;
# the JSON against docs/provenance.schema.json (ajv); nothing written
# on error; and explique answering for every article of every example
# with each of its data sets.  Prints "ok …", "ÉCHEC …" or "sauté …".
set -u
export LGC_PATH="$TOP/stdlib"
w="$TMP/provenance"
rm -rf "$w"
mkdir -p "$w"
d=$TOP/tests/provenance

ok() { echo "ok $1"; }
ko() { echo "ÉCHEC $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -20; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else ko "$2" "${3:-}"; fi; }

# explique NAME DATA ARTICLE: the answer (or the diagnostic, for an
# expected .err) against attendu/NAME.
explique() {
	(cd "$d" && "$LGC" explique contrat.lgc -d "$2" "$3") \
	    > "$w/$1.out" 2> "$w/$1.err"
	status=$?
	: > "$w/$1.why"
	if [ -f "$d/attendu/$1.err" ]; then
		[ "$status" -eq 1 ] && [ ! -s "$w/$1.out" ] &&
		    diff -u "$d/attendu/$1.err" "$w/$1.err" > "$w/$1.why"
	else
		[ "$status" -eq 0 ] && [ ! -s "$w/$1.err" ] &&
		    diff -u "$d/attendu/$1.txt" "$w/$1.out" > "$w/$1.why"
	fi
	r=$?
	[ "$r" -ne 0 ] && cat "$w/$1.err" >> "$w/$1.why"
	check "$r" "explique : $4" "$w/$1.why"
}

explique clause client.json 2 "un article venu d'une clause incluse"
explique sinon sans-garantie.json 3 \
    "un article de {sinon} : la condition fausse qui l'y met"
explique etiquette client.json garantie "un article désigné par son étiquette"
explique sous-article client.json "3.1" "un sous-article"
explique parties client.json "article 4" \
    "un article dont une partie dépend d'un {selon}"
explique inconnu client.json 9 \
    "un article inconnu : article-inconnu, avec une suggestion"
explique etiquette-proche client.json garanti \
    "une étiquette mal écrite : l'étiquette la plus proche proposée"

# Usage: the article is needed, and only one.
(cd "$d" && "$LGC" explique contrat.lgc -d client.json) > "$w/u1" 2>&1
[ $? -eq 2 ] && grep -q "explique demande l'article" "$w/u1"
check $? "explique sans article : erreur d'usage" "$w/u1"
(cd "$d" && "$LGC" explique contrat.lgc -d client.json 1 2) > "$w/u2" 2>&1
[ $? -eq 2 ] && grep -q "un seul article à la fois" "$w/u2"
check $? "explique avec deux articles : erreur d'usage" "$w/u2"

# The JSON of tests/provenance: exact places, conditions and values.
(cd "$d" && "$LGC" build contrat.lgc -d client.json -o "$w/c.html" \
    --provenance "$w/c.json") > "$w/build.err" 2>&1
check $? "build --provenance : sans erreur" "$w/build.err"
python3 - "$w/c.json" > "$w/json.why" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "lgc-provenance" and d["version"] == 1, d.get("format")
bs = d["blocs"]
def heading(n):
    return next(b for b in bs if b["type"] == "titre" and b["numero"] == n)
g = heading("3")
assert g["etiquette"] == "garantie", g
assert g["source"] == {"fichier": "contrat.lgc", "debut": 19, "fin": 19}, g["source"]
assert [(c["mot"], c["expression"], c["remplie"]) for c in g["conditions"]] == \
    [("si", "garantie", True)], g["conditions"]
e = g["conditions"][0]["entrees"][0]
assert (e["nom"], e["valeur"], e["fichier"], e["chemin"]) == \
    ("garantie", "vrai", "client.json", "garantie"), e
p = [b for b in bs if b.get("titre") == g["indice"]][0]
vals = [(v["expression"], v["valeur"], v["nature"], v["fichier"], v["chemin"])
        for v in p["valeurs"]]
assert vals == [("volume", "200", "entree", "client.json", "volume"),
                ("duree_mois", "6", "entree", "client.json", "duree_mois")], vals
o = heading("2")
assert o["source"]["fichier"] == "clauses/objet.lgc", o["source"]
inc = o["inclusions"]
assert len(inc) == 1 and inc[0]["clause"] == "clauses/objet.lgc" and \
    inc[0]["fichier"] == "contrat.lgc" and inc[0]["ligne"] == 16, inc
assert inc[0]["parametres"] == [{"nom": "nom", "expression": "client",
    "valeur": '"Solveo"'}], inc[0]["parametres"]
t = heading("3.1")
tp = [b for b in bs if b.get("titre") == t["indice"]][0]
assert [(v["expression"], v["valeur"], v["nature"], v["chemin"])
        for v in tp["valeurs"]] == [("total", "1\u00a0200", "calcul", None)], tp
prix = [b for b in bs if b.get("titre") == heading("4")["indice"]]
assert prix[0]["conditions"][0]["mot"] == "selon" and \
    prix[0]["conditions"][0]["cas"] == "cas forfait", prix[0]
print("ok")
EOF
check $? "build --provenance : lieux, conditions et valeurs exacts" "$w/json.why"

# The example contract: a few articles against its clauses' lines.
ex=$TOP/examples/generation-prospects
line_of() { grep -n "^$2\$" "$TOP/stdlib/$1" | head -1 | cut -d: -f1; }
inc_line() { grep -n "^{inclure \"$1\"" "$ex/contrat.lgc" | sed -n "${2}p" | cut -d: -f1; }
for data in agence-commission forfait-arbitrage; do
	(cd "$ex" && "$LGC" build contrat.lgc -d "donnees/$data.json" \
	    -o "$w/ex.html" --provenance "$w/$data.json") > "$w/ex.err" 2>&1
	check $? "exemple $data : build --provenance" "$w/ex.err"
done
python3 - "$w" "$(line_of remuneration.lgc '# Rémunération')" \
    "$(inc_line remuneration 1)" "$(line_of resultats.lgc '# Résultats')" \
    "$(inc_line resultats 1)" "$(inc_line resultats 2)" \
    > "$w/ex.why" 2>&1 <<'EOF'
import json, sys
w, remu, remu_inc, res, res_inc_si, res_inc_sinon = sys.argv[1], *map(int, sys.argv[2:])
def load(n):
    return json.load(open(f"{w}/{n}.json"))["blocs"]
def heading(bs, text):
    return next(b for b in bs if b["type"] == "titre" and b["texte"] == text)
a = load("agence-commission")
r = heading(a, "Rémunération")
assert r["source"]["fichier"].endswith("stdlib/remuneration.lgc") and \
    r["source"]["debut"] == remu, (r["source"], remu)
assert r["inclusions"][-1]["fichier"] == "contrat.lgc" and \
    r["inclusions"][-1]["ligne"] == remu_inc, r["inclusions"]
c = r["conditions"]
assert [(x["mot"], x["expression"], x.get("cas"), x["remplie"]) for x in c] == \
    [("selon", "facturation", "cas commission", True)], c
e = c[0]["entrees"][0]
assert e["valeur"] == "commission" and \
    e["fichier"] == "donnees/agence-commission.json", e
body = [b for b in a if b.get("titre") == r["indice"]]
vals = {v["expression"]: v for b in body for v in b["valeurs"]}
assert vals["taux_commission"]["valeur"] == "12\u00a0%" and \
    vals["taux_commission"]["nature"] == "entree" and \
    vals["taux_commission"]["chemin"] == "taux_commission", vals
g = heading(a, "Résultats")
assert g["source"]["debut"] == res and g["inclusions"][-1]["ligne"] == res_inc_si, g
assert g["conditions"][0]["expression"] == "garantie_resultats" and \
    g["conditions"][0]["remplie"] is True, g["conditions"]
f = heading(load("forfait-arbitrage"), "Résultats")
assert f["inclusions"][-1]["ligne"] == res_inc_sinon, f["inclusions"]
assert [(x["expression"], x["remplie"]) for x in f["conditions"]] == \
    [("garantie_resultats", False)], f["conditions"]
assert f["conditions"][0]["entrees"][0]["valeur"] == "faux", f["conditions"]
print("ok")
EOF
check $? "exemple : fichiers, lignes, inclusions, conditions et valeurs de trois articles" "$w/ex.why"

# The format, against its schema.
if [ -d "$TOP/tests/schema/node_modules/ajv" ] && command -v node > /dev/null 2>&1; then
	node "$TOP/tests/schema/validate.js" "$TOP/docs/provenance.schema.json" \
	    "$w/c.json" "$w/agence-commission.json" "$w/forfait-arbitrage.json" \
	    > "$w/ajv" 2>&1
	check $? "provenance : le JSON valide docs/provenance.schema.json (ajv)" "$w/ajv"
else
	echo "sauté provenance : schéma JSON (ajv absent : make deps)"
fi

# Nothing written on error, the contract nor its provenance.
printf '{"client": "X", "garantie": true, "volume": 5000, "duree_mois": 6, "facturation": "forfait"}\n' \
    > "$w/mauvais.json"
rm -f "$w/m.html" "$w/m.json"
(cd "$d" && "$LGC" build contrat.lgc -d "$w/mauvais.json" -o "$w/m.html" \
    --provenance "$w/m.json") > "$w/m.err" 2>&1
[ $? -eq 1 ] && [ ! -e "$w/m.html" ] && [ ! -e "$w/m.json" ]
check $? "build --provenance : rien d'écrit après une erreur" "$w/m.err"
"$LGC" build "$d/contrat.lgc" --lot "$w/x.jsonl" --sortie "$w/lot" \
    --provenance "$w/l.json" > "$w/lot.err" 2>&1
[ $? -eq 2 ] && grep -q "provenance" "$w/lot.err" && [ ! -e "$w/l.json" ]
check $? "build --lot --provenance : refusé" "$w/lot.err"

# Every article of every example, with each of its data sets.
n=0
: > "$w/all.why"
for t in "$TOP"/examples/*/contrat.lgc; do
	ed=$(dirname "$t")
	for data in "$ed"/donnees/*.json; do
		(cd "$ed" && "$LGC" build contrat.lgc -d "$data" -o "$w/all.html" \
		    --provenance "$w/all.json") >> "$w/all.why" 2>&1 || {
			echo "$t $data : build" >> "$w/all.why"; continue; }
		python3 -c '
import json, sys
for b in json.load(open(sys.argv[1]))["blocs"]:
    if b["type"] == "titre":
        print(b["numero"] or "", b["etiquette"] or "", sep="\t")
' "$w/all.json" > "$w/articles"
		while IFS="	" read -r num label; do
			for a in $num $label; do
				n=$((n + 1))
				(cd "$ed" && "$LGC" explique contrat.lgc -d "$data" "$a") \
				    > "$w/one" 2>> "$w/all.why"
				if [ $? -ne 0 ] || ! grep -q "^L'article $num (.*\.\$" "$w/one"; then
					echo "$t $data $a :" >> "$w/all.why"
					cat "$w/one" >> "$w/all.why"
				fi
			done
		done < "$w/articles"
	done
done
[ "$n" -gt 100 ] && [ ! -s "$w/all.why" ]
check $? "explique : chacun des $n articles des exemples, avec chaque jeu de données" "$w/all.why"

# HTML: each block carries its source, and the page a button to show
# it; what is left once they are taken out is the page built without
# the option, byte for byte.  Another format is unchanged by the option.
(cd "$d" && "$LGC" build contrat.lgc -d client.json -o "$w/plain.html" &&
    "$LGC" build contrat.lgc -d client.json -o "$w/prov.html" \
    --provenance "$w/prov.json" &&
    "$LGC" build contrat.lgc -d client.json -o "$w/plain.tex" &&
    "$LGC" build contrat.lgc -d client.json -o "$w/prov.tex" \
    --provenance "$w/prov2.json") > "$w/html.err" 2>&1
check $? "build --provenance : HTML et LaTeX" "$w/html.err"
cmp -s "$w/plain.tex" "$w/prov.tex"
check $? "build --provenance : le LaTeX est le même que sans l'option"
python3 - "$w/plain.html" "$w/prov.html" "$w/prov.json" > "$w/html.why" 2>&1 <<'PY'
import json, re, sys
plain, prov = open(sys.argv[1]).read(), open(sys.argv[2]).read()
blocs = json.load(open(sys.argv[3]))["blocs"]
attrs = re.findall(r' data-source="([^"]*)"', prov)
want = [b for b in blocs if b["source"] is not None]
assert len(attrs) == len(want) and len(attrs) > 10, (len(attrs), len(want))
assert 'data-source="contrat.lgc:19 ; si garantie"' in prov, attrs
assert 'data-source="clauses/objet.lgc:6 ; inclus par contrat.lgc:16"' in prov, attrs
assert 'data-source="contrat.lgc:36 ; selon facturation : cas forfait"' in prov, attrs
assert "data-source" not in plain and "lgc-provenance" not in plain
bare = re.sub(r' data-source="[^"]*"', "", prov)
bare = re.sub(r'#lgc-provenance \{.*?@media print \{ #lgc-provenance \{ display: none; \} \}\n',
              "", bare, flags=re.S)
bare = re.sub(r'<button id="lgc-provenance".*?</script>\n', "", bare, flags=re.S)
assert bare == plain, "la page sans ses annotations diffère"
print("ok")
PY
check $? "build --provenance : en HTML, chaque bloc porte sa source, et rien d'autre ne change" "$w/html.why"
if command -v tidy > /dev/null 2>&1; then
	tidy -e -q "$w/prov.html" > "$w/tidy" 2>&1
	check $? "build --provenance : la page annotée est du HTML valide (tidy)" "$w/tidy"
else
	echo "sauté build --provenance : validation HTML (tidy absent)"
fi

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chromium" ] && command -v node > /dev/null 2>&1 &&
    [ -d "$TOP/tests/browser/node_modules/puppeteer-core" ]; then
	timeout 120 node "$TOP/tests/browser/provenance.js" "$chromium" \
	    "$w/prov.html" > "$w/nav.out" 2> "$w/nav.err"
	status=$?
	cat "$w/nav.out"
	[ "$status" -eq 0 ] && grep -q "^ok" "$w/nav.out" &&
	    ! grep -q "^ÉCHEC" "$w/nav.out"
	check $? "navigateur : provenance.js (code $status)" "$w/nav.err"
else
	echo "sauté navigateur : provenance au survol (chromium, node ou puppeteer-core absent : make deps)"
fi
