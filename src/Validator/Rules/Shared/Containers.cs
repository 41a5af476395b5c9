using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules;

/// <summary>Which list a container comes from.</summary>
public enum ContainerList
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
public sealed record ContainerRef(MappingNode Node, FieldPath Path, ContainerList List, int Index);

/// <summary>Enumerates the containers of a pod template.</summary>
public static class Containers
{
    /// <summary>Gets the regular containers, then the init containers (the order the API server validates them in).</summary>
    /// <param name="context">The rule context.</param>
    /// <param name="includeEphemeral">Whether to include ephemeral containers too.</param>
    /// <returns>The containers that are mappings.</returns>
    public static IEnumerable<ContainerRef> All(RuleContext context, bool includeEphemeral = false)
    {
        foreach (var c in Of(context.PodSpec, "containers", ContainerList.Containers))
        {
            yield return c;
        }

        foreach (var c in Of(context.PodSpec, "initContainers", ContainerList.InitContainers))
        {
            yield return c;
        }

        if (includeEphemeral)
        {
            foreach (var c in Of(context.PodSpec, "ephemeralContainers", ContainerList.EphemeralContainers))
            {
                yield return c;
            }
        }
    }

    /// <summary>Gets the containers of one list.</summary>
    /// <param name="podSpec">The pod spec.</param>
    /// <param name="field">containers, initContainers or ephemeralContainers.</param>
    /// <param name="list">The list kind.</param>
    /// <returns>The containers that are mappings.</returns>
    public static IEnumerable<ContainerRef> Of(MappingNode? podSpec, string field, ContainerList list)
    {
        var seq = podSpec.Seq(field);
        if (seq is null)
        {
            yield break;
        }

        var basePath = Paths.PodSpec.Child(field);
        for (var i = 0; i < seq.Count; i++)
        {
            if (seq.Items[i] is MappingNode m)
            {
                yield return new ContainerRef(m, basePath.Index(i), list, i);
            }
        }
    }
}
