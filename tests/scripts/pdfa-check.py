#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
"""Checks of lgc's PDF read from the file itself, for tests/scripts/pdfa.sh.

No PDF/A validator can be installed here (veraPDF is in neither Debian nor
npm), so each clause of ISO 19005-1 (PDF/A-1) that can be checked from
the file is checked on what qpdf's JSON (qpdf --json, the whole object
graph, streams decoded) and poppler (pdfinfo, pdffonts, pdftotext) read
of it.  Each check prints "ok …" or "ÉCHEC …"; the clause is in the
line.

    pdfa-check.py signatures PDF QPDF.json BBOX.html NAME…
        the signature fields: one per expected NAME, in order, /FT /Sig,
        printable, an appearance, each over its party's place to sign in
        the signature block as pdftotext -bbox lays it out: its left edge
        on the column of the « Date : » under it, right under the label
        line above, and no word of the page inside it
    pdfa-check.py pdfjs PDF QPDF.json PDFJS.txt
        the fields pdf.js reads (tests/pdfjs/champs.js) are qpdf's
    pdfa-check.py pdfa PDF QPDF.json INFO.txt META.xml FONTS.txt
        the PDF/A-1b clauses listed in check_pdfa
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

PAGE_H = 841.89
FAILED = False


def ok(label):
    print("ok " + label)


def fail(label, why=""):
    global FAILED
    FAILED = True
    print("ÉCHEC " + label)
    if why:
        print("    " + str(why)[:400])


def check(cond, label, why=""):
    if cond:
        ok(label)
    else:
        fail(label, why)


class Objects:
    """qpdf --json (version 2): the objects by "N 0 R", streams with
    their dictionary and, with --decode-level, their data in base64
    (--json-stream-data=inline)."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.doc = json.load(f)
        self.objs = {}
        for key, val in self.doc["qpdf"][1].items():
            if key.startswith("obj:"):
                self.objs[key[4:]] = val
        self.trailer = self.doc["qpdf"][1]["trailer"]["value"]

    def get(self, ref):
        """The value of REF ("12 0 R"), a stream as its dict."""
        o = self.objs.get(ref)
        if o is None:
            return None
        if "stream" in o:
            return o["stream"]["dict"]
        return o.get("value")

    def stream(self, ref):
        return self.objs.get(ref, {}).get("stream")

    def deref(self, v):
        if isinstance(v, str) and re.fullmatch(r"\d+ \d+ R", v):
            return self.get(v)
        return v

    def catalog(self):
        return self.get(self.trailer["/Root"])

    def walk(self):
        """Every dictionary in the file, with its object's reference."""
        def rec(v, ref):
            if isinstance(v, dict):
                yield ref, v
                for w in v.values():
                    yield from rec(w, ref)
            elif isinstance(v, list):
                for w in v:
                    yield from rec(w, ref)
        for ref, o in self.objs.items():
            yield from rec(o["stream"]["dict"] if "stream" in o
                           else o.get("value"), ref)
        yield from rec(self.trailer, "trailer")


def text(v):
    """A PDF string as qpdf's JSON gives it: "u:…" (Unicode) or "b:…"."""
    if isinstance(v, str) and v[:2] in ("u:", "b:"):
        return v[2:] if v[0] == "u" else bytes.fromhex(v[2:]).decode(
            "latin-1")
    return v


def words(bbox):
    """pdftotext -bbox: per page (from 1), (xMin, yMin, xMax, yMax, word)."""
    pages, cur = [], None
    with open(bbox, encoding="utf-8") as f:
        for line in f:
            if "<page " in line:
                cur = []
                pages.append(cur)
            m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" '
                          r'xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
            if m and cur is not None:
                cur.append((float(m[1]), float(m[2]), float(m[3]),
                            float(m[4]), m[5]))
    return pages


