using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Placement;

namespace DaemonLint.Rules.Placement;

/// <summary>DS3006: against the <c>--nodes</c> inventory the DaemonSet runs on no node.</summary>
public sealed class RunsOnNoInventoryNode : Rule
{
    /// <summary>Initializes a new instance of the <see cref="RunsOnNoInventoryNode"/> class.</summary>
    public RunsOnNoInventoryNode()
        : base(RuleCatalog.DS3006_RunsOnNoInventoryNode)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var result = InventoryPlacement.Of(context);
        if (result is null || result.Desired > 0 || result.Nodes.Count == 0)
        {
            return;
        }

        var counts = new Dictionary<PlacementReason, (int Count, string Example)>();
        for (var i = 0; i < result.Nodes.Count; i++)
        {
            var d = result.Decisions[i];
            counts[d.Reason] = counts.TryGetValue(d.Reason, out var c)
                ? (c.Count + 1, c.Example)
                : (1, $"{d.Detail} on {result.Nodes[i].Name}");
        }

        var sb = new StringBuilder();
        var top = PlacementReason.None;
        foreach (var reason in new[] { PlacementReason.NodeNameMismatch, PlacementReason.NodeSelectorMismatch, PlacementReason.NodeAffinityMismatch, PlacementReason.UntoleratedTaint })
        {
            if (!counts.TryGetValue(reason, out var c))
            {
                continue;
            }

            sb.Append(sb.Length == 0 ? string.Empty : "; ").Append(Num.S(c.Count)).Append(" × ").Append(reason).Append(" (e.g. ").Append(c.Example).Append(')');

            // Point at the last stage any node reached: the nodes that came closest say what to fix.
            top = reason;
        }

        var path = top switch
        {
            PlacementReason.NodeNameMismatch => Paths.PodSpec.Child("nodeName"),
            PlacementReason.NodeSelectorMismatch => Paths.PodSpec.Child("nodeSelector"),
            PlacementReason.NodeAffinityMismatch => Paths.PodSpec.Child("affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution"),
            _ => context.PodSpec.Get("tolerations") is null ? Paths.PodSpec : Paths.PodSpec.Child("tolerations"),
        };

        context.Report(
            FindingKind.Invalid,
            path,
            $"the DaemonSet runs on none of the {Num.S(result.Nodes.Count)} nodes of the inventory: {sb}",
            hint: "run 'daemonlint place' for the decision on every node");
    }
}

/// <summary>DS3007: nodes excluded only by a taint whose key a toleration names but whose value or effect it misses.</summary>
public sealed class TaintAlmostTolerated : Rule
{
    /// <summary>Initializes a new instance of the <see cref="TaintAlmostTolerated"/> class.</summary>
    public TaintAlmostTolerated()
        : base(RuleCatalog.DS3007_TaintAlmostTolerated)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var result = InventoryPlacement.Of(context);
        if (result is null)
        {
            return;
        }

        var plan = result.Plan;
        var hits = new Dictionary<int, (Toleration Tol, Taint Taint, string Node, int Count, bool ValueDiffers)>();
        var order = new List<int>();
        for (var i = 0; i < result.Nodes.Count; i++)
        {
            var d = result.Decisions[i];
            if (d.Reason != PlacementReason.UntoleratedTaint || d.Taint is not { } taint || !OnlyUntoleratedTaint(plan, result.Nodes[i], taint))
            {
                continue;
            }

            foreach (var tol in plan.TemplateTolerations)
            {
                if (tol.Key.Length == 0 || tol.Key != taint.Key || tol.Operator == TolerationOperator.Other)
                {
                    continue;
                }

                var effectDiffers = tol.EffectText.Length > 0 && tol.EffectText != taint.EffectText;
                var valueDiffers = tol.Operator == TolerationOperator.Equal && tol.Value != taint.Value;
                if (!effectDiffers && !valueDiffers)
                {
                    continue;
                }

                if (hits.TryGetValue(tol.Index, out var h))
                {
                    hits[tol.Index] = (h.Tol, h.Taint, h.Node, h.Count + 1, h.ValueDiffers);
                }
                else
                {
                    hits[tol.Index] = (tol, taint, result.Nodes[i].Name, 1, valueDiffers);
                    order.Add(tol.Index);
                }

                break;
            }
        }

