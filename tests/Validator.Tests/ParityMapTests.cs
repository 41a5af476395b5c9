using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaemonLint.Catalog;
using DaemonLint.Model;

namespace DaemonLint.Tests;

/// <summary>
/// Issue 11 item 4: <c>docs/parity.md</c> maps each upstream validation function a DaemonSet create or update reaches
/// (listed in <c>tools/Parity/Data/parity-map.json</c>) to the rules that implement it, found through each catalog
/// entry's <see cref="RuleDescriptor.Upstream"/>, or to the reason it cannot be checked offline. The tests keep the
/// three in step: every DS1xxx rule names a listed function, every listed function has rules or a reason (never
/// both), and the page is regenerated from them (<c>DAEMONLINT_UPDATE_GENERATED=1</c>).
/// </summary>
public sealed class ParityMapTests
{
    private static readonly string MapPath = Path.Combine(RepoPaths.Root, "tools", "Parity", "Data", "parity-map.json");

    private static readonly string PagePath = Path.Combine(RepoPaths.Root, "docs", "parity.md");

    private static readonly Regex Prose = new(@"<!-- prose -->\n(?<text>.*?)<!-- /prose -->", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static bool Update => Environment.GetEnvironmentVariable("DAEMONLINT_UPDATE_GENERATED") == "1";

    [Fact]
    public void EveryApiServerRule_ImplementsAListedFunction()
    {
        var map = Load();
        var unmapped = RuleCatalog.All
            .Where(r => r.Id.StartsWith("DS1", StringComparison.Ordinal))
            .Where(r => !map.Any(f => Implements(r, f.Function)))
            .Select(r => $"{r.Id} (upstream: {r.Upstream ?? "none"})")
            .ToList();
        Assert.True(unmapped.Count == 0, "DS1xxx rules whose upstream names no function of tools/Parity/Data/parity-map.json (add the function, or name it in the rule's upstream): " + string.Join("; ", unmapped));
    }

    [Fact]
    public void EveryListedFunction_HasRulesOrAReason_NotBoth()
    {
        var problems = new List<string>();
        foreach (var f in Load())
        {
            var rules = RulesOf(f.Function);
            if (rules.Count == 0 && string.IsNullOrWhiteSpace(f.Reason))
            {
                problems.Add($"{f.Function}: no rule names it in its upstream and no reason says why it cannot be checked offline");
            }
            else if (rules.Count > 0 && !string.IsNullOrWhiteSpace(f.Reason))
            {
                problems.Add($"{f.Function}: implemented by {string.Join(", ", rules)} but still carries a reason");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Functions_AreListedOnce()
    {
        var repeated = Load().GroupBy(f => f.Function, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(repeated);
    }

    [Fact]
    public void Matching_IsOnWholeNames()
    {
        // ValidateDaemonSet must not claim the rules of ValidateDaemonSetSpec, nor ValidateEnv those of ValidateEnvFrom.
        Assert.True(Implements(RuleCatalog.DS1001_SelectorMustMatchTemplateLabels, "ValidateDaemonSetSpec"));
        Assert.False(Implements(RuleCatalog.DS1001_SelectorMustMatchTemplateLabels, "ValidateDaemonSet"));
        Assert.DoesNotContain(RulesOf("ValidateEnv"), id => RulesOf("ValidateEnvFrom").Contains(id) && !RuleCatalog.All.Single(r => r.Id == id).Upstream!.Contains("ValidateEnv ", StringComparison.Ordinal));
    }

    [Fact]
    public void Page_IsInSyncWithTheMapAndTheCatalog()
    {
        var existing = File.Exists(PagePath) ? File.ReadAllText(PagePath).Replace("\r\n", "\n") : null;
        var expected = Page(Load(), existing);
        if (existing != expected && Update)
        {
            File.WriteAllText(PagePath, expected);
        }

        Assert.True(existing == expected || Update, "docs/parity.md is stale (regenerate with DAEMONLINT_UPDATE_GENERATED=1 dotnet test tests/Validator.Tests --filter ParityMapTests)");
    }

    private static bool Implements(RuleDescriptor rule, string function)
        => rule.Upstream is { } upstream && Regex.IsMatch(upstream, @"(?<![A-Za-z0-9_])" + Regex.Escape(function) + @"(?![A-Za-z0-9_])", RegexOptions.CultureInvariant);

    private static List<string> RulesOf(string function)
        => RuleCatalog.All.Where(r => Implements(r, function)).Select(r => r.Id).OrderBy(id => id, StringComparer.Ordinal).ToList();

    private static List<MapEntry> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(MapPath));
        return doc.RootElement.EnumerateArray()
            .Select(e => new MapEntry(
                e.GetProperty("area").GetString()!,
                e.GetProperty("function").GetString()!,
                e.GetProperty("file").GetString()!,
                e.TryGetProperty("reason", out var r) ? r.GetString() : null))
            .ToList();
    }

    private static string Page(List<MapEntry> map, string? existing)
    {
        var prose = existing is not null && Prose.Match(existing) is { Success: true } m
            ? m.Groups["text"].Value
            : "What the API server runs for a DaemonSet create or update, function by function, and the DaemonLint rules that implement each.\n";
        var sb = new StringBuilder();
        sb.Append("# Parity map: upstream validation functions and DaemonLint rules\n\n");
        sb.Append("<!-- prose -->\n").Append(prose).Append("<!-- /prose -->\n\n");
        sb.Append("<!-- generated: tools/Parity/Data/parity-map.json and the catalog's upstream field (tests/Validator.Tests/ParityMapTests.cs) -->\n");
        var covered = map.Count(f => RulesOf(f.Function).Count > 0);
        sb.Append($"{map.Count} functions: {covered} implemented by rules, {map.Count - covered} with the reason they are not checked offline.\n");
        foreach (var area in map.GroupBy(f => f.Area))
        {
            sb.Append($"\n## {area.Key}\n\n| Function | Source | Rules | Not checked offline because |\n|---|---|---|---|\n");
            foreach (var f in area)
            {
                var rules = string.Join(", ", RulesOf(f.Function).Select(id => $"[{id}](rules/{id}.md)"));
                sb.Append($"| `{f.Function}` | `{f.File}` | {rules} | {f.Reason?.Replace("|", "\\|")} |\n");
            }
        }

        var ds1 = RuleCatalog.All.Count(r => r.Id.StartsWith("DS1", StringComparison.Ordinal));
        sb.Append($"\nEvery one of the {ds1} DS1xxx rules names at least one function above in its upstream source.\n");
        sb.Append("<!-- /generated -->\n");
        return sb.ToString();
    }

    private sealed record MapEntry(string Area, string Function, string File, string? Reason);
}
