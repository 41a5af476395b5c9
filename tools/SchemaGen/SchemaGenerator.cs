using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaemonLint.SchemaGen;

/// <summary>
/// Derives DaemonLint's JSON Schema from the Kubernetes OpenAPI: the <c>apps/v1</c> DaemonSet and everything it reaches
/// from the OpenAPI v3 document of every supported release (<c>../shared/k8s-openapi/v3/&lt;release&gt;/apps-v1.json</c>),
/// merged into one document where a property (or definition, or enum value) that does not exist in every release
/// carries <c>x-daemonlint-releases</c> (<c>"1.33-1.35"</c>), and a property whose type changed between releases is an
/// <c>anyOf</c> of its variants, each with its releases; plus <c>v1 Node</c> from the OpenAPI v2 document and a
/// hand-written <c>v1 List</c>. It keeps only what decoding checks (types, formats, properties, maps, items, enums and
/// the Kubernetes extensions that change decoding), closes every object with properties (strict decoding rejects
/// unknown fields), and writes deterministically (sorted keys, two-space indent, LF, trailing newline).
/// </summary>
public static class SchemaGenerator
{
    /// <summary>The name of the definitions file.</summary>
    public const string DefinitionsFile = "kubernetes.json";

    /// <summary>The hand-written definition of a <c>v1 List</c> (the OpenAPI has none).</summary>
    public const string ListDefinition = "io.k8s.apimachinery.pkg.apis.meta.v1.List";

    /// <summary>The annotation that lists the releases a property, definition or enum value exists in.</summary>
    public const string ReleasesKey = "x-daemonlint-releases";

    private const string DaemonSet = "io.k8s.api.apps.v1.DaemonSet";
    private const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    private const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    private const string RefPrefix = "#/definitions/";
    private const string V3RefPrefix = "#/components/schemas/";

    /// <summary>The roots: file name, definition, and the object they describe.</summary>
    private static readonly (string File, string Definition, string Title)[] Roots =
    {
        ("daemonset.json", DaemonSet, "apps/v1 DaemonSet"),
        ("node.json", "io.k8s.api.core.v1.Node", "v1 Node"),
        ("list.json", ListDefinition, "v1 List"),
    };

    /// <summary>Schema keywords copied from the OpenAPI; everything else (descriptions, defaults, required, patch and list hints) is dropped.</summary>
    private static readonly HashSet<string> KeptKeywords = new(StringComparer.Ordinal)
    {
        "$ref",
        "additionalProperties",
        "enum",
        "format",
        "items",
        "properties",
        "type",
        "x-kubernetes-embedded-resource",
        "x-kubernetes-group-version-kind",
        "x-kubernetes-int-or-string",
        "x-kubernetes-preserve-unknown-fields",
    };

    /// <summary>Generates the schema files into a folder.</summary>
    /// <param name="swaggerJson">The text of the OpenAPI v2 document (for <c>v1 Node</c>).</param>
    /// <param name="v3Folder">The folder of the OpenAPI v3 documents, one <c>&lt;release&gt;/apps-v1.json</c> per release.</param>
    /// <param name="outputFolder">The folder to write to (created if needed).</param>
    /// <returns>The files written, in order.</returns>
    public static IReadOnlyList<string> Generate(string swaggerJson, string v3Folder, string outputFolder)
    {
        var files = Render(swaggerJson, ReadV3(v3Folder));
        Directory.CreateDirectory(outputFolder);
        var written = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(outputFolder, name);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            written.Add(path);
        }

