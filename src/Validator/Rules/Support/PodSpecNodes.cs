using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Rules.Support;

/// <summary>A probe or lifecycle hook the API server validates, with its path.</summary>
/// <param name="Container">The container it belongs to.</param>
/// <param name="Field">livenessProbe, readinessProbe, startupProbe, or lifecycle.postStart / lifecycle.preStop.</param>
/// <param name="Node">The probe or handler mapping.</param>
/// <param name="Path">Its path.</param>
internal sealed record HandlerRef(ContainerRef Container, string Field, MappingNode Node, FieldPath Path)
{
    /// <summary>Gets a value indicating whether this is a lifecycle hook rather than a probe.</summary>
    public bool IsLifecycle => this.Field is "postStart" or "preStop";
}

/// <summary>Small readers and upstream syntax checks shared by the pod-spec rules.</summary>
internal static class PodSpecNodes
{
    /// <summary>The probe fields, in the order the server validates them.</summary>
    public static readonly string[] ProbeFields = { "livenessProbe", "readinessProbe", "startupProbe" };

    private static readonly string[] LifecycleHooks = { "postStart", "preStop" };
    private static readonly object HandlersKey = new();
    private static readonly object HandlersWithLifecycleKey = new();

    private const string Dns1123LabelFmtWithUnderscore = "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFmtWithUnderscore = Dns1123LabelFmtWithUnderscore + "(\\." + Dns1123LabelFmtWithUnderscore + ")*";

    private static readonly Regex SubdomainWithUnderscore = new("^(?:" + Dns1123SubdomainFmtWithUnderscore + ")\\z", RegexOptions.CultureInvariant);

    /// <summary>Whether a key is certainly absent, null or an empty string (not unknown, not some other type).</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>True when the server would see the zero value.</returns>
    public static bool IsMissingOrEmpty(MappingNode map, string key) =>
        !map.IsUnknown(key) && map.Get(key) is null or ScalarNode { Type: ScalarType.String, Raw.Length: 0 };

    /// <summary>Formats an integer as the server prints it.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Builds the NotSupported detail <c>supported values: "A", "B"</c>.</summary>
    /// <param name="values">The values in upstream order.</param>
    /// <returns>The detail.</returns>
    public static string SupportedValues(params string[] values) => "supported values: \"" + string.Join("\", \"", values) + "\"";

    /// <summary>Builds the upstream inclusive range message.</summary>
    /// <param name="lo">The lower bound.</param>
    /// <param name="hi">The upper bound.</param>
    /// <returns>The detail.</returns>
    public static string InclusiveRange(long lo, long hi) => $"must be between {Num(lo)} and {Num(hi)}, inclusive";

