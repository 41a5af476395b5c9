using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using DaemonLint.Parity.Compare;
using DaemonLint.Parity.Generation;
using DaemonLint.Parity.Oracle;
using DaemonLint.Parity.Schema;

namespace DaemonLint.Parity;

/// <summary>What a run does.</summary>
internal sealed class HarnessOptions
{
    /// <summary>Gets or sets the repository root (the folder holding Lint.sln).</summary>
    public string RepoRoot { get; set; } = string.Empty;

    /// <summary>Gets or sets the oracle binary.</summary>
    public string OraclePath { get; set; } = string.Empty;

    /// <summary>Gets or sets the OpenAPI v3 document of apps/v1.</summary>
    public string SchemaPath { get; set; } = string.Empty;

    /// <summary>Gets or sets the real-world corpus folder, or null.</summary>
    public string? CorpusPath { get; set; }

    /// <summary>Gets or sets the run seed.</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>Gets or sets the number of mutants (create and update together).</summary>
    public int Count { get; set; } = 20000;

    /// <summary>Gets or sets a value indicating whether update mutants are made too.</summary>
    public bool Update { get; set; }

    /// <summary>Gets or sets the share of update mutants when <see cref="Update"/> is set.</summary>
    public double UpdateShare { get; set; } = 0.35;

    /// <summary>Gets or sets the cluster the comparison assumes.</summary>
    public ClusterSettings Cluster { get; set; } = new(null, null);

    /// <summary>Gets or sets the folder reports, reproducers and work files go to.</summary>
    public string OutDir { get; set; } = string.Empty;

    /// <summary>Gets or sets the cited known differences file.</summary>
    public string KnownDifferencesPath { get; set; } = string.Empty;

    /// <summary>Gets or sets the upstream function map file.</summary>
    public string UpstreamMapPath { get; set; } = string.Empty;

    /// <summary>Gets or sets the number of documents per oracle call.</summary>
    public int ChunkSize { get; set; } = 2500;

    /// <summary>Gets or sets the number of documents per mutant file.</summary>
    public int DocsPerFile { get; set; } = 250;

    /// <summary>Gets or sets how many of the smallest seeds each group's mutation is tried on for a smaller reproducer (0: none).</summary>
    public int MinimizeSeeds { get; set; } = 12;

    /// <summary>Gets or sets the number of oracle processes run at once.</summary>
    public int OracleProcesses { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Gets or sets a value indicating whether to keep the mutant files after the run.</summary>
    public bool KeepMutants { get; set; }

    /// <summary>Gets or sets the progress writer, or null.</summary>
    public TextWriter? Log { get; set; }

    /// <summary>Default options for a repository: the v1.32 oracle and OpenAPI in <c>../shared</c>, the cited data beside the harness.</summary>
    public static HarnessOptions ForRepository(string repoRoot, string? kubernetesVersion = null)
    {
        var shared = Path.GetFullPath(Path.Combine(repoRoot, "..", "shared"));
        var version = kubernetesVersion ?? "1.32";
        var data = Path.Combine(AppContext.BaseDirectory, "Data");
        return new HarnessOptions
        {
            RepoRoot = repoRoot,
            OraclePath = version == "1.31" ? Path.Combine(shared, "oracle", "daemonset-oracle") : Path.Combine(shared, "oracle", "v" + version, "daemonset-oracle"),
            SchemaPath = Path.Combine(shared, "k8s-openapi", "v3", version, "apps-v1.json"),
            CorpusPath = Path.Combine(shared, "corpus", "real-world"),
            KnownDifferencesPath = Path.Combine(data, "known-differences.json"),
            UpstreamMapPath = Path.Combine(data, "upstream-functions.json"),
            OutDir = Path.Combine(repoRoot, "artifacts", "parity"),
            Cluster = new ClusterSettings(version, null),
        };
    }
}

/// <summary>A document the two tools disagree on.</summary>
internal sealed class Disagreement
{
    /// <summary>Gets or sets the mutant (its text only kept while it is a group's reproducer).</summary>
    public Mutant Mutant { get; set; } = null!;

    /// <summary>Gets or sets the comparison.</summary>
    public DocComparison Comparison { get; set; } = null!;
}

/// <summary>Disagreements that share a direction, a normalized path and a type.</summary>
internal sealed class Group
{
    /// <summary>Gets or sets <c>oracle-only</c> (the core missed or misplaced it) or <c>core-only</c> (the core reported it alone).</summary>
    public string Direction { get; set; } = string.Empty;

