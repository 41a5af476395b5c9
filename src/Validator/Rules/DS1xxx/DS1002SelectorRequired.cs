using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1002: apps/v1 has no default selector; a missing one matches nothing.</summary>
internal sealed class DS1002SelectorRequired : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1002SelectorRequired"/> class.</summary>
    public DS1002SelectorRequired()
        : base(RuleCatalog.DS1002_SelectorRequired)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // A missing or null spec decodes as an empty one: no selector, and the template labels match nothing.
        var root = context.Object.Root;
        if (root.IsUnknown("spec") || root.Get("spec") is not (null or MappingNode))
        {
            return; // unknown, or of the wrong type (the schema layer's finding)
        }

        if (context.Spec.Get("selector") is not null || context.Spec.IsUnknown("selector"))
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
