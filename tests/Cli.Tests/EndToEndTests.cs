using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DaemonLint.Catalog;
using DaemonLint.Tests;

namespace DaemonLint.Cli.Tests;

/// <summary>The built tool as a real process: the canonical text lines, the summary line, exit codes.</summary>
public sealed class EndToEndTests : IClassFixture<ToolProcess>
{
    /// <summary>The canonical line: <c>file(line,col): severity DSnnnn: message [path]</c>.</summary>
    public static readonly Regex FindingLine = new(
        @"^(?<file>.+?)(?:\((?<line>\d+),(?<col>\d+)\))?: (?<severity>error|warning|info) (?<id>DS\d{4}): (?<message>.+?)(?: \[(?<path>[^\]]+)\])?$",
        RegexOptions.CultureInvariant);

    /// <summary>The summary line.</summary>
    public static readonly Regex SummaryLine = new(
        @"^(?<files>\d+) files?, (?<objects>\d+) objects?, (?<ds>\d+) DaemonSets?: (?<errors>\d+) errors?, (?<warnings>\d+) warnings?, (?<infos>\d+) infos? \(Kubernetes (?<release>1\.\d+)\)$",
        RegexOptions.CultureInvariant);

    private readonly ToolProcess tool;

    public EndToEndTests(ToolProcess tool) => this.tool = tool;

    [Fact]
    public void Samples_PrintCanonicalLines_AndTheSummary_AndExitOne()
    {
        var r = this.tool.Run(RepoPaths.Root, null, "validate", "samples/");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        Assert.Equal(string.Empty, r.Stderr);
        var lines = r.Stdout.TrimEnd('\n').Split('\n');
        var findings = lines[..^1];
        Assert.NotEmpty(findings);
        Assert.All(findings, l => Assert.Matches(FindingLine, l));

        var bad = File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "bad-daemonset.yaml")).Replace("\r\n", "\n");
        var (line, col) = Manifests.PositionOf(bad, "OnFailure");
        var ds1009 = Assert.Single(findings, l => l.Contains(" DS1009: ", StringComparison.Ordinal));
        Assert.StartsWith($"samples/bad-daemonset.yaml({line},{col}): error DS1009: ", ds1009);
        Assert.EndsWith(" [spec.template.spec.restartPolicy]", ds1009);
        Assert.DoesNotContain(findings, l => l.StartsWith("samples/good-daemonset.yaml", StringComparison.Ordinal));

        var summary = SummaryLine.Match(lines[^1]);
        Assert.True(summary.Success, lines[^1]);
        var sampleFiles = Directory.GetFiles(Path.Combine(RepoPaths.Root, "samples"), "*.y*ml", SearchOption.AllDirectories).Length;
        Assert.Equal(sampleFiles.ToString(System.Globalization.CultureInfo.InvariantCulture), summary.Groups["files"].Value);
        Assert.Equal(findings.Count(l => FindingLine.Match(l).Groups["severity"].Value == "error").ToString(), summary.Groups["errors"].Value);
        Assert.Equal(findings.Count(l => FindingLine.Match(l).Groups["severity"].Value == "warning").ToString(), summary.Groups["warnings"].Value);
    }

    [Fact]
    public void GoodSample_ExitsZero()
    {
        var r = this.tool.Run(RepoPaths.Root, null, "validate", "samples/good-daemonset.yaml");

        Assert.Equal(Program.ExitOk, r.ExitCode);
        Assert.Matches(SummaryLine, r.Stdout.TrimEnd('\n'));
        Assert.Contains(": 0 errors, 0 warnings", r.Stdout);
    }

    [Fact]
    public void TempFolder_ExitCodes_ZeroOneTwo()
    {
        using var dir = new TempFolder();
        dir.Write("clean/ds.yaml", Manifests.Clean);
        dir.Write("bad/ds.yaml", Manifests.RestartPolicy);
        Directory.CreateDirectory(Path.Combine(dir.Path, "empty"));

        var clean = this.tool.Run(dir.Path, null, "validate", "clean");
        var bad = this.tool.Run(dir.Path, null, "validate", "bad");
        var warningOnly = this.tool.Run(dir.Path, null, "validate", "--fail-on", "warning", "empty");
        var missing = this.tool.Run(dir.Path, null, "validate", "clean", "nope.yaml");
        var usage = this.tool.Run(dir.Path, null, "validate", "--format", "xml", "clean");

        Assert.Equal(Program.ExitOk, clean.ExitCode);
        Assert.Equal($"1 file, 1 object, 1 DaemonSet: 0 errors, 0 warnings, 0 infos (Kubernetes {DaemonLint.Releases.KubernetesRelease.Default})\n", clean.Stdout);
        Assert.Equal(Program.ExitFindings, bad.ExitCode);
        var (line, col) = Manifests.PositionOf(Manifests.RestartPolicy, "OnFailure");
        Assert.StartsWith($"bad/ds.yaml({line},{col}): error DS1009: ", bad.Stdout);
        Assert.Contains($" [{Manifests.RestartPolicyPath}]\n", bad.Stdout);
        Assert.Equal(Program.ExitFindings, warningOnly.ExitCode);
        Assert.StartsWith($"empty: warning {RuleCatalog.DS9007_NoManifests.Id}: ", warningOnly.Stdout);
        Assert.Equal(Program.ExitUsage, missing.ExitCode);
        Assert.Equal(Program.ExitUsage, usage.ExitCode);
        Assert.Contains("unknown format 'xml'", usage.Stderr);
    }

    [Fact]
    public void Stdin_IsPipedThrough()
    {
        using var dir = new TempFolder();

        var r = this.tool.Run(dir.Path, Manifests.RestartPolicy, "validate", "--format", "github", "-");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        Assert.StartsWith("::error line=", r.Stdout);
        Assert.Contains("title=DS1009 ", r.Stdout);
    }

    [Fact]
    public void Help_ExitsZero_AndVersion_IsTheSarifVersion()
    {
        using var dir = new TempFolder();

        var help = this.tool.Run(dir.Path, null, "--help");
        var version = this.tool.Run(dir.Path, null, "--version");

        Assert.Equal(Program.ExitOk, help.ExitCode);
        Assert.Contains("--format text|json|sarif|junit|github", help.Stdout);
        Assert.Equal(Program.ExitOk, version.ExitCode);
        Assert.Equal(Output.SarifFormatter.ToolVersion, version.Stdout.Trim());
    }
}
