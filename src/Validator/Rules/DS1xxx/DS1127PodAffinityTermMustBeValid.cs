using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1127: a pod (anti-)affinity term's selectors, namespaces and match/mismatch label keys (CV validatePodAffinityTerm →
/// ValidatePodAffinityTermSelector, ValidateNamespaceName, validateMatchLabelKeysAndMismatchLabelKeys, as in 1.32). The
/// topologyKey is DS1119 and the weight DS1120.
/// </summary>
internal sealed class DS1127PodAffinityTermMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1127PodAffinityTermMustBeValid"/> class.</summary>
    public DS1127PodAffinityTermMustBeValid()
        : base(RuleCatalog.DS1127_PodAffinityTermMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // On an update the server passes AllowInvalidLabelValueInSelector when the stored template already had an invalid
        // affinity selector, or the stored spec.selector an invalid label value.
        CheckTerms(context, context.PodOptions.AllowInvalidLabelValueInSelector);
    }

    /// <summary>Checks every pod affinity and anti-affinity term of the pod spec.</summary>
    /// <param name="context">The context.</param>
    /// <param name="allowInvalidLabelValueInSelector">The server's <c>PodValidationOptions.AllowInvalidLabelValueInSelector</c>.</param>
    internal static void CheckTerms(RuleContext context, bool allowInvalidLabelValueInSelector)
    {
        foreach (var (term, path) in PodAffinityTerms.Terms(context.PodSpec))
        {
            if (term is not null)
            {
                CheckTerm(context, term, path, allowInvalidLabelValueInSelector);
            }
        }
    }

    private static void CheckTerm(RuleContext context, MappingNode term, FieldPath path, bool allowInvalidLabelValueInSelector)
    {
        var selector = term.Map("labelSelector");
        if (selector is not null)
        {
            LabelValidation.ValidateLabelSelector(context, RuleCatalog.DS1127_PodAffinityTermMustBeValid, selector, path.Child("labelSelector"), allowInvalidLabelValueInSelector);
        }

        if (term.Map("namespaceSelector") is { } namespaceSelector)
        {
            LabelValidation.ValidateLabelSelector(context, RuleCatalog.DS1127_PodAffinityTermMustBeValid, namespaceSelector, path.Child("namespaceSelector"), allowInvalidLabelValueInSelector);
        }

        CheckNamespaces(context, term, path);

        // The label keys need to know whether a labelSelector is set: absent or null is "not set", {} is set; an unknown
        // value or one of the wrong type (the schema layer's finding) leaves it open.
        var selectorNode = term.Get("labelSelector");
        bool? selectorSet = term.IsUnknown("labelSelector") || selectorNode is not (null or MappingNode) ? null : selectorNode is not null;
        var matchKeys = Keys(term, "matchLabelKeys");
        var mismatchKeys = Keys(term, "mismatchLabelKeys");
        CheckLabelKeys(context, term, "matchLabelKeys", matchKeys, selectorSet, path);
        CheckLabelKeys(context, term, "mismatchLabelKeys", mismatchKeys, selectorSet, path);
        if (selector is not null && matchKeys is { Count: > 0 })
        {
            CheckKeysInSelector(context, matchKeys, selector, path);
        }

        if (matchKeys is { Count: > 0 } && mismatchKeys is { Count: > 0 })
        {
            CheckMatchAgainstMismatch(context, matchKeys, mismatchKeys, path);
        }
    }

    // ValidateNamespaceName on each entry, reported at upstream's path: ".namespace", singular, without an index.
    private static void CheckNamespaces(RuleContext context, MappingNode term, FieldPath path)
    {
        if (term.IsUnknown("namespaces") || term.Seq("namespaces") is not { } namespaces)
        {
            return;
        }

        for (var i = 0; i < namespaces.Count; i++)
        {
            if (namespaces.Items[i] is not ScalarNode { Type: ScalarType.String } s)
            {
                continue;
            }

            foreach (var msg in K8sNames.IsDns1123Label(s.Raw))
            {
                context.Report(
                    FindingKind.Invalid,
                    path.Child("namespace"),
                    msg,
                    Nodes.Quote(s.Raw),
                    hint: s.Raw.Length == 0 ? "remove the empty entry; an empty namespaces list means the pod's own namespace" : null,
                    at: path.Child("namespaces").Index(i));
            }
        }
    }

    // validateLabelKeys: Forbidden without a labelSelector (and nothing else), else each key must be a label key.
    private static void CheckLabelKeys(RuleContext context, MappingNode term, string field, List<(string Key, int Index)>? keys, bool? selectorSet, FieldPath path)
    {
        if (keys is null || (keys.Count == 0 && term.Seq(field) is not { Count: > 0 }))
        {
            return;
        }

        var keysPath = path.Child(field);
        if (selectorSet is null)
        {
            return;
        }

        if (selectorSet == false)
        {
            context.Report(
                FindingKind.Forbidden,
                keysPath,
                "must not be specified when labelSelector is not set",
                hint: $"add a labelSelector for the pods this term is about, or remove {field}");
            return;
        }

        foreach (var (key, index) in keys)
        {
            foreach (var msg in K8sNames.IsLabelKey(key))
            {
                context.Report(FindingKind.Invalid, keysPath.Index(index), msg, Nodes.Quote(key));
            }
        }
    }

    // A matchLabelKeys key may appear in the labelSelector once (in matchLabels or one expression); an expression that
    // repeats a key already seen is an error, reported at upstream's path: the term's, indexed by the key's position in
    // matchLabelKeys (the last position when the key is listed twice, as upstream's map keeps it).
    private static void CheckKeysInSelector(RuleContext context, List<(string Key, int Index)> matchKeys, MappingNode selector, FieldPath path)
    {
        if (selector.IsUnknown("matchLabels") || selector.IsUnknown("matchExpressions"))
        {
            return;
        }

        var index = new Dictionary<string, int>(System.StringComparer.Ordinal);
        foreach (var (key, i) in matchKeys)
        {
            index[key] = i;
        }

        var seen = LabelValidation.Keys(selector.Map("matchLabels"));
        var exprs = selector.Seq("matchExpressions");
        for (var e = 0; e < (exprs?.Count ?? 0); e++)
        {
            if (exprs!.Items[e] is not MappingNode expr)
            {
                continue;
            }

            if (expr.IsUnknown("key"))
            {
                return;
            }

            var key = expr.Str("key") ?? string.Empty;
            if (index.TryGetValue(key, out var i) && seen.Contains(key))
            {
                context.Report(
                    FindingKind.Invalid,
                    path.Index(i),
                    "exists in both matchLabelKeys and labelSelector",
                    Nodes.Quote(key),
                    $"matchLabelKeys already selects the pod's own value of {key}; use {key} at most once in the labelSelector",
                    at: path.Child("matchLabelKeys").Index(i));
            }

            seen.Add(key);
        }
    }

    private static void CheckMatchAgainstMismatch(RuleContext context, List<(string Key, int Index)> matchKeys, List<(string Key, int Index)> mismatchKeys, FieldPath path)
    {
        var mismatch = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var (key, _) in mismatchKeys)
        {
            mismatch.Add(key);
        }

        foreach (var (key, i) in matchKeys)
        {
            if (mismatch.Contains(key))
            {
                context.Report(
                    FindingKind.Invalid,
                    path.Child("matchLabelKeys").Index(i),
                    "exists in both matchLabelKeys and mismatchLabelKeys",
                    Nodes.Quote(key),
                    $"a pod cannot require both the same and a different value of {key}; keep it in one list");
            }
        }
    }

    // The string keys of a list with their indices, or null when the list is unknown or may hide items (C# front end).
    private static List<(string Key, int Index)>? Keys(MappingNode term, string field)
    {
        if (term.IsUnknown(field))
        {
            return null;
        }

        var list = new List<(string, int)>();
        if (term.Seq(field) is not { } seq)
        {
            return list;
        }

        for (var i = 0; i < seq.Count; i++)
        {
            if (seq.Items[i] is ScalarNode { Type: ScalarType.String } s)
            {
                list.Add((s.Raw, i));
            }
        }

        return list;
    }
}
