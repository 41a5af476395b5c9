using System.Collections.Generic;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.PodSpec;

/// <summary>DS1111: dnsPolicy is one of four case-sensitive values; empty is defaulted to ClusterFirst (CV validateDNSPolicy).</summary>
public sealed class DnsPolicyMustBeSupported : Rule
{
    private static readonly string[] Supported = { "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None" };

    /// <summary>Initializes a new instance of the <see cref="DnsPolicyMustBeSupported"/> class.</summary>
    public DnsPolicyMustBeSupported()
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

/// <summary>DS1112: dnsPolicy None needs dnsConfig with at least one nameserver (CV validatePodDNSConfig).</summary>
public sealed class DnsConfigRequiredForDnsPolicyNone : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DnsConfigRequiredForDnsPolicyNone"/> class.</summary>
    public DnsConfigRequiredForDnsPolicyNone()
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

/// <summary>DS1113: dnsConfig limits and syntax (CV validatePodDNSConfig), with the relaxed search rule of current servers.</summary>
public sealed class DnsConfigMustBeValid : Rule
{
    private const int MaxNameservers = 3;
    private const int MaxSearchPaths = 32;
    private const int MaxSearchListChars = 2048;

    /// <summary>Initializes a new instance of the <see cref="DnsConfigMustBeValid"/> class.</summary>
    public DnsConfigMustBeValid()
        : base(RuleCatalog.DS1113_DnsConfigMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var config = context.PodSpec.Map("dnsConfig");
        if (config is null || DnsConfigRequiredForDnsPolicyNone.StopsValidation(context.PodSpec))
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

/// <summary>DS1114: names in the pod spec (CV ValidatePodSpec): subdomains and labels, checked only when non-empty.</summary>
public sealed class PodSpecNamesMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="PodSpecNamesMustBeValid"/> class.</summary>
    public PodSpecNamesMustBeValid()
        : base(RuleCatalog.DS1114_PodSpecNamesMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var spec = context.PodSpec;
        if (spec is null)
        {
            return;
        }

        // apps/v1 → internal conversion: an empty serviceAccountName takes the deprecated serviceAccount.
        if (!spec.IsUnknown("serviceAccountName"))
        {
            var sa = spec.Str("serviceAccountName");
            var at = (FieldPath?)null;
            if (string.IsNullOrEmpty(sa) && spec.Get("serviceAccountName") is null or ScalarNode { Type: ScalarType.String } && !spec.IsUnknown("serviceAccount"))
            {
                sa = spec.Str("serviceAccount");
                at = Paths.PodSpec.Child("serviceAccount");
            }

            this.Check(context, "serviceAccountName", sa, K8sNames.IsDns1123Subdomain, at);
        }

        this.Check(context, "nodeName", spec, K8sNames.IsDns1123Subdomain);
        this.Check(context, "priorityClassName", spec, K8sNames.IsDns1123Subdomain);
        this.Check(context, "hostname", spec, K8sNames.IsDns1123Label);
        this.Check(context, "subdomain", spec, K8sNames.IsDns1123Label);

        // runtimeClassName is a pointer: an explicit empty string is checked too.
        if (spec.Get("runtimeClassName") is ScalarNode { Type: ScalarType.String } rc && !spec.IsUnknown("runtimeClassName"))
        {
            foreach (var msg in K8sNames.IsDns1123Subdomain(rc.Raw))
            {
                context.Report(FindingKind.Invalid, Paths.PodSpec.Child("runtimeClassName"), msg, Nodes.Quote(rc.Raw), rc.Raw.Length == 0 ? "remove runtimeClassName to use the default runtime" : Fix(rc.Raw, K8sNames.IsDns1123Subdomain));
            }
        }
    }

    private static string? Fix(string value, System.Func<string, List<string>> check)
    {
        var lower = value.ToLowerInvariant();
        return lower != value && check(lower).Count == 0 ? $"names are lower case: write {lower}" : null;
    }

    private void Check(RuleContext context, string field, MappingNode spec, System.Func<string, List<string>> check)
    {
        if (!spec.IsUnknown(field))
        {
            this.Check(context, field, spec.Str(field), check, null);
        }
    }

    private void Check(RuleContext context, string field, string? value, System.Func<string, List<string>> check, FieldPath? at)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        foreach (var msg in check(value!))
        {
            context.Report(FindingKind.Invalid, Paths.PodSpec.Child(field), msg, Nodes.Quote(value!), Fix(value!, check), at);
        }
    }
}

/// <summary>DS4101 (warning): imagePullSecrets entries without a name, or naming a secret twice (pkg/api/pod/warnings.go).</summary>
public sealed class ImagePullSecretsShouldBeUniqueAndNamed : Rule
{
    /// <summary>Initializes a new instance of the <see cref="ImagePullSecretsShouldBeUniqueAndNamed"/> class.</summary>
    public ImagePullSecretsShouldBeUniqueAndNamed()
        : base(RuleCatalog.DS4101_ImagePullSecretsShouldBeUniqueAndNamed)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var secrets = context.PodSpec.Seq("imagePullSecrets");
        if (secrets is null)
        {
            return;
        }

