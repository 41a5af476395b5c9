using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using DaemonLint.Model;

namespace DaemonLint.Parity.Yaml;

/// <summary>
/// A mutable YAML tree the generator edits. Scalars keep the exact text they are written with, so a mutant can hold
/// YAML 1.1 traps (an unquoted <c>yes</c>, <c>0777</c>, <c>1.10</c>) as well as ordinary quoted strings.
/// </summary>
internal abstract class YNode
{
    /// <summary>Deep copy.</summary>
    public abstract YNode Clone();

    /// <summary>Structural equality of the emitted form.</summary>
    public abstract bool SameAs(YNode other);

    /// <summary>Number of nodes in the subtree (1 for a scalar).</summary>
    public abstract int Size();

    /// <summary>Converts a node read by the core's YAML front end (YAML 1.1 types resolved as the decoder resolves them).</summary>
    public static YNode From(ManifestNode node)
    {
        switch (node)
        {
            case MappingNode m:
                var map = new YMap();
                foreach (var e in m.Entries)
                {
                    map.Add(e.Key, From(e.Value));
                }

                return map;
            case SequenceNode s:
                var seq = new YSeq();
                foreach (var i in s.Items)
                {
                    seq.Items.Add(From(i));
                }

                return seq;
            case ScalarNode sc:
                return sc.Type switch
                {
                    ScalarType.String => YScalar.Str(sc.Raw),
                    ScalarType.Null => YScalar.Null(),
                    _ => YScalar.Raw(sc.Raw),
                };
            default:
                throw new InvalidOperationException("unknown node in a YAML document");
        }
    }
}

/// <summary>A scalar: a string (always written quoted when plain text would change its type) or raw YAML text.</summary>
internal sealed class YScalar : YNode
{
    private YScalar(string text, bool raw)
    {
        this.Text = text;
        this.IsRaw = raw;
    }

    /// <summary>Gets the string value, or the raw YAML text.</summary>
    public string Text { get; }

    /// <summary>Gets a value indicating whether <see cref="Text"/> is written verbatim (numbers, booleans, null, traps).</summary>
    public bool IsRaw { get; }

    /// <summary>A string value.</summary>
    public static YScalar Str(string value) => new(value, false);

    /// <summary>Raw YAML text, written as is (<c>1</c>, <c>true</c>, <c>0777</c>, <c>yes</c>).</summary>
    public static YScalar Raw(string text) => new(text, true);

    /// <summary>An integer.</summary>
    public static YScalar Int(long value) => new(value.ToString(CultureInfo.InvariantCulture), true);

    /// <summary>A boolean.</summary>
    public static YScalar Bool(bool value) => new(value ? "true" : "false", true);

    /// <summary>Null.</summary>
    public static YScalar Null() => new("null", true);

    /// <inheritdoc />
    public override YNode Clone() => this;

    /// <inheritdoc />
    public override bool SameAs(YNode other) => other is YScalar s && s.IsRaw == this.IsRaw && s.Text == this.Text;

    /// <inheritdoc />
    public override int Size() => 1;

    /// <inheritdoc />
    public override string ToString() => this.IsRaw ? this.Text : YamlWriter.Quote(this.Text);
}

/// <summary>A mapping with ordered entries. Keys may repeat only when a mutant asks for a duplicate key.</summary>
internal sealed class YMap : YNode
{
    /// <summary>Gets the entries in order.</summary>
    public List<KeyValuePair<string, YNode>> Entries { get; } = new();

    /// <summary>Gets the keys written raw (unquoted even when YAML 1.1 would read them as another type).</summary>
    public HashSet<string> RawKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the value of a key, or null.</summary>
    public YNode? this[string key] => this.TryGet(key, out var v) ? v : null;

    /// <summary>Adds an entry at the end (no uniqueness check).</summary>
    public YMap Add(string key, YNode value)
    {
        this.Entries.Add(new KeyValuePair<string, YNode>(key, value));
        return this;
    }

    /// <summary>Looks up the first entry with a key.</summary>
    public bool TryGet(string key, out YNode value)
    {
        foreach (var e in this.Entries)
        {
            if (e.Key == key)
            {
                value = e.Value;
                return true;
            }
        }

        value = null!;
        return false;
    }

    /// <summary>Sets a key (replacing its first entry in place, or appending).</summary>
    public YMap Set(string key, YNode value)
    {
        for (var i = 0; i < this.Entries.Count; i++)
        {
            if (this.Entries[i].Key == key)
            {
                this.Entries[i] = new KeyValuePair<string, YNode>(key, value);
                return this;
            }
        }

        return this.Add(key, value);
    }

    /// <summary>Removes every entry with a key.</summary>
    public bool Remove(string key) => this.Entries.RemoveAll(e => e.Key == key) > 0;

    /// <summary>Gets or creates a mapping under a key.</summary>
    public YMap Map(string key)
    {
        if (this.TryGet(key, out var v) && v is YMap m)
        {
            return m;
        }

        m = new YMap();
        this.Set(key, m);
        return m;
    }

    /// <summary>Gets or creates a sequence under a key.</summary>
    public YSeq Seq(string key)
    {
        if (this.TryGet(key, out var v) && v is YSeq s)
        {
            return s;
        }

        s = new YSeq();
        this.Set(key, s);
        return s;
    }

    /// <summary>Gets a string value, or null.</summary>
    public string? Str(string key) => this[key] is YScalar { IsRaw: false } s ? s.Text : this[key] is YScalar r && r.Text != "null" ? r.Text : null;

