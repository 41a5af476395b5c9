using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.DS1xxx;

namespace DaemonLint.Rules.PodSpec;

/// <summary>DS1101: template labels, reported at the internal-type path <c>spec.template.labels</c> (CV ValidatePodTemplateSpec).</summary>
public sealed class TemplateLabelsMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="TemplateLabelsMustBeValid"/> class.</summary>
    public TemplateLabelsMustBeValid()
        : base(RuleCatalog.DS1101_TemplateLabelsMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context) =>
        LabelValidation.ValidateLabels(context, this.Descriptor, context.Template.Map("metadata").Map("labels"), Paths.TemplateLabels, Paths.Template.Child("labels"));
}

/// <summary>DS1102: template annotations, reported at <c>spec.template.annotations</c> (CV ValidatePodTemplateSpec).</summary>
public sealed class TemplateAnnotationsMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="TemplateAnnotationsMustBeValid"/> class.</summary>
    public TemplateAnnotationsMustBeValid()
        : base(RuleCatalog.DS1102_TemplateAnnotationsMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context) =>
        AnnotationsMustBeValid.ValidateAnnotations(
            context,
            this.Descriptor,
            context.Template.Map("metadata").Map("annotations"),
            Paths.Template.Child("metadata", "annotations"),
            Paths.Template.Child("annotations"));
}

/// <summary>DS1103: a pod template may not declare ephemeral containers.</summary>
public sealed class EphemeralContainersNotAllowedInTemplate : Rule
{
    /// <summary>Initializes a new instance of the <see cref="EphemeralContainersNotAllowedInTemplate"/> class.</summary>
    public EphemeralContainersNotAllowedInTemplate()
        : base(RuleCatalog.DS1103_EphemeralContainersNotAllowedInTemplate)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.Seq("ephemeralContainers") is not { Count: > 0 })
        {
            return;
        }

        context.Report(
            FindingKind.Forbidden,
            Paths.PodSpec.Child("ephemeralContainers"),
            "ephemeral containers not allowed in pod template",
            hint: "ephemeral containers are added to running pods with kubectl debug; move these to containers or initContainers, or remove them");
    }
}
