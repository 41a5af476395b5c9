using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodSpec;

/// <summary>
/// DS1190 (validatePodResourceClaims), DS1191 (validateResourceClaimNames) and DS1192 (validatePodResources' claims):
/// messages as the v1.32.2 oracle prints them, the release shapes, and lists large enough that a quadratic walk shows.
/// </summary>
public sealed class ResourceClaimRulesTests
{
    private const string Label = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string Subdomain = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private static readonly string Ds1190 = RuleCatalog.DS1190_PodResourceClaimsMustBeValid.Id;
    private static readonly string Ds1191 = RuleCatalog.DS1191_ResourceClaimReferencesMustBeValid.Id;
    private static readonly string Ds1192 = RuleCatalog.DS1192_PodLevelResourceClaimsForbidden.Id;

    [Fact]
    public void PodClaim_Messages_AreTheServers()
    {
        RuleTestKit.AssertFinding(
            PodSpecYaml.Single(Ds1190, "resourceClaims:\n  - {resourceClaimName: rc} # expect: DS1190 spec.template.spec.resourceClaims[0].name\ncontainers: [{name: c, image: i}]"),
            FindingKind.Required,
            "Required value",
            "Name the claim: containers reference it by this name");
        RuleTestKit.AssertFinding(
            PodSpecYaml.Single(Ds1190, "resourceClaims:\n  - {name: a, resourceClaimName: rc}\n  - {name: a, resourceClaimName: rc} # expect: DS1190 spec.template.spec.resourceClaims[1].name\ncontainers: [{name: c, image: i}]"),
            FindingKind.Duplicate,
            "Duplicate value: \"a\"",
            "Each pod resource claim needs a name of its own");
        RuleTestKit.AssertFinding(
            PodSpecYaml.Single(Ds1190, "resourceClaims:\n  - {name: A, resourceClaimName: rc} # expect: DS1190 spec.template.spec.resourceClaims[0].name\ncontainers: [{name: c, image: i}]"),
            FindingKind.Invalid,
            "Invalid value: \"A\": " + Label);
        RuleTestKit.AssertFinding(
            PodSpecYaml.Single(Ds1190, "resourceClaims:\n  - {name: a} # expect: DS1190 spec.template.spec.resourceClaims[0]\ncontainers: [{name: c, image: i}]"),
            FindingKind.Invalid,
            "Invalid value: core.PodResourceClaim{Name:\"a\", ResourceClaimName:(*string)(nil), ResourceClaimTemplateName:(*string)(nil)}: must specify one of: `resourceClaimName`, `resourceClaimTemplateName`",
            "Name an existing ResourceClaim (resourceClaimName) or a ResourceClaimTemplate (resourceClaimTemplateName)");
        RuleTestKit.AssertFinding(
            PodSpecYaml.Single(Ds1190, "resourceClaims:\n  - {name: a, resourceClaimName: rc, resourceClaimTemplateName: t} # expect: DS1190 spec.template.spec.resourceClaims[0]\ncontainers: [{name: c, image: i}]"),
            FindingKind.Invalid,
            "Invalid value: core.PodResourceClaim{Name:\"a\", ResourceClaimName:&\"rc\", ResourceClaimTemplateName:&\"t\"}: at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified",
            "Keep either resourceClaimName or resourceClaimTemplateName");
        RuleTestKit.AssertFinding(
            PodSpecYaml.Single(Ds1190, "resourceClaims:\n  - {name: a, resourceClaimTemplateName: \"\"} # expect: DS1190 spec.template.spec.resourceClaims[0].resourceClaimTemplateName\ncontainers: [{name: c, image: i}]"),
            FindingKind.Invalid,
            "Invalid value: \"\": " + Subdomain);
    }

