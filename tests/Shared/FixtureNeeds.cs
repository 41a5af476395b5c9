using System;
using System.IO;
using System.Linq;

namespace DaemonLint.Tests;

/// <summary>What a rule's fixtures need beyond a manifest: a baseline, a node inventory or a CLI option.</summary>
/// <param name="Baseline">A fixture has a sibling <c>.baseline.yml</c> (update rules).</param>
/// <param name="Nodes">A fixture names a node inventory (<c># nodes:</c> or a <c>*.nodes.yml</c>).</param>
/// <param name="Option">The first option a fixture's <c># options:</c> header sets (<c>UserNamespaces</c>), not counting the
/// Kubernetes release and feature gates a fixture pins to keep its meaning; or null.</param>
public sealed record FixtureNeeds(bool Baseline, bool Nodes, string? Option)
{
    /// <summary>Reads the fixture folder of a rule.</summary>
    /// <param name="ruleId">The rule id.</param>
    /// <returns>What its fixtures need (nothing when it has no folder).</returns>
    public static FixtureNeeds Of(string ruleId)
    {
        var folder = Path.Combine(RepoPaths.Fixtures, ruleId);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder) : Array.Empty<string>();
        var texts = files.Where(f => f.EndsWith(".yaml", StringComparison.Ordinal)).Select(File.ReadAllText).ToList();
        return new FixtureNeeds(
            files.Any(f => f.EndsWith(".baseline.yml", StringComparison.Ordinal)),
            files.Any(f => f.EndsWith(".nodes.yml", StringComparison.Ordinal)) || texts.Exists(t => t.Contains("# nodes:", StringComparison.Ordinal)),
            texts.Select(t => FixtureOptions.Parse(t).Properties).FirstOrDefault(p => p.Count > 0)?[0]);
    }
}
