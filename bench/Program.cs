using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Running;
using DaemonLint.Engine;

namespace DaemonLint.Bench;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench -- --filter '*'</c>. Other modes: <c>--stats</c> describes the
/// corpora, <c>--profile [rounds] [--phases]</c> splits the time by phase and by rule (by phase only with <c>--phases</c>), <c>--slopes [maxN] [field]</c> is the cost budget (time against input size, per input and per rule), <c>--cost FIELD VARIANT N...</c> times one input at given sizes, <c>--dump [N]</c> writes the first N generated DaemonSets (the benchmark's
/// text for N = 10,000), <c>--release-ratio [rounds] [corpus]</c> compares Validate for the default release and for 1.31, interleaved.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line.</summary>
    /// <param name="args">BenchmarkDotNet's arguments, <c>--stats</c>, <c>--profile [rounds]</c> or <c>--dump [N]</c>.</param>
    /// <returns>The exit code.</returns>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--stats")
        {
            PrintStats();
            return 0;
        }

        if (args.Length > 0 && args[0] == "--slopes")
        {
            // The cost budget: --slopes [maxN] [field]; exits with 1 when a field's slope is above the budget.
            return CostBudget.Run(args);
        }

        if (args.Length > 0 && args[0] == "--cost")
        {
            // One input at given sizes, timed once each: --cost FIELD VARIANT N...
            return CostBudget.Cost(args);
        }

        if (args.Length > 0 && args[0] == "--profile")
        {
            Profile.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7, eachRule: !args.Contains("--phases"));
            return 0;
        }

        if (args.Length > 1 && args[0] == "--run")
        {
            // One phase in a loop, for an external profiler: --run Validate|TreeOnly|BlockTree|Parse|RulesOnly|NoRules|Schema [times] [RealWorld]
            // (on trees built once: RulesOnly every rule, NoRules the engine with no rule on, Schema the schema walk alone).
            var bench = new ValidationBenchmarks { Corpus = args.Contains("RealWorld") ? CorpusKind.RealWorld : CorpusKind.Generated10k };
            bench.Setup();
            Func<long> phase = args[1] switch { "Parse" => bench.BareParse, "TreeOnly" => bench.TreeOnly, "BlockTree" => bench.BlockTree, "NoRules" or "RulesOnly" => EngineOnBuiltTrees(args[1] == "NoRules", args.Contains("RealWorld")), "Schema" => SchemaOnBuiltTrees(args.Contains("RealWorld")), _ => bench.Validate };
            var times = args.Length > 2 && int.TryParse(args[2], out var t) ? t : 3;
            for (var i = 0; i < times; i++)
            {
                GC.KeepAlive(phase());
            }

            return 0;
        }

        if (args.Length > 0 && args[0] == "--alloc")
        {
            GcTrace.Allocations(trees: args.Length > 1 && args[1] == "tree");
            return 0;
        }

        if (args.Length > 0 && args[0] == "--gc")
        {
            GcTrace.Run();
            return 0;
        }

        if (args.Length > 0 && args[0] == "--release-ratio")
        {
            var only = args.Skip(1).Where(a => Enum.GetNames<CorpusKind>().Contains(a)).Select(a => Enum.Parse<CorpusKind>(a)).ToArray();
            ReleaseRatio(args.Length > 1 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 9, only.Length > 0 ? only : new[] { CorpusKind.Generated10k, CorpusKind.RealWorld });
            return 0;
        }

        if (args.Length > 0 && args[0] == "--dump")
        {
            var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Corpus.GeneratedCount;
            Console.Out.Write(CorpusGenerator.Generate(count));
            return 0;
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    // The engine on trees built once (Profile's RulesOnly phase), with every rule or with none.
    private static Func<long> EngineOnBuiltTrees(bool noRules, bool realWorld)
    {
        var objects = BuiltTrees(realWorld);
        var validator = noRules ? new ManifestValidator(rules: Array.Empty<Rule>()) : new ManifestValidator();
        return () => Profile.RunRules(validator, objects);
    }

    private static List<Model.ManifestObject> BuiltTrees(bool realWorld) =>
        Profile.BuildObjects(Corpus.Get(realWorld ? CorpusKind.RealWorld : CorpusKind.Generated10k));

    // The schema walk alone on trees built once: prints the nodes walked per object once.
    private static Func<long> SchemaOnBuiltTrees(bool realWorld)
    {
        var objects = BuiltTrees(realWorld);
        static long Count(Model.ManifestNode n) => 1 + n switch
        {
            Model.MappingNode m => m.Entries.Sum(e => Count(e.Value)),
            Model.SequenceNode q => q.Items.Sum(Count),
            _ => 0,
        };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{objects.Sum(o => Count(o.Root)) / (double)objects.Count:N1} nodes per object"));
        return () =>
        {
            long issues = 0;
            foreach (var o in objects)
            {
                issues += Rules.Support.SchemaConformanceRule.Walk(o, Releases.KubernetesRelease.Default).Count;
            }

            return issues;
        };
    }

    // --release-ratio [rounds]: Parse, Validate (default release) and Validate (1.31) interleaved round by round on each
    // corpus, medians reported. Interleaving keeps a busy machine's drift out of the ratio between the two releases.
    private static void ReleaseRatio(int rounds, CorpusKind[] corpora)
    {
        foreach (var kind in corpora)
        {
            var bench = new ValidationBenchmarks { Corpus = kind };
            bench.Setup();
            var phases = new (string Name, Func<long> Run)[] { ("Parse", bench.BareParse), ("Validate", bench.Validate), ("Validate 1.31", bench.ValidateOlderRelease) };
            var times = phases.Select(_ => new List<double>()).ToArray();
            foreach (var p in phases)
            {
                GC.KeepAlive(p.Run()); // warm up
            }

            for (var r = 0; r < rounds; r++)
            {
                for (var i = 0; i < phases.Length; i++)
                {
                    GC.Collect();
                    var sw = System.Diagnostics.Stopwatch.StartNew();
                    GC.KeepAlive(phases[i].Run());
                    times[i].Add(sw.Elapsed.TotalMilliseconds);
                }
            }

            var medians = times.Select(t => t.OrderBy(x => x).ElementAt(t.Count / 2)).ToArray();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{kind}: medians of {rounds} interleaved rounds: Parse {medians[0]:N1} ms, Validate {medians[1]:N1} ms ({medians[1] / medians[0]:N2}x Parse), Validate 1.31 {medians[2]:N1} ms ({medians[2] / medians[0]:N2}x Parse; {medians[2] / medians[1]:N3}x Validate)"));
        }
    }

    private static void PrintStats()
    {
        var validator = new ManifestValidator();
        foreach (var kind in new[] { CorpusKind.Generated10k, CorpusKind.RealWorld })
        {
            var corpus = Corpus.Get(kind);
            var objects = 0;
            var daemonSets = 0;
            var byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var nodes = new long[4]; // scalars, mappings, sequences, mapping entries
            foreach (var f in corpus.Files)
            {
                foreach (var doc in DaemonLint.Yaml.YamlManifestReader.ReadDocuments(f.Name, f.Text))
                {
                    foreach (var o in doc.Objects)
                    {
                        CountNodes(o.Root, nodes);
                    }
                }

                var report = validator.ValidateText(f.Name, f.Text);
                objects += report.Objects;
                daemonSets += report.DaemonSets;
                foreach (var finding in report.Findings)
                {
                    byRule[finding.RuleId] = byRule.TryGetValue(finding.RuleId, out var n) ? n + 1 : 1;
                }
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{kind}: {corpus.Files.Count} file(s), {corpus.Utf8Bytes:N0} UTF-8 bytes, {corpus.Documents:N0} documents, {objects:N0} objects, {daemonSets:N0} DaemonSet-like, {byRule.Values.Sum():N0} findings"));
            Console.WriteLine("  by rule: " + string.Join(", ", byRule.Select(kv => $"{kv.Key} {kv.Value}")));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  tree nodes per document: {nodes[0] / (double)corpus.Documents:N0} scalars, {nodes[1] / (double)corpus.Documents:N0} mappings, {nodes[2] / (double)corpus.Documents:N0} sequences, {nodes[3] / (double)corpus.Documents:N0} mapping entries"));
        }
    }

    private static void CountNodes(DaemonLint.Model.ManifestNode node, long[] counts)
    {
        switch (node)
        {
            case DaemonLint.Model.ScalarNode:
                counts[0]++;
                break;
            case DaemonLint.Model.MappingNode m:
                counts[1]++;
                counts[3] += m.Count;
                foreach (var e in m.Entries)
                {
                    CountNodes(e.Value, counts);
                }

                break;
            case DaemonLint.Model.SequenceNode q:
                counts[2]++;
                foreach (var i in q.Items)
                {
                    CountNodes(i, counts);
                }

                break;
        }
    }
}
