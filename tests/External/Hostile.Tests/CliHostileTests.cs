using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using DaemonLint.Tests;

namespace DaemonLint.Hostile.Tests;

/// <summary>
/// The built CLI over the hostile world under process limits: exit code 0, 1 or 2 only, no stack trace, every bad DaemonSet
/// reported (whatever its neighbours are), and the same bytes in every format whatever the order of the path arguments.
/// </summary>
public sealed class CliHostileTests : IDisposable
{
    private readonly HostileWorld world = new();
    private readonly string outputs = ProcessRunner.TempFolder("dl-hostile-out");

    public void Dispose()
    {
        this.world.Dispose();
        Directory.Delete(this.outputs, recursive: true);
    }

    [Fact]
    public void EveryBadDaemonSet_IsReported_AmongTheHostileInputs()
    {
        var json = Path.Combine(this.outputs, "all.json");

        var r = Limited.Cli(this.world.Root, new[] { "validate", "--format", "json", "--output", json, "." });

        // Special files (DS9002) and a configuration error (DS9009) make it an I/O error.
        Assert.Equal(2, r.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Rule: f.GetProperty("ruleId").GetString()!, File: f.GetProperty("file").GetString())).ToList();
        foreach (var bad in this.world.BadFiles)
        {
            Assert.True(findings.Contains((HostileWorld.BadRule, bad)), $"{bad}: no {HostileWorld.BadRule} in\n{string.Join("\n", findings)}");
        }

        foreach (var (file, rule) in new[]
        {
            ("links/zero.yaml", "DS9002"), ("links/random.yaml", "DS9002"), ("links/fifo.yaml", "DS9002"), ("huge.yaml", "DS9005"), ("binary.yaml", "DS9003"),
            ("escape.yaml", "DS9001"), ("bomb.yaml", "DS9006"), ("deep.yaml", "DS9006"), ("conf/.daemonlint.yaml", "DS9009"),
        })
        {
            Assert.True(findings.Contains((rule, file)), $"{file}: no {rule} in\n{string.Join("\n", findings)}");
        }

        // Each file once: the link cycles were not followed, the linked folders not read again.
        Assert.Equal(1, findings.Count(f => f == (HostileWorld.BadRule, "links/ds.yaml")));
        Assert.DoesNotContain(findings, f => f.File is { } name && name.Contains("loop", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("github")]
    public void Output_IsTheSame_WhateverTheOrderOfThePaths(string format)
    {
        var entries = this.world.TopLevel;
        var orders = new List<List<string>> { new() { "." }, entries, Enumerable.Reverse(entries).ToList() };
        var random = new Random(7);
        orders.Add(entries.OrderBy(_ => random.Next()).ToList());
        orders.Add(entries.Concat(new[] { "names", "bad.yaml" }).OrderBy(_ => random.Next()).ToList());

        var texts = new List<string>();
        for (var i = 0; i < orders.Count; i++)
        {
            var file = Path.Combine(this.outputs, $"{format}-{i}.out");
            var args = new List<string> { "validate", "--format", format, "--output", file, "--" };
            args.AddRange(orders[i]);
            var r = Limited.Cli(this.world.Root, args);
            Assert.Equal(2, r.ExitCode);
            texts.Add(File.ReadAllText(file));
        }

        Assert.Contains(HostileWorld.BadRule, texts[0], StringComparison.Ordinal);
        Assert.All(texts, t => Assert.Equal(texts[0], t));
        if (format != "json")
        {
            // One line per finding plus the summary: no file name broke a line, and nothing raw reached the terminal.
            Assert.DoesNotContain(texts[0], c => char.IsControl(c) && c != '\n');
            Assert.DoesNotContain('\u202e', texts[0]);
            var lines = texts[0].TrimEnd('\n').Split('\n');
            Assert.All(lines.SkipLast(1), l => Assert.Matches(format == "text" ? @"^("".*""|[^""].*?)(\(\d+,\d+\))?: (error|warning|info) DS\d{4}: " : "^::(error|warning|notice) ", l));
        }
    }

    [Theory]
    [InlineData(">&-")]
    [InlineData(">/dev/full")]
    [InlineData("<&-")]
    [InlineData("2>&-")]
    public void BrokenStandardStreams_AreOneLineAndExitTwo_OrNoHarm(string redirection)
    {
        var r = Limited.Cli(this.world.Root, new[] { "validate", "-", "." }, redirection);

        Assert.Equal(2, r.ExitCode);
        if (redirection.StartsWith('>'))
        {
            Assert.StartsWith("daemonlint: cannot write the output: ", r.Output);
            Assert.Single(r.Output.TrimEnd('\n').Split('\n'));
        }
    }

    [Fact]
    public void FileNamesAreData_NeverOptions()
    {
        var r = Limited.Cli(this.world.Root, new[] { "validate", "--", "names/--output=ds.yaml", "--output=ds.yaml", "--baseline-ref=--output=pwned.yaml" });

        Assert.Equal(2, r.ExitCode); // two of the names are not files at the top level
        Assert.False(File.Exists(Path.Combine(this.world.Root, "ds.yaml")));
        Assert.False(File.Exists(Path.Combine(this.world.Root, "pwned.yaml")));
        Assert.Contains("names/--output=ds.yaml(", r.Output);
    }

    [Theory]
    [InlineData("HEAD~999")]
    [InlineData("--output=../pwned.txt")]
    [InlineData("-p")]
    [InlineData("HEAD:bad.yaml")]
    [InlineData("a\nb")]
    public void BadBaselineRefs_AreUsageErrors_AndWriteNothing(string revision)
    {
        foreach (var args in new[] { new[] { "init", "-q" }, new[] { "add", "good.yaml", "bad.yaml" }, new[] { "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "x" } })
        {
            Assert.Equal(0, ProcessRunner.Run("git", args, this.world.Root, TimeSpan.FromMinutes(1)).ExitCode);
        }

        var r = Limited.Cli(this.world.Root, new[] { "validate", "--baseline-ref", revision, "bad.yaml" });

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--baseline-ref", r.Output);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(this.world.Root)!, "pwned.txt")));
        Assert.Empty(Directory.GetFiles(this.world.Root, "pwned*", HostileWorld.NoLinks));
    }

    [Fact]
    public void HostileNodeInventoriesAndBaselines_AreFindings_NeverCrashes()
    {
        foreach (var input in new[] { "links/zero.yaml", "links/fifo.yaml", "huge.yaml", "binary.yaml", "escape.yaml", "bomb.yaml", "deep.yaml", "names" })
        {
            var nodes = Limited.Cli(this.world.Root, new[] { "validate", "--nodes", input, "bad.yaml" });
            var baseline = Limited.Cli(this.world.Root, new[] { "validate", "--baseline", input, "bad.yaml" });
            var config = Limited.Cli(this.world.Root, new[] { "validate", "--config", input, "bad.yaml" });
            var place = Limited.Cli(this.world.Root, new[] { "place", "--nodes", input, "bad.yaml" });

            foreach (var r in new[] { nodes, baseline, config })
            {
                Assert.Contains($"bad.yaml(14,22): error {HostileWorld.BadRule}", r.Output);
            }

            Assert.Equal(2, place.ExitCode);
        }
    }
}
