using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

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

        if (!SemanticEquality.AreEqual(now, before))
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