        foreach (var index in order)
        {
            var h = hits[index];
            var p = Paths.PodSpec.Child("tolerations").Index(index);
            var what = h.ValueDiffers
                ? $"value \"{h.Tol.Value}\" differs from the taint's \"{h.Taint.Value}\""
                : $"effect {h.Tol.EffectText} differs from the taint's {h.Taint.EffectText}";
            var others = h.Count > 1 ? $" and {Num.S(h.Count - 1)} more node(s)" : string.Empty;
            context.Report(
                FindingKind.Invalid,
                h.ValueDiffers ? p.Child("value") : p.Child("effect"),
                $"the toleration of {h.Tol.Key} does not tolerate the taint {h.Taint.Display} of node {h.Node}{others}, the only thing keeping the DaemonSet off: {what}",
                hint: h.ValueDiffers ? "match the taint's value, or use operator: Exists" : "match the taint's effect, or leave effect empty to tolerate every effect");
        }
    }

    private static bool OnlyUntoleratedTaint(PlacementPlan plan, NodeInfo node, Taint first)
    {
        foreach (var t in node.Taints)
        {
            if (t.Excludes && !ReferenceEquals(t, first) && !plan.Tolerates(t))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// DS3009: the controller creates the daemon pod on nodes where the scheduler cannot bind it (resources, pod count, host
/// port), against allocatable, or allocatable minus the pods already there when the inventory carries pods (--pods).
/// One finding per cause (each resource, the pod count, each host port), at the request or port that causes it.
/// </summary>
public sealed class DaemonPodDoesNotFitEligibleNodes : Rule
{
    private const int MaxGroups = 3;

    /// <summary>Initializes a new instance of the <see cref="DaemonPodDoesNotFitEligibleNodes"/> class.</summary>
    public DaemonPodDoesNotFitEligibleNodes()
        : base(RuleCatalog.DS3009_DaemonPodDoesNotFitEligibleNodes)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var run = InventoryPlacement.Run(context);
        var result = run?.Results[0];
        if (run is null || result?.Fits is not { } fits || result.PendingCount == 0)
        {
            return;
        }

        // Per cause: how many nodes, the first one and its reason.
        var causes = new Dictionary<string, (FitReason Reason, int Count, int Node)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < fits.Count; i++)
        {
            if (fits[i].Problem is not { } problem)
            {
                continue;
            }

            foreach (var reason in problem.Reasons)
            {
                var key = reason.Kind switch
                {
                    FitReasonKind.InsufficientResource => "r\u0001" + reason.Resource,
                    FitReasonKind.TooManyPods => "pods",
                    _ => "p\u0001" + reason.Port,
                };
                if (causes.TryGetValue(key, out var c))
                {
                    causes[key] = (c.Reason, c.Count + 1, c.Node);
                }
                else
                {
                    causes[key] = (reason, 1, i);
                    order.Add(key);
                }
            }
        }

        // Groups of nodes where the pod fits none: the ones to name.
        var nowhere = new List<NodeGroup>();
        foreach (var g in run.GroupsOf(result))
        {
            if (g.Decision.ShouldRun && AllPending(fits, g))
            {
                nowhere.Add(g);
            }
        }

        var against = run.Capacity == CapacitySource.AllocatableAndPods
            ? "allocatable minus what the pods already on each node request"
            : "allocatable (an empty node; give --pods to count the pods already there)";
        var where = nowhere.Count == 0
            ? string.Empty
            : nowhere.Sum(g => g.Count) == result.Desired
                ? "; it fits none of them"
                : "; it fits no node of " + string.Join(", ", nowhere.Take(MaxGroups).Select(g => $"{Num.S(g.Count)} node(s) ({g.Description})")) + (nowhere.Count > MaxGroups ? $" and {Num.S(nowhere.Count - MaxGroups)} more group(s)" : string.Empty);
        foreach (var key in order)
        {
            var (reason, count, node) = causes[key];
            var verb = result.Pod!.BypassesScheduler ? "the kubelet rejects the daemon pod (spec.nodeName skips the scheduler)" : "the daemon pod stays Pending";
            context.Report(
                FindingKind.Invalid,
                PathOf(context, reason),
                $"{verb} on {Num.S(count)} of the {Num.S(result.Desired)} node(s) that should run it: {reason.SchedulerReason} (e.g. {result.Nodes[node].Name}: {reason.Numbers}), checked against {against}{where}",
                hint: Hint(reason));
        }
    }

    private static bool AllPending(IReadOnlyList<FitVerdict> fits, NodeGroup g)
    {
        foreach (var m in g.Members)
        {
            if (fits[m].Status != FitStatus.Pending)
            {
                return false;
            }
        }

        return true;
    }

    private static string Hint(FitReason reason) => reason.Kind switch
    {
        FitReasonKind.InsufficientResource => "request less, or leave room on those nodes; a higher priorityClassName lets the scheduler preempt lower-priority pods",
        FitReasonKind.TooManyPods => "those nodes already run as many pods as their allocatable pods allows",
        _ => "choose another host port, or move the pod that holds it",
    };

    /// <summary>Where the cause is written: the largest request of the resource, the host port, or the pod spec.</summary>
    private static FieldPath PathOf(RuleContext context, FitReason reason)
    {
        var pod = context.PodSpec;
        if (reason.Kind == FitReasonKind.InsufficientResource)
        {
            FieldPath? best = null;
            decimal most = -1;
            foreach (var list in new[] { "containers", "initContainers" })
            {
                if (pod.Seq(list) is not { } seq)
                {
                    continue;
                }

                for (var i = 0; i < seq.Count; i++)
                {
                    var requests = (seq.Items[i] as MappingNode).Map("resources").Map("requests");
                    if (ResourceMath.TryRead(requests.Get(reason.Resource), FieldPath.Root(string.Empty), null, out var v) && v > most)
                    {
                        most = v;
                        best = Paths.PodSpec.Child(list).Index(i).Child("resources", "requests").Key(reason.Resource);
                    }
                }
            }

            if (pod.Map("resources").Map("requests").Get(reason.Resource) is not null)
            {
                return Paths.PodSpec.Child("resources", "requests").Key(reason.Resource);
            }

            return best ?? (pod.Map("overhead").Get(reason.Resource) is not null ? Paths.PodSpec.Child("overhead").Key(reason.Resource) : Paths.PodSpec);
        }

        if (reason.Kind == FitReasonKind.HostPort)
        {
            foreach (var list in new[] { "containers", "initContainers" })
            {
                if (pod.Seq(list) is not { } seq)
                {
                    continue;
                }

                for (var i = 0; i < seq.Count; i++)
                {
                    if ((seq.Items[i] as MappingNode).Seq("ports") is not { } ports)
                    {
                        continue;
                    }

                    for (var j = 0; j < ports.Count; j++)
                    {
                        var port = ports.Items[j] as MappingNode;
                        var hostPort = port.Int("hostPort");
                        var effective = hostPort is > 0 ? hostPort : pod.Bool("hostNetwork") == true ? port.Int("containerPort") : null;
                        if (effective == reason.Port.Port)
                        {
                            return Paths.PodSpec.Child(list).Index(i).Child("ports").Index(j).Child(hostPort is > 0 ? "hostPort" : "containerPort");
                        }
                    }
                }
            }
        }

        return Paths.PodSpec;
    }
}

/// <summary>The placement of the DaemonSet a rule looks at against the inventory, computed once per object and inventory.</summary>
internal static class InventoryPlacement
{
    private static readonly object SharedKey = new();

    public static PlacementResult? Of(RuleContext context) => Run(context)?.Results[0];

    public static PlacementRun? Run(RuleContext context)
    {
        var inventory = context.Options.Nodes;
        if (inventory is null)
        {
            return null;
        }

        // Computed once per object (DS3006, DS3007 and DS3009 share it) and dropped with the object's context; what the
        // pods hold per node is built once per inventory.
        return context.Shared(SharedKey, c =>
        {
            var plan = PlacementPlan.Compile(c.Object);
            return plan.IsComplete ? PlacementRun.Evaluate(new[] { plan }, inventory.Nodes, new ManifestObject?[] { c.Object }, inventory.Pods, inventory.Capacity) : null;
        });
    }
}
