#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# File-system faults: an output that is an input (under any name), a
# full disk on the standard output, outputs that cannot be written
# (/proc, a folder, a read-only folder), and --lot workers that die.
# Prints "ok DESCRIPTION", "ÉCHEC DESCRIPTION" or "sauté DESCRIPTION
# (raison)" per check.
# Environment (set by tests/run.sh): LGC (sanitizer binary), TOP, TMP.
set -u

LGC=${LGC:-$TOP/build/san/lgc}
TMP=${TMP:-$(mktemp -d)}
LGC_PATH=${LGC_PATH:-$TOP/stdlib}
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=98}
LC_ALL=C.UTF-8
export LGC_PATH ASAN_OPTIONS UBSAN_OPTIONS LC_ALL

d=$TMP/fsfault
rm -rf "$d"
mkdir -p "$d"
cd "$d" || exit 1

run() {
	timeout 20 "$LGC" "$@" > out 2> err.raw
	rc=$?
	sed 's/\xc2\xa0/ /g' err.raw > err
}

ok() { echo "ok $1"; }
ko() {
	echo "ÉCHEC $1"
	[ -n "${2:-}" ] && echo "    $2"
	sed 's/^/    | /' err | head -8
}

# expect DESC STATUS PATTERN: the last run exited with STATUS and its
# diagnostics hold PATTERN (fixed string).
expect() {
	if [ "$rc" -eq "$2" ] && grep -qF -- "$3" err; then ok "$1"
	else ko "$1" "code $rc, attendu $2 avec « $3 »"; fi
}

# ------------------------------------------- an output that is an input
cat > contrat.lgc <<'EOF'
modele "Contrat"
entree client : texte "Le client"
---
# Objet

Contrat conclu avec {client}.

{inclure "clause"}
EOF
cat > clause.lgc <<'EOF'
modele "Clause"
---
Clause incluse.
EOF
echo '{"client": "Dupont"}' > client.json
mkdir sous
ln contrat.lgc lien-dur.html
ln -s ../contrat.lgc sous/lien.html
sums() { cksum contrat.lgc clause.lgc client.json; }
sums > sums.before

# same DESC PATTERN ARGS…: lgc build refuses, exit 2, inputs untouched.
same() {
	desc=$1 pattern=$2
	shift 2
	run build contrat.lgc -d client.json "$@"
	sums > sums.after
	if [ "$rc" -eq 2 ] && grep -q "erreur: la sortie .* est $pattern" err &&
	    cmp -s sums.before sums.after && [ ! -s out ]; then
		ok "sortie = entrée : $desc"
	else
		ko "sortie = entrée : $desc" "code $rc, attendu 2 « est $pattern »"
		diff sums.before sums.after | sed 's/^/    /'
	fi
}
same "-o le modèle" "le modèle « contrat.lgc »" -f html -o contrat.lgc
same "-o le modèle par un autre chemin" "le modèle" -f html -o \
    "../fsfault/./contrat.lgc"
same "-o le modèle par un chemin absolu" "le modèle" -f latex -o \
    "$d/contrat.lgc"
same "-o un lien dur vers le modèle" "le modèle" -o lien-dur.html
same "-o un lien symbolique vers le modèle" "le modèle" -o sous/lien.html
same "-o la clause incluse" "la clause « clause.lgc »" -f html -o clause.lgc
same "-o le fichier de données" "le fichier de données « client.json »" \
    -f pdf -o ./client.json
same "--deps le modèle (rien n'est écrit, pas même -o)" "le modèle" \
    -o contrat.html --deps contrat.lgc
[ -e contrat.html ] && ko "--deps le modèle : -o écrit quand même" ||
    ok "--deps le modèle : -o n'est pas écrit non plus"
run build contrat.lgc -d client.json -o contrat.html --deps contrat.d
if [ "$rc" -eq 0 ] && [ -s contrat.html ] && [ -s contrat.d ]; then
	ok "sortie ≠ entrée : -o et --deps écrits"
else ko "sortie ≠ entrée : -o et --deps écrits" "code $rc"; fi

# --lot: an output that is the JSONL file, a record's file or the
# template (links planted in the output folder).
printf '{"client": "A"}\n{"client": "B"}\n' > clients.jsonl
mkdir lot1
ln -s ../clients.jsonl lot1/0002.html
cksum clients.jsonl > jsonl.before
run build contrat.lgc --lot clients.jsonl --sortie lot1 -j 2
cksum clients.jsonl > jsonl.after
if [ "$rc" -eq 2 ] && grep -q "sortie-est-une-entree\|est un fichier que ce lot lit" err &&
    cmp -s jsonl.before jsonl.after && [ ! -e lot1/0001.html ]; then
	ok "lot : une sortie qui est le fichier JSONL est refusée avant toute écriture"
else
	ko "lot : une sortie qui est le fichier JSONL est refusée avant toute écriture" "code $rc"
