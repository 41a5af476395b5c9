using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules.Support;

namespace DaemonLint.Rules.DS1xxx;

/// <summary>DS1011: spec.minReadySeconds ≥ 0.</summary>
internal sealed class DS1011MinReadySecondsMustBeNonNegative : Rule
{
    /// <summary>Initializes a new instance of the <see cref="DS1011MinReadySecondsMustBeNonNegative"/> class.</summary>
    public DS1011MinReadySecondsMustBeNonNegative()
        : base(RuleCatalog.DS1011_MinReadySecondsMustBeNonNegative)
    {
    }

    /// <inheritdoc />
    public override void Check(RuleContext context)
    {
        if (context.Spec.Int("minReadySeconds") is { } v && v < 0)
        {
            context.Report(FindingKind.Invalid, Paths.Spec.Child("minReadySeconds"), "must be greater than or equal to 0", v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
