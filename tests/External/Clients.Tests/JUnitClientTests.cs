using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Xml.Linq;
using DaemonLint.Cli.Tests;

namespace DaemonLint.Clients.Tests;

/// <summary>
/// JUnit output as Jenkins and a JUnit parser read it (issue 17 item 1): valid under Jenkins' junit-10.xsd with xmllint,
/// and read by Debian's python3-junitparser with the counts DaemonLint wrote.
/// </summary>
public sealed class JUnitClientTests : IClassFixture<ToolProcess>
{
    // A parser's view of a report: per suite, its name, its counts as written, the cases it holds and their results.
    private const string ReadWithJunitparser = """
        import json, sys
        from junitparser import JUnitXml, Failure, Error, Skipped
        xml = JUnitXml.fromfile(sys.argv[1])
        suites = []
        for suite in xml:
            cases = []
            for case in suite:
                results = [type(r).__name__ for r in case.result]
                cases.append({"name": case.name, "classname": case.classname, "results": results,
                              "messages": [r.message for r in case.result], "texts": [r.text for r in case.result]})
            suites.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                           "errors": suite.errors, "skipped": suite.skipped, "cases": cases})
        written = {"tests": xml.tests, "failures": xml.failures, "errors": xml.errors}
        xml.update_statistics()
        recomputed = {"tests": xml.tests, "failures": xml.failures, "errors": xml.errors}
        print(json.dumps({"suites": suites, "written": written, "recomputed": recomputed}))
        """;

    private readonly ToolProcess tool;

    public JUnitClientTests(ToolProcess tool) => this.tool = tool;

