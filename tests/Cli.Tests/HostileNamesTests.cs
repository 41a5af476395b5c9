using System;
using System.Linq;
using DaemonLint.Tests;

namespace DaemonLint.Cli.Tests;

/// <summary>
/// File names and manifest text that could forge or hide a line of output (issue 14 item 10): one finding is one line in the
/// text and GitHub formats, a name that looks like a finding is quoted, and no control character reaches the terminal raw.
/// </summary>
public sealed class HostileNamesTests
{
    [Theory]
    [InlineData("new\nline.yaml", "\"new\\nline.yaml\"")]
    [InlineData("x.yaml(1,1): error DS1001: forged.yaml", "\"x.yaml(1,1): error DS1001: forged.yaml\"")]
    [InlineData("esc\u001b[2J.yaml", "\"esc\\x1b[2J.yaml\"")]
    [InlineData("bidi\u202elmay.yaml", "\"bidi\\u202elmay.yaml\"")]
    [InlineData("my agent's ds.yaml", "my agent's ds.yaml")]
    public void TextFormat_OneLinePerFinding_WithHostileNamesQuoted(string name, string printed)
    {
        if (OperatingSystem.IsWindows() && name.IndexOfAny(new[] { '\n', '\u001b', ':' }) >= 0)
        {
            return; // not a possible file name there
        }

        using var dir = new TempFolder();
        dir.Write(name, Manifests.RestartPolicy);

        var r = Cli.Run(dir.Path, "validate", "--", name);

        var lines = r.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(printed + "(", lines[0]);
        Assert.Contains($": error {Manifests.RestartPolicyRule}: ", lines[0]);
        Assert.DoesNotContain(r.Stdout, c => char.IsControl(c) && c != '\n');
    }

    [Fact]
    public void GitHubFormat_EncodesNewlinesAsTheRunnerDecodesThem_AndEscapesOtherControls()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempFolder();
        dir.Write("a\nb,c:d.yaml", Manifests.RestartPolicy);
        dir.Write("esc\u001b.yaml", Manifests.RestartPolicy);

        var r = Cli.Run(dir.Path, "validate", "--format", "github", ".");

        var lines = r.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("::error file=a%0Ab%2Cc%3Ad.yaml,line=", lines[0]);
        Assert.StartsWith("::error file=esc\\x1b.yaml,line=", lines[1]);
        Assert.DoesNotContain(r.Stdout, c => char.IsControl(c) && c != '\n');
    }

    [Fact]
    public void ControlCharactersInArguments_AreEscapedInNotes()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);

        var r = Cli.Run(dir.Path, "validate", "--baseline", "no\u001b[2Jsuch\nfile", "ds.yaml");

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.Equal("daemonlint: baseline \"no\\x1b[2Jsuch\\nfile\" does not exist\n", r.Stderr);
    }

    [Fact]
    public void NamesFromTheNodeInventory_AreEscapedInPlaceText()
    {
        using var dir = new TempFolder();
        dir.Write("nodes.yaml", "apiVersion: v1\nkind: Node\nmetadata:\n  name: \"n\\e[2J1\"\n  labels:\n    kubernetes.io/os: linux\nstatus:\n  allocatable:\n    pods: \"110\"\n");
        dir.Write("ds.yaml", Manifests.Clean);

        var r = Cli.Run(dir.Path, "place", "--nodes", "nodes.yaml", "ds.yaml");

        Assert.Contains("\"n\\x1b[2J1\"", r.Stdout);
        Assert.DoesNotContain(r.Stdout, c => char.IsControl(c) && c != '\n');
    }
}
