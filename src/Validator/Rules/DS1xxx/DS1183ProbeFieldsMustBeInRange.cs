using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1183: probe timings are non-negative; terminationGracePeriodSeconds positive and not on readiness probes (CV validateProbe).</summary>
internal sealed class DS1183ProbeFieldsMustBeInRange : Rule
{
    private static readonly string[] NonNegative = { "initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold" };

    /// <summary>Initializes a new instance of the <see cref="DS1183ProbeFieldsMustBeInRange"/> class.</summary>
    public DS1183ProbeFieldsMustBeInRange()
        : base(RuleCatalog.DS1183_ProbeFieldsMustBeInRange)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        foreach (var h in PodSpecNodes.ValidatedHandlers(context, includeLifecycle: false))
        {
            foreach (var f in NonNegative)
            {
                if (h.Node.Int(f) is { } v && v < 0)
                {
                    context.Report(FindingKind.Invalid, h.Path.Child(f), "must be greater than or equal to 0", PodSpecNodes.Num(v));
                }
            }

            if (h.Node.Int("terminationGracePeriodSeconds") is not { } grace)
            {
                continue;
            }

            var path = h.Path.Child("terminationGracePeriodSeconds");
            if (grace <= 0)
            {
                context.Report(FindingKind.Invalid, path, "must be greater than 0", PodSpecNodes.Num(grace));
            }

            if (h.Field == "readinessProbe")
            {
                context.Report(FindingKind.Invalid, path, "must not be set for readinessProbes", PodSpecNodes.Num(grace), "remove terminationGracePeriodSeconds: a failing readiness probe does not restart the container");
            }
        }
    }
}
