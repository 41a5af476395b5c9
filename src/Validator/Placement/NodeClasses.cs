using System;
using System.Collections.Generic;
using System.Text;

namespace DaemonLint.Placement;

/// <summary>What a class's members hold for one label key that a DaemonSet reads.</summary>
public sealed class LabelSummary
{
    private const int MaxValues = 3;
    private readonly List<string> values = new(1);

    internal LabelSummary(string key) => this.Key = key;

    /// <summary>Gets the label key.</summary>
    public string Key { get; }

    /// <summary>Gets up to three distinct values, in the order met.</summary>
    public IReadOnlyList<string> Values => this.values;

    /// <summary>Gets a value indicating whether members hold more distinct values than <see cref="Values"/> lists.</summary>
    public bool More { get; private set; }

    /// <summary>Gets a value indicating whether some member lacks the label.</summary>
    public bool SomeAbsent { get; private set; }

    /// <summary>Gets a value indicating whether no member has the label.</summary>
    public bool AllAbsent => this.values.Count == 0;

    /// <summary>Gets the summary as text: <c>key=value</c>, <c>key=a|b</c>, <c>key=a|b|c|…</c>, with <c>|(none)</c> when some member lacks it; empty when none has it.</summary>
    public string Display
    {
        get
        {
            if (this.values.Count == 0)
            {
                return string.Empty;
            }

            var sb = new StringBuilder(this.Key).Append('=').Append(string.Join("|", this.values));
            if (this.More)
            {
                sb.Append("|…");
            }

            if (this.SomeAbsent)
            {
                sb.Append("|(none)");
            }

            return sb.ToString();
        }
    }

    internal void Add(bool has, string value)
    {
        if (!has)
        {
            this.SomeAbsent = true;
            return;
        }

        foreach (var v in this.values)
        {
            if (string.Equals(v, value, StringComparison.Ordinal))
            {
                return;
            }
        }

        if (this.values.Count < MaxValues)
        {
            this.values.Add(value);
        }
        else
        {
            this.More = true;
        }
    }

    internal void Merge(LabelSummary other)
    {
        this.SomeAbsent |= other.SomeAbsent;
        this.More |= other.More;
        foreach (var v in other.values)
        {
            this.Add(true, v);
        }
    }
}

/// <summary>
/// Nodes that every DaemonSet of the run sees alike: each nodeSelector pair, node affinity expression, matchFields
/// requirement and <c>nodeName</c> gives the same answer on them, and they carry the same NoSchedule/NoExecute taints in
/// the same order and the same <c>spec.unschedulable</c>. The controller's decision is a function of exactly these, so
/// it is the same for every member (property-tested); names matter only where a DaemonSet names nodes.
/// </summary>
public sealed class NodeClass
{
    internal NodeClass(int id, int[] members, NodeInfo representative, LabelSummary[] labels, string? name)
    {
        this.Id = id;
        this.MemberArray = members;
        this.Representative = representative;
        this.Labels = labels;
        this.Name = name;
        var parts = new List<string>();
        foreach (var l in labels)
        {
            if (!l.AllAbsent)
            {
                parts.Add(l.Display);
            }
        }

        foreach (var t in representative.ExcludingTaints)
        {
            parts.Add(t.Display);
        }

        if (representative.Unschedulable)
        {
            parts.Add("cordoned");
        }

        if (name is not null)
        {
            parts.Add("name=" + name);
        }

        this.Description = parts.Count == 0 ? "no label read, no taint" : string.Join(", ", parts);
    }

    /// <summary>Gets the class id (0-based, in the order of each class's first node).</summary>
    public int Id { get; }

    /// <summary>Gets the indexes of the member nodes in the inventory, ascending.</summary>
    public IReadOnlyList<int> Members => this.MemberArray;

    /// <summary>Gets the number of nodes.</summary>
    public int Count => this.MemberArray.Length;

    /// <summary>Gets the first member: its decision is every member's.</summary>
    public NodeInfo Representative { get; }

    /// <summary>Gets the NoSchedule and NoExecute taints every member carries, in order.</summary>
    public IReadOnlyList<Taint> Taints => this.Representative.ExcludingTaints;

    /// <summary>Gets a value indicating whether the members are cordoned.</summary>
    public bool Unschedulable => this.Representative.Unschedulable;

