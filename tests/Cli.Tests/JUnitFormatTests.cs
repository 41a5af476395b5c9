using System.Linq;
using System.Xml.Linq;

namespace DaemonLint.Cli.Tests;

/// <summary>JUnit XML as GitLab and Jenkins read it.</summary>
public sealed class JUnitFormatTests
{
    [Fact]
    public void OneSuitePerFile_OneCasePerObject_AndCountsAddUp()
    {
        using var dir = new TempFolder();
        dir.Write("a.yaml", Manifests.RestartPolicy + "\n---\n" + Manifests.ConfigMap + "\n---\n" + Manifests.Clean);
        dir.Write("b.yaml", Manifests.DaemonSet("b-one", "b-one") + "\n---\n" + Manifests.DaemonSet("b-two", "b-two"));
        dir.Write("c.yaml", "key: [unclosed\n");
        dir.Write("d.yaml", Manifests.ConfigMap);

        var r = Cli.Run(dir.Path, "validate", "--format", "junit", ".");

        Assert.Equal(Program.ExitFindings, r.ExitCode);
        var root = XDocument.Parse(r.Stdout).Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        var suites = root.Elements("testsuite").ToList();
        // d.yaml holds no DaemonSet and no finding: it checked nothing, so it is no suite.
        Assert.Equal(new[] { "a.yaml", "b.yaml", "c.yaml" }, suites.Select(s => (string?)s.Attribute("name")));
        Assert.Null(root.Attribute("skipped")); // junit-10.xsd has no skipped on testsuites

        var a = suites[0].Elements("testcase").ToList();
        Assert.Equal(new[] { "DaemonSet logging/bad-restart", "DaemonSet kube-system/clean-agent" }, a.Select(c => (string?)c.Attribute("name")));
        Assert.All(a, c => Assert.Equal("a.yaml", (string?)c.Attribute("classname")));
        var failure = Assert.Single(a[0].Elements("failure"));
        Assert.Equal(Manifests.RestartPolicyRule, (string?)failure.Attribute("type"));
        var (line, column) = Manifests.PositionOf(Manifests.RestartPolicy, "OnFailure");
        Assert.StartsWith($"a.yaml({line},{column}): error {Manifests.RestartPolicyRule}: ", (string?)failure.Attribute("message"));
        Assert.Empty(a[1].Elements("failure"));

        Assert.Equal(2, suites[1].Elements("testcase").Count());
        Assert.All(suites[1].Elements("testcase"), c => Assert.Empty(c.Elements("failure")));
        var input = Assert.Single(suites[2].Elements("testcase"));
        Assert.Equal("DS9001", (string?)Assert.Single(input.Elements("failure")).Attribute("type"));

        foreach (var s in suites)
        {
            var cases = s.Elements("testcase").ToList();
            Assert.Equal(cases.Count, (int)s.Attribute("tests")!);
            Assert.Equal(cases.Count(c => c.Elements("failure").Any()), (int)s.Attribute("failures")!);
            Assert.Equal(0, (int)s.Attribute("errors")!);
            Assert.Equal(0, (int)s.Attribute("skipped")!);
        }

        Assert.Equal(suites.Sum(s => (int)s.Attribute("tests")!), (int)root.Attribute("tests")!);
        Assert.Equal(suites.Sum(s => (int)s.Attribute("failures")!), (int)root.Attribute("failures")!);
        Assert.Equal(5, (int)root.Attribute("tests")!);
        Assert.Equal(2, (int)root.Attribute("failures")!);
    }

