using System.Linq;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Tests.Yaml;

/// <summary>Plain scalars resolve as sigs.k8s.io/yaml (go-yaml v2, YAML 1.1) resolves them.</summary>
public sealed class ScalarResolutionTests
{
    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("YES", true)]
    [InlineData("no", false)]
    [InlineData("No", false)]
    [InlineData("NO", false)]
    [InlineData("on", true)]
    [InlineData("On", true)]
    [InlineData("ON", true)]
    [InlineData("off", false)]
    [InlineData("Off", false)]
    [InlineData("OFF", false)]
    [InlineData("y", true)]
    [InlineData("Y", true)]
    [InlineData("n", false)]
    [InlineData("N", false)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("FALSE", false)]
    public void Yaml11Booleans(string text, bool value)
    {
        var s = Value(text);
        Assert.Equal(ScalarType.Bool, s.Type);
        Assert.Equal(value, s.BoolValue);
    }

    [Theory]
    [InlineData("yEs")]
    [InlineData("oN")]
    [InlineData("tRUE")]
    [InlineData("yes please")]
    public void MixedCaseBooleanLookalikes_AreStrings(string text) => Assert.Equal(ScalarType.String, Value(text).Type);

    [Theory]
    [InlineData("0640", 416)]
    [InlineData("0744", 484)]
    [InlineData("0x1F", 31)]
    [InlineData("1_000", 1000)]
    [InlineData("-12", -12)]
    [InlineData("+7", 7)]
    [InlineData("0", 0)]
    [InlineData("0b101", 5)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Integers(string text, long value)
    {
        var s = Value(text);
        Assert.Equal(ScalarType.Int, s.Type);
        Assert.Equal(value, s.IntValue);
    }

    [Theory]
    [InlineData("1.10", 1.1)]
    [InlineData("1e3", 1000)]
    [InlineData("-0.5", -0.5)]
    [InlineData("08", 8)] // Go's ParseInt(s, 0, 64) fails on an 8 in octal; ParseFloat succeeds
    [InlineData("09.5", 9.5)]
    public void Floats(string text, double value)
    {
        var s = Value(text);
        Assert.Equal(ScalarType.Float, s.Type);
        Assert.Equal(value, s.Number, 6);
    }

    [Theory]
    [InlineData("1e3", 1000)]
    [InlineData("0999", 999)] // not octal (a 9), so the float 999
    [InlineData("1.0", 1)]
    [InlineData("-0.0", 0)]
    [InlineData(".5e1", 5)]
    [InlineData("0644.0", 644)] // a float is decimal whatever its leading zero
    [InlineData("1e-400", 0)] // Go's ParseFloat rounds an underflow to 0 without an error
    [InlineData(".5e1_0", 5000000000)]
    [InlineData("9.2e18", 9200000000000000000)]
    [InlineData("-9223372036854775808.0", long.MinValue)]
    public void IntegralFloats_ReachIntegerFieldsAsIntegers(string text, long value)
    {
        // sigs.k8s.io/yaml hands the float to encoding/json, which prints an integral value below 1e21 without a
        // fraction or exponent: the decoder then reads it into an int field like any integer.
        var s = Value(text);
        Assert.Equal(ScalarType.Float, s.Type);
        Assert.Equal(value, s.IntValue);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("9223372036854775807.0")] // the double is 2^63: out of int64's range
    [InlineData("1e19")]
    [InlineData("1e21")] // printed 1e+21
    [InlineData(".nan")]
    [InlineData(".inf")]
    public void FloatsWithoutAnInt64Value_HaveNoIntValue(string text) => Assert.Null(Value(text).IntValue);

    [Theory]
    [InlineData("1e400")] // ParseFloat fails with ErrRange: go-yaml keeps the text
    [InlineData("-1e400")]
    [InlineData(".1e400")]
    [InlineData("._5")] // after a leading dot, an underscore only between digits
    [InlineData(".5__0")]
    [InlineData(".5_e1")]
    public void FloatSpellingsGoYamlKeepsAsStrings(string text) => Assert.Equal(ScalarType.String, Value(text).Type);

    [Theory]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NULL")]
    [InlineData("")]
    public void Nulls(string text) => Assert.Equal(ScalarType.Null, Value(text).Type);

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("'yes'")]
    [InlineData("\"null\"")]
    [InlineData("'0640'")]
    [InlineData("!!str 1")]
    [InlineData("!!str yes")]
    [InlineData("10%")]
    [InlineData("1.2.3")]
    [InlineData("0x")]
    [InlineData("-Infinity")]
    [InlineData("+Inf")]
    [InlineData("2001-12-14")]
    [InlineData("1e")]
    [InlineData("|\n    yes")]
    public void Strings(string text)
    {
        var s = Value(text);
        Assert.Equal(ScalarType.String, s.Type);
        Assert.Null(s.IntValue);
    }

    [Theory]
    [InlineData(".inf", double.PositiveInfinity)]
    [InlineData("-.Inf", double.NegativeInfinity)]
    [InlineData(".5", 0.5)]
    public void Yaml11FloatSpellings(string text, double value)
    {
        var s = Value(text);
        Assert.Equal(ScalarType.Float, s.Type);
        Assert.Equal(value, s.Number);
    }

    [Fact]
    public void QuotedScalar_KeepsRawTextAndIsMarkedQuoted()
    {
        var s = Value("'0640'");
        Assert.Equal("0640", s.Raw);
        Assert.True(s.Quoted);
        Assert.False(Value("0640").Quoted);
    }

    [Fact]
    public void ResolvePlain_AgreesWithTheReader()
    {
        foreach (var text in new[] { "yes", "0640", "1.10", "08", "~", "abc" })
        {
            Assert.Equal(ScalarResolver.ResolvePlain(text, out _, out _), Value(text).Type);
        }
    }

    private static ScalarNode Value(string yamlValue)
    {
        var doc = YamlManifestReader.ReadDocuments("t.yaml", "kind: X\nv: " + yamlValue + "\n").Single();
        Assert.Empty(doc.Problems);
        return Assert.IsType<ScalarNode>(doc.Objects.Single().Root["v"]);
    }
}
