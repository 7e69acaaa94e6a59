# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The PDF backend as a reader sees it: layout inside the margins, page
# numbers, pagination of a long contract (headings, widows and orphans),
# reproducible bytes, errors for missing glyphs and fonts, the --police
# option, the format picked from -o, and no output on failure.
# Environment: LGC (sanitizer build), TOP, TMP.  Prints "ok …",
# "ÉCHEC …" or "sauté … (raison)" per check.
set -u

dir=$TMP/pdf
mkdir -p "$dir"
ex=$TOP/tests/golden/exemple

ok() { echo "ok $1"; }
echec() { echo "ÉCHEC $1"; [ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/    /' "$2" | head -20; }
saute() { echo "sauté $1 ($2)"; }

if ! command -v pdftotext > /dev/null 2>&1 ||
    ! command -v pdfinfo > /dev/null 2>&1; then
	saute "pdf : tests de mise en page" "poppler-utils absent"
	exit 0
fi

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

# A4 is 595.276 x 841.89 points, margins 2.5 cm (70.866 points).  Every
# word inside the margins: the running header above the text area, the
# footer below it, the body between.
check_margins() {
	pdftotext -bbox "$1" "$dir/bbox.html" 2> /dev/null || return 1
	awk '
	/<word / {
		n++
		x0 = $0; sub(/.*xMin="/, "", x0); sub(/".*/, "", x0); x0 += 0
		x1 = $0; sub(/.*xMax="/, "", x1); sub(/".*/, "", x1); x1 += 0
		y0 = $0; sub(/.*yMin="/, "", y0); sub(/".*/, "", y0); y0 += 0
		y1 = $0; sub(/.*yMax="/, "", y1); sub(/".*/, "", y1); y1 += 0
		w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w)
		bad = x0 < 70.36 || x1 > 524.92
		if (!(y1 < 62 || y0 > 780 || (y0 >= 70.3 && y1 <= 774)))
			bad = 1
		if (bad) { print "hors marges : " w " " x0 " " y0 " " x1 " " y1; fails++ }
	}
	END { if (n == 0) print "aucun mot"; exit (n == 0 || fails > 0) }
	' "$dir/bbox.html" > "$dir/margins.out"
}

# "Page X sur Y" on each page, X its number, Y the page count.
check_page_numbers() {
	pdftotext -layout "$1" "$dir/pages.txt" 2> /dev/null || return 1
	awk -v want="$(pages "$1")" '
	BEGIN { RS = "\f" }
	NF > 0 {
		p++
		if (match($0, /Page [0-9]+ sur [0-9]+/)) {
			split(substr($0, RSTART, RLENGTH), f, " ")
			if (f[2] != p || f[4] != want) {
				print "page " p " : " f[2] " sur " f[4]; bad++
			}
		} else { print "page " p " sans numéro"; bad++ }
	}
	END { if (p != want) print p " pages lues, " want " annoncées"
		exit (bad > 0 || p != want || p == 0) }
	' "$dir/pages.txt" > "$dir/pages.out"
}

# Lines of the body, "page<TAB>text", top to bottom.
body_lines() {
	pdftotext -bbox-layout "$1" "$dir/layout.html" 2> /dev/null || return 1
	awk '
	/<page / { page++ }
	/<line / { y = $0; sub(/.*yMin="/, "", y); sub(/".*/, "", y); y += 0
		t = "" }
	/<word / { w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w)
		t = t (t == "" ? "" : " ") w }
	/<\/line>/ { if (y > 62 && y < 780) print page "\t" t }
	' "$dir/layout.html"
}

# 1. The design example: margins, page numbers, document information.
(cd "$ex" && "$LGC" build exemple.lgc -d exemple--forfait.json \
    -o "$dir/exemple.pdf") > /dev/null 2> "$dir/err"
if [ -s "$dir/exemple.pdf" ] && check_margins "$dir/exemple.pdf"; then
	ok "pdf : exemple, aucun mot hors des marges"
