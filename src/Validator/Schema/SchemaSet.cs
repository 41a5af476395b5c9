using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using DaemonLint.Model;
using DaemonLint.Releases;

namespace DaemonLint.Schema;

/// <summary>
/// The compiled schema definitions DaemonLint validates against, for one Kubernetes release: <c>schemas/kubernetes.json</c>,
/// generated from the Kubernetes OpenAPI of every supported release by tools/SchemaGen and embedded in this assembly.
/// The document is read once, lazily and thread-safely, with a minimal JSON reader of its own (no JSON library in the
/// core); each release's set is compiled from it on first use (<see cref="For"/>), keeping the properties that exist in
/// that release and remembering the others with the releases they exist in (<see cref="SchemaNode.OtherReleases"/>).
/// </summary>
public sealed class SchemaSet
{
    /// <summary>The manifest resource name of the embedded definitions.</summary>
    public const string ResourceName = "DaemonLint.Schema.kubernetes.json";

    /// <summary>The annotation (written by tools/SchemaGen) that lists the releases a property, variant or definition exists in.</summary>
    public const string ReleasesKey = "x-daemonlint-releases";

    private const string EnumReleasesKey = "x-daemonlint-enum-releases";

    private const string RefPrefix = "#/definitions/";

    private static readonly Lazy<ManifestNode> EmbeddedDocument = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<SchemaSet>[] PerRelease = BuildPerRelease();

    private readonly Dictionary<string, SchemaNode> definitions;
    private readonly Dictionary<string, SchemaNode> byKind;

    private SchemaSet(KubernetesRelease release, Dictionary<string, SchemaNode> definitions, Dictionary<string, SchemaNode> byKind)
    {
        this.Release = release;
        this.definitions = definitions;
        this.byKind = byKind;
    }

    /// <summary>Gets the embedded Kubernetes definitions (DaemonSet, Node, List and everything they reference) of the default release.</summary>
    public static SchemaSet Kubernetes => For(KubernetesRelease.Default);

    /// <summary>Gets the release the set was compiled for.</summary>
    public KubernetesRelease Release { get; }

    /// <summary>Gets the definitions by OpenAPI name.</summary>
    public IReadOnlyDictionary<string, SchemaNode> Definitions => this.definitions;

    /// <summary>Gets the <c>apiVersion/kind</c> pairs that have a root definition (<c>apps/v1/DaemonSet</c>).</summary>
    public IEnumerable<string> Kinds => this.byKind.Keys.OrderBy(k => k, StringComparer.Ordinal);

    /// <summary>Gets the embedded definitions of a release (compiled on first use, then cached).</summary>
    /// <param name="release">The release.</param>
    /// <returns>The set.</returns>
    public static SchemaSet For(KubernetesRelease release) => PerRelease[release.Index].Value;

    /// <summary>Parses a schema document (JSON Schema with <c>definitions</c>, as tools/SchemaGen writes it) for the default release.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The compiled set.</returns>
    /// <exception cref="InvalidDataException">The text is not such a document.</exception>
    public static SchemaSet Parse(string json) => Parse(json, KubernetesRelease.Default);

    /// <summary>Parses a schema document for a release: what is annotated with other releases only is left out.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="release">The release.</param>
    /// <returns>The compiled set.</returns>
    /// <exception cref="InvalidDataException">The text is not such a document.</exception>
    public static SchemaSet Parse(string json, KubernetesRelease release) => Compile(SchemaJsonReader.Parse(json), release);

