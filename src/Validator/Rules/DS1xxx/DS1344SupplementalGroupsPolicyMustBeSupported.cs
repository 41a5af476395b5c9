using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1344: securityContext.supplementalGroupsPolicy is Merge or Strict (CV validateSupplementalGroupsPolicy). The field
/// reaches the rule only where the SupplementalGroupsPolicy gate keeps it (the engine drops it otherwise).
/// </summary>
internal sealed class DS1344SupplementalGroupsPolicyMustBeSupported : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1344SupplementalGroupsPolicyMustBeSupported"/> class.</summary>
    public DS1344SupplementalGroupsPolicyMustBeSupported()
        : base(RuleCatalog.DS1344_SupplementalGroupsPolicyMustBeSupported)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.Map("securityContext") is not { } sc || !PodFields.TryString(sc, "supplementalGroupsPolicy", out var policy) || policy is null or "Merge" or "Strict")
        {
            return;
        }

        var fix = policy.ToLowerInvariant() switch
        {
            "merge" => "Merge",
            "strict" => "Strict",
            _ => null,
        };
        context.Report(
            FindingKind.NotSupported,
            Paths.PodSpec.Child("securityContext", "supplementalGroupsPolicy"),
            PodSpecNodes.SupportedValues("Merge", "Strict"),
            Nodes.Quote(policy),
            fix is not null
                ? $"the policy is case-sensitive: write {fix}"
                : "use Merge (add the groups the image's /etc/group gives the user, the default) or Strict (only fsGroup, supplementalGroups and runAsGroup)");
    }
}
