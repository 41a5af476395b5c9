using System;
using System.Collections.Generic;
using DaemonLint.Cli.Tests;
using DaemonLint.Tests;

namespace DaemonLint.Hostile.Tests;

/// <summary>Runs the built CLI (dotnet daemonlint.dll) under process limits: virtual memory, CPU time and a wall-clock timeout.</summary>
public static class Limited
{
    /// <summary>The most virtual memory, in KiB (ulimit -v).</summary>
    public const int MemoryKiB = 3_000_000;

    /// <summary>The most CPU seconds (ulimit -t).</summary>
    public const int CpuSeconds = 240;

    public static readonly TimeSpan WallClock = TimeSpan.FromMinutes(5);

    private static readonly ToolProcess Tool = new();

    /// <summary>Runs the tool; <paramref name="redirection"/> is a shell redirection for the tool's streams (<c>&gt;&amp;-</c>).</summary>
    public static ProcessRunner.Result Cli(string dir, IEnumerable<string> args, string redirection = "", IDictionary<string, string>? environment = null)
    {
        // Standard input is empty unless the redirection says otherwise: never the test host's own.
        var stdin = redirection.Contains('<', StringComparison.Ordinal) ? string.Empty : "</dev/null";
        var argv = new List<string> { "-c", $"ulimit -v {MemoryKiB} && ulimit -t {CpuSeconds} && exec \"$@\" {stdin} {redirection}", "sh", Tool.DotnetPath, Tool.ToolPath };
        argv.AddRange(args);
        var r = ProcessRunner.Run("/bin/sh", argv, dir, WallClock, environment);
        AssertWellBehaved(r);
        return r;
    }

    /// <summary>Exit code 0, 1 or 2, and never a stack trace or an unhandled exception.</summary>
    public static void AssertWellBehaved(ProcessRunner.Result r)
    {
        Assert.True(r.ExitCode is 0 or 1 or 2, $"exit code {r.ExitCode}:\n{Tail(r.Output)}");
        Assert.DoesNotContain("   at ", r.Output);
        Assert.DoesNotContain("Unhandled exception", r.Output);
        Assert.DoesNotContain("Exception_", r.Output);
    }

    public static string Tail(string text) => text.Length <= 4000 ? text : "..." + text.Substring(text.Length - 4000);
}
