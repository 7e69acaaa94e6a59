#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The lgc authors
"""An LSP test client for `lgc lsp`, over pipes, standard library only.

  client.py session LGC TOP SESSION      runs SESSION, prints a transcript
  client.py prefixes LGC FILE [--lines]  types FILE character by character
                                         (or line by line), asking every
                                         request at each prefix
  client.py protocol LGC                 errors of the protocol, edge cases
  client.py bench LGC FILE [N]           each request kind N times, in ms

A session file has one command a line ('#' starts a comment):
  open PATH                     didOpen of PATH (relative to TOP)
  change PATH OLD => NEW        didChange: the first OLD replaced by NEW
                                (\\n in either: a line break)
  hover|definition|references|completion PATH @NEEDLE[+K]
                                the request at the first NEEDLE (plus K
                                characters; NEEDLE may hold spaces) of
                                the document as it is
  rename PATH NAME @NEEDLE[+K]  rename to NAME
  symbols|folding PATH          documentSymbol, foldingRange
  fix PATH CODE                 codeAction for the last published
                                diagnostic of code CODE
  save PATH                     didSave (the other documents are checked
                                again)
  close PATH
Every answer must be well-formed JSON-RPC 2.0, with the id asked; the
transcript (TOP replaced by $TOP) is compared with NAME.expected.
"""
import json
import os
import select
import subprocess
import sys
import time

TIMEOUT = 20.0


class Failure(Exception):
    pass


