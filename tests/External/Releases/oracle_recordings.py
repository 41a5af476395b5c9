#!/usr/bin/env python3
"""Records what the daemonset oracles (../shared/oracle: v1.31.1; ../shared/oracle/v1.32: v1.32.2) answer for the
release documents of tests/Validator.Tests/Releases/Oracle, which the unit tests in Lint.sln compare the core with.

  oracle_recordings.py record   rewrite recordings.json and gates.json from the oracles
  oracle_recordings.py check    exit 1 when the committed recordings differ from what the oracles answer now

The check belongs to the external suite (it needs the oracle binaries); Lint.sln only reads the recordings.
"""
import glob
import json
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DATA = os.path.join(ROOT, "tests", "Validator.Tests", "Releases", "Oracle")
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared"))
ORACLES = {
    "1.31": os.path.join(SHARED, "oracle", "daemonset-oracle"),
    "1.32": os.path.join(SHARED, "oracle", "v1.32", "daemonset-oracle"),
}


def run(release, args):
    exe = ORACLES[release]
    if not os.access(exe, os.X_OK):
        sys.exit(f"oracle for {release} missing: {exe}")
    p = subprocess.run([exe] + args, capture_output=True, text=True, cwd=os.path.join(DATA, "docs"))
    return p.stdout, p.stderr


def record_cases():
    cases = json.load(open(os.path.join(DATA, "cases.json")))
    sets = cases["gateSets"]
    out = []
    for case in cases["cases"]:
        gates = case["gates"]
        gates = sets[gates[1:]] if gates.startswith("@") else gates
        for doc in sorted(glob.glob(os.path.join(DATA, "docs", case["doc"]))):
            name = os.path.basename(doc)
            args = ["--show-options"] + (["--feature-gates", gates] if gates else []) + [name]
            stdout, stderr = run(case["release"], args)
            data = json.loads(stdout)
            results = []
            for r in data["results"]:
                results.append({
                    "doc": r["doc"],
                    "mode": r["mode"],
                    "errors": [[e["field"], e["type"]] for e in r.get("errors") or []],
                    "strictErrors": r.get("strictErrors") or [],
                    "decodeError": r.get("decodeError") or "",
                    "options": [[k, v] for k, v in (r.get("podValidationOptions") or {}).items()],
                })
            out.append({"doc": name, "release": case["release"], "gates": gates, "results": results})
    return out


def record_gates():
    names = json.load(open(os.path.join(DATA, "gate-names.json")))
    out = []
    for release in ORACLES:
        for name in names:
            row = {"release": release, "gate": name}
            for value in ("true", "false"):
                stdout, stderr = run(release, ["--feature-gates", f"{name}={value}", "options.yaml"])
                msg = ""
                for line in (stderr + stdout).splitlines():
                    if line.startswith("bad --feature-gates: "):
                        msg = line[len("bad --feature-gates: "):]
                row[value] = msg
            out.append(row)
    return out


def dump(obj):
    return json.dumps(obj, indent=1, sort_keys=False) + "\n"


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "check"
    fresh = {"recordings.json": dump(record_cases()), "gates.json": dump(record_gates())}
    if mode == "record":
        for f, text in fresh.items():
            open(os.path.join(DATA, f), "w").write(text)
        print("recorded", ", ".join(fresh))
        return 0
    stale = [f for f, text in fresh.items() if open(os.path.join(DATA, f)).read() != text]
    if stale:
        print("stale oracle recordings: " + ", ".join(stale) + "; run: python3 tests/External/Releases/oracle_recordings.py record")
        return 1
    print("oracle recordings up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
