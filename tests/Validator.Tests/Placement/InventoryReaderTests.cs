using System.IO;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Placement;

namespace DaemonLint.Tests.Placement;

/// <summary>The streaming inventory reader: what it keeps, what it skips, where it points, and odd inputs.</summary>
public sealed class InventoryReaderTests
{
    private const string KubectlNodes = """
        apiVersion: v1
        items:
        - apiVersion: v1
          kind: Node
          metadata:
            annotations:
              node.alpha.kubernetes.io/ttl: "0"
            labels:
              kubernetes.io/hostname: ip-10-0-0-1
              pool: general
            name: ip-10-0-0-1
            resourceVersion: "123"
          spec:
            podCIDR: 10.244.0.0/24
            taints:
            - effect: NoSchedule
              key: dedicated
              value: infra
          status:
            allocatable:
              cpu: 3920m
              memory: 15Gi
              pods: "110"
            conditions:
            - type: Ready
              status: "True"
            images:
            - names: [registry.k8s.io/pause:3.9]
              sizeBytes: 321
        kind: List
        metadata:
          resourceVersion: ""
        """;

    [Fact]
    public void KeepsWhatPlacementReads_AndSkipsTheRest()
    {
        var result = InventoryReader.Read("nodes.yaml", KubectlNodes);
        Assert.Empty(result.Problems);
        var node = Assert.Single(result.Objects);
        Assert.True(node.IsNode);
        Assert.Equal(new[] { "apiVersion", "kind", "metadata", "spec", "status" }, node.Root.Entries.Select(e => e.Key).OrderBy(k => k));
        Assert.Equal(new[] { "labels", "name" }, ((MappingNode)node.Root["metadata"]!).Entries.Select(e => e.Key));
        Assert.Equal(new[] { "taints" }, ((MappingNode)node.Root["spec"]!).Entries.Select(e => e.Key));
        Assert.Equal(new[] { "allocatable" }, ((MappingNode)node.Root["status"]!).Entries.Select(e => e.Key));

        // Positions point into the file, and the object is item 0 of document 0.
        var inv = NodeInventory.FromObjects(result.Objects);
        Assert.Equal("ip-10-0-0-1", inv.Nodes[0].Name);
        Assert.Equal(3920, inv.Nodes[0].Allocatable.MilliCpu);
        Assert.Equal("dedicated=infra:NoSchedule", inv.Nodes[0].Taints[0].Display);
        Assert.Equal(0, node.ListItem);
        Assert.Equal(10, ((MappingNode)node.Root["metadata"]!).Map("labels")!["pool"]!.Span.Start.Line);
    }

    [Fact]
    public void ReadsTheSameObjectsAsTheManifestReader_WhereItKeepsThem()
    {
        var full = NodeInventory.FromObjects(PlacementTestKit.Objects(KubectlNodes));
        var streamed = NodeInventory.FromObjects(InventoryReader.Read("nodes.yaml", KubectlNodes).Objects);
        Assert.Equal(full.Nodes.Select(Describe), streamed.Nodes.Select(Describe));
    }