    /// <summary>Gets or sets the normalized path.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets the type.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>Gets or sets the upstream function.</summary>
    public string Function { get; set; } = string.Empty;

    /// <summary>Gets or sets the number of documents.</summary>
    public int Documents { get; set; }

    /// <summary>Gets the documents per category.</summary>
    public Dictionary<Category, int> ByCategory { get; } = new();

    /// <summary>Gets or sets the number of update documents.</summary>
    public int Updates { get; set; }

    /// <summary>Gets the core rule ids involved (core-only: the rule that reported; oracle-only: rules the core reported on those documents at the same path).</summary>
    public SortedSet<string> Rules { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the mutation classes that produced it.</summary>
    public Dictionary<string, int> Classes { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets up to three distinct messages of the item.</summary>
    public List<string> Messages { get; } = new();

    /// <summary>Gets or sets the smallest example.</summary>
    public Disagreement? Example { get; set; }

    /// <summary>Gets or sets the item of the example.</summary>
    public Item? ExampleItem { get; set; }

    /// <summary>Gets or sets the reproducer file name (relative to the report).</summary>
    public string? Reproducer { get; set; }

    /// <summary>Gets the group key.</summary>
    public string Key => this.Direction + "|" + this.Type + "|" + this.Path;
}

/// <summary>What a run found.</summary>
internal sealed class HarnessResult
{
    /// <summary>Gets or sets the oracle version line.</summary>
    public string OracleVersion { get; set; } = string.Empty;

    /// <summary>Gets or sets the options.</summary>
    public HarnessOptions Options { get; set; } = null!;

    /// <summary>Gets or sets the candidate seeds found.</summary>
    public int SeedsFound { get; set; }

    /// <summary>Gets the seeds the oracle rejects (dropped), with its first error.</summary>
    public List<(string Origin, string Why)> SeedsOracleRejected { get; } = new();

    /// <summary>Gets the seeds the core rejects although the oracle accepts them (disagreements; not mutated).</summary>
    public List<(Seed Seed, DocComparison Comparison)> SeedsCoreRejected { get; } = new();

    /// <summary>Gets or sets the seeds used.</summary>
    public int SeedsUsed { get; set; }

    /// <summary>Gets or sets the create mutants compared.</summary>
    public int Creates { get; set; }

    /// <summary>Gets or sets the update mutants compared.</summary>
    public int Updates { get; set; }

    /// <summary>Gets or sets the update mutants whose stored version the oracle could not store (not compared).</summary>
    public int OldUnstorable { get; set; }

    /// <summary>Gets or sets the documents the oracle does not judge (not a DaemonSet kind) but the core checks.</summary>
    public int OracleSkipped { get; set; }

    /// <summary>Gets or sets the documents neither tool treats as a DaemonSet.</summary>
    public int SkippedByBoth { get; set; }

    /// <summary>Gets the documents per category.</summary>
    public Dictionary<Category, int> ByCategory { get; } = Enum.GetValues<Category>().ToDictionary(c => c, _ => 0);

    /// <summary>Gets how many documents each known difference explained.</summary>
    public Dictionary<string, int> KnownUsed { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the groups.</summary>
    public Dictionary<string, Group> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the disagreements (mutant texts dropped).</summary>
    public List<Disagreement> Disagreements { get; } = new();

    /// <summary>Gets or sets the known differences in force.</summary>
    public KnownDifferences Known { get; set; } = KnownDifferences.None;

    /// <summary>Gets or sets the create operations in the generator.</summary>
    public int CreateOperations { get; set; }

    /// <summary>Gets or sets the update operations in the generator.</summary>
    public int UpdateOperations { get; set; }

    /// <summary>Gets or sets the distinct mutation ids exercised.</summary>
    public int DistinctMutations { get; set; }

    /// <summary>Gets or sets the wall time.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>Gets or sets the time spent waiting for the oracle.</summary>
    public TimeSpan OracleTime { get; set; }

    /// <summary>Gets or sets the time spent in the core.</summary>
    public TimeSpan CoreTime { get; set; }

    /// <summary>Gets or sets the time spent looking for smaller reproducers.</summary>
    public TimeSpan MinimizeTime { get; set; }

    /// <summary>Gets or sets the time spent generating.</summary>
    public TimeSpan GenerateTime { get; set; }

    /// <summary>Gets or sets the release and gates the core validated with.</summary>
    public string? CoreNote { get; set; }

    /// <summary>Gets the number of disagreeing documents (seeds included).</summary>
    public int DisagreementCount => this.ByCategory[Category.Missed] + this.ByCategory[Category.False] + this.ByCategory[Category.Different];
}

/// <summary>The differential harness: seeds, mutants, the oracle and the core on the same documents, the comparison.</summary>
internal static class Harness
{
    /// <summary>Runs the harness.</summary>
    public static HarnessResult Run(HarnessOptions o)
    {
        var clock = Stopwatch.StartNew();
        var result = new HarnessResult { Options = o };
        var oracle = new OracleRunner(o.OraclePath, o.Cluster.FeatureGates, o.Cluster.Namespace, o.Cluster.AllowPrivileged);
        result.OracleVersion = oracle.Version();
        var minor = System.Text.RegularExpressions.Regex.Match(result.OracleVersion, @"k8s\.io/kubernetes v(\d+\.\d+)") is { Success: true } mv ? mv.Groups[1].Value : null;
        result.Known = KnownDifferences.Load(o.KnownDifferencesPath, minor);
        var upstream = UpstreamMap.Load(o.UpstreamMapPath);
        var core = new CoreHost(o.Cluster);
        result.CoreNote = core.Settings;
        var schema = OpenApiSchema.Load(o.SchemaPath);
        var work = Path.Combine(o.OutDir, "work");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(work);

        // 1. Seeds: every candidate through the oracle; those it rejects are dropped. Those the core rejects are
        //    disagreements themselves and are not mutated (every mutant would repeat the same false error).
        var candidates = Seeds.Read(Seeds.Files(o.RepoRoot, o.CorpusPath), o.RepoRoot);
        result.SeedsFound = candidates.Count;
        var seedFile = Path.Combine(work, "seeds.yaml");
        File.WriteAllText(seedFile, string.Join("---\n", candidates.Select(s => s.Text)));
        var seedResults = oracle.Run(work, new[] { "seeds.yaml" }, null).Where(r => r.Item is null).ToDictionary(r => r.Doc);
        var seeds = new List<Seed>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var s = candidates[i];
            seedResults.TryGetValue(i, out var r);
            if (r is null || r.Rejects)
            {
                var why = r is null ? "not read as a DaemonSet" : Comparer.OracleItems(r).Select(x => $"{x.Type} {x.Path}".Trim()).FirstOrDefault() ?? "rejected";
                result.SeedsOracleRejected.Add((s.Origin, why));
                continue;
            }

            var c = core.Validate("seed.yaml", s.Text, null, null);
            var cmp = Comparer.Compare(r, c.Findings, result.Known, p => Trees.ValueAt(s.Document, p));
            if (cmp.Disagrees)
            {
                result.SeedsCoreRejected.Add((s, cmp));
                result.ByCategory[cmp.Category]++;
                var m = new Mutant { Id = "seed" + i, Seed = s, MutationId = "seed", Class = "seed", Target = string.Empty, Description = "the seed itself, unchanged", Document = s.Document, Text = s.Text };
                Record(result, upstream, m, cmp);
                continue;
            }

            seeds.Add(s);
        }

        result.SeedsUsed = seeds.Count;
        o.Log?.WriteLine($"seeds: {result.SeedsFound} found, {result.SeedsOracleRejected.Count} rejected by the oracle, {result.SeedsCoreRejected.Count} rejected by the core only, {seeds.Count} used");

        var generator = new Generator(schema, seeds, o.Seed);
        result.CreateOperations = generator.CreateOperations.Count;
        result.UpdateOperations = generator.UpdateOperations.Count + generator.CuratedUpdates.Count;
        var updateCount = o.Update ? (int)Math.Round(o.Count * o.UpdateShare) : 0;
        var createCount = o.Count - updateCount;
        var distinct = new HashSet<string>(StringComparer.Ordinal);

        for (var start = 0; start < createCount; start += o.ChunkSize)
        {
            var n = Math.Min(o.ChunkSize, createCount - start);
            RunChunk(o, result, upstream, oracle, core, work, generator, start, n, update: false, distinct);
            o.Log?.WriteLine($"create {start + n}/{createCount}: {result.DisagreementCount} disagreements so far ({clock.Elapsed.TotalSeconds:F0} s)");
        }

        for (var start = 0; start < updateCount; start += o.ChunkSize)
        {
            var n = Math.Min(o.ChunkSize, updateCount - start);
            RunChunk(o, result, upstream, oracle, core, work, generator, start, n, update: true, distinct);
            o.Log?.WriteLine($"update {start + n}/{updateCount}: {result.DisagreementCount} disagreements so far ({clock.Elapsed.TotalSeconds:F0} s)");
        }

        result.DistinctMutations = distinct.Count;
        if (o.MinimizeSeeds > 0)
        {
            var clockMin = Stopwatch.StartNew();
            Minimize(o, result, oracle, core, work, seeds);
            result.MinimizeTime = clockMin.Elapsed;
        }

        if (!o.KeepMutants)
        {
            Directory.Delete(work, recursive: true);
        }

        result.Elapsed = clock.Elapsed;
        return result;
    }

    /// <summary>Compares given files (each document; <c>--baseline</c> for updates) and returns the comparisons.</summary>
    public static List<(string File, int Doc, OracleResult? Oracle, CoreResult Core, DocComparison Comparison)> CompareFiles(HarnessOptions o, IReadOnlyList<string> files, string? baseline)
    {
        var oracle = new OracleRunner(o.OraclePath, o.Cluster.FeatureGates, o.Cluster.Namespace, o.Cluster.AllowPrivileged);
        var version = oracle.Version();
        var minor = System.Text.RegularExpressions.Regex.Match(version, @"k8s\.io/kubernetes v(\d+\.\d+)") is { Success: true } mv ? mv.Groups[1].Value : null;
        var known = KnownDifferences.Load(o.KnownDifferencesPath, minor);
        var core = new CoreHost(o.Cluster);
        var full = files.Select(Path.GetFullPath).ToList();
        var results = oracle.Run(Directory.GetCurrentDirectory(), full, baseline is null ? null : Path.GetFullPath(baseline));
        var byDoc = results.Where(r => r.Item is null).GroupBy(r => (Path.GetFullPath(r.File), r.Doc)).ToDictionary(g => g.Key, g => g.First());
        var list = new List<(string, int, OracleResult?, CoreResult, DocComparison)>();
        var oldText = baseline is null ? null : File.ReadAllText(baseline);
        foreach (var f in full)
        {
            var text = File.ReadAllText(f);
            var docs = SplitDocuments(text);
            for (var d = 0; d < docs.Count; d++)
            {
                byDoc.TryGetValue((f, d), out var r);
                var c = core.Validate(f, docs[d], baseline, oldText);
                var root = DaemonLint.Yaml.YamlManifestReader.ReadDocuments(f, docs[d]).SelectMany(x => x.Objects).FirstOrDefault()?.Root;
                var tree = root is null ? null : Yaml.YNode.From(root);
                list.Add((f, d, r, c, Comparer.Compare(r, c.Findings, known, p => tree is null ? null : Trees.ValueAt(tree, p))));
            }
        }

        return list;
    }

    /// <summary>Splits a YAML stream at <c>---</c> lines (the documents the harness writes).</summary>
    public static List<string> SplitDocuments(string text)
    {
        var docs = new List<string>();
        var sb = new StringBuilder();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.TrimEnd() == "---")
            {
                docs.Add(sb.ToString());
                sb.Clear();
                continue;
            }

            sb.Append(line).Append('\n');
        }

        if (sb.ToString().Trim().Length > 0)
        {
            docs.Add(sb.ToString());
        }

        return docs;
    }

