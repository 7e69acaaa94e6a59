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
zpty -w -n z "$line"$'\t'
out=""
# Read until the typed line came back and the listing after it stopped
# coming for 3 s: zsh answers in well under a second on its own, but the
# test starts a dozen of them at once, each loading compinit, and on a
# busy machine one was seen silent for over a second before its listing.
# 60 s at most.
integer quiet=0 waited=0
while (( waited < 240 )); do
	if zpty -r -t z chunk; then out+="$chunk"; quiet=0; continue; fi
	[[ $out == *"$line"* ]] && (( quiet >= 12 )) && break
	sleep 0.25; (( quiet++, waited++ ))
done
zpty -d z
# Past the echo of the typed line: the listing, then the prompt again.
out=${out#*$line}
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
