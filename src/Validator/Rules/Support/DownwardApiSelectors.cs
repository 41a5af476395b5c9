using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.Support;

/// <summary>
/// The selectors of the downward API (<c>validateObjectFieldSelector</c>, <c>validateContainerResourceFieldSelector</c>,
/// <c>validateContainerResourceDivisor</c>, and <c>ConvertDownwardAPIFieldLabel</c> of <c>pkg/apis/core/pods</c>), written
/// into a sink so that volume files (reported at the volume's path, without the item index) and env entries can share them.
/// </summary>
internal static class DownwardApiSelectors
{
    /// <summary>The pod fields a downwardAPI volume file may select (validVolumeDownwardAPIFieldPathExpressions, sorted).</summary>
    public static readonly string[] VolumeFieldPaths = { "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid" };

    /// <summary>The container resources a resourceFieldRef may select (validContainerResourceFieldPathExpressions, sorted).</summary>
    public static readonly string[] ResourcePaths = { "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory" };

    private static readonly HashSet<string> ConvertibleLabels = new(System.StringComparer.Ordinal)
    {
        "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
        "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName",
        "status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    };

    private static readonly HashSet<string> CpuDivisors = new(System.StringComparer.Ordinal) { "1m", "1" };

    private static readonly HashSet<string> ByteDivisors = new(System.StringComparer.Ordinal)
    {
        "1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei",
    };

    /// <summary>Validates a fieldRef (validateObjectFieldSelector after defaulting: an empty apiVersion is v1).</summary>
    /// <param name="sink">Receives each error.</param>
    /// <param name="fieldRef">The selector.</param>
    /// <param name="expressions">The field paths allowed here (sorted).</param>
    /// <param name="path">The path the server reports (<c>...fieldRef</c>).</param>
    /// <param name="at">Where the selector is in the source.</param>
    public static void ValidateObjectFieldSelector(IssueSink sink, MappingNode fieldRef, string[] expressions, FieldPath path, FieldPath at)
    {
        if (!PodFields.TryString(fieldRef, "apiVersion", out var apiVersion) || !PodFields.TryString(fieldRef, "fieldPath", out var fieldPath))
        {
            return;
        }

        // SetDefaults_ObjectFieldSelector: an empty apiVersion becomes v1, so "Required apiVersion" cannot happen.
        apiVersion = string.IsNullOrEmpty(apiVersion) ? "v1" : apiVersion;
        fieldPath ??= string.Empty;
        var pathOut = path.Child("fieldPath");
        var atOut = at.Child("fieldPath");
        if (fieldPath.Length == 0)
        {
            sink(FindingKind.Required, pathOut, string.Empty, null, "name the pod field, e.g. fieldPath: metadata.labels", atOut);
            return;
        }

        if (ConvertDownwardApiFieldLabel(apiVersion!, fieldPath) is { } error)
        {
            var hint = apiVersion != "v1" ? "remove apiVersion or set it to v1" : CaseHint(fieldPath, expressions);
            sink(FindingKind.Invalid, pathOut, "error converting fieldPath: " + error, Nodes.Quote(fieldPath), hint, apiVersion != "v1" ? at.Child("apiVersion") : atOut);
            return;
        }

        var converted = fieldPath == "spec.host" ? "spec.nodeName" : fieldPath;
        if (SplitMaybeSubscriptedPath(converted, out var basePath, out var subscript))
        {
            // Only metadata.annotations['k'] and metadata.labels['k'] convert; the key is checked at the fieldRef path.
            var key = basePath == "metadata.annotations" ? subscript.ToLowerInvariant() : subscript;
            foreach (var msg in K8sNames.IsQualifiedName(key))
            {
                sink(FindingKind.Invalid, path, msg, Nodes.Quote(key), null, atOut);
            }

            return;
        }

        if (System.Array.IndexOf(expressions, converted) < 0)
        {
            sink(FindingKind.NotSupported, pathOut, PodSpecNodes.SupportedValues(expressions), Nodes.Quote(converted), NotSupportedHint(converted, expressions), atOut);
        }
    }

    /// <summary>Validates a resourceFieldRef (validateContainerResourceFieldSelector and validateContainerResourceDivisor).</summary>
    /// <param name="sink">Receives each error.</param>
    /// <param name="resourceFieldRef">The selector.</param>
    /// <param name="volume">Whether it is a volume file (containerName is then required).</param>
    /// <param name="path">The path the server reports (<c>...resourceFieldRef</c>).</param>
    /// <param name="at">Where the selector is in the source.</param>
    public static void ValidateResourceFieldSelector(IssueSink sink, MappingNode resourceFieldRef, bool volume, FieldPath path, FieldPath at)
    {
        if (!PodFields.TryString(resourceFieldRef, "containerName", out var containerName) || !PodFields.TryString(resourceFieldRef, "resource", out var resource))
        {
            return;
        }

        resource ??= string.Empty;
        if (volume && string.IsNullOrEmpty(containerName))
        {
            sink(FindingKind.Required, path.Child("containerName"), string.Empty, null, "a volume file names the container whose resources it shows", at.Child("containerName"));
        }
        else if (resource.Length == 0)
        {
            sink(FindingKind.Required, path.Child("resource"), string.Empty, null, "name the resource, e.g. limits.memory", at.Child("resource"));
        }
        else if (System.Array.IndexOf(ResourcePaths, resource) < 0 && !IsHugePages(resource))
        {
            var hint = resource is "cpu" or "memory" or "ephemeral-storage" ? $"write limits.{resource} or requests.{resource}" : PodSpecNodes.CaseHint("resource", resource, ResourcePaths);
            sink(FindingKind.NotSupported, path.Child("resource"), PodSpecNodes.SupportedValues(ResourcePaths), Nodes.Quote(resource), hint, at.Child("resource"));
        }

        if (resourceFieldRef["divisor"] is not { } divisorNode || !Quantity.TryParse(divisorNode, out var divisor, out _) || divisor.Sign == 0)
        {
            return; // no divisor (the zero quantity counts as unset), or one that does not decode
        }

        var text = divisor.ToString();
        string? detail = null;
        if (resource is "limits.cpu" or "requests.cpu")
        {
            detail = CpuDivisors.Contains(text) ? null : "only divisor's values 1m and 1 are supported with the cpu resource";
        }
        else if (resource is "limits.memory" or "requests.memory")
        {
            detail = ByteDivisors.Contains(text) ? null : "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource";
        }
        else if (resource is "limits.ephemeral-storage" or "requests.ephemeral-storage")
        {
            detail = ByteDivisors.Contains(text) ? null : "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource";
        }

        if (detail is not null)
        {
            // The bad value is the resource's name, not the divisor.
            sink(FindingKind.Invalid, path.Child("divisor"), detail, Nodes.Quote(resource), $"the divisor {text} is not one of them", at.Child("divisor"));
        }

        if (IsHugePages(resource) && !ByteDivisors.Contains(text))
        {
            sink(FindingKind.Invalid, path.Child("divisor"), "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource", Nodes.Quote(resource), $"the divisor {text} is not one of them", at.Child("divisor"));
        }
    }

    /// <summary>pods.ConvertDownwardAPIFieldLabel: the error it returns for a label, or none.</summary>
    /// <param name="version">The apiVersion (after defaulting).</param>
    /// <param name="label">The fieldPath.</param>
    /// <returns>The error text (without "error converting fieldPath: "), or null when it converts.</returns>
    public static string? ConvertDownwardApiFieldLabel(string version, string label)
    {
        if (version != "v1")
        {
            return "unsupported pod version: " + version;
        }

        if (SplitMaybeSubscriptedPath(label, out var basePath, out _))
        {
            return basePath is "metadata.annotations" or "metadata.labels" ? null : "field label does not support subscript: " + label;
        }

        return ConvertibleLabels.Contains(label) || label == "spec.host" ? null : "field label not supported: " + label;
    }

    /// <summary>fieldpath.SplitMaybeSubscriptedPath: <c>metadata.labels['key']</c> → (<c>metadata.labels</c>, <c>key</c>).</summary>
    /// <param name="fieldPath">The field path.</param>
    /// <param name="basePath">The part before the subscript.</param>
    /// <param name="subscript">The subscript.</param>
    /// <returns>Whether the path has a subscript.</returns>
    public static bool SplitMaybeSubscriptedPath(string fieldPath, out string basePath, out string subscript)
    {
        basePath = fieldPath;
        subscript = string.Empty;
        if (!fieldPath.EndsWith("']", System.StringComparison.Ordinal))
        {
            return false;
        }

        var s = fieldPath.Substring(0, fieldPath.Length - 2);
        var open = s.IndexOf("['", System.StringComparison.Ordinal);
        if (open <= 0)
        {
            return false;
        }

        basePath = s.Substring(0, open);
        subscript = s.Substring(open + 2);
        return true;
    }

    private static bool IsHugePages(string resource) =>
        resource.StartsWith("requests.hugepages-", System.StringComparison.Ordinal) || resource.StartsWith("limits.hugepages-", System.StringComparison.Ordinal);

    private static string? CaseHint(string fieldPath, string[] expressions)
    {
        foreach (var e in expressions)
        {
            if (string.Equals(e, fieldPath, System.StringComparison.OrdinalIgnoreCase))
            {
                return $"field paths are case-sensitive: write {e}";
            }
        }

        return null;
    }

    private static string? NotSupportedHint(string converted, string[] expressions) =>
        CaseHint(converted, expressions) ?? (ReferenceEquals(expressions, VolumeFieldPaths) ? $"a downwardAPI volume cannot show {converted}; expose it through an env entry's fieldRef" : null);
}
