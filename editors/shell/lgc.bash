# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Bash completion for lgc: subcommands, each one's options (those of
# `lgc CMD --help`, and for build and check the formats' own options),
# the values of -f (lgc diff's too), --moteur, --norme, --sujets, --limite and
# --format-diagnostics, --couleur, and files: .lgc templates, .json data.
# tests/scripts/editeurs.sh checks that every option lgc's help lists
# is offered here.  Installed by `make install` into bash-completion's
# completions folder; or source it from ~/.bashrc.

_lgc_commands="build check diff explique formulaire lint schema tree variantes serve lsp help"

# The options of one subcommand (empty for an unknown one).
_lgc_options() {
	local diag="--format-diagnostics --couleur -h --help"
	case $1 in
	build)
		echo "-d --donnees -D -f --format -o --sortie -I --racine" \
		    "--lot --nom -j --deps --provenance --brouillon" \
		    "--brouillon=tout" \
		    "--guillemets-droits --limite -Werror -Wlint -Wlint-" \
		    "--fragment --preambule --moteur --police --sans-balises --modele-docx" \
		    "--signatures-pdf --signatures-pdf=non --pdfa --profil-icc" \
		    "$diag" ;;
	check)
		echo "-d --donnees -D -I --racine -Werror -Wlint -Wlint-" \
		    "-Wvariantes -Wvariantes- --limite -f --format --police $diag" ;;
	diff)
		echo "-d --donnees -D --lot --nom -I --ancien-I --nouveau-I -f --format" \
		    "--racine --brouillon --guillemets-droits --limite $diag" ;;
	explique)
		echo "-d --donnees -D -I --racine --brouillon --limite $diag" ;;
	formulaire)
		echo "-o --sortie --rendu -I --racine $diag" ;;
	lint)
		echo "--sujets -I --racine -Werror -Wlint- $diag" ;;
	schema)
		echo "--norme -I --racine $diag" ;;
	variantes)
		echo "--max --format --matrice -f --ecrire -o --sortie -I --racine $diag" ;;
	tree)
		echo "-I --racine $diag" ;;
	serve)
		echo "--port --adresse -I --fils --limite-corps --delai" \
		    "--connexions --limite -h --help" ;;
	lsp)
		echo "-I -h --help" ;;
	esac
}

# Files whose name ends in one of the given extensions ("*": any file),
# and folders (to walk into), matching the word being completed; one
# candidate a line, so that names with spaces stay whole.
_lgc_files() {
	local cur=$1 ext f
	shift
	compopt -o filenames 2> /dev/null
	for ext in "$@"; do
		while IFS= read -r f; do
			[ -n "$f" ] && COMPREPLY+=("$f")
		done <<-LGC
		$(if [ "$ext" = "*" ]; then compgen -f -- "$cur"
		else compgen -f -X "!*.$ext" -- "$cur"; fi)
		LGC
	done
	[ "$*" = "*" ] && return 0	# compgen -f gave the folders too
	while IFS= read -r f; do
		[ -n "$f" ] && COMPREPLY+=("$f")
	done <<-LGC
	$(compgen -d -- "$cur")
	LGC
}

_lgc_words() {
	local f
	while IFS= read -r f; do
		[ -n "$f" ] && COMPREPLY+=("$f")
	done <<-LGC
	$(compgen -W "$1" -- "$2")
	LGC
}

_lgc() {
	local cur prev cmd i lot=no
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) if [ -z "$cmd" ]; then cmd=${COMP_WORDS[i]}; fi ;;
		esac
		[ "${COMP_WORDS[i]}" = --lot ] && lot=yes
	done
	if [ -z "$cmd" ]; then
		case $cur in
		-*) _lgc_words "-h --help -V --version" "$cur" ;;
		*) _lgc_words "$_lgc_commands" "$cur" ;;
		esac
		return 0
	fi
	case $prev in
	-f|--format)
		# lgc diff: -f and --format are the report's; lgc variantes:
		# --format is the report's, -f the contracts'.
		if [ "$cmd" = diff ]; then
			_lgc_words "texte json" "$cur"
		elif [ "$cmd" = variantes ] && [ "$prev" = --format ]; then
			_lgc_words "texte json html" "$cur"
		else
			_lgc_words "html latex pdf docx" "$cur"
		fi
		return 0 ;;
	--moteur)
		_lgc_words "pdflatex xelatex lualatex" "$cur"; return 0 ;;
	--norme)
		_lgc_words "2020-12 07" "$cur"; return 0 ;;
	--format-diagnostics)
		_lgc_words "texte json gcc sarif" "$cur"; return 0 ;;
	--couleur)
		_lgc_words "toujours jamais auto" "$cur"; return 0 ;;
	--limite)
		compopt -o nospace 2> /dev/null
		_lgc_words "valeur= texte= noeuds=" "$cur"; return 0 ;;
	--sujets)
		# A comma-separated list: complete its last item.
		local head=${cur%,*} item=${cur##*,} s
		[ "$head" = "$cur" ] && head= || head="$head,"
		for s in $(compgen -W "parties objet duree prestations
		    remuneration resultats confidentialite donnees resiliation
		    litiges signatures aucun" -- "$item"); do
			COMPREPLY+=("$head$s")
		done
		return 0 ;;
	-d|--donnees|--provenance)
		_lgc_files "$cur" json; return 0 ;;
	--lot)
		_lgc_files "$cur" jsonl; return 0 ;;
	--modele-docx)
		_lgc_files "$cur" docx dotx; return 0 ;;
	--profil-icc)
		_lgc_files "$cur" icc icm; return 0 ;;
	-I|--racine|--ancien-I|--nouveau-I|--ecrire)
		_lgc_files "$cur"; return 0 ;;
	--sortie)
		if [ "$lot" = yes ]; then
			_lgc_files "$cur"
		else
			_lgc_files "$cur" html tex pdf docx
		fi
		return 0 ;;
	-o|--deps|--preambule)
		_lgc_files "$cur" "*"; return 0 ;;
	-D|--nom|-j|--max|--port|--adresse|--fils|--limite-corps|--delai|--connexions|--rendu|--police)
		return 0 ;;
	esac
	case $cur in
	-*) _lgc_words "$(_lgc_options "$cmd")" "$cur"
	    # --brouillon=, -Wlint-: the word goes on.
	    case ${#COMPREPLY[@]}:${COMPREPLY[0]:-} in
	    1:*=|1:*-) compopt -o nospace 2> /dev/null ;;
	    esac ;;
	*)
		case $cmd in
		help) _lgc_words "${_lgc_commands% help}" "$cur" ;;
		serve) _lgc_files "$cur" ;;
		lsp) ;;
		*) _lgc_files "$cur" lgc ;;
		esac ;;
	esac
	return 0
}
complete -F _lgc lgc
