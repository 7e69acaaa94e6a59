# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
"""A batch keeps the paragraphs it has typeset for the next contracts
(src/doc/memo.c), and the PDF backend the lines it broke them into
(src/format/pdf/lbmemo.c) and the parts it deflated: that must change
no byte.  For every golden template with data, and every example
contract, the data files are made into one batch, each record three
times (in order, reversed, in order again, so that each contract is made
both first and after the others), and every contract of the batch, in
HTML and in LaTeX, must be the expected file of that data, which the
golden cases check against a build of its own; for the examples, each
PDF and DOCX of the batch must be the file lgc build makes of that data
alone.

Prints "ok …" or "ÉCHEC …" lines; usage: lotmemo.py TOP LGC TMP."""
import glob
import json
import os
import shutil
import subprocess
import sys

top, lgc, tmp = sys.argv[1], sys.argv[2], sys.argv[3]
work = os.path.join(tmp, "lotmemo")
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)


def record(path):
    """The data of PATH as one JSON object, or None."""
    try:
        with open(path, encoding="utf-8") as f:
            value = json.load(f)
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def fails(base):
    """Whether the case at BASE is one that does not build."""
    if os.path.exists(base + ".args") or os.path.exists(base + ".status"):
        return True
    try:
        with open(base + ".err", encoding="utf-8") as f:
            return ": erreur:" in f.read()
    except OSError:
        return False


def cases():
    """(template, [(record, expected base, data file)]) for each
    template."""
    for path in sorted(glob.glob(os.path.join(top, "tests/golden/**/*.lgc"),
                                 recursive=True)):
        base = path[:-4]
        if os.path.exists(base + ".args"):
            continue
        found = []
        for data in [base + ".json"] + sorted(
                glob.glob(glob.escape(base) + "--*.json")):
            want = data[:-5]
            if not os.path.exists(data) or fails(want):
                continue
            rec = record(data)
            if rec is not None:
                found.append((rec, want, data))
        if found:
            yield path, found
    for path in sorted(glob.glob(os.path.join(top, "examples/*/contrat.lgc"))):
        name = os.path.basename(os.path.dirname(path))
        found = []
        for data in sorted(glob.glob(os.path.join(os.path.dirname(path),
                                                  "donnees/*.json"))):
            want = os.path.join(top, "tests/golden/exemples",
                                name + "--" + os.path.basename(data)[:-5])
            rec = record(data)
            if rec is not None and not fails(want):
                found.append((rec, want, data))
        if found:
            yield path, found


def batch(template, lot, fmt, count):
    """The files of one batch of TEMPLATE in FMT, in record order, and
    why it is wrong when it did not write COUNT of them (else None)."""
    out = os.path.join(work, "out")
    shutil.rmtree(out, ignore_errors=True)
    run = subprocess.run(
        [lgc, "build", os.path.basename(template), "--lot", lot,
         "--sortie", out + "/", "-f", fmt],
        cwd=os.path.dirname(template), capture_output=True)
    made = sorted(os.listdir(out)) if os.path.isdir(out) else []
    if len(made) != count:
        return made, "%d contrats écrits sur %d : %s" % (
            len(made), count, run.stderr.decode("utf-8", "replace")[-400:])
    return [os.path.join(out, m) for m in made], None


count = 0
for template, found in cases():
    order = found + found[::-1] + found
    rel = os.path.relpath(template, top)
    lot = os.path.join(work, "lot.jsonl")
    with open(lot, "w", encoding="utf-8") as f:
        for rec, _, _ in order:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    for fmt, ext in (("html", "html"), ("latex", "tex")):
        wanted = [(i, want + "." + ext) for i, (_, want, _)
                  in enumerate(order) if os.path.exists(want + "." + ext)]
        if not wanted:
            continue
        made, why = batch(template, lot, fmt, len(order))
        if why is None:
            for i, want in wanted:
                with open(made[i], "rb") as f:
                    got = f.read()
                with open(want, "rb") as f:
                    if got != f.read():
                        why = "l'enregistrement %d du lot n'est pas %s" % (
                            i + 1, os.path.relpath(want, top))
                        break
        count += 1
        if why is None:
            print("ok lot %s : %d contrats %s identiques à leurs "
                  "constructions seules" % (rel, len(order), fmt.upper()))
        else:
            print("ÉCHEC lot %s (%s) : %s" % (rel, fmt, why))
    if not rel.startswith("examples/"):
        continue
    # The PDF and the DOCX: each contract of the batch against the file
    # built from its data alone.
    alone = os.path.join(work, "alone")
    shutil.rmtree(alone, ignore_errors=True)
    os.makedirs(alone)
    for fmt in ("pdf", "docx"):
        made, why = batch(template, lot, fmt, len(order))
        for i, (_, _, data) in enumerate(order):
            if why is not None:
                break
            single = os.path.join(alone, "%s.%s" % (
                os.path.basename(data)[:-5], fmt))
            if not os.path.exists(single):
                subprocess.run(
                    [lgc, "build", os.path.basename(template), "-d", data,
                     "-o", single], cwd=os.path.dirname(template),
                    capture_output=True)
            try:
                with open(single, "rb") as f:
                    want = f.read()
            except OSError:
                why = "lgc build -d %s n'a rien écrit" % os.path.basename(data)
                break
            with open(made[i], "rb") as f:
                if f.read() != want:
                    why = "l'enregistrement %d du lot n'est pas le %s de " \
                          "%s seul" % (i + 1, fmt.upper(),
                                        os.path.basename(data))
        count += 1
        if why is None:
            print("ok lot %s : %d contrats %s identiques à ceux de lgc "
                  "build" % (rel, len(order), fmt.upper()))
        else:
            print("ÉCHEC lot %s (%s) : %s" % (rel, fmt, why))
if count == 0:
    print("ÉCHEC lot : aucun modèle avec données trouvé")
