using System;
using System.Collections.Generic;

namespace DaemonLint.Schema;

/// <summary>Hints for unknown fields: known removals and moves, and did-you-mean for near misses.</summary>
public static class FieldSuggestions
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["io.k8s.api.apps.v1.DaemonSetSpec/templateGeneration"] =
            "removed in apps/v1; the value lives in the annotation deprecated.daemonset.template.generation, which the server maintains: delete the field",
        ["io.k8s.api.apps.v1.DaemonSetSpec/replicas"] =
            "a DaemonSet runs one pod on every eligible node and has no replicas; delete the field (use a nodeSelector or affinity to choose nodes)",
        ["io.k8s.api.apps.v1.DaemonSetSpec/strategy"] =
            "a DaemonSet's update strategy is spec.updateStrategy (type RollingUpdate or OnDelete)",
        ["io.k8s.api.apps.v1.DaemonSetSpec/progressDeadlineSeconds"] =
            "DaemonSets have no progress deadline (that is a Deployment field); delete it",
        ["io.k8s.api.apps.v1.DaemonSetSpec/paused"] =
            "DaemonSets cannot be paused (that is a Deployment field); delete it",
        ["io.k8s.api.apps.v1.DaemonSetSpec/serviceName"] =
            "serviceName is a StatefulSet field; delete it",
        ["io.k8s.api.core.v1.HostPathVolumeSource/readOnly"] =
            "a hostPath volume has no readOnly; set readOnly: true on the container's volumeMounts entry",
        ["io.k8s.api.core.v1.PodSpec/image"] =
            "image belongs to a container: spec.template.spec.containers[].image",
        ["io.k8s.api.core.v1.PodTemplateSpec/containers"] =
            "containers belong in the pod spec: spec.template.spec.containers",
        ["io.k8s.api.core.v1.PodSpec/nodeSelectorTerms"] =
            "nodeSelectorTerms belong under affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution",
        ["io.k8s.api.apps.v1.RollingUpdateDaemonSet/partition"] =
            "partition is a StatefulSet rolling-update field; DaemonSets take maxUnavailable and maxSurge",
    };

    /// <summary>Gets a hint for an unknown field of a struct, or null.</summary>
    /// <param name="owner">The struct schema.</param>
    /// <param name="field">The unknown field name.</param>
    /// <returns>The hint (starting lower case), or null.</returns>
    public static string? For(SchemaNode owner, string field)
    {
        if (owner.Definition is not null && Known.TryGetValue(owner.Definition + "/" + field, out var known))
        {
            return known;
        }

        var best = NearestProperty(owner, field);
        if (best is not null)
        {
            return $"did you mean \"{best}\"?";
        }

        return owner.Definition switch
        {
            "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector" => "a selector's label pairs go under matchLabels",
            "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" => "labels go under metadata.labels, annotations under metadata.annotations",
            _ => null,
        };
    }

    /// <summary>Finds the declared property a misspelt field most likely meant.</summary>
    /// <param name="owner">The struct schema.</param>
    /// <param name="field">The field as written.</param>
    /// <returns>The property, or null when none is close.</returns>
    public static string? NearestProperty(SchemaNode owner, string field)
    {
        // A field name far longer than any property (a hostile 1 MB key) is near none of them: no work per property.
        if (field.Length > 256)
        {
            return null;
        }

        var normalized = Normalize(field);
        var lower = field.ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in owner.Properties.Keys)
        {
            if (string.Equals(Normalize(name), normalized, StringComparison.Ordinal))
            {
                return name;
            }

            var limit = Math.Min(name.Length, field.Length) <= 4 ? 1 : name.Length <= 8 ? 2 : 3;
            if (Math.Abs(name.Length - field.Length) > limit)
            {
                continue;
            }

            var d = Distance(name.ToLowerInvariant(), lower, limit);
            if (d <= limit && (d < bestDistance || (d == bestDistance && string.CompareOrdinal(name, best) < 0)))
            {
                best = name;
                bestDistance = d;
            }
        }

        return best;
    }

    private static string Normalize(string s) => s.Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant();

    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
