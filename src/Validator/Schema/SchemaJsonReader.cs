using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using DaemonLint.Model;

namespace DaemonLint.Schema;

/// <summary>
/// A minimal JSON reader for the embedded schema document, building the same node tree the YAML front end would
/// (without positions). The YAML front end reads JSON too, but loading the 74 KB schema through it costs tens of
/// milliseconds at every process start; this reader needs a few.
/// </summary>
internal sealed class SchemaJsonReader
{
    private readonly string text;
    private int pos;

    private SchemaJsonReader(string text) => this.text = text;

    /// <summary>Parses a JSON text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The root node.</returns>
    /// <exception cref="InvalidDataException">The text is not JSON.</exception>
    public static ManifestNode Parse(string text)
    {
        var r = new SchemaJsonReader(text);
        var v = r.Value(0);
        r.SkipSpace();
        if (r.pos != text.Length)
        {
            throw r.Error("trailing characters");
        }

        return v;
    }

    private ManifestNode Value(int depth)
    {
        if (depth > 128)
        {
            throw this.Error("nesting too deep");
        }

        this.SkipSpace();
        if (this.pos >= this.text.Length)
        {
            throw this.Error("unexpected end");
        }

        switch (this.text[this.pos])
        {
            case '{':
                this.pos++;
                var entries = new List<MappingEntry>();
                this.SkipSpace();
                if (this.Peek() == '}')
                {
                    this.pos++;
                    return new MappingNode(SourceSpan.None, entries);
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
                    return new MappingNode(SourceSpan.None, entries);
                }

            case '[':
                this.pos++;
                var items = new List<ManifestNode>();
                this.SkipSpace();
                if (this.Peek() == ']')
                {
                    this.pos++;
                    return new SequenceNode(SourceSpan.None, items);
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
                    return new SequenceNode(SourceSpan.None, items);
                }

            case '"':
                return new ScalarNode(SourceSpan.None, this.String(), ScalarType.String, quoted: true);
            case 't':
                this.Word("true");
                return new ScalarNode(SourceSpan.None, "true", ScalarType.Bool, number: 1);
            case 'f':
                this.Word("false");
                return new ScalarNode(SourceSpan.None, "false", ScalarType.Bool);
            case 'n':
                this.Word("null");
                return new ScalarNode(SourceSpan.None, "null", ScalarType.Null);
            default:
                var start = this.pos;
                while (this.pos < this.text.Length && "+-0123456789.eE".IndexOf(this.text[this.pos]) >= 0)
                {
                    this.pos++;
                }

                var raw = this.text.Substring(start, this.pos - start);
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

    private string String()
    {
        this.Expect('"');
        StringBuilder? sb = null;
        var start = this.pos;
        while (this.pos < this.text.Length)
        {
            var c = this.text[this.pos];
            if (c == '"')
            {
                var s = sb is null ? this.text.Substring(start, this.pos - start) : sb.Append(this.text, start, this.pos - start).ToString();
                this.pos++;
                return s;
            }

            if (c != '\\')
            {
                this.pos++;
                continue;
            }

            sb ??= new StringBuilder();
            sb.Append(this.text, start, this.pos - start);
            if (this.pos + 1 >= this.text.Length)
            {
                break;
            }

            var e = this.text[this.pos + 1];
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
                case 'u' when this.pos + 4 <= this.text.Length:
                    sb.Append((char)int.Parse(this.text.Substring(this.pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    this.pos += 4;
                    break;
                default:
                    sb.Append(e);
                    break;
            }

            start = this.pos;
        }

        throw this.Error("unterminated string");
    }

    private void Word(string word)
    {
        if (string.CompareOrdinal(this.text, this.pos, word, 0, word.Length) != 0)
        {
            throw this.Error("unexpected word");
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

    private char Peek() => this.pos < this.text.Length ? this.text[this.pos] : '\0';

    private void SkipSpace()
    {
        while (this.pos < this.text.Length && this.text[this.pos] is ' ' or '\n' or '\r' or '\t')
        {
            this.pos++;
        }
    }

    private InvalidDataException Error(string what) => new($"schema JSON: {what} at offset {this.pos}");
}
