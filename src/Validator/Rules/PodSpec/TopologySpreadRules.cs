using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.PodSpec;

/// <summary>Enumerates <c>spec.template.spec.topologySpreadConstraints</c> with their paths.</summary>
internal static class TopologySpread
{
    /// <summary>The whenUnsatisfiable values, sorted as the server lists them.</summary>
    public static readonly string[] Actions = { "DoNotSchedule", "ScheduleAnyway" };

    /// <summary>The node inclusion policies, sorted as the server lists them.</summary>
    public static readonly string[] Policies = { "Honor", "Ignore" };

    /// <summary>Gets the constraints that are mappings, with their paths.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>The constraints.</returns>
    public static IEnumerable<(MappingNode Constraint, FieldPath Path)> Constraints(MappingNode? spec)
    {
        var list = spec.Seq("topologySpreadConstraints");
        var basePath = Paths.PodSpec.Child("topologySpreadConstraints");
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            if (list!.Items[i] is MappingNode c)
            {
                yield return (c, basePath.Index(i));
            }
        }
    }

    /// <summary>Reads a string field as the server sees it: absent or null is "", another type or an unknown value is null.</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The field.</param>
    /// <returns>The value, or null when the rule cannot tell (or the schema rules report the type).</returns>
    public static string? KnownString(MappingNode map, string key)
    {
        if (map.IsUnknown(key))
        {
            return null;
        }

        return map.Get(key) switch
        {
            null => string.Empty,
            ScalarNode { Type: ScalarType.String } s => s.Raw,
            _ => null,
        };
    }
}

/// <summary>
/// DS1124: the scalar fields of each topology spread constraint (CV validateTopologySpreadConstraints: ValidateMaxSkew,
/// ValidateTopologyKey, ValidateWhenUnsatisfiable, validateMinDomains, validateNodeInclusionPolicy).
/// </summary>
public sealed class TopologySpreadConstraintMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="TopologySpreadConstraintMustBeValid"/> class.</summary>
    public TopologySpreadConstraintMustBeValid()
        : base(RuleCatalog.DS1124_TopologySpreadConstraintMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var (c, p) in TopologySpread.Constraints(context.PodSpec))
        {
            CheckMaxSkew(context, c, p);

            // Only emptiness is checked: unlike pod affinity, the server does not check the key's syntax.
            if (TopologySpread.KnownString(c, "topologyKey") is { Length: 0 })
            {
                context.Report(FindingKind.Required, p.Child("topologyKey"), "can not be empty", hint: "set topologyKey to a node label, e.g. kubernetes.io/hostname or topology.kubernetes.io/zone");
            }

            var action = TopologySpread.KnownString(c, "whenUnsatisfiable");
            if (action is not null && System.Array.IndexOf(TopologySpread.Actions, action) < 0)
            {
                context.Report(
                    FindingKind.NotSupported,
                    p.Child("whenUnsatisfiable"),
                    PodSpecNodes.SupportedValues(TopologySpread.Actions),
                    Nodes.Quote(action),
                    action.Length == 0 ? "set whenUnsatisfiable to DoNotSchedule or ScheduleAnyway" : PodSpecNodes.CaseHint("whenUnsatisfiable", action, TopologySpread.Actions));
            }

            CheckMinDomains(context, c, p, action);
            CheckPolicy(context, c, p, "nodeAffinityPolicy");
            CheckPolicy(context, c, p, "nodeTaintsPolicy");
        }
    }

    private static void CheckMaxSkew(RuleContext context, MappingNode c, FieldPath p)
    {
        var node = c.Get("maxSkew");
        if (c.IsUnknown("maxSkew") || node is not (null or ScalarNode { Type: ScalarType.Int }))
        {
            return;
        }

        var skew = c.Int("maxSkew") ?? 0;
        if (skew <= 0)
        {
            context.Report(FindingKind.Invalid, p.Child("maxSkew"), "must be greater than zero", PodSpecNodes.Num(skew), node is null ? "add maxSkew, e.g. 1" : "maxSkew is the largest allowed difference in matching pods between two domains; use 1 or more");
        }
    }

    private static void CheckMinDomains(RuleContext context, MappingNode c, FieldPath p, string? action)
    {
        if (c.IsUnknown("minDomains") || c.Get("minDomains") is not ScalarNode { Type: ScalarType.Int })
        {
            return;
        }

        var min = c.Int("minDomains") ?? 0;
        var path = p.Child("minDomains");
        if (min <= 0)
        {
            context.Report(FindingKind.Invalid, path, "must be greater than zero", PodSpecNodes.Num(min), "remove minDomains, or set it to 1 or more");
        }

        if (action is not null && action != "DoNotSchedule")
        {
            context.Report(FindingKind.Invalid, path, $"can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {action}", PodSpecNodes.Num(min), "remove minDomains, or use whenUnsatisfiable: DoNotSchedule");
        }
    }

    private static void CheckPolicy(RuleContext context, MappingNode c, FieldPath p, string field)
    {
        // A pointer: absent or null is not checked, an explicit "" is.
        if (c.IsUnknown(field) || c.Get(field) is not ScalarNode { Type: ScalarType.String } s || System.Array.IndexOf(TopologySpread.Policies, s.Raw) >= 0)
        {
            return;
        }

        context.Report(
            FindingKind.NotSupported,
            p.Child(field),
            PodSpecNodes.SupportedValues(TopologySpread.Policies),
            Nodes.Quote(s.Raw),
            PodSpecNodes.CaseHint(field, s.Raw, TopologySpread.Policies) ?? $"remove {field} to use the default, or write Honor or Ignore");
    }
}

