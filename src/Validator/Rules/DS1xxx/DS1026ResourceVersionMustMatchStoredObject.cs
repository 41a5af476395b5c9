using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1026: an update that names a resourceVersion must name the stored one (generic registry Store.Update: optimistic
/// concurrency, a Conflict before any validation). Only when the prior version is a live export (it has a
/// resourceVersion); a prior version from git does not say what the server holds.
/// </summary>
internal sealed class DS1026ResourceVersionMustMatchStoredObject : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1026ResourceVersionMustMatchStoredObject"/> class.</summary>
    public DS1026ResourceVersionMustMatchStoredObject()
        : base(RuleCatalog.DS1026_ResourceVersionMustMatchStoredObject)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Baseline is not { } baseline)
        {
            return;
        }

        var meta = context.Object.Root.Map("metadata");
        var old = baseline.Root.Map("metadata");
        if (meta.IsUnknown("resourceVersion") || old.IsUnknown("resourceVersion"))
        {
            return;
        }

        var rv = meta.Str("resourceVersion");
        var stored = old.Str("resourceVersion");
        if (string.IsNullOrEmpty(rv) || string.IsNullOrEmpty(stored) || rv == stored)
        {
            return; // no resourceVersion: an unconditional update, the server takes the stored one
        }

        context.Report(
            FindingKind.Invalid,
            Paths.Metadata.Child("resourceVersion"),
            $"the object has been modified; please apply your changes to the latest version and try again (the stored object is at resourceVersion {Nodes.Quote(stored!)})",
            Nodes.Quote(rv!),
            "the server answers 409 Conflict; remove metadata.resourceVersion for an unconditional update, or start from the current object");
    }
}
