# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# deploy/ as far as this machine allows without a cluster nor a registry
# of images: the Indexed Job's own command (read from job.yaml, not
# retyped) run for each index against a plain --lot of the same records;
# the manifests against the Kubernetes API's schemas (kubernetes-models,
# tests/deploy) and for the fields lgc depends on; the Dockerfile linted
# (dockerfile-utils) and checked for its essentials; the image's entry
# point and health check run as they are with ./lgc serve.  `make
# check-long` builds the image itself where Docker can.
set -u
# Linked into a PATH folder below: relative, it would point nowhere.
case "$LGC" in /*) ;; *) LGC="$PWD/$LGC" ;; esac
d="$TMP/deploy"
rm -rf "$d"
mkdir -p "$d/bin" "$d/x"
tools="$TOP/tests/deploy"
k8s="$TOP/deploy/kubernetes"
# The image's commands are on PATH as in the image: lgc and the scripts
# the Dockerfile copies into /usr/local/bin, under their names there.
ln -s "$LGC" "$d/bin/lgc"
PATH="$d/bin:$PATH"

if ! python3 -c 'import yaml' 2> /dev/null; then
	echo "sauté déploiement (python3-yaml absent : make deps l'installe)"
	exit 0
fi

# --- The Dockerfile: essentials, then dockerfile-utils. ---
python3 "$tools/manifestes.py" dockerfile "$TOP/deploy/Dockerfile" "$d/x"
while read -r src dest; do
	case "$dest" in
	/usr/local/bin/*) cp "$TOP/$src" "$d/bin/${dest#/usr/local/bin/}" ;;
	esac
done < "$d/x/copies"
# The build stage's make install, here: it must write every file the
# runtime stage copies from it (but the list of packages, made by ldd).
install=$(cat "$d/x/install")
staging=$(echo "$install" | sed -n 's/.*DESTDIR=\([^ ]*\).*/\1/p')
if [ -n "$staging" ] && make -s -C "$TOP" install \
    $(echo "$install" | sed "s|DESTDIR=$staging|DESTDIR=$d/staging|") \
    > "$d/install.log" 2>&1; then
	missing=""
	while read -r src; do
		case "$src" in "$staging/paquets-partages") continue ;; esac
		[ -e "$d/staging${src#"$staging"}" ] || missing="$missing $src"
	done < "$d/x/from-build"
	if [ -z "$missing" ] && [ -s "$d/x/from-build" ] &&
	    [ -f "$d/staging/usr/local/share/lgc/stdlib/parties.lgc" ]; then
		echo "ok Dockerfile : make install $install écrit ce que l'image finale copie"
	else
		echo "ÉCHEC Dockerfile : l'image finale copie ce que make install n'écrit pas :$missing"
	fi
	# Every program installed has its shared libraries' packages listed
	# (ldd in the build stage), the server's too.
	unlisted=""
	for prog in $(cd "$d/staging" && find usr/local/bin usr/local/libexec -type f -perm -u+x | sort); do
		grep -q "/staging/$prog" "$TOP/deploy/Dockerfile" || unlisted="$unlisted /$prog"
	done
	if [ -z "$unlisted" ]; then
		echo "ok Dockerfile : les paquets des bibliothèques de chaque programme installé (ldd), lgc-serve compris"
	else
		echo "ÉCHEC Dockerfile : ldd ne lit pas les bibliothèques de$unlisted"
	fi
else
	echo "ÉCHEC Dockerfile : make install de l'étape de construction ($install)"
	sed 's/^/    /' "$d/install.log" | head -10
fi
if grep -qx 'build/' "$TOP/.dockerignore" && grep -qx '.git' "$TOP/.dockerignore"; then
	echo "ok Dockerfile : .dockerignore écarte .git et build/"
else
	echo "ÉCHEC Dockerfile : .dockerignore n'écarte pas .git et build/"
fi
if [ -d "$tools/node_modules/dockerfile-utils" ]; then
	if (cd "$tools" && node dockerfile.mjs "$TOP/deploy/Dockerfile") > "$d/lint" 2>&1; then
		echo "ok Dockerfile : dockerfile-utils ne trouve rien"
	else
		echo "ÉCHEC Dockerfile : dockerfile-utils"; sed 's/^/    /' "$d/lint"
	fi
	printf 'FROM debian:bookworm-slim\nUSER\nEXPOSE huit\n' > "$d/Dockerfile.faux"
	if (cd "$tools" && node dockerfile.mjs "$d/Dockerfile.faux") > "$d/lint" 2>&1; then
		echo "ÉCHEC Dockerfile : dockerfile-utils accepte un Dockerfile faux"
	else
		echo "ok Dockerfile : dockerfile-utils refuse un Dockerfile faux"
	fi
