# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# lgc serve with a real HTTP client (curl): every route and status of
# docs/api.md, the documents byte for byte against lgc build, templates
# confined to their folders, a template broken, fixed, deleted and
# restored while served, and the faults: malformed bodies, a slow
# client, 200 connections at once, SIGTERM under load (exit 0, no
# accepted request lost).  The server is started on a free port (--port
# 0) and always killed at the end.
# Environment: LGC (sanitizer build, lgc-serve beside it), TOP, TMP.
set -u

dir=$TMP/serve
rm -rf "$dir"
mkdir -p "$dir/modeles/sous" "$dir/dehors" "$dir/out"
for tool in curl python3; do
	if ! command -v $tool > /dev/null 2>&1; then
		echo "sauté serve ($tool absent : make deps l'installe)"
		exit 0
	fi
done
if [ ! -x "$(dirname "$LGC")/lgc-serve" ]; then
	echo "ÉCHEC serve : $(dirname "$LGC")/lgc-serve manque (make check le construit)"
	exit 0
fi

ok() { echo "ok serve : $1"; }
ko() { echo "ÉCHEC serve : $1"; [ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/    /' "$2" | head -15; }
check() { if [ "$1" = "$2" ]; then ok "$3"; else ko "$3 (obtenu « $1 », attendu « $2 »)" "${4:-}"; fi; }

# The served folder: an example contract with its data, a template of
# our own including a clause beside it, a template in a subfolder, a
# link to a template outside, and a template that includes from outside.
ex=$TOP/examples/accord-confidentialite
cp "$ex/contrat.lgc" "$dir/modeles/accord.lgc"
cp "$ex/donnees/startup-industriel.json" "$dir/client.json"
cat > "$dir/modeles/clause.lgc" <<'EOF'
parametre delai : entier "Délai"
---
Le délai est de {delai} jours.
EOF
cat > "$dir/modeles/lettre.lgc" <<'EOF'
modele "Lettre de mission"
entree client : texte "Nom du client"
entree jours : entier entre 1 et 90 = 30 "Délai de paiement"
---
# Mission

{client} confie la mission.

{inclure "clause" avec delai = jours}
EOF
cp "$dir/modeles/lettre.lgc" "$dir/lettre.orig"
cat > "$dir/modeles/sous/autre.lgc" <<'EOF'
modele "Autre"
---
Texte.
EOF
cat > "$dir/dehors/secret.lgc" <<'EOF'
modele "Secret"
---
Ce modèle est hors des dossiers servis.
EOF
ln -s "$dir/dehors/secret.lgc" "$dir/modeles/lien.lgc"
cat > "$dir/modeles/evasion.lgc" <<'EOF'
modele "Évasion"
---
{inclure "../dehors/secret"}
EOF
printf '{"client": "Durand SA", "jours": 45}\n' > "$dir/lettre.json"
mkdir -p "$dir/modeles/donnees"
printf '{"client": "Dupont & fils <SARL>", "jours": 20}\n' > "$dir/modeles/donnees/dupont.json"

pid=
cleanup() {
	[ -n "$pid" ] && kill -9 "$pid" 2> /dev/null
	wait 2> /dev/null
}
trap cleanup EXIT INT TERM

# start LOG ARGS…: the server in the background, $pid and $port set.
start() {
	log=$1
	shift
	"$LGC" serve "$@" --port 0 2> "$log" &
	pid=$!
	port=
	i=0
	while [ $i -lt 200 ] && [ -z "$port" ]; do
		port=$(sed -n 's/^lgc serve : http:\/\/127.0.0.1:\([0-9]*\)\/ .*/\1/p' "$log" 2> /dev/null)
		[ -z "$port" ] && sleep 0.05
		i=$((i + 1))
	done
	base=http://127.0.0.1:$port
	api=$base/api/v1/modeles
}

# stop: SIGTERM, the exit status in $stopped.
stop() {
	kill -TERM "$pid"
	wait "$pid"
	stopped=$?
	pid=
}

# req NAME CURL-ARGS…: the status in $code, the body in $dir/out/NAME,
# the headers in $dir/out/NAME.h.
req() {
	name=$1
	shift
	code=$(curl -s -o "$dir/out/$name" -D "$dir/out/$name.h" -w '%{http_code}' "$@")
}
header() { sed -n "s/^$1: \(.*\)\r$/\1/Ip" "$dir/out/$2" | head -1; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$dir/out/$1" 2> /dev/null; }

cd "$dir" || exit 0
start "$dir/serve.log" modeles
if [ -z "$port" ]; then
	ko "le serveur ne démarre pas" "$dir/serve.log"
	exit 0
fi
ok "démarre sur un port libre (--port 0 : $port)"
J='Content-Type: application/json'

# The list: templates only, by relative name, with title and inputs.
req list "$api"
check "$code $(json list '" ".join(m["nom"] for m in d["modeles"])')" \
    "200 accord evasion lettre sous/autre" \
    "GET /api/v1/modeles : les modèles, pas la clause ni le lien vers l'extérieur" "$dir/out/list"
check "$(json list '[(m["titre"], [(e["nom"], e["type"], e["libelle"], e["requis"]) for e in m["entrees"]]) for m in d["modeles"] if m["nom"] == "lettre"]')" \
    "[('Lettre de mission', [('client', 'string', 'Nom du client', True), ('jours', 'integer', 'Délai de paiement', False)])]" \
    "la liste donne titre et entrées (type, libellé, requis)"
check "$(json list '[(m["etat"], m["diagnostics"][0]["code"]) for m in d["modeles"] if m["nom"] == "evasion"]')" \
    "[('erreurs', 'inclusion-hors-racine')]" \
    "un modèle qui inclut hors des dossiers servis est en erreur (inclusion-hors-racine)"
req one "$api/sous/autre"
check "$code $(json one 'd["titre"]')" "200 Autre" "GET /api/v1/modeles/{nom} : un modèle d'un sous-dossier"

# Schema: lgc schema's, byte for byte.
req schema "$api/accord/schema"
"$LGC" schema modeles/accord.lgc > "$dir/schema.attendu" 2> /dev/null
if [ "$code" = 200 ] && cmp -s "$dir/out/schema" "$dir/schema.attendu" &&
    header Content-Type schema.h | grep -q '^application/schema+json'; then
	ok "GET …/schema : le schéma de lgc schema, application/schema+json"
else
	ko "GET …/schema (statut $code)" "$dir/out/schema"
fi

# Rendering, every format, the same bytes as lgc build.
for f in pdf html latex; do
	case $f in
	pdf) type=application/pdf ext=pdf ;;
	html) type='text/html; charset=utf-8' ext=html ;;
	latex) type='text/x-tex; charset=utf-8' ext=tex ;;
	esac
	req "doc.$f" -H "$J" --data-binary @client.json "$api/accord/rendu?format=$f"
	"$LGC" build modeles/accord.lgc -d client.json -f $f -o "$dir/attendu.$f" 2> /dev/null
	if [ "$code" = 200 ] && cmp -s "$dir/out/doc.$f" "$dir/attendu.$f" &&
	    [ "$(header Content-Type doc.$f.h)" = "$type" ] &&
	    [ "$(header Content-Disposition doc.$f.h)" = "attachment; filename=\"accord-de-confidentialite-reciproque.$ext\"" ]; then
		ok "POST …/rendu?format=$f : 200, $type, nommé d'après le titre, les octets de lgc build"
	else
		ko "POST …/rendu?format=$f (statut $code)" "$dir/out/doc.$f.h"
	fi
