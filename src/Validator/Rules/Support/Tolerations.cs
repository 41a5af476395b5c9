using System.Collections.Generic;
using System.Globalization;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.Support;

/// <summary>Toleration checks (CV ValidateTolerations), for the pod spec's list and the tolerations annotation.</summary>
internal static class Tolerations
{
    /// <summary>The annotation whose JSON value the server decodes as tolerations and validates (a pre-1.6 alpha field).</summary>
    public const string AnnotationKey = "scheduler.alpha.kubernetes.io/tolerations";

    /// <summary>
    /// Checks one toleration as <c>ValidateTolerations</c> does, with the upstream paths (value errors land on
    /// <c>.operator</c>).
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="descriptor">The rule to report under.</param>
    /// <param name="t">The toleration.</param>
    /// <param name="p">Its path.</param>
    /// <param name="at">Where to show every finding, when the toleration is not in the source (decoded from an annotation).</param>
    public static void Validate(RuleContext context, RuleDescriptor descriptor, MappingNode t, FieldPath p, FieldPath? at = null)
    {
        var key = t.Str("key") ?? string.Empty;
        var op = t.Str("operator") ?? string.Empty;
        var value = t.Str("value") ?? string.Empty;
        var effect = t.Str("effect") ?? string.Empty;
        var keyUnknown = t.IsUnknown("key");
        var opUnknown = t.IsUnknown("operator");
        var valueUnknown = t.IsUnknown("value");
        var effectUnknown = t.IsUnknown("effect");

        if (key.Length > 0 && !keyUnknown)
        {
            foreach (var msg in K8sNames.IsLabelKey(key))
            {
                context.Report(descriptor, FindingKind.Invalid, p.Child("key"), msg, Nodes.Quote(key), at: at);
            }
        }

        if (key.Length == 0 && !keyUnknown && !opUnknown && op != "Exists")
        {
            context.Report(
                descriptor,
                FindingKind.Invalid,
                p.Child("operator"),
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
                Nodes.Quote(op),
                "set key, or set operator: Exists to tolerate every taint",
                at: at ?? (t.Get("operator") is null ? p : null));
        }

        if (t.Get("tolerationSeconds") is not null && !effectUnknown && effect != "NoExecute")
        {
            context.Report(
                descriptor,
                FindingKind.Invalid,
                p.Child("effect"),
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
                Nodes.Quote(effect),
                "tolerationSeconds only bounds how long a NoExecute taint is tolerated; set effect: NoExecute or remove tolerationSeconds",
                at: at ?? (t.Get("effect") is null ? p.Child("tolerationSeconds") : null));
        }

        if (opUnknown)
        {
            return;
        }

        switch (op)
        {
            case "":
            case "Equal":
                if (!valueUnknown)
                {
                    var errs = K8sNames.IsLabelValue(value);
                    if (errs.Count > 0)
                    {
                        context.Report(descriptor, FindingKind.Invalid, p.Child("operator"), string.Join(";", errs), Nodes.Quote(value), at: at ?? p.Child("value"));
                    }
                }

                break;
            case "Exists":
                if (value.Length > 0)
                {
                    context.Report(descriptor, FindingKind.Invalid, p.Child("operator"), "value must be empty when `operator` is 'Exists'", Nodes.Display(t), "remove value, or use operator: Equal", at: at ?? p.Child("value"));
                }

                break;
            default:
                var hint = string.Equals(op, "Equal", System.StringComparison.OrdinalIgnoreCase) || string.Equals(op, "Exists", System.StringComparison.OrdinalIgnoreCase)
                    ? "operators are case-sensitive" : null;
                context.Report(descriptor, FindingKind.NotSupported, p.Child("operator"), "supported values: \"Equal\", \"Exists\"", Nodes.Quote(op), hint, at: at);
                break;
        }

        if (effect.Length > 0 && !effectUnknown && effect is not ("NoSchedule" or "PreferNoSchedule" or "NoExecute"))
        {
            context.Report(descriptor, FindingKind.NotSupported, p.Child("effect"), "supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"", Nodes.Quote(effect), at: at);
        }
    }

    /// <summary>
    /// Decodes the tolerations annotation as the server does (<c>json.Unmarshal</c> into the internal
    /// <c>[]core.Toleration</c>, whose fields have no JSON tags: Go's syntax, keys matched case-insensitively, unknown keys
    /// ignored, the last of duplicate keys wins, null leaves a field unset), into toleration mappings that
    /// <see cref="Validate"/> can check.
    /// </summary>
    /// <param name="json">The annotation value.</param>
    /// <param name="span">The span to give the decoded nodes (the annotation's value).</param>
    /// <param name="tolerations">The tolerations, when it decodes.</param>
    /// <param name="error">Go's error, when it does not.</param>
    /// <returns>Whether it decodes.</returns>
    public static bool TryDecodeAnnotation(string json, SourceSpan span, out List<MappingNode> tolerations, out string? error)
    {
        tolerations = new List<MappingNode>();
        if (!GoJson.TryParse(json, out var root, out error))
        {
            return false;
        }

        // Go records the first type mismatch, goes on decoding and returns that error at the end.
        string? typeError = null;
        void Mismatch(string value, string into) => typeError ??= $"json: cannot unmarshal {value} into {into}";

        if (root!.Kind == GoJson.Kind.Null)
        {
            return true;
        }

        if (root.Kind != GoJson.Kind.Array)
        {
            error = $"json: cannot unmarshal {GoJson.TypeName(root)} into Go value of type []core.Toleration";
            return false;
        }

        foreach (var item in root.Items)
        {
            if (item.Kind is not (GoJson.Kind.Object or GoJson.Kind.Null))
            {
                Mismatch(GoJson.TypeName(item), "Go value of type core.Toleration");
                continue;
            }

            var fields = new Dictionary<string, ManifestNode?>(System.StringComparer.Ordinal);
            foreach (var member in item.Members)
            {
                var name = Field(member.Key);
                var v = member.Value;
                if (name is null)
                {
                    continue; // unknown fields are ignored
                }

                if (name == "tolerationSeconds")
                {
                    if (v.Kind == GoJson.Kind.Null)
                    {
                        fields[name] = null; // a nil pointer
                    }
                    else if (v.Kind == GoJson.Kind.Number && long.TryParse(v.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
                    {
                        fields[name] = new ScalarNode(span, v.Text!, ScalarType.Int, number: seconds, integer: seconds);
                    }
                    else
                    {
                        Mismatch(v.Kind == GoJson.Kind.Number ? "number " + v.Text : GoJson.TypeName(v), "Go struct field Toleration.TolerationSeconds of type int64");
                    }
                }
                else if (v.Kind == GoJson.Kind.String)
                {
                    fields[name] = new ScalarNode(span, v.Text!, ScalarType.String, quoted: true);
                }
                else if (v.Kind != GoJson.Kind.Null)
                {
                    Mismatch(GoJson.TypeName(v), $"Go struct field Toleration.{char.ToUpperInvariant(name[0])}{name.Substring(1)} of type string");
                }
            }

            var entries = new List<MappingEntry>();
            foreach (var f in fields)
            {
                if (f.Value is not null)
                {
                    entries.Add(new MappingEntry(f.Key, span, f.Value));
                }
            }

            tolerations.Add(new MappingNode(span, entries));
        }

        error = typeError;
        return typeError is null;
    }

    // The Toleration field a JSON key sets: its exact JSON name, else a case-insensitive match.
    private static string? Field(string key)
    {
        foreach (var name in new[] { "key", "operator", "value", "effect", "tolerationSeconds" })
        {
            if (GoJson.FieldMatches(name, key))
            {
                return name;
            }
        }

        return null;
    }
}