/// <summary>DS1125: no two constraints share topologyKey and whenUnsatisfiable (CV ValidateSpreadConstraintNotRepeat).</summary>
public sealed class TopologySpreadConstraintsMustBeUnique : Rule
{
    /// <summary>Initializes a new instance of the <see cref="TopologySpreadConstraintsMustBeUnique"/> class.</summary>
    public TopologySpreadConstraintsMustBeUnique()
        : base(RuleCatalog.DS1125_TopologySpreadConstraintsMustBeUnique)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var list = context.PodSpec.Seq("topologySpreadConstraints");
        if (list is null || list.Count < 2)
        {
            return;
        }

        var basePath = Paths.PodSpec.Child("topologySpreadConstraints");
        for (var i = 0; i < list.Count - 1; i++)
        {
            if (!TryPair(list.Items[i], out var key, out var action))
            {
                continue;
            }

            // The server reports the first of each repeated pair once, at a path that names both fields.
            for (var j = i + 1; j < list.Count; j++)
            {
                if (TryPair(list.Items[j], out var otherKey, out var otherAction) && key == otherKey && action == otherAction)
                {
                    var p = basePath.Index(i);
                    context.Report(
                        FindingKind.Duplicate,
                        p.Child("{topologyKey, whenUnsatisfiable}"),
                        string.Empty,
                        Nodes.Quote("{" + key + ", " + action + "}"),
                        $"topologySpreadConstraints[{j}] has the same topologyKey and whenUnsatisfiable; keep one of them",
                        at: p);
                    break;
                }
            }
        }
    }

    private static bool TryPair(ManifestNode item, out string key, out string action)
    {
        key = action = string.Empty;
        if (item is not MappingNode c || TopologySpread.KnownString(c, "topologyKey") is not { } k || TopologySpread.KnownString(c, "whenUnsatisfiable") is not { } a)
        {
            return false;
        }

        key = k;
        action = a;
        return true;
    }
}

/// <summary>
/// DS1126: a constraint's labelSelector (apimachinery ValidateLabelSelector, label values checked) and matchLabelKeys,
/// as current servers check them (CV ValidateMatchLabelKeysAndMismatchLabelKeys, used since MatchLabelKeysInPodTopologySpreadSelectorMerge).
/// </summary>
public sealed class TopologySpreadSelectorMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="TopologySpreadSelectorMustBeValid"/> class.</summary>
    public TopologySpreadSelectorMustBeValid()
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
