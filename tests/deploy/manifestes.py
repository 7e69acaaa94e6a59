# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
"""What tests/scripts/deploy.sh reads from deploy/: the Job's command and
environment, the fields of the manifests that matter to lgc, and the
Dockerfile's essentials.  Each check prints `ok …` or `ÉCHEC …`.

  python3 manifestes.py job JOB.yaml DOSSIER      writes DOSSIER/commande,
                                                  DOSSIER/env (KEY=VALUE)
  python3 manifestes.py verifier KUBERNETES/      the fields that matter
  python3 manifestes.py dockerfile Dockerfile DOSSIER
                                                  the essentials; writes
                                                  DOSSIER/{entrypoint,
                                                  healthcheck,copies,
                                                  install,from-build}
"""
import json
import os
import re
import shlex
import sys

import yaml


class StrictLoader(yaml.SafeLoader):
    """A mapping with a key twice is an error, as for the API server."""


def _mapping(loader, node, deep=False):
    keys = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in keys:
            raise yaml.constructor.ConstructorError(
                None, None, f"clé « {key} » en double", key_node.start_mark)
        keys.add(key)
    return loader.construct_mapping(node, deep=deep)


StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.load_all(f, Loader=StrictLoader) if d]


def check(ok, what):
    print(("ok " if ok else "ÉCHEC ") + what)


def job_container(job):
    return job["spec"]["template"]["spec"]["containers"][0]


def cmd_job(path, outdir):
    (job,) = load(path)
    c = job_container(job)
    command = c.get("command", [])
    if command[:2] != ["/bin/sh", "-c"] or len(command) != 3:
        sys.exit(f"{path} : la commande n'est pas /bin/sh -c SCRIPT")
    with open(os.path.join(outdir, "commande"), "w", encoding="utf-8") as f:
        f.write(command[2])
    with open(os.path.join(outdir, "env"), "w", encoding="utf-8") as f:
        for e in c.get("env", []):
            if "value" in e:
                f.write(f"{e['name']}={e['value']}\n")


def probes_on_sante(c, ports):
    for kind in ("startupProbe", "readinessProbe", "livenessProbe"):
        p = c.get(kind, {}).get("httpGet", {})
        port = p.get("port")
        yield kind, p.get("path") == "/sante" and (
            port in ports or port in ports.values())


def non_root(pod, c):
    sc = {**pod.get("securityContext", {}), **c.get("securityContext", {})}
    csc = c.get("securityContext", {})
    return (sc.get("runAsNonRoot") is True
            and isinstance(sc.get("runAsUser"), int) and sc["runAsUser"] > 0
            and csc.get("readOnlyRootFilesystem") is True
            and csc.get("allowPrivilegeEscalation") is False
            and csc.get("capabilities", {}).get("drop") == ["ALL"])


def tagged(image):
    name = image.rsplit("/", 1)[-1]
    return ":" in name and not name.endswith(":latest")


