using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1182: liveness and startup probes need successThreshold 1; 0 and unset are defaulted to 1 (CV validateLivenessProbe / validateStartupProbe).</summary>
internal sealed class DS1182ProbeSuccessThresholdMustBeOne : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1182ProbeSuccessThresholdMustBeOne"/> class.</summary>
    public DS1182ProbeSuccessThresholdMustBeOne()
        : base(RuleCatalog.DS1182_ProbeSuccessThresholdMustBeOne)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var h in PodSpecNodes.ValidatedHandlers(context, includeLifecycle: false))
        {
            if (h.Field is not ("livenessProbe" or "startupProbe") || h.Node.Int("successThreshold") is not { } v || v is 0 or 1)
            {
                continue;
            }

            context.Report(FindingKind.Invalid, h.Path.Child("successThreshold"), "must be 1", PodSpecNodes.Num(v), "remove successThreshold or set it to 1; only readiness probes may need several successes");
        }
    }
}
