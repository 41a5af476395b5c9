#!/usr/bin/env python3
"""One-file run of daemonlint as `dotnet tool install` lays it down (see README.md beside this file).

Packs the tool packages from this working tree (a plain `dotnet pack src/Cli -c Release`: the pointer, this machine's native
AOT package and the framework-dependent `DaemonLint.any`; docs/install.md) into WORK/feed with a version no earlier run
used, installs the pointer (the native executable on linux-x64/arm64) and `DaemonLint.any` (the framework-dependent build,
what the tool was before the platform packages) each into its own `--tool-path` from that feed alone, checks which is which,
then times `daemonlint validate FILE` of both with hyperfine: ROUNDS rounds, each running RUNS runs of one command then
RUNS of the other, the order alternating by round, so a change of load on the shared machine hits both alike. Reports the
median over every run (hyperfine's raw times), each round's median, mean user and system time, and the load average at
the start and the end, as Markdown.

Needs: the .NET SDK, clang or gcc (the native build), hyperfine (Debian's package; .ci/run installs it).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CLEAR_CONFIG = """<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /></packageSources></configuration>
"""


def run(cmd: list, **kw) -> str:
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stdout}{r.stderr}")
    return r.stdout


def pack_and_install(work: Path, feed: Path) -> dict:
    """Packs into feed (unless it holds packages already), installs both builds; returns name -> command path."""
    if not list(feed.glob("DaemonLint.*.nupkg")):
        version = "0.0.0-bench." + time.strftime("%Y%m%d%H%M%S")
        print(f"packing {version} into {feed} (the native build takes a few minutes)", file=sys.stderr)
        run(["dotnet", "pack", str(REPO / "src/Cli"), "-c", "Release", "-nologo", f"-p:Version={version}",
             "-p:DaemonLintRequireNative=true", "-o", str(feed)])
    pointers = sorted(feed.glob("DaemonLint.[0-9]*.nupkg"))
    if len(pointers) != 1:
        sys.exit(f"expected one pointer package in {feed}, found {[p.name for p in pointers]}")
    version = pointers[0].name[len("DaemonLint."):-len(".nupkg")]
    config = work / "nuget.config"
    config.write_text(CLEAR_CONFIG)
    tools = {}
    for name, package in (("native", "DaemonLint"), ("jit", "DaemonLint.any")):
        path = work / "tools" / name
        if path.exists():
            shutil.rmtree(path)
        run(["dotnet", "tool", "install", package, "--version", version, "--tool-path", str(path),
             "--configfile", str(config), "--add-source", str(feed)])
        tools[name] = path / "daemonlint"
    describe(tools)
    return tools


def describe(tools: dict) -> None:
    """Fails unless `native` is the native executable and `jit` the .NET apphost (which loads libhostfxr)."""
    for name, command in tools.items():
        target = command.resolve()
        data = target.read_bytes()
        hostfxr = b"libhostfxr" in data
        print(f"{name}: {command} -> {target} ({len(data):,} bytes, {'.NET apphost' if hostfxr else 'native'})", file=sys.stderr)
        if data[:4] != b"\x7fELF" or hostfxr != (name == "jit"):
            sys.exit(f"{command} is not the {name} build")


def hyperfine(name: str, command: list, runs: int, warmup: int, out: Path) -> dict:
    run(["hyperfine", "-N", "--runs", str(runs), "--warmup", str(warmup), "--export-json", str(out),
         "--command-name", name, " ".join(command)], cwd=REPO)
    return json.loads(out.read_text())["results"][0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "daemonlint-bench-installed"))
    ap.add_argument("--feed", default=None, help="a folder the packs wrote (default WORK/feed, packed when empty)")
    ap.add_argument("--file", default="samples/good-daemonset.yaml", help="the file to validate (relative to the repository)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--runs", type=int, default=10, help="runs of each build per round (default 10: 30 in all)")
    ap.add_argument("--warmup", type=int, default=3)
    args = ap.parse_args()
    if shutil.which("hyperfine") is None:
        sys.exit("hyperfine is not installed (apt-get install hyperfine; .ci/run does)")

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    feed = Path(args.feed) if args.feed else work / "feed"
    feed.mkdir(parents=True, exist_ok=True)
    tools = pack_and_install(work, feed)

    load_start = os.getloadavg()
    times = {name: [] for name in tools}
    rounds = {name: [] for name in tools}
    cpu = {name: [] for name in tools}
    for r in range(args.rounds):
        order = list(tools) if r % 2 == 0 else list(reversed(tools))
        for name in order:
            res = hyperfine(name, [str(tools[name]), "validate", args.file], args.runs, args.warmup, work / f"{name}-{r}.json")
            times[name] += res["times"]
            rounds[name].append(statistics.median(res["times"]))
            cpu[name].append((res["user"], res["system"]))
    load_end = os.getloadavg()

    print(f"One-file run of the installed tool: `daemonlint validate {args.file}`, hyperfine -N, {args.rounds} rounds x "
          f"{args.runs} runs of each (warm-up {args.warmup}), alternating; load average {load_start[0]:.2f} / {load_start[1]:.2f} "
          f"/ {load_start[2]:.2f} at the start, {load_end[0]:.2f} / {load_end[1]:.2f} / {load_end[2]:.2f} at the end "
          f"({os.cpu_count()} cores).\n")
    print("| Installed build | Runs | Median | Min | Max | Round medians | User (mean) | System (mean) |")
    print("|---|---:|---:|---:|---:|---|---:|---:|")
    label = {"native": "`DaemonLint` (native AOT, linux-x64)", "jit": "`DaemonLint.any` (framework-dependent, JIT)"}
    for name in tools:
        t = times[name]
        user = statistics.mean(u for u, _ in cpu[name])
        system = statistics.mean(s for _, s in cpu[name])
        print(f"| {label[name]} | {len(t)} | {statistics.median(t) * 1000:.1f} ms | {min(t) * 1000:.1f} ms | "
              f"{max(t) * 1000:.1f} ms | {', '.join(f'{m * 1000:.1f}' for m in rounds[name])} ms | {user * 1000:.1f} ms | "
              f"{system * 1000:.1f} ms |")
    ratio = statistics.median(times["jit"]) / statistics.median(times["native"])
    print(f"\nFramework-dependent over native, median: {ratio:.1f}x.")


if __name__ == "__main__":
    main()
