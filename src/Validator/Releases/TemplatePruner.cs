using System;
using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Releases;

/// <summary>The fields <c>DropDisabledTemplateFields</c> can drop, one flag each (the plan of a gate set).</summary>
[Flags]
internal enum DropKinds : uint
{
    None = 0,
    HostUsers = 1u << 0,
    SupplementalGroupsPolicy = 1u << 1,
    SeLinuxChangePolicy = 1u << 2,
    PodResources = 1u << 3,
    ProcMount = 1u << 4,
    NodeTaintsPolicy = 1u << 5,
    NodeAffinityPolicy = 1u << 6,
    MinDomains = 1u << 7,
    TopologyMatchLabelKeys = 1u << 8,
    AffinityMatchLabelKeys = 1u << 9,
    ResourceClaims = 1u << 10,
    ClusterTrustBundle = 1u << 11,
    PodCertificate = 1u << 12,
    WorkloadRef = 1u << 13,
    ResizePolicy = 1u << 14,
    SidecarRestartPolicy = 1u << 15,
    ContainerRestartRules = 1u << 16,
    RecursiveReadOnly = 1u << 17,
    HostnameOverride = 1u << 18,
    FileKeyRef = 1u << 19,
    SleepAction = 1u << 20,
    ImageVolumes = 1u << 21,
    StopSignal = 1u << 22,
    SchedulingGates = 1u << 23,
    AppArmorAnnotations = 1u << 24,
    AppArmorFields = 1u << 25,
}

/// <summary>
/// <c>DropDisabledTemplateFields</c> (<c>pkg/api/pod/util.go</c>) over the format-neutral tree: before the rules run,
/// the fields whose feature gate is off in the configured release (and that the stored object does not already use)
/// are removed from a copy of the object. Only the mappings and sequences on the way to a dropped field are copied;
/// every other node is the original one, so spans stay and nothing is allocated when nothing is dropped (field paths
/// are built only for what is dropped; subtrees no active drop can reach are not visited).
/// </summary>
internal sealed class TemplatePruner
{
    private const DropKinds PodSecurityContextKinds = DropKinds.SupplementalGroupsPolicy | DropKinds.SeLinuxChangePolicy | DropKinds.AppArmorFields;
    private const DropKinds TopologySpreadKinds = DropKinds.MinDomains | DropKinds.NodeAffinityPolicy | DropKinds.NodeTaintsPolicy | DropKinds.TopologyMatchLabelKeys;
    private const DropKinds VolumeKinds = DropKinds.ImageVolumes | DropKinds.ClusterTrustBundle | DropKinds.PodCertificate;
    private const DropKinds ContainerKinds = DropKinds.ProcMount | DropKinds.AppArmorFields | DropKinds.ResizePolicy | DropKinds.SidecarRestartPolicy
        | DropKinds.ContainerRestartRules | DropKinds.StopSignal | DropKinds.SleepAction | DropKinds.FileKeyRef | DropKinds.ResourceClaims
        | DropKinds.RecursiveReadOnly | DropKinds.ImageVolumes;

    private static readonly FieldPath TemplatePath = FieldPath.Root("spec").Child("template");

    // The keys of a pod spec and of a container that some planned drop reaches, per plan (a handful of plans occur).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<DropKinds, (string[] PodSpec, string[] Container)> KeysByPlan = new();

    // One pruner per thread, reused: its path stack would otherwise be allocated for every object.
    [ThreadStatic]
    private static TemplatePruner? cached;

    private readonly List<(PathSegmentKind Kind, string Name, int Index)> stack = new(12);
    private FeatureGateSet gates = null!;
    private DropKinds kinds;
    private List<DroppedField>? dropped;
    private HashSet<string>? imageVolumes;
    private string[] podSpecKeys = Array.Empty<string>();
    private string[] containerKeys = Array.Empty<string>();

