#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
"""Vérifie les exemples de docs/langage.md et docs/diagnostics.md avec ./lgc.

Usage : python3 docs/verifier-exemples.py docs/langage.md docs/diagnostics.md [-v]
(après « make lgc » ; LGC=chemin/vers/lgc pour un autre exécutable).

Conventions dans le Markdown :
  ```lgc      un modèle complet ; « lgc check » doit réussir (code 0).
  ```json     juste après un bloc lgc : ses données ; « lgc build -d » doit réussir.
  <!-- test: fichier=nom.lgc -->     enregistre le bloc lgc suivant sous ce nom
                                     (pour les inclusions et les importations)
  <!-- test: erreur=code -->         le bloc lgc suivant doit produire ce diagnostic
  <!-- test: avertissement=code -->  le bloc lgc suivant doit produire cet avertissement
  <!-- test: erreur=code connu -->   écart connu avec le compilateur : signalé,
                                     sans compter comme un échec ; un écart
                                     résolu (le code obtenu) est un échec,
                                     pour que le texte soit mis à jour
  <!-- test: ignorer -->             le bloc suivant n'est pas vérifié
  <!-- test: donnees-erreur=code --> le bloc json suivant doit produire ce diagnostic
  <!-- test: options='-D x=1' -->    options de plus pour la compilation du bloc json
  <!-- sortie -->  le bloc text suivant reprend (une partie du) texte du contrat
                   obtenu : chacune de ses lignes doit s'y trouver (espaces et
                   apostrophes normalisées).
"""
import html, json, os, re, shlex, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
LGC = os.environ.get("LGC", os.path.join(HERE, "..", "lgc"))
STDLIB = os.environ.get("LGC_STDLIB", os.path.join(HERE, "..", "stdlib"))

def norm(s):
    s = s.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")
    s = s.replace("&#39;", "'")
    return re.sub(r"\s+", " ", s).strip()

def html_text(out):
    m = re.search(r'<main class="contrat">(.*)</main>', out, re.S)
    body = m.group(1) if m else out
    lines = []
    for line in body.split("\n"):
        t = re.sub(r"<[^>]*>", "", line)
        t = html.unescape(t).strip()
        if t:
            lines.append(t)
    return lines

def run(args, cwd):
    p = subprocess.run([LGC] + args + ["--format-diagnostics", "json"], cwd=cwd,
                       capture_output=True, text=True)
    diags = []
    for line in p.stderr.splitlines():
        try:
            diags.append(json.loads(line))
        except ValueError:
            diags.append({"code": "?", "message": line, "gravite": "?"})
    return p.returncode, p.stdout, diags

