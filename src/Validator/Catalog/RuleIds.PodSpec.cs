namespace DaemonLint.Catalog;

/// <summary>Rule ids DS1100-DS1299: pod template metadata, pod-level fields, containers, ports, env and probes.</summary>
public static partial class RuleIds
{
#pragma warning disable CS1591 // the names say it; RuleCatalog holds the descriptions
    public const string TemplateLabelsMustBeValid = "DS1101";
    public const string TemplateAnnotationsMustBeValid = "DS1102";
    public const string EphemeralContainersNotAllowedInTemplate = "DS1103";

    public const string DnsPolicyMustBeSupported = "DS1111";
    public const string DnsConfigRequiredForDnsPolicyNone = "DS1112";
    public const string DnsConfigMustBeValid = "DS1113";
    public const string PodSpecNamesMustBeValid = "DS1114";
    public const string ImagePullSecretsShouldBeUniqueAndNamed = "DS4101";
    public const string HostNamespacesForbiddenWithUserNamespace = "DS1116";
    public const string ShareProcessNamespaceConflictsWithHostPid = "DS1117";
    public const string TerminationGracePeriodShouldNotBeNegative = "DS4102";
    public const string PodAffinityTopologyKeyMustBeValid = "DS1119";
    public const string PodAffinityWeightMustBeInRange = "DS1120";
    public const string PodAffinityLabelSelectorShouldBeSet = "DS4103";
    public const string HostAliasesMustBeValid = "DS1121";
    public const string ReadinessGatesMustBeValid = "DS1122";
    public const string SchedulingGatesMustBeValid = "DS1123";
    public const string TopologySpreadConstraintMustBeValid = "DS1124";
    public const string TopologySpreadConstraintsMustBeUnique = "DS1125";
    public const string TopologySpreadSelectorMustBeValid = "DS1126";

    public const string ContainersRequired = "DS1131";
    public const string ContainerNameMustBeValid = "DS1132";
    public const string ContainerNamesMustBeUnique = "DS1133";
    public const string ContainerImageRequired = "DS1134";
    public const string TerminationMessagePolicyMustBeSupported = "DS1135";
    public const string ImagePullPolicyMustBeSupported = "DS1136";
    public const string ContainerRestartPolicyForbidden = "DS1137";
    public const string InitContainerRestartPolicyMustBeAlways = "DS1138";
    public const string InitContainerProbesRequireRestartPolicyAlways = "DS1139";

    public const string PortNameMustBeValid = "DS1151";
    public const string PortNamesMustBeUnique = "DS1152";
    public const string ContainerPortMustBeValid = "DS1153";
    public const string HostPortMustBeInRange = "DS1154";
    public const string PortProtocolMustBeSupported = "DS1155";
    public const string HostPortsMustNotConflict = "DS1156";
    public const string HostPortMustMatchContainerPortWithHostNetwork = "DS1157";
    public const string PortDefinitionsShouldNotOverlap = "DS4104";

    public const string EnvNameMustBeValid = "DS1171";
    public const string EnvValueFromMustHaveOneSource = "DS1172";
    public const string EnvFieldRefMustBeSupported = "DS1173";
    public const string EnvFromMustBeValid = "DS1174";
    public const string EnvNamesShouldBeUnique = "DS4105";

    public const string ProbeMustHaveOneHandler = "DS1181";
    public const string ProbeSuccessThresholdMustBeOne = "DS1182";
    public const string ProbeFieldsMustBeInRange = "DS1183";
    public const string HandlerActionMustBeValid = "DS1184";
#pragma warning restore CS1591
}
