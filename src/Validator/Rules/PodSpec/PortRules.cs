using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.PodSpec;

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

/// <summary>DS1151: port names are IANA service names (UV IsValidPortName).</summary>
public sealed class PortNameMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="PortNameMustBeValid"/> class.</summary>
    public PortNameMustBeValid()
        : base(RuleCatalog.DS1151_PortNameMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            foreach (var p in PortRef.Of(c))
            {
                var name = p.Node.Str("name");
                if (string.IsNullOrEmpty(name) || p.Node.IsUnknown("name"))
                {
                    continue;
                }

                var fix = PodSpecNodes.LowerCaseFix(name!);
                var hint = fix is not null && PodSpecNodes.IsValidPortName(fix).Count == 0 ? $"port names are lower case: write {fix}" : null;
                foreach (var msg in PodSpecNodes.IsValidPortName(name!))
                {
                    context.Report(FindingKind.Invalid, p.Path.Child("name"), msg, Nodes.Quote(name!), hint);
                }
            }
        }
    }
}

/// <summary>DS1152: port names are unique within one container (CV validateContainerPorts).</summary>
public sealed class PortNamesMustBeUnique : Rule
{
    /// <summary>Initializes a new instance of the <see cref="PortNamesMustBeUnique"/> class.</summary>
    public PortNamesMustBeUnique()
        : base(RuleCatalog.DS1152_PortNamesMustBeUnique)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var p in PortRef.Of(c))
            {
                var name = p.Node.Str("name");
                if (string.IsNullOrEmpty(name) || p.Node.IsUnknown("name") || PodSpecNodes.IsValidPortName(name!).Count > 0)
                {
                    continue;
                }

                if (!names.Add(name!))
                {
                    context.Report(FindingKind.Duplicate, p.Path.Child("name"), string.Empty, Nodes.Quote(name!), "give each port of the container its own name");
                }
            }
        }
    }
}

/// <summary>DS1153: containerPort is required (0 counts as missing) and 1-65535 (CV validateContainerPorts).</summary>
public sealed class ContainerPortMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="ContainerPortMustBeValid"/> class.</summary>
    public ContainerPortMustBeValid()
        : base(RuleCatalog.DS1153_ContainerPortMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            foreach (var p in PortRef.Of(c))
            {
                if (p.Node.IsUnknown("containerPort"))
                {
                    continue;
                }

                var node = p.Node.Get("containerPort");
                var path = p.Path.Child("containerPort");
                if (node is null || p.Node.Int("containerPort") == 0)
                {
                    context.Report(FindingKind.Required, path, string.Empty, hint: p.Node.Int("hostPort") is { } hp and > 0 ? $"add the port the container listens on, e.g. containerPort: {PodSpecNodes.Num(hp)}" : null);
                }
                else if (p.Node.Int("containerPort") is { } v && v is < 1 or > 65535)
                {
                    context.Report(FindingKind.Invalid, path, PodSpecNodes.InclusiveRange(1, 65535), PodSpecNodes.Num(v));
                }
            }
        }
    }
}

/// <summary>DS1154: hostPort, when non-zero, is 1-65535 (CV validateContainerPorts).</summary>
public sealed class HostPortMustBeInRange : Rule
{
    /// <summary>Initializes a new instance of the <see cref="HostPortMustBeInRange"/> class.</summary>
    public HostPortMustBeInRange()
        : base(RuleCatalog.DS1154_HostPortMustBeInRange)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            foreach (var p in PortRef.Of(c))
            {
                if (p.Node.Int("hostPort") is { } v && v != 0 && v is < 1 or > 65535)
                {
                    context.Report(FindingKind.Invalid, p.Path.Child("hostPort"), PodSpecNodes.InclusiveRange(1, 65535), PodSpecNodes.Num(v));
                }
            }
        }
    }
}

/// <summary>DS1155: port protocol, after defaulting an empty value to TCP (CV validateContainerPorts).</summary>
public sealed class PortProtocolMustBeSupported : Rule
{
    private static readonly string[] Supported = { "SCTP", "TCP", "UDP" };

    /// <summary>Initializes a new instance of the <see cref="PortProtocolMustBeSupported"/> class.</summary>
    public PortProtocolMustBeSupported()
        : base(RuleCatalog.DS1155_PortProtocolMustBeSupported)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            foreach (var p in PortRef.Of(c))
            {
                var protocol = p.Node.Str("protocol");
                if (string.IsNullOrEmpty(protocol) || System.Array.IndexOf(Supported, protocol) >= 0)
                {
                    continue;
                }

                context.Report(
                    FindingKind.NotSupported,
                    p.Path.Child("protocol"),
                    PodSpecNodes.SupportedValues(Supported),
                    Nodes.Quote(protocol!),
                    PodSpecNodes.CaseHint("protocol", protocol!, Supported));
            }
        }
    }
}

