using System.Collections.Generic;
using DaemonLint.Model;

namespace DaemonLint.Placement;

/// <summary>The placement of one DaemonSet over a node inventory.</summary>
public sealed class PlacementResult
{
    internal PlacementResult(PlacementPlan plan, ManifestObject? daemonSet, IReadOnlyList<NodeInfo> nodes, PlacementDecision[] decisions, int desired)
    {
        this.Plan = plan;
        this.DaemonSet = daemonSet;
        this.Nodes = nodes;
        this.Decisions = decisions;
        this.Desired = desired;
        this.Rollout = RolloutPlan.Compute(plan.Rollout, desired);
    }

    /// <summary>Gets the compiled plan.</summary>
    public PlacementPlan Plan { get; }

    /// <summary>Gets the DaemonSet object, when the plan was compiled from one.</summary>
    public ManifestObject? DaemonSet { get; }

    /// <summary>Gets the nodes, in inventory order.</summary>
    public IReadOnlyList<NodeInfo> Nodes { get; }

    /// <summary>Gets the decision per node, aligned with <see cref="Nodes"/>.</summary>
    public IReadOnlyList<PlacementDecision> Decisions { get; }

    /// <summary>Gets the number of nodes that should run the DaemonSet (desiredNumberScheduled).</summary>
    public int Desired { get; }

    /// <summary>Gets the rollout plan for <see cref="Desired"/> nodes.</summary>
    public RolloutPlan Rollout { get; }
}

/// <summary>Evaluates DaemonSets against a node inventory: one compiled plan per DaemonSet, one decision per node.</summary>
public static class PlacementEvaluator
{
    /// <summary>Evaluates one DaemonSet object.</summary>
    /// <param name="daemonSet">The DaemonSet.</param>
    /// <param name="nodes">The nodes.</param>
    /// <returns>The result.</returns>
    public static PlacementResult Evaluate(ManifestObject daemonSet, IReadOnlyList<NodeInfo> nodes) =>
        Evaluate(PlacementPlan.Compile(daemonSet), nodes, daemonSet);

    /// <summary>Evaluates a compiled plan.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="nodes">The nodes.</param>
    /// <param name="daemonSet">The DaemonSet object, if any.</param>
    /// <returns>The result.</returns>
    public static PlacementResult Evaluate(PlacementPlan plan, IReadOnlyList<NodeInfo> nodes, ManifestObject? daemonSet = null)
    {
        var decisions = new PlacementDecision[nodes.Count];
        var desired = 0;
        for (var i = 0; i < decisions.Length; i++)
        {
            var d = plan.Decide(nodes[i]);
            decisions[i] = d;
            desired += d.ShouldRun ? 1 : 0;
        }

        return new PlacementResult(plan, daemonSet, nodes, decisions, desired);
    }

    /// <summary>Counts the nodes that should run a plan, without keeping decisions.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="nodes">The nodes.</param>
    /// <returns>The desired count.</returns>
    public static int CountDesired(PlacementPlan plan, NodeInfo[] nodes)
    {
        var desired = 0;
        foreach (var n in nodes)
        {
            desired += plan.Decide(n).ShouldRun ? 1 : 0;
        }

        return desired;
    }
}
