using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class RollingUpdateValueMustBeIntOrPercentTests
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
                  maxUnavailable: "1" # expect: DS1014 spec.updateStrategy.rollingUpdate.maxUnavailable
              selector: {matchLabels: {app: a}}
              template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
            """,
            RuleCatalog.DS1014_RollingUpdateValueMustBeIntOrPercent.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Invalid, "Invalid value: \"1\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')", "A quoted number is a string: write maxUnavailable: 1 (unquoted) or maxUnavailable: \"1%\"");
    }
}
