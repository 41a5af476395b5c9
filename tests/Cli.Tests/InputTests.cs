using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaemonLint.Catalog;

namespace DaemonLint.Cli.Tests;

/// <summary>What the validate command reads: stdin, folders, baselines, and hostile files.</summary>
public sealed class InputTests
{
    [Fact]
    public void Stdin_IsReadForDash_AndNamedStdin()
    {
        using var dir = new TempFolder();

        var r = Cli.RunWithInput(dir.Path, Manifests.RestartPolicy, "validate", "-");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        var (line, column) = Manifests.PositionOf(Manifests.RestartPolicy, "OnFailure");
        Assert.StartsWith($"<stdin>({line},{column}): error {Manifests.RestartPolicyRule}: ", r.Stdout);
    }

    [Fact]
    public void StdinAndFiles_AreReadTogether()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);

        var r = Cli.RunWithInput(dir.Path, Manifests.Clean, "validate", "--format", "json", "-", "ds.yaml");

        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(2, doc.RootElement.GetProperty("summary").GetProperty("files").GetInt32());
        Assert.Equal("ds.yaml", doc.RootElement.GetProperty("findings")[0].GetProperty("file").GetString());
    }

    [Fact]
    public void Folder_IsSearchedRecursively_SkippingBuildAndToolFolders()
    {
        using var dir = new TempFolder();
        dir.Write("manifests/a.yaml", Manifests.RestartPolicy);
        dir.Write("manifests/nested/deeper/b.yml", Manifests.RestartPolicy);
        dir.Write("manifests/c.json", """{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"j"},"spec":{"selector":{"matchLabels":{"app":"j"}},"template":{"metadata":{"labels":{"app":"j"}},"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"i"}]}}}}""");
        dir.Write("manifests/notes.txt", Manifests.RestartPolicy);
        foreach (var skipped in new[] { "bin", "obj", "node_modules", ".git", "nested/node_modules" })
        {
            dir.Write($"manifests/{skipped}/skipped.yaml", Manifests.RestartPolicy);
        }

        var r = Cli.Run(dir.Path, "validate", "manifests");

        var files = Regex.Matches(r.Stdout, @"^(\S+)\(\d+,\d+\): error DS1009", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(new[] { "manifests/a.yaml", "manifests/c.json", "manifests/nested/deeper/b.yml" }, files.OrderBy(f => f, StringComparer.Ordinal));
        Assert.Contains("3 files, 3 objects, 3 DaemonSets: 3 errors", r.Stdout);
    }

    [Fact]
    public void FilesAnotherProcessLocks_AreReadAsKubectlReadsThem()
    {
        // The installed tool, as a process, while this one holds the manifest and the .editorconfig with FileShare.None: on
        // Unix an exclusive flock, which made every read of the tool fail ("being used by another process", DS9002) and the
        // severity of the .editorconfig go unread. Windows enforces sharing modes for every reader alike.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempFolder();
        dir.Write(".editorconfig", "root = true\n[*.yaml]\ndotnet_diagnostic.DS1009.severity = warning\n");
        dir.Write("ds.yaml", Manifests.RestartPolicy);
        using var manifest = new System.IO.FileStream(System.IO.Path.Combine(dir.Path, "ds.yaml"), System.IO.FileMode.Open, System.IO.FileAccess.ReadWrite, System.IO.FileShare.None);
        using var config = new System.IO.FileStream(System.IO.Path.Combine(dir.Path, ".editorconfig"), System.IO.FileMode.Open, System.IO.FileAccess.ReadWrite, System.IO.FileShare.None);

        var r = new ToolProcess().Run(dir.Path, null, "validate", "ds.yaml");

        Assert.Equal(Program.ExitOk, r.ExitCode);
        Assert.DoesNotContain("DS9002", r.Stdout);
        Assert.Matches(@"^ds\.yaml\(\d+,\d+\): warning DS1009: ", r.Stdout);
    }

    [Fact]
    public void Baseline_WithAChangedSelector_ReportsSelectorIsImmutable()
    {
        using var dir = new TempFolder();
        dir.Write("live/ds.yaml", Manifests.DaemonSet("agent", "agent-v1"));
        dir.Write("new/ds.yaml", Manifests.DaemonSet("agent", "agent-v2"));
        dir.Write("same/ds.yaml", Manifests.DaemonSet("agent", "agent-v1"));

        var changed = Cli.Run(dir.Path, "validate", "--baseline", "live", "new");
        var unchanged = Cli.Run(dir.Path, "validate", "--baseline", "live/ds.yaml", "same");
        var noBaseline = Cli.Run(dir.Path, "validate", "new");

        Assert.Equal(Program.ExitFindings, changed.ExitCode);
        Assert.Matches($@"^new/ds\.yaml\(\d+,\d+\): error {RuleCatalog.DS1005_SelectorIsImmutable.Id}: .*\[spec\.selector\]", changed.Stdout);
        Assert.Equal(Program.ExitOk, unchanged.ExitCode);
        Assert.Equal(Program.ExitOk, noBaseline.ExitCode);
    }

    [Fact]
    public void MissingBaseline_ExitsTwo()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);

        var r = Cli.Run(dir.Path, "validate", "--baseline", "nope", "ds.yaml");

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.Contains("baseline 'nope' does not exist", r.Stderr);
    }

    [Theory]
    [InlineData("malformed", "DS9001")]
    [InlineData("binary", "DS9003")]
    [InlineData("invalid-utf8", "DS9003")]
    [InlineData("alias-bomb", "DS9006")]
    [InlineData("duplicate-key", "DS9004")]
    public void BadInputFile_GivesALocatedInputFinding_AndTheOtherFilesAreStillChecked(string kind, string ruleId)
    {
        using var dir = new TempFolder();
        dir.Write("a-good.yaml", Manifests.RestartPolicy);
        dir.Write("b-bad.yaml", BadInput(kind));
        dir.Write("c-good.yaml", Manifests.RestartPolicy);

        var r = Cli.Run(dir.Path, "validate", "--format", "json", ".");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var bad = Assert.Single(findings, f => f.GetProperty("file").GetString() == "b-bad.yaml");
        Assert.Equal(ruleId, bad.GetProperty("ruleId").GetString());
        Assert.Equal("error", bad.GetProperty("severity").GetString());
        Assert.True(bad.GetProperty("line").GetInt32() >= 1);
        Assert.True(bad.GetProperty("column").GetInt32() >= 1);
        Assert.Single(findings, f => f.GetProperty("file").GetString() == "a-good.yaml" && f.GetProperty("ruleId").GetString() == Manifests.RestartPolicyRule);
        Assert.Single(findings, f => f.GetProperty("file").GetString() == "c-good.yaml" && f.GetProperty("ruleId").GetString() == Manifests.RestartPolicyRule);
        Assert.Equal(3, doc.RootElement.GetProperty("summary").GetProperty("files").GetInt32());
    }

    [Fact]
    public void FileOverTheSizeLimit_IsReportedNotRead()
    {
        using var dir = new TempFolder();
        dir.Write("big.yaml", Manifests.RestartPolicy);

        var r = Cli.Run(dir.Path, "validate", "--max-file-size", "64", "big.yaml");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        Assert.Contains($"error {RuleCatalog.DS9005_FileTooLarge.Id}:", r.Stdout);
        Assert.DoesNotContain(Manifests.RestartPolicyRule, r.Stdout);
    }

    [Fact]
    public void InvalidUtf8_IsLocatedAtTheBadByte()
    {
        using var dir = new TempFolder();
        dir.Write("bad.yaml", BadInput("invalid-utf8"));

        var r = Cli.Run(dir.Path, "validate", "bad.yaml");

        // "name: x" is on line 4; the bad byte follows "  name: ab".
        Assert.StartsWith("bad.yaml(4,11): error DS9003", r.Stdout);
    }

    private static byte[] BadInput(string kind)
    {
        switch (kind)
        {
            case "malformed":
                return Encoding.UTF8.GetBytes("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: [x\n");
            case "binary":
                return new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x01 };
            case "invalid-utf8":
                var head = Encoding.UTF8.GetBytes("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ab");
                var tail = Encoding.UTF8.GetBytes("\n");
                return head.Concat(new byte[] { 0xC3, 0x28 }).Concat(tail).ToArray();
            case "alias-bomb":
                var sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
                for (var i = 1; i < 9; i++)
                {
                    var refs = string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10));
                    sb.Append($"a{i}: &a{i} [{refs}]\n");
                }

                return Encoding.UTF8.GetBytes(sb.ToString());
            case "duplicate-key":
                return Encoding.UTF8.GetBytes(Manifests.Clean.Replace("kind: DaemonSet\n", "kind: DaemonSet\nkind: DaemonSet\n"));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
