using DaemonLint.Model;
using DaemonLint.Releases;
using DaemonLint.Rules.DS1xxx;

namespace DaemonLint.Catalog;

/// <summary>Catalog entries DS1001-DS1999: what the API server rejects (metadata, selector, update strategy, pod template, containers, ports, env, probes, resources, security context, volumes and mounts).</summary>
public static partial class RuleCatalog
{
#pragma warning disable SA1600, CS1591 // the property names carry id and title
    public static RuleDescriptor DS1001_SelectorMustMatchTemplateLabels { get; } = Entry(
        "DS1001", "Selector must match the template labels", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.selector must select the pods of spec.template: every matchLabels pair and every matchExpressions requirement must hold for spec.template.metadata.labels.",
        upstream: AV + " ValidateDaemonSetSpec",
        create: static () => new DS1001SelectorMustMatchTemplateLabels());

    public static RuleDescriptor DS1002_SelectorRequired { get; } = Entry(
        "DS1002", "Selector is required in apps/v1", RuleCategory.ApiCorrectness, Severity.Error,
        "apps/v1 no longer copies the template labels into a missing spec.selector; a missing selector matches nothing, so the server rejects the template labels as not matching.",
        upstream: AV + " ValidateDaemonSetSpec (nil selector)",
        create: static () => new DS1002SelectorRequired());

    public static RuleDescriptor DS1003_SelectorMustNotBeEmpty { get; } = Entry(
        "DS1003", "Selector must not be empty", RuleCategory.ApiCorrectness, Severity.Error,
        "An empty selector (no matchLabels and no matchExpressions) would select every pod of the namespace; the server rejects it for DaemonSets.",
        upstream: AV + " ValidateDaemonSetSpec",
        create: static () => new DS1003SelectorMustNotBeEmpty());

    public static RuleDescriptor DS1004_LabelSelectorMustBeValid { get; } = Entry(
        "DS1004", "Label selector must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "matchLabels keys and values must be valid labels; matchExpressions need a valid key, a known operator, and values exactly when the operator takes them.",
        upstream: MV + " ValidateLabelSelector",
        create: static () => new DS1004LabelSelectorMustBeValid());

    public static RuleDescriptor DS1005_SelectorIsImmutable { get; } = Entry(
        "DS1005", "Selector is immutable", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.selector cannot change once the DaemonSet exists; the server compares it with semantic equality (map order ignored, list order not).",
        upstream: "pkg/registry/apps/daemonset/strategy.go ValidateUpdate",
        create: static () => new DS1005SelectorIsImmutable());

    public static RuleDescriptor DS1006_NameMustBeValid { get; } = Entry(
        "DS1006", "Name must be a valid DNS subdomain", RuleCategory.ApiCorrectness, Severity.Error,
        "metadata.name (or generateName) is required and must be a lowercase RFC 1123 subdomain of at most 253 characters.",
        upstream: "staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go ValidateObjectMetaAccessor",
        create: static () => new DS1006NameMustBeValid());

    public static RuleDescriptor DS1007_LabelsMustBeValid { get; } = Entry(
        "DS1007", "Labels must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "Label keys are qualified names with an optional DNS subdomain prefix; values are at most 63 characters of alphanumerics, '-', '_' and '.'.",
        upstream: MV + " ValidateLabels",
        create: static () => new DS1007LabelsMustBeValid());

    public static RuleDescriptor DS1008_AnnotationsMustBeValid { get; } = Entry(
        "DS1008", "Annotations must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "Annotation keys are qualified names (checked after lower-casing); keys and values together may not exceed 256 KiB.",
        upstream: "staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go ValidateAnnotations",
        create: static () => new DS1008AnnotationsMustBeValid());

    public static RuleDescriptor DS1009_RestartPolicyMustBeAlways { get; } = Entry(
        "DS1009", "Pod restartPolicy must be Always", RuleCategory.ApiCorrectness, Severity.Error,
        "Daemon pods run for the life of their node: the only restartPolicy a DaemonSet accepts is Always (the default when unset).",
        upstream: AV + " ValidateDaemonSetSpec; " + CV + " validateRestartPolicy",
        create: static () => new DS1009RestartPolicyMustBeAlways());

    public static RuleDescriptor DS1010_ActiveDeadlineSecondsForbidden { get; } = Entry(
        "DS1010", "activeDeadlineSeconds is not supported in a DaemonSet", RuleCategory.ApiCorrectness, Severity.Error,
        "A daemon pod has no deadline; the server forbids spec.template.spec.activeDeadlineSeconds.",
        upstream: AV + " ValidateDaemonSetSpec",
        create: static () => new DS1010ActiveDeadlineSecondsForbidden());

    public static RuleDescriptor DS1011_MinReadySecondsMustBeNonNegative { get; } = Entry(
        "DS1011", "minReadySeconds must not be negative", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.minReadySeconds must be greater than or equal to 0.",
        upstream: AV + " ValidateDaemonSetSpec",
        create: static () => new DS1011MinReadySecondsMustBeNonNegative());

    public static RuleDescriptor DS1012_RevisionHistoryLimitMustBeNonNegative { get; } = Entry(
        "DS1012", "revisionHistoryLimit must not be negative", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.revisionHistoryLimit must be greater than or equal to 0 (0 keeps no old revisions).",
        upstream: AV + " ValidateDaemonSetSpec",
        create: static () => new DS1012RevisionHistoryLimitMustBeNonNegative());

    public static RuleDescriptor DS1013_UpdateStrategyTypeMustBeSupported { get; } = Entry(
        "DS1013", "Update strategy type must be RollingUpdate or OnDelete", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.updateStrategy.type is case-sensitive and must be RollingUpdate (the default) or OnDelete.",
        upstream: AV + " ValidateDaemonSetUpdateStrategy",
        create: static () => new DS1013UpdateStrategyTypeMustBeSupported());

    public static RuleDescriptor DS1014_RollingUpdateValueMustBeIntOrPercent { get; } = Entry(
        "DS1014", "maxUnavailable and maxSurge must be a non-negative integer or a percentage", RuleCategory.ApiCorrectness, Severity.Error,
        "Each of rollingUpdate.maxUnavailable and maxSurge is an integer ≥ 0 or a string 'N%' with N ≤ 100; a quoted number is a string and is rejected.",
        upstream: AV + " ValidatePositiveIntOrPercent / IsNotMoreThan100Percent",
        create: static () => new DS1014RollingUpdateValueMustBeIntOrPercent());

    public static RuleDescriptor DS1015_MaxSurgeRequiresZeroMaxUnavailable { get; } = Entry(
        "DS1015", "maxSurge may not be set when maxUnavailable is non-zero", RuleCategory.ApiCorrectness, Severity.Error,
        "Exactly one of maxUnavailable and maxSurge may be non-zero; maxUnavailable defaults to 1, so a surge needs an explicit maxUnavailable: 0.",
        upstream: AV + " ValidateRollingUpdateDaemonSet",
        create: static () => new DS1015MaxSurgeRequiresZeroMaxUnavailable());

    public static RuleDescriptor DS1016_MaxUnavailableAndMaxSurgeNotBothZero { get; } = Entry(
        "DS1016", "maxUnavailable cannot be 0 when maxSurge is 0", RuleCategory.ApiCorrectness, Severity.Error,
        "A rolling update with neither unavailability nor surge could never progress; maxSurge defaults to 0.",
        upstream: AV + " ValidateRollingUpdateDaemonSet",
        create: static () => new DS1016MaxUnavailableAndMaxSurgeNotBothZero());

    public static RuleDescriptor DS1017_TolerationMustBeValid { get; } = Entry(
        "DS1017", "Toleration must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "A toleration needs a valid key (or operator Exists for all keys), operator Equal or Exists, a value only with Equal, a known effect, and tolerationSeconds only with NoExecute.",
        upstream: CV + " ValidateTolerations",
        create: static () => new DS1017TolerationMustBeValid());

