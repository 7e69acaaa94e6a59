# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The editor packages (editors/) and the shell completions:
# - the keyword lists of the TextMate grammar and of Vim's syntax file
#   are lgc's own tables, as tests/fuzz/dict.sh extracts them;
# - the TextMate grammar passes its annotated test files
#   (editors/vscode/test/*.test.lgc, vscode-tmgrammar-test), and every
#   example template and library clause tokenizes with no `invalid`
#   scope and no hole (a character of code with no scope of its own);
# - the VS Code extension packs into a .vsix (@vscode/vsce) holding the
#   grammar, the client and package.json;
# - Emacs: lgc-mode's faces on the example, and compilation-mode on
#   lgc's diagnostics (file, line, column, error/warning/note);
# - Vim: compiler/lgc.vim's errorformat reads lgc's diagnostics (file,
#   line, column, E/W/N, message), in French and in GCC's English
#   words; the syntax file loads on the examples;
# - bash and zsh complete subcommands, values and files, and offer
#   every option that `lgc --help` and `lgc CMD --help` list, and lgc
#   knows every option they offer.
# Environment: LGC (sanitizer build), TOP, TMP.  Prints "ok …",
# "ÉCHEC …" or "sauté … (raison)" per check.
set -u

dir=$TMP/editeurs
rm -rf "$dir"
mkdir -p "$dir"

