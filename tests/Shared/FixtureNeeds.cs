using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace DaemonLint.Tests;

/// <summary>What a rule's fixtures need beyond a manifest: a baseline, a node inventory (and the pods of that cluster) or a CLI option.</summary>
/// <param name="Baseline">Every fixture that expects a finding has a sibling <c>.baseline.yml</c> (update rules; a rule
/// that also fires on create and has baselines only to show the update's ratchet is not one).</param>
/// <param name="Nodes">A fixture names a node inventory (<c># nodes:</c> or a <c>*.nodes.yml</c>).</param>
/// <param name="Pods">A fixture names a pod inventory (<c># pods:</c> or a <c>*.pods.yml</c>).</param>
/// <param name="Option">The first option a fixture's <c># options:</c> header sets (<c>UserNamespaces</c>), not counting the
/// Kubernetes release and feature gates a fixture pins to keep its meaning; or null.</param>
/// <param name="Pinned">Every fixture that expects a finding pins a Kubernetes release or feature gates (the rule does not
/// fire on its examples at the default release).</param>
public sealed record FixtureNeeds(bool Baseline, bool Nodes, bool Pods, string? Option, bool Pinned = false)
{
    private static readonly Regex Pins = new(@"^#\s*options:.*(--kubernetes-version|--feature-gates|KubernetesVersion=)", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>Reads the fixture folder of a rule.</summary>
    /// <param name="ruleId">The rule id.</param>
    /// <returns>What its fixtures need (nothing when it has no folder).</returns>
    public static FixtureNeeds Of(string ruleId)
    {
        var folder = Path.Combine(RepoPaths.Fixtures, ruleId);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder) : Array.Empty<string>();
        var yaml = files.Where(f => f.EndsWith(".yaml", StringComparison.Ordinal)).ToList();
        var texts = yaml.Select(File.ReadAllText).ToList();
        var firing = yaml.Where((f, i) => texts[i].Contains("# expect: " + ruleId, StringComparison.Ordinal)).ToList();
        return new FixtureNeeds(
            firing.Count > 0 && firing.TrueForAll(f => File.Exists(Path.ChangeExtension(f, ".baseline.yml"))),
            files.Any(f => f.EndsWith(".nodes.yml", StringComparison.Ordinal)) || texts.Exists(t => t.Contains("# nodes:", StringComparison.Ordinal)),
            files.Any(f => f.EndsWith(".pods.yml", StringComparison.Ordinal)) || texts.Exists(t => t.Contains("# pods:", StringComparison.Ordinal)),
            texts.Select(t => FixtureOptions.Parse(t).Properties).FirstOrDefault(p => p.Count > 0)?[0],
            firing.Count > 0 && firing.TrueForAll(f => Pins.IsMatch(File.ReadAllText(f))));
    }
}
