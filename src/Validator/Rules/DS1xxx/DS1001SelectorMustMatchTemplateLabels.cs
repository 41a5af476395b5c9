using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1001: spec.selector must select the template's labels (AV ValidateDaemonSetSpec).</summary>
internal sealed class DS1001SelectorMustMatchTemplateLabels : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1001SelectorMustMatchTemplateLabels"/> class.</summary>
    public DS1001SelectorMustMatchTemplateLabels()
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
