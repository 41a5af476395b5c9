namespace DaemonLint.Catalog;

/// <summary>Rule ids of DS3001-DS3099: placement and scheduling lint.</summary>
public static partial class RuleIds
{
#pragma warning disable CS1591 // the names say it; RuleCatalog holds the descriptions
    public const string MasterTolerationWithoutControlPlane = "DS3001";
    public const string NodeAffinityExpressionOnMetadataName = "DS3002";
    public const string TolerationRepeatsDaemonDefault = "DS3003";
    public const string TolerationSecondsOnDaemonDefaultIsDropped = "DS3004";
    public const string EmptyNodeSelectorTermMatchesNothing = "DS3005";
    public const string RunsOnNoInventoryNode = "DS3006";
    public const string TaintAlmostTolerated = "DS3007";
    public const string InventoryNodeMustBeReadable = "DS3008";
    public const string DaemonPodDoesNotFitEligibleNodes = "DS3009";
#pragma warning restore CS1591
}
