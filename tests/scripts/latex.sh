# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The LaTeX backend beyond the golden cases: -o x.tex picks LaTeX,
# --fragment and --preambule, the contract under xelatex and lualatex,
# and hostile client data, which must build and print verbatim.
# Environment: LGC (sanitizer binary), TOP, TMP.  Prints "ok DESC",
# "ÉCHEC DESC" or "sauté DESC (raison)" lines; a machine without TeX
# skips what needs it.
set -u

golden=$TOP/tests/golden/latex
work=$TMP/latex-script
rm -rf "$work"
mkdir -p "$work"

ok() { echo "ok $1"; }
ko() {
	echo "ÉCHEC $1"
	if [ -n "${2:-}" ] && [ -f "$2" ]; then sed 's/^/  /' "$2" | head -25; fi
}
skipped() { echo "sauté $1 ($2)"; }
have() { command -v "$1" > /dev/null 2>&1; }

# tex ENGINE DIR NAME: DIR/NAME.tex compiled twice, as the hook does.
tex() {
	(cd "$2" && for _ in 1 2; do
		"$1" -halt-on-error -no-shell-escape -interaction=nonstopmode \
		    "$3.tex" < /dev/null > "$3.$1.out" 2>&1 || exit 1
	done)
}

# pdf_text DIR NAME: the PDF's text on one line, blanks squeezed.
pdf_text() {
	pdftotext "$1/$2.pdf" - 2> /dev/null | tr -s '[:space:]' ' '
}

# has_all TEXTFILE WANTFILE: every line of WANTFILE occurs in TEXTFILE;
# the missing ones go to $work/missing.
has_all() {
	: > "$work/missing"
	while IFS= read -r want; do
		[ -n "$want" ] || continue
		grep -qF -- "$want" "$1" || echo "absent : $want" >> "$work/missing"
	done < "$2"
	[ ! -s "$work/missing" ]
}

# --- The format follows the output's extension. ---------------------------
if (cd "$golden" && "$LGC" build contrat.lgc -d contrat--forfait.json \
    -o "$work/choisi.tex") > "$work/err" 2>&1 &&
    cmp -s "$work/choisi.tex" "$golden/contrat--forfait.tex"
then ok "latex : -o x.tex choisit le format LaTeX"
else ko "latex : -o x.tex choisit le format LaTeX" "$work/err"; fi

if (cd "$golden" && "$LGC" build contrat.lgc -d contrat--forfait.json \
    -o "$work/CHOISI.TEX") > "$work/err" 2>&1 &&
    cmp -s "$work/CHOISI.TEX" "$golden/contrat--forfait.tex"
then ok "latex : -o X.TEX aussi"
else ko "latex : -o X.TEX aussi" "$work/err"; fi

# --- --fragment: the body, to \input in the agency's own document. --------
(cd "$golden" && "$LGC" build contrat.lgc -d contrat--forfait.json \
    -f latex --fragment) > "$work/fragment.tex" 2> "$work/err"
status=$?
if [ "$status" -eq 0 ] && ! grep -q '^\\documentclass' "$work/fragment.tex" &&
    ! grep -q '^\\usepackage' "$work/fragment.tex" &&
    ! grep -q '\\begin{document}\|\\end{document}' "$work/fragment.tex" &&
    grep -q '^\\lgcarticle{Article 1}{1}{lgc-article-1}{Objet du contrat}$' \
    "$work/fragment.tex" &&
    grep -q '^\\providecommand\\lgcarticle' "$work/fragment.tex"
then ok "latex : --fragment écrit le corps seul"
else ko "latex : --fragment écrit le corps seul" "$work/err"; fi

if have pdflatex && have pdftotext; then
	# A plain host, then one with hyperref whose own \lgcarticle wins.
	mkdir -p "$work/hote"
	cp "$work/fragment.tex" "$work/hote/fragment.tex"
	cat > "$work/hote/simple.tex" <<'EOF'
\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[french]{babel}
\begin{document}
Texte de cette agence avant le contrat.
\input{fragment}
\end{document}
EOF
	cat > "$work/hote/liens.tex" <<'EOF'