else
	echec "pdf : exemple, mots hors des marges" "$dir/margins.out"
fi
if check_page_numbers "$dir/exemple.pdf"; then
	ok "pdf : exemple, « Page X sur Y » justes"
else
	echec "pdf : exemple, numéros de page" "$dir/pages.out"
fi
pdfinfo "$dir/exemple.pdf" > "$dir/info" 2>&1
if grep -q '^Title: *Contrat de prestation de génération de prospects' "$dir/info" &&
    grep -q '^Subject: *Contrat de prestation' "$dir/info" &&
    grep -q "^Creator: *lgc [0-9]" "$dir/info" &&
    grep -q '^Page size: *595.276 x 841.89' "$dir/info" &&
    ! grep -q '^CreationDate:' "$dir/info"; then
	ok "pdf : informations du document (titre, sujet, créateur, A4, sans date)"
else
	echec "pdf : informations du document" "$dir/info"
fi
# A title CP1252 cannot spell reaches the metadata whole.
printf 'modele "Contrat Łukasz Ştefan — Kővári"\n---\n# Objet\n\nTexte.\n' \
    > "$dir/meta.lgc"
"$LGC" build "$dir/meta.lgc" -o "$dir/meta.pdf" > /dev/null 2>&1
if pdfinfo "$dir/meta.pdf" 2>/dev/null |
    grep -q '^Title: *Contrat Łukasz Ştefan — Kővári$'; then
	ok "pdf : titre hors CP1252 entier dans les informations du document"
else
	pdfinfo "$dir/meta.pdf" > "$dir/info" 2>&1
	echec "pdf : titre hors CP1252 dans les informations" "$dir/info"
fi
# Outline, links and compression, seen in the uncompressed objects.
if command -v qpdf > /dev/null 2>&1; then
	qpdf --qdf --object-streams=disable "$dir/exemple.pdf" "$dir/qdf.pdf" \
	    > /dev/null 2>&1
	if grep -aq '/Type /Outlines' "$dir/qdf.pdf" &&
	    [ "$(grep -ac '/Title <feff' "$dir/qdf.pdf")" -ge 5 ] &&
	    grep -aq '/Subtype /Link' "$dir/qdf.pdf" &&
	    [ "$(grep -ac '/FlateDecode' "$dir/exemple.pdf")" -ge 3 ]; then
		ok "pdf : signets des articles, lien du renvoi, flux compressés"
	else
		echec "pdf : signets, liens ou compression absents"
	fi
else
	saute "pdf : signets et liens" "qpdf absent"
fi

# 2. Reproducible: the same input gives the same bytes; dates only from
# SOURCE_DATE_EPOCH.
(cd "$ex" && "$LGC" build exemple.lgc -d exemple--forfait.json \
    -o "$dir/exemple2.pdf") > /dev/null 2>&1
if cmp -s "$dir/exemple.pdf" "$dir/exemple2.pdf"; then
	ok "pdf : deux compilations, octets identiques"
else
	echec "pdf : deux compilations diffèrent"
fi
(cd "$ex" && SOURCE_DATE_EPOCH=1798761600 "$LGC" build exemple.lgc \
    -d exemple--forfait.json -o "$dir/date1.pdf" &&
    SOURCE_DATE_EPOCH=1798761600 "$LGC" build exemple.lgc \
    -d exemple--forfait.json -o "$dir/date2.pdf") > /dev/null 2>&1
if cmp -s "$dir/date1.pdf" "$dir/date2.pdf" &&
    pdfinfo "$dir/date1.pdf" 2>/dev/null | grep -q '^CreationDate:.*2027'; then
	ok "pdf : SOURCE_DATE_EPOCH donne la date, octets identiques"
else
	echec "pdf : SOURCE_DATE_EPOCH"
fi

