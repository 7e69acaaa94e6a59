# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# For pipelines and form builders: schema export (checked with ajv), batch
# compilation, dependency files, draft mode, JSON diagnostics.
# Prints "ok …", "ÉCHEC …" or "sauté … (raison)" lines.
set -u
export LGC_PATH="$TOP/stdlib"
w="$TMP/pipeline"
rm -rf "$w"
mkdir -p "$w"
ex="$TOP/tests/golden/exemple"
validator="$TOP/tests/schema/validate.js"

ok() { echo "ok $1"; }
ko() { echo "ÉCHEC $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -20; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else ko "$2" "${3:-}"; fi; }

# 1. Schema export, validated by a real validator.
"$LGC" schema "$ex/exemple.lgc" > "$w/schema.json" 2> "$w/err"
check $? "schema : export du modèle d'exemple" "$w/err"
if command -v node > /dev/null 2>&1 && [ -d "$TOP/tests/schema/node_modules/ajv" ]; then
	node "$validator" "$w/schema.json" "$ex"/*.json > "$w/ajv" 2>&1
	check $? "schema : toutes les données d'exemple valident (ajv)" "$w/ajv"
	for t in "$TOP"/examples/*/contrat.lgc; do
		[ -f "$t" ] || continue
		d=$(dirname "$t")
		n=$(basename "$d")
		"$LGC" schema "$t" > "$w/$n.schema.json" 2> "$w/err" &&
		    node "$validator" "$w/$n.schema.json" "$d"/donnees/*.json \
		    > "$w/ajv" 2>&1
		check $? "schema : exemple $n, données valides (ajv)" "$w/ajv"
	done
	# A file without the input that its condition requires.
	sed 's/"nb_prospects": 200,//' "$ex/exemple--forfait-garantie.json" \
	    > "$w/sans-nb.json"
	node "$validator" "$w/schema.json" "$w/sans-nb.json" > "$w/ajv" 2>&1
	[ $? -eq 1 ] && grep -q "nb_prospects" "$w/ajv"
	check $? "schema : une entrée conditionnelle manquante est rejetée (ajv)" \
	    "$w/ajv"
	"$LGC" check "$ex/exemple.lgc" -d "$w/sans-nb.json" > /dev/null 2>&1
	[ $? -eq 1 ]
	check $? "schema : lgc rejette le même fichier"
	sed 's/"facturation": "forfait"/"facturation": "mensuel"/' \
	    "$ex/exemple--forfait.json" > "$w/mauvais-choix.json"
	node "$validator" "$w/schema.json" "$w/mauvais-choix.json" > "$w/ajv" 2>&1
	check $([ $? -eq 1 ] && echo 0 || echo 1) \
	    "schema : une valeur de choix inconnue est rejetée (ajv)" "$w/ajv"
else
	echo "sauté schema : validation ajv (node ou ajv absent : make deps)"
fi

# Both drafts (--norme 2020-12 and 07), each read by its own ajv class:
# what lgc accepts passes, and each thing lgc refuses that JSON Schema
# can say is refused by both ajv and lgc.
if command -v node > /dev/null 2>&1 && [ -d "$TOP/tests/schema/node_modules/ajv" ]; then
	gp="$TOP/examples/generation-prospects"
	base="$gp/donnees/forfait-arbitrage.json"
	# name | sed expression on the valid file | accepted?
	while IFS='|' read -r name expr good; do
		sed "$expr" "$base" > "$w/cas-$name.json"
		echo "$good" > "$w/cas-$name.attendu"
	done <<'EOF2'
montant-hors-bornes|s/"montant_forfait": 9000/"montant_forfait": 5000000/|non
montant-texte-hors-bornes|s/"montant_forfait": 9000/"montant_forfait": "1000000.01"/|non
montant-texte-borne|s/"montant_forfait": 9000/"montant_forfait": "1000000.00"/|oui
montant-negatif|s/"montant_forfait": 9000/"montant_forfait": -5/|non
montant-texte-negatif|s/"montant_forfait": 9000/"montant_forfait": "-5"/|non
montant-texte|s/"montant_forfait": 9000/"montant_forfait": "9000.50"/|oui
pourcentage-hors-bornes|s/"facturation": "forfait"/"taux_penalites": 31, "facturation": "forfait"/|non
pourcentage-texte|s/"facturation": "forfait"/"taux_penalites": "12.5 %", "facturation": "forfait"/|oui
choix-inconnu|s/"facturation": "forfait"/"facturation": "mensuel"/|non
choix-null|s/"facturation": "forfait"/"facturation": null/|non
obligatoire-null|s/"date_effet": "2027-04-01"/"date_effet": null/|non
optionnel-null|s/"historique": "[^"]*"/"historique": null/|oui
defaut-null|s/"preavis_jours": 14/"preavis_jours": null/|oui
parmi-hors-liste|s/"preavis_jours": 14/"preavis_jours": 20/|non
EOF2
	for norme in 2020-12 07; do
		"$LGC" schema --norme "$norme" "$gp/contrat.lgc" \
		    > "$w/gp-$norme.json" 2> "$w/err"
		check $? "schema --norme $norme : export" "$w/err"
		case $norme in
		07) url='"http://json-schema.org/draft-07/schema#"' ;;
		*) url='"https://json-schema.org/draft/2020-12/schema"' ;;
		esac
		grep -q "\"\\\$schema\": $url" "$w/gp-$norme.json"
		check $? "schema --norme $norme : \$schema annonce la version"
		node "$validator" "$w/gp-$norme.json" "$gp"/donnees/*.json \
		    > "$w/ajv" 2>&1 && grep -q "^brouillon $norme" "$w/ajv"
		check $? "schema --norme $norme : données d'exemple valides (ajv, classe du brouillon)" "$w/ajv"
		for f in "$w"/cas-*.json; do
			n=$(basename "$f" .json)
			want=$(cat "$w/$n.attendu")
			node "$validator" "$w/gp-$norme.json" "$f" > "$w/ajv" 2>&1
			a=$?
			(cd "$gp" && "$LGC" check contrat.lgc -d "$f") \
			    > /dev/null 2>> "$w/ajv"
			l=$?
			if [ "$want" = oui ]; then
				[ $a -eq 0 ] && [ $l -eq 0 ]
			else
				[ $a -eq 1 ] && [ $l -eq 1 ]
			fi
			check $? "schema --norme $norme : ${n#cas-} ($want pour ajv et lgc ; ajv $a, lgc $l)" "$w/ajv"
		done
	done
	# A clause: its parameters under the definitions, in both drafts, and
	# every clause of the library gives a schema that ajv compiles.
	for norme in 2020-12 07; do
		: > "$w/clauses"
		for f in "$TOP"/stdlib/*.lgc; do
			"$LGC" schema --norme "$norme" "$f" > "$w/clause.json" \
			    2>> "$w/clauses" &&
			    node "$validator" "$w/clause.json" >> "$w/clauses" 2>&1 ||
			    echo "$f" >> "$w/clauses"
		done
		! grep -q "stdlib/\|invalide" "$w/clauses"
		check $? "schema --norme $norme : le schéma de chaque clause de la bibliothèque (ajv)" "$w/clauses"
	done
	"$LGC" schema --norme 07 "$TOP/stdlib/remuneration.lgc" > "$w/rem.json" &&
	    node -e 'const s = require(process.argv[1]);
	    const p = s.definitions.parametres.properties;
	    if (p.prix_prospect.$comment !== "lgc : montant = 0 €" ||
	        p.prix_prospect.title !== "Prix hors taxes d\x27un prospect qualifié" ||
	        p.mode.default !== "forfait" ||
	        !p.mode.oneOf.some((v) => v.const === "par_prospect") ||
	        p.duree_suivi_mois.minimum !== 1 || p.duree_suivi_mois.maximum !== 60)
	            process.exit(1);' "$w/rem.json" > "$w/out" 2>&1
	check $? "schema : une clause donne ses paramètres (type, défaut, libellé, bornes)" "$w/out"
	"$LGC" schema --norme 06 "$gp/contrat.lgc" > "$w/out" 2> "$w/err"
	[ $? -eq 2 ] && [ ! -s "$w/out" ] && grep -q "2020-12 ni 07" "$w/err"
	check $? "schema --norme 06 : erreur d'utilisation" "$w/err"
	"$LGC" check --norme 07 "$gp/contrat.lgc" > /dev/null 2> "$w/err"
	[ $? -eq 2 ] && grep -q "norme ne sert qu'à" "$w/err"
	check $? "--norme hors de schema : erreur d'utilisation" "$w/err"
	# A choice's values carry their words, as form builders want them.
	grep -A2 '"const": "arbitrage"' "$w/gp-07.json" | grep -q '"title": "l.arbitrage"'
	check $? "schema : un choix donne le libellé de chaque valeur (oneOf, const, title)"
	node -e 'const s = require(process.argv[1]);
	    const bad = Object.keys(s.properties).filter((k) => s.properties[k].anyOf);
	    if (bad.length) { console.log(bad.join(" ")); process.exit(1); }' \
	    "$w/gp-07.json" > "$w/out" 2>&1
	check $? "schema : aucune entrée en anyOf, des types nullables" "$w/out"
else
	echo "sauté schema : brouillons 2020-12 et 07 (node ou ajv absent : make deps)"
fi

# A record holding a list of its own type: one definition in "$defs".
cat > "$w/arbre.lgc" <<'EOF2'
modele "Organigramme"
type service = { nom : texte, sous_services : liste de service }
entree direction : service "Direction"
---
{direction.nom}
EOF2
cat > "$w/arbre.json" <<'EOF2'
{"direction": {"nom": "Direction", "sous_services": [
  {"nom": "Ventes", "sous_services": [{"nom": "Export", "sous_services": []}]}]}}
EOF2
printf '{"direction": {"nom": "D", "sous_services": [{"nom": 3, "sous_services": []}]}}\n' \
    > "$w/arbre-faux.json"
"$LGC" schema "$w/arbre.lgc" > "$w/arbre.schema.json" 2> "$w/err"
[ $? -eq 0 ] && grep -q '"\$ref": "#/\$defs/service"' "$w/arbre.schema.json"
check $? "schema : type récursif, une définition dans \$defs" "$w/err"
if command -v node > /dev/null 2>&1 && [ -d "$TOP/tests/schema/node_modules/ajv" ]; then
	node "$validator" "$w/arbre.schema.json" "$w/arbre.json" > "$w/ajv" 2>&1
	check $? "schema : type récursif, données valides (ajv)" "$w/ajv"
	node "$validator" "$w/arbre.schema.json" "$w/arbre-faux.json" > "$w/ajv" 2>&1
	check $([ $? -eq 1 ] && echo 0 || echo 1) \
	    "schema : type récursif, un nom erroné au 2e niveau est rejeté (ajv)" \
	    "$w/ajv"
	"$LGC" schema --norme 07 "$w/arbre.lgc" > "$w/arbre07.json" 2> "$w/err" &&
	    grep -q '"\$ref": "#/definitions/service"' "$w/arbre07.json" &&
	    node "$validator" "$w/arbre07.json" "$w/arbre.json" > "$w/ajv" 2>&1
	check $? "schema --norme 07 : type récursif dans definitions (ajv)" "$w/ajv"
	node "$validator" "$w/arbre07.json" "$w/arbre-faux.json" > "$w/ajv" 2>&1
	check $([ $? -eq 1 ] && echo 0 || echo 1) \
	    "schema --norme 07 : type récursif, un nom erroné est rejeté (ajv)" "$w/ajv"
	# null is absent (rule 26): accepted where absence is.
	cat > "$w/null.lgc" <<'EOF2'
entree remise : pourcentage optionnel "Remise"
entree preavis_jours : entier = 30 "Préavis"
entree client : partie "Client"
---
{client.nom}, {preavis_jours} jours{si remise existe}, remise {remise}{fin}.
EOF2
	printf '{"remise": null, "preavis_jours": null, "client": {"nom": "Durand", "adresse": "Lyon", "email": null}}\n' \
	    > "$w/null.json"
	"$LGC" schema "$w/null.lgc" > "$w/null.schema.json" 2> "$w/err" &&
	    node "$validator" "$w/null.schema.json" "$w/null.json" > "$w/ajv" 2>&1 &&
	    "$LGC" check "$w/null.lgc" -d "$w/null.json" > /dev/null 2>> "$w/ajv"
	check $? "schema : null accepté là où lgc le lit comme absent (ajv et lgc)" \
	    "$w/ajv"
fi

# 2. Batch: one template, many records; bad ones reported and skipped.
: > "$w/lot.jsonl"
for v in "$ex"/exemple--*.json; do
	tr -d '\n' < "$v" >> "$w/lot.jsonl"
	echo >> "$w/lot.jsonl"
done
echo '{"client": 3}' >> "$w/lot.jsonl"
echo >> "$w/lot.jsonl"
echo '[1, 2]' >> "$w/lot.jsonl"
(cd "$ex" && "$LGC" build exemple.lgc --lot "$w/lot.jsonl" \
    --sortie "$w/sortie1/" -j 1) > "$w/out" 2> "$w/err"
status=$?
[ $status -eq 1 ]
check $? "lot : un enregistrement en erreur donne le code 1" "$w/err"
n=$(ls "$w/sortie1" | wc -l)
[ "$n" -eq 6 ]
check $? "lot : les 6 enregistrements valides sont écrits ($n)" "$w/err"
grep -q "lot.jsonl:7: erreur" "$w/err" && grep -q "lot.jsonl:9: erreur" "$w/err"
check $? "lot : les erreurs donnent le numéro de ligne du JSONL" "$w/err"
grep -q "lot.:.6 contrats écrits .*2 en erreur" "$w/err"
check $? "lot : résumé final" "$w/err"
[ -f "$w/sortie1/0001.html" ] && [ -f "$w/sortie1/0006.html" ]
check $? "lot : fichiers nommés par le numéro d'enregistrement"
(cd "$ex" && "$LGC" build exemple.lgc --lot "$w/lot.jsonl" \
    --sortie "$w/sortie2/" -j 2) > /dev/null 2>&1
diff -r "$w/sortie1" "$w/sortie2" > "$w/diff" 2>&1
check $? "lot : -j 2 écrit exactement ce que -j 1 écrit" "$w/diff"
mkdir -p "$w/dossier"
cp "$ex/exemple--horaire.json" "$w/dossier/leroy.json"
cp "$ex/exemple--forfait.json" "$w/dossier/martin.json"
(cd "$ex" && "$LGC" build exemple.lgc --lot "$w/dossier" \
    --sortie "$w/sortie3/" --nom date_effet) > /dev/null 2>&1
check $? "lot : un dossier de fichiers JSON"
[ -f "$w/sortie3/2026-11-26.html" ] && [ -f "$w/sortie3/2027-01-01.html" ]
check $? "lot : --nom nomme les fichiers d'après un champ"
cmp -s "$w/sortie3/2026-11-26.html" "$ex/exemple--horaire.html"
check $? "lot : un contrat du lot est celui de lgc build"

# A PDF batch keeps the fonts from one contract to the next
# (lgc_keep_backends): each contract is still the bytes of its own
# lgc build, a record whose value the font cannot print fails alone
# (the state is then started again), and a missing font is reported for
# every record, not for the first only.
: > "$w/lotpdf.jsonl"
i=0
for v in "$ex"/exemple--horaire.json "$ex"/exemple--forfait.json \
    "$ex"/exemple--commission.json; do
	i=$((i + 1))
	cp "$v" "$w/pdf$i.json"
	tr -d '\n' < "$v" >> "$w/lotpdf.jsonl"
	echo >> "$w/lotpdf.jsonl"
	[ $i -eq 1 ] && sed 's/"nom": "/"nom": "漢 /' "$v" | tr -d '\n' \
	    >> "$w/lotpdf.jsonl" && echo >> "$w/lotpdf.jsonl"
done
(cd "$ex" && "$LGC" build exemple.lgc --lot "$w/lotpdf.jsonl" -f pdf \
    --sortie "$w/sortiepdf/" -j 1) > /dev/null 2> "$w/err"
[ $? -eq 1 ] && [ "$(grep -c '漢' "$w/err")" -ge 1 ] &&
    [ "$(ls "$w/sortiepdf" | wc -l)" -eq 3 ]
check $? "lot PDF : l'enregistrement au caractère absent de la police échoue seul" \
    "$w/err"
same=0
for k in 1 3 4; do
	j=$k
	[ $k -gt 1 ] && j=$((k - 1))
	(cd "$ex" && "$LGC" build exemple.lgc -d "$w/pdf$j.json" \
	    -o "$w/seul$j.pdf") 2> /dev/null &&
	    cmp -s "$w/seul$j.pdf" "$w/sortiepdf/000$k.pdf" || same=1
done
check $same "lot PDF : chaque contrat du lot est le PDF de son lgc build"
(cd "$ex" && "$LGC" build exemple.lgc --lot "$w/lotpdf.jsonl" -f pdf \
    --police "Pas une police lgc" --sortie "$w/sanspolice/" -j 1) \
    > /dev/null 2> "$w/err"
[ "$(grep -c 'Pas une police lgc' "$w/err")" -ge 4 ]
check $? "lot PDF : une police introuvable est dite pour chaque contrat" "$w/err"

# 3. Dependency files: make rebuilds exactly when a clause changes.
mkdir -p "$w/deps/clauses"
cp "$TOP/stdlib/confidentialite.lgc" "$w/deps/clauses/confidentialite.lgc"
sed 's/{inclure "confidentialite"/{inclure "clauses\/confidentialite"/' \
    "$ex/exemple.lgc" > "$w/deps/contrat.lgc"
cp "$ex/exemple--forfait.json" "$w/deps/client.json"
cat > "$w/deps/Makefile" <<EOF
contrat.html: contrat.lgc client.json
	"$LGC" build contrat.lgc -d client.json -o contrat.html --deps contrat.d 2> /dev/null
-include contrat.d
EOF
(cd "$w/deps" && make -s > /dev/null 2>&1)
[ -f "$w/deps/contrat.html" ] && grep -q "clauses/confidentialite.lgc" \
    "$w/deps/contrat.d"
check $? "deps : --deps liste les clauses incluses" "$w/deps/contrat.d"
(cd "$w/deps" && make -q > /dev/null 2>&1)
check $? "deps : rien à refaire juste après"
sleep 1
touch "$w/deps/clauses/confidentialite.lgc"
(cd "$w/deps" && make -q > /dev/null 2>&1)
[ $? -eq 1 ]
check $? "deps : toucher une clause incluse demande de refaire le contrat"
(cd "$w/deps" && make -s > /dev/null 2>&1 && make -q > /dev/null 2>&1)
check $? "deps : après reconstruction, à jour"
# A dependency file that cannot be written: no contract either.
rm -f "$w/deps/sans-d.html"
(cd "$w/deps" && "$LGC" build contrat.lgc -d client.json -o sans-d.html \
    --deps "$w/absent/contrat.d") > /dev/null 2> "$w/err"
[ $? -eq 2 ] && [ ! -e "$w/deps/sans-d.html" ]
check $? "deps : --deps impossible à écrire, aucun contrat écrit" "$w/err"

# A fatal error stops lgc: nothing about the data of a template never read.
"$LGC" build "$w/absent.lgc" -D duree_mois=12 > /dev/null 2> "$w/err"
[ $? -eq 2 ] && [ "$(grep -c erreur "$w/err")" -eq 1 ]
check $? "erreur fatale : lgc s'arrête, une seule erreur" "$w/err"
"$LGC" check "$ex/exemple.lgc" --lot "$w/lot.jsonl" --sortie "$w/x" \
    > /dev/null 2> "$w/err"
[ $? -eq 2 ] && grep -q "ne sert qu'à .*lgc build" "$w/err"
check $? "lot : refusé avec check (erreur d'utilisation)" "$w/err"
# Records read from a pipe: said, not a silent « 1 en erreur ».
echo '{}' | "$LGC" build "$ex/exemple.lgc" --lot /dev/stdin --sortie "$w/tube" \
    > /dev/null 2> "$w/err"
[ $? -eq 2 ] && grep -q "pas un tube" "$w/err"
check $? "lot : un tube est refusé avec la raison" "$w/err"

# 4. Draft mode: placeholders and every branch of an undecided condition.
(cd "$ex" && "$LGC" build exemple.lgc --brouillon) > "$w/brouillon.html" 2> "$w/err"
check $? "brouillon : rendu sans données" "$w/err"
grep -q '<mark class="brouillon">\[client.nom\]</mark>' "$w/brouillon.html"
check $? "brouillon : valeurs manquantes en emplacements visibles"
grep -q '\[cas commission\]' "$w/brouillon.html" &&
    grep -q '\[cas forfait\]' "$w/brouillon.html" &&
    grep -q "commission de <mark" "$w/brouillon.html" &&
    grep -q "forfait mensuel de <mark" "$w/brouillon.html"
check $? "brouillon : une condition inconnue montre chaque branche étiquetée"
(cd "$ex" && "$LGC" build exemple.lgc --brouillon -D facturation=horaire \
    -D garantie_resultats=vrai) > "$w/partiel.html" 2> "$w/err"
grep -q '\[nb_prospects\]' "$w/partiel.html" &&
    ! grep -q '\[cas commission\]' "$w/partiel.html"
check $? "brouillon : données partielles, seules les branches décidées"
# An exiger that reads a value the draft lacks is undecided, not failed;
# one that the given values decide still fails.
cat > "$w/regle.lgc" <<'EOF2'
modele "Contrat"
entree duree_mois : entier "Durée du contrat en mois"
exiger duree_mois >= 3 sinon "Au moins 3 mois."
---
Durée : {duree_mois} mois.
EOF2
"$LGC" build "$w/regle.lgc" --brouillon > "$w/regle.html" 2> "$w/err"
check $? "brouillon : un exiger sur une valeur absente reste indécis" "$w/err"
"$LGC" build "$w/regle.lgc" --brouillon -D duree_mois=2 > /dev/null 2> "$w/err"
[ $? -eq 1 ] && grep -q 'Au moins 3 mois' "$w/err"
check $? "brouillon : un exiger décidé par les données échoue encore" "$w/err"
if command -v tidy > /dev/null 2>&1; then
	tidy -e -q "$w/brouillon.html" > "$w/tidy" 2>&1
	check $? "brouillon : HTML valide" "$w/tidy"
fi
for f in latex pdf; do
	if "$LGC" --help | grep "^Formats" | grep -q "$f"; then
		(cd "$ex" && "$LGC" build exemple.lgc --brouillon -f $f \
		    -o "$w/brouillon.$f") > /dev/null 2> "$w/err"
		check $? "brouillon : rendu $f" "$w/err"
	fi
done
if [ -s "$w/brouillon.latex" ]; then
	grep -qF '\lgcbrouillon{{[}client.nom{]}}' "$w/brouillon.latex"
	check $? "brouillon : emplacements encadrés dans le LaTeX"
fi
if command -v pdftotext > /dev/null 2>&1 && [ -s "$w/brouillon.pdf" ]; then
	pdftotext "$w/brouillon.pdf" - | grep -q '\[client.nom\]'
	check $? "brouillon : emplacements visibles dans le PDF"
fi

# 5. JSON diagnostics: one object per line, stable codes.
printf 'entree n : entier\n---\n{n | en_lettre} {m}\n' > "$w/diag.lgc"
"$LGC" check "$w/diag.lgc" --format-diagnostics json > "$w/out" 2> "$w/json"
[ $? -eq 1 ] && [ "$(wc -l < "$w/json")" -eq 2 ]
check $? "diagnostics json : une ligne par diagnostic" "$w/json"
if command -v node > /dev/null 2>&1; then
	node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n");
const d = lines.map((l) => JSON.parse(l));
const keys = ["fichier", "ligne", "colonne", "fin_ligne", "fin_colonne", "gravite", "code", "message"];
for (const x of d) for (const k of keys) if (!(k in x)) throw new Error("clé " + k);
if (d[0].code !== "fonction-inconnue" || d[0].suggestion !== "en_lettres") throw new Error("code");
if (d[1].code !== "nom-inconnu" || d[1].ligne !== 3 || d[1].colonne !== 18) throw new Error("position");
' "$w/json" > "$w/node" 2>&1
	check $? "diagnostics json : champs, code stable, suggestion" "$w/node"
else
	echo "sauté diagnostics json : analyse (node absent)"
fi

# Data errors in JSON: the value's line and column in the data file, its
# JSON path in "chemin" (not in the message); notes as objects with their
# own place: the inputs a run-time error was computed from, and the
# {inclure} a clause's error came through.
printf 'entree h : montant\nentree r : montant\nentree l : liste de entier\n---\n{(h - r) | en_lettres} {l}\n' > "$w/dn.lgc"
printf '{\n  "h": -1500,\n  "r": "100 \342\202\254",\n  "l": [1, "deux"]\n}\n' > "$w/dn.json"
"$LGC" build "$w/dn.lgc" -d "$w/dn.json" -f html --format-diagnostics json \
    > /dev/null 2> "$w/dn1"
printf '{"h": -1500, "r": 100, "l": []}\n' > "$w/dn2.json"
"$LGC" build "$w/dn.lgc" -d "$w/dn2.json" -f html --format-diagnostics json \
    > /dev/null 2> "$w/dn2"
mkdir -p "$w/inc/clauses"
printf -- '---\n## Titre {#t}\n' > "$w/inc/clauses/c.lgc"
printf -- 'entree l : liste de texte\n---\n{pour chaque x dans l}\n{inclure "clauses/c.lgc"}\n{fin}\n' > "$w/inc/m.lgc"
(cd "$w/inc" && "$LGC" check m.lgc --format-diagnostics json) 2> "$w/dn3"
if command -v node > /dev/null 2>&1; then
	node -e '
const fs = require("fs");
const read = (f) => fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const [a, b, c] = process.argv.slice(1).map(read);
const e = a.find((x) => x.chemin === "l[1]");
if (!e || e.code !== "donnee-type" || !e.fichier.endsWith("dn.json")) throw new Error("chemin " + JSON.stringify(a));
if (e.ligne !== 4 || e.colonne !== 12 || e.fin_ligne !== 4 || e.fin_colonne !== 17) throw new Error("position " + JSON.stringify(e));
if (e.message.includes("chemin JSON")) throw new Error("chemin dans le message");
if (a.some((x) => x.chemin === "r")) throw new Error("montant avec € refusé");
const d = b.find((x) => x.notes);
if (!d || d.notes.length !== 2) throw new Error("notes " + JSON.stringify(b));
for (const n of d.notes) {
	if (typeof n !== "object" || typeof n.message !== "string") throw new Error("note " + JSON.stringify(n));
	if (!n.fichier.endsWith("dn2.json") || n.ligne !== 1) throw new Error("lieu de la note " + JSON.stringify(n));
}
if (d.notes[0].colonne !== 7 || d.notes[1].colonne !== 19) throw new Error("colonnes " + JSON.stringify(d.notes));
const i = c.find((x) => x.notes);
if (!i || i.notes[0].fichier !== "m.lgc" || i.notes[0].ligne !== 4 || i.notes[0].colonne !== 1) throw new Error("inclusion " + JSON.stringify(c));
' "$w/dn1" "$w/dn2" "$w/dn3" > "$w/node" 2>&1
	check $? "diagnostics json : données à leur ligne et colonne, chemin, notes en objets" "$w/node"
else
	echo "sauté diagnostics json : données et notes (node absent)"
fi
if [ -f "$TOP/docs/diagnostics.md" ]; then
	missing=""
	for code in $(sed -n 's/^DIAG([A-Z_0-9]*, *SEV_[A-Z]*, *"\([^"]*\)".*/\1/p' \
	    "$TOP/src/base/diagcodes.h"); do
		# A section of its own, or a row of the linter's table.
		grep -qx -e "### $code" -e "| \`$code\` | .*" "$TOP/docs/diagnostics.md" ||
		    missing="$missing $code"
	done
	[ -z "$missing" ]
	check $? "diagnostics : chaque code a sa section (ou sa ligne du tableau du correcteur) dans docs/diagnostics.md$missing"
fi
