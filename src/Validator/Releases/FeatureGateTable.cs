using System;
using System.Collections.Generic;

namespace DaemonLint.Releases;

/// <summary>A gate's state from one release on (upstream <c>featuregate.FeatureSpec</c> inside <c>VersionedSpecs</c>).</summary>
/// <param name="Minor">The first minor release with this state.</param>
/// <param name="Default">Whether the gate is on by default.</param>
/// <param name="Stage">The maturity.</param>
/// <param name="LockToDefault">Whether the gate cannot be set to anything but its default.</param>
public sealed record FeatureGateSpec(int Minor, bool Default, FeatureStage Stage, bool LockToDefault = false);

/// <summary>What a gate is in one release.</summary>
/// <param name="Known">Whether the release's kube-apiserver knows the gate (an unknown one cannot be set).</param>
/// <param name="Default">The value it has when not set: its default, or for a gate no longer known, the behaviour the release has kept.</param>
/// <param name="Stage">The maturity, when known.</param>
/// <param name="LockToDefault">Whether it cannot be changed.</param>
public readonly record struct FeatureGateState(bool Known, bool Default, FeatureStage? Stage, bool LockToDefault);

/// <summary>One row of <see cref="FeatureGateTable"/>: a gate's history, what it changes for a DaemonSet, and where the facts come from.</summary>
public sealed class FeatureGateInfo
{
    internal FeatureGateInfo(FeatureGate gate, int? removedIn, bool valueAfterRemoval, string effect, string source, FeatureGateSpec[] specs)
    {
        this.Gate = gate;
        this.RemovedIn = removedIn;
        this.ValueAfterRemoval = valueAfterRemoval;
        this.Effect = effect;
        this.Source = source;
        this.Specs = specs;
    }

    /// <summary>Gets the gate.</summary>
    public FeatureGate Gate { get; }

    /// <summary>Gets the upstream name (<c>--feature-gates</c> syntax).</summary>
    public string Name => this.Gate.ToString();

    /// <summary>Gets the states, oldest first. The first one is the first release (at or after 1.27) whose apiserver knows the gate.</summary>
    public IReadOnlyList<FeatureGateSpec> Specs { get; }

    /// <summary>Gets the first minor release whose apiserver no longer knows the gate, or null.</summary>
    public int? RemovedIn { get; }

    /// <summary>Gets the behaviour a release keeps once the gate is gone (true: the feature stays on, as after a GA gate's removal).</summary>
    public bool ValueAfterRemoval { get; }

    /// <summary>Gets what the gate changes for a DaemonSet's pod template (fields dropped, validation options, direct checks).</summary>
    public string Effect { get; }

    /// <summary>Gets where the per-release facts were read (repository, path, commit or tag) and how they were checked.</summary>
    public string Source { get; }

    /// <summary>Gets the gate's state in a release.</summary>
    /// <param name="release">The release.</param>
    /// <returns>The state.</returns>
    public FeatureGateState StateIn(KubernetesRelease release)
    {
        var minor = release.Minor;
        if (this.RemovedIn is { } removed && minor >= removed)
        {
            return new FeatureGateState(false, this.ValueAfterRemoval, null, true);
        }

        FeatureGateSpec? spec = null;
        foreach (var s in this.Specs)
        {
            if (s.Minor <= minor)
            {
                spec = s;
            }
        }

        return spec is null
            ? new FeatureGateState(false, false, null, true) // not yet introduced: the feature does not exist
            : new FeatureGateState(true, spec.Default, spec.Stage, spec.LockToDefault);
    }
}

