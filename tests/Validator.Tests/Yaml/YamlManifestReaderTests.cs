using System.Linq;
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
}