    [Fact]
    public void PodClaim_NameErrors_StopAtTheFirst_AsUpstream()
    {
        // A missing or repeated name is not checked as a DNS label, and an invalid name still counts for duplicates.
        var findings = FixtureVerifier.VerifyText(PodSpecYaml.DaemonSet(
            """
            resourceClaims:
              - {name: Bad, resourceClaimName: rc} # expect: DS1190 spec.template.spec.resourceClaims[0].name
              - {name: Bad, resourceClaimName: rc} # expect: DS1190 spec.template.spec.resourceClaims[1].name
            containers: [{name: c, image: i}]
            """), ruleId: Ds1190);
        Assert.Equal(new[] { FindingKind.Invalid, FindingKind.Duplicate }, findings.Where(f => f.RuleId == Ds1190).Select(f => f.Kind));
    }

    [Fact]
    public void Release130_ChecksTheReferencesUnderSource()
    {
        var at130 = At("1.30", "DynamicResourceAllocation=true");
        RuleTestKit.AssertFinding(
            PodSpecYaml.Single(Ds1190, "resourceClaims:\n  - {name: a, source: {}} # expect: DS1190 spec.template.spec.resourceClaims[0].source\ncontainers: [{name: c, image: i}]", options: at130),
            FindingKind.Invalid,
            "Invalid value: core.ClaimSource{ResourceClaimName:(*string)(nil), ResourceClaimTemplateName:(*string)(nil)}: must specify one of: `resourceClaimName`, `resourceClaimTemplateName`",
            "Name an existing ResourceClaim (resourceClaimName) or a ResourceClaimTemplate (resourceClaimTemplateName)");
        PodSpecYaml.None(Ds1190, "resourceClaims:\n  - {name: a, source: {resourceClaimName: rc}}\ncontainers: [{name: c, image: i}]", at130);

        // The 1.31 fields are unknown to 1.30 (DS2001) and dropped: the entry has no source.
        PodSpecYaml.Single(Ds1190, "resourceClaims:\n  - {name: a, resourceClaimName: rc} # expect: DS1190 spec.template.spec.resourceClaims[0].source\ncontainers: [{name: c, image: i}]", options: at130);

        // And 1.31 no longer knows source.
        PodSpecYaml.Single(Ds1190, "resourceClaims:\n  - {name: a, source: {resourceClaimName: rc}} # expect: DS1190 spec.template.spec.resourceClaims[0]\ncontainers: [{name: c, image: i}]", options: At("1.31", "DynamicResourceAllocation=true"));
    }

    [Fact]
    public void GateOff_DropsTheClaims_ButNotThePodLevelOnes()
    {
        PodSpecYaml.None(Ds1190, "resourceClaims: [{name: a}]\ncontainers: [{name: c, image: i}]", At("1.33"));
        PodSpecYaml.None(Ds1191, "containers: [{name: c, image: i, resources: {claims: [{name: a}, {name: a}]}}]", At("1.33"));
        PodSpecYaml.Single(Ds1191, "resources:\n  claims: # expect: DS1192 spec.template.spec.resources.claims\n    - {name: a} # expect: DS1191 spec.template.spec.resources.claims[0]\ncontainers: [{name: c, image: i}]", options: At("1.33", "PodLevelResources=true"));
    }

