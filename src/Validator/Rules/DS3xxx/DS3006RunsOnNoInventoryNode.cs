using System.Collections.Generic;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Placement;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS3xxx;

/// <summary>DS3006: against the <c>--nodes</c> inventory the DaemonSet runs on no node.</summary>
internal sealed class DS3006RunsOnNoInventoryNode : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS3006RunsOnNoInventoryNode"/> class.</summary>
    public DS3006RunsOnNoInventoryNode()
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
