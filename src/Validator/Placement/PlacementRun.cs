using System.Collections.Generic;
using DaemonLint.Model;

namespace DaemonLint.Placement;

/// <summary>What the capacity check counted.</summary>
public enum CapacitySource
{
    /// <summary>Not checked: no node reports status.allocatable and no pods were given.</summary>
    None,

    /// <summary>Nodes' status.allocatable only: the daemon pod must fit an empty node.</summary>
    Allocatable,

    /// <summary>Allocatable minus what the pods already bound to each node request (<c>--pods</c>).</summary>
    AllocatableAndPods,
}

/// <summary>
/// One placement run: several DaemonSets over one inventory. It holds the controller's decision per DaemonSet and node
/// (exact, node by node), the node classes and per-DaemonSet groups that summarize them, and, when the inventory carries
/// allocatable resources or pods, whether each daemon pod fits where the controller creates it.
/// </summary>
public sealed class PlacementRun
{
    private readonly Dictionary<PlacementResult, IReadOnlyList<NodeGroup>> groups = new();

    private PlacementRun(IReadOnlyList<NodeInfo> nodes, PlacementResult[] results, NodeClassSet classes, CapacitySource capacity, PodInventory? pods)
    {
        this.Nodes = nodes;
        this.Results = results;
        this.Classes = classes;
        this.Capacity = capacity;
        this.Pods = pods;
    }

    /// <summary>Gets the nodes, in inventory order.</summary>
    public IReadOnlyList<NodeInfo> Nodes { get; }

    /// <summary>Gets one result per DaemonSet, in input order.</summary>
    public IReadOnlyList<PlacementResult> Results { get; }

    /// <summary>Gets the node classes as all the run's DaemonSets see them.</summary>
    public NodeClassSet Classes { get; }

    /// <summary>Gets what the capacity check counted.</summary>
    public CapacitySource Capacity { get; }

    /// <summary>Gets the pods counted, or null.</summary>
    public PodInventory? Pods { get; }

    /// <summary>Evaluates DaemonSet objects against an inventory (its attached pods included).</summary>
    /// <param name="daemonSets">The DaemonSets.</param>
    /// <param name="inventory">The nodes, and the pods when attached.</param>
    /// <returns>The run.</returns>
    public static PlacementRun Evaluate(IReadOnlyList<ManifestObject> daemonSets, NodeInventory inventory)
    {
        var plans = new PlacementPlan[daemonSets.Count];
        for (var i = 0; i < plans.Length; i++)
        {
            plans[i] = PlacementPlan.Compile(daemonSets[i]);
        }

        return Evaluate(plans, inventory.Nodes, daemonSets, inventory.Pods);
    }

    /// <summary>Evaluates compiled plans.</summary>
    /// <param name="plans">The plans.</param>
    /// <param name="nodes">The nodes.</param>
    /// <param name="daemonSets">The DaemonSet objects aligned with the plans, or null.</param>
    /// <param name="pods">The pods bound to the nodes, or null.</param>
    /// <param name="model">What the pods hold per node, when already built for these nodes and pods (rules share one).</param>
    /// <returns>The run.</returns>
    public static PlacementRun Evaluate(IReadOnlyList<PlacementPlan> plans, IReadOnlyList<NodeInfo> nodes, IReadOnlyList<ManifestObject?>? daemonSets = null, PodInventory? pods = null, CapacityModel? model = null)
    {
        var results = PlacementEvaluator.EvaluateAll(plans, nodes, daemonSets);
        var nodeArray = results.Length > 0 ? results[0].Nodes : nodes;
        var classes = NodeClassSet.Build(plans, nodeArray);
        var source = pods is not null ? CapacitySource.AllocatableAndPods : CapacitySource.None;
        if (source == CapacitySource.None)
        {
            foreach (var n in nodeArray)
            {
                if (n.HasAllocatable)
                {
                    source = CapacitySource.Allocatable;
                    break;
                }
            }
        }

        if (source != CapacitySource.None)
        {
            CheckCapacity(results, nodeArray, model ?? CapacityModel.Build(nodeArray, pods), pods is not null);
        }

        return new PlacementRun(nodeArray, results, classes, source, pods);
    }

    /// <summary>Gets the groups of one result (computed once).</summary>
    /// <param name="result">A result of this run.</param>
    /// <returns>The groups, in the order of their first node.</returns>
    public IReadOnlyList<NodeGroup> GroupsOf(PlacementResult result)
    {
        if (!this.groups.TryGetValue(result, out var g))
        {
            g = this.Classes.GroupsFor(result);
            this.groups[result] = g;
        }

        return g;
    }

    private static void CheckCapacity(PlacementResult[] results, IReadOnlyList<NodeInfo> nodes, CapacityModel model, bool withPods)
    {
        var pods = new DaemonPod[results.Length];
        for (var p = 0; p < results.Length; p++)
        {
            pods[p] = DaemonPod.Of(results[p].Plan);
        }

        // Host ports the other DaemonSets of the run will hold: on the nodes they should run on, where no pod of theirs is
        // yet and no other pod holds the port already.
        List<(HostPort, string)>?[]? runPorts = null;
        for (var p = 0; p < results.Length; p++)
        {
            if (pods[p].Ports.Count == 0)
            {
                continue;
            }

            runPorts ??= new List<(HostPort, string)>?[nodes.Count];
            var decisions = results[p].Decisions;
            for (var n = 0; n < nodes.Count; n++)
            {
                if (decisions[n].ShouldRun && model.OwnedPods(n, pods[p].Key) == 0)
                {
                    foreach (var port in pods[p].Ports)
                    {
                        if (!model.PortHeldByOthers(n, port, pods[p].Key))
                        {
                            (runPorts[n] ??= new List<(HostPort, string)>()).Add((port, pods[p].Key));
                        }
                    }
                }
            }
        }

        for (var p = 0; p < results.Length; p++)
        {
            var r = results[p];
            var fits = new FitVerdict[nodes.Count];
            var existing = 0;
            var removed = 0;
            var lost = 0;
            for (var n = 0; n < nodes.Count; n++)
            {
                var d = r.Decisions[n];
                if (d.ShouldRun)
                {
                    fits[n] = model.Check(pods[p], n, runPorts?[n]);
                }

                if (withPods)
                {
                    var owned = model.OwnedPods(n, pods[p].Key);
                    existing += owned;
                    if (owned > 0 && !d.ShouldContinueRunning)
                    {
                        removed += owned;
                        lost++;
                    }
                }
            }

            r.SetCapacity(pods[p], fits);
            r.SetExisting(existing, removed, lost);
        }
    }
}
