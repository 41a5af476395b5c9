using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.PodResources;

/// <summary>One entry of a container's <c>resources.limits</c> or <c>resources.requests</c>.</summary>
/// <param name="Name">The resource name.</param>
/// <param name="Node">The value node.</param>
/// <param name="Path">The path, e.g. <c>c[0].resources.limits[cpu]</c>.</param>
/// <param name="Quantity">The quantity after defaulting (rounded up to milli units), or null when invalid or not judged.</param>
/// <param name="Error">The upstream parse error, when the text is no quantity.</param>
internal sealed record ResourceEntry(string Name, ManifestNode Node, FieldPath Path, Quantity? Quantity, string? Error);

/// <summary>The resources block of one container.</summary>
internal sealed class ContainerResources
{
    private static readonly object SharedKey = new();

    private ContainerResources(ContainerRef container, MappingNode resources, FieldPath path)
    {
        this.Container = container;
        this.Path = path;
        this.Limits = Read(resources, "limits", path.Child("limits"), out var limitsUnknown);
        this.Requests = Read(resources, "requests", path.Child("requests"), out var requestsUnknown);
        this.Uncertain = resources.HasUnknownEntries || limitsUnknown || requestsUnknown;
    }

    public ContainerRef Container { get; }

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

    public ResourceEntry? Limit(string name)
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
            list.Add(new ResourceEntry(e.Key, e.Value, path.Key(e.Key), q, error));
        }

        return list;
    }
}

/// <summary>DS1301: quantities parse, are not negative, are whole for integer resources and divide into hugepages.</summary>
public sealed class ResourceQuantityMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="ResourceQuantityMustBeValid"/> class.</summary>
    public ResourceQuantityMustBeValid()
        : base(RuleCatalog.DS1301_ResourceQuantityMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var r in ContainerResources.Of(context))
        {
            foreach (var e in r.Limits)
            {
                this.CheckEntry(context, e);
            }

            foreach (var e in r.Requests)
            {
                this.CheckEntry(context, e);
            }
        }

        // A quantity that does not parse fails JSON decoding before validation runs: the schema layer reports it
        // (DS2005), so this rule stays silent on it (one mistake, one finding).
    }

    private void CheckEntry(RuleContext context, ResourceEntry e)
    {
        if (e.Error is not null)
        {
            return; // DS2005
        }

        if (e.Quantity is not { } q)
        {
            return;
        }

        if (q.Sign < 0)
        {
            context.Report(FindingKind.Invalid, e.Path, "must be greater than or equal to 0", Nodes.Quote(q.ToString()), "remove the minus sign");
        }

        if (ResourceNames.IsInteger(e.Name) && !q.IsInteger)
        {
            context.Report(FindingKind.Invalid, e.Path, "must be an integer", Nodes.Quote(q.ToString()), "extended resources are counted in whole units");
        }

        if (ResourceNames.IsHugePages(e.Name) && !ResourceNames.IsHugePagesValueDivisible(e.Name, q))
        {
            context.Report(FindingKind.Invalid, e.Path, $"{q} is not positive integer multiple of {e.Name}", Nodes.Quote(q.ToString()));
        }
    }
}

/// <summary>DS1302: container resource names are standard or qualified extended names.</summary>
public sealed class ResourceNameMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="ResourceNameMustBeValid"/> class.</summary>
    public ResourceNameMustBeValid()
        : base(RuleCatalog.DS1302_ResourceNameMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            var resources = c.Node.Map("resources");
            foreach (var key in new[] { "limits", "requests" })
            {
                if (resources.Map(key) is not { } map)
                {
                    continue;
                }

                var path = c.Path.Child("resources", key);
                foreach (var e in map.Entries)
                {
                    foreach (var msg in ResourceNames.ValidateContainerResourceName(e.Key))
                    {
                        context.Report(FindingKind.Invalid, path.Key(e.Key), msg, Nodes.Quote(e.Key), Hint(e.Key));
                    }
                }
            }
        }
    }

    private static string? Hint(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower != name && ResourceNames.IsStandardContainer(lower))
        {
            return $"resource names are case-sensitive: write {lower}";
        }

        return lower switch
        {
            "mem" or "ram" => "write memory",
            "storage" or "disk" => "container storage is ephemeral-storage",
            "gpu" or "nvidia-gpu" => "GPUs are extended resources with a vendor prefix, e.g. nvidia.com/gpu",
            _ => null,
        };
    }
}

