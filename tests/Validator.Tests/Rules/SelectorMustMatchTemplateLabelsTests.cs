using System.Collections.Generic;
using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Tests.Rules;

public sealed class SelectorMustMatchTemplateLabelsTests
{
    [Fact]
    public void ValueMismatch_ReportsServerMessageOnTemplateLabels()
    {
        var f = RuleTestKit.Single(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata:
                  labels: {app: agnet} # expect: DS1001 spec.template.metadata.labels
                spec: {containers: [{name: c, image: i}]}
            """,
            RuleCatalog.DS1001_SelectorMustMatchTemplateLabels.Id);
        RuleTestKit.AssertFinding(
            f,
            FindingKind.Invalid,
            "Invalid value: {app: \"agnet\"}: `selector` does not match template `labels`", "The template has app=agnet, the selector wants app=agent; make spec.selector select spec.template.metadata.labels");
        Assert.Equal("{app: \"agnet\"}", f.BadValue);
    }

    [Fact]
    public void InvalidSelector_OnlyDS1004IsReported()
    {
        var findings = FixtureVerifier.VerifyText(
            """
            # rules: DS1001
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              selector:
                matchExpressions:
                  - {key: app, operator: In} # expect: DS1004 spec.selector.matchExpressions[0].values
              template:
                metadata: {labels: {other: x}}
                spec: {containers: [{name: c, image: i}]}
            """);
        Assert.Equal(new[] { RuleCatalog.DS1004_LabelSelectorMustBeValid.Id }, findings.Select(f => f.RuleId).Distinct());
    }

    [Fact]
    public void UnknownTemplateLabels_ReportNothing()
    {
        // What the C# front end produces when the labels come from a method call: the rule cannot tell, so it is silent.
        var doc = YamlManifestReader.ReadDocuments("ds.yaml",
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {}}
                spec: {containers: [{name: c, image: i}]}
            """).Single();
        var obj = doc.Objects.Single();
        var replaced = new ManifestObject(Replace(obj.Root, new[] { "spec", "template", "metadata", "labels" }, new UnknownNode(obj.Root.Span)));
        var withEmpty = new List<Finding>();
        new ManifestValidator().ValidateObject(obj, null, withEmpty);
        var withUnknown = new List<Finding>();
        new ManifestValidator().ValidateObject(replaced, null, withUnknown);

        Assert.Contains(withEmpty, f => f.RuleId == RuleCatalog.DS1001_SelectorMustMatchTemplateLabels.Id);
        Assert.DoesNotContain(withUnknown, f => f.RuleId == RuleCatalog.DS1001_SelectorMustMatchTemplateLabels.Id);
    }

    internal static MappingNode Replace(MappingNode map, string[] path, ManifestNode value, int at = 0)
    {
        var entries = map.Entries.Select(e =>
            e.Key != path[at] ? e
            : new MappingEntry(e.Key, e.KeySpan, at == path.Length - 1 ? value : Replace((MappingNode)e.Value, path, value, at + 1))).ToList();
        return new MappingNode(map.Span, entries);
    }
}
