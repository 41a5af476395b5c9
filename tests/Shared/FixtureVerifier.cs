using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests;

/// <summary>
/// Verifies YAML fixtures that carry their expectations inline, Sonar style:
/// <code>
///   restartPolicy: OnFailure   # expect: DS1009 spec.template.spec.restartPolicy
/// </code>
/// Each <c># expect: ID path[, ID path...]</c> comment expects a finding of that rule, at that field path, whose span
/// starts on that line. A marker line <c>#      ^^^^^</c> right below an expectation line also pins the start column.
/// The rules checked are those named by expectations, the fixture folder's id, and any listed in a
/// <c># rules: DS1001 DS1002</c> header; every finding of those rules must be expected and every expectation found.
/// A <c># nodes: nodes.yml</c> header loads a node inventory from beside the fixture (placement rules DS3006, DS3007).
/// A <c># options:</c> header sets validator options, the Kubernetes release and feature gates among them
/// (<c># options: --kubernetes-version 1.32</c>; see <see cref="FixtureOptions"/>).
/// A <c># baseline:</c> block is not supported here: update fixtures pass a baseline text explicitly.
/// </summary>
public static class FixtureVerifier
{
    private static readonly Regex Expect = new(@"#\s*expect:\s*(?<list>.+?)\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex Item = new(@"(?<id>DS\d{4})\s+(?<path>(?:\{[^}]*\}|[^\s{])+)", RegexOptions.CultureInvariant); // a brace group may hold spaces: ".{topologyKey, whenUnsatisfiable}"
    private static readonly Regex RulesHeader = new(@"^#\s*rules:\s*(?<ids>.+)$", RegexOptions.CultureInvariant | RegexOptions.Multiline);
    private static readonly Regex NodesHeader = new(@"^#\s*nodes:\s*(?<file>\S+)\s*$", RegexOptions.CultureInvariant | RegexOptions.Multiline);
    private static readonly Regex Marker = new(@"^\s*#\s*(?<pad>\s*)\^+\s*$", RegexOptions.CultureInvariant);

    /// <summary>An expected finding.</summary>
    /// <param name="RuleId">The rule.</param>
    /// <param name="Path">The field path as kubectl prints it.</param>
    /// <param name="Line">The 1-based line.</param>
    /// <param name="Column">The 1-based column, or 0 when not pinned.</param>
    public sealed record Expectation(string RuleId, string Path, int Line, int Column);

    /// <summary>Parses the expectations of a fixture text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The expectations and the rule ids they check.</returns>
    public static (List<Expectation> Expected, HashSet<string> Checked) Parse(string text)
    {
        var expected = new List<Expectation>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var m = Expect.Match(lines[i]);
            if (!m.Success)
            {
                continue;
            }

            var column = 0;
            if (i + 1 < lines.Length && Marker.Match(lines[i + 1]) is { Success: true })
            {
                column = lines[i + 1].IndexOf('^') + 1;
            }

            foreach (Match item in Item.Matches(m.Groups["list"].Value))
            {
                expected.Add(new Expectation(item.Groups["id"].Value, item.Groups["path"].Value.TrimEnd(','), i + 1, column));
                ids.Add(item.Groups["id"].Value);
            }
        }

        foreach (Match h in RulesHeader.Matches(text))
        {
            foreach (var id in h.Groups["ids"].Value.Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                ids.Add(id);
            }
        }

        return (expected, ids);
    }

    /// <summary>Validates a fixture file and asserts its expectations.</summary>
    /// <param name="path">The fixture path.</param>
    /// <param name="options">Validator options, or the defaults (a <c># options: Name=true</c> header sets boolean options).</param>
    /// <param name="baseline">Prior versions for update rules.</param>
    public static void VerifyFile(string path, ValidatorOptions? options = null, BaselineIndex? baseline = null)
    {
        var folderId = Path.GetFileName(Path.GetDirectoryName(path)) ?? string.Empty;
        var text = File.ReadAllText(path);
        options ??= OptionsFromHeader(text);
        if (NodesHeader.Match(text) is { Success: true } nodes)
        {
            // "# nodes: nodes.yml": a node inventory beside the fixture, as `validate --nodes` loads it (placement rules).
            var inventoryFile = Path.Combine(Path.GetDirectoryName(path)!, nodes.Groups["file"].Value);
            var objects = DaemonLint.Yaml.YamlManifestReader.ReadDocuments(inventoryFile, File.ReadAllText(inventoryFile)).SelectMany(d => d.Objects);
            options = (options ?? new ValidatorOptions()) with { Nodes = DaemonLint.Placement.NodeInventory.FromObjects(objects) };
        }

        VerifyText(text, Path.GetFileName(path), folderId.StartsWith("DS", StringComparison.Ordinal) ? folderId : null, options, baseline);
    }

    /// <summary>
    /// Reads a <c># options:</c> header into validator options: CLI flags (<c>--kubernetes-version 1.32</c>,
    /// <c>--feature-gates A=true,B=false</c>, <c>--user-namespaces</c>, <c>--disallow-privileged</c>) or option
    /// properties (<c>UserNamespaces=true AllowPrivileged=false KubernetesVersion=1.31</c>); see <see cref="FixtureOptions"/>.
    /// </summary>
    /// <param name="text">The fixture text.</param>
    /// <returns>The options, or null when there is no header.</returns>
    public static ValidatorOptions? OptionsFromHeader(string text) => FixtureOptions.Parse(text).Options;

    /// <summary>Validates a fixture text and asserts its expectations.</summary>
    /// <param name="text">The YAML.</param>
    /// <param name="name">The file name shown in failures.</param>
    /// <param name="ruleId">A rule id always checked (the fixture folder's), or null.</param>
    /// <param name="options">Validator options, or the defaults.</param>
    /// <param name="baseline">Prior versions for update rules.</param>
    /// <returns>All findings of the run, for further assertions.</returns>
    public static IReadOnlyList<Finding> VerifyText(string text, string name = "fixture.yaml", string? ruleId = null, ValidatorOptions? options = null, BaselineIndex? baseline = null)
    {
        var (expected, ids) = Parse(text);
        if (ruleId is not null)
        {
            ids.Add(ruleId);
        }

        var report = new ManifestValidator(options).ValidateText(name, text, baseline);
        var actual = report.Findings.Where(f => ids.Contains(f.RuleId)).ToList();
        var missing = new List<Expectation>(expected);
        var unexpected = new List<Finding>();
        foreach (var f in actual)
        {
            var match = missing.FirstOrDefault(e => e.RuleId == f.RuleId && e.Path == f.Path?.ToString() && e.Line == f.Span.Start.Line && (e.Column == 0 || e.Column == f.Span.Start.Column));
            if (match is null)
            {
                unexpected.Add(f);
            }
            else
            {
                missing.Remove(match);
            }
        }

        if (missing.Count > 0 || unexpected.Count > 0)
        {
            var sb = new StringBuilder();
            sb.AppendLine($"{name}: fixture expectations not met (checked rules: {string.Join(", ", ids.OrderBy(i => i, StringComparer.Ordinal))})");
            foreach (var e in missing)
            {
                sb.AppendLine($"  missing:    line {e.Line}{(e.Column > 0 ? "," + e.Column : string.Empty)}: {e.RuleId} {e.Path}");
            }

            foreach (var f in unexpected)
            {
                sb.AppendLine($"  unexpected: line {f.Span.Start.Line},{f.Span.Start.Column}: {f.RuleId} {f.Path} — {f.Message}");
            }

            Assert.Fail(sb.ToString());
        }

        return report.Findings;
    }
}
