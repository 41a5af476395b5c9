using System.Collections.Generic;
using System.Linq;
using DaemonLint.Placement;
using static DaemonLint.Tests.Placement.PlacementTestKit;

namespace DaemonLint.Tests.Placement;

/// <summary>
/// Named scenarios after the upstream controller tests (<c>pkg/controller/daemon/daemon_controller_test.go</c>) and the
/// edge cases of PLACEMENT.md. Each row: a pod spec, nodes, and the expected decision per node.
/// </summary>
public sealed class PlacementScenarioTests
{
    private static readonly NodeInfo[] Three = { Node("n1"), Node("n2"), Node("n3") };

    private static readonly NodeInfo[] Cpus =
    {
        Node("cpu-8", "cpu=8"), Node("cpu-010", "cpu=010"), Node("cpu-16", "cpu=16"), Node("cpu-8c", "cpu=8c"),
        Node("cpu-16.0", "cpu=16.0"), Node("cpu-huge", "cpu=99999999999999999999"), Node("cpu-none"),
    };

    private static readonly Dictionary<string, (string PodSpec, NodeInfo[] Nodes, string Expected)> Scenarios = new()
    {
        // TestSimpleDaemonSetLaunchesPods
        ["SimpleDaemonSetLaunchesPods"] = ("", Three, "n1:runs n2:runs n3:runs"),

        // TestNameDaemonSetLaunchesPods / TestBadNameDaemonSetDoesNothing
        ["NameDaemonSetLaunchesPods"] = ("nodeName: n2", Three, "n1:NodeNameMismatch n2:runs n3:NodeNameMismatch"),
        ["BadNameDaemonSetDoesNothing"] = ("nodeName: nope", Three, "n1:NodeNameMismatch n2:NodeNameMismatch n3:NodeNameMismatch"),

        // TestSelectorDaemonLaunchesPods / TestBadSelectorDaemonDoesNothing
        ["SelectorDaemonLaunchesPods"] = ("nodeSelector: {color: blue}", new[] { Node("blue", "color=blue"), Node("red", "color=red"), Node("bare") }, "blue:runs red:NodeSelectorMismatch bare:NodeSelectorMismatch"),
        ["SelectorEmptyValueNeedsTheLabel"] = ("nodeSelector: {flag: \"\"}", new[] { Node("empty", "flag="), Node("bare"), Node("set", "flag=x") }, "empty:runs bare:NodeSelectorMismatch set:NodeSelectorMismatch"),
        ["SelectorIsCaseSensitive"] = ("nodeSelector: {color: Blue}", new[] { Node("blue", "color=blue") }, "blue:NodeSelectorMismatch"),

        // TestNameAndSelectorDaemonSetLaunchesPods / TestInconsistentNameSelectorDaemonSetDoesNothing
        ["NameAndSelectorDaemonSetLaunchesPods"] = ("nodeName: n1\nnodeSelector: {color: blue}", new[] { Node("n1", "color=blue"), Node("n2", "color=blue") }, "n1:runs n2:NodeNameMismatch"),
        ["InconsistentNameSelectorDoesNothing"] = ("nodeName: n1\nnodeSelector: {color: blue}", new[] { Node("n1", "color=red"), Node("n2", "color=blue") }, "n1:NodeSelectorMismatch n2:NodeNameMismatch"),

        // TestNodeAffinityDaemonLaunchesPods and the operator table
        ["NodeAffinityIn"] = (Affinity("- matchExpressions: [{key: color, operator: In, values: [blue, green]}]"), new[] { Node("blue", "color=blue"), Node("red", "color=red"), Node("bare") }, "blue:runs red:NodeAffinityMismatch bare:NodeAffinityMismatch"),
        ["NodeAffinityNotInMatchesMissingKey"] = (Affinity("- matchExpressions: [{key: color, operator: NotIn, values: [red]}]"), new[] { Node("blue", "color=blue"), Node("red", "color=red"), Node("bare") }, "blue:runs red:NodeAffinityMismatch bare:runs"),
        ["NodeAffinityExists"] = (Affinity("- matchExpressions: [{key: gpu, operator: Exists}]"), new[] { Node("empty", "gpu="), Node("bare") }, "empty:runs bare:NodeAffinityMismatch"),
        ["NodeAffinityDoesNotExist"] = (Affinity("- matchExpressions: [{key: gpu, operator: DoesNotExist}]"), new[] { Node("empty", "gpu="), Node("bare") }, "empty:NodeAffinityMismatch bare:runs"),
        ["NodeAffinityGtParsesLikeGo"] = (Affinity("- matchExpressions: [{key: cpu, operator: Gt, values: [\"8\"]}]"), Cpus, "cpu-8:NodeAffinityMismatch cpu-010:runs cpu-16:runs cpu-8c:NodeAffinityMismatch cpu-16.0:NodeAffinityMismatch cpu-huge:NodeAffinityMismatch cpu-none:NodeAffinityMismatch"),
        ["NodeAffinityLtIsStrict"] = (Affinity("- matchExpressions: [{key: cpu, operator: Lt, values: [\"10\"]}]"), Cpus, "cpu-8:runs cpu-010:NodeAffinityMismatch cpu-16:NodeAffinityMismatch cpu-8c:NodeAffinityMismatch cpu-16.0:NodeAffinityMismatch cpu-huge:NodeAffinityMismatch cpu-none:NodeAffinityMismatch"),
        ["NodeAffinityGtLeadingZeroThreshold"] = (Affinity("- matchExpressions: [{key: cpu, operator: Gt, values: [\"08\"]}]"), Cpus, "cpu-8:NodeAffinityMismatch cpu-010:runs cpu-16:runs cpu-8c:NodeAffinityMismatch cpu-16.0:NodeAffinityMismatch cpu-huge:NodeAffinityMismatch cpu-none:NodeAffinityMismatch"),
        ["NegativeThresholdTermNeverMatchesButOthersAreTried"] = (Affinity("- matchExpressions: [{key: cpu, operator: Gt, values: [\"-1\"]}]\n- matchExpressions: [{key: cpu, operator: In, values: [\"16\"]}]"), Cpus, "cpu-8:NodeAffinityMismatch cpu-010:NodeAffinityMismatch cpu-16:runs cpu-8c:NodeAffinityMismatch cpu-16.0:NodeAffinityMismatch cpu-huge:NodeAffinityMismatch cpu-none:NodeAffinityMismatch"),
        ["NonIntegerThresholdTermNeverMatches"] = (Affinity("- matchExpressions: [{key: cpu, operator: Gt, values: [\"4.5\"]}]"), Cpus, "cpu-8:NodeAffinityMismatch cpu-010:NodeAffinityMismatch cpu-16:NodeAffinityMismatch cpu-8c:NodeAffinityMismatch cpu-16.0:NodeAffinityMismatch cpu-huge:NodeAffinityMismatch cpu-none:NodeAffinityMismatch"),
        ["InvalidLabelValueMakesTermUnbuildable"] = (Affinity("- matchExpressions: [{key: color, operator: In, values: [good, \"not valid\"]}]"), new[] { Node("good", "color=good") }, "good:NodeAffinityMismatch"),
        ["TermsAreOredExpressionsAnded"] = (Affinity("- matchExpressions: [{key: a, operator: Exists}, {key: b, operator: Exists}]\n- matchExpressions: [{key: c, operator: Exists}]"), new[] { Node("ab", "a=1,b=1"), Node("a", "a=1"), Node("c", "c=1") }, "ab:runs a:NodeAffinityMismatch c:runs"),
        ["SelfContradictingTermMatchesNothing"] = (Affinity("- matchExpressions: [{key: a, operator: Exists}, {key: a, operator: DoesNotExist}]"), new[] { Node("a", "a=1"), Node("bare") }, "a:NodeAffinityMismatch bare:NodeAffinityMismatch"),
        ["SelectorAndAffinityBothApply"] = ("nodeSelector: {zone: a}\n" + Affinity("- matchExpressions: [{key: disk, operator: In, values: [ssd]}]"), new[] { Node("both", "zone=a,disk=ssd"), Node("zone", "zone=a"), Node("disk", "disk=ssd") }, "both:runs zone:NodeAffinityMismatch disk:NodeSelectorMismatch"),

        // matchFields (case 027) and matchExpressions on metadata.name (case 029)
        ["MatchFieldsOneNamePerTerm"] = (Affinity("- matchFields: [{key: metadata.name, operator: In, values: [n1]}]\n- matchFields: [{key: metadata.name, operator: In, values: [n3]}]"), Three, "n1:runs n2:NodeAffinityMismatch n3:runs"),
        ["MatchFieldsNotIn"] = (Affinity("- matchFields: [{key: metadata.name, operator: NotIn, values: [n2]}]"), Three, "n1:runs n2:NodeAffinityMismatch n3:runs"),
        ["MatchFieldsWithTwoValuesNeverMatches"] = (Affinity("- matchFields: [{key: metadata.name, operator: In, values: [n1, n2]}]"), Three, "n1:NodeAffinityMismatch n2:NodeAffinityMismatch n3:NodeAffinityMismatch"),
        ["MatchExpressionsOnMetadataNameMatchesNothing"] = (Affinity("- matchExpressions: [{key: metadata.name, operator: In, values: [n1]}]"), Three, "n1:NodeAffinityMismatch n2:NodeAffinityMismatch n3:NodeAffinityMismatch"),
        ["MatchFieldsAndExpressionsAreAnded"] = (Affinity("- matchFields: [{key: metadata.name, operator: In, values: [n1]}]\n  matchExpressions: [{key: a, operator: Exists}]"), new[] { Node("n1", "a=1"), Node("n2", "a=1") }, "n1:runs n2:NodeAffinityMismatch"),

        // empty things
        ["EmptyTermIsSkipped"] = (Affinity("- {}\n- matchExpressions: [{key: a, operator: Exists}]"), new[] { Node("a", "a=1"), Node("bare") }, "a:runs bare:NodeAffinityMismatch"),
        ["OnlyEmptyTermsMatchNothing"] = (Affinity("- {}\n- matchExpressions: []"), new[] { Node("a", "a=1") }, "a:NodeAffinityMismatch"),
        ["PreferredAffinityNeverExcludes"] = ("affinity:\n  nodeAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n    - weight: 1\n      preference: {matchExpressions: [{key: a, operator: Exists}]}", new[] { Node("bare") }, "bare:runs"),

        // TestTaintedNodeDaemonDoesNotLaunchIntolerantPods / TestTaintedNodeDaemonLaunchesToleratePod
        ["TaintedNodeDoesNotLaunchIntolerantPods"] = ("", new[] { Node("tainted", taints: "dedicated=gpu:NoSchedule"), Node("clean") }, "tainted:UntoleratedTaint/kept clean:runs"),
        ["TaintedNodeLaunchesToleratePod"] = ("tolerations: [{key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}]", new[] { Node("tainted", taints: "dedicated=gpu:NoSchedule") }, "tainted:runs"),
        ["NoExecuteTaintEvicts"] = ("", new[] { Node("tainted", taints: "dedicated=gpu:NoExecute") }, "tainted:UntoleratedTaint/evict"),
        ["PreferNoScheduleNeverExcludes"] = ("", new[] { Node("soft", taints: "dedicated=gpu:PreferNoSchedule") }, "soft:runs"),
        ["EffectsAreNotOrdered"] = ("tolerations: [{key: k, operator: Exists, effect: NoExecute}]", new[] { Node("ns", taints: "k:NoSchedule"), Node("ne", taints: "k:NoExecute") }, "ns:UntoleratedTaint/kept ne:runs"),
        ["WildcardTolerationToleratesEverything"] = ("tolerations: [{operator: Exists}]", new[] { Node("cp", taints: "node-role.kubernetes.io/control-plane:NoSchedule,x=y:NoExecute") }, "cp:runs"),
        ["WildcardNoScheduleDoesNotCoverNoExecute"] = ("tolerations: [{operator: Exists, effect: NoSchedule}]", new[] { Node("a", taints: "x:NoSchedule"), Node("b", taints: "x:NoExecute") }, "a:runs b:UntoleratedTaint/evict"),
        ["EqualWithoutValueMatchesTaintWithoutValue"] = ("tolerations: [{key: k, effect: NoSchedule}]", new[] { Node("novalue", taints: "k:NoSchedule"), Node("value", taints: "k=v:NoSchedule") }, "novalue:runs value:UntoleratedTaint/kept"),
        ["ControlPlaneIsNotADefault"] = ("", new[] { Node("cp", taints: "node-role.kubernetes.io/control-plane:NoSchedule") }, "cp:UntoleratedTaint/kept"),
        ["MasterTolerationDoesNotCoverControlPlane"] = ("tolerations: [{key: node-role.kubernetes.io/master, operator: Exists, effect: NoSchedule}]", new[] { Node("old", taints: "node-role.kubernetes.io/master:NoSchedule"), Node("new", taints: "node-role.kubernetes.io/control-plane:NoSchedule") }, "old:runs new:UntoleratedTaint/kept"),

        // default tolerations: TestNotReadyNodeDaemonLaunchesPod, TestUnreachableNodeDaemonLaunchesPod, TestTaintPressureNodeDaemonLaunchesPod
        ["NotReadyNodeDaemonLaunchesPod"] = ("", new[] { Node("nr", taints: "node.kubernetes.io/not-ready:NoExecute") }, "nr:runs"),
        ["UnreachableNodeDaemonLaunchesPod"] = ("", new[] { Node("ur", taints: "node.kubernetes.io/unreachable:NoExecute") }, "ur:runs"),
        ["TaintPressureNodeDaemonLaunchesPod"] = ("", new[] { Node("p", taints: "node.kubernetes.io/disk-pressure:NoSchedule,node.kubernetes.io/memory-pressure:NoSchedule,node.kubernetes.io/pid-pressure:NoSchedule") }, "p:runs"),
        ["PressureNoExecuteIsNotADefault"] = ("", new[] { Node("p", taints: "node.kubernetes.io/memory-pressure:NoExecute") }, "p:UntoleratedTaint/evict"),
        ["RealNotReadyNodeWithBothTaintsKeepsButDoesNotSchedule"] = ("", new[] { Node("nr", taints: "node.kubernetes.io/not-ready:NoSchedule,node.kubernetes.io/not-ready:NoExecute") }, "nr:UntoleratedTaint/kept"),
        ["UnschedulableNodeDaemonLaunchesPod"] = ("", new[] { Node("cordoned", taints: "node.kubernetes.io/unschedulable:NoSchedule", cordoned: true), Node("cordoned-untainted", cordoned: true) }, "cordoned:runs cordoned-untainted:runs"),
        ["NetworkUnavailableNodeDaemonLaunchesPodWithHostNetwork"] = ("hostNetwork: true", new[] { Node("nu", taints: "node.kubernetes.io/network-unavailable:NoSchedule") }, "nu:runs"),
        ["NetworkUnavailableNeedsHostNetwork"] = ("", new[] { Node("nu", taints: "node.kubernetes.io/network-unavailable:NoSchedule") }, "nu:UntoleratedTaint/kept"),
        ["UserTolerationSecondsOnDefaultIsDropped"] = ("tolerations: [{key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 10}]", new[] { Node("nr", taints: "node.kubernetes.io/not-ready:NoExecute") }, "nr:runs"),
    };

