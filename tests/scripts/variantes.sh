# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# lgc variantes: a template whose variants are known by hand is counted
# exactly (2 booléens × a 3-value choix, one combination refused by an
# exiger: 11); a value printed but never tested makes no variant; the
# decisions reach into clauses through their parameters, optional inputs
# and dates; past --max every pair of decisions is covered by a witness
# that built, and 60 booléens neither hang nor explode; every example and
# every clause of the library passes with no unreachable branch and every
# witness building; the HTML report escapes the template's text;
# --ecrire writes each variant's data and document, and the data builds
# that document; -Wvariantes brings the warnings to lgc check; bad
# arguments are refused.  The kinds of unreachable branch have their
# golden cases (tests/golden/variantes/).
# Environment: LGC (sanitizer build), TOP, TMP.  Prints "ok …", "ÉCHEC …"
# per check.
set -u
export LGC_PATH="$TOP/stdlib"
w=$TMP/variantes
rm -rf "$w"
mkdir -p "$w"

ok() { echo "ok variantes : $1"; }
ko() {
	echo "ÉCHEC variantes : $1"
	[ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/    /' "$2" | head -20
}

# json FILE EXPR: prints the Python expression EXPR over the report R.
json() {
	python3 -c 'import json,sys
R = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$1" "$2" 2>> "$w/py.err"
}

# Whether every pair of decision values appears in a witness that built
# (and every value, for a single decision).
pairs_covered() {
	python3 -c 'import json,sys,itertools
R = json.load(open(sys.argv[1]))
ds = [(d["nom"], d["valeurs"]) for d in R["decisions"]]
built = [t["decisions"] for t in R["temoins"] if t["etat"] == "construit"]
missing = 0
for (a, va), (b, vb) in itertools.combinations(ds, 2):
    for x in va:
        for y in vb:
            if not any(t[a] == x and t[b] == y for t in built):
                missing += 1
print(missing)' "$1"
}

# ---- Counted by hand: a, b booléens, mode choix(x, y, z); the
# combination a et b et mode = z is refused: 12 - 1 = 11 documents.
cat > "$w/compte.lgc" <<'EOF'
entree a : booleen "Option A ?"
entree b : booleen "Option B ?"
entree mode : choix(x, y, z) "Mode ?"
exiger non (a et b et mode = z) sinon "A, B et le mode z ne vont pas ensemble."
---
# Objet
{si a}
## Option A
Texte A.
{fin}
{si b}Texte B.{fin}
{selon mode}
{cas x}Mode x.
{cas y}Mode y.
{cas z}Mode z.
{fin}
EOF
if "$LGC" variantes "$w/compte.lgc" --format json -o "$w/compte.json" \
    2> "$w/err" && [ ! -s "$w/err" ] &&
    [ "$(json "$w/compte.json" 'R["variantes"]')" = 11 ] &&
    [ "$(json "$w/compte.json" 'R["refusees"]')" = 1 ] &&
    [ "$(json "$w/compte.json" 'R["echecs"]')" = 0 ] &&
    [ "$(json "$w/compte.json" 'R["couverture"]')" = toutes ] &&
    [ "$(json "$w/compte.json" 'len(R["temoins"])')" = 12 ]; then
	ok "2 booléens × un choix de 3, une combinaison refusée : 11 variantes"
else
	ko "le compte à la main (11 variantes, 1 refusée)" "$w/err"
fi
# The same without the exiger: all 12.
sed '/^exiger/d' "$w/compte.lgc" > "$w/compte12.lgc"
if "$LGC" variantes "$w/compte12.lgc" --format json -o "$w/compte12.json" \
    2> "$w/err" && [ "$(json "$w/compte12.json" 'R["variantes"]')" = 12 ] &&
    [ "$(json "$w/compte12.json" 'R["refusees"]')" = 0 ]; then
	ok "sans l'exigence : 12 variantes"
else
	ko "sans l'exigence, 12 variantes attendues" "$w/err"
fi
# The text report: the count, the condition of each article that is
# not in every variant, the refused combination; with --matrice, the
# whole matrix and each refused witness.
if "$LGC" variantes "$w/compte.lgc" > "$w/compte.txt" 2> "$w/err" &&
    grep -q '^Ce modèle produit 11 contrats de structure différente ;' \
    "$w/compte.txt" &&
    grep -q '^  Option A  a$' "$w/compte.txt" &&
    grep -q '^  1 × compte.lgc:4 : A, B et le mode z' "$w/compte.txt" &&
    grep -q '^      avec a = vrai, b = vrai, mode = z$' "$w/compte.txt" &&
    grep -q 'aucune branche impossible ni toujours prise' "$w/compte.txt"; then
	ok "rapport texte : compte, condition de chaque article, combinaison refusée"
else
	ko "rapport texte" "$w/compte.txt"
fi
if "$LGC" variantes "$w/compte.lgc" --matrice > "$w/matrice.txt" \
    2> "$w/err" && grep -q '^Variantes distinctes : 11$' "$w/matrice.txt" &&
    grep -q '^    Option A  *·  *✓  *·' "$w/matrice.txt" &&
    grep -q 'témoin 12 (a = vrai, b = vrai, mode = z) : .*A, B et le mode z' \
    "$w/matrice.txt" &&
    ! "$LGC" variantes "$w/compte.lgc" --matrice --format json \
    > /dev/null 2>&1; then
	ok "--matrice : la matrice complète, chaque témoin refusé (pas avec --format json)"
else
	ko "--matrice" "$w/matrice.txt"
fi

# ---- A value printed but never tested: one document, one variant.
cat > "$w/valeur.lgc" <<'EOF'
entree a : booleen "Option A ?"
entree nom : texte "Nom du client"
---
# Objet
Le client {nom} choisit {si a}l'option A{sinon}l'option B{fin}.
EOF
if "$LGC" variantes "$w/valeur.lgc" --format json -o "$w/valeur.json" 2> "$w/err" &&
    [ "$(json "$w/valeur.json" 'R["variantes"]')" = 2 ] &&
    [ "$(json "$w/valeur.json" '[d["nom"] for d in R["decisions"]]')" = "['a']" ]; then
	ok "une valeur imprimée mais jamais testée n'est pas une décision"
else
	ko "décisions d'un modèle à une condition" "$w/err"
fi

# ---- Clauses and their parameters, presence, dates, amounts, texts.
mkdir -p "$w/clauses"
cat > "$w/clauses/duree.lgc" <<'EOF'
parametre mois : entier entre 1 et 36 "Durée en mois"
---
## Durée
{si mois > 12}Le contrat est conclu pour une longue durée.{fin}
EOF
cat > "$w/params.lgc" <<'EOF'
entree duree : entier entre 1 et 36 "Durée en mois"
entree debut : date "Date de début"
entree acompte : montant entre 0 € et 10000 € = 0 € "Acompte"
entree mediateur : texte = "" "Médiateur (vide : aucun)"
entree reference : texte optionnel "Référence interne"
---
# Objet
{inclure "duree" avec mois = duree}
{si debut >= 2027-01-01}Le contrat prend effet en 2027 ou après.{fin}
{si acompte > 0 €}Un acompte est versé.{fin}
{si mediateur != ""}Médiation : {mediateur}.{fin}
{si reference existe}Référence : {reference}.{fin}
EOF
if "$LGC" variantes "$w/params.lgc" -I "$w/clauses" --format json \
    -o "$w/params.json" 2> "$w/err" && [ ! -s "$w/err" ] &&
    [ "$(json "$w/params.json" '[d["valeurs"] for d in R["decisions"] if d["nom"] == "duree"][0]')" = "['1', '11', '12', '13']" ] &&
    [ "$(json "$w/params.json" '[d["valeurs"] for d in R["decisions"] if d["nom"] == "debut"][0]')" = "['2026-12-31', '2027-01-01', '2027-01-02']" ] &&
    [ "$(json "$w/params.json" '[d["valeurs"] for d in R["decisions"] if d["nom"] == "acompte"][0]')" = "['0 €', '1 €']" ] &&
    [ "$(json "$w/params.json" '"absent" in [d["valeurs"] for d in R["decisions"] if d["nom"] == "reference"][0]')" = True ] &&
    [ "$(json "$w/params.json" '[d["valeurs"] for d in R["decisions"] if d["nom"] == "mediateur"][0]')" = "['rempli', 'vide']" ] &&
    [ "$(json "$w/params.json" 'R["variantes"]')" = 32 ]; then
	ok "décisions : paramètre de clause, date, montant, texte, présence (32 variantes)"
else
	ko "décisions à travers une clause, dates, montants, textes, présence" "$w/err"
	sed 's/^/    /' "$w/py.err" 2> /dev/null | tail -3
fi

# ---- A montant with no lower bound is never cut below 0 € (a sum of
# money is written unsigned); a title written partly before a {si} in
# its line (with the clause's parameter given as a constant) gets its
# condition from the {si} around the {inclure}.
cat > "$w/clauses/rgpd.lgc" <<'EOF'
parametre prospection : booleen = vrai "Prospection ?"
---
## Base légale{si prospection} et règles de prospection{fin}
Texte.
EOF
cat > "$w/bornes.lgc" <<'EOF'
entree acompte : montant = 0 € "Acompte"
entree donnees : booleen "Données personnelles ?"
---
# Objet
{si acompte > 0 €}Un acompte est versé.{fin}
{si donnees}
{inclure "rgpd" avec prospection = faux}
{fin}
EOF
if "$LGC" variantes "$w/bornes.lgc" -I "$w/clauses" --format json \
    -o "$w/bornes.json" 2> "$w/err" && [ ! -s "$w/err" ] &&
    [ "$(json "$w/bornes.json" '[d["valeurs"] for d in R["decisions"] if d["nom"] == "acompte"][0]')" = "['0 €', '1 €']" ] &&
    "$LGC" variantes "$w/bornes.lgc" -I "$w/clauses" > "$w/bornes.txt" \
    2> "$w/err" && grep -q '^  Base légale  *donnees$' "$w/bornes.txt"; then
	ok "montant sans borne : témoins à 0 € et 1 €, jamais négatifs ; titre écrit avant un {si}"
else
	ko "montant sans borne, titre avant un {si}" "$w/bornes.txt"
fi

# ---- A computed value out of the bounds of a clause's parameter, in
# one variant only: that witness fails (variante-en-echec, status 1),
# named with its decisions.
cat > "$w/clauses/mois.lgc" <<'EOF2'
parametre mois : entier entre 1 et 36 "Durée en mois"
---
## Durée
Le contrat dure {mois} mois.
EOF2
cat > "$w/calcul.lgc" <<'EOF2'
entree annees : entier entre 1 et 5 "Durée en années"
---
# Objet
{si annees > 3}Longue durée.{fin}
{inclure "mois" avec mois = annees * 12}
EOF2
"$LGC" variantes "$w/calcul.lgc" -I "$w/clauses" --format json \
    -o "$w/calcul.json" 2> "$w/err"
status=$?
if [ "$status" -eq 1 ] &&
    grep -q 'erreur: le témoin 4 (annees = 4) ne se construit pas.*mois' "$w/err" &&
    [ "$(json "$w/calcul.json" 'R["echecs"]')" = 1 ] &&
    [ "$(json "$w/calcul.json" '[t["etat"] for t in R["temoins"]]')" = "['construit', 'construit', 'construit', 'echec']" ]; then
	ok "une valeur calculée hors des bornes d'un paramètre : le témoin en échec, code 1"
else
	ko "valeur calculée hors bornes (code $status)" "$w/err"
fi

# ---- Past --max: every pair of decision values, by witnesses that built.
# The refused combination (a, b, mode) = (vrai, vrai, z) forbids no
# pair by itself: each pair has a witness that built.
if "$LGC" variantes "$w/compte.lgc" --max 4 --format json \
    -o "$w/paires.json" 2> "$w/err" &&
    [ "$(json "$w/paires.json" 'R["couverture"]')" = paires ] &&
    [ "$(pairs_covered "$w/paires.json")" = 0 ] &&
    [ "$(json "$w/paires.json" 'R["paires_sans_temoin"]')" = 0 ] &&
    [ "$(json "$w/paires.json" 'len(R["temoins"]) < 12')" = True ]; then
	ok "--max 4 : chaque paire de valeurs couverte par un témoin construit, en moins de 12"
else
	ko "--max 4 : couverture par paires" "$w/err"
fi
if "$LGC" variantes "$w/compte.lgc" --max 4 > "$w/paires.txt" 2> "$w/err" &&
    tr '\n' ' ' < "$w/paires.txt" |
    grep -q 'témoins couvrent chaque paire de valeurs de  *deux décisions'; then
	ok "--max : le rapport dit que seules les paires sont couvertes"
else
	ko "--max : le rapport ne dit pas la couverture par paires" "$w/paires.txt"
fi

# ---- 60 booléens: 2^60 combinations, pairs only, in bounded time.
python3 - "$w/soixante.lgc" <<'EOF'
import sys
n = 60
with open(sys.argv[1], "w") as f:
    for i in range(n):
        f.write('entree b%d : booleen "Option %d ?"\n' % (i, i))
    f.write("---\n# Objet\n")
    for i in range(n):
        f.write("{si b%d}Option %d retenue.{fin}\n" % (i, i))
EOF
if timeout 60 "$LGC" variantes "$w/soixante.lgc" --format json \
    -o "$w/soixante.json" 2> "$w/err" &&
    [ "$(json "$w/soixante.json" 'R["couverture"]')" = paires ] &&
    [ "$(json "$w/soixante.json" 'len(R["temoins"]) <= 64')" = True ] &&
    [ "$(pairs_covered "$w/soixante.json")" = 0 ]; then
	ok "60 booléens : $(json "$w/soixante.json" 'len(R["temoins"])') témoins couvrent chaque paire"
else
	ko "60 booléens (2^60 combinaisons)" "$w/err"
fi

# ---- The examples and the clause library: no unreachable branch, every
# witness building.  A clause alone has its parameters' defaults: its
# branches on them are its includers' (the examples include them).
for t in "$TOP"/examples/*/contrat.lgc "$TOP"/stdlib/*.lgc; do
	n=${t#"$TOP"/}
	if "$LGC" variantes "$t" --format json -o "$w/r.json" 2> "$w/err" &&
	    [ ! -s "$w/err" ] && [ "$(json "$w/r.json" 'R["echecs"]')" = 0 ] &&
	    [ "$(json "$w/r.json" 'len(R["branches"])')" = 0 ]; then
		ok "$n : $(json "$w/r.json" 'R["variantes"]') variantes, aucune branche impossible, aucun échec"
	else
		ko "$n" "$w/err"
	fi
done

# ---- The lead-generation example in one screen: at most 50 lines of
# at most 100 columns (display width).  Its conditional articles each
# with the template's own condition (none read off the witnesses), and
# each condition exact: for each example and up to three of its data
# sets, the condition evaluated by lgc itself (a template of the
# example's declarations printing OUI or NON for each) says whether the
# article is in the contract built from that data.
ex="$TOP/examples/generation-prospects"
"$LGC" variantes "$ex/contrat.lgc" > "$w/ecran.txt" 2> "$w/err"
size=$(python3 -c 'import sys,unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
print(len(lines), max(width(l) for l in lines))' "$w/ecran.txt" 2>> "$w/py.err")
if [ -s "$w/ecran.txt" ] && [ ! -s "$w/err" ] &&
    [ "${size% *}" -le 50 ] && [ "${size#* }" -le 100 ] &&
    grep -q '^Ce modèle produit au moins 97 contrats de structure différente' \
    "$w/ecran.txt"; then
	ok "exemple en un écran : ${size% *} lignes, ${size#* } colonnes au plus"
else
	ko "exemple en un écran (lignes, colonnes : $size)" "$w/ecran.txt"
fi
for ex in "$TOP"/examples/*; do
n=$(basename "$ex")
"$LGC" variantes "$ex/contrat.lgc" --format json -o "$w/ex.json" 2> "$w/err"
python3 - "$w/ex.json" "$ex" "$LGC" "$w" "$n" > "$w/conds.out" 2>&1 <<'EOF'
import html, json, os, re, subprocess, sys
report, ex, lgc, tmp, name = sys.argv[1:6]
R = json.load(open(report))
conds = [m for m in R["matrice"] if m.get("genre") == "article"
         and m.get("condition") not in (None, "toujours")]
rows = [m for m in conds if not m.get("condition_observee")]
bad = [m["texte"] for m in conds if m.get("condition_observee")]
# The lead-generation example: every condition the template's own.
if len(rows) < 5 or (name == "generation-prospects" and (bad or len(rows) < 10)):
    print("%d articles conditionnels, conditions lues des témoins : %s"
          % (len(rows), bad))
    sys.exit(1)
header = open(os.path.join(ex, "contrat.lgc"), encoding="utf-8").read()
header = header[:header.index("\n---\n") + 5]
# The probe, its clauses and types found beside the template (-I).
probe = os.path.join(tmp, "sonde.lgc")
with open(probe, "w", encoding="utf-8") as f:
    f.write(header)
    for i, m in enumerate(rows):
        f.write("Condition %d : {si %s}OUI{sinon}NON{fin}.\n\n"
                % (i, m["condition"]))
checked = 0
try:
  for d in sorted(os.listdir(os.path.join(ex, "donnees")))[:3]:
      data = os.path.join(ex, "donnees", d)
      p = subprocess.run([lgc, "build", probe, "-I", ex, "-d", data,
                          "-f", "html"], capture_output=True, text=True)
      truth = dict((int(n), v == "OUI") for n, v in
                   re.findall(r"Condition (\d+)\W+(OUI|NON)", p.stdout))
      c = subprocess.run([lgc, "build", os.path.join(ex, "contrat.lgc"),
                          "-d", data, "-f", "html"],
                         capture_output=True, text=True)
      heads = set()
      for lv, body in re.findall(r"<h([23])[^>]*>(.*?)</h\1>", c.stdout):
          t = re.sub(r'<span class="numero">.*?</span>', "", body)
          t = html.unescape(re.sub(r"<[^>]+>", "", t)).strip()
          heads.add((int(lv) - 1, t.lstrip("–").strip()))
      if p.returncode != 0 or c.returncode != 0 or len(truth) != len(rows):
          print("%s : construction impossible : %s" % (d, p.stderr[:400]))
          sys.exit(1)
      for i, m in enumerate(rows):
          there = (m["niveau"], m["texte"]) in heads
          if there != truth[i]:
              print("%s : « %s » %s, sa condition « %s » %s" % (d, m["texte"],
                    "présent" if there else "absent", m["condition"],
                    "vraie" if truth[i] else "fausse"))
              sys.exit(1)
          checked += 1
finally:
    os.remove(probe)
print("%d articles conditionnels, %d vérifications" % (len(rows), checked))
EOF
if [ $? -eq 0 ]; then
	ok "$n : la condition de chaque article tient sur ses données ($(cat "$w/conds.out"))"
else
	ko "$n : conditions des articles" "$w/conds.out"
fi
done

# ---- The HTML report: one column per variant, the template's text
# escaped.
cat > "$w/html.lgc" <<'EOF'
entree a : booleen "Option <b>A</b> ?"
---
# Titre <script>alert("x")</script> & "guillemets"
{si a}
## Option <i>A</i>
{fin}
EOF
if "$LGC" variantes "$w/html.lgc" --format html -o "$w/html.html" 2> "$w/err" &&
    ! grep -q '<script>' "$w/html.html" && ! grep -q '<i>A' "$w/html.html" &&
    grep -q '&lt;script&gt;alert(.*)&lt;/script&gt; &amp;' "$w/html.html" &&
    grep -q '<th>V1</th><th>V2</th></tr>' "$w/html.html"; then
	ok "rapport HTML : une colonne par variante, texte échappé"
else
	ko "rapport HTML" "$w/html.html"
fi

# ---- --ecrire: each variant's witness and document; the witness builds
# that very document.
if "$LGC" variantes "$w/compte.lgc" --ecrire "$w/ecrits" -f html \
    > /dev/null 2> "$w/err" &&
    [ "$(ls "$w/ecrits"/*.html | wc -l)" -eq 11 ] &&
    [ "$(ls "$w/ecrits"/*.json | wc -l)" -eq 11 ] &&
    [ -f "$w/ecrits/v01-a-faux_b-faux_mode-x.html" ]; then
	same=0
	for j in "$w/ecrits"/*.json; do
		"$LGC" build "$w/compte.lgc" -d "$j" -f html -o "$w/re.html" \
		    2>> "$w/err" && cmp -s "$w/re.html" "${j%.json}.html" &&
		    same=$((same + 1))
	done
	if [ "$same" -eq 11 ]; then
		ok "--ecrire : 11 témoins et leurs contrats, nommés d'après leurs décisions"
	else
		ko "--ecrire : $same contrats sur 11 redonnés par leur témoin" "$w/err"
	fi
else
	ko "--ecrire DOSSIER -f html" "$w/err"
fi

# ---- -Wvariantes: lgc check reports what lgc variantes proves.
cat > "$w/borne.lgc" <<'EOF'
entree duree : entier entre 1 et 12 "Durée"
---
{si duree > 24}Longue durée.{fin}
EOF
if "$LGC" check "$w/borne.lgc" 2> "$w/err" && [ ! -s "$w/err" ] &&
    "$LGC" check -Wvariantes "$w/borne.lgc" 2> "$w/err" &&
    grep -q 'avertissement: .*duree > 24.* n.est vraie dans aucune variante' "$w/err" &&
    ! "$LGC" check -Wvariantes -Werror "$w/borne.lgc" 2> /dev/null; then
	ok "-Wvariantes : lgc check signale la branche impossible (sans : rien)"
else
	ko "-Wvariantes" "$w/err"
fi

# ---- Bad arguments and templates: refused, never a crash.
bad=0
"$LGC" variantes "$w/absent.lgc" > /dev/null 2>&1; [ $? -eq 2 ] || bad=$((bad + 1))
"$LGC" variantes "$w/compte.lgc" --max 0 > /dev/null 2>&1; [ $? -eq 2 ] || bad=$((bad + 1))
"$LGC" variantes "$w/compte.lgc" --max x > /dev/null 2>&1; [ $? -eq 2 ] || bad=$((bad + 1))
"$LGC" variantes "$w/compte.lgc" --format xml > /dev/null 2>&1; [ $? -eq 2 ] || bad=$((bad + 1))
"$LGC" variantes "$w/compte.lgc" -f html > /dev/null 2>&1; [ $? -eq 2 ] || bad=$((bad + 1))
"$LGC" variantes "$w/compte.lgc" --ecrire "$w/x" -f bof > /dev/null 2>&1; [ $? -eq 2 ] || bad=$((bad + 1))
"$LGC" build "$w/compte.lgc" --max 3 > /dev/null 2>&1; [ $? -eq 2 ] || bad=$((bad + 1))
"$LGC" build "$w/compte.lgc" --matrice > /dev/null 2>&1; [ $? -eq 2 ] || bad=$((bad + 1))
"$LGC" variantes "$w/compte.lgc" --matrice --format html > /dev/null 2>&1; [ $? -eq 2 ] || bad=$((bad + 1))
printf 'entree a : booleen\n---\n{si a}\n' > "$w/casse.lgc"
"$LGC" variantes "$w/casse.lgc" > /dev/null 2>&1; [ $? -eq 1 ] || bad=$((bad + 1))
if [ "$bad" -eq 0 ]; then
	ok "arguments et modèles invalides refusés (codes 1 et 2)"
else
	ko "$bad arguments ou modèles invalides mal refusés"
fi
