using System.Collections.Generic;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Placement;

namespace DaemonLint.Tests.Placement;

/// <summary>The scheduler's resource arithmetic: pod requests, allocatable, host ports, and how amounts are printed.</summary>
public sealed class ResourceMathTests
{
    [Theory]
    [InlineData("containers: [{name: a, resources: {requests: {cpu: 100m, memory: 64Mi}}}, {name: b, resources: {requests: {cpu: 250m}}}]", 350, 64L << 20)]
    [InlineData("containers: [{name: a}]", 0, 0)]

    // Init containers: the larger of the sum and each init container (upstream doc example, memory in G).
    [InlineData("initContainers: [{name: i1, resources: {requests: {cpu: 2, memory: 1G}}}, {name: i2, resources: {requests: {cpu: 2, memory: 3G}}}]\ncontainers: [{name: c1, resources: {requests: {cpu: 2, memory: 1G}}}, {name: c2, resources: {requests: {cpu: 1, memory: 1G}}}]", 3000, 3_000_000_000L)]

    // A sidecar before a classic init container adds to it; the sidecar also adds to the running sum.
    [InlineData("initContainers: [{name: s, restartPolicy: Always, resources: {requests: {cpu: 1}}}, {name: i, resources: {requests: {cpu: 2}}}]\ncontainers: [{name: c, resources: {requests: {cpu: 1}}}]", 3000, 0)]

    // A sidecar after the classic init container does not add to it: max(1 + 1, 2) = 2.
    [InlineData("initContainers: [{name: i, resources: {requests: {cpu: 2}}}, {name: s, restartPolicy: Always, resources: {requests: {cpu: 1}}}]\ncontainers: [{name: c, resources: {requests: {cpu: 1}}}]", 2000, 0)]

    // Overhead is added after the max; pod-level requests replace the aggregate.
    [InlineData("overhead: {cpu: 250m}\ninitContainers: [{name: i, resources: {requests: {cpu: 1}}}]\ncontainers: [{name: c, resources: {requests: {cpu: 100m}}}]", 1250, 0)]
    [InlineData("resources: {requests: {cpu: 2, memory: 1Gi}}\ncontainers: [{name: c, resources: {requests: {cpu: 100m, memory: 10Mi}}}]", 2000, 1L << 30)]

    // Exact sums, rounded once per pod (MilliValue rounds up): 0.4m + 0.4m = 0.8m → 1m, not 2m.
    [InlineData("containers: [{name: a, resources: {requests: {cpu: 400u}}}, {name: b, resources: {requests: {cpu: 400u}}}]", 1, 0)]

    // A plain YAML number is a quantity too; memory 1.5 bytes rounds up to 2.
    [InlineData("containers: [{name: a, resources: {requests: {cpu: 0.5, memory: 1.5}}}]", 500, 2)]
    public void PodRequests_FollowComputePodResourceRequest(string podSpec, long milliCpu, long memory)
    {
        var problems = new List<ResourceProblem>();
        var r = ResourceMath.PodRequests(Spec(podSpec), FieldPath.Root("spec"), problems);
        Assert.Empty(problems);
        Assert.Equal(milliCpu, r.MilliCpu);
        Assert.Equal(memory, r.Memory);
    }

    [Fact]
    public void PodRequests_CountScalarResourcesOnly_AndReportBadQuantities()
    {
        var problems = new List<ResourceProblem>();
        var r = ResourceMath.PodRequests(
            Spec("containers: [{name: a, resources: {requests: {nvidia.com/gpu: 2, hugepages-1Gi: 2Gi, example.com/dongle: 1, storage: 1Gi, pods: 3, cpu: lots}}}]"),
            FieldPath.Root("spec"),
            problems);
        Assert.Equal(new[] { "example.com/dongle=1", "hugepages-1Gi=2147483648", "nvidia.com/gpu=2" }, r.Scalars.Select(kv => $"{kv.Key}={kv.Value}"));
        Assert.Equal(0, r.MilliCpu);
        var p = Assert.Single(problems);
        Assert.Equal("spec.containers[0].resources.requests[cpu]", p.Path.ToString());
        Assert.Contains("\"lots\" is not a quantity", p.Message);
    }

    [Fact]
    public void Allocatable_ReadsAsNewResource()
    {
        var node = Spec("allocatable: {cpu: 3920m, memory: 15Gi, pods: '110', ephemeral-storage: 95G, nvidia.com/gpu: '4', attachable-volumes-aws-ebs: '25', example.com/widget: '1', hugepages-2Mi: 0}");
        var r = ResourceMath.ReadAllocatable(node.Map("allocatable"), FieldPath.Root("status", "allocatable"), null);
        Assert.Equal(3920, r.MilliCpu);
        Assert.Equal(15L << 30, r.Memory);
        Assert.Equal(110, r.AllowedPodNumber);
        Assert.Equal(95_000_000_000, r.EphemeralStorage);
        Assert.Equal(4, r.Scalar("nvidia.com/gpu"));
        Assert.Equal(25, r.Scalar("attachable-volumes-aws-ebs"));
        Assert.Equal(1, r.Scalar("example.com/widget"));
        Assert.Equal(0, r.Scalar("hugepages-2Mi"));
    }

