# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The PDF for a law office, on every example and every set of its data:
#  - signature fields (on by default): one per signing party, named after
#    the party's input (signature-prestataire), listed with their
#    rectangles by qpdf's JSON (qpdf resolves fields and widgets as a
#    viewer does) and by pdf.js (getFieldObjects and the pages' widget
#    annotations, tests/pdfjs/champs.js), each lying over its
#    party's place to sign in the signature block as pdftotext -bbox
#    lays it out (pdfa-check.py signatures); the page drawn the same with
#    and without them (pdftoppm), and none with --signatures-pdf=non;
#  - --pdfa: the clauses of ISO 19005-1 (PDF/A-1b) that can be checked
#    from the file, since no validator can be installed here (veraPDF is
#    in neither Debian nor npm): 6.1.2 header, 6.1.3 trailer ID and no
#    encryption, 6.1.11/6.1.13 no embedded files or optional content,
#    6.2.2/6.2.3.3 the sRGB output intent and its ICC profile, 6.4 no
#    transparency, 6.3.4 fonts embedded (pdffonts and the descriptors),
#    6.3.7 TrueType encodings, 6.5.2/6.5.3 annotations, 6.6.1/6.6.2
#    actions, 6.7.2/6.7.5 the XMP stream and packet, 6.7.3 the document
#    information equal to the XMP (pdfinfo -isodates against pdfinfo
#    -meta), 6.7.11 the PDF/A identification, 6.9 the form; for the
#    tagged file (the default) level A — 6.7.8 the extension schema of
#    pdfuaid, 6.8.2.2 marked content and structure tree, 6.8.3.3
#    standard structure types, 6.8.4 /Lang, 6.3.8 Unicode mapping — and
#    PDF/UA-1's 7.1 (title shown) and 7.18 (annotations in the
#    structure, tab order, /TU of the fields, /Contents of the links);
#    untagged (--sans-balises), level B and no PDF/UA (details in
#    pdfa-check.py); the pages drawn as without --pdfa;
#  - both byte-identical from one run to the next, and qpdf --check
#    clean.
# Environment: LGC (sanitizer build), TOP, TMP.  Prints "ok …",
# "ÉCHEC …" or "sauté … (raison)" per check.
set -u

dir=$TMP/pdfa
mkdir -p "$dir"
check=$TOP/tests/scripts/pdfa-check.py

