using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1343: securityContext.seLinuxChangePolicy is Recursive or MountOption, or only Recursive while the pod validation
/// option <c>AllowOnlyRecursiveSELinuxChangePolicy</c> is set (CV validateSELinuxChangePolicy). The field reaches the
/// rule only where the release knows it and the SELinuxChangePolicy gate keeps it (the engine drops it otherwise).
/// </summary>
internal sealed class DS1343SeLinuxChangePolicyMustBeSupported : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1343SeLinuxChangePolicyMustBeSupported"/> class.</summary>
    public DS1343SeLinuxChangePolicyMustBeSupported()
        : base(RuleCatalog.DS1343_SeLinuxChangePolicyMustBeSupported)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // A null or absent policy is a nil pointer: nothing to check. A value of another type is the schema layer's.
        if (context.PodSpec.Map("securityContext") is not { } sc || !PodFields.TryString(sc, "seLinuxChangePolicy", out var policy) || policy is null)
        {
            return;
        }

        var path = Paths.PodSpec.Child("securityContext", "seLinuxChangePolicy");
        if (context.PodOptions.AllowOnlyRecursiveSELinuxChangePolicy)
        {
            if (policy != "Recursive")
            {
                context.Report(
                    FindingKind.NotSupported,
                    path,
                    PodSpecNodes.SupportedValues("Recursive"),
                    Nodes.Quote(policy),
                    policy == "MountOption"
                        ? "MountOption is accepted only while the SELinuxMount feature gate is on (off by default through 1.35) or when the stored object already has a policy; use Recursive or remove the field"
                        : Fix(policy) ?? "use Recursive (the default) or remove the field");
            }

            return;
        }

        if (policy is not ("MountOption" or "Recursive"))
        {
            context.Report(
                FindingKind.NotSupported,
                path,
                PodSpecNodes.SupportedValues("MountOption", "Recursive"),
                Nodes.Quote(policy),
                Fix(policy) ?? "use Recursive (relabel every file, the default) or MountOption (mount volumes with the pod's SELinux context)");
        }
    }

    private static string? Fix(string policy) => policy.ToLowerInvariant() switch
    {
        "recursive" => "the policy is case-sensitive: write Recursive",
        "mountoption" => "the policy is case-sensitive: write MountOption",
        _ => null,
    };
}
