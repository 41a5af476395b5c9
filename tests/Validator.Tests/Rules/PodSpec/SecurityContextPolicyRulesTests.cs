using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;

namespace DaemonLint.Tests.Rules.PodSpec;

/// <summary>
/// DS1343 (validateSELinuxChangePolicy) and DS1344 (validateSupplementalGroupsPolicy). The expectations were checked
/// against the v1.32.2 oracle with the gates named.
/// </summary>
public sealed class SecurityContextPolicyRulesTests
{
    private const string SeLinuxPath = "spec.template.spec.securityContext.seLinuxChangePolicy";

    private static readonly string SeLinux = RuleCatalog.DS1343_SeLinuxChangePolicyMustBeSupported.Id;

    private static readonly string Groups = RuleCatalog.DS1344_SupplementalGroupsPolicyMustBeSupported.Id;

    [Fact]
    public void MountOption_IsRefused_AtTheDefaultRelease_WhileSELinuxMountIsOff()
    {
        var f = Single(SeLinux, $"securityContext:\n  seLinuxChangePolicy: MountOption # expect: DS1343 {SeLinuxPath}\ncontainers: [{{name: c, image: i}}]", null);
        RuleTestKit.AssertFinding(
            f,
            FindingKind.NotSupported,
            "Unsupported value: \"MountOption\": supported values: \"Recursive\"",
            "MountOption is accepted only while the SELinuxMount feature gate is on (off by default through 1.35) or when the stored object already has a policy; use Recursive or remove the field");
    }

    [Theory]
    [InlineData("1.33")]
    [InlineData("1.35")]
    public void WithSELinuxMount_BothPolicies_AreSupported_CaseSensitive(string release)
    {
        var options = At(release, "SELinuxMount=true");
        PodSpecYaml.None(SeLinux, "securityContext: {seLinuxChangePolicy: MountOption}\ncontainers: [{name: c, image: i}]", options);
        var f = Single(SeLinux, $"securityContext:\n  seLinuxChangePolicy: mountoption # expect: DS1343 {SeLinuxPath}\ncontainers: [{{name: c, image: i}}]", options);
        RuleTestKit.AssertFinding(f, FindingKind.NotSupported, "Unsupported value: \"mountoption\": supported values: \"MountOption\", \"Recursive\"", "The policy is case-sensitive: write MountOption");
    }

    [Fact]
    public void OnlyRecursive_StillGivesTheCaseHint()
    {
        var f = Single(SeLinux, $"securityContext:\n  seLinuxChangePolicy: RECURSIVE # expect: DS1343 {SeLinuxPath}\ncontainers: [{{name: c, image: i}}]", null);
        Assert.Equal("The policy is case-sensitive: write Recursive", f.Hint);
        Assert.Equal("Unsupported value: \"RECURSIVE\": supported values: \"Recursive\"", f.Message);
    }

    [Fact]
    public void StoredPolicy_LetsAnUpdateUseMountOption()
    {
        const string Stored = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      securityContext: {seLinuxChangePolicy: Recursive}\n      containers: [{name: c, image: i}]\n";
        var text = PodSpecYaml.DaemonSet("securityContext: {seLinuxChangePolicy: MountOption}\ncontainers: [{name: c, image: i}]");
        Assert.DoesNotContain(FixtureVerifier.VerifyText(text, ruleId: SeLinux, baseline: FixtureTests.BaselineFrom(Stored)), f => f.RuleId == SeLinux);

        // A stored object without a policy does not: the option is computed from the stored template only.
        var withoutPolicy = Stored.Replace("      securityContext: {seLinuxChangePolicy: Recursive}\n", string.Empty, System.StringComparison.Ordinal);
        var findings = new ManifestValidator().ValidateText("ds.yaml", text, FixtureTests.BaselineFrom(withoutPolicy)).Findings;
        Assert.Single(findings, f => f.RuleId == SeLinux);
    }

    [Fact]
    public void In132_TheFieldNeedsItsGate()
    {
        const string Spec = "securityContext: {seLinuxChangePolicy: Bogus}\ncontainers: [{name: c, image: i}]";
        PodSpecYaml.None(SeLinux, Spec, At("1.32"));
        var f = Single(SeLinux, $"securityContext:\n  seLinuxChangePolicy: Bogus # expect: DS1343 {SeLinuxPath}\ncontainers: [{{name: c, image: i}}]", At("1.32", "SELinuxChangePolicy=true"));
        Assert.Equal("Unsupported value: \"Bogus\": supported values: \"Recursive\"", f.Message);
    }

    [Fact]
    public void SupplementalGroupsPolicy_IsMergeOrStrict()
    {
        var f = Single(Groups, "securityContext:\n  supplementalGroupsPolicy: strict # expect: DS1344 spec.template.spec.securityContext.supplementalGroupsPolicy\ncontainers: [{name: c, image: i}]", null);
        RuleTestKit.AssertFinding(f, FindingKind.NotSupported, "Unsupported value: \"strict\": supported values: \"Merge\", \"Strict\"", "The policy is case-sensitive: write Strict");
        var other = Single(Groups, "securityContext:\n  supplementalGroupsPolicy: \"\" # expect: DS1344 spec.template.spec.securityContext.supplementalGroupsPolicy\ncontainers: [{name: c, image: i}]", null);
        Assert.Equal("Unsupported value: \"\": supported values: \"Merge\", \"Strict\"", other.Message);
        Assert.StartsWith("Use Merge", other.Hint, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("securityContext: {seLinuxChangePolicy: null, supplementalGroupsPolicy: null}")]
    [InlineData("securityContext: {seLinuxChangePolicy: Recursive, supplementalGroupsPolicy: Merge}")]
    [InlineData("securityContext: {seLinuxChangePolicy: 1, supplementalGroupsPolicy: [Strict]}")]
    public void UnsetValid_OrWronglyTyped_DoNotTrigger(string securityContext)
    {
        var text = PodSpecYaml.DaemonSet(securityContext + "\ncontainers: [{name: c, image: i}]");
        var findings = new ManifestValidator().ValidateText("ds.yaml", text, null).Findings;
        Assert.DoesNotContain(findings, f => f.RuleId == SeLinux || f.RuleId == Groups);
    }

    private static Finding Single(string ruleId, string podSpec, ValidatorOptions? options) =>
        Assert.Single(FixtureVerifier.VerifyText(PodSpecYaml.DaemonSet(podSpec), ruleId: ruleId, options: options), f => f.RuleId == ruleId);

    private static ValidatorOptions At(string release, string? gates = null)
    {
        Assert.True(FeatureGateSet.TryParse(gates, out var overrides, out var error), error);
        return new ValidatorOptions { KubernetesVersion = KubernetesRelease.Parse(release), FeatureGates = overrides };
    }
}
