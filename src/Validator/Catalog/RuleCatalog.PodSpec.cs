namespace DaemonLint.Catalog;

/// <summary>Catalog entries for DS1100-DS1499: pod template and pod spec rules (RULES.md §(c)).</summary>
public static partial class RuleCatalog
{
    private static RuleDescriptor[] PodSpecRules() => System.Array.Empty<RuleDescriptor>();
}
