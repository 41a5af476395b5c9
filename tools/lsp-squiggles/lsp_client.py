#!/usr/bin/env python3
"""A minimal LSP client over stdio: starts a C# language server in a project folder, opens one file, prints the
diagnostics the server publishes for it (and the code actions it offers at each DaemonLint one), as an editor would
see them. Standard library only.

Usage: lsp_client.py --server CMD [--server-arg ARG ...] --root DIR --file FILE [--timeout SECONDS] [--ids PREFIX]
                     [--settings-via all|initializationOptions|didChangeConfiguration|workspaceConfiguration|none]
"""
import argparse
import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path


class Connection:
    def __init__(self, argv, cwd):
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def _drain_stderr(self):
        for line in self.proc.stderr:
            if os.environ.get("LSP_VERBOSE"):
                sys.stderr.write("[server] " + line.decode("utf-8", "replace"))

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.decode("ascii", "replace").strip()
                if not line:
                    break
                key, _, value = line.partition(":")
                headers[key.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def send(self, payload):
        data = json.dumps(payload).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--server-arg", action="append", default=[])
    ap.add_argument("--root", required=True)
    ap.add_argument("--file", required=True)
    ap.add_argument("--timeout", type=float, default=240)
    ap.add_argument("--ids", default="DS")
    ap.add_argument("--settings-via", default="all", choices=["all", "initializationOptions", "didChangeConfiguration", "workspaceConfiguration", "none"],
                    help="how csharp.analyzersEnabled=true reaches the server (editors differ); none: the server's default")
    args = ap.parse_args()

    root = Path(args.root).resolve()
    file = Path(args.file).resolve()
    uri = file.as_uri()
    settings = {"csharp": {"analyzersEnabled": True, "logLevel": "info"}}
    via = args.settings_via
    def channel(name):
        return via in ("all", name)
    conn = Connection([args.server] + args.server_arg, str(root))
    start = time.monotonic()
    init_id = conn.request("initialize", {
        "processId": os.getpid(),
        "rootUri": root.as_uri(),
        "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
        "initializationOptions": settings if channel("initializationOptions") else None,
        "capabilities": {
            "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": True}, "workspaceFolders": True},
            "textDocument": {
                "synchronization": {"didSave": True},
                "publishDiagnostics": {"relatedInformation": True},
                "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["", "quickfix", "refactor", "source"]}}},
            },
            "window": {"workDoneProgress": True},
        },
    })

    pending = {}  # request id -> what it was
    first_ds = None
    shown = None
    opened = False
    code_actions_asked = False
    deadline = start + args.timeout
    while time.monotonic() < deadline:
        try:
            msg = conn.messages.get(timeout=1)
        except queue.Empty:
            continue
        if msg is None:
            print("server exited (code %s)" % conn.proc.poll())
            break
        if "method" in msg and "id" in msg:  # a request from the server: answer it
            method = msg["method"]
            if method == "workspace/configuration":
                items = msg["params"].get("items", [])
                result = [settings.get((i.get("section") or "csharp").split(".")[0]) if channel("workspaceConfiguration") else None for i in items]
            else:
                result = None
            conn.send({"jsonrpc": "2.0", "id": msg["id"], "result": result})
            continue
        if msg.get("id") == init_id:
            caps = msg.get("result", {}).get("capabilities", {})
            print("%.1f s: initialized (diagnosticProvider: %s, codeActionProvider: %s)" % (
                time.monotonic() - start, "yes" if caps.get("diagnosticProvider") else "no", "yes" if caps.get("codeActionProvider") else "no"))
            conn.notify("initialized", {})
            if channel("didChangeConfiguration"):
                conn.notify("workspace/didChangeConfiguration", {"settings": settings})
            conn.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "csharp", "version": 1, "text": file.read_text()}})
            opened = True
            continue
        if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri:
            diags = [d for d in msg["params"]["diagnostics"] if str(d.get("code", "")).startswith(args.ids)]
            if diags:
                first_ds = first_ds or (time.monotonic() - start)
                shown = diags
                print("%.1f s: publishDiagnostics with %d %s* diagnostics" % (time.monotonic() - start, len(diags), args.ids))
                if not code_actions_asked:
                    for d in diags:
                        rid = conn.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}})
                        pending[rid] = d
                    code_actions_asked = True
            continue
        if msg.get("id") in pending:
            d = pending.pop(msg["id"])
            titles = [a.get("title") for a in (msg.get("result") or [])]
            print("code actions offered at %s (line %d): %s" % (d.get("code"), d["range"]["start"]["line"] + 1, json.dumps(titles) if titles else "none"))
            if not pending:
                break
            continue

    if shown:
        print("diagnostics published for %s:" % file.name)
        for d in sorted(shown, key=lambda d: (d["range"]["start"]["line"], d["range"]["start"]["character"])):
            s = d["range"]["start"]
            sev = {1: "error", 2: "warning", 3: "info", 4: "hint"}.get(d.get("severity"), "?")
            print("  %s(%d,%d): %s %s: %s" % (file.name, s["line"] + 1, s["character"] + 1, sev, d.get("code"), d["message"][:160]))
    else:
        print("no %s* diagnostics within %.0f s (opened: %s)" % (args.ids, args.timeout, opened))
    try:
        rid = conn.request("shutdown", None)
        conn.notify("exit", None)
        conn.proc.wait(timeout=20)
    except Exception:
        conn.proc.kill()
    return 0 if shown else 1


if __name__ == "__main__":
    sys.exit(main())
