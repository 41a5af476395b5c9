using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using DaemonLint.Model;

namespace DaemonLint.Schema;

/// <summary>
/// A minimal JSON reader for the embedded schema document, building the same node tree the YAML front end would
/// (without positions). The YAML front end reads JSON too, but loading the 80 KB schema through it costs tens of
/// milliseconds at every process start; this reader needs about one.
/// </summary>
/// <remarks>
/// It reads UTF-8 bytes as they are embedded: no text of the whole document is decoded first (a reader and its decoded copy
/// were 337 KiB of a one-file run's 1.9 MiB, most of it memory the process touched for the first time). Strings the document
/// repeats (<c>type</c>, <c>string</c>, <c>properties</c>: most of its strings) are made once; mappings and sequences take
/// arrays of their exact size from lists kept per depth.
/// </remarks>
internal sealed class SchemaJsonReader
{
    // The strings made so far, by a hash of their bytes: the document's keys and small values are a few hundred names.
    private const int InternSlots = 1024;
    private const int InternMaxLength = 48;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] data;
    private readonly int end;
    private readonly string?[] interned = new string?[InternSlots];
    private readonly List<List<MappingEntry>> entryLists = new();
    private readonly List<List<ManifestNode>> itemLists = new();
    private int pos;

    private SchemaJsonReader(byte[] data, int offset, int count)
    {
        this.data = data;
        this.pos = offset;
        this.end = offset + count;
    }

    /// <summary>Parses a JSON text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The root node.</returns>
    /// <exception cref="InvalidDataException">The text is not JSON.</exception>
    public static ManifestNode Parse(string text)
    {
        var bytes = Utf8.GetBytes(text);
        return Parse(bytes, 0, bytes.Length);
    }

    /// <summary>Parses a JSON document in UTF-8 (a byte order mark first is skipped).</summary>
    /// <param name="utf8">The bytes.</param>
    /// <param name="offset">Where the document starts.</param>
    /// <param name="count">Its length in bytes.</param>
    /// <returns>The root node.</returns>
    /// <exception cref="InvalidDataException">The bytes are not JSON in UTF-8.</exception>
    public static ManifestNode Parse(byte[] utf8, int offset, int count)
    {
        var r = new SchemaJsonReader(utf8, offset, count);
        if (count >= 3 && utf8[offset] == 0xEF && utf8[offset + 1] == 0xBB && utf8[offset + 2] == 0xBF)
        {
            r.pos += 3;
        }

        var v = r.Value(0);
        r.SkipSpace();
        if (r.pos != r.end)
        {
            throw r.Error("trailing characters");
        }

        return v;
    }

    /// <summary>Reads a whole stream (an embedded resource) and parses it.</summary>
    /// <param name="stream">The stream.</param>
    /// <returns>The root node.</returns>
    /// <exception cref="InvalidDataException">The bytes are not JSON in UTF-8.</exception>
    public static ManifestNode Parse(Stream stream)
    {
        var bytes = new byte[stream.Length];
        var n = 0;
        while (n < bytes.Length)
        {
            var read = stream.Read(bytes, n, bytes.Length - n);
            if (read == 0)
            {
                break;
            }

            n += read;
        }

        return Parse(bytes, 0, n);
    }

    private ManifestNode Value(int depth)
    {
        if (depth > 128)
        {
            throw this.Error("nesting too deep");
        }

        this.SkipSpace();
        if (this.pos >= this.end)
        {
            throw this.Error("unexpected end");
        }

        switch (this.data[this.pos])
        {
            case (byte)'{':
            {
                this.pos++;
                var entries = Level(this.entryLists, depth);
                this.SkipSpace();
                if (this.Peek() == '}')
                {
                    this.pos++;
                    return MappingNode.Read(SourceSpan.None, Array.Empty<MappingEntry>());
                }

                while (true)
                {
                    this.SkipSpace();
                    var key = this.String();
                    this.SkipSpace();
                    this.Expect(':');
                    entries.Add(new MappingEntry(key, SourceSpan.None, this.Value(depth + 1)));
                    this.SkipSpace();
                    if (this.Peek() == ',')
                    {
                        this.pos++;
                        continue;
                    }

                    this.Expect('}');
                    var array = entries.ToArray();
                    entries.Clear();
                    return MappingNode.Read(SourceSpan.None, array);
                }
            }

            case (byte)'[':
            {
                this.pos++;
                var items = Level(this.itemLists, depth);
                this.SkipSpace();
                if (this.Peek() == ']')
                {
                    this.pos++;
                    return SequenceNode.Read(SourceSpan.None, Array.Empty<ManifestNode>());
                }

                while (true)
                {
                    items.Add(this.Value(depth + 1));
                    this.SkipSpace();
                    if (this.Peek() == ',')
                    {
                        this.pos++;
                        continue;
                    }

                    this.Expect(']');
                    var array = items.ToArray();
                    items.Clear();
                    return SequenceNode.Read(SourceSpan.None, array);
                }
            }

            case (byte)'"':
                return new ScalarNode(SourceSpan.None, this.String(), ScalarType.String, quoted: true);
            case (byte)'t':
                this.Word("true");
                return new ScalarNode(SourceSpan.None, "true", ScalarType.Bool, number: 1);
            case (byte)'f':
                this.Word("false");
                return new ScalarNode(SourceSpan.None, "false", ScalarType.Bool);
            case (byte)'n':
                this.Word("null");
                return new ScalarNode(SourceSpan.None, "null", ScalarType.Null);
            default:
                var start = this.pos;
                while (this.pos < this.end && this.data[this.pos] is (byte)'+' or (byte)'-' or (byte)'.' or (byte)'e' or (byte)'E' or (>= (byte)'0' and <= (byte)'9'))
                {
                    this.pos++;
                }

                if (this.pos == start)
                {
                    throw this.Error("unexpected character");
                }

                var raw = this.Text(start, this.pos - start);
                if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    return new ScalarNode(SourceSpan.None, raw, ScalarType.Int, number: l, integer: l);
                }

                if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    return new ScalarNode(SourceSpan.None, raw, ScalarType.Float, number: d);
                }

                throw this.Error("unexpected character");
        }
    }

    // The list of a depth, empty: a mapping's entries are collected there, then copied to an array of their exact size.
    private static List<T> Level<T>(List<List<T>> lists, int depth)
    {
        while (lists.Count <= depth)
        {
            lists.Add(new List<T>());
        }

        return lists[depth];
    }

    private string String()
    {
        this.Expect('"');
        StringBuilder? sb = null;
        var start = this.pos;
        while (this.pos < this.end)
        {
            var c = this.data[this.pos];
            if (c == '"')
            {
                var s = sb is null ? this.Text(start, this.pos - start) : sb.Append(this.Decode(start, this.pos - start)).ToString();
                this.pos++;
                return s;
            }

            if (c != '\\')
            {
                this.pos++;
                continue;
            }

            sb ??= new StringBuilder();
            sb.Append(this.Decode(start, this.pos - start)); // pieces of an escaped string are not worth a slot
            if (this.pos + 1 >= this.end)
            {
                break;
            }

            var e = (char)this.data[this.pos + 1];
            this.pos += 2;
            switch (e)
            {
                case 'n':
                    sb.Append('\n');
                    break;
                case 't':
                    sb.Append('\t');
                    break;
                case 'r':
                    sb.Append('\r');
                    break;
                case 'b':
                    sb.Append('\b');
                    break;
                case 'f':
                    sb.Append('\f');
                    break;
                case 'u' when this.pos + 4 <= this.end && ushort.TryParse(this.Text(this.pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit):
                    sb.Append((char)unit);
                    this.pos += 4;
                    break;
                case '"' or '\\' or '/':
                    sb.Append(e);
                    break;
                default:
                    throw this.Error("invalid escape");
            }

            start = this.pos;
        }

        throw this.Error("unterminated string");
    }

    // The text of a run of bytes: the string made for the same bytes before, if any (ASCII runs of up to InternMaxLength).
    private string Text(int start, int length)
    {
        if (length == 0)
        {
            return string.Empty;
        }

        if (length > InternMaxLength)
        {
            return this.Decode(start, length);
        }

        var hash = 2166136261u;
        for (var i = start; i < start + length; i++)
        {
            var b = this.data[i];
            if (b >= 0x80)
            {
                return this.Decode(start, length);
            }

            hash = (hash ^ b) * 16777619u;
        }

        var slot = (int)(hash & (InternSlots - 1));
        for (var probe = 0; probe < 8; probe++, slot = (slot + 1) & (InternSlots - 1))
        {
            var s = this.interned[slot];
            if (s is null)
            {
                s = this.Decode(start, length);
                this.interned[slot] = s;
                return s;
            }

            if (this.SameAscii(s, start, length))
            {
                return s;
            }
        }

        return this.Decode(start, length);
    }

    private bool SameAscii(string s, int start, int length)
    {
        if (s.Length != length)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            if (s[i] != this.data[start + i])
            {
                return false;
            }
        }

        return true;
    }

    private string Decode(int start, int length)
    {
        try
        {
            return Utf8.GetString(this.data, start, length);
        }
        catch (DecoderFallbackException)
        {
            throw this.Error("invalid UTF-8");
        }
    }

    private void Word(string word)
    {
        if (this.pos + word.Length > this.end)
        {
            throw this.Error("unexpected word");
        }

        for (var i = 0; i < word.Length; i++)
        {
            if (this.data[this.pos + i] != word[i])
            {
                throw this.Error("unexpected word");
            }
        }

        this.pos += word.Length;
    }

    private void Expect(char c)
    {
        if (this.Peek() != c)
        {
            throw this.Error($"expected '{c}'");
        }

        this.pos++;
    }

    private char Peek() => this.pos < this.end ? (char)this.data[this.pos] : '\0';

    private void SkipSpace()
    {
        while (this.pos < this.end && this.data[this.pos] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            this.pos++;
        }
    }

    private InvalidDataException Error(string what) => new($"schema JSON: {what} at byte {this.pos}");
}
