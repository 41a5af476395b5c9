using System.Collections.Generic;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.Support;

/// <summary>
/// The clusterTrustBundle part of <c>validateProjectionSources</c> (DS1372), with the name checks of
/// <c>pkg/apis/core/validation/names.go</c> it calls (<c>ValidateClusterTrustBundleName</c>,
/// <c>extractSignerNameFromClusterTrustBundleName</c>, <c>ValidateSignerName</c>). The source reaches the rules only while
/// the ClusterTrustBundleProjection gate keeps it (the engine drops it otherwise). Its path joins the other sources'
/// paths in the projected volume's duplicate check, which stays DS1367's (<see cref="SourceFields"/>).
/// </summary>
internal static class ClusterTrustBundles
{
    // ValidateSignerName: the domain is a DNS subdomain; the path a label, a '.' and a subdomain; one '/' between them.
    private const int MaxDomainSegmentLength = 253;
    private const int MaxSignerNameLength = MaxDomainSegmentLength + (253 + 63 + 1) + 1;

    private enum Pointer
    {
        Unset,
        Set,
        Unknown,
    }

    /// <summary>Checks one <c>clusterTrustBundle</c> source as upstream does, in its order.</summary>
    /// <param name="sink">Receives the DS1372 errors.</param>
    /// <param name="source">The <c>clusterTrustBundle</c> mapping.</param>
    /// <param name="path">Its path, <c>...projected.sources[i].clusterTrustBundle</c>.</param>
    /// <returns>The path the source writes (empty when unset), or null when it cannot be told.</returns>
    public static string? ValidateProjection(IssueSink sink, MappingNode source, FieldPath path)
    {
        // Name and SignerName are pointers: set by any value, the empty string included; null or absent leaves them nil.
        var usingName = PointerOf(source, "name", out var name);
        var usingSigner = PointerOf(source, "signerName", out var signerName);
        if (usingName != Pointer.Unknown && usingSigner != Pointer.Unknown)
        {
            if (usingName == Pointer.Set && usingSigner == Pointer.Set)
            {
                sink(FindingKind.Invalid, path, "only one of name and signerName may be used", Nodes.Display(source), "keep name to project one ClusterTrustBundle, or signerName (with a labelSelector) to project the bundles of a signer", null);
            }
            else if (usingName == Pointer.Set)
            {
                ValidateNameMode(sink, source, path, name!);
            }
            else if (usingSigner == Pointer.Set)
            {
                ValidateSignerMode(sink, source, path, signerName!);
            }
            else
            {
                sink(FindingKind.Required, path, "either name or signerName must be specified", null, "set name to project one ClusterTrustBundle, or signerName to project the bundles of a signer", null);
            }
        }

        // Path is a plain string: absent and null read as "".
        if (!PodFields.TryString(source, "path", out var target))
        {
            return null;
        }

        target ??= string.Empty;
        var targetPath = path.Child("path");
        if (target.Length == 0)
        {
            sink(FindingKind.Required, targetPath, string.Empty, null, "set the file name to write the bundle to, relative to the volume root (e.g. ca.pem)", null);
        }

        if (PodFields.IsAbs(target))
        {
            sink(FindingKind.Invalid, targetPath, "must be a relative path", Nodes.Quote(target), null, null);
        }

        if (PodFields.HasBacksteps(target))
        {
            sink(FindingKind.Invalid, targetPath, "must not contain '..'", Nodes.Quote(target), null, null);
        }

        if (target.StartsWith("..", System.StringComparison.Ordinal) && !target.StartsWith("../", System.StringComparison.Ordinal))
        {
            sink(FindingKind.Invalid, targetPath, "must not start with '..'", Nodes.Quote(target), null, null);
        }

        return target;
    }

    /// <summary>
    /// <c>ValidateClusterTrustBundleName(extractSignerNameFromClusterTrustBundleName(name))</c>: a name with a ':' belongs
    /// to the signer before its last ':' (with ':' read as '/') and must start with that signer, '/' written as ':', and a
    /// ':'; what follows (or a name without ':') is a DNS subdomain.
    /// </summary>
    /// <param name="name">The name.</param>
    /// <returns>The messages (none when valid).</returns>
    public static IReadOnlyList<string> NameErrors(string name)
    {
        var split = name.LastIndexOf(':');
        if (split < 0)
        {
            return K8sNames.IsDns1123Subdomain(name);
        }

        var signerName = name.Substring(0, split).Replace(':', '/');
        if (signerName.Length == 0)
        {
            return new[] { "ClusterTrustBundle without signer name must not have \":\" in its name" };
        }

        var requiredPrefix = signerName.Replace('/', ':') + ":";
        if (!name.StartsWith(requiredPrefix, System.StringComparison.Ordinal))
        {
            return new[] { $"ClusterTrustBundle for signerName {signerName} must be named with prefix {requiredPrefix}" };
        }

        return K8sNames.IsDns1123Subdomain(name.Substring(requiredPrefix.Length));
    }

