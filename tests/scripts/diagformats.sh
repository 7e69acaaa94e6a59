#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The formats of the diagnostics as tools read them: the gcc format
# through VS Code's $gcc problem matcher (every golden case's
# diagnostics, against the json format of the same run), Vim's default
# errorformat and Emacs's compilation-mode (when installed); the SARIF
# log validated against the SARIF 2.1.0 schema (ajv) in the cases a
# golden file cannot hold (a batch, an error before any file is read, a
# clean run); colour on a terminal (a pseudo-terminal from python3),
# NO_COLOR and --couleur.  Prints "ok …", "ÉCHEC …" or "sauté …".
# Environment (set by tests/run.sh): LGC, TOP, TMP.
set -u

LGC=${LGC:-$TOP/build/san/lgc}
TMP=${TMP:-$(mktemp -d)}
LGC_PATH=${LGC_PATH:-$TOP/stdlib}
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=98}
LC_ALL=C.UTF-8
export LGC_PATH ASAN_OPTIONS UBSAN_OPTIONS LC_ALL
unset NO_COLOR

w=$TMP/diagformats
rm -rf "$w"
mkdir -p "$w"
sarif=$TOP/tests/sarif

check() {
	if [ "$1" -eq 0 ]; then echo "ok $2"
	else
		echo "ÉCHEC $2"
		[ -n "${3:-}" ] && [ -f "$3" ] && sed 's/^/    /' "$3" | head -20
	fi
}

have_node=0
command -v node > /dev/null 2>&1 && have_node=1

# 1. Every golden case whose diagnostics are expected (NAME.err), run
# again in the gcc and json formats: $gcc reads each located diagnostic
# at its place, with its severity.
if [ "$have_node" -eq 1 ]; then
	n=0 bad=0 read=0
	: > "$w/gcc.why"
	for err in $(find "$TOP/tests/golden" -name '*.err' | sort); do
		base=${err%.err}
		dir=$(dirname "$base")
		name=$(basename "$base")
		case_lgc=$dir/${name%%--*}.lgc
		[ -f "$case_lgc" ] || continue
		args=build
		if [ -f "$base.args" ]; then args=$(cat "$base.args")
		elif [ -f "$dir/${name%%--*}.args" ]; then
			args=$(cat "$dir/${name%%--*}.args")
		fi
		case "$args" in
		*--format-diagnostics*|*--couleur*) continue ;;
		build*|check*|lint*) ;;
		*) continue ;;
		esac
		data=""
		[ -f "$base.json" ] && data="-d $name.json"
		# shellcheck disable=SC2086
		(cd "$dir" && timeout 20 "$LGC" $args "${name%%--*}.lgc" $data \
		    --format-diagnostics gcc > /dev/null \
		    2> "$w/case.gcc"
		timeout 20 "$LGC" $args "${name%%--*}.lgc" $data \
		    --format-diagnostics json > /dev/null \
		    2> "$w/case.json")
		n=$((n + 1))
		if ! node "$sarif/gcc-matcher.js" "$w/case.gcc" "$w/case.json" \
		    > "$w/case.why" 2>&1; then
			bad=$((bad + 1))
			{ echo "${base#"$TOP"/} :"; cat "$w/case.why"; } >> "$w/gcc.why"
		else
			read=$((read + $(sed -n 's/^\([0-9]*\) problèmes.*/\1/p' "$w/case.why")))
		fi
	done
	[ "$n" -gt 100 ] && [ "$bad" -eq 0 ] && [ "$read" -gt "$n" ]
	check $? "format gcc : le motif \$gcc de VS Code lit les $read diagnostics situés des $n cas golden ($bad en défaut)" "$w/gcc.why"
	# The check can fail: French severity words are not read.
	printf 'x.lgc:3:8: erreur: m\n' > "$w/fr.gcc"
	printf '{"fichier":"x.lgc","ligne":3,"colonne":8,"gravite":"erreur","message":"m"}\n' > "$w/fr.json"
	! node "$sarif/gcc-matcher.js" "$w/fr.gcc" "$w/fr.json" > /dev/null 2>&1
	check $? "format gcc : « erreur » n'est pas lu par \$gcc (le test peut échouer)"
else
	echo "sauté format gcc et \$gcc (node absent)"
fi

# The golden case of the gcc format, read by tools.
g=$TOP/tests/golden/formats
(cd "$g" && "$LGC" check gcc.lgc --format-diagnostics gcc > /dev/null 2> "$w/gcc.out")

# 2. Vim, with its default 'errorformat' (vim -u NONE): every line with
# a place is a valid quickfix entry at that file, line and column.
if command -v vim > /dev/null 2>&1; then
	(cd "$g" && vim -u NONE -N -es -c 'cgetfile '"$w/gcc.out" \
	    -c 'call writefile(map(getqflist(), {_, v -> (v.valid ? bufname(v.bufnr) . ":" . v.lnum . ":" . v.col : "-")}), "'"$w/vim.qf"'")' \
	    -c 'qa!' < /dev/null > /dev/null 2>&1)
	sed -n 's/^\([^:]*:[0-9]*:[0-9]*\): .*/\1/p' "$w/gcc.out" > "$w/vim.want"
	[ -s "$w/vim.want" ] && diff "$w/vim.want" "$w/vim.qf" > "$w/vim.why" 2>&1
	check $? "format gcc : la liste quickfix de Vim (errorformat par défaut) a chaque diagnostic à sa place" "$w/vim.why"
