using System.Collections.Generic;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

/// <summary>One entry of a container's ports, with its path.</summary>
/// <param name="Container">The container.</param>
/// <param name="Node">The port mapping.</param>
/// <param name="Path">Its path.</param>
/// <param name="Index">Its index in ports.</param>
internal sealed record PortRef(ContainerRef Container, MappingNode Node, FieldPath Path, int Index)
{
    /// <summary>Gets the ports of a container.</summary>
    /// <param name="c">The container.</param>
    /// <returns>The ports that are mappings.</returns>
    public static List<PortRef> Of(ContainerRef c)
    {
        if (c.Ports is { } cached)
        {
            return cached;
        }

        var ports = c.Node.Seq("ports");
        var result = new List<PortRef>(ports?.Count ?? 0);
        var basePath = ports is null ? null : c.Path.Child("ports");
        for (var i = 0; i < (ports?.Count ?? 0); i++)
        {
            if (ports!.Items[i] is MappingNode m)
            {
                result.Add(new PortRef(c, m, basePath!.Index(i), i));
            }
        }

        c.Ports = result;
        return result;
    }
}
