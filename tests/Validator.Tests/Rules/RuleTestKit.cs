using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules;

/// <summary>Helpers for the per-rule test classes: run a YAML text with inline expectations and get the one finding of a rule.</summary>
internal static class RuleTestKit
{
    /// <summary>Verifies the text's inline expectations and returns the single finding of <paramref name="ruleId"/>.</summary>
    public static Finding Single(string yaml, string ruleId)
    {
        var findings = FixtureVerifier.VerifyText(yaml, ruleId: ruleId);
        return Assert.Single(findings, f => f.RuleId == ruleId);
    }

    /// <summary>Asserts message, hint (none when not given), kind, severity and help link of a finding in one go.</summary>
    public static void AssertFinding(Finding f, FindingKind kind, string message, string? hint = null)
    {
        Assert.Equal(message, f.Message);
        Assert.Equal(hint, f.Hint);
        Assert.Equal(kind, f.Kind);
        var d = RuleCatalog.Get(f.RuleId);
        Assert.Equal(d.DefaultSeverity, f.Severity);
        Assert.Equal(d.HelpUri, f.HelpUri);
    }
}
