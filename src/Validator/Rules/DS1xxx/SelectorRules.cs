using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1001: spec.selector must select the template's labels (AV ValidateDaemonSetSpec).</summary>
public sealed class SelectorMustMatchTemplateLabels : Rule
{
    /// <summary>Initializes a new instance of the <see cref="SelectorMustMatchTemplateLabels"/> class.</summary>
    public SelectorMustMatchTemplateLabels()
        : base(RuleCatalog.DS1001_SelectorMustMatchTemplateLabels)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var selector = context.Spec.Get("selector");
        if (selector is not MappingNode sel || sel.Map("matchLabels") is null && sel.Seq("matchExpressions") is null)
        {
            return; // missing: DS1002; empty or not a mapping: DS1003 / schema
        }

        var labelsNode = context.Template.Map("metadata").Get("labels");
        if (Nodes.ContainsUnknown(sel) || Nodes.ContainsUnknown(labelsNode) || context.Template.Map("metadata")?.HasUnknownEntries == true)
        {
            return;
        }

        if (labelsNode is not null and not MappingNode)
        {
            return; // labels of the wrong type: the schema rules report it (one mistake, one finding)
        }

        // An invalid selector does not convert, and the server skips the comparison (only the selector errors are reported).
        if (!LabelValidation.ValidateLabelSelector(context, null, sel, Paths.Selector))
        {
            return;
        }

        var labels = labelsNode as MappingNode;
        if (LabelValidation.Matches(sel, labels, out var why))
        {
            return;
        }

        context.Report(
            FindingKind.Invalid,
            Paths.TemplateLabels,
            "`selector` does not match template `labels`",
            labels is null ? "map[]" : Nodes.Display(labels),
            hint: why + "; make spec.selector select spec.template.metadata.labels");
    }
}

/// <summary>DS1002: apps/v1 has no default selector; a missing one matches nothing.</summary>
public sealed class SelectorRequired : Rule
{
    /// <summary>Initializes a new instance of the <see cref="SelectorRequired"/> class.</summary>
    public SelectorRequired()
        : base(RuleCatalog.DS1002_SelectorRequired)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Spec is null || context.Spec.Get("selector") is not null || context.Spec.IsUnknown("selector"))
        {
            return;
        }

        var labels = context.Template.Map("metadata").Map("labels");
        var suggestion = labels is { Count: > 0 }
            ? "add spec.selector.matchLabels with the template labels, e.g. " + Nodes.Display(labels)
            : "add spec.selector.matchLabels and the same labels under spec.template.metadata.labels";
        context.Report(
            FindingKind.Invalid,
            Paths.TemplateLabels,
            "`selector` does not match template `labels`: spec.selector is required in apps/v1 (it is no longer defaulted from the template labels, and a missing selector matches nothing)",
            labels is null ? "map[]" : Nodes.Display(labels),
            hint: suggestion);
    }
}

/// <summary>DS1003: a selector with neither matchLabels nor matchExpressions.</summary>
public sealed class SelectorMustNotBeEmpty : Rule
{
    /// <summary>Initializes a new instance of the <see cref="SelectorMustNotBeEmpty"/> class.</summary>
    public SelectorMustNotBeEmpty()
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

/// <summary>DS1004: matchLabels and matchExpressions syntax (apimachinery ValidateLabelSelector).</summary>
public sealed class LabelSelectorMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="LabelSelectorMustBeValid"/> class.</summary>
    public LabelSelectorMustBeValid()
        : base(RuleCatalog.DS1004_LabelSelectorMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Spec.Get("selector") is MappingNode sel)
        {
            LabelValidation.ValidateLabelSelector(context, this.Descriptor, sel, Paths.Selector);
        }
    }
}

/// <summary>DS1005: spec.selector may not change on update (compared with semantic equality).</summary>
public sealed class SelectorIsImmutable : Rule
{
    /// <summary>Initializes a new instance of the <see cref="SelectorIsImmutable"/> class.</summary>
    public SelectorIsImmutable()
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
