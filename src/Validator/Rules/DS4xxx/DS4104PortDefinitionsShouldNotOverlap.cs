using System;
using System.Collections.Generic;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS4xxx;

/// <summary>
/// DS4104 (warning): two ports of the pod with the same containerPort and protocol, and hostIP without hostPort
/// (pkg/api/pod/warnings.go). A duplicate that DS1156 already rejects is not repeated as a warning.
/// </summary>
/// <remarks>
/// The server compares every port with every earlier one of its containerPort and protocol, and warns once per
/// overlapping pair: n copies of a port give n(n-1)/2 warnings. This rule groups the ports by containerPort and
/// protocol, finds for each port the earliest earlier one it overlaps with a few indexes (no pair loop), and reports
/// each group once: at its first overlapping port, naming the port it overlaps, then the group's other overlapping
/// ports (the first few, and how many more). Linear in the number of ports.
/// </remarks>
internal sealed class DS4104PortDefinitionsShouldNotOverlap : Rule
{
    /// <summary>How many more overlapping ports of a group the finding names before "and N more".</summary>
    internal const int NamedOthers = 3;

    /// <summary>Initializes a new instance of the <see cref="DS4104PortDefinitionsShouldNotOverlap"/> class.</summary>
    public DS4104PortDefinitionsShouldNotOverlap()
        : base(RuleCatalog.DS4104_PortDefinitionsShouldNotOverlap)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var groups = new Dictionary<(long ContainerPort, string Protocol), Group>();
        var order = new List<Group>();
        var ordered = new List<ContainerRef>(Containers.Of(context, ContainerList.InitContainers));
        ordered.AddRange(Containers.Of(context, ContainerList.Containers));
        var sequence = 0;
        foreach (var c in ordered)
        {
            foreach (var p in PortRef.Of(c))
            {
                if (Nodes.ContainsUnknown(p.Node) || p.Node.Get("containerPort") is not (null or ScalarNode { Type: ScalarType.Int }))
                {
                    continue;
                }

                var port = new Port(p, sequence++, p.Node.Int("hostPort") ?? 0, p.Node.Int("containerPort") ?? 0, p.Node.Str("protocol") is { Length: > 0 } proto ? proto : "TCP", p.Node.Str("hostIP") ?? string.Empty);
                if (port.HostIp.Length > 0 && port.HostPort == 0)
                {
                    context.Report(
                        FindingKind.Invalid,
                        p.Path,
                        $"hostIP set without hostPort: {{Name:{p.Node.Str("name")} HostPort:0 ContainerPort:{port.ContainerPort} Protocol:{port.Protocol} HostIP:{port.HostIp}}}",
                        Nodes.Quote(port.HostIp),
                        "remove hostIP, or add the hostPort it should bind");
                }

                var key = (port.ContainerPort, port.Protocol);
                if (!groups.TryGetValue(key, out var group))
                {
                    group = new Group(port);
                    groups[key] = group;
                    order.Add(group);
                    continue;
                }

                group.Add(port);
            }
        }

