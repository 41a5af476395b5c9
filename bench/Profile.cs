using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules;
using DaemonLint.Yaml;

namespace DaemonLint.Bench;

/// <summary>
/// <c>--profile [rounds]</c>: a Stopwatch split of where validation time goes, complementing BenchmarkDotNet on a
/// shared, noisy machine. Each round times Parse, TreeOnly (YamlDotNet's events), BlockTree (BlockYamlReader), Validate and the rules alone (on trees built once) back to
/// back, so load from other processes hits them alike; medians over the rounds of wall time and of process CPU time
/// (which waiting for a core does not inflate; it includes the GC's background thread) are printed, then each rule alone.
/// </summary>
internal static class Profile
{
    public static void Run(int rounds, bool eachRule = true)
    {
        foreach (var kind in new[] { CorpusKind.Generated10k, CorpusKind.RealWorld })
        {
            var corpus = Corpus.Get(kind);
            var bench = new ValidationBenchmarks { Corpus = kind };
            bench.Setup();
            var objects = BuildObjects(corpus);
            var all = new ManifestValidator();

            var phases = new (string Name, Func<long> Run)[]
            {
                ("Parse", bench.BareParse),
                ("TreeOnly", bench.TreeOnly),
                ("BlockTree", bench.BlockTree),
                ("Validate", bench.Validate),
                ("RulesOnly", () => RunRules(all, objects)),
            };
            var times = phases.ToDictionary(p => p.Name, _ => new List<double>());
            var cpu = phases.ToDictionary(p => p.Name, _ => new List<double>());
            var pauses = phases.ToDictionary(p => p.Name, _ => new List<double>());
            var allocated = phases.ToDictionary(p => p.Name, _ => 0L);
            var collections = phases.ToDictionary(p => p.Name, _ => new double[3]);
            // Warm up (JIT, tiering), and repeat short phases so that one measurement lasts about 300 ms:
            // process CPU time on Linux advances in 10 ms ticks.
            var reps = new Dictionary<string, int>();
            foreach (var p in phases)
            {
                p.Run();
                var once = Time(p.Run);
                reps[p.Name] = Math.Max(1, (int)Math.Ceiling(300 / Math.Max(once, 0.01)));
            }

            for (var r = 0; r < rounds; r++)
            {
                foreach (var p in phases)
                {
                    var pause0 = GC.GetTotalPauseDuration();
                    var alloc0 = GC.GetAllocatedBytesForCurrentThread();
                    var n = reps[p.Name];
                    var gcs0 = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
                    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                    times[p.Name].Add(Time(() => Repeat(p.Run, n)) / n);
                    cpu[p.Name].Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / n);
                    allocated[p.Name] = (GC.GetAllocatedBytesForCurrentThread() - alloc0) / n;
                    pauses[p.Name].Add((GC.GetTotalPauseDuration() - pause0).TotalMilliseconds / n);
                    for (var g = 0; g < 3; g++)
                    {
                        // GC.CollectionCount(g) counts collections of generation g or older: keep each generation's own count.
                        collections[p.Name][g] = (GC.CollectionCount(g) - gcs0[g] - (g < 2 ? GC.CollectionCount(g + 1) - gcs0[g + 1] : 0)) / (double)n;
                    }
                }
            }

            var parse = Median(times["Parse"]);
            var parseCpu = Median(cpu["Parse"]);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{kind}: {corpus.Documents:N0} documents, {objects.Count:N0} objects, medians of {rounds} interleaved rounds (per operation; repeats per measurement: {string.Join(", ", reps.Select(kv => kv.Key + " " + kv.Value))})"));
            foreach (var p in phases)
            {
                var m = Median(times[p.Name]);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {p.Name,-10} wall {m,9:N1} ms {m / parse,5:N2}x Parse (min {times[p.Name].Min(),8:N1}, max {times[p.Name].Max(),8:N1}); CPU {Median(cpu[p.Name]),9:N1} ms {Median(cpu[p.Name]) / parseCpu,5:N2}x; GC pauses {Median(pauses[p.Name]),7:N1} ms; {allocated[p.Name] / (double)corpus.Documents,8:N0} B/doc; GCs gen0/1/2 {collections[p.Name][0]:N0}/{collections[p.Name][1]:N0}/{collections[p.Name][2]:N0}"));
            }

            // Each round times Validate right after Parse: the median of the rounds' own ratios moves less with the machine's load.
            var paired = Median(Enumerable.Range(0, rounds).Select(r => cpu["Validate"][r] / cpu["Parse"][r]).ToList());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Validate / Parse CPU, the median of the rounds' own ratios: {paired:N2}x"));

            if (!eachRule)
            {
                continue;
            }

            // In situ: every rule together on the built trees, each timed around its Check (shared values are then
            // computed once, by the first rule that asks, and charged to it).
            var timed = RuleSet.All.Select(r => new TimedRule(r)).ToArray();
            var together = new ManifestValidator(rules: timed);
            RunRules(together, objects);
            foreach (var t in timed)
            {
                t.Ticks = 0;
            }

            for (var r = 0; r < rounds; r++)
            {
                RunRules(together, objects);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  all rules together, time inside each Check (ms per run, {rounds} runs):"));
            foreach (var t in timed.OrderByDescending(t => t.Ticks).Take(40))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {t.Descriptor.Id} {t.Inner.GetType().Name,-41} {t.Ticks * 1000.0 / Stopwatch.Frequency / rounds,8:N2} ms"));
            }

            Console.WriteLine("  each rule alone on the built trees (median ms, allocated bytes per document):");
            var perRule = new List<(string Id, string Name, double Ms, long Bytes)>();
            foreach (var rule in RuleSet.All)
            {
                var one = new ManifestValidator(rules: new[] { rule });
                RunRules(one, objects);
                var t = new List<double>();
                for (var r = 0; r < rounds; r++)
                {
                    t.Add(Time(() => RunRules(one, objects)));
                }

                var before = GC.GetAllocatedBytesForCurrentThread();
                RunRules(one, objects);
                perRule.Add((rule.Descriptor.Id, rule.GetType().Name, Median(t), GC.GetAllocatedBytesForCurrentThread() - before));
            }

            var none = new ManifestValidator(rules: Array.Empty<Rule>());
            RunRules(none, objects);
            var overhead = Median(Enumerable.Range(0, rounds).Select(_ => Time(() => RunRules(none, objects))).ToList());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {"(no rules: classify, context, findings)",-48} {overhead,8:N2}"));
            foreach (var (id, name, ms, bytes) in perRule.OrderByDescending(x => x.Ms))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {id} {name,-41} {ms,8:N2} ms {bytes / (double)corpus.Documents,9:N0} B/doc"));
            }
        }
    }

    internal static List<ManifestObject> BuildObjects(Corpus corpus)
    {
        var list = new List<ManifestObject>();
        foreach (var f in corpus.Files)
        {
            foreach (var doc in YamlManifestReader.ReadDocuments(f.Name, f.Text))
            {
                list.AddRange(doc.Objects);
            }
        }

        return list;
    }

    internal static long RunRules(ManifestValidator validator, List<ManifestObject> objects)
    {
        var findings = new List<Finding>();
        foreach (var o in objects)
        {
            validator.ValidateObject(o, null, findings);
        }

        return findings.Count;
    }

    private static long Repeat(Func<long> run, int n)
    {
        long sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += run();
        }

        return sum;
    }

    private static double Time(Func<long> run)
    {
        var sw = Stopwatch.StartNew();
        GC.KeepAlive(run());
        return sw.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> xs)
    {
        var s = xs.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
    }

    private sealed class TimedRule : Rule
    {
        public TimedRule(Rule inner)
            : base(inner.Descriptor) => this.Inner = inner;

        public Rule Inner { get; }

        public long Ticks { get; set; }

        public override RuleTarget Target => this.Inner.Target;

        public override void Check(RuleContext context)
        {
            var t0 = Stopwatch.GetTimestamp();
            this.Inner.Check(context);
            this.Ticks += Stopwatch.GetTimestamp() - t0;
        }
    }
}
