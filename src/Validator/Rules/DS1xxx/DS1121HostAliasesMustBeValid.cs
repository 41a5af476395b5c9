using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1121: hostAliases hold an IP address (ParseIPSloppy) and DNS-1123 subdomain hostnames (CV ValidateHostAliases).</summary>
internal sealed class DS1121HostAliasesMustBeValid : Rule
{
    private const string IpMessage = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

    /// <summary>Initializes a new instance of the <see cref="DS1121HostAliasesMustBeValid"/> class.</summary>
    public DS1121HostAliasesMustBeValid()
        : base(RuleCatalog.DS1121_HostAliasesMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var aliases = context.PodSpec.Seq("hostAliases");
        if (aliases is null)
        {
            return;
        }

        var basePath = Paths.PodSpec.Child("hostAliases");
        for (var i = 0; i < aliases.Count; i++)
        {
            if (aliases.Items[i] is not MappingNode alias)
            {
                continue;
            }

            var aliasPath = basePath.Index(i);
            if (!alias.IsUnknown("ip") && alias.Get("ip") is null or ScalarNode { Type: ScalarType.String })
            {
                var ip = alias.Str("ip") ?? string.Empty;
                if (!PodSpecNodes.IsValidIp(ip))
                {
                    context.Report(FindingKind.Invalid, aliasPath.Child("ip"), IpMessage, Nodes.Quote(ip), IpHint(ip));
                }
            }

            var hostnames = alias.Seq("hostnames");
            for (var j = 0; j < (hostnames?.Count ?? 0); j++)
            {
                if (hostnames!.Items[j] is not ScalarNode { Type: ScalarType.String } h)
                {
                    continue;
                }

                foreach (var msg in K8sNames.IsDns1123Subdomain(h.Raw))
                {
                    context.Report(FindingKind.Invalid, aliasPath.Child("hostnames").Index(j), msg, Nodes.Quote(h.Raw), HostnameHint(h.Raw));
                }
            }
        }
    }

    private static string? IpHint(string ip)
    {
        if (ip.Length == 0)
        {
            return "set ip to the address the hostnames resolve to";
        }

        var trimmed = ip.Trim();
        if (trimmed != ip && PodSpecNodes.IsValidIp(trimmed))
        {
            return $"remove the spaces: write {trimmed}";
        }

        var slash = ip.IndexOf('/');
        if (slash > 0 && PodSpecNodes.IsValidIp(ip.Substring(0, slash)))
        {
            return $"ip takes one address, not a range: write {ip.Substring(0, slash)}";
        }

        var hasLetter = false;
        foreach (var c in ip)
        {
            hasLetter |= c is >= 'a' and <= 'z';
        }

        return hasLetter && K8sNames.IsDns1123Subdomain(ip).Count == 0 ? "ip takes an address; put the name under hostnames" : null;
    }

    private static string? HostnameHint(string hostname)
    {
        var fixedName = hostname.ToLowerInvariant();
        if (fixedName.EndsWith(".", System.StringComparison.Ordinal))
        {
            fixedName = fixedName.TrimEnd('.');
        }

        return fixedName != hostname && fixedName.Length > 0 && K8sNames.IsDns1123Subdomain(fixedName).Count == 0 ? $"write {fixedName}" : null;
    }
}
