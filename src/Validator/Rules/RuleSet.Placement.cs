using DaemonLint.Engine;

namespace DaemonLint.Rules;

/// <summary>Rule instances for DS3001-DS3099: placement and scheduling lint.</summary>
public static partial class RuleSet
{
    private static Rule[] PlacementRules() => System.Array.Empty<Rule>();
}
