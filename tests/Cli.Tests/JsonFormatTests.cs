using System.Linq;
using System.Text.Json;

namespace DaemonLint.Cli.Tests;

/// <summary>The JSON output keeps to the contract of DESIGN.md §5.</summary>
public sealed class JsonFormatTests
{
    [Fact]
    public void Finding_HasEveryContractField()
    {
        using var dir = new TempFolder();
        dir.Write("deploy/ds.yaml", Manifests.RestartPolicy);

        var r = Cli.Run(dir.Path, "validate", "--format", "json", "deploy");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        var f = Assert.Single(root.GetProperty("findings").EnumerateArray());
        var (line, column) = Manifests.PositionOf(Manifests.RestartPolicy, "OnFailure");
        Assert.Equal(Manifests.RestartPolicyRule, f.GetProperty("ruleId").GetString());
        Assert.Equal("error", f.GetProperty("severity").GetString());
        Assert.StartsWith("Unsupported value: \"OnFailure\"", f.GetProperty("message").GetString());
        Assert.Equal(Manifests.RestartPolicyPath, f.GetProperty("path").GetString());
        Assert.Equal("NotSupported", f.GetProperty("kind").GetString());
        Assert.Equal("deploy/ds.yaml", f.GetProperty("file").GetString());
        Assert.Equal(line, f.GetProperty("line").GetInt32());
        Assert.Equal(column, f.GetProperty("column").GetInt32());
        Assert.Equal(line, f.GetProperty("endLine").GetInt32());
        Assert.Equal(column + "OnFailure".Length, f.GetProperty("endColumn").GetInt32());
        var o = f.GetProperty("object");
        Assert.Equal("apps/v1", o.GetProperty("apiVersion").GetString());
        Assert.Equal("DaemonSet", o.GetProperty("kind").GetString());
        Assert.Equal("logging", o.GetProperty("namespace").GetString());
        Assert.Equal("bad-restart", o.GetProperty("name").GetString());
        Assert.Equal(0, o.GetProperty("document").GetInt32());

        // Added in version 1 (issue 17): the hint apart from the message, and the apiVersion a finding assumes.
        Assert.Equal("Unsupported value: \"OnFailure\": supported values: \"Always\"", f.GetProperty("message").GetString());
        Assert.Contains("set it to Always", f.GetProperty("hint").GetString());
        Assert.Equal(JsonValueKind.Null, f.GetProperty("whenApiVersion").ValueKind);
    }

    [Fact]
    public void RemovedApiVersion_AlsoGetsTheFindingsOfAppsV1_Marked()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy.Replace("apiVersion: apps/v1", "apiVersion: extensions/v1beta1"));

        var r = Cli.Run(dir.Path, "validate", "--format", "json", "ds.yaml");

        using var doc = JsonDocument.Parse(r.Stdout);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var removed = Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == "DS6001");
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("whenApiVersion").ValueKind);
        var next = Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == Manifests.RestartPolicyRule);
        Assert.Equal("apps/v1", next.GetProperty("whenApiVersion").GetString());
        Assert.Equal("error", next.GetProperty("severity").GetString());
        Assert.EndsWith(" (as apps/v1)", next.GetProperty("message").GetString());
        Assert.Equal("extensions/v1beta1", next.GetProperty("object").GetProperty("apiVersion").GetString());
    }

    [Fact]
    public void Summary_CountsFilesObjectsAndSeverities()
    {
        using var dir = new TempFolder();
        dir.Write("a.yaml", Manifests.RestartPolicy + "\n---\n" + Manifests.ConfigMap);
        dir.Write("b.yaml", Manifests.Clean);
        dir.Write("empty/notes.txt", "nothing");

        var r = Cli.Run(dir.Path, "validate", "--format", "json", "a.yaml", "b.yaml", "empty");

        using var doc = JsonDocument.Parse(r.Stdout);
        var summary = doc.RootElement.GetProperty("summary");
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(2, summary.GetProperty("files").GetInt32());
        Assert.Equal(3, summary.GetProperty("objects").GetInt32());
        Assert.Equal(findings.Count(f => f.GetProperty("severity").GetString() == "error"), summary.GetProperty("errors").GetInt32());
        Assert.Equal(findings.Count(f => f.GetProperty("severity").GetString() == "warning"), summary.GetProperty("warnings").GetInt32());
        Assert.Equal(1, summary.GetProperty("errors").GetInt32());
        Assert.Equal(1, summary.GetProperty("warnings").GetInt32());
        Assert.Equal(0, summary.GetProperty("infos").GetInt32());
    }

    [Fact]
    public void FileLevelFinding_HasNullPathAndObject_ButALocation()
    {
        using var dir = new TempFolder();
        dir.Write("broken.yaml", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: [x\n");

        var r = Cli.Run(dir.Path, "validate", "--format", "json", "broken.yaml");

        using var doc = JsonDocument.Parse(r.Stdout);
        var f = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("DS9001", f.GetProperty("ruleId").GetString());
        Assert.Equal(JsonValueKind.Null, f.GetProperty("path").ValueKind);
        Assert.Equal(JsonValueKind.Null, f.GetProperty("object").ValueKind);
        Assert.True(f.GetProperty("line").GetInt32() >= 3);
        Assert.True(f.GetProperty("column").GetInt32() >= 1);
    }

    [Fact]
    public void CleanRun_HasEmptyFindings()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);

        var r = Cli.Run(dir.Path, "validate", "--format", "json", "ds.yaml");

        Assert.Equal(Program.ExitOk, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Empty(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal(1, doc.RootElement.GetProperty("summary").GetProperty("objects").GetInt32());
    }
}
