using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1157: with hostNetwork, a set hostPort must equal containerPort (CV validatePodHostNetworkDeps; templates skip hostPort 0).</summary>
internal sealed class DS1157HostPortMustMatchContainerPortWithHostNetwork : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1157HostPortMustMatchContainerPortWithHostNetwork"/> class.</summary>
    public DS1157HostPortMustMatchContainerPortWithHostNetwork()
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
                if (p.Node.IsUnknown("containerPort") || p.Node.Get("containerPort") is not (null or ScalarNode { IntValue: not null }))
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
