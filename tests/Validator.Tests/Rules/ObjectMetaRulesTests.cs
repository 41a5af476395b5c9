using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.DS1xxx;

namespace DaemonLint.Tests.Rules;

public sealed class ObjectMetaRulesTests
{
    private const string Spec = """
        spec:
          selector: {matchLabels: {app: a}}
          template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
        """;

    [Fact]
    public void GeneratedName_IsValidatedAsTheName_WithTheRandomSuffixShown()
    {
        var findings = FixtureVerifier.VerifyText(
            $$"""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              generateName: Agent_ # expect: DS1006 metadata.generateName, DS1006 metadata.name
            {{Spec}}
            """,
            ruleId: RuleCatalog.DS1006_NameMustBeValid.Id);
        var name = Assert.Single(findings, f => f.Path?.ToString() == "metadata.name");
        Assert.StartsWith("Invalid value: \"Agent_xxxxx\": a lowercase RFC 1123 subdomain", name.Message);
        Assert.Equal("The server names the object generateName + 5 random characters (shown as xxxxx) and validates that name too", name.Hint);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("48213", true)]
    [InlineData("007", true)]
    [InlineData("18446744073709551615", true)]
    [InlineData("18446744073709551616", false)]
    [InlineData("0", false)]
    [InlineData("000", false)]
    [InlineData("", false)]
    [InlineData("-1", false)]
    [InlineData("+1", false)]
    [InlineData(" 1", false)]
    [InlineData("abc", false)]
    public void ResourceVersionOnCreate_IsRefusedOnlyWhenStorageReadsItAsAVersion(string rv, bool refused) =>
        Assert.Equal(refused, DS1025ResourceVersionMustNotBeSetOnCreate.IsStoredVersion(rv));

    [Fact]
    public void ResourceVersionOnCreate_IsNotReportedOnUpdate()
    {
        const string Ds = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds, resourceVersion: "5"}
            spec:
              selector: {matchLabels: {app: a}}
              template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
            """;
        var baseline = new BaselineIndex().With("old.yaml", System.Text.Encoding.UTF8.GetBytes(Ds), DaemonLint.Yaml.ReaderLimits.Default);
        var update = new ManifestValidator().ValidateText("new.yaml", Ds, baseline).Findings;
        Assert.DoesNotContain(update, f => f.RuleId is "DS1025" or "DS1026");
        var create = new ManifestValidator().ValidateText("new.yaml", Ds).Findings;
        var f = Assert.Single(create, f => f.RuleId == "DS1025");
        Assert.Equal(FindingKind.Invalid, f.Kind);
        Assert.Equal("Invalid value: \"5\": resourceVersion should not be set on objects to be created", f.Message);
        Assert.StartsWith("Remove metadata.resourceVersion", f.Hint);
    }

    [Fact]
    public void ResourceVersionConflict_NamesTheStoredVersion()
    {
        static string Ds(string rv) => $$$"""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds, resourceVersion: "{{{rv}}}"}
            spec:
              selector: {matchLabels: {app: a}}
              template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
            """;
        var baseline = new BaselineIndex().With("old.yaml", System.Text.Encoding.UTF8.GetBytes(Ds("9")), DaemonLint.Yaml.ReaderLimits.Default);
        var f = new ManifestValidator().ValidateText("new.yaml", Ds("8"), baseline).Findings.Single(f => f.RuleId == "DS1026");
        Assert.Equal(
            "Invalid value: \"8\": the object has been modified; please apply your changes to the latest version and try again (the stored object is at resourceVersion \"9\")",
            f.Message);
        Assert.Equal("The server answers 409 Conflict; remove metadata.resourceVersion for an unconditional update, or start from the current object", f.Hint);
    }
}
