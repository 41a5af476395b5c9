using System;
using System.Collections.Generic;
using System.IO;
using DaemonLint.Catalog;
using DaemonLint.Model;
using DaemonLint.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DaemonLint.Placement;

/// <summary>What an inventory file held: the objects (with only the fields placement reads) and the problems met.</summary>
public sealed class InventoryDocuments
{
    private readonly Action<ManifestObject>? onObject;

    /// <summary>Initializes a new instance of the <see cref="InventoryDocuments"/> class.</summary>
    /// <param name="onObject">Receives each object as it is read instead of <see cref="Objects"/> (a pod list then never sits in memory whole).</param>
    public InventoryDocuments(Action<ManifestObject>? onObject = null) => this.onObject = onObject;

    /// <summary>Gets the objects, List items expanded, in input order (empty when they went to a callback).</summary>
    public List<ManifestObject> Objects { get; } = new();

    /// <summary>Gets the problems reading the text (syntax errors, duplicate keys, nesting too deep).</summary>
    public List<InputProblem> Problems { get; } = new();

    /// <summary>Gets the number of documents that were a <c>kind: *List</c> with no items (the output of <c>kubectl get</c> on an empty cluster).</summary>
    public int EmptyLists { get; internal set; }

    /// <summary>Gets the number of objects read.</summary>
    public int Count { get; private set; }

    /// <summary>Adds an object (or hands it to the callback).</summary>
    /// <param name="obj">The object.</param>
    public void Add(ManifestObject obj)
    {
        this.Count++;
        if (this.onObject is null)
        {
            this.Objects.Add(obj);
        }
        else
        {
            this.onObject(obj);
        }
    }
}

/// <summary>
/// Reads <c>kubectl get nodes|pods -o yaml|json</c> output as a stream, keeping only the fields placement and capacity
/// read (names, labels, taints, allocatable; a pod's node, phase, owner, container requests and ports) and skipping the
/// rest (images, managedFields, conditions, env, volumes...). A cluster's pod list runs to hundreds of megabytes; this
/// reads it in one pass without building the whole tree. Positions are kept, so problems point into the file.
/// Aliases and merge keys are followed within the kept fields; scalars are typed as the Kubernetes decoder types them.
/// </summary>
public static class InventoryReader
{
    /// <summary>Gets what is kept of a document: the root shape (an object, or a List whose items are objects).</summary>
    public static InventoryShape Root { get; } = BuildRootShape();

    /// <summary>Reads the documents of an inventory.</summary>
    /// <param name="file">The file name put on objects and problems.</param>
    /// <param name="reader">The text.</param>
    /// <param name="limits">The limits (only the nesting depth applies: nothing is expanded).</param>
    /// <returns>The objects and problems; reading stops at the first syntax error.</returns>
    /// <param name="onObject">Receives each object as it is read (they are then not kept), or null to collect them.</param>
    public static InventoryDocuments Read(string? file, TextReader reader, ReaderLimits? limits = null, Action<ManifestObject>? onObject = null)
    {
        limits ??= ReaderLimits.Default;
        var result = new InventoryDocuments(onObject);
        var scanner = new Scanner(reader, skipComments: true);
        var parser = new YamlManifestReader.GuardedParser(new Parser(scanner), scanner);
        var walker = new Walker(parser, limits.MaxDepth, result.Problems);
        var index = 0;
        try
        {
            parser.Consume<StreamStart>();
            while (!parser.Accept<StreamEnd>(out _))
            {
                parser.Consume<DocumentStart>();
                walker.ResetAnchors();
                var root = walker.Read(Root, 0);
                parser.Consume<DocumentEnd>();
                if (root is MappingNode map)
                {
                    AddObjects(result, map, file, index);
                }

                index++;
            }
        }
        catch (YamlException ex)
        {
            var span = ex.Start.Index == 0 && ex.End.Index == 0 ? YamlManifestReader.ToSpan(scanner.CurrentPosition, scanner.CurrentPosition) : YamlManifestReader.ToSpan(ex.Start, ex.End);
            result.Problems.Add(new InputProblem(RuleCatalog.DS9001_YamlSyntax.Id, "YAML syntax error: " + CleanMessage(ex.Message), span));
        }
        catch (TooDeepException ex)
        {
            result.Problems.Add(new InputProblem(RuleCatalog.DS9006_DocumentTooComplex.Id, $"nesting is deeper than {limits.MaxDepth} levels; no Kubernetes object is this deep, so the rest of the file is not read", ex.Span));
        }

        return result;
    }

