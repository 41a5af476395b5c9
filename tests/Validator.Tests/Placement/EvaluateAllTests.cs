using System.IO;
using System.Linq;
using DaemonLint.Placement;
using static DaemonLint.Tests.Placement.PlacementTestKit;

namespace DaemonLint.Tests.Placement;

/// <summary>The node-major evaluation used by <c>place</c> gives exactly the per-plan answers.</summary>
public sealed class EvaluateAllTests
{
    [Fact]
    public void NodeMajor_EqualsPlanByPlan()
    {
        var sample = Path.Combine(RepoPaths.Root, "bench", "Placement", "sample");
        var nodes = NodeInventory.FromObjects(Objects(File.ReadAllText(Path.Combine(sample, "nodes.yaml")))).Nodes;
        var daemonSets = Objects(File.ReadAllText(Path.Combine(sample, "daemonsets.yaml")));
        var plans = daemonSets.Select(PlacementPlan.Compile).ToList();
        var all = PlacementEvaluator.EvaluateAll(plans, nodes, daemonSets);
        Assert.Equal(plans.Count, all.Length);
        for (var p = 0; p < plans.Count; p++)
        {
            var single = PlacementEvaluator.Evaluate(plans[p], nodes, daemonSets[p]);
            Assert.Same(daemonSets[p], all[p].DaemonSet);
            Assert.Equal(single.Desired, all[p].Desired);
            Assert.Equal(single.Rollout.Summary, all[p].Rollout.Summary);
            Assert.Equal(
                single.Decisions.Select(d => (d.ShouldRun, d.ShouldContinueRunning, d.Reason, d.Detail, d.Notes)),
                all[p].Decisions.Select(d => (d.ShouldRun, d.ShouldContinueRunning, d.Reason, d.Detail, d.Notes)));
        }

        Assert.Equal(new[] { 7, 3, 1, 2, 4 }, all.Select(r => r.Desired));
    }
}
