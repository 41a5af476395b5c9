using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

/// <summary>One env entry of a container, with its path.</summary>
/// <param name="Container">The container.</param>
/// <param name="Node">The env mapping.</param>
/// <param name="Path">Its path.</param>
internal sealed record EnvRef(ContainerRef Container, MappingNode Node, FieldPath Path)
{
    private static readonly object SharedKey = new();

    /// <summary>Gets the env entries of the containers and init containers.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The entries that are mappings.</returns>
    public static List<EnvRef> All(RuleContext context) => context.Shared(SharedKey, static ctx =>
    {
        var result = new List<EnvRef>();
        foreach (var c in Containers.All(ctx))
        {
            var env = c.Node.Seq("env");
            var basePath = env is null ? null : c.Path.Child("env");
            for (var i = 0; i < (env?.Count ?? 0); i++)
            {
                if (env!.Items[i] is MappingNode m)
                {
                    result.Add(new EnvRef(c, m, basePath!.Index(i)));
                }
            }
        }

        return result;
    });
}
