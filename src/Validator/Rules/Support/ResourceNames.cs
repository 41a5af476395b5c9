using System;
using System.Collections.Generic;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.Support;

/// <summary>Resource name classes of pkg/apis/core/helper/helpers.go.</summary>
internal static class ResourceNames
{
    private const string HugePagesPrefix = "hugepages-";

    private static readonly HashSet<string> Standard = new(StringComparer.Ordinal)
    {
        "cpu", "memory", "ephemeral-storage", "storage",
        "requests.cpu", "requests.memory", "requests.ephemeral-storage", "requests.storage",
        "limits.cpu", "limits.memory", "limits.ephemeral-storage",
        "pods", "quotas", "services", "replicationcontrollers", "secrets", "persistentvolumeclaims", "configmaps",
        "services.nodeports", "services.loadbalancers",
    };

    private static readonly HashSet<string> IntegerResources = new(StringComparer.Ordinal)
    {
        "pods", "quotas", "services", "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims",
        "services.nodeports", "services.loadbalancers",
    };

    /// <summary>
    /// Prints a resource name as the server prints a bad <c>core.ResourceName</c>: bare, not quoted (the type is a
    /// <c>fmt.Stringer</c>), with the runes <c>%q</c> would escape escaped, and capped like every echoed value.
    /// </summary>
    /// <param name="name">The name.</param>
    /// <returns>The text.</returns>
    public static string Display(string name) =>
        name.Length > GoText.MaxEchoedBytes ? GoText.Clip(GoText.Escape(name), GoText.MaxEchoedBytes) : GoText.Escape(name);

    /// <summary>Whether the name starts with <c>hugepages-</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True for hugepages.</returns>
    public static bool IsHugePages(string name) => name.StartsWith(HugePagesPrefix, StringComparison.Ordinal);

    /// <summary>Whether the name is native: no '/', or in the kubernetes.io/ namespace.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True for native names.</returns>
    public static bool IsNative(string name) => name.IndexOf('/') < 0 || name.IndexOf("kubernetes.io/", StringComparison.Ordinal) >= 0;

    /// <summary>Whether the name is an extended resource (not native, valid as <c>requests.&lt;name&gt;</c>).</summary>
    /// <param name="name">The name.</param>
    /// <returns>True for extended resources.</returns>
    public static bool IsExtended(string name) =>
        !IsNative(name) && !name.StartsWith("requests.", StringComparison.Ordinal) && K8sNames.IsQualifiedName("requests." + name).Count == 0;

    /// <summary>Whether the resource takes whole numbers only.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True for integer resources.</returns>
    public static bool IsInteger(string name) => IntegerResources.Contains(name) || IsExtended(name);

    /// <summary>Whether requests may be lower than limits for the resource.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when overcommit is allowed.</returns>
    public static bool IsOvercommitAllowed(string name) => IsNative(name) && !IsHugePages(name);

    /// <summary>Whether the name is a standard resource name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when standard.</returns>
    public static bool IsStandard(string name) => Standard.Contains(name) || IsHugePages(name) || name.StartsWith("requests.hugepages-", StringComparison.Ordinal);

    /// <summary>Whether the name is a standard container resource.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True for cpu, memory, ephemeral-storage and hugepages.</returns>
    public static bool IsStandardContainer(string name) => name is "cpu" or "memory" or "ephemeral-storage" || IsHugePages(name);

    /// <summary>Validates a compute resource name (<c>validateResourceName</c>): a qualified name, and a standard one when it has no '/'.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The upstream messages (the qualified-name ones, or the standard-name one).</returns>
    public static List<string> ValidateResourceName(string name)
    {
        var errs = K8sNames.IsQualifiedName(name);
        if (errs.Count == 0 && name.IndexOf('/') < 0 && !IsStandard(name))
        {
            return new List<string> { "must be a standard resource type or fully qualified" };
        }

        return errs; // a valid name (every cpu and memory of a manifest) gets the shared empty list
    }

    /// <summary>
    /// Whether a name is a pod-level resource (<c>resourcehelper.IsSupportedPodLevelResource</c>): cpu and memory, and
    /// from Kubernetes 1.33 hugepages of any size (kubernetes/kubernetes#130577).
    /// </summary>
    /// <param name="name">The name.</param>
    /// <param name="hugePages">Whether the release supports pod-level hugepages.</param>
    /// <returns>True when supported.</returns>
    public static bool IsSupportedPodLevel(string name, bool hugePages) => name is "cpu" or "memory" || (hugePages && IsHugePages(name));

    /// <summary>Gets the values the server lists when a pod-level resource is not supported (<c>sets.List(SupportedPodLevelResources())</c>, sorted).</summary>
    /// <param name="hugePages">Whether the release supports pod-level hugepages.</param>
    /// <returns>The values.</returns>
    public static string[] SupportedPodLevel(bool hugePages) => hugePages ? new[] { "cpu", HugePagesPrefix, "memory" } : new[] { "cpu", "memory" };

    /// <summary>Validates a container resource name (<c>validateContainerResourceName</c>).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The upstream messages.</returns>
    public static List<string> ValidateContainerResourceName(string name)
    {
        var errs = ValidateResourceName(name);
        var more = name.IndexOf('/') < 0
            ? IsStandardContainer(name) ? null : "must be a standard resource for containers"
            : IsNative(name) || IsExtended(name) ? null : "doesn't follow extended resource name standard";
        return more is null ? errs : new List<string>(errs) { more }; // errs may be the shared empty list: never added to
    }

    /// <summary>Whether a hugepages amount is a whole multiple of its page size (<c>IsHugePageResourceValueDivisible</c>).</summary>
    /// <param name="name">The hugepages resource name.</param>
    /// <param name="quantity">The amount.</param>
    /// <returns>True when divisible.</returns>
    public static bool IsHugePagesValueDivisible(string name, Quantity quantity)
    {
        if (!Quantity.TryParse(name.Substring(HugePagesPrefix.Length), out var pageSize, out _))
        {
            return false;
        }

        if (pageSize.Sign <= 0 || !pageSize.RoundUp(-3).IsInteger)
        {
            return false;
        }

        var size = pageSize.CeilingValue();
        return size.IsZero || (quantity.CeilingValue() % size).IsZero;
    }
}
