using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using DaemonLint.Model;
using DaemonLint.Placement;

namespace DaemonLint.Bench.Placement;

/// <summary>Placement of 100 DaemonSets over 5,000 realistic nodes.</summary>
[MemoryDiagnoser]
public class PlacementBenchmarks
{
    private List<ManifestObject> daemonSets = null!;
    private NodeInfo[] nodes = null!;
    private PlacementPlan[] plans = null!;

    /// <summary>Gets or sets the number of nodes.</summary>
    [Params(5000)]
    public int Nodes { get; set; }

    /// <summary>Gets or sets the number of DaemonSets.</summary>
    [Params(100)]
    public int DaemonSets { get; set; }

    /// <summary>Reads the corpus (not measured).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var inventory = NodeInventory.FromObjects(Corpus.Read(Corpus.NodesYaml(this.Nodes)));
        this.nodes = inventory.Nodes.ToArray();
        this.daemonSets = Corpus.Read(Corpus.DaemonSetsYaml(this.DaemonSets));
        this.plans = this.daemonSets.Select(PlacementPlan.Compile).ToArray();
    }

    /// <summary>Compile every plan and decide every node, keeping all decisions and the rollout plans (what <c>place</c> does).</summary>
    /// <returns>The total desired count.</returns>
    [Benchmark(Baseline = true)]
    public int CompileAndEvaluate()
    {
        var total = 0;
        foreach (var ds in this.daemonSets)
        {
            total += PlacementEvaluator.Evaluate(ds, this.nodes).Desired;
        }

        return total;
    }

    /// <summary>Decide every node with plans compiled beforehand, keeping the decisions.</summary>
    /// <returns>The total desired count.</returns>
    [Benchmark]
    public int EvaluatePrecompiled()
    {
        var total = 0;
        foreach (var p in this.plans)
        {
            total += PlacementEvaluator.Evaluate(p, this.nodes).Desired;
        }

        return total;
    }

    /// <summary>Compile every plan, then decide node by node for all plans at once (what <c>place</c> does).</summary>
    /// <returns>The total desired count.</returns>
    [Benchmark]
    public int CompileAndEvaluateAllNodeMajor()
    {
        var plans = new PlacementPlan[this.daemonSets.Count];
        for (var i = 0; i < plans.Length; i++)
        {
            plans[i] = PlacementPlan.Compile(this.daemonSets[i]);
        }

        var total = 0;
        foreach (var r in PlacementEvaluator.EvaluateAll(plans, this.nodes, this.daemonSets))
        {
            total += r.Desired;
        }

        return total;
    }

    /// <summary>Only count the nodes that should run each DaemonSet (no decision kept).</summary>
    /// <returns>The total desired count.</returns>
    [Benchmark]
    public int CountDesired()
    {
        var total = 0;
        foreach (var p in this.plans)
        {
            total += PlacementEvaluator.CountDesired(p, this.nodes);
        }

        return total;
    }

    /// <summary>Counts the desired nodes of the DaemonSets of one shape (every tenth; diagnostics for --check --shapes).</summary>
    /// <param name="shape">The shape, 0-9.</param>
    /// <returns>The total desired count.</returns>
    public int CountShape(int shape)
    {
        var total = 0;
        for (var i = shape; i < this.plans.Length; i += 10)
        {
            total += PlacementEvaluator.CountDesired(this.plans[i], this.nodes);
        }

        return total;
    }
}
