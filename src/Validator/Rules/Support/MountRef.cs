using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

/// <summary>One volume mount of one container.</summary>
/// <param name="Container">The container.</param>
/// <param name="Node">The mount.</param>
/// <param name="Path">Its indexed path, e.g. <c>c[0].volumeMounts[1]</c>.</param>
/// <param name="ListPath">The path the server uses for some mount errors: <c>c[0].volumeMounts</c>, without index.</param>
internal sealed record MountRef(ContainerRef Container, MappingNode Node, FieldPath Path, FieldPath ListPath)
{
    private static readonly object SharedKey = new();

    /// <summary>Gets the mounts of every container, init and ephemeral container (built once per object).</summary>
    /// <param name="context">The context.</param>
    /// <returns>The mounts that are mappings.</returns>
    public static List<MountRef> All(RuleContext context) => context.Shared(SharedKey, static ctx =>
    {
        var result = new List<MountRef>();
        foreach (var c in Containers.All(ctx, includeEphemeral: true))
        {
            if (c.Node.Seq("volumeMounts") is not { } mounts)
            {
                continue;
            }

            var list = c.Path.Child("volumeMounts");
            for (var j = 0; j < mounts.Count; j++)
            {
                if (mounts.Items[j] is MappingNode m)
                {
                    result.Add(new MountRef(c, m, list.Index(j), list));
                }
            }
        }

        return result;
    });
}
