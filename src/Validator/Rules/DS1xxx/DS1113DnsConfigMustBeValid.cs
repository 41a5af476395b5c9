using System.Collections.Generic;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1113: dnsConfig limits and syntax (CV validatePodDNSConfig), with the relaxed search rule of current servers.</summary>
internal sealed class DS1113DnsConfigMustBeValid : Rule
{
    private const int MaxNameservers = 3;
    private const int MaxSearchPaths = 32;
    private const int MaxSearchListChars = 2048;

    /// <summary>Initializes a new instance of the <see cref="DS1113DnsConfigMustBeValid"/> class.</summary>
    public DS1113DnsConfigMustBeValid()
        : base(RuleCatalog.DS1113_DnsConfigMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var config = context.PodSpec.Map("dnsConfig");
        if (config is null || DS1112DnsConfigRequiredForDnsPolicyNone.StopsValidation(context.PodSpec))
        {
            return;
        }

        var path = Paths.PodSpec.Child("dnsConfig");
        var nameservers = config.Seq("nameservers");
        if (nameservers is not null)
        {
            if (nameservers.Count > MaxNameservers)
            {
                context.Report(FindingKind.Invalid, path.Child("nameservers"), $"must not have more than {MaxNameservers} nameservers", Nodes.Display(nameservers), "the resolver reads at most 3 nameservers; remove the others");
            }

            for (var i = 0; i < nameservers.Count; i++)
            {
                if (nameservers.Items[i] is ScalarNode { Type: ScalarType.String } s && !PodSpecNodes.IsValidIp(s.Raw))
                {
                    context.Report(FindingKind.Invalid, path.Child("nameservers").Index(i), "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)", Nodes.Quote(s.Raw));
                }
            }
        }

        var searches = config.Seq("searches");
        if (searches is not null && !Nodes.ContainsUnknown(searches))
        {
            var texts = new List<string>();
            foreach (var item in searches.Items)
            {
                texts.Add(item is ScalarNode { Type: ScalarType.String } s ? s.Raw : string.Empty);
            }

            if (searches.Count > MaxSearchPaths)
            {
                context.Report(FindingKind.Invalid, path.Child("searches"), $"must not have more than {MaxSearchPaths} search paths", Nodes.Display(searches));
            }

            if (Encoding.UTF8.GetByteCount(string.Join(" ", texts)) > MaxSearchListChars)
            {
                context.Report(FindingKind.Invalid, path.Child("searches"), $"must not have more than {MaxSearchListChars} characters (including spaces) in the search list", Nodes.Display(searches));
            }

            for (var i = 0; i < searches.Count; i++)
            {
                if (searches.Items[i] is not ScalarNode { Type: ScalarType.String } s || s.Raw == ".")
                {
                    continue;
                }

                var search = s.Raw.EndsWith(".", System.StringComparison.Ordinal) ? s.Raw.Substring(0, s.Raw.Length - 1) : s.Raw;
                foreach (var msg in PodSpecNodes.IsDns1123SubdomainWithUnderscore(search))
                {
                    context.Report(FindingKind.Invalid, path.Child("searches").Index(i), msg, Nodes.Quote(search));
                }
            }
        }

        var options = config.Seq("options");
        if (options is not null)
        {
            for (var i = 0; i < options.Count; i++)
            {
                if (options.Items[i] is MappingNode option && PodSpecNodes.IsMissingOrEmpty(option, "name"))
                {
                    context.Report(FindingKind.Required, path.Child("options").Index(i), "must not be empty", hint: "give the resolver option a name, e.g. ndots");
                }
            }
        }
    }
}
