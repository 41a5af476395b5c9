using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Rules;

namespace DaemonLint.Bench;

/// <summary>
/// <c>--gc</c>: the runtime's own GC events (via an in-process <see cref="EventListener"/>) while parsing each corpus, building
/// its trees, and validating it with no rules, with each rule group, and with every rule: how many collections of each generation, how many bytes
/// they promoted and how long they paused. It explains where Validate's GC time comes from.
/// </summary>
internal static class GcTrace
{
    public static void Run()
    {
        using var listener = new Listener();
        foreach (var kind in new[] { CorpusKind.Generated10k, CorpusKind.RealWorld })
        {
            var corpus = Corpus.Get(kind);
            var variants = new (string Name, ManifestValidator Validator)[]
            {
                ("no rules", new ManifestValidator(rules: Array.Empty<Rule>())),
                ("schema only", new ManifestValidator(rules: RuleSet.All.Where(r => r.Descriptor.Id.StartsWith("DS20", StringComparison.Ordinal)).ToArray())),
                ("all but schema", new ManifestValidator(rules: RuleSet.All.Where(r => !r.Descriptor.Id.StartsWith("DS20", StringComparison.Ordinal)).ToArray())),
                ("all rules", new ManifestValidator()),
            };
            if (Environment.GetEnvironmentVariable("DAEMONLINT_BENCH_GROUPS") is { Length: > 0 } groups)
            {
                // e.g. DS10,DS11,DS13,DS3,DS4: each group of rules alone, in situ (trees built by the same run).
                variants = groups.Split(',').Select(g => (g, new ManifestValidator(rules: RuleSet.All.Where(r => r.Descriptor.Id.StartsWith(g, StringComparison.Ordinal)).ToArray()))).Prepend(variants[0]).ToArray();
            }

            // The floors, measured the same way: the bare parse and the tree alone (no validation).
            Measure(kind, "parse only", corpus, listener, () => Parse(corpus));
            Measure(kind, "tree only", corpus, listener, () => Tree(corpus));
            foreach (var (name, validator) in variants)
            {
                Measure(kind, name, corpus, listener, () => Validate(corpus, validator));
            }

            // Every rule, but each object's findings dropped once it is validated, where a file's report keeps them all: what
            // keeping them costs the collections (a gen0 collection that does not promote copies what survives it again).
            var dropping = new ManifestValidator();
            Measure(kind, "findings dropped", corpus, listener, () => ValidateDroppingFindings(corpus, dropping));
        }
    }

    // Runs once to warm up, then once measured: CPU, bytes per document, collections, promotions and pauses.
    private static void Measure(CorpusKind kind, string name, Corpus corpus, Listener listener, Action run)
    {
        run();
        GC.Collect();
        listener.Reset();
        var alloc0 = GC.GetAllocatedBytesForCurrentThread();
        var pause0 = GC.GetTotalPauseDuration();
        var cpu0 = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        run();
        Report(kind, name, corpus, listener, alloc0, pause0, cpu0);
    }

    private static void Report(CorpusKind kind, string name, Corpus corpus, Listener listener, long alloc0, TimeSpan pause0, TimeSpan cpu0)
    {
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        var alloc = GC.GetAllocatedBytesForCurrentThread() - alloc0;
        var pause = GC.GetTotalPauseDuration() - pause0;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{kind,-12} {name,-15} CPU {cpu.TotalMilliseconds,7:N0} ms; {alloc / (double)corpus.Documents,9:N0} B/doc; GCs gen0/1/2 {listener.Count[0]}/{listener.Count[1]}/{listener.Count[2]}; promoted gen0→1 {listener.Promoted[0] / 1e6:N1} MB, gen1→2 {listener.Promoted[1] / 1e6:N1} MB; pauses {pause.TotalMilliseconds:N0} ms; gen0 budget ≈ {alloc / Math.Max(1, listener.Count.Sum()) / 1024:N0} KB"));
    }

    private static void Parse(Corpus corpus)
    {
        foreach (var f in corpus.Files)
        {
            GC.KeepAlive(ValidationBenchmarks.ParseAll(f.Text));
        }
    }

