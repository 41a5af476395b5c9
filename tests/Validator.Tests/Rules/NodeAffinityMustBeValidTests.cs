using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class NodeAffinityMustBeValidTests
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
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms: [] # expect: DS1019 spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms
            """,
            RuleCatalog.DS1019_NodeAffinityMustBeValid.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Required, "Required value: must have at least one node selector term", "An empty list is rejected; remove requiredDuringSchedulingIgnoredDuringExecution to run on every node");
    }
}
