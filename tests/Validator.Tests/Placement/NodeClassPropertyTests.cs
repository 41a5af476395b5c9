using System.Collections.Generic;
using System.Linq;
using System.Text;
using DaemonLint.Placement;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static DaemonLint.Tests.Placement.PlacementTestKit;

namespace DaemonLint.Tests.Placement;

/// <summary>
/// Node classes over generated inventories and DaemonSets: the controller's decision, computed node by node, is the
/// same for every member of a class and of a per-DaemonSet group, the classes partition the nodes, and nodes that no
/// DaemonSet can tell apart share a class.
/// </summary>
public sealed class NodeClassPropertyTests
{
    private static readonly string[] LabelKeys = { "zone", "pool", "cpu", "disk", "kubernetes.io/hostname" };
    private static readonly string[] LabelValues = { "a", "b", "c", string.Empty, "1", "8", "16", "010", "-3" };
    private static readonly string[] TaintKeys = { "dedicated", "gpu", "node-role.kubernetes.io/control-plane", "node.kubernetes.io/not-ready", "node.kubernetes.io/unschedulable", "node.kubernetes.io/network-unavailable", "spot" };
    private static readonly string[] TaintValues = { string.Empty, "true", "a" };
    private static readonly string[] Effects = { "NoSchedule", "PreferNoSchedule", "NoExecute" };
    private static readonly string[] Ops = { "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt" };
    private static readonly string[] Names = { "n0", "n1", "n2", "n3", "n4", "n5", "ghost" };

    private static Gen<NodeInfo[]> NodesGen =>
        from count in Gen.Choose(0, 24)
        from specs in Gen.ListOf(NodeSpecGen, count)
        select specs.Select((s, i) => Build("n" + i, s)).ToArray();

    private static Gen<(List<(string, string)> Labels, List<Taint> Taints, bool Cordoned, bool HostnameLabel)> NodeSpecGen =>
        from labelCount in Gen.Choose(0, 4)
        from labels in Gen.ListOf(Gen.Zip(Gen.Elements(LabelKeys.Take(4).ToArray()), Gen.Elements(LabelValues)), labelCount)
        from taintCount in Gen.Choose(0, 3)
        from taints in Gen.ListOf(from k in Gen.Elements(TaintKeys) from v in Gen.Elements(TaintValues) from e in Gen.Elements(Effects) select new Taint(k, v, e), taintCount)
        from cordoned in Gen.Elements(false, false, true)
        from hostname in Gen.Elements(true, false)
        select (labels.Select(t => (t.Item1, t.Item2)).ToList(), taints.ToList(), cordoned, hostname);

