namespace DaemonLint.Catalog;

/// <summary>Catalog entries for DS3001-DS3099: placement and scheduling lint.</summary>
public static partial class RuleCatalog
{
    private static RuleDescriptor[] PlacementRules() => System.Array.Empty<RuleDescriptor>();
}