    [Fact]
    public void CleanRun_IsAllGreen()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);

        var r = Cli.Run(dir.Path, "validate", "--format", "junit", "ds.yaml");

        Assert.Equal(Program.ExitOk, r.ExitCode);
        var root = XDocument.Parse(r.Stdout).Root!;
        Assert.Equal(1, (int)root.Attribute("tests")!);
        Assert.Equal(0, (int)root.Attribute("failures")!);
        var c = Assert.Single(root.Descendants("testcase"));
        Assert.Equal("DaemonSet kube-system/clean-agent", (string?)c.Attribute("name"));
        Assert.False(c.HasElements);
    }

    [Fact]
    public void EveryErrorFinding_IsInTheOneFailureOfItsCase()
    {
        using var dir = new TempFolder();
        var yaml = Manifests.RestartPolicy.Replace("    spec:\n      restartPolicy", "    spec:\n      activeDeadlineSeconds: 30\n      restartPolicy");
        dir.Write("ds.yaml", yaml);

        var text = Cli.Run(dir.Path, "validate", "ds.yaml");
        var junit = Cli.Run(dir.Path, "validate", "--format", "junit", "ds.yaml");

        var lines = text.Stdout.Split('\n').Where(l => l.Contains(": error DS", System.StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count >= 2, text.Stdout);
        var c = Assert.Single(XDocument.Parse(junit.Stdout).Descendants("testcase"));

        // JUnit readers take one failure per case (Jenkins shows the first, parsers count them as failed tests).
        var failure = Assert.Single(c.Elements("failure"));
        Assert.Equal(string.Join(" ", lines.Select(l => l.Split(' ')[2].TrimEnd(':')).Distinct()), (string?)failure.Attribute("type"));
        Assert.Equal($"{lines[0]} (and {lines.Count - 1} more)", (string?)failure.Attribute("message"));
        Assert.Equal(lines, failure.Value.Split('\n').Where(l => !l.StartsWith(' ')));
    }

    [Fact]
    public void SpecialCharacters_AreEscaped()
    {
        using var dir = new TempFolder();
        dir.Write("a&b <c>.yaml", Manifests.RestartPolicy.Replace("name: bad-restart", "name: \"x<&>'\\\"\""));

        var r = Cli.Run(dir.Path, "validate", "--format", "junit", "a&b <c>.yaml");

        var root = XDocument.Parse(r.Stdout).Root!;
        Assert.Equal("a&b <c>.yaml", (string?)root.Element("testsuite")!.Attribute("name"));
        Assert.Contains(root.Descendants("testcase"), c => ((string?)c.Attribute("name"))!.Contains("x<&>'\""));
    }

    [Fact]
    public void DuplicateObjectNames_InOneFile_GetDistinctCases()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean + "\n---\n" + Manifests.Clean);

        var root = XDocument.Parse(Cli.Run(dir.Path, "validate", "--format", "junit", "ds.yaml").Stdout).Root!;

        var names = root.Descendants("testcase").Select(c => (string?)c.Attribute("name")).ToList();
        Assert.Equal(2, names.Count);
        Assert.Equal(2, names.Distinct().Count());
    }

    [Fact]
    public void Failure_MessageIsTheShortLine_ItsTextAddsTheHintAndTheHelpLink()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);

        var r = Cli.Run(dir.Path, "validate", "--format", "junit", "ds.yaml");

        var failure = Assert.Single(XDocument.Parse(r.Stdout).Descendants("failure"));
        var message = (string)failure.Attribute("message")!;
        Assert.EndsWith($"Unsupported value: \"OnFailure\": supported values: \"Always\" [{Manifests.RestartPolicyPath}]", message);
        var lines = failure.Value.Split('\n');
        Assert.Equal(message, lines[0]);
        Assert.StartsWith("    hint: ", lines[1]);
        Assert.Contains("set it to Always", lines[1]);
        Assert.Equal("    help: " + DaemonLint.Catalog.RuleCatalog.Get(Manifests.RestartPolicyRule).HelpUri, lines[2]);
    }

    [Fact]
    public void OnlyFilesWithoutDaemonSets_GiveNoSuiteAtAll()
    {
        using var dir = new TempFolder();
        dir.Write("cm.yaml", Manifests.ConfigMap);

        var r = Cli.Run(dir.Path, "validate", "--format", "junit", "cm.yaml");

        Assert.Equal(Program.ExitOk, r.ExitCode);
        var root = XDocument.Parse(r.Stdout).Root!;
        Assert.Empty(root.Elements());
        Assert.Equal(0, (int)root.Attribute("tests")!);
    }
}
