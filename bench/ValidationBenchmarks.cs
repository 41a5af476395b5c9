using System.IO;
using BenchmarkDotNet.Attributes;
using DaemonLint.Engine;
using DaemonLint.Releases;
using DaemonLint.Yaml;
using YamlDotNet.Core;

namespace DaemonLint.Bench;

/// <summary>
/// The validation core against its floor: YamlDotNet's parser alone (the baseline), the source-mapped tree built
/// from its events, and the whole validation (tree plus every rule). The target is Validate at most 1.5×
/// the bare parse (DESIGN.md §8 says 2×). "Validate 1.31" is the whole validation for an older release than the default
/// (its own schema set, more feature gates off, so more fields to drop): issue 12 wants it within 5% of Validate.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class ValidationBenchmarks
{
    private CorpusFile[] files = System.Array.Empty<CorpusFile>();
    private byte[][] utf8 = System.Array.Empty<byte[]>();
    private ManifestValidator validator = null!;
    private ManifestValidator olderRelease = null!;

    /// <summary>Gets or sets the corpus.</summary>
    [Params(CorpusKind.Generated10k, CorpusKind.RealWorld)]
    public CorpusKind Corpus { get; set; }

    /// <summary>Loads the corpus and creates the validator once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        this.files = [.. DaemonLint.Bench.Corpus.Get(this.Corpus).Files];
        this.utf8 = [.. System.Linq.Enumerable.Select(this.files, f => System.Text.Encoding.UTF8.GetBytes(f.Text))];
        this.validator = new ManifestValidator();
        this.olderRelease = new ManifestValidator(new ValidatorOptions { KubernetesVersion = KubernetesRelease.Parse("1.31") });
    }

    /// <summary>YamlDotNet's <see cref="Parser"/> over every file to the end, consuming every event (the floor).</summary>
    /// <returns>The number of events.</returns>
    [Benchmark(Baseline = true, Description = "Parse")]
    public long BareParse()
    {
        long events = 0;
        foreach (var f in this.files)
        {
            events += ParseAll(f.Text);
        }

        return events;
    }

    /// <summary><see cref="YamlManifestReader.ReadDocuments"/> fully enumerated: the source-mapped tree, no rules.</summary>
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

    /// <summary>
    /// The tree as the validator builds it from a file's UTF-8 bytes: <see cref="BlockYamlReader"/>, and the documents it
    /// declines read by <see cref="YamlManifestReader"/> as runs (<see cref="BlockYamlReader.TrySkipDocument"/>); a file whose
    /// declined document cannot start a run is read by <see cref="YamlManifestReader"/> whole.
    /// </summary>
    /// <returns>The number of objects.</returns>
    [Benchmark(Description = "BlockTree")]
    public long BlockTree()
    {
        long objects = 0;
        for (var i = 0; i < this.files.Length; i++)
        {
            objects += this.ReadBlock(i);
        }

        return objects;
    }

    private long ReadBlock(int i)
    {
        var (name, bytes) = (this.files[i].Name, this.utf8[i]);
        long read = 0;
        if (BlockYamlReader.TryCreate(name, bytes, 0, bytes.Length, ReaderLimits.Default) is { } reader)
        {
            while (true)
            {
                try
                {
                    if (reader.Next() is not { } doc)
                    {
                        return read;
                    }

                    read += doc.Objects.Count;
                }
                catch (BlockYamlReader.DeclinedException)
                {
                    if (!reader.TrySkipDocument(out var run))
                    {
                        break;
                    }

                    foreach (var doc in YamlManifestReader.ReadDocuments(name, new Utf8BytesReader(bytes, run.Start, run.End), ReaderLimits.Default, null, run))
                    {
                        read += doc.Objects.Count + doc.Problems.Count;
                    }

                    reader.Resume();
                }
            }
        }

        read = 0;
        foreach (var doc in YamlManifestReader.ReadDocuments(name, this.files[i].Text))
        {
            read += doc.Objects.Count + doc.Problems.Count;
        }

        return read;
    }

    /// <summary><see cref="ManifestValidator.ValidateText"/>: the tree and every rule, findings sorted.</summary>
    /// <returns>The number of findings.</returns>
    [Benchmark(Description = "Validate")]
    public long Validate()
    {
        long findings = 0;
        foreach (var f in this.files)
        {
            findings += this.validator.ValidateText(f.Name, f.Text).Findings.Count;
        }

        return findings;
    }

    /// <summary><see cref="ManifestValidator.ValidateText"/> for Kubernetes 1.31 instead of the default release.</summary>
    /// <returns>The number of findings.</returns>
    [Benchmark(Description = "Validate 1.31")]
    public long ValidateOlderRelease()
    {
        long findings = 0;
        foreach (var f in this.files)
        {
            findings += this.olderRelease.ValidateText(f.Name, f.Text).Findings.Count;
        }

        return findings;
    }

    /// <summary>
    /// Parses a text to the end, as the reader constructs its parser (comments skipped, the scanner's string builders from
    /// each thread's stack: <see cref="ScannerBuilders"/>).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of events (up to a syntax error, where the reader stops too).</returns>
    internal static long ParseAll(string text)
    {
        ScannerBuilders.Install();
        long events = 0;
        var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
        try
        {
            while (parser.MoveNext())
            {
                events++;
            }
        }
        catch (YamlException)
        {
        }

        return events;
    }
}
