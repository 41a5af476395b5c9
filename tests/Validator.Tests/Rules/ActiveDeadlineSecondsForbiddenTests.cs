using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class ActiveDeadlineSecondsForbiddenTests
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
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec:
                  activeDeadlineSeconds: 600 # expect: DS1010 spec.template.spec.activeDeadlineSeconds
                  containers: [{name: c, image: i}]
            """,
            RuleCatalog.DS1010_ActiveDeadlineSecondsForbidden.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Forbidden, "Forbidden: activeDeadlineSeconds in DaemonSet is not Supported", "Remove activeDeadlineSeconds: daemon pods run for the life of their node");
    }
}
