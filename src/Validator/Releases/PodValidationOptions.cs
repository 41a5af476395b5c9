using System;
using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Releases;

/// <summary>
/// The pod validation options the API server passes to <c>ValidatePodTemplateSpec</c> for a DaemonSet, as
/// <c>GetValidationOptionsFromPodTemplate</c> (<c>pkg/api/pod/util.go</c>) and the DaemonSet strategy compute them in
/// a release: from the feature gates on create, and on update also from the stored (old) template, so that a value the
/// stored object already has stays accepted (ratcheting). Computed once per object (<see cref="RuleContext.PodOptions"/>).
/// </summary>
/// <remarks>
/// Every property gives the behaviour of the release, also where the release's <c>PodValidationOptions</c> struct has no
/// such field: <see cref="AllowHostIPsField"/> is false in 1.27 (no <c>status.hostIPs</c>) and true from 1.32 (the gate
/// was removed, the field stays allowed). <see cref="Names"/> lists the fields the release's struct has, in its order,
/// which is what the oracle's <c>--show-options</c> prints.
/// </remarks>
public sealed class PodValidationOptions
{
    // The fields of upstream's struct, with the releases that have them (inclusive). Sources: the v1.31.1 and v1.32.2
    // vendored structs (oracle --show-options); pkg/api/pod/util.go copies for 1.29 (index id 64603276), 1.34 development
    // (ndixita/kubernetes@1e5e257c) and after 1.35 (index id 82367483). Rows marked "inferred" in Sources.md.
    private static readonly (string Name, int From, int To)[] Fields =
    {
        (nameof(AllowInvalidPodDeletionCost), 27, 99),
        (nameof(AllowInvalidLabelValueInSelector), 27, 99),
        (nameof(AllowIndivisibleHugePagesValues), 27, 99),
        (nameof(AllowExpandedDNSConfig), 27, 27),
        (nameof(AllowHostIPsField), 28, 31),
        (nameof(AllowInvalidTopologySpreadConstraintLabelSelector), 27, 99),
        (nameof(AllowNonLocalProjectedTokenPath), 27, 99),
        (nameof(AllowNamespacedSysctlsForHostNetAndHostIPC), 27, 99),
        (nameof(ResourceIsPod), 31, 99),
        (nameof(AllowRelaxedEnvironmentVariableValidation), 30, 99),
        (nameof(AllowImageVolumeSource), 31, 31),
        (nameof(AllowRelaxedDNSSearchValidation), 32, 99),
        (nameof(AllowPodLifecycleSleepActionZeroValue), 32, 99),
        (nameof(AllowOnlyRecursiveSELinuxChangePolicy), 32, 99),
        (nameof(PodLevelResourcesEnabled), 32, 99),
        (nameof(AllowSidecarResizePolicy), 32, 99),
        (nameof(AllowInvalidLabelValueInRequiredNodeAffinity), 33, 99),
        (nameof(AllowMatchLabelKeysInPodTopologySpread), 34, 99),
        (nameof(AllowMatchLabelKeysInPodTopologySpreadSelectorMerge), 34, 99),
        (nameof(OldPodViolatesMatchLabelKeysValidation), 34, 99),
        (nameof(OldPodViolatesLegacyMatchLabelKeysValidation), 34, 99),
        (nameof(AllowContainerRestartPolicyRules), 34, 99),
        (nameof(InPlacePodLevelResourcesVerticalScalingEnabled), 35, 99),
        (nameof(AllowUserNamespacesWithVolumeDevices), 35, 99),
        (nameof(AllowRestartAllContainers), 35, 99),
        (nameof(AllowEnvFilesValidation), 35, 99),
        (nameof(AllowUserNamespacesHostNetworkSupport), 35, 99),
        (nameof(AllowTaintTolerationComparisonOperators), 35, 99),
    };

