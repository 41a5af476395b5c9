using System.Collections.Generic;

namespace DaemonLint.Catalog;

/// <summary>An id that no longer names a rule: what replaced it, and why.</summary>
/// <param name="Id">The retired id.</param>
/// <param name="ReplacedBy">The id of the rule that took it over.</param>
/// <param name="Why">Why the rule moved, as one clause for its page.</param>
internal sealed record RetiredId(string Id, string ReplacedBy, string Why);

/// <summary>The ids that named a rule once and never will again.</summary>
public static partial class RuleCatalog
{
    private const string AcceptedWithAWarning = "the API server accepts what it reports, with a warning, so it moved out of DS1xxx (what the server rejects) to the reliability warnings";

    /// <summary>
    /// Gets the retired ids, in id order. Ids are never reused: a rule that moves keeps its old id here, and
    /// <c>docs/rules/DSnnnn.md</c> keeps a page that points to the new one. (DS1121 and DS1174 were also renumbered, to
    /// DS4103 and DS4105, and then given to new rules before any release, when no list like this one existed; they
    /// stay with their current rules: AnalyzerReleases.Shipped.md lists no release that had the old meaning.)
    /// </summary>
    internal static IReadOnlyList<RetiredId> Retired { get; } = new RetiredId[]
    {
        new("DS1115", "DS4101", AcceptedWithAWarning),
        new("DS1118", "DS4102", AcceptedWithAWarning),
        new("DS1158", "DS4104", AcceptedWithAWarning),
        new("DS1306", "DS4106", AcceptedWithAWarning),
        new("DS1366", "DS6002", "the API server accepts what it reports, with a warning, so it moved out of DS1xxx (what the server rejects) to the version and deprecation warnings"),
    };
}
