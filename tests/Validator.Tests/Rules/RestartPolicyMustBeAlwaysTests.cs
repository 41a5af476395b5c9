using System.Linq;
using DaemonLint.Catalog;

namespace DaemonLint.Tests.Rules;

public sealed class RestartPolicyMustBeAlwaysTests
{
    [Fact]
    public void OnFailure_Triggers_WithServerMessageAndFix()
    {
        var findings = FixtureVerifier.VerifyText(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec:
                  restartPolicy: OnFailure # expect: DS1009 spec.template.spec.restartPolicy
                  containers: [{name: c, image: i}]
            """);
        var f = findings.Single(x => x.RuleId == RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id);
        Assert.Equal(
            "Unsupported value: \"OnFailure\": supported values: \"Always\"",
            f.Message);
        Assert.Equal("DaemonSet pods must restart Always; remove restartPolicy or set it to Always", f.Hint);
        Assert.Equal(Model.FindingKind.NotSupported, f.Kind);
    }
}
