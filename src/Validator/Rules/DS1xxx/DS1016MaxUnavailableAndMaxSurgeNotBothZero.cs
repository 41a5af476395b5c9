using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1016: maxUnavailable and maxSurge may not both be zero (after defaulting maxSurge to 0).</summary>
internal sealed class DS1016MaxUnavailableAndMaxSurgeNotBothZero : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1016MaxUnavailableAndMaxSurgeNotBothZero"/> class.</summary>
    public DS1016MaxUnavailableAndMaxSurgeNotBothZero()
        : base(RuleCatalog.DS1016_MaxUnavailableAndMaxSurgeNotBothZero)
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

        if (s.MaxUnavailable.ScaledForZeroCheck == 0 && s.MaxSurge.ScaledForZeroCheck == 0)
        {
            var hint = s.MaxSurge.Defaulted
                ? "maxSurge defaults to 0 when unset: set maxUnavailable to at least 1 (or a percentage), or set maxSurge"
                : "set maxUnavailable or maxSurge to at least 1 (or a percentage)";
            context.Report(FindingKind.Required, Paths.RollingUpdate.Child("maxUnavailable"), "cannot be 0 when maxSurge is 0", hint: hint);
        }
    }
}
