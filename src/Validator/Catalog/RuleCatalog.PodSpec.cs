namespace DaemonLint.Catalog;

/// <summary>Catalog entries for DS1100-DS1299: pod template metadata, pod-level fields, containers, ports, env and probes (RULES.md §(c)).</summary>
public static partial class RuleCatalog
{
    private static RuleDescriptor[] PodSpecRules() => System.Array.Empty<RuleDescriptor>();
}