    public static IEnumerable<object[]> Names() => Scenarios.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Names))]
    public void Scenario_DecidesLikeTheController(string name)
    {
        var (podSpec, nodes, expected) = Scenarios[name];
        var result = PlacementEvaluator.Evaluate(DaemonSet(podSpec), nodes);
        var actual = string.Join(" ", nodes.Select((n, i) => n.Name + ":" + Describe(result.Decisions[i])));
        Assert.Equal(expected, actual);
        Assert.Equal(result.Decisions.Count(d => d.ShouldRun), result.Desired);
    }

    [Fact]
    public void FirstUntoleratedTaintInListOrder_IsTheDetail()
    {
        var node = Node("n", taints: "a=1:PreferNoSchedule,b=2:NoSchedule,c:NoExecute");
        var d = PlacementPlan.Compile(DaemonSet(string.Empty)).Decide(node);
        Assert.Equal(PlacementReason.UntoleratedTaint, d.Reason);
        Assert.Equal("b=2:NoSchedule", d.Detail);
        Assert.False(d.ShouldContinueRunning);
        Assert.Equal(PlacementNotes.None, d.Notes & PlacementNotes.KeptButNotScheduled);
    }

    [Fact]
    public void SelectorMismatch_NamesTheFirstFailingPair()
    {
        var d = PlacementPlan.Compile(DaemonSet("nodeSelector: {a: \"1\", b: \"2\"}")).Decide(Node("n", "a=1,b=3"));
        Assert.Equal(PlacementReason.NodeSelectorMismatch, d.Reason);
        Assert.Equal("b=2", d.Detail);
    }

    [Fact]
    public void AffinityMismatch_NamesTheFailingRequirementOfASingleTerm()
    {
        var d = PlacementPlan.Compile(DaemonSet(Affinity("- matchExpressions: [{key: disk, operator: In, values: [ssd]}]"))).Decide(Node("n", "disk=hdd"));
        Assert.Equal("disk In [ssd]", d.Detail);
        var several = PlacementPlan.Compile(DaemonSet(Affinity("- matchExpressions: [{key: a, operator: Exists}]\n- matchExpressions: [{key: b, operator: Exists}]"))).Decide(Node("n"));
        Assert.Contains("no term matched", several.Detail);
    }

    [Fact]
    public void TolerationSecondsOnNoExecute_IsChurn()
    {
        var plan = PlacementPlan.Compile(DaemonSet("tolerations: [{key: spot, operator: Exists, effect: NoExecute, tolerationSeconds: 300}]"));
        var d = plan.Decide(Node("s", taints: "spot=yes:NoExecute"));
        Assert.True(d.ShouldRun);
        Assert.Equal(new[] { "Churn:TolerationSeconds" }, d.NoteNames);
        var forever = PlacementPlan.Compile(DaemonSet("tolerations: [{key: spot, operator: Exists, effect: NoExecute}]")).Decide(Node("s", taints: "spot=yes:NoExecute"));
        Assert.Empty(forever.NoteNames);
    }

    [Fact]
    public void NoScheduleOnlyExclusion_IsKeptButNotScheduled()
    {
        var d = PlacementPlan.Compile(DaemonSet(string.Empty)).Decide(Node("n", taints: "x:NoSchedule"));
        Assert.False(d.ShouldRun);
        Assert.True(d.ShouldContinueRunning);
        Assert.Equal(new[] { "KeptButNotScheduled" }, d.NoteNames);
    }

    [Fact]
    public void DefaultTolerations_MergeLikeAddOrUpdateTolerationInPodSpec()
    {
        var plan = PlacementPlan.Compile(DaemonSet("hostNetwork: true\ntolerations:\n- {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 5}\n- {key: node.kubernetes.io/unreachable, effect: NoExecute}\n- {key: custom, operator: Exists}"));
        var tolerations = plan.Tolerations;
        Assert.Equal(9, tolerations.Count);
        Assert.Null(tolerations.Single(t => t.Key == "node.kubernetes.io/not-ready").TolerationSeconds);
        Assert.Equal(2, tolerations.Count(t => t.Key == "node.kubernetes.io/unreachable"));
        Assert.Contains(tolerations, t => t.Key == "node.kubernetes.io/network-unavailable");
        Assert.DoesNotContain(PlacementPlan.Compile(DaemonSet(string.Empty)).Tolerations, t => t.Key == "node.kubernetes.io/network-unavailable");
    }

    [Theory]
    [InlineData("0", true, 0)]
    [InlineData("010", true, 10)]
    [InlineData("+7", true, 7)]
    [InlineData("-9223372036854775808", true, long.MinValue)]
    [InlineData("9223372036854775807", true, long.MaxValue)]
    [InlineData("9223372036854775808", false, 0)]
    [InlineData("99999999999999999999", false, 0)]
    [InlineData("8c", false, 0)]
    [InlineData("16.0", false, 0)]
    [InlineData(" 8", false, 0)]
    [InlineData("", false, 0)]
    [InlineData("-", false, 0)]
    [InlineData("1_000", false, 0)]
    public void GoParseInt_Semantics(string text, bool ok, long value)
    {
        Assert.Equal(ok, GoInt.TryParseInt64(text, out var v));
        Assert.Equal(value, v);
    }

    private static string Affinity(string terms) =>
        "affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n" +
        string.Join("\n", terms.Split('\n').Select(l => "      " + l));
}
