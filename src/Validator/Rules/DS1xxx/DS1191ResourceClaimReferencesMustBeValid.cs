using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1191: the entries of <c>resources.claims</c> (CV validateResourceClaimNames, reached through
/// validateResourceRequirements for every container, init container and ephemeral container, and for the pod-level
/// <c>resources</c> while the PodLevelResourcesEnabled option is on). Each entry needs a name; a name already listed is a
/// duplicate; otherwise its <c>request</c>, when given, is a DNS label, the pair <c>name/request</c> may not repeat, and a
/// whole claim may not follow one of its requests; and the name must be one of the pod's <c>resourceClaims</c>.
/// </summary>
/// <remarks>
/// Upstream keeps one set of keys (<c>name</c> and <c>name/request</c>) and, for a whole claim, walks the set for keys
/// whose part before the first '/' is the name, reporting a duplicate for each. Here the keys with a '/' are counted by
/// that part instead, so a list is checked in linear time with the same findings. The pod's claim names are
/// gatherPodResourceClaimNames: every non-empty name, valid or not.
/// </remarks>
internal sealed class DS1191ResourceClaimReferencesMustBeValid : Rule
{
    private const string NotFoundText = "must be one of the names in pod.spec.resourceClaims";

    /// <summary>Initializes a new instance of the <see cref="DS1191ResourceClaimReferencesMustBeValid"/> class.</summary>
    public DS1191ResourceClaimReferencesMustBeValid()
        : base(RuleCatalog.DS1191_ResourceClaimReferencesMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        PodClaims? pod = null;
        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            if (c.Node.Map("resources").Seq("claims") is { } claims)
            {
                CheckList(context, claims, c.Path.Child("resources", "claims"), pod ??= PodClaims.Gather(context.PodSpec));
            }
        }

        if (context.PodSpec.Map("resources").Seq("claims") is { } podLevel && context.PodOptions.PodLevelResourcesEnabled)
        {
            CheckList(context, podLevel, Paths.PodSpec.Child("resources", "claims"), pod ?? PodClaims.Gather(context.PodSpec));
        }
    }

    private static void CheckList(RuleContext context, SequenceNode claims, FieldPath basePath, PodClaims pod)
    {
        // The keys seen (name, or name/request), and how many of them with a '/' each part before it prefixes.
        var keys = new HashSet<string>(System.StringComparer.Ordinal);
        var requestKeys = new Dictionary<string, int>(System.StringComparer.Ordinal);
        for (var i = 0; i < claims.Count; i++)
        {
            // A null entry decodes to the zero ResourceClaim: no name.
            var item = claims.Items[i];
            if (item is not MappingNode and not ScalarNode { Type: ScalarType.Null })
            {
                continue;
            }

            var claim = item as MappingNode;
            if (claim.IsUnknown("name") || claim.Get("name") is not (null or ScalarNode { Type: ScalarType.String or ScalarType.Null }))
            {
                continue;
            }

            var path = basePath.Index(i);
            var name = claim.Str("name") ?? string.Empty;
            if (name.Length == 0)
            {
                context.Report(FindingKind.Required, path, string.Empty, hint: "name one of the pod's resourceClaims");
                continue;
            }

            if (keys.Contains(name))
            {
                // All requests of that claim are already referenced.
                context.Report(FindingKind.Duplicate, path, string.Empty, Nodes.Quote(name), "the claim is already listed: remove this entry");
            }
            else if (!claim.IsUnknown("request") && claim.Get("request") is null or ScalarNode { Type: ScalarType.String or ScalarType.Null })
            {
                CheckRequest(context, claim.Str("request") ?? string.Empty, name, path, keys, requestKeys);
            }

            if (pod.Complete && !pod.Names.Contains(name))
            {
                context.Report(FindingKind.NotFound, path, pod.NotFoundDetail, Nodes.Quote(name), pod.Names.Count == 0 ? "add the claim to spec.template.spec.resourceClaims" : null);
            }
        }
    }

    private static void CheckRequest(RuleContext context, string request, string name, FieldPath path, HashSet<string> keys, Dictionary<string, int> requestKeys)
    {
        var key = name;
        if (request.Length > 0)
        {
            foreach (var msg in K8sNames.IsDns1123Label(request))
            {
                context.Report(FindingKind.Invalid, path.Child("request"), msg, Nodes.Quote(request));
            }

            key = name + "/" + request;
        }

        if (keys.Contains(key))
        {
            // The exact same entry is already referenced.
            context.Report(FindingKind.Duplicate, path, string.Empty, Nodes.Quote(key), "remove the repeated entry");
        }
        else if (request.Length == 0 && requestKeys.TryGetValue(name, out var overlapping))
        {
            // The whole claim after some of its requests: upstream reports one duplicate per such request key.
            for (var k = 0; k < overlapping; k++)
            {
                context.Report(FindingKind.Duplicate, path, string.Empty, Nodes.Quote(name), "the claim's requests are listed already: reference the whole claim or its requests, not both");
            }
        }

        if (keys.Add(key) && key.IndexOf('/') is var slash and >= 0)
        {
            var prefix = key.Substring(0, slash);
            requestKeys[prefix] = requestKeys.TryGetValue(prefix, out var n) ? n + 1 : 1;
        }
    }

    // The pod's claim names (gatherPodResourceClaimNames), whether they are all known, and the NotFound detail.
    private sealed class PodClaims
    {
        private const int MaxListed = 32;

        private string? detail;

        private PodClaims(HashSet<string> names, bool complete)
        {
            this.Names = names;
            this.Complete = complete;
        }

        public HashSet<string> Names { get; }

        // False when a name cannot be told (C# front end): then no reference is called missing.
        public bool Complete { get; }

        // The server lists every name, sorted; past MaxListed names the rest are counted, so that a message stays short
        // and many references to a long list are not quadratic in size.
        public string NotFoundDetail => this.detail ??= this.Names.Count == 0
            ? NotFoundText + " which is empty"
            : NotFoundText + ": " + Listed(Sorted(this.Names));

        public static PodClaims Gather(MappingNode? podSpec)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            if (podSpec.Get("resourceClaims") is not { } node)
            {
                return new PodClaims(names, complete: !podSpec.IsUnknown("resourceClaims"));
            }

            if (node is not SequenceNode seq)
            {
                return new PodClaims(names, complete: node is ScalarNode { Type: ScalarType.Null });
            }

            var complete = true;
            foreach (var item in seq.Items)
            {
                if (item is MappingNode m)
                {
                    complete &= !m.IsUnknown("name");
                    if (m.Str("name") is { Length: > 0 } name)
                    {
                        names.Add(name);
                    }
                }
                else
                {
                    complete &= item is ScalarNode;
                }
            }

            return new PodClaims(names, complete);
        }

        private static string Listed(List<string> names) => names.Count <= MaxListed
            ? string.Join(", ", names)
            : string.Join(", ", names.GetRange(0, MaxListed)) + $" and {names.Count - MaxListed} more";

        private static List<string> Sorted(HashSet<string> names)
        {
            var list = new List<string>(names);
            list.Sort(System.StringComparer.Ordinal);
            return list;
        }
    }
}
