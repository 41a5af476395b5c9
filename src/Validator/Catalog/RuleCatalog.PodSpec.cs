using DaemonLint.Model;

namespace DaemonLint.Catalog;

/// <summary>Catalog entries for DS1100-DS1299: pod template metadata, pod-level fields, containers, ports, env and probes (RULES.md §(c)).</summary>
public static partial class RuleCatalog
{
    private const string PodSpecObjectMetaGo = "staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go";
    private const string PodSpecWarningsGo = "pkg/api/pod/warnings.go";

#pragma warning disable SA1600, CS1591 // the property names carry id and title
    // The entries live in a nested class so they exist before RuleCatalog.All is built, whatever order the partial files are compiled in.
    public static RuleDescriptor DS1101_TemplateLabelsMustBeValid => PodSpecEntries.DS1101_TemplateLabelsMustBeValid;

    public static RuleDescriptor DS1102_TemplateAnnotationsMustBeValid => PodSpecEntries.DS1102_TemplateAnnotationsMustBeValid;

    public static RuleDescriptor DS1103_EphemeralContainersNotAllowedInTemplate => PodSpecEntries.DS1103_EphemeralContainersNotAllowedInTemplate;

    public static RuleDescriptor DS1111_DnsPolicyMustBeSupported => PodSpecEntries.DS1111_DnsPolicyMustBeSupported;

    public static RuleDescriptor DS1112_DnsConfigRequiredForDnsPolicyNone => PodSpecEntries.DS1112_DnsConfigRequiredForDnsPolicyNone;

    public static RuleDescriptor DS1113_DnsConfigMustBeValid => PodSpecEntries.DS1113_DnsConfigMustBeValid;

    public static RuleDescriptor DS1114_PodSpecNamesMustBeValid => PodSpecEntries.DS1114_PodSpecNamesMustBeValid;

    public static RuleDescriptor DS4101_ImagePullSecretsShouldBeUniqueAndNamed => PodSpecEntries.DS4101_ImagePullSecretsShouldBeUniqueAndNamed;

    public static RuleDescriptor DS1116_HostNamespacesForbiddenWithUserNamespace => PodSpecEntries.DS1116_HostNamespacesForbiddenWithUserNamespace;

    public static RuleDescriptor DS1117_ShareProcessNamespaceConflictsWithHostPid => PodSpecEntries.DS1117_ShareProcessNamespaceConflictsWithHostPid;

    public static RuleDescriptor DS4102_TerminationGracePeriodShouldNotBeNegative => PodSpecEntries.DS4102_TerminationGracePeriodShouldNotBeNegative;

    public static RuleDescriptor DS1119_PodAffinityTopologyKeyMustBeValid => PodSpecEntries.DS1119_PodAffinityTopologyKeyMustBeValid;

    public static RuleDescriptor DS1120_PodAffinityWeightMustBeInRange => PodSpecEntries.DS1120_PodAffinityWeightMustBeInRange;

    public static RuleDescriptor DS4103_PodAffinityLabelSelectorShouldBeSet => PodSpecEntries.DS4103_PodAffinityLabelSelectorShouldBeSet;

    public static RuleDescriptor DS1121_HostAliasesMustBeValid => PodSpecEntries.DS1121_HostAliasesMustBeValid;

    public static RuleDescriptor DS1122_ReadinessGatesMustBeValid => PodSpecEntries.DS1122_ReadinessGatesMustBeValid;

    public static RuleDescriptor DS1123_SchedulingGatesMustBeValid => PodSpecEntries.DS1123_SchedulingGatesMustBeValid;
    public static RuleDescriptor DS1124_TopologySpreadConstraintMustBeValid => PodSpecEntries.DS1124_TopologySpreadConstraintMustBeValid;

    public static RuleDescriptor DS1125_TopologySpreadConstraintsMustBeUnique => PodSpecEntries.DS1125_TopologySpreadConstraintsMustBeUnique;