class Client:
    def __init__(self, lgc, args=()):
        self.proc = subprocess.Popen([lgc, "lsp", *args],
                                     stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        self.next_id = 0
        self.buf = b""
        self.notifications = []

    def write(self, msg):
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read_some(self, deadline):
        fd = self.proc.stdout.fileno()
        left = deadline - time.monotonic()
        if left <= 0:
            raise Failure("pas de réponse en %g s (blocage ?)" % TIMEOUT)
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            raise Failure("pas de réponse en %g s (blocage ?)" % TIMEOUT)
        data = os.read(fd, 1 << 16)
        if not data:
            raise Failure("lgc lsp s'est arrêté (code %s)" % self.proc.wait())
        self.buf += data

    def read_message(self, deadline):
        while b"\r\n\r\n" not in self.buf:
            self.read_some(deadline)
        head, _, rest = self.buf.partition(b"\r\n\r\n")
        length = None
        for line in head.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length is None:
            raise Failure("en-tête sans Content-Length : %r" % head)
        while len(rest) < length:
            self.read_some(deadline)
            head, _, rest = self.buf.partition(b"\r\n\r\n")
        body, self.buf = rest[:length], rest[length:]
        try:
            msg = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise Failure("JSON illisible : %s : %r" % (e, body[:200]))
        if not isinstance(msg, dict) or msg.get("jsonrpc") != "2.0":
            raise Failure("pas un message JSON-RPC 2.0 : %r" % body[:200])
        return msg

    def notify(self, method, params):
        self.write({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        rid = self.next_id
        self.write({"jsonrpc": "2.0", "id": rid, "method": method,
                    "params": params})
        deadline = time.monotonic() + TIMEOUT
        while True:
            msg = self.read_message(deadline)
            if "id" in msg and "method" not in msg:
                if msg["id"] != rid:
                    raise Failure("réponse %r à la requête %d" %
                                  (msg["id"], rid))
                if ("result" in msg) == ("error" in msg):
                    raise Failure("ni result ni error, ou les deux : %r" %
                                  msg)
                if "error" in msg:
                    e = msg["error"]
                    if not isinstance(e.get("code"), int) or \
                            not isinstance(e.get("message"), str):
                        raise Failure("erreur mal formée : %r" % e)
                return msg
            if msg.get("method") == "textDocument/publishDiagnostics":
                check_diagnostics(msg["params"])
            self.notifications.append(msg)

    def drain_diagnostics(self):
        """The diagnostics published since the last call: a request
        answered after them proves they were all sent."""
        self.request("textDocument/foldingRange",
                     {"textDocument": {"uri": "file:///rien"}})
        out = [m["params"] for m in self.notifications
               if m.get("method") == "textDocument/publishDiagnostics"]
        self.notifications = []
        return out

    def initialize(self, utf8=False):
        caps = {"general": {"positionEncodings":
                            ["utf-8", "utf-16"] if utf8 else ["utf-16"]}}
        r = self.request("initialize", {"processId": None, "rootUri": None,
                                        "capabilities": caps})
        self.notify("initialized", {})
        return r

    def close(self):
        r = self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.stdin.close()
        try:
            status = self.proc.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise Failure("lgc lsp ne s'arrête pas après exit")
        if status != 0:
            raise Failure("lgc lsp finit avec le code %d" % status)
        return r


def is_position(p):
    return isinstance(p, dict) and isinstance(p.get("line"), int) and \
        isinstance(p.get("character"), int) and p["line"] >= 0 and \
        p["character"] >= 0


def is_range(r):
    return isinstance(r, dict) and is_position(r.get("start")) and \
        is_position(r.get("end")) and \
        (r["start"]["line"], r["start"]["character"]) <= \
        (r["end"]["line"], r["end"]["character"])


def check_diagnostics(params):
    if not isinstance(params.get("uri"), str) or \
            not isinstance(params.get("diagnostics"), list):
        raise Failure("publishDiagnostics mal formé : %r" % params)
    for d in params["diagnostics"]:
        if not is_range(d.get("range")) or d.get("severity") not in \
                (1, 2, 3, 4) or not isinstance(d.get("message"), str):
            raise Failure("diagnostic mal formé : %r" % d)


def uri_of(top, path):
    from urllib.parse import quote
    return "file://" + quote(os.path.join(top, path))


def offset_position(text, offset, utf8=False):
    before = text[:offset]
    line = before.count("\n")
    col = before[before.rfind("\n") + 1:]
    if utf8:
        return {"line": line, "character": len(col.encode("utf-8"))}
    return {"line": line,
            "character": len(col.encode("utf-16-le")) // 2}


def rng(r):
    return "%d:%d-%d:%d" % (r["start"]["line"], r["start"]["character"],
                            r["end"]["line"], r["end"]["character"])


def loc(l):
    return "%s %s" % (l["uri"], rng(l["range"]))


def compact(word, result):
    """The answer in a few lines, where its shape is known."""
    if result is None or (isinstance(result, dict) and "code" in result):
        return result
    if word == "definition":
        return [loc(l) for l in (result if isinstance(result, list)
                                 else [result])]
    if word == "references":
        return [loc(l) for l in result]
    if word == "rename":
        return ["%s %s → %s" % (uri, rng(e["range"]), e["newText"])
                for uri, edits in sorted(result["changes"].items())
                for e in edits]
    if word == "symbols":
        lines = []

        def walk(syms, depth):
            for sym in syms:
                if not (sym["range"]["start"]["line"] <=
                        sym["selectionRange"]["start"]["line"] and
                        sym["selectionRange"]["end"]["line"] <=
                        sym["range"]["end"]["line"]):
                    raise Failure("selectionRange hors de range : %r" % sym)
                lines.append("%s%s [%s] %s%s" % (
                    "  " * depth, sym["name"], rng(sym["range"]),
                    rng(sym["selectionRange"]),
                    " (%s)" % sym["detail"] if "detail" in sym else ""))
                walk(sym.get("children", []), depth + 1)
        walk(result, 0)
        return lines
    if word == "folding":
        return ["%d-%d" % (f["startLine"], f["endLine"]) for f in result]
    if word == "completion":
        return sorted(i["label"] for i in result["items"])
    return result


def session(lgc, top, path):
    c = Client(lgc)
    out = []
    texts = {}
    diags = {}

    def show(title, value):
        text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
        out.append("> " + title + "\n" + text.replace(top, "$TOP") + "\n")

    def publish():
        for p in c.drain_diagnostics():
            diags[p["uri"]] = p["diagnostics"]
            show("diagnostics " + p["uri"].replace(top, "$TOP"), [
                {k: d[k] for k in ("range", "severity", "code", "message",
                                   "relatedInformation", "data") if k in d}
                for d in p["diagnostics"]])

    def where(doc, spec):
        needle, _, k = spec[1:].partition("+")
        at = texts[doc].find(needle)
        if at < 0:
            raise Failure("%s : « %s » introuvable" % (doc, needle))
        return offset_position(texts[doc], at + int(k or 0))

    r = c.initialize()
    show("initialize", r["result"]["capabilities"])
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        doc, _, rest = rest.partition(" ")
        uri = uri_of(top, doc)
        td = {"uri": uri}
        if word == "open":
            with open(os.path.join(top, doc), encoding="utf-8") as f:
                texts[doc] = f.read()
            c.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "lgc", "version": 1,
                "text": texts[doc]}})
            publish()
        elif word == "change":
            old, _, new = rest.partition(" => ")
            old, new = old.replace("\\n", "\n"), new.replace("\\n", "\n")
            if old not in texts[doc]:
                raise Failure("change : « %s » introuvable" % old)
            texts[doc] = texts[doc].replace(old, new, 1)
            c.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": 2},
                "contentChanges": [{"text": texts[doc]}]})
            publish()
        elif word == "save":
            c.notify("textDocument/didSave", {"textDocument": td})
            publish()
        elif word == "close":
            c.notify("textDocument/didClose", {"textDocument": td})
            publish()
        elif word in ("hover", "definition", "references", "completion",
                      "rename"):
            name = ""
            if word == "rename":
                name, _, rest = rest.partition(" ")
            spec = rest
            params = {"textDocument": td, "position": where(doc, spec)}
            if word == "references":
                params["context"] = {"includeDeclaration": True}
            if word == "rename":
                params["newName"] = name
            r = c.request("textDocument/" + word, params)
            show(line, compact(word, r.get("result", r.get("error"))))
        elif word == "symbols":
            show(line, compact(word, c.request(
                "textDocument/documentSymbol", {"textDocument": td})["result"]))
        elif word == "folding":
            show(line, compact(word, c.request(
                "textDocument/foldingRange", {"textDocument": td})["result"]))
        elif word == "fix":
            found = [d for d in diags.get(uri, []) if d.get("code") == rest]
            if not found:
                raise Failure("fix : aucun diagnostic %s" % rest)
            show(line, c.request("textDocument/codeAction", {
                "textDocument": td, "range": found[-1]["range"],
                "context": {"diagnostics": [found[-1]]}})["result"])
        else:
            raise Failure("commande inconnue : %s" % line)
    show("shutdown", c.close()["result"])
    sys.stdout.write("".join(out))