def cmd_verifier(folder):
    docs = {}
    for root, _, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(".yaml"):
                for d in load(os.path.join(root, name)):
                    docs[(d["kind"], d["metadata"]["name"])] = d
    dep = docs[("Deployment", "lgc")]
    pod = dep["spec"]["template"]["spec"]
    c = pod["containers"][0]
    ports = {p["name"]: p["containerPort"] for p in c.get("ports", [])}
    for kind, ok in probes_on_sante(c, ports):
        check(ok, f"Deployment : {kind} sur GET /sante, port du conteneur")
    check(non_root(pod, c), "Deployment : non root, racine en lecture "
          "seule, sans privilège ni capacité")
    check(any(m["mountPath"] == "/tmp" for m in c.get("volumeMounts", [])),
          "Deployment : /tmp inscriptible (emptyDir) malgré la racine en "
          "lecture seule")
    check(all(k in c.get("resources", {}).get(r, {})
              for r in ("requests", "limits") for k in ("cpu", "memory")),
          "Deployment : ressources demandées et limitées")
    pre = c.get("lifecycle", {}).get("preStop", {}).get("exec", {})
    sleep = int(pre.get("command", ["", "0"])[1]) if pre else 0
    check(pod.get("terminationGracePeriodSeconds", 30) >= sleep + 10,
          "Deployment : arrêt en douceur (preStop, puis SIGTERM avec le "
          "temps de finir les requêtes)")
    check(tagged(c["image"]), "Deployment : image étiquetée, pas latest")
    env = {e["name"]: e for e in c.get("env", [])}
    check(env.get("PORT", {}).get("value") == str(ports.get("http")),
          "Deployment : PORT est le port déclaré")
    labels = dep["spec"]["template"]["metadata"]["labels"]
    svc = docs[("Service", "lgc")]
    check(all(labels.get(k) == v for k, v in svc["spec"]["selector"].items())
          and svc["spec"]["ports"][0]["targetPort"] in ports,
          "Service : choisit les pods du Deployment, sur leur port http")
    hpa = docs[("HorizontalPodAutoscaler", "lgc")]
    ref = hpa["spec"]["scaleTargetRef"]
    metric = hpa["spec"]["metrics"][0]
    check(hpa["apiVersion"] == "autoscaling/v2"
          and (ref["kind"], ref["name"]) == ("Deployment", "lgc")
          and metric["resource"]["name"] == "cpu"
          and hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"],
          "HorizontalPodAutoscaler : autoscaling/v2, sur le CPU du "
          "Deployment")
    job = docs[("Job", "lgc-lot")]
    jpod = job["spec"]["template"]["spec"]
    jc = jpod["containers"][0]
    jenv = {e["name"]: e.get("value") for e in jc.get("env", [])}
    check(job["spec"].get("completionMode") == "Indexed",
          "Job : completionMode Indexed")
    check(str(job["spec"].get("completions")) == jenv.get("PARTS") ==
          str(job["spec"].get("parallelism")),
          f"Job : completions ({job['spec'].get('completions')}) = "
          f"parallelism ({job['spec'].get('parallelism')}) = PARTS "
          f"({jenv.get('PARTS')}) de la commande")
    script = jc["command"][-1]
    check(all(re.search(r"(?<![\w-])%s(?![\w-])" % w, script) for w in
              ("JOB_COMPLETION_INDEX", "PARTS", "--lot")), "Job : la commande découpe le lot selon "
          "JOB_COMPLETION_INDEX et PARTS")
    check(non_root(jpod, jc) and jpod.get("restartPolicy") == "Never",
          "Job : non root, racine en lecture seule, restartPolicy Never")
    check(tagged(jc["image"]) and jc["image"] == c["image"],
          "Job : la même image étiquetée que le Deployment")