    private bool allowInvalidPodDeletionCost;
    private bool allowInvalidLabelValueInSelector;
    private bool allowIndivisibleHugePagesValues;
    private bool allowExpandedDNSConfig;
    private bool allowHostIPsField;
    private bool allowInvalidTopologySpreadConstraintLabelSelector;
    private bool allowNonLocalProjectedTokenPath;
    private bool allowNamespacedSysctlsForHostNetAndHostIPC;
    private bool allowRelaxedEnvironmentVariableValidation;
    private bool allowImageVolumeSource;
    private bool allowRelaxedDNSSearchValidation;
    private bool allowPodLifecycleSleepActionZeroValue;
    private bool allowOnlyRecursiveSELinuxChangePolicy;
    private bool podLevelResourcesEnabled;
    private bool allowSidecarResizePolicy;
    private bool allowInvalidLabelValueInRequiredNodeAffinity;
    private bool allowMatchLabelKeysInPodTopologySpread;
    private bool allowMatchLabelKeysInPodTopologySpreadSelectorMerge;
    private bool oldPodViolatesMatchLabelKeysValidation;
    private bool oldPodViolatesLegacyMatchLabelKeysValidation;
    private bool allowContainerRestartPolicyRules;
    private bool inPlacePodLevelResourcesVerticalScalingEnabled;
    private bool allowUserNamespacesWithVolumeDevices;
    private bool allowRestartAllContainers;
    private bool allowEnvFilesValidation;
    private bool allowUserNamespacesHostNetworkSupport;
    private bool allowTaintTolerationComparisonOperators;

    private PodValidationOptions(KubernetesRelease release, bool isUpdate)
    {
        this.Release = release;
        this.IsUpdate = isUpdate;
    }

    /// <summary>Gets the release.</summary>
    public KubernetesRelease Release { get; }

    /// <summary>Gets a value indicating whether the options were computed for an update (a stored object was given).</summary>
    public bool IsUpdate { get; }

    /// <summary>Gets a value indicating whether an invalid <c>controller.kubernetes.io/pod-deletion-cost</c> annotation is accepted (gate PodDeletionCost off, or the stored template's is invalid).</summary>
    public bool AllowInvalidPodDeletionCost { get => GateReads.Note(nameof(this.AllowInvalidPodDeletionCost), this.allowInvalidPodDeletionCost); private set => this.allowInvalidPodDeletionCost = value; }

    /// <summary>Gets a value indicating whether label selectors may hold invalid label values (the stored template's pod (anti-)affinity selectors fail, or the stored <c>spec.selector</c> has an invalid value).</summary>
    public bool AllowInvalidLabelValueInSelector { get => GateReads.Note(nameof(this.AllowInvalidLabelValueInSelector), this.allowInvalidLabelValueInSelector); private set => this.allowInvalidLabelValueInSelector = value; }

    /// <summary>Gets a value indicating whether hugepages amounts need not be multiples of the page size (the stored template has one).</summary>
    public bool AllowIndivisibleHugePagesValues { get => GateReads.Note(nameof(this.AllowIndivisibleHugePagesValues), this.allowIndivisibleHugePagesValues); private set => this.allowIndivisibleHugePagesValues = value; }

    /// <summary>Gets a value indicating whether the expanded DNS search limits apply (32 domains, 2048 characters); false only in 1.27 with ExpandedDNSConfig off.</summary>
    public bool AllowExpandedDNSConfig { get => GateReads.Note(nameof(this.AllowExpandedDNSConfig), this.allowExpandedDNSConfig); private set => this.allowExpandedDNSConfig = value; }

    /// <summary>Gets a value indicating whether the downward API may use <c>status.hostIPs</c> (PodHostIPs; always from 1.32, never in 1.27).</summary>
    public bool AllowHostIPsField { get => GateReads.Note(nameof(this.AllowHostIPsField), this.allowHostIPsField); private set => this.allowHostIPsField = value; }

    /// <summary>Gets a value indicating whether invalid topology spread label selectors are accepted (the stored template has one).</summary>
    public bool AllowInvalidTopologySpreadConstraintLabelSelector { get => GateReads.Note(nameof(this.AllowInvalidTopologySpreadConstraintLabelSelector), this.allowInvalidTopologySpreadConstraintLabelSelector); private set => this.allowInvalidTopologySpreadConstraintLabelSelector = value; }

    /// <summary>Gets a value indicating whether projected service account token paths may be non-local (the stored template has one).</summary>
    public bool AllowNonLocalProjectedTokenPath { get => GateReads.Note(nameof(this.AllowNonLocalProjectedTokenPath), this.allowNonLocalProjectedTokenPath); private set => this.allowNonLocalProjectedTokenPath = value; }

    /// <summary>Gets a value indicating whether namespaced sysctls are accepted with hostNetwork/hostIPC (a stored sysctl fails the check).</summary>
    public bool AllowNamespacedSysctlsForHostNetAndHostIPC { get => GateReads.Note(nameof(this.AllowNamespacedSysctlsForHostNetAndHostIPC), this.allowNamespacedSysctlsForHostNetAndHostIPC); private set => this.allowNamespacedSysctlsForHostNetAndHostIPC = value; }

    /// <summary>Gets a value indicating whether the object is a Pod (never for a DaemonSet template).</summary>
    public bool ResourceIsPod => GateReads.Note(nameof(this.ResourceIsPod), false);

