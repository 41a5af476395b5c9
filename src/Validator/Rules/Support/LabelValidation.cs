using System;
using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.Support;

/// <summary>Label map and label selector checks shared by several rules (apimachinery ValidateLabels / ValidateLabelSelector).</summary>
internal static class LabelValidation
{
    /// <summary>Checks a label map: keys as label keys, values as label values, every error on the map path (as upstream).</summary>
    /// <param name="ctx">The context.</param>
    /// <param name="descriptor">The rule to report under.</param>
    /// <param name="labels">The map.</param>
    /// <param name="path">The map's path.</param>
    /// <param name="reportPath">The path the server reports, when it differs from where the map is in the source.</param>
    public static void ValidateLabels(RuleContext ctx, RuleDescriptor descriptor, MappingNode? labels, FieldPath path, FieldPath? reportPath = null) =>
        ValidateLabels((kind, p, detail, bad, hint, at) => ctx.Report(descriptor, kind, p, detail, bad, hint, at), labels, path, reportPath);

    /// <summary>Checks a label map (apimachinery ValidateLabels) into a sink.</summary>
    /// <param name="sink">Receives each error.</param>
    /// <param name="labels">The map.</param>
    /// <param name="path">The map's path.</param>
    /// <param name="reportPath">The path the server reports, when it differs from where the map is in the source.</param>
    public static void ValidateLabels(IssueSink sink, MappingNode? labels, FieldPath path, FieldPath? reportPath = null)
    {
        if (labels is null)
        {
            return;
        }

        // The key's path (where a finding points) is built only for a finding: a label is a key, and a key path is never shared.
        foreach (var e in labels.Entries)
        {
            foreach (var msg in K8sNames.IsLabelKey(e.Key))
            {
                sink(FindingKind.Invalid, reportPath ?? path, msg, Nodes.Quote(e.Key), null, path.Key(e.Key));
            }

            if (e.Value is ScalarNode { Type: ScalarType.String } v)
            {
                foreach (var msg in K8sNames.IsLabelValue(v.Raw))
                {
                    sink(FindingKind.Invalid, reportPath ?? path, msg, Nodes.Quote(v.Raw), null, path.Key(e.Key));
                }
            }
        }
    }

    /// <summary>Checks a label selector (matchLabels and matchExpressions) and reports each problem.</summary>
    /// <param name="ctx">The context.</param>
    /// <param name="descriptor">The rule.</param>
    /// <param name="selector">The selector.</param>
    /// <param name="path">Its path.</param>
    /// <param name="allowInvalidLabelValueInSelector">
    /// Upstream's <c>LabelSelectorValidationOptions.AllowInvalidLabelValueInSelector</c>: skips the label value check of
    /// <c>matchExpressions[*].values</c> (not of <c>matchLabels</c>), as an update does when the stored object already
    /// had an invalid one (the <c>PodValidationOptions</c> ratchet).
    /// </param>
    /// <returns>Whether the selector is valid (it converts to a selector).</returns>
    public static bool ValidateLabelSelector(RuleContext ctx, RuleDescriptor? descriptor, MappingNode selector, FieldPath path, bool allowInvalidLabelValueInSelector = false) =>
        ValidateLabelSelector(descriptor is null ? null : (kind, p, detail, bad, hint, at) => ctx.Report(descriptor, kind, p, detail, bad, hint, at), selector, path, allowInvalidLabelValueInSelector);

