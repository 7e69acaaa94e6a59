#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# Two lgc binaries, before and after a change meant to alter nothing in
# the DOCX but their compression: every golden template (tests/golden)
# with each of its data files, and the examples with each data file,
# built in DOCX by both.  Each pair must give the same diagnostics and
# exit status, and archives that read back the same through Python's
# zipfile: the same entries in the same order, with the same names,
# dates, methods, CRC, sizes, attributes and bytes once inflated, each
# CRC checked.  Prints a line per difference, then the counts and the
# change of the archives' total size; exits 1 on any difference.
#   sh bench/docxcmp.sh AVANT APRES
set -u

if [ $# -ne 2 ]; then
	echo "usage : sh bench/docxcmp.sh LGC_AVANT LGC_APRES" >&2
	exit 2
fi
command -v python3 > /dev/null || { echo "docxcmp : python3 manque" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
before=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
after=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
LGC_PATH=$top/stdlib
LC_ALL=C.UTF-8
export LGC_PATH LC_ALL
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT INT TERM
n=0

# Both builds of TEMPLATE in DIR with the data option OPT.
both() {
	n=$((n + 1))
	(cd "$1" && "$before" build "$2" $3 -f docx > "$w/$n.a" 2> "$w/$n.ae";
	    echo $? >> "$w/$n.ae")
	(cd "$1" && "$after" build "$2" $3 -f docx > "$w/$n.b" 2> "$w/$n.be";
	    echo $? >> "$w/$n.be")
	echo "$n $1/$2 $3" >> "$w/list"
}
for f in $(find "$top/tests/golden" -name '*.lgc' | sort); do
	dir=$(dirname "$f")
	name=$(basename "$f" .lgc)
	both "$dir" "$name.lgc" ""
	for j in "$dir/$name.json" "$dir/$name--"*.json; do
		[ -f "$j" ] && both "$dir" "$name.lgc" "-d $j"
	done
done
for t in "$top"/examples/*/contrat.lgc; do
	d=$(dirname "$t")
	for j in "$d"/donnees/*.json; do
		both "$d" contrat.lgc "-d $j"
	done
done
python3 - "$w" <<'PY'
import io, os, sys, zipfile

w = sys.argv[1]
n = bad = size_a = size_b = 0
def key(i):
    return (i.filename, i.date_time, i.compress_type, i.CRC, i.file_size,
            i.internal_attr, i.external_attr, i.extra, i.comment,
            i.create_system, i.flag_bits)
for line in open(os.path.join(w, "list"), encoding="utf-8"):
    k, what = line.rstrip("\n").split(" ", 1)
    n += 1
    a = open(f"{w}/{k}.a", "rb").read()
    b = open(f"{w}/{k}.b", "rb").read()
    if open(f"{w}/{k}.ae", "rb").read() != open(f"{w}/{k}.be", "rb").read():
        bad += 1
        print("ÉCHEC diagnostics", what)
        continue
    if not a and not b:
        continue
    size_a += len(a)
    size_b += len(b)
    try:
        za, zb = zipfile.ZipFile(io.BytesIO(a)), zipfile.ZipFile(io.BytesIO(b))
        same = (za.testzip() is None and zb.testzip() is None and
                [key(i) for i in za.infolist()] == [key(i) for i in zb.infolist()] and
                all(za.read(x) == zb.read(y)
                    for x, y in zip(za.infolist(), zb.infolist())))
    except zipfile.BadZipFile:
        same = False
    if not same:
        bad += 1
        print("ÉCHEC", what)
print(f"{n} comparés, {bad} différents ; archives {size_a} -> {size_b} octets "
      f"({100 * (size_b - size_a) / max(size_a, 1):+.2f} %)")
sys.exit(1 if bad else 0)
PY
