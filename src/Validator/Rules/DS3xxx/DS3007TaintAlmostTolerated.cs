using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Placement;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS3xxx;

/// <summary>DS3007: nodes excluded only by a taint whose key a toleration names but whose value or effect it misses.</summary>
internal sealed class DS3007TaintAlmostTolerated : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS3007TaintAlmostTolerated"/> class.</summary>
    public DS3007TaintAlmostTolerated()
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
