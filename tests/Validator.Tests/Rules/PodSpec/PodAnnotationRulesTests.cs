using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Model;
using DaemonLint.Rules.DS1xxx;
using DaemonLint.Rules.Support;

namespace DaemonLint.Tests.Rules.PodSpec;

public sealed class PodAnnotationRulesTests
{
    [Theory]
    [InlineData("0", true)]
    [InlineData("-0", true)]
    [InlineData("7", true)]
    [InlineData("-100", true)]
    [InlineData("2147483647", true)]
    [InlineData("-2147483648", true)]
    [InlineData("-0002147483648", true)]
    [InlineData("2147483648", false)]
    [InlineData("-2147483649", false)]
    [InlineData("99999999999999999999", false)]
    [InlineData("", false)]
    [InlineData("-", false)]
    [InlineData("+1", false)]
    [InlineData("01", false)]
    [InlineData("00", false)]
    [InlineData(" 1", false)]
    [InlineData("1 ", false)]
    [InlineData("1.5", false)]
    [InlineData("1e3", false)]
    [InlineData("1_000", false)]
    [InlineData("٣", false)]
    public void DeletionCost_ParsesAsTheServerParsesIt(string value, bool valid) =>
        Assert.Equal(valid, DS1104PodAnnotationsMustBeValid.IsDeletionCost(value));

    [Theory]
    [InlineData("[{", "unexpected end of JSON input")]
    [InlineData("", "unexpected end of JSON input")]
    [InlineData("[] x", "invalid character 'x' after top-level value")]
    [InlineData("[1,]", "invalid character ']' looking for beginning of value")]
    [InlineData("{\"a\" 1}", "invalid character '1' after object key")]
    [InlineData("{1:2}", "invalid character '1' looking for beginning of object key string")]
    [InlineData("[1 2]", "invalid character '2' after array element")]
    [InlineData("{\"a\":1 \"b\"}", "invalid character '\"' after object key:value pair")]
    [InlineData("[tru]", "invalid character ']' in literal true (expecting 'e')")]
    [InlineData("[01]", "invalid character '1' after array element")]
    [InlineData("[-]", "invalid character ']' in numeric literal")]
    [InlineData("[1.]", "invalid character ']' after decimal point in numeric literal")]
    [InlineData("[1e]", "invalid character ']' in exponent of numeric literal")]
    [InlineData("[\"\\x\"]", "invalid character 'x' in string escape code")]
    [InlineData("[\"\\u12g4\"]", "invalid character 'g' in \\u hexadecimal character escape")]
    [InlineData("[\"a\tb\"]", "invalid character '\\t' in string literal")]
    [InlineData("'a'", "invalid character '\\'' looking for beginning of value")]
    public void GoJson_WordsSyntaxErrorsAsGoDoes(string json, string error)
    {
        Assert.False(GoJson.TryParse(json, out _, out var actual));
        Assert.Equal(error, actual);
    }

    [Fact]
    public void GoJson_DeepNesting_IsGosDepthError_NotAStackOverflow()
    {
        Assert.False(GoJson.TryParse(new string('[', 200_000), out _, out var error));
        Assert.Equal("exceeded max depth", error);
        Assert.True(GoJson.TryParse(new string('[', 9_999) + new string(']', 9_999), out _, out _));
    }

    [Theory]
    [InlineData("{}", "json: cannot unmarshal object into Go value of type []core.Toleration")]
    [InlineData("\"x\"", "json: cannot unmarshal string into Go value of type []core.Toleration")]
    [InlineData("[1]", "json: cannot unmarshal number into Go value of type core.Toleration")]
    [InlineData("[{\"key\": 5}, {\"effect\": true}]", "json: cannot unmarshal number into Go struct field Toleration.Key of type string")]
    [InlineData("[{\"tolerationSeconds\": 1e3}]", "json: cannot unmarshal number 1e3 into Go struct field Toleration.TolerationSeconds of type int64")]
    [InlineData("[{\"tolerationSeconds\": 9223372036854775808}]", "json: cannot unmarshal number 9223372036854775808 into Go struct field Toleration.TolerationSeconds of type int64")]
    [InlineData("[{\"tolerationSeconds\": \"5\"}]", "json: cannot unmarshal string into Go struct field Toleration.TolerationSeconds of type int64")]
    public void TolerationsAnnotation_TypeMismatch_IsAnError(string json, string error)
    {
        Assert.False(Tolerations.TryDecodeAnnotation(json, SourceSpan.None, out _, out var actual));
        Assert.Equal(error, actual);
    }

    [Fact]
    public void TolerationsAnnotation_DecodesLikeGo()
    {
        Assert.True(Tolerations.TryDecodeAnnotation(
            "[{\"KEY\": \"a\", \"key\": \"b\", \"Operator\": null, \"\u212Aey\": \"c\", \"tolerationSeconds\": -5, \"x\": {}}, null]",
            SourceSpan.None,
            out var tolerations,
            out _));
        Assert.Equal(2, tolerations.Count);
        Assert.Equal("c", ((ScalarNode)tolerations[0]["key"]!).Raw);
        Assert.Null(tolerations[0]["operator"]);
        Assert.Equal(-5, ((ScalarNode)tolerations[0]["tolerationSeconds"]!).IntValue);
        Assert.Empty(tolerations[1].Entries.ToList());
    }

    [Fact]
    public void TolerationsAnnotation_UndecodableValue_IsReportedAtTheAnnotations()
    {
        var f = PodSpecYaml.Single(
            RuleCatalog.DS1104_PodAnnotationsMustBeValid.Id,
            "containers: [{name: c, image: i}]",
            """
            annotations:
              scheduler.alpha.kubernetes.io/tolerations: "[{]" # expect: DS1104 spec.template.annotations
            """);
        Assert.Equal("Invalid value: \"scheduler.alpha.kubernetes.io/tolerations\": invalid character ']' looking for beginning of object key string", f.Message);
        Assert.Equal("The value must be a JSON list of tolerations; better, move them to spec.template.spec.tolerations", f.Hint);
    }
}
