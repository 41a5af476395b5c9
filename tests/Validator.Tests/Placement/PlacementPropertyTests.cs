using System.Collections.Generic;
using System.Linq;
using DaemonLint.Placement;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static DaemonLint.Tests.Placement.PlacementTestKit;

namespace DaemonLint.Tests.Placement;

/// <summary>Properties of the decision that must hold for any nodes and tolerations drawn from realistic pools.</summary>
public sealed class PlacementPropertyTests
{
    private static readonly string[] Keys = { "dedicated", "gpu", "node-role.kubernetes.io/control-plane", "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable", "node.kubernetes.io/memory-pressure", "node.kubernetes.io/unschedulable", "node.kubernetes.io/network-unavailable", "spot" };
    private static readonly string[] Values = { string.Empty, "true", "a", "b" };
    private static readonly string[] TaintEffects = { "NoSchedule", "PreferNoSchedule", "NoExecute" };
    private static readonly string[] TolerationEffects = { string.Empty, "NoSchedule", "PreferNoSchedule", "NoExecute" };

    private static readonly HashSet<(string, string)> DefaultPairs = new()
    {
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    };

    private static Gen<Taint> TaintGen =>
        from k in Gen.Elements(Keys)
        from v in Gen.Elements(Values)
        from e in Gen.Elements(TaintEffects)
        select new Taint(k, v, e);

    private static Gen<Toleration> TolerationGen =>
        from wildcard in Gen.Elements(false, false, false, true)
        from k in Gen.Elements(Keys)
        from exists in Gen.Elements(true, false)
        from v in Gen.Elements(Values)
        from e in Gen.Elements(TolerationEffects)
        select wildcard ? new Toleration(string.Empty, "Exists", string.Empty, e) : new Toleration(k, exists ? "Exists" : "Equal", exists ? string.Empty : v, e);

    private static Gen<NodeInfo[]> NodesGen =>
        from n in Gen.Choose(0, 12)
        from taints in Gen.ListOf(Gen.Choose(0, 4).SelectMany(c => Gen.ListOf(TaintGen, c)), n)
        select taints.Select((t, i) => new NodeInfo("n" + i, null, t.ToList())).ToArray();

    [Property(MaxTest = 300)]
    public Property AddingAMatchingToleration_NeverRemovesANode() =>
        Prop.ForAll(
            Gen.Zip(NodesGen, Gen.ListOf(TolerationGen, 3)).ToArbitrary(),
            input =>
            {
                var (nodes, tolerations) = input;
                var before = Plan(tolerations.ToList());
                foreach (var node in nodes)
                {
                    foreach (var taint in node.Taints)
                    {
                        // A toleration made to match this taint exactly.
                        var added = new List<Toleration>(tolerations) { new(taint.Key, "Equal", taint.Value, taint.EffectText) };
                        var after = Plan(added);
                        foreach (var other in nodes)
                        {
                            var b = before.Decide(other);
                            var a = after.Decide(other);
                            if ((b.ShouldRun && !a.ShouldRun) || (b.ShouldContinueRunning && !a.ShouldContinueRunning))
                            {
                                return false;
                            }
                        }
                    }
                }

                return true;
            });

    [Property(MaxTest = 300)]
    public Property NoSelectorNoTolerations_SelectsExactlyTheNodesWithoutUntoleratedHardTaints() =>
        Prop.ForAll(
            NodesGen.ToArbitrary(),
            nodes =>
            {
                var plan = PlacementPlan.Compile(DaemonSet(string.Empty));

                // An oracle independent of Toleration.Tolerates: the defaults of PLACEMENT.md §3 as (key, effect) pairs, any value.
                return nodes.All(n =>
                {
                    var expected = n.Taints.All(t => t.EffectText is not ("NoSchedule" or "NoExecute") || DefaultPairs.Contains((t.Key, t.EffectText)));
                    return plan.Decide(n).ShouldRun == expected;
                });
            });

    [Property(MaxTest = 200)]
    public Property ShouldRun_ImpliesShouldContinueRunning() =>
        Prop.ForAll(
            Gen.Zip(NodesGen, Gen.ListOf(TolerationGen, 3)).ToArbitrary(),
            input => input.Item1.All(n =>
            {
                var d = Plan(input.Item2.ToList()).Decide(n);
                return !d.ShouldRun || d.ShouldContinueRunning;
            }));

    private static PlacementPlan Plan(List<Toleration> tolerations)
    {
        var yaml = tolerations.Count == 0
            ? string.Empty
            : "tolerations:\n" + string.Join("\n", tolerations.Select(t =>
                $"- {{key: \"{t.Key}\", operator: {t.OperatorText}{(t.Operator == TolerationOperator.Exists ? string.Empty : $", value: \"{t.Value}\"")}{(t.EffectText.Length == 0 ? string.Empty : ", effect: " + t.EffectText)}}}"));
        return PlacementPlan.Compile(DaemonSet(yaml));
    }
}
