using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class SelectorIsImmutableTests
{
    private const string Tail = """
          template:
            metadata: {labels: {app: agent, tier: node}}
            spec: {containers: [{name: c, image: i}]}
        """;

    private static string Ds(string selector, string name = "ds", string ns = "kube-system", string apiVersion = "apps/v1", string kind = "DaemonSet") =>
        $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: {name}, namespace: {ns}}}\nspec:\n  selector: {selector}\n{Tail}\n";

    private static readonly string Baseline = Ds("{matchLabels: {app: agent}}");

    [Fact]
    public void ChangedSelector_IsReportedWithServerMessage()
    {
        var findings = FixtureVerifier.VerifyText(
            Ds("{matchLabels: {app: agent, tier: node}} # expect: DS1005 spec.selector"),
            baseline: FixtureTests.BaselineFrom(Baseline, "live.yaml"));
        var f = Assert.Single(findings, x => x.RuleId == RuleCatalog.DS1005_SelectorIsImmutable.Id);
        RuleTestKit.AssertFinding(
            f,
            FindingKind.Invalid,
            "Invalid value: {matchLabels: {app: \"agent\", tier: \"node\"}}: field is immutable", "The object at live.yaml has selector {matchLabels: {app: \"agent\"}}; delete and recreate the DaemonSet (kubectl delete --cascade=orphan keeps its pods) to change it");
    }

    [Fact]
    public void ReorderedMatchLabelsKeys_AreEqual() =>
        FixtureVerifier.VerifyText(
            Ds("{matchLabels: {tier: node, app: agent}}"),
            ruleId: RuleCatalog.DS1005_SelectorIsImmutable.Id,
            baseline: FixtureTests.BaselineFrom(Ds("{matchLabels: {app: agent, tier: node}}")));

    [Fact]
    public void ReorderedMatchExpressions_AreAChange() =>
        FixtureVerifier.VerifyText(
            Ds("{matchExpressions: [{key: b, operator: Exists}, {key: a, operator: Exists}]} # expect: DS1005 spec.selector"),
            baseline: FixtureTests.BaselineFrom(Ds("{matchExpressions: [{key: a, operator: Exists}, {key: b, operator: Exists}]}")));

    [Fact]
    public void MatchLabelsRewrittenAsInExpression_IsAChange() =>
        FixtureVerifier.VerifyText(
            Ds("{matchExpressions: [{key: app, operator: In, values: [agent]}]} # expect: DS1005 spec.selector"),
            baseline: FixtureTests.BaselineFrom(Baseline));

    [Theory]
    [InlineData("other", "kube-system", "apps/v1", "DaemonSet")]
    [InlineData("ds", "monitoring", "apps/v1", "DaemonSet")]
    [InlineData("ds", "kube-system", "extensions/v1beta1", "DaemonSet")]
    [InlineData("ds", "kube-system", "apps/v1", "Deployment")]
    public void DifferentIdentity_IsNoMatch(string name, string ns, string apiVersion, string kind) =>
        FixtureVerifier.VerifyText(
            Ds("{matchLabels: {app: changed}}"),
            ruleId: RuleCatalog.DS1005_SelectorIsImmutable.Id,
            baseline: FixtureTests.BaselineFrom(Ds("{matchLabels: {app: agent}}", name, ns, apiVersion, kind)));

    [Fact]
    public void SameIdentity_WithoutTheChange_IsTheControl()
    {
        // The control for DifferentIdentity_IsNoMatch: the same baseline under the same identity does fire.
        var findings = new Engine.ManifestValidator().ValidateText("ds.yaml", Ds("{matchLabels: {app: changed}}"), FixtureTests.BaselineFrom(Baseline));
        Assert.Single(findings.Findings, x => x.RuleId == RuleCatalog.DS1005_SelectorIsImmutable.Id);
    }

    [Fact]
    public void EmptyMatchExpressions_EqualsAbsent()
    {
        FixtureVerifier.VerifyText(
            Ds("{matchLabels: {app: agent}, matchExpressions: []}"),
            ruleId: RuleCatalog.DS1005_SelectorIsImmutable.Id,
            baseline: FixtureTests.BaselineFrom(Baseline));
        FixtureVerifier.VerifyText(
            Baseline,
            ruleId: RuleCatalog.DS1005_SelectorIsImmutable.Id,
            baseline: FixtureTests.BaselineFrom(Ds("{matchLabels: {app: agent}, matchExpressions: []}")));
    }

    [Fact]
    public void NamespaceOmitted_MatchesDefaultNamespace()
    {
        var text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: x}} # expect: DS1005 spec.selector\n" + Tail + "\n";
        FixtureVerifier.VerifyText(text, baseline: FixtureTests.BaselineFrom(Ds("{matchLabels: {app: agent}}", ns: "default")));
    }

    [Fact]
    public void ScalarsCompareByDecodedValue()
    {
        // "agent" and 'agent' are the same string; 1 and 0x1 the same number; a quoted "1" is not the number 1.
        FixtureVerifier.VerifyText(
            Ds("{matchLabels: {app: 'agent', n: 0x1, b: yes}}"),
            ruleId: RuleCatalog.DS1005_SelectorIsImmutable.Id,
            baseline: FixtureTests.BaselineFrom(Ds("{matchLabels: {app: \"agent\", n: 1, b: true}}")));
        FixtureVerifier.VerifyText(
            Ds("{matchLabels: {app: agent, n: \"1\"}} # expect: DS1005 spec.selector"),
            baseline: FixtureTests.BaselineFrom(Ds("{matchLabels: {app: agent, n: 1}}")));
    }
}
