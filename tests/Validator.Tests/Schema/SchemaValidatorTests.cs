using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Model;
using DaemonLint.Schema;
using DaemonLint.Yaml;

namespace DaemonLint.Tests.Schema;

public sealed class SchemaValidatorTests
{
    private static readonly SourceSpan Nowhere = SourceSpan.None;

    [Fact]
    public void UnknownValues_AreNotReported()
    {
        // What the C# front end builds for: new V1DaemonSet { Spec = new V1DaemonSetSpec { MinReadySeconds = Compute(), Template = template } }
        var root = Map(
            ("apiVersion", Str("apps/v1")),
            ("kind", Str("DaemonSet")),
            ("spec", Map(
                ("minReadySeconds", new UnknownNode(Nowhere)),
                ("template", new UnknownNode(Nowhere)),
                ("selector", new MappingNode(Nowhere, Array.Empty<MappingEntry>(), hasUnknownEntries: true)))));

        Assert.Empty(SchemaValidator.Validate(root, SchemaSet.Kubernetes.ForKind("apps/v1", "DaemonSet")!));
    }

    [Fact]
    public void Node_IsValidatedToo()
    {
        var node = Read(
            """
            apiVersion: v1
            kind: Node
            metadata:
              name: n1
              labels: {kubernetes.io/os: linux}
            spec:
              taints:
                - {key: dedicated, value: gpu, effect: NoSchedule}
              unschedulabel: true
            status:
              capacity: {cpu: 4, memory: 16Gi, pods: "110"}
            """).Single();

        var issue = Assert.Single(SchemaValidator.Validate(node.Root, SchemaSet.Kubernetes.ForKind("v1", "Node")!));
        Assert.Equal(SchemaIssueKind.UnknownField, issue.Kind);
        Assert.Equal("spec.unschedulabel", issue.Path.ToString());
        Assert.Equal("did you mean \"unschedulable\"?", issue.Hint);
    }

    [Fact]
    public void WrongTypedValue_IsReportedOnce_AndNotDescendedInto()
    {
        var ds = Read(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              template:
                spec:
                  containers:
                    name: c
                    imagePullPolice: Always
            """).Single();

        var issue = Assert.Single(SchemaValidator.Validate(ds.Root, SchemaSet.Kubernetes.ForKind("apps/v1", "DaemonSet")!));
        Assert.Equal(SchemaIssueKind.WrongType, issue.Kind);
        Assert.Equal("spec.template.spec.containers", issue.Path.ToString());
    }

    [Fact]
    public void PreserveUnknownFields_AcceptsAnything_AndEnumsAreNotEnforced()
    {
        var set = SchemaSet.Parse(
            """
            {"definitions": {
              "x.v1.Thing": {"type": "object", "additionalProperties": false,
                "x-kubernetes-group-version-kind": [{"group": "x", "version": "v1", "kind": "Thing"}],
                "properties": {
                  "apiVersion": {"type": "string"},
                  "kind": {"type": "string"},
                  "config": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                  "mode": {"type": "string", "enum": ["A", "B"]}}}}}
            """);
        var thing = Read(
            """
            apiVersion: x/v1
            kind: Thing
            config: {anything: [1, yes, {deep: true}]}
            mode: C
            other: 1
            """).Single();

        var issue = Assert.Single(SchemaValidator.Validate(thing.Root, set.ForKind("x/v1", "Thing")!));
        Assert.Equal("other", issue.Path.ToString());
        Assert.Equal(new[] { "A", "B" }, set.Definition("x.v1.Thing")!.Properties["mode"].Enum);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("500m", true)]
    [InlineData("0.5", true)]
    [InlineData("128Mi", true)]
    [InlineData("1e3", true)]
    [InlineData("1E-2", true)]
    [InlineData("+2.5G", true)]
    [InlineData("-1", true)]
    [InlineData(" 64Mi ", true)]
    [InlineData("1.", true)]
    [InlineData("", false)]
    [InlineData("abc", false)]
    [InlineData("1 Gi", false)]
    [InlineData("512MB", false)]
    [InlineData("1.5.5", false)]
    [InlineData("100mi", false)]
    [InlineData("1e", false)]
    [InlineData("true", false)]
    public void QuantitySyntax_FollowsParseQuantity(string text, bool valid) =>
        Assert.Equal(valid, QuantitySyntax.Check(text) is null);

    private static IEnumerable<ManifestObject> Read(string yaml) =>
        YamlManifestReader.ReadDocuments("test.yaml", yaml).SelectMany(d => d.Objects).ToList();

    private static MappingNode Map(params (string Key, ManifestNode Value)[] entries) =>
        new(Nowhere, entries.Select(e => new MappingEntry(e.Key, Nowhere, e.Value)).ToList());

    private static ScalarNode Str(string s) => new(Nowhere, s, ScalarType.String, quoted: true);
}