    /// <summary><c>ValidateSignerName</c>: <c>example.com/signer-name</c>, at most 571 bytes.</summary>
    /// <param name="sink">Receives the errors.</param>
    /// <param name="path">The signerName's path.</param>
    /// <param name="signerName">The value.</param>
    public static void ValidateSignerName(IssueSink sink, FieldPath path, string signerName)
    {
        if (signerName.Length == 0)
        {
            sink(FindingKind.Required, path, string.Empty, null, null, null);
            return;
        }

        var segments = signerName.Split('/');
        if (segments.Length != 2)
        {
            sink(FindingKind.Invalid, path, "must be a fully qualified domain and path of the form 'example.com/signer-name'", Nodes.Quote(signerName), "write the signer as <domain>/<name>, e.g. example.com/my-signer", null);
            return;
        }

        var domain = segments[0];
        if (Encoding.UTF8.GetByteCount(domain) > MaxDomainSegmentLength)
        {
            sink(FindingKind.TooLong, path, $"may not be more than {MaxDomainSegmentLength} bytes", null, null, null);
        }

        // Only the first bad label of each segment is reported ("further error messages will be duplicates").
        var domainLabels = domain.Split('.');
        foreach (var label in domainLabels)
        {
            var errs = K8sNames.IsDns1123Label(label);
            if (errs.Count > 0)
            {
                foreach (var err in errs)
                {
                    sink(FindingKind.Invalid, path, $"validating label {GoText.Quote(label)}: {err}", Nodes.Quote(domain), null, null);
                }

                break;
            }
        }

        if (domainLabels.Length < 2)
        {
            sink(FindingKind.Invalid, path, "should be a domain with at least two segments separated by dots", Nodes.Quote(domain), "the signer's domain is a DNS name with a dot, e.g. example.com", null);
        }

        var name = segments[1];
        foreach (var label in name.Split('.'))
        {
            var errs = K8sNames.IsDns1123Subdomain(label);
            if (errs.Count > 0)
            {
                foreach (var err in errs)
                {
                    sink(FindingKind.Invalid, path, $"validating label {GoText.Quote(label)}: {err}", Nodes.Quote(name), null, null);
                }

                break;
            }
        }

        if (Encoding.UTF8.GetByteCount(signerName) > MaxSignerNameLength)
        {
            sink(FindingKind.TooLong, path, $"may not be more than {MaxSignerNameLength} bytes", null, null, null);
        }
    }

    private static void ValidateNameMode(IssueSink sink, MappingNode source, FieldPath path, string name)
    {
        var namePath = path.Child("name");
        if (name.Length == 0)
        {
            sink(FindingKind.Required, namePath, "must be a valid object name", null, "name the ClusterTrustBundle to project, or remove name and select by signerName", null);
        }

        foreach (var msg in NameErrors(name))
        {
            var lower = name.ToLowerInvariant();
            var hint = lower != name && NameErrors(lower).Count == 0 ? $"ClusterTrustBundle names are lower case: {lower}" : null;
            sink(FindingKind.Invalid, namePath, "not a valid clustertrustbundlename: " + msg, Nodes.Quote(name), hint, null);
        }

        // A labelSelector of any value, {} included, is a non-nil pointer.
        if (source.Get("labelSelector") is { } selector && !Nodes.ContainsUnknown(selector))
        {
            sink(FindingKind.Invalid, path.Child("labelSelector"), "labelSelector must be unset if name is specified", Nodes.Display(selector), "a labelSelector filters the bundles of a signerName; name picks exactly one bundle, so remove the labelSelector", null);
        }
    }

    private static void ValidateSignerMode(IssueSink sink, MappingNode source, FieldPath path, string signerName)
    {
        var signerPath = path.Child("signerName");
        if (signerName.Length == 0)
        {
            sink(FindingKind.Required, signerPath, "must be a valid signer name", null, "name the signer whose bundles to project, e.g. example.com/my-signer", null);
        }

        ValidateSignerName(sink, signerPath, signerName);
        if (source.Map("labelSelector") is { } selector)
        {
            LabelValidation.ValidateLabelSelector(sink, selector, path.Child("labelSelector"), allowInvalidLabelValueInSelector: false);
        }
    }

    private static Pointer PointerOf(MappingNode map, string key, out string? value)
    {
        value = null;
        var node = map[key];
        if (node is null)
        {
            return map.HasUnknownEntries ? Pointer.Unknown : Pointer.Unset;
        }

        if (node.IsNull)
        {
            return Pointer.Unset;
        }

        if (node is ScalarNode { Type: ScalarType.String } s)
        {
            value = s.Raw;
            return Pointer.Set;
        }

        return Pointer.Unknown; // an unknown C# value, or a wrong type for the schema layer
    }
}
