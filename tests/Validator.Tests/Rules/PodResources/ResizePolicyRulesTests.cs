using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodResources;

// validateResizePolicy and the init-container check of validateInitContainers; messages compared with the v1.31.1 and
// v1.32.2 oracles run with InPlacePodVerticalScaling=true.
public sealed class ResizePolicyMustBeValidTests
{
    private static readonly string Id = RuleCatalog.DS1187_ResizePolicyMustBeValid.Id;

    [Fact]
    public void Messages_PrintResourceNamesBare_AndRestartPoliciesQuoted()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                resizePolicy: # expect: DS1187 spec.template.spec.containers[0].resizePolicy, DS1187 spec.template.spec.containers[0].resizePolicy, DS1187 spec.template.spec.containers[0].resizePolicy
                  - {resourceName: Memory, restartPolicy: restartContainer}
                  - {resourceName: Memory, restartPolicy: NotRequired} # expect: DS1187 spec.template.spec.containers[0].resizePolicy[1]
            """)).Where(x => x.RuleId == Id).ToList();
        var messages = findings.Select(f => f.Message).ToList();
        Assert.Equal(2, messages.Count(m => m == "Unsupported value: Memory: supported values: \"cpu\", \"memory\""));
        Assert.Contains("Unsupported value: \"restartContainer\": supported values: \"NotRequired\", \"RestartContainer\"", messages);
        Assert.Contains("Duplicate value: Memory", messages);
        Assert.Contains("Write memory: resourceName is case-sensitive", findings.Select(f => f.Hint));
        Assert.Contains("Write RestartContainer: restartPolicy is case-sensitive", findings.Select(f => f.Hint));
    }

    [Fact]
    public void MissingOrNullFields_AreRequired_AtTheList()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                resizePolicy: # expect: DS1187 spec.template.spec.containers[0].resizePolicy, DS1187 spec.template.spec.containers[0].resizePolicy
                  - {resourceName: null}
            """)).Where(x => x.RuleId == Id).ToList();
        Assert.All(findings, f => Assert.Equal("Required value", f.Message));
        Assert.Equal(FindingKind.Required, findings[0].Kind);
    }

    [Fact]
    public void NullItem_IsTheZeroEntry()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                resizePolicy: # expect: DS1187 spec.template.spec.containers[0].resizePolicy, DS1187 spec.template.spec.containers[0].resizePolicy, DS1187 spec.template.spec.containers[0].resizePolicy, DS1187 spec.template.spec.containers[0].resizePolicy
                  - null
                  - {} # expect: DS1187 spec.template.spec.containers[0].resizePolicy[1]
            """)).Where(x => x.RuleId == Id).ToList();
        Assert.Equal("Duplicate value: ", findings.Single(f => f.Kind == FindingKind.Duplicate).Message);
    }

    [Fact]
    public void ItemOfTheWrongShape_IsLeftToTheDecoder()
    {
        var report = new ManifestValidator().ValidateText(
            "a.yaml",
            PodTemplate.Ds("containers:\n  - name: c\n    image: i\n    resizePolicy: [cpu, {resourceName: [x], restartPolicy: NotRequired}]"),
            null);
        Assert.DoesNotContain(report.Findings, f => f.RuleId == Id);
        Assert.Contains(report.Findings, f => f.RuleId.StartsWith("DS2", System.StringComparison.Ordinal));
    }
}

public sealed class InitContainerResizePolicyForbiddenTests
{
    private static readonly string Id = RuleCatalog.DS1188_InitContainerResizePolicyForbidden.Id;

    [Fact]
    public void Message_PrintsTheListAsGoDoes()
    {
        var f = FixtureVerifier.VerifyText(
            PodTemplate.Ds(
                """
                initContainers:
                  - name: setup
                    image: i
                    resizePolicy: # expect: DS1188 spec.template.spec.initContainers[0].resizePolicy
                      - {resourceName: cpu, restartPolicy: NotRequired}
                      - {resourceName: "a\"b"}
                containers: [{name: c, image: i}]
                """),
            ruleId: Id,
            options: PodResourceNameMustBeSupportedTests.At("1.31", "InPlacePodVerticalScaling=true")).Single(x => x.RuleId == Id);
        Assert.Equal(
            "Invalid value: []core.ContainerResizePolicy{core.ContainerResizePolicy{ResourceName:\"cpu\", RestartPolicy:\"NotRequired\"}, core.ContainerResizePolicy{ResourceName:\"a\\\"b\", RestartPolicy:\"\"}}: must not be set for init containers",
            f.Message);
        Assert.Equal("Remove resizePolicy from the init container", f.Hint);
    }

    [Fact]
    public void NullItem_PrintsAsTheZeroEntry()
    {
        var f = FixtureVerifier.VerifyText(
            PodTemplate.Ds(
                """
                initContainers:
                  - name: s
                    image: i
                    resizePolicy: [null] # expect: DS1188 spec.template.spec.initContainers[0].resizePolicy
                containers: [{name: c, image: i}]
                """),
            ruleId: Id,
            options: PodResourceNameMustBeSupportedTests.At("1.32", "InPlacePodVerticalScaling=true")).Single(x => x.RuleId == Id);
        Assert.Equal("Invalid value: []core.ContainerResizePolicy{core.ContainerResizePolicy{ResourceName:\"\", RestartPolicy:\"\"}}: must not be set for init containers", f.Message);
    }

    [Theory]
    [InlineData("1.33", null)]
    [InlineData("1.35", null)]
    [InlineData("1.33", "InPlacePodVerticalScaling=false")] // the field is dropped before validation
    public void FromRelease133_NothingIsReported(string release, string? gates) =>
        FixtureVerifier.VerifyText(
            PodTemplate.Ds("initContainers:\n  - {name: s, image: i, restartPolicy: Always, resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]}\ncontainers: [{name: c, image: i}]"),
            ruleId: Id,
            options: PodResourceNameMustBeSupportedTests.At(release, gates));
}
