using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class MaxSurgeRequiresZeroMaxUnavailableTests
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
              updateStrategy:
                rollingUpdate:
                  maxSurge: 1 # expect: DS1015 spec.updateStrategy.rollingUpdate.maxSurge
              selector: {matchLabels: {app: a}}
              template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
            """,
            RuleCatalog.DS1015_MaxSurgeRequiresZeroMaxUnavailable.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Invalid, "Invalid value: 1: may not be set when maxUnavailable is non-zero", "maxUnavailable defaults to 1 when unset: add maxUnavailable: 0 to roll out by surging");
    }
}
