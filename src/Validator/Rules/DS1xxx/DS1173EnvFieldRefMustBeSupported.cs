using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1173: env fieldRef paths (CV validateObjectFieldSelector with the env expressions; pods ConvertDownwardAPIFieldLabel).</summary>
internal sealed class DS1173EnvFieldRefMustBeSupported : Rule
{
    private static readonly string[] EnvExpressions =
    {
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    };

    private static readonly HashSet<string> Convertible = new(System.StringComparer.Ordinal)
    {
        "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
        "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName",
        "status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    };

    /// <summary>Initializes a new instance of the <see cref="DS1173EnvFieldRefMustBeSupported"/> class.</summary>
    public DS1173EnvFieldRefMustBeSupported()
        : base(RuleCatalog.DS1173_EnvFieldRefMustBeSupported)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var e in EnvRef.All(context))
        {
            var fieldRef = e.Node.Map("valueFrom").Map("fieldRef");
            if (fieldRef is null || Nodes.ContainsUnknown(fieldRef))
            {
                continue;
            }

            var refPath = e.Path.Child("valueFrom", "fieldRef");
            var apiVersion = fieldRef.Str("apiVersion");
            if (fieldRef.Get("apiVersion") is not (null or ScalarNode { Type: ScalarType.String }) || fieldRef.Get("fieldPath") is not (null or ScalarNode { Type: ScalarType.String }))
            {
                continue;
            }

            var fieldPath = fieldRef.Str("fieldPath") ?? string.Empty;
            if (fieldPath.Length == 0)
            {
                context.Report(FindingKind.Required, refPath.Child("fieldPath"), string.Empty, hint: "name the pod field, e.g. fieldPath: spec.nodeName");
                continue;
            }

            var version = string.IsNullOrEmpty(apiVersion) ? "v1" : apiVersion!;
            var pathOut = refPath.Child("fieldPath");
            if (version != "v1")
            {
                context.Report(FindingKind.Invalid, pathOut, "error converting fieldPath: unsupported pod version: " + version, Nodes.Quote(fieldPath), "remove apiVersion or set it to v1", at: refPath.Child("apiVersion"));
                continue;
            }

            if (SplitMaybeSubscriptedPath(fieldPath, out var basePath, out var subscript))
            {
                if (basePath is not ("metadata.annotations" or "metadata.labels"))
                {
                    context.Report(FindingKind.Invalid, pathOut, "error converting fieldPath: field label does not support subscript: " + fieldPath, Nodes.Quote(fieldPath));
                    continue;
                }

                var key = basePath == "metadata.annotations" ? subscript.ToLowerInvariant() : subscript;
                foreach (var msg in K8sNames.IsQualifiedName(key))
                {
                    context.Report(FindingKind.Invalid, refPath, msg, Nodes.Quote(key), at: pathOut);
                }

                continue;
            }

            var converted = fieldPath == "spec.host" ? "spec.nodeName" : fieldPath;
            if (!Convertible.Contains(converted))
            {
                context.Report(FindingKind.Invalid, pathOut, "error converting fieldPath: field label not supported: " + fieldPath, Nodes.Quote(fieldPath), CaseFix(fieldPath));
                continue;
            }

            if (System.Array.IndexOf(EnvExpressions, converted) < 0)
            {
                var hint = converted is "metadata.labels" or "metadata.annotations"
                    ? $"env takes one entry: write {converted}['<key>']; the whole map is available through a downwardAPI volume"
                    : $"only a downwardAPI volume can expose {converted}";
                context.Report(FindingKind.NotSupported, pathOut, PodSpecNodes.SupportedValues(EnvExpressions), Nodes.Quote(converted), hint);
            }
        }
    }

    // pkg/fieldpath SplitMaybeSubscriptedPath: "metadata.labels['key']" → ("metadata.labels", "key").
    private static bool SplitMaybeSubscriptedPath(string fieldPath, out string basePath, out string subscript)
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

    private static string? CaseFix(string fieldPath)
    {
        foreach (var e in EnvExpressions)
        {
            if (string.Equals(e, fieldPath, System.StringComparison.OrdinalIgnoreCase))
            {
                return $"field paths are case-sensitive: write {e}";
            }
        }

        return null;
    }
}
