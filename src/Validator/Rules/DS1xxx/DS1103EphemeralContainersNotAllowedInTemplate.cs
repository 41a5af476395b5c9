using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1103: a pod template may not declare ephemeral containers.</summary>
internal sealed class DS1103EphemeralContainersNotAllowedInTemplate : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1103EphemeralContainersNotAllowedInTemplate"/> class.</summary>
    public DS1103EphemeralContainersNotAllowedInTemplate()
        : base(RuleCatalog.DS1103_EphemeralContainersNotAllowedInTemplate)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.Seq("ephemeralContainers") is not { Count: > 0 })
        {
            return;
        }

        context.Report(
            FindingKind.Forbidden,
            Paths.PodSpec.Child("ephemeralContainers"),
            "ephemeral containers not allowed in pod template",
            hint: "ephemeral containers are added to running pods with kubectl debug; move these to containers or initContainers, or remove them");
    }
}