    /// <summary>Checks a label selector (apimachinery ValidateLabelSelector) into a sink.</summary>
    /// <param name="sink">Receives each error; null to check only.</param>
    /// <param name="selector">The selector.</param>
    /// <param name="path">Its path.</param>
    /// <param name="allowInvalidLabelValueInSelector">Whether matchExpressions values may be invalid label values (the update ratchet).</param>
    /// <returns>Whether the selector is valid (it converts to a selector).</returns>
    public static bool ValidateLabelSelector(IssueSink? sink, MappingNode selector, FieldPath path, bool allowInvalidLabelValueInSelector = false)
    {
        var valid = true;
        var matchLabels = selector.Map("matchLabels");
        if (matchLabels is not null)
        {
            var mlPath = path.Child("matchLabels");
            foreach (var e in matchLabels.Entries)
            {
                foreach (var msg in K8sNames.IsLabelKey(e.Key))
                {
                    valid = false;
                    sink?.Invoke(FindingKind.Invalid, mlPath, msg, Nodes.Quote(e.Key), null, mlPath.Key(e.Key));
                }

                if (e.Value is ScalarNode { Type: ScalarType.String } v)
                {
                    foreach (var msg in K8sNames.IsLabelValue(v.Raw))
                    {
                        valid = false;
                        sink?.Invoke(FindingKind.Invalid, mlPath, msg, Nodes.Quote(v.Raw), null, mlPath.Key(e.Key));
                    }
                }
            }
        }

        var exprs = selector.Seq("matchExpressions");
        if (exprs is not null)
        {
            for (var i = 0; i < exprs.Count; i++)
            {
                if (exprs.Items[i] is not MappingNode expr)
                {
                    continue;
                }

                var p = path.Child("matchExpressions").Index(i);
                var op = expr.Str("operator") ?? string.Empty;
                var values = expr.Seq("values");
                var count = values?.Count ?? 0;
                switch (op)
                {
                    case "In":
                    case "NotIn":
                        if (count == 0)
                        {
                            valid = false;
                            sink?.Invoke(FindingKind.Required, p.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'", null, null, null);
                        }

                        break;
                    case "Exists":
                    case "DoesNotExist":
                        if (count > 0)
                        {
                            valid = false;
                            sink?.Invoke(FindingKind.Forbidden, p.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'", null, null, null);
                        }

                        break;
                    default:
                        if (!expr.IsUnknown("operator"))
                        {
                            valid = false;
                            sink?.Invoke(FindingKind.Invalid, p.Child("operator"), "not a valid selector operator", Nodes.Quote(op), null, null);
                        }

                        break;
                }

                var key = expr.Str("key");
                if (!expr.IsUnknown("key"))
                {
                    foreach (var msg in K8sNames.IsLabelKey(key ?? string.Empty))
                    {
                        valid = false;
                        sink?.Invoke(FindingKind.Invalid, p.Child("key"), msg, Nodes.Quote(key ?? string.Empty), null, null);
                    }
                }

                for (var j = 0; j < count && !allowInvalidLabelValueInSelector; j++)
                {
                    if (values!.Items[j] is ScalarNode { Type: ScalarType.String } v)
                    {
                        foreach (var msg in K8sNames.IsLabelValue(v.Raw))
                        {
                            valid = false;
                            sink?.Invoke(FindingKind.Invalid, p.Child("values").Index(j), msg, Nodes.Quote(v.Raw), null, null);
                        }
                    }
                }
            }
        }

        return valid;
    }

    /// <summary>
    /// Evaluates a (valid) label selector against a label map with apimachinery semantics: matchLabels and every
    /// expression ANDed; NotIn and DoesNotExist match a missing key.
    /// </summary>
    /// <param name="selector">The selector.</param>
    /// <param name="labels">The labels (null: none).</param>
    /// <param name="firstFailure">A description of the first requirement that fails.</param>
    /// <returns>Whether the labels match.</returns>
    public static bool Matches(MappingNode selector, MappingNode? labels, out string? firstFailure)
    {
        firstFailure = null;
        var matchLabels = selector.Map("matchLabels");
        if (matchLabels is not null)
        {
            foreach (var e in matchLabels.Entries)
            {
                var want = (e.Value as ScalarNode)?.Raw ?? string.Empty;
                if (!TryLabel(labels, e.Key, out var have) || !string.Equals(have, want, StringComparison.Ordinal))
                {
                    firstFailure = have is null ? $"the template has no label {e.Key}" : $"the template has {e.Key}={have}, the selector wants {e.Key}={want}";
                    return false;
                }
            }
        }

        var exprs = selector.Seq("matchExpressions");
        if (exprs is null)
        {
            return true;
        }

        foreach (var item in exprs.Items)
        {
            if (item is not MappingNode expr)
            {
                continue;
            }

            var key = expr.Str("key") ?? string.Empty;
            var op = expr.Str("operator") ?? string.Empty;
            var has = TryLabel(labels, key, out var value);
            var inValues = has && ContainsValue(expr.Seq("values"), value!);
            var ok = op switch
            {
                "In" => inValues,
                "NotIn" => !inValues,
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                firstFailure = $"the template labels do not satisfy '{key} {op}'" + (has ? $" ({key}={value})" : $" (no label {key})");
                return false;
            }
        }

        return true;
    }

    private static bool ContainsValue(SequenceNode? values, string value)
    {
        if (values is null)
        {
            return false;
        }

        foreach (var v in values.Items)
        {
            if (v is ScalarNode s && string.Equals(s.Raw, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryLabel(MappingNode? labels, string key, out string? value)
    {
        value = null;
        if (labels is null || !labels.TryGetEntry(key, out var e))
        {
            return false;
        }

        value = e.Value is ScalarNode s ? (s.Type == ScalarType.Null ? string.Empty : s.Raw) : string.Empty;
        return true;
    }

    /// <summary>Gets the keys of a map as a set.</summary>
    /// <param name="map">The map.</param>
    /// <returns>The keys.</returns>
    internal static HashSet<string> Keys(MappingNode? map)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (map is not null)
        {
            foreach (var e in map.Entries)
            {
                set.Add(e.Key);
            }
        }

        return set;
    }
}