ok() { echo "ok $1"; }
echec() { echo "ÉCHEC $1"; [ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/    /' "$2" | head -20; }
saute() { echo "sauté $1 ($2)"; }

for tool in qpdf pdfinfo pdffonts pdftotext pdftoppm python3; do
	if ! command -v $tool > /dev/null 2>&1; then
		saute "pdfa : champs de signature et PDF/A" "$tool absent (make deps)"
		exit 0
	fi
done

# pdf.js (npm, tests/pdfjs, make deps installs it): a second reader of the
# fields, Firefox's.
pdfjs=$TOP/tests/pdfjs
if command -v node > /dev/null 2>&1 && [ -d "$pdfjs/node_modules/pdfjs-dist" ]
then pdfjs_ok=yes
else pdfjs_ok=no
	saute "pdfa : champs lus par pdf.js" "node ou pdfjs-dist (tests/pdfjs) absent : make deps"
fi

# The same instant in the information dictionary and the XMP.
SOURCE_DATE_EPOCH=1798761600
export SOURCE_DATE_EPOCH

# The page PAGE of two PDFs drawn alike (poppler, 40 dpi).
same_page() {
	pdftoppm -r 40 -f "$3" -l "$3" -png "$1" "$dir/p1" 2> /dev/null &&
	pdftoppm -r 40 -f "$3" -l "$3" -png "$2" "$dir/p2" 2> /dev/null &&
	cmp -s "$dir"/p1-*.png "$dir"/p2-*.png
	rc=$?
	rm -f "$dir"/p1-*.png "$dir"/p2-*.png
	return $rc
}

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

all=
for tpl in "$TOP"/examples/*/contrat.lgc; do
	ex=$(basename "$(dirname "$tpl")")
	# The parties as the template hands them to the signatures clause.
	names=$(sed -n '/{inclure "signatures"/,/}/s/^ *\(premiere\|seconde\) = \([a-z_]*\).*/signature-\2/p' \
	    "$tpl" | tr _ -)
	first=yes
	for data in "$(dirname "$tpl")"/donnees/*.json; do
		name=$ex/$(basename "$data" .json)
		out=$dir/$ex-$(basename "$data" .json)
		if ! "$LGC" build "$tpl" -d "$data" -o "$out.pdf" 2> "$out.err" ||
		    ! "$LGC" build "$tpl" -d "$data" -o "$out.2.pdf" 2>> "$out.err" ||
		    { [ $first = yes ] && ! "$LGC" build "$tpl" -d "$data" \
		    --signatures-pdf=non -o "$out.sans.pdf" 2>> "$out.err"; } ||
		    ! "$LGC" build "$tpl" -d "$data" --pdfa -o "$out.a.pdf" \
		    2>> "$out.err" ||
		    ! "$LGC" build "$tpl" -d "$data" --pdfa -o "$out.a2.pdf" \
		    2>> "$out.err"; then
			echec "pdfa : $name : compilation" "$out.err"
			continue
		fi
		if cmp -s "$out.pdf" "$out.2.pdf" && cmp -s "$out.a.pdf" "$out.a2.pdf"
		then ok "pdfa : $name : octets identiques d'une exécution à l'autre"
		else echec "pdfa : $name : octets différents d'une exécution à l'autre"
		fi
		for f in "$out.pdf" "$out.a.pdf"; do
			if qpdf --check "$f" > "$out.check" 2>&1; then
				ok "pdfa : $name : qpdf --check $(basename "$f")"
			else
				echec "pdfa : $name : qpdf --check $(basename "$f")" "$out.check"
			fi
		done
		# The signature fields, in the plain PDF and the PDF/A.
		for f in "$out.pdf" "$out.a.pdf"; do
			# shellcheck disable=SC2086
			qpdf --json --json-stream-data=inline "$f" > "$f.json" &&
			pdftotext -bbox "$f" "$f.bbox" 2> /dev/null &&
			python3 "$check" signatures "$f" "$f.json" "$f.bbox" $names |
			    sed "s|$dir/||"
			all="$all $f"
		done
		# PDF/A-1b.
		pdfinfo -isodates "$out.a.pdf" > "$out.info" 2>&1
		pdfinfo -meta "$out.a.pdf" > "$out.meta" 2>&1
		pdffonts "$out.a.pdf" > "$out.fonts" 2>&1
		python3 "$check" pdfa "$out.a.pdf" "$out.a.pdf.json" "$out.info" \
		    "$out.meta" "$out.fonts" | sed "s|$dir/||"
		# The drawing, once per template (poppler draws slowly).
		if [ $first = no ]; then continue; fi
		first=no
		# Untagged, the PDF/A is level B and claims no PDF/UA.
		b=$out.b.pdf
		if "$LGC" build "$tpl" -d "$data" --pdfa --sans-balises -o "$b" \
		    2> "$out.err"; then
			qpdf --json --json-stream-data=inline "$b" > "$b.json"
			pdfinfo -isodates "$b" > "$b.info" 2>&1
			pdfinfo -meta "$b" > "$b.meta" 2>&1
			pdffonts "$b" > "$b.fonts" 2>&1
			python3 "$check" pdfa "$b" "$b.json" "$b.info" "$b.meta" \
			    "$b.fonts" | sed "s|$dir/||"
		else
			echec "pdfa : $name : --pdfa --sans-balises" "$out.err"
		fi
		last=$(pages "$out.pdf")
		if same_page "$out.pdf" "$out.sans.pdf" "$last"; then
			ok "pdfa : $name : page des signatures dessinée de même avec ou sans champs"
		else
			echec "pdfa : $name : les champs changent le dessin de la page $last"
		fi
		if pdfinfo "$out.sans.pdf" | grep -q '^Form: *none'; then
			ok "pdfa : $name : --signatures-pdf=non : aucun champ"
		else
			echec "pdfa : $name : --signatures-pdf=non laisse un formulaire"
		fi
		if same_page "$out.pdf" "$out.a.pdf" 1 &&
		    same_page "$out.pdf" "$out.a.pdf" "$last"; then
			ok "pdfa : $name : pages dessinées de même avec --pdfa"
		else
			echec "pdfa : $name : --pdfa change le dessin des pages"
		fi
	done
done

# pdf.js over every file at once, then each file's fields against qpdf's.
[ "$pdfjs_ok" = yes ] && [ -n "$all" ] || exit 0
# shellcheck disable=SC2086
if ! node "$pdfjs/champs.js" $all 2> "$dir/pdfjs.err"; then
	echec "pdfa : pdf.js ne lit pas les PDF" "$dir/pdfjs.err"
	exit 0
fi
for f in $all; do
	python3 "$check" pdfjs "$f" "$f.json" "$f.pdfjs" | sed "s|$dir/||"
done
