using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1006: metadata.name / generateName / namespace syntax (objectmeta.go ValidateObjectMetaAccessor).</summary>
public sealed class NameMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="NameMustBeValid"/> class.</summary>
    public NameMustBeValid()
        : base(RuleCatalog.DS1006_NameMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var meta = context.Object.Root.Map("metadata");
        if (meta is not null && (meta.HasUnknownEntries || meta.IsUnknown("name") || meta.IsUnknown("generateName")))
        {
            return;
        }

        var generateName = meta.Str("generateName");
        if (!string.IsNullOrEmpty(generateName))
        {
            foreach (var msg in K8sNames.NameIsDnsSubdomain(generateName!, prefix: true))
            {
                context.Report(FindingKind.Invalid, Paths.Metadata.Child("generateName"), msg, Nodes.Quote(generateName!));
            }
        }

        var name = meta.Str("name");
        if (string.IsNullOrEmpty(name))
        {
            if (string.IsNullOrEmpty(generateName) && meta.Get("name") is null or ScalarNode { Type: ScalarType.String })
            {
                context.Report(FindingKind.Required, Paths.Metadata.Child("name"), "name or generateName is required");
            }
        }
        else
        {
            foreach (var msg in K8sNames.NameIsDnsSubdomain(name!, prefix: false))
            {
                context.Report(FindingKind.Invalid, Paths.Metadata.Child("name"), msg, Nodes.Quote(name!));
            }
        }

        var ns = meta.Str("namespace");
        if (!string.IsNullOrEmpty(ns) && !meta.IsUnknown("namespace"))
        {
            foreach (var msg in K8sNames.IsDns1123Label(ns!))
            {
                context.Report(FindingKind.Invalid, Paths.Metadata.Child("namespace"), msg, Nodes.Quote(ns!));
            }
        }
    }
}

/// <summary>DS1007: metadata.labels syntax, reported on the map path as upstream does.</summary>
public sealed class LabelsMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="LabelsMustBeValid"/> class.</summary>
    public LabelsMustBeValid()
        : base(RuleCatalog.DS1007_LabelsMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context) =>
        LabelValidation.ValidateLabels(context, this.Descriptor, context.Object.Root.Map("metadata").Map("labels"), Paths.Metadata.Child("labels"));
}

/// <summary>DS1008: metadata.annotations keys (lower-cased qualified names) and total size.</summary>
public sealed class AnnotationsMustBeValid : Rule
{
    /// <summary>The most bytes keys and values may take together.</summary>
    public const int TotalAnnotationSizeLimit = 256 * 1024;

    /// <summary>Initializes a new instance of the <see cref="AnnotationsMustBeValid"/> class.</summary>
    public AnnotationsMustBeValid()
        : base(RuleCatalog.DS1008_AnnotationsMustBeValid)
    {
    }

    /// <summary>Checks an annotation map (also used for the pod template's annotations).</summary>
    /// <param name="context">The context.</param>
    /// <param name="descriptor">The rule.</param>
    /// <param name="annotations">The map.</param>
    /// <param name="path">Where it is in the source.</param>
    /// <param name="reportPath">The path the server reports, if different.</param>
    public static void ValidateAnnotations(RuleContext context, RuleDescriptor descriptor, MappingNode? annotations, FieldPath path, FieldPath? reportPath = null)
    {
        if (annotations is null)
        {
            return;
        }

        long total = 0;
        foreach (var e in annotations.Entries)
        {
            foreach (var msg in K8sNames.IsQualifiedName(e.Key.ToLowerInvariant()))
            {
                context.Report(descriptor, FindingKind.Invalid, reportPath ?? path, msg, Nodes.Quote(e.Key), at: path.Key(e.Key));
            }

            total += Encoding.UTF8.GetByteCount(e.Key);
            if (e.Value is ScalarNode s)
            {
                total += Encoding.UTF8.GetByteCount(s.Raw);
            }
        }

        if (total > TotalAnnotationSizeLimit)
        {
            context.Report(descriptor, FindingKind.TooLong, reportPath ?? path, $"must have at most {TotalAnnotationSizeLimit} bytes", at: path, hint: $"the annotations take {total} bytes");
        }
    }

    /// <inheritdoc />
    public override void Check(RuleContext context) =>
        ValidateAnnotations(context, this.Descriptor, context.Object.Root.Map("metadata").Map("annotations"), Paths.Metadata.Child("annotations"));
}
