using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1026: an update that names a resourceVersion must name the stored one (generic registry Store.Update: optimistic
/// concurrency, a Conflict before any validation). A different resourceVersion is reported only when the prior version is
/// a live export (it has a resourceVersion), since a prior version from git does not say what the server holds; one that is
/// not an unsigned integer is reported against any prior version, since no stored object can have it.
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
        if (string.IsNullOrEmpty(rv) || rv == stored)
        {
            return; // no resourceVersion: an unconditional update, the server takes the stored one; or the stored one
        }

        // Whatever the server holds, its resourceVersions are unsigned integers (etcd3 APIObjectVersioner.ParseResourceVersion,
        // called by Store.Update before the comparison): any other spelling can never name the stored object.
        if (!ulong.TryParse(rv, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            context.Report(
                FindingKind.Invalid,
                Paths.Metadata.Child("resourceVersion"),
                "the object has been modified; please apply your changes to the latest version and try again (a resourceVersion is an unsigned integer the server assigned; this one cannot name the stored object)",
                Nodes.Quote(rv!),
                "remove metadata.resourceVersion for an unconditional update, or start from the current object");
            return;
        }

        if (string.IsNullOrEmpty(stored))
        {
            return; // a prior version from git does not say which resourceVersion the server holds
        }

        context.Report(
            FindingKind.Invalid,
            Paths.Metadata.Child("resourceVersion"),
            $"the object has been modified; please apply your changes to the latest version and try again (the stored object is at resourceVersion {Nodes.Quote(stored!)})",
            Nodes.Quote(rv!),
            "the server answers 409 Conflict; remove metadata.resourceVersion for an unconditional update, or start from the current object");
    }
}