    /// <summary>Reads the documents of an inventory text.</summary>
    /// <param name="file">The file name.</param>
    /// <param name="text">The text.</param>
    /// <param name="limits">The limits.</param>
    /// <returns>The objects and problems.</returns>
    public static InventoryDocuments Read(string? file, string text, ReaderLimits? limits = null) => Read(file, new StringReader(text), limits);

    /// <summary>Adds the objects of one document's root: the items of a <c>kind: *List</c>, or the root itself.</summary>
    /// <param name="result">Where to add them.</param>
    /// <param name="map">The document's root mapping.</param>
    /// <param name="file">The file name.</param>
    /// <param name="index">The document index.</param>
    public static void AddObjects(InventoryDocuments result, MappingNode map, string? file, int index)
    {
        if (map["kind"] is ScalarNode kind && kind.Raw.EndsWith("List", StringComparison.Ordinal) && map["items"] is SequenceNode items)
        {
            if (items.Count == 0)
            {
                result.EmptyLists++;
            }

            for (var i = 0; i < items.Count; i++)
            {
                if (items.Items[i] is MappingNode item)
                {
                    result.Add(new ManifestObject(item, file, index, i));
                }
            }

            return;
        }

        result.Add(new ManifestObject(map, file, index));
    }

    private static string CleanMessage(string message)
    {
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && i > 0 ? message.Substring(i + 3) : message;
    }

    private static InventoryShape BuildRootShape()
    {
        var container = InventoryShape.Map(
            ("name", InventoryShape.All),
            ("restartPolicy", InventoryShape.All),
            ("resources", InventoryShape.Map(("requests", InventoryShape.All))),
            ("ports", InventoryShape.All));
        var obj = InventoryShape.Map(
            ("apiVersion", InventoryShape.All),
            ("kind", InventoryShape.All),
            ("metadata", InventoryShape.Map(("name", InventoryShape.All), ("generateName", InventoryShape.All), ("namespace", InventoryShape.All), ("labels", InventoryShape.All), ("ownerReferences", InventoryShape.All))),
            ("spec", InventoryShape.Map(
                ("taints", InventoryShape.All),
                ("unschedulable", InventoryShape.All),
                ("nodeName", InventoryShape.All),
                ("hostNetwork", InventoryShape.All),
                ("priority", InventoryShape.All),
                ("priorityClassName", InventoryShape.All),
                ("overhead", InventoryShape.All),
                ("resources", InventoryShape.All),
                ("containers", InventoryShape.Seq(container)),
                ("initContainers", InventoryShape.Seq(container)))),
            ("status", InventoryShape.Map(("allocatable", InventoryShape.All), ("phase", InventoryShape.All))));
        var root = InventoryShape.Map();
        foreach (var kv in obj.Children!)
        {
            root.Children![kv.Key] = kv.Value;
        }

        root.Children!["items"] = InventoryShape.Seq(obj);
        return root;
    }

    private sealed class TooDeepException : Exception
    {
        public TooDeepException(SourceSpan span) => this.Span = span;

        public SourceSpan Span { get; }
    }

    private sealed class Walker
    {
        private readonly IParser parser;
        private readonly int maxDepth;
        private readonly List<InputProblem> problems;
        private readonly Dictionary<string, ManifestNode> anchors = new(StringComparer.Ordinal);

        public Walker(IParser parser, int maxDepth, List<InputProblem> problems)
        {
            this.parser = parser;
            this.maxDepth = maxDepth;
            this.problems = problems;
        }

        public void ResetAnchors() => this.anchors.Clear();