    /// <summary>Drops what the API server drops from a DaemonSet's template.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="baseline">The stored object on an update, or null.</param>
    /// <param name="gates">The effective gates.</param>
    /// <param name="dropped">One entry per dropped field, in document order; null when nothing was dropped.</param>
    /// <returns>The object to validate: the same instance when nothing was dropped.</returns>
    public static ManifestObject Prune(ManifestObject obj, ManifestObject? baseline, FeatureGateSet gates, out IReadOnlyList<DroppedField>? dropped)
    {
        dropped = null;
        var kinds = gates.DropPlan;
        if (kinds == DropKinds.None || !obj.IsAppsV1DaemonSet || obj.Root.Map("spec") is not { } spec || spec.Map("template") is not { } template)
        {
            return obj;
        }

        if (baseline is { Kind: "DaemonSet" } && baseline.Root.Map("spec").Map("template") is { } oldTemplate)
        {
            kinds = WithoutInUse(kinds, oldTemplate, gates.Release);
            if (kinds == DropKinds.None)
            {
                return obj;
            }
        }

        var pruner = cached ?? new TemplatePruner();
        cached = null; // a nested call (none today) would get a pruner of its own
        pruner.gates = gates;
        pruner.kinds = kinds;
        (pruner.podSpecKeys, pruner.containerKeys) = KeysByPlan.GetOrAdd(kinds, KeysOf);
        pruner.dropped = null;
        pruner.imageVolumes = null;
        pruner.stack.Clear();
        var pruned = pruner.Template(template);
        dropped = pruner.dropped;
        pruner.dropped = null;
        pruner.imageVolumes = null;
        cached = pruner;
        if (ReferenceEquals(pruned, template))
        {
            return obj;
        }

        var root = Replace(obj.Root, "spec", Replace(spec, "template", pruned));
        return new ManifestObject(root, obj.File, obj.Document, obj.ListItem);
    }

    /// <summary>The drops a gate set makes: each drop whose gate the release knows and has off.</summary>
    /// <param name="gates">The gates.</param>
    /// <returns>The kinds.</returns>
    internal static DropKinds PlanOf(FeatureGateSet gates)
    {
        var k = DropKinds.None;
        void Off(FeatureGate gate, DropKinds kind)
        {
            if (gates.IsKnown(gate) && !gates.Enabled(gate))
            {
                k |= kind;
            }
        }

        Off(HostUsersGate(gates), DropKinds.HostUsers);
        Off(FeatureGate.SupplementalGroupsPolicy, DropKinds.SupplementalGroupsPolicy);
        Off(FeatureGate.SELinuxChangePolicy, DropKinds.SeLinuxChangePolicy);
        Off(FeatureGate.PodLevelResources, DropKinds.PodResources);
        Off(FeatureGate.ProcMountType, DropKinds.ProcMount);
        Off(FeatureGate.NodeInclusionPolicyInPodTopologySpread, DropKinds.NodeTaintsPolicy | DropKinds.NodeAffinityPolicy);
        Off(FeatureGate.MinDomainsInPodTopologySpread, DropKinds.MinDomains);
        Off(FeatureGate.MatchLabelKeysInPodTopologySpread, DropKinds.TopologyMatchLabelKeys);
        Off(FeatureGate.MatchLabelKeysInPodAffinity, DropKinds.AffinityMatchLabelKeys);
        Off(FeatureGate.DynamicResourceAllocation, DropKinds.ResourceClaims);
        Off(FeatureGate.ClusterTrustBundleProjection, DropKinds.ClusterTrustBundle);
        Off(FeatureGate.PodCertificateRequest, DropKinds.PodCertificate);
        Off(FeatureGate.GenericWorkload, DropKinds.WorkloadRef);
        Off(FeatureGate.InPlacePodVerticalScaling, DropKinds.ResizePolicy);
        Off(FeatureGate.SidecarContainers, DropKinds.SidecarRestartPolicy);
        Off(FeatureGate.ContainerRestartRules, DropKinds.ContainerRestartRules);
        Off(FeatureGate.RecursiveReadOnlyMounts, DropKinds.RecursiveReadOnly);
        Off(FeatureGate.HostnameOverride, DropKinds.HostnameOverride);
        Off(FeatureGate.EnvFiles, DropKinds.FileKeyRef);
        Off(FeatureGate.PodLifecycleSleepAction, DropKinds.SleepAction);
        Off(FeatureGate.ImageVolume, DropKinds.ImageVolumes);
        Off(FeatureGate.ContainerStopSignals, DropKinds.StopSignal);
        Off(FeatureGate.PodSchedulingReadiness, DropKinds.SchedulingGates);
        Off(FeatureGate.AppArmor, DropKinds.AppArmorAnnotations);
        Off(FeatureGate.AppArmorFields, DropKinds.AppArmorFields);
        return k;
    }

