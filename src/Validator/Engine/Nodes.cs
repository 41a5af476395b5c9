using DaemonLint.Model;

namespace DaemonLint.Engine;

/// <summary>
/// Typed reads of the node tree for rules. A null scalar counts as absent (the decoder drops it); values of the
/// wrong type are left to the schema layer and read as absent here, so one mistake gives one finding.
/// </summary>
public static class Nodes
{
    // Characters of flow text after which a mapping or sequence display stops with "...".
    private const int FlowLimit = 200;

    /// <summary>Gets a child value, treating an explicit null as absent.</summary>
    /// <param name="map">The mapping (may be null).</param>
    /// <param name="key">The key.</param>
    /// <returns>The value or null.</returns>
    public static ManifestNode? Get(this MappingNode? map, string key)
    {
        var v = map?[key];
        return v is null || v.IsNull ? null : v;
    }

    /// <summary>Gets a child mapping.</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>The mapping, or null when absent, null or not a mapping.</returns>
    public static MappingNode? Map(this MappingNode? map, string key) => map.Get(key) as MappingNode;

    /// <summary>Gets a child sequence.</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>The sequence, or null.</returns>
    public static SequenceNode? Seq(this MappingNode? map, string key) => map.Get(key) as SequenceNode;

    /// <summary>Gets a child scalar of string type.</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>The string, or null when absent or not a string.</returns>
    public static string? Str(this MappingNode? map, string key) => map.Get(key) is ScalarNode { Type: ScalarType.String } s ? s.Raw : null;

    /// <summary>Gets a child integer.</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>The integer, or null when absent or not an integer.</returns>
    public static long? Int(this MappingNode? map, string key) => map.Get(key) is ScalarNode s ? s.IntValue : null;

    /// <summary>Gets a child boolean.</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>The boolean, or null when absent or not a boolean.</returns>
    public static bool? Bool(this MappingNode? map, string key) => map.Get(key) is ScalarNode { Type: ScalarType.Bool } s ? s.BoolValue : null;

    /// <summary>Whether a key's value is unknown (C# front end) or the mapping may hide keys.</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>True when the rule cannot tell.</returns>
    public static bool IsUnknown(this MappingNode? map, string key)
    {
        if (map is null)
        {
            return false;
        }

        var v = map[key];
        return v is null ? map.HasUnknownEntries : ContainsUnknown(v);
    }

    /// <summary>Whether a node is, or holds anywhere below it, an unknown value.</summary>
    /// <param name="node">The node.</param>
    /// <returns>True when some part cannot be computed.</returns>
    public static bool ContainsUnknown(ManifestNode? node) => node is { ContainsUnknown: true };

    /// <summary>
    /// Formats a value the way the API server prints a bad value: strings quoted (<see cref="Quote"/>), numbers bare,
    /// mappings and sequences in flow style; at most about <see cref="GoText.MaxEchoedBytes"/> bytes of any of them.
    /// </summary>
    /// <param name="node">The node.</param>
    /// <returns>The text.</returns>
    public static string Display(ManifestNode? node) => node switch
    {
        ScalarNode { Type: ScalarType.String } s => Quote(s.Raw),
        ScalarNode { Type: ScalarType.Null } => "null",
        ScalarNode s => s.Raw.Length > GoText.MaxEchoedBytes ? GoText.Clip(GoText.Escape(s.Raw), GoText.MaxEchoedBytes) : GoText.Escape(s.Raw),
        MappingNode m => Flow(m),
        SequenceNode q => Flow(q),
        _ => "(unknown)",
    };

    /// <summary>
    /// Quotes a string as Go's <c>%q</c> does (<see cref="GoText.Quote"/>: control, format and other non-printable
    /// characters escaped as <c>\x1b</c>, <c>\u00a0</c>, ...), echoing at most <see cref="GoText.MaxEchoedBytes"/> UTF-8
    /// bytes of it: a longer value ends with <c>...(truncated N bytes)</c>.
    /// </summary>
    /// <param name="s">The text.</param>
    /// <returns>The quoted text.</returns>
    public static string Quote(string s) => GoText.QuoteCapped(s);

    // A key prints bare when it is plain printable ASCII that cannot be misread in the flow text; otherwise quoted.
    private static void AppendKey(System.Text.StringBuilder sb, string key)
    {
        var plain = key.Length is > 0 and <= 253;
        foreach (var c in key)
        {
            if (c is <= ' ' or >= '\u007f' or '{' or '}' or '[' or ']' or ',' or ':' or '"' or '\'' or '#' or '\\')
            {
                plain = false;
                break;
            }
        }

        sb.Append(plain ? key : Quote(key));
    }

    private static string Flow(ManifestNode node)
    {
        var sb = new System.Text.StringBuilder();
        Flow(node, sb, 0);
        return sb.ToString();
    }

    private static void Flow(ManifestNode node, System.Text.StringBuilder sb, int depth)
    {
        if (sb.Length > FlowLimit || depth > 8)
        {
            sb.Append("...");
            return;
        }

        switch (node)
        {
            case MappingNode m:
                sb.Append('{');
                for (var i = 0; i < m.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                        if (sb.Length > FlowLimit)
                        {
                            sb.Append("...");
                            break; // a mapping of 10,000 entries prints its first few, not 10,000 ellipses
                        }
                    }

                    AppendKey(sb, m.Entries[i].Key);
                    sb.Append(": ");
                    Flow(m.Entries[i].Value, sb, depth + 1);
                }

                sb.Append('}');
                break;
            case SequenceNode s:
                sb.Append('[');
                for (var i = 0; i < s.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                        if (sb.Length > FlowLimit)
                        {
                            sb.Append("...");
                            break;
                        }
                    }

                    Flow(s.Items[i], sb, depth + 1);
                }

                sb.Append(']');
                break;
            default:
                sb.Append(Display(node));
                break;
        }
    }
}
