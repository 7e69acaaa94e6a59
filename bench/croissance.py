#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
"""Growth benchmark (make bench; not a test): lgc's time must be linear
in the size of the template and in the size of the batch.  Four series,
each doubled four times from a size where the work outweighs the start
of the process:

  articles   the number of articles of the template
  items      the number of items of one list
  nesting    the depth of nested {si} blocks (4 to 64, the limit)
  lot        the number of records of a --lot -j 1 batch

Each size is run by hyperfine, and what is kept is its fastest run:
on a shared machine the others only ever add to a run's time, so the
least is the figure that moves the least (a mean of processor time
still moved by a tenth from one run to the next here).  The files
are written on /dev/shm when there is one: what is timed is lgc, not
the disk.  The line of a series gives that time at each size and the
ratio of each doubling,
which must stay under 2.2 (linear is 2; the start of the process makes
it less).  Exits 1 when a ratio passes 2.2, 2 when hyperfine is missing.

  croissance.py LGC [--runs N]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

LIMIT = 2.2
DOUBLINGS = 4

HEAD = ('modele "Croissance"\n'
        'entree client : texte "Client"\n'
        'entree montant : montant "Montant"\n'
        'entree options : liste de texte "Options"\n'
        '---\n')
DATA = {"client": "Solveo Industrie", "montant": "1200 €",
        "options": ["courriel", "téléphone", "rapport mensuel"]}


def article(i):
    """One article: prose with the client's values, a nested list, a
    loop over a list input."""
    return ('# Article %d\n\n'
            'Le client {client} paie {montant} au titre de l\'article %d ; '
            'il s\'engage à « collaborer » de bonne foi, dans les 30 jours '
            'qui suivent la 1re demande (art. %d).\n\n'
            '- premier point de l\'article %d\n'
            '- second point, avec {client}\n'
            '  - sous-point a\n'
            '  - sous-point b\n'
            '    1. détail 1\n'
            '    2. détail 2\n\n'
            '{pour chaque o dans options}\n'
            '- option {o} de l\'article %d\n'
            '{fin}\n\n') % (i, i, i, i, i)


def t_articles(n):
    return HEAD + "".join(article(i + 1) for i in range(n))


def t_items(n):
    return HEAD + "# Article 1\n\n" + "".join(
        "- point %d : le client {client} paie {montant}.\n" % (i + 1)
        for i in range(n)) + "\n{pour chaque o dans options}\n- {o}\n{fin}\n"


def t_nesting(n):
    # N nested {si} blocks, each level a paragraph and a list item: the
    # template grows as N (nested lists would not do: their indentation
    # makes the source, and the HTML, grow as the square of the depth).
    # Repeated so that the work outweighs the start of the process; the
    # language allows 64 levels.
    body = "# Article 1\n\n"
    for r in range(64):
        for d in range(n):
            body += ("{si client != \"\"}\nNiveau %d du bloc %d, pour "
                     "{client}.\n\n- point %d\n\n") % (d + 1, r + 1, d + 1)
        body += "{fin}\n" * n + "\n"
    return HEAD + body + ("Montant : {montant}.\n\n"
                          "{pour chaque o dans options}\n- {o}\n{fin}\n")


def fastest(runs, cmd, cwd):
    """The time in seconds of the fastest of RUNS runs of CMD in CWD."""
    out = os.path.join(cwd, "h.json")
    subprocess.run(["hyperfine", "-N", "--warmup", "2", "--runs", str(runs),
                    "--export-json", out, "--style", "none",
                    " ".join(cmd)], cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out, encoding="utf-8") as f:
        return json.load(f)["results"][0]["min"]


def series(name, runs, sizes, prepare):
    """Times each size (PREPARE writes its files, returns the command)."""
    times = []
    for n in sizes:
        d = tempfile.mkdtemp(prefix="lgc-croissance-", dir="/dev/shm"
                             if os.path.isdir("/dev/shm") else None)
        try:
            cmd = prepare(d, n)
            times.append(fastest(runs, cmd, d))
        finally:
            shutil.rmtree(d, ignore_errors=True)
    ratios = [times[i + 1] / times[i] for i in range(len(times) - 1)]
    ok = all(r < LIMIT for r in ratios)
    print("  %-9s %s" % (name, "  ".join("%d : %.1f ms" % (n, t * 1000)
                                       for n, t in zip(sizes, times))))
    print("  %-9s ratios par doublement : %s — %s" % (
        "", ", ".join("%.2f" % r for r in ratios),
        "linéaire (< %.1f)" % LIMIT if ok else "NON LINÉAIRE (≥ %.1f)" % LIMIT))
    return ok


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    lgc = os.path.abspath(sys.argv[1])
    runs = 10
    if len(sys.argv) == 4 and sys.argv[2] == "--runs":
        runs = int(sys.argv[3])
    if shutil.which("hyperfine") is None:
        print("croissance : hyperfine manque (make deps l'installe)",
              file=sys.stderr)
        return 2

    def template(text):
        def prepare(d, n):
            with open(os.path.join(d, "t.lgc"), "w", encoding="utf-8") as f:
                f.write(text(n))
            with open(os.path.join(d, "d.json"), "w", encoding="utf-8") as f:
                json.dump(DATA, f, ensure_ascii=False)
            # Each run must succeed: hyperfine stops on a failure.
            subprocess.run([lgc, "build", "t.lgc", "-d", "d.json", "-o",
                            "t.html"], cwd=d, check=True,
                           stderr=subprocess.DEVNULL)
            return [lgc, "build", "t.lgc", "-d", "d.json", "-o", "t.html"]
        return prepare

    def lot(d, n):
        with open(os.path.join(d, "t.lgc"), "w", encoding="utf-8") as f:
            f.write(t_articles(20))
        with open(os.path.join(d, "lot.jsonl"), "w", encoding="utf-8") as f:
            for i in range(n):
                rec = dict(DATA, client="Client n° %d" % (i + 1))
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return [lgc, "build", "t.lgc", "--lot", "lot.jsonl", "--sortie",
                "out/", "-f", "html", "-j", "1"]

    print("Croissance (la plus rapide de %d exécutions par hyperfine ; "
          "doublé %d fois)" % (runs, DOUBLINGS))
    ok = True
    ok &= series("articles", runs,
                 [50 << k for k in range(DOUBLINGS + 1)],
                 template(t_articles))
    ok &= series("points", runs,
                 [400 << k for k in range(DOUBLINGS + 1)],
                 template(t_items))
    ok &= series("imbrication", runs,
                 [4 << k for k in range(DOUBLINGS + 1)],
                 template(t_nesting))
    ok &= series("lot", runs,
                 [100 << k for k in range(DOUBLINGS + 1)], lot)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
