using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1003: a selector with neither matchLabels nor matchExpressions.</summary>
internal sealed class DS1003SelectorMustNotBeEmpty : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1003SelectorMustNotBeEmpty"/> class.</summary>
    public DS1003SelectorMustNotBeEmpty()
        : base(RuleCatalog.DS1003_SelectorMustNotBeEmpty)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Spec.Get("selector") is not MappingNode sel || sel.HasUnknownEntries)
        {
            return;
        }

        var ml = sel.Get("matchLabels");
        var me = sel.Get("matchExpressions");
        if (ml is UnknownNode || me is UnknownNode || ml is not (null or MappingNode) || me is not (null or SequenceNode))
        {
            return; // unknown, or of the wrong type (the schema rules report that)
        }

        var hasLabels = ml is MappingNode { Count: > 0 } || (ml is MappingNode m && m.HasUnknownEntries);
        var hasExprs = me is SequenceNode { Count: > 0 } || (me is SequenceNode s && s.HasUnknownItems);
        if (!hasLabels && !hasExprs)
        {
            context.Report(FindingKind.Invalid, Paths.Selector, "empty selector is invalid for daemonset", Nodes.Display(sel), hint: "an empty selector would select every pod; set spec.selector.matchLabels to the template labels");
        }
    }
}