else
	echo "sauté format gcc dans Vim (vim absent)"
fi

# 3. Emacs's compilation-mode, its default regexps: each line with a
# place is a message at that file, line and column, of its type (2
# error, 1 warning, 0 info for a note).
if command -v emacs > /dev/null 2>&1; then
	cat > "$w/compilation.el" <<'EOF2'
(require 'compile)
(with-current-buffer (get-buffer-create "*lgc*")
  (insert-file-contents (getenv "LGC_GCC_OUT"))
  (compilation-mode)
  (compilation--ensure-parse (point-max))
  (goto-char (point-min))
  (while (not (eobp))
    (let ((msg (get-text-property (point) 'compilation-message)))
      (when msg
        (let ((loc (compilation--message->loc msg)))
          (princ (format "%s:%s:%s:%s\n"
                         (caar (compilation--loc->file-struct loc))
                         (compilation--loc->line loc)
                         (compilation--loc->col loc)
                         (compilation--message->type msg))))))
    (forward-line 1)))
EOF2
	(cd "$g" && LGC_GCC_OUT="$w/gcc.out" timeout 60 emacs --batch -Q \
	    -l "$w/compilation.el" > "$w/emacs.got" 2> "$w/emacs.err")
	sed -n 's/^\([^:]*:[0-9]*:[0-9]*\): \(error\|warning\|note\): .*/\1:\2/p' \
	    "$w/gcc.out" | sed 's/:error$/:2/; s/:warning$/:1/; s/:note$/:0/' \
	    > "$w/emacs.want"
	[ -s "$w/emacs.want" ] && diff "$w/emacs.want" "$w/emacs.got" > "$w/emacs.why" 2>&1
	check $? "format gcc : compilation-mode d'Emacs lit chaque diagnostic à sa place, erreur, avertissement ou note" "$w/emacs.why"
else
	echo "sauté format gcc dans Emacs (emacs absent)"
fi

# 4. SARIF: one log per run, valid against the SARIF 2.1.0 schema.
cat > "$w/modele.lgc" <<'EOF2'
modele "Lot"
entree client : texte "Nom du client"
entree duree_mois : entier "Durée en mois"
---
# Parties

Le présent contrat est conclu avec {client} pour {duree_mois} mois.
EOF2
{
	echo '{"client": "Alpha", "duree_mois": 12}'
	echo '{"client": "Beta", "duree_mois": "douze"}'
	echo '{"client": "Gamma", "duree_mois": 3}'
	echo '{"client": 4, "duree_mois": 3}'
} > "$w/lot.jsonl"
(cd "$w" && timeout 60 "$LGC" build modele.lgc --lot lot.jsonl --sortie contrats \
    -f html -j 2 --format-diagnostics sarif > lot.out 2> lot.sarif)
rc=$?
logs=$(grep -c '"runs"' "$w/lot.sarif")
results=$(grep -c '^{"ruleId"' "$w/lot.sarif")
records=$(grep -c '"enregistrement":[24]' "$w/lot.sarif")
[ "$rc" -eq 1 ] && [ "$logs" -eq 1 ] && [ "$results" -eq 2 ] &&
    [ "$records" -eq 2 ] &&
    grep -q '"associatedRule":{"id":"lot"' "$w/lot.sarif" &&
    [ ! -s "$w/lot.out" ]
check $? "sarif : un lot de 4 enregistrements (-j 2) écrit un seul journal, ses 2 erreurs et le bilan (code $rc, $logs journal, $results résultats)" "$w/lot.sarif"
(cd "$w" && "$LGC" frob --format-diagnostics sarif > /dev/null 2> usage.sarif)
rc=$?
[ "$rc" -eq 2 ] && grep -q '"executionSuccessful":false' "$w/usage.sarif" &&
    grep -q '^{"level":"error",.*"associatedRule":{"id":"usage"' "$w/usage.sarif"
check $? "sarif : une erreur d'utilisation avant toute lecture est une notification du journal (code $rc)" "$w/usage.sarif"
printf '{"client": "Alpha", "duree_mois": 12}\n' > "$w/ok.json"
(cd "$w" && "$LGC" check modele.lgc -d ok.json --format-diagnostics sarif > /dev/null 2> ok.sarif)
rc=$?
[ "$rc" -eq 0 ] && grep -q '"results":\[\]' "$w/ok.sarif" &&
    grep -q '"executionSuccessful":true' "$w/ok.sarif"
check $? "sarif : un modèle sans faute écrit un journal sans résultat (code $rc)" "$w/ok.sarif"
dn=$TOP/tests/golden/diagnostics
(cd "$dn" && "$LGC" build donnee-notes-json.lgc -d donnee-notes-json.json \
    --format-diagnostics sarif > /dev/null 2> "$w/notes.sarif")
grep -q '"relatedLocations":\[{"id":0,"physicalLocation":{"artifactLocation":{"uri":"donnee-notes-json.json"},"region":{"startLine"' "$w/notes.sarif"
check $? "sarif : les notes sont des relatedLocations à leur propre place" "$w/notes.sarif"
(cd "$g" && "$LGC" check sarif.lgc --format-diagnostics sarif 2> "$w/golden.sarif")
if [ "$have_node" -eq 1 ] && [ -d "$sarif/node_modules/ajv-draft-04" ] &&
    [ -d "$sarif/node_modules/@microsoft/jest-sarif" ]; then
	node "$sarif/validate.js" "$w/golden.sarif" "$w/lot.sarif" \
	    "$w/usage.sarif" "$w/ok.sarif" "$w/notes.sarif" > "$w/ajv" 2>&1
	check $? "sarif : les journaux valident le schéma SARIF 2.1.0 (ajv)" "$w/ajv"
	# The check can fail: a level SARIF does not know.
	sed 's/"level":"error"/"level":"erreur"/' "$w/golden.sarif" > "$w/bad.sarif"
	! node "$sarif/validate.js" "$w/bad.sarif" > /dev/null 2>&1
	check $? "sarif : un niveau « erreur » est refusé par le schéma (le test peut échouer)"
else
	echo "sauté sarif : validation par le schéma SARIF 2.1.0 (node ou tests/sarif/node_modules absent : make deps)"
fi

# The rules' descriptions come from docs/diagnostics.md at build time;
# a code without its section stops the build.
if command -v python3 > /dev/null 2>&1; then
	python3 "$TOP/src/base/diagrules.py" "$TOP/docs/diagnostics.md" \
	    "$TOP/src/base/diagcodes.h" > "$w/rules.h" 2> "$w/rules.err" &&
	    [ "$(grep -c '^	{ "' "$w/rules.h")" -eq "$(grep -c '^DIAG(' "$TOP/src/base/diagcodes.h")" ]
	check $? "sarif : une description par code, tirée de docs/diagnostics.md" "$w/rules.err"
	{ cat "$TOP/src/base/diagcodes.h"; echo 'DIAG(E_X, SEV_ERROR, "code-sans-section", "x")'; } > "$w/codes.h"
	! python3 "$TOP/src/base/diagrules.py" "$TOP/docs/diagnostics.md" \
	    "$w/codes.h" > /dev/null 2> "$w/rules.err" &&
	    grep -q "code-sans-section" "$w/rules.err"
	check $? "sarif : un code sans section dans docs/diagnostics.md arrête la génération" "$w/rules.err"
fi

# 5. Colour: on a terminal by default, never with NO_COLOR, nor through
# a pipe; --couleur forces either way.
if command -v python3 > /dev/null 2>&1; then
	cat > "$w/tty-run.py" <<'EOF2'
import os, pty, sys
# Runs argv[1:] with its stderr (and stdout) on a pseudo-terminal;
# prints what it wrote.
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        data = os.read(fd, 65536)
    except OSError:
        break
    if not data:
        break
    out += data
os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
EOF2
	red=$(printf '\033[01;31m')
	colour() {	# colour NAME WANT ENV… -- ARGS…
		name=$1 want=$2
		shift 2
		(cd "$g" && env "$@" > "$w/col.out" 2>&1)
		if grep -qF "$red" "$w/col.out"; then got=oui; else got=non; fi
		[ "$got" = "$want" ]
		check $? "couleur : $name ($got)" "$w/col.out"
	}
	colour "terminal" oui TERM=xterm python3 "$w/tty-run.py" "$LGC" check couleur.lgc
	colour "terminal, NO_COLOR=1" non TERM=xterm NO_COLOR=1 python3 "$w/tty-run.py" "$LGC" check couleur.lgc
	colour "terminal, NO_COLOR vide" oui TERM=xterm NO_COLOR= python3 "$w/tty-run.py" "$LGC" check couleur.lgc
	colour "terminal, TERM=dumb" non TERM=dumb python3 "$w/tty-run.py" "$LGC" check couleur.lgc
	colour "terminal, --couleur=jamais" non TERM=xterm python3 "$w/tty-run.py" "$LGC" check couleur.lgc --couleur=jamais
	colour "terminal, format gcc" non TERM=xterm python3 "$w/tty-run.py" "$LGC" check couleur.lgc --format-diagnostics gcc
	colour "tube" non TERM=xterm "$LGC" check couleur.lgc
	colour "tube, --couleur=toujours et NO_COLOR=1" oui TERM=xterm NO_COLOR=1 "$LGC" check couleur.lgc --couleur toujours
else
	echo "sauté couleur sur un terminal (python3 absent)"
fi
