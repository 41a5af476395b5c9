using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodResources;

public sealed class ResourceQuantityMustBeValidTests
{
    [Fact]
    public void UnparsableQuantity_IsTheSchemaLayersFinding_NotThisRules()
    {
        // The server fails to decode it before validation runs: one mistake, one finding (DS2005).
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                resources:
                  limits:
                    memory: 1GB # expect: DS2005 spec.template.spec.containers[0].resources.limits[memory]
            """), ruleId: RuleCatalog.DS1301_ResourceQuantityMustBeValid.Id);
        Assert.DoesNotContain(findings, x => x.RuleId == RuleCatalog.DS1301_ResourceQuantityMustBeValid.Id);
    }

    [Fact]
    public void YamlNumbers_DoNotTrigger()
    {
        FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                resources:
                  limits: {cpu: 1, memory: 1e9}
                  requests: {cpu: 0.25, nvidia.com/gpu: 0x1}
            """), ruleId: RuleCatalog.DS1301_ResourceQuantityMustBeValid.Id);
    }

    [Fact]
    public void FractionalExtendedResource_MustBeAnInteger()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                resources:
                  limits:
                    example.com/dongle: 1.5 # expect: DS1301 spec.template.spec.containers[0].resources.limits[example.com/dongle]
            """));
        Assert.Equal("Invalid value: \"1500m\": must be an integer", findings.Single(x => x.RuleId == RuleCatalog.DS1301_ResourceQuantityMustBeValid.Id).Message);
        Assert.Equal("Extended resources are counted in whole units", findings.Single(x => x.RuleId == RuleCatalog.DS1301_ResourceQuantityMustBeValid.Id).Hint);
    }
}

public sealed class ResourceNameMustBeValidTests
{
    [Fact]
    public void UnknownUnqualifiedName_Triggers_Twice()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                resources:
                  requests:
                    ram: 1Gi # expect: DS1302 spec.template.spec.containers[0].resources.requests[ram], DS1302 spec.template.spec.containers[0].resources.requests[ram]
            """));
        var messages = findings.Where(x => x.RuleId == RuleCatalog.DS1302_ResourceNameMustBeValid.Id).Select(x => x.Message + " | " + x.Hint).ToList();
        Assert.Contains("Invalid value: \"ram\": must be a standard resource type or fully qualified | Write memory", messages);
        Assert.Contains("Invalid value: \"ram\": must be a standard resource for containers | Write memory", messages);
    }
}

public sealed class RequestMustNotExceedLimitTests
{
    [Fact]
    public void RequestAboveLimit_Triggers_OnRequestsPath()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                resources:
                  limits: {memory: 1G}
                  requests:
                    memory: 1Gi # expect: DS1303 spec.template.spec.containers[0].resources.requests
            """));
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS1303_RequestMustNotExceedLimit.Id);
        Assert.Equal("Invalid value: \"1Gi\": must be less than or equal to memory limit of 1G", f.Message);
        Assert.Equal("Lower requests[memory] to at most 1G or raise the limit", f.Hint);
        Assert.Equal("spec.template.spec.containers[0].resources.requests", f.Path!.ToString());
    }

    [Fact]
    public void EqualAfterRounding_DoesNotTrigger()
    {
        // 0.0001 rounds up to 1m, the limit.
        FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                resources:
                  limits: {cpu: 1m}
                  requests: {cpu: "0.0001"}
            """), ruleId: RuleCatalog.DS1303_RequestMustNotExceedLimit.Id);
    }
}

public sealed class NonOvercommitableRequestMustEqualLimitTests
{
    [Fact]
    public void GpuRequestWithoutLimit_Triggers_Required()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                resources:
                  requests:
                    nvidia.com/gpu: 1 # expect: DS1304 spec.template.spec.containers[0].resources.limits
            """));
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS1304_NonOvercommitableRequestMustEqualLimit.Id);
        Assert.Equal("Required value: Limit must be set for non overcommitable resources", f.Message);
        Assert.Equal("Add limits[nvidia.com/gpu]: 1 (equal to the request), or move the request to limits", f.Hint);
        Assert.Equal(FindingKind.Required, f.Kind);
    }
}

public sealed class HugePagesRequireCpuOrMemoryTests
{
    [Fact]
    public void HugePagesAlone_Triggers()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                resources: # expect: DS1305 spec.template.spec.containers[0].resources
                  limits: {hugepages-1Gi: 2Gi}
                  requests: {hugepages-1Gi: 2Gi}
            """));
        Assert.Equal("Forbidden: HugePages require cpu or memory", findings.Single(x => x.RuleId == RuleCatalog.DS1305_HugePagesRequireCpuOrMemory.Id).Message);
        Assert.Equal("Add a memory (or cpu) request or limit next to the hugepages", findings.Single(x => x.RuleId == RuleCatalog.DS1305_HugePagesRequireCpuOrMemory.Id).Hint);
    }
}

public sealed class FractionalByteQuantityTests
{
    [Fact]
    public void FractionalMemory_IsAWarning()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: c
                image: i
                resources:
                  requests:
                    memory: 100.5 # expect: DS4106 spec.template.spec.containers[0].resources.requests[memory]
            """));
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS4106_FractionalByteQuantity.Id);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("Invalid value: fractional byte value \"100500m\" is invalid, must be an integer", f.Message);
        Assert.Equal("Write whole bytes, e.g. 101 or a value with a binary suffix such as Mi", f.Hint);
    }
}

public sealed class SharedResourcesAliasTests
{
    [Fact]
    public void AliasedResources_AreReportedForEachContainer()
    {
        FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            containers:
              - name: a
                image: i
                resources: &res
                  requests:
                    cpu: "2" # expect: DS1303 spec.template.spec.containers[0].resources.requests, DS1303 spec.template.spec.containers[1].resources.requests
                  limits: {cpu: 1}
              - name: b
                image: i
                resources: *res
            """), ruleId: RuleCatalog.DS1303_RequestMustNotExceedLimit.Id);
    }
}
