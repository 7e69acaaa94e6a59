# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The live preview of lgc serve in Chromium (tests/browser/apercu.js,
# puppeteer-core): the page follows an edit of a clause by itself, shows
# the diagnostics of a broken template and drops them once fixed, and
# switches to the PDF.  Environment: LGC (sanitizer build), TOP, TMP.
set -u
dir=$TMP/apercu
rm -rf "$dir"
mkdir -p "$dir/modeles/donnees"
chromium=
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" > /dev/null 2>&1; then chromium=$(command -v "$c"); break; fi
done
if [ -z "$chromium" ] || ! command -v node > /dev/null 2>&1 ||
    [ ! -d "$TOP/tests/browser/node_modules/puppeteer-core" ]; then
	echo "sauté aperçu navigateur (chromium, node ou puppeteer-core absent : make deps)"
	exit 0
fi
cat > "$dir/modeles/lettre.lgc" <<'LGC'
modele "Lettre de mission"
entree client : texte "Nom du client"
entree jours : entier entre 1 et 90 = 30 "Délai de paiement"
---
# Mission

{client} confie la mission.

{inclure "clause" avec delai = jours}
LGC
cat > "$dir/modeles/clause.lgc" <<'LGC'
parametre delai : entier "Délai"
---
Le délai est de {delai} jours.
LGC
printf '{"client": "Dupont", "jours": 20}\n' > "$dir/modeles/donnees/dupont.json"
"$LGC" serve "$dir/modeles" --port 0 2> "$dir/serve.log" &
pid=$!
trap 'kill -9 $pid 2> /dev/null; wait 2> /dev/null' EXIT INT TERM
port=
i=0
while [ $i -lt 200 ] && [ -z "$port" ]; do
	port=$(sed -n 's/^lgc serve : http:\/\/127.0.0.1:\([0-9]*\)\/ .*/\1/p' "$dir/serve.log" 2> /dev/null)
	[ -z "$port" ] && sleep 0.05
	i=$((i + 1))
done
if [ -z "$port" ]; then
	echo "ÉCHEC aperçu navigateur : le serveur ne démarre pas"
	exit 0
fi
timeout 120 node "$TOP/tests/browser/apercu.js" "$chromium" \
    "http://127.0.0.1:$port/apercu/lettre" "$dir/modeles/clause.lgc" \
    "$dir/modeles/lettre.lgc" > "$dir/out" 2> "$dir/node.err"
status=$?
cat "$dir/out"
if [ $status -ne 0 ] && ! grep -q '^ÉCHEC' "$dir/out"; then
	echo "ÉCHEC aperçu navigateur : node a échoué (code $status)"
	sed 's/^/    /' "$dir/node.err" | head -10
fi
