using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;

namespace DaemonLint.MsBuild.Tests;

/// <summary><c>DaemonLintJobs</c>: manifests are validated in parallel, and the build log is the sequential one, entry for entry.</summary>
public sealed class JobsTests : IDisposable
{
    private readonly TempProject project = new();

    public void Dispose() => this.project.Dispose();

    [Theory]
    [InlineData("2")]
    [InlineData("4")]
    [InlineData("")]
    public void ParallelValidation_LogsExactlyWhatTheSequentialOneLogs_InTheSameOrder(string jobs)
    {
        var (items, fs, git) = this.WriteCorpus();
        var sequential = this.Execute(items, fs, git, "1");

        // What the sequential run logged, so that equal logs mean something.
        Assert.False(sequential.Succeeded);
        var codes = sequential.Engine.Errors.Concat(sequential.Engine.Warnings).Select(d => d.Code).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "DS1002", "DS1005", "DS3006", "DS9001", "DS9002", "DS9008", "DS9009" }, codes);
        Assert.Contains(sequential.Engine.Errors, d => d.Code == "DS9008" && d.Message.Contains("boom in a parallel phase", StringComparison.Ordinal));
        Assert.Contains(sequential.Engine.Errors, d => d.Code == "DS9008" && d.Message.Contains("boom in the ordered phase", StringComparison.Ordinal));

        Assert.Contains(sequential.Engine.Warnings, d => d.Code == "DS1002" && d.File!.Contains("lenient", StringComparison.Ordinal));
        Assert.Single(sequential.Engine.Messages, m => m.Message.Contains("chart-a" + Path.DirectorySeparatorChar + "templates: skipped", StringComparison.Ordinal));
        Assert.True(sequential.Engine.Messages.Exists(m => m.Message.Contains("names no namespace", StringComparison.Ordinal)), sequential.Engine.Log);
        Assert.True(sequential.Validated.Length > 40, sequential.Engine.Log);

        for (var round = 0; round < 3; round++)
        {
            var parallel = this.Execute(items, fs, git, jobs);
            Assert.Equal(sequential.Succeeded, parallel.Succeeded);
            Assert.Equal(sequential.Engine.Log, parallel.Engine.Log);
            Assert.Equal(sequential.Engine.Errors, parallel.Engine.Errors);
            Assert.Equal(sequential.Engine.Warnings, parallel.Engine.Warnings);
            Assert.Equal(sequential.Engine.Messages, parallel.Engine.Messages);
            Assert.Equal(sequential.Validated, parallel.Validated);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    [InlineData("-1")]
    public void JobsThatIsNotAPositiveNumber_IsAConfigurationError(string jobs)
    {
        this.project.Write("ds.yaml", Manifests.Valid);
        var (task, engine) = this.project.Task(this.project.Item("ds.yaml"));
        task.Jobs = jobs;

        Assert.False(task.Execute(), engine.Log);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("DS9009", error.Code);
        Assert.Contains("DaemonLintJobs must be a positive number", error.Message, StringComparison.Ordinal);
    }

    private (bool Succeeded, MockEngine Engine, string[] Validated) Execute(ITaskItem[] items, FailingFileSystem fs, FakeGit git, string jobs)
    {
        var (task, engine) = this.project.Task(fs, git, items);
        task.Jobs = jobs;
        task.Nodes = "nodes.yaml";
        task.BaselineRef = "HEAD";
        var ok = task.Execute();
        return (ok, engine, task.ValidatedManifests.Select(i => i.ItemSpec).ToArray());
    }

    // About a hundred manifests of different sizes: clean and broken DaemonSets, other kinds, two Helm charts, shared baseline
    // folders (one with a broken file, one missing), a node inventory, a file whose read throws, a folder whose .editorconfig
    // lowers an error, objects without a namespace compared with a baseline that has them elsewhere, and files at a git revision.
    private (ITaskItem[] Items, FailingFileSystem Fs, FakeGit Git) WriteCorpus()
    {
        var fs = new FailingFileSystem();
        var git = new FakeGit { Revision = "HEAD" };
        this.project.Write("nodes.yaml", "apiVersion: v1\nkind: Node\nmetadata: {name: n1, labels: {disktype: hdd}}\n");
        this.project.Write("lenient/.editorconfig", "[*.yaml]\ndotnet_diagnostic.DS1002.severity = warning\n");
        this.project.Write("prior/live.yaml", Manifests.Valid.Replace("metadata:\n  name: fluentd", "metadata:\n  name: agent-0\n  namespace: logging"));
        this.project.Write("prior/broken.yaml", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x\n");
        var items = new List<ITaskItem>();
        for (var i = 0; i < 100; i++)
        {
            var folder = (i % 4) switch { 0 => "deploy", 1 => "lenient", 2 => "apps", _ => "more" };
            var relative = $"{folder}/m{i:D3}.yaml";
            var metadata = new List<(string, string)>();
            switch (i % 9)
            {
                case 0:
                    this.project.Write(relative, Manifests.NoSelector.Replace("fluentd", "agent-" + i));
                    break;
                case 1:
                    var many = new StringBuilder();
                    for (var d = 0; d < 30; d++)
                    {
                        many.Append(d % 4 == 0 ? Manifests.NoSelector : Manifests.Valid).Replace("fluentd", $"agent-{i}-{d}").Append("\n---\n");
                    }

                    this.project.Write(relative, many.ToString());
                    break;
                case 2:
                    this.project.Write(relative, "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x\n");
                    break;
                case 3:
                    this.project.Write(relative, Manifests.ConfigMap);
                    break;
                case 4:
                    // A shared baseline folder: its broken file is reported once, by the first manifest that uses it.
                    this.project.Write(relative, Manifests.Valid.Replace("metadata:\n  name: fluentd", "metadata:\n  name: agent-0"));
                    metadata.Add(("Baseline", "prior"));
                    break;
                case 5:
                    metadata.Add(("Baseline", "nowhere"));
                    this.project.Write(relative, Manifests.Valid);
                    break;
                case 6:
                    // The selector changed since the revision: DS1005.
                    var path = this.project.Write(relative, Manifests.ChangedSelector.Replace("fluentd", "agent-" + i));
                    git.Files[path] = Manifests.Valid.Replace("fluentd", "agent-" + i);
                    break;
                case 7:
                    // A read that fails (DS9002), a probe that throws while reading (DS9008), a baseline probe that throws while
                    // the sources are prepared in order (DS9008).
                    this.project.Write(relative, Manifests.Valid);
                    if ((i / 9) % 3 == 0)
                    {
                        fs.ReadFailures[Path.Combine(this.project.Root, relative)] = new IOException("unreadable " + i);
                    }
                    else if ((i / 9) % 3 == 1)
                    {
                        relative = $"odd{i}/templates/m{i:D3}.yaml";
                        this.project.Write(relative, Manifests.Valid);
                        fs.ExistsFailures[Path.Combine(this.project.Root, $"odd{i}", "Chart.yaml")] = new InvalidOperationException("boom in a parallel phase");
                    }
                    else
                    {
                        metadata.Add(("Baseline", "exploding"));
                        fs.ExistsFailures[Path.Combine(this.project.Root, "exploding")] = new InvalidOperationException("boom in the ordered phase");
                    }

                    break;
                default:
                    // Runs on no node of the inventory (DS3006).
                    this.project.Write(relative, Manifests.Valid + "\n      nodeSelector:\n        disktype: ssd\n");
                    break;
            }

            items.Add(this.project.Item(relative, metadata.ToArray()));
        }

        foreach (var chart in new[] { "chart-a", "chart-b" })
        {
            this.project.Write($"{chart}/Chart.yaml", "apiVersion: v2\nname: " + chart + "\nversion: 0.1.0\n");
            for (var t = 0; t < 3; t++)
            {
                this.project.Write($"{chart}/templates/t{t}.yaml", Manifests.HelmTemplate);
                items.Add(this.project.Item($"{chart}/templates/t{t}.yaml"));
            }
        }

        return (items.ToArray(), fs, git);
    }
}