        foreach (var group in order)
        {
            if (group.Overlaps.Count == 0)
            {
                continue;
            }

            var (first, with) = group.Overlaps[0];
            var detail = new StringBuilder(Compare(first, with)).Append(" with ").Append(with.Ref.Path.ToString());
            var more = group.Overlaps.Count - 1;
            if (more > 0)
            {
                detail.Append("; also at ");
                var named = Math.Min(more, NamedOthers);
                for (var i = 1; i <= named; i++)
                {
                    detail.Append(i == 1 ? string.Empty : i == named && more == named ? " and " : ", ").Append(group.Overlaps[i].Port.Ref.Path.ToString());
                }

                if (more > named)
                {
                    detail.Append(" and ").Append(PodSpecNodes.Num(more - named)).Append(" more");
                }
            }

            context.Report(
                FindingKind.Duplicate,
                first.Ref.Path,
                detail.ToString(),
                Nodes.Quote($"{first.ContainerPort}/{first.Protocol}"),
                more > 0 ? "declare each port once: these ports overlap earlier ones of the same containerPort and protocol" : "declare each port once");
        }
    }

    // The server's three kinds of overlap (null: none).
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

    private sealed record Port(PortRef Ref, int Sequence, long HostPort, long ContainerPort, string Protocol, string HostIp);

    /// <summary>
    /// The ports of one containerPort and protocol, indexed so that the earliest earlier port a new one overlaps is
    /// found in constant time (the server's warning loop compares it with every earlier one).
    /// </summary>
    private sealed class Group
    {
        private readonly Port first;

        // Built when a second port joins: most groups hold one port, and cost one object then.
        private Dictionary<(long HostPort, string HostIp), Binding>? bindings;
        private Dictionary<long, Port>? firstWithHostIp;
        private Port? firstWithoutHostPort;
        private List<(Port Port, Port With)>? overlaps;

        public Group(Port port) => this.first = port;

        /// <summary>Gets each port that overlaps an earlier one, with the earliest such earlier port.</summary>
        public IReadOnlyList<(Port Port, Port With)> Overlaps => (IReadOnlyList<(Port Port, Port With)>?)this.overlaps ?? Array.Empty<(Port Port, Port With)>();

        public void Add(Port port)
        {
            if (this.bindings is null)
            {
                this.bindings = new Dictionary<(long HostPort, string HostIp), Binding>();
                this.firstWithHostIp = new Dictionary<long, Port>();
                this.Index(this.first);
            }

            if (this.EarliestOverlap(port) is { } with)
            {
                (this.overlaps ??= new List<(Port Port, Port With)>()).Add((port, with));
            }

            this.Index(port);
        }

        private static Port? Earlier(Port? a, Port? b) => a is null ? b : b is null || a.Sequence < b.Sequence ? a : b;

        // The same host binding twice among the containers, or within one init container, is DS1156's error, not a
        // warning; init containers come first, so only an init container's port of another container can be a duplicate.
        private static bool IsWarnedDuplicate(Port earlier, Port port) =>
            earlier.Ref.Container.List == ContainerList.InitContainers && !ReferenceEquals(earlier.Ref.Container, port.Ref.Container);

        private Port? EarliestOverlap(Port port)
        {
            if (port.HostPort == 0)
            {
                return this.first; // overlaps (or, bound alike, duplicates) every earlier port
            }

            var candidate = this.firstWithoutHostPort;
            if (this.bindings!.TryGetValue((port.HostPort, port.HostIp), out var same))
            {
                var duplicate = IsWarnedDuplicate(same.First, port) ? same.First
                    : same.FromAnotherInitContainer is { } other && IsWarnedDuplicate(other, port) ? other
                    : null;
                candidate = Earlier(candidate, duplicate);
            }

            // Same hostPort, one with a hostIP and one without: the binding is ambiguous.
            var ambiguous = port.HostIp.Length == 0
                ? this.firstWithHostIp!.TryGetValue(port.HostPort, out var withIp) ? withIp : null
                : this.bindings.TryGetValue((port.HostPort, string.Empty), out var withoutIp) ? withoutIp.First : null;
            return Earlier(candidate, ambiguous);
        }

        private void Index(Port port)
        {
            if (port.HostPort == 0)
            {
                this.firstWithoutHostPort ??= port;
                return;
            }

            var key = (port.HostPort, port.HostIp);
            if (!this.bindings!.TryGetValue(key, out var binding))
            {
                this.bindings[key] = new Binding(port);
            }
            else if (binding.FromAnotherInitContainer is null && binding.First.Ref.Container.List == ContainerList.InitContainers
                && port.Ref.Container.List == ContainerList.InitContainers && !ReferenceEquals(port.Ref.Container, binding.First.Ref.Container))
            {
                binding.FromAnotherInitContainer = port;
            }

            if (port.HostIp.Length > 0 && !this.firstWithHostIp!.ContainsKey(port.HostPort))
            {
                this.firstWithHostIp[port.HostPort] = port;
            }
        }

        /// <summary>The first port of one host binding, and the first of another init container when the first is an init container's.</summary>
        private sealed class Binding
        {
            public Binding(Port first) => this.First = first;

            public Port First { get; }

            public Port? FromAnotherInitContainer { get; set; }
        }
    }
}
