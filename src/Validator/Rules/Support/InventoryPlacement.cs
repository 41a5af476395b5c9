using DaemonLint.Engine;
using DaemonLint.Placement;

namespace DaemonLint.Rules.Support;

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
