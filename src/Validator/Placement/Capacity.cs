using System;
using System.Collections.Generic;
using System.Text;
using DaemonLint.Model;

namespace DaemonLint.Placement;

/// <summary>Whether the daemon pod the controller creates on a node can be bound there.</summary>
public enum FitStatus : byte
{
    /// <summary>Not checked: the controller creates no pod there, or no capacity data was given.</summary>
    NotChecked,

    /// <summary>The scheduler's NodePorts and NodeResourcesFit filters pass.</summary>
    Fits,

    /// <summary>A filter fails: the pod stays Pending (or, with <c>spec.nodeName</c>, the kubelet rejects it).</summary>
    Pending,
}

/// <summary>Which filter failed.</summary>
public enum FitReasonKind : byte
{
    /// <summary>NodePorts: another pod, or another DaemonSet of the run, holds the host port.</summary>
    HostPort,

    /// <summary>NodeResourcesFit: the node already runs <c>allocatable.pods</c> pods.</summary>
    TooManyPods,

    /// <summary>NodeResourcesFit: the free amount of a resource is less than the pod requests.</summary>
    InsufficientResource,
}

/// <summary>One reason a daemon pod does not fit, with the numbers.</summary>
public sealed class FitReason
{
    internal FitReason(FitReasonKind kind, string resource, long requested, long used, long capacity, HostPort port = default, string? heldBy = null)
    {
        this.Kind = kind;
        this.Resource = resource;
        this.Requested = requested;
        this.Used = used;
        this.Capacity = capacity;
        this.Port = port;
        this.HeldBy = heldBy;
    }

    /// <summary>Gets the kind.</summary>
    public FitReasonKind Kind { get; }

    /// <summary>Gets the resource (<c>cpu</c>, <c>memory</c>, <c>pods</c>, a scalar name) or the port as text.</summary>
    public string Resource { get; }

    /// <summary>Gets what the daemon pod requests (1 for pods; millicores for cpu).</summary>
    public long Requested { get; }

    /// <summary>Gets what the pods already on the node request (the pod count for pods).</summary>
    public long Used { get; }

    /// <summary>Gets the node's allocatable amount.</summary>
    public long Capacity { get; }

    /// <summary>Gets the conflicting port, for <see cref="FitReasonKind.HostPort"/>.</summary>
    public HostPort Port { get; }

    /// <summary>Gets who holds the port: a pod (<c>ns/name</c>) or a DaemonSet of the run.</summary>
    public string? HeldBy { get; }

    /// <summary>Gets the scheduler's wording: <c>Insufficient cpu</c>, <c>Too many pods</c>, or (NodePorts) <c>node(s) didn't have free ports for the requested pod ports</c>.</summary>
    public string SchedulerReason => this.Kind switch
    {
        FitReasonKind.HostPort => "node(s) didn't have free ports for the requested pod ports",
        FitReasonKind.TooManyPods => "Too many pods",
        _ => "Insufficient " + this.Resource,
    };

    /// <summary>Gets a short code: <c>Insufficient cpu</c>, <c>Too many pods</c>, <c>HostPort 9100/TCP</c>.</summary>
    public string Code => this.Kind == FitReasonKind.HostPort ? "HostPort " + this.Port : this.SchedulerReason;

    /// <summary>Gets the reason with numbers: <c>Insufficient cpu (requests 500m, free 200m of 4)</c>.</summary>
    public string Text => this.Kind switch
    {
        FitReasonKind.HostPort => $"host port {this.Port} is {this.Numbers}",
        _ => $"{this.SchedulerReason} ({this.Numbers})",
    };

