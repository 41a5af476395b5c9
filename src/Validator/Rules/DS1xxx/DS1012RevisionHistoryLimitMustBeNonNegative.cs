using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1012: spec.revisionHistoryLimit ≥ 0.</summary>
internal sealed class DS1012RevisionHistoryLimitMustBeNonNegative : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1012RevisionHistoryLimitMustBeNonNegative"/> class.</summary>
    public DS1012RevisionHistoryLimitMustBeNonNegative()
        : base(RuleCatalog.DS1012_RevisionHistoryLimitMustBeNonNegative)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Spec.Int("revisionHistoryLimit") is { } v && v < 0)
        {
            context.Report(FindingKind.Invalid, Paths.Spec.Child("revisionHistoryLimit"), "must be greater than or equal to 0", v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
