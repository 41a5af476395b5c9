using System;
using System.Collections.Generic;
using System.Linq;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Bench.Experiments;

/// <summary><c>--check-experiment</c>: verifies that <see cref="PooledManifestReader"/> builds exactly the trees and problems of the product reader.</summary>
internal static class PooledReaderCheck
{
    public static int Run()
    {
        var failures = 0;
        foreach (var kind in new[] { CorpusKind.Generated10k, CorpusKind.RealWorld })
        {
            var docs = 0;
            foreach (var f in Corpus.Get(kind).Files)
            {
                var a = YamlManifestReader.ReadDocuments(f.Name, f.Text).ToList();
                var b = PooledManifestReader.ReadDocuments(f.Name, f.Text).ToList();
                docs += a.Count;
                var diff = Compare(a, b);
                if (diff is not null)
                {
                    failures++;
                    Console.WriteLine($"{kind} {f.Name}: {diff}");
                }
            }

            Console.WriteLine($"{kind}: {docs:N0} documents compared, {failures} file(s) differ");
        }

        // Edge cases the corpora lack: duplicate keys in small and large mappings, merge keys, nesting, syntax errors.
        var large = string.Join("\n", Enumerable.Range(0, 12).Select(i => $"k{i}: {i}")) + "\nk3: again\nk11: again\n";
        var cases = new[]
        {
            "a: 1\nb: 2\na: 3\n",
            large,
            "base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n  y: 4\n",
            "l: [1, [2, {a: 1, a: 2}], {b: 3}]\n---\nq: {c: 1}\n",
            "a: b: c\n",
            new string('[', 300) + new string(']', 300) + "\n---\nok: 1\n",
        };
        for (var c = 0; c < cases.Length; c++)
        {
            var diff = Compare(YamlManifestReader.ReadDocuments("case", cases[c]).ToList(), PooledManifestReader.ReadDocuments("case", cases[c]).ToList());
            var problems = YamlManifestReader.ReadDocuments("case", cases[c]).Sum(d => d.Problems.Count);
            Console.WriteLine($"edge case {c}: {problems} problem(s), {(diff is null ? "same" : "DIFFERS: " + diff)}");
            failures += diff is null ? 0 : 1;
        }

        return failures == 0 ? 0 : 1;
    }

    private static string? Compare(List<DocumentResult> a, List<DocumentResult> b)
    {
        if (a.Count != b.Count)
        {
            return $"document count {a.Count} vs {b.Count}";
        }

        for (var i = 0; i < a.Count; i++)
        {
            var pa = string.Join("|", a[i].Problems);
            var pb = string.Join("|", b[i].Problems);
            if (pa != pb)
            {
                return $"doc {i} problems differ: {pa} vs {pb}";
            }

            if (a[i].Objects.Count != b[i].Objects.Count)
            {
                return $"doc {i} object count differs";
            }

            for (var o = 0; o < a[i].Objects.Count; o++)
            {
                if (!Same(a[i].Objects[o].Root, b[i].Objects[o].Root))
                {
                    return $"doc {i} object {o} tree differs";
                }
            }
        }

        return null;
    }

    private static bool Same(ManifestNode x, ManifestNode y)
    {
        if (x.Kind != y.Kind || x.Span != y.Span)
        {
            return false;
        }

        switch (x)
        {
            case ScalarNode sx when y is ScalarNode sy:
                return sx.Raw == sy.Raw && sx.Type == sy.Type && sx.Quoted == sy.Quoted && sx.Number.Equals(sy.Number) && sx.IntValue == sy.IntValue;
            case MappingNode mx when y is MappingNode my:
                if (mx.Count != my.Count)
                {
                    return false;
                }

                for (var i = 0; i < mx.Count; i++)
                {
                    var ex = mx.Entries[i];
                    var ey = my.Entries[i];
                    if (ex.Key != ey.Key || ex.KeySpan != ey.KeySpan || !Same(ex.Value, ey.Value))
                    {
                        return false;
                    }
                }

                return true;
            case SequenceNode qx when y is SequenceNode qy:
                return qx.Count == qy.Count && qx.Items.Zip(qy.Items, Same).All(s => s);
            default:
                return false;
        }
    }
}
