using System;
using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Placement;

/// <summary>
/// A pod of the cluster as the scheduler counts it on its node: requests, host ports, and which DaemonSet owns it. It
/// keeps no reference to the object it was read from, so a pod list of 50,000 pods costs a few megabytes once read.
/// </summary>
public sealed class PodInfo
{
    /// <summary>Initializes a new instance of the <see cref="PodInfo"/> class.</summary>
    /// <param name="ns">metadata.namespace ("default" when unset).</param>
    /// <param name="name">metadata.name.</param>
    /// <param name="nodeName">spec.nodeName, or null when the pod is not bound.</param>
    /// <param name="phase">status.phase ("" when unset).</param>
    /// <param name="requests">The requests as the scheduler counts them.</param>
    /// <param name="hostPorts">The host ports it holds.</param>
    /// <param name="ownerDaemonSet">The owning DaemonSet as <c>namespace/name</c>, or null.</param>
    public PodInfo(string ns, string name, string? nodeName, string phase, SchedulerResources requests, HostPort[]? hostPorts = null, string? ownerDaemonSet = null)
    {
        this.Namespace = ns;
        this.Name = name;
        this.NodeName = string.IsNullOrEmpty(nodeName) ? null : nodeName;
        this.Phase = phase;
        this.Requests = requests;
        this.HostPorts = hostPorts ?? Array.Empty<HostPort>();
        this.OwnerDaemonSet = ownerDaemonSet;
    }

    /// <summary>Gets the namespace.</summary>
    public string Namespace { get; }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Gets <c>namespace/name</c>.</summary>
    public string DisplayName => this.Namespace + "/" + this.Name;

    /// <summary>Gets spec.nodeName, or null.</summary>
    public string? NodeName { get; }

    /// <summary>Gets status.phase.</summary>
    public string Phase { get; }

    /// <summary>
    /// Gets a value indicating whether the pod has finished (Succeeded or Failed). The scheduler's pod informer leaves
    /// those out (<c>status.phase!=Succeeded,status.phase!=Failed</c>, <c>pkg/scheduler/scheduler.go</c> <c>newPodInformer</c>),
    /// so they hold nothing on their node.
    /// </summary>
    public bool IsTerminal => this.Phase is "Succeeded" or "Failed";

    /// <summary>Gets the requests the scheduler counts for the pod.</summary>
    public SchedulerResources Requests { get; }

    /// <summary>Gets the host ports the pod holds.</summary>
    public IReadOnlyList<HostPort> HostPorts { get; }

    /// <summary>Gets the DaemonSet that owns the pod (<c>ownerReferences</c> kind DaemonSet), as <c>namespace/name</c>, or null.</summary>
    public string? OwnerDaemonSet { get; }

    /// <inheritdoc />
    public override string ToString() => this.DisplayName;
}

/// <summary>
/// The pods of a cluster (<c>kubectl get pods -A -o yaml</c>), indexed by the node they are bound to. Only bound pods
/// (<c>spec.nodeName</c> set) that have not finished count on a node, as in the scheduler's cache.
/// </summary>
public sealed class PodInventory
{
    private static readonly PodInfo[] None = Array.Empty<PodInfo>();
    private readonly List<PodInfo> pods = new();
    private readonly Dictionary<string, List<PodInfo>> byNode = new(StringComparer.Ordinal);
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly List<Finding> problems = new();

    /// <summary>Gets every pod read, in input order.</summary>
    public IReadOnlyList<PodInfo> Pods => this.pods;

    /// <summary>Gets findings (DS3010) for the pods that were skipped or read with parts dropped.</summary>
    public IReadOnlyList<Finding> Problems => this.problems;

    /// <summary>Gets the number of pods that count on some node (bound, not finished).</summary>
    public int BoundCount { get; private set; }

    /// <summary>Gets the number of finished pods (Succeeded or Failed), which count nowhere.</summary>
    public int TerminalCount { get; private set; }

    /// <summary>Gets the number of pods not bound to a node (they count nowhere yet).</summary>
    public int UnboundCount { get; private set; }

