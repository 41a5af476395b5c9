using System.Linq;
using DaemonLint.Model;
using DaemonLint.Parity.Yaml;
using DaemonLint.Yaml;

namespace DaemonLint.Parity.Tests;

public class YamlWriterTests
{
    [Theory]
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("on")]
    [InlineData("y")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("1.10")]
    [InlineData("0777")]
    [InlineData("0x1F")]
    [InlineData("1e3")]
    [InlineData("e3")]
    [InlineData(".inf")]
    [InlineData("-a")]
    [InlineData("a: b")]
    [InlineData("a #b")]
    [InlineData("'q'")]
    [InlineData("\"dq\"")]
    [InlineData("multi\nline")]
    [InlineData(" lead")]
    [InlineData("tab\there")]
    [InlineData("é ü")]
    [InlineData("a\\b")]
    [InlineData("{x}")]
    [InlineData("[x]")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("%x")]
    [InlineData("@x")]
    [InlineData("`x")]
    [InlineData("1:20")]
    [InlineData("example.com/a")]
    public void A_string_reads_back_as_the_same_string(string value)
    {
        var doc = new YMap().Add("apiVersion", YScalar.Str("v1")).Add("kind", YScalar.Str("ConfigMap")).Add("data", new YMap().Add(value.Length == 0 ? "k" : value, YScalar.Str(value)));
        var text = YamlWriter.Write(doc);
        var read = YamlManifestReader.ReadDocuments("t.yaml", text).Single();
        Assert.Empty(read.Problems);
        var data = (MappingNode)read.Objects.Single().Root["data"]!;
        var entry = data.Entries.Single();
        Assert.Equal(value.Length == 0 ? "k" : value, entry.Key);
        var scalar = Assert.IsType<ScalarNode>(entry.Value);
        Assert.Equal(ScalarType.String, scalar.Type);
        Assert.Equal(value, scalar.Raw);
    }

    [Theory]
    [InlineData("yes", ScalarType.Bool)]
    [InlineData("1.10", ScalarType.Float)]
    [InlineData("0777", ScalarType.Int)]
    [InlineData("null", ScalarType.Null)]
    [InlineData("8080", ScalarType.Int)]
    public void Raw_text_keeps_its_yaml_11_type(string raw, ScalarType type)
    {
        var doc = new YMap().Add("apiVersion", YScalar.Str("v1")).Add("kind", YScalar.Str("ConfigMap")).Add("v", YScalar.Raw(raw));
        var read = YamlManifestReader.ReadDocuments("t.yaml", YamlWriter.Write(doc)).Single();
        Assert.Equal(type, Assert.IsType<ScalarNode>(read.Objects.Single().Root["v"]).Type);
    }

    [Fact]
    public void Nested_lists_and_maps_round_trip()
    {
        var seeds = TestData.Seeds();
        foreach (var s in seeds)
        {
            var again = YamlManifestReader.ReadDocuments("t.yaml", s.Text).Single().Objects.Single();
            Assert.True(YNode.From(again.Root).SameAs(s.Document));
        }

        var nested = new YMap().Add("apiVersion", YScalar.Str("v1")).Add("kind", YScalar.Str("X"))
            .Add("l", YSeq.Of(YSeq.Of(YScalar.Int(1), new YMap()), new YMap().Add("a", YSeq.Of()), YScalar.Null()));
        var back = YNode.From(YamlManifestReader.ReadDocuments("t.yaml", YamlWriter.Write(nested)).Single().Objects.Single().Root);
        Assert.True(back.SameAs(nested), YamlWriter.Write(nested));
    }
}
