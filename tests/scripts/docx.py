# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
"""The DOCX output (issue 16), against the sanitizer build.

Every golden case that builds and every example renders to DOCX; the
zip holds the parts in lgc's order, each well-formed XML; pandoc reads
the same blocks in it, and in the case's LaTeX, as in the HTML of the
same case (equivalence.py).  For the examples, document.xml is opened:
headings numbered by Word as lgc numbers them, REF fields to the
headings' bookmarks with lgc's text cached, footer fields, properties,
styles in French, the signature table unsplittable; xmllint reads every
part; two runs give the same bytes; LibreOffice lays the DOCX out as a
PDF, compared with lgc's own (pdf_differences).  Environment: LGC, TOP,
TMP."""
import glob
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import equivalence  # noqa: E402

LGC = os.environ["LGC"]
TOP = os.environ["TOP"]
TMP = os.path.join(os.environ["TMP"], "docx")
os.makedirs(TMP, exist_ok=True)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PARTS = ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml",
         "docProps/app.xml", "word/document.xml",
         "word/_rels/document.xml.rels", "word/styles.xml",
         "word/numbering.xml", "word/settings.xml"]


def french(text):
    """A no-break space before : ; ! ? and inside « », as French
    typography wants (the descriptions only: the details quote the
    documents as they are)."""
    text = re.sub(r" ([:;!?])", "\u00a0\\1", text)
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def skip(what):
    print(french("sauté " + what))


def say(ok, what, why=None):
    print(french(("ok " if ok else "ÉCHEC ") + what))
    if not ok and why:
        for line in str(why).splitlines()[:12]:
            print("    " + line)


def lgc(cwd, args, env=None):
    e = dict(os.environ)
    e.pop("SOURCE_DATE_EPOCH", None)
    if env:
        e.update(env)
    return subprocess.run([LGC] + args, cwd=cwd, capture_output=True,
                          env=e)


def render(cwd, args, fmt, env=None):
    out = os.path.join(TMP, "out." + fmt)
    if os.path.exists(out):
        os.unlink(out)
    r = lgc(cwd, args + ["-f", fmt, "-o", out], env)
    if r.returncode != 0:
        return None, r.stderr.decode("utf-8", "replace")
    with open(out, "rb") as f:
        return f.read(), None


