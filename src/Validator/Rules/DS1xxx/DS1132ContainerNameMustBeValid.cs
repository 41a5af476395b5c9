using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1132: container and init container names are required DNS labels (CV validateContainerCommon).</summary>
internal sealed class DS1132ContainerNameMustBeValid : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1132ContainerNameMustBeValid"/> class.</summary>
    public DS1132ContainerNameMustBeValid()
        : base(RuleCatalog.DS1132_ContainerNameMustBeValid)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // validateContainerCommon checks the name of every container, ephemeral ones included (validateEphemeralContainers).
        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            var path = c.Path.Child("name");
            if (PodSpecNodes.IsMissingOrEmpty(c.Node, "name"))
            {
                context.Report(FindingKind.Required, path, string.Empty, hint: "name the container (lower case letters, digits and '-')");
                continue;
            }

            var name = c.Node.Str("name");
            if (name is null || c.Node.IsUnknown("name"))
            {
                continue;
            }

            foreach (var msg in K8sNames.IsDns1123Label(name))
            {
                context.Report(FindingKind.Invalid, path, msg, Nodes.Quote(name), Fix(name));
            }
        }
    }

    private static string? Fix(string name)
    {
        var fixedName = name.ToLowerInvariant().Replace('_', '-').Replace('.', '-');
        return fixedName != name && K8sNames.IsDns1123Label(fixedName).Count == 0 ? $"container names are DNS labels: write {fixedName}" : null;
    }
}