    public static RuleDescriptor DS1018_NodeSelectorMustBeValid { get; } = Entry(
        "DS1018", "nodeSelector must hold valid labels", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.template.spec.nodeSelector keys and values follow the label syntax.",
        upstream: CV + " ValidatePodSpec",
        create: static () => new DS1018NodeSelectorMustBeValid());

    public static RuleDescriptor DS1019_NodeAffinityMustBeValid { get; } = Entry(
        "DS1019", "Node affinity must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "Required node affinity needs at least one term; expressions need a valid key and operator and the right number of values; matchFields only on metadata.name; preferred weights 1-100.",
        upstream: CV + " ValidateNodeSelector / ValidatePreferredSchedulingTerms",
        create: static () => new DS1019NodeAffinityMustBeValid());

    public static RuleDescriptor DS1020_KindMustBeDaemonSet { get; } = Entry(
        "DS1020", "Kind is spelt DaemonSet", RuleCategory.ApiCorrectness, Severity.Error,
        "Kinds are case-sensitive: 'Daemonset' or 'daemonset' is no kind the server knows, and the object is rejected.",
        upstream: "apimachinery RESTMapper: no matches for kind",
        create: static () => new DS1020KindMustBeDaemonSet());

    public static RuleDescriptor DS1021_ApiVersionMustBeServed { get; } = Entry(
        "DS1021", "DaemonSet apiVersion must be apps/v1", RuleCategory.ApiCorrectness, Severity.Error,
        "DaemonSet is served only as apps/v1; an apiVersion that never existed for it is rejected.",
        upstream: "apimachinery RESTMapper: no matches for kind",
        create: static () => new DS1021ApiVersionMustBeServed());

    public static RuleDescriptor DS1022_FinalizersMustBeValid { get; } = Entry(
        "DS1022", "Finalizers must be qualified names", RuleCategory.ApiCorrectness, Severity.Error,
        "Each metadata.finalizers entry is a qualified name, and one without a domain prefix must be a finalizer Kubernetes defines (kubernetes, orphan, foregroundDeletion); orphan and foregroundDeletion exclude each other.",
        upstream: ObjectMeta + " ValidateFinalizers / " + CV + " validateKubeFinalizerName",
        create: static () => new DS1022FinalizersMustBeValid());

    public static RuleDescriptor DS1023_OwnerReferencesMustBeValid { get; } = Entry(
        "DS1023", "Owner references must be complete", RuleCategory.ApiCorrectness, Severity.Error,
        "Each metadata.ownerReferences entry needs an apiVersion with a version, a kind, a name and a uid; an Event cannot be an owner, and at most one reference may be the controller.",
        upstream: ObjectMeta + " ValidateOwnerReferences",
        create: static () => new DS1023OwnerReferencesMustBeValid());

    public static RuleDescriptor DS1024_ObjectMetaUpdateMustBeValid { get; } = Entry(
        "DS1024", "Metadata the server keeps may not change on update", RuleCategory.ApiCorrectness, Severity.Error,
        "On update, metadata.uid, metadata.deletionTimestamp and metadata.deletionGracePeriodSeconds may not differ from the stored object's, and an object being deleted accepts no new finalizers.",
        upstream: ObjectMeta + " ValidateObjectMetaAccessorUpdate (after rest.BeforeUpdate)",
        create: static () => new DS1024ObjectMetaUpdateMustBeValid());

    public static RuleDescriptor DS1025_ResourceVersionMustNotBeSetOnCreate { get; } = Entry(
        "DS1025", "A new object may not carry a resourceVersion", RuleCategory.ApiCorrectness, Severity.Error,
        "Creating an object whose metadata.resourceVersion is set (a number other than 0) fails in the storage layer with \"resourceVersion should not be set on objects to be created\".",
        upstream: "staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go Create (ObjectResourceVersion not 0), after staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go Create → rest.BeforeCreate",
        create: static () => new DS1025ResourceVersionMustNotBeSetOnCreate());

    public static RuleDescriptor DS1026_ResourceVersionMustMatchStoredObject { get; } = Entry(
        "DS1026", "An update's resourceVersion must be the stored one", RuleCategory.ApiCorrectness, Severity.Error,
        "An update that carries metadata.resourceVersion must carry the stored object's; any other gets a Conflict (checked when the prior version is a live export with a resourceVersion).",
        upstream: "staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go Update (optimistic concurrency: OptimisticLockErrorMsg)",
        create: static () => new DS1026ResourceVersionMustMatchStoredObject());

    public static RuleDescriptor DS1101_TemplateLabelsMustBeValid { get; } = Entry(
        "DS1101", "Pod template labels must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.template.metadata.labels follow the label syntax; the server reports them at spec.template.labels.",
        upstream: CV + " ValidatePodTemplateSpec → " + MV + " ValidateLabels",
        create: static () => new DS1101TemplateLabelsMustBeValid());

    public static RuleDescriptor DS1102_TemplateAnnotationsMustBeValid { get; } = Entry(
        "DS1102", "Pod template annotations must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.template.metadata.annotations keys are qualified names (checked after lower-casing) and all keys and values together may not exceed 256 KiB; the server reports them at spec.template.annotations.",
        upstream: CV + " ValidatePodTemplateSpec → " + ObjectMeta + " ValidateAnnotations",
        create: static () => new DS1102TemplateAnnotationsMustBeValid());

    public static RuleDescriptor DS1103_EphemeralContainersNotAllowedInTemplate { get; } = Entry(
        "DS1103", "Ephemeral containers are not allowed in a pod template", RuleCategory.ApiCorrectness, Severity.Error,
        "Ephemeral containers are added to running pods (kubectl debug); a pod template may not declare any.",
        upstream: CV + " ValidatePodTemplateSpec",
        create: static () => new DS1103EphemeralContainersNotAllowedInTemplate());

    public static RuleDescriptor DS1104_PodAnnotationsMustBeValid { get; } = Entry(
        "DS1104", "Pod template annotations read by the server must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "In spec.template.metadata.annotations, controller.kubernetes.io/pod-deletion-cost must be a 32-bit integer, kubernetes.io/config.mirror needs spec.nodeName, and scheduler.alpha.kubernetes.io/tolerations must be a JSON list of valid tolerations.",
        upstream: CV + " ValidatePodTemplateSpec → ValidatePodSpecificAnnotations",
        create: static () => new DS1104PodAnnotationsMustBeValid(),
        gates: new[] { FeatureGate.PodDeletionCost });

    public static RuleDescriptor DS1111_DnsPolicyMustBeSupported { get; } = Entry(
        "DS1111", "dnsPolicy must be supported", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.template.spec.dnsPolicy is case-sensitive and must be ClusterFirstWithHostNet, ClusterFirst (the default), Default or None.",
        upstream: CV + " validateDNSPolicy",
        create: static () => new DS1111DnsPolicyMustBeSupported());

    public static RuleDescriptor DS1112_DnsConfigRequiredForDnsPolicyNone { get; } = Entry(
        "DS1112", "dnsPolicy None requires dnsConfig with a nameserver", RuleCategory.ApiCorrectness, Severity.Error,
        "With dnsPolicy: None the pod gets no DNS settings from the cluster, so dnsConfig must list at least one nameserver.",
        upstream: CV + " validatePodDNSConfig",
        create: static () => new DS1112DnsConfigRequiredForDnsPolicyNone());

    public static RuleDescriptor DS1113_DnsConfigMustBeValid { get; } = Entry(
        "DS1113", "dnsConfig must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "dnsConfig holds at most 3 nameservers, each an IP address; at most 32 search domains of at most 2048 characters in all, each a DNS subdomain; and options with names.",
        upstream: CV + " validatePodDNSConfig",
        create: static () => new DS1113DnsConfigMustBeValid(),
        gates: new[] { FeatureGate.ExpandedDNSConfig, FeatureGate.RelaxedDNSSearchValidation });

