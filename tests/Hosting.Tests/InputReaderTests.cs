using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Tests;
using DaemonLint.Cli.Tests;
using DaemonLint.Yaml;

namespace DaemonLint.Hosting.Tests;

/// <summary>The one reader: regular files only, the size limit for every input, a walk that cannot loop, Helm templates skipped.</summary>
public sealed class InputReaderTests
{
    [Fact]
    public void Fifo_IsNotARegularFile_AndIsNeverOpened()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no FIFOs in the file system there
        }

        using var dir = new TempFolder();
        var fifo = Path.Combine(dir.Path, "pipe.yaml");
        Assert.Equal(0, ProcessRunner.Run("mkfifo", new[] { fifo }, dir.Path, TimeSpan.FromSeconds(30)).ExitCode);
        var reader = new InputReader(dir.Path);
        var watch = Stopwatch.StartNew();

        var read = reader.Read(new SourceFile("pipe.yaml", fifo));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Null(read.Bytes);
        Assert.Equal(RuleCatalog.DS9002_FileUnreadable.Id, read.Problem!.RuleId);
        Assert.Contains("not a regular file", read.Problem.Message);
    }

    [Fact]
    public void LinkToDevZero_IsNotARegularFile()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempFolder();
        var link = Path.Combine(dir.Path, "zero.yaml");
        File.CreateSymbolicLink(link, "/dev/zero");

        var read = new InputReader(dir.Path).Read(new SourceFile("zero.yaml", link));

        Assert.Equal(RuleCatalog.DS9002_FileUnreadable.Id, read.Problem!.RuleId);
    }

    [Fact]
    public void EmptyRegularFile_IsRead()
    {
        using var dir = new TempFolder();
        var empty = dir.Write("empty.yaml", string.Empty);

        var read = new InputReader(dir.Path).Read(new SourceFile("empty.yaml", empty));

        Assert.Null(read.Problem);
        Assert.Empty(read.Bytes!);
    }

    [Fact]
    public void FileOverTheLimit_IsDS9005WithItsSize_ForDataFilesToo()
    {
        using var dir = new TempFolder();
        var big = dir.Write("nodes.yaml", new string('#', 5000));
        var reader = new InputReader(dir.Path, ReaderLimits.Default with { MaxFileBytes = 1000, MaxInventoryBytes = 2000 });

        var read = reader.Read(new SourceFile("nodes.yaml", big));
        var inventory = new InventoryLoader(reader).LoadNodes(new[] { "nodes.yaml" }, out var load);

        Assert.Equal(RuleCatalog.DS9005_FileTooLarge.Id, read.Problem!.RuleId);
        Assert.Contains("5,000 bytes", read.Problem.Message);
        var finding = Assert.Single(load.Findings);
        Assert.Equal(RuleCatalog.DS9005_FileTooLarge.Id, finding.RuleId);
        Assert.Equal("the inventory has 5,000 bytes, more than the limit of 2,000 for a node or pod inventory, so it is not read", finding.Message);
        Assert.Equal("nodes.yaml", finding.File);
        Assert.False(load.Complete);
        Assert.Empty(inventory.Nodes);
    }

    [Fact]
    public void StandardInput_IsReadNoFurtherThanTheLimit()
    {
        var reader = new InputReader(Path.GetTempPath(), ReaderLimits.Default with { MaxFileBytes = 100 });

        var read = reader.Read(SourceFile.Stdin, new MemoryStream(System.Text.Encoding.ASCII.GetBytes(new string('a', 10_000))));

        Assert.Equal(RuleCatalog.DS9005_FileTooLarge.Id, read.Problem!.RuleId);
    }

    [Fact]
    public void LinkCycles_DoNotLoop_AndLinkedFoldersAreNotReadTwice()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempFolder();
        dir.Write("deploy/a.yaml", Manifests.Clean);
        dir.Write("deploy/sub/b.yaml", Manifests.Clean);
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "deploy", "loop"), ".");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "deploy", "sub", "up"), "..");

        var set = new InputReader(dir.Path).Expand(new[] { "deploy" });

        Assert.Equal(new[] { "deploy/a.yaml", "deploy/sub/b.yaml" }, set.Files.Select(f => f.DisplayName));
        Assert.Empty(set.Problems);
    }

    [Fact]
    public void Expand_IsOrdinalWithinAFolder_EachFileOnce_MissingAndEmptyReported()
    {
        using var dir = new TempFolder();
        dir.Write("d/b.yml", Manifests.Clean);
        dir.Write("d/a.json", "{}");
        dir.Write("d/node_modules/x.yaml", Manifests.Clean);
        dir.Write("d/.hidden/x.yaml", Manifests.Clean);
        dir.Write("d/notes.txt", "x");
        Directory.CreateDirectory(Path.Combine(dir.Path, "empty"));

        var set = new InputReader(dir.Path).Expand(new[] { "d", "d/b.yml", "missing.yaml", "empty" });

        Assert.Equal(new[] { "d/a.json", "d/b.yml" }, set.Files.Select(f => f.DisplayName));
        Assert.Equal(
            new[] { ("missing.yaml", RuleCatalog.DS9002_FileUnreadable.Id), ("empty", RuleCatalog.DS9007_NoManifests.Id) },
            set.Problems.Select(p => (p.Argument, p.Problem.RuleId)));
    }

    [Fact]
    public void Expand_TellsTheWalksProgress_FilesAndBytesSoFar_OnlyForManifestsFoundInFolders()
    {
        using var dir = new TempFolder();
        dir.Write("d/a.yaml", new string('a', 100));
        dir.Write("d/sub/b.yml", new string('b', 250));
        dir.Write("d/sub/deeper/c.json", "{}");
        dir.Write("d/notes.txt", new string('x', 5000));
        dir.Write("d/node_modules/x.yaml", new string('x', 5000));
        dir.Write("named.yaml", new string('n', 7000));
        var told = new System.Collections.Generic.List<(int Files, long Bytes)>();

        var set = new InputReader(dir.Path).Expand(new[] { "named.yaml", "d" }, (files, bytes) => told.Add((files, bytes)));

        // Once per manifest the walk found, counting up; a file named on the command line is not walked, and what is
        // skipped (other extensions, node_modules) is not counted.
        Assert.Equal(4, set.Files.Count);
        Assert.Equal(new[] { 1, 2, 3 }, told.Select(t => t.Files));
        Assert.Equal(352L, told[^1].Bytes);
        Assert.True(told.Zip(told.Skip(1), (x, y) => y.Bytes >= x.Bytes).All(b => b));
        told.Clear();
        new InputReader(dir.Path).Expand(new[] { "named.yaml", "d/a.yaml" }, (files, bytes) => told.Add((files, bytes)));
        Assert.Empty(told);
    }

    [Fact]
    public void HelmChartTemplates_AreSkippedWithOneNotice_WhetherWalkedOrNamed()
    {
        using var dir = new TempFolder();
        dir.Write("charts/agent/Chart.yaml", "apiVersion: v2\nname: agent\nversion: 0.1.0\n");
        dir.Write("charts/agent/values.yaml", "image: x\n");
        dir.Write("charts/agent/templates/ds.yaml", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n");
        dir.Write("charts/agent/templates/more.yaml", "{{ include \"x\" . }}\n");
        dir.Write("other/templates/ds.yaml", Manifests.Clean); // no Chart.yaml beside it: an ordinary folder

        var walked = new InputReader(dir.Path).Expand(new[] { "charts", "other" });
        var named = new InputReader(dir.Path).Expand(new[] { "charts/agent/templates/ds.yaml", "charts/agent/templates/more.yaml" });

        Assert.Equal(new[] { "charts/agent/Chart.yaml", "charts/agent/values.yaml", "other/templates/ds.yaml" }, walked.Files.Select(f => f.DisplayName));
        Assert.Contains("charts/agent/templates: skipped", Assert.Single(walked.Notices));
        Assert.Empty(named.Files);
        Assert.Single(named.Notices);
        Assert.Empty(named.Problems);
    }

    [Fact]
    public void ConfigurationThatCannotBeParsed_IsAFindingNotACrash()
    {
        using var dir = new TempFolder();
        var config = dir.Write(".daemonlint.yaml", "ignore: [\n");

        var loaded = ConfigurationFile.Load(new SourceFile(".daemonlint.yaml", config), new InputReader(dir.Path));

        Assert.Equal(RuleCatalog.DS9009_ConfigurationError.Id, Assert.Single(loaded.Problems).RuleId);
    }

    [Fact]
    public void AFolderWhoseFilesWereNamedAlready_IsNotEmpty_AndStdinIsOneInput()
    {
        using var dir = new TempFolder();
        dir.Write("deploy/ds.yaml", "kind: DaemonSet\n");
        dir.Write("chart/Chart.yaml", "name: c\n");
        dir.Write("chart/templates/ds.yaml", "{{ x }}\n");

        var set = new InputReader(dir.Path).Expand(new[] { "deploy/ds.yaml", "deploy", "deploy", "chart", "chart", "-", "-" });

        Assert.Empty(set.Problems);
        Assert.Equal(new[] { "deploy/ds.yaml", "chart/Chart.yaml", SourceFile.StdinName }, set.Files.Select(f => f.DisplayName));
        Assert.Single(set.Notices);
    }
}