    /// <summary>Builds an inventory from objects; objects that are not v1 Pods are skipped.</summary>
    /// <param name="objects">The objects.</param>
    /// <returns>The inventory.</returns>
    public static PodInventory FromObjects(IEnumerable<ManifestObject> objects)
    {
        var inv = new PodInventory();
        foreach (var o in objects)
        {
            inv.TryAdd(o);
        }

        return inv;
    }

    /// <summary>Builds an inventory from pods built in code.</summary>
    /// <param name="pods">The pods.</param>
    /// <returns>The inventory.</returns>
    public static PodInventory FromPods(IEnumerable<PodInfo> pods)
    {
        var inv = new PodInventory();
        foreach (var p in pods)
        {
            if (inv.names.Add(p.DisplayName))
            {
                inv.Add(p);
            }
        }

        return inv;
    }

    /// <summary>Gets the pods that count on a node (bound to it, not finished), in input order.</summary>
    /// <param name="nodeName">The node name.</param>
    /// <returns>The pods.</returns>
    public IReadOnlyList<PodInfo> OnNode(string nodeName) => this.byNode.TryGetValue(nodeName, out var list) ? list : None;

    /// <summary>Adds a v1 Pod object; other kinds are ignored.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>Whether a pod was added.</returns>
    public bool TryAdd(ManifestObject obj)
    {
        if (obj.Kind != "Pod")
        {
            return false;
        }

        if (obj.ApiVersion != "v1")
        {
            this.Problem(obj, FieldPath.Root("apiVersion"), $"a Pod has apiVersion v1, not '{obj.ApiVersion}'; the pod is skipped");
            return false;
        }

        var meta = obj.Root.Map("metadata");
        var name = meta.Str("name");
        if (string.IsNullOrEmpty(name))
        {
            this.Problem(obj, FieldPath.Root("metadata"), "the Pod has no metadata.name; it is skipped");
            return false;
        }

        var ns = meta.Str("namespace");
        ns = string.IsNullOrEmpty(ns) ? "default" : ns;
        if (!this.names.Add(ns + "/" + name))
        {
            this.Problem(obj, FieldPath.Root("metadata", "name"), $"pod '{ns}/{name}' appears twice; the first one is used");
            return false;
        }

        var spec = obj.Root.Map("spec");
        if (spec is null)
        {
            this.Problem(obj, FieldPath.Root("spec"), "the Pod has no spec; it is read as requesting nothing");
        }

        var found = new List<ResourceProblem>();
        var requests = ResourceMath.PodRequests(spec, FieldPath.Root("spec"), found);
        foreach (var p in found)
        {
            this.Problem(obj, p.Path, p.Message);
        }

        string? owner = null;
        if (meta.Seq("ownerReferences") is { } refs)
        {
            foreach (var r in refs.Items)
            {
                if (r is MappingNode m && m.Str("kind") == "DaemonSet" && m.Str("name") is { Length: > 0 } dsName && m.Bool("controller") != false)
                {
                    owner = ns + "/" + dsName;
                    break;
                }
            }
        }

        var phase = obj.Root.Map("status").Str("phase") ?? string.Empty;
        this.Add(new PodInfo(ns!, name!, spec.Str("nodeName"), phase, requests, ResourceMath.HostPorts(spec, defaultHostNetwork: false), owner));
        return true;
    }

    private void Add(PodInfo pod)
    {
        this.pods.Add(pod);
        if (pod.IsTerminal)
        {
            this.TerminalCount++;
        }
        else if (pod.NodeName is null)
        {
            this.UnboundCount++;
        }
        else
        {
            this.BoundCount++;
            if (!this.byNode.TryGetValue(pod.NodeName, out var list))
            {
                list = new List<PodInfo>();
                this.byNode[pod.NodeName] = list;
            }

            list.Add(pod);
        }
    }

    private void Problem(ManifestObject obj, FieldPath path, string message)
    {
        var d = RuleCatalog.DS3010_InventoryPodMustBeReadable;
        this.problems.Add(new Finding
        {
            RuleId = d.Id,
            Severity = d.DefaultSeverity,
            Message = $"pod {obj.Ref.DisplayName}: {message}",
            Kind = FindingKind.Invalid,
            Path = path,
            Object = obj.Ref,
            File = obj.File,
            Span = obj.Resolve(path).Span,
            HelpUri = d.HelpUri,
        });
    }
}