    public static RuleDescriptor DS1126_TopologySpreadSelectorMustBeValid => PodSpecEntries.DS1126_TopologySpreadSelectorMustBeValid;

    public static RuleDescriptor DS1131_ContainersRequired => PodSpecEntries.DS1131_ContainersRequired;

    public static RuleDescriptor DS1132_ContainerNameMustBeValid => PodSpecEntries.DS1132_ContainerNameMustBeValid;

    public static RuleDescriptor DS1133_ContainerNamesMustBeUnique => PodSpecEntries.DS1133_ContainerNamesMustBeUnique;

    public static RuleDescriptor DS1134_ContainerImageRequired => PodSpecEntries.DS1134_ContainerImageRequired;

    public static RuleDescriptor DS1135_TerminationMessagePolicyMustBeSupported => PodSpecEntries.DS1135_TerminationMessagePolicyMustBeSupported;

    public static RuleDescriptor DS1136_ImagePullPolicyMustBeSupported => PodSpecEntries.DS1136_ImagePullPolicyMustBeSupported;

    public static RuleDescriptor DS1137_ContainerRestartPolicyForbidden => PodSpecEntries.DS1137_ContainerRestartPolicyForbidden;

    public static RuleDescriptor DS1138_InitContainerRestartPolicyMustBeAlways => PodSpecEntries.DS1138_InitContainerRestartPolicyMustBeAlways;

    public static RuleDescriptor DS1139_InitContainerProbesRequireRestartPolicyAlways => PodSpecEntries.DS1139_InitContainerProbesRequireRestartPolicyAlways;

    public static RuleDescriptor DS1151_PortNameMustBeValid => PodSpecEntries.DS1151_PortNameMustBeValid;

    public static RuleDescriptor DS1152_PortNamesMustBeUnique => PodSpecEntries.DS1152_PortNamesMustBeUnique;

    public static RuleDescriptor DS1153_ContainerPortMustBeValid => PodSpecEntries.DS1153_ContainerPortMustBeValid;

    public static RuleDescriptor DS1154_HostPortMustBeInRange => PodSpecEntries.DS1154_HostPortMustBeInRange;

    public static RuleDescriptor DS1155_PortProtocolMustBeSupported => PodSpecEntries.DS1155_PortProtocolMustBeSupported;

    public static RuleDescriptor DS1156_HostPortsMustNotConflict => PodSpecEntries.DS1156_HostPortsMustNotConflict;

    public static RuleDescriptor DS1157_HostPortMustMatchContainerPortWithHostNetwork => PodSpecEntries.DS1157_HostPortMustMatchContainerPortWithHostNetwork;

    public static RuleDescriptor DS4104_PortDefinitionsShouldNotOverlap => PodSpecEntries.DS4104_PortDefinitionsShouldNotOverlap;

    public static RuleDescriptor DS1171_EnvNameMustBeValid => PodSpecEntries.DS1171_EnvNameMustBeValid;

    public static RuleDescriptor DS1172_EnvValueFromMustHaveOneSource => PodSpecEntries.DS1172_EnvValueFromMustHaveOneSource;

    public static RuleDescriptor DS1173_EnvFieldRefMustBeSupported => PodSpecEntries.DS1173_EnvFieldRefMustBeSupported;

    public static RuleDescriptor DS1174_EnvFromMustBeValid => PodSpecEntries.DS1174_EnvFromMustBeValid;

    public static RuleDescriptor DS4105_EnvNamesShouldBeUnique => PodSpecEntries.DS4105_EnvNamesShouldBeUnique;

    public static RuleDescriptor DS1181_ProbeMustHaveOneHandler => PodSpecEntries.DS1181_ProbeMustHaveOneHandler;

    public static RuleDescriptor DS1182_ProbeSuccessThresholdMustBeOne => PodSpecEntries.DS1182_ProbeSuccessThresholdMustBeOne;

    public static RuleDescriptor DS1183_ProbeFieldsMustBeInRange => PodSpecEntries.DS1183_ProbeFieldsMustBeInRange;

