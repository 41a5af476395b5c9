using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DaemonLint.Tests;
using Xunit.Abstractions;

namespace DaemonLint.Hostile.Tests;

/// <summary>
/// AFL++ (Debian's afl++) with SharpFuzz over the reader and the validator (tools/Fuzz) for a bounded time: the seeds (every
/// fixture, the samples, the kept crashers) and whatever the fuzzer derives from them in that time raise no exception, no
/// internal-error finding and no hang (5 s per input). DAEMONLINT_FUZZ_SECONDS sets the time (default 90).
/// </summary>
public sealed class FuzzTests
{
    private readonly ITestOutputHelper output;

    public FuzzTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void BoundedAflRun_FindsNoCrashAndNoHang()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("DAEMONLINT_FUZZ_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 90;
        var work = ProcessRunner.TempFolder("dl-fuzz");
        try
        {
            var outDir = Path.Combine(work, "out");
            var r = ProcessRunner.Run(
                "bash",
                new[] { Path.Combine(RepoPaths.Root, "tools", "Fuzz", "fuzz.sh"), seconds.ToString(CultureInfo.InvariantCulture), outDir },
                RepoPaths.Root,
                TimeSpan.FromSeconds(seconds) + TimeSpan.FromMinutes(15),
                new Dictionary<string, string> { ["DAEMONLINT_FUZZ_WORK"] = Path.Combine(work, "work") });
            this.output.WriteLine(r.Output);

            var crashers = Found(outDir, "crashes").Concat(Found(outDir, "hangs")).ToList();
            Assert.True(crashers.Count == 0, "the fuzzer found:\n" + string.Join("\n", crashers.Select(f => $"{f}: {Convert.ToBase64String(File.ReadAllBytes(f))}")));
            Assert.True(r.ExitCode == 0, r.Output);

            var stats = File.ReadAllLines(Path.Combine(outDir, "default", "fuzzer_stats"))
                .Select(l => l.Split(':', 2))
                .Where(kv => kv.Length == 2)
                .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim(), StringComparer.Ordinal);
            Assert.Equal("0", stats["saved_crashes"]);
            Assert.Equal("0", stats["saved_hangs"]);

            // It ran: the seeds were calibrated and the fuzzer went past them.
            var execs = long.Parse(stats["execs_done"], CultureInfo.InvariantCulture);
            var corpus = int.Parse(stats["corpus_count"], CultureInfo.InvariantCulture);
            Assert.True(execs >= 1_000, $"only {execs} executions in {seconds} s");
            Assert.True(corpus > 100, $"corpus of {corpus}");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static IEnumerable<string> Found(string outDir, string folder)
    {
        var dir = Path.Combine(outDir, "default", folder);
        return Directory.Exists(dir) ? Directory.GetFiles(dir, "id:*") : Array.Empty<string>();
    }
}