    // The hostUsers gate: UserNamespacesSupport, or in 1.27 its former name.
    private static FeatureGate HostUsersGate(FeatureGateSet gates) =>
        gates.IsKnown(FeatureGate.UserNamespacesStatelessPodsSupport) ? FeatureGate.UserNamespacesStatelessPodsSupport : FeatureGate.UserNamespacesSupport;

    // Each drop is skipped when the stored template already uses the field (upstream's *InUse(oldPodSpec) checks).
    private static DropKinds WithoutInUse(DropKinds kinds, MappingNode oldTemplate, KubernetesRelease release)
    {
        var old = oldTemplate.Map("spec");
        void Keep(DropKinds kind, Func<bool> inUse)
        {
            if ((kinds & kind) != 0 && inUse())
            {
                kinds &= ~kind;
            }
        }

        Keep(DropKinds.HostUsers, () => TemplateFacts.HostUsersInUse(old));
        Keep(DropKinds.SupplementalGroupsPolicy, () => TemplateFacts.SupplementalGroupsPolicyInUse(old));
        Keep(DropKinds.SeLinuxChangePolicy, () => TemplateFacts.SeLinuxChangePolicyInUse(old));
        Keep(DropKinds.PodResources, () => TemplateFacts.PodLevelResourcesInUse(old));
        Keep(DropKinds.ProcMount, () => TemplateFacts.ProcMountInUse(old));
        Keep(DropKinds.NodeTaintsPolicy, () => TemplateFacts.TopologySpreadFieldInUse(old, "nodeTaintsPolicy"));
        Keep(DropKinds.NodeAffinityPolicy, () => TemplateFacts.TopologySpreadFieldInUse(old, "nodeAffinityPolicy"));
        Keep(DropKinds.MinDomains, () => TemplateFacts.TopologySpreadFieldInUse(old, "minDomains"));
        Keep(DropKinds.TopologyMatchLabelKeys, () => TemplateFacts.TopologySpreadFieldInUse(old, "matchLabelKeys"));
        Keep(DropKinds.AffinityMatchLabelKeys, () => TemplateFacts.MatchLabelKeysInPodAffinityInUse(old));
        Keep(DropKinds.ResourceClaims, () => TemplateFacts.DynamicResourceAllocationInUse(old));
        Keep(DropKinds.ClusterTrustBundle, () => TemplateFacts.ProjectedSourceInUse(old, "clusterTrustBundle"));
        Keep(DropKinds.PodCertificate, () => TemplateFacts.ProjectedSourceInUse(old, "podCertificate"));
        Keep(DropKinds.WorkloadRef, () => TemplateFacts.IsSet(old, "workloadRef"));
        Keep(DropKinds.ResizePolicy, () => TemplateFacts.ResizePolicyInUse(old));
        Keep(DropKinds.SidecarRestartPolicy, () => TemplateFacts.RestartableInitContainersInUse(old, alwaysOnly: release.IsAtLeast(32)));
        Keep(DropKinds.ContainerRestartRules, () => TemplateFacts.ContainerRestartRulesInUse(old));
        Keep(DropKinds.RecursiveReadOnly, () => TemplateFacts.RecursiveReadOnlyInUse(old));
        Keep(DropKinds.HostnameOverride, () => TemplateFacts.IsSet(old, "hostnameOverride"));
        Keep(DropKinds.FileKeyRef, () => TemplateFacts.EnvSourceInUse(old, "fileKeyRef"));
        Keep(DropKinds.SleepAction, () => TemplateFacts.SleepActionInUse(old));
        Keep(DropKinds.ImageVolumes, () => TemplateFacts.ImageVolumesInUse(old));
        Keep(DropKinds.StopSignal, () => TemplateFacts.StopSignalInUse(old));
        Keep(DropKinds.SchedulingGates, () => TemplateFacts.HasItems(old, "schedulingGates"));
        Keep(DropKinds.AppArmorAnnotations, () => TemplateFacts.AppArmorAnnotationsInUse(oldTemplate.Map("metadata")));
        Keep(DropKinds.AppArmorFields, () => TemplateFacts.AppArmorFieldsInUse(old));
        return kinds;
    }

    private static MappingNode Replace(MappingNode map, string key, ManifestNode value)
    {
        var e = new MappingEditor(map);
        for (var i = 0; i < map.Count; i++)
        {
            var entry = map.Entries[i];
            e.Set(i, entry.Key == key ? value : entry.Value);
        }

        return e.Result();
    }