    /// <summary>Gets, per label key some DaemonSet reads, what the members hold.</summary>
    public IReadOnlyList<LabelSummary> Labels { get; }

    /// <summary>Gets the node name when a DaemonSet names this very node (the class then has one member), else null.</summary>
    public string? Name { get; }

    /// <summary>Gets a short description: the labels read, the taints, <c>cordoned</c>, the name when it matters.</summary>
    public string Description { get; }

    internal int[] MemberArray { get; }
}

/// <summary>
/// The nodes of one DaemonSet's result that share its decision and look alike to it. Nodes it runs on, or that a taint
/// keeps it off, group by the answers to its own selector, affinity and name requirements and by the taints it does not
/// tolerate (and NoExecute taints it tolerates only for a while); nodes it does not select group by the requirement that
/// fails. Several <see cref="NodeClass"/>es collapse into one group when they differ only in what other DaemonSets read.
/// </summary>
public sealed class NodeGroup
{
    internal NodeGroup(PlacementDecision decision, List<NodeClass> classes, int[] members, string description)
    {
        this.Decision = decision;
        this.Classes = classes;
        this.MemberArray = members;
        this.Description = description;
    }

    /// <summary>Gets the decision every member gets.</summary>
    public PlacementDecision Decision { get; }

    /// <summary>Gets the classes in the group.</summary>
    public IReadOnlyList<NodeClass> Classes { get; }

    /// <summary>Gets the member node indexes, ascending.</summary>
    public IReadOnlyList<int> Members => this.MemberArray;

    /// <summary>Gets the number of nodes.</summary>
    public int Count => this.MemberArray.Length;

    /// <summary>Gets what the members look like to this DaemonSet: the labels it reads and the taints that decide.</summary>
    public string Description { get; }

    internal int[] MemberArray { get; }
}

/// <summary>Partitions an inventory into <see cref="NodeClass"/>es for a set of DaemonSets.</summary>
public sealed class NodeClassSet
{
    private readonly Probe[] probes;
    private readonly Dictionary<PlacementPlan, PlanView> views;
    private readonly IReadOnlyList<NodeInfo> nodes;

    private NodeClassSet(IReadOnlyList<NodeInfo> nodes, Probe[] probes, Dictionary<PlacementPlan, PlanView> views, List<NodeClass> classes, int[] classOf, string[] labelKeys)
    {
        this.nodes = nodes;
        this.probes = probes;
        this.views = views;
        this.Classes = classes;
        this.ClassOfNode = classOf;
        this.LabelKeys = labelKeys;
    }

    /// <summary>Gets the classes, in the order of their first node.</summary>
    public IReadOnlyList<NodeClass> Classes { get; }

    /// <summary>Gets the class id of each node, aligned with the inventory.</summary>
    public IReadOnlyList<int> ClassOfNode { get; }

    /// <summary>Gets the label keys some DaemonSet reads, sorted.</summary>
    public IReadOnlyList<string> LabelKeys { get; }

    /// <summary>Gets the number of distinct requirements the classes are built from.</summary>
    public int ProbeCount => this.probes.Length;