        var basePath = Paths.PodSpec.Child("imagePullSecrets");
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < secrets.Count; i++)
        {
            if (secrets.Items[i] is not MappingNode item || item.IsUnknown("name"))
            {
                continue;
            }

            var nameNode = item.Get("name");
            if (nameNode is not null and not ScalarNode { Type: ScalarType.String })
            {
                continue;
            }

            var name = item.Str("name") ?? string.Empty;
            var path = basePath.Index(i).Child("name");
            if (!seen.Add(name) && secrets.Count > 1)
            {
                context.Report(FindingKind.Duplicate, path, $"duplicate name {Nodes.Quote(name)}", Nodes.Quote(name), "remove the repeated entry");
            }

            if (name.Length == 0)
            {
                context.Report(FindingKind.Invalid, path, $"invalid empty name {Nodes.Quote(name)}", Nodes.Quote(name), "name the secret that holds the registry credentials, or remove the entry", at: nameNode is null ? basePath.Index(i) : null);
            }
        }
    }
}

/// <summary>DS1116: with hostUsers false, hostNetwork / hostPID / hostIPC are forbidden (CV validateHostUsers; internal-type paths HostPID, HostIPC).</summary>
public sealed class HostNamespacesForbiddenWithUserNamespace : Rule
{
    /// <summary>Initializes a new instance of the <see cref="HostNamespacesForbiddenWithUserNamespace"/> class.</summary>
    public HostNamespacesForbiddenWithUserNamespace()
        : base(RuleCatalog.DS1116_HostNamespacesForbiddenWithUserNamespace)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // Without the feature gate the server drops hostUsers, so nothing is checked.
        var spec = context.PodSpec;
        if (!context.Options.UserNamespaces || spec.Bool("hostUsers") != false)
        {
            return;
        }

        const string Detail = "when `pod.Spec.HostUsers` is false";
        foreach (var (field, reported) in new[] { ("hostNetwork", "hostNetwork"), ("hostPID", "HostPID"), ("hostIPC", "HostIPC") })
        {
            if (spec.Bool(field) == true)
            {
                context.Report(
                    FindingKind.Forbidden,
                    Paths.PodSpec.Child(reported),
                    Detail,
                    hint: $"a pod in its own user namespace cannot share the host's namespaces: remove {field} or hostUsers: false",
                    at: Paths.PodSpec.Child(field));
            }
        }
    }
}

/// <summary>DS1117: shareProcessNamespace and hostPID together (CV validatePodSpecSecurityContext; internal path under securityContext).</summary>
public sealed class ShareProcessNamespaceConflictsWithHostPid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="ShareProcessNamespaceConflictsWithHostPid"/> class.</summary>
    public ShareProcessNamespaceConflictsWithHostPid()
        : base(RuleCatalog.DS1117_ShareProcessNamespaceConflictsWithHostPid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.Bool("shareProcessNamespace") != true || context.PodSpec.Bool("hostPID") != true)
        {
            return;
        }

        context.Report(
            FindingKind.Invalid,
            Paths.PodSpec.Child("securityContext", "shareProcessNamespace"),
            "ShareProcessNamespace and HostPID cannot both be enabled",
            "true",
            "with hostPID the containers already see every process of the node; remove shareProcessNamespace",
            at: Paths.PodSpec.Child("shareProcessNamespace"));
    }
}

/// <summary>DS4102 (warning): a negative terminationGracePeriodSeconds is accepted and treated as 1 (pkg/api/pod/warnings.go).</summary>
public sealed class TerminationGracePeriodShouldNotBeNegative : Rule
{
    /// <summary>Initializes a new instance of the <see cref="TerminationGracePeriodShouldNotBeNegative"/> class.</summary>
    public TerminationGracePeriodShouldNotBeNegative()
        : base(RuleCatalog.DS4102_TerminationGracePeriodShouldNotBeNegative)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.Int("terminationGracePeriodSeconds") is { } v && v < 0)
        {
            context.Report(
                FindingKind.Invalid,
                Paths.PodSpec.Child("terminationGracePeriodSeconds"),
                "must be >= 0; negative values are invalid and will be treated as 1",
                PodSpecNodes.Num(v));
        }
    }
}