done
req clause -H "$J" --data-binary @lettre.json "$api/lettre/rendu?format=html"
if [ "$code" = 200 ] && grep -q "Le délai est de 45" "$dir/out/clause"; then
	ok "un modèle et sa clause, rendus"
else
	ko "modèle avec clause (statut $code)" "$dir/out/clause"
fi
req default -H "$J; charset=utf-8" --data-binary @lettre.json "$api/lettre/rendu"
check "$code $(header Content-Type default.h)" "200 application/pdf" \
    "sans ?format, du PDF ; Content-Type avec charset accepté"

# 422: the diagnostics, the objects of --format-diagnostics json.
printf '{"client": "Durand", "jours": 500}' > bad.json
req 422 -H "$J" --data-binary @bad.json "$api/lettre/rendu?format=html"
"$LGC" build modeles/lettre.lgc -d bad.json -f html --format-diagnostics json \
    > /dev/null 2> "$dir/diag.attendu"
expected=$(python3 -c '
import json, sys
print(sorted((d["code"], d["gravite"], d.get("chemin")) for d in map(json.loads, open(sys.argv[1]))))' "$dir/diag.attendu")
check "$code $(json 422 'sorted((x["code"], x["gravite"], x.get("chemin")) for x in d["diagnostics"])')" \
    "422 $expected" "422 : les diagnostics des données, ceux de --format-diagnostics json"

# 400, 404, 405, 413, 415.
printf '{"client": ' > trunc.json
req 400a -H "$J" --data-binary @trunc.json "$api/lettre/rendu?format=html"
check "$code $(json 400a '"ligne 1" in d["erreur"]')" "400 True" "400 : JSON tronqué, avec la ligne"
req 400b -H "$J" --data-binary '[1, 2]' "$api/lettre/rendu?format=html"
check "$code" 400 "400 : un tableau au lieu d'un objet"
req 400c -H "$J" --data-binary $'\xff\xfe{}' "$api/lettre/rendu?format=html"
check "$code" 400 "400 : des octets qui ne sont pas de l'UTF-8"
req 400d -H "$J" --data-binary @lettre.json "$api/lettre/rendu?format=docx2"
check "$code $(json 400d '"inconnu" in d["erreur"]')" "400 True" "400 : format inconnu"
req 400e -H "$J" --data-binary '' "$api/lettre/rendu?format=html"
check "$code" 400 "400 : corps vide"
req 404 -H "$J" --data-binary @lettre.json "$api/nulle-part/rendu"
check "$code $(json 404 'd["statut"]')" "404 404" "404 : modèle inconnu, en JSON"
req 404b "$base/ailleurs"
check "$code" 404 "404 : adresse inconnue"
req 405 "$api/lettre/rendu"
check "$code $(header Allow 405.h)" "405 POST" "405 : GET sur …/rendu, avec Allow"
req 405b -X DELETE "$api"
check "$code $(header Allow 405b.h)" "405 GET, HEAD" "405 : DELETE sur la liste"
req 415 -H 'Content-Type: text/plain' --data-binary @lettre.json "$api/lettre/rendu"
check "$code" 415 "415 : Content-Type text/plain"
req 415b --data-binary @lettre.json "$api/lettre/rendu"
check "$code" 415 "415 : formulaire (application/x-www-form-urlencoded)"

# No name reaches outside the folders.
for path in "../dehors/secret" "..%2fdehors%2fsecret" "%2e%2e/dehors/secret" \
    "%2e%2e%2f%2e%2e%2fdehors%2fsecret" "/$dir/dehors/secret" "lien" \
    "sous/../lettre" "clause" "accord.lgc"; do
	code=$(curl -s --path-as-is -o "$dir/out/esc" -w '%{http_code}' "$api/$path/schema")
	if [ "$code" != 404 ]; then
		ko "« $path » : statut $code, 404 attendu" "$dir/out/esc"
		escaped=1
	fi
done
[ -z "${escaped:-}" ] && ok "404 pour .., %2e%2e, %2f, chemin absolu, lien symbolique, clause et extension"

# Batches: a zip, deterministic, a failed record as its diagnostics.
{ cat lettre.json; printf '{"client": "Martin", "jours": 10}\n\n'
  printf '{"client": "Faux", "jours": 0}\n'; } > lot.jsonl
L='Content-Type: application/x-ndjson'
req lot1 -H "$L" --data-binary @lot.jsonl "$base/api/v1/lot?modele=lettre&format=html"
req lot2 -H "$L" --data-binary @lot.jsonl "$base/api/v1/lot?modele=lettre&format=html"
members=$(python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(" ".join(z.namelist()), "Martin" in z.read("0002.html").decode())' "$dir/out/lot1" 2> /dev/null)
if [ "$code" = 200 ] && cmp -s "$dir/out/lot1" "$dir/out/lot2" &&
    [ "$members" = "0001.html 0002.html 0003.erreurs.json True" ] &&
    [ "$(header Content-Type lot1.h) $(header X-Lgc-Echecs lot1.h)" = "application/zip 1" ]; then
	ok "POST /api/v1/lot : un zip, les mêmes octets deux fois, l'échec en .erreurs.json"
else
	ko "POST /api/v1/lot (statut $code, membres « $members »)" "$dir/out/lot1.h"
fi
req lot3 -H "$J" --data-binary @lot.jsonl "$base/api/v1/lot?modele=lettre"
check "$code" 415 "lot : 415 sans application/x-ndjson"
req lot4 -H "$L" --data-binary @lot.jsonl "$base/api/v1/lot"
check "$code" 400 "lot : 400 sans ?modele"

# Health and metrics.
req sante "$base/sante"
check "$code $(json sante '(d["statut"], d["pret"], d["modeles"], d["modeles_en_erreur"])')" \
    "200 ('ok', True, 4, 1)" "GET /sante : vivant, prêt, les modèles comptés"
req metriques "$base/metriques"
if command -v promtool > /dev/null 2>&1; then
	if promtool check metrics < "$dir/out/metriques" > "$dir/promtool.out" 2>&1; then
		ok "GET /metriques : promtool check metrics l'accepte"
	else
		ko "promtool check metrics" "$dir/promtool.out"
	fi
fi
# Read strictly: every line a comment of the format or a sample of a
# declared family, histogram buckets cumulative, and the counts right.
python3 - "$dir/out/metriques" "$dir/out/metriques.h" > "$dir/metrics.out" 2>&1 <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
head = open(sys.argv[2]).read()
assert re.search(r"(?im)^content-type: text/plain; version=0\.0\.4", head), "type"
types, samples = {}, {}
name = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
label = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"'
sample = re.compile(rf'^({name})(\{{{label}(?:,{label})*\}})? (-?[0-9.e+]+|\+Inf|NaN)$')
for line in text.splitlines():
    if line.startswith("# HELP "):
        assert re.match(rf"# HELP {name} .+", line), line
    elif line.startswith("# TYPE "):
        m = re.match(rf"# TYPE ({name}) (counter|gauge|histogram|summary|untyped)$", line)
        assert m and m.group(1) not in types, line
        types[m.group(1)] = m.group(2)
    else:
        m = sample.match(line)
        assert m, "ligne illisible : " + line
        base = re.sub(r"_(bucket|sum|count)$", "", m.group(1))
        assert m.group(1) in types or types.get(base) == "histogram", "famille non déclarée : " + line
        samples[m.group(1) + (m.group(2) or "")] = float(m.group(3))
def get(s):
    return samples.get(s, 0)
assert get('lgc_http_requetes_total{route="rendu",statut="200"}') >= 5
assert get('lgc_http_requetes_total{route="rendu",statut="422"}') == 1
assert get('lgc_documents_rendus_total{format="pdf"}') >= 2
assert get('lgc_erreurs_total{type="donnees"}') == 1
buckets = [v for k, v in samples.items() if k.startswith('lgc_http_duree_secondes_bucket{route="rendu"')]
assert buckets == sorted(buckets) and buckets[-1] == get('lgc_http_duree_secondes_count{route="rendu"}')
print("ok")
EOF
if [ "$(cat "$dir/metrics.out")" = ok ]; then
	ok "GET /metriques : format d'exposition Prometheus lu strictement, compteurs justes"
else
	ko "GET /metriques" "$dir/metrics.out"
fi

# The preview: the page, its data found beside the template, the
# document in HTML and PDF, a data name that is not one of them.
req apercu "$base/apercu/lettre"
if [ "$code" = 200 ] && grep -q '<option value="donnees/dupont.json" selected>' "$dir/out/apercu" &&
    grep -q 'src="/apercu/lettre/document?donnees=donnees/dupont.json&amp;format=html"' "$dir/out/apercu" &&
    grep -q "new EventSource('/apercu/lettre/evenements')" "$dir/out/apercu"; then
	ok "GET /apercu/{nom} : la page, les données d'à côté choisies, le document en cadre, les événements"
else
	ko "GET /apercu/lettre (statut $code)" "$dir/out/apercu"
fi
req apdoc "$base/apercu/lettre/document?donnees=donnees/dupont.json&format=html"
if [ "$code" = 200 ] && grep -q "Dupont &amp; fils &lt;SARL&gt;" "$dir/out/apdoc"; then
	ok "aperçu : le document HTML avec ces données, échappées"
else
	ko "aperçu : document (statut $code)" "$dir/out/apdoc"
fi
req appdf "$base/apercu/lettre/document?donnees=donnees/dupont.json&format=pdf"
check "$code $(header Content-Type appdf.h) $(head -c 5 "$dir/out/appdf")" "200 application/pdf %PDF-" \
    "aperçu : le PDF au lieu du HTML"
req apdraft "$base/apercu/lettre/document?donnees=../../lettre.json&format=html"
if [ "$code" = 200 ] && ! grep -q "Durand" "$dir/out/apdraft"; then
	ok "aperçu : un nom de données hors de ceux d'à côté ne lit rien (brouillon)"
else
	ko "aperçu : données hors du dossier (statut $code)" "$dir/out/apdraft"
fi
# The questionnaire (lgc formulaire) served: its buttons post to the
# template's rendu route, the name with its folder.
req form "$base/formulaire/lettre"
if [ "$code" = 200 ] && [ "$(header Content-Type form.h)" = "text/html; charset=utf-8" ] &&
    grep -q '"rendu": *"/api/v1/modeles/lettre/rendu"' "$dir/out/form" &&
    grep -q 'Délai de paiement' "$dir/out/form"; then
	ok "GET /formulaire/{nom} : le questionnaire, qui envoie à …/lettre/rendu"
else
	ko "GET /formulaire/lettre (statut $code)" "$dir/out/form"
fi
req formsous "$base/formulaire/sous/autre"
if [ "$code" = 200 ] && grep -q '"rendu": *"/api/v1/modeles/sous/autre/rendu"' "$dir/out/formsous"; then
	ok "GET /formulaire/{nom} : un modèle de sous-dossier"
else
	ko "GET /formulaire/sous/autre (statut $code)" "$dir/out/formsous"
fi
req form404 "$base/formulaire/nulle-part"
check "$code" 404 "GET /formulaire/{nom} : un modèle inconnu est 404" form404
req form405 -X POST "$base/formulaire/lettre"
check "$code $(header Allow form405.h)" "405 GET, HEAD" "405 : POST sur /formulaire/{nom}, avec Allow"

# The event stream: a change of a clause is told to the open page.
curl -sN "$base/apercu/lettre/evenements" > sse.out 2>&1 &
sse=$!
i=0
while [ $i -lt 100 ] && ! grep -q apercu sse.out; do sleep 0.05; i=$((i + 1)); done
cp modeles/clause.lgc clause.sauve
printf '\n' >> modeles/clause.lgc
i=0
while [ $i -lt 100 ] && ! grep -q "^event: change" sse.out; do sleep 0.05; i=$((i + 1)); done
kill $sse 2> /dev/null
wait $sse 2> /dev/null
if grep -q "^event: change" sse.out; then
	ok "aperçu : une clause modifiée est signalée à la page (inotify, Server-Sent Events)"
else
	ko "aperçu : aucun événement après la modification d'une clause" sse.out
fi
cp clause.sauve modeles/clause.lgc

# The JSON answers against docs/openapi.yaml's schemas.
if command -v node > /dev/null 2>&1 &&
    [ -d "$TOP/tests/openapi/node_modules/ajv" ] &&
    [ -d "$TOP/tests/openapi/node_modules/@apidevtools/swagger-parser" ]; then
	o=$dir/out
	node "$TOP/tests/openapi/responses.js" "$TOP/docs/openapi.yaml" <<EOF | sed 's/^\(ok\|ÉCHEC\) /\1 serve : /'
GET /api/v1/modeles 200 $o/list
GET /api/v1/modeles/{nom} 200 $o/one
POST /api/v1/modeles/{nom}/rendu 422 $o/422
POST /api/v1/modeles/{nom}/rendu 400 $o/400a
POST /api/v1/modeles/{nom}/rendu 404 $o/404
POST /api/v1/modeles/{nom}/rendu 415 $o/415
POST /api/v1/modeles/{nom}/rendu 405 $o/405
GET /sante 200 $o/sante
GET /formulaire/{nom} 404 $o/form404
POST /api/v1/lot 400 $o/lot4
EOF
else
	echo "sauté serve : réponses contre docs/openapi.yaml (ajv ou swagger-parser absent : make deps)"
fi

# A template broken while served, then fixed; a clause changed; a
# template deleted, then restored.
printf 'modele "Lettre"\nentree client : texte\n---\n{si client}\n' > modeles/lettre.lgc
req apbroken "$base/apercu/lettre"
if grep -q '<section id="diagnostics" role="alert">' "$dir/out/apbroken" &&
    grep -q '^ *4 | {si client}' "$dir/out/apbroken" && ! grep -q "<iframe" "$dir/out/apbroken"; then
	ok "aperçu : un modèle cassé montre ses diagnostics avec l'extrait"
else
	ko "aperçu : modèle cassé" "$dir/out/apbroken"
fi
req broken -H "$J" --data-binary @lettre.json "$api/lettre/rendu?format=html"
check "$code $(json broken 'len(d["diagnostics"]) > 0 and d["diagnostics"][0]["gravite"]')" \
    "503 erreur" "modèle cassé pendant le service : 503 avec ses diagnostics"
req formbroken "$base/formulaire/lettre"
check "$code $(json formbroken 'd["statut"]')" "503 503" \
    "modèle cassé : /formulaire/{nom} est 503 avec ses diagnostics"
cp lettre.orig modeles/lettre.lgc
req fixed -H "$J" --data-binary @lettre.json "$api/lettre/rendu?format=html"
check "$code" 200 "modèle corrigé : de nouveau 200"
req apfixed "$base/apercu/lettre"
if grep -q "<iframe" "$dir/out/apfixed" && ! grep -q 'id="diagnostics"' "$dir/out/apfixed"; then
	ok "aperçu : corrigé, les diagnostics disparaissent"
else
	ko "aperçu : modèle corrigé" "$dir/out/apfixed"
fi
sed 's/Le délai est de/Le délai convenu est de/' modeles/clause.lgc > clause.new
mv clause.new modeles/clause.lgc
req clause2 -H "$J" --data-binary @lettre.json "$api/lettre/rendu?format=html"
if [ "$code" = 200 ] && grep -q "Le délai convenu est de 45" "$dir/out/clause2"; then
	ok "une clause modifiée : le modèle est revérifié"
else
	ko "clause modifiée (statut $code)" "$dir/out/clause2"
fi
mv modeles/lettre.lgc lettre.ote
req gone -H "$J" --data-binary @lettre.json "$api/lettre/rendu?format=html"
check "$code" 404 "modèle supprimé : 404"
mv lettre.ote modeles/lettre.lgc
req back -H "$J" --data-binary @lettre.json "$api/lettre/rendu?format=html"
check "$code" 200 "modèle remis : 200"
printf 'modele "Nouveau"\n---\nNeuf.\n' > modeles/sous/nouveau.lgc
req new "$api/sous/nouveau"
check "$code $(json new 'd["titre"]')" "200 Nouveau" "un modèle ajouté pendant le service est trouvé"
printf 'parametre p : texte\n---\n{p}\n' > modeles/sous/nouveau.lgc
req clausenow "$api/sous/nouveau"
req listnow "$api"
check "$code $(json listnow '"sous/nouveau" in [m["nom"] for m in d["modeles"]]')" "200 False" \
    "un modèle devenu clause (sans ligne modele) n'est plus servi"

# The access log: one Combined Log Format line per request.
sleep 0.2
python3 - "$dir/serve.log" > "$dir/log.out" 2>&1 <<'EOF'
import re, sys
clf = re.compile(r'^\S+ - - \[\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d \+0000\] "[A-Z]+ \S+ HTTP/1\.[01]" \d{3} \d+ "[^"]*" "[^"]*"$')
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if not l.startswith("lgc serve")]
bad = [l for l in lines if not clf.match(l)]
assert not bad, bad[:3]
print(len(lines))
EOF
n=$(cat "$dir/log.out")
case $n in
[1-9]*) ok "journal des accès : $n lignes au format Combined Log Format" ;;
*) ko "journal des accès" "$dir/log.out" ;;
esac
stop
check "$stopped" 0 "SIGTERM au repos : sortie 0"

