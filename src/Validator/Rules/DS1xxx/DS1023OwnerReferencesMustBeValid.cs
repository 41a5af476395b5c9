using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1023: metadata.ownerReferences (objectmeta.go ValidateOwnerReferences): apiVersion with a version, kind, name and uid
/// set, no Event owner, one controller at most; errors at <c>metadata.ownerReferences[.field]</c>, without an index.
/// </summary>
internal sealed class DS1023OwnerReferencesMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1023OwnerReferencesMustBeValid"/> class.</summary>
    public DS1023OwnerReferencesMustBeValid()
        : base(RuleCatalog.DS1023_OwnerReferencesMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var meta = context.Object.Root.Map("metadata");
        if (meta.IsUnknown("ownerReferences") || meta.Seq("ownerReferences") is not { } refs)
        {
            return;
        }

        var path = Paths.Metadata.Child("ownerReferences");
        string? firstController = null;
        for (var i = 0; i < refs.Count; i++)
        {
            if (refs.Items[i] is not MappingNode r || r.HasUnknownEntries)
            {
                continue;
            }

            var at = path.Index(i);
            var apiVersion = r.Str("apiVersion") ?? string.Empty;
            var kind = r.Str("kind") ?? string.Empty;
            var name = r.Str("name") ?? string.Empty;
            var uid = r.Str("uid") ?? string.Empty;

            // schema.FromAPIVersionAndKind: "v1" is the core group, "group/version" a named group; anything else
            // ("a/b/c") does not parse and leaves group and version empty.
            var (group, version) = ParseGroupVersion(apiVersion);
            if (version.Length == 0)
            {
                Empty(context, r, "apiVersion", apiVersion, "version must not be empty", at, "write the owner's apiVersion, e.g. v1 or apps/v1");
            }

            if (kind.Length == 0)
            {
                Empty(context, r, "kind", kind, "kind must not be empty", at, null);
            }

            if (name.Length == 0)
            {
                Empty(context, r, "name", name, "name must not be empty", at, null);
            }

            if (uid.Length == 0)
            {
                Empty(context, r, "uid", uid, "uid must not be empty", at, "an owner reference names its owner by uid; copy it from the owner (kubectl get -o jsonpath='{.metadata.uid}')");
            }

            if (group.Length == 0 && version == "v1" && kind == "Event" && !r.IsUnknown("apiVersion") && !r.IsUnknown("kind"))
            {
                context.Report(FindingKind.Invalid, path, "/v1, Kind=Event is disallowed from being an owner", Nodes.Display(r), at: at);
            }

            if (r.Bool("controller") == true)
            {
                var current = kind + "/" + name;
                if (firstController is null)
                {
                    firstController = current;
                }
                else
                {
                    context.Report(
                        FindingKind.Invalid,
                        path,
                        $"Only one reference can have Controller set to true. Found \"true\" in references for {firstController} and {current}",
                        Nodes.Display(refs),
                        "an object has at most one managing controller; set controller: false on the others",
                        at: at.Child("controller"));
                }
            }
        }
    }

    private static void Empty(RuleContext context, MappingNode r, string field, string value, string detail, FieldPath at, string? hint)
    {
        if (r.IsUnknown(field))
        {
            return;
        }

        context.Report(FindingKind.Invalid, Paths.Metadata.Child("ownerReferences", field), detail, Nodes.Quote(value), hint, at: r.Get(field) is null ? at : at.Child(field));
    }

    private static (string Group, string Version) ParseGroupVersion(string apiVersion)
    {
        if (apiVersion.Length == 0 || apiVersion == "/")
        {
            return (string.Empty, string.Empty);
        }

        var slash = apiVersion.IndexOf('/');
        if (slash < 0)
        {
            return (string.Empty, apiVersion);
        }

        return apiVersion.IndexOf('/', slash + 1) >= 0
            ? (string.Empty, string.Empty)
            : (apiVersion.Substring(0, slash), apiVersion.Substring(slash + 1));
    }
}
