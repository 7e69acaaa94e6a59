# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
"""The same contract in two formats says the same thing, block by block.

Each output is read back by pandoc (a reader lgc does not control) into
its document tree (-t json), flattened into a list of blocks: a heading,
a paragraph, a list item with its marker, a table cell's paragraphs in
reading order.  Text is compared with spaces normalised (a no-break
space is a space, a no-break hyphen a hyphen, a zero-width character
nothing); against DOCX, heading numbers are left out, since Word
numbers headings itself and pandoc does not print Word's numbers
(tests/scripts/docx.py checks them in document.xml); HTML and LaTeX
are compared with them.

A reader is a function of the output file, one entry in READERS.
LaTeX is read by pandoc -f latex too, but not lgc's preamble, whose
commands are TeX programs (\\if, \\csname, \\@startsection) pandoc
cannot run: the body is read under LATEX_COMMANDS, the same lgc
commands defined for what they print, their layout left out (see
read_latex).
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
# Characters that print nothing (zero-width space, joiners, word
# joiner, BOM): the HTML keeps them, LaTeX may leave them out.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def norm(text):
    text = INVISIBLE.sub("", text)
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
            out.append("titre: " + norm(inlines(c[2])))
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
    return titled(pandoc("html", data))


def titled(tree):
    out = []
    # The title: the h1 of the page, in DOCX a Title paragraph, which
    # pandoc moves into the metadata; compared apart.
    blocks = [b for b in tree["blocks"]]
    flatten(blocks, out)
    title = None
    h1 = [b for b in walk_headers(tree["blocks"]) if b["c"][0] == 1]
    if h1:
        title = norm(inlines(h1[0]["c"][2]))
        out.remove("titre: " + title)
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


# lgc's commands (src/format/latex/preamble.c) as pandoc can expand
# them: what each prints, in the same order, without the layout; then
# a few of the kernel's that pandoc 2.17 does not know.  The
# headings take three arguments, lgc's \\lgcnumero being applied first
# (latex_body).  \\lgcancre stays undefined: pandoc keeps it as raw
# TeX, from which read_latex takes each label's number, as LaTeX's
# \\ref takes \\@currentlabel.
LATEX_COMMANDS = r"""
\newcommand\lgctitre[1]{\section*{#1}}
\newcommand\lgcsignet[3]{}
\newcommand\lgcarticle[3]{\subsection*{\lgcancre{#1}{#2}#3}}
\newcommand\lgcsousarticle[3]{\subsubsection*{\lgcancre{#1}{#2}#3}}
\newcommand\lgcsoussousarticle[3]{\paragraph*{\lgcancre{#1}{#2}#3}}
\newcommand\lgcrenvoi[2]{#2\ref{#1}}
\newcommand\lgcpartie[2]{\par\textbf{#1}\par #2\par Signature~:\par
  Date~:\par}
\newcommand\lgcpartiemention[3]{\par\textbf{#1}\par #2\par #3~:\par
  Date~:\par}
\newcommand\lgcsignatures[1]{\par #1\par}
\newcommand\lgcfait[1]{\par #1\par}
\newcommand\lgcdroite[1]{\par #1\par}
\newcommand\lgcbrouillon[1]{#1}
\newcommand\lgcchar[2]{#2}
\newcommand\lgcmanquant[1]{[U+#1]}
\newcommand\lgcpolice[2]{#2}
\newcommand\lgcrtl[1]{#1}
\newcommand\lgccoupure{}
\newcommand\allowbreak{}
\newcommand\hspace[1]{}
\newcommand\mbox[1]{#1}
\newcommand\leavevmode{}
\newcommand\newline{\\}
\newcommand\noindent{}
\newcommand\hfill{}
\newcommand\bigskip{}
"""
HEADING = re.compile(r"\\(lgc(?:sous){0,2}article)\{")
ANCHOR = re.compile(r"^\\lgcancre\{([^{}]*)\}\{([^{}]*)\}$")
REF = re.compile(r"^\\ref\{([^{}]*)\}$")
# The kernel's text commands lgc writes that pandoc 2.17 keeps as raw
# TeX, and the character each prints.  Defining them as macros would
# not do: pandoc's smart quotes would curl the ' and ` they expand to.
CHARACTERS = {"textendash": "\u2013", "textemdash": "\u2014",
              "textminus": "\u2212", "textquotesingle": "'",
              "textquotedbl": '"', "textbar": "|", "textasciigrave": "`"}
# pandoc takes the groups after an unknown command for its arguments:
# "\\textquotedbl{}{]}", the second group's plain text printed after.
CHARACTER = re.compile(r"^\\([a-z]+)(?:\{\})?((?:\{[^{}\\]*\})*)\s*$")
LABEL = re.compile(r"^\\label\{([^{}]*)\}\s*$")
SEPARATORS = {"lgcarticle": "~\\textendash\\ ", "lgcsousarticle": " ",
              "lgcsoussousarticle": " "}


def braced(text, at):
    """The group opening at text[at] ('{'), and the index after it."""
    depth, i = 0, at
    while True:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return text[at + 1:i], i + 1
        i += 1


def latex_body(tex):
    """The body of lgc's LaTeX under LATEX_COMMANDS, each heading's
    \\lgcnumero{label}{separator}{title} done as LaTeX does it: the
    separator only between a label and a title both not empty."""
    text = tex.decode("utf-8")
    start = text.index("\\begin{document}") + len("\\begin{document}")
    body = text[start:text.rindex("\\end{document}")]
    out, pos = [], 0
    for m in HEADING.finditer(body):
        if m.start() < pos:
            continue
        args, i = [], m.end() - 1
        for _ in range(4):
            arg, i = braced(body, i)
            args.append(arg)
        label, number, anchor, title = args
        sep = SEPARATORS[m.group(1)] if label and title else ""
        out.append(body[pos:m.start()])
        out.append("\\%s{%s}{%s}{%s%s%s}" % (m.group(1), number, anchor,
                                            label, sep, title))
        pos = i
    out.append(body[pos:])
    return (LATEX_COMMANDS + "".join(out)).encode("utf-8")


def resolve(node, numbers):
    """Takes each \\lgcancre out of the tree into NUMBERS (label:
    number), drops \\label, puts in the characters of CHARACTERS; TeX
    pandoc did not understand stays, as text, for the comparison to
    show it."""
    if isinstance(node, list):
        kept = []
        for x in node:
            if isinstance(x, dict) and x.get("t") == "RawInline":
                m = ANCHOR.match(x["c"][1])
                if m:
                    numbers[m.group(2)] = m.group(1)
                    continue
            if isinstance(x, dict) and x.get("t") in ("RawInline",
                                                      "RawBlock") and \
                    LABEL.match(x["c"][1]):
                continue  # \label prints nothing (lgc-derniere-page)
            if isinstance(x, dict) and x.get("t") in ("RawInline",
                                                      "RawBlock"):
                m = CHARACTER.match(x["c"][1])
                if m and m.group(1) in CHARACTERS:
                    c = {"t": "Str", "c": CHARACTERS[m.group(1)] +
                         re.sub("[{}]", "", m.group(2))}
                    x = c if x["t"] == "RawInline" else \
                        {"t": "Plain", "c": [c]}
            if isinstance(x, dict) and x.get("t") == "RawBlock":
                x = {"t": "Para", "c": [{"t": "Str", "c": x["c"][1]}]}
            kept.append(resolve(x, numbers))
        node[:] = kept
    elif isinstance(node, dict):
        for v in node.values():
            resolve(v, numbers)
    return node


def references(node, numbers):
    """Each \\ref (a link, or raw TeX when it points forward) becomes
    the number of its label, as LaTeX prints it on its second run."""
    if isinstance(node, list):
        for i, x in enumerate(node):
            if isinstance(x, dict) and x.get("t") == "RawInline":
                m = REF.match(x["c"][1])
                if m:
                    node[i] = {"t": "Str", "c": numbers.get(
                        m.group(1), "[%s]" % m.group(1))}
                    continue
            references(x, numbers)
    elif isinstance(node, dict):
        if node.get("t") == "Link":
            attrs = dict(node["c"][0][2])
            if attrs.get("reference-type") == "ref":
                ref = attrs["reference"]
                node["c"][1] = [{"t": "Str", "c": numbers.get(
                    ref, "[%s]" % ref)}]
        for v in node.values():
            references(v, numbers)


def read_latex(data):
    tree = pandoc("latex+raw_tex", latex_body(data))
    numbers = {}
    resolve(tree["blocks"], numbers)
    references(tree["blocks"], numbers)
    return titled(tree)


READERS = {"html": read_html, "docx": read_docx, "latex": read_latex}


def unnumbered(blocks):
    """The headings without the numbers Word writes itself."""
    return ["titre: " + NUMBER.sub("", x[7:]) if x.startswith("titre: ")
            else x for x in blocks]


def compare(fmt_a, data_a, fmt_b, data_b):
    """None when equivalent, else a few lines saying where."""
    title_a, a = READERS[fmt_a](data_a)
    title_b, b = READERS[fmt_b](data_b)
    if "docx" in (fmt_a, fmt_b):
        a, b = unnumbered(a), unnumbered(b)
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
