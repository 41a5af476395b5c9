using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1122: readinessGates condition types are qualified names (CV validateReadinessGates).</summary>
internal sealed class DS1122ReadinessGatesMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1122ReadinessGatesMustBeValid"/> class.</summary>
    public DS1122ReadinessGatesMustBeValid()
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
