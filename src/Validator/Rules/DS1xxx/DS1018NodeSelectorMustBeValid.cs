using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1018: spec.template.spec.nodeSelector keys and values follow the label syntax.</summary>
internal sealed class DS1018NodeSelectorMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1018NodeSelectorMustBeValid"/> class.</summary>
    public DS1018NodeSelectorMustBeValid()
        : base(RuleCatalog.DS1018_NodeSelectorMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context) =>
        LabelValidation.ValidateLabels(context, this.Descriptor, context.PodSpec.Map("nodeSelector"), Paths.PodSpec.Child("nodeSelector"));
}