def package(data):
    """The parts by name, or a reason the zip or a part is bad."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        bad = z.testzip()
    except zipfile.BadZipFile as e:
        return None, "zip illisible : %s" % e
    if bad is not None:
        return None, "entrée corrompue : " + bad
    names = z.namelist()
    if names[:len(PARTS)] != PARTS:
        return None, "entrées : " + ", ".join(names)
    parts = {}
    for info in z.infolist():
        if info.date_time != (1980, 1, 1, 0, 0, 0):
            return None, "%s daté %r" % (info.filename, info.date_time)
        parts[info.filename] = z.read(info)
        try:
            ET.fromstring(parts[info.filename])
        except ET.ParseError as e:
            return None, "%s : XML mal formé : %s" % (info.filename, e)
    return parts, None


def cases():
    """(label, folder, arguments) of every golden case that builds."""
    out = []
    for lgc_file in sorted(glob.glob(TOP + "/tests/golden/**/*.lgc",
                                     recursive=True)):
        folder, name = os.path.split(lgc_file)
        name = name[:-4]
        variants = [name] + sorted(
            os.path.basename(v)[:-5]
            for v in glob.glob(os.path.join(folder, name + "--*.json")))
        for base in variants:
            path = os.path.join(folder, base)
            if not any(os.path.exists(path + e)
                       for e in (".html", ".tex", ".txt")):
                continue
            status = path + ".status"
            if os.path.exists(status) and open(status).read().strip() != "0":
                continue
            err = path + ".err"
            if os.path.exists(err) and ": erreur:" in open(err).read():
                continue
            args = "build"
            for a in (path + ".args", os.path.join(folder, name + ".args")):
                if os.path.exists(a):
                    args = open(a).read().strip()
                    break
            if not args.startswith("build"):
                continue
            argv = args.split()[:1] + [name + ".lgc"] + args.split()[1:]
            if os.path.exists(path + ".json"):
                argv += ["-d", base + ".json"]
            out.append((os.path.relpath(path, TOP), folder, argv))
    for t in sorted(glob.glob(TOP + "/examples/*/contrat.lgc")):
        folder = os.path.dirname(t)
        for d in sorted(glob.glob(folder + "/donnees/*.json")):
            label = "examples/%s -d %s" % (os.path.basename(folder),
                                           os.path.basename(d))
            out.append((label, folder,
                        ["build", "contrat.lgc", "-d",
                         "donnees/" + os.path.basename(d)]))
    return out


def text_of(p):
    return "".join(t.text or "" for t in p.iter(W + "t"))


def style_of(p):
    s = p.find(W + "pPr/" + W + "pStyle")
    return s.get(W + "val") if s is not None else None


def html_labels(html):
    return re.findall(r'<span class="numero">([^<]*)</span>',
                      html.decode("utf-8"))


def structure(parts, html, letter):
    """Reasons document.xml and its neighbours are not what Word needs."""
    why = []
    doc = ET.fromstring(parts["word/document.xml"])
    body = doc.find(W + "body")
    # Word's numbering of the headings, as Word counts it.
    counts = [0, 0, 0]
    labels, bookmarks, unnumbered = [], {}, 0
    for p in body.iter(W + "p"):
        st = style_of(p)
        if st not in ("Titre1", "Titre2", "Titre3"):
            continue
        level = int(st[-1])
        num = p.find(W + "pPr/" + W + "numPr/" + W + "numId")
        if num is not None and num.get(W + "val") == "0":
            unnumbered += 1
            label = None
            m = equivalence.NUMBER.match(text_of(p).replace("\u00a0", " "))
            if m:
                labels.append(re.sub(r"\s*–$", "", m.group(1)))
        else:
            counts[level - 1] += 1
            for i in range(level, 3):
                counts[i] = 0
            label = ("Article %d" % counts[0] if level == 1 else
                     ".".join(str(c) for c in counts[:level]))
            labels.append(label)
        b = p.find(W + "bookmarkStart")
        if b is not None:
            bookmarks[b.get(W + "name")] = label
    want = [x.replace("\u00a0", " ") for x in html_labels(html)]
    if labels != want:
        why.append("numéros des titres : Word %s, HTML %s" % (labels, want))
    # REF fields: a bookmark of a heading, and lgc's text as result.
    xml = parts["word/document.xml"].decode("utf-8")
    refs = re.findall(r'<w:instrText xml:space="preserve"> REF (\S+) '
                      r'([^<]*)</w:instrText>.*?fldCharType="separate"/>'
                      r'</w:r>(.*?)<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*'
                      r'</w:rPr>)?<w:fldChar w:fldCharType="end"/>', xml)
    for name, switches, result in refs:
        shown = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", result))
        label = bookmarks.get(name)
        if label is None:
            why.append("REF %s : aucun titre numéroté ne porte ce signet"
                       % name)
        elif shown.replace("\u00a0", " ").lower() != label.lower():
            why.append("REF %s : « %s » affiché, le titre est « %s »"
                       % (name, shown, label))
        elif "\\h" not in switches:
            why.append("REF %s : pas de lien (\\h)" % name)
        elif shown[:1] != label[:1] and "\\* Lower" not in switches:
            why.append("REF %s : « %s » affiché, Word écrira « %s » "
                       "(\\* Lower manque)" % (name, shown, label))
    links = len(re.findall(r'<a href="#', html.decode("utf-8")))
    if links and not refs and "w:hyperlink" not in xml:
        why.append("%d renvois en HTML, aucun REF ni lien en DOCX" % links)
    # The footer: Page {PAGE} sur {NUMPAGES}.
    foot = parts.get("word/footer1.xml", b"").decode("utf-8")
    if not re.search(r'Page </w:t>.*w:instr=" PAGE ".* sur </w:t>.*'
                     r'w:instr=" NUMPAGES "', foot):
        why.append("pied de page sans « Page PAGE sur NUMPAGES »")
    if letter == ("word/header1.xml" in parts):
        why.append("en-tête %s" % ("dans une lettre" if letter
                                   else "absent"))
    if not letter and ("<w:titlePg/>" not in xml or
                       '<w:footerReference w:type="first"' not in xml):
        why.append("titre courant sur la première page, ou pied de page "
                   "absent de celle-ci")
    # Styles: French everywhere, headings kept with the next paragraph.
    styles = ET.fromstring(parts["word/styles.xml"])
    for s in styles.iter(W + "style"):
        if s.get(W + "type") == "numbering":
            continue
        lang = s.find(W + "rPr/" + W + "lang")
        if lang is None or lang.get(W + "val") != "fr-FR":
            why.append("style %s sans langue fr-FR" % s.get(W + "styleId"))
        if s.get(W + "styleId") in ("Titre1", "Titre2", "Titre3") and \
                s.find(W + "pPr/" + W + "keepNext") is None:
            why.append("style %s sans keepNext" % s.get(W + "styleId"))
    numbering = parts["word/numbering.xml"].decode("utf-8")
    if 'w:lvlText w:val="Article %1' not in numbering:
        why.append("numbering.xml sans « Article %1 »")
    for tr in body.iter(W + "tr"):
        if tr.find(W + "trPr/" + W + "cantSplit") is None:
            why.append("ligne de signatures sécable (cantSplit manque)")
            break
    core = parts["docProps/core.xml"].decode("utf-8")
    for want in ("<dc:creator>lgc ", "<dc:language>fr-FR</dc:language>"):
        if want not in core:
            why.append("core.xml sans " + want)
    return why


def xmllint(parts):
    if shutil.which("xmllint") is None:
        return None
    for name, data in parts.items():
        path = os.path.join(TMP, "part.xml")
        with open(path, "wb") as f:
            f.write(data)
        r = subprocess.run(["xmllint", "--noout", path],
                           capture_output=True)
        if r.returncode != 0:
            return "%s : %s" % (name, r.stderr.decode()[:200])
    return ""


def data_parts(data):
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


def title_of(html):
    m = re.search(r"<h1>(.*?)</h1>", html.decode())
    return re.sub("<[^>]*>", "", m.group(1)) if m else "\0"


def libreoffice(examples):
    """Each example's DOCX laid out by LibreOffice: its PDF shows Word's
    numbers as lgc's, references updated by LibreOffice itself, and
    « Page X sur Y » with Y the page count."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        skip("docx : mise en page par LibreOffice, comparée au PDF de lgc "
             "(libreoffice-writer-nogui absent)")
        return
    if shutil.which("pdftotext") is None:
        skip("docx : mise en page par LibreOffice, comparée au PDF de lgc "
             "(pdftotext absent)")
        return
    lo = os.path.join(TMP, "lo")
    os.makedirs(lo, exist_ok=True)
    files = []
    for i, (label, data, html, _) in enumerate(examples):
        path = os.path.join(lo, "ex%d.docx" % i)
        with open(path, "wb") as f:
            f.write(data)
        files.append(path)
    inserted = os.path.join(lo, "insere.docx")
    with open(inserted, "wb") as f:
        f.write(insert_heading(examples[-1][1]))
    files.append(inserted)
    # The comparison with lgc's PDF can fail: the same DOCX with the
    # margins it had before (2 cm aside) and the title to the left.
    margins = os.path.join(lo, "marges.docx")
    with open(margins, "wb") as f:
        f.write(edit_document(examples[-1][1], [
            ('w:right="1417"', 'w:right="1134"'),
            ('w:left="1417"', 'w:left="1134"'),
            ('<w:pStyle w:val="Titre"/>',
             '<w:pStyle w:val="Titre"/><w:jc w:val="left"/>')]))
    files.append(margins)
    r = subprocess.run([soffice, "-env:UserInstallation=file://" + lo +
                        "/profil", "--headless", "--convert-to", "pdf",
                        "--outdir", lo] + files, capture_output=True,
                       timeout=300)
    for i, (label, data, html, own) in enumerate(examples):
        pdf = os.path.join(lo, "ex%d.pdf" % i)
        if not os.path.exists(pdf):
            say(False, "docx : %s, LibreOffice n'écrit pas de PDF" % label,
                r.stderr.decode("utf-8", "replace"))
            continue
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                              capture_output=True).stdout.decode()
        info = subprocess.run(["pdfinfo", pdf], capture_output=True)
        pages = int(re.search(rb"Pages:\s+(\d+)", info.stdout).group(1))
        why = []
        feet = re.findall(r"Page (\d+) sur (\d+)", text)
        first = text.split("\f")[0]
        if "word/header1.xml" in data_parts(data) and \
                first.count(equivalence.norm(title_of(html))[:30]) != 1:
            why.append("titre courant sur la première page")
        if feet != [(str(k), str(pages)) for k in range(1, pages + 1)]:
            why.append("pieds de page %s pour %d pages" % (feet, pages))
        lines = [equivalence.norm(x) for x in text.splitlines()]
        heads = [x for x in lines
                 if re.match(r"^(Article \d+ – |\d+(\.\d+)+ )", x)]
        want = []
        for m in re.finditer(r'<h[2-4]><span class="numero">([^<]*)</span>'
                             r'(.*?)</h[2-4]>', html.decode()):
            want.append(equivalence.norm(re.sub("<[^>]*>", "",
                                                m.group(1) + m.group(2))))
        got = [h for h in heads if any(h.startswith(w[:len(h)]) or
                                       w.startswith(h) for w in want)]
        labels = [equivalence.NUMBER.match(h + " ").group(1)
                  for h in got]
        want_labels = [equivalence.NUMBER.match(w + " ").group(1)
                       for w in want]
        if labels != want_labels:
            why.append("titres : %s, attendu %s" % (labels, want_labels))
        flat = re.sub(r"\s+", " ", re.sub(r"-\n\s*", "", text)).lower()
        flat = flat.replace("\u00a0", " ")
        for ref in re.findall(r'<a href="#[^"]*">([^<]*)</a>',
                              html.decode()):
            ref = equivalence.norm(ref).lower()
            if ref not in flat:
                why.append("renvoi « %s » absent" % ref)
        say(not why, "docx : %s, mis en page par LibreOffice : %d pages, "
            "« Page X sur %d », %d titres numérotés par Word"
            % (label, pages, pages, len(labels)), "\n".join(why))
        like_lgc_pdf(label, pdf, own, html)
    differ(lo, examples)
    label, data, html, _ = examples[-1]
    pdf = os.path.join(lo, "insere.pdf")
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                          capture_output=True).stdout.decode() \
        if os.path.exists(pdf) else ""
    why = renumbered(text, html) if text else ["pas de PDF"]
    say(not why, "docx : %s, un titre inséré avant l'article 2 : "
        "LibreOffice renumérote les suivants et met les renvois à jour"
        % label, "\n".join(why))


