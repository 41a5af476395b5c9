using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class ApiVersionMustBeServedTests
{
    [Fact]
    public void Fires_WithServerMessage()
    {
        var f = RuleTestKit.Single(
            """
            apiVersion: apps/v2 # expect: DS1021 apiVersion
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              selector: {matchLabels: {app: a}}
              template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
            """,
            RuleCatalog.DS1021_ApiVersionMustBeServed.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Invalid, "Invalid value: \"apps/v2\": no matches for kind \"DaemonSet\" in version \"apps/v2\"", "DaemonSet is served as apps/v1");
    }
}