REQUESTS = ("hover", "completion", "definition", "references")


def prefixes(lgc, path, by_line, utf8):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    c = Client(lgc)
    c.initialize(utf8)
    uri = "file://" + os.path.abspath(path)
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "lgc", "version": 0, "text": ""}})
    if by_line:
        cuts = [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    else:
        cuts = range(1, len(text) + 1)
    count = 0
    for n, cut in enumerate(cuts):
        prefix = text[:cut]
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": n + 1},
            "contentChanges": [{"text": prefix}]})
        pos = offset_position(prefix, cut, utf8)
        td = {"uri": uri}
        for word in REQUESTS:
            params = {"textDocument": td, "position": pos}
            if word == "references":
                params["context"] = {"includeDeclaration": True}
            c.request("textDocument/" + word, params)
        # A position in the middle, where names were typed.
        mid = offset_position(prefix, cut // 2, utf8)
        c.request("textDocument/hover", {"textDocument": td, "position": mid})
        c.request("textDocument/rename", {"textDocument": td,
                                          "position": mid, "newName": "x"})
        c.request("textDocument/documentSymbol", {"textDocument": td})
        c.request("textDocument/foldingRange", {"textDocument": td})
        count += 1
    c.close()
    return count


def bench(lgc, path, n):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    c = Client(lgc)
    c.initialize()
    uri = "file://" + os.path.abspath(path)
    # A name in the body, for hover, definition, references, rename:
    # the first condition's.
    at = text.find("{si ", text.find("\n---\n"))
    pos = offset_position(text, at + 4)
    td = {"uri": uri}
    kinds = {
        "didOpen + diagnostics": None,
        "didChange + diagnostics": None,
        "hover": ("textDocument/hover", {"textDocument": td, "position": pos}),
        "completion": ("textDocument/completion",
                       {"textDocument": td, "position": pos}),
        "definition": ("textDocument/definition",
                       {"textDocument": td, "position": pos}),
        "references": ("textDocument/references",
                       {"textDocument": td, "position": pos,
                        "context": {"includeDeclaration": True}}),
        "rename": ("textDocument/rename", {"textDocument": td, "position": pos,
                                           "newName": "nouveau_nom"}),
        "documentSymbol": ("textDocument/documentSymbol", {"textDocument": td}),
        "foldingRange": ("textDocument/foldingRange", {"textDocument": td}),
    }
    for name, req in kinds.items():
        times = []
        for i in range(n):
            t0 = time.monotonic()
            if name.startswith("didOpen"):
                c.notify("textDocument/didOpen", {"textDocument": {
                    "uri": uri, "languageId": "lgc", "version": 1,
                    "text": text}})
                c.drain_diagnostics()
            elif name.startswith("didChange"):
                c.notify("textDocument/didChange", {
                    "textDocument": {"uri": uri, "version": i + 2},
                    "contentChanges": [{"text": text + "\n" * (i % 2)}]})
                c.drain_diagnostics()
            else:
                c.request(*req)
            times.append((time.monotonic() - t0) * 1000)
        times.sort()
        print("%-26s médiane %6.2f ms, 90e centile %6.2f ms (%d fois)%s" %
              (name, times[len(times) // 2], times[len(times) * 9 // 10], n,
               "" if times[len(times) // 2] <= 50 else "  > 50 ms"))
    c.close()


def protocol(lgc):
    """What a confused or hostile client gets: errors, never a crash."""
    c = Client(lgc)
    c.write({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover",
             "params": {}})
    r = c.read_message(time.monotonic() + TIMEOUT)
    if r.get("error", {}).get("code") != -32002:
        raise Failure("requête avant initialize : %r" % r)
    c.next_id = 1
    c.initialize()
    body = b"{pas du json"
    c.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    c.proc.stdin.flush()
    r = c.read_message(time.monotonic() + TIMEOUT)
    if r.get("error", {}).get("code") != -32700 or r.get("id") is not None:
        raise Failure("JSON illisible : %r" % r)
    r = c.request("textDocument/inexistant", {})
    if r.get("error", {}).get("code") != -32601:
        raise Failure("méthode inconnue : %r" % r)
    # A request on a document never opened, a position far away, a
    # change with a range (incremental) that reaches past the end.
    for method in ("hover", "definition", "completion", "references"):
        r = c.request("textDocument/" + method, {
            "textDocument": {"uri": "file:///nulle/part.lgc"},
            "position": {"line": 10 ** 9, "character": -5}})
        if r.get("result") not in (None, []) and method != "completion":
            raise Failure("%s sur un document inconnu : %r" % (method, r))
    uri = "file:///tmp/lgc-lsp-essai.lgc"
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "lgc", "version": 1,
        "text": "entree é : texte\n---\n{é} 😀 {"}})
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 2, "character": 3},
                                      "end": {"line": 99, "character": 0}},
                            "text": "\u00e9}"}]})
    d = c.drain_diagnostics()
    if len(d) != 2:
        raise Failure("deux publications attendues : %r" % d)
    r = c.request("textDocument/hover", {
        "textDocument": {"uri": uri},
        "position": {"line": 2, "character": 1}})
    if "`é`" not in json.dumps(r.get("result"), ensure_ascii=False):
        raise Failure("survol de « é » : %r" % r)
    # After shutdown, only exit.
    c.request("shutdown", None)
    r = c.request("textDocument/hover", {
        "textDocument": {"uri": uri},
        "position": {"line": 2, "character": 1}})
    if r.get("error", {}).get("code") != -32600:
        raise Failure("requête après shutdown : %r" % r)
    c.proc.stdin.close()
    if c.proc.wait(TIMEOUT) != 1:
        raise Failure("fin de l'entrée sans exit : code %d" %
                      c.proc.returncode)
    # exit without shutdown: status 1, as the protocol says.
    c = Client(lgc)
    c.initialize()
    c.notify("exit", None)
    c.proc.stdin.close()
    if c.proc.wait(TIMEOUT) != 1:
        raise Failure("exit sans shutdown : code %d" % c.proc.returncode)
    print("protocole")


def main():
    try:
        if sys.argv[1] == "session":
            session(sys.argv[2], sys.argv[3], sys.argv[4])
        elif sys.argv[1] == "prefixes":
            args = sys.argv[4:]
            n = prefixes(sys.argv[2], sys.argv[3], "--lines" in args,
                         "--utf8" in args)
            print("%d préfixes" % n)
        elif sys.argv[1] == "protocol":
            protocol(sys.argv[2])
        elif sys.argv[1] == "bench":
            bench(sys.argv[2], sys.argv[3],
                  int(sys.argv[4]) if len(sys.argv) > 4 else 20)
        else:
            raise SystemExit(__doc__)
    except Failure as e:
        print("ÉCHEC : %s" % e)
        sys.exit(1)


if __name__ == "__main__":
    main()
