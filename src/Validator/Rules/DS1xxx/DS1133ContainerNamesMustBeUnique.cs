using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1133: container names are unique; an init container may not reuse any name (CV validateContainers / validateInitContainers).</summary>
internal sealed class DS1133ContainerNamesMustBeUnique : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1133ContainerNamesMustBeUnique"/> class.</summary>
    public DS1133ContainerNamesMustBeUnique()
        : base(RuleCatalog.DS1133_ContainerNamesMustBeUnique)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var all = StringSets.Rent();
        var regular = StringSets.Rent();
        foreach (var c in Containers.Of(context, ContainerList.Containers))
        {
            if (!TryName(c, out var name))
            {
                continue;
            }

            if (!all.Add(name))
            {
                context.Report(FindingKind.Duplicate, c.Path.Child("name"), string.Empty, Nodes.Quote(name), "container names must differ: rename this container");
            }
        }

        regular.UnionWith(all);
        foreach (var c in Containers.Of(context, ContainerList.InitContainers))
        {
            if (!TryName(c, out var name))
            {
                continue;
            }

            if (all.Contains(name))
            {
                var hint = regular.Contains(name)
                    ? "an init container may not share a name with a container: rename one of them"
                    : "init container names must differ: rename this init container";
                context.Report(FindingKind.Duplicate, c.Path.Child("name"), string.Empty, Nodes.Quote(name), hint);
            }
            else if (name.Length > 0)
            {
                all.Add(name);
            }
        }

        // validateEphemeralContainers: an ephemeral container's name must differ from every container's, init container's
        // and earlier ephemeral container's (the template is rejected for having them at all, by DS1103, and for this).
        foreach (var c in Containers.Of(context, ContainerList.EphemeralContainers))
        {
            if (!TryName(c, out var name))
            {
                continue;
            }

            if (!all.Add(name))
            {
                context.Report(FindingKind.Duplicate, c.Path.Child("name"), string.Empty, Nodes.Quote(name), "ephemeral container names must differ from every other container's: rename this one");
            }
        }

        StringSets.Return(all);
        StringSets.Return(regular);
    }

    private static bool TryName(ContainerRef c, out string name)
    {
        name = c.Node.Str("name") ?? string.Empty;
        return !c.Node.IsUnknown("name") && c.Node.Get("name") is null or ScalarNode { Type: ScalarType.String };
    }
}
