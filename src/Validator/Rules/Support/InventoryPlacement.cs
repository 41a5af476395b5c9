using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Placement;

namespace DaemonLint.Rules.Support;

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
