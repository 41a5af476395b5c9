using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1111: dnsPolicy is one of four case-sensitive values; empty is defaulted to ClusterFirst (CV validateDNSPolicy).</summary>
internal sealed class DS1111DnsPolicyMustBeSupported : Rule
{
    private static readonly string[] Supported = { "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None" };

    /// <summary>Initializes a new instance of the <see cref="DS1111DnsPolicyMustBeSupported"/> class.</summary>
    public DS1111DnsPolicyMustBeSupported()
        : base(RuleCatalog.DS1111_DnsPolicyMustBeSupported)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var policy = context.PodSpec.Str("dnsPolicy");
        if (string.IsNullOrEmpty(policy) || System.Array.IndexOf(Supported, policy) >= 0)
        {
            return;
        }

        context.Report(
            FindingKind.NotSupported,
            Paths.PodSpec.Child("dnsPolicy"),
            PodSpecNodes.SupportedValues(Supported),
            Nodes.Quote(policy!),
            PodSpecNodes.CaseHint("dnsPolicy", policy!, Supported));
    }
}
