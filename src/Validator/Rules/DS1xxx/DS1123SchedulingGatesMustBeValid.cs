using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1123: schedulingGates names are unique qualified names, reported at the entry (CV validateSchedulingGates).</summary>
internal sealed class DS1123SchedulingGatesMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1123SchedulingGatesMustBeValid"/> class.</summary>
    public DS1123SchedulingGatesMustBeValid()
        : base(RuleCatalog.DS1123_SchedulingGatesMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var gates = context.PodSpec.Seq("schedulingGates");
        if (gates is null)
        {
            return;
        }

        var basePath = Paths.PodSpec.Child("schedulingGates");
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < gates.Count; i++)
        {
            if (gates.Items[i] is not MappingNode gate || gate.IsUnknown("name") || gate.Get("name") is not (null or ScalarNode { Type: ScalarType.String }))
            {
                continue;
            }

            var name = gate.Str("name") ?? string.Empty;
            var path = basePath.Index(i);
            foreach (var msg in K8sNames.IsQualifiedName(name))
            {
                context.Report(FindingKind.Invalid, path, msg, Nodes.Quote(name), name.Length == 0 ? "name the gate, e.g. example.com/quota" : null);
            }

            if (!seen.Add(name))
            {
                context.Report(FindingKind.Duplicate, path, string.Empty, Nodes.Quote(name), "remove the repeated gate");
            }
        }
    }
}
