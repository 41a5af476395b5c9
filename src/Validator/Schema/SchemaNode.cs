using System;
using System.Collections.Generic;
using DaemonLint.Releases;

namespace DaemonLint.Schema;

/// <summary>What a compiled schema node accepts, in the decoder's terms.</summary>
public enum SchemaKind
{
    /// <summary>Anything (free-form JSON such as <c>FieldsV1</c>, or preserved unknown fields).</summary>
    Any,

    /// <summary>A Go struct: a mapping with declared properties; other keys are unknown fields.</summary>
    Object,

    /// <summary>A Go map: a mapping whose values all follow <see cref="SchemaNode.MapValue"/>.</summary>
    Map,

    /// <summary>A Go slice: a sequence whose items follow <see cref="SchemaNode.Items"/>.</summary>
    Array,

    /// <summary>A string.</summary>
    String,

    /// <summary>An integer (<see cref="SchemaNode.Bits"/> 32 or 64).</summary>
    Integer,

    /// <summary>A floating-point number.</summary>
    Number,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary><c>intstr.IntOrString</c>: an int32 or a string.</summary>
    IntOrString,

    /// <summary><c>resource.Quantity</c>: a string or number that parses as a quantity.</summary>
    Quantity,

    /// <summary><c>metav1.Time</c>: an RFC 3339 string.</summary>
    DateTime,
}

/// <summary>
/// One node of the compiled schema: what the Kubernetes decoder accepts at one place of an object. Definitions are
/// shared, so the graph may be cyclic; it is immutable once <see cref="SchemaSet"/> has built it.
/// </summary>
public sealed class SchemaNode
{
    private static readonly IReadOnlyDictionary<string, SchemaNode> NoProperties = new Dictionary<string, SchemaNode>(0, StringComparer.Ordinal);
    private static readonly IReadOnlyDictionary<string, ReleaseSet> NoOtherReleases = new Dictionary<string, ReleaseSet>(0, StringComparer.Ordinal);

    internal SchemaNode(SchemaKind kind, string? definition = null)
    {
        this.Kind = kind;
        this.Definition = definition;
    }

    /// <summary>Gets the release the node was compiled for.</summary>
    public KubernetesRelease Release { get; internal set; }

    /// <summary>Gets what the node accepts.</summary>
    public SchemaKind Kind { get; internal set; }

    /// <summary>Gets the OpenAPI definition name (<c>io.k8s.api.core.v1.Container</c>), for nodes that are definitions.</summary>
    public string? Definition { get; }

    private IReadOnlyDictionary<string, SchemaNode> properties = NoProperties;
    private PropertyTable table = PropertyTable.Empty;

    /// <summary>Gets the declared properties of an <see cref="SchemaKind.Object"/>.</summary>
    public IReadOnlyDictionary<string, SchemaNode> Properties
    {
        get => this.properties;
        internal set
        {
            this.properties = value;
            this.table = new PropertyTable(value);
        }
    }

    /// <summary>
    /// Gets the properties of an <see cref="SchemaKind.Object"/> that the set's release does not have but other supported
    /// releases do, with those releases (<c>lifecycle.stopSignal</c> in 1.32: 1.33-1.35).
    /// </summary>
    public IReadOnlyDictionary<string, ReleaseSet> OtherReleases { get; internal set; } = NoOtherReleases;

    /// <summary>Gets the value schema of a <see cref="SchemaKind.Map"/>.</summary>
    public SchemaNode? MapValue { get; internal set; }

    /// <summary>Gets the item schema of an <see cref="SchemaKind.Array"/>.</summary>
    public SchemaNode? Items { get; internal set; }

    /// <summary>Gets the size of an <see cref="SchemaKind.Integer"/>: 32 or 64.</summary>
    public int Bits { get; internal set; } = 64;

    /// <summary>
    /// Gets the allowed values in the set's release, when the OpenAPI declares an enum (informational: the decoder does
    /// not check them; the server's validation does, through the DS1xxx rules). The v3 documents of 1.27-1.35 declare none.
    /// </summary>
    public IReadOnlyList<string>? Enum { get; internal set; }

