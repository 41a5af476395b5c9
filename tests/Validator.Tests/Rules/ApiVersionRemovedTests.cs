using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class ApiVersionRemovedTests
{
    [Fact]
    public void Fires_WithServerMessage()
    {
        var f = RuleTestKit.Single(
            """
            apiVersion: extensions/v1beta1 # expect: DS6001 apiVersion
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              selector: {matchLabels: {app: a}}
              template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
            """,
            RuleCatalog.DS6001_ApiVersionRemoved.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Invalid, "Invalid value: \"extensions/v1beta1\": no matches for kind \"DaemonSet\" in version \"extensions/v1beta1\": removed in Kubernetes 1.16", "Use apiVersion: apps/v1");
    }
}
