using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Cli.Tests;

/// <summary>SARIF 2.1.0 with what GitHub code scanning requires (PEERS.md §c4).</summary>
public sealed class SarifFormatTests
{
    [Fact]
    public void Log_HasSchemaVersionAndOneRunOfDaemonLint()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);

        var root = Sarif(dir.Path, "ds.yaml");

        Assert.Contains("sarif-2.1.0", root.GetProperty("$schema").GetString());
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("DaemonLint", driver.GetProperty("name").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", driver.GetProperty("semanticVersion").GetString());
        Assert.True(Uri.TryCreate(driver.GetProperty("informationUri").GetString(), UriKind.Absolute, out _));
        Assert.Empty(run.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public void Rules_DescribeTheRulesThatHaveResults_InCatalogOrder_AndNoOther()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy.Replace("    spec:\n      restartPolicy", "    spec:\n      activeDeadlineSeconds: 30\n      restartPolicy"));
        dir.Write("broken.yaml", "key: [unclosed\n");

        var run = Run(Sarif(dir.Path, "."));
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var results = run.GetProperty("results").EnumerateArray().ToList();

        var used = results.Select(r => r.GetProperty("ruleId").GetString()).Distinct().ToHashSet();
        Assert.True(used.Count >= 3, string.Join(",", used));
        Assert.Equal(RuleCatalog.All.Select(d => d.Id).Where(used.Contains), rules.Select(r => r.GetProperty("id").GetString()));
        foreach (var result in results)
        {
            Assert.Equal(result.GetProperty("ruleId").GetString(), rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        }

        foreach (var r in rules)
        {
            var d = RuleCatalog.Get(r.GetProperty("id").GetString()!);
            Assert.Matches("^[A-Z][A-Za-z0-9]+$", r.GetProperty("name").GetString());
            Assert.Equal(d.Title, r.GetProperty("shortDescription").GetProperty("text").GetString());
            Assert.Equal(d.Description, r.GetProperty("fullDescription").GetProperty("text").GetString());
            Assert.Contains(d.Description, r.GetProperty("help").GetProperty("text").GetString());
            Assert.Contains(d.Id, r.GetProperty("help").GetProperty("markdown").GetString());
            Assert.Equal(d.HelpUri, r.GetProperty("helpUri").GetString());
            var expectedLevel = !d.EnabledByDefault ? "none" : d.DefaultSeverity switch
            {
                Severity.Error => "error",
                Severity.Warning => "warning",
                Severity.Info => "note",
                _ => "none",
            };
            Assert.Equal(expectedLevel, r.GetProperty("defaultConfiguration").GetProperty("level").GetString());
            var tags = r.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
            Assert.Contains(d.CategoryName, tags);
        }
    }

    [Fact]
    public void CleanRun_DescribesNoRule_AndALogWithResultsStaysSmall()
    {
        using var dir = new TempFolder();
        dir.Write("clean.yaml", Manifests.Clean);
        dir.Write("bad.yaml", Manifests.RestartPolicy);

        var clean = Run(Sarif(dir.Path, "clean.yaml"));
        var bad = Cli.Run(dir.Path, "validate", "--format", "sarif", "bad.yaml");

        Assert.Empty(clean.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());

        // One result, one rule: a few kilobytes, where the whole catalog's help made 221 KB.
        Assert.InRange(bad.Stdout.Length, 1, 8 * 1024);
    }

    [Fact]
    public void AutomationDetails_HoldTheCategory_DefaultFromTheCommand()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.Clean);

        var byDefault = Run(Sarif(dir.Path, "ds.yaml"));
        var named = Cli.Run(dir.Path, "validate", "--format", "sarif", "--sarif-category", "daemonlint/prod", "ds.yaml");
        var slash = Cli.Run(dir.Path, "validate", "--format", "sarif", "--sarif-category", "manifests/", "ds.yaml");
        var empty = Cli.Run(dir.Path, "validate", "--format", "sarif", "--sarif-category", " ", "ds.yaml");

        Assert.Equal("daemonlint/validate/", byDefault.GetProperty("automationDetails").GetProperty("id").GetString());
        using var namedDoc = JsonDocument.Parse(named.Stdout);
        Assert.Equal("daemonlint/prod/", Run(namedDoc.RootElement).GetProperty("automationDetails").GetProperty("id").GetString());
        using var slashDoc = JsonDocument.Parse(slash.Stdout);
        Assert.Equal("manifests/", Run(slashDoc.RootElement).GetProperty("automationDetails").GetProperty("id").GetString());
        Assert.Equal(Program.ExitUsage, empty.ExitCode);
        Assert.Contains("--sarif-category", empty.Stderr);
    }

    [Fact]
    public void Result_CarriesTheHint_AsAProperty_AndTheShortMessage()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);

        var result = Single(Sarif(dir.Path, "ds.yaml"));

        var message = result.GetProperty("message").GetProperty("text").GetString()!;
        Assert.Equal($"Unsupported value: \"OnFailure\": supported values: \"Always\" [{Manifests.RestartPolicyPath}]", message);
        var hint = result.GetProperty("properties").GetProperty("hint").GetString()!;
        Assert.Contains("set it to Always", hint);
        Assert.DoesNotContain(hint, message);
        Assert.DoesNotContain("http", message);
    }

    [Fact]
    public void Result_HasRuleLevelMessageRelativeUriAndRegion()
    {
        using var dir = new TempFolder();
        dir.Write("deploy/ds.yaml", Manifests.RestartPolicy);

        var run = Run(Sarif(dir.Path, "deploy"));

        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var result = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal(Manifests.RestartPolicyRule, result.GetProperty("ruleId").GetString());
        Assert.Equal(Manifests.RestartPolicyRule, rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        Assert.Equal("error", result.GetProperty("level").GetString());
        var text = result.GetProperty("message").GetProperty("text").GetString()!;
        Assert.StartsWith("Unsupported value: \"OnFailure\"", text);
        Assert.EndsWith($"[{Manifests.RestartPolicyPath}]", text);

        var location = Assert.Single(result.GetProperty("locations").EnumerateArray());
        var physical = location.GetProperty("physicalLocation");
        var artifact = physical.GetProperty("artifactLocation");
        Assert.Equal("deploy/ds.yaml", artifact.GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", artifact.GetProperty("uriBaseId").GetString());
        var (line, column) = Manifests.PositionOf(Manifests.RestartPolicy, "OnFailure");
        var region = physical.GetProperty("region");
        Assert.Equal(line, region.GetProperty("startLine").GetInt32());
        Assert.Equal(column, region.GetProperty("startColumn").GetInt32());
        Assert.Equal(line, region.GetProperty("endLine").GetInt32());
        Assert.Equal(column + "OnFailure".Length, region.GetProperty("endColumn").GetInt32());

        var logical = Assert.Single(location.GetProperty("logicalLocations").EnumerateArray());
        Assert.Equal(Manifests.RestartPolicyPath, logical.GetProperty("name").GetString());
        var properties = result.GetProperty("properties");
        Assert.Equal(Manifests.RestartPolicyPath, properties.GetProperty("fieldPath").GetString());
        Assert.Equal("/spec/template/spec/restartPolicy", properties.GetProperty("jsonPointer").GetString());
    }

    [Fact]
    public void RelativeUri_ResolvesAgainstTheBaseIdToTheFile()
    {
        using var dir = new TempFolder();
        dir.Write("my charts/ds #1.yaml", Manifests.RestartPolicy);

        var run = Run(Sarif(dir.Path, "my charts"));

        var baseUri = run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString()!;
        Assert.EndsWith("/", baseUri);
        Assert.Equal(baseUri, run.GetProperty("invocations")[0].GetProperty("workingDirectory").GetProperty("uri").GetString());
        var uri = run.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
        Assert.False(Uri.TryCreate(uri, UriKind.Absolute, out _), uri);
        Assert.DoesNotContain(" ", uri);
        var resolved = new Uri(new Uri(baseUri), uri);
        Assert.Equal(Path.Combine(dir.Path, "my charts", "ds #1.yaml"), resolved.LocalPath);
    }

    [Fact]
    public void FileOutsideTheBase_GetsAnAbsoluteFileUri()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);
        var cwd = Path.Combine(dir.Path, "work");
        Directory.CreateDirectory(cwd);

        var run = Run(Sarif(cwd, "../ds.yaml"));

        var artifact = run.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        var uri = new Uri(artifact.GetProperty("uri").GetString()!);
        Assert.True(uri.IsFile);
        Assert.Equal(Path.Combine(dir.Path, "ds.yaml"), uri.LocalPath);
        Assert.False(artifact.TryGetProperty("uriBaseId", out _));
    }

    [Fact]
    public void UnknownSpan_HasNoRegion_AndRunIsNotSuccessful()
    {
        using var dir = new TempFolder();

        var run = Run(Sarif(dir.Path, "missing.yaml"));

        var result = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal(RuleCatalog.DS9002_FileUnreadable.Id, result.GetProperty("ruleId").GetString());
        var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("missing.yaml", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.False(physical.TryGetProperty("region", out _));
        Assert.False(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public void PointSpan_HasAStartButNoEnd()
    {
        using var dir = new TempFolder();
        dir.Write("broken.yaml", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: [x\n");

        var result = Assert.Single(Run(Sarif(dir.Path, "broken.yaml")).GetProperty("results").EnumerateArray());

        Assert.Equal(RuleCatalog.DS9001_YamlSyntax.Id, result.GetProperty("ruleId").GetString());
        var region = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.True(region.GetProperty("startLine").GetInt32() >= 3);
        Assert.True(region.GetProperty("startColumn").GetInt32() >= 1);
        Assert.False(region.TryGetProperty("endLine", out _));
        Assert.False(region.TryGetProperty("endColumn", out _));
    }

    [Fact]
    public void CleanRun_IsSuccessful()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);

        var run = Run(Sarif(dir.Path, "ds.yaml"));

        Assert.True(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public void WarningFinding_HasLevelWarning()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(Path.Combine(dir.Path, "empty"));

        var result = Assert.Single(Run(Sarif(dir.Path, "empty")).GetProperty("results").EnumerateArray());

        Assert.Equal(RuleCatalog.DS9007_NoManifests.Id, result.GetProperty("ruleId").GetString());
        Assert.Equal("warning", result.GetProperty("level").GetString());
    }

    [Fact]
    public void Fingerprint_SurvivesEditsThatMoveTheFinding()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy);
        var before = Single(Sarif(dir.Path, "ds.yaml"));
        dir.Write("ds.yaml", "# a comment\n# another\n" + Manifests.ConfigMap + "\n---\n" + Manifests.RestartPolicy);
        var after = Single(Sarif(dir.Path, "ds.yaml"));

        Assert.NotEqual(StartLine(before), StartLine(after));
        Assert.Equal(Fingerprints(before), Fingerprints(after));
    }

    [Fact]
    public void Fingerprint_DiffersPerObjectAndIsUniqueInARun()
    {
        using var dir = new TempFolder();
        dir.Write("ds.yaml", Manifests.RestartPolicy + "\n---\n" + Manifests.RestartPolicy.Replace("name: bad-restart", "name: other"));
        dir.Write("broken.yaml", "a: [1\n---\nb: {2\n");

        var results = Run(Sarif(dir.Path, ".")).GetProperty("results").EnumerateArray().ToList();

        Assert.True(results.Count >= 3);
        var prints = results.Select(r => Fingerprints(r).Single().Value).ToList();
        Assert.Equal(prints.Count, prints.Distinct().Count());
    }

    [Fact]
    public void Stdin_GetsUriStdin()
    {
        using var dir = new TempFolder();

        var r = Cli.RunWithInput(dir.Path, Manifests.RestartPolicy, "validate", "--format", "sarif", "-");

        using var doc = JsonDocument.Parse(r.Stdout);
        var result = Assert.Single(Run(doc.RootElement.Clone()).GetProperty("results").EnumerateArray());
        var artifact = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal("stdin", artifact.GetProperty("uri").GetString());
        Assert.False(artifact.TryGetProperty("uriBaseId", out _));
        Assert.Equal(Manifests.PositionOf(Manifests.RestartPolicy, "OnFailure").Line, StartLine(result));
    }

    [Fact]
    public void Stdin_WithAFileName_GetsItsUriUnderTheSourceRoot_InEveryFormat()
    {
        using var dir = new TempFolder();

        var sarif = Cli.RunWithInput(dir.Path, Manifests.RestartPolicy, "validate", "--format", "sarif", "--stdin-filename", "deploy/agent ds.yaml", "-");
        var text = Cli.RunWithInput(dir.Path, Manifests.RestartPolicy, "validate", "--stdin-filename", "deploy/agent ds.yaml", "-");
        var noDash = Cli.RunWithInput(dir.Path, Manifests.RestartPolicy, "validate", "--stdin-filename", "x.yaml", "missing.yaml");

        using var doc = JsonDocument.Parse(sarif.Stdout);
        var result = Assert.Single(Run(doc.RootElement.Clone()).GetProperty("results").EnumerateArray());
        var artifact = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal("deploy/agent%20ds.yaml", artifact.GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", artifact.GetProperty("uriBaseId").GetString());
        var (line, column) = Manifests.PositionOf(Manifests.RestartPolicy, "OnFailure");
        Assert.StartsWith($"deploy/agent ds.yaml({line},{column}): error {Manifests.RestartPolicyRule}: ", text.Stdout);
        Assert.Equal(Program.ExitUsage, noDash.ExitCode);
        Assert.Contains("--stdin-filename", noDash.Stderr);
    }

    private static JsonElement Sarif(string cwd, params string[] paths)
    {
        var r = Cli.Run(cwd, new[] { "validate", "--format", "sarif" }.Concat(paths).ToArray());
        Assert.Equal(string.Empty, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        return doc.RootElement.Clone();
    }

    private static JsonElement Run(JsonElement log) => log.GetProperty("runs")[0];

    private static JsonElement Single(JsonElement log) => Assert.Single(Run(log).GetProperty("results").EnumerateArray());

    private static int StartLine(JsonElement result) =>
        result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32();

    private static Dictionary<string, string> Fingerprints(JsonElement result) =>
        result.GetProperty("partialFingerprints").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
}

/// <summary>The rule table for rules the catalog may not have yet: off by default, informational.</summary>
public sealed class SarifRuleTableTests
{
    [Fact]
    public void RuleOffByDefault_HasLevelNone_AndInfoRule_HasLevelNote()
    {
        var rules = new[]
        {
            new RuleDescriptor("DS4999", "Probe should be set", RuleCategory.Reliability, Severity.Info, "A test rule."),
            new RuleDescriptor("DS5998", "Not reported", RuleCategory.Security, Severity.Warning, "A rule with no result."),
            new RuleDescriptor("DS5999", "Host path, read-write", RuleCategory.Security, Severity.Warning, "Another test rule.", enabledByDefault: false),
        };
        var run = new Commands.ValidationRun { BaseDirectory = Path.GetTempPath() };
        run.Findings.Add(new Finding { RuleId = "DS4999", Severity = Severity.Info, Message = "i", Kind = FindingKind.Required, File = "x.yaml" });
        run.Findings.Add(new Finding { RuleId = "DS5999", Severity = Severity.Warning, Message = "m", Kind = FindingKind.Forbidden, File = "x.yaml" });
        var text = new StringWriter();

        Output.SarifFormatter.Write(run, text, rules);

        using var doc = JsonDocument.Parse(text.ToString());
        var run0 = doc.RootElement.GetProperty("runs")[0];
        var table = run0.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        Assert.Equal(2, table.GetArrayLength());
        Assert.Equal("note", table[0].GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Equal("ProbeShouldBeSet", table[0].GetProperty("name").GetString());
        Assert.Equal("none", table[1].GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Equal("HostPathReadWrite", table[1].GetProperty("name").GetString());
        Assert.Contains("security", table[1].GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var results = run0.GetProperty("results");
        Assert.Equal(0, results[0].GetProperty("ruleIndex").GetInt32());
        var result = results[1];
        Assert.Equal(1, result.GetProperty("ruleIndex").GetInt32());
        Assert.Equal("warning", result.GetProperty("level").GetString());
        Assert.Equal("m", result.GetProperty("message").GetProperty("text").GetString());
        Assert.False(result.GetProperty("locations")[0].GetProperty("physicalLocation").TryGetProperty("region", out _));
    }
}