    public static RuleDescriptor DS1114_PodSpecNamesMustBeValid { get; } = Entry(
        "DS1114", "Pod spec names must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "serviceAccountName, nodeName, priorityClassName and runtimeClassName are DNS subdomains; hostname and subdomain are DNS labels.",
        upstream: CV + " ValidatePodSpec",
        create: static () => new DS1114PodSpecNamesMustBeValid());

    public static RuleDescriptor DS1116_HostNamespacesForbiddenWithUserNamespace { get; } = Entry(
        "DS1116", "Host namespaces are forbidden with hostUsers false", RuleCategory.ApiCorrectness, Severity.Error,
        "A pod in its own user namespace (hostUsers: false) may not use the host's network, PID or IPC namespace. Checked when the user-namespaces feature is enabled in the options.",
        upstream: CV + " validateHostUsers",
        create: static () => new DS1116HostNamespacesForbiddenWithUserNamespace(),
        gates: new[] { FeatureGate.UserNamespacesHostNetworkSupport });

    public static RuleDescriptor DS1117_ShareProcessNamespaceConflictsWithHostPid { get; } = Entry(
        "DS1117", "shareProcessNamespace and hostPID cannot both be enabled", RuleCategory.ApiCorrectness, Severity.Error,
        "A pod either shares one PID namespace among its containers or uses the host's; the server reports it at spec.template.spec.securityContext.shareProcessNamespace.",
        upstream: CV + " validatePodSpecSecurityContext",
        create: static () => new DS1117ShareProcessNamespaceConflictsWithHostPid());

    public static RuleDescriptor DS1119_PodAffinityTopologyKeyMustBeValid { get; } = Entry(
        "DS1119", "Pod affinity topologyKey must be a valid label key", RuleCategory.ApiCorrectness, Severity.Error,
        "Every pod affinity and anti-affinity term, required or preferred, needs a topologyKey that is a valid label key, such as kubernetes.io/hostname.",
        upstream: CV + " validatePodAffinityTerm",
        create: static () => new DS1119PodAffinityTopologyKeyMustBeValid());

    public static RuleDescriptor DS1120_PodAffinityWeightMustBeInRange { get; } = Entry(
        "DS1120", "Pod affinity weight must be 1-100", RuleCategory.ApiCorrectness, Severity.Error,
        "Each preferred pod affinity or anti-affinity term needs a weight between 1 and 100.",
        upstream: CV + " validateWeightedPodAffinityTerms",
        create: static () => new DS1120PodAffinityWeightMustBeInRange());

    public static RuleDescriptor DS1121_HostAliasesMustBeValid { get; } = Entry(
        "DS1121", "hostAliases must hold an IP address and DNS hostnames", RuleCategory.ApiCorrectness, Severity.Error,
        "Each hostAliases entry needs an ip that is an IPv4 or IPv6 address, and hostnames that are lower-case DNS subdomains.",
        upstream: CV + " ValidateHostAliases",
        create: static () => new DS1121HostAliasesMustBeValid());

    public static RuleDescriptor DS1122_ReadinessGatesMustBeValid { get; } = Entry(
        "DS1122", "readinessGates conditionType must be a qualified name", RuleCategory.ApiCorrectness, Severity.Error,
        "Each readinessGates entry needs a conditionType that is a qualified name, such as example.com/feature-1.",
        upstream: CV + " validateReadinessGates",
        create: static () => new DS1122ReadinessGatesMustBeValid());

    public static RuleDescriptor DS1123_SchedulingGatesMustBeValid { get; } = Entry(
        "DS1123", "schedulingGates names must be unique qualified names", RuleCategory.ApiCorrectness, Severity.Error,
        "Each schedulingGates entry needs a name that is a qualified name, such as example.com/quota, and no name may appear twice.",
        upstream: CV + " validateSchedulingGates",
        create: static () => new DS1123SchedulingGatesMustBeValid());

    public static RuleDescriptor DS1124_TopologySpreadConstraintMustBeValid { get; } = Entry(
        "DS1124", "Topology spread constraint fields must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "Each topologySpreadConstraints entry needs a maxSkew greater than 0, a non-empty topologyKey and whenUnsatisfiable DoNotSchedule or ScheduleAnyway; minDomains, when set, is greater than 0 and needs DoNotSchedule; nodeAffinityPolicy and nodeTaintsPolicy are Honor or Ignore.",
        upstream: CV + " validateTopologySpreadConstraints",
        create: static () => new DS1124TopologySpreadConstraintMustBeValid());

    public static RuleDescriptor DS1125_TopologySpreadConstraintsMustBeUnique { get; } = Entry(
        "DS1125", "Topology spread constraints must not repeat a topologyKey and whenUnsatisfiable pair", RuleCategory.ApiCorrectness, Severity.Error,
        "No two topologySpreadConstraints entries may have the same topologyKey and the same whenUnsatisfiable.",
        upstream: CV + " validateTopologySpreadConstraints → ValidateSpreadConstraintNotRepeat",
        create: static () => new DS1125TopologySpreadConstraintsMustBeUnique());

    public static RuleDescriptor DS1126_TopologySpreadSelectorMustBeValid { get; } = Entry(
        "DS1126", "Topology spread labelSelector and matchLabelKeys must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "A topology spread constraint's labelSelector follows the label selector syntax; matchLabelKeys are label keys and need a labelSelector, which may use each of those keys at most once in matchLabels and matchExpressions together.",
        upstream: CV + " validateTopologySpreadConstraints → ValidateMatchLabelKeysAndMismatchLabelKeys / " + MV + " ValidateLabelSelector",
        create: static () => new DS1126TopologySpreadSelectorMustBeValid(),
        gates: new[] { FeatureGate.MatchLabelKeysInPodTopologySpread, FeatureGate.MatchLabelKeysInPodTopologySpreadSelectorMerge });

    public static RuleDescriptor DS1127_PodAffinityTermMustBeValid { get; } = Entry(
        "DS1127", "Pod affinity term selectors, namespaces and label keys must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "In every pod affinity and anti-affinity term, labelSelector and namespaceSelector follow the label selector syntax, namespaces are DNS labels, and matchLabelKeys and mismatchLabelKeys are label keys that need a labelSelector and may not share a key.",
        upstream: CV + " validatePodAffinityTerm → ValidatePodAffinityTermSelector / ValidateNamespaceName / validateMatchLabelKeysAndMismatchLabelKeys",
        create: static () => new DS1127PodAffinityTermMustBeValid());

    public static RuleDescriptor DS1131_ContainersRequired { get; } = Entry(
        "DS1131", "The pod template needs at least one container", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.template.spec.containers may not be missing or empty; init containers alone do not make a pod.",
        upstream: CV + " validateContainers",
        create: static () => new DS1131ContainersRequired());

    public static RuleDescriptor DS1132_ContainerNameMustBeValid { get; } = Entry(
        "DS1132", "Container name must be a DNS label", RuleCategory.ApiCorrectness, Severity.Error,
        "Every container and init container needs a name of at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.",
        upstream: CV + " validateContainerCommon",
        create: static () => new DS1132ContainerNameMustBeValid());

    public static RuleDescriptor DS1133_ContainerNamesMustBeUnique { get; } = Entry(
        "DS1133", "Container names must be unique", RuleCategory.ApiCorrectness, Severity.Error,
        "Container names are unique among the containers, and an init container may not share a name with any container or earlier init container.",
        upstream: CV + " validateContainers / validateInitContainers",
        create: static () => new DS1133ContainerNamesMustBeUnique());

