using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1008: metadata.annotations keys (lower-cased qualified names) and total size.</summary>
internal sealed class DS1008AnnotationsMustBeValid : Rule
{
    /// <summary>The most bytes keys and values may take together.</summary>
    public const int TotalAnnotationSizeLimit = 256 * 1024;

    /// <summary>Initializes a new instance of the <see cref="DS1008AnnotationsMustBeValid"/> class.</summary>
    public DS1008AnnotationsMustBeValid()
        : base(RuleCatalog.DS1008_AnnotationsMustBeValid)
    {
    }

    /// <summary>Checks an annotation map (also used for the pod template's annotations).</summary>
    /// <param name="context">The context.</param>
    /// <param name="descriptor">The rule.</param>
    /// <param name="annotations">The map.</param>
    /// <param name="path">Where it is in the source.</param>
    /// <param name="reportPath">The path the server reports, if different.</param>
    public static void ValidateAnnotations(RuleContext context, RuleDescriptor descriptor, MappingNode? annotations, FieldPath path, FieldPath? reportPath = null) =>
        ValidateAnnotations((kind, p, detail, bad, hint, at) => context.Report(descriptor, kind, p, detail, bad, hint, at), annotations, path, reportPath);

    /// <summary>Checks an annotation map (apimachinery ValidateAnnotations) into a sink.</summary>
    /// <param name="sink">Receives each error.</param>
    /// <param name="annotations">The map.</param>
    /// <param name="path">Where it is in the source.</param>
    /// <param name="reportPath">The path the server reports, if different.</param>
    internal static void ValidateAnnotations(IssueSink sink, MappingNode? annotations, FieldPath path, FieldPath? reportPath = null)
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
                sink(FindingKind.Invalid, reportPath ?? path, msg, Nodes.Quote(e.Key), null, path.Key(e.Key));
            }

            total += Encoding.UTF8.GetByteCount(e.Key);
            if (e.Value is ScalarNode s)
            {
                total += Encoding.UTF8.GetByteCount(s.Raw);
            }
        }

        if (total > TotalAnnotationSizeLimit)
        {
            sink(FindingKind.TooLong, reportPath ?? path, $"must have at most {TotalAnnotationSizeLimit} bytes", null, $"the annotations take {total} bytes", path);
        }
    }

    /// <inheritdoc />
    public override void Check(RuleContext context) =>
        ValidateAnnotations(context, this.Descriptor, context.Object.Root.Map("metadata").Map("annotations"), Paths.Metadata.Child("annotations"));
}