def check_signatures(pdf, qjson, bbox, names):
    q = Objects(qjson)
    form = q.doc["acroform"]
    fields = form["fields"]
    got = [f["fullname"] for f in fields]
    check(got == names, f"{pdf} : champs de signature {names}",
          f"qpdf lit {got}")
    check(form["hasacroform"] and not form["needappearances"],
          f"{pdf} : AcroForm sans NeedAppearances (ISO 19005-1, 6.9)")
    pages = words(bbox)
    for f in fields:
        name = f["fullname"]
        label = f"{pdf} : {name}"
        w = q.get(f["object"])
        check(f["fieldtype"] == "/Sig" and f["value"] is None,
              f"{label} : champ de signature (/FT /Sig) non signé")
        check(w.get("/Subtype") == "/Widget" and w.get("/F", 0) & 4 and
              not w.get("/F", 0) & (1 | 2 | 32),
              f"{label} : widget imprimable, ni caché ni invisible "
              "(6.5.3)", w.get("/F"))
        check("/A" not in w and "/AA" not in w,
              f"{label} : ni action ni action additionnelle (6.9)")
        ap = q.deref(w.get("/AP", {})).get("/N") if "/AP" in w else None
        apdata = q.stream(ap) if isinstance(ap, str) else None
        check(apdata is not None and apdata.get("data", "") == "",
              f"{label} : apparence normale vide (la page ne change pas)",
              w.get("/AP"))
        page = q.get(w["/P"]) if "/P" in w else None
        annots = q.deref(page.get("/Annots", [])) if page else []
        check(f["object"] in annots, f"{label} : annotation de sa page /P")
        x0, y0, x1, y1 = (float(v) for v in w["/Rect"])
        top, bottom = PAGE_H - y1, PAGE_H - y0
        pw = pages[f["pageposfrom1"] - 1]
        # The « Date : » of its column, just under the signing rule.
        dates = [wd for wd in pw if wd[4] == "Date" and
                 abs(wd[0] - x0) < 1.5 and 0 <= wd[1] - bottom < 25]
        # The label line over the place to sign, right above it.
        above = [wd for wd in pw if abs(wd[0] - x0) < 1.5 and
                 0 <= top - wd[3] < 8]
        inside = [wd[4] for wd in pw if wd[2] > x0 + 0.5 and
                  wd[0] < x1 - 0.5 and wd[3] > top + 0.5 and
                  wd[1] < bottom - 0.5]
        check(len(dates) == 1 and len(above) >= 1 and not inside and
              x1 - x0 > 150 and 30 < y1 - y0 < 80 and
              70.8 <= x0 and x1 <= 524.5,
              f"{label} : rectangle [{x0:.1f} {y0:.1f} {x1:.1f} {y1:.1f}] "
              f"page {f['pageposfrom1']} sur la place de la signature",
              f"Date dessous : {dates}, ligne dessus : {above}, mots "
              f"dedans : {inside}")


def check_pdfjs(pdf, qjson, pdfjs_txt):
    """The fields pdf.js reads (tests/pdfjs/champs.js) are those qpdf
    reads: the same names in the same order, signature fields, on the
    same pages, with the same rectangles."""
    q = Objects(qjson)
    want = []
    for f in q.doc["acroform"]["fields"]:
        w = q.get(f["object"])
        want.append((f["fullname"], "signature", "Sig",
                     f["pageposfrom1"],
                     tuple(round(float(v), 1) for v in w["/Rect"])))
    got = []
    with open(pdfjs_txt, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) == 8:
                got.append((p[0], p[1], p[2], int(p[3]),
                            tuple(round(float(v), 1) for v in p[4:])))
    check(want and got == want, f"{pdf} : pdf.js lit les mêmes champs de "
          f"signature, pages et rectangles que qpdf ({len(got)})",
          f"pdf.js {got}, qpdf {want}")


FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm",
                     "/ImportData", "/JavaScript", "/SetState", "/NoOp",
                     "/Hide", "/Rendition", "/Trans", "/GoTo3DView",
                     "/SubmitForm"}
ANNOTS = {"/Text", "/Link", "/FreeText", "/Line", "/Square", "/Circle",
          "/Polygon", "/PolyLine", "/Highlight", "/Underline",
          "/Squiggly", "/StrikeOut", "/Stamp", "/Caret", "/Ink", "/Popup",
          "/Widget", "/PrinterMark", "/TrapNet"}


