using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class MinReadySecondsMustBeNonNegativeTests
{
    [Fact]
    public void Fires_WithServerMessage()
    {
        var f = RuleTestKit.Single(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              minReadySeconds: -1 # expect: DS1011 spec.minReadySeconds
              selector: {matchLabels: {app: a}}
              template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
            """,
            RuleCatalog.DS1011_MinReadySecondsMustBeNonNegative.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Invalid, "Invalid value: -1: must be greater than or equal to 0");
    }
}