    /// <summary>Gets a value indicating whether env names follow the relaxed rule (RelaxedEnvironmentVariableValidation, or a relaxed name the stored template already uses).</summary>
    public bool AllowRelaxedEnvironmentVariableValidation { get => GateReads.Note(nameof(this.AllowRelaxedEnvironmentVariableValidation), this.allowRelaxedEnvironmentVariableValidation); private set => this.allowRelaxedEnvironmentVariableValidation = value; }

    /// <summary>Gets a value indicating whether image volumes are accepted (1.31: ImageVolume, or the stored template has one; from 1.32 they are accepted once the drop kept them).</summary>
    public bool AllowImageVolumeSource { get => GateReads.Note(nameof(this.AllowImageVolumeSource), this.allowImageVolumeSource); private set => this.allowImageVolumeSource = value; }

    /// <summary>Gets a value indicating whether DNS search domains may hold <c>_</c> or be a lone <c>.</c> (RelaxedDNSSearchValidation, or the stored template has one).</summary>
    public bool AllowRelaxedDNSSearchValidation { get => GateReads.Note(nameof(this.AllowRelaxedDNSSearchValidation), this.allowRelaxedDNSSearchValidation); private set => this.allowRelaxedDNSSearchValidation = value; }

    /// <summary>Gets a value indicating whether a sleep hook may sleep 0 seconds (PodLifecycleSleepActionAllowZero, or the stored template does; v1.32.3+ semantics).</summary>
    public bool AllowPodLifecycleSleepActionZeroValue { get => GateReads.Note(nameof(this.AllowPodLifecycleSleepActionZeroValue), this.allowPodLifecycleSleepActionZeroValue); private set => this.allowPodLifecycleSleepActionZeroValue = value; }

    /// <summary>Gets a value indicating whether seLinuxChangePolicy accepts only <c>Recursive</c> (SELinuxMount off and the stored template sets none).</summary>
    public bool AllowOnlyRecursiveSELinuxChangePolicy { get => GateReads.Note(nameof(this.AllowOnlyRecursiveSELinuxChangePolicy), this.allowOnlyRecursiveSELinuxChangePolicy); private set => this.allowOnlyRecursiveSELinuxChangePolicy = value; }

    /// <summary>Gets a value indicating whether pod-level <c>spec.resources</c> is validated (PodLevelResources).</summary>
    public bool PodLevelResourcesEnabled { get => GateReads.Note(nameof(this.PodLevelResourcesEnabled), this.podLevelResourcesEnabled); private set => this.podLevelResourcesEnabled = value; }

    /// <summary>Gets a value indicating whether sidecar (restartable init) containers may set resizePolicy.</summary>
    public bool AllowSidecarResizePolicy { get => GateReads.Note(nameof(this.AllowSidecarResizePolicy), this.allowSidecarResizePolicy); private set => this.allowSidecarResizePolicy = value; }

    /// <summary>Gets a value indicating whether required node affinity values may be invalid label values (always before 1.33; from 1.33 only when the stored template has one).</summary>
    public bool AllowInvalidLabelValueInRequiredNodeAffinity { get => GateReads.Note(nameof(this.AllowInvalidLabelValueInRequiredNodeAffinity), this.allowInvalidLabelValueInRequiredNodeAffinity); private set => this.allowInvalidLabelValueInRequiredNodeAffinity = value; }

    /// <summary>Gets a value indicating whether topology spread matchLabelKeys are in force (MatchLabelKeysInPodTopologySpread).</summary>
    public bool AllowMatchLabelKeysInPodTopologySpread { get => GateReads.Note(nameof(this.AllowMatchLabelKeysInPodTopologySpread), this.allowMatchLabelKeysInPodTopologySpread); private set => this.allowMatchLabelKeysInPodTopologySpread = value; }

    /// <summary>Gets a value indicating whether matchLabelKeys are validated as merged into the selector (MatchLabelKeysInPodTopologySpreadSelectorMerge, 1.34+).</summary>
    public bool AllowMatchLabelKeysInPodTopologySpreadSelectorMerge { get => GateReads.Note(nameof(this.AllowMatchLabelKeysInPodTopologySpreadSelectorMerge), this.allowMatchLabelKeysInPodTopologySpreadSelectorMerge); private set => this.allowMatchLabelKeysInPodTopologySpreadSelectorMerge = value; }