def check_pdfa(pdf, qjson, info_txt, meta_xml, fonts_txt):
    q = Objects(qjson)
    cat = q.catalog()
    with open(pdf, "rb") as f:
        head = f.read(64)
    lines = head.split(b"\n")
    # 6.1.2: %PDF-1.n, then a comment of at least four bytes over 127.
    check(re.fullmatch(rb"%PDF-1\.[0-4]", lines[0]) is not None and
          lines[1][:1] == b"%" and
          sum(b > 127 for b in lines[1][1:5]) == 4,
          f"{pdf} : en-tête %PDF-1.4 et commentaire binaire (6.1.2)",
          lines[:2])
    # 6.1.3: a trailer /ID, no /Encrypt.
    ident = q.trailer.get("/ID")
    check(isinstance(ident, list) and len(ident) == 2 and
          "/Encrypt" not in q.trailer,
          f"{pdf} : /ID dans le trailer, pas de chiffrement (6.1.3)", ident)
    # 6.1.11, 6.1.13: no embedded files, no optional content.
    names = q.deref(cat.get("/Names", {})) or {}
    check("/EmbeddedFiles" not in names and "/OCProperties" not in cat,
          f"{pdf} : ni fichiers incorporés ni contenu optionnel "
          "(6.1.11, 6.1.13)")
    # 6.2.2: one PDF/A output intent, its profile ICC, RGB, version 2.
    intents = [q.deref(i) for i in q.deref(cat.get("/OutputIntents", []))]
    good = False
    why = intents
    if len(intents) == 1 and intents[0].get("/S") == "/GTS_PDFA1":
        prof = q.stream(intents[0].get("/DestOutputProfile"))
        if prof is not None:
            import base64
            data = base64.b64decode(prof.get("data", ""))
            good = (prof["dict"].get("/N") == 3 and len(data) > 128 and
                    data[36:40] == b"acsp" and data[16:20] == b"RGB " and
                    data[8] == 2 and
                    int.from_bytes(data[:4], "big") == len(data))
            why = (prof["dict"], data[:40])
    check(good, f"{pdf} : intention de sortie GTS_PDFA1, profil ICC RVB "
          "version 2 (6.2.2, 6.2.3.3)", why)
    # 6.2.? / 6.4: no transparency: no soft mask, no alpha other than 1,
    # no blend mode but Normal, no transparency group.
    bad = []
    for ref, d in q.walk():
        if "/SMask" in d and d["/SMask"] != "/None":
            bad.append((ref, "/SMask"))
        for k in ("/CA", "/ca"):
            if k in d and float(d[k]) != 1.0:
                bad.append((ref, k))
        if d.get("/BM") not in (None, "/Normal", "/Compatible"):
            bad.append((ref, "/BM"))
        if d.get("/S") == "/Transparency":
            bad.append((ref, "groupe"))
    check(not bad, f"{pdf} : aucune transparence (6.4)", bad)
    # 6.3.4: every font embedded (poppler and the descriptors).
    with open(fonts_txt, encoding="utf-8") as f:
        rows = f.read().splitlines()[2:]
    emb = [r.split()[-5] for r in rows if r.strip()]
    check(rows and all(e == "yes" for e in emb),
          f"{pdf} : polices toutes incorporées, pdffonts (6.3.4)", rows)
    descs = [d for _, d in q.walk() if d.get("/Type") == "/FontDescriptor"]
    check(descs and all(any(k in d for k in ("/FontFile", "/FontFile2",
                                             "/FontFile3")) for d in descs),
          f"{pdf} : chaque FontDescriptor a son programme (6.3.4)")
    # 6.3.7: non-symbolic TrueType fonts in WinAnsiEncoding or
    # MacRomanEncoding, or based on it (other code pages).
    tt = [d for _, d in q.walk() if d.get("/Subtype") == "/TrueType" and
          d.get("/Type") == "/Font"]
    badenc = []
    for d in tt:
        desc = q.deref(d.get("/FontDescriptor")) or {}
        if desc.get("/Flags", 0) & 4:
            continue
        enc = q.deref(d.get("/Encoding"))
        if isinstance(enc, dict):
            # Differences: glyph names of the Adobe Glyph List, which
            # .notdef is not.
            if "/.notdef" in enc.get("/Differences", []):
                badenc.append((d.get("/BaseFont"), enc))
            enc = enc.get("/BaseEncoding")
        if enc not in ("/WinAnsiEncoding", "/MacRomanEncoding"):
            badenc.append((d.get("/BaseFont"), d.get("/Encoding")))
    check(tt and not badenc, f"{pdf} : codage des TrueType non "
          "symboliques WinAnsi ou MacRoman (6.3.7)", badenc)
    # 6.5.2, 6.5.3: annotations of allowed types, printable, not hidden.
    badann = []
    for ref, d in q.walk():
        if d.get("/Type") == "/Annot" or (d.get("/Subtype") in ANNOTS and
                                          "/Rect" in d):
            f = d.get("/F", 0)
            if d.get("/Subtype") not in ANNOTS or not f & 4 or \
                    f & (1 | 2 | 32) or float(d.get("/CA", 1)) != 1:
                badann.append((ref, d.get("/Subtype"), f))
    check(not badann, f"{pdf} : annotations permises, imprimables, "
          "visibles (6.5.2, 6.5.3)", badann)
    # 6.6.1, 6.6.2: no forbidden action, no JavaScript, no additional
    # actions.
    badact = [(ref, d.get("/S")) for ref, d in q.walk()
              if d.get("/S") in FORBIDDEN_ACTIONS or "/JS" in d or
              "/AA" in d]
    check(not badact and "/JavaScript" not in names,
          f"{pdf} : ni action interdite, ni JavaScript, ni /AA "
          "(6.6.1, 6.6.2)", badact)
    # 6.7.2: the XMP in the catalog, a /Metadata stream, unfiltered.
    m = q.stream(cat.get("/Metadata"))
    check(m is not None and m["dict"].get("/Type") == "/Metadata" and
          m["dict"].get("/Subtype") == "/XML" and
          "/Filter" not in m["dict"],
          f"{pdf} : métadonnées XMP du catalogue, non filtrées (6.7.2)",
          m and m["dict"])
    with open(meta_xml, "rb") as f:
        raw = f.read()
    # 6.7.5: no bytes= nor encoding= in the packet's header.
    header = raw[:raw.find(b"?>") + 2]
    check(raw.startswith(b"<?xpacket begin=") and b"bytes=" not in header
          and b"encoding=" not in header,
          f"{pdf} : en-tête du paquet XMP (6.7.5)", header)
    try:
        root = ET.fromstring(raw[raw.find(b"<x:xmpmeta"):
                                 raw.rfind(b"</x:xmpmeta>") + 12])
    except ET.ParseError as e:
        fail(f"{pdf} : XMP bien formé (6.7.2)", e)
        return
    ns = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
          "dc": "http://purl.org/dc/elements/1.1/",
          "xmp": "http://ns.adobe.com/xap/1.0/",
          "pdf": "http://ns.adobe.com/pdf/1.3/",
          "pdfaid": "http://www.aiim.org/pdfa/ns/id/"}

    def prop(path):
        e = root.find(".//rdf:Description/" + path, ns)
        return e.text if e is not None else None
    # 6.7.11: the PDF/A identification: level A with the structure tree
    # a tagged PDF has (the default), level B without.
    level = "A" if "/StructTreeRoot" in cat and \
        (q.deref(cat.get("/MarkInfo")) or {}).get("/Marked") is True else "B"
    check(prop("pdfaid:part") == "1" and prop("pdfaid:conformance") == level,
          f"{pdf} : identification pdfaid:part 1, conformance {level} "
          "(6.7.11)", (prop("pdfaid:part"), prop("pdfaid:conformance")))
    # 6.7.3: each information entry and its XMP property, the same.
    info = {}
    with open(info_txt, encoding="utf-8") as f:
        for line in f:
            k, _, v = line.partition(":")
            info[k] = v.strip()
    pairs = [("Title", "dc:title/rdf:Alt/rdf:li"),
             ("Author", "dc:creator/rdf:Seq/rdf:li"),
             ("Subject", "dc:description/rdf:Alt/rdf:li"),
             ("Keywords", "pdf:Keywords"),
             ("Creator", "xmp:CreatorTool"),
             ("Producer", "pdf:Producer"),
             ("CreationDate", "xmp:CreateDate"),
             ("ModDate", "xmp:ModifyDate")]
    diff = []
    for key, path in pairs:
        x = prop(path)
        i = info.get(key)
        if key.endswith("Date") and x is not None:
            x = x.replace("+00:00", "Z")
        if (i or None) != (x.strip() if x is not None else None):
            diff.append((key, i, x))
    check(not diff and info.get("Title") and info.get("CreationDate"),
          f"{pdf} : informations du document = XMP, titre, outil, "
          "producteur, dates au même instant (6.7.3)", diff or info)
    # 6.1.? version: PDF/A-1 is PDF 1.4.
    check(info.get("PDF version") == "1.4",
          f"{pdf} : version PDF 1.4", info.get("PDF version"))


def main():
    what = sys.argv[1]
    if what == "signatures":
        check_signatures(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    elif what == "pdfjs":
        check_pdfjs(*sys.argv[2:5])
    elif what == "pdfa":
        check_pdfa(*sys.argv[2:7])
    else:
        sys.exit("usage: pdfa-check.py signatures|pdfa …")
    sys.exit(1 if FAILED else 0)


if __name__ == "__main__":
    main()
