namespace DaemonLint.Catalog;

/// <summary>Catalog entries for DS2001-DS2099: structural validation against the OpenAPI schema.</summary>
public static partial class RuleCatalog
{
    private static RuleDescriptor[] SchemaRules() => System.Array.Empty<RuleDescriptor>();
}