    private static SchemaSet Compile(ManifestNode document, KubernetesRelease release)
    {
        var root = document as MappingNode;
        if (root?["definitions"] is not MappingNode defs)
        {
            throw new InvalidDataException("schema document has no definitions");
        }

        var nodes = new Dictionary<string, SchemaNode>(defs.Count, StringComparer.Ordinal);
        foreach (var e in defs.Entries)
        {
            nodes[e.Key] = new SchemaNode(SchemaKind.Any, e.Key);
        }

        var compiler = new Compiler(nodes, release);
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

        return new SchemaSet(release, nodes, byKind);
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

    private static ManifestNode LoadEmbedded()
    {
        using var stream = typeof(SchemaSet).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource '{ResourceName}' is missing from {typeof(SchemaSet).Assembly.GetName().Name}");
        return SchemaJsonReader.Parse(stream);
    }

    private static Lazy<SchemaSet>[] BuildPerRelease()
    {
        var sets = new Lazy<SchemaSet>[KubernetesRelease.Supported.Count];
        foreach (var r in KubernetesRelease.Supported)
        {
            var release = r;
            sets[r.Index] = new Lazy<SchemaSet>(() => Compile(EmbeddedDocument.Value, release), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        return sets;
    }

    // Whether a schema body exists in the release: no annotation means every release.
    private static bool InRelease(MappingNode body, KubernetesRelease release, out ReleaseSet releases)
    {
        if (body[ReleasesKey] is ScalarNode s)
        {
            if (!ReleaseSet.TryParse(s.StringValue, out releases))
            {
                throw new InvalidDataException($"invalid {ReleasesKey} '{s.Raw}'");
            }

            return releases.Contains(release);
        }

        releases = ReleaseSet.All;
        return true;
    }

    private sealed class Compiler
    {
        private readonly Dictionary<string, SchemaNode> definitions;
        private readonly KubernetesRelease release;
        private readonly SchemaNode any = new(SchemaKind.Any);

        public Compiler(Dictionary<string, SchemaNode> definitions, KubernetesRelease release)
        {
            this.definitions = definitions;
            this.release = release;
        }

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

            // A property whose type changed between releases: the variant of this release.
            if (body["anyOf"] is SequenceNode variants)
            {
                foreach (var v in variants.Items)
                {
                    if (v is MappingNode variant && InRelease(variant, this.release, out _))
                    {
                        return this.Compile(variant, target);
                    }
                }

                return this.any;
            }

            if (body["$ref"] is ScalarNode r)
            {
                var name = r.Raw.StartsWith(RefPrefix, StringComparison.Ordinal) ? r.Raw.Substring(RefPrefix.Length) : r.Raw;
                return this.definitions.TryGetValue(name, out var d) ? d : throw new InvalidDataException($"unresolved $ref '{r.Raw}'");
            }

            var result = target ?? new SchemaNode(SchemaKind.Any);
            result.Release = this.release;
            var types = Types(body["type"]);
            var format = (body["format"] as ScalarNode)?.StringValue;
            if (body["enum"] is SequenceNode values)
            {
                var perValue = body[EnumReleasesKey] as MappingNode;
                result.Enum = values.Items.OfType<ScalarNode>()
                    .Where(v => perValue?[v.Raw] is not ScalarNode vr || (ReleaseSet.TryParse(vr.StringValue, out var set) && set.Contains(this.release)))
                    .Select(v => v.Raw)
                    .ToArray();
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
            else if ((types & JsonTypes.Array) != 0)
            {
                result.Kind = SchemaKind.Array;
                result.Items = this.Compile(body["items"]);
            }
            else if (body["properties"] is MappingNode props)
            {
                result.Kind = SchemaKind.Object;
                var d = new Dictionary<string, SchemaNode>(props.Count, StringComparer.Ordinal);
                Dictionary<string, ReleaseSet>? others = null;
                foreach (var p in props.Entries)
                {
                    if (p.Value is MappingNode pb && !InRelease(pb, this.release, out var releases))
                    {
                        (others ??= new Dictionary<string, ReleaseSet>(StringComparer.Ordinal))[p.Key] = releases;
                        continue;
                    }

                    d[p.Key] = this.Compile(p.Value);
                }

                result.Properties = d;
                if (others is not null)
                {
                    result.OtherReleases = others;
                }
            }
            else if (body["additionalProperties"] is MappingNode values2)
            {
                result.Kind = SchemaKind.Map;
                result.MapValue = this.Compile(values2);
            }
            else if ((types & JsonTypes.String) != 0)
            {
                result.Kind = format == "date-time" ? SchemaKind.DateTime : SchemaKind.String;
            }
            else if ((types & JsonTypes.Integer) != 0)
            {
                result.Kind = SchemaKind.Integer;
                result.Bits = format == "int32" ? 32 : 64;
            }
            else if ((types & JsonTypes.Number) != 0)
            {
                result.Kind = SchemaKind.Number;
            }
            else if ((types & JsonTypes.Boolean) != 0)
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

        // The JSON types a body's "type" names (a string or a list of them), as flags: one is asked of every body.
        private static JsonTypes Types(ManifestNode? node)
        {
            switch (node)
            {
                case ScalarNode s when s.StringValue is { } t:
                    return TypeOf(t);
                case SequenceNode q:
                    var types = JsonTypes.None;
                    foreach (var i in q.Items)
                    {
                        if (i is ScalarNode item)
                        {
                            types |= TypeOf(item.Raw);
                        }
                    }

                    return types;
                default:
                    return JsonTypes.None;
            }
        }

        private static JsonTypes TypeOf(string name) => name switch
        {
            "array" => JsonTypes.Array,
            "string" => JsonTypes.String,
            "integer" => JsonTypes.Integer,
            "number" => JsonTypes.Number,
            "boolean" => JsonTypes.Boolean,
            _ => JsonTypes.None,
        };

        // The JSON types a body's "type" can name that the compiler tells apart.
        [Flags]
        private enum JsonTypes
        {
            None = 0,
            Array = 1,
            String = 2,
            Integer = 4,
            Number = 8,
            Boolean = 16,
        }
    }
}