    private static void RunChunk(HarnessOptions o, HarnessResult result, UpstreamMap upstream, OracleRunner oracle, CoreHost core, string work, Generator generator, int start, int n, bool update, HashSet<string> distinct)
    {
        var gen = Stopwatch.StartNew();
        var mutants = new Mutant[n];
        for (var i = 0; i < n; i++)
        {
            mutants[i] = update ? generator.Update(start + i) : generator.Create(start + i);
            distinct.Add(mutants[i].MutationId + (mutants[i].Variant is null ? string.Empty : "@" + mutants[i].Variant));
        }

        result.GenerateTime += gen.Elapsed;
        var prefix = (update ? "u" : "c") + start.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        var answers = Evaluate(o, result, oracle, core, work, prefix, mutants, update);
        for (var i = 0; i < n; i++)
        {
            var m = mutants[i];
            var (r, c) = answers[i];
            if (r is null)
            {
                // The oracle judges DaemonSets only (and kinds that match DaemonSet when case is ignored); it makes no
                // claim about another kind (kubectl would fail to map it), so there is nothing to compare.
                if (c.Checked)
                {
                    result.OracleSkipped++;
                }
                else
                {
                    result.SkippedByBoth++;
                }

                continue;
            }

            if (update && r.Mode != "update")
            {
                // The stored version could not be stored (it does not decode): not a meaningful update.
                result.OldUnstorable++;
                continue;
            }

            if (update)
            {
                result.Updates++;
            }
            else
            {
                result.Creates++;
            }

            var cmp = Comparer.Compare(r, c.Findings, result.Known, p => Trees.ValueAt(m.Document, p));
            result.ByCategory[cmp.Category]++;
            foreach (var (_, _, k) in cmp.Known)
            {
                result.KnownUsed[k.Id] = result.KnownUsed.GetValueOrDefault(k.Id) + 1;
            }

            if (cmp.Disagrees)
            {
                Record(result, upstream, m, cmp);
            }
        }
    }

