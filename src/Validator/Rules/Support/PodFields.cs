using System.Globalization;
using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

/// <summary>Reads of optional fields that tell "absent" apart from "cannot tell" (unknown C# values, wrong types left to the schema layer).</summary>
internal static class PodFields
{
    /// <summary>Reads an optional string.</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The string, or null when absent or null.</param>
    /// <returns>False when the rule cannot tell (unknown value, possibly hidden key, or a value of another type).</returns>
    public static bool TryString(MappingNode map, string key, out string? value)
    {
        value = null;
        var node = map[key];
        if (node is null)
        {
            return !map.HasUnknownEntries;
        }

        if (node.IsNull)
        {
            return true;
        }

        if (node is ScalarNode { Type: ScalarType.String } s)
        {
            value = s.Raw;
            return true;
        }

        return false;
    }

    /// <summary>Whether a key is certainly set to a non-null value (any type but unknown).</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>True when present and not null.</returns>
    public static bool IsSet(MappingNode? map, string key) => map?[key] is { } v && !v.IsNull;

    /// <summary>Whether a key is certainly absent or null.</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>True when the key is absent or null and no hidden entries could hold it.</returns>
    public static bool IsCertainlyUnset(MappingNode map, string key)
    {
        var v = map[key];
        return v is null ? !map.HasUnknownEntries : v.IsNull;
    }

    /// <summary>Whether a boolean field is certainly true.</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>True when the value is the boolean true.</returns>
    public static bool IsTrue(MappingNode? map, string key) => map?[key] is ScalarNode { Type: ScalarType.Bool, BoolValue: true };

    /// <summary>Whether a boolean field is certainly false.</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>True when the value is the boolean false.</returns>
    public static bool IsFalse(MappingNode? map, string key) => map?[key] is ScalarNode { Type: ScalarType.Bool, BoolValue: false };

    /// <summary>Formats an integer as the server prints it.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether a container is privileged (<c>securityContext.privileged: true</c>).</summary>
    /// <param name="container">The container.</param>
    /// <returns>True when privileged.</returns>
    public static bool IsPrivileged(MappingNode container) => IsTrue(container["securityContext"] as MappingNode, "privileged");

    /// <summary>Whether a path is absolute (Go <c>path.IsAbs</c>).</summary>
    /// <param name="path">The path.</param>
    /// <returns>True when it starts with '/'.</returns>
    public static bool IsAbs(string path) => path.Length > 0 && path[0] == '/';

    /// <summary>Whether a path has a '..' element (<c>validatePathNoBacksteps</c>).</summary>
    /// <param name="path">The path.</param>
    /// <returns>True when some '/'-separated element is '..'.</returns>
    public static bool HasBacksteps(string path)
    {
        // Scans the '/'-separated elements in place (no Split: this runs for every mount and host path).
        var start = 0;
        for (var i = 0; i <= path.Length; i++)
        {
            if (i == path.Length || path[i] == '/')
            {
                if (i - start == 2 && path[start] == '.' && path[start + 1] == '.')
                {
                    return true;
                }

                start = i + 1;
            }
        }

        return false;
    }
}