        /// <summary>Reads the node at the current event; with a null shape it is skipped and null returned.</summary>
        public ManifestNode? Read(InventoryShape? shape, int depth)
        {
            var ev = this.parser.Current!;
            switch (ev)
            {
                case Scalar s:
                    this.parser.MoveNext();
                    if (shape is null)
                    {
                        return null;
                    }

                    var scalar = MakeScalar(s);
                    this.Remember(s.Anchor, scalar);
                    return scalar;
                case AnchorAlias a:
                    this.parser.MoveNext();
                    if (shape is null)
                    {
                        return null;
                    }

                    if (this.anchors.TryGetValue(a.Value.Value, out var target))
                    {
                        return target;
                    }

                    this.problems.Add(new InputProblem(RuleCatalog.DS9001_YamlSyntax.Id, $"alias '*{a.Value.Value}' refers to an anchor this reader did not keep (or none); it is read as null", YamlManifestReader.ToSpan(a.Start, a.End)));
                    return null;
                case MappingStart ms:
                    this.Deeper(depth, ms);
                    this.parser.MoveNext();
                    return this.ReadMapping(ms, shape, depth);
                case SequenceStart ss:
                    this.Deeper(depth, ss);
                    this.parser.MoveNext();
                    return this.ReadSequence(ss, shape, depth);
                default:
                    throw new YamlException(ev.Start, ev.End, "unexpected " + ev.GetType().Name);
            }
        }

        // Quoted and block scalars are strings whatever their text, as in YamlManifestReader.
        private static bool IsQuoted(Scalar s) => s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;

        private static ScalarNode MakeScalar(Scalar s)
        {
            var span = YamlManifestReader.ToSpan(s.Start, s.End);
            var quoted = IsQuoted(s);
            if (!s.Tag.IsEmpty && !s.Tag.IsNonSpecific)
            {
                var tag = s.Tag.Value;
                if (tag.EndsWith(":str", StringComparison.Ordinal))
                {
                    return new ScalarNode(span, s.Value, ScalarType.String, quoted: true);
                }

                if (tag.EndsWith(":null", StringComparison.Ordinal))
                {
                    return new ScalarNode(span, s.Value, ScalarType.Null, quoted);
                }
            }

            if (quoted || s.Tag.IsNonSpecific)
            {
                return new ScalarNode(span, s.Value, ScalarType.String, quoted: true);
            }

            var type = ScalarResolver.ResolvePlain(s.Value, out var number, out var i64);
            return new ScalarNode(span, s.Value, type, false, number, i64);
        }

        private void Deeper(int depth, ParsingEvent ev)
        {
            if (depth >= this.maxDepth)
            {
                throw new TooDeepException(YamlManifestReader.ToSpan(ev.Start, ev.End));
            }
        }

        private void Remember(AnchorName anchor, ManifestNode node)
        {
            if (!anchor.IsEmpty)
            {
                this.anchors[anchor.Value] = node;
            }
        }

