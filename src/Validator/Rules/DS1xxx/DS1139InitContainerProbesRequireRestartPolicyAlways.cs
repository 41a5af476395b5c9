using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1139: lifecycle and probes on init containers need restartPolicy Always (CV validateInitContainers).</summary>
internal sealed class DS1139InitContainerProbesRequireRestartPolicyAlways : Rule
{
    private static readonly string[] Fields = { "lifecycle", "livenessProbe", "readinessProbe", "startupProbe" };

    /// <summary>Initializes a new instance of the <see cref="DS1139InitContainerProbesRequireRestartPolicyAlways"/> class.</summary>
    public DS1139InitContainerProbesRequireRestartPolicyAlways()
        : base(RuleCatalog.DS1139_InitContainerProbesRequireRestartPolicyAlways)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // Before SidecarContainers existed (1.27) an init container has no restartPolicy: the decoder ignores it (DS2001).
        var sidecars = context.Gates.IsKnown(FeatureGate.SidecarContainers);
        foreach (var c in Containers.Of(context, ContainerList.InitContainers))
        {
            if (c.Node.IsUnknown("restartPolicy") || (sidecars && PodSpecNodes.IsSidecar(c)))
            {
                continue;
            }

            foreach (var field in Fields)
            {
                if (c.Node.Get(field) is MappingNode)
                {
                    context.Report(
                        FindingKind.Forbidden,
                        c.Path.Child(field),
                        "may not be set for init containers without restartPolicy=Always",
                        hint: $"add restartPolicy: Always to run this init container as a sidecar, or remove {field}");
                }
            }
        }
    }
}
