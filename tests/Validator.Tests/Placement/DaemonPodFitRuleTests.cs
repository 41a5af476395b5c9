using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Placement;
using static DaemonLint.Tests.Placement.PlacementTestKit;

namespace DaemonLint.Tests.Placement;

/// <summary>DS3009 with a pod inventory (free capacity and host ports), which the YAML fixtures (allocatable only) do not cover.</summary>
public sealed class DaemonPodFitRuleTests
{
    private const string Inventory = """
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: v1, kind: Node, metadata: {name: a, labels: {pool: web}}, status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}}
        - {apiVersion: v1, kind: Node, metadata: {name: b, labels: {pool: web}}, status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}}
        - {apiVersion: v1, kind: Node, metadata: {name: c, labels: {pool: db}}, status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}}
        """;

    private const string Pods = """
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: v1, kind: Pod, metadata: {name: web-1, namespace: shop}, spec: {nodeName: a, containers: [{name: c, resources: {requests: {cpu: 3800m}}}]}, status: {phase: Running}}
        - {apiVersion: v1, kind: Pod, metadata: {name: done, namespace: shop}, spec: {nodeName: b, containers: [{name: c, resources: {requests: {cpu: "4"}}}]}, status: {phase: Succeeded}}
        - {apiVersion: v1, kind: Pod, metadata: {name: exporter-x, namespace: mon}, spec: {nodeName: c, containers: [{name: c, ports: [{containerPort: 9100, hostPort: 9100}]}]}, status: {phase: Running}}
        """;

    [Fact]
    public void WithPods_FreeCapacityAndHostPortsCount()
    {
        var findings = Validate("""
            hostNetwork: true
            containers:
            - name: c
              image: e:1
              ports: [{containerPort: 9100}]
              resources: {requests: {cpu: 500m}}
            """, withPods: true);
        Assert.Equal(
            new[]
            {
                "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: the daemon pod stays Pending on 1 of the 3 node(s) that should run it: node(s) didn't have free ports for the requested pod ports (e.g. c: held by pod mon/exporter-x), checked against allocatable minus what the pods already on each node request [hint: Choose another host port, or move the pod that holds it]",
                "spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: the daemon pod stays Pending on 1 of the 3 node(s) that should run it: Insufficient cpu (e.g. a: requests 500m, free 200m of 4), checked against allocatable minus what the pods already on each node request [hint: Request less, or leave room on those nodes; a higher priorityClassName lets the scheduler preempt lower-priority pods]",
            }.Aggregate((a, b) => a + "\n" + b),
            string.Join("\n", findings));
    }

    [Fact]
    public void WithoutPods_OnlyAllocatableCounts()
    {
        // The same DaemonSet fits every empty node: nothing to report.
        Assert.Empty(Validate("containers: [{name: c, image: e:1, ports: [{containerPort: 9100, hostPort: 9100}], resources: {requests: {cpu: 500m}}}]", withPods: false));
        var findings = Validate("nodeSelector: {pool: web}\ncontainers: [{name: c, image: e:1, resources: {requests: {cpu: \"6\"}}}]", withPods: false);
        var f = Assert.Single(findings);
        Assert.Contains("on 2 of the 2 node(s) that should run it: Insufficient cpu (e.g. a: requests 6, free 4 of 4), checked against allocatable (an empty node; give --pods to count the pods already there); it fits none of them", f);
    }

    [Fact]
    public void NamesTheGroupsItFitsNoneOf()
    {
        // Two affinity terms split the nodes into a web group and a db group; with the pods, both web nodes are full.
        const string Full = """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Pod, metadata: {name: w1, namespace: x}, spec: {nodeName: a, containers: [{name: c, resources: {requests: {cpu: "4"}}}]}, status: {phase: Running}}
            - {apiVersion: v1, kind: Pod, metadata: {name: w2, namespace: x}, spec: {nodeName: b, containers: [{name: c, resources: {requests: {cpu: "4"}}}]}, status: {phase: Running}}
            """;
        var f = Assert.Single(Validate(
            "affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n      - matchExpressions: [{key: pool, operator: In, values: [web]}]\n      - matchExpressions: [{key: pool, operator: In, values: [db]}]\ncontainers: [{name: c, image: e:1, resources: {requests: {cpu: 1}}}]",
            withPods: true,
            pods: Full));
        Assert.Contains("on 2 of the 3 node(s) that should run it: Insufficient cpu (e.g. a: requests 1, free 0 of 4)", f);
        Assert.Contains("; it fits no node of 2 node(s) (pool=web) [hint: ", f);
    }

    [Fact]
    public void NodeNameTemplates_AreRejectedByTheKubelet()
    {
        var f = Assert.Single(Validate("nodeName: a\ncontainers: [{name: c, image: e:1, resources: {requests: {cpu: 500m}}}]", withPods: true));
        Assert.Contains("the kubelet rejects the daemon pod (spec.nodeName skips the scheduler) on 1 of the 1 node(s)", f);
    }

    [Fact]
    public void CapacityModel_IsBuiltOncePerInventory()
    {
        var inventory = NodeInventory.FromObjects(Objects(Inventory)).WithPods(PodInventory.FromObjects(Objects(Pods)));
        Assert.Same(inventory.Capacity, inventory.Capacity);
        Assert.Null(NodeInventory.FromObjects(Objects("apiVersion: v1\nkind: Node\nmetadata: {name: x}\n")).Capacity);
    }

    private static string[] Validate(string podSpec, bool withPods, string pods = Pods)
    {
        var inventory = NodeInventory.FromObjects(Objects(Inventory));
        if (withPods)
        {
            inventory.WithPods(PodInventory.FromObjects(Objects(pods)));
        }

        var report = new ManifestValidator(new ValidatorOptions { Nodes = inventory }).ValidateText("ds.yaml", Text(podSpec));
        return report.Findings.Where(f => f.RuleId == "DS3009").Select(f => $"{f.Path}: {f.Message} [hint: {f.Hint}]").ToArray();
    }

    private static string Text(string podSpec) =>
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: t, namespace: ns}\nspec:\n  selector: {matchLabels: {app: t}}\n  template:\n    metadata: {labels: {app: t}}\n    spec:\n"
        + string.Join("\n", podSpec.Replace("\r\n", "\n").Split('\n').Select(l => "      " + l)) + "\n";
}
