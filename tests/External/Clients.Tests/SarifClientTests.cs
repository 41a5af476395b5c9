using System.IO;
using System.Linq;
using System.Text.Json;
using DaemonLint.Cli.Tests;

namespace DaemonLint.Clients.Tests;

/// <summary>
/// SARIF as its consumers check it (issue 17 item 7): Microsoft's SARIF multitool (<c>validate</c> with the SARIF rules and
/// GitHub's ingestion rules) finds nothing to say, and python3-jsonschema finds the logs valid under the SARIF 2.1.0 schema.
/// </summary>
public sealed class SarifClientTests : IClassFixture<ToolProcess>
{
    private const string ValidateWithJsonschema = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        log = json.load(open(sys.argv[2], encoding="utf-8"))
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        errors = sorted(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(log), key=lambda e: list(e.path))
        for e in errors:
            print("/".join(str(p) for p in e.path), e.message)
        print(f"{len(errors)} errors")
        """;

    private readonly ToolProcess tool;

    public SarifClientTests(ToolProcess tool) => this.tool = tool;

    [Fact]
    public void Multitool_FlagsABrokenLog_SoTheCheckMeansSomething()
    {
        using var dir = Scenario("findings", out var args, out var stdin);
        var log = Path.Combine(dir.Path, "broken.sarif");
        var run = this.tool.Run(dir.Path, stdin, new[] { "validate", "--format", "sarif", "--output", log }.Concat(args).ToArray());
        Assert.Equal(1, run.ExitCode);
        File.WriteAllText(log, File.ReadAllText(log).Replace("\"startLine\": ", "\"startLine\": -", System.StringComparison.Ordinal));

        var found = Clients.Multitool(log);
        var schema = Clients.RunPython(ValidateWithJsonschema, Path.Combine(Clients.MultitoolPackage, "sarif-2.1.0.json"), log);

        Assert.Contains(found, f => f.Level == "error");
        Assert.DoesNotContain("\n0 errors", "\n" + schema.Output);
    }

    [Theory]
    [InlineData("findings")]
    [InlineData("clean")]
    [InlineData("stdin")]
    [InlineData("stdin-named")]
    [InlineData("category")]
    public void Multitool_WithGitHubRules_FindsNothingToSay(string scenario)
    {
        using var dir = Scenario(scenario, out var args, out var stdin);
        var log = Path.Combine(dir.Path, "out.sarif");

        var run = this.tool.Run(dir.Path, stdin, new[] { "validate", "--format", "sarif", "--output", log }.Concat(args).ToArray());

        Assert.InRange(run.ExitCode, 0, 1);
        var found = Clients.Multitool(log);
        Assert.True(found.Count(f => f.Level is "error" or "warning") == 0, string.Join("\n", found.Select(f => $"{f.RuleId} {f.Level} {f.Text}")));
    }

    [Theory]
    [InlineData("findings")]
    [InlineData("clean")]
    [InlineData("stdin-named")]
    public void Jsonschema_FindsTheLogValid_UnderTheSarif210Schema(string scenario)
    {
        using var dir = Scenario(scenario, out var args, out var stdin);
        var log = Path.Combine(dir.Path, "out.sarif");
        this.tool.Run(dir.Path, stdin, new[] { "validate", "--format", "sarif", "--output", log }.Concat(args).ToArray());

        var r = Clients.RunPython(ValidateWithJsonschema, Path.Combine(Clients.MultitoolPackage, "sarif-2.1.0.json"), log);

        Assert.True(r.ExitCode == 0, r.Output);
        Assert.EndsWith("0 errors", r.Output.Trim());
    }

    [Fact]
    public void Log_DescribesOnlyTheRulesWithResults_WithTheCategory_AndStdinUnderItsName()
    {
        using var dir = Scenario("stdin-named", out var args, out var stdin);
        var log = Path.Combine(dir.Path, "out.sarif");

        this.tool.Run(dir.Path, stdin, new[] { "validate", "--format", "sarif", "--sarif-category", "daemonlint/prod", "--output", log }.Concat(args).ToArray());

        using var doc = JsonDocument.Parse(File.ReadAllText(log));
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal("daemonlint/prod/", run.GetProperty("automationDetails").GetProperty("id").GetString());
        var results = run.GetProperty("results").EnumerateArray().ToList();
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(results.Select(r => r.GetProperty("ruleId").GetString()).Distinct().OrderBy(i => i, System.StringComparer.Ordinal), rules);
        var location = results[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.Equal("overlays/prod/daemonset.yaml", location.GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", location.GetProperty("uriBaseId").GetString());
        Assert.True(new FileInfo(log).Length < 16 * 1024, new FileInfo(log).Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static TempFolder Scenario(string name, out string[] args, out string? stdin)
    {
        var dir = new TempFolder();
        stdin = null;
        switch (name)
        {
            case "clean":
                dir.Write("clean.yaml", Manifests.Clean);
                args = new[] { "clean.yaml" };
                break;
            case "stdin":
                stdin = Manifests.RestartPolicy;
                args = new[] { "-" };
                break;
            case "stdin-named":
                stdin = Manifests.RestartPolicy;
                args = new[] { "--stdin-filename", "overlays/prod/daemonset.yaml", "-" };
                break;
            case "category":
                dir.Write("bad.yaml", Manifests.RestartPolicy);
                args = new[] { "--sarif-category", "manifests/kube-system", "bad.yaml" };
                break;
            default:
                dir.Write("bad.yaml", Manifests.RestartPolicy.Replace("apiVersion: apps/v1", "apiVersion: extensions/v1beta1"));
                dir.Write("deploy/two.yaml", Manifests.RestartPolicy + "\n---\n" + Manifests.RestartPolicy.Replace("bad-restart", "other"));
                dir.Write("broken.yaml", "key: [unclosed\n");
                dir.Write("with space & [brackets].yaml", Manifests.RestartPolicy);
                args = new[] { "." };
                break;
        }

        return dir;
    }
}
