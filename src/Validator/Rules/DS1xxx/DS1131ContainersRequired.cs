using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1131: the pod template needs at least one container (CV validateContainers).</summary>
internal sealed class DS1131ContainersRequired : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1131ContainersRequired"/> class.</summary>
    public DS1131ContainersRequired()
        : base(RuleCatalog.DS1131_ContainersRequired)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        // A missing or null spec (or template, or pod spec) decodes as an empty one, without containers.
        var root = context.Object.Root;
        if (root.IsUnknown("spec") || context.Spec.IsUnknown("template") || context.Template.IsUnknown("spec") || context.PodSpec.IsUnknown("containers"))
        {
            return;
        }

        // A spec, template or pod spec of the wrong type is the schema layer's finding.
        if (root.Get("spec") is not (null or MappingNode) || context.Spec.Get("template") is not (null or MappingNode) || context.Template.Get("spec") is not (null or MappingNode))
        {
            return;
        }

        var containers = context.PodSpec.Get("containers");
        if (containers is null || containers is SequenceNode { Count: 0 })
        {
            var hint = context.PodSpec.Seq("initContainers") is { Count: > 0 }
                ? "init containers alone do not make a pod: add the long-running daemon under containers"
                : null;
            context.Report(FindingKind.Required, Paths.PodSpec.Child("containers"), string.Empty, hint: hint);
        }
    }
}
