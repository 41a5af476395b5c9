using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;
using DaemonLint.Syntax;

namespace DaemonLint.Tests.Rules.PodResources;

// The pod-level spec.resources (validatePodResources). Every message below was compared with the v1.32.2 oracle run
// with PodLevelResources=true; the 1.33+ hugepages difference with kubernetes/kubernetes#130577.
public sealed class PodResourceNameMustBeSupportedTests
{
    private static readonly string Id = RuleCatalog.DS1185_PodResourceNameMustBeSupported.Id;

    [Fact]
    public void UnsupportedName_ListsHugePages_FromRelease133()
    {
        var f = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            resources:
              requests:
                ephemeral-storage: 1Gi # expect: DS1185 spec.template.spec.resources.requests[ephemeral-storage]
            containers: [{name: c, image: i}]
            """)).Single(x => x.RuleId == Id);
        Assert.Equal(FindingKind.NotSupported, f.Kind);
        Assert.Equal("Unsupported value: ephemeral-storage: supported values: \"cpu\", \"hugepages-\", \"memory\"", f.Message);
        Assert.Equal("Pod-level resources take only cpu, memory and hugepages-<size>: set the others on the containers", f.Hint);
    }

    [Fact]
    public void UnsupportedName_ListsCpuAndMemory_In132()
    {
        var f = FixtureVerifier.VerifyText(
            PodTemplate.Ds(
                """
                resources:
                  limits:
                    memory: 1Gi
                    hugepages-1Gi: 1Gi # expect: DS1185 spec.template.spec.resources.limits[hugepages-1Gi]
                containers: [{name: c, image: i}]
                """),
            options: At("1.32", "PodLevelResources=true")).Single(x => x.RuleId == Id);
        Assert.Equal("Unsupported value: hugepages-1Gi: supported values: \"cpu\", \"memory\"", f.Message);
        Assert.Equal("Pod-level hugepages need Kubernetes 1.33 or later: set them on the containers", f.Hint);
    }

    [Fact]
    public void NoResourceName_IsInvalid_PrintedBare_AndNotAlsoUnsupported()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            resources:
              requests:
                Memory: 1Gi # expect: DS1185 spec.template.spec.resources.requests[Memory]
            containers: [{name: c, image: i}]
            """)).Where(x => x.RuleId == Id).ToList();
        var f = Assert.Single(findings);
        Assert.Equal("Invalid value: Memory: must be a standard resource type or fully qualified", f.Message);
        Assert.Equal("Resource names are case-sensitive: write memory", f.Hint);
    }

    [Fact]
    public void NullQuantity_KeepsItsName_InTheMap()
    {
        // A null quantity decodes as zero under its key: the server still validates the name.
        FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            resources:
              limits:
                pods: null # expect: DS1185 spec.template.spec.resources.limits[pods]
            containers: [{name: c, image: i}]
            """));
    }

    [Fact]
    public void GateOff_DropsTheBlock_EvenAtTheDefaultRelease()
    {
        var findings = new ManifestValidator(At("1.35", "PodLevelResources=false")).ValidateText(
            "a.yaml",
            PodTemplate.Ds("resources: {limits: {ephemeral-storage: 1Gi}}\ncontainers: [{name: c, image: i, resources: {requests: {cpu: 1}}}]"),
            null).Findings;
        Assert.DoesNotContain(findings, f => f.RuleId is "DS1185" or "DS1186" or "DS1301" or "DS1303" or "DS1304" or "DS1305");
    }

    internal static ValidatorOptions At(string release, string? gates = null)
    {
        Assert.True(FeatureGateSet.TryParse(gates, out var overrides, out var error), error);
        return new ValidatorOptions { KubernetesVersion = KubernetesRelease.Parse(release), FeatureGates = overrides };
    }
}

public sealed class PodLevelResourceRequirementsTests
{
    [Fact]
    public void ContainerChecks_RunOnThePodLevelBlock_AtItsPaths()
    {
        var findings = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            resources:
              limits:
                cpu: -1 # expect: DS1301 spec.template.spec.resources.limits[cpu]
                hugepages-2Mi: 3Mi # expect: DS1301 spec.template.spec.resources.limits[hugepages-2Mi]
              requests:
                cpu: 2 # expect: DS1303 spec.template.spec.resources.requests
                hugepages-2Mi: 2Mi # expect: DS1304 spec.template.spec.resources.requests
            containers: [{name: c, image: i}]
            """));
        Assert.Equal("Invalid value: \"2\": must be less than or equal to cpu limit of -1", findings.Single(x => x.RuleId == "DS1303").Message);
        Assert.Equal("Invalid value: \"2Mi\": must be equal to hugepages-2Mi limit of 3Mi", findings.Single(x => x.RuleId == "DS1304").Message);
        Assert.DoesNotContain(findings, x => x.RuleId == "DS1305"); // cpu is there
    }

    [Fact]
    public void HugePagesAlone_AreForbidden_AtThePodLevelBlock()
    {
        var f = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            resources: # expect: DS1305 spec.template.spec.resources
              limits: {hugepages-2Mi: 2Mi}
            containers: [{name: c, image: i}]
            """)).Single(x => x.RuleId == "DS1305");
        Assert.Equal("Forbidden: HugePages require cpu or memory", f.Message);
    }

    [Fact]
    public void RequestOfANonOvercommitableResource_NeedsAPodLevelLimit()
    {
        var f = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            resources:
              requests:
                cpu: 100m
                example.com/dev: 1 # expect: DS1304 spec.template.spec.resources.limits, DS1185 spec.template.spec.resources.requests[example.com/dev]
            containers: [{name: c, image: i}]
            """)).Single(x => x.RuleId == "DS1304");
        Assert.Equal("Required value: Limit must be set for non overcommitable resources", f.Message);
    }
}

