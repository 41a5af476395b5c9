using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Tests;
using DaemonLint.Yaml;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DaemonLint.Analyzers.Tests;

/// <summary>
/// The C# half of each rule page (docs/rules/DSxxxx.md, between <c>&lt;!-- csharp --&gt;</c> markers; the rest of the page is
/// tests/Validator.Tests/GeneratedDocsTests.cs's): the rule's fixture DaemonSets written as KubernetesClient C#, compiled,
/// and run through the analyzer. A non-compliant example is shown only if the analyzer reports the rule on it (the line is
/// marked where it does), a compliant one only if it does not. Where no example can be shown the page says why.
/// CI fails when a page is stale; <c>DAEMONLINT_UPDATE_GENERATED=1 dotnet test --filter RulePageCSharpExamplesTests</c> rewrites it.
/// </summary>
public sealed class RulePageCSharpExamplesTests
{
    private const string Prefix = "using k8s.Models;\nusing System.Collections.Generic;\n\npublic static class Manifests\n{\n    public static V1DaemonSet Build()\n    {\n";
    private const string Suffix = "        return daemonSet;\n    }\n}\n";
    private static readonly Regex Block = new(@"<!-- csharp -->\n(?<text>.*?)<!-- /csharp -->", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private readonly Xunit.Abstractions.ITestOutputHelper output;

    public RulePageCSharpExamplesTests(Xunit.Abstractions.ITestOutputHelper output) => this.output = output;

    private static bool Update => Environment.GetEnvironmentVariable("DAEMONLINT_UPDATE_GENERATED") == "1";

    [Fact]
    public void RulePages_ShowCSharpExamples_ThatTheAnalyzerReports()
    {
        var stale = new List<string>();
        var withExamples = 0;
        foreach (var rule in RuleCatalog.All)
        {
            var path = Path.Combine(RepoPaths.Root, "docs", "rules", rule.Id + ".md");
            var page = File.ReadAllText(path).Replace("\r\n", "\n");
            var match = Block.Match(page);
            Assert.True(match.Success, $"{rule.Id}: the page has no <!-- csharp --> block (run GeneratedDocsTests first)");
            var expected = Section(rule, out var shown);
            withExamples += shown ? 1 : 0;
            if (match.Groups["text"].Value != expected)
            {
                stale.Add(rule.Id);
                if (Update)
                {
                    var text = match.Groups["text"];
                    File.WriteAllText(path, page.Substring(0, text.Index) + expected + page.Substring(text.Index + text.Length));
                }
            }
        }

        this.output.WriteLine($"{withExamples} of {RuleCatalog.All.Count} pages show a C# example the analyzer reports");
        Assert.True(stale.Count == 0 || Update, "stale C# examples on rule pages (regenerate with DAEMONLINT_UPDATE_GENERATED=1): " + string.Join(", ", stale));
        Assert.True(withExamples >= 80, $"only {withExamples} rule pages show a C# example");
    }

    private static string Section(RuleDescriptor rule, out bool shown)
    {
        shown = false;
        if (rule.Category == RuleCategory.Input)
        {
            return "In C#: this rule is about reading a file, so the analyzers report it only on YAML additional files.\n\n";
        }

        var candidates = Candidates(rule.Id);
        var bad = candidates.Where(c => c.Fires).Select(c => c.Code).FirstOrDefault();
        var good = candidates.Where(c => c.File.Contains("dont-fire", StringComparison.Ordinal) && !c.Fires).Select(c => c.Code).FirstOrDefault();
        if (bad is null)
        {
            return "In C#: " + Why(rule, FixtureNeeds.Of(rule.Id)) + "\n\n";
        }

        shown = true;
        var sb = new StringBuilder();
        sb.Append("Non-compliant in C# (the same DaemonSet built with the KubernetesClient models; the analyzer reports ").Append(rule.Id).Append(" at the marked line):\n\n```csharp\n").Append(bad).Append("```\n\n");
        if (good is not null)
        {
            sb.Append("Compliant in C#:\n\n```csharp\n").Append(good).Append("```\n\n");
        }

        return sb.ToString();
    }

    private static string Why(RuleDescriptor rule, FixtureNeeds needs)
    {
        if (rule.Category == RuleCategory.Schema)
        {
            return "the KubernetesClient models are typed, so this mistake does not compile (an unknown property, or a value of the wrong type); "
                + "the compiler reports it before the analyzers run. The analyzers report the rule on YAML additional files.";
        }

        if (needs.Baseline)
        {
            return "the rule compares the object with its previous version (`--baseline`), which an object creation in C# does not have; "
                + "it is reported by the CLI and the MSBuild task on YAML.";
        }

        if (needs.Nodes)
        {
            return "the rule needs a node inventory (`--nodes`), which the analyzers do not take; it is reported by the CLI on YAML.";
        }

        if (needs.Pods)
        {
            return "the rule needs the pods of a cluster (`--pods`, with `--nodes`), which the analyzers do not take; it is reported by the CLI and the MSBuild task on YAML.";
        }

        if (needs.Pinned)
        {
            return "the examples that fire pin a Kubernetes release or feature gates other than the default (see the YAML examples); "
                + "at the default release the server accepts them, and so do the analyzers.";
        }

        if (needs.Option is not null)
        {
            return "the rule is off unless a CLI option turns it on (see Options); the analyzers and the MSBuild task have no such option.";
        }

        return "the KubernetesClient models cannot express this example, so there is no C# example; the analyzers report the rule wherever the C# front end sees it.";
    }

    private sealed record Candidate(string File, string Code, bool Fires);

    private static List<Candidate> Candidates(string id)
    {
        var result = new List<Candidate>();
        var folder = Path.Combine(RepoPaths.Fixtures, id);
        if (!Directory.Exists(folder))
        {
            return result;
        }

        var validator = new ManifestValidator();
        // fires.yaml and dont-fire.yaml first (the examples the YAML half of the page shows), then the other fixtures.
        var files = Directory.GetFiles(folder, "*.yaml").OrderBy(f => Path.GetFileName(f) is "fires.yaml" or "dont-fire.yaml" ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (File.Exists(Path.ChangeExtension(file, ".baseline.yml")) || text.Contains("# nodes:", StringComparison.Ordinal)
                || text.Contains("# pods:", StringComparison.Ordinal) || text.Contains("# options:", StringComparison.Ordinal) || Directory.GetFiles(folder, "*.nodes.yml").Length > 0 || Directory.GetFiles(folder, "*.pods.yml").Length > 0)
            {
                continue; // host inputs a C# creation does not have (the page says why: FixtureNeeds)
            }

            foreach (var doc in YamlManifestReader.ReadDocuments(file, text).Where(d => d.Problems.Count == 0))
            {
                foreach (var obj in doc.Objects.Where(o => string.Equals(o.Kind, "DaemonSet", StringComparison.OrdinalIgnoreCase) && o.ListItem < 0 && o.ApiVersion is not null))
                {
                    var core = new List<Finding>();
                    validator.ValidateObject(obj, null, core);
                    var coreFires = core.Exists(f => f.RuleId == id);
                    if (!CSharpWriter.TryWrite(obj.Root, typeof(k8s.Models.V1DaemonSet), unknownStrings: false, out var expression))
                    {
                        continue;
                    }

                    var statement = "var daemonSet = " + SyntaxFactory.ParseExpression(expression).NormalizeWhitespace(eol: "\n").ToFullString() + ";";
                    var lines = statement.Split('\n');
                    var source = Prefix + string.Concat(lines.Select(l => "        " + l + "\n")) + Suffix;
                    var (errors, findings) = KubernetesCompilation.Analyze(source);
                    Assert.True(errors.Count == 0, $"{id}: the C# written from {Path.GetFileName(file)} does not compile: {errors.FirstOrDefault()}\n{source}");
                    var mine = findings.Where(d => d.Id == id).ToList();
                    // The analyzer agrees with the core on every fixture (FixtureParityTests); an example must show that too.
                    Assert.True(coreFires == (mine.Count > 0), $"{id}: core {(coreFires ? "reports" : "does not report")} the rule on {Path.GetFileName(file)}, the analyzer {(mine.Count > 0 ? "does" : "does not")}");
                    var prefixLines = Prefix.Count(c => c == '\n');
                    var marked = mine.Select(d => d.Location.GetLineSpan().StartLinePosition.Line - prefixLines).ToHashSet();
                    var sb = new StringBuilder(statement.Contains("Dictionary<", StringComparison.Ordinal) || statement.Contains("List<", StringComparison.Ordinal)
                        ? "using System.Collections.Generic;\nusing k8s.Models;\n\n"
                        : "using k8s.Models;\n\n");
                    for (var i = 0; i < lines.Length; i++)
                    {
                        sb.Append(lines[i]).Append(marked.Contains(i) ? " // ← " + id : string.Empty).Append('\n');
                    }

                    result.Add(new Candidate(Path.GetFileName(file), sb.ToString(), mine.Count > 0));
                }
            }
        }

        return result;
    }
}
