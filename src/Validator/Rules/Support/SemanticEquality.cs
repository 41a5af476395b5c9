using System;
using DaemonLint.Model;
using DaemonLint.Schema;

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
    public static bool AreEqual(ManifestNode? a, ManifestNode? b) => AreEqual(a, b, null);

    /// <summary>
    /// Compares two values as the typed decoder sees them: with a schema, the fields it does not declare (which the
    /// decoder drops) are left out, and a mapping of undeclared fields only is empty.
    /// </summary>
    /// <param name="a">One value (null: absent).</param>
    /// <param name="b">The other.</param>
    /// <param name="schema">The schema of both values, or null to compare every field.</param>
    /// <returns>Whether they are semantically equal.</returns>
    public static bool AreEqual(ManifestNode? a, ManifestNode? b, SchemaNode? schema)
    {
        var ea = IsEmpty(a, schema);
        var eb = IsEmpty(b, schema);
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
                    if (!TryChild(schema, e.Key, out var child) || IsEmpty(e.Value, child))
                    {
                        continue;
                    }

                    na++;
                    if (!mb.TryGetEntry(e.Key, out var other) || !AreEqual(e.Value, other.Value, child))
                    {
                        return false;
                    }
                }

                var nb = 0;
                foreach (var e in mb.Entries)
                {
                    if (TryChild(schema, e.Key, out var child) && !IsEmpty(e.Value, child))
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
                    if (!AreEqual(sa.Items[i], sb.Items[i], schema?.Items))
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

    private static bool IsEmpty(ManifestNode? n, SchemaNode? schema) => n switch
    {
        null => true,
        ScalarNode { Type: ScalarType.Null } => true,
        MappingNode { Count: 0 } => true,
        SequenceNode { Count: 0 } => true,
        MappingNode m when schema is { Kind: SchemaKind.Object, Properties.Count: > 0 } => !HasDeclaredEntry(m, schema),
        _ => false,
    };

    private static bool HasDeclaredEntry(MappingNode m, SchemaNode schema)
    {
        foreach (var e in m.Entries)
        {
            if (schema.TryGetProperty(e.Key, out _))
            {
                return true;
            }
        }

        return false;
    }

    // The schema of a mapping entry: a declared property of an object, the value schema of a map; false for a field the
    // object does not declare. Without a schema (or one that declares no properties) every entry counts.
    private static bool TryChild(SchemaNode? schema, string key, out SchemaNode? child)
    {
        child = null;
        switch (schema)
        {
            case null:
                return true;
            case { Kind: SchemaKind.Object, Properties.Count: > 0 }:
                if (schema.TryGetProperty(key, out var property))
                {
                    child = property;
                    return true;
                }

                return false;
            case { Kind: SchemaKind.Map }:
                child = schema.MapValue;
                return true;
            default:
                return true;
        }
    }
}
