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
/// every other node is the original one, so spans stay and nothing is copied when nothing is dropped.
/// </summary>
internal sealed class TemplatePruner
{
    private static readonly FieldPath TemplatePath = FieldPath.Root("spec").Child("template");
    private static readonly FieldPath SpecPath = TemplatePath.Child("spec");

    private readonly FeatureGateSet gates;
    private readonly DropKinds kinds;
    private List<DroppedField>? dropped;
    private HashSet<string>? imageVolumes;

    private TemplatePruner(FeatureGateSet gates, DropKinds kinds)
    {
        this.gates = gates;
        this.kinds = kinds;
    }

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

        var pruner = new TemplatePruner(gates, kinds);
        var pruned = pruner.Template(template);
        if (ReferenceEquals(pruned, template))
        {
            return obj;
        }

        dropped = pruner.dropped;
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
        var e = new Editor(map);
        for (var i = 0; i < map.Count; i++)
        {
            var entry = map.Entries[i];
            e.Set(i, entry.Key == key ? value : entry.Value);
        }

        return e.Result();
    }

    private bool Has(DropKinds kind) => (this.kinds & kind) != 0;

    private void Record(FieldPath path, FeatureGate gate, DropAction action = DropAction.Removed) =>
        (this.dropped ??= new List<DroppedField>()).Add(new DroppedField(path, gate, action, this.gates.Describe(gate)));

    private MappingNode Template(MappingNode template)
    {
        var e = new Editor(template);
        for (var i = 0; i < template.Count; i++)
        {
            var entry = template.Entries[i];
            e.Set(i, entry.Key switch
            {
                "metadata" when entry.Value is MappingNode m && this.Has(DropKinds.AppArmorAnnotations) => this.Metadata(m),
                "spec" when entry.Value is MappingNode s => this.PodSpec(s),
                _ => entry.Value,
            });
        }

        return e.Result();
    }

    private MappingNode Metadata(MappingNode metadata)
    {
        var e = new Editor(metadata);
        for (var i = 0; i < metadata.Count; i++)
        {
            var entry = metadata.Entries[i];
            if (entry.Key == "annotations" && entry.Value is MappingNode annotations)
            {
                var a = new Editor(annotations);
                for (var j = 0; j < annotations.Count; j++)
                {
                    var ann = annotations.Entries[j];
                    if (ann.Key.StartsWith(TemplateFacts.AppArmorAnnotationPrefix, StringComparison.Ordinal))
                    {
                        this.Record(TemplatePath.Child("metadata").Child("annotations").Key(ann.Key), FeatureGate.AppArmor);
                        a.Set(j, null);
                    }
                    else
                    {
                        a.Set(j, ann.Value);
                    }
                }

                e.Set(i, a.Result());
            }
            else
            {
                e.Set(i, entry.Value);
            }
        }

        return e.Result();
    }

    private MappingNode PodSpec(MappingNode spec)
    {
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

        var e = new Editor(spec);
        for (var i = 0; i < spec.Count; i++)
        {
            var entry = spec.Entries[i];
            var value = entry.Value;
            if (value.IsNull)
            {
                e.Set(i, value);
                continue;
            }

            var path = SpecPath.Child(entry.Key);
            e.Set(i, entry.Key switch
            {
                "hostUsers" => this.Drop(DropKinds.HostUsers, HostUsersGate(this.gates), path, value),
                "resources" => this.Drop(DropKinds.PodResources, FeatureGate.PodLevelResources, path, value),
                "hostnameOverride" => this.Drop(DropKinds.HostnameOverride, FeatureGate.HostnameOverride, path, value),
                "workloadRef" => this.Drop(DropKinds.WorkloadRef, FeatureGate.GenericWorkload, path, value),
                "schedulingGates" => this.Drop(DropKinds.SchedulingGates, FeatureGate.PodSchedulingReadiness, path, value),
                "resourceClaims" => this.Drop(DropKinds.ResourceClaims, FeatureGate.DynamicResourceAllocation, path, value),
                "securityContext" when value is MappingNode sc => this.DropKeys(sc, path, PodSecurityContextDrops),
                "initContainers" or "containers" or "ephemeralContainers" when value is SequenceNode list => this.Containers(list, entry.Key, path),
                "volumes" when value is SequenceNode list => this.Volumes(list, path),
                "topologySpreadConstraints" when value is SequenceNode list => this.EachMapping(list, path, (m, p) => this.DropKeys(m, p, TopologySpreadDrops)),
                "affinity" when value is MappingNode a && this.Has(DropKinds.AffinityMatchLabelKeys) => this.Affinity(a, path),
                _ => value,
            });
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

    private ManifestNode? Drop(DropKinds kind, FeatureGate gate, FieldPath path, ManifestNode value)
    {
        if (!this.Has(kind))
        {
            return value;
        }

        this.Record(path, gate);
        return null;
    }

    private MappingNode DropKeys(MappingNode map, FieldPath path, (string Key, DropKinds Kind, FeatureGate Gate)[] drops)
    {
        var e = new Editor(map);
        for (var i = 0; i < map.Count; i++)
        {
            var entry = map.Entries[i];
            ManifestNode? v = entry.Value;
            if (!v.IsNull)
            {
                foreach (var (key, kind, gate) in drops)
                {
                    if (key == entry.Key && this.Has(kind))
                    {
                        this.Record(path.Child(key), gate);
                        v = null;
                        break;
                    }
                }
            }

            e.Set(i, v);
        }

        return e.Result();
    }

    private SequenceNode EachMapping(SequenceNode list, FieldPath path, Func<MappingNode, FieldPath, ManifestNode?> edit)
    {
        var e = new SeqEditor(list);
        for (var i = 0; i < list.Count; i++)
        {
            var item = list.Items[i];
            e.Set(i, item is MappingNode m ? edit(m, path.Index(i)) : item);
        }

        return e.Result();
    }

    private MappingNode Affinity(MappingNode affinity, FieldPath path)
    {
        var e = new Editor(affinity);
        for (var i = 0; i < affinity.Count; i++)
        {
            var entry = affinity.Entries[i];
            if (entry.Key is "podAffinity" or "podAntiAffinity" && entry.Value is MappingNode pa)
            {
                var p = path.Child(entry.Key);
                var pe = new Editor(pa);
                for (var j = 0; j < pa.Count; j++)
                {
                    var kind = pa.Entries[j];
                    var kp = p.Child(kind.Key);
                    pe.Set(j, kind.Key switch
                    {
                        "requiredDuringSchedulingIgnoredDuringExecution" when kind.Value is SequenceNode req =>
                            this.EachMapping(req, kp, (t, tp) => this.DropKeys(t, tp, AffinityTermDrops)),
                        "preferredDuringSchedulingIgnoredDuringExecution" when kind.Value is SequenceNode pref =>
                            this.EachMapping(pref, kp, (w, wp) => this.Field(w, "podAffinityTerm", wp, (t, tp) => this.DropKeys(t, tp, AffinityTermDrops))),
                        _ => kind.Value,
                    });
                }

                e.Set(i, pe.Result());
            }
            else
            {
                e.Set(i, entry.Value);
            }
        }

        return e.Result();
    }

    // Edits the mapping value of one key.
    private MappingNode Field(MappingNode map, string key, FieldPath path, Func<MappingNode, FieldPath, ManifestNode?> edit)
    {
        var e = new Editor(map);
        for (var i = 0; i < map.Count; i++)
        {
            var entry = map.Entries[i];
            e.Set(i, entry.Key == key && entry.Value is MappingNode m ? edit(m, path.Child(key)) : entry.Value);
        }

        return e.Result();
    }

    private SequenceNode Volumes(SequenceNode volumes, FieldPath path)
    {
        var e = new SeqEditor(volumes);
        for (var i = 0; i < volumes.Count; i++)
        {
            var item = volumes.Items[i];
            if (item is not MappingNode v)
            {
                e.Set(i, item);
                continue;
            }

            if (this.Has(DropKinds.ImageVolumes) && TemplateFacts.IsSet(v, "image"))
            {
                this.Record(path.Index(i), FeatureGate.ImageVolume);
                e.Set(i, null);
                continue;
            }

            e.Set(i, this.Has(DropKinds.ClusterTrustBundle | DropKinds.PodCertificate)
                ? this.Field(v, "projected", path.Index(i), (p, pp) => this.ProjectedSources(p, pp))
                : v);
        }

        return e.Result();
    }

    private MappingNode ProjectedSources(MappingNode projected, FieldPath path)
    {
        var e = new Editor(projected);
        for (var i = 0; i < projected.Count; i++)
        {
            var entry = projected.Entries[i];
            e.Set(i, entry.Key == "sources" && entry.Value is SequenceNode sources
                ? this.EachMapping(sources, path.Child("sources"), (s, sp) => this.DropKeys(s, sp, ProjectedSourceDrops))
                : entry.Value);
        }

        return e.Result();
    }

    private static readonly (string Key, DropKinds Kind, FeatureGate Gate)[] ProjectedSourceDrops =
    {
        ("clusterTrustBundle", DropKinds.ClusterTrustBundle, FeatureGate.ClusterTrustBundleProjection),
        ("podCertificate", DropKinds.PodCertificate, FeatureGate.PodCertificateRequest),
    };

    private SequenceNode Containers(SequenceNode list, string field, FieldPath path) =>
        this.EachMapping(list, path, (c, cp) => this.Container(c, field, cp));

    private MappingNode Container(MappingNode c, string field, FieldPath path)
    {
        var init = field == "initContainers";
        var e = new Editor(c);
        for (var i = 0; i < c.Count; i++)
        {
            var entry = c.Entries[i];
            var value = entry.Value;
            if (value.IsNull)
            {
                e.Set(i, value);
                continue;
            }

            var p = path.Child(entry.Key);
            e.Set(i, entry.Key switch
            {
                "securityContext" when value is MappingNode sc => this.ContainerSecurityContext(sc, p),
                "resizePolicy" => this.Drop(DropKinds.ResizePolicy, FeatureGate.InPlacePodVerticalScaling, p, value),
                "restartPolicy" when init && this.Has(DropKinds.SidecarRestartPolicy) => this.Drop(DropKinds.SidecarRestartPolicy, FeatureGate.SidecarContainers, p, value),
                "restartPolicy" when !init || TemplateFacts.Text(value) != "Always" => this.Drop(DropKinds.ContainerRestartRules, FeatureGate.ContainerRestartRules, p, value),
                "restartPolicyRules" => this.Drop(DropKinds.ContainerRestartRules, FeatureGate.ContainerRestartRules, p, value),
                "lifecycle" when value is MappingNode l && this.Has(DropKinds.StopSignal | DropKinds.SleepAction) => this.Lifecycle(l, p),
                "env" when value is SequenceNode env && this.Has(DropKinds.FileKeyRef) =>
                    this.EachMapping(env, p, (ev, ep) => this.Field(ev, "valueFrom", ep, (vf, vp) => this.DropKeys(vf, vp, FileKeyRefDrop))),
                "resources" when value is MappingNode r && this.Has(DropKinds.ResourceClaims) => this.DropKeys(r, p, ClaimsDrop),
                "volumeMounts" when value is SequenceNode mounts && this.Has(DropKinds.RecursiveReadOnly | DropKinds.ImageVolumes) => this.VolumeMounts(mounts, p),
                _ => value,
            });
        }

        var result = e.Result();

        // A lifecycle left empty by the drops is cleared, as upstream sets it to nil.
        if (!ReferenceEquals(result, c) && result["lifecycle"] is MappingNode { Count: 0 } && c["lifecycle"] is MappingNode { Count: > 0 })
        {
            var without = new Editor(result);
            for (var i = 0; i < result.Count; i++)
            {
                without.Set(i, result.Entries[i].Key == "lifecycle" ? null : result.Entries[i].Value);
            }

            result = without.Result();
        }

        return result;
    }

    private static readonly (string Key, DropKinds Kind, FeatureGate Gate)[] FileKeyRefDrop = { ("fileKeyRef", DropKinds.FileKeyRef, FeatureGate.EnvFiles) };

    private static readonly (string Key, DropKinds Kind, FeatureGate Gate)[] ClaimsDrop = { ("claims", DropKinds.ResourceClaims, FeatureGate.DynamicResourceAllocation) };

    private static readonly (string Key, DropKinds Kind, FeatureGate Gate)[] ContainerSecurityContextDrops = { ("appArmorProfile", DropKinds.AppArmorFields, FeatureGate.AppArmorFields) };

    private MappingNode ContainerSecurityContext(MappingNode sc, FieldPath path)
    {
        var result = this.DropKeys(sc, path, ContainerSecurityContextDrops);
        if (!this.Has(DropKinds.ProcMount) || result.Get("procMount") is not { } procMount)
        {
            return result;
        }

        // dropDisabledProcMountField: a set procMount is forced to Default (not removed).
        this.Record(path.Child("procMount"), FeatureGate.ProcMountType, DropAction.ResetToDefault);
        var e = new Editor(result);
        for (var i = 0; i < result.Count; i++)
        {
            var entry = result.Entries[i];
            e.Set(i, entry.Key == "procMount"
                ? new ScalarNode(procMount.Span, "Default", ScalarType.String) { HostData = procMount.HostData }
                : entry.Value);
        }

        return e.Result();
    }

    private MappingNode Lifecycle(MappingNode lifecycle, FieldPath path)
    {
        var e = new Editor(lifecycle);
        for (var i = 0; i < lifecycle.Count; i++)
        {
            var entry = lifecycle.Entries[i];
            var value = entry.Value;
            if (entry.Key == "stopSignal" && !value.IsNull && this.Has(DropKinds.StopSignal))
            {
                this.Record(path.Child("stopSignal"), FeatureGate.ContainerStopSignals);
                e.Set(i, null);
            }
            else if (entry.Key is "preStop" or "postStart" && value is MappingNode handler && this.Has(DropKinds.SleepAction) && TemplateFacts.IsSet(handler, "sleep"))
            {
                // dropPodLifecycleSleepAction: the sleep goes; a handler left with no exec, httpGet or tcpSocket goes too.
                this.Record(path.Child(entry.Key).Child("sleep"), FeatureGate.PodLifecycleSleepAction);
                var h = new Editor(handler);
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

    private SequenceNode VolumeMounts(SequenceNode mounts, FieldPath path)
    {
        var e = new SeqEditor(mounts);
        for (var i = 0; i < mounts.Count; i++)
        {
            var item = mounts.Items[i];
            if (item is not MappingNode m)
            {
                e.Set(i, item);
                continue;
            }

            if (this.imageVolumes is { } images && TemplateFacts.Text(m.Get("name")) is { } name && images.Contains(name))
            {
                this.Record(path.Index(i), FeatureGate.ImageVolume);
                e.Set(i, null);
                continue;
            }

            e.Set(i, this.Has(DropKinds.RecursiveReadOnly) ? this.DropKeys(m, path.Index(i), RecursiveReadOnlyDrop) : m);
        }

        return e.Result();
    }

    private static readonly (string Key, DropKinds Kind, FeatureGate Gate)[] RecursiveReadOnlyDrop = { ("recursiveReadOnly", DropKinds.RecursiveReadOnly, FeatureGate.RecursiveReadOnlyMounts) };

    /// <summary>Builds a mapping from its original entries, copying it only once an entry changes.</summary>
    private struct Editor
    {
        private readonly MappingNode original;
        private List<MappingEntry>? entries;

        public Editor(MappingNode original)
        {
            this.original = original;
            this.entries = null;
        }

        /// <summary>Sets entry <paramref name="index"/>'s value (called for every index in order); null removes it.</summary>
        public void Set(int index, ManifestNode? value)
        {
            var entry = this.original.Entries[index];
            if (this.entries is null)
            {
                if (ReferenceEquals(value, entry.Value))
                {
                    return;
                }

                this.entries = new List<MappingEntry>(this.original.Count);
                for (var i = 0; i < index; i++)
                {
                    this.entries.Add(this.original.Entries[i]);
                }
            }

            if (value is null)
            {
                return;
            }

            this.entries.Add(ReferenceEquals(value, entry.Value) ? entry : new MappingEntry(entry.Key, entry.KeySpan, value) { HostData = entry.HostData });
        }

        public MappingNode Result() => this.entries is null
            ? this.original
            : new MappingNode(this.original.Span, this.entries, this.original.HasUnknownEntries) { HostData = this.original.HostData };
    }

    /// <summary>Builds a sequence from its original items, copying it only once an item changes.</summary>
    private struct SeqEditor
    {
        private readonly SequenceNode original;
        private List<ManifestNode>? items;

        public SeqEditor(SequenceNode original)
        {
            this.original = original;
            this.items = null;
        }

        public void Set(int index, ManifestNode? value)
        {
            var item = this.original.Items[index];
            if (this.items is null)
            {
                if (ReferenceEquals(value, item))
                {
                    return;
                }

                this.items = new List<ManifestNode>(this.original.Count);
                for (var i = 0; i < index; i++)
                {
                    this.items.Add(this.original.Items[i]);
                }
            }

            if (value is not null)
            {
                this.items.Add(value);
            }
        }

        public SequenceNode Result() => this.items is null
            ? this.original
            : new SequenceNode(this.original.Span, this.items, this.original.HasUnknownItems) { HostData = this.original.HostData };
    }
}