    /// <summary>Gets the numbers alone: <c>requests 500m, free 200m of 4</c>, <c>110 of 110 already</c>, <c>held by pod ns/name</c>.</summary>
    public string Numbers => this.Kind switch
    {
        FitReasonKind.HostPort => "held by " + this.HeldBy,
        FitReasonKind.TooManyPods => this.Capacity == 0
            ? "the node allows 0: it reports no allocatable pods"
            : $"{Num.S(this.Used)} of {Num.S(this.Capacity)} already",
        _ => $"requests {ResourceText.Format(this.Resource, this.Requested)}, free {ResourceText.Format(this.Resource, Math.Max(0, this.Capacity - this.Used))} of {ResourceText.Format(this.Resource, this.Capacity)}",
    };

    /// <inheritdoc />
    public override string ToString() => this.Text;
}

/// <summary>Why a daemon pod does not fit a node: the reasons of the first failing filter, as the scheduler reports them.</summary>
public sealed class FitProblem
{
    internal FitProblem(List<FitReason> reasons, bool bypassesScheduler)
    {
        this.Reasons = reasons;
        this.BypassesScheduler = bypassesScheduler;
        var sb = new StringBuilder(bypassesScheduler ? "Rejected by the kubelet: " : "Pending: ");
        for (var i = 0; i < reasons.Count; i++)
        {
            sb.Append(i == 0 ? string.Empty : "; ").Append(reasons[i].Text);
        }

        this.Text = sb.ToString();
    }

    /// <summary>Gets the reasons (one per port in conflict, or one per insufficient resource; never empty).</summary>
    public IReadOnlyList<FitReason> Reasons { get; }

    /// <summary>Gets a value indicating whether the template sets <c>nodeName</c>: the pod skips the scheduler and the kubelet's admission rejects it (Failed, then re-created with back-off).</summary>
    public bool BypassesScheduler { get; }

    /// <summary>
    /// Gets the reasons as a short code: <c>Insufficient cpu</c>, <c>Insufficient cpu, memory</c>,
    /// <c>Too many pods, Insufficient cpu</c>, <c>HostPort 9100/TCP</c>.
    /// </summary>
    public string Code
    {
        get
        {
            var sb = new StringBuilder();
            var insufficient = false;
            foreach (var r in this.Reasons)
            {
                if (r.Kind == FitReasonKind.InsufficientResource)
                {
                    sb.Append(sb.Length == 0 ? string.Empty : ", ").Append(insufficient ? r.Resource : r.Code);
                    insufficient = true;
                }
                else
                {
                    sb.Append(sb.Length == 0 ? string.Empty : ", ").Append(r.Code);
                }
            }

            return sb.ToString();
        }
    }

    /// <summary>Gets the whole text: <c>Pending: Insufficient cpu (requests 500m, free 200m of 4)</c>.</summary>
    public string Text { get; }

    /// <summary>Gets what follows the code when the code is already said: the numbers of a single reason, else every reason.</summary>
    public string Details => this.Reasons.Count == 1 ? this.Reasons[0].Numbers : string.Join("; ", System.Linq.Enumerable.Select(this.Reasons, r => r.Text));

    /// <inheritdoc />
    public override string ToString() => this.Text;
}

/// <summary>The capacity verdict for one DaemonSet on one node (8 bytes of status and a reference, allocated only on a misfit).</summary>
public readonly struct FitVerdict
{
    internal FitVerdict(FitStatus status, FitProblem? problem)
    {
        this.Status = status;
        this.Problem = problem;
    }

    /// <summary>Gets the status.</summary>
    public FitStatus Status { get; }

    /// <summary>Gets why the pod does not fit, for <see cref="FitStatus.Pending"/>.</summary>
    public FitProblem? Problem { get; }
}

/// <summary>What the controller's pod for a DaemonSet asks of a node: requests, host ports, and whether old pods overlap new ones.</summary>
public sealed class DaemonPod
{
    private DaemonPod(string key, SchedulerResources requests, HostPort[] ports, bool surges, bool bypassesScheduler, List<ResourceProblem> problems)
    {
        this.Key = key;
        this.Requests = requests;
        this.Ports = ports;
        this.Surges = surges;
        this.BypassesScheduler = bypassesScheduler;
        this.Problems = problems;
    }