    /// <inheritdoc />
    public override YNode Clone()
    {
        var m = new YMap();
        foreach (var e in this.Entries)
        {
            m.Entries.Add(new KeyValuePair<string, YNode>(e.Key, e.Value.Clone()));
        }

        m.RawKeys.UnionWith(this.RawKeys);
        return m;
    }

    /// <inheritdoc />
    public override bool SameAs(YNode other)
    {
        if (other is not YMap m || m.Entries.Count != this.Entries.Count)
        {
            return false;
        }

        for (var i = 0; i < this.Entries.Count; i++)
        {
            if (m.Entries[i].Key != this.Entries[i].Key || !m.Entries[i].Value.SameAs(this.Entries[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override int Size() => 1 + this.Entries.Sum(e => e.Value.Size());
}

/// <summary>A sequence.</summary>
internal sealed class YSeq : YNode
{
    /// <summary>Gets the items.</summary>
    public List<YNode> Items { get; } = new();

    /// <summary>Creates a sequence of items.</summary>
    public static YSeq Of(params YNode[] items)
    {
        var s = new YSeq();
        s.Items.AddRange(items);
        return s;
    }

    /// <inheritdoc />
    public override YNode Clone()
    {
        var s = new YSeq();
        foreach (var i in this.Items)
        {
            s.Items.Add(i.Clone());
        }

        return s;
    }

    /// <inheritdoc />
    public override bool SameAs(YNode other)
    {
        if (other is not YSeq s || s.Items.Count != this.Items.Count)
        {
            return false;
        }

        for (var i = 0; i < this.Items.Count; i++)
        {
            if (!s.Items[i].SameAs(this.Items[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override int Size() => 1 + this.Items.Sum(i => i.Size());
}

/// <summary>Writes a <see cref="YNode"/> tree as block YAML that both the oracle (go-yaml, YAML 1.1) and the core read the same way.</summary>
internal static class YamlWriter
{
    private static readonly HashSet<string> Yaml11Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    };

    /// <summary>Writes one document (no leading <c>---</c>).</summary>
    public static string Write(YNode root)
    {
        var sb = new StringBuilder();
        if (root is YMap { Entries.Count: > 0 } m)
        {
            WriteMapBody(sb, m, 0);
        }
        else if (root is YSeq { Items.Count: > 0 } s)
        {
            WriteSeqBody(sb, s, 0);
        }
        else
        {
            sb.Append(Inline(root)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Writes a string as a YAML scalar: plain when plain text reads back as the same string, else double-quoted.</summary>
    public static string Quote(string s)
    {
        if (IsSafePlain(s))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                default:
                    if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch <= 0x9f) || char.IsSurrogate(ch) || ch == '\ufeff')
                    {
                        sb.Append("\\u").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(ch);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    private static bool IsSafePlain(string s)
    {
        if (s.Length == 0 || s.Length > 200 || Yaml11Words.Contains(s) || !char.IsAsciiLetter(s[0]))
        {
            return false;
        }

        foreach (var ch in s)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '/'))
            {
                return false;
            }
        }

        // Plain text that YAML 1.1 would read as a number or a sexagesimal: leave nothing to chance.
        return !(s.Length > 1 && (s[0] is 'e' or 'E') && char.IsAsciiDigit(s[1]));
    }

    private static string Key(YMap m, string key) => m.RawKeys.Contains(key) ? key : Quote(key);

    private static string Inline(YNode n) => n switch
    {
        YScalar s => s.ToString(),
        YMap m when m.Entries.Count == 0 => "{}",
        YSeq s when s.Items.Count == 0 => "[]",
        _ => throw new InvalidOperationException("not inline"),
    };

    private static bool IsInline(YNode n) => n is YScalar || n is YMap { Entries.Count: 0 } || n is YSeq { Items.Count: 0 };

    private static void WriteMapBody(StringBuilder sb, YMap m, int indent)
    {
        var first = true;
        foreach (var e in m.Entries)
        {
            if (!first || indent > 0)
            {
                sb.Append(' ', indent);
            }

            first = false;
            WriteEntry(sb, m, e, indent);
        }
    }

    private static void WriteEntry(StringBuilder sb, YMap m, KeyValuePair<string, YNode> e, int indent)
    {
        sb.Append(Key(m, e.Key)).Append(':');
        if (IsInline(e.Value))
        {
            sb.Append(' ').Append(Inline(e.Value)).Append('\n');
        }
        else if (e.Value is YMap child)
        {
            sb.Append('\n');
            WriteMapBody(sb, child, indent + 2);
        }
        else
        {
            sb.Append('\n');
            WriteSeqBody(sb, (YSeq)e.Value, indent + 2);
        }
    }

    private static void WriteSeqBody(StringBuilder sb, YSeq s, int indent)
    {
        foreach (var item in s.Items)
        {
            sb.Append(' ', indent).Append("- ");
            if (IsInline(item))
            {
                sb.Append(Inline(item)).Append('\n');
            }
            else if (item is YMap m)
            {
                // First entry on the dash line, the others aligned under it.
                var first = true;
                foreach (var e in m.Entries)
                {
                    if (!first)
                    {
                        sb.Append(' ', indent + 2);
                    }

                    first = false;
                    WriteEntry(sb, m, e, indent + 2);
                }
            }
            else
            {
                sb.Append('\n');
                WriteSeqBody(sb, (YSeq)item, indent + 2);
            }
        }
    }
}
