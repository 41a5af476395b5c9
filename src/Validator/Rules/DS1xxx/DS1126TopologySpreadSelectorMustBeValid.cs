using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1126: a constraint's labelSelector (apimachinery ValidateLabelSelector, label values checked; skipped on an update
/// whose stored template had an invalid one) and matchLabelKeys, as the release checks them: CV
/// ValidateMatchLabelKeysAndMismatchLabelKeys with MatchLabelKeysInPodTopologySpreadSelectorMerge (1.34+), else
/// validateMatchLabelKeysInTopologySpread.
/// </summary>
internal sealed class DS1126TopologySpreadSelectorMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1126TopologySpreadSelectorMustBeValid"/> class.</summary>
    public DS1126TopologySpreadSelectorMustBeValid()
        : base(RuleCatalog.DS1126_TopologySpreadSelectorMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var (c, p) in TopologySpread.Constraints(context.PodSpec))
        {
            var selectorNode = c.Get("labelSelector");
            var selector = selectorNode as MappingNode;
            if (!c.IsUnknown("matchLabelKeys") && c.Seq("matchLabelKeys") is { Count: > 0 } keys && (selectorNode is null ? !c.IsUnknown("labelSelector") : selector is not null))
            {
                // 1.34+: the selector-merge validation (MatchLabelKeysInPodTopologySpreadSelectorMerge), unless the stored
                // template already fails it; otherwise the legacy validation, unless the stored template fails that one.
                var options = context.PodOptions;
                if (options.AllowMatchLabelKeysInPodTopologySpreadSelectorMerge && !options.OldPodViolatesMatchLabelKeysValidation)
                {
                    this.CheckMatchLabelKeys(context, keys, selector, p);
                }
                else if (!options.OldPodViolatesLegacyMatchLabelKeysValidation)
                {
                    CheckLegacyMatchLabelKeys(context, keys, selector, p);
                }
            }

            // AllowInvalidTopologySpreadConstraintLabelSelector (the stored template has an invalid one) skips the whole check.
            if (selector is not null && !context.PodOptions.AllowInvalidTopologySpreadConstraintLabelSelector)
            {
                LabelValidation.ValidateLabelSelector(context, this.Descriptor, selector, p.Child("labelSelector"));
            }
        }
    }

    // validateMatchLabelKeysInTopologySpread (to 1.33, and with the selector merge off): a key may not appear in the
    // labelSelector at all, and the keys are checked even without a labelSelector.
    private static void CheckLegacyMatchLabelKeys(RuleContext context, SequenceNode keys, MappingNode? selector, FieldPath p)
    {
        var keysPath = p.Child("matchLabelKeys");
        HashSet<string>? selectorKeys = null;
        if (selector is null)
        {
            context.Report(FindingKind.Forbidden, keysPath, "must not be specified when labelSelector is not set", hint: "add a labelSelector for the pods to count, or remove matchLabelKeys");
        }
        else if (!selector.IsUnknown("matchLabels") && !selector.IsUnknown("matchExpressions"))
        {
            selectorKeys = LabelValidation.Keys(selector.Map("matchLabels"));
            var exprs = selector.Seq("matchExpressions");
            for (var e = 0; e < (exprs?.Count ?? 0); e++)
            {
                if (exprs!.Items[e] is MappingNode expr)
                {
                    if (expr.IsUnknown("key"))
                    {
                        selectorKeys = null;
                        break;
                    }

                    selectorKeys.Add(expr.Str("key") ?? string.Empty);
                }
            }
        }

        for (var i = 0; i < keys.Count; i++)
        {
            if (keys.Items[i] is not ScalarNode { Type: ScalarType.String } s)
            {
                continue;
            }

            foreach (var msg in K8sNames.IsLabelKey(s.Raw))
            {
                context.Report(FindingKind.Invalid, keysPath.Index(i), msg, Nodes.Quote(s.Raw));
            }

            if (selectorKeys?.Contains(s.Raw) == true)
            {
                context.Report(
                    FindingKind.Invalid,
                    keysPath.Index(i),
                    "exists in both matchLabelKeys and labelSelector",
                    Nodes.Quote(s.Raw),
                    $"{context.Gates.Describe(Releases.FeatureGate.MatchLabelKeysInPodTopologySpreadSelectorMerge)}: remove {s.Raw} from the labelSelector or from matchLabelKeys");
            }
        }
    }

    private void CheckMatchLabelKeys(RuleContext context, SequenceNode keys, MappingNode? selector, FieldPath p)
    {
        var keysPath = p.Child("matchLabelKeys");
        if (selector is null)
        {
            // Current servers stop here; v1.32 went on to check the keys' syntax as well.
            context.Report(FindingKind.Forbidden, keysPath, "must not be specified when labelSelector is not set", hint: "add a labelSelector for the pods to count, or remove matchLabelKeys");
            return;
        }

        var index = new Dictionary<string, int>(System.StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys.Items[i] is not ScalarNode { Type: ScalarType.String } s)
            {
                continue;
            }

            index[s.Raw] = i; // a repeated key keeps its last index, as upstream's map does
            foreach (var msg in K8sNames.IsLabelKey(s.Raw))
            {
                context.Report(FindingKind.Invalid, keysPath.Index(i), msg, Nodes.Quote(s.Raw));
            }
        }

        // The key may appear in the selector once (the server merges `key In (value)` into the pods' selectors itself);
        // a second appearance is an error, reported at upstream's path: the constraint's, indexed by the key's position.
        if (selector.IsUnknown("matchLabels") || selector.IsUnknown("matchExpressions"))
        {
            return;
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
                    p.Index(i),
                    "exists in both matchLabelKeys and labelSelector",
                    Nodes.Quote(key),
                    $"matchLabelKeys already selects the pod's own value of {key}; remove {key} from the labelSelector",
                    at: keysPath.Index(i));
            }

            seen.Add(key);
        }
    }
}