ok() { echo "ok editeurs : $1"; }
echec() {
	echo "ÉCHEC editeurs : $1"
	[ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/    /' "$2" | head -20
}
saute() { echo "sauté editeurs : $1 ($2)"; }

vscode=$TOP/editors/vscode
examples=$(ls "$TOP"/examples/*/contrat.lgc "$TOP"/stdlib/*.lgc)

# --- Keyword lists against lgc's tables -------------------------------
if sh "$TOP/tests/fuzz/dict.sh" > "$dir/lgc.dict" 2> "$dir/dict.err"; then
	python3 "$TOP/tests/scripts/editeurs-mots.py" "$dir/lgc.dict" \
	    "$vscode/syntaxes/lgc.tmLanguage.json" \
	    "$TOP/editors/vim/syntax/lgc.vim" "$TOP/editors/emacs/lgc-mode.el"
	# The comparison can fail: a keyword lgc gained and the editors lack.
	(cat "$dir/lgc.dict"; echo 'mot="jusque"') > "$dir/plus.dict"
	if python3 "$TOP/tests/scripts/editeurs-mots.py" "$dir/plus.dict" \
	    "$vscode/syntaxes/lgc.tmLanguage.json" \
	    "$TOP/editors/vim/syntax/lgc.vim" "$TOP/editors/emacs/lgc-mode.el" \
	    > "$dir/plus.out"; then
		echec "un mot-clé ajouté aux tables de lgc passe inaperçu" "$dir/plus.out"
	else
		ok "un mot-clé ajouté aux tables de lgc est signalé"
	fi
else
	echec "tests/fuzz/dict.sh" "$dir/dict.err"
fi

# --- VS Code: grammar, examples, .vsix --------------------------------
if ! command -v node > /dev/null 2>&1 ||
    [ ! -d "$vscode/node_modules/vscode-tmgrammar-test" ] ||
    [ ! -d "$vscode/node_modules/@vscode/vsce" ]; then
	saute "grammaire TextMate et .vsix" \
	    "node ou les paquets npm d'editors/vscode absents : make deps"
else
	if (cd "$vscode" && timeout 120 node \
	    node_modules/vscode-tmgrammar-test/dist/unit.js -c \
	    -g syntaxes/lgc.tmLanguage.json 'test/*.test.lgc') \
	    > "$dir/tm.out" 2>&1; then
		ok "grammaire TextMate : $(grep -c 'run successfuly' "$dir/tm.out") fichiers de test annotés (vscode-tmgrammar-test)"
	else
		echec "grammaire TextMate : fichiers de test annotés" "$dir/tm.out"
	fi
	# shellcheck disable=SC2086
	if timeout 120 node "$vscode/test/tokens.js" check $examples \
	    > "$dir/tok.out" 2>&1; then
		ok "grammaire TextMate : $(echo "$examples" | wc -l) modèles et clauses sans portée invalid ni trou"
	else
		echec "grammaire TextMate : exemples et bibliothèque" "$dir/tok.out"
	fi
	# The check sees a fault: a stray brace, and a header character
	# the grammar does not know.
	printf 'entree x : entier ; \n---\nUne accolade } seule.\n' > "$dir/faux.lgc"
	timeout 60 node "$vscode/test/tokens.js" check "$dir/faux.lgc" > "$dir/faux.out" 2>&1
	if grep -q 'faux.lgc:3:14: « } » : invalid' "$dir/faux.out" &&
	    grep -q 'faux.lgc:1:18: .* sans portée' "$dir/faux.out"; then
		ok "grammaire TextMate : une accolade seule et un caractère inconnu sont signalés"
	else
		echec "grammaire TextMate : défauts non signalés" "$dir/faux.out"
	fi
	# The client: `lgc lsp` over stdio, the program lgc.chemin names
	# (lgc by default), started again when the setting changes; and the
	# manifest declares the language, the grammar and the setting.
	if timeout 60 node "$vscode/test/client.js" - > "$dir/client.def" 2>&1 &&
	    timeout 60 node "$vscode/test/client.js" /opt/lgc/bin/lgc > "$dir/client.opt" 2>&1 &&
	    node - "$dir/client.def" "$dir/client.opt" "$vscode/package.json" \
	    > "$dir/client.out" 2>&1 <<-'JS'
	const fs = require('fs');
	const [def, opt, pkg] = process.argv.slice(2).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
	const faults = [];
	const servers = (log) => log.filter((e) => e.client).map((e) => e.serveur);
	const want = (cmd) => JSON.stringify({ command: cmd, args: ['lsp'], transport: 0 });
	if (JSON.stringify(servers(def)[0]) !== want('lgc')) faults.push('défaut : ' + JSON.stringify(servers(def)[0]));
	if (JSON.stringify(servers(opt)[0]) !== want('/opt/lgc/bin/lgc')) faults.push('lgc.chemin : ' + JSON.stringify(servers(opt)[0]));
	if (JSON.stringify(servers(opt)[1]) !== want('/autre/lgc')) faults.push('réglage changé : ' + JSON.stringify(servers(opt)[1]));
	if (opt.filter((e) => e.stop).length !== 2) faults.push('arrêts : ' + JSON.stringify(opt));
	const c = pkg.contributes;
	if (c.configuration.properties['lgc.chemin'].default !== 'lgc') faults.push('package.json : lgc.chemin');
	if (!c.languages.some((l) => l.id === 'lgc' && l.extensions.includes('.lgc'))) faults.push('package.json : langage lgc');
	if (!c.grammars.some((g) => g.language === 'lgc' && g.scopeName === 'source.lgc')) faults.push('package.json : grammaire');
	if (!pkg.activationEvents.includes('onLanguage:lgc')) faults.push('package.json : activation');
	console.log(faults.join('\n'));
	process.exit(faults.length ? 1 : 0);
	JS
	then
		ok "client VS Code : « lgc lsp » sur stdio, lgc.chemin (défaut lgc), relancé quand le réglage change"
	else
		cat "$dir/client.def" "$dir/client.opt" >> "$dir/client.out" 2> /dev/null
		echec "client VS Code" "$dir/client.out"
	fi
	if node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' \
	    "$vscode/language-configuration.json" 2> "$dir/lc.err"; then
		ok "language-configuration.json se lit"
	else
		echec "language-configuration.json" "$dir/lc.err"
	fi
	if (cd "$vscode" && timeout 300 node node_modules/@vscode/vsce/vsce \
	    package --allow-missing-repository --skip-license \
	    -o "$dir/lgc.vsix") > "$dir/vsce.out" 2>&1 &&
	    python3 - "$dir/lgc.vsix" > "$dir/vsix.out" 2>&1 <<'PY'
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
need = ["extension/package.json", "extension/extension.js",
        "extension/language-configuration.json",
        "extension/syntaxes/lgc.tmLanguage.json",
        "extension/node_modules/vscode-languageclient/package.json"]
missing = [n for n in need if n not in names]
pkg = json.loads(z.read("extension/package.json"))
grammar = pkg["contributes"]["grammars"][0]["path"].lstrip("./")
if "extension/" + grammar not in names:
    missing.append("la grammaire de package.json : " + grammar)
if json.loads(z.read("extension/syntaxes/lgc.tmLanguage.json"))["scopeName"] != "source.lgc":
    missing.append("scopeName source.lgc")
if any(n.startswith("extension/test/") or "vscode-tmgrammar-test" in n for n in names):
    missing.append("(de trop : les tests ou les outils de test)")
print("\n".join(missing))
sys.exit(1 if missing else 0)
PY
	then
		ok "le .vsix se construit (vsce) avec la grammaire, le client et package.json"
	else
		cat "$dir/vsix.out" >> "$dir/vsce.out" 2> /dev/null
		echec "construction du .vsix" "$dir/vsce.out"
	fi
fi

# --- Diagnostics for the editors to read ----------------------------------
# A template with an error, its note, and a warning; lgc's own
# output, and the same in GCC's words (what --format-diagnostics gcc
# writes: the real one when this lgc has it).
printf 'entree x : entier\nentree y : entier\nentree x : texte\n---\n{z}\n' \
    > "$dir/diag.lgc"
(cd "$dir" && "$LGC" check diag.lgc) > /dev/null 2> "$dir/diag.fr"
if (cd "$dir" && "$LGC" check --format-diagnostics gcc diag.lgc) \
    > /dev/null 2> "$dir/diag.gcc" && grep -q ': error: ' "$dir/diag.gcc"; then
	gccnote="lgc --format-diagnostics gcc"
else
	sed 's/: erreur: /: error: /; s/: avertissement: /: warning: /' \
	    "$dir/diag.fr" > "$dir/diag.gcc"
	gccnote="la sortie de lgc aux mots de GCC"
fi
for f in fr gcc; do
	# What the editors must read, from lgc's output: FILE|LINE|COL|E/W/N|TEXT.
	sed -n 's/^\([^ :][^:]*\):\([0-9]*\):\([0-9]*\): \(erreur\|error\|avertissement\|warning\|note\): \(.*\)$/\1|\2|\3|\4|\5/p' \
	    "$dir/diag.$f" | sed 's/|erreur|/|E|/; s/|error|/|E|/;
	    s/|avertissement|/|W|/; s/|warning|/|W|/; s/|note|/|N|/' \
	    > "$dir/qf.$f.want"
done

# --- Vim ---------------------------------------------------------------
if ! command -v vim > /dev/null 2>&1 || ! vim --version | grep -q '+syntax'; then
	saute "Vim : errorformat et syntaxe" "vim (avec +syntax) absent"
else
	for f in fr gcc; do
		cat > "$dir/qf.vim" <<-VIM
		set rtp^=$TOP/editors/vim
		compiler lgc
		cgetfile $dir/diag.$f
		let s:out = []
		for e in getqflist()
		  call add(s:out, printf('%s|%d|%d|%s|%s', bufname(e.bufnr), e.lnum, e.col, e.type, e.text))
		endfor
		call writefile(s:out, '$dir/qf.$f.got')
		qa!
		VIM
		(cd "$dir" && timeout 30 vim -Nu NONE -es -S "$dir/qf.vim") > /dev/null 2>&1
		if [ "$(wc -l < "$dir/qf.$f.want")" -ge 3 ] &&
		    cmp -s "$dir/qf.$f.want" "$dir/qf.$f.got"; then
			ok "Vim : compiler lgc lit $(wc -l < "$dir/qf.$f.want") diagnostics ($f : fichier, ligne, colonne, E/W/N, message$([ "$f" = gcc ] && echo " ; $gccnote"))"
		else
			{ echo "attendu :"; cat "$dir/qf.$f.want"; echo "lu par Vim :"
			  cat "$dir/qf.$f.got" 2> /dev/null; } > "$dir/qf.$f.diff"
			echec "Vim : errorformat ($f)" "$dir/qf.$f.diff"
		fi
	done
	# The syntax file on the examples: no error, the filetype detected,
	# the header, tags and headings coloured, no stray brace.
	cat > "$dir/syn.vim" <<-VIM
	set rtp^=$TOP/editors/vim
	filetype plugin on
	syntax on
	let s:out = []
	for f in argv()
	  let v:errmsg = ''
	  execute 'edit ' . fnameescape(f)
	  let s:names = {}
	  for l in range(1, line('\$'))
	    for c in range(1, col([l, '\$']) - 1)
	      let s:names[synIDattr(synID(l, c, 1), 'name')] = 1
	    endfor
	  endfor
	  call add(s:out, fnamemodify(f, ':t') . ' ' . &filetype . ' ' . (v:errmsg == '' ? 'ok' : 'E') . ' ' . join(sort(keys(s:names)), ','))
	endfor
	call writefile(s:out, '$dir/syn.got')
	qa!
	VIM
	# shellcheck disable=SC2086
	timeout 60 vim -Nu NONE -es -S "$dir/syn.vim" $examples > /dev/null 2>&1
	bad=$(awk '$2 != "lgc" || $3 != "ok" || $4 ~ /lgcStrayBrace/ ||
	    $4 !~ /lgcStatement/ || $4 !~ /lgcSeparator/ ||
	    $4 !~ /lgcLineComment/ || $4 !~ /lgcString/ ||
	    ($1 == "contrat.lgc" && ($4 !~ /lgcTag/ || $4 !~ /lgcConditional/ ||
	    $4 !~ /lgcHeading/ || $4 !~ /lgcType/)) { print $1 }' "$dir/syn.got" 2> /dev/null)
	n=$(wc -l < "$dir/syn.got" 2> /dev/null || echo 0)
	if [ "$n" -eq "$(echo "$examples" | wc -l)" ] && [ -z "$bad" ]; then
		ok "Vim : syntaxe chargée sans erreur sur $n modèles et clauses"
	else
		echo "$bad" > "$dir/syn.bad"
		echec "Vim : syntaxe sur les exemples ($bad)" "$dir/syn.got"
	fi
fi

# --- Emacs --------------------------------------------------------------
if ! command -v emacs > /dev/null 2>&1; then
	saute "Emacs : lgc-mode" "emacs absent : make deps"
else
	timeout 60 emacs -Q -batch -l "$TOP/tests/scripts/editeurs-emacs.el" \
	    "$TOP/editors/emacs/lgc-mode.el" \
	    "$TOP/examples/generation-prospects/contrat.lgc" \
	    "$dir/diag.fr" "$dir/diag.gcc" > "$dir/emacs.out" 2> "$dir/emacs.err"
	cat > "$dir/emacs.want" <<-'FACES'
	mode lgc-mode
	face modele font-lock-keyword-face
	face // Durée font-lock-comment-face
	face reference font-lock-variable-name-face
	face "Référence du contrat" font-lock-string-face
	face texte font-lock-type-face
	face si font-lock-keyword-face
	face --- font-lock-preprocessor-face
	face Client nil
	face et (prose) nil
	face entre font-lock-keyword-face
	face {-} font-lock-builtin-face
	face pluriel font-lock-function-name-face
	face # bold
	face 1 mois font-lock-constant-face
	face optionnel font-lock-keyword-face
	FACES
	if grep -v '|' "$dir/emacs.out" | cmp -s - "$dir/emacs.want"; then
		ok "Emacs : lgc-mode colore l'en-tête, les balises et les titres, pas la prose ($(grep -c '^face' "$dir/emacs.want") endroits)"
	else
		grep -v '|' "$dir/emacs.out" | diff "$dir/emacs.want" - > "$dir/emacs.diff"
		cat "$dir/emacs.err" >> "$dir/emacs.diff"
		echec "Emacs : coloration de lgc-mode" "$dir/emacs.diff"
	fi
	cut -d'|' -f1-4 "$dir/qf.fr.want" > "$dir/emacs.qf.want"
	cut -d'|' -f1-4 "$dir/qf.gcc.want" >> "$dir/emacs.qf.want"
	if grep '|' "$dir/emacs.out" | cmp -s - "$dir/emacs.qf.want"; then
		ok "Emacs : compilation-mode lit $(wc -l < "$dir/emacs.qf.want") diagnostics (fichier, ligne, colonne, E/W/N ; français et mots de GCC)"
	else
		grep '|' "$dir/emacs.out" | diff "$dir/emacs.qf.want" - > "$dir/emacs.diff"
		echec "Emacs : compilation-mode" "$dir/emacs.diff"
	fi
fi

# --- Shell completion -------------------------------------------------
# The options a help text lists (-Wlint-CODE: the prefix -Wlint-).
help_options() {
	grep -oE '(^|[][ ,|(])--?[A-Za-z][A-Za-z0-9-]*' | sed 's/^[][ ,|(]//' |
	    sed 's/-CODE$/-/' | sort -u
}
commands="build check diff explique formulaire lint schema tree variantes serve lsp"
"$LGC" --help 2>&1 | help_options > "$dir/opt.global"
for c in $commands; do
	"$LGC" "$c" --help > "$dir/help.$c" 2>&1
	if grep -q "^usage : lgc $c" "$dir/help.$c"; then
		help_options < "$dir/help.$c" > "$dir/opt.$c"
	else
		: > "$dir/opt.$c"	# this lgc lacks the command (lgc lsp)
	fi
done

mkdir -p "$dir/w/sous dossier"
touch "$dir/w/modele.lgc" "$dir/w/donnees.json" "$dir/w/autre.txt" \
    "$dir/w/lot.jsonl" "$dir/w/avec espace.lgc"

# bash: the completion function, given the words as bash gives them.
cat > "$dir/comp.bash" <<'BASH'
. "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
_lgc
printf '%s\n' "${COMPREPLY[@]}" | sort
BASH
bashc() { (cd "$dir/w" && bash "$dir/comp.bash" "$TOP/editors/shell/lgc.bash" "$@" | tr '\n' ' ' | sed 's/ $//'); }
expect_bash() {
	want=$1; shift
	got=$(bashc "$@")
	if [ "$got" = "$want" ]; then ok "bash : « $* » → $want"
	else echo "« $got » au lieu de « $want »" > "$dir/b.err"
		echec "bash : « $* »" "$dir/b.err"; fi
}
expect_bash "build check diff explique formulaire help lint lsp schema serve tree variantes" lgc ""
expect_bash "docx html latex pdf" lgc build -f ""
expect_bash "avec espace.lgc modele.lgc sous dossier" lgc build ""
expect_bash "donnees.json sous dossier" lgc check -d ""
expect_bash "lot.jsonl sous dossier" lgc build --lot ""
expect_bash "sous dossier" lgc build -I ""
expect_bash "lualatex pdflatex xelatex" lgc build --moteur ""
expect_bash "07 2020-12" lgc schema --norme ""
expect_bash "parties,remuneration parties,resiliation parties,resultats" lgc lint --sujets parties,re
expect_bash "--racine" lgc check --ra
expect_bash "-Wlint-" lgc lint -Wl
expect_bash "json texte" lgc diff -f ""
expect_bash "sous dossier" lgc diff --nouveau-I ""
expect_bash "build check diff explique formulaire lint lsp schema serve tree variantes" lgc help ""

# Every option of each command's help is offered, and the global
# help's by some command; a new option in lgc fails here until the
# completions know it.
: > "$dir/bash.all"
for c in $commands; do
	{ bashc lgc "$c" - | tr ' ' '\n'; echo; } > "$dir/bash.$c"
	cat "$dir/bash.$c" >> "$dir/bash.all"
done
{ bashc lgc - | tr ' ' '\n'; echo; } >> "$dir/bash.all"
# The options of the help texts ($dir/opt.*) that the completion of
# their command (or, for the global help, of any) does not offer.
bash_missing() {
	for c in $commands; do
		for o in $(cat "$dir/opt.$c"); do
			grep -qxe "$o" "$dir/bash.$c" || printf ' %s' "$c:$o"
		done
	done
	for o in $(cat "$dir/opt.global"); do
		grep -qxe "$o" "$dir/bash.all" || printf ' %s' "$o"
	done
}
missing=$(bash_missing)
if [ -z "$missing" ]; then
	ok "bash : les $(cat "$dir"/opt.* | sort -u | wc -l) options de l'aide de lgc sont proposées"
else
	echo "absentes :$missing" > "$dir/b.err"
	echec "bash : options de l'aide non proposées" "$dir/b.err"
fi
# The check can fail: an option lgc's help would gain.
cp "$dir/opt.build" "$dir/opt.build.vrai"
echo "--option-nouvelle" >> "$dir/opt.build"
case $(bash_missing) in
*build:--option-nouvelle*)
	ok "bash : une option nouvelle de l'aide, absente de la complétion, est signalée" ;;
*)	echec "bash : une option nouvelle de l'aide passe inaperçue" ;;
esac
mv "$dir/opt.build.vrai" "$dir/opt.build"
# lgc knows each option offered (lgc serve and lsp, which would start,
# aside): no « option inconnue ».
unknown=""
for c in build check diff explique formulaire lint schema tree; do
	for o in $(cat "$dir/bash.$c"); do
		(cd "$dir/w" && timeout 10 "$LGC" "$c" "$o" absent.lgc < /dev/null) \
		    > /dev/null 2> "$dir/o.err"
		grep -q 'option inconnue' "$dir/o.err" && unknown="$unknown $c:$o"
	done
done
if [ -z "$unknown" ]; then
	ok "bash : lgc connaît chaque option proposée"
else
	echo "inconnues :$unknown" > "$dir/b.err"
	echec "bash : options proposées que lgc refuse" "$dir/b.err"
fi
# zsh: its completion system, driven on a pseudo-terminal.
if ! command -v zsh > /dev/null 2>&1; then
	saute "zsh : complétion" "zsh absent : make deps"
elif ! zsh -n "$TOP/editors/shell/_lgc" 2> "$dir/z.err"; then
	echec "zsh : _lgc ne se lit pas" "$dir/z.err"
else
	zshc() {
		timeout 130 zsh -f "$TOP/tests/scripts/editeurs-zsh.zsh" \
		    "$TOP/editors/shell" "$dir/w" "$1" 2> /dev/null | sort -u
	}
	# One interactive zsh per line typed, side by side.
	for c in $commands; do zshc "lgc $c -" > "$dir/zsh.$c" & done
	zshc "lgc " > "$dir/zsh.cmds" &
	zshc "lgc build -f " > "$dir/zsh.f" &
	zshc "lgc check " > "$dir/zsh.files" &
	zshc "lgc check -d " > "$dir/zsh.data" &
	zshc "lgc lint --sujets " > "$dir/zsh.sujets" &
	zshc "lgc help " > "$dir/zsh.help" &
	wait
	expect_zsh() {
		got=$(tr '\n' ' ' < "$dir/zsh.$1" | sed 's/ $//')
		if [ "$got" = "$2" ]; then ok "zsh : « $3 » → $2"
		else echo "« $got » au lieu de « $2 »" > "$dir/z.err"
			echec "zsh : « $3 »" "$dir/z.err"; fi
	}
	expect_zsh cmds "build check diff explique formulaire help lint lsp schema serve tree variantes" "lgc "
	expect_zsh f "docx html latex pdf" "lgc build -f "
	expect_zsh files "avec espace.lgc modele.lgc sous dossier/" "lgc check "
	expect_zsh data "donnees.json sous dossier/" "lgc check -d "
	expect_zsh sujets "aucun confidentialite donnees duree litiges objet parties prestations remuneration resiliation resultats signatures" "lgc lint --sujets "
	expect_zsh help "build check diff explique formulaire lint lsp schema serve tree variantes" "lgc help "
	missing=""
	cat "$dir"/zsh.build "$dir"/zsh.check "$dir"/zsh.diff "$dir"/zsh.explique "$dir"/zsh.formulaire "$dir"/zsh.lint \
	    "$dir"/zsh.schema "$dir"/zsh.tree "$dir"/zsh.variantes "$dir"/zsh.serve "$dir"/zsh.lsp \
	    > "$dir/zsh.all"
	printf '%s\n' -h --help -V --version >> "$dir/zsh.all"
	for c in $commands; do
		for o in $(cat "$dir/opt.$c"); do
			grep -qxe "$o" "$dir/zsh.$c" || missing="$missing $c:$o"
		done
	done
	for o in $(cat "$dir/opt.global"); do
		grep -qxe "$o" "$dir/zsh.all" || missing="$missing $o"
	done
	if [ -z "$missing" ] && [ -s "$dir/zsh.build" ]; then
		ok "zsh : les options de l'aide de lgc sont proposées ($(wc -l < "$dir/zsh.build") pour build)"
	else
		echo "absentes :$missing" > "$dir/z.err"
		echec "zsh : options de l'aide non proposées" "$dir/z.err"
	fi
fi
