using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>
/// DS1192: the pod-level <c>resources</c> may not hold <c>claims</c> (CV validatePodResources, called while the
/// PodLevelResourcesEnabled option is on): a non-nil list is refused at <c>spec.template.spec.resources.claims</c>, an
/// empty one too; <c>claims: null</c> is nil and passes. The entries themselves are DS1191's.
/// </summary>
internal sealed class DS1192PodLevelResourceClaimsForbidden : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1192PodLevelResourceClaimsForbidden"/> class.</summary>
    public DS1192PodLevelResourceClaimsForbidden()
        : base(RuleCatalog.DS1192_PodLevelResourceClaimsForbidden)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.Map("resources").Get("claims") is SequenceNode && context.PodOptions.PodLevelResourcesEnabled)
        {
            context.Report(
                FindingKind.Forbidden,
                Paths.PodSpec.Child("resources", "claims"),
                "claims cannot be set for Resources at pod-level",
                hint: "remove claims here and list them in the resources.claims of the containers that use them");
        }
    }
}
