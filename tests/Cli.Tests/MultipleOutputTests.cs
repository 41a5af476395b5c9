using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;

namespace DaemonLint.Cli.Tests;

/// <summary>Several <c>--format X --output F</c> pairs in one run.</summary>
public sealed class MultipleOutputTests
{
    [Fact]
    public void EveryFormat_WritesItsOwnFile_AndTextGoesToStdout()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);
        Directory.CreateDirectory(Path.Combine(dir.Path, "out"));

        var r = Cli.Run(
            dir.Path,
            "validate",
            "--format", "json", "--output", "out/findings.json",
            "--format", "sarif", "-o", "out/findings.sarif",
            "--format", "junit", "--output=out/junit.xml",
            "--format", "github", "--output", "out/github.txt",
            "--format", "text",
            "ds.yaml");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        Assert.Equal(string.Empty, r.Stderr);
        Assert.Contains($"error {Manifests.RestartPolicyRule}:", r.Stdout);
        using var json = JsonDocument.Parse(dir.Read("out/findings.json"));
        Assert.Equal(Manifests.RestartPolicyRule, json.RootElement.GetProperty("findings")[0].GetProperty("ruleId").GetString());
        using var sarif = JsonDocument.Parse(dir.Read("out/findings.sarif"));
        Assert.Equal(Manifests.RestartPolicyRule, sarif.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("ruleId").GetString());
        var junit = XDocument.Parse(dir.Read("out/junit.xml"));
        Assert.Equal(Manifests.RestartPolicyRule, (string?)junit.Descendants("failure").Single().Attribute("type"));
        Assert.StartsWith("::error file=ds.yaml,", dir.Read("out/github.txt"));
    }

    [Fact]
    public void OutputFiles_HaveNoByteOrderMark()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);

        Cli.Run(dir.Path, "validate", "--format", "sarif", "--output", "r.sarif", "--format", "junit", "--output", "r.xml", "ds.yaml");

        Assert.Equal((byte)'{', File.ReadAllBytes(Path.Combine(dir.Path, "r.sarif"))[0]);
        Assert.Equal((byte)'<', File.ReadAllBytes(Path.Combine(dir.Path, "r.xml"))[0]);
    }

    [Fact]
    public void OutputWithoutFormat_IsText()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);

        var r = Cli.Run(dir.Path, "validate", "--output", "report.txt", "ds.yaml");

        Assert.Equal(string.Empty, r.Stdout);
        Assert.StartsWith("ds.yaml(", dir.Read("report.txt"));
    }

    [Fact]
    public void SecondOutputForOneFormat_IsAUsageError()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);

        var r = Cli.Run(dir.Path, "validate", "--format", "json", "--output", "a.json", "--output", "b.json", "ds.yaml");

        Assert.Equal(Program.ExitUsage, r.ExitCode);
        Assert.False(File.Exists(Path.Combine(dir.Path, "a.json")));
    }
}
