using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class LabelsMustBeValidTests
{
    [Fact]
    public void Fires_WithServerMessage()
    {
        var f = RuleTestKit.Single(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: ds
              labels:
                abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghi: x # expect: DS1007 metadata.labels
            spec:
              selector: {matchLabels: {app: a}}
              template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}
            """,
            RuleCatalog.DS1007_LabelsMustBeValid.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Invalid, "Invalid value: \"abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghi\": name part must be no more than 63 characters");
    }
}