    public static RuleDescriptor DS1134_ContainerImageRequired { get; } = Entry(
        "DS1134", "Container image is required", RuleCategory.ApiCorrectness, Severity.Error,
        "Every container and init container of a pod template needs an image.",
        upstream: CV + " validateContainerCommon",
        create: static () => new DS1134ContainerImageRequired());

    public static RuleDescriptor DS1135_TerminationMessagePolicyMustBeSupported { get; } = Entry(
        "DS1135", "terminationMessagePolicy must be File or FallbackToLogsOnError", RuleCategory.ApiCorrectness, Severity.Error,
        "terminationMessagePolicy is case-sensitive; when unset it defaults to File.",
        upstream: CV + " validateContainerCommon",
        create: static () => new DS1135TerminationMessagePolicyMustBeSupported());

    public static RuleDescriptor DS1136_ImagePullPolicyMustBeSupported { get; } = Entry(
        "DS1136", "imagePullPolicy must be Always, IfNotPresent or Never", RuleCategory.ApiCorrectness, Severity.Error,
        "imagePullPolicy is case-sensitive; when unset it defaults to Always for ':latest' or untagged images and IfNotPresent otherwise.",
        upstream: CV + " validatePullPolicy",
        create: static () => new DS1136ImagePullPolicyMustBeSupported());

    public static RuleDescriptor DS1137_ContainerRestartPolicyForbidden { get; } = Entry(
        "DS1137", "restartPolicy may not be set on a container", RuleCategory.ApiCorrectness, Severity.Error,
        "A container-level restartPolicy is only accepted on init containers, where Always makes them sidecars.",
        upstream: CV + " validateContainers",
        create: static () => new DS1137ContainerRestartPolicyForbidden(),
        gates: new[] { FeatureGate.ContainerRestartRules, FeatureGate.SidecarContainers });

    public static RuleDescriptor DS1138_InitContainerRestartPolicyMustBeAlways { get; } = Entry(
        "DS1138", "Init container restartPolicy must be Always", RuleCategory.ApiCorrectness, Severity.Error,
        "The only restartPolicy an init container accepts is Always, which makes it a sidecar; leave it unset for a regular init container.",
        upstream: CV + " validateInitContainerRestartPolicy",
        create: static () => new DS1138InitContainerRestartPolicyMustBeAlways(),
        gates: new[] { FeatureGate.ContainerRestartRules, FeatureGate.SidecarContainers });

    public static RuleDescriptor DS1139_InitContainerProbesRequireRestartPolicyAlways { get; } = Entry(
        "DS1139", "Init containers take probes and lifecycle only as sidecars", RuleCategory.ApiCorrectness, Severity.Error,
        "lifecycle, livenessProbe, readinessProbe and startupProbe are forbidden on an init container unless it has restartPolicy: Always.",
        upstream: CV + " validateInitContainers",
        create: static () => new DS1139InitContainerProbesRequireRestartPolicyAlways(),
        gates: new[] { FeatureGate.SidecarContainers });

    public static RuleDescriptor DS1140_PreemptionPolicyMustBeSupported { get; } = Entry(
        "DS1140", "preemptionPolicy must be PreemptLowerPriority or Never", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.template.spec.preemptionPolicy, when written, must be PreemptLowerPriority or Never (case-sensitive); an empty string is not defaulted and is rejected as a missing value.",
        upstream: CV + " ValidatePreemptionPolicy",
        create: static () => new DS1140PreemptionPolicyMustBeSupported());

    public static RuleDescriptor DS1151_PortNameMustBeValid { get; } = Entry(
        "DS1151", "Container port name must be a valid IANA service name", RuleCategory.ApiCorrectness, Severity.Error,
        "A port name has at most 15 lower-case letters, digits and single hyphens, at least one letter, and no hyphen at either end.",
        upstream: "staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go IsValidPortName",
        create: static () => new DS1151PortNameMustBeValid());

    public static RuleDescriptor DS1152_PortNamesMustBeUnique { get; } = Entry(
        "DS1152", "Port names must be unique within a container", RuleCategory.ApiCorrectness, Severity.Error,
        "Two ports of one container may not share a name.",
        upstream: CV + " validateContainerPorts",
        create: static () => new DS1152PortNamesMustBeUnique());

    public static RuleDescriptor DS1153_ContainerPortMustBeValid { get; } = Entry(
        "DS1153", "containerPort is required and must be 1-65535", RuleCategory.ApiCorrectness, Severity.Error,
        "Every entry of ports needs a containerPort between 1 and 65535.",
        upstream: CV + " validateContainerPorts",
        create: static () => new DS1153ContainerPortMustBeValid());

    public static RuleDescriptor DS1154_HostPortMustBeInRange { get; } = Entry(
        "DS1154", "hostPort must be 1-65535", RuleCategory.ApiCorrectness, Severity.Error,
        "A hostPort, when set (non-zero), must be between 1 and 65535.",
        upstream: CV + " validateContainerPorts",
        create: static () => new DS1154HostPortMustBeInRange());

    public static RuleDescriptor DS1155_PortProtocolMustBeSupported { get; } = Entry(
        "DS1155", "Port protocol must be TCP, UDP or SCTP", RuleCategory.ApiCorrectness, Severity.Error,
        "The protocol is case-sensitive; when unset it defaults to TCP.",
        upstream: CV + " validateContainerPorts",
        create: static () => new DS1155PortProtocolMustBeSupported());

    public static RuleDescriptor DS1156_HostPortsMustNotConflict { get; } = Entry(
        "DS1156", "Host ports must not conflict", RuleCategory.ApiCorrectness, Severity.Error,
        "No two ports of the containers may claim the same protocol, hostIP and hostPort; an init container is checked on its own because init containers run one at a time.",
        upstream: CV + " checkHostPortConflicts / AccumulateUniqueHostPorts",
        create: static () => new DS1156HostPortsMustNotConflict());

    public static RuleDescriptor DS1157_HostPortMustMatchContainerPortWithHostNetwork { get; } = Entry(
        "DS1157", "hostPort must match containerPort with hostNetwork", RuleCategory.ApiCorrectness, Severity.Error,
        "With hostNetwork: true a container listens on the node itself, so a hostPort, when set, must equal its containerPort.",
        upstream: CV + " validatePodHostNetworkDeps",
        create: static () => new DS1157HostPortMustMatchContainerPortWithHostNetwork());

    public static RuleDescriptor DS1171_EnvNameMustBeValid { get; } = Entry(
        "DS1171", "Environment variable name must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "Every env entry needs a name of printable ASCII characters other than '=' (the relaxed rule of current servers).",
        upstream: CV + " ValidateEnv → IsRelaxedEnvVarName",
        create: static () => new DS1171EnvNameMustBeValid(),
        gates: new[] { FeatureGate.RelaxedEnvironmentVariableValidation });

    public static RuleDescriptor DS1172_EnvValueFromMustHaveOneSource { get; } = Entry(
        "DS1172", "env valueFrom must have exactly one source and no value", RuleCategory.ApiCorrectness, Severity.Error,
        "valueFrom takes exactly one of fieldRef, resourceFieldRef, configMapKeyRef and secretKeyRef, and value must be empty beside it.",
        upstream: CV + " validateEnvVarValueFrom",
        create: static () => new DS1172EnvValueFromMustHaveOneSource(),
        gates: new[] { FeatureGate.EnvFiles });

    public static RuleDescriptor DS1173_EnvFieldRefMustBeSupported { get; } = Entry(
        "DS1173", "env fieldRef must name a supported pod field", RuleCategory.ApiCorrectness, Severity.Error,
        "An env fieldRef may take metadata.name, metadata.namespace, metadata.uid, one label or annotation (metadata.labels['key']), spec.nodeName, spec.serviceAccountName, status.hostIP(s) or status.podIP(s).",
        upstream: CV + " validateObjectFieldSelector",
        create: static () => new DS1173EnvFieldRefMustBeSupported());

