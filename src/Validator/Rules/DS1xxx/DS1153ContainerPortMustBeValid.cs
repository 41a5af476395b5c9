using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1153: containerPort is required (0 counts as missing) and 1-65535 (CV validateContainerPorts).</summary>
internal sealed class DS1153ContainerPortMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1153ContainerPortMustBeValid"/> class.</summary>
    public DS1153ContainerPortMustBeValid()
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
