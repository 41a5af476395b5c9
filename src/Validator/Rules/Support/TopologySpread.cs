using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

/// <summary>Enumerates <c>spec.template.spec.topologySpreadConstraints</c> with their paths.</summary>
internal static class TopologySpread
{
    /// <summary>The whenUnsatisfiable values, sorted as the server lists them.</summary>
    public static readonly string[] Actions = { "DoNotSchedule", "ScheduleAnyway" };

    /// <summary>The node inclusion policies, sorted as the server lists them.</summary>
    public static readonly string[] Policies = { "Honor", "Ignore" };

    /// <summary>Gets the constraints that are mappings, with their paths.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>The constraints.</returns>
    public static IEnumerable<(MappingNode Constraint, FieldPath Path)> Constraints(MappingNode? spec)
    {
        var list = spec.Seq("topologySpreadConstraints");
        var basePath = Paths.PodSpec.Child("topologySpreadConstraints");
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            if (list!.Items[i] is MappingNode c)
            {
                yield return (c, basePath.Index(i));
            }
        }
    }

    /// <summary>Reads a string field as the server sees it: absent or null is "", another type or an unknown value is null.</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The field.</param>
    /// <returns>The value, or null when the rule cannot tell (or the schema rules report the type).</returns>
    public static string? KnownString(MappingNode map, string key)
    {
        if (map.IsUnknown(key))
        {
            return null;
        }

        return map.Get(key) switch
        {
            null => string.Empty,
            ScalarNode { Type: ScalarType.String } s => s.Raw,
            _ => null,
        };
    }
}