/// <summary>
/// The default, stage and lock of every <see cref="FeatureGate"/> in each supported release, taken from upstream
/// <c>pkg/features/kube_features.go</c> (<c>defaultVersionedKubernetesFeatureGates</c> from 1.31 on; the flat
/// <c>defaultKubernetesFeatureGates</c> map before) and checked against the v1.31.1 and v1.32.2 oracles
/// (<c>../shared/oracle</c>: which gates each knows, which are locked, and which fields their defaults drop; the
/// recordings are in <c>tests/Validator.Tests/Releases/Oracle</c>).
/// </summary>
/// <remarks>
/// Sources (stored copies read through the code index; where the index does not expose a copy's repository and
/// commit, its index id and the gate set that dates it are given):
/// <list type="bullet">
/// <item><b>V</b>: <c>natasha41575/kubernetes</c> at <c>0b257b32ecc80180c6e4fdb49c4f76e48743402e</c>,
/// <c>pkg/features/kube_features.go</c>: master during 1.37 development; its <c>VersionedSpecs</c> list each gate's
/// history, which the entries below copy up to 1.35.</item>
/// <item><b>V35</b>: another master copy after the 1.35 branch (index id 378079260; VolumeAttributesClass carries its
/// 1.36 lock): the same histories, and the gates that 1.37 development had already removed (SidecarContainers,
/// RelaxedDNSSearchValidation, PodLifecycleSleepAction, PodLifecycleSleepActionAllowZero, RecursiveReadOnlyMounts,
/// MatchLabelKeysInPodAffinity, ImageVolume's 1.35 row).</item>
/// <item><b>V33</b>: a 1.33 copy (index id 2916955: ContainerStopSignals present, no ContainerRestartRules, no
/// MatchLabelKeysInPodTopologySpreadSelectorMerge): agrees with V and V35 for 1.33; confirms AppArmor, AppArmorFields,
/// PodHostIPs and MinDomainsInPodTopologySpread are gone in 1.33.</item>
/// <item><b>F31</b>: a 1.31 development copy of the flat map (index id 6115561): AppArmor, AppArmorFields, PodHostIPs,
/// MinDomainsInPodTopologySpread and PodSchedulingReadiness GA and locked. Its ProcMountType row (beta, on) predates
/// the 1.31.0 release; V and the v1.31.1 oracle say beta, off.</item>
/// <item><b>F27</b>: a 1.27 copy of the flat map (index id 158571778: TopologyManager GA in 1.27,
/// InPlacePodVerticalScaling alpha): AppArmor beta on, ExpandedDNSConfig beta on, MinDomainsInPodTopologySpread beta
/// on, PodSchedulingReadiness beta on, UserNamespacesStatelessPodsSupport alpha.</item>
/// <item><b>O31</b>, <b>O32</b>: the v1.31.1 and v1.32.2 oracles' <c>--feature-gates</c> answers (unknown, locked) and
/// the fields their defaults drop.</item>
/// </list>
/// No copy of 1.28, 1.29 or 1.30 was available: rows for those releases follow V's histories; a gate's state there
/// that no source shows (AppArmor 1.28-1.30, MinDomainsInPodTopologySpread 1.28-1.29, PodHostIPs 1.29, ExpandedDNSConfig's
/// removal) is marked "inferred" in its source.
/// </remarks>
public static class FeatureGateTable
{
    private const string V = "V (natasha41575/kubernetes@0b257b32, versioned specs)";
    private const string V35 = "V35 (master after 1.35, index id 378079260)";
    private const string V33 = "V33 (1.33 copy, index id 2916955)";
    private const string F31 = "F31 (1.31 flat map, index id 6115561)";
    private const string F27 = "F27 (1.27 flat map, index id 158571778)";
    private const string O = "O31/O32 (v1.31.1 and v1.32.2 oracles)";