    public static RuleDescriptor DS1184_HandlerActionMustBeValid => PodSpecEntries.DS1184_HandlerActionMustBeValid;
#pragma warning restore SA1600, CS1591

    private static RuleDescriptor[] PodSpecRules() => new[]
    {
        DS1101_TemplateLabelsMustBeValid,
        DS1102_TemplateAnnotationsMustBeValid,
        DS1103_EphemeralContainersNotAllowedInTemplate,
        DS1111_DnsPolicyMustBeSupported,
        DS1112_DnsConfigRequiredForDnsPolicyNone,
        DS1113_DnsConfigMustBeValid,
        DS1114_PodSpecNamesMustBeValid,
        DS4101_ImagePullSecretsShouldBeUniqueAndNamed,
        DS1116_HostNamespacesForbiddenWithUserNamespace,
        DS1117_ShareProcessNamespaceConflictsWithHostPid,
        DS4102_TerminationGracePeriodShouldNotBeNegative,
        DS1119_PodAffinityTopologyKeyMustBeValid,
        DS1120_PodAffinityWeightMustBeInRange,
        DS4103_PodAffinityLabelSelectorShouldBeSet,
        DS1121_HostAliasesMustBeValid,
        DS1122_ReadinessGatesMustBeValid,
        DS1123_SchedulingGatesMustBeValid,
        DS1124_TopologySpreadConstraintMustBeValid,
        DS1125_TopologySpreadConstraintsMustBeUnique,
        DS1126_TopologySpreadSelectorMustBeValid,
        DS1131_ContainersRequired,
        DS1132_ContainerNameMustBeValid,
        DS1133_ContainerNamesMustBeUnique,
        DS1134_ContainerImageRequired,
        DS1135_TerminationMessagePolicyMustBeSupported,
        DS1136_ImagePullPolicyMustBeSupported,
        DS1137_ContainerRestartPolicyForbidden,
        DS1138_InitContainerRestartPolicyMustBeAlways,
        DS1139_InitContainerProbesRequireRestartPolicyAlways,
        DS1151_PortNameMustBeValid,
        DS1152_PortNamesMustBeUnique,
        DS1153_ContainerPortMustBeValid,
        DS1154_HostPortMustBeInRange,
        DS1155_PortProtocolMustBeSupported,
        DS1156_HostPortsMustNotConflict,
        DS1157_HostPortMustMatchContainerPortWithHostNetwork,
        DS4104_PortDefinitionsShouldNotOverlap,
        DS1171_EnvNameMustBeValid,
        DS1172_EnvValueFromMustHaveOneSource,
        DS1173_EnvFieldRefMustBeSupported,
        DS1174_EnvFromMustBeValid,
        DS4105_EnvNamesShouldBeUnique,
        DS1181_ProbeMustHaveOneHandler,
        DS1182_ProbeSuccessThresholdMustBeOne,
        DS1183_ProbeFieldsMustBeInRange,
        DS1184_HandlerActionMustBeValid,
    };

    private static class PodSpecEntries
    {
        internal static readonly RuleDescriptor DS1101_TemplateLabelsMustBeValid = new(
            RuleIds.TemplateLabelsMustBeValid, "Pod template labels must be valid", RuleCategory.ApiCorrectness, Severity.Error,
            "spec.template.metadata.labels follow the label syntax; the server reports them at spec.template.labels.",
            upstream: CV + " ValidatePodTemplateSpec → " + MV + " ValidateLabels");

        internal static readonly RuleDescriptor DS1102_TemplateAnnotationsMustBeValid = new(
            RuleIds.TemplateAnnotationsMustBeValid, "Pod template annotations must be valid", RuleCategory.ApiCorrectness, Severity.Error,
            "spec.template.metadata.annotations keys are qualified names (checked after lower-casing) and all keys and values together may not exceed 256 KiB; the server reports them at spec.template.annotations.",
            upstream: CV + " ValidatePodTemplateSpec → " + PodSpecObjectMetaGo + " ValidateAnnotations");