# 3. A generated contract of about 60 pages.
{
	printf 'modele "Contrat cadre de prestations de services"\n'
	printf 'entree client : partie "Le client"\n'
	printf 'entree prestataire : partie "Le prestataire"\n---\n'
	i=1
	while [ "$i" -le 200 ]; do
		printf '# Clause numéro %d {#c%d}\n\n' "$i" "$i"
		printf 'Alpha %d. Le Prestataire exécute les prestations décrites au présent article avec le soin et la diligence d’un professionnel averti, dans le respect des règles de l’art, des lois et règlements en vigueur et des directives écrites du Client, qui peuvent être modifiées à tout moment sous réserve d’un délai de prévenance raisonnable ; il informe sans délai le Client de toute difficulté susceptible d’affecter la qualité, le coût ou le calendrier des prestations. Oméga.\n\n' "$i"
		if [ $((i % 3)) -eq 0 ]; then
			printf '## Modalités particulières\n\nAlpha. Les parties conviennent des modalités suivantes, qui complètent celles de l’{ref c%d} :\n\n- la remise d’un rapport mensuel ;\n- une réunion trimestrielle de suivi, dont le compte rendu est établi par le Prestataire et soumis à la validation du Client dans les huit jours ;\n- la mise à jour du plan de charge. Oméga.\n\n' "$((i - 1))"
		fi
		printf 'Alpha. Les obligations prévues au présent article s’appliquent pendant toute la durée du contrat, et pendant **deux ans** après son terme pour celles qui, par leur nature, ont vocation à survivre, notamment les obligations de *confidentialité*, de restitution des documents et de non-sollicitation du personnel. Chacune des parties répond de leur respect par ses préposés, sous-traitants et conseils. Oméga.\n\n'
		i=$((i + 1))
	done
	printf '{signatures prestataire, client}\n'
} > "$dir/long.lgc"
cat > "$dir/long.json" <<'EOF'
{"client": {"nom": "Société Martin", "adresse": "Strasbourg",
  "representant": "Mme Anne Martin", "qualite": "gérante"},
 "prestataire": {"nom": "LeadMotiv SAS", "adresse": "Paris",
  "representant": "M. Julien Marchal", "qualite": "président"}}
EOF
"$LGC" build "$dir/long.lgc" -d "$dir/long.json" -o "$dir/long.pdf" \
    > /dev/null 2> "$dir/err"
n=$(pages "$dir/long.pdf")
if [ -n "$n" ] && [ "$n" -ge 60 ] && check_page_numbers "$dir/long.pdf"; then
	ok "pdf : contrat de $n pages, « Page X sur Y » juste sur chaque page"
else
	echec "pdf : contrat long, pagination" "$dir/pages.out"
fi
# The release ./lgc (tests/scripts/static.sh) on the same 60 pages.
if [ -x "$TOP/lgc" ]; then
	"$TOP/lgc" build "$dir/long.lgc" -d "$dir/long.json" \
	    -o "$dir/long-release.pdf" > /dev/null 2>&1
	if cmp "$dir/long.pdf" "$dir/long-release.pdf" > "$dir/cmp" 2>&1; then
		ok "pdf : contrat long, ./lgc écrit les mêmes octets que la construction de test"
	else
		echec "pdf : contrat long, ./lgc diffère de la construction de test" "$dir/cmp"
	fi
fi
if check_margins "$dir/long.pdf"; then
	ok "pdf : contrat long, aucun mot hors des marges"
else
	echec "pdf : contrat long, mots hors des marges" "$dir/margins.out"
fi
# Every paragraph runs from "Alpha" to "Oméga." over at least three
# lines: no page ends on a heading or on a paragraph's first line, none
# starts with a paragraph's last line; the signatures end the last page.
body_lines "$dir/long.pdf" > "$dir/lines"
awk -F '\t' '
function check_end(p, t) {
	if (t ~ /^(Article [0-9]+ – |[0-9]+\.[0-9]+ )/) { print "page " p " finit sur un titre : " t; bad++ }
	if (t ~ /Alpha/ && t !~ /Oméga/) { print "page " p " finit sur une première ligne : " t; bad++ }
}
$1 != page {
	if (page != "") check_end(page, last)
	if ($2 ~ /Oméga\.$/ && $2 !~ /Alpha/) { print "page " $1 " commence par une dernière ligne : " $2; bad++ }
	page = $1
}
{ last = $2 }
END { if (last !~ /^Date/) { print "la dernière page ne finit pas par les signatures : " last; bad++ }
	exit bad > 0 }
