# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Sourced by tests/run.sh after a golden LaTeX case (NAME.tex) was
# compared, with $base, $rel, $tmp, $dir, $name, $data, $args set and
# lgc's output in $tmp/out.  Compiles that output with pdflatex, twice
# (cross-references and "Page X sur Y" need the second pass), without
# shell escape, then compares the text of the PDF (pdftotext) with
# NAME.tex.txt.  The comparison is word by word: a line broken elsewhere
# by another TeX version is no failure, a changed word is.
# Calls pass, fail or skip; --update rewrites NAME.tex.txt.

latex_dir="$tmp/latex-compile"
if ! command -v pdflatex > /dev/null 2>&1; then
	skip "$rel.tex : compilation pdflatex" "pdflatex absent"
elif ! command -v pdftotext > /dev/null 2>&1; then
	skip "$rel.tex : compilation pdflatex" "pdftotext absent"
else
	rm -rf "$latex_dir"
	mkdir -p "$latex_dir"
	cp "$tmp/out" "$latex_dir/contrat.tex"
	latex_ok=1
	: > "$latex_dir/why"
	for latex_pass in 1 2; do
		if ! (cd "$latex_dir" && pdflatex -halt-on-error -no-shell-escape \
		    -interaction=nonstopmode contrat.tex < /dev/null \
		    > pdflatex.txt 2>&1); then
			echo "pdflatex a échoué (passe $latex_pass) :" >> "$latex_dir/why"
			grep -A8 '^!' "$latex_dir/contrat.log" >> "$latex_dir/why"
			latex_ok=0
			break
		fi
	done
	if [ "$latex_ok" -eq 1 ] &&
	    grep -q 'undefined references\|Rerun to get' "$latex_dir/contrat.log"; then
		echo "références non résolues après deux passes" >> "$latex_dir/why"
		latex_ok=0
	fi
	# Nothing sticks out of the page: no line wider than the text, no
	# running header taller than its room.
	if [ "$latex_ok" -eq 1 ] &&
	    grep -q 'Overfull \\hbox\|headheight is too small' "$latex_dir/contrat.log"; then
		echo "texte hors de la page :" >> "$latex_dir/why"
		grep -A2 'Overfull \\hbox\|headheight is too small' \
		    "$latex_dir/contrat.log" | head -12 >> "$latex_dir/why"
		latex_ok=0
	fi
	if [ "$latex_ok" -eq 1 ]; then
		if pdftotext "$latex_dir/contrat.pdf" "$latex_dir/contrat.txt" \
		    2>> "$latex_dir/why"; then
			[ "$update" -eq 1 ] && cp "$latex_dir/contrat.txt" "$base.tex.txt"
			if [ -f "$base.tex.txt" ]; then
				tr -s '[:space:]' '\n' < "$base.tex.txt" > "$latex_dir/want"
				tr -s '[:space:]' '\n' < "$latex_dir/contrat.txt" > "$latex_dir/got"
				diff -u "$latex_dir/want" "$latex_dir/got" >> "$latex_dir/why" ||
				    latex_ok=0
			else
				echo "$rel.tex.txt absent (texte attendu du PDF)" >> "$latex_dir/why"
				latex_ok=0
			fi
		else
			latex_ok=0
		fi
	fi
	if [ "$latex_ok" -eq 1 ]; then pass
	else fail "$rel.tex : compilation pdflatex" "$latex_dir/why"; fi
fi