        internal static readonly RuleDescriptor DS1103_EphemeralContainersNotAllowedInTemplate = new(
            RuleIds.EphemeralContainersNotAllowedInTemplate, "Ephemeral containers are not allowed in a pod template", RuleCategory.ApiCorrectness, Severity.Error,
            "Ephemeral containers are added to running pods (kubectl debug); a pod template may not declare any.",
            upstream: CV + " ValidatePodTemplateSpec");

        internal static readonly RuleDescriptor DS1111_DnsPolicyMustBeSupported = new(
            RuleIds.DnsPolicyMustBeSupported, "dnsPolicy must be supported", RuleCategory.ApiCorrectness, Severity.Error,
            "spec.template.spec.dnsPolicy is case-sensitive and must be ClusterFirstWithHostNet, ClusterFirst (the default), Default or None.",
            upstream: CV + " validateDNSPolicy");

        internal static readonly RuleDescriptor DS1112_DnsConfigRequiredForDnsPolicyNone = new(
            RuleIds.DnsConfigRequiredForDnsPolicyNone, "dnsPolicy None requires dnsConfig with a nameserver", RuleCategory.ApiCorrectness, Severity.Error,
            "With dnsPolicy: None the pod gets no DNS settings from the cluster, so dnsConfig must list at least one nameserver.",
            upstream: CV + " validatePodDNSConfig");

        internal static readonly RuleDescriptor DS1113_DnsConfigMustBeValid = new(
            RuleIds.DnsConfigMustBeValid, "dnsConfig must be valid", RuleCategory.ApiCorrectness, Severity.Error,
            "dnsConfig holds at most 3 nameservers, each an IP address; at most 32 search domains of at most 2048 characters in all, each a DNS subdomain; and options with names.",
            upstream: CV + " validatePodDNSConfig");

        internal static readonly RuleDescriptor DS1114_PodSpecNamesMustBeValid = new(
            RuleIds.PodSpecNamesMustBeValid, "Pod spec names must be valid", RuleCategory.ApiCorrectness, Severity.Error,
            "serviceAccountName, nodeName, priorityClassName and runtimeClassName are DNS subdomains; hostname and subdomain are DNS labels.",
            upstream: CV + " ValidatePodSpec");

        internal static readonly RuleDescriptor DS4101_ImagePullSecretsShouldBeUniqueAndNamed = new(
            RuleIds.ImagePullSecretsShouldBeUniqueAndNamed, "imagePullSecrets should be named and unique", RuleCategory.Reliability, Severity.Warning,
            "The server accepts, with a warning, an imagePullSecrets entry without a name or naming a secret twice; neither does anything.",
            upstream: PodSpecWarningsGo + " warningsForPodSpecAndMeta");

        internal static readonly RuleDescriptor DS1116_HostNamespacesForbiddenWithUserNamespace = new(
            RuleIds.HostNamespacesForbiddenWithUserNamespace, "Host namespaces are forbidden with hostUsers false", RuleCategory.ApiCorrectness, Severity.Error,
            "A pod in its own user namespace (hostUsers: false) may not use the host's network, PID or IPC namespace. Checked when the user-namespaces feature is enabled in the options.",
            upstream: CV + " validateHostUsers");

        internal static readonly RuleDescriptor DS1117_ShareProcessNamespaceConflictsWithHostPid = new(
            RuleIds.ShareProcessNamespaceConflictsWithHostPid, "shareProcessNamespace and hostPID cannot both be enabled", RuleCategory.ApiCorrectness, Severity.Error,
            "A pod either shares one PID namespace among its containers or uses the host's; the server reports it at spec.template.spec.securityContext.shareProcessNamespace.",
            upstream: CV + " validatePodSpecSecurityContext");