    private static void Tree(Corpus corpus)
    {
        foreach (var f in corpus.Files)
        {
            foreach (var doc in DaemonLint.Yaml.YamlManifestReader.ReadDocuments(f.Name, f.Text))
            {
                GC.KeepAlive(doc);
            }
        }
    }

    /// <summary>
    /// <c>--alloc</c>: the types the rules allocate (sampled by the runtime every ~100 KB), on prebuilt trees; <c>--alloc tree</c>:
    /// the types reading the trees allocates (the parser's own included).
    /// </summary>
    /// <param name="trees">Whether to sample the reading of the trees instead of the rules.</param>
    public static void Allocations(bool trees)
    {
        var corpus = Corpus.Get(CorpusKind.Generated10k);
        var objects = new List<DaemonLint.Model.ManifestObject>();
        using var listener = new Listener { Verbose = trees };
        foreach (var f in corpus.Files)
        {
            foreach (var doc in DaemonLint.Yaml.YamlManifestReader.ReadDocuments(f.Name, f.Text))
            {
                if (!trees)
                {
                    objects.AddRange(doc.Objects);
                }
            }
        }

        var validator = new ManifestValidator();
        listener.Verbose = !trees;
        var findings = new List<DaemonLint.Model.Finding>();
        foreach (var o in objects)
        {
            validator.ValidateObject(o, null, findings);
        }

        Console.WriteLine("sampled allocations by type (count of ~100 KB samples):");
        foreach (var (type, n) in listener.Types.OrderByDescending(kv => kv.Value).Take(40))
        {
            Console.WriteLine($"  {n,6} {type}");
        }
    }

    // Optimized at once: run twice, it would start in unoptimized code, which keeps every local alive to the method's end (the
    // document read last, while the next one is read) and so adds promotions of its own.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void ValidateDroppingFindings(Corpus corpus, ManifestValidator validator)
    {
        var findings = new List<DaemonLint.Model.Finding>();
        foreach (var f in corpus.Files)
        {
            foreach (var doc in DaemonLint.Yaml.YamlManifestReader.ReadDocuments(f.Name, new System.IO.StringReader(f.Text), null, kind => kind == "DaemonSet"))
            {
                foreach (var o in doc.Objects)
                {
                    validator.ValidateObject(o, null, findings);
                    findings.Clear();
                }
            }
        }
    }

    private static void Validate(Corpus corpus, ManifestValidator validator)
    {
        foreach (var f in corpus.Files)
        {
            GC.KeepAlive(validator.ValidateText(f.Name, f.Text));
        }
    }

    private sealed class Listener : EventListener
    {
        public int[] Count { get; } = new int[3];

        public long[] Promoted { get; } = new long[2];

        public bool Verbose { get; set; }

        public Dictionary<string, int> Types { get; } = new(StringComparer.Ordinal);

        public void Reset()
        {
            Array.Clear(this.Count);
            Array.Clear(this.Promoted);
        }

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                this.EnableEvents(source, EventLevel.Verbose, (EventKeywords)1); // GC keyword (verbose: allocation ticks)
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is null || e.Payload is null)
            {
                return;
            }

            if (e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal))
            {
                if (this.Verbose)
                {
                    var type = e.Payload[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
                    this.Types[type] = this.Types.TryGetValue(type, out var n) ? n + 1 : 1;
                }
            }
            else if (e.EventName.StartsWith("GCStart", StringComparison.Ordinal))
            {
                var depth = Convert.ToInt32(e.Payload[e.PayloadNames!.IndexOf("Depth")], CultureInfo.InvariantCulture);
                this.Count[Math.Min(depth, 2)]++;
            }
            else if (e.EventName.StartsWith("GCHeapStats", StringComparison.Ordinal))
            {
                this.Promoted[0] += Convert.ToInt64(e.Payload[e.PayloadNames!.IndexOf("TotalPromotedSize0")], CultureInfo.InvariantCulture);
                this.Promoted[1] += Convert.ToInt64(e.Payload[e.PayloadNames!.IndexOf("TotalPromotedSize1")], CultureInfo.InvariantCulture);
            }
        }
    }
}