    [Fact]
    public void ClaimReference_Messages_AreTheServers()
    {
        RuleTestKit.AssertFinding(
            PodSpecYaml.Single(Ds1191, "containers:\n  - name: c\n    image: i\n    resources:\n      claims:\n        - {request: r} # expect: DS1191 spec.template.spec.containers[0].resources.claims[0]"),
            FindingKind.Required,
            "Required value",
            "Name one of the pod's resourceClaims");
        RuleTestKit.AssertFinding(
            PodSpecYaml.Single(Ds1191, "containers:\n  - name: c\n    image: i\n    resources:\n      claims:\n        - {name: gpu} # expect: DS1191 spec.template.spec.containers[0].resources.claims[0]"),
            FindingKind.NotFound,
            "Not found: \"gpu\": must be one of the names in pod.spec.resourceClaims which is empty",
            "Add the claim to spec.template.spec.resourceClaims");

        // The pod's names sorted (byte order), an invalid or repeated one included; a nameless entry left out.
        RuleTestKit.AssertFinding(
            PodSpecYaml.Single(Ds1191, """
                resourceClaims:
                  - {name: b-gpu, resourceClaimName: rc}
                  - {name: Bad, resourceClaimName: rc}
                  - {name: a-gpu, resourceClaimName: rc}
                  - {name: a-gpu, resourceClaimName: rc}
                  - {resourceClaimName: rc}
                containers:
                  - name: c
                    image: i
                    resources:
                      claims:
                        - {name: gpu} # expect: DS1191 spec.template.spec.containers[0].resources.claims[0]
                """),
            FindingKind.NotFound,
            "Not found: \"gpu\": must be one of the names in pod.spec.resourceClaims: Bad, a-gpu, b-gpu");
        RuleTestKit.AssertFinding(
            PodSpecYaml.Single(Ds1191, "resourceClaims: [{name: gpu, resourceClaimName: rc}]\ncontainers:\n  - name: c\n    image: i\n    resources:\n      claims:\n        - {name: gpu}\n        - {name: gpu} # expect: DS1191 spec.template.spec.containers[0].resources.claims[1]"),
            FindingKind.Duplicate,
            "Duplicate value: \"gpu\"",
            "The claim is already listed: remove this entry");
        RuleTestKit.AssertFinding(
            PodSpecYaml.Single(Ds1191, "resourceClaims: [{name: gpu, resourceClaimName: rc}]\ncontainers:\n  - name: c\n    image: i\n    resources:\n      claims:\n        - {name: gpu, request: r}\n        - {name: gpu, request: r} # expect: DS1191 spec.template.spec.containers[0].resources.claims[1]"),
            FindingKind.Duplicate,
            "Duplicate value: \"gpu/r\"",
            "Remove the repeated entry");
        RuleTestKit.AssertFinding(
            PodSpecYaml.Single(Ds1191, "resourceClaims: [{name: gpu, resourceClaimName: rc}]\ncontainers:\n  - name: c\n    image: i\n    resources:\n      claims:\n        - {name: gpu, request: r}\n        - {name: gpu} # expect: DS1191 spec.template.spec.containers[0].resources.claims[1]"),
            FindingKind.Duplicate,
            "Duplicate value: \"gpu\"",
            "The claim's requests are listed already: reference the whole claim or its requests, not both");
        RuleTestKit.AssertFinding(
            PodSpecYaml.Single(Ds1191, "resourceClaims: [{name: gpu, resourceClaimName: rc}]\ncontainers:\n  - name: c\n    image: i\n    resources:\n      claims:\n        - name: gpu\n          request: R1 # expect: DS1191 spec.template.spec.containers[0].resources.claims[0].request"),
            FindingKind.Invalid,
            "Invalid value: \"R1\": " + Label);
    }

    [Fact]
    public void ClaimReference_Overlap_IsOnThePartBeforeTheFirstSlash_AsUpstream()
    {
        // Upstream's keys are name and name/request, and a whole claim overlaps every key whose part before the first '/'
        // is its name: a claim named "a/b" (not a DNS label, never a pod claim) overlaps a later whole claim "a".
        var findings = FixtureVerifier.VerifyText(
            PodSpecYaml.DaemonSet("""
                resourceClaims: [{name: a, resourceClaimName: rc}]
                containers:
                  - name: c
                    image: i
                    resources:
                      claims:
                        - {name: a/b} # expect: DS1191 spec.template.spec.containers[0].resources.claims[0]
                        - {name: a, request: r}
                        - {name: a} # expect: DS1191 spec.template.spec.containers[0].resources.claims[2], DS1191 spec.template.spec.containers[0].resources.claims[2]
                        - {name: a, request: s} # expect: DS1191 spec.template.spec.containers[0].resources.claims[3]
                """),
            ruleId: Ds1191);
        Assert.Equal(
            new[] { "NotFound", "Duplicate", "Duplicate", "Duplicate" },
            findings.Where(f => f.RuleId == Ds1191).Select(f => f.Kind.ToString()));
    }

    [Fact]
    public void EphemeralContainerClaims_AreCheckedToo()
    {
        var findings = FixtureVerifier.VerifyText(
            PodSpecYaml.DaemonSet("containers: [{name: c, image: i}]\nephemeralContainers:\n  - name: e\n    image: i\n    resources:\n      claims:\n        - {name: gpu} # expect: DS1191 spec.template.spec.ephemeralContainers[0].resources.claims[0]"),
            ruleId: Ds1191);
        Assert.Single(findings, f => f.RuleId == Ds1191);
    }

