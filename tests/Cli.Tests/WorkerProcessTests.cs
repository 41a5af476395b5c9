using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Cli.Workers;
using DaemonLint.Hosting;

namespace DaemonLint.Cli.Tests;

/// <summary>
/// <c>validate</c> with worker processes (the real tool, started as the parent starts it): the workers check their share of
/// the files, the report is byte for byte the sequential run's, and a worker that is not one, dies or answers garbage is
/// dropped with its files checked in the parent.
/// </summary>
public sealed class WorkerProcessTests
{
    private static readonly ToolProcess Tool = new();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Workers_CheckTheirShare_AndGiveTheSequentialResults(int workers)
    {
        using var dir = new TempFolder();
        Corpus(dir);
        var (files, expected) = Sequential(dir);
        var stats = new WorkerStats();

        var actual = WorkerProcesses.TryCheckAll(Self(workers, "validate", "apps"), NewWorkspace(dir), files, CheckSources.None, null, 4, dir.Path, stats);

        Assert.NotNull(actual);
        Assert.Equal(workers, stats.Started);
        Assert.Equal(0, stats.Failed);
        Assert.True(stats.FilesByWorkers > 0, "the workers checked nothing");
        Assert.Equal(files.Count, stats.FilesByWorkers + stats.FilesHere);
        AssertSameResults(expected, actual!);
    }

    [Theory]
    [InlineData("exec cat")]
    [InlineData("printf 'DLW1'; head -c 64 > /dev/null; exit 3")]
    [InlineData("printf 'DLW1\\071\\060\\000\\000garbage'; cat > /dev/null")]
    public void AWorkerThatIsNotOne_IsDropped_AndItsFilesAreCheckedHere(string script)
    {
        // Not a worker (echoes the requests), greets then dies, answers for another file.
        using var dir = new TempFolder();
        Corpus(dir);
        var (files, expected) = Sequential(dir);
        var stats = new WorkerStats();
        var impostor = new SelfCommand("/bin/sh", new[] { "-c", script, "sh" }, Array.Empty<string>()) { Workers = 2 };

        var actual = WorkerProcesses.TryCheckAll(impostor, NewWorkspace(dir), files, CheckSources.None, null, 4, dir.Path, stats);

        Assert.NotNull(actual);
        Assert.Equal(2, stats.Started);
        Assert.Equal(2, stats.Failed);
        Assert.Equal(0, stats.FilesByWorkers);
        Assert.Equal(files.Count, stats.FilesHere);
        AssertSameResults(expected, actual!);
    }

    [Fact]
    public void AWorkerStartedWhileTheFolderIsListed_IsTheRunsFirstWorker_AndTheResultsAreTheSequentialOnes()
    {
        using var dir = new TempFolder();
        Corpus(dir);
        var (_, expected) = Sequential(dir);
        var workspace = NewWorkspace(dir);
        var stats = new WorkerStats();
        using var early = new EarlyWorker(Self(2, "validate", "apps"), 3, dir.Path);

        var files = workspace.Reader.Expand(new[] { "apps" }, early.Walking).Files;
        Assert.True(early.Started, "no worker started while listing");
        var actual = WorkerProcesses.TryCheckAll(Self(2, "validate", "apps"), workspace, files, CheckSources.None, null, 3, dir.Path, stats, early);

        Assert.Equal(2, stats.Started);
        Assert.Equal(1, stats.StartedEarly);
        Assert.Equal(0, stats.Failed);
        Assert.True(stats.FilesByWorkers > 0, "the workers checked nothing");
        AssertSameResults(expected, actual!);
        Assert.Null(early.WorkerProcessId); // taken by the run: nothing left to end
    }