    [Fact]
    public void StoredSchema_IsTheOneWeSaidItIs()
    {
        var hash = System.Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Clients.JUnitSchema)));
        Assert.Equal("62ca5a7bd8a6b8268818a64192bd8f94dbf38b63eb85a19c159deba08244f1fd", hash);
    }

    [Fact]
    public void Xmllint_RefusesWhatJenkinsRefuses_SoTheCheckMeansSomething()
    {
        using var dir = new TempFolder();
        var old = dir.Write("old.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <testsuites name="daemonlint" tests="0" failures="0" errors="0" skipped="0" time="0"></testsuites>
            """);

        var r = Clients.Xmllint(old, Clients.JUnitSchema);

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("skipped", r.Output);
    }

    [Theory]
    [InlineData("mixed")]
    [InlineData("clean")]
    [InlineData("nothing-to-check")]
    [InlineData("verbose")]
    public void Report_ValidatesAgainstJenkinsJUnit10Schema(string scenario)
    {
        using var dir = Scenario(scenario, out var args);
        var report = Path.Combine(dir.Path, "report.xml");

        var run = this.tool.Run(dir.Path, null, new[] { "validate", "--format", "junit", "--output", report }.Concat(args).ToArray());

        Assert.InRange(run.ExitCode, 0, 1);
        var lint = Clients.Xmllint(report, Clients.JUnitSchema);
        Assert.True(lint.ExitCode == 0, lint.Output);
        Assert.Contains("validates", lint.Output);
    }

    [Fact]
    public void Junitparser_ReadsTheSuitesCasesAndFailures_WithTheCountsWeWrote()
    {
        using var dir = Scenario("mixed", out var args);
        var report = Path.Combine(dir.Path, "report.xml");
        this.tool.Run(dir.Path, null, new[] { "validate", "--format", "junit", "--output", report }.Concat(args).ToArray());
        var json = this.tool.Run(dir.Path, null, new[] { "validate", "--format", "json" }.Concat(args).ToArray());

        var r = Clients.RunPython(ReadWithJunitparser, report);

        Assert.True(r.ExitCode == 0, r.Output);
        using var parsed = System.Text.Json.JsonDocument.Parse(r.Output);
        var root = parsed.RootElement;
        var suites = root.GetProperty("suites").EnumerateArray().ToList();

        // One suite per file with something checked, in ordinal order of the path; the ConfigMap-only file is none.
        Assert.Equal(new[] { "bad.yaml", "broken.yaml", "clean.yaml", "deploy/b.yaml" }, suites.Select(s => s.GetProperty("name").GetString()));
        Assert.All(suites, s => Assert.NotEqual(0, s.GetProperty("cases").GetArrayLength()));

        // What we wrote is what the parser counts.
        Assert.Equal(root.GetProperty("written").GetRawText(), root.GetProperty("recomputed").GetRawText());
        foreach (var s in suites)
        {
            var cases = s.GetProperty("cases").EnumerateArray().ToList();
            Assert.Equal(cases.Count, s.GetProperty("tests").GetInt32());
            Assert.Equal(cases.Count(c => c.GetProperty("results").EnumerateArray().Any(x => x.GetString() == "Failure")), s.GetProperty("failures").GetInt32());
            Assert.Equal(0, s.GetProperty("errors").GetInt32());
            Assert.Equal(0, s.GetProperty("skipped").GetInt32());
        }

        // Every error and warning finding is in the one failure of its case: its line, its hint, its help link.
        using var findings = System.Text.Json.JsonDocument.Parse(json.Stdout);
        var failing = findings.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("severity").GetString() is "error" or "warning").ToList();
        var texts = suites.SelectMany(s => s.GetProperty("cases").EnumerateArray()).SelectMany(c => c.GetProperty("texts").EnumerateArray()).Select(m => m.GetString()!).ToList();
        Assert.True(failing.Count > texts.Count, "some case has several findings, so the test shows they share one failure");
        static string Line(System.Text.Json.JsonElement f) =>
            $"{f.GetProperty("file").GetString()}({f.GetProperty("line")},{f.GetProperty("column")}): {f.GetProperty("severity").GetString()} {f.GetProperty("ruleId").GetString()}: {f.GetProperty("message").GetString()}";
        Assert.All(failing, f => Assert.Single(texts, t => t.Contains(Line(f), System.StringComparison.Ordinal)));
        Assert.All(failing.Where(f => f.GetProperty("hint").ValueKind == System.Text.Json.JsonValueKind.String), f => Assert.Contains(texts, t => t.Contains("    hint: " + f.GetProperty("hint").GetString(), System.StringComparison.Ordinal)));
        var input = Assert.Single(suites, s => s.GetProperty("name").GetString() == "broken.yaml").GetProperty("cases")[0];
        Assert.Equal("(input)", input.GetProperty("name").GetString());
    }

    [Fact]
    public void Junitparser_ReadsAReportWithNothingToCheck_AsNoTest()
    {
        using var dir = Scenario("nothing-to-check", out var args);
        var report = Path.Combine(dir.Path, "report.xml");
        this.tool.Run(dir.Path, null, new[] { "validate", "--format", "junit", "--output", report }.Concat(args).ToArray());

        var r = Clients.RunPython(ReadWithJunitparser, report);

        Assert.True(r.ExitCode == 0, r.Output);
        using var parsed = System.Text.Json.JsonDocument.Parse(r.Output);
        Assert.Equal(0, parsed.RootElement.GetProperty("suites").GetArrayLength());
        Assert.Equal(0, parsed.RootElement.GetProperty("written").GetProperty("tests").GetInt32());
        Assert.Empty(XDocument.Load(report).Root!.Elements());
    }

    private static TempFolder Scenario(string name, out string[] args)
    {
        var dir = new TempFolder();
        dir.Write("cm.yaml", Manifests.ConfigMap);
        switch (name)
        {
            case "clean":
                dir.Write("clean.yaml", Manifests.Clean);
                args = new[] { "clean.yaml", "cm.yaml" };
                break;
            case "nothing-to-check":
                args = new[] { "cm.yaml" };
                break;
            default:
                dir.Write("bad.yaml", Manifests.RestartPolicy.Replace("apiVersion: apps/v1", "apiVersion: extensions/v1beta1") + "\n---\n" + Manifests.RestartPolicy.Replace("bad-restart", "x<&>\"'"));
                dir.Write("clean.yaml", Manifests.Clean + "\n---\n" + Manifests.Clean);
                dir.Write("broken.yaml", "key: [unclosed\n");
                dir.Write("deploy/b.yaml", Manifests.DaemonSet("b", "b").Replace("image:", "imagePullPolicy: always\n          image:"));
                args = name == "verbose"
                    ? new[] { "--verbose", "deploy", "cm.yaml", "broken.yaml", "clean.yaml", "bad.yaml" }
                    : new[] { "deploy", "cm.yaml", "broken.yaml", "clean.yaml", "bad.yaml" };
                break;
        }

        return dir;
    }
}
