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

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location);
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == frameworkDir)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(k8s.Models.V1DaemonSet).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();
    });

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

    private static (List<Diagnostic> CompileErrors, List<Diagnostic> Findings) Analyze(string body)
    {
        var source = "using System.Collections.Generic;\nusing k8s.Models;\npublic static class Manifests\n{\n    public static V1DaemonSet Build(string p) => " + body + ";\n}\n";
        var compilation = CSharpCompilation.Create(
            "Fixture",
            new[] { CSharpSyntaxTree.ParseText(source, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(LanguageVersion.Latest)) },
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var analyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DaemonSetAnalyzer()));
        var found = analyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Where(d => d.Id.StartsWith("DS", StringComparison.Ordinal)).ToList();
        return (errors, found);
    }

    /// <summary>Writes a node tree as a C# object creation of KubernetesClient models.</summary>
    private static class CSharpWriter
    {
        public static bool TryWrite(ManifestNode node, Type type, bool unknownStrings, out string code)
        {
            var sb = new StringBuilder();
            var ok = Write(node, type, unknownStrings, sb);
            code = sb.ToString();
            return ok;
        }

        private static bool Write(ManifestNode node, Type type, bool unknownStrings, StringBuilder sb)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            switch (node)
            {
                case ScalarNode { Type: ScalarType.Null }:
                    sb.Append("null");
                    return !t.IsValueType;
                case ScalarNode s when t == typeof(string):
                    if (s.Type != ScalarType.String)
                    {
                        return false;
                    }

                    sb.Append(unknownStrings ? "p" : SymbolDisplay.FormatLiteral(s.Raw, quote: true));
                    return true;
                case ScalarNode s when t == typeof(int) || t == typeof(long):
                    if (s.IntValue is not { } i || (t == typeof(int) && (i < int.MinValue || i > int.MaxValue)))
                    {
                        return false;
                    }

                    sb.Append(i.ToString(CultureInfo.InvariantCulture));
                    return true;
                case ScalarNode s when t == typeof(bool):
                    if (s.Type != ScalarType.Bool)
                    {
                        return false;
                    }

                    sb.Append(s.BoolValue ? "true" : "false");
                    return true;
                case ScalarNode s when t == typeof(double):
                    if (s.Type is not (ScalarType.Int or ScalarType.Float))
                    {
                        return false;
                    }

                    sb.Append(s.Number.ToString("R", CultureInfo.InvariantCulture)).Append('d');
                    return true;
                case ScalarNode s when t.Name == "IntOrString":
                    if (s.Type == ScalarType.Int && s.IntValue is { } iv && iv is >= int.MinValue and <= int.MaxValue)
                    {
                        sb.Append("(IntOrString)(").Append(iv.ToString(CultureInfo.InvariantCulture)).Append(')');
                        return true;
                    }

                    if (s.Type == ScalarType.String)
                    {
                        sb.Append("(IntOrString)").Append(SymbolDisplay.FormatLiteral(s.Raw, quote: true));
                        return true;
                    }

                    return false;
                case ScalarNode s when t.Name == "ResourceQuantity":
                    if (s.Type is not (ScalarType.String or ScalarType.Int or ScalarType.Float))
                    {
                        return false;
                    }

                    sb.Append("new ResourceQuantity(").Append(SymbolDisplay.FormatLiteral(s.Raw, quote: true)).Append(')');
                    return true;
                case MappingNode m when DictionaryValue(t) is { } valueType:
                    sb.Append("new Dictionary<string, ").Append(Name(valueType)).Append("> { ");
                    foreach (var e in m.Entries)
                    {
                        sb.Append('[').Append(SymbolDisplay.FormatLiteral(e.Key, quote: true)).Append("] = ");
                        if (!Write(e.Value, valueType, unknownStrings, sb))
                        {
                            return false;
                        }

                        sb.Append(", ");
                    }

                    sb.Append('}');
                    return true;
                case SequenceNode q when ListItem(t) is { } itemType:
                    sb.Append("new List<").Append(Name(itemType)).Append("> { ");
                    foreach (var item in q.Items)
                    {
                        if (!Write(item, itemType, unknownStrings, sb))
                        {
                            return false;
                        }

                        sb.Append(", ");
                    }

                    sb.Append('}');
                    return true;
                case MappingNode m when t.Namespace == "k8s.Models" && t.IsClass:
                    sb.Append("new ").Append(Name(t)).Append(" { ");
                    foreach (var e in m.Entries)
                    {
                        var prop = t.GetProperties().FirstOrDefault(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name == e.Key);
                        if (prop is null || !prop.CanWrite)
                        {
                            return false;
                        }

                        if (e.Value.IsNull)
                        {
                            continue;
                        }

                        sb.Append(prop.Name).Append(" = ");
                        if (!Write(e.Value, prop.PropertyType, unknownStrings, sb))
                        {
                            return false;
                        }

                        sb.Append(", ");
                    }

                    sb.Append('}');
                    return true;
                default:
                    return false;
            }
        }

        private static Type? DictionaryValue(Type t) =>
            t.IsGenericType && t.GetGenericTypeDefinition() is var g && (g == typeof(IDictionary<,>) || g == typeof(Dictionary<,>)) && t.GetGenericArguments()[0] == typeof(string)
                ? t.GetGenericArguments()[1] : null;

        private static Type? ListItem(Type t) =>
            t.IsGenericType && t.GetGenericTypeDefinition() is var g && (g == typeof(IList<>) || g == typeof(List<>) || g == typeof(IEnumerable<>) || g == typeof(ICollection<>))
                ? t.GetGenericArguments()[0] : null;

        private static string Name(Type t) =>
            Nullable.GetUnderlyingType(t) is { } u ? Name(u) + "?"
            : t == typeof(string) ? "string"
            : t == typeof(int) ? "int"
            : t == typeof(long) ? "long"
            : t == typeof(bool) ? "bool"
            : t == typeof(double) ? "double"
            : t.Namespace == "k8s.Models" && !t.IsGenericType ? t.Name
            : t.IsGenericType ? t.Namespace + "." + t.Name.Substring(0, t.Name.IndexOf('`')) + "<" + string.Join(", ", t.GetGenericArguments().Select(Name)) + ">"
            : t.FullName!;
    }
}
