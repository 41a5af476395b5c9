using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1302: resource names of containers and of the pod overhead are standard or qualified extended names.</summary>
internal sealed class DS1302ResourceNameMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1302ResourceNameMustBeValid"/> class.</summary>
    public DS1302ResourceNameMustBeValid()
        : base(RuleCatalog.DS1302_ResourceNameMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            var resources = c.Node.Map("resources");
            foreach (var key in new[] { "limits", "requests" })
            {
                if (resources.Map(key) is not { } map)
                {
                    continue;
                }

                var path = c.Path.Child("resources", key);
                foreach (var e in map.Entries)
                {
                    foreach (var msg in ResourceNames.ValidateContainerResourceName(e.Key))
                    {
                        context.Report(FindingKind.Invalid, path.Key(e.Key), msg, Nodes.Quote(e.Key), Hint(e.Key));
                    }
                }
            }
        }

        CheckOverhead(context);
    }

    private static void CheckOverhead(RuleContext context)
    {
        foreach (var e in ContainerResources.Overhead(context, out _))
        {
            foreach (var msg in ResourceNames.ValidateContainerResourceName(e.Name))
            {
                context.Report(FindingKind.Invalid, e.Path, msg, Nodes.Quote(e.Name), Hint(e.Name), at: e.At);
            }
        }
    }

    private static string? Hint(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower != name && ResourceNames.IsStandardContainer(lower))
        {
            return $"resource names are case-sensitive: write {lower}";
        }

        return lower switch
        {
            "mem" or "ram" => "write memory",
            "storage" or "disk" => "container storage is ephemeral-storage",
            "gpu" or "nvidia-gpu" => "GPUs are extended resources with a vendor prefix, e.g. nvidia.com/gpu",
            _ => null,
        };
    }
}
