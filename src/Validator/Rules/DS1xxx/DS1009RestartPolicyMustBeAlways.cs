using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1009: a DaemonSet's pods restart Always (AV ValidateDaemonSetSpec).</summary>
internal sealed class DS1009RestartPolicyMustBeAlways : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1009RestartPolicyMustBeAlways"/> class.</summary>
    public DS1009RestartPolicyMustBeAlways()
        : base(RuleCatalog.DS1009_RestartPolicyMustBeAlways)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var policy = context.PodSpec.Str("restartPolicy");
        if (policy is null or "" or "Always")
        {
            return; // unset or empty is defaulted to Always (SetDefaults_PodSpec) before validation
        }

        var hint = policy is "OnFailure" or "Never"
            ? "DaemonSet pods must restart Always; remove restartPolicy or set it to Always"
            : "restartPolicy is case-sensitive and a DaemonSet accepts only Always; remove it or set it to Always";
        context.Report(FindingKind.NotSupported, Paths.PodSpec.Child("restartPolicy"), "supported values: \"Always\"", Nodes.Quote(policy), hint);
    }
}
