using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class UpdateStrategyTypeMustBeSupportedTests
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
                type: rollingUpdate # expect: DS1013 spec.updateStrategy
              selector: {matchLabels: {app: a}}
              template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
            """,
            RuleCatalog.DS1013_UpdateStrategyTypeMustBeSupported.Id);
        RuleTestKit.AssertFinding(f, FindingKind.NotSupported, "Unsupported value: {type: \"rollingUpdate\"}: supported values: \"RollingUpdate\", \"OnDelete\"", "Strategy types are case-sensitive: write RollingUpdate or OnDelete");
    }
}
