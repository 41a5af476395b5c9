using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace DaemonLint.Model;

/// <summary>The kind of a <see cref="ManifestNode"/>.</summary>
public enum NodeKind
{
    /// <summary>A mapping (object).</summary>
    Mapping,

    /// <summary>A sequence (array).</summary>
    Sequence,

    /// <summary>A scalar (string, number, boolean or null).</summary>
    Scalar,

    /// <summary>A value the front end could not compute (C# code: a parameter, a method call, ...).</summary>
    Unknown,
}

/// <summary>
/// A node of the format-neutral, source-mapped object tree that rules read. YAML and C# front ends build it;
/// every node carries the span of its value in its source.
/// </summary>
public abstract class ManifestNode
{
    private protected ManifestNode(SourceSpan span) => this.Span = span;

    /// <summary>
    /// Gets a value indicating whether this node is, or holds anywhere below it, an unknown value (C# front end).
    /// Computed once, bottom-up, when a mapping or sequence is built: rules ask it of whole subtrees many times per object.
    /// </summary>
    public bool ContainsUnknown => this switch
    {
        MappingNode m => m.AnyUnknown,
        SequenceNode q => q.AnyUnknown,
        UnknownNode => true,
        _ => false,
    };

    /// <summary>Gets the span of the value in its source.</summary>
    public SourceSpan Span { get; }

    /// <summary>Gets the node kind.</summary>
    public abstract NodeKind Kind { get; }

    /// <summary>Gets a host-specific handle for the node (the C# front end stores its syntax node here).</summary>
    public object? HostData { get; init; }

    /// <summary>Gets a value indicating whether this node is a null scalar (<c>~</c>, <c>null</c>, empty).</summary>
    public bool IsNull => this is ScalarNode { Type: ScalarType.Null };

    /// <summary>Gets a value indicating whether the value is unknown at analysis time.</summary>
    public bool IsUnknown => this.Kind == NodeKind.Unknown;
}

/// <summary>One key and value of a <see cref="MappingNode"/>.</summary>
public sealed class MappingEntry
{
    /// <summary>Initializes a new instance of the <see cref="MappingEntry"/> class.</summary>
    /// <param name="key">The key text.</param>
    /// <param name="keySpan">The span of the key.</param>
    /// <param name="value">The value.</param>
    public MappingEntry(string key, SourceSpan keySpan, ManifestNode value)
    {
        this.Key = key;
        this.KeySpan = keySpan;
        this.Value = value;
    }

    /// <summary>Gets the key text.</summary>
    public string Key { get; }

    /// <summary>Gets the span of the key.</summary>
    public SourceSpan KeySpan { get; }

    /// <summary>Gets the value.</summary>
    public ManifestNode Value { get; }

    /// <summary>Gets a host-specific handle for the key (the C# front end stores the assignment here).</summary>
    public object? HostData { get; init; }
}

/// <summary>A mapping: ordered keys, each with its own span.</summary>
public sealed class MappingNode : ManifestNode
{
    private readonly MappingEntry[] entries;
    private Dictionary<string, int>? index;

    // The YAML reader's: its nodes are never unknown, and it hands over an array of its own (no copy, no checks per entry).
    private MappingNode(SourceSpan span, MappingEntry[] entries)
        : base(span) => this.entries = entries;

    /// <summary>A mapping read from YAML: it takes <paramref name="entries"/> as they are (the caller gives it away).</summary>
    internal static MappingNode Read(SourceSpan span, MappingEntry[] entries) => new(span, entries);

    /// <summary>Initializes a new instance of the <see cref="MappingNode"/> class.</summary>
    /// <param name="span">The span of the mapping.</param>
    /// <param name="entries">The entries, in source order, keys unique.</param>
    /// <param name="hasUnknownEntries">Whether entries may exist that the front end could not see.</param>
    public MappingNode(SourceSpan span, IReadOnlyList<MappingEntry> entries, bool hasUnknownEntries = false)
        : base(span)
    {
        this.entries = new MappingEntry[entries.Count];
        var unknown = hasUnknownEntries;
        for (var i = 0; i < this.entries.Length; i++)
        {
            this.entries[i] = entries[i];
            unknown |= entries[i].Value.ContainsUnknown;
        }

        this.HasUnknownEntries = hasUnknownEntries;
        this.AnyUnknown = unknown;
    }

    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Mapping;

