using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Tests;
using DaemonLint.Yaml;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DaemonLint.Analyzers.Tests;

/// <summary>
/// Every rule through the C# front end: each apps/v1 DaemonSet of the YAML fixtures is written as KubernetesClient C#
/// (by reflection over the models' [JsonPropertyName]s); the analyzer must report the same rule ids the core reports on the
/// YAML (fires and dont-fire alike). Then every string value is replaced by a method parameter: the analyzer must not
/// report anything at those unknown values. Documents the models cannot express (unknown fields, wrong types: the schema
/// layer's DS2xxx) are skipped and counted.
/// </summary>
public sealed class FixtureParityTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper output;

    public FixtureParityTests(Xunit.Abstractions.ITestOutputHelper output) => this.output = output;

    [Fact]
    public void AnalyzerReportsWhatTheCoreReports_OnEveryFixtureDaemonSet_AndNothingOnUnknownValues()
    {
        var failures = new List<string>();
        int converted = 0, skipped = 0;
        var rulesSeen = new HashSet<string>(StringComparer.Ordinal);
        var validator = new ManifestValidator();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Fixtures, "*.yaml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            if (text.Contains("# options:", StringComparison.Ordinal) || text.Contains("# nodes:", StringComparison.Ordinal) || File.Exists(Path.ChangeExtension(file, ".baseline.yml")))
            {
                continue; // host options, inventories and baselines are not part of a C# creation
            }

            foreach (var doc in YamlManifestReader.ReadDocuments(file, text))
            {
                if (doc.Problems.Count > 0)
                {
                    continue;
                }

                // Without apiVersion the client fills the model's own (apps/v1): the C# is not the same object.
                foreach (var obj in doc.Objects.Where(o => o.Kind == "DaemonSet" && o.ListItem < 0 && o.ApiVersion is not null))
                {
                    var expected = new List<Finding>();
                    validator.ValidateObject(obj, null, expected);
                    var expectedIds = expected.Select(f => f.RuleId).Where(IsCSharpRule).ToHashSet();
                    if (expected.Any(f => f.RuleId.StartsWith("DS2", StringComparison.Ordinal)) || !CSharpWriter.TryWrite(obj.Root, typeof(k8s.Models.V1DaemonSet), unknownStrings: false, out var known)
                        || !CSharpWriter.TryWrite(obj.Root, typeof(k8s.Models.V1DaemonSet), unknownStrings: true, out var unknown))
                    {
                        skipped++;
                        continue;
                    }

                    var name = $"{Path.GetFileName(Path.GetDirectoryName(file))}/{Path.GetFileName(file)} doc {obj.Document}";
                    var (compileErrors, actual) = Analyze(known);
                    if (compileErrors.Count > 0)
                    {
                        failures.Add($"{name}: generated C# does not compile: {compileErrors[0]}");
                        continue;
                    }

                    converted++;
                    var actualIds = actual.Select(d => d.Id).ToHashSet();
                    rulesSeen.UnionWith(actualIds);
                    if (!actualIds.SetEquals(expectedIds))
                    {
                        failures.Add($"{name}: core {string.Join(",", expectedIds.OrderBy(i => i))} vs analyzer {string.Join(",", actualIds.OrderBy(i => i))}");
                    }

                    var (_, onUnknown) = Analyze(unknown);
                    foreach (var d in onUnknown)
                    {
                        var node = d.Location.SourceTree!.GetRoot().FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true);
                        // A finding about a map key (a constant) may be shown at the entry even when its value is unknown.
                        var keyFinding = d.Properties.TryGetValue("locationPath", out var at) && d.Properties.TryGetValue("path", out var path)
                            && at != path && at is not null && at.EndsWith("]", StringComparison.Ordinal);
                        if (node.ToString() == "p" && !keyFinding)
                        {
                            failures.Add($"{name}: {d.Id} reported on an unknown value: {d.GetMessage(CultureInfo.InvariantCulture)}");
                        }
                    }
                }
            }
        }

        this.output.WriteLine($"{converted} DaemonSets compared, {skipped} skipped, {rulesSeen.Count} rule ids reported through the analyzer");
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches ({converted} documents compared, {skipped} skipped):\n" + string.Join("\n", failures.Take(40)));
        Assert.True(converted >= 150, $"only {converted} fixture DaemonSets could be written as C# ({skipped} skipped)");
        Assert.True(rulesSeen.Count >= 40, $"only {rulesSeen.Count} rule ids seen through the analyzer: {string.Join(",", rulesSeen.OrderBy(i => i))}");
    }

    private static bool IsCSharpRule(string id) => !id.StartsWith("DS2", StringComparison.Ordinal) && !id.StartsWith("DS9", StringComparison.Ordinal);

    private static (List<Diagnostic> CompileErrors, List<Diagnostic> Findings) Analyze(string body) =>
        KubernetesCompilation.Analyze("using System.Collections.Generic;\nusing k8s.Models;\npublic static class Manifests\n{\n    public static V1DaemonSet Build(string p) => " + body + ";\n}\n");
}
