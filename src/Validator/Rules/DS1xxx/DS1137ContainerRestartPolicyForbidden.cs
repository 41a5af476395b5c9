using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1137: restartPolicy is forbidden on regular containers (CV validateContainers).</summary>
internal sealed class DS1137ContainerRestartPolicyForbidden : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1137ContainerRestartPolicyForbidden"/> class.</summary>
    public DS1137ContainerRestartPolicyForbidden()
        : base(RuleCatalog.DS1137_ContainerRestartPolicyForbidden)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // Before SidecarContainers existed (1.27) a container has no restartPolicy field (DS2001 reports it). With
        // ContainerRestartRules (AllowContainerRestartPolicyRules, 1.34+) a container may set Always, OnFailure or Never.
        if (!context.Gates.IsKnown(FeatureGate.SidecarContainers))
        {
            return;
        }

        var rules = context.PodOptions.AllowContainerRestartPolicyRules;
        foreach (var c in Containers.Of(context, ContainerList.Containers))
        {
            if (rules && c.Node.Get("restartPolicy") is ScalarNode { Type: ScalarType.String } value)
            {
                if (value.Raw is not ("Always" or "OnFailure" or "Never"))
                {
                    context.Report(FindingKind.NotSupported, c.Path.Child("restartPolicy"), PodSpecNodes.SupportedValues("Always", "Never", "OnFailure"), Nodes.Quote(value.Raw), PodSpecNodes.CaseHint("restartPolicy", value.Raw, "Always", "Never", "OnFailure"));
                }
            }
            else if (c.Node.Get("restartPolicy") is ScalarNode { Type: ScalarType.String })
            {
                context.Report(
                    FindingKind.Forbidden,
                    c.Path.Child("restartPolicy"),
                    "may not be set for non-init containers",
                    hint: "remove restartPolicy from the container (the pod's restartPolicy applies); for a sidecar, move it to initContainers with restartPolicy: Always");
            }
        }
    }
}
