using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using DaemonLint.Model;
using DaemonLint.Schema;
using DaemonLint.Yaml;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace DaemonLint.Bench.SchemaComparison;

/// <summary>
/// The same real-world apps/v1 DaemonSets (../shared/corpus/real-world) validated against the same generated schema
/// (schemas/kubernetes.json): DaemonLint's tree walker on the source-mapped node tree, and NJsonSchema on typed JTokens.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[MaxColumn]
public class SchemaValidationBenchmarks
{
    private readonly List<string> texts = new();
    private List<ManifestObject> daemonSets = new();
    private List<JToken> tokens = new();
    private SchemaNode walkerSchema = null!;
    private JsonSchema njsonSchema = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRoot();
        var corpus = Path.GetFullPath(Path.Combine(root, "..", "shared", "corpus", "real-world"));
        foreach (var file in Directory.EnumerateFiles(corpus, "*.yaml").OrderBy(f => f, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var objects = YamlManifestReader.ReadDocuments(file, text).SelectMany(d => d.Objects).Where(o => o.IsAppsV1DaemonSet).ToList();
            if (objects.Count > 0)
            {
                this.texts.Add(text);
                this.daemonSets.AddRange(objects);
            }
        }

        this.tokens = this.daemonSets.Select(d => ToToken(d.Root)!).ToList();
        this.walkerSchema = SchemaSet.Kubernetes.ForKind("apps/v1", "DaemonSet")!;

        // NJsonSchema: the generated definitions with the DaemonSet definition as the root.
        var doc = JObject.Parse(File.ReadAllText(Path.Combine(root, "schemas", "kubernetes.json")));
        var definitions = (JObject)doc["definitions"]!;
        var schemaRoot = (JObject)definitions["io.k8s.api.apps.v1.DaemonSet"]!.DeepClone();
        schemaRoot["$schema"] = doc["$schema"];
        schemaRoot["definitions"] = definitions;
        this.njsonSchema = JsonSchema.FromJsonAsync(schemaRoot.ToString()).GetAwaiter().GetResult();
    }

    /// <summary>DaemonLint: walk the node tree the YAML front end built (no conversion).</summary>
    [Benchmark(Baseline = true)]
    public int Walker()
    {
        var n = 0;
        foreach (var ds in this.daemonSets)
        {
            n += SchemaValidator.Validate(ds.Root, this.walkerSchema).Count;
        }

        return n;
    }

    /// <summary>NJsonSchema on JTokens converted beforehand (validation only).</summary>
    [Benchmark]
    public int NJsonSchema_ValidateOnly()
    {
        var n = 0;
        foreach (var t in this.tokens)
        {
            n += this.njsonSchema.Validate(t).Count;
        }

        return n;
    }

    /// <summary>NJsonSchema including the node tree → typed JToken conversion it needs (and that loses positions).</summary>
    [Benchmark]
    public int NJsonSchema_ConvertAndValidate()
    {
        var n = 0;
        foreach (var ds in this.daemonSets)
        {
            n += this.njsonSchema.Validate(ToToken(ds.Root)!).Count;
        }

        return n;
    }

    /// <summary>For scale: reading the corpus files that hold those DaemonSets with the YAML front end.</summary>
    [Benchmark]
    public int ReadYaml()
    {
        var n = 0;
        foreach (var text in this.texts)
        {
            foreach (var d in YamlManifestReader.ReadDocuments(null, text))
            {
                n += d.Objects.Count;
            }
        }

        return n;
    }

    /// <summary>Correctness cross-check printed by <c>--check</c>.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        var schemaText = File.ReadAllText(Path.Combine(FindRoot(), "schemas", "kubernetes.json"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        SchemaSet.Parse(schemaText);
        var walkerLoad = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        SchemaSet.Parse(schemaText);
        var walkerLoadWarm = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        for (var k = 0; k < 10; k++)
        {
            SchemaSet.Parse(schemaText);
        }

        sb.AppendLine($"schema load (parse + compile): first {walkerLoad:F1} ms, second {walkerLoadWarm:F1} ms, warm {watch.Elapsed.TotalMilliseconds / 10:F1} ms ({schemaText.Length:N0} chars)");
        sb.AppendLine($"DaemonSets: {this.daemonSets.Count} (from {this.texts.Count} files, {this.texts.Sum(t => t.Length):N0} chars)");
        sb.AppendLine($"walker issues on the corpus: {this.Walker()}");
        var errors = this.tokens.SelectMany(t => this.njsonSchema.Validate(t)).ToList();
        sb.AppendLine($"NJsonSchema errors on the corpus: {errors.Count}");
        foreach (var e in errors.Take(10))
        {
            sb.AppendLine($"  {e.Kind} {e.Path}");
        }

        sb.AppendLine($"stopwatch medians over 31 rounds: walker {Median(() => this.Walker()):F3} ms, NJsonSchema validate-only {Median(() => this.NJsonSchema_ValidateOnly()):F3} ms, convert+validate {Median(() => this.NJsonSchema_ConvertAndValidate()):F3} ms, read YAML {Median(() => this.ReadYaml()):F3} ms");

        // One seeded mistake of each kind, both ways.
        var bad = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: x, labels: {enabled: yes}}
            spec:
              templateGeneration: 1
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec:
                  containers:
                    - {name: c, image: i, ports: [{containerPort: "80"}], imagePullPolice: Always}
            """;
        var obj = YamlManifestReader.ReadDocuments(null, bad).SelectMany(d => d.Objects).Single();
        sb.AppendLine("seeded mistakes, walker:");
        foreach (var i in SchemaValidator.Validate(obj.Root, this.walkerSchema))
        {
            sb.AppendLine($"  {i.Kind} {i.Path}");
        }

        sb.AppendLine("seeded mistakes, NJsonSchema:");
        foreach (var e in this.njsonSchema.Validate(ToToken(obj.Root)!))
        {
            sb.AppendLine($"  {e.Kind} {e.Path}");
        }

        return sb.ToString();
    }

    /// <summary>Converts a node tree to typed JSON the way sigs.k8s.io/yaml would: YAML 1.1 types kept, nulls dropped (= absent).</summary>
    private static JToken? ToToken(ManifestNode node)
    {
        switch (node)
        {
            case MappingNode m:
                var o = new JObject();
                foreach (var e in m.Entries)
                {
                    var v = ToToken(e.Value);
                    if (v is not null)
                    {
                        o[e.Key] = v;
                    }
                }

                return o;
            case SequenceNode s:
                var a = new JArray();
                foreach (var i in s.Items)
                {
                    var v = ToToken(i);
                    if (v is not null)
                    {
                        a.Add(v);
                    }
                }

                return a;
            case ScalarNode { Type: ScalarType.Null }:
                return null;
            case ScalarNode { Type: ScalarType.Bool } b:
                return new JValue(b.BoolValue);
            case ScalarNode { Type: ScalarType.Int } i:
                return new JValue(i.IntValue!.Value);
            case ScalarNode { Type: ScalarType.Float } f:
                return new JValue(f.Number);
            case ScalarNode str:
                return new JValue(str.Raw);
            default:
                return null;
        }
    }

    private static double Median(Func<int> action)
    {
        for (var i = 0; i < 3; i++)
        {
            action();
        }

        var times = new double[31];
        var watch = new System.Diagnostics.Stopwatch();
        for (var i = 0; i < times.Length; i++)
        {
            watch.Restart();
            action();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[times.Length / 2];
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lint.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Lint.sln not found above " + AppContext.BaseDirectory);
    }
}