    [Fact]
    public void AWorkerStartedEarly_ThatTheRunDoesNotNeed_IsKilledUnasked()
    {
        // Started on what the walk found, then the run has nothing for a worker (standard input is only checked here).
        using var dir = new TempFolder();
        var self = Self(1, "validate", "-");
        var early = new EarlyWorker(self, 2, dir.Path);
        early.Walking(2, 0);
        var pid = early.WorkerProcessId;
        Assert.NotNull(pid);

        var actual = WorkerProcesses.TryCheckAll(self, NewWorkspace(dir), new[] { SourceFile.Stdin }, CheckSources.None, new MemoryStream(), 2, dir.Path, null, early);

        Assert.Null(actual);
        Assert.Null(early.WorkerProcessId);
        if (OperatingSystem.IsLinux())
        {
            // Killed, not waited for: gone (or a zombie until the runtime reaps it) within moments, long before a worker
            // would have given up waiting for requests.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(20);
            }

            Assert.True(!File.Exists($"/proc/{pid}/stat") || File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal), $"worker {pid} still running");
        }
    }

    [Theory]
    [InlineData(1, 64L << 20, null, false)] // one file is its runs, decided once it is read
    [InlineData(2, (1L << 20) - 1, null, false)] // too little for a native worker to be ready in time
    [InlineData(2, 1L << 20, null, true)]
    [InlineData(2300, 25L << 20, null, true)]
    [InlineData(2, 0L, 1, true)] // workers asked for: whatever the size
    [InlineData(1, 0L, 3, false)]
    public void AWorkerStartsEarly_OnlyOnWhatTheRunWillGiveOne(int files, long bytes, int? forced, bool expected)
    {
        Assert.Equal(expected, EarlyWorker.WorthStarting(files, bytes, forced));
    }

    [Fact]
    public void TheFrameworkDependentTool_StartsNoWorkerEarly_UnlessAskedTo()
    {
        // The JIT build checks with threads (its workers would spend 200 ms compiling): the default policy starts none,
        // however much the walk finds, and neither does DAEMONLINT_WORKERS=0 or a run without an executable to start again.
        using var dir = new TempFolder();
        foreach (var self in new[] { Self(0, "validate", "apps") with { Workers = null }, Self(0, "validate", "apps"), null })
        {
            using var early = new EarlyWorker(self, 8, dir.Path);
            early.Walking(5000, 1L << 30);
            Assert.False(early.Started);
        }
    }

    [Fact]
    public void AWorkerStarts_WithASmallFirstGeneration_UnlessTheUserChoseOne()
    {
        // What a real worker process is given: an impostor that writes down its environment (then fails, so the run goes on).
        using var dir = new TempFolder();
        Corpus(dir);
        var (files, expected) = Sequential(dir);
        var seen = Path.Combine(dir.Path, "seen");
        var impostor = new SelfCommand("/bin/sh", new[] { "-c", "printf '%s|%s|%s' \"$DOTNET_GCgen0size\" \"${DAEMONLINT_TRACE-unset}\" \"$1\" > \"$0\"; exit 3", seen }, Array.Empty<string>()) { Workers = 1 };

        var actual = WorkerProcesses.TryCheckAll(impostor, NewWorkspace(dir), files, CheckSources.None, null, 2, dir.Path);

        AssertSameResults(expected, actual!);
        var gen0 = Environment.GetEnvironmentVariable("DOTNET_GCgen0size") is { Length: > 0 } chosen ? chosen : "600000";
        Assert.Equal($"{gen0}|unset|{WorkerProcesses.Marker}", File.ReadAllText(seen));

        // The rules themselves: the user's budget stays (and an empty one is no choice), the parent's trace does not.
        var env = new Dictionary<string, string?> { ["DAEMONLINT_TRACE"] = "1", ["PATH"] = "/bin" };
        WorkerProcesses.PrepareEnvironment(env);
        Assert.Equal("600000", env["DOTNET_GCgen0size"]);
        Assert.False(env.ContainsKey("DAEMONLINT_TRACE"));
        Assert.Equal("/bin", env["PATH"]);
        var mine = new Dictionary<string, string?> { ["DOTNET_GCgen0size"] = "4000000" };
        WorkerProcesses.PrepareEnvironment(mine);
        Assert.Equal("4000000", mine["DOTNET_GCgen0size"]);
        var empty = new Dictionary<string, string?> { ["DOTNET_GCgen0size"] = string.Empty };
        WorkerProcesses.PrepareEnvironment(empty);
        Assert.Equal("600000", empty["DOTNET_GCgen0size"]);
    }

    [Fact]
    public void AnIgnoreEntry_ThatSuppressedOnlyInAWorker_IsNotReportedAsUnused()
    {
        // Each entry matches one file of many: whichever process checks that file, the entry was used in this run. Only the
        // entry that matches nothing is unused (DS9010), as in the sequential run.
        using var dir = new TempFolder();
        var config = new System.Text.StringBuilder("ignore:\n");
        for (var i = 0; i < 60; i++)
        {
            dir.Write($"apps/ds{i:D2}.yaml", Manifests.RestartPolicy);
            if (i % 5 == 0)
            {
                config.Append($"  - rules: [DS1009]\n    paths: [\"apps/ds{i:D2}.yaml\"]\n");
            }
        }

        config.Append("  - rules: [DS1009]\n    paths: [\"apps/none.yaml\"]\n");
        dir.Write(".daemonlint.yaml", config.ToString());
        var sequential = NewWorkspace(dir);
        var files = sequential.Reader.Expand(new[] { "apps" }).Files;
        var expected = sequential.CheckAll(files, CheckSources.None, null, 1);
        var unused = Render(sequential.ConfigurationFindings());
        Assert.Equal(new[] { "DS9010 (26,5)" }, unused);

        for (var round = 0; round < 3; round++)
        {
            var workspace = NewWorkspace(dir);
            var stats = new WorkerStats();
            var actual = WorkerProcesses.TryCheckAll(Self(2, "validate", "apps"), workspace, files, CheckSources.None, null, 3, dir.Path, stats);

            Assert.Equal(0, stats.Failed);
            Assert.True(stats.FilesByWorkers > 0, "the workers checked nothing");
            AssertSameResults(expected, actual!);
            Assert.Equal(unused, Render(workspace.ConfigurationFindings()));
        }

        static List<string> Render(List<DaemonLint.Model.Finding> findings) => findings.Select(f => $"{f.RuleId} {f.Span.Start}").ToList();
    }

    [Fact]
    public void AWorkerThatCannotStart_MeansThreads_WithTheSameReport()
    {
        using var dir = new TempFolder();
        Corpus(dir);
        var (files, _) = Sequential(dir);
        var missing = new SelfCommand(Path.Combine(dir.Path, "no-such-tool"), Array.Empty<string>(), Array.Empty<string>()) { Workers = 2 };

        Assert.Null(WorkerProcesses.TryCheckAll(missing, NewWorkspace(dir), files, CheckSources.None, null, 4, dir.Path));
        var sequential = JobsTests.RunAll(dir, "1");
        var parallel = JobsTests.RunAll(dir, "4", missing);
        AssertSameRun(sequential, parallel);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void WithWorkers_EveryFormat_IsTheSequentialRunsBytes(int workers)
    {
        // The corpus of JobsTests (configuration per folder, .editorconfig, a baseline with notices, a read error, a file over
        // the size limit, syntax errors) and file names that are data, not options or markup.
        using var dir = new TempFolder();
        Corpus(dir);

        var sequential = JobsTests.RunAll(dir, "1");
        var parallel = JobsTests.RunAll(dir, "4", Self(workers));

        Assert.Contains("-dash é 漢 $(x) <b>.yaml(", sequential.Result.Stdout);
        AssertSameRun(sequential, parallel);
    }

    [Fact]
    public void StandardInput_IsCheckedInTheParent_AmongFilesCheckedByWorkers()
    {
        using var dir = new TempFolder();
        Corpus(dir);
        string[] Args(string jobs) => new[] { "validate", "--format", "json", "--jobs", jobs, "apps", "-", "loose.yaml" };

        var sequential = Cli.RunWithInput(dir.Path, Manifests.RestartPolicy, Args("1"));
        var parallel = Cli.RunCore(Self(2), dir.Path, Manifests.RestartPolicy, Args("4"));

        Assert.Contains("\"<stdin>\"", sequential.Stdout);
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void TheInstalledWay_DotnetDaemonlintDll_StartsWorkers_AndWritesTheSameBytes()
    {
        // A real process: Program.Main finds how it was started (dotnet daemonlint.dll) and starts its workers that way.
        using var dir = new TempFolder();
        Corpus(dir);
        var threads = new ToolProcess { ExtraEnvironment = { ["DAEMONLINT_WORKERS"] = "0" } };
        var processes = new ToolProcess { ExtraEnvironment = { ["DAEMONLINT_WORKERS"] = "2", ["DAEMONLINT_TRACE"] = "1" } };
        string[] args = { "validate", "--format", "sarif", "--baseline", "live", "apps", "loose.yaml" };

        var withThreads = threads.Run(dir.Path, null, args);
        var withWorkers = processes.Run(dir.Path, null, args);

        Assert.Equal(Program.ExitFindings, withThreads.ExitCode);
        Assert.Equal(withThreads.ExitCode, withWorkers.ExitCode);
        Assert.Equal(withThreads.Stdout, withWorkers.Stdout);
        Assert.Contains("2 worker process(es) started", withWorkers.Stderr);
        var line = withWorkers.Stderr.Split('\n').Single(l => l.Contains(" by workers, "));
        Assert.Matches(@"files checked: [1-9]\d* by workers, \d+ here, 0 worker\(s\) failed", line);
    }

    [Fact]
    public void TheFrameworkDependentTool_ChecksWithThreads_UnlessWorkersAreAskedFor()
    {
        // 17 MiB of manifests: the native tool would start workers (from 1 MiB), and so did dotnet daemonlint.dll (from 16 MiB)
        // before its threads did as well on two cores, holding one heap instead of one per process.
        using var dir = new TempFolder();
        var padding = "# " + new string('x', 2000) + "\n";
        for (var i = 0; i < 40; i++)
        {
            dir.Write($"apps/ds{i:D2}.yaml", string.Concat(Enumerable.Repeat(padding, 220)) + Manifests.DaemonSet($"agent-{i}", "agent"));
        }

        var byDefault = new ToolProcess { ExtraEnvironment = { ["DAEMONLINT_TRACE"] = "1" } }.Run(dir.Path, null, new[] { "validate", "--jobs", "2", "apps" });
        var asked = new ToolProcess { ExtraEnvironment = { ["DAEMONLINT_TRACE"] = "1", ["DAEMONLINT_WORKERS"] = "1" } }.Run(dir.Path, null, new[] { "validate", "--jobs", "2", "apps" });

        Assert.Equal(Program.ExitOk, byDefault.ExitCode);
        Assert.Equal(byDefault.Stdout, asked.Stdout);
        Assert.DoesNotContain("worker process(es) started", byDefault.Stderr);
        Assert.Contains("1 worker process(es) started", asked.Stderr);
    }

    [Fact]
    public void Staged_TheWorkersReadTheIndexAndCompareWithHead_AsTheParentDoes()
    {
        // --staged: each worker opens the git baseline itself (same command line, same folder); the index differs from the
        // work tree and from HEAD, so reading the wrong one changes the findings (DS1005: the selector changed since HEAD).
        using var dir = new TempFolder();
        void Git(params string[] args)
        {
            var r = DaemonLint.Tests.ProcessRunner.Run("git", args, dir.Path, TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@e", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@e" });
            Assert.True(r.ExitCode == 0, r.Output);
        }

        Git("init", "-q");
        for (var i = 0; i < 40; i++)
        {
            dir.Write($"apps/ds{i:D2}.yaml", Manifests.DaemonSet($"agent-{i}", "agent"));
        }

        Git("add", "-A");
        Git("commit", "-q", "-m", "init");
        for (var i = 0; i < 40; i += 3)
        {
            dir.Write($"apps/ds{i:D2}.yaml", Manifests.DaemonSet($"agent-{i}", "changed"));
        }

        Git("add", "-A");
        for (var i = 0; i < 40; i += 3)
        {
            dir.Write($"apps/ds{i:D2}.yaml", Manifests.DaemonSet($"agent-{i}", "agent")); // the work tree is HEAD again
        }

        string[] Args(string jobs) => new[] { "validate", "--staged", "--format", "json", "--jobs", jobs, "apps" };
        var sequential = Cli.Run(dir.Path, Args("1"));
        var parallel = Cli.RunWith(Self(2), dir.Path, Args("4"));

        Assert.Equal(Program.ExitFindings, sequential.ExitCode);
        Assert.Equal(14, System.Text.RegularExpressions.Regex.Matches(sequential.Stdout, "\"DS1005\"").Count);
        Assert.Equal(sequential, parallel);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void OneLargeFile_ItsRunsOfDocumentsGoToTheWorkers_WithTheSequentialRunsBytes(int workers)
    {
        // The 2 MB CRLF stream of JobsTests (suppression comments, non-ASCII text, prior versions): runs of documents sent to
        // the workers with their positions, joined in file order, the suppressions applied on the whole.
        using var dir = new TempFolder();
        JobsTests.WriteLargeStream(dir);
        string[] Args(string jobs) => new[] { "validate", "--format", "sarif", "--output", $"out{jobs}.sarif", "--format", "text", "--baseline", "live", "--jobs", jobs, "big.yaml" };

        var sequential = Cli.Run(dir.Path, Args("1"));
        var parallel = Cli.RunWith(Self(workers), dir.Path, Args("4"));

        Assert.Equal(Program.ExitFindings, sequential.ExitCode);
        Assert.Contains(" DS1005:", sequential.Stdout);
        Assert.Equal(sequential, parallel with { Stdout = parallel.Stdout.Replace("out4.sarif", "out1.sarif") });
        Assert.True(File.ReadAllBytes(Path.Combine(dir.Path, "out1.sarif")).SequenceEqual(File.ReadAllBytes(Path.Combine(dir.Path, "out4.sarif"))));

        // The same through the pool directly: the workers took runs, and the report is the in-order reading's.
        var workspace = NewWorkspace(dir);
        var sources = new CheckSources { Baseline = BaselineFiles.Read(workspace.Reader, new[] { "live" }) };
        var big = new SourceFile("big.yaml", Path.Combine(dir.Path, "big.yaml"));
        var expected = workspace.Check(big, sources);
        var stats = new WorkerStats();
        var actual = WorkerProcesses.TryCheckAll(Self(workers, "validate", "--baseline", "live", "big.yaml"), NewWorkspace(dir), new[] { big }, sources, null, 4, dir.Path, stats);

        Assert.NotNull(actual);
        Assert.Equal(0, stats.Failed);
        Assert.True(stats.RunsByWorkers > 0, "the workers validated no run");
        AssertSameResults(new[] { expected }, actual!);
    }

    [Fact]
    public void OneLargeFile_AWorkerThatIsNotOne_LeavesItsRunsToTheParent()
    {
        using var dir = new TempFolder();
        JobsTests.WriteLargeStream(dir);
        var workspace = NewWorkspace(dir);
        var big = new SourceFile("big.yaml", Path.Combine(dir.Path, "big.yaml"));
        var expected = workspace.Check(big, CheckSources.None);
        var stats = new WorkerStats();
        var impostor = new SelfCommand("/bin/sh", new[] { "-c", "printf 'DLW1'; head -c 100 > /dev/null; exit 3", "sh" }, Array.Empty<string>()) { Workers = 2 };

        var actual = WorkerProcesses.TryCheckAll(impostor, NewWorkspace(dir), new[] { big }, CheckSources.None, null, 4, dir.Path, stats);

        Assert.Equal(2, stats.Failed);
        Assert.Equal(0, stats.RunsByWorkers);
        AssertSameResults(new[] { expected }, actual!);
    }

    [Fact]
    public void TheWorkerMarker_TypedByAPerson_IsAUsageError_NotAProcessWaitingForRequests()
    {
        // Only a parent's environment makes the marker a worker; typed, it is an unknown argument (exit 2 at once, even with
        // standard input left open).
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);

        var typed = Tool.Run(dir.Path, "apiVersion: v1\n", WorkerProcesses.Marker, "validate", "ds.yaml");

        Assert.Equal(Program.ExitUsage, typed.ExitCode);
        Assert.Contains(WorkerProcesses.Marker, typed.Stderr);
        Assert.Equal(string.Empty, typed.Stdout);
    }

    private static SelfCommand Self(int workers, params string[] args) => new(Tool.DotnetPath, new[] { Tool.ToolPath }, args) { Workers = workers };

    private static void Corpus(TempFolder dir)
    {
        JobsTests.WriteCorpus(dir);
        dir.Write("apps/team3/-dash é 漢 $(x) <b>.yaml", Manifests.RestartPolicy);
        dir.Write("apps/team4/--format=json.yaml", Manifests.RestartPolicy);
    }

    private static Workspace NewWorkspace(TempFolder dir) => new(new WorkspaceSettings { BaseDirectory = dir.Path });

    private static (List<SourceFile> Files, CheckedFile[] Results) Sequential(TempFolder dir)
    {
        var workspace = NewWorkspace(dir);
        var files = workspace.Reader.Expand(new[] { "apps" }).Files;
        Assert.True(files.Count > 100);
        return (files, workspace.CheckAll(files, CheckSources.None, null, 1));
    }

    private static void AssertSameResults(CheckedFile[] expected, CheckedFile[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].File, actual[i].File);
            Assert.Equal(expected[i].Findings, actual[i].Findings);
            Assert.Equal(expected[i].CheckedObjects, actual[i].CheckedObjects);
            Assert.Equal(expected[i].Notices, actual[i].Notices);
            Assert.Equal((expected[i].Objects, expected[i].Unreadable, expected[i].Skipped), (actual[i].Objects, actual[i].Unreadable, actual[i].Skipped));
        }

        Assert.Contains(expected, r => r.Findings.Count > 0);
    }

    private static void AssertSameRun((CliResult Result, Dictionary<string, byte[]> Files) sequential, (CliResult Result, Dictionary<string, byte[]> Files) parallel)
    {
        Assert.Equal(sequential.Result, parallel.Result);
        foreach (var (name, bytes) in sequential.Files)
        {
            Assert.True(bytes.SequenceEqual(parallel.Files[name]), name + " differs");
        }
    }
}
