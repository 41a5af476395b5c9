using System.Linq;
using System.Text.RegularExpressions;
using DaemonLint.Cli.Output;

namespace DaemonLint.Cli.Tests;

/// <summary>GitHub Actions workflow commands.</summary>
public sealed class GitHubFormatTests
{
    private static readonly Regex Command = new(
        @"^::(?<level>error|warning|notice) (?<props>[^:]*)::(?<message>.*)$",
        RegexOptions.CultureInvariant);

    [Fact]
    public void Finding_IsOneErrorCommand_WithFileLineColumnsAndTitle()
    {
        using var dir = new TempFolder();
        dir.Write("deploy/ds.yaml", Manifests.RestartPolicy);

        var r = Cli.Run(dir.Path, "validate", "--format", "github", "deploy");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        var lines = r.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        var m = Command.Match(lines[0]);
        Assert.True(m.Success, lines[0]);
        Assert.Equal("error", m.Groups["level"].Value);
        var props = Properties(m.Groups["props"].Value);
        var (line, column) = Manifests.PositionOf(Manifests.RestartPolicy, "OnFailure");
        Assert.Equal("deploy/ds.yaml", props["file"]);
        Assert.Equal(line.ToString(), props["line"]);
        Assert.Equal(column.ToString(), props["col"]);
        Assert.Equal(line.ToString(), props["endLine"]);
        Assert.Equal((column + "OnFailure".Length).ToString(), props["endColumn"]);
        Assert.Equal("DS1009 Pod restartPolicy must be Always", props["title"]);
        Assert.EndsWith($"[{Manifests.RestartPolicyPath}]", m.Groups["message"].Value);
        Assert.Equal($"1 file, 1 object, 1 DaemonSet: 1 error, 0 warnings, 0 infos (Kubernetes {DaemonLint.Releases.KubernetesRelease.Default})", lines[1]);
    }

    [Fact]
    public void Warning_IsAWarningCommand()
    {
        using var dir = new TempFolder();
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(dir.Path, "empty"));

        var r = Cli.Run(dir.Path, "validate", "--format", "github", "empty");

        Assert.Matches(@"^::warning file=empty,title=DS9007 [^:]*::", r.Stdout.Split('\n')[0]);
    }

    [Fact]
    public void PropertiesAndData_AreEscaped()
    {
        Assert.Equal("100%25 a%0D%0Ab: c, d", GitHubFormatter.EscapeData("100% a\r\nb: c, d"));
        Assert.Equal("100%25 a%0D%0Ab%3A c%2C d", GitHubFormatter.EscapeProperty("100% a\r\nb: c, d"));
    }

    [Fact]
    public void FileNameWithCommaAndColon_IsEscapedInTheCommand()
    {
        using var dir = new TempFolder();
        dir.Write("a,b:c.yaml", Manifests.RestartPolicy);

        var r = Cli.Run(dir.Path, "validate", "--format", "github", "a,b:c.yaml");

        var m = Command.Match(r.Stdout.Split('\n')[0]);
        Assert.True(m.Success, r.Stdout);
        Assert.Equal("a%2Cb%3Ac.yaml", Properties(m.Groups["props"].Value)["file"]);
    }

    [Fact]
    public void EveryFinding_IsACommandLine_ThenTheSummary()
    {
        var samples = System.IO.Path.Combine(DaemonLint.Tests.RepoPaths.Root, "samples");
        var text = Cli.Run(DaemonLint.Tests.RepoPaths.Root, "validate", samples).Stdout.TrimEnd('\n').Split('\n');
        var github = Cli.Run(DaemonLint.Tests.RepoPaths.Root, "validate", "--format", "github", samples).Stdout.TrimEnd('\n').Split('\n');

        Assert.Equal(text.Length, github.Length);
        Assert.True(github.Length > 1);
        Assert.All(github.Take(github.Length - 1), l => Assert.Matches(Command, l));
        Assert.Equal(text[^1], github[^1]);
    }

    private static System.Collections.Generic.Dictionary<string, string> Properties(string text) =>
        text.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}
