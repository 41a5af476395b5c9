using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class SelectorRequiredTests
{
    [Fact]
    public void MissingSelector_ReportsMismatchWithSuggestion()
    {
        var f = RuleTestKit.Single(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              template:
                metadata:
                  labels: {app: agent} # expect: DS1002 spec.template.metadata.labels
                spec: {containers: [{name: c, image: i}]}
            """,
            RuleCatalog.DS1002_SelectorRequired.Id);
        RuleTestKit.AssertFinding(
            f,
            FindingKind.Invalid,
            "Invalid value: {app: \"agent\"}: `selector` does not match template `labels`: spec.selector is required in apps/v1 (it is no longer defaulted from the template labels, and a missing selector matches nothing)", "Add spec.selector.matchLabels with the template labels, e.g. {app: \"agent\"}");
    }

    [Fact]
    public void MissingSelectorAndTemplateMetadata_PointsAtTemplateKey()
    {
        var f = RuleTestKit.Single(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              template: # expect: DS1002 spec.template.metadata.labels
            # ^^^^^^^^
                spec: {containers: [{name: c, image: i}]}
            """,
            RuleCatalog.DS1002_SelectorRequired.Id);
        Assert.Equal(5, f.Span.Start.Line);
        Assert.Equal(3, f.Span.Start.Column);
    }
}