        internal static readonly RuleDescriptor DS4102_TerminationGracePeriodShouldNotBeNegative = new(
            RuleIds.TerminationGracePeriodShouldNotBeNegative, "terminationGracePeriodSeconds should not be negative", RuleCategory.Reliability, Severity.Warning,
            "The server accepts a negative terminationGracePeriodSeconds with a warning and treats it as 1.",
            upstream: PodSpecWarningsGo + " warningsForPodSpecAndMeta");

        internal static readonly RuleDescriptor DS1119_PodAffinityTopologyKeyMustBeValid = new(
            RuleIds.PodAffinityTopologyKeyMustBeValid, "Pod affinity topologyKey must be a valid label key", RuleCategory.ApiCorrectness, Severity.Error,
            "Every pod affinity and anti-affinity term, required or preferred, needs a topologyKey that is a valid label key, such as kubernetes.io/hostname.",
            upstream: CV + " validatePodAffinityTerm");

        internal static readonly RuleDescriptor DS1120_PodAffinityWeightMustBeInRange = new(
            RuleIds.PodAffinityWeightMustBeInRange, "Pod affinity weight must be 1-100", RuleCategory.ApiCorrectness, Severity.Error,
            "Each preferred pod affinity or anti-affinity term needs a weight between 1 and 100.",
            upstream: CV + " validateWeightedPodAffinityTerms");

        internal static readonly RuleDescriptor DS4103_PodAffinityLabelSelectorShouldBeSet = new(
            RuleIds.PodAffinityLabelSelectorShouldBeSet, "Pod affinity terms should have a labelSelector", RuleCategory.Reliability, Severity.Warning,
            "The server warns about a pod affinity or anti-affinity term without labelSelector: a null selector matches no pod, so the term has no effect.",
            upstream: PodSpecWarningsGo + " warningsForPodAffinityTerms / warningsForWeightedPodAffinityTerms");

        internal static readonly RuleDescriptor DS1121_HostAliasesMustBeValid = new(
            RuleIds.HostAliasesMustBeValid, "hostAliases must hold an IP address and DNS hostnames", RuleCategory.ApiCorrectness, Severity.Error,
            "Each hostAliases entry needs an ip that is an IPv4 or IPv6 address, and hostnames that are lower-case DNS subdomains.",
            upstream: CV + " ValidateHostAliases");

        internal static readonly RuleDescriptor DS1122_ReadinessGatesMustBeValid = new(
            RuleIds.ReadinessGatesMustBeValid, "readinessGates conditionType must be a qualified name", RuleCategory.ApiCorrectness, Severity.Error,
            "Each readinessGates entry needs a conditionType that is a qualified name, such as example.com/feature-1.",
            upstream: CV + " validateReadinessGates");

        internal static readonly RuleDescriptor DS1123_SchedulingGatesMustBeValid = new(
            RuleIds.SchedulingGatesMustBeValid, "schedulingGates names must be unique qualified names", RuleCategory.ApiCorrectness, Severity.Error,
            "Each schedulingGates entry needs a name that is a qualified name, such as example.com/quota, and no name may appear twice.",
            upstream: CV + " validateSchedulingGates");
        internal static readonly RuleDescriptor DS1124_TopologySpreadConstraintMustBeValid = new(
            RuleIds.TopologySpreadConstraintMustBeValid, "Topology spread constraint fields must be valid", RuleCategory.ApiCorrectness, Severity.Error,
            "Each topologySpreadConstraints entry needs a maxSkew greater than 0, a non-empty topologyKey and whenUnsatisfiable DoNotSchedule or ScheduleAnyway; minDomains, when set, is greater than 0 and needs DoNotSchedule; nodeAffinityPolicy and nodeTaintsPolicy are Honor or Ignore.",
            upstream: CV + " validateTopologySpreadConstraints");

        internal static readonly RuleDescriptor DS1125_TopologySpreadConstraintsMustBeUnique = new(
            RuleIds.TopologySpreadConstraintsMustBeUnique, "Topology spread constraints must not repeat a topologyKey and whenUnsatisfiable pair", RuleCategory.ApiCorrectness, Severity.Error,
            "No two topologySpreadConstraints entries may have the same topologyKey and the same whenUnsatisfiable.",
            upstream: CV + " validateTopologySpreadConstraints → ValidateSpreadConstraintNotRepeat");