    /// <summary>Builds the classes of <paramref name="nodes"/> as <paramref name="plans"/> see them. Linear in nodes × distinct requirements.</summary>
    /// <param name="plans">The DaemonSets in question.</param>
    /// <param name="nodes">The nodes.</param>
    /// <returns>The classes.</returns>
    public static NodeClassSet Build(IReadOnlyList<PlacementPlan> plans, IReadOnlyList<NodeInfo> nodes)
    {
        var probeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var probes = new List<Probe>();
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var views = new Dictionary<PlacementPlan, PlanView>();
        foreach (var plan in plans)
        {
            if (views.ContainsKey(plan))
            {
                continue;
            }

            var view = new PlanView();
            int Use(Probe p)
            {
                if (!probeIndex.TryGetValue(p.Key, out var i))
                {
                    i = probes.Count;
                    probes.Add(p);
                    probeIndex[p.Key] = i;
                }

                if (!view.Probes.Contains(i))
                {
                    view.Probes.Add(i);
                }

                return i;
            }

            if (plan.NodeName is { } nodeName)
            {
                Use(Probe.NameIs(nodeName));
            }

            foreach (var pair in plan.SelectorPairs)
            {
                Use(Probe.LabelIs(pair.Key, pair.Value));
                view.AddKey(pair.Key);
            }

            foreach (var term in plan.Terms)
            {
                foreach (var e in term.Expressions)
                {
                    Use(Probe.Expression(e));
                    view.AddKey(e.Key);
                }

                foreach (var f in term.Fields)
                {
                    Use(Probe.Field(f));
                }
            }

            foreach (var k in view.Keys)
            {
                keys.Add(k);
            }

            views[plan] = view;
        }

        var keyArray = new string[keys.Count];
        keys.CopyTo(keyArray);
        var probeArray = probes.ToArray();
        var classOf = new int[nodes.Count];
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var memberLists = new List<List<int>>();
        var sb = new StringBuilder();
        for (var n = 0; n < nodes.Count; n++)
        {
            var key = Signature(nodes[n], probeArray, sb);
            if (!byKey.TryGetValue(key, out var id))
            {
                id = memberLists.Count;
                byKey[key] = id;
                memberLists.Add(new List<int>());
            }

            memberLists[id].Add(n);
            classOf[n] = id;
        }

        var classes = new List<NodeClass>(memberLists.Count);
        for (var c = 0; c < memberLists.Count; c++)
        {
            var members = memberLists[c].ToArray();
            var rep = nodes[members[0]];
            var labels = new LabelSummary[keyArray.Length];
            for (var k = 0; k < keyArray.Length; k++)
            {
                var summary = new LabelSummary(keyArray[k]);
                foreach (var m in members)
                {
                    var has = nodes[m].TryGetLabel(keyArray[k], out var v);
                    summary.Add(has, v);
                }

                labels[k] = summary;
            }

            string? name = null;
            foreach (var p in probeArray)
            {
                if (p.Kind == ProbeKind.NameIs && p.Matches(rep))
                {
                    name = rep.Name;
                    break;
                }
            }

            classes.Add(new NodeClass(c, members, rep, labels, name));
        }

        return new NodeClassSet(nodes, probeArray, views, classes, classOf, keyArray);
    }

    /// <summary>
    /// Groups one DaemonSet's nodes: classes with the same decision that look alike to this DaemonSet (see
    /// <see cref="NodeGroup"/>) merge. Groups come in the order of their first node.
    /// </summary>
    /// <param name="result">A result over the same nodes, whose plan was among those the classes were built for.</param>
    /// <returns>The groups.</returns>
    public IReadOnlyList<NodeGroup> GroupsFor(PlacementResult result)
    {
        if (!this.views.TryGetValue(result.Plan, out var view))
        {
            throw new ArgumentException("the plan was not among those the classes were built for", nameof(result));
        }

        var plan = result.Plan;
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new List<(PlacementDecision Decision, List<NodeClass> Classes, List<Taint> Taints)>();
        var sb = new StringBuilder();
        foreach (var c in this.Classes)
        {
            var d = result.Decisions[c.MemberArray[0]];
            sb.Clear();
            sb.Append(d.ShouldRun ? '1' : '0').Append(d.ShouldContinueRunning ? '1' : '0').Append((char)('A' + (int)d.Reason)).Append((char)('A' + (int)d.Notes)).Append(d.Detail).Append('\u0001');
            var relevant = new List<Taint>();

            // A nodeName, selector or affinity mismatch is decided before taints, by the detail shown: such nodes form
            // one group per detail. Nodes that run it or stop at a taint are told apart by what this DaemonSet reads.
            if (d.ShouldRun || d.Reason == PlacementReason.UntoleratedTaint)
            {
                foreach (var p in view.Probes)
                {
                    sb.Append(this.probes[p].Matches(c.Representative) ? '1' : '0');
                }

                foreach (var t in c.Representative.ExcludingTaints)
                {
                    if (!plan.Tolerates(t) || (t.Effect == TaintEffect.NoExecute && !plan.ToleratesForever(t)))
                    {
                        relevant.Add(t);
                        sb.Append('\u0002').Append(t.Key).Append('\u0001').Append(t.Value).Append('\u0001').Append(t.EffectText);
                    }
                }
            }

            var key = sb.ToString();
            if (!byKey.TryGetValue(key, out var g))
            {
                g = groups.Count;
                byKey[key] = g;
                groups.Add((d, new List<NodeClass>(), relevant));
            }

            groups[g].Classes.Add(c);
        }

        var keyIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < this.LabelKeys.Count; k++)
        {
            keyIndex[this.LabelKeys[k]] = k;
        }

