# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# ThreadSanitizer: the API test's threads sharing one template through
# lgc_clone, and the server (build/tsan/lgc-serve) under concurrent
# requests of every format, batches, listings and a template reloaded
# while others render.  Any report of a data race fails.
# Environment: TOP, TMP.
set -u

tsan=$TOP/build/tsan
dir=$TMP/tsan
rm -rf "$dir"
mkdir -p "$dir/modeles"
if [ ! -x "$tsan/lgc-serve" ] || [ ! -x "$tsan/api_test" ]; then
	echo "ÉCHEC tsan : $tsan/lgc-serve ou api_test manque (make check les construit)"
	exit 0
fi
if ! command -v curl > /dev/null 2>&1; then
	echo "sauté tsan (curl absent : make deps l'installe)"
	exit 0
fi
TSAN_OPTIONS="halt_on_error=0 exitcode=66 second_deadlock_stack=1 suppressions=$TOP/tests/tsan.supp"
export TSAN_OPTIONS

"$tsan/api_test" "$dir" > "$dir/api.out" 2> "$dir/api.err"
status=$?
if [ $status -eq 0 ] && ! grep -q "ThreadSanitizer" "$dir/api.err" &&
    grep -q "^ok api : clone : quatre fils" "$dir/api.out"; then
	echo "ok tsan : lgc_clone, quatre fils sur un modèle, sans course de données"
else
	echo "ÉCHEC tsan : api_test (code $status)"
	sed 's/^/    /' "$dir/api.err" "$dir/api.out" | grep -v "^    ok" | head -30
fi

ex=$TOP/examples/accord-confidentialite
cp "$ex/contrat.lgc" "$dir/modeles/accord.lgc"
cp "$ex/donnees/startup-industriel.json" "$dir/client.json"
printf 'modele "Note"\nentree n : entier\n---\nNote {n}.\n' > "$dir/modeles/note.lgc"
"$tsan/lgc-serve" "$dir/modeles" --port 0 --fils 4 2> "$dir/serve.log" &
pid=$!
trap 'kill -9 $pid 2> /dev/null; wait 2> /dev/null' EXIT INT TERM
port=
i=0
while [ $i -lt 400 ] && [ -z "$port" ]; do
	port=$(sed -n 's/^lgc serve : http:\/\/127.0.0.1:\([0-9]*\)\/ .*/\1/p' "$dir/serve.log" 2> /dev/null)
	[ -z "$port" ] && sleep 0.05
	i=$((i + 1))
done
api=http://127.0.0.1:$port/api/v1
printf '{"n": 1}\n{"n": 2}\n{"n": 3}\n' > "$dir/lot.jsonl"
# Eight at a time: every format, batches, listings, health, metrics.
for i in 1 2 3 4 5 6; do
	for f in html pdf latex; do
		echo "-H Content-Type:application/json --data-binary @$dir/client.json $api/modeles/accord/rendu?format=$f"
	done
	echo "-H Content-Type:application/x-ndjson --data-binary @$dir/lot.jsonl $api/lot?modele=note&format=pdf"
	echo "$api/modeles"
	echo "http://127.0.0.1:$port/metriques"
	echo "http://127.0.0.1:$port/apercu/accord/document?format=pdf"
done > "$dir/requests"
# Two preview pages hold their event streams, suspended, meanwhile.
for i in 1 2; do
	curl -sN "http://127.0.0.1:$port/apercu/note/evenements" > "$dir/sse$i" 2>&1 &
done
xargs -P 8 -L 1 curl -s -o /dev/null -w '%{http_code}\n' < "$dir/requests" > "$dir/codes" 2>&1 &
load=$!
# A template changed while the others render: reloaded under the lock
# while requests hold the old one.
sleep 0.5
printf 'modele "Note"\nentree n : entier\n---\nNote numéro {n}.\n' > "$dir/modeles/note.lgc"
curl -s -o /dev/null -H Content-Type:application/x-ndjson --data-binary @"$dir/lot.jsonl" "$api/lot?modele=note&format=html"
wait $load
i=0
while [ $i -lt 100 ] && ! grep -q "^event: change" "$dir/sse1"; do sleep 0.05; i=$((i + 1)); done
kill -TERM $pid
wait $pid
status=$?
n=$(grep -c '^200$' "$dir/codes")
total=$(wc -l < "$dir/requests")
wait
if [ "$status" -eq 0 ] && [ "$n" -eq "$total" ] && grep -q "^event: change" "$dir/sse2" &&
    ! grep -q "ThreadSanitizer" "$dir/serve.log"; then
	echo "ok tsan : le serveur, $n requêtes concurrentes (HTML, PDF, LaTeX, lots, listes, métriques, aperçus, rechargement signalé aux flux d'événements), sans course de données"
else
	echo "ÉCHEC tsan : le serveur (sortie $status, $n réponses 200 sur $total)"
	grep -v '^127.0.0.1' "$dir/serve.log" | sed 's/^/    /' | head -40
fi
