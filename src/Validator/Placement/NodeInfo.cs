using System;
using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Placement;

/// <summary>A node as the placement evaluator sees it: name, labels, taints and allocatable resources, read once.</summary>
public sealed class NodeInfo
{
    private static readonly Dictionary<string, string> NoLabels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> labels;
    private readonly int[] labelKeyIds;
    private readonly string[] labelValues;

    /// <summary>Initializes a new instance of the <see cref="NodeInfo"/> class.</summary>
    /// <param name="name">metadata.name.</param>
    /// <param name="labels">metadata.labels (copied).</param>
    /// <param name="taints">spec.taints, in list order.</param>
    /// <param name="unschedulable">spec.unschedulable (never read by the controller; shown only).</param>
    /// <param name="source">The object it was read from, if any.</param>
    /// <param name="allocatable">status.allocatable as the scheduler reads it, or null when the node reports none.</param>
    public NodeInfo(string name, IReadOnlyDictionary<string, string>? labels = null, IReadOnlyList<Taint>? taints = null, bool unschedulable = false, ManifestObject? source = null, SchedulerResources? allocatable = null)
    {
        this.Name = name;
        var copy = labels is null || labels.Count == 0 ? NoLabels : new Dictionary<string, string>(labels.Count, StringComparer.Ordinal);
        if (labels is not null)
        {
            foreach (var kv in labels)
            {
                copy[kv.Key] = kv.Value;
            }
        }

        this.labels = copy;
        this.labelKeyIds = new int[copy.Count];
        this.labelValues = new string[copy.Count];
        var k = 0;
        foreach (var kv in copy)
        {
            this.labelKeyIds[k] = LabelKeys.Id(kv.Key);
            this.labelValues[k] = kv.Value;
            k++;
        }

        this.Taints = taints is null ? Array.Empty<Taint>() : new List<Taint>(taints).ToArray();
        var excluding = new List<Taint>();
        foreach (var t in this.Taints)
        {
            if (t.Excludes)
            {
                excluding.Add(t);
            }
        }

        this.ExcludingTaints = excluding.ToArray();
        this.Unschedulable = unschedulable;
        this.Source = source;
        this.HasAllocatable = allocatable is not null;
        this.Allocatable = allocatable ?? SchedulerResources.Zero;
    }

    /// <summary>Gets metadata.name.</summary>
    public string Name { get; }

    /// <summary>Gets metadata.labels.</summary>
    public IReadOnlyDictionary<string, string> Labels => this.labels;

    /// <summary>Gets spec.taints in list order.</summary>
    public IReadOnlyList<Taint> Taints { get; }

    /// <summary>Gets the taints the controller examines (NoSchedule and NoExecute), in list order.</summary>
    internal Taint[] ExcludingTaints { get; }

    /// <summary>Gets a value indicating whether the node is cordoned (spec.unschedulable); this never excludes a daemon pod.</summary>
    public bool Unschedulable { get; }

    /// <summary>
    /// Gets status.allocatable as the scheduler reads it (<c>framework.NewResource</c>); <see cref="SchedulerResources.Zero"/>
    /// when the node reports none, which the scheduler treats as room for 0 pods.
    /// </summary>
    public SchedulerResources Allocatable { get; }

    /// <summary>Gets a value indicating whether the node has a status.allocatable mapping.</summary>
    public bool HasAllocatable { get; }

    /// <summary>Gets the object the node was read from, or null.</summary>
    public ManifestObject? Source { get; }

    /// <summary>Looks up a label.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether the node has the label.</returns>
    public bool TryGetLabel(string key, out string value) => this.labels.TryGetValue(key, out value!);

    /// <summary>Looks up a label by its interned key id (a short scan of ints; no string hashing per decision).</summary>
    /// <param name="keyId">The id from <see cref="LabelKeys.Id"/>.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether the node has the label.</returns>
    internal bool TryGetLabel(int keyId, out string value)
    {
        var ids = this.labelKeyIds;
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] == keyId)
            {
                value = this.labelValues[i];
                return true;
            }
        }

        value = null!;
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => this.Name;
}

