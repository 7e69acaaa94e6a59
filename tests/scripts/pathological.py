#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
"""Pathological inputs, after cmark's pathological_tests.py: each case is
generated at size N and at 8N and compiled by the release ./lgc (the
sanitizer build is too slow and too noisy to time); the least processor
time (lgc's and its workers', user and system) of 5 runs at each size
is kept, and the case fails when the large one takes more
than 16 times the small one (linear is 8), or when lgc does not end as
expected.  N is chosen so that the small run takes some 20 to 60 ms
of processor time: at smaller sizes the start of the process hides
the growth (a quadratic {selon} passed at 200 cases; it was ×88 at
25,600).  Then the memory cases: peak resident memory at N and 8N, failing when it grows
more than 12 times, or when the bytes per item (from the difference of
the two, so that the program's own memory cancels out) pass a bound some
1.7 times what they are (bench/memoire.sh gives the figures).

  pathological.py LGC                 the suite: "ok …" or "ÉCHEC …" lines
  pathological.py LGC CASE N [-v]     one run of CASE at size N: seconds,
                                      peak memory (and lgc's stderr with -v)
"""
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

RATIO = 16
# Five, not three: on this virtual machine a run that touches 140 MB
# now and then takes 0.2 s more of system time than the same run just
# before (the host backing the guest's pages again, not lgc), and three
# runs in a row were all so slowed while another build ran beside the
# suite (the storm of unclosed emphasis: x18.4, where it is x5 to x11).
RUNS = 5
TIMEOUT = 60

HEAD = 'modele "Contrat de prestation"\n'


def write(d, name, text):
    with open(os.path.join(d, name), "w", encoding="utf-8") as f:
        f.write(text)


def template(d, decls, body):
    write(d, "t.lgc", HEAD + decls + "---\n" + body)


def data(d, obj):
    write(d, "d.json", json.dumps(obj, ensure_ascii=False))


BUILD = ["build", "t.lgc", "-f", "html", "-o", "out.html"]
BUILD_DATA = BUILD + ["-d", "d.json"]

# Each case: (name, N, generator, expected status).  A generator writes
# its files in a folder and returns lgc's arguments.


def unnumbered_in_loop(d, n):
    template(d, "entree xs : liste de texte\n",
             "{pour chaque x dans xs}\n# Annexe {-}\n\n{x}\n{fin}\n")
    data(d, {"xs": ["élément %d" % i for i in range(n)]})
    return BUILD_DATA


def numbered_in_loop(d, n):
    template(d, "entree xs : liste de texte\n",
             "{pour chaque x dans xs}\n# Article\n\n{x}\n{fin}\n")
    data(d, {"xs": ["élément %d" % i for i in range(n)]})
    return BUILD_DATA


def lot_equal_names(d, n):
    template(d, "entree nom : texte\n", "# Objet\n\nContrat de {nom}.\n")
    with open(os.path.join(d, "lot.jsonl"), "w", encoding="utf-8") as f:
        for _ in range(n):
            f.write('{"nom": "Dupont"}\n')
    return ["build", "t.lgc", "-f", "html", "--lot", "lot.jsonl",
            "--nom", "nom", "--sortie", "sortie", "-j", "1"]


def labels_and_refs(d, n):
    body = []
    for i in range(n):
        body.append("# Article %d {#a%d}\n\nVoir l'{ref a%d}.\n" %
                    (i, i, (i * 7919) % n))
    template(d, "", "\n".join(body))
    return BUILD


def long_ref(d, n):
    # One {ref} over lines of 100 labels (a line is at most 64 KB).
    body = ["# Renvois\n\nVoir les {ref %s}.\n" % ",\n".join(
        ", ".join("a%d" % i for i in range(k, min(k + 100, n)))
        for k in range(0, n, 100))]
    for i in range(n):
        body.append("## Point {#a%d}\n\nTexte.\n" % i)
    template(d, "", "\n".join(body))
    return BUILD


def articles(d, n):
    body = []
    for i in range(n):
        body.append("# Article\n\nTexte %d.\n" % i)
    template(d, "", "\n".join(body))
    return BUILD


