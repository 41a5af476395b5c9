using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1006: metadata.name / generateName / namespace syntax, and the name generated from generateName (objectmeta.go ValidateObjectMetaAccessor, rest.BeforeCreate).</summary>
internal sealed class DS1006NameMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1006NameMustBeValid"/> class.</summary>
    public DS1006NameMustBeValid()
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
            else if (!string.IsNullOrEmpty(generateName) && meta.Get("name") is null or ScalarNode { Type: ScalarType.String })
            {
                CheckGeneratedName(context, generateName!);
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

    // The registry names the object before validating it (rest.BeforeCreate, names.SimpleNameGenerator): generateName cut
    // to 58 characters, then 5 random characters from "bcdfghjklmnpqrstvwxz2456789". The name is then validated like any
    // other, so an invalid generateName is usually reported twice. The random part cannot change the verdict (it is
    // lower-case alphanumeric and the result is at most 63 characters): any suffix from the alphabet gives the same errors.
    private static void CheckGeneratedName(RuleContext context, string generateName)
    {
        var generated = (generateName.Length > 58 ? generateName.Substring(0, 58) : generateName) + "xxxxx";
        foreach (var msg in K8sNames.NameIsDnsSubdomain(generated, prefix: false))
        {
            context.Report(
                FindingKind.Invalid,
                Paths.Metadata.Child("name"),
                msg,
                Nodes.Quote(generated),
                "the server names the object generateName + 5 random characters (shown as xxxxx) and validates that name too",
                at: Paths.Metadata.Child("generateName"));
        }
    }
}
