using System.Collections.Generic;
using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1024: on update, the metadata fields the server keeps (objectmeta.go ValidateObjectMetaAccessorUpdate after
/// rest.BeforeUpdate): uid, deletionTimestamp and deletionGracePeriodSeconds may not change, and an object being deleted
/// takes no new finalizers.
/// </summary>
/// <remarks>
/// The other immutable fields cannot differ here: name and namespace are what the prior version is matched by, and
/// BeforeUpdate copies the stored creationTimestamp and generation (and the resourceVersion, for an unconditional update)
/// into the request before validation.
/// </remarks>
internal sealed class DS1024ObjectMetaUpdateMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1024ObjectMetaUpdateMustBeValid"/> class.</summary>
    public DS1024ObjectMetaUpdateMustBeValid()
        : base(RuleCatalog.DS1024_ObjectMetaUpdateMustBeValid)
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
        if (meta is null || meta.HasUnknownEntries || Nodes.ContainsUnknown(old))
        {
            return;
        }

        // "Use the existing UID if none is provided": a uid that differs from the stored one is an error. A prior version
        // without a uid (a file from git) is what was applied; the create that stored it gave the object a uid of the
        // server's own, which a uid written in the manifest does not match (the oracle, storing the prior version through
        // a create, refuses it as well).
        var uid = meta.Str("uid");
        var oldUid = old.Str("uid");
        if (!string.IsNullOrEmpty(uid) && uid != oldUid)
        {
            var hint = string.IsNullOrEmpty(oldUid)
                ? "remove metadata.uid from the manifest; the server keeps the uid it gave the object (to compare with the object's own uid, pass a live export, kubectl get -o yaml, as the prior version)"
                : "remove metadata.uid from the manifest; the server keeps the object's own";
            Immutable(context, "uid", Nodes.Quote(uid!), hint);
        }

        // "An update can never remove/change a deletion timestamp": the stored one is copied in; without one, setting it is
        // a change (an object is deleted with DELETE, not by writing the field).
        var deletion = Present(meta.Get("deletionTimestamp"));
        var oldDeletion = Present(old.Get("deletionTimestamp"));
        if (deletion is not null && oldDeletion is null)
        {
            Immutable(context, "deletionTimestamp", Nodes.Display(deletion), "remove metadata.deletionTimestamp; kubectl delete sets it");
        }

        // The stored grace period is copied in only when the request has none (absent or null).
        var grace = Present(meta.Get("deletionGracePeriodSeconds"));
        var oldGrace = Present(old.Get("deletionGracePeriodSeconds"));
        if (grace is not null && !SameScalar(grace, oldGrace))
        {
            Immutable(context, "deletionGracePeriodSeconds", Nodes.Display(grace), "remove metadata.deletionGracePeriodSeconds; kubectl delete --grace-period sets it");
        }

        if (oldDeletion is not null && old is not null)
        {
            NoNewFinalizers(context, meta, old);
        }
    }

    private static void Immutable(RuleContext context, string field, string value, string hint) =>
        context.Report(FindingKind.Invalid, Paths.Metadata.Child(field), "field is immutable", value, hint);

    // A null scalar decodes as an absent field (a nil pointer, a zero time).
    private static ManifestNode? Present(ManifestNode? node) => node is ScalarNode { Type: ScalarType.Null } ? null : node;

    private static bool SameScalar(ManifestNode node, ManifestNode? old) =>
        node is ScalarNode s && old is ScalarNode o && s.Type == o.Type && s.Raw == o.Raw;

    // ValidateNoNewFinalizers: an object that is being deleted may lose finalizers but not gain any.
    private static void NoNewFinalizers(RuleContext context, MappingNode meta, MappingNode old)
    {
        var before = new HashSet<string>(Strings(old.Seq("finalizers")), System.StringComparer.Ordinal);
        var extra = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var f in Strings(meta.Seq("finalizers")))
        {
            if (!before.Contains(f))
            {
                extra.Add(f);
            }
        }

        if (extra.Count > 0)
        {
            context.Report(
                FindingKind.Forbidden,
                Paths.Metadata.Child("finalizers"),
                "no new finalizers can be added if the object is being deleted, found new finalizers []string{" + string.Join(", ", extra.Select(Nodes.Quote)) + "}",
                hint: "the object is being deleted; it can only lose finalizers now");
        }
    }

    private static IEnumerable<string> Strings(SequenceNode? seq)
    {
        if (seq is null)
        {
            yield break;
        }

        foreach (var item in seq.Items)
        {
            if (item is ScalarNode { Type: ScalarType.String } s)
            {
                yield return s.Raw;
            }
        }
    }
}