' "$dir/lines" > "$dir/lines.out"
if [ -s "$dir/lines" ] && [ ! -s "$dir/lines.out" ]; then
	ok "pdf : contrat long, ni titre seul en bas de page, ni veuve, ni orpheline"
else
	echec "pdf : contrat long, coupures de page" "$dir/lines.out"
fi

# 4. A character the font cannot draw is an error naming it, the value
# and its JSON path, with the --police hint, and nothing is written (an
# existing output is left alone).
cat > "$dir/glyphe.lgc" <<'EOF'
modele "Glyphe"
entree nom : texte
---
Le client {nom} accepte.
EOF
printf '{"nom": "Wang \\u6F22 Li"}\n' > "$dir/glyphe.json"
echo ancien > "$dir/glyphe.pdf"
"$LGC" build "$dir/glyphe.lgc" -d "$dir/glyphe.json" -o "$dir/glyphe.pdf" \
    > /dev/null 2> "$dir/err"
status=$?
if [ "$status" -eq 1 ] && grep -q 'U+6F22' "$dir/err" &&
    grep -q 'Liberation Serif' "$dir/err" &&
    grep -q 'note: la valeur «.Wang 漢 Li.» vient des données.; chemin JSON.: nom' "$dir/err" &&
    grep -q 'note: choisissez une police .*--police' "$dir/err" &&
    [ "$(cat "$dir/glyphe.pdf")" = ancien ] &&
    [ -z "$(ls "$dir" | grep 'glyphe.pdf.')" ]; then
	ok "pdf : caractère absent de la police, erreur claire et rien d'écrit"
else
	echec "pdf : caractère absent (code $status)" "$dir/err"
fi

# 5. --police: another family, embedded; an unknown one is an error.
# The family in the three styles lgc needs (fonts-dejavu-core alone has
# no Serif italic: lgc would rightly refuse it).
if [ "$(fc-list 'DejaVu Serif' style 2>/dev/null | grep -ci 'italic\|oblique')" -ge 1 ] &&
    fc-list 'DejaVu Serif' style 2>/dev/null | grep -qi 'bold'; then
	(cd "$ex" && "$LGC" build exemple.lgc -d exemple--forfait.json \
	    --police "DejaVu Serif" -o "$dir/dejavu.pdf") > /dev/null 2> "$dir/err"
	if pdffonts "$dir/dejavu.pdf" 2>/dev/null | grep -q 'DejaVuSerif' &&
	    ! pdffonts "$dir/dejavu.pdf" 2>/dev/null | grep -q 'Liberation'; then
		ok "pdf : --police DejaVu Serif"
	else
		echec "pdf : --police DejaVu Serif" "$dir/err"
	fi
else
	saute "pdf : --police DejaVu Serif" "police absente"
fi
(cd "$ex" && "$LGC" build exemple.lgc -d exemple--forfait.json \
    --police "Police Qui N'Existe Pas" -o "$dir/inconnue.pdf") \
    > /dev/null 2> "$dir/err"
status=$?
if [ "$status" -eq 2 ] && grep -q 'police-introuvable\|introuvable' "$dir/err" &&
    [ ! -e "$dir/inconnue.pdf" ]; then
	ok "pdf : --police inconnue, erreur et rien d'écrit"
else
	echec "pdf : --police inconnue (code $status)" "$dir/err"
fi

# 6. -o x.pdf alone picks the format.
(cd "$ex" && "$LGC" build exemple.lgc -d exemple--forfait.json \
    -o "$dir/choisi.pdf") > /dev/null 2>&1
if [ "$(head -c 5 "$dir/choisi.pdf" 2>/dev/null)" = "%PDF-" ]; then
	ok "pdf : -o fichier.pdf choisit le format PDF"