# Faults, on a server with small limits.
start "$dir/faults.log" modeles --limite-corps 64K --delai 2 --fils 4
head -c 70000 /dev/zero | tr '\0' ' ' > big.json
req 413 -H "$J" --data-binary @big.json "$api/lettre/rendu"
check "$code" 413 "413 : corps au-delà de --limite-corps (Content-Length)"
req 413b -H "$J" -H 'Transfer-Encoding: chunked' --data-binary @big.json "$api/lettre/rendu"
check "$code" 413 "413 : corps au-delà de --limite-corps (en morceaux)"
head -c 400000 /dev/zero | curl -s -o /dev/null -w '%{http_code}' -H "$J" \
    -H 'Transfer-Encoding: chunked' --data-binary @- "$api/lettre/rendu" > huge.out 2>&1
req alive0 "$base/sante"
if [ "$code" = 200 ] && grep -q '" 413 0 ' "$dir/faults.log"; then
	ok "un corps en morceaux bien au-delà de la limite : connexion coupée (413 au journal), le serveur répond encore"
else
	ko "corps en morceaux démesuré (statut $code)" "$dir/faults.log"
fi

# A slow client: headers and half a body, then silence.  Others are
# served meanwhile, and the silent one is cut after --delai.
python3 - "$port" "$dir/slow.out" <<'EOF' &
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"POST /api/v1/modeles/lettre/rendu HTTP/1.1\r\nHost: x\r\n"
          b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"client\":")
