using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1022: metadata.finalizers (objectmeta.go ValidateFinalizers, reported at the list without an index, and CV
/// validateKubeFinalizerName, reported at the entry).
/// </summary>
internal sealed class DS1022FinalizersMustBeValid : Rule
{
    private const string Orphan = "orphan";
    private const string ForegroundDeletion = "foregroundDeletion";

    /// <summary>Initializes a new instance of the <see cref="DS1022FinalizersMustBeValid"/> class.</summary>
    public DS1022FinalizersMustBeValid()
        : base(RuleCatalog.DS1022_FinalizersMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var meta = context.Object.Root.Map("metadata");
        if (meta.IsUnknown("finalizers") || meta.Seq("finalizers") is not { } finalizers)
        {
            return;
        }

        var path = Paths.Metadata.Child("finalizers");
        var values = new List<string>();
        bool orphan = false, foreground = false;
        for (var i = 0; i < finalizers.Count; i++)
        {
            if (finalizers.Items[i] is not ScalarNode { Type: ScalarType.String } s)
            {
                continue; // a null entry is the empty string, but the schema layer reports it first (DS2xxx)
            }

            var name = s.Raw;
            values.Add(name);
            orphan |= name == Orphan;
            foreground |= name == ForegroundDeletion;
            foreach (var msg in K8sNames.IsQualifiedName(name))
            {
                context.Report(FindingKind.Invalid, path, msg, Nodes.Quote(name), at: path.Index(i));
            }

            // A name without a '/' must be one of the finalizers Kubernetes itself defines.
            if (name.IndexOf('/') < 0 && name is not ("kubernetes" or Orphan or ForegroundDeletion))
            {
                context.Report(
                    FindingKind.Invalid,
                    path.Index(i),
                    "name is neither a standard finalizer name nor is it fully qualified",
                    Nodes.Quote(name),
                    "prefix your finalizer with a domain you own, e.g. example.com/" + (name.Length > 0 ? name : "cleanup"));
            }
        }

        if (orphan && foreground)
        {
            context.Report(
                FindingKind.Invalid,
                path,
                "finalizer orphan and foregroundDeletion cannot be both set",
                "[]string{" + string.Join(", ", values.ConvertAll(Nodes.Quote)) + "}",
                "keep one: orphan leaves the pods behind, foregroundDeletion deletes them first");
        }
    }
}
