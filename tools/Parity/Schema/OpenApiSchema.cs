using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace DaemonLint.Parity.Schema;

/// <summary>The shape of a schema node the generator walks.</summary>
internal enum SchemaKind
{
    /// <summary>An object with declared properties.</summary>
    Object,

    /// <summary>An object without properties (free-form, e.g. <c>FieldsV1</c>).</summary>
    OpenObject,

    /// <summary>An array.</summary>
    Array,

    /// <summary>A map (<c>additionalProperties</c>).</summary>
    Map,

    /// <summary>A scalar.</summary>
    Scalar,
}

/// <summary>One schema node: a named definition or an inline type.</summary>
internal sealed class SchemaType
{
    /// <summary>Gets or sets the definition's short name (<c>Container</c>), or null for inline types.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the kind.</summary>
    public SchemaKind Kind { get; set; }

    /// <summary>Gets the properties in declaration order (objects).</summary>
    public List<SchemaProperty> Properties { get; } = new();

    /// <summary>Gets the required property names (objects).</summary>
    public HashSet<string> Required { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the item or value type (arrays, maps).</summary>
    public SchemaType? Element { get; set; }

    /// <summary>Gets or sets the scalar type: <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>int-or-string</c>, <c>quantity</c>.</summary>
    public string ScalarType { get; set; } = "string";

    /// <summary>Gets or sets the format (<c>int32</c>, <c>int64</c>, <c>date-time</c>, <c>byte</c>, ...), or null.</summary>
    public string? Format { get; set; }

    /// <summary>Gets or sets the list-map keys of an array of objects (<c>x-kubernetes-list-map-keys</c>), or null.</summary>
    public IReadOnlyList<string>? ListMapKeys { get; set; }

    /// <summary>Gets or sets the list type (<c>atomic</c>, <c>map</c>, <c>set</c>), or null.</summary>
    public string? ListType { get; set; }

    /// <summary>Finds a property.</summary>
    public SchemaProperty? Property(string name) => this.Properties.FirstOrDefault(p => p.Name == name);

    /// <inheritdoc />
    public override string ToString() => this.Name ?? this.Kind switch
    {
        SchemaKind.Array => "[]" + this.Element,
        SchemaKind.Map => "map[string]" + this.Element,
        SchemaKind.Scalar => this.Format is null ? this.ScalarType : this.ScalarType + "/" + this.Format,
        _ => this.Kind.ToString(),
    };
}

/// <summary>A property of an object schema.</summary>
/// <param name="Name">The JSON name.</param>
/// <param name="Type">Its type.</param>
internal sealed record SchemaProperty(string Name, SchemaType Type);

/// <summary>
/// Reads the OpenAPI v3 document of <c>apps/v1</c> (as a 1.32 API server serves it at <c>/openapi/v3/apis/apps/v1</c>)
/// into a graph of <see cref="SchemaType"/>, resolving <c>$ref</c>/<c>allOf</c> wrappers, <c>IntOrString</c> and
/// <c>Quantity</c>.
/// </summary>
internal sealed class OpenApiSchema
{
    private const string RefPrefix = "#/components/schemas/";
    private readonly Dictionary<string, JsonElement> raw = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaType> named = new(StringComparer.Ordinal);

    private OpenApiSchema()
    {
    }

    /// <summary>Gets the root type (<c>io.k8s.api.apps.v1.DaemonSet</c>).</summary>
    public SchemaType DaemonSet { get; private set; } = null!;

    /// <summary>Gets the file the schema came from.</summary>
    public string Source { get; private set; } = string.Empty;

    /// <summary>Gets the named definitions reached from the DaemonSet, by short name.</summary>
    public IReadOnlyDictionary<string, SchemaType> Definitions => this.named;

    /// <summary>Loads an OpenAPI v3 document.</summary>
    public static OpenApiSchema Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var s = new OpenApiSchema { Source = path };
        foreach (var def in doc.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            s.raw[def.Name] = def.Value.Clone();
        }

        s.DaemonSet = s.Resolve("io.k8s.api.apps.v1.DaemonSet");
        return s;
    }

    /// <summary>The short name of a definition (<c>io.k8s.api.core.v1.Container</c> → <c>Container</c>).</summary>
    public static string ShortName(string full) => full.Substring(full.LastIndexOf('.') + 1);

    private SchemaType Resolve(string fullName)
    {
        var shortName = ShortName(fullName);
        if (this.named.TryGetValue(shortName, out var t))
        {
            return t;
        }

        var el = this.raw[fullName];
        if (fullName == "io.k8s.apimachinery.pkg.util.intstr.IntOrString")
        {
            return this.named[shortName] = new SchemaType { Name = shortName, Kind = SchemaKind.Scalar, ScalarType = "int-or-string", Format = "int-or-string" };
        }

        if (fullName == "io.k8s.apimachinery.pkg.api.resource.Quantity")
        {
            return this.named[shortName] = new SchemaType { Name = shortName, Kind = SchemaKind.Scalar, ScalarType = "quantity", Format = "quantity" };
        }

        t = new SchemaType { Name = shortName };
        this.named[shortName] = t; // before recursing: definitions may be recursive
        this.Fill(t, el);
        return t;
    }

    private SchemaType Inline(JsonElement el)
    {
        if (RefOf(el) is { } r)
        {
            return this.Resolve(r);
        }

        var t = new SchemaType();
        this.Fill(t, el);
        return t;
    }

    private static string? RefOf(JsonElement el)
    {
        if (el.TryGetProperty("$ref", out var r))
        {
            return r.GetString()!.Substring(RefPrefix.Length);
        }

        if (el.TryGetProperty("allOf", out var all) && all.GetArrayLength() == 1 && all[0].TryGetProperty("$ref", out var r2))
        {
            return r2.GetString()!.Substring(RefPrefix.Length);
        }

        return null;
    }

    private void Fill(SchemaType t, JsonElement el)
    {
        var type = el.TryGetProperty("type", out var ty) ? ty.GetString() : null;
        t.Format = el.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (el.TryGetProperty("properties", out var props))
        {
            t.Kind = SchemaKind.Object;
            foreach (var p in props.EnumerateObject())
            {
                t.Properties.Add(new SchemaProperty(p.Name, this.Inline(p.Value)));
            }

            if (el.TryGetProperty("required", out var req))
            {
                foreach (var r in req.EnumerateArray())
                {
                    t.Required.Add(r.GetString()!);
                }
            }

            return;
        }

        switch (type)
        {
            case "array":
                t.Kind = SchemaKind.Array;
                t.Element = this.Inline(el.GetProperty("items"));
                t.ListType = el.TryGetProperty("x-kubernetes-list-type", out var lt) ? lt.GetString() : null;
                if (el.TryGetProperty("x-kubernetes-list-map-keys", out var keys))
                {
                    t.ListMapKeys = keys.EnumerateArray().Select(k => k.GetString()!).ToList();
                }

                return;
            case "object" when el.TryGetProperty("additionalProperties", out var ap) && ap.ValueKind == JsonValueKind.Object:
                t.Kind = SchemaKind.Map;
                t.Element = this.Inline(ap);
                return;
            case "object":
                t.Kind = SchemaKind.OpenObject;
                return;
            default:
                t.Kind = SchemaKind.Scalar;
                t.ScalarType = type ?? "string";
                return;
        }
    }
}
