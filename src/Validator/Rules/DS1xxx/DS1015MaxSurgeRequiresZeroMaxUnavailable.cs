using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1015: maxSurge and maxUnavailable may not both be non-zero (after defaulting maxUnavailable to 1).</summary>
internal sealed class DS1015MaxSurgeRequiresZeroMaxUnavailable : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1015MaxSurgeRequiresZeroMaxUnavailable"/> class.</summary>
    public DS1015MaxSurgeRequiresZeroMaxUnavailable()
        : base(RuleCatalog.DS1015_MaxSurgeRequiresZeroMaxUnavailable)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        var s = new EffectiveStrategy(context);
        if (!s.IsRollingUpdate || !s.MaxUnavailable.Known || !s.MaxSurge.Known)
        {
            return;
        }

        if (s.MaxUnavailable.ScaledForZeroCheck != 0 && s.MaxSurge.ScaledForZeroCheck != 0)
        {
            var hint = s.MaxUnavailable.Defaulted
                ? "maxUnavailable defaults to 1 when unset: add maxUnavailable: 0 to roll out by surging"
                : "set maxUnavailable: 0 to surge, or remove maxSurge";
            context.Report(FindingKind.Invalid, Paths.RollingUpdate.Child("maxSurge"), "may not be set when maxUnavailable is non-zero", s.MaxSurge.Display, hint);
        }
    }
}