    [Fact]
    public void NodeWithoutAllocatable_AllowsNoPod_AndSaysSoInTheInventory()
    {
        var inv = NodeInventory.FromObjects(PlacementTestKit.Objects("""
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Node, metadata: {name: bare}}
            - {apiVersion: v1, kind: Node, metadata: {name: odd}, status: {allocatable: [cpu]}}
            - {apiVersion: v1, kind: Node, metadata: {name: broken}, status: {allocatable: {cpu: four, pods: '10'}}}
            """));
        Assert.False(inv.Nodes[0].HasAllocatable);
        Assert.Equal(0, inv.Nodes[0].Allocatable.AllowedPodNumber);
        Assert.False(inv.Nodes[1].HasAllocatable);
        Assert.True(inv.Nodes[2].HasAllocatable);
        Assert.Equal(10, inv.Nodes[2].Allocatable.AllowedPodNumber);
        Assert.Equal(new[] { "status.allocatable", "status.allocatable[cpu]" }, inv.Problems.Select(p => p.Path!.ToString()));
        Assert.All(inv.Problems, p => Assert.Equal("DS3008", p.RuleId));
    }

    [Theory]
    [InlineData("", "", 80, "", "", 80, true)]
    [InlineData("", "TCP", 80, "", "UDP", 80, false)]
    [InlineData("10.0.0.1", "TCP", 80, "", "TCP", 80, true)]
    [InlineData("10.0.0.1", "TCP", 80, "0.0.0.0", "TCP", 80, true)]
    [InlineData("10.0.0.1", "TCP", 80, "10.0.0.2", "TCP", 80, false)]
    [InlineData("10.0.0.1", "TCP", 80, "10.0.0.1", "", 80, true)]
    [InlineData("::", "TCP", 80, "10.0.0.1", "TCP", 80, false)]
    [InlineData("", "SCTP", 80, "", "SCTP", 81, false)]
    public void HostPorts_ConflictAsCheckConflictDecides(string ipA, string protoA, int portA, string ipB, string protoB, int portB, bool conflict)
    {
        var a = new HostPort(ipA, protoA, portA);
        var b = new HostPort(ipB, protoB, portB);
        Assert.Equal(conflict, a.ConflictsWith(b));
        Assert.Equal(conflict, b.ConflictsWith(a));
    }

    [Fact]
    public void HostPorts_OfATemplate_DefaultHostNetworkPorts_AndCountSidecars()
    {
        var spec = Spec("""
            hostNetwork: true
            initContainers:
            - {name: setup, ports: [{containerPort: 7000}]}
            - {name: proxy, restartPolicy: Always, ports: [{containerPort: 15001}]}
            containers:
            - {name: c, ports: [{containerPort: 9100}, {containerPort: 9101, hostPort: 19101, protocol: UDP}, {containerPort: 53, hostIP: 127.0.0.1}]}
            """);
        Assert.Equal(new[] { "15001/TCP", "9100/TCP", "19101/UDP", "127.0.0.1:53/TCP" }, ResourceMath.HostPorts(spec, defaultHostNetwork: true).Select(p => p.ToString()));

        // Pods read from a cluster are already defaulted: a port without hostPort holds nothing.
        Assert.Equal(new[] { "19101/UDP" }, ResourceMath.HostPorts(spec, defaultHostNetwork: false).Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("cpu", 500, "500m")]
    [InlineData("cpu", 4000, "4")]
    [InlineData("cpu", 3920, "3920m")]
    [InlineData("memory", 536870912, "512Mi")]
    [InlineData("memory", 10_000_000_000, "10G")]
    [InlineData("memory", 3_000_000_000, "3G")]
    [InlineData("memory", 16_645_292_032, "15.5Gi")]
    [InlineData("memory", 1000, "1k")]
    [InlineData("memory", 999, "999")]
    [InlineData("nvidia.com/gpu", 2, "2")]
    public void Amounts_PrintExactlyWhenTheyCan(string resource, long amount, string text) =>
        Assert.Equal(text, ResourceText.Format(resource, amount));

    private static MappingNode Spec(string yaml) => (MappingNode)PlacementTestKit.Objects("apiVersion: v1\nkind: X\n" + "spec:\n" + string.Join("\n", yaml.Split('\n').Select(l => "  " + l))).Single().Root["spec"]!;
}
