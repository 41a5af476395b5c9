using System;
using System.Collections.Generic;
using System.Globalization;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Releases;

/// <summary>
/// Questions <c>pkg/api/pod/util.go</c> asks of a pod spec to compute validation options and decide what to drop
/// (<c>hostUsersInUse</c>, <c>usesIndivisibleHugePagesValues</c>, <c>hasInvalidLabelValueInAffinitySelector</c>, ...),
/// over the format-neutral tree. Each reads only what upstream reads; a value of the wrong type counts as absent (the
/// decoder rejects the object before these run). None throws.
/// </summary>
internal static class TemplateFacts
{
    /// <summary>The annotation of the pod deletion cost.</summary>
    public const string PodDeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    /// <summary>The prefix of the beta AppArmor annotations (one per container).</summary>
    public const string AppArmorAnnotationPrefix = "container.apparmor.security.beta.kubernetes.io/";

    private static readonly string[] ContainerFields = { "initContainers", "containers", "ephemeralContainers" };

    // component-helpers/node/util/sysctl: the sysctls of the IPC namespace, exact names and a prefix; net.* is the network one.
    private static readonly HashSet<string> IpcSysctls = new(StringComparer.Ordinal)
    {
        "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced", "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni",
    };

    /// <summary>Every container mapping of a pod spec, with its list field name: init, regular, ephemeral (upstream's VisitContainers order).</summary>
    /// <param name="spec">The pod spec.</param>
    /// <param name="includeEphemeral">Whether to include ephemeral containers.</param>
    /// <returns>The containers.</returns>
    public static IEnumerable<(string Field, int Index, MappingNode Container)> Containers(MappingNode? spec, bool includeEphemeral = true)
    {
        foreach (var field in ContainerFields)
        {
            if (!includeEphemeral && field == "ephemeralContainers")
            {
                continue;
            }

            if (spec.Seq(field) is not { } list)
            {
                continue;
            }

            for (var i = 0; i < list.Count; i++)
            {
                if (list.Items[i] is MappingNode c)
                {
                    yield return (field, i, c);
                }
            }
        }
    }

    /// <summary>Gets the text a string field receives: a scalar's raw text (a YAML 1.1 number or boolean reads as written), or null.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The text.</returns>
    public static string? Text(ManifestNode? node) => node is ScalarNode { Type: not ScalarType.Null } s ? s.Raw : null;

    /// <summary>Whether a value is set (present and not null).</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>True when set.</returns>
    public static bool IsSet(MappingNode? map, string key) => map.Get(key) is not null;

    /// <summary>Whether a list-valued field holds at least one item (a Go slice with <c>len &gt; 0</c>).</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>True when non-empty.</returns>
    public static bool HasItems(MappingNode? map, string key) => map.Seq(key) is { Count: > 0 };

    /// <summary><c>hostUsersInUse</c>: <c>securityContext.hostUsers</c> is set.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool HostUsersInUse(MappingNode? spec) => spec.Get("hostUsers") is not null;

    /// <summary><c>supplementalGroupsPolicyInUse</c>.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool SupplementalGroupsPolicyInUse(MappingNode? spec) => IsSet(spec.Map("securityContext"), "supplementalGroupsPolicy");

    /// <summary><c>seLinuxChangePolicyInUse</c>.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool SeLinuxChangePolicyInUse(MappingNode? spec) => IsSet(spec.Map("securityContext"), "seLinuxChangePolicy");

    /// <summary><c>podLevelResourcesInUse</c>: <c>spec.resources</c> has requests or limits.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool PodLevelResourcesInUse(MappingNode? spec) =>
        spec.Map("resources") is { } r && (r.Map("requests") is { Count: > 0 } || r.Map("limits") is { Count: > 0 });