        internal static readonly RuleDescriptor DS1126_TopologySpreadSelectorMustBeValid = new(
            RuleIds.TopologySpreadSelectorMustBeValid, "Topology spread labelSelector and matchLabelKeys must be valid", RuleCategory.ApiCorrectness, Severity.Error,
            "A topology spread constraint's labelSelector follows the label selector syntax; matchLabelKeys are label keys and need a labelSelector, which may use each of those keys at most once in matchLabels and matchExpressions together.",
            upstream: CV + " validateTopologySpreadConstraints → ValidateMatchLabelKeysAndMismatchLabelKeys / " + MV + " ValidateLabelSelector");

        internal static readonly RuleDescriptor DS1131_ContainersRequired = new(
            RuleIds.ContainersRequired, "The pod template needs at least one container", RuleCategory.ApiCorrectness, Severity.Error,
            "spec.template.spec.containers may not be missing or empty; init containers alone do not make a pod.",
            upstream: CV + " validateContainers");

        internal static readonly RuleDescriptor DS1132_ContainerNameMustBeValid = new(
            RuleIds.ContainerNameMustBeValid, "Container name must be a DNS label", RuleCategory.ApiCorrectness, Severity.Error,
            "Every container and init container needs a name of at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.",
            upstream: CV + " validateContainerCommon");

        internal static readonly RuleDescriptor DS1133_ContainerNamesMustBeUnique = new(
            RuleIds.ContainerNamesMustBeUnique, "Container names must be unique", RuleCategory.ApiCorrectness, Severity.Error,
            "Container names are unique among the containers, and an init container may not share a name with any container or earlier init container.",
            upstream: CV + " validateContainers / validateInitContainers");

        internal static readonly RuleDescriptor DS1134_ContainerImageRequired = new(
            RuleIds.ContainerImageRequired, "Container image is required", RuleCategory.ApiCorrectness, Severity.Error,
            "Every container and init container of a pod template needs an image.",
            upstream: CV + " validateContainerCommon");

        internal static readonly RuleDescriptor DS1135_TerminationMessagePolicyMustBeSupported = new(
            RuleIds.TerminationMessagePolicyMustBeSupported, "terminationMessagePolicy must be File or FallbackToLogsOnError", RuleCategory.ApiCorrectness, Severity.Error,
            "terminationMessagePolicy is case-sensitive; when unset it defaults to File.",
            upstream: CV + " validateContainerCommon");

        internal static readonly RuleDescriptor DS1136_ImagePullPolicyMustBeSupported = new(
            RuleIds.ImagePullPolicyMustBeSupported, "imagePullPolicy must be Always, IfNotPresent or Never", RuleCategory.ApiCorrectness, Severity.Error,
            "imagePullPolicy is case-sensitive; when unset it defaults to Always for ':latest' or untagged images and IfNotPresent otherwise.",
            upstream: CV + " validatePullPolicy");

        internal static readonly RuleDescriptor DS1137_ContainerRestartPolicyForbidden = new(
            RuleIds.ContainerRestartPolicyForbidden, "restartPolicy may not be set on a container", RuleCategory.ApiCorrectness, Severity.Error,
            "A container-level restartPolicy is only accepted on init containers, where Always makes them sidecars.",
            upstream: CV + " validateContainers");

        internal static readonly RuleDescriptor DS1138_InitContainerRestartPolicyMustBeAlways = new(
            RuleIds.InitContainerRestartPolicyMustBeAlways, "Init container restartPolicy must be Always", RuleCategory.ApiCorrectness, Severity.Error,
            "The only restartPolicy an init container accepts is Always, which makes it a sidecar; leave it unset for a regular init container.",
            upstream: CV + " validateInitContainerRestartPolicy");

