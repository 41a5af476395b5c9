using System;
using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

/// <summary>
/// apimachinery's <c>equality.Semantic.DeepEqual</c> over decoded values: map key order is ignored, list order is not,
/// scalars compare by decoded value, and null, an empty map and an empty list equal an absent field.
/// </summary>
internal static class SemanticEquality
{
    /// <summary>Compares two values.</summary>
    /// <param name="a">One value (null: absent).</param>
    /// <param name="b">The other.</param>
    /// <returns>Whether they are semantically equal.</returns>
    public static bool AreEqual(ManifestNode? a, ManifestNode? b)
    {
        var ea = IsEmpty(a);
        var eb = IsEmpty(b);
        if (ea || eb)
        {
            return ea && eb;
        }

        switch (a)
        {
            case MappingNode ma when b is MappingNode mb:
                var na = 0;
                foreach (var e in ma.Entries)
                {
                    if (IsEmpty(e.Value))
                    {
                        continue;
                    }

                    na++;
                    if (!mb.TryGetEntry(e.Key, out var other) || !AreEqual(e.Value, other.Value))
                    {
                        return false;
                    }
                }

                var nb = 0;
                foreach (var e in mb.Entries)
                {
                    if (!IsEmpty(e.Value))
                    {
                        nb++;
                    }
                }

                return na == nb;
            case SequenceNode sa when b is SequenceNode sb:
                if (sa.Count != sb.Count)
                {
                    return false;
                }

                for (var i = 0; i < sa.Count; i++)
                {
                    if (!AreEqual(sa.Items[i], sb.Items[i]))
                    {
                        return false;
                    }
                }

                return true;
            case ScalarNode xa when b is ScalarNode xb:
                return ScalarEquals(xa, xb);
            default:
                return false;
        }
    }

    private static bool ScalarEquals(ScalarNode a, ScalarNode b)
    {
        var numA = a.Type is ScalarType.Int or ScalarType.Float;
        var numB = b.Type is ScalarType.Int or ScalarType.Float;
        if (numA && numB)
        {
            return a.Number.Equals(b.Number);
        }

        if (a.Type == ScalarType.Bool && b.Type == ScalarType.Bool)
        {
            return a.BoolValue == b.BoolValue; // yes, on, true and True all decode to true
        }

        return a.Type == b.Type && string.Equals(a.Raw, b.Raw, StringComparison.Ordinal);
    }

    private static bool IsEmpty(ManifestNode? n) => n switch
    {
        null => true,
        ScalarNode { Type: ScalarType.Null } => true,
        MappingNode { Count: 0 } => true,
        SequenceNode { Count: 0 } => true,
        _ => false,
    };
}
