using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

/// <summary>Which list a container comes from.</summary>
internal enum ContainerList
{
    /// <summary><c>spec.template.spec.containers</c>.</summary>
    Containers,

    /// <summary><c>spec.template.spec.initContainers</c>.</summary>
    InitContainers,

    /// <summary><c>spec.template.spec.ephemeralContainers</c>.</summary>
    EphemeralContainers,
}

/// <summary>One container of the pod template, with its path.</summary>
/// <param name="Node">The container mapping.</param>
/// <param name="Path">Its path, e.g. <c>spec.template.spec.containers[0]</c>.</param>
/// <param name="List">The list it is in.</param>
/// <param name="Index">Its index in that list.</param>
internal sealed record ContainerRef(MappingNode Node, FieldPath Path, ContainerList List, int Index)
{
    /// <summary>Gets or sets the container's ports, computed once (the containers of a context are shared by its rules).</summary>
    internal List<PortRef>? Ports { get; set; }
}

/// <summary>
/// Enumerates the containers of a pod template. The lists are built once per object and shared by every rule that
/// walks them (with their paths), so the ~40 container rules do not each allocate iterators and paths again.
/// </summary>
internal static class Containers
{
    private static readonly object[] ListKeys = { new(), new(), new() };
    private static readonly object AllKey = new();
    private static readonly object AllWithEphemeralKey = new();

    /// <summary>Gets the regular containers, then the init containers (the order the API server validates them in).</summary>
    /// <param name="context">The rule context.</param>
    /// <param name="includeEphemeral">Whether to include ephemeral containers too.</param>
    /// <returns>The containers that are mappings (a list shared by the object's rules: do not change it).</returns>
    public static List<ContainerRef> All(RuleContext context, bool includeEphemeral = false) => includeEphemeral
        ? context.Shared(AllWithEphemeralKey, static c => Build(c, includeEphemeral: true))
        : context.Shared(AllKey, static c => Build(c, includeEphemeral: false));

    private static List<ContainerRef> Build(RuleContext context, bool includeEphemeral)
    {
        var all = new List<ContainerRef>(Of(context, ContainerList.Containers));
        all.AddRange(Of(context, ContainerList.InitContainers));
        if (includeEphemeral)
        {
            all.AddRange(Of(context, ContainerList.EphemeralContainers));
        }

        return all;
    }

    /// <summary>Gets the containers of one list of the context's pod spec.</summary>
    /// <param name="context">The rule context.</param>
    /// <param name="list">The list.</param>
    /// <returns>The containers that are mappings.</returns>
    public static List<ContainerRef> Of(RuleContext context, ContainerList list) =>
        list switch
        {
            ContainerList.Containers => context.Shared(ListKeys[0], static c => Of(c.PodSpec, "containers", ContainerList.Containers)),
            ContainerList.InitContainers => context.Shared(ListKeys[1], static c => Of(c.PodSpec, "initContainers", ContainerList.InitContainers)),
            _ => context.Shared(ListKeys[2], static c => Of(c.PodSpec, "ephemeralContainers", ContainerList.EphemeralContainers)),
        };

    /// <summary>Gets the containers of one list.</summary>
    /// <param name="podSpec">The pod spec.</param>
    /// <param name="field">containers, initContainers or ephemeralContainers.</param>
    /// <param name="list">The list kind.</param>
    /// <returns>The containers that are mappings.</returns>
    public static List<ContainerRef> Of(MappingNode? podSpec, string field, ContainerList list)
    {
        var seq = podSpec.Seq(field);
        var result = new List<ContainerRef>(seq?.Count ?? 0);
        if (seq is null)
        {
            return result;
        }

        var basePath = Paths.PodSpec.Child(field);
        for (var i = 0; i < seq.Count; i++)
        {
            if (seq.Items[i] is MappingNode m)
            {
                result.Add(new ContainerRef(m, basePath.Index(i), list, i));
            }
        }

        return result;
    }
}
