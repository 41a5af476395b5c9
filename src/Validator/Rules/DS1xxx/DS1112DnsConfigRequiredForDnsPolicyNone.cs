using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1112: dnsPolicy None needs dnsConfig with at least one nameserver (CV validatePodDNSConfig).</summary>
internal sealed class DS1112DnsConfigRequiredForDnsPolicyNone : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1112DnsConfigRequiredForDnsPolicyNone"/> class.</summary>
    public DS1112DnsConfigRequiredForDnsPolicyNone()
        : base(RuleCatalog.DS1112_DnsConfigRequiredForDnsPolicyNone)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var spec = context.PodSpec;
        if (spec is null || spec.Str("dnsPolicy") != "None" || spec.IsUnknown("dnsConfig"))
        {
            return;
        }

        var configNode = spec.Get("dnsConfig");
        if (configNode is null)
        {
            context.Report(
                FindingKind.Required,
                Paths.PodSpec.Child("dnsConfig"),
                "must provide `dnsConfig` when `dnsPolicy` is None",
                hint: "add dnsConfig with at least one nameserver, or use another dnsPolicy",
                at: Paths.PodSpec.Child("dnsPolicy"));
            return;
        }

        if (configNode is not MappingNode config || config.IsUnknown("nameservers"))
        {
            return;
        }

        var nameservers = config.Get("nameservers");
        if (nameservers is null || nameservers is SequenceNode { Count: 0, HasUnknownItems: false })
        {
            context.Report(
                FindingKind.Required,
                Paths.PodSpec.Child("dnsConfig", "nameservers"),
                "must provide at least one DNS nameserver when `dnsPolicy` is None",
                hint: "add the IP address of a DNS server to dnsConfig.nameservers");
        }
    }

    /// <summary>Whether the server stops at a DS1112 error before checking the dnsConfig limits.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>True when dnsPolicy is None and there is no nameserver.</returns>
    internal static bool StopsValidation(MappingNode? spec)
    {
        if (spec.Str("dnsPolicy") != "None")
        {
            return false;
        }

        var ns = spec.Map("dnsConfig").Seq("nameservers");
        return ns is null || ns.Count == 0;
    }
}