else
	echo "sauté Dockerfile : dockerfile-utils (paquet npm absent : make deps l'installe)"
fi

# --- The manifests: the Kubernetes schemas, then what lgc needs. ---
if [ -d "$tools/node_modules/kubernetes-models" ]; then
	for f in "$k8s"/*.yaml "$k8s"/lot/*.yaml; do
		rel=${f#"$TOP"/}
		if (cd "$tools" && node valider.mjs "$f") > "$d/valider" 2>&1; then
			echo "ok $rel : conforme aux schémas de l'API Kubernetes"
		else
			echo "ÉCHEC $rel : schémas de l'API Kubernetes"
			sed 's/^/    /' "$d/valider"
		fi
	done
	# The validator can fail: a misspelt field, a wrong type, a bad enum.
	sed -e 's/readinessProbe:/readinesProbe:/' \
	    -e 's/containerPort: 8080/containerPort: "8080"/' \
	    "$k8s/deployment.yaml" > "$d/faux.yaml"
	echo --- >> "$d/faux.yaml"
	sed -e 's/completionMode: Indexed/completionMode: Indexe/' \
	    "$k8s/lot/job.yaml" >> "$d/faux.yaml"
	(cd "$tools" && node valider.mjs "$d/faux.yaml") > "$d/valider" 2>&1
	if grep -q 'readinesProbe : champ inconnu' "$d/valider" &&
	    grep -q 'containerPort : type' "$d/valider" &&
	    grep -q 'completionMode : enum' "$d/valider"; then
		echo "ok manifestes : un champ inconnu, un type faux, une valeur hors énumération sont refusés"
	else
		echo "ÉCHEC manifestes : le validateur laisse passer des erreurs"
		sed 's/^/    /' "$d/valider"
	fi
else
	echo "sauté manifestes : schémas de l'API Kubernetes (kubernetes-models absent : make deps l'installe)"
fi
python3 "$tools/manifestes.py" verifier "$k8s"

# --- The scripts, and the Job's command, under shellcheck. ---
python3 "$tools/manifestes.py" job "$k8s/lot/job.yaml" "$d/x" || {
	echo "ÉCHEC Job : commande illisible"; exit 0; }
if command -v shellcheck > /dev/null 2>&1; then
	for f in "$TOP"/deploy/*.sh "$d/x/commande"; do
		case "$f" in */commande) what="la commande du Job" ;;
		*) what=${f#"$TOP"/} ;; esac
		if shellcheck -s sh -e SC2012 "$f" > "$d/sc" 2>&1; then
			echo "ok shellcheck : $what"
		else
			echo "ÉCHEC shellcheck : $what"; sed 's/^/    /' "$d/sc" | head -20
		fi
	done
else
	echo "sauté shellcheck des scripts de deploy/ (shellcheck absent)"
fi

# --- The Job's sharding, run here for each index. ---
# Records of an example, each with its own reference (so that two
# contracts never have the same bytes), a blank and a whitespace line
# (not records, for lgc as for the slices), and one record with errors.
python3 - "$TOP/examples/generation-prospects/donnees" > "$d/clients.jsonl" <<'PY'
import json, os, sys
folder = sys.argv[1]
data = [json.load(open(os.path.join(folder, f), encoding="utf-8"))
        for f in sorted(os.listdir(folder)) if f.endswith(".json")]
for n in range(1, 14):
    rec = dict(data[n % len(data)], reference=f"LOT-2027-{n:04d}")
    print(json.dumps(rec, ensure_ascii=False))
    if n == 5:
        print("")
        print(" \t")
    if n == 8:
        print(json.dumps({"reference": "LOT-2027-ERREUR"}))
PY
modele="$TOP/examples/generation-prospects/contrat.lgc"
# PARTS and FORMAT are the manifest's; the paths are this machine's.
parts=$(sed -n 's/^PARTS=//p' "$d/x/env")
format=$(sed -n 's/^FORMAT=//p' "$d/x/env")
lot_job() { # LOT SORTIE INDEX → the Job's command, its status
	env $(grep -v '^\(MODELE\|LOT\|SORTIE\)=' "$d/x/env") \
	    JOB_COMPLETION_INDEX="$3" MODELE="$modele" LOT="$1" SORTIE="$2" \
	    FILS=2 TMPDIR="$d" sh -c "$(cat "$d/x/commande")" \
	    > "$d/job.out" 2>&1
}
# One folder per index, so that a name written by two slices shows.
compare_lot() { # NAME LOT
	rm -rf "$d/plain" "$d/job-"* "$d/union"
	"$LGC" build "$modele" --lot "$2" --sortie "$d/plain/" -f "$format" \
	    > /dev/null 2>&1
	plain_status=$?
	statuses="" i=0
	while [ "$i" -lt "$parts" ]; do
		lot_job "$2" "$d/job-$i" "$i"
		statuses="$statuses$?"
		mkdir -p "$d/job-$i"
		i=$((i + 1))
	done
	mkdir -p "$d/union"
	twice=$(ls -A "$d"/job-* | grep -v ':$' | grep . | sort | uniq -d | tr '\n' ' ')
	cp "$d"/job-*/* "$d/union/" 2> /dev/null
	left=$(find "$d"/job-* -name '.part-*')
	if [ -z "$twice" ] && [ -z "$left" ] &&
	    [ "$(ls "$d/plain" | wc -l)" -gt 0 ] &&
	    diff -r "$d/plain" "$d/union" > "$d/diff" 2>&1; then
		echo "ok Job indexé ($1) : les $parts tranches écrivent, octet pour octet, les $(ls "$d/plain" | wc -l) contrats d'un --lot simple, chacun une fois"
	else
		echo "ÉCHEC Job indexé ($1) : tranches ≠ --lot simple"
		[ -n "$twice" ] && echo "    écrits deux fois : $twice"
		[ -n "$left" ] && echo "    restés : $left"
		sed 's/^/    /' "$d/diff" | head -10
		sed 's/^/    /' "$d/job.out" | head -10
	fi
}
compare_lot "14 enregistrements dont 1 faux" "$d/clients.jsonl"
# Records 9 to 12 are the third slice (of 4 records each) when there are
# four: it alone fails, with lgc's status for errors in the data, as the
# plain --lot does.
if [ "$parts" -eq 4 ] && [ "$statuses" = 0010 ] && [ "$plain_status" -eq 1 ]; then
	echo "ok Job indexé : seule la tranche de l'enregistrement faux finit en erreur (statut 1, comme --lot)"
elif [ "$parts" -ne 4 ]; then
	echo "sauté Job indexé : statut par tranche (PARTS=$parts, le test attend 4)"
else
	echo "ÉCHEC Job indexé : statuts des tranches $statuses, --lot simple $plain_status"
fi
# Fewer records than pods: the slices left empty have nothing to do.
head -n 2 "$d/clients.jsonl" > "$d/deux.jsonl"
compare_lot "moins d'enregistrements que de tranches" "$d/deux.jsonl"
case "$statuses" in
*[!0]*) echo "ÉCHEC Job indexé : tranches vides en erreur ($statuses)" ;;
*) echo "ok Job indexé : les tranches vides finissent sans erreur" ;;
esac

# --- The README's GNU parallel command, in blocks of 4 records. ---
if command -v parallel > /dev/null 2>&1; then
	# The section's first block of shell, as it is.
	sed -n '/^### Without a cluster: GNU parallel/,/^## /p' "$TOP/README.md" |
	    sed -n '/^```sh$/,/^```$/{/^```/d;p;}' | sed '/^$/,$d' > "$d/parallel.sh"
	bloc=4
	mkdir -p "$d/p"
	grep -v '^[[:space:]]*$' "$d/clients.jsonl" > "$d/p/clients.jsonl"
	ln -sf "$modele" "$d/p/contrat.lgc"
	rm -rf "$d/plain" "$d/union"
	"$LGC" build "$modele" --lot "$d/p/clients.jsonl" --sortie "$d/plain/" \
	    -f pdf > /dev/null 2>&1
	(cd "$d/p" && PARALLEL=--will-cite TMPDIR="$d" \
	    sh -c "$(sed "s/-N [0-9]*/-N $bloc/" "$d/parallel.sh")") \
	    > "$d/parallel.out" 2>&1
	# sortie/K/NNNN.pdf is record (K-1)×bloc + NNNN.
	mkdir -p "$d/union"
	(cd "$d/p/sortie" 2> /dev/null && find . -name '*.pdf') | awk -F/ -v b="$bloc" '{
	    n = $3; sub(/\..*$/, "", n)
	    printf "%s %04d.pdf\n", $0, ($2 - 1) * b + n }' |
	while read -r de vers; do cp "$d/p/sortie/$de" "$d/union/$vers"; done
	if grep -q . "$d/parallel.sh" && [ "$(ls "$d/plain" | wc -l)" -gt 0 ] &&
	    [ "$(find "$d/p/sortie" -name '*.pdf' | wc -l)" -eq "$(ls "$d/plain" | wc -l)" ] &&
	    diff -r "$d/plain" "$d/union" > "$d/diff" 2>&1; then
		echo "ok README : parallel --pipe --cat … --lot écrit les contrats d'un --lot simple, bloc par bloc"
	else
		echo "ÉCHEC README : la commande GNU parallel ≠ --lot simple"
		sed 's/^/    /' "$d/parallel.sh" "$d/diff" "$d/parallel.out" | head -20
	fi