    private static (string[] PodSpec, string[] Container) KeysOf(DropKinds kinds)
    {
        var pod = new List<string>();
        var container = new List<string>();
        void Add(List<string> list, DropKinds kind, params string[] keys)
        {
            if ((kinds & kind) != 0)
            {
                list.AddRange(keys);
            }
        }

        Add(pod, DropKinds.HostUsers, "hostUsers");
        Add(pod, DropKinds.PodResources, "resources");
        Add(pod, DropKinds.HostnameOverride, "hostnameOverride");
        Add(pod, DropKinds.WorkloadRef, "workloadRef");
        Add(pod, DropKinds.SchedulingGates, "schedulingGates");
        Add(pod, DropKinds.ResourceClaims, "resourceClaims");
        Add(pod, PodSecurityContextKinds, "securityContext");
        Add(pod, ContainerKinds, "initContainers", "containers", "ephemeralContainers");
        Add(pod, VolumeKinds, "volumes");
        Add(pod, TopologySpreadKinds, "topologySpreadConstraints");
        Add(pod, DropKinds.AffinityMatchLabelKeys, "affinity");
        Add(container, DropKinds.ProcMount | DropKinds.AppArmorFields, "securityContext");
        Add(container, DropKinds.ResizePolicy, "resizePolicy");
        Add(container, DropKinds.SidecarRestartPolicy | DropKinds.ContainerRestartRules, "restartPolicy");
        Add(container, DropKinds.ContainerRestartRules, "restartPolicyRules");
        Add(container, DropKinds.StopSignal | DropKinds.SleepAction, "lifecycle");
        Add(container, DropKinds.FileKeyRef, "env");
        Add(container, DropKinds.ResourceClaims, "resources");
        Add(container, DropKinds.RecursiveReadOnly | DropKinds.ImageVolumes, "volumeMounts");
        return (pod.ToArray(), container.ToArray());
    }

    // Whether a mapping holds one of the keys (a few lookups beat visiting every entry).
    private static bool AnyKey(MappingNode map, string[] keys)
    {
        foreach (var k in keys)
        {
            if (map[k] is { IsNull: false })
            {
                return true;
            }
        }

        return false;
    }

    private bool Has(DropKinds kind) => (this.kinds & kind) != 0;

    private void Push(string field) => this.stack.Add((PathSegmentKind.Field, field, -1));

    private void PushIndex(int index) => this.stack.Add((PathSegmentKind.Index, string.Empty, index));

    private void PushKey(string key) => this.stack.Add((PathSegmentKind.Key, key, -1));

    private void Pop() => this.stack.RemoveAt(this.stack.Count - 1);

    // Records the field at the top of the stack (under spec.template).
    private void Record(FeatureGate gate, DropAction action = DropAction.Removed)
    {
        var path = TemplatePath;
        foreach (var (kind, name, index) in this.stack)
        {
            path = kind switch
            {
                PathSegmentKind.Field => path.Child(name),
                PathSegmentKind.Index => path.Index(index),
                _ => path.Key(name),
            };
        }

        (this.dropped ??= new List<DroppedField>()).Add(new DroppedField(path, gate, action, this.gates.Describe(gate)));
    }

    private ManifestNode? DropField(string key, DropKinds kind, FeatureGate gate, ManifestNode value)
    {
        if (!this.Has(kind) || value.IsNull)
        {
            return value;
        }

        this.Push(key);
        this.Record(gate);
        this.Pop();
        return null;
    }

    private MappingNode Template(MappingNode template)
    {
        var e = new MappingEditor(template);
        for (var i = 0; i < template.Count; i++)
        {
            var entry = template.Entries[i];
            ManifestNode? value = entry.Value;
            if (entry.Key == "metadata" && value is MappingNode m && this.Has(DropKinds.AppArmorAnnotations))
            {
                this.Push("metadata");
                value = this.Metadata(m);
                this.Pop();
            }
            else if (entry.Key == "spec" && value is MappingNode s)
            {
                this.Push("spec");
                value = this.PodSpec(s);
                this.Pop();
            }

            e.Set(i, value);
        }

        return e.Result();
    }