    /// <summary>Runs the oracle (in the background, on files of DocsPerFile documents) and the core on mutants.</summary>
    private static (OracleResult? Oracle, CoreResult Core)[] Evaluate(HarnessOptions o, HarnessResult result, OracleRunner oracle, CoreHost core, string work, string prefix, IReadOnlyList<Mutant> mutants, bool update)
    {
        var n = mutants.Count;
        var files = new List<string>();
        var where = new (string File, int Doc)[n];
        for (var f = 0; f * o.DocsPerFile < n; f++)
        {
            var name = $"{prefix}-{f:D3}.yaml";
            var slice = mutants.Skip(f * o.DocsPerFile).Take(o.DocsPerFile).ToList();
            File.WriteAllText(Path.Combine(work, name), string.Join("---\n", slice.Select(m => m.Text)));
            for (var d = 0; d < slice.Count; d++)
            {
                where[(f * o.DocsPerFile) + d] = (name, d);
            }

            files.Add(name);
        }

        string? baseline = null;
        if (update)
        {
            baseline = prefix + "-old.yaml";
            File.WriteAllText(Path.Combine(work, baseline), string.Join("---\n", mutants.Select(m => m.OldText)));
        }

        var oracleClock = Stopwatch.StartNew();

        // The oracle is single-threaded per process: split the files over OracleProcesses processes.
        var processes = Math.Max(1, Math.Min(o.OracleProcesses, files.Count));
        var parts = Enumerable.Range(0, processes).Select(p => files.Where((_, i) => i % processes == p).ToList()).ToList();
        var oracleTask = Task.Run(() =>
        {
            var r = parts.AsParallel().AsOrdered().WithDegreeOfParallelism(parts.Count).SelectMany(part => oracle.Run(work, part, baseline)).ToList();
            oracleClock.Stop();
            return r;
        });

        var coreClock = Stopwatch.StartNew();
        var coreResults = new CoreResult[n];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var m = mutants[i];
            coreResults[i] = core.Validate(m.Id + ".yaml", m.Text, m.IsUpdate ? m.Id + ".old.yaml" : null, m.OldText);
        });
        result.CoreTime += coreClock.Elapsed;
        var oracleResults = oracleTask.GetAwaiter().GetResult();
        result.OracleTime += oracleClock.Elapsed;
        var byDoc = new Dictionary<(string, int), OracleResult>();
        foreach (var r in oracleResults)
        {
            if (r.Item is null)
            {
                byDoc[(r.File, r.Doc)] = r;
            }
        }