    [Fact]
    public void PodLevelClaims_Message_AndNullIsNoList()
    {
        RuleTestKit.AssertFinding(
            PodSpecYaml.Single(Ds1192, "resources:\n  claims: [] # expect: DS1192 spec.template.spec.resources.claims\ncontainers: [{name: c, image: i}]"),
            FindingKind.Forbidden,
            "Forbidden: claims cannot be set for Resources at pod-level",
            "Remove claims here and list them in the resources.claims of the containers that use them");
        PodSpecYaml.None(Ds1192, "resources:\n  claims: null\ncontainers: [{name: c, image: i}]");
        PodSpecYaml.None(Ds1192, "resources: {limits: {cpu: 1}}\ncontainers: [{name: c, image: i}]");
    }

    [Fact]
    public void TenThousandRequestsThenTheWholeClaim_AreOneDuplicateEach_InLinearTime()
    {
        const int n = 10_000;
        var findings = Validate(
            "resourceClaims: [{name: gpu, resourceClaimName: rc}]\ncontainers:\n  - name: c\n    image: i\n    resources:\n      claims:\n"
            + Lines(n, i => $"        - {{name: gpu, request: r{i}}}") + "        - {name: gpu}\n        - {name: gpu}\n");
        var dup = findings.Where(f => f.RuleId == Ds1191).ToList();
        Assert.Equal(n + 1, dup.Count);
        Assert.All(dup.Take(n), f => Assert.Equal($"spec.template.spec.containers[0].resources.claims[{n}]", f.Path!.ToString()));
        Assert.Equal($"spec.template.spec.containers[0].resources.claims[{n + 1}]", dup[^1].Path!.ToString());
    }

    [Fact]
    public void TenThousandMissingReferences_ToTenThousandPodClaims_ListThirtyTwoNamesAndCountTheRest()
    {
        const int n = 10_000;
        var findings = Validate(
            "resourceClaims:\n" + Lines(n, i => $"  - {{name: c{i:D5}, resourceClaimName: rc}}")
            + "containers:\n  - name: c\n    image: i\n    resources:\n      claims:\n" + Lines(n, i => $"        - {{name: x{i}}}"));
        var missing = findings.Where(f => f.RuleId == Ds1191).ToList();
        Assert.Equal(n, missing.Count);
        var listed = string.Join(", ", Enumerable.Range(0, 32).Select(i => $"c{i:D5}"));
        Assert.Equal($"Not found: \"x0\": must be one of the names in pod.spec.resourceClaims: {listed} and {n - 32} more", missing[0].Message);
        Assert.DoesNotContain(findings, f => f.RuleId == Ds1190);
    }

    [Fact]
    public void TenThousandCopiesOfAPodClaim_AreADuplicateEach()
    {
        const int n = 10_000;
        var findings = Validate("resourceClaims:\n" + Lines(n, _ => "  - {name: gpu, resourceClaimName: rc}") + "containers: [{name: c, image: i}]\n");
        Assert.Equal(n - 1, findings.Count(f => f.RuleId == Ds1190 && f.Kind == FindingKind.Duplicate));
    }

    private static ValidatorOptions At(string release, string? gates = null)
    {
        Assert.True(DaemonLint.Releases.FeatureGateSet.TryParse(gates, out var overrides, out var error), error);
        return new ValidatorOptions { KubernetesVersion = DaemonLint.Releases.KubernetesRelease.Parse(release), FeatureGates = overrides };
    }

    private static List<Finding> Validate(string podSpec) =>
        new ManifestValidator().ValidateText("big.yaml", PodSpecYaml.DaemonSet(podSpec)).Findings;

    private static string Lines(int count, Func<int, string> line)
    {
        var sb = new StringBuilder(count * 40);
        for (var i = 0; i < count; i++)
        {
            sb.Append(line(i)).Append('\n');
        }

        return sb.ToString();
    }
}