def dockerfile_instructions(path):
    """(instruction, arguments) pairs, continuation lines joined."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines, current = [], ""
    for line in text.splitlines():
        if not current and (line.lstrip().startswith("#") or not line.strip()):
            continue
        if current and line.lstrip().startswith("#"):
            continue
        if line.rstrip().endswith("\\"):
            current += line.rstrip()[:-1] + " "
            continue
        lines.append(current + line)
        current = ""
    out = []
    for line in lines:
        word, _, rest = line.strip().partition(" ")
        out.append((word.upper(), rest.strip()))
    return out


def exec_form(args):
    try:
        v = json.loads(args)
    except ValueError:
        return None
    return v if isinstance(v, list) else None


def cmd_dockerfile(path, outdir):
    ins = dockerfile_instructions(path)
    stages = [i for i, (w, _) in enumerate(ins) if w == "FROM"]
    final = ins[stages[-1]:]
    names = set()
    froms_ok = True
    for i in stages:
        parts = ins[i][1].split()
        image = parts[0]
        if image not in names and not (tagged(image) and
                                       image.startswith("debian:bookworm-slim")):
            froms_ok = False
        if len(parts) == 3 and parts[1].upper() == "AS":
            names.add(parts[2])
    check(froms_ok and len(stages) >= 2, "Dockerfile : en plusieurs étapes, "
          "sur debian:bookworm-slim étiqueté (pas latest)")
    build = " ".join(a for w, a in ins[:stages[-1]] if w == "RUN")
    check(re.search(r"\bmake deps-build\b", build) is not None and
          re.search(r"\bmake -j", build) is not None,
          "Dockerfile : l'étape de construction lance make deps-build et make")
    users = [a for w, a in final if w == "USER"]
    check(bool(users) and re.fullmatch(r"[1-9][0-9]*(:[1-9][0-9]*)?",
                                       users[-1]) is not None,
          "Dockerfile : l'image finale tourne sous un utilisateur non root "
          "(numérique)")
    runs = " ".join(a for w, a in final if w == "RUN")
    check(all(p in runs.split() for p in ("fonts-liberation2", "fontconfig"))
          and "fc-cache" in runs,
          "Dockerfile : polices Liberation et fontconfig (cache construit)")
    health = [a for w, a in final if w == "HEALTHCHECK"]
    cmd = re.sub(r"^(--\S+\s+)*CMD\s+", "", health[-1]) if health else ""
    health_cmd = exec_form(cmd)
    check(health_cmd is not None, "Dockerfile : HEALTHCHECK CMD (forme exec)")
    entry = [exec_form(a) for w, a in final if w == "ENTRYPOINT"]
    check(bool(entry) and entry[-1] is not None, "Dockerfile : ENTRYPOINT en "
          "forme exec (les signaux vont au processus, pas à un shell)")
    # What the runtime stage takes from the build stage, and the make
    # install that puts it there.
    install = None
    for w, a in ins[:stages[-1]]:
        install = install or (re.search(r"make install ([^&;|{}]*)", a)
                              if w == "RUN" else None)
    with open(os.path.join(outdir, "install"), "w", encoding="utf-8") as f:
        f.write((install.group(1).strip() if install else "") + "\n")
    with open(os.path.join(outdir, "from-build"), "w", encoding="utf-8") as f:
        for w, a in final:
            if w == "COPY" and a.startswith("--from=build"):
                f.write(shlex.split(a)[1] + "\n")
    copies = []
    for w, a in final:
        if w == "COPY" and not a.startswith("--from"):
            src, dest = shlex.split(a)[-2:]
            copies.append((src, dest))
    with open(os.path.join(outdir, "copies"), "w", encoding="utf-8") as f:
        for src, dest in copies:
            f.write(f"{src} {dest}\n")
    with open(os.path.join(outdir, "entrypoint"), "w", encoding="utf-8") as f:
        f.write(" ".join(entry[-1] if entry and entry[-1] else []) + "\n")
    with open(os.path.join(outdir, "healthcheck"), "w", encoding="utf-8") as f:
        f.write(" ".join(health_cmd or []) + "\n")


def cmd_etape_finale(path):
    """The final stage as shell lines for tests/deploy/racine.sh: RUN
    NOM ARGS…, COPY SRC DEST (with --from=build), ENV K=V, USER, WORKDIR."""
    ins = dockerfile_instructions(path)
    stages = [i for i, (w, _) in enumerate(ins) if w == "FROM"]
    for w, a in ins[stages[-1] + 1:]:
        if w in ("RUN", "USER", "WORKDIR"):
            print(f"{w} {a}")
        elif w == "COPY":
            print("COPY " + " ".join(shlex.split(a)))
        elif w == "ENV":
            for kv in shlex.split(a):
                print(f"ENV {kv}")


def cmd_etape(path, n):
    """Stage N (0 the first, -1 the last) as shell-readable lines for
    tests/deploy/racine.sh: RUN COMMAND, COPY [--from=STAGE] SRC DEST,
    ENV K=V, USER U, WORKDIR D, SHELL WORDS…"""
    ins = dockerfile_instructions(path)
    stages = [i for i, (w, _) in enumerate(ins) if w == "FROM"]
    first = stages[n]
    last = stages[stages.index(first) + 1] if first != stages[-1] else len(ins)
    for w, a in ins[first + 1:last]:
        if w in ("RUN", "USER", "WORKDIR"):
            print(f"{w} {a}")
        elif w == "COPY":
            print("COPY " + " ".join(shlex.split(a)))
        elif w == "ENV":
            for kv in shlex.split(a):
                print(f"ENV {kv}")
        elif w == "SHELL":
            print("SHELL " + " ".join(exec_form(a)))


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "job":
        cmd_job(sys.argv[2], sys.argv[3])
    elif what == "verifier":
        cmd_verifier(sys.argv[2])
    elif what == "etape":
        cmd_etape(sys.argv[2], int(sys.argv[3]))
    elif what == "dockerfile":
        cmd_dockerfile(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
