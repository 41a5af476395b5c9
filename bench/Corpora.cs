using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DaemonLint.Bench;

/// <summary>The corpora the benchmarks run over.</summary>
public enum CorpusKind
{
    /// <summary>10,000 generated apps/v1 DaemonSets in one multi-document text (<see cref="CorpusGenerator"/>).</summary>
    Generated10k,

    /// <summary>The published manifests of <c>../shared/corpus/real-world/*.yaml</c>, one text per file.</summary>
    RealWorld,
}

/// <summary>One input file of a corpus.</summary>
/// <param name="Name">The file name put on findings.</param>
/// <param name="Text">The text.</param>
public sealed record CorpusFile(string Name, string Text);

/// <summary>A loaded corpus and its sizes.</summary>
public sealed class Corpus
{
    private Corpus(CorpusKind kind, IReadOnlyList<CorpusFile> files)
    {
        this.Kind = kind;
        this.Files = files;
        this.Utf8Bytes = files.Sum(f => (long)Encoding.UTF8.GetByteCount(f.Text));
        this.Documents = files.Sum(f => CountDocuments(f.Text));
    }

    /// <summary>Gets the number of DaemonSets the generated corpus holds.</summary>
    public const int GeneratedCount = 10_000;

    /// <summary>Gets which corpus this is.</summary>
    public CorpusKind Kind { get; }

    /// <summary>Gets the files.</summary>
    public IReadOnlyList<CorpusFile> Files { get; }

    /// <summary>Gets the total size in UTF-8 bytes.</summary>
    public long Utf8Bytes { get; }

    /// <summary>Gets the number of YAML documents (DocumentStart events) in all files.</summary>
    public int Documents { get; }

    private static readonly Dictionary<CorpusKind, Corpus> Cache = new();

    /// <summary>Loads (once per process) a corpus.</summary>
    /// <param name="kind">The corpus.</param>
    /// <returns>The corpus.</returns>
    public static Corpus Get(CorpusKind kind)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(kind, out var c))
            {
                c = kind switch
                {
                    CorpusKind.Generated10k => new Corpus(kind, new[] { new CorpusFile("generated-10k.yaml", CorpusGenerator.Generate(GeneratedCount)) }),
                    CorpusKind.RealWorld => new Corpus(kind, LoadRealWorld()),
                    _ => throw new ArgumentOutOfRangeException(nameof(kind)),
                };
                Cache[kind] = c;
            }

            return c;
        }
    }

    /// <summary>Reads <c>../shared/corpus/real-world/*.yaml</c> next to the repository root, in ordinal name order.</summary>
    /// <returns>The files.</returns>
    public static IReadOnlyList<CorpusFile> LoadRealWorld()
    {
        var dir = RealWorldDirectory();
        var paths = Directory.GetFiles(dir, "*.yaml");
        Array.Sort(paths, StringComparer.Ordinal);
        if (paths.Length == 0)
        {
            throw new InvalidOperationException($"no *.yaml files in {dir}");
        }

        return paths.Select(p => new CorpusFile(Path.GetFileName(p), File.ReadAllText(p, Encoding.UTF8))).ToArray();
    }

    /// <summary>
    /// Finds the real-world corpus: <c>$DAEMONLINT_SHARED/corpus/real-world</c> when that variable is set, otherwise
    /// <c>../shared/corpus/real-world</c> next to the folder holding <c>Lint.sln</c>, found by walking up from the current
    /// directory and from the application base directory (BenchmarkDotNet runs the benchmarks from a generated
    /// project under <c>bench/bin</c>).
    /// </summary>
    /// <returns>The directory.</returns>
    public static string RealWorldDirectory()
    {
        var shared = Environment.GetEnvironmentVariable("DAEMONLINT_SHARED");
        if (!string.IsNullOrEmpty(shared))
        {
            return Path.Combine(shared, "corpus", "real-world");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Lint.sln")))
                {
                    var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus", "real-world"));
                    if (Directory.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }
        }

        throw new DirectoryNotFoundException(
            "could not find ../shared/corpus/real-world next to the folder holding Lint.sln (walked up from "
            + Directory.GetCurrentDirectory() + " and " + AppContext.BaseDirectory + "); set DAEMONLINT_SHARED");
    }

    private static int CountDocuments(string text)
    {
        var n = 0;
        try
        {
            var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
            while (parser.MoveNext())
            {
                if (parser.Current is DocumentStart)
                {
                    n++;
                }
            }
        }
        catch (YamlException)
        {
            // Counted up to the error, as the reader reads up to it.
        }

        return n;
    }
}