else
	echec "pdf : -o fichier.pdf n'a pas produit de PDF"
fi

# 7. The text comes back out: a ToUnicode map poppler accepts (no
# warning) for letters outside CP1252 in every encoding the PDF uses
# (other code pages, UTF-8), and the document's language in the catalog.
cat > "$dir/texte.lgc" <<'LGC'
modele "Contrat"
entree nom : texte
---
Avec {nom}, à Łódź : Dvořák, cœur, 12 €, Ωμέγα, Дмитрий, ĉu, Ștefan.
LGC
printf '{"nom": "Kővári \\u0218tefan"}\n' > "$dir/texte.json"
"$LGC" build "$dir/texte.lgc" -d "$dir/texte.json" -o "$dir/texte.pdf" \
    > /dev/null 2> "$dir/err"
pdftotext "$dir/texte.pdf" "$dir/texte.txt" 2> "$dir/poppler.err"
missing=
for w in Kővári Ștefan Łódź Dvořák cœur '12 €' Ωμέγα Дмитрий ĉu; do
	grep -q "$w" "$dir/texte.txt" 2>/dev/null || missing="$missing $w"
done
if [ ! -s "$dir/poppler.err" ] && [ -z "$missing" ]; then
	ok "pdf : texte extrait à l'identique hors CP1252, sans avertissement de poppler"
else
	echec "pdf : texte extrait (absents :$missing)" "$dir/poppler.err"
fi
if pdfinfo "$dir/texte.pdf" 2>/dev/null | grep -q '^Lang\|fr-FR' ||
    { command -v qpdf > /dev/null 2>&1 &&
    qpdf --json "$dir/texte.pdf" 2>/dev/null | grep -q '"/Lang": "u:fr-FR"'; }; then
	ok "pdf : langue du document (/Lang fr-FR)"
else
	echec "pdf : pas de /Lang fr-FR dans le catalogue"
fi

# 8. A letter (genre lettre): its place and date flush right on the first
# line, no printed title (only in the metadata), and the two parties'
# « Signature, précédée de la mention … » on the same line.
lt="$TOP/tests/golden/langage"
(cd "$lt" && "$LGC" build lettre.lgc -d lettre.json -o "$dir/lettre.pdf") \
    > /dev/null 2> "$dir/err"
if pdftotext -bbox "$dir/lettre.pdf" "$dir/lettre.html" 2> /dev/null &&
    awk '
    /<word / {
	n++
	x0 = $0; sub(/.*xMin="/, "", x0); sub(/".*/, "", x0); x0 += 0
	x1 = $0; sub(/.*xMax="/, "", x1); sub(/".*/, "", x1); x1 += 0
	y0 = $0; sub(/.*yMin="/, "", y0); sub(/".*/, "", y0); y0 += 0
	w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w)
	if (n == 1) { first_x = x0; line_y = y0 }
	if (y0 == line_y) last_x = x1
	if (w == "Signature,") sign[++ns] = y0
	if (w == "Lettre") title = 1
    }
    END {
	if (first_x < 300) { print "lieu et date à gauche : " first_x; bad = 1 }
	if (last_x < 524.0 || last_x > 524.92) {
		print "lieu et date ne finissent pas à la marge droite : " last_x; bad = 1 }
	if (ns != 2 || sign[1] - sign[2] > 0.5 || sign[2] - sign[1] > 0.5) {
		print "lignes de signature : " ns " à " sign[1] " et " sign[2]; bad = 1 }
	if (title) { print "titre imprimé"; bad = 1 }
	exit bad
    }' "$dir/lettre.html" > "$dir/lettre.out" &&
    pdfinfo "$dir/lettre.pdf" 2> /dev/null | grep -q '^Title: *Lettre de mission$'
then
	ok "pdf : lettre, lieu et date à droite, sans titre imprimé, signatures alignées"
else
	echec "pdf : mise en page de la lettre" "$dir/lettre.out"
fi
