using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.PodSpec;

/// <summary>One env entry of a container, with its path.</summary>
/// <param name="Container">The container.</param>
/// <param name="Node">The env mapping.</param>
/// <param name="Path">Its path.</param>
internal sealed record EnvRef(ContainerRef Container, MappingNode Node, FieldPath Path)
{
    private static readonly object SharedKey = new();

    /// <summary>Gets the env entries of the containers and init containers.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The entries that are mappings.</returns>
    public static List<EnvRef> All(RuleContext context) => context.Shared(SharedKey, static ctx =>
    {
        var result = new List<EnvRef>();
        foreach (var c in Containers.All(ctx))
        {
            var env = c.Node.Seq("env");
            var basePath = env is null ? null : c.Path.Child("env");
            for (var i = 0; i < (env?.Count ?? 0); i++)
            {
                if (env!.Items[i] is MappingNode m)
                {
                    result.Add(new EnvRef(c, m, basePath!.Index(i)));
                }
            }
        }

        return result;
    });
}

/// <summary>DS1171: env names are required and, under the relaxed rule, printable ASCII without '=' (CV ValidateEnv).</summary>
public sealed class EnvNameMustBeValid : Rule
{
    /// <summary>The upstream message of IsRelaxedEnvVarName.</summary>
    internal const string RelaxedEnvVarNameMessage = "a valid environment variable name must consist only of printable ASCII characters other than '='";

    /// <summary>Initializes a new instance of the <see cref="EnvNameMustBeValid"/> class.</summary>
    public EnvNameMustBeValid()
        : base(RuleCatalog.DS1171_EnvNameMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var e in EnvRef.All(context))
        {
            var path = e.Path.Child("name");
            if (PodSpecNodes.IsMissingOrEmpty(e.Node, "name"))
            {
                context.Report(FindingKind.Required, path, string.Empty);
                continue;
            }

            var name = e.Node.Str("name");
            if (name is null || e.Node.IsUnknown("name") || IsRelaxedEnvVarName(name))
            {
                continue;
            }

            var eq = name.IndexOf('=');
            var hint = eq > 0 && IsRelaxedEnvVarName(name.Substring(0, eq)) && e.Node.Get("value") is null && e.Node.Get("valueFrom") is null
                ? $"write name: {name.Substring(0, eq)} and value: {name.Substring(eq + 1)}"
                : null;
            context.Report(FindingKind.Invalid, path, RelaxedEnvVarNameMessage, Nodes.Quote(name), hint);
        }
    }

    /// <summary>IsRelaxedEnvVarName: printable ASCII other than '=' (env names and envFrom prefixes on current servers).</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether the server accepts it.</returns>
    internal static bool IsRelaxedEnvVarName(string name)
    {
        foreach (var c in name)
        {
            if (c is < ' ' or > '~' or '=')
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>DS1172: valueFrom has exactly one source and no value beside it (CV validateEnvVarValueFrom).</summary>
public sealed class EnvValueFromMustHaveOneSource : Rule
{
    private static readonly string[] Sources = { "fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef" };

    /// <summary>Initializes a new instance of the <see cref="EnvValueFromMustHaveOneSource"/> class.</summary>
    public EnvValueFromMustHaveOneSource()
        : base(RuleCatalog.DS1172_EnvValueFromMustHaveOneSource)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var e in EnvRef.All(context))
        {
            if (e.Node.IsUnknown("valueFrom") || e.Node.Map("valueFrom") is not { } valueFrom)
            {
                continue;
            }

            // An unknown source may be null at run time: the count would be a guess.
            if (valueFrom.HasUnknownEntries || System.Array.Exists(Sources, s => valueFrom.Get(s) is UnknownNode))
            {
                continue;
            }

            var count = 0;
            foreach (var s in Sources)
            {
                if (valueFrom.Get(s) is not null)
                {
                    count++;
                }
            }

            var path = e.Path.Child("valueFrom");
            if (count == 0)
            {
                context.Report(FindingKind.Invalid, path, "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`", "\"\"");
            }
            else if (!e.Node.IsUnknown("value") && e.Node.Str("value") is { Length: > 0 })
            {
                context.Report(FindingKind.Invalid, path, "may not be specified when `value` is not empty", "\"\"", "keep either value or valueFrom");
            }
            else if (count > 1)
            {
                context.Report(FindingKind.Invalid, path, "may not have more than one field specified at a time", "\"\"", "keep one source under valueFrom, or split it into several env entries");
            }
        }
    }
}

/// <summary>DS1173: env fieldRef paths (CV validateObjectFieldSelector with the env expressions; pods ConvertDownwardAPIFieldLabel).</summary>
public sealed class EnvFieldRefMustBeSupported : Rule
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

    /// <summary>Initializes a new instance of the <see cref="EnvFieldRefMustBeSupported"/> class.</summary>
    public EnvFieldRefMustBeSupported()
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

