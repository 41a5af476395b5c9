using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class SelectorMustNotBeEmptyTests
{
    [Fact]
    public void EmptySelector_ReportsServerMessage_AndNoMismatch()
    {
        var findings = FixtureVerifier.VerifyText(
            """
            # rules: DS1001 DS1002
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              selector: {} # expect: DS1003 spec.selector
              template:
                metadata: {labels: {app: agent}}
                spec: {containers: [{name: c, image: i}]}
            """);
        var f = Assert.Single(findings, x => x.RuleId == RuleCatalog.DS1003_SelectorMustNotBeEmpty.Id);
        RuleTestKit.AssertFinding(
            f,
            FindingKind.Invalid,
            "Invalid value: {}: empty selector is invalid for daemonset", "An empty selector would select every pod; set spec.selector.matchLabels to the template labels");
        Assert.DoesNotContain(findings, x => x.RuleId is "DS1001" or "DS1002");
    }
}
