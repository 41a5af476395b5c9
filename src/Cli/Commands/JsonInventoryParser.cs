using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using DaemonLint.Catalog;
using DaemonLint.Hosting;
using DaemonLint.Model;
using DaemonLint.Placement;
using DaemonLint.Yaml;

namespace DaemonLint.Cli.Commands;

/// <summary>
/// The JSON fast path of the inventory loader for <c>kubectl get ... -o json</c> inventories: System.Text.Json's reader instead
/// of the YAML parser (several times faster on a cluster's pod list), keeping the same fields (<see cref="InventoryReader.Root"/>)
/// and building the same nodes, so the inventories read the same. Positions count lines and UTF-8 bytes within the line.
/// </summary>
public sealed class JsonInventoryParser : IJsonInventoryParser
{
    /// <summary>Gets the parser.</summary>
    public static JsonInventoryParser Instance { get; } = new();

    /// <inheritdoc />
    public InventoryDocuments Parse(string file, byte[] bytes, ReaderLimits limits, Action<ManifestObject> onObject) => Read(file, bytes, limits, onObject);

    /// <summary>Reads a JSON inventory (one or more top-level values).</summary>
    /// <param name="file">The file name.</param>
    /// <param name="bytes">The UTF-8 text.</param>
    /// <param name="limits">The limits (the nesting depth applies), or the defaults.</param>
    /// <param name="onObject">Receives each object as it is read, or null to collect them.</param>
    /// <returns>The objects and problems, as <see cref="InventoryReader.Read(string?, System.IO.TextReader, ReaderLimits?, Action{ManifestObject}?)"/> gives them.</returns>
    public static InventoryDocuments Read(string? file, byte[] bytes, ReaderLimits? limits = null, Action<ManifestObject>? onObject = null)
    {
        limits ??= ReaderLimits.Default;
        var result = new InventoryDocuments(onObject);
        var start = bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? 3 : 0;
        var walker = new Walker(bytes, start, result.Problems);
        var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowMultipleValues = true, MaxDepth = limits.MaxDepth };
        var reader = new Utf8JsonReader(bytes.AsSpan(start), options);
        var index = 0;
        try
        {
            while (reader.Read())
            {
                if (walker.Read(ref reader, InventoryReader.Root, 0) is MappingNode map)
                {
                    InventoryReader.AddObjects(result, map, file, index);
                }

                index++;
            }
        }
        catch (InvalidOperationException ex)
        {
            // GetString on a string that is not valid UTF-8 (or holds an invalid escape).
            result.Problems.Add(new InputProblem(RuleCatalog.DS9001_YamlSyntax.Id, "JSON syntax error: " + ex.Message, walker.LastSpan));
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            var at = new SourcePosition(line, column, 0);
            result.Problems.Add(new InputProblem(RuleCatalog.DS9001_YamlSyntax.Id, "JSON syntax error: " + ex.Message, new SourceSpan(at, at)));
        }

