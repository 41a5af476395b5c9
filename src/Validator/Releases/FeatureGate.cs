namespace DaemonLint.Releases;

/// <summary>
/// The kube-apiserver feature gates that change how a DaemonSet's pod template is validated, defaulted or stripped, in
/// the releases DaemonLint supports. The member names are the upstream gate names (<c>--feature-gates</c> syntax).
/// Each gate's default, stage and lock per release is in <see cref="FeatureGateTable"/>, with the upstream source.
/// </summary>
public enum FeatureGate
{
    /// <summary>AppArmor: with it off (1.27-1.30 only), the template's <c>container.apparmor.security.beta.kubernetes.io/*</c> annotations are dropped.</summary>
    AppArmor,

    /// <summary>AppArmorFields: with it off (1.30 only), <c>securityContext.appArmorProfile</c> (pod and containers) is dropped.</summary>
    AppArmorFields,

    /// <summary>ClusterTrustBundleProjection: with it off, projected <c>clusterTrustBundle</c> sources are dropped.</summary>
    ClusterTrustBundleProjection,

    /// <summary>ContainerRestartRules: with it off, container <c>restartPolicy</c>/<c>restartPolicyRules</c> (and non-Always init ones) are dropped; option AllowContainerRestartPolicyRules.</summary>
    ContainerRestartRules,

    /// <summary>ContainerStopSignals: with it off, <c>lifecycle.stopSignal</c> is dropped.</summary>
    ContainerStopSignals,

    /// <summary>DynamicResourceAllocation: with it off, <c>resourceClaims</c> and container <c>resources.claims</c> are dropped.</summary>
    DynamicResourceAllocation,

    /// <summary>EnvFiles: with it off, env <c>valueFrom.fileKeyRef</c> is dropped; option AllowEnvFilesValidation (1.35).</summary>
    EnvFiles,

    /// <summary>ExpandedDNSConfig (1.27-1.29): option AllowExpandedDNSConfig (32 search domains of 2048 characters in all, instead of 6 and 256).</summary>
    ExpandedDNSConfig,

    /// <summary>GenericWorkload: with it off, <c>spec.workloadRef</c> is dropped.</summary>
    GenericWorkload,

    /// <summary>HostnameOverride: with it off, <c>spec.hostnameOverride</c> is dropped.</summary>
    HostnameOverride,

    /// <summary>ImageVolume: with it off, <c>image</c> volumes and the mounts of those volumes are dropped; option AllowImageVolumeSource (1.31).</summary>
    ImageVolume,

    /// <summary>InPlacePodLevelResourcesVerticalScaling: option InPlacePodLevelResourcesVerticalScalingEnabled.</summary>
    InPlacePodLevelResourcesVerticalScaling,

    /// <summary>InPlacePodVerticalScaling: with it off, container <c>resizePolicy</c> is dropped; option AllowSidecarResizePolicy.</summary>
    InPlacePodVerticalScaling,

    /// <summary>InPlacePodVerticalScalingAllocatedStatus: pod status only; no effect on a DaemonSet (accepted so an apiserver's gate list can be reused).</summary>
    InPlacePodVerticalScalingAllocatedStatus,

    /// <summary>MatchLabelKeysInPodAffinity: with it off, pod (anti-)affinity <c>matchLabelKeys</c>/<c>mismatchLabelKeys</c> are dropped.</summary>
    MatchLabelKeysInPodAffinity,

    /// <summary>MatchLabelKeysInPodTopologySpread: with it off, <c>topologySpreadConstraints[].matchLabelKeys</c> is dropped; option AllowMatchLabelKeysInPodTopologySpread.</summary>
    MatchLabelKeysInPodTopologySpread,

    /// <summary>MatchLabelKeysInPodTopologySpreadSelectorMerge: option AllowMatchLabelKeysInPodTopologySpreadSelectorMerge (which matchLabelKeys validation applies).</summary>
    MatchLabelKeysInPodTopologySpreadSelectorMerge,

    /// <summary>MinDomainsInPodTopologySpread (to 1.31): with it off, <c>topologySpreadConstraints[].minDomains</c> is dropped.</summary>
    MinDomainsInPodTopologySpread,

    /// <summary>NodeInclusionPolicyInPodTopologySpread: with it off, <c>nodeAffinityPolicy</c>/<c>nodeTaintsPolicy</c> are dropped.</summary>
    NodeInclusionPolicyInPodTopologySpread,