s.settimeout(20)
start = time.time()
try:
    data = s.recv(1000)
except (socket.timeout, ConnectionResetError):
    data = b"?"
open(sys.argv[2], "w").write("fermée" if data in (b"", b"?") else data.decode("latin-1"))
EOF
slow=$!
sleep 0.3
req during -H "$J" --data-binary @lettre.json "$api/lettre/rendu?format=html"
check "$code" 200 "client lent : les autres sont servis pendant ce temps"
wait $slow
check "$(cat "$dir/slow.out")" "fermée" "client lent : coupé après --delai"
for garbage in 'GET / HTTP/9.9' 'BLAH' "$(printf 'POST /api/v1/lot HTTP/1.1\r\nContent-Length: -5')"; do
	printf '%s\r\n\r\n' "$garbage" | python3 -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(sys.stdin.buffer.read()); s.settimeout(5)
try: s.recv(1000)
except Exception: pass' "$port"
done
req alive "$base/sante"
check "$code" 200 "requêtes malformées : le serveur répond encore"

# 200 connections at once, each a request: every one answered 200.
seq 200 | xargs -P 200 -I{} curl -s -o /dev/null -w '%{http_code}\n' \
    -H "$J" --data-binary @lettre.json "$api/lettre/rendu?format=html" > conc.out 2>&1