        private ManifestNode? ReadMapping(MappingStart start, InventoryShape? shape, int depth)
        {
            List<MappingEntry>? entries = shape is null ? null : new List<MappingEntry>();
            Dictionary<string, int>? index = null;
            List<ManifestNode>? merges = null;
            while (this.parser.Current is not MappingEnd)
            {
                string? key = null;
                var keySpan = default(SourceSpan);
                var isMerge = false;
                if (this.parser.Current is Scalar ks && ks.Anchor.IsEmpty)
                {
                    key = ks.Value;
                    keySpan = YamlManifestReader.ToSpan(ks.Start, ks.End);
                    isMerge = !IsQuoted(ks) && ks.Value == "<<";
                    this.parser.MoveNext();
                }
                else
                {
                    var keyNode = this.Read(shape is null ? null : InventoryShape.All, depth + 1);
                    if (keyNode is ScalarNode sk)
                    {
                        key = sk.Raw;
                        keySpan = sk.Span;
                    }
                    else if (keyNode is not null)
                    {
                        this.problems.Add(new InputProblem(RuleCatalog.DS9001_YamlSyntax.Id, "complex mapping keys (a mapping or sequence used as a key) are not valid in Kubernetes manifests", keyNode.Span));
                    }
                }

                if (shape is null || key is null)
                {
                    this.Read(null, depth + 1);
                    continue;
                }

                if (isMerge)
                {
                    // YAML 1.1 merge keys: the merged maps are read with this mapping's shape.
                    var source = this.Read(shape, depth + 1);
                    if (source is SequenceNode seq)
                    {
                        (merges ??= new List<ManifestNode>()).AddRange(seq.Items);
                    }
                    else if (source is not null)
                    {
                        (merges ??= new List<ManifestNode>()).Add(source);
                    }

                    continue;
                }

                var value = this.Read(shape.Child(key), depth + 1);
                if (value is null)
                {
                    continue;
                }

                var entry = new MappingEntry(key, keySpan, value);
                if (FindKey(entries!, ref index, key) is var existing and >= 0)
                {
                    var first = entries![existing].KeySpan.Start;
                    this.problems.Add(new InputProblem(RuleCatalog.DS9004_DuplicateKey.Id, $"mapping key \"{key}\" already defined at line {first.Line}; the Kubernetes decoder rejects duplicate keys", keySpan));
                    entries[existing] = entry;
                }
                else
                {
                    index?.Add(key, entries!.Count);
                    entries!.Add(entry);
                }
            }

            var end = this.parser.Current!;
            this.parser.MoveNext();
            if (entries is null)
            {
                return null;
            }

            if (merges is not null)
            {
                var present = new HashSet<string>(StringComparer.Ordinal);
                foreach (var e in entries)
                {
                    present.Add(e.Key);
                }

                foreach (var src in merges)
                {
                    if (src is MappingNode m)
                    {
                        foreach (var e in m.Entries)
                        {
                            if (present.Add(e.Key))
                            {
                                entries.Add(e);
                            }
                        }
                    }
                }
            }

            var node = new MappingNode(YamlManifestReader.ToSpan(start.Start, end.End), entries);
            this.Remember(start.Anchor, node);
            return node;
        }

        private ManifestNode? ReadSequence(SequenceStart start, InventoryShape? shape, int depth)
        {
            List<ManifestNode>? items = shape is null ? null : new List<ManifestNode>();
            var itemShape = shape?.Item();
            while (this.parser.Current is not SequenceEnd)
            {
                var item = this.Read(itemShape, depth + 1);
                if (item is not null)
                {
                    items!.Add(item);
                }
            }

            var end = this.parser.Current!;
            this.parser.MoveNext();
            if (items is null)
            {
                return null;
            }

            var node = new SequenceNode(YamlManifestReader.ToSpan(start.Start, end.End), items);
            this.Remember(start.Anchor, node);
            return node;
        }

        private static int FindKey(List<MappingEntry> entries, ref Dictionary<string, int>? index, string key)
        {
            if (index is not null)
            {
                return index.TryGetValue(key, out var i) ? i : -1;
            }

            for (var i = 0; i < entries.Count; i++)
            {
                if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            if (entries.Count >= 8)
            {
                index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < entries.Count; i++)
                {
                    index[entries[i].Key] = i;
                }
            }

            return -1;
        }
    }
}

/// <summary>Which part of a node an inventory reader keeps: everything, some keys of a mapping, or the items of a sequence.</summary>
public sealed class InventoryShape
{
    /// <summary>Keeps the whole node.</summary>
    public static readonly InventoryShape All = new() { KeepAll = true };

    /// <summary>Gets a value indicating whether the whole node is kept.</summary>
    public bool KeepAll { get; private set; }

    internal Dictionary<string, InventoryShape>? Children { get; private set; }

    internal InventoryShape? Items { get; private set; }

    /// <summary>Gets the shape of a mapping's value, or null when the key is skipped.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The shape, or null.</returns>
    public InventoryShape? Child(string key) => this.KeepAll ? All : this.Children is { } c && c.TryGetValue(key, out var s) ? s : null;

    /// <summary>Gets the shape of a sequence's items, or null when they are skipped.</summary>
    /// <returns>The shape, or null.</returns>
    public InventoryShape? Item() => this.KeepAll ? All : this.Items;

    internal static InventoryShape Map(params (string Key, InventoryShape Shape)[] children)
    {
        var s = new InventoryShape { Children = new Dictionary<string, InventoryShape>(StringComparer.Ordinal) };
        foreach (var (k, v) in children)
        {
            s.Children[k] = v;
        }

        return s;
    }

    internal static InventoryShape Seq(InventoryShape items) => new() { Items = items };
}
