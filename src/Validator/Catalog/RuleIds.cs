namespace DaemonLint.Catalog;

/// <summary>Every rule id, as constants. Ids are never reused or renumbered.</summary>
public static partial class RuleIds
{
#pragma warning disable CS1591 // the names say it; RuleCatalog holds the descriptions
    public const string SelectorMustMatchTemplateLabels = "DS1001";
    public const string SelectorRequired = "DS1002";
    public const string SelectorMustNotBeEmpty = "DS1003";
    public const string LabelSelectorMustBeValid = "DS1004";
    public const string SelectorIsImmutable = "DS1005";
    public const string NameMustBeValid = "DS1006";
    public const string LabelsMustBeValid = "DS1007";
    public const string AnnotationsMustBeValid = "DS1008";
    public const string RestartPolicyMustBeAlways = "DS1009";
    public const string ActiveDeadlineSecondsForbidden = "DS1010";
    public const string MinReadySecondsMustBeNonNegative = "DS1011";
    public const string RevisionHistoryLimitMustBeNonNegative = "DS1012";
    public const string UpdateStrategyTypeMustBeSupported = "DS1013";
    public const string RollingUpdateValueMustBeIntOrPercent = "DS1014";
    public const string MaxSurgeRequiresZeroMaxUnavailable = "DS1015";
    public const string MaxUnavailableAndMaxSurgeNotBothZero = "DS1016";
    public const string TolerationMustBeValid = "DS1017";
    public const string NodeSelectorMustBeValid = "DS1018";
    public const string NodeAffinityMustBeValid = "DS1019";
    public const string KindMustBeDaemonSet = "DS1020";
    public const string ApiVersionMustBeServed = "DS1021";

    public const string ApiVersionRemoved = "DS6001";

    public const string YamlSyntax = "DS9001";
    public const string FileUnreadable = "DS9002";
    public const string NotText = "DS9003";
    public const string DuplicateKey = "DS9004";
    public const string FileTooLarge = "DS9005";
    public const string DocumentTooComplex = "DS9006";
    public const string NoManifests = "DS9007";
    public const string InternalError = "DS9008";
    public const string ConfigurationError = "DS9009";
    public const string UnusedSuppression = "DS9010";
#pragma warning restore CS1591
}