\documentclass{report}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[french]{babel}
\usepackage{hyperref}
\newcommand\lgcarticle[4]{\section*{\lgcancre{#2}{#3}AGENCE #1 : #4}}
\begin{document}
\input{fragment}
\end{document}
EOF
	cat > "$work/want" <<'EOF'
Texte de cette agence avant le contrat.
Article 1 – Objet du contrat
Voir aussi l’article 2.
LeadMotiv SAS
EOF
	: > "$work/missing"
	if tex pdflatex "$work/hote" simple &&
	    pdf_text "$work/hote" simple > "$work/text" &&
	    has_all "$work/text" "$work/want"
	then ok "latex : un fragment se compile dans le document d'une agence"
	else ko "latex : un fragment se compile dans le document d'une agence" \
	    "$work/missing"; fi
	printf '%s\n' "AGENCE Article 3 : Rémunération" \
	    "Voir aussi l’article 2." > "$work/want"
	: > "$work/missing"
	if tex pdflatex "$work/hote" liens &&
	    pdf_text "$work/hote" liens > "$work/text" &&
	    has_all "$work/text" "$work/want" &&
	    ! grep -q 'undefined references' "$work/hote/liens.log"
	then ok "latex : les commandes lgc se redéfinissent (fragment, hyperref)"
	else ko "latex : les commandes lgc se redéfinissent (fragment, hyperref)" \
	    "$work/missing"; fi
else
	skipped "latex : fragment compilé dans un document hôte" \
	    "pdflatex ou pdftotext absent"
fi

# --- --preambule: the agency's preamble instead of lgc's. -----------------
mkdir -p "$work/pre"
cat > "$work/pre/agence.tex" <<'EOF'
\documentclass[a4paper]{report}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[french]{babel}
\newcommand\lgcsousarticle[4]{\subsection*{\lgcancre{#2}{#3}SOUS #1}}
\newcommand\lgcarticle[4]{\section*{\lgcancre{#2}{#3}PRÉAMBULE AGENCE #1 #4}}
EOF
(cd "$golden" && "$LGC" build contrat.lgc -d contrat--forfait.json \
    --preambule "$work/pre/agence.tex" -o "$work/pre/contrat.tex") \
    > "$work/err" 2>&1
status=$?
pre=$work/pre/contrat.tex
if [ "$status" -eq 0 ] &&
    [ "$(sed -n 6p "$pre")" = '\documentclass[a4paper]{report}' ] &&
    ! grep -q 'fancyhdr\|\\documentclass\[a4paper,11pt\]' "$pre" &&
    grep -q '^\\begin{document}$' "$work/pre/contrat.tex" &&
    grep -q '^\\end{document}$' "$work/pre/contrat.tex"
then ok "latex : --preambule remplace le préambule"
else ko "latex : --preambule remplace le préambule" "$work/err"; fi

if have pdflatex && have pdftotext; then
	printf '%s\n' "PRÉAMBULE AGENCE Article 1 Objet du contrat" \
	    "Voir aussi l’article 2." > "$work/want"
	: > "$work/missing"
	if tex pdflatex "$work/pre" contrat &&
	    pdf_text "$work/pre" contrat > "$work/text" &&
	    has_all "$work/text" "$work/want"
	then ok "latex : un contrat au préambule de l'agence se compile"
	else ko "latex : un contrat au préambule de l'agence se compile" \
	    "$work/missing"; fi
else
	skipped "latex : contrat au préambule de l'agence compilé" \
	    "pdflatex ou pdftotext absent"
fi

rm -f "$work/absent.tex"
(cd "$golden" && "$LGC" build contrat.lgc -d contrat--forfait.json \
    --preambule "$work/nulle-part.tex" -o "$work/absent.tex") \
    > "$work/err" 2>&1
status=$?
if [ "$status" -eq 2 ] && [ ! -e "$work/absent.tex" ] &&
    grep -q "nulle-part.tex" "$work/err"
then ok "latex : --preambule absent : erreur, rien d'écrit"
else ko "latex : --preambule absent : erreur, rien d'écrit" "$work/err"; fi

# --- The contract under xelatex and lualatex. -----------------------------
cat > "$work/want" <<'EOF'
Contrat de prestation de génération de prospects
Article 1 – Objet du contrat
entre Œuvres & Prospects_SAS, ci-après « le Prestataire », et Cabinet « Leroy » {100 % ~ $}, ci-après « le Client ».
d’au moins 15 000 prospects qualifiés
Article 4 – Confidentialité
Voir aussi l’article 2.
représentée par M. Jean-Éric Dupré, Gérant
Page 1 sur 1
EOF
for engine in xelatex lualatex; do
	desc="latex : le contrat se compile avec $engine"
	if ! have "$engine" || ! have pdftotext; then
		skipped "$desc" "$engine ou pdftotext absent"
		continue
	fi
	mkdir -p "$work/$engine"
	cp "$golden/contrat--commission-garantie.tex" "$work/$engine/contrat.tex"
	: > "$work/missing"
	if tex "$engine" "$work/$engine" contrat &&
	    pdf_text "$work/$engine" contrat > "$work/text" &&
	    has_all "$work/text" "$work/want"
	then ok "$desc"
	else
		[ -s "$work/missing" ] ||
		    grep -A5 '^!' "$work/$engine/contrat.log" > "$work/missing"
		ko "$desc" "$work/missing"
	fi
done

# --- Hostile data: TeX commands, every ASCII punctuation character and
# --- characters no font has come out as text, and the PDF still builds.
pwned=/tmp/lgc-pwned-$$
rm -f "$pwned"
mkdir -p "$work/hostile"
cat > "$work/hostile/hostile.lgc" <<'EOF'
modele "Données hostiles"
titre "Contrat {a}"
langue fr

entree a : texte
entree b : texte
entree c : texte
entree d : texte
entree e : texte
entree f : texte
entree g : texte
entree h : texte
entree p : partie
---
# Données {#donnees}

{a}

{b}

{c}

{d}

{e}

{f}

{g}

{h}

Voir l'{ref donnees}.

{signatures p}
EOF
sed "s|PWNED|$pwned|" > "$work/hostile/hostile.json" <<'EOF'
{
  "a": "\\input{/etc/passwd}",
  "b": "\\write18{touch PWNED}",
  "c": "\\catcode`\\{=12 \\catcode 92=12",
  "d": "^^5c^^5cinput{/etc/passwd}",
  "e": "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
  "f": "\\end{document} \\makeatletter\\def\\@x{} $$ x $$ #1 ## %",
  "g": "a--b---c ,,d <<e>> ``f''",
  "h": "e\u0301 x\u202Fy\u2009z \u2212 a\u2011b c\u200Bd \uFEFF",
  "p": {"nom": "\\textbf{x} & {y}", "adresse": "%", "representant": "$\\alpha$", "qualite": "#1 ~"}
}
EOF
# What the PDF must show; lgc itself turns ' into ’ (French typography).
sed "s|PWNED|$pwned|" > "$work/hostile/want" <<'EOF'
Contrat \input{/etc/passwd}
Article 1 – Données
\write18{touch PWNED}
\catcode`\{=12 \catcode 92=12
^^5c^^5cinput{/etc/passwd}
!"#$%&’()*+,-./:;<=>?@[\]^_`{|}~
\end{document} \makeatletter\def\@x{} $$ x $$ #1 ## %
a--b---c,,d <<e>> ``f’’
é
Voir l’article 1.
\textbf{x} & {y}
représentée par $\alpha$, #1 ~
Page 1 sur 1
EOF
(cd "$work/hostile" && "$LGC" build hostile.lgc -d hostile.json \
    --guillemets-droits -o hostile.tex) > "$work/err" 2>&1
status=$?
if [ "$status" -eq 0 ] &&
    ! grep -qF '\input{/etc/passwd}' "$work/hostile/hostile.tex" &&
    ! grep -qF '\write18{' "$work/hostile/hostile.tex" &&
    ! grep -qF '\catcode' "$work/hostile/hostile.tex" &&
    ! grep -qF '^^5c' "$work/hostile/hostile.tex" &&
    ! grep -qF '\textbf{x}' "$work/hostile/hostile.tex"
then ok "latex : données hostiles échappées dans le .tex"
else ko "latex : données hostiles échappées dans le .tex" "$work/err"; fi

for engine in pdflatex xelatex lualatex; do
	desc="latex : données hostiles : le PDF se construit ($engine)"
	desc="$desc et les montre telles quelles"
	if ! have "$engine" || ! have pdftotext; then
		skipped "$desc" "$engine ou pdftotext absent"
		continue
	fi
	mkdir -p "$work/hostile/$engine"
	cp "$work/hostile/hostile.tex" "$work/hostile/$engine/"
	: > "$work/missing"
	if tex "$engine" "$work/hostile/$engine" hostile &&
	    pdf_text "$work/hostile/$engine" hostile > "$work/text" &&
	    has_all "$work/text" "$work/hostile/want" && [ ! -e "$pwned" ]
	then ok "$desc"
	else
		[ -s "$work/missing" ] ||
		    grep -A5 '^!' "$work/hostile/$engine/hostile.log" > "$work/missing"
		[ -e "$pwned" ] &&
		    echo "$pwned existe : commande exécutée" >> "$work/missing"
		ko "$desc" "$work/missing"
	fi
done
rm -f "$pwned"

# --- Names in any script (issue 13, point 1). -----------------------------
# Without --moteur the .tex is for the three engines: a value pdflatex
# cannot print is an error, once per value, with its JSON path, and
# nothing is written.  With --moteur xelatex (or lualatex) lgc finds a
# font for each character through fontconfig and the names are printed.
mkdir -p "$work/noms"
cat > "$work/noms/noms.lgc" <<'EOF'
modele "Noms"
titre "Contrat"
langue fr

entree client : partie
entree autres : liste de texte
---
# Parties

Le client est {client.nom}, représenté par {client.representant} ; encore {client.nom}.

{pour chaque a dans autres}
- {a}
{fin}

{signatures client}
EOF
cat > "$work/noms/noms.json" <<'EOF'
{"client": {"nom": "王小明", "representant": "محمد علي", "qualite": "Gérant",
  "adresse": "1 rue de Paris"},
 "autres": ["Ωμέγα Α.Ε.", "ＦＵＬＬ", "Жуков", "שלום"]}
EOF
rm -f "$work/noms/noms.tex"
(cd "$work/noms" && "$LGC" build noms.lgc -d noms.json -o noms.tex) \
    > "$work/err" 2>&1
status=$?
if [ "$status" -eq 1 ] && [ ! -e "$work/noms/noms.tex" ] &&
    [ "$(grep -c 'pdflatex ne sait pas imprimer' "$work/err")" -eq 6 ] &&
    grep -q 'chemin JSON.*: client\.nom$' "$work/err" &&
    grep -q 'chemin JSON.*: client\.representant$' "$work/err" &&
    grep -q 'chemin JSON.*: autres\[3\]$' "$work/err" &&
    grep -q -- '--moteur xelatex' "$work/err"
then ok "latex : un nom que pdflatex n'imprime pas : une erreur par valeur, rien d'écrit"
else ko "latex : un nom que pdflatex n'imprime pas : une erreur par valeur, rien d'écrit" "$work/err"; fi

(cd "$work/noms" && "$LGC" build noms.lgc -d noms.json --moteur xelatex \
    -o noms.tex) > "$work/err" 2>&1
status=$?
if [ "$status" -eq 0 ] && grep -q '^\\newfontfamily\\lgcpolice' "$work/noms/noms.tex" &&
    grep -q '\\lgcrtl{' "$work/noms/noms.tex"
then ok "latex : --moteur xelatex : une police pour chaque écriture"
else ko "latex : --moteur xelatex : une police pour chaque écriture" "$work/err"; fi
printf '%s\n' "王小明" "محمد علي" "Ωμέγα" "FULL" "Жуков" "שלום" > "$work/noms/want"
for engine in xelatex lualatex; do
	desc="latex : --moteur : les noms s'impriment avec $engine"
	if ! have "$engine" || ! have pdftotext || ! have python3; then
		skipped "$desc" "$engine, pdftotext ou python3 absent"
		continue
	fi
	mkdir -p "$work/noms/$engine"
	cp "$work/noms/noms.tex" "$work/noms/$engine/"
	: > "$work/missing"
	# Arabic comes out in presentation forms: compared after NFKC,
	# without the direction marks pdftotext adds.
	if tex "$engine" "$work/noms/$engine" noms &&
	    pdftotext "$work/noms/$engine/noms.pdf" - 2> /dev/null |
	    python3 -c 'import sys, unicodedata
t = unicodedata.normalize("NFKC", sys.stdin.read())
for c in "\u202a\u202b\u202c\u200e\u200f":
    t = t.replace(c, "")
sys.stdout.write(t)' > "$work/text" &&
	    has_all "$work/text" "$work/noms/want" &&
	    ! grep -q 'U+' "$work/text" &&
	    ! grep -q 'Missing character' "$work/noms/$engine/noms.log"
	then ok "$desc"
	else
		[ -s "$work/missing" ] ||
		    grep -A5 '^!\|Missing character' "$work/noms/$engine/noms.log" > "$work/missing"
		ko "$desc" "$work/missing"
	fi
done

# --- The outline, links and language of lgc's PDF, with every engine. -----
for engine in pdflatex xelatex lualatex; do
	desc="latex : signets, liens et langue du PDF ($engine)"
	if ! have "$engine" || ! have qpdf; then
		skipped "$desc" "$engine ou qpdf absent"
		continue
	fi
	mkdir -p "$work/pdf-$engine"
	cp "$golden/contrat--forfait.tex" "$work/pdf-$engine/contrat.tex"
	: > "$work/missing"
	if tex "$engine" "$work/pdf-$engine" contrat &&
	    qpdf --json --json-key=outlines "$work/pdf-$engine/contrat.pdf" \
	    > "$work/outlines" 2>&1 &&
	    qpdf --qdf --object-streams=disable "$work/pdf-$engine/contrat.pdf" \
	    "$work/pdf-$engine/qdf.pdf" 2>> "$work/missing"; then
		for t in "Article 1 – Objet du contrat" "Article 5 – Résiliation"; do
			grep -qF "\"title\": \"$t\"" "$work/outlines" ||
			    echo "signet absent : $t" >> "$work/missing"
		done
		grep -aq '/Lang (fr-FR)' "$work/pdf-$engine/qdf.pdf" ||
		    echo "langue absente (/Lang)" >> "$work/missing"
		grep -aq '/Subtype /Link' "$work/pdf-$engine/qdf.pdf" ||
		    echo "aucun lien" >> "$work/missing"
	else
		echo "compilation ou qpdf en échec" >> "$work/missing"
	fi
	if [ ! -s "$work/missing" ]; then ok "$desc"; else ko "$desc" "$work/missing"; fi
done

# --- Layout as lgc's PDF: no running header on page 1, dashes, lists as
# --- tight (pages within one of the PDF's).
if have pdflatex && have pdftotext && have pdfinfo; then
	mkdir -p "$work/liste"
	{
		printf 'modele "Liste"\ntitre "Liste longue"\nlangue fr\n---\n# Éléments\n\n'
		i=1
		while [ $i -le 400 ]; do
			echo "- élément numéro $i de la liste, avec un peu de texte ;"
			i=$((i + 1))
		done
	} > "$work/liste/liste.lgc"
	"$LGC" build "$work/liste/liste.lgc" -o "$work/liste/liste.tex" 2> "$work/err"
	"$LGC" build "$work/liste/liste.lgc" -o "$work/liste/lgc.pdf" 2>> "$work/err"
	: > "$work/missing"
	if tex pdflatex "$work/liste" liste && [ -s "$work/liste/lgc.pdf" ]; then
		tp=$(pdfinfo "$work/liste/liste.pdf" | sed -n 's/^Pages: *//p')
		lp=$(pdfinfo "$work/liste/lgc.pdf" | sed -n 's/^Pages: *//p')
		if [ "$tp" -lt $((lp - 1)) ] || [ "$tp" -gt $((lp + 1)) ]; then
			echo "pages : LaTeX $tp, PDF de lgc $lp" >> "$work/missing"
		fi
		[ "$(pdftotext -f 1 -l 1 "$work/liste/liste.pdf" - | grep -c 'Liste longue')" -eq 1 ] ||
		    echo "en-tête courant sur la page 1" >> "$work/missing"
		[ "$(pdftotext -f 2 -l 2 "$work/liste/liste.pdf" - | grep -c 'Liste longue')" -eq 1 ] ||
		    echo "pas d'en-tête courant sur la page 2" >> "$work/missing"
		pdftotext "$work/liste/liste.pdf" - | grep -q '^– élément numéro 1 ' ||
		    echo "puce autre que le tiret –" >> "$work/missing"
	else
		cat "$work/err" >> "$work/missing"
		echo "compilation en échec" >> "$work/missing"
	fi
	if [ ! -s "$work/missing" ]; then ok "latex : listes et en-tête mis en page comme le PDF"
	else ko "latex : listes et en-tête mis en page comme le PDF" "$work/missing"; fi
else
	skipped "latex : listes et en-tête mis en page comme le PDF" \
	    "pdflatex, pdftotext ou pdfinfo absent"
fi

# --- A paragraph longer than pdflatex's line buffer (buf_size, 200,000
# --- bytes): a 200 KB client text, and a 30,000-character token without
# --- spaces, come out as source lines TeX can read, and print whole.
mkdir -p "$work/long"
printf 'modele "Texte long"\nentree texte : texte "Texte"\nentree jeton : texte "Jeton"\n---\n# Objet\n\nDébut {texte} Milieu {jeton} Fin.\n' \
    > "$work/long/long.lgc"
awk 'BEGIN {
	split("prestation société l’audit 100\\u00a0% {accolade} $dollar #dièse \\\\barre _souligné ^chapeau ~tilde & n°", w, " ")
	t = ""; n = 0
	while (length(t) < 205000) { t = t (n ? " " : "") w[n % 13 + 1] n; n++ }
	k = ""; for (i = 0; i < 30000; i++) k = k substr("abcdefghij%$&", i % 13 + 1, 1)
	printf "{\"texte\": \"%s\", \"jeton\": \"%s\"}\n", t, k > "/dev/stdout"
	gsub(/\\u00a0/, " ", t); gsub(/\\\\/, "\\", t)
	printf "Début %s Milieu %s Fin.\n", t, k > "/dev/stderr"
}' > "$work/long/long.json" 2> "$work/long/want"
"$LGC" build "$work/long/long.lgc" -d "$work/long/long.json" \
    -o "$work/long/long.tex" 2> "$work/err"
if [ -s "$work/long/long.tex" ] &&
    [ "$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$work/long/long.tex")" -le 4096 ]
then ok "latex : un texte de 200 Ko est écrit en lignes de 4 Kio au plus"
else ko "latex : un texte de 200 Ko est écrit en lignes de 4 Kio au plus" "$work/err"; fi
if have pdflatex && have pdftotext; then
	# Blanks, the running title and page numbers aside, the PDF's text
	# is the data's, character for character (hyphens aside too: TeX
	# hyphenates the words, the data has none).
	strip() {
		LC_ALL=C sed 's/\xc2\xa0//g; s/\xe2\x80\xaf//g' | LC_ALL=C tr -d ' \n\t\f-'
	}
	if (cd "$work/long" && pdflatex -halt-on-error -no-shell-escape \
	    -interaction=nonstopmode long.tex < /dev/null > long.console 2>&1) &&
	    pdftotext "$work/long/long.pdf" - | tr -d '\f' |
	    grep -v -x 'Texte long' | grep -v '^Page [0-9]* sur' | strip > "$work/long/got" &&
	    strip < "$work/long/want" > "$work/long/want1" &&
	    [ -s "$work/long/want1" ] && grep -qF -f "$work/long/want1" "$work/long/got"
	then ok "latex : un texte de 200 Ko se compile sous pdflatex et s'imprime en entier"
	else ko "latex : un texte de 200 Ko se compile sous pdflatex et s'imprime en entier" \
	    "$work/long/long.console"; fi
else
	skipped "latex : un texte de 200 Ko se compile sous pdflatex" \
	    "pdflatex ou pdftotext absent"
fi