    /// <summary>PodCertificateRequest: with it off, projected <c>podCertificate</c> sources are dropped.</summary>
    PodCertificateRequest,

    /// <summary>PodDeletionCost: option AllowInvalidPodDeletionCost (the annotation is validated only with the gate on).</summary>
    PodDeletionCost,

    /// <summary>PodHostIPs (1.28-1.31): option AllowHostIPsField (downward API <c>status.hostIPs</c>).</summary>
    PodHostIPs,

    /// <summary>PodLevelResources: with it off, <c>spec.resources</c> is dropped; option PodLevelResourcesEnabled.</summary>
    PodLevelResources,

    /// <summary>PodLifecycleSleepAction: with it off, <c>sleep</c> lifecycle handlers are dropped.</summary>
    PodLifecycleSleepAction,

    /// <summary>PodLifecycleSleepActionAllowZero: option AllowPodLifecycleSleepActionZeroValue.</summary>
    PodLifecycleSleepActionAllowZero,

    /// <summary>PodSchedulingReadiness: with it off (1.27-1.29 only), <c>schedulingGates</c> is dropped.</summary>
    PodSchedulingReadiness,

    /// <summary>PodTopologyLabelsAdmission: an admission plugin for pod bindings; no effect on a DaemonSet (accepted so an apiserver's gate list can be reused).</summary>
    PodTopologyLabelsAdmission,

    /// <summary>ProcMountType: with it off, a container's <c>securityContext.procMount</c> is reset to <c>Default</c>.</summary>
    ProcMountType,

    /// <summary>RecursiveReadOnlyMounts: with it off, <c>volumeMounts[].recursiveReadOnly</c> is dropped.</summary>
    RecursiveReadOnlyMounts,

    /// <summary>RelaxedDNSSearchValidation: option AllowRelaxedDNSSearchValidation (<c>_</c> and a lone <c>.</c> in search domains).</summary>
    RelaxedDNSSearchValidation,

    /// <summary>RelaxedEnvironmentVariableValidation: option AllowRelaxedEnvironmentVariableValidation (any printable ASCII but <c>=</c> in env names).</summary>
    RelaxedEnvironmentVariableValidation,

    /// <summary>RestartAllContainersOnContainerExits: option AllowRestartAllContainers (the RestartAllContainers rule action).</summary>
    RestartAllContainersOnContainerExits,

    /// <summary>SELinuxChangePolicy: with it off, <c>securityContext.seLinuxChangePolicy</c> is dropped.</summary>
    SELinuxChangePolicy,

    /// <summary>SELinuxMount: option AllowOnlyRecursiveSELinuxChangePolicy (off: only <c>Recursive</c> is accepted).</summary>
    SELinuxMount,

    /// <summary>SidecarContainers: with it off, init containers' <c>restartPolicy</c> is dropped.</summary>
    SidecarContainers,

    /// <summary>StrictIPCIDRValidation: checked directly by the validation of IP fields (hostAliases, DNS nameservers).</summary>
    StrictIPCIDRValidation,

    /// <summary>SupplementalGroupsPolicy: with it off, <c>securityContext.supplementalGroupsPolicy</c> is dropped.</summary>
    SupplementalGroupsPolicy,

    /// <summary>TaintTolerationComparisonOperators: option AllowTaintTolerationComparisonOperators (<c>Lt</c>/<c>Gt</c> toleration operators).</summary>
    TaintTolerationComparisonOperators,

    /// <summary>UserNamespacesHostNetworkSupport: option AllowUserNamespacesHostNetworkSupport (<c>hostUsers: false</c> with <c>hostNetwork</c>).</summary>
    UserNamespacesHostNetworkSupport,

    /// <summary>UserNamespacesStatelessPodsSupport (1.27; renamed UserNamespacesSupport in 1.28): with it off, <c>hostUsers</c> is dropped.</summary>
    UserNamespacesStatelessPodsSupport,

    /// <summary>UserNamespacesSupport: with it off, <c>hostUsers</c> is dropped.</summary>
    UserNamespacesSupport,
}

/// <summary>The maturity of a feature gate in a release (upstream <c>featuregate.PreRelease</c>).</summary>
public enum FeatureStage
{
    /// <summary>Alpha: off by default.</summary>
    Alpha,

    /// <summary>Beta: on or off by default, as the table says.</summary>
    Beta,

    /// <summary>Generally available: on, usually locked.</summary>
    GA,

    /// <summary>Deprecated.</summary>
    Deprecated,
}
