using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Parity.Generation;
using DaemonLint.Parity.Yaml;
using DaemonLint.Yaml;

namespace DaemonLint.Parity;

/// <summary>Finds the candidate seeds: the repository's dont-fire fixtures and sample, and the real-world corpus.</summary>
internal static class Seeds
{
    /// <summary>The seed files of a repository, in a fixed order: <c>tests/Fixtures/**/dont-fire*.yaml</c>,
    /// <c>samples/good-daemonset.yaml</c> and <c>*.yaml</c> of the corpus folder (when given).</summary>
    public static List<string> Files(string repoRoot, string? corpus)
    {
        var files = new List<string>();
        var fixtures = Path.Combine(repoRoot, "tests", "Fixtures");
        if (Directory.Exists(fixtures))
        {
            files.AddRange(Directory.EnumerateFiles(fixtures, "dont-fire*.yaml", SearchOption.AllDirectories));
        }

        var sample = Path.Combine(repoRoot, "samples", "good-daemonset.yaml");
        if (File.Exists(sample))
        {
            files.Add(sample);
        }

        if (corpus is not null && Directory.Exists(corpus))
        {
            files.AddRange(Directory.EnumerateFiles(corpus, "*.yaml", SearchOption.TopDirectoryOnly));
        }

        return files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList();
    }

    /// <summary>Reads the <c>apps/v1</c> DaemonSets of files (List items included) as candidate seeds, in canonical YAML.</summary>
    public static List<Seed> Read(IEnumerable<string> files, string displayRoot)
    {
        var seeds = new List<Seed>();
        foreach (var file in files)
        {
            var display = Display(file, displayRoot);
            var text = File.ReadAllText(file);
            foreach (var doc in YamlManifestReader.ReadDocuments(display, text))
            {
                if (doc.Problems.Count > 0)
                {
                    continue;
                }

                foreach (var o in doc.Objects)
                {
                    if (!o.IsAppsV1DaemonSet)
                    {
                        continue;
                    }

                    var tree = (YMap)YNode.From(o.Root);
                    seeds.Add(new Seed
                    {
                        Origin = o.ListItem >= 0 ? $"{display}#{doc.Index}.{o.ListItem}" : $"{display}#{doc.Index}",
                        Document = tree,
                        Text = YamlWriter.Write(tree),
                    });
                }
            }
        }

        return seeds;
    }

    /// <summary>Reads the <c>apps/v1</c> DaemonSets of one text as candidate seeds.</summary>
    public static List<Seed> FromText(string origin, string text)
    {
        var seeds = new List<Seed>();
        foreach (var doc in YamlManifestReader.ReadDocuments(origin, text))
        {
            foreach (var o in doc.Objects.Where(o => o.IsAppsV1DaemonSet))
            {
                var tree = (YMap)YNode.From(o.Root);
                seeds.Add(new Seed { Origin = $"{origin}#{doc.Index}", Document = tree, Text = YamlWriter.Write(tree) });
            }
        }

        return seeds;
    }

    /// <summary>A path shown relative to a root when it is below it (<c>../shared/corpus/...</c> otherwise).</summary>
    public static string Display(string path, string root)
    {
        var rel = Path.GetRelativePath(root, path).Replace('\\', '/');
        return rel;
    }
}