def edit_document(data, edits):
    """The DOCX with each (old, new) of EDITS made in document.xml."""
    src = zipfile.ZipFile(io.BytesIO(data))
    dst = io.BytesIO()
    with zipfile.ZipFile(dst, "w") as z:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "word/document.xml":
                text = part.decode()
                for old, new in edits:
                    text = text.replace(old, new)
                part = text.encode()
            z.writestr(info, part)
    return dst.getvalue()


def differ(lo, examples):
    """The PDF comparison sees another contract (another client's data,
    lgc's PDF against LibreOffice's of the other), and a layout with
    other margins and the title to the left."""
    (_, _, html_a, own_a), (label, _, html_b, own_b) = examples[-2:]
    if own_a is None or own_b is None or shutil.which("pdftoppm") is None \
            or shutil.which("pdfinfo") is None:
        return
    last = os.path.join(lo, "ex%d.pdf" % (len(examples) - 1))
    margins = os.path.join(lo, "marges.pdf")
    if not os.path.exists(last) or not os.path.exists(margins):
        say(False, "docx : LibreOffice n'écrit pas marges.pdf")
        return
    other, _, _ = pdf_differences(last, own_a, html_a)
    moved, _, _ = pdf_differences(margins, own_b, html_b)
    layout = [x for x in moved if x.startswith("page 1")]
    say(bool(other) and len(layout) == len(moved) and
        any("gauche" in x for x in layout) and
        any("titre" in x for x in layout),
        "docx : la comparaison avec le PDF de lgc voit un autre contrat, "
        "et des marges de 2 cm avec le titre à gauche", "\n".join(
            ["autre contrat : %s" % other[:2], "marges : %s" % moved]))


