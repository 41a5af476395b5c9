using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests;

/// <summary>
/// One fix reveals the next (issue 17 item 5): an object with a removed apiVersion gets DS6001 and also the findings it
/// would get as apps/v1, marked (as apps/v1), with their own severity; hints are a field of their own (item 4).
/// </summary>
public sealed class RemovedApiVersionTests
{
    private const string Yaml = """
        apiVersion: extensions/v1beta1
        kind: DaemonSet
        metadata: {name: legacy, namespace: kube-system}
        spec:
          template:
            metadata: {labels: {app: legacy}}
            spec:
              restartPolicy: OnFailure
              containers: [{name: c, image: i}]
        """;

    [Theory]
    [InlineData("extensions/v1beta1")]
    [InlineData("apps/v1beta2")]
    [InlineData("apps/v1beta1")]
    public void RemovedVersion_GetsDS6001_AndWhatComesNextAsAppsV1(string apiVersion)
    {
        var findings = new ManifestValidator().ValidateText("ds.yaml", Yaml.Replace("extensions/v1beta1", apiVersion)).Findings;

        var removed = Assert.Single(findings, f => f.RuleId == "DS6001");
        Assert.Null(removed.WhenApiVersion);
        Assert.DoesNotContain("(as apps/v1)", removed.Message);
        var next = findings.Where(f => f.WhenApiVersion is not null).ToList();
        Assert.Equal(new[] { "DS1002", "DS1009" }, next.Select(f => f.RuleId).OrderBy(i => i, System.StringComparer.Ordinal));
        Assert.All(next, f => Assert.Equal("apps/v1", f.WhenApiVersion));
        Assert.All(next, f => Assert.EndsWith(ManifestValidator.AsAppsV1Suffix, f.Message));
        Assert.All(next, f => Assert.Equal(Severity.Error, f.Severity)); // their own severity: the next error is an error
        Assert.All(next, f => Assert.Equal(apiVersion, f.Object!.ApiVersion)); // the object as written
        Assert.Equal(new[] { "DS1002", "DS1009", "DS6001" }, findings.Select(f => f.RuleId).OrderBy(i => i, System.StringComparer.Ordinal));
    }

    [Fact]
    public void AfterTheFix_TheSameFindingsRemain_WithoutTheMark()
    {
        var before = new ManifestValidator().ValidateText("ds.yaml", Yaml).Findings.Where(f => f.WhenApiVersion is not null).ToList();
        var after = new ManifestValidator().ValidateText("ds.yaml", Yaml.Replace("extensions/v1beta1", "apps/v1")).Findings;

        Assert.Equal(
            before.Select(f => (f.RuleId, f.Path?.ToString(), f.Message.Replace(ManifestValidator.AsAppsV1Suffix, string.Empty), f.Hint, f.Span.Start.Line, f.Span.Start.Column)),
            after.Select(f => (f.RuleId, f.Path?.ToString(), f.Message, f.Hint, f.Span.Start.Line, f.Span.Start.Column)));
        Assert.All(after, f => Assert.Null(f.WhenApiVersion));
    }

    [Fact]
    public void OtherApiVersionsAndKinds_AreNotValidatedAsAppsV1()
    {
        var typo = new ManifestValidator().ValidateText("ds.yaml", Yaml.Replace("extensions/v1beta1", "apps/v2")).Findings;
        var deployment = new ManifestValidator().ValidateText("ds.yaml", Yaml.Replace("kind: DaemonSet", "kind: Deployment")).Findings;

        Assert.Equal(new[] { "DS1021" }, typo.Select(f => f.RuleId));
        Assert.Empty(deployment);
    }

    [Fact]
    public void TheMarkedFindings_FollowTheSeverityConfiguration_AndTheSuppressions()
    {
        var options = new ValidatorOptions { SeverityOverride = (id, _) => id == "DS1009" ? Severity.Warning : id == "DS1002" ? Severity.None : null };
        var configured = new ManifestValidator(options).ValidateText("ds.yaml", Yaml).Findings;
        var annotated = new ManifestValidator().ValidateText(
            "ds.yaml",
            Yaml.Replace("metadata: {name: legacy, namespace: kube-system}", "metadata: {name: legacy, namespace: kube-system, annotations: {daemonlint.io/ignore: DS1009}}")).Findings;

        Assert.Equal(Severity.Warning, Assert.Single(configured, f => f.RuleId == "DS1009").Severity);
        Assert.DoesNotContain(configured, f => f.RuleId == "DS1002");
        Assert.DoesNotContain(annotated, f => f.RuleId == "DS1009");
        Assert.Contains(annotated, f => f.RuleId == "DS1002");
    }

    [Fact]
    public void Hint_IsAFieldOfItsOwn_NotPartOfTheMessage()
    {
        var findings = new ManifestValidator().ValidateText("ds.yaml", Yaml.Replace("extensions/v1beta1", "apps/v1")).Findings;

        var f = Assert.Single(findings, x => x.RuleId == "DS1009");
        Assert.Equal("Unsupported value: \"OnFailure\": supported values: \"Always\"", f.Message);
        Assert.Equal("DaemonSet pods must restart Always; remove restartPolicy or set it to Always", f.Hint);
    }
}
