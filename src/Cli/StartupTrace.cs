using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace DaemonLint.Cli;

/// <summary>
/// Where the time of one run goes, for start-up work: with <c>DAEMONLINT_TRACE=1</c> each step's milliseconds and the bytes
/// it allocated are written to standard error when the run ends. Off by default, and then a step costs one field read.
/// </summary>
internal static class StartupTrace
{
    private static readonly Stopwatch? Clock = Environment.GetEnvironmentVariable("DAEMONLINT_TRACE") == "1" ? Stopwatch.StartNew() : null;
    private static readonly System.Collections.Generic.List<(string Step, double Ms, long Bytes)> Steps = new();

    /// <summary>Gets a value indicating whether the trace is on.</summary>
    public static bool Enabled => Clock is not null;

    /// <summary>Notes that a step ended now.</summary>
    /// <param name="step">The step.</param>
    public static void Mark(string step)
    {
        if (Clock is { } clock)
        {
            lock (Steps)
            {
                Steps.Add((step, clock.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes()));
            }
        }
    }

    /// <summary>Writes the steps (with the time from process start to Main) to a writer.</summary>
    /// <param name="writer">Standard error.</param>
    public static void Write(TextWriter writer)
    {
        if (Clock is null)
        {
            return;
        }

        Mark("end");
        double beforeMain;
        using (var self = Process.GetCurrentProcess())
        {
            beforeMain = (DateTime.Now - self.StartTime).TotalMilliseconds - Clock.Elapsed.TotalMilliseconds;
        }

        writer.WriteLine($"daemonlint trace: {beforeMain,8:F1} ms  process start to Main (runtime start-up)");
        var last = 0.0;
        var lastBytes = 0L;
        foreach (var (step, ms, bytes) in Steps)
        {
            writer.WriteLine($"daemonlint trace: {ms - last,8:F1} ms {(bytes - lastBytes) / 1024.0,9:F0} KiB  {step}");
            last = ms;
            lastBytes = bytes;
        }

        // What the run cost the garbage collector: allocation is most of the work above the bare parse.
        writer.WriteLine($"daemonlint trace: {GC.GetTotalAllocatedBytes() / 1048576.0:F1} MiB allocated, collections gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalMilliseconds:F1} ms");
        // The collector's settings the tool ships with (runtimeconfig, or baked into the native executable) and the user's
        // DOTNET_ variables: what the counts above were measured under.
        var shown = new[] { "ServerGC", "ConcurrentGC", "LOHThreshold", "GCGen0MaxBudget", "GCRegionSize", "GCConserveMem", "GCHeapHardLimit" };
        writer.WriteLine("daemonlint trace: GC settings: " + string.Join(", ", GC.GetConfigurationVariables().Where(v => shown.Contains(v.Key)).Select(v => $"{v.Key}={v.Value}")));
        foreach (var kind in new[] { GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background })
        {
            var info = GC.GetGCMemoryInfo(kind);
            if (info.Index == 0)
            {
                continue;
            }

            var pauses = info.PauseDurations;
            writer.WriteLine($"daemonlint trace: last {kind} collection (#{info.Index}, gen{info.Generation}): paused {pauses[0].TotalMilliseconds + pauses[1].TotalMilliseconds:F1} ms, promoted {info.PromotedBytes / 1024.0:F0} KiB, heap {info.HeapSizeBytes / 1024.0:F0} KiB, committed {info.TotalCommittedBytes / 1024.0:F0} KiB, fragmented {info.FragmentedBytes / 1024.0:F0} KiB");
        }
    }
}
