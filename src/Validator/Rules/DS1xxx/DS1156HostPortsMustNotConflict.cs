using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1156: no two ports claim the same protocol/hostIP/hostPort — across all containers, and within each init container
/// alone (CV checkHostPortConflicts). Upstream checks an init container as a one-element list, so its path always says
/// <c>initContainers[0]</c>; the finding is shown at the real port.
/// </summary>
internal sealed class DS1156HostPortsMustNotConflict : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1156HostPortsMustNotConflict"/> class.</summary>
    public DS1156HostPortsMustNotConflict()
        : base(RuleCatalog.DS1156_HostPortsMustNotConflict)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var seen = StringSets.Rent();
        foreach (var c in Containers.Of(context, ContainerList.Containers))
        {
            this.Accumulate(context, c, seen, null);
        }

        StringSets.Return(seen);
        foreach (var c in Containers.Of(context, ContainerList.InitContainers))
        {
            var own = StringSets.Rent(); // each init container runs alone: its host ports are checked among its own
            this.Accumulate(context, c, own, Paths.PodSpec.Child("initContainers").Index(0));
            StringSets.Return(own);
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
