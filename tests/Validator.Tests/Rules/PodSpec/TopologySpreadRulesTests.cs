using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodSpec;

public sealed class TopologySpreadRulesTests
{
    private const string P = "spec.template.spec.topologySpreadConstraints";

    [Fact]
    public void ZeroMaxSkew_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1124_TopologySpreadConstraintMustBeValid.Id,
            $$$"""
            topologySpreadConstraints:
              - maxSkew: 0 # expect: DS1124 {{{P}}}[0].maxSkew
                topologyKey: kubernetes.io/hostname
                whenUnsatisfiable: DoNotSchedule
                labelSelector: {matchLabels: {app: a}}
            containers: [{name: c, image: i}]
            """);
        Assert.Equal("Invalid value: 0: must be greater than zero", f.Message);
        Assert.Equal("maxSkew is the largest allowed difference in matching pods between two domains; use 1 or more", f.Hint);
    }

    [Fact]
    public void EmptyTopologyKey_Triggers_Required()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1124_TopologySpreadConstraintMustBeValid.Id,
            $$$"""
            topologySpreadConstraints:
              - maxSkew: 1
                topologyKey: "" # expect: DS1124 {{{P}}}[0].topologyKey
                whenUnsatisfiable: DoNotSchedule
                labelSelector: {matchLabels: {app: a}}
            containers: [{name: c, image: i}]
            """);
        Assert.Equal(FindingKind.Required, f.Kind);
        Assert.Equal("Required value: can not be empty", f.Message);
        Assert.Equal("Set topologyKey to a node label, e.g. kubernetes.io/hostname or topology.kubernetes.io/zone", f.Hint);
    }

    [Fact]
    public void TopologyKeyThatIsNoLabelKey_DoesNotTrigger()
    {
        PodSpecYaml.None(
            RuleCatalog.DS1124_TopologySpreadConstraintMustBeValid.Id,
            """
            topologySpreadConstraints:
              - {maxSkew: 1, topologyKey: "not a/label/key", whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: a}}}
            containers: [{name: c, image: i}]
            """);
    }

    [Fact]
    public void WrongCaseWhenUnsatisfiable_Triggers_WithFix()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1124_TopologySpreadConstraintMustBeValid.Id,
            $$$"""
            topologySpreadConstraints:
              - maxSkew: 1
                topologyKey: kubernetes.io/hostname
                whenUnsatisfiable: scheduleAnyway # expect: DS1124 {{{P}}}[0].whenUnsatisfiable
                labelSelector: {matchLabels: {app: a}}
            containers: [{name: c, image: i}]
            """);
        Assert.Equal(FindingKind.NotSupported, f.Kind);
        Assert.Equal("Unsupported value: \"scheduleAnyway\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"", f.Message);
        Assert.Equal("Write ScheduleAnyway: whenUnsatisfiable is case-sensitive", f.Hint);
    }

    [Fact]
    public void MinDomainsWithScheduleAnyway_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1124_TopologySpreadConstraintMustBeValid.Id,
            $$$"""
            topologySpreadConstraints:
              - maxSkew: 1
                topologyKey: topology.kubernetes.io/zone
                whenUnsatisfiable: ScheduleAnyway
                minDomains: 2 # expect: DS1124 {{{P}}}[0].minDomains
                labelSelector: {matchLabels: {app: a}}
            containers: [{name: c, image: i}]
            """);
        Assert.Equal("Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway", f.Message);
        Assert.Equal("Remove minDomains, or use whenUnsatisfiable: DoNotSchedule", f.Hint);
    }

    [Fact]
    public void UnknownNodeTaintsPolicy_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1124_TopologySpreadConstraintMustBeValid.Id,
            $$$"""
            topologySpreadConstraints:
              - maxSkew: 1
                topologyKey: topology.kubernetes.io/zone
                whenUnsatisfiable: DoNotSchedule
                nodeTaintsPolicy: Respect # expect: DS1124 {{{P}}}[0].nodeTaintsPolicy
                labelSelector: {matchLabels: {app: a}}
            containers: [{name: c, image: i}]
            """);
        Assert.Equal("Unsupported value: \"Respect\": supported values: \"Honor\", \"Ignore\"", f.Message);
        Assert.Equal("Remove nodeTaintsPolicy to use the default, or write Honor or Ignore", f.Hint);
    }

    [Fact]
    public void RepeatedPair_Triggers_Duplicate()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1125_TopologySpreadConstraintsMustBeUnique.Id,
            $$$"""
            topologySpreadConstraints:
              - {labelSelector: {matchLabels: {app: a}}, maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule} # expect: DS1125 {{{P}}}[0].{topologyKey, whenUnsatisfiable}
              - {labelSelector: {matchLabels: {app: b}}, maxSkew: 2, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}
            containers: [{name: c, image: i}]
            """);
        Assert.Equal(FindingKind.Duplicate, f.Kind);
        Assert.Equal("Duplicate value: \"{zone, DoNotSchedule}\"", f.Message);
        Assert.Equal("topologySpreadConstraints[1] has the same topologyKey and whenUnsatisfiable; keep one of them", f.Hint);
    }

    [Fact]
    public void MatchLabelKeysWithoutSelector_Triggers_Forbidden()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1126_TopologySpreadSelectorMustBeValid.Id,
            $$$"""
            topologySpreadConstraints:
              - maxSkew: 1
                topologyKey: zone
                whenUnsatisfiable: DoNotSchedule
                matchLabelKeys: [pod-template-hash] # expect: DS1126 {{{P}}}[0].matchLabelKeys
            containers: [{name: c, image: i}]
            """);
        Assert.Equal(FindingKind.Forbidden, f.Kind);
        Assert.Equal("Forbidden: must not be specified when labelSelector is not set", f.Message);
        Assert.Equal("Add a labelSelector for the pods to count, or remove matchLabelKeys", f.Hint);
    }

    [Fact]
    public void MatchLabelKeyTwiceInSelector_Triggers_AtUpstreamPath()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1126_TopologySpreadSelectorMustBeValid.Id,
            $$$"""
            topologySpreadConstraints:
              - maxSkew: 1
                topologyKey: zone
                whenUnsatisfiable: DoNotSchedule
                labelSelector:
                  matchExpressions:
                    - {key: app, operator: Exists}
                    - {key: app, operator: NotIn, values: [x]}
                matchLabelKeys:
                  - tier
                  - app # expect: DS1126 {{{P}}}[0][1]
            containers: [{name: c, image: i}]
            """);
        Assert.Equal("Invalid value: \"app\": exists in both matchLabelKeys and labelSelector", f.Message);
        Assert.Equal("matchLabelKeys already selects the pod's own value of app; remove app from the labelSelector", f.Hint);
    }

    [Fact]
    public void MatchLabelKeyOnceInSelector_DoesNotTrigger()
    {
        PodSpecYaml.None(
            RuleCatalog.DS1126_TopologySpreadSelectorMustBeValid.Id,
            """
            topologySpreadConstraints:
              - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: a}}, matchLabelKeys: [app]}
            containers: [{name: c, image: i}]
            """);
    }

    [Fact]
    public void InvalidMatchLabelKey_Triggers()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1126_TopologySpreadSelectorMustBeValid.Id,
            $$$"""
            topologySpreadConstraints:
              - maxSkew: 1
                topologyKey: zone
                whenUnsatisfiable: DoNotSchedule
                labelSelector: {matchLabels: {app: a}}
                matchLabelKeys: ["-hash"] # expect: DS1126 {{{P}}}[0].matchLabelKeys[0]
            containers: [{name: c, image: i}]
            """);
        Assert.StartsWith("Invalid value: \"-hash\": name part must consist of alphanumeric characters", f.Message);
    }
}