check "$(sort conc.out | uniq -c | sed 's/^ *//')" "200 200" "200 connexions simultanées : 200 réponses 200"

# SIGTERM under load: each request either refused at connect (after the
# stop began) or answered 200 in full; the server exits 0.
seq 60 | xargs -P 30 -I{} curl -s -o /dev/null -w '%{http_code} %{exitcode}\n' \
    -H "$J" --data-binary @lettre.json "$api/lettre/rendu?format=pdf" > load.out 2>&1 &
load=$!
sleep 0.5
stop
wait $load
answered=$(grep -c '^200 0$' load.out)
lost=$(grep -v '^200 0$' load.out | grep -vc '^000 7$')
if [ "$stopped" = 0 ] && [ "$lost" = 0 ] && [ "$answered" -gt 0 ]; then
	ok "SIGTERM en charge : sortie 0, $answered réponses 200, aucune requête acceptée perdue"
else
	ko "SIGTERM en charge (sortie $stopped, $answered réponses, $lost perdues)" load.out
fi
if grep -q "ERROR: AddressSanitizer\|runtime error" "$dir/serve.log" "$dir/faults.log"; then
	ko "le serveur sous ASan/UBSan signale une erreur" "$dir/faults.log"
else
	ok "aucune erreur ASan/UBSan dans le journal du serveur"
fi