fi
mkdir recs lot2
echo '{"client": "A"}' > recs/a.json
echo '{"client": "B"}' > recs/b.json
ln recs/b.json lot2/b.html
run build contrat.lgc --lot recs --sortie lot2 -j 1
if [ "$rc" -eq 2 ] && grep -q "est un fichier que ce lot lit" err &&
    [ "$(cat recs/b.json)" = '{"client": "B"}' ] && [ ! -e lot2/a.html ]; then
	ok "lot : une sortie liée au fichier d'un enregistrement est refusée"
else
	ko "lot : une sortie liée au fichier d'un enregistrement est refusée" "code $rc"
fi
mkdir lot3
ln contrat.lgc lot3/0001.html
run build contrat.lgc --lot clients.jsonl --sortie lot3
sums > sums.after
if [ "$rc" -eq 2 ] && grep -q "est le modèle" err &&
    cmp -s sums.before sums.after && [ ! -e lot3/0002.html ]; then
	ok "lot : une sortie liée au modèle est refusée"
else
	ko "lot : une sortie liée au modèle est refusée" "code $rc"
fi

# The output folder is read once: earlier outputs, plain files, are
# written over without a look each; a folder in place of an output is
# still looked at, and only that record fails.
mkdir lot4
run build contrat.lgc --lot clients.jsonl --sortie lot4
run build contrat.lgc --lot clients.jsonl --sortie lot4 -j 2
if [ "$rc" -eq 0 ] && [ -s lot4/0001.html ] && [ -s lot4/0002.html ] &&
    ! grep -q "sortie-est-une-entree\|erreur" err; then
	ok "lot : les sorties d'un lot précédent sont réécrites"
else
	ko "lot : les sorties d'un lot précédent sont réécrites" "code $rc"
fi
rm lot4/0002.html
mkdir lot4/0002.html
run build contrat.lgc --lot clients.jsonl --sortie lot4
if [ "$rc" -eq 2 ] && grep -q "0002.html : c'est un dossier, pas un fichier" err &&
    [ -s lot4/0001.html ]; then
	ok "lot : un dossier à la place d'une sortie fait échouer ce seul contrat"
else
	ko "lot : un dossier à la place d'une sortie fait échouer ce seul contrat" "code $rc"
	sed 's/^/    /' err
fi

echo "pas un dossier" > lot5
run build contrat.lgc --lot clients.jsonl --sortie lot5
if [ "$rc" -eq 2 ] && [ "$(grep -c erreur err)" -eq 1 ] &&
    grep -q "lot5 : --sortie nomme un fichier, pas un dossier" err; then
	ok "lot : --sortie qui nomme un fichier, une erreur pour tout le lot"
else
	ko "lot : --sortie qui nomme un fichier, une erreur pour tout le lot" "code $rc"
	sed 's/^/    /' err
fi

# ---------------------------------------------- a full standard output
if [ -w /dev/full ]; then
	for args in "--version" "--help" "help build" "build --help" \
	    "schema contrat.lgc" "tree contrat.lgc" \
	    "build contrat.lgc -d client.json" \
	    "build contrat.lgc -d client.json -o -"; do
		# shellcheck disable=SC2086
		timeout 20 "$LGC" $args > /dev/full 2> err
		rc=$?
		if [ "$rc" -eq 2 ] && grep -q "erreur: écriture sur la sortie standard" err; then
			ok "disque plein : lgc $args > /dev/full échoue et le dit"
		else
			ko "disque plein : lgc $args > /dev/full échoue et le dit" "code $rc"
		fi
	done
else
	echo "sauté disque plein (/dev/full absent)"
fi

# ------------------------------------------- outputs that cannot be made
if [ -r /proc/version ]; then
	run build contrat.lgc -d client.json -f html -o /proc/version
	expect "-o /proc/version : la vraie raison (fichier temporaire dans /proc)" 2 \
	    "création du fichier temporaire « /proc/version.XXXXXX » impossible (ce dossier n'accepte pas de nouveau fichier)"
else
	echo "sauté -o /proc/version (pas de /proc)"
fi
mkdir dossier.html
run build contrat.lgc -d client.json -o dossier.html
expect "-o un dossier : refusé comme tel" 2 "dossier.html : c'est un dossier, pas un fichier"
[ -z "$(ls dossier.html)" ] && ok "-o un dossier : rien n'y est créé" ||
    ko "-o un dossier : rien n'y est créé" "$(ls dossier.html)"
mkdir lecture-seule
chmod 555 lecture-seule
# Root writes in a mode-555 folder: for root, the folder is made
# immutable instead (chattr +i), which refuses even root a new file.
immutable=false
if [ "$(id -u)" -eq 0 ] && command -v chattr > /dev/null 2>&1 &&
    chattr +i lecture-seule 2> /dev/null; then
	immutable=true
	trap 'chattr -i "$d/lecture-seule" 2> /dev/null' EXIT