/// <summary>Enumerates pod affinity and anti-affinity terms with their paths.</summary>
internal static class PodAffinityTerms
{
    /// <summary>A preferred (weighted) term.</summary>
    /// <param name="Node">The weighted term.</param>
    /// <param name="Path">Its path.</param>
    internal sealed record Weighted(MappingNode Node, FieldPath Path);

    /// <summary>Gets every pod affinity term: (term or null when absent, its path, whether it could be read).</summary>
    /// <param name="spec">The pod spec.</param>
    /// <returns>The terms.</returns>
    public static IEnumerable<(MappingNode? Term, FieldPath Path)> Terms(MappingNode? spec)
    {
        foreach (var kind in new[] { "podAffinity", "podAntiAffinity" })
        {
            var affinity = spec.Map("affinity").Map(kind);
            var basePath = Paths.PodSpec.Child("affinity", kind);
            var required = affinity.Seq("requiredDuringSchedulingIgnoredDuringExecution");
            for (var i = 0; i < (required?.Count ?? 0); i++)
            {
                if (required!.Items[i] is MappingNode term)
                {
                    yield return (term, basePath.Child("requiredDuringSchedulingIgnoredDuringExecution").Index(i));
                }
            }

            foreach (var w in WeightedTerms(spec, kind))
            {
                var termNode = w.Node.Get("podAffinityTerm");
                if (w.Node.IsUnknown("podAffinityTerm") || termNode is not (null or MappingNode))
                {
                    continue;
                }

                yield return (termNode as MappingNode, w.Path.Child("podAffinityTerm"));
            }
        }
    }

    /// <summary>Gets the preferred terms of one affinity kind.</summary>
    /// <param name="spec">The pod spec.</param>
    /// <param name="kind">podAffinity or podAntiAffinity.</param>
    /// <returns>The weighted terms.</returns>
    public static IEnumerable<Weighted> WeightedTerms(MappingNode? spec, string kind)
    {
        var preferred = spec.Map("affinity").Map(kind).Seq("preferredDuringSchedulingIgnoredDuringExecution");
        var basePath = Paths.PodSpec.Child("affinity", kind, "preferredDuringSchedulingIgnoredDuringExecution");
        for (var i = 0; i < (preferred?.Count ?? 0); i++)
        {
            if (preferred!.Items[i] is MappingNode m)
            {
                yield return new Weighted(m, basePath.Index(i));
            }
        }
    }
}

/// <summary>DS1119: pod affinity topologyKey is required and a label key (CV validatePodAffinityTerm).</summary>
public sealed class PodAffinityTopologyKeyMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="PodAffinityTopologyKeyMustBeValid"/> class.</summary>
    public PodAffinityTopologyKeyMustBeValid()
        : base(RuleCatalog.DS1119_PodAffinityTopologyKeyMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var (term, termPath) in PodAffinityTerms.Terms(context.PodSpec))
        {
            if (term is not null && (term.IsUnknown("topologyKey") || term.Get("topologyKey") is not (null or ScalarNode { Type: ScalarType.String })))
            {
                continue;
            }

            var key = term.Str("topologyKey") ?? string.Empty;
            var path = termPath.Child("topologyKey");
            if (key.Length == 0)
            {
                context.Report(FindingKind.Required, path, "can not be empty", hint: "set topologyKey to a node label, e.g. kubernetes.io/hostname");
            }

            foreach (var msg in K8sNames.IsLabelKey(key))
            {
                context.Report(FindingKind.Invalid, path, msg, Nodes.Quote(key));
            }
        }
    }
}