public sealed class PodResourcesMustCoverContainersTests
{
    private static readonly string Id = RuleCatalog.DS1186_PodResourcesMustCoverContainers.Id;

    [Fact]
    public void Aggregate_KeepsTheFirstContainersFormat_AndPrintsCanonically()
    {
        // 30Mi + 100M = 131457280 bytes, no whole number of Ki: printed plain, as the oracle does.
        var f = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            resources:
              requests:
                memory: 1Mi # expect: DS1186 spec.template.spec.resources.requests[memory]
            containers:
              - {name: c, image: i, resources: {requests: {memory: 30Mi}}}
              - {name: d, image: i, resources: {requests: {memory: 100M}}}
            """)).Single(x => x.RuleId == Id);
        Assert.Equal("Invalid value: \"1Mi\": must be greater than or equal to aggregate container requests of 131457280", f.Message);
        Assert.Equal("Set the pod-level requests[memory] to at least 131457280, or lower the containers' requests", f.Hint);
    }

    [Fact]
    public void NullPodLevelLimit_IsZero()
    {
        var f = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            resources:
              limits: {cpu: null}
            containers:
              - name: c
                image: i
                resources:
                  limits:
                    cpu: 1 # expect: DS1186 spec.template.spec.resources.containers[0][cpu].limits
            """)).Single(x => x.RuleId == Id);
        Assert.Equal("Invalid value: \"1\": must be less than or equal to pod limits of 0", f.Message);
        Assert.Equal("spec.template.spec.containers[0].resources.limits[cpu]", f.LocationPath?.ToString());
    }

    [Fact]
    public void SidecarsRunBesideLaterInitContainers_NotEarlierOnes()
    {
        // init a (900m) runs before the sidecar; init b (700m) runs beside it (700m + 300m = 1): the pod needs
        // max(900m, 1, 300m + 100m) = 1, which it requests.
        FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            resources:
              requests: {cpu: 1}
            initContainers:
              - {name: a, image: i, resources: {requests: {cpu: 900m}}}
              - {name: s, image: i, restartPolicy: Always, resources: {requests: {cpu: 300m}}}
              - {name: b, image: i, resources: {requests: {cpu: 700m}}}
            containers:
              - {name: c, image: i, resources: {requests: {cpu: 100m}}}
            """),
            ruleId: Id);
        var f = FixtureVerifier.VerifyText(PodTemplate.Ds(
            """
            resources:
              requests: {cpu: 999m} # expect: DS1186 spec.template.spec.resources.requests[cpu]
            initContainers:
              - {name: a, image: i, resources: {requests: {cpu: 900m}}}
              - {name: s, image: i, restartPolicy: Always, resources: {requests: {cpu: 300m}}}
              - {name: b, image: i, resources: {requests: {cpu: 700m}}}
            containers:
              - {name: c, image: i, resources: {requests: {cpu: 100m}}}
            """)).Single(x => x.RuleId == Id);
        Assert.Equal("Invalid value: \"999m\": must be greater than or equal to aggregate container requests of 1", f.Message);
    }

    [Fact]
    public void QuantitiesTooFarApartToAdd_AreNotJudged_AndNothingThrows()
    {
        var report = new ManifestValidator().ValidateText(
            "a.yaml",
            PodTemplate.Ds("resources: {requests: {cpu: 1m}}\ncontainers:\n  - {name: c, image: i, resources: {requests: {cpu: \"1e3000\"}}}\n  - {name: d, image: i, resources: {requests: {cpu: 1m}}}"),
            null);
        Assert.DoesNotContain(report.Findings, f => f.RuleId == Id || f.RuleId == "DS9008");
    }

    [Fact]
    public void Add_FollowsQuantityAdd()
    {
        Assert.True(Quantity.TryParse("30Mi", out var a, out _));
        Assert.True(Quantity.TryParse("100M", out var b, out _));
        Assert.True(Quantity.TryParse("0", out var zero, out _));
        Assert.Equal("131457280", a.Add(b)!.ToString());
        Assert.Equal("100M", zero.Add(b)!.ToString()); // a zero takes the other's format
        Assert.Equal(QuantityFormat.BinarySI, a.Add(zero)!.Format);
        Assert.True(Quantity.TryParse("1e3000", out var huge, out _));
        Assert.True(Quantity.TryParse("1m", out var milli, out _));
        Assert.Null(huge.Add(milli));
    }
}
