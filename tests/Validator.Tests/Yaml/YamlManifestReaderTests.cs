using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Tests.Yaml;

public sealed class YamlManifestReaderTests
{
    private const string Ds = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: ds}
        spec:
          selector: {matchLabels: {app: a}}
          template:
            metadata: {labels: {app: a}}
            spec:
              restartPolicy: Never
              containers: [{name: c, image: i}]
        """;

    [Fact]
    public void MultiDocument_OneObjectPerDocument_WithIndexes()
    {
        var docs = YamlManifestReader.ReadDocuments("f.yaml", "kind: A\n---\nkind: B\n---\nkind: C\n").ToList();
        Assert.Equal(new[] { 0, 1, 2 }, docs.Select(d => d.Index));
        Assert.Equal(new[] { "A", "B", "C" }, docs.SelectMany(d => d.Objects).Select(o => o.Kind));
        Assert.Equal(new[] { 0, 1, 2 }, docs.SelectMany(d => d.Objects).Select(o => o.Document));
        Assert.All(docs, d => Assert.Empty(d.Problems));
    }

    [Fact]
    public void EmptyDocumentsAndComments_AreSkippedWithoutProblems()
    {
        var text = "---\n# only a comment\n---\n---\n" + Ds + "\n--- # trailing\n...\n";
        var report = new ManifestValidator().ValidateText("f.yaml", text);
        Assert.Equal(1, report.Objects);
        Assert.Equal(1, report.DaemonSets);
        var f = Assert.Single(report.Findings);
        Assert.Equal(RuleCatalog.DS1009_RestartPolicyMustBeAlways.Id, f.RuleId);
        Assert.Equal(13, f.Span.Start.Line);
    }

    [Fact]
    public void KindList_OneObjectPerItem_PathsRelativeToTheItem_PositionsInsideTheList()
    {
        var text = """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: ServiceAccount
                metadata: {name: sa}
              - apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: ds}
                spec:
                  selector: {matchLabels: {app: a}}
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      restartPolicy: Never # expect: DS1009 spec.template.spec.restartPolicy
                      containers: [{name: c, image: i}]
            """;
        var objects = YamlManifestReader.ReadDocuments("l.yaml", text).Single().Objects;
        Assert.Equal(new[] { "ServiceAccount", "DaemonSet" }, objects.Select(o => o.Kind));
        Assert.Equal(new[] { 0, 1 }, objects.Select(o => o.ListItem));
        FixtureVerifier.VerifyText(text);
    }

    [Fact]
    public void AnchorsAndAliases_AreFollowed()
    {
        FixtureVerifier.VerifyText(
            """
            # rules: DS1001 DS1002
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds, labels: &labels {app: agent, tier: node}}
            spec:
              selector: {matchLabels: *labels}
              template:
                metadata: {labels: *labels}
                spec: {containers: [{name: c, image: i}]}
            """);
        FixtureVerifier.VerifyText(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              selector: {matchLabels: &sel {app: agent}}
              template:
                metadata:
                  labels: {app: other} # expect: DS1001 spec.template.metadata.labels
                spec: {containers: [{name: c, image: i}]}
            """);
    }

    [Fact]
    public void KeysRead_WithoutNodes_KeepQuotedMergeKeys_AnchoredKeys_AndKeySpans()
    {
        // Plain keys take the reader's fast path (no node is built for them); a quoted "<<" is an ordinary key,
        // an anchored key takes the slow path and its anchor still resolves.
        var root = Root(
            """
            "<<": quoted
            &k key: value
            other: *k
            plain: 1
            """);
        Assert.Equal("quoted", Text(root, "<<"));
        Assert.Equal("value", Text(root, "key"));
        Assert.Equal("key", Text(root, "other"));
        Assert.True(root.TryGetEntry("plain", out var plain));
        Assert.Equal((4, 1, 4, 6), (plain!.KeySpan.Start.Line, plain.KeySpan.Start.Column, plain.KeySpan.End.Line, plain.KeySpan.End.Column));
    }

    [Fact]
    public void MergeKeys_ExplicitKeysWin_FirstMergedMapWins()
    {
        var root = Root(
            """
            base: &base {a: from-base, b: from-base, c: from-base}
            other: &other {b: from-other, d: from-other}
            single:
              <<: *base
              a: explicit
            list:
              <<: [*other, *base]
              c: explicit
            """);
        var single = (MappingNode)root["single"]!;
        Assert.Equal("explicit", Text(single, "a"));
        Assert.Equal("from-base", Text(single, "b"));
        Assert.DoesNotContain(single.Entries, e => e.Key == "<<");
        var list = (MappingNode)root["list"]!;
        Assert.Equal("from-other", Text(list, "b"));
        Assert.Equal("from-other", Text(list, "d"));
        Assert.Equal("from-base", Text(list, "a"));
        Assert.Equal("explicit", Text(list, "c"));
    }

    [Fact]
    public void MergeKey_InADaemonSet_FeedsTheRules()
    {
        FixtureVerifier.VerifyText(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec:
                  <<: {restartPolicy: Never}
                  restartPolicy: OnFailure # expect: DS1009 spec.template.spec.restartPolicy
                  containers: [{name: c, image: i}]
            """);
    }

    [Fact]
    public void DuplicateKey_IsDS9004_AtTheSecondKey_AndTheLastValueWins()
    {
        var doc = YamlManifestReader.ReadDocuments("d.yaml", "kind: A\nmetadata:\n  name: one\n  name: two\n").Single();
        var p = Assert.Single(doc.Problems);
        Assert.Equal(RuleCatalog.DS9004_DuplicateKey.Id, p.RuleId);
        Assert.Equal(4, p.Span.Start.Line);
        Assert.Equal(3, p.Span.Start.Column);
        Assert.Contains("already defined at line 3", p.Message);
        Assert.Equal("two", doc.Objects.Single().Name);

        var report = new ManifestValidator().ValidateText("d.yaml", "kind: A\nmetadata:\n  name: one\n  name: two\n");
        Assert.Equal(RuleCatalog.DS9004_DuplicateKey.Id, Assert.Single(report.Findings).RuleId);
    }

    [Fact]
    public void ComplexKey_IsReported()
    {
        var doc = YamlManifestReader.ReadDocuments("c.yaml", "kind: A\n? [a, b]\n: value\nok: 1\n").Single();
        var p = Assert.Single(doc.Problems);
        Assert.Equal(RuleCatalog.DS9001_YamlSyntax.Id, p.RuleId);
        Assert.Equal(2, p.Span.Start.Line);
        Assert.Equal(1, Assert.IsType<ScalarNode>(doc.Objects.Single().Root["ok"]).IntValue);
    }

    [Fact]
    public void TabIndentation_IsASyntaxErrorWithAPosition()
    {
        var report = new ManifestValidator().ValidateText("t.yaml", "kind: A\nmetadata:\n\tname: x\n");
        var f = Assert.Single(report.Findings);
        Assert.True(f.RuleId == RuleCatalog.DS9001_YamlSyntax.Id && f.Span.Start.Line == 3, $"{f.RuleId} {f.Span} {f.Message}");
    }

    [Theory]
    [InlineData("metadata:\n  name: x\n  labels: {a: \"\\UFFFFFFFF\"}\n", 4, "names no Unicode character")]
    [InlineData("metadata:\n  name: x\nb: \"ok\"\nc: \"\\U00110000\"\n", 5, "invalid Unicode")]
    public void EscapeNamingNoCharacter_IsASyntaxError_NotAnInternalError(string body, int line, string message)
    {
        // YamlDotNet throws ArgumentOutOfRangeException from char.ConvertFromUtf32 here, not a YamlException.
        var report = new ManifestValidator().ValidateText("u.yaml", "kind: A\n" + body + "---\nkind: B\n");
        var f = Assert.Single(report.Findings);
        Assert.True(f.RuleId == RuleCatalog.DS9001_YamlSyntax.Id && f.Span.Start.Line == line, $"{f.RuleId} {f.Span} {f.Message}");
        Assert.Contains(message, f.Message);
    }

    [Fact]
    public void UnclosedFlowMapping_IsASyntaxErrorAtTheScannerPosition()
    {
        // The scanner throws InvalidOperationException on this one.
        var doc = YamlManifestReader.ReadDocuments("f.yaml", "kind: A\nmetadata: {name: x\nspec: y\n").Single();
        var p = Assert.Single(doc.Problems);
        Assert.Equal(RuleCatalog.DS9001_YamlSyntax.Id, p.RuleId);
        Assert.True(p.Span.Start.Line >= 2, p.Span.ToString());
    }

    [Fact]
    public void TabInsideAValue_IsFine()
    {
        var root = Root("kind: A\nv: \"a\\tb\"\nw: a\tb\n");
        Assert.Equal("a\tb", Text(root, "v"));
        Assert.Equal("a\tb", Text(root, "w"));
    }

    [Fact]
    public void JsonInput_IsReadWithPositions()
    {
        FixtureVerifier.VerifyText(
            """
            {
              "apiVersion": "apps/v1",
              "kind": "DaemonSet",
              "metadata": {"name": "ds"},
              "spec": {
                "selector": {"matchLabels": {"app": "a"}},
                "template": {
                  "metadata": {"labels": {"app": "a"}},
                  "spec": {
                    "restartPolicy": "Never", # expect: DS1009 spec.template.spec.restartPolicy
                    "containers": [{"name": "c", "image": "i"}]
                  }
                }
              }
            }
            """);
    }

    [Fact]
    public void JsonNumbersAndBooleans_Resolve()
    {
        var root = Root("{\"kind\": \"A\", \"n\": 10, \"f\": 1.5, \"b\": true, \"z\": null, \"s\": \"10\"}");
        Assert.Equal(10, ((ScalarNode)root["n"]!).IntValue);
        Assert.Equal(ScalarType.Float, ((ScalarNode)root["f"]!).Type);
        Assert.Equal(ScalarType.Bool, ((ScalarNode)root["b"]!).Type);
        Assert.Equal(ScalarType.Null, ((ScalarNode)root["z"]!).Type);
        Assert.Equal(ScalarType.String, ((ScalarNode)root["s"]!).Type);
    }

    [Fact]
    public void Spans_AreOneBasedLineAndColumn()
    {
        var root = Root("kind: A\nspec:\n  key: value\n");
        var spec = (MappingNode)root["spec"]!;
        Assert.True(spec.TryGetEntry("key", out var e));
        Assert.Equal((3, 3, 16), (e.KeySpan.Start.Line, e.KeySpan.Start.Column, e.KeySpan.Start.Offset));
        Assert.Equal(3, e.Value.Span.Start.Line);
        Assert.Equal(8, e.Value.Span.Start.Column);
    }

    private static MappingNode Root(string text)
    {
        var doc = YamlManifestReader.ReadDocuments("t.yaml", text).Single();
        Assert.Empty(doc.Problems);
        return doc.Objects.Single().Root;
    }

    private static string? Text(MappingNode m, string key) => (m[key] as ScalarNode)?.Raw;

    [Fact]
    public void ReadingTheNextDocument_DoesNotKeepTheOneBefore()
    {
        // The second document is large, so the parser reads its text while that document is built: at that read, the first
        // document (handed out, then let go by the caller) must be garbage. A compiler-made iterator kept it until the next yield.
        var second = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n"
            + string.Concat(Enumerable.Range(0, 2000).Select(i => $"  k{i}: v{i}\n"));
        var text = Ds + "\n---\n" + second;
        var probe = new ProbingReader(text, at: text.Length - 100);
        using var documents = YamlManifestReader.ReadDocuments("f.yaml", probe).GetEnumerator();
        var first = FirstRoot(documents);
        probe.OnReach = () =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            probe.AliveAtReach = first.IsAlive;
        };

        Assert.True(documents.MoveNext());
        Assert.Equal("ConfigMap", Assert.Single(documents.Current.Objects).Kind);
        Assert.False(probe.AliveAtReach ?? throw new InvalidOperationException("the probe was not reached while the second document was read"));
        Assert.False(documents.MoveNext());
    }

    [Fact]
    public void TheDocumentsOfAText_AreReadOnce()
    {
        var documents = YamlManifestReader.ReadDocuments("f.yaml", "kind: A\n---\nkind: B\n");
        Assert.Equal(new[] { "A", "B" }, documents.SelectMany(d => d.Objects).Select(o => o.Kind));
        Assert.Throws<InvalidOperationException>(() => documents.GetEnumerator());
    }

    [Fact]
    public void ASyntaxErrorEndsTheDocuments_AndADocumentTooComplexIsSkipped()
    {
        // A document past the node limit is skipped and reading goes on; a syntax error ends the reading (kind: C is never read).
        var large = "a: [" + string.Join(", ", Enumerable.Range(0, 50)) + "]\n";
        var text = "kind: A\n---\n" + large + "---\nkind: B\n---\nkind: [\n---\nkind: C\n";
        var docs = YamlManifestReader.ReadDocuments("f.yaml", new StringReader(text), new ReaderLimits { MaxExpandedNodes = 20 }).ToList();
        Assert.Equal(new[] { 0, 1, 2, 3 }, docs.Select(d => d.Index));
        Assert.Equal("A", Assert.Single(docs[0].Objects).Kind);
        Assert.Equal(RuleCatalog.DS9006_DocumentTooComplex.Id, Assert.Single(docs[1].Problems).RuleId);
        Assert.Equal("B", Assert.Single(docs[2].Objects).Kind);
        Assert.Equal(RuleCatalog.DS9001_YamlSyntax.Id, Assert.Single(docs[3].Problems).RuleId);
    }

    // The first document's root, held weakly (in a method of its own, so no local of the test holds it).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference FirstRoot(IEnumerator<DocumentResult> documents)
    {
        Assert.True(documents.MoveNext());
        var root = new WeakReference(Assert.Single(documents.Current.Objects).Root);
        Assert.True(root.IsAlive);
        return root;
    }

    // A text that runs a callback the first time the parser reads past a position.
    private sealed class ProbingReader(string text, int at) : TextReader
    {
        private int position;

        public Action? OnReach { get; set; }

        public bool? AliveAtReach { get; set; }

        public override int Peek() => this.position < text.Length ? text[this.position] : -1;

        public override int Read()
        {
            if (this.position >= text.Length)
            {
                return -1;
            }

            this.Reach(this.position + 1);
            return text[this.position++];
        }

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(count, text.Length - this.position);
            if (n <= 0)
            {
                return 0;
            }

            this.Reach(this.position + n);
            text.CopyTo(this.position, buffer, index, n);
            this.position += n;
            return n;
        }

        private void Reach(int end)
        {
            if (end > at && this.OnReach is { } reach)
            {
                this.OnReach = null;
                reach();
            }
        }
    }
}
