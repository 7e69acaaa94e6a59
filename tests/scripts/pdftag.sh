# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# The tagged PDF as a screen reader's view of it, for the design example
# and every example contract with each of its data files: poppler says
# « Tagged: yes »; its structure (pdfinfo -struct-text) holds the
# articles' headings as H2 and the text in the order pdftotext reads
# the pages, without the running header and page numbers (artifacts);
# the catalog's /Lang, /MarkInfo, DisplayDocTitle and /PageMode, and
# each link annotation's OBJR in a Link element, read from qpdf's JSON;
# qpdf --check clean; the same bytes twice.  Every check is also run on
# the same contract built --sans-balises, where it must fail, and the
# order check on two different contracts, where it must fail too.
# Environment: LGC (sanitizer build), TOP, TMP.  Prints "ok …",
# "ÉCHEC …" or "sauté … (raison)" per check.
set -u

dir=$TMP/pdftag
mkdir -p "$dir"

ok() { echo "ok $1"; }
echec() { echo "ÉCHEC $1"; [ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/    /' "$2" | head -20; }
saute() { echo "sauté $1 ($2)"; }

for tool in pdfinfo pdftotext qpdf python3; do
	if ! command -v "$tool" > /dev/null 2>&1; then
		saute "pdf balisé : tous les contrôles" "$tool absent"
		exit 0
	fi
done

# The structure's text, one line per element holding text, its type
# first: "H2<TAB>Article 1 – Objet".  pdfinfo prints each element's
# type on a line and its text quoted on the lines under it.
struct_text() {
	pdfinfo -struct-text "$1" 2> /dev/null | awk '
	/^ *"/ { t = $0; sub(/^ *"/, "", t); sub(/"$/, "", t)
		print type "\t" t; next }
	{ type = $1 }'
}

# 1. Tagged: yes, from poppler.
check_tagged() {
	pdfinfo "$1" 2> /dev/null | grep -q '^Tagged: *yes$'
}

# 2. Every article heading pdftotext sees in the body ("Article N – …"
# at the start of a line) is an H2 of the structure, and every H2 that
# names an article is one: same numbers in the same order.  (An
# unnumbered heading, « Préambule », is an H2 too.)
check_headings() {
	pdftotext -layout "$1" - 2> /dev/null |
	    sed -n 's/^ *\(Article [0-9][0-9]*\) – .*/\1/p' > "$dir/h.text"
	struct_text "$1" | awk -F '\t' '$2 ~ /^Article [0-9]+ – / {
		split($2, w, " "); print $1 " " w[1] " " w[2] }' > "$dir/h.all"
	sed -n 's/^H2 //p' "$dir/h.all" > "$dir/h.struct"
	[ -s "$dir/h.text" ] && cmp -s "$dir/h.text" "$dir/h.struct" &&
	    ! grep -qv '^H2 ' "$dir/h.all"
}

# 3. Reading order: the structure's text, spaces left out, is the text
# pdftotext reads in the body (the page without its header and footer,
# y from 62 to 780 points), spaces and line ends left out; the header's
# title and "Page X sur Y" are not in the structure.  Hyphens are left
# out too: pdftotext joins a word cut at a line's end by a hyphen
# (« biomateriaux-|avances » read « biomateriauxavances »), the
# structure keeps it.  The signature block is a table whose two columns
# pdftotext reads line by line across, the structure cell by cell: it
# ends the text of both, and there the structure's cells must hold the
# same characters as pdftotext's end.
check_order() {
	struct_text "$1" > "$dir/o.tree"
	awk -F '\t' '$1 != "TD"' "$dir/o.tree" | cut -f 2- | squeeze > "$dir/o.struct"
	awk -F '\t' '$1 == "TD"' "$dir/o.tree" | cut -f 2- | squeeze > "$dir/o.cells"
	pdftotext -y 62 -H 718 -W 596 "$2" - 2> /dev/null | squeeze > "$dir/o.text"
	[ -s "$dir/o.text" ] && [ -s "$dir/o.struct" ] &&
	    ! grep -q 'Page[0-9]*sur[0-9]' "$dir/o.struct" "$dir/o.cells" &&
	    python3 - "$dir/o.struct" "$dir/o.cells" "$dir/o.text" <<'PY'
import sys
flow, cells, text = (open(f, encoding="utf-8").read() for f in sys.argv[1:4])
sys.exit(not (text.startswith(flow) and
              sorted(text[len(flow):]) == sorted(cells)))
PY
}
# Text without spaces of any kind, line ends and hyphens.
squeeze() {
	python3 -c 'import re, sys
sys.stdout.write(re.sub(r"[\s\u00a0\u202f\-]", "", sys.stdin.read()))'
}

