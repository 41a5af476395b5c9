using System.Collections.Generic;
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

/// <summary>The placement of the DaemonSet a rule looks at against the inventory, computed once per object and inventory.</summary>
internal static class InventoryPlacement
{
    private static readonly object SharedKey = new();

    public static PlacementResult? Of(RuleContext context)
    {
        var inventory = context.Options.Nodes;
        if (inventory is null)
        {
            return null;
        }

        // Computed once per object (DS3006-DS3008 share it) and dropped with the object's context.
        return context.Shared(SharedKey, c =>
        {
            var plan = PlacementPlan.Compile(c.Object);
            return plan.IsComplete ? PlacementEvaluator.Evaluate(plan, inventory.Nodes, c.Object) : null;
        });
    }
}
