#!/usr/bin/env python3
"""Whole-process benchmark of daemonlint (see README.md beside this file).

Builds (unless --no-build) daemonlint framework-dependent (JIT, what `dotnet tool install` gave before platform packages) and
ahead-of-time (`-p:DaemonLintAot=true`), and a parse-only YamlDotNet process both ways; writes the corpora (the real-world
corpus repeated to about 2,000 files and 10,000 objects, and one file of about 25 MB); then times every process in
interleaved rounds (round r runs every command once, in an order that rotates with r, so a load change on the shared
machine hits every command alike) and prints medians, ratios and peak resident memory as a Markdown table.

Only the Python standard library; Linux (peak RSS from wait4's rusage).
"""

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TASKSET = shutil.which("taskset")
CPUS = sorted(os.sched_getaffinity(0))
HALF_ALONE = "daemonlint AOT --jobs 1, one half alone"


def shared_corpus() -> Path:
    env = os.environ.get("DAEMONLINT_SHARED")
    base = Path(env) if env else REPO.parent / "shared"
    corpus = base / "corpus" / "real-world"
    if not corpus.is_dir():
        sys.exit(f"no real-world corpus at {corpus} (set DAEMONLINT_SHARED)")
    return corpus


def build(work: Path, skip_aot: bool) -> dict:
    """Publishes the four programs into work/bin; returns name -> command prefix."""
    out = work / "bin"
    steps = [
        ("dl-jit", ["dotnet", "publish", str(REPO / "src/Cli"), "-c", "Release", "-o", str(out / "dl-jit")]),
        ("parse-jit", ["dotnet", "publish", str(REPO / "bench/Process/ParseOnly"), "-c", "Release", "-o", str(out / "parse-jit")]),
    ]
    if not skip_aot:
        steps += [
            ("dl-aot", ["dotnet", "publish", str(REPO / "src/Cli"), "-c", "Release", "-r", "linux-x64",
                        "-p:DaemonLintAot=true", "-o", str(out / "dl-aot")]),
            ("parse-aot", ["dotnet", "publish", str(REPO / "bench/Process/ParseOnly"), "-c", "Release", "-r", "linux-x64",
                           "-p:ParseOnlyAot=true", "-o", str(out / "parse-aot")]),
        ]
    for name, cmd in steps:
        print(f"building {name}: {' '.join(cmd)}", file=sys.stderr)
        r = subprocess.run(cmd + ["-nologo", "-v", "q"], capture_output=True, text=True)
        if r.returncode != 0:
            print(r.stdout + r.stderr, file=sys.stderr)
            if name.endswith("aot"):
                print(f"{name} did not build: measured without it", file=sys.stderr)
                continue
            sys.exit(f"{name} failed to build")
    return programs(out)


def programs(out: Path) -> dict:
    found = {}
    if (out / "dl-jit" / "daemonlint.dll").exists():
        found["dl-jit"] = ["dotnet", str(out / "dl-jit" / "daemonlint.dll"), "validate"]
    if (out / "dl-aot" / "daemonlint").exists():
        found["dl-aot"] = [str(out / "dl-aot" / "daemonlint"), "validate"]
    if (out / "parse-jit" / "parse-only.dll").exists():
        found["parse-jit"] = ["dotnet", str(out / "parse-jit" / "parse-only.dll")]
    if (out / "parse-aot" / "parse-only").exists():
        found["parse-aot"] = [str(out / "parse-aot" / "parse-only")]
    return found


def write_corpora(work: Path, copies: int, big_mb: int) -> tuple:
    """The repeated corpus (copies x the real-world files, each copy in its own folder) and the one big file."""
    source = sorted(p for p in shared_corpus().iterdir() if p.suffix in (".yaml", ".yml", ".json") and p.is_file())
    many = work / "many"
    if not many.exists():
        for c in range(copies):
            folder = many / f"copy-{c:02d}"
            folder.mkdir(parents=True)
            for p in source:
                (folder / p.name).write_bytes(p.read_bytes())
    big = work / "big.yaml"
    if not big.exists():
        texts = [p.read_text(encoding="utf-8").strip("\n") for p in source if p.suffix != ".json"]
        target = big_mb * 1024 * 1024
        size = 0
        with big.open("w", encoding="utf-8", newline="\n") as f:
            while size < target:
                for t in texts:
                    # Every source file starts a new document: a leading '---' or directive is kept as it is.
                    chunk = ("" if t.startswith("---") else "---\n") + t + "\n"
                    f.write(chunk)
                    size += len(chunk.encode("utf-8"))
                    if size >= target:
                        break
    return many, big


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and its descendants (the worker processes), in KiB, from /proc (0 once it is gone)."""
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/status", encoding="ascii", errors="replace") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError, ValueError):
            continue
    return total


def run_once(cmd: list) -> tuple:
    """Wall seconds, peak RSS in MiB (the largest single process), exit code, last line of standard output, CPU seconds
    (user + system, workers included), peak RSS in MiB of all the processes together (sampled every 10 ms)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kib(p.pid))
            done.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = p.stdout.read()
    done.set()
    sampler.join()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    lines = out.decode("utf-8", "replace").strip().splitlines()
    return wall, usage.ru_maxrss / 1024.0, p.returncode, (lines[-1] if lines else ""), usage.ru_utime + usage.ru_stime, peak[0] / 1024.0