        return written;
    }

    /// <summary>Reads the v3 documents of a folder, oldest release first.</summary>
    /// <param name="v3Folder">The folder holding <c>&lt;release&gt;/apps-v1.json</c>.</param>
    /// <returns>Release and document text.</returns>
    public static IReadOnlyList<(string Release, string Json)> ReadV3(string v3Folder)
    {
        var docs = new List<(Version Version, string Release, string Json)>();
        foreach (var dir in Directory.GetDirectories(v3Folder))
        {
            var release = Path.GetFileName(dir);
            var file = Path.Combine(dir, "apps-v1.json");
            if (Version.TryParse(release, out var version) && File.Exists(file))
            {
                docs.Add((version, release, File.ReadAllText(file)));
            }
        }

        if (docs.Count == 0)
        {
            throw new InvalidDataException($"no <release>/apps-v1.json under {v3Folder}");
        }

        return docs.OrderBy(d => d.Version).Select(d => (d.Release, d.Json)).ToList();
    }

    /// <summary>Renders the schema files in memory.</summary>
    /// <param name="swaggerJson">The text of the OpenAPI v2 document.</param>
    /// <param name="v3Docs">The OpenAPI v3 documents of <c>apps/v1</c>, oldest release first.</param>
    /// <returns>File name and content, in a fixed order.</returns>
    public static IReadOnlyList<(string Name, string Text)> Render(string swaggerJson, IReadOnlyList<(string Release, string Json)> v3Docs)
    {
        var releases = v3Docs.Select(d => d.Release).ToList();
        var merged = MergeReleases(v3Docs);

        // v1 Node and the List come from the v2 document; definitions the v3 documents already have stay theirs.
        var swagger = JsonNode.Parse(swaggerJson) as JsonObject ?? throw new InvalidDataException("swagger.json is not a JSON object");
        var source = swagger["definitions"] as JsonObject ?? throw new InvalidDataException("swagger.json has no definitions");
        var converted = new SortedDictionary<string, JsonObject>(merged, StringComparer.Ordinal);
        var queue = new Queue<string>(Roots.Select(r => r.Definition));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (!seen.Add(name))
            {
                continue;
            }

            if (!converted.TryGetValue(name, out var def))
            {
                if (name == ListDefinition && source[name] is null)
                {
                    def = BuildList();
                }
                else
                {
                    var raw = source[name] as JsonObject ?? throw new InvalidDataException($"definition '{name}' is referenced but missing");
                    def = ConvertDefinition(name, raw);
                }

                converted.Add(name, def);
            }

            foreach (var r in References(def))
            {
                queue.Enqueue(r);
            }
        }

        var definitions = new JsonObject();
        foreach (var (name, def) in converted)
        {
            definitions[name] = def;
        }

        var roots = new JsonObject();
        foreach (var r in Roots)
        {
            roots[r.Title] = RefPrefix + r.Definition;
        }

        var v3Sources = new JsonObject();
        foreach (var (release, json) in v3Docs)
        {
            v3Sources[release] = Sha256(json);
        }

        var doc = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-04/schema#",
            ["definitions"] = definitions,
            ["description"] = "Generated by tools/SchemaGen from the Kubernetes OpenAPI v3 documents of apps/v1 (one per release) and the OpenAPI v2 document (v1 Node); do not edit. See README.md.",
            [ReleasesKey] = Ranges(releases, releases),
            ["x-daemonlint-roots"] = roots,
            ["x-daemonlint-source"] = new JsonObject
            {
                ["definitions"] = converted.Count,
                ["openapi-v2"] = new JsonObject
                {
                    ["sha256"] = Sha256(swaggerJson),
                    ["title"] = swagger["info"]?["title"]?.GetValue<string>(),
                },
                ["openapi-v3-apps-v1"] = v3Sources,
            },
        };

        var files = new List<(string, string)> { (DefinitionsFile, Write(doc)) };
        foreach (var r in Roots)
        {
            var root = new JsonObject
            {
                ["$ref"] = DefinitionsFile + RefPrefix + r.Definition,
                ["$schema"] = "http://json-schema.org/draft-04/schema#",
                ["description"] = r.Title + " (generated by tools/SchemaGen; do not edit)",
            };
            files.Add((r.File, Write(root)));
        }

        return files;
    }

    /// <summary>Writes release ranges: <c>1.27-1.28,1.30</c>, over the ordered list of all releases.</summary>
    /// <param name="present">The releases to write.</param>
    /// <param name="all">Every release, oldest first.</param>
    /// <returns>The text.</returns>
    public static string Ranges(IReadOnlyCollection<string> present, IReadOnlyList<string> all)
    {
        var parts = new List<string>();
        for (var i = 0; i < all.Count; i++)
        {
            if (!present.Contains(all[i]))
            {
                continue;
            }

            var j = i;
            while (j + 1 < all.Count && present.Contains(all[j + 1]))
            {
                j++;
            }

            parts.Add(j > i ? all[i] + "-" + all[j] : all[i]);
            i = j;
        }

        return string.Join(",", parts);
    }

    // The DaemonSet closure of each release, converted, then merged definition by definition.
    private static SortedDictionary<string, JsonObject> MergeReleases(IReadOnlyList<(string Release, string Json)> v3Docs)
    {
        var releases = v3Docs.Select(d => d.Release).ToList();
        var perRelease = new List<(string Release, Dictionary<string, JsonObject> Defs)>();
        foreach (var (release, json) in v3Docs)
        {
            var doc = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{release}: not a JSON object");
            var schemas = doc["components"]?["schemas"] as JsonObject ?? throw new InvalidDataException($"{release}: no components.schemas");
            var defs = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            var queue = new Queue<string>(new[] { DaemonSet });
            while (queue.Count > 0)
            {
                var name = queue.Dequeue();
                if (defs.ContainsKey(name))
                {
                    continue;
                }

                var raw = schemas[name] as JsonObject ?? throw new InvalidDataException($"{release}: definition '{name}' is referenced but missing");
                var def = ConvertDefinition(name, raw);
                defs.Add(name, def);
                foreach (var r in References(def))
                {
                    queue.Enqueue(r);
                }
            }

            perRelease.Add((release, defs));
        }

        var merged = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var name in perRelease.SelectMany(p => p.Defs.Keys).Distinct(StringComparer.Ordinal))
        {
            var present = perRelease.Where(p => p.Defs.ContainsKey(name)).ToList();
            merged.Add(name, MergeDefinition(name, present.Select(p => (p.Release, p.Defs[name])).ToList(), releases));
        }

        return merged;
    }

    private static JsonObject MergeDefinition(string name, List<(string Release, JsonObject Def)> versions, IReadOnlyList<string> all)
    {
        var defReleases = versions.Select(v => v.Release).ToList();
        var newest = versions[^1].Def;

        // Everything but the properties and enum must agree across releases: only field sets change between them.
        string Shape(JsonObject d)
        {
            var copy = (JsonObject)d.DeepClone();
            copy.Remove("properties");
            copy.Remove("enum");
            return copy.ToJsonString();
        }

        if (versions.Select(v => Shape(v.Def)).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            throw new InvalidDataException($"definition '{name}' changes shape between releases; SchemaGen merges property sets only");
        }

        var result = (JsonObject)newest.DeepClone();
        result.Remove("properties");
        result.Remove("enum");
        if (versions.Any(v => v.Def["properties"] is JsonObject))
        {
            var properties = new JsonObject();
            var names = versions.SelectMany(v => ((JsonObject?)v.Def["properties"] ?? new JsonObject()).Select(p => p.Key)).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal);
            foreach (var p in names)
            {
                var byRelease = versions.Where(v => v.Def["properties"]?[p] is JsonObject).Select(v => (v.Release, Schema: (JsonObject)v.Def["properties"]![p]!)).ToList();
                var variants = byRelease.GroupBy(x => x.Schema.ToJsonString(), StringComparer.Ordinal).ToList();
                JsonObject merged;
                if (variants.Count == 1)
                {
                    merged = (JsonObject)byRelease[0].Schema.DeepClone();
                }
                else
                {
                    var anyOf = new JsonArray();
                    foreach (var g in variants)
                    {
                        var variant = (JsonObject)g.First().Schema.DeepClone();
                        variant[ReleasesKey] = Ranges(g.Select(x => x.Release).ToList(), all);
                        anyOf.Add(variant);
                    }

                    merged = new JsonObject { ["anyOf"] = anyOf };
                }

                if (byRelease.Count != versions.Count)
                {
                    merged[ReleasesKey] = Ranges(byRelease.Select(x => x.Release).ToList(), all);
                }

                properties[p] = merged;
            }

            result["properties"] = properties;
        }

        MergeEnum(result, versions.Select(v => (v.Release, v.Def["enum"] as JsonArray)).ToList(), all);
        if (defReleases.Count != all.Count)
        {
            result[ReleasesKey] = Ranges(defReleases, all);
        }

        return result;
    }

    // An enum is the union of the releases' values; a value missing from some release is listed with its releases.
    private static void MergeEnum(JsonObject target, List<(string Release, JsonArray? Values)> versions, IReadOnlyList<string> all)
    {
        if (versions.All(v => v.Values is null))
        {
            return;
        }

        var union = new JsonArray();
        var byValue = new JsonObject();
        foreach (var value in versions.Where(v => v.Values is not null).SelectMany(v => v.Values!.Select(x => x!.ToJsonString())).Distinct(StringComparer.Ordinal))
        {
            union.Add(JsonNode.Parse(value));
            var present = versions.Where(v => v.Values is not null && v.Values.Any(x => x!.ToJsonString() == value)).Select(v => v.Release).ToList();
            if (present.Count != versions.Count)
            {
                byValue[JsonNode.Parse(value)!.GetValue<string>()] = Ranges(present, all);
            }
        }

        target["enum"] = union;
        if (byValue.Count > 0)
        {
            target["x-daemonlint-enum-releases"] = byValue;
        }
    }

    private static JsonObject ConvertDefinition(string name, JsonObject raw)
    {
        if (name == IntOrString)
        {
            return new JsonObject
            {
                ["format"] = "int-or-string",
                ["type"] = new JsonArray("integer", "string"),
                ["x-kubernetes-int-or-string"] = true,
            };
        }

        if (name == Quantity)
        {
            // Declared a string, but the API server's decoder parses JSON numbers as quantities too (cpu: 1).
            return new JsonObject
            {
                ["format"] = "quantity",
                ["type"] = new JsonArray("number", "string"),
            };
        }

        return ConvertSchema(raw);
    }

    private static JsonObject ConvertSchema(JsonObject raw)
    {
        var result = new JsonObject();
        foreach (var (key, value) in raw)
        {
            // OpenAPI v3 wraps a reference that has siblings (a description, a default) in allOf: [{$ref}].
            if (key == "allOf" && value is JsonArray { Count: 1 } allOf && allOf[0] is JsonObject { Count: 1 } only && only["$ref"] is not null)
            {
                result["$ref"] = Ref(only["$ref"]!.GetValue<string>());
                continue;
            }

            if (key == "allOf")
            {
                throw new InvalidDataException("allOf other than one $ref is not supported: " + value?.ToJsonString());
            }

            if (!KeptKeywords.Contains(key) || value is null)
            {
                continue;
            }

            switch (key)
            {
                case "$ref":
                    result[key] = Ref(value.GetValue<string>());
                    break;
                case "properties":
                    var props = new JsonObject();
                    foreach (var (p, ps) in ((JsonObject)value).OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    {
                        props[p] = ConvertSchema((JsonObject)ps!);
                    }

                    result[key] = props;
                    break;
                case "items":
                case "additionalProperties" when value is JsonObject:
                    result[key] = ConvertSchema((JsonObject)value);
                    break;
                default:
                    result[key] = value.DeepClone();
                    break;
            }
        }

        // Strict decoding: a struct rejects fields it does not declare (unless it preserves unknown fields).
        if (result["properties"] is not null && result["additionalProperties"] is null && result["x-kubernetes-preserve-unknown-fields"] is null)
        {
            result["additionalProperties"] = false;
        }

        return result;
    }

    private static string Ref(string reference) =>
        reference.StartsWith(V3RefPrefix, StringComparison.Ordinal) ? RefPrefix + reference.Substring(V3RefPrefix.Length) : reference;

    private static JsonObject BuildList() => new()
    {
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["type"] = "string" },
            ["items"] = new JsonObject
            {
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["x-kubernetes-embedded-resource"] = true,
                    ["x-kubernetes-preserve-unknown-fields"] = true,
                },
                ["type"] = "array",
            },
            ["kind"] = new JsonObject { ["type"] = "string" },
            ["metadata"] = new JsonObject { ["$ref"] = RefPrefix + "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta" },
        },
        ["type"] = "object",
        ["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = string.Empty, ["kind"] = "List", ["version"] = "v1" }),
    };

    private static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    if (k == "$ref" && v is JsonValue s && s.GetValue<string>() is { } r && r.StartsWith(RefPrefix, StringComparison.Ordinal))
                    {
                        yield return r.Substring(RefPrefix.Length);
                    }
                    else
                    {
                        foreach (var x in References(v))
                        {
                            yield return x;
                        }
                    }
                }

                break;
            case JsonArray a:
                foreach (var v in a)
                {
                    foreach (var x in References(v))
                    {
                        yield return x;
                    }
                }

                break;
        }
    }

    private static string Write(JsonNode node)
    {
        var buffer = new MemoryStream();
        var options = new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            WriteSorted(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (k, v) in o.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(k);
                    WriteSorted(writer, v);
                }

                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var v in a)
                {
                    WriteSorted(writer, v);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static string Sha256(string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash);
    }
}
