using System;
using System.IO;
using DaemonLint.Hosting;
using DaemonLint.Model;

namespace DaemonLint.MsBuild.Tests;

public sealed class SupportTests : IDisposable
{
    private readonly TempProject project = new();

    public void Dispose() => this.project.Dispose();

    [Fact]
    public void EditorConfigFiles_AreFoundUpToTheRoot()
    {
        this.project.Write(".editorconfig", "root = true\n");
        this.project.Write("a/.editorconfig", "[*]\n");
        Directory.CreateDirectory(Path.Combine(this.project.Root, "a", "b"));
        this.project.Write("a/b/.editorconfig", "# says root only after a section\n[*]\nroot = true\n");

        var files = new EditorConfigSeverities(this.project.Root).FindFiles(Path.Combine("a", "b"));

        Assert.Equal(
            new[] { Path.Combine(this.project.Root, "a", "b", ".editorconfig"), Path.Combine(this.project.Root, "a", ".editorconfig"), Path.Combine(this.project.Root, ".editorconfig") },
            files);
    }

    [Fact]
    public void EditorConfigSeverities_ReadEveryDotnetDiagnosticSeverity()
    {
        this.project.Write(".editorconfig", "root = true\n[*.yaml]\ndotnet_diagnostic.DS1001.severity = none\ndotnet_diagnostic.DS1002.severity = silent\ndotnet_diagnostic.DS1003.severity = suggestion\ndotnet_diagnostic.DS1004.severity = warning\ndotnet_diagnostic.DS1005.severity = error\ndotnet_diagnostic.DS1006.severity = default\n");
        var s = new EditorConfigSeverities(this.project.Root);

        Assert.Equal(Severity.None, s.GetSeverity("DS1001", "x.yaml"));
        Assert.Equal(Severity.None, s.GetSeverity("DS1002", "x.yaml"));
        Assert.Equal(Severity.Info, s.GetSeverity("DS1003", "x.yaml"));
        Assert.Equal(Severity.Warning, s.GetSeverity("DS1004", "x.yaml"));
        Assert.Equal(Severity.Error, s.GetSeverity("DS1005", Path.Combine(this.project.Root, "sub", "x.yaml")));
        Assert.Null(s.GetSeverity("DS1006", "x.yaml"));
        Assert.Null(s.GetSeverity("DS1005", "x.yml"));
        Assert.Equal(Severity.Info, s.GetSeverity("DS1003", null));
    }

    [Fact]
    public void GitArguments_AreQuotedForHostsWithoutArgumentList()
    {
        var line = GitProcess.JoinArguments(new[] { "show", "HEAD:./my file.yaml", "a\"b", string.Empty, "C:\\my dir\\" });

        Assert.Equal("show \"HEAD:./my file.yaml\" \"a\\\"b\" \"\" \"C:\\my dir\\\\\"", line);
    }

    [Fact]
    public void GitClient_ReadsAFileAtAVerifiedCommit()
    {
        // A real repository: git init, commit, then `git show HEAD:./ds.yaml` through the runner.
        var root = this.project.Root;
        Run(root, "init", "-q");
        File.WriteAllText(Path.Combine(root, "ds.yaml"), "kind: DaemonSet\n");
        Run(root, "add", "ds.yaml");
        Run(root, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "one");

        var git = GitClient.Open(root);
        var head = git.VerifyCommit("HEAD");
        Assert.Equal("kind: DaemonSet\n", System.Text.Encoding.UTF8.GetString(git.Show(head, Path.Combine(root, "ds.yaml"))!));
        Assert.Null(git.Show(head, Path.Combine(root, "new.yaml")));
        Assert.Throws<GitException>(() => git.VerifyCommit("nope"));
    }

    private static void Run(string dir, params string[] args)
    {
        var r = GitProcess.Instance.Run(dir, args);
        Assert.True(r.ExitCode == 0, r.StandardError);
    }
}
