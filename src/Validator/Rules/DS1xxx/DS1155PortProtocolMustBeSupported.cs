using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1155: port protocol, after defaulting an empty value to TCP (CV validateContainerPorts).</summary>
internal sealed class DS1155PortProtocolMustBeSupported : Rule
{
    private static readonly string[] Supported = { "SCTP", "TCP", "UDP" };

    /// <summary>Initializes a new instance of the <see cref="DS1155PortProtocolMustBeSupported"/> class.</summary>
    public DS1155PortProtocolMustBeSupported()
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
