namespace DaemonLint.Catalog;

/// <summary>Rule ids DS2001-DS2099: structural validation against the OpenAPI schema.</summary>
public static partial class RuleIds
{
#pragma warning disable CS1591 // the names say it; RuleCatalog holds the descriptions
    public const string UnknownField = "DS2001";
    public const string WrongType = "DS2002";
    public const string YamlBooleanForString = "DS2003";
    public const string YamlNumberForString = "DS2004";
    public const string QuantityMustParse = "DS2005";
#pragma warning restore CS1591
}
