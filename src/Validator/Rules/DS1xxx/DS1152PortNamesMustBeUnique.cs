using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1152: port names are unique within one container (CV validateContainerPorts).</summary>
internal sealed class DS1152PortNamesMustBeUnique : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1152PortNamesMustBeUnique"/> class.</summary>
    public DS1152PortNamesMustBeUnique()
        : base(RuleCatalog.DS1152_PortNamesMustBeUnique)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context))
        {
            HashSet<string>? names = null;
            foreach (var p in PortRef.Of(c))
            {
                var name = p.Node.Str("name");
                if (string.IsNullOrEmpty(name) || p.Node.IsUnknown("name") || PodSpecNodes.IsValidPortName(name!).Count > 0)
                {
                    continue;
                }

                if (!(names ??= StringSets.Rent()).Add(name!))
                {
                    context.Report(FindingKind.Duplicate, p.Path.Child("name"), string.Empty, Nodes.Quote(name!), "give each port of the container its own name");
                }
            }

            StringSets.Return(names);
        }
    }
}
