using System;
using System.IO;
using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests;

public sealed class PositionTests
{
    [Fact]
    public void EveryFindingOverAllFixtures_HasAKnownSpan()
    {
        var files = Directory.EnumerateFiles(RepoPaths.Fixtures, "*.yaml", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        var count = 0;
        foreach (var file in files)
        {
            foreach (var f in new ManifestValidator().ValidateText(file, File.ReadAllText(file)).Findings)
            {
                count++;
                Assert.True(f.Span.IsKnown && f.Span.Start.Column > 0, $"{Path.GetFileName(file)}: {f.RuleId} {f.Path} has no span");
            }
        }

        Assert.True(count > 100, $"only {count} findings over the fixtures");
    }

    [Theory]
    [InlineData("spec:\n  template:\n    spec: {}\n", "DS1002", 2, 3)] // no template metadata: at `template:`
    [InlineData("spec:\n  template:\n    metadata:\n      name: x\n", "DS1002", 3, 5)] // no labels: at `metadata:`
    [InlineData("spec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {annotations: {}}\n", "DS1001", 4, 5)]
    public void MissingField_PointsAtTheNearestExistingKey(string spec, string ruleId, int line, int column)
    {
        var text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\n" + spec;
        var f = Assert.Single(new ManifestValidator().ValidateText("ds.yaml", text).Findings, x => x.RuleId == ruleId);
        Assert.Equal((line + 3, column), (f.Span.Start.Line, f.Span.Start.Column));
    }

    [Fact]
    public void MissingName_PointsAtMetadata_AndMissingMetadata_AtTheFirstKey()
    {
        var withMeta = new ManifestValidator().ValidateText("a.yaml", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  namespace: x\nspec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}}}\n");
        Assert.Equal(3, Assert.Single(withMeta.Findings, f => f.RuleId == RuleCatalog.DS1006_NameMustBeValid.Id).Span.Start.Line);
        var noMeta = new ManifestValidator().ValidateText("a.yaml", "\n\napiVersion: apps/v1\nkind: DaemonSet\nspec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}}}\n");
        Assert.Equal(3, Assert.Single(noMeta.Findings, f => f.RuleId == RuleCatalog.DS1006_NameMustBeValid.Id).Span.Start.Line);
    }

    [Fact]
    public void FindingsAreOrderedByPosition()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "DS1017", "fires.yaml"));
        var findings = new ManifestValidator().ValidateText("t.yaml", text).Findings;
        var lines = findings.Select(f => f.Span.Start.Line).ToList();
        Assert.Equal(lines.OrderBy(l => l), lines);
    }

    [Fact]
    public void FieldPath_PrintsLikeKubectl()
    {
        var p = FieldPath.Root("spec").Child("template", "spec").Child("containers").Index(0).Child("image");
        Assert.Equal("spec.template.spec.containers[0].image", p.ToString());
        Assert.Equal("/spec/template/spec/containers/0/image", p.ToJsonPointer());
        var labels = FieldPath.Root("metadata").Child("labels").Key("app.kubernetes.io/name");
        Assert.Equal("metadata.labels[app.kubernetes.io/name]", labels.ToString());
        Assert.Equal("/metadata/labels/app.kubernetes.io~1name", labels.ToJsonPointer());
    }

    [Fact]
    public void FieldPath_JsonPointerEscapesTildeBeforeSlash()
    {
        var p = FieldPath.Root("metadata", "annotations").Key("a~/b");
        Assert.Equal("/metadata/annotations/a~0~1b", p.ToJsonPointer());
        Assert.Equal("/x~01", FieldPath.Root("x~1").ToJsonPointer());
    }

    [Theory]
    [InlineData("spec.template.spec.containers[0].image")]
    [InlineData("metadata.labels[app.kubernetes.io/name]")]
    [InlineData("spec.template.spec.tolerations[12].operator")]
    [InlineData("spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[3].values[0]")]
    [InlineData("kind")]
    public void FieldPath_ParseRoundTrips(string text)
    {
        var p = FieldPath.Parse(text);
        Assert.Equal(text, p.ToString());
        Assert.Equal(p, FieldPath.Parse(p.ToString()));
        Assert.Equal(p.GetHashCode(), FieldPath.Parse(text).GetHashCode());
    }

    [Fact]
    public void FieldPath_ParseDistinguishesIndexesAndKeys()
    {
        var p = FieldPath.Parse("a.b[3].c[key]");
        var segments = p.Segments();
        Assert.Equal(
            new[] { PathSegmentKind.Field, PathSegmentKind.Field, PathSegmentKind.Index, PathSegmentKind.Field, PathSegmentKind.Key },
            segments.Select(s => s.SegmentKind));
        Assert.Equal(3, segments[2].IndexValue);
        Assert.Equal("key", segments[4].Name);
        Assert.True(p.StartsWith(FieldPath.Parse("a.b[3]")));
        Assert.False(p.StartsWith(FieldPath.Parse("a.b[4]")));
        Assert.NotEqual(FieldPath.Root("a").Index(1), FieldPath.Root("a").Key("x"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[0]")]
    [InlineData("a[0")]
    public void FieldPath_ParseRejectsMalformedText(string text) => Assert.Throws<FormatException>(() => FieldPath.Parse(text));
}