# 4. The catalog and the links, from qpdf's JSON: /Lang (fr-FR),
# /MarkInfo /Marked true, /ViewerPreferences /DisplayDocTitle true,
# /PageMode /UseOutlines (when there is an outline), a /StructTreeRoot
# with a /ParentTree; every link annotation has a /StructParent that
# the parent tree maps to a Link element whose /K holds an OBJR naming
# the annotation, and its text as /Contents (« article 4 »), on a page
# whose tab order is the structure's (/Tabs /S).  Prints the number of
# links checked.
check_catalog() {
	qpdf --json "$1" 2> /dev/null > "$dir/q.json" || return 1
	python3 - "$dir/q.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
objs = j["qpdf"][1]
def get(ref):
    if isinstance(ref, str) and ref.endswith(" R"):
        o = objs.get("obj:" + ref)
        return o.get("value") if o else None
    return ref
bad = []
cat = None
for k, o in objs.items():
    v = o.get("value")
    if isinstance(v, dict) and v.get("/Type") == "/Catalog":
        cat = v
if cat is None:
    sys.exit("pas de catalogue")
if cat.get("/Lang") != "u:fr-FR": bad.append("/Lang : %r" % cat.get("/Lang"))
if get(cat.get("/MarkInfo", {})).get("/Marked") is not True: bad.append("/MarkInfo")
if (get(cat.get("/ViewerPreferences")) or {}).get("/DisplayDocTitle") is not True:
    bad.append("DisplayDocTitle")
if "/Outlines" in cat and cat.get("/PageMode") != "/UseOutlines": bad.append("/PageMode")
root = get(cat.get("/StructTreeRoot"))
if not root or root.get("/Type") != "/StructTreeRoot": sys.exit("; ".join(bad + ["pas de /StructTreeRoot"]))
# The parent tree, leaves and kids, as a dict key -> value.
nums = {}
def walk(node):
    node = get(node)
    a = node.get("/Nums", [])
    for i in range(0, len(a), 2): nums[a[i]] = a[i + 1]
    for kid in node.get("/Kids", []): walk(kid)
walk(root["/ParentTree"])
links = 0
for p in j["pages"]:
    page = get(p["object"])
    for aref in get(page.get("/Annots", [])) or []:
        a = get(aref)
        if a.get("/Subtype") != "/Link": continue
        links += 1
        sp = a.get("/StructParent")
        el = get(nums.get(sp)) if sp is not None else None
        if not el or el.get("/S") != "/Link":
            bad.append("lien %s : pas d'élément Link par /StructParent" % aref); continue
        kids = get(el.get("/K"))
        kids = kids if isinstance(kids, list) else [kids]
        if not any(isinstance(get(k), dict) and get(k).get("/Type") == "/OBJR"
                   and get(k).get("/Obj") == aref for k in kids):
            bad.append("lien %s : pas d'OBJR dans son Link" % aref)
        if page.get("/Tabs") != "/S": bad.append("page sans /Tabs /S")
        c = a.get("/Contents", "")
        if not (isinstance(c, str) and c.startswith("u:") and "article" in c.lower()):
            bad.append("lien %s : /Contents %r" % (aref, c))
if bad: sys.exit("; ".join(bad))
print(links)
PY
}