else
	echo "sauté README : commande GNU parallel (parallel absent : make deps l'installe)"
fi

# --- The entry point and the health check, as the image runs them. ---
entry=$(cat "$d/x/entrypoint")
sante=$(cat "$d/x/healthcheck")
# Its command line, seen by a stand-in lgc that prints its arguments.
mkdir -p "$d/faux"
printf '#!/bin/sh\nprintf "%%s|" "$@"\n' > "$d/faux/lgc"
chmod +x "$d/faux/lgc"
got=$(PATH="$d/faux:$PATH" PORT=9090 MODELES=/m FILS=3 $entry -I /c)
want="serve|/m|--adresse|0.0.0.0|--port|9090|--fils|3|-I|/c|"
if [ "$got" = "$want" ]; then
	echo "ok point d'entrée : lgc serve \$MODELES --adresse --port \$PORT --fils \$FILS, options ajoutées"
else
	echo "ÉCHEC point d'entrée : $got (attendu $want)"
fi
got=$(PATH="$d/faux:$PATH" env -u PORT -u FILS -u MODELES -u ADRESSE $entry)
if [ "$got" = "serve|/modeles|--adresse|0.0.0.0|--port|8080|" ]; then
	echo "ok point d'entrée : par défaut /modeles sur 0.0.0.0:8080"
