using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1120: preferred pod affinity weights are 1-100 (CV validateWeightedPodAffinityTerms).</summary>
internal sealed class DS1120PodAffinityWeightMustBeInRange : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1120PodAffinityWeightMustBeInRange"/> class.</summary>
    public DS1120PodAffinityWeightMustBeInRange()
        : base(RuleCatalog.DS1120_PodAffinityWeightMustBeInRange)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var kind in new[] { "podAffinity", "podAntiAffinity" })
        {
            foreach (var w in PodAffinityTerms.WeightedTerms(context.PodSpec, kind))
            {
                var node = w.Node.Get("weight");
                if (w.Node.IsUnknown("weight") || node is not (null or ScalarNode { IntValue: not null }))
                {
                    continue;
                }

                var weight = w.Node.Int("weight") ?? 0;
                if (weight is < 1 or > 100)
                {
                    context.Report(FindingKind.Invalid, w.Path.Child("weight"), "must be in the range 1-100", PodSpecNodes.Num(weight), node is null ? "add a weight from 1 to 100" : null);
                }
            }
        }
    }
}