def pdf_text(path, *args):
    return subprocess.run(["pdftotext"] + list(args) + [path, "-"],
                          capture_output=True).stdout.decode("utf-8")


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True).stdout
    return int(re.search(rb"Pages:\s+(\d+)", info).group(1))


# Every mention of an article, a {ref} or not: "l'article 5", "article 28
# du RGPD", a heading's "Article 5".
ARTICLE = re.compile(r"\barticles?\s+\d+(?:\.\d+)*", re.I)


def articles(text):
    """The mentions of articles in TEXT, in order, blanks squeezed; a
    word broken at a line's end joined again."""
    text = re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text)
    return [equivalence.norm(m) for m in ARTICLE.findall(text)]


def headings_missing(text, want):
    """The first of WANT (an HTML heading's label and title) that does
    not begin a line of TEXT after the previous one, or None."""
    k = 0
    for line in text.splitlines():
        line = equivalence.norm(line)
        if k < len(want) and line.startswith(want[k][0] + " ") and \
                want[k][1].startswith(line):
            k += 1
    return want[k][1] if k < len(want) else None


def page_one(path):
    """Page 1 rendered in gray at 50 dpi (pdftoppm): its size, the share
    of dark pixels, and the box around them (left, top, right,
    bottom) in pixels, or None when the page is blank."""
    out = subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1",
                          "-gray", path], capture_output=True).stdout
    magic, size, depth, pixels = out.split(b"\n", 3)
    w, h = map(int, size.split())
    ink = [i for i, v in enumerate(pixels[:w * h]) if v < 128]
    if not ink:
        return (w, h), 0.0, None
    cols = [i % w for i in ink]
    return (w, h), len(ink) / (w * h), \
        (min(cols), ink[0] // w, max(cols), ink[-1] // w)


def words_one(path):
    """Page 1's words with their boxes (pdftotext -bbox), in points."""
    return [(float(a), float(b), float(c), float(d), html_text(t))
            for a, b, c, d, t in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                r'yMax="([\d.]+)">([^<]*)</word>',
                pdf_text(path, "-bbox", "-f", "1", "-l", "1"))]


def html_text(s):
    return s.replace("&lt;", "<").replace("&gt;", ">").replace(
        "&quot;", '"').replace("&#39;", "'").replace("&amp;", "&")