/// <summary>
/// Interned label keys: nodes and plans translate keys to small ints once, so a decision compares ints instead of
/// hashing strings. Append-only and shared by the process; it grows only with the distinct keys read.
/// </summary>
internal static class LabelKeys
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static int next;

    public static int Id(string key)
    {
        if (Ids.TryGetValue(key, out var id))
        {
            return id;
        }

        return Ids.GetOrAdd(key, _ => System.Threading.Interlocked.Increment(ref next));
    }
}

/// <summary>A node inventory: the nodes read from <c>kubectl get nodes</c> output, and what was wrong with the others.</summary>
public sealed class NodeInventory
{
    private readonly List<NodeInfo> nodes = new();
    private NodeInfo[]? array;
    private readonly List<Finding> problems = new();
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly object gate = new();
    private CapacityModel? capacity;

    /// <summary>Gets the nodes, in input order, names unique.</summary>
    public IReadOnlyList<NodeInfo> Nodes => this.array ??= this.nodes.ToArray();

    /// <summary>Gets findings (DS3008) for Node objects that could not be read, or were read with parts dropped.</summary>
    public IReadOnlyList<Finding> Problems => this.problems;

    /// <summary>Gets the pods bound to the nodes (<c>--pods</c>), when given: capacity then counts what they request.</summary>
    public PodInventory? Pods { get; private set; }

    /// <summary>Attaches the pods of the cluster, so placement rules and the capacity check count the resources and host ports they hold.</summary>
    /// <param name="pods">The pods.</param>
    /// <returns>This inventory.</returns>
    public NodeInventory WithPods(PodInventory? pods)
    {
        this.Pods = pods;
        this.capacity = null;
        return this;
    }

    /// <summary>
    /// Gets what the pods hold on each node, built once per inventory and shared by every DaemonSet a rule checks
    /// (null when capacity cannot be checked: no node reports allocatable and no pods are attached).
    /// </summary>
    internal CapacityModel? Capacity
    {
        get
        {
            var nodes = this.Nodes;
            if (this.Pods is null && !System.Linq.Enumerable.Any(nodes, n => n.HasAllocatable))
            {
                return null;
            }

            lock (this.gate)
            {
                return this.capacity ??= CapacityModel.Build(nodes, this.Pods);
            }
        }
    }

    /// <summary>Builds an inventory from objects; objects that are not v1 Nodes are skipped.</summary>
    /// <param name="objects">The objects.</param>
    /// <returns>The inventory.</returns>
    public static NodeInventory FromObjects(IEnumerable<ManifestObject> objects)
    {
        var inv = new NodeInventory();
        foreach (var o in objects)
        {
            inv.TryAdd(o);
        }

        return inv;
    }

    /// <summary>Builds an inventory from nodes built in code.</summary>
    /// <param name="nodes">The nodes.</param>
    /// <returns>The inventory.</returns>
    public static NodeInventory FromNodes(IEnumerable<NodeInfo> nodes)
    {
        var inv = new NodeInventory();
        foreach (var n in nodes)
        {
            if (inv.names.Add(n.Name))
            {
                inv.nodes.Add(n);
                inv.array = null;
            }
        }

        return inv;
    }