    /// <summary>Gets the DaemonSet as <c>namespace/name</c> (matched against the owner of existing pods).</summary>
    public string Key { get; }

    /// <summary>Gets the requests the scheduler counts (<see cref="ResourceMath.PodRequests"/>).</summary>
    public SchedulerResources Requests { get; }

    /// <summary>Gets the host ports, after the hostNetwork defaulting pods get.</summary>
    public IReadOnlyList<HostPort> Ports { get; }

    /// <summary>Gets a value indicating whether a rolling update surges (maxSurge &gt; 0): the new pod starts beside the old one, so the old one still counts.</summary>
    public bool Surges { get; }

    /// <summary>Gets a value indicating whether the template sets <c>nodeName</c>.</summary>
    public bool BypassesScheduler { get; }

    /// <summary>Gets quantities of the template that could not be read (they count as 0).</summary>
    public IReadOnlyList<ResourceProblem> Problems { get; }

    /// <summary>Builds the daemon pod of a plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The pod.</returns>
    public static DaemonPod Of(PlacementPlan plan)
    {
        var problems = new List<ResourceProblem>();
        var requests = ResourceMath.PodRequests(plan.PodSpec, Rules.Support.Paths.PodSpec, problems);
        var ports = ResourceMath.HostPorts(plan.PodSpec, defaultHostNetwork: true);
        var surges = plan.Rollout.Type == "RollingUpdate" && plan.Rollout.MaxSurge.Known && plan.Rollout.MaxSurge.Value > 0;
        return new DaemonPod(plan.DisplayName, requests, ports, surges, plan.NodeName is not null, problems);
    }
}

/// <summary>
/// What the pods already bound to each node hold (requests, pod count, host ports), and the capacity check of a daemon
/// pod against it: the scheduler's NodePorts filter, then NodeResourcesFit (<c>fitsRequest</c>), in the default plugin order.
/// </summary>
/// <remarks>
/// How existing pods are treated: every pod bound to the node that has not finished counts, except the pods owned by
/// the DaemonSet being placed (matched by <c>ownerReferences</c> kind DaemonSet and namespace/name): the new pod replaces
/// them (RollingUpdate with maxUnavailable deletes the old pod first; OnDelete creates the new pod after a delete).
/// With maxSurge &gt; 0 the new pod starts while the old one runs, so the old one counts, host ports included.
/// Other DaemonSets of the same run add their host ports on the nodes they should run on where they have no pod yet
/// (a DaemonSet with a pod there is represented by that pod), unless a pod there already holds the port (the incumbent
/// keeps it; the newcomer is the one reported). Their resource requests are not added: which of two new DaemonSets gets
/// the last free CPU depends on the order the scheduler sees them.
/// </remarks>
public sealed class CapacityModel
{
    private readonly IReadOnlyList<NodeInfo> nodes;
    private readonly NodeUsage[] usage;

    private CapacityModel(IReadOnlyList<NodeInfo> nodes, NodeUsage[] usage, PodInventory? pods)
    {
        this.nodes = nodes;
        this.usage = usage;
        this.Pods = pods;
    }

    /// <summary>Gets the pods counted, or null when only allocatable is known.</summary>
    public PodInventory? Pods { get; }

    /// <summary>Builds the model: what the bound pods of <paramref name="pods"/> hold on each node.</summary>
    /// <param name="nodes">The nodes.</param>
    /// <param name="pods">The pods, or null (then only allocatable counts).</param>
    /// <returns>The model.</returns>
    public static CapacityModel Build(IReadOnlyList<NodeInfo> nodes, PodInventory? pods)
    {
        var usage = new NodeUsage[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            usage[i] = NodeUsage.Of(pods?.OnNode(nodes[i].Name));
        }

        return new CapacityModel(nodes, usage, pods);
    }

