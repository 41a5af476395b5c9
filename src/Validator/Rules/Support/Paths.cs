using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

/// <summary>Field paths the rules share.</summary>
internal static class Paths
{
    /// <summary>Gets <c>metadata</c>.</summary>
    public static FieldPath Metadata { get; } = FieldPath.Root("metadata");

    /// <summary>Gets <c>spec</c>.</summary>
    public static FieldPath Spec { get; } = FieldPath.Root("spec");

    /// <summary>Gets <c>spec.selector</c>.</summary>
    public static FieldPath Selector { get; } = Spec.Child("selector");

    /// <summary>Gets <c>spec.template</c>.</summary>
    public static FieldPath Template { get; } = Spec.Child("template");

    /// <summary>Gets <c>spec.template.metadata.labels</c>.</summary>
    public static FieldPath TemplateLabels { get; } = Template.Child("metadata", "labels");

    /// <summary>Gets <c>spec.template.spec</c>.</summary>
    public static FieldPath PodSpec { get; } = Template.Child("spec");

    /// <summary>Gets <c>spec.updateStrategy</c>.</summary>
    public static FieldPath UpdateStrategy { get; } = Spec.Child("updateStrategy");

    /// <summary>Gets <c>spec.updateStrategy.rollingUpdate</c>.</summary>
    public static FieldPath RollingUpdate { get; } = UpdateStrategy.Child("rollingUpdate");
}