    /// <summary><c>procMountInUse</c>: some container's procMount is set to something other than Default.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool ProcMountInUse(MappingNode? spec)
    {
        foreach (var (_, _, c) in Containers(spec))
        {
            if (c.Map("securityContext").Get("procMount") is { } pm && Text(pm) != "Default")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any topology spread constraint sets a field (<c>nodeTaintsPolicyInUse</c>, <c>nodeAffinityPolicyInUse</c>, <c>minDomainsInUse</c>).</summary>
    /// <param name="spec">The pod spec.</param>
    /// <param name="field">The constraint field.</param>
    /// <returns>True when in use.</returns>
    public static bool TopologySpreadFieldInUse(MappingNode? spec, string field)
    {
        if (spec.Seq("topologySpreadConstraints") is not { } list)
        {
            return false;
        }

        foreach (var item in list.Items)
        {
            if (item is MappingNode c && (field == "matchLabelKeys" ? HasItems(c, field) : IsSet(c, field)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The pod (anti-)affinity terms: required ones, and the <c>podAffinityTerm</c> of the preferred ones.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>The terms.</returns>
    public static IEnumerable<MappingNode> PodAffinityTerms(MappingNode? spec)
    {
        var affinity = spec.Map("affinity");
        foreach (var kind in new[] { "podAffinity", "podAntiAffinity" })
        {
            var a = affinity.Map(kind);
            if (a.Seq("requiredDuringSchedulingIgnoredDuringExecution") is { } required)
            {
                foreach (var t in required.Items)
                {
                    if (t is MappingNode term)
                    {
                        yield return term;
                    }
                }
            }

            if (a.Seq("preferredDuringSchedulingIgnoredDuringExecution") is { } preferred)
            {
                foreach (var w in preferred.Items)
                {
                    if ((w as MappingNode).Map("podAffinityTerm") is { } term)
                    {
                        yield return term;
                    }
                }
            }
        }
    }

    /// <summary><c>matchLabelKeysFieldInPodAffinityInUse</c>.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool MatchLabelKeysInPodAffinityInUse(MappingNode? spec)
    {
        foreach (var term in PodAffinityTerms(spec))
        {
            if (HasItems(term, "matchLabelKeys") || HasItems(term, "mismatchLabelKeys"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>dynamicResourceAllocationInUse</c>: <c>spec.resourceClaims</c> is not empty.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool DynamicResourceAllocationInUse(MappingNode? spec) => HasItems(spec, "resourceClaims");

    /// <summary>Whether a projected volume source kind is used (<c>clusterTrustBundleProjectionInUse</c>, <c>podCertificateProjectionInUse</c>).</summary>
    /// <param name="spec">The pod spec.</param>
    /// <param name="source">The source field.</param>
    /// <returns>True when in use.</returns>
    public static bool ProjectedSourceInUse(MappingNode? spec, string source)
    {
        foreach (var v in Items(spec, "volumes"))
        {
            foreach (var s in Items(v.Map("projected"), "sources"))
            {
                if (IsSet(s, source))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>inPlacePodVerticalScalingInUse</c>: an init or regular container has a resizePolicy.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool ResizePolicyInUse(MappingNode? spec)
    {
        foreach (var (_, _, c) in Containers(spec, includeEphemeral: false))
        {
            if (HasItems(c, "resizePolicy"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>restartableInitContainersInUse</c>: an init container has <c>restartPolicy: Always</c> (1.32 and later);
    /// before 1.32 any init container <c>restartPolicy</c> counted.
    /// </summary>
    /// <param name="spec">The pod spec.</param>
    /// <param name="alwaysOnly">Whether only <c>Always</c> counts (1.32+).</param>
    /// <returns>True when in use.</returns>
    public static bool RestartableInitContainersInUse(MappingNode? spec, bool alwaysOnly)
    {
        foreach (var c in Items(spec, "initContainers"))
        {
            if (c.Get("restartPolicy") is { } p && (!alwaysOnly || Text(p) == "Always"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>containerRestartRulesInUse</c>: an init container with a non-Always restartPolicy or rules, or a regular container with a restartPolicy.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool ContainerRestartRulesInUse(MappingNode? spec)
    {
        foreach (var c in Items(spec, "initContainers"))
        {
            if ((c.Get("restartPolicy") is { } p && Text(p) != "Always") || HasItems(c, "restartPolicyRules"))
            {
                return true;
            }
        }

        foreach (var c in Items(spec, "containers"))
        {
            if (IsSet(c, "restartPolicy"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>restartAllContainersActionInUse</c>: a rule with action RestartAllContainers, or rules on a sidecar.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool RestartAllContainersActionInUse(MappingNode? spec)
    {
        foreach (var field in new[] { "containers", "initContainers" })
        {
            foreach (var c in Items(spec, field))
            {
                foreach (var rule in Items(c, "restartPolicyRules"))
                {
                    if (Text(rule.Get("action")) == "RestartAllContainers")
                    {
                        return true;
                    }
                }

                if (field == "initContainers" && Text(c.Get("restartPolicy")) == "Always" && HasItems(c, "restartPolicyRules"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>rroInUse</c>: some volume mount sets recursiveReadOnly.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool RecursiveReadOnlyInUse(MappingNode? spec)
    {
        foreach (var (_, _, c) in Containers(spec))
        {
            foreach (var m in Items(c, "volumeMounts"))
            {
                if (IsSet(m, "recursiveReadOnly"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether some container's env uses a <c>valueFrom</c> source (<c>podFileKeyRefInUse</c> for fileKeyRef).</summary>
    /// <param name="spec">The pod spec.</param>
    /// <param name="source">The valueFrom field.</param>
    /// <returns>True when in use.</returns>
    public static bool EnvSourceInUse(MappingNode? spec, string source)
    {
        foreach (var (_, _, c) in Containers(spec))
        {
            foreach (var e in Items(c, "env"))
            {
                if (IsSet(e.Map("valueFrom"), source))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>podLifecycleSleepActionInUse</c>: a preStop or postStart hook has a sleep action.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool SleepActionInUse(MappingNode? spec) => AnySleep(spec, zeroOnly: false);

    /// <summary><c>podLifecycleSleepActionZeroValueInUse</c> (v1.32.3+): a hook sleeps zero seconds (an absent seconds is zero).</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool SleepZeroInUse(MappingNode? spec) => AnySleep(spec, zeroOnly: true);

    /// <summary><c>containerStopSignalsInUse</c>.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool StopSignalInUse(MappingNode? spec)
    {
        foreach (var (_, _, c) in Containers(spec))
        {
            if (IsSet(c.Map("lifecycle"), "stopSignal"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>imageVolumesInUse</c>.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool ImageVolumesInUse(MappingNode? spec)
    {
        foreach (var v in Items(spec, "volumes"))
        {
            if (IsSet(v, "image"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>appArmorInUse</c> (1.27-1.30): the template annotations hold a beta AppArmor annotation.</summary>
    /// <param name="templateMetadata">The template metadata.</param>
    /// <returns>True when in use.</returns>
    public static bool AppArmorAnnotationsInUse(MappingNode? templateMetadata)
    {
        if (templateMetadata.Map("annotations") is not { } a)
        {
            return false;
        }

        foreach (var e in a.Entries)
        {
            if (e.Key.StartsWith(AppArmorAnnotationPrefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the pod or a container sets <c>securityContext.appArmorProfile</c>.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when in use.</returns>
    public static bool AppArmorFieldsInUse(MappingNode? spec)
    {
        if (IsSet(spec.Map("securityContext"), "appArmorProfile"))
        {
            return true;
        }

        foreach (var (_, _, c) in Containers(spec))
        {
            if (IsSet(c.Map("securityContext"), "appArmorProfile"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>GetDeletionCostFromPodAnnotations</c> fails: the annotation is set and is not an int32 written without a plus sign or leading zeros.</summary>
    /// <param name="templateMetadata">The template metadata.</param>
    /// <returns>True when the annotation is invalid.</returns>
    public static bool HasInvalidPodDeletionCost(MappingNode? templateMetadata)
    {
        if (templateMetadata.Map("annotations")?[PodDeletionCostAnnotation] is not { } node)
        {
            return false;
        }

        var value = Text(node) ?? string.Empty;
        var validFirstDigit = value.Length > 0 && (value[0] == '-' || value == "0" || value[0] is >= '1' and <= '9');
        return !validFirstDigit || !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) || value[0] == '+';
    }

    /// <summary><c>hasInvalidLabelValueInAffinitySelector</c>: a pod (anti-)affinity term's labelSelector or namespaceSelector fails validation with label values checked.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when one fails.</returns>
    public static bool HasInvalidAffinitySelector(MappingNode? spec)
    {
        foreach (var term in PodAffinityTerms(spec))
        {
            if (LabelSelectorHasErrors(term.Map("labelSelector")) || LabelSelectorHasErrors(term.Map("namespaceSelector")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>hasInvalidTopologySpreadConstraintLabelSelector</c>.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when one fails.</returns>
    public static bool HasInvalidTopologySpreadSelector(MappingNode? spec)
    {
        foreach (var c in Items(spec, "topologySpreadConstraints"))
        {
            if (LabelSelectorHasErrors(c.Map("labelSelector")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a topology spread constraint's matchLabelKeys fail validation: the 1.34+ check
    /// (<c>ValidateMatchLabelKeysAndMismatchLabelKeys</c>, <paramref name="merge"/>) or the legacy one
    /// (<c>ValidateMatchLabelKeysInTopologySpread</c>).
    /// </summary>
    /// <param name="spec">The pod spec.</param>
    /// <param name="merge">Whether to apply the selector-merge validation.</param>
    /// <returns>True when one fails.</returns>
    public static bool HasInvalidMatchLabelKeys(MappingNode? spec, bool merge)
    {
        foreach (var c in Items(spec, "topologySpreadConstraints"))
        {
            if (c.Seq("matchLabelKeys") is not { Count: > 0 } keys)
            {
                continue;
            }

            var selector = c.Map("labelSelector");
            if (selector is null)
            {
                return true; // "must not be specified when labelSelector is not set"
            }

            var keySet = new HashSet<string>(StringComparer.Ordinal);
            foreach (var k in keys.Items)
            {
                var key = Text(k) ?? string.Empty;
                if (K8sNames.IsQualifiedName(key).Count > 0)
                {
                    return true;
                }

                keySet.Add(key);
            }

            var selectorKeys = new HashSet<string>(StringComparer.Ordinal);
            if (selector.Map("matchLabels") is { } ml)
            {
                foreach (var e in ml.Entries)
                {
                    selectorKeys.Add(e.Key);
                }
            }

            foreach (var expr in Items(selector, "matchExpressions"))
            {
                var key = Text(expr.Get("key")) ?? string.Empty;
                if (merge && selectorKeys.Contains(key) && keySet.Contains(key))
                {
                    return true;
                }

                selectorKeys.Add(key);
            }

            if (!merge)
            {
                foreach (var key in keySet)
                {
                    if (selectorKeys.Contains(key))
                    {
                        return true; // "exists in both matchLabelKeys and labelSelector"
                    }
                }
            }
        }

        return false;
    }

    /// <summary><c>hasNonLocalProjectedTokenPath</c>: a projected serviceAccountToken path fails <c>ValidateLocalNonReservedPath</c>.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when one fails.</returns>
    public static bool HasNonLocalProjectedTokenPath(MappingNode? spec)
    {
        foreach (var v in Items(spec, "volumes"))
        {
            foreach (var s in Items(v.Map("projected"), "sources"))
            {
                if (s.Map("serviceAccountToken") is { } token && !IsLocalNonReservedPath(Text(token.Get("path")) ?? string.Empty))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether an old sysctl fails <c>ValidateHostSysctl</c>: a network sysctl with hostNetwork, or an IPC one with hostIPC.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when one fails.</returns>
    public static bool HasHostNamespacedSysctl(MappingNode? spec)
    {
        var hostNetwork = spec.Bool("hostNetwork") == true;
        var hostIpc = spec.Bool("hostIPC") == true;
        foreach (var s in Items(spec.Map("securityContext"), "sysctls"))
        {
            var name = NormalizeSysctl(Text(s.Get("name")) ?? string.Empty);
            var ipc = IpcSysctls.Contains(name) || name.StartsWith("fs.mqueue.", StringComparison.Ordinal);
            var net = !ipc && name.StartsWith("net.", StringComparison.Ordinal);
            if ((ipc && hostIpc) || (net && hostNetwork))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>usesIndivisibleHugePagesValues</c>: a container's hugepages request or limit, or the pod overhead, is not a multiple of its page size.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when one is.</returns>
    public static bool UsesIndivisibleHugePages(MappingNode? spec)
    {
        foreach (var (_, _, c) in Containers(spec))
        {
            var r = c.Map("resources");
            if (HasIndivisible(r.Map("limits")) || HasIndivisible(r.Map("requests")))
            {
                return true;
            }
        }

        return HasIndivisible(spec.Map("overhead"));
    }

    /// <summary><c>HasInvalidLabelValueInNodeSelectorTerms</c> over the required node affinity: a matchExpressions value that is not a valid label value.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when one is invalid.</returns>
    public static bool HasInvalidLabelValueInRequiredNodeAffinity(MappingNode? spec)
    {
        var required = spec.Map("affinity").Map("nodeAffinity").Map("requiredDuringSchedulingIgnoredDuringExecution");
        foreach (var term in Items(required, "nodeSelectorTerms"))
        {
            foreach (var expr in Items(term, "matchExpressions"))
            {
                if (expr.Seq("values") is not { } values)
                {
                    continue;
                }

                foreach (var v in values.Items)
                {
                    if (K8sNames.IsLabelValue(Text(v) ?? string.Empty).Count > 0)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary><c>metav1validation.LabelSelectorHasInvalidLabelValue</c>: a matchLabels or matchExpressions value is not a valid label value.</summary>
    /// <param name="selector">The selector.</param>
    /// <returns>True when one is invalid.</returns>
    public static bool LabelSelectorHasInvalidLabelValue(MappingNode? selector)
    {
        if (selector is null)
        {
            return false;
        }

        if (selector.Map("matchLabels") is { } ml)
        {
            foreach (var e in ml.Entries)
            {
                if (K8sNames.IsLabelValue(Text(e.Value) ?? string.Empty).Count > 0)
                {
                    return true;
                }
            }
        }

        foreach (var expr in Items(selector, "matchExpressions"))
        {
            if (expr.Seq("values") is { } values)
            {
                foreach (var v in values.Items)
                {
                    if (K8sNames.IsLabelValue(Text(v) ?? string.Empty).Count > 0)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// <c>ValidateLabelSelector</c> with label values checked reports something: an invalid matchLabels key or value, or
    /// a matchExpressions entry with an invalid key, operator, value count or value.
    /// </summary>
    /// <param name="selector">The selector (null: nothing to check).</param>
    /// <returns>True when it would report an error.</returns>
    public static bool LabelSelectorHasErrors(MappingNode? selector)
    {
        if (selector is null)
        {
            return false;
        }

        if (selector.Map("matchLabels") is { } ml)
        {
            foreach (var e in ml.Entries)
            {
                if (K8sNames.IsQualifiedName(e.Key).Count > 0 || K8sNames.IsLabelValue(Text(e.Value) ?? string.Empty).Count > 0)
                {
                    return true;
                }
            }
        }

        foreach (var expr in Items(selector, "matchExpressions"))
        {
            var values = expr.Seq("values");
            var count = values?.Count ?? 0;
            switch (Text(expr.Get("operator")))
            {
                case "In":
                case "NotIn":
                    if (count == 0)
                    {
                        return true;
                    }

                    break;
                case "Exists":
                case "DoesNotExist":
                    if (count > 0)
                    {
                        return true;
                    }

                    break;
                default:
                    return true;
            }

            if (K8sNames.IsQualifiedName(Text(expr.Get("key")) ?? string.Empty).Count > 0)
            {
                return true;
            }

            for (var i = 0; i < count; i++)
            {
                if (K8sNames.IsLabelValue(Text(values!.Items[i]) ?? string.Empty).Count > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The env names and envFrom prefixes of every container (<c>gatherPodEnvVarNames</c>).</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>The names.</returns>
    public static HashSet<string> EnvVarNames(MappingNode? spec)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, _, c) in Containers(spec))
        {
            foreach (var e in Items(c, "env"))
            {
                names.Add(Text(e.Get("name")) ?? string.Empty);
            }

            foreach (var e in Items(c, "envFrom"))
            {
                names.Add(Text(e.Get("prefix")) ?? string.Empty);
            }
        }

        return names;
    }

    /// <summary><c>IsEnvVarName</c> (strict): <c>[-._a-zA-Z][-._a-zA-Z0-9]*</c>, and not <c>.</c>, <c>..</c> or a <c>..</c> prefix.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when valid.</returns>
    public static bool IsStrictEnvVarName(string name)
    {
        if (name.Length == 0 || name == "." || name.StartsWith("..", StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is '-' or '.' or '_' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') || (i > 0 && c is >= '0' and <= '9');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>IsRelaxedEnvVarName</c>: non-empty printable ASCII other than <c>=</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when valid.</returns>
    public static bool IsRelaxedEnvVarName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is < ' ' or > '~' || c == '=')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The items of a list field that are mappings.</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>The mapping items.</returns>
    public static IEnumerable<MappingNode> Items(MappingNode? map, string key)
    {
        if (map.Seq(key) is not { } list)
        {
            yield break;
        }

        foreach (var item in list.Items)
        {
            if (item is MappingNode m)
            {
                yield return m;
            }
        }
    }

    // ValidateLocalNonReservedPath: relative, no ".." element, and not starting with "..".
    private static bool IsLocalNonReservedPath(string path)
    {
        if (path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                return false;
            }
        }

        return true;
    }

    // sysctl.NormalizeName: a name whose first separator is '/' uses '/' between parts; swap '.' and '/'.
    private static string NormalizeSysctl(string name)
    {
        var first = name.IndexOfAny(new[] { '.', '/' });
        if (first < 0 || name[first] == '.')
        {
            return name;
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch { '.' => '/', '/' => '.', var c => c };
        }

        return new string(chars);
    }

    private static bool HasIndivisible(MappingNode? resources)
    {
        if (resources is null)
        {
            return false;
        }

        foreach (var e in resources.Entries)
        {
            if (!e.Key.StartsWith("hugepages-", StringComparison.Ordinal) || !Quantity.TryParse(e.Value, out var amount, out _))
            {
                continue;
            }

            if (!IsHugePagesValueDivisible(e.Key, amount))
            {
                return true;
            }
        }

        return false;
    }

    // helper.IsHugePageResourceValueDivisible: the page size must parse, be positive and whole; the amount a multiple of it.
    private static bool IsHugePagesValueDivisible(string name, Quantity quantity)
    {
        if (!Quantity.TryParse(name.Substring("hugepages-".Length), out var pageSize, out _) || pageSize.Sign <= 0 || !pageSize.RoundUp(-3).IsInteger)
        {
            return false;
        }

        var size = pageSize.CeilingValue();
        return size.IsZero || (quantity.CeilingValue() % size).IsZero;
    }

    private static bool AnySleep(MappingNode? spec, bool zeroOnly)
    {
        foreach (var (_, _, c) in Containers(spec))
        {
            var lifecycle = c.Map("lifecycle");
            foreach (var hook in new[] { "preStop", "postStart" })
            {
                if (lifecycle.Map(hook).Get("sleep") is not MappingNode sleep)
                {
                    continue;
                }

                if (!zeroOnly || (sleep.Get("seconds") is not ScalarNode s ? sleep.Get("seconds") is null : s.IntValue == 0))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