/// <summary>
/// DS1156: no two ports claim the same protocol/hostIP/hostPort — across all containers, and within each init container
/// alone (CV checkHostPortConflicts). Upstream checks an init container as a one-element list, so its path always says
/// <c>initContainers[0]</c>; the finding is shown at the real port.
/// </summary>
public sealed class HostPortsMustNotConflict : Rule
{
    /// <summary>Initializes a new instance of the <see cref="HostPortsMustNotConflict"/> class.</summary>
    public HostPortsMustNotConflict()
        : base(RuleCatalog.DS1156_HostPortsMustNotConflict)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var c in Containers.Of(context, ContainerList.Containers))
        {
            this.Accumulate(context, c, seen, null);
        }

        foreach (var c in Containers.Of(context, ContainerList.InitContainers))
        {
            this.Accumulate(context, c, new HashSet<string>(System.StringComparer.Ordinal), Paths.PodSpec.Child("initContainers").Index(0));
        }
    }

    private void Accumulate(RuleContext context, ContainerRef c, HashSet<string> seen, FieldPath? reportedContainer)
    {
        foreach (var p in PortRef.Of(c))
        {
            if (p.Node.IsUnknown("hostPort") || p.Node.IsUnknown("protocol") || p.Node.IsUnknown("hostIP"))
            {
                continue;
            }

            var hostPort = p.Node.Int("hostPort") ?? 0;
            if (hostPort == 0)
            {
                continue;
            }

            var protocol = p.Node.Str("protocol");
            var key = $"{(string.IsNullOrEmpty(protocol) ? "TCP" : protocol)}/{p.Node.Str("hostIP") ?? string.Empty}/{PodSpecNodes.Num(hostPort)}";
            if (seen.Add(key))
            {
                continue;
            }

            var at = p.Path.Child("hostPort");
            var path = reportedContainer is null ? at : reportedContainer.Child("ports").Index(p.Index).Child("hostPort");
            context.Report(
                FindingKind.Duplicate,
                path,
                string.Empty,
                Nodes.Quote(key),
                "only one container of a pod can bind a host port: use another hostPort, or drop it",
                path.Equals(at) ? null : at);
        }
    }
}

/// <summary>DS1157: with hostNetwork, a set hostPort must equal containerPort (CV validatePodHostNetworkDeps; templates skip hostPort 0).</summary>
public sealed class HostPortMustMatchContainerPortWithHostNetwork : Rule
{
    /// <summary>Initializes a new instance of the <see cref="HostPortMustMatchContainerPortWithHostNetwork"/> class.</summary>
    public HostPortMustMatchContainerPortWithHostNetwork()
        : base(RuleCatalog.DS1157_HostPortMustMatchContainerPortWithHostNetwork)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.Bool("hostNetwork") != true)
        {
            return;
        }

        foreach (var c in Containers.Of(context, ContainerList.Containers))
        {
            foreach (var p in PortRef.Of(c))
            {
                if (p.Node.IsUnknown("containerPort") || p.Node.Get("containerPort") is not (null or ScalarNode { Type: ScalarType.Int }))
                {
                    continue;
                }

                var hostPort = p.Node.Int("hostPort") ?? 0;
                var containerPort = p.Node.Int("containerPort") ?? 0;
                if (hostPort != 0 && hostPort != containerPort)
                {
                    context.Report(
                        FindingKind.Invalid,
                        p.Path.Child("hostPort"),
                        "must match `containerPort` when `hostNetwork` is true",
                        PodSpecNodes.Num(hostPort),
                        containerPort > 0
                            ? $"with hostNetwork the container listens on the node itself: set hostPort: {PodSpecNodes.Num(containerPort)} or remove hostPort"
                            : "with hostNetwork the container listens on the node itself: set containerPort to the hostPort");
                }
            }
        }
    }
}

/// <summary>
/// DS4104 (warning): two ports of the pod with the same containerPort and protocol, and hostIP without hostPort
/// (pkg/api/pod/warnings.go). A duplicate that DS1156 already rejects is not repeated as a warning.
/// </summary>
public sealed class PortDefinitionsShouldNotOverlap : Rule
{
    /// <summary>Initializes a new instance of the <see cref="PortDefinitionsShouldNotOverlap"/> class.</summary>
    public PortDefinitionsShouldNotOverlap()
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