    /// <summary>Gets the Go type name the decoder's messages use: <c>v1.PodSpec</c>, <c>[]v1.Container</c>, <c>map[string]string</c>, <c>int32</c>.</summary>
    public string GoType => this.Kind switch
    {
        SchemaKind.Object or SchemaKind.Any when this.Definition is not null => GoName(this.Definition, qualified: true),
        SchemaKind.Any => "interface {}",
        SchemaKind.Object => "struct",
        SchemaKind.Map => "map[string]" + (this.MapValue?.GoType ?? "interface {}"),
        SchemaKind.Array => "[]" + (this.Items?.GoType ?? "interface {}"),
        SchemaKind.String => "string",
        SchemaKind.Integer => this.Bits == 32 ? "int32" : "int64",
        SchemaKind.Number => "float64",
        SchemaKind.Boolean => "bool",
        SchemaKind.IntOrString => "intstr.IntOrString",
        SchemaKind.Quantity => "resource.Quantity",
        _ => "v1.Time",
    };

    /// <summary>Gets the unqualified Go struct name of a definition (<c>Container</c>), or null.</summary>
    public string? StructName => this.Definition is null ? null : GoName(this.Definition, qualified: false);

    /// <summary>Looks up a declared property.</summary>
    /// <param name="name">The JSON field name (case-sensitive, as the strict decoder matches it).</param>
    /// <param name="schema">The property schema.</param>
    /// <returns>Whether the property is declared.</returns>
    public bool TryGetProperty(string name, out SchemaNode schema)
    {
        var s = this.table.Find(name);
        schema = s!;
        return s is not null;
    }

    /// <inheritdoc />
    public override string ToString() => this.Definition ?? this.GoType;

    private static string GoName(string definition, bool qualified)
    {
        var last = definition.LastIndexOf('.');
        if (last < 0)
        {
            return definition;
        }

        var name = definition.Substring(last + 1);
        if (!qualified)
        {
            return name;
        }

        var prev = definition.LastIndexOf('.', last - 1);
        return prev < 0 ? name : definition.Substring(prev + 1, last - prev - 1) + "." + name;
    }
}

/// <summary>
/// The properties of a schema node by name, for the walk of every object (a lookup per field of a manifest): an open-addressed
/// table hashed on the name's length and three of its characters, so a lookup reads four characters and compares one name,
/// where a dictionary hashes the whole name through an interface.
/// </summary>
internal sealed class PropertyTable
{
    private readonly string?[] names;
    private readonly SchemaNode?[] nodes;
    private readonly int mask;

    public PropertyTable(IReadOnlyDictionary<string, SchemaNode> properties)
    {
        var size = 4;
        while (size < properties.Count * 2)
        {
            size *= 2;
        }

        this.names = new string?[size];
        this.nodes = new SchemaNode?[size];
        this.mask = size - 1;
        foreach (var p in properties)
        {
            var i = Hash(p.Key) & this.mask;
            while (this.names[i] is not null)
            {
                i = (i + 1) & this.mask;
            }

            this.names[i] = p.Key;
            this.nodes[i] = p.Value;
        }
    }

    public static PropertyTable Empty { get; } = new(new Dictionary<string, SchemaNode>(0));

    /// <summary>Finds a property (names are case-sensitive).</summary>
    /// <param name="name">The name.</param>
    /// <returns>Its schema, or null.</returns>
    public SchemaNode? Find(string name)
    {
        // Half the slots at most are used: a probe ends at an empty slot.
        var i = Hash(name) & this.mask;
        while (this.names[i] is { } n)
        {
            if (n.Length == name.Length && string.Equals(n, name, StringComparison.Ordinal))
            {
                return this.nodes[i];
            }

            i = (i + 1) & this.mask;
        }

        return null;
    }

    private static int Hash(string name) =>
        name.Length == 0 ? 0 : (((name.Length * 31) + name[0]) * 31 + name[name.Length >> 1]) * 31 + name[name.Length - 1];
}
