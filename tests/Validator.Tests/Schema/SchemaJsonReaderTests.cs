using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Model;
using DaemonLint.Schema;
using DaemonLint.Yaml;

namespace DaemonLint.Tests.Schema;

public sealed class SchemaJsonReaderTests
{
    private static byte[] Embedded()
    {
        using var stream = typeof(SchemaSet).Assembly.GetManifestResourceStream("DaemonLint.Schema.kubernetes.json")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public void TheEmbeddedSchema_ReadsAsTheYamlFrontEndReadsIt()
    {
        // JSON is YAML: the front end every manifest goes through is the reference for the schema's own small reader.
        var bytes = Embedded();
        var fromBytes = SchemaJsonReader.Parse(new MemoryStream(bytes));
        var fromYaml = YamlManifestReader.ReadDocuments("kubernetes.json", Encoding.UTF8.GetString(bytes)).Single().Objects.Single().Root;

        var compared = AssertSameTree(fromYaml, fromBytes, "$");
        Assert.True(compared > 2000, $"only {compared} nodes compared");
    }

    [Fact]
    public void Strings_Escapes_NonAscii_Numbers_AndLiterals()
    {
        var root = (MappingNode)SchemaJsonReader.Parse(
            "{\"a\\n\\t\\\"\\\\\\/\\u00e9\": \"é€𝄞\", \"i\": -42, \"f\": 1.5e3, \"t\": true, \"n\": null, \"e\": {}, \"l\": [[], [1, \"x\"]]}");

        Assert.Equal(new[] { "a\n\t\"\\/é", "i", "f", "t", "n", "e", "l" }, root.Entries.Select(e => e.Key).ToArray());
        Assert.Equal("é€𝄞", ((ScalarNode)root["a\n\t\"\\/é"]!).Raw);
        var i = (ScalarNode)root["i"]!;
        Assert.Equal((ScalarType.Int, -42L), (i.Type, i.IntValue!.Value));
        var f = (ScalarNode)root["f"]!;
        Assert.Equal((ScalarType.Float, 1500.0), (f.Type, f.Number));
        Assert.True(((ScalarNode)root["t"]!).BoolValue);
        Assert.True(root["n"]!.IsNull);
        Assert.Equal(0, ((MappingNode)root["e"]!).Count);
        var l = (SequenceNode)root["l"]!;
        Assert.Equal(0, ((SequenceNode)l.Items[0]).Count);
        Assert.Equal(new[] { "1", "x" }, ((SequenceNode)l.Items[1]).Items.Cast<ScalarNode>().Select(s => s.Raw).ToArray());
    }

    [Fact]
    public void RepeatedStrings_AreOneInstance()
    {
        var root = (SequenceNode)SchemaJsonReader.Parse("[{\"type\": \"string\"}, {\"type\": \"string\"}]");
        var a = ((MappingNode)root.Items[0]).Entries[0];
        var b = ((MappingNode)root.Items[1]).Entries[0];
        Assert.Same(a.Key, b.Key);
        Assert.Same(((ScalarNode)a.Value).Raw, ((ScalarNode)b.Value).Raw);
    }

    [Fact]
    public void AByteOrderMark_IsSkipped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"k\": 1}")).ToArray();
        Assert.Equal("k", ((MappingNode)SchemaJsonReader.Parse(new MemoryStream(bytes))).Entries[0].Key);
    }

    [Theory]
    [InlineData("{\"a\": \"\\x\"}", "invalid escape")]
    [InlineData("{\"a\": \"\\u12G4\"}", "invalid escape")]
    [InlineData("{\"a\": \"open", "unterminated string")]
    [InlineData("{\"a\": 1} x", "trailing characters")]
    [InlineData("{\"a\": tru}", "unexpected word")]
    [InlineData("{\"a\": @}", "unexpected character")]
    [InlineData("{\"a\" 1}", "expected ':'")]
    [InlineData("[1, 2", "expected ']'")]
    public void BadJson_IsAnInvalidDataError(string json, string what)
    {
        var ex = Assert.Throws<InvalidDataException>(() => SchemaJsonReader.Parse(json));
        Assert.StartsWith("schema JSON: " + what + " at byte ", ex.Message);
    }

    [Fact]
    public void InvalidUtf8_IsAnInvalidDataError()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"a\": \"xx\"}");
        bytes[7] = 0xC3; // a lead byte followed by 'x'
        var ex = Assert.Throws<InvalidDataException>(() => SchemaJsonReader.Parse(new MemoryStream(bytes)));
        Assert.StartsWith("schema JSON: invalid UTF-8", ex.Message);
    }

    private static int AssertSameTree(ManifestNode expected, ManifestNode actual, string path)
    {
        Assert.True(expected.Kind == actual.Kind, $"{path}: {expected.Kind} against {actual.Kind}");
        switch (expected)
        {
            case MappingNode m:
                var am = (MappingNode)actual;
                Assert.True(m.Count == am.Count, $"{path}: {m.Count} entries against {am.Count}");
                var n = 1;
                for (var i = 0; i < m.Count; i++)
                {
                    Assert.Equal(m.Entries[i].Key, am.Entries[i].Key);
                    n += AssertSameTree(m.Entries[i].Value, am.Entries[i].Value, path + "." + m.Entries[i].Key);
                }

                return n;
            case SequenceNode q:
                var aq = (SequenceNode)actual;
                Assert.True(q.Count == aq.Count, $"{path}: {q.Count} items against {aq.Count}");
                var c = 1;
                for (var i = 0; i < q.Count; i++)
                {
                    c += AssertSameTree(q.Items[i], aq.Items[i], $"{path}[{i}]");
                }

                return c;
            default:
                var s = (ScalarNode)expected;
                var a = (ScalarNode)actual;
                Assert.True(s.Raw == a.Raw && s.Type == a.Type && s.Number.Equals(a.Number), $"{path}: {s.Raw} ({s.Type}) against {a.Raw} ({a.Type})");
                return 1;
        }
    }
}