        var result2 = new List<NodeGroup>(groups.Count);
        foreach (var (decision, classes, taints) in groups)
        {
            var parts = new List<string>();
            foreach (var key in view.Keys)
            {
                var merged = new LabelSummary(key);
                foreach (var c in classes)
                {
                    merged.Merge(c.Labels[keyIndex[key]]);
                }

                parts.Add(merged.AllAbsent ? "no " + key : merged.Display);
            }

            foreach (var t in taints)
            {
                parts.Add(t.Display);
            }

            int[] members;
            if (classes.Count == 1)
            {
                members = classes[0].MemberArray;
            }
            else
            {
                var all = new List<int>();
                foreach (var c in classes)
                {
                    all.AddRange(c.MemberArray);
                }

                all.Sort();
                members = all.ToArray();
            }

            result2.Add(new NodeGroup(decision, classes, members, parts.Count == 0 ? "any node" : string.Join(", ", parts)));
        }

        return result2;
    }

    private static string Signature(NodeInfo node, Probe[] probes, StringBuilder sb)
    {
        sb.Clear();
        var bits = 0;
        var count = 0;
        foreach (var p in probes)
        {
            bits = (bits << 1) | (p.Matches(node) ? 1 : 0);
            if (++count == 15)
            {
                sb.Append((char)('\u4000' + bits));
                bits = 0;
                count = 0;
            }
        }

        sb.Append((char)('\u4000' + bits)).Append(node.Unschedulable ? 'U' : 'S');
        foreach (var t in node.ExcludingTaints)
        {
            sb.Append('\u0002').Append(t.Key).Append('\u0001').Append(t.Value).Append('\u0001').Append(t.EffectText);
        }

        return sb.ToString();
    }

    private enum ProbeKind
    {
        NameIs,
        LabelIs,
        Expression,
        Field,
    }

    /// <summary>One distinct requirement some DaemonSet evaluates on a node.</summary>
    private sealed class Probe
    {
        private readonly LabelRequirement? expression;
        private readonly FieldRequirement? field;
        private readonly string text;
        private readonly string value;
        private readonly int keyId;

        private Probe(ProbeKind kind, string key, string text, string value, LabelRequirement? expression = null, FieldRequirement? field = null)
        {
            this.Kind = kind;
            this.Key = key;
            this.text = text;
            this.value = value;
            this.expression = expression;
            this.field = field;
            this.keyId = kind == ProbeKind.LabelIs ? Placement.LabelKeys.Id(text) : 0;
        }

        public ProbeKind Kind { get; }

        /// <summary>Gets the dedupe key: probes with equal keys answer alike on every node.</summary>
        public string Key { get; }

        public static Probe NameIs(string name) => new(ProbeKind.NameIs, "n\u0001" + name, name, name);

        public static Probe LabelIs(string key, string value) => new(ProbeKind.LabelIs, "s\u0001" + key + "\u0001" + value, key, value);

        public static Probe Expression(LabelRequirement e) => new(ProbeKind.Expression, "e\u0001" + e.Display, e.Key, string.Empty, expression: e);

        // A NotIn field requirement is the negation of an In one: both ask "is the name this value?".
        public static Probe Field(FieldRequirement f) => f.Key == "metadata.name"
            ? NameIs(f.Value)
            : new(ProbeKind.Field, "f\u0001" + f.Key + "\u0001" + f.Equal + "\u0001" + f.Value, f.Key, f.Value, field: f);

        public bool Matches(NodeInfo node) => this.Kind switch
        {
            ProbeKind.NameIs => string.Equals(node.Name, this.value, StringComparison.Ordinal),
            ProbeKind.LabelIs => node.TryGetLabel(this.keyId, out var v) && string.Equals(v, this.value, StringComparison.Ordinal),
            ProbeKind.Expression => this.expression!.Matches(node),
            _ => this.field!.Matches(node),
        };
    }

    /// <summary>What one plan reads: its probes and its label keys (in first-use order).</summary>
    private sealed class PlanView
    {
        public List<int> Probes { get; } = new();

        public List<string> Keys { get; } = new();

        public void AddKey(string k)
        {
            if (!this.Keys.Contains(k))
            {
                this.Keys.Add(k);
            }
        }
    }
}
