using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS4xxx;

/// <summary>
/// DS4104 (warning): two ports of the pod with the same containerPort and protocol, and hostIP without hostPort
/// (pkg/api/pod/warnings.go). A duplicate that DS1156 already rejects is not repeated as a warning.
/// </summary>
internal sealed class DS4104PortDefinitionsShouldNotOverlap : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS4104PortDefinitionsShouldNotOverlap"/> class.</summary>
    public DS4104PortDefinitionsShouldNotOverlap()
        : base(RuleCatalog.DS4104_PortDefinitionsShouldNotOverlap)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var all = new Dictionary<string, List<Port>>(System.StringComparer.Ordinal);
        var ordered = new List<ContainerRef>(Containers.Of(context, ContainerList.InitContainers));
        ordered.AddRange(Containers.Of(context, ContainerList.Containers));
        foreach (var c in ordered)
        {
            foreach (var p in PortRef.Of(c))
            {
                if (Nodes.ContainsUnknown(p.Node) || p.Node.Get("containerPort") is not (null or ScalarNode { Type: ScalarType.Int }))
                {
                    continue;
                }

                var port = new Port(p, p.Node.Int("hostPort") ?? 0, p.Node.Int("containerPort") ?? 0, p.Node.Str("protocol") is { Length: > 0 } proto ? proto : "TCP", p.Node.Str("hostIP") ?? string.Empty);
                if (port.HostIp.Length > 0 && port.HostPort == 0)
                {
                    context.Report(
                        FindingKind.Invalid,
                        p.Path,
                        $"hostIP set without hostPort: {{Name:{p.Node.Str("name")} HostPort:0 ContainerPort:{port.ContainerPort} Protocol:{port.Protocol} HostIP:{port.HostIp}}}",
                        Nodes.Quote(port.HostIp),
                        "remove hostIP, or add the hostPort it should bind");
                }

                var key = $"{port.ContainerPort}/{port.Protocol}";
                if (!all.TryGetValue(key, out var others))
                {
                    all[key] = new List<Port> { port };
                    continue;
                }

                foreach (var other in others)
                {
                    var detail = Compare(port, other);
                    if (detail is not null && !RejectedByDs1156(port, other))
                    {
                        context.Report(FindingKind.Duplicate, p.Path, $"{detail} with {other.Ref.Path}", Nodes.Quote(key), "declare each port once");
                    }
                }

                others.Add(port);
            }
        }
    }

    private static string? Compare(Port port, Port other)
    {
        if (port.HostIp == other.HostIp && port.HostPort == other.HostPort)
        {
            return "duplicate port definition";
        }

        if (port.HostPort == 0 || other.HostPort == 0)
        {
            return "overlapping port definition";
        }

        var a = port.HostIp.Length == 0;
        var b = other.HostIp.Length == 0;
        return port.HostPort == other.HostPort && a != b ? "dangerously ambiguous port definition" : null;
    }

    // The same protocol/hostIP/hostPort among the containers, or within one init container, is a DS1156 error.
    private static bool RejectedByDs1156(Port port, Port other) =>
        port.HostPort != 0 && port.HostIp == other.HostIp && port.HostPort == other.HostPort
        && (port.Ref.Container.List == ContainerList.Containers && other.Ref.Container.List == ContainerList.Containers
            || port.Ref.Container.Path.Equals(other.Ref.Container.Path));

    private sealed record Port(PortRef Ref, long HostPort, long ContainerPort, string Protocol, string HostIp);
}