else
	echo "ÉCHEC point d'entrée par défaut : $got"
fi
if [ "$($entry lgc --version | cut -d' ' -f1)" = lgc ]; then
	echo "ok point d'entrée : une commande donnée est lancée telle quelle (lgc build …)"
else
	echo "ÉCHEC point d'entrée : une commande donnée n'est pas lancée"
fi
# Without a serve command, lgc answers `serve --help` with its general
# help, which does not name it.
if ! "$LGC" serve --help 2> /dev/null | grep -q 'serve'; then
	echo "sauté point d'entrée et HEALTHCHECK avec le vrai serveur (lgc serve absent)"
	exit 0
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export PORT="$port" ADRESSE=127.0.0.1 MODELES="$TOP/examples"
$entry > "$d/serve.out" 2>&1 &
pid=$!
n=0
until $sante > /dev/null 2>&1; do
	n=$((n + 1))
	if [ "$n" -gt 150 ] || ! kill -0 "$pid" 2> /dev/null; then break; fi
	sleep 0.2
done
if $sante 2> "$d/sante.err"; then
	echo "ok HEALTHCHECK : $sante répond une fois lgc serve démarré"
else
	echo "ÉCHEC HEALTHCHECK : $sante ne répond pas"
	sed 's/^/    /' "$d/sante.err" "$d/serve.out" | head -20
fi
# exec: the process started is the server itself, not a shell waiting
# for it, so SIGTERM reaches it.  `lgc serve` execs lgc-serve in turn,
# so the same pid ends up running lgc-serve.
cmdline=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2> /dev/null)
case "$cmdline" in
*"lgc serve "* | *"lgc-serve "*) echo "ok point d'entrée : lgc serve remplace le shell (exec)" ;;
*) echo "ÉCHEC point d'entrée : le processus lancé est « $cmdline », pas lgc serve" ;;
esac
# Were it a shell, what it started would survive it: stopped at the end.
kids=$(pgrep -P "$pid" 2> /dev/null)
kill -TERM "$pid" 2> /dev/null
wait "$pid"
status=$?
if [ "$status" -eq 0 ]; then
	echo "ok point d'entrée : SIGTERM arrête lgc serve avec le statut 0"
else
	echo "ÉCHEC point d'entrée : statut $status après SIGTERM"
	sed 's/^/    /' "$d/serve.out" | tail -20
fi
if $sante > /dev/null 2>&1; then
	echo "ÉCHEC HEALTHCHECK : répond encore, serveur arrêté"
else
	echo "ok HEALTHCHECK : échoue quand le serveur est arrêté"
fi
for k in $kids; do kill "$k" 2> /dev/null; done