    /// <summary>Adds a Node object; other kinds are ignored.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>Whether a node was added.</returns>
    public bool TryAdd(ManifestObject obj)
    {
        if (obj.Kind != "Node")
        {
            return false;
        }

        if (!obj.IsNode)
        {
            this.Problem(obj, FieldPath.Root("apiVersion"), $"a Node has apiVersion v1, not {Engine.Nodes.Quote(obj.ApiVersion ?? string.Empty)}; the node is skipped");
            return false;
        }

        var meta = obj.Root.Map("metadata");
        var name = meta.Str("name");
        if (string.IsNullOrEmpty(name) || Engine.Nodes.ContainsUnknown(meta.Get("name")))
        {
            this.Problem(obj, FieldPath.Root("metadata"), "the Node has no metadata.name; it is skipped");
            return false;
        }

        if (!this.names.Add(name!))
        {
            this.Problem(obj, FieldPath.Root("metadata", "name"), $"node {Engine.Nodes.Quote(name!)} appears twice; the first one is used");
            return false;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var labelsNode = meta.Get("labels");
        if (labelsNode is MappingNode lm)
        {
            foreach (var e in lm.Entries)
            {
                switch (e.Value)
                {
                    case ScalarNode { Type: ScalarType.String } s:
                        labels[e.Key] = s.Raw;
                        break;
                    case ScalarNode { Type: ScalarType.Null }:
                        labels[e.Key] = string.Empty;
                        break;
                    case ScalarNode s:
                        labels[e.Key] = s.Raw;
                        this.Problem(obj, FieldPath.Root("metadata", "labels").Key(e.Key), $"label value {s.Raw} is a {s.Type.ToString().ToLowerInvariant()}, not a string; read as the text \"{s.Raw}\"");
                        break;
                    default:
                        this.Problem(obj, FieldPath.Root("metadata", "labels").Key(e.Key), "label value is not a string; the label is ignored");
                        break;
                }
            }
        }
        else if (labelsNode is not null)
        {
            this.Problem(obj, FieldPath.Root("metadata", "labels"), "metadata.labels is not a mapping; the labels are ignored");
        }

        var spec = obj.Root.Map("spec");
        var taints = new List<Taint>();
        var taintsNode = spec.Get("taints");
        if (taintsNode is SequenceNode ts)
        {
            for (var i = 0; i < ts.Count; i++)
            {
                var p = FieldPath.Root("spec", "taints").Index(i);
                if (ts.Items[i] is not MappingNode tm || Engine.Nodes.ContainsUnknown(ts.Items[i]))
                {
                    this.Problem(obj, p, "the taint is not a mapping; it is ignored");
                    continue;
                }

                var key = tm.Str("key") ?? string.Empty;
                var value = tm.Get("value") is ScalarNode { Type: not ScalarType.Null } vs ? vs.Raw : string.Empty;
                var effect = tm.Str("effect") ?? string.Empty;
                if (key.Length == 0)
                {
                    this.Problem(obj, p, "the taint has no key; it is read with an empty key");
                }

                if (Effects.Parse(effect) is TaintEffect.None or TaintEffect.Other)
                {
                    this.Problem(obj, p.Child("effect"), $"taint effect {Engine.Nodes.Quote(effect)} is not NoSchedule, PreferNoSchedule or NoExecute; the taint never excludes a pod");
                }

                taints.Add(new Taint(key, value, effect));
            }
        }
        else if (taintsNode is not null)
        {
            this.Problem(obj, FieldPath.Root("spec", "taints"), "spec.taints is not a list; the taints are ignored, so the node may look more welcoming than it is");
        }

        SchedulerResources? allocatable = null;
        var allocatableNode = obj.Root.Map("status").Get("allocatable");
        if (allocatableNode is MappingNode am)
        {
            var found = new List<ResourceProblem>();
            allocatable = ResourceMath.ReadAllocatable(am, FieldPath.Root("status", "allocatable"), found);
            foreach (var p in found)
            {
                this.Problem(obj, p.Path, p.Message);
            }
        }
        else if (allocatableNode is not null && !allocatableNode.IsNull)
        {
            this.Problem(obj, FieldPath.Root("status", "allocatable"), "status.allocatable is not a mapping; the node is read as reporting none (the scheduler then allows it no pods)");
        }

        this.nodes.Add(new NodeInfo(name!, labels, taints, spec.Bool("unschedulable") == true, obj, allocatable));
        this.array = null;
        return true;
    }

    private void Problem(ManifestObject obj, FieldPath path, string message)
    {
        var d = RuleCatalog.DS3008_InventoryNodeMustBeReadable;
        this.problems.Add(new Finding
        {
            RuleId = d.Id,
            Severity = d.DefaultSeverity,
            Message = GoText.Escape(GoText.Clip(message)),
            Kind = FindingKind.Invalid,
            Path = path,
            Object = obj.Ref,
            File = obj.File,
            Span = obj.Resolve(path).Span,
            HelpUri = d.HelpUri,
        });
    }
}
