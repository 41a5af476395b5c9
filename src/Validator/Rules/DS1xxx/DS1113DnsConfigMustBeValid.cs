using System.Collections.Generic;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1113: dnsConfig limits and syntax (CV validatePodDNSConfig), with the search rules of the release (options AllowRelaxedDNSSearchValidation, AllowExpandedDNSConfig).</summary>
internal sealed class DS1113DnsConfigMustBeValid : Rule
{
    private const int MaxNameservers = 3;
    private const int MaxSearchPaths = 32;
    private const int MaxSearchListChars = 2048;
    private const int LegacyMaxSearchPaths = 6;
    private const int LegacyMaxSearchListChars = 256;

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

            // AllowExpandedDNSConfig (ExpandedDNSConfig, 1.27 and before): 32 paths and 2048 characters, else 6 and 256.
            var expanded = context.PodOptions.AllowExpandedDNSConfig;
            var maxPaths = expanded ? MaxSearchPaths : LegacyMaxSearchPaths;
            var maxChars = expanded ? MaxSearchListChars : LegacyMaxSearchListChars;
            if (searches.Count > maxPaths)
            {
                context.Report(FindingKind.Invalid, path.Child("searches"), $"must not have more than {maxPaths} search paths", Nodes.Display(searches));
            }

            if (Encoding.UTF8.GetByteCount(string.Join(" ", texts)) > maxChars)
            {
                context.Report(FindingKind.Invalid, path.Child("searches"), $"must not have more than {maxChars} characters (including spaces) in the search list", Nodes.Display(searches));
            }

            // AllowRelaxedDNSSearchValidation (RelaxedDNSSearchValidation, or the stored template has one): '_' and a lone
            // '.' are accepted; otherwise every search, its trailing dot trimmed, must be an RFC 1123 subdomain.
            var relaxed = context.PodOptions.AllowRelaxedDNSSearchValidation;
            for (var i = 0; i < searches.Count; i++)
            {
                if (searches.Items[i] is not ScalarNode { Type: ScalarType.String } s || (relaxed && s.Raw == "."))
                {
                    continue;
                }

                var search = s.Raw.EndsWith(".", System.StringComparison.Ordinal) ? s.Raw.Substring(0, s.Raw.Length - 1) : s.Raw;
                var errors = relaxed ? PodSpecNodes.IsDns1123SubdomainWithUnderscore(search) : Syntax.K8sNames.IsDns1123Subdomain(search);
                foreach (var msg in errors)
                {
                    var hint = !relaxed && PodSpecNodes.IsDns1123SubdomainWithUnderscore(search).Count == 0
                        ? $"{context.Gates.Describe(Releases.FeatureGate.RelaxedDNSSearchValidation)}: '_' and a lone '.' need it on"
                        : null;
                    context.Report(FindingKind.Invalid, path.Child("searches").Index(i), msg, Nodes.Quote(search), hint);
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