    /// <summary>Gets a value indicating whether the stored template already fails the selector-merge matchLabelKeys validation.</summary>
    public bool OldPodViolatesMatchLabelKeysValidation { get => GateReads.Note(nameof(this.OldPodViolatesMatchLabelKeysValidation), this.oldPodViolatesMatchLabelKeysValidation); private set => this.oldPodViolatesMatchLabelKeysValidation = value; }

    /// <summary>Gets a value indicating whether the stored template already fails the legacy matchLabelKeys validation.</summary>
    public bool OldPodViolatesLegacyMatchLabelKeysValidation { get => GateReads.Note(nameof(this.OldPodViolatesLegacyMatchLabelKeysValidation), this.oldPodViolatesLegacyMatchLabelKeysValidation); private set => this.oldPodViolatesLegacyMatchLabelKeysValidation = value; }

    /// <summary>Gets a value indicating whether container restartPolicy/restartPolicyRules are accepted (ContainerRestartRules, or the stored template uses them).</summary>
    public bool AllowContainerRestartPolicyRules { get => GateReads.Note(nameof(this.AllowContainerRestartPolicyRules), this.allowContainerRestartPolicyRules); private set => this.allowContainerRestartPolicyRules = value; }

    /// <summary>Gets a value indicating whether in-place resize of pod-level resources is enabled (InPlacePodLevelResourcesVerticalScaling).</summary>
    public bool InPlacePodLevelResourcesVerticalScalingEnabled { get => GateReads.Note(nameof(this.InPlacePodLevelResourcesVerticalScalingEnabled), this.inPlacePodLevelResourcesVerticalScalingEnabled); private set => this.inPlacePodLevelResourcesVerticalScalingEnabled = value; }

    /// <summary>Gets a value indicating whether <c>hostUsers: false</c> with volumeDevices is accepted (always before 1.35; from 1.35 only when the stored template has it).</summary>
    public bool AllowUserNamespacesWithVolumeDevices { get => GateReads.Note(nameof(this.AllowUserNamespacesWithVolumeDevices), this.allowUserNamespacesWithVolumeDevices); private set => this.allowUserNamespacesWithVolumeDevices = value; }

    /// <summary>Gets a value indicating whether the RestartAllContainers rule action (and rules on sidecars) are accepted.</summary>
    public bool AllowRestartAllContainers { get => GateReads.Note(nameof(this.AllowRestartAllContainers), this.allowRestartAllContainers); private set => this.allowRestartAllContainers = value; }

    /// <summary>Gets a value indicating whether fileKeyRef env values get the beta (relaxed) validation (EnvFiles, or the stored template uses fileKeyRef).</summary>
    public bool AllowEnvFilesValidation { get => GateReads.Note(nameof(this.AllowEnvFilesValidation), this.allowEnvFilesValidation); private set => this.allowEnvFilesValidation = value; }

    /// <summary>Gets a value indicating whether <c>hostUsers: false</c> may go with hostNetwork (UserNamespacesHostNetworkSupport, or the stored template does).</summary>
    public bool AllowUserNamespacesHostNetworkSupport { get => GateReads.Note(nameof(this.AllowUserNamespacesHostNetworkSupport), this.allowUserNamespacesHostNetworkSupport); private set => this.allowUserNamespacesHostNetworkSupport = value; }

    /// <summary>Gets a value indicating whether tolerations may use Lt/Gt (TaintTolerationComparisonOperators, or the stored template does).</summary>
    public bool AllowTaintTolerationComparisonOperators { get => GateReads.Note(nameof(this.AllowTaintTolerationComparisonOperators), this.allowTaintTolerationComparisonOperators); private set => this.allowTaintTolerationComparisonOperators = value; }

    /// <summary>
    /// Gets a value indicating whether pod-level <c>spec.resources</c> may name hugepages (from 1.33). Not an upstream
    /// option: the release's <c>resourcehelper.IsSupportedPodLevelResource</c>, which accepts only cpu and memory in
    /// 1.32 and also <c>hugepages-*</c> since kubernetes/kubernetes#130577 (1.33), with no gate of its own.
    /// </summary>
    public bool PodLevelHugePagesSupported { get; private set; }

    /// <summary>Gets the names of the fields the release's upstream struct has, in its order.</summary>
    public IReadOnlyList<string> Names => NamesIn(this.Release);

