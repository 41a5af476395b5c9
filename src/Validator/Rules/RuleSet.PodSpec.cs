using DaemonLint.Engine;

namespace DaemonLint.Rules;

/// <summary>Rule instances for DS1100-DS1299: pod template metadata, pod-level fields, containers, ports, env and probes (RULES.md §(c)).</summary>
public static partial class RuleSet
{
    private static Rule[] PodSpecRules() => System.Array.Empty<Rule>();
}
