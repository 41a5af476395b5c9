using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class TolerationMustBeValidTests
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
                  containers: [{name: c, image: i}]
                  tolerations:
                    - key: k
                      operator: Exists
                      effect: NoSchedule # expect: DS1017 spec.template.spec.tolerations[0].effect
                      tolerationSeconds: 30
            """,
            RuleCatalog.DS1017_TolerationMustBeValid.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Invalid, "Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set", "tolerationSeconds only bounds how long a NoExecute taint is tolerated; set effect: NoExecute or remove tolerationSeconds");
    }
}