        return result;
    }

    private sealed class Walker
    {
        private readonly byte[] bytes;
        private readonly int offset;
        private readonly List<InputProblem> problems;
        private int scanned;
        private int line = 1;
        private int lineStart;

        public Walker(byte[] bytes, int offset, List<InputProblem> problems)
        {
            this.bytes = bytes;
            this.offset = offset;
            this.problems = problems;
            this.scanned = offset;
            this.lineStart = offset;
        }

        /// <summary>Reads the value at the reader's current token; with a null shape it is skipped.</summary>
        public ManifestNode? Read(ref Utf8JsonReader reader, InventoryShape? shape, int depth)
        {
            if (shape is null)
            {
                reader.Skip();
                return null;
            }

            var startPos = this.Position(reader.TokenStartIndex);
            this.LastSpan = new SourceSpan(startPos, startPos);
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    return this.ReadObject(ref reader, shape, depth, startPos);
                case JsonTokenType.StartArray:
                {
                    var items = new List<ManifestNode>();
                    var itemShape = shape.Item();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (this.Read(ref reader, itemShape, depth + 1) is { } item)
                        {
                            items.Add(item);
                        }
                    }

                    return new SequenceNode(new SourceSpan(startPos, this.Position(reader.TokenStartIndex + 1)), items);
                }

                case JsonTokenType.String:
                    return new ScalarNode(this.Span(startPos, ref reader), reader.GetString()!, ScalarType.String, quoted: true);
                case JsonTokenType.Number:
                {
                    var text = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());
                    var type = ScalarResolver.ResolvePlain(text, out var number, out var integer);
                    return new ScalarNode(this.Span(startPos, ref reader), text, type, false, number, integer);
                }

                case JsonTokenType.True:
                    return new ScalarNode(this.Span(startPos, ref reader), "true", ScalarType.Bool, false, 1);
                case JsonTokenType.False:
                    return new ScalarNode(this.Span(startPos, ref reader), "false", ScalarType.Bool, false, 0);
                default:
                    return new ScalarNode(this.Span(startPos, ref reader), "null", ScalarType.Null);
            }
        }

        private ManifestNode ReadObject(ref Utf8JsonReader reader, InventoryShape shape, int depth, SourcePosition startPos)
        {
            var entries = new List<MappingEntry>();
            Dictionary<string, int>? index = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var keyStart = this.Position(reader.TokenStartIndex);
                this.LastSpan = new SourceSpan(keyStart, keyStart);
                var key = reader.GetString()!;
                var keySpan = this.Span(keyStart, ref reader);
                reader.Read();
                var value = this.Read(ref reader, shape.Child(key), depth + 1);
                if (value is null)
                {
                    continue;
                }

                var entry = new MappingEntry(key, keySpan, value);
                var existing = -1;
                if (index is not null)
                {
                    existing = index.TryGetValue(key, out var i) ? i : -1;
                }
                else
                {
                    for (var i = 0; i < entries.Count; i++)
                    {
                        if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
                        {
                            existing = i;
                            break;
                        }
                    }
                }

                if (existing >= 0)
                {
                    this.problems.Add(new InputProblem(RuleCatalog.DS9004_DuplicateKey.Id, $"mapping key \"{key}\" already defined at line {entries[existing].KeySpan.Start.Line}; the Kubernetes decoder rejects duplicate keys", keySpan));
                    entries[existing] = entry;
                    continue;
                }

                if (index is null && entries.Count >= 8)
                {
                    index = new Dictionary<string, int>(StringComparer.Ordinal);
                    for (var i = 0; i < entries.Count; i++)
                    {
                        index[entries[i].Key] = i;
                    }
                }

                index?.Add(key, entries.Count);
                entries.Add(entry);
            }

            return new MappingNode(new SourceSpan(startPos, this.Position(reader.TokenStartIndex + 1)), entries);
        }

        /// <summary>Gets the span of the last token read, for errors that carry no position.</summary>
        public SourceSpan LastSpan { get; private set; }

        private SourceSpan Span(SourcePosition start, ref Utf8JsonReader reader) =>
            this.LastSpan = new(start, this.Position(reader.BytesConsumed));

        // Offsets only grow while reading, so lines are counted once over the whole text.
        private SourcePosition Position(long relative)
        {
            var target = (int)Math.Min(this.offset + relative, this.bytes.Length);
            if (target < this.scanned)
            {
                return new SourcePosition(this.line, target - this.lineStart + 1, target);
            }

            var newline = Array.IndexOf(this.bytes, (byte)'\n', this.scanned, target - this.scanned);
            while (newline >= 0)
            {
                this.line++;
                this.lineStart = newline + 1;
                newline = Array.IndexOf(this.bytes, (byte)'\n', newline + 1, target - newline - 1);
            }

            this.scanned = target;
            return new SourcePosition(this.line, target - this.lineStart + 1, target);
        }
    }
}
