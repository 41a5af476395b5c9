using System.Linq;
using DaemonLint.Placement;
using static DaemonLint.Tests.Placement.PlacementTestKit;

namespace DaemonLint.Tests.Placement;

/// <summary>Reading nodes from <c>kubectl get nodes</c> output: YAML List, JSON List, single Node; bad nodes give DS3008, not crashes.</summary>
public sealed class NodeInventoryTests
{
    [Fact]
    public void YamlList_IsRead()
    {
        var inv = NodeInventory.FromObjects(Objects("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Node
              metadata: {name: a, labels: {zone: x, empty: ""}}
              spec:
                unschedulable: true
                taints: [{key: k, value: v, effect: NoSchedule}, {key: nx, effect: NoExecute, timeAdded: "2024-01-01T00:00:00Z"}]
              status:
                conditions: [{type: Ready, status: "False"}]
            - apiVersion: v1
              kind: Node
              metadata: {name: b}
            """));
        Assert.Empty(inv.Problems.Select(p => p.Path + ": " + p.Message));
        Assert.Equal(new[] { "a", "b" }, inv.Nodes.Select(n => n.Name));
        var a = inv.Nodes[0];
        Assert.Equal("x", a.Labels["zone"]);
        Assert.Equal(string.Empty, a.Labels["empty"]);
        Assert.True(a.Unschedulable);
        Assert.Equal(new[] { "k=v:NoSchedule", "nx:NoExecute" }, a.Taints.Select(t => t.Display));
    }

    [Fact]
    public void JsonList_IsRead()
    {
        var inv = NodeInventory.FromObjects(Objects("""
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "j1", "labels": {"kubernetes.io/hostname": "j1"}},
               "spec": {"taints": [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]}}]}
            """));
        Assert.Empty(inv.Problems);
        Assert.Equal("node-role.kubernetes.io/control-plane:NoSchedule", inv.Nodes.Single().Taints.Single().Display);
    }

    [Fact]
    public void NotReadyNodeWithoutTaints_GetsAPod()
    {
        // Case 079: conditions are never read; only taints count.
        var inv = NodeInventory.FromObjects(Objects("""
            apiVersion: v1
            kind: Node
            metadata: {name: nr}
            status:
              conditions: [{type: Ready, status: "False"}, {type: MemoryPressure, status: "True"}]
            """));
        Assert.True(PlacementPlan.Compile(DaemonSet(string.Empty)).Decide(inv.Nodes.Single()).ShouldRun);
    }

    [Fact]
    public void InvalidNodes_GiveFindingsNotCrashes()
    {
        var inv = NodeInventory.FromObjects(Objects("""
            apiVersion: v1
            kind: Node
            metadata: {labels: {a: b}}
            ---
            apiVersion: v1
            kind: Node
            metadata:
              name: bad-parts
              labels: {enabled: true, nested: {x: y}}
            spec:
              taints:
              - just-a-string
              - {key: k, effect: Sometimes}
              - {effect: NoSchedule}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: bad-parts}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: taints-not-a-list}
            spec: {taints: {key: k}}
            ---
            apiVersion: v2
            kind: Node
            metadata: {name: wrong-version}
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ignored}
            """));
        Assert.Equal(new[] { "bad-parts", "taints-not-a-list" }, inv.Nodes.Select(n => n.Name));
        Assert.All(inv.Problems, p => Assert.Equal("DS3008", p.RuleId));
        var paths = inv.Problems.Select(p => p.Path!.ToString()).ToList();
        Assert.Equal(
            new[] { "metadata", "metadata.labels[enabled]", "metadata.labels[nested]", "spec.taints[0]", "spec.taints[1].effect", "spec.taints[2]", "metadata.name", "spec.taints", "apiVersion" },
            paths);
        Assert.All(inv.Problems, p => Assert.True(p.Span.Start.Line > 0));
        Assert.Equal("true", inv.Nodes[0].Labels["enabled"]);
    }
}
