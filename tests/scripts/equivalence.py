# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
"""The same contract in two formats says the same thing, block by block.

Each output is read back by pandoc (a reader lgc does not control) into
its document tree (-t json), flattened into a list of blocks: a heading,
a paragraph, a list item with its marker, a table cell's paragraphs in
reading order.  Text is compared with spaces normalised (a no-break
space is a space, a no-break hyphen a hyphen) and heading numbers left
out, since Word numbers headings itself and pandoc does not print
Word's numbers (tests/scripts/docx.py checks them in document.xml).

A reader is a function of the output file: adding LaTeX is one more
entry in READERS (pandoc -f latex).
"""
import io
import json
import re
import subprocess
import sys
import zipfile

# The number of a heading: Word's "Article N" is out of the text pandoc
# reads, the dash after it is in, and must be only there.
NUMBER = re.compile(r"^(Article\s+\d+|\d+(\.\d+)+)\s+")
SPACES = re.compile(r"\s+")


def norm(text):
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = text.replace("\u2011", "-")
    return SPACES.sub(" ", text).strip()


def inlines(xs):
    out = []
    for x in xs:
        t, c = x["t"], x.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t in ("Emph", "Underline", "Strong", "Strikeout",
                   "Superscript", "Subscript", "SmallCaps"):
            out.append(inlines(c))
        elif t in ("Link", "Span"):
            out.append(inlines(c[1]))
        elif t == "Quoted":
            q = "“”" if c[0]["t"] == "DoubleQuote" else "‘’"
            out.append(q[0] + inlines(c[1]) + q[1])
        elif t in ("Code", "Math", "RawInline"):
            out.append(c[1])
        elif t == "Cite":
            out.append(inlines(c[1]))
        elif t in ("Image", "Note"):
            pass
        else:
            raise ValueError("élément inconnu de pandoc : " + t)
    return "".join(out)


def flatten(blocks, out, marker=""):
    for b in blocks:
        t, c = b["t"], b.get("c")
        if t in ("Para", "Plain"):
            text = norm(inlines(c))
            if text:
                out.append(marker + text)
                marker = ""
        elif t == "Header":
            out.append("titre: " + NUMBER.sub("", norm(inlines(c[2]))))
        elif t == "BulletList":
            for item in c:
                flatten(item, out, "• ")
        elif t == "OrderedList":
            start = c[0][0]
            for i, item in enumerate(c[1]):
                flatten(item, out, "%d. " % (start + i))
        elif t in ("Div", "BlockQuote"):
            flatten(c[1] if t == "Div" else c, out, marker)
        elif t == "LineBlock":
            for line in c:
                out.append(norm(inlines(line)))
        elif t == "Table":
            head, bodies, foot = c[3], c[4], c[5]
            rows = list(head[1])
            for body in bodies:
                rows += body[2] + body[3]
            rows += foot[1]
            for row in rows:
                for cell in row[1]:
                    flatten(cell[4], out)
        elif t in ("HorizontalRule", "Null", "RawBlock", "CodeBlock",
                   "DefinitionList"):
            if t == "CodeBlock":
                out.append(norm(c[1]))
        else:
            raise ValueError("bloc inconnu de pandoc : " + t)


def pandoc(fmt, data):
    run = subprocess.run(["pandoc", "-f", fmt, "-t", "json"], input=data,
                         capture_output=True, check=True)
    return json.loads(run.stdout)


# pandoc 2.17 keeps a HYPERLINK field's text but drops the result of
# other fields (REF): the copy it reads has each field replaced by its
# result, the text Word shows until it updates the field.
FIELD_BEGIN = re.compile(
    r'<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?'
    r'<w:fldChar w:fldCharType="begin"/></w:r>.*?'
    r'<w:fldChar w:fldCharType="separate"/></w:r>', re.S)
FIELD_END = re.compile(
    r'<w:r>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?'
    r'<w:fldChar w:fldCharType="end"/></w:r>')


def docx_results(data):
    src = zipfile.ZipFile(io.BytesIO(data))
    dst = io.BytesIO()
    with zipfile.ZipFile(dst, "w") as z:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "word/document.xml":
                text = part.decode("utf-8")
                text = FIELD_END.sub("", FIELD_BEGIN.sub("", text))
                part = text.encode("utf-8")
            z.writestr(info.filename, part)
    return dst.getvalue()


def read_html(data):
    tree = pandoc("html", data)
    out = []
    # The title: the h1 of the page, in DOCX a Title paragraph, which
    # pandoc moves into the metadata; compared apart.
    blocks = [b for b in tree["blocks"]]
    flatten(blocks, out)
    title = None
    h1 = [b for b in walk_headers(tree["blocks"]) if b["c"][0] == 1]
    if h1:
        title = norm(inlines(h1[0]["c"][2]))
        out.remove("titre: " + NUMBER.sub("", title))
    return title, out


def walk_headers(blocks):
    for b in blocks:
        if b["t"] == "Header":
            yield b
        elif b["t"] == "Div":
            yield from walk_headers(b["c"][1])


def read_docx(data):
    tree = pandoc("docx", docx_results(data))
    out = []
    flatten(tree["blocks"], out)
    title = None
    meta = tree["meta"].get("title")
    if meta is not None and meta["t"] == "MetaInlines":
        title = norm(inlines(meta["c"]))
    return title, out


READERS = {"html": read_html, "docx": read_docx}


def compare(fmt_a, data_a, fmt_b, data_b):
    """None when equivalent, else a few lines saying where."""
    title_a, a = READERS[fmt_a](data_a)
    title_b, b = READERS[fmt_b](data_b)
    lines = []
    if title_a is not None and title_a != title_b:
        lines.append("titre : %r / %r" % (title_a, title_b))
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else "(rien)"
        y = b[i] if i < len(b) else "(rien)"
        if x != y:
            lines.append("bloc %d : %s" % (i + 1, fmt_a))
            lines.append("  " + x[:160])
            lines.append("bloc %d : %s" % (i + 1, fmt_b))
            lines.append("  " + y[:160])
            break
    return "\n".join(lines) or None


if __name__ == "__main__":
    # equivalence.py FORMAT FILE FORMAT FILE
    with open(sys.argv[2], "rb") as f:
        a = f.read()
    with open(sys.argv[4], "rb") as f:
        b = f.read()
    why = compare(sys.argv[1], a, sys.argv[3], b)
    print(why or "équivalents")
    sys.exit(1 if why else 0)
