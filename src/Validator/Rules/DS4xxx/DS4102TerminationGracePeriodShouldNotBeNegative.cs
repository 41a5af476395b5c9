using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS4xxx;

/// <summary>DS4102 (warning): a negative terminationGracePeriodSeconds is accepted and treated as 1 (pkg/api/pod/warnings.go).</summary>
internal sealed class DS4102TerminationGracePeriodShouldNotBeNegative : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS4102TerminationGracePeriodShouldNotBeNegative"/> class.</summary>
    public DS4102TerminationGracePeriodShouldNotBeNegative()
        : base(RuleCatalog.DS4102_TerminationGracePeriodShouldNotBeNegative)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.PodSpec.Int("terminationGracePeriodSeconds") is { } v && v < 0)
        {
            context.Report(
                FindingKind.Invalid,
                Paths.PodSpec.Child("terminationGracePeriodSeconds"),
                "must be >= 0; negative values are invalid and will be treated as 1",
                PodSpecNodes.Num(v));
        }
    }
}