def nested_loops(d, n):
    template(d, "entree xs : liste de texte\nentree ys : liste de texte\n",
             "{pour chaque x dans xs}\n{pour chaque y dans ys}\n"
             "{x} et {y}.\n{fin}\n{fin}\n")
    data(d, {"xs": ["x%d" % i for i in range(n)],
             "ys": ["y%d" % i for i in range(50)]})
    return BUILD_DATA


def nested_square(d, n):
    # Not in the suite (its output grows as N²): the measure.
    template(d, "entree xs : liste de texte\n",
             "{pour chaque x dans xs}\n{pour chaque y dans xs}\n"
             "{x} et {y}.\n{fin}\n{fin}\n")
    data(d, {"xs": ["x%d" % i for i in range(n)]})
    return BUILD_DATA


def data_list(d, n):
    template(d, "entree xs : liste de texte\n",
             "# Objet\n\nLa liste compte {xs | nombre} éléments.\n")
    data(d, {"xs": ["e%d" % i for i in range(n)]})
    return BUILD_DATA


def big_json_array(d, n):
    template(d, "entree xs : liste de entier\n", "# Objet\n\n{xs}.\n")
    data(d, {"xs": list(range(n))})
    return BUILD_DATA


def big_json_string(d, n):
    template(d, "entree s : texte\n", "# Objet\n\n{s}\n")
    data(d, {"s": ("Le Prestataire exécute la prestation. " * (n // 38 + 1))[:n]})
    return BUILD_DATA


def deep_if(d, n):
    # MAX_NESTING (syntax/state.h) is 64 open blocks: 63 here.
    depth = 63
    block = "".join("{si a}\n" for _ in range(depth)) + "Texte.\n" + \
        "".join("{fin}\n" for _ in range(depth))
    template(d, "entree a : booleen = vrai\n", "# Objet\n\n" + block * n)
    return BUILD


def deep_expr(d, n):
    # MAX_EXPR_DEPTH (syntax/state.h) is 200 nested operators: 190 here.
    expr = "(" * 190 + "1" + " + 1)" * 190
    template(d, "", "# Objet\n\n" + ("{%s}\n" % expr) * n)
    return BUILD


def deep_include(d, n):
    # MAX_INCLUDE_DEPTH (check/body.c) is 16: a chain of 15 clauses,
    # included N times.
    for i in range(15):
        nxt = '{inclure "c%d"}\n' % (i + 1) if i < 14 else ""
        write(d, "c%d.lgc" % i, "---\nTexte %d.\n\n%s" % (i, nxt))
    template(d, "", "# Objet\n\n" + '{inclure "c0"}\n\n' * n)
    return BUILD


def many_includes(d, n):
    for i in range(n):
        write(d, "c%d.lgc" % i, "---\n## Clause %d\n\nTexte %d.\n" % (i, i))
    template(d, "", "# Objet\n\n" +
             "".join('{inclure "c%d"}\n\n' % i for i in range(n)))
    return BUILD


def long_lines(d, n):
    # SOURCE_MAX_LINE (base/source.h) is 64 KB a line: 40 lines of N
    # characters (N at most 7,900, so that 8N stays under it).
    word = "prestation "
    line = (word * (n // len(word) + 1))[:n]
    template(d, "", "# Objet\n\n" + (line + "\n\n") * 40)
    return BUILD


def emphasis_open(d, n):
    # Never closed: an error each, the first ones shown.
    template(d, "", "# Objet\n\n" + ("*a **b " * 150 + "\n") * n)
    return BUILD


def emphasis_closed(d, n):
    template(d, "", "# Objet\n\n" +
             ("*a* **b** ***c*** *d **e** f* " * 20 + "\n") * n)
    return BUILD


def many_cases(d, n):
    cases = "".join('{cas "v%d"}\nTexte %d.\n' % (i, i) for i in range(n))
    template(d, 'entree v : texte = "v%d"\n' % (n - 1),
             "# Objet\n\n{selon v}\n" + cases + "{autre}\nAutre.\n{fin}\n")
    return BUILD


CASES = [
    ("titre non numéroté dans une boucle", 6400, unnumbered_in_loop, 0),
    ("titre numéroté dans une boucle", 8000, numbered_in_loop, 0),
    ("--lot --nom, noms égaux", 1000, lot_equal_names, 0),
    ("N étiquettes et N renvois", 2000, labels_and_refs, 0),
    ("{ref} de N étiquettes", 4000, long_ref, 0),
    ("N articles", 8000, articles, 0),
    ("boucles imbriquées", 160, nested_loops, 0),
    ("liste de N éléments dans les données", 32000, data_list, 0),
    ("tableau JSON de N nombres", 32000, big_json_array, 0),
    ("chaîne JSON de N caractères", 640000, big_json_string, 0),
    ("{si} imbriqués à 63 niveaux, N fois", 200, deep_if, 0),
    ("expression à 190 niveaux, N fois", 160, deep_expr, 0),
    ("inclusions à 15 niveaux, N fois", 160, deep_include, 0),
    ("N clauses incluses", 1280, many_includes, 0),
    ("40 lignes de N caractères", 7900, long_lines, 0),
    ("tempête de * et ** jamais fermés", 160, emphasis_open, 1),
    ("tempête de * et ** fermés", 160, emphasis_closed, 0),
    ("{selon} à N cas", 6400, many_cases, 0),
]


def records_list(d, n):
    template(d, "type prestation = { nom : texte, prix : montant }\n"
             "entree prestations : liste de prestation\n",
             "# Prestations\n\n{pour chaque p dans prestations}\n"
             "- {p.nom} : {p.prix}\n{fin}\n")
    data(d, {"prestations": [{"nom": "Prestation %d" % i,
                              "prix": 100 + i % 1000} for i in range(n)]})
    return BUILD_DATA + ["--limite", "noeuds=100000000"]


def nested_side(n):
    return int(round(n ** 0.5))


def nested_turns(d, n):
    # Two loops over √N items: N turns, one paragraph.
    template(d, "entree xs : liste de texte\n",
             "{pour chaque x dans xs}\n{pour chaque y dans xs}\n"
             "{x} et {y}.\n{fin}\n{fin}\n")
    data(d, {"xs": ["x%d" % i for i in range(nested_side(n))]})
    return BUILD_DATA + ["--limite", "noeuds=100000000"]


# A run's peak memory is the same allocations on the same input: steady
# enough for these bounds, which only a regression passes.
MEM_RATIO = 12
MEMORY = [
    # name, N, generator, items at size N, bytes per item at most
    ("mémoire d'une liste de N fiches", 20000, records_list,
     lambda n: n, 1500),
    ("mémoire de N tours de deux boucles imbriquées", 40000, nested_turns,
     lambda n: nested_side(n) ** 2, 1900),
]


def scratch():
    """A folder for one case: in memory (/dev/shm) where there is one.
    The --lot case writes a file per record, and on a disk the journal's
    pace, set by whatever else writes on the machine, swung its time by
    three; what is measured is lgc, not the disk."""
    shm = "/dev/shm"
    if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK):
        return tempfile.mkdtemp(prefix="patho", dir=shm)
    return tempfile.mkdtemp(prefix="patho")


def run_once(lgc, d, args, verbose=False):
    """Seconds, peak resident KB and status of one run of lgc in D."""
    env = dict(os.environ, LC_ALL="C.UTF-8")
    start = time.perf_counter()
    p = subprocess.Popen([lgc] + args, cwd=d, env=env,
                         stdout=subprocess.DEVNULL,
                         stderr=None if verbose else subprocess.DEVNULL)
    deadline = start + TIMEOUT
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid != 0:
            break
        if time.perf_counter() > deadline:
            p.kill()
            os.wait4(p.pid, 0)
            return TIMEOUT, 0, -1
        time.sleep(0.002)
    # The CPU time of lgc and of the workers it waited for (wait4 sums
    # them): what a super-linear algorithm costs, without the time spent
    # waiting for a disk or the processor that other work on the machine
    # holds, which made the wall-clock ratio swing (×7.5 to ×18 for the
    # same binary, the small run three times faster by luck).
    cpu = ru.ru_utime + ru.ru_stime
    p.returncode = os.waitstatus_to_exitcode(status)
    return cpu, ru.ru_maxrss, p.returncode


def best(lgc, d, args):
    times = []
    for _ in range(RUNS):
        t, _, rc = run_once(lgc, d, args)
        if os.path.isdir(os.path.join(d, "sortie")):
            shutil.rmtree(os.path.join(d, "sortie"))
        times.append(t)
        if rc != 0 or t >= TIMEOUT:
            return t, rc
    return min(times), 0


def suite(lgc):
    failed = 0
    total = time.perf_counter()
    for name, n, gen, want in CASES:
        res = []
        why = None
        for size in (n, 8 * n):
            d = scratch()
            try:
                args = gen(d, size)
                t, rc = best(lgc, d, args)
            finally:
                shutil.rmtree(d)
            res.append(t)
            if t >= TIMEOUT:
                why = "plus de %d s à la taille %d" % (TIMEOUT, size)
            elif rc != want:
                why = "code de sortie %d à la taille %d, attendu %d" % (
                    rc, size, want)
            if why:
                break
        if why is None and res[1] / res[0] > RATIO:
            why = "temps processeur ×%.1f quand la taille est ×8 (%d ms puis %d ms)" % (
                res[1] / res[0], res[0] * 1000, res[1] * 1000)
        if why is None:
            print("ok pathologique : %s (N = %d : %d ms, 8N : %d ms, ×%.1f)"
                  % (name, n, res[0] * 1000, res[1] * 1000, res[1] / res[0]))
        else:
            print("ÉCHEC pathologique : %s : %s" % (name, why))
            failed += 1
    print("    %d cas en %.1f s" % (len(CASES), time.perf_counter() - total))
    for name, n, gen, items, bound in MEMORY:
        rss = []
        why = None
        for size in (n, 8 * n):
            d = scratch()
            try:
                _, kb, rc = run_once(lgc, d, gen(d, size))
            finally:
                shutil.rmtree(d)
            rss.append(kb)
            if rc != 0:
                why = "code de sortie %d à la taille %d" % (rc, size)
                break
        if why is None:
            per_item = (rss[1] - rss[0]) * 1024 / (items(8 * n) - items(n))
            if rss[1] > MEM_RATIO * rss[0]:
                why = "mémoire ×%.1f quand la taille est ×8" % (
                    rss[1] / rss[0])
            elif per_item > bound:
                why = "%d octets par élément, plus de %d" % (per_item, bound)
        if why is None:
            print("ok pathologique : %s (N = %d : %d Mo, 8N : %d Mo, "
                  "%d octets par élément)" % (name, n, rss[0] // 1024,
                                             rss[1] // 1024, per_item))
        else:
            print("ÉCHEC pathologique : %s : %s" % (name, why))
            failed += 1
    return failed


def main():
    if len(sys.argv) == 2:
        suite(os.path.abspath(sys.argv[1]))
        return 0
    if len(sys.argv) in (4, 5):
        lgc, which, size = os.path.abspath(sys.argv[1]), sys.argv[2], int(sys.argv[3])
        for name, _, gen, _ in CASES + [(which, 0, nested_square, 0)] + [
                (c[0], c[1], c[2], 0) for c in MEMORY]:
            if gen.__name__ == which or name == which:
                break
        else:
            print("cas inconnu : %s ; cas : %s" % (
                which, " ".join(c[2].__name__ for c in CASES)))
            return 2
        d = scratch()
        try:
            args = gen(d, size)
            t, rss, rc = run_once(lgc, d, args, len(sys.argv) == 5)
        finally:
            shutil.rmtree(d)
        print("%s %d : %.3f s, %d Mo, code %d" % (which, size, t, rss // 1024, rc))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
