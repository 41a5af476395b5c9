using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1140: preemptionPolicy is PreemptLowerPriority or Never (CV ValidatePreemptionPolicy).</summary>
internal sealed class DS1140PreemptionPolicyMustBeSupported : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1140PreemptionPolicyMustBeSupported"/> class.</summary>
    public DS1140PreemptionPolicyMustBeSupported()
        : base(RuleCatalog.DS1140_PreemptionPolicyMustBeSupported)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // Unset or null is defaulted to PreemptLowerPriority; a value of the wrong type is the schema layer's finding.
        var spec = context.PodSpec;
        if (spec.IsUnknown("preemptionPolicy") || spec.Str("preemptionPolicy") is not { } policy)
        {
            return;
        }

        var path = Paths.PodSpec.Child("preemptionPolicy");
        switch (policy)
        {
            case "PreemptLowerPriority":
            case "Never":
                return;
            case "":
                context.Report(FindingKind.Required, path, string.Empty, hint: "remove preemptionPolicy (it defaults to PreemptLowerPriority) or set Never");
                return;
            default:
                var hint = string.Equals(policy.Trim(), "Never", System.StringComparison.OrdinalIgnoreCase) ? "write Never: the value is case-sensitive"
                    : string.Equals(policy.Trim(), "PreemptLowerPriority", System.StringComparison.OrdinalIgnoreCase) ? "write PreemptLowerPriority: the value is case-sensitive"
                    : null;
                context.Report(FindingKind.NotSupported, path, "supported values: \"PreemptLowerPriority\", \"Never\"", Nodes.Quote(policy), hint);
                return;
        }
    }
}
