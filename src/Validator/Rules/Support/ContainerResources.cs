using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.Support;

/// <summary>One entry of a container's <c>resources.limits</c> or <c>resources.requests</c>.</summary>
/// <param name="Name">The resource name.</param>
/// <param name="Node">The value node.</param>
/// <param name="Block">The path of the block that holds it, e.g. <c>c[0].resources.limits</c>.</param>
/// <param name="Quantity">The quantity after defaulting (rounded up to milli units), or null when invalid or not judged.</param>
/// <param name="Error">The upstream parse error, when the text is no quantity.</param>
/// <param name="At">Where the entry is in the source, when the server's path is not there (<c>overhead.limits[x]</c>).</param>
internal sealed record ResourceEntry(string Name, ManifestNode Node, FieldPath Block, Quantity? Quantity, string? Error, FieldPath? At = null)
{
    /// <summary>Gets the entry's path, e.g. <c>c[0].resources.limits[cpu]</c>: made when a rule asks (to report), as a key path is never shared.</summary>
    public FieldPath Path => this.Block.Key(this.Name);
}

/// <summary>The resources block of one container, or the pod-level <c>spec.resources</c> (PodLevelResources).</summary>
internal sealed class ContainerResources
{
    private static readonly object SharedKey = new();

    private static readonly object PodLevelKey = new();

    private Dictionary<string, ResourceEntry>? limitIndex;

    private ContainerResources(ContainerRef? container, MappingNode resources, FieldPath path)
    {
        this.Container = container;
        this.Path = path;
        this.Limits = Read(resources, "limits", path.Child("limits"), out var limitsUnknown);
        this.Requests = Read(resources, "requests", path.Child("requests"), out var requestsUnknown);
        this.Uncertain = resources.HasUnknownEntries || limitsUnknown || requestsUnknown;
    }

    /// <summary>Gets the container, or null for the pod-level block.</summary>
    public ContainerRef? Container { get; }

    public FieldPath Path { get; }

    public List<ResourceEntry> Limits { get; }

    public List<ResourceEntry> Requests { get; }

    /// <summary>Gets a value indicating whether some entries may be hidden (C# front end).</summary>
    public bool Uncertain { get; }

    public static List<ContainerResources> Of(RuleContext context) => context.Shared(SharedKey, static ctx =>
    {
        // Parsed once per object and shared by DS1301-DS4106.
        var result = new List<ContainerResources>();
        foreach (var c in Containers.All(ctx, includeEphemeral: true))
        {
            if (c.Node.Map("resources") is { } r)
            {
                result.Add(new ContainerResources(c, r, c.Path.Child("resources")));
            }
        }

        return result;
    });

    /// <summary>Gets the path of the pod-level resources: <c>spec.template.spec.resources</c>.</summary>
    public static FieldPath PodLevelPath { get; } = Paths.PodSpec.Child("resources");

    /// <summary>
    /// Gets the pod-level <c>spec.resources</c> when the server validates it (<c>validatePodResources</c> runs when the
    /// option PodLevelResourcesEnabled is on and the field is set, even to <c>{}</c>), or null. The option is read on each
    /// call, so that every rule that asks is seen reading it; the block itself is parsed once per object.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <returns>The block, or null (no option, no mapping, or an unknown value).</returns>
    public static ContainerResources? PodLevel(RuleContext context)
    {
        if (!context.PodOptions.PodLevelResourcesEnabled || context.PodSpec.IsUnknown("resources"))
        {
            return null;
        }

        return context.Shared(PodLevelKey, static ctx => ctx.PodSpec.Map("resources") is { } r ? new ContainerResources(null, r, PodLevelPath) : null);
    }

    /// <summary>Gets the path the server reports the overhead at: <c>spec.template.spec.overhead.limits</c>.</summary>
    public static FieldPath OverheadLimits { get; } = Paths.PodSpec.Child("overhead", "limits");

    /// <summary>
    /// Gets the pod's <c>overhead</c> as the server validates it: <c>validateOverhead</c> runs the container resource
    /// checks on <c>{limits: overhead}</c>, so the entries are reported at <c>spec.template.spec.overhead.limits[name]</c>.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="uncertain">Whether some entries may be hidden (an unknown value, C# front end).</param>
    /// <returns>The entries (empty when the pod declares no overhead).</returns>
    public static List<ResourceEntry> Overhead(RuleContext context, out bool uncertain)
    {
        uncertain = context.PodSpec.IsUnknown("overhead");
        if (context.PodSpec is not { } spec || uncertain)
        {
            return new List<ResourceEntry>();
        }

        var at = Paths.PodSpec.Child("overhead");
        var entries = Read(spec, "overhead", OverheadLimits, out uncertain);
        for (var i = 0; i < entries.Count; i++)
        {
            entries[i] = entries[i] with { At = at.Key(entries[i].Name) };
        }

        return entries;
    }

    /// <summary>Gets the limit of a resource, or null (indexed on first use: the request rules ask once per request).</summary>
    /// <param name="name">The resource name.</param>
    /// <returns>The limit entry.</returns>
    public ResourceEntry? Limit(string name)
    {
        if (this.Limits.Count <= 8)
        {
            foreach (var e in this.Limits)
            {
                if (e.Name == name)
                {
                    return e;
                }
            }

            return null;
        }

        if (this.limitIndex is null)
        {
            this.limitIndex = new Dictionary<string, ResourceEntry>(this.Limits.Count, StringComparer.Ordinal);
            foreach (var e in this.Limits)
            {
                this.limitIndex[e.Name] = e; // keys of a mapping are unique
            }
        }

        return this.limitIndex.TryGetValue(name, out var found) ? found : null;
    }

    // Quantities are parsed with BigInteger, as upstream's inf.Dec; manifests repeat the same few texts ("100m",
    // "128Mi"), so parsed values (immutable) are kept by text. Bounded: cleared when it grows past 4,096 texts.
    private static readonly ConcurrentDictionary<string, (Quantity? Quantity, string? Error)> Parsed = new(StringComparer.Ordinal);

    private static (Quantity? Quantity, string? Error) Parse(ManifestNode node)
    {
        if (Quantity.JsonText(node) is not { } text)
        {
            return (null, null); // no string or finite number: the schema layer's finding (DS2002)
        }

        if (Parsed.TryGetValue(text, out var known))
        {
            return known;
        }

        var result = Quantity.TryParse(text, out var parsed, out var error)
            ? (parsed.RoundUp(-3), (string?)null) // SetDefaults_ResourceList
            : ((Quantity?)null, error);
        if (Parsed.Count >= 4096)
        {
            Parsed.Clear();
        }

        Parsed[text] = result;
        return result;
    }

    private static List<ResourceEntry> Read(MappingNode resources, string key, FieldPath path, out bool unknown)
    {
        var list = new List<ResourceEntry>();
        // An unknown value, or one of the wrong type (the schema layer's finding), hides what the block holds.
        unknown = resources[key] is { } v && !v.IsNull && v is not MappingNode;
        if (resources.Map(key) is not { } map)
        {
            return list;
        }

        unknown = map.HasUnknownEntries;
        foreach (var e in map.Entries)
        {
            if (e.Value.IsNull || e.Value is UnknownNode)
            {
                continue;
            }

            var (q, error) = Parse(e.Value);
            list.Add(new ResourceEntry(e.Key, e.Value, path, q, error));
        }

        return list;
    }
}