        internal static readonly RuleDescriptor DS1139_InitContainerProbesRequireRestartPolicyAlways = new(
            RuleIds.InitContainerProbesRequireRestartPolicyAlways, "Init containers take probes and lifecycle only as sidecars", RuleCategory.ApiCorrectness, Severity.Error,
            "lifecycle, livenessProbe, readinessProbe and startupProbe are forbidden on an init container unless it has restartPolicy: Always.",
            upstream: CV + " validateInitContainers");

        internal static readonly RuleDescriptor DS1151_PortNameMustBeValid = new(
            RuleIds.PortNameMustBeValid, "Container port name must be a valid IANA service name", RuleCategory.ApiCorrectness, Severity.Error,
            "A port name has at most 15 lower-case letters, digits and single hyphens, at least one letter, and no hyphen at either end.",
            upstream: "staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go IsValidPortName");

        internal static readonly RuleDescriptor DS1152_PortNamesMustBeUnique = new(
            RuleIds.PortNamesMustBeUnique, "Port names must be unique within a container", RuleCategory.ApiCorrectness, Severity.Error,
            "Two ports of one container may not share a name.",
            upstream: CV + " validateContainerPorts");

        internal static readonly RuleDescriptor DS1153_ContainerPortMustBeValid = new(
            RuleIds.ContainerPortMustBeValid, "containerPort is required and must be 1-65535", RuleCategory.ApiCorrectness, Severity.Error,
            "Every entry of ports needs a containerPort between 1 and 65535.",
            upstream: CV + " validateContainerPorts");

        internal static readonly RuleDescriptor DS1154_HostPortMustBeInRange = new(
            RuleIds.HostPortMustBeInRange, "hostPort must be 1-65535", RuleCategory.ApiCorrectness, Severity.Error,
            "A hostPort, when set (non-zero), must be between 1 and 65535.",
            upstream: CV + " validateContainerPorts");

        internal static readonly RuleDescriptor DS1155_PortProtocolMustBeSupported = new(
            RuleIds.PortProtocolMustBeSupported, "Port protocol must be TCP, UDP or SCTP", RuleCategory.ApiCorrectness, Severity.Error,
            "The protocol is case-sensitive; when unset it defaults to TCP.",
            upstream: CV + " validateContainerPorts");

        internal static readonly RuleDescriptor DS1156_HostPortsMustNotConflict = new(
            RuleIds.HostPortsMustNotConflict, "Host ports must not conflict", RuleCategory.ApiCorrectness, Severity.Error,
            "No two ports of the containers may claim the same protocol, hostIP and hostPort; an init container is checked on its own because init containers run one at a time.",
            upstream: CV + " checkHostPortConflicts / AccumulateUniqueHostPorts");

        internal static readonly RuleDescriptor DS1157_HostPortMustMatchContainerPortWithHostNetwork = new(
            RuleIds.HostPortMustMatchContainerPortWithHostNetwork, "hostPort must match containerPort with hostNetwork", RuleCategory.ApiCorrectness, Severity.Error,
            "With hostNetwork: true a container listens on the node itself, so a hostPort, when set, must equal its containerPort.",
            upstream: CV + " validatePodHostNetworkDeps");

        internal static readonly RuleDescriptor DS4104_PortDefinitionsShouldNotOverlap = new(
            RuleIds.PortDefinitionsShouldNotOverlap, "Container ports should not be declared twice", RuleCategory.Reliability, Severity.Warning,
            "The server warns when two ports of the pod declare the same containerPort and protocol (duplicate, overlapping or ambiguous host bindings) and when a hostIP is set without a hostPort.",
            upstream: PodSpecWarningsGo + " warningsForPodSpecAndMeta");

        internal static readonly RuleDescriptor DS1171_EnvNameMustBeValid = new(
            RuleIds.EnvNameMustBeValid, "Environment variable name must be valid", RuleCategory.ApiCorrectness, Severity.Error,
            "Every env entry needs a name of printable ASCII characters other than '=' (the relaxed rule of current servers).",
            upstream: CV + " ValidateEnv → IsRelaxedEnvVarName");

