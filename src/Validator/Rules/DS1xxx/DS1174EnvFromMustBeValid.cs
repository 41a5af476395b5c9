using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1174: envFrom entries take one of configMapRef / secretRef with a valid name, and a prefix that is a valid env name (relaxed or not, as DS1171) (CV ValidateEnvFrom).</summary>
internal sealed class DS1174EnvFromMustBeValid : Rule
{
    private static readonly string[] Sources = { "configMapRef", "secretRef" };

    /// <summary>Initializes a new instance of the <see cref="DS1174EnvFromMustBeValid"/> class.</summary>
    public DS1174EnvFromMustBeValid()
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
        if (!item.IsUnknown("prefix") && item.Str("prefix") is { Length: > 0 } prefix)
        {
            var relaxed = context.PodOptions.AllowRelaxedEnvironmentVariableValidation;
            foreach (var msg in DS1171EnvNameMustBeValid.NameErrors(prefix, relaxed))
            {
                var hint = !relaxed && DS1171EnvNameMustBeValid.IsRelaxedEnvVarName(prefix) ? DS1171EnvNameMustBeValid.RelaxedHint(context) : null;
                context.Report(FindingKind.Invalid, itemPath.Child("prefix"), msg, Nodes.Quote(prefix), hint);
            }
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
