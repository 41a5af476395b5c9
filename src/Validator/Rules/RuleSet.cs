using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Rules.DS1xxx;
using DaemonLint.Rules.DS6xxx;

namespace DaemonLint.Rules;

/// <summary>The rule instances, in catalog order. An explicit list: deterministic and trimming-safe.</summary>
public static partial class RuleSet
{
    /// <summary>Gets every rule.</summary>
    public static IReadOnlyList<Rule> All { get; } = BuildAll();

    private static Rule[] BuildAll()
    {
        var all = new List<Rule>();
        all.AddRange(CoreRules());
        all.AddRange(PodSpecRules());
        all.AddRange(PodResourcesRules());
        all.AddRange(SchemaRules());
        all.AddRange(PlacementRules());
        return all.ToArray();
    }

    private static Rule[] CoreRules() => new Rule[]
    {
        new SelectorMustMatchTemplateLabels(),
        new SelectorRequired(),
        new SelectorMustNotBeEmpty(),
        new LabelSelectorMustBeValid(),
        new SelectorIsImmutable(),
        new NameMustBeValid(),
        new LabelsMustBeValid(),
        new AnnotationsMustBeValid(),
        new RestartPolicyMustBeAlways(),
        new ActiveDeadlineSecondsForbidden(),
        new MinReadySecondsMustBeNonNegative(),
        new RevisionHistoryLimitMustBeNonNegative(),
        new UpdateStrategyTypeMustBeSupported(),
        new RollingUpdateValueMustBeIntOrPercent(),
        new MaxSurgeRequiresZeroMaxUnavailable(),
        new MaxUnavailableAndMaxSurgeNotBothZero(),
        new TolerationMustBeValid(),
        new NodeSelectorMustBeValid(),
        new NodeAffinityMustBeValid(),
        new KindMustBeDaemonSet(),
        new ApiVersionMustBeServed(),
        new ApiVersionRemoved(),
    };
}