/// <summary>DS1303: each request is at most its limit.</summary>
public sealed class RequestMustNotExceedLimit : Rule
{
    /// <summary>Initializes a new instance of the <see cref="RequestMustNotExceedLimit"/> class.</summary>
    public RequestMustNotExceedLimit()
        : base(RuleCatalog.DS1303_RequestMustNotExceedLimit)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var r in ContainerResources.Of(context))
        {
            foreach (var req in r.Requests)
            {
                if (req.Quantity is not { } q || r.Limit(req.Name)?.Quantity is not { } limit)
                {
                    continue; // limits without requests, or requests without limits: nothing to compare (requests are not copied from limits in templates)
                }

                if (ResourceNames.IsOvercommitAllowed(req.Name) && q.CompareTo(limit) > 0)
                {
                    context.Report(
                        FindingKind.Invalid,
                        r.Path.Child("requests"),
                        $"must be less than or equal to {req.Name} limit of {limit}",
                        Nodes.Quote(q.ToString()),
                        $"lower requests[{req.Name}] to at most {limit} or raise the limit",
                        at: req.Path);
                }
            }
        }
    }
}

/// <summary>DS1304: hugepages and extended resources need equal request and limit.</summary>
public sealed class NonOvercommitableRequestMustEqualLimit : Rule
{
    /// <summary>Initializes a new instance of the <see cref="NonOvercommitableRequestMustEqualLimit"/> class.</summary>
    public NonOvercommitableRequestMustEqualLimit()
        : base(RuleCatalog.DS1304_NonOvercommitableRequestMustEqualLimit)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var r in ContainerResources.Of(context))
        {
            foreach (var req in r.Requests)
            {
                if (req.Quantity is not { } q || ResourceNames.IsOvercommitAllowed(req.Name))
                {
                    continue;
                }

                var limitEntry = r.Limit(req.Name);
                if (limitEntry is null)
                {
                    if (!r.Uncertain)
                    {
                        context.Report(
                            FindingKind.Required,
                            r.Path.Child("limits"),
                            "Limit must be set for non overcommitable resources",
                            hint: $"add limits[{req.Name}]: {q} (equal to the request), or move the request to limits",
                            at: req.Path);
                    }

                    continue;
                }

                if (limitEntry.Quantity is { } limit && q.CompareTo(limit) != 0)
                {
                    context.Report(
                        FindingKind.Invalid,
                        r.Path.Child("requests"),
                        $"must be equal to {req.Name} limit of {limit}",
                        Nodes.Quote(q.ToString()),
                        $"set requests[{req.Name}] to {limit}, or remove the request",
                        at: req.Path);
                }
            }
        }
    }
}

/// <summary>DS1305: hugepages need cpu or memory.</summary>
public sealed class HugePagesRequireCpuOrMemory : Rule
{
    /// <summary>Initializes a new instance of the <see cref="HugePagesRequireCpuOrMemory"/> class.</summary>
    public HugePagesRequireCpuOrMemory()
        : base(RuleCatalog.DS1305_HugePagesRequireCpuOrMemory)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var r in ContainerResources.Of(context))
        {
            if (r.Uncertain)
            {
                continue;
            }

            var hugePages = false;
            var cpuOrMemory = false;
            foreach (var e in r.Limits)
            {
                hugePages |= ResourceNames.IsHugePages(e.Name);
                cpuOrMemory |= e.Name is "cpu" or "memory";
            }

            foreach (var e in r.Requests)
            {
                hugePages |= ResourceNames.IsHugePages(e.Name);
                cpuOrMemory |= e.Name is "cpu" or "memory";
            }

            if (hugePages && !cpuOrMemory)
            {
                context.Report(FindingKind.Forbidden, r.Path, "HugePages require cpu or memory", hint: "add a memory (or cpu) request or limit next to the hugepages");
            }
        }
    }
}

/// <summary>DS4106: memory and ephemeral-storage in whole bytes (a server warning).</summary>
public sealed class FractionalByteQuantity : Rule
{
    /// <summary>Initializes a new instance of the <see cref="FractionalByteQuantity"/> class.</summary>
    public FractionalByteQuantity()
        : base(RuleCatalog.DS4106_FractionalByteQuantity)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var r in ContainerResources.Of(context))
        {
            Check(context, r.Limits);
            Check(context, r.Requests);
        }
    }

    private static void Check(RuleContext context, List<ResourceEntry> entries)
    {
        foreach (var e in entries)
        {
            if (e.Name is "memory" or "ephemeral-storage" && e.Quantity is { } q && !q.IsInteger)
            {
                context.Report(
                    FindingKind.Invalid,
                    e.Path,
                    $"fractional byte value {Nodes.Quote(q.ToString())} is invalid, must be an integer",
                    hint: $"write whole bytes, e.g. {q.CeilingValue()} or a value with a binary suffix such as Mi");
            }
        }
    }
}
