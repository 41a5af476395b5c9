namespace DaemonLint.Catalog;

/// <summary>Catalog entries for DS1300-DS1499: resources, security context, volumes and mounts, sysctls, OS-specific fields (RULES.md §(c)).</summary>
public static partial class RuleCatalog
{
    private static RuleDescriptor[] PodResourcesRules() => System.Array.Empty<RuleDescriptor>();
}