    /// <summary>Gets the entries in source order.</summary>
    public NodeList<MappingEntry> Entries => new(this.entries);

    /// <summary>Gets the number of entries.</summary>
    public int Count => this.entries.Length;

    /// <summary>
    /// Gets a value indicating whether the mapping may hold more entries than <see cref="Entries"/> shows
    /// (a C# dictionary filled by a method call). Rules must not conclude a key is absent when this is set.
    /// </summary>
    public bool HasUnknownEntries { get; }

    // Beside HasUnknownEntries, so the flag costs no object size.
    internal bool AnyUnknown { get; }

    /// <summary>Looks up a key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="entry">The entry, when found.</param>
    /// <returns>Whether the key exists.</returns>
    public bool TryGetEntry(string key, [NotNullWhen(true)] out MappingEntry? entry)
    {
        if (this.entries.Length <= 24) // a scan beats building and hashing an index for the mappings manifests have
        {
            foreach (var e in this.entries)
            {
                // Rules look keys up by the thousand: most entries differ in length or first character, so no call is made for them.
                var k = e.Key;
                if (k.Length == key.Length && (k.Length == 0 || k[0] == key[0]) && string.Equals(k, key, StringComparison.Ordinal))
                {
                    entry = e;
                    return true;
                }
            }

            entry = null;
            return false;
        }

        this.index ??= BuildIndex(this.entries);
        if (this.index.TryGetValue(key, out var i))
        {
            entry = this.entries[i];
            return true;
        }

        entry = null;
        return false;
    }

    /// <summary>Gets the value of a key, or null when the key is absent.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value node or null.</returns>
    public ManifestNode? this[string key] => this.TryGetEntry(key, out var e) ? e.Value : null;

    private static Dictionary<string, int> BuildIndex(MappingEntry[] entries)
    {
        var d = new Dictionary<string, int>(entries.Length, StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            d[entries[i].Key] = i;
        }

        return d;
    }
}

/// <summary>A sequence of nodes.</summary>
public sealed class SequenceNode : ManifestNode
{
    private readonly ManifestNode[] items;

    // The YAML reader's: its nodes are never unknown, and it hands over an array of its own (no copy, no checks per item).
    private SequenceNode(SourceSpan span, ManifestNode[] items)
        : base(span) => this.items = items;

    /// <summary>A sequence read from YAML: it takes <paramref name="items"/> as they are (the caller gives it away).</summary>
    internal static SequenceNode Read(SourceSpan span, ManifestNode[] items) => new(span, items);

    /// <summary>Initializes a new instance of the <see cref="SequenceNode"/> class.</summary>
    /// <param name="span">The span of the sequence.</param>
    /// <param name="items">The items.</param>
    /// <param name="hasUnknownItems">Whether items may exist that the front end could not see.</param>
    public SequenceNode(SourceSpan span, IReadOnlyList<ManifestNode> items, bool hasUnknownItems = false)
        : base(span)
    {
        this.items = new ManifestNode[items.Count];
        var unknown = hasUnknownItems;
        for (var i = 0; i < this.items.Length; i++)
        {
            this.items[i] = items[i];
            unknown |= items[i].ContainsUnknown;
        }

        this.HasUnknownItems = hasUnknownItems;
        this.AnyUnknown = unknown;
    }

    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Sequence;

    /// <summary>Gets the items.</summary>
    public NodeList<ManifestNode> Items => new(this.items);

    /// <summary>Gets the number of items.</summary>
    public int Count => this.items.Length;

    /// <summary>Gets a value indicating whether the sequence may hold items the front end could not see.</summary>
    public bool HasUnknownItems { get; }

    // Beside HasUnknownItems, so the flag costs no object size.
    internal bool AnyUnknown { get; }
}

/// <summary>The type a scalar resolves to, as the Kubernetes decoder (YAML 1.1, sigs.k8s.io/yaml) sees it.</summary>
public enum ScalarType
{
    /// <summary>A string (quoted, or plain text that is no other type).</summary>
    String,

