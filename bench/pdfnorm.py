#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
# A PDF as lgc writes it, every object in place and under its own
# number, with its compressed streams decompressed and what follows from
# their compressed size masked: the /Length of each stream (direct, or
# the object it refers to), the offsets of the cross-reference table or
# stream and startxref.  Two PDFs that differ only in how their streams
# are compressed give the same text (bench/pdfcmp.sh).
#   python3 bench/pdfnorm.py FILE.pdf > FILE.norm
import re
import sys
import zlib

data = open(sys.argv[1], "rb").read()
pos = 0
length_objs = set()
objs = []
obj_re = re.compile(rb"(\d+) 0 obj\n")
# Objects in file order: "N 0 obj" at a line start, up to "endobj".
while True:
    m = obj_re.search(data, pos)
    if m is None:
        break
    if m.start() > 0 and data[m.start() - 1:m.start()] not in (b"\n", b"\r"):
        pos = m.end()
        continue
    start = m.end()
    k = data.find(b"stream\r\n", start)
    e = data.find(b"endobj", start)
    if k != -1 and k < e:
        body = k + len(b"stream\r\n")
    else:
        k = data.find(b"stream\n", start)
        body = k + len(b"stream\n") if k != -1 and k < e else -1
    if body != -1:
        end = data.find(b"endstream", body)
        e = data.find(b"endobj", end)
        objs.append((m.group(1), data[start:k], data[body:end], m.start()))
    else:
        objs.append((m.group(1), data[start:e], None, m.start()))
    pos = e + len(b"endobj")
head_text = data[:objs[0][3]] if objs else data
for num, dic, stream, _ in objs:
    for r in re.finditer(rb"/Length (\d+) 0 R", dic):
        length_objs.add(r.group(1))
res = [head_text]
for num, dic, stream, _ in objs:
    if num in length_objs:
        res.append(b"%s 0 obj <length>\n" % num)
        continue
    d = re.sub(rb"/Length \d+(?! 0 R)", b"/Length <n>", dic)
    if b"/Type /XRef" in d:
        res.append(b"%s 0 obj <xref stream>\n" % num)
        continue
    res.append(b"%s 0 obj\n" % num + d)
    if stream is not None:
        s = stream
        if b"/FlateDecode" in d:
            raw = s[:-1] if s.endswith(b"\n") else s
            try:
                s = zlib.decompress(raw)
            except zlib.error as err:
                s = b"<flux illisible: %s>" % str(err).encode()
        res.append(b"stream\n" + s + b"\nendstream\n")
tail = data[pos:]
# The cross-reference table of an untagged PDF: its offsets masked.
x = tail.find(b"\nxref\n")
if x != -1:
    t = tail[x:]
    t = re.sub(rb"\n\d{10} (\d{5}) ([nf])", rb"\n<offset> \1 \2", t)
    res.append(re.sub(rb"startxref\n\d+", b"startxref\n<n>", t))
sys.stdout.buffer.write(b"".join(res))
