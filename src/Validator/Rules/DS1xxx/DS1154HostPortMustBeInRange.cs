using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1154: hostPort, when non-zero, is 1-65535 (CV validateContainerPorts).</summary>
internal sealed class DS1154HostPortMustBeInRange : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1154HostPortMustBeInRange"/> class.</summary>
    public DS1154HostPortMustBeInRange()
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
