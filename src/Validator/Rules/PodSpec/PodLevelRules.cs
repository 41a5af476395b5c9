using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.PodSpec;

/// <summary>DS4101 (warning): imagePullSecrets entries without a name, or naming a secret twice (pkg/api/pod/warnings.go).</summary>
public sealed class ImagePullSecretsShouldBeUniqueAndNamed : Rule
{
    /// <summary>Initializes a new instance of the <see cref="ImagePullSecretsShouldBeUniqueAndNamed"/> class.</summary>
    public ImagePullSecretsShouldBeUniqueAndNamed()
        : base(RuleCatalog.DS4101_ImagePullSecretsShouldBeUniqueAndNamed)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var secrets = context.PodSpec.Seq("imagePullSecrets");
        if (secrets is null)
        {
            return;
        }

        var basePath = Paths.PodSpec.Child("imagePullSecrets");
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < secrets.Count; i++)
        {
            if (secrets.Items[i] is not MappingNode item || item.IsUnknown("name"))
            {
                continue;
            }

            var nameNode = item.Get("name");
            if (nameNode is not null and not ScalarNode { Type: ScalarType.String })
            {
                continue;
            }

            var name = item.Str("name") ?? string.Empty;
            var path = basePath.Index(i).Child("name");
            if (!seen.Add(name) && secrets.Count > 1)
            {
                context.Report(FindingKind.Duplicate, path, $"duplicate name {Nodes.Quote(name)}", Nodes.Quote(name), "remove the repeated entry");
            }

            if (name.Length == 0)
            {
                context.Report(FindingKind.Invalid, path, $"invalid empty name {Nodes.Quote(name)}", Nodes.Quote(name), "name the secret that holds the registry credentials, or remove the entry", at: nameNode is null ? basePath.Index(i) : null);
            }
        }
    }
}

/// <summary>DS4102 (warning): a negative terminationGracePeriodSeconds is accepted and treated as 1 (pkg/api/pod/warnings.go).</summary>
public sealed class TerminationGracePeriodShouldNotBeNegative : Rule
{
    /// <summary>Initializes a new instance of the <see cref="TerminationGracePeriodShouldNotBeNegative"/> class.</summary>
    public TerminationGracePeriodShouldNotBeNegative()
        : base(RuleCatalog.DS4102_TerminationGracePeriodShouldNotBeNegative)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.Int("terminationGracePeriodSeconds") is { } v && v < 0)
        {
            context.Report(
                FindingKind.Invalid,
                Paths.PodSpec.Child("terminationGracePeriodSeconds"),
                "must be >= 0; negative values are invalid and will be treated as 1",
                PodSpecNodes.Num(v));
        }
    }
}

/// <summary>Enumerates pod affinity and anti-affinity terms with their paths.</summary>
internal static class PodAffinityTerms
{
    /// <summary>A preferred (weighted) term.</summary>
    /// <param name="Node">The weighted term.</param>
    /// <param name="Path">Its path.</param>
    internal sealed record Weighted(MappingNode Node, FieldPath Path);

    /// <summary>Gets every pod affinity term: (term or null when absent, its path, whether it could be read).</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>The terms.</returns>
    public static IEnumerable<(MappingNode? Term, FieldPath Path)> Terms(MappingNode? spec)
    {
        foreach (var kind in new[] { "podAffinity", "podAntiAffinity" })
        {
            var affinity = spec.Map("affinity").Map(kind);
            var basePath = Paths.PodSpec.Child("affinity", kind);
            var required = affinity.Seq("requiredDuringSchedulingIgnoredDuringExecution");
            for (var i = 0; i < (required?.Count ?? 0); i++)
            {
                if (required!.Items[i] is MappingNode term)
                {
                    yield return (term, basePath.Child("requiredDuringSchedulingIgnoredDuringExecution").Index(i));
                }
            }

            foreach (var w in WeightedTerms(spec, kind))
            {
                var termNode = w.Node.Get("podAffinityTerm");
                if (w.Node.IsUnknown("podAffinityTerm") || termNode is not (null or MappingNode))
                {
                    continue;
                }

                yield return (termNode as MappingNode, w.Path.Child("podAffinityTerm"));
            }
        }
    }

    /// <summary>Gets the preferred terms of one affinity kind.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <param name="kind">podAffinity or podAntiAffinity.</param>
    /// <returns>The weighted terms.</returns>
    public static IEnumerable<Weighted> WeightedTerms(MappingNode? spec, string kind)
    {
        var preferred = spec.Map("affinity").Map(kind).Seq("preferredDuringSchedulingIgnoredDuringExecution");
        var basePath = Paths.PodSpec.Child("affinity", kind, "preferredDuringSchedulingIgnoredDuringExecution");
        for (var i = 0; i < (preferred?.Count ?? 0); i++)
        {
            if (preferred!.Items[i] is MappingNode m)
            {
                yield return new Weighted(m, basePath.Index(i));
            }
        }
    }
}

/// <summary>DS4103 (warning): a pod affinity term without labelSelector matches no pod (pkg/api/pod/warnings.go).</summary>
public sealed class PodAffinityLabelSelectorShouldBeSet : Rule
{
    /// <summary>Initializes a new instance of the <see cref="PodAffinityLabelSelectorShouldBeSet"/> class.</summary>
    public PodAffinityLabelSelectorShouldBeSet()
        : base(RuleCatalog.DS4103_PodAffinityLabelSelectorShouldBeSet)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var (term, termPath) in PodAffinityTerms.Terms(context.PodSpec))
        {
            if (term.IsUnknown("labelSelector") || term.Get("labelSelector") is not null)
            {
                continue;
            }

            context.Report(
                FindingKind.Required,
                termPath.Child("labelSelector"),
                "a null labelSelector results in matching no pod",
                hint: "add a labelSelector for the pods this term is about");
        }
    }
}