        var answers = new (OracleResult?, CoreResult)[n];
        for (var i = 0; i < n; i++)
        {
            byDoc.TryGetValue(where[i], out var r);
            answers[i] = (r, coreResults[i]);
        }

        return answers;
    }

    /// <summary>
    /// Looks for a smaller reproducer of every group: the group's mutation applied again to the smallest seeds, each
    /// kept when the two tools still disagree the same way (same direction, type and normalized path).
    /// </summary>
    private static void Minimize(HarnessOptions o, HarnessResult result, OracleRunner oracle, CoreHost core, string work, IReadOnlyList<Seed> seeds)
    {
        var smallest = seeds.OrderBy(s => s.Text.Length).ThenBy(s => s.Origin, StringComparer.Ordinal).Take(o.MinimizeSeeds).ToList();
        var groups = result.Groups.Values.Where(g => g.Example?.Mutant.Text.Length > 0).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var candidates = new List<(Group Group, Mutant Mutant)>();
        for (var gi = 0; gi < groups.Count; gi++)
        {
            var g = groups[gi];
            var current = g.Example!.Mutant;
            for (var k = 0; k < smallest.Count; k++)
            {
                if (smallest[k].Text.Length >= current.Seed.Text.Length)
                {
                    break;
                }

                var id = $"r{gi:D3}x{k:D2}";
                if (Generator.Reapply(current, smallest[k], Rng.For(o.Seed, 40, (ulong)gi, (ulong)k).Next(), id) is { } m)
                {
                    candidates.Add((g, m));
                }
            }
        }

        foreach (var update in new[] { false, true })
        {
            var batch = candidates.Where(c => c.Mutant.IsUpdate == update).ToList();
            if (batch.Count == 0)
            {
                continue;
            }

            var answers = Evaluate(o, result, oracle, core, work, update ? "ru" : "rc", batch.Select(b => b.Mutant).ToList(), update);
            for (var i = 0; i < batch.Count; i++)
            {
                var (g, m) = batch[i];
                var (r, c) = answers[i];
                if (r is null || (update && r.Mode != "update"))
                {
                    continue;
                }

                var cmp = Comparer.Compare(r, c.Findings, result.Known, p => Trees.ValueAt(m.Document, p));
                var side = g.Direction == "oracle-only" ? cmp.OracleOnly : cmp.CoreOnly;
                var item = side.FirstOrDefault(x => x.Type == g.Type && Comparer.Normalize(x.Path) == g.Path);
                if (item is not null && Size(m) < Size(g.Example!.Mutant))
                {
                    g.Example = new Disagreement { Mutant = m, Comparison = cmp };
                    g.ExampleItem = item;
                }
            }
        }

        static int Size(Mutant m) => m.Text.Length + (m.OldText?.Length ?? 0);
    }

    private static void Record(HarnessResult result, UpstreamMap upstream, Mutant m, DocComparison cmp)
    {
        var d = new Disagreement { Mutant = m, Comparison = cmp };
        result.Disagreements.Add(d);
        var keep = false;
        foreach (var (item, direction) in cmp.OracleOnly.Select(i => (i, "oracle-only")).Concat(cmp.CoreOnly.Select(i => (i, "core-only"))))
        {
            var path = Comparer.Normalize(item.Path);
            var key = direction + "|" + item.Type + "|" + path;
            if (!result.Groups.TryGetValue(key, out var g))
            {
                g = new Group { Direction = direction, Path = path, Type = item.Type, Function = upstream.FunctionFor(path, item.Type) };
                result.Groups[key] = g;
            }

            g.Documents++;
            g.ByCategory[cmp.Category] = g.ByCategory.GetValueOrDefault(cmp.Category) + 1;
            if (m.IsUpdate)
            {
                g.Updates++;
            }

            g.Classes[m.Class] = g.Classes.GetValueOrDefault(m.Class) + 1;
            if (direction == "core-only" && item.RuleId is not null)
            {
                g.Rules.Add(item.RuleId);
            }
            else
            {
                foreach (var ci in cmp.Core.Where(ci => Comparer.Normalize(ci.Path) == path && ci.RuleId is not null))
                {
                    g.Rules.Add(ci.RuleId!);
                }
            }

            var msg = Shorten(item.Message);
            if (g.Messages.Count < 3 && !g.Messages.Contains(msg))
            {
                g.Messages.Add(msg);
            }

            if (g.Example is null || Better(m, g.Example.Mutant))
            {
                g.Example = d;
                g.ExampleItem = item;
                keep = true;
            }
        }

        if (!keep)
        {
            // Not any group's reproducer: drop the texts (long runs keep only the reproducers in memory).
            d.Mutant = new Mutant
            {
                Id = m.Id,
                IsUpdate = m.IsUpdate,
                Seed = m.Seed,
                MutationId = m.MutationId,
                Class = m.Class,
                Target = m.Target,
                Variant = m.Variant,
                Description = m.Description,
                Distance = m.Distance,
            };
        }
    }

    private static bool Better(Mutant a, Mutant b) =>
        a.Distance != b.Distance ? a.Distance < b.Distance : (a.Text.Length + (a.OldText?.Length ?? 0)) < (b.Text.Length + (b.OldText?.Length ?? 0));

    private static string Shorten(string s) => s.Length > 300 ? s.Substring(0, 300) + "…" : s;
}