    private static readonly FeatureGateInfo[] Rows =
    {
        Row(FeatureGate.AppArmor, removedIn: 33, after: true, "drops the template's container.apparmor.security.beta.kubernetes.io/* annotations when off (and not in the stored object)", $"{F27}: beta on; 1.28-1.30 inferred beta on; {F31}: GA locked, remove in 1.33; {O}: locked to true; {V33}: absent", Spec(27, true, FeatureStage.Beta), Spec(31, true, FeatureStage.GA, true)),
        Row(FeatureGate.AppArmorFields, removedIn: 33, after: true, "drops securityContext.appArmorProfile (pod and containers) when off", $"1.30 beta on (inferred: the field is new in the 1.30 schema); {F31}: GA locked; {O}: locked to true; {V33}: absent", Spec(30, true, FeatureStage.Beta), Spec(31, true, FeatureStage.GA, true)),
        Row(FeatureGate.ClusterTrustBundleProjection, null, false, "drops projected clusterTrustBundle sources when off", $"{V}; {O}: dropped by default", Spec(29, false, FeatureStage.Alpha), Spec(33, false, FeatureStage.Beta)),
        Row(FeatureGate.ContainerRestartRules, null, false, "drops containers' restartPolicy and restartPolicyRules (init containers: non-Always restartPolicy and the rules) when off; option AllowContainerRestartPolicyRules", V, Spec(34, false, FeatureStage.Alpha), Spec(35, true, FeatureStage.Beta)),
        Row(FeatureGate.ContainerStopSignals, null, false, "drops lifecycle.stopSignal when off", $"{V}; {V33}", Spec(33, false, FeatureStage.Alpha)),
        Row(FeatureGate.DynamicResourceAllocation, null, false, "drops resourceClaims and containers' resources.claims when off", $"{V}; {F31}: alpha off; {O}: dropped by default", Spec(27, false, FeatureStage.Alpha), Spec(32, false, FeatureStage.Beta), Spec(34, true, FeatureStage.GA), Spec(35, true, FeatureStage.GA, true)),
        Row(FeatureGate.EnvFiles, null, false, "drops env valueFrom.fileKeyRef when off; option AllowEnvFilesValidation (1.35)", V, Spec(34, false, FeatureStage.Alpha), Spec(35, true, FeatureStage.Beta)),
        Row(FeatureGate.ExpandedDNSConfig, removedIn: 30, after: true, "option AllowExpandedDNSConfig (1.27): with it off, 6 search domains of 256 characters in all", $"{F27}: beta on; GA and locked in 1.28 and removed in 1.30 (inferred: KEP-2595's GA release and the two-release removal); {O}: unknown", Spec(27, true, FeatureStage.Beta), Spec(28, true, FeatureStage.GA, true)),
        Row(FeatureGate.GenericWorkload, null, false, "drops spec.workloadRef when off", V, Spec(35, false, FeatureStage.Alpha)),
        Row(FeatureGate.HostnameOverride, null, false, "drops spec.hostnameOverride when off", V, Spec(34, false, FeatureStage.Alpha), Spec(35, true, FeatureStage.Beta)),
        Row(FeatureGate.ImageVolume, null, false, "drops image volumes and the volumeMounts of those volumes when off; option AllowImageVolumeSource (1.31)", $"{V35}; {O}: dropped by default", Spec(31, false, FeatureStage.Alpha), Spec(33, false, FeatureStage.Beta), Spec(35, true, FeatureStage.Beta)),
        Row(FeatureGate.InPlacePodLevelResourcesVerticalScaling, null, false, "option InPlacePodLevelResourcesVerticalScalingEnabled", V, Spec(35, false, FeatureStage.Alpha)),
        Row(FeatureGate.InPlacePodVerticalScaling, null, false, "drops containers' resizePolicy when off; option AllowSidecarResizePolicy (1.33+)", $"{V}; {F27}: alpha off; {O}: dropped by default", Spec(27, false, FeatureStage.Alpha), Spec(33, true, FeatureStage.Beta), Spec(35, true, FeatureStage.GA, true)),
        Row(FeatureGate.InPlacePodVerticalScalingAllocatedStatus, null, false, "none for a DaemonSet (pod status only)", $"{V35}; {O}: known to 1.32 only", Spec(32, false, FeatureStage.Alpha), Spec(33, false, FeatureStage.Deprecated)),
        Row(FeatureGate.MatchLabelKeysInPodAffinity, null, false, "drops pod (anti-)affinity terms' matchLabelKeys and mismatchLabelKeys when off", $"{V35}; {F31}: beta on", Spec(29, false, FeatureStage.Alpha), Spec(31, true, FeatureStage.Beta), Spec(33, true, FeatureStage.GA, true)),
        Row(FeatureGate.MatchLabelKeysInPodTopologySpread, null, false, "drops topologySpreadConstraints[].matchLabelKeys when off; option AllowMatchLabelKeysInPodTopologySpread (1.34+)", $"{V}; {F27}: beta on", Spec(27, true, FeatureStage.Beta)),
        Row(FeatureGate.MatchLabelKeysInPodTopologySpreadSelectorMerge, null, false, "option AllowMatchLabelKeysInPodTopologySpreadSelectorMerge (which matchLabelKeys validation applies, and its ratchet)", $"{V}; absent from {V33}", Spec(34, true, FeatureStage.Beta)),
        Row(FeatureGate.MinDomainsInPodTopologySpread, removedIn: 32, after: true, "drops topologySpreadConstraints[].minDomains when off", $"{F27}: beta on; 1.28-1.29 inferred beta on; GA locked from 1.30 ({F31}: \"GA in 1.30\" history, remove in 1.32); {O}: locked in 1.31, unknown in 1.32", Spec(27, true, FeatureStage.Beta), Spec(30, true, FeatureStage.GA, true)),
        Row(FeatureGate.NodeInclusionPolicyInPodTopologySpread, null, false, "drops topologySpreadConstraints[].nodeAffinityPolicy and nodeTaintsPolicy when off", $"{V}; {F27}: beta on", Spec(27, true, FeatureStage.Beta), Spec(33, true, FeatureStage.GA, true)),
        Row(FeatureGate.PodCertificateRequest, null, false, "drops projected podCertificate sources when off", V, Spec(34, false, FeatureStage.Alpha), Spec(35, false, FeatureStage.Beta)),
        Row(FeatureGate.PodDeletionCost, null, false, "option AllowInvalidPodDeletionCost: the controller.kubernetes.io/pod-deletion-cost annotation is validated only with the gate on", $"{V}; {F27}", Spec(27, true, FeatureStage.Beta)),
        Row(FeatureGate.PodHostIPs, removedIn: 32, after: true, "option AllowHostIPsField: the downward API field status.hostIPs", $"1.28 alpha off, 1.29 beta on (inferred: KEP-2681); {F31}: GA locked, remove in 1.32; {O}: locked in 1.31, unknown in 1.32", Spec(28, false, FeatureStage.Alpha), Spec(29, true, FeatureStage.Beta), Spec(30, true, FeatureStage.GA, true)),
        Row(FeatureGate.PodLevelResources, null, false, "drops spec.resources when off; option PodLevelResourcesEnabled", $"{V}; {O}: dropped by default in 1.32", Spec(32, false, FeatureStage.Alpha), Spec(34, true, FeatureStage.Beta)),
        Row(FeatureGate.PodLifecycleSleepAction, null, false, "drops sleep lifecycle handlers when off", $"{V35}; {F31}: beta on", Spec(29, false, FeatureStage.Alpha), Spec(30, true, FeatureStage.Beta), Spec(34, true, FeatureStage.GA, true)),
        Row(FeatureGate.PodLifecycleSleepActionAllowZero, null, false, "option AllowPodLifecycleSleepActionZeroValue", $"{V35}; {O}: unknown in 1.31, off in 1.32", Spec(32, false, FeatureStage.Alpha), Spec(33, true, FeatureStage.Beta), Spec(34, true, FeatureStage.GA, true)),
        Row(FeatureGate.PodSchedulingReadiness, null, false, "drops schedulingGates when off (it can be off only in 1.27-1.29)", $"{V}; {F27}: beta on; {O}: locked to true", Spec(27, true, FeatureStage.Beta), Spec(30, true, FeatureStage.GA, true)),
        Row(FeatureGate.PodTopologyLabelsAdmission, null, false, "none for a DaemonSet (an admission plugin for pod bindings)", V, Spec(33, false, FeatureStage.Alpha), Spec(35, true, FeatureStage.Beta)),
        Row(FeatureGate.ProcMountType, null, false, "resets containers' securityContext.procMount to Default when off", $"{V}; {F27}: alpha off; {O}: reset by default in 1.31 and 1.32", Spec(27, false, FeatureStage.Alpha), Spec(31, false, FeatureStage.Beta), Spec(33, true, FeatureStage.Beta)),
        Row(FeatureGate.RecursiveReadOnlyMounts, null, false, "drops volumeMounts[].recursiveReadOnly when off", $"{V}; {O}: kept by default", Spec(30, false, FeatureStage.Alpha), Spec(31, true, FeatureStage.Beta), Spec(33, true, FeatureStage.GA, true)),
        Row(FeatureGate.RelaxedDNSSearchValidation, null, false, "option AllowRelaxedDNSSearchValidation", $"{V35}; {O}: off in 1.32", Spec(32, false, FeatureStage.Alpha), Spec(33, true, FeatureStage.Beta), Spec(34, true, FeatureStage.GA, true)),
        Row(FeatureGate.RelaxedEnvironmentVariableValidation, null, false, "option AllowRelaxedEnvironmentVariableValidation", $"{V}; {F31}: alpha off; {O}: off in 1.31, on in 1.32", Spec(30, false, FeatureStage.Alpha), Spec(32, true, FeatureStage.Beta), Spec(34, true, FeatureStage.GA, true)),
        Row(FeatureGate.RestartAllContainersOnContainerExits, null, false, "option AllowRestartAllContainers (the RestartAllContainers rule action, and rules on sidecars)", V, Spec(35, false, FeatureStage.Alpha)),
        Row(FeatureGate.SELinuxChangePolicy, null, false, "drops securityContext.seLinuxChangePolicy when off", $"{V}; {O}: dropped by default in 1.32", Spec(32, false, FeatureStage.Alpha), Spec(33, true, FeatureStage.Beta)),
        Row(FeatureGate.SELinuxMount, null, false, "option AllowOnlyRecursiveSELinuxChangePolicy (1.32+): off, seLinuxChangePolicy accepts only Recursive", $"{V}; {O}: off in 1.32", Spec(30, false, FeatureStage.Alpha), Spec(33, false, FeatureStage.Beta)),
        Row(FeatureGate.SidecarContainers, null, false, "drops init containers' restartPolicy when off", $"{V35}; {F31}: beta on", Spec(28, false, FeatureStage.Alpha), Spec(29, true, FeatureStage.Beta), Spec(33, true, FeatureStage.GA, true)),
        Row(FeatureGate.StrictIPCIDRValidation, null, false, "checked directly by the validation of IP fields (IsValidIPForLegacyField: hostAliases, dnsConfig.nameservers)", V, Spec(33, false, FeatureStage.Alpha)),
        Row(FeatureGate.SupplementalGroupsPolicy, null, false, "drops securityContext.supplementalGroupsPolicy when off", $"{V}; {O}: dropped by default", Spec(31, false, FeatureStage.Alpha), Spec(33, true, FeatureStage.Beta), Spec(35, true, FeatureStage.GA, true)),
        Row(FeatureGate.TaintTolerationComparisonOperators, null, false, "option AllowTaintTolerationComparisonOperators (Lt and Gt toleration operators)", V, Spec(35, false, FeatureStage.Alpha)),
        Row(FeatureGate.UserNamespacesHostNetworkSupport, null, false, "option AllowUserNamespacesHostNetworkSupport (hostUsers: false together with hostNetwork)", V, Spec(35, false, FeatureStage.Alpha)),
        Row(FeatureGate.UserNamespacesStatelessPodsSupport, removedIn: 28, after: false, "drops hostUsers when off (the 1.27 name of UserNamespacesSupport)", $"{F27}: alpha off; renamed in 1.28 (KEP-127)", Spec(27, false, FeatureStage.Alpha)),
        Row(FeatureGate.UserNamespacesSupport, null, false, "drops hostUsers when off", $"{V} (its 1.25 row is the history of the 1.27 name); {O}: dropped by default", Spec(28, false, FeatureStage.Alpha), Spec(30, false, FeatureStage.Beta), Spec(33, true, FeatureStage.Beta)),
    };

