using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class RevisionHistoryLimitMustBeNonNegativeTests
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
              revisionHistoryLimit: -3 # expect: DS1012 spec.revisionHistoryLimit
              selector: {matchLabels: {app: a}}
              template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
            """,
            RuleCatalog.DS1012_RevisionHistoryLimitMustBeNonNegative.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Invalid, "Invalid value: -3: must be greater than or equal to 0");
    }
}
