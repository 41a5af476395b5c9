using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1188: an init container may not set <c>resizePolicy</c> unless the release allows it for sidecars
/// (CV validateInitContainers: <c>!opts.AllowSidecarResizePolicy &amp;&amp; len(ctr.ResizePolicy) &gt; 0</c>).
/// </summary>
internal sealed class DS1188InitContainerResizePolicyForbidden : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1188InitContainerResizePolicyForbidden"/> class.</summary>
    public DS1188InitContainerResizePolicyForbidden()
        : base(RuleCatalog.DS1188_InitContainerResizePolicyForbidden)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var inits = Containers.Of(context, ContainerList.InitContainers);
        if (inits.Count == 0 || context.PodOptions.AllowSidecarResizePolicy)
        {
            return;
        }

        foreach (var c in inits)
        {
            if (c.Node.Seq("resizePolicy") is not { Count: > 0 } list)
            {
                continue; // absent, null or [] (an empty list has no length: accepted)
            }

            if (GoValue(list) is not { } shown)
            {
                continue; // an item of the wrong shape fails decoding (the schema layer's finding)
            }

            context.Report(
                FindingKind.Invalid,
                c.Path.Child("resizePolicy"),
                "must not be set for init containers",
                shown,
                PodSpecNodes.IsSidecar(c)
                    ? "remove resizePolicy: sidecars may set it from Kubernetes 1.33 with InPlacePodVerticalScaling (beta, on by default)"
                    : "remove resizePolicy from the init container");
        }
    }

    // The value as the server prints it (%#v of []core.ContainerResizePolicy), or null when an item cannot decode.
    private static string? GoValue(SequenceNode list)
    {
        if (Nodes.ContainsUnknown(list))
        {
            return Nodes.Display(list);
        }

        var sb = new StringBuilder("[]core.ContainerResizePolicy{");
        for (var i = 0; i < list.Count; i++)
        {
            if (!PodSpecNodes.ResizePolicyEntry(list.Items[i], out var name, out var policy))
            {
                return null;
            }

            sb.Append(i == 0 ? string.Empty : ", ")
                .Append("core.ContainerResizePolicy{ResourceName:").Append(GoText.Quote(name))
                .Append(", RestartPolicy:").Append(GoText.Quote(policy)).Append('}');
        }

        return GoText.Clip(sb.Append('}').ToString(), GoText.MaxEchoedBytes);
    }
}