        internal static readonly RuleDescriptor DS1172_EnvValueFromMustHaveOneSource = new(
            RuleIds.EnvValueFromMustHaveOneSource, "env valueFrom must have exactly one source and no value", RuleCategory.ApiCorrectness, Severity.Error,
            "valueFrom takes exactly one of fieldRef, resourceFieldRef, configMapKeyRef and secretKeyRef, and value must be empty beside it.",
            upstream: CV + " validateEnvVarValueFrom");

        internal static readonly RuleDescriptor DS1173_EnvFieldRefMustBeSupported = new(
            RuleIds.EnvFieldRefMustBeSupported, "env fieldRef must name a supported pod field", RuleCategory.ApiCorrectness, Severity.Error,
            "An env fieldRef may take metadata.name, metadata.namespace, metadata.uid, one label or annotation (metadata.labels['key']), spec.nodeName, spec.serviceAccountName, status.hostIP(s) or status.podIP(s).",
            upstream: CV + " validateObjectFieldSelector");

        internal static readonly RuleDescriptor DS1174_EnvFromMustBeValid = new(
            RuleIds.EnvFromMustBeValid, "envFrom must name exactly one ConfigMap or Secret", RuleCategory.ApiCorrectness, Severity.Error,
            "Each envFrom entry takes exactly one of configMapRef and secretRef, with a name that is a DNS subdomain, and a prefix of printable ASCII characters other than '=' (the relaxed rule of current servers).",
            upstream: CV + " ValidateEnvFrom");

        internal static readonly RuleDescriptor DS4105_EnvNamesShouldBeUnique = new(
            RuleIds.EnvNamesShouldBeUnique, "Environment variable names should be unique", RuleCategory.Reliability, Severity.Warning,
            "The server warns when an env entry hides an earlier one of the same name without referring to it: the earlier value may be dropped by kubectl apply.",
            upstream: PodSpecWarningsGo + " warningsForPodSpecAndMeta");

        internal static readonly RuleDescriptor DS1181_ProbeMustHaveOneHandler = new(
            RuleIds.ProbeMustHaveOneHandler, "Probe and lifecycle handler must specify exactly one action", RuleCategory.ApiCorrectness, Severity.Error,
            "A probe takes exactly one of exec, httpGet, tcpSocket and grpc; a postStart or preStop hook exactly one of exec, httpGet, tcpSocket and sleep.",
            upstream: CV + " validateHandler");

        internal static readonly RuleDescriptor DS1182_ProbeSuccessThresholdMustBeOne = new(
            RuleIds.ProbeSuccessThresholdMustBeOne, "Liveness and startup probe successThreshold must be 1", RuleCategory.ApiCorrectness, Severity.Error,
            "Only readiness probes may need more than one success; liveness and startup probes take successThreshold 1 (the default).",
            upstream: CV + " validateLivenessProbe / validateStartupProbe");

        internal static readonly RuleDescriptor DS1183_ProbeFieldsMustBeInRange = new(
            RuleIds.ProbeFieldsMustBeInRange, "Probe timings must be in range", RuleCategory.ApiCorrectness, Severity.Error,
            "Probe delays, periods, timeouts and thresholds may not be negative; a probe terminationGracePeriodSeconds must be positive and is not accepted on readiness probes.",
            upstream: CV + " validateProbe / validateReadinessProbe");

        internal static readonly RuleDescriptor DS1184_HandlerActionMustBeValid = new(
            RuleIds.HandlerActionMustBeValid, "Probe and lifecycle actions must be valid", RuleCategory.ApiCorrectness, Severity.Error,
            "exec needs a command; httpGet, tcpSocket and grpc need a port number 1-65535 or a valid port name; httpGet.scheme is HTTP or HTTPS; a sleep may not be negative or outlast the termination grace period.",
            upstream: CV + " validateExecAction / validateHTTPGetAction / ValidatePortNumOrName / validateSleepAction");
    }
}