    /// <summary>Finds the supported value a wrongly-cased value meant.</summary>
    /// <param name="value">The value written.</param>
    /// <param name="supported">The supported values.</param>
    /// <returns>The supported value equal ignoring case, or null.</returns>
    public static string? CaseFix(string value, params string[] supported)
    {
        foreach (var s in supported)
        {
            if (string.Equals(s, value, StringComparison.OrdinalIgnoreCase))
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>A hint for a wrongly-cased enum value, or a generic one listing the choices.</summary>
    /// <param name="field">The field name.</param>
    /// <param name="value">The value written.</param>
    /// <param name="supported">The supported values.</param>
    /// <returns>The hint, or null when no fix is certain.</returns>
    public static string? CaseHint(string field, string value, params string[] supported) =>
        CaseFix(value, supported) is { } fix ? $"write {fix}: {field} is case-sensitive" : null;

    /// <summary>Checks an IP address the way Go's <c>netutils.ParseIPSloppy</c> does (IPv4 octets may have leading zeros).</summary>
    /// <param name="value">The text.</param>
    /// <returns>Whether it is an IP address.</returns>
    public static bool IsValidIp(string value)
    {
        if (value.IndexOf(':') >= 0)
        {
            return value.IndexOf('%') < 0 && value.IndexOf('[') < 0 && value.IndexOf('/') < 0
                && IPAddress.TryParse(value, out var ip6) && ip6.AddressFamily == AddressFamily.InterNetworkV6;
        }

        var parts = value.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var p in parts)
        {
            if (p.Length == 0)
            {
                return false;
            }

            var n = 0;
            foreach (var c in p)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }

                n = (n * 10) + (c - '0');
                if (n > 255)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>IsDNS1123SubdomainWithUnderscore (the relaxed DNS search rule of current servers).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The messages.</returns>
    public static List<string> IsDns1123SubdomainWithUnderscore(string value)
    {
        var errs = new List<string>(2);
        if (value.Length > 253)
        {
            errs.Add(Syntax.K8sNames.MaxLenError(253));
        }

        if (!SubdomainWithUnderscore.IsMatch(value))
        {
            errs.Add(Syntax.K8sNames.RegexError(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character",
                Dns1123SubdomainFmtWithUnderscore,
                "example.com"));
        }

        return errs;
    }

    /// <summary>IsValidPortName: an IANA service name.</summary>
    /// <param name="port">The name.</param>
    /// <returns>The messages.</returns>
    public static List<string> IsValidPortName(string port)
    {
        // A list only for a name with something wrong: a valid one (every port name of a manifest, nearly) gets the shared empty list.
        List<string>? errs = null;
        if (port.Length > 15)
        {
            (errs ??= new List<string>()).Add(Syntax.K8sNames.MaxLenError(15));
        }

        var charset = port.Length > 0;
        var letter = false;
        foreach (var c in port)
        {
            if (c is >= 'a' and <= 'z')
            {
                letter = true;
            }
            else if (c is not (>= '0' and <= '9' or '-'))
            {
                charset = false;
            }
        }

        if (!charset)
        {
            (errs ??= new List<string>()).Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!letter)
        {
            (errs ??= new List<string>()).Add("must contain at least one letter (a-z)");
        }

        if (port.Contains("--"))
        {
            (errs ??= new List<string>()).Add("must not contain consecutive hyphens");
        }

        if (port.Length > 0 && (port[0] == '-' || port[port.Length - 1] == '-'))
        {
            (errs ??= new List<string>()).Add("must not begin or end with a hyphen");
        }

        return errs ?? Syntax.K8sNames.NoErrors;
    }

    /// <summary>A lower-case port name the server would accept, when lower-casing is the whole fix.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The fixed name or null.</returns>
    public static string? LowerCaseFix(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower != name ? lower : null;
    }

    /// <summary>
    /// Reads a string field as Go decodes it into a struct: absent or null is <c>""</c>, a string is itself; another type
    /// (a decoding error, the schema layer's finding) or a value that cannot be seen gives null.
    /// </summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null when it cannot be told.</returns>
    public static string? GoString(MappingNode map, string key) => map.Get(key) switch
    {
        null => map.HasUnknownEntries ? null : string.Empty,
        ScalarNode { Type: ScalarType.Null } => string.Empty,
        ScalarNode { Type: ScalarType.String } s => s.Raw,
        _ => null,
    };

    /// <summary>Reads a <c>resizePolicy</c> entry as Go decodes it (a null item is the zero entry), or false when it cannot be told.</summary>
    /// <param name="node">The item.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="policy">The restart policy.</param>
    /// <returns>Whether the entry could be read.</returns>
    public static bool ResizePolicyEntry(ManifestNode node, out string name, out string policy)
    {
        name = policy = string.Empty;
        if (node.IsNull)
        {
            return true;
        }

        if (node is not MappingNode item || PodSpecNodes.GoString(item, "resourceName") is not { } n || PodSpecNodes.GoString(item, "restartPolicy") is not { } p)
        {
            return false;
        }

        (name, policy) = (n, p);
        return true;
    }

    /// <summary>Whether an init container is a sidecar (<c>restartPolicy: Always</c>).</summary>
    /// <param name="container">The container.</param>
    /// <returns>True for a sidecar.</returns>
    public static bool IsSidecar(ContainerRef container) => container.Node.Str("restartPolicy") == "Always";

    /// <summary>
    /// Gets the probes and lifecycle hooks the server validates: those of the containers, and those of init containers
    /// with <c>restartPolicy: Always</c> (on other init containers they are forbidden instead).
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="includeLifecycle">Whether to include postStart and preStop.</param>
    /// <returns>The handlers that are mappings.</returns>
    public static List<HandlerRef> ValidatedHandlers(RuleContext context, bool includeLifecycle) =>
        includeLifecycle
            ? context.Shared(HandlersWithLifecycleKey, static ctx => Handlers(ctx, includeLifecycle: true))
            : context.Shared(HandlersKey, static ctx => Handlers(ctx, includeLifecycle: false));

    private static List<HandlerRef> Handlers(RuleContext context, bool includeLifecycle)
    {
        var result = new List<HandlerRef>();
        foreach (var c in Containers.All(context))
        {
            if (c.List == ContainerList.InitContainers && (c.Node.IsUnknown("restartPolicy") || !IsSidecar(c)))
            {
                continue;
            }

            if (includeLifecycle && c.Node.Map("lifecycle") is { } lifecycle)
            {
                foreach (var hook in LifecycleHooks)
                {
                    if (lifecycle.Map(hook) is { } h)
                    {
                        result.Add(new HandlerRef(c, hook, h, c.Path.Child("lifecycle", hook)));
                    }
                }
            }

            foreach (var field in ProbeFields)
            {
                if (c.Node.Map(field) is { } probe)
                {
                    result.Add(new HandlerRef(c, field, probe, c.Path.Child(field)));
                }
            }
        }

        return result;
    }
}
