using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1329: securityContext.fsGroupChangePolicy is Always or OnRootMismatch (CV validateFSGroupChangePolicy).</summary>
internal sealed class DS1329FsGroupChangePolicyMustBeSupported : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1329FsGroupChangePolicyMustBeSupported"/> class.</summary>
    public DS1329FsGroupChangePolicyMustBeSupported()
        : base(RuleCatalog.DS1329_FsGroupChangePolicyMustBeSupported)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.Map("securityContext") is not { } sc || !PodFields.TryString(sc, "fsGroupChangePolicy", out var policy) || policy is null or "Always" or "OnRootMismatch")
        {
            return;
        }

        var fix = policy.ToLowerInvariant() switch
        {
            "always" => "Always",
            "onrootmismatch" => "OnRootMismatch",
            _ => null,
        };
        context.Report(
            FindingKind.NotSupported,
            Paths.PodSpec.Child("securityContext", "fsGroupChangePolicy"),
            PodSpecNodes.SupportedValues("Always", "OnRootMismatch"),
            Nodes.Quote(policy),
            fix is not null ? $"the policy is case-sensitive: write {fix}" : "use OnRootMismatch to skip the recursive ownership change when the volume root already matches, or Always");
    }
}
