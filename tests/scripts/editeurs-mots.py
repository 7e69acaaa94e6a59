# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
"""The editors' keyword lists against lgc's own tables.

Reads what tests/fuzz/dict.sh extracts from the sources (the keywords
and header statements of src/syntax/keywords.c, the types of
src/lang/types.c, the filters and functions of src/lang/functions.c,
the duration units of grammar/lexer.l) and compares each list with the
TextMate grammar's (editors/vscode/syntaxes/lgc.tmLanguage.json),
Vim's (editors/vim/syntax/lgc.vim) and Emacs's (editors/emacs/lgc-mode.el): a word lgc gains or loses and an
editor does not fails here.  Prints "ok …" or "ÉCHEC …" lines.

    python3 editeurs-mots.py DICT GRAMMAR.json SYNTAX.vim LGC-MODE.el
"""
import json
import re
import sys

# Words the editors colour that no table holds: « pour chaque » is two
# words the scanner joins (src/syntax/scan.c); choix(…) and « liste de »
# are type constructors of the grammar (grammar/parser.y).
EXTRA_KEYWORDS = {"pour", "chaque"}
EXTRA_TYPES = {"choix", "liste", "de"}


def unescape(s):
    """A libFuzzer dictionary string (\\xNN, \\\\, \\") as text."""
    b = re.sub(rb'\\x([0-9a-f]{2})', lambda m: bytes([int(m.group(1), 16)]),
               s.encode('ascii'))
    b = re.sub(rb'\\(["\\])', rb'\1', b)
    return b.decode('utf-8')


def tables(path):
    t = {"mot": set(), "instruction": set(), "type": set(), "fn": set(),
         "duree": set()}
    for line in open(path, encoding='ascii'):
        m = re.match(r'^([a-z_]+?)(?:_[A-Za-z0-9_]+)?="(.*)"$', line.rstrip('\n'))
        if not m:
            continue
        name, text = line.split('=', 1)
        text = unescape(text.strip()[1:-1])
        if name == 'mot':
            t["mot"].add(text)
        elif name == 'instruction':
            t["instruction"].add(text.strip())
        elif name == 'type':
            t["type"].add(text.replace(':', '').strip())
        elif name.startswith('fn_'):
            t["fn"].add(text)
        elif name == 'duree':
            t["duree"].add(text.split()[-1])
    return t


def alternation(regex):
    """The words of the first (?:a|b|…) group of a regex."""
    m = re.search(r'\(\?:([^()]*)\)', regex)
    return set(m.group(1).split('|')) if m else set()


def grammar_lists(path):
    repo = json.load(open(path, encoding='utf-8'))["repository"]
    kw = set()
    for k in ("keyword-control", "keyword-other", "keyword-operator",
              "keyword-constant"):
        kw |= alternation(repo[k]["match"])
    return {
        "instruction": alternation(repo["statement"]["match"]),
        "mot": kw,
        "type": alternation(repo["type"]["match"]),
        "fn": alternation(repo["function"]["match"]),
        "duree": alternation(repo["duration"]["match"].split(']*', 1)[1]),
        # Subsets: the statements that declare a name, the label keywords.
        "definition": set(re.search(r'\^\(([^()]*)\)', repo["definition"]["match"])
                          .group(1).split('|')),
        "reference": set(re.search(r'\(([^()?]*)\)', repo["reference"]["begin"])
                         .group(1).split('|')),
    }


def vim_lists(path):
    groups = {}
    for line in open(path, encoding='utf-8'):
        m = re.match(r'^syntax keyword (\w+) (.*?)( contained)?$', line.rstrip('\n'))
        if m:
            groups.setdefault(m.group(1), set()).update(m.group(2).split())
    dur = ""
    for line in open(path, encoding='utf-8'):
        if line.startswith('syntax match lgcDuration'):
            dur = line
    units = set(re.search(r'\\%\(((?:[a-z]+\\\|)+[a-z]+)\\\)', dur).group(1)
                .split('\\|')) if dur else set()
    return {
        "instruction": groups.get("lgcStatement", set()),
        "mot": set().union(*(groups.get(g, set()) for g in
                             ("lgcConditional", "lgcKeyword", "lgcOperatorWord",
                              "lgcBoolean"))),
        "type": groups.get("lgcType", set()),
        "fn": groups.get("lgcFunction", set()),
        "duree": units,
    }


def emacs_lists(path):
    text = open(path, encoding='utf-8').read()

    def const(name):
        m = re.search(r"\(defconst " + name + r"\s+'\(([^)]*)\)", text)
        return set(re.findall(r'"([^"]*)"', m.group(1))) if m else set()
    return {
        "instruction": const("lgc-statements"),
        "mot": const("lgc-keywords") | const("lgc-constants"),
        "type": const("lgc-types"),
        "fn": const("lgc-functions"),
        "duree": const("lgc-duration-units"),
    }


def compare(editor, what, have, want):
    if have == want:
        print(f"ok editeurs : mots de {editor} : {what} ({len(want)}) "
              "identiques aux tables de lgc")
        return True
    missing = sorted(want - have)
    extra = sorted(have - want)
    print(f"ÉCHEC editeurs : mots de {editor} : {what} : "
          f"manquent {missing}, en trop {extra}")
    return False


def main():
    t = tables(sys.argv[1])
    if not all(t.values()):
        print("ÉCHEC editeurs : tables de lgc illisibles dans "
              f"tests/fuzz/dict.sh ({ {k: len(v) for k, v in t.items()} })")
        return 1
    want = {
        "instruction": t["instruction"],
        "mot": t["mot"] | EXTRA_KEYWORDS,
        "type": t["type"] | EXTRA_TYPES,
        "fn": t["fn"],
        "duree": t["duree"],
    }
    names = {"instruction": "instructions de l'en-tête", "mot": "mots-clés",
             "type": "types", "fn": "filtres et fonctions",
             "duree": "unités de durée"}
    good = True
    g = grammar_lists(sys.argv[2])
    v = vim_lists(sys.argv[3])
    e = emacs_lists(sys.argv[4])
    for k in names:
        good &= compare("la grammaire TextMate", names[k], g[k], want[k])
        good &= compare("Vim", names[k], v[k], want[k])
        good &= compare("Emacs", names[k], e[k], want[k])
    for k, sup, what in (("definition", "instruction", "instructions qui déclarent"),
                         ("reference", "mot", "mots des renvois")):
        if g[k] and g[k] <= want[sup]:
            print(f"ok editeurs : grammaire TextMate : {what} parmi les tables")
        else:
            print(f"ÉCHEC editeurs : grammaire TextMate : {what} : "
                  f"{sorted(g[k] - want[sup])} hors des tables")
            good = False
    return 0 if good else 1


sys.exit(main())