fi
if [ "$(id -u)" -ne 0 ] || $immutable; then
	run build contrat.lgc -d client.json -o lecture-seule/c.html
	expect "-o dans un dossier en lecture seule : permission refusée" 2 \
	    "création du fichier temporaire « lecture-seule/c.html.XXXXXX » impossible (permission refusée)"
	[ -z "$(ls lecture-seule)" ] && ok "-o dans un dossier en lecture seule : rien n'y est créé" ||
	    ko "-o dans un dossier en lecture seule : rien n'y est créé" "$(ls lecture-seule)"
else
	echo "sauté -o dans un dossier en lecture seule (root, et chattr +i impossible ici)"
fi
$immutable && chattr -i lecture-seule
chmod 755 lecture-seule

# ---------------------------------------------- a --lot worker that dies
# Record b.json is a FIFO: the worker that takes it blocks on it until
# killed from here, deterministically.  With -j 2 the other worker takes
# c.json and d.json (each worker takes the next record none has taken):
# only b is lost.  With -j 1 the only worker dies on b, and c and d are
# never begun.  A temporary file of b's output, as a worker killed
# between writing and renaming would leave, must be removed.
if command -v mkfifo > /dev/null 2>&1 && command -v pgrep > /dev/null 2>&1; then
	for jobs in 2 1; do
	for mode in text json; do
		rm -rf morts sortie-morts
		mkdir morts sortie-morts
		for n in a c d; do echo '{"client": "X"}' > "morts/$n.json"; done
		mkfifo morts/b.json
		: > sortie-morts/b.html.Ab12Cd
		fmt=""
		[ "$mode" = json ] && fmt="--format-diagnostics json"
		# shellcheck disable=SC2086
		"$LGC" build contrat.lgc --lot morts --sortie sortie-morts \
		    -j "$jobs" $fmt > out 2> err.raw &
		parent=$!
		# Up to 30 s for the other records to be written and the
		# other worker gone (a loaded machine).
		kids=""
		done_files="sortie-morts/a.html"
		[ "$jobs" -eq 2 ] &&
		    done_files="sortie-morts/a.html sortie-morts/c.html sortie-morts/d.html"
		for _ in $(seq 300); do
			kids=$(pgrep -P "$parent")
			all=true
			for f in $done_files; do [ -e "$f" ] || all=false; done
			$all && [ "$(echo "$kids" | wc -w)" -eq 1 ] && break
			sleep 0.1
		done
		[ -n "$kids" ] && kill -KILL $kids
		wait "$parent"
		rc=$?
		sed 's/\xc2\xa0/ /g' err.raw > err
		left=$(ls sortie-morts | grep -v '^[acd]\.html$')
		killed="erreur: le processus [12] du lot (pid [0-9]*) a été tué par le signal SIGKILL pendant l'enregistrement morts/b.json, resté sans contrat ;"
		if [ "$jobs" -eq 2 ]; then
			never=" rien n'indique"
			summary="note: lot : 3 contrats écrits dans sortie-morts ; 1 interrompu (processus arrêté) : morts/b.json$"
			json='"ecrits":3,"en_erreur":0,"echecs":\[\],"interrompus":\[{"fichier":"morts/b.json"}\],"non_tentes":\[\]'
			what="un processus tué : l'autre prend les enregistrements restants"
		else
			never=" 2 enregistrements jamais tentés ;"
			summary="note: lot : 1 contrat écrit dans sortie-morts ; 1 interrompu (processus arrêté) : morts/b.json ; 2 jamais tentés : morts/c.json, morts/d.json"
			json='"ecrits":1,"en_erreur":0,"echecs":\[\],"interrompus":\[{"fichier":"morts/b.json"}\],"non_tentes":\[{"fichier":"morts/c.json"},{"fichier":"morts/d.json"}\]'
			what="le seul processus tué : ses enregistrements laissés jamais tentés"
		fi
		if [ "$mode" = text ]; then
			if [ "$rc" -eq 2 ] && grep -q "$killed$never" err &&
			    grep -q "$summary" err &&
			    ! grep "note: lot" err | grep -q "en erreur" && [ -z "$left" ]; then
				ok "lot -j $jobs : $what"
			else
				ko "lot -j $jobs : $what" "code $rc, reste : $left"
			fi
		else
			if [ "$rc" -eq 2 ] &&
			    grep -q '"code":"lot-processus-arrete"' err &&
			    grep -q "$json" err && [ -z "$left" ]; then
				ok "lot -j $jobs : le bilan JSON distingue interrompus et non tentés des échecs"
			else
				ko "lot -j $jobs : le bilan JSON distingue interrompus et non tentés des échecs" "code $rc, reste : $left"
			fi
		fi
		rm -f morts/b.json
	done
	done
else
	echo "sauté lot : processus tué (mkfifo ou pgrep absent)"
fi