    public static RuleDescriptor DS1174_EnvFromMustBeValid { get; } = Entry(
        "DS1174", "envFrom must name exactly one ConfigMap or Secret", RuleCategory.ApiCorrectness, Severity.Error,
        "Each envFrom entry takes exactly one of configMapRef and secretRef, with a name that is a DNS subdomain, and a prefix of printable ASCII characters other than '=' (the relaxed rule of current servers).",
        upstream: CV + " ValidateEnvFrom",
        create: static () => new DS1174EnvFromMustBeValid(),
        gates: new[] { FeatureGate.RelaxedEnvironmentVariableValidation });

    public static RuleDescriptor DS1175_EnvResourceFieldRefMustBeValid { get; } = Entry(
        "DS1175", "env resourceFieldRef must name a supported resource and divisor", RuleCategory.ApiCorrectness, Severity.Error,
        "An env resourceFieldRef needs a resource among limits/requests of cpu, memory and ephemeral-storage (or hugepages-<size>), and a divisor the resource supports: 1m or 1 for cpu, 1 or a decimal or binary unit (1k to 1E, 1Ki to 1Ei) for the others.",
        upstream: CV + " validateContainerResourceFieldSelector / validateContainerResourceDivisor",
        create: static () => new DS1175EnvResourceFieldRefMustBeValid());

    public static RuleDescriptor DS1176_EnvKeyRefMustBeValid { get; } = Entry(
        "DS1176", "env configMapKeyRef and secretKeyRef need a valid name and key", RuleCategory.ApiCorrectness, Severity.Error,
        "An env configMapKeyRef or secretKeyRef needs a name that is a DNS subdomain (an empty name is invalid too) and a key of letters, digits, '-', '_' and '.' that is not '.', '..' or '..'-prefixed.",
        upstream: CV + " validateConfigMapKeySelector / validateSecretKeySelector",
        create: static () => new DS1176EnvKeyRefMustBeValid());

    public static RuleDescriptor DS1181_ProbeMustHaveOneHandler { get; } = Entry(
        "DS1181", "Probe and lifecycle handler must specify exactly one action", RuleCategory.ApiCorrectness, Severity.Error,
        "A probe takes exactly one of exec, httpGet, tcpSocket and grpc; a postStart or preStop hook exactly one of exec, httpGet, tcpSocket and sleep.",
        upstream: CV + " validateHandler",
        create: static () => new DS1181ProbeMustHaveOneHandler());

    public static RuleDescriptor DS1182_ProbeSuccessThresholdMustBeOne { get; } = Entry(
        "DS1182", "Liveness and startup probe successThreshold must be 1", RuleCategory.ApiCorrectness, Severity.Error,
        "Only readiness probes may need more than one success; liveness and startup probes take successThreshold 1 (the default).",
        upstream: CV + " validateLivenessProbe / validateStartupProbe",
        create: static () => new DS1182ProbeSuccessThresholdMustBeOne());

    public static RuleDescriptor DS1183_ProbeFieldsMustBeInRange { get; } = Entry(
        "DS1183", "Probe timings must be in range", RuleCategory.ApiCorrectness, Severity.Error,
        "Probe delays, periods, timeouts and thresholds may not be negative; a probe terminationGracePeriodSeconds must be positive and is not accepted on readiness probes.",
        upstream: CV + " validateProbe / validateReadinessProbe",
        create: static () => new DS1183ProbeFieldsMustBeInRange());

    public static RuleDescriptor DS1184_HandlerActionMustBeValid { get; } = Entry(
        "DS1184", "Probe and lifecycle actions must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "exec needs a command; httpGet, tcpSocket and grpc need a port number 1-65535 or a valid port name; httpGet.scheme is HTTP or HTTPS; httpGet header names are letters, digits and '-'; a sleep may not be negative or outlast the termination grace period.",
        upstream: CV + " validateExecAction / validateHTTPGetAction / ValidatePortNumOrName / validateSleepAction",
        create: static () => new DS1184HandlerActionMustBeValid(),
        gates: new[] { FeatureGate.PodLifecycleSleepActionAllowZero });

    public static RuleDescriptor DS1185_PodResourceNameMustBeSupported { get; } = Entry(
        "DS1185", "Pod-level resources name only cpu, memory and hugepages", RuleCategory.ApiCorrectness, Severity.Error,
        "The pod-level spec.resources (PodLevelResources) takes limits and requests of cpu and memory, and from Kubernetes 1.33 of hugepages-<size>; other names are rejected as unsupported, and a name must first be a valid resource name.",
        upstream: CV + " validatePodResourceName (validatePodResources)",
        create: static () => new DS1185PodResourceNameMustBeSupported(),
        gates: new[] { FeatureGate.PodLevelResources });

    public static RuleDescriptor DS1186_PodResourcesMustCoverContainers { get; } = Entry(
        "DS1186", "Pod-level resources must cover the containers", RuleCategory.ApiCorrectness, Severity.Error,
        "With a pod-level spec.resources, each pod-level request must be at least what the containers request together (init containers and sidecars counted as the scheduler counts them, for every resource they request), and no regular container's limit may exceed the pod-level limit of that resource.",
        upstream: CV + " validatePodResourceConsistency (validatePodResources)",
        create: static () => new DS1186PodResourcesMustCoverContainers(),
        gates: new[] { FeatureGate.PodLevelResources });

