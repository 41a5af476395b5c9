using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

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
    public static IEnumerable<(MappingNode? Term, FieldPath Path)> Terms(MappingNode? spec) =>
        spec.Map("affinity") is { } affinity && (affinity.Map("podAffinity") is not null || affinity.Map("podAntiAffinity") is not null)
            ? AllTerms(spec)
            : System.Array.Empty<(MappingNode?, FieldPath)>(); // most pod specs have no pod affinity: no enumerator, paths or arrays for them

    private static IEnumerable<(MappingNode? Term, FieldPath Path)> AllTerms(MappingNode? spec)
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
    public static IEnumerable<Weighted> WeightedTerms(MappingNode? spec, string kind) =>
        spec.Map("affinity").Map(kind).Seq("preferredDuringSchedulingIgnoredDuringExecution") is { Count: > 0 } preferred
            ? WeightedTermsOf(preferred, kind)
            : System.Array.Empty<Weighted>();

    private static IEnumerable<Weighted> WeightedTermsOf(SequenceNode preferred, string kind)
    {
        var basePath = Paths.PodSpec.Child("affinity", kind, "preferredDuringSchedulingIgnoredDuringExecution");
        for (var i = 0; i < preferred.Count; i++)
        {
            if (preferred.Items[i] is MappingNode m)
            {
                yield return new Weighted(m, basePath.Index(i));
            }
        }
    }
}
