#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
"""Redraws the alphabetical index of docs/diagnostics.md.

The index sits between <!-- index --> and <!-- /index -->: every code
that has a "### code" section, sorted without regard to case, in four
columns read top to bottom then left to right.  Several people add codes
at once; the table is made, never merged by hand.

    python3 docs/index-diagnostiques.py docs/diagnostics.md          rewrite
    python3 docs/index-diagnostiques.py --verifier docs/diagnostics.md
        exit 1, saying so, when the committed index is not this one
"""
import re
import sys

COLUMNS = 4
BEGIN, END = "<!-- index -->", "<!-- /index -->"


def index_table(text):
    codes = sorted({m.group(1) for m in
                    re.finditer(r"^### `?([a-z0-9-]+)`?\s*$", text, re.M)},
                   key=str.lower)
    rows = -(-len(codes) // COLUMNS)
    lines = ["|" + "   |" * COLUMNS, "|" + " --- |" * COLUMNS]
    for r in range(rows):
        cells = []
        for c in range(COLUMNS):
            i = c * rows + r
            cells.append(f"[`{codes[i]}`](#{codes[i]})" if i < len(codes)
                         else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def redrawn(text):
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        sys.exit(f"index-diagnostiques : marques {BEGIN} … {END} absentes")
    return (text[:start + len(BEGIN)] + "\n" + index_table(text) + "\n"
            + text[end:])


def main(argv):
    check = "--verifier" in argv
    paths = [a for a in argv if a != "--verifier"]
    if len(paths) != 1:
        sys.exit(__doc__)
    with open(paths[0], encoding="utf-8") as f:
        text = f.read()
    new = redrawn(text)
    if check:
        if new != text:
            print(f"{paths[0]} : l'index des codes n'est pas à jour "
                  "(python3 docs/index-diagnostiques.py "
                  f"{paths[0]})")
            return 1
        return 0
    if new != text:
        with open(paths[0], "w", encoding="utf-8") as f:
            f.write(new)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