    /// <summary>A null: <c>~</c>, <c>null</c>, <c>Null</c>, <c>NULL</c> or nothing.</summary>
    Null,

    /// <summary>A boolean: YAML 1.1 <c>true/false/yes/no/on/off/y/n</c> in their three casings.</summary>
    Bool,

    /// <summary>An integer (decimal, <c>0x</c> hex, <c>0b</c> binary or YAML 1.1 <c>0</c>-prefixed octal).</summary>
    Int,

    /// <summary>A floating-point number (<c>1.10</c>, <c>1e3</c>, <c>.inf</c>).</summary>
    Float,
}

/// <summary>A scalar with its raw text and the type the Kubernetes decoder resolves it to.</summary>
public sealed class ScalarNode : ManifestNode
{
    private readonly long integer;

    /// <summary>Initializes a new instance of the <see cref="ScalarNode"/> class.</summary>
    /// <param name="span">The span of the scalar.</param>
    /// <param name="raw">The text as written (without quotes).</param>
    /// <param name="type">The resolved type.</param>
    /// <param name="quoted">Whether the scalar was quoted or a block scalar.</param>
    /// <param name="number">The numeric value for <see cref="ScalarType.Int"/> and <see cref="ScalarType.Float"/>, the boolean as 0/1.</param>
    /// <param name="integer">The exact value of an <see cref="ScalarType.Int"/>.</param>
    public ScalarNode(SourceSpan span, string raw, ScalarType type, bool quoted = false, double number = 0, long integer = 0)
        : base(span)
    {
        this.Raw = raw;
        this.Type = type;
        this.Quoted = quoted;
        this.Number = number;
        this.integer = integer;
    }

    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Scalar;

    /// <summary>Gets the scalar text as written, without quotes.</summary>
    public string Raw { get; }

    /// <summary>Gets the resolved type.</summary>
    public ScalarType Type { get; }

    /// <summary>Gets a value indicating whether the scalar was quoted (or a literal/folded block).</summary>
    public bool Quoted { get; }

    /// <summary>Gets the numeric value of an Int or Float scalar (1/0 for a Bool).</summary>
    public double Number { get; }

    /// <summary>Gets the boolean value of a Bool scalar.</summary>
    public bool BoolValue => this.Type == ScalarType.Bool && this.Number != 0;

    /// <summary>
    /// Gets the integer the Go decoder reads from this scalar into an integer field: the value of an Int, or of a Float
    /// whose value is integral and fits in 64 bits. sigs.k8s.io/yaml writes such a float as a JSON integer (Go's
    /// encoding/json prints <c>1e3</c> as <c>1000</c>, <c>0999</c>, which YAML 1.1 reads as the float 999, as
    /// <c>999</c>, and <c>1.0</c> as <c>1</c>), so an int field receives it like any integer and its range checks apply.
    /// </summary>
    public long? IntValue => this.Type switch
    {
        ScalarType.Int => this.integer,
        ScalarType.Float when IsIntegralInt64(this.Number) => (long)this.Number,
        _ => null,
    };

    /// <summary>Gets the text a string field receives: the raw text for strings, null for nulls.</summary>
    public string? StringValue => this.Type == ScalarType.Null ? null : this.Raw;

    /// <inheritdoc />
    public override string ToString() => this.Raw;

    // A double is exact here: every integral double in [-2^63, 2^63) converts to the long of the same value. 1e21 and up
    // are written in exponent form (1e+21), which Go's decoder refuses for an int.
    private static bool IsIntegralInt64(double value) =>
        !double.IsNaN(value) && !double.IsInfinity(value) && Math.Floor(value) == value && value >= -9223372036854775808.0 && value < 9223372036854775808.0;
}

/// <summary>A value that cannot be computed before run time (C# front end only).</summary>
public sealed class UnknownNode : ManifestNode
{
    /// <summary>Initializes a new instance of the <see cref="UnknownNode"/> class.</summary>
    /// <param name="span">The span of the expression.</param>
    public UnknownNode(SourceSpan span)
        : base(span)
    {
    }

    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Unknown;
}
