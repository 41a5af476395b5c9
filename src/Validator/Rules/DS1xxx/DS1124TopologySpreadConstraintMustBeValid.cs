using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1124: the scalar fields of each topology spread constraint (CV validateTopologySpreadConstraints: ValidateMaxSkew,
/// ValidateTopologyKey, ValidateWhenUnsatisfiable, validateMinDomains, validateNodeInclusionPolicy).
/// </summary>
internal sealed class DS1124TopologySpreadConstraintMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1124TopologySpreadConstraintMustBeValid"/> class.</summary>
    public DS1124TopologySpreadConstraintMustBeValid()
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
        if (c.IsUnknown("maxSkew") || node is not (null or ScalarNode { IntValue: not null }))
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
        if (c.IsUnknown("minDomains") || c.Get("minDomains") is not ScalarNode { IntValue: not null })
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