/// <summary>DS1120: preferred pod affinity weights are 1-100 (CV validateWeightedPodAffinityTerms).</summary>
public sealed class PodAffinityWeightMustBeInRange : Rule
{
    /// <summary>Initializes a new instance of the <see cref="PodAffinityWeightMustBeInRange"/> class.</summary>
    public PodAffinityWeightMustBeInRange()
        : base(RuleCatalog.DS1120_PodAffinityWeightMustBeInRange)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var kind in new[] { "podAffinity", "podAntiAffinity" })
        {
            foreach (var w in PodAffinityTerms.WeightedTerms(context.PodSpec, kind))
            {
                var node = w.Node.Get("weight");
                if (w.Node.IsUnknown("weight") || node is not (null or ScalarNode { Type: ScalarType.Int }))
                {
                    continue;
                }

                var weight = w.Node.Int("weight") ?? 0;
                if (weight is < 1 or > 100)
                {
                    context.Report(FindingKind.Invalid, w.Path.Child("weight"), "must be in the range 1-100", PodSpecNodes.Num(weight), node is null ? "add a weight from 1 to 100" : null);
                }
            }
        }
    }
}

/// <summary>DS4103 (warning): a pod affinity term without labelSelector matches no pod (pkg/api/pod/warnings.go).</summary>
public sealed class PodAffinityLabelSelectorShouldBeSet : Rule
{
    /// <summary>Initializes a new instance of the <see cref="PodAffinityLabelSelectorShouldBeSet"/> class.</summary>
    public PodAffinityLabelSelectorShouldBeSet()
        : base(RuleCatalog.DS4103_PodAffinityLabelSelectorShouldBeSet)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var (term, termPath) in PodAffinityTerms.Terms(context.PodSpec))
        {
            if (term.IsUnknown("labelSelector") || term.Get("labelSelector") is not null)
            {
                continue;
            }

            context.Report(
                FindingKind.Required,
                termPath.Child("labelSelector"),
                "a null labelSelector results in matching no pod",
                hint: "add a labelSelector for the pods this term is about");
        }
    }
}

/// <summary>DS1121: hostAliases hold an IP address (ParseIPSloppy) and DNS-1123 subdomain hostnames (CV ValidateHostAliases).</summary>
public sealed class HostAliasesMustBeValid : Rule
{
    private const string IpMessage = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

    /// <summary>Initializes a new instance of the <see cref="HostAliasesMustBeValid"/> class.</summary>
    public HostAliasesMustBeValid()
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

/// <summary>DS1122: readinessGates condition types are qualified names (CV validateReadinessGates).</summary>
public sealed class ReadinessGatesMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="ReadinessGatesMustBeValid"/> class.</summary>
    public ReadinessGatesMustBeValid()
        : base(RuleCatalog.DS1122_ReadinessGatesMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var gates = context.PodSpec.Seq("readinessGates");
        if (gates is null)
        {
            return;
        }

        for (var i = 0; i < gates.Count; i++)
        {
            if (gates.Items[i] is not MappingNode gate || gate.IsUnknown("conditionType") || gate.Get("conditionType") is not (null or ScalarNode { Type: ScalarType.String }))
            {
                continue;
            }

            var conditionType = gate.Str("conditionType") ?? string.Empty;
            var hint = conditionType.Length == 0 ? "name the pod condition the gate waits for, e.g. example.com/feature-1" : null;
            foreach (var msg in K8sNames.IsQualifiedName(conditionType))
            {
                context.Report(FindingKind.Invalid, Paths.PodSpec.Child("readinessGates").Index(i).Child("conditionType"), msg, Nodes.Quote(conditionType), hint);
            }
        }
    }
}

/// <summary>DS1123: schedulingGates names are unique qualified names, reported at the entry (CV validateSchedulingGates).</summary>
public sealed class SchedulingGatesMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="SchedulingGatesMustBeValid"/> class.</summary>
    public SchedulingGatesMustBeValid()
        : base(RuleCatalog.DS1123_SchedulingGatesMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var gates = context.PodSpec.Seq("schedulingGates");
        if (gates is null)
        {
            return;
        }

        var basePath = Paths.PodSpec.Child("schedulingGates");
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < gates.Count; i++)
        {
            if (gates.Items[i] is not MappingNode gate || gate.IsUnknown("name") || gate.Get("name") is not (null or ScalarNode { Type: ScalarType.String }))
            {
                continue;
            }

            var name = gate.Str("name") ?? string.Empty;
            var path = basePath.Index(i);
            foreach (var msg in K8sNames.IsQualifiedName(name))
            {
                context.Report(FindingKind.Invalid, path, msg, Nodes.Quote(name), name.Length == 0 ? "name the gate, e.g. example.com/quota" : null);
            }

            if (!seen.Add(name))
            {
                context.Report(FindingKind.Duplicate, path, string.Empty, Nodes.Quote(name), "remove the repeated gate");
            }
        }
    }
}