    private static Gen<string> ExpressionGen =>
        from key in Gen.Elements(LabelKeys)
        from op in Gen.Elements(Ops)
        from values in Gen.ListOf(Gen.Elements(LabelValues.Concat(Names).ToArray()), op is "Exists" or "DoesNotExist" ? 0 : op is "Gt" or "Lt" ? 1 : 2)
        select $"{{key: \"{key}\", operator: {op}{(values.Count == 0 ? string.Empty : ", values: [" + string.Join(", ", values.Select(v => "\"" + v + "\"")) + "]")}}}";

    private static Gen<string> TermGen =>
        from exprCount in Gen.Choose(0, 3)
        from exprs in Gen.ListOf(ExpressionGen, exprCount)
        from withField in Gen.Elements(false, false, true)
        from fieldOp in Gen.Elements("In", "NotIn")
        from fieldName in Gen.Elements(Names)
        select "- matchExpressions: [" + string.Join(", ", exprs) + "]" + (withField ? $"\n  matchFields: [{{key: metadata.name, operator: {fieldOp}, values: [\"{fieldName}\"]}}]" : string.Empty);

    private static Gen<string> TolerationGen =>
        from k in Gen.Elements(TaintKeys.Append(string.Empty).ToArray())
        from exists in Gen.Elements(true, false)
        from v in Gen.Elements(TaintValues)
        from e in Gen.Elements(string.Empty, "NoSchedule", "NoExecute")
        from seconds in Gen.Elements(false, false, true)
        select k.Length == 0
            ? $"{{operator: Exists{(e.Length == 0 ? string.Empty : ", effect: " + e)}}}"
            : $"{{key: \"{k}\", operator: {(exists ? "Exists" : "Equal")}{(exists ? string.Empty : $", value: \"{v}\"")}{(e.Length == 0 ? string.Empty : ", effect: " + e)}{(seconds && e == "NoExecute" ? ", tolerationSeconds: 60" : string.Empty)}}}";

    private static Gen<PlacementPlan> PlanGen =>
        from nodeName in Gen.Elements<string?>(null, null, null, null, "n1", "ghost")
        from selectorCount in Gen.Choose(0, 2)
        from selector in Gen.ListOf(Gen.Zip(Gen.Elements(LabelKeys), Gen.Elements(LabelValues)), selectorCount)
        from termCount in Gen.Choose(-1, 2)
        from terms in Gen.ListOf(TermGen, System.Math.Max(termCount, 0))
        from tolerationCount in Gen.Choose(0, 3)
        from tolerations in Gen.ListOf(TolerationGen, tolerationCount)
        from hostNetwork in Gen.Elements(false, true)
        select PlacementPlan.Compile(DaemonSet(PodSpec(nodeName, selector.Select(t => (t.Item1, t.Item2)).ToList(), termCount < 0 ? null : terms.ToList(), tolerations.ToList(), hostNetwork)));

    [Property(MaxTest = 300)]
    public Property EveryMemberOfAClass_GetsTheClassDecision() =>
        Prop.ForAll(
            Gen.Zip(NodesGen, Gen.Choose(1, 4).SelectMany(n => Gen.ListOf(PlanGen, n))).ToArbitrary(),
            input =>
            {
                var (nodes, plans) = input;
                var run = PlacementRun.Evaluate(plans.ToList(), nodes);
                foreach (var r in run.Results)
                {
                    foreach (var c in run.Classes.Classes)
                    {
                        var expected = Key(r.Plan.Decide(c.Representative));
                        foreach (var m in c.Members)
                        {
                            if (Key(r.Decisions[m]) != expected)
                            {
                                return false.Label($"{r.Plan.DisplayName}: node {nodes[m].Name} decides {Key(r.Decisions[m])}, its class ({c.Description}) {expected}");
                            }
                        }
                    }
                }

                return true.ToProperty();
            });

    [Property(MaxTest = 300)]
    public Property EveryMemberOfAGroup_GetsTheGroupDecision_AndGroupsPartitionTheNodes() =>
        Prop.ForAll(
            Gen.Zip(NodesGen, Gen.Choose(1, 4).SelectMany(n => Gen.ListOf(PlanGen, n))).ToArbitrary(),
            input =>
            {
                var (nodes, plans) = input;
                var run = PlacementRun.Evaluate(plans.ToList(), nodes);
                foreach (var r in run.Results)
                {
                    var seen = new int[nodes.Length];
                    foreach (var g in run.GroupsOf(r))
                    {
                        foreach (var m in g.Members)
                        {
                            seen[m]++;
                            if (Key(r.Decisions[m]) != Key(g.Decision))
                            {
                                return false.Label($"{r.Plan.DisplayName}: node {nodes[m].Name} decides {Key(r.Decisions[m])}, its group ({g.Description}) {Key(g.Decision)}");
                            }
                        }
                    }

                    if (seen.Any(s => s != 1))
                    {
                        return false.Label("groups do not partition the nodes");
                    }
                }

                var inClass = new int[nodes.Length];
                foreach (var c in run.Classes.Classes)
                {
                    foreach (var m in c.Members)
                    {
                        inClass[m]++;
                        if (run.Classes.ClassOfNode[m] != c.Id)
                        {
                            return false.Label("ClassOfNode disagrees with Members");
                        }
                    }
                }

                return inClass.All(x => x == 1).Label("classes partition the nodes");
            });

    [Property(MaxTest = 200)]
    public Property NodesNoDaemonSetCanTellApart_ShareAClass() =>
        Prop.ForAll(
            Gen.Zip(NodesGen, Gen.ListOf(PlanGen, 3)).ToArbitrary(),
            input =>
            {
                var (nodes, plans) = input;

                // Each node gets a twin: another name (never named by a plan) and a label no plan reads.
                var twins = nodes.Select(n => new NodeInfo(
                    "twin-" + n.Name,
                    n.Labels.Where(l => l.Key != "kubernetes.io/hostname").Append(new KeyValuePair<string, string>("unread.example.com/x", "y")).ToDictionary(l => l.Key, l => l.Value),
                    n.Taints,
                    n.Unschedulable)).ToArray();
                var all = nodes.Concat(twins).ToArray();
                var run = PlacementRun.Evaluate(plans.ToList(), all);
                var named = new HashSet<string>(plans.SelectMany(NamesMentioned));
                var readsHostname = plans.Any(p => p.NodeSelector.Any(s => s.Key == "kubernetes.io/hostname") || p.Terms.Any(t => t.Expressions.Any(e => e.Key == "kubernetes.io/hostname")));
                for (var i = 0; i < nodes.Length; i++)
                {
                    if (named.Contains(nodes[i].Name) || (readsHostname && nodes[i].Labels.ContainsKey("kubernetes.io/hostname")))
                    {
                        continue;
                    }

                    if (run.Classes.ClassOfNode[i] != run.Classes.ClassOfNode[nodes.Length + i])
                    {
                        return false.Label($"{nodes[i].Name} and its twin are in different classes");
                    }
                }

                return true.ToProperty();
            });

    [Fact]
    public void HostnameSelector_SplitsOnlyTheNamedNodes()
    {
        // A selector on kubernetes.io/hostname reads a label every node has with a different value; the classes split
        // only the node whose answer differs, not all 200.
        var nodes = Enumerable.Range(0, 200).Select(i => Node("n" + i, $"kubernetes.io/hostname=n{i},pool=general")).ToList();
        var plan = PlacementPlan.Compile(DaemonSet("affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n      - matchExpressions: [{key: kubernetes.io/hostname, operator: NotIn, values: [n7]}]"));
        var run = PlacementRun.Evaluate(new[] { plan }, nodes);
        Assert.Equal(2, run.Classes.Classes.Count);
        Assert.Equal(new[] { 199, 1 }, run.Classes.Classes.Select(c => c.Count));
        Assert.Equal("kubernetes.io/hostname=n0|n1|n2|…", run.Classes.Classes[0].Description);
        Assert.Equal("kubernetes.io/hostname=n7", run.Classes.Classes[1].Description);
    }

    [Fact]
    public void Groups_MergeClassesThatDifferOnlyInWhatOtherDaemonSetsRead()
    {
        var nodes = new[]
        {
            Node("a", "pool=general,zone=x"),
            Node("b", "pool=general,zone=y"),
            Node("c", "pool=gpu,zone=x", "gpu=true:NoSchedule"),
            Node("d", "pool=spot,zone=y", "lifecycle=spot:NoExecute"),
        };
        var zonal = PlacementPlan.Compile(DaemonSet("nodeSelector: {zone: x}", name: "zonal"));
        var general = PlacementPlan.Compile(DaemonSet("tolerations: [{key: gpu, operator: Exists}]", name: "general"));
        var run = PlacementRun.Evaluate(new[] { zonal, general }, nodes);
        Assert.Equal(4, run.Classes.Classes.Count);
        var groups = run.GroupsOf(run.Results[1]);

        // "general" reads no label and tolerates gpu: a, b and c look alike to it; d's spot taint keeps it off.
        Assert.Equal(2, groups.Count);
        Assert.Equal(new[] { 0, 1, 2 }, groups[0].Members);
        Assert.Equal("any node", groups[0].Description);
        Assert.Equal("lifecycle=spot:NoExecute", groups[1].Description);
        Assert.Equal(PlacementReason.UntoleratedTaint, groups[1].Decision.Reason);

        var zonalGroups = run.GroupsOf(run.Results[0]);
        // Nodes the selector rejects form one group whatever their taints: the selector decides first.
        Assert.Equal(new[] { "zone=x", "zone=y", "zone=x, gpu=true:NoSchedule" }, zonalGroups.Select(g => g.Description));
        Assert.Equal(new[] { 1, 3 }, zonalGroups[1].Members);
    }

    private static IEnumerable<string> NamesMentioned(PlacementPlan p) =>
        (p.NodeName is null ? Enumerable.Empty<string>() : new[] { p.NodeName })
            .Concat(p.Terms.SelectMany(t => t.Fields.Select(f => f.Value)))
            .Concat(p.Terms.SelectMany(t => t.Expressions.Where(e => e.Key == "kubernetes.io/hostname").SelectMany(e => e.Values)));

    private static string Key(PlacementDecision d) => $"{d.ShouldRun}/{d.ShouldContinueRunning}/{d.Reason}/{d.Detail}/{d.Notes}";

    private static NodeInfo Build(string name, (List<(string, string)> Labels, List<Taint> Taints, bool Cordoned, bool HostnameLabel) s)
    {
        var labels = new Dictionary<string, string>();
        foreach (var (k, v) in s.Labels)
        {
            labels[k] = v;
        }

        if (s.HostnameLabel)
        {
            labels["kubernetes.io/hostname"] = name;
        }

        return new NodeInfo(name, labels, s.Taints, s.Cordoned);
    }

    private static string PodSpec(string? nodeName, List<(string, string)> selector, List<string>? terms, List<string> tolerations, bool hostNetwork)
    {
        var sb = new StringBuilder();
        if (nodeName is not null)
        {
            sb.Append("nodeName: ").Append(nodeName).Append('\n');
        }

        if (selector.Count > 0)
        {
            sb.Append("nodeSelector:\n");
            foreach (var (k, v) in selector.GroupBy(x => x.Item1).Select(g => g.First()))
            {
                sb.Append("  \"").Append(k).Append("\": \"").Append(v).Append("\"\n");
            }
        }

        if (terms is not null)
        {
            sb.Append("affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:");
            if (terms.Count == 0)
            {
                sb.Append(" []\n");
            }
            else
            {
                sb.Append('\n');
                foreach (var t in terms)
                {
                    foreach (var line in t.Split('\n'))
                    {
                        sb.Append("      ").Append(line).Append('\n');
                    }
                }
            }
        }

        if (tolerations.Count > 0)
        {
            sb.Append("tolerations: [").Append(string.Join(", ", tolerations)).Append("]\n");
        }

        if (hostNetwork)
        {
            sb.Append("hostNetwork: true\n");
        }

        return sb.ToString();
    }
}
