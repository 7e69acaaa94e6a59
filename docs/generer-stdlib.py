#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
"""Writes docs/stdlib.md, the catalogue of the clause library, on stdout.

    python3 docs/generer-stdlib.py LGC STDLIB_DIR > docs/stdlib.md

or `make docs/stdlib.md`.  Everything comes from the clause files: what a
clause does from its leading comment, the article it prints from its
first heading, its parameters and the inputs it adds from `lgc schema`
(the parameters under $defs/parametres, each with lgc's own declaration
in "$comment").  tests/scripts/library.sh regenerates the file and fails
when it differs from the committed one, so the catalogue cannot drift
from the library.
"""
import json
import os
import re
import subprocess
import sys


NBSP = "\u00a0"


def french(text):
    """French typography: a no-break space before : ; ? ! » and after «,
    and the apostrophe ’."""
    text = text.replace("'", "’")
    text = re.sub(r" ([:;?!»])", NBSP + r"\1", text)
    return text.replace("« ", "«" + NBSP)


def leading_comment(lines):
    """The // lines before the first other line, without the slashes and
    the one space after them (the indentation of a list is kept)."""
    out = []
    for line in lines:
        if not line.startswith("//"):
            break
        out.append(line[3:] if line.startswith("// ") else line[2:])
    return out


def describe(comment):
    """The comment as Markdown: prose joined into one paragraph, and the
    aligned lists ("name   what it is", continued under "what") as lists.
    It stops where the parameters are listed ("Choix : …"): the table
    says them again, from the declarations."""
    out, para = [], []
    for line in comment:
        item = re.match(r"^(\w[\w, ]*?) {2,}(\S.*)$", line)
        if item:
            out.append("- `%s`" % "`, `".join(item.group(1).split(", ")) +
                       " : " + item.group(2))
        elif line.startswith("  ") and out and out[-1].startswith("- "):
            out[-1] += " " + line.strip()
        elif line.strip():
            para.append(line.strip())
    text = " ".join(para).split("Choix :")[0].strip()
    return [french(t) for t in ([text] if text else []) + out]


def choice_types(lines):
    """The choice types a file declares: name and values with their words."""
    types, current = [], None
    for line in lines:
        m = re.match(r"^type (\w+) = choix\($", line.strip())
        if m:
            current = (m.group(1), [])
            types.append(current)
            continue
        if current is not None:
            v = re.match(r'^(\w+) "([^"]*)"([,)])$', line.strip())
            if not v:
                current = None
                continue
            current[1].append((v.group(1), v.group(2)))
            if v.group(3) == ")":
                current = None
    return types


def first_heading(lines):
    """The text of the clause's first heading, whether it is numbered, and
    whether the body prints anything at all."""
    body, text = False, False
    for line in lines:
        if line.strip() == "---":
            body = True
            continue
        if not body or not line.strip() or line.lstrip().startswith("//"):
            continue
        m = re.match(r"^(#+)\s+(.*)$", line)
        if m and not text:
            heading = m.group(2).strip()
            numbered = not heading.endswith("{-}")
            heading = re.sub(r"\s*\{-\}$", "", heading)
            return heading, numbered, True
        text = True
    return None, True, text


def cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


def declaration(prop):
    """(type, default) from "$comment": "lgc : TYPE [= DÉFAUT]"."""
    comment = prop.get("$comment", "")
    comment = comment[len("lgc : "):] if comment.startswith("lgc : ") else comment
    if " = " in comment:
        kind, default = comment.split(" = ", 1)
    else:
        kind, default = comment, None
        if "default" in prop:
            default = "(valeur donnée par la clause)"
    values = [v["const"] for v in prop.get("oneOf", []) if v.get("const") is not None]
    if values:
        kind += " : " + ", ".join(values)
    return kind, default


def table(props, required, head):
    rows = ["| %s | Type | Par défaut | Libellé |" % head, "| --- | --- | --- | --- |"]
    for name, prop in props.items():
        kind, default = declaration(prop)
        if default is None:
            default = "obligatoire" if name in required else "facultatif"
        else:
            default = "`%s`" % default
        rows.append("| `%s` | `%s` | %s | %s |" % (
            name, cell(kind), cell(default),
            cell(french(prop.get("title", "")))))
    return rows


def clause(lgc, path):
    name = os.path.basename(path)[: -len(".lgc")]
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    comment = leading_comment(lines)
    summary = comment[0].strip().rstrip(".") if comment else name
    out = ["## `%s` — %s" % (name, french(summary)), ""]
    for part in describe(comment[1:]):
        out += [part]
        if not part.startswith("- "):
            out.append("")
    if out[-1] != "":
        out.append("")
    heading, numbered, prints = first_heading(lines)
    if heading is not None:
        out += ["Imprime son propre titre" + NBSP + ": «" + NBSP + heading +
                NBSP + "»" + ("" if numbered else ", non numéroté") +
                " ; le modèle n’en écrit pas avant elle.".replace(" ;", NBSP + ";"),
                ""]
    elif prints:
        out += ["N’imprime pas de titre" + NBSP + ": son texte prend place "
                "dans l’article en cours.", ""]
    else:
        out += ["N’imprime aucun texte.", ""]
    types = choice_types(lines)
    if types:
        out += ["Types choix" + NBSP + ":", "",
                "| Type | Valeurs |", "| --- | --- |"]
        for tname, values in types:
            out.append("| `%s` | %s |" % (tname, cell(" ;<br>".join(
                "`%s`" % v + NBSP + ": " + french(w) for v, w in values)).replace(
                    " ;", NBSP + ";")))
        out.append("")
    env = dict(os.environ, LGC_PATH=os.path.dirname(path))
    result = subprocess.run([lgc, "schema", path], capture_output=True,
                            env=env, check=True)
    schema = json.loads(result.stdout.decode("utf-8"))
    params = schema.get("$defs", {}).get("parametres")
    if params:
        out += ["Paramètres, à donner par `{inclure \"%s\" avec …}`" % name +
                NBSP + ":", ""]
        out += table(params["properties"], params.get("required", []), "Paramètre")
        out.append("")
    inputs = schema.get("properties", {})
    if inputs:
        out += ["Entrées qu’elle ajoute au contrat (données du client)" + NBSP +
                ":", ""]
        out += table(inputs, schema.get("required", []), "Entrée")
        out.append("")
    return out


def main():
    lgc, folder = sys.argv[1], sys.argv[2]
    files = sorted(f for f in os.listdir(folder) if f.endswith(".lgc"))
    out = [
        "# La bibliothèque de clauses",
        "",
        "<!-- Produit par `make docs/stdlib.md` (docs/generer-stdlib.py) à partir",
        "     des fichiers de stdlib/ : ne pas modifier à la main. -->",
        "",
        french(
            "Les clauses livrées avec `lgc`, dans l’ordre alphabétique. Un "
            "modèle en insère une avec `{inclure \"nom\" avec paramètre = "
            "valeur, …}` (voir `docs/langage.md`, section 12) ; un paramètre "
            "sans valeur par défaut doit être donné. Les types communs "
            "(`facturation`, `entreprise`…) viennent de `types`, qu’un modèle "
            "importe par `importer \"types\"` pour passer à une clause une "
            "valeur de l’un d’eux. `lgc schema stdlib/NOM.lgc` donne les mêmes "
            "informations en JSON Schema (les paramètres sous "
            "`$defs/parametres`, la déclaration de chacun dans `$comment`)."),
        "",
    ]
    for f in files:
        out += clause(lgc, os.path.join(folder, f))
    sys.stdout.write("\n".join(out).rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
