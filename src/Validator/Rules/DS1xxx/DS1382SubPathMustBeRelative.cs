using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1382: subPath and subPathExpr are relative, without '..', and exclusive.</summary>
internal sealed class DS1382SubPathMustBeRelative : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1382SubPathMustBeRelative"/> class.</summary>
    public DS1382SubPathMustBeRelative()
        : base(RuleCatalog.DS1382_SubPathMustBeRelative)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var m in MountRef.All(context))
        {
            if (!PodFields.TryString(m.Node, "subPath", out var subPath) || !PodFields.TryString(m.Node, "subPathExpr", out var expr))
            {
                continue;
            }

            // Image volumes cannot be mounted by sub path.
            if (PodFields.TryString(m.Node, "name", out var name) && name is not null && VolumeAnalysis.For(context).RegisteredVolume(name) is { SourceKey: "image" })
            {
                if (!string.IsNullOrEmpty(subPath))
                {
                    context.Report(FindingKind.Invalid, m.Path.Child("subPath"), "not allowed in image volume sources", Nodes.Quote(subPath!), "mount the whole image volume");
                }

                if (!string.IsNullOrEmpty(expr))
                {
                    context.Report(FindingKind.Invalid, m.Path.Child("subPathExpr"), "not allowed in image volume sources", Nodes.Quote(expr!), "mount the whole image volume");
                }
            }

            if (!string.IsNullOrEmpty(subPath))
            {
                CheckPath(context, subPath!, m.ListPath.Child("subPath"), m.Path.Child("subPath"));
            }

            if (!string.IsNullOrEmpty(expr))
            {
                if (!string.IsNullOrEmpty(subPath))
                {
                    context.Report(FindingKind.Invalid, m.Path.Child("subPathExpr"), "subPathExpr and subPath are mutually exclusive", Nodes.Quote(expr!), "keep subPathExpr (it expands $(VAR) references) or subPath, not both");
                }

                CheckPath(context, expr!, m.ListPath.Child("subPathExpr"), m.Path.Child("subPathExpr"));
            }
        }
    }

    private static void CheckPath(RuleContext context, string value, FieldPath path, FieldPath at)
    {
        if (PodFields.IsAbs(value))
        {
            context.Report(FindingKind.Invalid, path, "must be a relative path", Nodes.Quote(value), $"write it relative to the volume root: {value.TrimStart('/')}", at);
        }

        if (PodFields.HasBacksteps(value))
        {
            context.Report(FindingKind.Invalid, path, "must not contain '..'", Nodes.Quote(value), at: at);
        }
    }
}