/// <summary>DS1174: envFrom entries take one of configMapRef / secretRef with a valid name, and a relaxed prefix (CV ValidateEnvFrom).</summary>
public sealed class EnvFromMustBeValid : Rule
{
    private static readonly string[] Sources = { "configMapRef", "secretRef" };

    /// <summary>Initializes a new instance of the <see cref="EnvFromMustBeValid"/> class.</summary>
    public EnvFromMustBeValid()
        : base(RuleCatalog.DS1174_EnvFromMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            var envFrom = c.Node.Seq("envFrom");
            if (envFrom is null)
            {
                continue;
            }

            var listPath = c.Path.Child("envFrom");
            for (var i = 0; i < envFrom.Count; i++)
            {
                if (envFrom.Items[i] is MappingNode item)
                {
                    Check(context, item, listPath, listPath.Index(i));
                }
            }
        }
    }

    private static void Check(RuleContext context, MappingNode item, FieldPath listPath, FieldPath itemPath)
    {
        if (!item.IsUnknown("prefix") && item.Str("prefix") is { Length: > 0 } prefix && !EnvNameMustBeValid.IsRelaxedEnvVarName(prefix))
        {
            context.Report(FindingKind.Invalid, itemPath.Child("prefix"), EnvNameMustBeValid.RelaxedEnvVarNameMessage, Nodes.Quote(prefix));
        }

        var count = 0;
        var countKnown = !item.HasUnknownEntries;
        foreach (var source in Sources)
        {
            var node = item.Get(source);
            if (node is null)
            {
                continue;
            }

            count++;
            if (node is not MappingNode reference)
            {
                // Unknown, or a wrong type the schema layer reports: whether it is set is a guess.
                countKnown = false;
                continue;
            }

            CheckName(context, reference, itemPath.Child(source), source == "configMapRef" ? "ConfigMap" : "Secret");
        }

        if (!countKnown)
        {
            return;
        }

        // Upstream reports the count on the envFrom list itself (fldPath, not the entry's index).
        if (count == 0)
        {
            context.Report(FindingKind.Invalid, listPath, "must specify one of: `configMapRef` or `secretRef`", "\"\"", "add configMapRef: {name: ...} or secretRef: {name: ...}", at: itemPath);
        }
        else if (count > 1)
        {
            context.Report(FindingKind.Invalid, listPath, "may not have more than one field specified at a time", "\"\"", "split the entry in two: one with configMapRef, one with secretRef", at: itemPath);
        }
    }

    private static void CheckName(RuleContext context, MappingNode reference, FieldPath refPath, string kind)
    {
        var path = refPath.Child("name");
        if (PodSpecNodes.IsMissingOrEmpty(reference, "name"))
        {
            context.Report(FindingKind.Required, path, string.Empty, hint: $"name the {kind} whose keys become environment variables");
            return;
        }

        if (reference.IsUnknown("name") || reference.Str("name") is not { } name)
        {
            return;
        }

        // ValidateConfigMapName / ValidateSecretName with prefix=true: a trailing '-' is masked before the check.
        foreach (var msg in K8sNames.NameIsDnsSubdomain(name, prefix: true))
        {
            var lower = name.ToLowerInvariant();
            var hint = lower != name && K8sNames.NameIsDnsSubdomain(lower, prefix: true).Count == 0 ? $"names are lower case: write {lower}" : null;
            context.Report(FindingKind.Invalid, path, msg, Nodes.Quote(name), hint);
        }
    }
}

/// <summary>DS4105 (warning): an env entry that hides an earlier one of the same name (pkg/api/pod/warnings.go).</summary>
public sealed class EnvNamesShouldBeUnique : Rule
{
    /// <summary>Initializes a new instance of the <see cref="EnvNamesShouldBeUnique"/> class.</summary>
    public EnvNamesShouldBeUnique()
        : base(RuleCatalog.DS4105_EnvNamesShouldBeUnique)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            var env = c.Node.Seq("env");
            if (env is null || env.Count < 2)
            {
                continue;
            }

            var names = new HashSet<string>(System.StringComparer.Ordinal);
            for (var i = 0; i < env.Count; i++)
            {
                if (env.Items[i] is not MappingNode item || item.IsUnknown("name") || item.IsUnknown("value") || item.IsUnknown("valueFrom"))
                {
                    continue;
                }

                var name = item.Str("name") ?? string.Empty;
                if (names.Add(name))
                {
                    continue;
                }

                // A later X="$(X)suffix" extends the earlier value and is fine; anything else hides it.
                var reference = "$(" + name + ")";
                var value = item.Str("value") ?? string.Empty;
                if (item.Get("valueFrom") is not null || value == reference || value.IndexOf(reference, System.StringComparison.Ordinal) < 0)
                {
                    context.Report(
                        FindingKind.Duplicate,
                        c.Path.Child("env").Index(i),
                        $"hides previous definition of {Nodes.Quote(name)}, which may be dropped when using apply",
                        Nodes.Quote(name),
                        "remove one of the entries");
                }
            }
        }
    }
}
