using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Tests.Yaml;

/// <summary>
/// YamlDotNet's scanner takes its string builders from each thread's own stack (<see cref="ScannerBuilders"/>), not from its one
/// pool for the process, whose shared slots two threads reading at once fought over for every scalar.
/// </summary>
public sealed class ScannerBuildersTests
{
    [Fact]
    public void TheScannerOfTheYamlDotNetWeBuildWith_TakesItsBuildersFromHere()
    {
        Assert.True(ScannerBuilders.Install()); // a YamlDotNet whose pool is laid out otherwise makes this fail: look again

        // On a thread of its own, reading a document leaves the builders the scanner used on that thread's stack.
        var kept = OnNewThread(() =>
        {
            var before = ScannerBuilders.KeptOnThisThread;
            var docs = YamlManifestReader.ReadDocuments("a.yaml", "kind: DaemonSet\nmetadata:\n  name: 'a b'\nspec: {x: \"y\"}\n").ToList();
            Assert.Single(docs);
            return (before, after: ScannerBuilders.KeptOnThisThread);
        });
        Assert.Equal(0, kept.before);
        Assert.InRange(kept.after, 1, 8);
    }

    [Fact]
    public void AReturnedBuilder_IsClearedAndHandedOutAgain_OnItsThreadOnly()
    {
        OnNewThread(() =>
        {
            var b = ScannerBuilders.Rent();
            b.Append("left over");
            Assert.False(ScannerBuilders.Return(b)); // false: the shared pool does not keep it as well
            Assert.Equal(1, ScannerBuilders.KeptOnThisThread);

            var other = OnNewThread(() => (ScannerBuilders.Rent(), ScannerBuilders.KeptOnThisThread));
            Assert.NotSame(b, other.Item1);

            var again = ScannerBuilders.Rent();
            Assert.Same(b, again);
            Assert.Equal(0, again.Length);
            Assert.Equal(0, ScannerBuilders.KeptOnThisThread);
            return 0;
        });
    }

    [Fact]
    public void AThreadKeepsAtMostEightBuilders_AndNoneGrownPastTheLimit()
    {
        OnNewThread(() =>
        {
            var grown = new StringBuilder(16).Append('x', 2000);
            ScannerBuilders.Return(grown);
            Assert.Equal(0, ScannerBuilders.KeptOnThisThread);

            for (var i = 0; i < 12; i++)
            {
                ScannerBuilders.Return(new StringBuilder(16));
            }

            Assert.Equal(8, ScannerBuilders.KeptOnThisThread);
            return 0;
        });
    }

    [Fact]
    public void FilesValidatedOnManyThreadsAtOnce_GiveTheFindingsOfOneThread()
    {
        // Scalars of every style (plain, quoted, block, multi-line), so every scanner path that rents builders runs.
        var texts = new List<(string Name, string Text)>();
        foreach (var sample in new[] { "good-daemonset.yaml", "bad-daemonset.yaml" })
        {
            texts.Add((sample, File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", sample))));
        }

        texts.Add(("styles.yaml", """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: "quoted \u00e9 name"
              annotations:
                folded: >
                  one
                  two
                literal: |
                  a
                    b
                single: 'it''s'
                plain: a plain
                  scalar on two lines
            spec:
              selector: {matchLabels: {app: x}}
              template:
                metadata: {labels: {app: y}}
                spec:
                  containers: [{name: c, image: "img:1"}]
            """));

        var validator = new ManifestValidator();
        var expected = texts.Select(t => Describe(t.Name, t.Text, validator.ValidateText(t.Name, t.Text))).ToList();
        Assert.Contains(expected[2], line => line.EndsWith(" String a plain scalar on two lines", System.StringComparison.Ordinal));
        Assert.Contains(expected[2], line => line.EndsWith(" String a\n  b\n", System.StringComparison.Ordinal)); // the literal block
        Assert.Contains(expected[1], line => line.StartsWith("DS", System.StringComparison.Ordinal)); // the bad sample has findings

        var results = new List<string>[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            results[i] = new List<string>[texts.Count * 20];
            for (var k = 0; k < results[i].Length; k++)
            {
                var (name, text) = texts[(k + i) % texts.Count];
                results[i][k] = Describe(name, text, validator.ValidateText(name, text));
            }
        });

        for (var i = 0; i < results.Length; i++)
        {
            for (var k = 0; k < results[i].Length; k++)
            {
                Assert.Equal(expected[(k + i) % texts.Count], results[i][k]);
            }
        }
    }

    // The findings, then every key and scalar of every object as read (a builder shared by two scanners would mix their text).
    private static List<string> Describe(string name, string text, FileReport report)
    {
        var lines = report.Findings.Select(f => $"{f.RuleId} {f.Span} {f.Path} {f.Message} {f.BadValue}").ToList();
        foreach (var doc in YamlManifestReader.ReadDocuments(name, text))
        {
            foreach (var obj in doc.Objects)
            {
                Dump(obj.Root, lines);
            }
        }

        return lines;
    }

    private static void Dump(ManifestNode node, List<string> into)
    {
        switch (node)
        {
            case MappingNode m:
                foreach (var e in m.Entries)
                {
                    into.Add($"{e.KeySpan} key {e.Key}");
                    Dump(e.Value, into);
                }

                break;
            case SequenceNode q:
                foreach (var item in q.Items)
                {
                    Dump(item, into);
                }

                break;
            case ScalarNode s:
                into.Add($"{s.Span} {s.Type} {s.Raw}");
                break;
        }
    }

    private static T OnNewThread<T>(System.Func<T> work)
    {
        T result = default!;
        System.Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (System.Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return result;
    }
}
