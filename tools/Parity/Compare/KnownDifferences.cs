using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace DaemonLint.Parity.Compare;

/// <summary>A cited difference that is not a bug: the core follows a later release than the oracle for one check.</summary>
internal sealed class KnownDifference
{
    /// <summary>Gets or sets a short id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the field path pattern: <c>[*]</c> matches any index or key, <c>*</c> any text.</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets the item type (<c>Invalid</c>, <c>Decode</c>...).</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    /// <summary>Gets or sets which side reports it alone: <c>oracle</c> or <c>core</c>.</summary>
    [JsonPropertyName("side")]
    public string Side { get; set; } = string.Empty;

    /// <summary>Gets or sets the oracle's Kubernetes minor the entry applies to (<c>1.32</c>; <c>*</c>: every oracle).</summary>
    [JsonPropertyName("kubernetes")]
    public string Kubernetes { get; set; } = string.Empty;

    /// <summary>Gets or sets the core rule concerned.</summary>
    [JsonPropertyName("rule")]
    public string? Rule { get; set; }

    /// <summary>Gets or sets why it differs.</summary>
    [JsonPropertyName("reason")]
    public string Reason { get; set; } = string.Empty;

    /// <summary>Gets or sets the upstream source that shows it.</summary>
    [JsonPropertyName("citation")]
    public string Citation { get; set; } = string.Empty;

    /// <summary>Gets or sets an optional regular expression the item's message must match.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>Gets or sets an optional regular expression the document's value at the item's path must match (the
    /// oracle's message does not always show the value as written: a search domain "." is reported as "").</summary>
    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonIgnore]
    internal Regex? ValueRegex { get; set; }

    [JsonIgnore]
    internal Regex? PathRegex { get; set; }

    [JsonIgnore]
    internal Regex? MessageRegex { get; set; }
}

/// <summary>The list of cited known differences that apply to the oracle in use.</summary>
internal sealed class KnownDifferences
{
    private readonly List<KnownDifference> entries;

    private KnownDifferences(List<KnownDifference> entries) => this.entries = entries;

    /// <summary>Gets an empty list.</summary>
    public static KnownDifferences None { get; } = new(new List<KnownDifference>());

    /// <summary>Gets the entries in force.</summary>
    public IReadOnlyList<KnownDifference> Entries => this.entries;

    /// <summary>Loads the list and keeps the entries for a Kubernetes minor.</summary>
    /// <param name="file">The JSON file.</param>
    /// <param name="kubernetesMinor">The oracle's minor (<c>1.32</c>), or null for every entry.</param>
    public static KnownDifferences Load(string file, string? kubernetesMinor)
    {
        var all = JsonSerializer.Deserialize<List<KnownDifference>>(File.ReadAllText(file)) ?? new List<KnownDifference>();
        foreach (var e in all)
        {
            if (string.IsNullOrWhiteSpace(e.Reason) || string.IsNullOrWhiteSpace(e.Citation) || e.Side is not ("oracle" or "core"))
            {
                throw new InvalidDataException($"known difference '{e.Id}' must have a side (oracle|core), a reason and a citation");
            }

            e.PathRegex = Glob(e.Path);
            e.MessageRegex = e.Message is null ? null : new Regex(e.Message, RegexOptions.CultureInvariant);
            e.ValueRegex = e.Value is null ? null : new Regex(e.Value, RegexOptions.CultureInvariant);
        }

        return new KnownDifferences(all.Where(e => kubernetesMinor is null || e.Kubernetes == "*" || e.Kubernetes == kubernetesMinor).ToList());
    }

    /// <summary>The entry explaining an unmatched item, or null.</summary>
    /// <param name="item">The item.</param>
    /// <param name="side">Which tool reported it alone.</param>
    /// <param name="valueAt">The document's value at a path (null when unknown: entries with a value pattern do not match).</param>
    public KnownDifference? Match(Item item, string side, Func<string, string?>? valueAt = null) =>
        this.entries.FirstOrDefault(e => e.Side == side && e.Type == item.Type && e.PathRegex!.IsMatch(item.Path)
            && (e.MessageRegex is null || e.MessageRegex.IsMatch(item.Message))
            && (e.ValueRegex is null || (valueAt?.Invoke(item.Path) is { } v && e.ValueRegex.IsMatch(v))));

    /// <summary>Turns a path pattern into a regular expression.</summary>
    public static Regex Glob(string pattern)
    {
        var re = Regex.Escape(pattern).Replace(@"\[\*]", @"\[[^\]]*]", StringComparison.Ordinal).Replace(@"\*", ".*", StringComparison.Ordinal);
        return new Regex("^" + re + "$", RegexOptions.CultureInvariant);
    }
}

/// <summary>A path pattern and the upstream validation function that checks it.</summary>
internal sealed class UpstreamFunction
{
    /// <summary>Gets or sets the normalized path pattern (<c>[*]</c> for indices and keys, a trailing <c>*</c> for a subtree).</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets the function.</summary>
    [JsonPropertyName("function")]
    public string Function { get; set; } = string.Empty;

    /// <summary>Gets or sets the source file (relative to kubernetes/kubernetes or the staging repository).</summary>
    [JsonPropertyName("file")]
    public string File { get; set; } = string.Empty;

    [JsonIgnore]
    internal Regex? Regex { get; set; }
}

/// <summary>Maps field paths to the upstream functions that validate them (longest matching pattern wins).</summary>
internal sealed class UpstreamMap
{
    private readonly List<UpstreamFunction> entries;

    private UpstreamMap(List<UpstreamFunction> entries) => this.entries = entries;

    /// <summary>Gets the entries.</summary>
    public IReadOnlyList<UpstreamFunction> Entries => this.entries;

    /// <summary>Loads the map.</summary>
    public static UpstreamMap Load(string file)
    {
        var all = JsonSerializer.Deserialize<List<UpstreamFunction>>(File.ReadAllText(file)) ?? new List<UpstreamFunction>();
        foreach (var e in all)
        {
            e.Regex = KnownDifferences.Glob(e.Path);
        }

        return new UpstreamMap(all.OrderByDescending(e => e.Path.Length).ToList());
    }

    /// <summary>The function for a normalized path (or the best guess for decode and strict items).</summary>
    public string FunctionFor(string normalizedPath, string type)
    {
        if (type == ItemType.Decode)
        {
            return "decoding (sigs.k8s.io/json, resource.ParseQuantity, apps/v1 conversion)";
        }

        if (type is ItemType.UnknownField or ItemType.DuplicateField)
        {
            return "strict decoding (sigs.k8s.io/json UnmarshalStrict, sigs.k8s.io/yaml YAMLToJSONStrict)";
        }

        if (type == ItemType.Request)
        {
            return "registry (rest.BeforeCreate/BeforeUpdate, store)";
        }

        var e = this.entries.FirstOrDefault(x => x.Regex!.IsMatch(normalizedPath));
        return e?.Function ?? "(unmapped)";
    }
}
