using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class MaxUnavailableAndMaxSurgeNotBothZeroTests
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
                  maxUnavailable: 0 # expect: DS1016 spec.updateStrategy.rollingUpdate.maxUnavailable
              selector: {matchLabels: {app: a}}
              template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
            """,
            RuleCatalog.DS1016_MaxUnavailableAndMaxSurgeNotBothZero.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Required, "Required value: cannot be 0 when maxSurge is 0", "maxSurge defaults to 0 when unset: set maxUnavailable to at least 1 (or a percentage), or set maxSurge");
    }
}
