using System;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.Support;

/// <summary>
/// CV <c>validateContainerResourceFieldSelector</c> and <c>validateContainerResourceDivisor</c>: a resourceFieldRef of an
/// env var or of a downward API file names one of the supported resources (or a hugepages one), and its divisor is a
/// unit the resource supports. Reports through the calling rule.
/// </summary>
internal static class ResourceFieldSelectors
{
    // sets.List order: the order the server prints them in.
    private static readonly string[] Expressions =
    {
        "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory",
    };

    private static readonly string[] CpuDivisors = { "1m", "1" };

    private static readonly string[] ByteDivisors = { "1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei" };

    private const string ByteUnits = "1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei";

    /// <summary>Validates one selector.</summary>
    /// <param name="context">The context.</param>
    /// <param name="selector">The resourceFieldRef mapping.</param>
    /// <param name="path">Its path (the server's: a downward API file reports at the volume, not the item).</param>
    /// <param name="volume">Whether it is a downward API file (containerName is then required).</param>
    /// <param name="at">Where to point in the source, when the server's path has no node of its own.</param>
    public static void Validate(RuleContext context, MappingNode selector, FieldPath path, bool volume, FieldPath? at = null)
    {
        if (!PodFields.TryString(selector, "resource", out var resource) || !PodFields.TryString(selector, "containerName", out var containerName))
        {
            return;
        }

        resource ??= string.Empty;
        if (volume && string.IsNullOrEmpty(containerName))
        {
            context.Report(FindingKind.Required, path.Child("containerName"), string.Empty, hint: "name the container whose resources the file shows", at: at);
        }
        else if (resource.Length == 0)
        {
            context.Report(FindingKind.Required, path.Child("resource"), string.Empty, hint: "name the resource, e.g. resource: limits.memory", at: at);
        }
        else if (Array.IndexOf(Expressions, resource) < 0 && !IsHugePages(resource))
        {
            var fix = Array.Find(Expressions, e => string.Equals(e, resource, StringComparison.OrdinalIgnoreCase));
            context.Report(
                FindingKind.NotSupported,
                path.Child("resource"),
                PodSpecNodes.SupportedValues(Expressions),
                Nodes.Quote(resource),
                fix is not null ? $"resource names are case-sensitive: write {fix}" : "only cpu, memory, ephemeral-storage and hugepages-<size> requests and limits can be exposed",
                at);
        }

        ValidateDivisor(context, selector, resource, path, at);
    }

    private static bool IsHugePages(string resource) =>
        resource.StartsWith("requests.hugepages-", StringComparison.Ordinal) || resource.StartsWith("limits.hugepages-", StringComparison.Ordinal);

    private static void ValidateDivisor(RuleContext context, MappingNode selector, string resource, FieldPath path, FieldPath? at)
    {
        if (selector.IsUnknown("divisor") || selector.Get("divisor") is not { } node || !Quantity.TryParse(node, out var divisor, out _) || divisor.Sign == 0)
        {
            return; // unset (zero) divisors are defaulted; one that does not parse is a decoding error (DS2005)
        }

        var canonical = divisor.ToString();
        string? detail = resource switch
        {
            "limits.cpu" or "requests.cpu" when Array.IndexOf(CpuDivisors, canonical) < 0 => "only divisor's values 1m and 1 are supported with the cpu resource",
            "limits.memory" or "requests.memory" when Array.IndexOf(ByteDivisors, canonical) < 0 => $"only divisor's values {ByteUnits} are supported with the memory resource",
            "limits.ephemeral-storage" or "requests.ephemeral-storage" when Array.IndexOf(ByteDivisors, canonical) < 0 => $"only divisor's values {ByteUnits} are supported with the local ephemeral storage resource",
            _ => null,
        };
        var divisorPath = path.Child("divisor");
        var hint = $"the value is divided by the divisor: use one of the units the resource supports (the divisor {canonical} is not one)";
        if (detail is not null)
        {
            context.Report(FindingKind.Invalid, divisorPath, detail, Nodes.Quote(resource), hint, at);
        }

        if (IsHugePages(resource) && Array.IndexOf(ByteDivisors, canonical) < 0)
        {
            context.Report(FindingKind.Invalid, divisorPath, $"only divisor's values {ByteUnits} are supported with the hugepages resource", Nodes.Quote(resource), hint, at);
        }
    }
}