    [Fact]
    public void JsonList_WithItemsBeforeKind_IsAList()
    {
        var json = """{"apiVersion": "v1", "items": [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "x", "managedFields": [{"manager": "kubectl"}]}, "spec": {"nodeName": "n1", "containers": [{"name": "c", "image": "i", "resources": {"requests": {"cpu": "1"}}, "env": [{"name": "A"}]}]}, "status": {"phase": "Running"}}], "kind": "List", "metadata": {"resourceVersion": ""}}""";
        var result = InventoryReader.Read("pods.json", json);
        Assert.Empty(result.Problems);
        var pods = PodInventory.FromObjects(result.Objects);
        var pod = Assert.Single(pods.Pods);
        Assert.Equal("x/p", pod.DisplayName);
        Assert.Equal("n1", pod.NodeName);
        Assert.Equal(1000, pod.Requests.MilliCpu);
        Assert.Single(pods.OnNode("n1"));
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: List\nitems: []\n", 1)]
    [InlineData("{\"apiVersion\": \"v1\", \"items\": [], \"kind\": \"List\", \"metadata\": {\"resourceVersion\": \"\"}}", 1)]
    [InlineData("apiVersion: v1\nkind: NodeList\nitems: []\n---\napiVersion: v1\nkind: List\nitems: []\n", 2)]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nitems: []\n", 0)]
    [InlineData("", 0)]
    public void EmptyLists_AreCounted(string text, int emptyLists)
    {
        var result = InventoryReader.Read("x.yaml", text);
        Assert.Empty(result.Problems);
        Assert.Equal(emptyLists, result.EmptyLists);
    }

    [Fact]
    public void AliasesAndMergeKeys_AreFollowedInKeptFields()
    {
        var yaml = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Node
              metadata:
                name: a
                labels: &common {pool: general, zone: x}
              status: {allocatable: &alloc {cpu: "2", pods: "10"}}
            - apiVersion: v1
              kind: Node
              metadata:
                name: b
                labels:
                  <<: *common
                  zone: y
              status: {allocatable: *alloc}
            """;
        var inv = NodeInventory.FromObjects(InventoryReader.Read("n.yaml", yaml).Objects);
        Assert.Equal("general/y", inv.Nodes[1].Labels["pool"] + "/" + inv.Nodes[1].Labels["zone"]);
        Assert.Equal(2000, inv.Nodes[1].Allocatable.MilliCpu);
    }

    [Fact]
    public void AliasToASkippedPart_IsReadAsNull_WithAProblem()
    {
        var yaml = "apiVersion: v1\nkind: Node\nmetadata:\n  annotations: &a {x: y}\n  name: n\n  labels: *a\n";
        var result = InventoryReader.Read("n.yaml", yaml);
        var p = Assert.Single(result.Problems);
        Assert.Equal("DS9001", p.RuleId);
        Assert.Equal(6, p.Span.Start.Line);
        Assert.Single(result.Objects);
    }

    [Fact]
    public void DuplicateKeys_SyntaxErrors_AndDepth_AreProblems()
    {
        var dup = InventoryReader.Read("d.yaml", "apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n  name: b\n");
        Assert.Equal("DS9004", Assert.Single(dup.Problems).RuleId);
        Assert.Equal("b", dup.Objects[0].Name);

        // Duplicates inside skipped parts are not looked at.
        Assert.Empty(InventoryReader.Read("d.yaml", "apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n  annotations: {x: 1, x: 2}\n").Problems);

        var syntax = InventoryReader.Read("s.yaml", "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: a}\n");
        Assert.Equal("DS9001", Assert.Single(syntax.Problems).RuleId);

        var deep = InventoryReader.Read("deep.yaml", "a: " + new string('[', 300) + new string(']', 300) + "\n", DaemonLint.Yaml.ReaderLimits.Default with { MaxDepth = 64 });
        Assert.Equal("DS9006", Assert.Single(deep.Problems).RuleId);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Node\nmetadata:\n  name: \"\\UFFFFFFFF\"\n")]
    [InlineData("apiVersion: v1\nkind: Node\nmetadata:\n  annotations: {a: \"\\UFFFFFFFF\"}\n  name: n\n")]
    [InlineData("apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: a}\n  x: y\n")]
    public void WhateverTheParserThrows_IsASyntaxError(string text)
    {
        var result = InventoryReader.Read("bad.yaml", text);
        var p = Assert.Single(result.Problems);
        Assert.Equal("DS9001", p.RuleId);
        Assert.StartsWith("YAML syntax error: ", p.Message);
    }

    [Fact]
    public void ReadsFromAStream()
    {
        using var reader = new StringReader(KubectlNodes);
        Assert.Single(InventoryReader.Read("nodes.yaml", reader).Objects);
    }

    private static string Describe(NodeInfo n) =>
        $"{n.Name} [{string.Join(",", n.Labels.OrderBy(l => l.Key).Select(l => l.Key + "=" + l.Value))}] [{string.Join(",", n.Taints.Select(t => t.Display))}] {n.Unschedulable} {n.Allocatable}";
}
