using System.Linq;

namespace DaemonLint.Cli.Tests;

/// <summary><c>DAEMONLINT_TRACE=1</c>: where a run's time and memory went, and under which collector settings.</summary>
public sealed class StartupTraceTests
{
    [Fact]
    public void Trace_ShowsTheStepsTheCollectionsAndTheCollectorSettingsTheToolShipsWith()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.DaemonSet("agent", "agent"));

        var run = Trace(dir, null);

        Assert.Equal(Program.ExitOk, run.ExitCode);
        Assert.Contains("files checked", run.Stderr);
        Assert.Matches(@"daemonlint trace: [\d.]+ MiB allocated, collections gen0 \d+ gen1 \d+ gen2 \d+, paused [\d.]+ ms", run.Stderr);

        // A manifest of up to 1 MiB (a CRD bundle, a rendered chart) is read into an array of the young generations, not the
        // large object heap, where each one counted towards a full collection (daemonlint.runtimeconfig.json).
        var settings = SettingsLine(run);
        Assert.Contains("LOHThreshold=1048576", settings);
        Assert.Contains("ServerGC=False", settings);
    }

    [Fact]
    public void Trace_ShowsTheUsersOwnCollectorSetting_WhichWinsOverTheTools()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.DaemonSet("agent", "agent"));

        var run = Trace(dir, "30000"); // hexadecimal, as the runtime reads DOTNET_ variables: 196,608 bytes

        Assert.Equal(Program.ExitOk, run.ExitCode);
        Assert.Contains("LOHThreshold=196608", SettingsLine(run));
    }

    private static CliResult Trace(TempFolder dir, string? lohThreshold)
    {
        var tool = new ToolProcess { ExtraEnvironment = { ["DAEMONLINT_TRACE"] = "1" } };
        if (lohThreshold is not null)
        {
            tool.ExtraEnvironment["DOTNET_GCLOHThreshold"] = lohThreshold;
        }

        return tool.Run(dir.Path, null, "validate", "ds.yaml");
    }

    private static string SettingsLine(CliResult run) =>
        run.Stderr.Split('\n').Single(l => l.StartsWith("daemonlint trace: GC settings: ", System.StringComparison.Ordinal));
}
