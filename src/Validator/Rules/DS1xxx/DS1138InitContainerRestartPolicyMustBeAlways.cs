using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1138: an init container's restartPolicy can only be Always (CV validateInitContainerRestartPolicy).</summary>
internal sealed class DS1138InitContainerRestartPolicyMustBeAlways : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1138InitContainerRestartPolicyMustBeAlways"/> class.</summary>
    public DS1138InitContainerRestartPolicyMustBeAlways()
        : base(RuleCatalog.DS1138_InitContainerRestartPolicyMustBeAlways)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // Before SidecarContainers existed (1.27) the field is unknown (DS2001); with SidecarContainers off the engine
        // has dropped it. With ContainerRestartRules (AllowContainerRestartPolicyRules) init containers may also say
        // OnFailure or Never.
        if (!context.Gates.IsKnown(FeatureGate.SidecarContainers))
        {
            return;
        }

        var rules = context.PodOptions.AllowContainerRestartPolicyRules;
        foreach (var c in Containers.Of(context, ContainerList.InitContainers))
        {
            if (c.Node.Get("restartPolicy") is not ScalarNode { Type: ScalarType.String } s || s.Raw == "Always" || (rules && s.Raw is "OnFailure" or "Never"))
            {
                continue;
            }

            if (rules)
            {
                context.Report(FindingKind.NotSupported, c.Path.Child("restartPolicy"), PodSpecNodes.SupportedValues("Always", "Never", "OnFailure"), Nodes.Quote(s.Raw), PodSpecNodes.CaseHint("restartPolicy", s.Raw, "Always", "Never", "OnFailure"));
                continue;
            }

            var hint = string.Equals(s.Raw, "Always", System.StringComparison.OrdinalIgnoreCase)
                ? "write Always: restartPolicy is case-sensitive"
                : "write restartPolicy: Always for a sidecar, or remove it for an init container that runs to completion";
            context.Report(FindingKind.NotSupported, c.Path.Child("restartPolicy"), PodSpecNodes.SupportedValues("Always"), Nodes.Quote(s.Raw), hint);
        }
    }
}
