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
        this.FitCount = desired;
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

    /// <summary>Gets the capacity verdict per node, aligned with <see cref="Nodes"/>, or null when capacity was not checked.</summary>
    public IReadOnlyList<FitVerdict>? Fits { get; private set; }

    /// <summary>Gets the daemon pod checked for capacity, or null when capacity was not checked.</summary>
    public DaemonPod? Pod { get; private set; }

    /// <summary>Gets the number of nodes where the controller creates a pod and it fits (equals <see cref="Desired"/> when capacity was not checked).</summary>
    public int FitCount { get; private set; }

    /// <summary>Gets the number of nodes where the controller creates a pod that stays Pending.</summary>
    public int PendingCount { get; private set; }

    /// <summary>Gets the number of pods the DaemonSet already has on the inventory's nodes (with a pod inventory).</summary>
    public int ExistingPods { get; private set; }

    /// <summary>Gets the number of its existing pods on nodes where the controller would delete them (it should no longer run there).</summary>
    public int PodsRemoved { get; private set; }

    /// <summary>Gets the number of nodes where an existing pod is deleted (<see cref="PodsRemoved"/> counts pods).</summary>
    public int NodesLost { get; private set; }

    /// <summary>Gets a value indicating whether no daemon pod would run: no node should run it, or it fits none of those that should.</summary>
    public bool RunsNowhere => this.Desired == 0 || (this.Fits is not null && this.FitCount == 0);

    internal void SetCapacity(DaemonPod pod, FitVerdict[] fits)
    {
        this.Pod = pod;
        this.Fits = fits;
        var fit = 0;
        var pending = 0;
        foreach (var f in fits)
        {
            fit += f.Status == FitStatus.Fits ? 1 : 0;
            pending += f.Status == FitStatus.Pending ? 1 : 0;
        }

        this.FitCount = fit;
        this.PendingCount = pending;
    }

    internal void SetExisting(int existing, int removed, int nodesLost)
    {
        this.ExistingPods = existing;
        this.PodsRemoved = removed;
        this.NodesLost = nodesLost;
    }
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
        if (nodes is NodeInfo[] array)
        {
            // The common case (NodeInventory keeps an array): no interface call per node.
            for (var i = 0; i < array.Length; i++)
            {
                var d = plan.Decide(array[i]);
                decisions[i] = d;
                desired += d.ShouldRun ? 1 : 0;
            }
        }
        else
        {
            for (var i = 0; i < decisions.Length; i++)
            {
                var d = plan.Decide(nodes[i]);
                decisions[i] = d;
                desired += d.ShouldRun ? 1 : 0;
            }
        }

        return new PlacementResult(plan, daemonSet, nodes, decisions, desired);
    }

    /// <summary>
    /// Evaluates many plans over the same nodes, node by node (each node's labels and taints stay in cache while every
    /// plan looks at it), which is what <c>place</c> and the inventory rules need for a whole folder of DaemonSets.
    /// </summary>
    /// <param name="plans">The plans.</param>
    /// <param name="nodes">The nodes.</param>
    /// <param name="daemonSets">The DaemonSet objects aligned with <paramref name="plans"/>, or null.</param>
    /// <returns>One result per plan, in order.</returns>
    public static PlacementResult[] EvaluateAll(IReadOnlyList<PlacementPlan> plans, IReadOnlyList<NodeInfo> nodes, IReadOnlyList<ManifestObject?>? daemonSets = null)
    {
        var nodeArray = nodes as NodeInfo[] ?? System.Linq.Enumerable.ToArray(nodes);
        var planArray = plans as PlacementPlan[] ?? System.Linq.Enumerable.ToArray(plans);
        var decisions = new PlacementDecision[planArray.Length][];
        var desired = new int[planArray.Length];
        for (var p = 0; p < planArray.Length; p++)
        {
            decisions[p] = new PlacementDecision[nodeArray.Length];
        }

        for (var n = 0; n < nodeArray.Length; n++)
        {
            var node = nodeArray[n];
            for (var p = 0; p < planArray.Length; p++)
            {
                var d = planArray[p].Decide(node);
                decisions[p][n] = d;
                desired[p] += d.ShouldRun ? 1 : 0;
            }
        }

        var results = new PlacementResult[planArray.Length];
        for (var p = 0; p < planArray.Length; p++)
        {
            results[p] = new PlacementResult(planArray[p], daemonSets?[p], nodeArray, decisions[p], desired[p]);
        }

        return results;
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
