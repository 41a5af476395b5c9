using System.Collections.Generic;
using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Yaml;

namespace DaemonLint.Tests;

public sealed class SuppressionTests
{
    private const string Ds = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: s
          namespace: kube-system
        ANNOTATIONS
        spec:
          selector: {matchLabels: {app: s}}
          template:
            metadata: {labels: {app: s}}
            spec:
              restartPolicy: Never
              activeDeadlineSeconds: 5
              containers: [{name: c, image: i}]
        """;

    private static string With(string annotations) => Ds.Replace("ANNOTATIONS\n", annotations);

    [Fact]
    public void Annotation_SuppressesTheListedRules_ForThatObject()
    {
        FixtureVerifier.VerifyText(
            With("  annotations:\n    daemonlint.io/ignore: \"DS1009, DS1010\"\n    daemonlint.io/ignore-reason: vendor chart\n"),
            ruleId: RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id,
            options: null);
        var report = new ManifestValidator().ValidateText("a.yaml", With("  annotations:\n    daemonlint.io/ignore: \"DS1009,DS1010\"\n"));
        Assert.DoesNotContain(report.Findings, f => f.RuleId is "DS1009" or "DS1010");
        Assert.DoesNotContain(report.Findings, f => f.RuleId == RuleCatalog.DS9010_UnusedSuppression.Id);
    }

    [Fact]
    public void Annotation_ListingARuleThatFoundNothing_IsReportedAsUnused()
    {
        FixtureVerifier.VerifyText(
            With("  annotations:\n    daemonlint.io/ignore: \"DS1009,DS1010,DS5001\" # expect: DS9010 metadata.annotations[daemonlint.io/ignore]\n"),
            ruleId: RuleCatalog.DS9010_UnusedSuppression.Id);
    }

    [Fact]
    public void LineComments_SuppressTheirLine_OrTheNext_AndUnusedOnesAreReported()
    {
        var text = Ds.Replace("ANNOTATIONS\n", string.Empty)
            .Replace("restartPolicy: Never", "restartPolicy: Never # daemonlint-disable-line DS1009")
            .Replace("      activeDeadlineSeconds: 5", "      # daemonlint-disable-next-line DS1010\n      activeDeadlineSeconds: 5")
            .Replace("containers: [{name: c, image: i}]", "containers: [{name: c, image: i}] # daemonlint-disable-line DS1017");
        var report = new ManifestValidator().ValidateText("a.yaml", text);
        Assert.DoesNotContain(report.Findings, f => f.RuleId is "DS1009" or "DS1010");
        var unused = Assert.Single(report.Findings, f => f.RuleId == RuleCatalog.DS9010_UnusedSuppression.Id);
        Assert.Equal(14, unused.Span.Start.Line);
        Assert.Equal(Model.Severity.Info, unused.Severity);
    }

    [Fact]
    public void ConfigEntries_MatchByRulePathKindNamespaceAndName_AndCountTheirUses()
    {
        var problems = new List<InputProblem>();
        var config = SuppressionConfig.Parse(".daemonlint.yaml", """
            ignore:
              - rules: [DS1009]
                paths: ["vendor/**"]
                reason: third-party chart
              - rules: DS1010
                kind: DaemonSet
                namespace: kube-system
                name: "s*"
              - rules: [DS1010]
                namespace: other
            """, problems);
        Assert.Empty(problems);
        var validator = new ManifestValidator(new ValidatorOptions { Suppressions = config, SuppressionPath = f => f });

        var inVendor = validator.ValidateText("vendor/charts/a.yaml", With(string.Empty));
        var outside = validator.ValidateText("deploy/a.yaml", With(string.Empty));

        Assert.DoesNotContain(inVendor.Findings, f => f.RuleId == RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id);
        Assert.Contains(outside.Findings, f => f.RuleId == RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id);
        Assert.DoesNotContain(outside.Findings, f => f.RuleId == RuleCatalog.DS1010_ActiveDeadlineSecondsForbidden.Id);
        Assert.Equal(new[] { 1, 2, 0 }, config.Ignore.Select(e => e.Uses));
    }

    [Fact]
    public void Config_WithUnknownKeysOrRules_GivesConfigurationErrors_WithPositions()
    {
        var problems = new List<InputProblem>();
        SuppressionConfig.Parse(".daemonlint.yaml", "ignore:\n  - rules: [DS0000]\n    pathz: [a]\nextra: 1\n", problems);
        Assert.All(problems, p => Assert.Equal(RuleCatalog.DS9009_ConfigurationError.Id, p.RuleId));
        Assert.Equal(new[] { 2, 3, 4 }, problems.Select(p => p.Span.Start.Line).OrderBy(l => l));
    }

    [Theory]
    [InlineData("vendor/**", "vendor/a/b.yaml", true)]
    [InlineData("vendor/**", "vendorx/a.yaml", false)]
    [InlineData("**/*.yaml", "a.yaml", true)]
    [InlineData("**/*.yaml", "x/y/a.yaml", true)]
    [InlineData("charts/*/templates/*.yaml", "charts/a/templates/ds.yaml", true)]
    [InlineData("charts/*/templates/*.yaml", "charts/a/b/templates/ds.yaml", false)]
    [InlineData("./deploy/ds?.yaml", "deploy/ds1.yaml", true)]
    public void Globs_MatchLikeGitignoreStyleGlobs(string glob, string path, bool matches)
    {
        Assert.Equal(matches, Glob.Parse(glob).IsMatch(path));
        Assert.Equal(matches, SuppressionConfig.GlobToRegex(glob).IsMatch(path));
    }
}