    /// <summary>Gets the names of the fields a release's upstream struct has, in its order.</summary>
    /// <param name="release">The release.</param>
    /// <returns>The names.</returns>
    public static IReadOnlyList<string> NamesIn(KubernetesRelease release)
    {
        var names = new List<string>(Fields.Length);
        foreach (var (name, from, to) in Fields)
        {
            if (release.Minor >= from && release.Minor <= to)
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>
    /// Computes the options for a DaemonSet's template.
    /// </summary>
    /// <param name="gates">The effective gates (their release decides which rules apply).</param>
    /// <param name="template">The new <c>spec.template</c>, after the fields its gates drop were removed.</param>
    /// <param name="oldTemplate">The stored <c>spec.template</c> on an update, or null on create.</param>
    /// <param name="oldSelector">The stored <c>spec.selector</c> on an update (the DaemonSet strategy's extra ratchet), or null.</param>
    /// <returns>The options.</returns>
    public static PodValidationOptions Compute(FeatureGateSet gates, MappingNode? template, MappingNode? oldTemplate, MappingNode? oldSelector)
    {
        var release = gates.Release;
        var minor = release.Minor;
        var update = oldTemplate is not null;
        var o = new PodValidationOptions(release, update);
        var spec = template.Map("spec");
        var oldSpec = oldTemplate.Map("spec");
        var on = (Func<FeatureGate, bool>)gates.Enabled;

        o.AllowInvalidPodDeletionCost = !on(FeatureGate.PodDeletionCost);
        o.AllowExpandedDNSConfig = minor > 27 || on(FeatureGate.ExpandedDNSConfig) || HaveSameExpandedDnsConfig(spec, oldSpec);
        o.AllowHostIPsField = minor >= 32 || (minor >= 28 && (on(FeatureGate.PodHostIPs) || (update && UsesDownwardApiField(oldSpec, "status.hostIPs"))));
        o.AllowRelaxedEnvironmentVariableValidation = minor >= 30 && (on(FeatureGate.RelaxedEnvironmentVariableValidation) || RelaxedEnvNameReused(spec, oldSpec));
        o.AllowImageVolumeSource = minor >= 32 || (minor == 31 && (on(FeatureGate.ImageVolume) || TemplateFacts.ImageVolumesInUse(oldSpec)));
        o.AllowRelaxedDNSSearchValidation = minor >= 32 && (on(FeatureGate.RelaxedDNSSearchValidation) || HasDotOrUnderscoreSearch(oldSpec));
        o.AllowOnlyRecursiveSELinuxChangePolicy = minor < 32 || (!on(FeatureGate.SELinuxMount) && !TemplateFacts.SeLinuxChangePolicyInUse(oldSpec));
        o.PodLevelResourcesEnabled = minor >= 32 && on(FeatureGate.PodLevelResources);
        o.PodLevelHugePagesSupported = minor >= 33;
        o.AllowPodLifecycleSleepActionZeroValue = minor >= 32 && on(FeatureGate.PodLifecycleSleepActionAllowZero);

        // 1.32 computed AllowSidecarResizePolicy on update only; from 1.33 (in-place resize beta) it starts from the gate.
        o.AllowSidecarResizePolicy = minor >= 33 && on(FeatureGate.InPlacePodVerticalScaling);
        o.AllowInvalidLabelValueInRequiredNodeAffinity = minor < 33;
        o.AllowMatchLabelKeysInPodTopologySpread = on(FeatureGate.MatchLabelKeysInPodTopologySpread);
        o.AllowMatchLabelKeysInPodTopologySpreadSelectorMerge = minor >= 34 && on(FeatureGate.MatchLabelKeysInPodTopologySpreadSelectorMerge);
        o.AllowContainerRestartPolicyRules = minor >= 34 && on(FeatureGate.ContainerRestartRules);
        o.InPlacePodLevelResourcesVerticalScalingEnabled = minor >= 35 && on(FeatureGate.InPlacePodLevelResourcesVerticalScaling);
        o.AllowUserNamespacesWithVolumeDevices = minor < 35;
        o.AllowRestartAllContainers = minor >= 35 && on(FeatureGate.RestartAllContainersOnContainerExits);
        o.AllowEnvFilesValidation = minor >= 35 && (on(FeatureGate.EnvFiles) || TemplateFacts.EnvSourceInUse(oldSpec, "fileKeyRef"));
        o.AllowUserNamespacesHostNetworkSupport = minor >= 35 && (on(FeatureGate.UserNamespacesHostNetworkSupport) || (oldSpec.Bool("hostUsers") == false && oldSpec.Bool("hostNetwork") == true));
        o.AllowTaintTolerationComparisonOperators = minor >= 35 && (on(FeatureGate.TaintTolerationComparisonOperators) || UsesComparisonToleration(oldSpec));

        if (update)
        {
            o.AllowIndivisibleHugePagesValues = TemplateFacts.UsesIndivisibleHugePages(oldSpec);
            o.AllowInvalidLabelValueInSelector = TemplateFacts.HasInvalidAffinitySelector(oldSpec);
            o.AllowInvalidTopologySpreadConstraintLabelSelector = TemplateFacts.HasInvalidTopologySpreadSelector(oldSpec);
            if (minor >= 33)
            {
                o.AllowInvalidLabelValueInRequiredNodeAffinity = TemplateFacts.HasInvalidLabelValueInRequiredNodeAffinity(oldSpec);
            }

            if (minor >= 34 && o.AllowMatchLabelKeysInPodTopologySpread)
            {
                if (o.AllowMatchLabelKeysInPodTopologySpreadSelectorMerge)
                {
                    o.OldPodViolatesMatchLabelKeysValidation = TemplateFacts.HasInvalidMatchLabelKeys(oldSpec, merge: true);
                }
                else
                {
                    o.OldPodViolatesLegacyMatchLabelKeysValidation = TemplateFacts.HasInvalidMatchLabelKeys(oldSpec, merge: false);
                }
            }

            o.AllowNonLocalProjectedTokenPath = TemplateFacts.HasNonLocalProjectedTokenPath(oldSpec);
            o.AllowNamespacedSysctlsForHostNetAndHostIPC = TemplateFacts.HasHostNamespacedSysctl(oldSpec);
            if (minor >= 32)
            {
                o.AllowPodLifecycleSleepActionZeroValue |= TemplateFacts.SleepZeroInUse(oldSpec);
                o.AllowSidecarResizePolicy |= HasRestartableInitContainerResizePolicy(oldSpec);
            }

            if (minor >= 34)
            {
                o.AllowContainerRestartPolicyRules |= TemplateFacts.ContainerRestartRulesInUse(oldSpec);
            }

            if (minor >= 35)
            {
                o.AllowRestartAllContainers |= TemplateFacts.RestartAllContainersActionInUse(oldSpec);
                o.AllowUserNamespacesWithVolumeDevices = HasUserNamespacesWithVolumeDevices(oldSpec);
            }

            // The DaemonSet strategy (ValidateUpdate): an invalid label value in the stored spec.selector is kept too.
            o.AllowInvalidLabelValueInSelector |= TemplateFacts.LabelSelectorHasInvalidLabelValue(oldSelector);

            if (!o.AllowInvalidPodDeletionCost)
            {
                o.AllowInvalidPodDeletionCost = TemplateFacts.HasInvalidPodDeletionCost(oldTemplate.Map("metadata"));
            }
        }

        return o;
    }

    /// <summary>Gets the feature gates an option is computed from (none for the options only the stored object sets).</summary>
    /// <param name="option">The option's upstream name.</param>
    /// <returns>The gates.</returns>
    public static IReadOnlyList<FeatureGate> GatesOf(string option) => option switch
    {
        nameof(AllowInvalidPodDeletionCost) => new[] { FeatureGate.PodDeletionCost },
        nameof(AllowExpandedDNSConfig) => new[] { FeatureGate.ExpandedDNSConfig },
        nameof(AllowHostIPsField) => new[] { FeatureGate.PodHostIPs },
        nameof(AllowRelaxedEnvironmentVariableValidation) => new[] { FeatureGate.RelaxedEnvironmentVariableValidation },
        nameof(AllowImageVolumeSource) => new[] { FeatureGate.ImageVolume },
        nameof(AllowRelaxedDNSSearchValidation) => new[] { FeatureGate.RelaxedDNSSearchValidation },
        nameof(AllowOnlyRecursiveSELinuxChangePolicy) => new[] { FeatureGate.SELinuxMount },
        nameof(PodLevelResourcesEnabled) => new[] { FeatureGate.PodLevelResources },
        nameof(AllowPodLifecycleSleepActionZeroValue) => new[] { FeatureGate.PodLifecycleSleepActionAllowZero },
        nameof(AllowSidecarResizePolicy) => new[] { FeatureGate.InPlacePodVerticalScaling },
        nameof(AllowMatchLabelKeysInPodTopologySpread) => new[] { FeatureGate.MatchLabelKeysInPodTopologySpread },
        nameof(AllowMatchLabelKeysInPodTopologySpreadSelectorMerge) or nameof(OldPodViolatesMatchLabelKeysValidation) or nameof(OldPodViolatesLegacyMatchLabelKeysValidation)
            => new[] { FeatureGate.MatchLabelKeysInPodTopologySpread, FeatureGate.MatchLabelKeysInPodTopologySpreadSelectorMerge },
        nameof(AllowContainerRestartPolicyRules) => new[] { FeatureGate.ContainerRestartRules },
        nameof(InPlacePodLevelResourcesVerticalScalingEnabled) => new[] { FeatureGate.InPlacePodLevelResourcesVerticalScaling },
        nameof(AllowRestartAllContainers) => new[] { FeatureGate.RestartAllContainersOnContainerExits },
        nameof(AllowEnvFilesValidation) => new[] { FeatureGate.EnvFiles },
        nameof(AllowUserNamespacesHostNetworkSupport) => new[] { FeatureGate.UserNamespacesHostNetworkSupport },
        nameof(AllowTaintTolerationComparisonOperators) => new[] { FeatureGate.TaintTolerationComparisonOperators },
        _ => Array.Empty<FeatureGate>(),
    };

    /// <summary>Gets the value of an option by its upstream name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">No such option.</exception>
    public bool this[string name] => name switch
    {
        nameof(this.AllowInvalidPodDeletionCost) => this.AllowInvalidPodDeletionCost,
        nameof(this.AllowInvalidLabelValueInSelector) => this.AllowInvalidLabelValueInSelector,
        nameof(this.AllowIndivisibleHugePagesValues) => this.AllowIndivisibleHugePagesValues,
        nameof(this.AllowExpandedDNSConfig) => this.AllowExpandedDNSConfig,
        nameof(this.AllowHostIPsField) => this.AllowHostIPsField,
        nameof(this.AllowInvalidTopologySpreadConstraintLabelSelector) => this.AllowInvalidTopologySpreadConstraintLabelSelector,
        nameof(this.AllowNonLocalProjectedTokenPath) => this.AllowNonLocalProjectedTokenPath,
        nameof(this.AllowNamespacedSysctlsForHostNetAndHostIPC) => this.AllowNamespacedSysctlsForHostNetAndHostIPC,
        nameof(this.ResourceIsPod) => this.ResourceIsPod,
        nameof(this.AllowRelaxedEnvironmentVariableValidation) => this.AllowRelaxedEnvironmentVariableValidation,
        nameof(this.AllowImageVolumeSource) => this.AllowImageVolumeSource,
        nameof(this.AllowRelaxedDNSSearchValidation) => this.AllowRelaxedDNSSearchValidation,
        nameof(this.AllowPodLifecycleSleepActionZeroValue) => this.AllowPodLifecycleSleepActionZeroValue,
        nameof(this.AllowOnlyRecursiveSELinuxChangePolicy) => this.AllowOnlyRecursiveSELinuxChangePolicy,
        nameof(this.PodLevelResourcesEnabled) => this.PodLevelResourcesEnabled,
        nameof(this.AllowSidecarResizePolicy) => this.AllowSidecarResizePolicy,
        nameof(this.AllowInvalidLabelValueInRequiredNodeAffinity) => this.AllowInvalidLabelValueInRequiredNodeAffinity,
        nameof(this.AllowMatchLabelKeysInPodTopologySpread) => this.AllowMatchLabelKeysInPodTopologySpread,
        nameof(this.AllowMatchLabelKeysInPodTopologySpreadSelectorMerge) => this.AllowMatchLabelKeysInPodTopologySpreadSelectorMerge,
        nameof(this.OldPodViolatesMatchLabelKeysValidation) => this.OldPodViolatesMatchLabelKeysValidation,
        nameof(this.OldPodViolatesLegacyMatchLabelKeysValidation) => this.OldPodViolatesLegacyMatchLabelKeysValidation,
        nameof(this.AllowContainerRestartPolicyRules) => this.AllowContainerRestartPolicyRules,
        nameof(this.InPlacePodLevelResourcesVerticalScalingEnabled) => this.InPlacePodLevelResourcesVerticalScalingEnabled,
        nameof(this.AllowUserNamespacesWithVolumeDevices) => this.AllowUserNamespacesWithVolumeDevices,
        nameof(this.AllowRestartAllContainers) => this.AllowRestartAllContainers,
        nameof(this.AllowEnvFilesValidation) => this.AllowEnvFilesValidation,
        nameof(this.AllowUserNamespacesHostNetworkSupport) => this.AllowUserNamespacesHostNetworkSupport,
        nameof(this.AllowTaintTolerationComparisonOperators) => this.AllowTaintTolerationComparisonOperators,
        _ => throw new ArgumentException($"no pod validation option '{name}'", nameof(name)),
    };

    /// <summary>Gets the fields of the release's struct and their values, in the struct's order (what <c>--show-options</c> prints).</summary>
    /// <returns>The pairs.</returns>
    public IReadOnlyList<KeyValuePair<string, bool>> ToList()
    {
        var names = this.Names;
        var list = new List<KeyValuePair<string, bool>>(names.Count);
        foreach (var n in names)
        {
            list.Add(new KeyValuePair<string, bool>(n, this[n]));
        }

        return list;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var on = new List<string>();
        foreach (var kv in this.ToList())
        {
            if (kv.Value)
            {
                on.Add(kv.Key);
            }
        }

        return $"Kubernetes {this.Release} {(this.IsUpdate ? "update" : "create")}: {(on.Count == 0 ? "none" : string.Join(", ", on))}";
    }

    // useRelaxedEnvironmentVariableValidation without the gate: a name of the new template that only the relaxed rule
    // accepts and that the stored template already has.
    private static bool RelaxedEnvNameReused(MappingNode? spec, MappingNode? oldSpec)
    {
        if (oldSpec is null || spec is null)
        {
            return false;
        }

        var old = TemplateFacts.EnvVarNames(oldSpec);
        if (old.Count == 0)
        {
            return false;
        }

        foreach (var name in TemplateFacts.EnvVarNames(spec))
        {
            if (!TemplateFacts.IsStrictEnvVarName(name) && TemplateFacts.IsRelaxedEnvVarName(name) && old.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasDotOrUnderscoreSearch(MappingNode? oldSpec)
    {
        if (oldSpec.Map("dnsConfig").Seq("searches") is not { } searches)
        {
            return false;
        }

        foreach (var s in searches.Items)
        {
            var d = TemplateFacts.Text(s) ?? string.Empty;
            if (d == "." || d.IndexOf('_') >= 0)
            {
                return true;
            }
        }

        return false;
    }

    // haveSameExpandedDNSConfig (1.27): the stored template's searches exceed the legacy limits (6 domains, 256
    // characters) and the new template's searches are the same list.
    private static bool HaveSameExpandedDnsConfig(MappingNode? spec, MappingNode? oldSpec)
    {
        var oldSearches = Searches(oldSpec);
        var newSearches = Searches(spec);
        if (oldSearches is null || newSearches is null)
        {
            return false;
        }

        if (oldSearches.Count <= 6 && string.Join(" ", oldSearches).Length <= 256)
        {
            return false;
        }

        if (oldSearches.Count != newSearches.Count)
        {
            return false;
        }

        for (var i = 0; i < oldSearches.Count; i++)
        {
            if (oldSearches[i] != newSearches[i])
            {
                return false;
            }
        }

        return true;
    }

    private static List<string>? Searches(MappingNode? spec)
    {
        if (spec.Map("dnsConfig") is not { } dns)
        {
            return null;
        }

        var list = new List<string>();
        if (dns.Seq("searches") is { } s)
        {
            foreach (var item in s.Items)
            {
                list.Add(TemplateFacts.Text(item) ?? string.Empty);
            }
        }

        return list;
    }

    // hasUsedDownwardAPIFieldPathWithPodSpec: downwardAPI volume items, and env of init and regular containers.
    private static bool UsesDownwardApiField(MappingNode? spec, string fieldPath)
    {
        foreach (var v in TemplateFacts.Items(spec, "volumes"))
        {
            foreach (var item in TemplateFacts.Items(v.Map("downwardAPI"), "items"))
            {
                if (TemplateFacts.Text(item.Map("fieldRef").Get("fieldPath")) == fieldPath)
                {
                    return true;
                }
            }
        }

        foreach (var (_, _, c) in TemplateFacts.Containers(spec, includeEphemeral: false))
        {
            foreach (var e in TemplateFacts.Items(c, "env"))
            {
                if (TemplateFacts.Text(e.Map("valueFrom").Map("fieldRef").Get("fieldPath")) == fieldPath)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasRestartableInitContainerResizePolicy(MappingNode? spec)
    {
        foreach (var c in TemplateFacts.Items(spec, "initContainers"))
        {
            if (TemplateFacts.Text(c.Get("restartPolicy")) == "Always" && TemplateFacts.HasItems(c, "resizePolicy"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasUserNamespacesWithVolumeDevices(MappingNode? spec)
    {
        if (spec.Bool("hostUsers") != false)
        {
            return false;
        }

        foreach (var (_, _, c) in TemplateFacts.Containers(spec))
        {
            if (TemplateFacts.HasItems(c, "volumeDevices"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool UsesComparisonToleration(MappingNode? spec)
    {
        foreach (var t in TemplateFacts.Items(spec, "tolerations"))
        {
            if (TemplateFacts.Text(t.Get("operator")) is "Lt" or "Gt")
            {
                return true;
            }
        }

        return false;
    }
}
