using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using DaemonLint.Model;

namespace DaemonLint.Schema;

/// <summary>
/// The compiled schema definitions DaemonLint validates against: <c>schemas/kubernetes.json</c>, generated from the
/// Kubernetes OpenAPI by tools/SchemaGen and embedded in this assembly. <see cref="Kubernetes"/> loads it once,
/// lazily and thread-safely, with a minimal JSON reader of its own (no JSON library in the core).
/// </summary>
public sealed class SchemaSet
{
    /// <summary>The manifest resource name of the embedded definitions.</summary>
    public const string ResourceName = "DaemonLint.Schema.kubernetes.json";

    private const string RefPrefix = "#/definitions/";

    private static readonly Lazy<SchemaSet> KubernetesLazy = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, SchemaNode> definitions;
    private readonly Dictionary<string, SchemaNode> byKind;

    private SchemaSet(Dictionary<string, SchemaNode> definitions, Dictionary<string, SchemaNode> byKind)
    {
        this.definitions = definitions;
        this.byKind = byKind;
    }

    /// <summary>Gets the embedded Kubernetes definitions (DaemonSet, Node, List and everything they reference).</summary>
    public static SchemaSet Kubernetes => KubernetesLazy.Value;

    /// <summary>Gets the definitions by OpenAPI name.</summary>
    public IReadOnlyDictionary<string, SchemaNode> Definitions => this.definitions;

    /// <summary>Gets the <c>apiVersion/kind</c> pairs that have a root definition (<c>apps/v1/DaemonSet</c>).</summary>
    public IEnumerable<string> Kinds => this.byKind.Keys.OrderBy(k => k, StringComparer.Ordinal);

    /// <summary>Parses a schema document (JSON Schema with <c>definitions</c>, as tools/SchemaGen writes it).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The compiled set.</returns>
    /// <exception cref="InvalidDataException">The text is not such a document.</exception>
    public static SchemaSet Parse(string json)
    {
        var root = SchemaJsonReader.Parse(json) as MappingNode;
        if (root?["definitions"] is not MappingNode defs)
        {
            throw new InvalidDataException("schema document has no definitions");
        }

        var nodes = new Dictionary<string, SchemaNode>(defs.Count, StringComparer.Ordinal);
        foreach (var e in defs.Entries)
        {
            nodes[e.Key] = new SchemaNode(SchemaKind.Any, e.Key);
        }

        var compiler = new Compiler(nodes);
        var byKind = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        foreach (var e in defs.Entries)
        {
            if (e.Value is not MappingNode body)
            {
                throw new InvalidDataException($"definition '{e.Key}' is not an object");
            }

            compiler.Fill(nodes[e.Key], body);
            if (body["x-kubernetes-group-version-kind"] is SequenceNode gvks)
            {
                foreach (var g in gvks.Items.OfType<MappingNode>())
                {
                    var group = (g["group"] as ScalarNode)?.StringValue ?? string.Empty;
                    var version = (g["version"] as ScalarNode)?.StringValue ?? string.Empty;
                    var kind = (g["kind"] as ScalarNode)?.StringValue ?? string.Empty;
                    byKind[KindKey(group.Length == 0 ? version : group + "/" + version, kind)] = nodes[e.Key];
                }
            }
        }

        return new SchemaSet(nodes, byKind);
    }

    /// <summary>Finds the root definition of an object kind.</summary>
    /// <param name="apiVersion">The apiVersion (<c>apps/v1</c>).</param>
    /// <param name="kind">The kind (<c>DaemonSet</c>).</param>
    /// <returns>The definition, or null when the schema has none.</returns>
    public SchemaNode? ForKind(string? apiVersion, string? kind) =>
        apiVersion is not null && kind is not null && this.byKind.TryGetValue(KindKey(apiVersion, kind), out var s) ? s : null;

