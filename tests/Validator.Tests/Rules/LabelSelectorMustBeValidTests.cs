using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

public sealed class LabelSelectorMustBeValidTests
{
    private const string Template = "  template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}\n";

    [Fact]
    public void BadOperator_ReportsOnOperator()
    {
        var f = RuleTestKit.Single(
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector:\n    matchExpressions:\n"
            + "      - {key: app, operator: Equals, values: [a]} # expect: DS1004 spec.selector.matchExpressions[0].operator\n" + Template,
            RuleCatalog.DS1004_LabelSelectorMustBeValid.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Invalid, "Invalid value: \"Equals\": not a valid selector operator");
    }

    [Fact]
    public void MissingValues_IsRequired()
    {
        var f = RuleTestKit.Single(
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector:\n    matchExpressions:\n"
            + "      - {key: app, operator: NotIn} # expect: DS1004 spec.selector.matchExpressions[0].values\n" + Template,
            RuleCatalog.DS1004_LabelSelectorMustBeValid.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Required, "Required value: must be specified when `operator` is 'In' or 'NotIn'");
    }

    [Fact]
    public void ValuesWithExists_AreForbidden()
    {
        var f = RuleTestKit.Single(
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector:\n    matchExpressions:\n"
            + "      - {key: app, operator: DoesNotExist, values: [a]} # expect: DS1004 spec.selector.matchExpressions[0].values\n" + Template,
            RuleCatalog.DS1004_LabelSelectorMustBeValid.Id);
        RuleTestKit.AssertFinding(f, FindingKind.Forbidden, "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    }

    [Fact]
    public void KeyWithTwoSlashes_GetsTheSingleWholeKeyMessage()
    {
        var f = RuleTestKit.Single(
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector:\n    matchLabels:\n"
            + "      a/b/c: x # expect: DS1004 spec.selector.matchLabels\n" + Template,
            RuleCatalog.DS1004_LabelSelectorMustBeValid.Id);
        RuleTestKit.AssertFinding(
            f,
            FindingKind.Invalid,
            "Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    }
}
