using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS4xxx;

/// <summary>DS4103 (warning): a pod affinity term without labelSelector matches no pod (pkg/api/pod/warnings.go).</summary>
internal sealed class DS4103PodAffinityLabelSelectorShouldBeSet : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS4103PodAffinityLabelSelectorShouldBeSet"/> class.</summary>
    public DS4103PodAffinityLabelSelectorShouldBeSet()
        : base(RuleCatalog.DS4103_PodAffinityLabelSelectorShouldBeSet)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var (term, termPath) in PodAffinityTerms.Terms(context.PodSpec))
        {
            if (term.IsUnknown("labelSelector") || term.Get("labelSelector") is not null)
            {
                continue;
            }

            context.Report(
                FindingKind.Required,
                termPath.Child("labelSelector"),
                "a null labelSelector results in matching no pod",
                hint: "add a labelSelector for the pods this term is about");
        }
    }
}
