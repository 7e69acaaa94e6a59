# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The HTML in a real browser (Chromium driven by puppeteer-core, from
# tests/browser): printed, each page says "Page X sur Y" and the signature
# heading stays on the page of the signature lines; on a 390 px phone the
# text is French and hyphenated and no number in digit groups breaks; the
# parties' signature lines are level.
# Environment: LGC (sanitizer build), TOP, TMP.  Prints "ok …",
# "ÉCHEC …" or "sauté … (raison)" per check.
set -u
export LGC_PATH="$TOP/stdlib"

dir=$TMP/browser
rm -rf "$dir"
mkdir -p "$dir"

ok() { echo "ok $1"; }
# pdftotext ends a page with a form feed and no newline: neither may
# reach the start of the next line, which tests/run.sh reads.
echec() {
	echo "ÉCHEC $1"
	[ -n "${2:-}" ] && [ -f "$2" ] &&
	    { tr -d '\f' < "$2"; echo; } | sed '/^$/d; s/^/    /' | head -20
}
saute() { echo "sauté $1 ($2)"; }

chromium=""
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" > /dev/null 2>&1; then chromium=$(command -v "$c"); break; fi
done
if [ -z "$chromium" ]; then
	saute "navigateur : impression et téléphone" "chromium absent : make deps"
	exit 0
fi
if ! command -v node > /dev/null 2>&1 ||
    [ ! -d "$TOP/tests/browser/node_modules/puppeteer-core" ]; then
	saute "navigateur : impression et téléphone" \
	    "node ou puppeteer-core absent : make deps"
	exit 0
fi
if ! command -v pdftotext > /dev/null 2>&1 ||
    ! command -v pdfinfo > /dev/null 2>&1; then
	saute "navigateur : impression et téléphone" "poppler-utils absent"
	exit 0
fi

# A contract with a SIREN from the data and a party with a representative
# (one more line above her signature than the other party has).
ex=$TOP/examples/generation-prospects
if ! (cd "$ex" && "$LGC" build contrat.lgc -d donnees/freelance-horaire.json \
    -o "$dir/contrat.html") > "$dir/err" 2>&1; then
	echec "navigateur : lgc build de l'exemple" "$dir/err"
	exit 0
fi

# Chromium's own messages go to standard error; the checks to standard
# output.  Bounded: a browser that hangs must not hang the suite.
timeout 180 node "$TOP/tests/browser/check.js" "$chromium" \
    "$dir/contrat.html" "$dir" > "$dir/out" 2> "$dir/node.err"
status=$?
cat "$dir/out"
if [ "$status" -ne 0 ]; then
	echec "navigateur : Chromium (code $status)" "$dir/node.err"
	exit 0
fi

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

# Page I of the PDF $1 as text, in $dir/page.txt.
page_text() {
	pdftotext -f "$2" -l "$2" "$1" "$dir/page.txt" 2> /dev/null
}

# Printed: "Page I sur N" at the foot of each page, and no page without.
pdf=$dir/contrat.pdf
n=$(pages "$pdf")
if [ -z "$n" ] || [ "$n" -lt 2 ]; then
	echec "navigateur : impression en plusieurs pages (pages : ${n:-aucune})"
else
	missing=""
	i=1
	while [ "$i" -le "$n" ]; do
		page_text "$pdf" "$i"
		grep -qx "Page $i sur $n" "$dir/page.txt" || missing="$missing $i"
		i=$((i + 1))
	done
	if [ -z "$missing" ]; then
		ok "navigateur : « Page X sur $n » au pied de chacune des $n pages imprimées"
	else
		echec "navigateur : pages imprimées sans « Page X sur $n » :$missing"
	fi
fi

# The page that holds the heading "Signatures" holds the text under it and
# both parties' signature and date lines (its number in $p).
same_page() {
	p=1
	found=0
	np=$(pages "$1")
	while [ "$p" -le "${np:-0}" ]; do
		page_text "$1" "$p"
		if grep -qx "Signatures" "$dir/page.txt"; then
			found=1
			break
		fi
		p=$((p + 1))
	done
	[ "$found" -eq 1 ] || return 1
	grep -q "^Fait à" "$dir/page.txt" || return 1
	[ "$(grep -c "^Signature[^s]" "$dir/page.txt")" -eq 2 ] || return 1
	[ "$(grep -c "^Date" "$dir/page.txt")" -eq 2 ]
}
if same_page "$pdf"; then
	ok "navigateur : titre « Signatures » et lignes de signature sur la même page"
	# Side by side, both "Signature :" on one line of text, both "Date :"
	# on another.
	pdftotext -layout -f "$p" -l "$p" "$pdf" "$dir/layout.txt" 2> /dev/null
	if grep -q "Signature .*Signature " "$dir/layout.txt" &&
	    grep -q "Date .*Date " "$dir/layout.txt"; then
		ok "navigateur : signatures des parties alignées à l'impression"
	else
		echec "navigateur : signatures des parties décalées à l'impression" \
		    "$dir/layout.txt"
	fi
else
	echec "navigateur : titre « Signatures » séparé des signatures" "$dir/page.txt"
fi
for f in "$dir"/signatures-*.pdf; do
	[ -f "$f" ] || { echec "navigateur : aucun PDF de la section des signatures"; break; }
	h=$(basename "$f" .pdf)
	h=${h#signatures-}
	if same_page "$f"; then
		ok "navigateur : section des signatures à $h px du haut, gardée d'un bloc"
	else
		echec "navigateur : section des signatures à $h px du haut, coupée" \
		    "$dir/page.txt"
	fi
done
