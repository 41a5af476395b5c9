using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1104: the template annotations the server reads (CV ValidatePodSpecificAnnotations): the mirror pod annotation
/// needs spec.nodeName, the tolerations annotation must decode and hold valid tolerations, and the pod deletion cost is a
/// 32-bit integer. Reported at <c>spec.template.annotations</c>. The seccomp and AppArmor annotations are other rules'.
/// </summary>
internal sealed class DS1104PodAnnotationsMustBeValid : Rule
{
    private const string MirrorPodAnnotation = "kubernetes.io/config.mirror";
    private const string PodDeletionCost = "controller.kubernetes.io/pod-deletion-cost";

    /// <summary>Initializes a new instance of the <see cref="DS1104PodAnnotationsMustBeValid"/> class.</summary>
    public DS1104PodAnnotationsMustBeValid()
        : base(RuleCatalog.DS1104_PodAnnotationsMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // On an update the server passes AllowInvalidPodDeletionCost when the stored template's cost was already
        // invalid (and, with the PodDeletionCost gate off, always).
        CheckAnnotations(context, context.PodOptions.AllowInvalidPodDeletionCost);
    }

    /// <summary>Checks the template annotations.</summary>
    /// <param name="context">The context.</param>
    /// <param name="allowInvalidPodDeletionCost">The server's <c>PodValidationOptions.AllowInvalidPodDeletionCost</c>.</param>
    internal static void CheckAnnotations(RuleContext context, bool allowInvalidPodDeletionCost)
    {
        var annotations = context.Template.Map("metadata").Map("annotations");
        if (annotations is null)
        {
            return;
        }

        var reportPath = Paths.Template.Child("annotations");
        var sourcePath = Paths.Template.Child("metadata", "annotations");
        var descriptor = RuleCatalog.DS1104_PodAnnotationsMustBeValid;

        if (annotations.TryGetEntry(MirrorPodAnnotation, out var mirror) && mirror.Value is ScalarNode { Type: ScalarType.String or ScalarType.Null } mirrorValue
            && !context.PodSpec.IsUnknown("nodeName") && string.IsNullOrEmpty(context.PodSpec.Str("nodeName")))
        {
            context.Report(
                descriptor,
                FindingKind.Invalid,
                reportPath.Key(MirrorPodAnnotation),
                "must set spec.nodeName if mirror pod annotation is set",
                Nodes.Quote(mirrorValue.StringValue ?? string.Empty),
                "the kubelet alone marks the mirror pods of static pods; remove the annotation from the template",
                at: sourcePath.Key(MirrorPodAnnotation));
        }

        if (annotations.TryGetEntry(Tolerations.AnnotationKey, out var tolerations) && tolerations.Value is ScalarNode { Type: ScalarType.String } json && json.Raw.Length > 0)
        {
            CheckTolerations(context, descriptor, json, reportPath, sourcePath.Key(Tolerations.AnnotationKey));
        }

        if (!allowInvalidPodDeletionCost && annotations.TryGetEntry(PodDeletionCost, out var cost) && cost.Value is ScalarNode { Type: ScalarType.String or ScalarType.Null } costValue
            && !IsDeletionCost(costValue.StringValue ?? string.Empty))
        {
            context.Report(
                descriptor,
                FindingKind.Invalid,
                reportPath.Key(PodDeletionCost),
                "must be a 32bit integer",
                Nodes.Quote(costValue.StringValue ?? string.Empty),
                "write a whole number from -2147483648 to 2147483647, without a plus sign, leading zeros or spaces",
                at: sourcePath.Key(PodDeletionCost));
        }
    }

    /// <summary>
    /// Whether a pod deletion cost parses as the server parses it (<c>GetDeletionCostFromPodAnnotations</c>): a first
    /// character that is '-', a non-zero digit, or the whole text "0", then <c>strconv.ParseInt(value, 10, 32)</c>.
    /// </summary>
    /// <param name="value">The annotation value.</param>
    /// <returns>Whether it is a valid cost.</returns>
    internal static bool IsDeletionCost(string value)
    {
        if (value.Length == 0 || !(value[0] == '-' || value == "0" || value[0] is >= '1' and <= '9'))
        {
            return false;
        }

        var negative = value[0] == '-';
        var start = negative ? 1 : 0;
        if (start == value.Length)
        {
            return false;
        }

        for (var i = start; i < value.Length; i++)
        {
            if (value[i] is < '0' or > '9')
            {
                return false;
            }
        }

        // ParseInt accepts any number of leading zeros after the sign: compare the significant digits.
        while (start < value.Length - 1 && value[start] == '0')
        {
            start++;
        }

        if (value.Length - start > 10)
        {
            return false;
        }

        var magnitude = long.Parse(value.Substring(start), System.Globalization.CultureInfo.InvariantCulture);
        return negative ? magnitude <= 2147483648L : magnitude <= int.MaxValue;
    }

    private static void CheckTolerations(RuleContext context, RuleDescriptor descriptor, ScalarNode json, FieldPath reportPath, FieldPath at)
    {
        if (!Tolerations.TryDecodeAnnotation(json.Raw, json.Span, out var tolerations, out var error))
        {
            context.Report(
                descriptor,
                FindingKind.Invalid,
                reportPath,
                error!,
                Nodes.Quote(Tolerations.AnnotationKey),
                "the value must be a JSON list of tolerations; better, move them to spec.template.spec.tolerations",
                at: at);
            return;
        }

        var basePath = reportPath.Child(Tolerations.AnnotationKey);
        for (var i = 0; i < tolerations.Count; i++)
        {
            Tolerations.Validate(context, descriptor, tolerations[i], basePath.Index(i), at);
        }
    }
}
