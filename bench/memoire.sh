#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# make bench: memory per item of a client's long list and per turn of two
# nested loops (issue 14), from the peak resident memory that
# /usr/bin/time -v reports, less that of the same template over an empty
# list.  Prints the figures; not a test (the allocator and the machine
# move them a little).
#   - a list of two-field records printed one per list item, at 100,000,
#     200,000 and 400,000 items (a data file is at most 16 Mio: a
#     million such records do not fit), and a list of short texts up to
#     1,000,000 items;
#   - two nested loops over N items (N² turns, one line each, one
#     paragraph), with --limite noeuds raised, and over 2,000 items with
#     the default limits, which stop it with a clear error.
#   SIZES="100000 200000" sh bench/memoire.sh
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
LGC=${LGC:-$top/lgc}
SIZES=${SIZES:-100000 200000 400000}
TEXTS=${TEXTS:-100000 1000000}
NESTED=${NESTED:-500 1000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
LC_ALL=C.UTF-8
export LC_ALL

if [ ! -x "$LGC" ]; then
	echo "bench : $LGC introuvable (make lgc)" >&2
	exit 2
fi
if [ ! -x /usr/bin/time ]; then
	echo "bench mémoire : /usr/bin/time absent (paquet time), rien mesuré"
	exit 0
fi

cat > "$tmp/records.lgc" <<'EOF'
modele "Contrat de prestation"
type prestation = { nom : texte, prix : montant }
entree prestations : liste de prestation
---
# Prestations

{pour chaque p dans prestations}
- {p.nom} : {p.prix}
{fin}
EOF
cat > "$tmp/texts.lgc" <<'EOF'
modele "Contrat de prestation"
entree xs : liste de texte
---
# Liste

{pour chaque x dans xs}
- {x}
{fin}
EOF
cat > "$tmp/nested.lgc" <<'EOF'
modele "Contrat de prestation"
entree xs : liste de texte
---
{pour chaque x dans xs}
{pour chaque y dans xs}
{x} et {y}.
{fin}
{fin}
EOF

# N records, or N texts, as the data file $2.
records() {
	awk -v n="$1" 'BEGIN {
		printf "{\"prestations\": ["
		for (i = 0; i < n; i++)
			printf "%s{\"nom\": \"Prestation %d\", \"prix\": %d}",
			    i ? "," : "", i, 100 + i % 1000
		print "]}"
	}' > "$2"
}
texts() {
	awk -v n="$1" -v p="$3" 'BEGIN {
		printf "{\"xs\": ["
		for (i = 0; i < n; i++)
			printf "%s\"%s%d\"", i ? "," : "", p, i
		print "]}"
	}' > "$2"
}

# Peak resident memory in KiB of lgc building TEMPLATE with DATA into
# $tmp/out.html, extra options after; "echec" when lgc fails.
peak() {
	t=$1 d=$2
	shift 2
	if /usr/bin/time -v -o "$tmp/time" "$LGC" build "$t" -d "$d" \
	    -f html -o "$tmp/out.html" "$@" 2> "$tmp/err" > /dev/null; then
		sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time"
	else
		echo echec
	fi
}

per_item() {
	# (KIB - BASE KiB) / N, in bytes
	echo $(( ($1 - $2) * 1024 / $3 ))
}

records 0 "$tmp/d0.json"
base=$(peak "$tmp/records.lgc" "$tmp/d0.json")
echo "Mémoire par élément d'une liste de fiches { nom, prix }, une puce chacune"
echo "  (mémoire maximale, moins $base Kio pour une liste vide)"
for n in $SIZES; do
	records "$n" "$tmp/d.json"
	kib=$(peak "$tmp/records.lgc" "$tmp/d.json" --limite noeuds=100000000)
	if [ "$kib" = echec ]; then
		echo "  $n éléments : échec ($(head -1 "$tmp/err"))"
		continue
	fi
	echo "  $n éléments : $kib Kio, $(per_item "$kib" "$base" "$n") o par élément"
done

texts 0 "$tmp/t0.json" e
base=$(peak "$tmp/texts.lgc" "$tmp/t0.json")
echo "Mémoire par élément d'une liste de textes courts, une puce chacun"
for n in $TEXTS; do
	texts "$n" "$tmp/t.json" e
	kib=$(peak "$tmp/texts.lgc" "$tmp/t.json" --limite noeuds=100000000)
	if [ "$kib" = echec ]; then
		echo "  $n éléments : échec ($(head -1 "$tmp/err"))"
		continue
	fi
	echo "  $n éléments : $kib Kio, $(per_item "$kib" "$base" "$n") o par élément"
done

texts 0 "$tmp/n0.json" x
base=$(peak "$tmp/nested.lgc" "$tmp/n0.json")
echo "Deux boucles imbriquées sur la même liste (N² tours, un seul paragraphe)"
for n in $NESTED; do
	texts "$n" "$tmp/n.json" x
	kib=$(peak "$tmp/nested.lgc" "$tmp/n.json" --limite noeuds=1000000000 \
	    --limite texte=1G)
	if [ "$kib" = echec ]; then
		echo "  $n × $n : échec ($(head -1 "$tmp/err"))"
		continue
	fi
	out=$(wc -c < "$tmp/out.html")
	echo "  $n × $n : $kib Kio, $(per_item "$kib" "$base" $((n * n))) o par tour," \
	    "HTML de $((out / 1024)) Kio"
done
texts 2000 "$tmp/n.json" x
kib=$(peak "$tmp/nested.lgc" "$tmp/n.json")
if [ "$kib" = echec ]; then
	kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
	echo "  2000 × 2000, limites par défaut : arrêté ($kib Kio) :"
	sed -n '1s/^/    /p' "$tmp/err"
else
	echo "  2000 × 2000, limites par défaut : $kib Kio, sans erreur"
fi
