using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1126: a constraint's labelSelector (apimachinery ValidateLabelSelector, label values checked) and matchLabelKeys,
/// as current servers check them (CV ValidateMatchLabelKeysAndMismatchLabelKeys, used since MatchLabelKeysInPodTopologySpreadSelectorMerge).
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
                this.CheckMatchLabelKeys(context, keys, selector, p);
            }

            if (selector is not null)
            {
                LabelValidation.ValidateLabelSelector(context, this.Descriptor, selector, p.Child("labelSelector"));
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