# The cases: the design example and every example with each data file.
: > "$dir/cases"
echo "exemple|$TOP/tests/golden/exemple|exemple.lgc|exemple--forfait.json" >> "$dir/cases"
for t in "$TOP"/examples/*/contrat.lgc; do
	d=$(dirname "$t")
	for j in "$d"/donnees/*.json; do
		echo "$(basename "$d")--$(basename "$j" .json)|$d|contrat.lgc|donnees/$(basename "$j")" >> "$dir/cases"
	done
done

total_links=0
previous=
while IFS='|' read -r name d lgc data; do
	pdf=$dir/$name.pdf
	(cd "$d" && "$LGC" build "$lgc" -d "$data" -o "$pdf" &&
	    "$LGC" build "$lgc" -d "$data" -o "$dir/$name-2.pdf" &&
	    "$LGC" build "$lgc" -d "$data" --sans-balises \
	    -o "$dir/$name-plat.pdf") > /dev/null 2> "$dir/err"
	if [ ! -s "$pdf" ] || [ ! -s "$dir/$name-plat.pdf" ]; then
		echec "pdf balisé : $name, compilation" "$dir/err"
		continue
	fi
	plat=$dir/$name-plat.pdf
	if check_tagged "$pdf" && ! check_tagged "$plat"; then
		ok "pdf balisé : $name, « Tagged: yes » (et « no » avec --sans-balises)"
	else
		pdfinfo "$pdf" > "$dir/info" 2>&1
		echec "pdf balisé : $name, pdfinfo ne le dit pas balisé" "$dir/info"
	fi
	if check_headings "$pdf" && ! check_headings "$plat"; then
		ok "pdf balisé : $name, $(wc -l < "$dir/h.text") articles en H2 dans la structure"
	else
		check_headings "$pdf"
		diff "$dir/h.text" "$dir/h.struct" > "$dir/diff" 2>&1
		echec "pdf balisé : $name, titres d'articles et H2" "$dir/diff"
	fi
	if check_order "$pdf" "$pdf" && ! check_order "$plat" "$plat" &&
	    { [ -z "$previous" ] || ! check_order "$pdf" "$previous"; }; then
		ok "pdf balisé : $name, texte de la structure dans l'ordre de pdftotext, sans en-tête ni numéros de page"
	else
		check_order "$pdf" "$pdf"
		python3 -c '
import sys
a = open(sys.argv[1], encoding="utf-8", errors="replace").read()
b = open(sys.argv[2], encoding="utf-8", errors="replace").read()
i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
print("structure :", a[max(0, i - 60):i + 60]); print("pdftotext :", b[max(0, i - 60):i + 60])
' "$dir/o.struct" "$dir/o.text" > "$dir/diff" 2>&1
		echec "pdf balisé : $name, ordre de lecture" "$dir/diff"
	fi
	if n=$(check_catalog "$pdf" 2> "$dir/cat.err") &&
	    ! check_catalog "$plat" > /dev/null 2>&1; then
		total_links=$((total_links + n))
		ok "pdf balisé : $name, /Lang fr-FR, /MarkInfo, DisplayDocTitle, signets ouverts, $n lien(s) avec OBJR"
	else
		echec "pdf balisé : $name, catalogue ou liens" "$dir/cat.err"
	fi
	if qpdf --check "$pdf" > "$dir/qpdf" 2>&1 &&
	    ! grep -qi 'warning' "$dir/qpdf"; then
		ok "pdf balisé : $name, qpdf --check sans erreur ni avertissement"
	else
		echec "pdf balisé : $name, qpdf --check" "$dir/qpdf"
	fi
	if cmp -s "$pdf" "$dir/$name-2.pdf" && ! cmp -s "$pdf" "$plat"; then
		ok "pdf balisé : $name, deux compilations, octets identiques"
	else
		echec "pdf balisé : $name, deux compilations diffèrent"
	fi
	previous=$pdf
done < "$dir/cases"
# The examples hold references: their links were checked.
if [ "$total_links" -gt 0 ]; then
	ok "pdf balisé : $total_links liens d'exemples vérifiés (OBJR, /StructParent)"
else
	echec "pdf balisé : aucun lien vérifié dans les exemples"
fi

# A list, the signatures and a reference, element by element.
cat > "$dir/liste.lgc" <<'LGC'
modele "Contrat de test"
entree client : partie "Le client"
entree prestataire : partie "Le prestataire"
---
# Objet {#objet}

Le prestataire :

- livre ;
- facture.

# Fin

Comme le dit l'{ref objet}, tout est dit.

{signatures prestataire, client}
LGC
cat > "$dir/liste.json" <<'JSON'
{"client": {"nom": "Société Martin", "adresse": "Lyon"},
 "prestataire": {"nom": "LeadMotiv SAS", "adresse": "Paris",
  "representant": "M. Julien Marchal", "qualite": "président"}}
JSON
"$LGC" build "$dir/liste.lgc" -d "$dir/liste.json" -o "$dir/liste.pdf" \
    > /dev/null 2> "$dir/err"
pdfinfo -struct-text "$dir/liste.pdf" 2> /dev/null |
    sed 's/Object [0-9]* 0/Object N 0/' > "$dir/liste.tree"
cat > "$dir/liste.want" <<'EOF'
Document
  H1 (block)
    "Contrat de test "
  H2 (block)
    "Article 1 – Objet "
  P (block)
    "Le prestataire : "
  L (block)
    LI (block)
      Lbl (block)
        "– "
      LBody (block)
        "livre ; "
    LI (block)
      Lbl (block)
        "– "
      LBody (block)
        "facture. "
  H2 (block)
    "Article 2 – Fin "
  P (block)
    "Comme le dit l’"
    Link (inline)
      "article 1"
      Object N 0
    ", tout est dit. "
  Table (block)
    TR
      TD
        "LeadMotiv SAS représentée par M. Julien Marchal, président Signature : Date : "
        Form
          Object N 0
      TD
        "Société Martin Signature : Date : "
        Form
          Object N 0
EOF
if diff -u "$dir/liste.want" "$dir/liste.tree" > "$dir/diff"; then
	ok "pdf balisé : titre H1, articles H2, liste L/LI/Lbl/LBody, renvoi Link avec son annotation, signatures Table/TR/TD, le champ de chaque partie un Form dans sa cellule"
else
	echec "pdf balisé : arbre de structure d'un contrat court" "$dir/diff"
fi

# More kids than tags.c puts in one array (TAG_MAX_KIDS, 2048): the
# Document's kids go through Div elements; more keys than one node of
# the parent tree holds (TAG_MAX_NUMS, 1024): through leaves; the
# reading order stays.
{
	printf 'modele "Long"\n---\n# Début {#debut}\n\n'
	i=1
	while [ "$i" -le 2100 ]; do
		printf "Alinéa %d, voir l'{ref debut}.\\n\\n" "$i"
		i=$((i + 1))
	done
} > "$dir/long.lgc"
"$LGC" build "$dir/long.lgc" -o "$dir/long.pdf" > /dev/null 2> "$dir/err"
struct_text "$dir/long.pdf" > "$dir/long.tree"
: > "$dir/qpdf"
if { [ "$(grep -c '^P	Alinéa' "$dir/long.tree")" -eq 2100 ] ||
    ! echo "pas 2 100 alinéas P" > "$dir/qpdf"; } &&
    { check_order "$dir/long.pdf" "$dir/long.pdf" ||
    ! echo "ordre de lecture" > "$dir/qpdf"; } &&
    { pdfinfo -struct-text "$dir/long.pdf" 2> /dev/null | grep -q '^  Div' ||
    ! echo "pas de Div sous le Document" > "$dir/qpdf"; } &&
    n=$(check_catalog "$dir/long.pdf" 2> "$dir/cat.err") && [ "$n" -eq 2100 ] &&
    qpdf --check "$dir/long.pdf" > "$dir/qpdf" 2>&1; then
	ok "pdf balisé : 2 100 alinéas et 2 100 liens, par des Div et un arbre des parents à feuilles, dans l'ordre"
else
	cat "$dir/cat.err" "$dir/err" >> "$dir/qpdf" 2> /dev/null
	echec "pdf balisé : contrat de 2 100 alinéas" "$dir/qpdf"
fi