    private static readonly Dictionary<string, FeatureGateInfo> ByName = BuildByName();

    /// <summary>Gets every row, in gate order.</summary>
    public static IReadOnlyList<FeatureGateInfo> All => Rows;

    /// <summary>Gets the row of a gate.</summary>
    /// <param name="gate">The gate.</param>
    /// <returns>The row.</returns>
    public static FeatureGateInfo Get(FeatureGate gate) => Rows[(int)gate];

    /// <summary>Finds a gate by its upstream name (case-sensitive, as the apiserver matches it).</summary>
    /// <param name="name">The name.</param>
    /// <param name="info">The row, when found.</param>
    /// <returns>Whether the name is one of the modelled gates.</returns>
    public static bool TryGet(string name, out FeatureGateInfo info)
    {
        if (ByName.TryGetValue(name, out var i))
        {
            info = i;
            return true;
        }

        info = null!;
        return false;
    }

    private static FeatureGateSpec Spec(int minor, bool on, FeatureStage stage, bool locked = false) => new(minor, on, stage, locked);

    private static FeatureGateInfo Row(FeatureGate gate, int? removedIn, bool after, string effect, string source, params FeatureGateSpec[] specs) =>
        new(gate, removedIn, after, effect, source, specs);

    private static Dictionary<string, FeatureGateInfo> BuildByName()
    {
        var d = new Dictionary<string, FeatureGateInfo>(StringComparer.Ordinal);
        for (var i = 0; i < Rows.Length; i++)
        {
            if ((int)Rows[i].Gate != i)
            {
                throw new InvalidOperationException($"FeatureGateTable row {i} is {Rows[i].Gate}: rows must follow the enum order");
            }

            d.Add(Rows[i].Name, Rows[i]);
        }

        return d;
    }
}
