using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Tests;

/// <summary>
/// Objects the rules do not look at are read without their tree beyond apiVersion, kind and metadata ("skimmed"): the findings,
/// their spans, the objects and their references are those of a full read, whatever the input.
/// </summary>
public sealed class SkimTests
{
    private const string Ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: a}}\n"
        + "  template:\n    metadata: {labels: {app: a}}\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: i}]\n";

    private const string Crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\n"
        + "spec:\n  group: example.com\n  names: {kind: Thing, plural: things}\n  versions:\n  - name: v1\n    served: true\n"
        + "    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec: {type: object, x-kubernetes-preserve-unknown-fields: true}\n";

    public static IEnumerable<object[]> Texts()
    {
        string[] texts =
        {
            Crd,
            Crd + "---\n" + Ds,
            Ds + "---\n" + Crd + "---\n" + Ds.Replace("name: ds", "name: ds2"),

            // Duplicate keys inside a skimmed value, few and many (the index past 8 keys), and a third one.
            Crd + "  extra: {a: 1, b: 2, a: 3}\n  more: {k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7, k8: 8, k9: 9, k2: 0, k9: 1, k2: 3}\n",
            "kind: ConfigMap\napiVersion: v1\nmetadata: {name: cm}\ndata:\n  a: x\n  b: y\n  a: z\n  a: w\n",

            // Complex keys inside a skimmed value: a mapping, a sequence, anchored and tagged scalars as keys.
            "kind: ConfigMap\nmetadata: {name: cm}\ndata:\n  ? {x: 1}\n  : v\n  ? [1, 2]\n  : w\n  &k key: 1\n  !!str tagged: 2\n  key: 3\n",

            // Anchors and aliases inside skimmed values, merge keys there, an alias into a skimmed value from a skimmed value.
            "kind: ConfigMap\nmetadata: {name: cm}\ndata: &d {a: 1, b: &s 2}\nother: *d\nmore: {<<: *d, c: *s}\nlist: [*d, *s]\n",

            // The kind after other keys (those are built), kind null, kind a mapping, kind missing, a near-miss kind, a List.
            "apiVersion: v1\ndata: {a: 1}\nkind: ConfigMap\nmetadata: {name: cm}\nspec: {x: [1, 2, {y: 3}]}\n",
            "kind: ~\nmetadata: {name: n}\nspec: {a: 1, a: 2}\n",
            "kind: {a: b}\nmetadata: {name: n}\nspec: {a: 1, a: 2}\n",
            "metadata: {name: n}\nspec: {a: 1, a: 2}\n",
            Ds.Replace("kind: DaemonSet", "kind: Daemonset"),
            Ds.Replace("kind: DaemonSet", "kind: daemonsets"),
            "apiVersion: v1\nkind: List\nitems:\n- " + Ds.Replace("\n", "\n  ").TrimEnd() + "\n- " + Crd.Replace("\n", "\n  ").TrimEnd() + "\n",
            "apiVersion: v1\nkind: ConfigMapList\nitems:\n- {kind: ConfigMap, metadata: {name: a}, data: {x: 1, x: 2}}\n",

            // A second kind: one that needs the tree after values were skimmed (read again in full), and one that does not.
            "kind: ConfigMap\nmetadata: {name: x}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n"
                + "    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: i}]\nkind: DaemonSet\napiVersion: apps/v1\n",
            "kind: ConfigMap\nmetadata: {name: x}\ndata: {a: 1}\nkind: Secret\n",
            "kind: DaemonSet\napiVersion: apps/v1\nmetadata: {name: x}\nkind: ConfigMap\nspec: {a: 1, a: 2}\n",

            // Aliases into a skimmed value where a node is needed: in metadata, as a merge into the object, as a key.
            "kind: ConfigMap\ndata: &d {name: cm, namespace: ns}\nmetadata: *d\n",
            "kind: ConfigMap\ndata: &d {kind: DaemonSet, apiVersion: apps/v1}\n<<: *d\nmetadata: {name: m}\n",
            "kind: ConfigMap\nmetadata: {name: m}\ndata: {a: &k key}\nmore: {*k : 1, key: 2}\n",

            // Limits inside a skimmed value: an alias bomb, nesting past the limit, an unknown anchor, a syntax error.
            "kind: ConfigMap\nmetadata: {name: m}\ndata:\n  a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                + "  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n  f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n---\n" + Ds,
            "kind: ConfigMap\nmetadata: {name: m}\ndata: " + new string('[', 300) + new string(']', 300) + "\n---\n" + Ds,
            "kind: ConfigMap\nmetadata: {name: m}\ndata: {a: *nowhere}\n---\n" + Ds,
            "kind: ConfigMap\nmetadata: {name: m}\ndata: {a: [1, 2}\n---\n" + Ds,

            // JSON, with every key quoted, and the kind last.
            "{\"apiVersion\": \"v1\", \"metadata\": {\"name\": \"j\"}, \"data\": {\"a\": \"1\", \"a\": \"2\"}, \"kind\": \"ConfigMap\", \"spec\": {\"b\": [1, {\"c\": 2, \"c\": 3}]}}\n",

            // Suppression comments inside skimmed values (found in the text, not the tree).
            "kind: ConfigMap\nmetadata: {name: m}\ndata:\n  a: 1 # daemonlint-disable-line DS1009\n---\n" + Ds,
        };
        return texts.Select(t => new object[] { t });
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Skimming_FindsWhatAFullReadFinds(string text) => AssertSame("t.yaml", text);

    [Fact]
    public void TheRealWorldCorpusAndTheFixtures_GiveTheSameFindingsSkimmedOrNot()
    {
        var files = Directory.GetFiles(RepoPaths.Fixtures, "*.yaml", SearchOption.AllDirectories).ToList();
        var corpus = Path.Combine(RepoPaths.Shared, "corpus", "real-world");
        if (Directory.Exists(corpus))
        {
            files.AddRange(Directory.GetFiles(corpus, "*.y*ml"));
        }

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Assert.True(TextDecoder.TryDecode(File.ReadAllBytes(file), out var text, out _));
            AssertSame(file, text);
        }
    }

    [Fact]
    public void AnObjectWithoutRules_KeepsApiVersionKindAndMetadata_AndSkimsTheRest()
    {
        var doc = Assert.Single(YamlManifestReader.ReadDocuments("c.yaml", new StringReader(Crd), null, _ => false));
        var obj = Assert.Single(doc.Objects);
        Assert.Equal(("apiextensions.k8s.io/v1", "CustomResourceDefinition", "things.example.com"), (obj.ApiVersion, obj.Kind, obj.Name));
        Assert.Same(YamlManifestReader.Skimmed, obj.Root["spec"]);
        Assert.IsType<MappingNode>(obj.Root["metadata"]);

        var full = Assert.Single(Assert.Single(YamlManifestReader.ReadDocuments("c.yaml", new StringReader(Crd), null, _ => true)).Objects);
        Assert.IsType<MappingNode>(full.Root["spec"]);
    }

    [Theory]
    [InlineData("kind: ConfigMap\nmetadata: {name: x}\ndata: {a: 1}\nkind: DaemonSet\n")] // a later kind needs the tree
    [InlineData("kind: ConfigMap\nmetadata: {name: x}\ndata: 1\nkind: DaemonSet\n")] // (after a skimmed scalar)
    [InlineData("kind: ConfigMap\ndata: &d {name: cm}\nmetadata: *d\n")] // the name is in a skimmed value
    [InlineData("kind: ConfigMap\ndata: &d {a: 1}\n<<: *d\n")] // a merge into the object itself
    [InlineData("kind: ConfigMap\ndata: {a: &k key}\nmore: {*k : 1}\n")] // a key whose text was skimmed
    public void ASkimmedValueThatIsNeeded_AbandonsTheSkim(string text)
    {
        Assert.Throws<YamlManifestReader.SkimAbandonedException>(() =>
            YamlManifestReader.ReadDocuments("x.yaml", new StringReader(text), null, k => k == "DaemonSet").ToList());
        Assert.Single(YamlManifestReader.ReadDocuments("x.yaml", new StringReader(text), null, null));
    }

    private static void AssertSame(string file, string text)
    {
        var skimming = new ManifestValidator();
        var full = new ManifestValidator { SkimsOtherKinds = false };
        Assert.True(skimming.SkimsOtherKinds);
        var expected = full.ValidateText(file, text);
        foreach (var actual in new[] { skimming.ValidateText(file, text), skimming.ValidateBytes(file, Encoding.UTF8.GetBytes(text)) })
        {
            Assert.Equal(expected.Objects, actual.Objects);
            Assert.Equal(expected.CheckedObjects, actual.CheckedObjects);
            Assert.Equal(expected.DroppedFields.Select(d => $"{d.Object} {d.Field} {Describe(d.Span)}"), actual.DroppedFields.Select(d => $"{d.Object} {d.Field} {Describe(d.Span)}"));
            Assert.Equal(expected.Findings.Select(Describe), actual.Findings.Select(Describe));
        }
    }

    private static string Describe(Finding f) => $"{f.RuleId} {f.Severity} {Describe(f.Span)} {f.Path} {f.LocationPath} {f.Object} {f.Message}";

    private static string Describe(SourceSpan s) => $"{s.Start.Line}:{s.Start.Column}@{s.Start.Offset}-{s.End.Line}:{s.End.Column}@{s.End.Offset}";
}
