using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1101: template labels, reported at the internal-type path <c>spec.template.labels</c> (CV ValidatePodTemplateSpec).</summary>
internal sealed class DS1101TemplateLabelsMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1101TemplateLabelsMustBeValid"/> class.</summary>
    public DS1101TemplateLabelsMustBeValid()
        : base(RuleCatalog.DS1101_TemplateLabelsMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context) =>
        LabelValidation.ValidateLabels(context, this.Descriptor, context.Template.Map("metadata").Map("labels"), Paths.TemplateLabels, Paths.Template.Child("labels"));
}