def measure(commands: dict, rounds: int) -> dict:
    names = list(commands)
    results = {n: [] for n in names}
    for name in names:
        run_once(commands[name])  # warm-up: file cache, dotnet host resolution
        print(f"  warmed up {name}", file=sys.stderr)
    for r in range(rounds):
        print(f"  round {r + 1}/{rounds}", file=sys.stderr)
        order = names[r % len(names):] + names[:r % len(names)]
        for name in order:
            results[name].append(run_once(commands[name]))
    return results


def table(title: str, commands: dict, results: dict, floor_of, input_bytes: int) -> str:
    # Wall time is what a user waits for; CPU time (user + system, from wait4) is what the process itself costs, and it
    # moves much less than wall time when other processes share the cores.
    lines = [f"### {title}", "", "| Process | Wall median | Wall min | Ratio (wall) | CPU median | Ratio (CPU) | Peak RSS (largest process) | RSS / input | Peak RSS (all processes) | All / input | Output |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    medians = {n: statistics.median(r[0] for r in results[n]) for n in results}
    cpus = {n: statistics.median(r[4] for r in results[n]) for n in results}
    for name in commands:
        walls = [r[0] for r in results[name]]
        rss = statistics.median(r[1] for r in results[name])
        rss_all = statistics.median(r[5] for r in results[name])
        floor = floor_of(name)
        if floor == name:
            ratio, cpu_ratio = "1.00 (floor)", "1.00 (floor)"
        elif floor in medians:
            ratio, cpu_ratio = f"{medians[name] / medians[floor]:.2f}", f"{cpus[name] / cpus[floor]:.2f}"
        else:
            ratio, cpu_ratio = "", ""
        last = results[name][-1][3]
        lines.append(f"| `{name}` | {medians[name]:.3f} s | {min(walls):.3f} s | {ratio} | {cpus[name]:.3f} s | {cpu_ratio} | {rss:.0f} MiB | "
                     f"{rss * 1024 * 1024 / input_bytes:.2f} | {rss_all:.0f} MiB | {rss_all * 1024 * 1024 / input_bytes:.2f} | {last[:60]} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "daemonlint-bench-process"))
    ap.add_argument("--no-build", action="store_true", help="use the programs already in WORK/bin")
    ap.add_argument("--no-aot", action="store_true", help="do not build the ahead-of-time programs")
    ap.add_argument("--copies", type=int, default=20, help="copies of the real-world corpus (default 20: about 2,300 files)")
    ap.add_argument("--big-mb", type=int, default=25)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--big-rounds", type=int, default=5)
    ap.add_argument("--jobs", default=None, help="the default-jobs runs pass nothing; this adds --jobs N runs too")
    args = ap.parse_args()

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    progs = programs(work / "bin") if args.no_build else build(work, args.no_aot)
    many, big = write_corpora(work, args.copies, args.big_mb)
    many_bytes = sum(p.stat().st_size for p in many.rglob("*") if p.is_file())
    big_bytes = big.stat().st_size

    def commands_for(path: Path) -> dict:
        cmds = {}
        for kind in ("aot", "jit"):
            dl = progs.get(f"dl-{kind}")
            parse = progs.get(f"parse-{kind}")
            if parse:
                cmds[f"parse-only {kind.upper()}"] = parse + [str(path)]
                if kind == "aot":
                    # The floor with YamlDotNet's scanner as it comes: its one pool of string builders for the process.
                    cmds["parse-only AOT (YamlDotNet's own pool)"] = parse + ["--yamldotnet-pool", str(path)]
            if dl:
                cmds[f"daemonlint {kind.upper()} --jobs 1"] = dl + ["--jobs", "1", str(path)]
                cmds[f"daemonlint {kind.upper()} (default jobs)"] = dl + [str(path)]
                # The same without worker processes: what threads alone give.
                cmds[f"daemonlint {kind.upper()} (default jobs, threads only)"] = ["env", "DAEMONLINT_WORKERS=0"] + dl + [str(path)]
                if args.jobs:
                    cmds[f"daemonlint {kind.upper()} --jobs {args.jobs}"] = dl + ["--jobs", args.jobs, str(path)]
                if path.is_dir():
                    # The ceiling of any split of the work: two independent --jobs 1 processes, each over half of the
                    # folders, at once (no pipes, no shared listing, nothing to wait for but each other's cores). The
                    # output is the second half's.
                    folders = sorted(str(f) for f in path.iterdir() if f.is_dir())
                    half = len(folders) // 2
                    one = " ".join(shlex.quote(a) for a in dl + ["--jobs", "1"])
                    first = " ".join(shlex.quote(f) for f in folders[:half])
                    second = " ".join(shlex.quote(f) for f in folders[half:])
                    cmds[f"daemonlint {kind.upper()} --jobs 1, two processes over half each"] = [
                        "sh", "-c", f"{one} {first} > /dev/null & {one} {second}; status=$?; wait; exit $status"]
                    if kind == "aot":
                        # What two processes that slowed each other down not at all would take: the first half alone.
                        cmds[HALF_ALONE] = dl + ["--jobs", "1"] + folders[:half]
                        # What each core gives this work: on a VM a vCPU may share its physical core with another guest's
                        # (both are busy at once for 0.6-1.0 of a lone core's speed here, and it changes within minutes).
                        if TASKSET and len(CPUS) <= 4:
                            for cpu in CPUS:
                                cmds[f"daemonlint AOT --jobs 1 on CPU {cpu} alone"] = [TASKSET, "-c", str(cpu)] + dl + ["--jobs", "1", str(path)]
        return cmds

    def floor_of(name: str):
        return "parse-only " + ("AOT" if " AOT" in name else "JIT")

    print(f"# Whole-process benchmark ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the start)\n")
    c1 = commands_for(many)
    r1 = measure(c1, args.rounds)
    print(table(f"{sum(1 for p in many.rglob('*') if p.is_file()):,} files, {many_bytes / 1e6:.1f} MB, {args.rounds} interleaved rounds",
                c1, r1, floor_of, many_bytes))
    print()
    c2 = commands_for(big)
    r2 = measure(c2, args.big_rounds)
    print(table(f"one file of {big_bytes / 1e6:.1f} MB, {args.big_rounds} interleaved rounds", c2, r2, floor_of, big_bytes))
    print()
    for kind in ("AOT", "JIT"):
        one = f"daemonlint {kind} --jobs 1"
        for default in (f"daemonlint {kind} (default jobs)", f"daemonlint {kind} (default jobs, threads only)",
                        f"daemonlint {kind} --jobs 1, two processes over half each"):
            for what, results in (("the many-file corpus", r1), ("the one large file (split into runs of documents)", r2)):
                if one in results and default in results:
                    m1 = statistics.median(r[0] for r in results[one])
                    md = statistics.median(r[0] for r in results[default])
                    # Each round ran both back to back: the median of the rounds' own ratios moves less with the load.
                    paired = statistics.median(a[0] / b[0] for a, b in zip(results[one], results[default]))
                    print(f"- `{default}` is {m1 / md:.2f}x faster than --jobs 1 (wall medians; {paired:.2f}x the median of the rounds' ratios) on {what}")
    # Against the floor: the median of the rounds' own CPU ratios (each round runs the floor and the tool back to back), which
    # a load change during the run moves less than the ratio of the medians in the tables.
    for what, commands, results in (("the many-file corpus", c1, r1), ("the one large file", c2, r2)):
        for name in commands:
            floor = floor_of(name)
            if name != floor and floor in results and " --jobs 1" in name and not name.endswith(" alone"):
                paired = statistics.median(a[4] / b[4] for a, b in zip(results[name], results[floor]))
                print(f"- `{name}` takes {paired:.2f}x the CPU of `{floor}` (the median of the rounds' ratios) on {what}")
    for line in ceilings(r1):
        print(line)
    print(f"- load average at the end {os.getloadavg()[0]:.1f}")


def ceilings(results: dict) -> list:
    """What bounds the default jobs on the many-file corpus, from the rows measured in the same rounds (AOT)."""
    def med(name):
        return statistics.median(r[0] for r in results[name]) if name in results else None

    one, default = med("daemonlint AOT --jobs 1"), med("daemonlint AOT (default jobs)")
    halves, alone = med("daemonlint AOT --jobs 1, two processes over half each"), med(HALF_ALONE)
    if one is None or default is None:
        return []
    lines = []
    per_cpu = {c: med(f"daemonlint AOT --jobs 1 on CPU {c} alone") for c in CPUS}
    per_cpu = {c: t for c, t in per_cpu.items() if t}
    if len(per_cpu) > 1:
        fastest = min(per_cpu.values())
        capacity = sum(fastest / t for t in per_cpu.values())
        shown = ", ".join(f"CPU {c} {t:.3f} s" for c, t in per_cpu.items())
        lines.append(f"- `--jobs 1` pinned to each CPU: {shown}; with no serial part and no cost of running at once, the cores "
                     f"together give at most **{capacity:.2f}x** one core's speed")
    if alone:
        lines.append(f"- one half alone takes {alone:.3f} s: two halves that slowed each other down not at all would be "
                     f"**{one / alone:.2f}x** faster than `--jobs 1` (the rest is each process's start, listing and warm-up)")
    if halves:
        lines.append(f"- the two halves at once: {halves:.3f} s, **{one / halves:.2f}x**; the default jobs {default:.3f} s, "
                     f"**{one / default:.2f}x**, {halves / default:.0%} of the two independent halves")
    return lines


if __name__ == "__main__":
    main()