    /// <summary>Finds a definition by OpenAPI name.</summary>
    /// <param name="name">The name (<c>io.k8s.api.core.v1.Container</c>).</param>
    /// <returns>The definition, or null.</returns>
    public SchemaNode? Definition(string name) => this.definitions.TryGetValue(name, out var s) ? s : null;

    private static string KindKey(string apiVersion, string kind) => apiVersion + "/" + kind;

    private static SchemaSet LoadEmbedded()
    {
        using var stream = typeof(SchemaSet).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource '{ResourceName}' is missing from {typeof(SchemaSet).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private sealed class Compiler
    {
        private readonly Dictionary<string, SchemaNode> definitions;
        private readonly SchemaNode any = new(SchemaKind.Any);

        public Compiler(Dictionary<string, SchemaNode> definitions) => this.definitions = definitions;

        public void Fill(SchemaNode target, MappingNode body)
        {
            var compiled = this.Compile(body, target);
            if (!ReferenceEquals(compiled, target))
            {
                throw new InvalidDataException($"definition '{target.Definition}' is only a reference");
            }
        }

        private SchemaNode Compile(ManifestNode? node, SchemaNode? target = null)
        {
            if (node is not MappingNode body)
            {
                return this.any;
            }

            if (body["$ref"] is ScalarNode r)
            {
                var name = r.Raw.StartsWith(RefPrefix, StringComparison.Ordinal) ? r.Raw.Substring(RefPrefix.Length) : r.Raw;
                return this.definitions.TryGetValue(name, out var d) ? d : throw new InvalidDataException($"unresolved $ref '{r.Raw}'");
            }

            var result = target ?? new SchemaNode(SchemaKind.Any);
            var types = Types(body["type"]);
            var format = (body["format"] as ScalarNode)?.StringValue;
            if (body["enum"] is SequenceNode values)
            {
                result.Enum = values.Items.OfType<ScalarNode>().Select(v => v.Raw).ToArray();
            }

            if (IsTrue(body["x-kubernetes-int-or-string"]) || format == "int-or-string")
            {
                result.Kind = SchemaKind.IntOrString;
            }
            else if (format == "quantity")
            {
                result.Kind = SchemaKind.Quantity;
            }
            else if (IsTrue(body["x-kubernetes-preserve-unknown-fields"]))
            {
                result.Kind = SchemaKind.Any;
            }
            else if (types.Contains("array"))
            {
                result.Kind = SchemaKind.Array;
                result.Items = this.Compile(body["items"]);
            }
            else if (body["properties"] is MappingNode props)
            {
                result.Kind = SchemaKind.Object;
                var d = new Dictionary<string, SchemaNode>(props.Count, StringComparer.Ordinal);
                foreach (var p in props.Entries)
                {
                    d[p.Key] = this.Compile(p.Value);
                }

                result.Properties = d;
            }
            else if (body["additionalProperties"] is MappingNode values2)
            {
                result.Kind = SchemaKind.Map;
                result.MapValue = this.Compile(values2);
            }
            else if (types.Contains("string"))
            {
                result.Kind = format == "date-time" ? SchemaKind.DateTime : SchemaKind.String;
            }
            else if (types.Contains("integer"))
            {
                result.Kind = SchemaKind.Integer;
                result.Bits = format == "int32" ? 32 : 64;
            }
            else if (types.Contains("number"))
            {
                result.Kind = SchemaKind.Number;
            }
            else if (types.Contains("boolean"))
            {
                result.Kind = SchemaKind.Boolean;
            }
            else
            {
                result.Kind = SchemaKind.Any;
            }

            return result;
        }

        private static bool IsTrue(ManifestNode? node) => node is ScalarNode { Type: ScalarType.Bool } b && b.BoolValue;

        private static HashSet<string> Types(ManifestNode? node)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            switch (node)
            {
                case ScalarNode s when s.StringValue is { } t:
                    set.Add(t);
                    break;
                case SequenceNode q:
                    foreach (var i in q.Items.OfType<ScalarNode>())
                    {
                        set.Add(i.Raw);
                    }

                    break;
            }

            return set;
        }
    }
}