def blocks_one(path):
    """Page 1's geometry from its words: the title's line (the first),
    its middle; the body's left and right edges; the footer's (the
    lowest line, « Page 1 sur N ») middle."""
    words = words_one(path)
    if not words:
        return None
    top = words[0][1]
    title = [x for x in words if abs(x[1] - top) < 2]
    bottom = max(x[1] for x in words)
    foot = [x for x in words if abs(x[1] - bottom) < 2]
    if [x[4] for x in foot[:2]] != ["Page", "1"]:
        return None
    body = [x for x in words if x not in title and x not in foot]
    if not title or not foot or not body:
        return None
    return {"titre": (min(x[0] for x in title) + max(x[2] for x in title))
            / 2,
            "gauche": min(x[0] for x in body),
            "droite": max(x[2] for x in body),
            "pied": (min(x[0] for x in foot) + max(x[2] for x in foot)) / 2}


def like_lgc_pdf(label, lo_pdf, own, html):
    if own is None:
        return
    if shutil.which("pdftoppm") is None or shutil.which("pdfinfo") is None:
        skip("docx : %s, le PDF de LibreOffice comme celui de lgc "
             "(pdftoppm ou pdfinfo absent)" % label)
        return
    why, n_heads, n_mentions = pdf_differences(lo_pdf, own, html)
    say(not why, "docx : %s, le PDF de LibreOffice comme celui de lgc : "
        "%d titres numérotés, %d mentions d'articles, « Page X sur Y », "
        "page 1 de même mise en page (pdftoppm, pdftotext -bbox)"
        % (label, n_heads, n_mentions), "\n".join(why))


def pdf_differences(lo_pdf, own, html):
    """The PDF LibreOffice makes of the DOCX against lgc's own PDF: the
    same headings with their numbers, the same mentions of articles
    (references resolved alike), « Page X sur Y » on every page of
    each, and a first page of the same build: A4, not blank, the text
    in the same box, the title and the footer centred alike.  Page
    counts may differ (another line breaking).  Returns the reasons
    they differ, and the numbers of headings and mentions."""
    path = os.path.join(TMP, "lo", "lgc.pdf")
    with open(path, "wb") as f:
        f.write(own)
    why = []
    want = []
    for m in re.finditer(r'<h[2-4]><span class="numero">([^<]*)</span>'
                         r'(.*?)</h[2-4]>', html.decode()):
        want.append((equivalence.norm(m.group(1)), equivalence.norm(
            re.sub("<[^>]*>", "", m.group(1) + m.group(2)))))
    texts = {}
    for name, pdf in (("lgc", path), ("LibreOffice", lo_pdf)):
        text = pdf_text(pdf, "-layout")
        texts[name] = text
        missing = headings_missing(text, want)
        if missing is not None:
            why.append("PDF de %s : titre « %s » absent ou hors d'ordre"
                       % (name, missing))
        pages = pdf_pages(pdf)
        feet = re.findall(r"Page (\d+) sur (\d+)", text)
        if feet != [(str(k), str(pages)) for k in range(1, pages + 1)]:
            why.append("PDF de %s : pieds de page %s pour %d pages"
                       % (name, feet, pages))
    body = re.sub(r"<head>.*</head>", "", html.decode(), flags=re.S)
    mentions = articles(html_text(re.sub("<[^>]*>", "", body)))
    ours, theirs = articles(texts["lgc"]), articles(texts["LibreOffice"])
    # A REF field shows Word's number, « Article 5 »; lgc asks for it
    # lowercased (\\* Lower), which Word does on update but LibreOffice
    # 7 ignores: its mentions are compared without case (document.xml's
    # switch is checked in structure()).
    if ours != mentions or [x.lower() for x in theirs] != \
            [x.lower() for x in mentions]:
        for i, (a, b, c) in enumerate(zip(mentions + ["(rien)"] * 99,
                                         ours + ["(rien)"] * 99,
                                         theirs + ["(rien)"] * 99)):
            if not a == b or a.lower() != c.lower():
                why.append("mention %d : HTML « %s », lgc « %s », "
                           "LibreOffice « %s »" % (i + 1, a, b, c))
                break
    # Page 1 as an image, then its text blocks.
    size_a, ink_a, box_a = page_one(path)
    size_b, ink_b, box_b = page_one(lo_pdf)
    if size_a != size_b:
        why.append("page 1 : %s pixels chez lgc, %s chez LibreOffice"
                   % (size_a, size_b))
    if box_a is None or box_b is None or not 0.005 < ink_a < 0.3 or \
            not 0.005 < ink_b < 0.3:
        why.append("page 1 vide ou noire : encre %.3f chez lgc, %.3f chez "
                   "LibreOffice" % (ink_a, ink_b))
    else:
        if max(ink_a, ink_b) > 1.5 * min(ink_a, ink_b):
            why.append("page 1 : encre %.3f chez lgc, %.3f chez LibreOffice"
                       % (ink_a, ink_b))
        # Left, top and right, within 4 pixels at 50 dpi (2 mm); not
        # the bottom, the last line where each breaks the page (the
        # footer's small gray text is lighter than the threshold).
        if any(abs(a - b) > 4 for a, b in zip(box_a[:3], box_b[:3])):
            why.append("page 1 : encre dans %s chez lgc, %s chez "
                       "LibreOffice (pixels à 50 dpi)" % (box_a, box_b))
    geo_a, geo_b = blocks_one(path), blocks_one(lo_pdf)
    if geo_a is None or geo_b is None:
        why.append("page 1 : titre, corps ou pied de page introuvable "
                   "(pdftotext -bbox)")
    else:
        for key in ("titre", "gauche", "droite", "pied"):
            if abs(geo_a[key] - geo_b[key]) > 6:
                why.append("page 1, %s : %.1f pt chez lgc, %.1f chez "
                           "LibreOffice" % (key, geo_a[key], geo_b[key]))
    return why, len(want), len(mentions)


