using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1102: template annotations, reported at <c>spec.template.annotations</c> (CV ValidatePodTemplateSpec).</summary>
internal sealed class DS1102TemplateAnnotationsMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1102TemplateAnnotationsMustBeValid"/> class.</summary>
    public DS1102TemplateAnnotationsMustBeValid()
        : base(RuleCatalog.DS1102_TemplateAnnotationsMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context) =>
        DS1008AnnotationsMustBeValid.ValidateAnnotations(
            context,
            this.Descriptor,
            context.Template.Map("metadata").Map("annotations"),
            Paths.Template.Child("metadata", "annotations"),
            Paths.Template.Child("annotations"));
}
