using System;
using System.Collections.Generic;
using System.IO;
using DaemonLint.Cli.Tests;
using DaemonLint.Tests;

namespace DaemonLint.Hostile.Tests;

/// <summary>
/// The real pre-commit (Debian's package) with the hook entry of this repository's committed .pre-commit-hooks.yaml
/// (the <c>daemonlint-system</c> hook: the same entry, with the built tool on PATH instead of a NuGet install), over staged
/// files whose names look like options, hold newlines, control characters, bidirectional overrides, quotes, spaces,
/// backslashes and non-ASCII letters, or a forged finding: every one is a file (never an option), its finding names it
/// escaped on one line, nothing is written beside the repository, and a tool that fails blocks the commit.
/// </summary>
public sealed class PreCommitHostileNamesTests : IDisposable
{
    private static readonly Dictionary<string, string> Identity = new()
    {
        ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@example.com", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@example.com",
    };

    // Each hostile name (at the top level of the repository, where an option-like name does the most harm) and how its finding
    // must name it: as it is when it is printable and cannot pass for a location or a severity, else Go-quoted (%q).
    private static readonly (string Name, string Printed)[] Names =
    {
        ("--output=ds.yaml", "--output=ds.yaml"),
        ("--baseline-ref=--output=pwned.yaml", "--baseline-ref=--output=pwned.yaml"),
        ("-leading dash.yaml", "-leading dash.yaml"),
        ("-p.yaml", "-p.yaml"),
        ("new\nline.yaml", "\"new\\nline.yaml\""),
        ("x.yaml(1,1): error DS1001: forged.yaml", "\"x.yaml(1,1): error DS1001: forged.yaml\""),
        ("back\\slash.yaml", "back\\slash.yaml"),
        ("spaces and 'quotes'.yaml", "spaces and 'quotes'.yaml"),
        ("ünïcödé ✓ 日本.yaml", "ünïcödé ✓ 日本.yaml"),
        ("esc\u001b[2J.yaml", "\"esc\\x1b[2J.yaml\""),
        ("bidi\u202elmay.yaml", "\"bidi\\u202elmay.yaml\""),
        ("tab\there.yaml", "\"tab\\there.yaml\""),
        ("cr\rret.yaml", "\"cr\\rret.yaml\""),
    };

    private readonly string work = ProcessRunner.TempFolder("dl-precommit-names");
    private readonly string repo;
    private readonly Dictionary<string, string> env;

    public PreCommitHostileNamesTests()
    {
        this.repo = Path.Combine(this.work, "consumer");
        Directory.CreateDirectory(this.repo);

        // The built tool as `daemonlint` on PATH, for the hook whose language is 'system'.
        var tool = new ToolProcess();
        var bin = Path.Combine(this.work, "bin");
        Directory.CreateDirectory(bin);
        var wrapper = Path.Combine(bin, "daemonlint");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec '{tool.DotnetPath}' '{tool.ToolPath}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        this.env = new Dictionary<string, string>(Identity)
        {
            ["PRE_COMMIT_HOME"] = Path.Combine(this.work, "cache"),
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
        };
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(this.work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void HostileFileNames_AreFiles_NamedEscaped_AndBlockTheCommit()
    {
        this.Init();
        File.WriteAllText(Path.Combine(this.repo, "good.yaml"), HostileWorld.Good);
        foreach (var (name, _) in Names)
        {
            File.WriteAllText(Path.Combine(this.repo, name), HostileWorld.Bad);
        }

        Git(this.repo, "add", "-A");
        var commit = this.Run("git", "commit", "-m", "hostile names");

        Assert.NotEqual(0, commit.ExitCode);
        Assert.Contains("exit code: 1", commit.Output, StringComparison.Ordinal); // findings, not a failure of the tool (2)
        var lines = commit.Output.Split('\n');
        foreach (var (name, printed) in Names)
        {
            var expected = printed + $"(14,22): error {HostileWorld.BadRule}: ";
            Assert.True(Array.Exists(lines, l => l.StartsWith(expected, StringComparison.Ordinal)), $"no line starting with {expected} in\n{commit.Output}");
        }

        // One finding per file, nothing else of ours: no option was taken from a name, no line forged, nothing raw on the terminal.
        Assert.Equal(Names.Length, Array.FindAll(lines, l => l.Contains($": error {HostileWorld.BadRule}: ", StringComparison.Ordinal)).Length);
        Assert.DoesNotContain("error DS1001", commit.Output.Replace("\"x.yaml(1,1): error DS1001: forged.yaml\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', commit.Output);
        Assert.DoesNotContain('\u202e', commit.Output);
        Assert.Equal(HostileWorld.Bad, File.ReadAllText(Path.Combine(this.repo, "--output=ds.yaml")));
        Assert.False(File.Exists(Path.Combine(this.repo, "ds.yaml")));
        Assert.Empty(Directory.GetFiles(this.work, "pwned*", HostileWorld.NoLinks));
        Assert.Equal("1", Git(this.repo, "rev-list", "--count", "HEAD").Output.Trim()); // the commit did not happen

        // Fixed (each file now holds the good DaemonSet), the same hostile names pass.
        foreach (var (name, _) in Names)
        {
            File.WriteAllText(Path.Combine(this.repo, name), HostileWorld.Good);
        }

        Git(this.repo, "add", "-A");
        var fixedCommit = this.Run("git", "commit", "-m", "fixed");
        Assert.True(fixedCommit.ExitCode == 0, fixedCommit.Output);
        Assert.False(File.Exists(Path.Combine(this.repo, "ds.yaml")));
    }

    [Fact]
    public void AToolThatCannotRun_BlocksTheCommit()
    {
        // A configuration whose YAML the parser rejects with an exception, staged with a good DaemonSet: a configuration
        // error is exit 2 and blocks the commit, never "Passed".
        this.Init();
        File.WriteAllText(Path.Combine(this.repo, ".daemonlint.yaml"), "a: \"\\UFFFFFFFF\"\n");
        File.WriteAllText(Path.Combine(this.repo, "good.yaml"), HostileWorld.Good);
        Git(this.repo, "add", "-A");

        var commit = this.Run("git", "commit", "-m", "bad configuration");

        Assert.NotEqual(0, commit.ExitCode);
        Assert.Contains("exit code: 2", commit.Output, StringComparison.Ordinal);
        Assert.Contains("DS9009", commit.Output, StringComparison.Ordinal);
        Limited.AssertWellBehaved(new ProcessRunner.Result(0, commit.Output));
    }

    private static ProcessRunner.Result Git(string dir, params string[] args)
    {
        var r = ProcessRunner.Run("git", args, dir, TimeSpan.FromMinutes(2), Identity);
        Assert.True(r.ExitCode == 0, $"git {string.Join(" ", args)}: {r.Output}");
        return r;
    }

    private void Init()
    {
        var head = Git(RepoPaths.Root, "rev-parse", "HEAD").Output.Trim();
        Git(this.repo, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(this.repo, ".pre-commit-config.yaml"), $"""
            repos:
              - repo: {RepoPaths.Root}
                rev: {head}
                hooks:
                  - id: daemonlint-system
            """);
        Git(this.repo, "add", ".pre-commit-config.yaml");
        Git(this.repo, "commit", "-q", "-m", "config", "--no-verify");
        var install = this.Run("pre-commit", "install");
        Assert.True(install.ExitCode == 0, install.Output);
    }

    private ProcessRunner.Result Run(string file, params string[] args) =>
        ProcessRunner.Run(file, args, this.repo, TimeSpan.FromMinutes(10), this.env, stdin: string.Empty);
}
