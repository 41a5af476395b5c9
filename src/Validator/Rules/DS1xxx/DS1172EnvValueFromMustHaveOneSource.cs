using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1172: valueFrom has exactly one source (fileKeyRef among them where the release has EnvFiles) and no value beside it (CV validateEnvVarValueFrom).</summary>
internal sealed class DS1172EnvValueFromMustHaveOneSource : Rule
{
    private static readonly string[] Sources = { "fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef" };
    private static readonly string[] SourcesWithFiles = { "fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef" };

    /// <summary>Initializes a new instance of the <see cref="DS1172EnvValueFromMustHaveOneSource"/> class.</summary>
    public DS1172EnvValueFromMustHaveOneSource()
        : base(RuleCatalog.DS1172_EnvValueFromMustHaveOneSource)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // fileKeyRef is a source from 1.34 (EnvFiles); with the gate off the engine has dropped it, and before 1.34 it is
        // an unknown field (DS2001) that the decoder ignores.
        var files = context.Gates.IsKnown(FeatureGate.EnvFiles);
        var sources = files ? SourcesWithFiles : Sources;
        foreach (var e in EnvRef.All(context))
        {
            if (e.Node.IsUnknown("valueFrom") || e.Node.Map("valueFrom") is not { } valueFrom)
            {
                continue;
            }

            // An unknown source may be null at run time: the count would be a guess.
            if (valueFrom.HasUnknownEntries || System.Array.Exists(sources, s => valueFrom.Get(s) is UnknownNode))
            {
                continue;
            }

            var count = 0;
            foreach (var s in sources)
            {
                if (valueFrom.Get(s) is not null)
                {
                    count++;
                }
            }

            var path = e.Path.Child("valueFrom");
            if (count == 0)
            {
                context.Report(FindingKind.Invalid, path, files ? "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`" : "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`", "\"\"");
            }
            else if (!e.Node.IsUnknown("value") && e.Node.Str("value") is { Length: > 0 })
            {
                context.Report(FindingKind.Invalid, path, "may not be specified when `value` is not empty", "\"\"", "keep either value or valueFrom");
            }
            else if (count > 1)
            {
                context.Report(FindingKind.Invalid, path, "may not have more than one field specified at a time", "\"\"", "keep one source under valueFrom, or split it into several env entries");
            }
        }
    }
}
