#!/usr/bin/env bash
# Fuzzes the reader and the validator with AFL++ (Debian's afl++) and SharpFuzz (README.md beside this file).
#   tools/Fuzz/fuzz.sh [SECONDS] [OUT]
# SECONDS: how long afl-fuzz runs (0 or absent: until Ctrl-C). OUT: AFL++'s output folder (default tools/Fuzz/out, kept between
# runs: a run with an OUT that already holds a queue resumes it). Prints AFL++'s closing figures (fuzzer_stats) and exits 1
# when the run saved a crash or a hang (OUT/default/crashes, OUT/default/hangs), 0 otherwise.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-0}
out=${2:-$root/tools/Fuzz/out}
work=${DAEMONLINT_FUZZ_WORK:-$(mktemp -d -t dl-fuzz-XXXXXX)}
mkdir -p "$work" "$out"

command -v afl-fuzz >/dev/null || { echo "fuzz: afl-fuzz not found (Debian: apt-get install afl++)" >&2; exit 2; }

# 1. The target, built in Release into a folder of its own, then instrumented: our two assemblies and the YAML parser.
dotnet build "$root/tools/Fuzz/DaemonLint.Fuzz.csproj" -c Release -nologo -v:q -o "$work/bin" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 2; }
if [ ! -x "$work/tool/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$work/tool" >"$work/tool.log" 2>&1 \
    || { cat "$work/tool.log" >&2; exit 2; }
fi
for dll in DaemonLint.Validator.dll DaemonLint.Hosting.dll YamlDotNet.dll; do
  "$work/tool/sharpfuzz" "$work/bin/$dll" >"$work/instrument.log" 2>&1 || { cat "$work/instrument.log" >&2; exit 2; }
done

# 2. Seeds: every fixture (each rule's firing and quiet cases), the samples, and the crashers kept as regression inputs.
if [ -d "$out/default/queue" ] && [ -n "$(ls -A "$out/default/queue")" ]; then
  input=-  # resume
else
  input="$work/in"
  mkdir -p "$input"
  i=0
  while IFS= read -r -d '' f; do
    cp "$f" "$input/seed-$i"
    i=$((i + 1))
  done < <(find "$root/tests/Fixtures" "$root/samples" "$root/tools/Fuzz/crashers" -type f \( -name '*.yaml' -o -name '*.yml' -o -name 'crash-*' \) -size -32k -print0 2>/dev/null | sort -z)
fi

# 3. AFL++: SharpFuzz runs inputs in one .NET process (the fork-server protocol without forks), so the binary check is skipped.
args=(-i "$input" -o "$out" -t 5000 -m none -x "$root/tools/Fuzz/yaml-kubernetes.dict")
[ "$seconds" -gt 0 ] && args+=(-V "$seconds")
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
  afl-fuzz "${args[@]}" -- dotnet "$work/bin/DaemonLint.Fuzz.dll" >"$work/afl.log" 2>&1 \
  || { tail -n 40 "$work/afl.log" >&2; exit 2; }

stats="$out/default/fuzzer_stats"
[ -f "$stats" ] || { tail -n 40 "$work/afl.log" >&2; echo "fuzz: no $stats" >&2; exit 2; }
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|bitmap_cvg|edges_found|total_edges|saved_crashes|saved_hangs|stability) ' "$stats"
found=$(find "$out/default/crashes" "$out/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
if [ "$found" -gt 0 ]; then
  echo "fuzz: $found crash or hang input(s) in $out/default/crashes and $out/default/hangs;" \
    "replay with: dotnet $work/bin/DaemonLint.Fuzz.dll FILE" >&2
  exit 1
fi