CABINET_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Garamond" \
w:hAnsi="Garamond"/><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault>\
</w:docDefaults><w:style w:type="paragraph" w:default="1" \
w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
<w:style w:type="paragraph" w:styleId="Heading1"><w:name \
w:val="Heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:caps/>\
</w:rPr></w:style><w:style w:type="paragraph" w:styleId="BodyText">\
<w:name w:val="Body Text"/><w:pPr><w:jc w:val="both"/></w:pPr>\
</w:style><w:style w:type="paragraph" w:styleId="Signature"><w:name \
w:val="Signature du cabinet"/></w:style></w:styles>"""


def model(ex):
    """--modele-docx: a firm's template in English Word's ids, and a
    file that is no Word document."""
    dotx = os.path.join(TMP, "cabinet.dotx")
    with zipfile.ZipFile(dotx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/styles.xml", CABINET_STYLES)
    argv = ["build", "contrat.lgc", "-d", "donnees/developpeur-web.json",
            "--modele-docx", dotx]
    data, err = render(ex, argv, "docx")
    html, _ = render(ex, argv[:4], "html")
    why = []
    parts, bad = package(data) if data else (None, err)
    if parts is None:
        why.append(bad)
    else:
        styles = parts["word/styles.xml"].decode()
        doc = parts["word/document.xml"].decode()
        if "Garamond" not in styles:
            why.append("styles du modèle absents")
        if 'w:pStyle w:val="Heading1"' not in doc or \
                'w:pStyle w:val="BodyText"' not in doc:
            why.append("titres et corps hors des styles du modèle")
        if 'w:styleId="lgcSignature"' not in styles or \
                'w:pStyle w:val="lgcSignature"' not in doc:
            why.append("style de signature de lgc absent ou confondu "
                       "avec celui du cabinet")
        if len(re.findall(r'w:styleId="([^"]*)"', styles)) != \
                len(set(re.findall(r'w:styleId="([^"]*)"', styles))):
            why.append("identifiants de style en double")
        if shutil.which("pandoc") and html is not None:
            diff = equivalence.compare("html", html, "docx", data)
            if diff:
                why.append(diff)
    say(not why, "docx : --modele-docx, styles du cabinet par leur nom "
        "(Heading 1, Body Text), ceux de lgc pour le reste",
        "\n".join(why))
    out = os.path.join(TMP, "refuse.docx")
    r = lgc(ex, argv[:4] + ["--modele-docx", os.path.join(ex,
            "contrat.lgc"), "-o", out])
    err = r.stderr.decode()
    say(r.returncode != 0 and "--modele-docx" in err and
        not os.path.exists(out),
        "docx : --modele-docx d'un fichier qui n'est pas un document Word, "
        "erreur et aucune sortie", err)


# A few cases' document.xml, laid out by xmllint --format, against
# tests/golden/docx/NAME.document.xml, for a reviewer to read what Word
# gets; DOCX_UPDATE=1 rewrites them.
GOLDEN = {
    "tests/golden/exemple/exemple--forfait": "exemple--forfait",
    "tests/golden/langage/lettre": "lettre",
    "tests/golden/langage/brouillon-clauses": "brouillon-clauses",
}


def golden(label, parts):
    name = GOLDEN.get(label)
    if name is None:
        return
    if shutil.which("xmllint") is None:
        skip("docx : %s, document.xml attendu (xmllint absent)" % label)
        return
    got = subprocess.run(["xmllint", "--format", "-"],
                         input=parts["word/document.xml"],
                         capture_output=True).stdout
    path = os.path.join(TOP, "tests/golden/docx", name + ".document.xml")
    if os.environ.get("DOCX_UPDATE") == "1":
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(got)
    want = open(path, "rb").read() if os.path.exists(path) else b""
    why = None
    if got != want:
        import difflib
        why = "".join(list(difflib.unified_diff(
            want.decode().splitlines(True), got.decode().splitlines(True),
            "attendu", "obtenu", n=1))[:30])
    say(got == want, "docx : %s, document.xml comme "
        "tests/golden/docx/%s.document.xml" % (label, name), why)


def insert_heading(data):
    """The DOCX with a level-1 heading inserted before the second
    article, as a lawyer would in Word: the style alone, no number."""
    src = zipfile.ZipFile(io.BytesIO(data))
    dst = io.BytesIO()
    with zipfile.ZipFile(dst, "w") as z:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "word/document.xml":
                s = part.decode()
                at = [m.start() for m in re.finditer(
                    r'<w:p><w:pPr><w:pStyle w:val="Titre1"/><w:numPr>'
                    r'<w:ilvl w:val="0"/><w:numId w:val="1"/>', s)]
                s = s[:at[1]] + ('<w:p><w:pPr><w:pStyle w:val="Titre1"/>'
                                 '</w:pPr><w:r><w:t>Nouvel article</w:t>'
                                 '</w:r></w:p>') + s[at[1]:]
                part = s.encode()
            z.writestr(info, part)
    return dst.getvalue()


def renumbered(text, html):
    """Why the PDF of the DOCX with an inserted heading is not what Word
    would make of it: articles from the second on one further, and the
    references with them."""
    why = []
    lines = [equivalence.norm(x) for x in text.splitlines()]
    got = [x for x in lines if re.match(r"^Article \d+ ", x)]
    want = []
    for m in re.finditer(r'<h2><span class="numero">Article (\d+)</span>'
                         r'(.*?)</h2>', html.decode()):
        n = int(m.group(1))
        title = equivalence.norm(re.sub("<[^>]*>", "", m.group(2)))
        if n == 2:
            want.append("Article 2 Nouvel article")
        want.append("Article %d %s" % (n + 1 if n >= 2 else n, title))
    got = [g for g in got if any(w.startswith(g) for w in want)]
    if [w[:len(g)] for g, w in zip(got, want)] != got or \
            len(got) != len(want):
        why.append("titres : %s, attendu %s" % (got[:6], want[:6]))
    flat = re.sub(r"\s+", " ", re.sub(r"-\n\s*", "", text)).lower()
    for ref in re.findall(r'<a href="#[^"]*">article (\d+)</a>',
                          html.decode().replace("\u00a0", " ")):
        n = int(ref)
        new = "article %d" % (n + 1 if n >= 2 else n)
        if not re.search(new + r"\b", flat):
            why.append("renvoi à l'article %s : « %s » absent" % (ref, new))
    return why


HOSTILE_LGC = """modele "Contrat <hostile> & \\"Cie\\""
entree client : partie "Le client"
entree note : texte "Une note"
---
# Objet

Le contrat conclu avec {client.nom} porte sur {note}.

# Renvoi {#renvoi}

Voir {ref renvoi}.
"""
HOSTILE_JSON = ('{"client": {"nom": "A<b>&\\"c\\u0027 ]]> \\uFFFE fin", '
                '"adresse": "1 rue <x/>"}, "note": "x\\ty <w:t>&amp;"}')


def hostile():
    """A client's markup stays text: every part well-formed, the value
    escaped, U+FFFE (no XML character) left out."""
    with open(os.path.join(TMP, "h.lgc"), "w") as f:
        f.write(HOSTILE_LGC)
    with open(os.path.join(TMP, "h.json"), "w") as f:
        f.write(HOSTILE_JSON)
    data, err = render(TMP, ["build", "h.lgc", "-d", "h.json"], "docx")
    parts, why = package(data) if data else (None, err)
    if parts is not None:
        doc = parts["word/document.xml"].decode()
        core = parts["docProps/core.xml"].decode()
        if "A&lt;b&gt;&amp;&quot;c’]]&gt;  fin" not in doc or \
                "&lt;w:t&gt;&amp;amp;" not in doc or \
                "<dc:title>Contrat &lt;hostile&gt; &amp;" not in core:
            why = "valeurs mal échappées"
    say(parts is not None and why is None, "docx : valeurs du client "
        "pleines de balisage, échappées, parties bien formées", why)


def latex_fails(ex, html):
    """The LaTeX comparison can fail: another client's contract, an
    article renumbered, a reference to the wrong number."""
    if html is None or shutil.which("pandoc") is None:
        return
    other, _ = render(ex, ["build", "contrat.lgc", "-d",
                           "donnees/redacteur-technique.json"], "latex")
    tex, _ = render(ex, ["build", "contrat.lgc", "-d",
                         "donnees/developpeur-web.json"], "latex")
    if other is None or tex is None:
        say(False, "docx : le contrat d'exemple ne se rend pas en LaTeX")
        return
    # The \\ref prints the heading's second argument (\\@currentlabel).
    ref = re.search(rb"\\lgcrenvoi\{([^}]*)\}", tex).group(1)
    target = tex.index(b"}{" + ref + b"}{")
    number = tex.rindex(b"{", 0, target)
    wrong_ref = tex[:number + 1] + b"99" + tex[target:]
    renumbered = re.sub(rb"\\lgcarticle\{Article 2\}",
                        rb"\\lgcarticle{Article 3}", tex)
    seen = [equivalence.compare("html", html, "latex", t) is not None
            for t in (other, renumbered, wrong_ref)]
    say(seen == [True, True, True],
        "docx : l'équivalence LaTeX voit un autre contrat, un article "
        "renuméroté, un renvoi au mauvais numéro", "vus : %s" % seen)


def main():
    if shutil.which("pandoc") is None:
        skip("docx : équivalence du DOCX et du LaTeX avec le HTML "
             "(pandoc absent)")
    n_ok = n_latex = n_tex = 0
    examples = []
    for label, folder, argv in cases():
        data, err = render(folder, argv, "docx")
        if data is None:
            say(False, "docx : %s ne se rend pas en DOCX" % label, err)
            continue
        parts, why = package(data)
        if parts is None:
            say(False, "docx : %s, archive" % label, why)
            continue
        html, err = render(folder, argv, "html")
        if html is None:
            say(False, "docx : %s, HTML de comparaison" % label, err)
            continue
        if shutil.which("pandoc") is not None:
            why = equivalence.compare("html", html, "docx", data)
            if why:
                say(False, "docx : %s, mêmes blocs que le HTML (pandoc)"
                    % label, why)
                continue
        if shutil.which("pandoc") is not None:
            n_tex += 1
            tex, err = render(folder, argv, "latex")
            if tex is None and "--moteur xelatex" in err:
                # Characters pdflatex cannot print: the LaTeX is made
                # for xelatex, as lgc's message says.
                tex, err = render(folder, argv + ["--moteur", "xelatex"],
                                  "latex")
            why = err if tex is None else \
                equivalence.compare("html", html, "latex", tex)
            if why:
                say(False, "docx : %s, mêmes blocs en LaTeX que le HTML "
                    "(pandoc)" % label, why)
            else:
                n_latex += 1
        draft = b'class="brouillon"' in html
        if draft != (b"<w:highlight " in parts["word/document.xml"]):
            say(False, "docx : %s, zones du brouillon surlignées" % label)
            continue
        n_ok += 1
        golden(label, parts)
        if not label.startswith("examples/"):
            continue
        own, err = render(folder, argv, "pdf")
        if own is None:
            say(False, "docx : %s ne se rend pas en PDF" % label, err)
        examples.append((label, data, html, own))
        letter = b"<w:jc w:val=\"right\"/>" in parts["word/document.xml"] \
            and "word/header1.xml" not in parts
        why = structure(parts, html, letter)
        say(not why, "docx : %s, numéros, REF, signets, pied de page, "
            "styles (document.xml)" % label, "\n".join(why))
        lint = xmllint(parts)
        if lint is None:
            skip("docx : xmllint (absent)")
        else:
            say(lint == "", "docx : %s, %d parties bien formées (xmllint)"
                % (label, len(parts)), lint)
        again, _ = render(folder, argv, "docx")
        epoch = {"SOURCE_DATE_EPOCH": "1790000000"}
        d1, _ = render(folder, argv, "docx", epoch)
        d2, _ = render(folder, argv, "docx", epoch)
        core = package(d1)[0]["docProps/core.xml"].decode() if d1 else ""
        say(again == data and d1 == d2 and d1 is not None and
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
            "2026-09-21T" in core and "dcterms:created" not in
            parts["docProps/core.xml"].decode(),
            "docx : %s, mêmes octets à chaque rendu, date de "
            "SOURCE_DATE_EPOCH" % label)
    libreoffice(examples)
    say(n_ok > 0, "docx : %d cas rendus en DOCX, archive et XML valides, "
        "mêmes blocs que le HTML" % n_ok)
    if shutil.which("pandoc") is not None:
        say(n_tex > 0 and n_latex == n_tex, "docx : %d cas sur %d disent "
            "en LaTeX ce que dit le HTML, bloc par bloc, numéros et renvois "
            "compris (pandoc)" % (n_latex, n_tex))
    # The comparison can fail: two different clients' contracts differ.
    ex = TOP + "/examples/prestation-freelance"
    a, _ = render(ex, ["build", "contrat.lgc", "-d",
                       "donnees/developpeur-web.json"], "html")
    b, _ = render(ex, ["build", "contrat.lgc", "-d",
                       "donnees/redacteur-technique.json"], "docx")
    if a is not None and b is not None and shutil.which("pandoc"):
        say(equivalence.compare("html", a, "docx", b) is not None,
            "docx : l'équivalence voit deux contrats différents")
    latex_fails(ex, a)
    model(ex)
    hostile()


main()
