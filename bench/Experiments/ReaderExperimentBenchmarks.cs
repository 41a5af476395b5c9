using BenchmarkDotNet.Attributes;
using DaemonLint.Yaml;

namespace DaemonLint.Bench.Experiments;

/// <summary>
/// What the proposed reader change would save (see <see cref="PooledManifestReader"/>): the product reader against the
/// experimental copy, with the bare parse as baseline, in one run.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class ReaderExperimentBenchmarks
{
    private CorpusFile[] files = System.Array.Empty<CorpusFile>();

    /// <summary>Gets or sets the corpus.</summary>
    [Params(CorpusKind.Generated10k, CorpusKind.RealWorld)]
    public CorpusKind Corpus { get; set; }

    /// <summary>Loads the corpus.</summary>
    [GlobalSetup]
    public void Setup() => this.files = [.. DaemonLint.Bench.Corpus.Get(this.Corpus).Files];

    /// <summary>Loads the corpus (cached) and runs <see cref="TreePooled"/> once.</summary>
    /// <returns>The number of objects.</returns>
    internal long SetupAndRun()
    {
        this.Setup();
        return this.TreePooled();
    }

    /// <summary>The bare parse (baseline).</summary>
    /// <returns>The number of events.</returns>
    [Benchmark(Baseline = true, Description = "Parse")]
    public long BareParse()
    {
        long events = 0;
        foreach (var f in this.files)
        {
            events += ValidationBenchmarks.ParseAll(f.Text);
        }

        return events;
    }

    /// <summary>The product reader.</summary>
    /// <returns>The number of objects.</returns>
    [Benchmark(Description = "TreeOnly")]
    public long TreeOnly()
    {
        long objects = 0;
        foreach (var f in this.files)
        {
            foreach (var doc in YamlManifestReader.ReadDocuments(f.Name, f.Text))
            {
                objects += doc.Objects.Count + doc.Problems.Count;
            }
        }

        return objects;
    }

    /// <summary>The experimental reader.</summary>
    /// <returns>The number of objects.</returns>
    [Benchmark(Description = "TreePooled")]
    public long TreePooled()
    {
        long objects = 0;
        foreach (var f in this.files)
        {
            foreach (var doc in PooledManifestReader.ReadDocuments(f.Name, f.Text))
            {
                objects += doc.Objects.Count + doc.Problems.Count;
            }
        }

        return objects;
    }
}
