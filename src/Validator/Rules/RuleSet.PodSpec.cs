using DaemonLint.Engine;

namespace DaemonLint.Rules;

/// <summary>Rule instances for DS1100-DS1499: pod template and pod spec rules (RULES.md §(c)).</summary>
public static partial class RuleSet
{
    private static Rule[] PodSpecRules() => System.Array.Empty<Rule>();
}
