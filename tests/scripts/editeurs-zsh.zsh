# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Drives zsh's completion of lgc (editors/shell/_lgc) in an interactive
# zsh on a pseudo-terminal (zpty), as a person pressing Tab would, and
# prints the candidates zsh lists, one a line (the words before « -- »
# on each line of the listing).
#   zsh -f editeurs-zsh.zsh DOSSIER_DE_LGC DOSSIER_DE_TRAVAIL 'lgc build -'
zmodload zsh/zpty || exit 2
fdir=$1 work=$2 line=$3
zpty z "cd ${(q)work} && TERM=dumb zsh -f -i"
zpty -w z "PS1='> '; fpath=(${(q)fdir} \$fpath); autoload -Uz compinit; compinit -u -D; zstyle ':completion:*' list-grouped no; LISTMAX=100000; COLUMNS=400; lgc() { :; }"
# Tab runs the completion, shows its listing (zle -R) and prints a
# marker: the marker ends the listing however slow the machine is.
zpty -w z "_lgc_tab() { zle complete-word; zle -R; print -r -- \$'\\n'__F''IN__ }; zle -N _lgc_tab; bindkey '^I' _lgc_tab"
zpty -w -n z "$line"$'\t'
out=""
integer waited=0
while (( waited < 480 )); do
	if zpty -r -t z chunk; then
		out+="$chunk"
		[[ ${out//$'\r'/} == *$'\n'__FIN__* ]] && break
		continue
	fi
	sleep 0.25; (( waited++ ))
done
zpty -d z
# The listing: before the marker, less the line drawn again under it,
# after the last echo of the typed line (on a busy machine the terminal
# may echo what was typed before zsh reads it).
out=${out%%$'\n'__FIN__*}
out=${out%$'\n'*}
out=${out##*$line}
for l in ${(f)out//$'\r'/}; do
	[[ $l == '>'* ]] && continue
	l=${l//$'\a'/}
	# Words as the shell reads them: « avec\ espace.lgc » is one.
	for w in ${(z)l}; do
		[[ $w == -- ]] && break
		w=${(Q)w}
		[[ -n $w ]] && print -r -- $w
	done
done
