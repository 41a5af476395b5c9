using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Schema;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1190: the pod's <c>resourceClaims</c> (CV validatePodResourceClaims → validatePodResourceClaim): a name that is
/// given, unique and a DNS label, then exactly one of <c>resourceClaimName</c> and <c>resourceClaimTemplateName</c>, each
/// a DNS subdomain. Releases before 1.31 hold the two under <c>source</c> (a <c>ClaimSource</c>, validated by
/// validatePodResourceClaimSource at <c>resourceClaims[i].source</c>); which shape the release has is read from its
/// schema. The engine drops <c>resourceClaims</c> while DynamicResourceAllocation is off, as the server does.
/// </summary>
internal sealed class DS1190PodResourceClaimsMustBeValid : Rule
{
    private const string AtMostOne = "at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified";
    private const string ExactlyOne = "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`";

    /// <summary>Initializes a new instance of the <see cref="DS1190PodResourceClaimsMustBeValid"/> class.</summary>
    public DS1190PodResourceClaimsMustBeValid()
        : base(RuleCatalog.DS1190_PodResourceClaimsMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.Seq("resourceClaims") is not { } claims)
        {
            return;
        }

        var withSource = HasSourceShape(context);
        var basePath = Paths.PodSpec.Child("resourceClaims");
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < claims.Count; i++)
        {
            // A null entry decodes to the zero PodResourceClaim: no name, no reference.
            var item = claims.Items[i];
            if (item is not MappingNode and not ScalarNode { Type: ScalarType.Null })
            {
                continue;
            }

            var claim = item as MappingNode;
            var path = basePath.Index(i);
            CheckName(context, claim, path, names);
            if (!withSource)
            {
                CheckReferences(context, claim, path, "core.PodResourceClaim", claim.Str("name"));
            }
            else if (claim.Get("source") is null or MappingNode or ScalarNode { Type: ScalarType.Null } && !claim.IsUnknown("source"))
            {
                CheckReferences(context, claim.Map("source"), path.Child("source"), "core.ClaimSource", null);
            }
        }
    }

    // Whether the release's PodResourceClaim holds the references under source (1.27-1.30).
    private static bool HasSourceShape(RuleContext context) =>
        SchemaSet.For(context.Release).Definitions.TryGetValue("io.k8s.api.core.v1.PodResourceClaim", out var def) && def.TryGetProperty("source", out _);

    private static void CheckName(RuleContext context, MappingNode? claim, FieldPath path, HashSet<string> names)
    {
        if (claim.IsUnknown("name") || claim.Get("name") is not (null or ScalarNode { Type: ScalarType.String or ScalarType.Null }))
        {
            return;
        }

        var name = claim.Str("name") ?? string.Empty;
        var namePath = path.Child("name");
        if (name.Length == 0)
        {
            context.Report(FindingKind.Required, namePath, string.Empty, hint: "name the claim: containers reference it by this name");
        }
        else if (!names.Add(name))
        {
            context.Report(FindingKind.Duplicate, namePath, string.Empty, Nodes.Quote(name), "each pod resource claim needs a name of its own");
        }
        else
        {
            foreach (var msg in K8sNames.IsDns1123Label(name))
            {
                context.Report(FindingKind.Invalid, namePath, msg, Nodes.Quote(name));
            }
        }
    }

    private static void CheckReferences(RuleContext context, MappingNode? owner, FieldPath path, string goType, string? name)
    {
        if (owner.IsUnknown("resourceClaimName") || owner.IsUnknown("resourceClaimTemplateName")
            || !TryReference(owner, "resourceClaimName", out var claimName)
            || !TryReference(owner, "resourceClaimTemplateName", out var templateName))
        {
            return;
        }

        if (claimName is not null && templateName is not null)
        {
            context.Report(FindingKind.Invalid, path, AtMostOne, GoValue(goType, name, claimName, templateName), "keep either resourceClaimName or resourceClaimTemplateName");
        }
        else if (claimName is null && templateName is null)
        {
            context.Report(FindingKind.Invalid, path, ExactlyOne, GoValue(goType, name, claimName, templateName), "name an existing ResourceClaim (resourceClaimName) or a ResourceClaimTemplate (resourceClaimTemplateName)");
        }

        CheckSubdomain(context, path.Child("resourceClaimName"), claimName);
        CheckSubdomain(context, path.Child("resourceClaimTemplateName"), templateName);
    }

    // A reference is a *string: absent or null is nil, a string is set (even when empty); another type does not decode.
    private static bool TryReference(MappingNode? owner, string key, out string? value)
    {
        switch (owner.Get(key))
        {
            case null or ScalarNode { Type: ScalarType.Null }:
                value = null;
                return true;
            case ScalarNode { Type: ScalarType.String } s:
                value = s.Raw;
                return true;
            default:
                value = null;
                return false;
        }
    }

    private static void CheckSubdomain(RuleContext context, FieldPath path, string? value)
    {
        if (value is null)
        {
            return;
        }

        foreach (var msg in K8sNames.NameIsDnsSubdomain(value, prefix: false))
        {
            context.Report(FindingKind.Invalid, path, msg, Nodes.Quote(value));
        }
    }

    // The value as the server prints it (%#v of the internal struct), with a set pointer shown by its target rather
    // than by its address.
    private static string GoValue(string goType, string? name, string? claimName, string? templateName)
    {
        var head = name is null && goType == "core.ClaimSource" ? string.Empty : $"Name:{Nodes.Quote(name ?? string.Empty)}, ";
        return $"{goType}{{{head}ResourceClaimName:{Pointer(claimName)}, ResourceClaimTemplateName:{Pointer(templateName)}}}";
    }

    private static string Pointer(string? value) => value is null ? "(*string)(nil)" : "&" + Nodes.Quote(value);
}
