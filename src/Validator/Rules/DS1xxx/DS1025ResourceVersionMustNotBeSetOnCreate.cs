using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1025: a create may not carry a resourceVersion (apiserver storage: etcd3 store Create returns
/// "resourceVersion should not be set on objects to be created" for a resourceVersion that parses as a non-zero number).
/// </summary>
internal sealed class DS1025ResourceVersionMustNotBeSetOnCreate : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1025ResourceVersionMustNotBeSetOnCreate"/> class.</summary>
    public DS1025ResourceVersionMustNotBeSetOnCreate()
        : base(RuleCatalog.DS1025_ResourceVersionMustNotBeSetOnCreate)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Baseline is not null)
        {
            return; // an update: DS1026
        }

        var meta = context.Object.Root.Map("metadata");
        if (meta.IsUnknown("resourceVersion") || meta.Str("resourceVersion") is not { } rv || !IsStoredVersion(rv))
        {
            return;
        }

        context.Report(
            FindingKind.Invalid,
            Paths.Metadata.Child("resourceVersion"),
            "resourceVersion should not be set on objects to be created",
            Nodes.Quote(rv),
            "remove metadata.resourceVersion: it belongs to a stored object (an export), and the server refuses it on create with an internal error");
    }

    /// <summary>
    /// Whether the storage layer reads a resourceVersion as a version (<c>APIObjectVersioner.ObjectResourceVersion</c>:
    /// <c>strconv.ParseUint(rv, 10, 64)</c>, non-zero). Other texts ("-1", "abc", "0") are cleared, not refused.
    /// </summary>
    /// <param name="rv">The resourceVersion.</param>
    /// <returns>Whether a create with it is refused.</returns>
    internal static bool IsStoredVersion(string rv)
    {
        if (rv.Length == 0)
        {
            return false;
        }

        foreach (var c in rv)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return ulong.TryParse(rv, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v != 0;
    }
}