def main(md, verbose):
    text = open(md, encoding="utf-8").read()
    tmp = tempfile.mkdtemp(prefix="lgcdoc-")
    blocks = re.finditer(r"((?:<!-- (?:test:[^>]*|sortie) -->\n)*)```(\w*)\n(.*?)```", text, re.S)
    n = 0
    fails = 0
    last = None  # (file name, options, rendered lines)
    last_data = None
    for b in blocks:
        directives = b.group(1)
        lang = b.group(2)
        body = b.group(3)
        line = text[:b.start(2)].count("\n") + 1
        d = {}
        for m in re.finditer(r"<!-- test: ([^>]*) -->", directives):
            for part in shlex.split(m.group(1)):
                k, _, v = part.partition("=")
                d.setdefault(k, []).append(v)
        if "options" in d:
            d["options"] = [shlex.split(x) for x in d["options"]]
        sortie = "<!-- sortie -->" in directives
        if "ignorer" in d:
            continue
        if lang == "lgc":
            n += 1
            name = d.get("fichier", ["exemple%d.lgc" % n])[0]
            path = os.path.join(tmp, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "w", encoding="utf-8").write(body)
            rc, out, diags = run(["check", name, "-I", STDLIB], tmp)
            codes = [x.get("code") for x in diags]
            want = d.get("erreur", []) + d.get("avertissement", [])
            if want:
                missing = [w for w in want if w not in codes]
                if missing and "connu" in d:
                    print("écart connu l.%d (%s) : codes attendus %s, obtenus %s" % (line, name, missing, [x.get('code') for x in diags]))
                elif missing:
                    fails += 1
                    print("ÉCHEC " + md + " l.%d (%s) : codes attendus %s, obtenus %s" % (line, name, missing, [(x.get('code'), x.get('message')) for x in diags]))
                elif "connu" in d:
                    fails += 1
                    print("ÉCHEC " + md + " l.%d (%s) : écart résolu, retirez « connu » et ce que le texte en dit : %s" % (line, name, want))
                elif verbose:
                    print("ok " + md + " l.%d %s -> %s" % (line, name, codes))
                last = None if d.get("erreur") else (name, [], None)
                continue
            if rc != 0:
                fails += 1
                print("ÉCHEC " + md + " l.%d (%s) : check rc=%d %s" % (line, name, rc, [(x.get('code'), x.get('message')) for x in diags]))
                last = None
                continue
            if diags and verbose:
                print("   l.%d avertissements : %s" % (line, codes))
            last = (name, [], None)
            last_data = None
            if verbose:
                print("ok " + md + " l.%d %s" % (line, name))
        elif lang == "json" and last is not None:
            dname = last[0].replace("/", "_") + ".json"
            open(os.path.join(tmp, dname), "w", encoding="utf-8").write(body)
            opts = sum(d.get("options", []), [])
            rc, out, diags = run(["build", last[0], "-d", dname, "-I", STDLIB] + opts, tmp)
            codes = [x.get("code") for x in diags]
            want = d.get("donnees-erreur", [])
            if want:
                missing = [w for w in want if w not in codes]
                if missing:
                    fails += 1
                    print("ÉCHEC " + md + " l.%d données : codes attendus %s, obtenus %s" % (line, missing, [(x.get('code'), x.get('message')) for x in diags]))
                elif verbose:
                    print("ok " + md + " l.%d données -> %s" % (line, codes))
                continue
            if rc != 0:
                fails += 1
                print("ÉCHEC " + md + " l.%d données pour %s : rc=%d %s" % (line, last[0], rc, [(x.get('code'), x.get('message')) for x in diags]))
                continue
            last = (last[0], opts, html_text(out))
            last_data = dname
            if verbose:
                print("ok " + md + " l.%d build %s %s" % (line, last[0], codes))
        elif lang == "text" and sortie:
            if last is None:
                print("ÉCHEC " + md + " l.%d : sortie sans exemple" % line)
                fails += 1
                continue
            if last[2] is None:
                opts = sum(d.get("options", []), [])
                rc, out, diags = run(["build", last[0], "-I", STDLIB] + opts, tmp)
                if rc != 0:
                    fails += 1
                    print("ÉCHEC " + md + " l.%d build sans données : %s" % (line, [(x.get('code'), x.get('message')) for x in diags]))
                    continue
                last = (last[0], opts, html_text(out))
            rendered = norm(" ".join(last[2]))
            for want in body.splitlines():
                w = norm(want)
                if w and w not in rendered:
                    fails += 1
                    print("ÉCHEC " + md + " l.%d sortie : « %s » absent de :\n   %s" % (line, w, rendered[:3000]))
                    break
            else:
                if verbose:
                    print("ok " + md + " l.%d sortie" % line)
    print("%s : %d exemples lgc, %d échecs" % (md, n, fails))
    shutil.rmtree(tmp, ignore_errors=True)
    return 1 if fails else 0

if __name__ == "__main__":
    files = [a for a in sys.argv[1:] if a != "-v"]
    if not files:
        sys.exit(__doc__)
    status = 0
    for f in files:
        status |= main(f, "-v" in sys.argv)
    sys.exit(status)
