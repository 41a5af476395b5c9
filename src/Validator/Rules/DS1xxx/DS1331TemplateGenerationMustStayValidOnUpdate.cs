using System.Globalization;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1331: on update, the registry strategy (PrepareForUpdate) sets <c>spec.templateGeneration</c> to the stored
/// object's, plus 1 when the template changed, with Go's wrapping int64 addition; ValidateDaemonSetSpecUpdate then
/// refuses a value below the stored one ("must not be decremented") and ValidateDaemonSetSpec a negative one. The stored
/// value is the stored object's <c>deprecated.daemonset.template.generation</c> annotation, raised to 1 by the create
/// that stored it (PrepareForCreate); the new object's annotation is ignored. Only the largest int64 can wrap.
/// </summary>
internal sealed class DS1331TemplateGenerationMustStayValidOnUpdate : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1331TemplateGenerationMustStayValidOnUpdate"/> class.</summary>
    public DS1331TemplateGenerationMustStayValidOnUpdate()
        : base(RuleCatalog.DS1331_TemplateGenerationMustStayValidOnUpdate)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Baseline is not { } old || !old.IsAppsV1DaemonSet || !IsStoredAtTheLargestGeneration(old))
        {
            return;
        }

        // The templates are compared as the strategy compares them: decoded into the release's types, defaulted, converted
        // to the internal types, without the fields the gates drop (context.Object and the stored object are both pruned).
        var now = context.Spec.Get("template");
        if (context.Spec.IsUnknown("template") || Nodes.ContainsUnknown(now) || ApiEquality.Templates(now, old.Root.Map("spec").Get("template"), context.Gates))
        {
            return;
        }

        var path = FieldPath.Root("spec").Child("templateGeneration");
        var bad = long.MinValue.ToString(CultureInfo.InvariantCulture);
        const string Hint = "the stored object's deprecated.daemonset.template.generation is 9223372036854775807, and a template change adds 1: delete and recreate the DaemonSet to reset it";
        context.Report(FindingKind.Invalid, path, "must not be decremented", bad, Hint);
        context.Report(FindingKind.Invalid, path, "must be greater than or equal to 0", bad, Hint);
    }

    // Whether the stored object's annotation parses, as the conversion does, to the largest int64.
    private static bool IsStoredAtTheLargestGeneration(ManifestObject old) =>
        old.Root.Map("metadata").Map("annotations") is { } annotations
        && annotations.TryGetEntry(DS1330TemplateGenerationAnnotationMustBeAnInteger.Key, out var entry)
        && entry.Value is ScalarNode { Type: ScalarType.String } s
        && DS1330TemplateGenerationAnnotationMustBeAnInteger.ParseInt64(s.Raw, out var generation) is null
        && generation == long.MaxValue;
}