    /// <summary>Counts the pods a DaemonSet already has on a node.</summary>
    /// <param name="node">The node index.</param>
    /// <param name="daemonSet">The DaemonSet as <c>namespace/name</c>.</param>
    /// <returns>The number of its pods there.</returns>
    public int OwnedPods(int node, string daemonSet) => this.usage[node].Owned(daemonSet)?.Count ?? 0;

    /// <summary>Whether a pod on the node that a DaemonSet does not own already holds a port conflicting with <paramref name="port"/>.</summary>
    /// <param name="node">The node index.</param>
    /// <param name="port">The port.</param>
    /// <param name="daemonSet">The DaemonSet whose own pods are ignored (<c>namespace/name</c>).</param>
    /// <returns>True when another pod holds it.</returns>
    public bool PortHeldByOthers(int node, HostPort port, string daemonSet)
    {
        foreach (var (used, _, owner) in this.usage[node].Ports)
        {
            if (!string.Equals(owner, daemonSet, StringComparison.Ordinal) && port.ConflictsWith(used))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets what the pods on a node request in total, and how many there are.</summary>
    /// <param name="node">The node index.</param>
    /// <returns>The requests and the count.</returns>
    public (SchedulerResources Requested, int Pods) Used(int node) => (this.usage[node].Requested, this.usage[node].Count);

    /// <summary>Checks one daemon pod on one node.</summary>
    /// <param name="pod">The daemon pod.</param>
    /// <param name="node">The node index.</param>
    /// <param name="otherRunPorts">Host ports other DaemonSets of the run will hold on the node, or null.</param>
    /// <returns>The verdict.</returns>
    public FitVerdict Check(DaemonPod pod, int node, IReadOnlyList<(HostPort Port, string DaemonSet)>? otherRunPorts)
    {
        var u = this.usage[node];
        var own = pod.Surges ? null : u.Owned(pod.Key);
        List<FitReason>? reasons = null;

        // NodePorts runs before NodeResourcesFit; the scheduler reports the first filter that fails.
        foreach (var want in pod.Ports)
        {
            foreach (var (used, holder, owner) in u.Ports)
            {
                if (own is not null && string.Equals(owner, pod.Key, StringComparison.Ordinal))
                {
                    continue;
                }

                if (want.ConflictsWith(used))
                {
                    (reasons ??= new List<FitReason>()).Add(new FitReason(FitReasonKind.HostPort, want.ToString(), 0, 0, 0, want, $"pod {holder}" + (used.Equals(want) ? string.Empty : $" ({used})")));
                    goto nextPort;
                }
            }

            if (otherRunPorts is not null)
            {
                foreach (var (used, ds) in otherRunPorts)
                {
                    if (!string.Equals(ds, pod.Key, StringComparison.Ordinal) && want.ConflictsWith(used))
                    {
                        (reasons ??= new List<FitReason>()).Add(new FitReason(FitReasonKind.HostPort, want.ToString(), 0, 0, 0, want, $"DaemonSet {ds} of this run" + (used.Equals(want) ? string.Empty : $" ({used})")));
                        break;
                    }
                }
            }

        nextPort:;
        }

        if (reasons is not null)
        {
            return new FitVerdict(FitStatus.Pending, new FitProblem(reasons, pod.BypassesScheduler));
        }

        var alloc = this.nodes[node].Allocatable;
        var count = u.Count - (own?.Count ?? 0);
        if (count + 1 > alloc.AllowedPodNumber)
        {
            (reasons ??= new List<FitReason>()).Add(new FitReason(FitReasonKind.TooManyPods, "pods", 1, count, alloc.AllowedPodNumber));
        }

        var req = pod.Requests;
        if (!req.IsZeroRequest)
        {
            var used = u.Requested;
            var mine = own?.Requested;
            Check(ref reasons, "cpu", req.MilliCpu, used.MilliCpu - (mine?.MilliCpu ?? 0), alloc.MilliCpu);
            Check(ref reasons, "memory", req.Memory, used.Memory - (mine?.Memory ?? 0), alloc.Memory);
            Check(ref reasons, "ephemeral-storage", req.EphemeralStorage, used.EphemeralStorage - (mine?.EphemeralStorage ?? 0), alloc.EphemeralStorage);
            foreach (var kv in req.ScalarArray)
            {
                Check(ref reasons, kv.Key, kv.Value, used.Scalar(kv.Key) - (mine?.Scalar(kv.Key) ?? 0), alloc.Scalar(kv.Key));
            }
        }

        return reasons is null ? new FitVerdict(FitStatus.Fits, null) : new FitVerdict(FitStatus.Pending, new FitProblem(reasons, pod.BypassesScheduler));
    }

    private static void Check(ref List<FitReason>? reasons, string resource, long requested, long used, long capacity)
    {
        if (requested > 0 && requested > capacity - used)
        {
            (reasons ??= new List<FitReason>()).Add(new FitReason(FitReasonKind.InsufficientResource, resource, requested, used, capacity));
        }
    }

    /// <summary>What the pods of one owner hold on a node.</summary>
    private sealed class OwnerUsage
    {
        public OwnerUsage(SchedulerResources requested, int count)
        {
            this.Requested = requested;
            this.Count = count;
        }

        public SchedulerResources Requested { get; }

        public int Count { get; }
    }

    /// <summary>What the bound pods of one node hold.</summary>
    private sealed class NodeUsage
    {
        private static readonly NodeUsage Empty = new(SchedulerResources.Zero, 0, Array.Empty<(HostPort, string, string?)>(), null);
        private readonly Dictionary<string, OwnerUsage>? byOwner;

        private NodeUsage(SchedulerResources requested, int count, (HostPort Port, string Holder, string? Owner)[] ports, Dictionary<string, OwnerUsage>? byOwner)
        {
            this.Requested = requested;
            this.Count = count;
            this.Ports = ports;
            this.byOwner = byOwner;
        }

        public SchedulerResources Requested { get; }

        public int Count { get; }

        public (HostPort Port, string Holder, string? Owner)[] Ports { get; }

        public static NodeUsage Of(IReadOnlyList<PodInfo>? pods)
        {
            if (pods is null || pods.Count == 0)
            {
                return Empty;
            }

            var total = new ResourceAccumulator();
            List<(HostPort, string, string?)>? ports = null;
            Dictionary<string, (ResourceAccumulator Acc, int Count)>? owners = null;
            foreach (var p in pods)
            {
                total.Add(p.Requests);
                foreach (var hp in p.HostPorts)
                {
                    (ports ??= new List<(HostPort, string, string?)>()).Add((hp, p.DisplayName, p.OwnerDaemonSet));
                }

                if (p.OwnerDaemonSet is { } owner)
                {
                    owners ??= new Dictionary<string, (ResourceAccumulator, int)>(StringComparer.Ordinal);
                    if (!owners.TryGetValue(owner, out var o))
                    {
                        o = (new ResourceAccumulator(), 0);
                    }

                    o.Acc.Add(p.Requests);
                    owners[owner] = (o.Acc, o.Count + 1);
                }
            }

            Dictionary<string, OwnerUsage>? byOwner = null;
            if (owners is not null)
            {
                byOwner = new Dictionary<string, OwnerUsage>(owners.Count, StringComparer.Ordinal);
                foreach (var kv in owners)
                {
                    byOwner[kv.Key] = new OwnerUsage(kv.Value.Acc.Build(), kv.Value.Count);
                }
            }

            return new NodeUsage(total.Build(), pods.Count, ports?.ToArray() ?? Array.Empty<(HostPort, string, string?)>(), byOwner);
        }

        public OwnerUsage? Owned(string daemonSet) => this.byOwner is not null && this.byOwner.TryGetValue(daemonSet, out var o) ? o : null;
    }
}
