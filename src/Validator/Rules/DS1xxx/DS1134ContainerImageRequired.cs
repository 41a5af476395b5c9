using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1134: every container needs an image, in templates too (CV validateContainerCommon).</summary>
internal sealed class DS1134ContainerImageRequired : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1134ContainerImageRequired"/> class.</summary>
    public DS1134ContainerImageRequired()
        : base(RuleCatalog.DS1134_ContainerImageRequired)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // validateContainerCommon requires every container's image, ephemeral ones included (validateEphemeralContainers).
        foreach (var c in Containers.All(context, includeEphemeral: true))
        {
            if (PodSpecNodes.IsMissingOrEmpty(c.Node, "image"))
            {
                context.Report(FindingKind.Required, c.Path.Child("image"), string.Empty);
            }
        }
    }
}