    private MappingNode Metadata(MappingNode metadata)
    {
        var e = new MappingEditor(metadata);
        for (var i = 0; i < metadata.Count; i++)
        {
            var entry = metadata.Entries[i];
            if (entry.Key != "annotations" || entry.Value is not MappingNode annotations)
            {
                e.Set(i, entry.Value);
                continue;
            }

            this.Push("annotations");
            var a = new MappingEditor(annotations);
            for (var j = 0; j < annotations.Count; j++)
            {
                var ann = annotations.Entries[j];
                if (ann.Key.StartsWith(TemplateFacts.AppArmorAnnotationPrefix, StringComparison.Ordinal))
                {
                    this.PushKey(ann.Key);
                    this.Record(FeatureGate.AppArmor);
                    this.Pop();
                    a.Set(j, null);
                }
                else
                {
                    a.Set(j, ann.Value);
                }
            }

            this.Pop();
            e.Set(i, a.Result());
        }

        return e.Result();
    }

    private MappingNode PodSpec(MappingNode spec)
    {
        if (!AnyKey(spec, this.podSpecKeys))
        {
            return spec;
        }

        if (this.Has(DropKinds.ImageVolumes) && spec.Seq("volumes") is { } vols)
        {
            foreach (var v in vols.Items)
            {
                if (v is MappingNode vm && TemplateFacts.IsSet(vm, "image") && TemplateFacts.Text(vm.Get("name")) is { } name)
                {
                    (this.imageVolumes ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
                }
            }
        }

        var e = new MappingEditor(spec);
        for (var i = 0; i < spec.Count; i++)
        {
            var entry = spec.Entries[i];
            var value = entry.Value;
            if (value.IsNull)
            {
                e.Set(i, value);
                continue;
            }

            switch (entry.Key)
            {
                case "hostUsers":
                    e.Set(i, this.DropField(entry.Key, DropKinds.HostUsers, HostUsersGate(this.gates), value));
                    break;
                case "resources":
                    e.Set(i, this.DropField(entry.Key, DropKinds.PodResources, FeatureGate.PodLevelResources, value));
                    break;
                case "hostnameOverride":
                    e.Set(i, this.DropField(entry.Key, DropKinds.HostnameOverride, FeatureGate.HostnameOverride, value));
                    break;
                case "workloadRef":
                    e.Set(i, this.DropField(entry.Key, DropKinds.WorkloadRef, FeatureGate.GenericWorkload, value));
                    break;
                case "schedulingGates":
                    e.Set(i, this.DropField(entry.Key, DropKinds.SchedulingGates, FeatureGate.PodSchedulingReadiness, value));
                    break;
                case "resourceClaims":
                    e.Set(i, this.DropField(entry.Key, DropKinds.ResourceClaims, FeatureGate.DynamicResourceAllocation, value));
                    break;
                case "securityContext" when value is MappingNode sc && this.Has(PodSecurityContextKinds):
                    this.Push(entry.Key);
                    e.Set(i, this.DropKeys(sc, PodSecurityContextDrops));
                    this.Pop();
                    break;
                case "initContainers" or "containers" or "ephemeralContainers" when value is SequenceNode list && this.Has(ContainerKinds):
                    this.Push(entry.Key);
                    e.Set(i, this.Containers(list, entry.Key == "initContainers"));
                    this.Pop();
                    break;
                case "volumes" when value is SequenceNode list && this.Has(VolumeKinds):
                    this.Push(entry.Key);
                    e.Set(i, this.Volumes(list));
                    this.Pop();
                    break;
                case "topologySpreadConstraints" when value is SequenceNode list && this.Has(TopologySpreadKinds):
                    this.Push(entry.Key);
                    e.Set(i, this.EachDropKeys(list, TopologySpreadDrops));
                    this.Pop();
                    break;
                case "affinity" when value is MappingNode a && this.Has(DropKinds.AffinityMatchLabelKeys):
                    this.Push(entry.Key);
                    e.Set(i, this.Affinity(a));
                    this.Pop();
                    break;
                default:
                    e.Set(i, value);
                    break;
            }
        }

        return e.Result();
    }

    private static readonly (string Key, DropKinds Kind, FeatureGate Gate)[] PodSecurityContextDrops =
    {
        ("supplementalGroupsPolicy", DropKinds.SupplementalGroupsPolicy, FeatureGate.SupplementalGroupsPolicy),
        ("seLinuxChangePolicy", DropKinds.SeLinuxChangePolicy, FeatureGate.SELinuxChangePolicy),
        ("appArmorProfile", DropKinds.AppArmorFields, FeatureGate.AppArmorFields),
    };

    private static readonly (string Key, DropKinds Kind, FeatureGate Gate)[] TopologySpreadDrops =
    {
        ("minDomains", DropKinds.MinDomains, FeatureGate.MinDomainsInPodTopologySpread),
        ("nodeAffinityPolicy", DropKinds.NodeAffinityPolicy, FeatureGate.NodeInclusionPolicyInPodTopologySpread),
        ("nodeTaintsPolicy", DropKinds.NodeTaintsPolicy, FeatureGate.NodeInclusionPolicyInPodTopologySpread),
        ("matchLabelKeys", DropKinds.TopologyMatchLabelKeys, FeatureGate.MatchLabelKeysInPodTopologySpread),
    };

    private static readonly (string Key, DropKinds Kind, FeatureGate Gate)[] AffinityTermDrops =
    {
        ("matchLabelKeys", DropKinds.AffinityMatchLabelKeys, FeatureGate.MatchLabelKeysInPodAffinity),
        ("mismatchLabelKeys", DropKinds.AffinityMatchLabelKeys, FeatureGate.MatchLabelKeysInPodAffinity),
    };

    private static readonly (string Key, DropKinds Kind, FeatureGate Gate)[] ProjectedSourceDrops =
    {
        ("clusterTrustBundle", DropKinds.ClusterTrustBundle, FeatureGate.ClusterTrustBundleProjection),
        ("podCertificate", DropKinds.PodCertificate, FeatureGate.PodCertificateRequest),
    };

    private static readonly (string Key, DropKinds Kind, FeatureGate Gate)[] FileKeyRefDrop = { ("fileKeyRef", DropKinds.FileKeyRef, FeatureGate.EnvFiles) };

    private static readonly (string Key, DropKinds Kind, FeatureGate Gate)[] ClaimsDrop = { ("claims", DropKinds.ResourceClaims, FeatureGate.DynamicResourceAllocation) };

    private static readonly (string Key, DropKinds Kind, FeatureGate Gate)[] ContainerSecurityContextDrops = { ("appArmorProfile", DropKinds.AppArmorFields, FeatureGate.AppArmorFields) };

    private static readonly (string Key, DropKinds Kind, FeatureGate Gate)[] RecursiveReadOnlyDrop = { ("recursiveReadOnly", DropKinds.RecursiveReadOnly, FeatureGate.RecursiveReadOnlyMounts) };

    // Removes the planned keys of one mapping (the caller pushed the mapping's path).
    private MappingNode DropKeys(MappingNode map, (string Key, DropKinds Kind, FeatureGate Gate)[] drops)
    {
        var e = new MappingEditor(map);
        for (var i = 0; i < map.Count; i++)
        {
            var entry = map.Entries[i];
            ManifestNode? v = entry.Value;
            if (!v.IsNull)
            {
                foreach (var (key, kind, gate) in drops)
                {
                    if (this.Has(kind) && key == entry.Key)
                    {
                        v = this.DropField(key, kind, gate, v);
                        break;
                    }
                }
            }

            e.Set(i, v);
        }

        return e.Result();
    }

    // DropKeys on every mapping item of a list.
    private SequenceNode EachDropKeys(SequenceNode list, (string Key, DropKinds Kind, FeatureGate Gate)[] drops)
    {
        var e = new SequenceEditor(list);
        for (var i = 0; i < list.Count; i++)
        {
            var item = list.Items[i];
            if (item is MappingNode m)
            {
                this.PushIndex(i);
                e.Set(i, this.DropKeys(m, drops));
                this.Pop();
            }
            else
            {
                e.Set(i, item);
            }
        }

        return e.Result();
    }

    // DropKeys on the mapping value of one key.
    private MappingNode DropKeysIn(MappingNode map, string key, (string Key, DropKinds Kind, FeatureGate Gate)[] drops)
    {
        var e = new MappingEditor(map);
        for (var i = 0; i < map.Count; i++)
        {
            var entry = map.Entries[i];
            if (entry.Key == key && entry.Value is MappingNode m)
            {
                this.Push(key);
                e.Set(i, this.DropKeys(m, drops));
                this.Pop();
            }
            else
            {
                e.Set(i, entry.Value);
            }
        }

        return e.Result();
    }

    private MappingNode Affinity(MappingNode affinity)
    {
        var e = new MappingEditor(affinity);
        for (var i = 0; i < affinity.Count; i++)
        {
            var entry = affinity.Entries[i];
            if (entry.Key is not ("podAffinity" or "podAntiAffinity") || entry.Value is not MappingNode pa)
            {
                e.Set(i, entry.Value);
                continue;
            }

            this.Push(entry.Key);
            var pe = new MappingEditor(pa);
            for (var j = 0; j < pa.Count; j++)
            {
                var kind = pa.Entries[j];
                if (kind.Value is not SequenceNode terms || kind.Key is not ("requiredDuringSchedulingIgnoredDuringExecution" or "preferredDuringSchedulingIgnoredDuringExecution"))
                {
                    pe.Set(j, kind.Value);
                    continue;
                }

                this.Push(kind.Key);
                var required = kind.Key == "requiredDuringSchedulingIgnoredDuringExecution";
                var te = new SequenceEditor(terms);
                for (var t = 0; t < terms.Count; t++)
                {
                    if (terms.Items[t] is MappingNode term)
                    {
                        this.PushIndex(t);
                        te.Set(t, required ? this.DropKeys(term, AffinityTermDrops) : this.DropKeysIn(term, "podAffinityTerm", AffinityTermDrops));
                        this.Pop();
                    }
                    else
                    {
                        te.Set(t, terms.Items[t]);
                    }
                }

                this.Pop();
                pe.Set(j, te.Result());
            }

            this.Pop();
            e.Set(i, pe.Result());
        }

        return e.Result();
    }

    private SequenceNode Volumes(SequenceNode volumes)
    {
        var e = new SequenceEditor(volumes);
        for (var i = 0; i < volumes.Count; i++)
        {
            var item = volumes.Items[i];
            if (item is not MappingNode v)
            {
                e.Set(i, item);
                continue;
            }

            this.PushIndex(i);
            if (this.Has(DropKinds.ImageVolumes) && TemplateFacts.IsSet(v, "image"))
            {
                this.Record(FeatureGate.ImageVolume);
                e.Set(i, null);
            }
            else if (this.Has(DropKinds.ClusterTrustBundle | DropKinds.PodCertificate) && v.Map("projected") is { } projected && projected.Seq("sources") is { } sources)
            {
                this.Push("projected");
                this.Push("sources");
                var newSources = this.EachDropKeys(sources, ProjectedSourceDrops);
                this.Pop();
                this.Pop();
                e.Set(i, ReferenceEquals(newSources, sources) ? v : Replace(v, "projected", Replace(projected, "sources", newSources)));
            }
            else
            {
                e.Set(i, v);
            }

            this.Pop();
        }

        return e.Result();
    }

    private SequenceNode Containers(SequenceNode list, bool init)
    {
        var e = new SequenceEditor(list);
        for (var i = 0; i < list.Count; i++)
        {
            var item = list.Items[i];
            if (item is MappingNode c && AnyKey(c, this.containerKeys))
            {
                this.PushIndex(i);
                e.Set(i, this.Container(c, init));
                this.Pop();
            }
            else
            {
                e.Set(i, item);
            }
        }

        return e.Result();
    }

    private MappingNode Container(MappingNode c, bool init)
    {
        var e = new MappingEditor(c);
        for (var i = 0; i < c.Count; i++)
        {
            var entry = c.Entries[i];
            var value = entry.Value;
            if (value.IsNull)
            {
                e.Set(i, value);
                continue;
            }

            ManifestNode? result = value;
            switch (entry.Key)
            {
                case "securityContext" when value is MappingNode sc && this.Has(DropKinds.ProcMount | DropKinds.AppArmorFields):
                    this.Push(entry.Key);
                    result = this.ContainerSecurityContext(sc);
                    this.Pop();
                    break;
                case "resizePolicy":
                    result = this.DropField(entry.Key, DropKinds.ResizePolicy, FeatureGate.InPlacePodVerticalScaling, value);
                    break;
                case "restartPolicy" when init && this.Has(DropKinds.SidecarRestartPolicy):
                    result = this.DropField(entry.Key, DropKinds.SidecarRestartPolicy, FeatureGate.SidecarContainers, value);
                    break;
                case "restartPolicy" when !init || (TemplateFacts.Text(value) != "Always" && !value.ContainsUnknown): // an unknown value might be Always: keep it
                case "restartPolicyRules":
                    result = this.DropField(entry.Key, DropKinds.ContainerRestartRules, FeatureGate.ContainerRestartRules, value);
                    break;
                case "lifecycle" when value is MappingNode l && this.Has(DropKinds.StopSignal | DropKinds.SleepAction):
                    this.Push(entry.Key);
                    var lifecycle = this.Lifecycle(l);
                    this.Pop();

                    // A lifecycle left empty by the drops is cleared, as upstream sets it to nil.
                    result = lifecycle.Count == 0 && l.Count > 0 ? null : lifecycle;
                    break;
                case "env" when value is SequenceNode env && this.Has(DropKinds.FileKeyRef):
                    this.Push(entry.Key);
                    var ee = new SequenceEditor(env);
                    for (var j = 0; j < env.Count; j++)
                    {
                        if (env.Items[j] is MappingNode ev)
                        {
                            this.PushIndex(j);
                            ee.Set(j, this.DropKeysIn(ev, "valueFrom", FileKeyRefDrop));
                            this.Pop();
                        }
                        else
                        {
                            ee.Set(j, env.Items[j]);
                        }
                    }

                    this.Pop();
                    result = ee.Result();
                    break;
                case "resources" when value is MappingNode r && this.Has(DropKinds.ResourceClaims):
                    this.Push(entry.Key);
                    result = this.DropKeys(r, ClaimsDrop);
                    this.Pop();
                    break;
                case "volumeMounts" when value is SequenceNode mounts && this.Has(DropKinds.RecursiveReadOnly | DropKinds.ImageVolumes):
                    this.Push(entry.Key);
                    result = this.VolumeMounts(mounts);
                    this.Pop();
                    break;
            }

            e.Set(i, result);
        }

        return e.Result();
    }

    private MappingNode ContainerSecurityContext(MappingNode sc)
    {
        var result = this.DropKeys(sc, ContainerSecurityContextDrops);
        if (!this.Has(DropKinds.ProcMount) || result.Get("procMount") is not { } procMount)
        {
            return result;
        }

        // dropDisabledProcMountField: a set procMount is forced to Default (not removed).
        this.Push("procMount");
        this.Record(FeatureGate.ProcMountType, DropAction.ResetToDefault);
        this.Pop();
        var e = new MappingEditor(result);
        for (var i = 0; i < result.Count; i++)
        {
            var entry = result.Entries[i];
            e.Set(i, entry.Key == "procMount"
                ? new ScalarNode(procMount.Span, "Default", ScalarType.String) { HostData = procMount.HostData }
                : entry.Value);
        }

        return e.Result();
    }

    private MappingNode Lifecycle(MappingNode lifecycle)
    {
        var e = new MappingEditor(lifecycle);
        for (var i = 0; i < lifecycle.Count; i++)
        {
            var entry = lifecycle.Entries[i];
            var value = entry.Value;
            if (entry.Key == "stopSignal")
            {
                e.Set(i, this.DropField(entry.Key, DropKinds.StopSignal, FeatureGate.ContainerStopSignals, value));
            }
            else if (entry.Key is "preStop" or "postStart" && value is MappingNode handler && this.Has(DropKinds.SleepAction) && TemplateFacts.IsSet(handler, "sleep"))
            {
                // dropPodLifecycleSleepAction: the sleep goes; a handler left with no exec, httpGet or tcpSocket goes too.
                this.Push(entry.Key);
                this.Push("sleep");
                this.Record(FeatureGate.PodLifecycleSleepAction);
                this.Pop();
                this.Pop();
                var h = new MappingEditor(handler);
                for (var j = 0; j < handler.Count; j++)
                {
                    h.Set(j, handler.Entries[j].Key == "sleep" ? null : handler.Entries[j].Value);
                }

                var rest = h.Result();
                e.Set(i, TemplateFacts.IsSet(rest, "exec") || TemplateFacts.IsSet(rest, "httpGet") || TemplateFacts.IsSet(rest, "tcpSocket") ? rest : null);
            }
            else
            {
                e.Set(i, value);
            }
        }

        return e.Result();
    }

    private SequenceNode VolumeMounts(SequenceNode mounts)
    {
        var e = new SequenceEditor(mounts);
        for (var i = 0; i < mounts.Count; i++)
        {
            var item = mounts.Items[i];
            if (item is not MappingNode m)
            {
                e.Set(i, item);
                continue;
            }

            this.PushIndex(i);
            if (this.imageVolumes is { } images && TemplateFacts.Text(m.Get("name")) is { } name && images.Contains(name))
            {
                this.Record(FeatureGate.ImageVolume);
                e.Set(i, null);
            }
            else
            {
                e.Set(i, this.Has(DropKinds.RecursiveReadOnly) ? this.DropKeys(m, RecursiveReadOnlyDrop) : m);
            }

            this.Pop();
        }

        return e.Result();
    }
}