    public static RuleDescriptor DS1187_ResizePolicyMustBeValid { get; } = Entry(
        "DS1187", "Container resizePolicy must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "Each resizePolicy entry names cpu or memory, at most once, with the restartPolicy NotRequired or RestartContainer (only NotRequired when the pod's restartPolicy is Never).",
        upstream: CV + " validateResizePolicy",
        create: static () => new DS1187ResizePolicyMustBeValid());

    public static RuleDescriptor DS1188_InitContainerResizePolicyForbidden { get; } = Entry(
        "DS1188", "Init containers may not set resizePolicy", RuleCategory.ApiCorrectness, Severity.Error,
        "Up to Kubernetes 1.32 an init container may not set a non-empty resizePolicy (in 1.32 unless the stored object has a sidecar that does); from 1.33, with InPlacePodVerticalScaling on, any init container may.",
        upstream: CV + " validateInitContainers (AllowSidecarResizePolicy)",
        create: static () => new DS1188InitContainerResizePolicyForbidden(),
        gates: new[] { FeatureGate.InPlacePodVerticalScaling });

    public static RuleDescriptor DS1190_PodResourceClaimsMustBeValid { get; } = Entry(
        "DS1190", "Pod resourceClaims must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "Each spec.template.spec.resourceClaims entry needs a unique name that is a DNS label, and exactly one of resourceClaimName and resourceClaimTemplateName (under source before 1.31), each a DNS subdomain. Checked where the release's decoder keeps resourceClaims (DynamicResourceAllocation on).",
        upstream: CV + " validatePodResourceClaims → validatePodResourceClaim / validatePodResourceClaimSource",
        create: static () => new DS1190PodResourceClaimsMustBeValid());

    public static RuleDescriptor DS1191_ResourceClaimReferencesMustBeValid { get; } = Entry(
        "DS1191", "Container resource claims must name a pod resource claim", RuleCategory.ApiCorrectness, Severity.Error,
        "Each entry of a container's resources.claims (and of the pod-level resources.claims) needs a name that is one of the pod's resourceClaims, may not repeat a claim or a claim and request already listed, and its request, when given, is a DNS label.",
        upstream: CV + " validateResourceRequirements → validateResourceClaimNames",
        create: static () => new DS1191ResourceClaimReferencesMustBeValid(),
        gates: new[] { FeatureGate.PodLevelResources });

    public static RuleDescriptor DS1192_PodLevelResourceClaimsForbidden { get; } = Entry(
        "DS1192", "Pod-level resources may not set claims", RuleCategory.ApiCorrectness, Severity.Error,
        "spec.template.spec.resources takes requests and limits only: the API server refuses a claims list there, even an empty one. Containers reference resource claims in their own resources.claims.",
        upstream: CV + " validatePodResources",
        create: static () => new DS1192PodLevelResourceClaimsForbidden(),
        gates: new[] { FeatureGate.PodLevelResources });

    public static RuleDescriptor DS1301_ResourceQuantityMustBeValid { get; } = Entry(
        "DS1301", "Resource quantities must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "A quantity must parse as a Kubernetes quantity (digits with an optional SI suffix such as m, Mi or G, or an exponent), must not be negative, must be a whole number for extended resources, and a hugepages amount must be a multiple of its page size.",
        upstream: "staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go ParseQuantity; " + CV + " ValidateResourceQuantityValue / validateResourceQuantityHugePageValue",
        create: static () => new DS1301ResourceQuantityMustBeValid(),
        gates: new[] { FeatureGate.PodLevelResources });

    public static RuleDescriptor DS1302_ResourceNameMustBeValid { get; } = Entry(
        "DS1302", "Container resource names must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "Container limits and requests take cpu, memory, ephemeral-storage, hugepages-<size>, or a fully qualified extended resource such as example.com/device.",
        upstream: CV + " validateContainerResourceName",
        create: static () => new DS1302ResourceNameMustBeValid());

    public static RuleDescriptor DS1303_RequestMustNotExceedLimit { get; } = Entry(
        "DS1303", "A request must not exceed its limit", RuleCategory.ApiCorrectness, Severity.Error,
        "For every resource with both a request and a limit, in a container or in the pod-level resources, the request must be less than or equal to the limit; the server compares the exact quantities.",
        upstream: CV + " validateResourceRequirements (containers, and the pod-level resources through validatePodResources)",
        create: static () => new DS1303RequestMustNotExceedLimit(),
        gates: new[] { FeatureGate.PodLevelResources });

    public static RuleDescriptor DS1304_NonOvercommitableRequestMustEqualLimit { get; } = Entry(
        "DS1304", "Extended resources and hugepages cannot be overcommitted", RuleCategory.ApiCorrectness, Severity.Error,
        "Hugepages and extended resources (such as nvidia.com/gpu) cannot be overcommitted: a request needs a limit, and the two must be equal (in containers and in the pod-level resources).",
        upstream: CV + " validateResourceRequirements (IsOvercommitAllowed; containers and the pod-level resources)",
        create: static () => new DS1304NonOvercommitableRequestMustEqualLimit(),
        gates: new[] { FeatureGate.PodLevelResources });

    public static RuleDescriptor DS1305_HugePagesRequireCpuOrMemory { get; } = Entry(
        "DS1305", "Hugepages require a cpu or memory request or limit", RuleCategory.ApiCorrectness, Severity.Error,
        "A container (or the pod-level resources, or the overhead) that asks for hugepages must also set cpu or memory in its requests or limits.",
        upstream: CV + " validateResourceRequirements / validateOverhead / validatePodResources",
        create: static () => new DS1305HugePagesRequireCpuOrMemory(),
        gates: new[] { FeatureGate.PodLevelResources });

    public static RuleDescriptor DS1320_PrivilegedDisallowedByPolicy { get; } = Entry(
        "DS1320", "Privileged containers are disallowed by cluster policy", RuleCategory.ApiCorrectness, Severity.Error,
        "When kube-apiserver runs with --allow-privileged=false (ValidatorOptions.AllowPrivileged false), a container with securityContext.privileged: true is rejected.",
        upstream: CV + " ValidateSecurityContext",
        create: static () => new DS1320PrivilegedDisallowedByPolicy());

    public static RuleDescriptor DS1321_AllowPrivilegeEscalationConflict { get; } = Entry(
        "DS1321", "allowPrivilegeEscalation false conflicts with privileged or CAP_SYS_ADMIN", RuleCategory.ApiCorrectness, Severity.Error,
        "A container cannot set allowPrivilegeEscalation: false and also be privileged or add the CAP_SYS_ADMIN capability.",
        upstream: CV + " ValidateSecurityContext",
        create: static () => new DS1321AllowPrivilegeEscalationConflict());

    public static RuleDescriptor DS1322_UserAndGroupIdsMustBeInRange { get; } = Entry(
        "DS1322", "User and group ids must be in range", RuleCategory.ApiCorrectness, Severity.Error,
        "runAsUser, runAsGroup, fsGroup and supplementalGroups must be between 0 and 2147483647, the range apimachinery's IsValidUserID and IsValidGroupID accept.",
        upstream: "staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go IsValidUserID / IsValidGroupID",
        create: static () => new DS1322UserAndGroupIdsMustBeInRange());

    public static RuleDescriptor DS1323_SeccompProfileMustBeValid { get; } = Entry(
        "DS1323", "seccompProfile must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "A seccompProfile needs a type of Localhost, RuntimeDefault or Unconfined; localhostProfile is required with Localhost, must be a relative path without '..', and is forbidden with other types.",
        upstream: CV + " validateSeccompProfileField",
        create: static () => new DS1323SeccompProfileMustBeValid());

    public static RuleDescriptor DS1324_AppArmorProfileMustBeValid { get; } = Entry(
        "DS1324", "appArmorProfile must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "An appArmorProfile needs a type of Localhost, RuntimeDefault or Unconfined; localhostProfile is required with Localhost (not empty, not padded with whitespace, at most 4095 bytes) and forbidden with the other types.",
        upstream: CV + " ValidateAppArmorProfileField",
        create: static () => new DS1324AppArmorProfileMustBeValid());

    public static RuleDescriptor DS1325_AppArmorAnnotationsMustBeValid { get; } = Entry(
        "DS1325", "AppArmor annotations must name a container and agree with appArmorProfile", RuleCategory.ApiCorrectness, Severity.Error,
        "A container.apparmor.security.beta.kubernetes.io/<name> template annotation must name a container of the pod and hold runtime/default, unconfined or localhost/<profile>; when the container also has an appArmorProfile (its own or the pod's), both must say the same.",
        upstream: CV + " ValidateAppArmorPodAnnotations / validateAppArmorAnnotationsAndFieldsMatchOnCreate",
        create: static () => new DS1325AppArmorAnnotationsMustBeValid());

    public static RuleDescriptor DS1326_SeccompAnnotationsMustBeValid { get; } = Entry(
        "DS1326", "Seccomp annotations must be valid and agree with seccompProfile", RuleCategory.ApiCorrectness, Severity.Error,
        "The seccomp.security.alpha.kubernetes.io/pod and container.seccomp.security.alpha.kubernetes.io/<name> template annotations must hold runtime/default, docker/default, unconfined or localhost/<relative path>; when the pod or the container also has a seccompProfile, both must say the same.",
        upstream: CV + " ValidateSeccompPodAnnotations / validateSeccompAnnotationsAndFields",
        create: static () => new DS1326SeccompAnnotationsMustBeValid());

    public static RuleDescriptor DS1327_WindowsOptionsMustBeValid { get; } = Entry(
        "DS1327", "windowsOptions must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "In windowsOptions, gmsaCredentialSpecName is a DNS subdomain, gmsaCredentialSpec is not empty and at most 64 KiB, and runAsUserName is [DOMAIN\\]USER with a NetBIOS or DNS domain under 256 characters and a user of at most 104 characters without control characters or \"/\\:;|=,+*?<>@[].",
        upstream: CV + " validateWindowsSecurityContextOptions",
        create: static () => new DS1327WindowsOptionsMustBeValid());

    public static RuleDescriptor DS1328_WindowsHostProcessMustBeConsistent { get; } = Entry(
        "DS1328", "Windows hostProcess must be set consistently", RuleCategory.ApiCorrectness, Severity.Error,
        "A container's windowsOptions.hostProcess must equal the pod's when both are set; if any container is a hostProcess container, all must be, hostNetwork must be true, and the cluster must allow privileged containers.",
        upstream: CV + " validateWindowsHostProcessPod",
        create: static () => new DS1328WindowsHostProcessMustBeConsistent());

    public static RuleDescriptor DS1329_FsGroupChangePolicyMustBeSupported { get; } = Entry(
        "DS1329", "fsGroupChangePolicy must be Always or OnRootMismatch", RuleCategory.ApiCorrectness, Severity.Error,
        "securityContext.fsGroupChangePolicy takes Always or OnRootMismatch, case-sensitive; an empty string is refused too.",
        upstream: CV + " validateFSGroupChangePolicy",
        create: static () => new DS1329FsGroupChangePolicyMustBeSupported());

    public static RuleDescriptor DS1330_TemplateGenerationAnnotationMustBeAnInteger { get; } = Entry(
        "DS1330", "The deprecated.daemonset.template.generation annotation must be an integer", RuleCategory.ApiCorrectness, Severity.Error,
        "The apps/v1 conversion parses the DaemonSet's deprecated.daemonset.template.generation annotation as a base-10 int64 (an optional sign, then digits); any other value fails the request before validation.",
        upstream: "pkg/apis/apps/v1/conversion.go Convert_v1_DaemonSet_To_apps_DaemonSet (strconv.ParseInt)",
        create: static () => new DS1330TemplateGenerationAnnotationMustBeAnInteger());

    public static RuleDescriptor DS1331_TemplateGenerationMustStayValidOnUpdate { get; } = Entry(
        "DS1331", "spec.templateGeneration must stay valid on update", RuleCategory.ApiCorrectness, Severity.Error,
        "On update the server takes spec.templateGeneration from the stored object (its deprecated.daemonset.template.generation annotation, at least 1 since its create) and adds 1 when the template changed (compared after defaulting, so a default spelled out is no change, while an empty object or a zero value given to a field that has no default is one): at 9223372036854775807 the addition wraps around to a negative value, refused at spec.templateGeneration.",
        upstream: "pkg/registry/apps/daemonset/strategy.go PrepareForUpdate; pkg/apis/apps/validation ValidateDaemonSetSpecUpdate, ValidateDaemonSetSpec (ValidateNonnegativeField)",
        gates: new[] { FeatureGate.ImageVolume },
        create: static () => new DS1331TemplateGenerationMustStayValidOnUpdate());

    public static RuleDescriptor DS1340_SysctlNameMustBeValid { get; } = Entry(
        "DS1340", "Sysctl names must be valid and unique", RuleCategory.ApiCorrectness, Severity.Error,
        "Each securityContext.sysctls name is required, at most 253 characters of lower-case segments separated by '.' or '/', and unique.",
        upstream: CV + " validateSysctls",
        create: static () => new DS1340SysctlNameMustBeValid());

    public static RuleDescriptor DS1341_SysctlMustNotUseHostNamespace { get; } = Entry(
        "DS1341", "Namespaced sysctls are forbidden with host namespaces", RuleCategory.ApiCorrectness, Severity.Error,
        "net.* sysctls cannot be set when hostNetwork is true, and IPC sysctls (kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*) cannot be set when hostIPC is true: they would change the node itself.",
        upstream: CV + " ValidateHostSysctl",
        create: static () => new DS1341SysctlMustNotUseHostNamespace());

    public static RuleDescriptor DS1342_OsSpecificFieldsMustMatchPodOs { get; } = Entry(
        "DS1342", "OS-specific fields must match the pod OS", RuleCategory.ApiCorrectness, Severity.Error,
        "With os.name: windows, Linux-only fields (seLinuxOptions, seccompProfile, runAsUser, privileged, capabilities, hostPID, sysctls, ...) are forbidden; with os.name: linux, windowsOptions is forbidden; os.name itself must be linux or windows.",
        upstream: CV + " validateOS / validateWindows / validateLinux",
        create: static () => new DS1342OsSpecificFieldsMustMatchPodOs());

    public static RuleDescriptor DS1343_SeLinuxChangePolicyMustBeSupported { get; } = Entry(
        "DS1343", "seLinuxChangePolicy must be Recursive or MountOption", RuleCategory.ApiCorrectness, Severity.Error,
        "securityContext.seLinuxChangePolicy takes Recursive or MountOption, case-sensitive, and an empty string is refused; while the SELinuxMount feature is off (the default through 1.35) only Recursive is accepted, unless the stored object already has a policy.",
        upstream: CV + " validateSELinuxChangePolicy",
        create: static () => new DS1343SeLinuxChangePolicyMustBeSupported(),
        gates: new[] { FeatureGate.SELinuxMount });

    public static RuleDescriptor DS1344_SupplementalGroupsPolicyMustBeSupported { get; } = Entry(
        "DS1344", "supplementalGroupsPolicy must be Merge or Strict", RuleCategory.ApiCorrectness, Severity.Error,
        "securityContext.supplementalGroupsPolicy takes Merge or Strict, case-sensitive; an empty string is refused too.",
        upstream: CV + " validateSupplementalGroupsPolicy",
        create: static () => new DS1344SupplementalGroupsPolicyMustBeSupported());

    public static RuleDescriptor DS1360_VolumeNameMustBeValid { get; } = Entry(
        "DS1360", "Volume names must be valid and unique", RuleCategory.ApiCorrectness, Severity.Error,
        "Each volume needs a name that is a lowercase RFC 1123 label (at most 63 characters) and unique among the valid volumes.",
        upstream: CV + " ValidateVolumes",
        create: static () => new DS1360VolumeNameMustBeValid());

    public static RuleDescriptor DS1361_VolumeMustHaveOneSource { get; } = Entry(
        "DS1361", "A volume must have exactly one source", RuleCategory.ApiCorrectness, Severity.Error,
        "A volume may specify only one source (emptyDir, hostPath, configMap, ...); the server blames the later one in its fixed order. A volume with no source is defaulted to emptyDir.",
        upstream: CV + " validateVolumeSource",
        create: static () => new DS1361VolumeMustHaveOneSource());

    public static RuleDescriptor DS1362_HostPathPathMustBeValid { get; } = Entry(
        "DS1362", "hostPath path is required and must not contain '..'", RuleCategory.ApiCorrectness, Severity.Error,
        "A hostPath volume needs a path, and the path may not contain a '..' element.",
        upstream: CV + " validateHostPathVolumeSource / validatePathNoBacksteps",
        create: static () => new DS1362HostPathPathMustBeValid());

    public static RuleDescriptor DS1363_HostPathTypeMustBeSupported { get; } = Entry(
        "DS1363", "hostPath type must be supported", RuleCategory.ApiCorrectness, Severity.Error,
        "hostPath.type is case-sensitive and must be empty (the default), DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice.",
        upstream: CV + " validateHostPathType",
        create: static () => new DS1363HostPathTypeMustBeSupported());

    public static RuleDescriptor DS1364_EmptyDirSizeLimitMustNotBeNegative { get; } = Entry(
        "DS1364", "emptyDir sizeLimit must not be negative", RuleCategory.ApiCorrectness, Severity.Error,
        "emptyDir.sizeLimit must be a non-negative quantity.",
        upstream: CV + " validateVolumeSource",
        create: static () => new DS1364EmptyDirSizeLimitMustNotBeNegative());

    public static RuleDescriptor DS1365_FileModeMustBeInRange { get; } = Entry(
        "DS1365", "File modes must be between 0 and 0777", RuleCategory.ApiCorrectness, Severity.Error,
        "defaultMode and mode of secret, configMap, downwardAPI and projected volumes are numbers between 0 and 0777 octal (511 decimal); YAML reads 0640 as octal, 640 as decimal.",
        upstream: CV + " validateSecretVolumeSource / validateConfigMapVolumeSource / validateKeyToPath / validateDownwardAPIVolumeFile / validateProjectedVolumeSource",
        create: static () => new DS1365FileModeMustBeInRange());

    public static RuleDescriptor DS1367_VolumeSourceFieldsMustBeValid { get; } = Entry(
        "DS1367", "Volume source fields must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "Common volume sources need their reference (secret.secretName, configMap.name, persistentVolumeClaim.claimName, nfs server and absolute path, gitRepo repository), projected items need a key and a relative path without '..', the sources of a projected volume may not write one path twice, and downwardAPI items need a path and exactly one of fieldRef and resourceFieldRef.",
        upstream: CV + " validateSecretVolumeSource / validateConfigMapVolumeSource / validateKeyToPath / validateDownwardAPIVolumeFile / validateProjectionSources / validateNFSVolumeSource",
        create: static () => new DS1367VolumeSourceFieldsMustBeValid());

    public static RuleDescriptor DS1368_EphemeralVolumeClaimTemplateMustBeValid { get; } = Entry(
        "DS1368", "An ephemeral volume's volumeClaimTemplate must be a valid claim template", RuleCategory.ApiCorrectness, Severity.Error,
        "ephemeral.volumeClaimTemplate is required; its metadata may hold only valid labels and annotations (every other field is forbidden), and its spec needs supported accessModes, a positive resources.requests.storage, a valid selector, storageClassName and volumeMode, and dataSource/dataSourceRef that name a kind and agree.",
        upstream: CV + " validateEphemeralVolumeSource / ValidatePersistentVolumeClaimTemplate / ValidatePersistentVolumeClaimSpec",
        create: static () => new DS1368EphemeralVolumeClaimTemplateMustBeValid());

    public static RuleDescriptor DS1369_DownwardApiVolumeFileMustSelectSupportedField { get; } = Entry(
        "DS1369", "Downward API volume files must select a supported field or resource", RuleCategory.ApiCorrectness, Severity.Error,
        "A downwardAPI file (in a downwardAPI volume or a projected source) selects metadata.name, namespace, uid, labels or annotations (or one label or annotation key), or a container's limits/requests of cpu, memory, ephemeral-storage or hugepages with a containerName and a supported divisor; the server reports these errors at the source's path, without the item index.",
        upstream: CV + " validateDownwardAPIVolumeFile / validateObjectFieldSelector / validateContainerResourceFieldSelector / validateContainerResourceDivisor",
        create: static () => new DS1369DownwardApiVolumeFileMustSelectSupportedField());

    public static RuleDescriptor DS1370_StorageVolumeSourceMustBeValid { get; } = Entry(
        "DS1370", "In-tree storage volume sources must be complete and valid", RuleCategory.ApiCorrectness, Severity.Error,
        "iSCSI, FC, GCE and AWS disks, Azure disk and file, CephFS, RBD, Cinder, Glusterfs, Quobyte, Flocker, FlexVolume, StorageOS, ScaleIO, vSphere, Photon and Portworx volumes need their identifying fields, and their values (IQNs, LUNs, partitions, disk kinds and URIs, host:port registries, option namespaces) must be valid.",
        upstream: CV + " validateVolumeSource / validateISCSIVolumeSource / validateFCVolumeSource / validateAzureDisk / validateQuobyteVolumeSource / validateFlexVolumeSource / validateStorageOSVolumeSource and the other in-tree sources",
        create: static () => new DS1370StorageVolumeSourceMustBeValid());

    public static RuleDescriptor DS1371_CsiVolumeMustBeValid { get; } = Entry(
        "DS1371", "A CSI inline volume must name a valid driver and secret", RuleCategory.ApiCorrectness, Severity.Error,
        "csi.driver is a DNS subdomain (case-insensitive) of at most 63 characters, and a nodePublishSecretRef needs the name of a Secret, a DNS subdomain; the server reports a bad secret name at csi.name.",
        upstream: CV + " validateCSIVolumeSource / ValidateCSIDriverName",
        create: static () => new DS1371CsiVolumeMustBeValid());

    public static RuleDescriptor DS1372_ClusterTrustBundleProjectionMustBeValid { get; } = Entry(
        "DS1372", "A projected clusterTrustBundle source must select bundles validly", RuleCategory.ApiCorrectness, Severity.Error,
        "A clusterTrustBundle source takes either name (a ClusterTrustBundle name, without labelSelector) or signerName (example.com/signer-name, with an optional valid labelSelector), not both, and a path that is relative and without '..'.",
        upstream: CV + " validateProjectionSources (clusterTrustBundle) / ValidateClusterTrustBundleName / ValidateSignerName",
        create: static () => new DS1372ClusterTrustBundleProjectionMustBeValid());

    public static RuleDescriptor DS1380_VolumeMountMustReferenceVolume { get; } = Entry(
        "DS1380", "A volume mount must name a valid volume", RuleCategory.ApiCorrectness, Severity.Error,
        "Every volumeMounts name must match a volume of the pod; a volume that has any error of its own is not registered, so its mounts are rejected too.",
        upstream: CV + " ValidateVolumeMounts / ValidateVolumes",
        create: static () => new DS1380VolumeMountMustReferenceVolume());

    public static RuleDescriptor DS1381_MountPathMustBeValid { get; } = Entry(
        "DS1381", "mountPath is required and unique per container", RuleCategory.ApiCorrectness, Severity.Error,
        "Every volume mount needs a mountPath, and no two mounts of one container may use the same mountPath.",
        upstream: CV + " ValidateVolumeMounts",
        create: static () => new DS1381MountPathMustBeValid());

    public static RuleDescriptor DS1382_SubPathMustBeRelative { get; } = Entry(
        "DS1382", "subPath and subPathExpr must be relative and exclusive", RuleCategory.ApiCorrectness, Severity.Error,
        "subPath and subPathExpr must be relative paths without '..', a mount may set only one of them, and image volumes take neither. The server reports the path checks without the mount index.",
        upstream: CV + " ValidateVolumeMounts / validateLocalDescendingPath",
        create: static () => new DS1382SubPathMustBeRelative());

    public static RuleDescriptor DS1383_MountPropagationMustBeValid { get; } = Entry(
        "DS1383", "mountPropagation must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "mountPropagation is None, HostToContainer or Bidirectional, and Bidirectional is allowed only in privileged containers.",
        upstream: CV + " validateMountPropagation",
        create: static () => new DS1383MountPropagationMustBeValid());

    public static RuleDescriptor DS1384_RecursiveReadOnlyMustBeValid { get; } = Entry(
        "DS1384", "recursiveReadOnly must be valid", RuleCategory.ApiCorrectness, Severity.Error,
        "recursiveReadOnly is Disabled, IfPossible or Enabled; the last two need readOnly: true and no mountPropagation other than None.",
        upstream: CV + " validateMountRecursiveReadOnly",
        create: static () => new DS1384RecursiveReadOnlyMustBeValid());

    public static RuleDescriptor DS1385_VolumeDevicesMustBeValid { get; } = Entry(
        "DS1385", "volumeDevices must name claim volumes at unique paths, apart from volumeMounts", RuleCategory.ApiCorrectness, Severity.Error,
        "Each volumeDevices entry needs a name and a devicePath without '..'; it must name a valid persistentVolumeClaim or ephemeral volume, names and paths must be unique per container, and a container may not use one volume, or one path, both as a device and as a mount (the server reports it on both lists).",
        upstream: CV + " ValidateVolumeDevices / ValidateVolumeMounts",
        create: static () => new DS1385VolumeDevicesMustBeValid());
#pragma warning restore SA1600, CS1591
}
