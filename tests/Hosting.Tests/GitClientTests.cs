using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Cli.Tests;
using DaemonLint.Tests;

namespace DaemonLint.Hosting.Tests;

/// <summary>The one git client with a real git: hostile revisions and file names, the index, renames.</summary>
public sealed class GitClientTests
{
    [Theory]
    [InlineData("--output=../outside.txt")]
    [InlineData("HEAD~999")]
    [InlineData("no-such-branch")]
    [InlineData("HEAD:ds.yaml")]
    public void UnusableRevision_IsAGitException_AndGitWritesNothing(string revision)
    {
        using var dir = Repository(out _);

        Assert.Throws<GitException>(() => GitBaseline.Open(dir.Path, revision, staged: false));
        Assert.False(File.Exists(Path.Combine(dir.Path, "..", "outside.txt")));
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => Path.GetFileName(f).StartsWith("outside", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-x.yaml")]
    [InlineData("--output=ds.yaml")]
    [InlineData("a\\b.yaml")]
    [InlineData("say \"hi\" 'there'.yaml")]
    [InlineData("1:stage.yaml")]
    [InlineData("new\nline.yaml")]
    [InlineData("déjà vu.yaml")]
    public void HostileFileNames_AreReadFromTheIndexAndAtACommit(string name)
    {
        if (OperatingSystem.IsWindows() && (name.Contains('\\') || name.Contains('"') || name.Contains('\n') || name.Contains(':')))
        {
            return; // not a file name there
        }

        using var dir = Repository(out var git);
        File.WriteAllText(Path.Combine(dir.Path, name), "committed\n");
        Run(dir.Path, "add", "--", name);
        Run(dir.Path, "commit", "-q", "-m", "add");
        File.WriteAllText(Path.Combine(dir.Path, name), "staged\n");
        Run(dir.Path, "add", "--", name);
        File.WriteAllText(Path.Combine(dir.Path, name), "work tree\n");

        var baseline = GitBaseline.Open(dir.Path, "HEAD", staged: true);
        var file = new SourceFile(name, Path.Combine(dir.Path, name));

        Assert.Equal("staged\n", Encoding.UTF8.GetString(baseline.StagedContent(file, Yaml.ReaderLimits.Default)!.Bytes!));
        Assert.Equal("committed\n", Encoding.UTF8.GetString(git.Show(baseline.Commit, file.FullPath!)!));
        Assert.False(File.Exists(Path.Combine(dir.Path, "ds.yaml")));
    }

    [Fact]
    public void Renames_AreFollowed_BetweenTheCommitAndTheIndex()
    {
        using var dir = Repository(out var git);
        File.WriteAllText(Path.Combine(dir.Path, "old name.yaml"), Manifests.DaemonSet("agent", "agent"));
        Run(dir.Path, "add", "-A");
        Run(dir.Path, "commit", "-q", "-m", "add");
        Run(dir.Path, "mv", "--", "old name.yaml", "-new.yaml");

        var renames = git.Renames(git.VerifyCommit("HEAD"), staged: true);

        Assert.Equal(Path.Combine(git.Root, "old name.yaml"), renames[Path.Combine(git.Root, "-new.yaml")]);
    }

    [Fact]
    public void Staged_BeforeTheFirstCommit_ReadsTheIndex_WithNoBaseline_ButAnExplicitHeadIsAnError()
    {
        using var dir = new TempFolder();
        Run(dir.Path, "init", "-q");
        File.WriteAllText(Path.Combine(dir.Path, "ds.yaml"), "staged\n");
        Run(dir.Path, "add", "ds.yaml");
        var file = new SourceFile("ds.yaml", Path.Combine(dir.Path, "ds.yaml"));

        var baseline = GitBaseline.Open(dir.Path, revision: null, staged: true);

        Assert.Null(baseline.Commit);
        Assert.Equal("staged\n", Encoding.UTF8.GetString(baseline.StagedContent(file, Yaml.ReaderLimits.Default)!.Bytes!));
        Assert.Null(baseline.For(file, null, new InputReader(dir.Path), "default"));
        Assert.Throws<GitException>(() => GitBaseline.Open(dir.Path, "HEAD", staged: true));
    }

    [Fact]
    public void NoRepository_IsAGitException()
    {
        var outside = ProcessRunner.TempFolder("dl-nogit");
        try
        {
            Assert.Throws<GitException>(() => GitClient.Open(outside, new GitProcess()));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void JoinArguments_RoundTripsThroughTheRuntimesSplitting()
    {
        // .NET splits ProcessStartInfo.Arguments back with the same rules on every platform: what git receives is checked by
        // the hostile-name test above; here the quoting itself.
        var line = GitProcess.JoinArguments(new[] { "show", "HEAD:./my file.yaml", "a\"b", string.Empty, "C:\\my dir\\" });

        Assert.Equal("show \"HEAD:./my file.yaml\" \"a\\\"b\" \"\" \"C:\\my dir\\\\\"", line);
    }

    private static TempFolder Repository(out GitClient git)
    {
        var dir = new TempFolder();
        Run(dir.Path, "init", "-q");
        File.WriteAllText(Path.Combine(dir.Path, "README"), "x\n");
        Run(dir.Path, "add", "README");
        Run(dir.Path, "commit", "-q", "-m", "init");
        git = GitClient.Open(dir.Path);
        return dir;
    }

    private static void Run(string dir, params string[] args)
    {
        var env = new Dictionary<string, string> { ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@e", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@e" };
        var r = ProcessRunner.Run("git", args, dir, TimeSpan.FromMinutes(1), env);
        Assert.True(r.ExitCode == 0, $"git {string.Join(" ", args)}: {r.Output}");
    }
}
