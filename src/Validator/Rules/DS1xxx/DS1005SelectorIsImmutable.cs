using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Schema;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1005: spec.selector may not change on update (compared with semantic equality).</summary>
internal sealed class DS1005SelectorIsImmutable : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1005SelectorIsImmutable"/> class.</summary>
    public DS1005SelectorIsImmutable()
        : base(RuleCatalog.DS1005_SelectorIsImmutable)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Baseline is not { } old || !old.IsAppsV1DaemonSet)
        {
            return;
        }

        var now = context.Spec.Get("selector");
        var before = old.Root.Map("spec").Get("selector");
        if (Nodes.ContainsUnknown(now) || context.Spec.IsUnknown("selector"))
        {
            return;
        }

        // ValidateImmutableField compares the *metav1.LabelSelector fields with Semantic.DeepEqual: as decoded (fields the
        // type does not declare are not part of the value: strict decoding reports them, DS2001), an absent selector nil
        // and unequal to `{}`, an empty matchLabels or matchExpressions equal to an absent one.
        var schema = SchemaSet.For(context.Release).ForKind("apps/v1", "DaemonSet") is { } ds && ds.TryGetProperty("spec", out var spec) && spec.TryGetProperty("selector", out var selector) ? selector : null;
        if (schema is not null && !ApiEquality.Values(now, before, schema, pointer: true, context.Gates))
        {
            context.Report(
                FindingKind.Invalid,
                Paths.Selector,
                "field is immutable",
                Nodes.Display(now),
                hint: $"the object at {old.File ?? "the baseline"} has selector {Nodes.Display(before)}; delete and recreate the DaemonSet (kubectl delete --cascade=orphan keeps its pods) to change it");
        }
    }
}
